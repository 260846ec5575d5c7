"""The window: a pygame.Window with a minimum size the layouts hold, and a game that is
scaled down, never cut off, in a window that is smaller than that anyway.

Dragging a window's edge ends in SDL's WINDOWSIZECHANGED. SDL itself never makes a window
smaller than its ``minimum_size``, but a window manager may (tiling ones ignore the hint):
the tests play that window manager by lifting the hint and resizing the real window, so
that SDL queues the same WINDOWSIZECHANGED a real drag does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack
from clarity.core.packs.models import ChoiceQuestion
from clarity.core.round import Phase
from clarity.i18n import PSEUDO_LANGUAGE
from clarity.ui.app import MIN_SIZE, App, logical_size, minimum_size, smallest_window
from clarity.ui.scenes.pause import PauseScene
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.title import TitleScene
from clarity.ui.theme import Look

from . import test_layout as layout
from .conftest import Pilot
from .drawn_text import game_settings
from .menus import inside

#: Windows a user made by dragging an edge: small, tall and narrow, wide and flat.
SMALL_WINDOWS = [(320, 240), (420, 1000), (1900, 300)]
DUMMY_SCREEN = (1024, 768)  # what SDL's dummy driver reports as the desktop
#: English, and the pseudo-language, whose every message is 40 % longer (as Russian and
#: Belarusian may be) and bracketed: a box too small for a longer language shows there
LANGUAGES = ["en", PSEUDO_LANGUAGE]


def ids(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedPack]:
    """The layout tests' fullest texts: a long prompt over six long choices, and the rest."""
    folder = tmp_path_factory.mktemp("window")
    return {
        "choice": layout.pack(folder, [layout.LONG_CHOICE], "choice"),
        "wide": layout.pack(folder, [layout.WIDE_CHOICE], "wide"),
        "truefalse": layout.pack(folder, [layout.TRUE_FALSE], "truefalse"),
        "typed": layout.pack(folder, [layout.TYPED], "typed"),
        "quick": layout.pack(folder, layout.QUICK, "quick", grid="4x5"),
        "pictures": layout.pack(
            folder,
            [layout.PICTURE_CHOICE, layout.PICTURE_TRUE_FALSE, layout.PICTURE_TYPED],
            "pictures",
        ),
    }


def drag_to(app: App, size: tuple[int, int]) -> None:
    """The window made ``size`` by a window manager that ignores its minimum size, and the
    WINDOWSIZECHANGED that SDL sends for it waiting in the queue for the next frame."""
    app.window.minimum_size = (1, 1)  # SDL refuses (0, 0): that would keep the old one
    app.window.size = size
    sent = pygame.event.get()
    changes = [(e.x, e.y, e.window) for e in sent if e.type == pygame.WINDOWSIZECHANGED]
    assert changes[-1:] == [(*size, app.window)]
    for event in sent:  # looked at, and back in the queue as SDL sent them
        pygame.event.post(event)


def shown_at(app: App, point: tuple[int, int]) -> tuple[int, int]:
    """Where a point of the game's frame appears in the window, worked out here apart from
    the App's own arithmetic: the frame is scaled by the same factor on both axes."""
    (width, height), (shown_w, shown_h) = app.size, app.window.size
    return point[0] * shown_w // width, point[1] * shown_h // height


def start_play(pilot: Pilot, loaded: LoadedPack) -> PlayScene:
    scene = PlayScene(pilot.app, loaded, seed=1)
    pilot.app.reset(scene)
    pilot.step()
    pilot.settle()
    return scene


# -- the window itself ------------------------------------------------------------------------


def test_the_app_owns_a_pygame_window_with_the_minimum_size_and_the_title(
    make_app: Callable[..., App],
) -> None:
    app = make_app()
    assert isinstance(app.window, pygame.Window)
    assert app.window.minimum_size == MIN_SIZE  # the dummy screen is larger than that
    assert app.window.title == "Clarity Challenge"
    assert app.window.size == app.size == (1280, 800)
    assert app.surface is app.window.get_surface()  # drawn straight into the window
    # the display module's window is not used: nothing mixes the two APIs
    assert pygame.display.get_surface() is None


