"""The projector of a class game on students' devices, with a real server on loopback and
students joined from aiohttp clients: the lobby shows who joined and lets the teacher
remove a name, Enter starts, the count follows the answers, the reveal shows the class's
answers, L switches the leaderboard, E ends into the podium.

The App is driven with real key events; each wait pumps frames until the condition holds
(bounded), while the server runs in its own thread.
"""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from clarity.classroom import link as link_module
from clarity.classroom.link import HostConfig, HostLink, start_host_thread
from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.settings import settings_path
from clarity.ui.app import App
from clarity.ui.bindings import key_hints
from clarity.ui.host_view.hosting import Hosting
from clarity.ui.scenes.host_lobby import HostLobbyScene
from clarity.ui.scenes.host_play import HostPlayScene
from clarity.ui.scenes.host_results import HostResultsScene
from clarity.ui.scenes.title import TitleScene

from .conftest import ASSETS, Pilot, write_play_pack
from .host_students import Device, Students, students_of

FRAMES = 1500  # the most frames any wait pumps (each lets the server's thread run)


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[tuple[HostLink, LoadedPack]]:
    """A class game of the play tests' pack on 127.0.0.1, without a timer (no question
    closes by itself while a busy machine is slow)."""
    packs = tmp_path / "data" / "packs"
    write_play_pack(packs)
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    settings_path(config_dir).write_text("timer = off\n", encoding="utf-8")
    config = HostConfig(
        pack_id="play-test",
        data_dir=tmp_path / "data",
        config_dir=config_dir,
        language="en",
        bind="127.0.0.1",
        port=0,
        seed=3,
    )
    link = start_host_thread(config)
    assert link.error is None, link.error
    loaded = load_pack(packs / "play-test.yaml", assets_dir=ASSETS)
    try:
        yield link, loaded
    finally:
        link.close()


@pytest.fixture
def students(hosted: tuple[HostLink, LoadedPack]) -> Iterator[Students]:
    with students_of(hosted[0].students_url) as class_:
        yield class_


def at_lobby(app: App, hosted: tuple[HostLink, LoadedPack]) -> Pilot:
    link, loaded = hosted
    app.push(app.screens.make("host-lobby", hosting=Hosting(link, loaded)))
    pilot = Pilot(app)
    pilot.step()
    return pilot


def until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    for _ in range(FRAMES):
        if condition():
            return
        pilot.step()
        time.sleep(0.005)
    raise AssertionError(f"{what}: not after {FRAMES} frames (top: {pilot.top.name})")


def texts_of(pilot: Pilot) -> list[str]:
    return list(pilot.top.shown_texts().values())  # type: ignore[attr-defined]


def answer_the_question(pilot: Pilot, device: Device, *, right: bool = True) -> None:
    """``device`` answers the open question as the projector shows it: the first choice
    (or the last, not ``right``), true (or false), or a typed word."""
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    question = play.view.question  # type: ignore[union-attr]
    assert question is not None
    if question.kind == "choice":
        device.answer(question.number, choice=0 if right else len(question.choices) - 1)
    elif question.kind == "truefalse":
        device.answer(question.number, truth=right)
    else:
        device.answer(question.number, text="Moscow" if right else "Mosko")


def start_with(pilot: Pilot, students: Students, *names: str) -> list[Device]:
    devices = [students.join(name) for name in names]
    until(pilot, lambda: all(name in texts_of(pilot) for name in names), "the names shown")
    pilot.key(pygame.K_RETURN)
    until(pilot, lambda: isinstance(pilot.top, HostPlayScene), "the game started")
    until(pilot, lambda: pilot.top.view.phase == "question", "the first question")
    return devices


