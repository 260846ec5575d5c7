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
    #: the contestant who has the first chance at it; None when it is open to all (buzz in)
    first_chance: int | None = 0


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
    contestant: int = 0  # who answered: an index into the round's contestants (0 when solo)
    steal: bool = False  # a steal of a question another team missed, for a share of the points
    judged: bool = False  # the teacher judged a spoken answer right or wrong (no response)


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
    contestant: int = 0  # who guessed: an index into the round's contestants (0 when solo)


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
class BuzzedIn:
    """A contestant buzzed in first and now answers the open question."""

    contestant: int
    seconds: float  # on the question's clock


@dataclass(frozen=True, slots=True)
class StealOffered:
    """A missed question passes once to ``contestant``, who may steal it."""

    contestant: int
    missed_by: int


@dataclass(frozen=True, slots=True)
class StealPassed:
    """``contestant`` let the offered steal go (or its time ran out): nothing is lost."""

    contestant: int


@dataclass(frozen=True, slots=True)
class QuestionClosed:
    """The question is over without a right answer: nobody buzzed in time, or every
    contestant who buzzed was wrong. The screen shows the right answer."""

    number: int
    timed_out: bool


@dataclass(frozen=True, slots=True)
class ClassSummary:
    """A finished class round: every contestant's own summary, in the order they were
    given to the round, with the share of the round that was theirs.

    ``guessed_by`` is the index of the contestant whose right guess ended the round (None
    when the picture was not guessed). ``contestants[i]`` is a :class:`RoundSummary` of
    contestant ``i`` alone: their score, breakdown, answers, guesses and medal yardstick.
    """

    pack_id: str
    mystery_index: int
    mystery_answer: str
    seed: int
    mode: str
    outcome: RoundOutcome
    guessed_by: int | None
    total_tiles: int
    hidden_at_end: int
    questions_asked: int
    contestants: tuple[RoundSummary, ...]

    def places(self) -> tuple[int, ...]:
        """Each contestant's place by score, 1 for the highest; equal scores share a place
        and the next place is skipped ("1224", standard competition ranking)."""
        scores = [c.score for c in self.contestants]
        return tuple(1 + sum(1 for other in scores if other > score) for score in scores)

    def ranking(self) -> tuple[int, ...]:
        """Contestant indexes from the first place down; equal places keep their order."""
        places = self.places()
        return tuple(sorted(range(len(places)), key=lambda i: (places[i], i)))


@dataclass(frozen=True, slots=True)
class ClassRoundEnded:
    summary: ClassSummary


@dataclass(frozen=True, slots=True)
class StudentJoined:
    """A student joined a class game played on every device (before or during it):
    ``contestant`` is their index in the round, given in the order they joined."""

    contestant: int
    name: str


@dataclass(frozen=True, slots=True)
class AnswerAccepted:
    """The teacher accepted, after the reveal, a typed answer the matcher had refused:
    ``answer`` replaces the contestant's wrong answer of the same question number (now
    right, with the points it earns); observers that counted the wrong one count this
    instead."""

    answer: AnswerGiven


@dataclass(frozen=True, slots=True)
class TrophyEarned:
    trophy_id: str
    name: str
    tier: str


RoundEvent = (
    QuestionAsked
    | AnswerGiven
    | TileUncovered
    | ImageGuessed
    | RoundEnded
    | BuzzedIn
    | StealOffered
    | StealPassed
    | QuestionClosed
    | ClassRoundEnded
    | StudentJoined
    | AnswerAccepted
)
