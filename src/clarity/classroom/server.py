"""The class game's web server: the pages, the WebSocket ``/ws``, the clock's tick.

An aiohttp :class:`web.Application` around one sans-IO :class:`~clarity.classroom.host.GameHost`:
every frame a device sends is capped, rate-limited and parsed here, then handed to the host
with the server's time; what the host answers (``Outgoing``: a connection, or all students,
all teachers, everybody) is written to the sockets here. The host decides everything; this
module only moves bytes and keeps one device from hurting the others:

- a frame over :attr:`ServerLimits.max_message_bytes` (4 KiB) gets the ``too_big`` error and
  the close code 1009 (RFC 6455 section 7.4.1, "message too big");
- more than ``rate`` messages a second (a token bucket of ``burst``) gets ``rate_limited``
  and the message is dropped;
- a WebSocket opened by a page of another site (its ``Origin`` is not this server) is
  refused: a page elsewhere on a student's phone cannot play in their name;
- each connection has its own outbox and writer task, and a send that takes longer than
  ``send_timeout`` or an outbox that overflows drops that connection only: one phone on a
  bad Wi-Fi never holds back the class;
- binary frames are refused (``bad_message``): the protocol is text frames of JSON;
- a computer may hold :attr:`ServerLimits.connections_per_address` connections, and all
  together :attr:`ServerLimits.max_connections` (below the open files the process may
  have, so that a crowd never leaves the projector without a file to open): one more is
  answered ``503 Service Unavailable`` and closed at once; a connection that has not sent
  a whole request (or its WebSocket handshake) within ``request_timeout`` is closed;
- wrong PINs are counted per address across its connections (``pin_failures`` a minute,
  then every join from there is ``rate_limited`` for ``pin_lockout`` seconds: a six-digit
  PIN cannot be guessed by opening new connections), and so are the new students an
  address brings in (``joins_per_minute``, bursts of ``join_burst``: throw-away names
  would make "one guess of the picture per question" free);
- the event loop's error log says each kind of error once a minute in one line (a crowd
  refused by the system would write a traceback for every connection).

Pages (``/`` for the students, ``/teacher``) are rendered by
:mod:`clarity.classroom.page_text` in the game's language; ``/static/`` serves the files of
``clarity/classroom/web/`` (no symbolic links followed, so nothing outside that folder).
Every response says not to sniff types (``X-Content-Type-Options: nosniff``) and carries a
Content Security Policy allowing this server only (no script, style or picture from
anywhere else, no framing); the pages are not cached.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import html
import json
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web

from clarity.classroom.protocol import (
    CheckPin,
    ErrorCode,
    Join,
    ProtocolError,
    closes_connection,
    parse_client_message,
)
from clarity.core.messages import Message, message

if TYPE_CHECKING:
    from clarity.classroom.commands import TeacherCommand
    from clarity.classroom.host import GameHost, Outgoing
    from clarity.i18n import Translator

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent / "web"

#: SO_REUSEADDR on the listening socket. When the server stops it closes the devices'
#: connections itself, so they wait in TIME_WAIT on its port for a minute (RFC 793's 2 MSL);
#: without this a host restarted at once could not listen on the port the students' pages
#: reconnect to. On POSIX it lets a socket bind past TIME_WAIT only, never beside another
#: listener (that is SO_REUSEPORT, which stays off: two hosts must never share a port). On
#: Windows SO_REUSEADDR lets a second program take a port in use, so it stays off there.
REUSE_ADDRESS = sys.platform != "win32"
PAGES = {"/": "student", "/teacher": "teacher"}


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """What one connection may do. ``max_message_bytes``: the largest frame taken (bytes of
    its UTF-8 text); ``rate`` messages a second on average with bursts of ``burst``;
    ``send_timeout`` seconds for one frame to leave before the device counts as gone;
    ``outbox`` frames waiting for one device before it does; ``heartbeat`` seconds
    between pings (a phone that went to sleep is noticed within two of them);
    ``tick`` seconds between the host's clock ticks (time up closes a question)."""

    max_message_bytes: int = 4096
    rate: float = 10.0
    burst: int = 20
    send_timeout: float = 5.0
    outbox: int = 256
    heartbeat: float = 15.0
    tick: float = 0.1
    #: connections open at once (the launcher lowers it to the open files the process may
    #: have, :func:`connection_budget`), and from one address
    max_connections: int = 1000
    connections_per_address: int = 32
    #: seconds for a connection to send a whole request (or its WebSocket handshake); also
    #: how long a page's kept-alive connection may idle
    request_timeout: float = 10.0
    #: wrong PINs an address may send in a minute, then its joins are refused this long
    pin_failures: int = 10
    pin_lockout: float = 60.0
    #: new students an address may bring in: this many a minute, in bursts of ``join_burst``
    joins_per_minute: float = 3.0
    join_burst: int = 5


