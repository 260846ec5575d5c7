"""Quizlet's export text: a set's cards, each a term and its definition.

Quizlet's "Export" (on a set's "…" menu) gives the cards as text with two choices:
"Between term and definition": Tab (the default), Comma or Custom; "Between rows": New
line (the default), Semicolon or Custom. Nothing is quoted or escaped, so a definition may
hold the very separator that ends its term: each card is split at its FIRST term
separator (a term is a word or a name; it is the definition that holds commas).

Which way round: the student reads the definition and types the term. A Quizlet term is
what is learned (a word, a name, a date: short), its definition says it (often a whole
sentence); a typed answer has to be short to be typed and judged fairly, so the term is
the answer, as in Quizlet's own "Answer with: Term". With ``as_choice`` the terms of
three other cards are the wrong choices instead, for a class that should not type.

When a separator is not given it is found from the text: between term and definition a
tab when the text holds one, else a comma; between cards a new line, or a semicolon when
the whole export is one line whose every semicolon-separated piece holds the term
separator. A separator given is taken as it is written, except: a line break given as the
card separator means any line break; Quizlet's own names of its choices ("tab", "comma",
"semicolon", "new line") and the escapes a teacher types where a tab cannot be typed (a
backslash then t, a backslash then n) stand for their characters.

Positions are the card's first character, so cards that share one line (semicolon between
rows) are told apart by their column.
"""

from __future__ import annotations

import random
import re
import unicodedata
from typing import get_args

from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.models import ShortText, Text
from clarity.core.packs.report import shown
from clarity.formats.source import Skipped, SourceQuestion, SourceRead
from clarity.formats.text_positions import LINE_BREAK, TextPositions

# The pack's own limits (clarity.core.packs.models): an answer or a choice, a prompt.
_ANSWER_LIMIT: int = get_args(ShortText)[1].max_length
_PROMPT_LIMIT: int = get_args(Text)[1].max_length
_WRONG_CHOICES = 3  # with the right one, the four choices of a usual quiz
_LINE_BREAKS = ("\n", "\r\n", "\r")
_SEPARATOR_NAMES = {
    "tab": "\t",
    "\\t": "\t",
    "comma": ",",
    "semicolon": ";",
    "new line": "\n",
    "newline": "\n",
    "\\n": "\n",
    "\\r\\n": "\n",
}


def read_quizlet(
    text: str,
    *,
    term_separator: str | None = None,
    card_separator: str | None = None,
    as_choice: bool = False,
    rng: random.Random,
) -> SourceRead:
    """Every card of a Quizlet export ``text`` as a pack question.

    ``term_separator`` / ``card_separator``: what Quizlet's export put between term and
    definition and between cards (None or "": found from the text, see the module).
    Each card becomes ``{"type": "typed", "prompt": definition, "answer": term}``; with
    ``as_choice``, ``{"type": "choice", "prompt": definition, "choices": [term, and up to
    three other cards' terms drawn with rng], "answer": term}``. A question is placed at its
    card's first character. Cards without a term or definition, a term longer than an
    answer may be (200 characters), a definition longer than a question (2000), and, with
    ``as_choice``, a card with no other term to offer as a wrong choice, are skipped with
    the reason. Blank cards are passed over. Never raises for a card.
    """
    term_sep = separator_named(term_separator or "") or ("\t" if "\t" in text else ",")
    card_sep = separator_named(card_separator or "") or _find_card_separator(text, term_sep)
    positions = TextPositions(text)
    cards: list[tuple[int, int, str, str]] = []  # line, column, term, definition
    skipped: list[Skipped] = []
    for offset, piece in _pieces(text, card_sep):
        if not piece.strip():
            continue
        # the card starts at its first character, or at its separator when it has no term
        cut = piece.find(term_sep)
        start = len(piece) - len(piece.lstrip())
        line, column = positions.at(offset + (min(start, cut) if cut >= 0 else start))
        if cut < 0:
            skipped.append(Skipped(line, column, _no_separator(term_sep, term_separator)))
            continue
        term = " ".join(piece[:cut].split())
        definition = LINE_BREAK.sub("\n", piece[cut + len(term_sep) :].strip())
        problem = _card_problem(term, definition)
        if problem is not None:
            skipped.append(Skipped(line, column, problem))
            continue
        cards.append((line, column, term, definition))
    questions: list[SourceQuestion] = []
    # every different term once, in file order: the wrong choices' pool, built once so that
    # a set of 100,000 cards is read in linear time
    pool: dict[str, str] = {}
    for card in cards:
        pool.setdefault(_key(card[2]), card[2])
    places = {key: index for index, key in enumerate(pool)}
    distinct = list(pool.values())
    for line, column, term, definition in cards:
        if not as_choice:
            fields = {"type": "typed", "prompt": definition, "answer": term}
            questions.append(SourceQuestion(fields=fields, line=line, column=column))
            continue
        wrong = _wrong_choices(places[_key(term)], distinct, len(cards), rng)
        if isinstance(wrong, Message):
            skipped.append(Skipped(line, column, wrong))
            continue
        fields = {
            "type": "choice",
            "prompt": definition,
            "choices": [term, *wrong],
            "answer": term,
        }
        questions.append(SourceQuestion(fields=fields, line=line, column=column))
    skipped.sort(key=lambda one: (one.line, one.column))
    return SourceRead(questions=tuple(questions), skipped=tuple(skipped))


