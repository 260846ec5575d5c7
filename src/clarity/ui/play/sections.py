"""Where a play screen's two sections go: the board and the question card.

Side by side when the space is wide (at least 1.2 times as wide as tall), the board on the
left; else stacked, the board above. The sections' regions tile the middle of the window,
the gap between them split, so that every pixel belongs to one section (for redrawing).
Shared by the solo and the class play screens.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

#: Wider than this many times its height, the board and the card sit side by side.
SIDE_BY_SIDE_RATIO = 1.2


@dataclass(frozen=True, slots=True)
class Sections:
    """The board's column and the card's rectangle, and the regions each redraws (all in
    window pixels); ``side_by_side`` says which way they were split."""

    side_by_side: bool
    column: pygame.Rect
    card: pygame.Rect
    board_region: pygame.Rect
    card_region: pygame.Rect


def side_by_side(content: pygame.Rect) -> bool:
    """Whether ``content`` is wide enough for the board and the card side by side."""
    return content.width >= content.height * SIDE_BY_SIDE_RATIO


def split_sections(
    content: pygame.Rect,
    middle: pygame.Rect,
    gap: int,
    *,
    board_width: int,
    stacked_board_share: float,
) -> Sections:
    """The board and the card in ``content`` (pixels), their regions in ``middle`` (the
    band of the window between the screen's top and its hints). Side by side the board
    is ``board_width`` pixels wide; stacked it takes ``stacked_board_share`` (0-1) of the
    height. ``gap`` pixels separate them."""
    width = middle.width
    if side_by_side(content):
        column = pygame.Rect(content.x, content.y, board_width, content.height)
        card = pygame.Rect(column.right + gap, content.y, content.width - board_width - gap, 0)
        card.height = content.height
        split = card.left - gap // 2
        board_region = pygame.Rect(0, middle.y, split, middle.height)
        card_region = pygame.Rect(split, middle.y, width - split, middle.height)
        return Sections(True, column, card, board_region, card_region)
    board_h = round(content.height * stacked_board_share)
    column = pygame.Rect(content.x, content.y, content.width, board_h)
    card = pygame.Rect(content.x, column.bottom + gap, content.width, 0)
    card.height = content.bottom - card.y
    split = card.top - gap // 2
    board_region = pygame.Rect(0, middle.y, width, split - middle.y)
    card_region = pygame.Rect(0, split, width, middle.bottom - split)
    return Sections(False, column, card, board_region, card_region)
