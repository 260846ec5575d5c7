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
#: Of the names, the share that stays whole when not all can (a long one is cut).
WHOLE_SHARE = 0.85


def _width_of_most(
    assets: Assets, names: Sequence[tuple[str, bool]], size: int, share: float
) -> int:
    """The width, in pixels, that ``share`` of ``names`` fit in at ``size`` (bold)."""
    widths = sorted(assets.fitter.width(name, size, True) for name, _c in names)
    return widths[min(len(widths) - 1, math.ceil(share * len(widths)) - 1)]


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
        columns at which every chip is in ``area``: first with every name whole; then with
        most names whole (:data:`WHOLE_SHARE`; a longer one is cut with an ellipsis);
        else at the last size in as many columns as most names hold, as many chips as
        fit, the last one saying how many more (``more_text(count)``). Names go into
        ``texts`` as ``name_1``..."""
        self.chips = []
        self.shown = 0
        if not names or area.width <= 0 or area.height <= 0:
            return
        assets = texts.assets
        gap = metrics.gap
        pad = metrics.px(0.6)
        plan = None
        for whole in (1.0, WHOLE_SHARE):
            for size in sizes:
                chip_h = assets.font(size, True).get_linesize() + 2 * pad
                needed = _width_of_most(assets, names, size, whole) + 2 * pad
                for columns in range(1, MOST_COLUMNS + 1):
                    chip_w = (area.width - (columns - 1) * gap) // columns
                    rows = math.ceil(len(names) / columns)
                    if needed > chip_w:
                        break
                    if rows * chip_h + (rows - 1) * gap <= area.height:
                        plan = (size, columns, chip_w, chip_h)
                        break
                if plan is not None:
                    break
            if plan is not None:
                break
        shown = len(names)
        if plan is None:
            size = sizes[-1]
            needed = _width_of_most(assets, names, size, WHOLE_SHARE) + 2 * pad
            columns = 1
            for more in range(2, MOST_COLUMNS + 1):
                if needed <= (area.width - (more - 1) * gap) // more:
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
            self.chips.append(chip)
            box = chip.inflate(-2 * pad, -2 * pad)
            if hidden and index == shown - 1:
                more = more_text(hidden + 1)
                small = min(size, metrics.tiny_size)
                texts.place(
                    f"name_{index + 1}",
                    more,
                    (size, small),
                    palette.text_muted,
                    box,
                    bold=True,
                    align="centre",
                    middle=True,
                )
                continue
            name, connected = names[index]
            colour = palette.text if connected else palette.text_muted
            # a name longer than its chip is cut: the others keep their size and columns
            texts.place_line(
                f"name_{index + 1}", name, size, colour, box, bold=True, align="centre"
            )
        self.shown = shown if not hidden else shown - 1

    def draw(self, surface: pygame.Surface, assets: Assets, metrics: Metrics) -> None:
        palette = assets.look.palette
        for index, chip in enumerate(self.chips):
            draw_panel(surface, chip, metrics, palette.panel, palette.panel_edge)
            if index == self.selected:
                draw_focus_ring(surface, chip, metrics, palette.focus)
