"""Imports scene modules, each alone, and prints the scene modules each import loaded.

Run as a script by ``test_scene_modules.py``: ``python scene_import_probe.py MODULE...``
prints one JSON object, each module's name to the sorted names of the modules under
``clarity.ui.scenes`` loaded once it was imported, or to ``{"error": traceback}``.

With one module it imports it in this fresh interpreter. With several (where ``os.fork``
is safe: Linux) it first loads :data:`SHARED`, the modules outside the UI that scene
modules load (pygame, pydantic, the pack loader, the store...), checks that they loaded no
scene module, then imports each module in a child forked from that state: the child finds
loaded exactly the scene modules a fresh interpreter would, since what was loaded before
brought none, and the modules are loaded once instead of once a scene (a second of CPU a
dozen times over).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import traceback

PACKAGE = "clarity.ui.scenes"

#: Loaded before the children fork: modules outside ``clarity.ui`` (the core and the
#: store never import the UI), which the scene modules load, all or most of them.
SHARED = (
    "pygame",
    "pydantic",
    "yaml",
    "clarity.core.packs.loader",
    "clarity.core.trophies",
    "clarity.core.study",
    "clarity.store",
    "clarity.settings",
    "clarity.fonts",
    "clarity.progress",
)


def scene_modules() -> list[str]:
    return sorted(m for m in sys.modules if m.startswith(f"{PACKAGE}."))


def imported_alone(name: str) -> list[str] | dict[str, str]:
    try:
        importlib.import_module(name)
    except BaseException:  # said to the test, which fails on it
        return {"error": traceback.format_exc()}
    return scene_modules()


def in_child(name: str) -> list[str] | dict[str, str]:
    """:func:`imported_alone` in a child forked from this interpreter."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: import, say what is loaded, leave without clean-up
        os.close(read)
        with os.fdopen(write, "w", encoding="utf-8") as out:
            json.dump(imported_alone(name), out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as said:
        text = said.read()
    _, status = os.waitpid(pid, 0)
    if not text:
        return {"error": f"the child importing {name} ended with status {status}"}
    return json.loads(text)


def main(names: list[str]) -> None:
    if len(names) == 1:
        found = {names[0]: imported_alone(names[0])}
    else:
        for shared in SHARED:
            importlib.import_module(shared)
        before = scene_modules()
        if before:
            found = {name: {"error": f"{SHARED} loaded scene modules: {before}"} for name in names}
        else:
            found = {name: in_child(name) for name in names}
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1:])
