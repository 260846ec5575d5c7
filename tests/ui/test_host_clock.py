"""The play screen's clock and its menu, with views handed over as the server's link would:
the class's time runs down between two views and stops while paused; when only students
with extra time are still answering, it says so; Esc pauses the game under a menu and
Continue resumes it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pygame
import pytest

from clarity.classroom.commands import EndGame, Pause, Resume
from clarity.classroom.views import ProjectorView
from clarity.ui.app import App
from clarity.ui.host_view.hosting import Hosting
from clarity.ui.scenes.host_play import HostPlayScene, clock_text

from .conftest import Pilot
from .host_views import HandingLink, every_phase


def playing(app: App, view: ProjectorView) -> tuple[Pilot, HostPlayScene, HandingLink]:
    link = HandingLink(view)
    loaded = app.services.packs.by_id("play-test")
    assert loaded is not None
    hosting = Hosting(link, loaded)
    hosting.poll()
    app.push(app.screens.make("host-play", hosting=hosting))
    pilot = Pilot(app)
    pilot.step()
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    return pilot, play, link


def asked(seconds_left: float, closes_in: float | None, *, paused: bool = False) -> ProjectorView:
    view = every_phase()["question-choice"]
    assert view.question is not None
    question = dataclasses.replace(view.question, seconds_left=seconds_left, closes_in=closes_in)
    return dataclasses.replace(view, question=question, paused=paused)


def test_the_clock_writes_minutes_and_seconds_rounded_up() -> None:
    assert [clock_text(s) for s in (0.0, 0.2, 9.0, 59.5, 90.0)] == [
        "0:00",
        "0:01",
        "0:09",
        "1:00",
        "1:30",
    ]


def test_the_class_clock_runs_between_views_and_stops_while_paused(
    make_app: Callable[..., App],
) -> None:
    pilot, play, link = playing(make_app(), asked(10.0, 10.0))
    assert play.live_lines()["clock"] == "0:10"
    pilot.step(120)  # two seconds at 60 frames a second
    assert play.live_lines()["clock"] == "0:08"
    link.views.append(asked(7.5, 7.5, paused=True))
    pilot.step()
    pilot.step(120)
    assert play.live_lines()["clock"] == "0:08"  # 7.5 s, frozen
    assert play.shown_texts()["paused"] == "Paused"


def test_with_only_extra_time_left_the_clock_says_it_waits(
    make_app: Callable[..., App],
) -> None:
    _pilot, play, _link = playing(make_app(), asked(0.0, 12.0))
    assert play.live_lines()["clock"] == "Waiting for extra time"


def test_a_student_without_time_limit_left_is_waited_for_not_shown_as_0_00(
    make_app: Callable[..., App],
) -> None:
    _pilot, play, _link = playing(make_app(), asked(0.0, None))
    assert play.live_lines()["clock"] == "Waiting for extra time"


def test_esc_pauses_under_a_menu_and_continue_resumes(make_app: Callable[..., App]) -> None:
    pilot, _play, link = playing(make_app(), asked(10.0, 10.0))
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top.name == "host-menu"
    assert link.sent == [Pause()]
    pilot.key(pygame.K_c)
    assert link.sent == [Pause(), Resume()]
    pilot.key(pygame.K_ESCAPE)
    pilot.key(pygame.K_e)  # End the game, from the menu
    assert link.sent[-1] == EndGame()


def test_frames_whose_counts_do_not_change_format_no_number(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The language's number formatting (Babel) is slow for a frame: the counts are
    written again only when they change, not as the clock runs."""
    app = make_app(size=(1920, 1080))
    pilot, play, link = playing(app, asked(14.2, 14.2))
    pilot.step(2)
    translator = app.translator
    written: list[float] = []
    number = translator.number
    monkeypatch.setattr(
        translator, "number", lambda value, *a: written.append(value) or number(value, *a)
    )
    pilot.step(90)  # a second and a half: the clock's second changes
    assert written == []
    assert play.live_lines()["clock"] == clock_text(14.2 - 92 / 60)
    link.views.append(dataclasses.replace(asked(12.0, 12.0), answered=13, version=9))
    pilot.step()
    assert play.live_lines()["answered"] == "13 of 30 answered"
    assert 13 in written


def test_no_frame_both_lays_out_a_new_question_and_draws_its_layer(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The slowest frames of the projector were those that laid out a new question or
    reveal and drew it in the same frame: the drawing waits for the next frame."""
    app = make_app(size=(1920, 1080))
    pilot, play, link = playing(app, asked(14.2, 14.2))
    pilot.step(2)
    frame = [0]
    done: list[tuple[str, int]] = []
    for name in ("layout", "_compose_into"):
        original = getattr(play, name)

        def recorded(*args: object, _name: str = name, _original=original) -> None:  # type: ignore[no-untyped-def]
            done.append((_name, frame[0]))
            _original(*args)

        monkeypatch.setattr(play, name, recorded)
    revealed = every_phase()["reveal-choice"]
    link.views.append(dataclasses.replace(revealed, version=10))
    for number in range(1, 4):
        frame[0] = number
        pilot.step()
    assert [name for name, _frame in done] == ["layout", "_compose_into"]
    (_, laid), (_, drawn) = done
    assert drawn == laid + 1
    assert play.shown_texts()["right_answer"].startswith("Right answer: ")
