"""One live game per player: a claim on a player's round in progress, held by the OS.

A game that plays as a player claims that player first; another game asking for the same
player while the first one runs (a second window, or another computer on a shared data
folder) is told the player is held elsewhere, so it can offer to play as someone else.

The claim is an OS file lock on ``DATA_DIR/locks/player-<id>.lock``: ``flock(LOCK_EX |
LOCK_NB)`` on POSIX, ``msvcrt.locking(LK_NBLCK)`` on Windows. The operating system drops
the lock when the process that holds it ends, however it ends (closed, crashed, SIGKILL,
a power cut), so a dead game never holds a player and nobody has to guess whether a
holder is alive. A row in SQLite naming the holder (pid, host, start time) would have to
guess exactly that: pids are reused, a pid says nothing about a game on another computer
of a shared folder, and a heartbeat means a write every few seconds plus a timeout during
which a killed game still holds the player. The lock needs no network and no write to the
database.

The lock file is never deleted: deleting it on release would let a game that opened the
old file and one that created a new file both hold "the" lock. It holds a line of JSON
saying which computer and process hold it, for the message only: nothing decides
anything by it.

Where no lock can be taken (a read-only data folder, a file system without locks) the
claim is *unguarded*: the game plays on as it did before claims existed. With a read-only
folder saving is off anyway, so no round can be saved twice.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from clarity.core.messages import Message, message
from clarity.store.models import Player

LOCKS_FOLDER = "locks"
# Windows locks byte ranges, and a locked range cannot be read by anyone else: lock one
# byte far past the holder's note so that a refused game can still read the note.
_WINDOWS_LOCKED_BYTE = 1 << 20
_NOTE_LIMIT = 512  # bytes of the note read back; a longer file is not ours to trust
# What a failed non-blocking lock reports when another open file holds the lock.
_HELD_ERRNOS = frozenset(
    {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLK", errno.EAGAIN)}
)


@dataclass(frozen=True)
class HeldElsewhere:
    """Another running game holds this player; ``said`` says so for the player, to render
    in the interface's language (``message`` is it in English).

    ``host`` and ``pid`` are what that game wrote in the lock file (None when it had not
    written yet); ``here`` tells whether it runs on this computer.
    """

    player: Player
    host: str | None = None
    pid: int | None = None

    @property
    def here(self) -> bool:
        return self.host is None or self.host == _this_host()

    @property
    def said(self) -> Message:
        if self.here:
            return message("{name} is already playing in another window.", name=self.player.name)
        # Translators: {host} is the other computer's network name
        return message(
            "{name} is already playing on another computer ({host}).",
            name=self.player.name,
            host=self.host,
        )

    @property
    def message(self) -> str:
        return str(self.said)


class Claim:
    """This game's hold on one player, until :meth:`release`, or until the process ends.

    ``guarded`` is False when no lock could be taken (see the module's docstring): the
    claim then keeps nobody out. Releasing twice is harmless.
    """

    def __init__(self, player: Player, fd: int | None, path: Path | None) -> None:
        self.player = player
        self._fd = fd
        self.path = path  # the lock file; None when unguarded

    @property
    def guarded(self) -> bool:
        """Whether the lock is held, so that other games are told the player is busy."""
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)  # closing alone drops the lock too; unlocking first says it sooner

    def __enter__(self) -> Claim:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def __repr__(self) -> str:
        state = "guarded" if self.guarded else "unguarded"
        return f"Claim(player={self.player.id}, {state})"


def lock_path(data_dir: Path, player_id: int) -> Path:
    """The lock file of player ``player_id`` in ``data_dir``."""
    return Path(data_dir) / LOCKS_FOLDER / f"player-{player_id}.lock"


def claim_player(data_dir: Path, player: Player) -> Claim | HeldElsewhere:
    """Claim ``player`` for this game, at once, without waiting for anybody.

    Returns the :class:`Claim` (perhaps unguarded, when the folder cannot hold a lock),
    or :class:`HeldElsewhere` when another live game holds the player. Never raises for
    a problem of the folder. One game claims a player once: a second claim of the same
    player in the same process is refused like any other.
    """
    path = lock_path(data_dir, player.id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_NOINHERIT-like by default (PEP 446): a child process never keeps the lock.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    except OSError:
        return Claim(player, None, None)  # read-only or unusable: nothing to guard
    try:
        _lock(fd)
    except OSError as error:
        if error.errno in _HELD_ERRNOS:
            host, pid = _read_note(fd)
            os.close(fd)
            return HeldElsewhere(player, host, pid)
        os.close(fd)  # no locks on this file system (some network shares)
        return Claim(player, None, None)
    _write_note(fd)
    return Claim(player, fd, path)


# -- inside ------------------------------------------------------------------------------


def _this_host() -> str:
    return socket.gethostname()


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCKED_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        # flock, not fcntl's record locks: a flock belongs to the open file, so a second
        # claim in the same process is refused too, and closing another descriptor of the
        # same file elsewhere in the process does not drop it.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _write_note(fd: int) -> None:
    """Say who holds the lock, for the message of a refused game; failing is harmless."""
    note = json.dumps({"host": _this_host(), "pid": os.getpid()}).encode() + b"\n"
    with contextlib.suppress(OSError):
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, note)
        os.ftruncate(fd, len(note))


def _read_note(fd: int) -> tuple[str | None, int | None]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, _NOTE_LIMIT).decode("utf-8"))
    except (OSError, ValueError):  # empty (not written yet), cut short, not ours
        return None, None
    if not isinstance(data, dict):
        return None, None
    host, pid = data.get("host"), data.get("pid")
    return (
        host if isinstance(host, str) and host else None,
        pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
    )
