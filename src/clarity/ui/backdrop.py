"""The background of the menu screens: a soft glow over the theme's night blue.

Rendered once per window size and palette and then only blitted, so a menu frame costs
one copy.
"""

from __future__ import annotations

import pygame

from clarity.ui.theme import Colour, Palette


class Backdrop:
    """A vertical glow from the top of the window, cached for the current size and palette."""

    def __init__(self) -> None:
        self._surface: pygame.Surface | None = None
        self._key: tuple[tuple[int, int], Colour, Colour] | None = None

    def draw(self, surface: pygame.Surface, palette: Palette) -> None:
        """Fill ``surface`` with the glow from ``palette.background_glow`` at the top to
        ``palette.background``."""
        key = (surface.get_size(), palette.background_glow, palette.background)
        if self._surface is None or self._key != key:
            self._surface = _render(*key)
            self._key = key
        surface.blit(self._surface, (0, 0))


def _render(size: tuple[int, int], top: Colour, bottom: Colour) -> pygame.Surface:
    # A tiny gradient scaled up smoothly: a few pixels to fill, one scale per resize.
    steps = 16
    strip = pygame.Surface((1, steps))
    for i in range(steps):
        share = min(1.0, i / (steps * 0.7))
        strip.set_at(
            (0, i), tuple(round(t + (b - t) * share) for t, b in zip(top, bottom, strict=True))
        )
    return pygame.transform.smoothscale(strip, size).convert()
