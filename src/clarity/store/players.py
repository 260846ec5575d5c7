"""The players: create, rename, give extra time, delete with everything saved about them, find."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime

from clarity.core.messages import message
from clarity.core.scoring import TIME_SCALES
from clarity.store import class_games, rows
from clarity.store.models import NameRejected, Player, SaveFailed
from clarity.store.names import clean_name, name_key
from clarity.store.sql import Reads, Writes, insert, local_aware, query

_PLAYER = "SELECT id, name, created_at, extra_time FROM player"


def find(conn: sqlite3.Connection, player_id: int) -> Player | None:
    row = query(conn, f"{_PLAYER} WHERE id = ?", (player_id,)).fetchone()
    return rows.player(row) if row else None


def _found(conn: sqlite3.Connection, player_id: int) -> Player:
    found = find(conn, player_id)
    if found is None:
        raise KeyError(player_id)  # rolled back by the write funnel: nothing is saved
    return found


class Players:
    """The players: create, rename, extra time, delete, lookups."""

    def __init__(self, read: Reads, write: Writes, now: Callable[[], datetime]) -> None:
        self._read = read
        self._write = write
        self._now = now

    def create(self, name: str) -> Player | NameRejected | SaveFailed:
        cleaned = clean_name(name)
        if isinstance(cleaned, NameRejected):
            return cleaned
        created = local_aware(self._now()).replace(microsecond=0)
        values = {
            "name": cleaned,
            "name_key": name_key(cleaned),
            "created_at": created.isoformat(timespec="seconds"),
        }

        def work(conn: sqlite3.Connection) -> Player:
            return Player(insert(conn, "player", values), cleaned, created)  # extra time x1

        try:
            return self._write(work, message("The player was not added."))
        except sqlite3.IntegrityError:
            return self._duplicate(cleaned)

    def all(self) -> list[Player]:
        return self._read(
            lambda conn: [
                rows.player(row) for row in query(conn, f"{_PLAYER} ORDER BY name_key, id")
            ]
        )

    def by_id(self, player_id: int) -> Player | None:
        return self._read(lambda conn: find(conn, player_id))

    def by_name(self, name: str) -> Player | None:
        cleaned = clean_name(name)
        if isinstance(cleaned, NameRejected):
            return None
        key = name_key(cleaned)

        def work(conn: sqlite3.Connection) -> Player | None:
            row = query(conn, f"{_PLAYER} WHERE name_key = ?", (key,)).fetchone()
            return rows.player(row) if row else None

        return self._read(work)

    def get_or_create(self, name: str) -> Player | NameRejected | SaveFailed:
        found = self.by_name(name)
        if found is not None:
            return found
        created = self.create(name)
        if isinstance(created, NameRejected):
            # Another game process may have created the same player a moment ago.
            return self.by_name(name) or created
        return created

    def rename(self, player_id: int, new_name: str) -> Player | NameRejected | SaveFailed:
        cleaned = clean_name(new_name)
        if isinstance(cleaned, NameRejected):
            return cleaned

        def work(conn: sqlite3.Connection) -> Player:
            conn.execute(
                "UPDATE player SET name = ?, name_key = ? WHERE id = ?",
                (cleaned, name_key(cleaned), player_id),
            )
            return _found(conn, player_id)

        try:
            return self._write(work, message("The player was not renamed."))
        except sqlite3.IntegrityError:
            return self._duplicate(cleaned)

    def set_extra_times(self, extra_times: Mapping[int, float | None]) -> list[Player] | SaveFailed:
        for extra_time in extra_times.values():
            if isinstance(extra_time, bool) or extra_time not in TIME_SCALES:
                raise ValueError(f"extra time is one of {TIME_SCALES}, not {extra_time!r}")

        def work(conn: sqlite3.Connection) -> list[Player]:
            saved: list[Player] = []
            for player_id, extra_time in extra_times.items():
                scale = None if extra_time is None else float(extra_time)
                conn.execute("UPDATE player SET extra_time = ? WHERE id = ?", (scale, player_id))
                saved.append(_found(conn, player_id))
            return saved

        return self._write(work, message("The extra time was not saved."))

    def delete(self, player_id: int) -> SaveFailed | None:
        """Delete the player and, by the schema's cascade, their rounds, answers, guesses,
        trophies, round in progress and places in classes, and their id from every class
        game's teams (:func:`~clarity.store.class_games.forget_member`), in one transaction,
        leaving no readable trace in the file or its log."""

        def work(conn: sqlite3.Connection) -> None:
            # Zeroes the deleted rows and freed pages as this transaction writes them, so
            # the name and the typed answers do not linger in free space (a student's
            # right to be forgotten).
            (was,) = conn.execute("PRAGMA secure_delete").fetchone()
            conn.execute("PRAGMA secure_delete = ON")
            try:
                conn.execute("DELETE FROM player WHERE id = ?", (player_id,))
                class_games.forget_member(conn, player_id)
            finally:
                conn.execute(f"PRAGMA secure_delete = {int(was)}")

        result = self._write(work, message("The player was not deleted."))
        if isinstance(result, SaveFailed):
            return result
        self._read(_empty_the_log)
        return None

    def _duplicate(self, cleaned: str) -> NameRejected:
        existing = self.by_name(cleaned)
        shown = existing.name if existing else cleaned
        return NameRejected(message("There is already a player called {name}.", name=shown))


def _empty_the_log(conn: sqlite3.Connection) -> None:
    """Copy the log into the database file and truncate it, so the pages from before a
    deletion leave the ``-wal`` file too.

    Another game reading at this moment makes the checkpoint stop short (it says busy,
    or the busy timeout runs out); that is not an error: the deletion is committed, and
    the next checkpoint (SQLite runs one as the log grows, and at the last close) does it.
    """
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
