"""Question-pack models (format v1).

These pydantic models are the contract a teacher writes against; the JSON Schema in
``schema/pack.schema.json`` is generated from them. Loading a file is
:mod:`clarity.core.packs.loader`; it turns YAML into plain data with positions
(:mod:`clarity.core.packs.plain_yaml`) and validation errors into ``file:line:col`` messages
(:mod:`clarity.core.packs.problems`).

Messages are written for teachers, as translatable core Messages
(:mod:`clarity.core.messages`). A ``ValueError`` raised by a validator holds a Message,
or a :class:`~clarity.core.packs.report.Located` Message that says where in the model it
applies (``answer``, ``choices[2]``: for example ``answer: "c" is not one of the
choices``); the loader moves the reported line and column to that field or item.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from clarity.core.messages import N_, Message, message
from clarity.core.number_reading import conventions_for, read_number
from clarity.core.packs.lookalikes import lookalike_words
from clarity.core.packs.report import Located, and_list

FORMAT_VERSION = 1
MIN_GRID_SIDE = 1
MAX_GRID_SIDE = 20
MIN_TIME_LIMIT = 5
MAX_TIME_LIMIT = 300
MIN_CHOICES = 2
MAX_CHOICES = 6

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=64),
]
TimeLimit = Annotated[int, Field(ge=MIN_TIME_LIMIT, le=MAX_TIME_LIMIT)]
_GRID_RE = re.compile(r"^\s*(\d+)\s*[xX×]\s*(\d+)\s*$")


class QuestionType(StrEnum):
    CHOICE = "choice"
    TRUEFALSE = "truefalse"
    TYPED = "typed"
    NUMBER = "number"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Grid(_Model):
    """Rows by columns of tiles over a mystery image."""

    rows: int = Field(ge=MIN_GRID_SIDE, le=MAX_GRID_SIDE)
    cols: int = Field(ge=MIN_GRID_SIDE, le=MAX_GRID_SIDE)

    @model_validator(mode="after")
    def _at_least_two_tiles(self) -> Grid:
        # a round needs one tile to uncover and one to keep hidden, however the grid is written
        if self.tiles < 2:
            raise ValueError(
                message("{grid} has fewer than two tiles; the smallest grid is 1x2", grid=str(self))
            )
        return self

    @property
    def tiles(self) -> int:
        return self.rows * self.cols

    def __str__(self) -> str:
        return f"{self.rows}x{self.cols}"


def parse_grid(value: object) -> object:
    """Accept ``"4x5"`` as written in a pack; anything else goes to normal validation."""
    if isinstance(value, str):
        match = _GRID_RE.match(value)
        if not match:
            raise ValueError(
                message('"{grid}" is not a grid; write rows x columns, for example 4x5', grid=value)
            )
        rows, cols = int(match.group(1)), int(match.group(2))
        if not (MIN_GRID_SIDE <= rows <= MAX_GRID_SIDE and MIN_GRID_SIDE <= cols <= MAX_GRID_SIDE):
            raise ValueError(
                message(
                    '"{grid}" is out of range; rows and columns go from {low} to {high} '
                    "(1x2 up to 20x20)",
                    grid=value,
                    low=MIN_GRID_SIDE,
                    high=MAX_GRID_SIDE,
                )
            )
        if rows * cols < 2:
            raise ValueError(
                message('"{grid}" has fewer than two tiles; the smallest grid is 1x2', grid=value)
            )
        return {"rows": rows, "cols": cols}
    return value


def find_duplicate_ids(ids: Sequence[str | None]) -> list[tuple[int, str, int]]:
    """Every repeated id as ``(index, id, index of its first use)``; ``None`` ids are skipped."""
    first: dict[str, int] = {}
    repeats: list[tuple[int, str, int]] = []
    for index, value in enumerate(ids):
        if value is None:
            continue
        if value in first:
            repeats.append((index, value, first[value]))
        else:
            first[value] = index
    return repeats


def duplicate_id_message(index: int, value: str, first_index: int) -> Located:
    """The message for a question id used twice, located at ``questions[index].id``."""
    first = f"questions[{first_index}]"
    # Translators: {other} is where the id is first used, a field name: questions[3].
    said = message('the id "{id}" is already used by {other}', id=value, other=first)
    return Located(f"questions[{index}].id", said)


class Mystery(_Model):
    """One mystery image: what a round uncovers and asks the class to guess."""

    image: ShortText = Field(
        description="Relative path: first next to the pack file, then in the bundled assets."
    )
    answer: ShortText = Field(description="What the image shows: the mystery to guess.")
    accept: tuple[ShortText, ...] = Field(default=(), description="Other accepted guesses.")
    caption: Text | None = Field(
        default=None, description="A fact shown when the image is fully revealed."
    )
    # Written as text ("4x5") in a pack, so the schema describes the text, not the model.
    grid: Annotated[
        Grid,
        WithJsonSchema(
            {"type": "string", "pattern": r"^\s*\d+\s*[xX×]\s*\d+\s*$", "default": "4x5"}
        ),
    ] = Field(
        default_factory=lambda: Grid(rows=4, cols=5),
        description="rows x columns, from 1x2 up to 20x20",
    )

    _parse_grid = field_validator("grid", mode="before")(parse_grid)


class _QuestionBase(_Model):
    id: Slug | None = Field(default=None, description="Optional stable id, unique in the pack.")
    prompt: Text
    explain: Text | None = Field(default=None, description="Shown after the answer.")
    image: ShortText | None = Field(default=None, description="Optional picture for the question.")
    time_limit: TimeLimit | None = Field(default=None, description="Seconds, 5 to 300.")
    difficulty: Difficulty = Difficulty.MEDIUM
    tags: tuple[ShortText, ...] = ()


class ChoiceQuestion(_QuestionBase):
    type: Literal[QuestionType.CHOICE]
    choices: tuple[ShortText, ...] = Field(min_length=MIN_CHOICES, max_length=MAX_CHOICES)
    answer: ShortText | tuple[ShortText, ...] = Field(
        description=(
            "The text of the right choice, or a list of right choices when more than one "
            "counts (any of them is right)."
        )
    )
    shuffle: bool = Field(
        default=True,
        description=(
            "Whether the game deals the choices in an order of its own each round (true, "
            "the default), or shows them as written (false: for an order that matters, "
            'such as "All of the above" last).'
        ),
    )

    # Field validators, not one model validator: a field check still runs when another
    # field of the same question is wrong, so a teacher sees every problem at once.
    @field_validator("choices")
    @classmethod
    def _choices_distinct(cls, choices: tuple[str, ...]) -> tuple[str, ...]:
        seen: dict[str, int] = {}
        for index, choice in enumerate(choices):
            key = _nfc(choice).casefold()
            if key in seen:
                raise ValueError(
                    _listed_twice(f"choices[{index}]", choice, f"choices[{seen[key]}]")
                )
            seen[key] = index
        return choices

    @field_validator("answer")
    @classmethod
    def _answer_among_choices(
        cls, answer: str | tuple[str, ...], info: ValidationInfo
    ) -> str | tuple[str, ...]:
        if isinstance(answer, tuple):
            if not answer:
                raise ValueError(
                    Located(
                        "answer", message("the list of right choices is empty; name at least one")
                    )
                )
            if len(answer) == 1:
                answer = answer[0]
        choices = info.data.get("choices")
        if choices is None:  # the choices themselves failed; that error is reported instead
            return answer
        context = info.context if isinstance(info.context, dict) else {}
        language = str(context.get("language") or "en")
        if isinstance(answer, str):
            return _among_choices("answer", answer, choices, language)
        seen: dict[str, int] = {}
        found: list[str] = []
        for index, one in enumerate(answer):
            choice = _among_choices(f"answer[{index}]", one, choices, language)
            if choice in seen:
                raise ValueError(_listed_twice(f"answer[{index}]", one, f"answer[{seen[choice]}]"))
            seen[choice] = index
            found.append(choice)
        return tuple(found)

    @property
    def right_answers(self) -> tuple[str, ...]:
        """Every right choice, in the order the teacher wrote them; any of them counts."""
        return (self.answer,) if isinstance(self.answer, str) else self.answer

    @property
    def right_indexes(self) -> tuple[int, ...]:
        """The positions in :attr:`choices` of every right choice, in the choices' order."""
        return tuple(i for i, choice in enumerate(self.choices) if choice in self.right_answers)

    @property
    def right_index(self) -> int:
        """The position of the first right answer the teacher wrote."""
        return self.choices.index(self.right_answers[0])


