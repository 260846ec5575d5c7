"""Standings: leaderboards, a player's rank, the statistics trophies are measured on, the
trophies earned, and the teacher's overview of the players."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from clarity.core.trophies import TIER_RANK, PlayerStats
from clarity.store import rows
from clarity.store.models import EarnedTrophy, LeaderRow, PlayerOverview
from clarity.store.problems import UnreadableRow
from clarity.store.sql import Reads, query

# The medals' order is the trophies' (core.trophies.TIER_RANK), written as SQL once here.
_MEDAL_BY_RANK = {rank: tier.value for tier, rank in TIER_RANK.items()}
_MEDAL_RANK_SQL = (
    "CASE medal "
    + " ".join(f"WHEN '{medal}' THEN {rank}" for rank, medal in _MEDAL_BY_RANK.items())
    + " END"
)
# A player's best round on pack ?1: the leaderboard's order, which is also its tie rule.
# Only rounds played alone count: a class game's member rows carry their team's score
# (clarity.store.class_games), which has a list of its own.
_BEST_FIRST = "score DESC, played_ts ASC, id ASC"
_LEADER_COLUMNS = "r.id, r.uuid, r.pack_id, r.player_id, p.name, r.score, r.medal, r.played_at"


class Standings:
    """Standings: leaderboards, a player's rank, trophy statistics, earned trophies, the
    players' overview."""

    def __init__(self, read: Reads) -> None:
        self._read = read

    def leaderboard(self, pack_id: str, limit: int) -> list[LeaderRow]:
        def work(conn: sqlite3.Connection) -> list[LeaderRow]:
            best = query(
                conn,
                f"""
                SELECT {_LEADER_COLUMNS}
                FROM player p
                JOIN round r ON r.id = (
                    SELECT id FROM round
                    WHERE pack_id = ?1 AND player_id = p.id AND class_team_id IS NULL
                    ORDER BY {_BEST_FIRST} LIMIT 1)
                ORDER BY r.score DESC, r.played_ts ASC, r.id ASC
                LIMIT ?2
                """,
                (pack_id, limit),
            )
            return [rows.leader_row(row, rank) for rank, row in enumerate(best, start=1)]

        return self._read(work)

    def player_rank(self, pack_id: str, player_id: int) -> LeaderRow | None:
        def work(conn: sqlite3.Connection) -> LeaderRow | None:
            row = query(
                conn,
                f"""
                WITH r AS (
                    SELECT * FROM round
                    WHERE pack_id = ?1 AND player_id = ?2 AND class_team_id IS NULL
                    ORDER BY {_BEST_FIRST} LIMIT 1)
                SELECT {_LEADER_COLUMNS},
                       1 + (SELECT count(*) FROM player q
                            WHERE q.id != r.player_id AND EXISTS (
                                SELECT 1 FROM round o
                                WHERE o.pack_id = ?1 AND o.player_id = q.id
                                  AND o.class_team_id IS NULL
                                  AND (o.score > r.score
                                       OR (o.score = r.score
                                           AND (o.played_ts < r.played_ts
                                                OR (o.played_ts = r.played_ts
                                                    AND o.id < r.id)))))) AS rank
                FROM r JOIN player p ON p.id = r.player_id
                """,
                (pack_id, player_id),
            ).fetchone()
            return None if row is None else rows.leader_row(row, row["rank"])

        return self._read(work)

    def player_stats(self, player_id: int) -> PlayerStats:
        return self._read(lambda conn: _player_stats(conn, player_id))

    def earned_trophies(self, player_id: int) -> dict[str, EarnedTrophy]:
        def work(conn: sqlite3.Connection) -> dict[str, EarnedTrophy]:
            # The grouping reads only the (player, trophy, time) index; SQLite takes the
            # bare round_id from the row holding min(played_ts), and only those few
            # rounds are looked up for their local date.
            firsts = query(
                conn,
                """
                SELECT firsts.trophy_id, r.id, r.played_at, firsts.times
                FROM (
                    SELECT trophy_id, min(played_ts), round_id, count(*) AS times
                    FROM round_trophy WHERE player_id = ? GROUP BY trophy_id
                ) AS firsts
                JOIN round r ON r.id = firsts.round_id
                """,
                (player_id,),
            )
            return {row["trophy_id"]: rows.earned_trophy(row) for row in firsts}

        return self._read(work)

    def player_overview(self) -> list[PlayerOverview]:
        """Every player with their rounds (class games included: they played them), their
        own right answers, their best score of a round played alone (a class game's score
        is the team's: :mod:`clarity.store.class_games`) and their last game."""

        def work(conn: sqlite3.Connection) -> list[PlayerOverview]:
            conn.execute("BEGIN")  # one snapshot for the reads
            try:
                return _player_overview(conn)
            finally:
                conn.execute("COMMIT")

        return self._read(work)


