"""The projector's link to the class game's server, which runs beside the frame loop.

The server (:mod:`clarity.classroom.server`, aiohttp with its own event loop) runs in a
daemon thread (:func:`start_host_thread`) or in a process of its own
(:func:`start_host_process`, ``multiprocessing`` with the spawn method). Either way the
projector and the server share nothing but three queues (issue 13, "the pygame loop and the
server talk through queues, never by sharing state"):

- views out: a :class:`~clarity.classroom.views.ProjectorView` each time the game's
  ``version`` changes, at most one per :data:`VIEW_INTERVAL` (a burst of 200 answers is
  a few views, not 200), and one every :data:`VIEW_REFRESH` at least (the projector counts
  the time left down between views); :meth:`HostLink.latest_view` takes the newest and
  drops the older ones (the process launcher's cross pickled, and only the newest is
  unpickled);
- commands in: the teacher's keys as :mod:`~clarity.classroom.commands` values;
- the start: the addresses and PIN, or the one line that says why the server could not
  start (the port in use, an address not of this computer, a pack that does not play).

What the game is built from: the pack ``pack_id`` (bundled, or in ``DATA_DIR/packs``), the
rules of the settings file in ``config_dir`` (the timer, streaks and the class's time scale,
as the solo game reads them), the translator of ``language`` (the errors and notices the
devices get), and the journal of ``data_dir`` (``StoreJournal``): a saved, unfinished game
of the same pack resumes with its PIN and tokens, so the students' pages rejoin by
themselves. The journal saves once for the answers that came together (:class:`GroupCommit`).

Which launcher (``benchmarks/bench_host.py``, 200 students answering within a second, on
a 2-core machine shared with other work): on the quiet machine both kept answers to the
projector's screen within 53-81 ms at p99, and the frames that lay out nothing new within
4.2 ms at p99 (the layouts of a new question or reveal take 9-12); at load 4 the process
held 66-110 ms against 89-222 ms for the thread, whose server holds the interpreter lock
for the game's work while the frame loop waits for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import copyreg
import dataclasses
import errno
import functools
import io
import json
import logging
import multiprocessing
import pickle
import queue
import secrets
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from clarity.classroom.commands import TeacherCommand
    from clarity.classroom.host import GameHost
    from clarity.classroom.server import ClassServer, ServerLimits
    from clarity.classroom.views import ProjectorView
    from clarity.core.packs.models import Pack
    from clarity.core.scoring import ScoringRules
    from clarity.i18n import Translator
    from clarity.settings import Settings

log = logging.getLogger(__name__)

#: ``clarity host`` without ``--port`` listens here, or on any free port when it is taken.
DEFAULT_PORT = 8765
#: The least time between two views sent (seconds): a 60 fps projector sees every change
#: within a frame, and a burst of answers costs a few views.
VIEW_INTERVAL = 0.015
#: A view at least this often (seconds) even when nothing changed: the projector counts the
#: time left down between views, and this keeps its clock from drifting.
VIEW_REFRESH = 1.0
#: How long the launchers wait for the server to listen (seconds): a spawned process
#: imports pydantic, aiohttp and the pack loader first.
START_TIMEOUT = 60.0
#: How long :meth:`HostLink.close` waits for the server to stop before giving up on it.
STOP_TIMEOUT = 10.0
#: The views the queue keeps for a projector that does not read them (older ones go).
VIEWS_KEPT = 8

_STOP = "stop"  # on the commands queue: the server closes


@dataclass(frozen=True, kw_only=True)
class HostConfig:
    """What a class game is hosted with.

    ``pack_id``: the pack played. ``data_dir``: the player data folder (its ``packs`` and the
    journal; None: the bundled packs only and nothing saved). ``config_dir``: the folder of
    the settings file (None: the default rules). ``language``: a language tag of
    :mod:`clarity.i18n` for the devices' errors and notices. ``bind``: the address to
    listen on (``0.0.0.0``: every interface). ``port``: the TCP port; 0 any free one;
    None :data:`DEFAULT_PORT`, or any free one when that is taken. ``seed``: the order of
    the questions and tiles (None: a new one). ``resume``: take up a saved, unfinished game
    of the same pack. ``class_name``: the class whose players make the class list (None:
    every player). ``pack_file``: the file of the pack, when the caller has found it already
    (the projector has loaded it): only that file is read, instead of every pack until the
    one of ``pack_id`` (each pack's pictures are checked as it loads). ``tile_share``
    (per cent of those who answered who must be right for a tile: 25, 50, 75 or 100) and
    ``leaderboard`` (shown between questions) for this game; None: the settings file's
    ``tile-share`` and ``leaderboard``. A resumed game keeps the rules it was started with.
    ``limits``: what one device and one address may do
    (:class:`~clarity.classroom.server.ServerLimits`; None: its defaults, among them 3 new
    students a minute from one address, bursts of 5); the connections are capped below the
    open files this process may have either way.
    """

    pack_id: str
    data_dir: Path | None
    config_dir: Path | None
    language: str
    bind: str = "0.0.0.0"
    port: int | None = 0
    seed: int | None = None
    resume: bool = True
    class_name: str | None = None
    pack_file: Path | None = None
    tile_share: int | None = None
    leaderboard: bool | None = None
    limits: ServerLimits | None = None


@dataclass(frozen=True)
class _Started:
    """The server's first word on the status queue: the addresses, or why it did not start."""

    students_url: str = ""
    teacher_url: str = ""
    pin: str = ""
    error: str | None = None


@dataclass(frozen=True)
class _Stopped:
    """The server's last word on the status queue when it stops by itself: why (one line in
    the game's language)."""

    reason: str


class _Queue(Protocol):
    def put(self, item: Any, block: bool = ..., timeout: float | None = ...) -> None: ...
    def put_nowait(self, item: Any) -> None: ...
    def get(self, block: bool = ..., timeout: float | None = ...) -> Any: ...
    def get_nowait(self) -> Any: ...


class HostLink:
    """What the projector holds: the addresses to show, the newest view, a way to command.

    ``students_url``, ``teacher_url`` and ``pin`` are "" when the server could not start;
    then ``error`` is the one line that says why (in the game's language). A server that
    stops by itself in the game (its thread or process died, the game's clock failed) is
    told by :attr:`failure` (and ``error``), and :attr:`alive` turns False: the projector
    reads them each frame. Every method returns at once; none raises once the link is made.
    """

    def __init__(
        self,
        started: _Started,
        *,
        views: _Queue,
        commands: _Queue,
        stop: Callable[[], None],
        pickled: bool = False,
        status: _Queue | None = None,
        running: Callable[[], bool] = lambda: True,
        language: str = "en",
    ) -> None:
        self.students_url = started.students_url
        self.teacher_url = started.teacher_url
        self.pin = started.pin
        self._start_error = started.error
        self._failure: str | None = None
        self._views = views
        self._commands = commands
        self._stop = stop
        self._pickled = pickled
        self._status = status
        self._running = running
        self._language = language
        self._closed = started.error is not None

    @property
    def error(self) -> str | None:
        """Why the server could not start, or why it stopped by itself in the game
        (:attr:`failure`); None while it serves. One line in the game's language."""
        return self._start_error or self.failure

    @property
    def failure(self) -> str | None:
        """Why the server stopped by itself once the game was open (one line in the game's
        language: its thread or process ended, or the game's clock failed), else None.
        None too after :meth:`close` (the projector stopped it) and when it never started
        (see ``error``). Cheap enough to read every frame."""
        if self._failure is None and not self._closed:
            self._failure = self._stopped_by_itself()
        return self._failure

    @property
    def alive(self) -> bool:
        """Whether the server still serves the game (False after a failure, a failed start
        or :meth:`close`)."""
        return not self._closed and self.failure is None

    def _stopped_by_itself(self) -> str | None:
        word = self._status_word()
        if word is not None:
            return word
        if self._running():
            return None
        # died without a word (killed, or a crash under Python): a word put just before
        # the end may still be on its way
        return self._status_word() or _server_failed(self._language, started=True)

    def _status_word(self) -> str | None:
        if self._status is None:
            return None
        try:
            word = self._status.get_nowait()
        except (queue.Empty, OSError, ValueError, EOFError):
            return None
        if isinstance(word, _Stopped):
            return word.reason
        if isinstance(word, _Started) and word.error is not None:
            return word.error
        return None

    def latest_view(self) -> ProjectorView | None:
        """The newest view since the last call, or None when none came; never blocks."""
        latest = None
        while True:
            try:
                latest = self._views.get_nowait()
            except (queue.Empty, OSError, ValueError):
                break
        if latest is not None and self._pickled:
            # only the newest is unpickled: a view of 200 students costs the frame ~4 ms
            view: ProjectorView = pickle.loads(latest)
            return view
        return latest

    def send(self, command: TeacherCommand) -> None:
        """Hand ``command`` to the game (as the teacher page would, without a token)."""
        if self._closed:
            return
        with contextlib.suppress(queue.Full, OSError, ValueError):
            self._commands.put_nowait(command)

    def close(self) -> None:
        """Stop the server and wait for it (up to :data:`STOP_TIMEOUT`). The game stays
        saved as it was: a new link on the same data folder resumes it. Idempotent."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(queue.Full, OSError, ValueError):
            self._commands.put_nowait(_STOP)
        self._stop()

    @property
    def closed(self) -> bool:
        return self._closed


# --- the launchers -----------------------------------------------------------------------


def start_host_thread(config: HostConfig) -> HostLink:
    """Serve the game from a daemon thread with its own event loop; returns once the server
    listens (or could not). ``queue.Queue`` carries the views and commands."""
    views: queue.Queue[Any] = queue.Queue(maxsize=VIEWS_KEPT)
    commands: queue.Queue[Any] = queue.Queue()
    status: queue.Queue[Any] = queue.Queue()
    thread = threading.Thread(
        target=serve_until_stopped,
        args=(config, views, commands, status),
        name="class-game-server",
        daemon=True,
    )
    thread.start()
    started = _wait_for_start(status, thread.is_alive, config.language)

    def stop() -> None:
        thread.join(STOP_TIMEOUT)

    if started.error is not None:
        thread.join(STOP_TIMEOUT)
    return HostLink(
        started,
        views=views,
        commands=commands,
        stop=stop,
        status=status,
        running=thread.is_alive,
        language=config.language,
    )


def start_host_process(config: HostConfig) -> HostLink:
    """Serve the game from a process of its own (spawned: nothing of the game's window is
    inherited); returns once the server listens (or could not). ``multiprocessing.Queue``
    carries the views and commands (pickled)."""
    context = multiprocessing.get_context("spawn")
    views = context.Queue(maxsize=VIEWS_KEPT)
    commands = context.Queue()
    status = context.Queue()
    process = context.Process(
        target=serve_until_stopped,
        args=(config, views, commands, status),
        kwargs={"pickled": True},
        name="class-game-server",
        daemon=True,
    )
    process.start()
    started = _wait_for_start(status, process.is_alive, config.language)

    def stop() -> None:
        process.join(STOP_TIMEOUT)
        if process.is_alive():
            process.terminate()
            process.join(STOP_TIMEOUT)
        for each in (views, commands, status):
            each.close()
            each.cancel_join_thread()  # a view nobody read never holds the game's exit

    if started.error is not None:
        stop()
    return HostLink(
        started,
        views=views,
        commands=commands,
        stop=stop,
        pickled=True,
        status=status,
        running=process.is_alive,
        language=config.language,
    )


def _wait_for_start(status: _Queue, alive: Callable[[], bool], language: str) -> _Started:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            word = status.get(timeout=0.1)
        except queue.Empty:
            if not alive():
                break
            continue
        if isinstance(word, _Stopped):
            return _Started(error=word.reason)
        started: _Started = word
        return started
    return _Started(error=_server_failed(language))


def _server_failed(language: str, *, started: bool = False) -> str:
    from clarity.i18n import translator_for  # noqa: PLC0415

    # the thread or process died before it could say why: its log has the traceback
    t = translator_for(language)
    if started:
        # Translators: why the class game's server stopped (after "The class server
        # stopped: "): its thread or process was ended by something else.
        return t.gettext(
            "it ended unexpectedly; what was answered is saved: host the game again to resume it"
        )
    return t.gettext("the class game's server did not start")


# --- the server's side: in the thread or the process -------------------------------------


def serve_until_stopped(
    config: HostConfig, views: _Queue, commands: _Queue, status: _Queue, *, pickled: bool = False
) -> None:
    """Run the game's server until ``_STOP`` comes on ``commands``: put a :class:`_Started`
    on ``status`` first (the addresses, or the error line), then views on ``views``
    (``pickled``: as pickle bytes, so that the projector unpickles only the newest).
    The target of both launchers (module level, so that spawn can import it)."""
    try:
        asyncio.run(_serve(config, views, commands, status, pickled=pickled))
    except Exception as error:
        log.exception("the class game's server failed")
        with contextlib.suppress(Exception):
            status.put_nowait(_Stopped(_failed_on(error, config.language)))


def _failed_on(error: Exception, language: str) -> str:
    """The one line for a server stopped by ``error`` (the log has its traceback)."""
    from clarity.i18n import translator_for  # noqa: PLC0415

    reason = f"{type(error).__name__}: {error}".splitlines()[0]
    return translator_for(language).gettext(
        # Translators: why the class game's server stopped (after "The class server
        # stopped: "); {error} is the program's error, in English.
        "an error in the game ({error}); what was answered is saved: host the game again"
        " to resume it",
        error=reason,
    )


class _CannotHost(Exception):
    """The one line that says why the game cannot be hosted (already translated)."""


async def _serve(
    config: HostConfig, views: _Queue, commands: _Queue, status: _Queue, *, pickled: bool
) -> None:
    from clarity.classroom.addresses import shown_host, students_url, teacher_url  # noqa: PLC0415
    from clarity.classroom.server import (  # noqa: PLC0415
        BUSY,
        ClassServer,
        ServerLimits,
        connection_budget,
        default_pages,
        open_files,
        raise_open_files_limit,
    )
    from clarity.i18n import translator_for  # noqa: PLC0415

    translator = translator_for(config.language)
    # each student's connection is an open file: with the system's default limit (1,024 on
    # Linux, 256 on macOS) a crowd took the last one and the projector could not open a scene
    limits = connection_budget(
        config.limits or ServerLimits(), raise_open_files_limit(), open_files()
    )
    publisher = _ViewPublisher(views, pickled=pickled)
    journal: GroupCommit | None = None
    lock: DataFolderLock | None = None
    try:
        lock = _hold_data_folder(config, translator)
        journal = _journal(config)
        host = _game_host(config, translator, journal)
        server = ClassServer(
            host,
            pages=default_pages(translator),
            on_change=publisher.changed,
            commit=journal.commit if journal is not None else None,
            limits=limits,
            busy_text=translator.render(BUSY),
        )
        port = await _listen(server, config, translator)
    except _CannotHost as cannot:
        # a game that never opened saves nothing: an unfinished game of another pack in
        # this data folder stays the one to resume
        if journal is not None:
            journal.close(save=False)
        if lock is not None:
            lock.release()
        status.put(_Started(error=str(cannot)))
        return
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    shown = shown_host(config.bind)
    started = _Started(
        students_url=students_url(shown, port, host.pin),
        teacher_url=teacher_url(shown, port, host.teacher_token),
        pin=host.pin,
    )
    # the projector's view carries the students' address (its QR code): known only now
    host.set_students_url(started.students_url)
    publisher.attach(host, on_failure=server.fail)
    status.put(started)
    publishing = asyncio.create_task(publisher.run(), name="class-game-views")
    taking = asyncio.create_task(_take_commands(server, commands), name="class-game-commands")
    failing = asyncio.create_task(server.failed(), name="class-game-failure")
    try:
        await asyncio.wait((taking, failing), return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (publishing, taking, failing):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await server.close()
        if server.failure is None:
            publisher.publish()  # the last word: the projector sees the game as it was left
        if journal is not None:
            # after a failure the host may be half way through a change: what was
            # acknowledged is saved already (no answer goes out before its commit)
            journal.close(save=server.failure is None)
        if lock is not None:
            lock.release()
    if server.failure is not None:
        status.put(_Stopped(_failed_on(server.failure, config.language)))


async def _take_commands(server: ClassServer, commands: _Queue) -> None:
    loop = asyncio.get_running_loop()
    while True:
        command = await loop.run_in_executor(None, _next_command, commands)
        if command is None:
            continue
        if command == _STOP:
            return
        server.command(command)


def _next_command(commands: _Queue) -> object:
    try:
        return commands.get(timeout=0.25)
    except queue.Empty:
        # A projector killed outright (a crash, the task manager) never says stop: a server
        # process left behind would keep the port and the class in a game nobody sees.
        parent = multiprocessing.parent_process()
        return _STOP if parent is not None and not parent.is_alive() else None
    except (EOFError, OSError):
        return _STOP  # the projector's side is gone


class _ViewPublisher:
    """Puts the host's view on the views queue when its version changed, at most once per
    :data:`VIEW_INTERVAL`, and every :data:`VIEW_REFRESH` at least."""

    def __init__(self, views: _Queue, *, pickled: bool) -> None:
        self._views = views
        self._pickled = pickled
        self._host: GameHost | None = None
        self._sent_version: int | None = None
        self._wake = asyncio.Event()
        self._on_failure: Callable[[Exception], None] | None = None

    def attach(
        self, host: GameHost, *, on_failure: Callable[[Exception], None] | None = None
    ) -> None:
        """Publish ``host``'s views; a view that fails calls ``on_failure`` (the projector
        would show a game frozen where it failed)."""
        self._host = host
        self._on_failure = on_failure

    def changed(self) -> None:
        host = self._host
        if host is not None and host.version != self._sent_version:
            self._wake.set()

    async def run(self) -> None:
        while True:
            self.publish()
            await asyncio.sleep(VIEW_INTERVAL)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), VIEW_REFRESH - VIEW_INTERVAL)
            self._wake.clear()

    def publish(self) -> None:
        host = self._host
        if host is None:
            return
        try:
            view = host.view(time.monotonic())
        except Exception as error:
            log.exception("the game host's view failed")
            if self._on_failure is not None:
                self._on_failure(error)
            return
        self._sent_version = host.version
        _put_newest(self._views, pickled_view(view) if self._pickled else view)


def pickled_view(view: ProjectorView) -> bytes:
    """``view`` as pickle bytes that unpickle fast.

    The views are frozen dataclasses with slots, which pickle through dataclasses' own
    ``__setstate__``: it looks the fields up again for every object, and a view of 200
    students (a roster line and a standing each) took 2.4 ms to unpickle, on the
    projector's frame. Pickled as their class called with their fields, the same view
    takes a fifth of that. The table is this pickler's own (nothing global changes).
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _view_reducers()
    pickler.dump(view)
    return buffer.getvalue()


