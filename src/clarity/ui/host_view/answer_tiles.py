"""The question's answers on the projector: a tile each, in its colour, with its shape and
its letter (the same three as on the students' buttons, so "the red triangle, A" is one
answer in the room), the pack's text beside them.

Colour is never the only cue (WCAG 2.2 1.4.1): the shape and the letter say it too. The
colours are the devices' own (:data:`clarity.classroom.views.CHOICE_LOOKS`), picked by the
letter, so the projector and the phones agree; the label's ink is white or the theme's
dark ink, whichever reads better on the colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from clarity.classroom.views import CHOICE_LOOKS
from clarity.ui.assets import Assets
from clarity.ui.host_view.texts import Texts
from clarity.ui.theme import AnswerStyle, Colour, Look, Metrics, contrast_ratio
from clarity.ui.widgets import draw_shape

WHITE: Colour = (255, 255, 255)
#: A tile's most height, in the theme's units (``Metrics.px``): room for a long answer
#: on two or three lines at a size read from the back of the room.
TILE_MOST_H = 18


def style_of(look: Look, letter: str) -> AnswerStyle:
    """The answer style of ``letter`` (A to F; another letter takes A's) as the devices
    show it: its colour and shape from ``CHOICE_LOOKS``, its ink white or ``look``'s dark
    ink, whichever has the higher contrast on the colour."""
    choice = next((c for c in CHOICE_LOOKS if c.letter == letter), CHOICE_LOOKS[0])
    dark = look.palette.text_dark
    ink = max((WHITE, dark), key=lambda c: contrast_ratio(c, choice.rgb))
    return AnswerStyle(choice.letter, choice.rgb, choice.shape, ink)  # type: ignore[arg-type]


def truth_style(look: Look, truth: bool) -> AnswerStyle:
    """True's or False's style as the devices show them (true the blue diamond, false the
    red triangle), without a letter: the devices show none."""
    style = style_of(look, "B" if truth else "A")
    return AnswerStyle("", style.colour, style.shape, style.ink)


def draw_mark(
    surface: pygame.Surface,
    assets: Assets,
    style: AnswerStyle,
    centre: tuple[float, float],
    radius: float,
    *,
    ink: Colour | None = None,
    fill: Colour | None = None,
) -> None:
    """An answer's shape (in ``ink``, by default the style's) with its letter on it (in
    ``fill``, by default the style's colour), ``radius`` pixels from ``centre``."""
    draw_shape(surface, style.shape, centre, radius, ink or style.ink)
    if not style.letter:
        return
    size = max(10, round(radius * (0.8 if style.shape in ("triangle", "star") else 1.0)))
    letter = assets.text(style.letter, size, fill or style.colour, bold=True)
    # a triangle's and a star's middle sits low: the letter goes where the shape is widest
    lift = radius * 0.18 if style.shape == "triangle" else 0
    surface.blit(letter, letter.get_rect(center=(round(centre[0]), round(centre[1] + lift))))


def grid_of(count: int) -> tuple[int, int]:
    """(columns, rows) of ``count`` tiles: two columns, as many rows as they need."""
    columns = 1 if count <= 1 else 2
    return columns, max(1, math.ceil(count / columns))


class AnswerTiles:
    """The tiles of one question's answers: ``(letter, text)`` each, laid into a rectangle."""

    def __init__(self) -> None:
        self.tiles: list[tuple[AnswerStyle, pygame.Rect]] = []

    def layout(
        self,
        texts: Texts,
        metrics: Metrics,
        area: pygame.Rect,
        answers: Sequence[tuple[AnswerStyle, str]],
        sizes: tuple[int, int],
    ) -> None:
        """Tiles for ``answers`` (each its style and the pack's text) in ``area``; their
        texts go into ``texts`` as ``answer_1``... at one size for all (from ``sizes[0]``
        down to ``sizes[1]``)."""
        self.tiles = []
        if not answers:
            return
        gap = metrics.gap
        columns, rows = grid_of(len(answers))
        tile_w = (area.width - (columns - 1) * gap) // columns
        tile_h = min((area.height - (rows - 1) * gap) // rows, metrics.px(TILE_MOST_H))
        mark = min(tile_h * 0.32, metrics.px(3.2))
        pad = metrics.px(1.0)
        room = (max(1, tile_w - 2 * pad - round(2 * mark) - pad), max(1, tile_h - 2 * pad))
        size = texts.assets.fitter.size_for([t for _l, t in answers], *sizes, room, bold=True)
        for index, (style, text) in enumerate(answers):
            column, row = index % columns, index // columns
            rect = pygame.Rect(
                area.x + column * (tile_w + gap), area.y + row * (tile_h + gap), tile_w, tile_h
            )
            self.tiles.append((style, rect))
            box = pygame.Rect(rect.x + pad + round(2 * mark) + pad, rect.y + pad, *room)
            texts.place(
                f"answer_{index + 1}", text, (size, size), style.ink, box, middle=True, or_line=True
            )

    @property
    def height(self) -> int:
        if not self.tiles:
            return 0
        return max(r.bottom for _s, r in self.tiles) - min(r.top for _s, r in self.tiles)

    def draw(self, surface: pygame.Surface, assets: Assets, metrics: Metrics) -> None:
        for style, rect in self.tiles:
            pygame.draw.rect(surface, style.colour, rect, border_radius=metrics.radius)
            mark = min(rect.height * 0.32, metrics.px(3.2))
            centre = (rect.x + metrics.px(1.0) + mark, rect.centery)
            draw_mark(surface, assets, style, centre, mark)
