"""The study modes' trophies: each earned exactly at its threshold, with its progress said,
and a sprint's trophies heard from its events as they happen."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from clarity.core.messages import english_text
from clarity.core.sprint import SprintAnswered, SprintEnded
from clarity.core.trophies import (
    CARDS_REMEMBERED,
    PERSONAL_BESTS_BEATEN,
    SPRINT_STREAK,
    STUDY_STREAK_DAYS,
    STUDY_TROPHY_IDS,
    TROPHIES,
    PlayerStats,
    SprintTrophyTracker,
    StudyStats,
    lasting_progress,
    newly_earned_study,
    study_progress,
    trophy_by_id,
)

FIELD_OF = {
    "study-streak": ("longest_study_streak", STUDY_STREAK_DAYS),
    "cards-remembered": ("cards_remembered", CARDS_REMEMBERED),
    "sprint-streak": ("best_sprint_streak", SPRINT_STREAK),
    "personal-best": ("personal_bests_beaten", PERSONAL_BESTS_BEATEN),
}


def test_the_study_trophies_are_defined_as_lasting_with_their_thresholds() -> None:
    assert set(STUDY_TROPHY_IDS) == set(FIELD_OF)
    assert (STUDY_STREAK_DAYS, CARDS_REMEMBERED, SPRINT_STREAK) == (7, 100, 20)
    for trophy_id in STUDY_TROPHY_IDS:
        trophy = trophy_by_id(trophy_id)
        assert trophy in TROPHIES
        assert trophy.lasting
        assert str(trophy.description)


@given(trophy_id=st.sampled_from(STUDY_TROPHY_IDS), count=st.integers(0, 1000))
def test_each_study_trophy_is_earned_exactly_at_its_threshold(trophy_id: str, count: int) -> None:
    field, target = FIELD_OF[trophy_id]
    stats = replace(StudyStats(), **{field: count})
    progress = {p.trophy.id: p for p in study_progress(stats)}
    assert progress[trophy_id].earned is (count >= target)
    assert progress[trophy_id].current == min(count, target)
    assert progress[trophy_id].target == target
    # only that trophy moved
    assert all(p.current == 0 for i, p in progress.items() if i != trophy_id)


@given(trophy_id=st.sampled_from(STUDY_TROPHY_IDS), count=st.integers(1, 300))
def test_a_study_trophy_is_newly_earned_only_by_the_step_that_reaches_it(
    trophy_id: str, count: int
) -> None:
    field, target = FIELD_OF[trophy_id]
    before = replace(StudyStats(), **{field: count - 1})
    after = replace(StudyStats(), **{field: count})
    earned = [t.trophy_id for t in newly_earned_study(before, after)]
    assert earned == ([trophy_id] if count == target else [])


def test_the_cabinet_progress_includes_the_study_trophies_in_the_games_order() -> None:
    study = StudyStats(longest_study_streak=4, cards_remembered=57)
    measured = {p.trophy.id: p for p in lasting_progress(PlayerStats(), ["animals"], study)}
    assert [p.trophy.id for p in lasting_progress(PlayerStats(), ["animals"], study)] == [
        t.id for t in TROPHIES if t.lasting
    ]
    assert (measured["study-streak"].current, measured["study-streak"].target) == (4, 7)
    assert english_text(measured["study-streak"].said) == "4/7 days"
    assert english_text(measured["cards-remembered"].said) == "57/100"
    assert english_text(measured["sprint-streak"].said) == "0/20"
    # a caller without study rows sees them at nothing done
    plain = {p.trophy.id: p for p in lasting_progress(PlayerStats(), ["animals"])}
    assert plain["study-streak"].current == 0


def answered(number: int, *, right: bool, streak: int) -> SprintAnswered:
    return SprintAnswered(number, 0, "q1", True, right, right, number, streak, 30.0)


def ended(score: int, best_streak: int) -> SprintEnded:
    return SprintEnded("animals", score, best_streak, 0, best_streak, 60.0, True)


@given(run=st.integers(1, 40))
def test_the_sprint_run_is_awarded_with_the_verdict_that_reaches_it(run: int) -> None:
    tracker = SprintTrophyTracker(best_before=None)
    heard = []
    for n in range(1, run + 1):
        heard.append([t.trophy_id for t in tracker.observe(answered(n, right=True, streak=n))])
    if run >= SPRINT_STREAK:
        assert heard[SPRINT_STREAK - 1] == ["sprint-streak"]
        assert all(not h for i, h in enumerate(heard) if i != SPRINT_STREAK - 1)
    else:
        assert not any(heard)
    tracker.observe(ended(run, run))
    assert [t.trophy_id for t in tracker.earned] == (["sprint-streak"] if run >= 20 else [])


def test_a_wrong_verdict_breaks_the_run() -> None:
    tracker = SprintTrophyTracker(best_before=None)
    for n in range(1, SPRINT_STREAK):
        tracker.observe(answered(n, right=True, streak=n))
    tracker.observe(answered(SPRINT_STREAK, right=False, streak=0))
    assert tracker.earned == []


@given(best=st.none() | st.integers(0, 50), score=st.integers(0, 50))
def test_a_personal_best_is_a_score_above_the_best_before(best: int | None, score: int) -> None:
    tracker = SprintTrophyTracker(best_before=best)
    earned = [t.trophy_id for t in tracker.observe(ended(score, 0))]
    assert earned == (["personal-best"] if best is not None and score > best else [])
