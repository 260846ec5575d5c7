"""The history's line under its heading counts rounds, study days and sprints; the cabinet
dates the study trophies as it dates the game's; the study and the sprint save their times
in the student's time zone. Through the real App, headless, with real clicks and keys, on
a real store the test fills."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pygame
import pytest

from clarity.core.study import Rating, new_card, review
from clarity.core.trophies import CARDS_REMEMBERED, SPRINT_STREAK
from clarity.store import Player, Store
from clarity.ui.scenes.cabinet import CabinetScene, status_text
from clarity.ui.scenes.history import HistoryScene, history_said
from clarity.ui.scenes.title import TitleScene
from store.factories import MONDAY_9AM, save

from .conftest import Pilot, write_play_pack
from .drawn_text import game_settings, recording_drawn_text
from .saving import MakeApp, app_factory, at_title

PACK = "play-test"
DAY = timedelta(days=1)
MINSK = timezone(timedelta(hours=3))
SHOTS = os.environ.get("CLARITY_SHOTS")  # a folder: the screens are saved there to look at


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    write_play_pack(pack_folder, pack_id="second", title="Second pack")
    yield from app_factory(pack_folder, tmp_path / "data")


def _store(pilot: Pilot) -> Store:
    store = pilot.app.services.session.store
    assert store is not None
    return store


def _ana(store: Store) -> Player:
    player = store.get_or_create_player("Ana")
    assert isinstance(player, Player)
    return player


def _review(store: Store, player: Player, question: str, rating: Rating, at: datetime) -> None:
    state, _ = review(new_card((PACK, question)), rating, at)
    assert state.due is not None
    failed = store.save_review(
        player.id,
        PACK,
        question,
        state=state.to_dict(),
        due=state.due,
        rating=int(rating),
        reviewed_at=at,
    )
    assert failed is None


def _sprint(store: Store, player: Player, score: int, streak: int, at: datetime) -> None:
    saved = store.record_sprint(
        player.id, PACK, score=score, best_streak=streak, statements=score + 2, played_at=at
    )
    assert not hasattr(saved, "said"), saved


def _to_cabinet(pilot: Pilot) -> CabinetScene:
    """The title's Trophies button clicked, as a student does."""
    title = pilot.top
    assert isinstance(title, TitleScene)
    pilot.step()  # laid out
    pilot.click(title.trophies_button.rect.center, frames=2)
    cabinet = pilot.top
    assert isinstance(cabinet, CabinetScene)
    return cabinet


def _to_history(pilot: Pilot) -> HistoryScene:
    """The cabinet's H, pressed: the history."""
    _to_cabinet(pilot)
    pilot.key(pygame.K_h, frames=2)
    history = pilot.top
    assert isinstance(history, HistoryScene)
    return history


