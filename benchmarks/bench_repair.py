"""How long a repair of damaged saved data takes with a school year of rounds: prints
figures, asserts nothing.

Fills a store with 100,000 rounds (``bench_store.fill``), then times, each on a fresh copy:
``clarity repair`` of the whole file when nothing is damaged (every page and every row
read); a repair after one leaf page of the round table is overwritten; and the same met
by the game in the middle of a save (the copy aside, the salvage, the save again). Goal:
a few seconds, said in one line; the game is paused for that long only when damage shows.

    .venv/bin/python benchmarks/bench_repair.py [--rounds 100000] [--players 40]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from clarity.store import check_and_repair, open_store
from clarity.store.db import DB_FILENAME

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import fill, sample_summary


def overwrite_a_round_leaf(path: Path, *, last: bool = False) -> None:
    """Overwrite the 100th leaf page of the round table, or its last (where saves go)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    page, size = conn.execute(
        "SELECT pageno, pgsize FROM dbstat WHERE name = 'round' AND pagetype = 'leaf' "
        f"ORDER BY path {'DESC' if last else ''} LIMIT 1 OFFSET {0 if last else 100}"
    ).fetchone()
    conn.close()
    with open(path, "r+b") as file:
        file.seek((page - 1) * size)
        file.write(b"\xa5" * size)


def timed_copy(original: Path, work: Path, damage: bool, *, last: bool = False) -> Path:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(original, work)
    if damage:
        overwrite_a_round_leaf(work / DB_FILENAME, last=last)
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100_000)
    parser.add_argument("--players", type=int, default=40)
    args = parser.parse_args()
    rng = random.Random(2026)
    root = Path(tempfile.mkdtemp(prefix="clarity-bench-repair-"))
    try:
        original = root / "original"
        fill(original, args.rounds, args.players, rng)
        size = (original / DB_FILENAME).stat().st_size / 1e6
        print(f"{args.rounds:,} rounds, {args.players} players, {size:.0f} MB")

        work = timed_copy(original, root / "whole", damage=False)
        started = time.perf_counter()
        checked = check_and_repair(work)
        seconds = time.perf_counter() - started
        assert checked.notice is None, checked.notice
        assert checked.store is not None
        checked.store.close()
        print(f"  clarity repair, nothing damaged (every page and row)  {seconds:6.2f} s")

        work = timed_copy(original, root / "leaf", damage=True)
        started = time.perf_counter()
        checked = check_and_repair(work)
        seconds = time.perf_counter() - started
        assert checked.store is not None
        assert checked.notice is not None
        checked.store.close()
        print(f"  clarity repair, one round page damaged                 {seconds:6.2f} s")
        print(f"    {checked.notice}")

        work = timed_copy(original, root / "game", damage=True, last=True)
        opening = open_store(work)
        store = opening.store
        assert store is not None
        player = store.players()[0]
        started = time.perf_counter()
        for _ in range(3):  # the first save that meets the damage repairs, the others not
            saved = store.save_round(
                player.id,
                sample_summary(rng),
                pack_sha256="0" * 64,
                mystery_image="x.png",
                medal=None,
                trophies=(),
                played_at=datetime(2026, 11, 30, 10, 0, tzinfo=UTC),
            )
            store.history(player.id)
        seconds = time.perf_counter() - started
        print(f"  the game's save meeting the damage, repaired, saved     {seconds:6.2f} s")
        print(f"    repairs: {len(store.repairs)}; saved: {type(saved).__name__}")
        store.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
