"""The Study screen: a pack's flashcards, scheduled by FSRS (:mod:`clarity.core.study`).

A card shows the question's prompt (and its picture) on the front; Space, Enter or a click
turns it (a flip, or at once with reduced motion) to the answer and the explanation; the
student then rates how well they remembered: Again, Hard, Good or Easy (keys 1-4 or the
mouse), each button saying when the card would come back. The review is saved through the
services (a guest's stay in memory, and the screen says so); the next card follows, due
ones first, then new ones within the day's limit (the setting "New cards a day"; the ones
begun earlier today count), the line under the title saying how many new cards are left
today. At the end a summary: cards reviewed,
how many were remembered and when the next card is due, and the study trophies the
session earned (:func:`clarity.core.trophies.newly_earned_study` over the player's study
totals before and after it), as chips in the results screen's look. The services give the
longest study streak only (``services.study_streak``), so the streak's trophy ("Steady
learner") is the one measured here; a guest earns none.

The time is :meth:`~clarity.ui.services.Services.now`, read when the session starts and at
each rating, so tests can travel in time.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pygame

from clarity.core.answers import right_answer_text
from clarity.core.messages import N_
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion
from clarity.core.study import CardState, Rating, next_intervals, review
from clarity.core.trophies import newly_earned_study
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, handle_key, key_hints
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.keys import ENTER, ESCAPE, SPACE, Digit
from clarity.ui.scene import Scene
from clarity.ui.trophy_chips import trophy_chips
from clarity.ui.widgets import Button, FocusGroup, draw_panel

if TYPE_CHECKING:
    from clarity.core.events import TrophyEarned
    from clarity.core.packs.loader import LoadedPack
    from clarity.i18n import Translator
    from clarity.ui.app import App
    from clarity.ui.services import StudyDeck

FLIP_SECONDS = 0.35  # the turn of a card, when motion is not reduced
RATING_LABELS = {
    Rating.Again: N_("Again"),
    Rating.Hard: N_("Hard"),
    Rating.Good: N_("Good"),
    Rating.Easy: N_("Easy"),
}
FRONT_KEYS = (
    Binding("turn", (SPACE, ENTER), N_("turn the card")),
    Binding("back", (ESCAPE,), N_("back")),
)
BACK_KEYS = (
    *(Binding("rate", (Digit(int(r)),), N_("rate"), cap="1-4", args=(r,)) for r in Rating),
    Binding("back", (ESCAPE,), N_("back")),
)
SUMMARY_KEYS = (Binding("back", (ENTER, SPACE, ESCAPE), N_("back")),)


def short_interval(wait: timedelta, t: Translator) -> str:
    """A wait as a button says it, short: "1 min", "10 min", "5 h", "2 d", "4 mo", "2 y"
    (rounded to the nearest whole unit, at least 1 min)."""
    minutes = wait.total_seconds() / 60
    if minutes < 60:
        # Translators: a wait in minutes on a study button, short: "10 min"
        return t.gettext("{count} min", count=t.number(max(1, round(minutes))))
    hours = minutes / 60
    if hours < 24:
        # Translators: a wait in hours on a study button, short: "5 h"
        return t.gettext("{count} h", count=t.number(round(hours)))
    days = hours / 24
    if days < 30.5:
        # Translators: a wait in days on a study button, short: "2 d"
        return t.gettext("{count} d", count=t.number(round(days)))
    if days < 365:
        # Translators: a wait in months on a study button, short: "4 mo"
        return t.gettext("{count} mo", count=t.number(round(days / 30.4)))
    # Translators: a wait in years on a study button, short: "2 y"
    return t.gettext("{count} y", count=t.number(round(days / 365.25)))


class StudyScene(Scene):
    """One study session of a pack's flashcards (``loaded``), then its summary."""

    name = "study"

    def __init__(self, app: App, *, loaded: LoadedPack) -> None:
        super().__init__(app)
        if loaded.pack is None:
            raise ValueError(f"the pack {loaded.path} did not load: it cannot be studied")
        self.loaded = loaded
        self.pack = loaded.pack
        self._questions = {q.id: q for q in self.pack.questions}
        services = app.services
        self.deck: StudyDeck = services.study_session(loaded, services.now())
        self.cards: list[CardState] = list(self.deck.cards)
        self.index = 0
        self.turned = False  # the back is showing (or turning to it)
        self.flip = 1.0  # 0..1 through the turn; 1: still
        self.reviewed = 0
        self.remembered = 0
        self.next_due: datetime | None = self.deck.next_due
        self.notice = ""  # why a review was not saved
        self.streak: int | None = None  # days in a row studied, once the session is over
        self._stats_before = services.study_stats()  # None: a guest
        self.trophies: tuple[TrophyEarned, ...] = ()  # earned by the session, at its end
        self.trophy_rects: list[pygame.Rect] = []  # where the summary drew them
        self.intervals: dict[Rating, timedelta] = {}
        self.turn_button = Button(N_("Turn the card"), self.turn, "Space", tone="main")
        self.rate_buttons = {
            r: Button(RATING_LABELS[r], lambda r=r: self.rate(r), str(int(r))) for r in Rating
        }
        self.back_button = Button(N_("Back"), self.back, "Esc")
        self.focus = FocusGroup([self.turn_button])
        self._backdrop = Backdrop()
        self._metrics = app.look.metrics(app.options.size)
        self.card_rect = pygame.Rect(0, 0, 0, 0)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._show_buttons()

    # -- the state (tests read it) ------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.index >= len(self.cards)

    @property
    def card(self) -> CardState | None:
        return None if self.finished else self.cards[self.index]

    @property
    def new_left(self) -> int:
        """The new cards still to come today in this session: those not yet rated (a card
        rated Again comes back as one already begun)."""
        return sum(card.is_new for card in self.cards[self.index :])

    @property
    def new_waiting(self) -> int:
        """The pack's cards never studied that this session leaves for another day (the
        day's limit of new cards kept them out)."""
        return self.deck.new_unseen - sum(card.is_new for card in self.deck.cards)

    # -- actions -------------------------------------------------------------------

    def turn(self) -> None:
        """Show the answer: a flip, or at once with reduced motion."""
        if self.finished or self.turned:
            return
        self.turned = True
        self.flip = 1.0 if self.app.look.reduced_motion else 0.0
        card = self.card
        assert card is not None
        self.intervals = next_intervals(card, self.app.services.now())
        self._show_buttons()

    def rate(self, rating: Rating) -> None:
        """Rate the card shown, save the review and go on to the next card."""
        card = self.card
        if card is None or not self.turned:
            return
        services = self.app.services
        after, record = review(card, rating, services.now())
        problem = services.save_review(after, record)
        if problem is not None:
            self.notice = self.app.translator.render(problem)
        self.reviewed += 1
        self.remembered += record.remembered
        if rating == Rating.Again:
            self.cards.append(after)  # seen again before the session ends
        elif after.due is not None and (self.next_due is None or after.due < self.next_due):
            self.next_due = after.due
        self.index += 1
        self.turned = False
        self.flip = 1.0
        if self.finished:
            # the streak as it stands today, on the student's own calendar
            before, after = self._stats_before, services.study_stats()
            if after is not None:  # a guest has no streak
                self.streak = services.current_study_streak(services.now().astimezone().date())
            if before is not None and after is not None:
                self.trophies = tuple(newly_earned_study(before, after))
        self._show_buttons()

    def back(self) -> None:
        self.app.pop()

    def _show_buttons(self) -> None:
        if self.finished:
            self.focus.set([self.back_button])
        elif self.turned:
            self.focus.set(list(self.rate_buttons.values()), columns=4)
            self.focus.index = list(Rating).index(Rating.Good)
        else:
            self.focus.set([self.turn_button])
        self.layout(self.app.size)

    def bindings(self) -> tuple[Binding, ...]:
        if self.finished:
            return SUMMARY_KEYS
        return BACK_KEYS if self.turned else FRONT_KEYS

    # -- the scene -----------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        t = self.app.translator
        width, height = size
        margin = metrics.margin
        hints = [(cap, t.gettext(label)) for cap, label in key_hints(self.bindings())]
        hints_height = key_hints_height(hints, assets, metrics, width - 2 * margin)
        self._hints_area = pygame.Rect(
            margin, height - margin // 2 - hints_height, width - 2 * margin, hints_height
        )
        line = assets.font(metrics.body_size, True).get_linesize()
        button_height = max(metrics.px(5.0), 2 * line + metrics.px(0.8))
        buttons_top = self._hints_area.top - metrics.gap - button_height
        heading = assets.font(metrics.heading_size, True).get_linesize()
        top = margin // 2 + heading + assets.font(metrics.small_size).get_linesize() + metrics.gap
        card_width = min(width - 2 * margin, metrics.px(90))
        self.card_rect = pygame.Rect(
            (width - card_width) // 2, top, card_width, buttons_top - metrics.gap - top
        )
        for button in (self.turn_button, self.back_button):
            turn = button is self.turn_button
            button.label = t.gettext("Turn the card") if turn else t.gettext("Back")
            button.rect = pygame.Rect(0, 0, min(card_width, metrics.px(30)), button_height)
            button.rect.midtop = (width // 2, buttons_top)
        gap = metrics.gap
        each = (card_width - 3 * gap) // 4
        for i, (rating, button) in enumerate(self.rate_buttons.items()):
            label = t.gettext(RATING_LABELS[rating])
            wait = self.intervals.get(rating)
            button.label = label if wait is None else f"{label}\n{short_interval(wait, t)}"
            button.rect = pygame.Rect(
                self.card_rect.left + i * (each + gap), buttons_top, each, button_height
            )

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            handle_key(self, self.bindings(), event)
            return
        if (
            event.type == pygame.MOUSEBUTTONUP
            and getattr(event, "button", 0) == 1
            and not self.finished
            and not self.turned
            and self.card_rect.collidepoint(event.pos)
        ):
            self.turn()
            return
        self.focus.handle_event(event)

    def update(self, dt: float) -> None:
        if self.flip < 1.0:
            self.flip = min(1.0, self.flip + dt / FLIP_SECONDS)

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        t = self.app.translator
        self._backdrop.draw(surface, palette)
        width = surface.get_width()
        margin = metrics.margin
        title = assets.text(self.pack.title, metrics.heading_size, palette.text, bold=True)
        surface.blit(title, title.get_rect(midtop=(width // 2, margin // 2)))
        sub = assets.text(self._subheading(t), metrics.small_size, palette.text_muted)
        surface.blit(sub, sub.get_rect(midtop=(width // 2, margin // 2 + title.get_height())))
        if self.finished:
            self._draw_summary(surface, t)
        else:
            self._draw_card(surface, t)
        for i, button in enumerate(self.focus.buttons):
            button.draw(
                surface,
                assets,
                metrics,
                focused=i == self.focus.index,
                hovered=i == self.focus.hover,
            )
        hints = [(cap, t.gettext(label)) for cap, label in key_hints(self.bindings())]
        draw_key_hints(surface, hints, assets, metrics, self._hints_area)

    def _subheading(self, t: Translator) -> str:
        parts = []
        if not self.finished:
            parts.append(
                t.gettext(
                    "Card {number} of {count}",
                    number=t.number(self.index + 1),
                    count=t.number(len(self.cards)),
                )
            )
        if self.deck.ahead:
            parts.append(t.gettext("Nothing is due: studying ahead"))
        if not self.deck.saving:
            parts.append(t.gettext("A guest's reviews are not saved"))
        if self.notice:
            parts.append(self.notice)
        if self.deck.new_unseen:  # the pack has cards never studied: say what today allows
            left = self.new_left
            if left:
                parts.append(
                    t.ngettext(
                        "{count} new card left today",
                        "{count} new cards left today",
                        left,
                        count=t.number(left),
                    )
                )
            else:
                parts.append(t.gettext("No new cards left today"))
        return "  ·  ".join(parts)

    def _draw_card(self, surface: pygame.Surface, t: Translator) -> None:
        metrics = self._metrics
        palette = self.app.look.palette
        # the flip: the card narrows to a line and widens again showing its other face
        squeeze = abs(math.cos(math.pi * self.flip)) if self.flip < 1.0 else 1.0
        back_face = self.turned and self.flip >= 0.5
        face = pygame.Surface(self.card_rect.size, pygame.SRCALPHA)
        inner = face.get_rect()
        draw_panel(face, inner, metrics, palette.panel, palette.accent if back_face else None)
        if back_face:
            self._draw_back(face, t)
        else:
            self._draw_front(face)
        if squeeze < 1.0:
            narrow = max(1, round(self.card_rect.width * squeeze))
            face = pygame.transform.smoothscale(face, (narrow, self.card_rect.height))
        surface.blit(face, face.get_rect(center=self.card_rect.center))

    def _question(self):
        card = self.card
        assert card is not None
        return self._questions.get(card.question_id)

    def _draw_front(self, face: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        question = self._question()
        if question is None:
            return
        pad = metrics.px(2.0)
        box = face.get_rect().inflate(-2 * pad, -2 * pad)
        picture_path = self.loaded.images.get(question.image) if question.image else None
        if picture_path is not None:
            try:
                picture = assets.image(picture_path)
            except pygame.error:
                picture = None
            if picture is not None:
                room = (box.width, box.height * 6 // 10)
                scale = min(room[0] / picture.get_width(), room[1] / picture.get_height())
                size = (
                    max(1, int(picture.get_width() * scale)),
                    max(1, int(picture.get_height() * scale)),
                )
                shown = pygame.transform.smoothscale(picture, size)
                face.blit(shown, shown.get_rect(midtop=(box.centerx, box.top)))
                box = pygame.Rect(
                    box.left,
                    box.top + size[1] + metrics.gap,
                    box.width,
                    box.height - size[1] - metrics.gap,
                )
        prompt = assets.fit_text(
            question.prompt,
            metrics.heading_size,
            metrics.small_size,
            palette.text,
            box.size,
            bold=True,
        )
        face.blit(prompt, prompt.get_rect(center=box.center))

    def _draw_back(self, face: pygame.Surface, t: Translator) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        question = self._question()
        if question is None:
            return
        pad = metrics.px(2.0)
        box = face.get_rect().inflate(-2 * pad, -2 * pad)
        y = box.top
        small = assets.text(question.prompt, metrics.small_size, palette.text_muted, wrap=box.width)
        face.blit(small, (box.left, y))
        y += small.get_height() + metrics.gap
        if isinstance(question, ChoiceQuestion):
            right = set(question.right_answers)
            for choice in question.choices:
                colour = palette.right if choice in right else palette.text_muted
                mark = "✓ " if choice in right else "✗ "
                text = assets.text(
                    mark + choice, metrics.body_size, colour, bold=choice in right, wrap=box.width
                )
                face.blit(text, (box.left, y))
                if choice not in right:  # struck through
                    middle = y + text.get_height() // 2
                    pygame.draw.line(
                        face,
                        colour,
                        (box.left, middle),
                        (box.left + text.get_width(), middle),
                        max(2, metrics.px(0.2)),
                    )
                y += text.get_height() + metrics.px(0.4)
        else:
            answer = t.render(right_answer_text(question))
            if isinstance(question, TrueFalseQuestion):
                answer = t.gettext("Verdict: {answer}", answer=answer)
            text = assets.text(
                answer, metrics.heading_size, palette.right, bold=True, wrap=box.width
            )
            face.blit(text, (box.left, y))
            y += text.get_height()
        if question.explain:
            y += metrics.gap
            room = (box.width, max(1, box.bottom - y))
            explain = assets.fit_text(
                question.explain, metrics.body_size, metrics.small_size, palette.text, room
            )
            face.blit(explain, (box.left, y))

    def _draw_summary(self, surface: pygame.Surface, t: Translator) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        draw_panel(surface, self.card_rect, metrics, palette.panel, palette.accent)
        lines = [
            t.gettext("Session over") if self.reviewed else t.gettext("No cards to study"),
            t.ngettext(
                "{count} card reviewed",
                "{count} cards reviewed",
                self.reviewed,
                count=t.number(self.reviewed),
            ),
            t.ngettext(
                "{count} remembered",
                "{count} remembered",
                self.remembered,
                count=t.number(self.remembered),
            ),
        ]
        if self.next_due is not None:
            when = self.next_due.astimezone()
            lines.append(
                t.gettext("Next card due: {day}, {time}", day=t.date(when), time=t.time(when))
            )
        if self.streak:
            lines.append(
                t.ngettext(
                    "Study streak: {count} day in a row",
                    "Study streak: {count} days in a row",
                    self.streak,
                    count=t.number(self.streak),
                )
            )
        waiting = self.new_waiting
        if waiting:
            setting = t.gettext("New cards a day")
            if self.deck.new_limit:
                lines.append(
                    t.ngettext(
                        "{count} new card waits for another day ({setting}: {limit}, in Settings)",
                        "{count} new cards wait for another day ({setting}: {limit}, in Settings)",
                        waiting,
                        count=t.number(waiting),
                        setting=setting,
                        limit=t.number(self.deck.new_limit),
                    )
                )
            else:
                lines.append(
                    t.ngettext(
                        "{count} new card waits: {setting} is 0 in Settings",
                        "{count} new cards wait: {setting} is 0 in Settings",
                        waiting,
                        count=t.number(waiting),
                        setting=setting,
                    )
                )
        if not self.deck.saving:
            lines.append(t.gettext("A guest's reviews are not saved"))
        y = self.card_rect.top + metrics.px(3)
        for i, line in enumerate(lines):
            size = metrics.heading_size if i == 0 else metrics.body_size
            text = assets.text(
                line,
                size,
                palette.text if i else palette.accent,
                bold=i == 0,
                wrap=self.card_rect.width - 2 * metrics.px(2),
            )
            surface.blit(text, text.get_rect(midtop=(self.card_rect.centerx, y)))
            y += text.get_height() + metrics.gap
        self.trophy_rects = []
        if self.trophies:
            heading = t.gettext("Trophies this session").upper()
            label = assets.text(heading, metrics.small_size, palette.text_muted, bold=True)
            y += metrics.gap
            surface.blit(label, label.get_rect(midtop=(self.card_rect.centerx, y)))
            y += label.get_height() + metrics.gap
            area = self.card_rect.inflate(-2 * metrics.px(2), 0)
            for chip, rect in trophy_chips(self.app, self.trophies, area, y, metrics):
                surface.blit(chip, rect)
                self.trophy_rects.append(rect)
