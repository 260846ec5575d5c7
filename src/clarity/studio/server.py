"""The Teacher Studio's web server: the page and its JSON API, on this computer only.

An aiohttp :class:`web.Application` around one :class:`~clarity.studio.workspace.Workspace`.
It listens on 127.0.0.1 (never another address: the studio writes the teacher's files),
and everything lives under ``/s/TOKEN/``, TOKEN a random secret
(``secrets.token_urlsafe(24)``) that only the address printed and opened knows. A page of
another site in the teacher's browser can neither read the studio nor change a pack:

- a request whose path does not start with ``/s/TOKEN/`` is 404 (the token compared in
  constant time);
- a request whose ``Host`` is not ``127.0.0.1:PORT`` or ``localhost:PORT`` is 404: a name
  of another site that its DNS turns into 127.0.0.1 (DNS rebinding) reaches nothing;
- a POST, PUT or DELETE whose ``Origin`` is there and is not this server's own, or whose
  ``Sec-Fetch-Site`` says another site sent it, is 403: another page cannot send a form
  or a fetch here in the teacher's name;
- a JSON body is at most :attr:`StudioLimits.max_json_bytes`, a picture at most
  :attr:`StudioLimits.max_picture_bytes`, an import's files together at most
  :attr:`StudioLimits.max_import_bytes` (413 past them, read no further);
- every response says not to sniff types (``X-Content-Type-Options: nosniff``), is never
  cached and carries a Content Security Policy allowing this server's own files only
  (the play page carries the web game's own policy: its scripts by hash), no framing.

An error is a 4xx with ``{"error": CODE, "message": ONE LINE}`` in the interface's
language (a 409 of a pack changed on disk adds ``disk_revision``). The routes are those of
the issue's contract (``/api/form``, ``/api/packs`` ...); the work is in
:mod:`.workspace`, :mod:`.pictures`, :mod:`.documents`, :mod:`.checking`, :mod:`.roundtrip`,
:mod:`clarity.printing` and :mod:`clarity.formats`, run in a worker thread so that one
printout never holds up the page's checks, and the event loop never waits on a disk or a
long computation. Changes to one pack are made one at a time (a lock per pack file), and
changes that make new file names (a new pack, a copy, an import, an undo, the first save
of a pack) one at a time in the whole folder; saving one pack never waits for another.

A document sent (a check, a save) is refused with one line before any work when it nests
deeper than the pack reader allows, or holds more values
(:func:`document_shape_problem`); a save over a pack file larger than the loader reads
(:attr:`clarity.core.packs.loader.PackLimits.max_bytes`) is refused before it is read.
Checks report what ``clarity validate`` reports, the characters no font of this computer
draws included (the fonts looked up once per server).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import html
import json
import logging
import mimetypes
import os
import re
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import quote, urlsplit

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from clarity.core.messages import N_, Message, message, plural_message
from clarity.core.packs.loader import PackLimits, id_already_used
from clarity.core.packs.picture_decoding import MAX_PICTURE_BYTES
from clarity.core.packs.plain_yaml import MAX_DEPTH, MAX_VALUES
from clarity.core.packs.yaml_messages import TOO_DEEP
from clarity.studio.workspace import (
    NotEditable,
    PackNotFound,
    PackRef,
    Workspace,
    WorkspaceRefused,
)

if TYPE_CHECKING:
    from clarity.core.packs.glyphs import CanDraw
    from clarity.core.packs.loader import LoadedPack
    from clarity.core.scoring import ScoringRules
    from clarity.i18n import Translator
    from clarity.studio.checking import FieldProblem, TextWarnings
    from clarity.studio.documents import OpenedPack

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent / "web"
MIB = 1024 * 1024
BIND = "127.0.0.1"
#: The page's policy: this server's files only; pictures also as blobs and data URIs (a
#: picture dropped is shown before it is sent); no framing.
STUDIO_CSP = (
    "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
UNSAFE_METHODS = frozenset({"POST", "PUT", "DELETE", "PATCH"})
PRINT_KINDS = ("flashcards", "worksheet", "exam")
PAPERS = ("a4", "letter")
SECTIONS = ("rounds", "questions")
_STATIC_NAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,100}$")
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_ATTACHMENT_NAME = re.compile(r"[^A-Za-z0-9._-]+")
#: How deep a document may nest: as deep as the pack reader reads a pack file (its
#: composer's limit: a mapping or list inside 63 others; a pack needs four).
#: The most questions a pack holds (the loader's cap), for the line about too many values.
_MOST_QUESTIONS = PackLimits().max_questions
# a picture's format, from its first bytes (the same four the game reads)
_PICTURE_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)

#: The one line of each error the server itself says (the others come from below).
ERRORS: dict[str, str] = {
    "not_found": N_("There is nothing here."),
    "forbidden": N_("This request comes from another site and is refused."),
    "method_not_allowed": N_("This address does not take that request."),
    "too_large": N_("What was sent is too large."),
    "bad_request": N_("The request cannot be read."),
    "read_only": N_("This pack comes with the game and cannot be changed; make a copy to edit."),
    "changed_on_disk": N_(
        "The pack file has been changed on disk since it was opened: reload it, or keep "
        "your version and save again."
    ),
    "has_errors": N_("The pack has errors; fix them first."),
    "no_file": N_("No file was sent."),
    "server_error": N_("Something went wrong in the studio; see its window for details."),
}


@dataclass(frozen=True, slots=True)
class StudioLimits:
    """What one request may send, in bytes: a JSON body, a picture, an import's files."""

    max_json_bytes: int = 8 * MIB
    max_picture_bytes: int = MAX_PICTURE_BYTES
    max_import_bytes: int = 64 * MIB


