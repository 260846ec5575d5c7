"""Opening the data folder's store, and what to do when it cannot be used as it is.

``open_store`` never raises for a problem the player's computer can cause: a corrupt
file is moved aside (never deleted) and a fresh one started; a read-only, full or
broken folder turns saving off, with the saved data still readable when possible. The
result carries a notice for the screen and the command line.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clarity.store import problems
from clarity.store.db import (
    DB_FILENAME,
    SCHEMA_VERSION,
    ForeignDatabaseError,
    NewerSchemaError,
    configure,
    connect,
    damage_marker,
    migrate,
    open_connection,
    quick_check,
    schema_version,
)
from clarity.store.problems import Problem
from clarity.store.store import Store

# Files SQLite keeps next to the database; they belong with it when it is moved aside.
_COMPANIONS = ("-wal", "-shm", "-journal")
# Small tables checked on every start; the whole file is too big to check before the
# first frame (see db.quick_check).
_CHECKED_ON_EVERY_START = ("player", "in_progress")


@dataclass(frozen=True)
class StoreOpening:
    """The store (None when there is nothing to read or write) and what to tell the user."""

    store: Store | None
    notice: str | None


def local_now() -> datetime:
    return datetime.now().astimezone()


def open_store(data_dir: Path, *, now: Callable[[], datetime] = local_now) -> StoreOpening:
    """Open (creating if needed) the store in ``data_dir``.

    Cheap enough to call before the first frame (about a millisecond): it creates the
    folder, proves it can be written, opens the file, checks the schema version and the
    small tables; migrations only run when the version is behind.
    """
    data_dir = Path(data_dir)
    path = data_dir / DB_FILENAME
    folder_problem = _folder_problem(data_dir)
    if folder_problem is not None:
        notice = problems.saving_off(*folder_problem)
        return StoreOpening(_open_read_only(path, now, notice), notice)
    try:
        return StoreOpening(_open_writable(path, now), None)
    except _Unreadable as unreadable:
        if unreadable.aside is None:
            detail = f"{path.name} cannot be read, nor moved aside: {unreadable.reason}"
            return StoreOpening(None, problems.saving_off(Problem.UNUSABLE, data_dir, detail))
        notice = problems.moved_aside(path, unreadable.aside)
    except NewerSchemaError:
        return StoreOpening(None, problems.newer_version(path))
    except sqlite3.DatabaseError as error:
        problem = problems.problem_of(error)
        if problem is None:
            raise
        notice = problems.saving_off(problem, data_dir, str(error))
        return StoreOpening(_open_read_only(path, now, notice), notice)
    # The unreadable file is out of the way: start a fresh one.
    try:
        return StoreOpening(_open_writable(path, now), notice)
    except (_Unreadable, NewerSchemaError, sqlite3.DatabaseError) as error:
        detail = getattr(error, "reason", str(error))
        problem = problems.problem_of(error) or Problem.UNUSABLE
        return StoreOpening(None, problems.saving_off(problem, data_dir, detail))


class _Unreadable(Exception):
    """The file is not a usable database of ours; ``aside`` is where it went (or None)."""

    def __init__(self, aside: Path | None, reason: str) -> None:
        super().__init__(reason)
        self.aside = aside
        self.reason = reason


def _open_writable(path: Path, now: Callable[[], datetime]) -> Store:
    """Open, migrate and check the file; raise _Unreadable once it is moved aside.

    Every start checks the small tables; the whole file is checked only when a previous
    session saw SQLite report damage (it left the marker file).
    """
    marker = damage_marker(path)
    conn = open_connection(path)
    try:
        configure(conn)
        migrate(conn)
        suspect = marker.exists()
        if not quick_check(conn, *(() if suspect else _CHECKED_ON_EVERY_START)):
            raise _Unreadable(None, "PRAGMA quick_check found damage")
        if suspect:
            marker.unlink(missing_ok=True)
    except (sqlite3.DatabaseError, ForeignDatabaseError, _Unreadable) as error:
        unreadable = isinstance(error, ForeignDatabaseError | _Unreadable) or (
            problems.problem_of(error) is Problem.CORRUPT
        )
        if not unreadable:
            conn.close()
            raise
        raise _move_aside_then_close(conn, path, now(), str(error)) from error
    except BaseException:
        conn.close()
        raise
    return Store(conn, path, now=now)


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
    """Rename ``path`` to ``<name>.corrupt-YYYYMMDD-HHMMSS`` beside it; never delete it."""
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", *_COMPANIONS)):
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    # Companions first: a kill between two renames must not leave an old -wal beside a
    # fresh database, where SQLite would try to replay it.
    for suffix in _COMPANIONS:
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


def _open_read_only(path: Path, now: Callable[[], datetime], notice: str) -> Store | None:
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
