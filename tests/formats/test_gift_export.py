"""Writing a pack as GIFT for Moodle, and reading our own export back: the same questions
for every question type, Cyrillic and GIFT's special characters included."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clarity.core.number_reading import read_number
from clarity.core.packs.loader import load_pack
from clarity.core.packs.models import NumberQuestion, Pack
from clarity.formats.gift import gift_losses, read_gift, write_gift
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
    shuffle: false
  - id: arrow
    type: typed
    prompt: Уравнение реакции?
    answer: 2H2 + O2 -> 2H2O
  - id: star
    type: typed
    prompt: Умножение в программировании?
    answer: 2*3
    accept: ['2 * 3', '\*']
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
    accept: ['1813', '1812,0']
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
    assert not read.notes
    assert read.title == pack.title
    # the pack's order, every tag
    order = [question.fields["title_hint"] for question in read.questions]
    assert order == [question.id for question in pack.questions]
    back = {question.fields["title_hint"]: dict(question.fields) for question in read.questions}
    for question in pack.questions:
        fields = back[question.id]
        assert fields["type"] == question.type
        assert fields["prompt"] == question.prompt
        assert fields.get("explain") == question.explain
        assert fields.get("tags", []) == list(question.tags)
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
            # an accepted number equal to the answer (or to another) is written once
            answer = _number(question.answer, language)
            other = dict.fromkeys(n for n in question.accepted_numbers(language) if n != answer)
            assert accepted == list(other)
        elif question.type == "choice":
            assert fields["choices"] == list(question.choices)
            assert fields.get("shuffle", True) is question.shuffle
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
    first, second, third = write_gift(pack).splitlines()[:3]
    assert (
        first
        == "// Round trip: every kind (round-trip): questions exported from Clarity Challenge."
    )
    assert second == "// Description: Every question type, Cyrillic and GIFT's special characters."
    assert third.startswith("// The mystery pictures of its 1 round(s) are not exported")


def test_the_packs_id_description_and_time_limits_are_comments_read_back(tmp_path: Path) -> None:
    # br4 N7: GIFT has no time per question; they were lost on the way to Moodle and back
    pack = _load(
        tmp_path,
        "clarity: 1\nid: timed-quiz\ntitle: Timed\ndescription: 'Two lines:\n  of text'\n"
        "language: en\ntime_limit: 25\nrounds: [{image: map.png, answer: x}]\nquestions:\n"
        "  - {type: truefalse, prompt: Fast?, answer: true, time_limit: 45}\n"
        "  - {type: truefalse, prompt: Default?, answer: false}\n",
    )
    gift = write_gift(pack)
    assert "// Time limit: 45 s\n[plain]Fast?{TRUE}" in gift
    assert "// Time limit: 25 s for each question. Moodle has no time per question" in gift
    read = read_gift(gift)
    assert (read.title, read.pack_id, read.time_limit) == ("Timed", "timed-quiz", 25)
    assert read.description == "Two lines: of text"
    assert [q.fields.get("time_limit") for q in read.questions] == [45, None]
    # Moodle's own files name none of these; a time comment out of range is clamped
    other = read_gift("// Time limit: 25 s for each question\n\n// Time limit: 900 s\nQ?{T}\n")
    assert (other.pack_id, other.description, other.time_limit) == (None, None, None)
    assert other.questions[0].fields["time_limit"] == 300


def test_what_gift_cannot_hold_is_counted_for_the_teacher(pack: Pack) -> None:
    losses = gift_losses(pack)
    assert losses.rounds == 1
    assert not losses.timed
    # the order of "two-right" (shuffle: false); a percent tolerance is the same absolute
    # one, a closed range a GIFT range, an arrow answer without accepted answers whole
    assert [pack.questions[index].id for index in losses.questions] == ["two-right"]


def test_questions_keep_the_packs_order_with_a_category_line_when_the_first_tag_changes(
    pack: Pack,
) -> None:
    lines = write_gift(pack).splitlines()
    titles = [m[1] for line in lines if (m := re.match(r"::([a-z0-9-]+)::", line))]
    assert titles == [question.id for question in pack.questions]
    shown = [
        line
        for line in lines
        if line.startswith(("$CATEGORY:", "::"))
        and not line.startswith(("::star", "::author", "::year", "::range", "::percent"))
    ]
    # untagged questions after a tagged one: GIFT cannot go back to the category chosen
    # on Moodle's import page, so they go into the pack's own default category, which the
    # reader (as for Moodle's "Default for ..." categories) takes for no tag
    default = "$CATEGORY: По умолчанию для Round trip: every kind"
    assert [line.split("[plain]")[0] for line in shown] == [
        "$CATEGORY: География",
        "::capital::",
        "$CATEGORY: Geography//Europe",
        "::neighbours::",
        default,
        "::two-right::",
        "::arrow::",
        "$CATEGORY: География",
        "::volga::",
        default,
        "::sahara::",
        "::decimal::",
    ]
    said = lines[lines.index(default) - 1]
    assert said == (
        "// Questions without a tag: GIFT cannot go back to the category chosen on "
        "Moodle's import page."
    )


def test_untagged_questions_first_need_no_category_line(tmp_path: Path) -> None:
    pack = _one_question_pack(
        tmp_path,
        "  - {id: a, type: truefalse, prompt: A, answer: true}\n"
        "  - {id: b, type: truefalse, prompt: B, answer: true, tags: [x]}\n"
        "  - {id: c, type: truefalse, prompt: C, answer: true, tags: [x, y]}\n"
        "  - {id: d, type: truefalse, prompt: D, answer: true}\n",
    )
    lines = write_gift(pack).splitlines()
    assert [line for line in lines if line.startswith("$CATEGORY:")] == [
        "$CATEGORY: x",
        "$CATEGORY: Default for One",
    ]
    assert lines.index("::a::[plain]A{TRUE}") < lines.index("$CATEGORY: x")
    read = read_gift("\n".join(lines))
    assert [q.fields.get("tags") for q in read.questions] == [None, ["x"], ["x", "y"], None]


def test_our_own_export_names_its_pack_title_for_the_import(pack: Pack) -> None:
    assert read_gift(write_gift(pack)).title == "Round trip: every kind"
    # a file that is not ours names no title, whatever its first comment says
    assert read_gift("// Geography (quiz 7): questions\n\nQ?{T}").title is None
    assert (
        read_gift("Q?{T}\n\n// X (x): questions exported from Clarity Challenge.\n").title is None
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


def _one_question_pack(tmp_path: Path, question: str, *, language: str = "en") -> Pack:
    return _load(
        tmp_path,
        f"clarity: 1\nid: one\ntitle: One\ndescription: D\nlanguage: {language}\n"
        "rounds: [{image: map.png, answer: x}]\nquestions:\n" + question,
    )


def test_a_typed_answer_with_an_arrow_is_written_without_equals_so_it_stays_a_short_answer(
    tmp_path: Path,
) -> None:
    # Moodle's readquestion (qformat_gift) takes an answer block holding both "=" and "->"
    # for a matching question, before it looks for a short answer, and no GIFT escape hides
    # "->"; a single answer without "=" is a short answer worth 100 %.
    pack = _one_question_pack(
        tmp_path,
        "  - {id: arrow, type: typed, prompt: Reaction?, answer: '2H2 + O2 -> 2H2O',"
        " explain: 'Water = H2O'}\n",
    )
    gift = write_gift(pack)
    assert "::arrow::[plain]Reaction?{\n\t2H2 + O2 -> 2H2O\n\t####Water \\= H2O\n}" in gift
    read = read_gift(gift)
    assert not read.skipped
    assert dict(read.questions[0].fields) == {
        "type": "typed",
        "prompt": "Reaction?",
        "title_hint": "arrow",
        "answer": "2H2 + O2 -> 2H2O",
        "explain": "Water = H2O",
    }


def test_accepted_answers_moodle_cannot_take_beside_an_arrow_are_named_in_a_comment(
    tmp_path: Path,
) -> None:
    pack = _one_question_pack(
        tmp_path,
        "  - {id: main, type: typed, prompt: P, answer: 'a -> b', accept: [ab, 'a→b']}\n"
        "  - {id: other, type: typed, prompt: Q, answer: water, accept: [H2O, 'H2 -> H2O']}\n",
    )
    lines = write_gift(pack).splitlines()
    main = lines.index("::main::[plain]P{")
    assert lines[main - 1] == (
        '// Left out, the accepted answers "ab", "a→b": Moodle reads an answer block holding '
        'both "=" and "->" as a matching question.'
    )
    assert lines[main + 1 : main + 3] == ["\ta -> b", "}"]
    other = lines.index("::other::[plain]Q{")
    assert lines[other - 1] == (
        '// Left out, the accepted answer "H2 -> H2O": Moodle reads an answer block holding '
        'both "=" and "->" as a matching question.'
    )
    assert lines[other + 1 : other + 4] == ["\t=water", "\t=H2O", "}"]
    back = [dict(q.fields) for q in read_gift("\n".join(lines)).questions]
    assert [(f["answer"], f.get("accept")) for f in back] == [("a -> b", None), ("water", ["H2O"])]


def test_a_star_in_a_typed_answer_is_written_as_moodles_literal_star(tmp_path: Path) -> None:
    # Moodle's short answer reads "*" as "any characters" and "\*" as a star (MDL-31981);
    # "\*" is no GIFT escape, so Moodle's importer keeps it as written.
    pack = _one_question_pack(
        tmp_path,
        "  - {id: star, type: typed, prompt: '2*3 in code?', answer: '2*3', accept: ['a\\*b']}\n"
        "  - {id: pick, type: choice, prompt: P, choices: ['*', b], answer: '*'}\n",
    )
    gift = write_gift(pack)
    assert "::star::[plain]2*3 in code?{\n\t=2\\*3\n\t=a\\\\\\*b\n}" in gift
    assert "\t=*\n\t~b\n" in gift  # a choice is no short answer: no wildcard there
    back = [dict(q.fields) for q in read_gift(gift).questions]
    assert (back[0]["answer"], back[0]["accept"]) == ("2*3", ["a\\*b"])
    assert back[1]["answer"] == "*"


def test_an_accepted_number_equal_to_the_answer_is_not_written_twice(tmp_path: Path) -> None:
    pack = _one_question_pack(
        tmp_path,
        "  - {id: neg, type: number, prompt: Minus forty, answer: '-40',"
        " accept: ['-40.0', '-39', '-39.00']}\n",
    )
    gift = write_gift(pack)
    assert "::neg::[plain]Minus forty{#\n\t=-40\n\t=-39\n}" in gift
    assert read_gift(gift).questions[0].fields["accept"] == ["-39"]


def test_a_choice_order_that_matters_is_said_in_a_comment_and_read_back(tmp_path: Path) -> None:
    pack = _one_question_pack(
        tmp_path,
        "  - {id: kept, type: choice, prompt: P, choices: [a, b, All of these], answer: b,"
        " shuffle: false}\n"
        "  - {id: dealt, type: choice, prompt: Q, choices: [a, b], answer: b}\n",
    )
    lines = write_gift(pack).splitlines()
    kept = lines.index("::kept::[plain]P{")
    assert lines[kept - 1] == (
        '// Keep the choices in this order: in Moodle, untick "Shuffle the choices?" for '
        "this question (GIFT cannot say so)."
    )
    assert lines[lines.index("::dealt::[plain]Q{") - 1] == ""
    back = [dict(q.fields) for q in read_gift("\n".join(lines)).questions]
    assert back[0]["shuffle"] is False
    assert "shuffle" not in back[1]


def test_every_tag_is_a_moodle_tag_and_the_first_one_the_category(tmp_path: Path) -> None:
    # Moodle reads "// [tag:...]" comments in a question's block as its tags
    # (qformat_gift::extract_idnumber_and_tags_from_comment) and writes them so itself.
    pack = _one_question_pack(
        tmp_path,
        "  - {id: q, type: truefalse, prompt: P, answer: true,"
        " tags: [Maths, 'cat/with:colon', 'a]b', '<b>old</b>']}\n",
    )
    lines = write_gift(pack).splitlines()
    question = lines.index("::q::[plain]P{TRUE}")
    assert lines[question - 6 : question] == [
        "$CATEGORY: Maths",
        "",
        "// [tag:Maths]",
        "// [tag:cat/with:colon]",
        "// [tag:a\\]b]",
        "// [tag:bold/b]",
    ]
    read = read_gift("\n".join(lines))
    assert read.questions[0].fields["tags"] == ["Maths", "cat/with:colon", "a]b", "bold/b"]


_ANSWER = st.text(alphabet=st.sampled_from(list("ab1 *->\\~=#{}:%[]T")), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(answer=_ANSWER, accept=st.lists(_ANSWER, max_size=3))
def test_any_typed_answer_comes_back_as_written_or_is_named_as_left_out(
    answer: str, accept: list[str]
) -> None:
    answer = " ".join(answer.split())
    accept = [" ".join(text.split()) for text in accept]
    accept = [text for text in dict.fromkeys(accept) if text and text != answer]
    if not answer:
        return
    question = {"id": "q", "type": "typed", "prompt": "P", "answer": answer, "accept": accept}
    pack = Pack.model_validate(
        {
            "clarity": 1,
            "id": "p",
            "title": "T",
            "description": "D",
            "rounds": [{"image": "m.png", "answer": "x"}],
            "questions": [question],
        }
    )
    gift = write_gift(pack)
    read = read_gift(gift)
    assert not read.skipped, gift
    assert not read.notes, gift
    fields = read.questions[0].fields
    assert (fields["type"], fields["answer"]) == ("typed", answer), gift
    # only what Moodle cannot take beside an arrow is left out, and the file says so
    kept = [] if "->" in answer else [text for text in accept if "->" not in text]
    assert fields.get("accept", []) == kept, gift
    if len(kept) < len(accept):
        assert "// Left out, the accepted answer" in gift
