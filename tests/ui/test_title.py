"""The title screen: Play, the class game and Quit, keyboard and mouse, fast, and laid out
cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from clarity.ui.app import GLOBAL_BINDINGS, App
from clarity.ui.scenes.packs import PackScene
from clarity.ui.scenes.title import TITLE_KEYS, TitleScene

from .conftest import Pilot
from .key_tables import assert_hints_are_the_table, drawn_hints, hold
from .menus import click, headless, inside, open_app, press, step
from .pack_files import write_pack

SIZES = [(1024, 640), (1024, 768), (1280, 960), (1920, 1080), (3840, 2160), (800, 500)]


@pytest.fixture
def packs_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    write_pack(folder, "alpha", title="Alpha pack")
    write_pack(folder, "beta", title="Beta pack")
    return folder


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, packs_dir: Path) -> Iterator[App]:
    headless(monkeypatch)
    app = open_app([packs_dir], first=TitleScene)
    yield app
    app.close()


def test_title_offers_play_the_class_game_and_quit_and_nothing_else(app: App) -> None:
    title = app.top
    assert isinstance(title, TitleScene)
    assert [b.label for b in title.focus.buttons] == [
        "Play",
        "Study",
        "True or False",
        "Settings",
        "Class game",
        "Quit",
    ]
    assert all(b.enabled for b in title.focus.buttons)
    assert title.focus.focused is title.play_button


def test_the_title_needs_no_pack_and_no_sound(app: App) -> None:
    step(app, 5)
    assert not app.services.packs.loaded
    assert pygame.mixer.get_init() is None


def test_enter_on_play_opens_the_pack_choice(app: App) -> None:
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, PackScene)
    assert [s.name for s in app.scenes] == ["title", "packs"]


def test_a_click_on_play_opens_the_pack_choice(app: App) -> None:
    title = app.top
    assert isinstance(title, TitleScene)
    click(app, title.play_button.rect.center)
    assert isinstance(app.top, PackScene)


def test_arrows_reach_quit_and_enter_ends_the_game(app: App) -> None:
    press(app, pygame.K_DOWN)
    title = app.top
    assert isinstance(title, TitleScene)
    assert title.focus.focused is title.study_button
    press(app, pygame.K_DOWN)
    assert title.focus.focused is title.sprint_button
    press(app, pygame.K_DOWN)
    assert title.focus.focused is title.settings_button
    press(app, pygame.K_DOWN)
    assert title.focus.focused is title.class_button
    press(app, pygame.K_DOWN)
    assert title.focus.focused is title.quit_button
    press(app, pygame.K_RETURN)
    assert not app.running


def test_esc_on_the_title_ends_the_game(app: App) -> None:
    press(app, pygame.K_ESCAPE)
    assert not app.running


def test_keys_alone_go_from_the_title_to_a_round_of_the_chosen_pack(app: App) -> None:
    press(app, pygame.K_RETURN)  # Play
    packs = app.top
    assert isinstance(packs, PackScene)
    app.services.packs.all()  # the packs come in the background
    step(app)
    assert packs.focused_pack is not None
    assert packs.focused_pack.id == "alpha"
    press(app, pygame.K_DOWN)
    assert packs.focused_pack is not None
    assert packs.focused_pack.id == "beta"
    press(app, pygame.K_RETURN)
    play = app.top
    assert play is not None
    assert play.name == "play"
    assert play.round.pack.id == "beta"  # type: ignore[attr-defined]
    assert play.round.seed == 1  # type: ignore[attr-defined]  # the session's seed
    # the pack choice gave way: "back to the title" from the round is one step
    assert [s.name for s in app.scenes] == ["title", "play"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title_fits_the_window_without_overlaps(app: App, size: tuple[int, int]) -> None:
    app.resize(size)
    step(app)
    title = app.top
    assert isinstance(title, TitleScene)
    window = pygame.Rect((0, 0), app.size)
    boxes = title.layout_boxes()
    for name, box in boxes.items():
        assert inside(box, window), f"{name} {box} is cut off in {window.size}"
    for (a, box_a), (b, box_b) in combinations(boxes.items(), 2):
        assert not box_a.colliderect(box_b), f"{a} overlaps {b} at {window.size}"
    # the name is the largest thing on the screen, and grows with the window
    assert boxes["name"].height >= boxes["play"].height


def test_text_grows_with_the_window(app: App) -> None:
    app.resize((1024, 640))
    small = app.top.layout_boxes()["name"].height  # type: ignore[union-attr]
    app.resize((3840, 2160))
    large = app.top.layout_boxes()["name"].height  # type: ignore[union-attr]
    assert large > 2.5 * small


def test_the_mosaic_uncovers_itself_over_time(app: App) -> None:
    title = app.top
    assert isinstance(title, TitleScene)
    before = [title.mosaic.open_amount(i) for i in range(len(title.mosaic.order))]
    step(app, 90)
    after = [title.mosaic.open_amount(i) for i in range(len(title.mosaic.order))]
    assert before != after


def test_the_hints_drawn_are_the_titles_table_and_the_apps_keys(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = app.top
    assert isinstance(title, TitleScene)
    pilot = Pilot(app)
    with drawn_hints(monkeypatch) as drawn:
        # M is pressed on the US and the Russian layout ("ь" on the key printed M)
        assert_hints_are_the_table(
            pilot,
            drawn,
            (*TITLE_KEYS, *GLOBAL_BINDINGS),
            [(title, TITLE_KEYS), (app, GLOBAL_BINDINGS)],
        )
    assert [hint[1] for hint in drawn[-1]] == ["move", "choose", "quit", "full screen", "sound"]
    assert app.top is title
    assert app.running


def test_a_held_esc_walks_back_to_the_title_and_does_not_quit(app: App) -> None:
    pilot = Pilot(app)
    pilot.key(pygame.K_RETURN)  # Play: the pack choice
    assert isinstance(app.top, PackScene)
    hold(pilot, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    assert app.running  # the repeats that reached the title were no presses
    pilot.key(pygame.K_ESCAPE)  # a fresh press is one
    assert not app.running


def test_a_held_enter_opens_the_pack_choice_once_and_starts_no_round(app: App) -> None:
    pilot = Pilot(app)
    hold(pilot, pygame.K_RETURN, repeats=5)
    assert [s.name for s in app.scenes] == ["title", "packs"]


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800), (1920, 1080)])
def test_the_full_title_at_200_percent_text_is_laid_out_in_a_wide_low_window(
    make_app, tmp_path: Path, size: tuple[int, int]
) -> None:
    from clarity.settings import Settings
    from clarity.ui.services import GameSettings

    from .test_layout import assert_laid_out

    saved = Settings().with_values({"text-size": 200})
    app = make_app(size=size, settings=GameSettings(seed=1, saved=saved))
    app.services.data_dir = tmp_path / "data"  # the full menu: Play over a grid of six
    app.screens.push("title")
    Pilot(app).step(2)
    title = app.top
    assert isinstance(title, TitleScene)
    boxes = title.layout_boxes()
    assert {"play", "trophies", "scores", "player", "settings", "class", "quit"} <= boxes.keys()
    boxes.pop("status", None)  # empty until the store has opened
    assert_laid_out(boxes, app.size)
