"""The study modes' rows: each player's flashcard states and review log, and their True or
False sprints.

A card state is kept as the JSON of :class:`clarity.core.study.CardState` (``to_dict()``),
given here as a plain mapping so the store does not depend on the scheduler's shape, with
its due time beside it as seconds since the epoch: the next due cards of a player are one
range of the ``(player, pack, due)`` index, whatever the number of reviews. A review
writes the card's new state and one row of the append-only log in one transaction. Every
time is passed in, timezone-aware (ValueError for a naive one: the store cannot tell
which day a naive time is in). A state whose JSON cannot be read is left out, as if the
card were new, rather than failing the whole session (as the round in progress is).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from clarity.core.messages import message
from clarity.core.trophies import (
    CARDS_REMEMBERED,
    PERSONAL_BESTS_BEATEN,
    SPRINT_STREAK,
    STUDY_STREAK_DAYS,
    StudyStats,
    streak_reached_on,
)
from clarity.store.models import EarnedTrophy, SaveFailed
from clarity.store.rows import Fields, Row
from clarity.store.sql import Reads, Writes, insert, insert_statement, query

RATINGS = (1, 2, 3, 4)  # Again, Hard, Good, Easy (FSRS's and Anki's numbering)

_CARD_COLUMNS = (
    "player_id",
    "pack_id",
    "question_id",
    "state",
    "due_ts",
    "introduced_ts",
    "updated_at",
)
# A state saved again keeps the time of the card's first review.
_UPSERT_CARD = (
    insert_statement("study_card", _CARD_COLUMNS)
    + " ON CONFLICT (player_id, pack_id, question_id) DO UPDATE SET"
    " state = excluded.state, due_ts = excluded.due_ts,"
    # A card's first review sets when it was introduced only when it came as one of the
    # day's new cards (the row is new); a card a game's mistake brought in keeps NULL, so it
    # never uses up a day's new cards (clarity.core.study.made_due: it skips the limit).
    " introduced_ts = study_card.introduced_ts,"
    " updated_at = excluded.updated_at"
)
_CARD_SELECT = "SELECT pack_id, question_id, state, due_ts, introduced_ts FROM study_card"
_SPRINT_SELECT = (
    "SELECT id, pack_id, score, best_streak, statements, played_at, played_ts FROM sprint"
)


@dataclass(frozen=True)
class StudyCard:
    """A player's saved card: the question it is (pack id, question id), its scheduler
    state (the mapping ``CardState.to_dict()`` gave), when it is due (UTC) and when it was
    introduced as one of a day's new cards, by its first review (UTC; None: brought in by a
    game's mistake, which counts against no day's limit)."""

    pack_id: str
    question_id: str
    state: dict[str, Any]
    due: datetime
    introduced: datetime | None


@dataclass(frozen=True)
class SprintRecord:
    """One True or False sprint: its score, longest run of right answers, how many
    statements were answered, and when it was played (with the offset it was saved with)."""

    id: int
    pack_id: str
    score: int
    best_streak: int
    statements: int
    played_at: datetime


def _seconds(moment: datetime, name: str) -> float:
    """Seconds since the epoch of an aware datetime (ValueError for a naive one)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, not {moment!r}")
    return moment.timestamp()


def _utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def _card(row: Row) -> StudyCard | None:
    """The card of a row; None when its state is not a JSON object (left out as new)."""
    fields = Fields("study_card", row, None)
    try:
        state = json.loads(fields.text("state"))
    except json.JSONDecodeError:
        return None
    if not isinstance(state, dict):
        return None
    introduced = row["introduced_ts"]
    return StudyCard(
        pack_id=fields.text("pack_id"),
        question_id=fields.text("question_id"),
        state=state,
        due=_utc(fields.number("due_ts")),
        introduced=None if introduced is None else _utc(fields.number("introduced_ts")),
    )


