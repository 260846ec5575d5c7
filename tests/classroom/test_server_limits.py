"""What one device may do to the server: the rate limit's arithmetic, a stalled device
dropped while the others are served, and no file outside the web folder."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import aiohttp

from clarity.classroom import protocol
from clarity.classroom.link import _game_host
from clarity.classroom.server import ClassServer, ServerLimits, TokenBucket
from clarity.i18n import translator_for

from .server_devices import host_config


def test_a_burst_of_twenty_passes_then_ten_a_second() -> None:
    bucket = TokenBucket(rate=10.0, burst=20, now=0.0)
    assert all(bucket.take(0.0) for _ in range(20))
    assert not bucket.take(0.0)
    # a quarter of a second earns two and a half messages
    assert [bucket.take(0.25) for _ in range(3)] == [True, True, False]
    assert sum(bucket.take(1.25) for _ in range(30)) == 10  # a second later: ten more


def test_the_bucket_never_holds_more_than_the_burst() -> None:
    bucket = TokenBucket(rate=10.0, burst=20, now=0.0)
    assert sum(bucket.take(3600.0) for _ in range(100)) == 20


def test_a_clock_going_back_earns_nothing() -> None:
    bucket = TokenBucket(rate=10.0, burst=1, now=50.0)
    assert bucket.take(50.0)
    assert not bucket.take(40.0)


def _server(tmp_path: Path, **limits: float) -> ClassServer:
    host = _game_host(host_config(tmp_path), translator_for("en"), None)
    web = tmp_path / "web"
    web.mkdir()
    (web / "student.css").write_text("body { margin: 0 }", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the students", encoding="utf-8")
    os.symlink(secret, web / "linked.txt")
    return ClassServer(
        host,
        pages=lambda page: f"<html>{page}</html>",
        limits=ServerLimits(**limits),  # type: ignore[arg-type]
        web_dir=web,
    )


def test_a_symbolic_link_in_the_web_folder_is_not_followed(tmp_path: Path) -> None:
    server = _server(tmp_path)

    async def scenario() -> tuple[int, int]:
        port = await server.start("127.0.0.1", 0)
        try:
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/static/student.css") as plain:
                    plain_status = plain.status
                async with session.get(f"http://127.0.0.1:{port}/static/linked.txt") as linked:
                    assert "not for the students" not in await linked.text()
                    return plain_status, linked.status
        finally:
            await server.close()

    plain, linked = asyncio.run(scenario())
    assert plain == 200
    assert linked in (403, 404)


def test_a_device_that_stops_reading_is_dropped_and_the_others_are_served(
    tmp_path: Path,
) -> None:
    server = _server(tmp_path, send_timeout=0.3)

    async def scenario() -> tuple[int, list[str], dict[str, bool]]:
        port = await server.start("127.0.0.1", 0)
        url = f"ws://127.0.0.1:{port}/ws"
        pin = server.host.pin
        try:
            async with aiohttp.ClientSession() as session:
                stalled = await session.ws_connect(url)
                await stalled.send_str(
                    json.dumps({"v": 1, "type": "join", "pin": pin, "name": "S"})
                )
                await stalled.receive(timeout=5)  # the hello: it is connected
                # its phone's network stops taking data: every send to it hangs
                (connection,) = server._connections.values()
                never = asyncio.Event()

                async def hang(_text: str) -> None:
                    await never.wait()

                connection.socket.send_str = hang  # type: ignore[method-assign]
                others = [await session.ws_connect(url) for _ in range(3)]
                seen: list[str] = []
                for n, device in enumerate(others):
                    join = {"v": 1, "type": "join", "pin": pin, "name": f"Other {n}"}
                    await device.send_str(json.dumps(join))
                    while True:
                        message = json.loads((await device.receive(timeout=5)).data)
                        if message["type"] == "welcome":
                            seen.append(message["name"])
                            break
                for _ in range(100):  # bounded: 5 s at most
                    if server.connections == len(others):
                        break
                    await asyncio.sleep(0.05)
                roster = server.host.view(0.0).roster
                return server.connections, seen, {line.name: line.connected for line in roster}
        finally:
            await server.close()

    connections, seen, connected = asyncio.run(scenario())
    assert seen == ["Other 0", "Other 1", "Other 2"]
    assert connections == 3  # the stalled one is gone
    assert connected == {
        "S": False,
        "Other 0": True,
        "Other 1": True,
        "Other 2": True,
    }


def test_the_server_caps_frames_where_the_protocol_does() -> None:
    assert ServerLimits().max_message_bytes == protocol.MAX_FRAME_BYTES
