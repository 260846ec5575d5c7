"""Lines and columns in a text file, counted the way the import's messages tell them.

"\\r\\n", "\\r" and "\\n" each end one line (files come from Windows, old Macs and
everything else); lines and columns are 1-based, a column counts characters (code points)
from the start of its line. Every text reader (Aiken, Quizlet, Open Trivia DB) places its
questions and problems with these, so ``file:line:col`` means the same for all of them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class TextPositions:
    """Turns a character offset of one text into its 1-based ``(line, column)``."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in LINE_BREAK.finditer(text))]

    def at(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of the character at ``offset`` (0-based; the text's length
        gives the place just after its last character)."""
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with its 1-based number, without its line break."""
    yield from enumerate(LINE_BREAK.split(text), start=1)
