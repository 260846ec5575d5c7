"""The study modes' rows: flashcard states with their review log, and True or False sprints."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from clarity.core import study
from clarity.store import Player, Store, open_store
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION
from clarity.store.study import SprintRecord

from .damage import damage_table
from .factories import MONDAY_9AM, add_player
from .test_migrations import ROUND_UUID, _build

PACK = "solar-system"
DAY = timedelta(days=1)


def _state(question: str, stability: float = 1.0) -> dict[str, object]:
    """A card state as core.study's CardState.to_dict() gives one: plain JSON values."""
    return {"question": [PACK, question], "state": 2, "step": None, "stability": stability}


def _review(
    store: Store,
    player: Player,
    question: str,
    due: datetime,
    *,
    rating: int = 3,
    at: datetime = MONDAY_9AM,
) -> None:
    saved = store.save_review(
        player.id,
        PACK,
        question,
        state=_state(question),
        due=due,
        rating=rating,
        reviewed_at=at,
        elapsed_days=0.0,
        scheduled_days=(due - at) / DAY,
    )
    assert saved is None


def test_a_review_saves_the_state_and_one_log_row_and_reads_back(store: Store, ana: Player) -> None:
    due = MONDAY_9AM + 3 * DAY
    _review(store, ana, "q1", due)
    _review(store, ana, "q1", due + DAY, at=MONDAY_9AM + DAY, rating=4)

    (card,) = store.study_cards(ana.id, PACK)
    assert (card.pack_id, card.question_id) == (PACK, "q1")
    assert card.state == _state("q1")
    assert card.due == due + DAY
    assert card.due.tzinfo is not None
    assert card.introduced == MONDAY_9AM  # the first review, kept by the second
    assert store.review_count(ana.id) == 2
    conn = sqlite3.connect(store.path)
    assert conn.execute(
        "SELECT rating, scheduled_days FROM study_review ORDER BY id"
    ).fetchall() == [(3, 3.0), (4, 3.0)]
    conn.close()


def test_due_cards_come_most_overdue_first_and_only_when_due(store: Store, ana: Player) -> None:
    for n, hours in enumerate((5, -2, 30, -10, 0)):
        _review(store, ana, f"q{n}", MONDAY_9AM + timedelta(hours=hours))
    _review(store, ana, "other-pack", MONDAY_9AM - 20 * DAY)
    store.save_review(
        ana.id, "birds", "b1", state={}, due=MONDAY_9AM - DAY, rating=1, reviewed_at=MONDAY_9AM
    )

    due = store.due_cards(ana.id, MONDAY_9AM, pack_id=PACK, limit=10)
    assert [card.question_id for card in due] == ["other-pack", "q3", "q1", "q4"]
    assert [c.question_id for c in store.due_cards(ana.id, MONDAY_9AM, pack_id=PACK)] == [
        "other-pack"
    ]
    every_pack = store.due_cards(ana.id, MONDAY_9AM, limit=2)
    assert [(c.pack_id, c.question_id) for c in every_pack] == [
        (PACK, "other-pack"),
        ("birds", "b1"),
    ]
    later = store.due_cards(ana.id, MONDAY_9AM + 2 * DAY, pack_id=PACK, limit=10)
    assert len(later) == 6


def test_a_card_made_due_by_a_game_is_due_but_not_introduced(store: Store, ana: Player) -> None:
    assert (
        store.save_card(ana.id, PACK, "q9", state=_state("q9"), due=MONDAY_9AM, at=MONDAY_9AM)
        is None
    )
    assert [c.question_id for c in store.due_cards(ana.id, MONDAY_9AM, pack_id=PACK)] == ["q9"]
    assert store.study_cards(ana.id, PACK)[0].introduced is None
    assert store.review_count(ana.id) == 0


def test_a_card_a_game_brought_in_never_uses_up_a_days_new_cards(store: Store, ana: Player) -> None:
    midnight = MONDAY_9AM.replace(hour=0)
    store.save_card(ana.id, PACK, "missed", state=_state("missed"), due=MONDAY_9AM, at=MONDAY_9AM)
    _review(store, ana, "missed", MONDAY_9AM + DAY, at=MONDAY_9AM)
    _review(store, ana, "q1", MONDAY_9AM + DAY, at=MONDAY_9AM)
    # only q1 came from the day's new cards; the game's mistake skipped the limit
    assert store.new_cards_between(ana.id, midnight, midnight + DAY) == 1
    cards = {card.question_id: card for card in store.study_cards(ana.id, PACK)}
    assert cards["missed"].introduced is None
    assert cards["q1"].introduced == MONDAY_9AM
    assert store.review_count(ana.id) == 2


