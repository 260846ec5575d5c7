"""Finished rounds: everything about a round is saved in one go, and read back the same."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from clarity.core.events import Points, RoundOutcome
from clarity.store import Player, SavedRound, SaveFailed, Store, open_store

from .factories import MONDAY_9AM, ZONE, add_player, make_summary, save, try_save


def test_a_saved_round_keeps_everything_about_it(store: Store, ana: Player) -> None:
    summary = make_summary(pack_id="solar-system", score=640, right=4, wrong=2, timer=False)
    saved = store.save_round(
        ana.id,
        summary,
        pack_sha256="ab" * 32,
        mystery_image="images/saturn.png",
        medal="silver",
        trophies=["first-light", "hot-streak", "first-light"],
        played_at=MONDAY_9AM,
    )
    assert isinstance(saved, SavedRound)
    assert uuid.UUID(saved.round_id).version == 4

    record = store.round(saved.round_id)
    assert record is not None
    assert (record.player_id, record.player_name, record.pack_id) == (ana.id, "Ana", "solar-system")
    assert (record.pack_sha256, record.mystery_image) == ("ab" * 32, "images/saturn.png")
    assert (record.mystery_index, record.mystery_answer) == (0, "Saturn")
    assert record.outcome is RoundOutcome.GUESSED
    assert (record.score, record.right, record.wrong) == (640, 4, 2)
    assert record.breakdown == summary.breakdown
    assert (record.timer, record.streaks) == (False, True)
    assert record.medal == "silver"
    assert record.trophies == ("first-light", "hot-streak")
    assert record.played_at == MONDAY_9AM
    assert record.played_at.utcoffset() == timedelta(hours=3)
    assert store.answers(saved.round_id) == summary.answers
    assert store.guesses(saved.round_id) == summary.guesses


@pytest.mark.parametrize("time_scale", [1.0, 1.5, 2.0, 3.0, None])
def test_a_saved_round_keeps_the_time_scale_it_was_played_with(
    store: Store, ana: Player, time_scale: float | None
) -> None:
    saved = save(store, ana.id, time_scale=time_scale)
    record = store.round(saved.round_id)
    assert record is not None
    assert record.time_scale == time_scale
    assert [r.time_scale for r in store.history(ana.id)] == [time_scale]
    assert [r.time_scale for r in store.all_rounds()] == [time_scale]


def test_a_round_without_a_time_scale_given_is_kept_at_x1(store: Store, ana: Player) -> None:
    saved = store.save_round(
        ana.id,
        make_summary(),
        pack_sha256="ab" * 32,
        mystery_image="saturn.png",
        medal=None,
        trophies=[],
        played_at=MONDAY_9AM,
    )
    assert isinstance(saved, SavedRound)
    assert store.round(saved.round_id).time_scale == 1.0  # type: ignore[union-attr]


@pytest.mark.parametrize("bad", [0, -2.0, "x2", True])
def test_a_time_scale_that_is_none_of_them_is_a_bug(store: Store, ana: Player, bad) -> None:
    with pytest.raises(ValueError, match="time scale"):
        try_save(store, ana.id, time_scale=bad)
    assert store.history(ana.id) == []


def test_a_saved_round_is_there_after_reopening(data_dir, store: Store, ana: Player) -> None:
    saved = save(store, ana.id)
    store.close()
    reopened = open_store(data_dir).store
    assert reopened is not None
    assert reopened.round(saved.round_id) is not None
    reopened.close()


def test_an_answer_without_response_or_question_id_is_kept(store: Store, ana: Player) -> None:
    summary = make_summary(right=0, wrong=1)
    answer = summary.answers[0]
    assert answer.response is None
    assert answer.timed_out
    saved = store.save_round(
        ana.id,
        summary,
        pack_sha256="0" * 64,
        mystery_image="x.png",
        medal=None,
        trophies=(),
        played_at=MONDAY_9AM,
    )
    assert isinstance(saved, SavedRound)
    assert store.answers(saved.round_id) == summary.answers


def test_a_guest_round_is_not_saved(store: Store) -> None:
    result = try_save(store, None)
    assert isinstance(result, SaveFailed)
    assert list(store.all_rounds()) == []
    assert store.saving


def test_a_time_without_zone_is_taken_as_local_time(store: Store, ana: Player) -> None:
    naive = datetime(2026, 11, 23, 23, 30)
    saved = save(store, ana.id, played_at=naive)
    record = store.round(saved.round_id)
    assert record is not None
    assert record.played_at == naive.astimezone()
    assert record.played_at.tzinfo is not None


def test_history_is_newest_first_and_limited(store: Store, ana: Player) -> None:
    saved = [save(store, ana.id, played_at=MONDAY_9AM + timedelta(minutes=m)) for m in range(5)]
    history = store.history(ana.id, limit=3)
    assert [r.round_id for r in history] == [s.round_id for s in reversed(saved)][:3]


def test_history_orders_by_the_moment_not_the_local_clock(store: Store, ana: Player) -> None:
    # 10:00 at UTC+3 (07:00 UTC) came before 08:00 at UTC, though its clock shows later.
    east = save(store, ana.id, played_at=datetime(2026, 11, 23, 10, 0, tzinfo=ZONE))
    west = save(store, ana.id, played_at=datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    assert [r.round_id for r in store.history(ana.id)] == [west.round_id, east.round_id]


def test_all_rounds_are_exported_oldest_first(store: Store, ana: Player) -> None:
    bob = add_player(store, "Bob")
    later = save(store, ana.id, played_at=MONDAY_9AM + timedelta(hours=1))
    earlier = save(store, bob.id, played_at=MONDAY_9AM)
    rounds = list(store.all_rounds())
    assert [(r.round_id, r.player_name) for r in rounds] == [
        (earlier.round_id, "Bob"),
        (later.round_id, "Ana"),
    ]


def test_points_of_each_answer_are_kept(store: Store, ana: Player) -> None:
    saved = save(store, ana.id, right=2, wrong=0)
    assert [a.points for a in store.answers(saved.round_id)] == [
        Points(base=100, time_bonus=10),
        Points(base=100, time_bonus=10),
    ]


def test_a_round_of_a_player_deleted_meanwhile_fails_clearly(data_dir, store: Store) -> None:
    ana = add_player(store, "Ana")
    teacher = open_store(data_dir).store  # the teacher's command, in another process
    assert teacher is not None
    teacher.delete_player(ana.id)
    teacher.close()

    result = try_save(store, ana.id)
    assert isinstance(result, SaveFailed)
    assert "deleted" in result.message
    assert store.saving
