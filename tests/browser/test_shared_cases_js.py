"""The web game's matching.js and scoring.js in a real Chromium, against the shared case
tables (tests/shared_cases/) that tests/formats/test_shared_cases_python.py runs against
clarity.core, so that the exported page and the desktop game judge and score alike.

Beyond the written cases, a differential test: a few thousand answers made up from the
characters the rules care about (accents, strokes, own letters, signs, digits of other
scripts, spaces of every width, invisible characters...) are judged by both, and every
difference is listed. The Python side is computed here in the same run, so the two can
only agree by doing the same thing.

The scripts are put into a blank page as the exported game puts them (plain scripts, one
global each), with ``matching_tables()`` and ``scoring_rules_data()`` as the page's data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from clarity.core.answers import is_right
from clarity.core.matching import answers_match, matches_any, tokens
from clarity.core.number_reading import read_number
from clarity.core.packs.models import Mystery, Question
from clarity.core.scoring import ScoringRules, answer_points, image_guess_points
from clarity.formats.web.matching_tables import matching_tables, scoring_rules_data

from .conftest import LAPTOP, Browser

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "clarity" / "formats" / "web"
CASES = ROOT / "tests" / "shared_cases"
MATCHING = json.loads((CASES / "matching.json").read_text(encoding="utf-8"))
SCORING = json.loads((CASES / "scoring.json").read_text(encoding="utf-8"))
POINT_FIELDS = ("base", "time_bonus", "streak_bonus", "image_bonus", "penalty", "total")

#: Pieces the made-up answers are built of: what each rule of the matcher looks at.
PIECES = (
    *"aAeEéÉèçñÑłŁæÆøØßẞþðiIİıoOöÖüÜåÅ",
    *"йиЙёЁеўуЎїґѓќмясоВОЎК",
    *"ΣσςάαΑ",
    *"ぶふ가각ข่าวฯשָׁלוםكيی",
    *"0123456789٣٠١٫٬۴",
    *"  \u00a0\u202f\u2009\t",
    *"-−–—'’ʼ`.,/^+#*&_!?%$°()",
    *"½¼⅓²³⁻₂♯♭±",
    "\u200b",
    "\u00ad",
    "\u0301",
    "\u0308",
    "the ",
    "la ",
    "one ",
    " million",
    "1 000",
    "1,000",
    "1.000",
    "3,5",
    "1'000",
    "- 40",
    "x^2",
    "C++",
    "Łódź",
    "Москва",
    "Straße",
    "1 1/2",
    "10,00,000",
    # Scientific notation, as Excel and calculators write it, and its near misses.
    "6.02E+23",
    "1e3",
    "e-7",
    "E+",
    "e999",
    "\u00d710^",
    "\u00b710\u00b2\u00b3",
    " x 10^",
)
LANGUAGES = ("en", "ru", "be", "uk", "de", "de-CH", "fr", "es", "sv", "tr", "da", "hi", "fa", "ar")


@pytest.fixture(scope="module")
def rules_page(chromium: Callable[[tuple[int, int]], Browser]) -> Any:
    """A blank page holding scoring.js and matching.js, and the tables as ``window.tables``."""
    browser = chromium(LAPTOP)
    driver = browser.driver
    driver.get("about:blank")
    for name in ("scoring.js", "matching.js"):
        driver.execute_script((WEB / name).read_text(encoding="utf-8"))
    driver.execute_script("window.tables = arguments[0];", matching_tables())
    return driver


def run(driver: Any, body: str, items: list[Any]) -> list[Any]:
    """``body`` (a JavaScript function of ``item`` and ``tables``) over ``items``, in the page."""
    script = (
        f"const f = (item, tables) => {{ {body} }};"
        " return arguments[0].map((i) => f(i, window.tables));"
    )
    return driver.execute_script(script, items)


def differences(cases: list[Any], got: list[Any], want: list[Any]) -> list[str]:
    return [
        f"{case!r}: JS {g!r}, expected {w!r}"
        for case, g, w in zip(cases, got, want, strict=True)
        if g != w
    ]


def test_the_page_has_one_global_for_each_script(rules_page: Any) -> None:
    names = rules_page.execute_script(
        "return [Object.keys(ClarityMatching), Object.keys(ClarityScoring)];"
    )
    assert {"answersMatch", "isRight", "guessIsRight"} <= set(names[0])
    assert {"answerPoints", "imageGuessPoints"} <= set(names[1])


def test_answers_match_as_the_shared_table_says(rules_page: Any) -> None:
    cases = MATCHING["answers_match"]
    got = run(
        rules_page,
        "return ClarityMatching.answersMatch(item.given, item.expected, item.language, tables);",
        cases,
    )
    assert not differences(cases, got, [case["match"] for case in cases])


def test_is_right_as_the_shared_table_says(rules_page: Any) -> None:
    cases = [
        {
            **case,
            # The page gets each question as the model dumps it (contract, section 4).
            "question": TypeAdapter(Question)
            .validate_python(case["question"])
            .model_dump(mode="json"),
        }
        for case in MATCHING["is_right"]
    ]
    got = run(
        rules_page,
        "return ClarityMatching.isRight(item.question, item.response, item.language, tables);",
        cases,
    )
    assert not differences(cases, got, [case["right"] for case in cases])


def test_a_guess_is_right_as_the_shared_table_says(rules_page: Any) -> None:
    cases = [
        {**case, "mystery": Mystery.model_validate(case["mystery"]).model_dump(mode="json")}
        for case in MATCHING["guess_is_right"]
    ]
    got = run(
        rules_page,
        "return ClarityMatching.guessIsRight(item.guess, item.mystery, item.language, tables);",
        cases,
    )
    assert not differences(cases, got, [case["right"] for case in cases])


def expected_points(case: dict[str, Any]) -> dict[str, int]:
    return {name: case["points"].get(name, 0) for name in POINT_FIELDS}


def scoring_rules(name: str) -> dict[str, Any]:
    return scoring_rules_data(ScoringRules(**SCORING["rules"][name]))


def test_answer_points_as_the_shared_table_says(rules_page: Any) -> None:
    cases = [{**case, "rules": scoring_rules(case["rules"])} for case in SCORING["answer_points"]]
    got = run(rules_page, "return ClarityScoring.answerPoints(item, item.rules);", cases)
    assert not differences(cases, got, [expected_points(case) for case in SCORING["answer_points"]])


def test_image_guess_points_as_the_shared_table_says(rules_page: Any) -> None:
    cases = [
        {**case, "rules": scoring_rules(case["rules"])} for case in SCORING["image_guess_points"]
    ]
    got = run(rules_page, "return ClarityScoring.imageGuessPoints(item, item.rules);", cases)
    want = [expected_points(case) for case in SCORING["image_guess_points"]]
    assert not differences(cases, got, want)


def made_up(rng: random.Random, most: int = 8) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, most)))


def slipped(rng: random.Random, text: str) -> str:
    """``text`` with one piece changed, dropped or doubled: a near miss."""
    chars = list(text)
    if not chars:
        return made_up(rng, 2)
    i = rng.randrange(len(chars))
    change = rng.choice(("change", "drop", "double", "case"))
    if change == "change":
        chars[i] = rng.choice(PIECES)
    elif change == "drop":
        del chars[i]
    elif change == "double":
        chars.insert(i, chars[i])
    else:
        chars[i] = chars[i].swapcase()
    return "".join(chars)


def test_made_up_answers_are_read_and_judged_as_python_does(rules_page: Any) -> None:
    rng = random.Random(14)
    items = []
    for _ in range(1500):
        expected, language = made_up(rng), rng.choice(LANGUAGES)
        given = rng.choice((made_up(rng), slipped(rng, expected), expected.upper()))
        items.append({"given": given, "expected": expected, "language": language})
    got = run(
        rules_page,
        """return [
            ClarityMatching.tokens(item.expected, item.language, tables),
            ClarityMatching.readNumber(item.expected, item.language, tables),
            ClarityMatching.answersMatch(item.given, item.expected, item.language, tables),
        ];""",
        items,
    )
    want = []
    for item in items:
        number = read_number(item["expected"], item["language"])
        want.append(
            [
                list(tokens(item["expected"], item["language"])),
                None if number is None else format(number, "f"),
                answers_match(item["given"], item["expected"], item["language"]),
            ]
        )
    assert not differences(items, got, want)
    assert sum(row[2] for row in want) > 100  # the near misses include many matches


def made_up_number(rng: random.Random) -> str:
    sign = rng.choice(("", "", "-", "\u2212", "+"))
    whole = str(rng.choice((0, 1, 5, 40, 100, 999, 1000, 12345, 1000000)))
    if rng.random() < 0.3:
        whole = f"{int(whole):,}".replace(",", rng.choice((",", ".", " ", "\u00a0", "'")))
    decimals = rng.choice(("", "", "5", "25", "000", "333"))
    point = rng.choice((".", ","))
    power = rng.choice(("", "", "", "", "e3", "E+23", "e-7", "E-07", "\u00d710^5", "e401"))
    return f"{sign}{whole}{point + decimals if decimals else ''}{power}"


def test_made_up_number_questions_are_judged_as_python_does(rules_page: Any) -> None:
    rng = random.Random(1822)
    items = []
    while len(items) < 600:
        language = rng.choice(LANGUAGES)
        fields: dict[str, Any] = {"type": "number", "prompt": "How many?"}
        fields["answer"] = made_up_number(rng)
        kind = rng.choice(("exact", "tolerance", "percent", "range", "min", "max", "accept"))
        if kind == "tolerance":
            fields["tolerance"] = rng.choice(("1", "0.5", "5", "100", "0,5"))
        elif kind == "percent":
            fields["tolerance"] = rng.choice(("5%", "10 %", "0.5%", "1\uff05"))
        elif kind in ("range", "min", "max"):
            low, high = sorted((made_up_number(rng), made_up_number(rng)), key=len)
            if kind != "max":
                fields["min"] = low
            if kind != "min":
                fields["max"] = high
        elif kind == "accept":
            fields["accept"] = [made_up_number(rng)]
        try:
            question = TypeAdapter(Question).validate_python(fields)
            question.bounds(language)
        except ValueError:
            continue  # not a number question a pack could hold in this language
        response = rng.choice((made_up_number(rng), fields["answer"], made_up(rng, 4)))
        right = is_right(question, response, language)
        dumped = question.model_dump(mode="json")
        items.append(
            {"question": dumped, "response": response, "language": language, "right": right}
        )
    got = run(
        rules_page,
        "return ClarityMatching.isRight(item.question, item.response, item.language, tables);",
        items,
    )
    assert not differences(items, got, [item["right"] for item in items])
    assert sum(item["right"] for item in items) > 50


def test_made_up_plays_are_scored_as_python_does(rules_page: Any) -> None:
    rng = random.Random(500)
    items, want = [], []
    for _ in range(600):
        overrides = {
            "base": rng.choice((1, 3, 5, 500, 777, 1000)),
            "streak_step": rng.choice((0, 50, 100, 150)),
            "streak_cap": rng.choice((0, 400, 500)),
            "timer": rng.random() < 0.8,
            "streaks": rng.random() < 0.8,
            "time_scale": rng.choice((1.0, 1.5, 2.0, 3.0, None, 0.75)),
        }
        rules = ScoringRules(**overrides)
        limit = rng.choice((None, 0, 5, 8, 20, 30, 120, 7.5))
        seconds = rng.choice((0, 1, 3, 5, 7, 10, 15, 20, 30, 45, rng.uniform(0, 200), 12.345))
        right, streak = rng.random() < 0.8, rng.randint(0, 12)
        points = answer_points(
            right=right, seconds=seconds, time_limit=limit, streak=streak, rules=rules
        )
        items.append(
            {
                "play": {"right": right, "seconds": seconds, "timeLimit": limit, "streak": streak},
                "rules": scoring_rules_data(rules),
            }
        )
        want.append({name: getattr(points, name) for name in POINT_FIELDS})
    got = run(rules_page, "return ClarityScoring.answerPoints(item.play, item.rules);", items)
    assert not differences(items, got, want)
    guesses, guessed = [], []
    for _ in range(200):
        rules = ScoringRules(
            image_base=rng.choice((0, 1000, 1500)),
            image_per_hidden_tile=rng.choice((0, 200, 33)),
            wrong_guess_penalty=rng.choice((0, 300)),
        )
        guess = {
            "right": rng.random() < 0.5,
            "hiddenTiles": rng.randint(0, 400),
            "final": rng.random() < 0.3,
        }
        points = image_guess_points(
            right=guess["right"],
            hidden_tiles=guess["hiddenTiles"],
            final=guess["final"],
            rules=rules,
        )
        guesses.append({"guess": guess, "rules": scoring_rules_data(rules)})
        guessed.append({name: getattr(points, name) for name in POINT_FIELDS})
    got = run(
        rules_page, "return ClarityScoring.imageGuessPoints(item.guess, item.rules);", guesses
    )
    assert not differences(guesses, got, guessed)


def test_the_page_follows_the_tables_it_is_given(rules_page: Any) -> None:
    """The rules come from the data: without Python's fold of ł, Łódź is no longer Lodz; with
    Russian's conventions of a point, 3,5 is no longer 3.5."""
    tables = matching_tables()
    folds = {letter: plain for letter, plain in tables["letter_folds"].items() if letter != "ł"}
    conventions = {**tables["number_conventions"], "ru": tables["number_conventions"]["en"]}
    changed = {**tables, "letter_folds": folds, "number_conventions": conventions}
    got = rules_page.execute_script(
        """const [tables, changed] = arguments;
        return [
            ClarityMatching.answersMatch("Lodz", "Łódź", "pl", tables),
            ClarityMatching.answersMatch("Lodz", "Łódź", "pl", changed),
            ClarityMatching.answersMatch("3,5", "3.5", "ru", tables),
            ClarityMatching.answersMatch("3,5", "3.5", "ru", changed),
        ];""",
        tables,
        changed,
    )
    assert got == [True, False, True, False]
    assert matches_any("Lodz", ["Łódź"], "pl")


def test_any_code_point_is_read_as_python_reads_it(rules_page: Any) -> None:
    """Every plane, code points Python's Unicode does not know included (the browser's
    newer Unicode may call them letters, or decompose them): the page does as Python does."""
    rng = random.Random(0x10FFFF)
    planes = ((0x20, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x1FFFF), (0x20000, 0x3FFFF))
    texts = []
    for _ in range(1500):
        low, high = rng.choice(planes)
        texts.append("".join(chr(rng.randint(low, high)) for _ in range(rng.randint(1, 6))))
    items = [
        {"text": text, "upper": text.upper(), "language": rng.choice(LANGUAGES)} for text in texts
    ]
    got = run(
        rules_page,
        """return [
            ClarityMatching.tokens(item.text, item.language, tables),
            ClarityMatching.tokens("1" + item.text + "2", item.language, tables),
            ClarityMatching.answersMatch(item.upper, item.text, item.language, tables),
        ];""",
        items,
    )
    want = [
        [
            list(tokens(item["text"], item["language"])),
            list(tokens(f"1{item['text']}2", item["language"])),
            answers_match(item["upper"], item["text"], item["language"]),
        ]
        for item in items
    ]
    assert not differences(items, got, want)