def _player_overview(conn: sqlite3.Connection) -> list[PlayerOverview]:
    """The overview from the player index alone, which covers the columns it adds up but
    not ``class_team_id`` (filtering on it there reads every round row: 8 times slower at
    100,000 rounds); the few players whose best score is a team's are put right after, from
    their own rounds."""
    overview = [
        rows.player_overview(row)
        for row in query(
            conn,
            """
            SELECT p.id, p.name, p.created_at, p.extra_time,
                   count(r.id) AS rounds,
                   coalesce(sum(r.right_count), 0) AS right_answers,
                   max(r.score) AS best_score,
                   (SELECT played_at FROM round WHERE player_id = p.id
                    ORDER BY played_ts DESC LIMIT 1) AS last_played
            FROM player p LEFT JOIN round r ON r.player_id = p.id
            GROUP BY p.id ORDER BY p.name_key, p.id
            """,
        )
    ]
    best_in_a_team = dict(
        conn.execute(
            """
            SELECT player_id, max(score) FROM round INDEXED BY round_by_class_team
            WHERE class_team_id IS NOT NULL GROUP BY player_id
            """
        ).fetchall()
    )
    for n, line in enumerate(overview):
        team = best_in_a_team.get(line.player.id)
        if team is not None and line.best_score is not None and team >= line.best_score:
            (alone,) = conn.execute(
                "SELECT max(score) FROM round WHERE player_id = ? AND class_team_id IS NULL",
                (line.player.id,),
            ).fetchone()
            if alone is not None and not isinstance(alone, int):
                said = f"a score of player {line.player.id} is not a number"
                raise UnreadableRow("round", None, said)
            overview[n] = replace(line, best_score=alone)
    return overview


def _player_stats(conn: sqlite3.Connection, player_id: int) -> PlayerStats:
    """The three totals from one snapshot of the file.

    Each query names the player index that covers its columns: left to itself, the
    planner may pick the leaderboard index for ``GROUP BY pack_id`` and then visit every
    round row (ten times slower at 100,000 rounds).
    """
    conn.execute("BEGIN")  # one snapshot for the three reads
    try:
        rounds, right = conn.execute(
            """
            SELECT count(*), coalesce(sum(right_count), 0)
            FROM round INDEXED BY round_by_player_time WHERE player_id = ?
            """,
            (player_id,),
        ).fetchone()
        medals = {}
        for row in query(
            conn,
            f"""
            SELECT pack_id, max({_MEDAL_RANK_SQL}) AS medal_rank
            FROM round INDEXED BY round_by_player_time
            WHERE player_id = ? AND medal IS NOT NULL GROUP BY pack_id
            """,
            (player_id,),
        ):
            medal = _MEDAL_BY_RANK.get(row["medal_rank"])
            if medal is None:  # the schema's CHECK allows only these: edited or damaged
                raise UnreadableRow("round", None, f"a medal of pack {row['pack_id']!r} is unknown")
            medals[row["pack_id"]] = medal
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
