"""Moodle's Aiken format: one right answer among lettered options, as plain text.

The format, as Moodle's documentation ("Aiken format") and its importer
(``question/format/aiken/format.php``) define it::

    What is the capital of Belarus?
    A) Minsk
    B. Vilnius
    C) Riga
    ANSWER: A

- the question's text, then one option a line: a capital letter, ``)`` or ``.``, an
  optional space or tab, the option's text; then ``ANSWER:`` and the right option's letter.
  Moodle reads the options' letters in order (the first option is A whatever it is
  called), so an option lettered out of order would change which one is right: such a
  question is skipped with the reason rather than guessed.
- Blank lines between questions; any line ending (``\\r\\n``, ``\\r``, ``\\n``).

Where a teacher writing by hand is met half way (Moodle itself is stricter):

- The question's text may run over several lines, up to its first option; the lines
  are kept as lines. A blank line before any option ends the text: text that is followed
  by a blank line and more text is not a question (a heading, a question that lost its
  options) and is skipped with the reason.
- ``ANSWER`` may be written in any case (``Answer: b``), with spaces before the colon, and
  its letter in either case, with a ``)`` or ``.`` after it; options may also be lettered
  ``a)`` (small letter, then a space).

The game holds a question of 2 to 6 options (letters A to F), each its own text, at most
200 characters; anything else, and every question whose ANSWER line is missing or names
no option, is skipped with the reason, placed at the line and column where it is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import get_args

from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.models import MAX_CHOICES, MIN_CHOICES, ShortText, Text
from clarity.core.packs.report import shown
from clarity.formats.source import Skipped, SourceQuestion, SourceRead
from clarity.formats.text_positions import numbered_lines

# The pack's own limits on a choice's and a prompt's length (clarity.core.packs.models).
_CHOICE_LIMIT: int = get_args(ShortText)[1].max_length
_PROMPT_LIMIT: int = get_args(Text)[1].max_length

# Moodle: /^[A-Z][).][ \t]?/. A small letter counts too when a space follows ("a) Minsk"),
# which keeps "e.g." and "i.e." at the start of a question's text out of the options.
_OPTION = re.compile(r"(?:([A-Z])[).][ \t]?|([a-z])[).][ \t]+)(.*)")
_ANSWER = re.compile(r"answer[ \t]*:", re.IGNORECASE)
_ANSWER_LETTER = re.compile(r"([A-Za-z])[).]?")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class _Option:
    letter: str  # as written, upper case
    text: str
    line: int
    column: int


@dataclass
class _Draft:
    """A question being read: its text lines, then its options."""

    line: int
    column: int
    text: list[str]
    options: list[_Option] = field(default_factory=list)
    blank_after_text: bool = False


def read_aiken(text: str) -> SourceRead:
    """Every Aiken question of ``text`` as a pack choice question.

    ``text`` is the whole file, already decoded (no BOM). Returns the questions in file
    order, each ``{"type": "choice", "prompt", "choices", "answer"}`` placed at the line
    and column where its text starts, and a :class:`Skipped` for each question that cannot
    be taken, at the line and column of what is wrong. Never raises for a bad question;
    any text can be read (text with no question in it gives no questions).
    """
    questions: list[SourceQuestion] = []
    skipped: list[Skipped] = []
    draft: _Draft | None = None
    orphan = False  # inside options that have no question: one skip says it for them all

    def close_unanswered(current: _Draft) -> None:
        if current.options:
            last = current.options[-1].line
            skipped.append(
                Skipped(
                    last + 1,
                    1,
                    message(
                        'the question on line {line} has no "ANSWER:" line after its options; '
                        'add one here, such as "ANSWER: A"',
                        line=str(current.line),
                    ),
                )
            )
        else:
            skipped.append(
                Skipped(
                    current.line,
                    current.column,
                    message(
                        "this text has no options after it, so it is not a question; an Aiken "
                        'question is its text, its options "A) …", then "ANSWER: A"'
                    ),
                )
            )

    for number, raw in numbered_lines(text):
        stripped = raw.strip()
        column = len(raw) - len(raw.lstrip()) + 1
        if not stripped:
            if draft is not None and not draft.options:
                draft.blank_after_text = True
            continue
        answer = _ANSWER.match(stripped)
        if answer is not None:
            if draft is None:
                if not orphan:
                    skipped.append(
                        Skipped(
                            number,
                            column,
                            message(
                                '"ANSWER:" comes before any question; an Aiken question is '
                                'its text, its options, then "ANSWER:"'
                            ),
                        )
                    )
            else:
                after = column - 1 + answer.end()
                taken = _finish(draft, number, column, raw, after)
                if isinstance(taken, Skipped):
                    skipped.append(taken)
                else:
                    questions.append(taken)
            draft = None
            orphan = False
            continue
        option = _OPTION.fullmatch(stripped)
        if option is not None:
            letter = (option.group(1) or option.group(2)).upper()
            if draft is None:
                if not orphan:
                    skipped.append(
                        Skipped(
                            number,
                            column,
                            message(
                                'the option "{label}" comes before any question text; an '
                                "Aiken question starts with its text, then its options",
                                label=stripped[:2],
                            ),
                        )
                    )
                orphan = True
                continue
            draft.options.append(_Option(letter, option.group(3).strip(), number, column))
            continue
        orphan = False
        if draft is not None and not draft.options and not draft.blank_after_text:
            draft.text.append(stripped)
            continue
        if draft is not None:
            close_unanswered(draft)
        draft = _Draft(number, column, [stripped])
    if draft is not None:
        close_unanswered(draft)
    return SourceRead(questions=tuple(questions), skipped=tuple(skipped))


def _finish(
    draft: _Draft, line: int, column: int, raw: str, after: int
) -> SourceQuestion | Skipped:
    """The question ``draft`` closed by the ANSWER line ``raw`` (number ``line``, its text
    from ``column``; ``after``: the offset in ``raw`` just after "ANSWER:")."""
    problem = _options_problem(draft.options)
    if problem is not None:
        return problem
    if len(draft.options) < MIN_CHOICES:
        return Skipped(
            line,
            column,
            message(
                "a choice question needs at least {least} choices; this one has {count}",
                least=MIN_CHOICES,
                count=len(draft.options),
            ),
        )
    prompt = "\n".join(draft.text)
    if len(prompt) > _PROMPT_LIMIT:
        return Skipped(draft.line, draft.column, _too_long_question(len(prompt)))
    rest = raw[after:]
    value = rest.strip()
    value_column = after + len(rest) - len(rest.lstrip()) + 1
    if not value:
        return Skipped(
            line,
            value_column,
            message(
                '"ANSWER:" names no letter; write the right option\'s letter after it, '
                'such as "ANSWER: B"'
            ),
        )
    letter = _ANSWER_LETTER.fullmatch(value)
    if letter is None:
        return Skipped(
            line,
            value_column,
            message(
                '"{value}" after "ANSWER:" is not one letter; Aiken names the one right '
                'option by its letter, such as "ANSWER: B"',
                value=shown(value),
            ),
        )
    index = _LETTERS.index(letter.group(1).upper())
    if index >= len(draft.options):
        return Skipped(
            line,
            value_column,
            message(
                '"ANSWER: {letter}" names no option; the options go from A to {last}',
                letter=letter.group(1),
                last=draft.options[-1].letter,
            ),
        )
    choices = [option.text for option in draft.options]
    fields = {
        "type": "choice",
        "prompt": prompt,
        "choices": choices,
        "answer": choices[index],
    }
    return SourceQuestion(fields=fields, line=draft.line, column=draft.column)


def _options_problem(options: list[_Option]) -> Skipped | None:
    """The first thing wrong with ``options`` that the game cannot hold, placed at its
    option; None when every option can be a choice."""
    seen: dict[str, str] = {}
    for index, option in enumerate(options):
        if index == MAX_CHOICES:
            return Skipped(
                option.line,
                option.column,
                message(
                    "a choice question has at most {limit} choices; this one has {count}",
                    limit=MAX_CHOICES,
                    count=len(options),
                ),
            )
        expected = _LETTERS[index]
        if option.letter != expected:
            return Skipped(
                option.line,
                option.column,
                message(
                    "option {letter} comes where option {expected} should; letter the options "
                    "A, B, C… in order (Moodle counts them in order, whatever their letters)",
                    letter=option.letter,
                    expected=expected,
                ),
            )
        if not option.text:
            return Skipped(
                option.line,
                option.column,
                message("option {letter} has no text", letter=option.letter),
            )
        if len(option.text) > _CHOICE_LIMIT:
            return Skipped(
                option.line,
                option.column,
                plural_message(
                    "option {letter} is {count} character long; a choice has at most {limit}",
                    "option {letter} is {count} characters long; a choice has at most {limit}",
                    len(option.text),
                    letter=option.letter,
                    limit=_CHOICE_LIMIT,
                ),
            )
        key = unicodedata.normalize("NFC", option.text).casefold()
        if key in seen:
            return Skipped(
                option.line,
                option.column,
                message(
                    'options {first} and {second} are the same, "{text}"; each choice of a '
                    "question must be different",
                    first=seen[key],
                    second=option.letter,
                    text=shown(option.text),
                ),
            )
        seen[key] = option.letter
    return None


def _too_long_question(count: int) -> Message:
    return plural_message(
        "the question is {count} character long; a question has at most {limit}",
        "the question is {count} characters long; a question has at most {limit}",
        count,
        limit=_PROMPT_LIMIT,
    )
