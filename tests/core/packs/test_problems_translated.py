"""clarity validate's problems in the teacher's language: every kind of problem the models,
the validation and the loader find reads in Russian and Belarusian with its values in place,
is wholly translated in the pseudo-language (nothing glued from untranslated pieces), and
keeps its ``file:line:col:`` place and its field name as the pack writes them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from clarity.core.packs.loader import LoadedPack, PackLimits, load_pack, load_packs
from clarity.core.packs.models import ChoiceQuestion, Mystery, NumberQuestion, Pack
from clarity.core.packs.report import Problem, Report
from clarity.i18n import Translator
from clarity.i18n.pseudo import is_pseudo_translated
from language_checks import (
    LATIN_WORD,
    PLAIN_WORD,
    SMALL_CYRILLIC,
    english_words,
    message_values,
)

from ..image_bytes import png_bytes
from .test_loader import VALID, replace

NUMBER = "  - type: number\n    prompt: How many?\n    answer: {answer}\n"


def _number(answer: str, extra: str = "") -> str:
    return VALID + NUMBER.format(answer=answer) + extra


def _long_words(length: int) -> str:
    return ("Minsk " * length)[:length].strip() + "k"


# (case, the pack file's text, what the English line says: proof the case finds its kind)
CASES: list[tuple[str, str, str]] = [
    ("unknown field", replace("description:", "descriptoin:"), "did you mean `description`?"),
    (
        "field of another question type",
        replace("    answer: No\n", "    answer: No\n    choices: [a, b]\n"),
        "is not used in a typed question, only in choice questions",
    ),
    (
        "field in look-alike letters",
        replace("    prompt: Say no.", "    pr\u043empt: Say no."),
        "is not a known field; it looks like `prompt`, but its 3rd letter is the Cyrillic",
    ),
    ("unknown field elsewhere", replace("grid: 1x2", "grid: {rows: 1, colz: 2}"), "grid"),
    (
        "question type in look-alike letters",
        replace("type: typed", "type: typ\u0435d"),
        "is not a question type; it looks like typed, but its 4th letter is the Cyrillic",
    ),
    ("unknown question type", replace("type: typed", "type: essay"), "use choice, truefalse"),
    ("empty question type", replace("type: typed", "type:"), "is empty; say which kind"),
    ("missing question type", replace("    type: typed\n", ""), "is missing; say which kind"),
    ("format version", replace("clarity: 1", "clarity: one"), "should be the format version"),
    ("unknown format version", replace("clarity: 1", "clarity: 2"), "format version 2 is not"),
    (
        "number out of range",
        replace("rounds:", "time_limit: 1000\nrounds:"),
        "should be a whole number from 5 to 300",
    ),
    ("not true or false", replace("answer: true", "answer: maybe"), "should be true or false"),
    ("text expected", replace("title: The Union State", "title: [a, b]"), "should be text"),
    ("text too long", replace("title: The Union State", f"title: {'x' * 250}"), "is too long"),
    ("empty text", replace("title: The Union State", "title: ''"), "should not be empty"),
    ("id form", replace("id: union-state", "id: Union State"), "lowercase slug"),
    ("language form", replace("rounds:", "language: English\nrounds:"), "language code"),
    (
        "not one of the words",
        replace("    answer: Minsk\n", "    answer: Minsk\n    difficulty: extreme\n"),
        "should be easy, medium or hard",
    ),
    ("list expected", replace("accept: [union state]", "accept: {a: b}"), "should be a list"),
    ("grid as a list", replace("grid: 1x2", "grid: [1, 2]"), "should be rows x columns"),
    ("question as text", replace("  - id: q2\n", "  - just text\n  - id: q2\n"), "not a single"),
    ("round as text", replace("rounds:\n", "rounds:\n  - a map\n"), "each round should be"),
    ("section as text", replace("rounds:\n", "author: {a: b}\nrounds:\n"), "should be text"),
    (
        "too many choices",
        replace("[Minsk, Moscow]", "[Minsk, Moscow, a, b, c, d, e]"),
        "has at most 6 choices; this one has 7",
    ),
    ("too few choices", replace("[Minsk, Moscow]", "[Minsk]"), "needs at least 2 choices"),
    ("missing answer", replace("    answer: No\n", ""), "needs its right answer"),
    ("missing choices", replace("    choices: [Minsk, Moscow]\n", ""), "lists 2 to 6 choices"),
    ("missing rounds", VALID.split("rounds:")[0], "at least one mystery image under rounds:"),
    ("no questions", VALID.split("questions:")[0] + "questions: []\n", "has no questions"),
    ("not a grid", replace("grid: 1x2", "grid: big"), "is not a grid"),
    ("grid out of range", replace("grid: 1x2", "grid: 30x30"), "is out of range"),
    ("one-tile grid", replace("grid: 1x2", "grid: 1x1"), "fewer than two tiles"),
    ("one-tile grid model", replace("grid: 1x2", "grid: {rows: 1, cols: 1}"), "fewer than two"),
    ("repeated id", replace("id: q2", "id: q1"), 'the id "q1" is already used by questions[0]'),
    ("choice twice", replace("[Minsk, Moscow]", "[Minsk, minsk]"), "is listed twice"),
    ("no right choice", replace("answer: Minsk", "answer: []"), "list of right choices is empty"),
    ("right choice twice", replace("answer: Minsk", "answer: [Minsk, Minsk]"), "listed twice"),
    ("a near choice", replace("answer: Minsk", "answer: Minks"), 'did you mean "Minsk"?'),
    ("no such choice", replace("answer: Minsk", "answer: Paris"), "is not one of the choices"),
    ("choice by letter", replace("answer: Minsk", "answer: B"), "not its letter: Moscow"),
    ("choice by number", replace("answer: Minsk", "answer: 2"), "not its number: Moscow"),
    ("choices joined", replace("answer: Minsk", "answer: Minsk, Moscow"), "joined by commas"),
    ("several as one", replace("answer: Minsk", "answer: 1 and 2"), "to make several choices"),
    (
        "choice in look-alike letters",
        replace("answer: Minsk", "answer: \u041cinsk"),
        'it looks like "Minsk", but its 1st letter is the Cyrillic',
    ),
    (
        "look-alike letters among others",
        replace("answer: Minsk", "answer: \u041cinskk"),
        "among Latin letters; type it again with the Latin keyboard layout",
    ),
    (
        "several look-alike letters",
        replace("answer: Minsk", "answer: M\u043esc\u043ew B\u0435l\u0430rus"),
        "more letter is like these",
    ),
    ("typed answers as a list", replace("answer: No", "answer: [No, Nope]"), "and accept: [Nope]"),
    ("typed answer as a list", replace("answer: No", "answer: [No]"), "write answer: No"),
    ("not a number", _number("many"), "is not a number; write it in digits"),
    # Scientific notation reads (6.02e23); a mantissa with another language's decimal
    # sign, or a power past the game's largest, does not.
    ("power of ten", _number("1,5e5"), "write all its digits, here 150000"),
    ("huge power of ten", _number("1e999"), "too large or too small a number for the game"),
    ("not one number", _number("1,2,3.4.5"), "which writes decimals after a point"),
    ("negative tolerance", _number("10", "    tolerance: -5\n"), "should not be below zero"),
    (
        "tolerance and a range",
        _number("10", "    tolerance: 1\n    min: 5\n"),
        "give a tolerance or min and max",
    ),
    ("min over max", _number("10", "    min: 20\n    max: 5\n"), "is more than max"),
    ("answer under min", _number("1", "    min: 5\n"), "is less than min 5"),
    ("answer over max", _number("10", "    max: 5\n"), "is more than max 5"),
    ("answer outside", _number("10", "    min: 1\n    max: 5\n"), "is outside min to max"),
    (
        "comma before three zeros",
        replace("rounds:", "language: ru\nrounds:", _number("1,000")),
        "where a comma before three digits is a decimal sign",
    ),
    (
        "every choice right",
        replace("answer: Minsk", "answer: [Minsk, Moscow]"),
        "every one of the 2 choices is right",
    ),
    ("grid of many tiles", replace("grid: 1x2", "grid: 4x5"), "has 20 tiles but the pack"),
    ("a list, not a pack", "- a\n- b\n", "but it holds a list"),
    ("long prompt", replace("prompt: Say no.", f"prompt: {_long_words(2000)}"), "this prompt"),
    (
        "long texts together",
        replace(
            "prompt: Say no.",
            f"prompt: {_long_words(600)}\n    explain: {_long_words(600)}",
        ),
        "together, questions[2].prompt (600 of about",
    ),
    ("long caption", replace("grid: 1x2", f"grid: 1x2\n    caption: {_long_words(900)}"), "this"),
    ("not UTF-8", VALID.replace("Say no.", "Say \udcff."), "is not UTF-8 text"),
]


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    (folder / "union_state").mkdir(parents=True)
    (folder / "union_state" / "map.png").write_bytes(png_bytes(8, 6))
    return folder


def _load(pack_dir: Path, text: str, **options: object) -> LoadedPack:
    path = pack_dir / "pack.yaml"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return load_pack(path, assets_dir=pack_dir, **options)  # type: ignore[arg-type]


def _problems_of(pack_dir: Path, text: str) -> tuple[Problem, ...]:
    return _load(pack_dir, text, can_draw=str.isascii).problems


# Words a message may keep in English in every language: what the teacher writes in the
# pack file (its field names, the question types, YAML's words) and codes.
_KEPT = {
    *Pack.model_fields,
    *Mystery.model_fields,
    *ChoiceQuestion.model_fields,
    *NumberQuestion.model_fields,
    *("choice", "truefalse", "typed", "number", "true", "false", "rows", "cols"),
    *("easy", "medium", "hard"),
    *("union", "state", "en", "pt", "BR", "UTF", "FIFO", "YAML", "JPEG", "PNG"),
}
_CODE = re.compile(r"U\+[0-9A-F]{4,6}|0x[0-9A-F]{2}|\d+x\d+")


def _english_words(said: str, pack_text: str, pattern: re.Pattern[str] = LATIN_WORD) -> set[str]:
    """The English words of ``said`` (``pattern``'s: :data:`~language_checks.PLAIN_WORD` for
    the pseudo-language) that are neither the pack's own nor kept (:data:`_KEPT`); codes such
    as U+0430 and 4x5 are not words."""
    allowed = [*LATIN_WORD.findall(pack_text), *_KEPT]
    return english_words(_CODE.sub(" ", said), allowed, pattern)


def _said(problem: Problem, translator: Translator) -> str:
    """The problem's message in ``translator``'s language, without its place and field."""
    return problem.text(translator).replace(f"{problem.field}: ", "", 1)


def _a_case_each() -> list[object]:
    return [pytest.param(text, english, id=case) for case, text, english in CASES]


@pytest.mark.parametrize(("text", "english"), _a_case_each())
def test_every_problem_kind_is_found_by_its_case(pack_dir: Path, text: str, english: str) -> None:
    lines = [str(problem) for problem in _problems_of(pack_dir, text)]
    assert any(english in line for line in lines), lines


@pytest.mark.parametrize(("text", "english"), _a_case_each())
@pytest.mark.parametrize("language", ["ru", "be"])
def test_every_problem_reads_in_russian_and_belarusian_with_its_values(
    pack_dir: Path, text: str, english: str, language: str
) -> None:
    translator = Translator(language)
    for problem in _problems_of(pack_dir, text):
        said = _said(problem, translator)
        assert _english_words(said, text) == set(), said
        assert SMALL_CYRILLIC.search(said), said
        for value in message_values(problem.said):
            if isinstance(value, int):
                assert translator.number(value) in said, (value, said)
            elif isinstance(value, str) and value:
                assert value in said, (value, said)


@pytest.mark.parametrize(("text", "english"), _a_case_each())
def test_every_problem_is_wholly_pseudo_translated(pack_dir: Path, text: str, english: str) -> None:
    translator = Translator("qps-ploc")
    for problem in _problems_of(pack_dir, text):
        said = _said(problem, translator)
        assert is_pseudo_translated(said), said
        assert _english_words(said, text, PLAIN_WORD) == set(), said


@pytest.mark.parametrize(("text", "english"), _a_case_each())
@pytest.mark.parametrize("language", ["en", "ru", "be", "qps-ploc"])
def test_the_place_and_the_field_are_never_translated(
    pack_dir: Path, text: str, english: str, language: str
) -> None:
    for problem in _problems_of(pack_dir, text):
        line = problem.render(Translator(language))
        place = f"{problem.path}:{problem.line}:{problem.column}: "
        assert line.startswith(place), line
        assert line.count(f"{problem.field}: ") >= 1, line
        english = str(problem)
        assert english.startswith(place)
        if language == "en":
            assert line == english


def test_a_warning_says_so_in_the_language(pack_dir: Path) -> None:
    (warning,) = _problems_of(pack_dir, replace("grid: 1x2", "grid: 4x5"))
    assert warning.severity == "warning"
    assert ": warning: rounds[0].grid: the 4x5 grid has 20 tiles" in str(warning)
    assert ": предупреждение: rounds[0].grid: в сетке 4x5 20 плиток" in warning.render(
        Translator("ru")
    )
    assert ": папярэджанне: rounds[0].grid: у сетцы 4x5 20 плітак" in warning.render(
        Translator("be")
    )


def test_counts_take_the_languages_plural_forms(pack_dir: Path) -> None:
    def said(count: int, language: str) -> str:
        report = Report(Path("p.yaml"))
        report.add((0, 0), "", "an error")
        report._unkept, report._unkept_errors = count, count  # the ones only counted
        return _said(report.problems()[-1], Translator(language))

    assert said(1, "ru").startswith("... и ещё 1 ошибка в этом файле")
    assert said(3, "ru").startswith("... и ещё 3 ошибки в этом файле")
    assert said(5, "ru").startswith("... и ещё 5 ошибок в этом файле")
    assert said(21, "be").startswith("... і яшчэ 21 памылка ў гэтым файле")
    assert said(11, "be").startswith("... і яшчэ 11 памылак у гэтым файле")
    assert said(5_653, "ru").startswith("... и ещё 5\u00a0653 ошибки")


def _utf16(folder: Path) -> LoadedPack:
    path = folder / "pack.yaml"
    path.write_bytes(VALID.encode("utf-16"))
    return load_pack(path, assets_dir=folder)


def _taken(folder: Path) -> LoadedPack:
    (folder / "a.yaml").write_text(VALID, encoding="utf-8")
    (folder / "b.yaml").write_text(VALID, encoding="utf-8")
    return load_packs([folder / "a.yaml", folder / "b.yaml"], assets_dir=folder)[1]


_OTHER_FILES: dict[str, Callable[[Path], LoadedPack]] = {
    "a folder": lambda folder: load_pack(folder, assets_dir=folder),
    "over the size cap": lambda folder: _load(
        folder, VALID, limits=PackLimits(max_bytes=len(VALID) - 1)
    ),
    "just over the size cap": lambda folder: _load(
        folder, VALID + "#" * 2048, limits=PackLimits(max_bytes=2048)
    ),
    "too many questions": lambda folder: _load(folder, VALID, limits=PackLimits(max_questions=2)),
    "UTF-16": _utf16,
    "a language no font draws": lambda folder: _load(
        folder, replace("rounds:", "language: th\nrounds:"), can_draw=str.isascii
    ),
    "characters no font draws": lambda folder: _load(
        folder,
        replace("Say no.", "Say " + "".join(map(chr, range(0x0F00, 0x0F0A)))),
        can_draw=str.isascii,
    ),
    "an id taken": _taken,
}


@pytest.mark.parametrize("case", list(_OTHER_FILES))
@pytest.mark.parametrize("language", ["ru", "be", "qps-ploc"])
def test_problems_of_the_file_itself_are_translated_too(
    pack_dir: Path, case: str, language: str
) -> None:
    loaded = _OTHER_FILES[case](pack_dir)
    assert loaded.problems, case
    translator = Translator(language)
    pattern = PLAIN_WORD if language == "qps-ploc" else LATIN_WORD
    for problem in loaded.problems:
        said = _said(problem, translator)
        # the thai sample and the characters are the pack's; the path is the file's own
        pack_words = f"{VALID} {problem.path} {loaded.path} language: th"
        assert _english_words(said.replace(str(problem.path), ""), pack_words, pattern) == set()
        assert problem.render(translator).startswith(f"{problem.path}:{problem.line}:")
