"""What the high scores and the history share: a framed screen with a table that scrolls."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from clarity.ui.hints import KeyHint
from clarity.ui.menu_frame import MenuFrame
from clarity.ui.menu_screen import MenuScreen
from clarity.ui.table import Column, Row, Table
from clarity.ui.theme import Metrics
from clarity.ui.widgets import Button, FocusGroup

if TYPE_CHECKING:
    from clarity.ui.app import App

MAX_TABLE_UNITS = 86  # as wide as the pack cards: a very wide row is hard to follow


class TableScreen(MenuScreen):
    """A heading, a table of ``rows`` (refilled by the subclass) and a bar of buttons.

    Subclasses set ``rows`` and ``empty_message`` and may reserve ``top_height``
    pixels above the table (the high scores' pack selector), placed in ``_top``.
    """

    def __init__(
        self,
        app: App,
        heading: str,
        columns: Sequence[Column],
        buttons: Sequence[Button],
        hints: Sequence[KeyHint],
    ) -> None:
        self.focus = FocusGroup(list(buttons), columns=max(1, len(buttons)))
        super().__init__(app, MenuFrame(heading, self.focus.buttons, hints))
        self.table = Table(columns)
        self.rows: list[Row] = []
        self.empty_message = ""
        self._base_hints = tuple(hints)
        self._top = pygame.Rect(0, 0, 0, 0)
        self._header = pygame.Rect(0, 0, 0, 0)
        self._body = pygame.Rect(0, 0, 0, 0)
        self._row_h = 0

    # -- for the subclasses --------------------------------------------------------------

    def top_height(self) -> int:
        """Pixels to keep above the table's header."""
        return 0

    def layout_top(self, area: pygame.Rect) -> None:
        """Place what sits in the space kept above the table."""

    def draw_top(self, surface: pygame.Surface) -> None:
        """Draw what sits above the table."""

    def focus_row(self) -> int | None:
        """The row to scroll into view when the table is laid out (the player's own)."""
        return None

    # -- reading the state -------------------------------------------------------------

    def row_rect(self, index: int) -> pygame.Rect:
        """Where row ``index`` is on the screen now (it may be outside the visible body)."""
        gap = self._metrics.px(0.5)
        y = self._body.y + index * (self._row_h + gap) - round(self._scroller.offset)
        return pygame.Rect(self._body.x, y, self._body.width, self._row_h)

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """The frame, the table and every row in view, by name (for the layout tests)."""
        boxes = self._frame.boxes(self.app.services.assets)
        if self.top_height():
            boxes["top"] = self._top.copy()
        if self.rows:
            boxes["header"] = self._header.copy()
            for i in range(len(self.rows)):
                rect = self.row_rect(i)
                if self._body.contains(rect):
                    boxes[f"row_{i}"] = rect
        return boxes

    # -- the scene ----------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = Metrics(*size)
        assets = self.app.services.assets
        hints = self._frame.hints = self.with_scroll_hint(self._base_hints)
        content = self._frame.layout(size, assets)
        width = min(content.width, metrics.px(MAX_TABLE_UNITS))
        left = content.centerx - width // 2
        y = content.y
        top = self.top_height()
        self._top = pygame.Rect(left, y, width, top)
        if top:
            self.layout_top(self._top)
            y += top + metrics.gap
        header_h = self.table.header_height(assets, metrics)
        self._header = pygame.Rect(left, y, width, header_h)
        y += header_h
        # the scrollbar runs at the right edge: keep the cells clear of it
        self.table.layout(
            left,
            width - metrics.px(1.4),
            metrics.px(0.8),
            rows=self.rows,
            assets=assets,
            metrics=metrics,
        )
        self._body = pygame.Rect(left, y, width, max(0, content.bottom - y))
        self._row_h = self.table.row_height(assets, metrics)
        gap = metrics.px(0.5)
        count = len(self.rows)
        self._scroller.set(self._body, max(0, count * (self._row_h + gap) - gap))
        row = self.focus_row()
        if row is not None:
            top_y = row * (self._row_h + gap)
            self._scroller.show(top_y, top_y + self._row_h, immediate=True)
        if self.with_scroll_hint(self._base_hints) != hints:
            self.layout(size)  # the scroll hint came or went: the bar may change height

    def handle_event(self, event: pygame.event.Event) -> None:
        if self._leaving:
            return
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                step = self._row_h + self._metrics.px(0.5)
                self._scroller.by(step if event.key == pygame.K_DOWN else -step)
                return
        if self._scroller.handle_event(event, self._metrics):
            return
        self.focus.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        self.draw_frame(surface)
        self.focus.draw(surface, assets, metrics)
        if self.top_height():
            self.draw_top(surface)
        if not self.rows:
            self.draw_message(surface, self.empty_message, self._body.union(self._header))
            return
        self.table.draw_header(surface, self._header.y, assets, metrics)
        previous = surface.get_clip()
        surface.set_clip(self._body)
        for i, row in enumerate(self.rows):
            rect = self.row_rect(i)
            if rect.colliderect(self._body):
                self.table.draw_row(surface, row, rect, assets, metrics, shade=i % 2 == 1)
        surface.set_clip(previous)
        self._scroller.draw_bar(surface, metrics)
