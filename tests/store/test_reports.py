"""The teacher's views: player list, leaderboards, trophies, and a CSV a spreadsheet opens."""

from __future__ import annotations

import csv
import io
import random
import re
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest

from clarity.store import Store, reports
from clarity.store.reports import (
    ANSWERS_HEADER,
    RESULTS_HEADER,
    answers_csv,
    format_table,
    leaderboard_csv,
    leaderboard_rows,
    players_table,
    results_csv,
    spreadsheet_row,
    spreadsheet_text,
    spreadsheet_writer,
    trophy_lines,
    write_results_csv,
)
from system_packages import require_system_package

from .factories import MONDAY_9AM, add_player, save, save_class_game


def test_answers_csv_has_every_answer_of_rounds_and_class_teams_with_its_time(
    store: Store,
) -> None:
    ana, bob = add_player(store, "Ana"), add_player(store, "=Bob")
    save(store, ana.id, right=2, wrong=1)
    save_class_game(
        store,
        [("Owls", [ana.id, bob.id], 900), ("Guests", [], 300)],
        played_at=MONDAY_9AM + timedelta(hours=1),
    )
    out = io.StringIO()

    count = answers_csv(store, out)

    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == ANSWERS_HEADER
    assert count == len(rows) == 3 + 4 + 4  # the round's 3, each team's 4
    solo = rows[:3]
    assert [r[:6] for r in solo] == [
        ["2026-11-23 09:00:00", solo[0][1], "solo", "solar-system", "Ana", ""]
    ] * 3
    assert [r[6:] for r in solo] == [
        ["1", "q1", "answer 1", "yes", "3.5", "110", "no", "no"],
        ["2", "q2", "answer 2", "yes", "4.5", "110", "no", "no"],
        ["3", "q3", "", "no", "5.5", "0", "yes", "no"],
    ]
    owls, guests = rows[3:7], rows[7:]
    assert {(r[2], r[4], r[5]) for r in owls} == {
        ("turns", "'=Bob; Ana", "Owls")
    }  # by name, formula-safe
    assert {(r[2], r[4], r[5]) for r in guests} == {("turns", "", "Guests")}
    assert len({r[1] for r in owls + guests}) == 1  # one class game
    assert [r[6] for r in owls] == ["1", "2", "3", "4"]
    assert out.getvalue().splitlines()[1].endswith(',1,"q1","answer 1","yes",3.5,110,"no","no"')


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
            "",
            "solo",
            "no",
        ],
        [
            *("Ana", "solar-system", "2026-11-23 10:00:00", "10", "0", "3", "", "", "on", "1"),
            *("", "solo", "no"),
        ],
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
    assert raw.startswith(b'\xef\xbb\xbf"player","pack","date"')
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


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+1+cmd|' /C calc'!A0",
        "-2-3",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",  # LibreOffice's import may trim the spaces
        "\u3000=1+1",  # an ideographic space is a space too
        "\uff1d1+1",  # a full-width equals sign
        "-",
        "+",
        "-1e5",
    ],
)
def test_a_cell_that_could_start_a_formula_gets_an_apostrophe(text: str) -> None:
    written = spreadsheet_text(text)
    assert written != text
    for piece in _cells_a_careless_import_could_make(written):
        assert not piece or piece[0] not in "=+-@\uff1d\t\r", (text, written)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("a;=1+1;b", "a;'=1+1;b"),
        ("x,=2+3,y", "x,'=2+3,y"),
        ("a\t=4+4\tb", "a\t'=4+4\tb"),
        ("k|-2+3", "k|'-2+3"),
        ("a; =1", "a; '=1"),  # spaces an import may trim, or split at
        ("Sam =1+1 x", "Sam '=1+1 x"),  # LibreOffice offers the space as a separator
        ("a;\u3000=1", "a;\u3000'=1"),  # an ideographic space is a space too
        ("\r=2+2", "'\r'=2+2"),  # the line break starts a row of its own
        ("n;@SUM(5;6)", "n;'@SUM(5;6)"),
    ],
)
def test_every_segment_a_list_separator_could_start_is_protected(text: str, written: str) -> None:
    assert spreadsheet_text(text) == written


