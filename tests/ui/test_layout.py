"""Nothing overlaps and nothing is cut off, at projector sizes from 1024x640 up to 4K.

Each scene reports where it drew every text block, button, HUD item and picture
(``layout_boxes``); a text that did not fit its room reports its full size, so it shows
up here as leaving the window or running into a neighbour.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion
from clarity.core.round import Phase, Round
from clarity.core.trophies import TrophyTracker
from clarity.i18n import PSEUDO_LANGUAGE
from clarity.ui import keys
from clarity.ui.app import App, minimum_size
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.players import PlayersScene
from clarity.ui.scenes.results import ResultsScene
from clarity.ui.theme import Look
from clarity.ui.widgets import Button

from .conftest import ASSETS, Pilot, write_picture, write_play_pack
from .drawn_text import game_settings
from .saving import MakeApp, app_factory, boxes_laid_out
from .tour import every_screen, write_tour_packs

SIZES = [(1024, 640), (1920, 1080), (1024, 768)]
# Half as long again as the longest texts of the bundled packs (prompt 105, explanation
# 126 and choice 60 characters), and six choices where those have four.
LONG_PROMPT = (
    "Which of these rivers, long and important for trade over the centuries, flows "
    "through the capital city of Belarus?"
)
LONG_CHOICE: dict[str, Any] = {
    "id": "long-choice",
    "type": "choice",
    "prompt": LONG_PROMPT,
    "choices": [
        "The Svislach, through Minsk",
        "The Volga, longest in Europe",
        "The Danube, across ten countries",
        "The Rhine, to the North Sea",
        "The Dnieper, to the Black Sea",
        "The Neman, which meets the Baltic",
    ],
    "answer": "The Svislach, through Minsk",
    "explain": (
        "The Svislach rises north-west of Minsk and flows through the city, past the old "
        "town, before it joins the Berezina on its way to the Dnieper."
    ),
}
WIDE_CHOICE: dict[str, Any] = {
    "id": "wide-choice",
    "type": "choice",
    "prompt": "What right do citizens of one member state have in the other?",
    "choices": [
        "To live and work there without formal immigration procedures",
        "To vote in the other country's presidential election",
        "To hold a single Union State passport",
        "To pay no taxes at all",
    ],
    "answer": "To live and work there without formal immigration procedures",
    "explain": "Citizens may live and work in the other state as its own citizens do.",
}
TRUE_FALSE: dict[str, Any] = {
    "id": "long-true",
    "type": "truefalse",
    "prompt": "Belarus has no coast: it is one of the landlocked countries of Europe.",
    "answer": True,
    "explain": "Belarus borders Russia, Ukraine, Poland, Lithuania and Latvia, and no sea.",
}
TYPED: dict[str, Any] = {
    "id": "long-typed",
    "type": "typed",
    "prompt": "Type the name of the capital city of Russia, in English or in Russian.",
    "answer": "Moscow",
    "accept": ["Москва"],
}
QUICK: list[dict[str, Any]] = [
    {
        "id": f"quick-{i}",
        "type": "choice",
        "prompt": f"Quick question {i}?",
        "choices": ["right", "wrong"],
        "answer": "right",
    }
    for i in range(8)
]

# Questions with a picture: landscape, portrait and a wide strip, and the long choice.
PICTURES = {"planet.png": (400, 300), "tower.png": (200, 400), "river.png": (600, 200)}
PICTURE_CHOICE: dict[str, Any] = {
    "id": "picture-choice",
    "type": "choice",
    "prompt": "Which planet is shown in the picture?",
    "choices": ["Mars", "Venus", "Jupiter", "Saturn"],
    "answer": "Saturn",
    "image": "planet.png",
    "explain": "Saturn's rings are made of ice and rock, and they shine in the sunlight.",
}
PICTURE_TRUE_FALSE: dict[str, Any] = {
    "id": "picture-true",
    "type": "truefalse",
    "prompt": "This tower stands in Minsk.",
    "answer": False,
    "image": "tower.png",
    "explain": "It is the Eiffel Tower, in Paris.",
}
PICTURE_TYPED: dict[str, Any] = {
    "id": "picture-typed",
    "type": "typed",
    "prompt": "Name the river on this map.",
    "answer": "Volga",
    "image": "river.png",
}


def assert_laid_out(boxes: dict[str, pygame.Rect], size: tuple[int, int]) -> None:
    """Every box inside the window, and no two boxes overlapping."""
    window = pygame.Rect((0, 0), size)
    outside = {name: box for name, box in boxes.items() if not window.contains(box)}
    assert not outside, f"outside the {size} window: {outside}"
    overlapping = [
        (a, b)
        for (a, box_a), (b, box_b) in combinations(boxes.items(), 2)
        if box_a.colliderect(box_b)
    ]
    assert not overlapping, f"overlapping at {size}: {overlapping}"


def assert_interface_labels_whole(pilot: Pilot, buttons: list[Button]) -> None:
    """Each button with the interface's words (Next, Answer, Guess, Cancel: not a pack's
    answer) holds its label at the smallest size it draws it, in the room
    :meth:`Button.draw` leaves beside the key's badge: a longer language never spills out
    of a button."""
    assets = pilot.app.services.assets
    metrics = pilot.app.look.metrics(pilot.app.size)
    pad = metrics.px(1.2)
    for button in buttons:
        if not button.label or button.shape is not None:
            continue  # an answer (its shape marks it) is the pack's: test_long_texts checks it
        badge = 0
        if button.key_hint:
            cap = keys.shown_cap(button.key_hint, pilot.app.translator)
            badge = assets.fitter.width(cap, metrics.small_size, bold=True) + pad
        room = (button.rect.width - 2 * pad - badge, button.rect.height - metrics.px(0.6))
        assert assets.fitter.fits(button.label, metrics.small_size, room, bold=True), (
            button.label,
            button.rect,
            room,
        )


def pack(folder: Path, questions: list[dict[str, Any]], name: str, **options: Any) -> LoadedPack:
    path = write_play_pack(folder / name, questions=questions, pack_id=name, **options)
    for picture, size in PICTURES.items():  # what the questions' pictures show
        write_picture(folder / name / picture, size)
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    return loaded


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedPack]:
    folder = tmp_path_factory.mktemp("layout")
    return {
        "choice": pack(folder, [LONG_CHOICE], "choice"),
        "wide": pack(folder, [WIDE_CHOICE], "wide"),
        "truefalse": pack(folder, [TRUE_FALSE], "truefalse"),
        "typed": pack(folder, [TYPED], "typed"),
        "quick": pack(folder, QUICK, "quick", grid="4x5"),
        "pictures": pack(folder, [PICTURE_CHOICE, PICTURE_TRUE_FALSE, PICTURE_TYPED], "pictures"),
    }


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def sized(request: pytest.FixtureRequest, make_app: Callable[..., App]) -> Pilot:
    return Pilot(make_app(size=request.param))


def play(pilot: Pilot, loaded: LoadedPack) -> PlayScene:
    scene = PlayScene(pilot.app, loaded, seed=1)
    pilot.app.reset(scene)
    pilot.step()
    pilot.settle()
    return scene


def check(pilot: Pilot, scene: PlayScene, *required: str) -> None:
    """Everything laid out, and each of ``required`` on the screen; on a card whose
    contents scroll (large text, a long question), at one of its scroll positions, paged
    through from the top with PageDown as a student would."""
    card = scene.card
    card.scroll_by(-card.scroll)
    pilot.step()
    seen = set()
    for _ in range(20):
        boxes = scene.layout_boxes()
        assert_laid_out(boxes, pilot.app.size)
        card_buttons = [button for button, _ in card.now.buttons]
        assert_interface_labels_whole(pilot, [*card_buttons, scene.board.guess_button])
        seen |= boxes.keys()
        if card.scroll >= card.scroll_max:
            break
        pilot.key(pygame.K_PAGEDOWN)
    card.scroll_by(-card.scroll)  # back to the top, where a new question starts
    pilot.step()
    if pilot.app.look.text_scale > 1:
        # with large text the bar leaves out the question's number (the card's header
        # says it) and then the pack's title, before its type shrinks
        required = tuple(name for name in required if name not in ("hud_question", "hud_title"))
    missing = [name for name in required if name not in seen]
    assert not missing, f"not on screen: {missing}"


HUD = ("hud_title", "hud_question", "hud_tiles", "hud_streak", "hud_score", "hints")
BOARD = ("board", "guess_button")


def test_the_play_screen_in_every_state(sized: Pilot, packs: dict[str, LoadedPack]) -> None:
    pilot = sized
    answers = tuple(f"answer_{letter}" for letter in "ABCDEF")

    scene = play(pilot, packs["choice"])  # six long choices under a long prompt
    check(pilot, scene, *HUD, *BOARD, "card_header", "timebar", "prompt", "stakes", *answers)

    pilot.key(pygame.K_b)  # wrong: the explanation and Next
    pilot.settle()
    check(pilot, scene, *HUD, *BOARD, "prompt", *answers, "verdict", "explain", "next_button")

    pilot.key(pygame.K_g)  # the guess field over the card
    pilot.type("Москва и Минск")
    check(pilot, scene, *HUD, *BOARD, "guess_heading", "guess_field", "guess_submit")
    check(pilot, scene, "guess_cancel", "guess_info")

    scene = play(pilot, packs["wide"])  # four choices of up to 60 characters
    check(pilot, scene, *HUD, *BOARD, "prompt", *answers[:4])
    pilot.key(pygame.K_c)
    pilot.settle()
    check(pilot, scene, *HUD, *BOARD, "prompt", *answers[:4], "verdict", "explain")

    scene = play(pilot, packs["truefalse"])
    check(pilot, scene, *HUD, *BOARD, "prompt", "answer_A", "answer_B")
    pilot.key(pygame.K_t)
    pilot.settle()
    pilot.key(pygame.K_RETURN)  # no questions left: the final guess
    assert scene.round.phase is Phase.FINAL_GUESS
    check(pilot, scene, *HUD, *BOARD, "guess_heading", "guess_field", "guess_submit")
    pilot.type("Lighthouse")
    pilot.key(pygame.K_RETURN)
    pilot.step(90)  # the rest of the picture uncovers
    check(pilot, scene, *HUD, "board", "end_heading", "end_answer", "end_caption", "end_hint")

    scene = play(pilot, packs["typed"])
    pilot.type("Москва")
    check(pilot, scene, *HUD, *BOARD, "prompt", "answer_field", "submit_button")


def test_a_question_picture_beside_or_under_its_prompt(
    sized: Pilot, packs: dict[str, LoadedPack]
) -> None:
    pilot = sized
    scene = play(pilot, packs["pictures"])
    seen = set()
    while scene.round.phase is Phase.ASKING:
        asked = scene.round.question
        assert asked is not None
        seen.add(asked.id)
        answer = "answer_field" if asked.type == "typed" else "answer_A"
        check(pilot, scene, *HUD, *BOARD, "prompt", "question_picture", answer, "stakes")
        picture, prompt = scene.layout_boxes()["question_picture"], scene.layout_boxes()["prompt"]
        assert picture.height >= pilot.app.size[1] // 8  # large enough to look at
        assert picture.left >= prompt.right or picture.top >= prompt.bottom
        if asked.type == "typed":
            pilot.type("Volga")
            pilot.key(pygame.K_RETURN)
        else:
            pilot.key(pygame.K_b)
        pilot.settle()
        # the answer's verdict leaves the picture where it was
        check(pilot, scene, *HUD, *BOARD, "prompt", "question_picture", "verdict", "next_button")
        assert scene.layout_boxes()["question_picture"] == picture
        pilot.key(pygame.K_RETURN)
        pilot.settle()
    assert seen == {"picture-choice", "picture-true", "picture-typed"}


@pytest.mark.parametrize("size", [(1280, 800), (3840, 2160)], ids=["1280x800", "3840x2160"])
def test_the_choice_screen_at_other_sizes(
    size: tuple[int, int], make_app: Callable[..., App], packs: dict[str, LoadedPack]
) -> None:
    pilot = Pilot(make_app(size=size))
    scene = play(pilot, packs["choice"])
    check(pilot, scene, *HUD, *BOARD, "prompt", "answer_A", "answer_F")


def test_text_grows_with_the_window(make_app: Callable[..., App], packs: dict[str, Any]) -> None:
    heights = []
    for size in ((1024, 640), (1920, 1080)):
        pilot = Pilot(make_app(size=size))
        scene = play(pilot, packs["truefalse"])
        heights.append(scene.layout_boxes()["answer_A"].height)
        pilot.app.close()
    assert heights[1] > heights[0] * 1.5


def full_round(loaded: LoadedPack) -> Round:
    """Six quick right answers, then the picture guessed with most tiles hidden: the
    round that wins every per-round trophy, so the results screen is at its fullest."""
    assert loaded.pack is not None
    tracker = TrophyTracker()
    played = Round(loaded.pack, seed=1, observers=[tracker])
    played.tracker = tracker  # type: ignore[attr-defined]
    for _ in range(6):
        asked = played.question
        assert isinstance(asked, ChoiceQuestion | TrueFalseQuestion)
        played.answer(asked.answer, 1.0)
        played.next_question()
    played.guess_image("Lighthouse", 2.0)
    return played


def test_the_results_screen(sized: Pilot, packs: dict[str, LoadedPack]) -> None:
    check_results(sized, packs["quick"])


@pytest.mark.parametrize("size", [(1280, 800), (3840, 2160)], ids=["1280x800", "3840x2160"])
def test_the_results_screen_at_other_sizes(
    size: tuple[int, int], make_app: Callable[..., App], packs: dict[str, LoadedPack]
) -> None:
    check_results(Pilot(make_app(size=size)), packs["quick"])


def check_results(pilot: Pilot, loaded: LoadedPack) -> None:
    """The fullest results laid out, each kind of text at one size, the medal's on a line."""
    played = full_round(loaded)
    tracker: TrophyTracker = played.tracker  # type: ignore[attr-defined]
    assert played.summary is not None
    assert len(tracker.earned) == 6  # first light, hot streak, sharp eye, ... and the medal
    scene = ResultsScene(
        pilot.app, loaded, played.summary, tracker.earned, tracker.medal, mystery_index=0
    )
    pilot.app.reset(scene)
    pilot.step()
    scene.finish_presentation()
    pilot.step()
    # the score's column, paged through with PageDown when it scrolls (large text)
    seen: dict[str, pygame.Rect] = {}
    for _ in range(20):
        boxes = scene.layout_boxes()
        assert_laid_out(boxes, pilot.app.size)
        seen.update(boxes)
        if scene._column_scroll >= scene._column_max:
            break
        pilot.key(pygame.K_PAGEDOWN)
    boxes = seen
    trophies = [f"trophy_{i}" for i in range(5)]
    required = ["heading", "image", "answer", "caption", "score_value", "medal", "medal_name"]
    required += [*trophies, "button_0", "button_1", "hints"]
    assert not [name for name in required if name not in boxes]

    sizes = scene.shown_sizes()
    rows = [name for name in sizes if name.startswith("row_")]
    assert len(rows) == 2 * len(scene.rows)
    assert len({sizes[name] for name in rows}) == 1, "the breakdown rows differ in size"
    assert len({sizes[name] for name in trophies}) == 1, "the trophies' names differ in size"
    for name in ("medal_name", "medal_detail"):  # one line each, never wrapped
        assert boxes[name].height < 2 * sizes[name], f"{name} takes two lines"


