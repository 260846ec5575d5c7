"""Random class games on every device, played on :class:`LiveRound` and on a plain model
of the rules written here from the issue (the oracle): every move must be taken or
refused alike, every score be the sum of its points, every tile come from a question
that met the tile rule, and every game replay from its snapshot into the same game."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clarity.core.class_round import RoundError
from clarity.core.live_round import LiveGuess, LivePhase, LiveRound, LiveRules, Refusal
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.scoring import ScoringRules

from .factories import MYSTERY_ANSWER, build_pack

LIMIT = 20  # every question's own limit in seconds (the pack's default)
MISSPELT = "spelt otherwise"  # a typed response the teacher may accept after the reveal
SCALES = (1.0, 2.0, None)
SECONDS = (0.0, 1.5, 7.25, 19.999, 20.0, 20.001, 31.0, 40.0, 45.5, 90.0)


@dataclass
class Pupil:
    """The oracle's student."""

    scale: float | None
    removed: bool = False
    score: int = 0
    streak: int = 0
    streak_before: int = 0
    answer: tuple[str, float, bool, bool] | None = None  # kind, seconds, right, late
    guessed_turns: set[int] = field(default_factory=set)
    guessed_right: bool = False
    waived: int = 0


@dataclass
class Oracle:
    """The rules, plainly: what each move should do, for a pack whose questions all have
    a limit of :data:`LIMIT` seconds."""

    rules: ScoringRules
    share: float
    questions: int
    hidden: int
    total_tiles: int
    phase: str = "question"
    asked: int = 1
    tile_now: bool = False
    pupils: list[Pupil] = field(default_factory=list)
    guessed_right_in_order: list[int] = field(default_factory=list)
    closed_with: list[int] = field(default_factory=list)  # active when the question closed

    @property
    def right_guessers(self) -> list[int]:
        """Who guessed the picture as the class is told it: removed students left out."""
        return [i for i in self.guessed_right_in_order if not self.pupils[i].removed]

    def limit(self, pupil: Pupil) -> float | None:
        if not self.rules.timer or self.rules.time_scale is None or pupil.scale is None:
            return None
        return LIMIT * (self.rules.time_scale * pupil.scale)

    def points(self, pupil: Pupil, seconds: float, streak: int) -> int:
        """Kahoot's rule as scoring.py states it: base, a time bonus falling from base to
        0 at the student's own limit (half of base with no limit), the streak bonus."""
        rules = self.rules
        if not rules.timer:
            bonus = 0
        elif self.limit(pupil) is None:
            bonus = round(rules.base * 0.5)
        else:
            limit = self.limit(pupil)
            assert limit is not None
            bonus = round(rules.base * max(0.0, min(1.0, 1 - seconds / limit)))
        extra = min(rules.streak_step * (streak - 1), rules.streak_cap) if streak > 1 else 0
        return rules.base + bonus + (extra if rules.streaks else 0)

    def active(self) -> list[int]:
        return [i for i, p in enumerate(self.pupils) if not p.removed]

    def refusal(self, student: int) -> Refusal | None:
        if self.phase == "ended":
            return Refusal.ROUND_ENDED
        if not 0 <= student < len(self.pupils):
            return Refusal.UNKNOWN_STUDENT
        if self.pupils[student].removed:
            return Refusal.REMOVED
        return None

    def answer(self, student: int, number: int, kind: str, seconds: float) -> Refusal | None:
        refused = self.refusal(student)
        if refused is None and self.phase != "question":
            refused = Refusal.NOT_OPEN
        if refused is None and number != self.asked:
            refused = Refusal.WRONG_QUESTION
        if refused is None and self.pupils[student].answer is not None:
            refused = Refusal.ALREADY_ANSWERED
        if refused is None and kind == "bad":
            refused = Refusal.BAD_CHOICE
        if refused is not None:
            return refused
        pupil = self.pupils[student]
        limit = self.limit(pupil)
        late = limit is not None and seconds > limit
        pupil.answer = (kind, seconds, kind == "right" and not late, late)
        return None

    def close(self) -> None:
        self.closed_with = self.active()
        for i in self.active():
            pupil = self.pupils[i]
            pupil.streak_before = pupil.streak
            if pupil.answer is not None and pupil.answer[2]:
                pupil.streak += 1
                pupil.score += self.points(pupil, pupil.answer[1], pupil.streak)
            else:
                pupil.streak = 0
        self.phase = "reveal"
        self.tile_rule()

    def tile_rule(self) -> None:
        counted = self.closed_with  # the question's students, whoever was removed since
        in_time = [p.answer for i, p in enumerate(self.pupils) if i in counted and p.answer]
        in_time = [a for a in in_time if not a[3]]
        right = sum(1 for a in in_time if a[2])
        if self.tile_now or not self.hidden or not in_time:
            return
        if right / len(in_time) >= self.share:
            self.hidden -= 1
            self.tile_now = True

    def accept(self) -> int:
        changed = 0
        for i in self.closed_with:
            pupil = self.pupils[i]
            kind, seconds, right, late = pupil.answer or ("none", 0.0, False, False)
            if kind != "misspelt" or right or late:
                continue
            pupil.answer = (kind, seconds, True, False)
            pupil.streak = pupil.streak_before + 1
            pupil.score += self.points(pupil, seconds, pupil.streak)
            changed += 1
        self.tile_rule()
        return changed

    def next(self) -> None:
        for pupil in self.pupils:
            pupil.answer = None
        self.tile_now = False
        if not self.hidden:
            self.phase = "ended"
        elif self.asked == self.questions:
            self.phase = "final"
        else:
            self.asked += 1
            self.phase = "question"

    def guess(self, student: int, right: bool) -> Refusal | int:
        refused = self.refusal(student)
        pupil = self.pupils[student] if refused is None else None
        turn = self.asked + 1 if self.phase == "final" else self.asked
        if pupil is not None and pupil.guessed_right:
            refused = Refusal.GUESSED_RIGHT
        elif pupil is not None and turn in pupil.guessed_turns:
            refused = Refusal.ALREADY_GUESSED
        if refused is not None:
            return refused
        assert pupil is not None
        pupil.guessed_turns.add(turn)
        if right:
            gained = self.rules.image_base + self.rules.image_per_hidden_tile * self.hidden
            pupil.guessed_right = True
            self.guessed_right_in_order.append(student)
        elif self.phase == "final":
            gained = 0
        else:
            gained = -min(self.rules.wrong_guess_penalty, pupil.score)
            pupil.waived += self.rules.wrong_guess_penalty + gained
        pupil.score += gained
        return gained


