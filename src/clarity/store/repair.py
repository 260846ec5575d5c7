"""Repairing a damaged database: keep a copy of it, carry what can be read into a fresh file.

SQLite reports damage as ``SQLITE_CORRUPT`` ("database disk image is malformed") or
``SQLITE_NOTADB``; the store also counts a row whose values make no sense
(:class:`~clarity.store.problems.UnreadableRow`). Whatever shows it, the way out is the
same, and loses nothing:

1. :func:`copy_aside` copies the file with its ``-wal`` and ``-shm`` to
   ``clarity.sqlite3.corrupt-YYYYMMDD-HHMMSS`` (and the same with the suffixes), flushed
   to disk, while the damaged file is still in place. Nothing is ever deleted.
2. :func:`rebuild` makes a fresh database beside it and carries into it every row that can
   still be read from a working copy of the copy aside: table by table, and within a
   table key range by key range, halving a range that SQLite cannot read until what is
   lost is as small as it can be. Python's ``sqlite3`` has no ``.recover`` (the SQLite
   shell's command reads pages directly, but needs the ``sqlite_dbpage`` table that
   Debian's shell is built without), so a damaged interior page loses the rows under it;
   a damaged leaf loses only its own rows; a damaged index loses nothing, since rows are
   read without indexes. Rounds whose player was lost keep a player named for them
   ("Recovered player 7"); answers, guesses and trophies whose round was lost go.
3. The fresh file replaces the damaged one (``os.replace``), after its ``-wal`` and
   ``-shm`` are removed: SQLite would otherwise replay the old log onto the new file.
   Those two are in the copy aside.

A kill at any moment leaves either the damaged file in place (and the next start
repairs again) or the fresh one; the copy aside holds everything in both cases.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
import sqlite3
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clarity.atomic_files import sync_folder
from clarity.core.messages import Message, message, plural_message
from clarity.store import rows
from clarity.store.class_games import TEAM_QUERY
from clarity.store.classes import school_class
from clarity.store.db import DamageAwareConnection, configure, migrate, open_connection
from clarity.store.finished_rounds import RECORD_QUERY
from clarity.store.problems import Problem, UnreadableRow, problem_of
from clarity.store.rows import Row
from clarity.store.sql import query

# Files SQLite keeps next to the database; they belong with it.
COMPANIONS = ("-wal", "-shm", "-journal")
# The tables carried over, parents before children, each with the column its rows are
# ordered by on disk (the rowid, or the first column of a WITHOUT ROWID table's key), so
# that a range of it is one stretch of the table's b-tree.
SALVAGED_KEYS = {
    "player": "id",
    "round": "id",
    "answer": "round_id",
    "guess": "round_id",
    "round_trophy": "round_id",
    "in_progress": "player_id",
    "school_class": "id",
    "class_member": "class_id",
    "class_game": "id",
    "class_team": "id",
    "class_answer": "team_id",
    "class_guess": "team_id",
    "class_in_progress": "id",
    "live_in_progress": "id",
    "live_item": "seq",
    "study_card": "id",
    "study_review": "id",
    "sprint": "id",
}
# The tables of classes and class games, for what the repair says it lost of them.
_CLASS_TABLES = frozenset(
    ("school_class", "class_member", "class_game", "class_team", "class_answer", "class_guess")
)
_STUDY = ("study_card", "study_review", "sprint")  # the study modes' rows, by player
_SMALLEST_KEY = -(2**63)
_LARGEST_KEY = 2**63 - 1
# Failed reads allowed per table before what is left is given up: a damaged interior
# page over a wide key range costs about two reads per key under it.
_FAILED_READS_PER_TABLE = 20_000
# Not translated: a name written into the saved data is the player's name from then on,
# shown as written in every language (as every other name is); the interface's language of
# the game that happened to repair the file must not decide it. The teacher renames them.
RECOVERED_PLAYER = "Recovered player {id}"
# The same for a class game's team whose row was lost while its members' rounds were not.
RECOVERED_TEAM = "Recovered team {id}"


@dataclass(frozen=True)
class Repair:
    """What a repair did: where the damaged file went, and what the fresh file holds.

    ``rounds_before`` and ``players_before`` are the counts in the damaged file when SQLite
    could still count them, else None; ``players_renamed`` of the players kept are rounds'
    players whose own row was lost, now called "Recovered player N".
    """

    path: Path
    aside: Path
    rounds_kept: int = 0
    players_kept: int = 0
    players_renamed: int = 0
    players_lowered: int = 0  # named again from the index of names, which is in lower case
    rounds_before: int | None = None
    players_before: int | None = None
    swapped: bool = False  # the live file was replaced, not written through SQLite
    # the class data: what the fresh file keeps, and what the damaged one had (None: it
    # could not be counted); team answers are a team's answers and guesses together
    class_games_kept: int = 0
    class_games_before: int | None = None
    classes_kept: int = 0
    classes_before: int | None = None
    memberships_kept: int = 0
    memberships_before: int | None = None
    team_answers_kept: int = 0
    team_answers_before: int | None = None
    # members' rounds whose team row was lost, kept under a team made for them
    # ("Recovered team N", RECOVERED_TEAM) in their game, or in one made for it
    member_rounds_regrouped: int = 0
    # rows of the class tables SQLite could not read, whether or not they could be counted
    class_rows_unread: bool = False

    @property
    def said(self) -> Message:
        """One line for the player or teacher: what happened and where the copy is, to
        render in the interface's language."""
        if self.rounds_before is not None and self.rounds_before > self.rounds_kept:
            # Translators: {kept} of the {count} rounds the damaged file had
            kept = plural_message(
                "{kept} of its {count} round",
                "{kept} of its {count} rounds",
                self.rounds_before,
                kept=self.rounds_kept,
            )
        else:
            kept = plural_message("{count} round", "{count} rounds", self.rounds_kept)
        players = plural_message("{count} player", "{count} players", self.players_kept)
        if self.players_renamed:
            # Translators: "Recovered player" is the name they now have in the saved
            # data, which stays in English: keep it as it is
            players = plural_message(
                '{players} ({count} renamed "Recovered player": their name was lost)',
                '{players} ({count} renamed "Recovered player": their names were lost)',
                self.players_renamed,
                players=players,
            )
        if self.players_lowered:
            players = plural_message(
                "{players} ({count} with their name in lower case)",
                "{players} ({count} with their names in lower case)",
                self.players_lowered,
                players=players,
            )
        # Translators: {kept} is a number of rounds, {players} of players
        said = message(
            "The saved data at {path} was damaged: {kept} and {players} were kept "
            "in a fresh file, and the damaged file was copied to {aside} beside it.",
            path=self.path,
            kept=kept,
            players=players,
            aside=self.aside.name,
        )
        if self.class_data_lost:
            games, games_before = self.class_games_kept, self.class_games_before
            classes, classes_before = self.classes_kept, self.classes_before
            places, places_before = self.memberships_kept, self.memberships_before
            answers, answers_before = self.team_answers_kept, self.team_answers_before
            kept = {
                "games": plural_message(
                    "{kept} of {count} class game",
                    "{kept} of {count} class games",
                    games_before,
                    kept=games,
                )
                if _lost(games, games_before)
                else plural_message("{count} class game", "{count} class games", games),
                "classes": plural_message(
                    "{kept} of {count} class",
                    "{kept} of {count} classes",
                    classes_before,
                    kept=classes,
                )
                if _lost(classes, classes_before)
                else plural_message("{count} class", "{count} classes", classes),
                "memberships": plural_message(
                    "{kept} of {count} place in a class",
                    "{kept} of {count} places in classes",
                    places_before,
                    kept=places,
                )
                if _lost(places, places_before)
                else plural_message(
                    "{count} place in a class", "{count} places in classes", places
                ),
                "answers": plural_message(
                    "{kept} of {count} team answer",
                    "{kept} of {count} team answers",
                    answers_before,
                    kept=answers,
                )
                if _lost(answers, answers_before)
                else plural_message("{count} team answer", "{count} team answers", answers),
            }
            if self._class_loss_counted:
                said = message(
                    # Translators: {repair} is the sentence above (what the repair kept of
                    # the rounds and players); each of the others is "3 of 4 class games"
                    # or "4 class games", and so on
                    "{repair} Of the classes and class games, {games}, {classes}, "
                    "{memberships} and {answers} were kept.",
                    repair=said,
                    **kept,
                )
            else:
                said = message(
                    # Translators: as "{repair} Of the classes and class games, ...", when
                    # what was lost could not be counted: {games} is "4 class games"...
                    "{repair} Some of the classes and class games could not be read: "
                    "{games}, {classes}, {memberships} and {answers} were kept.",
                    repair=said,
                    **kept,
                )
        if self.member_rounds_regrouped:
            said = plural_message(
                # Translators: {repair} is the sentence(s) above; "Recovered team" is the
                # name they now have in the saved data, which stays in English: keep it
                "{repair} {count} member's class game was kept under a team named \"Recovered "
                'team": its team was lost.',
                "{repair} {count} members' class games were kept under teams named \"Recovered "
                'team": their teams were lost.',
                self.member_rounds_regrouped,
                repair=said,
            )
        return said

    @property
    def class_data_lost(self) -> bool:
        """Whether the damaged file had class games, classes, places in classes or team
        answers the fresh file does not: counted, or rows SQLite could not read."""
        return self.class_rows_unread or self._class_loss_counted

    @property
    def _class_loss_counted(self) -> bool:
        return (
            _lost(self.class_games_kept, self.class_games_before)
            or _lost(self.classes_kept, self.classes_before)
            or _lost(self.memberships_kept, self.memberships_before)
            or _lost(self.team_answers_kept, self.team_answers_before)
        )

    @property
    def message(self) -> str:
        """:attr:`said` in English."""
        return str(self.said)


