"""The Teacher Studio started from the title screen: ``clarity studio`` run as a child process.

The studio is a web server (:mod:`clarity.studio`); the game does not serve it itself but
starts the very command a teacher could type, ``clarity studio --no-browser
--exit-with-parent --data-dir DIR``, so that the studio's imports (aiohttp, the YAML
writer) never slow a frame and a studio that fails cannot take the game with it. The child
prints its address as one line, ``studio: http://127.0.0.1:PORT/s/TOKEN/`` (the contract
of issue 17); a thread reads it,
opens it in the system's browser (:func:`webbrowser.open`, which may take seconds, so never
in a frame) and keeps the state for the title to show. The game ends the child when it
quits (:meth:`StudioLauncher.stop`: its input closed and terminate, then kill after a short
wait). A game that cannot say so (killed, crashed) ends it all the same: the child's
standard input is a pipe the game holds and never writes into, and ``--exit-with-parent``
ends the studio when that pipe closes, as the system closes it when the game ends.

No pygame here: the launcher is a plain class the App owns (``App.studio``), driven by
the title and read by it each frame through :attr:`StudioLauncher.state`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO

from clarity.core.messages import Message, message, plural_message

#: The line the studio prints on standard output, before its address (see ``clarity studio``).
STUDIO_LINE_PREFIX = "studio: "
#: How long the child may take to print its address: it imports its web server first, which
#: takes a few seconds on a slow school laptop the first time.
STARTUP_SECONDS = 30.0
#: How long the child has to end once asked to (terminate) before it is killed.
STOP_SECONDS = 3.0
#: The last lines of the child's standard error kept to say why it failed.
KEPT_ERROR_LINES = 20
#: How the game's commands start their one-line errors ("clarity: the data folder ...").
COMMAND_PREFIX = "clarity: "
LANGUAGE_ENV = "CLARITY_LANG"  # the same name as clarity.i18n.LANGUAGE_ENV (not imported: slow)

BrowserOpener = Callable[[str], bool]


class Phase(StrEnum):
    """Where the studio is: never started, starting, serving, failed to start, or ended."""

    IDLE = "idle"
    STARTING = "starting"
    RUNNING = "running"
    FAILED = "failed"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class StudioState:
    """What the title shows about the studio.

    ``url`` is the address the child printed (RUNNING; "" before); ``browser_opened`` is
    what :func:`webbrowser.open` answered (None while it has not yet answered); ``reason``
    says why the studio did not start (FAILED): the child's own one-line error, already
    in the game's language, or a :class:`Message` of this module's.
    """

    phase: Phase = Phase.IDLE
    url: str = ""
    browser_opened: bool | None = None
    reason: Message | str | None = None


def studio_command(
    data_dir: Path, config_dir: Path | None = None, executable: str | None = None
) -> list[str]:
    """The command line of the studio of the game whose data folder is ``data_dir``:
    ``python -m clarity studio --no-browser --exit-with-parent --data-dir DIR`` with this
    game's interpreter,
    and ``--config-dir`` when the game's settings are in ``config_dir`` (the studio plays
    and starts packs with the same settings)."""
    command = [
        executable or sys.executable,
        "-m",
        "clarity",
        "studio",
        "--no-browser",
        "--exit-with-parent",
        "--data-dir",
        str(data_dir),
    ]
    return [*command, "--config-dir", str(config_dir)] if config_dir is not None else command


def open_in_system_browser(url: str) -> bool:
    """Open ``url`` in the system's browser; False when there is none to open (a computer
    without a desktop browser, or one that failed to start)."""
    import webbrowser  # noqa: PLC0415 - only when the studio opens, never for the first frame

    try:
        return bool(webbrowser.open(url))
    except (webbrowser.Error, OSError):
        return False


class StudioLauncher:
    """Starts the studio's child process once per game (again if it ended), and ends it.

    ``command`` is the child's command line (:func:`studio_command`); ``open_browser``
    opens the address (default :func:`open_in_system_browser`; tests pass a recorder);
    ``environ`` is the child's environment (default: this process's). The state changes in
    background threads; :attr:`state` is safe to read from the frame loop.
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        open_browser: BrowserOpener | None = None,
        environ: Mapping[str, str] | None = None,
        startup_seconds: float = STARTUP_SECONDS,
    ) -> None:
        self.command = list(command)
        self._open_browser = open_browser or open_in_system_browser
        self._environ = dict(os.environ if environ is None else environ)
        self._startup_seconds = startup_seconds
        self._lock = threading.Lock()
        self._state = StudioState()
        self._process: subprocess.Popen[bytes] | None = None
        self._generation = 0  # a thread of an earlier child never changes a later one's state

    @classmethod
    def for_data_dir(
        cls,
        data_dir: Path,
        config_dir: Path | None = None,
        *,
        open_browser: BrowserOpener | None = None,
    ) -> StudioLauncher:
        """The launcher of ``clarity studio`` over the game's data folder ``data_dir`` (and
        its config folder, when it has one)."""
        return cls(studio_command(data_dir, config_dir), open_browser=open_browser)

    @property
    def state(self) -> StudioState:
        with self._lock:
            return self._state

    @property
    def pid(self) -> int | None:
        """The child's process id while one was started (it may have ended since)."""
        with self._lock:
            return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        """Whether the child is alive (starting or serving)."""
        with self._lock:
            return self._process is not None and self._process.poll() is None

    def start(self, language: str | None = None) -> None:
        """The teacher chose "Teacher Studio": start the child if none is alive, else open
        its address in the browser again (they may have closed the tab).

        ``language`` (a language tag of the game) is the child's interface language, given
        as ``CLARITY_LANG``, so the studio's page and its errors speak the game's language.
        """
        with self._lock:
            alive = self._process is not None and self._process.poll() is None
            if alive:
                if self._state.phase is Phase.RUNNING:
                    self._state = StudioState(Phase.RUNNING, self._state.url)
                    generation = self._generation
                    url = self._state.url
                else:
                    return  # still starting: its address is on its way
            else:
                self._generation += 1
                generation = self._generation
                url = ""
        if alive:
            self._in_thread(self._open, url, generation)
            return
        self._spawn(generation, language)

    def stop(self, wait: float = STOP_SECONDS) -> None:
        """End the child: asked to end (terminate), killed if it has not after ``wait``
        seconds. The state goes back to IDLE; nothing happens without a child."""
        with self._lock:
            process, self._process = self._process, None
            self._generation += 1  # its threads' news is no longer wanted
            self._state = StudioState()
        if process is None or process.poll() is not None:
            return
        _close_input(process)
        process.terminate()
        try:
            process.wait(wait)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    # -- the child and its threads ---------------------------------------------------

    def _spawn(self, generation: int, language: str | None) -> None:
        environ = dict(self._environ)
        environ["PYTHONIOENCODING"] = "utf-8"  # its error line is read as UTF-8
        if language:
            environ[LANGUAGE_ENV] = language
        # no console window of its own on Windows when the game runs without one
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
        try:
            # its input: a pipe the game never writes into; it closes when the game ends,
            # and the child (--exit-with-parent) then ends too
            process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=environ,
                creationflags=flags,
            )
        except OSError as error:
            reason = message(
                # Translators: {reason} is the system's own words
                "it could not be run: {reason}",
                reason=error.strerror or str(error),
            )
            self._set(generation, StudioState(Phase.FAILED, reason=reason))
            return
        with self._lock:
            if generation != self._generation:  # stopped meanwhile (the game quit)
                stale = True
            else:
                stale = False
                self._process = process
                self._state = StudioState(Phase.STARTING)
        if stale:
            _close_input(process)
            process.kill()
            process.wait()
            return
        self._in_thread(self._supervise, process, generation)

    def _supervise(self, process: subprocess.Popen[bytes], generation: int) -> None:
        """Wait for the address (or the child's end, or the time limit), open it, then wait
        for the child to end."""
        assert process.stdout is not None
        assert process.stderr is not None
        found: list[str] = []
        answered = threading.Event()
        errors: deque[str] = deque(maxlen=KEPT_ERROR_LINES)
        err_reader = self._in_thread(_drain, process.stderr, errors.append)

        def on_line(line: str) -> None:
            if not found and line.startswith(STUDIO_LINE_PREFIX):
                found.append(line[len(STUDIO_LINE_PREFIX) :].strip())
                answered.set()

        out_reader = self._in_thread(_drain, process.stdout, on_line, answered.set)
        if not answered.wait(self._startup_seconds):
            process.kill()
            process.wait()
            _close_input(process)
            seconds = max(1, round(self._startup_seconds))
            late = plural_message(
                "it did not start within {count} second",
                "it did not start within {count} seconds",
                seconds,
            )
            self._set(generation, StudioState(Phase.FAILED, reason=late))
            return
        if not found:  # its output ended without an address: it failed
            status = process.wait()
            _close_input(process)
            out_reader.join(1.0)
            err_reader.join(1.0)
            said = _one_line(errors)
            reason: Message | str = (
                said if said else message("it ended with status {status}", status=str(status))
            )
            self._set(generation, StudioState(Phase.FAILED, reason=reason))
            return
        url = found[0]
        self._set(generation, StudioState(Phase.RUNNING, url))
        self._open(url, generation)
        process.wait()
        _close_input(process)
        self._set(generation, StudioState(Phase.ENDED))

    def _open(self, url: str, generation: int) -> None:
        opened = self._open_browser(url)
        with self._lock:
            if generation == self._generation and self._state.phase is Phase.RUNNING:
                self._state = StudioState(Phase.RUNNING, url, browser_opened=bool(opened))

    def _set(self, generation: int, state: StudioState) -> None:
        with self._lock:
            if generation == self._generation:
                self._state = state

    @staticmethod
    def _in_thread(target: Callable[..., None], *args: object) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, name="studio-launch", daemon=True)
        thread.start()
        return thread


def _close_input(process: subprocess.Popen[bytes]) -> None:
    """Close the game's end of the child's input pipe (the child reads its end)."""
    if process.stdin is not None:
        with contextlib.suppress(OSError):  # already broken: the child has gone
            process.stdin.close()


def _drain(
    stream: IO[bytes], on_line: Callable[[str], None], at_end: Callable[[], None] | None = None
) -> None:
    """Read ``stream`` to its end, a line at a time (so the child never blocks on a full
    pipe), handing each line, decoded, to ``on_line``; then call ``at_end``."""
    try:
        for raw in iter(stream.readline, b""):
            on_line(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
    except (OSError, ValueError):  # the pipe closed under us as the child was ended
        pass
    finally:
        if at_end is not None:
            at_end()


def _one_line(lines: Sequence[str] | deque[str]) -> str:
    """The child's reason: its last line of standard error that says something, without
    the ``clarity: `` its commands start with (a traceback's last line is its error)."""
    for line in reversed(lines):
        text = line.strip()
        if text:
            return text.removeprefix(COMMAND_PREFIX).strip()
    return ""