def test_new_cards_are_counted_on_the_day_of_their_first_review(store: Store, ana: Player) -> None:
    midnight = MONDAY_9AM.replace(hour=0)
    _review(store, ana, "yesterday", MONDAY_9AM, at=midnight - timedelta(minutes=1))
    _review(store, ana, "q1", MONDAY_9AM + DAY, at=MONDAY_9AM)
    _review(store, ana, "q2", MONDAY_9AM + DAY, at=MONDAY_9AM)
    _review(store, ana, "yesterday", MONDAY_9AM + DAY, at=MONDAY_9AM)  # not new again
    assert store.new_cards_between(ana.id, midnight, midnight + DAY) == 2
    assert store.new_cards_between(ana.id, midnight, midnight + DAY, pack_id="birds") == 0
    assert store.new_cards_between(ana.id, midnight - DAY, midnight, pack_id=PACK) == 1


def test_naive_times_and_bad_ratings_are_refused(store: Store, ana: Player) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.due_cards(ana.id, datetime(2026, 11, 23, 9))
    with pytest.raises(ValueError, match="rating"):
        _review(store, ana, "q1", MONDAY_9AM, rating=5)
    assert store.study_cards(ana.id, PACK) == []


def test_the_best_sprint_of_each_pack(store: Store, ana: Player) -> None:
    bo = add_player(store, "Bo")
    for n, (pack, score) in enumerate(((PACK, 12), (PACK, 17), ("birds", 4), (PACK, 9))):
        saved = store.record_sprint(
            ana.id,
            pack,
            score=score,
            best_streak=score // 2,
            statements=score + 3,
            played_at=MONDAY_9AM + n * DAY,
        )
        assert isinstance(saved, SprintRecord)
    store.record_sprint(bo.id, PACK, score=40, best_streak=40, statements=40, played_at=MONDAY_9AM)

    best = store.best_sprints(ana.id)
    assert set(best) == {PACK, "birds"}
    assert (best[PACK].score, best[PACK].best_streak, best[PACK].statements) == (17, 8, 20)
    assert best[PACK].played_at == MONDAY_9AM + DAY
    assert best["birds"].score == 4
    assert [s.score for s in store.sprints(ana.id)] == [9, 4, 17, 12]
    with pytest.raises(ValueError, match="score"):
        store.record_sprint(
            ana.id, PACK, score=-1, best_streak=0, statements=0, played_at=MONDAY_9AM
        )


def test_deleting_a_player_deletes_their_study_rows(store: Store, ana: Player) -> None:
    bo = add_player(store, "Bo")
    for player in (ana, bo):
        _review(store, player, "q1", MONDAY_9AM)
        store.record_sprint(
            player.id, PACK, score=3, best_streak=3, statements=5, played_at=MONDAY_9AM
        )
    assert store.delete_player(ana.id) is None
    conn = sqlite3.connect(store.path)
    for table in ("study_card", "study_review", "sprint"):
        assert conn.execute(f"SELECT DISTINCT player_id FROM {table}").fetchall() == [(bo.id,)]
    conn.close()
    assert store.best_sprints(bo.id)[PACK].score == 3


def test_a_deleted_player_s_review_is_not_saved_and_says_so(store: Store, ana: Player) -> None:
    store.delete_player(ana.id)
    saved = store.save_review(
        ana.id, PACK, "q1", state={}, due=MONDAY_9AM, rating=3, reviewed_at=MONDAY_9AM
    )
    assert saved is not None
    assert "deleted" in saved.message


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_store_from_any_earlier_version_keeps_its_rounds_and_can_study(
    tmp_path: Path, version: int
) -> None:
    path = _build(tmp_path / "old", version)
    store = open_store(path.parent, now=lambda: MONDAY_9AM).store
    assert store is not None
    ana = store.player_by_name("Ана") if version >= 1 else add_player(store, "Ана")
    assert ana is not None
    if version >= 1:
        assert store.round(ROUND_UUID) is not None
    _review(store, ana, "q1", MONDAY_9AM)
    assert store.due_cards(ana.id, MONDAY_9AM)[0].question_id == "q1"
    assert isinstance(
        store.record_sprint(
            ana.id, PACK, score=1, best_streak=1, statements=1, played_at=MONDAY_9AM
        ),
        SprintRecord,
    )
    store.close()