def _listed_twice(where: str, text: str, other: str) -> Located:
    # Translators: {other} is where the same text is listed first, a field name: choices[1].
    return Located(
        where, message('"{text}" is listed twice (also {other})', text=text, other=other)
    )


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _among_choices(where: str, answer: str, choices: tuple[str, ...], language: str) -> str:
    """The choice ``answer`` names, as the choice is written; ValueError with the fix when
    it names none.

    Answer and choices are compared in one Unicode form (NFC): an answer typed on a Mac
    (e plus a combining accent) names the choice written with é as one character, and the
    game then compares the choice with itself.
    """
    if answer in choices:
        return answer
    by_nfc = {_nfc(choice): choice for choice in choices}
    if _nfc(answer) in by_nfc:
        return by_nfc[_nfc(answer)]
    several = _several_right(_nfc(answer), choices, language)
    split = _split_at_commas(answer, choices)
    if split is not None:
        # Neighbouring choices joined by commas: "Washington, D.C." cut in two by a [...]
        # list, or two right answers written as one text ("Belarus, Russia"). The model
        # cannot tell the two apart, so the message offers both fixes; the nearest single
        # choice ("did you mean Washington?") would send the teacher the wrong way.
        # Translators: {pieces} are choices, quoted; {fix} is YAML: [Belarus, Russia].
        said = message(
            '"{answer}" is not one of the choices, but the choices {pieces} joined by commas; '
            'if it is one choice that a [...] list split at its comma, put "{answer}" in '
            "quotes in the list; if each is a right answer, write answer: {fix}",
            answer=answer,
            pieces=and_list([f'"{piece}"' for piece in split]),
            fix=_yaml_list(split),
        )
    elif several is not None and len(several) == 1:
        if answer.strip().isalpha():
            said = message(
                '"{answer}" is not one of the choices; name a choice by its text, not its '
                "letter: {choice}",
                answer=answer,
                choice=several[0],
            )
        else:
            said = message(
                '"{answer}" is not one of the choices; name a choice by its text, not its '
                "number: {choice}",
                answer=answer,
                choice=several[0],
            )
    elif several is not None:
        # Kahoot's "1,3", "A, C", "Belarus and Russia", "Беларусь и Россия": several
        # right choices written as one text
        said = message(
            '"{answer}" is not one of the choices; to make several choices right, list their '
            "texts: answer: {fix}",
            answer=answer,
            fix=_yaml_list(several),
        )
    else:
        said = _no_such_choice(answer, choices)
    raise ValueError(Located(where, said))


