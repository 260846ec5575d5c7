"""The pack as one web page that plays the game offline (``clarity export --format html``).

:func:`build_web_game` is in :mod:`clarity.formats.web.build`; the page's template, style and
script are ``game.html``, ``game.css`` and ``game.js`` beside it, and its rules are
``scoring.js`` and ``matching.js`` with ``matching_tables.py``'s data. Importing the package
does no work.
"""

from __future__ import annotations

from clarity.formats.web.build import build_web_game

__all__ = ["build_web_game"]
