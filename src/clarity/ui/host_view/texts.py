"""Texts laid into boxes at the largest size that fits, remembered by name for drawing and
for the layout tests (what is drawn where, and what it says)."""

from __future__ import annotations

from typing import Literal

import pygame

from clarity.ui.assets import Assets
from clarity.ui.textfit import ellipsize
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
        or_line: bool = False,
    ) -> pygame.Rect:
        """``text`` in ``box`` from ``sizes[0]`` down to ``sizes[1]`` pixels (wrapped,
        words whole), aligned in the box's width (and its height with ``middle``); returns
        where it is drawn. A text that does not fit even at ``sizes[1]`` is cut at its box
        when drawn, but ``boxes`` keeps its whole size, so the layout tests see it spill;
        with ``or_line`` (a pack's or a student's text, not the interface's) it is drawn on
        one line at ``sizes[1]``, cut with an ellipsis (:meth:`place_line`) instead."""
        if or_line and not self.assets.fitter.fits(text, sizes[1], box.size, bold=bold):
            return self.place_line(name, text, sizes[1], colour, box, bold=bold, align=align)
        surface = self.assets.fit_text(text, *sizes, colour, box.size, bold=bold)
        if align == "centre":
            surface = self._centred_lines(surface, text, sizes, colour, box, bold=bold)
        whole = surface.get_rect()
        rect = whole.copy()
        rect.width, rect.height = min(rect.width, box.width), min(rect.height, box.height)
        rect.top = box.centery - rect.height // 2 if middle else box.top
        if align == "centre":
            rect.centerx = box.centerx
        elif align == "right":
            rect.right = box.right
        else:
            rect.left = box.left
        self._drawn.append((surface, rect))
        self.boxes[name] = pygame.Rect(rect.topleft, (max(rect.width, whole.width), whole.height))
        self.words[name] = text
        return rect

    def place_line(
        self,
        name: str,
        text: str,
        size: int,
        colour: Colour,
        box: pygame.Rect,
        *,
        bold: bool = False,
        align: Align = "left",
    ) -> pygame.Rect:
        """``text`` on one line at ``size``, cut with an ellipsis at the box's width (a
        pack's or a student's text where a whole one has no room), centred in its height."""
        line = ellipsize(self.assets.font(size, bold), text, box.width)
        surface = self.assets.text(line, size, colour, bold=bold)
        rect = surface.get_rect(centery=box.centery)
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

    def _centred_lines(
        self,
        surface: pygame.Surface,
        text: str,
        sizes: tuple[int, int],
        colour: Colour,
        box: pygame.Rect,
        *,
        bold: bool,
    ) -> pygame.Surface:
        """``surface`` (``text`` wrapped, its lines flush left) with each line centred:
        a centred name on two lines is read as one block, not as a ragged left edge."""
        size = self.assets.fitter.size_for(text, *sizes, box.size, bold=bold)
        font = self.assets.font(size, bold)
        if surface.get_height() <= font.get_linesize():
            return surface
        lines = [line for line, _rtl in font.lines(text, max(1, box.width))]
        drawn = [self.assets.text(line, size, colour, bold=bold) for line in lines]
        centred = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        y = 0
        for line in drawn:
            centred.blit(line, ((centred.get_width() - line.get_width()) // 2, y))
            y += line.get_height()
        return centred

    def height(self, text: str, size: int, width: int, *, bold: bool = False) -> int:
        """How tall ``text`` is at ``size`` wrapped at ``width`` pixels."""
        return self.assets.fitter.measure(text, size, max(1, width), bold=bold)[1]

    def draw(self, surface: pygame.Surface) -> None:
        for text, rect in self._drawn:
            surface.blit(text, rect, pygame.Rect(0, 0, *rect.size))
