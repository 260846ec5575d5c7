"""Stored rows to the store's models: one function per model, every column read by name.

A value that cannot mean what the schema says (a date ``datetime.fromisoformat`` refuses,
an outcome the game does not know, a NULL or a text where a number is needed) raises
:class:`clarity.store.problems.UnreadableRow` with the table and rowid, which the store
handles as damage, instead of a ValueError or a TypeError from deep inside.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from operator import itemgetter
from typing import Any

from clarity.core.events import AnswerGiven, ImageGuessed, Points, RoundOutcome
from clarity.core.trophies import TIER_RANK
from clarity.store.models import (
    ClassInProgress,
    EarnedTrophy,
    InProgress,
    LeaderRow,
    Player,
    PlayerOverview,
    RoundRecord,
    TeamRecord,
)
from clarity.store.problems import UnreadableRow

Row = Mapping[str, Any]  # a stored row, column name: value (see sql.query)
_OUTCOMES = {str(outcome): outcome for outcome in RoundOutcome}
_MEDALS = frozenset(tier.value for tier in TIER_RANK)


class Fields:
    """The values of one stored row, each read as the type the schema promises."""

    __slots__ = ("_row", "_rowid", "_table")

    def __init__(self, table: str, row: Row, rowid: int | None) -> None:
        self._table = table
        self._row = row
        self._rowid = rowid

    def unreadable(self, column: str, wanted: str) -> UnreadableRow:
        value = self._row[column]
        return UnreadableRow(self._table, self._rowid, f"{column} is {value!r}, not {wanted}")

    def integer(self, column: str) -> int:
        value = self._row[column]
        if type(value) is not int:
            raise self.unreadable(column, "a whole number")
        return value

    def optional_integer(self, column: str) -> int | None:
        return None if self._row[column] is None else self.integer(column)

    def number(self, column: str) -> float:
        value = self._row[column]
        if type(value) is not float and type(value) is not int:
            raise self.unreadable(column, "a number")
        return value

    def optional_number(self, column: str) -> float | None:
        return None if self._row[column] is None else self.number(column)

    def flag(self, column: str) -> bool:
        value = self._row[column]
        if type(value) is not int or value not in (0, 1):
            raise self.unreadable(column, "0 or 1")
        return value == 1

    def text(self, column: str) -> str:
        value = self._row[column]
        if type(value) is not str:
            raise self.unreadable(column, "a text")
        return value

    def optional_text(self, column: str) -> str | None:
        return None if self._row[column] is None else self.text(column)

    def medal(self, column: str = "medal") -> str | None:
        """A round's medal: one of the trophies' tiers (bronze, silver, gold), or None."""
        value = self._row[column]
        if value is not None and value not in _MEDALS:
            raise self.unreadable(column, f"a medal ({', '.join(sorted(_MEDALS))})")
        return value

    def moment(self, column: str) -> datetime:
        value = self._row[column]
        try:
            return datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.unreadable(column, "a date and time (ISO 8601)") from None

    def optional_moment(self, column: str) -> datetime | None:
        return None if self._row[column] is None else self.moment(column)

    def points(self) -> Points:
        """The points columns every scored row has (base_points ... penalty)."""
        return Points(
            base=self.integer("base_points"),
            time_bonus=self.integer("time_bonus"),
            streak_bonus=self.integer("streak_bonus"),
            image_bonus=self.integer("image_bonus"),
            penalty=self.integer("penalty"),
        )


def player(row: Row) -> Player:
    """A player from a row of ``player`` (id, name, created_at, extra_time)."""
    fields = Fields("player", row, row["id"])
    return Player(
        id=fields.integer("id"),
        name=fields.text("name"),
        created_at=fields.moment("created_at"),
        extra_time=fields.optional_number("extra_time"),
    )


def player_overview(row: Row) -> PlayerOverview:
    """A player's line of the teacher's list: the player's columns, and ``rounds``,
    ``right_answers``, ``best_score``, ``last_played`` added up over their rounds."""
    fields = Fields("player", row, row["id"])
    return PlayerOverview(
        player=player(row),
        rounds=fields.integer("rounds"),
        right_answers=fields.integer("right_answers"),
        best_score=fields.optional_integer("best_score"),
        last_played=fields.optional_moment("last_played"),
    )


# The columns of a round record by the type they must hold, each group read in one
# go (operator.itemgetter) and checked in one comparison: the export converts every
# round, and a check per field made it a third slower.
_ROUND_TEXTS = ("uuid", "name", "pack_id", "pack_sha256", "mystery_image", "mystery_answer")
_ROUND_INTEGERS = (
    *("player_id", "mystery_index", "score", "base_points", "time_bonus", "streak_bonus"),
    *("image_bonus", "penalty", "best_possible", "right_count", "wrong_count"),
    *("longest_streak", "timer", "streaks"),
)
_round_texts = itemgetter(*_ROUND_TEXTS)
_round_integers = itemgetter(*_ROUND_INTEGERS)
_ALL_TEXTS = (str,) * len(_ROUND_TEXTS)
_ALL_INTEGERS = (int,) * len(_ROUND_INTEGERS)


def round_record(row: Row) -> RoundRecord:
    """A finished round from a row of ``round`` with the player's ``name`` and its
    ``trophies`` (their ids joined with commas, or NULL)."""
    fields = Fields("round", row, row["id"])
    texts, integers = _round_texts(row), _round_integers(row)
    if tuple(map(type, texts)) != _ALL_TEXTS:
        for column in _ROUND_TEXTS:
            fields.text(column)
    if tuple(map(type, integers)) != _ALL_INTEGERS:
        for column in _ROUND_INTEGERS:
            fields.integer(column)
    uuid, name, pack_id, pack_sha256, mystery_image, mystery_answer = texts
    (player_id, mystery_index, score, base, time_bonus, streak_bonus) = integers[:6]
    (image_bonus, penalty, best_possible, right, wrong, longest_streak) = integers[6:12]
    outcome = _OUTCOMES.get(row["outcome"])
    if outcome is None:
        raise fields.unreadable("outcome", f"one of {', '.join(_OUTCOMES)}")
    trophies = fields.optional_text("trophies")
    return RoundRecord(
        round_id=uuid,
        player_id=player_id,
        player_name=name,
        pack_id=pack_id,
        pack_sha256=pack_sha256,
        mystery_index=mystery_index,
        mystery_image=mystery_image,
        mystery_answer=mystery_answer,
        outcome=outcome,
        score=score,
        breakdown=Points(base, time_bonus, streak_bonus, image_bonus, penalty),
        best_possible=best_possible,
        right=right,
        wrong=wrong,
        longest_streak=longest_streak,
        seconds_played=fields.number("seconds_played"),
        timer=fields.flag("timer"),
        streaks=fields.flag("streaks"),
        medal=fields.medal(),
        played_at=fields.moment("played_at"),
        trophies=tuple(sorted(trophies.split(","))) if trophies else (),
        time_scale=fields.optional_number("time_scale"),
        # a query without the class game's columns reads a round played alone
        team_name=fields.optional_text("team_name") if "team_name" in row else None,
        class_mode=fields.optional_text("class_mode") if "class_mode" in row else None,
        class_game_id=fields.optional_text("class_game_id") if "class_game_id" in row else None,
    )


def answer(row: Row, table: str = "answer") -> AnswerGiven:
    """An answer from a row of ``answer`` (a table without rowid: the reason names its key)
    or, with ``table`` "class_answer", a team's: its ``steal`` and ``judged`` flags, and
    its ``contestant`` (the team's place in the setup, ``team_number``) when the row is
    joined with it, else 0."""
    fields = Fields(table, row, None)
    team = table == "class_answer"
    return AnswerGiven(
        number=fields.integer("number"),
        question_index=fields.integer("question_index"),
        question_id=fields.optional_text("question_id"),
        response=fields.optional_text("response"),
        right=fields.flag("is_right"),
        seconds=fields.number("seconds"),
        points=fields.points(),
        streak=fields.integer("streak"),
        timed_out=fields.flag("timed_out"),
        contestant=fields.integer("team_number") if "team_number" in row else 0,
        steal=fields.flag("steal") if team else False,
        judged=fields.flag("judged") if team else False,
    )


def guess(row: Row, table: str = "guess") -> ImageGuessed:
    """A guess at the picture from a row of ``guess`` (a table without rowid) or, with
    ``table`` "class_guess", a team's (its ``contestant`` as :func:`answer` reads it)."""
    fields = Fields(table, row, None)
    return ImageGuessed(
        guess=fields.text("guess"),
        right=fields.flag("is_right"),
        hidden_tiles=fields.integer("hidden_tiles"),
        total_tiles=fields.integer("total_tiles"),
        points=fields.points(),
        final=fields.flag("final"),
        seconds=fields.number("seconds"),
        contestant=fields.integer("team_number") if "team_number" in row else 0,
    )


def in_progress(row: Row, snapshot: dict[str, object]) -> InProgress:
    """The round in progress from a row of ``in_progress`` and its decoded ``snapshot``."""
    fields = Fields("in_progress", row, row["player_id"])
    return InProgress(
        player_id=fields.integer("player_id"),
        pack_id=fields.text("pack_id"),
        snapshot=snapshot,
        updated_at=fields.moment("updated_at"),
    )


def leader_row(row: Row, rank: int) -> LeaderRow:
    """A leaderboard line from a player's best row of ``round`` (its ``id`` and ``uuid``,
    ``pack_id``, ``player_id``, ``score``, ``medal``, ``played_at``) and their ``name``."""
    fields = Fields("round", row, row["id"])
    return LeaderRow(
        rank=rank,
        pack_id=fields.text("pack_id"),
        player_id=fields.integer("player_id"),
        player_name=fields.text("name"),
        score=fields.integer("score"),
        medal=fields.medal(),
        played_at=fields.moment("played_at"),
        round_id=fields.text("uuid"),
    )


def earned_trophy(row: Row) -> EarnedTrophy:
    """A trophy of the cabinet from its first round's ``id`` and ``played_at``, and ``times``."""
    fields = Fields("round", row, row["id"])
    return EarnedTrophy(first_earned_at=fields.moment("played_at"), times=fields.integer("times"))


_CLASS_MODES = frozenset(("turns", "buzz", "devices"))


def class_in_progress(
    row: Row, setup: dict[str, object], snapshot: dict[str, object]
) -> ClassInProgress:
    """The class game in progress from the row of ``class_in_progress`` and its decoded
    ``setup`` and ``snapshot``."""
    fields = Fields("class_in_progress", row, row["id"])
    return ClassInProgress(
        pack_id=fields.text("pack_id"),
        setup=setup,
        snapshot=snapshot,
        updated_at=fields.moment("updated_at"),
    )


def team_record(row: Row) -> TeamRecord:
    """A saved team from a row of ``class_team`` joined with its game's ``uuid``,
    ``pack_id``, ``mode``, ``played_at``, ``timer`` and ``time_scale``, the game's number of
    ``teams``, and ``members`` (the members' names joined with a newline, or NULL)."""
    fields = Fields("class_team", row, row["id"])
    mode = fields.text("mode")
    if mode not in _CLASS_MODES:
        raise fields.unreadable("mode", "turns, buzz or devices")
    trophies = fields.text("trophies")
    members = fields.optional_text("members")
    return TeamRecord(
        game_id=fields.text("uuid"),
        pack_id=fields.text("pack_id"),
        mode=mode,
        played_at=fields.moment("played_at"),
        number=fields.integer("number"),
        name=fields.text("name"),
        emblem=fields.integer("emblem"),
        place=fields.integer("place"),
        teams=fields.integer("teams"),
        score=fields.integer("score"),
        breakdown=fields.points(),
        right=fields.integer("right_count"),
        wrong=fields.integer("wrong_count"),
        medal=fields.medal(),
        trophies=tuple(trophies.split(",")) if trophies else (),
        members=tuple(sorted(members.split("\n"), key=str.casefold)) if members else (),
        timer=fields.flag("timer"),
        time_scale=fields.optional_number("time_scale"),
        # a file of schema 5 (read before its migration) has no removed students
        removed=fields.flag("removed") if "removed" in row else False,
    )


def class_member(row: Row) -> tuple[int, int]:
    """A place in a class from a row of ``class_member``: (class id, player id)."""
    fields = Fields("class_member", row, None)
    return fields.integer("class_id"), fields.integer("player_id")


def class_answer(row: Row) -> AnswerGiven:
    """A team's answer from a row of ``class_answer`` (see :func:`answer`)."""
    return answer(row, "class_answer")


def class_guess(row: Row) -> ImageGuessed:
    """A team's guess at the picture from a row of ``class_guess`` (see :func:`guess`)."""
    return guess(row, "class_guess")


# -- the other way: a model's values by column, for an INSERT --------------------------------


def points_values(points: Points) -> dict[str, int]:
    """``points`` by the columns every table of points has."""
    return {
        "base_points": points.base,
        "time_bonus": points.time_bonus,
        "streak_bonus": points.streak_bonus,
        "image_bonus": points.image_bonus,
        "penalty": points.penalty,
    }


def answer_values(a: AnswerGiven, number: int) -> dict[str, object]:
    """An answer by the columns ``answer`` and ``class_answer`` share, as answer ``number``
    of its round or team (the key's column is the caller's)."""
    return {
        "number": number,
        "question_index": a.question_index,
        "question_id": a.question_id,
        "response": a.response,
        "is_right": a.right,
        "seconds": a.seconds,
        **points_values(a.points),
        "streak": a.streak,
        "timed_out": a.timed_out,
    }


def guess_values(g: ImageGuessed, number: int) -> dict[str, object]:
    """A guess by the columns ``guess`` and ``class_guess`` share, as guess ``number``."""
    return {
        "number": number,
        "guess": g.guess,
        "is_right": g.right,
        "hidden_tiles": g.hidden_tiles,
        "total_tiles": g.total_tiles,
        **points_values(g.points),
        "final": g.final,
        "seconds": g.seconds,
    }
