"""The command line: clarity validate, clarity packs, and plain clarity."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

import clarity.__main__
from clarity import cli
from clarity.resources import bundled_questions_dir
from core.image_bytes import png_bytes

GOOD = """\
clarity: 1
id: {id}
title: {title}
description: A test pack.
rounds:
  - image: map.png
    answer: A map
    grid: {grid}
questions:
  - type: typed
    prompt: Say no.
    answer: No
  - type: truefalse
    prompt: Is this true?
    answer: true
"""


def write_pack(
    folder: Path, name: str, *, pack_id: str = "test-pack", title: str = "Test", grid: str = "1x2"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "map.png").write_bytes(png_bytes(4, 4))
    path = folder / name
    path.write_text(GOOD.format(id=pack_id, title=title, grid=grid), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


# --- validate -----------------------------------------------------------------------------


def test_validate_valid_pack_exits_0(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_pack(tmp_path, "good.yaml")
    status, out, _ = run(capsys, "validate", str(pack), "--data-dir", str(data_dir))
    assert (status, out) == (0, ["1 pack checked: 1 valid, 0 with errors, 0 warnings"])


def test_validate_warns_about_characters_no_font_on_this_computer_draws(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # This computer's fonts stand in as "ASCII only", so the test does not depend on them.
    monkeypatch.setattr(cli, "drawable_by_this_computer", lambda: str.isascii)
    pack = write_pack(tmp_path, "good.yaml")
    pack.write_text(pack.read_text(encoding="utf-8").replace("Say no.", "Say 否."), "utf-8")

    status, out, _ = run(capsys, "validate", str(pack), "--data-dir", str(data_dir))

    assert status == 0
    assert out[0].startswith(f"{pack}:11:13: warning: questions[0].prompt: the character U+5426 否")
    assert out[1] == "1 pack checked: 1 valid, 0 with errors, 1 warning"


def test_validate_folder_reports_every_line_and_a_summary(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "packs"
    write_pack(folder, "a.yaml", pack_id="a")
    write_pack(folder, "b.yaml", pack_id="b", grid="2x2")  # 4 tiles, 2 questions: a warning
    broken = folder / "c.yaml"
    broken.write_text(GOOD.format(id="c", title="C", grid="1x2").replace("answer: true", "x: 1"))
    status, out, _ = run(capsys, "validate", str(folder), "--data-dir", str(data_dir))
    assert status == 1
    assert out == [
        f"{folder / 'b.yaml'}:8:11: warning: rounds[0].grid: the 2x2 grid has 4 tiles but the "
        "pack has only 2 questions, so the questions run out before every tile is uncovered",
        f"{folder / 'c.yaml'}:13:5: questions[1].answer: is missing; every question and round "
        "needs its right answer",
        f"{folder / 'c.yaml'}:15:5: questions[1].x: is not a known field; the fields here are "
        "id, prompt, explain, image, time_limit, difficulty, tags, type, answer",
        "3 packs checked: 2 valid, 1 with errors, 1 warning",
    ]


def test_validate_summary_writes_every_count_in_one_form(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Thousands are grouped as everywhere in the game ("1,001" in English, not "1001").
    folder = tmp_path / "packs"
    first = write_pack(folder, "p0000.yaml", pack_id="p0")
    text = first.read_text(encoding="utf-8")
    for number in range(1, 1001):
        (folder / f"p{number:04}.yaml").write_text(
            text.replace("id: p0", f"id: p{number}"), encoding="utf-8"
        )
    status, out, _ = run(capsys, "validate", str(folder), "--data-dir", str(data_dir))
    assert status == 0
    assert out == ["1,001 packs checked: 1,001 valid, 0 with errors, 0 warnings"]


def test_validate_reports_duplicate_ids_among_the_files(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_pack(tmp_path / "one", "a.yaml", pack_id="same")
    second = write_pack(tmp_path / "two", "b.yaml", pack_id="same")
    status, out, _ = run(capsys, "validate", str(first), str(second), "--data-dir", str(data_dir))
    assert status == 1
    assert out[0] == f'{second}:2:5: id: "same" is already used by {first}'


def test_validate_missing_path_is_a_usage_error(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "validate", str(tmp_path / "nope.yaml"), "--data-dir", "x")
    assert status == 2
    assert out == []
    assert err == f"clarity: error: {tmp_path / 'nope.yaml'}: no such file or folder\n"


def test_validate_without_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "validate")
    assert status == 2
    assert "the following arguments are required: PATH" in err


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "frobnicate")
    assert status == 2
    assert "invalid choice" in err


def test_validate_empty_folder_says_so(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "validate", str(tmp_path), "--data-dir", str(data_dir))
    assert status == 0
    assert out == [
        f"{tmp_path}: no pack files (.yaml or .yml) in this folder",
        "0 packs checked: 0 valid, 0 with errors, 0 warnings",
    ]


def test_validate_the_bundled_packs(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The packs that ship with the game must always pass their own check.
    folder = str(bundled_questions_dir())
    status, out, _ = run(capsys, "validate", folder, "--data-dir", str(data_dir))
    assert status == 0, "\n".join(out)
    assert re.fullmatch(r"([1-9]\d*) packs? checked: \1 valid, 0 with errors, .*", out[-1])


def test_unexpected_os_error_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "x.yaml"))

    monkeypatch.setattr(cli, "load_packs", fail)
    pack = write_pack(tmp_path, "x.yaml")
    status, _, err = run(capsys, "validate", str(pack), "--data-dir", str(tmp_path))
    assert status == 1
    assert err == f"clarity: {tmp_path / 'x.yaml'}: Permission denied\n"  # not a usage error


# --- packs --------------------------------------------------------------------------------


def test_packs_lists_user_and_extra_folders_with_broken_ones(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pack(data_dir / "packs", "mine.yaml", pack_id="mine", title="Mine")
    extra = tmp_path / "extra"
    write_pack(extra, "more.yaml", pack_id="more-pack", title="More")
    (extra / "broken.yaml").write_text("clarity: 1\n")
    status, out, _ = run(capsys, "packs", "--packs", str(extra), "--data-dir", str(data_dir))
    assert status == 0
    rows = {line.split()[0]: line.split(None, 1)[1] for line in out}
    assert rows["mine"].split() == ["Mine", "1", "round,", "2", "questions"]
    assert rows["more-pack"].split() == ["More", "1", "round,", "2", "questions"]
    # The title of a broken pack is its file name; then its first error.
    title, rest = rows["broken"].split(None, 1)
    assert title == "broken"
    assert rest.startswith(f"broken: {extra / 'broken.yaml'}:1:1: ")
    assert rest.endswith(": is missing")


def test_packs_missing_extra_folder_is_a_usage_error(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "packs", "--packs", str(tmp_path / "no"), "--data-dir", "d")
    assert status == 2
    assert "no such folder" in err


def test_data_dir_may_come_before_the_command(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pack(data_dir / "packs", "mine.yaml", pack_id="mine", title="Mine")
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "packs")
    assert any(line.startswith("mine ") for line in out)


def test_data_dir_comes_from_the_environment(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pack(data_dir / "packs", "mine.yaml", pack_id="mine", title="Mine")
    monkeypatch.setenv("CLARITY_DATA_DIR", str(data_dir))
    _, out, _ = run(capsys, "packs")
    assert any(line.startswith("mine ") for line in out)


def narrow_stream() -> io.TextIOWrapper:
    """What Windows gives output sent to a file: the legacy code page, here one without
    Cyrillic letters, with strict errors."""
    return io.TextIOWrapper(io.BytesIO(), encoding="cp1252")


def written(stream: io.TextIOWrapper) -> list[str]:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("cp1252").splitlines()


def test_cyrillic_prints_as_question_marks_where_the_code_page_has_no_cyrillic(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pack(data_dir / "packs", "mine.yaml", pack_id="mine", title="Союз")
    out, err = narrow_stream(), narrow_stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert cli.main(["packs", "--data-dir", str(data_dir)]) == 0
    assert cli.main(["validate", str(tmp_path / "Союз.yaml")]) == 2
    assert any(line.split()[:2] == ["mine", "????"] for line in written(out))
    assert written(err) == [f"clarity: error: {tmp_path / '????.yaml'}: no such file or folder"]


def test_a_stream_that_holds_every_character_is_left_as_it_is() -> None:
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    escaping = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="backslashreplace")
    cli.print_anything_to(utf8)
    cli.print_anything_to(escaping)
    assert (utf8.errors, escaping.errors) == ("strict", "backslashreplace")


# --- plain clarity ------------------------------------------------------------------------


def test_plain_clarity_starts_the_game_at_the_title(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Plain clarity opens the game window (tests/test_cli_play.py drives it for real);
    # here only what it is asked to start.
    started = []
    monkeypatch.setattr(
        "clarity.ui.launch.start_game", lambda options: started.append(options) or 0
    )
    status, _, _ = run(capsys, "--data-dir", str(data_dir))
    assert status == 0
    assert [(o.pack_id, o.data_dir) for o in started] == [(None, data_dir)]


def test_module_entry_point_exits_with_the_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["clarity", "validate", str(tmp_path / "nope")])
    with pytest.raises(SystemExit) as exited:
        clarity.__main__.main()
    assert exited.value.code == 2
