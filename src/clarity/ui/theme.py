"""The look of the game in one place: colours, answer styles, type sizes and spacing.

Sizes follow the window: everything is measured in ``Metrics.unit``, one hundredth of
the width of the largest 16:9 area that fits the window, so a 4:3 projector and a 4K
screen show the same layout at different scales.
"""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Palette:
    background: Colour = (24, 22, 64)
    background_glow: Colour = (46, 38, 110)
    panel: Colour = (38, 35, 92)
    panel_edge: Colour = (78, 72, 160)
    text: Colour = (255, 255, 255)
    text_muted: Colour = (196, 192, 236)
    text_dark: Colour = (24, 22, 64)
    accent: Colour = (255, 204, 41)
    focus: Colour = (255, 255, 255)
    right: Colour = (38, 196, 110)
    wrong: Colour = (235, 64, 82)
    tile: Colour = (70, 62, 170)
    tile_edge: Colour = (108, 98, 214)
    tile_mark: Colour = (126, 116, 226)
    disabled: Colour = (96, 94, 130)
    bronze: Colour = (212, 136, 74)
    silver: Colour = (200, 208, 222)
    gold: Colour = (255, 204, 41)


PALETTE = Palette()


@dataclass(frozen=True, slots=True)
class AnswerStyle:
    """One answer button's letter, colour and shape: colour is never the only cue."""

    letter: str
    colour: Colour
    shape: str  # triangle | diamond | circle | square | star | hexagon


ANSWER_STYLES: tuple[AnswerStyle, ...] = (
    AnswerStyle("A", (226, 27, 60), "triangle"),
    AnswerStyle("B", (19, 104, 206), "diamond"),
    AnswerStyle("C", (216, 158, 0), "circle"),
    AnswerStyle("D", (38, 137, 12), "square"),
    AnswerStyle("E", (134, 76, 191), "star"),
    AnswerStyle("F", (227, 110, 20), "hexagon"),
)

TIER_COLOURS = {"bronze": PALETTE.bronze, "silver": PALETTE.silver, "gold": PALETTE.gold}


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes in pixels for a window of ``width`` x ``height``."""

    width: int
    height: int

    @property
    def unit(self) -> float:
        return min(self.width, self.height * 16 / 9) / 100

    def px(self, units: float) -> int:
        return max(1, round(units * self.unit))

    @property
    def margin(self) -> int:
        return self.px(2.5)

    @property
    def gap(self) -> int:
        return self.px(1.2)

    @property
    def radius(self) -> int:
        return self.px(0.9)

    # Type sizes, never below what a back row can read on a 1024-pixel projector.
    @property
    def title_size(self) -> int:
        return max(40, self.px(6.0))

    @property
    def heading_size(self) -> int:
        return max(28, self.px(3.4))

    @property
    def body_size(self) -> int:
        return max(22, self.px(2.4))

    @property
    def small_size(self) -> int:
        return max(18, self.px(1.7))
