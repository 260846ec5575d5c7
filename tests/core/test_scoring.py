"""Scoring: base, Kahoot time bonus, capped streak bonus, image bonus and the wrong-guess cost.

Expected figures are worked out by hand from the default rules: base 500, streak step 100
capped at 500, image 1000 + 200 a hidden tile, a wrong guess costs 300. Extra time (the
time scale) stretches the limit the time bonus is measured against; no limit earns a
fixed half of the bonus.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core import scoring
from clarity.core.scoring import (
    TIME_SCALES,
    ScoringRules,
    answer_points,
    best_possible_score,
    combined_time_scale,
    image_guess_points,
    streak_bonus,
    stretched_limit,
    time_bonus,
)

RULES = ScoringRules()
NO_TIMER = ScoringRules(timer=False)
NO_STREAKS = ScoringRules(streaks=False)
DOUBLE = ScoringRules(time_scale=2.0)
NO_LIMIT = ScoringRules(time_scale=None)


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
            time_scale=1.0,
        )
        == RULES
    )
    assert TIME_SCALES == (1.0, 1.5, 2.0, 3.0, None)


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
        time_scale=st.sampled_from(TIME_SCALES),
    ),
)
def test_best_possible_is_the_most_any_play_can_earn(
    limits: list[int | None], tiles: int, rules: ScoringRules
) -> None:
    effective = limits if rules.timer else [None] * len(limits)
    assert best_possible_score(effective, tiles, rules) == brute_force_best(effective, tiles, rules)


@pytest.mark.parametrize(
    ("streak_step", "streak_cap"), [(0, 500), (1, 500), (1, 3), (7, 20), (100, 500), (600, 500)]
)
@pytest.mark.parametrize("tiles", [2, 3, 5])
def test_best_possible_is_the_most_any_play_can_earn_at_any_streak_step(
    streak_step: int, streak_cap: int, tiles: int
) -> None:
    # Questions of different worth, so the best is weighed play by play, at every step
    # including none and a step of a single point.
    rules = ScoringRules(streak_step=streak_step, streak_cap=streak_cap)
    limits: list[int | None] = [None, 20, 5, None, 60, 20]
    assert best_possible_score(limits, tiles, rules) == brute_force_best(limits, tiles, rules)


@pytest.mark.parametrize("limit", [0.5, 1, 1.5])
def test_a_limit_of_a_second_or_less_is_still_a_limit(limit: float) -> None:
    assert stretched_limit(limit, RULES) == limit
    assert time_bonus(0, limit, RULES) == 500
    assert right_at(limit * 2, limit) == 0  # late


# -- extra time: the time scale ---------------------------------------------------------


@pytest.mark.parametrize(("seconds", "bonus"), [(0, 500), (10, 375), (20, 250), (30, 125), (40, 0)])
def test_with_double_time_the_bonus_is_measured_against_twice_the_limit(
    seconds: float, bonus: int
) -> None:
    # 500 x (1 - t / (2 x 20)): at 10 s of a 20 s question, 500 x (1 - 10/40) = 375.
    assert time_bonus(seconds, 20, DOUBLE) == bonus
    assert right_at(seconds, 20, rules=DOUBLE) == 500 + bonus


@given(
    limit=st.integers(min_value=5, max_value=300),
    share=st.floats(min_value=0, max_value=1),
    scale=st.sampled_from([1.0, 1.5, 2.0, 3.0, 1.25, 4.5]),
)
def test_with_extra_time_the_bonus_follows_t_over_the_stretched_limit(
    limit: int, share: float, scale: float
) -> None:
    seconds = share * limit * scale
    expected = 500 * (1 - seconds / (scale * limit))
    assert abs(time_bonus(seconds, limit, ScoringRules(time_scale=scale)) - expected) <= 0.5


@given(
    limit=st.integers(min_value=5, max_value=300),
    seconds=st.floats(min_value=0, max_value=300),
    streak=st.integers(min_value=1, max_value=8),
)
def test_extra_time_costs_no_points(limit: int, seconds: float, streak: int) -> None:
    # Twice the time for the same share of the limit earns exactly the same points.
    assert answer_points(
        right=True, seconds=2 * seconds, time_limit=limit, streak=streak, rules=DOUBLE
    ) == answer_points(right=True, seconds=seconds, time_limit=limit, streak=streak, rules=RULES)


def test_with_extra_time_an_answer_is_late_only_after_the_stretched_limit() -> None:
    assert right_at(25, 20, rules=DOUBLE) == 500 + 188  # late at x1, in time at x2
    assert right_at(40, 20, rules=DOUBLE) == 500  # at the stretched limit: still in time
    assert right_at(40.001, 20, rules=DOUBLE) == 0
    assert right_at(30, 20, rules=ScoringRules(time_scale=1.5)) == 500
    assert right_at(30.001, 20, rules=ScoringRules(time_scale=1.5)) == 0


def test_the_stretched_limit_is_the_limit_times_the_scale() -> None:
    assert stretched_limit(20, RULES) == 20
    assert stretched_limit(20, ScoringRules(time_scale=1.5)) == 30
    assert stretched_limit(25, ScoringRules(time_scale=1.5)) == 37.5
    assert stretched_limit(20, ScoringRules(time_scale=3.0)) == 60
    assert stretched_limit(20, NO_LIMIT) is None
    assert stretched_limit(None, DOUBLE) is None
    assert stretched_limit(20, ScoringRules(timer=False, time_scale=2.0)) is None


@pytest.mark.parametrize("seconds", [0, 0.5, 10, 20, 21, 300, 10_000])
def test_with_no_limit_a_right_answer_earns_half_the_time_bonus_whenever_given(
    seconds: float,
) -> None:
    points = answer_points(right=True, seconds=seconds, time_limit=20, streak=3, rules=NO_LIMIT)
    assert (points.base, points.time_bonus, points.streak_bonus) == (500, 250, 200)


def test_the_no_limit_bonus_is_half_of_whatever_base_the_rules_give() -> None:
    assert time_bonus(7, 20, ScoringRules(base=800, time_scale=None)) == 400
    assert time_bonus(7, 20, ScoringRules(base=1000, time_scale=None)) == 500


def test_with_no_limit_a_question_without_a_limit_still_earns_no_time_bonus() -> None:
    # Nobody gets a time bonus there, so no limit gives none either.
    assert right_at(3, None, rules=NO_LIMIT) == 500


def test_with_the_timer_off_no_limit_earns_no_time_bonus() -> None:
    assert right_at(3, 20, rules=ScoringRules(timer=False, time_scale=None)) == 500
    assert right_at(3, 20, rules=ScoringRules(timer=False, time_scale=2.0)) == 500


@given(limit=st.integers(min_value=5, max_value=300), seconds=st.floats(0, 10_000))
def test_no_limit_earns_what_an_answer_at_half_the_limit_earns(limit: int, seconds: float) -> None:
    assert time_bonus(seconds, limit, NO_LIMIT) == time_bonus(limit / 2, limit, RULES)


def test_extra_time_leaves_the_best_possible_score_as_it_is() -> None:
    for scale in (1.5, 2.0, 3.0):
        rules = ScoringRules(time_scale=scale)
        assert best_possible_score([20, 20, 20], 2, rules) == 3100
        assert best_possible_score([20, 20], 20, rules) == 6700


def test_with_no_limit_the_best_possible_counts_half_the_time_bonus() -> None:
    # 750, then 750 + 100 streak, then the guess with none hidden: 1000.
    assert best_possible_score([20, 20, 20], 2, NO_LIMIT) == 2600
    # An untimed question is worth 500 and the timed ones 750: no reason to pass one over.
    assert best_possible_score([None, 20, 20], 2, NO_LIMIT) == 750 + 850 + 1000


@given(
    limits=st.lists(st.sampled_from([None, 5, 20, 60]), min_size=1, max_size=6),
    tiles=st.integers(min_value=2, max_value=6),
    shares=st.lists(st.floats(min_value=0, max_value=1), min_size=6, max_size=6),
)
def test_medal_thresholds_follow_the_stretched_limit(
    limits: list[int | None], tiles: int, shares: list[float]
) -> None:
    # The same shares of the limit earn the same share of the best possible at x1 and x2,
    # so every medal threshold (a share of the best possible) is reached alike.
    def share_of_best(rules: ScoringRules) -> float:
        scale = rules.time_scale or 1.0
        earned = sum(
            answer_points(
                right=True,
                seconds=share * (limit or 0) * scale,
                time_limit=limit,
                streak=1,
                rules=rules,
            ).total
            for limit, share in zip(limits, shares, strict=False)
        )
        return earned / best_possible_score(limits, tiles, rules)

    assert share_of_best(DOUBLE) == share_of_best(RULES)


@pytest.mark.parametrize(
    ("class_scale", "player_scale", "combined"),
    [
        (1.0, 1.0, 1.0),
        (1.0, 1.5, 1.5),
        (1.5, 2.0, 3.0),
        (2.0, 3.0, 6.0),
        (3.0, 1.0, 3.0),
        (None, 2.0, None),
        (1.5, None, None),
        (None, None, None),
    ],
)
def test_the_class_setting_and_a_players_extra_time_multiply_and_no_limit_wins(
    class_scale: float | None, player_scale: float | None, combined: float | None
) -> None:
    assert combined_time_scale(class_scale, player_scale) == combined
    assert combined_time_scale(player_scale, class_scale) == combined


@pytest.mark.parametrize("bad", [0, -1.5, math.nan, math.inf, True, "2", [2]])
def test_a_time_scale_must_be_a_number_above_zero_or_none(bad: object) -> None:
    with pytest.raises(ValueError, match="time scale"):
        ScoringRules(time_scale=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="time scale"):
        combined_time_scale(1.0, bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="time scale"):
        combined_time_scale(bad, None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    [
        "time_bonus",
        "streak_bonus",
        "answer_points",
        "image_guess_points",
        "stretched_limit",
        "combined_time_scale",
    ],
)
def test_scoring_functions_are_documented(name: str) -> None:
    assert getattr(scoring, name).__doc__
