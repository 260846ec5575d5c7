"""The daily limit of new flashcards ("New cards a day"), through the real App: set on the
Settings screen with real keys and clicks, and obeyed by the study across sessions of one
day on the student's calendar, fresh again the next day; 0 studies only the cards due.

The computer's time zone is set to UTC+3 (``TZ=MSK-3``, POSIX: no zone data needed), so the
student's midnight is 21:00 UTC and a test can say which day a moment falls on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pygame
import pytest

from clarity.core.study import CardState, made_due, new_card
from clarity.settings import Settings, SettingsStore, settings_path
from clarity.store import open_store
from clarity.ui.app import App
from clarity.ui.scenes.settings import SettingsScene
from clarity.ui.scenes.study import StudyScene
from clarity.ui.scenes.title import TitleScene
from clarity.ui.services import GameSettings, local_day

from .conftest import QUESTIONS, Pilot
from .study_app import Clock, study_app

PACK = "play-test"
IDS = [q["id"] for q in QUESTIONS]
# Monday 2 March 2026 at 14:00 in Minsk (UTC+3); every moment below is this day unless said
MONDAY_AFTERNOON = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _minsk_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "MSK-3")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def open_app(
    tmp_path: Path, clock: Clock, *, new_cards: int | None = None, guest: bool = False
) -> App:
    """The App over the play tests' pack, with the settings file in tmp_path (``new_cards``
    saved there first when given) and Ana's store."""
    store = SettingsStore(settings_path(tmp_path / "config"))
    if new_cards is not None:
        assert store.save(Settings().with_values({"new-cards": new_cards})).ok
    settings = GameSettings(seed=1, saved=store.load().settings, store=store)
    return study_app(tmp_path, clock, guest=guest, settings=settings)


def start_study(app: App) -> StudyScene:
    """The pack list for study, and Enter on its pack."""
    pilot = Pilot(app)
    app.screens.push("packs", purpose="study")
    for _ in range(600):
        pilot.step()
        if not pilot.top.loading:  # type: ignore[attr-defined]
            break
    pilot.key(pygame.K_RETURN, frames=2)
    scene = pilot.top
    assert isinstance(scene, StudyScene)
    return scene


def study(tmp_path: Path, clock: Clock, **options: object) -> tuple[App, StudyScene]:
    app = open_app(tmp_path, clock, **options)  # type: ignore[arg-type]
    return app, start_study(app)


def rate_every_card(app: App, key: int = pygame.K_4) -> None:
    """Each card turned (Space) and rated (4: Easy, back in days) to the session's end."""
    pilot = Pilot(app)
    scene = pilot.top
    assert isinstance(scene, StudyScene)
    for _ in range(3 * len(QUESTIONS)):
        if scene.finished:
            break
        pilot.key(pygame.K_SPACE, frames=2)
        pilot.key(key, frames=2)
    assert scene.finished


def subheading(app: App) -> str:
    scene = app.top
    assert isinstance(scene, StudyScene)
    return scene._subheading(app.translator)


def summary_text(app: App, scene: StudyScene) -> list[str]:
    """The lines the summary draws (recorded as the screen renders them)."""
    drawn: list[str] = []
    assets = app.services.assets
    real = assets.text

    def recording(text: str, *args: object, **kwargs: object) -> pygame.Surface:
        drawn.append(text)
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    assets.text = recording  # type: ignore[method-assign]
    try:
        Pilot(app).step()
    finally:
        assets.text = real  # type: ignore[method-assign]
    return drawn


def test_the_limit_holds_across_sessions_of_one_day_and_is_fresh_the_next(
    tmp_path: Path,
) -> None:
    clock = Clock(MONDAY_AFTERNOON)
    app, scene = study(tmp_path, clock, new_cards=3)
    assert scene.deck.saving
    assert not scene.deck.ahead
    assert [c.question_id for c in scene.cards] == IDS[:3]  # the pack's order
    assert "3 new cards left today" in subheading(app)
    pilot = Pilot(app)
    pilot.key(pygame.K_SPACE, frames=2)
    pilot.key(pygame.K_4, frames=2)
    assert "2 new cards left today" in subheading(app)
    rate_every_card(app)
    assert "No new cards left today" in subheading(app)
    waiting = len(IDS) - 3
    assert (
        f"{waiting} new cards wait for another day (New cards a day: 3, in Settings)"
        in summary_text(app, scene)
    )
    app.services.close()

    # the study opened again at 23:30 the same evening: no fresh allowance, nothing is due
    # (Easy sent the three cards days away), so it studies ahead
    clock.at = MONDAY_AFTERNOON + timedelta(hours=9, minutes=30)
    app, scene = study(tmp_path, clock, new_cards=3)
    assert scene.deck.new_today == 3
    assert scene.deck.ahead
    assert {c.question_id for c in scene.cards} == set(IDS[:3])
    assert not any(card.is_new for card in scene.cards)
    text = subheading(app)
    assert "Nothing is due: studying ahead" in text
    assert "No new cards left today" in text
    app.services.close()

    # 00:30 on Tuesday in Minsk (21:30 UTC, still Monday in UTC): a new day, three new cards
    clock.at = MONDAY_AFTERNOON + timedelta(hours=10, minutes=30)
    assert local_day(clock.at)[0] == datetime(2026, 3, 2, 21, 0, tzinfo=UTC)
    app, scene = study(tmp_path, clock, new_cards=3)
    assert scene.deck.new_today == 0
    assert not scene.deck.ahead
    assert [c.question_id for c in scene.cards] == IDS[3:6]
    assert "3 new cards left today" in subheading(app)
    rate_every_card(app)
    app.services.close()

    store = open_store(tmp_path / "data").store
    assert store is not None
    player = store.player_by_name("Ana")
    assert player is not None
    studied = {c.question_id for c in store.study_cards(player.id, PACK)}
    assert studied == set(IDS[:6])
    store.close()


