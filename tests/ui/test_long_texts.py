"""Long texts that the pack format allows are shown whole: on the card, on the reveal and on
the results, at 1024x640 and 1920x1080 at the standard text size, and at 200 % text, where a
card or a results column taller than the window scrolls by PageDown and the mouse wheel.

The packs in ``long_texts/`` are the teachers' cases: long prompts, long choices, a
2,000-character prompt, a long mystery answer and a long caption.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.models import ChoiceQuestion
from clarity.core.round import Phase
from clarity.i18n import PSEUDO_LANGUAGE
from clarity.ui import keys
from clarity.ui.app import App
from clarity.ui.bindings import key_hints
from clarity.ui.play.board_panel import BANNER_PICTURE_SHARE
from clarity.ui.play.card import Card
from clarity.ui.play.card_plan import label_room
from clarity.ui.scenes.play import REVEAL_SECONDS, PlayScene
from clarity.ui.scenes.results import ResultsScene
from clarity.ui.textfit import wrap_lines
from clarity.ui.theme import Look
from clarity.ui.widgets import TextBlock

from .conftest import ASSETS, FRAME, Pilot, write_picture, write_play_pack
from .drawn_text import game_settings
from .test_layout import assert_interface_labels_whole

CASES = Path(__file__).parent / "long_texts"
STANDARD = [(1024, 640), (1920, 1080)]
LARGE = Look.from_choices(text_size=200)
#: the interface languages: English, and the pseudo-language, whose every message is 40 %
#: longer (as Russian and Belarusian may be): the interface's words beside the pack's long
#: texts must fit as well
INTERFACES = ["en", PSEUDO_LANGUAGE]
#: the card's texts that say what the pack says, word for word
PACK_TEXTS = ("prompt", "end_answer", "end_caption")


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedPack]:
    folder = tmp_path_factory.mktemp("long_texts")
    for path in CASES.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    write_picture(folder / "pic.png")
    write_longest(folder)
    loaded = {}
    for path in sorted(folder.glob("*.yaml")):
        pack = load_pack(path, assets_dir=ASSETS)
        assert pack.ok, pack.first_error
        loaded[path.stem] = pack
    return loaded


def longest_text(length: int, word: str) -> str:
    """``length`` characters of ``word`` repeated, the last one a full stop."""
    text = " ".join([word] * (length // (len(word) + 1) + 1))[: length - 1]
    return text.rstrip() + "."


#: every text as long as the format allows (prompt, explanation and caption 2,000
#: characters, choices and answers 200), in wide letters
LONGEST: list[dict[str, Any]] = [
    {
        "id": "longest-choice",
        "type": "choice",
        "prompt": longest_text(2000, "WOMBAT"),
        "choices": [longest_text(200, f"MW{i}") for i in range(6)],
        "answer": longest_text(200, "MW0"),
        "explain": longest_text(2000, "Wombats"),
    },
]


def write_longest(folder: Path) -> None:
    path = write_play_pack(folder, questions=LONGEST, pack_id="longest", time_limit=None)
    text = path.read_text(encoding="utf-8")
    text = text.replace("answer: Lighthouse", f"answer: {longest_text(200, 'WOMBAT')}", 1)
    text = text.replace(
        "caption: A lighthouse shows ships the way at night.",
        f"caption: {longest_text(2000, 'Wombats')}",
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture(
    params=[
        (size, text_size, interface)
        for size, text_size in [
            *((size, 100) for size in STANDARD),
            ((1024, 768), 200),
            ((1920, 1080), 200),
        ]
        for interface in INTERFACES
    ],
    ids=lambda p: f"{p[0][0]}x{p[0][1]}-{p[1]}%-{p[2]}",
)
def pilot(request: pytest.FixtureRequest, make_app: Callable[..., App]) -> Iterator[Pilot]:
    size, text_size, interface = request.param
    app = make_app(size=size, settings=game_settings(interface))
    assert app.translator.language == interface
    if text_size != 100:
        app.apply_look(Look.from_choices(text_size=text_size))
    return Pilot(app)


def play(pilot: Pilot, loaded: LoadedPack) -> PlayScene:
    scene = PlayScene(pilot.app, loaded, seed=1)
    pilot.app.reset(scene)
    pilot.step()
    pilot.settle()
    return scene


def letters(text: str) -> str:
    return "".join(text.split())


def unhyphenated(text: str) -> str:
    return letters(text).replace("\u00ad", "").replace("-", "")


def assert_card_whole(pilot: Pilot, scene: PlayScene, *names: str) -> None:
    """Every text of the card drawn whole inside its room and inside the card, no two of its
    texts or buttons overlapping, and the whole of the card's contents reached from the top
    by PageDown."""
    card: Card = scene.card
    card.scroll_by(-card.scroll)
    pilot.step()
    now = card.now
    for name in names:
        assert name in now.texts or name in now.boxes, f"{name} is not on the card"
    for name, block in now.texts.items():
        assert block.words, name
        if block.box is not None:
            assert block.box.contains(block.rect), f"{name} is cut: {block.rect} in {block.box}"
        # a pixel of a glyph's overhang past the line's width is no cut
        assert now.inner.left <= block.rect.left, name
        assert block.rect.right <= now.inner.right + 1, name
    # the rendered lines hold every letter of the text: no ellipsis, nothing dropped
    for name in names:
        if name in now.texts and name in PACK_TEXTS:
            block = now.texts[name]
            assert letters(block.words) == letters(_pack_text(scene, name)), name
    placed = {
        name: box
        for name, box in now.boxes.items()
        if name not in ("header", "card_header", "clock", "timebar")
    }
    overlapping = [
        (a, b) for (a, ra), (b, rb) in combinations(placed.items(), 2) if ra.colliderect(rb)
    ]
    assert not overlapping, overlapping
    for button, _ in now.buttons:
        assert card.rect.left <= button.rect.left
        assert button.rect.right <= card.rect.right
    assert_interface_labels_whole(pilot, [button for button, _ in now.buttons])
    # the contents' last pixel comes into view, a page at most at a time
    assert now.bottom() - card.scroll_max <= card.view.bottom + 2
    pages = 0
    while card.scroll < card.scroll_max:
        before = card.scroll
        pilot.key(pygame.K_PAGEDOWN)
        assert 0 < card.scroll - before <= card.view.height, "a page skipped lines"
        pages += 1
        assert pages < 200
    assert card.now.bottom() <= card.view.bottom + 2
    card.scroll_by(-card.scroll)
    pilot.step()


def _pack_text(scene: PlayScene, name: str) -> str:
    question = scene.round.question
    if name == "prompt":
        assert question is not None
        return question.prompt
    if name == "end_answer":
        return scene.round.mystery.answer
    if name == "end_caption":
        return scene.round.mystery.caption or ""
    raise KeyError(name)


def assert_buttons_whole(pilot: Pilot, scene: PlayScene) -> None:
    """Each answer's label, at the size the card draws it, wrapped in the button's room,
    needs no more lines than the button holds."""
    assets = pilot.app.services.assets
    metrics = scene.card.now.metrics
    from clarity.ui.play.card_plan import label_room

    for button, size in scene.card.now.buttons:
        if not button.label or button.tone is None or not button.tone.startswith("answer"):
            continue
        room_w, room_h = label_room(
            assets, metrics, button.rect.width, button.rect.height, button.key_hint
        )
        font = assets.font(size or metrics.body_size, True)
        lines = wrap_lines(font, button.label, room_w, 10**6)
        # a soft hyphen where a line breaks is drawn as a hyphen
        assert unhyphenated("".join(lines)) == unhyphenated(button.label), button.label
        assert len(lines) * font.get_linesize() <= room_h + 2, (button.label, lines)


def test_a_long_prompt_and_long_choices_show_whole(
    pilot: Pilot, cases: dict[str, LoadedPack]
) -> None:
    scene = play(pilot, cases["pack"])
    assert_card_whole(pilot, scene, "prompt", "stakes")
    assert_buttons_whole(pilot, scene)
    pilot.key(pygame.K_a)  # right: the long explanation under the verdict
    pilot.settle()
    assert_card_whole(pilot, scene, "prompt", "verdict", "explain", "next_button")
    explain = scene.card.now.texts["explain"].words
    question = scene.round.question
    assert question is not None
    assert letters(explain) == letters(question.explain or "")

    scene = play(pilot, cases["pack-long-choices"])
    assert_card_whole(pilot, scene, "prompt")
    assert_buttons_whole(pilot, scene)


def test_a_prompt_of_2000_characters_shows_whole(
    pilot: Pilot, cases: dict[str, LoadedPack]
) -> None:
    scene = play(pilot, cases["pack-prompt2000"])
    question = scene.round.question
    assert question is not None
    assert len(question.prompt) > 1900
    assert_card_whole(pilot, scene, "prompt", "answer_field", "submit_button")


def test_long_words_and_a_url_show_whole(pilot: Pilot, cases: dict[str, LoadedPack]) -> None:
    scene = play(pilot, cases["pack-long-answer"])
    assert_card_whole(pilot, scene, "prompt")
    assert_buttons_whole(pilot, scene)


def finish(pilot: Pilot, scene: PlayScene) -> None:
    """Answer the one question right, then the last guess, until the whole picture shows."""
    question = scene.round.question  # with its choices in the order the round dealt them
    assert isinstance(question, ChoiceQuestion)
    right = question.answer if isinstance(question.answer, str) else question.answer[0]
    pilot.key(pygame.K_a + question.choices.index(right))
    pilot.settle()
    pilot.key(pygame.K_RETURN)
    assert scene.round.phase is Phase.FINAL_GUESS
    pilot.type("Minsk")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: scene.round.phase is Phase.ENDED)
    pilot.step(round(REVEAL_SECONDS / FRAME) + 2)  # the whole picture in view
    assert not scene.board.view.flipping
    assert pilot.app.top is scene


@pytest.mark.parametrize("case", ["pack", "pack-long-answer"])
def test_the_mystery_answer_and_caption_show_whole_at_the_end(
    pilot: Pilot, cases: dict[str, LoadedPack], case: str
) -> None:
    scene = play(pilot, cases[case])
    finish(pilot, scene)
    names = ["end_answer"] + (["end_caption"] if scene.round.mystery.caption else [])
    assert_card_whole(pilot, scene, *names)
    banner = scene.board.banner
    assert banner is not None
    assert letters(banner.words) == letters(scene.round.mystery.answer)
    assert banner.box is not None
    assert banner.box.contains(banner.rect)
    window = pygame.Rect((0, 0), pilot.app.size)
    assert window.contains(banner.box)
    for name, box in scene.layout_boxes().items():
        if name not in ("guess_button", "board") and not name.startswith("end_"):
            assert not box.colliderect(banner.box), name


def test_every_text_as_long_as_the_format_allows_shows_whole(
    pilot: Pilot, cases: dict[str, LoadedPack]
) -> None:
    scene = play(pilot, cases["longest"])
    question = scene.round.question
    assert question is not None
    assert len(question.prompt) == 2000
    assert_card_whole(pilot, scene, "prompt", "stakes")
    assert_buttons_whole(pilot, scene)
    pilot.key(pygame.K_a)
    pilot.settle()
    assert_card_whole(pilot, scene, "prompt", "verdict", "explain")
    pilot.key(pygame.K_RETURN)  # no questions left: the last guess, then the end
    pilot.type("Minsk")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: scene.round.phase is Phase.ENDED)
    pilot.until(lambda: not scene.board.view.flipping)
    assert len(scene.round.mystery.answer) == 200
    assert_card_whole(pilot, scene, "end_answer", "end_caption")
    banner = scene.board.banner
    assert banner is not None
    assert banner.box is not None
    assert banner.box.contains(banner.rect)
    answer = letters(scene.round.mystery.answer)
    if pilot.app.look.text_scale == 1.0:
        assert letters(banner.words) == answer
    else:  # large text: the banner's first lines, the picture kept in sight; the card whole
        shown = letters(banner.words)
        assert shown == answer or (shown.endswith("…") and answer.startswith(shown[:-1]))


def test_an_end_card_that_scrolls_waits_for_enter_and_scrolls_by_the_wheel(
    make_app: Callable[..., App], cases: dict[str, LoadedPack]
) -> None:
    pilot = Pilot(make_app(size=(1024, 640)))
    scene = play(pilot, cases["pack"])
    finish(pilot, scene)
    assert scene.card.scrolls
    pilot.step(5 * 60)  # longer than the picture is held in view before the results
    assert pilot.app.top is scene, "the results came before the card was read"
    prompt_top = scene.card.now.texts["end_answer"].rect.top
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    pilot.step()
    assert scene.card.scroll > 0
    assert scene.card.now.texts["end_answer"].rect.top < prompt_top
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: pilot.app.top is not scene)


def test_the_wheel_scrolls_a_long_question(
    make_app: Callable[..., App], cases: dict[str, LoadedPack]
) -> None:
    pilot = Pilot(make_app(size=(1024, 640)))
    scene = play(pilot, cases["pack-prompt2000"])
    card = scene.card
    assert card.scrolls
    for _ in range(200):
        if card.scroll >= card.scroll_max:
            break
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        pilot.step()
    assert card.scroll == card.scroll_max
    assert card.view.contains(card.now.boxes["answer_field"])


def results_of(pilot: Pilot, loaded: LoadedPack) -> tuple[ResultsScene, PlayScene]:
    """The round of ``loaded`` played to its end, then its results, all shown at once."""
    scene = play(pilot, loaded)
    pilot.key(pygame.K_a)
    pilot.settle()
    pilot.key(pygame.K_RETURN)  # one question: the last guess, then the end
    pilot.type("Minsk")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: scene.round.phase is Phase.ENDED)
    pilot.step(round(REVEAL_SECONDS / FRAME) + 2)
    pilot.until(lambda: not scene.board.view.flipping)  # the whole picture in view
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: pilot.top.name == "results")
    results = pilot.top
    assert isinstance(results, ResultsScene)
    results.finish_presentation()
    pilot.step()
    return results, scene


def rows_seen(rect: pygame.Rect, view: pygame.Rect, seen: set[int]) -> None:
    """The pixel rows of ``rect`` (counted from its top) that ``view`` shows, into ``seen``."""
    shown = rect.clip(view)
    seen.update(range(shown.top - rect.top, shown.bottom - rect.top))


@pytest.mark.parametrize("case", ["pack", "pack-long-answer", "longest"])
def test_the_results_show_the_answer_and_caption_whole(
    pilot: Pilot, cases: dict[str, LoadedPack], case: str
) -> None:
    results, scene = results_of(pilot, cases[case])
    mystery = scene.round.mystery
    shown = results.shown_texts()
    assert letters(shown["answer"]) == letters(mystery.answer)
    assert letters(shown.get("caption", "")) == letters(mystery.caption or "")
    names = ["answer"] + (["caption"] if mystery.caption else [])
    metrics = pilot.app.look.metrics(pilot.app.size)
    if mystery.caption and metrics.text_scale > 1.0:  # it scrolls rather than shrink
        assert results.shown_sizes()["caption"] >= metrics.small_size
    if case == "longest":  # 2,000 characters and a picture: more than any window holds
        assert results.scrolls()
    window = pygame.Rect((0, 0), pilot.app.size)
    views = results.column_views()
    for name in names:
        item = results._placed[name]
        view = views[name]
        assert window.contains(view), name
        assert view.left <= item.rect.left, name
        assert item.rect.right <= view.right + 1, name
        assert item.box is None or item.box.contains(item.rect), f"{name} is cut"
    # from the top, PageDown pages the column a view at most at a time, until every pixel
    # row of the answer and the caption has been in sight, and never over another box
    seen: dict[str, set[int]] = {name: set() for name in names}
    pages = 0
    column = results.columns[0]
    while True:
        boxes = results.layout_boxes()
        for name in names:
            item = results._placed[name]
            rows_seen(item.rect, views[name], seen[name])
            shown_part = item.rect.clip(views[name])
            for other, box in boxes.items():
                if other != name and shown_part.width and shown_part.colliderect(box):
                    assert other == "image", (name, other)
                    assert not item.rect.colliderect(box), (name, other)
        if column.offset >= column.extent:
            break
        before = column.offset
        pilot.key(pygame.K_PAGEDOWN)
        assert 0 < column.offset - before <= column.view.height, "a page skipped lines"
        pages += 1
        assert pages < 200
    for name in names:
        height = results._placed[name].rect.height
        assert seen[name] == set(range(height)), f"{name} was never wholly in sight"
    assert pages == 0 or results.scrolls()


def wheel(pilot: Pilot, at: tuple[int, int]) -> None:
    """The mouse moved to ``at``, then its wheel turned a notch towards the player."""
    motion = pygame.event.Event(pygame.MOUSEMOTION, pos=at, rel=(0, 0), buttons=(0, 0, 0))
    notch = pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False)
    pilot.post([motion, notch])


def test_the_wheel_scrolls_the_results_column_under_the_pointer(
    make_app: Callable[..., App], cases: dict[str, LoadedPack]
) -> None:
    app = make_app(size=(1024, 768))
    app.apply_look(LARGE)
    pilot = Pilot(app)
    results, _ = results_of(pilot, cases["pack"])
    picture, score = results.columns
    assert picture.extent > 0
    assert score.extent > 0
    assert "scroll" in [label for _, label in key_hints(results.bindings())]
    caption_top = results._placed["caption"].rect.top
    wheel(pilot, picture.view.center)
    assert picture.offset > 0
    assert results._placed["caption"].rect.top == caption_top - picture.offset
    assert score.offset == 0
    scrolled = picture.offset
    wheel(pilot, score.view.center)
    assert score.offset > 0
    assert picture.offset == scrolled


def test_a_long_caption_at_large_text_takes_half_the_width_to_scroll_less(
    make_app: Callable[..., App], cases: dict[str, LoadedPack]
) -> None:
    app = make_app(size=(1024, 768))
    app.apply_look(LARGE)
    pilot = Pilot(app)
    results, _ = results_of(pilot, cases["pack"])
    picture, _score = results.columns
    assert picture.extent > 0
    content_width = app.size[0] - 2 * app.look.metrics(app.size).margin
    # at 200 % the score's column would otherwise take three fifths and more
    assert picture.view.width == content_width // 2


# -- the faults a tester found: the reveal's banner, a short prompt, the verdict in sight --


def fill(unit: str, length: int) -> str:
    """``unit`` repeated to exactly ``length`` characters."""
    return (unit * (length // len(unit) + 1))[:length]


#: the longest mystery answers the format allows (200 characters), in three scripts
LONGEST_ANSWERS = {
    "ja": fill("日本国憲法は一九四七年五月三日に施行された日本の最高法規であり、国民主権、", 197)
    + "おわり",
    "de": fill("Donaudampfschifffahrtsgesellschaftskapitänsmütze und Verfassungsgericht ", 196)
    + "ENDE",
    "ru": fill("Высший Государственный Совет Союзного государства состоит из президентов ", 195)
    + "КОНЕЦ",
}


def long_pack(
    folder: Path, questions: list[dict[str, Any]], *, language: str = "en", answer: str = ""
) -> LoadedPack:
    """A pack of ``questions`` in ``language`` whose first mystery's answer is ``answer``."""
    path = write_play_pack(folder, questions=questions, time_limit=None, pack_id="long")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["language"] = language
    if answer:
        data["rounds"][0]["answer"] = answer
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    return loaded


