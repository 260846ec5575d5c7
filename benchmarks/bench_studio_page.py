"""How soon the Teacher Studio's page shows a problem after a keystroke, and how long a
1,000-question pack takes to open in it: prints figures, asserts nothing.

Makes a pack of 1,000 questions (the Union State pack's questions over and over, each with
its own id) in a temporary data folder, starts a real ``clarity studio --no-browser`` on
it, and opens the page in headless Chromium (Debian's chromium and chromedriver, as
tests/browser). Then:

- open: from setting the page's address to the pack (``#edit=big.yaml``) on the loaded page
  until the page has drawn it (its ``studio-pack-open`` performance mark, then the next
  animation frame), and the same from a fresh page load (navigation start);
- keystroke: question 500's prompt holds one letter; Backspace empties it. Measured in the
  page with ``performance.now()``, from that keystroke's ``input`` event until the prompt's
  "is missing" problem element is in the DOM (a MutationObserver); then the letter is typed
  back and the page is left to settle (its whole-pack check included) before the next one.

    .venv/bin/python benchmarks/bench_studio_page.py [--repeat 30] [--questions 1000]
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser tests' Chromium set-up

STUDIO = (sys.executable, "-m", "clarity", "studio", "--no-browser")

INSTALL = """
const prompt = document.querySelector('#item-form [data-field$=".prompt"]');
const box = prompt.closest('.field-box');
window.__bench = {start: null, times: []};
prompt.addEventListener('input', () => { window.__bench.start = performance.now(); }, true);
new MutationObserver((changes) => {
  const b = window.__bench;
  if (b.start === null) return;
  for (const change of changes) for (const node of change.addedNodes) {
    if (node.classList && node.classList.contains('problem')) {
      b.times.push(performance.now() - b.start); b.start = null; return;
    }
  }
}).observe(box, {childList: true});
"""

OPEN_FROM_LIST = """
const done = arguments[arguments.length - 1];
performance.clearMarks('studio-pack-open');
const start = performance.now();
location.hash = '#edit=big.yaml';
function poll() {
  const marks = performance.getEntriesByName('studio-pack-open');
  if (marks.length) {
    requestAnimationFrame(() => done([marks[0].startTime - start, performance.now() - start]));
  } else requestAnimationFrame(poll);
}
poll();
"""

AFTER_LOAD = """
const done = arguments[arguments.length - 1];
function poll() {
  const marks = performance.getEntriesByName('studio-pack-open');
  if (marks.length) requestAnimationFrame(() => done([marks[0].startTime, performance.now()]));
  else requestAnimationFrame(poll);
}
poll();
"""


def big_pack(folder: Path, count: int) -> Path:
    """A pack of ``count`` questions in ``folder``: the Union State pack's, repeated."""
    from clarity.resources import bundled_questions_dir

    raw = yaml.safe_load((bundled_questions_dir() / "union_state.yaml").read_text("utf-8"))
    questions = raw["questions"]
    raw["questions"] = []
    for index in range(count):
        question = copy.deepcopy(questions[index % len(questions)])
        question["id"] = f"q{index}"
        raw["questions"].append(question)
    raw["id"] = "big"
    raw["title"] = f"{count} questions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def figures(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(
        f"{name}: median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, "
        f"best {ordered[0]:.1f} ms, worst {ordered[-1]:.1f} ms ({len(ordered)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--questions", type=int, default=1000)
    args = parser.parse_args()

    chromium, chromedriver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        print("chromium or chromedriver not installed: no figures")
        return
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from browser.conftest import start_chromium

    with tempfile.TemporaryDirectory(prefix="clarity-bench-studio-") as temp:
        folder = Path(temp)
        path = big_pack(folder / "data" / "packs", args.questions)
        print(f"pack: {args.questions} questions, {path.stat().st_size // 1024} KiB of YAML")
        studio = subprocess.Popen(
            [*STUDIO, "--data-dir", str(folder / "data"), "--config-dir", str(folder / "config")],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "CLARITY_LANG": "en"},
        )
        driver: Any = None
        try:
            assert studio.stdout is not None
            url = studio.stdout.readline().removeprefix("studio: ").strip()
            driver = start_chromium(1920, 1080, folder / "profile", chromium, chromedriver)
            driver.set_script_timeout(120)

            loads = []
            for _ in range(3):
                driver.get("about:blank")
                driver.get(url + "#edit=big.yaml")
                loads.append(driver.execute_async_script(AFTER_LOAD))
            opens = []
            for _ in range(5):
                driver.get(url)
                time.sleep(0.5)
                opens.append(driver.execute_async_script(OPEN_FROM_LIST))
            figures("open from the packs list, to drawn", [o[0] for o in opens])
            figures("open from the packs list, to the next frame", [o[1] for o in opens])
            figures("open by a fresh page load (navigation start), to drawn", [o[0] for o in loads])

            entries = driver.find_elements(By.CSS_SELECTOR, "#question-list .outline-item")
            print(f"questions listed: {len(entries)}")
            target = entries[len(entries) // 2]
            driver.execute_script("arguments[0].scrollIntoView()", target)
            target.click()
            prompt = driver.find_element(By.CSS_SELECTOR, '#item-form [data-field$=".prompt"]')
            prompt.send_keys(Keys.CONTROL, "a")
            prompt.send_keys("x")
            time.sleep(1.5)
            driver.execute_script(INSTALL)
            for run in range(args.repeat):
                prompt.send_keys(Keys.END, Keys.BACKSPACE)
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    got = driver.execute_script("return window.__bench.times.length")
                    if got > run:
                        break
                    time.sleep(0.005)
                prompt.send_keys("x")
                time.sleep(0.8)  # the whole-pack check lands before the next keystroke
            times = driver.execute_script("return window.__bench.times")
            if len(times) < args.repeat:
                print(f"only {len(times)} of {args.repeat} keystrokes showed their problem")
            figures("keystroke to its field's problem on screen", times)
        finally:
            if driver is not None:
                driver.quit()
            studio.terminate()
            studio.wait(timeout=10)


if __name__ == "__main__":
    main()