def separator_named(written: str) -> str:
    """The separator a teacher wrote: Quizlet's names of its choices and the escapes
    ``\\t`` and ``\\n`` as their characters (any case, spaces around them ignored), any
    other text as it is; "" stays "" (not given)."""
    return _SEPARATOR_NAMES.get(" ".join(written.split()).casefold(), written)


def _find_card_separator(text: str, term_sep: str) -> str:
    lines = [line for line in LINE_BREAK.split(text) if line.strip()]
    if len(lines) == 1 and ";" in text:
        pieces = [piece for piece in lines[0].split(";") if piece.strip()]
        if len(pieces) > 1 and all(term_sep in piece for piece in pieces):
            return ";"
    return "\n"


def _pieces(text: str, separator: str) -> list[tuple[int, str]]:
    """``text`` cut at each ``separator`` (any line break for a line break), each piece
    with the offset where it starts."""
    pattern = LINE_BREAK if separator in _LINE_BREAKS else re.compile(re.escape(separator))
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in pattern.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return pieces


def _no_separator(separator: str, given: str | None) -> Message:
    if separator == "\t":
        return message("this card has no tab between its term and its definition")
    if not given:
        return message(
            "this card has no tab or comma between its term and its definition; if the set "
            "was exported with a separator of your own, name it (--separator)"
        )
    return message(
        'this card has no "{separator}" between its term and its definition',
        separator=shown(separator),
    )


def _card_problem(term: str, definition: str) -> Message | None:
    if not term:
        return message("this card has no term")
    if not definition:
        return message("this card has no definition")
    if len(term) > _ANSWER_LIMIT:
        return plural_message(
            "the term is {count} character long; an answer has at most {limit}",
            "the term is {count} characters long; an answer has at most {limit}",
            len(term),
            limit=_ANSWER_LIMIT,
        )
    if len(definition) > _PROMPT_LIMIT:
        return plural_message(
            "the definition is {count} character long; a question has at most {limit}",
            "the definition is {count} characters long; a question has at most {limit}",
            len(definition),
            limit=_PROMPT_LIMIT,
        )
    return None


def _key(text: str) -> str:
    # the pack's own test of two choices being the same (ChoiceQuestion._choices_distinct)
    return unicodedata.normalize("NFC", text).casefold()


def _wrong_choices(
    own: int, distinct: list[str], cards: int, rng: random.Random
) -> list[str] | Message:
    """Up to three other terms, different from the card's own (``distinct[own]``) and from
    each other, drawn with ``rng`` from ``distinct`` (every different term of the set's
    ``cards`` cards, in file order)."""
    if cards < 2:
        return message(
            "a choice question needs other cards' terms as its wrong choices, and this set "
            "has only one card"
        )
    if len(distinct) < 2:
        return message("every other card has the same term, so there is no wrong choice to offer")
    count = min(_WRONG_CHOICES, len(distinct) - 1)
    # one more than needed, so that the card's own term can be dropped from the draw
    drawn = rng.sample(range(len(distinct)), count + 1)
    return [distinct[index] for index in drawn if index != own][:count]
