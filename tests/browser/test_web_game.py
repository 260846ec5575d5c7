"""The exported web game (clarity export --format html) played in headless Chromium, opened
from a file as from a USB stick: a whole round with the keyboard scores what the desktop's
Round scores for the same answers, every control has an accessible name, and the page asks
for nothing but itself."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from browser.conftest import LAPTOP, PHONE, Browser
from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.round import Round
from clarity.core.scoring import ScoringRules
from clarity.formats.web import build_web_game
from clarity.i18n import translator_for
from ui.pack_files import write_png

# Chromium plays a whole round: seconds, as the class game's browser tests.
pytestmark = pytest.mark.slow

MYSTERY = "Lighthouse"
#: The pack's questions by prompt: their kind, a right response and a wrong one, as the
#: player gives them (a choice by its text, true/false as T or F, typed text).
QUESTIONS: dict[str, tuple[str, str, str]] = {
    "Which planet is closest to the Sun?": ("choice", "Mercury", "Venus"),
    "Which of these are gas giants?": ("choice", "Saturn", "Mars"),
    "The Moon is a planet.": ("truefalse", "F", "T"),
    "Which planet has the Great Red Spot?": ("typed", "jupiter", "Saturn"),
    "How many planets go round the Sun?": ("number", "8", "9"),
}
#: Right (True) or wrong for the first, second, ... question asked, whichever it is.
PLAN = (True, False, True, True, True)
WRONG_GUESS = "Windmill"


def write_pack(folder: Path, language: str = "en") -> LoadedPack:
    """Five questions (two choices, one with two right answers, a true/false, a typed and a
    number question) over a 2x3 picture: the questions run out before the tiles."""
    folder.mkdir(parents=True, exist_ok=True)
    write_png(folder / "lighthouse.png", 120, 80)
    pack = {
        "clarity": 1,
        "id": "web-game",
        "title": "Web game",
        "description": "Five questions for the web game's browser tests.",
        "language": language,
        "time_limit": 60,
        "rounds": [
            {"image": "lighthouse.png", "answer": MYSTERY, "caption": "By the sea.", "grid": "2x3"}
        ],
        "questions": [
            {
                "type": "choice",
                "prompt": "Which planet is closest to the Sun?",
                "choices": ["Mercury", "Venus", "Earth", "Mars"],
                "answer": "Mercury",
            },
            {
                "type": "choice",
                "prompt": "Which of these are gas giants?",
                "choices": ["Jupiter", "Saturn", "Mars", "Venus"],
                "answer": ["Jupiter", "Saturn"],
            },
            {"type": "truefalse", "prompt": "The Moon is a planet.", "answer": False},
            {
                "type": "typed",
                "prompt": "Which planet has the Great Red Spot?",
                "answer": "Jupiter",
                "explain": "A storm bigger than the Earth.",
            },
            {"type": "number", "prompt": "How many planets go round the Sun?", "answer": "8"},
        ],
    }
    path = folder / "web-game.yaml"
    path.write_text(yaml.safe_dump(pack, sort_keys=False, allow_unicode=True), encoding="utf-8")
    loaded = load_pack(path, assets_dir=folder)
    assert loaded.pack is not None, loaded.problems
    return loaded


def exported(tmp_path: Path, rules: ScoringRules, language: str = "en") -> str:
    """The pack exported as a page in ``tmp_path``: its file:// URL."""
    loaded = write_pack(tmp_path / "packs", language)
    page = tmp_path / "web-game.html"
    page.write_text(build_web_game(loaded.pack, loaded.images, rules=rules), encoding="utf-8")
    return page.as_uri()


def keys(browser: Browser, text: str) -> None:
    """``text`` typed on the keyboard into whatever has the focus."""
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser.driver).send_keys(text).perform()


def the_prompt(browser: Browser) -> str:
    def found() -> str | None:
        shown = [name for name in browser.names("heading") if name in QUESTIONS]
        return shown[0] if shown else None

    return str(browser.wait_for(found, "a question"))


def choice_letter(browser: Browser, text: str) -> str:
    """The letter of the choice button showing ``text`` (its name is "B Saturn")."""
    for name in browser.names("button"):
        letter, _, shown = name.partition(" ")
        if shown == text and len(letter) == 1:
            return letter
    pytest.fail(f"no choice {text!r} among {browser.names('button')}")


