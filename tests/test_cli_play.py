"""Starting the game from the command line: clarity, clarity play, window options, errors."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pygame
import pytest

from clarity import cli
from clarity.ui.app import App
from clarity.ui.demo import DemoOptions
from clarity.ui.scenes.title import TitleScene
from ui.pack_files import write_broken_pack


def test_play_starts_a_round_of_the_pack_with_its_seed(
    seen: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(
        ["play", "--pack", "solar-system", "--seed", "1", "--data-dir", str(tmp_path)]
    )
    assert status == 0, capsys.readouterr().err
    (app,) = seen
    assert not app.running
    play = app.last_top  # type: ignore[attr-defined]
    assert play.name == "play"
    assert play.round.pack.id == "solar-system"
    assert play.round.seed == 1
    assert play.round.rules.timer
    assert play.round.rules.streaks


def test_play_without_timer_or_streaks(seen: list[App], tmp_path: Path) -> None:
    argv = ["play", "--pack", "union-state", "--no-timer", "--no-streaks", "--size", "1024x640"]
    assert cli.main([*argv, "--data-dir", str(tmp_path)]) == 0
    (app,) = seen
    rules = app.last_top.round.rules  # type: ignore[attr-defined]
    assert (rules.timer, rules.streaks) == (False, False)
    assert app.options.size == (1024, 640)


def test_plain_clarity_opens_at_the_title(seen: list[App], tmp_path: Path) -> None:
    # the dummy video driver's screen is 1024x768: --size must fit in it
    assert cli.main(["--data-dir", str(tmp_path), "--size", "1000x720"]) == 0
    (app,) = seen
    assert isinstance(app.last_top, TitleScene)  # type: ignore[attr-defined]
    assert app.options.size == (1000, 720)
    # after the first frame the packs were found and the sounds made, in the background
    preloading = app.services.packs._preloading
    assert preloading is not None
    preloading.join(timeout=10)
    assert app.services.packs.loaded
    assert app.services.sound._preparing is not None


def test_an_unknown_pack_is_one_line_before_any_window(
    seen: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["play", "--pack", "no-such-pack", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert 'there is no pack "no-such-pack"' in err
    assert "solar-system" in err  # it says which packs do play
    assert seen == []


def test_a_broken_pack_says_its_first_error(
    seen: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_broken_pack(tmp_path / "packs", "broken")
    assert cli.main(["play", "--pack", "broken", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert 'the pack "broken" cannot be played' in err
    assert "is not one of the choices" in err
    assert seen == []


def test_an_unexpected_error_is_logged_in_the_data_dir_and_said_in_one_line(
    seen: list[App],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken_update(self: TitleScene, dt: float) -> None:
        raise ZeroDivisionError("a bug in the title")

    monkeypatch.setattr(TitleScene, "update", broken_update)
    assert cli.main(["--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    log = tmp_path / "clarity-errors.log"
    assert err.splitlines() == [
        "clarity: the game stopped because of an unexpected error "
        f"(ZeroDivisionError: a bug in the title); the details are in {log}"
    ]
    assert "Traceback" in log.read_text(encoding="utf-8")
    assert "broken_update" in log.read_text(encoding="utf-8")
    assert not seen[0].running


def test_no_display_is_one_line_and_no_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_display(self: App) -> pygame.Surface:
        raise pygame.error("No available video device")

    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")  # for the size it looks up first
    monkeypatch.setattr(App, "open", no_display)
    assert cli.main(["--data-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        "clarity: cannot open the game window (No available video device)\n"
    )
    assert not (tmp_path / "clarity-errors.log").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SDL's fallback on Linux")
def test_without_a_display_it_says_so_instead_of_running_unseen(tmp_path: Path) -> None:
    # no X11, no Wayland: SDL would fall back on drawing off screen, for ever
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.pop("SDL_VIDEODRIVER", None)
    env["XDG_RUNTIME_DIR"] = str(tmp_path)  # keeps SDL's Wayland probe quiet
    done = subprocess.run(
        [sys.executable, "-m", "clarity", "--data-dir", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "clarity: cannot open the game window" in done.stderr


def test_without_pygame_ce_it_says_so_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "ensure_pygame_ce", lambda: "install pygame-ce, please")
    for argv in ([], ["play", "--pack", "solar-system"], ["demo"]):
        assert cli.main([*argv, "--data-dir", str(tmp_path)]) == 1
        assert capsys.readouterr().err == "clarity: install pygame-ce, please\n"


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "fullscreen", "size"),
    [
        ([], False, None),
        (["--fullscreen"], True, None),
        (["--windowed"], False, None),
        (["--size", "1280x720"], False, (1280, 720)),
        (["--size", "3840X2160", "--fullscreen"], True, (3840, 2160)),
        (["play", "--pack", "x", "--fullscreen"], True, None),
        (["--fullscreen", "play", "--pack", "x"], True, None),
        (["--size", "800x600", "play", "--pack", "x"], False, (800, 600)),
        (["play", "--pack", "x", "--size", "1024x640", "--windowed"], False, (1024, 640)),
        (["demo", "--fullscreen"], True, None),
    ],
)
def test_window_options(argv: list[str], fullscreen: bool, size: tuple[int, int] | None) -> None:
    args = cli.build_parser().parse_args(argv)
    assert (args.fullscreen, args.size) == (fullscreen, size)


@pytest.mark.parametrize(
    "argv",
    [
        ["--size", "big"],
        ["--size", "1280"],
        ["--size", "0x600"],
        ["--fullscreen", "--windowed"],
        ["play"],  # --pack is required
        ["play", "--pack", "x", "--seed", "one"],
        ["demo", "--rounds", "0"],
    ],
)
def test_bad_command_lines_are_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("clarity: error: argument ") or line.startswith(
        "clarity: error: the following arguments are required: "
    )


def test_demo_options() -> None:
    args = cli.build_parser().parse_args(
        ["demo", "--pack", "solar-system", "--seed", "4", "--rounds", "2", "--screenshot-dir", "d"]
    )
    assert (args.pack, args.seed, args.rounds, args.screenshot_dir) == (
        "solar-system",
        4,
        2,
        Path("d"),
    )
    defaults = cli.build_parser().parse_args(["demo"])
    assert (defaults.pack, defaults.seed, defaults.rounds, defaults.screenshot_dir) == (
        "union-state",
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("argv", "last_round"),
    [
        ([], None),  # an idle projector: until a key
        (["--rounds", "2"], 2),  # without screenshots too
        (["--screenshot-dir", "shots"], 1),
        (["--screenshot-dir", "shots", "--rounds", "3"], 3),
    ],
)
def test_the_demo_stops_after_its_rounds_with_or_without_screenshots(
    argv: list[str], last_round: int | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the autopilot itself is driven in tests/test_demo.py; here what the command asks of it
    asked: list[DemoOptions] = []

    def start_demo(options: object, demo: DemoOptions) -> int:
        asked.append(demo)
        return 0

    monkeypatch.setattr("clarity.ui.launch.start_demo", start_demo)
    assert cli.main(["demo", *argv, "--data-dir", str(tmp_path)]) == 0
    (demo,) = asked
    assert demo.last_round == last_round


# --- in a fresh process ----------------------------------------------------------------------


def _clarity(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clarity", *argv],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_first_frame_is_reported_and_the_game_stops(tmp_path: Path) -> None:
    started = time.time()
    done = _clarity(
        "--exit-after-first-frame",
        "--data-dir",
        str(tmp_path),
        env={"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
    )
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()  # and no pygame banner
    label, stamp = line.split()
    assert label == "first-frame"
    assert started < float(stamp) < time.time()


def test_validate_and_packs_never_import_pygame(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from clarity import cli\n"
        f"cli.main(['packs', '--data-dir', {str(tmp_path)!r}])\n"
        "cli.main(['validate', 'nothing-here'])\n"
        "print('pygame' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.splitlines()[-1] == "False", done.stderr


def test_the_command_line_loads_no_rules_before_the_title_is_on_screen() -> None:
    # The title's first frame comes before the rules and the pack models (pydantic) are
    # loaded: importing them took 130 ms of a 270 ms start when the CLI named the class
    # game's team limits through the class round's module.
    code = (
        "import sys\n"
        "from clarity import cli\n"
        "cli.build_parser()\n"
        "print(sorted(m for m in ('pydantic', 'clarity.core.class_round',"
        " 'clarity.core.packs.models') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.splitlines()[-1] == "[]", done.stderr
