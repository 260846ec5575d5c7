"""A class game on every device, played move by move, and the host state saved after each
move, shaped as :meth:`clarity.classroom.host.GameHost.saved_state` shapes it (the round's
snapshot, the seats with their tokens and players, the PIN, the clock). Used by the
journal's tests and by the killed-process script beside it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from clarity.core.live_round import LivePhase, LiveRound
from clarity.core.trophies import ClassTrophyTracker

# the core's pack factory is one folder up (this folder is sys.path[0] for a script)
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from core.factories import build_pack, right_response, wrong_response

PACK = build_pack(questions=12, grid="3x4", kinds=("choice", "typed", "truefalse"))
NAMES = ("Аня", "Ben", "Chloé", "Dima", "Eve", "Fox")


def host_state(played: LiveRound, seats: list[dict[str, Any]], clock: float) -> dict[str, Any]:
    return {
        "kind": "device_game",
        "version": 1,
        "pack_id": played.pack.id,
        "pin": "204816",
        "teacher_token": "teacher-secret",
        "started": True,
        "paused": False,
        "leaderboard_on": True,
        "leaderboard_showing": False,
        "clock": clock,
        "seats": [dict(seat) for seat in seats],
        "round": played.snapshot(),
    }


def new_game(seed: int = 3) -> tuple[LiveRound, ClassTrophyTracker]:
    trophies = ClassTrophyTracker(0)
    return LiveRound(PACK, seed=seed, observers=[trophies]), trophies


def play(
    played: LiveRound,
    seats: list[dict[str, Any]],
    players: dict[str, int] | None = None,
    *,
    students: int = 4,
    late: int = 1,
) -> Iterator[float]:
    """Play the whole round, a move at a time: ``students`` join first, ``late`` more
    after the first question; the second student is removed at the third question;
    student 0 guesses the picture wrong at question 2 and right at question 5. Yields the
    clock after each move (the caller saves then)."""
    players = players or {}
    clock = 0.0

    def join(name: str) -> None:
        played.join(name, 1.0)
        seats.append({"token": f"token-{len(seats)}", "player": players.get(name)})

    for name in NAMES[:students]:
        join(name)
        yield clock
    while played.phase is not LivePhase.ENDED:
        clock += 1.0
        number = played.question_number
        if played.phase is LivePhase.QUESTION:
            if number == 2 and late:
                for name in NAMES[students : students + late]:
                    join(name)
                    yield clock
            if number == 3 and not played.students[1].removed:
                played.remove(1)
                yield clock
            for student in played.active_students:
                question = played.question
                response = (
                    right_response(question)
                    if (student + number) % 3
                    else (wrong_response(question))
                )
                played.answer(student, number, response, 2.0 + student)
                yield clock
            if number in (2, 5) and not played.students[0].guessed_right:
                played.guess(0, "Big Ben" if number == 2 else "Eiffel Tower", 7.5)
                yield clock
            played.close_question(9.0)
        elif played.phase is LivePhase.REVEAL:
            played.next_question()
        else:
            played.end()
        yield clock
