"""Trophies as chips, in the look of the results screen's: a tier-coloured badge with a
star, the trophy's name and what it was for. The sprint's end and the study session's
summary show the trophies they earned with them (a scene module may not import another's).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from clarity.core.trophies import trophy_by_id
from clarity.ui.theme import darken

if TYPE_CHECKING:
    from clarity.core.events import TrophyEarned
    from clarity.ui.app import App
    from clarity.ui.theme import Metrics


def trophy_chips(
    app: App, earned: Sequence[TrophyEarned], area: pygame.Rect, top: int, metrics: Metrics
) -> list[tuple[pygame.Surface, pygame.Rect]]:
    """The trophies ``earned`` as chips, two to a row when ``area`` is wide enough (else one
    under another), centred in ``area`` from ``top``:
    each a tier-coloured badge with a star, the trophy's name and what it was for, as the
    results screen shows a round's trophies. Returns each chip with where it goes."""
    look = app.look
    palette = look.palette
    assets = app.services.assets
    t = app.translator
    pad = metrics.px(0.8)
    gap = metrics.px(0.7)
    width = min(area.width, metrics.px(40))
    columns = 2 if len(earned) > 1 and 2 * width + gap <= area.width else 1
    name_size = metrics.body_size
    detail_size = metrics.small_size
    icon = assets.font(name_size, True).get_linesize()
    text_w = max(10, width - icon - 3 * pad)
    chips: list[tuple[pygame.Surface, pygame.Rect]] = []
    for trophy in earned:
        colour = look.tier(trophy.tier)
        name = assets.text(t.gettext(trophy.name), name_size, palette.text, bold=True)
        name = name.subsurface((0, 0, min(name.get_width(), text_w), name.get_height()))
        try:
            description = t.render(trophy_by_id(trophy.trophy_id).description)
        except KeyError:  # a trophy this version does not know
            description = ""
        detail = (
            assets.text(description, detail_size, palette.text_muted, wrap=text_w)
            if description
            else None
        )
        detail_h = detail.get_height() if detail is not None else 0
        height = max(icon, name.get_height() + detail_h) + 2 * pad
        chip = pygame.Surface((width, height), pygame.SRCALPHA)
        rect = chip.get_rect()
        pygame.draw.rect(chip, palette.panel_deep, rect, border_radius=metrics.radius)
        pygame.draw.rect(
            chip, colour, rect, width=max(1, metrics.px(0.15)), border_radius=metrics.radius
        )
        centre = (pad + icon // 2, height // 2)
        pygame.draw.circle(chip, colour, centre, icon // 2)
        star = assets.decoration("★", round(icon * 0.6), darken(colour, 0.45), bold=True)
        chip.blit(star, star.get_rect(center=centre))
        x = 2 * pad + icon
        text_y = (height - name.get_height() - detail_h) // 2
        chip.blit(name, (x, text_y))
        if detail is not None:
            chip.blit(detail, (x, text_y + name.get_height()))
        chips.append((chip, chip.get_rect()))
    # rows of ``columns`` chips, each row centred, as tall as its tallest chip
    placed: list[tuple[pygame.Surface, pygame.Rect]] = []
    y = top
    for start in range(0, len(chips), columns):
        row = chips[start : start + columns]
        row_w = sum(rect.width for _, rect in row) + gap * (len(row) - 1)
        x = area.centerx - row_w // 2
        for chip, rect in row:
            placed.append((chip, rect.move(x, y)))
            x += rect.width + gap
        y += max(rect.height for _, rect in row) + gap
    return placed
