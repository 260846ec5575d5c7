"""A class game on every device: each student answers every question on their own phone
or laptop, and the class races to guess one mystery picture.

The rules (issue 13, "Class game on every device"), with their units and sources:

- **Students** join at any moment before the end, the first as student 0, then 1, 2 ...
  in the order they joined; an index is never reused. A student who joins while a
  question is open may answer it, and has a timeout if they do not. The teacher may
  remove a student: they make no more moves, and are left out of "everyone answered", of
  the tile rule and of the standings; their record stays (the summary keeps them, for
  the store to flag).
- **Questions** are asked in an order drawn from the seed, as every round deals them
  (:func:`clarity.core.class_round.deal`), one at a time, to everyone at once, Kahoot's
  model. Each active student answers an open question once, on the question's clock in
  seconds (the server's, measured from the moment it was asked).
- **Time**: the class's limit for a question is its own limit (the question's, else the
  pack's) times the rules' ``time_scale`` (:attr:`LiveRound.time_limit`); a student's is
  that times their own extra time (:func:`clarity.core.scoring.combined_time_scale`: x2
  in a class at x1.5 is x3; no limit on either side is none, WCAG 2.2 success criterion
  2.2.1 Timing Adjustable). An answer at the limit itself is in time (as scoring.py has
  it); one after the student's own limit is late: taken (it was their one answer) but
  scored as a timeout, and left out of the tile rule. The question stays open until
  every active student has answered or the last of them still to answer has run out of
  time (:attr:`LiveRound.closes_at`); the teacher may close it earlier.
- **Points** follow :mod:`clarity.core.scoring`, the game's rule for a player alone: a
  right answer earns ``base`` plus a time bonus falling linearly from ``base`` at 0 s to
  0 at the student's own limit (Kahoot's published rule, 1000 x (1 - (t/T)/2)), so extra
  time costs no points (a student without a limit earns half the bonus whatever the
  time), plus the streak bonus (each switchable in
  :class:`~clarity.core.scoring.ScoringRules`). Points are computed when the answer
  comes but count, and are told, only when the question closes; a student who gave no
  answer by then has a timeout (no points, their streak broken).
- **Tiles**: when a question closes, one tile of the picture is uncovered when at least
  ``tile_share`` (0-1; half by default, the teacher may change it: :class:`LiveRules`)
  of the active students who answered in time were right; with no answer in time, no
  tile. The teacher accepting a refused spelling after the reveal
  (:meth:`LiveRound.accept_answer`) scores those answers as right, at their own time and
  streak, and applies the rule again.
- **The picture**: a student may guess it at any moment of the round (an open question,
  a reveal, the final guess), once per question (a guess in a reveal counts against the
  question just revealed). A right guess earns ``image_base`` plus
  ``image_per_hidden_tile`` for each tile hidden at that moment, and the round goes on
  (that student guesses no more); a wrong one costs ``wrong_guess_penalty``, the score
  never going below 0.
- **The end**: after a reveal, the next question; when every tile is uncovered, the
  round ends (nothing is left to guess); when the questions have run out with tiles
  still hidden, each student has one last guess (:attr:`LivePhase.FINAL_GUESS`; a wrong
  one costs nothing) until the teacher ends the round (:meth:`LiveRound.end`), which
  they may do at any moment. The summary's outcome is "guessed" when somebody guessed
  the picture, and ``guessed_by`` the first of them.
- **Standings** rank the active students by score; equal scores share a place and the
  next place is skipped ("1224", standard competition ranking).
- **Medals** (:func:`clarity.core.trophies.medal_for`) measure every student against
  one yardstick, the whole game's from its start, whenever they joined: each question
  the round asked and closed answered right at once, in one streak, and the picture
  guessed right at once with every tile hidden (a right guess ends nothing here, so
  sooner is always better). A student who joins late earns a medal only for play that
  stands beside the class's: one who came in for the final guess and guessed the picture
  does not take gold from the students who played every question, while one who missed
  the first of ten questions loses a tenth of the yardstick at most (a teacher's sense
  of fair: a medal says how well the game went, not how well the last minute went).
  ``best_possible`` is the same over every question of the round, asked or not.
- **Public facts leave removed students out**: the standings, the podium, who guessed
  the picture (:attr:`LiveRound.right_guessers`, so the first guesser and the count) and
  the summary's ``guessed_by``; the removed student's own record keeps their answers and
  guesses.
- **The podium** (:meth:`LiveRound.podium`) holds every active student in places 1 to 3,
  ties sharing a place (eight students tied first are eight on the podium), at most
  :data:`PODIUM_CAP` of them, with the number left off.

A student's move that the rules do not take (a second answer, an answer to another
question, a guess twice in a question ...) is refused with a :class:`Refusal`, a value,
never an exception: it comes from somebody's device. A call the phase does not allow
from the host (closing a question that is not open) is a bug and raises
:class:`~clarity.core.class_round.RoundError`.

A round is its seed plus its actions: every move taken is kept, so the round can be
saved after each one (:meth:`LiveRound.snapshot`, plain JSON types) and replayed exactly
(:meth:`LiveRound.restore`). Time is always an argument: the round never reads a clock.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from clarity.core.answers import (
    Question,
    is_right,
    response_text,
    right_answer_text,
    to_the_millisecond,
)
from clarity.core.board import Tile
from clarity.core.class_round import (
    Contestant,
    Observer,
    RoundError,
    checked_seconds,
    deal_shown,
    scored_guess,
)
from clarity.core.events import (
    AnswerAccepted,
    AnswerGiven,
    ClassRoundEnded,
    ClassSummary,
    Points,
    QuestionAsked,
    RoundEvent,
    RoundOutcome,
    RoundSummary,
    StudentJoined,
    TileUncovered,
)
from clarity.core.messages import Message
from clarity.core.packs.models import (
    ChoiceQuestion,
    Mystery,
    Pack,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.scoring import (
    ScoringRules,
    answer_points,
    check_time_scale,
    combined_time_scale,
    image_guess_points,
    streak_bonus,
    stretched_limit,
)

__all__ = [
    "LIVE_SNAPSHOT_VERSION",
    "PODIUM_CAP",
    "Acceptance",
    "LiveAnswer",
    "LiveGuess",
    "LivePhase",
    "LiveRound",
    "LiveRules",
    "LiveStudent",
    "Podium",
    "QuestionResult",
    "Refusal",
    "ResponseCount",
    "RoundError",
    "Standing",
    "StudentResult",
]

LIVE_SNAPSHOT_VERSION = 1
SNAPSHOT_KIND = "live"
#: The summary's ``mode`` for a class game played on every device.
DEVICES_MODE = "devices"
#: The places a podium holds, and the most students it holds (what a projector can show
#: in one screen); ties share a place, so more than three may stand on it.
PODIUM_PLACES = 3
PODIUM_CAP = 10


class LivePhase(StrEnum):
    QUESTION = "question"  # the question is open: every active student may answer once
    REVEAL = "reveal"  # closed: the class's answers and the right one are shown
    FINAL_GUESS = "final_guess"  # questions ran out with tiles hidden: one last guess each
    ENDED = "ended"


class Refusal(StrEnum):
    """Why a student's move was not taken (a value for the host to tell the device)."""

    UNKNOWN_STUDENT = "unknown_student"
    REMOVED = "removed"
    NOT_OPEN = "not_open"
    WRONG_QUESTION = "wrong_question"
    ALREADY_ANSWERED = "already_answered"
    ALREADY_GUESSED = "already_guessed"  # once per question; in a reveal, the one revealed
    GUESSED_RIGHT = "guessed_right"  # has the picture already
    BAD_CHOICE = "bad_choice"  # not one of the choices, not true/false, or empty text
    ROUND_ENDED = "round_ended"


