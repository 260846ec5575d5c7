"""The True or False sprint screen, driven through the real App with real key events and a
stepped clock: answers by T/F and the arrows, a wrong verdict's 5 s, the end at 60 s of game
time, the result and the personal best kept in the real store and beaten; the verdict strip
on the statement just answered, the pause (Esc, and the window minimised, hidden or losing
the focus as SDL reports it), and the end when a small pack's statements are used up."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.settings import Settings
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.bindings import key_hints
from clarity.ui.scenes.packs import PackScene
from clarity.ui.scenes.pause import PauseScene
from clarity.ui.scenes.sprint import SprintScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound
from clarity.ui.speech import Speaker
from clarity.ui.theme import Look

from .conftest import ASSETS, Pilot, RecordingSound, write_play_pack
from .saving import MakeApp, app_factory, at_title
from .test_speech import FakeEngine

#: (country, capital): each makes a choice question and a true/false one (false for every
#: third, its capital taken from the next row), 32 statements: a sprint never runs out
#: of them in these tests unless it is meant to.
CAPITALS = (
    ("Belarus", "Minsk"),
    ("Lithuania", "Vilnius"),
    ("Latvia", "Riga"),
    ("Poland", "Warsaw"),
    ("Russia", "Moscow"),
    ("Ukraine", "Kyiv"),
    ("Estonia", "Tallinn"),
    ("Finland", "Helsinki"),
    ("Sweden", "Stockholm"),
    ("Norway", "Oslo"),
    ("Germany", "Berlin"),
    ("France", "Paris"),
    ("Spain", "Madrid"),
    ("Italy", "Rome"),
    ("Austria", "Vienna"),
    ("Hungary", "Budapest"),
)


def capitals_questions() -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = []
    for i, (country, capital) in enumerate(CAPITALS):
        others = [CAPITALS[(i + step) % len(CAPITALS)][1] for step in (1, 5)]
        questions.append(
            {
                "id": f"capital-{i}",
                "type": "choice",
                "prompt": f"What is the capital of {country}?",
                "choices": [capital, *others],
                "answer": capital,
            }
        )
        said = capital if i % 3 else CAPITALS[(i + 1) % len(CAPITALS)][1]
        questions.append(
            {
                "id": f"said-{i}",
                "type": "truefalse",
                "prompt": f"{said} is the capital of {country}.",
                "answer": said == capital,
            }
        )
    return questions


@pytest.fixture
def pack_folder(tmp_path: Path) -> Path:
    """The sprint's pack: 32 statements (the shared play pack has 6 a sprint can say)."""
    folder = tmp_path / "packs"
    write_play_pack(folder, questions=capitals_questions(), title="Capitals")
    return folder


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
    assert scene.shown_texts()["verdict-cost"] == "−5 s"  # on the verdict strip
    pilot.step(60)
    assert scene.cost_shown() == "−5 s"  # with the verdict, for two seconds
    pilot.step(61)
    assert scene.cost_shown() is None  # then gone
    assert "verdict-cost" not in scene.shown_texts()
    verdict(pilot, scene, right=True)
    assert scene.time_left() == pytest.approx(after - 122 / 60, abs=0.02)


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


def test_a_pack_with_no_statement_says_so_and_esc_goes_back_to_the_pack_list(
    app: App, tmp_path: Path
) -> None:
    folder = tmp_path / "nothing-to-say"
    questions: list[dict[str, Any]] = [
        {"id": f"q{i}", "type": "typed", "prompt": f"Capital number {i}?", "answer": "Minsk"}
        for i in range(3)
    ]
    questions += [
        {  # the tester's: a picture the sprint would not show
            "id": "what-map",
            "type": "choice",
            "image": "lighthouse.png",
            "prompt": "Какая страна выделена на карте?",
            "choices": ["Беларусь", "Украина", "Польша", "Литва"],
            "answer": "Беларусь",
        },
        {  # "these" pointing at choices the sprint would not show
            "id": "first",
            "type": "choice",
            "prompt": "Which of these came first?",
            "choices": ["Community of Belarus and Russia", "Treaty on the Union"],
            "answer": "Community of Belarus and Russia",
        },
    ]
    path = write_play_pack(folder, questions=questions, pack_id="nothing-to-say")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    assert scene.sprint is None
    assert "no question a sprint can say" in scene.shown_texts()["message"]
    assert "without a picture" in scene.shown_texts()["message"]
    pilot.key(pygame.K_t)
    pilot.step(120)
    assert pilot.top is scene
    pilot.key(pygame.K_ESCAPE)
    packs = pilot.top
    assert isinstance(packs, PackScene)  # the pack list, not the title
    assert packs.purpose == "sprint"
    assert scene not in app.scenes


def test_esc_on_the_result_goes_back_to_the_pack_list_below_when_it_is_kept(
    app: App, loaded: LoadedPack
) -> None:
    pilot = Pilot(app)
    below = PackScene(app, purpose="sprint")
    app.push(below)
    scene = start(pilot, loaded)
    run_out(pilot, scene)
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


