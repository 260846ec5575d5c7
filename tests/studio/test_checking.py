"""A document's problems on its fields are exactly what ``clarity validate`` says of the same
data in a file, by the same code: every bundled pack, every shared case pack and a set of
hand-broken packs are loaded by the real loader and opened and checked as the studio does,
and the problems compared; each item checked alone gives that item's problems."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.picture_decoding import PictureChecks
from clarity.core.packs.report import ENGLISH, Problem
from clarity.i18n import Translator
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.studio.checking import FieldProblem, check_document, check_item, field_problems
from clarity.studio.documents import open_document, open_pack, revision_of
from core.image_bytes import png_bytes

CASES = Path("/work/shared/cases/packs")
BUNDLED = sorted(bundled_questions_dir().glob("*.yaml"))
CASE_PACKS = sorted(CASES.glob("*/*.yaml")) if CASES.is_dir() else []

VALID = """\
clarity: 1
id: broken
title: A pack to break
description: Each test breaks it in one place.
language: en
time_limit: 20
rounds:
  - image: map.png
    answer: The map
    accept: [map]
    grid: 2x2
questions:
  - id: capital
    type: choice
    prompt: Which city is the capital?
    choices: [Minsk, Moscow, Kyiv]
    answer: Minsk
  - id: union
    type: truefalse
    prompt: Is it a union?
    answer: true
  - id: say-no
    type: typed
    prompt: Say no.
    answer: No
    accept: [nope]
  - id: half
    type: number
    prompt: Half of seven?
    answer: 3.5