def assert_every_line_in_sight(window: pygame.Surface, block: TextBlock) -> None:
    """Every line of ``block`` shows in ``window`` as it was rendered: the solid pixels of
    its letters have their own colour there, not whatever was drawn over them."""
    text = block.surface
    solid = pygame.mask.from_surface(text, 254)
    width, height = text.get_size()
    bands: list[list[int]] = []  # runs of pixel rows with letters in them: the lines
    for y in range(height):
        if any(solid.get_at((x, y)) for x in range(width)):
            if bands and bands[-1][-1] == y - 1:
                bands[-1].append(y)
            else:
                bands.append([y])
    assert bands, "the text has no letters"
    for rows in bands:
        shown = total = 0
        for y in rows:
            for x in range(width):
                if solid.get_at((x, y)):
                    total += 1
                    at = (block.rect.x + x, block.rect.y + y)
                    shown += window.get_at(at)[:3] == text.get_at((x, y))[:3]
        assert shown >= 0.95 * total, f"the line at {rows[0]} px of the text is covered"


@pytest.mark.parametrize("language", sorted(LONGEST_ANSWERS))
@pytest.mark.parametrize("size", STANDARD, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_longest_mystery_answer_shows_whole_on_the_reveal_in_any_script(
    make_app: Callable[..., App], tmp_path: Path, size: tuple[int, int], language: str
) -> None:
    answer = LONGEST_ANSWERS[language]
    assert len(answer) == 200
    question = {"id": "q", "type": "truefalse", "prompt": "Yes?", "answer": True}
    pilot = Pilot(make_app(size=size))
    scene = play(pilot, long_pack(tmp_path, [question], language=language, answer=answer))
    pilot.key(pygame.K_a)
    pilot.settle()
    pilot.key(pygame.K_RETURN)  # the last guess, then the end
    pilot.type("Minsk")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: scene.round.phase is Phase.ENDED)
    pilot.until(lambda: not scene.board.view.flipping)  # the whole picture in view
    pilot.step(8)  # the regions the end changed are drawn again, a few in a frame
    assert pilot.app.top is scene
    banner = scene.board.banner
    panel = scene.board.banner_rect()
    assert banner is not None
    assert panel is not None
    assert letters(banner.words) == letters(answer)
    assert panel.contains(banner.rect), f"the answer is cut: {banner.rect} in {panel}"
    assert pygame.Rect((0, 0), pilot.app.size).contains(panel)
    assert_every_line_in_sight(pilot.app.surface, banner)


