"""Play and save rounds in a loop: the game's saving, run by the crash tests as a subprocess.

    python play_and_save.py DATA_DIR PLAYER ROUNDS

Each line is printed and flushed only after the store call it reports has returned,
which is when the game would show it as saved:

    ready                        the store is open and the player exists
    progress <round> <answers>   the round in progress was saved after an answer
    saved <uuid>                 a finished round was saved
    failed <message>             the store refused (the test fails on this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from factories import try_save  # this folder is sys.path[0] for a script

from clarity.store import Player, SaveFailed, open_store

ANSWERS_PER_ROUND = 3


def main(argv: list[str]) -> int:
    data_dir, name, rounds = Path(argv[0]), argv[1], int(argv[2])
    opening = open_store(data_dir)
    store = opening.store
    if store is None or opening.notice is not None:
        print(f"failed {opening.notice}", flush=True)
        return 1
    player = store.get_or_create_player(name)
    shared = store.get_or_create_player("The whole class")  # both processes race for it
    if not isinstance(player, Player) or not isinstance(shared, Player):
        print(f"failed {player} {shared}", flush=True)
        return 1
    print("ready", flush=True)
    for n in range(rounds):
        for answers in range(1, ANSWERS_PER_ROUND + 1):
            snapshot = {"round": n, "answers": answers, "actions": [["answer", "x", 1.5]]}
            failed = store.save_in_progress(player.id, "solar-system", snapshot)
            if failed is not None:
                print(f"failed {failed.message}", flush=True)
                return 1
            print(f"progress {n} {answers}", flush=True)
        result = try_save(
            store, player.id, medal="bronze", trophies=("first-light",), seed=n, right=2, wrong=1
        )
        if isinstance(result, SaveFailed):
            print(f"failed {result.message}", flush=True)
            return 1
        print(f"saved {result.round_id}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
