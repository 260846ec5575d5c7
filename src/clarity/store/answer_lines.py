"""Every saved answer with its time, of every kind of game that keeps answers: rounds played
alone (``answer``), teams of class games on one screen and students of games on the
devices (``class_answer``), for ``clarity results --answers`` and the class report.

A student of a game on the devices removed before they answered or guessed anything took no
part (:data:`clarity.store.class_games.TOOK_PART`): their timeouts are not answers of theirs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from clarity.store.class_games import TOOK_PART
from clarity.store.rows import Fields
from clarity.store.sql import Reads, query

EXPORT_BATCH = 2000  # answers read at a time

_POINTS = "{t}.base_points + {t}.time_bonus + {t}.streak_bonus + {t}.image_bonus - {t}.penalty"
_ANSWERS_QUERY = f"""
    SELECT r.played_ts AS ts, 0 AS kind, r.id AS game_row, 0 AS team_number,
           r.played_at, r.uuid AS game, 'solo' AS mode, r.pack_id, p.name AS player,
           NULL AS team, 0 AS removed, a.number, a.question_id, a.response, a.is_right,
           a.seconds, {_POINTS.format(t="a")} AS points, a.timed_out
    FROM answer a JOIN round r ON r.id = a.round_id JOIN player p ON p.id = r.player_id
    WHERE r.class_team_id IS NULL
    UNION ALL
    SELECT cg.played_ts, 1, cg.id, ct.number, cg.played_at, cg.uuid, cg.mode, cg.pack_id,
           (SELECT group_concat(p.name, char(10)) FROM round m JOIN player p ON p.id = m.player_id
            WHERE m.class_team_id = ct.id),
           ct.name, ct.removed, a.number, a.question_id, a.response, a.is_right, a.seconds,
           {_POINTS.format(t="a")}, a.timed_out
    FROM class_answer a JOIN class_team ct ON ct.id = a.team_id
    JOIN class_game cg ON cg.id = ct.game_id
    WHERE {TOOK_PART}
    ORDER BY ts, kind, game_row, team_number, number
"""


@dataclass(frozen=True)
class AnswerLine:
    """One saved answer, as the answers' export writes it.

    ``game``: the round's UUID (played alone) or the class game's; ``mode``: ``solo``,
    ``turns``, ``buzz`` or ``devices``; ``players``: the player who played alone, the
    members of a team who are players (by their names now), or the player a student
    picked from the class list (empty for a nickname or a team of guests); ``team``: the
    team's name, or the name a student played under (None played alone); ``question``:
    the question's number as asked (played alone and on the devices; a team's own count
    of its answers on one screen); ``response``: None when the time ran out;
    ``seconds``: on the question's clock; ``points``: the answer's total."""

    played_at: datetime
    game: str
    mode: str
    pack_id: str
    players: tuple[str, ...]
    team: str | None
    removed: bool
    question: int
    question_id: str | None
    response: str | None
    right: bool
    seconds: float
    points: int
    timed_out: bool


def every_answer(read: Reads) -> Iterator[AnswerLine]:
    """Every saved answer, oldest game first, each game's teams or students in their
    order and each one's answers in order. The query runs once; each batch is fetched and
    converted through the read funnel ``read``, so damage met half-way is seen there."""
    cursor = read(lambda conn: query(conn, _ANSWERS_QUERY))

    def next_batch(conn: sqlite3.Connection) -> list[AnswerLine]:
        return [_answer_line(row) for row in cursor.fetchmany(EXPORT_BATCH)]

    while batch := read(next_batch):
        yield from batch


def _answer_line(row: dict[str, object]) -> AnswerLine:
    solo = row["kind"] == 0
    fields = Fields("answer" if solo else "class_answer", row, None)
    players = fields.optional_text("player")
    return AnswerLine(
        played_at=fields.moment("played_at"),
        game=fields.text("game"),
        mode=fields.text("mode"),
        pack_id=fields.text("pack_id"),
        players=tuple(sorted(players.split("\n"), key=str.casefold)) if players else (),
        team=fields.optional_text("team"),
        removed=fields.flag("removed"),
        question=fields.integer("number"),
        question_id=fields.optional_text("question_id"),
        response=fields.optional_text("response"),
        right=fields.flag("is_right"),
        seconds=fields.number("seconds"),
        points=fields.integer("points"),
        timed_out=fields.flag("timed_out"),
    )
