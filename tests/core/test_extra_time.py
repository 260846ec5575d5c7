"""A round with extra time (the rules' time scale): the stretched limit everywhere, no
countdown with no limit, the same points for the same share of the time, and snapshots
that keep the scale."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core.events import QuestionAsked
from clarity.core.round import Phase, Round
from clarity.core.scoring import ScoringRules

from .factories import MYSTERY_ANSWER, build_pack, right_response, wrong_response

# Eight typed questions of 20 s on a 4x5 grid; MIXED has a question without a limit too.
PACK = build_pack(questions=8, grid="4x5", time_limit=20)
MIXED = build_pack(questions=4, grid="2x2", time_limit=None, question_limits=[20, None, 30, 20])
DOUBLE = ScoringRules(time_scale=2.0)
NO_LIMIT = ScoringRules(time_scale=None)


def through_json(played: Round) -> Round:
    return Round.restore(played.pack, json.loads(json.dumps(played.snapshot(), allow_nan=False)))


def test_the_round_gives_the_stretched_limit() -> None:
    asked: list[Any] = []
    played = Round(PACK, seed=1, rules=ScoringRules(time_scale=1.5), observers=[asked.append])
    assert played.time_limit == 30
    assert played.time_left() == 30
    played.spend_time(12)
    assert played.time_left() == 18
    assert asked[0] == QuestionAsked(1, asked[0].question_index, asked[0].question_id, 30)


def test_time_is_up_only_at_the_stretched_limit() -> None:
    played = Round(PACK, seed=1, rules=DOUBLE)
    played.spend_time(25)  # past the pack's 20 s
    assert not played.time_is_up
    assert played.time_left() == 15
    played.spend_time(15)
    assert played.time_is_up
    assert played.time_left() == 0.0


def test_an_answer_after_the_pack_limit_but_within_the_stretched_one_is_in_time() -> None:
    played = Round(PACK, seed=1, rules=DOUBLE)
    result = played.answer(right_response(played.question), seconds=30)
    assert result.event.right
    assert not result.event.timed_out
    assert result.event.points.time_bonus == 125  # 500 x (1 - 30/40)
    played.next_question()
    late = played.answer(right_response(played.question), seconds=40.001)
    assert late.event.timed_out
    assert late.event.points.total == 0


def test_what_an_answer_is_worth_now_counts_the_whole_bonus_with_extra_time() -> None:
    assert Round(PACK, seed=1, rules=DOUBLE).answer_worth() == 1000
    assert Round(PACK, seed=1, rules=NO_LIMIT).answer_worth() == 750


def test_with_no_limit_there_is_no_countdown() -> None:
    asked: list[Any] = []
    played = Round(PACK, seed=1, rules=NO_LIMIT, observers=[asked.append])
    assert played.time_limit is None
    played.spend_time(10_000)
    assert played.time_left() is None
    assert not played.time_is_up
    assert asked[0].time_limit is None
    result = played.answer(right_response(played.question))
    assert result.event.right
    assert not result.event.timed_out
    assert result.event.seconds == 10_000
    assert result.event.points.time_bonus == 250


def play_by(played: Round, when: Callable[[int, int], float], rights: list[bool]) -> None:
    """Answer the n-th question (0-based) after ``when(n, its own limit or 0)`` seconds,
    right or not as ``rights[n]`` says, then guess the picture."""
    for n, right in enumerate(rights):
        question = played.question
        if played.phase is not Phase.ASKING or question is None:
            break
        seconds = when(n, played.pack.time_limit_for(question) or 0)
        played.answer(right_response(question) if right else wrong_response(question), seconds)
        played.next_question()
    played.guess_image(MYSTERY_ANSWER, 1)


@given(
    seed=st.integers(min_value=0, max_value=2**32),
    per_mille=st.lists(st.integers(min_value=0, max_value=1000), min_size=4, max_size=4),
    rights=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_twice_the_time_for_the_same_share_of_it_scores_the_same(
    seed: int, per_mille: list[int], rights: list[bool]
) -> None:
    # Each answer at the same share of its limit (in whole milliseconds, as the round
    # keeps time): the x2 player takes twice as long. The question without a limit
    # (MIXED's second) is answered at once by both.
    single = Round(MIXED, seed=seed)
    double = Round(MIXED, seed=seed, rules=DOUBLE)
    play_by(single, lambda n, limit: limit * per_mille[n] / 1000, rights)
    play_by(double, lambda n, limit: 2 * limit * per_mille[n] / 1000, rights)
    assert single.summary is not None
    assert double.summary is not None
    assert double.score == single.score
    assert double.best_possible == single.best_possible
    assert double.summary.share_of_best == single.summary.share_of_best


@given(
    seed=st.integers(min_value=0, max_value=2**32),
    times=st.lists(st.floats(min_value=0, max_value=5_000), min_size=4, max_size=4),
    rights=st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_no_limit_scores_as_answering_at_half_the_limit(
    seed: int, times: list[float], rights: list[bool]
) -> None:
    single = Round(MIXED, seed=seed)
    unlimited = Round(MIXED, seed=seed, rules=NO_LIMIT)
    play_by(single, lambda _, limit: limit / 2, rights)
    play_by(unlimited, lambda n, _: times[n], rights)
    assert unlimited.score == single.score
    assert [a.points for a in unlimited.answers] == [a.points for a in single.answers]


def test_with_no_limit_the_best_possible_counts_the_fixed_bonus() -> None:
    # Four questions on four tiles, three with a limit (750 each at once with no limit)
    # and one without (500); streak 0 + 100 + 200 + 300; the guess with none hidden 1000.
    played = Round(MIXED, seed=3, rules=NO_LIMIT)
    assert played.best_possible == 3 * 750 + 500 + 600 + 1000
    assert Round(MIXED, seed=3, rules=DOUBLE).best_possible == Round(MIXED, seed=3).best_possible


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0, 3.0, None])
def test_the_snapshot_keeps_the_time_scale(scale: float | None) -> None:
    played = Round(PACK, seed=2, rules=ScoringRules(time_scale=scale))
    played.answer(right_response(played.question), seconds=27)
    played.next_question()
    played.spend_time(21)
    assert played.snapshot()["rules"]["time_scale"] == scale
    restored = through_json(played)
    assert restored.rules.time_scale == scale
    assert restored.answers == played.answers
    assert restored.time_left() == played.time_left()
    assert restored.time_is_up == played.time_is_up


@pytest.mark.parametrize("version", [1, 2])
def test_a_snapshot_saved_before_the_time_scale_restores_at_x1(version: int) -> None:
    played = Round(PACK, seed=2)
    played.answer(right_response(played.question), seconds=4)
    old = played.snapshot()
    old["version"] = version
    old["rules"] = {k: v for k, v in old["rules"].items() if k != "time_scale"}
    restored = Round.restore(PACK, old)
    assert restored.rules == ScoringRules()
    assert restored.rules.time_scale == 1.0
    assert restored.score == played.score


@pytest.mark.parametrize("scale", [0, -2, "2", True])
def test_a_snapshot_with_a_damaged_time_scale_is_refused(scale: object) -> None:
    snapshot = Round(PACK, seed=1).snapshot()
    snapshot["rules"] = {**snapshot["rules"], "time_scale": scale}
    with pytest.raises(ValueError, match="bad rules"):
        Round.restore(PACK, snapshot)


def test_a_question_with_its_stretched_time_used_up_is_timed_out_on_restore() -> None:
    played = Round(PACK, seed=1, rules=DOUBLE)
    played.spend_time(39)
    assert not through_json(played).time_is_up
    played.spend_time(1)
    assert through_json(played).time_is_up
