"""Real read-only and full folders for the tests, made the most honest way this machine allows.

As root, permission bits stop nothing, so a folder is made read-only or small by mounting
a tmpfs on it (a real file system that really refuses or really runs out of space). As an
ordinary user, ``chmod`` is the real thing. When neither works, the test is skipped and
says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """Mount a tmpfs of ``size`` on ``folder`` (root only); unmount it afterwards."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root and mount(8)")
    folder.mkdir(parents=True, exist_ok=True)
    mounted = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


@contextmanager
def writable_then_read_only(folder: Path) -> Iterator[Path]:
    """A folder to fill first; ``make_read_only(folder)`` then really stops writes to it."""
    if os.geteuid() == 0:
        with tmpfs(folder, "4m"):
            yield folder
    else:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            yield folder
        finally:
            folder.chmod(0o755)


def make_read_only(folder: Path) -> None:
    if os.geteuid() == 0:
        remounted = _run("mount", "-o", "remount,ro", str(folder))
        assert remounted.returncode == 0, remounted.stderr
    else:
        folder.chmod(0o555)
    with pytest.raises(OSError, match=r"Read-only|Permission denied"):  # proof that it is real
        (folder / "probe").write_text("x")
