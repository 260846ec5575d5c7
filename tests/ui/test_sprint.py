"""The True or False sprint screen, driven through the real App with real key events and a
stepped clock: answers by T/F and the arrows, a wrong verdict's 5 s, the end at 60 s of game
time, the result and the personal best kept in the real store and beaten."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.settings import Settings
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.bindings import key_hints
from clarity.ui.scene import Scene
from clarity.ui.scenes.sprint import SprintScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound
from clarity.ui.speech import Speaker
from clarity.ui.theme import Look

from .conftest import ASSETS, Pilot, write_play_pack
from .saving import MakeApp, app_factory, at_title
from .test_speech import FakeEngine

TRUE_KEYS = (pygame.K_t, pygame.K_LEFT)
FALSE_KEYS = (pygame.K_f, pygame.K_RIGHT)


def start(pilot: Pilot, loaded: LoadedPack, seed: int = 3) -> SprintScene:
    scene = SprintScene(pilot.app, loaded, seed=seed)
    pilot.app.push(scene)
    pilot.step()
    assert pilot.top is scene
    return scene


def verdict(pilot: Pilot, scene: SprintScene, right: bool, *, arrows: bool = False) -> None:
    """Press the key of the right (or the wrong) verdict on the statement shown."""
    statement = scene.statement
    assert statement is not None
    says_true = statement.truth if right else not statement.truth
    keys = TRUE_KEYS if says_true else FALSE_KEYS
    pilot.key(keys[1] if arrows else keys[0])


def run_out(pilot: Pilot, scene: SprintScene) -> None:
    """Step whole seconds of game time until the sprint's clock runs out."""
    for _ in range(200):
        if scene.ended:
            return
        pilot.step(dt=0.5)
    raise AssertionError("the sprint did not end")


def test_right_verdicts_by_letters_and_arrows_score_and_build_a_streak(
    app: App, loaded: LoadedPack
) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    for number in range(6):
        verdict(pilot, scene, right=True, arrows=number % 2 == 1)
        assert scene.sprint is not None
        assert scene.sprint.score == number + 1
        assert scene.sprint.streak == number + 1
    assert scene.shown_texts()["score"].endswith("6")
    verdict(pilot, scene, right=False)
    assert scene.sprint.score == 6
    assert scene.sprint.streak == 0
    assert scene.sprint.wrong == 1
    # the keys shown are the keys that answer
    hints = {label: cap for cap, label in scene_hints(scene)}
    assert hints["true"] == "T ←"
    assert hints["false"] == "F →"


def scene_hints(scene: SprintScene) -> tuple[tuple[str, str], ...]:
    return key_hints(scene.bindings())


def test_a_wrong_verdict_costs_five_seconds_and_says_so(app: App, loaded: LoadedPack) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    pilot.step(60)  # a second of game time
    before = scene.time_left()
    assert before == pytest.approx(59.0, abs=0.05)
    assert scene.cost_shown() is None
    verdict(pilot, scene, right=False)
    after = scene.time_left()
    assert after is not None
    assert before - after == pytest.approx(5.0 + 1 / 60, abs=0.02)
    assert scene.cost_shown() == "−5 s"
    pilot.step(60)
    assert scene.cost_shown() is None  # shown for a moment, then gone
    verdict(pilot, scene, right=True)
    assert scene.time_left() == pytest.approx(after - 61 / 60, abs=0.02)


def test_time_runs_out_at_sixty_seconds_and_the_result_shows_the_score(
    app: App, loaded: LoadedPack
) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    for _ in range(3):
        verdict(pilot, scene, right=True)
    pilot.step(59 * 2 - 1, dt=0.5)  # 58.5 s of frames after 4 short ones: still on
    assert not scene.ended
    pilot.step(3, dt=0.5)
    assert scene.ended
    assert scene.sprint is not None
    assert scene.sprint.ended_at == pytest.approx(60.0)
    words = scene.shown_texts()
    assert words["result-score"] == "3 points"
    assert "Right 3" in words["result-counts"]
    assert "best streak 3" in words["result-counts"]
    # a guest: nothing was saved, and the screen says so
    assert "not saved" in words["result-saved"]
    pilot.key(pygame.K_t)  # a verdict after the end changes nothing
    assert scene.sprint.score == 3
    pilot.key(pygame.K_RETURN)
    again = pilot.top
    assert isinstance(again, SprintScene)
    assert again is not scene
    assert again.statement is not None


def test_the_true_and_false_buttons_answer_on_a_click(app: App, loaded: LoadedPack) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    statement = scene.statement
    assert statement is not None
    button = scene.true_button if statement.truth else scene.false_button
    pilot.click(button.rect.center)
    assert scene.sprint is not None
    assert scene.sprint.score == 1


