"""How fast a large question bank is imported: prints figures, asserts nothing.

Writes a GIFT file of 10,000 questions (choice with feedback, true/false, short answer
with several answers, numerical with a tolerance and a range; categories and titles, a
third of them in Russian) and a CSV of 10,000 rows in the documented layout (the same
kinds), then for each prints the time of the reader alone (bytes to questions) and of
the whole import (read, ids, checks, the pack written and loaded back by the game's own
loader), best of ``--repeat``. Goal: each under one second.

    .venv/bin/python benchmarks/bench_import.py [--questions 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from clarity.formats.importing import ImportRequest, import_files
from clarity.resources import bundled_assets_dir


def gift_bank(count: int) -> str:
    parts = ["// A question bank as Moodle exports it\n"]
    for number in range(count):
        if number % 500 == 0:
            parts.append(f"$CATEGORY: $course$/top/Bank/Part {number // 500}\n\n")
        kind = number % 4
        ru = number % 3 == 0
        title = f"Вопрос {number}" if ru else f"Question {number}"
        if kind == 0:
            prompt = f"Какая столица страны номер {number}?" if ru else f"Capital of {number}?"
            parts.append(
                f"::{title}::{prompt} {{\n  =Minsk#Right\\: well done\n  ~Riga#No\n"
                f"  ~Vilnius\n  ~Tallinn\n  ####The capital is Minsk.\n}}\n\n"
            )
        elif kind == 1:
            parts.append(
                f"::{title}::The number {number} is even. {{{'T' if number % 2 == 0 else 'F'}}}\n\n"
            )
        elif kind == 2:
            parts.append(f"::{title}::Type the word for {number}. {{=word{number} =w{number}}}\n\n")
        else:
            parts.append(f"::{title}::How much is {number} + 1? {{#{number + 1}:1}}\n\n")
    return "".join(parts)


def csv_bank(count: int) -> str:
    rows = ["question,type,answer,choices,explanation,time limit,tags"]
    for number in range(count):
        kind = number % 4
        if kind == 0:
            rows.append(
                f"Capital number {number}?,choice,Minsk,Minsk|Riga|Vilnius|Tallinn,"
                f'"Minsk, of course.",20,geography'
            )
        elif kind == 1:
            rows.append(f"{number} is even.,truefalse,{'true' if number % 2 == 0 else 'false'},,,,")
        elif kind == 2:
            rows.append(f"Столица номер {number}?,typed,Минск,,,30,геаграфія")
        else:
            rows.append(f"How much is {number} + 1?,number,{number + 1},,,,maths")
    return "\n".join(rows) + "\n"


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from clarity.formats.gift import read_gift
    from clarity.formats.table import read_csv
    from clarity.formats.text_decoding import decode_text

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        gift = folder / "bank.gift"
        gift.write_text(gift_bank(args.questions), encoding="utf-8")
        table = folder / "bank.csv"
        table.write_text(csv_bank(args.questions), encoding="utf-8")
        readers = {
            "GIFT": (gift, lambda: read_gift(decode_text(gift.read_bytes()))),
            "CSV": (table, lambda: read_csv(table.read_bytes())),
        }
        for name, (path, read) in readers.items():
            taken = len(read().questions)
            read_time = best(args.repeat, read)
            packs = folder / f"packs-{name}"

            def whole(path: Path = path, packs: Path = packs) -> object:
                shutil.rmtree(packs, ignore_errors=True)
                return import_files(
                    ImportRequest(files=(path,), packs_dir=packs, assets_dir=bundled_assets_dir())
                )

            outcome = whole()
            whole_time = best(args.repeat, whole)
            size = outcome.pack_path.stat().st_size / 1024 / 1024
            print(
                f"{name}: {args.questions} questions, {taken} read, {outcome.imported} in "
                f"the pack ({size:.1f} MiB); reader {read_time * 1000:.0f} ms, whole import "
                f"{whole_time * 1000:.0f} ms (goal under 1000 ms)"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
