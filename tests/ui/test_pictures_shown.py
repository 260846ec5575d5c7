"""Pictures as the class sees them in a real round: upright, transparent parts over a solid
background on the board, the reveal and the results, and the decoded pictures kept within
their memory budget."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml
from PIL import Image

import clarity.ui
from clarity.core.board import Tile
from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.picture_shape import QUESTION_PICTURE_ROOM, SMALLEST_BOARD_ROOM
from clarity.core.round import Phase
from clarity.ui.assets import PICTURE_BACKGROUND, Assets
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.results import ResultsScene
from core.packs import icc_profiles as icc

from .conftest import ASSETS, QUESTIONS, Pilot, write_play_pack

PICTURES = Path(__file__).resolve().parents[1] / "core" / "packs" / "pictures"
RED, BLUE, YELLOW = (230, 60, 40), (40, 120, 200), (250, 220, 40)
PURE_RED = (255, 0, 0)


def picture_pack(
    folder: Path, image: str, grid: str = "1x2", *, image_on_questions: bool = False
) -> LoadedPack:
    """A round over ``image`` (copied from the test pictures when it is one of them)
    with two true-or-false questions, whose answers are both "true" (each with ``image``
    too when ``image_on_questions``)."""
    folder.mkdir(parents=True, exist_ok=True)
    if (PICTURES / image).is_file():
        shutil.copy(PICTURES / image, folder / image)
    data: dict[str, Any] = {
        "clarity": 1,
        "id": "pictures",
        "title": "Pictures",
        "description": "A pack for the picture tests.",
        "rounds": [{"image": image, "answer": "Picture", "grid": grid}],
        "questions": [
            {"type": "truefalse", "prompt": "Minsk is the capital of Belarus.", "answer": True},
            {"type": "truefalse", "prompt": "Belarus has no coast on any sea.", "answer": True},
        ],
    }
    if image_on_questions:
        for asked in data["questions"]:
            asked["image"] = image
    path = folder / "pictures.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    return loaded


def start(pilot: Pilot, loaded: LoadedPack) -> PlayScene:
    scene = PlayScene(pilot.app, loaded, seed=3)
    pilot.app.push(scene)
    pilot.step()
    pilot.settle()
    return scene


def answer_right(pilot: Pilot, play: PlayScene) -> None:
    pilot.key(pygame.K_t)
    pilot.settle()
    if play.round.phase is Phase.FEEDBACK:
        pilot.key(pygame.K_RETURN)
        pilot.settle()
    pilot.step(3)  # regions a busy frame left waiting are drawn


def shown(surface: pygame.Surface, rect: pygame.Rect, at: tuple[float, float]) -> tuple[int, ...]:
    """The colour drawn at ``at``, a share (0-1) of ``rect``'s width and height."""
    x = rect.x + min(rect.width - 1, int(at[0] * rect.width))
    y = rect.y + min(rect.height - 1, int(at[1] * rect.height))
    return tuple(surface.get_at((x, y)))[:3]


def near(colour: tuple[int, ...], expected: tuple[int, ...], slack: int = 30) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(colour, expected, strict=True))


def test_the_photo_with_exif_rotation_shows_upright(pilot: Pilot, tmp_path: Path) -> None:
    # stored portrait (300x400) with "turn a quarter": upright it is landscape, the red
    # rectangle top left, the yellow disc bottom right
    play = start(pilot, picture_pack(tmp_path / "pack", "phone-photo-exif-6.jpg"))
    board = play.board_view.rect
    assert abs(board.width / board.height - 4 / 3) < 0.02
    answer_right(pilot, play)
    answer_right(pilot, play)
    assert play.round.board.hidden_count == 0
    surface = pilot.app.surface
    assert near(shown(surface, board, (0.25, 0.25)), RED)
    assert near(shown(surface, board, (0.75, 0.72)), YELLOW)
    assert near(shown(surface, board, (0.75, 0.4)), BLUE)  # (a trophy's toast is above)
    assert near(shown(surface, board, (0.2, 0.8)), BLUE)


# A point in each tile of a 1x2 grid where transparent-rgba.png is fully transparent
# (magenta with alpha 0; the red rectangle and the yellow disc are elsewhere), below
# where a trophy's toast may lie over the board.
CLEAR_POINT = {Tile(0, 0): (0.25, 0.85), Tile(0, 1): (0.9, 0.4)}


