"""What is wrong with a pack file and where: :class:`Problem` values and the report
that collects them while a file is read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Severity = Literal["error", "warning"]
Loc = tuple[Any, ...]  # a place in the pack: ("questions", 7, "answer")

START = (0, 0)  # the top of the file, 0-based (line, column)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack file, at a 1-based line and column."""

    path: Path
    line: int
    column: int
    field: str  # "questions[7].answer"; empty for the file as a whole
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        kind = "warning: " if self.severity == "warning" else ""
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {kind}{where}{self.message}"


class Report:
    """Collects the problems of one file, de-duplicated, in file order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._problems: dict[tuple[int, int, str, str, str], Problem] = {}

    def add(
        self,
        position: tuple[int, int],
        field_name: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        """Record a problem at a 0-based ``(line, column)`` as libyaml counts them."""
        line, column = position[0] + 1, position[1] + 1
        key = (line, column, field_name, message, severity)
        if key not in self._problems:
            self._problems[key] = Problem(self.path, line, column, field_name, message, severity)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self._problems.values())

    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self._problems.values(), key=lambda p: (p.line, p.column)))


def field_name(loc: Loc) -> str:
    """``("questions", 7, "answer")`` as a teacher reads it: ``questions[7].answer``."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        elif isinstance(step, str):
            text += f".{step}" if text else step
    return text
