"""The Study screen driven through the real App: a pack chosen for study, cards turned and
rated with real key presses, reviews saved in a real SQLite store, a day later the cards
come back as FSRS says; a guest studies without saving."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pygame
import pytest

from clarity.core.study import CardState, Stage
from clarity.store import open_store
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scenes.study import StudyScene, short_interval
from clarity.ui.services import GameSettings, PackCatalog, PlayerOptions, Services
from clarity.ui.sound import Sound

from .conftest import ASSETS, QUESTIONS, write_play_pack
from .menus import press, step
from .study_app import Clock, open_study_list

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SHOTS = os.environ.get("CLARITY_STUDY_SHOTS")  # a folder: the screenshots are saved there


def open_study(
    tmp_path: Path, clock: Clock, *, guest: bool = False, size: tuple[int, int] = (1280, 800)
) -> App:
    """The App on the first pack's cards, chosen from the study's pack list."""
    app = open_study_list(tmp_path, clock, guest=guest, size=size)
    press(app, pygame.K_RETURN)  # the first pack
    assert isinstance(app.top, StudyScene)
    return app


def shot(app: App, name: str) -> None:
    if SHOTS:
        step(app)
        pygame.image.save(app.surface, str(Path(SHOTS) / f"{name}.png"))


def study_all(app: App, key: int = pygame.K_3) -> StudyScene:
    scene = app.top
    assert isinstance(scene, StudyScene)
    for _ in range(3 * len(QUESTIONS)):
        if scene.finished:
            break
        press(app, pygame.K_SPACE)
        assert scene.turned
        press(app, key)
    assert scene.finished
    return scene


def test_a_session_saves_each_review_and_cards_come_back_a_day_later(tmp_path: Path) -> None:
    clock = Clock(START)
    app = open_study(tmp_path, clock)
    scene = app.top
    assert isinstance(scene, StudyScene)
    assert scene.deck.saving
    assert not scene.deck.ahead
    assert len(scene.cards) == len(QUESTIONS)  # all new, within the daily limit of 20
    first = scene.card
    assert first is not None
    press(app, pygame.K_3)  # a rating before the card is turned does nothing
    assert scene.reviewed == 0
    press(app, pygame.K_SPACE)
    assert scene.turned
    good = scene.rate_buttons[next(iter(scene.rate_buttons))]  # Again's button
    assert "\n" in good.label  # its interval is on it
    press(app, pygame.K_3)  # Good
    assert scene.reviewed == 1
    assert scene.remembered == 1
    # Good on a new card: FSRS's second learning step, 10 minutes, within Anki's 20-minute
    # learn-ahead limit: each card comes back once the others are done, and Good then
    # sends it days away; the summary counts each card once
    scene = study_all(app)
    assert scene.reviewed == len(QUESTIONS)
    assert scene.remembered == len(QUESTIONS)
    assert scene.streak == 1
    app.close()

    store = open_store(tmp_path / "data").store
    assert store is not None
    player = store.player_by_name("Ana")
    assert player is not None
    assert store.review_count(player.id) == 2 * len(QUESTIONS)
    saved = {
        c.question_id: CardState.from_dict(c.state)
        for c in store.study_cards(player.id, "play-test")
    }
    assert set(saved) == {q["id"] for q in QUESTIONS}
    assert all(s.stage == Stage.REVIEW for s in saved.values())
    first_due = min(s.due for s in saved.values() if s.due is not None)
    assert first_due > START + timedelta(days=1)
    store.close()

    # a day later nothing is due yet: "study ahead"; once due, the cards come back
    clock.at = START + timedelta(days=1)
    app = open_study(tmp_path, clock)
    scene = app.top
    assert isinstance(scene, StudyScene)
    assert scene.deck.ahead
    app.close()

    clock.at = first_due
    app = open_study(tmp_path, clock)
    scene = app.top
    assert isinstance(scene, StudyScene)
    assert not scene.deck.ahead
    assert len(scene.cards) == len(QUESTIONS)
    scene = study_all(app)
    assert scene.streak == 1  # a day missed between the two sessions
    app.close()
    store = open_store(tmp_path / "data").store
    assert store is not None
    player = store.player_by_name("Ana")
    assert player is not None
    assert store.review_count(player.id) == 3 * len(QUESTIONS)  # a review card: once
    states = [CardState.from_dict(c.state) for c in store.study_cards(player.id, "play-test")]
    assert all(s.stage == Stage.REVIEW for s in states)
    assert all(s.due is not None and s.due > clock.at + timedelta(days=1) for s in states)
    store.close()


def test_again_shows_the_card_again_before_the_end(tmp_path: Path) -> None:
    app = open_study(tmp_path, Clock(START))
    scene = app.top
    assert isinstance(scene, StudyScene)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_1)  # Again
    assert scene.remembered == 0
    assert scene.total == len(QUESTIONS) + 1  # it waits in the learning queue
    app.close()


def test_a_guest_studies_without_saving(tmp_path: Path) -> None:
    app = open_study(tmp_path, Clock(START), guest=True)
    scene = app.top
    assert isinstance(scene, StudyScene)
    assert not scene.deck.saving
    assert "not saved" in scene._subheading(app.translator)
    study_all(app)
    app.close()


def test_reduced_motion_turns_the_card_at_once(tmp_path: Path) -> None:
    app = open_study(tmp_path, Clock(START))
    scene = app.top
    assert isinstance(scene, StudyScene)
    press(app, pygame.K_SPACE, frames=1)
    reduced = app.look.reduced_motion
    assert (scene.flip == 1.0) if reduced else (scene.flip < 1.0)
    app.close()


def test_short_intervals(tmp_path: Path) -> None:
    from clarity.i18n import translator_for

    t = translator_for("en")
    assert short_interval(timedelta(minutes=10), t) == "10 min"
    assert short_interval(timedelta(days=2), t) == "2 d"
    assert short_interval(timedelta(hours=5), t) == "5 h"


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_screenshots(tmp_path: Path, size: tuple[int, int]) -> None:
    app = open_study(tmp_path, Clock(START), size=size)
    label = f"{size[0]}x{size[1]}"
    shot(app, f"study-front-{label}")
    press(app, pygame.K_SPACE, frames=40)
    shot(app, f"study-back-{label}")
    scene = study_all(app)
    shot(app, f"study-summary-{label}")
    assert scene.finished
    app.close()


def test_title_study_opens_the_pack_list_then_the_cards(tmp_path: Path) -> None:
    write_play_pack(tmp_path / "packs")
    services = Services(
        assets=Assets(ASSETS),
        sound=Sound(enabled=False),
        packs=PackCatalog([tmp_path / "packs"], ASSETS),
        settings=GameSettings(seed=1),
        data_dir=tmp_path / "data",
        player_options=PlayerOptions(name="Ana"),
        clock=Clock(START),
    )
    app = App(services, WindowOptions(size=(1280, 800)))
    app.open()
    app.screens.push("title")
    for _ in range(200):  # the store opens after the first frames: the full menu
        step(app)
        if app.top.status:  # type: ignore[attr-defined]
            break
    shot(app, "title-full")
    title = app.top
    for _ in range(4):  # from Play down the left column to Study, the last row
        press(app, pygame.K_DOWN)
    assert title.focus.focused is title.study_button  # type: ignore[attr-defined]
    press(app, pygame.K_RETURN)
    packs = app.top
    assert packs.name == "packs"
    assert packs.purpose == "study"  # type: ignore[attr-defined]
    for _ in range(600):
        step(app)
        if not packs.loading:  # type: ignore[attr-defined]
            break
    press(app, pygame.K_RETURN)
    scene = app.top
    assert isinstance(scene, StudyScene)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_3)
    assert scene.reviewed == 1
    press(app, pygame.K_ESCAPE)  # the session ends: its summary
    assert app.top is scene
    assert scene.finished
    assert scene.reviewed == 1
    press(app, pygame.K_ESCAPE)  # leaves the summary, back to the pack list
    assert app.top is packs
    press(app, pygame.K_ESCAPE)
    assert app.top is title
    app.close()


def test_title_true_or_false_opens_the_sprint_on_the_chosen_pack(tmp_path: Path) -> None:
    write_play_pack(tmp_path / "packs")
    services = Services(
        assets=Assets(ASSETS),
        sound=Sound(enabled=False),
        packs=PackCatalog([tmp_path / "packs"], ASSETS),
        settings=GameSettings(seed=1),
        clock=Clock(START),
    )
    app = App(services, WindowOptions(size=(1280, 800)))
    app.open()
    app.screens.push("title")
    step(app, 3)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)  # Play, Study, True or False
    press(app, pygame.K_RETURN)
    packs = app.top
    assert packs.purpose == "sprint"  # type: ignore[attr-defined]
    for _ in range(600):
        step(app)
        if not packs.loading:  # type: ignore[attr-defined]
            break
    press(app, pygame.K_RETURN)
    assert app.top.name == "sprint"
    assert [s.name for s in app.scenes] == ["title", "sprint"]
    app.close()


def test_a_questions_picture_is_on_the_front_and_on_the_back(tmp_path: Path) -> None:
    pictured = [{**QUESTIONS[0], "image": "windmill.png"}, *QUESTIONS[1:]]
    write_play_pack(tmp_path / "packs", questions=pictured)
    app = open_study(tmp_path, Clock(START), guest=True)
    scene = app.top
    assert isinstance(scene, StudyScene)
    step(app)
    card = scene.card_rect

    def disc() -> int:
        """How many sampled points of the card show the picture's yellow disc (write_picture
        draws it in 250, 220, 80)."""
        seen = [
            tuple(app.surface.get_at((x, y)))[:3]
            for x in range(card.left, card.right, 2)
            for y in range(card.top, card.bottom, 2)
        ]
        return sum(abs(r - 250) < 8 and abs(g - 220) < 8 and abs(b - 80) < 8 for r, g, b in seen)

    front = disc()
    assert front > 0
    press(app, pygame.K_SPACE, frames=40)  # the back keeps the picture, with the answer
    assert scene.turned
    assert disc() > 0
    app.close()


def test_a_seventh_day_in_a_row_shows_the_study_streak_trophy_at_the_summary(
    tmp_path: Path,
) -> None:
    clock = Clock(START)
    for day in range(7):
        clock.at = START + timedelta(days=day)
        app = open_study(tmp_path, clock)
        scene = study_all(app)
        assert scene.streak == day + 1
        step(app)  # the summary drawn
        if day < 6:
            assert scene.trophies == ()
            assert scene.trophy_rects == []
            app.close()
    assert [t.name for t in scene.trophies] == ["Steady learner"]
    assert len(scene.trophy_rects) == 1
    rect = scene.trophy_rects[0]
    assert scene.card_rect.contains(rect)
    # drawn in silver (the trophy's tier), its edge at the top of the chip
    colour = tuple(app.surface.get_at((rect.centerx, rect.top)))[:3]
    assert colour == tuple(app.look.tier("silver"))[:3]
    app.close()


def test_the_summary_counts_the_streak_as_it_stands_today(tmp_path: Path) -> None:
    # three days in a row, then a day missed: the streak starts again at one
    clock = Clock(START)
    streaks = []
    for day in (0, 1, 2, 4):
        clock.at = START + timedelta(days=day)
        app = open_study(tmp_path, clock)
        streaks.append(study_all(app).streak)
        app.close()
    assert streaks == [1, 2, 3, 1]


def test_a_guests_session_earns_no_trophy(tmp_path: Path) -> None:
    app = open_study(tmp_path, Clock(START), guest=True)
    scene = study_all(app)
    step(app)
    assert scene.streak is None
    assert scene.trophies == ()
    assert scene.trophy_rects == []
