"""The pack writer: YAML a teacher can edit, read back by the game's loader exactly and
without a warning, whatever the texts hold."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clarity.core.packs.loader import load_pack
from clarity.formats.pack_files import new_pack_text, write_schema
from clarity.formats.pack_yaml import SCHEMA_LINE, clean_text, pack_yaml
from clarity.resources import bundled_assets_dir

# Texts that mean something to YAML when written plainly.
TRICKY = [
    "a #b",
    "key: value",
    "[1, 2]",
    "{a: 1}",
    "- item",
    "? what",
    ": colon",
    "ends with:",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "null",
    "~",
    "true",
    "007",
    "1e3",
    "3.5",
    "-40",
    ".inf",
    "0x1F",
    "1_000",
    "12:30",
    "2024-01-02",
    "'single'",
    '"double"',
    "it's",
    "%percent",
    "@at",
    "`tick",
    "!bang",
    "&anchor",
    "*alias",
    "|pipe",
    ">fold",
    "C:\\new\\table.txt",
    "Столица Беларуси — Минск?",
    "Ці ведаеце вы, дзе Ўзда?",
    "🦊 fox and 👩🏽‍🔬",
    "a\u00a0b",
    "=",
    "<<",
]


def a_pack(questions: list[dict[str, object]], **head: object) -> dict[str, object]:
    return {
        "clarity": 1,
        "id": "written",
        "title": "Written",
        "description": "A written pack.",
        "language": "en",
        **head,
        "rounds": [{"image": "union_state/belarus.png", "answer": "Belarus", "grid": "1x2"}],
        "questions": questions,
    }


def loaded_back(tmp_path: Path, data: dict[str, object]) -> object:
    path = tmp_path / "pack.yaml"
    path.write_text(pack_yaml(data), encoding="utf-8")
    return load_pack(path, assets_dir=bundled_assets_dir())


@pytest.mark.parametrize("text", TRICKY)
def test_every_tricky_text_reads_back_as_written_without_warnings(
    tmp_path: Path, text: str
) -> None:
    questions: list[dict[str, object]] = [
        {"type": "typed", "prompt": text, "answer": text, "explain": text, "tags": [text]},
        {"type": "choice", "prompt": "Which?", "choices": [text, "other"], "answer": [text]},
    ]
    loaded = loaded_back(tmp_path, a_pack(questions, title=text))
    assert loaded.problems == ()
    pack = loaded.pack
    assert pack.title == text
    typed, choice = pack.questions
    assert (typed.prompt, typed.answer, typed.explain, typed.tags) == (text, text, text, (text,))
    assert choice.choices == (text, "other")
    assert choice.answer == text  # a list of one right choice is that choice


def test_plain_words_stay_plain_and_the_rest_is_single_quoted() -> None:
    text = pack_yaml(a_pack([{"type": "typed", "prompt": "Say no", "answer": "no"}]))
    assert "    prompt: Say no\n" in text
    assert "    answer: 'no'\n" in text
    assert '"' not in text  # never double quotes, whose escapes the loader warns about


def test_text_of_several_lines_is_a_literal_block(tmp_path: Path) -> None:
    prompt = "First line\n\n  indented: with #hash\nlast"
    data = a_pack(
        [
            {"type": "typed", "prompt": prompt, "answer": "x", "accept": ["a\nb"]},
            {"type": "truefalse", "prompt": "Two questions for two tiles.", "answer": True},
        ]
    )
    assert "prompt: |-\n      First line\n\n        indented: with #hash\n      last\n" in (
        pack_yaml(data)
    )
    loaded = loaded_back(tmp_path, data)
    assert loaded.problems == ()
    assert loaded.pack.questions[0].prompt == prompt
    assert loaded.pack.questions[0].accept == ("a\nb",)


def test_what_yaml_cannot_hold_is_cleaned_first(tmp_path: Path) -> None:
    assert clean_text("a\tb\x07c\r\nd\u2028e  \nf\ufeff ") == "a bc\nd\ne\nf"
    data = a_pack(
        [
            {"type": "typed", "prompt": "tab\there\x00", "answer": "x\x1b"},
            {"type": "truefalse", "prompt": "Two questions for two tiles.", "answer": True},
        ]
    )
    loaded = loaded_back(tmp_path, data)
    assert loaded.problems == ()
    assert (loaded.pack.questions[0].prompt, loaded.pack.questions[0].answer) == ("tab here", "x")


def test_every_question_type_and_the_pack_head_come_back(tmp_path: Path) -> None:
    questions: list[dict[str, object]] = [
        {
            "id": "c",
            "type": "choice",
            "prompt": "2+2?",
            "choices": ["3", "4"],
            "answer": "4",
            "shuffle": False,
            "time_limit": 20,
            "difficulty": "easy",
        },
        {"id": "tf", "type": "truefalse", "prompt": "Ice is cold.", "answer": True},
        {"id": "tf2", "type": "truefalse", "prompt": "Fire is cold.", "answer": False},
        {
            "id": "n",
            "type": "number",
            "prompt": "Year?",
            "answer": "1999",
            "tolerance": "1",
            "accept": ["2000"],
        },
        {"id": "r", "type": "number", "prompt": "1 to 5?", "answer": "3", "min": "1", "max": "5"},
        {"id": "t", "type": "typed", "prompt": "Capital?", "answer": "Minsk", "accept": []},
    ]
    data = a_pack(questions, author="Me: a teacher", time_limit=30)
    text = pack_yaml(data, comment="Imported from quiz.gift\non 1 December")
    assert text.startswith(f"{SCHEMA_LINE}\n# Imported from quiz.gift\n# on 1 December\n")
    assert yaml.safe_load(text)["questions"][1]["answer"] is True
    loaded = loaded_back(tmp_path, data)
    assert loaded.problems == ()
    pack = loaded.pack
    assert (pack.author, pack.time_limit) == ("Me: a teacher", 30)
    choice, true, false, number, ranged, typed = pack.questions
    assert (choice.shuffle, choice.time_limit, choice.difficulty) == (False, 20, "easy")
    assert (true.answer, false.answer) == (True, False)
    assert (number.answer, number.tolerance, number.accept) == ("1999", "1", ("2000",))
    assert (ranged.min, ranged.max) == ("1", "5")
    assert typed.accept == ()


def test_a_value_that_is_not_plain_data_is_a_bug_of_the_caller() -> None:
    with pytest.raises(TypeError):
        pack_yaml(a_pack([{"type": "typed", "prompt": object(), "answer": "x"}]))


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_a_new_pack_validates_with_every_question_type(tmp_path: Path, language: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(new_pack_text("mine", "My: pack #1", language), encoding="utf-8")
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    assert loaded.problems == ()
    pack = loaded.pack
    assert (pack.id, pack.title, pack.language) == ("mine", "My: pack #1", language)
    kinds = {question.type for question in pack.questions}
    assert kinds == {"choice", "truefalse", "typed", "number"}
    assert any(len(q.right_answers) > 1 for q in pack.questions if q.type == "choice")
    assert path.read_text(encoding="utf-8").startswith(SCHEMA_LINE)


def test_the_schema_written_is_the_repositorys(tmp_path: Path) -> None:
    target = tmp_path / "pack.schema.json"
    write_schema(target)
    committed = Path(__file__).resolve().parents[2] / "schema" / "pack.schema.json"
    assert target.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
