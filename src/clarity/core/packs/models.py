"""Question-pack models (format v1).

These pydantic models are the contract a teacher writes against; the JSON Schema in
``schema/pack.schema.json`` is generated from them. Loading a file is
:mod:`clarity.core.packs.loader`; it turns YAML into plain data with positions
(:mod:`clarity.core.packs.plain_yaml`) and validation errors into ``file:line:col`` messages
(:mod:`clarity.core.packs.problems`).

Messages are written for teachers. A ``ValueError`` raised by a validator may start with
a location relative to the model it checks, ``"<field>: "`` or ``"<field>[i]: "`` (for
example ``answer: "c" is not one of the choices``); the loader moves the reported line
and column to that field or item.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
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
            raise ValueError(f"{self} has fewer than two tiles; the smallest grid is 1x2")
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
            raise ValueError(f'"{value}" is not a grid; write rows x columns, for example 4x5')
        rows, cols = int(match.group(1)), int(match.group(2))
        if not (MIN_GRID_SIDE <= rows <= MAX_GRID_SIDE and MIN_GRID_SIDE <= cols <= MAX_GRID_SIDE):
            raise ValueError(
                f'"{value}" is out of range; rows and columns go from {MIN_GRID_SIDE}'
                f" to {MAX_GRID_SIDE} (1x2 up to 20x20)"
            )
        if rows * cols < 2:
            raise ValueError(f'"{value}" has fewer than two tiles; the smallest grid is 1x2')
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


def duplicate_id_message(index: int, value: str, first_index: int) -> str:
    """The message for a question id used twice, located at ``questions[index].id``."""
    return f'questions[{index}].id: the id "{value}" is already used by questions[{first_index}]'


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
    answer: ShortText = Field(description="The text of the right choice.")

    # Field validators, not one model validator: a field check still runs when another
    # field of the same question is wrong, so a teacher sees every problem at once.
    @field_validator("choices")
    @classmethod
    def _choices_distinct(cls, choices: tuple[str, ...]) -> tuple[str, ...]:
        seen: dict[str, int] = {}
        for index, choice in enumerate(choices):
            key = choice.casefold()
            if key in seen:
                raise ValueError(
                    f'choices[{index}]: "{choice}" is listed twice (also choices[{seen[key]}])'
                )
            seen[key] = index
        return choices

    @field_validator("answer")
    @classmethod
    def _answer_among_choices(cls, answer: str, info: ValidationInfo) -> str:
        choices = info.data.get("choices")
        if choices is None:  # the choices themselves failed; that error is reported instead
            return answer
        if answer not in choices:
            near = [c for c in choices if c.casefold() == answer.casefold()]
            near = near or difflib.get_close_matches(answer, choices, n=1, cutoff=0.75)
            hint = f'; did you mean "{near[0]}"?' if near else ""
            raise ValueError(f'answer: "{answer}" is not one of the choices{hint}')
        return answer

    @property
    def right_index(self) -> int:
        return self.choices.index(self.answer)


class TrueFalseQuestion(_QuestionBase):
    type: Literal[QuestionType.TRUEFALSE]
    answer: bool = Field(description="true or false")


class TypedQuestion(_QuestionBase):
    type: Literal[QuestionType.TYPED]
    answer: ShortText = Field(description="The canonical answer.")
    accept: tuple[ShortText, ...] = Field(default=(), description="Other accepted answers.")


Question = Annotated[
    ChoiceQuestion | TrueFalseQuestion | TypedQuestion, Field(discriminator="type")
]


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
                f"format version {version} is not known; this game reads version {FORMAT_VERSION}"
            )
        return version

    @field_validator("questions")
    @classmethod
    def _question_ids_unique(
        cls, questions: tuple[ChoiceQuestion | TrueFalseQuestion | TypedQuestion, ...]
    ) -> tuple[ChoiceQuestion | TrueFalseQuestion | TypedQuestion, ...]:
        repeats = find_duplicate_ids([question.id for question in questions])
        if repeats:
            raise ValueError(duplicate_id_message(*repeats[0]))
        return questions

    def time_limit_for(
        self, question: ChoiceQuestion | TrueFalseQuestion | TypedQuestion
    ) -> int | None:
        """The seconds allowed for ``question``: its own limit, else the pack's default."""
        return question.time_limit if question.time_limit is not None else self.time_limit
