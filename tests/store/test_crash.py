"""Nothing lost: a game killed at any moment, and two games saving at once.

These start real subprocesses (``play_and_save.py``) that save through the store and
print a line only after each save has returned, which is when the game would show it as
saved; then the test kills them with SIGKILL, or lets them race, and checks the file.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

import clarity
from clarity.store import open_store
from clarity.store.db import DB_FILENAME

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

SCRIPT = Path(__file__).with_name("play_and_save.py")
KILLS = 30


def _start(data_dir: Path, player: str, rounds: int) -> subprocess.Popen[str]:
    env = dict(os.environ)
    # The subprocess imports clarity from wherever this test did (installed or src/).
    src = str(Path(clarity.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), str(data_dir), player, str(rounds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _first_line(stream: IO[str]) -> str:
    """The first line of ``stream``, read a byte at a time from its pipe.

    ``readline()`` would fill the text stream's buffer with the lines after it too, and
    ``communicate()`` reads the pipe itself, so those lines (a "saved" or "progress" the
    game did print) would never be seen and a round would look lost.
    """
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(stream.fileno(), 1)
        if not byte:
            break
        line += byte
    return line.decode("utf-8")


def _complete_lines(output: str) -> list[str]:
    """The lines printed in full; a kill may cut the last one short."""
    lines = output.split("\n")
    return lines[:-1]  # the part after the last newline is empty or cut


def _check_file(data_dir: Path) -> set[str]:
    """The file opens, passes integrity_check, and the store opens it with no notice."""
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    opening = open_store(data_dir)
    assert opening.notice is None
    assert opening.store is not None
    uuids = {r.round_id for r in opening.store.all_rounds()}
    opening.store.close()
    return uuids


def _check_round_in_progress(data_dir: Path, player: str, lines: list[str]) -> None:
    """What was shown as saved after an answer is there (or the round was then saved)."""
    last = next((line for line in reversed(lines) if line.startswith(("progress", "saved"))), "")
    if not last:
        return
    opening = open_store(data_dir)
    assert opening.store is not None
    found = opening.store.player_by_name(player)
    assert found is not None
    row = opening.store.in_progress(found.id)
    opening.store.close()
    kind, *rest = last.split()
    if kind == "progress":
        shown = (int(rest[0]), int(rest[1]))
        if row is None:  # only if the round was saved right after its last answer
            assert shown[1] == 3, f"round in progress {shown} was lost"
        else:
            assert (row.snapshot["round"], row.snapshot["answers"]) >= shown
    else:
        saved_round = sum(1 for line in lines if line.startswith("saved")) - 1
        assert row is None or row.snapshot["round"] == saved_round + 1


def test_a_game_killed_at_any_moment_loses_nothing_it_showed_as_saved(tmp_path: Path) -> None:
    rng = random.Random(20261127)
    shared_dir = tmp_path / "shared"
    shown_in_shared: set[str] = set()
    started = time.monotonic()
    for kill in range(KILLS):
        # Every sixth kill uses a fresh folder, so some land while the file is created
        # and migrated; the rest pile up in one folder that must keep every round.
        data_dir = tmp_path / f"fresh-{kill}" if kill % 6 == 0 else shared_dir
        player = f"Kid {kill}"
        game = _start(data_dir, player, rounds=100_000)
        if kill % 3 == 0:
            time.sleep(rng.uniform(0.0, 0.3))  # anywhere from start-up on
        else:
            assert game.stdout is not None
            ready = _first_line(game.stdout)
            assert ready == "ready\n", game.stderr.read() if game.stderr else ""
            time.sleep(rng.uniform(0.0, 0.25))  # in the middle of saving
        game.send_signal(signal.SIGKILL)
        output, errors = game.communicate(timeout=10)
        assert game.returncode == -signal.SIGKILL, errors
        lines = _complete_lines(output)
        assert not any(line.startswith("failed") for line in lines), lines
        shown = {line.split()[1] for line in lines if line.startswith("saved ")}
        if data_dir == shared_dir:
            shown_in_shared |= shown
        if not (data_dir / DB_FILENAME).exists():
            assert not shown
            continue  # killed before the file was made: nothing was shown as saved

        on_disk = _check_file(data_dir)

        expected = shown_in_shared if data_dir == shared_dir else shown
        assert expected <= on_disk, f"kill {kill}: lost {len(expected - on_disk)} rounds"
        _check_round_in_progress(data_dir, player, lines)
    assert len(shown_in_shared) > 50, "the kills landed too early to test much"
    assert time.monotonic() - started < 60


def test_two_games_saving_at_once_both_keep_every_round(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"  # fresh: the two also race to create and migrate it
    games = [_start(data_dir, name, rounds=200) for name in ("Ana", "Bob")]
    results = [game.communicate(timeout=120) for game in games]

    for game, (output, errors) in zip(games, results, strict=True):
        assert game.returncode == 0, errors
        assert "locked" not in errors
        assert "failed" not in output
    saved = [
        line.removeprefix("saved ")
        for output, _ in results
        for line in output.splitlines()
        if line.startswith("saved ")
    ]
    assert len(saved) == 400
    assert _check_file(data_dir) == set(saved)
    opening = open_store(data_dir)
    assert opening.store is not None
    names = [p.name for p in opening.store.players()]
    opening.store.close()
    assert names == ["Ana", "Bob", "The whole class"]
