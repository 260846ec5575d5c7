"""Scoring: base, Kahoot time bonus, capped streak bonus, image bonus and the wrong-guess cost.

Expected figures are worked out by hand from the default rules: base 500, streak step 100
capped at 500, image 1000 + 200 a hidden tile, a wrong guess costs 300.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core import scoring
from clarity.core.scoring import (
    ScoringRules,
    answer_points,
    best_possible_score,
    image_guess_points,
    streak_bonus,
    time_bonus,
)

RULES = ScoringRules()
NO_TIMER = ScoringRules(timer=False)
NO_STREAKS = ScoringRules(streaks=False)


def kahoot(seconds: float, limit: float) -> float:
    """Kahoot's published rule: 1000 x (1 - (t/T)/2)."""
    return 1000 * (1 - (seconds / limit) / 2)


def right_at(seconds: float, limit: float | None, streak: int = 1, rules=RULES) -> int:
    return answer_points(
        right=True, seconds=seconds, time_limit=limit, streak=streak, rules=rules
    ).total


def test_default_figures_are_the_documented_ones() -> None:
    assert (
        ScoringRules(
            base=500,
            streak_step=100,
            streak_cap=500,
            image_base=1000,
            image_per_hidden_tile=200,
            wrong_guess_penalty=300,
            timer=True,
            streaks=True,
        )
        == RULES
    )


@pytest.mark.parametrize(
    ("seconds", "limit", "points"),
    [(0, 20, 1000), (5, 20, 875), (10, 20, 750), (15, 20, 625), (3, 30, 950), (20, 20, 500)],
)
def test_right_answer_earns_kahoot_points(seconds: float, limit: int, points: int) -> None:
    assert right_at(seconds, limit) == points == kahoot(seconds, limit)


def test_right_answer_splits_into_base_and_time_bonus() -> None:
    points = answer_points(right=True, seconds=5, time_limit=20, streak=1, rules=RULES)
    assert (points.base, points.time_bonus, points.streak_bonus) == (500, 375, 0)


@given(
    limit=st.integers(min_value=5, max_value=300),
    share=st.floats(min_value=0, max_value=1),
)
def test_time_bonus_follows_kahoot_within_rounding(limit: int, share: float) -> None:
    seconds = share * limit
    assert abs(right_at(seconds, limit) - kahoot(seconds, limit)) <= 1


@given(
    limit=st.integers(min_value=5, max_value=300),
    a=st.floats(min_value=0, max_value=400),
    b=st.floats(min_value=0, max_value=400),
)
def test_a_slower_answer_never_earns_a_bigger_time_bonus(limit: int, a: float, b: float) -> None:
    quick, slow = sorted((a, b))
    assert time_bonus(quick, limit, RULES) >= time_bonus(slow, limit, RULES)
    assert 0 <= time_bonus(slow, limit, RULES) <= RULES.base


def test_answer_at_the_time_limit_earns_the_base() -> None:
    # Kahoot's rule at t = T: 1000 x (1 - 1/2) = 500, the base with no time bonus.
    points = answer_points(right=True, seconds=20, time_limit=20, streak=1, rules=RULES)
    assert (points.base, points.time_bonus) == (500, 0)


def test_answer_after_the_time_limit_earns_nothing() -> None:
    assert right_at(20.001, 20) == 0
    assert right_at(21, 20, streak=4) == 0


def test_without_a_time_limit_a_right_answer_earns_the_base_only() -> None:
    assert right_at(0, None) == 500
    assert right_at(999, None) == 500


def test_time_bonus_switched_off_leaves_the_base() -> None:
    assert time_bonus(0, 20, NO_TIMER) == 0
    assert right_at(0, 20, rules=NO_TIMER) == 500
    assert right_at(5, 20, streak=3, rules=NO_TIMER) == 700


def test_with_the_timer_off_a_slow_answer_is_not_late() -> None:
    assert right_at(45, 20, rules=NO_TIMER) == 500


def test_wrong_answer_earns_nothing() -> None:
    points = answer_points(right=False, seconds=1, time_limit=20, streak=0, rules=RULES)
    assert points.total == 0
    assert points == scoring.Points()


@pytest.mark.parametrize(
    ("streak", "bonus"),
    [(0, 0), (1, 0), (2, 100), (3, 200), (5, 400), (6, 500), (7, 500), (50, 500)],
)
def test_streak_bonus_grows_by_a_step_per_right_answer_up_to_the_cap(
    streak: int, bonus: int
) -> None:
    assert streak_bonus(streak, RULES) == bonus


