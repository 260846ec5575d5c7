"""Scenes find each other by name: no scene module imports another, and every name opens a scene.

Each module under ``clarity.ui.scenes`` is imported alone in a fresh interpreter (on Linux
a child forked from one that loaded only what no scene is, see ``scene_import_probe``) and
must bring in no other scene module; its source must not import one anywhere, not even
inside a function (where the fresh import would not see it). Every name in
:data:`clarity.ui.screens.SCREENS` must make a Scene class, and every scene is named there.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import clarity.ui.scenes
from clarity.ui.scene import Scene
from clarity.ui.screens import SCREENS, Screens, UnknownScreen

PACKAGE = "clarity.ui.scenes"
MODULES = sorted(f"{PACKAGE}.{m.name}" for m in pkgutil.iter_modules(clarity.ui.scenes.__path__))

#: Imports each module named after it alone and prints the scene modules then loaded.
PROBE = Path(__file__).with_name("scene_import_probe.py")


@pytest.fixture(scope="module")
def loaded_alone() -> dict[str, list[str]]:
    """For each scene module, the scene modules loaded by importing it alone: on Linux in
    children one probe forks once it has loaded what every scene shares (a process each
    loaded the same modules twenty times over), elsewhere in a fresh interpreter each, run
    side by side."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    batches = [MODULES] if sys.platform.startswith("linux") else [[name] for name in MODULES]
    running = [
        subprocess.Popen(
            [sys.executable, "-P", str(PROBE), *batch],  # -P: not the tests' folder on the path
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for batch in batches
    ]
    loaded: dict[str, list[str]] = {}
    for batch, process in zip(batches, running, strict=True):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, f"importing {batch} alone failed:\n{err}"
        for name, found in json.loads(out.strip().splitlines()[-1]).items():
            assert isinstance(found, list), f"importing {name} alone failed:\n{found['error']}"
            loaded[name] = found
    assert sorted(loaded) == MODULES
    return loaded


def test_there_are_scene_modules_to_check() -> None:
    assert {"clarity.ui.scenes.title", "clarity.ui.scenes.play"} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_a_scene_module_imported_alone_loads_no_other_scene(
    module: str, loaded_alone: dict[str, list[str]]
) -> None:
    assert loaded_alone[module] == [module]


def _scene_imports(source: str) -> list[str]:
    """The scene modules ``source`` imports anywhere (in a function too), as written."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith(f"{PACKAGE}.")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # "from . import play" or "from .play import PlayScene"
                found.append("." * node.level + (node.module or ""))
            elif node.module == PACKAGE:
                found += [f"{PACKAGE}.{a.name}" for a in node.names]
            elif node.module and node.module.startswith(f"{PACKAGE}."):
                found.append(node.module)
    return found


def test_the_import_finder_sees_imports_inside_functions() -> None:
    source = "def f():\n    from clarity.ui.scenes.play import PlayScene\n    from . import pause\n"
    assert _scene_imports(source) == ["clarity.ui.scenes.play", "."]
    assert _scene_imports("from clarity.ui.scenes import title") == ["clarity.ui.scenes.title"]
    assert _scene_imports("from clarity.ui import journey\nimport clarity.ui.screens") == []


@pytest.mark.parametrize("module", MODULES)
def test_no_scene_module_imports_another_even_inside_a_function(module: str) -> None:
    source = Path(inspect.getfile(pkgutil.resolve_name(module))).read_text(encoding="utf-8")
    assert _scene_imports(source) == []


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_every_screen_name_makes_a_scene_class(name: str) -> None:
    scene_class = Screens(None, SCREENS).scene_class(name)  # type: ignore[arg-type]
    assert inspect.isclass(scene_class)
    assert issubclass(scene_class, Scene)
    assert scene_class is not Scene


def test_every_scene_of_the_scene_modules_has_a_name() -> None:
    named = {Screens(None, SCREENS).scene_class(n) for n in SCREENS}  # type: ignore[arg-type]
    defined = set()
    for module in MODULES:
        for _, value in inspect.getmembers(pkgutil.resolve_name(module), inspect.isclass):
            if issubclass(value, Scene) and value.__module__ == module:
                defined.add(value)
    assert defined == named


def test_an_unknown_screen_name_is_refused() -> None:
    with pytest.raises(UnknownScreen, match="'nowhere'"):
        Screens(None, SCREENS).scene_class("nowhere")  # type: ignore[arg-type]
