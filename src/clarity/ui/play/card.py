"""The card beside the board: a panel with a header (what kind of question, its clock) over
whatever the moment shows: the question and its answer, the guess field, or the end."""

from __future__ import annotations

import math

import pygame

from clarity.core.packs import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import AnswerResult, Round
from clarity.ui.assets import Assets
from clarity.ui.effects import ease_out
from clarity.ui.play.card_layout import CardLayout
from clarity.ui.play.end_card import layout_end
from clarity.ui.play.guess_card import GuessCard
from clarity.ui.play.question_card import QuestionCard
from clarity.ui.play.stage import Stage
from clarity.ui.regions import Region
from clarity.ui.theme import Metrics
from clarity.ui.widgets import FocusGroup, TextBlock, draw_panel

_KINDS = {
    ChoiceQuestion: "CHOOSE ONE",
    TrueFalseQuestion: "TRUE OR FALSE",
    TypedQuestion: "TYPE THE ANSWER",
}


class Card:
    """The card section: laid out again whenever the moment changes (``layout``), drawn
    from that layout; its clock, text field and wipe are drawn every frame."""

    def __init__(
        self, assets: Assets, round_: Round, question: QuestionCard, guess: GuessCard
    ) -> None:
        self.assets = assets
        self.round = round_
        self.question = question
        self.guess = guess
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.region_rect = pygame.Rect(0, 0, 0, 0)
        self.now = CardLayout(assets.look.metrics((1280, 720)), pygame.Rect(0, 0, 0, 0), 0)
        self.version = 0  # counts the layouts: the card's region is drawn again after each
        self._button_h = 0
        self._clock = pygame.Rect(0, 0, 0, 0)
        self._timebar = pygame.Rect(0, 0, 0, 0)

    def place(
        self, rect: pygame.Rect, region: pygame.Rect, metrics: Metrics, button_h: int
    ) -> None:
        """The card's panel at ``rect``; ``region`` is the part of the window it redraws."""
        self.rect = rect
        self.region_rect = region
        self.now = CardLayout(metrics, rect.copy(), 0)
        self._button_h = button_h

    @property
    def placed(self) -> bool:
        return self.rect.width > 0

    def layout(self, stage: Stage, feedback: AnswerResult | None) -> CardLayout:
        """Lay the card out for ``stage``; every text is rendered here, once."""
        metrics = self.now.metrics
        assets = self.assets
        pad = metrics.px(1.6)
        small_gap = metrics.px(0.9)
        inner = self.rect.inflate(-2 * pad, -2 * pad)
        font = assets.font(metrics.small_size, True)
        header = pygame.Rect(inner.x, inner.y, inner.width, font.get_linesize())
        clock_w = font.size("000 s")[0]
        self._clock = pygame.Rect(header.right - clock_w, header.y, clock_w, header.height)
        self._timebar = pygame.Rect(
            inner.x, header.bottom + small_gap, inner.width, metrics.px(0.8)
        )
        out = CardLayout(metrics, inner, self._timebar.bottom + metrics.gap)
        label = self._header(stage)
        text = assets.text(label, metrics.small_size, assets.look.palette.text_muted, bold=True)
        out.texts["header"] = TextBlock(text, text.get_rect(midleft=header.midleft), label)
        out.boxes["card_header"] = out.texts["header"].rect.copy()
        timed = stage in (Stage.ASKING, Stage.ANSWERED) and self.round.time_limit is not None
        if timed:
            out.boxes["clock"] = self._clock.copy()
            out.boxes["timebar"] = self._timebar.copy()

        if stage.guessing:
            self.guess.layout(out, self._button_h, can_cancel=stage is Stage.GUESSING)
        elif stage is Stage.OVER:
            layout_end(out, assets, self.round)
        else:
            self.question.layout(out, self._button_h, feedback)
        self.now = out
        self.version += 1
        return out

    def _header(self, stage: Stage) -> str:
        if stage is Stage.OVER:
            return "ROUND OVER"
        if stage.guessing:
            return "GUESS THE IMAGE"
        kind = _KINDS[type(self.round.question)]
        return f"QUESTION {self.round.question_number}  ·  {kind}"

    def handle_click(self, pos: tuple[int, int], stage: Stage) -> bool:
        """A click anywhere on the card goes on from a verdict; True when it did."""
        if stage is Stage.ANSWERED and self.rect.collidepoint(pos):
            self.question.next_button.press()
            return True
        return False

    # -- drawing ------------------------------------------------------------------------

    def draw_base(self, base: pygame.Surface) -> None:
        """The empty panel, which only the window size and the look change."""
        palette = self.assets.look.palette
        draw_panel(base, self.rect, self.now.metrics, palette.panel, palette.panel_edge)

    def region(self, layout: int, focus: FocusGroup) -> Region:
        """The card as laid out, with the focus ring and the hover on its buttons."""
        mine = {id(button) for button, _ in self.now.buttons}
        ringed, hovered = focus.ringed, focus.hovered
        key = (
            layout,
            self.version,
            id(ringed) if id(ringed) in mine else None,
            id(hovered) if id(hovered) in mine else None,
        )
        return Region("card", self.region_rect, key, lambda s: self._draw(s, focus))

    def _draw(self, surface: pygame.Surface, focus: FocusGroup) -> None:
        now = self.now
        for text in now.texts.values():
            text.draw(surface)
        for picture, rect, edge in now.pictures:
            surface.blit(picture, rect)
            edge_colour = self.assets.look.palette.panel_edge
            pygame.draw.rect(surface, edge_colour, rect.inflate(2 * edge, 2 * edge), edge)
        for button, size in now.buttons:
            focus.draw_button(surface, button, self.assets, now.metrics, size)

    def draw_moving(
        self, surface: pygame.Surface, seconds: float, intro: float
    ) -> list[pygame.Rect]:
        """The clock after ``seconds`` on the question, the text field, and the new
        question wiping in (``intro`` from 0 to 1). Returns where it drew."""
        drawn = self._draw_clock(surface, seconds)
        if self.now.live is not None:
            drawn += self.now.live(surface)
        if intro < 1.0 and self.now.wipe is not None:
            # the new question wipes in from the left over a plain card
            wipe = self.now.wipe
            cover = wipe.copy()
            cover.width = round(wipe.width * (1.0 - ease_out(intro)))
            cover.right = wipe.right
            drawn.append(pygame.draw.rect(surface, self.assets.look.palette.panel, cover))
        return drawn

    def _draw_clock(self, surface: pygame.Surface, seconds: float) -> list[pygame.Rect]:
        limit = self.round.time_limit
        left = self.round.time_left(seconds)
        if limit is None or left is None or "timebar" not in self.now.boxes:
            return []
        metrics = self.now.metrics
        share = left / limit
        palette = self.assets.look.palette
        colour = palette.right if share > 0.5 else palette.accent if share > 0.25 else palette.wrong
        track = self._timebar
        radius = track.height // 2
        pygame.draw.rect(surface, palette.track, track, border_radius=radius)
        fill = track.copy()
        fill.width = round(track.width * share)
        if fill.width > 0:
            pygame.draw.rect(surface, colour, fill, border_radius=radius)
        text = self.assets.text(f"{math.ceil(left)} s", metrics.small_size, colour, bold=True)
        return [track.copy(), surface.blit(text, text.get_rect(midright=self._clock.midright))]