def test_a_damaged_study_table_is_repaired_like_the_rest_of_the_store(data_dir: Path) -> None:
    store = open_store(data_dir, now=lambda: MONDAY_9AM).store
    assert store is not None
    ana = add_player(store, "Ana")
    for n in range(400):  # several pages of cards
        _review(store, ana, f"q{n:03}", MONDAY_9AM + n * timedelta(minutes=1))
    store.record_sprint(ana.id, PACK, score=7, best_streak=7, statements=9, played_at=MONDAY_9AM)
    store.close()
    damage_table(data_dir / DB_FILENAME, "study_card", which=-1)

    store = open_store(data_dir, now=lambda: MONDAY_9AM + DAY).store
    assert store is not None
    cards = store.study_cards(ana.id, PACK)  # meets the damage: repaired, then read
    assert store.repairs
    assert store.notice is not None
    assert 0 < len(cards) < 400  # the readable cards kept, the damaged page's lost
    assert store.best_sprints(ana.id)[PACK].score == 7
    assert store.due_cards(ana.id, MONDAY_9AM + 2 * DAY, limit=500) == sorted(
        cards, key=lambda card: card.due
    )
    assert store.saving
    store.close()


def test_the_schedulers_card_states_come_back_as_they_were_saved(store: Store, ana: Player) -> None:
    # the state core.study hands over, through the store and back (no field lost)
    state = study.new_card((PACK, "q1"))
    at = MONDAY_9AM
    for _ in range(3):
        state, record = study.review(state, study.Rating.Good, at)
        assert state.due is not None
        saved = store.save_review(
            ana.id,
            PACK,
            "q1",
            state=state.to_dict(),
            due=state.due,
            rating=int(record.rating),
            reviewed_at=record.reviewed_at,
        )
        assert saved is None
        at = state.due
    (card,) = store.study_cards(ana.id, PACK)
    assert study.CardState.from_dict(card.state) == state
    assert card.due == state.due
    assert store.due_cards(ana.id, state.due - timedelta(seconds=1), pack_id=PACK) == []
    assert store.due_cards(ana.id, state.due, pack_id=PACK) == [card]


def test_study_days_count_each_day_s_reviews_per_pack_newest_first(
    store: Store, ana: Player
) -> None:
    due = MONDAY_9AM + 9 * DAY
    _review(store, ana, "q1", due, rating=3, at=MONDAY_9AM)
    _review(store, ana, "q2", due, rating=1, at=MONDAY_9AM + timedelta(hours=2))
    _review(store, ana, "q3", due, rating=4, at=MONDAY_9AM + 2 * DAY)
    ben = add_player(store, "Ben")
    _review(store, ben, "q1", due, at=MONDAY_9AM + 3 * DAY)  # not Ana's

    days = store.study_days(ana.id)
    assert [(d.day, d.pack_id, d.reviewed, d.remembered) for d in days] == [
        ((MONDAY_9AM + 2 * DAY).date(), PACK, 1, 1),
        (MONDAY_9AM.date(), PACK, 2, 1),  # Again is not remembered
    ]
    assert days[1].last_review == MONDAY_9AM + timedelta(hours=2)
    assert store.study_days(ana.id, limit=1) == days[:1]


def test_the_current_streak_ends_today_or_yesterday_and_stops_at_a_gap(
    store: Store, ana: Player
) -> None:
    due = MONDAY_9AM + 30 * DAY
    monday = MONDAY_9AM.date()
    assert store.current_study_streak(ana.id, monday) == 0
    # Monday, then a gap on Tuesday, then Wednesday to Friday (twice on Thursday)
    for offset in (0, 2, 3, 3, 4):
        _review(store, ana, f"q{offset}", due, at=MONDAY_9AM + offset * DAY)

    assert store.current_study_streak(ana.id, monday) == 1
    assert store.current_study_streak(ana.id, monday + DAY) == 1  # yesterday's still counts
    assert store.current_study_streak(ana.id, monday + 3 * DAY) == 2
    assert store.current_study_streak(ana.id, monday + 4 * DAY) == 3
    assert store.current_study_streak(ana.id, monday + 5 * DAY) == 3  # Saturday, not yet
    assert store.current_study_streak(ana.id, monday + 6 * DAY) == 0  # a day missed: gone
    assert store.current_study_streak(add_player(store, "Ben").id, monday + 4 * DAY) == 0
