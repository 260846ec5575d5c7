"""When each study trophy was earned, read from real reviews and sprints in SQLite: the
review or sprint that made the total reach the trophy, with the offset it was saved with
(the student's calendar), whatever the order the rows were saved in."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from clarity import cli
from clarity.core.study import Rating
from clarity.core.trophies import (
    CARDS_REMEMBERED,
    SPRINT_STREAK,
    STUDY_STREAK_DAYS,
    streak_reached_on,
)
from clarity.progress import cabinet
from clarity.store import Player, Store, open_store
from clarity.store.reports import trophy_lines

from .factories import add_player
from .test_study_stats import sprint, study_on

MINSK = timezone(timedelta(hours=3))
DAY_ONE = datetime(2026, 11, 2, 17, 0, tzinfo=MINSK)
DAY = timedelta(days=1)


def _earned(store: Store, player: Player) -> dict[str, datetime]:
    return {k: v.first_earned_at for k, v in store.earned_trophies(player.id).items()}


def test_nothing_studied_earns_no_study_trophy_date(store: Store, ana: Player) -> None:
    study_on(store, ana, DAY_ONE, Rating.Good, "q1")
    sprint(store, ana, 5, 3, DAY_ONE)
    assert _earned(store, ana) == {}


def test_good_memory_is_dated_by_the_hundredth_remembered_review(store: Store, ana: Player) -> None:
    at = DAY_ONE
    moments = []
    for n in range(CARDS_REMEMBERED + 5):
        at += timedelta(minutes=7)
        if n % 3 == 0:  # an Again between them is not remembered
            study_on(store, ana, at, Rating.Again, f"a{n}")
            at += timedelta(minutes=1)
        study_on(store, ana, at, Rating.Good if n % 2 else Rating.Hard, f"q{n}")
        moments.append(at)
        if n == CARDS_REMEMBERED - 2:
            assert "cards-remembered" not in _earned(store, ana)  # 99: not yet
    earned = _earned(store, ana)["cards-remembered"]
    assert earned == moments[CARDS_REMEMBERED - 1]
    assert earned.utcoffset() == timedelta(hours=3)  # as saved: the student's calendar
    entry = next(e for e in cabinet(store, ana.id, ()) if e.trophy.id == "cards-remembered")
    assert (entry.earned, entry.first_earned_at, entry.times) == (True, earned, 1)


def test_the_hundredth_is_counted_in_the_time_order_not_the_saving_order(
    store: Store, ana: Player
) -> None:
    """Reviews saved late (a study session on another device merged in) still count at the
    time they were made."""
    times = [DAY_ONE + timedelta(hours=n) for n in range(CARDS_REMEMBERED + 3)]
    shuffled = times[:]
    random.Random(4).shuffle(shuffled)
    for n, at in enumerate(shuffled):
        study_on(store, ana, at, Rating.Easy, f"q{n}")
    assert _earned(store, ana)["cards-remembered"] == times[CARDS_REMEMBERED - 1]


def test_steady_learner_is_dated_by_the_first_review_of_the_seventh_day_in_a_row(
    store: Store, ana: Player
) -> None:
    # a run of 5 days, a gap, then 8 days in a row; two reviews on each day
    days = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13]
    for day in days:
        at = DAY_ONE + day * DAY
        study_on(store, ana, at + timedelta(hours=2), Rating.Again, f"late{day}")
        study_on(store, ana, at, Rating.Good, f"q{day}")
    earned = _earned(store, ana)["study-streak"]
    seventh = DAY_ONE + (6 + STUDY_STREAK_DAYS - 1) * DAY  # the run starts on day 6
    assert earned == seventh
    assert store.study_stats(ana.id).longest_study_streak == 8  # the same rows say it is won


def test_the_study_day_is_the_students_date_not_the_utc_one(store: Store, ana: Player) -> None:
    """Reviews at 00:30 in Minsk are on the student's day though UTC is still on the day
    before: seven such nights in a row are seven study days."""
    first = datetime(2026, 11, 10, 0, 30, tzinfo=MINSK)
    for day in range(STUDY_STREAK_DAYS):
        study_on(store, ana, first + day * DAY, Rating.Good, f"q{day}")
    earned = _earned(store, ana)["study-streak"]
    assert earned.date() == date(2026, 11, 16)
    assert earned.astimezone(UTC).date() == date(2026, 11, 15)


def test_sprint_trophies_are_dated_by_the_sprint_that_earned_them(
    store: Store, ana: Player
) -> None:
    at = DAY_ONE
    plan = [  # score, best streak, pack
        (5, 4, "animals"),  # a first sprint beats nothing
        (9, 8, "space"),
        (5, 5, "animals"),  # a tie is no personal best
        (4, SPRINT_STREAK, "animals"),  # the run of twenty
        (7, 6, "animals"),  # above 5: the personal best
        (8, SPRINT_STREAK + 3, "animals"),  # both again: the dates stay the first
    ]
    when = []
    for score, streak, pack in plan:
        at += timedelta(hours=5)
        sprint(store, ana, score, streak, at, pack=pack)
        when.append(at)
    earned = _earned(store, ana)
    assert earned["sprint-streak"] == when[3]
    assert earned["personal-best"] == when[4]


def test_the_teachers_trophy_lines_carry_the_study_dates(store: Store, ana: Player) -> None:
    at = DAY_ONE
    for score in (3, 4):
        at += DAY
        sprint(store, ana, score, 2, at)
    lines = {line.trophy_id: line for line in trophy_lines(store, ana, ())}
    assert lines["personal-best"].earned
    assert lines["personal-best"].first_earned_at == at
    assert lines["sprint-streak"].first_earned_at is None  # not earned: no date


def test_another_players_rows_do_not_date_a_trophy(store: Store, ana: Player) -> None:
    ben = store.create_player("Ben")
    assert isinstance(ben, Player)
    sprint(store, ben, 3, SPRINT_STREAK, DAY_ONE)
    sprint(store, ben, 4, 1, DAY_ONE + DAY)
    assert _earned(store, ana) == {}
    assert set(_earned(store, ben)) == {"sprint-streak", "personal-best"}


# -- the rule, without the store -------------------------------------------------------


def test_streak_reached_on_is_the_last_day_of_the_first_long_enough_run() -> None:
    monday = date(2026, 11, 2)
    days = [monday + n * DAY for n in (9, 0, 1, 2, 2, 4, 5, 6, 7, 8)]
    assert streak_reached_on(days, 3) == monday + 2 * DAY
    assert streak_reached_on(days, 4) == monday + 7 * DAY  # days 4..7
    assert streak_reached_on(days, 6) == monday + 9 * DAY
    assert streak_reached_on(days, 7) is None
    assert streak_reached_on(days, 1) == monday
    assert streak_reached_on([], 1) is None


def test_streak_reached_on_agrees_with_the_longest_run_over_random_calendars() -> None:
    """An oracle: the run ending on the day found is ``length`` long, and no earlier day
    ends one."""
    rng = random.Random(16)
    start = date(2026, 1, 1)
    for _ in range(300):
        days = {start + rng.randrange(40) * DAY for _ in range(rng.randrange(35))}
        length = rng.randrange(1, 9)

        def run_ending(day: date, days: set[date] = days) -> int:
            n = 0
            while day - n * DAY in days:
                n += 1
            return n

        found = streak_reached_on(days, length)
        ends = sorted(d for d in days if run_ending(d) >= length)
        assert found == (ends[0] if ends else None)


# -- clarity trophies ------------------------------------------------------------------


def test_clarity_trophies_prints_when_each_study_trophy_was_won(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        ana = add_player(store, "Ana")
        first = datetime(2026, 11, 10, 0, 30, tzinfo=MINSK)  # UTC is still on 9 November
        for day in range(STUDY_STREAK_DAYS):
            study_on(store, ana, first + day * DAY, Rating.Good, f"q{day}")
        sprint(store, ana, 3, 2, first)
        sprint(store, ana, 4, SPRINT_STREAK, first + timedelta(hours=10))
    status = cli.main(["trophies", "--player", "Ana", "--data-dir", str(data_dir)])
    out = capsys.readouterr().out
    assert status == 0
    lines = {line.split("  ")[0]: line.split() for line in out.splitlines()[3:]}
    assert lines["Steady learner"] == [
        "Steady", "learner", "silver", "yes", "7/7", "16/11/2026,", "00:30"
    ]  # fmt: skip
    assert lines["Lie detector"][-2:] == ["10/11/2026,", "10:30"]
    assert lines["Personal best"][-2:] == ["10/11/2026,", "10:30"]
    assert lines["Good memory"] == ["Good", "memory", "silver", "7/100"]  # no date: not won
