"""A crowd and a prankster at the server's door: connections capped per address and in all
(the extra ones answered 503 and closed), a connection that never finishes its request
closed, wrong PINs and new students counted per address across connections, binary frames
refused, and the event loop's errors said once a minute in one line."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from clarity.classroom.link import _game_host
from clarity.classroom.server import (
    ACCEPT_BURST,
    FILES_KEPT,
    ClassServer,
    ErrorThrottle,
    ServerLimits,
    connection_budget,
)
from clarity.i18n import translator_for

from .server_devices import WAIT, host_config


def _server(tmp_path: Path, **limits: Any) -> ClassServer:
    host = _game_host(host_config(tmp_path), translator_for("en"), None)
    return ClassServer(
        host,
        pages=lambda page: f"<html>{page}</html>",
        limits=ServerLimits(**limits),
        busy_text="Full: try again in a moment.",
    )


def _serving(server: ClassServer, scenario: Callable[[int], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        port = await server.start("127.0.0.1", 0)
        try:
            return await asyncio.wait_for(scenario(port), WAIT * 2)
        finally:
            await server.close()

    return asyncio.run(main())


async def _raw_get(port: int, path: str = "/") -> bytes:
    """A whole HTTP/1.1 request on a new connection, and all the server answers until it
    closes the connection."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    try:
        return await asyncio.wait_for(reader.read(), WAIT)
    finally:
        writer.close()


async def _until(condition: Callable[[], bool]) -> None:
    """Wait (bounded) until ``condition`` holds: the server's side of a close is seen a
    turn or two of its loop after the client's."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come"
        await asyncio.sleep(0.01)


async def _join(socket: aiohttp.ClientWebSocketResponse, **join: Any) -> dict[str, Any]:
    """Send a join; the server's answer to it (a welcome or an error), past the hello."""
    await socket.send_str(json.dumps({"v": 1, "type": "join", **join}))
    while True:
        message = await socket.receive_json(timeout=WAIT)
        if message["type"] in ("welcome", "error"):
            return dict(message)


def test_a_computer_over_its_connections_gets_503_and_the_others_are_served(
    tmp_path: Path,
) -> None:
    server = _server(tmp_path, connections_per_address=2)

    async def scenario(port: int) -> tuple[bytes, bytes]:
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/ws"
            first = await session.ws_connect(url)
            second = await session.ws_connect(url)
            await _until(lambda: server.addresses.connections == 2)
            refused = await _raw_get(port)
            await first.close()
            await _until(lambda: server.addresses.connections == 1)
            served = await _raw_get(port)
            await second.close()
            return refused, served

    refused, served = _serving(server, scenario)
    assert refused.startswith(b"HTTP/1.1 503 ")
    assert refused.endswith(b"Full: try again in a moment.")
    assert served.startswith(b"HTTP/1.1 200 ")


def test_the_connections_all_together_are_capped(tmp_path: Path) -> None:
    server = _server(tmp_path, max_connections=1)

    async def scenario(port: int) -> bytes:
        async with aiohttp.ClientSession() as session:
            held = await session.ws_connect(f"http://127.0.0.1:{port}/ws")
            await _until(lambda: server.addresses.connections == 1)
            refused = await _raw_get(port)
            await held.close()
            return refused

    assert _serving(server, scenario).startswith(b"HTTP/1.1 503 ")


def test_the_caps_stay_below_the_open_files_the_process_may_have() -> None:
    limits = ServerLimits(max_connections=1000)
    assert connection_budget(limits, 256, 40).max_connections == (
        256 - 40 - FILES_KEPT - ACCEPT_BURST
    )
    assert connection_budget(limits, 1_048_576, 40).max_connections == 1000
    assert connection_budget(limits, 100, 40).max_connections == 0
    assert connection_budget(limits, None, 40) == limits


