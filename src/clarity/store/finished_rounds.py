"""The finished rounds: save one with its answers, guesses and trophies; read them back."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from clarity.core.events import AnswerGiven, ImageGuessed, RoundSummary
from clarity.core.messages import message
from clarity.core.scoring import check_time_scale
from clarity.store import in_progress, players, rows
from clarity.store.models import RoundRecord, SavedRound, SaveFailed
from clarity.store.sql import Reads, Writes, insert, insert_many, local_aware, query

RECORD_QUERY = """
    SELECT r.id, r.uuid, r.player_id, p.name, r.pack_id, r.pack_sha256, r.mystery_index,
           r.mystery_image, r.mystery_answer, r.outcome, r.score, r.base_points,
           r.time_bonus, r.streak_bonus, r.image_bonus, r.penalty, r.best_possible,
           r.right_count, r.wrong_count, r.longest_streak, r.seconds_played, r.timer,
           r.streaks, r.medal, r.played_at, r.time_scale,
           (SELECT group_concat(trophy_id, ',') FROM round_trophy WHERE round_id = r.id)
               AS trophies,
           ct.name AS team_name, cg.mode AS class_mode, cg.uuid AS class_game_id
    FROM round r JOIN player p ON p.id = r.player_id
    LEFT JOIN class_team ct ON ct.id = r.class_team_id
    LEFT JOIN class_game cg ON cg.id = ct.game_id
"""
_ANSWER_COLUMNS = (
    *("round_id", "number", "question_index", "question_id", "response", "is_right"),
    *("seconds", "base_points", "time_bonus", "streak_bonus", "image_bonus", "penalty"),
    *("streak", "timed_out"),
)
_GUESS_COLUMNS = (
    *("round_id", "number", "guess", "is_right", "hidden_tiles", "total_tiles", "base_points"),
    *("time_bonus", "streak_bonus", "image_bonus", "penalty", "final", "seconds"),
)
_TROPHY_COLUMNS = ("round_id", "trophy_id", "player_id", "played_ts")
EXPORT_BATCH = 500  # rounds read at a time by all_rounds


class FinishedRounds:
    """The finished rounds: save, history, one round, its answers and guesses, every
    round for the export, the packs played."""

    def __init__(self, read: Reads, write: Writes) -> None:
        self._read = read
        self._write = write

    def save(
        self,
        player_id: int | None,
        summary: RoundSummary,
        *,
        pack_sha256: str,
        mystery_image: str,
        medal: str | None,
        trophies: Sequence[str],
        played_at: datetime,
        time_scale: float | None,
    ) -> SavedRound | SaveFailed:
        if player_id is None:
            return SaveFailed(message("Rounds played as a guest are not saved."))
        time_scale = check_time_scale(time_scale)  # anything else is a bug in the caller
        played_at = local_aware(played_at)
        saved = SavedRound(str(uuid.uuid4()), played_at)
        values = round_values(
            saved,
            player_id,
            summary,
            pack_sha256=pack_sha256,
            mystery_image=mystery_image,
            medal=medal,
            time_scale=time_scale,
        )

        def work(conn: sqlite3.Connection) -> SavedRound:
            round_id = insert(conn, "round", values)
            _insert_answers(conn, round_id, summary.answers)
            _insert_guesses(conn, round_id, summary.guesses)
            insert_trophies(conn, round_id, player_id, values["played_ts"], trophies)
            # In the same transaction, so that a crash can never leave both the finished
            # round and an offer to resume it.
            in_progress.drop(conn, player_id)
            return saved

        try:
            return self._write(work, message("This round was not saved."))
        except sqlite3.IntegrityError:
            if self._read(lambda conn: players.find(conn, player_id)) is None:
                # The teacher deleted this player from another window while they played.
                return SaveFailed(
                    message("This player was deleted meanwhile; the round was not saved.")
                )
            raise

    def history(self, player_id: int, limit: int) -> list[RoundRecord]:
        sql = f"{RECORD_QUERY} WHERE r.player_id = ? ORDER BY r.played_ts DESC, r.id DESC LIMIT ?"
        return self._read(
            lambda conn: [rows.round_record(row) for row in query(conn, sql, (player_id, limit))]
        )

    def find(self, round_id: str) -> RoundRecord | None:
        def work(conn: sqlite3.Connection) -> RoundRecord | None:
            row = query(conn, f"{RECORD_QUERY} WHERE r.uuid = ?", (round_id,)).fetchone()
            return rows.round_record(row) if row else None

        return self._read(work)

    def answers(self, round_id: str) -> tuple[AnswerGiven, ...]:
        return self._read(
            lambda conn: tuple(rows.answer(row) for row in _of_round(conn, "answer", round_id))
        )

    def guesses(self, round_id: str) -> tuple[ImageGuessed, ...]:
        return self._read(
            lambda conn: tuple(rows.guess(row) for row in _of_round(conn, "guess", round_id))
        )

    def all(self) -> Iterator[RoundRecord]:
        """Every round, oldest first. The query runs once; each batch of rows is fetched
        and converted through the read funnel, so damage found half-way through the
        export is seen there like any other read's."""
        cursor = self._read(lambda conn: query(conn, f"{RECORD_QUERY} ORDER BY r.played_ts, r.id"))

        def next_batch(conn: sqlite3.Connection) -> list[RoundRecord]:
            return [rows.round_record(row) for row in cursor.fetchmany(EXPORT_BATCH)]

        while batch := self._read(next_batch):
            yield from batch

    def pack_ids(self) -> list[str]:
        return self._read(
            lambda conn: [row[0] for row in conn.execute("SELECT DISTINCT pack_id FROM round")]
        )


