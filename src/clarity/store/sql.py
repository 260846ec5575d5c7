"""What the store's parts share: the shapes of the two funnels, rows read by name, and
INSERT statements built from column names.

The parts never hold the connection: they hand ``work`` (a callable taking the
``sqlite3.Connection``) to the Store's read or write funnel, the one place that runs it.
Table and column names here always come from our code, never from a user.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol, TypeVar

from clarity.core.messages import Message
from clarity.store.models import SaveFailed

T = TypeVar("T")

Work = Callable[[sqlite3.Connection], T]


class Reads(Protocol):
    """The Store's read funnel: runs ``work`` on the connection and returns its result."""

    def __call__(self, work: Callable[[sqlite3.Connection], T]) -> T: ...


class Writes(Protocol):
    """The Store's write funnel: runs ``work`` in one write transaction; a folder problem
    comes back as SaveFailed, whose message ends with ``what`` (the sentence that says
    what this write would have kept: "The player was not added.")."""

    def __call__(
        self, work: Callable[[sqlite3.Connection], T], what: Message
    ) -> T | SaveFailed: ...


def local_aware(moment: datetime) -> datetime:
    """A datetime with its UTC offset; a naive one is taken as the computer's local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def query(conn: sqlite3.Connection, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
    """Run ``sql``; its rows come as dicts of column name: value, read by name.

    The row factory is set on this cursor only, once its columns are known: the
    connection stays as it was given, so checks that compare plain tuples
    (``quick_check``) keep working on it. (A dict is also three times quicker to read
    by name than :class:`sqlite3.Row`, which the export of every round feels.)
    """
    cursor = conn.execute(sql, parameters)
    if cursor.description is not None:
        names = tuple(column[0] for column in cursor.description)
        cursor.row_factory = lambda _cursor, values: dict(zip(names, values, strict=True))
    return cursor


def insert_statement(table: str, columns: Iterable[str]) -> str:
    """``INSERT INTO table (a, b) VALUES (:a, :b)`` for named parameters."""
    names = tuple(columns)
    return (
        f"INSERT INTO {table} ({', '.join(names)}) "
        f"VALUES ({', '.join(f':{name}' for name in names)})"
    )


def insert(conn: sqlite3.Connection, table: str, values: Mapping[str, object]) -> int:
    """Insert one row given as column: value; return its rowid."""
    cursor = conn.execute(insert_statement(table, values), values)
    return int(cursor.lastrowid or 0)


def insert_many(
    conn: sqlite3.Connection,
    table: str,
    columns: Iterable[str],
    rows: Iterable[Mapping[str, object]],
) -> None:
    """Insert rows that each give a value for every one of ``columns``."""
    conn.executemany(insert_statement(table, columns), rows)
