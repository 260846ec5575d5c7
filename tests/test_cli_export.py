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
from cli_lines import run


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
    assert out[0] == f"wrote union-state.gift: {len(pack.questions)} questions"
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
    assert out[0] == f"wrote {target}: 5 questions"


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


# --- the export never loses the teacher's pack, nor a file it was not told to replace ------


def test_the_pack_itself_is_never_written_over_even_with_force(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    pack, _ = _pack_with_own_picture(tmp_path / "usb")
    before = pack.read_bytes()
    for force in ([], ["--force"]):
        status, out, err = run(
            capsys, "export", str(pack), "--format", "gift", "-o", str(pack), *force, *data
        )
        assert (status, out) == (1, [])
        assert err == [
            f"clarity: {pack} is the pack being exported; write the export to another file"
        ]
        assert pack.read_bytes() == before


def test_the_pack_by_another_name_or_one_of_its_pictures_is_not_written_over(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    pack, picture = _pack_with_own_picture(tmp_path / "usb")
    link = tmp_path / "link.yaml"
    link.symlink_to(pack)
    pack_bytes, picture_bytes = pack.read_bytes(), picture.read_bytes()

    status, _, err = run(
        capsys, "export", str(pack), "--format", "gift", "-o", str(link), "--force", *data
    )
    assert status == 1
    assert err == [f"clarity: {link} is the pack being exported; write the export to another file"]
    status, _, err = run(
        capsys, "export", str(pack), "--format", "html", "-o", str(picture), "--force", *data
    )
    assert status == 1
    assert err == [
        f"clarity: {picture} is a picture of the pack being exported; write the export to "
        "another file"
    ]
    assert (pack.read_bytes(), picture.read_bytes()) == (pack_bytes, picture_bytes)
    assert link.is_symlink()


def test_an_export_is_never_written_into_the_packs_folder(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # br4 N6: -o DATA/packs/g.yaml --force replaced another installed pack, -o its picture
    # wrote HTML over it, and a new file there was listed by the game as a broken pack
    exported, _ = _pack_with_own_picture(tmp_path / "usb")
    other, picture = _pack_with_own_picture(tmp_path / "data" / "packs")
    before = {path: path.read_bytes() for path in (other, picture)}
    link = tmp_path / "to-packs"
    link.symlink_to(other.parent)
    targets = [other, picture, other.parent / "new.yaml", link / "new.gift"]
    for target in targets:
        for force in ([], ["--force"]):
            argv = ["export", str(exported), "--format", "gift", "-o", str(target), *force]
            status, out, err = run(capsys, *argv, *data)
            assert (status, out) == (1, [])
            assert err == [
                f"clarity: {target} is in the game's packs folder {other.parent}; an export is a "
                "file for another program (Moodle, Anki, a browser): write it outside that folder"
            ]
    assert {path: path.read_bytes() for path in (other, picture)} == before
    assert sorted(path.name for path in other.parent.iterdir()) == ["own.png", "own.yaml"]
    # an installed pack goes out beside the teacher's other files as before
    target = tmp_path / "own.gift"
    status, out, _ = run(capsys, "export", "own", "--format", "gift", "-o", str(target), *data)
    assert (status, out[0]) == (0, f"wrote {target}: 5 questions")


def test_a_gift_export_says_what_gift_cannot_hold_and_keeps_the_times_in_comments(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # br4 N7, N8: the time limits, id and description were lost without a word, and a typed
    # answer with "->" lost its accepted answers with only a comment in the file
    pack, _ = _pack_with_own_picture(tmp_path / "usb")
    text = pack.read_text(encoding="utf-8").replace("time_limit: 30", "time_limit: 25")
    text += (
        "  - id: arrow\n    type: typed\n    prompt: Reaction?\n    answer: A -> B\n"
        "    accept: [A to B, a→b]\n    time_limit: 45\n"
        "  - id: order\n    type: choice\n    prompt: First?\n    choices: [one, two]\n"
        "    answer: one\n    shuffle: false\n"
    )
    pack.write_text(text, encoding="utf-8")
    target = tmp_path / "own.gift"
    status, out, err = run(capsys, "export", str(pack), "--format", "gift", "-o", str(target))
    assert (status, err) == (0, [])
    assert out == [
        f"wrote {target}: 7 questions",
        "the mystery picture of its 1 round is not in it: Moodle has no mystery-picture rounds",
        "the time limits are only comments in it: Moodle has no time per question (set the "
        "quiz's own time); clarity import reads them back",
        f"2 questions lost something GIFT cannot hold: see the comments in {target}",
    ]
    # imported back: the id, the description and every time limit come back
    back = tmp_path / "back.yaml"
    status, _, err = run(capsys, "import", str(target), "-o", str(back), *data)
    assert (status, err) == (0, [])
    original = load_pack(pack, assets_dir=bundled_assets_dir()).pack
    again = load_pack(back, assets_dir=bundled_assets_dir()).pack
    assert original is not None
    assert again is not None
    assert (again.id, again.description, again.time_limit) == ("own", original.description, 25)
    assert [q.time_limit for q in again.questions] == [q.time_limit for q in original.questions]
    assert [q.time_limit for q in again.questions][-2:] == [45, None]
    # an anki deck or a web page says nothing more
    status, out, _ = run(
        capsys, "export", str(pack), "--format", "anki", "-o", str(tmp_path / "d.apkg"), *data
    )
    assert (status, out) == (0, [f"wrote {tmp_path / 'd.apkg'}: 7 questions"])


def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # the default name, ./union-state.gift, holds the teacher's own edited GIFT
    mine = tmp_path / "union-state.gift"
    mine.write_text("// my own edits\n::q1::Two and two?{=4}\n", encoding="utf-8")

    status, out, err = run(capsys, "export", "union-state", "--format", "gift", *data)
    assert (status, out) == (1, [])
    assert err == ["clarity: union-state.gift already exists; give --force to replace it"]
    assert mine.read_text(encoding="utf-8").startswith("// my own edits")

    status, out, err = run(capsys, "export", "union-state", "--format", "gift", "--force", *data)
    assert (status, err) == (0, [])
    pack = union_state().pack
    assert out[0] == f"wrote union-state.gift: {len(pack.questions)} questions"
    read = read_gift(mine.read_text(encoding="utf-8"))
    assert [q.fields["prompt"] for q in read.questions] == [q.prompt for q in pack.questions]


# --- PACK: a file, else an installed id ----------------------------------------------------


def test_a_folder_named_as_an_installed_pack_is_not_in_the_way(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "solar-system").mkdir()  # e.g. where the teacher keeps the pictures
    target = tmp_path / "out.gift"
    status, out, err = run(
        capsys, "export", "solar-system", "--format", "gift", "-o", str(target), *data
    )
    assert (status, err) == (0, [])
    solar = load_pack(
        bundled_questions_dir() / "solar_system.yaml", assets_dir=bundled_assets_dir()
    ).pack
    assert out[0] == f"wrote {target}: {len(solar.questions)} questions"
    read = read_gift(target.read_text(encoding="utf-8"))
    assert [q.fields["prompt"] for q in read.questions] == [q.prompt for q in solar.questions]


def test_a_file_named_as_an_installed_pack_is_that_file(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pack, _ = _pack_with_own_picture(tmp_path)
    (tmp_path / "solar-system").write_bytes(pack.read_bytes())  # a pack file with no ending
    status, out, err = run(capsys, "export", "solar-system", "--format", "gift", *data)
    assert (status, err) == (0, [])
    assert out[0] == "wrote own.gift: 5 questions"  # the file's pack, "own", not the bundled one


def test_an_empty_pack_argument_is_a_usage_error(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "export", "", "--format", "gift", *data)
    assert (status, out) == (2, [])
    assert err == ["clarity: error: PACK is empty; give an installed pack's id or a pack file"]
    assert list(tmp_path.iterdir()) == []


# --- the web page plays with the game's rules ----------------------------------------------


def page_rules(page: Path) -> dict[str, object]:
    import json
    import re

    text = page.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="game-data">(.*?)</script>', text, re.S)
    assert found is not None
    return json.loads(found.group(1))["rules"]


@pytest.mark.parametrize("where", ["before the command", "after the command"])
def test_no_timer_and_no_streaks_are_the_web_pages_rules(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], where: str
) -> None:
    target = tmp_path / "game.html"
    options = ["--no-timer", "--no-streaks"]
    export = ["export", "union-state", "--format", "html", "-o", str(target), *data]
    argv = [*options, *export] if where == "before the command" else [*export, *options]
    status, _, err = run(capsys, *argv)
    assert (status, err) == (0, [])
    rules = page_rules(target)
    assert (rules["timer"], rules["streaks"]) == (False, False)


def test_the_saved_time_per_question_goes_to_the_web_page(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "settings", "time=2", "streaks=off", *data)[0] == 0
    target = tmp_path / "game.html"
    status, _, err = run(
        capsys, "export", "union-state", "--format", "html", "-o", str(target), *data
    )
    assert (status, err) == (0, [])
    rules = page_rules(target)
    assert (rules["timer"], rules["streaks"], rules["time_scale"]) == (True, False, 2.0)


def test_a_broken_settings_file_is_said_and_the_page_plays_by_the_defaults(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    # a value written with an escape sequence (which would clear the teacher's terminal)
    (config / "settings.ini").write_text("[rules]\ntime = 7\x1b[2J\n", encoding="utf-8")
    target = tmp_path / "game.html"
    argv = ["export", "union-state", "--format", "html", "-o", str(target), *data]
    status, _, err = run(capsys, *argv, "--config-dir", str(config))
    assert status == 0
    assert len(err) == 1
    assert err[0].startswith("clarity: ")
    assert "settings.ini" in err[0]
    assert "\x1b" not in err[0]
    assert "7\\x1b[2J" in err[0]  # said as the characters it holds, as clarity settings does
    assert page_rules(target)["time_scale"] == 1.0


def test_the_web_export_does_not_start_pygame(tmp_path: Path) -> None:
    # a teacher exporting on a server or over ssh has no display: the page's rules come
    # from the settings file alone, never from the game's window modules
    import subprocess
    import sys

    target = tmp_path / "game.html"
    check = (
        "import sys\n"
        "from clarity import cli\n"
        f"status = cli.main(['export', 'union-state', '--format', 'html', '-o', {str(target)!r},"
        f" '--data-dir', {str(tmp_path / 'data')!r}, '--config-dir', {str(tmp_path / 'c')!r}])\n"
        "print(status, sorted(m for m in sys.modules if m.split('.')[0] == 'pygame'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 []"
    assert target.exists()


def test_the_help_says_the_rule_options_shape_the_web_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["export", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--no-timer" in text
    assert "--no-streaks" in text
    assert "The web page scores with the game's rules" in text
