"""The exported web game (clarity export --format html) played in headless Chromium, opened
from a file as from a USB stick: a whole round with the keyboard scores what the desktop's
Round scores for the same answers, every control has an accessible name, and the page asks
for nothing but itself."""

from __future__ import annotations

import re
import time
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


def write_pack(
    folder: Path, language: str = "en", title: str = "Web game", rounds: int = 1
) -> LoadedPack:
    """Five questions (two choices, one with two right answers, a true/false, a typed and a
    number question) over ``rounds`` 2x3 pictures: the questions run out before the tiles."""
    folder.mkdir(parents=True, exist_ok=True)
    write_png(folder / "lighthouse.png", 120, 80)
    pack = {
        "clarity": 1,
        "id": "web-game",
        "title": title,
        "description": "Five questions for the web game's browser tests.",
        "language": language,
        "time_limit": 60,
        "rounds": [
            {"image": "lighthouse.png", "answer": MYSTERY, "caption": "By the sea.", "grid": "2x3"}
            for _ in range(rounds)
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


def exported(tmp_path: Path, rules: ScoringRules, language: str = "en", **pack: Any) -> str:
    """The pack exported as a page in ``tmp_path``: its file:// URL. ``pack``: write_pack's
    title and rounds."""
    loaded = write_pack(tmp_path / "packs", language, **pack)
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


def question_line(browser: Browser) -> str:
    """The line that numbers the question ("Question 2")."""
    lines = [line for line in browser.text().splitlines() if re.match(r"Question \d", line)]
    assert len(lines) == 1, browser.text()
    return lines[0]


def time_choice(browser: Browser, name: str = "Time per question") -> Any:
    """The start screen's time per question, a list box found by its label, as a
    screen reader finds it."""
    from selenium.webdriver.support.select import Select

    return Select(browser.control("combobox", name))


def cut_in_header(browser: Browser) -> Any:
    """The header's texts that do not fit their box (an ellipsis) or the window."""
    return browser.driver.execute_script(
        """return [...document.querySelectorAll("header > *")]
            .filter((e) => e.offsetParent !== null && e.textContent)
            .filter((e) => e.scrollWidth > e.clientWidth
                || e.getBoundingClientRect().right > window.innerWidth)
            .map((e) => e.textContent)"""
    )


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
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    rules = ScoringRules(timer=False)
    url = exported(tmp_path, rules)
    browser = fresh_chromium(LAPTOP)
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
        # the desktop's words, with no total that a wrong answer would make grow
        assert question_line(browser) == f"Question {number}"
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
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    t = translator_for("ru")
    title = "Солнечная система: планеты, спутники и кометы"
    url = exported(tmp_path, ScoringRules(), language="ru", title=title, rounds=3)
    browser = fresh_chromium(PHONE)
    browser.open(url)
    # the desktop's times per question in its words, x1 chosen (the rules given)
    times = time_choice(browser, t.gettext("Time per question"))
    assert [o.text for o in times.options] == ["×1", "×1,5", "×2", "×3", "Без ограничения"]
    assert times.first_selected_option.text == "×1"
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
    # the header: the title on its own line, the round and the score whole under it
    assert "Раунд 1 из 3" in browser.text()
    assert title in browser.text()
    assert cut_in_header(browser) == []


#: What a Russian (ЙЦУКЕН) keyboard sends for the keys in the places of Latin A–F, T and G:
#: the Cyrillic letter it types, and the key's place.
RUSSIAN_KEYS = {"A": "ф", "B": "и", "C": "с", "D": "в", "E": "у", "F": "а", "T": "е", "G": "п"}


def press_on_russian_layout(browser: Browser, latin: str) -> None:
    """The key in the place of ``latin`` pressed on a Russian layout, as Chromium gets it
    from the system: keydown and keyup with the Cyrillic letter and the key's code."""
    typed = RUSSIAN_KEYS[latin]
    for kind in ("keyDown", "keyUp"):
        browser.driver.execute_cdp_cmd(
            "Input.dispatchKeyEvent",
            {
                "type": kind,
                "key": typed,
                "code": f"Key{latin}",
                "text": typed if kind == "keyDown" else "",
                "windowsVirtualKeyCode": ord(latin),
            },
        )


def test_the_letter_keys_work_on_a_russian_keyboard(
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    t = translator_for("ru")
    browser = fresh_chromium(LAPTOP)
    browser.open(exported(tmp_path, ScoringRules(timer=False), language="ru"))
    browser.press(t.gettext("Play"))
    prompt = the_prompt(browser)
    if QUESTIONS[prompt][0] in ("typed", "number"):
        browser.wait_for(lambda: browser.field(t.gettext("Your answer")), "the answer field")
        keys(browser, "\x1b")  # Esc: out of the answer field, where G is a letter
    press_on_russian_layout(browser, "G")  # the key that types П goes to the guess
    assert browser.driver.switch_to.active_element.accessible_name == t.gettext(
        "What is in the picture?"
    )
    keys(browser, "\x1b")  # Esc: back to the question
    by_letter = 0
    previous = ""
    for _ in QUESTIONS:  # every question right: the tiles outlast them
        prompt = browser.wait_for(
            lambda p=previous: (name := the_prompt(browser)) != p and name, "the next question"
        )
        kind, good, _ = QUESTIONS[prompt]
        if kind in ("typed", "number"):
            browser.wait_for(lambda: browser.field(t.gettext("Your answer")), "the answer field")
            keys(browser, good + "\n")
        else:  # a choice's letter, or F: keys that type Cyrillic letters on this layout
            press_on_russian_layout(
                browser, good if kind == "truefalse" else choice_letter(browser, good)
            )
            by_letter += 1
        browser.wait_for(
            lambda: browser.driver.switch_to.active_element.accessible_name == t.gettext("Next"),
            "the verdict, the focus on Next",
        )
        browser.wait_for(lambda: browser.said().startswith(t.gettext("Right!")), "right")
        keys(browser, "\n")
        previous = prompt
    assert by_letter == 3  # two choices and a true/false, each by its key's place


def shown_figure_ru(browser: Browser) -> int:
    found = re.search(r"Счёт: ([\d\s\u00a0\u202f]+)", browser.text())
    assert found is not None, browser.text()
    return int(re.sub(r"\D", "", found.group(1)))


def page_overflows(browser: Browser) -> Any:
    return browser.driver.execute_script(
        "return document.documentElement.scrollWidth > window.innerWidth"
    )


def test_a_question_whose_time_runs_out_earns_nothing(
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    # x0.01: the pack's 60 s are 0.6 s, as a time per question a teacher could set is
    url = exported(tmp_path, ScoringRules(time_scale=0.01))
    browser = fresh_chromium(LAPTOP)
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
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
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
    browser = fresh_chromium(LAPTOP)
    limits = [loaded.pack.time_limit_for(q) for q in loaded.pack.questions]
    for _ in range(4):
        browser.open(page.as_uri())
        browser.press("Play")
        view = browser.driver.find_element(By.ID, "round-view")
        order = [int(i) for i in view.get_attribute("data-order").split()]
        best = best_possible_score([limits[i] for i in order], 4, rules)
        assert int(view.get_attribute("data-best")) == best, order


def test_no_time_limit_can_be_chosen_and_scores_as_the_desktop(
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    """WCAG 2.2.1 (Timing Adjustable): the start screen's time per question, the desktop's
    choices, the rules' own chosen; x3 gives three times the pack's 60 s, and no limit shows
    no countdown and gives a right answer the fixed half time bonus, as clarity.core does
    with time_scale None."""
    from dataclasses import replace

    from clarity.core.scoring import answer_points

    rules = ScoringRules(time_scale=2.0)
    url = exported(tmp_path, rules)
    browser = fresh_chromium(LAPTOP)
    browser.open(url)
    times = time_choice(browser)
    assert [o.text for o in times.options] == ["×1", "×1.5", "×2", "×3", "No limit"]
    assert times.first_selected_option.text == "×2"
    times.select_by_visible_text("×3")
    browser.press("Play")
    seconds = browser.wait_for(
        lambda: re.search(r"(\d+) seconds left", browser.text()), "the time left"
    )
    assert 175 <= int(seconds.group(1)) <= 180

    browser.open(url)
    times = time_choice(browser)
    # by the keyboard, as a student who needs it would: from the title past Play to the
    # list, and End: its last choice
    browser.wait_for_text("Web game")
    keys(browser, "\t\t")
    assert browser.driver.switch_to.active_element.accessible_name == "Time per question"
    keys(browser, "\ue010")  # End
    assert times.first_selected_option.text == "No limit"
    browser.press("Play")
    prompt = the_prompt(browser)
    time.sleep(1.2)  # a second and more: with a limit, the bonus would have fallen
    assert "seconds left" not in browser.text()
    kind, good, _ = QUESTIONS[prompt]
    answer_by_keys(browser, kind, good)
    browser.wait_for(lambda: browser.said().startswith("Right!"), "right")
    expected = answer_points(
        right=True,
        seconds=1.2,
        time_limit=60,
        streak=1,
        rules=replace(rules, time_scale=None),
    )
    assert expected.time_bonus == rules.base // 2
    assert shown_figure(browser, "Score") == expected.total


def test_every_round_starts_with_empty_fields(
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    """A right guess, then "Next picture" or "Play again": the guess field is empty (Enter
    sends nothing), not holding the last round's answer."""
    from selenium.webdriver.common.by import By

    url = exported(tmp_path, ScoringRules(timer=False), rounds=2)
    browser = fresh_chromium(LAPTOP)
    browser.open(url)
    browser.press("Play")
    the_prompt(browser)

    def fields() -> list[str]:
        return [
            browser.driver.find_element(By.ID, name).get_attribute("value")
            for name in ("guess-text", "typed-answer")
        ]

    def guess_right() -> None:
        browser.type_into("What is in the picture?", MYSTERY)
        # half an answer left in the answer field, as when a typed question was asked
        browser.driver.execute_script(
            "document.getElementById('typed-answer').value = 'half an answer'"
        )
        browser.press("Guess")
        browser.button("Play again")

    guess_right()
    browser.press("Next picture")
    browser.wait_for_text("Round 2 of 2")
    the_prompt(browser)
    assert fields() == ["", ""]
    keys(browser, "\x1b")
    keys(browser, "g\n")  # G and Enter: no guess is sent
    time.sleep(0.3)
    assert "Play again" not in browser.names("button")
    assert "Wrong guess" not in browser.text()
    guess_right()
    browser.press("Play again")
    browser.wait_for_text("Round 2 of 2")
    the_prompt(browser)
    assert fields() == ["", ""]
    assert shown_figure(browser, "Score") == 0


def test_a_projector_shows_the_question_large_and_a_start_that_looks_like_the_game(
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    """1920 x 1080: the prompt and answers far larger than on a laptop, the picture most of
    the screen's height, nothing below the fold; the start screen shows the first picture
    under its tiles, what the pack holds and Play."""
    url = exported(tmp_path, ScoringRules(), rounds=2)
    sizes = {}
    for size in (LAPTOP, (1920, 1080)):
        browser = fresh_chromium(size)
        # the page's own size exactly (the window's is more by the browser's frame)
        inner = browser.driver.execute_script("return [innerWidth, innerHeight]")
        browser.size(2 * size[0] - inner[0], 2 * size[1] - inner[1])
        browser.open(url)
        browser.wait_for_text("5 questions · 2 rounds")
        hero = browser.driver.execute_script(
            """const box = document.getElementById("hero-box").getBoundingClientRect();
            return [box.height, document.getElementById("hero-tiles").children.length,
                    getComputedStyle(document.getElementById("hero-picture")).visibility]"""
        )
        assert hero[0] > 0.5 * size[1]  # the picture is the start's hero
        assert hero[1:] == [6, "hidden"]  # under its 2x3 tiles, nothing of it seen
        browser.press("Play")
        prompt = the_prompt(browser)
        heading = next(e for n, e in browser.controls("heading") if n == prompt)
        sizes[size] = {
            "prompt": float(heading.value_of_css_property("font-size").removesuffix("px")),
            "picture": browser.driver.execute_script(
                "return document.getElementById('picture-box').getBoundingClientRect().height"
            ),
        }
        assert not browser.driver.execute_script(
            "return document.documentElement.scrollHeight > window.innerHeight"
        )
        assert not page_overflows(browser)
    assert sizes[(1920, 1080)]["prompt"] >= 42
    assert sizes[(1920, 1080)]["prompt"] >= 1.7 * sizes[LAPTOP]["prompt"]
    assert sizes[(1920, 1080)]["picture"] >= 0.55 * 1080


#: The phones a class has: the narrowest still sold (320 px) and the commonest Android (360).
NARROW_PHONES = ((320, 640), (360, 740))


def sideways(browser: Browser, *buttons: str) -> list[str]:
    """What of the page goes past the window's right edge: the page itself (a sideways
    scroll bar) and each of ``buttons`` (by accessible name) not wholly inside the window
    (its words cut, as "Отправит")."""
    problems = []
    widths = browser.driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if widths[0] > widths[1]:
        problems.append(f"the page is {widths[0]} px wide in a {widths[1]} px window")
    for name in buttons:
        edges = browser.driver.execute_script(
            """const box = arguments[0].getBoundingClientRect();
            return [box.left, box.right, arguments[0].scrollWidth, arguments[0].clientWidth,
                    document.documentElement.clientWidth]""",
            browser.button(name),
        )
        left, right, inner, shown, window = edges
        if left < 0 or right > window or inner > shown:
            problems.append(f"{name!r} spans {left:g}..{right:g} px of {window} px")
    return problems


def test_a_narrow_phone_plays_a_round_without_scrolling_sideways(
    fresh_chromium: Callable[[tuple[int, int]], Browser], tmp_path: Path
) -> None:
    """320 and 360 px wide, in Russian (longer words: "Отправить", "Угадать"): the start,
    every question (choices, typed and number), its verdict, the final guess and the end
    fit the window's width, with Send and Guess whole inside it."""
    t = translator_for("ru")
    send, guess = t.gettext("Send"), t.gettext("Guess")
    url = exported(tmp_path, ScoringRules(timer=False), language="ru")
    browser = fresh_chromium(NARROW_PHONES[0])
    for size in NARROW_PHONES:
        # the page's own size exactly (the window's is more by the browser's frame)
        browser.size(*size)
        inner = browser.driver.execute_script("return [innerWidth, innerHeight]")
        browser.size(2 * size[0] - inner[0], 2 * size[1] - inner[1])
        assert browser.driver.execute_script("return innerWidth") == size[0]
        browser.open(url)
        browser.wait_for_text("Web game")
        assert sideways(browser, t.gettext("Play")) == [], ("start", size)
        browser.press(t.gettext("Play"))
        kinds = set()
        previous = ""
        for _ in QUESTIONS:
            prompt = browser.wait_for(
                lambda p=previous: (name := the_prompt(browser)) != p and name, "a question"
            )
            kind, good, _ = QUESTIONS[prompt]
            kinds.add(kind)
            if kind in ("typed", "number"):
                assert sideways(browser, send, guess) == [], (prompt, size)
                browser.type_into(t.gettext("Your answer"), good)
                browser.press(send)
            elif kind == "truefalse":
                assert sideways(browser, guess) == [], (prompt, size)
                browser.press("F " + t.gettext("False"))
            else:
                assert sideways(browser, guess) == [], (prompt, size)
                browser.press(f"{choice_letter(browser, good)} {good}")
            browser.wait_for(lambda: browser.button(t.gettext("Next")), "the verdict")
            assert sideways(browser, t.gettext("Next")) == [], (prompt, "verdict", size)
            browser.press(t.gettext("Next"))
            previous = prompt
        assert kinds == {"choice", "truefalse", "typed", "number"}
        # the questions ran out: the final guess, then the end
        browser.wait_for(lambda: browser.button(t.gettext("Show the picture")), "the final guess")
        assert sideways(browser, guess) == [], ("final guess", size)
        browser.type_into(t.gettext("What is in the picture?"), MYSTERY)
        browser.press(guess)
        browser.wait_for(lambda: browser.button(t.gettext("Play again")), "the end")
        assert sideways(browser, t.gettext("Play again")) == [], ("end", size)
