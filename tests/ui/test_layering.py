"""Screens ask services, never the store: only ``clarity/ui/services.py`` may import it.

Every module of :mod:`clarity.ui` is parsed with :mod:`ast` and searched for an import of
:mod:`clarity.store` or a submodule in any form, anywhere in the file (at top level, in a
function, under ``if TYPE_CHECKING``): ``import clarity.store.x``, ``from clarity.store
import y``, ``from clarity import store``, relative imports that resolve there, and module
names written as strings (``importlib.import_module("clarity.store.db")``, a
``"clarity.store.x:Name"`` table entry). The checker is tested on planted sources first,
so the rule cannot hold by finding nothing.

Nor may a module of the UI take the store from the session (``session.store``) to query
it itself: it asks the session.

The store also loads after the title's first frame: the modules the title needs are
imported in a fresh interpreter, and neither the store nor :mod:`clarity.progress` may
come with them.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import clarity.ui

UI = Path(clarity.ui.__file__).parent
SRC = UI.parent.parent
GATEWAY = UI / "services.py"  # the one module of the UI that may reach the store
FORBIDDEN = "clarity.store"
#: A module's name as a string: "clarity.store", "clarity.store.db", "clarity.store.x:Name".
NAMED_IN_TEXT = re.compile(r"clarity\.store(?:[.:][\w.:]*)?")


def _is_forbidden(module: str) -> bool:
    return module == FORBIDDEN or module.startswith(f"{FORBIDDEN}.")


def _absolute(module_name: str, is_package: bool, level: int, target: str | None) -> str:
    """The module a relative import in ``module_name`` names (``from ..store import x``)."""
    parts = module_name.split(".")
    package = parts if is_package else parts[:-1]
    base = package[: len(package) - (level - 1)] if level > 1 else package
    return ".".join([*base, *([target] if target else [])])


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the string nodes that are docstrings (which may name the store freely)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def store_imports(source: str, module_name: str, *, is_package: bool = False) -> list[str]:
    """Each import of the store in ``source`` (the module ``module_name``), as
    ``"line: what"``, in the order they appear."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if _is_forbidden(a.name)]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = _absolute(module_name, is_package, node.level, node.module)
            if _is_forbidden(base):
                found.append((node.lineno, base))
            else:
                named = (f"{base}.{a.name}" for a in node.names)
                found += [(node.lineno, n) for n in named if _is_forbidden(n)]
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and NAMED_IN_TEXT.fullmatch(node.value.strip())
        ):
            found.append((node.lineno, repr(node.value)))
    return [f"{line}: {what}" for line, what in sorted(found)]


def _ui_modules() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# -- the checker, on sources planted for it ------------------------------------------------

PLANTED = {
    "import": "import clarity.store",
    "import of a submodule, renamed": "import clarity.store.names as names",
    "from the package": "from clarity.store import Player",
    "from a submodule": "from clarity.store.ownership import HeldElsewhere",
    "the package from its parent": "from clarity import store",
    "among others, renamed": "from clarity import settings, store as saved",
    "inside a function": "def load():\n    from clarity.store import Store\n    return Store",
    "for type checking only": (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from clarity.store import Player"
    ),
    "relative, from the package": "from ...store import Player",
    "relative, the package itself": "from ... import store",
    "importlib": 'import importlib\nimportlib.import_module("clarity.store.db")',
    "__import__": '__import__("clarity.store")',
    "a table of modules by name": 'SCREENS = {"saved": "clarity.store.db:open_store"}',
}


@pytest.mark.parametrize("source", PLANTED.values(), ids=PLANTED.keys())
def test_the_checker_finds_a_planted_import_of_the_store(source: str) -> None:
    assert len(store_imports(source, "clarity.ui.scenes.planted")) == 1


def test_the_checker_says_on_which_line_the_import_is() -> None:
    source = '"""A screen."""\n\nimport pygame\n\n\ndef f():\n    from clarity import store\n'
    assert store_imports(source, "clarity.ui.scenes.planted") == ["7: clarity.store"]


NOT_THE_STORE = {
    "the services": "from clarity.ui.services import Player, SaveFailed",
    "the progress module": "from clarity.progress import CabinetEntry",
    "a name that only begins alike": "import clarity.storehouse\nfrom clarity import stored",
    "the settings": "from clarity import settings",
    "a sibling, relatively": "from . import dialog\nfrom .. import services",
    "a docstring that names it": '"""Asks :mod:`clarity.store` through the services."""',
    "a sentence that names it": 'MESSAGE = "the store (clarity.store) could not open"',
}


