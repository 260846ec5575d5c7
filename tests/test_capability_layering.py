"""The capabilities beside the game (the studio, imports and exports, printing) stay off the
window and the store: a teacher's tools run on a computer with no display, and never reach
into a player's saved rounds."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import clarity.formats
import clarity.printing
import clarity.studio

CAPABILITIES = {
    "clarity.studio": clarity.studio,
    "clarity.formats": clarity.formats,
    "clarity.printing": clarity.printing,
}

CHECK = """
import importlib, json, pkgutil, sys
package = importlib.import_module(sys.argv[1])
names = [m.name for m in pkgutil.walk_packages(package.__path__, sys.argv[1] + ".")]
for name in names:
    importlib.import_module(name)
def loaded(prefix):
    return sorted(m for m in sys.modules if m == prefix or m.startswith(prefix + "."))
print(json.dumps({
    "imported": names,
    "pygame": loaded("pygame"),
    "ui": loaded("clarity.ui"),
    "store": loaded("clarity.store"),
}))
"""


def modules_of(name: str) -> list[str]:
    package = CAPABILITIES[name]
    return [m.name for m in pkgutil.walk_packages(package.__path__, f"{name}.")]


@pytest.mark.parametrize("name", sorted(CAPABILITIES))
def test_a_capability_loads_neither_pygame_nor_the_ui_nor_the_store(name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, name],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(seen["imported"]) == sorted(modules_of(name))
    assert len(seen["imported"]) >= 5  # the walk found the package's modules
    assert seen["pygame"] == []
    assert seen["ui"] == []
    assert seen["store"] == []
