"""The teacher's commands write numbers as the screens do (12,345 in English), and keep the
medal each round was saved with; their CSV keeps plain digits for spreadsheets."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from clarity import cli
from clarity.core.trophies import medal_for
from clarity.store import open_store
from number_writing import misprinted_numbers

from .factories import add_player, make_summary, save


def _fill(data_dir: Path) -> None:
    """Ana's 12 345 was saved without a medal; today's rule would give it gold (its best
    possible is 1000), and no command may work that out again. Bob's 1180 kept bronze."""
    assert medal_for(make_summary(score=12_345)) is not None
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
        save(store, ana.id, score=12_345, right=1_234, medal=None)
        save(store, bob.id, score=1_180, medal="bronze")


def cells(line: str) -> list[str]:
    """A table line's cells: the columns stand two spaces apart (a cell has one at most)."""
    return re.split(r" {2,}", line.strip())


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_players_and_leaderboard_write_numbers_as_the_screens_do(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    players = _run(capsys, "players", "--data-dir", str(data_dir))
    leaderboard = _run(capsys, "leaderboard", "--data-dir", str(data_dir))
    trophies = _run(capsys, "trophies", "--data-dir", str(data_dir))
    for out in (players, leaderboard, trophies):
        assert misprinted_numbers(out) == [], out
    ana = next(line for line in players.splitlines() if line.startswith("Ana"))
    assert cells(ana)[:4] == ["Ana", "1", "1,234", "12,345"]
    lines = leaderboard.splitlines()
    assert cells(lines[1]) == ["Rank", "Player", "Score", "Medal", "Played"]
    assert cells(lines[3])[:4] == ["1", "Ana", "12,345", "23/11/2026, 09:00"]
    assert cells(lines[4])[:4] == ["2", "Bob", "1,180", "bronze"]
    # numbers stand right-aligned in their column, separator and all
    assert lines[3].index("12,345") + 6 == lines[4].index("1,180") + 5


def test_csv_keeps_plain_digits_and_the_saved_medals(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    out = _run(capsys, "leaderboard", "--csv", "--data-dir", str(data_dir))
    rows = list(csv.reader(io.StringIO(out)))
    assert [(row[2], row[3], row[4]) for row in rows[1:]] == [
        ("Ana", "12345", ""),
        ("Bob", "1180", "bronze"),
    ]
    target = tmp_path / "results.csv"
    _run(capsys, "results", "--csv", str(target), "--data-dir", str(data_dir))
    with target.open(encoding="utf-8-sig", newline="") as file:
        results = list(csv.DictReader(file))
    assert [(r["player"], r["score"], r["right"], r["medal"]) for r in results] == [
        ("Ana", "12345", "1234", ""),
        ("Bob", "1180", "3", "bronze"),
    ]