@pytest.mark.parametrize("interface", INTERFACES)
def test_a_short_prompt_keeps_its_size_beside_a_long_explanation(
    make_app: Callable[..., App], tmp_path: Path, interface: str
) -> None:
    explain = fill("A long explanation that goes on. ", 1990) + " END"
    question: dict[str, Any] = {"id": "q", "type": "truefalse", "prompt": "Short?", "answer": True}
    for size in STANDARD:
        pilot = Pilot(make_app(size=size, settings=game_settings(interface)))
        alone = play(pilot, long_pack(tmp_path / f"alone-{size[0]}", [question]))
        as_asked = alone.card.now.texts["prompt"].rect.height
        scene = play(
            pilot, long_pack(tmp_path / f"long-{size[0]}", [{**question, "explain": explain}])
        )
        metrics = pilot.app.look.metrics(pilot.app.size)
        body_line = pilot.app.services.assets.font(metrics.body_size, True).get_linesize()
        # before the answer the explanation is not shown: the card is as without it
        prompt = scene.card.now.texts["prompt"]
        assert prompt.rect.height == as_asked >= body_line
        assert not scene.card.scrolls
        pilot.key(pygame.K_a)
        pilot.settle()
        # after: the prompt as it was asked, the explanation whole, the card scrolls
        assert scene.card.now.texts["prompt"].rect.height == as_asked
        assert letters(scene.card.now.texts["explain"].words) == letters(explain)
        assert scene.card.scrolls
        assert_card_whole(pilot, scene, "prompt", "verdict", "explain", "next_button")