def _no_such_choice(answer: str, choices: tuple[str, ...]) -> Message:
    slip = lookalike_words(answer, choices)
    if slip is not None and slip[0] is not None:
        return message(
            '"{answer}" is not one of the choices; it looks like "{choice}", but {why}',
            answer=answer,
            choice=slip[0],
            why=slip[1],
        )
    if slip is not None:
        return message('"{answer}" is not one of the choices: {why}', answer=answer, why=slip[1])
    near = [c for c in choices if _nfc(c).casefold() == _nfc(answer).casefold()]
    near = near or difflib.get_close_matches(answer, choices, n=1, cutoff=0.75)
    if near:
        return message(
            '"{answer}" is not one of the choices; did you mean "{choice}"?',
            answer=answer,
            choice=near[0],
        )
    return message('"{answer}" is not one of the choices', answer=answer)


def _yaml_list(texts: Sequence[str]) -> str:
    """``[Belarus, Russia]``: a [...] list that YAML reads back as ``texts``."""
    return "[" + ", ".join(_as_list_item(text) for text in texts) + "]"


def _as_list_item(text: str) -> str:
    if text[:1] in "-?:,[]{}#&*!|>'\"%@` " or any(sign in text for sign in ",[]{}#:"):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


# The word for "and" that joins two right answers written as one text, by the pack's
# language (its first subtag): the word between the last two items of a list in the
# Unicode CLDR's list patterns (listPatterns, "standard", the "end" pattern), with the
# other common one where a language has two (Spanish "e" before an i-, Ukrainian "й" and
# "та"). English is always read: packs in every language are written by people who also
# write English. Arabic and Hebrew write the word joined to the next one ("مصر وليبيا").
AND_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("and",),
    "ru": ("и",),
    "be": ("і",),
    "uk": ("і", "й", "та"),
    "de": ("und",),
    "fr": ("et",),
    "es": ("y", "e"),
    "it": ("e",),
    "pt": ("e",),
    "pl": ("i",),
    "ar": ("و",),
    "he": ("ו",),
    "tr": ("ve",),
    "nl": ("en",),
    "sv": ("och",),
    "da": ("og",),
    "nb": ("og",),
    "no": ("og",),
    "fi": ("ja",),
    "cs": ("a",),
    "sk": ("a",),
    "ro": ("și",),
    "hu": ("és",),
    "el": ("και",),
}
_JOINED_TO_NEXT_WORD = frozenset({"ar", "he"})
_CHOICE_LETTERS = "ABCDEF"  # Kahoot and paper tests name choices A to F (MAX_CHOICES)


