"""Driving the real App headless for the menu tests: open it, press keys, click, step."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import pygame
import pytest

from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scene import Scene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound

from .keyboard import press_events

FRAME = 1 / 60


def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """No window and no sound device: SDL reads these when the App starts it."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")


def open_app(
    folders: Sequence[Path] | None = None,
    size: tuple[int, int] = (1280, 800),
    *,
    seed: int | None = 1,
    first: type[Scene] | None = None,
) -> App:
    """An opened App over the packs in ``folders`` (the bundled packs by default)."""
    assets_dir = bundled_assets_dir()
    services = Services(
        assets=Assets(assets_dir),
        sound=Sound(enabled=False),
        packs=PackCatalog(
            list(folders) if folders is not None else [bundled_questions_dir()], assets_dir
        ),
        settings=GameSettings(seed=seed),
    )
    app = App(services, WindowOptions(size=size))
    app.open()
    if first is not None:
        app.push(first(app))
        step(app)
    return app


def step(app: App, frames: int = 1) -> None:
    """``frames`` frames of the App, each letting the game's background threads run.

    A real frame loop waits for its clock between frames, and the packs' loading thread
    runs meanwhile; a loop of bare ``app.step`` calls would hold the interpreter and starve
    that thread (importing the pack loader alone took thousands of frames)."""
    for _ in range(frames):
        app.step(FRAME)
        time.sleep(0)  # hand the interpreter to the loading thread, as a frame's wait does


def press(app: App, key: int, *, mod: int = 0, frames: int = 2) -> None:
    """A key pressed and released as a US keyboard sends it (its text too while text
    input is on), then ``frames`` frames for the scene to react."""
    for event in press_events(key, text_input=app.text_input_on, mod=mod):
        pygame.event.post(event)
    step(app, frames)


def click(app: App, pos: tuple[int, int], *, frames: int = 2) -> None:
    """The mouse moved to ``pos`` and its left button clicked there."""
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    )
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    step(app, frames)


def wheel(app: App, y: int, *, frames: int = 2) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
    step(app, frames)


def inside(inner: pygame.Rect, outer: pygame.Rect) -> bool:
    return outer.contains(inner)
