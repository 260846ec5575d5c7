"""Class games on one screen: the game being played (saved after every action), and the
finished games with their teams, members, answers and guesses.

How a finished class game is kept (schema version 5, :mod:`clarity.store.db`):

* one ``class_game`` row: the pack, the mode, when, the outcome, which team guessed the
  picture, and the whole setup as JSON (the setup's member ids are a record of the day;
  who is a member now is the ``round`` rows below);
* one ``class_team`` row per team: its name, emblem, place, score and breakdown, right and
  wrong answers, medal and per-round trophies; its answers and guesses in
  ``class_answer`` and ``class_guess`` (the solo tables' columns, keyed by the team, since
  a team is not a player's round; an answer also says whether it was a steal or judged);
* one ``round`` row per member who is a player profile, naming the team
  (``round.class_team_id``): the game is in the member's history with the team's score,
  breakdown and medal, their trophy cabinet holds the team's per-round trophies, and the
  game counts as a round played (the Marathon) and its medal as the member's medal on the
  pack (Collector, Scholar). Deleting the player deletes these rows (the schema cascades);
  the team's rows hold no player's name.

**A member's own share of the right answers.** The lasting trophies that count right
answers (Century) count each member's own share of the team's: the team's right answers
split equally among its members who are player profiles, rounded down (7 right answers in
a team of 3 count 2 for each member). The member's round row keeps that share as its
right answers (and the team's wrong answers split the same way), so the players' list and
the trophies add up what each member did, not the team's total three times over.

Team results do not enter the pack's leaderboard of players (a strong team would lift
every member above those who played alone): :meth:`ClassGames.team_leaderboard` is a list
of its own, the high scores' teams.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from clarity.core.events import AnswerGiven, ClassSummary, ImageGuessed
from clarity.core.messages import message
from clarity.core.scoring import check_time_scale
from clarity.store import finished_rounds, rows
from clarity.store.models import (
    ClassInProgress,
    SavedClassGame,
    SavedRound,
    SaveFailed,
    TeamLeaderRow,
    TeamRecord,
    TeamResult,
)
from clarity.store.sql import Reads, Writes, insert, insert_many, local_aware, query

_IN_PROGRESS_COLUMNS = ("id", "pack_id", "setup", "snapshot", "updated_at")
_IN_PROGRESS_UPSERT = (
    "INSERT INTO class_in_progress (id, pack_id, setup, snapshot, updated_at) "
    "VALUES (1, :pack_id, :setup, :snapshot, :updated_at) "
    "ON CONFLICT (id) DO UPDATE SET pack_id = excluded.pack_id, setup = excluded.setup, "
    "snapshot = excluded.snapshot, updated_at = excluded.updated_at"
)
_ANSWER_COLUMNS = (
    *("team_id", "number", "question_index", "question_id", "response", "is_right"),
    *("seconds", "base_points", "time_bonus", "streak_bonus", "image_bonus", "penalty"),
    *("streak", "timed_out", "steal", "judged"),
)
_GUESS_COLUMNS = (
    *("team_id", "number", "guess", "is_right", "hidden_tiles", "total_tiles", "base_points"),
    *("time_bonus", "streak_bonus", "image_bonus", "penalty", "final", "seconds"),
)
#: A team's time scale is its game's, but a student of a game on the devices has their own
#: in the game's setup (``teams[number].time_scale``: the class's times their extra time;
#: see clarity.store.live_games), read when it is there and a number or null (no limit).
_OWN_TIME_SCALE = "json_type(cg.setup, '$.teams[' || ct.number || '].time_scale')"
TEAM_QUERY = f"""
    SELECT ct.*, cg.uuid, cg.pack_id, cg.mode, cg.played_at, cg.timer,
           CASE WHEN cg.mode != 'devices' OR NOT json_valid(cg.setup) THEN cg.time_scale
                WHEN {_OWN_TIME_SCALE} IN ('real', 'integer', 'null')
                THEN json_extract(cg.setup, '$.teams[' || ct.number || '].time_scale')
                ELSE cg.time_scale END AS time_scale,
           (SELECT count(*) FROM class_team o WHERE o.game_id = ct.game_id) AS teams,
           (SELECT group_concat(p.name, char(10)) FROM round r JOIN player p ON p.id = r.player_id
            WHERE r.class_team_id = ct.id) AS members
    FROM class_team ct JOIN class_game cg ON cg.id = ct.game_id
