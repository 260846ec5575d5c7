"""pygame-ce, not the upstream pygame, must be installed before a window opens."""

from __future__ import annotations

import sys
import types

import pytest

from clarity.i18n.translator import Translator
from clarity.pygame_check import ensure_pygame_ce


def test_pygame_ce_passes() -> None:
    assert ensure_pygame_ce() is None  # the test environment installs pygame-ce


def test_upstream_pygame_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygame", types.ModuleType("pygame"))
    said = ensure_pygame_ce()
    assert said is not None
    assert str(said) == (
        "the upstream 'pygame' package is installed; Clarity needs 'pygame-ce' "
        "(pip uninstall pygame; pip install pygame-ce)"
    )
    assert Translator("ru").render(said) == (
        "установлен пакет 'pygame', а Clarity нужен 'pygame-ce' "
        "(pip uninstall pygame; pip install pygame-ce)"
    )


def test_missing_pygame_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygame", None)  # makes the import fail
    said = ensure_pygame_ce()
    assert said is not None
    assert "pip install pygame-ce" in str(said)
    assert Translator("be").render(said) == (
        "пакет pygame-ce не ўсталяваны, а ён патрэбны Clarity (pip install pygame-ce)"
    )