JA_CHOICE = fill("日本国憲法は一九四七年五月三日に施行された日本の最高法規であり、国民主権、", 196)
JA_CHOICES = [f"{JA_CHOICE}終わり{letter}" for letter in "ABCDEF"]


def ja_choices(answer: int) -> dict[str, Any]:
    """Six choices of the format's longest (200 characters) in Japanese, under a long prompt."""
    return {
        "id": "q",
        "type": "choice",
        "prompt": fill("次のうち正しいものはどれですか。", 1990) + "終わりEND",
        "choices": JA_CHOICES,
        "answer": JA_CHOICES[answer],
        "shuffle": False,  # the right answer stands where the test puts it: first or last
    }


@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("size", STANDARD, ids=lambda s: f"{s[0]}x{s[1]}")
def test_after_an_answer_the_right_choice_and_the_verdict_are_in_sight(
    make_app: Callable[..., App], tmp_path: Path, size: tuple[int, int], interface: str
) -> None:
    pilot = Pilot(make_app(size=size, settings=game_settings(interface)))
    # the right answer first: it and the verdict are farther apart than the card is tall,
    # so the right answer shows, at the top, and the verdict is reached by PageDown
    scene = play(pilot, long_pack(tmp_path / "a", [ja_choices(0)], language="ja"))
    assert scene.card.scrolls
    pilot.key(pygame.K_a)
    pilot.settle()
    card = scene.card
    shown = scene.layout_boxes()
    assert "answer_A" in shown, "the right answer is out of sight"
    assert card.now.boxes["answer_A"].top == card.view.top
    assert shown["answer_A"].union(card.now.boxes["verdict"]).height > card.view.height
    # every answer keeps its letter, the right one its mark
    assert [button.key_hint for button in scene.answer_buttons] == ["✓", *"BCDEF"]
    while "verdict" not in scene.layout_boxes():
        before = card.scroll
        pilot.key(pygame.K_PAGEDOWN)
        assert card.scroll > before, "the verdict cannot be reached"

    # the right answer last, a wrong one pressed: the right answer and the verdict together
    scene = play(pilot, long_pack(tmp_path / "f", [ja_choices(5)], language="ja"))
    pilot.key(pygame.K_a)
    pilot.settle()
    shown = scene.layout_boxes()
    assert "answer_F" in shown, "the right answer is out of sight"
    assert "verdict" in shown
    assert "next_button" in shown
    assert [button.key_hint for button in scene.answer_buttons] == ["✗", *"BCDE", "✓"]


