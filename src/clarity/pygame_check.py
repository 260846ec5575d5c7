"""Make sure the pygame that is installed is pygame-ce, before a window opens.

The upstream ``pygame`` and ``pygame-ce`` share the import name; with the wrong one the
game would fail later in confusing ways, so commands that open a window ask first.
"""

from __future__ import annotations

import importlib


def ensure_pygame_ce() -> str | None:
    """``None`` when pygame-ce is importable; otherwise one line saying what to do."""
    try:
        pygame = importlib.import_module("pygame")
    except ImportError:
        return "pygame-ce is not installed; Clarity needs it (pip install pygame-ce)"
    if not getattr(pygame, "IS_CE", False):
        return (
            "the upstream 'pygame' package is installed; Clarity needs 'pygame-ce' "
            "(pip uninstall pygame; pip install pygame-ce)"
        )
    return None
