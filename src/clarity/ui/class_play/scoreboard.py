"""The class game's scoreboard: one chip per team, with its emblem, name, score and what it
may or may not do now, across the top of the projector screen.

Each chip is the team's emblem, its name and its score on one line (the score large,
counting up as points come in), then one line of what concerns the team now: its turn,
its buzz, a steal offered, a lockout, its streak. The team that answers now has its chip
filled with its colour. The chips sit in as few rows as hold every team's name and a
four-digit score side by side on one line (six teams at large text in a 4:3 window take
two or three rows): a score is never wrapped nor cut, a name is never dropped.
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

#: The widest score a chip keeps room for (four digits: a team's usual round), written with
#: a digit as wide as any and the language's separator; a longer one is drawn smaller.
WIDEST_SCORE = 8_888


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


def one_line_size(
    assets: Assets, text: str, largest: int, least: int, width: int, *, bold: bool = True
) -> int:
    """The largest type size from ``largest`` down to ``least`` at which ``text`` is one
    line no wider than ``width`` pixels (``least`` when none is)."""
    size = largest
    while size > least and assets.fitter.width(text, size, bold) > width:
        size -= 1
    return size


@dataclass(frozen=True, slots=True)
class ChipText:
    """What one chip drew last: its ``name`` and ``score`` as written, where (``name_box``,
    ``score_box``: the drawn text's own rect, in the window) and at which type sizes."""

    name: str
    name_box: pygame.Rect
    name_size: int
    score: str
    score_box: pygame.Rect
    score_size: int


class Scoreboard:
    """Lays out and draws the teams' chips; the scores count in ``scores`` (one
    :class:`CountingNumber` per team, set by the screen, at once under reduced motion)."""

    def __init__(self, assets: Assets, scores: Sequence[int]) -> None:
        self.assets = assets
        self.scores = [CountingNumber(score) for score in scores]
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.chips: list[pygame.Rect] = []
        #: what each chip drew last (layout tests: a name and a score whole, on one line)
        self.shown: dict[int, ChipText] = {}
        self._metrics = assets.look.metrics((1280, 720))
        self._rows = 1
        self._per_row = 1
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

    def height_for(
        self,
        width: int,
        metrics: Metrics,
        names: Sequence[str],
        number: Callable[[int], str],
        *,
        compact: int = 0,
    ) -> int:
        """The height the chips take across ``width`` pixels, in as few rows as hold each
        of ``names`` (at the least name size) beside a four-digit score written by
        ``number``, on one line. ``compact`` (large text in a small window) 1: the score at
        the name's size and the note smaller; 2: the score smaller still if that saves a
        row; 3: no note line either (the chip's fill says who answers and its dimming who
        is locked out; the status line says whose move it is, and why a buzz or a guess
        is refused when it is)."""
        self._compact = compact
        self._metrics = metrics
        sizes = {
            0: (metrics.heading_size,),
            1: (metrics.body_size,),
        }.get(compact, (metrics.body_size, metrics.small_size))
        teams = len(self.scores)
        gap = metrics.px(0.8)
        # the most compact: a smaller score in fewer rows rather than a larger one in more
        # (the rows are height the board and the question lose)
        best: tuple[int, int, int] | None = None
        for size in sizes:
            self._score_size = size
            self._name_h = self.assets.font(size, True).get_linesize()
            need = self._least_chip_width(metrics, names, number)
            per_row = 1
            for fits in range(teams, 0, -1):
                if (width - (fits - 1) * gap) / fits >= need:
                    per_row = fits
                    break
            rows = math.ceil(teams / per_row)
            if best is None or rows < best[1]:
                best = (size, rows, math.ceil(teams / rows))  # the rows evenly filled
        assert best is not None
        self._score_size, self._rows, self._per_row = best
        self._name_h = self.assets.font(self._score_size, True).get_linesize()
        note_size = metrics.small_size if not compact else metrics.tiny_size
        self._note_size = note_size
        self._note_h = 0 if compact == 3 else self.assets.font(note_size, True).get_linesize()
        pad = metrics.px(0.6)
        chip_h = self._name_h + self._note_h + 2 * pad
        return self._rows * chip_h + (self._rows - 1) * gap

    def _least_chip_width(
        self, metrics: Metrics, names: Sequence[str], number: Callable[[int], str]
    ) -> float:
        """A chip's least width: its emblem, the longest name at the least size and the
        widest score at the score's size, side by side with their gaps."""
        fitter = self.assets.fitter
        pad = metrics.px(0.6)
        name_w = max((fitter.width(name, metrics.tiny_size, True) for name in names), default=0)
        score_w = fitter.width(number(WIDEST_SCORE), self._score_size, True)
        emblem = min(self._name_h, self.assets.font(metrics.body_size, True).get_linesize()) * 0.8
        return 2 * pad + emblem + name_w + score_w + 2 * metrics.px(0.6)

    def layout(
        self,
        rect: pygame.Rect,
        metrics: Metrics,
        names: Sequence[str],
        number: Callable[[int], str],
        *,
        compact: int = 0,
    ) -> dict[str, pygame.Rect]:
        """Place the chips in ``rect`` (as tall as :meth:`height_for` said); their boxes by
        name ("team_1"...)."""
        self.height_for(rect.width, metrics, names, number, compact=compact)
        self.rect = rect
        teams = len(self.scores)
        gap = metrics.px(0.8)
        per_row = self._per_row
        chip_w = (rect.width - (per_row - 1) * gap) // per_row
        chip_h = (rect.height - (self._rows - 1) * gap) // self._rows
        self.chips = []
        for team in range(teams):
            row, col = divmod(team, per_row)
            # a last row of fewer chips sits in the middle
            in_row = min(per_row, teams - row * per_row)
            indent = (per_row - in_row) * (chip_w + gap) // 2
            self.chips.append(
                pygame.Rect(
                    rect.x + indent + col * (chip_w + gap),
                    rect.y + row * (chip_h + gap),
                    chip_w,
                    chip_h,
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
        line = pygame.Rect(inner.x, inner.y, inner.width, self._name_h)
        # the score at the right on one line, never wrapped nor cut: as large as the chip
        # allows (a score past five digits is drawn a little smaller)
        shown = number(self.scores[team].value)
        score_size = one_line_size(
            assets, shown, self._score_size, metrics.tiny_size, max(1, inner.width // 2)
        )
        score = assets.text(shown, score_size, muted, bold=True)
        score_rect = score.get_rect(midright=line.midright)
        surface.blit(score, score_rect)
        radius = min(self._name_h, assets.font(metrics.body_size, True).get_linesize()) * 0.4
        centre = (inner.x + radius, line.centery)
        draw_emblem(surface, look, chip.emblem, centre, radius, on_fill=chip.active)
        # the name in the rest of the line, beside the emblem: one line, shrinking first
        name_x = round(inner.x + 2 * radius + metrics.px(0.6))
        room = max(1, score_rect.left - metrics.px(0.6) - name_x)
        largest = min(metrics.body_size, self._score_size)  # within the line's height
        size = one_line_size(assets, chip.name, largest, metrics.tiny_size, room)
        name = assets.text(chip.name, size, ink, bold=True)
        name_rect = name.get_rect(midleft=(name_x, line.centery))
        surface.blit(name, name_rect, pygame.Rect(0, 0, room, name_rect.height))
        self.shown[team] = ChipText(chip.name, name_rect, size, shown, score_rect, score_size)
        if chip.note and self._note_h:
            note_box = pygame.Rect(inner.x, line.bottom, inner.width, self._note_h)
            note = assets.fit_text(
                chip.note, self._note_size, metrics.tiny_size, muted, note_box.size, bold=True
            )
            # a long note in a narrow chip at large text: what does not fit stays in the chip
            surface.blit(note, note_box, pygame.Rect(0, 0, *note_box.size))