class Refusal(Exception):
    """An answer of ``status`` with the error ``code`` and its one line ``said`` (the
    code's own line when None); ``extra`` goes into the JSON too."""

    def __init__(
        self,
        status: int,
        code: str,
        said: Message | str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.said = said
        self.extra = extra or {}


Spawn = Callable[[list[str]], object]
Fonts = Callable[[], "CanDraw | None"]


def drawable_here() -> CanDraw:
    """Whether a font the game finds on this computer draws a character (the bundled fonts,
    then the system's), as ``clarity validate`` asks (``clarity.cli.
    drawable_by_this_computer``): fontTools reads the fonts, never pygame."""
    from clarity.fonts import font_chain  # noqa: PLC0415 - fontTools only when checking
    from clarity.resources import bundled_assets_dir  # noqa: PLC0415

    return font_chain(bundled_assets_dir() / "fonts").can_draw


#: How long a game started is watched for an early end (a missing display, a crash at
#: once) before the studio says it started, in seconds. The game says why it cannot open
#: a window about a second after starting on an idle laptop, and 1.5 to 2.5 s on a busy
#: one (measured with no display while eight programs ran on two cores); the game says
#: nothing once its window is open, so a game still running after this long is taken as
#: started. The studio answers as soon as the game ends, and waits without holding its
#: event loop or a worker thread (:meth:`StartedGame.watch`).
START_WAIT = 5.0
#: How often a game being watched is asked whether it has ended, in seconds.
START_POLL = 0.05
_REASON_BYTES = 64 * 1024  # of the end of a game's standard error, for its last line
_REASON_CHARS = 300


@dataclass
class StartedGame:
    """A game started by :func:`start_detached`: its ``process`` and its standard error
    (``errors``, a temporary file of the studio's, already deleted where the system
    allows: the game keeps writing into it, the studio reads it only if the game ends at
    once)."""

    process: subprocess.Popen[bytes]
    errors: BinaryIO

    def failure(self, within: float) -> Message | str | None:
        """Wait at most ``within`` seconds for the game to end (blocks: in the studio's
        event loop use :meth:`watch`). Why it could not start when it ended with an error
        status: the last line of its standard error (the game's own one line, such as
        ``cannot open the game window (no display was found)``, without its
        ``clarity:``), or its exit status when it said nothing. None when it still runs or
        ended well. The studio's end of the file is closed either way."""
        try:
            status = self.process.wait(within)
        except subprocess.TimeoutExpired:
            status = None
        return self._said(status)

    async def watch(self, within: float, every: float = START_POLL) -> Message | str | None:
        """:meth:`failure` for an event loop: the game asked every ``every`` seconds
        whether it has ended, for at most ``within`` seconds, the loop free between (no
        thread held while the game runs); returns as soon as the game ends."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        status = self.process.poll()
        while status is None and loop.time() < deadline:
            await asyncio.sleep(min(every, max(0.0, deadline - loop.time())))
            status = self.process.poll()
        return self._said(status)

    def _said(self, status: int | None) -> Message | str | None:
        try:
            if status is None or status == 0:
                return None
            return _last_line(self.errors) or message(
                "it ended at once with the exit status {status}", status=status
            )
        finally:
            self.errors.close()


def _last_line(stream: BinaryIO) -> str | None:
    """The last line of ``stream`` that is not blank (of its last 64 KiB), without the
    program's ``clarity:`` before it, at most 300 characters; None when there is none."""
    try:
        size = stream.seek(0, os.SEEK_END)
        stream.seek(max(0, size - _REASON_BYTES))
        text = stream.read().decode("utf-8", errors="replace")
    except OSError:
        return None
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return None
    line = lines[-1].removeprefix("clarity:").strip()
    return line[:_REASON_CHARS] or None


def start_detached(command: list[str], env: dict[str, str] | None = None) -> StartedGame:
    """Start ``command`` as a program of its own (with ``env`` as its environment, the
    studio's when None): not waited for, its output to nowhere but its standard error
    (kept in a temporary file for :meth:`StartedGame.failure`), in a session (POSIX) or
    process group (Windows) of its own, so that it outlives the studio and a Ctrl+C in
    the studio's terminal does not reach it. The file, not a pipe: a pipe would stop a
    game that writes much once the studio no longer reads it, or ends."""
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - read by StartedGame.failure
    own_group: dict[str, Any]
    if sys.platform == "win32":
        flags = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS  # type: ignore[attr-defined]
        own_group = {"creationflags": flags}
    else:
        own_group = {"start_new_session": True}
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
            **own_group,
        )
    except BaseException:
        errors.close()
        raise
    return StartedGame(process, errors)


def game_command(pack_id: str, data_dir: Path, config_dir: Path | None = None) -> list[str]:
    """The command that starts the desktop game on the pack ``pack_id``: this Python, the
    game's module, ``play --pack ID --data-dir DIR`` (and the studio's ``--config-dir``
    when it was given one)."""
    command = [sys.executable, "-m", "clarity", "play", "--pack", pack_id]
    command += ["--data-dir", str(data_dir)]
    if config_dir is not None:
        command += ["--config-dir", str(config_dir)]
    return command