# --- the verdict strip ----------------------------------------------------------------


def test_after_a_verdict_the_strip_says_what_the_statement_was_with_a_mark_and_a_word(
    app: App, loaded: LoadedPack
) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    first = scene.statement
    assert first is not None
    assert scene.verdict_shown() is None
    verdict(pilot, scene, right=False)
    second = scene.statement
    assert second is not None
    assert second is not first
    words = scene.shown_texts()
    assert words["verdict-mark"] == "✗ Wrong"
    sound = app.services.sound
    assert isinstance(sound, RecordingSound)
    assert sound.played[-1] == "wrong"  # heard too
    was = "true" if first.truth else "false"
    assert words["verdict"] == f"That was {was}: {app.translator.render(first.text)}"
    assert words["statement"] == app.translator.render(second.text)  # the next one, at once
    # the red is the strip's; the next statement's card keeps the plain edge
    surface = pygame.Surface(app.size)
    scene.draw(surface)
    palette = app.look.palette
    card, strip = scene._card, scene._strip
    assert not card.colliderect(strip)
    assert tuple(surface.get_at((card.centerx, card.top)))[:3] == tuple(palette.panel_edge)[:3]
    assert tuple(surface.get_at((strip.centerx, strip.top)))[:3] == tuple(palette.wrong)[:3]
    # the strip blocks nothing: the next verdict is taken at once, and says its own
    verdict(pilot, scene, right=True)
    assert scene.sprint is not None
    assert scene.sprint.score == 1
    assert scene.shown_texts()["verdict-mark"] == "✓ Right"
    assert sound.played[-1] == "right"
    assert second.prompt in scene.shown_texts()["verdict"]
    scene.draw(surface)
    assert tuple(surface.get_at((strip.centerx, strip.top)))[:3] == tuple(palette.right)[:3]
    assert tuple(surface.get_at((card.centerx, card.top)))[:3] == tuple(palette.panel_edge)[:3]
    pilot.step(int(2.1 * 60))  # about two seconds, then the strip is gone
    assert scene.verdict_shown() is None
    assert "verdict" not in scene.shown_texts()
    scene.draw(surface)
    assert tuple(surface.get_at((strip.centerx, strip.top)))[:3] != tuple(palette.right)[:3]


def test_the_strip_fits_a_small_window_with_a_long_statement(
    make_app: Callable[..., App], loaded: LoadedPack
) -> None:
    app = make_app(size=(1024, 768))
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    verdict(pilot, scene, right=False)
    screen = pygame.Rect((0, 0), app.size)
    rects = [scene._bar, scene._strip, scene._card, scene.true_button.rect]
    assert all(screen.contains(r) for r in rects)
    assert all(a.bottom <= b.top for a, b in itertools.pairwise(rects))
    assert scene.true_button.rect.bottom <= scene._hints_area.top
    assert scene._strip.height >= app.look.metrics(app.size).body_size


# --- the pause --------------------------------------------------------------------------


def test_esc_pauses_the_sprint_and_its_clock_until_the_student_goes_on(
    app: App, loaded: LoadedPack
) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    pilot.step(60)
    before = scene.time_left()
    shown = scene.statement
    pilot.key(pygame.K_ESCAPE)
    assert isinstance(pilot.top, PauseScene)
    pilot.step(int(10 / 0.5), dt=0.5)  # ten seconds on the pause menu
    assert scene.time_left() == pytest.approx(before)
    pilot.key(pygame.K_ESCAPE)  # Esc again: go on
    assert pilot.top is scene
    assert scene.statement is shown
    assert scene.sprint is not None
    assert scene.sprint.score == 0
    pilot.step(60)
    assert scene.time_left() == pytest.approx(before - 1.0, abs=0.05)
    verdict(pilot, scene, right=True)
    assert scene.sprint.score == 1


def test_the_pause_menu_leaves_the_sprint_or_starts_it_again(app: App, loaded: LoadedPack) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    verdict(pilot, scene, right=True)
    pilot.key(pygame.K_ESCAPE)
    menu = pilot.top
    assert isinstance(menu, PauseScene)
    pilot.step()  # laid out in the interface language
    # a sprint is no round: its restart says what it does
    assert menu.restart_button.label == "Start the sprint again"
    pilot.key(pygame.K_r)  # Restart
    again = pilot.top
    assert isinstance(again, SprintScene)
    assert again is not scene
    assert again.sprint is not None
    assert again.sprint.score == 0
    pilot.key(pygame.K_ESCAPE)
    pilot.key(pygame.K_t)  # Back to the title
    assert pilot.top.name == "title"


def window_event(kind: int) -> pygame.event.Event:
    """A window event as SDL 2 sends it through pygame-ce (one window: ``window`` None)."""
    return pygame.event.Event(kind, window=None)


