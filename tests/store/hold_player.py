"""Play as a player, as the game does, until told to stop: a second game for the ownership tests.

    python hold_player.py DATA_DIR PLAYER

It opens the data folder with ``--player PLAYER`` through the game's own PlayerSession
and prints one line, flushed:

    held                 the session plays as PLAYER (and holds the claim)
    refused <message>    another game plays as PLAYER; the message the player would see

After "held" it keeps the claim until its standard input closes (then closes the session,
prints "released" and exits 0), or until the test kills it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clarity.progress import PlayerSession


def main(argv: list[str]) -> int:
    data_dir, name = Path(argv[0]), argv[1]
    session = PlayerSession(data_dir, player_name=name)
    session.open()
    held = session.held_elsewhere
    if held is not None:
        print(f"refused {held.message}", flush=True)
        session.close()
        return 0
    claim = session.claim
    if session.player is None or claim is None or not claim.guarded:
        print(f"failed player={session.player} claim={claim} notice={session.notice}", flush=True)
        return 1
    print("held", flush=True)
    sys.stdin.read()  # until the test closes our input
    session.close()
    print("released", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