@functools.cache
def _view_reducers() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    from clarity.classroom import views  # noqa: PLC0415

    reducers: dict[type, Callable[[Any], tuple[Any, ...]]] = dict(copyreg.dispatch_table)
    for value in vars(views).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value):
            names = tuple(f.name for f in dataclasses.fields(value) if f.init)
            reducers[value] = functools.partial(_by_fields, names)
    return reducers


def _by_fields(names: tuple[str, ...], value: Any) -> tuple[Any, ...]:
    return type(value), tuple(getattr(value, name) for name in names)


def _put_newest(views: _Queue, item: object) -> None:
    """Put ``item``; when the queue is full (nobody reads it), drop the oldest first."""
    for _ in range(VIEWS_KEPT + 1):
        try:
            views.put_nowait(item)
            return
        except queue.Full:
            with contextlib.suppress(queue.Empty):
                views.get_nowait()


# --- the game: pack, rules, journal, host ---------------------------------------------------


def _game_host(config: HostConfig, translator: Translator, journal: Any) -> GameHost:
    """The game to host: the saved, unfinished game of the pack resumed (as far as it
    replays), else a new one. Raises :class:`_CannotHost`."""
    from clarity.classroom.host import GameHost  # noqa: PLC0415

    pack = _find_pack(config, translator)
    saved_settings = _settings(config.config_dir)
    rules = _scoring_rules(saved_settings)
    classroom = saved_settings.classroom
    tile_share = classroom.tile_share if config.tile_share is None else config.tile_share
    leaderboard = classroom.leaderboard if config.leaderboard is None else config.leaderboard
    class_list = journal.class_list() if journal is not None else ()
    saved = journal.load(config.pack_id) if journal is not None and config.resume else None
    if saved is not None:
        try:
            return GameHost.resumed(
                pack, saved, translator=translator, journal=journal, class_list=class_list
            )
        except ValueError as error:
            log.warning("the saved class game of %s does not resume: %s", config.pack_id, error)
        # Nothing a class played is thrown away unseen: the save as it was goes beside the
        # data folder's database first, then the game goes on from its last good move, or
        # (the pack changed shape) a new one starts; the teacher is told either way.
        kept = _set_aside(config, saved, translator)
        partial = _replayed_in_part(pack, saved)
        if partial is not None:
            state, question, moves, total = partial
            try:
                host = GameHost.resumed(
                    pack, state, translator=translator, journal=journal, class_list=class_list
                )
            except ValueError as error:
                log.warning("the saved class game of %s does not resume: %s", config.pack_id, error)
            else:
                _tell_teacher(
                    host,
                    # Translators: {number} is the question the resumed game is at;
                    # {moves} of {count}: the moves replayed of all the saved ones
                    translator.ngettext(
                        "The saved game was damaged: it goes on from question {number}, as far"
                        " as it could be replayed ({moves} of {count} move); the save as it was"
                        " is kept in {file}",
                        "The saved game was damaged: it goes on from question {number}, as far"
                        " as it could be replayed ({moves} of {count} moves); the save as it"
                        " was is kept in {file}",
                        total,
                        number=question,
                        moves=moves,
                        file=str(kept),
                    ),
                )
                return host
        fresh = _new_game_host(
            config,
            pack,
            rules=rules,
            tile_share=tile_share,
            leaderboard=leaderboard,
            translator=translator,
            journal=journal,
            class_list=class_list,
        )
        _tell_teacher(
            fresh,
            translator.gettext(
                'The saved game of "{pack}" cannot go on with the pack as it is now: a new game'
                " starts, and the saved one is kept in {file}",
                pack=config.pack_id,
                file=str(kept),
            ),
        )
        return fresh
    return _new_game_host(
        config,
        pack,
        rules=rules,
        tile_share=tile_share,
        leaderboard=leaderboard,
        translator=translator,
        journal=journal,
        class_list=class_list,
    )


