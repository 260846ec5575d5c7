"""Students' and teachers' devices on loopback for the server and link tests.

A real server (the link's thread or process) on 127.0.0.1, a small pack of its own in the
test's data folder, and devices that are aiohttp WebSocket clients. Every wait is bounded:
a test that waits for something that never comes fails with what the device saw instead.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp

from clarity.classroom.link import HostConfig, HostLink, start_host_thread
from clarity.classroom.views import ProjectorView

PACK_ID = "class-test"
RIGHT_CHOICE = "right"
TYPED_ANSWER = "Minsk"
QUESTIONS = 4
# Three choice questions answered by "right" and one typed question; the order is the seed's.
PACK_YAML = """\
clarity: 1
id: class-test
title: Class test
description: Four questions for the class game's server tests.
language: en
time_limit: 30
rounds:
  - image: solar_system/saturn.png
    answer: Saturn
    grid: 2x2
questions:
  - {id: q1, type: choice, prompt: First?, choices: [wrong, right, also wrong], answer: right}
  - {id: q2, type: choice, prompt: Second?, choices: [wrong, right, also wrong], answer: right}
  - {id: q3, type: choice, prompt: Third?, choices: [wrong, right, also wrong], answer: right}
  - {id: q4, type: typed, prompt: Capital of Belarus?, answer: Minsk}
"""
WAIT = 15.0  # seconds: the longest any single wait may take before the test fails


def host_config(tmp_path: Path, **changes: Any) -> HostConfig:
    """A game of :data:`PACK_ID` on 127.0.0.1, any free port, the timer off (no question
    closes by itself while a slow test machine is busy), in ``tmp_path``."""
    data_dir = tmp_path / "data"
    (data_dir / "packs").mkdir(parents=True, exist_ok=True)
    (data_dir / "packs" / "class-test.yaml").write_text(PACK_YAML, encoding="utf-8")
    config_dir = tmp_path / "config"
    config_dir.mkdir(exist_ok=True)
    (config_dir / "settings.ini").write_text("timer = off\n", encoding="utf-8")
    values: dict[str, Any] = {
        "pack_id": PACK_ID,
        "data_dir": data_dir,
        "config_dir": config_dir,
        "language": "en",
        "bind": "127.0.0.1",
        "port": 0,
        "seed": 7,
    }
    values.update(changes)
    return HostConfig(**values)


@contextmanager
def hosted(
    config: HostConfig, launcher: Callable[[HostConfig], HostLink] = start_host_thread
) -> Iterator[HostLink]:
    """A started link, closed at the end whatever happens."""
    link = launcher(config)
    try:
        assert link.error is None, link.error
        yield link
    finally:
        link.close()


def ws_url(link: HostLink) -> str:
    base = link.students_url.split("/?", 1)[0]
    return base.replace("http://", "ws://", 1) + "/ws"


def teacher_token(link: HostLink) -> str:
    return link.teacher_url.split("token=", 1)[1]


def wait_for_view(
    link: HostLink, condition: Callable[[ProjectorView], bool], timeout: float = WAIT
) -> ProjectorView:
    """The first view from the link that meets ``condition`` (the projector's polling, as a
    frame loop does it); fails with the last view seen after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        view = link.latest_view()
        if view is not None:
            last = view
            if condition(view):
                return view
        time.sleep(0.01)
    raise AssertionError(f"no such view within {timeout} s; the last one: {last!r}")