@functools.cache
def _several_pattern(language: str) -> re.Pattern[str]:
    base = language.split("-", 1)[0].casefold()
    words = {*AND_WORDS["en"], *AND_WORDS.get(base, ())}
    joiners = "|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in sorted(words))
    if base in _JOINED_TO_NEXT_WORD:
        joiners += "|" + "|".join(rf"(?<=\s){re.escape(word)}(?=\w)" for word in AND_WORDS[base])
    return re.compile(rf"\s*(?:,|;|&|\+|/|{joiners})\s*", re.IGNORECASE)


def _several_right(answer: str, choices: tuple[str, ...], language: str) -> tuple[str, ...] | None:
    """The choices ``answer`` names as several ("Belarus, Russia", "Belarus and Russia",
    "Беларусь и Россия" in a Russian pack, "Belarus/Russia"), by their numbers counted
    from 1 ("1,3", "2") or by their letters ("A, C", "b"), or None."""
    pieces = tuple(piece for piece in _several_pattern(language).split(answer.strip()) if piece)
    if not pieces:
        return None
    if all(p.isdigit() and 1 <= int(p) <= len(choices) for p in pieces):
        return tuple(choices[int(p) - 1] for p in pieces)
    letters = _CHOICE_LETTERS[: len(choices)]
    if all(len(p) == 1 and p.upper() in letters for p in pieces):
        return tuple(choices[letters.index(p.upper())] for p in pieces)
    by_nfc = {_nfc(choice): choice for choice in choices}
    if len(pieces) > 1 and all(p in by_nfc for p in pieces):
        return tuple(by_nfc[p] for p in pieces)
    return None


def _split_at_commas(answer: str, choices: tuple[str, ...]) -> tuple[str, ...] | None:
    """The run of neighbouring choices that ``answer`` is, joined again at commas, if any."""
    pieces = tuple(piece.strip() for piece in answer.split(","))
    if len(pieces) < 2:
        return None
    for start in range(len(choices) - len(pieces) + 1):
        if choices[start : start + len(pieces)] == pieces:
            return pieces
    return None


class TrueFalseQuestion(_QuestionBase):
    type: Literal[QuestionType.TRUEFALSE]
    answer: bool = Field(description="true or false")


class TypedQuestion(_QuestionBase):
    type: Literal[QuestionType.TYPED]
    answer: ShortText = Field(description="The canonical answer.")
    accept: tuple[ShortText, ...] = Field(default=(), description="Other accepted answers.")

    @field_validator("answer", mode="before")
    @classmethod
    def _one_answer(cls, value: object) -> object:
        # "answer: [Minsk, Moscow]" is how a choice question lists its right answers; a typed
        # question has one answer and lists the others it accepts under accept:
        if isinstance(value, list | tuple) and value:
            others = ", ".join(str(item) for item in value[1:])
            if others:
                said = message(
                    "a typed question has one answer, and the other right answers go under "
                    "accept:; write answer: {answer} and accept: [{others}]",
                    answer=str(value[0]),
                    others=others,
                )
            else:
                said = message(
                    "a typed question has one answer, and the other right answers go under "
                    "accept:; write answer: {answer}",
                    answer=str(value[0]),
                )
            raise ValueError(Located("answer", said))
        return value


