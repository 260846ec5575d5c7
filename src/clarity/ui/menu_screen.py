"""What the list screens share: the backdrop, the menu frame, a list that scrolls, leaving once.

The players, the trophy cabinet, the high scores and the history are each a
:class:`MenuScreen`; each lays out and draws what goes in the frame's content area, and
lists its keys in :meth:`MenuScreen.bindings`, the one table that both handles the keys
and makes the hints in the frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, KeyHint, handle_key, key_hints
from clarity.ui.menu_frame import SCROLL_KEYS, MenuFrame, Scroller
from clarity.ui.scene import Scene

if TYPE_CHECKING:
    from clarity.ui.app import App

#: Esc on every menu screen: back to the screen below, once per press.
BACK = Binding("back", (keys.ESCAPE,), N_("back"))


class MenuScreen(Scene):
    """A menu screen in ``frame`` over the backdrop, with a scroller for its list."""

    def __init__(self, app: App, frame: MenuFrame) -> None:
        super().__init__(app)
        self._frame = frame
        self._scroller = Scroller()
        self._backdrop = Backdrop()
        self._metrics = app.look.metrics(app.options.size)
        self._leaving = False

    # -- the keys -----------------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        """The screen's keys as they are now (the subclass lists its rows)."""
        return ()

    def hints(self) -> tuple[KeyHint, ...]:
        """The hints the frame shows: made from :meth:`bindings`, never written apart."""
        return key_hints(self.bindings())

    def scroll_keys(self) -> tuple[Binding, ...]:
        """PageUp and PageDown while the list is longer than its view, else nothing."""
        return SCROLL_KEYS if self._scroller.max_offset > 0 else ()

    def handle_key(self, event: pygame.event.Event) -> bool:
        """Do what :meth:`bindings` says the KEYDOWN ``event`` does; True when it was a
        key of the screen (a held key's repeat is used up without acting)."""
        return handle_key(self, self.bindings(), event)

    # -- actions ------------------------------------------------------------------------

    def back(self) -> None:
        """Back to the screen below."""
        self.leave()

    def scroll_page(self, direction: int) -> None:
        """The list a page down (1) or up (-1)."""
        self._scroller.page(direction)

    def leave(self, screen: str | None = None, /, **kwargs: Any) -> None:
        """Back, or on to the screen called ``screen`` (made with ``kwargs``) in this
        screen's place; only once, however many presses arrive before the stack changes."""
        if self._leaving:
            return
        self._leaving = True
        if screen is None:
            self.app.pop()
        else:
            self.app.screens.replace(screen, **kwargs)

    def visit(self, screen: str) -> None:
        """The screen called ``screen``: back to it when it lies just below this one, else
        opened over this one, so that Esc always walks back one screen (the cabinet and
        the history open each other without piling up)."""
        if self._leaving:
            return
        scenes = self.app.scenes
        if len(scenes) >= 2 and scenes[-1] is self and scenes[-2].name == screen:
            self.leave()
        else:
            self.app.screens.push(screen)

    # -- for the subclasses -------------------------------------------------------------

    def draw_frame(self, surface: pygame.Surface) -> None:
        """The backdrop, the heading and the key hints (the subclass draws its buttons)."""
        self._backdrop.draw(surface, self.app.look.palette)
        self._frame.draw(surface, self.app.services.assets)

    def draw_message(self, surface: pygame.Surface, message: str, area: pygame.Rect) -> None:
        """What shows instead of an empty list: muted, centred in ``area`` (``message`` in
        the interface language already: the screen translates it)."""
        metrics = self._metrics
        text = self.app.services.assets.text(
            message, metrics.body_size, self.app.look.palette.text_muted, wrap=area.width * 3 // 4
        )
        surface.blit(text, text.get_rect(center=area.center))

    # -- the scene ----------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self._scroller.update(dt, glide=not self.app.look.reduced_motion)