def _lost(kept: int, before: int | None) -> bool:
    """Whether the damaged file had more than the fresh one kept (None: not counted)."""
    return before is not None and before > kept


class RepairFailed(Exception):
    """The damaged file could not be copied aside or rebuilt (a full disk, a read-only
    folder): nothing was changed. ``reason`` says why, for the notice (a Message to render
    in the interface's language; ``str()`` is it in English)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


def damaged_copy_name(path: Path, moment: datetime) -> Path:
    """Where :func:`copy_aside` puts the copy: a name no earlier copy has."""
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", *COMPANIONS)):
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    return aside


def copy_aside(path: Path, moment: datetime) -> Path:
    """Copy the database and its companions beside it, flushed to disk; return the copy.

    Raises :class:`RepairFailed` (having removed any partial copy) when it cannot be made.
    """
    earlier = _same_copy_aside(path)
    if earlier is not None:
        return earlier  # a repair that failed or was killed already kept these very bytes
    aside = damaged_copy_name(path, moment)
    made: list[Path] = []
    try:
        for suffix in ("", *COMPANIONS):
            source = Path(f"{path}{suffix}")
            if not source.exists():
                continue
            target = Path(f"{aside}{suffix}")
            made.append(target)
            _copy_flushed(source, target)
        sync_folder(path.parent)
    except OSError as error:
        for target in made:
            with contextlib.suppress(OSError):
                target.unlink()
        raise RepairFailed(
            # Translators: {reason} is the system's own words, in English
            message(
                "no copy of it could be made ({reason})",
                reason=error.strerror or str(error),
            )
        ) from error
    return aside


def _same_copy_aside(path: Path) -> Path | None:
    """An earlier copy aside of ``path`` whose files are byte for byte those of ``path`` and
    its companions now, or None. Each failed or killed repair would otherwise add a whole
    copy of the same damage."""
    files = [suffix for suffix in ("", *COMPANIONS) if Path(f"{path}{suffix}").is_file()]
    for copy in sorted(path.parent.glob(f"{path.name}.corrupt-*")):
        if copy.name.endswith(COMPANIONS):
            continue
        theirs = [suffix for suffix in ("", *COMPANIONS) if Path(f"{copy}{suffix}").is_file()]
        if theirs == files and all(
            filecmp.cmp(f"{path}{suffix}", f"{copy}{suffix}", shallow=False) for suffix in files
        ):
            return copy
    return None


def rebuild(path: Path, aside: Path, moment: datetime, *, close: Callable[[], None]) -> Repair:
    """Put in place of the database at ``path`` a fresh one holding what ``aside`` has.

    The fresh file is built beside it (:func:`build_fresh`), then copied over the live one
    with SQLite's online backup API, in one transaction of the live file: other games
    with the file open keep their connections and simply see the repaired data, and a
    kill half-way leaves the damaged file as it was. Only when SQLite cannot open the live
    file at all (its first page is gone) is the fresh file renamed over it, after
    ``close`` (the caller's connection) and with the old ``-wal`` and ``-shm`` removed
    (they are in the copy aside), since SQLite would replay that log onto the new file.
    ``moment`` (with its UTC offset) is when a player made for rounds that lost theirs
    was created. Raises :class:`RepairFailed` when the fresh file cannot be made or put in
    place; ``path`` is then as it was.
    """
    fresh = path.with_name(f"{path.name}.new-{os.getpid()}")
    try:
        counts = build_fresh(fresh, aside, moment)
        swapped = not _install_by_backup(fresh, path)
        if swapped:
            close()
            for suffix in COMPANIONS:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            os.replace(fresh, path)
            sync_folder(path.parent)
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise RepairFailed(
            message("no fresh file could be made ({reason})", reason=reason or str(error))
        ) from error
    finally:
        _remove_with_companions(fresh)
    return Repair(path, aside, swapped=swapped, **counts)


def _install_by_backup(fresh: Path, path: Path) -> bool:
    """Copy ``fresh`` over the live database through SQLite; False when SQLite cannot
    write the live file as a database at all (its header is gone)."""
    source = sqlite3.connect(fresh)
    try:
        target = open_connection(path)
        try:
            source.backup(target)
        except sqlite3.DatabaseError as error:
            # A header SQLite cannot trust (a page size that is not the file's) makes it
            # open the file read-only, or refuse it: then the file is replaced instead.
            if problem_of(error) not in (Problem.CORRUPT, Problem.READ_ONLY):
                raise
            return False
        finally:
            target.close()
    finally:
        source.close()
    return True


def build_fresh(fresh: Path, aside: Path, moment: datetime) -> dict[str, int | None]:
    """Make the file ``fresh`` with today's schema and every row ``aside`` (a damaged
    database with its companions) can still give; return the counts for :class:`Repair`.

    The rows are read twice when the copy has a ``-wal``: with the log replayed (its rows
    are the newest), then from the main file alone, for what a stale or damaged log hides
    (a row found in both is taken from the first). Working copies are made beside it and
    removed after; the copy aside is only read.
    """
    work = fresh.with_name(f"{fresh.name}.work")
    sources = [("", "-wal")] if Path(f"{aside}-wal").exists() else []
    sources.append(("",))
    counts: dict[str, int | None] = {}
    unread: set[str] = set()  # the tables with rows SQLite could not read
    _remove_with_companions(fresh, work)
    conn = open_connection(fresh)
    try:
        _prepare_fresh(conn)
        for n, suffixes in enumerate(sources):
            _remove_with_companions(work)
            for suffix in suffixes:  # the -shm is rebuilt from the log
                shutil.copyfile(f"{aside}{suffix}", f"{work}{suffix}")
            if n == 0:
                counts.update(_counts_before(work))
            unread |= _salvage(conn, work)
        conn.execute("BEGIN IMMEDIATE")
        drop_rows_the_game_cannot_read(conn, "player")
        # the class games' rows are settled once the members' rounds are known readable:
        # a round whose team was lost is kept under a team made for it
        counts["players_renamed"], counts["players_lowered"] = _settle_orphans(
            conn, moment, class_games=False
        )
        readable = ("round", "answer", "guess", "in_progress", "school_class", "class_member")
        for table in readable:
            drop_rows_the_game_cannot_read(conn, table)
        counts["member_rounds_regrouped"] = _regroup_members_of_lost_teams(conn)
        for table in ("class_team", "class_answer", "class_guess", "class_in_progress"):
            drop_rows_the_game_cannot_read(conn, table)
        _settle_orphans(conn, moment)  # the answers and trophies of rounds just dropped
        conn.execute("COMMIT")
        counts.update(_counts(conn, "kept"))
        counts["class_rows_unread"] = bool(unread & _CLASS_TABLES)
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:  # a bug in _settle_orphans, not damage: refuse to put in a bad file
            raise sqlite3.IntegrityError(f"orphan rows left after the repair: {problems[:3]}")
    finally:
        conn.close()  # the last connection: the log is folded into the file
        _remove_with_companions(work)
    with open(fresh, "rb+") as flushed:
        os.fsync(flushed.fileno())
    return counts


# What a repair counts, before and after (Repair's fields: name_before, name_kept).
_COUNTED = {
    "rounds": "SELECT count(*) FROM round",
    "players": "SELECT count(*) FROM player",
    "class_games": "SELECT count(*) FROM class_game",
    "classes": "SELECT count(*) FROM school_class",
    "memberships": "SELECT count(*) FROM class_member",
    "team_answers": (
        "SELECT (SELECT count(*) FROM class_answer) + (SELECT count(*) FROM class_guess)"
    ),
}


def _counts(conn: sqlite3.Connection, when: str) -> dict[str, int | None]:
    """:data:`_COUNTED` in ``conn``'s main file, as ``<name>_<when>``; None for a count
    SQLite cannot make (a damaged page, or a table an older file does not have)."""
    found: dict[str, int | None] = {}
    for name, sql in _COUNTED.items():
        try:
            found[f"{name}_{when}"] = int(conn.execute(sql).fetchone()[0])
        except sqlite3.DatabaseError:
            found[f"{name}_{when}"] = None
    return found


def _counts_before(work: Path) -> dict[str, int | None]:
    """What the damaged file has, when SQLite can still count it."""
    try:
        conn = sqlite3.connect(work, factory=DamageAwareConnection)
    except sqlite3.Error:
        return {f"{name}_before": None for name in _COUNTED}
    try:
        return _counts(conn, "before")
    finally:
        conn.close()


def _prepare_fresh(conn: sqlite3.Connection) -> None:
    configure(conn)
    migrate(conn)
    conn.execute("CREATE TEMP TABLE indexed_name (id INTEGER PRIMARY KEY, name_key TEXT)")
    conn.execute("PRAGMA foreign_keys = OFF")  # orphans are settled after, in SQL
    conn.execute("PRAGMA cell_size_check = ON")  # see damage in a cell, not just a page
    # A file cut short is shorter than its header says; with the schema writable SQLite
    # reads the pages that are there instead of refusing the whole file.
    conn.execute("PRAGMA writable_schema = ON")
    # Each range is its own statement, committed at once: SQLite may end a whole
    # transaction on a read error, and a failed range must not undo the ones before.
    # The file is flushed once, whole, before it is put in place.
    conn.execute("PRAGMA synchronous = OFF")


def _salvage(conn: sqlite3.Connection, work: Path) -> set[str]:
    """Carry the readable rows of the damaged file ``work`` into ``conn``'s main file;
    return the tables some rows of which SQLite could not read."""
    try:
        conn.execute("ATTACH DATABASE ? AS damaged", (str(work),))
    except sqlite3.DatabaseError:
        return set()  # not a database at all (the counts say what was lost)
    try:
        unread = {
            table for table, key in SALVAGED_KEYS.items() if copy_readable_rows(conn, table, key)
        }
        _keep_names_from_the_index(conn)
    finally:
        conn.execute("DETACH DATABASE damaged")
    return unread


def _keep_names_from_the_index(conn: sqlite3.Connection) -> None:
    """Keep each player's name as the index of names has it (the name in lower case):
    when the player's own row is lost, their rounds' player gets that name rather than a
    made-up one. The index may be damaged too; then nothing is kept."""
    with contextlib.suppress(sqlite3.DatabaseError):
        conn.execute(
            "INSERT OR IGNORE INTO temp.indexed_name (id, name_key) SELECT id, name_key "
            "FROM damaged.player INDEXED BY sqlite_autoindex_player_1"
        )


def copy_readable_rows(
    conn: sqlite3.Connection,
    table: str,
    key: str,
    *,
    failed_reads: int = _FAILED_READS_PER_TABLE,
) -> int:
    """Copy the rows of ``damaged.table`` that SQLite can read into ``main.table``.

    Reads whole key ranges with ``INSERT ... SELECT``; a range that fails (SQLite undoes
    that one statement) is halved, until single keys, or until ``failed_reads`` failures,
    after which the ranges still failing are given up. Rows the fresh table refuses (a
    NULL where the schema forbids one, a broken CHECK) are left out by ``OR IGNORE``.
    Returns the number of reads that failed (0: every row was read).
    """
    columns = _shared_columns(conn, table)
    if not columns:
        return 0  # the table itself cannot be found in the damaged file
    names = ", ".join(columns)
    copy = f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM damaged.{table}"
    # A range scan reads one row past its end to know it is done, which may be a row of
    # the damaged page next door: a single key is sought with "=", which reads no further.
    in_range = f"{copy} NOT INDEXED WHERE {key} BETWEEN ? AND ?"
    single = f"{copy} NOT INDEXED WHERE {key} = ?"
    budget = failed_reads
    ranges = [_key_bounds(conn, table, key)]
    while ranges and budget > 0:
        low, high = ranges.pop()
        try:
            if low == high:
                conn.execute(single, (low,))
            else:
                conn.execute(in_range, (low, high))
        except sqlite3.DatabaseError:
            budget -= 1
            if low < high:
                middle = low + (high - low) // 2
                ranges += [(middle + 1, high), (low, middle)]
    return failed_reads - budget


# Where a child table's keys are the ids of rows already carried over: its rows outside
# them would be dropped anyway.
_PARENT_KEYS = {"answer": "round", "guess": "round", "round_trophy": "round"}


def _key_bounds(conn: sqlite3.Connection, table: str, key: str) -> tuple[int, int]:
    """The smallest and largest key of ``damaged.table``, as narrow as can be found.

    Without bounds, a damaged last page (where every new row goes) makes every range
    above the largest key fail too, since SQLite's search ends on that page, and halving
    the 2**64 keys above it would never end. The b-tree's own ends are tried first, then
    each index of the table (they hold the key too), then the parent's ids carried over.
    """
    tries = [f"SELECT min({key}), max({key}) FROM damaged.{table}"]
    try:
        indexes = [row[1] for row in conn.execute(f"PRAGMA damaged.index_list({table})")]
    except sqlite3.DatabaseError:
        indexes = []
    tries += [
        f"SELECT min({key}), max({key}) FROM damaged.{table} INDEXED BY {index}"
        for index in indexes
    ]
    if table in _PARENT_KEYS:
        tries.append(f"SELECT min(id), max(id) FROM main.{_PARENT_KEYS[table]}")
    for sql in tries:
        try:
            low, high = conn.execute(sql).fetchone()
        except sqlite3.DatabaseError:
            continue
        if isinstance(low, int) and isinstance(high, int):
            return low, high
    return _SMALLEST_KEY, _LARGEST_KEY


# Each table's rows as the store reads them, with the key that deletes one, and the
# store's own conversion (clarity.store.rows), so that a row kept is a row it can read.
_READ_AS_THE_STORE_DOES: dict[str, tuple[str, str, Callable[[Row], object]]] = {
    "player": ("SELECT * FROM player", "id = :id", rows.player),
    "round": (
        RECORD_QUERY,
        "id = :id",
        rows.round_record,
    ),
    "answer": ("SELECT * FROM answer", "round_id = :round_id AND number = :number", rows.answer),
    "guess": ("SELECT * FROM guess", "round_id = :round_id AND number = :number", rows.guess),
    "in_progress": (
        "SELECT * FROM in_progress",
        "player_id = :player_id",
        lambda row: rows.in_progress(row, {}),
    ),
    "school_class": ("SELECT * FROM school_class", "id = :id", school_class),
    "class_member": (
        "SELECT * FROM class_member",
        "class_id = :class_id AND player_id = :player_id",
        rows.class_member,
    ),
    "class_team": (TEAM_QUERY, "id = :id", rows.team_record),
    "class_answer": (
        "SELECT * FROM class_answer",
        "team_id = :team_id AND number = :number",
        rows.class_answer,
    ),
    "class_guess": (
        "SELECT * FROM class_guess",
        "team_id = :team_id AND number = :number",
        rows.class_guess,
    ),
    "class_in_progress": (
        "SELECT * FROM class_in_progress",
        "id = :id",
        lambda row: rows.class_in_progress(row, {}, {}),
    ),
}


SALVAGED_READS = tuple(_READ_AS_THE_STORE_DOES)  # the tables read_every_row checks


def check_every_row(conn: sqlite3.Connection, table: str) -> None:
    """Read every row of ``table`` as the store does; raise the first
    :class:`~clarity.store.problems.UnreadableRow` (for ``clarity repair``)."""
    select, _, convert = _READ_AS_THE_STORE_DOES[table]
    for row in query(conn, select):
        convert(row)


def check_foreign_keys(conn: sqlite3.Connection) -> None:
    """Raise :class:`~clarity.store.problems.UnreadableRow` for the first row whose player
    or round is not there (a file edited by hand, or damage SQLite did not see): the
    store's lists would leave it out without a word. A repair settles it."""
    orphan = conn.execute("PRAGMA foreign_key_check").fetchone()
    if orphan is not None:
        table, rowid, parent = orphan[0], orphan[1], orphan[2]
        raise UnreadableRow(table, rowid, f"it belongs to a {parent} that is not there")


