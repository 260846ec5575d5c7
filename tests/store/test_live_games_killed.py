"""A host killed (SIGKILL, a real subprocess) between any two saves of a class game on
every device resumes from the last save it made: nothing it acknowledged is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import clarity
from clarity.classroom.journal import StoreJournal
from clarity.core.live_round import LiveRound

from .live_play import PACK

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

SCRIPT = Path(__file__).with_name("live_game_and_save.py")
KILLS = 6
STUDENTS = 12  # about 150 saves in a whole game


def _start(data_dir: Path) -> subprocess.Popen[str]:
    env = dict(os.environ)
    src = str(Path(clarity.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), str(data_dir), str(STUDENTS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_host_killed_between_saves_resumes_from_the_last_one(tmp_path: Path) -> None:
    rng = random.Random(20261201)
    for kill in range(KILLS):
        data_dir = tmp_path / f"data-{kill}"
        wanted = rng.randrange(1, 140)  # saves acknowledged before the kill
        game = _start(data_dir)
        assert game.stdout is not None
        kept = 0
        try:
            assert game.stdout.readline() == "ready\n"
            for _ in range(wanted):
                line = game.stdout.readline()
                assert line.startswith("kept "), line or game.stderr.read()  # type: ignore[union-attr]
                kept = int(line.split()[1])
        finally:
            game.send_signal(signal.SIGKILL)
            unread, _ = game.communicate(timeout=30)
        assert game.returncode == -signal.SIGKILL
        # the host goes on saving while this test reads and kills: what it said last,
        # read or not, bounds what it can have kept (a loaded machine: several lines)
        said = [int(line.split()[1]) for line in unread.splitlines() if line.startswith("kept ")]
        said_last = max([kept, *said])

        saved = StoreJournal(data_dir).load(PACK.id)

        assert saved is not None, f"kill {kill}: the game was lost"
        actions = len(saved["round"]["actions"])
        # what it said was kept is there; at most the one save it was making is more
        assert kept <= actions <= said_last + 1, (
            f"kill {kill}: {kept} read, {said_last} said, {actions} found"
        )
        resumed = LiveRound.restore(PACK, saved["round"])
        assert len(resumed.students) == len(saved["seats"])
