"""The shared case tables (tests/shared_cases/) against clarity.core: the same files the
browser test runs against the web game's matching.js and scoring.js, so that the page and
the desktop game judge and score alike (issue 14: "the matching and scoring pass the same
tables of cases as the Python code").

The expected values are written in the files (from the rules and from tests/core's own
tables), never computed here from the code under test.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from clarity.core.answers import is_right
from clarity.core.matching import LETTER_FOLDS, LETTERS_OF_THEIR_OWN, answers_match, matches_any
from clarity.core.number_reading import NUMBER_CONVENTIONS
from clarity.core.packs.models import Mystery, Question
from clarity.core.scoring import (
    NO_LIMIT_BONUS_SHARE,
    ScoringRules,
    answer_points,
    image_guess_points,
)
from clarity.formats.web.matching_tables import matching_tables, scoring_rules_data

CASES = Path(__file__).resolve().parents[1] / "shared_cases"
MATCHING = json.loads((CASES / "matching.json").read_text(encoding="utf-8"))
SCORING = json.loads((CASES / "scoring.json").read_text(encoding="utf-8"))
POINT_FIELDS = ("base", "time_bonus", "streak_bonus", "image_bonus", "penalty")


def case_id(case: dict[str, Any]) -> str:
    said = case.get("given", case.get("response", case.get("guess", "")))
    return f"{case['language']}:{said!r}"


@pytest.mark.parametrize("case", MATCHING["answers_match"], ids=case_id)
def test_answers_match_as_the_shared_table_says(case: dict[str, Any]) -> None:
    got = answers_match(case["given"], case["expected"], case["language"])
    assert got is case["match"], case


@pytest.mark.parametrize("case", MATCHING["is_right"], ids=case_id)
def test_is_right_as_the_shared_table_says(case: dict[str, Any]) -> None:
    question = TypeAdapter(Question).validate_python(case["question"])
    assert is_right(question, case["response"], case["language"]) is case["right"], case


@pytest.mark.parametrize("case", MATCHING["guess_is_right"], ids=case_id)
def test_a_guess_is_right_as_the_shared_table_says(case: dict[str, Any]) -> None:
    # The rule of clarity.core.class_round.scored_guess: the answer or an accepted guess.
    mystery = Mystery.model_validate(case["mystery"])
    right = matches_any(case["guess"], (mystery.answer, *mystery.accept), case["language"])
    assert right is case["right"], case


def expected_points(case: dict[str, Any]) -> dict[str, int]:
    return {name: case["points"].get(name, 0) for name in (*POINT_FIELDS, "total")}


def as_dict(points: Any) -> dict[str, int]:
    return {name: getattr(points, name) for name in (*POINT_FIELDS, "total")}


@pytest.mark.parametrize("case", SCORING["answer_points"], ids=lambda case: case["why"])
def test_answer_points_as_the_shared_table_says(case: dict[str, Any]) -> None:
    rules = ScoringRules(**SCORING["rules"][case["rules"]])
    points = answer_points(
        right=case["right"],
        seconds=case["seconds"],
        time_limit=case["timeLimit"],
        streak=case["streak"],
        rules=rules,
    )
    assert as_dict(points) == expected_points(case)


@pytest.mark.parametrize("case", SCORING["image_guess_points"], ids=lambda case: case["why"])
def test_image_guess_points_as_the_shared_table_says(case: dict[str, Any]) -> None:
    rules = ScoringRules(**SCORING["rules"][case["rules"]])
    points = image_guess_points(
        right=case["right"], hidden_tiles=case["hiddenTiles"], final=case["final"], rules=rules
    )
    assert as_dict(points) == expected_points(case)


def test_the_tables_hold_hundreds_of_cases_of_every_kind() -> None:
    assert len(MATCHING["answers_match"]) >= 400
    assert {case["question"]["type"] for case in MATCHING["is_right"]} == {
        "choice",
        "truefalse",
        "typed",
        "number",
    }
    for table in ("answers_match", "is_right", "guess_is_right"):
        outcomes = [case.get("match", case.get("right")) for case in MATCHING[table]]
        assert True in outcomes, table
        assert False in outcomes, table


def test_the_pages_tables_are_json_and_the_python_matchers_own() -> None:
    tables = matching_tables()
    assert json.loads(json.dumps(tables)) == tables
    assert tables["letter_folds"] == LETTER_FOLDS
    assert set(tables["own_letters"]["be"]) == set(LETTERS_OF_THEIR_OWN["be"])
    ru = NUMBER_CONVENTIONS["ru"]
    assert tables["number_conventions"]["ru"] == {
        "decimal": ru.decimal,
        "group": ru.group,
        "lakh": ru.lakh,
    }
    assert tables["casefold"]["ß"] == "ss"
    assert set(tables["truefalse_words"]["true"]) == {"true", "t", "yes", "y"}
    assert set(tables["truefalse_words"]["false"]) == {"false", "f", "no", "n"}
    tables["letter_folds"]["ł"] = "x"  # a copy: changing it changes no other caller's
    assert matching_tables()["letter_folds"]["ł"] == "l"


def test_the_pages_scoring_figures_are_the_rules_and_the_no_limit_share() -> None:
    rules = ScoringRules(base=700, time_scale=None, streaks=False)
    data = scoring_rules_data(rules)
    assert data == {**asdict(rules), "no_limit_bonus_share": NO_LIMIT_BONUS_SHARE}
    assert json.loads(json.dumps(data)) == data
