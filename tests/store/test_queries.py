"""Leaderboards, the statistics lasting trophies are measured on, and the trophy cabinet."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from clarity.core.trophies import PlayerStats, lasting_progress
from clarity.store import EarnedTrophy, Player, Store

from .factories import MONDAY_9AM, ZONE, add_player, save


def test_leaderboard_shows_each_players_best_round_best_first(store: Store) -> None:
    ana, bob, cleo = (add_player(store, n) for n in ("Ana", "Bob", "Cleo"))
    save(store, ana.id, score=300)
    save(store, ana.id, score=900)
    save(store, bob.id, score=700)
    save(store, cleo.id, score=800)
    save(store, cleo.id, score=950, pack_id="union-state")  # another pack: not counted

    board = store.leaderboard("solar-system")

    assert [(r.rank, r.player_name, r.score) for r in board] == [
        (1, "Ana", 900),
        (2, "Cleo", 800),
        (3, "Bob", 700),
    ]


def test_leaderboard_tie_goes_to_the_earlier_round(store: Store) -> None:
    ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
    save(store, bob.id, score=500, played_at=MONDAY_9AM + timedelta(minutes=5))
    save(store, ana.id, score=500, played_at=MONDAY_9AM + timedelta(minutes=9))
    save(store, ana.id, score=500, played_at=MONDAY_9AM + timedelta(minutes=1))

    board = store.leaderboard("solar-system")

    assert [(r.player_name, r.played_at) for r in board] == [
        ("Ana", MONDAY_9AM + timedelta(minutes=1)),
        ("Bob", MONDAY_9AM + timedelta(minutes=5)),
    ]


def test_leaderboard_has_ten_rows_by_default(store: Store) -> None:
    for n in range(12):
        save(store, add_player(store, f"P{n:02d}").id, score=n)
    board = store.leaderboard("solar-system")
    assert [r.score for r in board] == list(range(11, 1, -1))
    assert len(store.leaderboard("solar-system", limit=3)) == 3


def test_leaderboard_row_points_at_its_round(store: Store, ana: Player) -> None:
    saved = save(store, ana.id, medal="gold")
    (row,) = store.leaderboard("solar-system")
    assert (row.round_id, row.medal, row.pack_id) == (saved.round_id, "gold", "solar-system")


def test_empty_leaderboard(store: Store, ana: Player) -> None:
    assert store.leaderboard("solar-system") == []


def test_player_rank_is_the_players_line_of_the_whole_leaderboard(store: Store) -> None:
    rng = random.Random(10)
    players = [add_player(store, f"P{n:02d}") for n in range(14)]
    for _ in range(70):
        # few scores and few moments, so that ties of score, and of score and time, abound
        save(
            store,
            rng.choice(players).id,
            score=rng.choice((100, 200, 300)),
            pack_id=rng.choice(("solar-system", "union-state")),
            played_at=MONDAY_9AM + timedelta(minutes=rng.randrange(4)),
            medal=rng.choice((None, "gold")),
        )
    for pack_id in ("solar-system", "union-state"):
        oracle = {row.player_id: row for row in store.leaderboard(pack_id, limit=len(players))}
        assert len(oracle) >= 5  # the data exercises the ranking
        for player in players:
            assert store.player_rank(pack_id, player.id) == oracle.get(player.id)


def test_player_rank_of_a_tie_goes_to_the_earlier_round(store: Store) -> None:
    ana, bob, cleo = (add_player(store, n) for n in ("Ana", "Bob", "Cleo"))
    save(store, cleo.id, score=900)
    save(store, bob.id, score=500, played_at=MONDAY_9AM + timedelta(minutes=5))
    save(store, ana.id, score=500, played_at=MONDAY_9AM + timedelta(minutes=9))
    save(store, ana.id, score=500, played_at=MONDAY_9AM + timedelta(minutes=1))
    ranks = {p.name: store.player_rank("solar-system", p.id) for p in (ana, bob, cleo)}
    assert {name: row.rank for name, row in ranks.items() if row} == {
        "Cleo": 1,
        "Ana": 2,
        "Bob": 3,
    }
    assert ranks["Ana"] is not None
    assert ranks["Ana"].played_at == MONDAY_9AM + timedelta(minutes=1)


def test_player_rank_without_a_round_on_the_pack_is_none(store: Store, ana: Player) -> None:
    save(store, ana.id, pack_id="union-state")
    assert store.player_rank("solar-system", ana.id) is None
    assert store.player_rank("union-state", ana.id + 1) is None  # no such player


def test_a_new_player_has_empty_statistics(store: Store, ana: Player) -> None:
    assert store.player_stats(ana.id) == PlayerStats()


def test_statistics_count_rounds_and_right_answers(store: Store, ana: Player) -> None:
    save(store, ana.id, right=3, wrong=1)
    save(store, ana.id, right=5, wrong=0)
    stats = store.player_stats(ana.id)
    assert (stats.rounds_played, stats.right_answers) == (2, 8)


def test_statistics_keep_the_best_medal_of_each_pack(store: Store, ana: Player) -> None:
    save(store, ana.id, medal="gold", pack_id="solar-system")
    save(store, ana.id, medal="bronze", pack_id="solar-system")
    save(store, ana.id, medal=None, pack_id="union-state")
    save(store, ana.id, medal="silver", pack_id="union-state")
    save(store, ana.id, medal=None, pack_id="rivers")
    stats = store.player_stats(ana.id)
    assert dict(stats.best_medal_by_pack) == {"solar-system": "gold", "union-state": "silver"}


def test_rounds_in_a_day_count_by_the_players_local_date(store: Store, ana: Player) -> None:
    late_evening = datetime(2026, 11, 23, 23, 30, tzinfo=ZONE)  # 20:30 UTC
    for minutes in range(0, 60, 10):  # 23:30 .. 00:20 local: 3 rounds on each day
        save(store, ana.id, played_at=late_evening + timedelta(minutes=minutes))
    assert store.player_stats(ana.id).most_rounds_in_a_day == 3


def test_statistics_are_per_player(store: Store, ana: Player) -> None:
    bob = add_player(store, "Bob")
    save(store, bob.id, medal="gold")
    assert store.player_stats(ana.id) == PlayerStats()


def test_lasting_trophies_are_measured_on_the_statistics(store: Store, ana: Player) -> None:
    for n in range(10):
        save(store, ana.id, right=10, wrong=0, played_at=MONDAY_9AM + timedelta(minutes=n))
    progress = {
        p.trophy.id: (p.current, p.target, p.earned)
        for p in lasting_progress(store.player_stats(ana.id), ["solar-system", "union-state"])
    }
    assert progress["century"] == (100, 100, True)
    assert progress["marathon"] == (10, 10, True)
    assert progress["scholar"] == (0, 2, False)


def test_cabinet_counts_each_trophy_and_when_it_was_first_won(store: Store, ana: Player) -> None:
    save(store, ana.id, trophies=["flawless"], played_at=MONDAY_9AM + timedelta(days=2))
    save(store, ana.id, trophies=["flawless", "century"], played_at=MONDAY_9AM)
    save(store, ana.id, trophies=[], played_at=MONDAY_9AM - timedelta(days=1))
    assert store.earned_trophies(ana.id) == {
        "flawless": EarnedTrophy(first_earned_at=MONDAY_9AM, times=2),
        "century": EarnedTrophy(first_earned_at=MONDAY_9AM, times=1),
    }


def test_packs_played(store: Store, ana: Player) -> None:
    save(store, ana.id, pack_id="union-state")
    save(store, ana.id, pack_id="solar-system")
    save(store, ana.id, pack_id="solar-system")
    assert sorted(store.pack_ids()) == ["solar-system", "union-state"]


def test_player_overview(store: Store, ana: Player) -> None:
    bob = add_player(store, "Bob")
    save(store, ana.id, score=400, right=2, wrong=2, played_at=MONDAY_9AM)
    save(store, ana.id, score=700, right=4, wrong=0, played_at=MONDAY_9AM + timedelta(hours=2))
    overview = {o.player.name: o for o in store.player_overview()}
    assert (overview["Ana"].rounds, overview["Ana"].right_answers) == (2, 6)
    assert overview["Ana"].best_score == 700
    assert overview["Ana"].last_played == MONDAY_9AM + timedelta(hours=2)
    assert (overview["Bob"].rounds, overview["Bob"].best_score, overview["Bob"].last_played) == (
        0,
        None,
        None,
    )
    assert overview["Bob"].player == bob
