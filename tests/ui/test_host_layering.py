"""The projector talks to the class game's server only through the link's queues: a module
of :mod:`clarity.ui` may import ``clarity.classroom.link``, ``.views`` and ``.commands``,
nothing else of :mod:`clarity.classroom` (the host, the server, the protocol live in the
server's thread or process). And the title's first frame loads none of it (nor aiohttp or
segno): hosting costs only the teacher who hosts."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import clarity.ui

UI = Path(clarity.ui.__file__).parent
ALLOWED = {"clarity.classroom.link", "clarity.classroom.views", "clarity.classroom.commands"}


def classroom_imports(source: str) -> set[str]:
    """The modules of ``clarity.classroom`` that ``source`` imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            if node.module != "clarity.classroom":
                names = names[:1]
        else:
            continue
        found.update(n for n in names if n.startswith("clarity.classroom"))
    return found


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import clarity.classroom.host", {"clarity.classroom.host"}),
        ("def f():\n    from clarity.classroom.server import X", {"clarity.classroom.server"}),
        ("from clarity.classroom import protocol", {"clarity.classroom.protocol"}),
        ("from clarity.classroom.views import ProjectorView", {"clarity.classroom.views"}),
    ],
)
def test_the_checker_finds_every_way_to_import_the_classroom(source: str, found: set[str]) -> None:
    names = classroom_imports(source)
    assert found <= names
    assert all(name == "clarity.classroom" or name in found for name in names)


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: str(p.relative_to(UI)))
def test_the_ui_uses_only_the_link_the_views_and_the_commands(path: Path) -> None:
    used = classroom_imports(path.read_text(encoding="utf-8")) - {"clarity.classroom"}
    assert used <= ALLOWED, f"{path.relative_to(UI)} imports {sorted(used - ALLOWED)}"


def test_the_title_s_first_frame_loads_no_server() -> None:
    probe = (
        "import json, sys; import clarity.ui.scenes.title, clarity.ui.journey; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('aiohttp', 'segno') or m.startswith('clarity.classroom'))))"
    )
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
