"""The game host with the real journal on a real data folder: saved as it goes, resumed
from what was saved, finished per student."""

from __future__ import annotations

from pathlib import Path

from clarity.classroom import commands as cmd
from clarity.classroom.host import GameHost
from clarity.classroom.journal import StoreJournal

from .host_driving import MYSTERY, PIN, Game, build_pack


def test_a_game_saved_by_the_store_resumes_with_its_students_and_finishes(
    tmp_path: Path,
) -> None:
    pack = build_pack(questions=4, grid="3x3")
    journal = StoreJournal(tmp_path / "data")
    game = Game(pack)
    game.host = GameHost(  # the Game's own host, with the store's journal
        pack,
        pin=PIN,
        teacher_token="teacher-token",
        seed=10,
        rules=game.host.live_round.rules,
        live_rules=game.host.live_round.live_rules,
        translator=game.translator,
        journal=journal,
    )
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.answer(anna)
    game.answer(boris, right=False)
    game.guess(anna, MYSTERY)
    score = game.state(anna)["you"]["score"]
    journal.close()

    # the host is gone; a new one on the same data folder picks the game up
    again = StoreJournal(tmp_path / "data")
    saved = again.load(pack.id)
    assert saved is not None
    resumed = Game(pack)
    resumed.now = game.now
    resumed.host = GameHost.resumed(pack, saved, translator=game.translator, journal=again)
    assert resumed.host.pin == PIN
    conn = resumed.connect()
    resumed.send(conn, type="join", token=anna.token)
    assert resumed.state(conn)["you"]["score"] == score
    assert resumed.phase == "reveal"
    resumed.command(cmd.EndGame())
    assert resumed.host.finished
    assert resumed.view().notice.startswith("Saved: the results of 2 students")
    assert again.load(pack.id) is None  # finished: nothing left to resume
    again.close()
