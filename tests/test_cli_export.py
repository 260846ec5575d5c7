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


def _pack_with_own_picture(folder: Path) -> tuple[Path, Path]:
    """A pack (as clarity new writes it) whose round's picture is beside it."""
    from clarity.formats.pack_files import EXAMPLE_PICTURE, new_pack_text
    from core.image_bytes import png_bytes

    folder.mkdir(parents=True, exist_ok=True)
    pack = folder / "own.yaml"
    text = new_pack_text("own", "Own pictures", "en").replace(EXAMPLE_PICTURE, "own.png")
    pack.write_text(text, encoding="utf-8")
    picture = folder / "own.png"
    picture.write_bytes(png_bytes(40, 30))
    return pack, picture


@pytest.mark.parametrize("change", ["not a picture", "removed"])
def test_a_picture_changed_after_the_pack_loaded_is_one_line_for_the_web_page(
    tmp_path: Path,
    data: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    pack, picture = _pack_with_own_picture(tmp_path / "usb")
    real_load = cli.load_packs

    def load_then_change(*args: object, **kwargs: object) -> object:
        # the USB stick's picture is overwritten or taken away once the pack was checked
        loaded = real_load(*args, **kwargs)  # type: ignore[arg-type]
        if change == "removed":
            picture.unlink()
        else:
            picture.write_bytes(b"<html>a web page saved as own.png</html>")
        return loaded

    monkeypatch.setattr(cli, "load_packs", load_then_change)
    target = tmp_path / "own.html"

    status, out, err = run(
        capsys, "export", str(pack), "--format", "html", "-o", str(target), *data
    )

    assert (status, out) == (1, [])
    assert len(err) == 1
    if change == "removed":
        assert err[0].startswith(f"clarity: {picture}: the picture cannot be read: ")
        assert "No such file" in err[0]
    else:
        assert err[0] == (
            f"clarity: {picture}: this file is not a picture any more; put the picture back "
            "and export again"
        )
    assert not target.exists()
