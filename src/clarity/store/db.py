"""The SQLite file: connecting with the right pragmas, and the schema's forward migrations.

Durability choice: ``journal_mode=WAL`` with ``synchronous=FULL``. In WAL mode a commit
appends to the ``-wal`` file; with FULL the WAL is fsynced before ``COMMIT`` returns.
Surviving SIGKILL alone only needs the bytes to reach the operating system (NORMAL would
do, since the kernel keeps them after the process dies), but FULL also keeps a round the
game has shown as saved through a power cut or an OS crash, which on a classroom laptop
whose battery runs flat is the more likely accident. We commit a few times a round (one
snapshot per answer, one finished round), so the price of an fsync per commit is small;
``benchmarks/bench_store.py`` measures it.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import time
from pathlib import Path
from typing import Any

DB_FILENAME = "clarity.sqlite3"
_TEXT_FROM_BYTES = functools.partial(str, encoding="utf-8", errors="replace")
BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another game process before giving up

# Each migration is a list of SQL statements that takes the schema from version N to N+1
# (its index + 1). Migrations are applied in order, each in its own transaction together
# with the ``user_version`` it reaches, so a kill half-way leaves the previous version.
# Append new steps; never edit a step that has shipped.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: players and their finished rounds, with every answer, guess and trophy.
    (
        """
        CREATE TABLE player (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,  -- casefolded name: unique whatever the case
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE round (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            player_id INTEGER NOT NULL REFERENCES player(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            pack_sha256 TEXT NOT NULL,
            mystery_index INTEGER NOT NULL,
            mystery_image TEXT NOT NULL,
            mystery_answer TEXT NOT NULL,
            seed INTEGER NOT NULL,
            timer INTEGER NOT NULL,
            streaks INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            score INTEGER NOT NULL,
            base_points INTEGER NOT NULL,
            time_bonus INTEGER NOT NULL,
            streak_bonus INTEGER NOT NULL,
            image_bonus INTEGER NOT NULL,
            penalty INTEGER NOT NULL,
            best_possible INTEGER NOT NULL,
            right_count INTEGER NOT NULL,
            wrong_count INTEGER NOT NULL,
            longest_streak INTEGER NOT NULL,
            total_tiles INTEGER NOT NULL,
            hidden_at_guess INTEGER NOT NULL,
            seconds_played REAL NOT NULL,
            medal TEXT CHECK (medal IN ('bronze', 'silver', 'gold')),
            played_at TEXT NOT NULL,  -- ISO 8601 with the player's UTC offset, for display
            played_ts REAL NOT NULL,  -- seconds since the epoch, for ordering
            played_day TEXT NOT NULL  -- the player's local date, for "rounds in a day"
        )
        """,
        # A pack's leaderboard: each player's best round is one index seek.
        """
        CREATE INDEX round_by_pack_player_score
            ON round (pack_id, player_id, score DESC, played_ts)
        """,
        # Everything of one player, newest last: history reads it backwards, and it
        # covers the columns the statistics and the players' list add up, so those
        # never touch the wide round rows.
        """
        CREATE INDEX round_by_player_time
            ON round (player_id, played_ts, played_day, pack_id, medal, right_count, score)
        """,
        """
        CREATE TABLE answer (
            round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            question_index INTEGER NOT NULL,
            question_id TEXT,
            response TEXT,
            is_right INTEGER NOT NULL,
            seconds REAL NOT NULL,
            base_points INTEGER NOT NULL,
            time_bonus INTEGER NOT NULL,
            streak_bonus INTEGER NOT NULL,
            image_bonus INTEGER NOT NULL,
            penalty INTEGER NOT NULL,
            streak INTEGER NOT NULL,
            timed_out INTEGER NOT NULL,
            PRIMARY KEY (round_id, number)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE guess (
            round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            guess TEXT NOT NULL,
            is_right INTEGER NOT NULL,
            hidden_tiles INTEGER NOT NULL,
            total_tiles INTEGER NOT NULL,
            base_points INTEGER NOT NULL,
            time_bonus INTEGER NOT NULL,
            streak_bonus INTEGER NOT NULL,
            image_bonus INTEGER NOT NULL,
            penalty INTEGER NOT NULL,
            final INTEGER NOT NULL,
            seconds REAL NOT NULL,
            PRIMARY KEY (round_id, number)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE round_trophy (
            round_id INTEGER NOT NULL REFERENCES round(id) ON DELETE CASCADE,
            trophy_id TEXT NOT NULL,
            -- copied from the round so that a player's trophy cabinet is one index range
            player_id INTEGER NOT NULL REFERENCES player(id) ON DELETE CASCADE,
            played_ts REAL NOT NULL,
            PRIMARY KEY (round_id, trophy_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX round_trophy_by_player ON round_trophy (player_id, trophy_id, played_ts)",
    ),
    # 2: the round in progress, saved after every answer so that it can be resumed.
    (
        """
        CREATE TABLE in_progress (
            player_id INTEGER PRIMARY KEY REFERENCES player(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            snapshot TEXT NOT NULL,  -- JSON from the core round's snapshot()
            updated_at TEXT NOT NULL
        )
        """,
    ),
    # 3: extra time. A player's own time scale (x1, x1.5, x2, x3; NULL: no time limit), and
    # the time scale each finished round was played at. Players and rounds saved before
    # had none: x1, the default.
    (
        """
        ALTER TABLE player ADD COLUMN
            extra_time REAL DEFAULT 1.0 CHECK (extra_time IS NULL OR extra_time > 0)
        """,
        """
        ALTER TABLE round ADD COLUMN
            time_scale REAL DEFAULT 1.0 CHECK (time_scale IS NULL OR time_scale > 0)
        """,
    ),
    # 4: a teacher's classes: named lists of players; a player may be in several. Deleting
    # a player or a class deletes the memberships with it (the schema cascades).
    (
        """
        CREATE TABLE school_class (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,  -- casefolded name: unique whatever the case
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE class_member (
            class_id INTEGER NOT NULL REFERENCES school_class(id) ON DELETE CASCADE,
            player_id INTEGER NOT NULL REFERENCES player(id) ON DELETE CASCADE,
            PRIMARY KEY (class_id, player_id)
        ) WITHOUT ROWID
        """,
        # A player's classes, and the cascade from a deleted player, are one index range.
        "CREATE INDEX class_member_by_player ON class_member (player_id, class_id)",
    ),
    # 5: class games on one screen. A finished game is a class_game row (its setup as
    # JSON), a class_team row per team with the team's score and trophies, and the team's
    # answers and guesses; each member who is a player gets a round row of their own
    # (round.class_team_id names the team), so the game is in their history, statistics
    # and trophy cabinet, and deleting the player deletes it. The game being played is
    # the one class_in_progress row (one projector per data folder).
    (
        """
        CREATE TABLE class_game (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            pack_id TEXT NOT NULL,
            pack_sha256 TEXT NOT NULL,
            mystery_index INTEGER NOT NULL,
            mystery_image TEXT NOT NULL,
            mystery_answer TEXT NOT NULL,
            seed INTEGER NOT NULL,
            mode TEXT NOT NULL,  -- 'turns' or 'buzz'
            outcome TEXT NOT NULL,
            guessed_by INTEGER,  -- the number of the team whose guess ended it; NULL: none
            total_tiles INTEGER NOT NULL,
            hidden_at_end INTEGER NOT NULL,
            questions_asked INTEGER NOT NULL,
            timer INTEGER NOT NULL,
            streaks INTEGER NOT NULL,
            time_scale REAL CHECK (time_scale IS NULL OR time_scale > 0),
            setup TEXT NOT NULL,  -- JSON from the core's ClassGameSetup.to_json()
            played_at TEXT NOT NULL,
            played_ts REAL NOT NULL,
            played_day TEXT NOT NULL
        )
        """,
        # a pack's class games, for the teams' high scores
        "CREATE INDEX class_game_by_pack ON class_game (pack_id, played_ts)",
        """
        CREATE TABLE class_team (
            id INTEGER PRIMARY KEY,
            game_id INTEGER NOT NULL REFERENCES class_game(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,  -- the team's place in the setup, from 0
            name TEXT NOT NULL,
            emblem INTEGER NOT NULL,
            place INTEGER NOT NULL,  -- 1 for the highest score; equal scores share a place
            score INTEGER NOT NULL,
            base_points INTEGER NOT NULL,
            time_bonus INTEGER NOT NULL,
            streak_bonus INTEGER NOT NULL,
            image_bonus INTEGER NOT NULL,
            penalty INTEGER NOT NULL,
            best_possible INTEGER NOT NULL,
            right_count INTEGER NOT NULL,
            wrong_count INTEGER NOT NULL,
            longest_streak INTEGER NOT NULL,
            hidden_at_guess INTEGER NOT NULL,
            seconds_played REAL NOT NULL,
            medal TEXT CHECK (medal IN ('bronze', 'silver', 'gold')),
            trophies TEXT NOT NULL,  -- the per-round trophy ids the team earned, comma-separated
            UNIQUE (game_id, number)
        )
        """,
        """
        CREATE TABLE class_answer (
            team_id INTEGER NOT NULL REFERENCES class_team(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            question_index INTEGER NOT NULL,
            question_id TEXT,
            response TEXT,
            is_right INTEGER NOT NULL,
            seconds REAL NOT NULL,
            base_points INTEGER NOT NULL,
            time_bonus INTEGER NOT NULL,
            streak_bonus INTEGER NOT NULL,
            image_bonus INTEGER NOT NULL,
            penalty INTEGER NOT NULL,
            streak INTEGER NOT NULL,
            timed_out INTEGER NOT NULL,
            steal INTEGER NOT NULL,
            judged INTEGER NOT NULL,
            PRIMARY KEY (team_id, number)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE class_guess (
            team_id INTEGER NOT NULL REFERENCES class_team(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            guess TEXT NOT NULL,
            is_right INTEGER NOT NULL,
            hidden_tiles INTEGER NOT NULL,
            total_tiles INTEGER NOT NULL,
            base_points INTEGER NOT NULL,
            time_bonus INTEGER NOT NULL,
            streak_bonus INTEGER NOT NULL,
            image_bonus INTEGER NOT NULL,
            penalty INTEGER NOT NULL,
            final INTEGER NOT NULL,
            seconds REAL NOT NULL,
            PRIMARY KEY (team_id, number)
        ) WITHOUT ROWID
        """,
        """
        ALTER TABLE round ADD COLUMN
            class_team_id INTEGER REFERENCES class_team(id) ON DELETE CASCADE
        """,
        # a team's members, and the cascade from a deleted team, are one index range
        """
        CREATE INDEX round_by_class_team ON round (class_team_id)
            WHERE class_team_id IS NOT NULL
        """,
        """
        CREATE TABLE class_in_progress (
            id INTEGER PRIMARY KEY CHECK (id = 1),  -- one class game at a time
            pack_id TEXT NOT NULL,
            setup TEXT NOT NULL,  -- JSON from ClassGameSetup.to_json()
            snapshot TEXT NOT NULL,  -- JSON from the core class round's snapshot()
            updated_at TEXT NOT NULL
        )
        """,
    ),
    # 6: class games on every device (clarity.store.live_games). A finished one is kept in
    # the class game tables with mode 'devices': each student is a team of at most one
    # member (the player profile they picked from the class list), and a student the
    # teacher removed keeps their rows, flagged. The game being played is one
    # live_in_progress row (the host's state with its lists emptied) and its lists' items,
    # one live_item row each, so that saving after an answer appends one row instead of
    # writing the whole game again.
    (
        """
        ALTER TABLE class_team ADD COLUMN
            removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
        """,
        """
        CREATE TABLE live_in_progress (
            id INTEGER PRIMARY KEY CHECK (id = 1),  -- one device game at a time
            pack_id TEXT NOT NULL,
            state TEXT NOT NULL,  -- JSON: the host's state, each of its lists emptied
            lengths TEXT NOT NULL,  -- JSON: each list's path (a JSON Pointer): its length
            updated_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE live_item (
            seq INTEGER PRIMARY KEY,  -- the order written
            game INTEGER NOT NULL DEFAULT 1
                REFERENCES live_in_progress(id) ON DELETE CASCADE,
            list TEXT NOT NULL,  -- the list's path in the state (a JSON Pointer)
            position INTEGER NOT NULL CHECK (position >= 0),  -- its place in the list
            item TEXT NOT NULL  -- JSON
        )
        """,
    ),
    # 7: the study modes (clarity.store.study). A player's card state per question of a
    # pack (the JSON of clarity.core.study's CardState, with its due time as a number so
    # that the next due card is one index seek), the append-only log of their reviews,
    # and their True or False sprints. Deleting a player deletes them (the schema cascades).
    (
        """
        CREATE TABLE study_card (
            id INTEGER PRIMARY KEY,  -- a repair keeps the readable cards range by range
            player_id INTEGER NOT NULL REFERENCES player(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            state TEXT NOT NULL,  -- JSON from clarity.core.study's CardState.to_dict()
            due_ts REAL NOT NULL,  -- when it is due, seconds since the epoch (UTC)
            introduced_ts REAL,  -- its first review (NULL: never reviewed), for new per day
            updated_at TEXT NOT NULL  -- ISO 8601 with the UTC offset given
        )
        """,
        # one card per player and question; a pack's next due cards are one index range
        """
        CREATE UNIQUE INDEX study_card_by_question
            ON study_card (player_id, pack_id, question_id)
        """,
        "CREATE INDEX study_card_due ON study_card (player_id, pack_id, due_ts)",
        """
        CREATE TABLE study_review (
            id INTEGER PRIMARY KEY,
            player_id INTEGER NOT NULL REFERENCES player(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),  -- Again, Hard, Good, Easy
            reviewed_at TEXT NOT NULL,  -- ISO 8601 with the UTC offset given
            reviewed_ts REAL NOT NULL,  -- seconds since the epoch, for ordering
            elapsed_days REAL,  -- as the scheduler gave them; NULL: not given
            scheduled_days REAL
        )
        """,
        "CREATE INDEX study_review_by_player ON study_review (player_id, reviewed_ts)",
        """
        CREATE TABLE sprint (
            id INTEGER PRIMARY KEY,
            player_id INTEGER NOT NULL REFERENCES player(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            score INTEGER NOT NULL CHECK (score >= 0),
            best_streak INTEGER NOT NULL CHECK (best_streak >= 0),
            statements INTEGER NOT NULL CHECK (statements >= 0),  -- how many were answered
            played_at TEXT NOT NULL,  -- ISO 8601 with the UTC offset given
            played_ts REAL NOT NULL  -- seconds since the epoch, for ordering
        )
        """,
        # a player's best per pack is one seek per pack (and their sprints, one range)
        "CREATE INDEX sprint_by_player_pack ON sprint (player_id, pack_id, score DESC, played_ts)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchemaError(Exception):
    """The file was written by a newer version of the game; we must not touch it."""

    def __init__(self, found: int) -> None:
        super().__init__(f"schema version {found} is newer than {SCHEMA_VERSION}")
        self.found = found


class ForeignDatabaseError(Exception):
    """The file is an SQLite database, but not one of ours."""


class LostSchemaVersion(sqlite3.DatabaseError):
    """Our tables are there but the schema version in the header is 0: the header was
    damaged (or edited). It is damage to repair, not another program's file."""


def has_our_tables(conn: sqlite3.Connection) -> bool:
    """Whether the file holds the tables every version of our schema has."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return {"player", "round"} <= names


def connect(path: Path, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """Open the database file with the pragmas every connection needs (or raise, closed).

    ``read_only`` opens without writing anything; ``immutable`` (with it) also promises
    SQLite that nobody writes the file, which lets it read a WAL-mode database in a
    folder where it cannot create its ``-shm`` file (a read-only mount). Rounds still
    in a leftover ``-wal`` file are then not seen: read-only, but not lost.
    """
    conn = open_connection(path, read_only=read_only, immutable=immutable)
    try:
        configure(conn, read_only=read_only)
    except BaseException:
        conn.close()
        raise
    return conn


SQLITE_CORRUPT = 11  # https://www.sqlite.org/rescode.html#corrupt


class DamageAwareConnection(sqlite3.Connection):
    """A connection whose statements report a damaged schema as SQLITE_CORRUPT.

    SQLite's message for a damaged schema ("malformed database schema (...)") quotes the
    damaged bytes; Python's sqlite3 decodes every message as strict UTF-8, so the damage
    surfaces as a UnicodeDecodeError that no ``except sqlite3.DatabaseError`` sees, and a
    damaged file would end the game with a traceback instead of being repaired.
    """

    def execute(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().execute(*args, **kwargs)
        except UnicodeDecodeError as error:
            raise _corrupt(error) from error

    def executemany(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().executemany(*args, **kwargs)
        except UnicodeDecodeError as error:
            raise _corrupt(error) from error

    def executescript(self, *args: Any, **kwargs: Any) -> sqlite3.Cursor:
        try:
            return super().executescript(*args, **kwargs)
        except UnicodeDecodeError as error:
            raise _corrupt(error) from error


def _corrupt(error: UnicodeDecodeError) -> sqlite3.DatabaseError:
    """The DatabaseError SQLite meant: damage (SQLITE_CORRUPT), its message undecodable."""
    corrupt = sqlite3.DatabaseError(
        "malformed database schema (SQLite's message has bytes that are not UTF-8: "
        f"{error.object[error.start : error.end]!r})"
    )
    corrupt.sqlite_errorcode = SQLITE_CORRUPT  # type: ignore[attr-defined]
    corrupt.sqlite_errorname = "SQLITE_CORRUPT"  # type: ignore[attr-defined]
    return corrupt


def open_connection(
    path: Path, *, read_only: bool = False, immutable: bool = False
) -> sqlite3.Connection:
    """The bare connection: SQLite has not read the file yet, so this fails only rarely.

    The connection is in autocommit mode (``isolation_level=None``): the store opens its
    transactions itself with ``BEGIN IMMEDIATE``, so that a writer takes the write lock
    up front and waits for it under the busy timeout, instead of failing half-way when
    another process wrote first.
    """
    timeout = BUSY_TIMEOUT_MS / 1000
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
        conn = sqlite3.connect(
            uri, uri=True, timeout=timeout, isolation_level=None, factory=DamageAwareConnection
        )
    else:
        conn = sqlite3.connect(
            path, timeout=timeout, isolation_level=None, factory=DamageAwareConnection
        )
    # Text that is not UTF-8 (a damaged page, a file edited by hand) reads with U+FFFD in
    # place of the bad bytes, instead of failing every read of its row ("Could not decode
    # to UTF-8") where no repair can reach it.
    conn.text_factory = _TEXT_FROM_BYTES
    return conn


def configure(conn: sqlite3.Connection, *, read_only: bool = False) -> None:
    """Set the pragmas; the first read of the file, so a garbage file fails here."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        # journal_mode is stored in the file: only switch it once, since switching
        # needs an exclusive lock.
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            _switch_to_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Switch a new file to WAL, waiting out a second game that is switching it too.

    SQLite answers "database is locked" to this pragma at once, without calling the busy
    handler, when another connection holds the file; two games started together on a new
    data folder meet exactly that, so wait here as the busy timeout would.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def damage_marker(path: Path) -> Path:
    """The empty file the store leaves when SQLite reported the database damaged."""
    return path.with_name(f"{path.name}.damaged")


def quick_check(conn: sqlite3.Connection, *tables: str) -> bool:
    """``PRAGMA quick_check`` of the whole file, or of only the given (small) tables.

    The whole-file check reads every page (about 0.4 s for 100,000 rounds), far too slow
    before the first frame; the per-table form costs well under a millisecond for the
    players and the rounds in progress.
    """
    targets = [f"quick_check({table})" for table in tables] or ["quick_check"]
    return all(conn.execute(f"PRAGMA {target}").fetchall() == [("ok",)] for target in targets)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema forward to ``target``; return the version it was at.

    Each step runs in its own ``BEGIN IMMEDIATE`` transaction and re-reads the version
    inside it, so two game processes starting at once do not both apply a step. The
    first ``BEGIN IMMEDIATE`` also proves the file is writable, cheaply (nothing is
    written when the schema is already current).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        start = schema_version(conn)
        if start > SCHEMA_VERSION:
            raise NewerSchemaError(start)
        if start == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            if has_our_tables(conn):
                raise LostSchemaVersion("our tables, but the schema version is lost")
            raise ForeignDatabaseError("an SQLite file with tables, but no schema version")
        version = start
        while version < target:
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
            if version < target:
                conn.execute("BEGIN IMMEDIATE")
                version = schema_version(conn)
        if conn.in_transaction:
            conn.execute("COMMIT")
    finally:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # keep the first error, not this one
                conn.execute("ROLLBACK")
    return start
