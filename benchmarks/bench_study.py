"""How fast the study store is for a student who has revised all year: prints figures,
asserts nothing.

Fills a store with one player's 5,000 cards (over 10 packs) and 100,000 reviews of them
(raw ``executemany`` in one transaction, so the fill takes seconds), and a few other
players' cards, then times through the public API: finding the next due card on a pack
and on every pack, counting today's new cards, saving a review (the state and a log row
in one transaction, with its fsync) and loading the player's best sprints. Goal: under
10 ms each.

    .venv/bin/python benchmarks/bench_study.py [--reviews 100000] [--cards 5000] [--runs 300]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from clarity.store import open_store
from clarity.store.db import DB_FILENAME, connect

PACKS = 10
OTHER_PLAYERS = 30
NOW = datetime(2027, 5, 20, 9, 0, tzinfo=UTC)
YEAR = timedelta(days=260).total_seconds()


def _state(rng: random.Random, pack: str, question: str) -> str:
    """A card state shaped like core.study's CardState.to_dict()."""
    return json.dumps(
        {
            "question": [pack, question],
            "state": 2,
            "step": None,
            "stability": round(rng.uniform(0.5, 200), 3),
            "difficulty": round(rng.uniform(1, 10), 3),
            "due": None,
            "last_review": None,
        },
        separators=(",", ":"),
    )


def fill(data_dir: Path, reviews: int, cards: int, rng: random.Random) -> int:
    """Write the cards and reviews straight into the tables; return the player's id."""
    opening = open_store(data_dir)
    assert opening.store is not None, opening.notice
    player = opening.store.create_player("Student")
    others = [opening.store.create_player(f"Other {n:02d}") for n in range(OTHER_PLAYERS)]
    opening.store.close()
    conn = connect(data_dir / DB_FILENAME)
    conn.execute("PRAGMA synchronous = OFF")  # a benchmark fill, not a study: speed over safety
    start = NOW.timestamp() - YEAR
    conn.execute("BEGIN")
    card_rows, review_rows = [], []
    for owner in [player, *others]:
        count = cards if owner is player else cards // 10
        for n in range(count):
            pack, question = f"pack-{n % PACKS}", f"q{n:05d}"
            introduced = start + rng.uniform(0, YEAR)
            due = NOW.timestamp() + rng.uniform(-20, 60) * 86400
            card_rows.append(
                (owner.id, pack, question, _state(rng, pack, question), due, introduced, "x")
            )  # type: ignore[union-attr]
    conn.executemany(
        "INSERT INTO study_card (player_id, pack_id, question_id, state, due_ts, introduced_ts,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        card_rows,
    )
    for _ in range(reviews):
        n = rng.randrange(cards)
        ts = start + rng.uniform(0, YEAR)
        when = datetime.fromtimestamp(ts, UTC).isoformat()
        review_rows.append(
            (player.id, f"pack-{n % PACKS}", f"q{n:05d}", rng.randint(1, 4), when, ts, 3.0, 7.0)  # type: ignore[union-attr]
        )
    conn.executemany(
        "INSERT INTO study_review (player_id, pack_id, question_id, rating, reviewed_at,"
        " reviewed_ts, elapsed_days, scheduled_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        review_rows,
    )
    for n in range(300):
        conn.execute(
            "INSERT INTO sprint (player_id, pack_id, score, best_streak, statements, played_at,"
            " played_ts) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (player.id, f"pack-{n % PACKS}", rng.randint(0, 40), 5, 40, NOW.isoformat(), 0.0),  # type: ignore[union-attr]
        )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return player.id  # type: ignore[union-attr]


def timed(label: str, runs: int, work: Callable[[int], object]) -> None:
    times = []
    for n in range(runs):
        began = time.perf_counter()
        work(n)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"{label:<44} median {statistics.median(times):7.3f} ms   p99 {p99:7.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        began = time.perf_counter()
        player_id = fill(data_dir, args.reviews, args.cards, rng)
        size = (data_dir / DB_FILENAME).stat().st_size / 1e6
        print(
            f"filled {args.cards} cards and {args.reviews} reviews for one player "
            f"(+{OTHER_PLAYERS} others) in {time.perf_counter() - began:.1f} s; file {size:.1f} MB"
        )
        store = open_store(data_dir, now=lambda: NOW).store
        assert store is not None
        assert store.review_count(player_id) == args.reviews
        day = NOW.replace(hour=0)

        timed(
            "next due card on a pack",
            args.runs,
            lambda n: store.due_cards(player_id, NOW, pack_id=f"pack-{n % PACKS}"),
        )
        timed("next due card on any pack", args.runs, lambda n: store.due_cards(player_id, NOW))
        timed(
            "next 20 due cards on a pack",
            args.runs,
            lambda n: store.due_cards(player_id, NOW, pack_id=f"pack-{n % PACKS}", limit=20),
        )
        timed(
            "new cards introduced today (a pack)",
            args.runs,
            lambda n: store.new_cards_between(
                player_id, day, day + timedelta(days=1), pack_id=f"pack-{n % PACKS}"
            ),
        )

        def review(n: int) -> None:
            question = rng.randrange(args.cards)
            pack, qid = f"pack-{question % PACKS}", f"q{question:05d}"
            at = NOW + timedelta(seconds=n)
            saved = store.save_review(
                player_id,
                pack,
                qid,
                state=json.loads(_state(rng, pack, qid)),
                due=at + timedelta(days=rng.uniform(0.01, 30)),
                rating=rng.randint(1, 4),
                reviewed_at=at,
                elapsed_days=1.0,
                scheduled_days=2.0,
            )
            assert saved is None, saved

        timed("save a review (state + log, fsync)", args.runs, review)
        timed("best sprint per pack", args.runs, lambda n: store.best_sprints(player_id))
        store.close()


if __name__ == "__main__":
    main()
