"""The pack choice: cards, broken packs greyed and skipped, keyboard, mouse and scrolling."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack
from clarity.ui.app import App
from clarity.ui.scenes.packs import PackScene, error_text
from clarity.ui.scenes.title import TitleScene
from clarity.ui.textfit import wrap_lines

from .conftest import Pilot
from .key_tables import assert_hints_are_the_table, drawn_hints, hold
from .menus import click, headless, inside, open_app, press, step, wheel
from .pack_files import write_broken_pack, write_pack

OpenPacks = Callable[..., tuple[App, PackScene, list[LoadedPack]]]


@pytest.fixture
def open_packs(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenPacks]:
    """Open the App on the title, then the pack choice over ``folder``; chosen packs
    are collected instead of starting a round."""
    headless(monkeypatch)
    opened: list[App] = []

    def start(folder: Path, size: tuple[int, int] = (1280, 800)) -> tuple[App, PackScene, list]:
        app = open_app([folder], size, first=TitleScene)
        opened.append(app)
        chosen: list[LoadedPack] = []
        scene = PackScene(app, on_choose=chosen.append)
        app.push(scene)
        step(app)
        app.services.packs.all()  # the packs load in the background: wait for all of them
        step(app)
        return app, scene, chosen

    yield start
    for app in opened:
        app.close()


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    write_pack(folder, "alpha", title="Alpha", questions=7, rounds=2, grid="4x5")
    write_broken_pack(folder, "broken")
    write_pack(folder, "gamma", title="Gamma", description="Stars and planets.")
    return folder


@pytest.fixture
def many(tmp_path: Path) -> Path:
    folder = tmp_path / "many"
    for i in range(14):
        write_pack(folder, f"pack-{i:02d}", title=f"Pack {i:02d}")
    return folder


def test_each_card_shows_a_pack_and_broken_packs_cannot_be_chosen(
    open_packs: OpenPacks, mixed: Path
) -> None:
    _, scene, _ = open_packs(mixed)
    by_id = {card.loaded.id: card for card in scene.cards}
    assert set(by_id) == {"alpha", "broken", "gamma"}
    assert by_id["alpha"].playable
    assert by_id["gamma"].playable
    assert not by_id["broken"].playable
    assert not by_id["broken"].button.enabled
    assert scene.cards[-1].loaded.id == "broken"  # the packs that play come first
    alpha = by_id["alpha"].loaded.pack
    assert alpha is not None
    assert (len(alpha.rounds), len(alpha.questions)) == (2, 7)


def test_the_default_pack_comes_first_with_the_focus_then_titles_then_broken_ones(
    open_packs: OpenPacks, tmp_path: Path
) -> None:
    folder = tmp_path / "with-default"
    write_pack(folder, "alpha", title="Alpha")
    write_broken_pack(folder, "broken")
    write_pack(folder, "zebras", title="Zebras")
    write_pack(folder, "union-state", title="The Union State")
    _, scene, _ = open_packs(folder)
    assert [card.loaded.id for card in scene.cards] == ["union-state", "alpha", "zebras", "broken"]
    assert scene.focused_pack is not None
    assert scene.focused_pack.id == "union-state"


def test_a_broken_pack_shows_its_first_error(open_packs: OpenPacks, mixed: Path) -> None:
    _, scene, _ = open_packs(mixed)
    broken = next(c for c in scene.cards if c.loaded.id == "broken")
    message = error_text(broken.loaded)
    assert message.startswith("Line 12:")
    assert '"three" is not one of the choices' in message


def test_arrows_and_tab_skip_the_broken_pack(open_packs: OpenPacks, mixed: Path) -> None:
    app, scene, _ = open_packs(mixed)
    seen = []
    for key in (pygame.K_DOWN,) * 4 + (pygame.K_TAB,) * 4 + (pygame.K_UP,) * 4:
        press(app, key, frames=1)
        seen.append(scene.focus.focused)
    broken = next(c for c in scene.cards if c.loaded.id == "broken")
    assert broken.button not in seen
    assert scene.back_button in seen


def test_enter_chooses_the_focused_pack(open_packs: OpenPacks, mixed: Path) -> None:
    app, _scene, chosen = open_packs(mixed)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert [p.id for p in chosen] == ["gamma"]


def test_a_click_chooses_a_pack_but_not_a_broken_one(open_packs: OpenPacks, mixed: Path) -> None:
    app, scene, chosen = open_packs(mixed)
    broken = next(c for c in scene.cards if c.loaded.id == "broken")
    click(app, scene.card_rect(broken).center)
    assert chosen == []
    alpha = next(c for c in scene.cards if c.loaded.id == "alpha")
    click(app, scene.card_rect(alpha).center)
    assert [p.id for p in chosen] == ["alpha"]


def test_esc_and_the_back_button_return_to_the_title(open_packs: OpenPacks, mixed: Path) -> None:
    app, _scene, _ = open_packs(mixed)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    app.screens.push("packs")
    step(app)
    back = app.top
    assert isinstance(back, PackScene)
    click(app, back.back_button.rect.center)
    assert isinstance(app.top, TitleScene)


def test_the_list_scrolls_to_keep_the_focused_pack_in_view(
    open_packs: OpenPacks, many: Path
) -> None:
    app, scene, chosen = open_packs(many, (1024, 640))
    assert scene.max_scroll > 0
    assert scene.scroll == 0
    for _ in range(len(scene.cards) - 1):
        press(app, pygame.K_DOWN, frames=1)
    step(app, 60)  # the list glides
    last = scene.cards[-1]
    assert scene.focus.focused is last.button
    assert scene.scroll > 0
    assert inside(scene.card_rect(last), scene.list_area)
    press(app, pygame.K_RETURN)
    assert [p.id for p in chosen] == ["pack-13"]


def test_the_wheel_and_page_keys_scroll(open_packs: OpenPacks, many: Path) -> None:
    app, scene, _ = open_packs(many, (1024, 640))
    wheel(app, -3, frames=60)
    assert scene.scroll > 0
    press(app, pygame.K_END, frames=1)  # an unused key changes nothing
    press(app, pygame.K_PAGEDOWN, frames=60)
    deeper = scene.scroll
    assert deeper > 0
    wheel(app, 100, frames=60)
    assert scene.scroll == 0
    press(app, pygame.K_PAGEDOWN, frames=1)
    for _ in range(30):
        press(app, pygame.K_PAGEDOWN, frames=1)
    step(app, 60)
    assert scene.scroll == scene.max_scroll


def test_a_card_scrolled_out_of_view_takes_no_clicks(open_packs: OpenPacks, many: Path) -> None:
    app, scene, chosen = open_packs(many, (1024, 640))
    below_the_list = (scene.list_area.centerx, scene.list_area.bottom + 2)
    # a card runs on under the bottom edge of the list, where it is not drawn
    assert any(scene.card_rect(c).collidepoint(below_the_list) for c in scene.cards)
    click(app, below_the_list)
    assert chosen == []


@pytest.mark.parametrize("size", [(1024, 640), (1024, 768), (1920, 1080), (3840, 2160)])
def test_the_pack_choice_fits_the_window(
    open_packs: OpenPacks, mixed: Path, size: tuple[int, int]
) -> None:
    app, scene, _ = open_packs(mixed, size)
    window = pygame.Rect((0, 0), app.size)
    boxes = scene.layout_boxes()
    for name, box in boxes.items():
        assert inside(box, window), f"{name} {box} is cut off in {size}"
    for (a, box_a), (b, box_b) in combinations(boxes.items(), 2):
        assert not box_a.colliderect(box_b), f"{a} overlaps {b} at {size}"


def test_no_packs_leaves_only_the_way_back(open_packs: OpenPacks, tmp_path: Path) -> None:
    app, scene, chosen = open_packs(tmp_path / "empty")
    assert scene.cards == []
    assert scene.focus.focused is scene.back_button
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, TitleScene)
    assert chosen == []


def test_long_text_is_wrapped_and_ends_with_an_ellipsis(monkeypatch: pytest.MonkeyPatch) -> None:
    headless(monkeypatch)
    pygame.font.init()
    try:
        font = pygame.font.Font(None, 24)
        text = "word " * 60 + "averyveryveryverylongwordwithoutanybreaks" * 3
        lines = wrap_lines(font, text, 200, 2)
        assert len(lines) == 2
        assert lines[-1].endswith("…")
        assert all(font.size(line)[0] <= 200 for line in lines)
        assert wrap_lines(font, "short", 200, 2) == ["short"]
        long_word = wrap_lines(font, "x" * 300, 200, 3)
        assert len(long_word) == 3
        assert all(font.size(line)[0] <= 200 for line in long_word)
    finally:
        pygame.font.quit()


@pytest.mark.parametrize("folder", ["mixed", "many"])
def test_the_hints_drawn_are_the_table_the_keys_are_handled_with(
    open_packs: OpenPacks,
    folder: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, scene, chosen = open_packs(request.getfixturevalue(folder), (1024, 640))
    rows = scene.bindings()
    with drawn_hints(monkeypatch) as drawn:
        assert_hints_are_the_table(Pilot(app), drawn, rows, [(scene, rows)])
    labels = [label for _cap, label in drawn[-1]]
    # PageUp and PageDown are offered exactly while the list is longer than its view
    scrolls = scene.max_scroll > 0
    assert scrolls == (folder == "many")
    assert labels == ["move", "play", "back", *(["scroll"] if scrolls else [])]
    assert app.top is scene
    assert chosen == []


def test_a_held_esc_goes_back_one_screen(open_packs: OpenPacks, mixed: Path) -> None:
    app, _scene, _ = open_packs(mixed)
    hold(Pilot(app), pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    assert app.running  # the title took the repeats for no press: it did not quit


def test_held_arrows_and_page_keys_go_on_down_the_list(open_packs: OpenPacks, many: Path) -> None:
    app, scene, _ = open_packs(many, (1024, 640))
    pilot = Pilot(app)
    hold(pilot, pygame.K_DOWN, repeats=3)
    assert scene.focused_pack is not None
    assert scene.focused_pack.id == "pack-04"  # one press and three repeats: four down
    hold(pilot, pygame.K_PAGEDOWN, repeats=2)
    step(app, 60)
    one_page = scene.list_area.height * 0.8
    assert scene.scroll > 2 * one_page


def test_a_held_enter_plays_the_pack_once(open_packs: OpenPacks, mixed: Path) -> None:
    app, _scene, chosen = open_packs(mixed)
    hold(Pilot(app), pygame.K_RETURN, repeats=4)
    assert [p.id for p in chosen] == ["alpha"]