@pytest.mark.parametrize(
    "sent",
    [b"", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"],
    ids=["nothing", "half a request"],
)
def test_a_connection_that_never_finishes_its_request_is_closed(
    tmp_path: Path, sent: bytes
) -> None:
    server = _server(tmp_path, request_timeout=0.3)

    async def scenario(port: int) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(sent)
        try:
            # the server closes it; a server that waited for ever fails the test at WAIT
            return await asyncio.wait_for(reader.read(), WAIT)
        finally:
            writer.close()

    assert _serving(server, scenario) == b""
    assert server.addresses.connections == 0


def test_wrong_pins_from_one_computer_lock_its_joins_across_connections(tmp_path: Path) -> None:
    server = _server(tmp_path, pin_failures=3, pin_lockout=60.0)
    pin = server.host.pin
    wrong = "999999" if pin != "999999" else "888888"

    async def scenario(port: int) -> tuple[list[str], dict[str, Any]]:
        codes = []
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/ws"
            for _ in range(4):  # a new connection for each guess
                socket = await session.ws_connect(url)
                codes.append((await _join(socket, pin=wrong, name="Guesser"))["code"])
                await socket.close()
            socket = await session.ws_connect(url)
            right = await _join(socket, pin=pin, name="Guesser")
            await socket.close()
            return codes, right

    codes, right = _serving(server, scenario)
    assert codes == ["bad_pin", "bad_pin", "bad_pin", "bad_pin"]
    assert right["type"] == "error"
    assert right["code"] == "rate_limited"
    assert "wrong PINs" in right["message"]


def test_one_computer_brings_in_a_few_new_students_a_minute_and_rejoins_are_taken(
    tmp_path: Path,
) -> None:
    server = _server(tmp_path, joins_per_minute=3.0, join_burst=2)
    pin = server.host.pin

    async def scenario(port: int) -> list[dict[str, Any]]:
        answers = []
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/ws"
            for name in ("Anna", "Boris", "Vera"):
                socket = await session.ws_connect(url)
                answers.append(await _join(socket, pin=pin, name=name))
                await socket.close()
            again = await session.ws_connect(url)
            answers.append(await _join(again, token=answers[0]["token"]))
            await again.close()
        return answers

    anna, boris, vera, anna_again = _serving(server, scenario)
    assert (anna["type"], boris["type"]) == ("welcome", "welcome")
    assert vera["type"] == "error"
    assert vera["code"] == "rate_limited"
    assert "new players" in vera["message"]
    assert anna_again["type"] == "welcome"
    assert anna_again["student"] == anna["student"]


def test_a_binary_frame_is_refused_even_when_it_holds_a_join(tmp_path: Path) -> None:
    server = _server(tmp_path)
    join = {"v": 1, "type": "join", "pin": server.host.pin, "name": "Anna"}

    async def scenario(port: int) -> dict[str, Any]:
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(f"http://127.0.0.1:{port}/ws")
            await socket.send_bytes(json.dumps(join).encode())
            answer = await _join(socket, pin="x")  # anything after it: its answer comes second
            await socket.close()
            return answer

    # the binary frame's answer comes first; the join that follows is refused as not a PIN
    answer = _serving(server, scenario)
    assert answer["type"] == "error"
    assert answer["code"] == "bad_message"
    assert "text" in answer["message"]
    assert server.host.view(0.0).roster == ()


def test_each_kind_of_error_is_said_once_a_minute_with_how_many_were_held() -> None:
    now = [0.0]
    throttle = ErrorThrottle(interval=60.0, clock=lambda: now[0])
    accept = ("asyncio", "socket.accept() out of system resource", "OSError")
    assert throttle.allow(accept) == 0
    assert [throttle.allow(accept) for _ in range(500)] == [None] * 500
    assert throttle.allow(("asyncio", "another", "")) == 0
    now[0] = 61.0
    assert throttle.allow(accept) == 500


def test_the_event_loops_errors_are_one_line_each_kind_a_minute(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = _server(tmp_path)

    async def scenario(port: int) -> None:
        loop = asyncio.get_running_loop()
        for _ in range(200):
            loop.call_exception_handler(
                {
                    "message": "socket.accept() out of system resource",
                    "exception": OSError(24, "Too many open files"),
                }
            )

    with caplog.at_level(logging.ERROR, logger="clarity.classroom.server"):
        _serving(server, scenario)
    said = [r for r in caplog.records if "accept" in r.getMessage()]
    assert len(said) == 1
    assert "\n" not in said[0].getMessage()
    assert said[0].exc_info is None
    assert "Too many open files" in said[0].getMessage()


def test_a_student_whose_device_goes_is_let_go_at_once(tmp_path: Path) -> None:
    """The device's writer is stopped as it closes, however the last send ended: the host
    hears the disconnect (Python 3.11's wait_for lost that cancellation, and the student
    stayed connected for ever while the server's close waited a minute)."""
    server = _server(tmp_path)

    async def scenario(port: int) -> bool:
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(f"http://127.0.0.1:{port}/ws")
            welcome = await _join(socket, pin=server.host.pin, name="Anna")
            assert welcome["type"] == "welcome"
            await socket.close()

        def let_go() -> bool:
            return not server.host.view(0.0).roster[0].connected

        await _until(let_go)
        return let_go()

    assert _serving(server, scenario)


def test_wrong_pins_checked_before_a_join_count_too(tmp_path: Path) -> None:
    server = _server(tmp_path, pin_failures=2, pin_lockout=60.0)
    pin = server.host.pin
    wrong = "999999" if pin != "999999" else "888888"

    async def scenario(port: int) -> list[dict[str, Any]]:
        answers = []
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/ws"
            for guess in (wrong, wrong, wrong, pin):
                socket = await session.ws_connect(url)
                await socket.send_str(json.dumps({"v": 1, "type": "check_pin", "pin": guess}))
                while (answer := await socket.receive_json(timeout=WAIT))["type"] == "hello":
                    pass
                answers.append(answer)
                await socket.close()
        return answers

    *guesses, right = _serving(server, scenario)
    assert [answer.get("code") for answer in guesses] == ["bad_pin"] * 3
    assert right["type"] == "error"
    assert right["code"] == "rate_limited"