@pytest.fixture
def make_saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def test_the_personal_best_is_saved_and_beaten(
    make_saving_app: MakeApp, loaded: LoadedPack
) -> None:
    app = make_saving_app(player="Ana")
    pilot = at_title(app)
    first = start(pilot, loaded, seed=5)
    assert first.previous_best is None
    for _ in range(2):
        verdict(pilot, first, right=True)
    run_out(pilot, first)
    assert app.services.best_sprint(loaded.pack.id) == 2
    words = first.shown_texts()
    assert words["result-record"] == "Personal best: 2"
    assert "result-best" not in words
    pilot.key(pygame.K_RETURN)  # again
    second = pilot.top
    assert isinstance(second, SprintScene)
    assert second.previous_best == 2
    for _ in range(3):
        verdict(pilot, second, right=True)
    verdict(pilot, second, right=False)
    run_out(pilot, second)
    assert second.sprint is not None
    assert second.sprint.ended_at == pytest.approx(55.0 + 4 / 60, abs=0.5)
    words = second.shown_texts()
    assert words["result-best"] == "New personal best!"
    assert words["result-record"] == "Personal best: 3"
    assert app.services.best_sprint(loaded.pack.id) == 3


def test_a_pack_with_no_statement_says_so_instead_of_starting(app: App, tmp_path: Path) -> None:
    folder = tmp_path / "typed-only"
    typed = [
        {"id": f"q{i}", "type": "typed", "prompt": f"Capital number {i}?", "answer": "Minsk"}
        for i in range(3)
    ]
    path = write_play_pack(folder, questions=typed, pack_id="typed-only")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    pilot = Pilot(app)
    below = Scene(app)  # the pack list the sprint was chosen from
    app.push(below)
    scene = start(pilot, loaded)
    assert scene.sprint is None
    assert "no true/false or choice question" in scene.shown_texts()["message"]
    pilot.key(pygame.K_t)
    pilot.step(120)
    assert pilot.top is scene
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is below


@pytest.fixture
def reading_app(
    pack_folder: Path, tmp_path: Path
) -> Iterator[Callable[[], tuple[App, FakeEngine]]]:
    opened: list[App] = []

    def make() -> tuple[App, FakeEngine]:
        fake = FakeEngine(tmp_path / "engine")
        services = Services(
            assets=Assets(ASSETS),
            sound=Sound(),
            packs=PackCatalog([pack_folder], ASSETS),
            settings=GameSettings(seed=1, saved=Settings().with_values({"read-aloud": "question"})),
            speaker_factory=lambda sound: Speaker(sound, fake.engine),
        )
        app = App(services, WindowOptions(size=(1280, 800)))
        app.open()
        opened.append(app)
        return app, fake

    yield make
    for app in opened:
        app.close()


def test_with_read_aloud_each_statement_is_spoken(
    reading_app: Callable[[], tuple[App, FakeEngine]], loaded: LoadedPack
) -> None:
    app, fake = reading_app()
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    first = scene.statement
    assert first is not None
    verdict(pilot, scene, right=True)
    second = scene.statement
    assert second is not None
    deadline = time.monotonic() + 10
    while not any(t.startswith(second.prompt) for _, t in fake.readings):
        assert time.monotonic() < deadline, fake.readings
        pilot.step()
        time.sleep(0.01)
    spoken = [text for _, text in fake.readings if text.startswith(second.prompt)]
    assert spoken[-1] == scene.spoken(second)
    assert spoken[-1].endswith("true or false?") or spoken[-1].endswith("True or false?")


def test_extra_time_makes_the_sprint_longer(make_saving_app: MakeApp, loaded: LoadedPack) -> None:
    app = make_saving_app(player="Ana")
    pilot = at_title(app)
    session = app.services.session
    assert session.store is not None
    assert session.player is not None
    session.store.set_extra_time(session.player.id, 1.5)  # as the teacher sets it
    scene = start(pilot, loaded)
    assert scene.time_left() == pytest.approx(90.0, abs=0.05)
    pilot.step(int(80 / 0.5), dt=0.5)
    assert not scene.ended  # past 60 s, still on
    run_out(pilot, scene)
    assert scene.sprint is not None
    assert scene.sprint.ended_at == pytest.approx(90.0)


@pytest.mark.parametrize("still", [True, False])
def test_a_wrong_verdict_shakes_the_card_only_without_reduced_motion(
    app: App, loaded: LoadedPack, still: bool
) -> None:
    app.apply_look(Look.from_choices(reduced_motion=still))
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    metrics = app.look.metrics(app.surface.get_size())
    verdict(pilot, scene, right=False)
    offsets = []
    for _ in range(30):
        offsets.append(scene.shake_offset(metrics))
        pilot.step()
    assert scene.cost_shown() == "−5 s"  # said either way
    if still:
        assert set(offsets) == {0}
    else:
        assert len(set(offsets)) > 2
        assert offsets[-1] == 0  # and it is over in a moment