def _new_game_host(
    config: HostConfig,
    pack: Pack,
    *,
    rules: ScoringRules,
    tile_share: int,
    leaderboard: bool,
    translator: Translator,
    journal: Any,
    class_list: Sequence[Any],
) -> GameHost:
    from clarity.classroom.host import GameHost  # noqa: PLC0415
    from clarity.core.live_round import LiveRules  # noqa: PLC0415

    seed = config.seed if config.seed is not None else secrets.randbelow(2**31)
    return GameHost(
        pack,
        pin=new_pin(),
        teacher_token=secrets.token_urlsafe(24),
        seed=seed,
        rules=rules,
        live_rules=LiveRules(tile_share=tile_share / 100),
        translator=translator,
        journal=journal,
        class_list=class_list,
        leaderboard=leaderboard,
    )


#: The folder of the data folder where saved class games that could not go on are kept.
SET_ASIDE_DIR = "class-games-kept"


def _set_aside(config: HostConfig, saved: dict[str, Any], t: Translator) -> Path:
    """Write ``saved`` (a saved game that does not resume whole) to a file of its own in
    :data:`SET_ASIDE_DIR`; its path. Raises :class:`_CannotHost` when it cannot be written:
    then the game is not hosted, so that the save stays as it was."""
    if config.data_dir is None:  # a journal of no folder saves nothing: never here
        raise _CannotHost(t.gettext('the saved game of "{pack}" cannot go on', pack=config.pack_id))
    folder = config.data_dir / SET_ASIDE_DIR
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{config.pack_id}-{stamp}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for number in range(2, 1000):  # two hosts started in the same second
            if not path.exists():
                break
            path = folder / f"{config.pack_id}-{stamp}-{number}.json"
        path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    except (OSError, TypeError, ValueError) as error:
        raise _CannotHost(
            t.gettext(
                'the saved game of "{pack}" cannot go on, and it could not be kept aside'
                " ({reason}): nothing was changed",
                pack=config.pack_id,
                reason=str(error).splitlines()[0] if str(error) else type(error).__name__,
            )
        ) from None
    return path