@pytest.mark.parametrize("kind", ["minimised", "hidden"])
def test_a_minimised_or_hidden_window_pauses_the_sprint(
    app: App, loaded: LoadedPack, kind: str
) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    pilot.step(30)
    before = scene.time_left()
    # the dummy video driver sends nothing on minimising: the event as SDL sends it
    event = pygame.WINDOWMINIMIZED if kind == "minimised" else pygame.WINDOWHIDDEN
    pilot.post([window_event(event)])
    assert isinstance(pilot.top, PauseScene)
    pilot.step(int(20 / 0.5), dt=0.5)
    assert scene.time_left() == pytest.approx(before)
    assert not scene.ended
    pilot.key(pygame.K_ESCAPE)  # back, and the student's key goes on
    assert pilot.top is scene
    pilot.step(30)
    assert scene.time_left() == pytest.approx(before - 0.5, abs=0.05)


def test_the_window_really_hidden_loses_the_focus_and_pauses_the_sprint(
    app: App, loaded: LoadedPack
) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    before = scene.time_left()
    app.window.hide()  # SDL sends WINDOWFOCUSLOST (the keyboard has no focus) and WINDOWHIDDEN
    try:
        pilot.step()
        assert not pygame.key.get_focused()
        assert isinstance(pilot.top, PauseScene)
        assert sum(isinstance(s, PauseScene) for s in app.scenes) == 1  # one menu
        pilot.step(int(30 / 0.5), dt=0.5)
    finally:
        app.window.show()
    pilot.step()
    assert isinstance(pilot.top, PauseScene)  # coming back does not go on by itself
    assert scene.time_left() == pytest.approx(before, abs=0.05)
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is scene


def test_focus_moving_to_another_window_of_this_process_does_not_pause(
    app: App, loaded: LoadedPack
) -> None:
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    assert pygame.key.get_focused()
    pilot.post([window_event(pygame.WINDOWFOCUSLOST)])  # the keyboard kept its focus
    assert pilot.top is scene


# --- each statement once ----------------------------------------------------------------


TINY = [  # the tester's 3-statement pack that looped for 103 points
    {"id": "a", "type": "truefalse", "prompt": "The Sun is a star.", "answer": True},
    {"id": "b", "type": "truefalse", "prompt": "The Moon is a planet.", "answer": False},
    {"id": "c", "type": "truefalse", "prompt": "Mars has two moons.", "answer": True},
]


def test_a_tiny_pack_ends_when_every_statement_was_answered(app: App, tmp_path: Path) -> None:
    path = write_play_pack(tmp_path / "tiny", questions=TINY, pack_id="tf-only")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    seen = []
    for _ in range(3):
        assert scene.statement is not None
        seen.append(scene.statement.prompt)
        verdict(pilot, scene, right=True)
    assert sorted(seen) == sorted(q["prompt"] for q in TINY)
    assert scene.ended
    assert scene.sprint is not None
    assert scene.sprint.used_up
    words = scene.shown_texts()
    left = scene.sprint.time_left(scene.sprint.ended_at or 0.0)
    assert left is not None
    assert left > 59
    assert words["result-done"] == f"You answered every statement, with {int(left)} s left."
    assert words["result-score"] == "3 points"
    for _ in range(5):
        pilot.key(pygame.K_t)  # nothing more to farm
    assert scene.sprint.score == 3


def test_a_pack_with_pictures_and_a_yes_no_question_through_the_screen(
    app: App, tmp_path: Path
) -> None:
    questions: list[dict[str, Any]] = [
        {
            "id": "what-map",
            "type": "choice",
            "image": "lighthouse.png",
            "prompt": "Какая страна выделена на карте?",
            "choices": ["Беларусь", "Украина", "Польша", "Литва"],
            "answer": "Беларусь",
        },
        {
            "id": "capital",
            "type": "choice",
            "prompt": "Какой город — столица Беларуси?",
            "choices": ["Минск", "Вильнюс", "Рига", "Варшава"],
            "answer": "Минск",
        },
        {
            "id": "yesno",
            "type": "choice",
            "prompt": "Минск больше Бреста?",
            "choices": ["Да", "Нет"],
            "answer": "Да",
        },
        {
            "id": "tf2",
            "type": "truefalse",
            "image": "lighthouse.png",
            "prompt": "На карте выделена Польша.",
            "answer": False,
        },
    ]
    path = write_play_pack(tmp_path / "ru", questions=questions, pack_id="ru-pics")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    pilot = Pilot(app)
    scene = start(pilot, loaded)
    said = []
    while not scene.ended:
        assert scene.statement is not None
        said.append(scene.shown_texts()["statement"])
        if scene.statement.prompt == "Минск больше Бреста?":
            pilot.key(pygame.K_t)  # true: Minsk is bigger, said plainly
            assert scene.sprint is not None
            assert scene.sprint.score >= 1
            continue
        verdict(pilot, scene, right=True)
    assert len(said) == 2
    assert "Минск больше Бреста?" in said
    assert not any("карт" in text for text in said)
    assert scene.sprint is not None
    assert scene.sprint.score == 2
