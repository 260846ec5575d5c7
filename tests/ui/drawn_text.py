"""What the screens draw, as text, for the translation tests.

Every line of text the game draws goes through ``ChainFont.render_line``
(``clarity.ui.text_draw``); :func:`recording_drawn_text` records each line drawn while it
is in force, so a test can play a screen in the pseudo-language and find the words that
did not go through gettext: :func:`untranslated_words`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pytest

from clarity.i18n.pseudo import CLOSING, OPENING
from clarity.settings import Settings
from clarity.ui.services import GameSettings
from clarity.ui.text_draw import ChainFont

# A pseudo-translated word has every one of these letters accented (clarity.i18n.pseudo):
# an English word keeps at least one of them plain.
_PLAIN_WORD = re.compile(r"[A-Za-z]*[AaCcEeIiNnOoUuYyDdGgLlRrSsZz][A-Za-z]*")
_WORD = re.compile(r"\w+")


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


def untranslated_words(drawn: Iterable[str], allowed: Iterable[str] = ()) -> set[str]:
    """The English words in ``drawn`` (pseudo-language lines) that are not pseudo-translated:
    words of two letters or more with a plain letter the pseudo-language accents. Words of
    ``allowed`` (the pack's texts, player names, file names shown as they are) are not
    counted."""
    known = {word.casefold() for text in allowed for word in _WORD.findall(text)}
    found = set()
    for line in drawn:
        for word in _PLAIN_WORD.findall(line):
            if len(word) >= 2 and word.casefold() not in known:
                found.add(word)
    return found


# A pseudo-translated message opens with "[" before its first character ("[Plåý·]");
# "choices[2]" (a field name) does not count.
_OPENED = re.compile(re.escape(OPENING) + r"(?=[^\d" + re.escape(CLOSING) + r"])")


def cut_off_messages(drawn: Iterable[str]) -> list[str]:
    """The pseudo-translated messages in ``drawn`` whose end was never drawn: cut short
    (an ellipsis in place of the rest) or clipped to fewer lines. A wrapped message's lines
    are drawn one after another, so its closing bracket comes before the next message
    opens."""
    cut = []
    open_text: str | None = None
    for line in drawn:
        for piece in _OPENED.split(line)[1:] if _OPENED.search(line) else [None]:
            if piece is None:  # a line inside a wrapped message, or no message at all
                if open_text is not None:
                    if CLOSING in line:
                        open_text = None
                    else:
                        open_text += " " + line
                continue
            if open_text is not None:
                cut.append(open_text)
            open_text = None if CLOSING in piece else OPENING + piece
    if open_text is not None:
        cut.append(open_text)
    return cut
