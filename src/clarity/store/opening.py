"""Opening the data folder's store, and what to do when it cannot be used as it is.

``open_store`` never raises for a problem the player's computer can cause: a damaged
file is copied aside and repaired (see :mod:`clarity.store.repair`), a file that is not
ours is moved aside (never deleted) and a fresh one started; a read-only, full or
broken folder turns saving off, with the saved data still readable when possible. The
result carries a notice for the screen and the command line.

``open_for_reading`` is for the teacher's commands that only read: it changes nothing in
the data folder, and says that the data is damaged instead of repairing it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clarity.core.messages import Message, message
from clarity.store import problems
from clarity.store.db import (
    DB_FILENAME,
    SCHEMA_VERSION,
    ForeignDatabaseError,
    NewerSchemaError,
    configure,
    connect,
    damage_marker,
    has_our_tables,
    migrate,
    open_connection,
    quick_check,
    schema_version,
)
from clarity.store.problems import Problem, StoreDamaged
from clarity.store.repair import (
    COMPANIONS,
    Repair,
    RepairFailed,
    damaged_copy_name,
    remove_leftovers_of_killed_repairs,
    repair,
    repair_lock,
)
from clarity.store.store import Store

# Small tables checked on every start; the whole file is too big to check before the
# first frame (see db.quick_check).
_CHECKED_ON_EVERY_START = ("player", "in_progress")


@dataclass(frozen=True)
class StoreOpening:
    """The store (None when there is nothing to read or write) and what to tell the user:
    ``notice_said``, to render in the interface's language (None: nothing to tell)."""

    store: Store | None
    notice_said: Message | None

    @property
    def notice(self) -> str | None:
        """:attr:`notice_said` in English."""
        return None if self.notice_said is None else str(self.notice_said)


def local_now() -> datetime:
    return datetime.now().astimezone()


def open_store(
    data_dir: Path, *, now: Callable[[], datetime] = local_now, check_everything: bool = False
) -> StoreOpening:
    """Open (creating if needed) the store in ``data_dir``.

    Cheap enough to call before the first frame (about a millisecond): it creates the
    folder, proves it can be written, opens the file, checks the schema version and the
    small tables; migrations only run when the version is behind. Damage found now is
    repaired now (:mod:`clarity.store.repair`); damage found later, by the store.
    ``check_everything`` checks every page first (``PRAGMA quick_check``: about 0.4 s for
    100,000 rounds), for ``clarity repair``.
    """
    data_dir = Path(data_dir)
    path = data_dir / DB_FILENAME
    folder_problem = _folder_problem(data_dir)
    if folder_problem is not None:
        notice = problems.saving_off(*folder_problem)
        return StoreOpening(_open_read_only(path, now, notice), notice)
    try:
        return StoreOpening(_open_writable(path, now, check_everything=check_everything), None)
    except _Unreadable as unreadable:
        if unreadable.aside is None:
            # Translators: {reason} is what SQLite and the system said, in English
            detail = message(
                "{file} cannot be read, nor moved aside: {reason}",
                file=path.name,
                reason=unreadable.reason,
            )
            return StoreOpening(None, problems.saving_off(Problem.UNUSABLE, data_dir, detail))
        notice = problems.moved_aside(path, unreadable.aside)
    except _Repaired as repaired:
        notice = repaired.repair.said
    except RepairFailed as failed:
        return StoreOpening(None, problems.repair_failed(path, failed.reason))
    except NewerSchemaError:
        return StoreOpening(None, problems.newer_version(path))
    except sqlite3.DatabaseError as error:
        problem = problems.problem_of(error)
        if problem is None:
            raise
        notice = problems.saving_off(problem, data_dir, str(error))
        return StoreOpening(_open_read_only(path, now, notice), notice)
    # The damaged or foreign file is out of the way: open what took its place, once.
    try:
        return StoreOpening(_open_writable(path, now, may_repair=False), notice)
    except (_Unreadable, _Repaired, RepairFailed, NewerSchemaError, sqlite3.DatabaseError) as e:
        detail: Message | str = getattr(e, "reason", str(e))
        problem = problems.problem_of(e) or Problem.UNUSABLE
        return StoreOpening(None, problems.saving_off(problem, data_dir, detail))


