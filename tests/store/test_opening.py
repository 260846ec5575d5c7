"""Opening the store: a corrupt file is moved aside, a read-only or full folder turns saving off.

Each test uses a real file or a real file system; none of them mocks SQLite.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime
from pathlib import Path

import pytest

from clarity.store import Player, SaveFailed, open_store
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION

from .factories import add_player, save, try_save
from .filesystems import make_read_only, tmpfs, writable_then_read_only

GARBAGE = b"This is not a database. " * 200
MOMENT = datetime(2026, 11, 27, 10, 15, 0)


def _write_garbage(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / DB_FILENAME
    path.write_bytes(GARBAGE)
    return path


def _fill(data_dir: Path, rounds: int = 3) -> list[str]:
    """A store with a player and some rounds; return the round ids."""
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        ana = add_player(store, "Ana")
        return [save(store, ana.id).round_id for _ in range(rounds)]


def test_the_data_folder_and_file_are_created(tmp_path: Path) -> None:
    data_dir = tmp_path / "deep" / "er" / "data"
    opening = open_store(data_dir)
    assert opening.notice is None
    assert opening.store is not None
    assert opening.store.saving
    assert opening.store.path == data_dir / DB_FILENAME
    opening.store.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()


def test_nothing_is_left_behind_but_the_database(data_dir: Path) -> None:
    opening = open_store(data_dir)
    assert opening.store is not None
    opening.store.close()
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILENAME]


def test_a_garbage_file_is_copied_aside_and_a_fresh_store_started(data_dir: Path) -> None:
    path = _write_garbage(data_dir)
    (data_dir / f"{DB_FILENAME}-wal").write_bytes(b"stale wal")

    opening = open_store(data_dir, now=lambda: MOMENT)

    aside = data_dir / f"{DB_FILENAME}.corrupt-20261127-101500"
    assert opening.notice == (
        f"The saved data at {path} was damaged: 0 rounds and 0 players were kept in a fresh "
        f"file, and the damaged file was copied to {aside.name} beside it."
    )
    assert aside.read_bytes() == GARBAGE  # never deleted
    assert Path(f"{aside}-wal").read_bytes() == b"stale wal"  # its companion went with it
    # and the stale log is not left beside the fresh file, where SQLite would replay it
    assert b"stale wal" not in Path(f"{path}-wal").read_bytes()
    assert opening.store is not None
    assert opening.store.saving
    assert opening.store.players() == []
    assert isinstance(opening.store.create_player("Ana"), Player)
    opening.store.close()


def test_moving_aside_twice_in_one_second_keeps_both(data_dir: Path) -> None:
    _write_garbage(data_dir)
    first = open_store(data_dir, now=lambda: MOMENT)
    assert first.store is not None
    first.store.close()
    (data_dir / DB_FILENAME).write_bytes(GARBAGE[::-1])  # other garbage: a copy of its own
    second = open_store(data_dir, now=lambda: MOMENT)
    assert second.store is not None
    second.store.close()
    asides = sorted(p.name for p in data_dir.glob(f"{DB_FILENAME}.corrupt-*"))
    assert asides == [
        f"{DB_FILENAME}.corrupt-20261127-101500",
        f"{DB_FILENAME}.corrupt-20261127-101500-2",
    ]
    assert second.notice is not None
    assert asides[1] in second.notice


def test_an_sqlite_file_of_another_program_is_moved_aside(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    other = sqlite3.connect(data_dir / DB_FILENAME)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    opening = open_store(data_dir, now=lambda: MOMENT)
    assert opening.notice is not None
    assert "moved to" in opening.notice
    assert opening.store is not None
    opening.store.close()
    kept = sqlite3.connect(data_dir / f"{DB_FILENAME}.corrupt-20261127-101500")
    assert kept.execute("SELECT count(*) FROM recipes").fetchone() == (0,)
    kept.close()


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of ``table`` with garbage, as a failing disk might."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.close()
    with path.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * page_size)


def test_a_damaged_player_table_is_found_at_start(data_dir: Path) -> None:
    _fill(data_dir)
    _damage_table(data_dir / DB_FILENAME, "player")
    opening = open_store(data_dir, now=lambda: MOMENT)
    assert opening.notice is not None
    assert "3 rounds and 1 player (1 with their name in lower case)" in opening.notice
    assert (data_dir / f"{DB_FILENAME}.corrupt-20261127-101500").exists()
    assert opening.store is not None
    # the player's row was on the damaged page; the index of names still had "ana"
    assert [p.name for p in opening.store.players()] == ["ana"]
    assert len(opening.store.history(1)) == 3
    opening.store.close()


def test_damage_seen_while_playing_is_repaired_there_and_the_round_saved(
    data_dir: Path,
) -> None:
    ids = _fill(data_dir)
    _damage_table(data_dir / DB_FILENAME, "round")
    # The round table is too big to check before the first frame: this start misses it...
    opening = open_store(data_dir, now=lambda: MOMENT)
    assert opening.notice is None
    assert opening.store is not None
    ana = opening.store.player_by_name("Ana")
    assert ana is not None
    # ...until SQLite trips over it: the file is repaired there, and the round saved.
    result = try_save(opening.store, ana.id)
    assert not isinstance(result, SaveFailed)
    assert opening.store.saving
    assert opening.store.notice is not None
    assert "damaged" in opening.store.notice
    assert [r.round_id for r in opening.store.history(ana.id)] == [result.round_id]
    opening.store.close()
    assert len(ids) == 3  # the three old rounds were on the one damaged page
    assert (data_dir / f"{DB_FILENAME}.corrupt-20261127-101500").exists()

    after = open_store(data_dir, now=lambda: MOMENT)
    assert after.notice is None  # repaired for good
    assert after.store is not None
    after.store.close()


def test_a_file_from_a_newer_version_is_left_untouched(data_dir: Path) -> None:
    _fill(data_dir)
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()

    opening = open_store(data_dir)

    assert opening.store is None
    assert opening.notice is not None
    assert "newer version" in opening.notice
    assert path.read_bytes() == before


def test_a_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    data_dir = tmp_path / "a-file" / "data"
    opening = open_store(data_dir)
    assert opening.store is None
    assert opening.notice is not None
    assert opening.notice.startswith(f"Saving is off: the data folder {data_dir} cannot be used")


def test_a_read_only_folder_turns_saving_off_but_keeps_the_data_readable(
    tmp_path: Path,
) -> None:
    with writable_then_read_only(tmp_path / "data") as data_dir:
        saved = _fill(data_dir)
        make_read_only(data_dir)

        opening = open_store(data_dir)

        notice = f"Saving is off: the data folder {data_dir} is read-only."
        assert opening.notice == notice
        store = opening.store
        assert store is not None
        assert not store.saving
        assert store.notice == notice
        (ana,) = store.players()
        assert [r.round_id for r in store.history(ana.id)] == saved[::-1]
        result = try_save(store, ana.id)
        assert isinstance(result, SaveFailed)
        assert result.message == f"{notice} This round was not saved."
        assert isinstance(store.save_in_progress(ana.id, "solar-system", {}), SaveFailed)
        assert isinstance(store.create_player("Bob"), SaveFailed)
        failed = store.set_extra_time(ana.id, 2.0)
        assert isinstance(failed, SaveFailed)
        assert failed.message == f"{notice} The extra time was not saved."
        assert store.player(ana.id) == ana
        store.close()


def test_a_read_only_folder_without_data_plays_without_a_store(tmp_path: Path) -> None:
    with writable_then_read_only(tmp_path / "data") as data_dir:
        make_read_only(data_dir)
        opening = open_store(data_dir)
        assert opening.store is None
        assert opening.notice == f"Saving is off: the data folder {data_dir} is read-only."


def test_a_folder_that_fills_up_during_play_turns_saving_off(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "320k") as data_dir:
        opening = open_store(data_dir)
        assert opening.store is not None, opening.notice
        store = opening.store
        ana = add_player(store, "Ana")
        saved: list[str] = []
        for _ in range(2000):
            result = try_save(store, ana.id, medal="gold", trophies=("flawless",), right=8, wrong=4)
            if isinstance(result, SaveFailed):
                break
            saved.append(result.round_id)
        else:
            pytest.fail("320 KiB never filled up")

        notice = f"Saving is off: the data folder {data_dir} is full."
        assert isinstance(result, SaveFailed)
        assert result.message == f"{notice} This round was not saved."
        assert (store.saving, store.notice) == (False, notice)
        assert isinstance(store.save_in_progress(ana.id, "solar-system", {}), SaveFailed)
        assert len(store.history(ana.id, limit=5000)) == len(saved)  # reading still works
        store.close()

        conn = sqlite3.connect(data_dir / DB_FILENAME)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert {row[0] for row in conn.execute("SELECT uuid FROM round")} == set(saved)
        conn.close()


def test_a_full_folder_at_start_turns_saving_off(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "64k") as data_dir:
        (data_dir / "filler").write_bytes(b"\0" * 60_000)
        with pytest.raises(OSError, match="No space left"):
            (data_dir / "more").write_bytes(b"\0" * 8192)
        opening = open_store(data_dir / "data")
        assert opening.store is None
        assert opening.notice == f"Saving is off: the data folder {data_dir / 'data'} is full."


def test_sqlite_reporting_a_full_database_turns_saving_off(data_dir: Path) -> None:
    """Runs anywhere: capping the file's pages makes SQLite raise its real SQLITE_FULL."""
    opening = open_store(data_dir)
    store = opening.store
    assert store is not None
    ana = add_player(store, "Ana")
    # The only way to cap one connection's file: max_page_count is per connection.
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    results = [try_save(store, ana.id, right=8, wrong=4) for _ in range(50)]
    failed = [r for r in results if isinstance(r, SaveFailed)]
    assert failed, "the capped file never filled up"
    assert failed[0].message == (
        f"Saving is off: the data folder {data_dir} is full. This round was not saved."
    )
    assert not store.saving
    store.close()


def test_opening_is_fast(data_dir: Path) -> None:
    """Not a benchmark (see benchmarks/bench_store.py): a guard against heavy work on open."""
    _fill(data_dir, rounds=50)
    started = time.perf_counter()
    opening = open_store(data_dir)
    elapsed = time.perf_counter() - started
    assert opening.store is not None
    opening.store.close()
    assert elapsed < 0.25, f"opening took {elapsed * 1000:.0f} ms"
    assert os.path.exists(data_dir / DB_FILENAME)
