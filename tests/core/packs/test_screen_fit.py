"""Texts longer than the smallest window shows without scrolling are warned about, with the
length that fits (issue 9, part 3; case 07-long-text-overflows-card). That the limits are
the play card's own is tested in tests/ui/test_screen_fit.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from clarity.core.packs.plain_yaml import compose
from clarity.core.packs.report import Report
from clarity.core.packs.screen_fit import END_ROOM, QUESTION_ROOM, warn_about_screen_fit

from .test_loader import Problems

CHOICES = ["Minsk", "Moscow", "Brest", "Vitebsk", "Gomel", "Grodno"]


def pack_text(question: dict[str, Any], **mystery: str) -> str:
    data = {
        "clarity": 1,
        "id": "fit",
        "title": "Fit",
        "description": "Texts as long as the screen holds.",
        "rounds": [{"image": "union_state/map.png", "answer": "Minsk", **mystery}],
        "questions": [question],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**9)


def question(room: str, **texts: str) -> dict[str, Any]:
    kind, _, count = room.partition("-")
    item: dict[str, Any] = {"type": kind, "prompt": "Where?"}
    if kind == "choice":
        item["choices"] = CHOICES[: int(count)]
        item["answer"] = CHOICES[1]
    else:
        item["answer"] = {"truefalse": True, "number": "1999"}.get(kind, "Moscow")
    if "choice" in texts:
        item["choices"][0] = texts.pop("choice")
    return item | texts


def warnings(text: str) -> list[str]:
    report = Report(Path("pack.yaml"))
    tree = compose(text, report)
    assert tree is not None
    raw, positions = tree
    warn_about_screen_fit(raw, positions, report)
    return [str(problem) for problem in report.problems()]


def words(length: int) -> str:
    """``length`` characters of words, ending in a full stop."""
    return ("Belarus and Russia " * (length // 19 + 1))[: length - 1].rstrip().ljust(
        length - 1, "a"
    ) + "."


QUESTION_LIMITS = [
    (room, field, limit)
    for room, fields in QUESTION_ROOM.items()
    for field, limit in fields.items()
]


@pytest.mark.parametrize(
    ("room", "field", "limit"), QUESTION_LIMITS, ids=[f"{r}-{f}" for r, f, _ in QUESTION_LIMITS]
)
def test_a_question_text_is_warned_about_one_character_past_its_limit(
    room: str, field: str, limit: int
) -> None:
    assert warnings(pack_text(question(room, **{field: words(limit)}))) == []
    (warning,) = warnings(pack_text(question(room, **{field: words(limit + 1)})))
    where = "questions[0].choices[0]" if field == "choice" else f"questions[0].{field}"
    assert f": warning: {where}: " in warning
    assert f"has {limit + 1:,} characters" in warning
    assert f"shorten it to about {limit:,} characters" in warning


@pytest.mark.parametrize(("field", "limit"), END_ROOM.items())
def test_the_mystery_answer_and_caption_are_warned_about_past_their_limits(
    field: str, limit: int
) -> None:
    short = question("typed")
    assert warnings(pack_text(short, **{field: words(limit)})) == []
    (warning,) = warnings(pack_text(short, **{field: words(limit + 1)}))
    assert f": warning: rounds[0].{field}: " in warning
    assert f"about {limit:,} characters show without scrolling" in warning


def test_the_warning_says_where_the_value_is_and_what_to_do() -> None:
    text = pack_text(question("typed", prompt=words(2000)))
    (warning,) = warnings(text)
    line, column = next(
        (n, row.index("Belarus") + 1)
        for n, row in enumerate(text.splitlines(), 1)
        if "prompt:" in row
    )
    assert warning == (
        f"pack.yaml:{line}:{column}: warning: questions[0].prompt: this prompt has "
        "2,000 characters; on a 1024x640 screen about "
        f"{QUESTION_ROOM['typed']['prompt']} characters show without scrolling, so students "
        f"will have to scroll to read it; shorten it to about {QUESTION_ROOM['typed']['prompt']} "
        "characters"
    )


def test_a_prompt_has_less_room_beside_more_choices() -> None:
    four, six = QUESTION_ROOM["choice-4"]["prompt"], QUESTION_ROOM["choice-6"]["prompt"]
    assert six < four
    prompt = words((four + six) // 2)
    assert warnings(pack_text(question("choice-4", prompt=prompt))) == []
    assert len(warnings(pack_text(question("choice-6", prompt=prompt)))) == 1


def test_every_long_choice_is_named_and_two_choices_have_room_for_the_longest() -> None:
    item = question("choice-6")
    item["choices"] = [words(60 + i) for i in range(6)]
    found = warnings(pack_text(item))
    assert [w.split(": ")[2] for w in found] == [f"questions[0].choices[{i}]" for i in range(6)]
    item = question("choice-2", choice=words(200))
    assert warnings(pack_text(item)) == []


def test_texts_that_fit_alone_but_not_together_get_one_warning_naming_them() -> None:
    prompt_limit = QUESTION_ROOM["typed"]["prompt"]
    explain_limit = QUESTION_ROOM["typed"]["explain"]
    # a prompt and its explanation: together up to EXPLAINED_TOGETHER of their limits
    third = question("typed", prompt=words(prompt_limit // 3), explain=words(explain_limit // 3))
    assert warnings(pack_text(third)) == []
    more = question(
        "typed", prompt=words(prompt_limit * 6 // 10), explain=words(explain_limit // 2)
    )
    (warning,) = warnings(pack_text(more))
    assert ": warning: questions[0].prompt: together, questions[0].prompt (" in warning
    assert f"and questions[0].explain ({explain_limit // 2} of about {explain_limit})" in warning
    assert "students will have to scroll to read them" in warning


def test_the_longest_choice_counts_once_in_what_shares_the_card() -> None:
    limit = QUESTION_ROOM["choice-6"]["choice"]
    item = question("choice-6")
    item["choices"] = [words(limit - i) for i in range(6)]  # each fits, all as tall as one
    assert warnings(pack_text(item)) == []
    item["prompt"] = words(QUESTION_ROOM["choice-6"]["prompt"] // 10)
    (warning,) = warnings(pack_text(item))
    assert "together, questions[0].prompt (" in warning
    assert f"questions[0].choices[0] ({limit} of about {limit})" in warning


def test_the_end_card_answer_and_caption_together() -> None:
    short = question("typed")
    answer = words(END_ROOM["answer"] * 6 // 10)
    caption = words(END_ROOM["caption"] * 6 // 10)
    (warning,) = warnings(pack_text(short, answer=answer, caption=caption))
    assert ": warning: rounds[0].answer: together, rounds[0].answer (" in warning
    assert "rounds[0].caption (" in warning


def test_values_that_are_not_text_and_unknown_kinds_are_left_to_validation() -> None:
    item = question("typed", prompt=words(2000))
    item["type"] = "essay"
    assert warnings(pack_text(item)) == []
    item = question("choice-4")
    item["prompt"] = ["a list", words(2000)]
    item["choices"] = "Minsk"
    assert warnings(pack_text(item)) == []


def test_validate_warns_about_a_long_prompt_and_the_pack_stays_valid(problems: Problems) -> None:
    found = problems(pack_text(question("truefalse", prompt=words(1500))))
    assert [p for p in found if "grid" not in p] == [
        next(p for p in found if ": warning: questions[0].prompt: this prompt has " in p)
    ]
