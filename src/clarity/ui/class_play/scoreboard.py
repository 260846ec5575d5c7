"""The class game's scoreboard: one chip per team, with its emblem, name, score and what it
may or may not do now, across the top of the projector screen.

Each chip is the team's emblem and name over its score (large, counting up as points come
in), then one line of what concerns the team now: its turn, its buzz, a steal offered, a
lockout, its streak. The team that answers now has its chip filled with its colour. The
chips sit in one row when they are readable there, else in two (six teams at large text in
a 4:3 window); every text is fitted to its chip, never cut.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from clarity.ui.assets import Assets
from clarity.ui.effects import CountingNumber
from clarity.ui.emblems import draw_emblem
from clarity.ui.theme import Metrics
from clarity.ui.widgets import draw_panel

#: Units: the least width of a chip in one row (a name and a 5-digit score at body size).
CHIP_LEAST = 24.0
#: Units: the same for a compact chip (the name and the score on one line, the name
#: shrinking first).
COMPACT_CHIP_LEAST = 13.0
#: Units: a chip of the emblem and the score alone.
EMBLEM_CHIP_LEAST = 7.0


@dataclass(frozen=True, slots=True)
class TeamChip:
    """What one team's chip shows: ``name`` (as the class typed it), ``emblem`` (0-5),
    ``note`` (what concerns the team now, in the interface's language; "" for nothing),
    ``active`` (it answers or guesses now: its chip filled) and ``muted`` (locked out of
    this question: its chip dimmed)."""

    name: str
    emblem: int
    note: str
    active: bool = False
    muted: bool = False


class Scoreboard:
    """Lays out and draws the teams' chips; the scores count in ``scores`` (one
    :class:`CountingNumber` per team, set by the screen, at once under reduced motion)."""

    def __init__(self, assets: Assets, scores: Sequence[int]) -> None:
        self.assets = assets
        self.scores = [CountingNumber(score) for score in scores]
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.chips: list[pygame.Rect] = []
        self._metrics = assets.look.metrics((1280, 720))
        self._rows = 1
        self._name_h = 0
        self._note_h = 0
        self._compact = 0
        self._score_size = self._metrics.heading_size

    @property
    def counting(self) -> bool:
        return any(score.counting for score in self.scores)

    def update(self, dt: float) -> None:
        for score in self.scores:
            score.update(dt)

    def height_for(self, width: int, metrics: Metrics, *, compact: int = 0) -> int:
        """The height the chips take across ``width`` pixels (one or two rows). ``compact``
        (large text in a small window) 1: each chip one line, its score at the name's size,
        without its note; 2: the emblem and the score alone (the status line names the team
        that answers, and its chip is filled)."""
        self._compact = compact
        self._metrics = metrics
        self._score_size = metrics.body_size if compact else metrics.heading_size
        teams = len(self.scores)
        gap = metrics.px(0.8)
        least = metrics.text_px((CHIP_LEAST, COMPACT_CHIP_LEAST, EMBLEM_CHIP_LEAST)[compact])
        self._rows = 1 if (width - (teams - 1) * gap) / teams >= least else 2
        assets = self.assets
        # the name beside the score on the first line, what concerns the team on the next
        self._name_h = assets.font(self._score_size, True).get_linesize()
        # compact: one line, the chip's fill and dimming say what the notes said (the status
        # line says the rest)
        self._note_h = 0 if compact else assets.font(metrics.small_size, True).get_linesize()
        pad = metrics.px(0.6)
        chip_h = self._name_h + self._note_h + 2 * pad
        return self._rows * chip_h + (self._rows - 1) * gap

    def layout(
        self, rect: pygame.Rect, metrics: Metrics, *, compact: int = 0
    ) -> dict[str, pygame.Rect]:
        """Place the chips in ``rect`` (as tall as :meth:`height_for` said); their boxes by
        name ("team_1"...)."""
        self.height_for(rect.width, metrics, compact=compact)
        self.rect = rect
        teams = len(self.scores)
        gap = metrics.px(0.8)
        per_row = math.ceil(teams / self._rows)
        chip_w = (rect.width - (per_row - 1) * gap) // per_row
        chip_h = (rect.height - (self._rows - 1) * gap) // self._rows
        self.chips = []
        for team in range(teams):
            row, col = divmod(team, per_row)
            self.chips.append(
                pygame.Rect(
                    rect.x + col * (chip_w + gap), rect.y + row * (chip_h + gap), chip_w, chip_h
                )
            )
        return {f"team_{team + 1}": chip.copy() for team, chip in enumerate(self.chips)}

    def key(self, chips: Sequence[TeamChip]) -> tuple[object, ...]:
        """What the chips show now (the region is drawn again when it changes)."""
        return (tuple(chips), tuple(score.value for score in self.scores))

    def draw(
        self, surface: pygame.Surface, chips: Sequence[TeamChip], number: Callable[[int], str]
    ) -> None:
        """The chips; ``number`` writes a score in the interface's language."""
        for team, chip in enumerate(chips):
            self._draw_chip(surface, team, chip, number)

    def _draw_chip(
        self, surface: pygame.Surface, team: int, chip: TeamChip, number: Callable[[int], str]
    ) -> None:
        metrics = self._metrics
        assets = self.assets
        look = assets.look
        palette = look.palette
        style = look.team(chip.emblem)
        rect = self.chips[team]
        if chip.active:
            draw_panel(surface, rect, metrics, style.colour, palette.text)
            ink = style.ink
            muted = style.ink
        else:
            draw_panel(surface, rect, metrics, palette.panel, style.colour)
            ink = style.colour if not chip.muted else palette.text_muted
            muted = palette.text_muted if chip.muted else palette.text
        pad = metrics.px(0.6)
        inner = rect.inflate(-2 * pad, -2 * pad)
        # the score at the right, as wide as it needs; the name in the rest, beside the emblem
        shown = number(self.scores[team].value)
        score_room = (max(1, inner.width // 2), self._name_h)
        score = assets.fit_text(
            shown, self._score_size, metrics.small_size, muted, score_room, bold=True
        )
        score_rect = score.get_rect(topright=inner.topright)
        surface.blit(score, score_rect)
        name_h = assets.font(metrics.body_size, True).get_linesize()
        radius = name_h * 0.4
        centre = (inner.x + radius, inner.y + self._name_h / 2)
        draw_emblem(surface, look, chip.emblem, centre, radius, on_fill=chip.active)
        if self._compact == 2:
            return
        name_x = round(inner.x + 2 * radius + metrics.px(0.6))
        room = (max(1, score_rect.left - metrics.px(0.6) - name_x), self._name_h)
        name = assets.fit_text(
            chip.name, metrics.body_size, metrics.tiny_size, ink, room, bold=True
        )
        surface.blit(name, name.get_rect(midleft=(name_x, round(centre[1]))))
        if chip.note and self._note_h:
            note_box = pygame.Rect(inner.x, inner.y + self._name_h, inner.width, self._note_h)
            note = assets.fit_text(
                chip.note, metrics.small_size, metrics.tiny_size, muted, note_box.size, bold=True
            )
            # a long note in a narrow chip at large text: what does not fit stays in the chip
            surface.blit(note, note_box, pygame.Rect(0, 0, *note_box.size))
