"""The game host and its messages stay below the screens and the network: importing them
loads neither pygame, the UI, aiohttp nor the store; the projector's views and commands do
not even load pydantic (the projector imports them at start-up)."""

from __future__ import annotations

import json
import subprocess
import sys

CHECK = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
def loaded(prefix):
    return sorted(m for m in sys.modules if m == prefix or m.startswith(prefix + "."))
print(json.dumps({p: loaded(p) for p in ("pygame", "clarity.ui", "aiohttp", "clarity.store",
                                          "pydantic", "clarity.classroom.server")}))
"""


def loaded_by(*modules: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, *modules],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_host_loads_neither_the_screens_the_network_nor_the_store() -> None:
    seen = loaded_by("clarity.classroom.host", "clarity.classroom.protocol")
    for package in ("pygame", "clarity.ui", "aiohttp", "clarity.store", "clarity.classroom.server"):
        assert seen[package] == [], package


def test_the_projectors_views_and_commands_load_no_validation_library() -> None:
    seen = loaded_by("clarity.classroom.views", "clarity.classroom.commands")
    assert seen["pydantic"] == []
    assert seen["pygame"] == []
