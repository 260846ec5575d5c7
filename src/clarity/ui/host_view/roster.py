"""The names of the students who joined, in a grid that grows with the class: large while
a few have joined, then in more columns and smaller, so thirty names are all in view on a
1024x768 projector. A name whose device lost its connection is drawn muted; the name the
teacher's arrows are on has the focus ring (Delete removes it)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pygame

from clarity.ui.assets import Assets
from clarity.ui.host_view.texts import Texts
from clarity.ui.theme import Metrics
from clarity.ui.widgets import draw_focus_ring, draw_panel

#: The most columns the names take.
MOST_COLUMNS = 6


class RosterGrid:
    """``(name, connected)`` chips laid into a rectangle, the ``selected`` one ringed."""

    def __init__(self) -> None:
        self.chips: list[pygame.Rect] = []
        self.columns = 1
        self.selected: int | None = None
        self.shown = 0  # how many names have a chip (the rest are counted on the last)

    def layout(
        self,
        texts: Texts,
        metrics: Metrics,
        area: pygame.Rect,
        names: Sequence[tuple[str, bool]],
        *,
        sizes: Sequence[int],
        more_text: Callable[[int], str],
    ) -> None:
        """Chips for ``names`` at the largest of ``sizes`` (largest first) and the fewest
        columns at which every name is whole and every chip in ``area``; else at the last
        size in :data:`MOST_COLUMNS` columns, as many as fit, the last chip saying how many
        more (``more_text(count)``). Names go into ``texts`` as ``name_1``..."""
        self.chips = []
        self.shown = 0
        if not names or area.width <= 0 or area.height <= 0:
            return
        assets = texts.assets
        gap = metrics.gap
        pad = metrics.px(0.8)
        plan = None
        for size in sizes:
            chip_h = assets.font(size, True).get_linesize() + 2 * pad
            widest = max(assets.fitter.width(name, size, True) for name, _c in names)
            for columns in range(1, MOST_COLUMNS + 1):
                chip_w = (area.width - (columns - 1) * gap) // columns
                rows = math.ceil(len(names) / columns)
                if widest + 2 * pad > chip_w:
                    continue
                if rows * chip_h + (rows - 1) * gap <= area.height:
                    plan = (size, columns, chip_w, chip_h)
                    break
            if plan is not None:
                break
        shown = len(names)
        if plan is None:
            # at the last size, in as many columns as still hold the widest name whole;
            # as many names as fit, the last chip counting the others
            size = sizes[-1]
            widest = max(assets.fitter.width(name, size, True) for name, _c in names)
            columns = 1
            for more in range(2, MOST_COLUMNS + 1):
                if widest + 2 * pad <= (area.width - (more - 1) * gap) // more:
                    columns = more
            chip_h = assets.font(size, True).get_linesize() + 2 * pad
            chip_w = (area.width - (columns - 1) * gap) // columns
            rows = max(1, (area.height + gap) // (chip_h + gap))
            shown = min(len(names), rows * columns)
            plan = (size, columns, chip_w, chip_h)
        size, columns, chip_w, chip_h = plan
        self.columns = columns
        palette = assets.look.palette
        hidden = len(names) - shown
        for index in range(shown):
            column, row = index % columns, index // columns
            chip = pygame.Rect(
                area.x + column * (chip_w + gap), area.y + row * (chip_h + gap), chip_w, chip_h
            )
            if hidden and index == shown - 1:
                text, colour = more_text(hidden + 1), palette.text_muted
            else:
                name, connected = names[index]
                text, colour = name, palette.text if connected else palette.text_muted
            self.chips.append(chip)
            box = chip.inflate(-2 * pad, -2 * pad)
            texts.place(
                f"name_{index + 1}",
                text,
                (size, size),
                colour,
                box,
                bold=True,
                align="centre",
                middle=True,
            )
        self.shown = shown if not hidden else shown - 1

    def draw(self, surface: pygame.Surface, assets: Assets, metrics: Metrics) -> None:
        palette = assets.look.palette
        for index, chip in enumerate(self.chips):
            draw_panel(surface, chip, metrics, palette.panel, palette.panel_edge)
            if index == self.selected:
                draw_focus_ring(surface, chip, metrics, palette.focus)
