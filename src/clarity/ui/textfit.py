"""Choosing the type size at which a text fits a box, measured without rendering it.

A wrapped render of a long prompt is the costliest thing a frame can do, so a text is
not rendered at one size after another until it fits: its lines are worked out from the
widths of its runs (:class:`clarity.ui.text_draw.ChainFont`, which measures without
drawing and caches), the size is found first and the text is rendered once (by
``Assets.fit_text``, through the one fitter every scene shares, ``Assets.fitter``). The
measure breaks lines exactly as the rendering does (:func:`clarity.ui.text_runs.
break_paragraph`), so what is measured is what is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from clarity.ui.text_runs import break_paragraph, break_pieces, clusters, shown_at_line_end

if TYPE_CHECKING:
    from clarity.ui.assets import Assets


class Measures(Protocol):
    """What line breaking needs of a font: a ``pygame.font.Font`` or a ``ChainFont``."""

    def size(self, text: str, /) -> tuple[int, int]: ...


_SPACES = re.compile(r"[ \t\r\f\v]+")
WORD_CACHE_SIZE = 20_000
LADDER_STEP = 0.92  # each size tried is this much smaller than the one before
# A word broken inside reads as two words ("Адгада / ць"): rather than break one, a text
# may go this far below the smallest size its box asks for, as the theme's tiny type is
# below its small type (Metrics.tiny_size), but never under LEAST_SIZE pixels.
WHOLE_WORD_SHARE = 0.8
LEAST_SIZE = 12


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
        # every text's measure at a size and a wrap: a screen's layout fits the same texts
        # in the same boxes again at each layout, trying the same sizes
        self._measures: dict[tuple[str, int, int, bool], tuple[int, int]] = {}

    def width(self, text: str, size: int, bold: bool = False) -> int:
        """The width of ``text`` drawn as one line, in pixels."""
        key = (text, size, bold)
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > WORD_CACHE_SIZE:
                self._widths.clear()
            width = self.assets.font(size, bold).width(text)
            self._widths[key] = width
        return width

    def measure(self, text: str, size: int, wrap: int, bold: bool = False) -> tuple[int, int]:
        """The size of ``text`` rendered at ``size`` wrapped at ``wrap`` pixels, exactly as
        ``Assets.text`` renders it: lines break at spaces, between Chinese or Japanese
        characters, and inside a word wider than the line (so the width never passes
        ``wrap`` unless one character does)."""
        key = (text, size, wrap, bold)
        found = self._measures.get(key)
        if found is not None:
            return found
        font = self.assets.font(size, bold)
        if "\n" not in text and self.width(text, size, bold) <= wrap:
            layout = font.layout(text)
            found = layout.width, layout.height
        else:
            widest = height = 0
            for line, rtl in font.lines(text, max(1, wrap)):
                layout = font.layout(line, rtl)
                widest, height = max(widest, layout.width), height + layout.height
            found = widest, height
        if len(self._measures) > WORD_CACHE_SIZE:
            self._measures.clear()
        self._measures[key] = found
        return found

    def fits(
        self,
        text: str,
        size: int,
        box: tuple[int, int],
        bold: bool = False,
        *,
        whole: bool = True,
        breakable_at: int | None = None,
    ) -> bool:
        """Whether ``text`` fits ``box`` at ``size``; with ``whole``, only when no word has
        to be broken inside to fit the width (a word that ends at a soft hyphen is measured
        with the hyphen it shows at a line's end). ``breakable_at`` (a size) excuses the
        words too wide for the box even at that size (a web address): they may break."""
        if whole and not self._words_fit(text, size, box[0], bold, breakable_at):
            return False
        width, height = self.measure(text, size, box[0], bold)
        return width <= box[0] and height <= box[1]

    def _words_fit(
        self, text: str, size: int, wrap: int, bold: bool, breakable_at: int | None = None
    ) -> bool:
        if self.width(text, size, bold) <= wrap:
            return True
        # a piece is measured as a line ending in it draws it: a soft hyphen there is a
        # hyphen, and a word that fits only without it would be broken before it
        for paragraph in text.split("\n"):
            for piece in break_pieces(paragraph):
                word = shown_at_line_end(piece.rstrip())
                if self.width(word, size, bold) <= wrap:
                    continue
                if breakable_at is None or self.width(word, breakable_at, bold) <= wrap:
                    return False
        return True

    def size_for(
        self,
        texts: str | Iterable[str],
        max_size: int,
        min_size: int,
        box: tuple[int, int],
        *,
        bold: bool = False,
    ) -> int:
        """The size in pixels from ``max_size`` down to :func:`smallest_size` of ``min_size``
        at which every text fits ``box`` (width, height in pixels) with no word broken
        inside: the largest such size from ``max_size`` to ``min_size``; failing that, the
        largest below ``min_size`` (a word is read whole at a slightly smaller size, where
        "Адгада / ць" is read as two); failing that, the largest at which it fits with only
        the words too wide even at the smallest size broken (a web address); failing that,
        ``min_size``.

        Raises nothing; a text that fits at no size is the caller's to cut at its box.
        """
        group = [texts] if isinstance(texts, str) else list(texts)
        min_size = min(min_size, max_size)
        ladder = size_ladder(max_size, min_size)
        ladder += size_ladder(min_size, smallest_size(min_size))[1:]
        for breakable_at in (None, ladder[-1]):
            if self._all_fit(group, ladder[0], box, bold, breakable_at):
                return ladder[0]
            if not self._all_fit(group, ladder[-1], box, bold, breakable_at):
                continue
            # the largest rung that fits: fitting is monotonic in the size
            low, high = 0, len(ladder) - 1
            while low < high:
                middle = (low + high) // 2
                if self._all_fit(group, ladder[middle], box, bold, breakable_at):
                    high = middle
                else:
                    low = middle + 1
            return ladder[low]
        return min_size

    def _all_fit(
        self,
        group: list[str],
        size: int,
        box: tuple[int, int],
        bold: bool,
        breakable_at: int | None,
    ) -> bool:
        return all(self.fits(t, size, box, bold, breakable_at=breakable_at) for t in group)


def smallest_size(min_size: int) -> int:
    """The smallest size in pixels a text fitted down to ``min_size`` may take to keep its
    words whole: :data:`WHOLE_WORD_SHARE` of it, as the theme's tiny type is of its small
    type (``Metrics.tiny_size``), never under :data:`LEAST_SIZE`."""
    return min(min_size, max(LEAST_SIZE, round(min_size * WHOLE_WORD_SHARE)))


def ellipsize(font: Measures, text: str, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` pixels in ``font`` (never inside a
    character and its marks)."""
    if width <= 0:
        return ""
    if font.size(text)[0] <= width:
        return text
    return _ellipsize(font, text, width)


def wrap_lines(font: Measures, text: str, width: int, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines no wider than ``width``; an
    ellipsis ends a cut text.

    Lines break as ``Assets.text`` breaks them (:func:`clarity.ui.text_runs.
    break_paragraph`): at spaces (a no-break space holds its neighbours together, "5 653"),
    between Chinese or Japanese characters, after ``/ - . _ ?`` inside a word too long for
    a line (a web address, a file path), else between any two letters; ``\n`` starts a
    new line.
    """

    def measure(piece: str) -> int:
        return font.size(piece)[0]

    if not text.strip():
        return []
    lines: list[str] = []
    for paragraph in text.split("\n"):
        # as before the chain of fonts: a run of ASCII spaces is one space here (the screens'
        # own "  ·  " separators are drawn with single spaces in a line this tight)
        lines.extend(break_paragraph(_SPACES.sub(" ", paragraph), width, measure))
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    if kept:
        kept[-1] = _ellipsize(font, kept[-1], width)
    return kept


def _ellipsize(font: Measures, line: str, width: int) -> str:
    parts = clusters(line)
    while parts and font.size("".join(parts) + "…")[0] > width:
        parts.pop()
    return "".join(parts).rstrip() + "…"


def shorten(text: str, limit: int) -> str:
    """``text`` cut with an ellipsis to at most ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def warm_glyphs(assets: Assets, texts: Iterable[str], sizes: Iterable[int]) -> None:
    """Load every character of ``texts`` once at each of ``sizes``, plain and bold, in the
    font of the chain that draws it.

    FreeType loads a glyph the first time a size draws it; a screen that calls this
    with its layout pays for that in a frame that already changes everything, not in
    the middle of play.
    """
    characters = "".join(sorted(set("".join(texts)) - {"\n"}))
    for size in set(sizes):
        for bold in (False, True):
            assets.font(size, bold).warm(characters)