def _number_as_text(value: object) -> object:
    """A number a Python caller passes (``answer=1000``) as the text a pack file holds."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


class NumberQuestion(TypedQuestion):
    """A typed question whose answer is a number, compared as a number in the pack's language.

    ``answer`` is the number as the teacher writes it and the screen shows it ("1 000",
    "3,5" in a Russian pack, "½"). Right is that number, or within ``tolerance`` of it (a
    number, or a percent of the answer: "5%" around 200 is 190 to 210, shown "200 ± 5 %"),
    or anywhere from ``min`` to ``max``: ``min`` alone is "at least", ``max`` alone "at
    most", and the answer must lie in the range; ``accept`` lists other right numbers. A number
    question is a typed question (the student types it), so the play screen treats it as
    one. The numbers are read with the pack's language by :meth:`Pack` validation
    (:func:`clarity.core.number_reading.read_number`).
    """

    type: Literal[QuestionType.NUMBER]  # type: ignore[assignment]
    answer: ShortText = Field(description="The right number, as the screen shows it.")
    accept: tuple[ShortText, ...] = Field(default=(), description="Other right numbers.")
    tolerance: ShortText | None = Field(
        default=None,
        description=(
            "How far from the answer still counts, either way (5 accepts 995 to 1005), or a "
            "percent of the answer (5% accepts 190 to 210 around 200)."
        ),
    )
    min: ShortText | None = Field(
        default=None, description="The smallest number that counts (alone: at least this)."
    )
    max: ShortText | None = Field(
        default=None, description="The largest number that counts (alone: at most this)."
    )

    _numbers_as_text = field_validator("answer", "tolerance", "min", "max", mode="before")(
        _number_as_text
    )

    @field_validator("accept", mode="before")
    @classmethod
    def _accepted_as_text(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return [_number_as_text(item) for item in value]
        return _number_as_text(value)

    def number_warnings(self, language: str) -> list[Located]:
        """Numbers that read in ``language`` as a teacher may not mean, each message starting
        with its field: ``1,000`` in Russian is one (the comma is the decimal sign there),
        which a teacher used to English digit groups may have meant as a thousand."""
        warnings = []
        for name, text in self._written_numbers():
            match = _ZERO_DECIMALS.search(text)
            value = read_number(text, language)
            if match is None or value is None or value != int(match[1]):
                continue
            thousands = int(match[1] + "000")
            group = conventions_for(language).group
            grouped = f"{thousands:,}".replace(",", group if group in ",." else " ")
            # Translators: {sign} is "a comma" or "a point"; the numbers are written as
            # the pack writes them.
            said = message(
                '"{text}" reads as {value} in this pack\'s language ({language}), where {sign} '
                "before three digits is a decimal sign; if you mean {thousands}, write {grouped}",
                text=text,
                value=match[1],
                language=language,
                sign=Message(_SIGN_NAMES[match[2]]),
                thousands=str(thousands),
                grouped=grouped,
            )
            warnings.append(Located(name, said))
        return warnings

    def number_problems(self, language: str) -> list[Located]:
        """What is wrong with the numbers read in ``language``, each message starting with
        its field ("tolerance: ..."); empty when every number reads. Numbers are quoted as
        the teacher wrote them."""
        problems = [
            Located(name, not_a_number_message(text, language))
            for name, text in self._written_numbers()
            if read_number(text, language) is None
        ]
        if problems:
            return problems
        tolerance = self._read("tolerance", language)
        if self._tolerance_percent() is not None:
            tolerance = read_number(self._tolerance_percent() or "", language)
        if tolerance is not None and tolerance < 0:
            problems.append(Located("tolerance", message("should not be below zero")))
        if tolerance is not None and (self.min is not None or self.max is not None):
            # Translators: tolerance, min and max are field names of the pack: keep them.
            said = message("give a tolerance or min and max, not both")
            problems.append(Located("tolerance", said))
        low, high = self.bounds(language)
        answer = self._read("answer", language)
        # Translators (the four below): min and max are field names of the pack, kept as
        # they are; the numbers are written as the pack writes them.
        if low > high:
            said = message("{min} is more than max {max}", min=self.min, max=self.max)
            problems.append(Located("min", said))
        elif answer is not None and answer < low and self.max is None:
            said = message("{answer} is less than min {min}", answer=self.answer, min=self.min)
            problems.append(Located("answer", said))
        elif answer is not None and answer > high and self.min is None:
            said = message("{answer} is more than max {max}", answer=self.answer, max=self.max)
            problems.append(Located("answer", said))
        elif answer is not None and not low <= answer <= high:
            said = message(
                "{answer} is outside min to max ({min} to {max})",
                answer=self.answer,
                min=self.min,
                max=self.max,
            )
            problems.append(Located("answer", said))
        return problems

    def shown_answer(self) -> str:
        """The right answer as the screen shows it, as written: "1000 ± 5", "200 ± 5 %",
        "15 (from 10 to 20)", "at least 100", "at most 10", or the answer alone."""
        percent = self._tolerance_percent()
        if percent is not None:
            return f"{self.answer} \u00b1 {percent} %"
        if self.tolerance is not None:
            return f"{self.answer} \u00b1 {self.tolerance}"
        if self.min is not None and self.max is not None:
            return f"{self.answer} (from {self.min} to {self.max})"
        if self.min is not None:
            return f"at least {self.min}"
        if self.max is not None:
            return f"at most {self.max}"
        return self.answer

    def bounds(self, language: str) -> tuple[Decimal, Decimal]:
        """The smallest and largest right number, read in ``language``, exact however many
        digits the numbers have.

        ``min`` alone has no largest (``Decimal("Infinity")``), ``max`` alone no smallest
        (``Decimal("-Infinity")``). A percent tolerance is that part of the answer's size.

        Raises ValueError when a number does not read there (validation reports that first).
        """
        answer = self._read("answer", language)
        low, high = self._read("min", language), self._read("max", language)
        if answer is None:
            raise ValueError(f'"{self.answer}" is not a number in {language}')
        if low is not None or high is not None:
            return (
                low if low is not None else Decimal("-Infinity"),
                high if high is not None else Decimal("Infinity"),
            )
        tolerance = self._tolerance(answer, language)
        with localcontext() as exact:
            # answer ± tolerance without rounding: 10**59 ± 10**-43 needs 103 digits
            exact.prec = max(28, _span(answer, tolerance))
            return answer - abs(tolerance), answer + abs(tolerance)

    def _tolerance_percent(self) -> str | None:
        """The number before the percent sign of a percent tolerance ("5" of "5%"), or None."""
        match = None if self.tolerance is None else _PERCENT.match(self.tolerance)
        return None if match is None else match[1]

    def _tolerance(self, answer: Decimal, language: str) -> Decimal:
        percent = self._tolerance_percent()
        if percent is None:
            return self._read("tolerance", language) or Decimal(0)
        part = read_number(percent, language) or Decimal(0)
        with localcontext() as exact:
            exact.prec = max(28, len(answer.as_tuple().digits) + len(part.as_tuple().digits) + 2)
            return abs(answer) * part / 100

    def accepted_numbers(self, language: str) -> tuple[Decimal, ...]:
        """The other right numbers (``accept``) read in ``language``; unreadable ones left out."""
        read = (read_number(text, language) for text in self.accept)
        return tuple(value for value in read if value is not None)

    def _read(self, name: str, language: str) -> Decimal | None:
        text = getattr(self, name)
        return None if text is None else read_number(text, language)

    def _written_numbers(self) -> list[tuple[str, str]]:
        written = [("answer", self.answer), ("tolerance", self.tolerance)]
        written += [("min", self.min), ("max", self.max)]
        written += [(f"accept[{i}]", text) for i, text in enumerate(self.accept)]
        return [(name, text) for name, text in written if text is not None]


# A percent tolerance: a number, then a percent sign (ASCII, full-width or Arabic).
_PERCENT = re.compile(r"^\s*(.*?\S)\s*[%\uff05\u066a]\s*$")


def _span(*numbers: Decimal) -> int:
    """Digits enough to add and subtract ``numbers`` exactly."""
    highest = max(n.adjusted() for n in numbers if n) if any(numbers) else 0
    lowest = min(n.as_tuple().exponent for n in numbers)
    return highest - int(lowest) + 2


def _plain(number: Decimal) -> str:
    """``number`` in plain digits (never 1.000E+59)."""
    return format(number, "f")


_POWER_OF_TEN = re.compile(r"\d[eE][+-]?\d")


def _digits_of(text: str) -> str | None:
    """ "100000" for "1e5", or None when the text is no such number or too long."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except ArithmeticError:  # InvalidOperation: not a number Python reads either
        return None
    if not value.is_finite() or not -12 <= value.adjusted() <= 30:
        return None
    return _plain(value)


