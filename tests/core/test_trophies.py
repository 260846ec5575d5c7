"""Trophies: definitions as data, a tracker that observes a round's events, lasting trophies."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clarity.core.events import (
    AnswerGiven,
    ImageGuessed,
    Points,
    RoundEnded,
    RoundOutcome,
    RoundSummary,
    TileUncovered,
)
from clarity.core.round import Round
from clarity.core.trophies import (
    FLAWLESS_MIN_ANSWERS,
    HOT_STREAK,
    QUICK_THINKER_MIN_ANSWERS,
    QUICK_THINKER_SECONDS,
    TROPHIES,
    PlayerStats,
    Tier,
    TrophyDef,
    TrophyTracker,
    lasting_progress,
    medal_for,
    medal_percent,
    medal_share,
    newly_earned_lasting,
    trophy_by_id,
)

from .factories import MYSTERY_ANSWER

PER_ROUND = {
    "gold-medal",
    "silver-medal",
    "bronze-medal",
    "first-light",
    "hot-streak",
    "flawless",
    "sharp-eye",
    "quick-thinker",
}
LASTING = {
    "scholar",
    "collector",
    "century",
    "marathon",
    # the study modes' (tests/core/test_trophies_study.py)
    "study-streak",
    "cards-remembered",
    "sprint-streak",
    "personal-best",
}


def answer(right: bool, seconds: float = 3.0, streak: int = 0) -> AnswerGiven:
    return AnswerGiven(
        number=1,
        question_index=0,
        question_id=None,
        response="x",
        right=right,
        seconds=seconds,
        points=Points(base=500) if right else Points(),
        streak=streak,
    )


def answers_in_a_row(count: int, seconds: float = 3.0) -> list[AnswerGiven]:
    return [answer(True, seconds, streak=n) for n in range(1, count + 1)]


def guess(right: bool, hidden: int, total: int = 20, final: bool = False) -> ImageGuessed:
    return ImageGuessed(
        guess="x",
        right=right,
        hidden_tiles=hidden,
        total_tiles=total,
        points=Points(),
        final=final,
        seconds=1.0,
    )


def summary(score: int = 0, best: int = 10_000) -> RoundSummary:
    return RoundSummary(
        pack_id="test-pack",
        mystery_index=0,
        mystery_answer="x",
        seed=0,
        timer=True,
        streaks=True,
        outcome=RoundOutcome.GUESSED,
        score=score,
        breakdown=Points(),
        best_possible=best,
        right=0,
        wrong=0,
        longest_streak=0,
        total_tiles=20,
        hidden_at_guess=0,
        seconds_played=0.0,
    )


def ended(score: int = 0, best: int = 10_000) -> RoundEnded:
    return RoundEnded(summary(score, best))


def earned_ids(tracker: TrophyTracker) -> list[str]:
    return [t.trophy_id for t in tracker.earned]


def feed(*events) -> TrophyTracker:
    tracker = TrophyTracker()
    for event in events:
        tracker.observe(event)
    return tracker


# -- definitions -------------------------------------------------------------------


def test_every_trophy_is_data_with_id_name_description_and_tier() -> None:
    assert len({t.id for t in TROPHIES}) == len(TROPHIES)
    for trophy in TROPHIES:
        assert isinstance(trophy, TrophyDef)
        assert trophy.id
        assert trophy.name
        assert trophy.description
        assert trophy.tier in set(Tier)


def test_the_required_trophies_are_defined() -> None:
    assert {t.id for t in TROPHIES if not t.lasting} == PER_ROUND
    assert {t.id for t in TROPHIES if t.lasting} == LASTING
    assert trophy_by_id("bronze-medal").tier is Tier.BRONZE
    assert trophy_by_id("silver-medal").tier is Tier.SILVER
    assert trophy_by_id("gold-medal").tier is Tier.GOLD


def test_an_unknown_trophy_id_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="no-such-trophy"):
        trophy_by_id("no-such-trophy")


def test_descriptions_state_the_thresholds() -> None:
    # str() of a description is its English text
    assert str(HOT_STREAK) in str(trophy_by_id("hot-streak").description)
    assert f"{QUICK_THINKER_SECONDS:g}" in str(trophy_by_id("quick-thinker").description)
    assert "half" in str(trophy_by_id("sharp-eye").description)
    assert "75%" in str(trophy_by_id("gold-medal").description)


# -- per-round trophies --------------------------------------------------------------


def test_first_right_answer_earns_first_light() -> None:
    tracker = TrophyTracker()
    assert tracker.observe(answer(False)) == []
    won = tracker.observe(answer(True, streak=1))
    assert [t.trophy_id for t in won] == ["first-light"]
    assert won[0].name == "First light"
    assert won[0].tier == "bronze"


def test_a_trophy_is_earned_at_most_once_a_round() -> None:
    tracker = feed(*answers_in_a_row(8))
    assert earned_ids(tracker) == ["first-light", "hot-streak"]
    assert tracker.observe(answer(True, streak=9)) == []


def test_five_right_answers_in_a_row_earn_hot_streak() -> None:
    assert HOT_STREAK == 5
    assert "hot-streak" not in earned_ids(feed(*answers_in_a_row(4)))
    assert "hot-streak" in earned_ids(feed(*answers_in_a_row(5)))


def test_five_right_answers_with_a_break_do_not_earn_hot_streak() -> None:
    events = [*answers_in_a_row(3), answer(False), *answers_in_a_row(2)]
    assert "hot-streak" not in earned_ids(feed(*events))


def test_round_without_a_wrong_answer_earns_flawless() -> None:
    tracker = feed(*answers_in_a_row(FLAWLESS_MIN_ANSWERS, seconds=9), ended())
    assert "flawless" in earned_ids(tracker)


def test_flawless_is_awarded_only_when_the_round_ends() -> None:
    tracker = feed(*answers_in_a_row(FLAWLESS_MIN_ANSWERS))
    assert "flawless" not in earned_ids(tracker)


def test_a_wrong_answer_spoils_flawless() -> None:
    events = [*answers_in_a_row(5), answer(False), ended()]
    assert "flawless" not in earned_ids(feed(*events))


def test_a_wrong_guess_spoils_flawless() -> None:
    events = [*answers_in_a_row(5), guess(False, hidden=10), guess(True, hidden=10), ended()]
    assert "flawless" not in earned_ids(feed(*events))


def test_flawless_needs_the_stated_number_of_answers() -> None:
    events = [*answers_in_a_row(FLAWLESS_MIN_ANSWERS - 1), guess(True, 10), ended()]
    assert "flawless" not in earned_ids(feed(*events))


@pytest.mark.parametrize(
    ("hidden", "total", "earned"),
    [(20, 20, True), (10, 20, True), (9, 20, False), (5, 9, True), (4, 9, False), (1, 2, True)],
)
def test_guess_with_half_hidden_earns_sharp_eye(hidden: int, total: int, earned: bool) -> None:
    tracker = feed(guess(True, hidden, total))
    assert ("sharp-eye" in earned_ids(tracker)) is earned


def test_a_wrong_guess_never_earns_sharp_eye() -> None:
    assert "sharp-eye" not in earned_ids(feed(guess(False, hidden=20)))


@pytest.mark.parametrize(
    ("seconds", "earned"),
    [
        ([4.9] * 5, True),
        ([1, 1, 1, 1, 20.9], True),
        ([5.0] * 5, False),
        ([1, 1, 1, 1, 21.1], False),
    ],
)
def test_quick_average_answer_time_earns_quick_thinker(seconds: list[float], earned: bool) -> None:
    # Under 5 seconds on average: 24.9 / 5 = 4.98 is under, 25 / 5 = 5.0 and 25.1 / 5 are not.
    events = [answer(True, s, streak=n) for n, s in enumerate(seconds, 1)]
    assert ("quick-thinker" in earned_ids(feed(*events, ended()))) is earned


def test_quick_thinker_counts_wrong_answers_too() -> None:
    events = [answer(True, 1, 1), answer(True, 1, 2), answer(False, 30), answer(True, 1, 1)]
    events += [answer(True, 1, 2), ended()]  # (1 + 1 + 30 + 1 + 1) / 5 = 6.8
    assert "quick-thinker" not in earned_ids(feed(*events))


def test_quick_thinker_needs_the_stated_number_of_answers() -> None:
    events = answers_in_a_row(QUICK_THINKER_MIN_ANSWERS - 1, seconds=1)
    assert "quick-thinker" not in earned_ids(feed(*events, ended()))


@pytest.mark.parametrize(
    ("score", "medal"),
    [
        (10_000, Tier.GOLD),
        (7_500, Tier.GOLD),
        (7_499, Tier.SILVER),
        (5_500, Tier.SILVER),
        (5_499, Tier.BRONZE),
        (3_500, Tier.BRONZE),
        (3_499, None),
        (0, None),
    ],
)
def test_round_medal_goes_by_share_of_the_best_possible_score(
    score: int, medal: Tier | None
) -> None:
    assert medal_for(summary(score, best=10_000)) is medal
    tracker = feed(ended(score, best=10_000))
    assert tracker.medal is medal
    medals = [i for i in earned_ids(tracker) if i.endswith("-medal")]
    assert medals == ([] if medal is None else [f"{medal.value}-medal"])


def test_no_medal_when_there_is_no_best_possible_score() -> None:
    assert medal_for(summary(score=100, best=0)) is None


def test_a_yardstick_of_a_single_point_still_measures() -> None:
    # Any best above zero is a measure, however small the rules' figures make it.
    assert medal_share(summary(score=1, best=1)) == 1.0
    assert medal_percent(summary(score=1, best=1)) == 100
    assert medal_for(summary(score=1, best=1)) is Tier.GOLD


def test_the_tracker_has_no_medal_until_the_round_ends() -> None:
    tracker = feed(*answers_in_a_row(6))
    assert tracker.medal is None
    tracker.observe(ended(score=10_000))
    assert tracker.medal is Tier.GOLD


def test_the_tracker_ignores_events_that_earn_nothing() -> None:
    assert feed(TileUncovered(0, 0, 19)).earned == []


def test_tracker_awards_trophies_by_observing_a_real_round(make_pack) -> None:
    pack = make_pack(questions=8, grid="4x5", time_limit=20)
    tracker = TrophyTracker()
    played = Round(pack, seed=3, observers=[tracker])
    for _ in range(5):
        assert played.question is not None
        played.answer(played.question.answer, seconds=2)
        played.next_question()
    played.guess_image(MYSTERY_ANSWER, seconds=1)  # 15 of 20 tiles still hidden
    assert played.summary is not None
    ids = earned_ids(tracker)
    for trophy_id in ("first-light", "hot-streak", "sharp-eye", "flawless", "quick-thinker"):
        assert trophy_id in ids
    # Five answers at 2 s of 20 (1000 x (1 - 0.1 / 2) = 950 each, streak bonuses 0 to 400)
    # and the guess with 15 of 20 hidden (1000 + 15 x 200):
    assert played.score == 5 * 950 + (0 + 100 + 200 + 300 + 400) + (1000 + 15 * 200) == 9750
    # The whole round's best: all eight at once (8 x 1000, streak bonuses 0..500 capped:
    # 2500), guess with 12 hidden (3400) = 13900. The medal's: the five answered at once
    # (5000 + 0..400 = 6000), guess with 15 hidden (4000) = 10000; 9750 / 10000 is gold.
    assert played.best_possible == 13900
    assert played.summary.best_by_end == 10000
    assert tracker.medal is Tier.GOLD
    assert "gold-medal" in ids


# -- lasting trophies ----------------------------------------------------------------


def progress(stats: PlayerStats, bundled=("animals", "space")) -> dict[str, tuple[int, int]]:
    return {p.trophy.id: (p.current, p.target) for p in lasting_progress(stats, bundled)}


def test_lasting_progress_starts_at_zero() -> None:
    assert progress(PlayerStats()) == {
        "scholar": (0, 2),
        "collector": (0, 3),
        "century": (0, 100),
        "marathon": (0, 10),
        "study-streak": (0, 7),
        "cards-remembered": (0, 100),
        "sprint-streak": (0, 20),
        "personal-best": (0, 1),
    }


def test_a_medal_on_every_bundled_pack_earns_scholar() -> None:
    some = PlayerStats(best_medal_by_pack={"animals": "bronze", "mine": "gold"})
    every = PlayerStats(best_medal_by_pack={"animals": "bronze", "space": "silver"})
    assert progress(some)["scholar"] == (1, 2)
    assert progress(every)["scholar"] == (2, 2)


def test_with_one_bundled_pack_a_medal_on_it_earns_scholar() -> None:
    assert progress(PlayerStats(), bundled=("animals",))["scholar"] == (0, 1)
    medal = PlayerStats(best_medal_by_pack={"animals": "bronze"})
    assert progress(medal, bundled=("animals",))["scholar"] == (1, 1)
    assert [t.trophy_id for t in newly_earned_lasting(PlayerStats(), medal, ["animals"])] == [
        "scholar"
    ]


def test_without_bundled_packs_scholar_cannot_be_earned() -> None:
    medal = PlayerStats(best_medal_by_pack={"mine": "gold"})
    assert progress(medal, bundled=())["scholar"] == (0, 1)


def test_gold_on_three_packs_earns_collector() -> None:
    two = {"a": "gold", "b": "gold", "c": "silver"}
    assert progress(PlayerStats(best_medal_by_pack=two))["collector"] == (2, 3)
    three = {**two, "d": Tier.GOLD.value}
    assert progress(PlayerStats(best_medal_by_pack=three))["collector"] == (3, 3)


def test_a_hundred_right_answers_earn_century_and_progress_stops_at_the_target() -> None:
    assert progress(PlayerStats(right_answers=99))["century"] == (99, 100)
    assert progress(PlayerStats(right_answers=250))["century"] == (100, 100)


def test_ten_rounds_in_a_day_earn_marathon() -> None:
    assert progress(PlayerStats(rounds_played=50, most_rounds_in_a_day=9))["marathon"] == (9, 10)
    assert progress(PlayerStats(most_rounds_in_a_day=10))["marathon"] == (10, 10)


def test_newly_earned_lasting_lists_only_what_the_last_round_added() -> None:
    before = PlayerStats(right_answers=99, most_rounds_in_a_day=10)
    after = replace(before, right_answers=101, most_rounds_in_a_day=11)
    earned = newly_earned_lasting(before, after, ["animals"])
    assert [(t.trophy_id, t.name, t.tier) for t in earned] == [("century", "Century", "silver")]
    assert newly_earned_lasting(after, after, ["animals"]) == []
