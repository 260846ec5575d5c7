"""The history's study sessions and True or False sprints beside the rounds, over a real
store the test fills, in the real App driven headless."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from clarity.store import Player, Store
from clarity.ui.journey import open_history
from clarity.ui.scenes.history import HistoryScene
from store.factories import MONDAY_9AM, save, save_class_game

from .conftest import write_play_pack
from .saving import MakeApp, app_factory, at_title

PACK = "play-test"  # "Rivers and Capitals"
DAY = timedelta(days=1)


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    write_play_pack(pack_folder, pack_id="second", title="Second pack")
    yield from app_factory(pack_folder, tmp_path / "data")


def _ana(store: Store) -> Player:
    player = store.get_or_create_player("Ana")
    assert isinstance(player, Player)
    return player


def _review(store: Store, player: Player, question: str, rating: int, at: object) -> None:
    failed = store.save_review(
        player.id,
        PACK,
        question,
        state={"question": [PACK, question], "state": 2},
        due=MONDAY_9AM + 30 * DAY,
        rating=rating,
        reviewed_at=at,  # type: ignore[arg-type]
    )
    assert failed is None


def _sprint(
    store: Store, player: Player, pack: str, *, score: int, streak: int, at: object
) -> None:
    saved = store.record_sprint(
        player.id,
        pack,
        score=score,
        best_streak=streak,
        statements=score + 3,
        played_at=at,  # type: ignore[arg-type]
    )
    assert not hasattr(saved, "said"), saved


def test_the_history_lists_study_days_and_sprints_among_the_rounds_newest_first(
    saving_app: MakeApp,
) -> None:
    app = saving_app(player="Ana")
    pilot = at_title(app)
    store = app.services.session.store
    assert store is not None
    ana = _ana(store)
    save(store, ana.id, pack_id=PACK, score=640, medal="silver", played_at=MONDAY_9AM)
    _sprint(store, ana, PACK, score=5, streak=2, at=MONDAY_9AM - DAY)
    for question, rating, hours in (("q1", 3, 0), ("q2", 1, 1), ("q3", 4, 2)):
        _review(store, ana, question, rating, MONDAY_9AM + DAY + timedelta(hours=hours))
    _sprint(store, ana, "second", score=12, streak=7, at=MONDAY_9AM + 2 * DAY)
    other = store.get_or_create_player("Ben")
    assert isinstance(other, Player)
    _sprint(store, other, PACK, score=30, streak=30, at=MONDAY_9AM + 3 * DAY)  # not Ana's

    open_history(pilot.app)
    pilot.step()
    history = pilot.top
    assert isinstance(history, HistoryScene)
    assert [s.score for s in history.sprints] == [12, 5]
    assert [(d.reviewed, d.remembered) for d in history.study_days] == [(3, 2)]
    shown = [[c.text for c in row.cells[1:]] for row in history.rows]
    assert shown == [
        ["Second pack", "12", "True or False  ·  best streak 7", "12", "3"],
        ["Rivers and Capitals", "3 cards", "Study", "2", "1"],
        ["Rivers and Capitals", "640", "Silver", "3", "1"],
        ["Rivers and Capitals", "5", "True or False  ·  best streak 2", "5", "3"],
    ]
    # the study day is a day, the sprint a day and a time, as the rounds are
    study_when, sprint_when = history.rows[1].cells[0].text, history.rows[0].cells[0].text
    assert "24" in study_when
    assert ":" not in study_when
    assert ("25" in sprint_when and ":" in sprint_when) or "2026" in sprint_when
    pilot.step()  # drawn without trouble


def test_the_current_study_streak_comes_from_the_player_s_reviews(saving_app: MakeApp) -> None:
    app = saving_app(player="Ana")
    at_title(app)
    store = app.services.session.store
    assert store is not None
    ana = _ana(store)
    monday = MONDAY_9AM.date()
    for offset in (0, 2, 3):  # a gap on Tuesday
        _review(store, ana, f"q{offset}", 3, MONDAY_9AM + offset * DAY)
    assert app.services.current_study_streak(monday + 3 * DAY) == 2
    assert app.services.current_study_streak(monday + 4 * DAY) == 2  # not lost before the day ends
    assert app.services.current_study_streak(monday + 5 * DAY) == 0
    assert app.services.current_study_streak(monday + 1 * DAY) == 1


def test_a_guest_has_no_study_history_and_no_streak(saving_app: MakeApp) -> None:
    app = saving_app(player=None)
    at_title(app)
    assert app.services.current_study_streak(MONDAY_9AM.date()) == 0
    assert app.services.study_history() == ([], [])


def test_with_a_class_game_the_study_and_sprint_lines_leave_the_team_empty(
    saving_app: MakeApp,
) -> None:
    app = saving_app(player="Ana")
    pilot = at_title(app)
    store = app.services.session.store
    assert store is not None
    ana = _ana(store)
    save_class_game(store, [("Owls", (ana.id,), 1200), ("Foxes", (), 800)], pack_id=PACK)
    _review(store, ana, "q1", 3, MONDAY_9AM + DAY)
    _sprint(store, ana, PACK, score=4, streak=4, at=MONDAY_9AM + 2 * DAY)

    open_history(pilot.app)
    pilot.step(2)
    history = pilot.top
    assert isinstance(history, HistoryScene)
    assert history.table.titles[1:4] == ("PACK", "TEAM", "SCORE")
    shown = [[c.text for c in row.cells[1:5]] for row in history.rows]
    assert shown == [
        ["Rivers and Capitals", "", "4", "True or False  ·  best streak 4"],
        ["Rivers and Capitals", "", "1 card", "Study"],
        ["Rivers and Capitals", "Owls", "1,200", "–"],  # no medal given
    ]
