"""How fast the device game is saved as it goes: prints figures, asserts nothing.

A class of 200 students plays through the journal (clarity.classroom.journal.StoreJournal)
with a state shaped as the host's (the round's snapshot: every move; the seats with their
tokens; the PIN and the clock): each save after one more answer, synced before it returns.
Measured at several lengths of the game (moves already played), against the same state
written whole as one JSON row per save (as the class game on one screen saves its
snapshot), which the brief's 200 answers a second must beat. Goal: 200 saves a second
late in a long game, i.e. under 5 ms a save.

    .venv/bin/python benchmarks/bench_journal.py [--students 200] [--saves 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from clarity.classroom.journal import StoreJournal
from clarity.store import open_store


def state_after(moves: int, students: int) -> dict[str, Any]:
    actions: list[list[Any]] = [["join", f"Student {i}", 1.0] for i in range(students)]
    for n in range(moves - len(actions)):
        actions.append(["answer", n % students, n // students + 1, "Минск", 3.25 + n % 7])
    return {
        "kind": "device_game",
        "version": 1,
        "pack_id": "bench",
        "pin": "123456",
        "teacher_token": "t" * 22,
        "clock": 0.0,
        "seats": [{"token": f"{i:022d}", "player": None} for i in range(students)],
        "round": {"pack_id": "bench", "seed": 1, "rules": {"time_scale": 1.0}, "actions": actions},
    }


def journal_saves(folder: Path, moves: int, students: int, saves: int) -> list[float]:
    journal = StoreJournal(folder)
    state = state_after(moves, students)
    journal.save(state)  # the game so far, written once (as when the host starts or resumes)
    times = []
    actions = state["round"]["actions"]
    for n in range(saves):
        actions.append(["answer", n % students, 99, "Minsk", 4.0])
        # fresh lists and dicts each time, as the host's snapshot makes them: the journal
        # compares them with what it wrote item by item, not by identity
        state = {
            **state,
            "clock": float(n),
            "seats": [dict(seat) for seat in state["seats"]],
            "round": {**state["round"], "actions": [list(action) for action in actions]},
        }
        started = time.perf_counter()
        journal.save(state)
        times.append(time.perf_counter() - started)
    journal.close()
    return times


def whole_row_saves(folder: Path, moves: int, students: int, saves: int) -> list[float]:
    store = open_store(folder).store
    assert store is not None
    state = state_after(moves, students)
    times = []
    for n in range(saves):
        state["round"]["actions"].append(["answer", n % students, 99, "Minsk", 4.0])
        state["clock"] = float(n)
        started = time.perf_counter()
        text = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
        store.save_class_in_progress("bench", {"whole": True}, json.loads(text))
        times.append(time.perf_counter() - started)
    store.close()
    return times


def line(label: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return (
        f"{label:<34} median {statistics.median(ms):6.2f} ms  p99 {p99:6.2f} ms  "
        f"{1000 / statistics.mean(ms):6.0f} saves/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    print(f"{args.students} students, {args.saves} saves of one more answer each (synced)")
    for moves in (args.students, 2_000, 6_000):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            print(f"after {moves} moves:")
            print(
                "  "
                + line(
                    "journal (append the new moves)",
                    journal_saves(Path(a), moves, args.students, args.saves),
                )
            )
            print(
                "  "
                + line(
                    "whole state as one JSON row",
                    whole_row_saves(Path(b), moves, args.students, args.saves),
                )
            )


if __name__ == "__main__":
    main()
