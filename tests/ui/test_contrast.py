"""Contrast you can measure: every colour pair a look declares meets WCAG 2.2's ratio.

Text reaches 4.5:1 (1.4.3), 7:1 in the high-contrast theme (1.4.6); focus rings, button
edges, tiles and the time bar reach 3:1 (1.4.11). The ratios are computed with WCAG's
formula (:func:`clarity.ui.theme.contrast_ratio`), checked here against known values.
"""

from __future__ import annotations

import itertools

import pytest

from clarity.ui.theme import (
    ANSWER_COLOURS,
    ANSWER_SETS,
    COLOUR_BLIND_ANSWER_STYLES,
    ENHANCED_TEXT_CONTRAST,
    HIGH_CONTRAST,
    NON_TEXT_CONTRAST,
    STANDARD,
    TEXT_CONTRAST,
    TEXT_SIZES,
    THEMES,
    Look,
    contrast_ratio,
    relative_luminance,
)

LOOKS = {
    f"{theme}/{colours}": Look.from_choices(theme=theme, answer_colours=colours)
    for theme, colours in itertools.product(THEMES, ANSWER_COLOURS)
}


def test_the_wcag_formula_gives_the_published_ratios() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # #767676 on white is the lightest grey that passes 4.5:1 (4.54:1), #777777 is not
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) < TEXT_CONTRAST
    # the order does not matter; pure red on white is 4.0:1
    assert contrast_ratio((255, 255, 255), (255, 0, 0)) == pytest.approx(4.0, abs=0.01)
    assert contrast_ratio((255, 0, 0), (255, 255, 255)) == pytest.approx(4.0, abs=0.01)
    assert relative_luminance((0, 255, 0)) == pytest.approx(0.7152)


@pytest.mark.parametrize("name", LOOKS)
def test_every_declared_pair_meets_its_minimum(name: str) -> None:
    look = LOOKS[name]
    pairs = look.colour_pairs()
    failing = [
        f"{p.what}: {p.ratio:.2f} < {p.minimum} ({p.foreground} on {p.background})"
        for p in pairs
        if not p.passes
    ]
    assert not failing, "\n".join(failing)
    text = [p for p in pairs if p.kind == "text"]
    expected = ENHANCED_TEXT_CONTRAST if look.palette is HIGH_CONTRAST else TEXT_CONTRAST
    assert text
    assert all(p.minimum == expected for p in text)
    assert all(p.minimum == NON_TEXT_CONTRAST for p in pairs if p.kind == "non-text")


@pytest.mark.parametrize("name", LOOKS)
def test_the_pairs_cover_every_button_and_every_answer(name: str) -> None:
    look = LOOKS[name]
    described = {p.what for p in look.colour_pairs()}
    for tone in look.tone_names():
        assert f"{tone} label" in described
        assert f"{tone} hovered key badge" in described
        assert f"{tone} edge on panel" in described
    for i in range(6):
        assert f"answer-{i} dimmed label" in described
    assert {"text_muted on panel", "focus on background", "tile_mark on tile"} <= described


def test_a_look_is_made_from_the_settings_choices() -> None:
    look = Look.from_choices(
        theme="high-contrast", answer_colours="colour-blind-safe", text_size=150
    )
    assert look.palette is HIGH_CONTRAST
    assert look.answers is ANSWER_SETS[("high-contrast", "colour-blind-safe")]
    assert look.text_scale == 1.5
    assert not look.reduced_motion
    assert Look.from_choices(reduced_motion=True).reduced_motion
    assert Look.from_choices() == Look()
    assert Look().palette is STANDARD
    assert [Look.from_choices(text_size=s).text_scale for s in TEXT_SIZES] == [1, 1.25, 1.5, 2]


@pytest.mark.parametrize(
    ("choices", "named"),
    [
        ({"theme": "dark"}, "standard, high-contrast"),
        ({"answer_colours": "rainbow"}, "standard, colour-blind-safe"),
        ({"text_size": 175}, "100, 125, 150, 200"),
    ],
)
def test_a_choice_that_is_not_offered_is_refused_naming_the_choices(
    choices: dict[str, object], named: str
) -> None:
    with pytest.raises(ValueError, match=named):
        Look.from_choices(**choices)  # type: ignore[arg-type]


def test_every_answer_set_keeps_the_letters_and_shapes() -> None:
    """Colour is never the only cue (WCAG 1.4.1): the letters and shapes stay."""
    marks = [(s.letter, s.shape) for s in ANSWER_SETS[("standard", "standard")]]
    assert marks == [
        ("A", "triangle"),
        ("B", "diamond"),
        ("C", "circle"),
        ("D", "square"),
        ("E", "star"),
        ("F", "hexagon"),
    ]
    for styles in ANSWER_SETS.values():
        assert [(s.letter, s.shape) for s in styles] == marks
        assert len({s.colour for s in styles}) == 6


def test_the_colour_blind_set_is_okabe_and_itos_palette() -> None:
    okabe_ito = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7}
    used = {
        (r << 16) | (g << 8) | b for (r, g, b) in (s.colour for s in COLOUR_BLIND_ANSWER_STYLES)
    }
    assert used <= okabe_ito
    assert len(used) == 6


def test_text_sizes_scale_the_type_and_the_minimum_a_text_shrinks_to() -> None:
    plain = Look().metrics((1024, 768))
    large = Look.from_choices(text_size=200).metrics((1024, 768))
    for name in ("title_size", "heading_size", "body_size", "small_size"):
        assert getattr(large, name) == 2 * getattr(plain, name), name
    assert large.tiny_size >= 2 * 14 > plain.tiny_size
    assert (large.margin, large.gap, large.unit) == (plain.margin, plain.gap, plain.unit)
    assert abs(large.text_px(10) - 2 * plain.text_px(10)) <= 1