class Acceptance(StrEnum):
    """What accepting a text for the revealed typed (or number) question would do."""

    NEW = "new"  # it is judged wrong now and would be right from now on
    ALREADY_RIGHT = "already_right"  # the question's judge takes it already (or it was accepted)
    UNREADABLE = "unreadable"  # empty, or a number question's text that reads as no number


@dataclass(frozen=True, slots=True)
class LiveRules:
    """The class game's own rule: a tile is uncovered when ``right / answered >=
    tile_share`` among the students who answered a question in time (a share above 0 and
    at most 1: 0.5 is "at least half", 1 is "everybody"). Speed, streaks and the class's
    time scale are in :class:`~clarity.core.scoring.ScoringRules`.

    Raises ValueError for a share that is not a number above 0 and at most 1.
    """

    tile_share: float = 0.5

    def __post_init__(self) -> None:
        share = self.tile_share
        if (
            isinstance(share, bool)
            or not isinstance(share, int | float)
            or not math.isfinite(share)
            or not 0 < share <= 1
        ):
            raise ValueError(f"the tile share is a number above 0 and at most 1, not {share!r}")


@dataclass(eq=False, slots=True)
class LiveStudent(Contestant):
    """One student's part of the round: a contestant (score, breakdown, streak, answers,
    guesses) with a name, their own extra time (None: no limit) and where they joined."""

    name: str = ""
    time_scale: float | None = 1.0
    removed: bool = False
    #: the question number open or just revealed when they joined (0: before question 1)
    joined_at: int = 0
    #: tiles hidden when they joined: the most their picture guess could have earned from
    hidden_at_join: int = 0
    #: the question numbers they guessed the picture in (the final guess: questions + 1)
    guessed_in: set[int] = field(default_factory=set)

    @property
    def guessed_right(self) -> bool:
        return any(g.right for g in self.guesses)


@dataclass(frozen=True, slots=True)
class LiveAnswer:
    """An answer taken: ``points`` are what it earns (counted, and told, at the close);
    ``timed_out`` when it came after the student's own limit (taken as a timeout)."""

    student: int
    number: int
    right: bool
    timed_out: bool
    seconds: float
    points: Points


@dataclass(frozen=True, slots=True)
class LiveGuess:
    """A picture guess taken, with the points it earned (a penalty as ``points.penalty``)
    and the tiles hidden when it was made."""

    student: int
    right: bool
    points: Points
    hidden_tiles: int
    final: bool


@dataclass(frozen=True, slots=True)
class ResponseCount:
    """A typed response as the class gave it: ``count`` students, ``right`` or not."""

    text: str
    count: int
    right: bool


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """How the class answered the last closed question (active students, in time).

    ``choice_counts[i]`` counts choice ``i`` (choice questions; () otherwise);
    ``truth_counts`` is (false, true) for a true/false question ((0, 0) otherwise);
    ``responses`` the typed texts, most given first (typed and number questions).
    """

    number: int
    question_index: int
    answered: int
    right: int
    tile: Tile | None
    choice_counts: tuple[int, ...]
    truth_counts: tuple[int, int]
    responses: tuple[ResponseCount, ...]
    right_answer: Message | str
    explain: str | None


@dataclass(frozen=True, slots=True)
class StudentResult:
    """A student's part of the last closed question: ``answered`` in time, ``right``, the
    ``points`` it earned, then their ``score``, ``place`` (1-based, ties share) and
    ``streak``."""

    answered: bool
    right: bool
    points: Points
    score: int
    place: int
    streak: int


