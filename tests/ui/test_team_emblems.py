"""The class game's team emblems: six, told apart by shape as well as colour, and readable
on every surface they are drawn on in both themes (WCAG 2.2 1.4.1, 1.4.3, 1.4.6)."""

from __future__ import annotations

import pygame
import pytest

from clarity.ui.emblems import draw_emblem
from clarity.ui.theme import (
    ANSWER_COLOURS,
    ENHANCED_TEXT_CONTRAST,
    TEAM_GROUNDS,
    TEAM_STYLES,
    TEXT_CONTRAST,
    THEMES,
    Look,
    contrast_ratio,
)

LOOKS = [
    Look.from_choices(theme=theme, answer_colours=colours)
    for theme in THEMES
    for colours in ANSWER_COLOURS
]


def test_every_theme_has_six_emblems_with_six_shapes_and_six_colours() -> None:
    assert set(TEAM_STYLES) == set(THEMES)
    for styles in TEAM_STYLES.values():
        assert len(styles) == 6
        assert len({s.shape for s in styles}) == 6  # told apart without colour
        assert len({s.colour for s in styles}) == 6
        assert len({s.name for s in styles}) == 6
    shapes = [[s.shape for s in styles] for styles in TEAM_STYLES.values()]
    assert shapes[0] == shapes[1]  # a team keeps its shape when the theme changes


@pytest.mark.parametrize("look", LOOKS, ids=lambda look: look.palette.name)
def test_a_team_colour_reads_as_text_on_every_surface_it_stands_on(look: Look) -> None:
    minimum = ENHANCED_TEXT_CONTRAST if look.palette.name == "high-contrast" else TEXT_CONTRAST
    for emblem in range(6):
        style = look.team(emblem)
        for ground in TEAM_GROUNDS:
            ratio = contrast_ratio(style.colour, look.palette.colour(ground))
            assert ratio >= minimum, (emblem, ground, ratio)
        assert contrast_ratio(style.colour, look.raised) >= minimum
        assert contrast_ratio(style.ink, style.colour) >= minimum


@pytest.mark.parametrize("look", LOOKS, ids=lambda look: look.palette.name)
def test_the_looks_pairs_declare_every_team(look: Look) -> None:
    """The contrast tests of test_contrast.py check every declared pair; teams are among them."""
    described = {p.what: p for p in look.colour_pairs()}
    for emblem in range(6):
        assert f"team {emblem} on background_glow" in described
        assert f"team {emblem} ink on its fill" in described
        assert described[f"team {emblem} on panel"].passes


def test_an_emblem_outside_zero_to_five_is_refused() -> None:
    with pytest.raises(IndexError, match="no team emblem 6"):
        Look().team(6)


def test_an_emblem_is_drawn_in_its_shape_and_colour() -> None:
    look = Look()
    shapes = set()
    for emblem in range(6):
        surface = pygame.Surface((60, 60))
        surface.fill(look.palette.background)
        box = draw_emblem(surface, look, emblem, (30, 30), 25)
        colour = look.team(emblem).colour
        mask = pygame.mask.from_threshold(surface, colour, (1, 1, 1, 255))
        assert mask.count() > 300, emblem  # filled, not a hairline
        assert box.contains(mask.get_bounding_rects()[0])
        shapes.add(mask.count())
        on_fill = pygame.Surface((60, 60))
        on_fill.fill(colour)
        draw_emblem(on_fill, look, emblem, (30, 30), 25, on_fill=True)
        ink = pygame.mask.from_threshold(on_fill, look.team(emblem).ink, (1, 1, 1, 255))
        assert ink.count() > 300
    assert len(shapes) == 6  # six outlines of six areas
