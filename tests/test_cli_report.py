"""``clarity report``, run through ``cli.main`` on a real data folder: rounds saved through
the store's API, the pack installed in the folder's packs, the output read back as a teacher
and a spreadsheet would (the CSV with the csv module, the PDF with poppler's pdftotext)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import yaml

from clarity import cli
from clarity.i18n import translator_for
from clarity.store import open_store
from clarity.store.db import DB_FILENAME
from printing.pdf_reading import pdffonts, pdfinfo, pdftotext
from store.factories import MONDAY_9AM, add_player
from store.test_question_stats import play_round, play_the_class
from ui.pack_files import write_png

PROMPTS = {
    "q-fr": "Столица Франции?",
    "q-au": "Какая столица у Австралии?",
    "q-by": "Столица Беларуси?",
}


def _install_capitals(data_dir: Path) -> None:
    """The pack "capitals" in the data folder's packs, its prompts in Russian."""
    folder = data_dir / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    write_png(folder / "map.png")
    pack = {
        "clarity": 1,
        "id": "capitals",
        "title": "Столицы",
        "description": "Столицы мира.",
        "rounds": [{"image": "map.png", "answer": "Карта", "grid": "3x4"}],
        "questions": [
            {
                "id": question,
                "type": "choice",
                "prompt": prompt,
                "choices": ["один", "два", "три"],
                "answer": "два",
            }
            for question, prompt in PROMPTS.items()
        ],
    }
    text = yaml.safe_dump(pack, sort_keys=False, allow_unicode=True)
    (folder / "capitals.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _fill(data_dir: Path) -> None:
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        play_the_class(store)
    _install_capitals(data_dir)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_hardest_questions_and_the_players_as_aligned_text(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    status, out, err = _run(capsys, "report", "--pack", "capitals", "--data-dir", str(data_dir))
    assert (status, err) == (0, "")
    bob_missed = "Какая столица у Австралии? (×1); Столица Беларуси? (×1); Столица Франции? (×1)"
    assert out.splitlines() == [
        "Hardest questions first",
        "Question                    Asked  Right  Average time  Most chosen wrong answer",
        "--------------------------  -----  -----  ------------  ------------------------",
        "Какая столица у Австралии?      4    25%         8.0 s  Sydney (×2)",
        "Столица Беларуси?               3    67%         9.0 s",
        "Столица Франции?                3    67%         4.0 s  Lyon (×1)",
        "",
        "Players",
        "Player  Rounds  Answers  Accuracy  Missed most",
        "------  ------  -------  --------  " + "-" * len(bob_missed),
        "Ana          2        5       80%  Какая столица у Австралии? (×1)",
        "Cleo         1        2       50%  Какая столица у Австралии? (×1)",
        "Боб          1        3        0%  " + bob_missed,
    ]


def test_every_pack_names_the_pack_and_an_unknown_question_by_its_id(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        ana = store.player_by_name("Ana")
        assert ana is not None
        play_round(store, ana, [("q7", "Mars", False, 2.0)], pack_id="solar-system")
    status, out, _ = _run(capsys, "report", "--data-dir", str(data_dir))
    assert status == 0
    lines = out.splitlines()
    assert lines[1].split()[:2] == ["Pack", "Question"]
    # q7 is not a question of the installed solar-system pack: its id stands in
    assert lines[3].split()[:2] == ["solar-system", "q7"]
    assert lines[4].split()[:2] == ["capitals", "Какая"]


def test_one_player(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data_dir)
    status, out, _ = _run(capsys, "report", "--player", "боб", "--data-dir", str(data_dir))
    assert status == 0
    players = out.split("Players\n", 1)[1].splitlines()
    assert [line.split()[0] for line in players[2:]] == ["Боб"]
    assert players[2].split()[1:4] == ["1", "3", "0%"]
    assert players[2].index("0%") + 2 == players[0].index("Accuracy") + len("Accuracy")


def test_csv_for_a_spreadsheet(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(data_dir)
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        zed = add_player(store, "Zed")
        play_round(store, zed, [("q-fr", "=HYPERLINK(1)", False, 1.0)], played_at=MONDAY_9AM)
    status, out, err = _run(capsys, "report", "--csv", "--data-dir", str(data_dir))
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    questions = [row for row in rows if row["kind"] == "question"]
    assert [(r["question_id"], r["prompt"], r["asked"], r["right"]) for r in questions] == [
        ("q-au", PROMPTS["q-au"], "4", "1"),
        ("q-fr", PROMPTS["q-fr"], "4", "2"),  # Zed's wrong answer: 2 of 4
        ("q-by", PROMPTS["q-by"], "3", "2"),
    ]
    au = questions[0]
    assert (au["share_right"], au["average_seconds"], au["top_wrong"]) == ("0.25", "8.0", "Sydney")
    # a wrong answer that is a formula shows, never runs
    fr = questions[1]
    assert fr["top_wrong"] in ("'=HYPERLINK(1)", "Lyon")
    zed_rows = [row for row in rows if row["player"] == "Zed"]
    assert [(r["kind"], r["question_id"], r["missed"]) for r in zed_rows] == [
        ("player", "", ""),
        ("missed", "q-fr", "1"),
    ]
    assert (zed_rows[0]["asked"], zed_rows[0]["right"], zed_rows[0]["share_right"]) == (
        "1",
        "0",
        "0.0",
    )
    assert not any(cell.startswith("=") for row in rows for cell in row.values())


def test_a_formula_as_the_most_chosen_wrong_answer_is_kept_from_running(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        ana = add_player(store, "Ana")
        play_round(store, ana, [("q1", "=1+1", False, 1.0), ("q1", "@SUM(A1)", False, 1.0)] * 2)
    status, out, _ = _run(capsys, "report", "--csv", "--data-dir", str(data_dir))
    assert status == 0
    (question,) = [row for row in csv.DictReader(io.StringIO(out)) if row["kind"] == "question"]
    assert question["top_wrong"] == "'=1+1"  # a tie (2 each): the first in order
    assert question["top_wrong_count"] == "2"


def test_pdf_for_a_parents_evening(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    (tmp_path / "для родителей").mkdir()
    target = tmp_path / "для родителей" / "отчёт.pdf"
    status, out, err = _run(
        capsys, "report", "--pack", "capitals", "--pdf", str(target), "--data-dir", str(data_dir)
    )
    assert (status, err) == (0, "")
    assert out == f"Wrote the class report (1 page) to {target}\n"
    assert pdfinfo(target)["Pages"] == "1"
    text = " ".join(pdftotext(target).split())
    for expected in (
        "Class report: Столицы",  # the installed pack's title
        "From 10 saved answers.",
        "Hardest questions first",
        *PROMPTS.values(),
        "Sydney (×2)",
        "Players",
        "Ana",
        "Cleo",
        "Боб",
    ):
        assert expected in text, expected
    # hardest first on the page too
    assert text.index(PROMPTS["q-au"]) < text.index(PROMPTS["q-by"]) < text.index(PROMPTS["q-fr"])
    fonts = pdffonts(target)
    assert fonts
    assert all(embedded for _, embedded, _ in fonts)
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


def test_a_large_class_breaks_across_pages_with_the_header_again(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        for n in range(60):
            player = add_player(store, f"Ученик {n:02}")
            play_round(store, player, [(f"q{n:02}", "нет", False, 3.0)])
    target = tmp_path / "class.pdf"
    status, _, _ = _run(capsys, "report", "--pdf", str(target), "--data-dir", str(data_dir))
    assert status == 0
    pages = pdftotext(target).split("\f")
    # a class of 60: the 15 hardest questions and 60 players on two pages
    assert int(pdfinfo(target)["Pages"]) == 2
    text = " ".join(pdftotext(target).split())
    for n in range(60):
        assert f"Ученик {n:02}" in text
    # the 60 questions (all missed once, so in id order) are cut to the hardest 15
    assert "The 15 hardest of 60 questions" in text
    questions = text.split(" Players ")[0]
    assert "q14" in questions
    assert "q15" not in questions
    # the players' table goes on to page 2 under its header again
    assert pages[1].split()[:5] == ["Player", "Rounds", "Answers", "Accuracy", "Missed"]


def test_an_empty_store_says_so(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        add_player(store, "Ana")
    assert _run(capsys, "report", "--data-dir", str(data_dir)) == (
        0,
        "No answers saved yet.\n",
        "",
    )


def test_no_saved_data_and_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    status, out, _ = _run(capsys, "report", "--data-dir", str(folder))
    assert (status, out) == (0, f"No saved data yet in {folder}\n")
    assert not (folder / DB_FILENAME).exists()
    status, out, err = _run(capsys, "report", "--data-dir", str(tmp_path / "nope"))
    assert (status, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert "does not exist" in err


def test_a_damaged_store_is_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_FILENAME).write_bytes(b"this is no database" * 100)
    status, out, err = _run(capsys, "report", "--data-dir", str(data_dir))
    assert (status, out) == (1, "")
    assert len(err.splitlines()) == 1
    assert err.startswith("clarity: ")


def test_an_unknown_player_or_pack_is_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    status, _, err = _run(capsys, "report", "--player", "Nobody", "--data-dir", str(data_dir))
    assert (status, err) == (1, 'clarity: there is no player "Nobody"\n')
    status, _, err = _run(capsys, "report", "--pack", "nothing", "--data-dir", str(data_dir))
    assert status == 1
    assert 'there is no pack "nothing"' in err


def test_a_player_with_no_answers_in_a_pack(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    status, out, _ = _run(
        capsys, "report", "--player", "Cleo", "--pack", "capitals", "--data-dir", str(data_dir)
    )
    assert status == 0
    assert "Cleo" in out
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        add_player(store, "Dan")
    status, out, _ = _run(
        capsys, "report", "--player", "Dan", "--pack", "capitals", "--data-dir", str(data_dir)
    )
    assert (status, out) == (0, "No answers saved for Dan in the pack capitals.\n")


def test_the_pdf_is_refused_over_the_saved_data(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(data_dir)
    before = (data_dir / DB_FILENAME).read_bytes()
    status, _, err = _run(
        capsys, "report", "--pdf", str(data_dir / DB_FILENAME), "--data-dir", str(data_dir)
    )
    assert status == 1
    assert "saved data" in err
    assert (data_dir / DB_FILENAME).read_bytes() == before


def _install_true_false(data_dir: Path) -> None:
    """The pack "planets" in the data folder's packs: one true/false question."""
    folder = data_dir / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    write_png(folder / "saturn.png")
    pack = {
        "clarity": 1,
        "id": "planets",
        "title": "Планеты",
        "description": "Планеты.",
        "rounds": [{"image": "saturn.png", "answer": "Сатурн"}],
        "questions": [
            {"id": "mars-moons", "type": "truefalse", "prompt": "У Марса две луны.", "answer": True}
        ],
    }
    text = yaml.safe_dump(pack, sort_keys=False, allow_unicode=True)
    (folder / "planets.yaml").write_text(text, encoding="utf-8")


def test_true_false_answers_are_worded_as_the_sheets_and_the_pdf_has_titles_and_a_date(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    _fill(data_dir)
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        cleo = store.player_by_name("Cleo")
        assert cleo is not None
        # the store keeps a true/false answer as "true" or "false" (clarity.core.answers)
        play_round(store, cleo, [("mars-moons", "false", False, 2.0)], pack_id="planets")
    _install_true_false(data_dir)
    args = ("report", "--data-dir", str(data_dir))

    status, out, err = _run(capsys, *args)
    assert (status, err) == (0, "")
    row = next(line for line in out.splitlines() if "У Марса две луны." in line)
    assert row.startswith("planets ")  # the terminal shows the id --pack takes
    assert row.endswith("False (×1)")
    monkeypatch.setenv("CLARITY_LANG", "ru")
    _, out, _ = _run(capsys, *args)
    row = next(line for line in out.splitlines() if "У Марса две луны." in line)
    assert row.endswith(f"{translator_for('ru').gettext('False')} (×1)")
    assert "False" not in row
    monkeypatch.delenv("CLARITY_LANG")
    # the CSV stays machine-readable
    _, out, _ = _run(capsys, *args, "--csv")
    rows = [
        r
        for r in csv.DictReader(io.StringIO(out))
        if r["question_id"] == "mars-moons" and r["kind"] == "question"
    ]
    assert [r["top_wrong"] for r in rows] == ["false"]

    target = tmp_path / "report.pdf"
    before = date.today()
    status, _, err = _run(capsys, *args, "--pdf", str(target))
    after = date.today()
    assert (status, err) == (0, "")
    text = " ".join(pdftotext(target).split())
    english = translator_for("en")
    assert any(f"Made on {english.date(day)}" in text for day in (before, after)), text
    assert "False (×1)" in text
    # the packs by their titles, not their ids
    assert "Столицы" in text
    assert "Планеты" in text
    assert "capitals" not in text
    assert "planets" not in text
    _, _, _ = _run(capsys, *args, "--pack", "planets", "--pdf", str(tmp_path / "one.pdf"))
    assert "Class report: Планеты" in " ".join(pdftotext(tmp_path / "one.pdf").split())