PHASES = {
    LivePhase.QUESTION: "question",
    LivePhase.REVEAL: "reveal",
    LivePhase.FINAL_GUESS: "final",
    LivePhase.ENDED: "ended",
}

# mostly students of the class (up to 5 join at the start), now and then an unknown one
students = st.one_of(st.integers(min_value=0, max_value=5), st.sampled_from([-1, 9]))
answers = st.tuples(
    st.just("answer"),
    students,
    st.sampled_from(["right", "right", "right", "wrong", "misspelt", "bad"]),
    st.sampled_from(SECONDS),
    st.sampled_from([0, 0, 0, 0, 0, 0, 1, -1]),
)
guesses = st.tuples(st.just("guess"), students, st.booleans(), st.sampled_from(SECONDS))
closes = st.tuples(st.just("close"), st.sampled_from(SECONDS))
nexts = st.tuples(st.just("next"))
joins = st.tuples(st.just("join"), st.sampled_from(SCALES))
removes = st.tuples(st.just("remove"), st.integers(min_value=0, max_value=7))
accepts = st.tuples(st.just("accept"))
#: one question: the class's moves while it is open, its close, the moves at its reveal
#: (a move out of turn now and then), and on to the next
questions = st.tuples(
    st.lists(st.one_of(answers, answers, answers, guesses, joins, removes), max_size=12),
    closes,
    st.lists(st.one_of(guesses, accepts, answers, closes, joins, removes), max_size=4),
).map(lambda q: [*q[0], q[1], *q[2], ("next",)])
#: the moves after the questions: final guesses, and anything else
last_moves = st.lists(st.one_of(guesses, guesses, answers, closes, nexts, joins), max_size=8)


def response_for(question: Any, kind: str) -> str | bool:
    """The response of ``kind`` to a factory question."""
    if isinstance(question, TrueFalseQuestion):
        return {"right": question.answer, "bad": "maybe"}.get(kind, not question.answer)
    if isinstance(question, ChoiceQuestion):
        return {"right": "right", "bad": "no such choice"}.get(kind, "wrong one")
    return {"right": question.answer, "wrong": "quite wrong", "misspelt": MISSPELT, "bad": " "}[
        kind
    ]