def _replayed_in_part(
    pack: Pack, saved: dict[str, Any]
) -> tuple[dict[str, Any], int, int, int] | None:
    """``saved`` cut back to the longest run of its round's first moves that replays (one
    move damaged, the moves after it lost): the state, the question it ends in, the moves
    kept and all of them. None when no move replays, or the round itself does not fit the
    pack (another shape, another picture). A move that cannot be replayed makes every
    longer run fail too, so the run is found by halving (a few replays, not one a move)."""
    from clarity.core.live_round import LiveRound  # noqa: PLC0415

    snapshot = saved.get("round")
    actions = snapshot.get("actions") if isinstance(snapshot, dict) else None
    if not isinstance(snapshot, dict) or not isinstance(actions, list) or not actions:
        return None

    def replayed(count: int) -> LiveRound | None:
        try:
            return LiveRound.restore(pack, {**snapshot, "actions": actions[:count]})
        except ValueError:
            return None

    if replayed(0) is None:
        return None
    good, bad = 0, len(actions) + 1  # replayed(good) works; replayed(bad) fails or is past
    while bad - good > 1:
        middle = (good + bad) // 2
        if replayed(middle) is not None:
            good = middle
        else:
            bad = middle
    played = replayed(good)
    if good == 0 or played is None:
        return None
    kept = actions[:good]
    answers = {
        (move[1], move[2]) for move in kept if isinstance(move, list) and move[:1] == ["answer"]
    }
    state = dict(saved)
    state["round"] = {**snapshot, "actions": kept}
    seats = saved.get("seats")
    state["seats"] = seats[: len(played.students)] if isinstance(seats, list) else seats
    answered = saved.get("answered")
    if isinstance(answered, list):
        state["answered"] = [
            entry
            for entry in answered
            if isinstance(entry, list) and len(entry) == 2 and tuple(entry) in answers
        ]
    return state, played.question_number, good, len(actions)


