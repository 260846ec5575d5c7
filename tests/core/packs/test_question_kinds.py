"""The number question and the choice with several right answers, as a teacher writes them:
every valid form loads, every mistake is one file:line:col line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from clarity.core.packs.models import ChoiceQuestion, NumberQuestion, TypedQuestion

from .test_loader import lines, load_text

# Line numbers matter: the comment at the end of a line is its number.
HEAD = """\
clarity: 1
id: kinds
title: Kinds
description: Kinds of questions.
language: {language}
rounds:
  - image: union_state/map.png
    answer: Map
    grid: 1x2
questions:
"""  # 10 lines


# A second question, so that the 1x2 grid does not run out of questions (a warning).
FILLER = "  - type: truefalse\n    prompt: Filler?\n    answer: true\n"


def pack_text(questions: str, language: str = "en") -> str:
    return HEAD.format(language=language) + questions + FILLER


def load(pack_dir: Path, assets: Path, questions: str, language: str = "en"):
    return load_text(pack_dir, assets, pack_text(questions, language))


@pytest.mark.parametrize(
    ("written", "language", "bounds"),
    [
        ("    answer: 1000\n", "en", ("1000", "1000")),
        ("    answer: 1 000\n", "ru", ("1000", "1000")),
        ("    answer: 1,000\n    tolerance: 5\n", "en", ("995", "1005")),
        ("    answer: 3,5\n    tolerance: 0,5\n", "ru", ("3", "4")),
        ("    answer: -40\n", "en", ("-40", "-40")),
        ("    answer: 15\n    min: 10\n    max: 20\n", "en", ("10", "20")),
        ("    answer: 6650\n    min: 6600\n", "en", ("6600", "6650")),
    ],
)
def test_number_question_forms_load_with_their_bounds(
    pack_dir: Path,
    assets: Path,
    written: str,
    language: str,
    bounds: tuple[str, str],
) -> None:
    loaded = load(pack_dir, assets, "  - type: number\n    prompt: How many?\n" + written, language)
    assert lines(loaded) == []
    assert loaded.pack is not None
    question = loaded.pack.questions[0]
    assert isinstance(question, NumberQuestion)
    assert isinstance(question, TypedQuestion)  # typed in play like a typed question
    assert question.bounds(language) == tuple(map(Decimal, bounds))


def test_a_number_answer_written_as_a_yaml_number_stays_the_text_written(
    pack_dir: Path,
    assets: Path,
) -> None:
    loaded = load(pack_dir, assets, "  - type: number\n    prompt: Pi?\n    answer: 3.10\n")
    assert loaded.pack is not None
    assert loaded.pack.questions[0].answer == "3.10"


@pytest.mark.parametrize(
    ("written", "language", "problem"),
    [
        (
            "    answer: about ten\n",  # line 13
            "en",
            'pack.yaml:13:13: questions[0].answer: "about ten" is not a number; write it in '
            "digits, for example 1000",
        ),
        (
            "    answer: 1,000,000\n",  # ambiguous in Russian: only a point or comma group
            "ru",
            'pack.yaml:13:13: questions[0].answer: "1,000,000" is not one number in this '
            "pack's language (ru), which writes decimals after a comma and groups of three "
            "digits apart with a space; write one number, for example 1 000 000 or 3,5",
        ),
        (
            "    answer: 10\n    tolerance: -1\n",
            "en",
            "pack.yaml:14:16: questions[0].tolerance: should not be below zero",
        ),
        (
            "    answer: 10\n    tolerance: 1\n    min: 5\n",
            "en",
            "pack.yaml:14:16: questions[0].tolerance: give a tolerance or min and max, not both",
        ),
        (
            "    answer: 30\n    min: 10\n    max: 20\n",
            "en",
            "pack.yaml:13:13: questions[0].answer: 30 is outside min to max (10 to 20)",
        ),
        (
            "    answer: 15\n    min: 20\n    max: 10\n",
            "en",
            "pack.yaml:14:10: questions[0].min: 20 is more than max 10",
        ),
        (
            "    answer: 15\n    choices: [1, 2]\n",
            "en",
            "pack.yaml:14:5: questions[0].choices: is not used in a number question, "
            "only in choice questions",
        ),
    ],
)
def test_number_question_mistakes_are_placed_on_their_field(
    pack_dir: Path,
    assets: Path,
    written: str,
    language: str,
    problem: str,
) -> None:
    loaded = load(pack_dir, assets, "  - type: number\n    prompt: How many?\n" + written, language)
    assert lines(loaded) == [problem]


def test_a_choice_with_several_right_answers_loads(
    pack_dir: Path,
    assets: Path,
) -> None:
    loaded = load(
        pack_dir,
        assets,
        "  - type: choice\n    prompt: Which are in the Union State?\n"
        "    choices: [Belarus, Poland, Russia]\n    answer: [Russia, Belarus]\n",
    )
    assert lines(loaded) == []
    assert loaded.pack is not None
    question = loaded.pack.questions[0]
    assert isinstance(question, ChoiceQuestion)
    assert question.right_answers == ("Russia", "Belarus")
    assert question.right_indexes == (0, 2)
    assert question.right_index == 2  # the first the teacher wrote


def test_a_one_item_answer_list_is_one_right_answer(
    pack_dir: Path,
    assets: Path,
) -> None:
    loaded = load(
        pack_dir, assets, "  - type: choice\n    prompt: P?\n    choices: [a, b]\n    answer: [b]\n"
    )
    assert loaded.pack is not None
    assert loaded.pack.questions[0].answer == "b"


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (
            "[Belarus, Polnad]",
            'pack.yaml:14:23: questions[0].answer[1]: "Polnad" is not one of the choices; '
            'did you mean "Poland"?',
        ),
        (
            "[Belarus, Belarus]",
            'pack.yaml:14:23: questions[0].answer[1]: "Belarus" is listed twice (also answer[0])',
        ),
        (
            "[]",
            "pack.yaml:14:13: questions[0].answer: the list of right choices is empty; "
            "name at least one",
        ),
    ],
)
def test_each_right_choice_must_be_one_of_the_choices(
    pack_dir: Path,
    assets: Path,
    answer: str,
    problem: str,
) -> None:
    loaded = load(
        pack_dir,
        assets,
        "  - type: choice\n    prompt: Which?\n"
        f"    choices: [Belarus, Poland, Russia]\n    answer: {answer}\n",
    )
    assert lines(loaded) == [problem]
