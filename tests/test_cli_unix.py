"""The command line as a well-behaved Unix tool: one-line errors with one prefix, the
data folder checked before anything is read or played, and a closed pipe that ends
quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from clarity import cli
from clarity.resources import bundled_questions_dir
from clarity.store import open_store
from clarity.ui.app import App
from store.factories import add_player, save

READ_COMMANDS = [["players"], ["leaderboard"], ["trophies"], ["results", "--csv", "out.csv"]]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def fill(data_dir: Path) -> None:
    """Ana has played a round of the Solar System."""
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        save(store, add_player(store, "Ana").id, score=900)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[App]:
    """Every App that opens its window (none should): headless, and closed at once."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    opened: list[App] = []
    real_open = App.open

    def open_and_quit(self: App) -> pygame.Surface:
        opened.append(self)
        surface = real_open(self)
        self.quit()
        return surface

    monkeypatch.setattr(App, "open", open_and_quit)
    return opened


# --- the data folder ------------------------------------------------------------------------


@pytest.mark.parametrize("command", [*READ_COMMANDS, ["packs"]])
def test_a_data_dir_that_is_a_file_is_one_line_and_exit_1(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "data"
    a_file.write_text("not a folder", encoding="utf-8")
    status, out, err = run(capsys, *command, "--data-dir", str(a_file))
    assert (status, out) == (1, "")
    assert err == f"clarity: the data folder {a_file} is a file, not a folder\n"


@pytest.mark.parametrize("command", READ_COMMANDS)
def test_read_commands_on_a_folder_that_does_not_exist_say_so_and_exit_1(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mistyped"
    status, out, err = run(capsys, *command, "--data-dir", str(folder))
    assert (status, out) == (1, "")
    assert err == f"clarity: there is no saved data in {folder}: the folder does not exist\n"
    assert not folder.exists()  # reading never creates it


@pytest.mark.parametrize("command", [[], ["play", "--pack", "solar-system"], ["demo"]])
def test_a_game_whose_data_dir_is_a_file_stops_before_its_window(
    command: list[str], windows: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "data"
    a_file.write_text("not a folder", encoding="utf-8")
    status, out, err = run(capsys, *command, "--data-dir", str(a_file))
    assert (status, out, windows) == (1, "", [])
    assert err == f"clarity: the data folder {a_file} is a file, not a folder\n"


@pytest.mark.parametrize("command", [[], ["play", "--pack", "solar-system"], ["demo"]])
def test_a_game_whose_data_dir_cannot_be_made_names_it_and_why(
    command: list[str], windows: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "usb-stick"
    a_file.write_text("a file where a folder should be", encoding="utf-8")
    folder = a_file / "clarity"
    status, out, err = run(capsys, *command, "--data-dir", str(folder))
    assert (status, out, windows) == (1, "", [])
    assert err == f"clarity: the data folder {folder} cannot be made: {a_file} is a file\n"


def test_a_game_makes_its_missing_data_dir(
    windows: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "clarity"
    status, _, err = run(capsys, "play", "--pack", "solar-system", "--data-dir", str(folder))
    assert status == 0, err
    assert len(windows) == 1
    assert folder.is_dir()


# --- one prefix for every error -------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "help_of"),
    [
        (["frobnicate"], "clarity"),
        (["--size", "big"], "clarity"),
        (["play"], "clarity play"),
        (["play", "--pack", "x", "--seed", "one"], "clarity play"),
        (["demo", "--rounds", "0"], "clarity demo"),
        (["demo", "--size", "1280"], "clarity demo"),
        (["validate"], "clarity validate"),
        (["packs", "--nope"], "clarity packs"),
        (["players", "extra"], "clarity players"),
        (["leaderboard", "--pack"], "clarity leaderboard"),
        (["trophies", "--player"], "clarity trophies"),
        (["results"], "clarity results"),
    ],
)
def test_usage_errors_are_one_line_beginning_clarity_error(
    argv: list[str], help_of: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("clarity: error: ")
    assert err.endswith(f"; see {help_of} --help\n")
    assert err.count("\n") == 1


def test_a_runtime_problem_is_one_line_beginning_clarity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(tmp_path)
    target = tmp_path / "no-such-folder" / "results.csv"
    status, out, err = run(capsys, "results", "--csv", str(target), "--data-dir", str(tmp_path))
    assert (status, out) == (1, "")
    assert err == f"clarity: cannot write {target}: the folder {target.parent} does not exist\n"


# --- leaderboard --pack -------------------------------------------------------------------


def test_leaderboard_of_an_unknown_pack_exits_1_naming_the_packs_with_rounds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(tmp_path)
    for extra in ([], ["--csv"]):
        status, out, err = run(
            capsys, "leaderboard", "--pack", "nosuchpack", *extra, "--data-dir", str(tmp_path)
        )
        assert (status, out) == (1, "")
        assert err == (
            'clarity: there is no pack "nosuchpack"; the packs are: solar-system, union-state\n'
        )


def test_leaderboard_of_an_unknown_pack_when_no_round_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opening = open_store(tmp_path)
    assert opening.store is not None
    with opening.store as store:
        add_player(store, "Ana")
    status, out, err = run(capsys, "leaderboard", "--pack", "nope", "--data-dir", str(tmp_path))
    assert (status, out) == (1, "")
    assert err == 'clarity: there is no pack "nope"; the packs are: solar-system, union-state\n'


def test_leaderboard_of_an_unknown_pack_in_a_folder_with_nothing_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "leaderboard", "--pack", "nope", "--data-dir", str(tmp_path))
    assert (status, out) == (1, "")
    assert err == 'clarity: there is no pack "nope"; the packs are: solar-system, union-state\n'
    status, out, _ = run(
        capsys, "leaderboard", "--pack", "union-state", "--data-dir", str(tmp_path)
    )
    assert (status, out) == (0, f"No saved data yet in {tmp_path}\n")


# --- a closed pipe ------------------------------------------------------------------------


def clarity_into_a_closed_pipe(*argv: str) -> subprocess.CompletedProcess[str]:
    """``clarity ARGV | head -0``: the reader has gone before the first line is written,
    so the very first write meets a closed pipe (every time, not only when ``head`` wins
    the race)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "clarity", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["packs"],
        ["players"],
        ["leaderboard", "--csv"],
        ["validate", str(bundled_questions_dir())],
        ["--help"],
    ],
)
def test_a_closed_pipe_ends_quietly_with_exit_0(argv: list[str], tmp_path: Path) -> None:
    fill(tmp_path)
    done = clarity_into_a_closed_pipe(*argv, "--data-dir", str(tmp_path))
    assert (done.returncode, done.stderr) == (0, "")
