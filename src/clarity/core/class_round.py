"""A round of several contestants on one board: the rules of every way to play a round.

Contestants (teams on one projector, or students on their own devices) share one mystery
picture, its tiles and the pack's questions in one seeded order; each keeps their own
score, streak, answers and guesses, scored by :mod:`clarity.core.scoring` as a player
alone is. A solo round (:class:`clarity.core.round.Round`) is this round with one
contestant and :data:`SOLO_RULES`: the same code, not a copy of it.

How a question is given out is the :class:`ClassRules` ``mode``:

- **Turns** (:attr:`Mode.TURNS`): each question goes to the next contestant in turn (the
  first question to contestant 0). A wrong answer or a timeout passes it once to the
  next contestant, who may steal it for ``steal_share`` of the points (a steal can be
  off). A steal has a clock of its own for answering but earns no time bonus: the
  stealers saw the question all along, so speed is not theirs to claim; it earns the
  share of the base points and of its streak bonus. A wrong steal breaks the stealer's
  streak; a steal let go (or timed out) costs nothing.
- **Catch-up in turns**: the first chance at a question goes to a contestant in last place
  (of several, the first at or after the one whose turn it would be), but never to the
  same contestant twice running, so that the others keep their turns; a turn given this
  way is that contestant's regular turn when it was theirs anyway. The steal goes to the
  contestant lowest in score among the others (of several, the first after the one who
  missed), so the rule helps the weak, never the leader.
- **Buzz in** (:attr:`Mode.BUZZ`): every question is open to all (:attr:`Phase.OPEN`);
  the first to buzz answers it on the question's running clock (a later buzz earns a
  smaller time bonus), within ``buzz_answer_seconds`` of its buzz (or what is left of
  the question's time, if less; without a time limit there is no such clock either, as
  WCAG 2.2's 2.2.1 "turn off" asks, and the teacher judges a silent team). A wrong
  answer, or none in that time, locks that contestant out of this question and the
  question is open again; when all are locked out or the question's time runs out, the
  question closes and the answer is shown (the teacher can close an open question at
  any moment: :meth:`ClassRound.close_question`). With the catch-up rule on, the
  contestants in last place have the first ``catch_up_head_start`` seconds to
  themselves.

The picture: any contestant may guess it at any moment. A wrong guess costs the stated
penalty (never below a score of zero) and keeps that contestant from guessing for the
rest of this question and the next ``guess_lockout`` questions; a right guess ends the
round with the picture bonus for that contestant. Once the tiles or the questions have
run out, each contestant has one final guess (a wrong one costs nothing); the round ends
with the first right one, when all have made theirs, or when the teacher reveals it.
Every right answer uncovers a tile, whoever gave it.

A round is its seed plus its actions: every call that changes it is kept, so it can be
saved after each action (:meth:`ClassRound.snapshot`) and replayed exactly
(:meth:`ClassRound.restore`). Time is always an argument: the round never reads a clock.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from clarity.core.answers import (
    AnswerResult,
    Question,
    is_right,
    response_text,
    right_answer_text,
    to_the_millisecond,
)
from clarity.core.board import Board
from clarity.core.events import (
    AnswerGiven,
    BuzzedIn,
    ClassRoundEnded,
    ClassSummary,
    ImageGuessed,
    Points,
    QuestionAsked,
    QuestionClosed,
    RoundEvent,
    RoundOutcome,
    RoundSummary,
    StealOffered,
    StealPassed,
    TileUncovered,
)
from clarity.core.matching import matches_any
from clarity.core.packs.models import ChoiceQuestion, Mystery, Pack
from clarity.core.scoring import (
    ScoringRules,
    answer_points,
    best_possible_score,
    image_guess_points,
    stretched_limit,
)

Observer = Callable[[RoundEvent], None]
CLASS_SNAPSHOT_VERSION = 1


class Phase(StrEnum):
    ASKING = "asking"  # a contestant answers the question (its turn, a steal, or a buzz)
    OPEN = "open"  # buzz in: the question waits for somebody to buzz
    FEEDBACK = "feedback"  # the answer is shown; next_question() moves on
    FINAL_GUESS = "final_guess"  # tiles or questions ran out: the last guesses
    ENDED = "ended"


class Mode(StrEnum):
    TURNS = "turns"
    BUZZ = "buzz"


class RoundError(Exception):
    """A call that the round's current phase does not allow (a bug in the caller)."""


