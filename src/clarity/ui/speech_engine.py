"""Rendering a text to speech with espeak-ng, in a worker thread: the part of read-aloud
that knows no pygame.

espeak-ng is run as a program, once per reading: the text goes in on its standard input
(never on the command line, so a text like ``-v xx --help`` is read out, not obeyed) and
a WAV comes back on its standard output. A process per reading costs about 10-20 ms
here and cannot hang the game the way pyttsx3's ``runAndWait`` does when it is called
twice or from a thread; a reading that is no longer wanted is simply killed.

:class:`Renderer` owns one daemon thread that renders the most recent request; the main
thread hands it texts and later polls for the result, so it never waits for a process.
Renderings are cached by (text, voice) up to a bound in bytes.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import struct
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from clarity.core.messages import Message, message

#: The voice read when a pack's language has none, and the language it is named by.
DEFAULT_VOICE = "en"
DEFAULT_VOICE_NAME = "English"

#: Old or macro-language tags that espeak-ng knows under another name (BCP-47 keeps the
#: deprecated ones valid, so packs may still carry them).
LANGUAGE_ALIASES: dict[str, str] = {"iw": "he", "in": "id", "ji": "yi", "zh": "cmn", "no": "nb"}

#: Renderings kept for a repeat: 8 MB is about three minutes of 22 kHz mono speech.
CACHE_BYTES = 8_000_000

#: A reading that takes longer than this (seconds) is given up, with a notice.
RENDER_TIMEOUT = 20.0

#: The notices are Messages: the screen shows them in the interface's language.
ENGINE_MISSING = message(
    "Read-aloud needs espeak-ng, which is not installed: the game plays on silently."
)

# A windowed game on Windows must not flash a console window for every reading.
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)


@dataclass(frozen=True)
class Wav:
    """Mono or stereo PCM sound: ``frames`` are the raw little-endian samples."""

    rate: int  # frames per second
    channels: int
    sample_width: int  # bytes per sample
    frames: bytes

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.frames) / (self.rate * self.channels * self.sample_width)

    def to_bytes(self) -> bytes:
        """A complete WAV file with the true sizes in its header."""
        block = self.channels * self.sample_width
        fmt = struct.pack(
            "<HHIIHH", 1, self.channels, self.rate, self.rate * block, block, 8 * self.sample_width
        )
        body = (
            b"WAVE"
            + b"fmt "
            + struct.pack("<I", len(fmt))
            + fmt
            + b"data"
            + struct.pack("<I", len(self.frames))
            + self.frames
        )
        return b"RIFF" + struct.pack("<I", len(body)) + body


def parse_wav(data: bytes) -> Wav:
    """The PCM sound in a WAV file, as espeak-ng writes it to a pipe.

    Written to a pipe, espeak-ng cannot go back to fill in the sizes, so its header says
    0x7FFFFFFF bytes; the data chunk is taken to run to the end of what was written.
    Raises ``ValueError`` when ``data`` is not a PCM WAV file.
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    offset = 12
    fmt: tuple[int, int, int, int] | None = None
    while offset + 8 <= len(data):
        chunk, size = data[offset : offset + 4], struct.unpack_from("<I", data, offset + 4)[0]
        body = offset + 8
        if chunk == b"fmt ":
            if size < 16 or body + 16 > len(data):
                raise ValueError("WAV format chunk is cut short")
            audio_format, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", data, body)
            fmt = (audio_format, channels, rate, bits)
        elif chunk == b"data":
            if fmt is None:
                raise ValueError("WAV data comes before its format")
            audio_format, channels, rate, bits = fmt
            if audio_format != 1 or channels < 1 or rate < 1 or bits not in (8, 16, 32):
                raise ValueError("WAV is not plain PCM")
            width = bits // 8
            end = min(len(data), body + size)
            end -= (end - body) % (width * channels)  # a cut-off last frame is dropped
            return Wav(rate, channels, width, data[body:end])
        offset = body + size + (size & 1)  # chunks are padded to an even length
    raise ValueError("WAV has no data")


def parse_voices(listing: str) -> frozenset[str]:
    """The language names ``espeak-ng --voices`` lists (lower case), in its own column
    and in "Other Languages"; MBROLA voices are left out, as they need a separate
    program that is seldom installed."""
    names: set[str] = set()
    for line in listing.splitlines()[1:]:
        parts = line.split()
        if len(parts) < 2 or not parts[0].isdigit() or any(p.startswith("mb/") for p in parts):
            continue
        names.add(parts[1].lower())
        names.update(other.lower() for other in re.findall(r"\((\S+) \d+\)", line))
    return frozenset(names)