def test_a_number_question_asks_for_a_number(make_app: Callable[..., App], tmp_path: Path) -> None:
    questions = [
        {"id": "n", "type": "number", "prompt": "How many grams in a kilogram?", "answer": "1000"},
        {"id": "t", "type": "typed", "prompt": "The capital of Belarus?", "answer": "Minsk"},
    ]
    pilot = Pilot(make_app(size=(1024, 640)))
    scene = play(pilot, long_pack(tmp_path, questions))
    assert scene.answer_field.placeholder == "Type a number…"
    pilot.type("1000")
    pilot.key(pygame.K_RETURN)
    pilot.settle()
    pilot.key(pygame.K_RETURN)
    pilot.settle()
    assert scene.round.question is not None
    assert scene.round.question.id == "t"
    assert scene.answer_field.placeholder == "Type the answer…"


# -- a piece that ends at a soft hyphen is measured with the hyphen it shows ---------------

SHY = "\u00ad"
#: a tester's compounds, with the soft hyphens the teacher put in (r-shy.yaml)
SHY_CHOICES = [
    SHY.join(["Grund", "stücks", "verkehrs", "genehmigungs", "zuständigkeits", "übertragungs"])
    + SHY
    + "verordnung",
    SHY.join(["Rind", "fleisch", "etikettierungs", "überwachungs", "aufgaben", "übertragungs"])
    + SHY
    + "gesetz",
    f"Kraft{SHY}fahr{SHY}zeug",
    f"Haft{SHY}pflicht{SHY}versicherung",
]


