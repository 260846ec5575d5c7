"""The teacher's commands, run through ``cli.main`` on a temporary data folder."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import sqlite3
import stat
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from clarity import cli
from clarity.store import open_store
from clarity.store.db import DB_FILENAME
from ui.pack_files import write_pack

from .factories import MONDAY_9AM, add_player, save
from .filesystems import make_read_only, tmpfs, writable_then_read_only


def _fill(data_dir: Path) -> None:
    """Ana has played two packs, Bob one; Ana won gold and a trophy."""
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        ana, bob = add_player(store, "Ana"), add_player(store, "Боб")
        save(store, ana.id, score=900, right=5, wrong=0, medal="gold", trophies=["flawless"])
        save(
            store,
            ana.id,
            score=300,
            pack_id="union-state",
            played_at=MONDAY_9AM + timedelta(days=1),
        )
        save(store, bob.id, score=700, right=4, wrong=1, medal="silver", time_scale=2.0)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_players(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data_dir)
    status, out, err = _run(capsys, "players", "--data-dir", str(data_dir))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Player  Rounds  Right answers  Best score  Last played        Extra time",
        "------  ------  -------------  ----------  -----------------  ----------",
        "Ana          2              8         900  24/11/2026, 09:00  x1",
        "Боб          1              4         700  23/11/2026, 09:00  x1",
    ]


def test_players_shows_each_players_extra_time(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        for name, extra_time in [("Ana", 1.5), ("Bea", 2.0), ("Cy", 3.0), ("Dan", None)]:
            store.set_extra_time(add_player(store, name).id, extra_time)
        add_player(store, "Eve")
    status, out, _ = _run(capsys, "players", "--data-dir", str(data_dir))
    assert status == 0
    header, _, *lines = out.splitlines()
    column = header.index("Extra time")
    assert [(line.split()[0], line[column:]) for line in lines] == [
        ("Ana", "x1.5"),
        ("Bea", "x2"),
        ("Cy", "x3"),
        ("Dan", "no limit"),
        ("Eve", "x1"),
    ]


def test_data_dir_from_the_environment(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(data_dir)
    monkeypatch.setenv("CLARITY_DATA_DIR", str(data_dir))
    status, out, _ = _run(capsys, "players")
    assert status == 0
    assert "Боб" in out


def test_a_command_on_a_folder_without_data_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    for command in (["players"], ["leaderboard"], ["trophies"]):
        status, out, _ = _run(capsys, *command, "--data-dir", str(folder))
        assert status == 0
        assert out == f"No saved data yet in {folder}\n"
    assert list(folder.iterdir()) == []
    # a folder that does not exist: tests/test_cli_unix.py


def test_leaderboard_of_every_pack(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data_dir)
    status, out, _ = _run(capsys, "leaderboard", "--data-dir", str(data_dir))
    assert status == 0
    assert out.splitlines() == [
        "solar-system",
        "Rank  Player  Score  Medal   Played",
        "----  ------  -----  ------  -----------------",
        "   1  Ana       900  gold    23/11/2026, 09:00",
        "   2  Боб       700  silver  23/11/2026, 09:00",
        "",
        "union-state",
        "Rank  Player  Score  Medal  Played",
        "----  ------  -----  -----  -----------------",
        "   1  Ana       300         24/11/2026, 09:00",
    ]


def test_leaderboard_of_one_pack_as_csv(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data_dir)
    status, out, _ = _run(
        capsys, "leaderboard", "--pack", "union-state", "--csv", "--data-dir", str(data_dir)
    )
    assert status == 0
    assert "\r" not in out  # stdout makes its own line ends (\r\n on Windows)
    assert list(csv.reader(io.StringIO(out))) == [
        ["pack", "rank", "player", "score", "medal", "date"],
        ["union-state", "1", "Ana", "300", "", "2026-11-24 09:00:00"],
    ]


def test_leaderboard_of_an_installed_pack_nobody_played(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    write_pack(data_dir / "packs", "rivers")
    status, out, _ = _run(capsys, "leaderboard", "--pack", "rivers", "--data-dir", str(data_dir))
    assert (status, out) == (0, "No rounds saved for the pack rivers.\n")
    # a pack neither played nor installed: tests/test_cli_unix.py


def test_trophies_of_one_player(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data_dir)
    status, out, _ = _run(capsys, "trophies", "--player", "ana", "--data-dir", str(data_dir))
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Ana"
    assert lines[1].split() == ["Trophy", "Tier", "Won", "Progress", "First", "won"]
    century = next(line for line in lines if line.startswith("Century"))
    assert century.split() == ["Century", "silver", "8/100"]
    flawless = next(line for line in lines if line.startswith("Flawless"))
    assert flawless.split() == ["Flawless", "gold", "yes", "1", "time", "23/11/2026,", "09:00"]
    assert "Боб" not in out


def test_trophies_of_everyone(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data_dir)
    status, out, _ = _run(capsys, "trophies", "--data-dir", str(data_dir))
    assert status == 0
    assert [line for line in out.splitlines() if line in ("Ana", "Боб")] == ["Ana", "Боб"]


def test_trophies_of_an_unknown_player(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data_dir)
    status, out, err = _run(capsys, "trophies", "--player", "Zed", "--data-dir", str(data_dir))
    assert (status, out) == (1, "")
    assert err == 'clarity: there is no player called "Zed"\n'


def test_trophies_for_an_undecodable_name_shows_the_bytes_as_every_command_does(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    name = b"Ana\xff\xfe".decode("utf-8", "surrogateescape")  # what a terminal's bytes become
    status, _, err = _run(capsys, "trophies", "--player", name, "--data-dir", str(data_dir))
    assert status == 1
    assert err == 'clarity: there is no player called "Ana\\xff\\xfe"\n'


def test_results_csv_file(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    target = tmp_path / "results.csv"
    status, out, _ = _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
    assert status == 0
    assert out == f"Wrote 3 rounds to {target}\n"
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == [
        "player",
        "pack",
        "date",
        "score",
        "right",
        "wrong",
        "medal",
        "trophies",
        "timer",
        "time_scale",
        "team",
        "mode",
        "removed",
    ]
    assert [row[:8] for row in rows[1:]] == [
        ["Ana", "solar-system", "2026-11-23 09:00:00", "900", "5", "0", "gold", "Flawless"],
        ["Боб", "solar-system", "2026-11-23 09:00:00", "700", "4", "1", "silver", ""],
        ["Ana", "union-state", "2026-11-24 09:00:00", "300", "3", "1", "", ""],
    ]
    assert [row[8:] for row in rows[1:]] == [
        ["on", "1", "", "solo", "no"],
        ["on", "2", "", "solo", "no"],
        ["on", "1", "", "solo", "no"],
    ]


def test_results_needs_a_file(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "results", "--data-dir", str(data_dir))
    assert status == 2
    assert "--csv" in err


def test_a_read_only_folder_is_still_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with writable_then_read_only(tmp_path / "data") as data_dir:
        _fill(data_dir)
        make_read_only(data_dir)
        status, out, err = _run(capsys, "players", "--data-dir", str(data_dir))
    assert (status, err) == (0, "")  # a command that only reads has nothing to say about it
    assert "Ana" in out


def test_a_corrupt_file_is_said_left_as_it_is_and_the_way_out_given(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_FILENAME).write_bytes(b"garbage" * 100)
    status, out, err = _run(capsys, "players", "--data-dir", str(data_dir))
    assert (status, out) == (1, "")
    assert err.startswith(f"clarity: the saved data at {data_dir / DB_FILENAME} is damaged")
    assert err.endswith("carry every round that can still be read into a fresh file.\n")
    assert sorted(p.name for p in data_dir.iterdir()) == [DB_FILENAME]  # nothing moved
    assert (data_dir / DB_FILENAME).read_bytes() == b"garbage" * 100


def test_results_on_a_full_disk_names_the_file_and_keeps_the_old_export(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    with tmpfs(tmp_path / "usb", "64k") as usb:
        target = usb / "results.csv"
        target.write_bytes(b"last week's export")
        with contextlib.suppress(OSError), (usb / "photos").open("wb", buffering=0) as filler:
            while True:  # the stick is full
                filler.write(b"x" * 1024)
        status, out, err = _run(
            capsys, "results", "--csv", str(target), "--data-dir", str(data_dir)
        )
        assert target.read_bytes() == b"last week's export"
        assert sorted(p.name for p in usb.iterdir()) == ["photos", "results.csv"]
    assert (status, out) == (1, "")
    assert err == f"clarity: cannot write {target}: No space left on device\n"


def test_results_into_a_folder_is_refused_in_one_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    status, out, err = _run(capsys, "results", "--csv", str(tmp_path), "--data-dir", str(data_dir))
    assert (status, out) == (1, "")
    assert err == f"clarity: cannot write {tmp_path}: is a folder\n"


def test_results_into_a_missing_folder_names_the_folder(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    target = tmp_path / "Exports" / "results.csv"
    status, _, err = _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
    assert status == 1
    assert err == f"clarity: cannot write {target}: the folder {target.parent} does not exist\n"


def test_results_never_writes_over_the_saved_data(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    saved = (data_dir / DB_FILENAME).read_bytes()
    target = data_dir / DB_FILENAME
    status, _, err = _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
    assert status == 1
    assert err == (
        f"clarity: {target} is where the game keeps its saved data: choose another file\n"
    )
    assert (data_dir / DB_FILENAME).read_bytes() == saved


def _link_to(saved: Path, tmp_path: Path, how: str) -> Path:
    """A path to ``saved`` that does not say so: the ways a tester reached the database."""
    if how == "symbolic link":
        (tmp_path / "link.csv").symlink_to(saved)
        return tmp_path / "link.csv"
    if how == "link to a link":
        (tmp_path / "first").symlink_to(saved)
        (tmp_path / "link.csv").symlink_to(tmp_path / "first")
        return tmp_path / "link.csv"
    if how == "hard link":
        os.link(saved, tmp_path / "link.csv")
        return tmp_path / "link.csv"
    if how == "dot dot":
        (tmp_path / "exports").mkdir()
        return tmp_path / "exports" / ".." / saved.parent.name / saved.name
    if how == "another case":
        return saved.with_name(saved.name.upper())
    assert how == "as it is"
    return saved


_WAYS = ["as it is", "symbolic link", "link to a link", "hard link", "dot dot", "another case"]
_OWN_FILES = [
    *[(DB_FILENAME, how) for how in _WAYS],
    *[(f"{DB_FILENAME}.corrupt-20261123-090000", how) for how in _WAYS],
    # SQLite makes and removes these itself: a hard link needs one there, so not that way.
    *[
        (f"{DB_FILENAME}{tail}", how)
        for tail in ("-wal", "-shm", "-journal")
        for how in _WAYS
        if how != "hard link"
    ],
]


@pytest.mark.parametrize(("file", "how"), _OWN_FILES)
def test_results_never_writes_over_the_saved_data_however_it_is_reached(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], file: str, how: str
) -> None:
    _fill(data_dir)
    saved = data_dir / file
    if file.startswith(f"{DB_FILENAME}.corrupt-"):
        saved.write_bytes(b"a damaged copy the teacher may need")
    before = {p.name: p.read_bytes() for p in data_dir.glob(f"{DB_FILENAME}*")}
    target = _link_to(saved, tmp_path, how)
    status, out, err = _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
    assert (status, out) == (1, "")
    assert err == (
        f"clarity: {target} is where the game keeps its saved data: choose another file\n"
    )
    assert {p.name: p.read_bytes() for p in data_dir.glob(f"{DB_FILENAME}*")} == before


def test_results_never_writes_into_the_games_locks(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    for target in (data_dir / "locks" / "repair.lock", data_dir / "locks", data_dir / "cache"):
        before = target.read_bytes() if target.is_file() else None
        status, _, err = _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
        assert status == 1
        assert "is where the game keeps its saved data" in err
        assert (target.read_bytes() if target.is_file() else None) == before


def test_results_beside_the_saved_data_under_another_name_is_written(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    target = data_dir / "results.csv"
    status, _, _ = _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
    assert status == 0
    assert len(target.read_bytes().splitlines()) == 4


def test_results_into_a_fifo_writes_the_csv_and_says_so_on_stderr(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    fifo = tmp_path / "results.csv"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    status, out, err = _run(capsys, "results", "--csv", str(fifo), "--data-dir", str(data_dir))
    reader.join(timeout=10)
    assert (status, out) == (0, "")
    assert err == f"Wrote 3 rounds to {fifo}\n"  # not into the CSV a reader of stdout gets
    assert len(received[0].splitlines()) == 4
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_results_replaces_an_old_export_whole(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    target = tmp_path / "results.csv"
    target.write_bytes(b"x" * 100_000)  # longer than the new export: nothing of it may stay
    status, _, _ = _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
    assert status == 0
    assert b"x" not in target.read_bytes()
    assert len(target.read_bytes().splitlines()) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["results.csv"]


def _names_saved_by_hand(data_dir: Path) -> None:
    """Two players whose names an older version (or a hand with sqlite3) saved unchecked."""
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        for name, score in (("Ana", 900), ("Bob", 700)):
            save(store, add_player(store, name).id, score=score, trophies=["flawless"])
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        conn.execute("UPDATE player SET name = ? WHERE name = 'Ana'", ("Ana\x1b]0;pwned\x07",))
        conn.execute("UPDATE player SET name = ? WHERE name = 'Bob'", ("\u202eboB",))
    conn.close()


UNSAFE = ("\x1b", "\x07", "\u202e")


def test_players_shows_names_saved_with_controls_escaped_and_lined_up(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _names_saved_by_hand(data_dir)
    status, out, _ = _run(capsys, "players", "--data-dir", str(data_dir))
    assert status == 0
    assert not any(char in out for char in UNSAFE)
    assert out.splitlines()[:4] == [
        "Player               Rounds  Right answers  Best score  Last played        Extra time",
        "-------------------  ------  -------------  ----------  -----------------  ----------",
        "Ana\\x1b]0;pwned\\x07       1              3         900  23/11/2026, 09:00  x1",
        "\\u202eboB                 1              3         700  23/11/2026, 09:00  x1",
    ]


def test_leaderboard_and_trophies_show_names_saved_with_controls_escaped(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _names_saved_by_hand(data_dir)
    status, out, _ = _run(capsys, "leaderboard", "--data-dir", str(data_dir))
    assert status == 0
    assert not any(char in out for char in UNSAFE)
    assert "  Ana\\x1b]0;pwned\\x07  " in out
    assert "  \\u202eboB  " in out
    status, out, _ = _run(capsys, "trophies", "--data-dir", str(data_dir))
    assert status == 0
    assert not any(char in out for char in UNSAFE)
    assert "Ana\\x1b]0;pwned\\x07\n" in out
    assert "\\u202eboB\n" in out


def test_results_csv_names_the_trophies_in_the_language_and_keeps_the_rest_as_it_is(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The teacher reads the trophies' names; scripts read the header, the medal and on/off."""
    _fill(data_dir)
    monkeypatch.setenv("CLARITY_LANG", "ru")
    target = tmp_path / "results.csv"
    status, out, _ = _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
    assert status == 0
    assert out == f"Записано 3 раунда в {target}\n"
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:3] == ["player", "pack", "date"]
    assert [row[6:9] for row in rows[1:]] == [
        ["gold", "Без ошибок", "on"],
        ["silver", "", "on"],
        ["", "", "on"],
    ]


def test_a_repair_and_the_notice_of_a_repair_are_said_in_the_language(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's notices reach the commands as Messages: repair's own line, and the line
    another command prints when it found the data damaged and repaired it first."""
    _fill(data_dir)
    database = data_dir / "clarity.sqlite3"
    monkeypatch.setenv("CLARITY_LANG", "ru")
    database.write_bytes(b"not a database at all " * 100)
    status, out, _ = _run(capsys, "repair", "--data-dir", str(data_dir))
    assert status == 0
    assert out.startswith(f"Сохранённые данные {database} были повреждены")
    database.write_bytes(b"not a database at all " * 100)
    status, _, err = _run(capsys, "players", "--extra-time", "Ana=x2", "--data-dir", str(data_dir))
    assert "Сохранённые данные" in err
    assert "saved data" not in err