@dataclass(frozen=True)
class StudyDay:
    """A player's flashcard reviews of one pack on one day: the day (the date of the offset
    the reviews were saved with), how many cards were reviewed, how many were remembered
    (rated Hard, Good or Easy), and the last review's time (for ordering)."""

    day: date
    pack_id: str
    reviewed: int
    remembered: int
    last_review: datetime


def _sprint(row: Row) -> SprintRecord:
    fields = Fields("sprint", row, row["id"])
    played_at = fields.text("played_at")
    try:
        when = datetime.fromisoformat(played_at)
    except ValueError:
        raise fields.unreadable("played_at", "a date and time") from None
    return SprintRecord(
        id=fields.integer("id"),
        pack_id=fields.text("pack_id"),
        score=fields.integer("score"),
        best_streak=fields.integer("best_streak"),
        statements=fields.integer("statements"),
        played_at=when,
    )


def _longest_run(day_texts: list[str]) -> int:
    """The most consecutive calendar days among ``day_texts`` (ISO dates; others ignored)."""
    days: set[date] = set()
    for text in day_texts:
        try:
            days.add(date.fromisoformat(text))
        except (TypeError, ValueError):
            continue
    longest = 0
    for day in days:
        if day - timedelta(days=1) in days:
            continue  # not the first day of its run
        run = 1
        while day + timedelta(days=run) in days:
            run += 1
        longest = max(longest, run)
    return longest


def _moment(text: object, seconds: float) -> datetime:
    """A row's time as it was saved (ISO text with its offset); from its seconds since the
    epoch, in UTC, when the text is damaged."""
    try:
        return datetime.fromisoformat(str(text))
    except ValueError:
        return _utc(seconds)


def _study_firsts(conn: sqlite3.Connection, player_id: int) -> dict[str, EarnedTrophy]:
    """The moments :meth:`Study.study_trophies_earned` describes, in a transaction."""
    firsts: dict[str, datetime] = {}
    # the log in its order, one index range, up to the remembered review that made the count
    row = conn.execute(
        "SELECT reviewed_at, reviewed_ts FROM study_review"
        " WHERE player_id = ? AND rating > 1 ORDER BY reviewed_ts, id LIMIT 1 OFFSET ?",
        (player_id, CARDS_REMEMBERED - 1),
    ).fetchone()
    if row is not None:
        firsts["cards-remembered"] = _moment(row[0], row[1])
    # each study day (the date its reviews were saved with) with its first review
    first_of_day: dict[date, tuple[object, float]] = {}
    for text, seconds in conn.execute(
        "SELECT reviewed_at, min(reviewed_ts) FROM study_review WHERE player_id = ?"
        " GROUP BY substr(reviewed_at, 1, 10)",
        (player_id,),
    ):
        try:
            first_of_day[date.fromisoformat(str(text)[:10])] = (text, seconds)
        except ValueError:
            continue  # a damaged time: not a day, as the streak counts it
    reached = streak_reached_on(first_of_day, STUDY_STREAK_DAYS)
    if reached is not None:
        firsts["study-streak"] = _moment(*first_of_day[reached])
    row = conn.execute(
        "SELECT played_at, played_ts FROM sprint WHERE player_id = ? AND best_streak >= ?"
        " ORDER BY played_ts, id LIMIT 1",
        (player_id, SPRINT_STREAK),
    ).fetchone()
    if row is not None:
        firsts["sprint-streak"] = _moment(row[0], row[1])
    # each sprint against the best of the player's earlier sprints on its pack
    row = conn.execute(
        "SELECT played_at, played_ts FROM (SELECT id, played_at, played_ts, score,"
        " max(score) OVER (PARTITION BY pack_id ORDER BY played_ts, id"
        " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before"
        " FROM sprint WHERE player_id = ?) WHERE score > before"
        " ORDER BY played_ts, id LIMIT 1 OFFSET ?",
        (player_id, PERSONAL_BESTS_BEATEN - 1),
    ).fetchone()
    if row is not None:
        firsts["personal-best"] = _moment(row[0], row[1])
    return {trophy: EarnedTrophy(first_earned_at=when, times=1) for trophy, when in firsts.items()}


