"""clarity new: a pack to start from that validates, in the teacher's and the class's language,
refused (status 2 or 1, one line) where the game would list it broken."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clarity.core.messages import Message
from clarity.core.messages import english_text as in_english
from clarity.core.packs.loader import load_pack
from clarity.formats.pack_files import new_pack_text, schema_text
from clarity.i18n import LANGUAGE_ENV, PSEUDO_LANGUAGE, Translator
from clarity.i18n.pseudo import pseudo_translated
from clarity.resources import bundled_assets_dir
from cli_lines import packs, run


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv(LANGUAGE_ENV, "en")
    return ["--data-dir", str(tmp_path / "data")]


def test_the_id_of_a_pack_that_comes_with_the_game_is_refused(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "new", "union-state", *data)
    assert (status, out) == (1, [])
    assert err == [
        'clarity: "union-state" is the id of a pack that comes with the game; choose another id'
    ]
    assert not (packs(tmp_path) / "union-state.yaml").exists()


def test_the_id_of_a_pack_in_the_packs_folder_is_refused(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = packs(tmp_path)
    folder.mkdir(parents=True)
    (folder / "Мои цвета.yaml").write_text("clarity: 1\nid: colours\n", encoding="utf-8")
    status, _, err = run(capsys, "new", "colours", *data)
    assert status == 1
    assert err == [
        f'clarity: the id "colours" is already used by {folder / "Мои цвета.yaml"}; '
        "choose another id"
    ]
    assert not (folder / "colours.yaml").exists()
    # its own file again, with --force, is no other pack's id
    assert run(capsys, "new", "mine", *data)[0] == 0
    assert run(capsys, "new", "mine", "--force", *data)[0] == 0


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("   ", "--title: should not be empty"),
        ("x" * 300, "--title: is too long (300 characters); at most 200"),
    ],
)
def test_a_title_the_validator_would_refuse_is_refused(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], title: str, said: str
) -> None:
    status, _, err = run(capsys, "new", "quiz", "--title", title, *data)
    assert status == 2
    assert err[-1] == f"clarity: error: {said}"
    assert not packs(tmp_path).exists()


def test_a_title_at_the_limit_validates(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "quiz", "--title", "  " + "x" * 200 + " ", *data)[0] == 0
    loaded = load_pack(packs(tmp_path) / "quiz.yaml", assets_dir=bundled_assets_dir())
    assert (loaded.ok, loaded.title) == (True, "x" * 200)


def test_an_id_too_long_is_told_its_length(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "new", "a" * 80, *data)
    assert status == 2
    assert err[-1] == (
        f'clarity: error: "{"a" * 80}" cannot be a pack id: it has 80 characters, and an id '
        "has at most 64"
    )
    assert run(capsys, "new", "a" * 64, *data)[0] == 0


@pytest.mark.parametrize("old", ['{"old": true}', "not json", ""])
def test_an_old_or_broken_schema_beside_the_pack_is_refreshed(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], old: str
) -> None:
    folder = packs(tmp_path)
    folder.mkdir(parents=True)
    (folder / "pack.schema.json").write_text(old, encoding="utf-8")
    assert run(capsys, "new", "quiz", *data)[0] == 0
    assert (folder / "pack.schema.json").read_text("utf-8") == schema_text()
    assert json.loads(schema_text())["$schema"]


def test_the_comments_are_in_the_interface_language(
    tmp_path: Path,
    data: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, PSEUDO_LANGUAGE)  # every text of the catalog marked
    assert run(capsys, "new", "quiz", *data)[0] == 0
    text = (packs(tmp_path) / "quiz.yaml").read_text("utf-8")
    marked = pseudo_translated(
        "Each round is a mystery picture under tiles; every right answer uncovers a tile."
    )
    assert f"# {marked[:30]}" in text
    assert "# Each round is a mystery picture" not in text
    # the examples stay in the pack's language (English here)
    assert "prompt: What is the capital of Belarus?" in text
    assert load_pack(packs(tmp_path) / "quiz.yaml", assets_dir=bundled_assets_dir()).ok


def test_every_example_goes_through_the_pack_languages_translator_and_still_validates(
    tmp_path: Path,
) -> None:
    # the pseudo-language stands for a catalog that translates every example text
    text = new_pack_text("quiz", "Quiz", "ru", examples=Translator(PSEUDO_LANGUAGE))
    path = tmp_path / "quiz.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    assert loaded.ok, loaded.errors
    assert loaded.warnings == ()
    pack = loaded.pack
    assert pack is not None
    english = "What is the capital of Belarus?"
    assert pack.questions[0].prompt == pseudo_translated(english)
    assert pack.questions[0].answer == pseudo_translated("Minsk")  # the same as its choice
    assert pack.rounds[0].answer == pseudo_translated("Belarus")
    for english_text in ("Svislach", "Poland", "Which river flows through Minsk?"):
        assert english_text not in text
    # the comments stay English: no translator given for them
    assert "# Each round is a mystery picture under tiles" in text


class _Recording:
    """A translator that renders English and keeps every message it was given."""

    def __init__(self) -> None:
        self.seen: list[Message] = []

    def render(self, text: Message | str) -> str:
        if isinstance(text, Message):
            self.seen.append(text)
        return in_english(text)


def test_every_comment_and_example_of_a_new_pack_is_one_babel_extracts() -> None:
    # br3 #18: message('What is the capital of Belarus?') inside an f-string was never
    # extracted, so a ru pack got 3 English prompts and an English description
    from babel.messages.extract import extract_from_file

    from clarity.formats import pack_files
    from clarity.i18n.catalog_building import COMMENT_TAGS, KEYWORDS

    comments, examples = _Recording(), _Recording()
    new_pack_text("quiz", "Quiz", "ru", comments=comments, examples=examples)
    extracted = {
        found[1] if isinstance(found[1], str) else found[1][0]
        for found in extract_from_file(
            "python", pack_files.__file__, keywords=KEYWORDS, comment_tags=COMMENT_TAGS
        )
    }
    rendered = {one.template for one in comments.seen + examples.seen}
    assert "What is the capital of Belarus?" in rendered
    assert len(examples.seen) >= 15
    assert rendered - extracted == set()


@pytest.mark.parametrize(
    ("language", "expected"), [("ru", ("Минск", "Свислочь")), ("be", ("Мінск", "Свіслач"))]
)
def test_a_russian_or_belarusian_pack_gets_its_examples_in_its_language(
    tmp_path: Path,
    data: list[str],
    capsys: pytest.CaptureFixture[str],
    language: str,
    expected: tuple[str, str],
) -> None:
    # needs the game's catalogs to hold the examples' translations (the lead merges them)
    assert run(capsys, "new", "quiz", "--language", language, *data)[0] == 0
    loaded = load_pack(packs(tmp_path) / "quiz.yaml", assets_dir=bundled_assets_dir())
    assert loaded.ok, loaded.errors
    assert loaded.warnings == ()
    pack = loaded.pack
    assert pack is not None
    assert pack.language == language
    assert (pack.questions[0].answer, pack.questions[3].answer) == expected
    # no English sentence left among the examples (br3 #18)
    english = new_pack_text("quiz", "Quiz", "en")
    for said in (pack.description, *(question.prompt for question in pack.questions)):
        assert said not in english, said
