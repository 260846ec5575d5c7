"""The pictures a pack names, as validate reports them: found in either Unicode form,
refused with file:line:col and a reason when the game could not show them, and a warning
when a mystery picture's tiles, or a question's picture on its card, would be unreadable."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.picture_shape import (
    MAX_TILE_ASPECT,
    MIN_PICTURE_SIDE,
    MIN_TILE_SIDE,
    QUESTION_PICTURE_ROOM,
    near_square_grid,
    question_picture_size,
    question_picture_warning,
    shape_warning,
    tile_size,
)

from ..image_bytes import png_bytes

CASES = Path(__file__).parent / "pictures"


def pack_text(image: str, grid: str = "1x2") -> str:
    # the image's value starts at line 6, column 12
    return (
        "clarity: 1\n"
        "id: pictures\n"
        "title: Pictures\n"
        "description: A pack for the picture tests.\n"
        "rounds:\n"
        f"  - image: {image}\n"
        "    answer: Picture\n"
        f"    grid: {grid}\n"
        "questions:\n"
        "  - type: choice\n"
        "    prompt: Which colour is the sky?\n"
        "    choices: [Blue, Green]\n"
        "    answer: Blue\n"
    )


def load(folder: Path, image: str, grid: str = "1x2") -> LoadedPack:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pack.yaml"
    path.write_text(pack_text(image, grid), encoding="utf-8")
    assets = folder.parent / "assets"
    assets.mkdir(exist_ok=True)
    return load_pack(path, assets_dir=assets)


def lines(loaded: LoadedPack) -> list[str]:
    """The problems with pictures (a small grid's "questions run out" warning aside)."""
    return [
        str(p).removeprefix(f"{loaded.path.parent}/")
        for p in loaded.problems
        if p.field.endswith(".image")
    ]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# -- one Unicode form ------------------------------------------------------------------------


def test_a_name_written_composed_finds_the_file_a_mac_saved_decomposed(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    on_disk = folder / nfd("café.png")  # e and a combining accent, as copied from a Mac
    on_disk.write_bytes(png_bytes(4, 3))
    loaded = load(folder, "café.png")  # é as one character, as typed
    assert lines(loaded) == []
    assert loaded.images["café.png"] == on_disk.resolve()


def test_a_name_written_decomposed_finds_the_file_saved_composed(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "ёлка.png").write_bytes(png_bytes(4, 3))
    written = nfd("ёлка.png")
    assert written != "ёлка.png"
    loaded = load(folder, written)
    assert lines(loaded) == []
    assert loaded.images[written] == (folder / "ёлка.png").resolve()


def test_folder_names_are_compared_in_one_form_too(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (folder / nfd("Mädchen")).mkdir(parents=True)
    (folder / nfd("Mädchen") / "bild.png").write_bytes(png_bytes(4, 3))
    assert lines(load(folder, "Mädchen/bild.png")) == []


def test_the_file_in_the_form_written_wins_when_both_forms_are_there(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "café.png").write_bytes(png_bytes(4, 3))
    (folder / nfd("café.png")).write_bytes(png_bytes(6, 3))
    assert load(folder, nfd("café.png")).images[nfd("café.png")].name == nfd("café.png")
    assert load(tmp_path / "pack", "café.png").images["café.png"].name == "café.png"


def test_a_case_slip_is_still_named_whatever_the_unicode_form(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / nfd("Café.png")).write_bytes(png_bytes(4, 3))
    assert lines(load(folder, "café.png")) == [
        'pack.yaml:6:12: rounds[0].image: the file is spelled "Café.png"; upper and lower '
        "case must match exactly (another computer may tell them apart, as Linux does)"
    ]


# -- validate opens each picture the way the game will ----------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "animated.webp",
            "the picture is animated (more than one frame); the game shows one still picture, "
            "so save one frame as PNG or JPEG",
        ),
        (
            "truncated.png",
            "the picture is cut short: the file ends before its last pixels "
            "(copy or download it again, or save it again from a picture editor)",
        ),
        (
            "truncated.jpg",
            "the picture is cut short: the file ends before its last pixels "
            "(copy or download it again, or save it again from a picture editor)",
        ),
    ],
)
def test_validate_names_the_picture_the_game_could_not_show(
    tmp_path: Path, name: str, message: str
) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(CASES / name, folder / name)
    loaded = load(folder, name)
    assert lines(loaded) == [f"pack.yaml:6:12: rounds[0].image: {message}"]
    assert loaded.pack is None


