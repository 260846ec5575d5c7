"""What the screens draw, as text, for the translation tests.

Every line of text the game draws goes through ``ChainFont.render_line``
(``clarity.ui.text_draw``); :func:`recording_drawn_text` records each line drawn while it
is in force, so a test can play a screen in the pseudo-language and find the words that
did not go through gettext: :func:`untranslated_words` (from ``language_checks``).

Every text wrapped in a box is broken into lines by ``break_paragraph``
(``clarity.ui.text_runs``), whether it is drawn or only measured;
:func:`recording_wrapped_lines` records each paragraph and its lines, so that
:func:`words_broken_inside` finds a word of the interface drawn broken in two ("Адгада /
ць") where a smaller size or a wider box should have kept it whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from clarity.i18n.pseudo import CLOSING, OPENING
from clarity.settings import Settings
from clarity.ui import text_draw, text_runs, textfit
from clarity.ui.services import GameSettings
from clarity.ui.text_draw import ChainFont
from clarity.ui.text_runs import break_pieces
from language_checks import LETTERS, untranslated_words

# untranslated_words is language_checks': the screens' tests take it from here with the rest
__all__ = [
    "Wrapped",
    "cut_off_messages",
    "game_settings",
    "recording_drawn_text",
    "recording_wrapped_lines",
    "untranslated_words",
    "words_broken_inside",
]


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


@dataclass(frozen=True)
class Wrapped:
    """A paragraph and the lines ``break_paragraph`` broke it into (at one size and width)."""

    paragraph: str
    lines: tuple[str, ...]

    def breaks_inside_words(self) -> list[tuple[str, str, str]]:
        """Each break that falls inside a word, as (the line before it, the line after it,
        the word): a break is a word's own only after white space, a soft hyphen, or
        between Chinese or Japanese characters (where ``break_pieces`` cuts)."""
        pieces: dict[int, str] = {}  # each piece by where it ends
        end = 0
        for piece in break_pieces(self.paragraph):
            end += len(piece)
            pieces[end] = piece
        found = []
        start = 0
        for line, after in zip(self.lines, self.lines[1:], strict=False):
            # the line as it stands in the paragraph (a soft hyphen at its end is drawn "-")
            start = self.paragraph.find(line[:-1], start) if line else start
            end = start + len(line)
            while end < len(self.paragraph) and self.paragraph[end].isspace():
                end += 1
            if end not in pieces:
                word = pieces[min(edge for edge in pieces if edge > end)].strip()
                found.append((line, after, word))
            start = end
        return found


@contextmanager
def recording_wrapped_lines(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[Wrapped]]:
    """Every paragraph broken into more than one line while in force (measured or drawn),
    with its lines: each once, however often it was broken so."""
    wrapped: set[Wrapped] = set()
    break_paragraph = text_runs.break_paragraph

    def recorded(paragraph: str, width: int, measure: Callable[[str], int]) -> list[str]:
        lines = break_paragraph(paragraph, width, measure)
        if len(lines) > 1:
            wrapped.add(Wrapped(paragraph, tuple(lines)))
        return lines

    # each module that breaks lines calls it by the name it imported
    for module in (text_runs, text_draw, textfit):
        monkeypatch.setattr(module, "break_paragraph", recorded)
    yield wrapped


def words_broken_inside(
    wrapped: Iterable[Wrapped], drawn: Iterable[str], allowed: Iterable[str] = ()
) -> set[str]:
    """The words broken inside by a line break (as ``"Адгада|ць"``) in a line that was drawn
    (``drawn``: :func:`recording_drawn_text`; a text only measured at a size it is not drawn
    at does not count). A word made only of words of ``allowed`` (a pack's texts: its long
    words and addresses may break when nothing else fits) is not counted."""
    known = {word.casefold() for text in allowed for word in LETTERS.findall(text)}
    shown = set(drawn)
    found = set()
    for wrap in wrapped:
        for line, after, word in wrap.breaks_inside_words():
            # the head is drawn as a line and so is the tail: a line drawn alike by another
            # text (a player's initial "A") is no proof
            if line not in shown or after not in shown:
                continue
            words = LETTERS.findall(word)
            if not words or any(part.casefold() not in known for part in words):
                head = line.rsplit(None, 1)[-1] if line.strip() else line
                tail = after.split(None, 1)[0] if after.strip() else after
                found.add(f"{head}|{tail}")
    return found
