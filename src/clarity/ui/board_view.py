"""The mystery image under its tiles, drawn from one pre-rendered surface.

The covered board (the image with every hidden tile painted over it) is composed once
per window size and patched when a tile uncovers, so a frame costs one blit however
many tiles the grid has; only the tiles flipping away right now are drawn on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pygame

from clarity.core.board import Tile
from clarity.ui.assets import Assets
from clarity.ui.effects import ease_in, ease_out
from clarity.ui.theme import Colour, Look, Metrics
from clarity.ui.widgets import lighten

FLIP_SECONDS = 0.42  # one tile turning away
GLOW_SECONDS = 0.35  # the outline that marks the tile just uncovered
MIN_MARK_SIDE = 22  # tiles smaller than this carry no question mark: it would be noise


@dataclass
class _Flip:
    tile: Tile
    delay: float
    age: float = 0.0

    @property
    def started(self) -> bool:
        return self.age >= self.delay

    @property
    def progress(self) -> float:
        return max(0.0, self.age - self.delay) / FLIP_SECONDS

    @property
    def done(self) -> bool:
        return self.progress >= 1.0 + GLOW_SECONDS / FLIP_SECONDS


class BoardView:
    """Draws ``rows`` x ``cols`` tiles over the image at ``image_path``."""

    def __init__(self, assets: Assets, image_path: Path | None, rows: int, cols: int) -> None:
        self.assets = assets
        self.image_path = image_path
        self.rows = rows
        self.cols = cols
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._hidden: set[Tile] = {Tile(r, c) for r in range(rows) for c in range(cols)}
        self._flips: list[_Flip] = []
        self._composite: pygame.Surface | None = None
        self._picture: pygame.Surface | None = None
        self._covers: dict[tuple[int, int], pygame.Surface] = {}
        self._metrics = assets.look.metrics((1280, 720))  # until laid out
        self._look: Look = assets.look  # the look the composite was drawn in
        self._version = 0

    # -- geometry ------------------------------------------------------------------------

    @property
    def aspect(self) -> float:
        """Width over height of the mystery image, upright (4:3 when there is no image)."""
        size = self._source_size()
        if size is None:
            return 4 / 3
        w, h = size
        return w / h if h else 4 / 3

    def fit(self, area: pygame.Rect, metrics: Metrics) -> pygame.Rect:
        """Place the board as large as fits in ``area`` at the image's shape, top centred."""
        aspect = self.aspect
        w = min(area.width, round(area.height * aspect))
        h = min(area.height, round(w / aspect))
        rect = pygame.Rect(0, 0, max(self.cols, w), max(self.rows, h))
        rect.midtop = area.midtop
        look = self.assets.look
        if rect.size != self.rect.size or metrics != self._metrics or look != self._look:
            self._composite = None  # a new size or look: compose again on the next draw
            self._covers.clear()
            self._look = look
        self._version += 1
        self.rect = rect
        self._metrics = metrics
        return rect

    def tile_rect(self, tile: Tile) -> pygame.Rect:
        """Where ``tile`` lies, in window coordinates; edges shared so no seam shows."""
        x0 = self.rect.x + self.rect.width * tile.col // self.cols
        x1 = self.rect.x + self.rect.width * (tile.col + 1) // self.cols
        y0 = self.rect.y + self.rect.height * tile.row // self.rows
        y1 = self.rect.y + self.rect.height * (tile.row + 1) // self.rows
        return pygame.Rect(x0, y0, x1 - x0, y1 - y0)

    # -- state ---------------------------------------------------------------------------

    @property
    def animating(self) -> bool:
        """Any tile still turning or glowing."""
        return any(not f.done for f in self._flips)

    @property
    def flipping(self) -> bool:
        """Any tile still turning (the glow after it does not count)."""
        return any(f.progress < 1.0 for f in self._flips)

    @property
    def hidden(self) -> frozenset[Tile]:
        return frozenset(self._hidden)

    def sync(self, hidden: Iterable[Tile]) -> None:
        """Show exactly ``hidden`` as covered, without animation (a restored round)."""
        self._hidden = set(hidden)
        self._flips.clear()
        self._composite = None
        self._version += 1

    def uncover(self, tile: Tile, delay: float = 0.0) -> None:
        """Turn ``tile`` away after ``delay`` seconds; the image shows beneath it. With
        reduced motion the tile is gone at once: no turn, no glow."""
        if tile not in self._hidden:
            return
        self._hidden.discard(tile)
        self._version += 1
        if not self.assets.look.reduced_motion:
            self._flips.append(_Flip(tile, delay))
        if self._composite is not None:
            self._patch(tile)

    def reveal_all(self, seconds: float = 1.0) -> None:
        """Every hidden tile flips away in a wave from the top left: the final reveal (all
        at once with reduced motion)."""
        hidden = sorted(self._hidden, key=lambda t: (t.row + t.col, t.row))
        span = max(1, self.rows + self.cols - 2)
        for tile in hidden:
            self.uncover(tile, delay=seconds * (tile.row + tile.col) / span)

    def update(self, dt: float) -> None:
        for flip in self._flips:
            flip.age += dt
        self._flips = [f for f in self._flips if not f.done]

    # -- drawing -------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """The board as it rests: the image with the hidden tiles over it, and its frame.

        Tiles turning away right now are drawn by :meth:`draw_flips`, every frame.
        """
        if self.rect.width <= 0:
            return
        if self._composite is None:
            self._compose()
        assert self._composite is not None
        surface.blit(self._composite, self.rect)
        edge = max(2, self._metrics.px(0.25))
        palette = self.assets.look.palette
        pygame.draw.rect(surface, palette.panel_edge, self.rect.inflate(edge * 2, edge * 2), edge)

    def draw_flips(self, surface: pygame.Surface) -> list[pygame.Rect]:
        """The tiles turning away now, over the resting board; returns where it drew."""
        drawn = []
        for flip in self._flips:
            self._draw_flip(surface, flip)
            drawn.append(self.tile_rect(flip.tile))
        return drawn

    @property
    def version(self) -> int:
        """Changes whenever what :meth:`draw` shows changes (a tile uncovered, a new size)."""
        return self._version

    def picture(self) -> pygame.Surface:
        """The image scaled to the board, scaled once per size: opaque, its transparent
        parts already over the assets' picture background, so a tile patched back shows
        the picture and nothing of the cover that was there."""
        if self._picture is None or self._picture.get_size() != self.rect.size:
            path = self.image_path
            scaled = None
            if path is not None and self._source_size() is not None:
                try:
                    scaled = self.assets.scaled(path, self.rect.size)
                except (pygame.error, FileNotFoundError):
                    scaled = None
            if scaled is None:
                scaled = _placeholder(self.rect.size, self._look.palette.background_glow)
            self._picture = scaled
        return self._picture

    def _source_size(self) -> tuple[int, int] | None:
        """The mystery picture's upright size, without keeping it decoded for that."""
        if self.image_path is None:
            return None
        try:
            return self.assets.image_size(self.image_path)
        except (pygame.error, FileNotFoundError):
            return None

    def _compose(self) -> None:
        self._picture = None
        composite = self.picture().copy()
        origin = self.rect.topleft
        # tiles waiting to flip are drawn whole by _draw_flip, over the image
        for tile in self._hidden:
            rect = self.tile_rect(tile).move(-origin[0], -origin[1])
            composite.blit(self._cover(rect.size), rect)
        self._composite = composite

    def _patch(self, tile: Tile) -> None:
        """Paint the image back over one tile of the composite."""
        assert self._composite is not None
        rect = self.tile_rect(tile).move(-self.rect.x, -self.rect.y)
        self._composite.blit(self.picture(), rect, rect)

    def _draw_flip(self, surface: pygame.Surface, flip: _Flip) -> None:
        rect = self.tile_rect(flip.tile)
        cover = self._cover(rect.size)
        if not flip.started:
            surface.blit(cover, rect)
            return
        t = flip.progress
        if t < 1.0:
            # a card turning on its horizontal axis: the height shrinks to nothing,
            # and the face brightens as it turns towards the light
            height = round(rect.height * (1.0 - ease_in(t)))
            if height > 0:
                squashed = pygame.transform.scale(cover, (rect.width, height))
                squashed.fill((round(90 * t),) * 3, special_flags=pygame.BLEND_RGB_ADD)
                surface.blit(squashed, squashed.get_rect(center=rect.center))
            return
        glow = 1.0 - ease_out((t - 1.0) * FLIP_SECONDS / GLOW_SECONDS)
        width = max(1, round(self._metrics.px(0.4) * glow))
        if glow > 0.05:
            pygame.draw.rect(surface, self.assets.look.palette.accent, rect, width)

    def _cover(self, size: tuple[int, int]) -> pygame.Surface:
        """One covering tile of ``size``, rendered once: bevelled, patterned, with a "?"."""
        cover = self._covers.get(size)
        if cover is not None:
            return cover
        w, h = size
        cover = pygame.Surface((max(1, w), max(1, h))).convert()
        palette = self._look.palette
        cover.fill(palette.tile)
        # a faint diagonal weave: texture without drawing the eye away from the image
        step = max(6, min(w, h) // 5)
        mark = lighten(palette.tile, 0.06)
        for offset in range(-h, w, step):
            pygame.draw.line(cover, mark, (offset, h), (offset + h, 0), max(1, step // 4))
        bevel = max(1, min(w, h) // 18)
        # light top and left, dark bottom and right: where two tiles meet, the dark edge of
        # one against the light edge of the other parts them (3:1, WCAG 1.4.11)
        pygame.draw.rect(cover, palette.tile_edge, (0, 0, w, bevel))
        pygame.draw.rect(cover, palette.tile_edge, (0, 0, bevel, h))
        pygame.draw.rect(cover, palette.tile_shade, (0, h - bevel, w, bevel))
        pygame.draw.rect(cover, palette.tile_shade, (w - bevel, 0, bevel, h))
        side = min(w, h)
        if side >= MIN_MARK_SIDE:
            # a mark that says "covered" (3:1 against the tile), not words to read
            size = max(10, round(side * 0.5))
            q = self.assets.decoration("?", size, palette.tile_mark, bold=True)
            cover.blit(q, q.get_rect(center=(w // 2, h // 2)))
        self._covers[size] = cover
        return cover


def _placeholder(size: tuple[int, int], colour: Colour) -> pygame.Surface:
    """A plain ``colour`` when the picture cannot be shown; the round still plays."""
    surface = pygame.Surface(size).convert()
    surface.fill(colour)
    return surface