def _of_round(conn: sqlite3.Connection, table: str, round_id: str) -> sqlite3.Cursor:
    """The rows of ``table`` (answer or guess) of the saved round ``round_id``, in order."""
    return query(
        conn,
        f"SELECT * FROM {table} WHERE round_id = (SELECT id FROM round WHERE uuid = ?) "
        "ORDER BY number",
        (round_id,),
    )


def round_values(
    saved: SavedRound,
    player_id: int,
    summary: RoundSummary,
    *,
    pack_sha256: str,
    mystery_image: str,
    medal: str | None,
    time_scale: float | None,
) -> dict[str, Any]:
    """The ``round`` row of a finished round, by column."""
    return {
        "uuid": saved.round_id,
        "player_id": player_id,
        "pack_id": summary.pack_id,
        "pack_sha256": pack_sha256,
        "mystery_index": summary.mystery_index,
        "mystery_image": mystery_image,
        "mystery_answer": summary.mystery_answer,
        "seed": summary.seed,
        "timer": summary.timer,
        "streaks": summary.streaks,
        "outcome": str(summary.outcome),
        "score": summary.score,
        **rows.points_values(summary.breakdown),
        "best_possible": summary.best_possible,
        "right_count": summary.right,
        "wrong_count": summary.wrong,
        "longest_streak": summary.longest_streak,
        "total_tiles": summary.total_tiles,
        "hidden_at_guess": summary.hidden_at_guess,
        "seconds_played": summary.seconds_played,
        "medal": None if medal is None else str(medal),
        "played_at": saved.played_at.isoformat(timespec="seconds"),
        "played_ts": saved.played_at.timestamp(),
        "played_day": saved.played_at.date().isoformat(),
        "time_scale": time_scale,
    }


def _insert_answers(
    conn: sqlite3.Connection, round_id: int, answers: Sequence[AnswerGiven]
) -> None:
    insert_many(
        conn,
        "answer",
        _ANSWER_COLUMNS,
        ({"round_id": round_id, **rows.answer_values(a, a.number)} for a in answers),
    )


def _insert_guesses(
    conn: sqlite3.Connection, round_id: int, guesses: Sequence[ImageGuessed]
) -> None:
    insert_many(
        conn,
        "guess",
        _GUESS_COLUMNS,
        (
            {"round_id": round_id, **rows.guess_values(g, number)}
            for number, g in enumerate(guesses, start=1)
        ),
    )


def insert_trophies(
    conn: sqlite3.Connection,
    round_id: int,
    player_id: int,
    played_ts: float,
    trophies: Sequence[str],
) -> None:
    insert_many(
        conn,
        "round_trophy",
        _TROPHY_COLUMNS,
        (
            {
                "round_id": round_id,
                "trophy_id": str(t),
                "player_id": player_id,
                "played_ts": played_ts,
            }
            for t in dict.fromkeys(trophies)  # each trophy once per round
        ),
    )