def drop_rows_the_game_cannot_read(conn: sqlite3.Connection, table: str) -> int:
    """Delete the rows of ``main.table`` whose values the store could not turn into the
    game's values (:class:`~clarity.store.problems.UnreadableRow`: a date that is not a
    date, an outcome the game does not know): kept, they would be damage found again on
    the next read. Returns how many went (they stay in the copy aside)."""
    select, where, convert = _READ_AS_THE_STORE_DOES[table]
    unreadable = []
    for row in query(conn, select):
        try:
            convert(row)
        except UnreadableRow:
            unreadable.append(row)
    conn.executemany(f"DELETE FROM main.{table} WHERE {where}", unreadable)
    return len(unreadable)


def _shared_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns ``table`` has in both files (an older file may lack later ones)."""
    try:
        theirs = {row[1] for row in conn.execute(f"PRAGMA damaged.table_info({table})")}
    except sqlite3.DatabaseError:
        return []
    ours = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]
    return [column for column in ours if column in theirs]


def _settle_orphans(
    conn: sqlite3.Connection, moment: datetime, *, class_games: bool = True
) -> tuple[int, int]:
    """Give rounds that lost their player one; drop rows that lost their round or player
    (and, with ``class_games``, the class games' rows that lost their game or team).

    Such a player is named as the index of names had them (in lower case), or, when
    that is lost too, "Recovered player N". Returns how many got a made-up name, and how
    many their name in lower case.
    """
    created = moment.isoformat(timespec="seconds")
    lowered = conn.execute(
        """
        INSERT OR IGNORE INTO player (id, name, name_key, created_at)
        SELECT DISTINCT r.player_id, n.name_key, n.name_key, ?1
        FROM round r JOIN temp.indexed_name n ON n.id = r.player_id
        WHERE r.player_id NOT IN (SELECT id FROM player)
        """,
        (created,),
    )
    renamed = conn.execute(
        """
        INSERT OR IGNORE INTO player (id, name, name_key, created_at)
        SELECT r.player_id, replace(?1, '{id}', r.player_id),
               lower(replace(?1, '{id}', r.player_id)), ?2
        FROM round r WHERE r.player_id NOT IN (SELECT id FROM player)
        GROUP BY r.player_id
        """,
        (RECOVERED_PLAYER, created),
    )
    statements: tuple[str, ...] = (
        "DELETE FROM round WHERE player_id NOT IN (SELECT id FROM player)",
        "DELETE FROM answer WHERE round_id NOT IN (SELECT id FROM round)",
        "DELETE FROM guess WHERE round_id NOT IN (SELECT id FROM round)",
        # a trophy names its round's player again, for the cabinet's index: they must agree
        """
        DELETE FROM round_trophy WHERE NOT EXISTS (
            SELECT 1 FROM round r
            WHERE r.id = round_trophy.round_id AND r.player_id = round_trophy.player_id)
        """,
        "DELETE FROM in_progress WHERE player_id NOT IN (SELECT id FROM player)",
        # a class keeps the members still there; a member of a class lost goes
        "DELETE FROM class_member WHERE player_id NOT IN (SELECT id FROM player)",
        "DELETE FROM class_member WHERE class_id NOT IN (SELECT id FROM school_class)",
        # the device game in progress: an item without its game row is no game to resume
        "DELETE FROM live_item WHERE game NOT IN (SELECT id FROM live_in_progress)",
        *(f"DELETE FROM {t} WHERE player_id NOT IN (SELECT id FROM player)" for t in _STUDY),
    )
    if class_games:
        statements = (*statements, *_CLASS_GAME_ORPHANS)
    for statement in statements:
        conn.execute(statement)
    return renamed.rowcount, lowered.rowcount


def _regroup_members_of_lost_teams(conn: sqlite3.Connection) -> int:
    """Keep the members' rounds of class games whose team (or game) row was lost: each
    such team is made again from its members' rounds, under its own id (its readable
    answers and guesses find it again), named "Recovered team N", in its game, or in a game
    made again from the rounds when that was lost too. Returns how many members' rounds
    were kept so. Run on readable rounds, before the orphans are settled.

    A round holds its team's score, breakdown and medal; the team's right and wrong
    answers are made of the members' shares (a little fewer when they did not split
    evenly); what no round holds is not made up: the mode is taken as turns, no team
    guessed, and the team's per-round trophies are left out (each member keeps theirs).
    """
    lost_games = [
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT game_id FROM class_team "
            "WHERE game_id NOT IN (SELECT id FROM class_game)"
        )
    ]
    for game_id in lost_games:
        first = query(
            conn,
            "SELECT r.* FROM round r JOIN class_team ct ON ct.id = r.class_team_id "
            "WHERE ct.game_id = ? ORDER BY r.id LIMIT 1",
            (game_id,),
        ).fetchone()
        if first is not None:  # else a game of guests only: nothing tells what it was
            _insert_game_like(conn, first, game_id)
    regrouped = 0
    lost_teams = query(
        conn,
        "SELECT class_team_id AS team_id, count(*) AS members, sum(right_count) AS right_count,"
        " sum(wrong_count) AS wrong_count, min(id) AS first_round FROM round "
        "WHERE class_team_id IS NOT NULL AND class_team_id NOT IN (SELECT id FROM class_team) "
        "GROUP BY class_team_id",
    ).fetchall()
    for team in lost_teams:
        first = query(conn, "SELECT * FROM round WHERE id = ?", (team["first_round"],)).fetchone()
        game = conn.execute(
            "SELECT id FROM class_game WHERE pack_id = ? AND played_ts = ? ORDER BY id LIMIT 1",
            (first["pack_id"], first["played_ts"]),
        ).fetchone()
        game_id = game[0] if game is not None else _insert_game_like(conn, first, None)
        _insert_team_like(conn, first, team, game_id)
        regrouped += team["members"]
    return regrouped


def _insert_game_like(conn: sqlite3.Connection, member_round: Row, game_id: int | None) -> int:
    """A class game row made from one of its members' rounds (``game_id`` None: a new id)."""
    values = {
        "uuid": str(uuid.uuid4()),
        **{
            column: member_round[column]
            for column in (
                *("pack_id", "pack_sha256", "mystery_index", "mystery_image", "mystery_answer"),
                *("seed", "outcome", "total_tiles", "timer", "streaks", "time_scale"),
                *("played_at", "played_ts", "played_day"),
            )
        },
        "mode": "turns",
        "guessed_by": None,
        "hidden_at_end": member_round["hidden_at_guess"],
        "questions_asked": 0,
        "setup": '{"recovered":true}',
    }
    if game_id is not None:
        values["id"] = game_id
    columns = ", ".join(values)
    marks = ", ".join(f":{column}" for column in values)
    return conn.execute(f"INSERT INTO class_game ({columns}) VALUES ({marks})", values).lastrowid


