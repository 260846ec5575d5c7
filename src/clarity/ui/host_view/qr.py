"""The address as a QR code, drawn from segno's module matrix straight into a surface.

segno (pure Python) encodes; each module becomes a square of whole pixels (a code scaled
by a fraction blurs its edges, which phone cameras read badly from the back of a room),
dark on white whatever the theme (most readers expect dark modules on a light ground),
with the quiet zone of four modules round it that ISO/IEC 18004 asks for.
"""

from __future__ import annotations

import pygame
import segno

#: Modules of light margin on each side (ISO/IEC 18004: at least four).
QUIET_ZONE = 4
DARK = (0, 0, 0)
LIGHT = (255, 255, 255)


def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of ``data``'s QR code, quiet zone included, row by row (True: dark).

    Error correction M (15 % of the code may be lost: a projector's glare, a head in the
    way); segno picks the smallest version that holds the text.
    """
    code = segno.make(data, error="m", micro=False)
    return tuple(
        tuple(bool(module) for module in row)
        for row in code.matrix_iter(scale=1, border=QUIET_ZONE)
    )


class QrCode:
    """``data`` as a QR code, laid into a rectangle at the largest whole module size."""

    def __init__(self, data: str) -> None:
        self.data = data
        self.modules = qr_modules(data)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._surface: pygame.Surface | None = None

    @property
    def side(self) -> int:
        """Modules on a side, the quiet zone included."""
        return len(self.modules)

    @property
    def module_px(self) -> int:
        """Pixels on a module's side as laid out (0 before :meth:`fit` or when too small)."""
        return self.rect.width // self.side if self.side else 0

    def fit(self, area: pygame.Rect) -> pygame.Rect:
        """Place the code, as large as whole modules allow, centred in ``area``; returns
        where it is (an empty rectangle when ``area`` cannot hold one pixel a module)."""
        module = min(area.width, area.height) // self.side
        self.rect = pygame.Rect(0, 0, module * self.side, module * self.side)
        self.rect.center = area.center
        self._surface = None
        return self.rect.copy()

    def draw(self, surface: pygame.Surface) -> None:
        if self.module_px <= 0:
            return
        if self._surface is None or self._surface.get_size() != self.rect.size:
            self._surface = _render(self.modules, self.module_px)
        surface.blit(self._surface, self.rect)


def _render(modules: tuple[tuple[bool, ...], ...], module: int) -> pygame.Surface:
    side = len(modules) * module
    drawn = pygame.Surface((side, side))
    drawn.fill(LIGHT)
    for row, line in enumerate(modules):
        for col, dark in enumerate(line):
            if dark:
                drawn.fill(DARK, pygame.Rect(col * module, row * module, module, module))
    return drawn
