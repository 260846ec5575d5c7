"""The repository: players, finished rounds, the round in progress, and the queries.

Every write is one ``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction; a method that writes
returns only after the commit, so what it reports as saved is on disk. Writes that fail
because the folder went read-only, filled up or broke return a :class:`SaveFailed` and
switch saving off for the rest of the session instead of raising into the game loop.
Use a Store from one thread.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from clarity.core.events import AnswerGiven, ImageGuessed, Points, RoundOutcome, RoundSummary
from clarity.core.scoring import TIME_SCALES, check_time_scale
from clarity.core.trophies import TIER_RANK, PlayerStats
from clarity.store import problems
from clarity.store.db import damage_marker
from clarity.store.models import (
    EarnedTrophy,
    InProgress,
    LeaderRow,
    NameRejected,
    Player,
    PlayerOverview,
    RoundRecord,
    SavedRound,
    SaveFailed,
)
from clarity.store.names import clean_name, name_key
from clarity.store.problems import Problem

T = TypeVar("T")

# The medals' order is the trophies' (core.trophies.TIER_RANK), written as SQL once here.
_MEDAL_BY_RANK = {rank: tier.value for tier, rank in TIER_RANK.items()}
_MEDAL_RANK_SQL = (
    "CASE medal "
    + " ".join(f"WHEN '{medal}' THEN {rank}" for rank, medal in _MEDAL_BY_RANK.items())
    + " END"
)

_ROUND_COLUMNS = """
    r.uuid, r.player_id, p.name, r.pack_id, r.pack_sha256, r.mystery_index,
    r.mystery_image, r.mystery_answer, r.outcome, r.score, r.base_points, r.time_bonus,
    r.streak_bonus, r.image_bonus, r.penalty, r.best_possible, r.right_count,
    r.wrong_count, r.longest_streak, r.seconds_played, r.timer, r.streaks, r.medal,
    r.played_at,
    (SELECT group_concat(trophy_id, ',') FROM round_trophy WHERE round_id = r.id),
    r.time_scale
"""
_PLAYER_COLUMNS = "id, name, created_at, extra_time"


def local_aware(moment: datetime) -> datetime:
    """A datetime with its UTC offset; a naive one is taken as the computer's local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()