def choose_voice(language: str, voices: Collection[str]) -> str | None:
    """The espeak-ng voice for a BCP-47 tag (``"en"``, ``"ru"``, ``"pt-BR"``), or None.

    The whole tag is tried first, then shorter and shorter prefixes (``zh-Hant-TW``,
    ``zh-Hant``, ``zh``), then a known alias of the language itself.
    """
    subtags = language.strip().lower().replace("_", "-").split("-")
    for end in range(len(subtags), 0, -1):
        tag = "-".join(subtags[:end])
        if tag in voices:
            return tag
    alias = LANGUAGE_ALIASES.get(subtags[0])
    return alias if alias in voices else None


class EspeakEngine:
    """espeak-ng (or the older espeak, which takes the same options) as a program.

    ``command`` is the program and any arguments that come before espeak-ng's own; the
    tests pass a fake engine as ``[python, script]``.
    """

    def __init__(self, command: Sequence[str], *, words_per_minute: int | None = None) -> None:
        self.command = list(command)
        self.words_per_minute = words_per_minute

    def __repr__(self) -> str:
        return f"EspeakEngine({self.command!r})"

    def voices(self, timeout: float = RENDER_TIMEOUT) -> frozenset[str]:
        """The languages it can read. Raises ``OSError`` or ``subprocess.SubprocessError``
        when the program cannot be run."""
        listing = subprocess.run(
            [*self.command, "--voices"],
            capture_output=True,
            check=True,
            timeout=timeout,
            creationflags=_NO_WINDOW,
        ).stdout
        return parse_voices(listing.decode("utf-8", errors="replace"))

    def start(self, voice: str) -> subprocess.Popen[bytes]:
        """A process that reads UTF-8 text from its stdin and writes a WAV to its stdout.
        Raises ``OSError`` when the program cannot be started."""
        arguments = [*self.command, "-v", voice, "-b", "1", "--stdin", "--stdout"]
        if self.words_per_minute is not None:
            arguments[len(self.command) : len(self.command)] = ["-s", str(self.words_per_minute)]
        return subprocess.Popen(
            arguments,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            creationflags=_NO_WINDOW,
        )


def find_engine(search_path: str | None = None) -> EspeakEngine | None:
    """espeak-ng on ``search_path`` (``os.pathsep``-separated; default the ``PATH``),
    then espeak; on Windows also the folder the espeak-ng installer uses. None when
    there is none."""
    for name in ("espeak-ng", "espeak"):
        found = shutil.which(name, path=search_path)
        if found:
            return EspeakEngine([found])
    if search_path is None and sys.platform == "win32":
        # Windows reads environment names in any case.
        for root in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
            if root and (Path(root) / "eSpeak NG" / "espeak-ng.exe").is_file():
                return EspeakEngine([str(Path(root) / "eSpeak NG" / "espeak-ng.exe")])
    return None


