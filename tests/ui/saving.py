"""Apps with a data folder, for the tests of players and saved progress.

Each App gets the real store in its own data folder (nothing mocked); two Apps over the
same folder are two starts of the game.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame

from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import Phase
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.title import TitleScene
from clarity.ui.services import GameSettings, PackCatalog, PlayerOptions, Services

from .conftest import ASSETS, Pilot, RecordingSound

SIZES = [(1024, 640), (1024, 768), (1920, 1080)]
MakeApp = Callable[..., App]


def app_factory(pack_folder: Path, data_dir: Path) -> Iterator[MakeApp]:
    """For a fixture: opens Apps with a data folder (``data_dir`` unless told) and closes
    them after the test."""
    opened: list[App] = []

    def make(
        *,
        player: str | None = None,
        size: tuple[int, int] = (1280, 800),
        folder: Path | None = None,
        notices: list[str] | None = None,
        settings: GameSettings | None = None,
    ) -> App:
        services = Services(
            assets=Assets(ASSETS),
            sound=RecordingSound(),
            packs=PackCatalog([pack_folder], ASSETS),
            settings=settings or GameSettings(seed=1),
            data_dir=folder or data_dir,
            player_options=PlayerOptions(
                name=player, on_notice=notices.append if notices is not None else None
            ),
        )
        app = App(services, WindowOptions(size=size))
        app.open()
        opened.append(app)
        return app

    yield make
    for app in opened:
        if app.running or app.scenes:
            app.close()


def at_title(app: App) -> Pilot:
    """The App at its title with the store open (as it is a moment after the first frame)."""
    pilot = Pilot(app)
    app.push(TitleScene(app))
    pilot.step()
    wait_for_store(pilot)
    return pilot


def wait_for_store(pilot: Pilot) -> None:
    """Step until the title has opened the store (its code loads in a background thread)."""
    title = pilot.top
    assert isinstance(title, TitleScene)
    deadline = time.monotonic() + 10
    while not title._session_open and time.monotonic() < deadline:
        pilot.step()
        time.sleep(0.002)
    assert title._session_open


def answer_right(pilot: Pilot, play: PlayScene) -> None:
    """Answer the question in view rightly with the keyboard, then wait for the feedback."""
    asked = play.round.question
    if isinstance(asked, ChoiceQuestion):
        pilot.key(
            (pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d, pygame.K_e, pygame.K_f)[
                asked.right_index
            ]
        )
    elif isinstance(asked, TrueFalseQuestion):
        pilot.key(pygame.K_t if asked.answer else pygame.K_f)
    else:
        assert isinstance(asked, TypedQuestion)
        pilot.type(asked.answer)
        pilot.key(pygame.K_RETURN)
    assert play.round.phase is not Phase.ASKING
    pilot.settle()


def next_question(pilot: Pilot) -> None:
    pilot.key(pygame.K_RETURN)
    pilot.settle()


def start_round(pilot: Pilot) -> PlayScene:
    """From the pack choice, once its packs are in, Enter on the pack in focus; the first
    question in view."""
    pilot.app.services.packs.all()  # the packs come in the background
    pilot.step()
    pilot.key(pygame.K_RETURN)
    play = pilot.top
    assert isinstance(play, PlayScene)
    pilot.settle()
    return play


def boxes_laid_out(boxes: dict[str, pygame.Rect], size: tuple[int, int]) -> None:
    """Every box inside the window and no two overlapping (the layout tests' rule).

    A dialog's panel holds its other boxes: they must lie inside it instead.
    """
    window = pygame.Rect((0, 0), size)
    outside = {name: box for name, box in boxes.items() if not window.contains(box)}
    assert not outside, f"outside the {size} window: {outside}"
    boxes = dict(boxes)
    panel = boxes.pop("panel", None)
    if panel is not None:
        loose = {name: box for name, box in boxes.items() if not panel.contains(box)}
        assert not loose, f"outside the dialog's panel {panel}: {loose}"
    names = sorted(boxes)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not boxes[a].colliderect(boxes[b]), f"{a} {boxes[a]} overlaps {b} {boxes[b]}"
