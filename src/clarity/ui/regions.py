"""A screen's still parts kept in a frame-sized layer, redrawn region by region.

What changes only with the game state (a top bar, a board, a card) is drawn into a layer
the size of the window, in regions that are drawn again only when what they show changes
(their ``key``). When the window still holds the screen's last frame, only the changed
regions and the places where something moved are copied back from the layer; what moves
is then drawn on top, every frame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

#: draws what moves over the layer; returns where it drew, to be cleaned next frame
DrawMoving = Callable[[pygame.Surface], list[pygame.Rect]]


@dataclass(frozen=True, slots=True)
class Region:
    """One part of the layer: where, what it shows now, and how to draw it."""

    name: str
    rect: pygame.Rect
    key: tuple[object, ...]  # drawn again whenever this changes
    draw: Callable[[pygame.Surface], None]
    opaque: bool = False  # covers its rect whole: nothing is restored from the base under it


class RegionLayer:
    """Keeps the layer of still parts and copies the window's changed parts from it.

    ``render_base`` draws what only the window size changes (a backdrop, empty panels);
    each region is cleared to the base before it is drawn again.

    A frame that already did heavy work (``busy``: it laid a card out) redraws no region,
    and any other frame redraws regions up to a quarter of the window's pixels (the first
    always), in the order given: each region is a frame or two late at most.
    """

    def __init__(self, render_base: Callable[[tuple[int, int]], pygame.Surface]) -> None:
        self._render_base = render_base
        self._base: pygame.Surface | None = None
        self._layer: pygame.Surface | None = None
        self._drawn: dict[str, tuple[object, ...]] = {}
        self._dirty: list[pygame.Rect] = []  # where the moving things were drawn last
        self._last_frame = -2
        self._last_surface: pygame.Surface | None = None
        self._last_on_top = False

    def reset(self) -> None:
        """A new layout: the base and every region are drawn again."""
        self._base = None
        self._layer = None

    def forget_last_frame(self) -> None:
        """Draw the next frame whole, as if the window held anything."""
        self._last_frame = -2

    def draw(
        self,
        surface: pygame.Surface,
        regions: Sequence[Region],
        moving: DrawMoving,
        *,
        frame: int,
        on_top: bool,
        busy: bool = False,
    ) -> None:
        """Bring ``surface`` up to date for ``frame``; ``on_top``: nothing covers the screen."""
        size = surface.get_size()
        if self._base is None or self._base.get_size() != size:
            self._base = self._render_base(size)
        if self._layer is None or self._layer.get_size() != size:
            self._layer = self._base.copy()
            self._drawn.clear()
            self._dirty = []
            self._last_frame = -2
        holds_last_frame = (
            on_top
            and self._last_on_top  # nothing (a pause menu) was drawn over the last frame
            and self._last_frame == frame - 1
            and self._last_surface is surface
        )
        budget = size[0] * size[1] // 4 if holds_last_frame else None
        if holds_last_frame and busy:
            budget = 0
        changed: list[pygame.Rect] = []
        spent = 0
        for region in regions:
            if self._drawn.get(region.name) == region.key:
                continue
            area = region.rect.width * region.rect.height
            if budget is not None and (budget == 0 or (changed and spent + area > budget)):
                continue  # next frame
            self._layer.set_clip(region.rect)
            if not region.opaque:
                self._layer.blit(self._base, region.rect, region.rect)
            region.draw(self._layer)
            self._layer.set_clip(None)
            self._drawn[region.name] = region.key
            changed.append(region.rect)
            spent += area
        if holds_last_frame:
            for rect in (*changed, *self._dirty):
                surface.blit(self._layer, rect, rect)
        else:
            surface.blit(self._layer, (0, 0))
        self._dirty = moving(surface)
        self._last_frame = frame
        self._last_surface = surface
        self._last_on_top = on_top
