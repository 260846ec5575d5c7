"""Loading a pack file: every mistake a teacher can make is one exact file:line:col line."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from clarity.core.packs.loader import (
    LoadedPack,
    PackLimits,
    Problem,
    discover_packs,
    load_pack,
)
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion

from ..image_bytes import gif_bytes, jpeg_bytes, png_bytes, webp_lossless_bytes

# Line numbers matter in these tests: the comment at the end of a line is its number.
VALID = """\
clarity: 1
id: union-state
title: The Union State
description: A map quiz.
rounds:
  - image: union_state/map.png
    answer: The Union State
    accept: [union state]
    grid: 1x2
questions:
  - id: q1
    type: choice
    prompt: Which city is the capital?
    choices: [Minsk, Moscow]
    answer: Minsk
  - id: q2
    type: truefalse
    prompt: Is it a union?
    answer: true
  - id: q3
    type: typed
    prompt: Say no.
    answer: No
"""


def load_text(
    pack_dir: Path, assets: Path, text: str | bytes, limits: PackLimits | None = None
) -> LoadedPack:
    path = pack_dir / "pack.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return load_pack(path, assets_dir=assets, limits=limits or PackLimits())


Problems = Callable[[str | bytes], list[str]]


def lines(loaded: LoadedPack) -> list[str]:
    """The problems as printed, with the folder left off for short assertions."""
    return [str(p).removeprefix(f"{loaded.path.parent}{os.sep}") for p in loaded.problems]


def replace(old: str, new: str, text: str = VALID) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- a valid pack -------------------------------------------------------------------------


def test_valid_pack_loads_with_no_problems(pack_dir: Path, assets: Path) -> None:
    loaded = load_text(pack_dir, assets, VALID)
    assert loaded.problems == ()
    assert loaded.ok
    assert loaded.pack is not None
    assert (loaded.id, loaded.title) == ("union-state", "The Union State")
    assert loaded.first_error is None
    assert loaded.sha256 == hashlib.sha256(VALID.encode()).hexdigest()
    assert dict(loaded.images) == {
        "union_state/map.png": (pack_dir / "union_state" / "map.png").resolve()
    }
    assert loaded.images["union_state/map.png"].is_absolute()


def test_question_types_become_their_models(pack_dir: Path, assets: Path) -> None:
    pack = load_text(pack_dir, assets, VALID).pack
    assert pack is not None
    kinds = [type(q) for q in pack.questions]
    assert kinds == [ChoiceQuestion, TrueFalseQuestion, TypedQuestion]
    assert pack.questions[1].answer is True


# --- every scalar stays the text written ----------------------------------------------------


def test_scalars_stay_text_exactly_as_written(pack_dir: Path, assets: Path) -> None:
    # YAML 1.1 would make these False, 7, 3.1, True, None and a date.
    text = replace("    answer: No\n", "    answer: No\n    accept: [007, 3.10, yes, 2024-01-02]\n")
    text += (
        "  - type: typed\n    prompt: 3.10\n    answer: 007\n"
        "  - type: choice\n    prompt: Pick\n    choices: [yes, no, off]\n    answer: off\n"
    )
    pack = load_text(pack_dir, assets, text).pack
    assert pack is not None
    typed = pack.questions[2]
    assert isinstance(typed, TypedQuestion)
    assert typed.answer == "No"
    assert typed.accept == ("007", "3.10", "yes", "2024-01-02")
    assert (pack.questions[3].prompt, pack.questions[3].answer) == ("3.10", "007")
    assert pack.questions[4].choices == ("yes", "no", "off")
    assert pack.questions[4].answer == "off"


def test_numbers_and_booleans_are_read_where_the_format_wants_them(
    pack_dir: Path, assets: Path
) -> None:
    text = replace("clarity: 1\n", "clarity: 1\ntime_limit: 20\n")
    text = replace("    answer: true\n", "    answer: yes\n", text)
    text = replace("title: The Union State", "title: 1984", text)
    pack = load_text(pack_dir, assets, text).pack
    assert pack is not None
    assert pack.clarity == 1
    assert pack.time_limit == 20
    assert pack.questions[1].answer is True
    assert pack.title == "1984"


def test_quoted_empty_text_is_text_but_a_plain_empty_value_is_nothing(problems: Problems) -> None:
    text = VALID + "  - type: typed\n    prompt: ''\n    answer:\n"
    assert problems(text) == [
        "pack.yaml:25:13: questions[3].prompt: should not be empty",
        "pack.yaml:26:12: questions[3].answer: is empty; write a value here",
    ]


def test_str_tag_is_allowed_because_it_changes_nothing(pack_dir: Path, assets: Path) -> None:
    pack = load_text(pack_dir, assets, replace("answer: No", "answer: !!str 007")).pack
    assert pack is not None
    assert pack.questions[2].answer == "007"


# --- the file itself ----------------------------------------------------------------------


def test_broken_yaml_names_the_place(problems: Problems) -> None:
    text = replace("prompt: Say no.", "prompt: Say: no.")
    assert problems(text) == [
        'pack.yaml:22:16: the YAML cannot be read: the text holds ": " (a colon and a space), '
        'which YAML reads as a new field; put the whole text in quotes: prompt: "Say: no."'
    ]


def test_unclosed_quote_is_reported_where_it_opens(problems: Problems) -> None:
    text = replace("prompt: Say no.", 'prompt: "Say no.')
    assert problems(text) == [
        'pack.yaml:22:13: the YAML cannot be read: the quote " that opens this text is never '
        'closed; end the text with " (to use " inside the text, put the text in single quotes '
        "instead)"
    ]


def test_tab_indentation_is_explained(problems: Problems) -> None:
    text = replace("  - id: q3\n", "\t- id: q3\n")
    (line,) = problems(text)
    assert line.startswith("pack.yaml:20:1: the YAML cannot be read: ")
    assert "tab" in line


def test_file_that_is_not_utf8_names_the_line_and_byte(problems: Problems) -> None:
    data = VALID.replace("A map quiz.", "A caf\xe9 quiz.").encode("latin-1")
    assert problems(data) == [
        "pack.yaml:4:19: the file is not UTF-8 text: line 4, byte 19 (0xE9) cannot be "
        "read; save the file as UTF-8"
    ]


def test_utf16_file_is_recognised(problems: Problems) -> None:
    data = VALID.encode("utf-16")
    assert problems(data) == [
        "pack.yaml:1:1: the file is saved as UTF-16; save it as UTF-8 instead"
    ]


def test_utf8_byte_order_mark_is_fine(pack_dir: Path, assets: Path) -> None:
    assert load_text(pack_dir, assets, b"\xef\xbb\xbf" + VALID.encode()).ok


def test_columns_count_characters_not_bytes(problems: Problems) -> None:
    # Ü and ö are two bytes each in UTF-8; an editor counts them as one column.
    text = replace("  - id: q3\n", "  - {prompt: Über, answer: ö, type: typed, id: É}\n")
    text = text.split("    type: typed\n")[0]
    assert problems(text) == [
        'pack.yaml:20:48: questions[2].id: should be a lowercase slug like "union-state": '
        "letters a-z, digits and single hyphens"
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_file_is_an_error(problems: Problems, text: str) -> None:
    assert problems(text) == [
        'pack.yaml:1:1: the file is empty; a pack starts with the line "clarity: 1"'
    ]


@pytest.mark.parametrize(
    ("text", "kind"), [("- a\n- b\n", "a list"), ("just some words\n", "a single value")]
)
def test_file_that_is_not_a_mapping_is_an_error(problems: Problems, text: str, kind: str) -> None:
    assert problems(text) == [
        'pack.yaml:1:1: the file should hold "field: value" lines (clarity:, id:, title: ...), '
        f"but it holds {kind}"
    ]


def test_second_document_is_an_error(problems: Problems) -> None:
    assert problems(VALID + "---\nid: other\n") == [
        'pack.yaml:24:1: the file holds a second YAML document (after "---"); '
        "a pack is one document"
    ]


def test_folder_instead_of_file_is_an_error(pack_dir: Path, assets: Path) -> None:
    loaded = load_pack(pack_dir, assets_dir=assets)
    assert [str(p) for p in loaded.problems] == [
        f"{pack_dir}:1:1: this is a folder, not a pack file"
    ]
    assert loaded.sha256 == ""


def test_missing_file_is_an_error(tmp_path: Path, assets: Path) -> None:
    loaded = load_pack(tmp_path / "nope.yaml", assets_dir=assets)
    assert not loaded.ok
    assert loaded.first_error == f"{tmp_path / 'nope.yaml'}:1:1: cannot read the file: " + (
        "No such file or directory"
    )
    assert (loaded.id, loaded.title) == ("nope", "nope")


# --- caps ---------------------------------------------------------------------------------


def test_file_over_the_size_cap_is_refused_naming_the_cap(pack_dir: Path, assets: Path) -> None:
    loaded = load_text(pack_dir, assets, VALID, PackLimits(max_bytes=100))
    assert lines(loaded) == [
        f"pack.yaml:1:1: the file is {len(VALID)} bytes; a pack file can be at most 100 bytes"
    ]


def test_default_size_cap_is_8_mib(problems: Problems) -> None:
    big = VALID + "# " + "x" * (8 * 1024 * 1024) + "\n"
    size = len(big.encode())
    assert problems(big) == [
        f"pack.yaml:1:1: the file is {size:,} bytes; a pack file can be at most "
        "8 MiB (8,388,608 bytes)"
    ]


def test_file_far_over_the_cap_is_not_read(pack_dir: Path, assets: Path) -> None:
    path = pack_dir / "huge.yaml"
    with path.open("wb") as stream:
        stream.truncate(3 * 1024 * 1024 * 1024)  # sparse: 3 GiB on paper, nothing on disk
    loaded = load_pack(path, assets_dir=assets)
    assert [str(p) for p in loaded.problems] == [
        f"{path}:1:1: the file is 3 GiB; a pack file can be at most 8 MiB"
    ]


def test_too_many_questions_are_refused_naming_the_cap(pack_dir: Path, assets: Path) -> None:
    loaded = load_text(pack_dir, assets, VALID, PackLimits(max_questions=2))
    assert lines(loaded) == [
        "pack.yaml:10:1: questions: the pack has 3 questions; a pack can hold at most 2"
    ]


@pytest.mark.parametrize("depth", [100, 5000])
def test_absurd_nesting_is_an_error_not_a_crash(problems: Problems, depth: int) -> None:
    # 100 passes libyaml and meets our own cap; 5000 meets libyaml's.
    text = VALID + "extra: " + "[" * depth + "]" * depth + "\n"
    (line,) = problems(text)
    assert line.startswith("pack.yaml:24:")
    assert "nest far too deep" in line


# --- YAML features a pack may not use -----------------------------------------------------


def test_anchors_and_aliases_are_refused_with_positions(problems: Problems) -> None:
    text = replace("    prompt: Say no.\n", "    prompt: &p Say no.\n    explain: *p\n")
    assert problems(text) == [
        'pack.yaml:22:13: questions[2].prompt: anchors ("&p") are not allowed in a pack; '
        "write every value out in full",
        'pack.yaml:23:14: questions[2].explain: aliases ("*p") are not allowed in a pack; '
        "write the value out in full",
    ]


def test_merge_keys_through_aliases_are_refused(problems: Problems) -> None:
    text = VALID + "  - <<: *base\n    prompt: x\n"
    text = replace("  - id: q1\n", "  - &base\n    id: q1\n", text)
    # Merging is not supported, so the merged question really has no type; the "<<" key
    # is not reported a second time as an unknown field.
    assert problems(text) == [
        'pack.yaml:11:5: questions[0]: anchors ("&base") are not allowed in a pack; '
        "write every value out in full",
        "pack.yaml:25:5: questions[3].type: is missing; say which kind of question this is: "
        "choice, truefalse, typed or number",
        'pack.yaml:25:9: questions[3].<<: aliases ("*base") are not allowed in a pack; '
        "write the value out in full",
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/object/apply:os.system [echo hacked]", "!!python/object/apply:os.system"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!!binary aGk=", "!!binary"),
        # "!custom thing" is text that starts with "!": see test_yaml_slips.py
        ("!!int 7", "!!int"),
    ],
)
def test_tags_are_refused_and_build_nothing(
    pack_dir: Path, assets: Path, value: str, shown: str
) -> None:
    loaded = load_text(pack_dir, assets, replace("answer: No", f"answer: {value}"))
    assert lines(loaded) == [
        f'pack.yaml:23:13: questions[2].answer: tags such as "{shown}" are not allowed in a '
        "pack; write a plain value"
    ]
    assert loaded.pack is None


def test_duplicate_keys_are_errors(problems: Problems) -> None:
    text = replace("    answer: No\n", "    answer: No\n    answer: Yes\n")
    assert problems(text) == [
        "pack.yaml:24:5: questions[2].answer: is given twice in the same place "
        "(first on line 23); keep one"
    ]


def test_keys_must_be_plain_text(problems: Problems) -> None:
    text = VALID + "? [a, b]\n: c\n"
    assert problems(text) == ["pack.yaml:24:3: a field name should be plain text"]


# --- the format ---------------------------------------------------------------------------


def test_unknown_format_version_is_the_only_problem(problems: Problems) -> None:
    text = replace("clarity: 1", "clarity: 2") + "colour: blue\n"
    assert problems(text) == [
        "pack.yaml:1:10: clarity: format version 2 is not known; this game reads version 1"
    ]


def test_missing_format_version_is_an_error(problems: Problems) -> None:
    assert problems(replace("clarity: 1\n", "")) == [
        'pack.yaml:1:1: clarity: is missing; the file should start with "clarity: 1"'
    ]


def test_format_version_that_is_not_a_number(problems: Problems) -> None:
    assert problems(replace("clarity: 1", "clarity: one")) == [
        'pack.yaml:1:10: clarity: should be the format version, a number: write "clarity: 1"'
    ]


def test_answer_not_among_the_choices(problems: Problems) -> None:
    text = replace("    answer: Minsk\n", "    answer: Paris\n")
    assert problems(text) == [
        'pack.yaml:15:13: questions[0].answer: "Paris" is not one of the choices'
    ]


def test_answer_spelled_almost_like_a_choice_gets_a_hint(problems: Problems) -> None:
    text = replace("    answer: Minsk\n", "    answer: minsk\n")
    assert problems(text) == [
        'pack.yaml:15:13: questions[0].answer: "minsk" is not one of the choices; '
        'did you mean "Minsk"?'
    ]


def test_choice_question_with_fewer_than_two_choices(problems: Problems) -> None:
    text = replace("choices: [Minsk, Moscow]", "choices: [Minsk]")
    assert problems(text) == [
        "pack.yaml:14:14: questions[0].choices: a choice question needs at least 2 choices; "
        "this one has 1"
    ]


def test_choice_question_with_more_than_six_choices(problems: Problems) -> None:
    text = replace("choices: [Minsk, Moscow]", "choices: [Minsk, a, b, c, d, e, f]")
    assert problems(text) == [
        "pack.yaml:14:14: questions[0].choices: a choice question has at most 6 choices; "
        "this one has 7"
    ]


def test_duplicate_choice_points_at_the_repeat(problems: Problems) -> None:
    text = replace("choices: [Minsk, Moscow]", "choices: [Minsk, Moscow, minsk]")
    assert problems(text) == [
        'pack.yaml:14:30: questions[0].choices[2]: "minsk" is listed twice (also choices[0])'
    ]


def test_unknown_question_type_lists_the_known_ones(problems: Problems) -> None:
    text = replace("    type: typed\n", "    type: essay\n")
    assert problems(text) == [
        'pack.yaml:21:11: questions[2].type: "essay" is not a question type; '
        "use choice, truefalse, typed or number"
    ]


def test_question_without_type(problems: Problems) -> None:
    text = replace("    type: typed\n", "")
    assert problems(text) == [
        "pack.yaml:20:5: questions[2].type: is missing; say which kind of question this is: "
        "choice, truefalse, typed or number"
    ]


def test_unknown_field_suggests_the_closest_name(problems: Problems) -> None:
    text = replace("    answer: No\n", "    answer: No\n    explian: Because.\n")
    assert problems(text) == [
        "pack.yaml:24:5: questions[2].explian: is not a known field; did you mean `explain`?"
    ]


def test_unknown_field_in_a_round_and_at_the_top(problems: Problems) -> None:
    text = replace("    grid: 1x2\n", "    grid: 1x2\n    Caption: A map.\n")
    text = replace("title:", "titel:", text)
    assert problems(text) == [
        "pack.yaml:1:1: title: is missing",
        "pack.yaml:3:1: titel: is not a known field; did you mean `title`?",
        "pack.yaml:10:5: rounds[0].Caption: is not a known field; did you mean `caption`?",
    ]


def test_unknown_field_without_a_near_name_lists_the_fields(problems: Problems) -> None:
    text = replace("    grid: 1x2\n", "    grid: 1x2\n    zzz: 1\n")
    assert problems(text) == [
        "pack.yaml:10:5: rounds[0].zzz: is not a known field; the fields here are "
        "image, answer, accept, caption, grid"
    ]


def test_field_of_another_question_type_says_where_it_belongs(problems: Problems) -> None:
    text = replace("    answer: true\n", "    answer: true\n    choices: [a, b]\n")
    assert problems(text) == [
        "pack.yaml:20:5: questions[1].choices: is not used in a truefalse question, "
        "only in choice questions"
    ]


@pytest.mark.parametrize("questions", ["questions: []\n", ""])
def test_pack_without_questions(problems: Problems, questions: str) -> None:
    text = VALID.split("questions:\n", maxsplit=1)[0] + questions
    expected = (
        "pack.yaml:10:12: questions: the pack has no questions; add at least one"
        if questions
        else "pack.yaml:1:1: questions: is missing; a pack needs at least one question "
        "under questions:"
    )
    assert problems(text) == [expected]


def test_duplicate_question_ids_are_all_reported(problems: Problems) -> None:
    text = replace("  - id: q2\n", "  - id: q1\n")
    text = replace("  - id: q3\n", "  - id: q1\n", text)
    text = replace("    answer: true\n", "    answer: perhaps\n", text)  # another error
    assert problems(text) == [
        'pack.yaml:16:9: questions[1].id: the id "q1" is already used by questions[0]',
        "pack.yaml:19:13: questions[1].answer: should be true or false",
        'pack.yaml:20:9: questions[2].id: the id "q1" is already used by questions[0]',
    ]


def test_time_limit_out_of_range_in_teacher_words(problems: Problems) -> None:
    text = replace("    answer: No\n", "    answer: No\n    time_limit: 301\n")
    text = replace("clarity: 1\n", "clarity: 1\ntime_limit: soon\n", text)
    assert problems(text) == [
        "pack.yaml:2:13: time_limit: should be a whole number from 5 to 300",
        "pack.yaml:25:17: questions[2].time_limit: should be a whole number from 5 to 300",
    ]


def test_plain_words_for_common_type_mistakes(problems: Problems) -> None:
    text = replace("    accept: [union state]\n", "    accept: union state\n")
    text = replace("id: union-state", "id: Union State", text)
    text = replace("    prompt: Say no.\n", "    prompt: [Say, no]\n", text)
    text = replace("    grid: 1x2\n", "    grid: 4 by 5\n", text)
    text = replace("description: A map quiz.\n", "description:\n", text)
    text += "  - just a line\nlanguage: English\n"
    assert problems(text) == [
        'pack.yaml:2:5: id: should be a lowercase slug like "union-state": letters a-z, '
        "digits and single hyphens",
        "pack.yaml:4:13: description: is empty; write a value here",
        "pack.yaml:8:13: rounds[0].accept: should be a list, for example [union state]",
        'pack.yaml:9:11: rounds[0].grid: "4 by 5" is not a grid; write rows x columns, '
        "for example 4x5",
        "pack.yaml:22:13: questions[2].prompt: should be text, not a list",
        "pack.yaml:24:5: questions[3]: each question should be a group of field lines "
        "(type:, prompt:, answer: ...), not a single value",
        'pack.yaml:25:11: language: should be a language code like "en" or "pt-BR"',
    ]


def test_grid_out_of_range(problems: Problems) -> None:
    text = replace("grid: 1x2", "grid: 21x3")
    assert problems(text) == [
        'pack.yaml:9:11: rounds[0].grid: "21x3" is out of range; rows and columns go from '
        "1 to 20 (1x2 up to 20x20)"
    ]


def test_all_problems_of_a_file_are_reported_in_file_order(problems: Problems) -> None:
    text = replace("    answer: Minsk\n", "    answer: Paris\n")
    text = replace("    answer: true\n", "    answer: maybe\n    difficulty: brutal\n", text)
    text = replace("image: union_state/map.png", "image: union_state/nope.png", text)
    text = replace("    type: typed\n", "    type: essay\n", text)
    problems = problems(text)
    assert [p.split(": ")[0] for p in problems] == [
        "pack.yaml:6:12",
        "pack.yaml:15:13",
        "pack.yaml:19:13",
        "pack.yaml:20:17",
        "pack.yaml:22:11",
    ]
    assert "difficulty: should be easy, medium or hard" in problems[3]


def test_derivative_too_short_noise_is_dropped(
    problems: Problems, pack_dir: Path, assets: Path
) -> None:
    text = replace("    answer: true\n", "    answer: maybe\n")
    assert all("after validation" not in p for p in problems(text))
    assert len(load_text(pack_dir, assets, text).problems) == 1


# --- pictures -----------------------------------------------------------------------------


def with_image(image: str, text: str = VALID) -> str:
    return replace("image: union_state/map.png", f"image: {image}", text)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("map.png", png_bytes(4, 3)),
        ("map.jpg", jpeg_bytes(4, 3)),
        ("map.jpeg", jpeg_bytes(4, 3)),
        ("map.gif", gif_bytes(4, 3)),
        ("map.webp", webp_lossless_bytes(4, 3)),
        ("MAP.PNG", png_bytes(4, 3)),
    ],
)
def test_every_supported_format_is_accepted(
    pack_dir: Path, assets: Path, name: str, data: bytes
) -> None:
    (pack_dir / name).write_bytes(data)
    assert load_text(pack_dir, assets, with_image(name)).problems == ()


def test_missing_image_says_where_it_looked(
    problems: Problems, pack_dir: Path, assets: Path
) -> None:
    assert problems(with_image("union_state/flag.png")) == [
        'pack.yaml:6:12: rounds[0].image: no picture "union_state/flag.png" next to the pack '
        f"({pack_dir}) or in the game's assets ({assets})"
    ]


def test_image_is_found_in_the_assets_when_not_next_to_the_pack(
    pack_dir: Path, assets: Path
) -> None:
    (assets / "maps").mkdir()
    (assets / "maps" / "world.gif").write_bytes(gif_bytes(3, 3))
    loaded = load_text(pack_dir, assets, with_image("maps/world.gif"))
    assert loaded.problems == ()
    assert loaded.images["maps/world.gif"] == (assets / "maps" / "world.gif").resolve()


def test_image_next_to_the_pack_wins_over_the_assets(pack_dir: Path, assets: Path) -> None:
    (assets / "union_state").mkdir()
    (assets / "union_state" / "map.png").write_bytes(png_bytes(2, 2))
    loaded = load_text(pack_dir, assets, VALID)
    assert loaded.images["union_state/map.png"] == (pack_dir / "union_state/map.png").resolve()


def test_question_images_are_checked_too(problems: Problems, pack_dir: Path, assets: Path) -> None:
    text = replace("    prompt: Say no.\n", "    prompt: Say no.\n    image: nope.webp\n")
    assert problems(text) == [
        'pack.yaml:23:12: questions[2].image: no picture "nope.webp" next to the pack '
        f"({pack_dir}) or in the game's assets ({assets})"
    ]


def test_file_name_case_must_match_exactly(problems: Problems) -> None:
    assert problems(with_image("Union_State/Map.PNG")) == [
        'pack.yaml:6:12: rounds[0].image: the file is spelled "union_state/map.png"; '
        "upper and lower case must match exactly "
        "(another computer may tell them apart, as Linux does)"
    ]


def test_absolute_paths_are_refused(problems: Problems, pack_dir: Path) -> None:
    absolute = (pack_dir / "union_state" / "map.png").resolve()
    for written in (str(absolute), "C:/pictures/map.png"):
        assert problems(with_image(written)) == [
            "pack.yaml:6:12: rounds[0].image: should be a path relative to the pack file, "
            "not an absolute path"
        ]


def test_backslashes_get_the_forward_slash_spelling(problems: Problems) -> None:
    assert problems(with_image("union_state\\map.png")) == [
        'pack.yaml:6:12: rounds[0].image: use "/" between folder names, not "\\": '
        '"union_state/map.png"'
    ]


def test_paths_escaping_through_dot_dot_are_refused(problems: Problems, pack_dir: Path) -> None:
    (pack_dir.parent / "secret.png").write_bytes(png_bytes(1, 1))
    for written in ("../secret.png", "union_state/../../secret.png"):
        assert problems(with_image(written)) == [
            "pack.yaml:6:12: rounds[0].image: goes outside the pack's folder (through "
            '".."); keep pictures next to the pack or in a folder beside it'
        ]


def test_dot_dot_that_stays_inside_is_fine(pack_dir: Path, assets: Path) -> None:
    assert load_text(pack_dir, assets, with_image("union_state/../union_state/map.png")).ok


def test_symlink_leading_outside_is_refused(
    problems: Problems, pack_dir: Path, assets: Path
) -> None:
    outside = pack_dir.parent / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(png_bytes(1, 1))
    (pack_dir / "link.png").symlink_to(outside / "secret.png")
    (pack_dir / "linked_folder").symlink_to(outside, target_is_directory=True)
    for written in ("link.png", "linked_folder/secret.png"):
        assert problems(with_image(written)) == [
            "pack.yaml:6:12: rounds[0].image: is a symbolic link to a file outside the "
            "pack's folder and the game's assets"
        ]


def test_symlink_inside_the_pack_folder_is_fine(pack_dir: Path, assets: Path) -> None:
    (pack_dir / "same.png").symlink_to(pack_dir / "union_state" / "map.png")
    loaded = load_text(pack_dir, assets, with_image("same.png"))
    assert loaded.ok
    assert loaded.images["same.png"] == (pack_dir / "union_state" / "map.png").resolve()


def test_dangling_symlink_is_an_error(problems: Problems, pack_dir: Path) -> None:
    (pack_dir / "gone.png").symlink_to(pack_dir / "nothing.png")
    assert problems(with_image("gone.png")) == [
        "pack.yaml:6:12: rounds[0].image: is a link to a file that does not exist"
    ]


def test_only_png_jpeg_gif_and_webp_are_allowed(problems: Problems, pack_dir: Path) -> None:
    (pack_dir / "map.bmp").write_bytes(b"BM")
    assert problems(with_image("map.bmp")) == [
        "pack.yaml:6:12: rounds[0].image: should be a PNG, JPEG, GIF or WebP picture "
        "(.png, .jpg, .jpeg, .gif or .webp)"
    ]


def test_image_over_the_size_cap_names_the_cap(problems: Problems, pack_dir: Path) -> None:
    (pack_dir / "wide.png").write_bytes(png_bytes(4097, 1))
    assert problems(with_image("wide.png")) == [
        "pack.yaml:6:12: rounds[0].image: the picture is 4097x1 pixels; the largest allowed "
        "is 4096x4096, so scale it down"
    ]


def test_image_cap_follows_the_limits(pack_dir: Path, assets: Path) -> None:
    loaded = load_text(pack_dir, assets, VALID, PackLimits(max_image_side=7))
    assert lines(loaded) == [
        "pack.yaml:6:12: rounds[0].image: the picture is 8x6 pixels; the largest allowed "
        "is 7x7, so scale it down"
    ]


def test_image_whose_content_is_another_format(problems: Problems, pack_dir: Path) -> None:
    (pack_dir / "map.jpg").write_bytes(png_bytes(2, 2))
    assert problems(with_image("map.jpg")) == [
        "pack.yaml:6:12: rounds[0].image: the file is named .jpg but holds a PNG image; "
        "rename it or save it as JPEG"
    ]


def test_image_whose_content_is_no_image(problems: Problems, pack_dir: Path) -> None:
    (pack_dir / "map.png").write_text("<html>not found</html>")
    assert problems(with_image("map.png")) == [
        "pack.yaml:6:12: rounds[0].image: the file is not a PNG, JPEG, GIF or WebP image "
        "(the name ends in .png)"
    ]


def test_folder_named_like_an_image(problems: Problems, pack_dir: Path) -> None:
    (pack_dir / "folder.png").mkdir()
    assert problems(with_image("folder.png")) == [
        "pack.yaml:6:12: rounds[0].image: is a folder, not a picture"
    ]


def test_the_same_image_twice_is_checked_once_and_reported_at_each_use(problems: Problems) -> None:
    text = with_image("nope.png")
    text = replace("    prompt: Say no.\n", "    prompt: Say no.\n    image: nope.png\n", text)
    problems = problems(text)
    assert [p.split(": ")[1] for p in problems] == ["rounds[0].image", "questions[2].image"]


# --- the grid warning ---------------------------------------------------------------------


def test_grid_with_more_tiles_than_questions_is_a_warning(pack_dir: Path, assets: Path) -> None:
    loaded = load_text(pack_dir, assets, replace("grid: 1x2", "grid: 2x3"))
    assert lines(loaded) == [
        "pack.yaml:9:11: warning: rounds[0].grid: the 2x3 grid has 6 tiles but the pack has "
        "only 3 questions, so the questions run out before every tile is uncovered"
    ]
    assert loaded.ok
    assert loaded.pack is not None
    assert loaded.errors == ()
    assert len(loaded.warnings) == 1


def test_default_grid_is_counted_too(pack_dir: Path, assets: Path) -> None:
    loaded = load_text(pack_dir, assets, replace("    grid: 1x2\n", ""))
    assert lines(loaded) == [
        "pack.yaml:6:5: warning: rounds[0].grid: the 4x5 grid has 20 tiles but the pack has "
        "only 3 questions, so the questions run out before every tile is uncovered"
    ]


# --- the Problem and LoadedPack values ----------------------------------------------------


def test_problem_prints_in_gnu_style() -> None:
    error = Problem(Path("questions/my_pack.yaml"), 42, 15, "questions[7].answer", "x", "error")
    warning = Problem(Path("p.yaml"), 1, 2, "rounds[0].grid", "y", "warning")
    whole = Problem(Path("p.yaml"), 1, 1, "", "the file is empty", "error")
    assert str(error) == "questions/my_pack.yaml:42:15: questions[7].answer: x"
    assert str(warning) == "p.yaml:1:2: warning: rounds[0].grid: y"
    assert str(whole) == "p.yaml:1:1: the file is empty"


def test_broken_pack_has_no_pack_and_falls_back_to_the_file_name(
    pack_dir: Path, assets: Path
) -> None:
    loaded = load_text(pack_dir, assets, with_image("nope.png"))
    assert loaded.pack is None  # the models passed, but a pack with a missing picture is unusable
    assert not loaded.ok
    assert (loaded.id, loaded.title) == ("pack", "pack")
    assert loaded.first_error is not None
    assert loaded.first_error.endswith("rounds[0].image: " + loaded.errors[0].message)


# --- several packs ------------------------------------------------------------------------


def write_pack(folder: Path, name: str, pack_id: str, title: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "map.png").write_bytes(png_bytes(2, 2))
    path = folder / name
    text = replace("id: union-state", f"id: {pack_id}")
    text = replace("title: The Union State", f"title: {title}", text)
    path.write_text(with_image("map.png", text), encoding="utf-8")
    return path


def test_discovered_packs_are_sorted_by_title(tmp_path: Path, assets: Path) -> None:
    folder = tmp_path / "packs"
    write_pack(folder, "a.yaml", "zebra", "Zebras")
    write_pack(folder, "b.yml", "ants", "ants and more")
    write_pack(folder, "c.yaml", "birds", "Birds")
    (folder / "notes.txt").write_text("not a pack")
    (folder / ".#a.yaml").write_text("an editor's lock file")
    loaded = discover_packs([folder, tmp_path / "missing"], assets_dir=assets)
    assert [p.title for p in loaded] == ["ants and more", "Birds", "Zebras"]
    assert all(p.ok for p in loaded)


def test_id_taken_by_an_earlier_folder_is_an_error(tmp_path: Path, assets: Path) -> None:
    bundled = write_pack(tmp_path / "bundled", "union.yaml", "union-state", "The Union State")
    copy = write_pack(tmp_path / "mine", "copy.yaml", "union-state", "My Union State")
    loaded = discover_packs([tmp_path / "bundled", tmp_path / "mine"], assets_dir=assets)
    by_path = {p.path: p for p in loaded}
    assert by_path[bundled].ok
    assert [str(p) for p in by_path[copy].problems] == [
        f'{copy}:2:5: id: "union-state" is already used by {bundled}'
    ]
    assert by_path[copy].pack is None


def test_broken_pack_never_stops_the_others(tmp_path: Path, assets: Path) -> None:
    folder = tmp_path / "packs"
    write_pack(folder, "good.yaml", "good", "Good")
    (folder / "bad.yaml").write_bytes(b"\x00\xff garbage")
    (folder / "worse.yaml").write_text("clarity: [")
    loaded = discover_packs([folder], assets_dir=assets)
    assert sorted((p.path.name, p.ok) for p in loaded) == [
        ("bad.yaml", False),
        ("good.yaml", True),
        ("worse.yaml", False),
    ]


# --- characters no font can draw ------------------------------------------------------------


def test_loading_with_the_fonts_of_this_computer_warns_about_characters_none_draws(
    pack_dir: Path, assets: Path
) -> None:
    path = pack_dir / "pack.yaml"
    path.write_text(replace("Which city is the capital?", "Which city is 首都?"), encoding="utf-8")

    loaded = load_pack(path, assets_dir=assets, can_draw=str.isascii)

    assert loaded.ok, "a character no font draws is a warning: the pack still plays"
    [warning] = [str(p) for p in loaded.warnings]
    assert warning.startswith(f"{path}:13:13: warning: questions[0].prompt: ")
    assert "U+9996" in warning
    assert "U+90FD" in warning


def test_loading_without_fonts_to_ask_checks_no_characters(pack_dir: Path, assets: Path) -> None:
    path = pack_dir / "pack.yaml"
    path.write_text(replace("Which city is the capital?", "Which city is 首都?"), encoding="utf-8")

    assert load_pack(path, assets_dir=assets).problems == ()


# --- a field that takes one text or a list of texts -----------------------------------------


def test_a_too_long_right_answer_is_one_problem_in_a_teachers_words(problems: Problems) -> None:
    long = "M" * 201
    text = replace("choices: [Minsk, Moscow]", f"choices: [{long}, Moscow]")
    text = replace("    answer: Minsk", f"    answer: {long}", text)
    assert [p for p in problems(text) if "answer" in p] == [
        "pack.yaml:15:13: questions[0].answer: is too long (201 characters); at most 200"
    ]


def test_a_list_inside_the_list_of_right_answers_is_placed_on_its_item(
    problems: Problems,
) -> None:
    text = replace("    answer: Minsk", "    answer: [[Minsk], Moscow]")
    assert problems(text) == ["pack.yaml:15:14: questions[0].answer[0]: should be text, not a list"]
