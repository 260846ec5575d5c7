"""What happens in a round, as small frozen values.

The round emits these to its observers (the trophy tracker, the UI, the store); nothing
in here knows who listens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Points:
    """The points one action earned, split the way the results screen shows them."""

    base: int = 0
    time_bonus: int = 0
    streak_bonus: int = 0
    image_bonus: int = 0
    penalty: int = 0

    @property
    def total(self) -> int:
        return self.base + self.time_bonus + self.streak_bonus + self.image_bonus - self.penalty

    def __add__(self, other: Points) -> Points:
        return Points(
            base=self.base + other.base,
            time_bonus=self.time_bonus + other.time_bonus,
            streak_bonus=self.streak_bonus + other.streak_bonus,
            image_bonus=self.image_bonus + other.image_bonus,
            penalty=self.penalty + other.penalty,
        )


@dataclass(frozen=True, slots=True)
class QuestionAsked:
    number: int  # 1-based position in this round
    question_index: int  # index into the pack's questions
    question_id: str | None
    time_limit: float | None  # seconds the player has (stretched by the time scale)


@dataclass(frozen=True, slots=True)
class AnswerGiven:
    number: int
    question_index: int
    question_id: str | None
    response: str | None  # what the player chose or typed; None when time ran out
    right: bool
    seconds: float
    points: Points
    streak: int  # consecutive right answers including this one; 0 after a wrong one
    timed_out: bool = False


@dataclass(frozen=True, slots=True)
class TileUncovered:
    row: int
    col: int
    hidden_left: int


@dataclass(frozen=True, slots=True)
class ImageGuessed:
    guess: str
    right: bool
    hidden_tiles: int
    total_tiles: int
    points: Points
    final: bool  # the last guess of the round, after the tiles or the questions ran out
    seconds: float


class RoundOutcome(StrEnum):
    GUESSED = "guessed"  # the image was guessed right
    MISSED = "missed"  # the final guess was wrong


@dataclass(frozen=True, slots=True)
class RoundSummary:
    """A finished round, as the results screen and the store receive it.

    Points are whole points. ``best_possible`` is the most the whole round could earn, all
    of its questions asked; ``best_by_end`` the most it could have earned by the moment it
    ended, the measure of its medal (:func:`clarity.core.trophies.medal_share`; None in a
    summary made without it, which is then measured against ``best_possible``).
    ``penalty_waived`` is the part of the wrong guesses' penalties that the score's floor
    at zero let off (a wrong guess before any points costs the score nothing).
    """

    pack_id: str
    mystery_index: int
    mystery_answer: str
    seed: int
    timer: bool
    streaks: bool
    outcome: RoundOutcome
    score: int
    breakdown: Points
    best_possible: int
    right: int
    wrong: int
    longest_streak: int
    total_tiles: int
    hidden_at_guess: int
    seconds_played: float
    answers: tuple[AnswerGiven, ...] = field(default=())
    guesses: tuple[ImageGuessed, ...] = field(default=())
    best_by_end: int | None = None
    penalty_waived: int = 0

    @property
    def share_of_best(self) -> float:
        """The score's share (0-1) of the whole round's ``best_possible``; the medal goes by
        another measure (:func:`clarity.core.trophies.medal_share`)."""
        return self.score / self.best_possible if self.best_possible else 0.0


@dataclass(frozen=True, slots=True)
class RoundEnded:
    summary: RoundSummary


@dataclass(frozen=True, slots=True)
class TrophyEarned:
    trophy_id: str
    name: str
    tier: str


RoundEvent = QuestionAsked | AnswerGiven | TileUncovered | ImageGuessed | RoundEnded
