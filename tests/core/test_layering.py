"""The game core stays pure: importing any of it loads neither pygame nor the UI."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import clarity.core

CHECK = """
import importlib, json, pkgutil, sys
import clarity.core
names = [m.name for m in pkgutil.walk_packages(clarity.core.__path__, "clarity.core.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({
    "imported": names,
    "pygame": sorted(m for m in sys.modules if m == "pygame" or m.startswith("pygame.")),
    "ui": sorted(m for m in sys.modules if m == "clarity.ui" or m.startswith("clarity.ui.")),
}))
"""


def core_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(clarity.core.__path__, "clarity.core.")]


def test_core_modules_are_found() -> None:
    modules = core_modules()
    for name in ("board", "scoring", "matching", "trophies", "round", "events", "packs"):
        assert f"clarity.core.{name}" in modules


def test_importing_the_core_loads_neither_pygame_nor_the_ui() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(seen["imported"]) == sorted(core_modules())
    assert seen["pygame"] == []
    assert seen["ui"] == []