@pytest.mark.parametrize(
    "name", ["phone-photo-exif-6.jpg", "transparent-rgba.png", "transparent-palette.png"]
)
def test_photos_and_transparent_pictures_are_valid(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(CASES / name, folder / name)
    assert lines(load(folder, name)) == []


def test_a_question_picture_cut_short_is_refused_too(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "ok.png").write_bytes(png_bytes(4, 3))
    shutil.copy(CASES / "truncated.png", folder / "cut.png")
    text = pack_text("ok.png").replace(
        "    answer: Blue\n", "    answer: Blue\n    image: cut.png\n"
    )
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "assets").mkdir()
    loaded = load_pack(folder / "pack.yaml", assets_dir=tmp_path / "assets")
    (problem,) = [p for p in loaded.problems if p.field.endswith(".image")]
    assert (problem.line, problem.column, problem.field) == (14, 12, "questions[0].image")
    assert problem.message.startswith("the picture is cut short")


# -- a board the class can read --------------------------------------------------------------


def picture(folder: Path, size: tuple[int, int], name: str = "shape.png") -> str:
    folder.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 120, 200)).save(folder / name)
    return name


def test_a_banner_picture_gets_a_warning_and_the_pack_still_plays(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    loaded = load(folder, picture(folder, (4000, 100)), grid="4x5")
    assert lines(loaded) == [
        "pack.yaml:6:12: warning: rounds[0].image: the picture is 4000x100 pixels, so in the "
        "game's smallest window (1024x640) each tile of the 4x5 grid is only 96x3 pixels, "
        "too small to see; crop the picture nearer to square"
    ]
    assert loaded.ok
    assert loaded.pack is not None


def test_a_wide_picture_on_a_square_grid_is_told_a_grid_that_fits(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    loaded = load(folder, picture(folder, (3000, 400)), grid="4x5")
    assert lines(loaded) == [
        "pack.yaml:6:12: warning: rounds[0].image: on the 4x5 grid each tile of this 3000x400 "
        "picture is 6 times as wide as it is tall, a strip the class can hardly tell apart; "
        "a 2x10 grid keeps the tiles near square"
    ]


def test_a_tall_picture_is_warned_about_too(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    (warning,) = lines(load(folder, picture(folder, (500, 3000)), grid="5x4"))
    assert "times as tall as it is wide" in warning


def test_the_default_grid_counts_when_none_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    Image.new("RGB", (3000, 400)).save(folder / "wide.png")
    (folder / "pack.yaml").write_text(
        pack_text("wide.png").replace("    grid: 1x2\n", ""), encoding="utf-8"
    )
    (tmp_path / "assets").mkdir()
    loaded = load_pack(folder / "pack.yaml", assets_dir=tmp_path / "assets")
    (warning,) = lines(loaded)
    assert "on the 4x5 grid" in warning


@pytest.mark.parametrize(
    ("size", "grid"),
    [((400, 300), "4x5"), ((300, 400), "5x4"), ((1600, 900), "4x5"), ((3000, 400), "2x10")],
)
def test_ordinary_pictures_get_no_warning(tmp_path: Path, size: tuple[int, int], grid: str) -> None:
    folder = tmp_path / "pack"
    assert lines(load(folder, picture(folder, size), grid=grid)) == []


def test_the_upright_shape_of_a_photo_is_the_one_judged(tmp_path: Path) -> None:
    # stored 100x1000 (a strip on 1x5) but turned a quarter by EXIF: upright it is 1000x100
    folder = tmp_path / "pack"
    folder.mkdir()
    exif = Image.Exif()
    exif[0x0112] = 6
    Image.new("RGB", (100, 1000)).save(folder / "photo.jpg", exif=exif.tobytes())
    assert lines(load(folder, "photo.jpg", grid="1x5")) == []
    assert lines(load(folder, "photo.jpg", grid="5x1"))


@pytest.mark.parametrize("width", [50, 100, 400, 1000, 3000, 4096])
@pytest.mark.parametrize("height", [50, 100, 400, 1000, 3000, 4096])
@pytest.mark.parametrize(("rows", "cols"), [(1, 2), (4, 5), (5, 4), (10, 10), (20, 20)])
def test_a_warning_is_given_exactly_when_tiles_are_specks_or_strips(
    width: int, height: int, rows: int, cols: int
) -> None:
    tile_w, tile_h = tile_size(width, height, rows, cols)
    unreadable = (
        min(tile_w, tile_h) < MIN_TILE_SIDE
        or max(tile_w / tile_h, tile_h / tile_w) > MAX_TILE_ASPECT
    )
    assert (shape_warning(width, height, rows, cols) is not None) == unreadable


@pytest.mark.parametrize(
    ("width", "height"),
    [(400, 400), (1600, 400), (400, 1600), (1600, 900), (900, 1600), (4000, 1000), (3000, 400)],
)
@pytest.mark.parametrize("tiles", [8, 20, 100])
def test_the_grid_suggested_has_near_square_tiles_and_about_as_many(
    width: int, height: int, tiles: int
) -> None:
    rows, cols = near_square_grid(width, height, tiles)
    tile_w, tile_h = tile_size(width, height, rows, cols)
    assert max(tile_w / tile_h, tile_h / tile_w) <= 2.0
    assert tiles / 2 <= rows * cols <= tiles * 2
    assert rows * cols >= 2


# -- a question's picture the class can make out -----------------------------------------------


def load_question_picture(folder: Path, size: tuple[int, int]) -> LoadedPack:
    """A pack whose one question has a ``size`` picture (its value at line 14, column 12)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ok.png").write_bytes(png_bytes(4, 3))
    picture(folder, size, "question.png")
    text = pack_text("ok.png").replace(
        "    answer: Blue\n", "    answer: Blue\n    image: question.png\n"
    )
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    assets = folder.parent / "assets"
    assets.mkdir(exist_ok=True)
    return load_pack(folder / "pack.yaml", assets_dir=assets)


def test_a_question_picture_too_tall_for_the_card_gets_a_warning(tmp_path: Path) -> None:
    loaded = load_question_picture(tmp_path / "pack", (400, 4000))
    assert lines(loaded) == [
        "pack.yaml:14:12: warning: questions[0].image: the picture is 400x4000 pixels, so in "
        "the game's smallest window (1024x640) the question card shows it as small as 11x112 "
        "pixels, too thin to make out; crop it to at most 4 times as tall as it is wide"
    ]
    assert loaded.ok


def test_a_banner_on_a_question_gets_a_warning(tmp_path: Path) -> None:
    (warning,) = lines(load_question_picture(tmp_path / "pack", (4000, 100)))
    assert warning.endswith(
        "as small as 416x10 pixels, too thin to make out; "
        "crop it to at most 17 times as wide as it is tall"
    )


@pytest.mark.parametrize("size", [(400, 300), (300, 400), (40, 30), (4000, 400), (1000, 4000)])
def test_ordinary_question_pictures_get_no_warning(tmp_path: Path, size: tuple[int, int]) -> None:
    # a small icon too: the card scales it up
    assert lines(load_question_picture(tmp_path / "pack", size)) == []


@pytest.mark.parametrize("width", [1, 50, 100, 400, 1000, 3000, 4096])
@pytest.mark.parametrize("height", [1, 50, 100, 400, 1000, 3000, 4096])
def test_a_question_picture_is_warned_about_exactly_when_it_shows_as_a_line(
    width: int, height: int
) -> None:
    shown_w, shown_h = question_picture_size(width, height)
    room_w, room_h = QUESTION_PICTURE_ROOM
    assert shown_w <= room_w + 1e-9
    assert shown_h <= room_h + 1e-9
    assert shown_w == pytest.approx(room_w) or shown_h == pytest.approx(room_h)  # as large as fits
    assert shown_w / shown_h == pytest.approx(width / height)
    line = min(shown_w, shown_h) < MIN_PICTURE_SIDE
    assert (question_picture_warning(width, height) is not None) == line