def test_images_convert_with_only_the_window_open(make_app: Callable[..., App]) -> None:
    """convert() takes its pixel format from the window's surface (no set_mode)."""
    app = make_app()
    picture = pygame.Surface((4, 4), depth=24).convert()
    assert picture.get_bitsize() == app.window.get_surface().get_bitsize()
    assert pygame.Surface((4, 4), pygame.SRCALPHA).convert_alpha().get_alpha() is not None


def test_a_window_asked_for_smaller_than_the_minimum_opens_at_the_minimum(
    make_app: Callable[..., App],
) -> None:
    app = make_app(size=(320, 240))
    assert app.window.size == app.size == MIN_SIZE
    assert not app.scaled


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SMALL_WINDOWS, ids=ids)
def test_resizing_below_the_minimum_keeps_the_window_at_least_the_minimum(
    make_app: Callable[..., App],
    packs: dict[str, LoadedPack],
    size: tuple[int, int],
    language: str,
) -> None:
    pilot = Pilot(make_app(settings=game_settings(language)))
    scene = start_play(pilot, packs["choice"])
    pilot.app.resize(size)
    pilot.step()
    held = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
    assert pilot.app.window.size == pilot.app.size == held
    layout.check(pilot, scene, "prompt", *(f"answer_{letter}" for letter in "ABCDEF"))


def test_f11_fills_the_screen_and_goes_back_to_the_window(make_app: Callable[..., App]) -> None:
    pilot = Pilot(make_app(size=(1000, 700)))
    title = TitleScene(pilot.app)
    pilot.app.push(title)
    pilot.step()
    pilot.key(pygame.K_F11)
    assert pilot.app.fullscreen
    assert pilot.app.window.size == pilot.app.size == DUMMY_SCREEN
    assert inside(title.layout_boxes()["play"], pygame.Rect((0, 0), DUMMY_SCREEN))
    pilot.key(pygame.K_F11)
    assert not pilot.app.fullscreen
    assert pilot.app.window.size == pilot.app.size == (1000, 700)


# -- the minimum holds every screen ---------------------------------------------------------

#: The minimum itself, and the sizes the game is drawn at in the small windows above.
HELD_SIZES = [MIN_SIZE, *(logical_size(size) for size in SMALL_WINDOWS)]


def test_the_sizes_drawn_in_small_windows_are_the_minimum_at_the_windows_shape() -> None:
    assert HELD_SIZES == [(864, 576), (864, 648), (864, 2057), (3648, 576)]
    for window, drawn in zip(SMALL_WINDOWS, HELD_SIZES[1:], strict=True):
        assert drawn[0] >= MIN_SIZE[0]
        assert drawn[1] >= MIN_SIZE[1]
        assert drawn[0] / drawn[1] == pytest.approx(window[0] / window[1], rel=0.002)
    assert logical_size((1280, 800)) == (1280, 800)  # a window large enough: itself


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", HELD_SIZES, ids=ids)
def test_the_play_and_results_screens_hold_at_the_minimum(
    make_app: Callable[..., App],
    packs: dict[str, LoadedPack],
    size: tuple[int, int],
    language: str,
) -> None:
    """The layout tests' checks (nothing outside, nothing overlapping) in every state, in
    English and in a longer language."""
    pilot = Pilot(make_app(size=size, settings=game_settings(language)))
    assert pilot.app.size == size
    assert pilot.app.translator.language == language
    layout.test_the_play_screen_in_every_state(pilot, packs)
    layout.test_a_question_picture_beside_or_under_its_prompt(pilot, packs)
    layout.check_results(pilot, packs["quick"])


@pytest.mark.parametrize("size", HELD_SIZES, ids=ids)
def test_the_title_and_the_pause_menu_hold_at_the_minimum(
    make_app: Callable[..., App], packs: dict[str, LoadedPack], size: tuple[int, int]
) -> None:
    pilot = Pilot(make_app(size=size))
    title = TitleScene(pilot.app)
    pilot.app.push(title)
    pilot.step()
    layout.assert_laid_out(title.layout_boxes(), size)

    start_play(pilot, packs["choice"])
    pilot.key(pygame.K_ESCAPE)
    pause = pilot.top
    assert isinstance(pause, PauseScene)
    boxes = pause.layout_boxes()
    panel = boxes.pop("panel")
    assert inside(panel, pygame.Rect((0, 0), size))
    assert all(inside(box, panel) for box in boxes.values()), boxes
    layout.assert_laid_out(boxes, size)