def _insert_team_like(conn: sqlite3.Connection, member_round: Row, team: Row, game_id: int) -> None:
    """The team row ``team["team_id"]`` made from one of its members' rounds."""
    taken = conn.execute(
        "SELECT coalesce(max(number), -1), group_concat(emblem) FROM class_team WHERE game_id = ?",
        (game_id,),
    ).fetchone()
    emblems = {int(e) for e in (taken[1] or "").split(",") if e.isdigit()}
    values = {
        "id": team["team_id"],
        "game_id": game_id,
        "number": taken[0] + 1,
        "name": RECOVERED_TEAM.replace("{id}", str(team["team_id"])),
        "emblem": next((e for e in range(6) if e not in emblems), 0),
        "place": 1
        + conn.execute(
            "SELECT count(*) FROM class_team WHERE game_id = ? AND score > ?",
            (game_id, member_round["score"]),
        ).fetchone()[0],
        **{
            column: member_round[column]
            for column in (
                *("score", "base_points", "time_bonus", "streak_bonus", "image_bonus"),
                *("penalty", "best_possible", "longest_streak", "hidden_at_guess"),
                *("seconds_played", "medal"),
            )
        },
        "right_count": team["right_count"],
        "wrong_count": team["wrong_count"],
        "trophies": "",
    }
    columns = ", ".join(values)
    marks = ", ".join(f":{column}" for column in values)
    conn.execute(f"INSERT INTO class_team ({columns}) VALUES ({marks})", values)