# A whole number, then a comma or a point and three zeros: "1,000", "25.000".
_ZERO_DECIMALS = re.compile(r"(?<![\d.,])([1-9]\d{0,2})([.,])000(?![\d.,])")
# The signs that write a number, named in messages (their names are translated).
_SIGN_NAMES = {".": N_("a point"), ",": N_("a comma"), "'": N_("an apostrophe")}
_SPACE_NAME = N_("a space")


def not_a_number_message(text: str, language: str) -> Message:
    """Why ``text`` is not a number in ``language``, for a teacher, with the language's way
    of writing one (its decimal and group signs, CLDR's)."""
    if not any(char.isdigit() for char in text):
        return message('"{text}" is not a number; write it in digits, for example 1000', text=text)
    if _POWER_OF_TEN.search(text):
        digits = _digits_of(text)
        # Scientific notation reads (6.02E+23, in every language); what is left here is a
        # power past the game's largest, or a mantissa with another language's decimal sign.
        if digits is None:
            return message('"{text}" is too large or too small a number for the game', text=text)
        return message(
            '"{text}" is written with a power of ten that does not read in this pack\'s '
            "language ({language}); write all its digits, here {digits}",
            text=text,
            language=language,
            digits=digits,
        )
    conventions = conventions_for(language)
    decimal = _SIGN_NAMES.get(conventions.decimal)
    group = _SIGN_NAMES.get(conventions.group, _SPACE_NAME)
    group_sign = conventions.group if conventions.group in _SIGN_NAMES else " "
    large, small = f"1{group_sign}000{group_sign}000", f"3{conventions.decimal}5"
    # Translators: {decimal} and {group} name signs: "a comma", "a point", "a space".
    return message(
        '"{text}" is not one number in this pack\'s language ({language}), which writes '
        "decimals after {decimal} and groups of three digits apart with {group}; write one "
        "number, for example {large} or {small}",
        text=text,
        language=language,
        decimal=Message(decimal) if decimal is not None else conventions.decimal,
        group=Message(group),
        large=large,
        small=small,
    )


