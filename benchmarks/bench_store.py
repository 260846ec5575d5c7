"""How fast the store is with a full school year of data: prints figures, asserts nothing.

Fills a store with 100,000 rounds across 40 players (raw ``executemany`` in large
transactions, so the fill takes well under a minute), then times through the public API:
opening the store, saving one round (with its fsync), saving the round in progress,
loading a player's cabinet, and building a pack's leaderboard. Goal: under 50 ms each;
opening a few milliseconds.

    .venv/bin/python benchmarks/bench_store.py [--rounds 100000] [--players 40] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clarity.core.events import AnswerGiven, ImageGuessed, Points, RoundOutcome, RoundSummary
from clarity.store import open_store
from clarity.store.db import DB_FILENAME, connect
from clarity.store.reports import leaderboard_rows, players_table, results_csv

PACKS = 12
ANSWERS_PER_ROUND = 8
TROPHY_IDS = ("first-light", "hot-streak", "flawless", "sharp-eye", "quick-thinker")
MEDALS = (None, "bronze", "silver", "gold")
BATCH = 10_000


def fill(data_dir: Path, rounds: int, players: int, rng: random.Random) -> None:
    """Write ``rounds`` plausible rounds straight into the tables, fast."""
    opening = open_store(data_dir)
    assert opening.store is not None, opening.notice
    for n in range(players):
        opening.store.create_player(f"Player {n:02d}")
    opening.store.close()

    conn = connect(data_dir / DB_FILENAME)
    conn.execute("PRAGMA synchronous = OFF")  # a benchmark fill, not a game: speed over safety
    start = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    year = timedelta(days=300).total_seconds()
    round_id = 0
    for first in range(0, rounds, BATCH):
        round_rows, answer_rows, guess_rows, trophy_rows = [], [], [], []
        for _ in range(min(BATCH, rounds - first)):
            round_id += 1
            played = start + timedelta(seconds=rng.uniform(0, year))
            right = rng.randint(0, ANSWERS_PER_ROUND)
            score = right * 120 + rng.randint(0, 400)
            round_rows.append(
                (
                    *(round_id, str(uuid.UUID(int=rng.getrandbits(128), version=4))),
                    *(rng.randint(1, players), f"pack-{rng.randrange(PACKS):02d}", "ab" * 32),
                    *(rng.randrange(6), "images/mystery.png", "lighthouse", rng.getrandbits(31)),
                    *(1, 1, "guessed", score, right * 100, right * 20, 0, 0, 0, 1500),
                    *(right, ANSWERS_PER_ROUND - right, right, 16, rng.randint(0, 16), 95.5),
                    *(rng.choice(MEDALS), played.isoformat(timespec="seconds")),
                    *(played.timestamp(), played.date().isoformat()),
                )
            )
            answer_rows.extend(
                (round_id, a, a, f"q{a}", "Paris", a <= right, 4.2, 100, 20, 0, 0, 0, a, 0)
                for a in range(1, ANSWERS_PER_ROUND + 1)
            )
            guess_rows.append((round_id, 1, "lighthouse", 1, 8, 16, 0, 0, 0, 300, 0, 0, 30.0))
            trophy_rows.extend(
                (round_id, t, round_rows[-1][2], played.timestamp())
                for t in rng.sample(TROPHY_IDS, rng.randint(0, 3))
            )
        conn.execute("BEGIN")
        for table, columns, rows in (
            ("round", ROUND_COLUMNS, round_rows),
            ("answer", ANSWER_COLUMNS, answer_rows),
            ("guess", GUESS_COLUMNS, guess_rows),
            ("round_trophy", TROPHY_COLUMNS, trophy_rows),
        ):
            # rows by name: a column the schema adds later keeps its default here
            named = ", ".join(columns)
            marks = ", ".join("?" * len(columns))
            conn.executemany(f"INSERT INTO {table} ({named}) VALUES ({marks})", rows)
        conn.execute("COMMIT")
    # No ANALYZE: a classroom's file never gets one, so the planner works without stats.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


ROUND_COLUMNS = (
    *("id", "uuid", "player_id", "pack_id", "pack_sha256", "mystery_index", "mystery_image"),
    *("mystery_answer", "seed", "timer", "streaks", "outcome", "score", "base_points"),
    *("time_bonus", "streak_bonus", "image_bonus", "penalty", "best_possible", "right_count"),
    *("wrong_count", "longest_streak", "total_tiles", "hidden_at_guess", "seconds_played"),
    *("medal", "played_at", "played_ts", "played_day"),
)
ANSWER_COLUMNS = (
    *("round_id", "number", "question_index", "question_id", "response", "is_right"),
    *("seconds", "base_points", "time_bonus", "streak_bonus", "image_bonus", "penalty"),
    *("streak", "timed_out"),
)
GUESS_COLUMNS = (
    *("round_id", "number", "guess", "is_right", "hidden_tiles", "total_tiles", "base_points"),
    *("time_bonus", "streak_bonus", "image_bonus", "penalty", "final", "seconds"),
)
TROPHY_COLUMNS = ("round_id", "trophy_id", "player_id", "played_ts")


def sample_summary(rng: random.Random) -> RoundSummary:
    answers = tuple(
        AnswerGiven(n, n, f"q{n}", "Paris", n % 3 != 0, 4.5, Points(base=100), n % 3)
        for n in range(1, ANSWERS_PER_ROUND + 1)
    )
    return RoundSummary(
        pack_id="pack-03",
        mystery_index=2,
        mystery_answer="lighthouse",
        seed=rng.getrandbits(31),
        timer=True,
        streaks=True,
        outcome=RoundOutcome.GUESSED,
        score=1234,
        breakdown=Points(base=600, time_bonus=120, image_bonus=300),
        best_possible=1500,
        right=6,
        wrong=2,
        longest_streak=2,
        total_tiles=16,
        hidden_at_guess=8,
        seconds_played=80.0,
        answers=answers,
        guesses=(ImageGuessed("lighthouse", True, 8, 16, Points(image_bonus=300), False, 70.0),),
    )


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and worst time in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def time_opening(data_dir: Path, repeat: int) -> tuple[float, float]:
    """Like timed(), but the close (which checkpoints the WAL) is left out of the time."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        opening = open_store(data_dir)
        times.append((time.perf_counter() - started) * 1000)
        assert opening.store is not None, opening.notice
        opening.store.close()
    return statistics.median(times), max(times)


