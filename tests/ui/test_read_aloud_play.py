"""Read-aloud on the play screen: the question (and its answers) spoken when it appears,
its clock waiting for the reading's end or the student's first key, R to hear it again."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack
from clarity.core.round import Phase
from clarity.settings import Settings
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scenes.play import PlayScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound
from clarity.ui.speech import Speaker

from .conftest import ASSETS, Pilot
from .test_speech import FakeEngine


@pytest.fixture
def fake(tmp_path: Path) -> FakeEngine:
    return FakeEngine(tmp_path / "engine")


@pytest.fixture
def reading_app(pack_folder: Path, fake: FakeEngine) -> Iterator[Callable[[str], App]]:
    opened: list[App] = []

    def make(read_aloud: str) -> App:
        saved = Settings().with_values({"read-aloud": read_aloud})
        services = Services(
            assets=Assets(ASSETS),
            sound=Sound(),  # a real mixer on the dummy audio driver, which plays in real time
            packs=PackCatalog([pack_folder], ASSETS),
            settings=GameSettings(seed=1, saved=saved),
            speaker_factory=lambda sound: Speaker(sound, fake.engine),
        )
        app = App(services, WindowOptions(size=(1280, 800)))
        app.open()
        opened.append(app)
        return app

    yield make
    for app in opened:
        app.close()


def first_choice_question(pilot: Pilot, loaded: LoadedPack) -> PlayScene:
    play = PlayScene(pilot.app, loaded, seed=1)
    pilot.app.push(play)
    pilot.step()
    pilot.settle()
    assert play.round.phase is Phase.ASKING
    return play


def test_the_question_and_its_answers_are_read_and_the_clock_waits(
    reading_app: Callable[[str], App], loaded: LoadedPack, fake: FakeEngine
) -> None:
    pilot = Pilot(reading_app("question-and-answers"))
    play = first_choice_question(pilot, loaded)
    pilot.step(120)  # two seconds of frames: the engine has not finished rendering
    assert play.round.question_seconds == 0.0
    deadline = time.monotonic() + 10
    while not fake.readings and time.monotonic() < deadline:
        time.sleep(0.01)
    voice, text = fake.readings[0]
    question = play.round.question
    assert question is not None
    assert text.startswith(question.prompt)
    assert "A: " in text
    assert "B: " in text
    assert voice.startswith("en")
    assert ("R", "read again") in play.bindings_hints()


def test_the_first_key_starts_the_clock_before_the_reading_ends(
    reading_app: Callable[[str], App], loaded: LoadedPack
) -> None:
    pilot = Pilot(reading_app("question"))
    play = first_choice_question(pilot, loaded)
    pilot.step(30)
    assert play.round.question_seconds == 0.0
    pilot.key(pygame.K_TAB)  # any key: the student is ready
    pilot.step(60)
    assert play.round.question_seconds == pytest.approx(61 / 60, abs=0.05)


def test_the_clock_starts_when_the_reading_ends(
    reading_app: Callable[[str], App], loaded: LoadedPack, fake: FakeEngine
) -> None:
    fake.seconds(0.2)
    fake.release()
    pilot = Pilot(reading_app("question"))
    play = first_choice_question(pilot, loaded)
    deadline = time.monotonic() + 10
    while play.round.question_seconds == 0.0 and time.monotonic() < deadline:
        pilot.step()
        time.sleep(0.01)
    assert play.round.question_seconds > 0.0  # heard to its end, the clock runs


def test_with_read_aloud_off_nothing_is_read_and_no_key_is_shown(
    reading_app: Callable[[str], App], loaded: LoadedPack, fake: FakeEngine
) -> None:
    pilot = Pilot(reading_app("off"))
    play = first_choice_question(pilot, loaded)
    pilot.step(30)
    assert play.round.question_seconds > 0.0
    assert not fake.started
    assert all(label != "read again" for _, label in play.bindings_hints())
