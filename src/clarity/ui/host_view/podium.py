"""The podium at the end: the first three on steps (second, first, third from the left, as
podiums stand), each with a medal in its tier's colour and its place written on it, the
name above and the score on the step. Places come from the host (equal scores share one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame

from clarity.ui.assets import Assets
from clarity.ui.host_view.texts import Texts
from clarity.ui.theme import TIERS, Metrics
from clarity.ui.widgets import draw_panel

#: Left to right, which of the first three stands on each step.
STEP_ORDER = (1, 0, 2)
#: The steps' heights, of the tallest, for the first, second and third.
STEP_HEIGHTS = (1.0, 0.72, 0.52)


def tier_of(place: int) -> str:
    """The medal's tier of ``place`` (1 gold, 2 silver, 3 bronze)."""
    return TIERS[max(0, 3 - place)] if place <= 3 else TIERS[0]


class Podium:
    """Up to three ``(name, score, place)`` on their steps in a rectangle (the score as
    the language writes numbers: the points are what the steps are about)."""

    def __init__(self) -> None:
        self.steps: list[tuple[int, pygame.Rect, tuple[float, float], float]] = []

    def layout(
        self,
        texts: Texts,
        metrics: Metrics,
        area: pygame.Rect,
        top: Sequence[tuple[str, str, int]],
        *,
        sizes: tuple[int, int],
        place_text: Callable[[int], str],
    ) -> None:
        """Steps for ``top`` (first first) in ``area``; names into ``texts`` as
        ``podium_1``... and scores as ``podium_1_score``."""
        self.steps = []
        if not top:
            return
        assets = texts.assets
        gap = metrics.gap
        step_w = (area.width - 2 * gap) // 3
        name_h = min(2 * assets.font(sizes[0], True).get_linesize(), round(area.height * 0.3))
        medal_r = min(step_w * 0.18, area.height * 0.09)
        least = assets.font(sizes[1], True).get_linesize()
        tallest = max(least, area.height - name_h - round(2 * medal_r) - 2 * gap)
        palette = assets.look.palette
        # the names at one size: the first is not read as bigger for a shorter name
        name_size = assets.fitter.size_for(
            [name for name, _s, _p in top], *sizes, (step_w, name_h), bold=True
        )
        for slot, rank in enumerate(STEP_ORDER):
            if rank >= len(top):
                continue
            name, score, place = top[rank]
            height = max(least, round(tallest * STEP_HEIGHTS[min(place, 3) - 1]))
            step = pygame.Rect(area.x + slot * (step_w + gap), area.bottom - height, step_w, height)
            centre = (step.centerx, step.top - gap // 2 - medal_r)
            self.steps.append((place, step, centre, medal_r))
            name_top = max(area.top, round(centre[1] - medal_r) - gap // 2 - name_h)
            name_box = pygame.Rect(
                step.x, name_top, step_w, max(1, round(centre[1] - medal_r) - gap // 2 - name_top)
            )
            texts.place(
                f"podium_{rank + 1}",
                name,
                (name_size, sizes[1]),
                palette.text,
                name_box,
                bold=True,
                align="centre",
                middle=True,
                or_line=True,
            )
            score_box = step.inflate(-metrics.px(1.0), -metrics.px(1.0))
            texts.place(
                f"podium_{rank + 1}_score",
                score,
                sizes,
                palette.text,
                score_box,
                bold=True,
                align="centre",
                or_line=True,
            )
            label = place_text(place)
            size = max(10, round(medal_r * 1.1))
            texts.place(
                f"podium_{rank + 1}_place",
                label,
                (size, size),
                palette.text_dark,
                pygame.Rect(0, 0, round(2 * medal_r), round(2 * medal_r)).move(
                    round(centre[0] - medal_r), round(centre[1] - medal_r)
                ),
                bold=True,
                align="centre",
                middle=True,
            )

    def draw(self, surface: pygame.Surface, assets: Assets, metrics: Metrics) -> None:
        look = assets.look
        palette = look.palette
        for place, step, centre, radius in self.steps:
            draw_panel(surface, step, metrics, palette.panel, palette.panel_edge)
            colour = look.tier(tier_of(place))
            point = (round(centre[0]), round(centre[1]))
            pygame.draw.circle(surface, colour, point, round(radius))
            pygame.draw.circle(
                surface, palette.text_dark, point, round(radius), max(2, metrics.px(0.25))
            )
