"""Every screen of the game in each interface language: the whole tour (tests/ui/tour.py)
played with real keys in the pseudo-language, Russian and Belarusian.

The pseudo-language (every message 40 % longer, accented and bracketed) shows a text that
does not go through gettext (plain English left on the screen) and a box too small for a
longer language (a message whose closing bracket never gets drawn, a word of the interface
broken in two, or boxes that overlap or leave the window). Russian and Belarusian must lay
out the same, with their own words.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from clarity.i18n.translator import catalog_path
from clarity.ui.app import minimum_size
from clarity.ui.theme import Look

from .conftest import Pilot
from .drawn_text import (
    Wrapped,
    cut_off_messages,
    game_settings,
    recording_drawn_text,
    recording_wrapped_lines,
    untranslated_words,
    words_broken_inside,
)
from .saving import MakeApp, app_factory, boxes_laid_out
from .tour import every_screen, write_tour_packs

# What a screen shows as it is written, in no interface language: the players' names, the
# words the tour types, the game's name, a file's name, and the names printed on keys.
NOT_INTERFACE = (
    *("Ana", "Ben", "Cleo", "Minsk", "Lighthouse"),
    "Clarity Challenge",  # the game's name
    "broken.yaml",  # a pack's file name on the packs screen
    *("Esc", "Enter", "Tab", "Ctrl", "Shift", "Del", "F11", "Backspace", "Home", "End"),
    *("PgUp", "PgDn"),
    "CLARITY_LANG=qps-ploc",  # the Settings screen says what set the language for this run
)
CYRILLIC = re.compile(r"[А-Яа-яЁёІіЎў]{3,}")


@pytest.fixture
def tour(tmp_path: Path) -> Iterator[tuple[MakeApp, list[str]]]:
    folder = tmp_path / "packs"
    write_tour_packs(folder)
    pack_texts = [path.read_text(encoding="utf-8") for path in folder.glob("*.yaml")]
    yield from ((make, pack_texts) for make in app_factory(folder, tmp_path / "data"))


def _tour(
    make: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
    text_size: int = 100,
) -> tuple[dict[str, list[str]], set[Wrapped]]:
    """Every stop of the tour laid out in ``size`` (asserted), with the lines drawn there,
    and every text broken into lines on the way."""
    app = make(player="Ana", size=size, settings=game_settings(language))
    app.apply_look(Look.from_choices(text_size=text_size))
    pilot = Pilot(app)
    seen: dict[str, list[str]] = {}
    with (
        recording_drawn_text(monkeypatch) as drawn,
        recording_wrapped_lines(monkeypatch) as wrapped,
    ):
        for stop in every_screen(pilot):
            try:
                boxes_laid_out(pilot.top.layout_boxes(), size)  # type: ignore[attr-defined]
            except AssertionError as problem:
                raise AssertionError(f"{language} {size} {text_size}%, {stop}: {problem}") from None
            seen[stop] = list(drawn)
            drawn.clear()
    assert len(seen) >= 20
    return seen, wrapped


def _broken_words(
    seen: dict[str, list[str]], wrapped: set[Wrapped], allowed: list[str]
) -> dict[str, list[str]]:
    """The interface's words drawn broken in two at each stop: a label or message too wide
    for its box must take a smaller size or a wider box (a pack's own long word may break)."""
    return {
        stop: sorted(found)
        for stop, lines in seen.items()
        if (found := words_broken_inside(wrapped, lines, allowed))
    }


@pytest.mark.parametrize(
    ("size", "text_size"),
    [((1024, 640), 100), ((1920, 1080), 100), (minimum_size(2.0), 200)],
    ids=["1024x640", "1920x1080", "200%"],
)
def test_in_the_pseudo_language_every_word_is_translated_and_nothing_is_cut_off(
    tour: tuple[MakeApp, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    text_size: int,
) -> None:
    make, pack_texts = tour
    seen, wrapped = _tour(make, monkeypatch, "qps-ploc", size, text_size)
    allowed = [*pack_texts, *NOT_INTERFACE]
    assert _broken_words(seen, wrapped, allowed) == {}
    untranslated = {
        stop: sorted(words)
        for stop, lines in seen.items()
        if (words := untranslated_words(lines, allowed))
    }
    assert untranslated == {}
    cut = {stop: found for stop, lines in seen.items() if (found := cut_off_messages(lines))}
    assert cut == {}


@pytest.mark.parametrize("language", ["ru", "be"])
@pytest.mark.parametrize(
    ("size", "text_size"),
    [((1024, 640), 100), ((1920, 1080), 100), (minimum_size(2.0), 200)],
    ids=["1024x640", "1920x1080", "200%"],
)
def test_in_russian_and_belarusian_every_screen_speaks_the_language_and_lays_out(
    tour: tuple[MakeApp, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
    text_size: int,
) -> None:
    make, pack_texts = tour
    seen, wrapped = _tour(make, monkeypatch, language, size, text_size)
    assert _broken_words(seen, wrapped, [*pack_texts, *NOT_INTERFACE]) == {}
    english = {
        stop: sorted(words)
        for stop, lines in seen.items()
        if (words := untranslated_words(lines, [*pack_texts, *NOT_INTERFACE]))
    }
    assert english == {}
    speaking = [stop for stop, lines in seen.items() if any(map(CYRILLIC.search, lines))]
    assert len(speaking) >= len(seen) - 4  # a stop that redraws only a pack's words is silent
    # the tour's packs are English: a line with Cyrillic cut with "…" is the interface's
    whole = _messages_ending_in_ellipsis(language)  # "Введите ответ…" is a whole message
    cut = {
        stop: found
        for stop, lines in seen.items()
        if (
            found := [
                line
                for line in lines
                if CYRILLIC.search(line) and line.rstrip().endswith("…") and line not in whole
            ]
        )
    }
    assert cut == {}


def _messages_ending_in_ellipsis(language: str) -> set[str]:
    """The messages whose translation in ``language`` itself ends in "…" (a field's
    placeholder), as the shipped catalog has them."""
    with catalog_path(language).open("rb") as file:
        catalog = gettext.GNUTranslations(file)
    texts = catalog._catalog.values()  # type: ignore[attr-defined]
    return {text for text in texts if isinstance(text, str) and text.endswith("…")}