# -- a window smaller than the minimum ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SMALL_WINDOWS, ids=ids)
def test_a_small_window_shows_the_whole_question_scaled_down(
    make_app: Callable[..., App],
    packs: dict[str, LoadedPack],
    size: tuple[int, int],
    language: str,
) -> None:
    pilot = Pilot(make_app(settings=game_settings(language)))
    scene = start_play(pilot, packs["choice"])  # a long prompt over six long choices
    drag_to(pilot.app, size)
    pilot.step()

    app = pilot.app
    assert app.window.size == size
    assert app.scaled
    drawn = app.size
    assert drawn == logical_size(size)
    assert drawn[0] >= MIN_SIZE[0]
    assert drawn[1] >= MIN_SIZE[1]
    # laid out at the larger size: the question and all six answers, whole and apart
    answers = [f"answer_{letter}" for letter in "ABCDEF"]
    layout.check(pilot, scene, *layout.HUD, *layout.BOARD, "prompt", *answers)
    # and the window shows the whole frame, scaled down (nothing cut off)
    window = app.window.get_surface()
    assert window.get_size() == size
    expected = pygame.transform.smoothscale(app.surface, size)
    assert pygame.image.tobytes(window, "RGB") == pygame.image.tobytes(expected, "RGB")


@pytest.mark.parametrize("size", SMALL_WINDOWS, ids=ids)
def test_a_click_in_a_small_window_answers_with_the_button_shown_there(
    make_app: Callable[..., App], packs: dict[str, LoadedPack], size: tuple[int, int]
) -> None:
    pilot = Pilot(make_app())
    scene = start_play(pilot, packs["choice"])
    drag_to(pilot.app, size)
    pilot.step()
    asked = scene.round.question
    assert isinstance(asked, ChoiceQuestion)
    right = scene.answer_buttons[asked.right_index].rect
    where = shown_at(pilot.app, right.center)
    # the window point read as a point of the frame would miss the button
    assert not right.collidepoint(where)
    pilot.click(where)
    assert scene.feedback is not None
    assert scene.feedback.event.right
    assert scene.round.answers[-1].right


