"""The pack choice: cards, broken packs greyed and skipped, keyboard, mouse and scrolling."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from itertools import combinations
from pathlib import Path
from types import MappingProxyType

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack, Problem, load_pack
from clarity.i18n import Translator
from clarity.resources import bundled_assets_dir
from clarity.ui.app import App, WindowOptions, minimum_size
from clarity.ui.assets import Assets
from clarity.ui.pack_shelf import PackStream
from clarity.ui.scenes import packs as packs_scene
from clarity.ui.scenes.packs import (
    ERROR_LINES,
    MEASURED_CHARS_PER_LINE,
    PackScene,
    error_text,
)
from clarity.ui.scenes.title import TitleScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound
from clarity.ui.textfit import wrap_lines
from clarity.ui.theme import Look

from .conftest import Pilot
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text, untranslated_words
from .key_tables import assert_hints_are_the_table, drawn_hints, hold
from .menus import click, headless, inside, open_app, press, step, wheel
from .pack_files import write_broken_pack, write_pack

OpenPacks = Callable[..., tuple[App, PackScene, list[LoadedPack]]]
ASSETS = bundled_assets_dir()


@pytest.fixture
def open_packs(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenPacks]:
    """Open the App on the title, then the pack choice over ``folder``; chosen packs
    are collected instead of starting a round."""
    headless(monkeypatch)
    opened: list[App] = []

    def start(
        folder: Path,
        size: tuple[int, int] = (1280, 800),
        *,
        language: str = "en",
        text_size: int = 100,
    ) -> tuple[App, PackScene, list]:
        app = open_app([folder], size)
        opened.append(app)
        if language != "en" or text_size != 100:
            app.services.settings = game_settings(language)
            app.apply_look(Look.from_choices(text_size=text_size))  # and the language
        app.push(TitleScene(app))
        step(app)
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
    message = error_text(broken.loaded, Translator("en"))
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


#: English at every size; the pseudo-language (40 % longer, every message bracketed) and
#: Russian at the smallest and a large window and at text size 200 in its smallest window.
FITTING = [
    *(("en", size, 100) for size in [(1024, 640), (1024, 768), (1920, 1080), (3840, 2160)]),
    ("qps-ploc", (1024, 640), 100),
    ("qps-ploc", (1920, 1080), 100),
    ("qps-ploc", minimum_size(2.0), 200),
    ("ru", (1024, 640), 100),
]
#: The mixed packs' own words (the pack's language), and the broken pack's file name.
PACK_WORDS = (
    "Clarity Challenge",
    "Alpha",
    "Gamma",
    "Stars and planets.",
    "A pack written by the tests.",
    "broken.yaml",
)
#: The broken pack's error quotes its field and value as the file writes them.
ERROR_WORDS = ("questions", "answer", "three")
KEY_CAPS = ("Esc", "Enter", "PgUp", "PgDn", "F11")


@pytest.mark.parametrize(
    ("language", "size", "text_size"),
    FITTING,
    ids=[f"{lang}-{w}x{h}-{text}%" for lang, (w, h), text in FITTING],
)
def test_the_pack_choice_fits_the_window(  # noqa: PLR0917 - the fixtures and the case
    open_packs: OpenPacks,
    mixed: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
    text_size: int,
) -> None:
    with recording_drawn_text(monkeypatch) as drawn:
        app, scene, _ = open_packs(mixed, size, language=language, text_size=text_size)
        step(app)
    window = pygame.Rect((0, 0), app.size)
    boxes = scene.layout_boxes()
    for name, box in boxes.items():
        assert inside(box, window), f"{name} {box} is cut off in {size}"
    for (a, box_a), (b, box_b) in combinations(boxes.items(), 2):
        assert not box_a.colliderect(box_b), f"{a} overlaps {b} at {size}"
    if language == "qps-ploc":
        assert untranslated_words(drawn, [*PACK_WORDS, *ERROR_WORDS, *KEY_CAPS]) == set()
        assert cut_off_messages(drawn) == []
    if language == "ru":
        assert "Выберите набор" in drawn
        # the counts of the pack with 2 rounds, 7 questions and a 4x5 board
        assert "2 раунда · 7 вопросов · поле 4x5" in drawn  # wrapping folds the spaces
        assert any(line.startswith("Строка 12: ") for line in drawn)


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
    assert labels == ["move", "play", "back", "print", *(["scroll"] if scrolls else [])]
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


# -- packs arriving while the screen is open ------------------------------------------


class GatedPacks:
    """A pack provider that gives its packs only as the test releases them, one by one:
    a slow packs folder, made deterministic."""

    def __init__(self, packs: list[LoadedPack]) -> None:
        self.packs = packs
        self._gate = threading.Semaphore(0)

    def __call__(self, folders: Sequence[Path], assets_dir: Path) -> PackStream:
        return PackStream(len(self.packs), self._one_by_one())

    def _one_by_one(self) -> Iterator[LoadedPack]:
        for pack in self.packs:
            if not self._gate.acquire(timeout=30):
                return
            yield pack

    def open_wide(self) -> None:
        for _ in self.packs:
            self._gate.release()

    def release(self, app: App, count: int = 1) -> None:
        """Let ``count`` more packs through, and draw the frame that takes them in."""
        before = app.services.packs.progress().loaded
        for _ in range(count):
            self._gate.release()
        assert app.services.packs.wait_for(before + count, timeout=30)
        step(app)


Gated = Callable[..., tuple[App, PackScene, "GatedPacks"]]


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Gated]:
    """The App on the pack choice over packs that come only when released."""
    headless(monkeypatch)
    opened: list[tuple[App, GatedPacks]] = []

    def start(
        names: Sequence[str], size: tuple[int, int] = (1024, 640), more: Sequence[LoadedPack] = ()
    ) -> tuple[App, PackScene, GatedPacks]:
        folder = tmp_path / "slow"
        packs = [
            load_pack(write_pack(folder, name, title=name.title()), assets_dir=ASSETS)
            for name in names
        ]
        provider = GatedPacks([*packs, *more])
        services = Services(
            assets=Assets(ASSETS),
            sound=Sound(enabled=False),
            packs=PackCatalog([folder], ASSETS, provider),
            settings=GameSettings(seed=1),
        )
        app = App(services, WindowOptions(size=size))
        app.open()
        opened.append((app, provider))
        app.push(TitleScene(app))
        step(app)
        app.screens.push("packs")
        step(app)
        scene = app.top
        assert isinstance(scene, PackScene)
        return app, scene, provider

    yield start
    for app, provider in opened:
        provider.open_wide()  # let the loading thread finish
        app.close()


def test_the_pack_choice_is_drawn_before_any_pack_is_loaded(gated: Gated) -> None:
    app, scene, _ = gated(["alpha", "beta", "gamma"])
    frames = app.frame
    step(app, 3)
    assert app.frame == frames + 3  # the frames keep coming
    assert scene.cards == []
    assert scene.loading
    assert scene.progress_line == "Loading packs: 0 of 3"
    assert "progress" in scene.layout_boxes()


def test_cards_appear_while_the_loading_goes_on(gated: Gated) -> None:
    app, scene, provider = gated(["gamma", "alpha", "beta"])
    provider.release(app)
    assert [c.loaded.id for c in scene.cards] == ["gamma"]
    assert scene.progress_line == "Loading packs: 1 of 3"
    provider.release(app)
    assert [c.loaded.id for c in scene.cards] == ["alpha", "gamma"]  # each in its place
    assert scene.progress_line == "Loading packs: 2 of 3"
    provider.release(app)
    step(app)
    assert [c.loaded.id for c in scene.cards] == ["alpha", "beta", "gamma"]
    assert not scene.loading
    assert scene.progress_line is None
    assert "progress" not in scene.layout_boxes()


def test_the_first_pack_to_play_takes_the_focus_until_the_player_moves_it(gated: Gated) -> None:
    app, scene, provider = gated(["delta", "charlie", "bravo", "alpha"])
    assert scene.focused_button is None  # nothing to play yet: not even Back
    provider.release(app)
    assert scene.focused_pack is not None
    assert scene.focused_pack.id == "delta"
    provider.release(app)
    assert scene.focused_pack is not None
    assert scene.focused_pack.id == "charlie"
    press(app, pygame.K_DOWN)  # the player goes to "delta"
    assert scene.focused_pack is not None
    assert scene.focused_pack.id == "delta"
    provider.release(app, 2)  # two packs that sort before it
    assert [c.loaded.id for c in scene.cards] == ["alpha", "bravo", "charlie", "delta"]
    assert scene.focused_pack is not None
    assert scene.focused_pack.id == "delta"
    press(app, pygame.K_UP)
    assert scene.focused_pack is not None
    assert scene.focused_pack.id == "charlie"


def test_the_focused_card_stays_where_it_is_on_the_screen_as_cards_arrive_above(
    gated: Gated,
) -> None:
    names = [f"pack-{i:02d}" for i in range(20)]
    app, scene, provider = gated(names[10:] + names[:10])
    provider.release(app, 10)  # pack-10 ... pack-19
    for _ in range(4):
        press(app, pygame.K_DOWN, frames=1)
    step(app, 60)
    card = next(c for c in scene.cards if c.button is scene.focus.focused)
    assert card.loaded.id == "pack-14"
    was = scene.card_rect(card)
    provider.release(app, 10)  # pack-00 ... pack-09 come in above it
    assert scene.focused_pack is not None
    assert scene.focused_pack.id == "pack-14"
    assert scene.card_rect(card) == was
    assert inside(scene.card_rect(card), scene.list_area)


def broken_then(folder: Path, *names: str) -> list[LoadedPack]:
    """A pack that cannot be played, then the packs ``names``, as they would arrive."""
    broken = load_pack(write_broken_pack(folder, "broken"), assets_dir=ASSETS)
    assert not broken.ok
    return [broken, *(load_pack(write_pack(folder, n), assets_dir=ASSETS) for n in names)]


def test_enter_before_any_pack_has_come_waits_and_plays_the_first_pack(gated: Gated) -> None:
    app, scene, provider = gated(["beta", "alpha"])
    for _ in range(500):  # the loading thread has counted the files (on a busy machine: later)
        if scene.progress_line.startswith("Loading packs"):
            break
        step(app)
    press(app, pygame.K_RETURN)  # a quick player, before the packs are in
    assert app.top is scene, "Enter went back to the title"
    assert scene.enter_waiting
    assert scene.progress_line == "Loading packs: 0 of 2 · starting the first one…"
    provider.release(app)
    step(app)
    assert app.top is not None
    assert app.top.name == "play"
    assert app.top.loaded.id == "beta"  # type: ignore[attr-defined]


def test_enter_waits_past_a_pack_that_cannot_be_played(gated: Gated, tmp_path: Path) -> None:
    app, scene, provider = gated([], more=broken_then(tmp_path / "arriving", "alpha"))
    chosen: list[LoadedPack] = []
    scene.on_choose = chosen.append
    press(app, pygame.K_RETURN)
    provider.release(app)  # the broken pack: still nothing to play
    assert [c.playable for c in scene.cards] == [False]
    assert scene.focused_button is None
    assert app.top is scene
    assert scene.enter_waiting
    provider.release(app)
    assert [p.id for p in chosen] == ["alpha"]


def test_an_arrow_before_any_pack_shows_the_focus_on_back_and_forgets_enter(
    gated: Gated,
) -> None:
    app, scene, provider = gated(["alpha"])
    chosen: list[LoadedPack] = []
    scene.on_choose = chosen.append
    press(app, pygame.K_RETURN)
    press(app, pygame.K_DOWN)
    assert scene.focused_button is scene.back_button
    assert not scene.enter_waiting
    provider.release(app)
    step(app)
    assert chosen == []
    assert scene.focused_pack is not None  # the first pack to play takes the focus
    assert scene.focused_pack.id == "alpha"


def test_when_no_pack_plays_a_waiting_enter_is_dropped_and_back_takes_the_focus(
    gated: Gated, tmp_path: Path
) -> None:
    app, scene, provider = gated([], more=broken_then(tmp_path / "arriving"))
    press(app, pygame.K_RETURN)
    assert scene.enter_waiting
    provider.release(app)
    step(app)
    assert not scene.loading
    assert not scene.enter_waiting
    assert app.top is scene
    assert scene.focused_button is scene.back_button
    press(app, pygame.K_RETURN)
    assert isinstance(app.top, TitleScene)


def test_esc_goes_back_while_a_pack_is_still_loading(gated: Gated) -> None:
    app, _scene, provider = gated(["alpha", "beta"])
    provider.release(app)
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.top, TitleScene)
    step(app, 3)  # the loading goes on unseen; the title keeps drawing
    assert app.running


def test_a_card_measures_its_texts_once_not_every_frame(
    gated: Gated, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured: list[str] = []

    def counting_wrap(font: pygame.font.Font, text: str, width: int, max_lines: int) -> list[str]:
        measured.append(text)
        return wrap_lines(font, text, width, max_lines)

    monkeypatch.setattr(packs_scene, "wrap_lines", counting_wrap)
    app, _scene, provider = gated([f"pack-{i:02d}" for i in range(12)])
    provider.release(app, 12)
    step(app, 2)
    settled = len(measured)
    assert settled > 0
    press(app, pygame.K_PAGEDOWN, frames=30)  # scrolling draws other cards: measured already
    step(app, 30)
    assert len(measured) == settled


def test_a_huge_error_is_measured_only_as_far_as_a_card_shows_it(
    gated: Gated, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured: list[int] = []

    def counting_wrap(font: pygame.font.Font, text: str, width: int, max_lines: int) -> list[str]:
        measured.append(len(text))
        return wrap_lines(font, text, width, max_lines)

    monkeypatch.setattr(packs_scene, "wrap_lines", counting_wrap)
    where = Path("huge.yaml")
    # a 7.9 MiB value quoted whole in an error, as the loader once did
    problem = Problem(where, 3, 7, "rounds[0].grid", f'"{"x" * 8_000_000}" is not a grid')
    huge = LoadedPack(where, None, (problem,), "", MappingProxyType({}))
    app, scene, provider = gated([], more=[huge])
    provider.release(app)
    step(app, 3)
    (card,) = scene.cards
    assert not card.playable
    assert max(measured) <= ERROR_LINES * MEASURED_CHARS_PER_LINE + 1
    assert scene.layout_boxes()  # laid out, and nothing left to measure:
    measured.clear()
    step(app, 3)
    assert measured == []
