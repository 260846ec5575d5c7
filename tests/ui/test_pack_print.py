"""The pack screen's Print: P (or the Print button) writes the pack's flashcards, worksheet
and exam with its key into a folder of the data folder, in the background, and asks the
file manager to show that folder.

The App runs headless with real key and mouse events. The file manager is the one thing
given a stand-in (``Services.folder_opener``): no file manager can run headless, and the
test must see that it was asked, with which folder. The PDFs are real and read back with
poppler (skipped where it is missing, failed in CI).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from clarity.printing.pack_print import open_folder
from clarity.resources import DEFAULT_PACK_ID, bundled_assets_dir, bundled_questions_dir
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scenes.packs import PackScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound
from printing.pdf_reading import pdfinfo, pdftotext

from .menus import click, headless, press, step

OpenApp = Callable[..., App]

#: a frame's wait at 60 frames a second, less the time a frame takes to draw
FRAME_WAIT = 0.01


@pytest.fixture
def opened_folders() -> list[Path]:
    return []


@pytest.fixture
def open_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, opened_folders: list[Path]
) -> Iterator[OpenApp]:
    """An App on the pack list over the bundled packs, its data folder in ``tmp_path``
    (None: no data folder), its file manager a stand-in that notes the folder asked for."""
    headless(monkeypatch)
    apps: list[App] = []

    def opener(folder: Path) -> bool:
        opened_folders.append(folder)
        return True

    def make(*, data_dir: Path | None = tmp_path / "data") -> App:
        assets_dir = bundled_assets_dir()
        services = Services(
            assets=Assets(assets_dir),
            sound=Sound(enabled=False),
            packs=PackCatalog([bundled_questions_dir()], assets_dir),
            settings=GameSettings(seed=1),
            data_dir=data_dir,
            folder_opener=opener,
        )
        app = App(services, WindowOptions(size=(1280, 800)))
        app.open()
        apps.append(app)
        app.screens.push("packs")
        step(app)
        until(app, lambda: isinstance(app.top, PackScene) and not app.top.loading, wait=FRAME_WAIT)
        return app

    yield make
    for app in apps:
        app.close()


def until(
    app: App, condition: Callable[[], bool], limit: int = 20_000, *, wait: float = 0.0
) -> int:
    """Frames until ``condition``; how many it took. ``wait``: the seconds each frame then
    leaves to the game's background threads, as a real frame's wait for its clock does
    (frames drawn back to back would take the interpreter from the thread that writes the
    printouts, for frames nobody needs)."""
    for frame in range(limit):
        if condition():
            return frame
        step(app)
        if wait:
            time.sleep(wait)
    raise AssertionError("the game never got there")


def pack_screen(app: App) -> PackScene:
    top = app.top
    assert isinstance(top, PackScene), top
    return top


def test_p_writes_the_three_printouts_in_the_background_and_shows_their_folder(
    open_app: OpenApp, tmp_path: Path, opened_folders: list[Path]
) -> None:
    app = open_app()
    scene = pack_screen(app)
    loaded = scene.focused_pack
    assert loaded is not None
    assert loaded.id == DEFAULT_PACK_ID
    assert loaded.pack is not None

    press(app, pygame.K_p, frames=1)
    assert app.notice.text == f"Printing {loaded.title}…"
    # the frames go on while the files are written, the notice kept on screen
    frames = until(app, lambda: app.notice.text != f"Printing {loaded.title}…", wait=FRAME_WAIT)
    assert frames > 0
    assert app.top is scene

    folder = tmp_path / "data" / "printouts" / loaded.id
    assert app.notice.text == f"The printouts are in {folder}"
    assert opened_folders == [folder]
    names = ["flashcards", "worksheet", "exam"]
    files = [folder / f"{loaded.id}-{name}.pdf" for name in names]
    assert sorted(folder.iterdir()) == sorted(files)
    for file in files:
        assert int(pdfinfo(file)["Pages"]) >= 1
    first = " ".join(loaded.pack.questions[0].prompt.split())
    for file in files:
        assert first in " ".join(pdftotext(file).split()), file
    # the notice of where they are stays long enough to read a path, then goes
    step(app, 120)
    assert app.notice.text == f"The printouts are in {folder}"
    until(app, lambda: app.notice.text is None)


def test_the_print_button_prints_the_pack_last_in_focus(
    open_app: OpenApp, tmp_path: Path, opened_folders: list[Path]
) -> None:
    app = open_app()
    scene = pack_screen(app)
    press(app, pygame.K_DOWN)  # the next pack: the one the button prints
    loaded = scene.focused_pack
    assert loaded is not None
    assert loaded.id != DEFAULT_PACK_ID
    click(app, scene.print_button.rect.center, frames=1)
    assert scene.focused_pack is None  # the focus is on the button now
    until(app, lambda: opened_folders != [], wait=FRAME_WAIT)
    folder = tmp_path / "data" / "printouts" / loaded.id
    assert opened_folders == [folder]
    assert sorted(path.name for path in folder.iterdir()) == [
        f"{loaded.id}-exam.pdf",
        f"{loaded.id}-flashcards.pdf",
        f"{loaded.id}-worksheet.pdf",
    ]


def test_without_a_data_folder_print_says_there_is_nowhere_to_write(
    open_app: OpenApp, opened_folders: list[Path]
) -> None:
    app = open_app(data_dir=None)
    press(app, pygame.K_p)
    assert app.notice.text == "The game has no folder to write the printouts into."
    step(app, 10)
    assert opened_folders == []


def test_the_system_file_manager_is_not_asked_where_there_is_no_desktop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real opener, on a computer with no desktop (this headless run): it answers False
    at once, without starting xdg-open (which would only print an error) or raising."""
    if sys.platform in {"win32", "darwin"}:
        pytest.skip("Windows and macOS always have their file manager")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert open_folder(tmp_path) is False
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))  # no xdg-open to find
    assert open_folder(tmp_path) is False
