"""Shared fixtures for the UI tests: a headless App over packs written in tmp_path.

The tests drive the real App: they post the events a player would make (keys, text,
clicks) with ``pygame.event.post`` and step frames with ``app.step(dt)``.
"""

from __future__ import annotations

import os
import time

# SDL reads these when the display starts: no window and no sound device in the tests.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scene import Scene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound

from .keyboard import press_events, typing_events

FRAME = 1 / 60
REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"  # the fonts; pictures come from the test's own folder

#: A pack with every kind of question, the right answer of each easy to compute.
QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "choice-four",
        "type": "choice",
        "prompt": "Which river flows through Minsk?",
        "choices": ["Svislach", "Volga", "Thames", "Seine"],
        "answer": "Svislach",
        "explain": "The Svislach runs through the middle of Minsk.",
    },
    {
        "id": "choice-six",
        "type": "choice",
        "prompt": "Which of these rivers is in Siberia?",
        "choices": ["Rhine", "Danube", "Loire", "Po", "Tagus", "Ob"],
        "answer": "Ob",
        "explain": "The Ob is one of the longest rivers of Siberia.",
    },
    {
        "id": "true-one",
        "type": "truefalse",
        "prompt": "Minsk is the capital of Belarus.",
        "answer": True,
        "explain": "Minsk is the capital and the largest city of Belarus.",
    },
    {
        "id": "false-one",
        "type": "truefalse",
        "prompt": "The Volga flows into the Baltic Sea.",
        "answer": False,
        "explain": "The Volga flows into the Caspian Sea.",
    },
    {
        "id": "typed-capital",
        "type": "typed",
        "prompt": "What is the capital of Russia?",
        "answer": "Moscow",
        "accept": ["Москва"],
        "explain": "Moscow has been the capital since 1918.",
    },
    {
        "id": "choice-three",
        "type": "choice",
        "prompt": "Which sea is the largest lake on Earth?",
        "choices": ["Caspian Sea", "Black Sea", "Baltic Sea"],
        "answer": "Caspian Sea",
    },
    {
        "id": "choice-two",
        "type": "choice",
        "prompt": "Lake Baikal lies in which country?",
        "choices": ["Russia", "Belarus"],
        "answer": "Russia",
    },
    {
        "id": "true-two",
        "type": "truefalse",
        "prompt": "Belarus has no coast on any sea.",
        "answer": True,
    },
]