def test_a_student_who_joins_is_named_in_the_lobby_and_delete_removes_them(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack], students: Students
) -> None:
    pilot = at_lobby(make_app(size=(1024, 768)), hosted)
    lobby = pilot.top
    assert isinstance(lobby, HostLobbyScene)
    assert "Waiting for students to join…" in texts_of(pilot)
    anna = students.join("Аня")
    until(pilot, lambda: "Аня" in texts_of(pilot), "Аня in the lobby")
    assert "1 student has joined" in texts_of(pilot)
    boris = students.join("Boris")
    until(pilot, lambda: "Boris" in texts_of(pilot), "Boris in the lobby")
    pilot.key(pygame.K_RIGHT)  # the arrows land on the first name, then move on
    pilot.key(pygame.K_RIGHT)
    assert lobby.selected == boris.number
    assert "Chosen: Boris" in texts_of(pilot)  # whole, whatever its chip holds
    pilot.key(pygame.K_DELETE)
    boris.wait_for("removed")
    until(pilot, lambda: "Boris" not in texts_of(pilot), "Boris gone from the lobby")
    assert "Аня" in texts_of(pilot)
    assert not anna.of_type("removed")


def test_esc_with_students_in_asks_before_hosting_ends(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack], students: Students
) -> None:
    app = make_app(size=(1024, 768))
    pilot = at_lobby(app, hosted)
    students.join("Аня")
    until(pilot, lambda: "Аня" in texts_of(pilot), "Аня in the lobby")
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top.name == "host-end"
    pilot.key(pygame.K_ESCAPE)  # Back: hosting goes on
    assert isinstance(pilot.top, HostLobbyScene)
    assert not hosted[0].closed
    pilot.key(pygame.K_ESCAPE)
    pilot.key(pygame.K_e)  # End hosting
    assert [scene.name for scene in app.scenes] == ["title"]
    assert hosted[0].closed


def test_enter_without_a_student_starts_nothing(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack]
) -> None:
    app = make_app(size=(1024, 768))
    pilot = at_lobby(app, hosted)
    pilot.key(pygame.K_RETURN)
    pilot.step(30)
    assert isinstance(pilot.top, HostLobbyScene)
    assert app.notice.text == "Nobody has joined yet"


def test_enter_starts_the_answers_are_counted_and_the_reveal_shows_the_class_answers(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack], students: Students
) -> None:
    pilot = at_lobby(make_app(size=(1024, 768)), hosted)
    anna, boris = start_with(pilot, students, "Аня", "Boris")
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    assert play.live_lines()["answered"] == "0 of 2 answered"
    assert play.view.question.prompt in texts_of(pilot)  # type: ignore[union-attr]
    answer_the_question(pilot, anna)
    until(pilot, lambda: play.live_lines().get("answered") == "1 of 2 answered", "one answer")
    answer_the_question(pilot, boris, right=False)
    # everybody answered: the question closes by itself
    until(pilot, lambda: play.view.phase == "reveal", "the reveal")
    assert play.chart.rows, "the class's answers as bars"
    counts = [bar.count for bar, _row, _room in play.chart.rows]
    assert sum(counts) == 2
    assert [bar.right for bar, _row, _room in play.chart.rows].count(True) >= 1
    shown = play.shown_texts()
    assert shown["right_answer"].startswith("Right answer: ")
    assert shown["tile"] == "1 of 2 right: a tile is uncovered"
    assert len(play.board.hidden) == play.view.rows * play.view.cols - 1


def test_l_switches_the_leaderboard_off_and_the_reveal_goes_straight_on(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack], students: Students
) -> None:
    pilot = at_lobby(make_app(size=(1920, 1080)), hosted)
    (anna,) = start_with(pilot, students, "Аня")
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    assert play.view.leaderboard_on
    answer_the_question(pilot, anna)
    until(pilot, lambda: play.view.phase == "reveal", "the reveal")
    pilot.key(pygame.K_RETURN)  # with the leaderboard on, next shows it
    until(pilot, lambda: play.view.phase == "leaderboard", "the leaderboard")
    assert "Аня" in texts_of(pilot)
    pilot.key(pygame.K_l)
    until(pilot, lambda: not play.view.leaderboard_on, "the leaderboard off")
    pilot.key(pygame.K_RETURN)
    until(pilot, lambda: play.view.phase == "question", "the second question")
    assert play.view.question.number == 2  # type: ignore[union-attr]
    answer_the_question(pilot, anna)
    until(pilot, lambda: play.view.phase == "reveal", "the second reveal")
    pilot.key(pygame.K_n)  # N goes on too: past where the leaderboard was
    until(pilot, lambda: play.view.phase == "question", "the third question")
    assert play.view.question.number == 3  # type: ignore[union-attr]


