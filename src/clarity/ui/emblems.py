"""A class game team's emblem drawn: its shape in its colour (``Look.team``).

The shapes are the answer buttons' (``clarity.ui.widgets.draw_shape``), so a team's mark is
drawn the same way wherever it appears: the setup screen, the scoreboard, the results.
"""

from __future__ import annotations

import pygame

from clarity.ui.theme import Look
from clarity.ui.widgets import draw_shape


def draw_emblem(
    surface: pygame.Surface,
    look: Look,
    emblem: int,
    center: tuple[float, float],
    radius: float,
    *,
    on_fill: bool = False,
) -> pygame.Rect:
    """Draw team emblem ``emblem`` (0-5) centred at ``center`` (pixels), ``radius`` pixels
    from its centre to its points.

    On the game's surfaces the shape is filled with the team's colour; ``on_fill`` draws it
    in the team's ink instead, for a mark on a fill of the team's colour (its chip, the
    team whose turn it is). Returns the square the emblem may cover. IndexError for an
    emblem that is not 0-5.
    """
    style = look.team(emblem)
    draw_shape(surface, style.shape, center, radius, style.ink if on_fill else style.colour)
    size = round(2 * radius) + 2  # a polygon's edge pixels may fall just outside its radius
    box = pygame.Rect(0, 0, size, size)
    box.center = (round(center[0]), round(center[1]))
    return box
