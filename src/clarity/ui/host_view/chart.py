"""How the class answered, at the reveal: a bar for each answer, as long as the number of
students who gave it, with that number written at its end; the right answers carry a
tick and a frame in the theme's colour for right (never the colour alone).

For a choice question a bar per choice (its shape, letter and colour); for true or false,
two bars; for a typed or number question, the answers given most, each as the students
typed it (the host groups them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from clarity.ui.assets import Assets
from clarity.ui.host_view.answer_tiles import draw_mark
from clarity.ui.host_view.texts import Texts
from clarity.ui.theme import AnswerStyle, Metrics

#: Of the chart's width, the answers' labels (with their marks); the bars take the rest.
LABEL_SHARE = 0.62


def mark_radius(row_h: int, metrics: Metrics) -> float:
    """The radius of an answer's shape in a row ``row_h`` pixels tall: most of the row
    (with six answers the rows are low, and a shape of a third of one was a dot)."""
    return min(row_h * 0.42, metrics.px(2.6))


@dataclass(frozen=True, slots=True)
class Bar:
    """One answer of the chart: what it says, how many gave it, whether it is right, and
    its answer style (None for a typed answer)."""

    label: str
    count: int
    right: bool
    style: AnswerStyle | None = None


class AnswersChart:
    """The bars laid into a rectangle: label on the left, the bar and its count on the right."""

    def __init__(self) -> None:
        self.rows: list[tuple[Bar, pygame.Rect, pygame.Rect]] = []  # bar, row, bar's room
        self._most = 1

    def layout(
        self,
        texts: Texts,
        metrics: Metrics,
        area: pygame.Rect,
        bars: Sequence[Bar],
        *,
        sizes: tuple[int, int],
        count_text: Callable[[int], str],
    ) -> None:
        """Rows for ``bars`` in ``area``; the labels go into ``texts`` as ``bar_1``...,
        the counts as ``bar_1_count`` (``count_text(n)`` writes a count)."""
        self.rows = []
        if not bars:
            return
        self._most = max(1, *(bar.count for bar in bars))
        gap = metrics.px(0.8)
        row_h = min((area.height - (len(bars) - 1) * gap) // len(bars), metrics.px(9))
        pad = metrics.px(0.8)
        mark = mark_radius(row_h, metrics)
        label_w = round(area.width * LABEL_SHARE)
        marked = any(bar.style is not None for bar in bars)
        label_x = area.x + pad + (round(2 * mark) + pad if marked else 0)
        label_room = (max(1, area.x + label_w - label_x), max(1, row_h - 2 * pad))
        size = texts.assets.fitter.size_for([b.label for b in bars], *sizes, label_room)
        count_w = max(texts.assets.fitter.width(count_text(b.count), size, True) for b in bars)
        tick = row_h // 2
        for number, bar in enumerate(bars, start=1):
            row = pygame.Rect(area.x, area.y + (number - 1) * (row_h + gap), area.width, row_h)
            # the pack's long answer on one line when it has no room: the tiles showed it
            texts.place(
                f"bar_{number}",
                bar.label,
                (size, size),
                texts.assets.look.palette.text,
                pygame.Rect(label_x, row.y + pad, *label_room),
                middle=True,
                bold=bar.right,
                or_line=True,
            )
            room = pygame.Rect(
                area.x + label_w + pad,
                row.y + pad,
                max(1, row.right - pad - tick - pad - count_w - pad - (area.x + label_w + pad)),
                max(1, row_h - 2 * pad),
            )
            length = max(metrics.px(0.4), round(room.width * bar.count / self._most))
            count_box = pygame.Rect(room.x + length + pad, row.y, count_w, row_h)
            texts.place(
                f"bar_{number}_count",
                count_text(bar.count),
                (size, size),
                texts.assets.look.palette.text,
                count_box,
                bold=True,
                middle=True,
            )
            self.rows.append((bar, row, room))

    def draw(self, surface: pygame.Surface, assets: Assets, metrics: Metrics) -> None:
        palette = assets.look.palette
        for bar, row, room in self.rows:
            pygame.draw.rect(surface, palette.panel, row, border_radius=metrics.radius)
            if bar.right:
                pygame.draw.rect(
                    surface,
                    palette.right,
                    row,
                    width=max(2, metrics.px(0.35)),
                    border_radius=metrics.radius,
                )
            pad = metrics.px(0.8)
            if bar.style is not None:
                mark = mark_radius(row.height, metrics)
                draw_mark(
                    surface,
                    assets,
                    bar.style,
                    (row.x + pad + mark, row.centery),
                    mark,
                    ink=bar.style.colour,
                    fill=palette.panel,
                )
            length = max(metrics.px(0.4), round(room.width * bar.count / self._most))
            colour = (
                bar.style.colour
                if bar.style is not None
                else (palette.right if bar.right else palette.text_muted)
            )
            pygame.draw.rect(
                surface,
                colour,
                pygame.Rect(room.x, room.y, length, room.height),
                border_radius=max(1, metrics.radius // 2),
            )
            if bar.right:
                draw_tick(
                    surface,
                    palette.right,
                    (row.right - pad - row.height // 4, row.centery),
                    row.height // 4,
                )


def draw_tick(
    surface: pygame.Surface, colour: tuple[int, int, int], centre: tuple[int, int], radius: int
) -> None:
    """A tick (✓) ``radius`` pixels round ``centre``: the mark of a right answer."""
    x, y = centre
    r = max(3, radius)
    points = [(x - r, y), (x - r // 3, y + 2 * r // 3), (x + r, y - 2 * r // 3)]
    pygame.draw.lines(surface, colour, False, points, max(3, r // 3))
