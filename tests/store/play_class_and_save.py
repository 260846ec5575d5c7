"""Play a class game and save it after every action: run by the crash test as a subprocess.

    python play_class_and_save.py DATA_DIR

Each line is printed and flushed only after the save it reports has returned, which is
when the game would go on as if it were kept:

    ready                 the store is open, the players exist
    kept <actions>        the game was saved with this many actions
    failed <message>      the store refused (the test fails on this)

It plays every question (about a hundred saves) and exits; the test kills it long before.
"""

from __future__ import annotations

import sys
from pathlib import Path

# this folder is sys.path[0] for a script; the core's pack factory is one folder up
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from clarity.class_progress import ClassProgress
from clarity.core.class_round import Phase
from clarity.core.teams import ClassGameSetup, Team
from clarity.store import Player, open_store
from core.factories import build_pack, right_response, wrong_response

PACK = build_pack(questions=40, grid="8x8", kinds=("choice", "truefalse"))


def main(argv: list[str]) -> int:
    opening = open_store(Path(argv[0]))
    store = opening.store
    if store is None or opening.notice is not None:
        print(f"failed {opening.notice}", flush=True)
        return 1
    ana = store.get_or_create_player("Ana")
    if not isinstance(ana, Player):
        print(f"failed {ana}", flush=True)
        return 1
    setup = ClassGameSetup(PACK.id, 0, 11, (Team("Owls", 0, (ana.id,)), Team("Foxes", 1)))
    saving = ClassProgress(store)
    played = setup.new_round(PACK)
    print("ready", flush=True)
    turn = 0
    while played.phase in (Phase.ASKING, Phase.FEEDBACK):
        turn += 1
        if played.phase is Phase.FEEDBACK:
            played.next_question()
        elif played.stealing:
            played.pass_steal(1.0)
        else:
            question = played.question
            played.answer(right_response(question) if turn % 3 else wrong_response(question), 2.0)
        failed = saving.keep(setup, played)
        if failed is not None:
            print(f"failed {failed}", flush=True)
            return 1
        print(f"kept {len(played.snapshot()['actions'])}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
