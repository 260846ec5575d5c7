"""The Teacher Studio on loopback for its tests: a real server, a real packs folder.

:func:`studio` starts a :class:`~clarity.studio.server.StudioServer` on 127.0.0.1 (a free
port) in an event loop of its own thread, over a data folder in ``tmp_path`` with the
game's own packs and assets; :class:`Client` speaks HTTP to it with the standard
library's ``http.client`` (urllib's), which sends a path and headers exactly as written:
a test can send ``%2e%2e``, a wrong ``Host`` or another site's ``Origin``. The games it
would start are recorded, not started (:attr:`Studio.started`).
"""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from clarity.i18n import Translator
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.studio.server import StudioLimits, StudioServer
from clarity.studio.workspace import Workspace

TOKEN = "test-token-0123456789abcdefghijklmn"
WAIT = 30.0  # seconds: the longest one request may take before the test fails


@dataclass
class Reply:
    """One HTTP answer: status, headers (names in lower case), body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        assert self.headers.get("content-type", "").startswith("application/json"), self.headers
        return json.loads(self.body.decode("utf-8"))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Client:
    """Requests to the studio at ``port``; paths relative to ``/s/TOKEN/`` unless they
    start with ``/``. ``host`` is the Host header sent."""

    port: int
    token: str = TOKEN
    host: str = ""

    def url_path(self, path: str) -> str:
        return path if path.startswith("/") else f"/s/{self.token}/{path}"

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        try:
            connection.putrequest(method, self.url_path(path), skip_host=True)
            sent = {"Host": self.host or f"127.0.0.1:{self.port}", **(headers or {})}
            if body is not None:
                sent.setdefault("Content-Length", str(len(body)))
            for name, value in sent.items():
                connection.putheader(name, value)
            connection.endheaders(body)
            response = connection.getresponse()
            data = response.read()
            found = {name.lower(): value for name, value in response.getheaders()}
            return Reply(response.status, found, data)
        finally:
            connection.close()

    def get(self, path: str, **how: Any) -> Reply:
        return self.request("GET", path, **how)

    def send_json(
        self, method: str, path: str, data: object, headers: dict[str, str] | None = None
    ) -> Reply:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        sent = {"Content-Type": "application/json", **(headers or {})}
        return self.request(method, path, body=body, headers=sent)

    def post(self, path: str, data: object = None, **how: Any) -> Reply:
        return self.send_json("POST", path, {} if data is None else data, **how)

    def put(self, path: str, data: object, **how: Any) -> Reply:
        return self.send_json("PUT", path, data, **how)

    def delete(self, path: str, **how: Any) -> Reply:
        return self.request("DELETE", path, **how)

    def upload(self, path: str, files: list[tuple[str, bytes]]) -> Reply:
        """``files`` as ``file`` parts of a multipart form, as a browser sends a drop."""
        boundary = uuid.uuid4().hex
        body = bytearray()
        for name, data in files:
            body += f"--{boundary}\r\n".encode()
            body += (
                f'Content-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            body += data + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body=bytes(body), headers=headers)


@dataclass
class Studio:
    """A studio running for one test: its server, workspace, folders and client."""

    server: StudioServer
    workspace: Workspace
    data_dir: Path
    packs_dir: Path
    client: Client
    started: list[list[str]] = field(default_factory=list)

    def pack_url(self, ref: str, tail: str = "") -> str:
        from urllib.parse import quote

        return f"api/packs/{quote(ref, safe='')}{tail}"


class _LoopThread:
    """An event loop running in a thread of its own, for a server the test talks to."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(WAIT)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(WAIT)
        self.loop.close()


def start_studio(
    tmp_path: Path, *, limits: StudioLimits | None = None, web_dir: Path | None = None
) -> tuple[Studio, _LoopThread]:
    data_dir = tmp_path / "data"
    packs_dir = data_dir / "packs"
    packs_dir.mkdir(parents=True)
    workspace = Workspace(packs_dir, [bundled_questions_dir()], bundled_assets_dir(), data_dir)
    started: list[list[str]] = []
    extra = {} if web_dir is None else {"web_dir": web_dir}
    server = StudioServer(
        workspace,
        translator=Translator(),
        token=TOKEN,
        limits=limits or StudioLimits(),
        spawn=started.append,
        **extra,
    )
    runner = _LoopThread()
    port = runner.run(server.start(0))
    studio = Studio(server, workspace, data_dir, packs_dir, Client(port), started)
    return studio, runner


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Studio]:
    """A studio on loopback over an empty packs folder in ``tmp_path``."""
    running, runner = start_studio(tmp_path)
    try:
        yield running
    finally:
        runner.run(running.server.close())
        runner.stop()


# --- test inputs written as the real tools write them -------------------------------------

#: A pack written by hand: comments, blank lines, a flow list, quoting and key order a
#: teacher chose, a picture of the game's own.
HAND_WRITTEN = """\
# My geography pack, written by hand. Keep these notes!
clarity: 1
id: hand-geo
title: 'Geography: capitals'   # quoted because of the colon
description: Capitals of Belarus and its neighbours.
language: en
time_limit: 30

rounds:
  - image: union_state/belarus.png
    answer: Belarus
    grid: 2x2   # four tiles for four questions

questions:
  # --- easy ones first ---
  - id: minsk
    type: choice
    prompt: What is the capital of Belarus?
    choices: [Minsk, Vilnius, Riga]
    answer: Minsk

  - id: warsaw
    type: typed
    prompt: What is the capital of Poland?
    answer: Warsaw
    # Warszawa counts too
    accept: [Warszawa]

  - id: flat
    type: truefalse
    prompt: Belarus has no sea coast.
    answer: true

  - id: year
    type: number
    prompt: In which year did Minsk become the capital?
    answer: 1919
"""


def write_pack(packs_dir: Path, name: str = "hand-geo.yaml", text: str = HAND_WRITTEN) -> Path:
    path = packs_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def png_bytes(
    width: int = 8, height: int = 6, colour: tuple[int, int, int] = (200, 30, 30)
) -> bytes:
    """A real PNG, as a picture editor saves one (Pillow)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(width: int = 10, height: int = 7) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 220)).save(out, "JPEG", quality=90)
    return out.getvalue()


def bomb_png(side: int = 60_000) -> bytes:
    """A decompression bomb: a tiny PNG whose header claims ``side`` x ``side`` pixels of
    one colour (zlib squeezes the rows to almost nothing)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit grey
    rows = zlib.compress(b"\x00" * (side + 1) * 64, 9)  # the first 64 rows
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def animated_gif() -> bytes:
    import io

    from PIL import Image

    colours = ((255, 0, 0), (0, 255, 0), (0, 0, 255))
    frames = [Image.new("RGB", (6, 6), colour) for colour in colours]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()
