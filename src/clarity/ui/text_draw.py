"""Text measured and rendered with a chain of fonts, one line or a wrapped paragraph.

:class:`ChainFont` stands where a ``pygame.font.Font`` stood (``Assets.font`` hands it
out): ``size``, ``render``, ``get_linesize`` work as they did, but each run of a line
(:mod:`clarity.ui.text_runs`) is shaped by SDL_ttf's HarfBuzz in its own face, script and
direction (``Font.set_script``, ``Font.set_direction``), and the runs are put side by side
on one baseline in the order of the Unicode Bidirectional Algorithm.

A line is as tall as the first face's line (Inter's), or taller when a run of another
face reaches above or below it: its ink is measured (a run rendered once) so that no
mark of Arabic, Thai or Devanagari is cut.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass

import pygame

from clarity.fonts import FontChain, coverage, is_invisible, is_space
from clarity.ui.text_runs import Run, break_paragraph, clusters, is_rtl_paragraph, visual_runs

Colour = tuple[int, int, int] | tuple[int, int, int, int]
LAYOUT_CACHE_SIZE = 4096
WIDTH_CACHE_SIZE = 40_000
_WHITE = (255, 255, 255)
ZWJ = "\u200d"
# Scripts whose letters take another shape where they join their neighbours (ISO 15924).
_JOINING_SCRIPTS = frozenset({"Arab", "Syrc", "Nkoo", "Mand", "Adlm", "Rohg", "Mong", "Phag"})
# Right-to-left letters and digits (Hebrew, Arabic, Syriac, Thaana, NKo..., their
# presentation forms, and their blocks beyond the BMP) and the explicit bidi controls:
# a line without any is one left-to-right run.
_NEEDS_BIDI = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff"
    "\U0001e800-\U0001efff\u200f\u202a-\u202e\u2066-\u2069]"
)

# Control characters, which draw as boxes, and lone surrogates, which SDL_ttf cannot be
# given (UTF-8 cannot hold them; YAML neither, but a str can).
_UNDRAWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class LineLayout:
    """One line's runs in visual order with their x offsets in pixels, its width, and how
    far it reaches above (``ascent``) and below (``descent``) the baseline."""

    runs: tuple[tuple[Run, int], ...]
    width: int
    ascent: int
    descent: int

    @property
    def height(self) -> int:
        return self.ascent + self.descent


class ChainFont:
    """The chain of fonts at one size and weight, measuring and rendering single lines.

    Faces are opened when a line first needs them; widths and line layouts are cached.
    """

    def __init__(self, chain: FontChain, size: int, bold: bool) -> None:
        self.chain = chain
        self.point_size = size
        self.bold = bold
        self._fonts: dict[int, pygame.font.Font] = {}
        self._widths: dict[tuple[str, int, bool, str], int] = {}
        self._ink: dict[tuple[str, int, bool, str], tuple[int, int]] = {}
        self._layouts: OrderedDict[tuple[str, bool], LineLayout] = OrderedDict()
        self._line_widths: dict[str, int] = {}  # every text measured by width()
        self._shaping: dict[int, tuple[bool, str]] = {}  # each face's direction and script
        self._first_face = coverage(chain.faces[0].path) if chain.faces else None
        self.primary = self._font(0)

    # --- what a pygame.font.Font answers --------------------------------------------------

    def get_linesize(self) -> int:
        return self.primary.get_linesize()

    def get_height(self) -> int:
        return self.primary.get_height()

    def get_ascent(self) -> int:
        return self.primary.get_ascent()

    def get_descent(self) -> int:
        return self.primary.get_descent()

    def size(self, text: str) -> tuple[int, int]:
        """The width and height in pixels of ``text`` drawn as one line."""
        layout = self.layout(text)
        return layout.width, layout.height

    def render(
        self,
        text: str,
        antialias: bool = True,
        colour: Colour = _WHITE,
        background: Colour | None = None,
        wraplength: int = 0,
    ) -> pygame.Surface:
        """``text`` drawn as ``Font.render`` draws it: one line, or lines broken at
        ``wraplength`` pixels when it is not 0 (:meth:`render_text`)."""
        surface = self.render_text(text, colour, wraplength, antialias=antialias)
        if background is not None:
            filled = pygame.Surface(surface.get_size())
            filled.fill(background)
            filled.blit(surface, (0, 0))
            return filled
        return surface

    def render_text(
        self, text: str, colour: Colour, wrap: int = 0, *, antialias: bool = True
    ) -> pygame.Surface:
        """``text`` on a transparent surface, every ``\n`` starting a new line, wrapped at
        ``wrap`` pixels when it is not 0; a right-to-left paragraph's lines are aligned
        right. Its size is what :meth:`lines` and :meth:`layout` measure."""
        if "\n" not in text and (not wrap or self.width(text) <= wrap):
            return self.render_line(text, colour, antialias=antialias)
        lines = self.lines(text, wrap if wrap else 1 << 30)
        layouts = [self.layout(line, rtl) for line, rtl in lines]
        width = max(1, *(layout.width for layout in layouts))
        height = sum(layout.height for layout in layouts)
        surface = pygame.Surface((width, height), pygame.SRCALPHA)
        y = 0
        for (line, rtl), layout in zip(lines, layouts, strict=True):
            x = width - layout.width if rtl else 0
            surface.blit(self.render_line(line, colour, rtl, antialias=antialias), (x, y))
            y += layout.height
        return surface

    # --- lines ------------------------------------------------------------------------------

    def layout(self, line: str, rtl: bool | None = None) -> LineLayout:
        """Where each run of ``line`` goes; ``rtl`` is its paragraph's direction (by default
        the line's own first strong letter)."""
        direction = is_rtl_paragraph(line) if rtl is None else rtl
        key = (line, direction)
        found = self._layouts.get(key)
        if found is not None:
            self._layouts.move_to_end(key)
            return found
        ascent = self.primary.get_ascent()
        descent = self.primary.get_linesize() - ascent
        placed: list[tuple[Run, int]] = []
        x = 0
        for run in self._runs(_drawable(line, self.chain), direction):
            placed.append((run, x))
            x += self._run_width(run)
            if run.face != 0:
                top, bottom = self._run_ink(run)
                ascent, descent = max(ascent, top), max(descent, bottom)
        layout = LineLayout(tuple(placed), x, ascent, descent)
        self._layouts[key] = layout
        if len(self._layouts) > LAYOUT_CACHE_SIZE:
            self._layouts.popitem(last=False)
        return layout

    def _runs(self, line: str, rtl: bool) -> list[Run]:
        if self._simple(line, rtl):
            return [Run(line, 0, False, "Zyyy")]
        return visual_runs(line, rtl, self.chain.face_for)

    def _simple(self, line: str, rtl: bool) -> bool:
        """Whether ``line`` is one left-to-right run of the first face, as most lines are
        (Latin, Cyrillic, Greek): measured and drawn without the bidi algorithm (pure
        Python once, now Rust), which a counting score's every new number would otherwise
        pay for."""
        if rtl or not line or (not line.isascii() and _NEEDS_BIDI.search(line)):
            return False
        if _UNDRAWABLE.search(line):
            return False  # made drawable first (_drawable)
        return self._first_face is None or self._first_face.issuperset(map(ord, line))

    def render_line(
        self, line: str, colour: Colour, rtl: bool | None = None, *, antialias: bool = True
    ) -> pygame.Surface:
        """``line`` rendered on a transparent surface as tall as its layout."""
        layout = self.layout(line, rtl)
        if len(layout.runs) == 1 and layout.runs[0][0].face == 0:
            image, _ = self._render_run(layout.runs[0][0], colour, antialias)
            if image.get_size() == (layout.width, layout.height):
                return image  # the one run is the line: no copy
        surface = pygame.Surface((max(1, layout.width), layout.height), pygame.SRCALPHA)
        for run, x in layout.runs:
            if run.text.isspace():
                continue
            image, baseline = self._render_run(run, colour, antialias)
            surface.blit(image, (x, layout.ascent - baseline))
        return surface

    def lines(self, text: str, width: int) -> list[tuple[str, bool]]:
        """``text`` broken into lines no wider than ``width`` pixels, each with its
        paragraph's direction; every ``\\n`` starts a paragraph."""
        out: list[tuple[str, bool]] = []
        for paragraph in text.split("\n"):
            rtl = is_rtl_paragraph(paragraph)
            out.extend((line, rtl) for line in break_paragraph(paragraph, width, self.width))
        return out

    def width(self, text: str) -> int:
        """The width of ``text`` drawn as one line, in pixels."""
        width = self._line_widths.get(text)  # a paragraph is broken again at each size
        if width is not None:
            return width
        if self._simple(text, False):
            width = self._run_width(Run(text, 0, False, "Zyyy"))
        else:
            direction = is_rtl_paragraph(text)
            found = self._layouts.get((text, direction))
            if found is not None:
                width = found.width
            else:
                # the layout's width without its ink, which only drawing needs: a long word
                # is measured at many lengths while it is broken (split_word), each a new
                # text, and finding a run's ink renders the run
                runs = self._runs(_drawable(text, self.chain), direction)
                width = sum(self._run_width(run) for run in runs)
        if len(self._line_widths) > WIDTH_CACHE_SIZE:
            self._line_widths.clear()
        self._line_widths[text] = width
        return width

    def cluster_edges(self, line: str, rtl: bool | None = None) -> dict[int, tuple[int, int]]:
        """Where each cluster (:func:`clarity.ui.text_runs.clusters`) of ``line`` is drawn by
        :meth:`render_line`: the index of its first code point in ``line`` to its left and
        right x in pixels; ``rtl`` as for :meth:`layout`. A text field puts its caret and
        its selection by these.

        Inside a run a cluster's edge is the width of the run's text before it, from the
        run's right end when the run is right to left. Joining letters (Arabic...) are
        measured with a zero-width joiner at the cut, so that a letter keeps the shape it
        has inside the word (a final nun is twice as wide as a medial one): the head with a
        joiner and the run less its tail with a joiner, halved, since cursive overlaps make
        those two differ by a pixel or two.
        """
        edges: dict[int, tuple[int, int]] = {}
        for run, x in self.layout(line, rtl).runs:
            width = self._run_width(run)
            parts = clusters(run.text)
            cuts = [0]
            for part in parts:
                cuts.append(cuts[-1] + len(part))
            before = [self._width_before(run, cut, width) for cut in cuts]
            for index in range(len(parts)):
                near, far = before[index], before[index + 1]
                if run.rtl:
                    edges[run.start + cuts[index]] = (x + width - far, x + width - near)
                else:
                    edges[run.start + cuts[index]] = (x + near, x + far)
        return edges

    def _width_before(self, run: Run, cut: int, width: int) -> int:
        """How far into ``run`` (drawn ``width`` pixels wide) its text up to ``cut`` reaches."""
        if cut == 0:
            return 0
        if cut >= len(run.text):
            return width
        head, tail = run.text[:cut], run.text[cut:]
        if run.script not in _JOINING_SCRIPTS:
            return min(width, self._run_width(Run(head, run.face, run.rtl, run.script)))
        joined_head = self._run_width(Run(head + ZWJ, run.face, run.rtl, run.script))
        joined_tail = self._run_width(Run(ZWJ + tail, run.face, run.rtl, run.script))
        return max(0, min(width, round((joined_head + width - joined_tail) / 2)))

    def warm(self, characters: str) -> None:
        """Load the glyphs of ``characters`` in each face that draws them."""
        by_face: dict[int, str] = {}
        for character in characters:
            if not (character.isspace() or is_invisible(character)):
                face = self.chain.face_for(character)
                by_face[face] = by_face.get(face, "") + character
        for face, text in by_face.items():
            self._font(face).render(text, True, _WHITE)

    # --- runs -----------------------------------------------------------------------------

    def _font(self, face: int) -> pygame.font.Font:
        font = self._fonts.get(face)
        if font is None:
            if not self.chain.faces:
                font = pygame.font.Font(None, self.point_size)
            else:
                chosen = self.chain.faces[face]
                font = pygame.font.Font(chosen.file(self.bold), self.point_size)
                if self.bold and chosen.bold_path is None and face != 0:
                    font.bold = True  # no bold file: SDL_ttf emboldens the regular
            self._fonts[face] = font
        return font

    def _shaped(self, run: Run) -> pygame.font.Font:
        font = self._font(run.face)
        wanted = (run.rtl, run.script)
        if self._shaping.get(run.face) != wanted:
            font.set_direction(pygame.DIRECTION_RTL if run.rtl else pygame.DIRECTION_LTR)
            font.set_script(run.script)
            self._shaping[run.face] = wanted
        return font

    def _scale(self, run: Run) -> float:
        """How much a run's rendering is scaled: colour emoji come in one bitmap size
        (109 px for Noto Color Emoji) and are brought to the text's height."""
        if not self.chain.faces or not self.chain.faces[run.face].bitmap:
            return 1.0
        return min(1.0, self.primary.get_height() / max(1, self._font(run.face).get_height()))

    def _run_width(self, run: Run) -> int:
        key = (run.text, run.face, run.rtl, run.script)
        width = self._widths.get(key)
        if width is None:
            width = round(self._shaped(run).size(run.text)[0] * self._scale(run))
            if len(self._widths) > WIDTH_CACHE_SIZE:
                self._widths.clear()
            self._widths[key] = width
        return width

    def _render_run(
        self, run: Run, colour: Colour, antialias: bool = True
    ) -> tuple[pygame.Surface, int]:
        """The run's image and its baseline's height in it."""
        font = self._shaped(run)
        try:
            image = font.render(run.text, antialias, colour)
        except pygame.error:
            if font.size(run.text)[0]:
                raise
            # only what draws as nothing (a soft hyphen, a mark LRM...): SDL_ttf refuses it
            image = pygame.Surface((1, font.get_height()), pygame.SRCALPHA)
        baseline = font.get_ascent()
        scale = self._scale(run)
        if scale < 1.0:
            size = (
                max(1, round(image.get_width() * scale)),
                max(1, round(image.get_height() * scale)),
            )
            image = pygame.transform.smoothscale(image, size)
            baseline = round(baseline * scale)
        return image, baseline

    def _run_ink(self, run: Run) -> tuple[int, int]:
        """How far the run's drawn pixels reach above and below the baseline."""
        key = (run.text, run.face, run.rtl, run.script)
        ink = self._ink.get(key)
        if ink is None:
            if run.text.isspace():
                ink = (0, 0)
            else:
                image, baseline = self._render_run(run, _WHITE)
                box = image.get_bounding_rect()
                ink = (baseline - box.top, box.bottom - baseline) if box.height else (0, 0)
            if len(self._ink) > WIDTH_CACHE_SIZE:
                self._ink.clear()
            self._ink[key] = ink
        return ink


def _drawable(line: str, chain: FontChain) -> str:
    """``line`` with what would draw as a box but means only space made a plain space: a
    tab, a control character, a space of another width that no face has; a lone surrogate
    (no font has one) as U+FFFD, one code point for one."""
    if line.isascii() and line.isprintable():
        return line
    return "".join(
        " "
        if unicodedata.category(character) == "Cc"
        or (is_space(character) and not chain.has_glyph(character))
        else _REPLACEMENT
        if "\ud800" <= character <= "\udfff"
        else character
        for character in line
    )