def _tell_teacher(host: GameHost, line: str) -> None:
    """``line`` on the projector (the host's notice, kept while the game stays where it
    resumed) and on standard error."""
    print(f"clarity: {line}", file=sys.stderr, flush=True)
    # GameHost has no public way to say a notice yet (asked of its owner in live_api.md)
    tell = getattr(host, "tell", None) or getattr(host, "_tell", None)
    if callable(tell):
        tell(line, time.monotonic(), lasts=True)  # the server's clock is time.monotonic
    else:
        host._notice = line
    host.version += 1


def new_pin() -> str:
    """Six digits from the system's secure random source, never starting with 0 (a PIN
    read out as a number keeps its six digits)."""
    return str(100_000 + secrets.randbelow(900_000))


def _settings(config_dir: Path | None) -> Settings:
    """The settings file in ``config_dir`` (None: the defaults)."""
    from clarity.settings import Settings, SettingsStore, settings_path  # noqa: PLC0415

    if config_dir is None:
        return Settings()
    return SettingsStore(settings_path(config_dir)).load().settings


def _scoring_rules(saved: Settings) -> ScoringRules:
    """The rules of the settings, as the solo game plays them (``GameSettings.rules``):
    the timer, streaks and the class's time scale."""
    return saved.rules.scoring_rules()