def report(label: str, figures: tuple[float, float], *, goal_ms: float | None = 50) -> None:
    median, worst = figures
    verdict = "" if goal_ms is None else "ok" if median < goal_ms else f"over {goal_ms:g} ms"
    print(f"  {label:<44} median {median:8.2f} ms   worst {worst:8.2f} ms   {verdict}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100_000)
    parser.add_argument("--players", type=int, default=40)
    parser.add_argument("--keep", type=Path, help="fill (or reuse) this folder and keep it")
    args = parser.parse_args()
    rng = random.Random(2026)

    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="clarity-bench-"))
    try:
        db_path = data_dir / DB_FILENAME
        if not db_path.exists():
            started = time.perf_counter()
            fill(data_dir, args.rounds, args.players, rng)
            print(
                f"Filled {args.rounds:,} rounds across {args.players} players "
                f"in {time.perf_counter() - started:.1f} s "
                f"({db_path.stat().st_size / 1e6:.0f} MB)"
            )

        print("Store:")
        report("open_store (open, pragmas, checks)", time_opening(data_dir, 30))
        opening = open_store(data_dir)
        store = opening.store
        assert store is not None, opening.notice
        players = store.players()
        summary = sample_summary(rng)
        player_ids = [p.id for p in players]
        snapshot = {"version": 1, "pack_id": "pack-03", "actions": [["answer", "Paris", 4.2]] * 8}

        def save_one() -> None:
            store.save_round(
                rng.choice(player_ids),
                summary,
                pack_sha256="ab" * 32,
                mystery_image="images/mystery.png",
                medal="gold",
                trophies=("first-light", "flawless"),
                played_at=datetime.now(UTC),
            )

        report("save_round (one transaction, fsync)", timed(save_one, 40))
        report(
            "save_in_progress (after every answer)",
            timed(lambda: store.save_in_progress(rng.choice(player_ids), "pack-03", snapshot), 40),
        )

        def cabinet() -> None:
            player_id = rng.choice(player_ids)
            store.player_stats(player_id)
            store.earned_trophies(player_id)

        report("cabinet: player_stats + earned_trophies", timed(cabinet, 40))
        report("player_stats alone", timed(lambda: store.player_stats(rng.choice(player_ids)), 40))
        report(
            "earned_trophies alone",
            timed(lambda: store.earned_trophies(rng.choice(player_ids)), 40),
        )
        report("history(player, 50)", timed(lambda: store.history(rng.choice(player_ids)), 40))
        report(
            "leaderboard(pack, 10)",
            timed(lambda: store.leaderboard(f"pack-{rng.randrange(PACKS):02d}"), 40),
        )
        print("Teacher's commands (for information; no 50 ms goal):")
        report("players_table", timed(lambda: players_table(store), 5), goal_ms=None)
        report(
            "leaderboard_rows (all packs)",
            timed(lambda: leaderboard_rows(store, None), 5),
            goal_ms=None,
        )
        report(
            "results_csv (every round)",
            timed(lambda: results_csv(store, io.StringIO()), 1),
            goal_ms=None,
        )
        print("Integrity checks (not run on open; see opening.py):")
        conn = connect(db_path)
        report(
            "PRAGMA quick_check",
            timed(lambda: conn.execute("PRAGMA quick_check").fetchall(), 1),
            goal_ms=None,
        )
        conn.close()
        store.close()
    finally:
        if args.keep is None:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
