"""An export killed at any moment leaves the old export whole (issue 10, part 2).

A real ``clarity results --csv`` in a subprocess, on a store of thousands of rounds, is
killed with SIGKILL at seeded random moments: some anywhere in its run, some once its
temporary file exists (the moments that matter). After every kill the export is the old
one byte for byte, or the complete new one (the kill came after the rename); nothing else
is in the folder but leftovers named as temporaries (``.results.csv.tmp-XXXXXXXX``), which
the next export removes.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import clarity
from clarity.store import open_store

from .factories import MONDAY_9AM, add_player, save

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ROUNDS = 6000
KILLS = 40
OLD = "\ufeffplayer,pack\r\nlast week,solar-system\r\n".encode() * 2000
LEFTOVER = re.compile(r"\.results\.csv\.tmp-[0-9a-f]{8}")


@pytest.fixture(scope="module")
def big_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("big") / "data"
    opening = open_store(data_dir)
    assert opening.store is not None
    with opening.store as store:
        players = [add_player(store, f"Pupil {n}") for n in range(30)]
        for n in range(ROUNDS):
            save(store, players[n % 30].id, score=n, played_at=MONDAY_9AM, medal="gold")
    return data_dir


def _export(data_dir: Path, target: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    src = str(Path(clarity.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    command = ["results", "--csv", str(target), "--data-dir", str(data_dir)]
    return subprocess.Popen(
        [sys.executable, "-m", "clarity", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def _wait_for_temporary(folder: Path, process: subprocess.Popen[bytes]) -> None:
    while process.poll() is None and not any(LEFTOVER.fullmatch(p.name) for p in folder.iterdir()):
        time.sleep(0.0005)


def test_an_export_killed_at_any_moment_leaves_the_old_export_whole(
    big_data_dir: Path, tmp_path: Path
) -> None:
    # The export as it must be when it is whole, and how long a whole run takes.
    started = time.monotonic()
    whole = _export(big_data_dir, tmp_path / "whole.csv")
    assert whole.wait(timeout=60) == 0, whole.stderr.read() if whole.stderr else ""
    run_seconds = time.monotonic() - started
    new = (tmp_path / "whole.csv").read_bytes()
    assert new.count(b"\r\n") == ROUNDS + 1

    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "results.csv"
    target.write_bytes(OLD)
    rng = random.Random(20261130)
    killed_mid_write = 0
    for kill in range(KILLS):
        process = _export(big_data_dir, target)
        if kill % 2:
            _wait_for_temporary(folder, process)
            time.sleep(rng.uniform(0, run_seconds / 4))
        else:
            time.sleep(rng.uniform(0, run_seconds))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)

        export = target.read_bytes()
        found = "old" if export == OLD else "new" if export == new else f"{len(export)} bytes"
        assert found in ("old", "new"), f"kill {kill}: the export is half-written ({found})"
        others = [p.name for p in folder.iterdir() if p.name != "results.csv"]
        assert all(LEFTOVER.fullmatch(name) for name in others), others
        killed_mid_write += bool(others) and found == "old"
        target.write_bytes(OLD)  # the next kill starts again from the old export

    # The kills did land while the new export was being written, not only before or after.
    assert killed_mid_write >= KILLS // 4

    finished = _export(big_data_dir, target)
    assert finished.wait(timeout=60) == 0
    assert target.read_bytes() == new
    assert [p.name for p in folder.iterdir()] == ["results.csv"]  # leftovers cleaned
