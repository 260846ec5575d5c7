"""The bundled default mysteries: rounds that load as a pack in each language, real pictures."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from clarity.core.packs.loader import load_pack
from clarity.formats.default_mysteries import (
    DEFAULT_MYSTERIES,
    default_rounds,
    wording_language,
)
from clarity.resources import bundled_assets_dir

ASSETS = bundled_assets_dir()
REPO = Path(__file__).resolve().parents[2]


def pack_with(rounds: list[dict[str, object]], language: str, count: int = 20) -> dict[str, object]:
    """A pack as an import writes it: the default rounds and ``count`` plain questions."""
    questions = [
        {
            "id": f"q{i}",
            "type": "choice",
            "prompt": f"Which number is {i}?",
            "choices": [str(i), str(i + 1), str(i + 2)],
            "answer": str(i),
        }
        for i in range(1, count + 1)
    ]
    return {
        "clarity": 1,
        "id": "imported",
        "title": "Imported",
        "description": "Questions imported from another tool.",
        "language": language,
        "rounds": rounds,
        "questions": questions,
    }


@pytest.mark.parametrize("language", ["en", "ru", "be", "de", "be-BY"])
def test_the_rounds_load_as_a_pack_with_no_problem(tmp_path: Path, language: str) -> None:
    rounds = default_rounds(language, ASSETS)
    path = tmp_path / "imported.yaml"
    path.write_text(yaml.safe_dump(pack_with(rounds, language), allow_unicode=True), "utf-8")

    loaded = load_pack(path, assets_dir=ASSETS)

    assert loaded.problems == ()
    assert loaded.pack is not None
    assert len(loaded.pack.rounds) == len(DEFAULT_MYSTERIES) >= 3
    for mystery in loaded.pack.rounds:
        assert loaded.images[mystery.image].is_relative_to(ASSETS / "mysteries")
        assert mystery.caption


@pytest.mark.parametrize(("count", "grid"), [(20, "4x5"), (12, "3x4"), (8, "2x3"), (5, "2x2")])
def test_a_pack_with_few_questions_gets_a_grid_it_can_uncover(
    tmp_path: Path, count: int, grid: str
) -> None:
    rounds = default_rounds("en", ASSETS, questions=count)
    path = tmp_path / "imported.yaml"
    path.write_text(yaml.safe_dump(pack_with(rounds, "en", count)), "utf-8")

    loaded = load_pack(path, assets_dir=ASSETS)

    assert loaded.problems == ()
    assert {r["grid"] for r in rounds} == {grid}
    assert default_rounds("en", ASSETS)[0]["grid"] == "4x5"


def test_each_language_has_its_own_words_and_accepts_the_english_word() -> None:
    english = default_rounds("en", ASSETS)
    for language in ("ru", "be"):
        rounds = default_rounds(language, ASSETS)
        for own, en in zip(rounds, english, strict=True):
            assert own["image"] == en["image"]
            assert own["answer"] != en["answer"]
            assert own["caption"] != en["caption"]
            assert en["answer"] in own["accept"]
            assert own["answer"] not in own["accept"]
            # written in Cyrillic, not left in English
            assert any("а" <= ch.lower() <= "я" or ch in "іўё" for ch in str(own["answer"]))
    assert default_rounds("be", ASSETS)[0]["answer"] == "Маяк"
    assert default_rounds("ru", ASSETS)[3]["answer"] == "Ветряная мельница"
    assert default_rounds("fr", ASSETS) == english


def test_language_tags_take_their_primary_subtag() -> None:
    assert wording_language("be-BY") == "be"
    assert wording_language("ru_RU") == "ru"
    assert wording_language("RU") == "ru"
    assert wording_language("pt-BR") == "en"
    assert wording_language("") == "en"


def test_a_missing_picture_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "mysteries").mkdir()
    kept = DEFAULT_MYSTERIES[1]
    Image.new("RGB", (40, 30)).save(tmp_path / kept.image)

    rounds = default_rounds("en", tmp_path)

    assert [r["image"] for r in rounds] == [kept.image]
    assert default_rounds("en", tmp_path / "nowhere") == []


def test_the_pictures_are_4_by_3_and_small() -> None:
    for mystery in DEFAULT_MYSTERIES:
        path = ASSETS / mystery.image
        with Image.open(path) as picture:
            width, height = picture.size
        assert width * 3 == height * 4
        assert width >= 1024
        assert path.stat().st_size < 200_000


def test_the_script_draws_the_committed_pictures(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_default_mysteries", REPO / "tools" / "make_default_mysteries.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        assert module.main(["--out", str(tmp_path)]) == 0
    finally:
        del sys.modules[spec.name]
    assert sorted(module.PICTURES) == sorted(m.name for m in DEFAULT_MYSTERIES)
    for mystery in DEFAULT_MYSTERIES:
        # the same pixels (the bytes also match with this Pillow; zlib may vary elsewhere)
        with Image.open(tmp_path / f"{mystery.name}.png") as drawn:
            drawn_pixels = drawn.convert("RGB").tobytes()
        with Image.open(ASSETS / mystery.image) as shipped:
            shipped_pixels = shipped.convert("RGB").tobytes()
        assert hashlib.sha256(drawn_pixels).digest() == hashlib.sha256(shipped_pixels).digest()
