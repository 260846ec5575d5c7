"""The card beside the board: a panel with a header (what kind of question, its clock) over
whatever the moment shows: the question and its answer, the guess field, or the end."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator

import pygame

from clarity.core.messages import N_
from clarity.core.packs.models import (
    ChoiceQuestion,
    NumberQuestion,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.round import AnswerResult, Round
from clarity.i18n import Translator
from clarity.ui.assets import Assets
from clarity.ui.effects import ease_out
from clarity.ui.play.card_layout import FIXED, CardLayout
from clarity.ui.play.end_card import layout_end
from clarity.ui.play.guess_card import GuessCard
from clarity.ui.play.question_card import QuestionCard
from clarity.ui.play.stage import Stage
from clarity.ui.regions import Region
from clarity.ui.theme import Metrics
from clarity.ui.widgets import FocusGroup, TextBlock, draw_panel

PAGE_SHARE = 0.8  # of the card's height a page key scrolls: the last lines stay in sight

#: What kind of question is asked, as the card's header says it (in capitals).
_KINDS = {
    ChoiceQuestion: N_("Choose one"),
    TrueFalseQuestion: N_("True or false"),
    TypedQuestion: N_("Type the answer"),
    NumberQuestion: N_("Type a number"),
}


class Card:
    """The card section: laid out again whenever the moment changes (``layout``), drawn
    from that layout; its clock, text field and wipe are drawn every frame. ``team_name``
    names a class game's contestants (its end card says which team guessed)."""

    def __init__(
        self,
        assets: Assets,
        round_: Round,
        question: QuestionCard,
        guess: GuessCard,
        translator: Callable[[], Translator],
        *,
        team_name: Callable[[int], str] | None = None,
    ) -> None:
        self.assets = assets
        self.round = round_
        self._translator = translator  # the interface's words now (the language may change)
        self._team_name = team_name  # a class game's teams by contestant (end card)
        self.question = question
        self.guess = guess
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.region_rect = pygame.Rect(0, 0, 0, 0)
        self.now = CardLayout(assets.look.metrics((1280, 720)), pygame.Rect(0, 0, 0, 0), 0)
        self.version = 0  # counts the layouts: the card's region is drawn again after each
        #: where the contents show, under the header and the clock
        self.view = pygame.Rect(0, 0, 0, 0)
        self.scroll = 0  # pixels of the contents scrolled up out of view
        self.scroll_max = 0
        self._moment: tuple[Stage, int] | None = None
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
        self._moment = None  # laid out anew: a verdict brings its answer into view again

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
        line = font.get_linesize()
        clock_w = font.size(self._clock_text(888))[0]
        # the header beside the clock; with large text in a narrow card, smaller or on
        # two lines
        label = self._header(stage)
        room = (inner.width - clock_w - small_gap, 2 * line)
        muted = assets.look.palette.text_muted
        text = assets.fit_text(label, metrics.small_size, metrics.tiny_size, muted, room, bold=True)
        header = pygame.Rect(inner.x, inner.y, inner.width, max(line, text.get_height()))
        self._clock = pygame.Rect(header.right - clock_w, header.y, clock_w, line)
        self._timebar = pygame.Rect(
            inner.x, header.bottom + small_gap, inner.width, metrics.px(0.8)
        )
        top = self._timebar.bottom + metrics.gap
        self.view = pygame.Rect(inner.x, top, inner.width, max(0, inner.bottom - top))
        block = TextBlock(text, text.get_rect(topleft=header.topleft), label)
        if text.get_height() <= line:
            block.rect.midleft = (header.x, self._clock.centery)

        out = self._contents(stage, feedback, block, inner)
        excess = max(out.overflow(), out.needed - self.view.height)
        self.scroll_max = 0
        # a pixel or two is SDL_ttf's line spacing against the measure, blank space cut
        if excess > max(2, metrics.px(0.3)):
            # more than the card holds (large text, a long question): laid out whole in
            # a taller card, whose contents scroll under the header
            taller = inner.copy()
            taller.height += excess
            out = self._contents(stage, feedback, block, taller)
            self.scroll_max = max(0, out.bottom() - self.view.bottom)
        moment = (stage, self.round.question_number)
        new_moment = moment != self._moment
        if new_moment:
            self.scroll = 0  # a new question (or guess, or the end) starts at the top
        self._moment = moment
        self.scroll = min(self.scroll, self.scroll_max)
        out.shift(-self.scroll)
        self.now = out
        self.version += 1
        if new_moment and stage is Stage.ANSWERED:
            self._show_answer()
        return out

    def _show_answer(self) -> None:
        """After an answer on a card that scrolls: the right answer and the verdict in view
        when the view holds both; else the right answer at the top, the verdict further
        down (PageDown, the wheel)."""
        right, verdict = self.question.answer_boxes(self.now)
        if right is None:
            self.show(verdict)
            return
        both = right.union(verdict)
        if both.height <= self.view.height:
            self.show(both)
        else:
            self.scroll_by(right.top - self.view.top)

    def _contents(
        self, stage: Stage, feedback: AnswerResult | None, header: TextBlock, inner: pygame.Rect
    ) -> CardLayout:
        out = CardLayout(self.now.metrics, inner, self.view.top, view_bottom=self.view.bottom)
        out.texts["header"] = header
        out.boxes["card_header"] = header.rect.copy()
        timed = stage in (Stage.ASKING, Stage.ANSWERED) and self.round.time_limit is not None
        if timed:
            out.boxes["clock"] = self._clock.copy()
            out.boxes["timebar"] = self._timebar.copy()
        if stage.guessing:
            self.guess.layout(out, self._button_h, can_cancel=stage is Stage.GUESSING)
        elif stage is Stage.OVER:
            layout_end(out, self.assets, self.round, self._translator(), self._team_name)
        else:
            self.question.layout(out, self._button_h, feedback)
        return out

    # -- scrolling ------------------------------------------------------------------------

    @property
    def scrolls(self) -> bool:
        """Whether the contents are taller than the card (they scroll under its header)."""
        return self.scroll_max > 0

    def scroll_by(self, pixels: int) -> bool:
        """Scroll the contents ``pixels`` down (negative: up); True when they moved."""
        target = max(0, min(self.scroll_max, self.scroll + pixels))
        if target == self.scroll:
            return False
        self.now.shift(self.scroll - target)
        self.scroll = target
        self.version += 1
        return True

    def page(self, direction: int) -> bool:
        """A page down (1) or up (-1): most of the card's height."""
        return self.scroll_by(direction * round(self.view.height * PAGE_SHARE))

    def show(self, rect: pygame.Rect) -> None:
        """Scroll just enough that ``rect`` (where something on the card is now) is in view."""
        if rect.top < self.view.top:
            self.scroll_by(rect.top - self.view.top)
        elif rect.bottom > self.view.bottom:
            self.scroll_by(min(rect.bottom - self.view.bottom, rect.top - self.view.top))

    def hides(self, pos: tuple[int, int]) -> bool:
        """Whether ``pos`` is on a part of the card's contents scrolled out of view (a
        click there presses nothing)."""
        if self.view.collidepoint(pos):
            return False
        return any(button.rect.collidepoint(pos) for button, _ in self.now.buttons)

    def visible_boxes(self) -> dict[str, pygame.Rect]:
        """The boxes of what is in view now (a box scrolled partly out of view is not)."""
        return {
            name: box.copy()
            for name, box in self.now.boxes.items()
            if name in FIXED or not self.scrolls or self.view.contains(box)
        }

    def _header(self, stage: Stage) -> str:
        """What the card's header says, in capitals (as the language writes them)."""
        t = self._translator()
        if stage is Stage.OVER:
            return t.gettext("Round over").upper()
        if stage.guessing:
            return t.gettext("Guess the image").upper()
        kind = t.gettext(_KINDS[type(self.round.question)])
        # Translators: the card's header, before the kind of question ("Choose one")
        number = t.gettext("Question {number}", number=self.round.question_number)
        return f"{number}  ·  {kind}".upper()

    def _clock_text(self, seconds: int) -> str:
        # Translators: the seconds left on the question's clock, short: "12 s"
        return self._translator().gettext("{seconds} s", seconds=seconds)

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
        now.texts["header"].draw(surface)
        with self._clipped(surface):
            for name, text in now.texts.items():
                if name != "header":
                    text.draw(surface)
            for picture, rect, edge in now.pictures:
                surface.blit(picture, rect)
                edge_colour = self.assets.look.palette.panel_edge
                pygame.draw.rect(surface, edge_colour, rect.inflate(2 * edge, 2 * edge), edge)
            for button, size in now.buttons:
                focus.draw_button(surface, button, self.assets, now.metrics, size)
        if self.scrolls:
            self._draw_scrollbar(surface)

    @contextlib.contextmanager
    def _clipped(self, surface: pygame.Surface) -> Iterator[None]:
        """Drawing inside: kept to the view when the contents scroll."""
        previous = surface.get_clip()
        if not self.scrolls:
            yield
            return
        surface.set_clip(self.view.clip(previous))
        try:
            yield
        finally:
            surface.set_clip(previous)

    def _draw_scrollbar(self, surface: pygame.Surface) -> None:
        """How far the contents are scrolled, at the card's right edge."""
        metrics = self.now.metrics
        palette = self.assets.look.palette
        track = pygame.Rect(0, self.view.y, max(4, metrics.px(0.5)), self.view.height)
        track.left = self.view.right + metrics.px(0.4)
        pygame.draw.rect(surface, palette.track, track, border_radius=track.width // 2)
        total = self.view.height + self.scroll_max
        thumb_h = max(track.width * 3, round(track.height * self.view.height / total))
        thumb_y = track.y + round((track.height - thumb_h) * self.scroll / self.scroll_max)
        thumb = pygame.Rect(track.x, thumb_y, track.width, thumb_h)
        pygame.draw.rect(surface, palette.text_muted, thumb, border_radius=track.width // 2)

    def draw_moving(
        self, surface: pygame.Surface, seconds: float, intro: float
    ) -> list[pygame.Rect]:
        """The clock after ``seconds`` on the question, the text field, and the new
        question wiping in (``intro`` from 0 to 1). Returns where it drew."""
        drawn = self._draw_clock(surface, seconds)
        with self._clipped(surface):
            if self.now.live is not None:
                drawn += [rect.clip(surface.get_clip()) for rect in self.now.live(surface)]
            if intro < 1.0 and self.now.wipe is not None:
                # the new question wipes in from the left over a plain card
                wipe = self.now.wipe
                cover = wipe.copy()
                cover.width = round(wipe.width * (1.0 - ease_out(intro)))
                cover.right = wipe.right
                palette = self.assets.look.palette
                drawn.append(pygame.draw.rect(surface, palette.panel, cover))
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
        clock = self._clock_text(math.ceil(left))
        text = self.assets.text(clock, metrics.small_size, colour, bold=True)
        return [track.copy(), surface.blit(text, text.get_rect(midright=self._clock.midright))]