#: The file in the data folder whose lock says a host is serving the folder's class game.
LOCK_FILE = "class-game.lock"


class DataFolderLock:
    """An exclusive lock on ``LOCK_FILE`` in a data folder, held while a host serves its
    class game: two hosts on one folder would play the same saved game and overwrite each
    other's saves. The system drops the lock when the process ends, however it ends (a
    killed host leaves no stale lock). ``fcntl.flock`` on POSIX (locks per open file, so a
    second host in the same process is refused too), ``msvcrt.locking`` on Windows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: Any = None

    def acquire(self) -> bool:
        """Take the lock; False when another host holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open while the lock is held
        try:
            if _lock_file(handle):
                self._file = handle
                return True
        except BaseException:
            handle.close()
            raise
        handle.close()
        return False

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is not None:
            with contextlib.suppress(OSError):
                _unlock_file(handle)
            handle.close()


def _lock_file(handle: Any) -> bool:
    try:
        import fcntl  # noqa: PLC0415 - POSIX
    except ImportError:
        import msvcrt  # noqa: PLC0415 - Windows

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock_file(handle: Any) -> None:
    try:
        import fcntl  # noqa: PLC0415 - POSIX
    except ImportError:
        import msvcrt  # noqa: PLC0415 - Windows

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _hold_data_folder(config: HostConfig, t: Translator) -> DataFolderLock | None:
    """The lock of ``config.data_dir`` (None without a data folder: nothing is saved).
    Raises :class:`_CannotHost` when another host holds it."""
    if config.data_dir is None:
        return None
    lock = DataFolderLock(config.data_dir / LOCK_FILE)
    if not lock.acquire():
        raise _CannotHost(t.gettext("This class game is being hosted already on this computer"))
    return lock


