"""What the list screens share: the backdrop, the menu frame, a list that scrolls, leaving once.

The players, the trophy cabinet, the high scores and the history are each a
:class:`MenuScreen`; each lays out and draws what goes in the frame's content area.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from clarity.ui.backdrop import Backdrop
from clarity.ui.hints import KeyHint
from clarity.ui.menu_frame import SCROLL_HINT, MenuFrame, Scroller
from clarity.ui.scene import Scene
from clarity.ui.theme import PALETTE, Metrics

if TYPE_CHECKING:
    from clarity.ui.app import App


class MenuScreen(Scene):
    """A menu screen in ``frame`` over the backdrop, with a scroller for its list."""

    def __init__(self, app: App, frame: MenuFrame) -> None:
        super().__init__(app)
        self._frame = frame
        self._scroller = Scroller()
        self._backdrop = Backdrop()
        self._metrics = Metrics(*app.options.size)
        self._leaving = False

    # -- actions ------------------------------------------------------------------------

    def back(self) -> None:
        """Back to the screen below."""
        self.leave()

    def leave(self, next_scene: Callable[[], Scene] | None = None) -> None:
        """Back, or on to ``next_scene()`` in this screen's place; only once, however many
        presses arrive before the stack changes."""
        if self._leaving:
            return
        self._leaving = True
        if next_scene is None:
            self.app.pop()
        else:
            self.app.replace(next_scene())

    # -- for the subclasses -------------------------------------------------------------

    def with_scroll_hint(self, hints: Sequence[KeyHint]) -> tuple[KeyHint, ...]:
        """``hints``, and the wheel's while the list is longer than its view."""
        return (*hints, SCROLL_HINT) if self._scroller.max_offset > 0 else tuple(hints)

    def draw_frame(self, surface: pygame.Surface) -> None:
        """The backdrop, the heading and the key hints (the subclass draws its buttons)."""
        self._backdrop.draw(surface)
        self._frame.draw(surface, self.app.services.assets)

    def draw_message(self, surface: pygame.Surface, message: str, area: pygame.Rect) -> None:
        """What shows instead of an empty list: muted, centred in ``area``."""
        metrics = self._metrics
        text = self.app.services.assets.text(
            message, metrics.body_size, PALETTE.text_muted, wrap=area.width * 3 // 4
        )
        surface.blit(text, text.get_rect(center=area.center))

    # -- the scene ----------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self._scroller.update(dt)