@dataclass(frozen=True, slots=True)
class Standing:
    index: int
    name: str
    score: int
    place: int


@dataclass(frozen=True, slots=True)
class Podium:
    """The podium at the end: ``lines`` every active student in places 1 to 3 (ties share
    a place), best first, at most :data:`PODIUM_CAP`; ``left_off`` how many of those
    places' students the cap left out."""

    lines: tuple[Standing, ...]
    left_off: int


@dataclass(slots=True)
class _Given:
    """An answer of the open question, kept until it closes."""

    response: str | bool | None  # None: no answer by the close
    seconds: float
    right: bool
    timed_out: bool
    streak_before: int = 0  # the student's streak when the question closed


class LiveRound:
    """One mystery picture of ``pack`` played by a class, each student on their device.

    The first question is asked at once. Raises ValueError for a pack without round
    ``mystery_index``.
    """

    def __init__(
        self,
        pack: Pack,
        *,
        mystery_index: int = 0,
        seed: int = 0,
        rules: ScoringRules | None = None,
        live_rules: LiveRules | None = None,
        observers: Iterable[Observer] = (),
    ) -> None:
        if isinstance(mystery_index, bool) or not 0 <= mystery_index < len(pack.rounds):
            raise ValueError(f"pack {pack.id!r} has no round {mystery_index}")
        self.pack = pack
        self.mystery_index = mystery_index
        self.seed = seed
        self.rules = rules or ScoringRules()
        self.live_rules = live_rules or LiveRules()
        self._observers: list[Observer] = list(observers)
        self.board, self._order, self._shown = deal_shown(pack, mystery_index, seed)
        self._students: list[LiveStudent] = []
        self._student_rules: list[ScoringRules] = []
        self._asked = 0  # questions asked so far, the open or revealed one included
        self._closed = 0  # questions closed so far
        self._given: dict[int, _Given] = {}  # the current question's answers by student
        # the students active when the revealed question closed: its tile rule and its
        # counts stay theirs whoever is removed after
        self._closed_with: tuple[int, ...] = ()
        self._tiles: dict[int, Tile] = {}  # question number -> the tile it uncovered
        self.phase = LivePhase.QUESTION
        self.question_result: QuestionResult | None = None
        self.accepted: dict[int, tuple[str, ...]] = {}
        self.summary: ClassSummary | None = None
        self._right_guessers: list[int] = []
        self._actions: list[list[Any]] = []
        self._places: dict[int, int] | None = None
        # a class types the same few texts: each is judged once per question (matching is
        # the dearest part of an answer, and of replaying a game of 200 students)
        self._judged: dict[str | bool, bool] = {}
        self._ask_next()

    # -- reading the state ---------------------------------------------------------

    @property
    def mystery(self) -> Mystery:
        return self.pack.rounds[self.mystery_index]

    @property
    def students(self) -> tuple[LiveStudent, ...]:
        return tuple(self._students)

    @property
    def active_students(self) -> tuple[int, ...]:
        return tuple(s.index for s in self._students if not s.removed)

    @property
    def question(self) -> Question | None:
        """The question open or just revealed, as it is shown: a choice question's choices
        in the order dealt from the seed (:func:`clarity.core.class_round.deal_shown`), so
        ``choices[i]`` is the ``i``-th shown on the projector and every device; None in the
        final guess and after."""
        if self.phase in (LivePhase.QUESTION, LivePhase.REVEAL):
            return self._shown[self._order[self._asked - 1]]
        return None

    @property
    def choices_shown(self) -> tuple[str, ...]:
        """The open or revealed choice question's choices in the order shown; () for any
        other question, and in the final guess and after."""
        question = self.question
        return tuple(question.choices) if isinstance(question, ChoiceQuestion) else ()

    def choice_text(self, shown_index: int) -> str | None:
        """The text of the ``shown_index``-th choice as shown (0-based: A is 0), the
        response :meth:`answer` takes; None when the question has no such choice (a value
        from a device, never trusted) or is not a choice question."""
        shown = self.choices_shown
        if isinstance(shown_index, bool) or not isinstance(shown_index, int):
            return None
        return shown[shown_index] if 0 <= shown_index < len(shown) else None

    @property
    def question_index(self) -> int | None:
        """The open or revealed question's index in the pack's questions, else None."""
        return self._order[self._asked - 1] if self.question is not None else None

    @property
    def question_number(self) -> int:
        """1-based number of the question open or last asked (0 before any)."""
        return self._asked

    @property
    def questions_total(self) -> int:
        return len(self._order)

    @property
    def questions_left(self) -> int:
        """Questions not yet asked in this round."""
        return len(self._order) - self._asked

    @property
    def time_limit(self) -> float | None:
        """The class's seconds for the open or revealed question (its own limit x the
        rules' ``time_scale``); None without a limit or a question."""
        question = self.question
        if question is None:
            return None
        return stretched_limit(self.pack.time_limit_for(question), self.rules)

    def time_limit_for(self, student: int) -> float | None:
        """Student ``student``'s seconds for the question: the class's limit x their own
        extra time; None without a limit (theirs, the class's or the question's). Raises
        IndexError for a student the round does not have."""
        rules = self._student_rules[self._checked_index(student)]
        question = self.question
        if question is None:
            return None
        return stretched_limit(self.pack.time_limit_for(question), rules)

    @property
    def closes_at(self) -> float | None:
        """Seconds on the question's clock when the last active student still to answer
        runs out of time; None when one of them has no limit, or no question is open.
        With nobody left to answer, the class's limit."""
        if self.phase is not LivePhase.QUESTION:
            return None
        waiting = [i for i in self.active_students if i not in self._given]
        if not waiting:
            return self.time_limit
        limits = [self.time_limit_for(i) for i in waiting]
        if any(limit is None for limit in limits):
            return None
        return max(limit for limit in limits if limit is not None)

    @property
    def answered_count(self) -> int:
        """Active students who answered the open (or revealed) question, late ones too."""
        return sum(1 for i in self._given if not self._students[i].removed)

    @property
    def everyone_answered(self) -> bool:
        """Every active student has answered the open question; False with none active."""
        active = self.active_students
        return bool(active) and all(i in self._given for i in active)

    @property
    def right_guessers(self) -> tuple[int, ...]:
        """The active students who guessed the picture, first first. A removed student
        leaves it (the class is not told a removed name, nor counts it), though their own
        record keeps their guess."""
        return tuple(i for i in self._right_guessers if not self._students[i].removed)

    @property
    def everyone_guessed(self) -> bool:
        """In the final guess: every active student has guessed (or had guessed the
        picture before): the host may end the round. False in any other phase."""
        if self.phase is not LivePhase.FINAL_GUESS:
            return False
        final = self._asked + 1
        return all(
            s.guessed_right or final in s.guessed_in for s in self._students if not s.removed
        )

    @property
    def actions_taken(self) -> int:
        """How many moves the round has kept: it grows with every move of the game."""
        return len(self._actions)

    def result_for(self, student: int) -> StudentResult | None:
        """Student ``student``'s part of the last closed question; None before any
        closed, for a student who joined after it, a removed or an unknown one."""
        if not 0 <= student < len(self._students) or self._students[student].removed:
            return None
        who = self._students[student]
        if not self._closed or not who.answers or who.answers[-1].number != self._closed:
            return None
        last = who.answers[-1]
        return StudentResult(
            answered=last.response is not None and not last.timed_out,
            right=last.right,
            points=last.points,
            score=who.score,
            place=self._place_of(student),
            streak=who.streak,
        )

    def standings(self) -> tuple[Standing, ...]:
        """The active students by score, highest first; equal scores share a place (1224)
        and keep the order they joined in."""
        places = self._active_places()
        ranked = sorted(places, key=lambda i: (places[i], i))
        return tuple(
            Standing(i, self._students[i].name, self._students[i].score, places[i]) for i in ranked
        )

    def podium(self, cap: int = PODIUM_CAP) -> Podium:
        """Every active student whose place is 1, 2 or 3 (ties share a place, so eight
        students tied first all stand on it), best first, at most ``cap`` of them, and how
        many the cap left off. Raises ValueError for a cap below 1."""
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
            raise ValueError(f"a podium holds at least one student, not {cap!r}")
        placed = [s for s in self.standings() if s.place <= PODIUM_PLACES]
        return Podium(tuple(placed[:cap]), max(0, len(placed) - cap))

    def subscribe(self, observer: Observer) -> None:
        self._observers.append(observer)

    # -- the class ---------------------------------------------------------------

    def join(self, name: str, time_scale: float | None = 1.0) -> int:
        """A student named ``name`` joins with their own extra time ``time_scale`` (None:
        no limit); returns their index. Raises RoundError once the round has ended,
        ValueError for a time scale that is not None or a number above 0."""
        if self.phase is LivePhase.ENDED:
            raise RoundError("nobody joins a round that has ended")
        scale = check_time_scale(time_scale)
        index = len(self._students)
        self._actions.append(["join", name, scale])
        self._students.append(
            LiveStudent(
                index,
                name=name,
                time_scale=scale,
                joined_at=self._asked,
                hidden_at_join=self.board.hidden_count,
            )
        )
        self._student_rules.append(
            dataclasses.replace(
                self.rules, time_scale=combined_time_scale(self.rules.time_scale, scale)
            )
        )
        self._changed()
        self._emit(StudentJoined(index, name))
        return index

    def remove(self, student: int) -> None:
        """The teacher removes ``student``: they make no more moves and leave the count
        of who answered, the tile rule and the standings; their record stays. Removing
        twice changes nothing. Raises IndexError for a student the round does not have,
        RoundError once the round has ended."""
        who = self._students[self._checked_index(student)]
        if self.phase is LivePhase.ENDED:
            raise RoundError("the round has ended")
        if who.removed:
            return
        self._actions.append(["remove", student])
        who.removed = True
        self._changed()

    # -- playing -----------------------------------------------------------------

    def answer(
        self, student: int, number: int, response: str | bool, seconds: float
    ) -> LiveAnswer | Refusal:
        """Student ``student`` answers question ``number`` with ``response`` (a choice's
        text, a bool for true/false, the typed text) after ``seconds`` on the question's
        clock. Refused (a :class:`Refusal`) unless the question is open, theirs to answer
        and ``response`` fits it. An answer after the student's own limit is a timeout.
        Raises ValueError for a negative, infinite or NaN ``seconds``."""
        refusal = self._refusal_of(student) or self._answer_refusal(student, number, response)
        if refusal is not None:
            return refusal
        question = self.question
        assert question is not None
        seconds = to_the_millisecond(checked_seconds(seconds))
        limit = self.time_limit_for(student)
        late = limit is not None and seconds > limit
        right = not late and self._is_right(question, response)
        self._actions.append(["answer", student, number, response, seconds])
        self._given[student] = _Given(response, seconds, right, late)
        self._changed()
        points = self._points_for(student, question, right, seconds)
        return LiveAnswer(student, number, right, late, seconds, points)

    def close_question(self, seconds: float) -> QuestionResult:
        """Close the open question after ``seconds`` on its clock and reveal it: every
        active student's answer is scored (a timeout for those who gave none), and the
        tile rule applied. Emits :class:`AnswerGiven` for each active student in index
        order, then :class:`TileUncovered` when a tile is. Raises RoundError unless a
        question is open, ValueError for a bad ``seconds``."""
        self._require(LivePhase.QUESTION)
        seconds = to_the_millisecond(checked_seconds(seconds))
        question = self.question
        assert question is not None
        self._actions.append(["close", seconds])
        self._closed = self._asked
        self._closed_with = self.active_students
        self.phase = LivePhase.REVEAL
        for index in self.active_students:
            given = self._given.get(index)
            if given is None:  # a timeout, at the student's own limit if it came first
                limit = self.time_limit_for(index)
                at = seconds if limit is None else min(seconds, to_the_millisecond(limit))
                given = _Given(None, at, False, True)
            self._score(index, question, given)
        self._changed()
        for index in self.active_students:
            self._emit(self._students[index].answers[-1])
        self._apply_tile_rule()
        self.question_result = self._result(question)
        return self.question_result

    def acceptance(self, text: str) -> Acceptance:
        """What accepting ``text`` for the revealed typed (or number) question would do,
        judged by the question's own rule (:func:`clarity.core.answers.is_right`) with the
        texts accepted so far added to its answers: :attr:`Acceptance.NEW` when it would
        become right, ``ALREADY_RIGHT`` when it is right already (the pack needs nothing),
        ``UNREADABLE`` for an empty text, or one a number question reads as no number.
        Raises RoundError unless a typed or number question is revealed."""
        question = self._revealed_typed()
        if not isinstance(text, str) or not text.strip():
            return Acceptance.UNREADABLE
        judge = self._judge_of(question)
        if is_right(judge, text, self.pack.language):
            return Acceptance.ALREADY_RIGHT
        widened = judge.model_copy(update={"accept": (*judge.accept, text)})
        if not is_right(widened, text, self.pack.language):
            return Acceptance.UNREADABLE
        return Acceptance.NEW

    def accept_answer(self, text: str, question_number: int | None = None) -> int:
        """At the reveal of typed (or number) question ``question_number``, the teacher
        accepts ``text``: it is added to the question's answers (:attr:`accepted`, for the
        pack file), and each answer given in time by the students counted at the close
        is judged again by the question's own rule with it
        (:func:`clarity.core.answers.is_right`: a number question compares numbers, so
        accepting "1066" takes "1 066" and "1,066" too), as the next game will judge it.
        Those now right are scored at their own time and streak; the tile rule is applied
        again over the students counted at the close (a student removed since still
        counts: the rule is the question's, not the class's as it is now).

        Accepting a text that :meth:`acceptance` does not find ``NEW`` (already right or
        accepted, or unreadable) changes nothing, keeps nothing and returns 0: the caller
        asks :meth:`acceptance` to tell the teacher why and to leave the pack as it is.
        Returns how many answers changed. Emits :class:`AnswerAccepted` for each, then
        :class:`TileUncovered` if a tile now is. ``question_number`` None is the revealed
        question (moves saved before it was kept). Raises RoundError in another phase,
        for another kind of question, or for a number that is not the revealed one's
        (the host checks first: a teacher's page may be a question behind)."""
        question = self._revealed_typed()
        if question_number is not None and (
            isinstance(question_number, bool) or question_number != self._asked
        ):
            raise RoundError(
                f"question {question_number!r} is not the one revealed ({self._asked})"
            )
        if self.acceptance(text) is not Acceptance.NEW:
            return 0
        index = self._order[self._asked - 1]
        self._actions.append(["accept", text, self._asked])
        self.accepted[index] = (*self.accepted.get(index, ()), text)
        self._judged = {}
        judge = self._judge_of(question)
        changed: list[AnswerGiven] = []
        for student in self._closed_with:
            given = self._given.get(student)
            if given is None or given.right or given.timed_out:
                continue
            if not isinstance(given.response, str):
                continue
            if not is_right(judge, given.response, self.pack.language):
                continue
            given.right = True
            changed.append(self._rescore(student, question, given))
        self._changed()
        for event in changed:
            self._emit(AnswerAccepted(event))
        self._apply_tile_rule()
        self.question_result = self._result(question)
        return len(changed)

    def next_question(self) -> None:
        """Leave the reveal: the next question; the final guess when the questions have
        run out with tiles hidden; the end when every tile is uncovered. Raises
        RoundError unless a question is revealed."""
        self._require(LivePhase.REVEAL)
        self._actions.append(["next"])
        self._changed()
        if self.board.all_uncovered:
            self._end()
        elif self._asked >= len(self._order):
            self._given = {}
            self.phase = LivePhase.FINAL_GUESS
        else:
            self._ask_next()

    def guess(self, student: int, text: str, seconds: float) -> LiveGuess | Refusal:
        """Student ``student`` guesses the picture after ``seconds`` on the question's
        clock: once per question (the final guess is one more). Right: the bonus for the
        tiles hidden now, and the round goes on. Wrong: the penalty (the score never
        below 0), nothing in the final guess. Emits :class:`ImageGuessed`. Raises
        ValueError for a bad ``seconds``."""
        refusal = self._refusal_of(student) or self._guess_refusal(student, text)
        if refusal is not None:
            return refusal
        seconds = to_the_millisecond(checked_seconds(seconds))
        who = self._students[student]
        final = self.phase is LivePhase.FINAL_GUESS
        event = scored_guess(
            who,
            text,
            pack=self.pack,
            mystery=self.mystery,
            board=self.board,
            rules=self.rules,
            final=final,
            seconds=seconds,
        )
        self._actions.append(["guess", student, text, seconds])
        who.guessed_in.add(self._guess_turn())
        who.guesses.append(event)
        if event.right:
            self._right_guessers.append(student)
        self._changed()
        self._emit(event)
        return LiveGuess(student, event.right, event.points, event.hidden_tiles, final)

    def end(self) -> ClassSummary:
        """End the round (any phase; an open question is dropped unscored) and return
        its summary, ``mode`` "devices": ``contestants[i]`` is student ``i``'s, removed
        ones included. Emits :class:`ClassRoundEnded`. Ending twice returns the summary."""
        if self.summary is not None:
            return self.summary
        self._actions.append(["end"])
        return self._end()

    # -- saving and replaying ----------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to rebuild this round, plain JSON types only: the seed, the
        rules, what the pack must have (its id, its number of questions, the picture's
        grid) and every move taken."""
        grid = self.mystery.grid
        return {
            "kind": SNAPSHOT_KIND,
            "version": LIVE_SNAPSHOT_VERSION,
            "pack_id": self.pack.id,
            "questions": len(self.pack.questions),
            "grid": [grid.rows, grid.cols],
            "mystery_index": self.mystery_index,
            "seed": self.seed,
            "rules": dataclasses.asdict(self.rules),
            "live_rules": dataclasses.asdict(self.live_rules),
            "actions": [list(action) for action in self._actions],
        }

    @classmethod
    def restore(
        cls, pack: Pack, snapshot: Mapping[str, Any], observers: Iterable[Observer] = ()
    ) -> LiveRound:
        """Replay a snapshot's moves on a new round of ``pack``; observers hear the
        replayed events. Raises ValueError when the snapshot is not a live round's of
        this version, does not fit the pack (another pack, another number of questions,
        no such picture or another grid) or holds a move that cannot be replayed."""
        if not isinstance(snapshot, Mapping):
            raise ValueError("the saved class game is not a live round")
        if snapshot.get("kind") != SNAPSHOT_KIND:
            raise ValueError("the saved class game is not a live round")
        version = snapshot.get("version")
        if isinstance(version, bool) or version != LIVE_SNAPSHOT_VERSION:
            raise ValueError(f"the saved class game is of an unknown version: {version!r}")
        if snapshot.get("pack_id") != pack.id or snapshot.get("questions") != len(pack.questions):
            raise ValueError("the saved class game does not belong to this pack")
        mystery_index = snapshot.get("mystery_index")
        if (
            isinstance(mystery_index, bool)
            or not isinstance(mystery_index, int)
            or not 0 <= mystery_index < len(pack.rounds)
        ):
            raise ValueError(f"the saved class game's picture {mystery_index!r} is not in the pack")
        grid = pack.rounds[mystery_index].grid
        if snapshot.get("grid") != [grid.rows, grid.cols]:
            raise ValueError("the saved class game's picture has another grid")
        try:
            seed = snapshot["seed"]
            if isinstance(seed, bool) or not isinstance(seed, int):
                raise TypeError(f"seed {seed!r}")
            played = cls(
                pack,
                mystery_index=mystery_index,
                seed=seed,
                rules=ScoringRules(**snapshot["rules"]),
                live_rules=LiveRules(**snapshot["live_rules"]),
                observers=observers,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"the saved class game is damaged: {error}") from error
        played._replay(snapshot.get("actions"))
        return played

    def _replay(self, actions: object) -> None:
        if not isinstance(actions, list):
            raise ValueError("the saved class game's moves are damaged")
        try:
            for action in actions:
                self._play(action)
        except (RoundError, IndexError, TypeError, ValueError) as error:
            raise ValueError(f"the saved class game cannot be replayed: {error}") from error

    def _play(self, action: object) -> None:
        """Take one saved move again. Raises ValueError for one that is not a move or
        that the round refuses now (it was taken when it was saved)."""
        match action:
            case ["join", str(name), scale] if scale is None or _is_number(scale):
                self.join(name, scale)
            case ["remove", int(student)]:
                self.remove(student)
            case ["answer", int(student), int(number), str() | bool() as response, seconds]:
                taken = self.answer(student, number, response, _saved_seconds(seconds))
                if isinstance(taken, Refusal):
                    raise ValueError(f"a saved answer is refused: {taken.value}")
            case ["close", seconds]:
                self.close_question(_saved_seconds(seconds))
            case ["accept", str(text)]:  # saved before a move named its question
                self.accept_answer(text)
            case ["accept", str(text), int(number)]:
                self.accept_answer(text, number)
            case ["next"]:
                self.next_question()
            case ["guess", int(student), str(text), seconds]:
                guessed = self.guess(student, text, _saved_seconds(seconds))
                if isinstance(guessed, Refusal):
                    raise ValueError(f"a saved guess is refused: {guessed.value}")
            case ["end"]:
                self.end()
            case _:
                raise ValueError(f"the saved class game has an unknown move {action!r}")

    # -- inside ------------------------------------------------------------------

    def _checked_index(self, student: int) -> int:
        if isinstance(student, bool) or not 0 <= student < len(self._students):
            raise IndexError(f"the round has no student {student!r}")
        return student

    def _refusal_of(self, student: int) -> Refusal | None:
        """Why ``student`` may make no move at all now, if they may not."""
        if self.phase is LivePhase.ENDED:
            return Refusal.ROUND_ENDED
        if (
            isinstance(student, bool)
            or not isinstance(student, int)
            or not 0 <= student < len(self._students)
        ):
            return Refusal.UNKNOWN_STUDENT
        if self._students[student].removed:
            return Refusal.REMOVED
        return None

    def _answer_refusal(self, student: int, number: int, response: object) -> Refusal | None:
        if self.phase is not LivePhase.QUESTION:
            return Refusal.NOT_OPEN
        if number != self._asked:
            return Refusal.WRONG_QUESTION
        if student in self._given:
            return Refusal.ALREADY_ANSWERED
        question = self.question
        if isinstance(question, TrueFalseQuestion):
            fits = isinstance(response, bool)
        elif isinstance(question, ChoiceQuestion):
            fits = isinstance(response, str) and response in question.choices
        else:
            fits = isinstance(response, str) and bool(response.strip())
        return None if fits else Refusal.BAD_CHOICE

    def _guess_refusal(self, student: int, text: object) -> Refusal | None:
        who = self._students[student]
        if who.guessed_right:
            return Refusal.GUESSED_RIGHT
        if self._guess_turn() in who.guessed_in:
            return Refusal.ALREADY_GUESSED
        if not isinstance(text, str) or not text.strip():
            return Refusal.BAD_CHOICE
        return None

    def _guess_turn(self) -> int:
        """The question number a guess now counts against (the final guess: one more)."""
        return self._asked + 1 if self.phase is LivePhase.FINAL_GUESS else self._asked

    def _revealed_typed(self) -> TypedQuestion:
        """The revealed typed (or number) question. Raises RoundError for another phase
        or kind of question."""
        self._require(LivePhase.REVEAL)
        question = self.question
        if not isinstance(question, TypedQuestion):
            raise RoundError("only a typed answer can be accepted")
        return question

    def _judge_of(self, question: TypedQuestion) -> TypedQuestion:
        """``question`` as it judges now: with the texts the teacher accepted in this round
        added to its ``accept`` (as the pack file will have them in the next game)."""
        accepted = self.accepted.get(self._order[self._asked - 1], ())
        if not accepted:
            return question
        return question.model_copy(update={"accept": (*question.accept, *accepted)})

    def _is_right(self, question: Question, response: str | bool) -> bool:
        known = self._judged.get(response)
        if known is None:
            known = self._judged[response] = is_right(question, response, self.pack.language)
        return known

    def _points_for(self, student: int, question: Question, right: bool, seconds: float) -> Points:
        """What an answer by ``student`` earns, with the streak it makes."""
        who = self._students[student]
        return answer_points(
            right=right,
            seconds=seconds,
            time_limit=self.pack.time_limit_for(question),
            streak=who.streak + 1 if right else 0,
            rules=self._student_rules[student],
        )

    def _score(self, student: int, question: Question, given: _Given) -> None:
        """Count a closed question's answer (or timeout) in ``student``'s score."""
        who = self._students[student]
        given.streak_before = who.streak
        points = self._points_for(student, question, given.right, given.seconds)
        who.streak = who.streak + 1 if given.right else 0
        who.longest_streak = max(who.longest_streak, who.streak)
        who.add(points)
        who.answers.append(self._answer_event(student, question, given, points))

    def _rescore(self, student: int, question: Question, given: _Given) -> AnswerGiven:
        """Score again ``student``'s wrong answer of the revealed question as right."""
        who = self._students[student]
        who.streak = given.streak_before
        points = self._points_for(student, question, True, given.seconds)
        who.streak += 1
        who.longest_streak = max(who.longest_streak, who.streak)
        who.add(points)  # the wrong answer it replaces earned nothing
        event = self._answer_event(student, question, given, points)
        who.answers[-1] = event
        return event

    def _answer_event(
        self, student: int, question: Question, given: _Given, points: Points
    ) -> AnswerGiven:
        return AnswerGiven(
            number=self._asked,
            question_index=self._order[self._asked - 1],
            question_id=question.id,
            response=None if given.response is None else response_text(given.response),
            right=given.right,
            seconds=given.seconds,
            points=points,
            streak=self._students[student].streak,
            timed_out=given.timed_out,
            contestant=student,
        )

    def _in_time(self) -> list[tuple[int, _Given]]:
        """The answers given in time to the current question: an open one's by the active
        students, a revealed one's by the students active when it closed."""
        if self.phase is LivePhase.REVEAL:
            counted = set(self._closed_with)
            return [(i, g) for i, g in self._given.items() if not g.timed_out and i in counted]
        return [
            (i, g)
            for i, g in self._given.items()
            if not g.timed_out and not self._students[i].removed
        ]

    def _apply_tile_rule(self) -> None:
        if self._asked in self._tiles or self.board.all_uncovered:
            return
        answers = self._in_time()
        right = sum(1 for _, g in answers if g.right)
        if not answers or right / len(answers) < self.live_rules.tile_share:
            return
        tile = self.board.uncover_next()
        self._tiles[self._asked] = tile
        self._emit(TileUncovered(tile.row, tile.col, self.board.hidden_count))

    def _result(self, question: Question) -> QuestionResult:
        answers = [g for _, g in sorted(self._in_time())]
        choice_counts: tuple[int, ...] = ()
        truth_counts = (0, 0)
        responses: tuple[ResponseCount, ...] = ()
        if isinstance(question, ChoiceQuestion):
            choice_counts = tuple(
                sum(1 for g in answers if g.response == choice) for choice in question.choices
            )
        elif isinstance(question, TrueFalseQuestion):
            truth_counts = (
                sum(1 for g in answers if g.response is False),
                sum(1 for g in answers if g.response is True),
            )
        else:
            responses = _tally(answers)
        return QuestionResult(
            number=self._asked,
            question_index=self._order[self._asked - 1],
            answered=len(answers),
            right=sum(1 for g in answers if g.right),
            tile=self._tiles.get(self._asked),
            choice_counts=choice_counts,
            truth_counts=truth_counts,
            responses=responses,
            right_answer=right_answer_text(question),
            explain=question.explain,
        )

    def _ask_next(self) -> None:
        self._given = {}
        self._judged = {}
        self._asked += 1
        self.phase = LivePhase.QUESTION
        question = self.pack.questions[self._order[self._asked - 1]]
        self._emit(
            QuestionAsked(
                number=self._asked,
                question_index=self._order[self._asked - 1],
                question_id=question.id,
                time_limit=self.time_limit,
                first_chance=None,
            )
        )

    def _end(self) -> ClassSummary:
        self.phase = LivePhase.ENDED
        self._given = {}
        self._changed()
        guessers = self.right_guessers
        guessed_by = guessers[0] if guessers else None
        self.summary = ClassSummary(
            pack_id=self.pack.id,
            mystery_index=self.mystery_index,
            mystery_answer=self.mystery.answer,
            seed=self.seed,
            mode=DEVICES_MODE,
            outcome=RoundOutcome.GUESSED if guessed_by is not None else RoundOutcome.MISSED,
            guessed_by=guessed_by,
            total_tiles=self.board.total,
            hidden_at_end=self.board.hidden_count,
            questions_asked=self._closed,
            contestants=tuple(self._summary_of(s) for s in self._students),
        )
        self._emit(ClassRoundEnded(self.summary))
        return self.summary

    def _summary_of(self, student: LiveStudent) -> RoundSummary:
        rules = self._student_rules[student.index]
        right_guess = next((g for g in student.guesses if g.right), None)
        asked = [self.pack.questions[i] for i in self._order]
        closed = asked[: self._closed]
        return RoundSummary(
            pack_id=self.pack.id,
            mystery_index=self.mystery_index,
            mystery_answer=self.mystery.answer,
            seed=self.seed,
            timer=self.rules.timer,
            streaks=self.rules.streaks,
            outcome=RoundOutcome.GUESSED if right_guess else RoundOutcome.MISSED,
            score=student.score,
            breakdown=student.breakdown,
            best_possible=self._best_of(asked, self.board.total, rules),
            # the whole game's yardstick, whenever they joined (the module's Medals rule)
            best_by_end=self._best_of(closed, self.board.total, rules),
            penalty_waived=student.penalty_waived,
            right=student.right_count,
            wrong=student.wrong_count,
            longest_streak=student.longest_streak,
            total_tiles=self.board.total,
            hidden_at_guess=(right_guess.hidden_tiles if right_guess else self.board.hidden_count),
            seconds_played=round(
                sum(a.seconds for a in student.answers) + sum(g.seconds for g in student.guesses),
                3,
            ),
            answers=tuple(student.answers),
            guesses=tuple(student.guesses),
        )

    def _best_of(self, questions: list[Question], hidden: int, rules: ScoringRules) -> int:
        """The most a student could earn from ``questions``: each answered right at once,
        in one unbroken streak, and the picture guessed right with ``hidden`` tiles hidden
        (in this game a right guess ends nothing, so the first moment is the best)."""
        answers = sum(
            answer_points(
                right=True,
                seconds=0.0,
                time_limit=self.pack.time_limit_for(q),
                streak=1,
                rules=rules,
            ).total
            + streak_bonus(n, rules)
            for n, q in enumerate(questions, start=1)
        )
        guess = image_guess_points(right=True, hidden_tiles=hidden, final=False, rules=rules)
        return answers + guess.total

    def _active_places(self) -> dict[int, int]:
        """Each active student's place by score (1224), computed once per change."""
        if self._places is None:
            active = [s for s in self._students if not s.removed]
            ordered = sorted(active, key=lambda s: -s.score)
            places: dict[int, int] = {}
            for position, who in enumerate(ordered, start=1):
                previous = ordered[position - 2] if position > 1 else None
                same = previous is not None and previous.score == who.score
                places[who.index] = places[previous.index] if same and previous else position
            self._places = places
        return self._places

    def _place_of(self, student: int) -> int:
        return self._active_places()[student]

    def _changed(self) -> None:
        self._places = None

    def _require(self, phase: LivePhase) -> None:
        if self.phase is not phase:
            raise RoundError(f"not allowed while the round is in {self.phase.value}")

    def _emit(self, event: RoundEvent) -> None:
        for observer in self._observers:
            observer(event)


def _tally(answers: list[_Given]) -> tuple[ResponseCount, ...]:
    """Typed responses counted alike when they differ only in case and surrounding space,
    each shown as first given; most given first, then in the order first given."""
    counts: dict[str, list[Any]] = {}
    for given in answers:
        text = str(given.response)
        key = text.strip().casefold()
        if key not in counts:
            counts[key] = [text.strip(), 0, given.right]
        counts[key][1] += 1
    ordered = sorted(counts.values(), key=lambda entry: -entry[1])
    return tuple(ResponseCount(text, count, right) for text, count, right in ordered)


def _is_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float)


def _saved_seconds(value: object) -> float:
    if not _is_number(value):
        raise ValueError(f"a saved time is not a number of seconds: {value!r}")
    return float(value)  # type: ignore[arg-type]