class TokenBucket:
    """``rate`` tokens a second up to ``burst``; :meth:`take` spends one if there is one.
    Times in seconds from the server's monotonic clock."""

    __slots__ = ("_last", "_tokens", "burst", "rate")

    def __init__(self, rate: float, burst: int, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._last = now

    def take(self, now: float) -> bool:
        """True, and one token spent, when the message may go on; False when it is over the rate."""
        elapsed = max(0.0, now - self._last)
        self._last = now
        self._tokens = min(float(self.burst), self._tokens + elapsed * self.rate)
        if self._tokens < 1.0:
            return False
        self._tokens -= 1.0
        return True

    def full(self, now: float) -> bool:
        """Whether the bucket has earned back its whole burst (nothing to remember)."""
        return self._tokens + max(0.0, now - self._last) * self.rate >= self.burst

    def has(self, now: float) -> bool:
        """Whether :meth:`take` would pass now, without spending."""
        return self._tokens + max(0.0, now - self._last) * self.rate >= 1.0


class _Address:
    """What one address (a device, or the computers behind one router) did lately: its
    open connections, its wrong PINs, the new students it brought in."""

    __slots__ = ("connections", "joins", "locked_until", "pins")

    def __init__(self, limits: ServerLimits, now: float) -> None:
        self.connections = 0
        self.pins = TokenBucket(limits.pin_failures / 60.0, limits.pin_failures, now)
        self.joins = TokenBucket(limits.joins_per_minute / 60.0, limits.join_burst, now)
        self.locked_until = 0.0

    def idle(self, now: float) -> bool:
        return (
            self.connections == 0
            and now >= self.locked_until
            and self.pins.full(now)
            and self.joins.full(now)
        )


class AddressBook:
    """The addresses the server is dealing with (:class:`_Address`), forgotten once they
    have nothing left to remember. Times in seconds from the server's clock."""

    def __init__(self, limits: ServerLimits) -> None:
        self.limits = limits
        self._addresses: dict[str, _Address] = {}
        self.connections = 0

    def __len__(self) -> int:
        return len(self._addresses)

    def _entry(self, address: str, now: float) -> _Address:
        entry = self._addresses.get(address)
        if entry is None:
            entry = self._addresses[address] = _Address(self.limits, now)
        return entry

    def admit(self, address: str, now: float) -> bool:
        """One more connection from ``address``, if the caps allow it (then :meth:`release`
        it when it ends)."""
        limits = self.limits
        if self.connections >= limits.max_connections:
            return False
        entry = self._entry(address, now)
        if entry.connections >= limits.connections_per_address:
            return False
        entry.connections += 1
        self.connections += 1
        return True

    def release(self, address: str, now: float) -> None:
        entry = self._addresses.get(address)
        if entry is not None and entry.connections > 0:
            entry.connections -= 1
            self.connections -= 1
            if entry.idle(now):
                del self._addresses[address]

    def locked(self, address: str, now: float) -> bool:
        """Whether joins from ``address`` are refused for its wrong PINs."""
        entry = self._addresses.get(address)
        return entry is not None and now < entry.locked_until

    def wrong_pin(self, address: str, now: float) -> None:
        entry = self._entry(address, now)
        if not entry.pins.take(now):
            entry.locked_until = now + self.limits.pin_lockout

    def may_join(self, address: str, now: float) -> bool:
        """Whether ``address`` may bring in one more new student now (without spending)."""
        entry = self._addresses.get(address)
        return entry is None or entry.joins.has(now)

    def joined(self, address: str, now: float) -> None:
        self._entry(address, now).joins.take(now)

    def forget_idle(self, now: float) -> None:
        for address in [a for a, entry in self._addresses.items() if entry.idle(now)]:
            del self._addresses[address]


class _CappedWebSocket(web.WebSocketResponse):
    """A WebSocket that tells the device why before it closes for a frame too big.

    aiohttp refuses an oversized frame as soon as its header announces the length (nothing
    of it is buffered) and closes with 1009 at once, from inside ``receive()``; the error
    message the protocol promises has to go out just before that close frame, here.
    """

    too_big_notice: Callable[[], Iterable[str]] | None = None

    async def close(
        self, *, code: int = WSCloseCode.OK, message: bytes = b"", drain: bool = True
    ) -> bool:
        notice, self.too_big_notice = self.too_big_notice, None
        if code == WSCloseCode.MESSAGE_TOO_BIG and notice is not None and not self.closed:
            with contextlib.suppress(Exception):  # the device may be gone already
                for text in notice():
                    await self.send_str(text)
        return await super().close(code=code, message=message, drain=drain)


#: Put in an outbox: close the connection once everything before it is sent.
_CLOSE = object()

#: The body of the answer to a connection over the caps (the launcher translates it).
BUSY = message("The class game has all the connections it can take: try again in a moment.")


def busy_response(text: str) -> bytes:
    """The whole HTTP response to a connection over the caps: 503 (RFC 9110 section 15.6.4),
    a moment to wait, and the connection closed."""
    body = text.encode("utf-8")
    head = (
        "HTTP/1.1 503 Service Unavailable\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Retry-After: 5\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class _GuardedConnection(asyncio.Protocol):
    """A TCP connection counted against the caps before aiohttp sees it: over them it gets
    :func:`busy_response` and is closed; within them it is aiohttp's (every call passed on)."""

    __slots__ = ("_address", "_book", "_busy", "_clock", "_inner", "_make")

    def __init__(
        self,
        make: Callable[[], asyncio.Protocol],
        book: AddressBook,
        busy: bytes,
        clock: Callable[[], float],
    ) -> None:
        self._make = make
        self._book = book
        self._busy = busy
        self._clock = clock
        self._inner: asyncio.Protocol | None = None
        self._address: str | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        if not self._book.admit(address, self._clock()):
            assert isinstance(transport, asyncio.Transport)
            with contextlib.suppress(Exception):  # the device may be gone already
                transport.write(self._busy)
            transport.close()
            return
        self._address = address
        self._inner = self._make()
        self._inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self._inner is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._inner is not None else None

    def pause_writing(self) -> None:
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        if self._inner is not None:
            self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._address is not None:
            self._book.release(self._address, self._clock())
            self._address = None
        if self._inner is not None:
            self._inner.connection_lost(exc)


class _GuardedSite(web.TCPSite):
    """A :class:`web.TCPSite` whose connections pass :class:`_GuardedConnection` first."""

    __slots__ = ("_guard",)

    def __init__(
        self,
        runner: web.AppRunner,
        host: str | None,
        port: int,
        *,
        guard: Callable[[Callable[[], asyncio.Protocol]], asyncio.Protocol],
        reuse_address: bool,
    ) -> None:
        super().__init__(runner, host, port, reuse_address=reuse_address, backlog=ACCEPT_BURST)
        self._guard = guard

    async def start(self) -> None:
        await web.BaseSite.start(self)  # registers the site with its runner
        server = self._runner.server
        assert server is not None
        self._server = await asyncio.get_running_loop().create_server(
            lambda: self._guard(server),
            self._host,
            self._port,
            backlog=self._backlog,
            reuse_address=self._reuse_address,
        )


class ErrorThrottle:
    """Says each kind of error once per ``interval`` seconds: :meth:`allow` gives how many
    of that kind were held back since it was last said, or None to hold this one back."""

    KINDS_KEPT = 256

    def __init__(self, interval: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.interval = interval
        self._clock = clock
        self._said: dict[tuple[str, ...], float] = {}
        self._held: dict[tuple[str, ...], int] = {}

    def allow(self, kind: tuple[str, ...]) -> int | None:
        now = self._clock()
        last = self._said.get(kind)
        if last is not None and now - last < self.interval:
            self._held[kind] = self._held.get(kind, 0) + 1
            return None
        if len(self._said) >= self.KINDS_KEPT:
            for old in [k for k, t in self._said.items() if now - t >= self.interval]:
                del self._said[old]
                self._held.pop(old, None)
        self._said[kind] = now
        return self._held.pop(kind, 0)


def _one_line(text: str, error: BaseException | None, held: int) -> str:
    if error is not None:
        said = str(error).splitlines()[0] if str(error) else ""
        name = type(error).__name__
        text = f"{text} ({name}: {said})" if said else f"{text} ({name})"
    if held:
        text += f" [{held} more like it in the last minute not logged]"
    return text


class _ThrottledLog(logging.Filter):
    """On aiohttp's loggers while a server runs: each kind of record once a minute, in one
    line (a traceback for each of a crowd's connections buried the log and the disk)."""

    def __init__(self, throttle: ErrorThrottle) -> None:
        super().__init__()
        self._throttle = throttle

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        kind = (record.name, str(record.msg), type(error).__name__ if error else "")
        held = self._throttle.allow(kind)
        if held is None:
            return False
        record.msg = _one_line(record.getMessage(), error, held)
        record.args = None
        record.exc_info = None
        record.exc_text = None
        return True


#: aiohttp's loggers that write a record per connection or request gone wrong
AIOHTTP_LOGGERS = ("aiohttp.server", "aiohttp.web", "aiohttp.websocket", "aiohttp.internal")


def raise_open_files_limit() -> int | None:
    """Raise this process's soft limit of open files to its hard limit (POSIX; a teacher's
    laptop starts programs with 1,024 on Linux and 256 on macOS, while the hard limit is far
    higher); the soft limit now, or None where there is no such limit (Windows)."""
    try:
        import resource  # noqa: PLC0415 - POSIX only
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard
    if hard == resource.RLIM_INFINITY or hard < 0:
        # macOS refuses more than OPEN_MAX (10,240) for a process, whatever the hard limit
        wanted = max(soft, 10_240) if soft != resource.RLIM_INFINITY else soft
    if soft == resource.RLIM_INFINITY or (wanted != resource.RLIM_INFINITY and soft >= wanted):
        return None if soft == resource.RLIM_INFINITY else soft
    for candidate in (wanted, 10_240):
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (candidate, hard))
        except (ValueError, OSError):
            continue
        return candidate
    return soft


#: Open files kept for the rest of the program (the projector's scenes, fonts and pictures,
#: the journal's database) whatever the crowd at the door.
FILES_KEPT = 96
#: The listening socket's backlog, which is also how many connections asyncio accepts in
#: one go before any of them reaches the caps (each an open file until it is refused).
ACCEPT_BURST = 64


def open_files() -> int | None:
    """How many files this process has open, where the system tells (Linux, macOS)."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        with contextlib.suppress(OSError):
            return len(os.listdir(folder))
    return None


def connection_budget(limits: ServerLimits, limit: int | None, in_use: int | None) -> ServerLimits:
    """``limits`` with ``max_connections`` lowered to what the process's open files allow:
    ``limit`` (the soft limit; None: no limit) less those ``in_use``, :data:`FILES_KEPT`
    and :data:`ACCEPT_BURST` (a crowd at the door holds that many for a moment)
    (each connection is one open file)."""
    if limit is None:
        return limits
    free = limit - (in_use or 0) - FILES_KEPT - ACCEPT_BURST
    return dataclasses.replace(limits, max_connections=max(0, min(limits.max_connections, free)))


class _Connection:
    """One WebSocket: its id for the host, its outbox and writer, its rate limit."""

    __slots__ = ("address", "bucket", "id", "kind", "limited_at", "outbox", "socket", "writer")

    def __init__(
        self,
        conn_id: int,
        socket: _CappedWebSocket,
        limits: ServerLimits,
        now: float,
        address: str = "",
    ):
        self.id = conn_id
        self.address = address
        self.socket = socket
        self.outbox: asyncio.Queue[object] = asyncio.Queue(maxsize=limits.outbox)
        self.bucket = TokenBucket(limits.rate, limits.burst, now)
        self.limited_at: float | None = None  # when ``rate_limited`` was last said
        self.kind: str | None = None  # "student" or "teacher" once the host says so
        self.writer: asyncio.Task[None] | None = None


# Which messages make a connection a student's or a teacher's (the host sends them to one
# connection after a join or a proven token).
_KIND_BY_MESSAGE = {"welcome": "student", "teacher_state": "teacher"}


def _refusal(code: ErrorCode, reason: Message | None = None) -> ProtocolError:
    """The server's own refusals: a frame too big, too many frames a second (or ``reason``)."""
    if reason is not None:
        return ProtocolError(code, reason)
    if code == ErrorCode.TOO_BIG:
        reason = message("The message is too long.")
    elif code == ErrorCode.BAD_MESSAGE:
        reason = message("The message was not text: the game reads text messages only.")
    else:
        reason = message("Too many messages at once: this one was not taken. Wait a moment.")
    return ProtocolError(code, reason)


#: A join refused for the wrong PINs its address sent lately.
PIN_LOCKED = message("Too many wrong PINs from this device: wait a minute, then try again.")
#: A join refused for the new students its address brought in lately.
JOINS_LIMITED = message("Too many new players from this device: wait a minute, then try again.")


def encode(message: dict[str, Any]) -> str:
    """A server message as the JSON text sent (UTF-8 as it is, no spaces)."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


PageRenderer = Callable[[str], str]


def default_pages(translator: Translator) -> PageRenderer:
    """The pages of :mod:`clarity.classroom.page_text` in ``translator``'s language
    (``render(page, translator) -> HTML``, ``page`` "student" or "teacher"); a plain page
    that says so while that module is missing."""
    try:
        from clarity.classroom import page_text  # noqa: PLC0415 - written beside this one
    except ImportError:
        return _placeholder_page

    def render(page: str) -> str:
        return str(page_text.render(page, translator))

    return render


def _placeholder_page(page: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Clarity Challenge</title></head><body><h1>Clarity Challenge</h1>"
        f"<p>{html.escape(page)}</p></body></html>"
    )


_HOST_HEADER = re.compile(r"^[A-Za-z0-9.\-\[\]:]{1,255}$")


def same_origin(request: web.BaseRequest) -> bool:
    """Whether the request's ``Origin`` (sent by every browser with a WebSocket handshake)
    names this server as the browser reached it (the ``Host``); True without an Origin."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == request.host.lower()


def security_headers(request: web.BaseRequest, response: web.StreamResponse) -> None:
    """The headers every response carries (see the module's docstring).

    ``connect-src`` names the page's own ``ws://`` origin as well as ``'self'``: CSP Level 3
    lets ``'self'`` match it, but browsers of a few years ago do not, and a student's old
    phone must still connect.
    """
    headers = response.headers
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Frame-Options"] = "DENY"
    connect = "'self'"
    if _HOST_HEADER.match(request.host or ""):
        connect += f" ws://{request.host}"
    headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"connect-src {connect}; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
    )
    if request.path in PAGES:
        headers["Cache-Control"] = "no-store"
    else:
        headers["Cache-Control"] = "no-cache"  # revalidate: a new game version's scripts


class ClassServer:
    """The web server of one class game, in the event loop that calls :meth:`start`.

    ``host``: the game (only this server's loop touches it). ``clock``: monotonic seconds
    (the host's ``now``). ``on_change``: called (in the loop) after anything that may have
    changed the host's ``version``, so the link can push the projector's view.
    ``pages``: ``pages(name) -> HTML`` for "student" and "teacher". ``commit``: makes the
    game's changes durable (:class:`GroupCommit`'s); what the host answers is held until it
    has run, once for all the frames that came together.
    """

    def __init__(
        self,
        host: GameHost,
        *,
        pages: PageRenderer,
        clock: Callable[[], float] = time.monotonic,
        limits: ServerLimits = ServerLimits(),
        on_change: Callable[[], None] | None = None,
        commit: Callable[[], None] | None = None,
        web_dir: Path = WEB_DIR,
        busy_text: str = str(BUSY),
    ) -> None:
        self.host = host
        self.limits = limits
        self.addresses = AddressBook(limits)
        self._busy = busy_response(busy_text)
        self._throttle = ErrorThrottle(clock=clock)
        self._log_filter = _ThrottledLog(self._throttle)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pages = pages
        self._clock = clock
        self._on_change = on_change or (lambda: None)
        self._commit = commit
        self._held: list[Outgoing] = []  # answers waiting for the commit
        self._flush_due = False
        self._web_dir = web_dir
        self._connections: dict[int, _Connection] = {}
        self._next_id = 1
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()  # held, or the loop may lose them
        self.port: int | None = None
        #: what stopped the game (the host failed where the game cannot go on without it)
        self.failure: Exception | None = None
        self._failed: asyncio.Event | None = None

    # --- the application ------------------------------------------------------------------

    def application(self) -> web.Application:
        """The aiohttp application: ``/``, ``/teacher``, ``/static/...``, ``/ws``."""
        app = web.Application(client_max_size=64 * 1024)  # nothing is uploaded
        for path in PAGES:
            app.router.add_get(path, self._page)
        app.router.add_get("/ws", self._websocket)
        if self._web_dir.is_dir():
            app.router.add_static(
                "/static/", self._web_dir, follow_symlinks=False, show_index=False
            )
        app.on_response_prepare.append(self._headers)
        return app

    async def start(self, bind: str, port: int) -> int:
        """Listen on ``bind``:``port`` (0: any free port) and start the clock's tick; returns
        the port. Raises OSError when the address cannot be taken (the caller says why)."""
        runner = web.AppRunner(
            self.application(),
            access_log=None,
            handle_signals=False,
            # aiohttp closes a connection idle this long, from its start too: one that
            # has not sent a whole request (a half header, nothing at all) holds an open
            # file each, and a few hundred of them locked the class out
            keepalive_timeout=self.limits.request_timeout,
        )
        await runner.setup()
        site = _GuardedSite(
            runner,
            bind or None,
            port,
            guard=lambda make: _GuardedConnection(make, self.addresses, self._busy, self._clock),
            reuse_address=REUSE_ADDRESS,
        )
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._quiet_logs()
        self._runner = runner
        self.port = _bound_port(runner, port)
        self._failed = asyncio.Event()
        if self.failure is not None:
            self._failed.set()
        self._ticker = asyncio.create_task(self._ticking(), name="class-game-tick")
        return self.port

    async def close(self) -> None:
        """Stop listening and close every connection (going away, 1001). The game itself is
        left as it is: the host's journal has saved it."""
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        # all at once: each close waits up to a second for the device's reply
        await asyncio.gather(
            *(self._abort(c, WSCloseCode.GOING_AWAY) for c in list(self._connections.values()))
        )
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self._loud_logs()

    def _quiet_logs(self) -> None:
        for name in AIOHTTP_LOGGERS:
            logging.getLogger(name).addFilter(self._log_filter)
        self._loop = asyncio.get_running_loop()
        self._loop.set_exception_handler(self._loop_error)

    def _loud_logs(self) -> None:
        for name in AIOHTTP_LOGGERS:
            logging.getLogger(name).removeFilter(self._log_filter)
        if self._loop is not None and self._loop.get_exception_handler() == self._loop_error:
            self._loop.set_exception_handler(None)
        self._loop = None

    def _loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """The event loop's errors (an ``accept()`` refused by the system, a callback that
        failed) once a minute for each kind, in one line."""
        error = context.get("exception")
        text = str(context.get("message") or "event loop error")
        held = self._throttle.allow(("asyncio", text, type(error).__name__ if error else ""))
        if held is not None:
            log.error("%s", _one_line(text, error, held))

    @property
    def connections(self) -> int:
        """How many WebSockets are open."""
        return len(self._connections)

    # --- the projector's commands ---------------------------------------------------------

    def command(self, command: TeacherCommand) -> None:
        """A command from the projector's keyboard (no token needed: it is the host's own)."""
        self._run_host(lambda now: self.host.command(command, now))

    def tick(self) -> None:
        """Let the host's clock run: a question whose time is up closes. A host that fails
        here stops the game (:meth:`failed`): its clock would fail again every tick, and
        no question would ever close."""
        self._run_host(self.host.tick, fatal=True)

    def fail(self, error: Exception) -> None:
        """The game cannot go on (``error``, the first one is kept): :meth:`failed`
        returns."""
        if self.failure is None:
            self.failure = error
        if self._failed is not None:
            self._failed.set()

    async def failed(self) -> Exception:
        """Wait until the game cannot go on (:meth:`fail`); the error that stopped it.
        Only after :meth:`start`."""
        assert self._failed is not None, "the server has not started"
        await self._failed.wait()
        assert self.failure is not None
        return self.failure

    # --- pages ----------------------------------------------------------------------------

    async def _page(self, request: web.Request) -> web.Response:
        page = PAGES[request.path]
        return web.Response(text=self._pages(page), content_type="text/html", charset="utf-8")

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        security_headers(request, response)

    # --- WebSockets -----------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if not same_origin(request):
            # a page of another site open on a student's phone must not play in their name
            # (RFC 6455 section 10.2); programs that send no Origin are let in
            raise web.HTTPForbidden(text="cross-origin WebSocket refused")
        limits = self.limits
        socket = _CappedWebSocket(
            heartbeat=limits.heartbeat,
            # aiohttp refuses a frame of max_msg_size bytes or more; one of exactly the cap
            # is allowed by the protocol
            max_msg_size=limits.max_message_bytes + 1,
            # every message is a few hundred bytes; a deflate context per phone would cost
            # more memory than the messages it saves
            compress=False,
            timeout=1.0,  # the wait for a device's answer to our close frame
        )
        await socket.prepare(request)
        connection = _Connection(
            self._next_id, socket, limits, self._clock(), address=request.remote or ""
        )
        self._next_id += 1
        self._connections[connection.id] = connection
        socket.too_big_notice = lambda: self._refusal_texts(connection, ErrorCode.TOO_BIG)
        connection.writer = asyncio.create_task(self._writing(connection))
        self._run_host(lambda now: self.host.connect(connection.id, now))
        try:
            async for frame in socket:
                if frame.type == WSMsgType.TEXT:
                    self._received(connection, frame.data)
                elif frame.type == WSMsgType.BINARY:
                    # the protocol is JSON text (docs/class-protocol.md): a binary frame
                    # read as UTF-8 would be a second way in that nothing else speaks
                    self._received(connection, None)
                elif frame.type == WSMsgType.ERROR:
                    break
        finally:
            await self._forget(connection)
        return socket

    def _received(self, connection: _Connection, data: str | None) -> None:
        """A frame of ``connection`` (None: a binary one)."""
        if connection.id not in self._connections:
            return  # dropped while its frames were still being read
        now = self._clock()
        if not connection.bucket.take(now):
            # said at most once a second: a flood must not become a flood of answers
            if connection.limited_at is None or now - connection.limited_at >= 1.0:
                connection.limited_at = now
                self._refuse(connection, ErrorCode.RATE_LIMITED)
            return
        if data is None:
            self._refuse(connection, ErrorCode.BAD_MESSAGE)
            return
        try:
            message = parse_client_message(data)
        except ProtocolError as error:
            refused = error
            self._run_host(lambda _now: self.host.refuse(connection.id, refused))
            return
        if isinstance(message, Join | CheckPin):
            self._join(connection, message, now)
            return
        self._run_host(lambda now: self.host.receive(connection.id, message, now))

    def _join(self, connection: _Connection, join: Join | CheckPin, now: float) -> None:
        """A join or a PIN's check, within its address's limits: wrong PINs, and new
        students a minute. A rejoin with a token is always taken (a student behind a
        prankster's router)."""
        addresses = self.addresses
        address = connection.address
        new_student = isinstance(join, Join) and join.token is None
        if (new_student or isinstance(join, CheckPin)) and addresses.locked(address, now):
            self._refuse(connection, ErrorCode.RATE_LIMITED, PIN_LOCKED)
            return
        if new_student and not addresses.may_join(address, now):
            self._refuse(connection, ErrorCode.RATE_LIMITED, JOINS_LIMITED)
            return

        def join_and_count(now: float) -> list[Outgoing]:
            outgoing = self.host.receive(connection.id, join, now)
            for target, sent in outgoing:
                if target != connection.id:
                    continue
                if sent.get("type") == "error" and sent.get("code") == ErrorCode.BAD_PIN:
                    addresses.wrong_pin(address, now)
                elif sent.get("type") == "welcome" and new_student:
                    addresses.joined(address, now)
            return outgoing

        self._run_host(join_and_count)

    def _refuse(
        self, connection: _Connection, code: ErrorCode, reason: Message | None = None
    ) -> None:
        error = _refusal(code, reason)
        self._run_host(lambda _now: self.host.refuse(connection.id, error))

    def _refusal_texts(self, connection: _Connection, code: ErrorCode) -> list[str]:
        error = _refusal(code)
        outgoing = self._call_host(lambda _now: self.host.refuse(connection.id, error))
        return [encode(message) for target, message in outgoing if target == connection.id]

    async def _forget(self, connection: _Connection) -> None:
        if self._connections.pop(connection.id, None) is None:
            return
        if connection.writer is not None:
            connection.writer.cancel()
            # bounded: a writer that missed its cancellation must not keep the device in
            # the class (the host's disconnect below) nor the server from closing
            await asyncio.wait({connection.writer}, timeout=self.limits.send_timeout)
        self._run_host(lambda now: self.host.disconnect(connection.id, now))

    async def _abort(self, connection: _Connection, code: int) -> None:
        with contextlib.suppress(Exception):
            async with asyncio.timeout(1.0):
                await connection.socket.close(code=code)
        await self._forget(connection)

    async def _writing(self, connection: _Connection) -> None:
        socket = connection.socket
        timeout = self.limits.send_timeout
        try:
            while True:
                item = await connection.outbox.get()
                # asyncio.timeout, not wait_for: Python 3.11's wait_for loses a
                # cancellation that comes as the send ends, and the writer then waited for
                # ever for its next message: the device was never let go of, and the
                # server's close waited a minute for it
                async with asyncio.timeout(timeout):
                    if item is _CLOSE:
                        await socket.close(code=WSCloseCode.OK)
                        return
                    assert isinstance(item, str)
                    await socket.send_str(item)
        except Exception:
            # a dead or stuck device: drop it; the reading side then ends the connection
            self._in_background(self._abort(connection, WSCloseCode.GOING_AWAY))

    # --- the host -------------------------------------------------------------------------

    def _call_host(
        self, call: Callable[[float], list[Outgoing]], *, fatal: bool = False
    ) -> list[Outgoing]:
        try:
            return call(self._clock())
        except Exception as error:
            # A bug met by one device's frame must not take the class's server down with
            # it; one in the game's clock (``fatal``) stops the game, and the projector says so.
            log.exception("the game host failed")
            if fatal:
                self.fail(error)
            return []

    def _run_host(self, call: Callable[[float], list[Outgoing]], *, fatal: bool = False) -> None:
        outgoing = self._call_host(call, fatal=fatal)
        if self._commit is None:
            self.deliver(outgoing + self._call_host(self.host.pending))
        else:
            # Group commit: the frames already read in this turn of the loop are handled
            # first, then one save covers them all, and only then are they answered (an
            # answer acknowledged is an answer saved). 200 answers in a second cost a few
            # saves, not 200 synced writes.
            self._held.extend(outgoing)
            if not self._flush_due:
                self._flush_due = True
                asyncio.get_running_loop().call_soon(self._flush)
        self._on_change()

    def _flush(self) -> None:
        self._flush_due = False
        if self._commit is not None:
            try:
                self._commit()
            except Exception:
                log.exception("saving the class game failed")
        # what the host held back to go once for these frames (the teacher's state)
        self._held.extend(self._call_host(self.host.pending))
        held, self._held = self._held, []
        self.deliver(held)

    def deliver(self, outgoing: Iterable[Outgoing]) -> None:
        """Put each message in the outboxes of its target: a connection id, "students",
        "teachers" or "all". A message is encoded once however many get it."""
        for target, sent in outgoing:
            text = encode(sent)
            kind = sent.get("type")
            if isinstance(target, int):
                connection = self._connections.get(target)
                if connection is None:
                    continue
                if kind in _KIND_BY_MESSAGE:
                    connection.kind = _KIND_BY_MESSAGE[kind]
                self._post(connection, text)
                if closes_connection(sent):
                    connection.kind = None
                    self._post(connection, _CLOSE)
                continue
            for connection in list(self._connections.values()):
                if target == "all" or (
                    connection.kind is not None and target == f"{connection.kind}s"
                ):
                    self._post(connection, text)

    def _post(self, connection: _Connection, item: object) -> None:
        try:
            connection.outbox.put_nowait(item)
        except asyncio.QueueFull:
            # it has not read hundreds of messages: gone, or too slow to play
            self._in_background(self._abort(connection, WSCloseCode.TRY_AGAIN_LATER))

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _ticking(self) -> None:
        ticks = 0
        while True:
            await asyncio.sleep(self.limits.tick)
            self.tick()
            ticks += 1
            if ticks % 600 == 0:  # about once a minute: addresses with nothing to remember
                self.addresses.forget_idle(self._clock())


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