def _journal(config: HostConfig) -> GroupCommit | None:
    if config.data_dir is None:
        return None
    try:
        from clarity.classroom.journal import StoreJournal  # noqa: PLC0415
    except ImportError:  # the journal is built beside this module; until then nothing is saved
        return None
    return GroupCommit(StoreJournal(config.data_dir, class_name=config.class_name))


class GroupCommit:
    """The journal as the host sees it, saving once for many changes (a group commit).

    The host saves after every change (:meth:`save`); here that only keeps the newest state,
    and :meth:`commit` writes it, which the server calls once it has handled the frames that
    came together and before it answers any of them. A synced write costs milliseconds
    (3 ms here, more on a school laptop's disk), so 200 answers in a second saved one by
    one would hold the server's loop for most of that second. Nothing acknowledged is lost:
    no answer is sent before the commit that holds it. A problem met by a commit is told at
    the next save (the host shows it as a notice). Everything else goes to the journal.
    """

    def __init__(self, journal: Any) -> None:
        self._journal = journal
        self._pending: Callable[[], dict[str, Any]] | None = None
        self._problem: Any = None

    def save(self, state: dict[str, Any]) -> Any:
        self._pending = lambda: state
        return self._problem

    def save_later(self, build: Callable[[], dict[str, Any]]) -> Any:
        """Keep ``build`` (it returns the state) instead of the state: the commit builds the
        newest one only. With 200 answers in a second the host's whole state (the round's
        every move copied) was built for each answer and thrown away for most of them."""
        self._pending = build
        return self._problem

    def commit(self) -> None:
        """Write the newest state saved since the last commit, if any."""
        build, self._pending = self._pending, None
        if build is not None:
            self._problem = self._journal.save(build())

    def finish(self, *args: Any, **kwargs: Any) -> Any:
        self.commit()
        return self._journal.finish(*args, **kwargs)

    def drop(self) -> None:
        self._pending = None
        self._journal.drop()

    def close(self, *, save: bool = True) -> None:
        """Write what is pending (unless ``save`` is False) and close the journal."""
        if save:
            self.commit()
        self._pending = None
        closing = getattr(self._journal, "close", None)
        if callable(closing):
            closing()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._journal, name)


