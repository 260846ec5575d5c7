"""Students on their devices for the projector's tests: aiohttp WebSocket clients on
loopback, driven from the test's own thread (which steps the App's frames).

The clients live in an event loop of their own, in a thread; each call here runs one step
there and waits for it (bounded), so a test reads like a class: ``anna = students.join(
"Аня")``, ``anna.answer(1, choice=0)``, ``anna.guess("Lighthouse")``. Every message a
device receives is kept in ``device.messages``; :meth:`Device.wait_for` waits for one of a
type. Nothing here talks to any address but the server's on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp

WAIT = 15.0  # seconds: the longest any one wait may take before the test fails


class Device:
    """One student's browser: its connection and what it has received."""

    def __init__(self, students: Students, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._students = students
        self._socket = socket
        self.messages: list[dict[str, Any]] = []
        self.closed = False
        self.number = 0  # the student id the server gave (from "welcome")

    def send(self, message: dict[str, Any]) -> None:
        self._students.run(self._socket.send_str(json.dumps({"v": 1, **message})))

    def answer(
        self,
        question: int,
        *,
        choice: int | None = None,
        truth: bool | None = None,
        text: str | None = None,
    ) -> None:
        given = {"choice": choice, "truth": truth, "text": text}
        self.send(
            {
                "type": "answer",
                "question": question,
                **{k: v for k, v in given.items() if v is not None},
            }
        )

    def guess(self, text: str) -> None:
        self.send({"type": "guess", "text": text})

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [m for m in list(self.messages) if m.get("type") == kind]

    def wait_for(
        self, kind: str, where: Callable[[dict[str, Any]], bool] = lambda m: True
    ) -> dict[str, Any]:
        """The first message of type ``kind`` that ``where`` takes (waiting up to WAIT)."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            found = [m for m in self.of_type(kind) if where(m)]
            if found:
                return found[0]
            time.sleep(0.01)
        raise AssertionError(f"no {kind!r} came; the device got {self.messages[-5:]}")

    def last_state(self) -> dict[str, Any]:
        states = self.of_type("state")
        assert states, f"no state yet: {self.messages}"
        return states[-1]

    async def _read(self) -> None:
        async for frame in self._socket:
            if frame.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(json.loads(frame.data))
        self.closed = True


class Students:
    """The class's devices against the server at ``students_url`` (its ``?pin=`` is the
    PIN they type)."""

    def __init__(self, students_url: str) -> None:
        parts = urlsplit(students_url)
        self.pin = parse_qs(parts.query).get("pin", [""])[0]
        self.ws_url = f"{parts.scheme.replace('http', 'ws')}://{parts.netloc}/ws"
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._session: aiohttp.ClientSession | None = None
        self.devices: list[Device] = []

    def run(self, step: Any) -> Any:
        future: Future[Any] = asyncio.run_coroutine_threadsafe(step, self._loop)
        return future.result(WAIT)

    def connect(self) -> Device:
        async def connect() -> Device:
            if self._session is None:
                self._session = aiohttp.ClientSession()
            socket = await self._session.ws_connect(self.ws_url)
            device = Device(self, socket)
            self._loop.create_task(device._read())
            return device

        device = self.run(connect())
        self.devices.append(device)
        return device

    def join(self, name: str) -> Device:
        """A student typing the PIN and ``name``; returns once the server welcomed them."""
        device = self.connect()
        device.send({"type": "join", "pin": self.pin, "name": name})
        welcome = device.wait_for("welcome")
        device.number = welcome["student"]
        return device

    def close(self) -> None:
        async def close() -> None:
            if self._session is not None:
                await self._session.close()

        try:
            self.run(close())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(WAIT)


@contextmanager
def students_of(students_url: str) -> Iterator[Students]:
    """The class's devices, closed at the end whatever happens."""
    students = Students(students_url)
    try:
        yield students
    finally:
        students.close()
