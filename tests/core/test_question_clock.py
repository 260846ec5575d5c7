"""The question clock belongs to the round: time spent, kept in the snapshot, never given back."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core.round import SNAPSHOT_VERSION, Phase, Round, RoundError
from clarity.core.scoring import TIME_SCALES, ScoringRules

from .factories import build_pack, wrong_response

# Eight typed questions, 20 seconds each; the first one's own limit is 60 s in LONG.
PACK = build_pack(questions=8, grid="4x5", time_limit=20)
LONG = build_pack(questions=3, grid="1x3", time_limit=20, question_limits=[60, None, 20])


def through_json(played: Round) -> Round:
    """The round as the game gets it back after closing: snapshot, JSON text, restore."""
    return Round.restore(played.pack, json.loads(json.dumps(played.snapshot(), allow_nan=False)))


def test_the_clock_counts_the_seconds_spent_on_the_question() -> None:
    played = Round(PACK, seed=1)
    assert played.question_seconds == 0.0
    played.spend_time(2.5)
    played.spend_time(1.25)
    assert played.question_seconds == 3.75
    assert played.time_left() == 16.25
    assert played.time_left(5) == 15  # an explicit time still answers for that time


def test_an_answer_without_seconds_is_timed_by_the_round_clock() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(4)
    result = played.answer(played.question.answer)
    assert result.event.seconds == 4
    assert result.event.points.time_bonus == 400  # 500 x (1 - 4/20)


def test_an_answer_is_never_earlier_than_the_time_already_spent() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(10)
    result = played.answer(played.question.answer, seconds=2)
    assert result.event.seconds == 10
    assert result.event.points.time_bonus == 250  # not 450: the 10 s were spent


def test_a_later_answer_than_the_clock_counts_its_own_seconds() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(3)
    result = played.answer(played.question.answer, seconds=5)
    assert result.event.seconds == 5
    assert result.event.points.time_bonus == 375


def test_the_clock_stops_at_the_answer_and_the_next_question_starts_at_zero() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(6.5)
    played.answer(wrong_response(played.question))
    assert played.question_seconds == 6.5
    assert played.time_left() == 13.5
    played.next_question()
    assert played.question_seconds == 0.0
    assert played.time_left() == 20


def test_the_clock_never_runs_backwards() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(3)
    for bad in (-0.5, math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError, match="finite number of seconds"):
            played.spend_time(bad)
    assert played.question_seconds == 3


def test_time_passes_on_a_question_only_while_it_waits_for_its_answer() -> None:
    played = Round(build_pack(questions=1, grid="1x2"), seed=1)
    played.answer(played.question.answer, seconds=1)
    with pytest.raises(RoundError):
        played.spend_time(1)  # the verdict is shown
    played.next_question()
    assert played.phase is Phase.FINAL_GUESS
    assert played.question_seconds == 0.0
    with pytest.raises(RoundError):
        played.spend_time(1)


def test_a_wrong_guess_leaves_the_question_clock_running_and_the_end_stops_it() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(7)
    played.guess_image("Big Ben", 3)
    assert played.phase is Phase.ASKING
    assert played.question_seconds == 7
    played.guess_image(played.mystery.answer, 2)
    assert played.phase is Phase.ENDED
    assert played.question_seconds == 0.0


def test_time_is_up_when_the_clock_reaches_the_limit() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(19.5)
    assert not played.time_is_up
    played.spend_time(0.5)
    assert played.time_is_up
    assert played.time_left() == 0.0
    result = played.answer(None)
    assert result.event.timed_out
    assert result.event.seconds == 20
    assert not played.time_is_up  # answered: nothing waits any more


def test_without_a_limit_time_is_never_up() -> None:
    played = Round(PACK, seed=1, rules=ScoringRules(timer=False))
    played.spend_time(10_000)
    assert played.time_left() is None
    assert not played.time_is_up
    assert played.answer(played.question.answer).event.right


# -- kept in the snapshot ---------------------------------------------------------------


def test_the_snapshot_keeps_the_clock_of_the_waiting_question() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(0.1)
    played.spend_time(0.2)
    snapshot = played.snapshot()
    assert snapshot["version"] == SNAPSHOT_VERSION == 3
    assert snapshot["question_seconds"] == 0.1 + 0.2  # unrounded: 0.30000000000000004
    restored = through_json(played)
    assert restored.question_seconds == played.question_seconds
    assert restored.time_left() == played.time_left()


def test_a_snapshot_between_questions_has_no_clock_running() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(4)
    played.answer(played.question.answer)
    assert played.snapshot()["question_seconds"] == 0.0
    restored = through_json(played)
    assert restored.phase is Phase.FEEDBACK
    assert restored.question_seconds == 4  # the answer's own time, replayed


@given(
    seed=st.integers(min_value=0, max_value=2**32),
    ticks=st.lists(st.floats(min_value=0, max_value=4), max_size=40),
    breaks=st.sets(st.integers(min_value=0, max_value=40), max_size=4),
    right=st.booleans(),
    timer=st.booleans(),
    scale=st.sampled_from(TIME_SCALES),
    answered_at=st.one_of(st.none(), st.floats(min_value=0, max_value=70)),
)
def test_closing_the_game_mid_question_changes_neither_the_clock_nor_the_points(
    *,
    seed: int,
    ticks: list[float],
    breaks: set[int],
    right: bool,
    timer: bool,
    scale: float | None,
    answered_at: float | None,
) -> None:
    """The same play, once straight through and once closed and continued at each break."""
    rules = ScoringRules(timer=timer, time_scale=scale)
    straight = Round(LONG, seed=seed, rules=rules)
    resumed = Round(LONG, seed=seed, rules=rules)
    for n, tick in enumerate(ticks):
        if n in breaks:
            resumed = through_json(resumed)
            assert resumed.question_seconds == straight.question_seconds
        straight.spend_time(tick)
        resumed.spend_time(tick)
    resumed = through_json(resumed)
    assert resumed.question_seconds == straight.question_seconds
    assert resumed.time_left() == straight.time_left()
    assert resumed.time_is_up == straight.time_is_up

    def reply(played: Round) -> Any:
        question = played.question
        return played.answer(question.answer if right else wrong_response(question), answered_at)

    assert reply(resumed).event == reply(straight).event
    assert (resumed.score, resumed.breakdown) == (straight.score, straight.breakdown)


def test_a_version_1_snapshot_still_restores_with_the_question_afresh() -> None:
    played = Round(PACK, seed=5)
    played.answer(played.question.answer, seconds=3)
    played.next_question()
    played.spend_time(12)
    old = {key: value for key, value in played.snapshot().items() if key != "question_seconds"}
    old["version"] = 1
    restored = Round.restore(PACK, old)
    assert restored.answers == played.answers
    assert restored.question == played.question
    assert restored.question_seconds == 0.0


@pytest.mark.parametrize("clock", ["12", -1.0, math.nan, math.inf, True, None, [3]])
def test_a_damaged_clock_in_a_snapshot_is_refused(clock: object) -> None:
    snapshot = {**Round(PACK, seed=1).snapshot(), "question_seconds": clock}
    with pytest.raises(ValueError, match="bad question clock"):
        Round.restore(PACK, snapshot)


@pytest.mark.parametrize("version", [0, 4, True, "3", None])
def test_a_snapshot_of_an_unknown_version_is_refused(version: object) -> None:
    snapshot = {**Round(PACK, seed=1).snapshot(), "version": version}
    with pytest.raises(ValueError, match="does not belong"):
        Round.restore(PACK, snapshot)


def test_a_question_saved_at_its_limit_comes_back_with_no_time_left() -> None:
    played = Round(PACK, seed=1)
    played.spend_time(25)  # a stalled frame can carry the clock past the limit
    restored = through_json(played)
    assert restored.phase is Phase.ASKING
    assert restored.time_is_up
    assert restored.time_left() == 0.0
    late = restored.answer(restored.question.answer)
    assert late.event.timed_out
    assert late.event.seconds == 25
    assert restored.score == 0
