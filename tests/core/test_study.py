"""The flashcard scheduler: FSRS with time passed in, new-card limits and the game's mistakes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clarity.core.study import (
    DEFAULT_RULES,
    LEARN_AHEAD,
    CardState,
    Rating,
    ReviewRecord,
    Stage,
    comes_back_in_session,
    due_order,
    made_due,
    new_card,
    next_intervals,
    retrievability,
    review,
    study_ahead,
)

MONDAY = datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
KEY = ("union-state", "q1")


def learnt(at: datetime = MONDAY) -> CardState:
    """A card answered Good until it left the learning steps, and its moment."""
    state = new_card(KEY)
    while state.stage != Stage.REVIEW:
        state, _ = review(state, Rating.Good, at)
        assert state.due is not None
        at = state.due
    return state


def test_a_new_card_is_new_and_has_no_due_date() -> None:
    state = new_card(KEY)
    assert state.key == KEY
    assert state.is_new
    assert state.due is None
    assert not state.is_due(MONDAY)


def test_good_three_times_brings_the_card_back_later_each_time() -> None:
    state, at, waits = new_card(KEY), MONDAY, []
    for _ in range(3):
        state, record = review(state, Rating.Good, at)
        assert record.reviewed_at == at
        assert record.due == state.due
        assert state.due is not None
        waits.append(state.due - at)
        at = state.due
    assert waits[0] < waits[1] < waits[2]
    assert record.remembered
    assert waits[2] >= timedelta(days=1)
    assert state.stage == Stage.REVIEW


def test_again_on_a_learnt_card_brings_it_back_within_the_relearning_step() -> None:
    state = learnt()
    assert state.due is not None
    at = state.due + timedelta(days=1)
    after, record = review(state, Rating.Again, at)
    assert after.stage == Stage.RELEARNING
    assert after.due == at + DEFAULT_RULES.relearning_steps[0]
    assert not record.remembered
    assert after.is_due(at + timedelta(minutes=10))
    assert not after.is_due(at + timedelta(minutes=9))


def test_again_on_a_new_card_brings_it_back_within_the_first_learning_step() -> None:
    after, _ = review(new_card(KEY), Rating.Again, MONDAY)
    assert after.due == MONDAY + DEFAULT_RULES.learning_steps[0]


@pytest.mark.parametrize("stage", ["new", "learnt"])
def test_easy_waits_longer_than_good_and_good_longer_than_hard(stage: str) -> None:
    state = new_card(KEY) if stage == "new" else learnt()
    at = MONDAY if state.due is None else state.due
    waits = next_intervals(state, at)
    assert waits[Rating.Again] < waits[Rating.Hard] < waits[Rating.Good] < waits[Rating.Easy]


def test_the_interval_on_a_button_is_the_one_the_card_gets() -> None:
    state = learnt()
    assert state.due is not None
    at = state.due + timedelta(hours=5)
    waits = next_intervals(state, at)
    for rating in Rating:
        after, _ = review(state, rating, at)
        assert after.due == at + waits[rating]


def test_the_schedule_is_fsrs_own_with_its_default_weights_and_no_fuzz() -> None:
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(card_id=1, due=MONDAY)
    state, at = new_card(KEY), MONDAY
    for rating in (Rating.Good, Rating.Good, Rating.Hard, Rating.Again, Rating.Good, Rating.Easy):
        card, _ = scheduler.review_card(card, fsrs.Rating(int(rating)), review_datetime=at)
        state, _ = review(state, rating, at)
        assert (state.due, state.stability, state.difficulty) == (
            card.due,
            card.stability,
            card.difficulty,
        )
        assert state.step == card.step
        at = state.due + timedelta(days=2)


def test_the_same_reviews_give_the_same_schedule() -> None:
    def replay() -> list[datetime | None]:
        state, at, dues = new_card(KEY), MONDAY, []
        for _ in range(8):
            state, _ = review(state, Rating.Good, at)
            dues.append(state.due)
            assert state.due is not None
            at = state.due
        return dues

    assert replay() == replay()


def test_a_wrong_game_answer_makes_a_learnt_card_due_at_that_moment() -> None:
    state = learnt()
    assert state.due is not None
    missed_at = state.due - timedelta(days=1)
    assert not state.is_due(missed_at)
    after = made_due(state, missed_at)
    assert after.due == missed_at
    assert after.is_due(missed_at)
    assert (after.stability, after.difficulty, after.stage) == (
        state.stability,
        state.difficulty,
        state.stage,
    )


def test_a_wrong_game_answer_makes_a_new_card_due_ahead_of_the_new_limit() -> None:
    after = made_due(new_card(KEY), MONDAY)
    assert not after.is_new
    assert after.due == MONDAY
    assert due_order([after], MONDAY, new_limit=0, new_seen_today=0) == [after]
    reviewed, _ = review(after, Rating.Good, MONDAY + timedelta(minutes=3))
    assert reviewed.last_review == MONDAY + timedelta(minutes=3)


def test_a_wrong_game_answer_keeps_an_overdue_card_as_overdue_as_it_was() -> None:
    state = learnt()
    assert state.due is not None
    later = state.due + timedelta(days=3)
    assert made_due(state, later) == state


def card(question: str, due: datetime | None, *, reviewed: bool = True) -> CardState:
    return CardState(
        pack_id="p",
        question_id=question,
        stage=Stage.REVIEW if reviewed else Stage.LEARNING,
        step=None if reviewed else 0,
        stability=5.0 if reviewed else None,
        difficulty=5.0 if reviewed else None,
        due=due,
        last_review=MONDAY - timedelta(days=10) if reviewed else None,
    )


def test_learning_steps_come_back_in_the_session_and_a_graduated_card_does_not() -> None:
    # FSRS's default steps (1 and 10 min) fit Anki's 20-minute learn-ahead limit
    assert timedelta(minutes=20) == LEARN_AHEAD
    card = new_card(KEY)
    for rating in (Rating.Again, Rating.Hard, Rating.Good):
        after, _ = review(card, rating, MONDAY)
        assert comes_back_in_session(after, MONDAY), rating
    after, _ = review(card, Rating.Easy, MONDAY)  # Easy on a new card: days away
    assert not comes_back_in_session(after, MONDAY)
    second, _ = review(card, Rating.Good, MONDAY)  # the 10-minute step...
    assert second.due is not None
    graduated, _ = review(second, Rating.Good, second.due)  # ...then Good: a day or more
    assert not comes_back_in_session(graduated, second.due)
    lapsed, _ = review(learnt(), Rating.Again, MONDAY + timedelta(days=30))
    assert comes_back_in_session(lapsed, MONDAY + timedelta(days=30))  # relearning: 10 min
    # the limit is the boundary: due exactly 20 minutes on is in, a second more is not
    at_limit = CardState(*KEY, due=MONDAY + LEARN_AHEAD, last_review=MONDAY)
    assert comes_back_in_session(at_limit, MONDAY)
    assert not comes_back_in_session(at_limit, MONDAY - timedelta(seconds=1))


def test_due_cards_come_first_most_overdue_first_then_new_ones_up_to_the_limit() -> None:
    week_late = card("a", MONDAY - timedelta(days=7))
    day_late = card("b", MONDAY - timedelta(days=1))
    now = card("c", MONDAY)
    tomorrow = card("d", MONDAY + timedelta(days=1))
    new = [new_card(("p", f"n{i}")) for i in range(5)]
    states = [new[0], day_late, tomorrow, now, new[1], week_late, *new[2:]]
    order = due_order(states, MONDAY, new_limit=3, new_seen_today=0)
    assert order == [week_late, day_late, now, new[0], new[1], new[2]]


def test_cards_due_at_the_same_moment_keep_a_steady_order() -> None:
    b, a = card("b", MONDAY), card("a", MONDAY)
    assert due_order([b, a], MONDAY, new_limit=0, new_seen_today=0) == [a, b]
    assert study_ahead([b, a], MONDAY - timedelta(hours=1)) == [a, b]


def test_new_cards_seen_today_count_against_the_limit() -> None:
    new = [new_card(("p", f"n{i}")) for i in range(5)]
    assert due_order(new, MONDAY, new_limit=3, new_seen_today=2) == [new[0]]
    assert due_order(new, MONDAY, new_limit=3, new_seen_today=3) == []
    assert due_order(new, MONDAY, new_limit=3, new_seen_today=7) == []
    assert due_order(new, MONDAY, new_limit=10, new_seen_today=0) == new


def test_nothing_to_study_when_nothing_is_due_and_the_limit_is_reached() -> None:
    states = [card("a", MONDAY + timedelta(hours=1)), new_card(("p", "n"))]
    assert due_order(states, MONDAY, new_limit=5, new_seen_today=5) == []


def test_study_ahead_offers_the_soonest_first_and_never_a_new_card() -> None:
    soon = card("a", MONDAY + timedelta(hours=2))
    later = card("b", MONDAY + timedelta(days=3))
    due = card("c", MONDAY - timedelta(hours=1))
    due_now = card("d", MONDAY)
    ahead = study_ahead([later, new_card(("p", "n")), due, due_now, soon], MONDAY)
    assert ahead == [soon, later]
    assert study_ahead([due, new_card(("p", "n"))], MONDAY) == []


def test_travelling_days_ahead_brings_a_learnt_card_due_and_lowers_recall() -> None:
    state = learnt()
    assert state.due is not None
    assert state.last_review is not None
    assert not state.is_due(state.due - timedelta(seconds=1))
    assert due_order([state], state.due - timedelta(seconds=1), new_limit=0, new_seen_today=0) == []
    month_later = state.due + timedelta(days=30)
    assert due_order([state], month_later, new_limit=0, new_seen_today=0) == [state]
    soon = retrievability(state, state.last_review + timedelta(days=1))
    late = retrievability(state, month_later)
    assert 0 < late < soon < 1
    assert retrievability(new_card(KEY), month_later) == 0
    after, record = review(state, Rating.Good, month_later)
    assert record.reviewed_at == month_later
    assert after.due is not None
    assert after.due > month_later + timedelta(days=1)


def test_a_clock_set_back_counts_as_the_last_review() -> None:
    state = learnt()
    assert state.last_review is not None
    earlier = state.last_review - timedelta(days=2)
    after, record = review(state, Rating.Good, earlier)
    assert record.reviewed_at == state.last_review
    assert after.due is not None
    assert after.due > state.last_review


NAIVE = datetime(2026, 3, 2, 16, 0)


@pytest.mark.parametrize(
    "call",
    [
        lambda: review(new_card(KEY), Rating.Good, NAIVE),
        lambda: next_intervals(new_card(KEY), NAIVE),
        lambda: made_due(new_card(KEY), NAIVE),
        lambda: due_order([], NAIVE, new_limit=1, new_seen_today=0),
        lambda: study_ahead([], NAIVE),
        lambda: retrievability(new_card(KEY), NAIVE),
        lambda: new_card(KEY).is_due(NAIVE),
    ],
)
def test_a_naive_time_is_refused(call: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


def test_a_time_in_another_zone_is_taken_in_utc() -> None:
    minsk = timezone(timedelta(hours=3))
    at = MONDAY.astimezone(minsk)
    after, record = review(new_card(KEY), Rating.Good, at)
    assert record.reviewed_at == MONDAY
    assert record.reviewed_at.tzinfo == UTC
    assert after.last_review is not None
    assert after.last_review.utcoffset() == timedelta(0)


ratings = st.lists(
    st.tuples(st.sampled_from(list(Rating)), st.integers(min_value=0, max_value=90 * 24 * 60)),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(ratings, st.booleans())
def test_a_card_state_round_trips_through_json_exactly(
    steps: list[tuple[Rating, int]], missed: bool
) -> None:
    state, at = new_card(KEY), MONDAY
    records: list[ReviewRecord] = []
    for rating, minutes in steps:
        at = at + timedelta(minutes=minutes)
        state, record = review(state, rating, at)
        records.append(record)
    if missed:
        state = made_due(state, at + timedelta(hours=1))
    data = json.loads(json.dumps(state.to_dict()))
    back = CardState.from_dict(data)
    assert back == state
    assert back.to_dict() == state.to_dict()
    # the restored card schedules exactly as the original
    assert next_intervals(back, at + timedelta(days=1)) == next_intervals(
        state, at + timedelta(days=1)
    )
    for record in records:
        assert ReviewRecord.from_dict(json.loads(json.dumps(record.to_dict()))) == record


def test_a_broken_card_state_is_a_value_error() -> None:
    data = learnt().to_dict()
    del data["stage"]
    with pytest.raises(ValueError, match="not a card state"):
        CardState.from_dict(data)
    with pytest.raises(ValueError, match="not a card state"):
        CardState.from_dict({**learnt().to_dict(), "stage": "forgotten"})