def answer_by_keys(browser: Browser, kind: str, response: str) -> None:
    if kind == "choice":
        keys(browser, choice_letter(browser, response).lower())
    elif kind == "truefalse":
        keys(browser, response.lower())
    else:  # the answer field has the focus as the question comes
        browser.wait_for(lambda: browser.field("Your answer"), "the answer field")
        keys(browser, response + "\n")


def shown_figure(browser: Browser, label: str) -> int:
    found = re.search(re.escape(label) + r": ([\d,]+)", browser.text())
    assert found is not None, browser.text()
    return int(found.group(1).replace(",", ""))


def desktop_round(loaded: LoadedPack, rules: ScoringRules) -> Round:
    """The same play on the desktop's Round (its own order of questions; with the timer off
    only which answers were right counts, in the order given): the wrong guess before the
    fifth answer, the right final guess at the end."""
    assert loaded.pack is not None
    played = Round(loaded.pack, rules=rules, seed=3)
    for number, right in enumerate(PLAN, start=1):
        question = played.question
        assert question is not None
        kind, good, bad = QUESTIONS[question.prompt]
        response: str | bool = good if right else bad
        if kind == "truefalse":
            response = response == "T"
        if number == len(PLAN):
            played.guess_image(WRONG_GUESS, 1.0)
        played.answer(response, 2.0)
        played.next_question()
    played.guess_image(MYSTERY.lower(), 1.0)
    return played