def test_streak_bonus_is_added_to_a_right_answer() -> None:
    # 5 s of 20: 875, third in a row: +200.
    points = answer_points(right=True, seconds=5, time_limit=20, streak=3, rules=RULES)
    assert (points.base, points.time_bonus, points.streak_bonus, points.total) == (
        500,
        375,
        200,
        1075,
    )


def test_streak_bonus_switched_off_gives_none() -> None:
    assert streak_bonus(4, NO_STREAKS) == 0
    assert right_at(0, 20, streak=4, rules=NO_STREAKS) == 1000


@given(st.integers(min_value=0, max_value=1000))
def test_streak_bonus_never_exceeds_the_cap_and_never_shrinks(streak: int) -> None:
    assert 0 <= streak_bonus(streak, RULES) <= RULES.streak_cap
    assert streak_bonus(streak + 1, RULES) >= streak_bonus(streak, RULES)


@pytest.mark.parametrize(("hidden", "bonus"), [(20, 5000), (12, 3400), (1, 1200), (0, 1000)])
def test_guessing_the_image_earns_a_bonus_for_every_hidden_tile(hidden: int, bonus: int) -> None:
    for final in (False, True):
        points = image_guess_points(right=True, hidden_tiles=hidden, final=final, rules=RULES)
        assert points.image_bonus == points.total == bonus


def test_wrong_guess_before_the_end_costs_the_stated_penalty() -> None:
    points = image_guess_points(right=False, hidden_tiles=12, final=False, rules=RULES)
    assert points.penalty == RULES.wrong_guess_penalty == 300
    assert points.total == -300


def test_wrong_final_guess_costs_nothing_more() -> None:
    points = image_guess_points(right=False, hidden_tiles=5, final=True, rules=RULES)
    assert points.total == 0


def test_best_possible_is_every_question_right_at_once_then_the_guess() -> None:
    # Two tiles: 1000, then 1000 + 100 streak, then the guess with none hidden: 1000.
    assert best_possible_score([20, 20, 20], 2, RULES) == 3100


def test_best_possible_counts_the_tiles_still_hidden_when_questions_run_out() -> None:
    # Two questions, twenty tiles: 1000 + 1100, then the guess with 18 hidden: 1000 + 3600.
    assert best_possible_score([20, 20], 20, RULES) == 6700


def test_best_possible_follows_the_switches() -> None:
    assert best_possible_score([None, None, None], 2, RULES) == 500 + 600 + 1000
    assert best_possible_score([20, 20, 20], 2, NO_STREAKS) == 1000 + 1000 + 1000


def test_best_possible_may_pass_over_a_question_worth_less() -> None:
    # A question without a limit is worth 500; answering it wrong keeps its tile for two
    # timed questions: 1000 + 1100 + 1000 = 3100, more than 500 + 1100 + 1000 = 2600.
    assert best_possible_score([None, 20, 20], 2, RULES) == 3100


def brute_force_best(limits: list[int | None], tiles: int, rules: ScoringRules) -> int:
    """Try every right/wrong pattern, guessing the image at every moment; the highest score."""
    best = 0
    for pattern in itertools.product((True, False), repeat=len(limits)):
        score, streak, uncovered = 0, 0, 0
        best = max(best, score + rules.image_base + rules.image_per_hidden_tile * tiles)
        for right, limit in zip(pattern, limits, strict=True):
            if uncovered == tiles:
                break
            streak = streak + 1 if right else 0
            score += answer_points(
                right=right, seconds=0, time_limit=limit, streak=streak, rules=rules
            ).total
            uncovered += right
            hidden = tiles - uncovered
            best = max(best, score + rules.image_base + rules.image_per_hidden_tile * hidden)
    return best


@given(
    limits=st.lists(st.sampled_from([None, 5, 20, 60]), min_size=1, max_size=7),
    tiles=st.integers(min_value=2, max_value=8),
    rules=st.builds(
        ScoringRules,
        timer=st.booleans(),
        streaks=st.booleans(),
        streak_step=st.sampled_from([0, 100, 150]),
        streak_cap=st.sampled_from([0, 250, 500]),
    ),
)
def test_best_possible_is_the_most_any_play_can_earn(
    limits: list[int | None], tiles: int, rules: ScoringRules
) -> None:
    effective = limits if rules.timer else [None] * len(limits)
    assert best_possible_score(effective, tiles, rules) == brute_force_best(effective, tiles, rules)


@pytest.mark.parametrize(
    "name", ["time_bonus", "streak_bonus", "answer_points", "image_guess_points"]
)
def test_scoring_functions_are_documented(name: str) -> None:
    assert getattr(scoring, name).__doc__
