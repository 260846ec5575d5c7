"""The store's totals for the study trophies, from real reviews and sprints in SQLite."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clarity.core.study import Rating, new_card, review
from clarity.progress import cabinet
from clarity.store import Player, Store

DAY_ONE = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)


def study_on(store: Store, player: Player, at: datetime, rating: Rating, question: str) -> None:
    state, _ = review(new_card(("animals", question)), rating, at)
    assert state.due is not None
    failed = store.save_review(
        player.id,
        "animals",
        question,
        state=state.to_dict(),
        due=state.due,
        rating=int(rating),
        reviewed_at=at,
    )
    assert failed is None


def sprint(
    store: Store, player: Player, score: int, streak: int, at: datetime, *, pack: str = "animals"
) -> None:
    store.record_sprint(
        player.id, pack, score=score, best_streak=streak, statements=score + 1, played_at=at
    )


def test_a_player_with_no_study_has_nothing(store: Store, ana: Player) -> None:
    stats = store.study_stats(ana.id)
    assert (stats.longest_study_streak, stats.cards_remembered) == (0, 0)
    assert (stats.best_sprint_streak, stats.personal_bests_beaten) == (0, 0)


def test_the_longest_run_of_study_days_and_the_cards_remembered(store: Store, ana: Player) -> None:
    days = [0, 1, 2, 4, 5, 6, 7, 8]  # a run of 3, a gap, then a run of 5
    for n, day in enumerate(days):
        at = DAY_ONE + timedelta(days=day)
        study_on(store, ana, at, Rating.Good, f"q{n}")
        study_on(store, ana, at + timedelta(minutes=1), Rating.Again, f"q{n}")  # same day
    stats = store.study_stats(ana.id)
    assert stats.longest_study_streak == 5
    assert stats.cards_remembered == len(days)  # Again is not remembered
    for day in (9, 10):
        study_on(store, ana, DAY_ONE + timedelta(days=day), Rating.Hard, f"d{day}")
    assert store.study_stats(ana.id).longest_study_streak == 7
    entries = {e.trophy.id: e for e in cabinet(store, ana.id, ())}
    assert entries["study-streak"].earned
    assert (entries["cards-remembered"].current, entries["cards-remembered"].target) == (10, 100)


def test_personal_bests_count_sprints_above_every_earlier_one_on_their_pack(
    store: Store, ana: Player
) -> None:
    at = DAY_ONE
    for score, pack in [(5, "animals"), (3, "animals"), (9, "space"), (5, "animals")]:
        sprint(store, ana, score, 2, at, pack=pack)
        at += timedelta(minutes=2)
    assert store.study_stats(ana.id).personal_bests_beaten == 0  # firsts and ties beat nothing
    sprint(store, ana, 6, 21, at)
    stats = store.study_stats(ana.id)
    assert (stats.personal_bests_beaten, stats.best_sprint_streak) == (1, 21)
    entries = {e.trophy.id: e for e in cabinet(store, ana.id, ())}
    assert entries["personal-best"].earned
    assert entries["sprint-streak"].earned
    assert not entries["study-streak"].earned


def test_another_players_study_is_not_counted(store: Store, ana: Player) -> None:
    ben = store.create_player("Ben")
    assert isinstance(ben, Player)
    study_on(store, ben, DAY_ONE, Rating.Easy, "q1")
    sprint(store, ben, 4, 4, DAY_ONE)
    assert store.study_stats(ana.id).cards_remembered == 0
    assert store.study_stats(ana.id).best_sprint_streak == 0
    assert store.study_stats(ben.id).cards_remembered == 1