# -- 200 % text on a 1024x768 projector (WCAG 2.2 1.4.4, resize text) ---------------------

LARGE_TEXT = Look.from_choices(text_size=200)
LARGE_WINDOW = (1024, 768)


@pytest.fixture
def large_text(make_app: Callable[..., App]) -> Pilot:
    app = make_app(size=LARGE_WINDOW)
    app.apply_look(LARGE_TEXT)
    return Pilot(app)


def test_at_200_percent_the_play_screen_lays_out_in_every_state(
    large_text: Pilot, packs: dict[str, LoadedPack]
) -> None:
    test_the_play_screen_in_every_state(large_text, packs)
    test_a_question_picture_beside_or_under_its_prompt(large_text, packs)


def test_at_200_percent_the_results_lay_out(
    large_text: Pilot, packs: dict[str, LoadedPack]
) -> None:
    check_results(large_text, packs["quick"])


# -- the pseudo-language: every text 40 % longer, as Russian and Belarusian may be (issue 11)


@pytest.mark.parametrize("size", [(1024, 640), (1920, 1080)], ids=["1024x640", "1920x1080"])
def test_the_play_and_results_screens_hold_a_longer_language(
    size: tuple[int, int], make_app: Callable[..., App], packs: dict[str, LoadedPack]
) -> None:
    pilot = Pilot(make_app(size=size, settings=game_settings(PSEUDO_LANGUAGE)))
    assert pilot.app.translator.language == PSEUDO_LANGUAGE
    test_the_play_screen_in_every_state(pilot, packs)
    check_results(pilot, packs["quick"])


