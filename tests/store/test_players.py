"""Players: names are trimmed, unique whatever the case, and deleting one takes their rounds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from clarity.store import NameRejected, Player, Store, open_store

from .factories import MONDAY_9AM, add_player, make_summary, save


def test_new_player_is_listed(store: Store) -> None:
    created = store.create_player("Ana")
    assert isinstance(created, Player)
    assert store.players() == [created]
    assert store.player(created.id) == created


def test_name_is_trimmed_and_inner_spaces_become_one(store: Store) -> None:
    created = store.create_player("  Ana \t  Maria  ")
    assert isinstance(created, Player)
    assert created.name == "Ana Maria"


@pytest.mark.parametrize("again", ["ana", "ANA", " Ana "])
def test_a_name_is_taken_whatever_the_case(store: Store, again: str) -> None:
    store.create_player("Ana")
    rejected = store.create_player(again)
    assert isinstance(rejected, NameRejected)
    assert rejected.message == "There is already a player called Ana."
    assert len(store.players()) == 1


def test_cyrillic_names_are_unique_whatever_the_case(store: Store) -> None:
    assert isinstance(store.create_player("Маша"), Player)
    assert isinstance(store.create_player("МАША"), NameRejected)


def test_same_letters_typed_two_ways_are_one_name(store: Store) -> None:
    store.create_player("Zo\u00eb")  # ë as one code point
    assert isinstance(store.create_player("Zoe\u0308"), NameRejected)  # e + combining diaeresis


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_an_empty_name_is_rejected(store: Store, name: str) -> None:
    rejected = store.create_player(name)
    assert isinstance(rejected, NameRejected)
    assert rejected.message == "Please type a name."


def test_forty_characters_fit_and_forty_one_do_not(store: Store) -> None:
    assert isinstance(store.create_player("x" * 40), Player)
    rejected = store.create_player("y" * 41)
    assert isinstance(rejected, NameRejected)
    assert "40" in rejected.message


def test_control_characters_are_rejected(store: Store) -> None:
    assert isinstance(store.create_player("Ana\x07"), NameRejected)


def test_players_are_listed_by_name(store: Store) -> None:
    for name in ("zoe", "Bob", "ana"):
        store.create_player(name)
    assert [p.name for p in store.players()] == ["ana", "Bob", "zoe"]


def test_player_by_name_ignores_case_and_spaces(store: Store, ana: Player) -> None:
    assert store.player_by_name("  aNa ") == ana
    assert store.player_by_name("Bob") is None
    assert store.player_by_name("") is None


def test_get_or_create_returns_the_existing_player(store: Store, ana: Player) -> None:
    assert store.get_or_create_player("ANA") == ana
    bob = store.get_or_create_player("Bob")
    assert isinstance(bob, Player)
    assert bob.id != ana.id


def test_rename_player(store: Store, ana: Player) -> None:
    renamed = store.rename_player(ana.id, "Anna")
    assert isinstance(renamed, Player)
    assert (renamed.id, renamed.name, renamed.created_at) == (ana.id, "Anna", ana.created_at)
    assert store.player_by_name("Ana") is None


def test_rename_to_the_same_name_in_other_case(store: Store, ana: Player) -> None:
    renamed = store.rename_player(ana.id, "ANA")
    assert isinstance(renamed, Player)
    assert renamed.name == "ANA"


def test_rename_to_a_taken_name_is_rejected(store: Store, ana: Player) -> None:
    store.create_player("Bob")
    rejected = store.rename_player(ana.id, "bob")
    assert isinstance(rejected, NameRejected)
    assert rejected.message == "There is already a player called Bob."
    assert store.player(ana.id) == ana


def test_deleting_a_player_deletes_their_rounds_trophies_and_round_in_progress(
    store: Store, ana: Player
) -> None:
    bob = add_player(store, "Bob")
    ana_round = save(store, ana.id, medal="gold", trophies=["flawless"])
    bob_round = save(store, bob.id, trophies=["flawless"])
    store.save_in_progress(ana.id, "solar-system", {"actions": []})

    assert store.delete_player(ana.id) is None

    assert store.players() == [bob]
    assert store.round(ana_round.round_id) is None
    assert store.answers(ana_round.round_id) == ()
    assert store.earned_trophies(ana.id) == {}
    assert store.in_progress(ana.id) is None
    assert store.round(bob_round.round_id) is not None
    assert set(store.earned_trophies(bob.id)) == {"flawless"}


def test_a_deleted_player_leaves_no_trace_in_the_file_nor_its_log(store: Store) -> None:
    name, typed = "Quetzalina Wibbleford", "Zanzibarical porcupine"
    forgotten, kept = add_player(store, name), add_player(store, "Bob")
    summary = make_summary()
    answers = (dataclasses.replace(summary.answers[0], response=typed), *summary.answers[1:])
    for _ in range(3):
        store.save_round(
            forgotten.id,
            dataclasses.replace(summary, answers=answers),
            pack_sha256="0" * 64,
            mystery_image="saturn.png",
            medal="gold",
            trophies=["flawless"],
            played_at=MONDAY_9AM,
        )
        save(store, kept.id)
    store.save_in_progress(forgotten.id, "solar-system", {"actions": [["answer", typed]]})
    files = (store.path, Path(f"{store.path}-wal"))
    traces = [text.encode() for text in (name, name.casefold(), typed)]
    assert any(trace in path.read_bytes() for path in files for trace in traces)  # it was there

    assert store.delete_player(forgotten.id) is None

    for path in files:
        if path.exists():  # while the game still runs, as the teacher deleted from its screen
            content = path.read_bytes()
            assert not [trace for trace in traces if trace in content], path.name
    assert [p.name for p in store.players()] == ["Bob"]
    assert len(store.history(kept.id)) == 3


# -- extra time ----------------------------------------------------------------------


def test_a_new_player_has_no_extra_time(store: Store, ana: Player) -> None:
    assert ana.extra_time == 1.0
    assert store.player(ana.id) == ana


@pytest.mark.parametrize("extra_time", [1.5, 2.0, 3.0, None, 1.0])
def test_extra_time_is_saved_with_the_player(data_dir, store: Store, extra_time) -> None:
    ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
    saved = store.set_extra_time(ana.id, 2.0)
    saved = store.set_extra_time(ana.id, extra_time)
    assert saved == Player(ana.id, "Ana", ana.created_at, extra_time=extra_time)
    store.close()
    reopened = open_store(data_dir).store
    assert reopened is not None
    assert reopened.player(ana.id).extra_time == extra_time  # type: ignore[union-attr]
    assert reopened.player_by_name("ana").extra_time == extra_time  # type: ignore[union-attr]
    assert [p.extra_time for p in reopened.players()] == [extra_time, 1.0]
    assert [r.player.extra_time for r in reopened.player_overview()] == [extra_time, 1.0]
    assert reopened.player(bob.id) == bob
    reopened.close()


def test_renaming_keeps_the_extra_time(store: Store, ana: Player) -> None:
    store.set_extra_time(ana.id, 3.0)
    renamed = store.rename_player(ana.id, "Anna")
    assert isinstance(renamed, Player)
    assert renamed.extra_time == 3.0


@pytest.mark.parametrize("bad", [0.0, 2.5, 10.0, -1.0, True, "2", float("nan")])
def test_only_the_offered_extra_times_are_taken(store: Store, ana: Player, bad: object) -> None:
    with pytest.raises(ValueError, match="extra time"):
        store.set_extra_time(ana.id, bad)  # type: ignore[arg-type]
    assert store.player(ana.id) == ana


def test_extra_time_for_an_unknown_player_is_a_bug(store: Store) -> None:
    with pytest.raises(KeyError):
        store.set_extra_time(999, 2.0)
