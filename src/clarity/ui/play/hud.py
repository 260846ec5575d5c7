"""The play screen's top bar: the pack's title, then question, tiles left, streak and score."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from clarity.core.messages import N_
from clarity.core.round import Round
from clarity.i18n import Translator
from clarity.ui.assets import Assets
from clarity.ui.effects import CountingNumber
from clarity.ui.regions import Region
from clarity.ui.textfit import ellipsize
from clarity.ui.theme import Colour, Metrics

#: Each item's label, drawn in capitals (uppercased in the interface's language).
LABELS = {
    # Translators: labels of the top bar, shown in capitals over little room: keep them short
    "score": N_("Score"),
    "streak": N_("Streak"),
    "tiles": N_("Tiles left"),
    "question": N_("Question"),
}
#: The shares of their sizes the bar's texts take, one after the other, until they fit.
HUD_SHRINK = (1.0, 0.9, 0.8, 0.7, 0.6)
TITLE_LEAST = 10.0  # units: the room the pack's title keeps at the least


class HudBar:
    """Lays out and draws the bar; the score is drawn apart, every frame, as it counts."""

    def __init__(self, assets: Assets, round_: Round, translator: Callable[[], Translator]) -> None:
        self.assets = assets
        self.round = round_
        self._translator = translator  # the interface's words now (the language may change)
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._metrics = assets.look.metrics((1280, 720))  # until laid out
        self._items: dict[str, pygame.Rect] = {}  # each value's room, by key
        self._title = ""
        self._title_box = pygame.Rect(0, 0, 0, 0)
        self._sizes = (1, 1, 1)  # the labels', the values' and the score's type sizes
        self._numbered = True  # the question's number is on the bar

    @property
    def score_anchor(self) -> tuple[int, int]:
        """Where flying points land."""
        return self._items.get("score", pygame.Rect(0, 0, 0, 0)).center

    def layout(self, width: int, metrics: Metrics) -> dict[str, pygame.Rect]:
        """Place the bar across the top of a window ``width`` wide; returns its boxes.

        The score at heading size, the values at body size, the labels small; with large
        text in a narrow window, all of them a step smaller at a time (never below the
        smallest type) until the items leave the pack's title some room.
        """
        self._metrics = metrics
        least = metrics.text_px(TITLE_LEAST)
        # first the question's number goes (the card's header says it too), then the type
        # shrinks
        for share, numbered in ((1.0, True), *((share, False) for share in HUD_SHRINK)):
            self._numbered = numbered
            self._sizes = tuple(
                max(metrics.tiny_size, round(size * share))
                for size in (metrics.small_size, metrics.body_size, metrics.heading_size)
            )
            boxes = self._place(width, metrics)
            if self._title_box.width >= least:
                break
        return boxes

    def label(self, key: str) -> str:
        """The label of the item ``key`` in the interface's language, in capitals."""
        return self._translator().gettext(LABELS[key]).upper()

    def _place(self, width: int, metrics: Metrics) -> dict[str, pygame.Rect]:
        assets = self.assets
        t = self._translator()
        label_size, value_size, score_size = self._sizes
        height = assets.font(score_size, True).get_linesize() + metrics.px(1.0)
        self.rect = pygame.Rect(0, 0, width, height)
        spacing = metrics.px(2.6)
        label_font = assets.font(label_size, True)
        value_font = assets.font(value_size, True)
        score_font = assets.font(score_size, True)
        board = self.round.board
        # each item as wide as its label and its widest value, from the right edge
        items: list[tuple[str, int]] = [("score", score_font.size(t.number(88888))[0])]
        if self.round.rules.streaks:
            items.append(("streak", value_font.size(t.number(88))[0]))
        items.append(("tiles", value_font.size(self._tiles_text(board.total))[0]))
        if self._numbered:
            items.append(("question", value_font.size(t.number(len(self.round.pack.questions)))[0]))
        boxes: dict[str, pygame.Rect] = {}
        self._items = {}
        right = width - metrics.margin
        for key, value_w in items:
            item_w = label_font.size(self.label(key))[0] + metrics.px(0.6) + value_w
            rect = pygame.Rect(right - item_w, 0, item_w, height)
            self._items[key] = rect
            boxes[f"hud_{key}"] = rect.copy()
            right = rect.left - spacing
        self._title_box = pygame.Rect(metrics.margin, 0, max(0, right - metrics.margin), height)
        self._title = ellipsize(value_font, self.round.pack.title, self._title_box.width)
        if self._title:
            title_w = value_font.size(self._title)[0]
            boxes["hud_title"] = pygame.Rect(self._title_box.x, 0, title_w, height)
        return boxes

    def _tiles_text(self, hidden: int) -> str:
        """``hidden`` of the board's tiles: "4 / 6" (numbers and a sign: no words)."""
        t = self._translator()
        return f"{t.number(hidden)} / {t.number(self.round.board.total)}"

    def draw_base(self, base: pygame.Surface) -> None:
        """The bar's background and its edge, which only the window size and the look change."""
        palette = self.assets.look.palette
        pygame.draw.rect(base, palette.bar, self.rect)
        line = max(1, self._metrics.px(0.15))
        pygame.draw.line(
            base, palette.panel_edge, self.rect.bottomleft, self.rect.bottomright, line
        )

    def region(self, layout: int) -> Region:
        """The still part of the bar: all but the score (``layout`` counts the layouts)."""
        round_ = self.round
        key = (layout, round_.streak, round_.board.hidden_count, round_.question_number)
        return Region("hud", self.rect, key, self._draw)

    def _draw(self, surface: pygame.Surface) -> None:
        palette = self.assets.look.palette
        value_size = self._sizes[1]
        if self._title:
            title = self.assets.text(self._title, value_size, palette.text, bold=True)
            surface.blit(title, title.get_rect(midleft=self._title_box.midleft))
        round_ = self.round
        board = round_.board
        streak_colour = palette.accent if round_.streak >= 2 else palette.text
        t = self._translator()
        self._draw_item(surface, "streak", t.number(round_.streak), value_size, streak_colour)
        tiles = self._tiles_text(board.hidden_count)
        self._draw_item(surface, "tiles", tiles, value_size, palette.text)
        number = t.number(max(1, round_.question_number))
        self._draw_item(surface, "question", number, value_size, palette.text)

    def draw_score(self, surface: pygame.Surface, score: CountingNumber) -> pygame.Rect:
        """The score as it counts, in the accent colour while it does; returns where."""
        palette = self.assets.look.palette
        colour = palette.accent if score.counting else palette.text
        value = self._translator().number(score.value)
        return self._draw_item(surface, "score", value, self._sizes[2], colour)

    def _draw_item(
        self, surface: pygame.Surface, key: str, value: str, size: int, colour: Colour
    ) -> pygame.Rect:
        rect = self._items.get(key)
        if rect is None:
            return pygame.Rect(0, 0, 0, 0)
        metrics = self._metrics
        muted = self.assets.look.palette.text_muted
        label = self.assets.text(self.label(key), self._sizes[0], muted, bold=True)
        text = self.assets.text(value, size, colour, bold=True)
        # the label sits just before its value, both ending at the item's right edge
        value_rect = surface.blit(text, text.get_rect(midright=rect.midright))
        label_rect = label.get_rect(midright=(value_rect.left - metrics.px(0.6), rect.centery))
        return value_rect.union(surface.blit(label, label_rect))
