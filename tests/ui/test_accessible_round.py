"""A whole round by keyboard alone with every accommodation on: high contrast, 200 % text,
reduced motion and read-aloud of the question and its answers (issue 8's "done when")."""

from __future__ import annotations

import time
from pathlib import Path

import pygame

from clarity.core.packs.loader import LoadedPack
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import Phase
from clarity.settings import Settings
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.results import ResultsScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound
from clarity.ui.speech import Speaker

from .conftest import ASSETS, Pilot
from .test_layout import assert_laid_out
from .test_speech import FakeEngine

LETTER_KEYS = (pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d, pygame.K_e, pygame.K_f)


def until_heard_or_pressed(pilot: Pilot, play: PlayScene) -> None:
    """Let the reading of the question run until its clock starts (real-time audio)."""
    deadline = time.monotonic() + 10
    while play.round.question_seconds == 0.0 and time.monotonic() < deadline:
        pilot.step()
        time.sleep(0.005)


def test_a_whole_round_by_keyboard_with_every_accommodation_on(
    pack_folder: Path, loaded: LoadedPack, tmp_path: Path
) -> None:
    fake = FakeEngine(tmp_path / "engine")
    fake.seconds(0.05)
    fake.release()
    chosen = Settings().with_values(
        {
            "theme": "high-contrast",
            "text-size": 200,
            "reduced-motion": True,
            "read-aloud": "question-and-answers",
            "answer-colours": "colour-blind-safe",
        }
    )
    services = Services(
        assets=Assets(ASSETS),
        sound=Sound(),
        packs=PackCatalog([pack_folder], ASSETS),
        settings=GameSettings(seed=2, saved=chosen),
        speaker_factory=lambda sound: Speaker(sound, fake.engine),
    )
    app = App(services, WindowOptions(size=(1024, 768)))
    app.open()
    try:
        pilot = Pilot(app)
        play = PlayScene(app, loaded, seed=2)
        app.push(play)
        pilot.step()
        assert app.look.text_scale == 2.0
        assert app.look.reduced_motion
        while play.round.phase is Phase.ASKING:
            pilot.settle()
            until_heard_or_pressed(pilot, play)
            assert_laid_out(play.layout_boxes(), app.size)
            question = play.round.question
            if isinstance(question, ChoiceQuestion):
                pilot.key(LETTER_KEYS[question.right_index])
            elif isinstance(question, TrueFalseQuestion):
                pilot.key(pygame.K_t if question.answer else pygame.K_f)
            else:
                assert isinstance(question, TypedQuestion)
                pilot.type(question.answer)
                pilot.key(pygame.K_RETURN)
            assert play.round.answers[-1].right
            assert not play.board_view.flipping  # reduced motion: the tile is just there
            pilot.settle()
            pilot.key(pygame.K_RETURN)
        assert play.round.phase is Phase.FINAL_GUESS
        pilot.type("Lighthouse")
        pilot.key(pygame.K_RETURN)
        assert play.round.guesses[-1].right
        pilot.until(lambda: isinstance(pilot.top, ResultsScene))
        assert [reading for _, reading in fake.readings if "A: " in reading]  # answers read
        results = pilot.top
        assert isinstance(results, ResultsScene)
        results.finish_presentation()
        pilot.step()
        assert_laid_out(results.layout_boxes(), app.size)
    finally:
        app.close()
