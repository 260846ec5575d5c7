"""The title's "Teacher Studio": the real App, headless, starts a real child process that
prints its address, opens that address (in a recording opener: no real browser starts),
shows it on the title, and ends the child when the game closes.

Two children are used: a small web server written here that prints the studio's line as
``clarity studio`` does (so the launcher is tested whatever the studio's own state), and
``clarity studio --no-browser`` itself, whose printed address must answer on 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from clarity.ui.app import App
from clarity.ui.scenes.title import TitleScene
from clarity.ui.studio_launch import (
    Phase,
    StudioLauncher,
    studio_command,
)

from .conftest import Pilot
from .menus import inside
from .saving import MakeApp, app_factory, at_title

#: How long a test waits for a child to start (a real ``clarity studio`` imports aiohttp).
START_LIMIT = 30.0
STUDIO_URL = re.compile(r"^http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]+/$")

#: A child that serves one page on a free loopback port and prints its address as the
#: studio does: ``studio: URL``, flushed.
FAKE_STUDIO = textwrap.dedent(
    """
    import http.server, secrets, sys

    token = secrets.token_urlsafe(24)

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            ok = self.path == f"/s/{token}/"
            self.send_response(200 if ok else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<title>Studio</title>")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Page)
    print(f"studio: http://127.0.0.1:{server.server_port}/s/{token}/", flush=True)
    server.serve_forever()
    """
)
#: A child that never says its address.
SILENT = "import time\ntime.sleep(60)\n"


class RecordingBrowser:
    """Opens nothing: remembers each address it was asked to open, and answers ``opens``."""

    def __init__(self, opens: bool = True) -> None:
        self.opened: list[str] = []
        self.opens = opens

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        return self.opens


@pytest.fixture
def saving_app(tmp_path: Path, pack_folder: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


@pytest.fixture
def script(tmp_path: Path) -> Callable[[str], list[str]]:
    """The command line of a Python child running ``source``."""

    def write(source: str) -> list[str]:
        path = tmp_path / f"child-{abs(hash(source))}.py"
        path.write_text(source, encoding="utf-8")
        return [sys.executable, str(path)]

    return write


def choose_studio_with_keys(pilot: Pilot) -> None:
    """Arrows down to the row of "Teacher Studio", across to it, then Enter, as a teacher
    does (the arrows move as the buttons are drawn)."""
    title = pilot.top
    assert isinstance(title, TitleScene)
    for _ in range(len(title.focus.buttons)):
        focused = title.focus.focused
        if focused is title.studio_button:
            break
        across = focused is not None and focused.rect.top == title.studio_button.rect.top
        pilot.key(pygame.K_RIGHT if across else pygame.K_DOWN)
    assert title.focus.focused is title.studio_button
    pilot.key(pygame.K_RETURN)


def wait_until(pilot: Pilot, condition: Callable[[], bool], limit: float = START_LIMIT) -> None:
    """Frames of the game (a few milliseconds apart, as a real frame loop's) until
    ``condition`` holds."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "not reached in time"
        pilot.step()
        time.sleep(0.005)


def served(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return int(answer.status)


def gone(pid: int) -> bool:
    """Whether no process has the id ``pid`` (ended and reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process took the id meanwhile
        return False
    return False


def title_of(pilot: Pilot) -> TitleScene:
    title = pilot.top
    assert isinstance(title, TitleScene)
    return title


def assert_laid_out(app: App, title: TitleScene) -> None:
    window = pygame.Rect((0, 0), app.size)
    boxes = title.layout_boxes()
    boxes.pop("status", None)  # an empty line until somebody is chosen
    for name, box in boxes.items():
        assert inside(box, window), f"{name} {box} is cut off in {window.size}"
    for (a, box_a), (b, box_b) in combinations(boxes.items(), 2):
        assert not box_a.colliderect(box_b), f"{a} overlaps {b} at {window.size}"


def test_the_entry_is_beside_the_class_game_and_a_click_chooses_it(
    saving_app: MakeApp, script: Callable[[str], list[str]]
) -> None:
    app = saving_app()
    pilot = at_title(app)
    title = title_of(pilot)
    # the full menu: the teacher's tools side by side, Quit alone on the last row
    assert title.studio_button.label == "Teacher Studio"
    assert title.studio_button.rect.top == title.class_button.rect.top
    assert title.studio_button.rect.left > title.class_button.rect.right
    assert title.focus.buttons[-1] is title.quit_button
    assert title.quit_button.rect.top > title.study_button.rect.bottom
    assert title.quit_button.rect.centerx == app.size[0] // 2
    browser = RecordingBrowser()
    app.studio = StudioLauncher(script(FAKE_STUDIO), open_browser=browser)
    pilot.click(title.studio_button.rect.center)
    assert app.studio.state.phase is not Phase.IDLE  # the click started it
    wait_until(pilot, lambda: len(browser.opened) == 1)
    assert app.running


def test_enter_on_the_entry_starts_the_child_opens_its_address_and_shows_it(
    saving_app: MakeApp, script: Callable[[str], list[str]]
) -> None:
    app = saving_app()
    pilot = at_title(app)
    browser = RecordingBrowser()
    launcher = StudioLauncher(script(FAKE_STUDIO), open_browser=browser)
    app.studio = launcher
    choose_studio_with_keys(pilot)
    title = title_of(pilot)
    wait_until(pilot, lambda: title.studio_notice[1] != "" and launcher.state.browser_opened)
    url = launcher.state.url
    assert STUDIO_URL.match(url)
    assert browser.opened == [url]
    assert served(url) == 200
    sentence, address = title.studio_notice
    assert address == url
    assert sentence == "The Teacher Studio is open in your browser. Its address on this computer:"
    assert "studio-notice" in title.layout_boxes()
    assert_laid_out(app, title)

    # chosen again: the same child, its address opened again (a closed tab comes back)
    pid = launcher.pid
    assert pid is not None
    choose_studio_with_keys(pilot)
    wait_until(pilot, lambda: len(browser.opened) == 2)
    assert browser.opened == [url, url]
    assert launcher.pid == pid

    # Esc on the title ends the game; closing it (as App.run does) ends the child
    pilot.key(pygame.K_ESCAPE)
    assert not app.running
    app.close()
    assert gone(pid)
    assert launcher.state.phase is Phase.IDLE


def test_without_a_browser_the_notice_asks_to_open_the_address(
    saving_app: MakeApp, script: Callable[[str], list[str]]
) -> None:
    app = saving_app()
    pilot = at_title(app)
    launcher = StudioLauncher(script(FAKE_STUDIO), open_browser=RecordingBrowser(opens=False))
    app.studio = launcher
    choose_studio_with_keys(pilot)
    title = title_of(pilot)
    wait_until(pilot, lambda: launcher.state.browser_opened is False)
    pilot.step()
    sentence, address = title.studio_notice
    assert sentence == "Open this address in a browser on this computer to use the Teacher Studio:"
    assert address == launcher.state.url
    assert served(address) == 200


def test_a_studio_that_ended_is_said_and_started_again_when_chosen(
    saving_app: MakeApp, script: Callable[[str], list[str]]
) -> None:
    app = saving_app()
    pilot = at_title(app)
    browser = RecordingBrowser()
    launcher = StudioLauncher(script(FAKE_STUDIO), open_browser=browser)
    app.studio = launcher
    choose_studio_with_keys(pilot)
    wait_until(pilot, lambda: launcher.state.browser_opened is True)
    first = launcher.pid
    assert first is not None
    os.kill(first, 15)  # ended from outside (a task manager)
    title = title_of(pilot)
    wait_until(pilot, lambda: title.studio_notice[0].startswith("The Teacher Studio has stopped"))
    choose_studio_with_keys(pilot)
    wait_until(pilot, lambda: len(browser.opened) == 2)
    assert launcher.pid != first
    assert browser.opened[1] != browser.opened[0]  # a new server, a new token
    assert served(browser.opened[1]) == 200


def test_a_child_that_never_says_its_address_is_ended_and_said(
    saving_app: MakeApp, script: Callable[[str], list[str]]
) -> None:
    app = saving_app()
    pilot = at_title(app)
    browser = RecordingBrowser()
    launcher = StudioLauncher(script(SILENT), open_browser=browser, startup_seconds=1.0)
    app.studio = launcher
    choose_studio_with_keys(pilot)
    title = title_of(pilot)
    assert title.studio_notice == ("Starting the Teacher Studio…", "")
    pid = launcher.pid
    assert pid is not None
    wait_until(pilot, lambda: launcher.state.phase is Phase.FAILED, limit=10)
    pilot.step()
    assert title.studio_notice == (
        "The Teacher Studio could not start: it did not start within 1 second",
        "",
    )
    assert gone(pid)
    assert browser.opened == []


def test_without_a_data_folder_there_is_no_studio_to_open(make_app: Callable[..., App]) -> None:
    app = make_app()
    app.screens.push("title")
    Pilot(app).step(2)
    title = app.top
    assert isinstance(title, TitleScene)
    assert title.studio_button not in title.focus.buttons


@pytest.mark.parametrize(
    ("size", "text_size"),
    [
        ((1024, 768), 100),
        ((1920, 1080), 100),
        ((1280, 800), 150),
        ((1024, 768), 200),
        ((1920, 1080), 200),  # the address alone, where the game's name was
    ],
)
def test_the_full_menu_with_the_studio_and_its_address_is_laid_out(
    make_app: Callable[..., App],
    tmp_path: Path,
    script: Callable[[str], list[str]],
    size: tuple[int, int],
    text_size: int,
) -> None:
    from clarity.settings import Settings
    from clarity.ui.services import GameSettings

    saved = Settings().with_values({"text-size": text_size})
    app = make_app(size=size, settings=GameSettings(seed=1, saved=saved))
    app.services.data_dir = tmp_path / "data"  # the full menu, until the store has opened
    launcher = StudioLauncher(script(FAKE_STUDIO), open_browser=RecordingBrowser(opens=False))
    app.studio = launcher
    app.screens.push("title")
    pilot = Pilot(app)
    pilot.step(2)
    title = title_of(pilot)
    assert title.studio_button in title.focus.buttons
    title.teacher_studio()
    while launcher.state.browser_opened is None:  # frames without the store opening
        time.sleep(0.01)
    title.update(0)
    assert title.studio_notice[1] == launcher.state.url
    assert_laid_out(app, title)
    launcher.stop()


@pytest.mark.slow  # the studio imports its web server: a few seconds
def test_the_real_studio_answers_at_the_address_it_printed_and_ends_with_the_game(
    saving_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    from clarity.settings import SettingsStore, settings_path
    from clarity.ui.services import GameSettings

    # the title makes its own launcher; the system's browser is asked through webbrowser,
    # which records instead of opening one
    browser = RecordingBrowser()
    monkeypatch.setattr(webbrowser, "open", browser)
    config_dir = tmp_path / "config"
    settings = GameSettings(seed=1, store=SettingsStore(settings_path(config_dir)))
    app = saving_app(settings=settings)
    pilot = at_title(app)
    data_dir = app.services.data_dir
    assert data_dir is not None
    assert app.studio is None
    choose_studio_with_keys(pilot)
    launcher = app.studio
    assert launcher is not None
    assert launcher.command == studio_command(data_dir, config_dir)
    assert "--no-browser" in launcher.command  # the game opens the page, the studio does not
    wait_until(pilot, lambda: launcher.state.browser_opened is True)
    url = browser.opened[0]
    assert STUDIO_URL.match(url), url
    assert served(url) == 200
    title = title_of(pilot)
    pilot.step()
    assert title.studio_notice[1] == url
    pid = launcher.pid
    assert pid is not None
    pilot.key(pygame.K_ESCAPE)
    app.close()
    assert gone(pid)
    with pytest.raises(urllib.error.URLError):
        served(url)  # nothing answers there any more


@pytest.mark.slow
def test_the_real_studio_over_a_file_says_why_on_the_title_in_the_games_language(
    saving_app: MakeApp, tmp_path: Path
) -> None:
    from clarity.settings import Settings
    from clarity.ui.services import GameSettings

    russian = GameSettings(seed=1, saved=Settings().with_values({"language": "ru"}))
    app = saving_app(settings=russian)
    pilot = at_title(app)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    browser = RecordingBrowser()
    launcher = StudioLauncher(studio_command(blocker), open_browser=browser)
    app.studio = launcher
    choose_studio_with_keys(pilot)
    wait_until(pilot, lambda: launcher.state.phase is Phase.FAILED)
    pilot.step()
    title = title_of(pilot)
    # the command's own line, in the game's language (CLARITY_LANG given to the child)
    t = app.translator
    assert t.language == "ru"
    reason = t.gettext("the data folder {folder} is a file, not a folder", folder=str(blocker))
    assert reason != f"the data folder {blocker} is a file, not a folder"  # Russian
    assert launcher.state.reason == reason
    sentence, address = title.studio_notice
    assert sentence == t.gettext("The Teacher Studio could not start: {reason}", reason=reason)
    assert address == ""
    assert browser.opened == []
    assert_laid_out(app, title)
