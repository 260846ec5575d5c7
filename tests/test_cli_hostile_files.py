"""clarity validate and clarity packs with hostile files: names and texts with escape
sequences are printed escaped, one problem stays one line, a named pipe is refused at
once, and a pack of a million aliases prints a few lines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clarity import cli
from clarity.core.packs import plain_yaml
from test_cli import GOOD, run, write_pack

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.mark.skipif(sys.platform == "win32", reason="these characters cannot be in a file name")
def test_validate_prints_a_file_name_with_escapes_and_a_newline_escaped_on_one_line(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "packs"
    write_pack(folder, "good.yaml")
    name = f"evil{ESCAPES}\nnext.yaml"
    (folder / name).write_text(
        GOOD.format(id="evil", title="E", grid="1x2").replace("answer: true", "answer: x")
    )
    status, out, _ = run(capsys, "validate", str(folder / name), "--data-dir", str(data_dir))
    shown = f"{folder}/evil\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m\\nnext.yaml"
    assert status == 1
    assert out == [
        f"{shown}:15:13: questions[1].answer: should be true or false",
        "1 pack checked: 0 valid, 1 with errors, 0 warnings",
    ]


def test_validate_prints_yaml_text_with_escapes_escaped(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_pack(tmp_path, "pack.yaml")
    pack.write_text(pack.read_text().replace("type: typed", 'type: "\\e[2J\\u202eessay"'))
    _, out, _ = run(capsys, "validate", str(pack), "--data-dir", str(data_dir))
    assert out[0] == (
        f'{pack}:10:11: questions[0].type: "\\x1b[2J\\u202eessay" is not a question type; '
        "use choice, truefalse, typed or number"
    )


def test_packs_lists_titles_and_errors_escaped(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = tmp_path / "extra"
    # The same controls written as YAML escapes, which a YAML file may hold.
    write_pack(extra, "a.yaml", pack_id="a", title='"Red\\e]0;pwned\\a\\e[2J\\e[31m\\u202eTitle"')
    status, out, _ = run(capsys, "packs", "--packs", str(extra), "--data-dir", str(data_dir))
    assert status == 0
    listed = [line for line in out if "Red" in line or line.startswith("b ")]
    assert any("Red\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m\\u202eTitle" in line for line in listed)
    assert all("\x1b" not in line and "\x07" not in line and "\u202e" not in line for line in out)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.timeout(30)
def test_validate_refuses_a_named_pipe_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    # A real process: a validate that opened the pipe for reading would wait for ever,
    # and the timeout below would fail the test instead of hanging the suite.
    done = subprocess.run(
        [sys.executable, "-m", "clarity", "validate", str(fifo), "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert (done.returncode, done.stdout.splitlines()) == (
        1,
        [
            f"{fifo}:1:1: this is a named pipe (FIFO), not a pack file",
            "1 pack checked: 0 valid, 1 with errors, 0 warnings",
        ],
    )


def test_validate_of_a_million_aliases_prints_a_few_lines(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write_pack(tmp_path, "bomb.yaml")
    text = pack.read_text().replace("answer: A map", "answer: &a A map")
    text = text.replace("    grid:", f"    accept: [{', '.join(['*a'] * 1_200_000)}]\n    grid:")
    pack.write_text(text)
    status, out, _ = run(capsys, "validate", str(pack), "--data-dir", str(data_dir))
    assert status == 1
    assert len(out) == plain_yaml.MAX_ALIASES + 3  # the anchor, the aliases, the stop, the sum
    assert "reading stopped here" in out[-2]


def test_cli_main_escapes_a_usage_error_naming_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["validate", f"missing{ESCAPES}.yaml"])
    err = capsys.readouterr().err
    assert status == 2
    assert err == (
        "clarity: error: missing\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m.yaml: no such file or folder\n"
    )
