"""Real browsers on the class game's pages: Debian's Chromium driven through Selenium.

Selenium talks to the system's ``chromedriver`` (``chromium-driver``, the same version as
``chromium``), given by path, so Selenium Manager downloads nothing; without the two
programs the tests skip and say why, and in CI they fail (``.ci/run`` installs them).

A :class:`Browser` is one student's phone or laptop (or the teacher's); controls are found
as a screen reader finds them, by their role and accessible name as Chromium computes
them (WebDriver's ``computedrole`` and ``computedlabel``), never by id or CSS class. Every
wait is bounded, and each Chromium is started once per test module and reused.
"""

from __future__ import annotations

import functools
import json
import pkgutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import yaml

from system_packages import require_system_package
from ui.pack_files import write_png

#: Debian's places (chromium and chromium-driver); the tests take the ones on the PATH.
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
#: Nothing of Chromium's own talks to the internet (updates, sync, QUIC probes), and a
#: request to any host but 127.0.0.1 fails at once instead of leaving the machine.
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
PHONE = (390, 844)
LAPTOP = (1280, 800)
#: Seconds a page gets to show what the server sent (loopback: it takes milliseconds; the
#: margin is for a loaded CI machine).
WAIT = 15.0

PACK_ID = "browser-game"
MYSTERY = "Lighthouse"
#: The test pack's questions by prompt: its kind and its right answer as a student gives it.
QUESTIONS: dict[str, tuple[str, str]] = {
    "Which planet is closest to the Sun?": ("choice", "Mercury"),
    "The Moon is a planet.": ("truefalse", "False"),
    "Which planet has the Great Red Spot?": ("typed", "Jupiter"),
    "How many planets go round the Sun?": ("number", "8"),
}