@dataclass(frozen=True, slots=True)
class ClassRules:
    """How a round gives out its questions to its contestants (see the module's rules).

    ``steal_share`` is the share (0-1) of an answer's points a steal earns, each part of
    the points rounded; ``catch_up_head_start`` and ``buzz_answer_seconds`` are in
    seconds; ``guess_lockout`` counts questions after the one a wrong guess was made in.
    Raises ValueError for a share outside 0-1, a negative or infinite head start, an
    answer time that is not above 0 and finite, or a negative lockout.
    """

    mode: Mode = Mode.TURNS
    steal: bool = True
    steal_share: float = 0.5
    catch_up: bool = False
    catch_up_head_start: float = 3.0
    guess_lockout: int = 2
    buzz_answer_seconds: float = 10.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", Mode(self.mode))
        share = self.steal_share
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            raise ValueError(f"a steal's share is a number from 0 to 1, not {share!r}")
        head = self.catch_up_head_start
        if isinstance(head, bool) or not isinstance(head, int | float) or not 0 <= head < math.inf:
            raise ValueError(f"the catch-up head start is seconds >= 0, not {head!r}")
        window = self.buzz_answer_seconds
        if (
            isinstance(window, bool)
            or not isinstance(window, int | float)
            or not 0 < window < math.inf
        ):
            raise ValueError(f"a buzzer's time to answer is seconds above 0, not {window!r}")
        lockout = self.guess_lockout
        if isinstance(lockout, bool) or not isinstance(lockout, int) or lockout < 0:
            raise ValueError(f"the guess lockout is a whole number of questions, not {lockout!r}")


#: A player alone: every question is theirs, nothing to steal, a wrong guess locks nothing.
SOLO_RULES = ClassRules(mode=Mode.TURNS, steal=False, guess_lockout=0)


@dataclass(eq=False, slots=True)
class Contestant:
    """One contestant's own part of a round: score, streak, answers and guesses."""

    index: int
    score: int = 0
    breakdown: Points = field(default_factory=Points)
    streak: int = 0
    longest_streak: int = 0
    answers: list[AnswerGiven] = field(default_factory=list)
    guesses: list[ImageGuessed] = field(default_factory=list)
    #: wrong guesses' penalty points that the score's floor at zero let off
    penalty_waived: int = 0
    #: the last question number a wrong guess keeps this contestant from guessing in
    guess_locked_through: int = 0
    final_guess_made: bool = False

    @property
    def right_count(self) -> int:
        return sum(1 for a in self.answers if a.right)

    @property
    def wrong_count(self) -> int:
        return sum(1 for a in self.answers if not a.right)

    def within_score(self, points: Points) -> Points:
        """``points`` with a penalty cut to the score: the score never drops below zero."""
        if points.penalty > self.score:
            return Points(penalty=self.score)
        return points

    def add(self, points: Points) -> None:
        self.breakdown = self.breakdown + points
        self.score += points.total


def scaled_points(points: Points, share: float) -> Points:
    """``points`` times ``share`` (0-1), each part rounded to a whole point."""
    return Points(
        base=round(points.base * share),
        time_bonus=round(points.time_bonus * share),
        streak_bonus=round(points.streak_bonus * share),
        image_bonus=round(points.image_bonus * share),
        penalty=round(points.penalty * share),
    )


