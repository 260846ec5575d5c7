"""Play a class game on every device and save it after every move through the journal:
run by the killed-process test as a subprocess.

    python live_game_and_save.py DATA_DIR STUDENTS

Each line is printed and flushed only after the save it reports has returned, which is
when the host would go on as if it were kept (and tell the students):

    ready                 the journal is made
    kept <actions>        the game was saved with this many moves
    failed <message>      the journal refused (the test fails on this)
"""

from __future__ import annotations

import sys
from pathlib import Path

# this folder is sys.path[0] for a script: live_play is beside it
from live_play import host_state, new_game, play

from clarity.classroom.journal import StoreJournal


def main(argv: list[str]) -> int:
    journal = StoreJournal(Path(argv[0]))
    played, _ = new_game()
    seats: list[dict[str, object]] = []
    print("ready", flush=True)
    for clock in play(played, seats, students=int(argv[1]), late=2):
        failed = journal.save(host_state(played, seats, clock))
        if failed is not None:
            print(f"failed {failed}", flush=True)
            return 1
        print(f"kept {len(played.snapshot()['actions'])}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
