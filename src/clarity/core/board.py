"""The grid of tiles that hides a round's mystery image."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tile:
    row: int
    col: int


class Board:
    """A ``rows`` x ``cols`` grid of tiles; tiles are uncovered in an order drawn from ``rng``.

    The order is fixed when the board is made, so the same seed uncovers the same tiles.
    """

    def __init__(self, rows: int, cols: int, rng: random.Random) -> None:
        if rows < 1 or cols < 1 or rows * cols < 2:
            raise ValueError(f"a board needs at least two tiles, not {rows}x{cols}")
        self.rows = rows
        self.cols = cols
        order = [Tile(r, c) for r in range(rows) for c in range(cols)]
        rng.shuffle(order)
        self._order: tuple[Tile, ...] = tuple(order)
        self._uncovered = 0

    @property
    def total(self) -> int:
        return self.rows * self.cols

    @property
    def hidden_count(self) -> int:
        return self.total - self._uncovered

    @property
    def revealed_share(self) -> float:
        """How much of the image shows, from 0.0 (all hidden) to 1.0."""
        return self._uncovered / self.total

    @property
    def all_uncovered(self) -> bool:
        return self._uncovered == self.total

    @property
    def uncovered_tiles(self) -> tuple[Tile, ...]:
        """Tiles uncovered so far, in the order they were uncovered."""
        return self._order[: self._uncovered]

    def is_hidden(self, tile: Tile) -> bool:
        return tile not in self._order[: self._uncovered]

    def hidden_tiles(self) -> list[Tile]:
        """Hidden tiles in reading order (row by row)."""
        hidden = set(self._order[self._uncovered :])
        return [
            Tile(r, c) for r in range(self.rows) for c in range(self.cols) if Tile(r, c) in hidden
        ]

    def uncover_next(self) -> Tile:
        """Uncover the next tile of the drawn order and return it."""
        if self.all_uncovered:
            raise ValueError("every tile is already uncovered")
        tile = self._order[self._uncovered]
        self._uncovered += 1
        return tile
