"""--size is refused before the game starts when the window could not show it: larger than
the screen it opens on, or smaller than the game's minimum. One line, exit 1.

The screen is what SDL reports for the display the window opens on. Under the dummy video
driver these tests run with, that is one display of 1024x768.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from clarity import cli
from clarity.ui.app import MIN_SIZE, App
from clarity.ui.launch import refuse_size

SCREEN = (1024, 768)
RANGE = f"the window can be from {MIN_SIZE[0]}x{MIN_SIZE[1]} to 1024x768"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[App]:
    """The Apps that opened their window; each closes itself after its first frame."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    apps: list[App] = []
    real_open = App.open

    def open_and_close_soon(self: App) -> pygame.Surface:
        surface = real_open(self)
        apps.append(self)
        self.opened_size = self.window.size  # type: ignore[attr-defined]
        self.add_frame_hook(lambda app, _: app.quit())
        return surface

    monkeypatch.setattr(App, "open", open_and_close_soon)
    return apps


def test_the_dummy_display_is_the_screen_these_tests_expect(opened: list[App]) -> None:
    pygame.display.init()
    assert pygame.display.get_desktop_sizes() == [SCREEN]


@pytest.mark.parametrize(
    ("argv", "size"),
    [
        ([], "99999x99999"),
        ([], "1025x600"),  # one pixel wider than the screen
        (["play", "--pack", "solar-system"], "1000x769"),
        (["demo", "--screenshot-dir", "shots"], "3840x2160"),
    ],
)
def test_a_size_larger_than_the_screen_is_refused_before_any_window(
    opened: list[App],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    size: str,
) -> None:
    assert cli.main([*argv, "--size", size, "--data-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"clarity: --size {size} is larger than the screen; {RANGE}\n"
    )
    assert opened == []


@pytest.mark.parametrize(
    ("argv", "size"),
    [
        ([], "10x10"),
        ([], f"{MIN_SIZE[0] - 1}x{MIN_SIZE[1]}"),
        (["play", "--pack", "solar-system"], f"{MIN_SIZE[0]}x{MIN_SIZE[1] - 1}"),
        (["demo", "--screenshot-dir", "shots"], "800x500"),
    ],
)
def test_a_size_smaller_than_the_minimum_is_refused_before_any_window(
    opened: list[App],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    size: str,
) -> None:
    assert cli.main([*argv, "--size", size, "--data-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"clarity: --size {size} is smaller than the game's minimum; {RANGE}\n"
    )
    assert opened == []


@pytest.mark.parametrize("size", [SCREEN, MIN_SIZE], ids=["the-screen", "the-minimum"])
def test_a_size_from_the_minimum_to_the_screen_opens_that_window(
    opened: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str], size: tuple[int, int]
) -> None:
    argv = ["--size", f"{size[0]}x{size[1]}", "--data-dir", str(tmp_path)]
    assert cli.main(argv) == 0, capsys.readouterr().err
    (app,) = opened
    assert app.opened_size == size  # type: ignore[attr-defined]


def test_a_refused_size_is_said_before_a_missing_pack(
    opened: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["play", "--pack", "no-such-pack", "--size", "10x10", "--data-dir", str(tmp_path)]
    assert cli.main(argv) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("clarity: --size 10x10 is smaller")


def test_on_a_screen_smaller_than_the_minimum_the_screen_is_the_range() -> None:
    netbook = (800, 480)
    assert refuse_size(netbook, netbook) is None
    assert refuse_size((800, 481), netbook) == (
        "--size 800x481 is larger than the screen; the window can be from 800x480 to 800x480"
    )
    assert refuse_size((640, 480), netbook) == (
        "--size 640x480 is smaller than the game's minimum; "
        "the window can be from 800x480 to 800x480"
    )


def test_when_sdl_cannot_tell_the_screen_only_the_minimum_is_checked() -> None:
    assert refuse_size((99999, 99999), None) is None
    assert refuse_size((10, 10), None) == (
        f"--size 10x10 is smaller than the game's minimum; "
        f"the window can be at least {MIN_SIZE[0]}x{MIN_SIZE[1]}"
    )
