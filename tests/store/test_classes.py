"""A teacher's classes on a real SQLite file: members, several classes, names, cascades,
failures as values, migration, backup and repair."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clarity.store import (
    Enrolment,
    NameRejected,
    Player,
    SaveFailed,
    SchoolClass,
    Store,
    open_store,
)
from clarity.store.backup import write_backup
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION, migrate
from clarity.store.repair import repair
from clarity.store.restore import restore_backup

from .factories import MONDAY_9AM, add_player, save
from .filesystems import make_read_only, writable_then_read_only


def _made(store: Store, name: str) -> SchoolClass:
    made = store.create_class(name)
    assert isinstance(made, SchoolClass), made
    return made


def _names(school_class: SchoolClass | None) -> list[str]:
    assert school_class is not None
    return [member.name for member in school_class.members]


def test_a_new_class_is_empty_and_listed(store: Store) -> None:
    made = _made(store, "  5B  ")
    assert (made.name, made.members) == ("5B", ())
    assert store.classes() == [made]
    assert store.class_by_name("5b") == made


def test_players_put_in_a_class_are_its_members_by_name(store: Store, ana: Player) -> None:
    zoe, bob = add_player(store, "Zoe"), add_player(store, "Bob")
    made = _made(store, "5B")

    saved = store.add_to_class(made.id, [zoe.id, ana.id, bob.id, ana.id])

    assert isinstance(saved, SchoolClass)
    assert _names(saved) == ["Ana", "Bob", "Zoe"]
    assert _names(store.class_by_name("5B")) == ["Ana", "Bob", "Zoe"]


def test_adding_a_member_again_keeps_them_once(store: Store, ana: Player) -> None:
    made = _made(store, "5B")
    store.add_to_class(made.id, [ana.id])
    assert _names(store.add_to_class(made.id, [ana.id])) == ["Ana"]  # type: ignore[arg-type]


def test_a_player_may_be_in_several_classes(store: Store, ana: Player) -> None:
    bob = add_player(store, "Bob")
    maths, choir = _made(store, "Maths club"), _made(store, "Choir")
    store.add_to_class(maths.id, [ana.id, bob.id])
    store.add_to_class(choir.id, [ana.id])

    assert [c.name for c in store.classes_of(ana.id)] == ["Choir", "Maths club"]
    assert [c.name for c in store.classes_of(bob.id)] == ["Maths club"]
    assert [(c.name, _names(c)) for c in store.classes()] == [
        ("Choir", ["Ana"]),
        ("Maths club", ["Ana", "Bob"]),
    ]


def test_a_player_taken_out_stays_a_player_and_in_other_classes(store: Store, ana: Player) -> None:
    bob = add_player(store, "Bob")
    maths, choir = _made(store, "Maths club"), _made(store, "Choir")
    store.add_to_class(maths.id, [ana.id, bob.id])
    store.add_to_class(choir.id, [ana.id])

    saved = store.remove_from_class(maths.id, [ana.id])

    assert _names(saved) == ["Bob"]  # type: ignore[arg-type]
    assert [p.name for p in store.players()] == ["Ana", "Bob"]
    assert _names(store.class_by_name("Choir")) == ["Ana"]


def test_renaming_a_class_keeps_its_members(store: Store, ana: Player) -> None:
    made = _made(store, "5B")
    store.add_to_class(made.id, [ana.id])

    renamed = store.rename_class(made.id, "6B")

    assert isinstance(renamed, SchoolClass)
    assert (renamed.id, renamed.name, _names(renamed)) == (made.id, "6B", ["Ana"])
    assert store.class_by_name("5B") is None


def test_a_class_may_be_renamed_to_its_own_name_in_other_case(store: Store) -> None:
    made = _made(store, "5b")
    renamed = store.rename_class(made.id, "5B")
    assert isinstance(renamed, SchoolClass)
    assert renamed.name == "5B"


def test_deleting_a_class_keeps_its_players_and_their_rounds(store: Store, ana: Player) -> None:
    made = _made(store, "5B")
    store.add_to_class(made.id, [ana.id])
    played = save(store, ana.id)

    assert store.delete_class(made.id) is None

    assert store.classes() == []
    assert store.players() == [ana]
    assert store.round(played.round_id) is not None
    assert store.classes_of(ana.id) == []


def test_deleting_a_player_takes_them_out_of_every_class(store: Store, ana: Player) -> None:
    bob = add_player(store, "Bob")
    maths, choir = _made(store, "Maths club"), _made(store, "Choir")
    store.add_to_class(maths.id, [ana.id, bob.id])
    store.add_to_class(choir.id, [ana.id])

    assert store.delete_player(ana.id) is None

    assert [(c.name, _names(c)) for c in store.classes()] == [
        ("Choir", []),
        ("Maths club", ["Bob"]),
    ]
    rows = sqlite3.connect(store.path).execute("SELECT player_id FROM class_member").fetchall()
    assert rows == [(bob.id,)]


@pytest.mark.parametrize("again", ["5b", "5B", " 5B "])
def test_a_class_name_is_taken_whatever_the_case(store: Store, again: str) -> None:
    _made(store, "5B")
    rejected = store.create_class(again)
    assert isinstance(rejected, NameRejected)
    assert rejected.message == "There is already a class called 5B."
    assert len(store.classes()) == 1


def test_renaming_to_a_taken_class_name_is_rejected(store: Store) -> None:
    _made(store, "5B")
    other = _made(store, "6A")
    rejected = store.rename_class(other.id, "5b")
    assert isinstance(rejected, NameRejected)
    assert rejected.message == "There is already a class called 5B."
    assert [c.name for c in store.classes()] == ["5B", "6A"]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("   ", "Please type a name."),
        ("x" * 41, "A name can have at most 40 characters."),
        ("5\x1bB", "A name cannot contain the control character U+001B."),
        ("5\u202eB", "A name cannot contain U+202E, which changes the direction of the text."),
    ],
)
def test_a_class_name_follows_the_rules_of_a_player_name(
    store: Store, name: str, said: str
) -> None:
    rejected = store.create_class(name)
    assert isinstance(rejected, NameRejected)
    assert rejected.message == said
    assert store.classes() == []


def test_a_class_and_a_player_may_share_a_name(store: Store, ana: Player) -> None:
    assert _made(store, "Ana").name == "Ana"


# -- a class list typed at once ---------------------------------------------------------


def test_enrolling_makes_the_class_and_the_players_nobody_has_the_name_of(
    store: Store, ana: Player
) -> None:
    enrolled = store.enrol("5B", ["ana", "Ben Li", "ben  li", "Zoe"])

    assert isinstance(enrolled, Enrolment)
    assert enrolled.class_created
    assert [p.name for p in enrolled.players_created] == ["Ben Li", "Zoe"]
    assert _names(enrolled.school_class) == ["Ana", "Ben Li", "Zoe"]
    assert [p.name for p in store.players()] == ["Ana", "Ben Li", "Zoe"]


def test_enrolling_into_a_class_there_is_adds_to_it(store: Store, ana: Player) -> None:
    store.enrol("5B", ["Ana"])
    enrolled = store.enrol("5b", ["Bob"])
    assert isinstance(enrolled, Enrolment)
    assert not enrolled.class_created
    assert (enrolled.school_class.name, _names(enrolled.school_class)) == ("5B", ["Ana", "Bob"])


def test_a_refused_name_in_a_class_list_saves_nothing(store: Store) -> None:
    rejected = store.enrol("5B", ["Ana", "B\x07ob"])
    assert isinstance(rejected, NameRejected)
    assert rejected.message == "A name cannot contain the control character U+0007."
    assert (store.classes(), store.players()) == ([], [])


# -- failures are values ----------------------------------------------------------------


def test_a_read_only_folder_gives_values_and_keeps_the_classes_readable(tmp_path: Path) -> None:
    with writable_then_read_only(tmp_path / "data") as data_dir:
        with open_store(data_dir, now=lambda: MONDAY_9AM).store as store:  # type: ignore[union-attr]
            store.enrol("5B", ["Ana", "Bob"])
        make_read_only(data_dir)

        opening = open_store(data_dir)
        store = opening.store
        assert store is not None
        assert not store.saving
        notice = f"Saving is off: the data folder {data_dir} is read-only."
        made = store.class_by_name("5B")
        assert _names(made) == ["Ana", "Bob"]
        assert made is not None
        ana = store.player_by_name("Ana")
        assert ana is not None
        results = {
            "create": store.create_class("6A"),
            "rename": store.rename_class(made.id, "6B"),
            "delete": store.delete_class(made.id),
            "add": store.add_to_class(made.id, [ana.id]),
            "remove": store.remove_from_class(made.id, [ana.id]),
            "enrol": store.enrol("5B", ["Zoe"]),
        }
        for what, result in results.items():
            assert isinstance(result, SaveFailed), what
            assert result.message.startswith(notice), what
        assert results["create"].message == f"{notice} The class was not made."  # type: ignore[union-attr]
        assert results["remove"].message == f"{notice} The class was not changed."  # type: ignore[union-attr]
        assert _names(store.class_by_name("5B")) == ["Ana", "Bob"]
        store.close()


def test_a_full_database_gives_a_value_and_changes_nothing(data_dir: Path, store: Store) -> None:
    made = _made(store, "5B")
    # the only way to cap one connection's file: max_page_count is per connection
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    failed = store.enrol("5B", [f"Player {n}" for n in range(400)])

    assert isinstance(failed, SaveFailed)
    assert failed.message == (
        f"Saving is off: the data folder {data_dir} is full. The class was not changed."
    )
    assert store.classes() == [made]
    assert store.players() == []


# -- the file: migration, backup, repair --------------------------------------------------


def test_a_file_of_the_version_before_classes_keeps_its_players_and_takes_classes(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    migrate(conn, target=3)
    conn.execute("INSERT INTO player VALUES (1, 'Ана', 'ана', '2026-09-01T08:00:00+03:00', NULL)")
    conn.close()

    opening = open_store(data_dir, now=lambda: MONDAY_9AM)

    store = opening.store
    assert store is not None
    assert opening.notice is None
    (ana,) = store.players()
    assert (ana.name, ana.extra_time) == ("Ана", None)
    assert store.classes() == []
    enrolled = store.enrol("5Б", ["ана"])
    assert isinstance(enrolled, Enrolment)
    assert enrolled.school_class.members == (ana,)
    assert sqlite3.connect(store.path).execute("PRAGMA user_version").fetchone() == (
        SCHEMA_VERSION,
    )
    store.close()


def test_a_backup_restored_elsewhere_keeps_the_classes(tmp_path: Path) -> None:
    old = tmp_path / "old-laptop"
    with open_store(old / "data", now=lambda: MONDAY_9AM).store as store:  # type: ignore[union-attr]
        store.enrol("5B", ["Ana", "Bob"])
        store.enrol("Choir", ["Ana"])
    archive = write_backup(
        tmp_path / "backup.zip", old / "data", old / "settings.ini", now=MONDAY_9AM
    ).path

    new = tmp_path / "new-laptop"
    restore_backup(archive, new / "data", new / "settings.ini", replace=False, now=MONDAY_9AM)

    with open_store(new / "data").store as store:  # type: ignore[union-attr]
        assert [(c.name, _names(c)) for c in store.classes()] == [
            ("5B", ["Ana", "Bob"]),
            ("Choir", ["Ana"]),
        ]


def test_a_repair_keeps_the_classes_and_their_members(data_dir: Path, store: Store) -> None:
    store.enrol("5B", ["Ana", "Bob"])
    store.close()

    repair(data_dir / DB_FILENAME, MONDAY_9AM, close=lambda: None)

    with open_store(data_dir).store as repaired:  # type: ignore[union-attr]
        assert _names(repaired.class_by_name("5B")) == ["Ana", "Bob"]
