"""The teacher's views: player list, leaderboards, trophies, and a CSV a spreadsheet opens."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from clarity.store import Store
from clarity.store.reports import (
    RESULTS_HEADER,
    format_table,
    leaderboard_csv,
    leaderboard_rows,
    players_table,
    results_csv,
    trophy_lines,
    write_results_csv,
)

from .factories import MONDAY_9AM, add_player, save


def test_players_table_lists_everyone_with_totals(store: Store) -> None:
    ana, _ = add_player(store, "Ana"), add_player(store, "Bob")
    save(store, ana.id, score=300, right=3, wrong=1)
    rows = players_table(store)
    assert [(r.player.name, r.rounds, r.right_answers, r.best_score) for r in rows] == [
        ("Ana", 1, 3, 300),
        ("Bob", 0, 0, None),
    ]


def test_leaderboard_rows_of_every_pack_one_after_the_other(store: Store) -> None:
    ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
    save(store, ana.id, score=100, pack_id="union-state")
    save(store, bob.id, score=200, pack_id="union-state")
    save(store, ana.id, score=300, pack_id="solar-system")
    rows = leaderboard_rows(store, None)
    assert [(r.pack_id, r.rank, r.player_name) for r in rows] == [
        ("solar-system", 1, "Ana"),
        ("union-state", 1, "Bob"),
        ("union-state", 2, "Ana"),
    ]
    assert [r.pack_id for r in leaderboard_rows(store, "union-state")] == ["union-state"] * 2


def test_results_csv_has_a_header_and_one_row_per_round(store: Store) -> None:
    ana = add_player(store, "Ana")
    save(store, ana.id, score=640, right=4, wrong=2, medal="gold", trophies=["flawless"])
    save(store, ana.id, score=10, right=0, wrong=3, played_at=MONDAY_9AM + timedelta(hours=1))
    out = io.StringIO()

    assert results_csv(store, out) == 2

    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [
        list(RESULTS_HEADER),
        [
            "Ana",
            "solar-system",
            "2026-11-23 09:00:00",
            "640",
            "4",
            "2",
            "gold",
            "Flawless",
            "on",
            "1",
        ],
        ["Ana", "solar-system", "2026-11-23 10:00:00", "10", "0", "3", "", "", "on", "1"],
    ]
    assert out.getvalue().endswith("\r\n")  # the spreadsheet dialect


def test_results_csv_has_the_timer_and_time_scale_of_each_round(store: Store) -> None:
    ana = add_player(store, "Ana")
    played = [(True, 1.0), (True, 1.5), (True, 2.0), (True, 3.0), (True, None), (False, 2.0)]
    for minute, (timer, scale) in enumerate(played):
        at = MONDAY_9AM + timedelta(minutes=minute)
        save(store, ana.id, timer=timer, time_scale=scale, played_at=at)
    out = io.StringIO()
    results_csv(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(row["timer"], row["time_scale"]) for row in rows] == [
        ("on", "1"),
        ("on", "1.5"),
        ("on", "2"),
        ("on", "3"),
        ("on", "none"),
        ("off", "2"),
    ]


def test_results_csv_joins_trophies_with_semicolons(store: Store) -> None:
    ana = add_player(store, "Ana")
    save(store, ana.id, trophies=["hot-streak", "first-light", "made-up-trophy"])
    out = io.StringIO()
    results_csv(store, out)
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["trophies"] == "First light; Hot streak; made-up-trophy"


def test_results_file_is_utf8_with_bom_for_excel(store: Store, tmp_path: Path) -> None:
    masha = add_player(store, "Маша Иванова")
    save(store, masha.id)
    path = tmp_path / "results.csv"

    write_results_csv(store, path)

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfplayer,pack,date")
    assert "Маша Иванова".encode() in raw
    with path.open(encoding="utf-8-sig", newline="") as file:
        assert next(csv.DictReader(file))["player"] == "Маша Иванова"


def test_a_name_that_looks_like_a_formula_stays_text(store: Store) -> None:
    sneaky = add_player(store, '=HYPERLINK("http://x","click")')
    save(store, sneaky.id)
    out = io.StringIO()
    results_csv(store, out)
    (_, row) = list(csv.reader(io.StringIO(out.getvalue())))
    assert row[0] == '\'=HYPERLINK("http://x","click")'


def test_leaderboard_csv(store: Store) -> None:
    ana = add_player(store, "Ana")
    save(store, ana.id, score=500, medal="silver")
    out = io.StringIO()
    leaderboard_csv(leaderboard_rows(store, None), out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["pack", "rank", "player", "score", "medal", "date"],
        ["solar-system", "1", "Ana", "500", "silver", "2026-11-23 09:00:00"],
    ]


def test_trophy_lines_show_lasting_progress_and_round_trophies(store: Store) -> None:
    ana = add_player(store, "Ana")
    for n in range(3):
        save(
            store,
            ana.id,
            right=10,
            wrong=0,
            medal="gold",
            trophies=["flawless"],
            played_at=MONDAY_9AM + timedelta(minutes=n),
        )
    lines = {line.trophy_id: line for line in trophy_lines(store, ana, ["solar-system", "x"])}
    assert (lines["century"].progress, lines["century"].earned) == ("30/100", False)
    assert (lines["scholar"].progress, lines["scholar"].earned) == ("1/2", False)
    assert (lines["flawless"].progress, lines["flawless"].earned) == ("3 times", True)
    assert lines["flawless"].first_earned_at == MONDAY_9AM
    assert (lines["sharp-eye"].progress, lines["sharp-eye"].earned) == ("0 times", False)
    assert [line.lasting for line in trophy_lines(store, ana, [])][:4] == [True] * 4


def test_format_table_aligns_columns() -> None:
    table = format_table(("Name", "Rounds"), [("Ana", 12), ("Christopher", 3)])
    assert table.splitlines() == [
        "Name         Rounds",
        "-----------  ------",
        "Ana              12",
        "Christopher       3",
    ]
