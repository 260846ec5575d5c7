"""Other people's formats stay below the game: importing any of ``clarity.formats`` loads
neither pygame, the UI, the store nor the class game (STYLE.md: formats use the core)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import clarity.formats

CHECK = """
import importlib, json, pkgutil, sys
import clarity.formats
names = [m.name for m in pkgutil.walk_packages(clarity.formats.__path__, "clarity.formats.")]
for name in names:
    importlib.import_module(name)
def loaded(package):
    return sorted(m for m in sys.modules if m == package or m.startswith(package + "."))
print(json.dumps({
    "imported": names,
    "pygame": loaded("pygame"),
    "ui": loaded("clarity.ui"),
    "store": loaded("clarity.store"),
    "classroom": loaded("clarity.classroom"),
}))
"""


def formats_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(clarity.formats.__path__, "clarity.formats.")]


def test_the_formats_modules_are_found() -> None:
    modules = formats_modules()
    for name in ("source", "importing", "detect", "pack_yaml", "exporting", "slugs"):
        assert f"clarity.formats.{name}" in modules


def test_importing_the_formats_loads_no_pygame_ui_store_or_class_game() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(seen["imported"]) == sorted(formats_modules())
    assert seen["pygame"] == []
    assert seen["ui"] == []
    assert seen["store"] == []
    assert seen["classroom"] == []