@pytest.mark.parametrize("source", NOT_THE_STORE.values(), ids=NOT_THE_STORE.keys())
def test_the_checker_leaves_other_imports_alone(source: str) -> None:
    assert store_imports(source, "clarity.ui.scenes.planted") == []


def test_relative_imports_resolve_from_a_package_and_from_a_module() -> None:
    assert store_imports("from .. import store", "clarity.ui", is_package=True) == [
        "1: clarity.store"
    ]
    assert store_imports("from .. import store", "clarity.ui.app") == ["1: clarity.store"]
    assert store_imports("from ..store import db", "clarity.ui.app") == ["1: clarity.store"]
    assert store_imports("from . import store", "clarity.ui.app") == []  # clarity.ui.store
    assert store_imports("from . import store", "clarity.ui", is_package=True) == []


# -- the UI as it is ----------------------------------------------------------------------


def test_the_ui_modules_are_all_read() -> None:
    names = {_module_name(p) for p in _ui_modules()}
    assert {"clarity.ui", "clarity.ui.services", "clarity.ui.scenes.players"} <= names
    assert {"clarity.ui.scenes.highscores", "clarity.ui.play"} & names
    assert len(names) > 40


def test_the_services_module_is_where_the_store_may_be_reached() -> None:
    assert GATEWAY.is_file()


@pytest.mark.parametrize(
    "path",
    [p for p in _ui_modules() if p != GATEWAY],
    ids=lambda p: str(p.relative_to(UI)),
)
def test_no_ui_module_but_the_services_imports_the_store(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    found = store_imports(source, _module_name(path), is_package=path.name == "__init__.py")
    assert found == [], f"{path.relative_to(SRC)} imports the store: {found}"


def sessions_store(source: str) -> list[str]:
    """Each place ``source`` takes the store from the session (``session.store``,
    ``app.services.session.store``) to query it itself, as ``"line: what"``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "store":
            owner = node.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if name in ("session", "_session"):
                found.append((node.lineno, ast.unparse(node)))
    return [f"{line}: {what}" for line, what in sorted(found)]


def test_the_session_store_finder_sees_every_way_to_the_session() -> None:
    source = (
        "def f(app, session):\n"
        "    a = app.services.session.store\n"
        "    b = session.store.history(1)\n"
        "    c = self._session.store\n"
        "    d = app.services.settings.store\n"  # the settings file, not saved progress
    )
    assert sessions_store(source) == [
        "2: app.services.session.store",
        "3: session.store",
        "4: self._session.store",
    ]


@pytest.mark.parametrize(
    "path",
    [p for p in _ui_modules() if p != GATEWAY],
    ids=lambda p: str(p.relative_to(UI)),
)
def test_no_ui_module_but_the_services_takes_the_store_from_the_session(path: Path) -> None:
    found = sessions_store(path.read_text(encoding="utf-8"))
    assert found == [], f"{path.relative_to(SRC)} queries the store itself: {found}"


# -- the first frame ------------------------------------------------------------------------

#: The modules the title's first frame needs, with the services it shares.
BEFORE_THE_FIRST_FRAME = (
    "clarity.ui.app",
    "clarity.ui.services",
    "clarity.ui.journey",
    "clarity.ui.scenes.title",
)
PROBE = (
    "import importlib, json, sys\n"
    "for name in sys.argv[1:]:\n"
    "    importlib.import_module(name)\n"
    "print(json.dumps(sorted(m for m in sys.modules\n"
    "    if m in ('clarity.progress', 'clarity.store') or m.startswith('clarity.store.'))))\n"
)


def test_the_modules_of_the_first_frame_leave_the_store_unloaded() -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *BEFORE_THE_FIRST_FRAME],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_a_saved_value_comes_from_the_services_when_asked_for() -> None:
    import clarity.progress
    from clarity.ui import services

    assert services.Player is clarity.progress.Player
    assert services.MAX_NAME_LENGTH == clarity.progress.MAX_NAME_LENGTH
    with pytest.raises(AttributeError, match="no attribute 'Store'"):
        _ = services.Store  # the store itself stays behind the session
