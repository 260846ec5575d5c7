"""The round in progress: saved after every answer, one per player, cleared when it ends."""

from __future__ import annotations

import math

import pytest

from clarity.store import InProgress, Player, Store, open_store

from .factories import MONDAY_9AM, add_player, save

SNAPSHOT = {
    "version": 1,
    "pack_id": "solar-system",
    "seed": 42,
    "timer": True,
    "actions": [["answer", "Saturn", 3.5], ["next"], ["answer", "Ринг", 4.0]],
}


def test_no_round_in_progress_at_first(store: Store, ana: Player) -> None:
    assert store.in_progress(ana.id) is None


def test_the_round_in_progress_is_read_back_as_saved(store: Store, ana: Player) -> None:
    assert store.save_in_progress(ana.id, "solar-system", SNAPSHOT) is None
    assert store.in_progress(ana.id) == InProgress(ana.id, "solar-system", SNAPSHOT, MONDAY_9AM)


def test_each_answer_overwrites_the_last_snapshot(store: Store, ana: Player) -> None:
    store.save_in_progress(ana.id, "solar-system", SNAPSHOT)
    newer = {**SNAPSHOT, "actions": [*SNAPSHOT["actions"], ["next"]]}
    store.save_in_progress(ana.id, "union-state", newer)
    found = store.in_progress(ana.id)
    assert found is not None
    assert (found.pack_id, found.snapshot) == ("union-state", newer)


def test_each_player_has_their_own(store: Store, ana: Player) -> None:
    bob = add_player(store, "Bob")
    store.save_in_progress(ana.id, "solar-system", SNAPSHOT)
    assert store.in_progress(bob.id) is None


def test_it_is_offered_again_after_the_game_restarts(data_dir, store: Store, ana: Player) -> None:
    store.save_in_progress(ana.id, "solar-system", SNAPSHOT)
    store.close()
    reopened = open_store(data_dir).store
    assert reopened is not None
    found = reopened.in_progress(ana.id)
    assert found is not None
    assert found.snapshot == SNAPSHOT
    reopened.close()


def test_dropping_it(store: Store, ana: Player) -> None:
    store.save_in_progress(ana.id, "solar-system", SNAPSHOT)
    assert store.drop_in_progress(ana.id) is None
    assert store.in_progress(ana.id) is None


def test_saving_the_finished_round_clears_it(store: Store, ana: Player) -> None:
    store.save_in_progress(ana.id, "solar-system", SNAPSHOT)
    save(store, ana.id)
    assert store.in_progress(ana.id) is None


def test_a_snapshot_that_is_not_json_is_a_bug(store: Store, ana: Player) -> None:
    with pytest.raises(TypeError):
        store.save_in_progress(ana.id, "solar-system", {"when": object()})
    with pytest.raises(ValueError, match="JSON"):
        store.save_in_progress(ana.id, "solar-system", {"seconds": math.nan})
