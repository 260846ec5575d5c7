"""Make sure the pygame that is installed is pygame-ce, before a window opens.

The upstream ``pygame`` and ``pygame-ce`` share the import name; with the wrong one the
game would fail later in confusing ways, so commands that open a window ask first.

The check runs after the command line has its translator (only pygame is not there yet),
so its line is a :class:`~clarity.core.messages.Message` the command line renders in the
interface's language; the package names and the pip commands are values, never translated.
"""

from __future__ import annotations

import importlib

from clarity.core.messages import Message, message

_INSTALL = "pip install pygame-ce"
_REPLACE = "pip uninstall pygame; pip install pygame-ce"


def ensure_pygame_ce() -> Message | None:
    """``None`` when pygame-ce is importable; otherwise one line saying what to do
    (``str()`` of it is the English line)."""
    try:
        pygame = importlib.import_module("pygame")
    except ImportError:
        # Translators: {package} is the package's name and {command} what to type, as they are
        return message(
            "{package} is not installed; Clarity needs it ({command})",
            package="pygame-ce",
            command=_INSTALL,
        )
    if not getattr(pygame, "IS_CE", False):
        # Translators: {upstream} and {package} are packages' names, {command} what to type
        return message(
            "the upstream '{upstream}' package is installed; Clarity needs '{package}' ({command})",
            upstream="pygame",
            package="pygame-ce",
            command=_REPLACE,
        )
    return None