def test_a_limit_raised_the_same_day_gives_only_the_difference(tmp_path: Path) -> None:
    clock = Clock(MONDAY_AFTERNOON)
    app, _ = study(tmp_path, clock, new_cards=2)
    rate_every_card(app)
    app.services.close()
    clock.at += timedelta(hours=1)
    app, scene = study(tmp_path, clock, new_cards=5)
    assert [c.question_id for c in scene.cards if c.is_new] == IDS[2:5]
    assert "3 new cards left today" in subheading(app)
    app.services.close()


def test_limit_zero_studies_only_the_cards_due(tmp_path: Path) -> None:
    clock = Clock(MONDAY_AFTERNOON)
    app, scene = study(tmp_path, clock, new_cards=0)
    # a fresh pack: nothing due, nothing new allowed, nothing to study ahead
    assert scene.cards == []
    assert scene.finished
    assert scene.deck.new_limit == 0
    assert "No new cards left today" in subheading(app)
    lines = summary_text(app, scene)
    assert "No cards to study" in lines
    assert f"{len(IDS)} new cards wait: New cards a day is 0 in Settings" in lines
    app.services.close()

    # two questions answered wrong in a game become due at once (as the game feeds the study)
    store = open_store(tmp_path / "data").store
    assert store is not None
    player = store.player_by_name("Ana")
    assert player is not None
    for question_id in (IDS[4], IDS[7]):
        due = made_due(new_card((PACK, question_id)), clock.at)
        assert due.due is not None
        failed = store.save_card(
            player.id, PACK, question_id, state=due.to_dict(), due=due.due, at=clock.at
        )
        assert failed is None
    store.close()

    clock.at += timedelta(minutes=5)
    app, scene = study(tmp_path, clock, new_cards=0)
    assert not scene.deck.ahead
    assert sorted(c.question_id for c in scene.cards) == sorted([IDS[4], IDS[7]])
    assert all(isinstance(c, CardState) and not c.is_new for c in scene.cards)
    rate_every_card(app, pygame.K_3)
    assert scene.reviewed == 2
    app.services.close()


def test_a_guest_meets_the_limit_too(tmp_path: Path) -> None:
    app, scene = study(tmp_path, Clock(MONDAY_AFTERNOON), new_cards=4, guest=True)
    assert not scene.deck.saving
    assert [c.question_id for c in scene.cards] == IDS[:4]
    assert "4 new cards left today" in subheading(app)
    app.services.close()


def test_the_settings_screen_changes_the_limit_with_keys_and_a_click_and_the_study_obeys(
    tmp_path: Path,
) -> None:
    clock = Clock(MONDAY_AFTERNOON)
    app = open_app(tmp_path, clock)
    pilot = Pilot(app)
    app.screens.push("title")
    pilot.step()
    title = pilot.top
    assert isinstance(title, TitleScene)
    pilot.click(title.settings_button.rect.center)
    scene = pilot.top
    assert isinstance(scene, SettingsScene)
    target = next(i for i, row in enumerate(scene.rows) if row.key == "new-cards")
    while scene.selected != target:
        pilot.key(pygame.K_DOWN)
    row = scene.rows[target]
    assert scene.value_of(row) == "20"
    assert scene.label_of(row) == "New cards a day"

    def saved_value() -> int:
        return app.services.settings.saved.study.new_cards

    pilot.key(pygame.K_RIGHT)
    assert saved_value() == 25
    pilot.key(pygame.K_LEFT)
    pilot.key(pygame.K_LEFT)
    assert saved_value() == 15
    text = settings_path(tmp_path / "config").read_text(encoding="utf-8")
    assert "\nnew-cards = 15\n" in text
    for expected in (10, 5, 0, 0):  # it stops at 0 rather than going round to 200
        pilot.key(pygame.K_LEFT)
        assert saved_value() == expected
    assert scene.value_of(row) == "None: reviews only"
    # the file is what the next start reads: 0 is set on purpose, not the default
    reloaded = SettingsStore(settings_path(tmp_path / "config")).load()
    assert reloaded.settings.study.new_cards == 0
    assert "new-cards" in reloaded.from_file

    pilot.step()  # drawn, so the row's arrows are where the mouse can find them
    assert row.right_arrow is not None
    pilot.click(row.right_arrow.center)
    assert saved_value() == 5
    assert scene.value_of(row) == "5"

    pilot.key(pygame.K_ESCAPE, frames=30)
    assert isinstance(pilot.top, TitleScene)
    study_scene = start_study(app)
    assert study_scene.deck.new_limit == 5
    assert [c.question_id for c in study_scene.cards] == IDS[:5]
    app.services.close()
