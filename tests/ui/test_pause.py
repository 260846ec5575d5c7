"""The pause menu over a round: Esc opens and closes it; restart; back to the title."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

import pygame
import pytest

from clarity.ui.app import App
from clarity.ui.scene import Scene
from clarity.ui.scenes.pause import PAUSE_KEYS, PauseScene
from clarity.ui.scenes.title import TitleScene

from .conftest import Pilot
from .key_tables import (
    assert_hints_are_the_table,
    assert_keys_call_their_actions,
    drawn_hints,
    hold,
    letter_key,
)
from .keyboard import press_events
from .menus import click, headless, inside, open_app, press, step
from .saving import answer_right


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    """The bundled packs, started as a player would: title, Play, the first pack."""
    headless(monkeypatch)
    app = open_app(first=TitleScene)
    press(app, pygame.K_RETURN)
    app.services.packs.all()  # the packs come in the background
    step(app)
    press(app, pygame.K_RETURN)
    step(app, 30)  # the question wipes in
    assert app.top is not None
    assert app.top.name == "play"
    yield app
    app.close()


def play_scene(app: App) -> Scene:
    scene = app.top
    assert scene is not None
    assert scene.name == "play"
    return scene


def test_esc_opens_the_pause_menu_over_the_round_and_esc_resumes(app: App) -> None:
    play = play_scene(app)
    press(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    assert not pause.opaque
    assert app.scenes[-2] is play
    press(app, pygame.K_ESCAPE)
    assert app.top is play


def test_the_round_stands_still_while_paused(app: App) -> None:
    play = play_scene(app)
    press(app, pygame.K_ESCAPE)
    before = play.seconds_on_question  # type: ignore[attr-defined]
    step(app, 120)
    assert play.seconds_on_question == before  # type: ignore[attr-defined]
    press(app, pygame.K_ESCAPE)
    step(app, 30)
    assert play.seconds_on_question > before  # type: ignore[attr-defined]


def test_the_round_shows_through_the_pause_menu(app: App) -> None:
    play = play_scene(app)
    drawn: list[str] = []
    original = play.draw
    play.draw = lambda surface: (drawn.append("play"), original(surface))  # type: ignore[method-assign]
    press(app, pygame.K_ESCAPE)
    drawn.clear()
    step(app, 2)
    assert drawn == ["play", "play"]


def test_resume_by_mouse(app: App) -> None:
    play = play_scene(app)
    press(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    click(app, pause.resume_button.rect.center)
    assert app.top is play


def test_restart_gives_a_fresh_round_of_the_same_picture(app: App) -> None:
    play = play_scene(app)
    answer_right(Pilot(app), play)  # type: ignore[arg-type]
    assert play.round.answers  # type: ignore[attr-defined]
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Restart the round
    fresh = play_scene(app)
    assert fresh is not play
    assert fresh.round.answers == []  # type: ignore[attr-defined]
    assert fresh.round.score == 0  # type: ignore[attr-defined]
    assert fresh.round.mystery_index == play.round.mystery_index  # type: ignore[attr-defined]
    assert [s.name for s in app.scenes] == ["title", "play"]


def test_r_restarts_and_t_goes_back_to_the_title(app: App) -> None:
    play = play_scene(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_r)
    assert play_scene(app) is not play
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_t)
    assert isinstance(app.top, TitleScene)
    assert len(app.scenes) == 1
    assert app.running


def test_back_to_the_title_by_mouse(app: App) -> None:
    press(app, pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    click(app, pause.title_button.rect.center)
    assert isinstance(app.top, TitleScene)


@pytest.mark.parametrize("size", [(1024, 640), (1024, 768), (1920, 1080), (3840, 2160)])
def test_the_pause_menu_fits_the_window(app: App, size: tuple[int, int]) -> None:
    press(app, pygame.K_ESCAPE)
    app.resize(size)
    step(app)
    pause = app.top
    assert isinstance(pause, PauseScene)
    boxes = pause.layout_boxes()
    window = pygame.Rect((0, 0), app.size)
    for name, box in boxes.items():
        assert inside(box, boxes["panel"] if name != "panel" else window), f"{name} at {size}"
    parts = {k: v for k, v in boxes.items() if k != "panel"}
    for (a, box_a), (b, box_b) in combinations(parts.items(), 2):
        assert not box_a.colliderect(box_b), f"{a} overlaps {b} at {size}"


def test_callbacks_run_once_after_the_menu_closes(monkeypatch: pytest.MonkeyPatch) -> None:
    headless(monkeypatch)
    app = open_app([], first=TitleScene)
    try:
        calls: list[str] = []
        app.screens.push("pause", on_restart=lambda: calls.append("restart"), on_title=lambda: None)
        step(app)
        for _ in range(2):  # two quick presses: the second reaches the title, which has no R
            for event in press_events(pygame.K_r, text_input=False):
                pygame.event.post(event)
        step(app)
        assert calls == ["restart"]  # a double press restarts once
        assert isinstance(app.top, TitleScene)
    finally:
        app.close()


@pytest.mark.parametrize("layout", ["us", "ru"])
def test_r_and_t_are_the_keys_printed_r_and_t_on_any_layout(app: App, layout: str) -> None:
    pilot = Pilot(app)
    play = play_scene(app)
    pilot.key(pygame.K_ESCAPE)
    pilot.key(letter_key("R", layout), layout=layout)  # "к" on a Russian keyboard
    assert play_scene(app) is not play
    assert [s.name for s in app.scenes] == ["title", "play"]
    pilot.key(pygame.K_ESCAPE)
    pilot.key(letter_key("T", layout), layout=layout)  # "е"
    assert isinstance(app.top, TitleScene)
    assert len(app.scenes) == 1


def test_the_hints_drawn_are_the_table_the_keys_are_handled_with(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    pilot = Pilot(app)
    pilot.key(pygame.K_ESCAPE)
    pause = app.top
    assert isinstance(pause, PauseScene)
    with drawn_hints(monkeypatch) as drawn:
        assert_hints_are_the_table(pilot, drawn, PAUSE_KEYS, [(pause, PAUSE_KEYS)])
    assert drawn[-1] == (("↑ ↓", "move"), ("Enter", "choose"), ("Esc", "resume"))
    # R and T have no hint (their buttons say them) but are keys of the same table
    assert assert_keys_call_their_actions(pilot, pause, PAUSE_KEYS) > len(PAUSE_KEYS)
    assert [b.key_hint for b in pause.focus.buttons] == ["Esc", "R", "S", "T"]
    assert app.top is pause


def test_a_held_esc_pauses_once_and_resumes_once(app: App) -> None:
    pilot = Pilot(app)
    play = play_scene(app)
    hold(pilot, pygame.K_ESCAPE)  # the repeats neither resume nor pause again
    pause = app.top
    assert isinstance(pause, PauseScene)
    assert app.scenes[-2] is play
    hold(pilot, pygame.K_ESCAPE)
    assert app.top is play  # back one screen, and the round did not pause again
    step(app, 30)
    assert app.top is play