def _shot(app: object, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.surface, str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


# -- the history's line -----------------------------------------------------------------


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=["1024x768", "1920x1080"])
def test_the_historys_line_counts_its_rounds_study_days_and_sprints(
    saving_app: MakeApp, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    pilot = at_title(saving_app(player="Ana", size=size))
    store = _store(pilot)
    ana = _ana(store)
    for n in range(3):
        save(store, ana.id, pack_id=PACK, score=300 + n, played_at=MONDAY_9AM + n * DAY)
    for day in (0, 1):  # two study days, one of two reviews
        _review(store, ana, f"q{day}", Rating.Good, MONDAY_9AM + day * DAY + timedelta(hours=2))
    _review(store, ana, "q9", Rating.Again, MONDAY_9AM + timedelta(hours=3))
    _sprint(store, ana, 12, 7, MONDAY_9AM + 3 * DAY)
    with recording_drawn_text(monkeypatch) as drawn:
        history = _to_history(pilot)
        pilot.step()
    said = "Ana  ·  3 rounds, 2 study days and 1 sprint, newest first"
    assert history._frame.subheading == said
    assert said in drawn
    assert len(history.rows) == 3 + 2 + 1
    _shot(pilot.app, f"history-{size[0]}x{size[1]}")


def test_a_history_of_study_alone_does_not_count_rounds(
    saving_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    pilot = at_title(saving_app(player="Ana"))
    store = _store(pilot)
    ana = _ana(store)
    _review(store, ana, "q1", Rating.Hard, MONDAY_9AM)
    for n in range(2):
        _sprint(store, ana, 4 + n, 2, MONDAY_9AM + (n + 1) * DAY)
    history = _to_history(pilot)
    assert history._frame.subheading == "Ana  ·  1 study day and 2 sprints, newest first"


def test_a_history_of_rounds_alone_says_its_rounds_as_before(saving_app: MakeApp) -> None:
    pilot = at_title(saving_app(player="Ana"))
    store = _store(pilot)
    save(store, _ana(store).id, pack_id=PACK, score=10, played_at=MONDAY_9AM)
    history = _to_history(pilot)
    assert history._frame.subheading == "Ana  ·  1 round, newest first"


def test_the_line_in_russian_takes_each_counts_form(saving_app: MakeApp) -> None:
    """The rounds' line has its Russian forms; the kinds are counted in the language's
    plural forms and listed with its "и"."""
    app = saving_app(player="Ana", settings=game_settings("ru"))
    at_title(app)
    t = app.translator
    assert history_said("Ана", 5, 0, 0, t) == "Ана  ·  5 раундов, сначала новые"
    line = history_said("Ана", 2, 1, 3, t)
    assert " и " in line
    assert line.startswith("Ана  ·  2 раунда, ")


# -- the cabinet's dates ----------------------------------------------------------------


def test_the_cabinet_shows_the_day_each_study_trophy_was_won(
    saving_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    pilot = at_title(saving_app(player="Ana", size=(1280, 800)))
    store = _store(pilot)
    ana = _ana(store)
    at = datetime(2026, 10, 30, 22, 0, tzinfo=MINSK)
    for n in range(CARDS_REMEMBERED):
        at += timedelta(minutes=30)  # the hundredth at 00:30 on 2 November, Minsk time
        _review(store, ana, f"q{n}", Rating.Good, at)
    hundredth = at
    _sprint(store, ana, 8, 3, datetime(2026, 11, 5, 10, 0, tzinfo=UTC))
    _sprint(store, ana, 25, SPRINT_STREAK, datetime(2026, 11, 6, 10, 0, tzinfo=UTC))
    with recording_drawn_text(monkeypatch) as drawn:
        cabinet = _to_cabinet(pilot)
        entries = {e.trophy.id: e for e in cabinet.entries}
        for _ in range(list(entries).index("cards-remembered")):
            pilot.key(pygame.K_RIGHT)
        pilot.step(30)
    t = pilot.app.translator
    memory = entries["cards-remembered"]
    assert memory.first_earned_at == hundredth
    # the student's date, not UTC's (1 November, 21:30)
    assert hundredth.astimezone(UTC).date().day == 1
    assert status_text(memory, t) == "Won 2 Nov 2026"
    assert status_text(entries["sprint-streak"], t) == "Won 6 Nov 2026"
    assert status_text(entries["personal-best"], t) == "Won 6 Nov 2026"
    assert status_text(entries["study-streak"], t) == "Locked"
    shown = " ".join(drawn)
    assert "Won 2 Nov 2026" in shown or "Won 02/11/2026" in shown
    assert cabinet.earned_count == 3
    _shot(pilot.app, "cabinet-study")


# -- the student's calendar -------------------------------------------------------------


@pytest.fixture
def in_minsk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's time zone is Minsk's (UTC+3, no summer time) for the test."""
    monkeypatch.setenv("TZ", "Europe/Minsk")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("in_minsk")
def test_a_review_and_a_sprint_after_midnight_are_on_the_students_day(
    saving_app: MakeApp,
) -> None:
    """At 00:30 in Minsk it is still the day before in UTC: the review and the sprint are
    kept under the student's day, as a round is, so the history and the streak agree with
    the calendar on the wall."""
    night = datetime(2026, 11, 10, 21, 30, tzinfo=UTC)  # 00:30 on 11 November in Minsk
    app = saving_app(player="Ana")
    app.services.clock = lambda: night
    at_title(app)
    store = app.services.session.store
    assert store is not None
    ana = _ana(store)
    now = app.services.now()
    card, record = review(new_card((PACK, "q1")), Rating.Good, now)
    assert app.services.save_review(card, record) is None
    assert app.services.record_sprint(PACK, 6, 4, 8, at=now) is None
    (day,) = store.study_days(ana.id)
    assert day.day.isoformat() == "2026-11-11"
    (sprint,) = store.sprints(ana.id)
    assert sprint.played_at.isoformat() == "2026-11-11T00:30:00+03:00"
    assert app.services.current_study_streak(datetime(2026, 11, 11).date()) == 1
