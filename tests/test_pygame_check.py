"""pygame-ce, not the upstream pygame, must be installed before a window opens."""

from __future__ import annotations

import sys
import types

import pytest

from clarity.pygame_check import ensure_pygame_ce


def test_pygame_ce_passes() -> None:
    assert ensure_pygame_ce() is None  # the test environment installs pygame-ce


def test_upstream_pygame_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygame", types.ModuleType("pygame"))
    assert ensure_pygame_ce() == (
        "the upstream 'pygame' package is installed; Clarity needs 'pygame-ce' "
        "(pip uninstall pygame; pip install pygame-ce)"
    )


def test_missing_pygame_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygame", None)  # makes the import fail
    message = ensure_pygame_ce()
    assert message is not None
    assert "pip install pygame-ce" in message
