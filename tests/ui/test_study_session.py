"""A study session as a student revising lives it, through the real App headless (real key
presses: KEYDOWN with key and scancode, KEYUP), a real SQLite store and a clock the test
moves: Esc ends the session with its summary (or leaves at once before any rating), cards
still being learnt come back in the session as Anki's learn-ahead limit says, a guest is not
told when a card is due, the back of a picture card keeps its picture, and the counter
counts the distinct cards ("Card 1 of 8 · shown again"), never growing as cards come back."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pygame
import pytest

from clarity.resources import bundled_assets_dir
from clarity.store import open_store
from clarity.ui.app import App
from clarity.ui.bindings import key_hints
from clarity.ui.scenes.packs import PackScene
from clarity.ui.scenes.study import StudyScene

from .conftest import QUESTIONS, write_play_pack
from .menus import press, step
from .study_app import Clock, open_study_list

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SHOTS = os.environ.get("CLARITY_STUDY_SHOTS")  # a folder: the screenshots are saved there
AGAIN, GOOD, EASY = pygame.K_1, pygame.K_3, pygame.K_4


def open_study(tmp_path: Path, clock: Clock, **options: object) -> tuple[App, StudyScene]:
    app = open_study_list(tmp_path, clock, **options)  # type: ignore[arg-type]
    press(app, pygame.K_RETURN)  # the first pack
    scene = app.top
    assert isinstance(scene, StudyScene)
    return app, scene


def rate(app: App, key: int) -> str:
    """The card shown turned (Space) and rated; the question id it was."""
    scene = app.top
    assert isinstance(scene, StudyScene)
    card = scene.card
    assert card is not None
    press(app, pygame.K_SPACE)
    assert scene.turned
    press(app, key)
    return card.question_id


@contextmanager
def recording(app: App) -> Iterator[list[str]]:
    """The texts the screen renders meanwhile."""
    drawn: list[str] = []
    assets = app.services.assets
    real = assets.text

    def record(text: str, *args: object, **kwargs: object) -> pygame.Surface:
        drawn.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    assets.text = record  # type: ignore[method-assign]
    try:
        yield drawn
    finally:
        assets.text = real  # type: ignore[method-assign]


def drawn_texts(app: App) -> list[str]:
    """The texts the next frame draws."""
    with recording(app) as drawn:
        step(app)
    return drawn


def hints(scene: StudyScene) -> list[tuple[str, str]]:
    """The key hints under the screen, as (key, English label)."""
    return list(key_hints(scene.bindings()))


def review_count(tmp_path: Path) -> int:
    store = open_store(tmp_path / "data").store
    assert store is not None
    try:
        player = store.player_by_name("Ana")
        assert player is not None
        return store.review_count(player.id)
    finally:
        store.close()


def test_esc_before_any_rating_goes_back_to_the_pack_list(tmp_path: Path) -> None:
    app, scene = open_study(tmp_path, Clock(START))
    packs = app.scenes[-2]
    assert isinstance(packs, PackScene)
    assert ("Esc", "back") in hints(scene)
    press(app, pygame.K_SPACE)  # turned, but not rated: still nothing to sum up
    press(app, pygame.K_ESCAPE)
    assert app.top is packs
    app.close()


def test_esc_after_ratings_shows_the_summary_of_the_cards_rated(tmp_path: Path) -> None:
    clock = Clock(START)
    app, scene = open_study(tmp_path, clock)
    packs = app.scenes[-2]
    rate(app, EASY)  # days away
    rate(app, AGAIN)  # a minute away: waits in the session
    assert ("Esc", "end the session") in hints(scene)
    clock.at = START + timedelta(minutes=2)  # the forgotten card is due again now
    press(app, pygame.K_ESCAPE)
    assert app.top is scene
    assert scene.finished
    assert (scene.reviewed, scene.remembered) == (2, 1)
    texts = drawn_texts(app)
    assert "2 cards reviewed" in texts
    assert "1 remembered" in texts
    assert "1 card is still due" in texts  # the one rated Again, due since a minute
    assert not any(text.startswith("Next card due") for text in texts)
    assert review_count(tmp_path) == 2  # the ratings were saved as they were made
    press(app, pygame.K_ESCAPE)  # the summary: Esc leaves it, back where the student was
    assert app.top is packs
    app.close()


def test_esc_ended_summary_says_when_the_next_card_is_due(tmp_path: Path) -> None:
    clock = Clock(START)
    app, scene = open_study(tmp_path, clock)
    rate(app, EASY)
    rate(app, GOOD)  # the 10-minute step
    press(app, pygame.K_ESCAPE)
    assert scene.next_due == START + timedelta(minutes=10)
    when = scene.next_due.astimezone()
    t = app.translator
    line = t.gettext("Next card due: {day}, {time}", day=t.date(when), time=t.time(when))
    assert line in drawn_texts(app)
    press(app, pygame.K_RETURN)  # Enter leaves the summary too
    assert isinstance(app.top, PackScene)
    app.close()


def test_learning_cards_come_back_when_due_and_at_the_end(tmp_path: Path) -> None:
    clock = Clock(START)
    app, scene = open_study(tmp_path, clock)
    ids = [card.question_id for card in scene.cards]
    assert len(ids) == len(QUESTIONS)
    shown = [rate(app, AGAIN), rate(app, GOOD)]  # due in 1 min, and in 10 min
    assert scene.total == len(QUESTIONS) + 2  # both wait to come back
    clock.at = START + timedelta(minutes=2)
    shown.append(rate(app, EASY))
    # the card rated Again is due (a minute on): it comes next, before the other cards
    assert scene.card is not None
    assert scene.card.question_id == ids[0]
    shown.append(rate(app, GOOD))  # now on the 10-minute step: due at 0:12
    while scene.index < len(QUESTIONS) + 1:  # the rest of the deck, each days away
        shown.append(rate(app, EASY))
    assert shown[3:] == [ids[0], *ids[3:]]
    # nothing else left: the cards due within the learn-ahead limit come early, soonest
    # first (the second card due at 0:10, the first at 0:12), though it is only 0:02
    assert scene.card is not None
    assert scene.card.question_id == ids[1]
    assert not scene.finished
    shown.append(rate(app, GOOD))  # graduates: days away, out of the session
    assert scene.card is not None
    assert scene.card.question_id == ids[0]
    shown.append(rate(app, GOOD))
    assert scene.finished
    assert len(shown) == len(QUESTIONS) + 3
    # each card counts once; remembered: known the first time it was shown
    assert scene.reviewed == len(QUESTIONS)
    assert scene.remembered == len(QUESTIONS) - 1
    assert scene.next_due is not None
    assert scene.next_due > clock.at + timedelta(hours=12)
    texts = drawn_texts(app)
    assert f"{len(QUESTIONS)} cards reviewed" in texts
    assert f"{len(QUESTIONS) - 1} remembered" in texts
    app.close()
    assert review_count(tmp_path) == len(QUESTIONS) + 3


def test_a_card_forgotten_again_and_again_keeps_coming_back(tmp_path: Path) -> None:
    clock = Clock(START)
    app, scene = open_study(tmp_path, clock)
    first = scene.card
    assert first is not None
    rate(app, AGAIN)
    while scene.index < len(QUESTIONS):
        rate(app, EASY)
    for _ in range(3):  # the deck done, the forgotten card each time, learning ahead
        assert scene.card is not None
        assert scene.card.question_id == first.question_id
        rate(app, AGAIN)
    assert not scene.finished
    rate(app, EASY)
    assert scene.finished
    assert (scene.reviewed, scene.remembered) == (len(QUESTIONS), len(QUESTIONS) - 1)
    app.close()


def test_a_guest_is_not_told_when_a_card_is_due(tmp_path: Path) -> None:
    app, scene = open_study(tmp_path, Clock(START), guest=True)
    rate(app, EASY)
    rate(app, EASY)
    press(app, pygame.K_ESCAPE)
    assert scene.finished
    texts = drawn_texts(app)
    assert "A guest's reviews are not saved" in texts
    assert "2 cards reviewed" in texts
    assert not any("due" in text for text in texts)
    app.close()


MAP_QUESTIONS: list[dict[str, object]] = [
    {
        "id": "map",
        "type": "choice",
        "prompt": "Which country is highlighted on the map?",
        "image": "belarus.png",
        "choices": ["Belarus", "Poland", "Lithuania", "Ukraine"],
        "answer": "Belarus",
        "explain": "Belarus borders Russia, Ukraine, Poland, Lithuania and Latvia.",
    },
    *QUESTIONS[1:],
]


def map_pixels(app: App, rect: pygame.Rect) -> int:
    """How many sampled points of ``rect`` show the map's land (its light beige)."""
    count = 0
    for x in range(rect.left, rect.right, 3):
        for y in range(rect.top, rect.bottom, 3):
            r, g, b = tuple(app.surface.get_at((x, y)))[:3]
            count += abs(r - 223) < 10 and abs(g - 213) < 10 and abs(b - 188) < 10
    return count


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_back_of_a_picture_card_keeps_its_picture_with_the_answer(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    packs = tmp_path / "packs"
    write_play_pack(packs, questions=MAP_QUESTIONS)
    shutil.copy(bundled_assets_dir() / "union_state" / "belarus.png", packs / "belarus.png")
    app, scene = open_study(tmp_path, Clock(START), guest=True, size=size)
    step(app)
    label = f"{size[0]}x{size[1]}"
    if SHOTS:
        pygame.image.save(app.surface, str(Path(SHOTS) / f"study-map-front-{label}.png"))
    front = map_pixels(app, scene.card_rect)
    assert front > 0
    with recording(app) as texts:
        press(app, pygame.K_SPACE, frames=40)
    if SHOTS:
        pygame.image.save(app.surface, str(Path(SHOTS) / f"study-map-back-{label}.png"))
    back = map_pixels(app, scene.card_rect)
    assert back > front // 3  # the map, readable (beside the texts on a wide card)
    assert "✓ Belarus" in texts
    assert "Belarus borders Russia, Ukraine, Poland, Lithuania and Latvia." in texts
    app.close()


def pack_line(app: App, pack_id: str) -> str:
    """The line of counts under a pack on the list, as drawn."""
    scene = app.top
    assert isinstance(scene, PackScene)
    card = next(c for c in scene.cards if c.loaded.id == pack_id)
    return " ".join(" ".join(scene._meta_lines(card)).split())  # spaces as one


def test_the_study_pack_list_shows_cards_due_and_new_left_today(tmp_path: Path) -> None:
    write_play_pack(tmp_path / "packs", pack_id="other", title="Another pack")
    clock = Clock(START)
    app = open_study_list(tmp_path, clock)
    packs = app.top
    assert isinstance(packs, PackScene)
    assert ("Enter", "study") in list(packs.hints())
    n = len(QUESTIONS)
    assert pack_line(app, "play-test") == f"0 cards due now · {n} new cards left today"
    # the counts come from one query for every pack, when the list opens, not per frame
    asked: list[datetime] = []
    real = app.services.study_overview

    def counting(now: datetime) -> object:
        asked.append(now)
        return real(now)

    app.services.study_overview = counting  # type: ignore[method-assign]
    step(app, 30)
    assert asked == []
    scene = packs.focused_pack
    assert scene is not None
    chosen = scene.id
    press(app, pygame.K_RETURN)
    study = app.top
    assert isinstance(study, StudyScene)
    for _ in range(3):
        rate(app, EASY)  # days away
    rate(app, AGAIN)  # due in a minute: not yet due when the list shows again
    press(app, pygame.K_ESCAPE)  # the summary
    press(app, pygame.K_ESCAPE)  # back on the list, its counts asked again once
    assert app.top is packs
    assert len(asked) == 1
    step(app, 5)
    left = n - 4
    assert pack_line(app, chosen) == f"0 cards due now · {left} new cards left today"
    other = "other" if chosen == "play-test" else "play-test"
    assert pack_line(app, other) == f"0 cards due now · {n} new cards left today"
    app.close()

    clock.at = START + timedelta(days=60)  # every card rated is due, a fresh day's limit
    app = open_study_list(tmp_path, clock)
    assert pack_line(app, chosen) == f"4 cards due now · {left} new cards left today"
    app.close()


def test_a_guest_sees_how_many_cards_each_pack_has(tmp_path: Path) -> None:
    app = open_study_list(tmp_path, Clock(START), guest=True)
    assert pack_line(app, "play-test") == f"{len(QUESTIONS)} cards"
    app.close()


def test_the_sprint_pack_list_shows_the_personal_best(tmp_path: Path) -> None:
    packs_dir = tmp_path / "packs"
    write_play_pack(packs_dir)
    write_play_pack(packs_dir, pack_id="other", title="Another pack")
    clock = Clock(START)
    app = open_study_list(tmp_path, clock)
    assert app.services.record_sprint("play-test", 12, 5, 20, START) is None
    app.close()
    app = open_study_list(tmp_path, clock)
    app.pop()
    app.screens.push("packs", purpose="sprint")
    for _ in range(600):
        step(app)
        if not app.top.loading:  # type: ignore[attr-defined]
            break
    packs = app.top
    assert isinstance(packs, PackScene)
    assert ("Enter", "start") in list(packs.hints())
    assert pack_line(app, "play-test") == "Personal best: 12"
    assert pack_line(app, "other") == f"{len(QUESTIONS)} questions"
    app.close()


def counter_parts(app: App) -> list[str]:
    """The line under the title the next frame draws, in its parts."""
    line = next(text for text in drawn_texts(app) if text.startswith("Card "))
    return line.split("  ·  ")


def test_the_counter_counts_distinct_cards_and_says_which_came_back(tmp_path: Path) -> None:
    # the tester's session: the first card rated Again, the others Good (a learning step):
    # every one comes back, yet the counter stays "of 8" and says the card came back
    clock = Clock(START)
    app, scene = open_study(tmp_path, clock)
    cards = len(QUESTIONS)
    numbers: dict[str, int] = {}
    for number in range(1, cards + 1):
        parts = counter_parts(app)
        assert parts[0] == f"Card {number} of {cards}"
        assert "shown again" not in parts
        waiting = [p for p in parts if p.endswith("coming back")]
        assert waiting == ([f"{number - 1} coming back"] if number > 1 else [])
        assert scene.card is not None
        numbers[scene.card.question_id] = number
        rate(app, AGAIN if number == 1 else GOOD)
    # the deck is done: the waiting cards come back (learning ahead), each keeping its
    # number; Easy sends each days away, so one fewer waits each time
    seen_again = []
    for left in range(cards - 1, -1, -1):
        assert scene.card is not None
        parts = counter_parts(app)
        number = numbers[scene.card.question_id]
        assert parts[0] == f"Card {number} of {cards}"
        assert "shown again" in parts
        assert [p for p in parts if p.endswith("coming back")] == (
            [f"{left} coming back"] if left else []
        )
        seen_again.append(number)
        rate(app, EASY)
    assert scene.finished
    assert sorted(seen_again) == list(range(1, cards + 1))
    assert seen_again[0] == 1  # the card rated Again is due soonest
    assert scene.reviewed == cards
    app.close()


def test_a_card_forgotten_twice_keeps_its_number_and_the_total(tmp_path: Path) -> None:
    clock = Clock(START)
    app, scene = open_study(tmp_path, clock)
    cards = len(QUESTIONS)
    assert scene.card is not None
    first = scene.card.question_id
    rate(app, AGAIN)
    assert counter_parts(app)[:2] == [f"Card 2 of {cards}", "1 coming back"]
    clock.at = START + timedelta(minutes=2)  # the forgotten card is due: it comes next
    rate(app, EASY)
    assert counter_parts(app)[:2] == [f"Card 1 of {cards}", "shown again"]
    assert rate(app, AGAIN) == first  # forgotten again
    assert counter_parts(app)[:2] == [f"Card 3 of {cards}", "1 coming back"]
    clock.at = START + timedelta(minutes=4)  # due again: it comes after this one
    rate(app, EASY)
    assert counter_parts(app)[:2] == [f"Card 1 of {cards}", "shown again"]
    rate(app, EASY)
    assert counter_parts(app)[0] == f"Card 4 of {cards}"
    app.close()
