"""What a reader of another tool's file returns: pack questions placed in their source.

Each reader (GIFT, Aiken, CSV, xlsx, Kahoot, Quizlet, Open Trivia DB) is a pure function of
the file's content. It gives back every question it could take, in the pack format's own
shape (the keys and values a pack's YAML holds: :mod:`clarity.core.packs.models`), with
the line and column where the question starts, so that a problem the pack validator
finds later can still be told at its place in the teacher's file; and every question it
could not take, with the reason. One bad question never stops a reader: only a file that
cannot be read as the format at all raises :class:`SourceUnreadable`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from clarity.core.messages import Message


@dataclass(frozen=True)
class SourceQuestion:
    """One question taken from a source file.

    ``fields`` is the question as a pack's YAML holds it (``type``, ``prompt``, ``choices``,
    ``answer``, ``explain``, ``tags``, ...); a reader may add ``title_hint``, a title the
    source gives the question, which the import turns into the question's id. ``line`` and
    ``column`` are 1-based: where the question starts (in a spreadsheet, its row and
    column). ``columns`` (optional): the 1-based source column of each field a reader
    placed (a table's cells: ``answer``, ``choices[2]``, ``min``), so that a value the pack
    validator refuses is told at its own cell.
    """

    fields: Mapping[str, object]
    line: int
    column: int = 1
    columns: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Skipped:
    """A question left out (or, as a note, taken but changed), with the reason for a teacher.

    ``line`` and ``column`` are 1-based, where the question (or the part that is wrong)
    starts in the source.
    """

    line: int
    column: int
    reason: Message


@dataclass(frozen=True)
class SourceRead:
    """Everything one reader took from one file.

    ``questions`` in the source's order; ``skipped``: what could not be taken and why;
    ``notes``: questions taken but changed on the way (HTML turned into plain text, a
    partial-credit weight that the game cannot give); ``title``: a title the source itself
    names (Kahoot's quiz title), or None. ``pack_id``, ``description`` and ``time_limit``
    (seconds for each question): what a source written from a pack says of it (our own
    GIFT export's header), else None.
    """

    questions: tuple[SourceQuestion, ...]
    skipped: tuple[Skipped, ...] = ()
    title: str | None = None
    notes: tuple[Skipped, ...] = ()
    pack_id: str | None = None
    description: str | None = None
    time_limit: int | None = None


class SourceUnreadable(Exception):
    """The whole file cannot be read as the format (not UTF-8, not an xlsx, broken JSON).

    ``line`` and ``column`` (1-based) point at the first place that cannot be read;
    ``reason`` says what is wrong there, for a teacher.
    """

    def __init__(self, line: int, column: int, reason: Message) -> None:
        super().__init__(f"{line}:{column}: {reason}")
        self.line = line
        self.column = column
        self.reason = reason