def _state_text(state: Mapping[str, Any]) -> str:
    # A state that is not plain JSON is a bug in the caller: let json raise.
    return json.dumps(dict(state), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class Study:
    """The study rows of every player: card states, reviews, sprints."""

    def __init__(self, read: Reads, write: Writes) -> None:
        self._read = read
        self._write = write

    # -- flashcards ------------------------------------------------------------------

    def save_review(
        self,
        player_id: int,
        pack_id: str,
        question_id: str,
        *,
        state: Mapping[str, Any],
        due: datetime,
        rating: int,
        reviewed_at: datetime,
        elapsed_days: float | None = None,
        scheduled_days: float | None = None,
    ) -> SaveFailed | None:
        if isinstance(rating, bool) or rating not in RATINGS:
            raise ValueError(f"a rating is one of {RATINGS}, not {rating!r}")
        reviewed_ts = _seconds(reviewed_at, "reviewed_at")
        card = {
            "player_id": player_id,
            "pack_id": pack_id,
            "question_id": question_id,
            "state": _state_text(state),
            "due_ts": _seconds(due, "due"),
            "introduced_ts": reviewed_ts,
            "updated_at": reviewed_at.isoformat(),
        }
        review = {
            "player_id": player_id,
            "pack_id": pack_id,
            "question_id": question_id,
            "rating": int(rating),
            "reviewed_at": reviewed_at.isoformat(),
            "reviewed_ts": reviewed_ts,
            "elapsed_days": elapsed_days,
            "scheduled_days": scheduled_days,
        }

        def work(conn: sqlite3.Connection) -> None:
            conn.execute(_UPSERT_CARD, card)
            insert(conn, "study_review", review)

        return self._saved(work, message("This review was not saved."))

    def save_card(
        self,
        player_id: int,
        pack_id: str,
        question_id: str,
        *,
        state: Mapping[str, Any],
        due: datetime,
        at: datetime,
    ) -> SaveFailed | None:
        card = {
            "player_id": player_id,
            "pack_id": pack_id,
            "question_id": question_id,
            "state": _state_text(state),
            "due_ts": _seconds(due, "due"),
            "introduced_ts": None,
            "updated_at": at.isoformat(),
        }
        _seconds(at, "at")  # an aware time, as every other
        return self._saved(
            lambda conn: conn.execute(_UPSERT_CARD, card), message("This card was not saved.")
        )

    def cards(self, player_id: int, pack_id: str) -> list[StudyCard]:
        def work(conn: sqlite3.Connection) -> list[StudyCard]:
            found = query(
                conn,
                f"{_CARD_SELECT} WHERE player_id = ? AND pack_id = ? ORDER BY question_id",
                (player_id, pack_id),
            )
            return [card for row in found if (card := _card(row)) is not None]

        return self._read(work)

    def due(
        self, player_id: int, at: datetime, *, pack_id: str | None = None, limit: int = 1
    ) -> list[StudyCard]:
        moment = _seconds(at, "at")
        if pack_id is None:
            sql = (
                # each pack's range of the due index, merged (a player studies few packs)
                f"{_CARD_SELECT} WHERE player_id = ? AND due_ts <= ? ORDER BY due_ts LIMIT ?"
            )
            parameters: tuple[object, ...] = (player_id, moment, limit)
        else:
            sql = (
                f"{_CARD_SELECT} INDEXED BY study_card_due"
                " WHERE player_id = ? AND pack_id = ? AND due_ts <= ? ORDER BY due_ts LIMIT ?"
            )
            parameters = (player_id, pack_id, moment, limit)

        def work(conn: sqlite3.Connection) -> list[StudyCard]:
            return [card for row in query(conn, sql, parameters) if (card := _card(row))]

        return self._read(work)

    def introduced(
        self, player_id: int, since: datetime, until: datetime, *, pack_id: str | None = None
    ) -> int:
        low, high = _seconds(since, "since"), _seconds(until, "until")
        where = "player_id = ? AND introduced_ts >= ? AND introduced_ts < ?"
        parameters: tuple[object, ...] = (player_id, low, high)
        if pack_id is not None:
            where += " AND pack_id = ?"
            parameters = (*parameters, pack_id)
        return self._read(
            lambda conn: int(
                conn.execute(
                    f"SELECT count(*) FROM study_card WHERE {where}", parameters
                ).fetchone()[0]
            )
        )

    def review_count(self, player_id: int) -> int:
        return self._read(
            lambda conn: int(
                conn.execute(
                    "SELECT count(*) FROM study_review WHERE player_id = ?", (player_id,)
                ).fetchone()[0]
            )
        )

    def study_days(self, player_id: int, limit: int = 200) -> list[StudyDay]:
        """The player's study sessions, one per day and pack, newest first (at most
        ``limit``). A day is the date of a review's ISO text, as :meth:`study_stats` counts."""
        sql = (
            "SELECT substr(reviewed_at, 1, 10) AS day, pack_id, count(*) AS reviewed,"
            " sum(rating > 1) AS remembered, max(reviewed_ts) AS last_ts"
            " FROM study_review WHERE player_id = ? GROUP BY day, pack_id"
            " ORDER BY last_ts DESC LIMIT ?"
        )

        def work(conn: sqlite3.Connection) -> list[StudyDay]:
            found = []
            for row in conn.execute(sql, (player_id, limit)):
                try:
                    day = date.fromisoformat(row[0])
                except (TypeError, ValueError):
                    continue  # a damaged time: left out, as the streak leaves it
                found.append(StudyDay(day, row[1], int(row[2]), int(row[3]), _utc(row[4])))
            return found

        return self._read(work)

    def current_streak(self, player_id: int, today: date) -> int:
        """The player's study streak as of ``today`` (a local date): the consecutive days
        with at least one review ending today, or yesterday when today has none yet (the
        streak is not lost before the day is over); 0 when neither has a review."""

        def work(conn: sqlite3.Connection) -> set[date]:
            days: set[date] = set()
            for (text,) in conn.execute(
                "SELECT DISTINCT substr(reviewed_at, 1, 10) FROM study_review WHERE player_id = ?",
                (player_id,),
            ):
                try:
                    days.add(date.fromisoformat(text))
                except (TypeError, ValueError):
                    continue
            return days

        days = self._read(work)
        day = today if today in days else today - timedelta(days=1)
        streak = 0
        while day in days:
            streak += 1
            day -= timedelta(days=1)
        return streak

    def study_stats(self, player_id: int) -> StudyStats:
        """The player's study totals for the study trophies, from one snapshot of the file.

        A study day is the calendar date a review was saved with (its ISO text's date, in
        the offset it was saved with); a streak is the longest run of consecutive days.
        """

        def work(conn: sqlite3.Connection) -> StudyStats:
            conn.execute("BEGIN")  # one snapshot for the reads
            try:
                days = [
                    row[0]
                    for row in conn.execute(
                        "SELECT DISTINCT substr(reviewed_at, 1, 10) FROM study_review"
                        " WHERE player_id = ?",
                        (player_id,),
                    )
                ]
                remembered = conn.execute(
                    "SELECT count(*) FROM study_review WHERE player_id = ? AND rating > 1",
                    (player_id,),
                ).fetchone()[0]
                best_streak = conn.execute(
                    "SELECT coalesce(max(best_streak), 0) FROM sprint WHERE player_id = ?",
                    (player_id,),
                ).fetchone()[0]
                # each sprint against the best of the player's earlier sprints on its pack
                beaten = conn.execute(
                    "SELECT count(*) FROM (SELECT score, max(score) OVER ("
                    " PARTITION BY pack_id ORDER BY played_ts, id"
                    " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before"
                    " FROM sprint WHERE player_id = ?) WHERE score > before",
                    (player_id,),
                ).fetchone()[0]
            finally:
                conn.execute("COMMIT")
            return StudyStats(
                longest_study_streak=_longest_run(days),
                cards_remembered=int(remembered),
                best_sprint_streak=int(best_streak),
                personal_bests_beaten=int(beaten),
            )

        return self._read(work)

    def study_trophies_earned(self, player_id: int) -> dict[str, EarnedTrophy]:
        """When the player first earned each study trophy they hold (trophy id: the moment,
        once), read from the review log and the sprints themselves: the review that was
        the :data:`CARDS_REMEMBERED`-th remembered, the first review on the day that
        completed the first run of :data:`STUDY_STREAK_DAYS` study days
        (:func:`~clarity.core.trophies.streak_reached_on`), the first sprint with a run of
        :data:`SPRINT_STREAK`, the sprint that beat an earlier best for the
        :data:`PERSONAL_BESTS_BEATEN`-th time. The same rows and rules as
        :meth:`study_stats`, so a trophy the totals award always has its date, also for
        the rows saved before the trophy existed. Each moment has the offset its row was
        saved with (the student's calendar, as a round's); a damaged time text falls back
        to the row's seconds, in UTC. One snapshot of the file."""

        def work(conn: sqlite3.Connection) -> dict[str, EarnedTrophy]:
            conn.execute("BEGIN")  # one snapshot for the reads
            try:
                return _study_firsts(conn, player_id)
            finally:
                conn.execute("COMMIT")

        return self._read(work)

    # -- sprints ---------------------------------------------------------------------

    def record_sprint(
        self,
        player_id: int,
        pack_id: str,
        *,
        score: int,
        best_streak: int,
        statements: int,
        played_at: datetime,
    ) -> SprintRecord | SaveFailed:
        for name, value in (("score", score), ("best_streak", best_streak)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} is a whole number of 0 or more, not {value!r}")
        if isinstance(statements, bool) or not isinstance(statements, int) or statements < 0:
            raise ValueError(f"statements is a whole number of 0 or more, not {statements!r}")
        values = {
            "player_id": player_id,
            "pack_id": pack_id,
            "score": score,
            "best_streak": best_streak,
            "statements": statements,
            "played_at": played_at.isoformat(),
            "played_ts": _seconds(played_at, "played_at"),
        }

        def work(conn: sqlite3.Connection) -> SprintRecord:
            sprint_id = insert(conn, "sprint", values)
            return SprintRecord(sprint_id, pack_id, score, best_streak, statements, played_at)

        try:
            return self._write(work, message("This sprint was not saved."))
        except sqlite3.IntegrityError:
            return SaveFailed(message("This player was deleted meanwhile; nothing was saved."))

    def best_sprints(self, player_id: int) -> dict[str, SprintRecord]:
        # SQLite's bare columns with max(): each row's other columns are those of a sprint
        # with the highest score (https://www.sqlite.org/lang_select.html#bareagg).
        sql = (
            "SELECT id, pack_id, max(score) AS score, best_streak, statements, played_at,"
            " played_ts FROM sprint INDEXED BY sprint_by_player_pack"
            " WHERE player_id = ? GROUP BY pack_id ORDER BY pack_id"
        )
        return self._read(
            lambda conn: {
                record.pack_id: record
                for record in (_sprint(row) for row in query(conn, sql, (player_id,)))
            }
        )

    def sprints(self, player_id: int, limit: int = 50) -> list[SprintRecord]:
        sql = f"{_SPRINT_SELECT} WHERE player_id = ? ORDER BY played_ts DESC, id DESC LIMIT ?"
        return self._read(
            lambda conn: [_sprint(row) for row in query(conn, sql, (player_id, limit))]
        )

    def _saved(self, work: Any, what: Any) -> SaveFailed | None:
        try:
            result = self._write(work, what)
        except sqlite3.IntegrityError:
            return SaveFailed(message("This player was deleted meanwhile; nothing was saved."))
        return result if isinstance(result, SaveFailed) else None
