"""The round medal: measured against the best the round could have scored by its end."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core.events import RoundOutcome, RoundSummary
from clarity.core.round import Phase, Round
from clarity.core.scoring import ScoringRules
from clarity.core.trophies import (
    MEDAL_SHARES,
    Tier,
    TrophyTracker,
    medal_for,
    medal_percent,
    medal_points,
    medal_share,
    medal_yardstick,
)

from .factories import MYSTERY_ANSWER, build_pack, right_response, wrong_response
from .test_round import TIGHT, actions, packs, play, rule_sets, seeds
from .test_scoring import brute_force_best
from .test_trophies import summary

TEN = build_pack(questions=10, grid="4x5", time_limit=20)


def finished(played: Round) -> RoundSummary:
    assert played.phase is Phase.ENDED
    assert played.summary is not None
    return played.summary


def answer_right(played: Round, seconds: float = 0.0) -> None:
    assert played.question is not None
    played.answer(right_response(played.question), seconds)


def test_a_right_guess_at_once_scores_all_there_was_and_wins_gold() -> None:
    tracker = TrophyTracker()
    played = Round(TEN, seed=1, observers=[tracker])
    played.guess_image(MYSTERY_ANSWER, 0.8)
    summary = finished(played)
    assert summary.score == summary.best_by_end == 1000 + 20 * 200
    assert medal_share(summary) == 1.0
    assert medal_percent(summary) == 100
    assert tracker.medal is Tier.GOLD
    assert summary.share_of_best < 0.35  # against the whole round it would win nothing


def test_a_question_in_view_but_not_answered_is_not_in_the_measure() -> None:
    """Guessing at the feedback of an answer, or after moving on to the next question,
    is the same moment of the round: the next question was not answered in either."""
    at_feedback = Round(TEN, seed=2)
    answer_right(at_feedback, 3)
    at_feedback.guess_image(MYSTERY_ANSWER, 1)
    moved_on = Round(TEN, seed=2)
    answer_right(moved_on, 3)
    moved_on.next_question()
    moved_on.spend_time(4.0)
    moved_on.guess_image(MYSTERY_ANSWER, 1)
    first, second = finished(at_feedback), finished(moved_on)
    assert first.best_by_end == second.best_by_end == 1000 + (1000 + 19 * 200)
    assert medal_share(first) == medal_share(second)


def test_a_timeout_counts_as_an_answered_question() -> None:
    played = Round(TEN, seed=3)
    played.answer(None, 20.5)
    played.next_question()
    played.guess_image(MYSTERY_ANSWER, 1)
    summary = finished(played)
    # the best play of that one question: right at once (1000), then 19 tiles hidden
    assert summary.best_by_end == 1000 + 1000 + 19 * 200
    assert summary.score == 1000 + 20 * 200


def test_a_round_that_asked_every_question_is_measured_against_the_whole_round() -> None:
    played = Round(build_pack(questions=4, grid="4x5"), seed=4)
    for _ in range(4):
        answer_right(played, 2)
        played.next_question()
    assert played.phase is Phase.FINAL_GUESS
    played.guess_image("Big Ben", 1)  # the final guess: wrong, it costs nothing and ends
    summary = finished(played)
    assert summary.outcome is RoundOutcome.MISSED
    assert summary.best_by_end == summary.best_possible
    assert summary.penalty_waived == 0


def test_wrong_guesses_the_floor_let_off_count_in_full_for_the_medal() -> None:
    played = Round(TEN, seed=5)
    for _ in range(3):
        played.guess_image("Big Ben", 1)  # the score is 0: each costs the score nothing
    played.guess_image(MYSTERY_ANSWER, 1)
    summary = finished(played)
    assert summary.score == 5000
    assert summary.breakdown.penalty == 0
    assert summary.penalty_waived == 900
    assert medal_points(summary) == 4100
    assert medal_share(summary) == pytest.approx(0.82)


def test_only_the_part_of_a_penalty_the_floor_let_off_is_waived() -> None:
    played = Round(build_pack(questions=4, grid="4x5", time_limit=None), seed=6)
    answer_right(played)  # no limit: the base only, 500
    played.guess_image("Big Ben", 1)  # costs the whole 300: 200 left
    played.guess_image("Big Ben", 1)  # costs 200 of its 300
    played.guess_image(MYSTERY_ANSWER, 1)
    summary = finished(played)
    assert [g.points.penalty for g in summary.guesses] == [300, 200, 0]
    assert summary.penalty_waived == 100
    assert medal_points(summary) == summary.score - 100


@given(pack=packs, seed=seeds, rules=rule_sets, steps=actions)
def test_the_measure_is_the_best_play_of_the_questions_answered(
    pack, seed: int, rules: ScoringRules, steps
) -> None:
    """Whatever is played, the measure is the most any play of the answered questions,
    at once, could earn (an oracle that tries every right/wrong pattern), the medal's
    points never exceed it, and the shown percent agrees with the medal."""
    played = Round(pack, seed=seed, rules=rules)
    for kind, seconds in steps:
        play(played, kind, seconds)
    if played.phase is not Phase.ENDED:
        played.guess_image(MYSTERY_ANSWER, 1.0)
    summary = finished(played)
    limits = [
        pack.time_limit_for(pack.questions[a.question_index]) if rules.timer else None
        for a in summary.answers
    ]
    assert summary.best_by_end == brute_force_best(limits, summary.total_tiles, rules)
    assert summary.best_by_end <= summary.best_possible
    assert 0 <= medal_points(summary) <= summary.score <= summary.best_by_end
    assert 0.0 <= medal_share(summary) <= 1.0
    medal = medal_for(summary)
    for tier, threshold in MEDAL_SHARES:
        won = medal is not None and medal_rank(medal) >= medal_rank(tier)
        assert won == (medal_percent(summary) >= round(100 * threshold))


@given(seed=seeds, answered=st.integers(min_value=0, max_value=7))
def test_every_answer_right_at_once_then_the_guess_is_a_share_of_one(
    seed: int, answered: int
) -> None:
    """Perfect play up to any moment: each answer right at once (where every question is
    worth the same, that is the best play), then the right guess."""
    played = Round(build_pack(questions=7, grid="2x3"), seed=seed)
    for _ in range(answered):
        if played.phase is not Phase.ASKING:
            break
        answer_right(played)
        played.next_question()
    played.guess_image(MYSTERY_ANSWER, 2.0)
    summary = finished(played)
    assert medal_share(summary) == 1.0
    assert medal_for(summary) is Tier.GOLD


def test_wrong_answers_are_measured_against_the_right_ones_they_could_have_been() -> None:
    played = Round(TEN, seed=8)
    for _ in range(5):
        assert played.question is not None
        played.answer(wrong_response(played.question), 2)
        played.next_question()
    played.guess_image(MYSTERY_ANSWER, 1)
    summary = finished(played)
    # five right at once: 1000 + 1100 + 1200 + 1300 + 1400, then the guess with 15 hidden
    assert summary.best_by_end == 6000 + 1000 + 15 * 200
    assert summary.score == 5000
    assert medal_for(summary) is Tier.BRONZE  # 50%


def test_passing_a_question_over_is_weighed_when_tiles_are_short() -> None:
    """TIGHT: two tiles; a question without a limit earns 500 at once, one with a limit
    1000. Passing the first kind over keeps a tile for the second: the best play, so a
    player who does exactly that has played perfectly (a share of 1, not above it)."""
    seed = next(s for s in range(100) if Round(TIGHT, seed=s).time_limit is None)
    played = Round(TIGHT, seed=seed)
    while played.phase is Phase.ASKING:
        question = played.question
        assert question is not None
        if played.time_limit is None:
            played.answer(wrong_response(question), 0.0)
        else:
            played.answer(right_response(question), 0.0)
        played.next_question()
    played.guess_image(MYSTERY_ANSWER, 1)
    summary = finished(played)
    assert summary.wrong >= 1
    assert summary.right == 2
    limits = [TIGHT.time_limit_for(TIGHT.questions[a.question_index]) for a in summary.answers]
    assert summary.best_by_end == brute_force_best(limits, 2, ScoringRules())
    assert summary.score == summary.best_by_end
    assert medal_share(summary) == 1.0


# -- the measure in a summary ---------------------------------------------------------------


def summary_of(score: int, *, best: int = 20_000, by_end: int | None = 10_000, waived: int = 0):
    """test_trophies' round summary, with the medal's measure by the end of the round."""
    return replace(summary(score, best), best_by_end=by_end, penalty_waived=waived)


def test_the_medal_goes_by_the_best_by_the_end_not_the_whole_round() -> None:
    summary = summary_of(6_000, best=20_000, by_end=10_000)
    assert medal_yardstick(summary) == 10_000
    assert medal_for(summary) is Tier.SILVER  # 60%
    # a summary made without the measure falls back on the whole round's best
    assert medal_yardstick(replace(summary, best_by_end=None)) == 20_000
    assert medal_for(replace(summary, best_by_end=None)) is None  # 30%
    assert medal_for(replace(summary, best_by_end=None, score=7_000)) is Tier.BRONZE  # 35%


def test_the_percent_shown_is_rounded_down_to_the_medal_it_reached() -> None:
    assert medal_percent(summary_of(3_499)) == 34  # 34.99%: no bronze, so not "35%"
    assert medal_for(summary_of(3_499)) is None
    assert medal_percent(summary_of(3_500)) == 35
    assert medal_for(summary_of(3_500)) is Tier.BRONZE
    assert medal_percent(summary_of(7_499)) == 74
    assert medal_for(summary_of(7_499)) is Tier.SILVER


def test_waived_penalties_lower_the_medal_but_never_below_zero() -> None:
    assert medal_points(summary_of(5_000, waived=900)) == 4_100
    assert medal_points(summary_of(200, waived=900)) == 0
    assert medal_share(summary_of(200, waived=900)) == 0.0


def test_no_medal_and_no_share_when_there_is_nothing_to_measure_against() -> None:
    summary = summary_of(100, best=0, by_end=0)
    assert medal_share(summary) == 0.0
    assert medal_percent(summary) == 0
    assert medal_for(summary) is None


def medal_rank(tier: Tier) -> int:
    return [t for t, _ in sorted(MEDAL_SHARES, key=lambda item: item[1])].index(tier)
