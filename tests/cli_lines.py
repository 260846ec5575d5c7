"""The Teacher Studio's commands run as a teacher runs them, for their tests: through
``clarity.cli.main``, with what they print on stdout and stderr as lists of lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity import cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    """The exit status of ``clarity ARGV...``, its stdout lines and its stderr lines."""
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err.splitlines()


def packs(tmp_path: Path) -> Path:
    """The packs folder of the data folder ``--data-dir tmp_path/data``."""
    return tmp_path / "data" / "packs"