def test_a_whole_round_with_the_keyboard_scores_as_the_desktop(
    chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    rules = ScoringRules(timer=False)
    url = exported(tmp_path, rules)
    browser = chromium(LAPTOP)
    browser.addresses_asked()  # the log read (and emptied) before the page is opened
    browser.open(url)
    browser.wait_for_text("Web game")
    assert browser.button("Play") is not None
    keys(browser, "\t")  # from the title to Play, as a keyboard user would
    assert browser.driver.switch_to.active_element.accessible_name == "Play"
    keys(browser, "\n")
    previous = ""
    for number, right in enumerate(PLAN, start=1):
        prompt = browser.wait_for(
            lambda p=previous: (name := the_prompt(browser)) != p and name, "the next question"
        )
        kind, good, bad = QUESTIONS[prompt]
        assert "seconds left" not in browser.text()  # the timer is off
        if kind in ("typed", "number"):
            assert browser.field("Your answer").accessible_name == "Your answer"
        if number == len(PLAN):  # a wrong guess at the picture first: G, the guess, Enter
            if kind in ("typed", "number"):
                keys(browser, "\x1b")  # Esc: out of the answer field, where G is a letter
            keys(browser, "g")
            assert browser.driver.switch_to.active_element.accessible_name == (
                "What is in the picture?"
            )
            keys(browser, WRONG_GUESS + "\n")
            browser.wait_for(lambda: "Wrong guess. −300 points" in browser.text(), "the penalty")
            browser.wait_for(lambda: "Wrong guess" in browser.said(), "the penalty said")
            keys(browser, "\x1b")  # Esc: back from the guess to the question
        answer_by_keys(browser, kind, good if right else bad)
        verdict = "Right!" if right else "Wrong."
        browser.wait_for(lambda v=verdict: browser.said().startswith(v), f"{verdict} said")
        assert "Score: " in browser.said()
        if not right:
            assert "The right answer: " in browser.text()
        browser.wait_for(
            lambda: browser.driver.switch_to.active_element.accessible_name == "Next",
            "the focus on Next",
        )
        keys(browser, "\n")
        previous = prompt
    # the questions ran out: the final guess
    browser.wait_for(lambda: browser.button("Show the picture"), "the final guess")
    assert browser.driver.switch_to.active_element.accessible_name == "What is in the picture?"
    keys(browser, MYSTERY.lower() + "\n")
    browser.wait_for_text("The picture: Lighthouse")
    assert "By the sea." in browser.text()

    played = desktop_round(write_pack(tmp_path / "again"), rules)
    assert played.summary is not None
    assert shown_figure(browser, "Score") == played.score
    assert shown_figure(browser, "Best possible") == played.best_possible
    assert played.score == 500 + 500 + 600 - 300 + 700 + 1000 + 200 * 2
    assert browser.wait_for(lambda: "Right! The picture is yours" in browser.said(), "the end")

    # every control a screen reader meets has a name and a role
    for name, element in browser.controls("button") + browser.controls("textbox"):
        assert name.strip(), element.get_attribute("outerHTML")
    assert set(browser.names("button")) >= {"Play again", "Rounds"}
    # nothing but the file itself and its own data: URIs was ever asked for
    # (chrome: pages are the browser's own new tab, not the page's)
    asked = [url for url in browser.addresses_asked() if not url.startswith("chrome:")]
    assert url in asked
    assert all(url.startswith(("file:", "data:")) for url in asked), asked
    entries = browser.driver.execute_script("return performance.getEntries().map((e) => e.name)")
    assert all(not re.match(r"(https?|wss?|ftp):", name) for name in entries), entries
    errors = [e for e in browser.driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors  # no script refused by the page's policy, no error


def test_a_phone_plays_by_touch_in_russian_with_the_timer(
    chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    t = translator_for("ru")
    url = exported(tmp_path, ScoringRules(), language="ru")
    browser = chromium(PHONE)
    browser.open(url)
    browser.press(t.gettext("Play"))
    prompt = the_prompt(browser)
    seconds = browser.wait_for(
        lambda: re.search(r"(\d+) секунд", browser.text()), "the time left in Russian"
    )
    assert 55 <= int(seconds.group(1)) <= 60
    kind, good, _ = QUESTIONS[prompt]
    if kind == "choice":
        browser.press(f"{choice_letter(browser, good)} {good}")
    elif kind == "truefalse":
        browser.press("F " + t.gettext("False"))
    else:
        browser.type_into(t.gettext("Your answer"), good)
        browser.press(t.gettext("Send"))
    browser.wait_for(lambda: browser.said().startswith(t.gettext("Right!")), "right, in Russian")
    score = shown_figure_ru(browser)
    # a right answer at once: the base and nearly the whole time bonus
    assert 900 <= score <= 1000
    assert not page_overflows(browser)


def shown_figure_ru(browser: Browser) -> int:
    found = re.search(r"Счёт: ([\d\s\u00a0\u202f]+)", browser.text())
    assert found is not None, browser.text()
    return int(re.sub(r"\D", "", found.group(1)))


def page_overflows(browser: Browser) -> Any:
    return browser.driver.execute_script(
        "return document.documentElement.scrollWidth > window.innerWidth"
    )


def test_a_question_whose_time_runs_out_earns_nothing(
    chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    # x0.01: the pack's 60 s are 0.6 s, as a time per question a teacher could set is
    url = exported(tmp_path, ScoringRules(time_scale=0.01))
    browser = chromium(LAPTOP)
    browser.open(url)
    browser.press("Play")
    prompt = the_prompt(browser)
    browser.wait_for(lambda: browser.said().startswith("No answer in time."), "the timeout")
    assert shown_figure(browser, "Score") == 0
    right = QUESTIONS[prompt][1]
    assert "The right answer: " in browser.text()
    assert browser.button("Next") is not None
    assert right.lower() in browser.text().lower() or QUESTIONS[prompt][0] == "truefalse"


def test_the_best_possible_weighs_questions_of_different_worth_as_the_desktop(
    chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    """More questions than tiles, some without a time limit (worth no time bonus): which
    to answer is weighed (best_possible_score's table), in the order the page dealt."""
    from selenium.webdriver.common.by import By

    from clarity.core.scoring import best_possible_score

    folder = tmp_path / "packs"
    write_pack(folder)
    data = yaml.safe_load((folder / "web-game.yaml").read_text(encoding="utf-8"))
    del data["time_limit"]
    data["rounds"][0]["grid"] = "2x2"
    for question, limit in zip(data["questions"], (20, None, 30, None, 10), strict=True):
        if limit is not None:
            question["time_limit"] = limit
    (folder / "web-game.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    loaded = load_pack(folder / "web-game.yaml", assets_dir=folder)
    assert loaded.pack is not None
    rules = ScoringRules()
    page = tmp_path / "weighed.html"
    page.write_text(build_web_game(loaded.pack, loaded.images, rules=rules), encoding="utf-8")
    browser = chromium(LAPTOP)
    limits = [loaded.pack.time_limit_for(q) for q in loaded.pack.questions]
    for _ in range(4):
        browser.open(page.as_uri())
        browser.press("Play")
        view = browser.driver.find_element(By.ID, "round-view")
        order = [int(i) for i in view.get_attribute("data-order").split()]
        best = best_possible_score([limits[i] for i in order], 4, rules)
        assert int(view.get_attribute("data-best")) == best, order
