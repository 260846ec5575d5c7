"""What the screens draw, as text, for the translation tests.

Every line of text the game draws goes through ``ChainFont.render_line``
(``clarity.ui.text_draw``); :func:`recording_drawn_text` records each line drawn while it
is in force, so a test can play a screen in the pseudo-language and find the words that
did not go through gettext: :func:`untranslated_words` (from ``language_checks``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pytest

from clarity.i18n.pseudo import CLOSING, OPENING
from clarity.settings import Settings
from clarity.ui.services import GameSettings
from clarity.ui.text_draw import ChainFont
from language_checks import untranslated_words

# untranslated_words is language_checks': the screens' tests take it from here with the rest
__all__ = ["cut_off_messages", "game_settings", "recording_drawn_text", "untranslated_words"]


def game_settings(language: str, **display: object) -> GameSettings:
    """Settings for a test App in ``language`` (a tag, or ``qps-ploc`` through
    ``CLARITY_LANG``, since the setting offers only real languages)."""
    if language in ("en", "ru", "be"):
        saved = Settings().with_values({"language": language, **display})
        return GameSettings(saved=saved, seed=1)
    saved = Settings().with_values(dict(display)) if display else Settings()
    return GameSettings(saved=saved, seed=1, environ={"CLARITY_LANG": language})


@contextmanager
def recording_drawn_text(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every line drawn while in force, in order (repeats included)."""
    drawn: list[str] = []
    render_line = ChainFont.render_line

    def recorded(self: ChainFont, line: str, *args: object, **kwargs: object) -> object:
        drawn.append(line)
        return render_line(self, line, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ChainFont, "render_line", recorded)
    yield drawn


_ACCENTED_LETTERS = frozenset("ÅåÇçÉéÏïÑñÖöÜüÝýĎďĞğĹĺŔŕŠšŽž·")


def cut_off_messages(drawn: Iterable[str]) -> list[str]:
    """The lines of pseudo-translated messages in ``drawn`` that were cut short: the game
    ends a text that does not fit its box, or the last line a box has room for, with an
    ellipsis (``clarity.ui.textfit``), and a message of the interface must always fit.
    (A pack's own long text may be shortened; it has no accented letters here.)"""
    return [
        line
        for line in drawn
        if line.rstrip().endswith("…")
        and (OPENING in line or CLOSING in line or _ACCENTED_LETTERS.intersection(line))
    ]
