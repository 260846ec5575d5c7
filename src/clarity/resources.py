"""Where the bundled question packs and pictures are.

An installed wheel carries them inside the package (``clarity/_bundled/``, see the
force-include in pyproject.toml); a source or editable checkout has them at the top of
the repository. Nothing is looked up until a function is called.
"""

from __future__ import annotations

from pathlib import Path

#: The bundled Union State pack: the one a teacher expects first in the pack choice, and
#: the one the demo plays.
DEFAULT_PACK_ID = "union-state"


def _bundled_root() -> Path:
    package_dir = Path(__file__).resolve().parent
    inside_wheel = package_dir / "_bundled"
    if inside_wheel.is_dir():
        return inside_wheel
    return Path(__file__).resolve().parents[2]  # src/clarity/resources.py -> repository top


def bundled_questions_dir() -> Path:
    """The folder of question packs that ship with the game."""
    return _bundled_root() / "questions"


def bundled_assets_dir() -> Path:
    """The folder of pictures (and other assets) that ship with the game."""
    return _bundled_root() / "assets"