def number_problems(questions: Sequence[object], language: str) -> list[Located]:
    """Every problem of the number questions among ``questions`` read in ``language``, each
    located from the pack ("questions[3].answer: ...")."""
    return [
        Located(f"questions[{index}].{problem.where}", problem.said)
        for index, question in enumerate(questions)
        if isinstance(question, NumberQuestion)
        for problem in question.number_problems(language)
    ]


Question = Annotated[
    ChoiceQuestion | TrueFalseQuestion | TypedQuestion | NumberQuestion,
    Field(discriminator="type"),
]
AnyQuestion = ChoiceQuestion | TrueFalseQuestion | TypedQuestion | NumberQuestion


class Pack(_Model):
    """A question pack: mystery images and the questions that uncover them."""

    clarity: int = Field(description="Format version.", json_schema_extra={"const": FORMAT_VERSION})
    id: Slug = Field(description="Lowercase slug, unique among installed packs.")
    title: ShortText
    description: Text
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"
    author: ShortText | None = None
    license: ShortText | None = None
    time_limit: TimeLimit | None = Field(
        default=None, description="Default seconds per question for questions that set none."
    )
    rounds: tuple[Mystery, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)

    @field_validator("clarity")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version != FORMAT_VERSION:
            raise ValueError(
                message(
                    "format version {version} is not known; this game reads version {known}",
                    version=str(version),
                    known=str(FORMAT_VERSION),
                )
            )
        return version

    @field_validator("questions")
    @classmethod
    def _question_ids_unique(cls, questions: tuple[AnyQuestion, ...]) -> tuple[AnyQuestion, ...]:
        repeats = find_duplicate_ids([question.id for question in questions])
        if repeats:
            raise ValueError(duplicate_id_message(*repeats[0]))
        return questions

    @field_validator("questions")
    @classmethod
    def _numbers_read_in_the_language(
        cls, questions: tuple[AnyQuestion, ...], info: ValidationInfo
    ) -> tuple[AnyQuestion, ...]:
        # Here, not on the question: only the pack knows the language its numbers are in.
        language = info.data.get("language")
        if language is None:  # the language itself is wrong; that error is reported instead
            return questions
        problems = number_problems(questions, language)
        if problems:
            # pydantic takes one message per field: the loader reports the others
            # (clarity.core.packs.problems), each at its own field
            raise ValueError(problems[0])
        return questions

    def time_limit_for(self, question: AnyQuestion) -> int | None:
        """The seconds allowed for ``question``: its own limit, else the pack's default."""
        return question.time_limit if question.time_limit is not None else self.time_limit
