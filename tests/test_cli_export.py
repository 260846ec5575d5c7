"""clarity export: a pack out to Moodle (GIFT), Anki and a web page, through clarity.cli.main."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from clarity import cli
from clarity.core.packs.loader import load_pack
from clarity.formats.gift import read_gift
from clarity.resources import bundled_assets_dir, bundled_questions_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err.splitlines()


@pytest.fixture
def data(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data")]


def union_state() -> object:
    return load_pack(bundled_questions_dir() / "union_state.yaml", assets_dir=bundled_assets_dir())


def test_an_installed_pack_by_id_goes_to_gift_in_the_current_folder(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "export", "union-state", "--format", "gift", *data)
    pack = union_state().pack
    assert (status, err) == (0, [])
    assert out == [f"wrote union-state.gift: {len(pack.questions)} questions"]
    text = (tmp_path / "union-state.gift").read_text(encoding="utf-8")
    read = read_gift(text)
    assert [q.fields["prompt"] for q in read.questions] == [q.prompt for q in pack.questions]


def test_a_pack_file_goes_to_an_anki_deck_with_a_note_per_question_and_round(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "deck.apkg"
    path = bundled_questions_dir() / "union_state.yaml"
    status, _, err = run(capsys, "export", str(path), "--format", "anki", "-o", str(target), *data)
    assert (status, err) == (0, [])
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        collection = next(n for n in names if n.startswith("collection.anki2"))
        (tmp_path / "collection").write_bytes(package.read(collection))
    with sqlite3.connect(tmp_path / "collection") as db:
        notes = db.execute("SELECT count(*) FROM notes").fetchone()[0]
    pack = union_state().pack
    assert notes == len(pack.questions) + len(pack.rounds)  # a card per round's picture too


def test_a_pack_goes_to_one_web_page_with_its_pictures_inside(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "game.html"
    status, _, err = run(
        capsys, "export", "union-state", "--format", "html", "-o", str(target), *data
    )
    assert (status, err) == (0, [])
    page = target.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "The Union State" in page
    assert "data:image/png;base64," in page


def test_a_user_pack_by_id_is_found_in_the_packs_folder(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "mine", *data)[0] == 0
    target = tmp_path / "mine.gift"
    status, out, _ = run(capsys, "export", "mine", "--format", "gift", "-o", str(target), *data)
    assert status == 0
    assert out == [f"wrote {target}: 5 questions"]


def test_an_unknown_pack_is_one_line(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "export", "no-such-pack", "--format", "gift", *data)
    assert (status, out) == (1, [])
    assert err == [
        "clarity: no-such-pack: no such pack file, and no installed pack has this id; "
        "see clarity packs"
    ]


def test_a_pack_with_errors_prints_them_and_writes_nothing(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("clarity: 1\nid: broken\ntitle: Broken\n", encoding="utf-8")
    target = tmp_path / "broken.gift"
    status, out, err = run(
        capsys, "export", str(broken), "--format", "gift", "-o", str(target), *data
    )
    assert status == 1
    assert out
    assert all(line.startswith(f"{broken}:") for line in out)
    assert err == [f"clarity: {broken} has errors; fix them and export again"]
    assert not target.exists()


def test_a_folder_or_a_missing_format_is_a_usage_error(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "export", str(tmp_path), "--format", "gift", *data)
    assert status == 2
    assert "is a folder" in err[0]
    status, _, err = run(capsys, "export", "union-state", *data)
    assert status == 2
    assert "--format" in err[0]


def test_a_target_in_a_missing_folder_is_one_line(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nowhere" / "x.gift"
    status, _, err = run(
        capsys, "export", "union-state", "--format", "gift", "-o", str(target), *data
    )
    assert status == 1
    assert err == [f"clarity: cannot write {target}: the folder {target.parent} does not exist"]
