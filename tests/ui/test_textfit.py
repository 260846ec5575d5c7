"""Fitting a text to its box keeps its words whole: a label or message too wide for its box
takes a smaller size (down to a fifth under the smallest its box asks for) before any word
is broken in two; only a word too wide even then (a web address) breaks."""

from __future__ import annotations

import pytest

from clarity.ui.app import App
from clarity.ui.textfit import smallest_size

from .drawn_text import Wrapped, recording_drawn_text, recording_wrapped_lines, words_broken_inside

BLACK = (0, 0, 0)
ADDRESS = "https://example.org/classroom/pictures/a_very_long_file_name.png"


def drawn_broken_words(
    app: App,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    sizes: tuple[int, int],
    box: tuple[int, int],
    *,
    allowed: tuple[str, ...] = (),
) -> set[str]:
    """The words ``Assets.fit_text`` draws broken in two (``"Адгада|ць"``)."""
    with (
        recording_drawn_text(monkeypatch) as drawn,
        recording_wrapped_lines(monkeypatch) as wrapped,
    ):
        app.services.assets.fit_text(text, *sizes, BLACK, box, bold=True)
    return words_broken_inside(wrapped, drawn, allowed)


def test_a_label_too_wide_at_its_least_size_is_drawn_smaller_rather_than_broken(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    fitter = app.services.assets.fitter
    word = "Адгадаць"
    box = (fitter.width(word, 36, bold=True) - 4, 200)  # a button at 200 %: small is 36
    size = fitter.size_for(word, 50, 36, box, bold=True)
    assert smallest_size(36) <= size < 36
    assert fitter.width(word, size, bold=True) <= box[0]
    assert drawn_broken_words(app, monkeypatch, word, (50, 36), box) == set()


def test_only_an_address_too_wide_at_every_size_breaks_and_the_words_around_it_stay_whole(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    fitter = app.services.assets.fitter
    text = f"Адкрыйце {ADDRESS} у браўзеры"
    box = (fitter.width("Адкрыйце", 30, bold=True), 2000)  # too narrow for it at 48
    size = fitter.size_for(text, 48, 24, box, bold=True)
    assert fitter.width("Адкрыйце", size, bold=True) <= box[0] < fitter.width(ADDRESS, 19)
    assert size >= 28  # as large as the words allow: not the smallest for the address's sake
    broken = drawn_broken_words(app, monkeypatch, text, (48, 24), box)
    assert broken  # the address itself breaks: at no size does it fit
    assert drawn_broken_words(app, monkeypatch, text, (48, 24), box, allowed=(ADDRESS,)) == set()


@pytest.mark.parametrize(
    ("wrap", "broken"),
    [
        (Wrapped("Адгадаць карцінку", ("Адгадаць", "карцінку")), []),
        (Wrapped("Адгадаць карцінку", ("Адгада", "ць", "карцінку")), ["Адгадаць"]),
        (Wrapped("Продолжайте: больше", ("Продолжайт", "е: больше")), ["Продолжайте:"]),
        (Wrapped("Genehmigungs\u00adverfahren", ("Genehmigungs-", "verfahren")), []),
        (Wrapped("東京の天気", ("東京", "の天気")), []),
        (Wrapped("a  b", ("a", "b")), []),
    ],
    ids=["at a space", "inside", "before a colon", "at a soft hyphen", "between kanji", "spaces"],
)
def test_a_break_inside_a_word_is_found_and_a_break_where_lines_may_break_is_not(
    wrap: Wrapped, broken: list[str]
) -> None:
    assert [word for _, _, word in wrap.breaks_inside_words()] == broken


def test_a_broken_word_counts_only_when_its_lines_were_drawn_and_not_a_pack_s_word() -> None:
    wrapped = [Wrapped("Адгадаць Lighthouse", ("Адгада", "ць", "Lighthou", "se"))]
    drawn = ["Адгада", "ць", "Lighthou", "se"]
    assert words_broken_inside(wrapped, drawn) == {"Адгада|ць", "Lighthou|se"}
    assert words_broken_inside(wrapped, drawn, ["a lighthouse"]) == {"Адгада|ць"}
    assert words_broken_inside(wrapped, ["Адгадаць", "Lighthou"]) == set()  # only measured so
