"""clarity backup, clarity restore and clarity players --delete, on real folders; the games
that hold a player or the saved data are real processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pytest

import clarity
from clarity import cli
from clarity.store import open_store
from clarity.store.db import DB_FILENAME
from clarity.store.repair import copy_aside
from store.factories import MONDAY_9AM, add_player, save
from store.test_ownership import holding, stop


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _fill(data_dir: Path) -> None:
    """Ana: two rounds, two trophies and a round in progress; Bob: one round."""
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
        save(store, ana.id, trophies=["flawless", "first-light"], medal="gold")
        save(store, ana.id, trophies=["first-light"], played_at=MONDAY_9AM + timedelta(days=1))
        save(store, bob.id, trophies=["first-light"])
        store.save_in_progress(ana.id, "solar-system", {"actions": []})
    packs = data_dir / "packs"
    packs.mkdir()
    (packs / "rivers.yaml").write_text("title: Rivers\n", encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    _fill(folder)
    return folder


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(clarity.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env


# --- backup and restore -------------------------------------------------------------------


def test_backup_says_what_it_wrote(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["settings", "timer=off"])
    capsys.readouterr()
    target = tmp_path / "class 5B.zip"
    status, out, err = _run(capsys, "backup", str(target), "--data-dir", str(data))
    assert (status, err) == (0, "")
    size = target.stat().st_size
    # Babel rounds the decimal written (5.55 -> 5.6), not the binary float (5.5499...).
    step = Decimal("0.1") if size < 10_000 else Decimal("1")
    shown = f"{Decimal(str(size / 1000)).quantize(step, ROUND_HALF_EVEN)} KB"
    assert out == (
        f"Backed up 2 players, 3 rounds, 1 pack and the settings to {target} ({shown})\n"
    )


def test_backup_of_an_empty_data_folder_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    status, out, err = _run(
        capsys, "backup", str(tmp_path / "b.zip"), "--data-dir", str(tmp_path / "empty")
    )
    assert (status, out) == (1, "")
    assert (
        err
        == f"clarity: {tmp_path / 'empty'}: there is no saved data, pack or settings to back up\n"
    )
    assert not (tmp_path / "b.zip").exists()


def test_restore_on_a_new_computer_says_what_it_restored(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "b.zip"
    assert cli.main(["backup", str(archive), "--data-dir", str(data)]) == 0
    capsys.readouterr()
    laptop = tmp_path / "new-laptop"
    status, out, err = _run(capsys, "restore", str(archive), "--data-dir", str(laptop))
    assert (status, err) == (0, "")
    assert out.startswith(f"Restored 2 players, 3 rounds, 1 pack from {archive} (made ")
    assert out.endswith(f") into {laptop}\n")
    status, out, _ = _run(capsys, "players", "--data-dir", str(laptop))
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["Ana", "Bob"]


def test_restore_over_saved_data_needs_replace_and_then_says_where_the_old_data_is(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "b.zip"
    assert cli.main(["backup", str(archive), "--data-dir", str(data)]) == 0
    capsys.readouterr()
    before = (data / DB_FILENAME).read_bytes()
    status, out, err = _run(capsys, "restore", str(archive), "--data-dir", str(data))
    assert (status, out) == (1, "")
    assert err == (
        f"clarity: {data}: already holds 2 players and 3 rounds; nothing was changed. "
        "Add --replace to keep them aside and restore the backup\n"
    )
    assert (data / DB_FILENAME).read_bytes() == before
    status, out, err = _run(capsys, "restore", str(archive), "--data-dir", str(data), "--replace")
    assert (status, err) == (0, "")
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("data.before-restore-")]
    assert len(aside) == 1
    assert f"What was in the data folder before is kept in {aside[0]}\n" in out
    assert (aside[0] / DB_FILENAME).is_file()


@pytest.mark.parametrize(
    "content",
    [b"not a zip at all", b"PK\x03\x04" + b"\x00" * 100],
    ids=["text", "a zip's first bytes only"],
)
def test_a_bad_archive_is_one_line_from_the_real_command(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "clarity", "restore", str(bad), "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.startswith(f"clarity: {bad}: is not a Clarity backup, or it was cut short")
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "d").exists()


@pytest.fixture
def game_at_its_title(data: Path) -> Iterator[subprocess.Popen[str]]:
    """A game with the saved data open and no player chosen yet (so it holds no player)."""
    script = textwrap.dedent(
        f"""
        import sys
        from clarity.store import open_store
        opening = open_store({str(data)!r})
        print("open", flush=True)
        sys.stdin.read()
        """
    )
    game = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert game.stdout is not None
    assert game.stdout.readline() == "open\n"
    yield game
    stop(game)


def test_restore_refuses_while_a_game_has_the_data_open(
    tmp_path: Path,
    data: Path,
    game_at_its_title: subprocess.Popen[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    archive = tmp_path / "b.zip"
    assert cli.main(["backup", str(archive), "--data-dir", str(data)]) == 0
    capsys.readouterr()
    status, out, err = _run(capsys, "restore", str(archive), "--data-dir", str(data), "--replace")
    assert (status, out) == (1, "")
    assert err == (
        f"clarity: {data}: a game is running on this data folder; close it first; "
        "nothing was changed\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.zip", "data"]


def test_restore_refuses_while_a_player_is_playing(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "b.zip"
    assert cli.main(["backup", str(archive), "--data-dir", str(data)]) == 0
    capsys.readouterr()
    game = holding(data, "Bob")
    try:
        status, _, err = _run(capsys, "restore", str(archive), "--data-dir", str(data), "--replace")
    finally:
        stop(game)
    assert status == 1
    assert err.startswith(f"clarity: {data}: Bob is already playing in another window.")
    assert not [p for p in tmp_path.iterdir() if "before-restore" in p.name]


# --- players --delete ---------------------------------------------------------------------


def _count(conn: sqlite3.Connection, sql: str, *values: object) -> int:
    return int(conn.execute(sql, values).fetchone()[0])


def _rows_of(database: Path, player_name: str) -> dict[str, int]:
    """How many rows of each table belong to the player called ``player_name``; once they
    are deleted, the rows tied to a player or round that no longer exists."""
    conn = sqlite3.connect(database)
    try:
        found = conn.execute("SELECT id FROM player WHERE name = ?", (player_name,)).fetchone()
        if found is None:
            return {
                f"{table}.{column}": _count(
                    conn,
                    f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT id FROM {to})",
                )
                for table, column, to in (
                    ("round", "player_id", "player"),
                    ("round_trophy", "player_id", "player"),
                    ("in_progress", "player_id", "player"),
                    ("answer", "round_id", "round"),
                    ("guess", "round_id", "round"),
                    ("round_trophy", "round_id", "round"),
                )
            }
        return {
            "player": 1,
            "round": _count(conn, "SELECT count(*) FROM round WHERE player_id = ?", found[0]),
            "in_progress": _count(
                conn, "SELECT count(*) FROM in_progress WHERE player_id = ?", found[0]
            ),
        }
    finally:
        conn.close()


def test_deleting_a_player_leaves_no_row_of_theirs(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = data / DB_FILENAME
    assert _rows_of(database, "Ana") == {"player": 1, "round": 2, "in_progress": 1}
    status, out, err = _run(capsys, "players", "--delete", "ana", "--data-dir", str(data))
    assert (status, err) == (0, "")
    assert out == "Deleted Ana: 2 rounds, 2 trophies.\n"
    assert set(_rows_of(database, "Ana").values()) == {0}
    conn = sqlite3.connect(database)
    try:
        assert conn.execute("SELECT name FROM player").fetchall() == [("Bob",)]
        assert conn.execute("SELECT count(*) FROM answer").fetchone() == (4,)  # Bob's only
        assert conn.execute("SELECT count(*) FROM guess").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM round_trophy").fetchone() == (1,)
    finally:
        conn.close()


def test_deleting_an_unknown_player_lists_the_players(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(capsys, "players", "--delete", "Zed", "--data-dir", str(data))
    assert (status, out) == (1, "")
    assert err == 'clarity: there is no player called "Zed"; the players are: Ana, Bob\n'


def test_deleting_a_player_who_is_playing_is_refused(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    game = holding(data, "Ana")
    try:
        status, out, err = _run(capsys, "players", "--delete", "Ana", "--data-dir", str(data))
    finally:
        stop(game)
    assert (status, out) == (1, "")
    assert err == "clarity: Ana is already playing in another window. Nothing was deleted.\n"
    assert _rows_of(data / DB_FILENAME, "Ana") == {"player": 1, "round": 2, "in_progress": 1}


def test_delete_and_extra_time_together_is_a_usage_error(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(
        capsys, "players", "--delete", "Ana", "--extra-time", "Bob=x2", "--data-dir", str(data)
    )
    assert status == 2
    assert "either --delete or --extra-time" in err


def test_deleting_a_player_names_the_copies_of_damaged_data_that_still_hold_them(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = data / DB_FILENAME
    first = copy_aside(database, MONDAY_9AM)  # as the repair keeps damaged data, twice
    last = database.stat().st_size - 1
    kept = database.read_bytes()[last:]
    with open(database, "r+b") as file:  # other damage, so a second copy is made
        file.seek(last)
        file.write(b"\xa5")
    second = copy_aside(database, MONDAY_9AM + timedelta(days=2))
    with open(database, "r+b") as file:  # the live file itself is sound again
        file.seek(last)
        file.write(kept)
    status, out, err = _run(capsys, "players", "--delete", "Ana", "--data-dir", str(data))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Deleted Ana: 2 rounds, 2 trophies.",
        "2 copies of damaged saved data beside it may still hold what was saved before: "
        f"{first}, {second}; delete them once you no longer need them.",
    ]
    assert _rows_of(first, "Ana")["round"] == 2  # what the line warns of


def test_deleting_a_player_names_the_data_folder_a_restore_kept_aside(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "b.zip"
    assert _run(capsys, "backup", str(archive), "--data-dir", str(data))[0] == 0
    status, out, _ = _run(capsys, "restore", str(archive), "--replace", "--data-dir", str(data))
    assert status == 0
    aside = next(tmp_path.glob("data.before-restore-*"))
    assert str(aside) in out
    status, out, err = _run(capsys, "players", "--delete", "Bob", "--data-dir", str(data))
    assert (status, err) == (0, "")
    assert out.splitlines()[1] == (
        f"1 data folder kept aside by clarity restore may still hold what was saved before: "
        f"{aside}; delete it once you no longer need it."
    )


def test_backup_names_the_files_in_the_packs_folder_it_leaves_out(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "packs" / "old.zip").write_bytes(b"PK an earlier backup")
    target = tmp_path / "b.zip"
    status, out, err = _run(capsys, "backup", str(target), "--data-dir", str(data))
    assert (status, err) == (0, "")
    assert out.splitlines()[1] == (
        "Left out 1 file in the packs folder that is neither a pack nor a picture "
        f"(such as {data / 'packs' / 'old.zip'}): a backup saved there would carry old "
        "data along."
    )


def test_backup_into_the_data_folder_is_one_line_and_writes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = data / "packs" / "x.zip"
    status, out, err = _run(capsys, "backup", str(target), "--data-dir", str(data))
    assert (status, out) == (1, "")
    assert err.startswith(f"clarity: {target}: is inside the data folder {data}")
    assert err.count("\n") == 1
    assert not target.exists()


def test_a_restore_of_a_planted_trigger_is_refused_from_the_real_command(
    tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conn = sqlite3.connect(data / DB_FILENAME, isolation_level=None)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON round BEGIN DELETE FROM player; END")
    conn.close()
    archive = tmp_path / "b.zip"
    status, out, _ = _run(capsys, "backup", str(archive), "--data-dir", str(data))
    assert status == 0
    assert out.splitlines()[1] == (
        'Left out what another program added to the saved data: trigger "wipe"; the backup '
        "holds only the game's own tables."
    )
    new = tmp_path / "new-laptop"
    status, _, err = _run(capsys, "restore", str(archive), "--data-dir", str(new))
    assert status == 0, err
    conn = sqlite3.connect(new / DB_FILENAME)
    try:
        assert (
            conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() == []
        )
    finally:
        conn.close()
