"""How fast the class game on every device keeps up with a big class: prints figures,
asserts nothing.

Plays one round of ``--questions`` typed questions with ``--students`` students on
:class:`clarity.core.live_round.LiveRound` and times what the host does most: taking an
answer (with the ``closes_at`` and ``everyone_answered`` it reads after each), closing a
question, telling every student their result and place, the standings, and saving the
round (``snapshot`` and its JSON) after an answer; then restoring the whole game from its
snapshot, as a host restarted after a crash does. Goal: an answer and its save well under
5 ms (200 answers in a second leave the frame loop alone), a restore under a second.

    .venv/bin/python benchmarks/bench_live_round.py [--students 200] [--questions 20]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable

from clarity.core.live_round import LiveRound
from clarity.core.packs.models import Pack


def build_pack(questions: int) -> Pack:
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "bench-live",
            "title": "Bench",
            "description": "A pack for the benchmark.",
            "time_limit": 20,
            "rounds": [{"image": "m.png", "answer": "Eiffel Tower", "grid": "5x6"}],
            "questions": [
                {"type": "typed", "prompt": f"Q{i}?", "answer": f"Answer {i}"}
                for i in range(questions)
            ],
        }
    )


def timed(samples: list[float], action: Callable[[], object]) -> object:
    start = time.perf_counter()
    result = action()
    samples.append(time.perf_counter() - start)
    return result


def report(name: str, samples: list[float]) -> None:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(
        f"{name:<34} n={len(ms):<6} median {statistics.median(ms):8.3f} ms"
        f"   p95 {p95:8.3f} ms   max {ms[-1]:8.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(1)
    pack = build_pack(args.questions)
    round_ = LiveRound(pack, seed=3)
    for n in range(args.students):
        round_.join(f"Student {n}", rng.choice([1.0, 1.0, 1.5, 2.0, None]))
    answers: list[float] = []
    saves: list[float] = []
    closes: list[float] = []
    results: list[float] = []
    standings: list[float] = []
    size = 0
    while round_.phase == "question":
        number = round_.question_number
        index = round_.question_index
        for student in rng.sample(range(args.students), args.students):
            text = f"Answer {index}" if rng.random() < 0.6 else "no idea"

            def answer(student: int = student, text: str = text, number: int = number) -> None:
                round_.answer(student, number, text, rng.uniform(0, 20))
                round_.everyone_answered  # noqa: B018 (the host reads both after each answer)
                round_.closes_at  # noqa: B018

            timed(answers, answer)
            saved = timed(saves, lambda: json.dumps(round_.snapshot()))
            assert isinstance(saved, str)
            size = len(saved)
        timed(closes, lambda: round_.close_question(20.0))
        timed(results, lambda: [round_.result_for(i) for i in range(args.students)])
        timed(standings, round_.standings)
        round_.next_question()
    snapshot = json.loads(json.dumps(round_.snapshot()))
    restores: list[float] = []
    for _ in range(3):
        timed(restores, lambda: LiveRound.restore(pack, snapshot))
    print(
        f"{args.students} students, {args.questions} questions, "
        f"{len(snapshot['actions'])} moves, last snapshot {size / 1024:.0f} KiB of JSON"
    )
    report("answer (+ everyone_answered, closes_at)", answers)
    report("snapshot + json.dumps after an answer", saves)
    report("close_question", closes)
    report("result_for every student", results)
    report("standings", standings)
    report("restore the whole game", restores)


if __name__ == "__main__":
    main()
