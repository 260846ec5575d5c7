"""The Study screen: a pack's flashcards, scheduled by FSRS (:mod:`clarity.core.study`).

A card shows the question's prompt (and its picture) on the front; Space, Enter or a click
turns it (a flip, or at once with reduced motion) to the answer and the explanation; the
student then rates how well they remembered: Again, Hard, Good or Easy (keys 1-4 or the
mouse), each button saying when the card would come back. The back keeps the question's
picture (smaller), so "Which country is highlighted on the map? → Belarus" is read with the
map. The review is saved through the services (a guest's stay in memory, and the screen
says so); the next card follows, due ones first, then new ones within the day's limit (the
setting "New cards a day"; the ones begun earlier today count), the line under the title
saying how many new cards are left today.

A card still being learnt comes back in the same session, as in Anki: one rated Again, or
Hard or Good on a learning step, falls due again within minutes, and when that is within
:data:`~clarity.core.study.LEARN_AHEAD` (Anki's learn-ahead limit, 20 minutes) of its
rating it waits in the session's learning queue. It is shown again as soon as it is due
(before the other cards, as Anki shows due learning cards first) or, once the other cards
are done, at once ("learning ahead"), until a rating sends it days away.

The line under the title counts the session's distinct cards, "Card 3 of 5", numbered in
the order first shown: a card that comes back keeps its number and is said "shown again",
and the cards waiting to come back are said too ("1 coming back"), so the total is what
the student has to learn and never grows as cards come back.

Esc ends the session: with no card rated yet it leaves at once (back to the pack list the
student came from); after a rating it shows the summary of the cards rated so far (their
reviews are already saved), from which Enter, Space or Esc leaves. The summary says how
many cards were reviewed (each card once, however often it came back), how many were
remembered (rated Hard, Good or Easy the first time it was shown in the session: a card
remembered only after its answer was seen is not counted), when the next card is due (or
how many are still due, for a session ended early; a guest, whose reviews are not kept,
is told neither), and the study trophies the session earned
(:func:`clarity.core.trophies.newly_earned_study` over the player's study totals before and
after it), as chips in the results screen's look. The services give the
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
from clarity.core.packs.models import AnyQuestion, ChoiceQuestion, TrueFalseQuestion
from clarity.core.study import (
    CardState,
    QuestionKey,
    Rating,
    comes_back_in_session,
    next_intervals,
    review,
)
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
#: Esc before any card is rated: back to the pack list; after one: the session's summary.
LEAVE = Binding("back", (ESCAPE,), N_("back"))
END = Binding("back", (ESCAPE,), N_("end the session"))
TURN = Binding("turn", (SPACE, ENTER), N_("turn the card"))
RATE = tuple(Binding("rate", (Digit(int(r)),), N_("rate"), cap="1-4", args=(r,)) for r in Rating)
FRONT_KEYS = (TURN, LEAVE)
BACK_KEYS = (*RATE, LEAVE)
SUMMARY_KEYS = (Binding("back", (ENTER, SPACE, ESCAPE), N_("back")),)
#: The share of the card's height the question's picture takes on the front, and on the
#: back (smaller: the answer and the explanation need the room).
FRONT_PICTURE = 0.6
BACK_PICTURE = 0.4
#: On a wide card the back's picture may stand beside the texts, in this share of its width.
BACK_PICTURE_WIDTH = 0.45


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
        #: the cards in the order shown: the deck's, with the learning ones put back in
        #: where they were shown again
        self.cards: list[CardState] = list(self.deck.cards)
        self.index = 0
        #: cards rated while learning that come back in this session, soonest due first
        self.learning: list[CardState] = []
        #: each card rated in the session, as its last rating left it
        self.rated: dict[QuestionKey, CardState] = {}
        self.ended = False  # Esc ended the session early
        self.still_due = 0  # at the summary: cards due now the session left unstudied
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
        self._face: tuple[tuple[object, ...], pygame.Surface] | None = None  # drawn card face
        self._show_buttons()

    # -- the state (tests read it) ------------------------------------------------

    @property
    def finished(self) -> bool:
        """The summary shows: every card done (none left to come back), or Esc pressed."""
        return self.ended or self.index >= len(self.cards)

    @property
    def total(self) -> int:
        """The showings the session holds now: those made and to come, and the learning
        cards waiting to come back (it grows as cards come back: the counter says
        :attr:`card_count` instead)."""
        return len(self.cards) + len(self.learning)

    @property
    def card_count(self) -> int:
        """The distinct cards of the session, the counter's "of M": a card that comes back
        is the same card, so this never grows."""
        return len({card.key for card in self.deck.cards})

    @property
    def card_number(self) -> int:
        """The card shown's number, the counter's "N": cards are numbered in the order they
        are first shown, and one that comes back keeps its number (0 at the summary)."""
        card = self.card
        if card is None:
            return 0
        first_shown = dict.fromkeys(c.key for c in self.cards[: self.index + 1])
        return list(first_shown).index(card.key) + 1

    @property
    def shown_again(self) -> bool:
        """Whether the card shown was rated earlier in the session (it came back)."""
        card = self.card
        return card is not None and card.key in self.rated

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
        now = services.now()
        after, record = review(card, rating, now)
        problem = services.save_review(after, record)
        if problem is not None:
            self.notice = self.app.translator.render(problem)
        if card.key not in self.rated:  # a card counts once, as its first showing went
            self.reviewed += 1
            self.remembered += record.remembered
        self.rated[card.key] = after
        if comes_back_in_session(after, record.reviewed_at):
            self.learning.append(after)
            self.learning.sort(key=lambda waiting: waiting.due or now)  # stable: ties in turn
        self.index += 1
        self._bring_back(now)
        self.turned = False
        self.flip = 1.0
        if self.finished:
            self._finish()
        self._show_buttons()

    def _bring_back(self, now: datetime) -> None:
        """Put the soonest learning card next when it is due at ``now``, or when no other
        card is left (learning ahead: it is due within the learn-ahead limit)."""
        if not self.learning:
            return
        soonest = self.learning[0]
        assert soonest.due is not None
        if soonest.due <= now or self.index >= len(self.cards):
            self.cards.insert(self.index, self.learning.pop(0))

    def _finish(self) -> None:
        """The summary's figures: the next due date (or the cards still due), the streak as
        it stands today on the student's calendar, and the trophies the session earned."""
        services = self.app.services
        now = services.now()
        left = [c for c in self.cards[self.index :] if c.key not in self.rated]
        waiting = [*self.learning, *(c for c in self.cards[self.index :] if c.key in self.rated)]
        self.still_due = sum(c.is_due(now) for c in (*left, *waiting))
        dues = [c.due for c in (*self.rated.values(), *left) if c.due is not None]
        if self.deck.next_due is not None:
            dues.append(self.deck.next_due)
        later = [due for due in dues if due > now]
        self.next_due = min(later, default=None)
        before, after = self._stats_before, services.study_stats()
        if after is not None:  # a guest has no streak
            self.streak = services.current_study_streak(now.astimezone().date())
        if before is not None and after is not None:
            self.trophies = tuple(newly_earned_study(before, after))

    def back(self) -> None:
        """Esc: leave before any card is rated or from the summary; else end the session
        and show its summary (the reviews are saved as they are made)."""
        if self.finished or not self.rated:
            self.app.pop()
            return
        self.ended = True
        self.turned = False
        self.flip = 1.0
        self._finish()
        self._show_buttons()

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
        keys = BACK_KEYS if self.turned else FRONT_KEYS
        if self.rated:  # Esc now ends the session with its summary
            keys = tuple(END if key is LEAVE else key for key in keys)
        return keys

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
                    number=t.number(self.card_number),
                    count=t.number(self.card_count),
                )
            )
            if self.shown_again:
                # Translators: on a study card's counter ("Card 2 of 5 · shown again"): this
                # card was rated earlier in the session and has come back to be learnt.
                parts.append(t.gettext("shown again"))
            if self.learning:
                waiting = len(self.learning)
                # Translators: on a study card's counter ("Card 3 of 5 · 1 coming back"):
                # cards rated earlier in the session that will be shown again in it.
                parts.append(
                    t.ngettext(
                        "{count} coming back",
                        "{count} coming back",
                        waiting,
                        count=t.number(waiting),
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
        # the flip: the card narrows to a line and widens again showing its other face
        squeeze = abs(math.cos(math.pi * self.flip)) if self.flip < 1.0 else 1.0
        back_face = self.turned and self.flip >= 0.5
        face = self._card_face(back_face, t)
        if squeeze < 1.0:
            narrow = max(1, round(self.card_rect.width * squeeze))
            face = pygame.transform.smoothscale(face, (narrow, self.card_rect.height))
        surface.blit(face, face.get_rect(center=self.card_rect.center))

    def _card_face(self, back_face: bool, t: Translator) -> pygame.Surface:
        """The card's face as drawn, made once per card, side, size and look (its picture
        is scaled once, not every frame)."""
        key = (
            self.index,
            back_face,
            self.card_rect.size,
            t.language,
            id(self.app.look.palette),
            self._metrics,
        )
        if self._face is not None and self._face[0] == key:
            return self._face[1]
        metrics = self._metrics
        palette = self.app.look.palette
        face = pygame.Surface(self.card_rect.size, pygame.SRCALPHA)
        draw_panel(
            face, face.get_rect(), metrics, palette.panel, palette.accent if back_face else None
        )
        if back_face:
            self._draw_back(face, t)
        else:
            self._draw_front(face)
        self._face = (key, face)
        return face

    def _question(self):
        card = self.card
        assert card is not None
        return self._questions.get(card.question_id)

    def _picture(self, question: AnyQuestion) -> pygame.Surface | None:
        """The question's picture as loaded (None: it has none, or it cannot be read)."""
        path = self.loaded.images.get(question.image) if question.image else None
        if path is None:
            return None
        try:
            return self.app.services.assets.image(path)
        except pygame.error:
            return None

    @staticmethod
    def _blit_picture(face: pygame.Surface, picture: pygame.Surface, room: pygame.Rect) -> int:
        """``picture`` scaled to fit ``room`` (never enlarged past twice its size), centred
        at its top; the height it takes."""
        scale = min(room.width / picture.get_width(), room.height / picture.get_height(), 2.0)
        size = (
            max(1, int(picture.get_width() * scale)),
            max(1, int(picture.get_height() * scale)),
        )
        shown = pygame.transform.smoothscale(picture, size)
        face.blit(shown, shown.get_rect(midtop=(room.centerx, room.top)))
        return size[1]

    def _face_room(self, face: pygame.Surface) -> pygame.Rect:
        """The room a card's side draws in: ``face``'s rectangle inside a margin of 2 units
        (the layout's unit, in pixels) on every edge, the same on the front and the back."""
        pad = self._metrics.px(2.0)
        return face.get_rect().inflate(-2 * pad, -2 * pad)

    def _draw_front(self, face: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        question = self._question()
        if question is None:
            return
        box = self._face_room(face)
        picture = self._picture(question)
        if picture is not None:
            room = pygame.Rect(box.left, box.top, box.width, int(box.height * FRONT_PICTURE))
            taken = self._blit_picture(face, picture, room) + metrics.gap
            box = pygame.Rect(box.left, box.top + taken, box.width, box.height - taken)
        prompt = assets.fit_text(
            question.prompt,
            metrics.heading_size,
            metrics.small_size,
            palette.text,
            box.size,
            bold=True,
        )
        face.blit(prompt, prompt.get_rect(center=box.center))

    def _answer_lines(
        self, question: AnyQuestion, t: Translator, width: int, size: int
    ) -> list[tuple[pygame.Surface, bool]]:
        """The back's texts above the explanation at body size ``size``, each with whether
        it is struck through: the question (small), then the right choice and the others,
        or the verdict, or the answers."""
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        small = min(metrics.small_size, size)
        lines = [(assets.text(question.prompt, small, palette.text_muted, wrap=width), False)]
        if isinstance(question, ChoiceQuestion):
            right = set(question.right_answers)
            for choice in question.choices:
                good = choice in right
                colour = palette.right if good else palette.text_muted
                mark = "✓ " if good else "✗ "
                text = assets.text(mark + choice, size, colour, bold=good, wrap=width)
                lines.append((text, not good))
        else:
            answer = t.render(right_answer_text(question))
            if isinstance(question, TrueFalseQuestion):
                answer = t.gettext("Verdict: {answer}", answer=answer)
            big = size * metrics.heading_size // max(1, metrics.body_size)
            lines.append((assets.text(answer, big, palette.right, bold=True, wrap=width), False))
        return lines

    def _draw_back(self, face: pygame.Surface, t: Translator) -> None:
        """The answer's side: the question's picture (smaller than on the front, so the
        answer is read with it), the question, the answer, the explanation. The texts get
        their room first, at the body size or smaller; the picture takes what is left:
        above the texts (at most :data:`BACK_PICTURE` of the card's height, at least half
        of that) or, on a wide card where it comes out larger so, beside them (at most
        :data:`BACK_PICTURE_WIDTH` of the card's width)."""
        metrics = self._metrics
        question = self._question()
        if question is None:
            return
        box = self._face_room(face)
        picture = self._picture(question)
        if picture is None:
            self._draw_back_texts(face, question, t, box)
            return
        gap = metrics.gap
        # above: the texts' height at the size that leaves the picture its least
        least = int(box.height * BACK_PICTURE / 2)
        lines, height = self._fitted_lines(question, t, box.width, box.height - least - gap)
        above = pygame.Rect(
            box.left,
            box.top,
            box.width,
            max(least, min(int(box.height * BACK_PICTURE), box.height - height - gap)),
        )
        # beside: the picture on the left, the texts in the rest of the width
        side = int(box.width * BACK_PICTURE_WIDTH)
        beside = pygame.Rect(box.left, box.top, side, box.height)
        texts_beside = pygame.Rect(box.left + side + 2 * gap, box.top, 0, box.height)
        texts_beside.width = box.right - texts_beside.left
        _, side_height = self._fitted_lines(question, t, texts_beside.width, box.height)
        w, h = picture.get_size()
        if side_height <= box.height and min(side / w, box.height / h) > min(
            box.width / w, above.height / h
        ):
            self._blit_picture(face, picture, beside)
            self._draw_back_texts(face, question, t, texts_beside)
            return
        taken = self._blit_picture(face, picture, above)
        rest = pygame.Rect(box.left, box.top + taken + gap, box.width, 0)
        rest.height = box.bottom - rest.top
        self._draw_back_texts(face, question, t, rest, lines)

    def _fitted_lines(
        self, question: AnyQuestion, t: Translator, width: int, room: int
    ) -> tuple[list[tuple[pygame.Surface, bool]], int]:
        """The back's texts above the explanation at the largest size from the body size
        down that leaves the explanation two small lines within ``room`` pixels, and the
        height they take with it (the smallest size when none fits)."""
        metrics = self._metrics
        assets = self.app.services.assets
        spacing = metrics.px(0.4)
        explain = 2 * assets.font(metrics.small_size).get_linesize() if question.explain else 0
        size = metrics.body_size
        while True:
            lines = self._answer_lines(question, t, width, size)
            height = sum(text.get_height() + spacing for text, _ in lines) + metrics.gap
            height += explain + (metrics.gap if explain else 0)
            if height <= room or size <= metrics.tiny_size:
                return lines, height
            size -= 1

    def _draw_back_texts(
        self,
        face: pygame.Surface,
        question: AnyQuestion,
        t: Translator,
        box: pygame.Rect,
        lines: list[tuple[pygame.Surface, bool]] | None = None,
    ) -> None:
        """The question, the answer (choices struck through but the right one) and the
        explanation, from the top of ``box``."""
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        if lines is None:
            lines, _ = self._fitted_lines(question, t, box.width, box.height)
        spacing = metrics.px(0.4)
        y = box.top
        for i, (text, struck) in enumerate(lines):
            face.blit(text, (box.left, y))
            if struck:
                middle = y + text.get_height() // 2
                pygame.draw.line(
                    face,
                    palette.text_muted,
                    (box.left, middle),
                    (box.left + text.get_width(), middle),
                    max(2, metrics.px(0.2)),
                )
            y += text.get_height() + (metrics.gap if i == 0 else spacing)
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
        if not self.deck.saving:
            pass  # a guest's cards are not kept: no card will be due
        elif self.still_due:  # ended early with cards due now
            lines.append(
                t.ngettext(
                    "{count} card is still due",
                    "{count} cards are still due",
                    self.still_due,
                    count=t.number(self.still_due),
                )
            )
        elif self.next_due is not None:
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