def test_p_pauses_and_the_paused_line_covers_the_question(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack], students: Students
) -> None:
    pilot = at_lobby(make_app(size=(1024, 768)), hosted)
    start_with(pilot, students, "Аня")
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    pilot.key(pygame.K_p)
    until(pilot, lambda: play.view.paused, "paused")
    assert "Paused" in texts_of(pilot)
    pilot.key(pygame.K_p)
    until(pilot, lambda: not play.view.paused, "going on")
    assert "Paused" not in texts_of(pilot)


def test_e_ends_the_game_into_the_podium_and_enter_goes_back_to_the_title(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack], students: Students
) -> None:
    app = make_app(size=(1024, 768))
    pilot = at_lobby(app, hosted)
    anna, boris = start_with(pilot, students, "Аня", "Boris")
    answer_the_question(pilot, anna)
    answer_the_question(pilot, boris, right=False)
    until(pilot, lambda: pilot.top.view.phase == "reveal", "the reveal")
    pilot.key(pygame.K_e)
    assert pilot.top.name == "host-end"  # asked first
    pilot.key(pygame.K_e)
    until(pilot, lambda: isinstance(pilot.top, HostResultsScene), "the results")
    results = pilot.top
    assert isinstance(results, HostResultsScene)
    assert results.podium.steps, "the podium"
    shown = results.shown_texts()
    assert shown["podium_1"] == "Аня"
    assert shown["podium_2"] == "Boris"
    assert shown["answer"] == "Lighthouse"
    assert shown["heading"] == "Nobody guessed the picture"
    anna.wait_for("state", lambda m: m.get("phase") == "ended")
    pilot.key(pygame.K_RETURN)
    assert [scene.name for scene in app.scenes] == ["title"]
    assert results.hosting.closed


def test_a_right_guess_is_counted_on_the_projector_without_saying_what(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack], students: Students
) -> None:
    pilot = at_lobby(make_app(size=(1024, 768)), hosted)
    anna, _boris = start_with(pilot, students, "Аня", "Boris")
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    assert play.live_lines()["guessed"] == "Nobody has guessed the picture yet"
    anna.guess("Lighthouse")
    assert anna.wait_for("guess_result")["right"]
    until(
        pilot,
        lambda: play.live_lines()["guessed"] == "1 has guessed the picture",
        "the guess counted",
    )
    assert not any("Lighthouse" in text for text in play.shown_texts().values())


def test_a_accepts_a_typed_answer_the_matcher_refused(
    make_app: Callable[..., App], hosted: tuple[HostLink, LoadedPack], students: Students
) -> None:
    pilot = at_lobby(make_app(size=(1024, 768)), hosted)
    (anna,) = start_with(pilot, students, "Аня")
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    for _ in range(8):  # to the typed question, whichever it is in the seed's order
        if play.view.question.kind == "typed":  # type: ignore[union-attr]
            break
        answer_the_question(pilot, anna)
        until(pilot, lambda: play.view.phase == "reveal", "a reveal")
        assert "accept" not in [b.action for b in play.bindings()]
        pilot.key(pygame.K_RETURN)
        until(pilot, lambda: play.view.phase != "reveal", "past the reveal")
        if play.view.phase == "leaderboard":
            pilot.key(pygame.K_RETURN)
        until(pilot, lambda: play.view.phase == "question", "the next question")
    answer_the_question(pilot, anna, right=False)  # "Mosko"
    until(pilot, lambda: play.view.phase == "reveal", "the typed question's reveal")
    assert play.view.result.refused == ("Mosko",)  # type: ignore[union-attr]
    assert play.view.result.right == 0  # type: ignore[union-attr]
    pilot.key(pygame.K_a)
    shown = play.shown_texts()
    # each refused text as given, with how many gave it; the keys 1-6 said once
    assert shown["refused_1"] == "Mosko"
    assert shown["refused_1_count"] == "1 student"
    assert ("1–6", "choose an answer") in key_hints(play.bindings())
    assert [label for _cap, label in key_hints(play.bindings())].count("choose an answer") == 1
    pilot.key(pygame.K_RETURN)  # a habitual Enter: nothing is chosen, nothing accepted
    assert "accept_confirm" in play.shown_texts()
    assert "refused_1" in play.shown_texts()  # still choosing
    assert "Mosko" not in play.shown_texts()["accept_confirm"]
    pilot.key(pygame.K_1)
    confirm = play.shown_texts()["accept_confirm"]
    assert "Mosko" in confirm
    assert "pack" in confirm
    assert play.view.result.right == 0  # type: ignore[union-attr]
    pilot.key(pygame.K_RETURN)
    until(pilot, lambda: play.view.result.right == 1, "the answer accepted")  # type: ignore[union-attr]
    assert "accept" not in [b.action for b in play.bindings()]
    until(pilot, lambda: "accept_notice" in play.shown_texts(), "the server's word on it")
    assert play.shown_texts()["accept_notice"] == play.view.notice  # type: ignore[union-attr]
    assert "Mosko" in play.shown_texts()["accept_notice"]