def play(round_: LiveRound, oracle: Oracle, move: tuple[Any, ...]) -> None:
    """Make ``move`` on both and check they agree on it."""
    match move:
        case ("join", scale):
            if oracle.phase == "ended":
                with pytest.raises(RoundError):
                    round_.join("late", scale)
            else:
                assert round_.join(f"S{len(oracle.pupils)}", scale) == len(oracle.pupils)
                oracle.pupils.append(Pupil(scale))
        case ("remove", student):
            if student >= len(oracle.pupils):
                with pytest.raises(IndexError):
                    round_.remove(student)
            elif oracle.phase == "ended":
                with pytest.raises(RoundError):
                    round_.remove(student)
            else:
                round_.remove(student)
                oracle.pupils[student].removed = True
        case ("answer", student, kind, seconds, offset):
            question = round_.question
            response = response_for(question, kind) if question is not None else "x"
            if kind == "misspelt" and not isinstance(question, TypedQuestion):
                kind = "wrong"
            number = round_.question_number + offset
            expected = oracle.answer(student, number, kind, seconds)
            taken = round_.answer(student, number, response, seconds)
            assert (taken if isinstance(taken, Refusal) else None) == expected
        case ("guess", student, right, seconds):
            text = MYSTERY_ANSWER if right else "Big Ben"
            expected = oracle.guess(student, right)
            guessed = round_.guess(student, text, seconds)
            if isinstance(expected, Refusal):
                assert guessed == expected
            else:
                assert isinstance(guessed, LiveGuess)
                assert guessed.right is right
                assert guessed.points.total == expected
        case ("close", seconds):
            if oracle.phase != "question":
                with pytest.raises(RoundError):
                    round_.close_question(seconds)
            else:
                result = round_.close_question(seconds)
                oracle.close()
                assert (result.tile is not None) is oracle.tile_now
        case ("next",):
            if oracle.phase != "reveal":
                with pytest.raises(RoundError):
                    round_.next_question()
            else:
                round_.next_question()
                oracle.next()
        case ("accept",):
            if oracle.phase != "reveal" or not isinstance(round_.question, TypedQuestion):
                with pytest.raises(RoundError):
                    round_.accept_answer(MISSPELT)
            else:
                assert round_.accept_answer(MISSPELT) == oracle.accept()
        case ("end",):
            summary = round_.end()
            oracle.phase = "ended"
            assert summary.guessed_by == (
                oracle.right_guessers[0] if oracle.right_guessers else None
            )


def check_agree(round_: LiveRound, oracle: Oracle) -> None:
    assert PHASES[round_.phase] == oracle.phase
    assert round_.board.hidden_count == oracle.hidden
    assert [s.score for s in round_.students] == [p.score for p in oracle.pupils]
    assert [s.streak for s in round_.students] == [p.streak for p in oracle.pupils]
    assert [s.penalty_waived for s in round_.students] == [p.waived for p in oracle.pupils]
    assert list(round_.right_guessers) == oracle.right_guessers
    for student in round_.students:
        # a score is the sum of its points, and never below zero
        earned = sum(a.points.total for a in student.answers)
        earned += sum(g.points.total for g in student.guesses)
        assert student.score == earned == student.breakdown.total
        assert student.score >= 0
    if round_.phase is LivePhase.QUESTION:
        active = oracle.active()
        waiting = [i for i in active if oracle.pupils[i].answer is None]
        assert round_.everyone_answered is (bool(active) and not waiting)
        assert round_.answered_count == len(active) - len(waiting)
        limits = [oracle.limit(oracle.pupils[i]) for i in waiting]
        if waiting:
            expected = None if None in limits else max(x for x in limits if x is not None)
            assert round_.closes_at == expected
    places = {s.index: s.place for s in round_.standings()}
    for i in oracle.active():
        score = oracle.pupils[i].score
        assert places[i] == 1 + sum(1 for j in oracle.active() if oracle.pupils[j].score > score)


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**16),
    questions=st.integers(min_value=2, max_value=6),
    grid=st.sampled_from(["1x2", "2x2", "2x3", "3x3"]),
    share=st.sampled_from([0.25, 0.5, 2 / 3, 1.0]),
    class_scale=st.sampled_from([1.0, 1.5, None]),
    timer=st.booleans(),
    streaks=st.booleans(),
    starting=st.lists(st.sampled_from(SCALES), min_size=1, max_size=5),
    game=st.lists(questions, min_size=1, max_size=7).map(lambda qs: [m for q in qs for m in q]),
    after=last_moves,
    end=st.booleans(),
)
def test_random_games_follow_the_rules_and_replay_exactly(
    *,
    seed: int,
    questions: int,
    grid: str,
    share: float,
    class_scale: float | None,
    timer: bool,
    streaks: bool,
    starting: list[float | None],
    game: list[tuple[Any, ...]],
    after: list[tuple[Any, ...]],
    end: bool,
) -> None:
    pack = build_pack(
        questions=questions, grid=grid, time_limit=LIMIT, kinds=("typed", "choice", "truefalse")
    )
    rules = ScoringRules(timer=timer, streaks=streaks, time_scale=class_scale)
    round_ = LiveRound(pack, seed=seed, rules=rules, live_rules=LiveRules(tile_share=share))
    rows, cols = (int(n) for n in grid.split("x"))
    oracle = Oracle(rules, share, questions, rows * cols, rows * cols)
    for scale in starting:
        play(round_, oracle, ("join", scale))
    for move in [*game, *after, ("end",)] if end else [*game, *after]:
        play(round_, oracle, move)
        check_agree(round_, oracle)
    saved = json.loads(json.dumps(round_.snapshot()))
    again = LiveRound.restore(pack, saved)
    assert again.snapshot() == round_.snapshot()
    assert [(s.score, s.answers, s.guesses) for s in again.students] == [
        (s.score, s.answers, s.guesses) for s in round_.students
    ]
    assert again.board.hidden_count == round_.board.hidden_count
    assert again.end() == round_.end()