def write_pack(data_dir: Path) -> None:
    """The test pack in ``data_dir``'s packs: a choice, a true/false, a typed and a number
    question over a 2x2 picture of a lighthouse."""
    folder = data_dir / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    write_png(folder / "lighthouse.png")
    pack = {
        "clarity": 1,
        "id": PACK_ID,
        "title": "Browser game",
        "description": "Four questions for the browser tests.",
        "time_limit": 120,
        "rounds": [{"image": "lighthouse.png", "answer": MYSTERY, "grid": "2x2"}],
        "questions": [
            {
                "id": "closest",
                "type": "choice",
                "prompt": "Which planet is closest to the Sun?",
                "choices": ["Mercury", "Venus", "Earth", "Mars"],
                "answer": "Mercury",
            },
            {"id": "moon", "type": "truefalse", "prompt": "The Moon is a planet.", "answer": False},
            {
                "id": "spot",
                "type": "typed",
                "prompt": "Which planet has the Great Red Spot?",
                "answer": "Jupiter",
            },
            {
                "id": "planets",
                "type": "number",
                "prompt": "How many planets go round the Sun?",
                "answer": 8,
            },
        ],
    }
    (folder / f"{PACK_ID}.yaml").write_text(
        yaml.safe_dump(pack, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def loopback(url: str) -> str:
    """``url`` on 127.0.0.1 (the host prints the classroom network's address; the tests
    never send a packet anywhere but loopback)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"127.0.0.1:{parts.port}"))


@functools.cache
def _is_displayed_atom() -> str:
    """The JavaScript function ``WebElement.is_displayed`` runs in the page (Selenium's
    ``isDisplayed`` atom, shipped in its package)."""
    atom = pkgutil.get_data("selenium.webdriver.remote", "isDisplayed.js")
    assert atom is not None
    return atom.decode("utf-8")


class Browser:
    """One Chromium window: a student's phone or laptop, or the teacher's."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        #: the origins opened (scheme://host:port), whose site storage a browser lent to
        #: the next test has cleared (see ``fresh_chromium``)
        self.origins: set[str] = set()

    def open(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https"):
            self.origins.add(f"{parts.scheme}://{parts.netloc}")
        self.driver.get(url)

    def reload(self) -> None:
        self.driver.refresh()

    def size(self, width: int, height: int) -> None:
        self.driver.set_window_size(width, height)

    # -- finding controls as a screen reader does ------------------------------------------

    def controls(self, role: str) -> list[tuple[str, Any]]:
        """The visible elements of ``role`` with their accessible names.

        Which candidates are visible is asked in one script that runs Selenium's own
        ``isDisplayed`` atom (what ``WebElement.is_displayed`` runs) over them all: asked
        of each, most of them hidden (the other screens of the page), it took a round trip
        to the browser each, a thousand and more a test."""
        candidates = "button, input, select, h1, h2, [role]"
        shown = self.driver.execute_script(
            f"const shown = ({_is_displayed_atom()});"
            " return Array.from(document.querySelectorAll(arguments[0]))"
            ".filter((element) => shown.apply(null, [element]));",
            candidates,
        )
        found = []
        for element in shown:
            if element.aria_role == role:
                found.append((element.accessible_name, element))
        return found

    def control(self, role: str, name: str) -> Any:
        """The one visible, enabled element of ``role`` named ``name`` (waits for it)."""

        def found() -> Any:
            matches = [e for n, e in self.controls(role) if n == name and e.is_enabled()]
            return matches[0] if len(matches) == 1 else None

        return self.wait_for(found, f"a {role} named {name!r}")

    def button(self, name: str) -> Any:
        return self.control("button", name)

    def field(self, name: str) -> Any:
        return self.control("textbox", name)

    def press(self, name: str) -> None:
        self.button(name).click()

    def type_into(self, name: str, text: str) -> None:
        field = self.field(name)
        field.clear()
        field.send_keys(text)

    def names(self, role: str) -> list[str]:
        return [name for name, _ in self.controls(role)]

    # -- what the page shows ---------------------------------------------------------------

    def text(self) -> str:
        """The page's visible text."""
        from selenium.webdriver.common.by import By

        return str(self.driver.find_element(By.TAG_NAME, "body").text)

    def said(self) -> str:
        """What the page's live region says now (what a screen reader announces)."""
        from selenium.webdriver.common.by import By

        region = self.driver.find_element(By.CSS_SELECTOR, "[role=status]")
        return str(region.get_attribute("textContent"))

    def wait_for(self, condition: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
        """The first true value of ``condition``, polled until ``timeout`` seconds; fails
        the test with ``what`` and the page's text when it never comes."""
        from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        def polled(_driver: Any) -> Any:
            try:
                return condition()
            except StaleElementReferenceException:  # the page rebuilt it meanwhile
                return None

        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(polled)
        except TimeoutException:
            pytest.fail(f"waited {timeout:g} s for {what}; the page shows:\n{self.text()}")

    def wait_for_text(self, text: str) -> None:
        self.wait_for(lambda: text in self.text(), f"{text!r} on the page")

    def addresses_asked(self) -> list[str]:
        """Every URL this browser asked for since it started: pages, scripts, styles,
        WebSockets (Chromium's network log)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message.get("method") == "Network.requestWillBeSent":
                urls.append(params["request"]["url"])
            elif message.get("method") == "Network.webSocketCreated":
                urls.append(params["url"])
        return urls


def start_chromium(
    width: int,
    height: int,
    profile: Path,
    chromium: str = CHROMIUM,
    chromedriver: str = CHROMEDRIVER,
) -> Any:
    """A headless Chromium of ``width`` x ``height`` CSS pixels with its own new profile,
    driven by ``chromedriver`` (given by path: Selenium Manager has nothing to find)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_window_size(width, height)
    return driver


@pytest.fixture(scope="module")
def chromium() -> Iterator[Callable[[tuple[int, int]], Browser]]:
    """Start a browser of a window size: ``chromium(PHONE)``; every one is closed after
    the module's tests."""
    chromium_path = require_system_package("chromium")
    chromedriver_path = require_system_package("chromedriver", "chromium-driver")
    started: list[Any] = []
    with tempfile.TemporaryDirectory(prefix="clarity-chromium-") as profiles:

        def start(size: tuple[int, int]) -> Browser:
            profile = Path(profiles) / str(len(started))
            driver = start_chromium(*size, profile, chromium_path, chromedriver_path)
            started.append(driver)
            return Browser(driver)

        try:
            yield start
        finally:
            for driver in started:
                driver.quit()


class _ChromiumPool:
    """Chromiums of one test module, each lent to one test at a time.

    Starting a Chromium (its browser, GPU, network and renderer processes) costs more CPU
    than most of the tests that use it, so a browser a test has finished with is lent to
    the next one, in a fresh state: a new tab (its own page, history and emulation, the
    old tab closed), no cookies, cache or site storage, the logs read and dropped, and the
    window of the size asked for."""

    def __init__(self, start: Callable[[tuple[int, int]], Browser]) -> None:
        self.start = start
        self.free: list[Browser] = []

    def take(self, size: tuple[int, int]) -> Browser:
        if not self.free:
            return self.start(size)
        browser = self.free.pop()
        driver = browser.driver
        old_tabs = driver.window_handles
        driver.switch_to.new_window("tab")
        for handle in old_tabs:
            driver.switch_to.window(handle)
            driver.close()
        driver.switch_to.window(driver.window_handles[0])
        driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        for origin in browser.origins:
            driver.execute_cdp_cmd(
                "Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"}
            )
        browser.origins.clear()
        for log in ("performance", "browser"):
            driver.get_log(log)
        driver.set_window_size(*size)
        return browser

    def give_back(self, browser: Browser) -> None:
        self.free.append(browser)


@pytest.fixture(scope="module")
def _chromium_pool(
    chromium: Callable[[tuple[int, int]], Browser],
) -> _ChromiumPool:
    return _ChromiumPool(chromium)


@pytest.fixture
def fresh_chromium(_chromium_pool: _ChromiumPool) -> Iterator[Callable[[tuple[int, int]], Browser]]:
    """A browser of a window size for this test alone, ``fresh_chromium(PHONE)``, as new as
    one just started (see :class:`_ChromiumPool`); lent to a later test of the module after
    this one."""
    taken: list[Browser] = []

    def take(size: tuple[int, int]) -> Browser:
        browser = _chromium_pool.take(size)
        taken.append(browser)
        return browser

    yield take
    for browser in taken:
        _chromium_pool.give_back(browser)


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Host the test pack on 127.0.0.1 (any free port): ``hosted(language="en")`` gives
    the running HostLink; every host is closed after the test."""
    from clarity.classroom.link import HostConfig, start_host_thread

    write_pack(tmp_path / "data")
    links: list[Any] = []

    def host(language: str = "en") -> Any:
        link = start_host_thread(
            HostConfig(
                pack_id=PACK_ID,
                data_dir=tmp_path / "data",
                config_dir=tmp_path / "config",
                language=language,
                bind="127.0.0.1",
                port=0,
                seed=7,
            )
        )
        links.append(link)
        assert link.error is None, link.error
        return link

    try:
        yield host
    finally:
        for link in links:
            link.close()