def open_for_reading(data_dir: Path, *, now: Callable[[], datetime] = local_now) -> StoreOpening:
    """The saved data in ``data_dir`` for a command that only reads, changing nothing there.

    Returns the store (which never writes, and raises :class:`StoreDamaged` when a read
    finds damage) or None with the notice that says why there is none. Raises
    :class:`StoreDamaged` when the file is damaged already at opening. Without a ``-wal``
    file the connection is an ordinary one that SQL may not write through (``query_only``):
    SQLite then removes the ``-wal`` and ``-shm`` it makes for reading when it closes. With
    one (a game is running, or one was killed) it is opened read-only, which leaves the
    log exactly as it is for the game to replay.
    """
    path = Path(data_dir) / DB_FILENAME
    if not path.is_file():
        return StoreOpening(None, None)
    reason: Message | str = message("it cannot be opened")
    # A read-only mount lets SQLite make no -shm file: only the immutable form opens there.
    for how in ways_to_read(path):
        try:
            conn = connect_for_reading(path, how)
        except sqlite3.DatabaseError as error:
            if problems.is_damage(error):
                raise StoreDamaged(path, str(error)) from error
            reason = str(error)
            continue
        try:
            return _checked_for_reading(conn, path, now)
        except sqlite3.DatabaseError as error:
            conn.close()
            if problems.is_damage(error):
                raise StoreDamaged(path, str(error)) from error
            reason = str(error)
        except BaseException:
            conn.close()
            raise
    return StoreOpening(None, problems.cannot_read(path, reason))


# The ways open_for_reading tries, in order: the first that opens and reads is used.
WAYS_TO_READ = ("query only", "read-only", "immutable")


def ways_to_read(path: Path) -> tuple[str, ...]:
    """The :data:`WAYS_TO_READ` that may be tried on ``path``, in order: not "query only"
    when a ``-wal`` is there, since closing that connection would fold the log into the
    file; the log is read as it is instead."""
    has_log = Path(f"{path}-wal").exists()
    return tuple(how for how in WAYS_TO_READ if not (has_log and how == "query only"))


