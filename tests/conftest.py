"""Fixtures for every test."""

from __future__ import annotations

from pathlib import Path

import pytest

# the fixture ``seen``: the real game started from the command line, run headless
pytest_plugins = ("headless_game",)


@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test, and every process it starts, reads and writes the settings in a folder
    of its own (never made unless written), not the settings of whoever runs the tests:
    a teacher's ``timer = off`` must not change what a test of the timer sees."""
    monkeypatch.setenv("CLARITY_CONFIG_DIR", str(tmp_path / "clarity-config"))


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test, and every process it starts, speaks English unless it asks for a language
    (CLARITY_LANG, a setting, LANG): a Russian desktop running the tests must not turn
    every English expectation into a failure. The locale stays UTF-8 for the text."""
    for name in ("CLARITY_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