@pytest.mark.parametrize(
    ("text", "written"), [("'=1", "''=1"), ("=1", "'=1"), ("a;'=1", "a;''=1"), ("'Ana", "''Ana")]
)
def test_a_leading_apostrophe_of_the_text_itself_is_doubled(text: str, written: str) -> None:
    assert spreadsheet_text(text) == written


@pytest.mark.parametrize("text", ["0012", "1e5", "-3", "+7", "1.5", "-0", "-.5", "1,5", "50%"])
def test_a_name_or_pack_id_a_spreadsheet_would_read_as_a_number_stays_text(text: str) -> None:
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Ana", "1-2", "Ана", "Mary-Jane", "A+", "R2-D2", "a;b"])
def test_plain_words_are_left_as_they_are(text: str) -> None:
    assert spreadsheet_text(text) == text


def _undo_protection(cell: str) -> str:
    """What a reader of the export does to get the text back (see reports' docstring)."""
    return re.sub(r"(?:^|(?<=[,;|\s]))'", "", cell)


@pytest.mark.parametrize(
    "text", ["'=1", "=1", "a;'=1;b", "a;=1;b", "''", "\r=2", "0012", "'0012", "x, 'y", "Ana"]
)
def test_the_protection_can_be_undone_without_guessing(text: str) -> None:
    assert _undo_protection(spreadsheet_text(text)) == text


def _cells_a_careless_import_could_make(line: str) -> list[str]:
    """The worst a spreadsheet can do with one CSV line: ignore the quoting, split at every
    list separator (the space too), line break, and trim quote marks from each piece."""
    return [piece.strip().strip('"').strip() for piece in re.split(r"[,;|\s]", line)]


