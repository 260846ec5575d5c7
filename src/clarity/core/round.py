"""One round's state machine.

A round asks the pack's questions in an order drawn from its seed, uncovers one tile of
the mystery image for every right answer, and takes a guess at the image at any moment.
It ends when the image is guessed, or when the tiles or the questions run out and the
final guess has been made. Every change is announced as an event to the observers
(the trophy tracker, the UI, the store) and kept as an action, so that a round can be
saved after every answer and replayed exactly from its seed.

The clock of the question being asked belongs to the round too: the screen hands it the
seconds that pass while the question can be seen and answered (:meth:`Round.spend_time`),
and the snapshot keeps them, so that a round saved in the middle of a question comes back
with the time that was left and the time bonus that goes with it. Time is always an
argument: the round never reads a clock itself.

The rules' ``time_scale`` (a player's extra time, the class's time per question) stretches
each question's limit: :attr:`Round.time_limit`, :meth:`Round.time_left`, the timeout and
the time bonus all use the stretched limit, so extra time costs no points; with no limit
(``time_scale`` None) there is no countdown at all (see :mod:`clarity.core.scoring`).
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from clarity.core.board import Board, Tile
from clarity.core.events import (
    AnswerGiven,
    ImageGuessed,
    Points,
    QuestionAsked,
    RoundEnded,
    RoundEvent,
    RoundOutcome,
    RoundSummary,
    TileUncovered,
)
from clarity.core.matching import matches_any
from clarity.core.messages import Message, message
from clarity.core.number_reading import read_number
from clarity.core.packs.models import (
    ChoiceQuestion,
    Mystery,
    NumberQuestion,
    Pack,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.scoring import (
    ScoringRules,
    answer_points,
    best_possible_score,
    image_guess_points,
    stretched_limit,
)

Question = ChoiceQuestion | TrueFalseQuestion | TypedQuestion | NumberQuestion
Observer = Callable[[RoundEvent], None]
# 2: the snapshot keeps the seconds spent on the question being asked ("question_seconds").
# 3: its rules keep the time scale ("time_scale": a number, or null for no limit).
# Older snapshots are still restored: version 1 (no clock: the question starts afresh),
# and versions 1 and 2 at the time scale of their day, x1.
SNAPSHOT_VERSION = 3
RESTORABLE_VERSIONS = frozenset({1, 2, 3})


class Phase(StrEnum):
    ASKING = "asking"  # a question waits for its answer
    FEEDBACK = "feedback"  # the answer is shown; next_question() moves on
    FINAL_GUESS = "final_guess"  # tiles or questions ran out: one last guess
    ENDED = "ended"


class RoundError(Exception):
    """A call that the round's current phase does not allow (a bug in the caller)."""


@dataclass(frozen=True, slots=True)
class AnswerResult:
    event: AnswerGiven
    tile: Tile | None  # the tile this answer uncovered, if it was right
    #: the right answer as the player should see it: the pack's words, with the
    #: interface's around them ("or", "at least") as a Message to render in its language
    right_answer: Message | str
    explain: str | None


def right_answer_text(question: Question) -> Message | str:
    """The right answer of ``question`` for the screen: every right choice joined by "or"
    (any of them counts), a number question's answer with its tolerance or range. The
    pack's own words stay as written (they are in the pack's language); the words around
    them are a :class:`Message` for the interface's language (``str()`` is the English)."""
    if isinstance(question, TrueFalseQuestion):
        return message("True") if question.answer else message("False")
    if isinstance(question, ChoiceQuestion):
        return _any_of(question.right_answers)
    if isinstance(question, NumberQuestion):
        return _shown_number(question)
    return question.answer


def _any_of(answers: Sequence[str]) -> Message | str:
    """``answers`` joined by "or", the pack's words as written."""
    if len(answers) == 1:
        return answers[0]
    return message("{answer} or {other}", answer=answers[0], other=_any_of(answers[1:]))


def _shown_number(question: NumberQuestion) -> Message | str:
    """A number question's right answer, its numbers as the pack writes them: "1000 ± 5",
    "15 (from 10 to 20)", "at least 100", "at most 10" (the rule is the pack model's
    ``shown_answer``; only the words here are the interface's)."""
    low, high = question.min, question.max
    if question.tolerance is not None or (low is None and high is None):
        return question.shown_answer()  # signs and numbers only
    if low is not None and high is not None:
        return message(
            "{answer} (from {low} to {high})", answer=question.answer, low=str(low), high=str(high)
        )
    if low is not None:
        return message("at least {low}", low=str(low))
    return message("at most {high}", high=str(high))