_CLASS_GAME_ORPHANS = (
    # a class game's teams go with their game; a member's round of a team lost goes
    # too (kept, it would be a team's score posing as a round played alone); both only
    # once _regroup_members_of_lost_teams has made the teams and games it could
    "DELETE FROM class_team WHERE game_id NOT IN (SELECT id FROM class_game)",
    "DELETE FROM class_answer WHERE team_id NOT IN (SELECT id FROM class_team)",
    "DELETE FROM class_guess WHERE team_id NOT IN (SELECT id FROM class_team)",
    """
        DELETE FROM round WHERE class_team_id IS NOT NULL
            AND class_team_id NOT IN (SELECT id FROM class_team)
        """,
)


def _copy_flushed(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "xb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())


def _remove_with_companions(*paths: Path) -> None:
    for path in paths:
        for suffix in ("", *COMPANIONS):
            with contextlib.suppress(OSError):
                Path(f"{path}{suffix}").unlink(missing_ok=True)


def repair(path: Path, moment: datetime, *, close: Callable[[], None]) -> Repair:
    """Copy the damaged database at ``path`` aside, then :func:`rebuild` it; ``close``
    closes the caller's connection, called only when the file must be swapped (the
    caller then opens it again: see :attr:`Repair.swapped`). ``moment`` names the copy.
    The caller holds :func:`repair_lock`. Raises :class:`RepairFailed` with nothing
    changed (but the copy, if it was made)."""
    _remove_leftovers(path)
    aside = copy_aside(path, moment)
    return rebuild(path, aside, moment, close=close)


@contextlib.contextmanager
def repair_lock(path: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the repair of the database at ``path`` for this process (an OS lock on
    ``locks/repair.lock`` beside it, dropped when the process ends however it ends).

    A repair holds it alone: another game that finds the same damage waits, then finds it
    repaired. Every write holds it ``shared``, so that no round is committed between a
    repair's copy of the file and the repaired file taking its place (it would be written
    over); a write waits for a repair to end. Windows has no shared lock here: there the
    writes do not wait. Where no lock can be had (a read-only folder), it goes ahead
    without.
    """
    if shared and sys.platform == "win32":
        yield
        return
    lock_file = path.parent / "locks" / "repair.lock"
    try:
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            _lock_waiting(descriptor, shared=shared)
        yield
    finally:
        os.close(descriptor)  # closing drops the lock


if sys.platform == "win32":
    import msvcrt

    def _lock_waiting(descriptor: int, *, shared: bool) -> None:
        while True:
            try:
                msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)  # tries for 10 s
                return
            except OSError:
                continue

    def _lock_at_once(descriptor: int) -> bool:
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _lock_waiting(descriptor: int, *, shared: bool) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)

    def _lock_at_once(descriptor: int) -> bool:
        """The repair lock alone, if nobody holds it now (never waits)."""
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def remove_leftovers_of_killed_repairs(path: Path) -> None:
    """Remove the working files of repairs of ``path`` that were killed, when no repair
    runs now: at every opening, since a repair killed after its file took the old one's
    place leaves its ``.new-*`` working files behind and nothing to repair (so the next
    repair, which also removes them, may never come). Cheap when there are none (one
    listing of the folder); skipped, not waited for, while another process repairs."""
    if not any(path.parent.glob(f"{path.name}.new-*")):
        return
    lock_file = path.parent / "locks" / "repair.lock"
    try:
        descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return
    try:
        if _lock_at_once(descriptor):
            _remove_leftovers(path)
    finally:
        os.close(descriptor)  # closing drops the lock


def _remove_leftovers(path: Path) -> None:
    """Remove the working files of repairs that were killed: with the repair lock held,
    no other repair is running. The copies aside are data, and stay."""
    for pattern in (f"{path.name}.new-*",):
        for leftover in path.parent.glob(pattern):
            with contextlib.suppress(OSError):
                leftover.unlink()