HOSTILE_NAMES = [
    "a;=1+1;b",
    "a;=SUM(1;41);b",
    "a;=cmd|' /C calc'!A0;b",
    "x,=2+3,y",
    "n;@SUM(5;6);m",
    "k;-2+3;k",
    "\t=1+1",
    "\r=2+2",
    " =3+3",
    "a\t=4+4\tb",
    "'=5+5\n",
    "'\u00a0=7+7",
    "a|=8+8",
    "\uff1d9+9",
    "Sam =1+1 x",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_no_piece_of_a_row_starts_a_formula_however_the_row_is_split(name: str) -> None:
    out = io.StringIO()
    writer = spreadsheet_writer(out)
    writer.writerow(spreadsheet_row([name, "solar-system", 100]))
    for piece in _cells_a_careless_import_could_make(out.getvalue()):
        assert not piece.startswith(("=", "+", "-", "@", "\uff1d")), (name, piece)


def test_every_text_cell_is_quoted_and_no_number_is(store: Store) -> None:
    ana = add_player(store, "Ana")
    save(store, ana.id, score=-40, time_scale=1.5)
    out = io.StringIO()
    results_csv(store, out)
    row = out.getvalue().splitlines()[1]
    assert row == '"Ana","solar-system","2026-11-23 09:00:00",-40,3,1,"","","on",1.5,"","solo","no"'


@pytest.mark.parametrize("separator", [",", ";", "|"])
def test_a_formula_after_a_separator_stays_inside_its_cell_whatever_the_separator(
    store: Store, separator: str
) -> None:
    # A German or Russian Excel splits on ";": the whole name must stay one cell.
    name = f"Ana{separator}=SUM(1+2)"
    sneaky = add_player(store, name)
    save(store, sneaky.id)
    out = io.StringIO()
    results_csv(store, out)
    (_, row) = list(csv.reader(io.StringIO(out.getvalue()), delimiter=separator))
    assert all(not cell.lstrip().startswith(("=", "+", "-", "@")) for cell in row)
    assert name in _undo_protection(row[0])


def test_leaderboard_csv_cells_are_protected_too(store: Store) -> None:
    sneaky = add_player(store, "@SUM(1+1)")
    save(store, sneaky.id, score=500)
    out = io.StringIO()
    leaderboard_csv(leaderboard_rows(store, None), out)
    assert out.getvalue().splitlines()[1].startswith('"solar-system",1,"\'@SUM(1+1)",500,')


def test_an_export_that_fails_half_way_leaves_the_old_file(store: Store, tmp_path: Path) -> None:
    ana = add_player(store, "Ana")
    save(store, ana.id)
    save(store, ana.id, trophies=["flawless"])
    (tmp_path / "exports").mkdir()
    path = tmp_path / "exports" / "results.csv"
    path.write_bytes(b"last week's export")
    with pytest.raises(KeyError):
        write_results_csv(store, path, trophy_names=_Broken())
    assert path.read_bytes() == b"last week's export"
    assert [p.name for p in path.parent.iterdir()] == ["results.csv"]


class _Broken(dict[str, str]):
    """Trophy names that fail when the first row is written: a bug half-way."""

    def get(self, key: str, default: object = None) -> str:  # type: ignore[override]
        raise KeyError(key)


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


def test_format_table_lines_up_wide_names_and_emoji_by_terminal_columns() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    table = format_table(("Name", "Rounds"), [("王小明", 12), (f"Ana {family}", 3), ("Bo", 1)])
    assert table.splitlines() == [
        "Name    Rounds",
        "------  ------",
        "王小明      12",
        f"Ana {family}       3",
        "Bo           1",
    ]


def test_format_table_escapes_control_characters_and_keeps_columns() -> None:
    table = format_table(("Name", "Rounds"), [("Ana\x1b[2J", 1), ("\u202eBob", 2)])
    assert table.splitlines() == [
        "Name        Rounds",
        "----------  ------",
        "Ana\\x1b[2J       1",
        "\\u202eBob        2",
    ]


def test_format_table_aligns_columns() -> None:
    table = format_table(("Name", "Rounds"), [("Ana", 12), ("Christopher", 3)])
    assert table.splitlines() == [
        "Name         Rounds",
        "-----------  ------",
        "Ana              12",
        "Christopher       3",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("separator", "code"), [(",", 44), (";", 59), ("\t", 9), (" ", 32)])
def test_libreoffice_imports_no_formula_and_keeps_names_text_whatever_its_separator(
    store: Store, tmp_path: Path, separator: str, code: int
) -> None:
    soffice = require_system_package("soffice")  # Debian: libreoffice-calc-nogui
    for n, name in enumerate(["Ana", *HOSTILE_NAMES, "0012", "1e5", "'=1"]):
        player = add_player(store, f"p{n}")  # made clean, then stored as an older version might
        _rename_behind_the_stores_back(store, player.id, name)
        save(store, player.id, score=100 + n, played_at=MONDAY_9AM + timedelta(minutes=n))
    export = tmp_path / "results.csv"
    write_results_csv(store, export)
    # Field separator, text delimiter ("), UTF-8 (76), from line 1: what a teacher picks.
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            f"--infilter=CSV:{code},34,76,1",
            "--convert-to",
            "fods",
            "--outdir",
            str(tmp_path),
            str(export),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheet = (tmp_path / "results.fods").read_text(encoding="utf-8")
    assert "table:table-cell" in sheet
    assert "table:formula=" not in sheet
    if separator == ",":  # the separator we write: whole cells, the names as text
        for text in ("0012", "1e5"):
            assert f"<text:p>&apos;{text}</text:p>" in sheet
            assert f'office:value="{float(text):g}"' not in sheet


def _rename_behind_the_stores_back(store: Store, player_id: int, name: str) -> None:
    conn = sqlite3.connect(store.path)
    with conn:
        conn.execute("UPDATE player SET name = ? WHERE id = ?", (name, player_id))
    conn.close()


def test_the_shortcut_for_cells_with_nothing_to_protect_agrees_with_the_rule() -> None:
    """Most cells skip the split at separators: on 100,000 random short texts over the
    characters that matter, the shortcut never changes what is written."""
    rng = random.Random(20261130)
    alphabet = "aA ,;|\t\r\n=+-@'0159.e%\u3000\uff1dЖ"
    for _ in range(100_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        assert spreadsheet_text(text) == reports._protected(text), repr(text)
