"""Writing a pack as GIFT for Moodle, and reading our own export back: the same questions
for every question type, Cyrillic and GIFT's special characters included."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from clarity.core.number_reading import read_number
from clarity.core.packs.loader import load_pack
from clarity.core.packs.models import NumberQuestion, Pack
from clarity.formats.gift import read_gift, write_gift
from core.image_bytes import png_bytes

# Every question type, written the way a teacher writes a pack; single quotes keep the
# backslashes as they are.
PACK_YAML = r"""clarity: 1
id: round-trip
title: 'Round trip: every kind'
description: Every question type, Cyrillic and GIFT's special characters.
language: ru
rounds:
  - image: map.png
    answer: Minsk
questions:
  - id: capital
    type: choice
    prompt: 'Столица Беларуси? {a=b} ~#: \ end'
    choices: ['Минск', 'Брест ~ = # { } : \', 'Гродно']
    answer: Минск
    explain: 'Минск — столица с 1919 года: #1'
    tags: [География]
  - id: neighbours
    type: choice
    prompt: Which are neighbours of Belarus?
    choices: [Russia, Poland, Lithuania, France, '%50% off', '[html] tag']
    answer: [Russia, Poland, Lithuania]
    tags: [Geography/Europe, extra]
  - id: two-right
    type: choice
    prompt: Two right
    choices: [a, b, c]
    answer: [a, c]
  - id: volga
    type: truefalse
    prompt: "Волга впадает в Каспийское море.\nВерно?"
    answer: true
    explain: Да.
    tags: [География]
  - id: sahara
    type: truefalse
    prompt: The Sahara is cold.
    answer: false
  - id: author
    type: typed
    prompt: Кто написал «Войну и мир»?
    answer: Толстой
    accept: [Л. Н. Толстой, 'Tolstoy = author']
    explain: 'Лев Николаевич Толстой {1828–1910}'
  - id: year
    type: number
    prompt: В каком году?
    answer: '1812'
    tolerance: '2'
    accept: ['1813']
  - id: range
    type: number
    prompt: Число от 1 до 5
    answer: '3'
    min: '1'
    max: '5'
  - id: percent
    type: number
    prompt: Двести плюс-минус пять процентов
    answer: '200'
    tolerance: 5%
  - id: decimal
    type: number
    prompt: Минус три с половиной
    answer: '-3,5'
"""


def _load(tmp_path: Path, text: str) -> Pack:
    (tmp_path / "map.png").write_bytes(png_bytes(8, 6))
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_pack(path, assets_dir=tmp_path)
    assert loaded.pack is not None, loaded.errors
    return loaded.pack


@pytest.fixture
def pack(tmp_path: Path) -> Pack:
    return _load(tmp_path, PACK_YAML)


def _number(text: object, language: str) -> Decimal | None:
    return read_number(str(text), language)


def test_importing_our_export_gives_back_the_same_questions(pack: Pack) -> None:
    read = read_gift(write_gift(pack))
    assert not read.skipped
    back = {question.fields["title_hint"]: dict(question.fields) for question in read.questions}
    assert set(back) == {question.id for question in pack.questions}
    for question in pack.questions:
        fields = back[question.id]
        assert fields["type"] == question.type
        assert fields["prompt"] == question.prompt
        assert fields.get("explain") == question.explain
        assert fields.get("tags", []) == list(question.tags[:1])
        if isinstance(question, NumberQuestion):
            language = pack.language
            if question.tolerance is not None and question.tolerance.endswith("%"):
                # GIFT has no percent: the same numbers as an absolute tolerance
                assert question.bounds(language) == (
                    _number(fields["answer"], "en") - _number(fields["tolerance"], "en"),  # type: ignore[operator]
                    _number(fields["answer"], "en") + _number(fields["tolerance"], "en"),  # type: ignore[operator]
                )
                continue
            for name in ("answer", "tolerance", "min", "max"):
                written = getattr(question, name)
                assert _number(fields.get(name), "en") == (
                    None if written is None else _number(written, language)
                ), name
            accepted = [_number(text, "en") for text in fields.get("accept", [])]  # type: ignore[attr-defined]
            assert accepted == list(question.accepted_numbers(language))
        elif question.type == "choice":
            assert fields["choices"] == list(question.choices)
            right = fields["answer"]
            assert (right if isinstance(right, list) else [right]) == list(question.right_answers)
        elif question.type == "typed":
            assert fields["answer"] == question.answer
            assert fields.get("accept", []) == list(question.accept)
        else:
            assert fields["answer"] is question.answer


def test_every_special_character_is_escaped(pack: Pack) -> None:
    gift = write_gift(pack)
    assert "::capital::[plain]Столица Беларуси? \\{a\\=b\\} \\~\\#\\: \\\\ end{" in gift
    assert "\t~Брест \\~ \\= \\# \\{ \\} \\: \\\\\n" in gift
    assert "\t####Минск — столица с 1919 года\\: \\#1\n" in gift
    assert "Волга впадает в Каспийское море.\\nВерно?{TRUE####Да.}" in gift
    # a choice that starts like a weight or a format is marked as plain text
    assert "\t~[plain]%50% off\n" in gift
    assert "\t~[plain][html] tag\n" in gift


def test_the_file_names_the_pack_and_says_the_pictures_stay_behind(pack: Pack) -> None:
    first, second = write_gift(pack).splitlines()[:2]
    assert (
        first
        == "// Round trip: every kind (round-trip): questions exported from Clarity Challenge."
    )
    assert second.startswith("// The mystery pictures of its 1 round(s) are not exported")


def test_questions_are_grouped_by_their_first_tag_untagged_first(pack: Pack) -> None:
    lines = write_gift(pack).splitlines()
    categories = [line for line in lines if line.startswith("$CATEGORY:")]
    assert categories == ["$CATEGORY: География", "$CATEGORY: Geography//Europe"]
    titles = [m[1] for line in lines if (m := re.match(r"::([a-z0-9-]+)::", line))]
    assert titles == [
        "two-right",
        "sahara",
        "author",
        "year",
        "range",
        "percent",
        "decimal",
        "capital",
        "volga",
        "neighbours",
    ]
    assert lines.index("$CATEGORY: География") > lines.index(
        "::decimal::[plain]Минус три с половиной{#"
    )


def test_several_right_answers_are_each_marked_right_for_moodles_single_answer_choice(
    tmp_path: Path,
) -> None:
    # In the game any one of the right answers is right. Moodle reads a multiple choice
    # holding an "=" as a single-answer question where each "=" answer gets full marks; no
    # weights, which would make it a "multiple answers" question (all to be ticked).
    for right in range(2, 7):
        choices = [f"c{i}" for i in range(6)]
        text = (
            "clarity: 1\nid: several\ntitle: S\ndescription: D\n"
            "rounds: [{image: map.png, answer: x}]\nquestions:\n"
            f"  - {{id: q, type: choice, prompt: P, choices: {choices}, "
            f"answer: {choices[:right]}}}\n"
        )
        gift = write_gift(_load(tmp_path, text.replace("'", "")))
        block = gift[gift.index("::q::") :]
        marks = re.findall(r"^\t([=~]|~%100%)(c\d)$", block, re.MULTILINE)
        expected = [("=" if i < right else "~", f"c{i}") for i in range(6)]
        if right == 6:  # every choice right: one "~" keeps it a multiple choice for Moodle
            expected[-1] = ("~%100%", "c5")
        else:
            assert "%" not in gift
        assert marks == expected
        read = read_gift(gift)
        assert not read.notes
        assert read.questions[0].fields["answer"] == choices[:right]


def test_a_pack_question_with_several_right_answers_goes_round_trip(tmp_path: Path) -> None:
    text = (
        "clarity: 1\nid: neighbours\ntitle: N\ndescription: D\nlanguage: ru\n"
        "rounds: [{image: map.png, answer: x}]\nquestions:\n"
        "  - id: sosed\n    type: choice\n    prompt: Назовите соседа Беларуси\n"
        "    choices: [Польша, Латвия, Франция, Литва]\n    answer: [Польша, Латвия, Литва]\n"
        "    explain: Любой из трёх.\n"
    )
    pack = _load(tmp_path, text)
    gift = write_gift(pack)
    assert (
        "::sosed::[plain]Назовите соседа Беларуси{\n\t=Польша\n\t=Латвия\n\t~Франция\n"
        "\t=Литва\n\t####Любой из трёх.\n}" in gift
    )
    read = read_gift(gift)
    assert not read.skipped
    assert not read.notes
    assert dict(read.questions[0].fields) == {
        "type": "choice",
        "prompt": "Назовите соседа Беларуси",
        "title_hint": "sosed",
        "choices": ["Польша", "Латвия", "Франция", "Литва"],
        "answer": ["Польша", "Латвия", "Литва"],
        "explain": "Любой из трёх.",
    }


def test_number_forms_and_their_comments(tmp_path: Path) -> None:
    text = (
        "clarity: 1\nid: numbers\ntitle: N\ndescription: D\nlanguage: ru\n"
        "rounds: [{image: map.png, answer: x}]\nquestions:\n"
        "  - {id: pct, type: number, prompt: P, answer: '200', tolerance: 5%}\n"
        "  - {id: least, type: number, prompt: Q, answer: '150', min: '100'}\n"
        "  - {id: comma, type: number, prompt: R, answer: '2,5', tolerance: '0,1'}\n"
    )
    lines = write_gift(_load(tmp_path, text)).splitlines()
    assert "// The tolerance 5% is written as ±10: GIFT has no percent tolerance." in lines
    assert (
        "// In the game any number at least 100 counts; GIFT has no open range, so only the "
        "answer 150 is written." in lines
    )
    assert "\t=200:10" in lines
    assert "\t=150" in lines
    assert "\t=2.5:0.1" in lines


def test_a_typed_answer_that_reads_as_true_stays_a_short_answer(tmp_path: Path) -> None:
    text = (
        "clarity: 1\nid: t\ntitle: T\ndescription: D\n"
        "rounds: [{image: map.png, answer: x}]\nquestions:\n"
        "  - {id: letter, type: typed, prompt: First letter of Tokyo?, answer: T}\n"
    )
    read = read_gift(write_gift(_load(tmp_path, text)))
    assert dict(read.questions[0].fields) == {
        "type": "typed",
        "prompt": "First letter of Tokyo?",
        "title_hint": "letter",
        "answer": "T",
    }


def test_a_question_picture_is_named_in_a_comment(tmp_path: Path) -> None:
    text = (
        "clarity: 1\nid: pic\ntitle: P\ndescription: D\n"
        "rounds: [{image: map.png, answer: x}]\nquestions:\n"
        "  - {id: shown, type: truefalse, prompt: Is this a map?, image: map.png, answer: true}\n"
    )
    lines = write_gift(_load(tmp_path, text)).splitlines()
    comment = lines.index("// The picture map.png of this question is not exported.")
    assert lines[comment + 1] == "::shown::[plain]Is this a map?{TRUE}"
