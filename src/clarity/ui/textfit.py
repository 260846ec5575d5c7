"""Choosing the type size at which a text fits a box, measured without rendering it.

A wrapped render of a long prompt is the costliest thing a frame can do, so a text is
not rendered at one size after another until it fits: the wrapped lines are worked out
from the widths of the words (``Font.size``, which only measures, cached per word), the
size is found first and the text is rendered once (by ``Assets.fit_text``, through the
one fitter every scene shares, ``Assets.fitter``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from clarity.ui.assets import Assets

WORD_CACHE_SIZE = 20_000
LADDER_STEP = 0.92  # each size tried is this much smaller than the one before
_BREAKS = re.compile(r"[ \t\n\r\f\v]+")  # where wrap_lines may break a line


def size_ladder(max_size: int, min_size: int) -> list[int]:
    """The sizes tried from ``max_size`` down to ``min_size``, largest first.

    A few fixed rungs rather than every size: each size is a font to open and glyphs to
    load, and texts fitted in the same box then share them.
    """
    ladder = [max_size]
    while ladder[-1] > min_size:
        ladder.append(max(min_size, min(ladder[-1] - 1, int(ladder[-1] * LADDER_STEP))))
    return ladder


class TextFitter:
    """Finds type sizes for texts in boxes and renders them once, through ``assets``."""

    def __init__(self, assets: Assets) -> None:
        self.assets = assets
        self._widths: dict[tuple[str, int, bool], int] = {}

    def width(self, text: str, size: int, bold: bool = False) -> int:
        key = (text, size, bold)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > WORD_CACHE_SIZE:
                self._widths.clear()
            width = self.assets.font(size, bold).size(text)[0]
            self._widths[key] = width
        return width

    def measure(self, text: str, size: int, wrap: int, bold: bool = False) -> tuple[int, int]:
        """The size of ``text`` rendered at ``size`` wrapped at ``wrap`` pixels.

        Lines break at spaces as SDL_ttf breaks them; SDL_ttf counts the space after a
        word when it decides whether the word fits, so this does too (it then never
        counts fewer lines than SDL_ttf draws). A word wider than the line counts as too
        wide (the caller then tries a smaller size) rather than being split.
        """
        space = self.width(" ", size, bold)
        widest = 0
        lines = 0
        for paragraph in text.split("\n"):
            line = 0
            for word in paragraph.split(" "):
                word_w = self.width(word, size, bold) if word else 0
                if line and line + 2 * space + word_w > wrap:
                    widest = max(widest, line)
                    lines += 1
                    line = word_w
                else:
                    line = line + space + word_w if line else word_w
            widest = max(widest, line)
            lines += 1
        return widest, lines * self.assets.font(size, bold).get_linesize()

    def fits(self, text: str, size: int, box: tuple[int, int], bold: bool = False) -> bool:
        width, height = self.measure(text, size, box[0], bold)
        return width <= box[0] and height <= box[1]

    def size_for(
        self,
        texts: str | Iterable[str],
        max_size: int,
        min_size: int,
        box: tuple[int, int],
        *,
        bold: bool = False,
    ) -> int:
        """The largest size from ``max_size`` down to ``min_size`` at which every text fits."""
        group = [texts] if isinstance(texts, str) else list(texts)
        ladder = size_ladder(max_size, min_size)
        if all(self.fits(t, ladder[0], box, bold) for t in group):
            return ladder[0]
        # the largest rung that fits; the last rung is taken when nothing does
        low, high = 0, len(ladder) - 1
        while low < high:
            middle = (low + high) // 2
            if all(self.fits(t, ladder[middle], box, bold) for t in group):
                high = middle
            else:
                low = middle + 1
        return ladder[low]


def ellipsize(font: pygame.font.Font, text: str, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels in ``font``."""
    if width <= 0:
        return ""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…" if text else ""


def wrap_lines(font: pygame.font.Font, text: str, width: int, max_lines: int) -> list[str]:
    """``text`` broken into lines no wider than ``width``; an ellipsis ends a cut text.

    Words too long for a line (a file path) are broken between letters.
    """
    lines: list[str] = []
    current = ""
    # Only ASCII white space breaks a line: a no-break space (inside a number, "5 653")
    # holds its neighbours together, as it does in SDL_ttf's own wrapping.
    words = [word for word in _BREAKS.split(text) if word]
    index = 0
    while index < len(words):
        word = words[index]
        attempt = f"{current} {word}" if current else word
        if font.size(attempt)[0] <= width:
            current = attempt
            index += 1
            continue
        if current:
            lines.append(current)
            current = ""
        else:  # one word wider than the line: break it where it stops fitting
            cut = max(1, _fitting_prefix(font, word, width))
            lines.append(word[:cut])
            words[index] = word[cut:]
        if len(lines) == max_lines:
            break
    if current and len(lines) < max_lines:
        lines.append(current)
        index = len(words)
    if index < len(words) and lines:
        lines[-1] = _ellipsize(font, lines[-1], width)
    return lines


def _fitting_prefix(font: pygame.font.Font, word: str, width: int) -> int:
    low, high = 0, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if font.size(word[:middle])[0] <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _ellipsize(font: pygame.font.Font, line: str, width: int) -> str:
    while line and font.size(line + "…")[0] > width:
        line = line[:-1]
    return line.rstrip() + "…"


def shorten(text: str, limit: int) -> str:
    """``text`` cut with an ellipsis to at most ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def warm_glyphs(assets: Assets, texts: Iterable[str], sizes: Iterable[int]) -> None:
    """Render every character of ``texts`` once at each of ``sizes``, plain and bold.

    FreeType loads a glyph the first time a size draws it; a screen that calls this
    with its layout pays for that in a frame that already changes everything, not in
    the middle of play.
    """
    characters = "".join(sorted(set("".join(texts)) - {"\n"}))
    for size in set(sizes):
        for bold in (False, True):
            assets.font(size, bold).render(characters, True, (255, 255, 255))