def broken_without_hyphen(lines: list[str]) -> list[str]:
    """The lines that end inside a word with no hyphen drawn (every line here but the
    last ends at one of the word's soft hyphens)."""
    return [line for line in lines[:-1] if not line.endswith("-")]


def test_a_word_that_fits_only_without_its_hyphen_is_not_said_to_fit(
    make_app: Callable[..., App],
) -> None:
    app = make_app(size=(1024, 640))
    fitter = app.services.assets.fitter
    word = f"genehmigungs{SHY}"
    size = 20
    bare = fitter.width("genehmigungs", size, bold=True)
    shown = fitter.width("genehmigungs-", size, bold=True)
    assert bare < shown
    # a box as wide as the word without the hyphen: as drawn at a line's end, it is wider
    assert not fitter.fits(word + "zuständigkeits", size, (bare, 10**4), bold=True)
    assert fitter.fits(word + "zuständigkeits", size, (shown + 200, 10**4), bold=True)


@pytest.mark.parametrize("size", STANDARD, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_compound_broken_at_its_soft_hyphens_shows_a_hyphen_at_every_break(
    make_app: Callable[..., App], tmp_path: Path, size: tuple[int, int]
) -> None:
    question = {
        "id": "q",
        "type": "choice",
        "prompt": f"Welches Wort ist am längsten? {SHY_CHOICES[0]} oder {SHY_CHOICES[1]}?",
        "choices": SHY_CHOICES,
        "answer": SHY_CHOICES[2],
    }
    pilot = Pilot(make_app(size=size))
    scene = play(pilot, long_pack(tmp_path, [question], language="de"))
    assets = pilot.app.services.assets
    metrics = scene.card.now.metrics
    broken = 0
    for button, label_size in scene.card.now.buttons:
        if button.tone is None or not button.tone.startswith("answer"):
            continue
        room_w, _ = label_room(
            assets, metrics, button.rect.width, button.rect.height, button.key_hint
        )
        font = assets.font(label_size or metrics.body_size, True)
        lines = wrap_lines(font, button.label, room_w, 10**6)
        assert not broken_without_hyphen(lines), (button.label, lines)
        broken += len(lines) - 1
    assert broken >= 2, "the long compounds were expected to break"
    assert_buttons_whole(pilot, scene)


# -- a choice of wide letters: the right answer's label in sight after the verdict ---------

#: a tester's choices (l-wide-answer.yaml): 200 fullwidth letters, kanji, emoji sequences,
#: and the widest ligature there is, U+FDFD, which needs a hundred lines in a button
WIDE_CHOICES = [
    fill("Ｍ", 200),
    fill("東京特許許可局", 200),
    fill("🐦\u200d🔥", 200),
    fill("\ufdfd", 200),
]


def ink_share(window: pygame.Surface, rect: pygame.Rect, ink: tuple[int, int, int]) -> float:
    """The share of the pixels of ``rect`` in ``window`` that are exactly ``ink``."""
    columns, rows = range(rect.left, rect.right, 2), range(rect.top, rect.bottom, 2)
    points = [(x, y) for x in columns for y in rows]
    inked = sum(window.get_at(point)[:3] == ink for point in points)
    return inked / max(1, len(points))


# In English only: the texts that are long here are the pack's (its prompt takes 7 s a
# run to lay out), and the interface's words in a longer language are the other tests'.
# Each size once, one with a right and one with a wrong answer: the right choice is laid
# out the same after either (a pair of runs at each size took a tenth of the suite).
@pytest.mark.parametrize(
    ("size", "key"),
    [(STANDARD[0], pygame.K_a), (STANDARD[1], pygame.K_b)],
    ids=["1024x640-right", "1920x1080-wrong"],
)
def test_a_right_choice_of_wide_letters_shows_its_text_after_the_answer(
    make_app: Callable[..., App], tmp_path: Path, size: tuple[int, int], key: int
) -> None:
    interface = "en"
    question = {
        "id": "q",
        "type": "choice",
        "prompt": fill("東京特許許可局長今日急遽休暇許可拒否", 2000),
        "choices": WIDE_CHOICES,
        "answer": WIDE_CHOICES[0],
    }
    pilot = Pilot(make_app(size=size, settings=game_settings(interface)))
    scene = play(pilot, long_pack(tmp_path, [question], language="ja"))
    pilot.key(key)
    pilot.settle()
    pilot.step(8)
    card = scene.card
    right = card.now.boxes["answer_A"]
    shown = right.clip(card.view)
    assert shown.height >= min(right.height, card.view.height // 2), "the right answer is hidden"
    # its letters are drawn where the card shows it, not in the middle of a box taller
    # than the card (an empty green box)
    ink = pilot.app.look.tone("right").ink
    assert ink_share(pilot.app.surface, shown, ink) > 0.03
    # no answer is taller than its label needs: a short label is never lost in a tall box
    assets = pilot.app.services.assets
    metrics = card.now.metrics
    for button, label_size in card.now.buttons:
        if button.tone is None or not button.tone.startswith("answer"):
            continue
        room_w, _ = label_room(assets, metrics, button.rect.width, 10**6, button.key_hint)
        label_h = assets.fitter.measure(
            button.label, label_size or metrics.body_size, room_w, bold=True
        )[1]
        assert button.rect.height <= max(label_h + metrics.px(3), card.view.height), button.label
    # the verdict and Next are reached by PageDown
    for _ in range(200):
        if "verdict" in scene.layout_boxes():
            break
        pilot.key(pygame.K_PAGEDOWN)
    assert "verdict" in scene.layout_boxes()
    assert "next_button" in scene.layout_boxes()


# -- at 200 % text: the picture in sight at the end, the field when typing, the guess label --

LARGE_SIZES = [(1024, 640), (1024, 768)]


@pytest.mark.parametrize("size", LARGE_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_at_large_text_the_answer_banner_leaves_most_of_the_picture_in_sight(
    make_app: Callable[..., App], tmp_path: Path, size: tuple[int, int]
) -> None:
    answer = LONGEST_ANSWERS["de"]
    app = make_app(size=size)
    app.apply_look(LARGE)
    pilot = Pilot(app)
    question = {"id": "q", "type": "truefalse", "prompt": "Yes?", "answer": True}
    scene = play(pilot, long_pack(tmp_path, [question], language="de", answer=answer))
    pilot.key(pygame.K_a)
    pilot.settle()
    pilot.key(pygame.K_RETURN)
    pilot.type("Minsk")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: scene.round.phase is Phase.ENDED)
    pilot.until(lambda: not scene.board.view.flipping)
    pilot.step(8)
    board = scene.board
    panel = board.banner_rect()
    banner = board.banner
    assert panel is not None
    assert banner is not None
    picture = board.rect
    covered = panel.clip(picture).height
    assert covered <= BANNER_PICTURE_SHARE * picture.height + 2, (covered, picture.height)
    # what the banner shows is drawn whole, in its panel: the answer's first lines, and an
    # ellipsis where it stops
    assert panel.contains(banner.rect)
    assert_every_line_in_sight(pilot.app.surface, banner)
    shown = letters(banner.words)
    if shown != letters(answer):
        assert shown.endswith("…")
        assert letters(answer).startswith(shown[:-1])
    # the whole answer is on the end card
    assert letters(scene.card.now.texts["end_answer"].words) == letters(answer)


@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("size", LARGE_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_at_large_text_typing_under_a_long_prompt_brings_the_field_into_view(
    make_app: Callable[..., App], tmp_path: Path, size: tuple[int, int], interface: str
) -> None:
    prompt = fill("Who wrote the Muqaddimah, the book of 1377 about history? ", 1990) + " END?"
    question = {"id": "q", "type": "typed", "prompt": prompt, "answer": "Ibn Khaldun"}
    app = make_app(size=size, settings=game_settings(interface))
    app.apply_look(LARGE)
    pilot = Pilot(app)
    scene = play(pilot, long_pack(tmp_path, [question]))
    card = scene.card
    assert card.scrolls
    assert not card.view.contains(card.now.boxes["answer_field"]), "a prompt this long hides it"
    pilot.type("I")
    assert scene.answer_field.text == "I"
    assert card.view.contains(scene.answer_field.rect), "the field typed in is out of sight"
    pilot.type("bn Khaldun")
    pilot.key(pygame.K_RETURN)
    pilot.settle()
    assert scene.round.phase is Phase.FEEDBACK


@pytest.mark.parametrize("picture", [(400, 300), (200, 400)], ids=["wide", "tall"])
@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("size", LARGE_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_at_large_text_the_guess_label_stays_inside_its_button(
    make_app: Callable[..., App],
    tmp_path: Path,
    size: tuple[int, int],
    picture: tuple[int, int],
    interface: str,
) -> None:
    question = {"id": "q", "type": "typed", "prompt": "The capital of Belarus?", "answer": "Minsk"}
    loaded = long_pack(tmp_path, [question])
    write_picture(tmp_path / "lighthouse.png", picture)
    loaded = load_pack(loaded.path, assets_dir=ASSETS)
    app = make_app(size=size, settings=game_settings(interface))
    app.apply_look(LARGE)
    pilot = Pilot(app)
    scene = play(pilot, loaded)
    button = scene.board.guess_button
    assert button.key_hint == "Ctrl+G"  # letters type: the widest badge
    metrics = scene.card.now.metrics
    assets = pilot.app.services.assets
    pad = metrics.px(1.2)
    cap = keys.shown_cap(button.key_hint, pilot.app.translator)  # as Button.draw shows it
    badge = assets.fitter.width(cap, metrics.small_size, bold=True)
    # the room Button.draw gives the label, at the smallest size it draws it
    room = (button.rect.width - 3 * pad - badge, button.rect.height - metrics.px(0.6))
    assert assets.fitter.fits(button.label, metrics.small_size, room, bold=True), (
        button.rect,
        room,
    )
    window = pygame.Rect((0, 0), pilot.app.size)
    assert window.contains(button.rect)
    assert not button.rect.colliderect(scene.board.rect)
