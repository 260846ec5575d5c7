"""The bundled default mysteries: rounds that load as a pack in each language, real pictures."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from PIL import Image

from clarity.core.matching import matches_any
from clarity.core.packs.loader import load_pack
from clarity.formats.default_mysteries import (
    DEFAULT_GRID,
    DEFAULT_MYSTERIES,
    SMALLER_GRIDS,
    default_rounds,
    wording_language,
)
from clarity.resources import bundled_assets_dir

ASSETS = bundled_assets_dir()
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def script() -> Iterator[ModuleType]:
    """tools/make_default_mysteries.py, loaded as a module."""
    spec = importlib.util.spec_from_file_location(
        "make_default_mysteries", REPO / "tools" / "make_default_mysteries.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


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


def test_the_script_draws_the_committed_pictures(tmp_path: Path, script: ModuleType) -> None:
    assert script.main(["--out", str(tmp_path)]) == 0
    assert sorted(script.PICTURES) == sorted(m.name for m in DEFAULT_MYSTERIES)
    for mystery in DEFAULT_MYSTERIES:
        # the same pixels (the bytes also match with this Pillow; zlib may vary elsewhere)
        with Image.open(tmp_path / f"{mystery.name}.png") as drawn:
            drawn_pixels = drawn.convert("RGB").tobytes()
        with Image.open(ASSETS / mystery.image) as shipped:
            shipped_pixels = shipped.convert("RGB").tobytes()
        assert hashlib.sha256(drawn_pixels).digest() == hashlib.sha256(shipped_pixels).digest()


def tiles(grid: str, size: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """The tiles of ``grid`` ("rows x cols") over a picture of ``size``, cut as the board
    cuts them (ui/board_view.py: ``width * col // cols``), as (left, top, right, bottom)."""
    rows, cols = (int(n) for n in grid.split("x"))
    width, height = size
    return [
        (width * c // cols, height * r // rows, width * (c + 1) // cols, height * (r + 1) // rows)
        for r in range(rows)
        for c in range(cols)
    ]


def inside(box: tuple[int, int, int, int], tile: tuple[int, int, int, int]) -> bool:
    return tile[0] <= box[0] and tile[1] <= box[1] and box[2] <= tile[2] and box[3] <= tile[3]


def test_no_tile_of_any_grid_shows_a_whole_answer(script: ModuleType) -> None:
    """Each picture draws its own answer once, too big for any one tile of any grid the
    rounds use, and nothing that is another round's answer (no second balloon far off,
    no boat by the lighthouse). The boxes are measured by the script from the pixels each
    thing changed; a thing drawn outside its ``drawing`` block is not seen here."""
    answers = {mystery.name for mystery in DEFAULT_MYSTERIES}
    grids = [DEFAULT_GRID, *(grid for grid, _ in SMALLER_GRIDS)]
    for mystery in DEFAULT_MYSTERIES:
        big, things = script.draw_scene(mystery.name)
        size = (big.width // script.SUPERSAMPLE, big.height // script.SUPERSAMPLE)
        kinds = [thing.kind for thing in things]
        assert [kind for kind in kinds if kind in answers] == [mystery.name], kinds
        (main,) = (thing for thing in things if thing.kind == mystery.name)
        left, top, right, bottom = main.box
        assert 0 <= left < right <= size[0]
        assert 0 <= top < bottom <= size[1]
        # the box is the thing itself, not the whole canvas
        assert (right - left) * (bottom - top) < size[0] * size[1] / 2
        for grid in grids:
            whole = [tile for tile in tiles(grid, size) if inside(main.box, tile)]
            assert whole == [], f"{mystery.name}: a tile of {grid} holds it all: {whole}"


def test_the_measured_box_is_where_the_thing_is_drawn(script: ModuleType) -> None:
    things: list[object] = []
    image = Image.new("RGB", (200, 100), (10, 20, 30))
    with script.drawing(image, "square", things):
        image.paste((200, 0, 0), (40, 20, 61, 51))
    with script.drawing(image, "nothing", things):
        image.paste((10, 20, 30), (0, 0, 10, 10))  # the same colour: no change
    assert things == [script.Drawn("square", (20, 10, 31, 26))]


#: Guesses a class says, by the pack's language: each must be right for its picture.
CLASS_GUESSES = {
    "be": {
        "lighthouse": ["маяк", "Маяк", "lighthouse"],
        "balloon": ["паветраны шар", "шар", "аэрастат", "мангальф'ер", "воздушный шар", "balloon"],
        "sailboat": ["паруснік", "ветразнік", "човен", "лодка", "яхта", "парусник", "sailboat"],
        "windmill": ["ветраны млын", "млын", "ветрак", "мельница", "ветряная мельница"],
    },
    "ru": {
        "lighthouse": ["маяк", "lighthouse"],
        "balloon": ["воздушный шар", "шар", "аэростат", "монгольфьер", "паветраны шар"],
        "sailboat": ["парусник", "лодка", "яхта", "кораблик", "паруснік", "ветразнік", "човен"],
        "windmill": ["ветряная мельница", "мельница", "ветряк", "млын", "ветраны млын"],
    },
}


@pytest.mark.parametrize("language", sorted(CLASS_GUESSES))
def test_a_class_that_speaks_russian_and_belarusian_is_understood(language: str) -> None:
    rounds = default_rounds(language, ASSETS)
    accepted = {
        str(r["image"]).removeprefix("mysteries/").removesuffix(".png"): [
            str(r["answer"]),
            *(str(a) for a in r["accept"]),  # type: ignore[union-attr]
        ]
        for r in rounds
    }
    for name, guesses in CLASS_GUESSES[language].items():
        for guess in guesses:
            right_for = [
                other for other, words in accepted.items() if matches_any(guess, words, language)
            ]
            # right for its own picture, and for no other round's
            assert right_for == [name], (language, guess, right_for)