def test_with_the_timer_off_the_sprint_is_a_count_of_statements(
    make_app: Callable[..., App], loaded: LoadedPack
) -> None:
    pilot = Pilot(make_app(settings=GameSettings(seed=1, timer=False)))
    scene = start(pilot, loaded)
    assert scene.time_left() is None
    pilot.step(int(120 / 0.5), dt=0.5)  # two minutes: no clock runs out
    assert not scene.ended
    assert scene.sprint is not None
    count = scene.sprint.rules.count
    for number in range(count):
        verdict(pilot, scene, right=number % 3 != 0)
    assert scene.ended
    assert scene.sprint.answered == count
    assert scene.cost_shown() is None


def trophy_names(scene: SprintScene) -> list[str]:
    words = scene.shown_texts()
    return [words[f"trophy-{i}"] for i in range(len(words)) if f"trophy-{i}" in words]


def test_twenty_right_in_a_row_shows_the_lie_detector_at_the_end(
    make_saving_app: MakeApp, loaded: LoadedPack
) -> None:
    app = make_saving_app(player="Ana")
    pilot = at_title(app)
    scene = start(pilot, loaded, seed=7)
    for _ in range(20):
        verdict(pilot, scene, right=True)
    assert not scene.ended
    assert "trophy-0" not in scene.shown_texts()  # shown at the end, not before
    verdict(pilot, scene, right=False)
    run_out(pilot, scene)
    assert trophy_names(scene) == ["Lie detector"]  # a first sprint beats no best
    assert scene.shown_texts()["result-trophies"] == "TROPHIES THIS SPRINT"
    assert len(scene._chips) == 1
    chip, rect = scene._chips[0]
    surface = pygame.Surface(app.size)
    assert surface.get_rect().contains(rect)
    scene.draw(surface)
    # drawn in gold (the trophy's tier), its edge at the top of the chip
    assert tuple(surface.get_at((rect.centerx, rect.top)))[:3] == tuple(app.look.tier("gold"))[:3]
    assert chip.get_size() == rect.size


def test_beating_the_best_shows_the_personal_best_trophy(
    make_saving_app: MakeApp, loaded: LoadedPack
) -> None:
    app = make_saving_app(player="Ana")
    pilot = at_title(app)
    first = start(pilot, loaded, seed=5)
    verdict(pilot, first, right=True)
    run_out(pilot, first)
    assert trophy_names(first) == []  # nothing to beat yet
    assert "result-trophies" not in first.shown_texts()
    pilot.key(pygame.K_RETURN)
    second = pilot.top
    assert isinstance(second, SprintScene)
    verdict(pilot, second, right=True)
    run_out(pilot, second)
    assert trophy_names(second) == []  # equal to the best is not beating it
    pilot.key(pygame.K_RETURN)
    third = pilot.top
    assert isinstance(third, SprintScene)
    for _ in range(2):
        verdict(pilot, third, right=True)
    run_out(pilot, third)
    assert trophy_names(third) == ["Personal best"]


def test_a_guests_sprint_shows_no_trophy(app: App, loaded: LoadedPack) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    for _ in range(20):
        verdict(pilot, scene, right=True)
    run_out(pilot, scene)
    assert scene.sprint is not None
    assert scene.sprint.best_streak == 20
    assert trophy_names(scene) == []
    assert "result-trophies" not in scene.shown_texts()
    assert "not saved" in scene.shown_texts()["result-saved"]


def test_both_trophies_of_one_sprint_are_shown_side_by_side_within_the_screen(
    make_saving_app: MakeApp, loaded: LoadedPack
) -> None:
    app = make_saving_app(player="Ana")
    pilot = at_title(app)
    first = start(pilot, loaded, seed=5)
    verdict(pilot, first, right=True)
    run_out(pilot, first)
    pilot.key(pygame.K_RETURN)
    second = pilot.top
    assert isinstance(second, SprintScene)
    for _ in range(20):
        verdict(pilot, second, right=True)
    run_out(pilot, second)
    assert trophy_names(second) == ["Lie detector", "Personal best"]
    rects = [rect for _, rect in second._chips]
    assert len(rects) == 2
    assert not rects[0].colliderect(rects[1])
    assert rects[0].top == rects[1].top  # one row in a 1280-wide window
    screen = pygame.Rect((0, 0), app.size)
    assert all(screen.contains(r) and r.bottom <= second._hints_area.top for r in rects)
