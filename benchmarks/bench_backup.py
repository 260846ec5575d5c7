"""How large a backup is, and how much it grows when unpacked, for a school year of rounds:
prints figures, asserts nothing. The restore's limits (``clarity.store.restore``) come from
these figures.

Fills a store (``bench_store.fill``) with 10, 1,000, 10,000 and 100,000 rounds and backs
each up: the database's size, the archive's, the ratio of what it unpacks to the archive
(the highest a real backup reaches), and the time taken.

    .venv/bin/python benchmarks/bench_backup.py [--players 40]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from clarity.store.backup import write_backup
from clarity.store.db import DB_FILENAME

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import fill


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=40)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="clarity-bench-backup-"))
    try:
        print("rounds      database   archive   unpacked/archive  backup")
        for rounds in (10, 1_000, 10_000, 100_000):
            data = root / f"data-{rounds}"
            fill(data, rounds, args.players, random.Random(2026))
            started = time.perf_counter()
            written = write_backup(
                root / f"b-{rounds}.zip", data, root / "none.ini", now=datetime.now(UTC)
            )
            seconds = time.perf_counter() - started
            with zipfile.ZipFile(written.path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
            size = (data / DB_FILENAME).stat().st_size
            print(
                f"{rounds:>7,}  {size / 1e6:8.1f} MB {written.size / 1e6:7.2f} MB"
                f"  {unpacked / written.size:10.1f}        {seconds:5.2f} s"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
