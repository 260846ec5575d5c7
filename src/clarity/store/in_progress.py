"""The round in progress: one unfinished round per player, saved after every answer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from clarity.core.messages import message
from clarity.store import rows
from clarity.store.models import InProgress, SaveFailed
from clarity.store.sql import Reads, Writes, insert_statement, local_aware, query

_COLUMNS = ("player_id", "pack_id", "snapshot", "updated_at")
_UPSERT = (
    insert_statement("in_progress", _COLUMNS)
    + " ON CONFLICT (player_id) DO UPDATE SET "
    + ", ".join(f"{column} = excluded.{column}" for column in _COLUMNS[1:])
)


def drop(conn: sqlite3.Connection, player_id: int) -> None:
    conn.execute("DELETE FROM in_progress WHERE player_id = ?", (player_id,))


class RoundsInProgress:
    """The round in progress: save it, read it back, drop it."""

    def __init__(self, read: Reads, write: Writes, now: Callable[[], datetime]) -> None:
        self._read = read
        self._write = write
        self._now = now

    def save(self, player_id: int, pack_id: str, snapshot: Mapping[str, Any]) -> SaveFailed | None:
        # A snapshot that is not plain JSON is a bug in the caller: let json raise.
        text = json.dumps(snapshot, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        values = {
            "player_id": player_id,
            "pack_id": pack_id,
            "snapshot": text,
            "updated_at": local_aware(self._now()).isoformat(timespec="seconds"),
        }
        try:
            result = self._write(
                lambda conn: conn.execute(_UPSERT, values),
                message("The round in progress was not saved."),
            )
        except sqlite3.IntegrityError:
            return SaveFailed(
                message("This player was deleted meanwhile; the round was not saved.")
            )
        return result if isinstance(result, SaveFailed) else None

    def find(self, player_id: int) -> InProgress | None:
        def work(conn: sqlite3.Connection) -> InProgress | None:
            row = query(
                conn,
                f"SELECT {', '.join(_COLUMNS)} FROM in_progress WHERE player_id = ?",
                (player_id,),
            ).fetchone()
            if row is None:
                return None
            try:
                snapshot = json.loads(row["snapshot"])
            except (json.JSONDecodeError, TypeError):
                return None  # unreadable: offering to resume it would only fail later
            return rows.in_progress(row, snapshot)

        return self._read(work)

    def drop(self, player_id: int) -> SaveFailed | None:
        result = self._write(
            lambda conn: drop(conn, player_id), message("The round in progress was not dropped.")
        )
        return result if isinstance(result, SaveFailed) else None