"""

# (name, what is replaced, by what[, what else, by what]): each a pack a teacher could write.
BROKEN = [
    ("title missing", "title: A pack to break\n", ""),
    ("language a name", "language: en", "language: English"),
    ("field misspelt", "prompt: Say no.", "promt: Say no."),
    ("question type unknown", "type: truefalse", "type: yesno"),
    ("answer not a choice", "answer: Minsk", "answer: Vilnius"),
    ("numbers of the wrong language", "answer: 3.5", "answer: 3,5\n    tolerance: -1"),
    ("id used twice", "id: union", "id: capital"),
    ("grid with more tiles than questions", "grid: 2x2", "grid: 10x10"),
    ("prompt longer than the screen", "prompt: Say no.", "prompt: " + "Say no. " * 120),
    ("picture missing", "image: map.png", "image: gone.png"),
    ("picture spelt in another case", "image: map.png", "image: MAP.png"),
    ("picture that is text", "image: map.png", "image: notes.png"),
    ("another format version", "clarity: 1", "clarity: 2"),
    ("time limit in words", "time_limit: 20", "time_limit: soon"),
    ("every choice right", "answer: Minsk", "answer: [Minsk, Moscow, Kyiv]"),
    (
        "every choice right and another question broken",
        "answer: Minsk",
        "answer: [Minsk, Moscow, Kyiv]\n  - type: typed\n    prompt: no answer",
    ),
    ("null as the answer", "answer: No", "answer: null"),
    (
        "a Russian thousand",
        "language: en",
        "language: ru",
        "answer: 3.5",
        "answer: 1,000",
    ),
    ("question that is a line", "  - id: union\n", "  - just a line\n  - id: union\n"),
    ("round without its answer", "    answer: The map\n", ""),
    ("no questions", "questions:\n", "questions: []\nquestions_were:\n"),
    ("choices not a list", "choices: [Minsk, Moscow, Kyiv]", "choices: Minsk"),
    ("explain empty", "prompt: Half of seven?", "prompt: Half of seven?\n    explain:"),
    ("difficulty and number both wrong", "answer: 3.5", "answer: 3,5\n    difficulty: hard!"),
]

# The changes above that break nothing: an explanation left empty is no explanation, and a
# typed answer written null is the word "null".
VALID_CHANGES = {"explain empty", "null as the answer"}


def english(problems: list[FieldProblem]) -> list[tuple[str, str, str]]:
    return [(p.field, p.severity, p.text) for p in problems]


def loaded_english(problems: tuple[Problem, ...] | list[Problem]) -> list[tuple[str, str, str]]:
    return [(p.field, p.severity, ENGLISH.render(p.said)) for p in problems]


def write_broken(folder: Path, *changes: str) -> Path:
    text = VALID
    for old, new in zip(changes[::2], changes[1::2], strict=True):
        assert old in text, old
        text = text.replace(old, new, 1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "map.png").write_bytes(png_bytes(40, 30))
    (folder / "notes.png").write_text("not a picture", encoding="utf-8")
    path = folder / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def assets_for(path: Path) -> Path:
    return bundled_assets_dir() if path.parent == bundled_questions_dir() else path.parent


def checked(path: Path, **options: Any) -> tuple[dict[str, Any], list[FieldProblem]]:
    document = open_document(path)
    problems = check_document(
        document,
        pack_dir=path.parent,
        assets_dir=assets_for(path),
        translator=ENGLISH,
        **options,
    )
    return document, problems


def validated(path: Path, **options: Any) -> list[tuple[str, str, str]]:
    """What the loader says of the file, without the warnings only its text can show
    (which :func:`open_pack` keeps beside the document: checked to be the loader's too)."""
    loaded: LoadedPack = load_pack(path, assets_dir=assets_for(path), **options)
    text_warnings = open_pack(path, ref=path.name, editable=True).text_warnings
    assert all(problem in loaded.problems for problem in text_warnings)
    return loaded_english([p for p in loaded.problems if p not in text_warnings])


def broken_packs(tmp_path: Path) -> list[Path]:
    return [
        write_broken(tmp_path / str(number), *changes)
        for number, (_, *changes) in enumerate(BROKEN)
    ]


# --- the whole document -------------------------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED + CASE_PACKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_packs_document_has_the_problems_validate_gives_its_file(path: Path) -> None:
    _, problems = checked(path)
    assert english(problems) == validated(path)


@pytest.mark.parametrize("broken", BROKEN, ids=[broken[0] for broken in BROKEN])
def test_a_broken_packs_document_has_the_problems_validate_gives_its_file(
    tmp_path: Path, broken: tuple[str, ...]
) -> None:
    name, *changes = broken
    path = write_broken(tmp_path, *changes)
    _, problems = checked(path)
    assert english(problems) == validated(path)
    if name not in VALID_CHANGES:
        assert problems, name


def test_the_broken_packs_break_in_every_way_checked(tmp_path: Path) -> None:
    kinds = set()
    for path in broken_packs(tmp_path):
        kinds |= {severity for _, severity, _ in validated(path)}
    assert kinds == {"error", "warning"}


def test_the_shared_cases_give_their_problems_on_their_fields() -> None:
    if not CASE_PACKS:
        pytest.skip("the shared case packs are not on this computer")
    by_case = {path: english(checked(path)[1]) for path in CASE_PACKS}
    undecodable = CASES / "05-undecodable-image-passes-validate"
    for name in ("pack.yaml", "pack-truncated-png.yaml", "pack-truncated-jpg.yaml"):
        errors = [p for p in by_case[undecodable / name] if p[1] == "error"]
        assert errors, name
        assert all(field.endswith(".image") for field, _, _ in errors), errors
    long_texts = by_case[CASES / "07-long-text-overflows-card" / "pack-prompt2000.yaml"]
    assert any(
        field.endswith(".prompt") and severity == "warning" for field, severity, _ in long_texts
    )


def test_characters_no_font_draws_are_warned_about_when_asked(tmp_path: Path) -> None:
    def latin_only(character: str) -> bool:
        return ord(character) < 0x250

    path = write_broken(tmp_path, "prompt: Say no.", "prompt: Say 不 or нет.")
    _, problems = checked(path, can_draw=latin_only)
    assert english(problems) == validated(path, can_draw=latin_only)
    assert [p.field for p in problems] == ["questions[2].prompt"]
    assert "U+4E0D" in problems[0].text
    _, without = checked(path)
    assert without == []


def test_the_texts_are_the_translators_without_field_or_warning(tmp_path: Path) -> None:
    russian = Translator("ru")
    path = write_broken(tmp_path, "grid: 2x2", "grid: 10x10\n    answer_: x")
    loaded = load_pack(path, assets_dir=path.parent)
    problems = check_document(
        open_document(path), pack_dir=path.parent, assets_dir=path.parent, translator=russian
    )
    assert {p.severity for p in problems} == {"error", "warning"}
    assert problems == field_problems(loaded.problems, russian)
    for problem, said in zip(problems, loaded.problems, strict=True):
        assert problem.text == russian.render(said.said)
        assert problem.text != ENGLISH.render(said.said)  # Russian, not the English id
        # the line validate prints is "[warning: ]field: text"; the page shows the field
        # and the severity itself
        full = said.text(russian)
        assert full.endswith(problem.text)
        assert full != problem.text
        assert not problem.text.startswith(problem.field)
        assert problem.to_json() == {
            "field": problem.field,
            "severity": problem.severity,
            "text": problem.text,
        }
        json.dumps(problem.to_json())


def test_a_document_that_is_not_a_group_of_fields(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- clarity: 1\n- id: a\n", encoding="utf-8")
    expected = loaded_english(load_pack(path, assets_dir=tmp_path).problems)
    for document in ([{"clarity": "1"}, {"id": "a"}], ["a"], []):
        problems = check_document(
            document, pack_dir=tmp_path, assets_dir=tmp_path, translator=ENGLISH
        )
        assert english(problems) == expected
    word = check_document("words", pack_dir=tmp_path, assets_dir=tmp_path, translator=ENGLISH)
    assert [(p.field, p.severity) for p in word] == [("", "error")]
    assert "a single value" in word[0].text
    for document in (["a"], "words", None):
        assert (
            check_item(
                document, "questions", 0, pack_dir=tmp_path, assets_dir=tmp_path, translator=ENGLISH
            )
            == []
        )


def test_the_document_is_not_changed_and_json_numbers_read_as_yaml_would(tmp_path: Path) -> None:
    path = write_broken(tmp_path, "answer: No", "answer: null")
    document = open_document(path)
    kept = copy.deepcopy(document)
    strings = check_document(document, pack_dir=tmp_path, assets_dir=tmp_path, translator=ENGLISH)
    assert document == kept
    # what a script might send: numbers and true as JSON, not text
    document["time_limit"] = 20
    document["questions"][1]["answer"] = True
    document["questions"][3]["answer"] = 3.5
    document["rounds"][0]["accept"] = ("map",)
    typed = check_document(document, pack_dir=tmp_path, assets_dir=tmp_path, translator=ENGLISH)
    assert typed == strings
    document["time_limit"] = 2
    too_short = check_document(document, pack_dir=tmp_path, assets_dir=tmp_path, translator=ENGLISH)
    assert [p.field for p in too_short] == ["time_limit"]


def test_a_missing_picture_is_named_then_found_once_dropped_in(tmp_path: Path) -> None:
    path = write_broken(tmp_path, "image: map.png", "image: pictures/new.png")
    document = open_document(path)
    pictures = PictureChecks()
    options: dict[str, Any] = {
        "pack_dir": tmp_path,
        "assets_dir": tmp_path / "assets",
        "translator": ENGLISH,
        "pictures": pictures,
    }
    for problems in (
        check_document(document, **options),
        check_item(document, "rounds", 0, **options),
    ):
        assert [(p.field, p.severity) for p in problems] == [("rounds[0].image", "error")]
        assert 'no picture "pictures/new.png"' in problems[0].text
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "new.png").write_bytes(png_bytes(40, 30))
    assert check_item(document, "rounds", 0, **options) == []
    assert check_document(document, **options) == []
    assert pictures.checked == 1
    # the picture is decoded once, not at each keystroke
    for _ in range(5):
        document["rounds"][0]["answer"] += "!"
        assert check_item(document, "rounds", 0, **options) == []
    assert pictures.checked == 1
    # a picture that changes on disk is checked again
    (tmp_path / "pictures" / "new.png").write_text("a note, not a picture", encoding="utf-8")
    problems = check_item(document, "rounds", 0, **options)
    assert [(p.field, p.severity) for p in problems] == [("rounds[0].image", "error")]
    assert pictures.checked == 2


# --- one item ------------------------------------------------------------------------------


def own(field: str, section: str, index: int) -> bool:
    prefix = f"{section}[{index}]"
    return field == prefix or field.startswith((prefix + ".", prefix + "["))


def item_problems_match(path: Path, check: Callable[..., list[FieldProblem]]) -> int:
    """Check every item of the pack at ``path`` alone; the items compared (those with no
    problem across items)."""
    document, full = checked(path)
    compared = 0
    for section in ("rounds", "questions"):
        items = document.get(section)
        for index in range(len(items) if isinstance(items, list) else 0):
            alone = check(
                document,
                section,
                index,
                pack_dir=path.parent,
                assets_dir=assets_for(path),
                translator=ENGLISH,
            )
            expected = [p for p in full if own(p.field, section, index)]
            assert all(own(p.field, section, index) for p in alone)
            if any("is already used by" in p.text for p in expected):
                # an id used twice is a problem across items: the full check's
                assert all("is already used by" not in p.text for p in alone)
                continue
            compared += 1
            invalid_elsewhere = any(
                p.severity == "error" and not own(p.field, section, index) for p in full
            )
            if not invalid_elsewhere:
                assert alone == expected, (section, index)
            else:
                # with the rest of the pack invalid the full check gives no warnings about
                # right answers (the models refuse the pack); alone, the item has them
                extra = [p for p in alone if p not in expected]
                assert all(p in alone for p in expected), (section, index)
                assert all(p.severity == "warning" for p in extra), extra
    return compared


@pytest.mark.parametrize("path", BUNDLED + CASE_PACKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_each_item_alone_has_its_problems_of_the_whole_pack(path: Path) -> None:
    assert item_problems_match(path, check_item) > 0


def test_each_item_of_a_broken_pack_alone_has_its_problems_of_the_whole(tmp_path: Path) -> None:
    compared = 0
    with_problems = 0
    for path in broken_packs(tmp_path):
        compared += item_problems_match(path, check_item)
        document, _ = checked(path)
        for section in ("rounds", "questions"):
            items = document.get(section)
            for index in range(len(items) if isinstance(items, list) else 0):
                with_problems += bool(
                    check_item(
                        document,
                        section,
                        index,
                        pack_dir=path.parent,
                        assets_dir=path.parent,
                        translator=ENGLISH,
                    )
                )
    assert compared > 60
    assert with_problems > 10


def test_an_item_is_named_by_its_own_index_and_others_problems_stay_out(tmp_path: Path) -> None:
    path = write_broken(tmp_path, "title: A pack to break\n", "")
    document = open_document(path)
    document["questions"][0]["answer"] = "Vilnius"  # not a choice
    document["questions"][2]["difficulty"] = "tricky"
    document["questions"][3]["answer"] = "three and a half"
    options: dict[str, Any] = {"pack_dir": tmp_path, "assets_dir": tmp_path, "translator": ENGLISH}
    alone = check_item(document, "questions", 3, **options)
    assert [(p.field, p.severity) for p in alone] == [("questions[3].answer", "error")]
    assert "three and a half" in alone[0].text
    full = check_document(document, **options)
    assert [p.field for p in full] == [
        "title",
        "questions[0].answer",
        "questions[2].difficulty",
        "questions[3].answer",
    ]
    assert alone == full[3:]
    assert check_item(document, "questions", 2, **options) == full[2:3]
    assert [p.field for p in check_item(document, "questions", 0, **options)] == [
        "questions[0].answer"
    ]
    assert check_item(document, "questions", 1, **options) == []
    assert check_item(document, "questions", 4, **options) == []  # no such question
    assert check_item(document, "questions", -1, **options) == []
    with pytest.raises(ValueError, match="rounds or questions"):
        check_item(document, "title", 0, **options)  # type: ignore[arg-type]


def test_an_item_is_checked_in_its_packs_language(tmp_path: Path) -> None:
    path = write_broken(tmp_path, "answer: 3.5", "answer: 3,5")
    document = open_document(path)
    options: dict[str, Any] = {"pack_dir": tmp_path, "assets_dir": tmp_path, "translator": ENGLISH}
    english_pack = check_item(document, "questions", 3, **options)
    assert [p.field for p in english_pack] == ["questions[3].answer"]
    assert "(en)" in english_pack[0].text
    document["language"] = "ru"  # where 3,5 is three and a half
    assert check_item(document, "questions", 3, **options) == []
    assert check_document(document, **options) == []


def test_a_rounds_grid_is_weighed_against_the_packs_questions(tmp_path: Path) -> None:
    path = write_broken(tmp_path, "grid: 2x2", "grid: 2x3")  # 6 tiles, 4 questions
    document = open_document(path)
    options: dict[str, Any] = {"pack_dir": tmp_path, "assets_dir": tmp_path, "translator": ENGLISH}
    warned = check_item(document, "rounds", 0, **options)
    assert [(p.field, p.severity) for p in warned] == [("rounds[0].grid", "warning")]
    assert "only 4 questions" in warned[0].text
    document["questions"] += copy.deepcopy(document["questions"][1:3])
    for question, new_id in zip(document["questions"][4:], ("more-1", "more-2"), strict=True):
        question["id"] = new_id
    assert check_item(document, "rounds", 0, **options) == []
    assert check_document(document, **options) == []


@pytest.mark.parametrize(
    ("grid", "warned"),
    [("5x6", False), ("5x7", True), ("20x20", True), (None, False), ("4 x 5", False)],
)
def test_a_big_packs_round_is_weighed_against_all_its_questions(
    tmp_path: Path, grid: str | None, warned: bool
) -> None:
    path = write_broken(tmp_path)
    document = open_document(path)
    questions = document["questions"]
    document["questions"] = [
        {**copy.deepcopy(questions[n % len(questions)]), "id": f"q{n}"} for n in range(30)
    ]
    if grid is None:
        del document["rounds"][0]["grid"]  # the default, 4x5
    else:
        document["rounds"][0]["grid"] = grid
    options: dict[str, Any] = {"pack_dir": tmp_path, "assets_dir": tmp_path, "translator": ENGLISH}
    alone = check_item(document, "rounds", 0, **options)
    assert alone == check_document(document, **options)
    assert [p.field for p in alone] == (["rounds[0].grid"] if warned else [])
    if warned:
        assert "only 30 questions" in alone[0].text


def test_a_document_saved_has_the_problems_its_check_said(tmp_path: Path) -> None:
    """The claim itself: what the page shows for a document is what ``clarity validate``
    says of the file the studio saves from it, patched into the teacher's file or written
    afresh."""
    from clarity.studio.roundtrip import save_document

    for number, path in enumerate(broken_packs(tmp_path / "packs")):
        document = open_document(path)
        if document["questions"]:
            document["questions"][-1]["prompt"] = "Edited in the studio: #1, no, 007, null?"
        document["description"] = "A colon: and a\nsecond line, \"quoted\" and 'so'"
        said = english(
            check_document(
                document, pack_dir=path.parent, assets_dir=path.parent, translator=ENGLISH
            )
        )
        save_document(
            path, document, expected_revision=revision_of(path), backups_dir=tmp_path / "backups"
        )
        fresh = path.parent / f"fresh-{number}.yaml"
        save_document(fresh, document, expected_revision="", backups_dir=tmp_path / "backups")
        patched = loaded_english(load_pack(path, assets_dir=path.parent).problems)
        assert patched == said, BROKEN[number][0]
        # a new file is in a new pack's layout: its problems come in that order
        written = loaded_english(load_pack(fresh, assets_dir=path.parent).problems)
        assert sorted(written) == sorted(said), BROKEN[number][0]
        assert open_document(path) == open_document(fresh) == document


# --- the file's text warnings while its document is edited -----------------------------------

NO_IDS = """\
clarity: 1
id: no-ids
title: Pictures
questions:
  - type: choice
    prompt: Which was the first US #1 single?
    choices: [A, B]
    answer: A
  - type: typed
    prompt: The capital of the United States?
    answer: Washington
    accept: [Washington, D.C., DC]
"""


def test_text_warnings_stay_on_unchanged_fields_and_follow_a_moved_question(
    tmp_path: Path,
) -> None:
    from clarity.studio.checking import TextWarnings

    path = tmp_path / "no-ids.yaml"
    path.write_text(NO_IDS, encoding="utf-8")
    opened = open_pack(path, ref="no-ids.yaml", editable=True)
    assert [p.field for p in opened.text_warnings] == [
        "questions[0].prompt",
        "questions[1].accept[0]",
    ]
    warnings = TextWarnings(opened.document, opened.text_warnings)
    t = Translator()
    document = copy.deepcopy(opened.document)
    said = warnings.still_true(document, t)
    assert said == field_problems(opened.text_warnings, t)
    # moved without ids: each found as the only question still holding its value
    document["questions"].reverse()
    assert [p.field for p in warnings.still_true(document, t)] == [
        "questions[1].prompt",
        "questions[0].accept[0]",
    ]
    assert [p.field for p in warnings.still_true(document, t, scope="questions[0]")] == [
        "questions[0].accept[0]"
    ]
    # the accepted answers changed (one item taken out): the list is written afresh
    del document["questions"][0]["accept"][1]
    # the prompt typed whole: written afresh, quoted
    document["questions"][1]["prompt"] = "Which was the first US #1 single?"
    assert warnings.still_true(document, t) == []
    # two questions holding the warned text, without ids: which one is not guessed
    document = copy.deepcopy(opened.document)
    document["questions"] = [
        document["questions"][1],
        *[copy.deepcopy(opened.document["questions"][0])] * 2,
    ]
    assert [p.field for p in warnings.still_true(document, t)] == ["questions[0].accept[0]"]
