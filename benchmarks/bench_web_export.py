"""How fast the Union State pack becomes a web page, how big the page is, and how soon
Chromium shows its first question: prints figures, asserts nothing.

Loads questions/union_state.yaml, builds the page with ``build_web_game`` (the first build,
which also computes the matcher's Unicode tables once per process, then the best of
``--repeat``), prints the page's size (and how much of it is pictures), writes it to a
temporary folder, opens it from its file:// URL in headless Chromium (Debian's chromium
and chromedriver, as tests/browser) and prints the time until the start screen is ready and
until the first question shows after Play (best of ``--repeat`` loads).

    .venv/bin/python benchmarks/bench_web_export.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser tests' Chromium set-up


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from clarity.core.packs.loader import load_pack
    from clarity.formats.web import build_web_game
    from clarity.resources import bundled_assets_dir, bundled_questions_dir

    loaded = load_pack(
        bundled_questions_dir() / "union_state.yaml", assets_dir=bundled_assets_dir()
    )
    assert loaded.pack is not None, loaded.problems
    pack = loaded.pack
    print(f"pack: {pack.id}, {len(pack.questions)} questions, {len(pack.rounds)} rounds")

    started = time.perf_counter()
    page = build_web_game(pack, loaded.images)
    first = time.perf_counter() - started
    builds = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        page = build_web_game(pack, loaded.images)
        builds.append(time.perf_counter() - started)
    size = len(page.encode("utf-8"))
    pictures = sum(
        len(uri) for uri in re.findall(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=]+", page)
    )
    print(
        f"build: first {first * 1000:.0f} ms (with the matcher's tables), "
        f"best {min(builds) * 1000:.0f} ms"
    )
    print(f"page: {size / 1024:.0f} KiB, of which pictures {pictures / 1024:.0f} KiB")

    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        print("chromium or chromedriver not installed: no browser figures")
        return
    from browser.conftest import LAPTOP, start_chromium

    with tempfile.TemporaryDirectory(prefix="clarity-web-bench-") as folder:
        path = Path(folder) / f"{pack.id}.html"
        path.write_text(page, encoding="utf-8")
        driver = start_chromium(*LAPTOP, Path(folder) / "profile", chromium, chromedriver)
        try:
            loads, questions = [], []
            for _ in range(args.repeat):
                driver.get("about:blank")
                started = time.perf_counter()
                driver.get(path.as_uri())  # returns once the page has loaded
                ready = _wait(driver, "!document.getElementById('start-view').hidden")
                loads.append(ready - started)
                clicked = time.perf_counter()
                driver.execute_script("document.getElementById('play').click()")
                shown = _wait(driver, "document.getElementById('prompt').textContent !== ''")
                questions.append(shown - clicked)
            timing = driver.execute_script(
                "return JSON.stringify(performance.getEntriesByType('navigation')[0])"
            )
            navigation = json.loads(timing)
        finally:
            driver.quit()
    print(
        f"Chromium: start screen ready {min(loads) * 1000:.0f} ms after opening the file "
        f"(DOMContentLoaded at {navigation['domContentLoadedEventEnd']:.0f} ms), "
        f"first question {min(questions) * 1000:.0f} ms after Play, "
        f"{(min(loads) + min(questions)) * 1000:.0f} ms in all"
    )


def _wait(driver: object, condition: str, timeout: float = 30.0) -> float:
    """The moment ``condition`` (JavaScript) first holds in the page, polled every 5 ms."""
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if driver.execute_script(f"return {condition}"):  # type: ignore[attr-defined]
            return time.perf_counter()
        time.sleep(0.005)
    raise TimeoutError(condition)


if __name__ == "__main__":
    main()