def write_picture(path: Path, size: tuple[int, int] = (400, 300)) -> Path:
    """A picture with some structure (stripes and a disc), as a real mystery image has."""
    picture = pygame.Surface(size)
    width, height = size
    for y in range(0, height, 10):
        pygame.draw.rect(picture, ((y * 5) % 256, 120, 200), (0, y, width, 10))
    pygame.draw.circle(picture, (250, 220, 80), (width // 2, height // 2), height // 4)
    pygame.image.save(picture, str(path))
    return path


def write_play_pack(
    folder: Path,
    *,
    questions: Sequence[dict[str, Any]] = QUESTIONS,
    grid: str = "2x3",
    time_limit: int | None = 20,
    pack_id: str = "play-test",
    title: str = "Rivers and Capitals",
) -> Path:
    """A pack of ``questions`` over two mystery pictures, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    write_picture(folder / "lighthouse.png")
    write_picture(folder / "windmill.png", (300, 300))
    data: dict[str, Any] = {
        "clarity": 1,
        "id": pack_id,
        "title": title,
        "description": "A pack the play tests write.",
        "rounds": [
            {
                "image": "lighthouse.png",
                "answer": "Lighthouse",
                "accept": ["Маяк"],
                "caption": "A lighthouse shows ships the way at night.",
                "grid": grid,
            },
            {"image": "windmill.png", "answer": "Windmill", "grid": grid},
        ],
        "questions": list(questions),
    }
    if time_limit is not None:
        data["time_limit"] = time_limit
    path = folder / f"{pack_id}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


class RecordingSound(Sound):
    """A silent Sound that remembers what the game asked it to play."""

    def __init__(self) -> None:
        super().__init__(enabled=False)
        self.played: list[str] = []

    def play(self, name: str) -> None:
        self.played.append(name)
        super().play(name)


class Pilot:
    """Plays the real App as a player would: posted keys, typed text, clicks, frames."""

    def __init__(self, app: App) -> None:
        self.app = app

    @property
    def top(self) -> Scene:
        top = self.app.top
        assert top is not None
        return top

    def step(self, frames: int = 1, dt: float = FRAME) -> None:
        """``frames`` frames, each letting the game's background threads run (see
        :func:`tests.ui.menus.step`)."""
        for _ in range(frames):
            self.app.step(dt)
            time.sleep(0)

    def key(
        self,
        key: int,
        *,
        mod: int = 0,
        layout: str = "us",
        scancode: int | None = None,
        frames: int = 1,
    ) -> None:
        """A key pressed and released as a real keyboard sends it (KEYDOWN with its
        scancode, TEXTINPUT while text input is on, KEYUP), then ``frames`` frames."""
        for event in press_events(
            key, text_input=self.app.text_input_on, mod=mod, layout=layout, scancode=scancode
        ):
            pygame.event.post(event)
        self.step(frames)

    def post(self, events: Sequence[pygame.event.Event], *, frames: int = 1) -> None:
        """Events as recorded from a real keyboard, then ``frames`` frames."""
        for event in events:
            pygame.event.post(event)
        self.step(frames)

    def type(self, text: str, *, frames: int = 1) -> None:
        """``text`` typed key by key (Latin on the US layout, Cyrillic on the Russian)."""
        self.post(typing_events(text, text_input=self.app.text_input_on), frames=frames)

    def click(self, pos: tuple[int, int], *, frames: int = 1) -> None:
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        self.step(frames)

    def settle(self, limit: int = 600) -> None:
        """Step until the top scene's animations that take no input are over."""
        for _ in range(limit):
            if not getattr(self.top, "busy", False):
                return
            self.step()
        raise AssertionError(f"{self.top.name} still busy after {limit} frames")

    def until(self, condition: Callable[[], bool], limit: int = 600) -> None:
        for _ in range(limit):
            if condition():
                return
            self.step()
        raise AssertionError(f"not reached after {limit} frames")


@pytest.fixture
def pack_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    write_play_pack(folder)
    return folder


@pytest.fixture
def loaded(pack_folder: Path) -> LoadedPack:
    pack = load_pack(pack_folder / "play-test.yaml", assets_dir=ASSETS)
    assert pack.ok, pack.first_error
    return pack


@pytest.fixture(autouse=True)
def _every_app_closed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Close, after each test, every App it opened and left open (a failed assertion
    before its own close, a test that quits pygame instead).

    An App left open keeps its pygame.Window object; once pygame has quit, that object's
    SDL window is gone, and when it is collected later its destruction can hit the window
    a later test has just opened at the same address ("Invalid window" in that test).
    """
    opened: list[App] = []
    real_open = App.open

    def recording_open(self: App) -> pygame.Surface:
        opened.append(self)
        return real_open(self)

    monkeypatch.setattr(App, "open", recording_open)
    yield
    for app in opened:
        if app._window is not None:  # its own close was not reached
            app.close()


@pytest.fixture
def make_app(pack_folder: Path) -> Iterator[Callable[..., App]]:
    """Opens Apps over the test packs (any size, any settings) and closes them after."""
    opened: list[App] = []

    def make(size: tuple[int, int] = (1280, 800), settings: GameSettings | None = None) -> App:
        services = Services(
            assets=Assets(ASSETS),
            sound=RecordingSound(),
            packs=PackCatalog([pack_folder], ASSETS),
            settings=settings or GameSettings(seed=1),
        )
        app = App(services, WindowOptions(size=size))
        app.open()
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.close()


@pytest.fixture
def app(make_app: Callable[..., App]) -> App:
    return make_app()


@pytest.fixture
def pilot(app: App) -> Pilot:
    return Pilot(app)