class ClassRound:
    """One mystery picture of a pack played by ``contestants`` (1 or more) on one board.

    Raises ValueError for fewer than one contestant or a pack without round
    ``mystery_index``.
    """

    def __init__(
        self,
        pack: Pack,
        *,
        contestants: int,
        mystery_index: int = 0,
        seed: int = 0,
        rules: ScoringRules | None = None,
        class_rules: ClassRules | None = None,
        observers: Iterable[Observer] = (),
    ) -> None:
        if isinstance(contestants, bool) or not isinstance(contestants, int) or contestants < 1:
            raise ValueError(f"a round has at least one contestant, not {contestants!r}")
        if not 0 <= mystery_index < len(pack.rounds):
            raise ValueError(f"pack {pack.id!r} has no round {mystery_index}")
        self.pack = pack
        self.mystery_index = mystery_index
        self.seed = seed
        self.rules = rules or ScoringRules()
        self.class_rules = class_rules or ClassRules()
        self.contestants: tuple[Contestant, ...] = tuple(Contestant(i) for i in range(contestants))
        self._observers: list[Observer] = list(observers)
        self.board, self._order, self._shown = deal_shown(pack, mystery_index, seed)
        self._asked = 0  # how many of the order have been asked, the current one included
        self._question_seconds = 0.0  # the clock of the current question or steal
        self.phase = Phase.ASKING
        self.answering: int | None = None  # who answers now (ASKING), else None
        self.first_chance: int | None = None  # who had the question first (turns)
        self.stealing = False  # the answer awaited is a steal
        self.locked_out: set[int] = set()  # buzz in: who answered this question wrong
        self._next_turn = 0  # whose regular turn the next question is (turns)
        self._buzzed_at: float | None = None  # the clock's seconds at the buzz answering now
        self.guessed_by: int | None = None
        self.class_summary: ClassSummary | None = None
        self._actions: list[list[Any]] = []
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
    def mode(self) -> Mode:
        return self.class_rules.mode

    @property
    def question(self) -> Question | None:
        """The question being asked or just answered, as it is shown: a choice question's
        choices in the order dealt (:func:`deal_shown`), so that its ``choices[i]`` is the
        ``i``-th shown (key A, 1, a pad's first button); None in the final guess and
        after."""
        if self.phase in (Phase.ASKING, Phase.OPEN, Phase.FEEDBACK):
            return self._shown[self._order[self._asked - 1]]
        return None

    @property
    def choices_shown(self) -> tuple[str, ...]:
        """The current choice question's choices in the order shown; () for any other
        question, and in the final guess and after."""
        question = self.question
        return tuple(question.choices) if isinstance(question, ChoiceQuestion) else ()

    @property
    def question_number(self) -> int:
        return self._asked

    @property
    def questions_left(self) -> int:
        """Questions not yet asked in this round."""
        return len(self._order) - self._asked

    @property
    def time_limit(self) -> float | None:
        """Seconds allowed for the current question (or steal), its own limit stretched by
        the rules' ``time_scale``; None without a limit or a current question."""
        question = self.question
        return self._stretched_limit(question) if question is not None else None

    @property
    def question_seconds(self) -> float:
        """Seconds on the current question's clock (a steal starts a clock of its own):
        while it waits, the time handed to :meth:`spend_time`; once answered, the seconds
        the answer was given in; 0.0 in the final guess and after."""
        return self._question_seconds

    def time_left(self, seconds: float | None = None) -> float | None:
        """Seconds left to answer (or buzz) after ``seconds`` on the clock (never below 0);
        ``seconds`` None: after :attr:`question_seconds`. After a buzz, the buzzer's own
        time to answer counts when it ends first. None without a limit."""
        deadline = self._deadline()
        if deadline is None:
            return None
        spent = self._question_seconds if seconds is None else seconds
        return max(0.0, deadline - spent)

    @property
    def time_is_up(self) -> bool:
        """The question waiting for an answer or a buzz has used all of its time (or the
        buzzer answering it all of theirs): :meth:`time_up` is the move to make."""
        return self.phase in (Phase.ASKING, Phase.OPEN) and self.time_left() == 0.0

    @property
    def buzzed(self) -> int | None:
        """The contestant who buzzed in and answers now; None when nobody does."""
        if self.mode is Mode.BUZZ and self.phase is Phase.ASKING:
            return self.answering
        return None

    @property
    def guess_is_final(self) -> bool:
        """A guess now is a final one (a wrong one costs nothing): the tiles or the
        questions have run out, also while the last answer is still shown."""
        return self.phase is Phase.FINAL_GUESS or (
            self.phase is Phase.FEEDBACK and self._nothing_left_to_ask()
        )

    @property
    def actions_taken(self) -> int:
        """How many actions the round has kept: it grows with every move of the game."""
        return len(self._actions)

    def can_guess(self, contestant: int) -> bool:
        """Whether ``contestant`` may guess the picture now: not after the end, not twice
        at the final guess, and not while a wrong guess locks them out."""
        taker = self.contestants[contestant]
        if self.phase is Phase.ENDED:
            return False
        if self.guess_is_final:
            return not taker.final_guess_made
        return self._asked > taker.guess_locked_through

    def guess_locked_for(self, contestant: int) -> int:
        """How many questions, the current one included, a wrong guess still keeps
        ``contestant`` from guessing in (0: free to guess)."""
        if self.phase is Phase.ENDED or self.guess_is_final:
            return 0
        return max(0, self.contestants[contestant].guess_locked_through - self._asked + 1)

    def trailing(self) -> frozenset[int]:
        """The contestants in last place; none while every score is equal."""
        scores = [c.score for c in self.contestants]
        low = min(scores)
        if low == max(scores):
            return frozenset()
        return frozenset(i for i, score in enumerate(scores) if score == low)

    def can_buzz(self, contestant: int, seconds: float | None = None) -> bool:
        """Whether a buzz by ``contestant`` after ``seconds`` on the question (None: its
        clock) would be taken: the question is open, they are not locked out of it, and
        no catch-up head start of other contestants is running."""
        if self.mode is not Mode.BUZZ or self.phase is not Phase.OPEN:
            return False
        if contestant in self.locked_out:
            return False
        spent = self._question_seconds if seconds is None else max(seconds, self._question_seconds)
        limit = self.time_limit
        if limit is not None and spent >= limit:
            return False
        if self.class_rules.catch_up and spent < self.class_rules.catch_up_head_start:
            trailing = self.trailing()
            return not trailing or contestant in trailing
        return True

    def answer_worth(self, contestant: int | None = None) -> int:
        """The most a right answer by ``contestant`` (None: whoever answers now) to the
        question waiting now earns: given at once, with the streak it would make, and a
        steal's share. 0 when no question waits or nobody answers."""
        question = self.question
        who = self.answering if contestant is None else contestant
        if self.phase not in (Phase.ASKING, Phase.OPEN) or question is None or who is None:
            return 0
        points = answer_points(
            right=True,
            seconds=0.0,
            time_limit=self._effective_limit(question),
            streak=self.contestants[who].streak + 1,
            rules=self.rules,
        )
        return self._as_stolen(points).total if self.stealing else points.total

    def time_up(self, seconds: float | None = None) -> None:
        """The time of the question (or of the answer awaited) ran out, after ``seconds``
        on the clock (None: the clock): an open question closes, a steal is let go, and an
        answer awaited counts as a timeout. Raises RoundError unless the question waits for
        an answer or a buzz."""
        if self.phase is Phase.OPEN:
            self.close_question(seconds)
        elif self.phase is Phase.ASKING and self.stealing:
            self.pass_steal(seconds)
        else:
            self.answer(None, seconds)

    def guess_stakes(self, contestant: int = 0) -> tuple[Points, Points]:
        """What a guess at the picture by ``contestant`` earns now if it is right, and
        what it costs if not."""
        hidden = self.board.hidden_count
        final = self.guess_is_final
        right = image_guess_points(right=True, hidden_tiles=hidden, final=final, rules=self.rules)
        wrong = image_guess_points(right=False, hidden_tiles=hidden, final=final, rules=self.rules)
        return right, self.contestants[contestant].within_score(wrong)

    def subscribe(self, observer: Observer) -> None:
        self._observers.append(observer)

    # -- playing -----------------------------------------------------------------

    def spend_time(self, seconds: float) -> None:
        """``seconds`` more passed while the question could be seen and answered (or
        buzzed). Raises ValueError for a negative, infinite or NaN ``seconds``, and
        RoundError unless a question waits for an answer or a buzz."""
        seconds = float(seconds)
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"time spent must be a finite number of seconds >= 0, not {seconds}")
        if self.phase not in (Phase.ASKING, Phase.OPEN):
            raise RoundError(f"not allowed while the round is in {self.phase.value}")
        self._question_seconds += seconds

    def buzz(self, contestant: int, seconds: float | None = None) -> BuzzedIn | None:
        """``contestant`` buzzes in after ``seconds`` on the question (None: its clock).

        Returns the buzz when it is taken (the contestant now answers), None when it is
        not (see :meth:`can_buzz`: a second buzz of the same moment, a locked-out team).
        Raises IndexError for a contestant the round does not have, ValueError for a
        negative, infinite or NaN ``seconds``.
        """
        self.contestants[contestant]  # an unknown contestant is the caller's bug
        spent = self._clock_at(seconds)
        if not self.can_buzz(contestant, spent):
            return None
        self._actions.append(["buzz", contestant, spent])
        self._question_seconds = spent
        self._buzzed_at = spent
        self.phase = Phase.ASKING
        self.answering = contestant
        event = BuzzedIn(contestant, spent)
        self._emit(event)
        return event

    def answer(self, response: str | bool | None, seconds: float | None = None) -> AnswerResult:
        """The answering contestant answers after ``seconds`` on the clock (None: the
        clock); ``response`` None means the time ran out.

        An answer is never earlier than the time already spent (seconds below the clock
        count as the clock). In a steal, running out of time lets the steal go
        (:meth:`pass_steal`) and returns nothing to show; use that instead. Raises
        RoundError unless somebody answers now.
        """
        self._require(Phase.ASKING)
        if self.stealing and response is None:
            raise RoundError("a steal whose time ran out is let go: call pass_steal()")
        seconds = self._clock_at(seconds)
        question = self.question
        assert question is not None
        deadline = self._deadline()
        timed_out = response is None or (deadline is not None and seconds > deadline)
        right = (
            not timed_out
            and response is not None
            and is_right(question, response, self.pack.language)
        )
        self._actions.append(
            ["answer", None if response is None else response_text(response), seconds]
        )
        return self._take_answer(
            question,
            response=None if response is None else response_text(response),
            right=right,
            seconds=seconds,
            timed_out=timed_out,
        )

    def judge(self, right: bool, seconds: float | None = None) -> AnswerResult:
        """The teacher judges the answering contestant's spoken answer ``right`` or wrong,
        after ``seconds`` on the clock (None: the clock). Raises RoundError unless
        somebody answers now."""
        self._require(Phase.ASKING)
        seconds = self._clock_at(seconds)
        question = self.question
        assert question is not None
        deadline = self._deadline()
        late = deadline is not None and seconds > deadline
        self._actions.append(["judge", bool(right), seconds])
        return self._take_answer(
            question, response=None, right=bool(right) and not late, seconds=seconds, judged=True
        )

    def pass_steal(self, seconds: float | None = None) -> StealPassed:
        """The contestant offered a steal lets it go (or its time ran out): nothing is
        lost, and the answer is shown. Raises RoundError unless a steal is offered."""
        self._require(Phase.ASKING)
        if not self.stealing:
            raise RoundError("no steal is offered")
        assert self.answering is not None
        seconds = self._clock_at(seconds)
        self._actions.append(["pass", seconds])
        event = StealPassed(self.answering)
        self._question_seconds = seconds
        self._show_answer()
        self._emit(event)
        return event

    def close_question(
        self, seconds: float | None = None, *, by_teacher: bool = False
    ) -> QuestionClosed:
        """The open question closes and its answer is shown: its time ran out with nobody
        buzzing, or (``by_teacher``) the teacher closed it, as with no time limit nothing
        else would. Raises RoundError unless the question is open (buzz in)."""
        self._require(Phase.OPEN)
        seconds = self._clock_at(seconds)
        self._actions.append(["close", seconds, "teacher"] if by_teacher else ["close", seconds])
        self._question_seconds = seconds
        self._show_answer()
        event = QuestionClosed(self._asked, timed_out=not by_teacher)
        self._emit(event)
        return event

    def next_question(self) -> None:
        """Leave the feedback of an answer: the next question, or the final guess."""
        self._require(Phase.FEEDBACK)
        self._actions.append(["next"])
        self._ask_next()

    def guess_image(
        self, guess: str, seconds: float, contestant: int | None = None
    ) -> ImageGuessed:
        """``contestant`` guesses the mystery picture (None: the only contestant).

        A right guess ends the round. A wrong one costs the penalty and locks the
        contestant out of guessing (:meth:`can_guess`); a wrong final guess costs
        nothing, and the round ends when every contestant has made theirs. Raises
        RoundError when the contestant may not guess now, ValueError when ``contestant``
        is None in a round of several.
        """
        if contestant is None:
            if len(self.contestants) != 1:
                raise ValueError("say which contestant guesses")
            contestant = 0
        if not self.can_guess(contestant):
            raise RoundError(f"contestant {contestant} may not guess now")
        seconds = to_the_millisecond(checked_seconds(seconds))
        taker = self.contestants[contestant]
        final = self.guess_is_final
        event = scored_guess(
            taker,
            guess,
            pack=self.pack,
            mystery=self.mystery,
            board=self.board,
            rules=self.rules,
            final=final,
            seconds=seconds,
        )
        right, hidden = event.right, event.hidden_tiles
        self._actions.append(
            ["guess", guess, seconds] if contestant == 0 else ["guess", guess, seconds, contestant]
        )
        taker.guesses.append(event)
        if final:
            taker.final_guess_made = True
        elif not right and self.class_rules.guess_lockout:
            taker.guess_locked_through = self._asked + self.class_rules.guess_lockout
        self._emit(event)
        if right:
            self.guessed_by = contestant
            self._end(RoundOutcome.GUESSED, hidden)
        elif final and all(c.final_guess_made for c in self.contestants):
            self._end(RoundOutcome.MISSED, hidden)
        return event

    def reveal(self) -> None:
        """End the final guessing without a right guess (the teacher shows the picture).
        Raises RoundError unless the final guesses are being made."""
        if self.phase is Phase.ENDED or not self.guess_is_final:
            raise RoundError("the picture is revealed only at the final guess")
        self._actions.append(["reveal"])
        self._end(RoundOutcome.MISSED, self.board.hidden_count)

    # -- saving and replaying ----------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to rebuild this round: plain JSON types only."""
        return {
            "version": CLASS_SNAPSHOT_VERSION,
            "kind": "class",
            "pack_id": self.pack.id,
            "mystery_index": self.mystery_index,
            "seed": self.seed,
            "contestants": len(self.contestants),
            "rules": dataclasses.asdict(self.rules),
            "class_rules": dataclasses.asdict(self.class_rules),
            "actions": [list(a) for a in self._actions],
            "question_seconds": self._question_seconds if self._clock_runs() else 0.0,
        }

    @classmethod
    def restore(
        cls, pack: Pack, snapshot: Mapping[str, Any], observers: Iterable[Observer] = ()
    ) -> ClassRound:
        """Replay a class snapshot's actions on a new round; observers see the replayed
        events. Raises ValueError when the snapshot does not fit the pack (the pack
        changed) or is damaged."""
        if (
            snapshot.get("kind") != "class"
            or snapshot.get("version") != CLASS_SNAPSHOT_VERSION
            or snapshot.get("pack_id") != pack.id
        ):
            raise ValueError("the saved class game does not belong to this pack")
        try:
            rules = ScoringRules(**snapshot["rules"])
            class_rules = ClassRules(**snapshot["class_rules"])
            played = cls(
                pack,
                contestants=snapshot["contestants"],
                mystery_index=int(snapshot["mystery_index"]),
                seed=int(snapshot["seed"]),
                rules=rules,
                class_rules=class_rules,
                observers=observers,
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"the saved class game is damaged: {error}") from error
        played._replay(snapshot["actions"], snapshot.get("question_seconds", 0.0))
        return played

    def _replay(self, actions: object, question_seconds: object) -> None:
        """Play ``actions`` (a snapshot's) on this new round, then set the clock of the
        question still waiting. Raises ValueError for an action that cannot be played."""
        spent = saved_clock(question_seconds)
        if not isinstance(actions, list):
            raise ValueError("the saved round's actions are damaged")
        try:
            for action in actions:
                match action:
                    case ["answer", response, seconds]:
                        self.answer(response, float(seconds))
                    case ["judge", bool(right), seconds]:
                        self.judge(right, float(seconds))
                    case ["buzz", int(contestant), seconds]:
                        if self.buzz(contestant, float(seconds)) is None:
                            raise RoundError(f"contestant {contestant} could not buzz")
                    case ["pass", seconds]:
                        self.pass_steal(float(seconds))
                    case ["close", seconds]:
                        self.close_question(float(seconds))
                    case ["close", seconds, "teacher"]:
                        self.close_question(float(seconds), by_teacher=True)
                    case ["next"]:
                        self.next_question()
                    case ["guess", guess, seconds]:
                        self.guess_image(str(guess), float(seconds), 0)
                    case ["guess", guess, seconds, int(contestant)]:
                        self.guess_image(str(guess), float(seconds), contestant)
                    case ["reveal"]:
                        self.reveal()
                    case _:
                        raise ValueError(f"unknown action {action!r}")
        except (RoundError, IndexError) as error:
            raise ValueError(f"the saved round cannot be replayed: {error}") from error
        if self._clock_runs():
            self._question_seconds = spent

    # -- inside ------------------------------------------------------------------

    def _take_answer(
        self,
        question: Question,
        *,
        response: str | None,
        right: bool,
        seconds: float,
        timed_out: bool = False,
        judged: bool = False,
    ) -> AnswerResult:
        """Score the answering contestant's answer and move the question on."""
        assert self.answering is not None
        who = self.contestants[self.answering]
        steal = self.stealing
        who.streak = who.streak + 1 if right else 0
        who.longest_streak = max(who.longest_streak, who.streak)
        points = answer_points(
            right=right,
            seconds=seconds,
            time_limit=self._effective_limit(question),
            streak=who.streak,
            rules=self.rules,
        )
        if steal:
            points = self._as_stolen(points)
        who.add(points)
        event = AnswerGiven(
            number=self._asked,
            question_index=self._order[self._asked - 1],
            question_id=question.id,
            response=response,
            right=right,
            seconds=seconds,
            points=points,
            streak=who.streak,
            timed_out=timed_out,
            contestant=who.index,
            steal=steal,
            judged=judged,
        )
        who.answers.append(event)
        self._question_seconds = seconds  # the clock stops at the answer
        # The state moves on before anyone hears of the answer, so an observer reads the
        # round as it now is; what follows a wrong answer is announced after it.
        follow_up = self._after_wrong(who.index, seconds) if not right else None
        if right:
            self._show_answer()
        self._emit(event)
        tile = None
        if right:
            tile = self.board.uncover_next()
            self._emit(TileUncovered(tile.row, tile.col, self.board.hidden_count))
        elif follow_up is not None:
            self._emit(follow_up)
        return AnswerResult(event, tile, right_answer_text(question), question.explain)

    def _after_wrong(self, contestant: int, seconds: float) -> RoundEvent | None:
        """Send the question on after a wrong answer (or a timeout) at ``seconds`` on the
        clock; return the event that says where it went, if any."""
        count = len(self.contestants)
        if self.mode is Mode.BUZZ:
            self.locked_out.add(contestant)
            self._buzzed_at = None
            limit = self.time_limit
            question_over = limit is not None and seconds >= limit
            if question_over or len(self.locked_out) >= count:
                self._show_answer()
                return QuestionClosed(self._asked, timed_out=question_over)
            self.phase = Phase.OPEN
            self.answering = None
            return None
        if self.stealing or not self.class_rules.steal or count == 1:
            self._show_answer()
            return None
        self.stealing = True
        self.answering = self._stealer(contestant)
        self._question_seconds = 0.0  # a steal has a clock of its own
        return StealOffered(self.answering, missed_by=contestant)

    def _stealer(self, missed_by: int) -> int:
        """Who is offered the steal: the next contestant; with the catch-up rule, the one
        lowest in score among the others (of several, the first after ``missed_by``)."""
        count = len(self.contestants)
        after = [(missed_by + step) % count for step in range(1, count)]
        if not self.class_rules.catch_up:
            return after[0]
        return min(after, key=lambda i: self.contestants[i].score)

    def _as_stolen(self, points: Points) -> Points:
        """A steal's points: its share of the base and the streak bonus, no time bonus."""
        return scaled_points(
            dataclasses.replace(points, time_bonus=0), self.class_rules.steal_share
        )

    def _show_answer(self) -> None:
        self.phase = Phase.FEEDBACK
        self.answering = None
        self.stealing = False
        self._buzzed_at = None

    def _deadline(self) -> float | None:
        """The clock's seconds by which the answer (or the buzz) awaited is due: the
        question's limit, or the buzzer's own time to answer when it ends first."""
        limit = self.time_limit
        if limit is None or self._buzzed_at is None or self.phase is not Phase.ASKING:
            return limit
        return min(limit, self._buzzed_at + self.class_rules.buzz_answer_seconds)

    def _clock_at(self, seconds: float | None) -> float:
        """The moment an action is taken at: ``seconds``, never before the clock.
        Raises ValueError for a negative, infinite or NaN ``seconds``."""
        spent = self._question_seconds
        if seconds is None:
            return to_the_millisecond(spent)
        return to_the_millisecond(max(checked_seconds(seconds), spent))

    def _clock_runs(self) -> bool:
        return self.phase in (Phase.ASKING, Phase.OPEN)

    def _first_chance(self) -> int:
        """Who has the first chance at the next question: the one whose regular turn it
        is; with the catch-up rule a contestant in last place (the first at or after the
        regular turn), unless it had the previous question's first chance too."""
        count = len(self.contestants)
        turn = self._next_turn
        previous = self.first_chance
        trailing = self.trailing() - {previous} if self.class_rules.catch_up else frozenset()
        chosen = turn
        if trailing:
            chosen = next(i % count for i in range(turn, turn + count) if i % count in trailing)
        if chosen == turn:  # its regular turn: the rotation moves on
            self._next_turn = (turn + 1) % count
        return chosen

    def _effective_limit(self, question: Question) -> int | None:
        """The question's own limit in seconds while the timer is on (not stretched: the
        scoring stretches it); None with the timer off or no limit."""
        if not self.rules.timer:
            return None
        return self.pack.time_limit_for(question)

    def _stretched_limit(self, question: Question) -> float | None:
        return stretched_limit(self._effective_limit(question), self.rules)

    def _nothing_left_to_ask(self) -> bool:
        return self.board.all_uncovered or self._asked >= len(self._order)

    def _ask_next(self) -> None:
        self._question_seconds = 0.0
        self.answering = None
        previous, self.first_chance = self.first_chance, None
        self.stealing = False
        self._buzzed_at = None
        self.locked_out = set()
        if self._nothing_left_to_ask():
            self.phase = Phase.FINAL_GUESS
            return
        self._asked += 1
        question = self.pack.questions[self._order[self._asked - 1]]
        if self.mode is Mode.BUZZ:
            self.phase = Phase.OPEN
        else:
            self.phase = Phase.ASKING
            self.first_chance = previous  # whose it was, for the catch-up rule
            self.first_chance = self.answering = self._first_chance()
        self._emit(
            QuestionAsked(
                number=self._asked,
                question_index=self._order[self._asked - 1],
                question_id=question.id,
                time_limit=self._stretched_limit(question),
                first_chance=self.first_chance,
            )
        )

    def _best_by_now(self, contestant: Contestant) -> int:
        """The most ``contestant`` could have earned by now: the best play of the questions
        they answered, in their order, then the picture guessed right with the tiles that
        play leaves hidden (:func:`best_possible_score`; the yardstick of their medal)."""
        # the tiles others uncovered were never this contestant's to keep hidden, and a
        # round another ended with its right guess left them no guess to make
        others_right = sum(c.right_count for c in self.contestants if c is not contestant)
        rules = self.rules
        if self.guessed_by is not None and self.guessed_by != contestant.index:
            rules = dataclasses.replace(rules, image_base=0, image_per_hidden_tile=0)
        questions = self.pack.questions
        return best_possible_score(
            [self._effective_limit(questions[a.question_index]) for a in contestant.answers],
            self.board.total - others_right,
            rules,
        )

    def _summary_of(self, contestant: Contestant, hidden_at_guess: int) -> RoundSummary:
        return RoundSummary(
            pack_id=self.pack.id,
            mystery_index=self.mystery_index,
            mystery_answer=self.mystery.answer,
            seed=self.seed,
            timer=self.rules.timer,
            streaks=self.rules.streaks,
            outcome=(
                RoundOutcome.GUESSED if self.guessed_by == contestant.index else RoundOutcome.MISSED
            ),
            score=contestant.score,
            breakdown=contestant.breakdown,
            best_possible=self.best_possible,
            best_by_end=self._best_by_now(contestant),
            penalty_waived=contestant.penalty_waived,
            right=contestant.right_count,
            wrong=contestant.wrong_count,
            longest_streak=contestant.longest_streak,
            total_tiles=self.board.total,
            hidden_at_guess=hidden_at_guess,
            seconds_played=round(
                sum(a.seconds for a in contestant.answers)
                + sum(g.seconds for g in contestant.guesses),
                3,
            ),
            answers=tuple(contestant.answers),
            guesses=tuple(contestant.guesses),
        )

    def _end(self, outcome: RoundOutcome, hidden_at_guess: int) -> None:
        self.phase = Phase.ENDED
        self._question_seconds = 0.0
        self.answering = None
        self.class_summary = ClassSummary(
            pack_id=self.pack.id,
            mystery_index=self.mystery_index,
            mystery_answer=self.mystery.answer,
            seed=self.seed,
            mode=self.mode.value,
            outcome=outcome,
            guessed_by=self.guessed_by,
            total_tiles=self.board.total,
            hidden_at_end=hidden_at_guess,
            questions_asked=self._asked,
            contestants=tuple(self._summary_of(c, hidden_at_guess) for c in self.contestants),
        )
        self._announce_end(self.class_summary)

    def _announce_end(self, summary: ClassSummary) -> None:
        self._emit(ClassRoundEnded(summary))

    def _require(self, phase: Phase) -> None:
        if self.phase is not phase:
            raise RoundError(f"not allowed while the round is in {self.phase.value}")

    def _emit(self, event: RoundEvent) -> None:
        for observer in self._observers:
            observer(event)


