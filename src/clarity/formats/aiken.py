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
- Options lettered in Cyrillic, as a Russian or Belarusian teacher types them on a
  Cyrillic keyboard: ``А) … Б) … В) … Г) … Д) … Е) …`` (the first letters of both
  alphabets; a list is lettered А, Б, В, Г, Д, Е, Ж, З, passing over Ё), with
  ``ANSWER: Б``. В is the THIRD option, though it looks like the Latin B; Latin A, B, C, E
  and Cyrillic А, В, С, Е look alike. So a question's options are read in the alphabet
  their letters fit in order (a look-alike of the other alphabet stands for its twin: a
  Latin B among Cyrillic options is В), and its ANSWER letter in the same alphabet; when
  the ANSWER letter is in the other alphabet and could name two options (a Latin B with
  Cyrillic options: the second, B, or the third, В), the question is skipped at its first
  option, asking for Latin letters. A Cyrillic letter is an option only inside a question
  (after its text) and not before an initial (``А. С. Пушкин`` starts a question's text).

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
# Cyrillic options (see the module): a capital letter then ")" or "." (an optional space),
# or a small one then a space; not an initial ("А. С. Пушкин").
_CYRILLIC_OPTION = re.compile(
    r"(?:([АБВГДЕЖЗС])[).][ \t]?+|([абвгдежзс])[).][ \t]++)(?![А-ЯЁІЎ]\.)(.*)"
)
_ANSWER_LETTER = re.compile(r"([A-Za-zА-яЁёІіЎў])[).]?")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# How Russian and Belarusian letter a list (Ё and Й passed over).
_CYRILLIC_LETTERS = "АБВГДЕЖЗ"
# Capital letters of the two alphabets that look the same.
_TO_LATIN = str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX")
_TO_CYRILLIC = str.maketrans("ABEKMHOPCTX", "АВЕКМНОРСТХ")
_ALPHABETS = {"latin": (_LETTERS, _TO_LATIN), "cyrillic": (_CYRILLIC_LETTERS, _TO_CYRILLIC)}


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
        if option is None and draft is not None:
            option = _CYRILLIC_OPTION.fullmatch(stripped)
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
    script = _script_of(draft.options)
    problem = _options_problem(draft.options, script)
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
    named = letter.group(1).upper()
    readings = {_position(named, script), _position(named, _script_of_letter(named))} - {None}
    if len(readings) > 1:
        first = draft.options[0]
        low, high = sorted(index for index in readings if index is not None)
        return Skipped(
            first.line,
            first.column,
            message(
                '"ANSWER: {letter}" could name option {one} or option {other}: Cyrillic and '
                "Latin letters that look alike are mixed; use Latin letters A) B) for the "
                'options and the answer, such as "ANSWER: B"',
                letter=letter.group(1),
                one=_first_letters(script)[low],
                other=_first_letters(script)[high],
            ),
        )
    index = readings.pop() if readings else None
    if index is None or index >= len(draft.options):
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


def _first_letters(script: str) -> str:
    """The letters a list is lettered with in ``script`` ("latin" or "cyrillic"), in order."""
    return _ALPHABETS[script][0]


def _script_of_letter(letter: str) -> str:
    return "cyrillic" if "\u0400" <= letter <= "\u04ff" else "latin"


def _position(letter: str, script: str) -> int | None:
    """Which option (0 for the first) the capital ``letter`` names in ``script``'s
    lettering: a letter of the other alphabet by its look-alike (Cyrillic В is Latin B,
    Latin B is Cyrillic В); None when it names none."""
    letters, twins = _ALPHABETS[script]
    letter = letter.translate(twins)
    return letters.index(letter) if letter in letters else None


def _script_of(options: list[_Option]) -> str:
    """The alphabet ``options`` are lettered in: the one their letters fit in order, else
    the one most of them are written in (Latin, Moodle's, when as many)."""
    fitting = [
        script
        for script in _ALPHABETS
        if all(_position(option.letter, script) == index for index, option in enumerate(options))
    ]
    if len(fitting) == 1:
        return fitting[0]
    cyrillic = sum(_script_of_letter(option.letter) == "cyrillic" for option in options)
    return "cyrillic" if cyrillic > len(options) - cyrillic else "latin"


def _options_problem(options: list[_Option], script: str) -> Skipped | None:
    """The first thing wrong with ``options`` (lettered in ``script``) that the game cannot
    hold, placed at its option; None when every option can be a choice."""
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
        expected = _first_letters(script)[index]
        # a letter of the other alphabet stands for its look-alike or for itself
        if index not in (
            _position(option.letter, script),
            _position(option.letter, _script_of_letter(option.letter)),
        ):
            if script == "cyrillic":
                return Skipped(
                    option.line,
                    option.column,
                    message(
                        "option {letter} comes where option {expected} should; letter the "
                        "options А, Б, В… in order (Moodle counts them in order, whatever "
                        "their letters)",
                        letter=option.letter,
                        expected=expected,
                    ),
                )
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