def _parse_truefalse(response: str | bool) -> bool | None:
    if isinstance(response, bool):
        return response
    word = response.strip().casefold()
    if word in {"true", "t", "yes", "y"}:
        return True
    if word in {"false", "f", "no", "n"}:
        return False
    return None


def is_right(question: Question, response: str | bool, language: str = "en") -> bool:
    """Whether ``response`` answers ``question`` rightly in a pack in ``language`` (a BCP 47
    tag): a typed answer as :mod:`clarity.core.matching` forgives, a number question's as one
    number read by :mod:`clarity.core.number_reading` within its bounds or accepted, a choice
    when it is any of the right choices."""
    if isinstance(question, TrueFalseQuestion):
        return _parse_truefalse(response) == question.answer
    if isinstance(response, bool):
        return False
    if isinstance(question, ChoiceQuestion):
        return response in question.right_answers
    if isinstance(question, NumberQuestion):
        return _number_is_right(question, response, language)
    return matches_any(response, (question.answer, *question.accept), language)


def _number_is_right(question: NumberQuestion, response: str, language: str) -> bool:
    value = read_number(response, language)
    if value is None:
        return False
    low, high = question.bounds(language)
    return low <= value <= high or value in question.accepted_numbers(language)


class Round:
    """One mystery image of a pack, played from the start to the final guess."""

    def __init__(
        self,
        pack: Pack,
        *,
        mystery_index: int = 0,
        seed: int = 0,
        rules: ScoringRules | None = None,
        observers: Iterable[Observer] = (),
    ) -> None:
        if not 0 <= mystery_index < len(pack.rounds):
            raise ValueError(f"pack {pack.id!r} has no round {mystery_index}")
        self.pack = pack
        self.mystery_index = mystery_index
        self.seed = seed
        self.rules = rules or ScoringRules()
        self._observers: list[Observer] = list(observers)
        rng = random.Random(seed)
        grid = self.mystery.grid
        self.board = Board(grid.rows, grid.cols, rng)
        order = list(range(len(pack.questions)))
        rng.shuffle(order)
        self._order: tuple[int, ...] = tuple(order)
        self._asked = 0  # how many of the order have been asked, the current one included
        self._question_seconds = 0.0  # the clock of the current question (see question_seconds)
        self.phase = Phase.ASKING
        self.score = 0
        self.breakdown = Points()
        self.streak = 0
        self.longest_streak = 0
        self.answers: list[AnswerGiven] = []
        self.guesses: list[ImageGuessed] = []
        self.summary: RoundSummary | None = None
        self._actions: list[list[Any]] = []
        self._penalty_waived = 0  # wrong guesses' points the floor at zero let off
        self.best_possible = best_possible_score(
            [self._effective_limit(pack.questions[i]) for i in self._order],
            self.board.total,
            self.rules,
        )
        self._ask_next()

    # -- reading the state ---------------------------------------------------------

    @property
    def mystery(self) -> Mystery:
        return self.pack.rounds[self.mystery_index]

    @property
    def question(self) -> Question | None:
        """The question being asked or just answered; None in the final guess and after."""
        if self.phase in (Phase.ASKING, Phase.FEEDBACK):
            return self.pack.questions[self._order[self._asked - 1]]
        return None

    @property
    def question_number(self) -> int:
        return self._asked

    @property
    def questions_left(self) -> int:
        """Questions not yet asked in this round."""
        return len(self._order) - self._asked

    @property
    def time_limit(self) -> float | None:
        """Seconds allowed for the current question, its own limit stretched by the rules'
        ``time_scale``; None when there is no limit (none of its own, the timer off, or
        ``time_scale`` None) or no question is current."""
        question = self.question
        return self._stretched_limit(question) if question is not None else None

    @property
    def right_count(self) -> int:
        return sum(1 for a in self.answers if a.right)

    @property
    def wrong_count(self) -> int:
        return sum(1 for a in self.answers if not a.right)

    @property
    def question_seconds(self) -> float:
        """Seconds spent on the current question: while it waits for its answer, the time
        handed to :meth:`spend_time` since it was asked; once answered, the seconds the
        answer was given in (the clock stopped there); 0.0 in the final guess and after."""
        return self._question_seconds

    def time_left(self, seconds: float | None = None) -> float | None:
        """Seconds left on the current question after ``seconds`` on it (never below 0);
        ``seconds`` None: after the seconds already spent on it (:attr:`question_seconds`).
        None when it has no limit or no question is current."""
        limit = self.time_limit
        if limit is None:
            return None
        spent = self._question_seconds if seconds is None else seconds
        return max(0.0, limit - spent)

    @property
    def time_is_up(self) -> bool:
        """The question waiting for its answer has used all of its time limit.

        An answer given now, at exactly the limit, would still be in time, but the
        screen times the question out at this moment (0 s left), as a player sees it.
        """
        return self.phase is Phase.ASKING and self.time_left() == 0.0

    def answer_worth(self) -> int:
        """The most a right answer to the question waiting now earns: given at once, with
        the streak it would make. 0 when no question waits."""
        question = self.question
        if self.phase is not Phase.ASKING or question is None:
            return 0
        return answer_points(
            right=True,
            seconds=0.0,
            time_limit=self._effective_limit(question),
            streak=self.streak + 1,
            rules=self.rules,
        ).total

    @property
    def guess_is_final(self) -> bool:
        """A guess now is the last one: a wrong one ends the round and costs nothing.

        So it is once the tiles or the questions have run out, also while the last
        answer is still shown.
        """
        return self.phase is Phase.FINAL_GUESS or (
            self.phase is Phase.FEEDBACK and self._nothing_left_to_ask()
        )

    def guess_stakes(self) -> tuple[Points, Points]:
        """What a guess at the image now earns if it is right, and what it costs if not."""
        hidden = self.board.hidden_count
        final = self.guess_is_final
        right = image_guess_points(right=True, hidden_tiles=hidden, final=final, rules=self.rules)
        wrong = image_guess_points(right=False, hidden_tiles=hidden, final=final, rules=self.rules)
        return right, self._within_score(wrong)

    def subscribe(self, observer: Observer) -> None:
        self._observers.append(observer)

    # -- playing -----------------------------------------------------------------

    def spend_time(self, seconds: float) -> None:
        """``seconds`` more passed while the current question could be seen and answered.

        The screen calls this with each frame's time while the question is in view (not
        while it is paused, covered or guessing), so :attr:`question_seconds` is the
        question's clock and a snapshot taken at any moment keeps it.

        Raises ValueError for a negative, infinite or NaN ``seconds`` (the clock never runs
        backwards), and RoundError unless a question waits for its answer.
        """
        seconds = float(seconds)
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"time spent must be a finite number of seconds >= 0, not {seconds}")
        self._require(Phase.ASKING)
        self._question_seconds += seconds

    def answer(self, response: str | bool | None, seconds: float | None = None) -> AnswerResult:
        """Answer the current question after ``seconds`` on it; ``response`` None means the
        time ran out.

        ``seconds`` None: the question's own clock (:attr:`question_seconds`). An answer is
        never earlier than the time already spent on its question: ``seconds`` below the
        clock count as the clock (so a resumed question cannot earn its time bonus again).
        Raises RoundError unless a question waits for its answer.
        """
        self._require(Phase.ASKING)
        spent = self._question_seconds
        seconds = _to_the_millisecond(spent if seconds is None else max(float(seconds), spent))
        question = self.question
        assert question is not None
        limit = self._effective_limit(question)
        stretched = self._stretched_limit(question)
        timed_out = response is None or (stretched is not None and seconds > stretched)
        right = (
            not timed_out
            and response is not None
            and is_right(question, response, self.pack.language)
        )
        self.streak = self.streak + 1 if right else 0
        self.longest_streak = max(self.longest_streak, self.streak)
        points = answer_points(
            right=right, seconds=seconds, time_limit=limit, streak=self.streak, rules=self.rules
        )
        self._add_points(points)
        event = AnswerGiven(
            number=self._asked,
            question_index=self._order[self._asked - 1],
            question_id=question.id,
            response=None if response is None else _response_text(response),
            right=right,
            seconds=seconds,
            points=points,
            streak=self.streak,
            timed_out=timed_out,
        )
        self._actions.append(["answer", event.response, event.seconds])
        self.answers.append(event)
        self.phase = Phase.FEEDBACK
        self._question_seconds = seconds  # the clock stops at the answer
        self._emit(event)
        tile = None
        if right:
            tile = self.board.uncover_next()
            self._emit(TileUncovered(tile.row, tile.col, self.board.hidden_count))
        return AnswerResult(event, tile, right_answer_text(question), question.explain)

    def next_question(self) -> None:
        """Leave the feedback of an answer: the next question, or the final guess."""
        self._require(Phase.FEEDBACK)
        self._actions.append(["next"])
        self._ask_next()

    def guess_image(self, guess: str, seconds: float) -> ImageGuessed:
        """Guess the mystery image; allowed at any moment before the round ends.

        The guess is the final one (a wrong one costs nothing and ends the round) once the
        tiles or the questions have run out, also while the last answer is still shown.
        """
        if self.phase is Phase.ENDED:
            raise RoundError("the round has ended")
        seconds = _to_the_millisecond(seconds)
        final = self.guess_is_final
        mystery = self.mystery
        right = matches_any(guess, (mystery.answer, *mystery.accept), self.pack.language)
        hidden = self.board.hidden_count
        full = image_guess_points(right=right, hidden_tiles=hidden, final=final, rules=self.rules)
        points = self._within_score(full)
        self._penalty_waived += full.penalty - points.penalty
        self._add_points(points)
        event = ImageGuessed(
            guess=guess,
            right=right,
            hidden_tiles=hidden,
            total_tiles=self.board.total,
            points=points,
            final=final,
            seconds=seconds,
        )
        self._actions.append(["guess", guess, event.seconds])
        self.guesses.append(event)
        self._emit(event)
        if right or final:
            self._end(RoundOutcome.GUESSED if right else RoundOutcome.MISSED, hidden)
        return event

    # -- saving and replaying ----------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to rebuild this round: plain JSON types only.

        ``question_seconds`` is the clock of the question waiting for its answer (0.0 in
        any other phase), kept unrounded: a float survives JSON exactly, so a round
        restored and played on scores exactly what it would have without the break.
        """
        return {
            "version": SNAPSHOT_VERSION,
            "pack_id": self.pack.id,
            "mystery_index": self.mystery_index,
            "seed": self.seed,
            "timer": self.rules.timer,
            "streaks": self.rules.streaks,
            "rules": dataclasses.asdict(self.rules),
            "actions": [list(a) for a in self._actions],
            "question_seconds": self._question_seconds if self.phase is Phase.ASKING else 0.0,
        }

    @classmethod
    def restore(
        cls, pack: Pack, snapshot: Mapping[str, Any], observers: Iterable[Observer] = ()
    ) -> Round:
        """Replay a snapshot's actions on a new round; observers see the replayed events.

        The question waiting for its answer gets back the seconds already spent on it,
        also when they reach its limit (:attr:`time_is_up`: the caller decides what a
        player then sees). A version-1 snapshot, saved before the clock was kept, starts
        its question afresh; one saved before the rules kept a time scale (versions 1 and
        2) plays at x1, as it began. Raises ValueError when the snapshot does not fit the
        pack (the pack changed) or is damaged.
        """
        version = snapshot.get("version")
        if (
            isinstance(version, bool)
            or version not in RESTORABLE_VERSIONS
            or snapshot.get("pack_id") != pack.id
        ):
            raise ValueError("the saved round does not belong to this pack")
        spent = _saved_clock(snapshot.get("question_seconds", 0.0))
        try:
            rules = ScoringRules(**snapshot["rules"])
        except KeyError:  # saved before the snapshot kept every rule
            rules = ScoringRules(timer=bool(snapshot["timer"]), streaks=bool(snapshot["streaks"]))
        except TypeError as error:
            raise ValueError(f"the saved round has unknown rules: {error}") from error
        except ValueError as error:  # a time scale of 0, or a text: damaged
            raise ValueError(f"the saved round has bad rules: {error}") from error
        played = cls(
            pack,
            mystery_index=int(snapshot["mystery_index"]),
            seed=int(snapshot["seed"]),
            rules=rules,
            observers=observers,
        )
        try:
            for action in snapshot["actions"]:
                match action:
                    case ["answer", response, seconds]:
                        played.answer(response, float(seconds))
                    case ["next"]:
                        played.next_question()
                    case ["guess", guess, seconds]:
                        played.guess_image(str(guess), float(seconds))
                    case _:
                        raise ValueError(f"unknown action {action!r}")
        except RoundError as error:
            raise ValueError(f"the saved round cannot be replayed: {error}") from error
        if played.phase is Phase.ASKING:
            played._question_seconds = spent
        return played

    # -- inside ------------------------------------------------------------------

    def _effective_limit(self, question: Question) -> int | None:
        """The question's own limit in seconds while the timer is on (not stretched: the
        scoring stretches it); None with the timer off or no limit."""
        if not self.rules.timer:
            return None
        return self.pack.time_limit_for(question)

    def _stretched_limit(self, question: Question) -> float | None:
        """The seconds the player has for ``question`` (None: no limit)."""
        return stretched_limit(self._effective_limit(question), self.rules)

    def _nothing_left_to_ask(self) -> bool:
        return self.board.all_uncovered or self._asked >= len(self._order)

    def _ask_next(self) -> None:
        self._question_seconds = 0.0  # a new question's clock, or none at all
        if self._nothing_left_to_ask():
            self.phase = Phase.FINAL_GUESS
            return
        self._asked += 1
        self.phase = Phase.ASKING
        question = self.pack.questions[self._order[self._asked - 1]]
        self._emit(
            QuestionAsked(
                number=self._asked,
                question_index=self._order[self._asked - 1],
                question_id=question.id,
                time_limit=self._stretched_limit(question),
            )
        )

    def _best_by_now(self) -> int:
        """The most the round could have earned by now, in points: the best play of the
        questions answered so far, in their order (a timeout is an answer), each answered at
        once, right (or wrong, where keeping its tile hidden is worth more) with the streak
        that makes, then the image guessed right with the tiles that play leaves hidden:
        :func:`best_possible_score` of those questions. A question in view but not yet
        answered is not counted: a guess made then is made instead of answering it."""
        return best_possible_score(
            [self._effective_limit(self.pack.questions[a.question_index]) for a in self.answers],
            self.board.total,
            self.rules,
        )

    def _within_score(self, points: Points) -> Points:
        """``points`` with a penalty cut to the score: the score never drops below zero."""
        if points.penalty > self.score:
            return Points(penalty=self.score)
        return points

    def _add_points(self, points: Points) -> None:
        self.breakdown = self.breakdown + points
        self.score += points.total

    def _end(self, outcome: RoundOutcome, hidden_at_guess: int) -> None:
        self.phase = Phase.ENDED
        self._question_seconds = 0.0
        self.summary = RoundSummary(
            pack_id=self.pack.id,
            mystery_index=self.mystery_index,
            mystery_answer=self.mystery.answer,
            seed=self.seed,
            timer=self.rules.timer,
            streaks=self.rules.streaks,
            outcome=outcome,
            score=self.score,
            breakdown=self.breakdown,
            best_possible=self.best_possible,
            best_by_end=self._best_by_now(),
            penalty_waived=self._penalty_waived,
            right=self.right_count,
            wrong=self.wrong_count,
            longest_streak=self.longest_streak,
            total_tiles=self.board.total,
            hidden_at_guess=hidden_at_guess,
            seconds_played=round(
                sum(a.seconds for a in self.answers) + sum(g.seconds for g in self.guesses), 3
            ),
            answers=tuple(self.answers),
            guesses=tuple(self.guesses),
        )
        self._emit(RoundEnded(self.summary))

    def _require(self, phase: Phase) -> None:
        if self.phase is not phase:
            raise RoundError(f"not allowed while the round is in {self.phase.value}")

    def _emit(self, event: RoundEvent) -> None:
        for observer in self._observers:
            observer(event)


def _saved_clock(value: object) -> float:
    """A snapshot's ``question_seconds``, checked: a finite number of seconds >= 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"the saved round has a bad question clock: {value!r}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"the saved round has a bad question clock: {value!r}")
    return seconds


def _to_the_millisecond(seconds: float) -> float:
    """Time as the round keeps it, and scores it, so that a replay scores the same."""
    return round(float(seconds), 3)


def _response_text(response: str | bool) -> str:
    if isinstance(response, bool):
        return "true" if response else "false"
    return response
