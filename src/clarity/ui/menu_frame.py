"""The frame the list screens share with the pack choice, and a list that scrolls.

A heading on top (with an optional line under it), the screen's buttons along the
bottom with the key hints beside them, and the content between: the players, the
trophy cabinet, the high scores and the history all sit in it, so they look like the
pack choice and like each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.assets import Assets
from clarity.ui.bindings import Binding, KeyHint
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.theme import Metrics, Palette
from clarity.ui.widgets import Button, FocusGroup

if TYPE_CHECKING:
    from clarity.i18n import Translator

SCROLL_EASE = 14.0  # as the pack list: how quickly a list glides to where it should be
PAGE_SHARE = 0.8  # of the view a page key scrolls: the last lines stay in sight

#: PageDown and PageUp scroll a list by a page (held, they go on), through the screen's
#: ``scroll_page(direction)``. A screen puts these rows in its table while its list is
#: longer than its view, so the hint shows only when there is something to scroll.
SCROLL_KEYS: tuple[Binding, ...] = (
    Binding("scroll_page", (keys.PAGE_DOWN,), N_("scroll"), "PgUp PgDn", (1,), repeats=True),
    Binding("scroll_page", (keys.PAGE_UP,), "scroll", args=(-1,), repeats=True),
)


def heading_size(metrics: Metrics) -> int:
    """The heading's type size: the pack choice's, so every menu screen matches."""
    return max(metrics.heading_size, metrics.px(4.6))


def button_height(assets: Assets, metrics: Metrics) -> int:
    return max(metrics.px(4.6), assets.font(metrics.body_size, True).get_linesize())


def button_width(button: Button, assets: Assets, metrics: Metrics) -> int:
    """Wide enough for the label at body size and its key badge, and never narrow."""
    label = assets.font(metrics.body_size, True).size(button.label)[0]
    badge = 0
    if button.key_hint:
        cap = keys.shown_cap(button.key_hint, assets.translator)  # as Button.draw shows it
        badge = assets.font(metrics.small_size, True).size(cap)[0] + metrics.px(2.0)
    return max(metrics.px(15), label + badge + 3 * metrics.px(1.2))


class MenuFrame:
    """Lays out and draws a menu screen's heading, bottom bar and key hints.

    ``layout`` returns the content area; the scene draws its buttons itself (they
    belong to its focus group) and the frame draws the rest. The ``heading`` and
    ``subheading`` are drawn as they are: the scene puts them in the interface language
    as it lays out (they may hold a player's name); the hints are declared ones, which the
    drawing translates (:mod:`clarity.ui.hints`).
    """

    def __init__(self, heading: str, buttons: Sequence[Button], hints: Sequence[KeyHint]) -> None:
        self.heading = heading
        self.subheading = ""
        #: the palette's colour the subheading is drawn in
        self.subheading_colour = "text_muted"
        self.buttons = list(buttons)
        self.hints: tuple[KeyHint, ...] = tuple(hints)
        self.metrics = Metrics(1280, 800)  # until laid out, in the look (layout)
        self.content = pygame.Rect(0, 0, 0, 0)
        self.hints_area = pygame.Rect(0, 0, 0, 0)
        self._heading_pos = (0, 0)
        self._subheading_pos = (0, 0)
        self._size = (1280, 800)

    def layout(self, size: tuple[int, int], assets: Assets) -> pygame.Rect:
        """Place the heading, the buttons and the hints; return the area left between."""
        self._size = size
        metrics = self.metrics = assets.look.metrics(size)
        width, height = size
        margin = metrics.margin
        gap = metrics.gap

        heading_h = assets.font(heading_size(metrics), True).get_linesize()
        self._heading_pos = (width // 2, margin // 2 + heading_h // 2)
        top = margin // 2 + heading_h
        if self.subheading:
            sub_h = assets.font(metrics.body_size).get_linesize()
            self._subheading_pos = (width // 2, top + sub_h // 2)
            top += sub_h
        top += gap

        bar_h = button_height(assets, metrics)
        bar_top = height - margin // 2 - bar_h
        x = margin
        for button in self.buttons:
            button.rect = pygame.Rect(x, bar_top, button_width(button, assets, metrics), bar_h)
            x = button.rect.right + gap
        hints_left = x if self.buttons else margin
        hints_w = width - margin - hints_left
        hints_h = key_hints_height(self.hints, assets, metrics, hints_w)
        one_row = key_hints_height(self.hints[:1], assets, metrics, hints_w)
        beside_bottom = bar_top + bar_h // 2 + hints_h - hints_h // 2
        if self.buttons and (hints_h > 2 * one_row or beside_bottom > height):
            # too many hints beside the buttons: a row of their own under them
            hints_w = width - 2 * margin
            hints_h = key_hints_height(self.hints, assets, metrics, hints_w)
            self.hints_area = pygame.Rect(margin, height - margin // 2 - hints_h, hints_w, hints_h)
            bar_top = self.hints_area.top - gap // 2 - bar_h
            for button in self.buttons:
                button.rect.y = bar_top
        else:
            centre = bar_top + bar_h // 2
            self.hints_area = pygame.Rect(hints_left, centre - hints_h // 2, hints_w, hints_h)
        bottom = min(bar_top, self.hints_area.top) - gap
        self.content = pygame.Rect(margin, top, width - 2 * margin, max(0, bottom - top))
        return self.content.copy()

    def boxes(self, assets: Assets) -> dict[str, pygame.Rect]:
        """What the frame draws, by name (for the layout tests)."""
        metrics = self.metrics
        palette = assets.look.palette
        heading = assets.text(self.heading, heading_size(metrics), palette.text, bold=True)
        boxes = {"heading": heading.get_rect(center=self._heading_pos)}
        if self.subheading:
            colour = palette.colour(self.subheading_colour)
            sub = assets.text(self.subheading, metrics.body_size, colour)
            boxes["subheading"] = sub.get_rect(center=self._subheading_pos)
        for i, button in enumerate(self.buttons):
            boxes[f"bar_{i}"] = button.rect.copy()
        boxes["hints"] = self.hints_area.copy()
        return boxes

    def draw(self, surface: pygame.Surface, assets: Assets) -> None:
        """The heading, the line under it and the hints (not the buttons: see the class)."""
        metrics = self.metrics
        palette = assets.look.palette
        heading = assets.text(self.heading, heading_size(metrics), palette.text, bold=True)
        if heading.get_width() > self._size[0] - 2 * metrics.margin:
            heading = assets.fit_text(
                self.heading,
                heading_size(metrics),
                metrics.body_size,
                palette.text,
                (self._size[0] - 2 * metrics.margin, heading.get_height()),
                bold=True,
            )
        surface.blit(heading, heading.get_rect(center=self._heading_pos))
        if self.subheading:
            colour = palette.colour(self.subheading_colour)
            sub = assets.text(self.subheading, metrics.body_size, colour)
            surface.blit(sub, sub.get_rect(center=self._subheading_pos))
        draw_key_hints(surface, self.hints, assets, metrics, self.hints_area)


class Scroller:
    """A vertical scroll offset that glides to its target, for a list taller than its view."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.target = 0.0
        self.content_height = 0
        self.view = pygame.Rect(0, 0, 0, 0)

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.view.height)

    def set(self, view: pygame.Rect, content_height: int) -> None:
        self.view = view.copy()
        self.content_height = content_height
        self.target = min(self.target, float(self.max_offset))
        self.offset = min(self.offset, float(self.max_offset))

    def by(self, pixels: float) -> None:
        self.target = max(0.0, min(float(self.max_offset), self.target + pixels))

    def show(self, top: int, bottom: int, room: int = 0, *, immediate: bool = False) -> None:
        """Scroll just enough that content from ``top`` to ``bottom`` is in view."""
        if top - room < self.target:
            self.target = top - room
        elif bottom + room > self.target + self.view.height:
            self.target = bottom + room - self.view.height
        self.target = max(0.0, min(float(self.max_offset), self.target))
        if immediate:
            self.offset = self.target

    def update(self, dt: float, *, glide: bool = True) -> bool:
        """Glide towards the target (jump there when not ``glide``: reduced motion); True
        when the offset moved."""
        if self.offset == self.target:
            return False
        if not glide:
            self.offset = self.target
            return True
        self.offset += (self.target - self.offset) * min(1.0, dt * SCROLL_EASE)
        if abs(self.target - self.offset) < 0.5:
            self.offset = self.target
        return True

    def page(self, direction: int) -> None:
        """A page down (``direction`` 1) or up (-1): most of the view's height."""
        self.by(direction * self.view.height * PAGE_SHARE)

    def handle_event(self, event: pygame.event.Event, metrics: Metrics) -> bool:
        """The mouse wheel (the keys are the screen's: :data:`SCROLL_KEYS`); True when the
        event scrolled."""
        if event.type == pygame.MOUSEWHEEL:
            self.by(-event.y * metrics.px(6))
            return True
        return False

    def draw_bar(self, surface: pygame.Surface, metrics: Metrics, palette: Palette) -> None:
        """The pack list's scrollbar at the right edge of the view, when there is more."""
        if self.max_offset <= 0:
            return
        area = self.view
        track = pygame.Rect(0, area.y, max(4, metrics.px(0.6)), area.height)
        track.right = area.right
        pygame.draw.rect(surface, palette.panel, track, border_radius=track.width // 2)
        content = area.height + self.max_offset
        thumb_h = max(track.width * 3, round(track.height * area.height / content))
        thumb_y = track.y + round((track.height - thumb_h) * self.offset / self.max_offset)
        thumb = pygame.Rect(track.x, thumb_y, track.width, thumb_h)
        pygame.draw.rect(surface, palette.text_muted, thumb, border_radius=track.width // 2)


def short_date(moment: datetime | None, translator: Translator | None = None) -> str:
    """A date as a class reads it on a projector: 23 Nov 2026 (no leading zero); with a
    ``translator``, as its language writes a date (CLDR's medium width: ``23 нояб. 2026
    г.``, and ``Nov 23, 2026`` in English)."""
    if moment is None:
        return ""
    if translator is not None:
        return translator.date(moment)
    return f"{moment.day} {moment.strftime('%b %Y')}"


def move_spatially(focus: FocusGroup, dx: int, dy: int) -> bool:
    """Move ``focus`` to the nearest enabled button in line in a direction.

    For menus whose rows hold different numbers of buttons (Play over two columns), where
    a fixed column count cannot say what is below what. "In line" means overlapping the
    focused button across the direction (the same row for left and right); when nothing
    is, the focus stays. True when the focus moved.
    """
    current = focus.focused
    if current is None:
        return False
    here = current.rect
    best: tuple[int, int] | None = None
    for i, button in enumerate(focus.buttons):
        if button is current or not button.enabled:
            continue
        there = button.rect
        along = (there.centerx - here.centerx) * dx + (there.centery - here.centery) * dy
        if along <= 0:
            continue
        if dx:
            in_line = there.top < here.bottom and here.top < there.bottom
        else:
            in_line = there.left < here.right and here.left < there.right
        if in_line and (best is None or along < best[0]):
            best = (along, i)
    if best is None:
        return False
    focus.index = best[1]
    return True
