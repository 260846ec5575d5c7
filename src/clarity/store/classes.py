"""A teacher's classes: named lists of players, made, renamed, filled, emptied and deleted.

A class's name follows the rules of a player's name (:func:`clarity.store.names.clean_name`)
and is unique whatever its case, as a player's is. A player may be in several classes;
deleting a player or a class deletes their memberships with them (the schema cascades).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from clarity.core.messages import message
from clarity.store import rows
from clarity.store.models import Enrolment, NameRejected, Player, SaveFailed, SchoolClass
from clarity.store.names import clean_name, name_key
from clarity.store.rows import Fields, Row
from clarity.store.sql import Reads, Writes, insert, local_aware, query

_CLASS = "SELECT id, name, created_at FROM school_class"
_MEMBERS = (
    "SELECT m.class_id, p.id, p.name, p.created_at, p.extra_time"
    " FROM class_member m JOIN player p ON p.id = m.player_id"
)


def school_class(row: Row, members: Sequence[Player] = ()) -> SchoolClass:
    """A class from a row of ``school_class`` (id, name, created_at) and its members.

    Raises :class:`~clarity.store.problems.UnreadableRow` for a value the schema does not
    promise (the store handles it as damage)."""
    fields = Fields("school_class", row, row["id"])
    return SchoolClass(
        id=fields.integer("id"),
        name=fields.text("name"),
        created_at=fields.moment("created_at"),
        members=tuple(members),
    )


def _members(
    conn: sqlite3.Connection, where: str = "", parameters: object = ()
) -> dict[int, list[Player]]:
    """The members of the classes ``where`` picks (on ``m``, the membership), by class id,
    each list by name."""
    found: dict[int, list[Player]] = {}
    sql = f"{_MEMBERS} {where} ORDER BY p.name_key, p.id"
    for row in query(conn, sql, parameters):
        found.setdefault(row["class_id"], []).append(rows.player(row))
    return found


def _classes(
    conn: sqlite3.Connection, where: str = "", parameters: object = ()
) -> list[SchoolClass]:
    """The classes ``where`` picks (on the class's own columns), by name, with members."""
    picked = query(conn, f"{_CLASS} {where} ORDER BY name_key, id", parameters).fetchall()
    if not picked:
        return []
    members = _members(conn)
    return [school_class(row, members.get(row["id"], ())) for row in picked]


def _found(conn: sqlite3.Connection, class_id: int) -> SchoolClass:
    found = _classes(conn, "WHERE id = ?", (class_id,))
    if not found:
        raise KeyError(class_id)  # rolled back by the write funnel: nothing is saved
    return found[0]


class Classes:
    """The classes: create, rename, delete, members in and out, lookups."""

    def __init__(self, read: Reads, write: Writes, now: Callable[[], datetime]) -> None:
        self._read = read
        self._write = write
        self._now = now

    def all(self) -> list[SchoolClass]:
        return self._read(_classes)

    def by_name(self, name: str) -> SchoolClass | None:
        cleaned = clean_name(name)
        if isinstance(cleaned, NameRejected):
            return None
        found = self._read(lambda conn: _classes(conn, "WHERE name_key = ?", (name_key(cleaned),)))
        return found[0] if found else None

    def of_player(self, player_id: int) -> list[SchoolClass]:
        return self._read(
            lambda conn: _classes(
                conn,
                "WHERE id IN (SELECT class_id FROM class_member WHERE player_id = ?)",
                (player_id,),
            )
        )

    def create(self, name: str) -> SchoolClass | NameRejected | SaveFailed:
        cleaned = clean_name(name)
        if isinstance(cleaned, NameRejected):
            return cleaned
        created = self._moment()

        def work(conn: sqlite3.Connection) -> SchoolClass:
            return SchoolClass(_insert_class(conn, cleaned, created), cleaned, created)

        try:
            return self._write(work, message("The class was not made."))
        except sqlite3.IntegrityError:
            return self._duplicate(cleaned)

    def rename(self, class_id: int, new_name: str) -> SchoolClass | NameRejected | SaveFailed:
        cleaned = clean_name(new_name)
        if isinstance(cleaned, NameRejected):
            return cleaned

        def work(conn: sqlite3.Connection) -> SchoolClass:
            conn.execute(
                "UPDATE school_class SET name = ?, name_key = ? WHERE id = ?",
                (cleaned, name_key(cleaned), class_id),
            )
            return _found(conn, class_id)

        try:
            return self._write(work, message("The class was not renamed."))
        except sqlite3.IntegrityError:
            return self._duplicate(cleaned)

    def delete(self, class_id: int) -> SaveFailed | None:
        """Delete the class and its memberships; its players stay, with their rounds."""

        def work(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM school_class WHERE id = ?", (class_id,))

        result = self._write(work, message("The class was not deleted."))
        return result if isinstance(result, SaveFailed) else None

    def add(self, class_id: int, player_ids: Iterable[int]) -> SchoolClass | SaveFailed:
        """Put players in the class (one already in it stays, once)."""
        ids = tuple(player_ids)

        def work(conn: sqlite3.Connection) -> SchoolClass:
            _found(conn, class_id)  # an unknown class is a KeyError before anything is written
            _add_members(conn, class_id, ids)
            return _found(conn, class_id)

        return self._write(work, message("The class was not changed."))

    def remove(self, class_id: int, player_ids: Iterable[int]) -> SchoolClass | SaveFailed:
        """Take players out of the class (one not in it is no error); they stay players."""
        ids = [{"class_id": class_id, "player_id": player_id} for player_id in player_ids]

        def work(conn: sqlite3.Connection) -> SchoolClass:
            conn.executemany(
                "DELETE FROM class_member WHERE class_id = :class_id AND player_id = :player_id",
                ids,
            )
            return _found(conn, class_id)

        return self._write(work, message("The class was not changed."))

    def enrol(
        self, class_name: str, player_names: Sequence[str]
    ) -> Enrolment | NameRejected | SaveFailed:
        """Put the players named in the class named, making the class and any player no
        one has the name of, in one transaction: all of it is saved, or none.

        Names are matched as :meth:`Players.by_name` does (whatever the case and
        spacing); the same name twice is one player. A name the rules refuse comes back as
        its NameRejected, before anything is written.
        """
        cleaned_class = clean_name(class_name)
        if isinstance(cleaned_class, NameRejected):
            return cleaned_class
        wanted: dict[str, str] = {}
        for name in player_names:
            cleaned = clean_name(name)
            if isinstance(cleaned, NameRejected):
                return cleaned
            wanted.setdefault(name_key(cleaned), cleaned)
        moment = self._moment()

        def work(conn: sqlite3.Connection) -> Enrolment:
            key = name_key(cleaned_class)
            row = conn.execute("SELECT id FROM school_class WHERE name_key = ?", (key,)).fetchone()
            class_id = row[0] if row else _insert_class(conn, cleaned_class, moment)
            ids: list[int] = []
            made: list[Player] = []
            for player_key, cleaned in wanted.items():
                found = conn.execute(
                    "SELECT id FROM player WHERE name_key = ?", (player_key,)
                ).fetchone()
                if found is None:
                    values = {
                        "name": cleaned,
                        "name_key": player_key,
                        "created_at": moment.isoformat(timespec="seconds"),
                    }
                    made.append(Player(insert(conn, "player", values), cleaned, moment))
                    ids.append(made[-1].id)
                else:
                    ids.append(found[0])
            _add_members(conn, class_id, ids)
            return Enrolment(_found(conn, class_id), row is None, tuple(made))

        return self._write(work, message("The class was not changed."))

    def _moment(self) -> datetime:
        return local_aware(self._now()).replace(microsecond=0)

    def _duplicate(self, cleaned: str) -> NameRejected:
        existing = self.by_name(cleaned)
        shown = existing.name if existing else cleaned
        return NameRejected(message("There is already a class called {name}.", name=shown))


def _insert_class(conn: sqlite3.Connection, cleaned: str, created: datetime) -> int:
    values = {
        "name": cleaned,
        "name_key": name_key(cleaned),
        "created_at": created.isoformat(timespec="seconds"),
    }
    return insert(conn, "school_class", values)


def _add_members(conn: sqlite3.Connection, class_id: int, player_ids: Iterable[int]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO class_member (class_id, player_id) VALUES (:class_id, :player_id)",
        [{"class_id": class_id, "player_id": player_id} for player_id in player_ids],
    )