class WavCache:
    """Renderings by (text, voice), the least recently used dropped beyond ``limit`` bytes."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size(self) -> int:
        """Bytes held."""
        return self._bytes

    def get(self, text: str, voice: str) -> bytes | None:
        wav = self._items.get((text, voice))
        if wav is not None:
            self._items.move_to_end((text, voice))
        return wav

    def put(self, text: str, voice: str, wav: bytes) -> None:
        if len(wav) > self.limit:
            return  # one huge reading must not empty the cache of everything else
        old = self._items.pop((text, voice), None)
        if old is not None:
            self._bytes -= len(old)
        self._items[(text, voice)] = wav
        self._bytes += len(wav)
        while self._bytes > self.limit:
            _, dropped = self._items.popitem(last=False)
            self._bytes -= len(dropped)


@dataclass(frozen=True)
class Rendering:
    """What came of one request: a WAV file, or None when there is nothing to play."""

    ticket: int
    voice: str
    wav: bytes | None
    duration: float = 0.0  # seconds


@dataclass
class _Request:
    ticket: int
    text: str
    language: str
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)


class Renderer:
    """Renders the latest requested text on a worker thread.

    :meth:`submit` returns a ticket at once; :meth:`result` gives the :class:`Rendering`
    for it once ready. Only the latest request is wanted: a newer one replaces one not
    yet started, and kills the process of one being rendered. Every method returns
    without waiting for espeak-ng (they take a lock the worker only holds for a moment).
    """

    def __init__(
        self,
        engine: EspeakEngine,
        *,
        cache_bytes: int = CACHE_BYTES,
        timeout: float = RENDER_TIMEOUT,
        default_voice: str = DEFAULT_VOICE,
    ) -> None:
        self.engine = engine
        self.timeout = timeout
        self.default_voice = default_voice
        self.cache = WavCache(cache_bytes)
        self._lock = threading.Condition()
        self._wanted: _Request | None = None  # the latest request, until its result is in
        self._results: dict[int, Rendering] = {}
        self._notices: list[Message] = []
        self._told: set[str] = set()  # languages and failures already given a notice
        self._voices: frozenset[str] | None = None
        self._tickets = 0
        self._thread: threading.Thread | None = None
        self._closed = False

    def submit(self, text: str, language: str) -> int:
        """Ask for ``text`` read in ``language`` (a BCP-47 tag); returns its ticket."""
        with self._lock:
            self._tickets += 1
            self._drop_wanted()
            self._results.clear()  # results of earlier tickets are no longer wanted
            self._wanted = _Request(self._tickets, text, language)
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._work, name="speech", daemon=True)
                self._thread.start()
            self._lock.notify()
            return self._tickets

    def cancel(self) -> None:
        """Drop the request in hand (its process, if running, is killed)."""
        with self._lock:
            self._drop_wanted()
            self._results.clear()

    def result(self, ticket: int) -> Rendering | None:
        """The rendering for ``ticket`` once it is done (then forgotten), else None."""
        with self._lock:
            return self._results.pop(ticket, None)

    def take_notices(self) -> list[Message]:
        """One-line notices for the player (an unknown language, a failing engine), each
        given once, to render in the interface's language."""
        with self._lock:
            notices, self._notices = self._notices, []
            return notices

    def close(self) -> None:
        """Stop the worker and any running process; waits at most a second for the thread."""
        with self._lock:
            self._closed = True
            self._drop_wanted()
            self._lock.notify()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=1.0)

    # -- the worker thread ----------------------------------------------------------------

    def _drop_wanted(self) -> None:
        # Called with the lock held.
        if self._wanted is not None and self._wanted.process is not None:
            _kill(self._wanted.process)
        self._wanted = None

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._closed and self._wanted is None:
                    self._lock.wait()
                if self._closed:
                    return
                request = self._wanted
                assert request is not None
            rendering = self._render(request)
            with self._lock:
                if self._wanted is request:
                    self._wanted = None
                    if rendering is not None:
                        self._results[request.ticket] = rendering

    def _render(self, request: _Request) -> Rendering | None:
        """The rendering of ``request``; None when it was dropped while rendering."""
        voice = self._voice_for(request.language)
        text = request.text.strip()
        if not text:
            return Rendering(request.ticket, voice, None)
        cached = self.cache.get(text, voice)
        if cached is not None:
            return Rendering(request.ticket, voice, cached, parse_wav(cached).duration)
        try:
            process = self.engine.start(voice)
        except OSError as error:
            self._tell(
                "engine", message("Read-aloud failed: {error}", error=str(error.strerror or error))
            )
            return Rendering(request.ticket, voice, None)
        with self._lock:
            if self._wanted is not request:  # replaced while the process started
                _kill(process)
                return None
            request.process = process
        try:
            out, err = process.communicate(text.encode("utf-8"), timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            process.communicate()  # reap it
            self._tell(
                "timeout", message("Read-aloud gave up on a text that took too long to read.")
            )
            return Rendering(request.ticket, voice, None)
        with self._lock:
            if self._wanted is not request:
                return None
        try:
            if process.returncode != 0:
                raise ValueError(_first_line(err) or f"espeak-ng exit status {process.returncode}")
            wav = parse_wav(out)
        except ValueError as error:
            self._tell("engine", message("Read-aloud failed: {error}", error=str(error)))
            return Rendering(request.ticket, voice, None)
        data = wav.to_bytes()
        self.cache.put(text, voice, data)
        return Rendering(request.ticket, voice, data, wav.duration)

    def _voice_for(self, language: str) -> str:
        if self._voices is None:
            try:
                self._voices = self.engine.voices(self.timeout)
            except (OSError, subprocess.SubprocessError):
                # Reading may still work with the default voice; if not, that says why.
                self._voices = frozenset()
        voice = choose_voice(language, self._voices)
        if voice is None:
            self._tell(
                f"language:{language}",
                # the default voice is DEFAULT_VOICE_NAME's: the message names it in words
                message(
                    'No voice for the language "{language}": reading aloud in English.',
                    language=language,
                ),
            )
            return self.default_voice
        return voice

    def _tell(self, topic: str, notice: Message) -> None:
        with self._lock:
            if topic not in self._told:
                self._told.add(topic)
                self._notices.append(notice)


def _kill(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(OSError):  # it ended on its own in between
            process.kill()


def _first_line(data: bytes) -> str:
    lines = data.decode("utf-8", errors="replace").strip().splitlines()
    return lines[0].strip() if lines else ""