class StudioServer:
    """The studio's web server for ``workspace``, speaking ``translator``'s language.

    ``token``: the secret of the address; ``rules``: the scoring rules the web game plays
    with (the saved settings', given by the command; the game's defaults when None);
    ``config_dir``: given to the game it starts, when the studio was given one;
    ``spawn``: starts a program without waiting (:func:`start_detached`; what it returns
    is asked for its ``failure(seconds)`` when it has one: :class:`StartedGame`);
    ``start_wait``: the seconds a game started is watched for an early end;
    ``fonts``: what says whether this computer's fonts draw a character (called once, at
    the first check: :func:`drawable_here`; None checks without it);
    ``game_open``: the studio was started by the game, which is still running: "Start in
    the game" then points to that game instead of opening a second window over it.
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        translator: Translator,
        token: str,
        limits: StudioLimits = StudioLimits(),
        rules: ScoringRules | None = None,
        config_dir: Path | None = None,
        web_dir: Path = WEB_DIR,
        spawn: Spawn = start_detached,
        start_wait: float = START_WAIT,
        fonts: Fonts | None = drawable_here,
        game_open: bool = False,
    ) -> None:
        self.workspace = workspace
        self.game_open = game_open
        self.translator = translator
        self.token = token
        self.limits = limits
        self.rules = rules
        self.config_dir = config_dir
        self.web_dir = web_dir
        self.spawn = spawn
        self.start_wait = start_wait
        self.prefix = f"/s/{token}"
        self.port: int | None = None
        self._runner: web.AppRunner | None = None
        # new file names are made one at a time; each pack file is changed one at a time
        self._naming = asyncio.Lock()
        self._changing: dict[str, asyncio.Lock] = {}
        self._fonts = fonts
        self._can_draw: CanDraw | None = None
        self._fonts_lock = threading.Lock()
        # each pack's text warnings, as of the file last opened or saved, by ref
        self._text_warnings: dict[str, TextWarnings] = {}

    @property
    def url(self) -> str:
        """The studio's address (after :meth:`start`)."""
        return f"http://{BIND}:{self.port}{self.prefix}/"

    # --- the application ------------------------------------------------------------------

    def application(self) -> web.Application:
        """The aiohttp application with every route of the studio under ``/s/TOKEN/``."""
        app = web.Application(
            middlewares=[self._guard],
            client_max_size=self.limits.max_json_bytes + 1024,
        )
        p = self.prefix
        routes = app.router
        routes.add_get(f"{p}/", self._page)
        routes.add_get(p + "/static/{name}", self._static)
        routes.add_get(f"{p}/api/form", self._form)
        routes.add_get(f"{p}/api/packs", self._packs)
        routes.add_post(f"{p}/api/packs", self._new_pack)
        routes.add_post(f"{p}/api/packs/copy", self._copy_pack)
        routes.add_post(f"{p}/api/import", self._import)
        routes.add_post(p + "/api/undo/{undo}", self._undo)
        routes.add_get(p + "/api/packs/{ref}", self._open)
        routes.add_put(p + "/api/packs/{ref}", self._save)
        routes.add_delete(p + "/api/packs/{ref}", self._delete)
        routes.add_post(p + "/api/packs/{ref}/check", self._check)
        routes.add_post(p + "/api/packs/{ref}/pictures", self._add_picture)
        routes.add_get(p + "/api/packs/{ref}/picture", self._picture)
        routes.add_post(p + "/api/packs/{ref}/print", self._print)
        routes.add_post(p + "/api/packs/{ref}/export", self._export)
        routes.add_get(p + "/api/packs/{ref}/play", self._play)
        routes.add_post(p + "/api/packs/{ref}/start", self._start)
        app.on_response_prepare.append(self._headers)
        return app

    async def start(self, port: int = 0) -> int:
        """Listen on 127.0.0.1:``port`` (0: any free port); return the port. Raises
        OSError when the port cannot be taken (in use: ``errno.EADDRINUSE``)."""
        runner = web.AppRunner(self.application(), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, BIND, port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        server = site._server
        sockets = getattr(server, "sockets", None) or ()
        self.port = sockets[0].getsockname()[1] if sockets else port
        return self.port

    async def close(self) -> None:
        """Stop listening and close the connections."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- the guard ------------------------------------------------------------------------

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            self._check_request(request)
            return await handler(request)
        except Refusal as refused:
            return self._error(refused)
        except web.HTTPException as http:
            if http.status < 400:
                raise
            return self._error(Refusal(http.status, _code_of_status(http.status)))
        except Exception:  # a bug: its traceback in the studio's log, one line for the page
            log.exception("%s %s failed", request.method, request.path)
            return self._error(Refusal(500, "server_error"))

    def _check_request(self, request: web.Request) -> None:
        host = (request.headers.get("Host") or "").lower()
        if host not in {f"{BIND}:{self.port}", f"localhost:{self.port}"}:
            raise Refusal(404, "not_found")
        path = request.raw_path.split("?", 1)[0]
        head = path[: len(self.prefix) + 1]
        if not hmac.compare_digest(head.encode(), (self.prefix + "/").encode()):
            raise Refusal(404, "not_found")
        if request.method in UNSAFE_METHODS:
            origin = request.headers.get("Origin")
            if origin is not None:
                parts = urlsplit(origin)
                if parts.scheme != "http" or parts.netloc.lower() != host:
                    raise Refusal(403, "forbidden")
            # a browser that says where a request comes from (Fetch Metadata) is believed
            # too, for the odd request it sends without an Origin
            if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
                raise Refusal(403, "forbidden")

    def _error(self, refused: Refusal) -> web.Response:
        said = refused.said
        if said is None:
            said = ERRORS.get(refused.code, ERRORS["bad_request"])
            line = self.translator.gettext(said)
        else:
            line = self.translator.render(said)
        body = {"error": refused.code, "message": " ".join(line.split()), **refused.extra}
        return _json(body, status=refused.status)

    async def _headers(self, request: web.Request, response: web.StreamResponse) -> None:
        headers = response.headers
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "no-referrer"
        headers["X-Frame-Options"] = "DENY"
        headers["Cache-Control"] = "no-store"
        headers.setdefault("Content-Security-Policy", STUDIO_CSP)

    # --- the page -------------------------------------------------------------------------

    async def _page(self, request: web.Request) -> web.Response:
        page = await asyncio.to_thread(render_page, self.translator)
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    async def _static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = self.web_dir / name
        # a name, never a path; no symbolic link followed, so nothing outside the folder
        if not _STATIC_NAME.match(name) or path.is_symlink() or not path.is_file():
            raise Refusal(404, "not_found")
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if name.endswith(".js"):
            kind = "text/javascript"
        data = await asyncio.to_thread(path.read_bytes)
        charset = "utf-8" if kind.startswith("text/") else None
        return web.Response(body=data, content_type=kind, charset=charset)

    # --- the form and the list ------------------------------------------------------------

    async def _form(self, request: web.Request) -> web.Response:
        return _json(await asyncio.to_thread(form_data))

    async def _packs(self, request: web.Request) -> web.Response:
        return _json({"packs": await asyncio.to_thread(self._listed)})

    def _listed(self) -> list[dict[str, Any]]:
        """The list's rows. A pack with errors is described from its YAML as written
        (its title, id, language and numbers of questions and rounds), when it reads as
        a group of fields (``readable``); ``problem`` is its first error's line."""
        from clarity.studio.documents import DocumentUnreadable, open_document  # noqa: PLC0415

        t = self.translator
        packs = []
        for one in self.workspace.packs(can_draw=self.can_draw()):
            loaded = one.loaded
            pack = loaded.pack
            lines = [
                f"{p.path.name}:{p.line}:{p.column}: {p.text(t)}"
                for p in (*loaded.errors, *loaded.warnings)
            ]
            row: dict[str, Any] = {
                "ref": one.ref,
                "id": loaded.id,
                "title": loaded.title,
                "language": pack.language if pack is not None else None,
                "questions": len(pack.questions) if pack is not None else None,
                "rounds": len(pack.rounds) if pack is not None else None,
                "editable": one.editable,
                "readable": True,
                "errors": len(loaded.errors),
                "warnings": len(loaded.warnings),
                "problem": lines[0] if loaded.errors else None,
                "problems": lines[:3],
            }
            if pack is None:
                try:
                    row |= _outline(open_document(loaded.path))
                except DocumentUnreadable:
                    row["readable"] = False
            packs.append(row)
        return packs

    async def _new_pack(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        title = body.get("title")
        language = body.get("language", "en")
        if not isinstance(title, str) or not isinstance(language, str):
            raise Refusal(400, "bad_request")
        from clarity.i18n import LANGUAGES, translator_for  # noqa: PLC0415

        primary = language.split("-", 1)[0].lower()
        examples = translator_for(primary) if primary in LANGUAGES else None
        async with self._naming:
            ref = await self._work(
                self.workspace.new_pack,
                title,
                language,
                comments=self.translator,
                examples=examples,
            )
        return _json({"ref": ref}, status=201)

    async def _copy_pack(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        ref = body.get("ref")
        if not isinstance(ref, str):
            raise Refusal(400, "bad_request")
        async with self._naming:
            copied = await self._work(self.workspace.copy_pack, ref, translator=self.translator)
        return _json({"ref": copied}, status=201)

    async def _delete(self, request: web.Request) -> web.Response:
        found = self._editable(request)
        async with self._lock_of(found):
            undo = await self._work(self.workspace.delete, found.ref)
        return _json({"undo": undo})

    async def _undo(self, request: web.Request) -> web.Response:
        async with self._naming:
            ref = await self._work(self.workspace.undo, request.match_info["undo"])
        return _json({"ref": ref})

    async def _import(self, request: web.Request) -> web.Response:
        files = await self._files(request, self.limits.max_import_bytes, many=True)
        async with self._naming:
            imported = await self._work(self.workspace.import_files, files)
        t = self.translator
        lines = [t.render(line) for line in imported.lines]
        if not imported.packs:
            said = lines[-1] if lines else message("no pack could be made from these files")
            raise Refusal(400, "import_refused", said, {"lines": lines})
        packs = [{"ref": ref, "title": title} for ref, title in imported.packs]
        return _json({"packs": packs, "lines": lines})

    # --- one pack -------------------------------------------------------------------------

    async def _open(self, request: web.Request) -> web.Response:
        found = self._resolve(request)
        return _json(await asyncio.to_thread(self._opened, found))

    def _opened(self, found: PackRef) -> dict[str, Any]:
        opened, problems = self._read_file(found)
        if opened is None:
            from clarity.studio.documents import revision_of  # noqa: PLC0415

            return {
                "ref": found.ref,
                "editable": found.editable,
                "document": None,
                "revision": revision_of(found.path),
                "problems": problems,
                "pictures": {},
            }
        return {
            "ref": found.ref,
            "editable": found.editable,
            "document": opened.document,
            "revision": opened.revision,
            "problems": problems,
            "pictures": self._picture_urls(found, opened.document),
        }

    def _read_file(self, found: PackRef) -> tuple[OpenedPack | None, list[dict[str, str]]]:
        """The pack file of ``found`` opened, and its problems: every problem ``clarity
        validate`` gives for it (its document's, its text's) and the id another pack took
        before it. Its text warnings are kept for the checks of its edits. None and the
        loader's problems for a file that cannot be opened as a document."""
        from clarity.studio.checking import TextWarnings, field_problems  # noqa: PLC0415
        from clarity.studio.documents import DocumentUnreadable, open_pack  # noqa: PLC0415

        t = self.translator
        try:
            opened = open_pack(found.path, ref=found.ref, editable=found.editable)
        except DocumentUnreadable as unreadable:
            self._text_warnings.pop(found.ref, None)
            problems = [problem.to_json() for problem in field_problems(unreadable.problems, t)]
            if not problems:
                problems = [
                    {"field": "", "severity": "error", "text": t.render(unreadable.message)}
                ]
            return None, problems
        warnings = TextWarnings(opened.document, opened.text_warnings)
        self._text_warnings[found.ref] = warnings
        return opened, self._problems(found, opened.document, warnings)

    def _text_warnings_of(self, found: PackRef) -> TextWarnings:
        """The text warnings of the pack file of ``found`` as last opened or saved here
        (read from the file now when it has not been: none for one that cannot be)."""
        from clarity.studio.checking import TextWarnings  # noqa: PLC0415
        from clarity.studio.documents import DocumentUnreadable, open_pack  # noqa: PLC0415

        kept = self._text_warnings.get(found.ref)
        if kept is None:
            try:
                opened = open_pack(found.path, ref=found.ref, editable=found.editable)
            except DocumentUnreadable:
                return TextWarnings(None)
            kept = self._text_warnings[found.ref] = TextWarnings(
                opened.document, opened.text_warnings
            )
        return kept

    def _problems(
        self, found: PackRef, document: dict[str, Any], warnings: TextWarnings | None = None
    ) -> list[dict[str, str]]:
        """Every problem of ``document`` as the pack file of ``found``: the document's
        (:func:`~clarity.studio.checking.check_document`), the file's text warnings still
        true of it (``warnings``, or those kept: :meth:`_text_warnings_of`), and, as the
        game's pack list says, its id taken by a pack before it."""
        from clarity.studio.checking import check_document  # noqa: PLC0415

        problems = check_document(
            document,
            pack_dir=found.path.parent,
            assets_dir=self.workspace.assets_dir,
            translator=self.translator,
            pictures=self.workspace.pictures,
            can_draw=self.can_draw(),
        )
        if warnings is None:
            warnings = self._text_warnings_of(found)
        problems += warnings.still_true(document, self.translator)
        problems += self._id_taken(found, document, problems)
        return [problem.to_json() for problem in problems]

    def _id_taken(
        self, found: PackRef, document: dict[str, Any], problems: Sequence[FieldProblem]
    ) -> list[FieldProblem]:
        """The game's error for a pack whose id a pack before it already has
        (:meth:`Workspace.id_owner`), in the loader's words, on the ``id`` field; given,
        as the loader gives it, only to a pack without other errors."""
        from clarity.studio.checking import FieldProblem  # noqa: PLC0415

        pack_id = document.get("id")
        if not isinstance(pack_id, str) or any(p.severity == "error" for p in problems):
            return []
        owner = self.workspace.id_owner(found, pack_id)
        if owner is None:
            return []
        said = id_already_used(pack_id, owner)
        return [FieldProblem("id", "error", self.translator.render(said))]

    def _picture_urls(self, found: PackRef, document: dict[str, Any]) -> dict[str, str]:
        urls = {}
        for text in _image_texts(document):
            if self._picture_file(found, text) is not None:
                urls[text] = self._picture_url(found.ref, text)
        return urls

    def _picture_url(self, ref: str, text: str) -> str:
        return f"{self.prefix}/api/packs/{quote(ref, safe='')}/picture?image={quote(text, safe='')}"

    async def _check(self, request: web.Request) -> web.Response:
        found = self._resolve(request)
        body = await self._body(request)
        document = await self._document(body)
        item = body.get("item")
        if item is not None and not (
            isinstance(item, list)
            and len(item) == 2
            and item[0] in SECTIONS
            and isinstance(item[1], int)
            and not isinstance(item[1], bool)
            and item[1] >= 0
        ):
            raise Refusal(400, "bad_request")
        return _json(await asyncio.to_thread(self._checked, found, document, item))

    def _checked(
        self, found: PackRef, document: dict[str, Any], item: list[Any] | None
    ) -> dict[str, Any]:
        from clarity.studio.checking import check_item  # noqa: PLC0415

        if item is None:
            return {"problems": self._problems(found, document), "scope": ""}
        section, index = item
        scope = f"{section}[{index}]"
        problems = check_item(
            document,
            section,
            index,
            pack_dir=found.path.parent,
            assets_dir=self.workspace.assets_dir,
            translator=self.translator,
            pictures=self.workspace.pictures,
            can_draw=self.can_draw(),
        )
        problems += self._text_warnings_of(found).still_true(document, self.translator, scope=scope)
        return {"problems": [problem.to_json() for problem in problems], "scope": scope}

    async def _save(self, request: web.Request) -> web.Response:
        found = self._editable(request, must_exist=False)
        body = await self._body(request)
        document = await self._document(body)
        revision = body.get("revision", "")
        force = body.get("force", False)
        if not isinstance(revision, str) or not isinstance(force, bool):
            raise Refusal(400, "bad_request")
        # a save that makes the pack's file makes a name: one at a time with new packs
        naming = self._naming if not os.path.lexists(found.path) else contextlib.nullcontext()
        async with naming, self._lock_of(found):
            return _json(await self._work(self._saved, found, document, revision, force))

    def _saved(
        self, found: PackRef, document: dict[str, Any], revision: str, force: bool
    ) -> dict[str, Any]:
        from clarity.atomic_files import FileNotWritten  # noqa: PLC0415
        from clarity.studio.roundtrip import (  # noqa: PLC0415
            ChangedOnDisk,
            DocumentNotSaved,
            save_document,
        )

        self._refuse_oversized(found)
        try:
            saved = save_document(
                found.path,
                document,
                expected_revision=revision,
                force=force,
                backups_dir=self.workspace.backups_dir,
            )
        except ChangedOnDisk as changed:
            raise Refusal(
                409, "changed_on_disk", None, {"disk_revision": changed.disk_revision}
            ) from None
        except FileNotWritten as error:
            raise Refusal(400, "not_written", error.said) from None
        except DocumentNotSaved as refused:
            raise Refusal(
                400,
                "not_written",
                # Translators: {reason} says why the document cannot be a pack file.
                message(
                    "{file} was not saved: {reason}", file=found.path.name, reason=refused.said
                ),
            ) from None
        except (ValueError, RecursionError):
            # the writer's own refusal (a document YAML would not read back the same):
            # the file is as it was
            log.warning("%s was not saved", found.path, exc_info=True)
            raise Refusal(
                400,
                "not_written",
                message(
                    "{file} was not saved: it could not be written as YAML that reads back "
                    "the same",
                    file=found.path.name,
                ),
            ) from None
        backup = saved.backup
        # the saved file's problems, read from it as clarity validate reads it (the text's
        # warnings of the fields left as they were included)
        _, problems = self._read_file(found)
        return {
            "revision": saved.revision,
            "backup": backup.name if backup is not None else None,
            "problems": problems,
        }

    async def _add_picture(self, request: web.Request) -> web.Response:
        found = self._editable(request)
        files = await self._files(request, self.limits.max_picture_bytes, many=False)
        name, data = files[0]
        async with self._lock_of(found):
            accepted = await self._work(self._accepted, found, name, data)
        return _json(accepted, status=201)

    def _accepted(self, found: PackRef, name: str, data: bytes) -> dict[str, Any]:
        from clarity.studio.pictures import PictureRefused, accept_picture  # noqa: PLC0415

        try:
            accepted = accept_picture(
                found.path,
                self._pack_id(found),
                name,
                data,
                max_bytes=self.limits.max_picture_bytes,
            )
        except PictureRefused as refused:
            raise Refusal(400, "picture_refused", refused.said) from None
        return {
            "image": accepted.image,
            "url": self._picture_url(found.ref, accepted.image),
            "width": accepted.width,
            "height": accepted.height,
            "note": self.translator.render(accepted.note) if accepted.note is not None else None,
        }

    def _pack_id(self, found: PackRef) -> str:
        """The pack's id as its file says (read without loading it), else its file's stem."""
        return self.workspace.pack_id_of(found)

    async def _picture(self, request: web.Request) -> web.StreamResponse:
        found = self._resolve(request)
        text = request.query.get("image", "")
        path = await asyncio.to_thread(self._picture_file, found, text)
        if path is None:
            raise Refusal(404, "not_found")
        data = await asyncio.to_thread(path.read_bytes)
        kind = _picture_type(data)
        if kind is None:
            raise Refusal(404, "not_found")
        return web.Response(body=data, content_type=kind)

    def _picture_file(self, found: PackRef, text: str) -> Path | None:
        """The file of the picture ``text`` of the pack: next to it, else in the game's
        assets, as the loader looks; only a file whose real place (links followed) is in
        one of those folders, and a picture's ending."""
        from clarity.core.packs.picture_decoding import FORMAT_BY_SUFFIX  # noqa: PLC0415

        if not text or "\x00" in text or Path(text).is_absolute() or "\\" in text:
            return None
        if Path(text).suffix.lower() not in FORMAT_BY_SUFFIX:
            return None
        for base in (found.path.parent, self.workspace.assets_dir):
            try:
                real = (base / text).resolve(strict=True)
                inside = real.is_relative_to(base.resolve(strict=True))
            except (OSError, RuntimeError):
                continue
            if inside and real.is_file():
                return real
        return None

    async def _print(self, request: web.Request) -> web.Response:
        found = self._resolve(request)
        body = await self._body(request)
        kind = body.get("kind")
        paper = body.get("paper", "a4")
        key = body.get("key", False)
        if kind not in PRINT_KINDS or paper not in PAPERS or not isinstance(key, bool):
            raise Refusal(400, "bad_request")
        name, data = await self._work(self._printed, found, kind, paper, key)
        return _attachment(data, name, "application/pdf")

    def _printed(self, found: PackRef, kind: str, paper: str, key: bool) -> tuple[str, bytes]:
        from clarity.printing.document import PageStyle  # noqa: PLC0415 - fpdf2 when printing
        from clarity.printing.pack_print import SET_SEED, printout_name  # noqa: PLC0415

        loaded = self._valid(found)
        pack = loaded.pack
        assert pack is not None
        style = PageStyle(paper=paper, language=self.translator.language)
        if kind == "flashcards":
            from clarity.printing.flashcards import flashcards  # noqa: PLC0415

            document = flashcards(pack, loaded.images, style)
        else:
            from clarity.printing.worksheet import exam, worksheet  # noqa: PLC0415

            if kind == "worksheet":
                document = worksheet(pack, loaded.images, style)
            else:
                document = exam(pack, loaded.images, style, seed=SET_SEED, key=key)
        return printout_name(pack.id, kind), document.output()

    async def _export(self, request: web.Request) -> web.Response:
        found = self._resolve(request)
        body = await self._body(request)
        from clarity.formats.exporting import EXPORT_FORMATS  # noqa: PLC0415

        fmt = body.get("format")
        if fmt not in EXPORT_FORMATS:
            raise Refusal(400, "bad_request")
        name, data = await self._work(self._exported, found, fmt)
        kinds = {
            "gift": "text/plain",
            "anki": "application/octet-stream",
            "html": "text/html",
        }
        return _attachment(data, name, kinds[fmt])

    def _exported(self, found: PackRef, fmt: str) -> tuple[str, bytes]:
        from clarity.formats.exporting import (  # noqa: PLC0415
            ExportRefused,
            default_export_name,
            export_pack,
        )

        loaded = self._valid(found)
        name = default_export_name(loaded.id, fmt)
        with tempfile.TemporaryDirectory(prefix="clarity-export-") as folder:
            target = Path(folder) / name
            try:
                export_pack(loaded, fmt, target, rules=self.rules if fmt == "html" else None)
            except ExportRefused as refused:
                raise Refusal(400, "export_refused", refused.said) from None
            return name, target.read_bytes()

    async def _play(self, request: web.Request) -> web.Response:
        found = self._resolve(request)
        page = await self._work(self._web_game, found)
        response = web.Response(text=page, content_type="text/html", charset="utf-8")
        policy = _META_CSP.search(page)
        if policy is not None:  # the web game's own: its scripts by hash, inline style
            response.headers["Content-Security-Policy"] = (
                html.unescape(policy.group(1)) + "; frame-ancestors 'none'"
            )
        return response

    def _web_game(self, found: PackRef) -> str:
        from clarity.formats.web import build_web_game  # noqa: PLC0415

        loaded = self._valid(found)
        assert loaded.pack is not None
        try:
            if self.rules is None:
                return build_web_game(loaded.pack, loaded.images)
            return build_web_game(loaded.pack, loaded.images, rules=self.rules)
        except OSError as error:
            raise Refusal(
                400,
                "export_refused",
                message("a picture of the pack cannot be read: {reason}", reason=str(error)),
            ) from None

    async def _start(self, request: web.Request) -> web.Response:
        found = self._resolve(request)
        loaded = await self._work(self._valid, found)
        if self.game_open:
            # A second game window would open behind the browser, over the one the teacher
            # has (which lists the pack already): the teacher is pointed to that one.
            raise Refusal(
                409,
                "game_open",
                message(
                    'The game is already open on this computer: choose "{title}" there, '
                    "in Play (it is listed now).",
                    title=loaded.title,
                ),
            )
        command = game_command(loaded.id, self.workspace.data_dir, self.config_dir)
        try:
            started = self.spawn(command)
        except OSError as error:
            raise Refusal(
                400,
                "not_started",
                message(
                    "the game could not be started: {reason}", reason=error.strerror or str(error)
                ),
            ) from None
        reason: Message | str | None = None
        if isinstance(started, StartedGame):  # a game that ends at once says why
            reason = await started.watch(self.start_wait)
        elif callable(failure := getattr(started, "failure", None)):
            reason = await asyncio.to_thread(failure, self.start_wait)
        if reason is not None:
            raise Refusal(
                400,
                "not_started",
                message("the game could not be started: {reason}", reason=reason),
            )
        if isinstance(started, StartedGame):
            # waited for when it ends, so a closed game leaves no zombie behind the studio
            threading.Thread(target=started.process.wait, daemon=True).start()
        return _json({"started": True})

    def _valid(self, found: PackRef) -> LoadedPack:
        loaded = self.workspace.load(found)
        if loaded.pack is None:
            first = loaded.errors[0] if loaded.errors else None
            said = (
                message(
                    "{file} has errors; fix them first: {problem}",
                    file=found.path.name,
                    problem=first.text(self.translator) if first is not None else "",
                )
                if first is not None
                else None
            )
            raise Refusal(400, "has_errors", said)
        return loaded

    # --- helpers --------------------------------------------------------------------------

    def can_draw(self) -> CanDraw | None:
        """Whether this computer's fonts draw a character (``fonts`` asked once, at the
        first call, from whichever thread comes first); None without ``fonts``."""
        with self._fonts_lock:
            if self._fonts is not None:
                fonts, self._fonts = self._fonts, None
                try:
                    self._can_draw = fonts()
                except Exception:  # no font to be read: checked without, as the log says
                    log.exception("the fonts of this computer cannot be read")
            return self._can_draw

    def _lock_of(self, found: PackRef) -> asyncio.Lock:
        """The lock of the pack file of ``found``: one per name, whatever its letters'
        case (``Quiz.yaml`` and ``quiz.yaml`` are one file on Windows and macOS)."""
        return self._changing.setdefault(found.path.name.casefold(), asyncio.Lock())

    async def _document(self, body: dict[str, Any]) -> dict[str, Any]:
        """The body's ``document``: 400 when it is no object, or nests deeper or holds more
        values than a pack file may (:func:`document_shape_problem`, in a worker thread: a
        document of 600,000 values takes a moment)."""
        document = body.get("document")
        if not isinstance(document, dict):
            raise Refusal(400, "bad_request")
        problem = await asyncio.to_thread(document_shape_problem, document)
        if problem is not None:
            raise Refusal(400, "bad_request", problem)
        return document

    def _refuse_oversized(self, found: PackRef) -> None:
        """Refuse (400) to save over a pack file larger than the loader reads, before
        reading it: the studio never opened it (it shows its size as its problem), and
        reading and patching it would take a long time for nothing."""
        limit = PackLimits().max_bytes
        try:
            status = os.stat(found.path)
        except OSError:
            return  # no file: a new pack (the writer says what else is wrong)
        if stat.S_ISREG(status.st_mode) and status.st_size > limit:
            said = message(
                "the file is {size}; a pack file can be at most {limit}",
                size=message("{size} MiB", size=format(status.st_size / MIB, ".3g")),
                limit=message("{size} MiB", size=format(limit / MIB, ".3g")),
            )
            raise Refusal(
                400, "too_large", message("{file}: {problem}", file=found.path.name, problem=said)
            )

    def _resolve(self, request: web.Request) -> PackRef:
        try:
            return self.workspace.resolve(request.match_info["ref"])
        except PackNotFound:
            raise Refusal(404, "not_found") from None

    def _editable(self, request: web.Request, *, must_exist: bool = True) -> PackRef:
        try:
            return self.workspace.editable(request.match_info["ref"], must_exist=must_exist)
        except PackNotFound:
            raise Refusal(404, "not_found") from None
        except NotEditable:
            raise Refusal(403, "read_only") from None

    async def _work(self, call: Callable[..., Any], *args: Any, **named: Any) -> Any:
        """``call`` in a worker thread; the workspace's refusals as the API's errors."""
        try:
            return await asyncio.to_thread(call, *args, **named)
        except PackNotFound:
            raise Refusal(404, "not_found") from None
        except NotEditable:
            raise Refusal(403, "read_only") from None
        except WorkspaceRefused as refused:
            status = 409 if refused.code == "taken" else 400
            raise Refusal(status, refused.code, refused.said) from None

    async def _body(self, request: web.Request) -> dict[str, Any]:
        """The request's JSON object; 413 past the cap, 400 for anything but an object."""
        length = request.content_length
        if length is not None and length > self.limits.max_json_bytes:
            raise Refusal(413, "too_large")
        data = bytearray()
        async for chunk in request.content.iter_chunked(64 * 1024):
            data += chunk
            if len(data) > self.limits.max_json_bytes:
                raise Refusal(413, "too_large")
        if not data:
            return {}
        # megabytes of JSON take a while to read: never on the loop
        body = await asyncio.to_thread(_decoded_json, bytes(data))
        if not isinstance(body, dict):
            raise Refusal(400, "bad_request")
        return body

    async def _files(
        self, request: web.Request, cap: int, *, many: bool
    ) -> list[tuple[str, bytes]]:
        """The ``file`` parts of a multipart request: (name as sent, bytes); at most
        ``cap`` bytes together (413 past it, read no further)."""
        length = request.content_length
        if length is not None and length > cap + 64 * 1024:
            raise self._too_large(cap)
        # a part aiohttp cannot read (a NUL or a line break in its headers: InvalidHeader,
        # an HttpProcessingError) is a request that cannot be read, not the studio's fault
        unreadable = (AssertionError, ValueError, KeyError, HttpProcessingError)
        try:
            reader = await request.multipart()
        except unreadable:
            raise Refusal(400, "bad_request") from None
        files: list[tuple[str, bytes]] = []
        total = 0
        while True:
            try:
                part = await reader.next()
            except unreadable:
                raise Refusal(400, "bad_request") from None
            if part is None:
                break
            if not isinstance(part, BodyPartReader) or part.name != "file":
                continue
            data = bytearray()
            while True:
                try:
                    chunk = await part.read_chunk(64 * 1024)
                except unreadable:
                    raise Refusal(400, "bad_request") from None
                if not chunk:
                    break
                data += chunk
                total += len(chunk)
                if total > cap:
                    raise self._too_large(cap)
            try:
                name = part.filename or "file"
            except unreadable:
                raise Refusal(400, "bad_request") from None
            files.append((name, bytes(data)))
            if not many:
                break
        if not files:
            raise Refusal(400, "no_file")
        return files

    def _too_large(self, cap: int) -> Refusal:
        return Refusal(
            413,
            "too_large",
            message(
                "the file is larger than the studio takes ({limit} MiB at most)",
                limit=max(1, cap // MIB),
            ),
        )


# --- pure helpers -------------------------------------------------------------------------


def _decoded_json(data: bytes) -> Any:
    """The JSON value of ``data``; 400 for bytes that are not UTF-8 JSON, or JSON nested
    so deep that reading it stops (Python's own reader is stopped by the interpreter's
    recursion limit, a clean RecursionError, long before a C stack runs out)."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refusal(400, "bad_request") from None
    except RecursionError:
        raise Refusal(400, "bad_request", TOO_DEEP) from None


def document_shape_problem(document: object) -> Message | None:
    """Why a pack file could not hold ``document`` (a JSON value), or None: it nests deeper
    than :data:`MAX_DEPTH` (the pack reader's limit; :data:`~clarity.core.packs.
    yaml_messages.TOO_DEEP`, its words), or holds more than
    :data:`~clarity.core.packs.plain_yaml.MAX_VALUES` values counted as the reader counts
    them (each mapping, list, key and scalar). Walked with a list of its own, never by
    recursion, and stopped at the first limit passed: any document costs at most that."""
    values = 1
    pending: list[tuple[dict[Any, Any] | list[Any], int]] = []
    if isinstance(document, dict | list):
        pending.append((document, 1))
    while pending:
        container, depth = pending.pop()
        if depth > MAX_DEPTH:
            return TOO_DEEP
        inner = list(container.values()) if isinstance(container, dict) else container
        values += len(inner) + (len(container) if isinstance(container, dict) else 0)
        if values > MAX_VALUES:
            return plural_message(
                # Translators: {questions} is a number of questions (10,000).
                "the pack holds more than {count} value (fields, list items and texts); a "
                "pack of {questions} questions holds far fewer",
                "the pack holds more than {count} values (fields, list items and texts); a "
                "pack of {questions} questions holds far fewer",
                MAX_VALUES,
                questions=_MOST_QUESTIONS,
            )
        pending.extend((one, depth + 1) for one in inner if isinstance(one, dict | list))
    return None


def render_page(translator: Translator) -> str:
    """The studio's page in ``translator``'s language
    (:func:`clarity.studio.page_text.render_studio_page`); a plain page that says so while
    that module is missing."""
    try:
        from clarity.studio.page_text import render_studio_page  # noqa: PLC0415
    except ImportError:
        return (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>Teacher Studio</title></head><body><h1>Teacher Studio</h1></body></html>"
        )
    return str(render_studio_page(translator))


def form_data() -> dict[str, Any]:
    """What the page's form offers, taken from the pack model (never listed twice): the
    game's languages, the question types, the grid's sides and default, the difficulties,
    the time limits and the number of choices."""
    from clarity.core.packs import models  # noqa: PLC0415
    from clarity.i18n import LANGUAGES  # noqa: PLC0415

    default_grid = models.Mystery.model_fields["grid"].default_factory()  # type: ignore[misc]
    return {
        "languages": [{"code": code, "name": name} for code, name in LANGUAGES.items()],
        "question_types": [kind.value for kind in models.QuestionType],
        "grids": {
            "min": models.MIN_GRID_SIDE,
            "max": models.MAX_GRID_SIDE,
            "default": f"{default_grid.rows}x{default_grid.cols}",
        },
        "difficulties": [level.value for level in models.Difficulty],
        "time_limits": {"min": models.MIN_TIME_LIMIT, "max": models.MAX_TIME_LIMIT},
        "choices": {"min": models.MIN_CHOICES, "max": models.MAX_CHOICES},
    }


def _outline(document: dict[str, Any]) -> dict[str, Any]:
    """What the list shows of a pack with errors, as its file writes it: its title and id
    (where they are text), its language, and its numbers of questions and rounds (None
    where they are not lists)."""
    outline: dict[str, Any] = {}
    for key in ("id", "title", "language"):
        value = document.get(key)
        if isinstance(value, str) and value.strip():
            outline[key] = " ".join(value.split())
    for key in ("questions", "rounds"):
        items = document.get(key)
        outline[key] = len(items) if isinstance(items, list) else None
    return outline


def _image_texts(document: dict[str, Any]) -> list[str]:
    texts: list[str] = []
    for section in SECTIONS:
        items = document.get(section)
        if not isinstance(items, list):
            continue
        for item in items:
            image = item.get("image") if isinstance(item, dict) else None
            if isinstance(image, str) and image not in texts:
                texts.append(image)
    return texts


def _picture_type(data: bytes) -> str | None:
    for head, kind in _PICTURE_TYPES:
        if data.startswith(head):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _json(body: object, *, status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/json",
        charset="utf-8",
    )


def _attachment(data: bytes, name: str, kind: str) -> web.Response:
    """``data`` to save as ``name``: an ASCII name for every browser, the name itself
    (RFC 6266's ``filename*``) for those that read it."""
    plain = _ATTACHMENT_NAME.sub("-", name).strip("-.") or "download"
    disposition = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
    response = web.Response(body=data, content_type=kind)
    if kind.startswith("text/"):
        response.charset = "utf-8"
    response.headers["Content-Disposition"] = disposition
    return response


def _code_of_status(status: int) -> str:
    return {404: "not_found", 405: "method_not_allowed", 413: "too_large"}.get(
        status, "bad_request"
    )


# --- the command's loop -------------------------------------------------------------------


async def serve(
    server: StudioServer,
    port: int,
    *,
    announce: Callable[[str], None],
    stop: asyncio.Event | None = None,
) -> None:
    """Start ``server`` on ``port``, ``announce`` its address, and serve until ``stop`` is
    set (for ever without one: until the task is cancelled, by Ctrl+C). Raises OSError
    when the port cannot be taken."""
    await server.start(port)
    try:
        announce(server.url)
        await (stop or asyncio.Event()).wait()
    finally:
        await server.close()


def stop_on_signals(stop: asyncio.Event, signals: Sequence[int]) -> None:
    loop = asyncio.get_running_loop()
    for number in signals:
        # Windows has no signal handlers in its loop: Ctrl+C alone ends the studio there
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(number, stop.set)


def stop_at_end_of_input(stop: asyncio.Event, stream: BinaryIO) -> threading.Thread:
    """Set ``stop`` (in the running loop) once ``stream`` ends: read in a thread of its
    own, whatever arrives thrown away, until end of file or a read error. The game starts
    the studio with a pipe as its standard input and never writes into it: when the game
    ends, however (quit, crash, killed), the system closes the game's end and the studio
    reads the end of the file, so it never outlives the game. Returns the thread."""
    loop = asyncio.get_running_loop()

    def watch() -> None:
        try:
            while stream.read(4096):
                pass
        except (OSError, ValueError):  # closed under us: as ended
            pass
        with contextlib.suppress(RuntimeError):  # the loop is already closed
            loop.call_soon_threadsafe(stop.set)

    thread = threading.Thread(target=watch, name="studio-parent-watch", daemon=True)
    thread.start()
    return thread