def _find_pack(config: HostConfig, translator: Translator) -> Pack:
    """The pack ``config.pack_id`` from the bundled packs and ``DATA_DIR/packs`` (the same
    folders, in the same order, as the pack choice). Raises :class:`_CannotHost`."""
    from clarity.core.packs.loader import find_pack_files, iter_packs  # noqa: PLC0415
    from clarity.paths import user_packs_dir  # noqa: PLC0415
    from clarity.resources import bundled_assets_dir, bundled_questions_dir  # noqa: PLC0415
    from clarity.terminal_text import problem_line  # noqa: PLC0415

    t = translator
    if config.pack_file is not None:
        files: Sequence[Path] = (config.pack_file,)
        listings = None
    else:
        folders = [bundled_questions_dir()]
        if config.data_dir is not None:
            folders.append(user_packs_dir(config.data_dir))
        found = find_pack_files(folders)
        files, listings = found.files, found.listings
    playable: list[str] = []
    broken = None
    for loaded in iter_packs(files, assets_dir=bundled_assets_dir(), listings=listings):
        if loaded.id == config.pack_id:
            if loaded.ok and loaded.pack is not None:
                return loaded.pack
            broken = broken or loaded
        elif loaded.ok:
            playable.append(loaded.id)
    if broken is not None:
        errors = broken.errors
        problem = problem_line(errors[0], t) if errors else str(broken.first_error)
        raise _CannotHost(
            t.gettext(
                'the pack "{pack}" cannot be played: {problem}',
                pack=config.pack_id,
                problem=problem,
            )
        )
    if not playable:
        raise _CannotHost(
            t.gettext('there is no pack "{pack}"; no pack plays', pack=config.pack_id)
        )
    raise _CannotHost(
        t.gettext(
            'there is no pack "{pack}"; the packs that play are: {packs}',
            pack=config.pack_id,
            packs=", ".join(sorted(playable)),
        )
    )


# --- listening ------------------------------------------------------------------------------


async def _listen(server: ClassServer, config: HostConfig, translator: Translator) -> int:
    """Start ``server`` on ``config.bind`` and the port asked; returns the port. Raises
    :class:`_CannotHost` with the reason in one line."""
    port = DEFAULT_PORT if config.port is None else config.port
    try:
        return await server.start(config.bind, port)
    except OSError as error:
        if config.port is None and error.errno == errno.EADDRINUSE:
            try:
                return await server.start(config.bind, 0)
            except OSError as again:
                error = again
        raise _CannotHost(_bind_error(error, config.bind, port, translator)) from None


def _bind_error(error: OSError, bind: str, port: int, t: Translator) -> str:
    address = bind or "0.0.0.0"
    if error.errno == errno.EADDRINUSE:
        return t.gettext(
            "cannot open the class game on {address} port {port}: another program uses the"
            " port (choose another with --port)",
            address=address,
            port=str(port),
        )
    if error.errno == errno.EADDRNOTAVAIL:
        return t.gettext(
            "cannot open the class game on {address}: it is not an address of this computer",
            address=address,
        )
    if error.errno == errno.EACCES:
        return t.gettext(
            "cannot open the class game on {address} port {port}: this user may not use"
            " that port (choose one above 1023 with --port)",
            address=address,
            port=str(port),
        )
    reason = (
        (error.strerror or str(error)).splitlines()[0] if (error.strerror or str(error)) else ""
    )
    return t.gettext(
        "cannot open the class game on {address} port {port}: {reason}",
        address=address,
        port=str(port),
        reason=reason,
    )
