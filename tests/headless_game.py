"""A fixture for tests that start the real game from the command line: it runs headless,
a few frames after the window opens it is closed as the window's close button would,
and each App is kept (with the scene that was on top) for the test to look at.

A plugin of the root conftest (``pytest_plugins``), so every test file may ask for
``seen``; pygame and the App are imported only when a test does, never for the tests of
the pure core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import pygame

    from clarity.ui.app import App

QUIT_AFTER_FRAMES = 5


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[App]:
    """The Apps the game opened, in order; ``app.last_top`` is its top scene at the close."""
    from clarity.ui.app import App

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    apps: list[App] = []
    real_open = App.open

    def open_and_quit_soon(self: App) -> pygame.Surface:
        surface = real_open(self)
        apps.append(self)
        self.add_frame_hook(_quit_later)
        return surface

    monkeypatch.setattr(App, "open", open_and_quit_soon)
    return apps


def _quit_later(app: App, surface: pygame.Surface) -> None:
    import pygame

    if app.frame == QUIT_AFTER_FRAMES:
        app.last_top = app.top  # type: ignore[attr-defined]
        pygame.event.post(pygame.event.Event(pygame.QUIT))
