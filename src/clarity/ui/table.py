"""A table of rows for the high scores and the history: a header, then one panel a row.

Each column is as wide as its widest text; the flexible one (a name) takes what is left,
and a text too wide for it ends in an ellipsis rather than running into the next cell.
A highlighted row (the current player) is drawn in the accent colour, so it stands out
from the back of a classroom.

When the columns do not fit (a longer language, large text, a narrow window) the table
gives way in steps, the first that fits winning (:meth:`Table.layout`): the headings wrap
onto two lines, then cells with a shorter form (a date as 01.12.2026) take it, then the
columns a teacher needs least are left out, one at a time, and named under the table. The
flexible column keeps its texts whole through every step while it can, and
:data:`FLEX_LEAST_UNITS` of room at least (a name keeps priority over a date), and
headings never run into each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pygame

from clarity.ui.assets import Assets
from clarity.ui.textfit import Measures, wrap_lines
from clarity.ui.theme import Metrics
from clarity.ui.widgets import darken, draw_panel

if TYPE_CHECKING:
    from clarity.i18n import Translator

Align = Literal["left", "right", "center"]

FLEX_LEAST_UNITS = 14.0  # text units the flexible column (a name) keeps before others give way
FLEX_WHOLE_UNITS = 28.0  # a name up to this wide is kept whole while other columns can give way
HEADING_LINES = 2  # a heading wider than its column's cells wraps onto this many lines


@dataclass(frozen=True)
class Column:
    title: str  # the English id (marked with N_ where defined), shown in the language
    align: Align = "left"
    flex: bool = False  # takes the width the other columns leave
    # 0: always shown; else left out when the table does not fit, 1 first, then 2...
    drop: int = 0


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    medal: str | None = None  # a tier name: a coloured dot before the text
    colour: str | None = None  # the palette's colour by name ("right"); None: the row's
    short: str | None = None  # a shorter form (01.12.2026), shown when the table is tight

    def shown(self, short: bool) -> str:
        return self.short if short and self.short is not None else self.text


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    highlight: bool = False


def medal_cell(medal: str | None, t: Translator) -> Cell:
    """A medal as a dot in its colour and its name in ``t``'s language; a dash when there
    is none."""
    if medal is None:
        return Cell("–", colour="text_muted")
    return Cell(medal_name(medal, t), medal=medal)


def medal_name(medal: str, t: Translator) -> str:
    """A medal's name (its tier: "gold", "silver", "bronze") in ``t``'s language; a tier
    the game does not know by name is shown as it is saved."""
    if medal == "gold":
        return t.pgettext("medal", "Gold")
    if medal == "silver":
        return t.pgettext("medal", "Silver")
    if medal == "bronze":
        return t.pgettext("medal", "Bronze")
    return medal.title()


@dataclass(frozen=True)
class Fit:
    """How a table gives way to fit its width: headings on two lines, the cells' short
    forms, and the columns left out (their indices)."""

    wrap_headings: bool = False
    short_cells: bool = False
    hidden: frozenset[int] = frozenset()


class Table:
    """Lays out columns over a width and draws the header and the rows."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self.titles = tuple(column.title.upper() for column in self.columns)
        self.fit = Fit()
        self.shown: tuple[int, ...] = tuple(range(len(self.columns)))  # columns drawn
        self.heading_lines: tuple[tuple[str, ...], ...] = tuple((t,) for t in self.titles)
        self.x: list[int] = []  # by shown column
        self.widths: list[int] = []

    @property
    def hidden_titles(self) -> tuple[str, ...]:
        """The headings of the columns left out to fit, in the language (in capitals)."""
        return tuple(self.titles[i] for i in sorted(self.fit.hidden))

    def layout(
        self,
        left: int,
        width: int,
        pad: int,
        *,
        rows: Sequence[Row],
        assets: Assets,
        metrics: Metrics,
        translator: Translator,
    ) -> None:
        """Size the columns to ``rows`` within ``width`` pixels; ``pad`` is kept free in each
        cell. The headings are put in ``translator``'s language (in capitals) here.

        The first of these that fits is taken: everything as it is; the headings wrapped
        onto two lines; then also the cells' short forms; then, with each column of
        ``drop`` 1, 2... left out in turn, the same again. The flexible column counts with
        its texts whole (up to :data:`FLEX_WHOLE_UNITS`) in a first round of these, with
        :data:`FLEX_LEAST_UNITS` in a second, and takes what is left; if nothing fits, it
        gives up its room, so the numbers stay inside.
        """
        self.titles = tuple(translator.gettext(c.title).upper() for c in self.columns)
        head = assets.font(metrics.small_size, True)
        flexible = next((i for i, c in enumerate(self.columns) if c.flex), 0)
        # the least room a heading needs on one line and on two (split at a space)
        one_line = [head.size(title)[0] for title in self.titles]
        two_lines = [_narrowest_split(head, title)[1] for title in self.titles]
        full = [
            max((self._cell_width(r.cells[i], False, assets, metrics) for r in rows), default=0)
            for i in range(len(self.columns))
        ]
        short = [
            max((self._cell_width(r.cells[i], True, assets, metrics) for r in rows), default=0)
            for i in range(len(self.columns))
        ]
        least = metrics.text_px(FLEX_LEAST_UNITS)

        def needs(fit: Fit) -> list[int]:
            heading = two_lines if fit.wrap_headings else one_line
            cells = short if fit.short_cells else full
            return [max(heading[i], cells[i]) + 2 * pad for i in range(len(self.columns))]

        droppable = sorted((c.drop, i) for i, c in enumerate(self.columns) if c.drop)
        tries = []
        for dropped in range(len(droppable) + 1):
            hidden = frozenset(i for _, i in droppable[:dropped])
            for wrap, cut in ((False, False), (True, False), (True, True)):
                tries.append(Fit(wrap, cut, hidden))
        chosen = tries[-1]

        def fits(fit: Fit, room: int) -> bool:
            widths = needs(fit)
            widths[flexible] = min(widths[flexible], room + 2 * pad)
            return sum(w for i, w in enumerate(widths) if i not in fit.hidden) <= width

        # first with the flexible column's texts whole (up to FLEX_WHOLE_UNITS: a name the
        # other columns give way for), then with its least room
        for room in (metrics.text_px(FLEX_WHOLE_UNITS), least):
            found = next((fit for fit in tries if fits(fit, room)), None)
            if found is not None:
                chosen = found
                break
        self.fit = chosen
        self.shown = tuple(i for i in range(len(self.columns)) if i not in chosen.hidden)
        widths = needs(chosen)
        fixed = sum(widths[i] for i in self.shown if i != flexible)
        # the flexible column takes what the others leave (all of it, so the numbers keep
        # to the right edge), even if that cuts its texts short
        widths[flexible] = max(2 * pad + 1, width - fixed)
        self.heading_lines = tuple(
            _heading_lines(head, title, widths[i] - 2 * pad, chosen.wrap_headings)
            for i, title in enumerate(self.titles)
        )
        self.x, self.widths = [], []
        x = left
        for i in self.shown:
            self.x.append(x + pad)
            self.widths.append(max(1, widths[i] - 2 * pad))
            x += widths[i]

    @staticmethod
    def _cell_width(cell: Cell, short: bool, assets: Assets, metrics: Metrics) -> int:
        width = assets.font(metrics.body_size, cell.bold).size(cell.shown(short))[0]
        if cell.medal is not None:
            width += metrics.px(1.6) + metrics.px(0.7)
        return width

    def row_height(self, assets: Assets, metrics: Metrics) -> int:
        return assets.font(metrics.body_size, True).get_linesize() + metrics.px(1.0)

    def header_height(self, assets: Assets, metrics: Metrics) -> int:
        """The header's height in pixels as laid out: one line of headings, or two."""
        lines = max((len(self.heading_lines[i]) for i in self.shown), default=1)
        return lines * assets.font(metrics.small_size, True).get_linesize() + metrics.px(0.6)

    def draw_header(
        self, surface: pygame.Surface, y: int, assets: Assets, metrics: Metrics
    ) -> None:
        """The headings of the shown columns from ``y`` down, each on its lines, the last
        line of each on the header's bottom line (over its column's cells)."""
        height = self.header_height(assets, metrics)
        line = assets.font(metrics.small_size, True).get_linesize()
        muted = assets.look.palette.text_muted
        for i, x, width in zip(self.shown, self.x, self.widths, strict=True):
            lines = self.heading_lines[i]
            top = y + height - metrics.px(0.6) - len(lines) * line
            for n, words in enumerate(lines):
                text = assets.text(words, metrics.small_size, muted, bold=True)
                box = pygame.Rect(x, top + n * line, width, line + metrics.px(0.6))
                self._blit(surface, text, self.columns[i].align, box)

    def draw_row(
        self,
        surface: pygame.Surface,
        row: Row,
        rect: pygame.Rect,
        assets: Assets,
        metrics: Metrics,
        *,
        shade: bool = False,
    ) -> None:
        """One row in ``rect`` (its panel spans the whole table width)."""
        look = assets.look
        palette = look.palette
        if row.highlight:
            draw_panel(surface, rect, metrics, palette.accent, None)
            base = palette.text_dark
        else:
            colour = palette.panel if not shade else palette.panel_deep
            draw_panel(surface, rect, metrics, colour, None)
            base = palette.text
        for i, x, width in zip(self.shown, self.x, self.widths, strict=True):
            cell, column = row.cells[i], self.columns[i]
            cell_rect = pygame.Rect(x, rect.y, width, rect.height)
            colour = base if cell.colour is None or row.highlight else palette.colour(cell.colour)
            dot = 0
            if cell.medal is not None:
                dot = metrics.px(1.6)
                tier = look.tier(cell.medal)
                centre = (x + dot // 2, rect.centery)
                # on the accent-coloured row a gold dot needs a dark rim to be seen
                rim = palette.text_dark if row.highlight else darken(tier, 0.3)
                pygame.draw.circle(surface, rim, centre, dot // 2)
                pygame.draw.circle(surface, tier, centre, round(dot * 0.36))
                dot += metrics.px(0.7)
                cell_rect = pygame.Rect(x + dot, rect.y, width - dot, rect.height)
            font = assets.font(metrics.body_size, cell.bold)
            words = cell.shown(self.fit.short_cells)
            shown = wrap_lines(font, words, max(1, cell_rect.width), 1)
            text = assets.text(shown[0] if shown else "", metrics.body_size, colour, bold=cell.bold)
            self._blit(surface, text, column.align, cell_rect)

    @staticmethod
    def _blit(
        surface: pygame.Surface, text: pygame.Surface, align: Align, box: pygame.Rect
    ) -> None:
        if align == "right":
            rect = text.get_rect(midright=box.midright)
        elif align == "center":
            rect = text.get_rect(center=box.center)
        else:
            rect = text.get_rect(midleft=box.midleft)
        surface.blit(text, rect)


def _narrowest_split(font: Measures, title: str) -> tuple[tuple[str, ...], int]:
    """``title`` on at most two lines, split at the space that leaves the wider line
    narrowest, and that line's width in pixels (a title of one word stays whole)."""
    words = title.split(" ")
    best: tuple[tuple[str, ...], int] = ((title,), font.size(title)[0])
    for cut in range(1, len(words)):
        lines = (" ".join(words[:cut]), " ".join(words[cut:]))
        width = max(font.size(line)[0] for line in lines)
        if width < best[1]:
            best = (lines, width)
    return best


def _heading_lines(font: Measures, title: str, width: int, wrap: bool) -> tuple[str, ...]:
    """A heading as drawn in a column ``width`` pixels wide: one line while it fits (or
    while headings may not wrap), else split onto two."""
    if not wrap or font.size(title)[0] <= width:
        return (title,)
    return _narrowest_split(font, title)[0]
