"""A table of rows for the high scores and the history: a header, then one panel a row.

Each column is as wide as its widest text; the flexible one (a name) takes what is left,
and a text too wide for it ends in an ellipsis rather than running into the next cell.
A highlighted row (the current player) is drawn in the accent colour, so it stands out
from the back of a classroom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pygame

from clarity.ui.assets import Assets
from clarity.ui.textfit import wrap_lines
from clarity.ui.theme import Metrics
from clarity.ui.widgets import darken, draw_panel

if TYPE_CHECKING:
    from clarity.i18n import Translator

Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Column:
    title: str  # the English id (marked with N_ where defined), shown in the language
    align: Align = "left"
    flex: bool = False  # takes the width the other columns leave


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    medal: str | None = None  # a tier name: a coloured dot before the text
    colour: str | None = None  # the palette's colour by name ("right"); None: the row's


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


class Table:
    """Lays out columns over a width and draws the header and the rows."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self.titles = tuple(column.title.upper() for column in self.columns)
        self.x: list[int] = []
        self.widths: list[int] = []

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
        """Size the columns to ``rows`` within ``width``; ``pad`` is kept free in each cell.
        The headings are put in ``translator``'s language (in capitals) here."""
        self.titles = tuple(translator.gettext(c.title).upper() for c in self.columns)
        natural = []
        for i, title_text in enumerate(self.titles):
            title = assets.font(metrics.small_size, True).size(title_text)[0]
            cells = [self._cell_width(row.cells[i], assets, metrics) for row in rows]
            natural.append(max([title, *cells]) + 2 * pad)
        flexible = [i for i, c in enumerate(self.columns) if c.flex] or [0]
        fixed = sum(w for i, w in enumerate(natural) if i not in flexible)
        spare = max(0, width - fixed)
        widths = list(natural)
        for i in flexible:
            widths[i] = max(spare // len(flexible), metrics.px(6))
        if sum(widths) < width:  # room left over: the flexible column stays as wide, the
            widths[flexible[0]] += width - sum(widths)  # numbers keep to the right edge
        self.x, self.widths = [], []
        x = left
        for w in widths:
            self.x.append(x + pad)
            self.widths.append(max(1, w - 2 * pad))
            x += w

    @staticmethod
    def _cell_width(cell: Cell, assets: Assets, metrics: Metrics) -> int:
        width = assets.font(metrics.body_size, cell.bold).size(cell.text)[0]
        if cell.medal is not None:
            width += metrics.px(1.6) + metrics.px(0.7)
        return width

    def row_height(self, assets: Assets, metrics: Metrics) -> int:
        return assets.font(metrics.body_size, True).get_linesize() + metrics.px(1.0)

    def header_height(self, assets: Assets, metrics: Metrics) -> int:
        return assets.font(metrics.small_size, True).get_linesize() + metrics.px(0.6)

    def draw_header(
        self, surface: pygame.Surface, y: int, assets: Assets, metrics: Metrics
    ) -> None:
        height = self.header_height(assets, metrics)
        muted = assets.look.palette.text_muted
        columns = zip(self.columns, self.titles, self.x, self.widths, strict=True)
        for column, title, x, width in columns:
            text = assets.text(title, metrics.small_size, muted, bold=True)
            self._blit(surface, text, column.align, pygame.Rect(x, y, width, height))

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
        for cell, column, x, width in zip(
            row.cells, self.columns, self.x, self.widths, strict=True
        ):
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
            shown = wrap_lines(font, cell.text, max(1, cell_rect.width), 1)
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