def test_the_title_s_class_game_on_students_devices_opens_the_lobby_of_the_chosen_pack(
    make_app: Callable[..., App], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[HostLink] = []
    real_start = link_module.start_host_thread

    def on_loopback(config: HostConfig) -> HostLink:
        # the game's own choice is every address on port 8765: a test keeps to loopback
        started.append(
            real_start(dataclasses.replace(config, bind="127.0.0.1", port=0, data_dir=tmp_path))
        )
        return started[-1]

    monkeypatch.setattr(link_module, "start_host_thread", on_loopback)
    app = make_app(size=(1024, 768))
    app.push(TitleScene(app))
    pilot = Pilot(app)
    pilot.step()
    title = pilot.top
    assert isinstance(title, TitleScene)
    pilot.click(title.class_button.rect.center)
    assert pilot.top.name == "class-kind"
    pilot.key(pygame.K_2)  # on students' devices
    assert pilot.top.name == "packs"
    app.services.packs.all()
    pilot.step()
    pilot.key(pygame.K_RETURN)
    lobby = pilot.top
    assert isinstance(lobby, HostLobbyScene)
    assert [scene.name for scene in app.scenes] == ["title", "host-lobby"]
    (link,) = started
    assert lobby.hosting.link is link
    assert lobby.shown_texts()["pin"].replace(" ", "") == link.pin
    pilot.key(pygame.K_ESCAPE)  # nobody joined: hosting ends at once
    assert [scene.name for scene in app.scenes] == ["title"]
    assert link.closed


def test_a_server_that_cannot_start_is_a_dialog_saying_why(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_start = link_module.start_host_thread
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]

    def on_a_port_in_use(config: HostConfig) -> HostLink:
        return real_start(dataclasses.replace(config, bind="127.0.0.1", port=port))

    monkeypatch.setattr(link_module, "start_host_thread", on_a_port_in_use)
    app = make_app(size=(1024, 768))
    app.push(TitleScene(app))
    pilot = Pilot(app)
    pilot.step()
    try:
        pilot.click(pilot.top.class_button.rect.center)  # type: ignore[attr-defined]
        pilot.key(pygame.K_2)
        app.services.packs.all()
        pilot.step()
        pilot.key(pygame.K_RETURN)
    finally:
        taken.close()
    dialog = pilot.top
    assert dialog.name == "host-failed"
    assert str(port) in dialog.message  # type: ignore[attr-defined]
    pilot.key(pygame.K_ESCAPE)
    assert [scene.name for scene in app.scenes] == ["title"]


def test_a_server_that_stops_mid_game_is_told_in_one_line_and_esc_goes_to_the_title(
    make_app: Callable[..., App],
    hosted: tuple[HostLink, LoadedPack],
    students: Students,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(size=(1024, 768))
    pilot = at_lobby(app, hosted)
    start_with(pilot, students, "Аня")
    monkeypatch.setattr(HostLink, "failure", property(lambda link: "its thread ended"))
    pilot.step(2)
    assert pilot.top.name == "host-stopped"
    texts = texts_of(pilot)
    assert texts == ["The class server stopped: its thread ended"]
    hints = pilot.top.layout_boxes()["hints"]  # type: ignore[attr-defined]
    assert hints.height > 0
    pilot.key(pygame.K_ESCAPE)
    assert [scene.name for scene in app.scenes] == ["title"]
    assert hosted[0].closed