"""


#: The teams that are results: every team of a game on one screen, and every student of a
#: game on the devices who stayed or, removed, had answered or guessed at least once
#: (clarity.store.live_games.took_part, for the rows as saved).
TOOK_PART = """
    (ct.removed = 0
     OR EXISTS (SELECT 1 FROM class_answer a WHERE a.team_id = ct.id AND a.response IS NOT NULL)
     OR EXISTS (SELECT 1 FROM class_guess g WHERE g.team_id = ct.id))
"""


def _json(value: Mapping[str, Any]) -> str:
    # A value that is not plain JSON is a bug in the caller: let json raise.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def member_share(count: int, members: int) -> int:
    """A member's own share of a team's ``count`` (right or wrong answers): split equally
    among the ``members`` (player profiles), rounded down; the whole count when there is no
    member to split it with. Raises ValueError for a negative number of members."""
    if members < 0:
        raise ValueError("a team has no fewer than 0 members")
    return count // members if members else count


class ClassGames:
    """Class games: the one in progress (save, read, drop) and the finished ones (save,
    every team for the export, a pack's teams list, a team's answers and guesses)."""

    def __init__(self, read: Reads, write: Writes, now: Callable[[], datetime]) -> None:
        self._read = read
        self._write = write
        self._now = now

    # -- the game being played ------------------------------------------------------

    def save_in_progress(
        self, pack_id: str, setup: Mapping[str, Any], snapshot: Mapping[str, Any]
    ) -> SaveFailed | None:
        values = {
            "pack_id": pack_id,
            "setup": _json(setup),
            "snapshot": _json(snapshot),
            "updated_at": local_aware(self._now()).isoformat(timespec="seconds"),
        }
        result = self._write(
            lambda conn: conn.execute(_IN_PROGRESS_UPSERT, values),
            message("The class game in progress was not saved."),
        )
        return result if isinstance(result, SaveFailed) else None

    def in_progress(self) -> ClassInProgress | None:
        def work(conn: sqlite3.Connection) -> ClassInProgress | None:
            row = query(
                conn,
                f"SELECT {', '.join(_IN_PROGRESS_COLUMNS)} FROM class_in_progress WHERE id = 1",
            ).fetchone()
            if row is None:
                return None
            try:
                setup, snapshot = json.loads(row["setup"]), json.loads(row["snapshot"])
            except (json.JSONDecodeError, TypeError):
                return None  # unreadable: offering to resume it would only fail later
            if not isinstance(setup, dict) or not isinstance(snapshot, dict):
                return None
            return rows.class_in_progress(row, setup, snapshot)

        return self._read(work)

    def drop_in_progress(self) -> SaveFailed | None:
        result = self._write(
            _drop_in_progress, message("The class game in progress was not dropped.")
        )
        return result if isinstance(result, SaveFailed) else None

    # -- the finished games ---------------------------------------------------------

    def save(
        self,
        summary: ClassSummary,
        teams: Sequence[TeamResult],
        *,
        setup: Mapping[str, Any],
        pack_sha256: str,
        mystery_image: str,
        played_at: datetime,
        time_scale: float | None,
        lasting: Mapping[int, Sequence[str]],
    ) -> SavedClassGame | SaveFailed:
        time_scale = check_time_scale(time_scale)  # anything else is a bug in the caller
        if sorted(team.number for team in teams) != list(range(len(summary.contestants))):
            raise ValueError("a class game is saved with every one of its teams")
        played_at = local_aware(played_at)
        saved = SavedClassGame(str(uuid.uuid4()), played_at)
        first = summary.contestants[0]
        game = {
            "uuid": saved.game_id,
            "pack_id": summary.pack_id,
            "pack_sha256": pack_sha256,
            "mystery_index": summary.mystery_index,
            "mystery_image": mystery_image,
            "mystery_answer": summary.mystery_answer,
            "seed": summary.seed,
            "mode": str(summary.mode),
            "outcome": str(summary.outcome),
            "guessed_by": summary.guessed_by,
            "total_tiles": summary.total_tiles,
            "hidden_at_end": summary.hidden_at_end,
            "questions_asked": summary.questions_asked,
            "timer": first.timer,
            "streaks": first.streaks,
            "time_scale": time_scale,
            "setup": _json(setup),
            "played_at": played_at.isoformat(timespec="seconds"),
            "played_ts": played_at.timestamp(),
            "played_day": played_at.date().isoformat(),
        }

        def work(conn: sqlite3.Connection) -> SavedClassGame:
            game_id = insert(conn, "class_game", game)
            wanted = [m for team in teams for m in team.members]
            # a member the teacher deleted from another window while the class played is
            # left out, not the whole game
            names = _names_of(conn, wanted)
            for team in teams:
                team_id = insert(conn, "class_team", _team_values(game_id, team))
                _insert_answers(conn, team_id, team.summary.answers)
                _insert_guesses(conn, team_id, team.summary.guesses)
                members = [m for m in team.members if m in names]
                for member in members:
                    _insert_member_round(
                        conn,
                        team_id,
                        team,
                        member,
                        members=len(members),
                        game=game,
                        lasting=lasting.get(member, ()),
                    )
            _drop_in_progress(conn)  # in the same transaction: never both a game and its offer
            return SavedClassGame(saved.game_id, played_at, names)

        return self._write(work, message("This class game was not saved."))

    def teams(self) -> Iterator[TeamRecord]:
        """Every team of every class game that took part (:data:`TOOK_PART`: a student of a
        game on the devices removed before they answered or guessed is not one), oldest
        game first, each game's teams in the order of its setup; a student's
        ``time_scale`` is their own."""
        return iter(
            self._read(
                lambda conn: [
                    rows.team_record(row)
                    for row in query(
                        conn,
                        f"{TEAM_QUERY} WHERE {TOOK_PART} ORDER BY cg.played_ts, cg.id, ct.number",
                    )
                ]
            )
        )

    def team_leaderboard(self, pack_id: str, limit: int) -> list[TeamLeaderRow]:
        """The best team results on a pack, best first; a tie of score goes to the earlier
        game (then to the team first in its setup). A game on the students' devices has no
        teams (its students are kept as teams of one: see clarity.store.live_games)."""

        def work(conn: sqlite3.Connection) -> list[TeamLeaderRow]:
            found = query(
                conn,
                f"{TEAM_QUERY} WHERE cg.pack_id = ? AND cg.mode != 'devices' "
                "ORDER BY ct.score DESC, cg.played_ts, cg.id, ct.number LIMIT ?",
                (pack_id, limit),
            )
            return [TeamLeaderRow(rank, rows.team_record(row)) for rank, row in enumerate(found, 1)]

        return self._read(work)

    def answers(self, game_id: str) -> tuple[AnswerGiven, ...]:
        """Every team's answers of a saved class game, team by team, each in order
        (``contestant``: the team's number)."""
        return self._read(
            lambda conn: tuple(
                rows.class_answer(row) for row in _of_game(conn, "class_answer", game_id)
            )
        )

    def guesses(self, game_id: str) -> tuple[ImageGuessed, ...]:
        """Every team's guesses at the picture of a saved class game, team by team."""
        return self._read(
            lambda conn: tuple(
                rows.class_guess(row) for row in _of_game(conn, "class_guess", game_id)
            )
        )


def _drop_in_progress(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM class_in_progress")


def forget_member(conn: sqlite3.Connection, player_id: int) -> int:
    """Take ``player_id`` out of every team of every class game's setup, the one in
    progress and the finished ones, in the caller's transaction (a deleted player's).

    A setup names its members by player id in JSON, out of reach of the schema's cascade;
    ids of deleted players are given again to new players (``player.id`` has no
    AUTOINCREMENT), so an id left there would make a new player a member of a game they
    never played, and give them its results and trophies when an interrupted game is
    finished. Returns the number of setups changed; a setup that is not readable JSON is
    left as it is (nothing can read members out of it either).
    """
    _forget_device_students(conn, player_id)
    changed = 0
    for table in ("class_in_progress", "class_game"):
        found = conn.execute(f"SELECT id, setup FROM {table}").fetchall()
        for row_id, text in found:
            setup = _without_member(text, player_id)
            if setup is not None:
                conn.execute(f"UPDATE {table} SET setup = ? WHERE id = ?", (_json(setup), row_id))
                changed += 1
    return changed


def _forget_device_students(conn: sqlite3.Connection, player_id: int) -> int:
    """Delete, from every finished game on students' devices, the student who played as
    ``player_id``: their row, with its name, answers and guesses (the schema cascades), and
    their name in the game's setup. A team of a class game on one screen has a name of the
    class's choosing and keeps it; a student on a device is the player, so their row is
    part of "everything saved about them". Returns the number of students deleted.
    """
    deleted = 0
    games = conn.execute("SELECT id, setup FROM class_game WHERE mode = 'devices'").fetchall()
    for game_id, text in games:
        try:
            setup = json.loads(text) if isinstance(text, str) else None
        except json.JSONDecodeError:
            continue
        teams = setup.get("teams") if isinstance(setup, dict) else None
        if not isinstance(teams, list):
            continue
        for number, team in enumerate(teams):
            members = team.get("members") if isinstance(team, dict) else None
            if isinstance(members, list) and player_id in members:
                conn.execute(
                    "DELETE FROM class_team WHERE game_id = ? AND number = ?", (game_id, number)
                )
                team["name"] = ""
                deleted += 1
        if deleted:
            conn.execute("UPDATE class_game SET setup = ? WHERE id = ?", (_json(setup), game_id))
    return deleted


def _without_member(text: object, player_id: int) -> dict[str, Any] | None:
    """The setup ``text`` without ``player_id`` in its teams; None when it does not name
    them (or cannot be read)."""
    try:
        setup = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError:
        return None
    teams = setup.get("teams") if isinstance(setup, dict) else None
    if not isinstance(teams, list):
        return None
    found = False
    for team in teams:
        members = team.get("members") if isinstance(team, dict) else None
        if isinstance(members, list) and player_id in members:
            team["members"] = [m for m in members if m != player_id]
            found = True
    return setup if found else None


def _names_of(conn: sqlite3.Connection, player_ids: Sequence[int]) -> dict[int, str]:
    """The players among ``player_ids`` that are still there, id: name."""
    if not player_ids:
        return {}
    marks = ", ".join("?" for _ in player_ids)
    found = conn.execute(f"SELECT id, name FROM player WHERE id IN ({marks})", tuple(player_ids))
    return dict(found)


def _of_game(conn: sqlite3.Connection, table: str, game_id: str) -> sqlite3.Cursor:
    return query(
        conn,
        f"SELECT x.*, ct.number AS team_number FROM {table} x "
        "JOIN class_team ct ON ct.id = x.team_id "
        "WHERE ct.game_id = (SELECT id FROM class_game WHERE uuid = ?) "
        "ORDER BY ct.number, x.number",
        (game_id,),
    )


def _team_values(game_id: int, team: TeamResult) -> dict[str, Any]:
    summary = team.summary
    return {
        "game_id": game_id,
        "number": team.number,
        "name": team.name,
        "emblem": team.emblem,
        "place": team.place,
        "score": summary.score,
        **rows.points_values(summary.breakdown),
        "best_possible": summary.best_possible,
        "right_count": summary.right,
        "wrong_count": summary.wrong,
        "longest_streak": summary.longest_streak,
        "hidden_at_guess": summary.hidden_at_guess,
        "seconds_played": summary.seconds_played,
        "medal": team.medal,
        "trophies": ",".join(dict.fromkeys(team.trophies)),
    }


def _insert_member_round(
    conn: sqlite3.Connection,
    team_id: int,
    team: TeamResult,
    player_id: int,
    *,
    members: int,
    game: Mapping[str, Any],
    lasting: Sequence[str],
) -> None:
    """The member's own round row of the game: the team's score, breakdown and medal, the
    member's share of its right and wrong answers, and the team's trophies with the
    lasting ones this member earned."""
    played_at = datetime.fromisoformat(game["played_at"])
    values = finished_rounds.round_values(
        SavedRound(str(uuid.uuid4()), played_at),
        player_id,
        team.summary,
        pack_sha256=game["pack_sha256"],
        mystery_image=game["mystery_image"],
        medal=team.medal,
        time_scale=game["time_scale"],
    )
    values["played_ts"] = game["played_ts"]  # the same instant as the game, to the bit
    values["right_count"] = member_share(team.summary.right, members)
    values["wrong_count"] = member_share(team.summary.wrong, members)
    values["class_team_id"] = team_id
    round_id = insert(conn, "round", values)
    finished_rounds.insert_trophies(
        conn, round_id, player_id, values["played_ts"], [*team.trophies, *lasting]
    )


def _insert_answers(
    conn: sqlite3.Connection,
    team_id: int,
    answers: Sequence[AnswerGiven],
    *,
    by_question: bool = False,
) -> None:
    """The team's answers, numbered by the team's own order (a class round numbers answers
    across teams), or with ``by_question`` by each answer's own number (a device game's:
    the question it answered) when those numbers rise, as the key needs."""
    numbers = [a.number for a in answers]
    if not by_question or any(b <= a for a, b in itertools.pairwise(numbers)):
        numbers = list(range(1, len(answers) + 1))
    insert_many(
        conn,
        "class_answer",
        _ANSWER_COLUMNS,
        (
            {
                "team_id": team_id,
                **rows.answer_values(a, number),
                "steal": a.steal,
                "judged": a.judged,
            }
            for number, a in zip(numbers, answers, strict=True)
        ),
    )


def _insert_guesses(
    conn: sqlite3.Connection, team_id: int, guesses: Sequence[ImageGuessed]
) -> None:
    insert_many(
        conn,
        "class_guess",
        _GUESS_COLUMNS,
        (
            {"team_id": team_id, **rows.guess_values(g, number)}
            for number, g in enumerate(guesses, start=1)
        ),
    )