class Device:
    """One browser tab: a WebSocket to /ws and everything it has received."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.received: list[dict[str, Any]] = []
        self.token: str | None = None
        self.student: int | None = None

    async def send(self, **fields: Any) -> None:
        await self.socket.send_str(json.dumps({"v": 1, **fields}))

    async def send_raw(self, text: str | bytes) -> None:
        if isinstance(text, bytes):
            await self.socket.send_bytes(text)
        else:
            await self.socket.send_str(text)

    async def next(
        self,
        kind: str,
        where: Callable[[dict[str, Any]], bool] = lambda _message: True,
        timeout: float = WAIT,
    ) -> dict[str, Any]:
        """The next message of type ``kind`` that meets ``where`` (others are kept in
        ``received`` and passed over)."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind!r} within {timeout} s; got {self.received[-5:]}")
            try:
                frame = await self.socket.receive(timeout=left)
            except TimeoutError:
                continue
            if frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                raise AssertionError(
                    f"closed ({self.socket.close_code}) while waiting for {kind!r};"
                    f" got {self.received[-5:]}"
                )
            if frame.type != aiohttp.WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            self.received.append(message)
            if message.get("type") == kind and where(message):
                return message

    async def error(self, code: str, timeout: float = WAIT) -> dict[str, Any]:
        return await self.next("error", lambda m: m.get("code") == code, timeout)

    async def closed(self, timeout: float = WAIT) -> int | None:
        """Read until the server closes the connection; its close code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                frame = await self.socket.receive(timeout=deadline - time.monotonic())
            except TimeoutError:
                break
            if frame.type == aiohttp.WSMsgType.TEXT:
                self.received.append(json.loads(frame.data))
            elif frame.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                return self.socket.close_code
        raise AssertionError(f"still open after {timeout} s; got {self.received[-5:]}")

    async def join(self, pin: str, name: str) -> dict[str, Any]:
        await self.send(type="join", pin=pin, name=name)
        welcome = await self.next("welcome")
        self.token = welcome["token"]
        self.student = welcome["student"]
        return welcome

    async def question(self, number: int | None = None) -> dict[str, Any]:
        """The state of an open question (``number``, or any)."""

        def open_question(message: dict[str, Any]) -> bool:
            question = message.get("question")
            return (
                message.get("phase") == "question"
                and question is not None
                and (number is None or question.get("number") == number)
            )

        return (await self.next("state", open_question))["question"]

    async def answer_right(self, question: dict[str, Any]) -> None:
        await self.send(type="answer", question=question["number"], **right_answer(question))

    async def answered(self) -> dict[str, Any]:
        """The state that shows this student's answer taken (before the teacher's Next, which
        comes by another way and could overtake the answer)."""
        return await self.next("state", lambda m: bool(m["you"] and m["you"]["answered"]))

    async def reveal(self) -> dict[str, Any]:
        """The state at the reveal, with this student's result."""
        return await self.next("state", lambda m: m.get("result") is not None)


def right_answer(question: dict[str, Any]) -> dict[str, Any]:
    """The answer message's field that answers ``question`` (a state's question) rightly."""
    if question["kind"] == "choice":
        texts = [choice["text"] for choice in question["choices"]]
        return {"choice": texts.index(RIGHT_CHOICE)}
    return {"text": TYPED_ANSWER}


def wrong_answer(question: dict[str, Any]) -> dict[str, Any]:
    if question["kind"] == "choice":
        texts = [choice["text"] for choice in question["choices"]]
        return {"choice": texts.index("wrong")}
    return {"text": "Paris"}


class Classroom:
    """An aiohttp session and the devices opened in it (closed together)."""

    def __init__(self, link: HostLink) -> None:
        self.link = link
        self.session: aiohttp.ClientSession | None = None
        self.devices: list[Device] = []

    async def __aenter__(self) -> Classroom:
        self.session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        for device in self.devices:
            await device.socket.close()
        assert self.session is not None
        await self.session.close()

    async def device(self) -> Device:
        assert self.session is not None
        socket = await self.session.ws_connect(ws_url(self.link), autoping=True)
        device = Device(socket)
        self.devices.append(device)
        return device

    async def student(self, name: str) -> Device:
        device = await self.device()
        await device.join(self.link.pin, name)
        return device

    async def teacher(self) -> Device:
        device = await self.device()
        await device.send(type="teacher", token=teacher_token(self.link))
        await device.next("teacher_state")
        return device


def run(coroutine: Any) -> Any:
    """Run a test's scenario in its own event loop (the server has its own in its thread)."""
    return asyncio.run(asyncio.wait_for(coroutine, 120))