def connect_for_reading(path: Path, how: str) -> sqlite3.Connection:
    """A connection to ``path`` that only reads, one of :data:`WAYS_TO_READ` (or raise)."""
    if how != "query only":
        return connect(path, read_only=True, immutable=how == "immutable")
    conn = open_connection(path)
    try:
        conn.execute("PRAGMA query_only = ON")
        configure(conn, read_only=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the log
    except BaseException:
        conn.close()
        raise
    return conn


def _checked_for_reading(
    conn: sqlite3.Connection, path: Path, now: Callable[[], datetime]
) -> StoreOpening:
    """The opening of a connection for reading, or raise sqlite3 errors (conn open)."""
    version = schema_version(conn)
    if version == 0 and has_our_tables(conn):
        raise StoreDamaged(path, message("our tables are there, but the schema version is lost"))
    if version != SCHEMA_VERSION:
        conn.close()
        if version > SCHEMA_VERSION:
            return StoreOpening(None, problems.newer_version(path))
        return StoreOpening(None, problems.older_version(path))
    if not quick_check(conn, *_CHECKED_ON_EVERY_START):
        raise StoreDamaged(path, message("PRAGMA quick_check found damage"))
    return StoreOpening(Store(conn, path, now=now, saving=False, may_repair=False), None)


def check_and_repair(data_dir: Path, *, now: Callable[[], datetime] = local_now) -> StoreOpening:
    """Check every page and every row of the saved data in ``data_dir``, and repair it if
    it is damaged (``clarity repair``). The notice says what was repaired, or why nothing
    could be; None when all is whole."""
    opening = open_store(data_dir, now=now, check_everything=True)
    store = opening.store
    if store is None or not store.saving:
        return opening
    repairs = store.read_every_row()  # a row that makes no sense is damage too
    return StoreOpening(store, problems.one_after_another(opening.notice_said, *repairs))


class _Unreadable(Exception):
    """The file is not a database of ours; ``aside`` is where it went (or None)."""

    def __init__(self, aside: Path | None, reason: str) -> None:
        super().__init__(reason)
        self.aside = aside
        self.reason = reason


class _Repaired(Exception):
    """The file was damaged, and is repaired: open it again."""

    def __init__(self, repair: Repair) -> None:
        super().__init__(str(repair.said))
        self.repair = repair


def _open_writable(
    path: Path,
    now: Callable[[], datetime],
    *,
    may_repair: bool = True,
    check_everything: bool = False,
) -> Store:
    """Open, migrate and check the file.

    Raises _Repaired once damage is repaired, _Unreadable once a file that is not ours is
    moved aside, RepairFailed when the damage could not be repaired (or is still there
    after a repair, ``may_repair`` False). Every start checks the small tables; the whole
    file is checked only when an earlier version saw SQLite report damage (it left the
    marker file).
    """
    remove_leftovers_of_killed_repairs(path)
    marker = damage_marker(path)
    everything = check_everything or marker.exists()
    try:
        conn = _opened_and_checked(path, now, everything=everything)
    except _DamageFound as found:
        # The damaged file's connection stays open until its copy is made: closing it,
        # SQLite would tidy away a -wal it could not use, which may hold recent rounds.
        try:
            if not may_repair:
                raise RepairFailed(problems.still_damaged(found)) from found
            with repair_lock(path):
                try:  # another game may have repaired it while this one waited
                    conn = _opened_and_checked(path, now, everything=everything)
                except _DamageFound as again:
                    again.conn.close()
                    raise _Repaired(repair(path, now(), close=found.conn.close)) from found
        finally:
            found.conn.close()
    marker.unlink(missing_ok=True)
    return Store(conn, path, now=now)


class _DamageFound(Exception):
    """The file is damaged: what SQLite said, and the connection, still open."""

    def __init__(self, reason: str, conn: sqlite3.Connection) -> None:
        super().__init__(reason)
        self.conn = conn


def _opened_and_checked(
    path: Path, now: Callable[[], datetime], *, everything: bool
) -> sqlite3.Connection:
    """A connection to the file, migrated and checked (every page, or the small tables).

    Raises _DamageFound for damage (with the connection, open), _Unreadable once a file
    that is not ours is moved aside; other errors as SQLite raised them, closed.
    """
    conn = open_connection(path)
    try:
        configure(conn)
        migrate(conn)
        if not quick_check(conn, *(() if everything else _CHECKED_ON_EVERY_START)):
            raise sqlite3.DatabaseError("PRAGMA quick_check found damage")
    except ForeignDatabaseError as error:
        raise _move_aside_then_close(conn, path, now(), str(error)) from error
    except sqlite3.DatabaseError as error:
        if problems.is_damage(error) or "quick_check" in str(error):
            raise _DamageFound(str(error), conn) from error
        conn.close()
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def _move_aside_then_close(
    conn: sqlite3.Connection, path: Path, moment: datetime, reason: str
) -> _Unreadable:
    """Move the file aside, before closing when the system allows it.

    Closing first would let SQLite tidy up: as the last connection it deletes a ``-wal``
    file it could not use, and that file may hold the only copy of recent rounds.
    Windows does not rename open files; there we close first and move what is left.
    """
    try:
        aside: Path | None = move_aside(path, moment)
    except OSError:
        aside = None
    conn.close()
    if aside is None:
        try:
            aside = move_aside(path, moment)
        except OSError as error:
            return _Unreadable(None, f"{reason}; {error.strerror or error}")
    return _Unreadable(aside, reason)


def move_aside(path: Path, moment: datetime) -> Path:
    """Rename ``path`` to ``<name>.corrupt-YYYYMMDD-HHMMSS`` beside it (the name a damaged
    file's copy gets, :func:`clarity.store.repair.damaged_copy_name`); never delete it."""
    aside = damaged_copy_name(path, moment)
    # Companions first: a kill between two renames must not leave an old -wal beside a
    # fresh database, where SQLite would try to replay it.
    for suffix in COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.rename(companion, f"{aside}{suffix}")
    os.rename(path, aside)
    damage_marker(path).unlink(missing_ok=True)  # our own empty flag, not saved data
    return aside


def _folder_problem(data_dir: Path) -> tuple[Problem, Path, str] | None:
    """Create the folder and prove it takes a new file: the arguments for the notice.

    Permission bits do not tell the truth (root ignores them; a read-only mount or a full
    disk does not show in them), so the probe really creates and removes a file.
    """
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe = data_dir / f".clarity-probe-{os.getpid()}"
        os.close(os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
        os.unlink(probe)
    except OSError as error:
        problem = problems.problem_of(error) or Problem.UNUSABLE
        return problem, data_dir, error.strerror or str(error)
    return None


def _open_read_only(path: Path, now: Callable[[], datetime], notice: Message) -> Store | None:
    """The saved data, readable but not writable, so the lists and leaderboards still show."""
    if not path.is_file():
        return None
    # Plain read-only first; on a read-only mount SQLite cannot make the -shm file a
    # WAL database needs, and only the immutable form opens.
    for immutable in (False, True):
        try:
            conn = connect(path, read_only=True, immutable=immutable)
        except sqlite3.Error:
            continue
        try:
            if schema_version(conn) == SCHEMA_VERSION:
                conn.execute("SELECT count(*) FROM player").fetchone()
                return Store(conn, path, now=now, notice=notice, saving=False)
        except sqlite3.Error:
            pass
        conn.close()
    return None