def test_at_200_percent_the_play_and_results_screens_hold_a_longer_language(
    make_app: Callable[..., App], packs: dict[str, LoadedPack]
) -> None:
    app = make_app(size=LARGE_WINDOW, settings=game_settings(PSEUDO_LANGUAGE))
    app.apply_look(LARGE_TEXT)
    pilot = Pilot(app)
    test_the_play_screen_in_every_state(pilot, packs)
    check_results(pilot, packs["quick"])


@pytest.fixture
def tour_app(tmp_path: Path) -> Iterator[MakeApp]:
    folder = tmp_path / "packs"
    write_tour_packs(folder)
    yield from app_factory(folder, tmp_path / "data")


@pytest.mark.parametrize("text_size", [200, 150, 125], ids=lambda s: f"{s}%")
def test_every_screen_lays_out_with_large_text(tour_app: MakeApp, text_size: int) -> None:
    """The title, the players and their dialogs, the pack choice, the round in every state
    and its pause menu, the results, the cabinet, the history and the high scores: at 200 %
    on 1024x768, and at 150 % and 125 % in the smallest window of each."""
    look = Look.from_choices(text_size=text_size)
    size = LARGE_WINDOW if text_size == 200 else minimum_size(look.text_scale)
    app = tour_app(player="Ana", size=size)
    app.apply_look(look)
    assert app.size == size
    pilot = Pilot(app)
    stops = []
    for stop in every_screen(pilot):
        stops.append(stop)
        top = pilot.top
        assert top._metrics.text_scale == look.text_scale, stop  # type: ignore[attr-defined]
        try:
            boxes_laid_out(top.layout_boxes(), size)  # type: ignore[attr-defined]
        except AssertionError as problem:
            raise AssertionError(f"{stop}: {problem}") from None
    assert len(stops) >= 20


@pytest.mark.parametrize("text_size", [100, 200])
def test_the_focused_players_name_keeps_its_room_beside_or_above_its_buttons(
    tour_app: MakeApp, text_size: int
) -> None:
    look = Look.from_choices(text_size=text_size)
    size = minimum_size(look.text_scale)
    app = tour_app(player="Ana", size=size)
    app.apply_look(look)
    pilot = Pilot(app)
    stops = every_screen(pilot)
    assert next(stops) == "title"
    while next(stops) != "players":
        pass
    players = pilot.top
    assert isinstance(players, PlayersScene)
    boxes = players.focused_row_boxes()
    row = boxes.pop("row")
    assert all(row.contains(box) for box in boxes.values()), (row, boxes)
    assert_laid_out(boxes, size)  # the name overlaps no button