def test_mouse_motion_reaches_the_scenes_in_the_frames_pixels(
    make_app: Callable[..., App],
) -> None:
    app = make_app()
    app.push(TitleScene(app))
    drag_to(app, (320, 240))
    app.step(1 / 60)
    assert app.size == (864, 648)  # 2.7 times the window
    seen: list[pygame.event.Event] = []
    app.add_event_hook(lambda event: seen.append(event) or False)
    motion = {"rel": (10, -4), "buttons": (0, 0, 0)}
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(100, 50), **motion))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(319, 239), button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(0, 0), button=1))
    app.step(1 / 60)
    kinds = (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
    pointer = [e for e in seen if e.type in kinds]
    assert [e.pos for e in pointer] == [(271, 136), (862, 646), (1, 1)]
    assert pointer[0].rel == (27, -11)
    assert pointer[0].buttons == (0, 0, 0)  # the rest of the event as it came


def test_a_window_grown_again_draws_straight_into_the_window(
    make_app: Callable[..., App], packs: dict[str, LoadedPack]
) -> None:
    pilot = Pilot(make_app())
    scene = start_play(pilot, packs["choice"])
    drag_to(pilot.app, (320, 240))
    pilot.step()
    assert pilot.app.scaled
    drag_to(pilot.app, (1100, 700))
    pilot.step()
    assert not pilot.app.scaled
    assert pilot.app.size == (1100, 700)
    assert pilot.app.surface is pilot.app.window.get_surface()
    layout.check(pilot, scene, "prompt", "answer_A", "answer_F")


def test_the_text_input_rect_is_given_to_sdl_in_window_pixels(
    make_app: Callable[..., App], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    given: list[pygame.Rect] = []
    monkeypatch.setattr(pygame.key, "set_text_input_rect", given.append)
    field = pygame.Rect(270, 135, 540, 54)
    app.set_text_input_rect(field)
    assert given == [field]  # a window as large as the frame: the same pixels
    drag_to(app, (320, 240))
    app.step(1 / 60)
    app.set_text_input_rect(field)
    assert given[-1] == pygame.Rect(100, 50, 200, 20)  # 2.7 times smaller


def test_a_round_is_played_to_its_end_by_mouse_in_a_small_window(
    make_app: Callable[..., App], packs: dict[str, LoadedPack]
) -> None:
    pilot = Pilot(make_app())
    scene = start_play(pilot, packs["quick"])
    drag_to(pilot.app, (420, 1000))
    pilot.step()
    for _ in layout.QUICK:
        assert scene.round.phase is Phase.ASKING
        asked = scene.round.question
        assert isinstance(asked, ChoiceQuestion)
        pilot.click(shown_at(pilot.app, scene.answer_buttons[asked.right_index].rect.center))
        assert scene.round.answers[-1].right
        pilot.step(60)  # the verdict stays a moment before a click goes on
        pilot.settle()
        pilot.click(shown_at(pilot.app, scene.layout_boxes()["prompt"].center))
        pilot.settle()
    assert len(scene.round.answers) == len(layout.QUICK)
    assert scene.round.phase is Phase.FINAL_GUESS


def test_closing_the_app_closes_its_window(make_app: Callable[..., App]) -> None:
    app = make_app()
    app.close()
    with pytest.raises(RuntimeError, match="not open"):
        _ = app.window
    assert not pygame.display.get_init()


# -- the minimum follows the text size ----------------------------------------------------------

LARGER_TEXT = [125, 150, 200]


def test_the_minimum_grows_with_the_text_size_and_a_smaller_window_is_shown_scaled(
    make_app: Callable[..., App],
) -> None:
    app = make_app(size=MIN_SIZE)
    app.push(TitleScene(app))
    app.step(1 / 60)
    app.apply_look(Look.from_choices(text_size=200))
    # SDL grows the window to its new minimum: 1024x768 fits the dummy screen
    assert app.window.minimum_size == minimum_size(2.0) == (1024, 768)
    assert app.window.size == app.size == (1024, 768)
    app.apply_look(Look.from_choices(text_size=100))
    assert app.window.minimum_size == MIN_SIZE
    # a window manager keeps a window smaller than the minimum at 200 %: drawn larger,
    # scaled down, never cut
    app.apply_look(Look.from_choices(text_size=200))
    app.window.minimum_size = (1, 1)
    app.resize((900, 700))
    assert app.scaled
    assert app.size[0] >= 1024
    assert app.size[1] >= 768


def test_the_minimum_of_each_text_size_is_no_smaller_than_the_standard_one() -> None:
    sizes = [minimum_size(scale / 100) for scale in (100, *LARGER_TEXT)]
    assert sizes[0] == MIN_SIZE
    assert all(b[0] >= a[0] and b[1] >= a[1] for a, b in itertools.pairwise(sizes))
    assert minimum_size(1.1) == minimum_size(1.25)  # between two sizes: the larger's
    assert smallest_window((800, 600), 2.0) == (800, 600)  # never larger than the screen


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text_size", LARGER_TEXT, ids=lambda s: f"{s}%")
def test_every_state_of_the_round_holds_at_the_minimum_of_each_text_size(
    make_app: Callable[..., App], packs: dict[str, LoadedPack], text_size: int, language: str
) -> None:
    """The layout tests' checks at the text size's own minimum window, in English and in a
    longer language."""
    look = Look.from_choices(text_size=text_size)
    size = minimum_size(look.text_scale)
    pilot = Pilot(make_app(size=size, settings=game_settings(language)))
    pilot.app.apply_look(look)
    assert pilot.app.size == size
    assert pilot.app.translator.language == language
    layout.test_the_play_screen_in_every_state(pilot, packs)
    layout.test_a_question_picture_beside_or_under_its_prompt(pilot, packs)
    layout.check_results(pilot, packs["quick"])
    title = TitleScene(pilot.app)
    pilot.app.reset(title)
    pilot.step()
    layout.assert_laid_out(title.layout_boxes(), size)