@pytest.mark.parametrize("name", ["transparent-rgba.png", "transparent-palette.png"])
def test_an_uncovered_tile_of_a_transparent_picture_shows_the_picture_not_the_cover(
    pilot: Pilot, tmp_path: Path, name: str
) -> None:
    play = start(pilot, picture_pack(tmp_path / "pack", name))
    board = play.board_view.rect
    surface = pilot.app.surface
    covered = {tile: shown(surface, board, at) for tile, at in CLEAR_POINT.items()}
    answer_right(pilot, play)
    (uncovered,) = play.round.board.uncovered_tiles
    (hidden,) = play.round.board.hidden_tiles()
    # the cover and its "?" are gone: the picture's background, not the tile, is drawn
    assert shown(surface, board, CLEAR_POINT[uncovered]) == PICTURE_BACKGROUND
    assert shown(surface, board, CLEAR_POINT[uncovered]) != covered[uncovered]
    assert shown(surface, board, CLEAR_POINT[hidden]) == covered[hidden]  # still covered
    assert near(shown(surface, board, (0.25, 0.25)), RED) == (uncovered == Tile(0, 0))


def test_the_reveal_and_the_results_show_transparent_parts_over_the_background(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = start(pilot, picture_pack(tmp_path / "pack", "transparent-rgba.png"))
    answer_right(pilot, play)
    answer_right(pilot, play)
    assert play.round.phase is Phase.FINAL_GUESS
    board = play.board_view.rect
    for at in CLEAR_POINT.values():
        assert shown(pilot.app.surface, board, at) == PICTURE_BACKGROUND
    pilot.type("picture")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: isinstance(pilot.app.top, ResultsScene))
    results = pilot.top
    assert isinstance(results, ResultsScene)
    pilot.key(pygame.K_RETURN)  # the presentation shown whole at once
    pilot.step(3)
    edge = max(2, pilot.app.look.metrics(pilot.app.size).px(0.25))
    image = results.layout_boxes()["image"].inflate(-2 * edge, -2 * edge)
    for at in CLEAR_POINT.values():
        assert near(shown(pilot.app.surface, image, at), PICTURE_BACKGROUND, 3)
    assert near(shown(pilot.app.surface, image, (0.25, 0.25)), RED)


def test_a_display_p3_picture_shows_its_srgb_colours_on_the_card_the_board_and_the_results(
    pilot: Pilot, tmp_path: Path
) -> None:
    # one picture, as the mystery and as a question's: stored as the Display P3 values of
    # sRGB red, shown as sRGB red everywhere (a screen without the profile shows 234,51,35)
    folder = tmp_path / "pack"
    folder.mkdir()
    stored = icc.convert(PURE_RED, icc.SRGB_IN, icc.P3_OUT)
    assert not near(stored, PURE_RED, 12)
    Image.new("RGB", (120, 90), stored).save(folder / "p3.png", icc_profile=icc.display_p3())
    loaded = picture_pack(folder, "p3.png", image_on_questions=True)
    play = start(pilot, loaded)
    pilot.step(3)
    edge = max(2, pilot.app.look.metrics(pilot.app.size).px(0.25))
    card = play.layout_boxes()["question_picture"].inflate(-2 * edge, -2 * edge)
    assert near(shown(pilot.app.surface, card, (0.5, 0.5)), PURE_RED, 4)
    answer_right(pilot, play)
    answer_right(pilot, play)
    board = play.board_view.rect
    assert near(shown(pilot.app.surface, board, (0.3, 0.8)), PURE_RED, 4)
    pilot.type("picture")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: isinstance(pilot.app.top, ResultsScene))
    results = pilot.top
    assert isinstance(results, ResultsScene)
    pilot.key(pygame.K_RETURN)  # the presentation shown whole at once
    pilot.step(3)
    image = results.layout_boxes()["image"].inflate(-2 * edge, -2 * edge)
    assert near(shown(pilot.app.surface, image, (0.5, 0.5)), PURE_RED, 4)


def test_only_the_assets_open_a_packs_picture() -> None:
    # every screen draws a pack's picture through Assets.image, scaled and image_size,
    # so orientation, colours and transparency agree on the card, the board and the results
    ui = Path(clarity.ui.__file__).parent
    openers = ("pygame.image.load", "Image.open", "decode_picture", "image.frombuffer")
    found = [
        f"{path.relative_to(ui)}: {opener}"
        for path in sorted(ui.rglob("*.py"))
        if path.name != "assets.py"
        for opener in openers
        if opener in path.read_text(encoding="utf-8")
    ]
    assert found == []


