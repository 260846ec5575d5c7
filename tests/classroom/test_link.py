"""The projector's link: both launchers start and serve, the views and commands go through
the queues, the start's errors are one line, and a game closed mid-way resumes."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from clarity.classroom import commands
from clarity.classroom.link import (
    HostConfig,
    HostLink,
    pickled_view,
    start_host_process,
    start_host_thread,
)

from .server_devices import (
    PACK_ID,
    WAIT,
    Classroom,
    host_config,
    hosted,
    run,
    wait_for_view,
)

LAUNCHERS = {"thread": start_host_thread, "process": start_host_process}


@pytest.mark.parametrize("launcher", LAUNCHERS.values(), ids=LAUNCHERS.keys())
def test_each_launcher_serves_the_page_the_game_and_the_projectors_view(
    tmp_path: Path, launcher: Any
) -> None:
    with hosted(host_config(tmp_path), launcher) as link:
        assert link.students_url.startswith("http://127.0.0.1:")
        assert link.students_url.endswith(f"/?pin={link.pin}")
        assert "/teacher?token=" in link.teacher_url

        async def scenario() -> None:
            async with Classroom(link) as room:
                assert room.session is not None
                async with room.session.get(link.students_url) as page:
                    assert page.status == 200
                    assert "<html" in (await page.text()).lower()
                anna = await room.student("Anna")
                link.send(commands.Start())  # the projector's key, through the queue
                question = await anna.question(1)
                await anna.answer_right(question)
                await anna.reveal()

        run(scenario())
        view = wait_for_view(link, lambda v: v.phase == "reveal")
        assert [line.name for line in view.roster] == ["Anna"]
        assert view.result is not None
        assert view.result.answered == 1
        assert view.pin == link.pin
        assert view.students_url == link.students_url


def test_latest_view_gives_the_newest_and_then_nothing(tmp_path: Path) -> None:
    with hosted(host_config(tmp_path)) as link:
        link.send(commands.ShowLeaderboard(False))
        view = wait_for_view(link, lambda v: not v.leaderboard_on)
        newest = view
        for _ in range(3):  # whatever else was queued is older
            later = link.latest_view()
            if later is not None:
                newest = later
        assert newest.version >= view.version


def _taken_port() -> socket.socket:
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    return holder


def test_a_port_in_use_is_one_line_of_error(tmp_path: Path) -> None:
    with _taken_port() as holder:
        port = holder.getsockname()[1]
        link = start_host_thread(host_config(tmp_path, port=port))
        try:
            assert link.error is not None
            assert "\n" not in link.error
            assert str(port) in link.error
            assert "another program uses the port" in link.error
            assert link.students_url == ""
            link.send(commands.Start())  # a link that did not start takes commands quietly
            assert link.latest_view() is None
        finally:
            link.close()


def test_without_a_port_asked_a_taken_default_falls_back_to_any_free_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clarity.classroom import link as link_module

    with _taken_port() as holder:
        taken = holder.getsockname()[1]
        monkeypatch.setattr(link_module, "DEFAULT_PORT", taken)
        with hosted(host_config(tmp_path, port=None)) as link:
            port = int(link.students_url.split(":")[2].split("/")[0])
            assert port not in (taken, 0)


def test_an_address_not_of_this_computer_is_one_line_of_error(tmp_path: Path) -> None:
    # TEST-NET-3 (RFC 5737): no interface has it, so bind() fails here; nothing is sent
    link = start_host_thread(host_config(tmp_path, bind="203.0.113.7"))
    try:
        assert link.error is not None
        assert "\n" not in link.error
        assert "203.0.113.7" in link.error
        assert "not an address of this computer" in link.error
    finally:
        link.close()


def test_an_unknown_pack_is_one_line_naming_the_packs_that_play(tmp_path: Path) -> None:
    link = start_host_thread(host_config(tmp_path, pack_id="no-such-pack"))
    try:
        assert link.error is not None
        assert "\n" not in link.error
        assert '"no-such-pack"' in link.error
        assert PACK_ID in link.error
    finally:
        link.close()


def test_the_error_is_in_the_games_language(tmp_path: Path) -> None:
    link = start_host_thread(host_config(tmp_path, pack_id="no-such-pack", language="ru"))
    try:
        assert link.error is not None
        assert "набора «no-such-pack» нет" in link.error
    finally:
        link.close()


def test_close_stops_the_server(tmp_path: Path) -> None:
    link = start_host_thread(host_config(tmp_path))
    url = link.students_url
    link.close()
    link.close()  # twice is harmless

    async def fetch() -> None:
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.ClientConnectionError):
                await session.get(url)

    run(fetch())


def _pin_and_score(link: HostLink) -> tuple[str, int]:
    view = wait_for_view(link, lambda v: v.phase == "reveal")
    return view.pin, view.roster[0].score


def test_a_game_closed_mid_way_resumes_with_its_pin_tokens_and_scores(tmp_path: Path) -> None:
    pytest.importorskip("clarity.classroom.journal")
    config = host_config(tmp_path)
    with hosted(config) as first:

        async def play_one_question() -> str:
            async with Classroom(first) as room:
                anna = await room.student("Anna")
                first.send(commands.Start())
                await anna.answer_right(await anna.question(1))
                result = (await anna.reveal())["result"]
                assert result["right"] is True
                assert anna.token is not None
                return anna.token

        token = run(play_one_question())
        pin, score = _pin_and_score(first)
        assert score > 0
    # the server is gone (a teacher's laptop restarted); a new one on the same data folder
    with hosted(config) as second:
        assert second.pin == pin
        view = wait_for_view(second, lambda v: v.phase == "reveal")
        assert [(line.name, line.score) for line in view.roster] == [("Anna", score)]

        async def rejoin() -> dict[str, Any]:
            async with Classroom(second) as room:
                anna = await room.device()
                await anna.send(type="join", token=token)
                welcome = await anna.next("welcome")
                state = await anna.next("state")
                return {"welcome": welcome, "state": state}

        seen = run(rejoin())
        assert seen["welcome"]["name"] == "Anna"
        assert seen["state"]["you"]["score"] == score


def test_a_new_game_is_asked_for_with_resume_off(tmp_path: Path) -> None:
    pytest.importorskip("clarity.classroom.journal")
    config = host_config(tmp_path)
    with hosted(config) as first:
        run(_join_and_start(first))
        wait_for_view(first, lambda v: v.phase == "question")
        pin = first.pin
    fresh: HostConfig = host_config(tmp_path, resume=False)
    with hosted(fresh) as second:
        view = wait_for_view(second, lambda v: True)
        assert view.phase == "lobby"
        assert view.roster == ()
        assert second.pin != pin or view.roster == ()


async def _join_and_start(link: HostLink) -> None:
    async with Classroom(link) as room:
        anna = await room.student("Anna")
        link.send(commands.Start())
        await anna.question(1)


def test_an_acknowledged_answer_survives_the_server_killed(tmp_path: Path) -> None:
    """The server saves once for the answers that came together (a group commit) but never
    tells a device its answer is taken before it is saved: killed right after, the game
    resumes with it."""
    pytest.importorskip("clarity.classroom.journal")
    config = host_config(tmp_path)
    link = start_host_process(config)
    try:
        assert link.error is None, link.error

        async def answer() -> None:
            async with Classroom(link) as room:
                students = [await room.student(name) for name in ("Anna", "Boris", "Vera")]
                link.send(commands.Start())
                questions = [await device.question(1) for device in students]
                for device, question in zip(students[:2], questions, strict=False):
                    await device.answer_right(question)
                for device in students[:2]:
                    await device.answered()  # acknowledged

        run(answer())
        (server,) = [p for p in multiprocessing.active_children() if p.name == "class-game-server"]
        assert server.pid is not None
        os.kill(server.pid, signal.SIGKILL)
        server.join(10)
    finally:
        link.close()
    with hosted(config) as resumed:
        view = wait_for_view(resumed, lambda v: v.phase == "question")
        answered = {line.name: line.answered for line in view.roster}
        assert answered == {"Anna": True, "Boris": True, "Vera": False}


def test_a_view_sent_by_the_process_launcher_arrives_whole(tmp_path: Path) -> None:
    """The views cross to the projector pickled by their fields (faster to unpickle than
    the dataclasses' own way): every part of a view at a reveal comes back equal."""
    with hosted(host_config(tmp_path)) as link:

        async def play() -> None:
            async with Classroom(link) as room:
                anna = await room.student("Anna")
                await room.student("Boris")
                link.send(commands.Start())
                await anna.answer_right(await anna.question(1))
                await anna.answered()
                link.send(commands.Next())
                await anna.reveal()

        run(play())
        view = wait_for_view(link, lambda v: v.phase == "reveal" and v.result is not None)
    assert view.question is not None
    assert view.roster
    assert view.standings
    again = pickle.loads(pickled_view(view))
    assert again == view
    assert type(again.result) is type(view.result)
    assert type(again.roster[0]) is type(view.roster[0])


def test_the_pack_file_given_is_the_one_read(tmp_path: Path) -> None:
    config = host_config(tmp_path)
    assert config.data_dir is not None
    moved = tmp_path / "mine.yaml"
    (config.data_dir / "packs" / "class-test.yaml").rename(moved)
    # in no packs folder: found only because the projector names its file
    with hosted(replace(config, pack_file=moved)) as link:
        view = wait_for_view(link, lambda v: True)
        assert view.pack_id == PACK_ID
    link = start_host_thread(replace(config, pack_id="union-state", pack_file=moved))
    try:
        assert link.error is not None
        assert '"union-state"' in link.error
    finally:
        link.close()


PROJECTOR = """
import multiprocessing, sys, time
from pathlib import Path
from clarity.classroom.link import HostConfig, start_host_process
if __name__ == "__main__":
    link = start_host_process(HostConfig(
        pack_id="class-test", data_dir=Path(sys.argv[1]), config_dir=None, language="en",
        bind="127.0.0.1", port=0, seed=1))
    (server,) = multiprocessing.active_children()
    print(link.students_url, server.pid, flush=True)
    time.sleep(120)
"""


def test_a_server_process_ends_when_its_projector_is_killed(tmp_path: Path) -> None:
    config = host_config(tmp_path)
    script = tmp_path / "projector.py"
    script.write_text(PROJECTOR, encoding="utf-8")
    # its stderr to a file: once it is killed, its resource tracker says (rightly) that it
    # cleaned up the queues' semaphores
    log = (tmp_path / "projector.log").open("w")
    projector = subprocess.Popen(
        [sys.executable, str(script), str(config.data_dir)],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    try:
        assert projector.stdout is not None
        url, pid = projector.stdout.readline().split()
        port = int(url.split(":")[2].split("/")[0])
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # served
        projector.send_signal(signal.SIGKILL)  # no close(), no stop on the queue
        projector.wait(10)
        for _ in range(200):  # bounded: 20 s
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    pass
            except OSError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the server outlived its projector")
    finally:
        projector.kill()
        projector.wait(10)
        log.close()
        with contextlib.suppress(ProcessLookupError, UnboundLocalError):
            os.kill(int(pid), signal.SIGKILL)  # left behind only when the test failed


def test_a_start_that_fails_leaves_the_saved_game_to_resume(tmp_path: Path) -> None:
    pytest.importorskip("clarity.classroom.journal")
    config = host_config(tmp_path)
    with hosted(config) as first:
        run(_join_and_start(first))
        wait_for_view(first, lambda v: v.phase == "question")
        pin = first.pin
    with _taken_port() as holder:
        failed = start_host_thread(replace(config, port=holder.getsockname()[1]))
        failed.close()
        assert failed.error is not None
    with hosted(config) as resumed:
        assert resumed.pin == pin
        view = wait_for_view(resumed, lambda v: bool(v.roster))
        assert [line.name for line in view.roster] == ["Anna"]


def _free_port() -> int:
    """A free port below the ephemeral range (Linux's starts at 32768): a port the system
    hands out itself could be given to another test's server or client between this
    test's two hosts, and then the second could not have it whatever the server does."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20_000, 32_000)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port from 20000 to 32000")


def _page_kept_open(port: int) -> socket.socket:
    """A browser's connection: the students' page fetched, the connection kept alive."""
    browser = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
    browser.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    assert browser.recv(64).startswith(b"HTTP/1.1 200")
    return browser


def _closed_by_the_server(browser: socket.socket) -> None:
    """Read to the end, as a browser does, then close (a close without a reset: the
    server's side of the connection waits in TIME_WAIT on the server's port)."""
    with browser:
        while browser.recv(65536):
            pass


@pytest.mark.skipif(sys.platform == "win32", reason="SO_REUSEADDR stays off on Windows")
def test_a_host_restarted_at_once_gets_its_port_back_and_the_student_rejoins(
    tmp_path: Path,
) -> None:
    """The server closes the devices' connections itself when it stops, so they wait in
    TIME_WAIT on its port for a minute: a host restarted at once must still listen there,
    or the pages open on the students' phones could not reconnect."""
    pytest.importorskip("clarity.classroom.journal")
    config = host_config(tmp_path, port=_free_port())
    first = start_host_thread(config)
    try:
        assert first.error is None, first.error
        assert config.port is not None
        browser = _page_kept_open(config.port)

        async def play_one_question() -> tuple[str | None, int]:
            async with Classroom(first) as room:
                anna = await room.student("Anna")
                first.send(commands.Start())
                await anna.answer_right(await anna.question(1))
                score = (await anna.reveal())["result"]["score"]
                return anna.token, score

        token, score = run(play_one_question())
    finally:
        first.close()
    _closed_by_the_server(browser)
    with hosted(config) as second:  # the same port, at once
        assert second.error is None
        assert second.students_url == first.students_url

        async def rejoin() -> dict[str, Any]:
            async with Classroom(second) as room:
                anna = await room.device()
                await anna.send(type="join", token=token)
                await anna.next("welcome")
                return await anna.next("state")

        state = run(rejoin())
        assert score > 0
        assert state["you"]["score"] == score


def _failure_within(link: HostLink, timeout: float = WAIT) -> str:
    """The link's failure once it tells one (the projector reads it every frame)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        failure = link.failure
        if failure is not None:
            return failure
        time.sleep(0.01)
    raise AssertionError(f"no failure told within {timeout} s")


def test_a_host_failing_in_its_clock_is_told_by_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clarity.classroom.host import GameHost

    with hosted(host_config(tmp_path)) as link:
        wait_for_view(link, lambda v: v.phase == "lobby")
        assert link.alive
        assert link.failure is None

        def broken_tick(self: GameHost, now: float) -> list[Any]:
            raise RuntimeError("the clock broke")

        monkeypatch.setattr(GameHost, "tick", broken_tick)
        failure = _failure_within(link)
        assert "RuntimeError: the clock broke" in failure
        assert "\n" not in failure
        assert link.error == failure
        assert not link.alive
        link.send(commands.Start())  # a link whose server stopped takes commands harmlessly


def test_a_server_process_killed_mid_game_is_told_by_the_link_in_the_games_language(
    tmp_path: Path,
) -> None:
    with hosted(host_config(tmp_path, language="ru"), start_host_process) as link:
        wait_for_view(link, lambda v: v.phase == "lobby")
        assert link.alive
        (server,) = [p for p in multiprocessing.active_children() if p.name == "class-game-server"]
        assert server.pid is not None
        os.kill(server.pid, signal.SIGKILL)
        failure = _failure_within(link)
        assert not link.alive
        assert "\n" not in failure
        assert any("а" <= letter <= "я" for letter in failure.lower()), failure


def test_a_link_closed_by_the_projector_tells_no_failure(tmp_path: Path) -> None:
    link = start_host_thread(host_config(tmp_path))
    assert link.alive
    link.close()
    assert link.failure is None
    assert link.error is None
    assert not link.alive
