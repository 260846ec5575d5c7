"""Texts laid into boxes at the largest size that fits, remembered by name for drawing and
for the layout tests (what is drawn where, and what it says)."""

from __future__ import annotations

from typing import Literal

import pygame

from clarity.ui.assets import Assets
from clarity.ui.theme import Colour

Align = Literal["left", "centre", "right"]


class Texts:
    """The texts of one layout: :meth:`place` renders one into its box; :meth:`draw`
    blits them all; ``boxes`` and ``words`` say where each is and what it says."""

    def __init__(self, assets: Assets) -> None:
        self.assets = assets
        self._drawn: list[tuple[pygame.Surface, pygame.Rect]] = []
        self.boxes: dict[str, pygame.Rect] = {}
        self.words: dict[str, str] = {}

    def place(
        self,
        name: str,
        text: str,
        sizes: tuple[int, int],
        colour: Colour,
        box: pygame.Rect,
        *,
        bold: bool = False,
        align: Align = "left",
        middle: bool = False,
    ) -> pygame.Rect:
        """``text`` in ``box`` from ``sizes[0]`` down to ``sizes[1]`` pixels (wrapped,
        words whole), aligned in the box's width (and its height with ``middle``); returns
        where it is drawn, never larger than ``box``."""
        surface = self.assets.fit_text(text, *sizes, colour, box.size, bold=bold)
        rect = surface.get_rect()
        rect.width, rect.height = min(rect.width, box.width), min(rect.height, box.height)
        rect.top = box.centery - rect.height // 2 if middle else box.top
        if align == "centre":
            rect.centerx = box.centerx
        elif align == "right":
            rect.right = box.right
        else:
            rect.left = box.left
        self._drawn.append((surface, rect))
        self.boxes[name] = rect.copy()
        self.words[name] = text
        return rect

    def height(self, text: str, size: int, width: int, *, bold: bool = False) -> int:
        """How tall ``text`` is at ``size`` wrapped at ``width`` pixels."""
        return self.assets.fitter.measure(text, size, max(1, width), bold=bold)[1]

    def draw(self, surface: pygame.Surface) -> None:
        for text, rect in self._drawn:
            surface.blit(text, rect, pygame.Rect(0, 0, *rect.size))