def deal(pack: Pack, mystery_index: int, seed: int) -> tuple[Board, tuple[int, ...]]:
    """The board of round ``mystery_index`` with its tiles' order, and the order the pack's
    questions are asked in (indexes into ``pack.questions``), both drawn from
    ``random.Random(seed)``, tiles first: every way to play a round deals them alike, so a
    seed gives the same game whichever way it is played."""
    board, order, _ = deal_shown(pack, mystery_index, seed)
    return board, order


def deal_shown(
    pack: Pack, mystery_index: int, seed: int
) -> tuple[Board, tuple[int, ...], tuple[Question, ...]]:
    """:func:`deal`, and each of the pack's questions as it is shown (by its index in
    ``pack.questions``): a choice question with its choices in an order drawn from the
    same ``random.Random(seed)`` after the tiles and the questions' order (so a seed deals
    the tiles and questions it always dealt), each choice question in the pack's order;
    one marked ``shuffle: false`` keeps the order its author wrote ("All of the above"
    last), and any other question is the pack's own.

    Packs list the right choice first far more often than not, so the author's order
    would give the answer away to a player who noticed. Answers are kept as the chosen
    choice's text, never its position, so a round saved before the choices were dealt
    replays the same."""
    rng = random.Random(seed)
    grid = pack.rounds[mystery_index].grid
    board = Board(grid.rows, grid.cols, rng)
    order = list(range(len(pack.questions)))
    rng.shuffle(order)
    shown: list[Question] = []
    for written in pack.questions:
        if isinstance(written, ChoiceQuestion) and written.shuffle:
            choices = list(written.choices)
            rng.shuffle(choices)
            # a copy, not validated again: the same choices, only their order differs
            shown.append(written.model_copy(update={"choices": tuple(choices)}))
        else:
            shown.append(written)
    return board, tuple(order), tuple(shown)