class Store:
    """Saved players and rounds in one SQLite file. Make one with :func:`open_store`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        now: Callable[[], datetime],
        notice: str | None = None,
        saving: bool = True,
    ) -> None:
        self._conn = conn
        self._path = path
        self._now = now
        self._notice = notice
        self._saving = saving

    # -- the store itself ------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def saving(self) -> bool:
        """False once a write has failed for good (read-only, full...): nothing is saved."""
        return self._saving

    @property
    def notice(self) -> str | None:
        """Why saving is off, for the screen and the command line; None while all is well."""
        return self._notice

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- players ---------------------------------------------------------------------

    def create_player(self, name: str) -> Player | NameRejected | SaveFailed:
        """A new player; a bad or taken name comes back as NameRejected, for the player."""
        cleaned = clean_name(name)
        if isinstance(cleaned, NameRejected):
            return cleaned
        created = local_aware(self._now()).replace(microsecond=0)

        def insert(conn: sqlite3.Connection) -> Player:
            cursor = conn.execute(
                "INSERT INTO player (name, name_key, created_at) VALUES (?, ?, ?)",
                (cleaned, name_key(cleaned), created.isoformat(timespec="seconds")),
            )
            return Player(int(cursor.lastrowid or 0), cleaned, created)  # extra time x1

        try:
            return self._write(insert, "The player was not added.")
        except sqlite3.IntegrityError:
            return self._duplicate(cleaned)

    def players(self) -> list[Player]:
        rows = self._conn.execute(f"SELECT {_PLAYER_COLUMNS} FROM player ORDER BY name_key, id")
        return [_player(row) for row in rows]

    def player(self, player_id: int) -> Player | None:
        row = self._conn.execute(
            f"SELECT {_PLAYER_COLUMNS} FROM player WHERE id = ?", (player_id,)
        ).fetchone()
        return _player(row) if row else None

    def player_by_name(self, name: str) -> Player | None:
        cleaned = clean_name(name)
        if isinstance(cleaned, NameRejected):
            return None
        row = self._conn.execute(
            f"SELECT {_PLAYER_COLUMNS} FROM player WHERE name_key = ?", (name_key(cleaned),)
        ).fetchone()
        return _player(row) if row else None

    def get_or_create_player(self, name: str) -> Player | NameRejected | SaveFailed:
        """The player with this name (whatever its case), created if there is none."""
        found = self.player_by_name(name)
        if found is not None:
            return found
        created = self.create_player(name)
        if isinstance(created, NameRejected):
            # Another game process may have created the same player a moment ago.
            return self.player_by_name(name) or created
        return created

    def rename_player(self, player_id: int, new_name: str) -> Player | NameRejected | SaveFailed:
        """Rename a player (KeyError for an unknown id: a bug in the caller)."""
        cleaned = clean_name(new_name)
        if isinstance(cleaned, NameRejected):
            return cleaned

        def rename(conn: sqlite3.Connection) -> Player:
            conn.execute(
                "UPDATE player SET name = ?, name_key = ? WHERE id = ?",
                (cleaned, name_key(cleaned), player_id),
            )
            row = conn.execute(
                f"SELECT {_PLAYER_COLUMNS} FROM player WHERE id = ?", (player_id,)
            ).fetchone()
            if row is None:
                raise KeyError(player_id)
            return _player(row)

        try:
            return self._write(rename, "The player was not renamed.")
        except sqlite3.IntegrityError:
            return self._duplicate(cleaned)

    def set_extra_time(self, player_id: int, extra_time: float | None) -> Player | SaveFailed:
        """Give a player extra time: their time scale, one of
        :data:`clarity.core.scoring.TIME_SCALES` (1.0, 1.5, 2.0, 3.0; None: no time limit).
        Rounds started from now on use it; a round in progress keeps the rules it began with.

        Returns the player as saved, or SaveFailed when it could not be written. Raises
        ValueError for a value not offered (and KeyError for an unknown id): bugs in the
        caller, since the screens offer only those.
        """
        saved = self.set_extra_times({player_id: extra_time})
        return saved if isinstance(saved, SaveFailed) else saved[0]

    def set_extra_times(self, extra_times: Mapping[int, float | None]) -> list[Player] | SaveFailed:
        """Several players' extra time at once (player id: time scale, as for
        :meth:`set_extra_time`), in one transaction: all are saved, or none is (a teacher's
        ``clarity players --extra-time`` for a class).

        Returns the players as saved, in the order of ``extra_times``, or SaveFailed. Raises
        ValueError for a value not offered and KeyError for an unknown id, before anything
        is saved.
        """
        for extra_time in extra_times.values():
            if isinstance(extra_time, bool) or extra_time not in TIME_SCALES:
                raise ValueError(f"extra time is one of {TIME_SCALES}, not {extra_time!r}")

        def update(conn: sqlite3.Connection) -> list[Player]:
            saved: list[Player] = []
            for player_id, extra_time in extra_times.items():
                scale = None if extra_time is None else float(extra_time)
                conn.execute("UPDATE player SET extra_time = ? WHERE id = ?", (scale, player_id))
                row = conn.execute(
                    f"SELECT {_PLAYER_COLUMNS} FROM player WHERE id = ?", (player_id,)
                ).fetchone()
                if row is None:
                    raise KeyError(player_id)  # rolled back: nothing is saved
                saved.append(_player(row))
            return saved

        return self._write(update, "The extra time was not saved.")

    def delete_player(self, player_id: int) -> SaveFailed | None:
        """Delete a player with all their rounds and trophies (the schema cascades)."""
        result = self._write(
            lambda conn: conn.execute("DELETE FROM player WHERE id = ?", (player_id,)),
            "The player was not deleted.",
        )
        return result if isinstance(result, SaveFailed) else None

    def player_overview(self) -> list[PlayerOverview]:
        """Every player with their number of rounds, right answers, best score, last game."""
        rows = self._conn.execute(
            """
            SELECT p.id, p.name, p.created_at, p.extra_time, count(r.id),
                   coalesce(sum(r.right_count), 0), max(r.score),
                   (SELECT played_at FROM round WHERE player_id = p.id
                    ORDER BY played_ts DESC LIMIT 1)
            FROM player p LEFT JOIN round r ON r.player_id = p.id
            GROUP BY p.id ORDER BY p.name_key, p.id
            """
        )
        return [
            PlayerOverview(
                player=_player(row[:4]),
                rounds=row[4],
                right_answers=row[5],
                best_score=row[6],
                last_played=datetime.fromisoformat(row[7]) if row[7] else None,
            )
            for row in rows
        ]

    def _duplicate(self, cleaned: str) -> NameRejected:
        existing = self.player_by_name(cleaned)
        shown = existing.name if existing else cleaned
        return NameRejected(f"There is already a player called {shown}.")

    # -- rounds ----------------------------------------------------------------------

    def save_round(
        self,
        player_id: int | None,
        summary: RoundSummary,
        *,
        pack_sha256: str,
        mystery_image: str,
        medal: str | None,
        trophies: Sequence[str],
        played_at: datetime,
        time_scale: float | None = 1.0,
    ) -> SavedRound | SaveFailed:
        """Save a finished round, its answers, guesses and trophies in one transaction.

        ``time_scale`` is the stretch of the time limits the round was played with (its
        rules' ``time_scale``; None: no time limit), kept with its timer and streak
        settings for the teacher. Also clears the player's round in progress, in the same
        transaction, so a crash can never leave both the finished round and an offer to
        resume it. Raises ValueError for a ``time_scale`` that is not None or above 0.
        """
        if player_id is None:
            return SaveFailed("Rounds played as a guest are not saved.")
        time_scale = check_time_scale(time_scale)  # anything else is a bug in the caller
        played_at = local_aware(played_at)
        played_ts = played_at.timestamp()
        round_uuid = str(uuid.uuid4())
        b = summary.breakdown

        def insert(conn: sqlite3.Connection) -> SavedRound:
            cursor = conn.execute(
                """
                INSERT INTO round (
                    uuid, player_id, pack_id, pack_sha256, mystery_index, mystery_image,
                    mystery_answer, seed, timer, streaks, outcome, score, base_points,
                    time_bonus, streak_bonus, image_bonus, penalty, best_possible,
                    right_count, wrong_count, longest_streak, total_tiles, hidden_at_guess,
                    seconds_played, medal, played_at, played_ts, played_day, time_scale)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ?, ?, ?, ?, ?)
                """,
                (
                    round_uuid,
                    player_id,
                    summary.pack_id,
                    pack_sha256,
                    summary.mystery_index,
                    mystery_image,
                    summary.mystery_answer,
                    summary.seed,
                    summary.timer,
                    summary.streaks,
                    str(summary.outcome),
                    summary.score,
                    b.base,
                    b.time_bonus,
                    b.streak_bonus,
                    b.image_bonus,
                    b.penalty,
                    summary.best_possible,
                    summary.right,
                    summary.wrong,
                    summary.longest_streak,
                    summary.total_tiles,
                    summary.hidden_at_guess,
                    summary.seconds_played,
                    None if medal is None else str(medal),
                    played_at.isoformat(timespec="seconds"),
                    played_ts,
                    played_at.date().isoformat(),
                    time_scale,
                ),
            )
            round_id = cursor.lastrowid
            conn.executemany(
                "INSERT INTO answer VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        round_id,
                        a.number,
                        a.question_index,
                        a.question_id,
                        a.response,
                        a.right,
                        a.seconds,
                        *_points(a.points),
                        a.streak,
                        a.timed_out,
                    )
                    for a in summary.answers
                ],
            )
            conn.executemany(
                "INSERT INTO guess VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        round_id,
                        n,
                        g.guess,
                        g.right,
                        g.hidden_tiles,
                        g.total_tiles,
                        *_points(g.points),
                        g.final,
                        g.seconds,
                    )
                    for n, g in enumerate(summary.guesses, start=1)
                ],
            )
            conn.executemany(
                "INSERT INTO round_trophy VALUES (?, ?, ?, ?)",
                [(round_id, str(t), player_id, played_ts) for t in dict.fromkeys(trophies)],
            )
            conn.execute("DELETE FROM in_progress WHERE player_id = ?", (player_id,))
            return SavedRound(round_uuid, played_at)

        try:
            return self._write(insert, "This round was not saved.")
        except sqlite3.IntegrityError:
            if self.player(player_id) is None:
                # The teacher deleted this player from another window while they played.
                return SaveFailed("This player was deleted meanwhile; the round was not saved.")
            raise

    def history(self, player_id: int, limit: int = 50) -> list[RoundRecord]:
        """A player's rounds, newest first."""
        rows = self._conn.execute(
            f"""
            SELECT {_ROUND_COLUMNS} FROM round r JOIN player p ON p.id = r.player_id
            WHERE r.player_id = ? ORDER BY r.played_ts DESC, r.id DESC LIMIT ?
            """,
            (player_id, limit),
        )
        return [_round_record(row) for row in rows]

    def round(self, round_id: str) -> RoundRecord | None:
        row = self._conn.execute(
            f"SELECT {_ROUND_COLUMNS} FROM round r JOIN player p ON p.id = r.player_id "
            "WHERE r.uuid = ?",
            (round_id,),
        ).fetchone()
        return _round_record(row) if row else None

    def answers(self, round_id: str) -> tuple[AnswerGiven, ...]:
        """Every answer of a saved round, in the order given."""
        rows = self._rows_of_round(
            "answer",
            """number, question_index, question_id, response, is_right, seconds, base_points,
            time_bonus, streak_bonus, image_bonus, penalty, streak, timed_out""",
            round_id,
        )
        return tuple(
            AnswerGiven(
                number=row[0],
                question_index=row[1],
                question_id=row[2],
                response=row[3],
                right=bool(row[4]),
                seconds=row[5],
                points=Points(*row[6:11]),
                streak=row[11],
                timed_out=bool(row[12]),
            )
            for row in rows
        )

    def guesses(self, round_id: str) -> tuple[ImageGuessed, ...]:
        """Every guess at the picture of a saved round, in the order made."""
        rows = self._rows_of_round(
            "guess",
            """guess, is_right, hidden_tiles, total_tiles, base_points, time_bonus,
            streak_bonus, image_bonus, penalty, final, seconds""",
            round_id,
        )
        return tuple(
            ImageGuessed(
                guess=row[0],
                right=bool(row[1]),
                hidden_tiles=row[2],
                total_tiles=row[3],
                points=Points(*row[4:9]),
                final=bool(row[9]),
                seconds=row[10],
            )
            for row in rows
        )

    def _rows_of_round(self, table: str, columns: str, round_id: str) -> sqlite3.Cursor:
        """``columns`` of the rows of ``table`` (answer or guess) that belong to the saved
        round ``round_id``, by their number."""
        return self._conn.execute(
            f"SELECT {columns} FROM {table} WHERE round_id = "
            "(SELECT id FROM round WHERE uuid = ?) ORDER BY number",
            (round_id,),
        )

    def all_rounds(self) -> Iterator[RoundRecord]:
        """Every saved round, oldest first, fetched in batches (for the teacher's export)."""
        cursor = self._conn.execute(
            f"SELECT {_ROUND_COLUMNS} FROM round r JOIN player p ON p.id = r.player_id "
            "ORDER BY r.played_ts, r.id"
        )
        while batch := cursor.fetchmany(500):
            yield from (_round_record(row) for row in batch)

    def pack_ids(self) -> list[str]:
        """The packs that have at least one saved round."""
        return [row[0] for row in self._conn.execute("SELECT DISTINCT pack_id FROM round")]

    # -- the round in progress -------------------------------------------------------

    def save_in_progress(
        self, player_id: int, pack_id: str, snapshot: Mapping[str, Any]
    ) -> SaveFailed | None:
        """Keep the player's unfinished round (one per player; the newest replaces it)."""
        # A snapshot that is not plain JSON is a bug in the caller: let json raise.
        text = json.dumps(snapshot, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        updated = local_aware(self._now()).isoformat(timespec="seconds")

        def upsert(conn: sqlite3.Connection) -> None:
            conn.execute(
                """
                INSERT INTO in_progress (player_id, pack_id, snapshot, updated_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (player_id) DO UPDATE SET
                    pack_id = excluded.pack_id,
                    snapshot = excluded.snapshot,
                    updated_at = excluded.updated_at
                """,
                (player_id, pack_id, text, updated),
            )

        try:
            result = self._write(upsert, "The round in progress was not saved.")
        except sqlite3.IntegrityError:
            return SaveFailed("This player was deleted meanwhile; the round was not saved.")
        return result if isinstance(result, SaveFailed) else None

    def in_progress(self, player_id: int) -> InProgress | None:
        row = self._conn.execute(
            "SELECT pack_id, snapshot, updated_at FROM in_progress WHERE player_id = ?",
            (player_id,),
        ).fetchone()
        if row is None:
            return None
        try:
            snapshot = json.loads(row[1])
        except json.JSONDecodeError:
            return None  # unreadable: offering to resume it would only fail later
        return InProgress(player_id, row[0], snapshot, datetime.fromisoformat(row[2]))

    def drop_in_progress(self, player_id: int) -> SaveFailed | None:
        result = self._write(
            lambda conn: conn.execute("DELETE FROM in_progress WHERE player_id = ?", (player_id,)),
            "The round in progress was not dropped.",
        )
        return result if isinstance(result, SaveFailed) else None

    # -- queries ---------------------------------------------------------------------

    def leaderboard(self, pack_id: str, limit: int = 10) -> list[LeaderRow]:
        """The best round of each player on a pack, best first; a tie goes to the earlier.

        One row per player (a class wants to see many names, not one player ten times).
        Each player's best is one seek in the (pack, player, score, time) index, so the
        cost grows with the number of players, not of rounds.
        """
        rows = self._conn.execute(
            """
            SELECT r.uuid, r.player_id, p.name, r.score, r.medal, r.played_at
            FROM player p
            JOIN round r ON r.id = (
                SELECT id FROM round
                WHERE pack_id = ?1 AND player_id = p.id
                ORDER BY score DESC, played_ts ASC, id ASC
                LIMIT 1)
            ORDER BY r.score DESC, r.played_ts ASC, r.id ASC
            LIMIT ?2
            """,
            (pack_id, limit),
        )
        return [
            LeaderRow(
                rank=rank,
                pack_id=pack_id,
                player_id=row[1],
                player_name=row[2],
                score=row[3],
                medal=row[4],
                played_at=datetime.fromisoformat(row[5]),
                round_id=row[0],
            )
            for rank, row in enumerate(rows, start=1)
        ]

    def player_rank(self, pack_id: str, player_id: int) -> LeaderRow | None:
        """The player's line of the pack's leaderboard, wherever it is: their best round
        on the pack and its rank among every player's best (the order and tie rule of
        :meth:`leaderboard`). None when the player has no round on the pack.

        One query: the player's best is one seek in the (pack, player, score, time)
        index, and each other player is one more seek there to ask whether any of their
        rounds comes first, so no other player's rounds are loaded.
        """
        row = self._conn.execute(
            """
            WITH best AS (
                SELECT id, uuid, player_id, score, medal, played_at, played_ts
                FROM round WHERE pack_id = ?1 AND player_id = ?2
                ORDER BY score DESC, played_ts ASC, id ASC
                LIMIT 1)
            SELECT best.uuid, best.player_id, p.name, best.score, best.medal,
                   best.played_at,
                   1 + (SELECT count(*) FROM player q
                        WHERE q.id != best.player_id AND EXISTS (
                            SELECT 1 FROM round o
                            WHERE o.pack_id = ?1 AND o.player_id = q.id
                              AND (o.score > best.score
                                   OR (o.score = best.score
                                       AND (o.played_ts < best.played_ts
                                            OR (o.played_ts = best.played_ts
                                                AND o.id < best.id))))))
            FROM best JOIN player p ON p.id = best.player_id
            """,
            (pack_id, player_id),
        ).fetchone()
        if row is None:
            return None
        return LeaderRow(
            rank=row[6],
            pack_id=pack_id,
            player_id=row[1],
            player_name=row[2],
            score=row[3],
            medal=row[4],
            played_at=datetime.fromisoformat(row[5]),
            round_id=row[0],
        )

    def player_stats(self, player_id: int) -> PlayerStats:
        """The totals the lasting trophies are measured on.

        Each query names the player index that covers its columns: left to itself, the
        planner may pick the leaderboard index for ``GROUP BY pack_id`` and then visit
        every round row (ten times slower at 100,000 rounds).
        """
        conn = self._conn
        conn.execute("BEGIN")  # one snapshot for the three reads
        try:
            rounds, right = conn.execute(
                """
                SELECT count(*), coalesce(sum(right_count), 0)
                FROM round INDEXED BY round_by_player_time WHERE player_id = ?
                """,
                (player_id,),
            ).fetchone()
            medals = {
                pack_id: _MEDAL_BY_RANK[rank]
                for pack_id, rank in conn.execute(
                    f"""
                    SELECT pack_id, max({_MEDAL_RANK_SQL})
                    FROM round INDEXED BY round_by_player_time
                    WHERE player_id = ? AND medal IS NOT NULL GROUP BY pack_id
                    """,
                    (player_id,),
                )
            }
            most_in_a_day = conn.execute(
                """
                SELECT coalesce(max(n), 0) FROM (
                    SELECT count(*) AS n FROM round INDEXED BY round_by_player_time
                    WHERE player_id = ? GROUP BY played_day)
                """,
                (player_id,),
            ).fetchone()[0]
        finally:
            conn.execute("COMMIT")
        return PlayerStats(
            right_answers=right,
            rounds_played=rounds,
            best_medal_by_pack=medals,
            most_rounds_in_a_day=most_in_a_day,
        )

    def earned_trophies(self, player_id: int) -> dict[str, EarnedTrophy]:
        """Each trophy the player has won: when first, and how many times."""
        # The grouping reads only the (player, trophy, time) index; SQLite takes the bare
        # round_id from the row holding min(played_ts), and only those few rounds are
        # looked up for their local date.
        rows = self._conn.execute(
            """
            SELECT firsts.trophy_id, r.played_at, firsts.times
            FROM (
                SELECT trophy_id, min(played_ts), round_id, count(*) AS times
                FROM round_trophy WHERE player_id = ? GROUP BY trophy_id
            ) AS firsts
            JOIN round r ON r.id = firsts.round_id
            """,
            (player_id,),
        )
        return {row[0]: EarnedTrophy(datetime.fromisoformat(row[1]), row[2]) for row in rows}

    # -- writing ---------------------------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], T], what: str) -> T | SaveFailed:
        """Run ``work`` in one write transaction; a folder problem becomes a SaveFailed.

        ``what`` ends the message for this one failed write ("This round was not saved.").
        """
        if not self._saving:
            return SaveFailed(f"{self._notice} {what}")
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            finally:
                if conn.in_transaction:
                    _rollback(conn)
        except sqlite3.Error as error:
            problem = problems.problem_of(error)
            if problem is None:
                raise
            if problem is Problem.BUSY:
                # Another game kept the file locked past the busy timeout: this write is
                # lost, but the next one may well succeed, so saving stays on.
                return SaveFailed(f"The saved data is busy in another window. {what}")
            self._saving = False
            if problem is Problem.CORRUPT:
                self._notice = problems.damaged(self._path)
                _leave_damage_marker(self._path)
            else:
                self._notice = problems.saving_off(problem, self._path.parent, str(error))
            return SaveFailed(f"{self._notice} {what}")
        return result


def _leave_damage_marker(path: Path) -> None:
    """Ask the next start to check the whole file (and move it aside if it is damaged)."""
    # If even that fails, the next start checks only the small tables: nothing more to do.
    with contextlib.suppress(OSError):
        damage_marker(path).touch()


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may already have rolled back by itself (it does on a full disk).
    with contextlib.suppress(sqlite3.Error):
        conn.execute("ROLLBACK")


def _points(points: Points) -> tuple[int, int, int, int, int]:
    return (points.base, points.time_bonus, points.streak_bonus, points.image_bonus, points.penalty)


def _player(row: Sequence[Any]) -> Player:
    """A player from the row of :data:`_PLAYER_COLUMNS`."""
    return Player(row[0], row[1], datetime.fromisoformat(row[2]), extra_time=row[3])


def _round_record(row: Sequence[Any]) -> RoundRecord:
    return RoundRecord(
        round_id=row[0],
        player_id=row[1],
        player_name=row[2],
        pack_id=row[3],
        pack_sha256=row[4],
        mystery_index=row[5],
        mystery_image=row[6],
        mystery_answer=row[7],
        outcome=RoundOutcome(row[8]),
        score=row[9],
        breakdown=Points(*row[10:15]),
        best_possible=row[15],
        right=row[16],
        wrong=row[17],
        longest_streak=row[18],
        seconds_played=row[19],
        timer=bool(row[20]),
        streaks=bool(row[21]),
        medal=row[22],
        played_at=datetime.fromisoformat(row[23]),
        trophies=tuple(sorted(row[24].split(","))) if row[24] else (),
        time_scale=row[25],
    )
