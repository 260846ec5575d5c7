"""The schema moves forward from every earlier version, keeping what was saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clarity.store import open_store
from clarity.store.db import DB_FILENAME, MIGRATIONS, SCHEMA_VERSION, NewerSchemaError, migrate

ROUND_UUID = "6f1c2f4e-8f59-4c1e-9d43-0b7f4d1f0a11"
V3_ROUND_UUID = "0d6c7f0e-3b5a-4c55-8e0c-5f8f1a2b3c44"


def _seed_version_1(conn: sqlite3.Connection) -> None:
    """Rows written the way version 1 of the schema had them (frozen: never update this)."""
    conn.execute("INSERT INTO player VALUES (1, 'Ана', 'ана', '2026-09-01T08:00:00+03:00')")
    conn.execute(
        "INSERT INTO round VALUES (1, ?, 1, 'solar-system', ?, 2, 'saturn.png', 'Saturn', 42,"
        " 1, 0, 'guessed', 640, 400, 40, 0, 200, 0, 1000, 4, 1, 3, 12, 6, 75.5, 'gold',"
        " '2026-09-01T09:00:00+03:00', 1788242400.0, '2026-09-01')",
        (ROUND_UUID, "ab" * 32),
    )
    conn.execute(
        "INSERT INTO answer VALUES (1, 1, 5, 'q5', 'Saturn', 1, 3.5, 100, 10, 0, 0, 0, 1, 0)"
    )
    conn.execute("INSERT INTO guess VALUES (1, 1, 'Saturn', 1, 6, 12, 0, 0, 0, 200, 0, 0, 70.0)")
    conn.execute("INSERT INTO round_trophy VALUES (1, 'flawless', 1, 1788242400.0)")


def _seed_version_3(conn: sqlite3.Connection) -> None:
    """Rows written the way version 3 of the schema had them (frozen: never update this):
    a player with no time limit, and a round of theirs played at x2."""
    conn.execute(
        "INSERT INTO player (id, name, name_key, created_at, extra_time)"
        " VALUES (2, 'Bo', 'bo', '2026-10-01T08:00:00+03:00', NULL)"
    )
    conn.execute(
        "INSERT INTO round (id, uuid, player_id, pack_id, pack_sha256, mystery_index,"
        " mystery_image, mystery_answer, seed, timer, streaks, outcome, score, base_points,"
        " time_bonus, streak_bonus, image_bonus, penalty, best_possible, right_count,"
        " wrong_count, longest_streak, total_tiles, hidden_at_guess, seconds_played, medal,"
        " played_at, played_ts, played_day, time_scale)"
        " VALUES (2, ?, 2, 'solar-system', ?, 0, 'saturn.png', 'Saturn', 7, 1, 1, 'missed',"
        " 750, 500, 250, 0, 0, 0, 13000, 1, 0, 1, 16, 15, 20.0, NULL,"
        " '2026-10-01T09:00:00+03:00', 1790748000.0, '2026-10-01', 2.0)",
        (V3_ROUND_UUID, "cd" * 32),
    )


SEEDS = {1: _seed_version_1, 3: _seed_version_3}


def _build(data_dir: Path, version: int) -> Path:
    """A data folder whose file is at ``version`` (0: an empty file), with data in it."""
    data_dir.mkdir(parents=True)
    path = data_dir / DB_FILENAME
    path.write_bytes(b"")
    conn = sqlite3.connect(path, isolation_level=None)
    # Each version's rows go in while the file is at that version, as a game of that
    # version wrote them; the later steps then carry them forward.
    for step in range(1, version + 1):
        migrate(conn, target=step)
        if step in SEEDS:
            conn.execute("BEGIN")
            SEEDS[step](conn)
            conn.execute("COMMIT")
    assert conn.execute("PRAGMA user_version").fetchone() == (version,)
    conn.close()
    return path


def _schema(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    conn.close()
    return rows


def test_every_migration_has_a_seed_or_adds_no_data_to_check() -> None:
    # A reminder for whoever adds version N+1: write the rows version N had, in SEEDS.
    assert set(SEEDS) <= set(range(1, SCHEMA_VERSION + 1))
    assert len(MIGRATIONS) == SCHEMA_VERSION


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_store_at_an_earlier_version_is_brought_forward(tmp_path: Path, version: int) -> None:
    path = _build(tmp_path / "old", version)
    fresh = open_store(tmp_path / "fresh").store
    assert fresh is not None
    fresh.close()

    opening = open_store(path.parent)

    assert opening.notice is None
    store = opening.store
    assert store is not None
    assert _schema(path) == _schema(tmp_path / "fresh" / DB_FILENAME)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    if version >= 1:
        ana = store.player_by_name("Ана")  # version 3's seed adds Bo
        assert ana is not None
        assert ana.name == "Ана"
        assert ana.extra_time == 1.0  # nobody had extra time before it existed
        record = store.round(ROUND_UUID)
        assert record is not None
        assert (record.score, record.medal, record.trophies) == (640, "gold", ("flawless",))
        assert record.time_scale == 1.0  # played at the only time there was
        assert len(store.answers(ROUND_UUID)) == 1
        assert store.earned_trophies(ana.id)["flawless"].times == 1
        assert store.player_stats(ana.id).right_answers == 4
        assert store.in_progress(ana.id) is None
        assert store.save_in_progress(ana.id, "solar-system", {"actions": []}) is None
    store.close()


def test_the_extra_time_of_version_3_reads_back(tmp_path: Path) -> None:
    path = _build(tmp_path / "data", 3)
    store = open_store(path.parent).store
    assert store is not None
    bo = store.player_by_name("Bo")
    assert bo is not None
    assert bo.extra_time is None
    record = store.round(V3_ROUND_UUID)
    assert record is not None
    assert (record.player_name, record.time_scale) == ("Bo", 2.0)
    assert store.player_by_name("Ана").extra_time == 1.0  # type: ignore[union-attr]
    store.close()


@pytest.mark.parametrize(("table", "column"), [("player", "extra_time"), ("round", "time_scale")])
def test_version_3_refuses_a_time_scale_of_zero_or_less(
    tmp_path: Path, table: str, column: str
) -> None:
    path = _build(tmp_path / "data", 3)
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(f"UPDATE {table} SET {column} = 0")
    conn.close()


def test_a_step_that_fails_leaves_the_version_before_it(tmp_path: Path) -> None:
    path = _build(tmp_path / "data", 1)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE in_progress (x)")  # makes step 2 fail half-way
    with pytest.raises(sqlite3.OperationalError, match="already exists"):
        migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert conn.execute("SELECT uuid FROM round").fetchall() == [(ROUND_UUID,)]
    conn.close()


def test_migrating_a_current_file_changes_nothing(tmp_path: Path) -> None:
    path = _build(tmp_path / "data", SCHEMA_VERSION)
    before = path.read_bytes()
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn) == SCHEMA_VERSION
    conn.close()
    assert path.read_bytes() == before


def test_a_newer_file_is_refused(tmp_path: Path) -> None:
    path = _build(tmp_path / "data", SCHEMA_VERSION)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewerSchemaError):
        migrate(conn)
    conn.close()
