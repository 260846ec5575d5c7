"""The Scene base class: one screen of the game on the App's stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from clarity.ui.app import App


class Scene:
    """A screen. It draws the core's state and turns input into core calls; no game rules.

    Lifecycle, called by the :class:`App`:
    ``enter`` when pushed, ``pause``/``resume`` when another scene covers or uncovers it,
    ``exit`` when popped or replaced; ``layout`` whenever the window size changes (and once
    before the first draw); then each frame ``handle_event`` for every input event,
    ``update(dt)`` and ``draw(surface)``.
    """

    #: An opaque scene hides everything below it; a translucent one (a pause menu) is
    #: drawn over the scene beneath.
    opaque: bool = True
    #: A name for screenshots and logs.
    name: str = "scene"

    def __init__(self, app: App) -> None:
        self.app = app

    def enter(self) -> None:
        """Pushed onto the stack."""

    def exit(self) -> None:
        """Popped or replaced."""

    def pause(self) -> None:
        """Another scene was pushed on top."""

    def resume(self) -> None:
        """The scene on top was popped."""

    def layout(self, size: tuple[int, int]) -> None:
        """Place widgets for a window of ``size``; called before the first draw and on resize."""

    def text_field_rect(self) -> pygame.Rect | None:
        """Where the text field that has the keyboard's focus is, or None: no text is typed.

        The App keeps SDL's text input on exactly while the top scene has such a field
        (letters type there; elsewhere they are shortcuts), and tells an on-screen
        keyboard or an input method where the field is.
        """
        return None

    @property
    def wants_text(self) -> bool:
        """Whether keys type into a field now (so letters are no shortcuts)."""
        return self.text_field_rect() is not None

    def keeps_key(self, event: pygame.event.Event) -> bool:
        """Whether the scene takes the KEYDOWN ``event`` itself now, before the keys of
        every screen (F11, M) act on it; it still gets it in :meth:`handle_event`."""
        return False

    def handle_event(self, event: pygame.event.Event) -> None:
        """React to one input event."""

    def update(self, dt: float) -> None:
        """Advance animations and timers by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the whole scene onto ``surface``."""
