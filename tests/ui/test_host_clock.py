"""The play screen's clock and its menu, with views handed over as the server's link would:
the class's time runs down between two views and stops while paused; when only students
with extra time are still answering, it says so; Esc pauses the game under a menu and
Continue resumes it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pygame

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


def asked(seconds_left: float, closes_in: float, *, paused: bool = False) -> ProjectorView:
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