@pytest.mark.parametrize(("size", "room"), [((400, 400), 1), ((4000, 250), 0)])
def test_the_board_has_at_least_the_room_the_shape_warning_counts_on(
    make_app: Any, tmp_path: Path, size: tuple[int, int], room: int
) -> None:
    # picture_shape judges tiles on a board of SMALLEST_BOARD_ROOM in a 1024x640 window
    folder = tmp_path / "pack"
    folder.mkdir()
    Image.new("RGB", size, BLUE).save(folder / "shape.png")
    pilot = Pilot(make_app((1024, 640)))
    play = start(pilot, picture_pack(folder, "shape.png"))
    assert play.board_view.rect.size[room] >= SMALLEST_BOARD_ROOM[room]


@pytest.mark.parametrize("kind", ["choice-six", "typed-capital"])
@pytest.mark.parametrize(("size", "room"), [((400, 4000), 1), ((4000, 100), 0)])
def test_the_question_card_gives_a_picture_the_room_its_warning_counts_on(
    make_app: Any, tmp_path: Path, kind: str, size: tuple[int, int], room: int
) -> None:
    # picture_shape judges a question's picture in QUESTION_PICTURE_ROOM at 1024x640; six
    # choices leave the least height beside the prompt
    folder = tmp_path / "pack"
    folder.mkdir()
    Image.new("RGB", size, BLUE).save(folder / "shape.png")
    asked = {**next(q for q in QUESTIONS if q["id"] == kind), "image": "shape.png"}
    path = write_play_pack(folder, questions=[asked], pack_id="shape")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    pilot = Pilot(make_app((1024, 640)))
    play = start(pilot, loaded)
    pilot.step(3)
    edge = max(2, pilot.app.look.metrics(pilot.app.size).px(0.25))
    shown = play.layout_boxes()["question_picture"].inflate(-2 * edge, -2 * edge)
    assert shown.size[room] >= QUESTION_PICTURE_ROOM[room]


# -- the pictures' cache ------------------------------------------------------------------


def write_pictures(folder: Path, count: int, side: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"p{i}.png"
        Image.new("RGB", (side, side), (i * 20 % 256, 90, 160)).save(path)
        paths.append(path)
    return paths


@pytest.mark.usefixtures("app")  # a display to convert() for
def test_the_pictures_cache_stays_within_its_budget_least_recently_used_out(
    tmp_path: Path,
) -> None:
    assets = Assets(ASSETS)
    one = 512 * 512 * 4  # a 512x512 picture in the screen's 32-bit format
    assets.picture_budget = 3 * one + one // 2
    paths = write_pictures(tmp_path / "big", 12, 512)
    for path in paths:
        assets.scaled(path, (200, 150))
        assert assets.picture_cache_bytes <= assets.picture_budget
    last = assets.image(paths[-1])
    assert assets.image(paths[-1]) is last  # the most recent is kept...
    first = assets.image(paths[0])
    assert assets.image(paths[0]) is first
    assert assets.picture_cache_bytes <= assets.picture_budget
    # ...and the size of a picture let go is still known without decoding it again
    assert assets.image_size(paths[5]) == (512, 512)


@pytest.mark.usefixtures("app")
def test_a_picture_let_go_is_decoded_again_when_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clarity.ui import assets as assets_module

    decoded: list[Path] = []
    real = assets_module.decode_picture

    def counting(path: Path, **options: Any) -> Any:
        decoded.append(path)
        return real(path, **options)

    monkeypatch.setattr(assets_module, "decode_picture", counting)
    assets = Assets(ASSETS)
    assets.picture_budget = 2 * 256 * 256 * 4
    first, second, third = write_pictures(tmp_path / "pics", 3, 256)
    for path in (first, second, first, third):  # first was used again: second goes
        assets.image(path)
    assert decoded == [first, second, third]
    assets.image(first)
    assets.image_size(second)
    assert decoded == [first, second, third]
    assets.image(second)
    assert decoded == [first, second, third, second]


@pytest.mark.usefixtures("app")
def test_a_picture_the_game_cannot_show_raises_the_teachers_reason(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    shutil.copy(PICTURES / "truncated.png", path)
    with pytest.raises(pygame.error, match="the picture is cut short"):
        Assets(ASSETS).image(path)
