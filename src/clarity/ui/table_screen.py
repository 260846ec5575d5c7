"""What the high scores and the history share: a framed screen with a table that scrolls."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.menu_frame import SCROLL_KEYS, MenuFrame
from clarity.ui.menu_screen import BACK, MenuScreen
from clarity.ui.table import Column, Row, Table
from clarity.ui.widgets import Button, FocusGroup, focus_keys

if TYPE_CHECKING:
    from clarity.ui.app import App

MAX_TABLE_UNITS = 86  # as wide as the pack cards: a very wide row is hard to follow

#: While the table is longer than its view, ↑ and ↓ scroll it a row (PageUp and PageDown
#: a page, :data:`SCROLL_KEYS`); held, they go on.
ROW_SCROLL_KEYS: tuple[Binding, ...] = (
    Binding("scroll_rows", (keys.DOWN,), N_("scroll"), "↑ ↓", (1,), repeats=True),
    Binding("scroll_rows", (keys.UP,), N_("scroll"), args=(-1,), repeats=True),
)


class TableScreen(MenuScreen):
    """A heading, a table of ``rows`` (refilled by the subclass) and a bar of buttons.

    Subclasses set ``rows`` in :meth:`fill` (in the interface language, which may change
    between two layouts) and ``empty_message`` (an English id marked with ``N_``, shown in
    the language), list their own keys in :meth:`own_keys`, and may reserve
    ``top_height`` pixels above the table (the high scores' pack selector), placed in
    ``_top``. Tab (and ← → when there are two buttons) moves along the bar and Enter
    presses; those rows have no hint. ``heading`` and the buttons' labels are English ids
    (marked with ``N_``) too, put in the language at every layout.
    """

    def __init__(
        self, app: App, heading: str, columns: Sequence[Column], buttons: Sequence[Button]
    ) -> None:
        self.focus = FocusGroup(list(buttons), columns=max(1, len(buttons)))
        super().__init__(app, MenuFrame(heading, self.focus.buttons, ()))
        self._heading = heading
        self._labels = [(button, button.label) for button in buttons]
        self.table = Table(columns)
        self.rows: list[Row] = []
        self.empty_message = ""
        sideways = ("focus.left", "focus.right")
        self._bar_keys = tuple(
            row
            for row in focus_keys(move="", press="")
            if self.focus.columns > 1 or row.action not in sideways
        )
        self._top = pygame.Rect(0, 0, 0, 0)
        self._header = pygame.Rect(0, 0, 0, 0)
        self._body = pygame.Rect(0, 0, 0, 0)
        self._row_h = 0
        self._note = pygame.Rect(0, 0, 0, 0)  # under the table: the columns left out

    # -- for the subclasses --------------------------------------------------------------

    def fill(self) -> None:
        """Make ``rows`` (and any words above the table) in the interface language: called
        at every layout, before the table is measured."""

    def own_keys(self) -> tuple[Binding, ...]:
        """The subclass's keys, first in the table (T for the trophies, ← → for a pack)."""
        return ()

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

    # -- the keys ---------------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        """The subclass's keys, scrolling while the table is longer than its view, Esc,
        and the bar's keys."""
        scrolling = (*ROW_SCROLL_KEYS, *SCROLL_KEYS) if self._scroller.max_offset > 0 else ()
        return (*self.own_keys(), *scrolling, BACK, *self._bar_keys)

    def scroll_rows(self, direction: int) -> None:
        """The table a row down (1) or up (-1)."""
        self._scroller.by(direction * (self._row_h + self._metrics.px(0.5)))

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
            if self.table.hidden_titles:
                boxes["left_out"] = self._note.copy()
            for i in range(len(self.rows)):
                rect = self.row_rect(i)
                if self._body.contains(rect):
                    boxes[f"row_{i}"] = rect
        return boxes

    def _left_out_note(self) -> pygame.Surface | None:
        """The line under the table naming the columns left out to fit (None: all shown)."""
        hidden = self.table.hidden_titles
        if not hidden or not self.rows:
            return None
        t = self.app.translator
        metrics = self._metrics
        # Translators: under a table too wide for the window; {columns} are the headings
        # of the columns not shown ("RIGHT and WRONG")
        text = t.ngettext(
            "{count} column left out for lack of room: {columns}",
            "{count} columns left out for lack of room: {columns}",
            len(hidden),
            columns=t.join(hidden),
        )
        return self.app.services.assets.text(
            text,
            metrics.small_size,
            self.app.look.palette.text_muted,
            wrap=self._header.width,
        )

    # -- the scene ----------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        t = self.app.translator
        self._frame.heading = t.gettext(self._heading)
        for button, label in self._labels:
            button.label = t.gettext(label)
        self.fill()
        hints = self._frame.hints = self.hints()
        content = self._frame.layout(size, assets)
        width = min(content.width, metrics.px(MAX_TABLE_UNITS))
        left = content.centerx - width // 2
        y = content.y
        top = self.top_height()
        self._top = pygame.Rect(left, y, width, top)
        if top:
            self.layout_top(self._top)
            y += top + metrics.gap
        # the scrollbar runs at the right edge: keep the cells clear of it
        self.table.layout(
            left,
            width - metrics.px(1.4),
            metrics.px(0.8),
            rows=self.rows,
            assets=assets,
            metrics=metrics,
            translator=t,
        )
        header_h = self.table.header_height(assets, metrics)
        self._header = pygame.Rect(left, y, width, header_h)
        y += header_h
        bottom = content.bottom
        note = self._left_out_note()
        self._note = pygame.Rect(left, bottom, width, 0)
        if note is not None:
            self._note.height = note.get_height()
            self._note.bottom = bottom
            bottom = self._note.y - metrics.px(0.5)
        self._row_h = self.table.row_height(assets, metrics)
        gap = metrics.px(0.5)
        # The view holds whole rows, so that scrolled to any row (the player's own, at the
        # end) no row shows half under the header.
        available = max(0, bottom - y)
        whole_rows = max(1, (available + gap) // (self._row_h + gap))
        self._body = pygame.Rect(
            left, y, width, min(available, whole_rows * (self._row_h + gap) - gap)
        )
        count = len(self.rows)
        rows_height = max(0, count * (self._row_h + gap) - gap)
        self._scroller.set(self._body, rows_height)
        # the note right under the last row, or under the view when the rows scroll
        self._note.y = self._body.y + min(self._body.height, rows_height) + gap
        row = self.focus_row()
        if row is not None:
            top_y = row * (self._row_h + gap)
            self._scroller.show(top_y, top_y + self._row_h, immediate=True)
        if self.hints() != hints:
            self.layout(size)  # the scroll keys came or went: the bar may change height

    def handle_event(self, event: pygame.event.Event) -> None:
        if self._leaving:
            return
        if event.type == pygame.KEYDOWN:
            self.handle_key(event)  # keys do only what the table says
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
            message = self.app.translator.gettext(self.empty_message) if self.empty_message else ""
            self.draw_message(surface, message, self._body.union(self._header))
            return
        self.table.draw_header(surface, self._header.y, assets, metrics)
        previous = surface.get_clip()
        surface.set_clip(self._body)
        for i, row in enumerate(self.rows):
            rect = self.row_rect(i)
            if rect.colliderect(self._body):
                self.table.draw_row(surface, row, rect, assets, metrics, shade=i % 2 == 1)
        surface.set_clip(previous)
        self._scroller.draw_bar(surface, metrics, self.app.look.palette)
        note = self._left_out_note()
        if note is not None:
            surface.blit(note, note.get_rect(midtop=self._note.midtop))