def scored_guess(
    taker: Contestant,
    guess: str,
    *,
    pack: Pack,
    mystery: Mystery,
    board: Board,
    rules: ScoringRules,
    final: bool,
    seconds: float,
) -> ImageGuessed:
    """``guess`` at ``mystery`` judged (its answer or an accepted guess, in the pack's
    language) and scored for ``taker``: the picture bonus for the tiles hidden now, or the
    penalty cut to the score (nothing in a ``final`` guess); ``taker``'s score and waived
    penalty are updated. Returns the event, which the caller keeps and emits. Every way to
    play a round scores a guess by this one rule."""
    right = matches_any(guess, (mystery.answer, *mystery.accept), pack.language)
    hidden = board.hidden_count
    full = image_guess_points(right=right, hidden_tiles=hidden, final=final, rules=rules)
    points = taker.within_score(full)
    taker.penalty_waived += full.penalty - points.penalty
    taker.add(points)
    return ImageGuessed(
        guess=guess,
        right=right,
        hidden_tiles=hidden,
        total_tiles=board.total,
        points=points,
        final=final,
        seconds=seconds,
        contestant=taker.index,
    )


def checked_seconds(seconds: float) -> float:
    """``seconds`` as a float: a finite number of seconds >= 0. Raises ValueError for a
    negative, infinite or NaN time (a clock never runs backwards), or one that is not a
    number."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise ValueError(f"a time is a number of seconds, not {seconds!r}")
    value = float(seconds)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"a time is a finite number of seconds >= 0, not {seconds!r}")
    return value


def saved_clock(value: object) -> float:
    """A snapshot's ``question_seconds``, checked: a finite number of seconds >= 0.
    Raises ValueError for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"the saved round has a bad question clock: {value!r}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"the saved round has a bad question clock: {value!r}")
    return seconds
