"""The results screen: the whole image with its caption, the score taken apart, the awards.

It receives a finished round as a value (the core's :class:`RoundSummary` and the
trophies the tracker awarded) and only presents it; it computes no score of its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from clarity.core.events import RoundOutcome, RoundSummary, TrophyEarned
from clarity.core.messages import N_
from clarity.core.trophies import (
    MEDAL_SHARES,
    TIER_NAMES,
    Tier,
    medal_percent,
    medal_yardstick,
    trophy_by_id,
)
from clarity.ui import journey, keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, KeyHint, handle_key, is_repeat, key_hints
from clarity.ui.breakdown import breakdown_rows
from clarity.ui.effects import CountingNumber, ease_out, pop
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.keys import Letter
from clarity.ui.menu_frame import SCROLL_KEYS, Scroller
from clarity.ui.play.card_plan import text_height
from clarity.ui.scene import Scene
from clarity.ui.textfit import size_ladder
from clarity.ui.theme import Colour
from clarity.ui.widgets import (
    Button,
    FocusGroup,
    TextBlock,
    darken,
    draw_panel,
    lighten,
    main_button,
    plain_button,
)

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.i18n import Translator
    from clarity.progress import FinishResult
    from clarity.ui.app import App

# The presentation's timeline, in seconds from the scene's start.
ROWS_START = 0.35
ROW_EVERY = 0.12
COUNT_SECONDS = 1.2
MEDAL_AT = ROWS_START + COUNT_SECONDS + 0.1
TROPHY_EVERY = 0.4
POP_SECONDS = 0.35

ROW_GAP = 2.0  # units between a breakdown label and its value, at the least

PLAY_AGAIN = Binding("play_again", (Letter("P"),), N_("play again"))
TROPHIES = Binding("open_cabinet", (Letter("C"),), N_("trophies"))
TITLE = Binding("to_title", (Letter("T"), keys.ESCAPE), N_("title"), "T / Esc")
#: The results' keys. The first press of an arrow or Tab only shows where the focus is
#: (on Play again); Enter plays again unless the focus was moved on purpose.
RESULTS_KEYS: tuple[Binding, ...] = (
    PLAY_AGAIN,
    TROPHIES,
    TITLE,
    Binding("move", (keys.TAB,), N_("move"), "Tab ←→", ("next",), repeats=True),
    Binding("move", (keys.SHIFT_TAB,), N_("move"), args=("previous",), repeats=True),
    Binding("move", (keys.RIGHT,), N_("move"), args=("right",), repeats=True),
    Binding("move", (keys.LEFT,), N_("move"), args=("left",), repeats=True),
    Binding("move", (keys.DOWN,), N_("move"), args=("down",), repeats=True),
    Binding("move", (keys.UP,), N_("move"), args=("up",), repeats=True),
    Binding("choose", (keys.ENTER, keys.SPACE), N_("choose"), "Enter"),
)
HINTS: tuple[KeyHint, ...] = key_hints(RESULTS_KEYS)
PAGE_SHARE = 0.8  # of the column a page key scrolls: its last lines stay in sight
#: The picture gives way to a long answer and caption down to this share of its column's
#: height (or its whole height at the column's width, if less) for them to fit; when they
#: do not fit even then, the column scrolls and the picture keeps PICTURE_SCROLLED_SHARE,
#: at which the mystery still reads.
PICTURE_FIT_SHARE = 1 / 5
PICTURE_SCROLLED_SHARE = 1 / 3


@dataclass
class _Column:
    """One of the screen's two columns, which scrolls when its contents are taller than
    its view (large text, a long caption): all in it moves together and is drawn inside
    the view."""

    view: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    names: set[str] = field(default_factory=set)  # its placed texts and boxes
    #: what the scene draws itself and moves with it (the cards, the score, the picture)
    rects: list[pygame.Rect] = field(default_factory=list)
    extent: int = 0  # how far it scrolls, in pixels (0: it fits)
    offset: int = 0  # how far it is scrolled, in pixels


@dataclass
class _Placed(TextBlock):
    """A text or picture of the presentation and when it comes in."""

    appear_at: float = 0.0
    popping: bool = False  # pops in with a scale; otherwise slides in
    fading: pygame.Surface | None = None  # a copy to fade while it slides in
    size: int = 0  # the type size of its words (a chip's: its name's); 0 when not told


class ResultsScene(Scene):
    """A finished round: Play again plays the pack's next mystery; Title goes back home.

    ``busy`` is True while the presentation still runs; a key or a click during it shows
    everything at once (so a held Enter never skips the results unseen).
    """

    name = "results"

    def __init__(
        self,
        app: App,
        loaded: LoadedPack,
        summary: RoundSummary,
        earned: Sequence[TrophyEarned],
        medal: Tier | None,
        *,
        mystery_index: int,
        saved: FinishResult | None = None,
    ) -> None:
        super().__init__(app)
        self.loaded = loaded
        #: what became of the round in the store ("Saved", "Not saved: ..."); None: not asked
        self.saved = saved
        self.summary = summary
        self.earned = tuple(earned)
        self.medal = medal
        self.mystery_index = mystery_index
        self.rows = breakdown_rows(summary, app.translator)  # again at every layout
        # the medal has its own place; the list shows the other trophies
        medal_id = f"{medal.value}-medal" if medal is not None else None
        self.trophies = tuple(t for t in self.earned if t.trophy_id != medal_id)
        if saved is not None:  # the lasting trophies this round completed
            self.trophies += saved.lasting

        # their labels are the interface's words, given at every layout
        self.play_again_button = main_button("", self.play_again, PLAY_AGAIN.hint_cap)
        self.title_button = plain_button("", self.to_title, TITLE.keys[0].cap)
        self.cabinet_button = plain_button("", self.open_cabinet, TROPHIES.hint_cap)
        self.buttons: list[Button] = [
            self.play_again_button,
            self.cabinet_button,
            self.title_button,
        ]
        # the focus ring shows once arrows or Tab are used
        self.focus = FocusGroup(self.buttons, columns=len(self.buttons), ring=False)

        self.score = CountingNumber(0, seconds=COUNT_SECONDS)
        self._age = 0.0
        self._sounds_played = 0
        self._left = False
        self._metrics = app.look.metrics(app.options.size)
        self._backdrop = Backdrop()
        self._boxes: dict[str, pygame.Rect] = {}
        self._placed: dict[str, _Placed] = {}
        self._image_rect = pygame.Rect(0, 0, 0, 0)
        self._score_rect = pygame.Rect(0, 0, 0, 0)
        self._score_size = 40
        self._panels: list[pygame.Rect] = []
        # the picture's column (heading, picture, answer, caption) and the score's
        self._picture_column = _Column()
        self._score_column = _Column()
        self._pointer: tuple[int, int] | None = None  # where the mouse was last seen
        self._hints_area = pygame.Rect(0, 0, 0, 0)

    # -- reading the state ----------------------------------------------------------

    @property
    def presentation_seconds(self) -> float:
        return MEDAL_AT + POP_SECONDS + TROPHY_EVERY * (len(self.trophies) + 0.5)

    @property
    def busy(self) -> bool:
        return self._age < self.presentation_seconds

    @property
    def columns(self) -> tuple[_Column, _Column]:
        """The picture's column and the score's."""
        return self._picture_column, self._score_column

    @property
    def _column_scroll(self) -> int:
        """How far the score's column is scrolled, in pixels."""
        return self._score_column.offset

    @property
    def _column_max(self) -> int:
        """How far the score's column scrolls, in pixels (0: it fits)."""
        return self._score_column.extent

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """Every text block, picture and button on screen, by name (for layout tests); of
        a column that scrolls, what is wholly in view."""
        shown = {}
        for name, rect in self._boxes.items():
            column = next((c for c in self.columns if name in c.names), None)
            if column is None or column.view.contains(rect):
                shown[name] = rect.copy()
        return shown

    def column_views(self) -> dict[str, pygame.Rect]:
        """Where each placed text or picture can be seen, by name: its column's view, or
        the window for what is in no column (for the tests: what is scrolled out of view
        is not shown)."""
        window = pygame.Rect((0, 0), self.app.size)
        views = {}
        for name in self._boxes:
            column = next((c for c in self.columns if name in c.names), None)
            views[name] = column.view.copy() if column is not None else window
        return views

    def scrolls(self) -> bool:
        """True while a column is taller than its view (it then scrolls)."""
        return any(column.extent > 0 for column in self.columns)

    def bindings(self) -> tuple[Binding, ...]:
        """The keys, and PageUp/PageDown while a column scrolls (large text)."""
        return (*RESULTS_KEYS, *(SCROLL_KEYS if self.scrolls() else ()))

    def scroll_page(self, direction: int) -> None:
        """Each column that scrolls a page of its own down (1) or up (-1): the caption
        and the score are read side by side."""
        for column in self.columns:
            self._scroll(column, direction * round(column.view.height * PAGE_SHARE))

    def _scroll(self, column: _Column, pixels: int) -> None:
        target = max(0, min(column.extent, column.offset + pixels))
        dy = column.offset - target
        column.offset = target
        for name in column.names:
            self._boxes[name].move_ip(0, dy)
            item = self._placed.get(name)
            if item is not None:
                item.rect.move_ip(0, dy)
                if item.box is not None:
                    item.box.move_ip(0, dy)
        for rect in column.rects:
            rect.move_ip(0, dy)

    def _wheel(self, event: pygame.event.Event) -> None:
        """The mouse wheel scrolls the column under the pointer, or both when it is over
        neither (or has not been seen)."""
        step = -event.y * self._metrics.px(6)
        pointer = self._pointer
        pointed = [c for c in self.columns if pointer and c.view.collidepoint(pointer)]
        for column in pointed or self.columns:
            self._scroll(column, step)

    def shown_texts(self) -> dict[str, str]:
        """What the text blocks say, by name (heading, row_0_label, row_0_value...)."""
        return {name: item.words for name, item in self._placed.items() if item.words}

    def shown_sizes(self) -> dict[str, int]:
        """The type size of the answer, the caption, the medal's name and share, each
        breakdown row and each trophy's name, by the same names (for the tests: one size for
        each kind of text)."""
        return {name: item.size for name, item in self._placed.items() if item.size}

    # -- actions ----------------------------------------------------------------------

    def play_again(self) -> None:
        """The pack's next mystery (round and round), with a new seed."""
        if self._left or self.loaded.pack is None:
            return
        self._left = True
        self.app.services.sound.play("click")
        following = (self.mystery_index + 1) % len(self.loaded.pack.rounds)
        self.app.screens.replace("play", loaded=self.loaded, mystery_index=following)

    def to_title(self) -> None:
        if self._left:
            return
        self._left = True
        self.app.services.sound.play("click")
        self.app.screens.reset("title")

    def open_cabinet(self) -> None:
        """The trophy cabinet over the results (Esc comes back here)."""
        if self._left:
            return
        self.app.services.sound.play("click")
        journey.open_cabinet(self.app)

    def move(self, direction: str) -> None:
        """Tab or an arrow: the first press shows the focus ring, the next ones move it
        (``direction`` names the focus group's method: "next", "left"...)."""
        shown = self.focus.ring
        self.focus.ring = True
        if shown:
            getattr(self.focus, direction)()

    def choose(self) -> None:
        """Enter: the button in the focus ring, else Play again."""
        (self.focus.ringed or self.play_again_button).press()

    def saved_line(self) -> tuple[str, Colour] | None:
        """Whether the round was saved, as the score card says it (None: not known)."""
        if self.saved is None:
            return None
        palette = self.app.look.palette
        words = self.app.translator.render(self.saved.said)
        if self.saved.ok:
            return f"✓ {words}", palette.right
        if self.saved.status == "guest":
            return words, palette.text_muted
        return words, palette.wrong

    def finish_presentation(self) -> None:
        """Show everything now: the score counted, the medal and trophies in place."""
        self._age = max(self._age, self.presentation_seconds)
        self.score.set(self.summary.score, at_once=True)

    # -- the scene ---------------------------------------------------------------------

    def enter(self) -> None:
        self.score.set(self.summary.score)
        self.score.update(0.0)
        if self.app.look.reduced_motion:
            self.finish_presentation()  # nothing slides, counts or pops: all there at once

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.focus.ring = False
            self._pointer = event.pos
        # a fresh press (a key held from the round, say Enter, is no press) during the
        # presentation shows everything at once instead of acting
        pressed = (event.type == pygame.KEYDOWN and not is_repeat(event)) or (
            event.type == pygame.MOUSEBUTTONUP and event.button == 1
        )
        if self.busy:
            if pressed:
                self.finish_presentation()
            if event.type != pygame.MOUSEMOTION:
                return
        if event.type == pygame.KEYDOWN:
            handle_key(self, self.bindings(), event)  # keys do only what the table says
            return
        if event.type == pygame.MOUSEWHEEL:
            self._wheel(event)
            return
        self.focus.handle_event(event)

    def update(self, dt: float) -> None:
        start_count = self._age < ROWS_START <= self._age + dt
        self._age += dt
        if self._age >= ROWS_START:
            self.score.update(dt if not start_count else self._age - ROWS_START)
        # one fanfare for the medal, then one for each trophy as it pops in
        due = 0
        if self.medal is not None and self._age >= MEDAL_AT:
            due += 1
        due += sum(1 for i in range(len(self.trophies)) if self._age >= self._trophy_time(i))
        while self._sounds_played < due:
            self._sounds_played += 1
            self.app.services.sound.play("trophy")
            if self.app.look.reduced_motion:
                self._sounds_played = due  # all in place at once: one fanfare for them

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        self._backdrop.draw(surface, palette)
        previous = surface.get_clip()
        picture, score_column = self.columns
        if picture.extent:  # a column that scrolls is kept to its view
            surface.set_clip(picture.view.clip(previous))
        if self.loaded.images.get(self.summary_image_key()) is not None and self._image_rect.width:
            surface.blit(self._picture(), self._image_rect)
            edge = max(2, metrics.px(0.25))
            pygame.draw.rect(
                surface, palette.panel_edge, self._image_rect.inflate(2 * edge, 2 * edge), edge
            )
        for name, placed in self._placed.items():
            if name not in score_column.names:
                self._draw_placed(surface, placed)
        surface.set_clip(previous)
        if score_column.extent:
            surface.set_clip(score_column.view.clip(previous))
        for panel in self._panels:
            draw_panel(surface, panel, metrics, palette.panel, palette.panel_edge)
        for name in score_column.names:
            if name in self._placed:
                self._draw_placed(surface, self._placed[name])
        score = assets.text(
            self.app.translator.number(self.score.value),
            self._score_size,
            palette.accent,
            bold=True,
        )
        surface.blit(score, score.get_rect(midright=self._score_rect.midright))
        surface.set_clip(previous)
        for column in self.columns:
            if column.extent:
                self._draw_column_bar(surface, column)
        self.focus.draw(surface, assets, metrics)
        draw_key_hints(surface, key_hints(self.bindings()), assets, metrics, self._hints_area)

    def _draw_column_bar(self, surface: pygame.Surface, column: _Column) -> None:
        """How far a column is scrolled, just right of it."""
        bar = Scroller()
        bar.set(column.view.inflate(2 * self._metrics.px(0.9), 0), column.view.height)
        bar.content_height = column.view.height + column.extent
        bar.offset = float(column.offset)
        bar.draw_bar(surface, self._metrics, self.app.look.palette)

    def summary_image_key(self) -> str:
        pack = self.loaded.pack
        return pack.rounds[self.summary.mystery_index].image if pack is not None else ""

    def _picture(self) -> pygame.Surface:
        path = self.loaded.images[self.summary_image_key()]
        return self.app.services.assets.scaled(path, self._image_rect.size)

    def _draw_placed(self, surface: pygame.Surface, placed: _Placed) -> None:
        t = (self._age - placed.appear_at) / POP_SECONDS
        if t <= 0:
            return
        if t >= 1:
            placed.fading = None
            placed.draw(surface)
            return
        if placed.popping:
            scale = max(0.05, pop(t))
            size = (
                max(1, round(placed.rect.width * scale)),
                max(1, round(placed.rect.height * scale)),
            )
            scaled = pygame.transform.smoothscale(placed.surface, size)
            surface.blit(scaled, scaled.get_rect(center=placed.rect.center))
        else:
            # a copy fades in: the text cache's own surfaces are never touched
            if placed.fading is None:
                placed.fading = placed.surface.copy()
            offset = round((1.0 - ease_out(t)) * self._metrics.px(3))
            placed.fading.set_alpha(round(255 * ease_out(t)))
            surface.blit(placed.fading, placed.rect.move(offset, 0))

    def _trophy_time(self, index: int) -> float:
        return MEDAL_AT + TROPHY_EVERY * (index + 1)

    # -- layout -------------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        t = self.app.translator
        self.rows = breakdown_rows(self.summary, t)
        self.play_again_button.label = t.gettext("Play again")
        self.title_button.label = t.gettext("Title")
        self.cabinet_button.label = t.gettext("Trophies")
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        width, height = size
        margin = metrics.margin
        gap = metrics.gap
        boxes: dict[str, pygame.Rect] = {}
        placed: dict[str, _Placed] = {}
        bindings = self.bindings()
        hints = key_hints(bindings)

        # the bottom bar: the buttons on the left, the key hints beside them
        font = assets.font(metrics.body_size, True)
        button_h = max(metrics.px(4.8), font.get_linesize() + metrics.px(1.0))
        widest = max(font.size(button.label)[0] for button in self.buttons)
        button_w = max(metrics.px(17), widest + metrics.px(7))
        # three to the width at the least (large text: their labels shrink to fit)
        button_w = min(button_w, (width - 2 * margin - 2 * gap) // len(self.buttons))
        bar_y = height - margin // 2 - button_h
        x = margin + len(self.buttons) * (button_w + gap)
        hints_w = width - margin - x
        hints_h = key_hints_height(hints, assets, metrics, hints_w)
        if hints_h > button_h + metrics.px(1.0):
            # more rows than the bar holds beside the buttons (a 4:3 projector): the
            # hints get a row of their own under the buttons
            hints_w = width - 2 * margin
            hints_h = key_hints_height(hints, assets, metrics, hints_w)
            self._hints_area = pygame.Rect(margin, height - margin // 2 - hints_h, hints_w, hints_h)
            bar_y = self._hints_area.top - gap // 2 - button_h
        else:
            self._hints_area = pygame.Rect(
                x, bar_y + button_h // 2 - hints_h // 2, hints_w, hints_h
            )
        boxes["hints"] = self._hints_area.copy()
        x = margin
        for i, button in enumerate(self.buttons):
            button.rect = pygame.Rect(x, bar_y, button_w, button_h)
            boxes[f"button_{i}"] = button.rect.copy()
            x = button.rect.right + gap

        # two columns: what the picture was on the left, how the round went on the right
        top = margin // 2
        content = pygame.Rect(margin, top, width - 2 * margin, bar_y - gap - top)
        # the picture's column is as wide as the picture can be at the height it gets,
        # between two fifths and a bit over half of the window; the score takes the rest
        left = pygame.Rect(content.x, content.y, round(content.width * 0.56), content.height)
        # but never so wide that the breakdown rows must shrink (a 4:3 window); with large
        # text the picture leaves the score more than three fifths
        least = round(content.width * 0.4 / math.sqrt(metrics.text_scale))
        score_w = self._score_width(metrics.body_size) + gap + metrics.px(1)
        left.width = max(least, min(left.width, content.width - score_w))
        left.width = self._picture_width(content, left.width)
        picture_needed = self._layout_picture(left, boxes, placed)
        used = max(least, boxes.get("image", left).width)
        # narrower to the picture's width, unless its texts would then scroll: they read
        # the more on a line, the less there is to scroll
        narrower = pygame.Rect(left.topleft, (used, left.height))
        if used < left.width and self._layout_picture(narrower, {}, {}) <= left.height:
            left.width = used
            boxes.pop("image", None)
            picture_needed = self._layout_picture(left, boxes, placed)
        else:
            picture_needed = self._layout_picture(left, boxes, placed)  # its picture again
        picture_names = set(placed) | ({"image"} & set(boxes))
        right = pygame.Rect(left.right + gap + metrics.px(1), content.y, 0, content.height)
        right.width = content.right - right.x
        before = set(placed)
        needed = self._layout_score(right, boxes, placed)

        for name, item in placed.items():
            boxes.setdefault(name, item.rect.copy())
        self._placed = placed
        self._boxes = boxes
        # a column taller than its view (large text, a long caption) scrolls; a new
        # layout keeps how far each was scrolled
        columns = (
            (self._picture_column, left, picture_names, [self._image_rect], picture_needed),
            (
                self._score_column,
                right,
                (set(placed) - before) | {"score_value"},
                [*self._panels, self._score_rect],
                needed,
            ),
        )
        for column, view, names, rects, height in columns:
            scrolled = column.offset
            column.view, column.names, column.rects = view, names, rects
            column.extent = max(0, height - view.height)
            column.offset = 0
            self._scroll(column, scrolled)
        if self.bindings() != bindings:
            self.layout(size)  # the scroll keys came or went: the hints may change

    def _picture_width(self, content: pygame.Rect, width: int) -> int:
        """The picture's column ``width`` wide, or half of ``content`` when its texts would
        scroll and the wider column makes the longer of the two columns' scrolls shorter
        (a long caption at large text: a narrow column made it some twenty pages)."""
        half = content.width // 2
        if width >= half:
            return width
        right_x = self._metrics.gap + self._metrics.px(1)

        def overflow(left_w: int) -> int:
            left = pygame.Rect(content.x, content.y, left_w, content.height)
            picture = self._layout_picture(left, {}, {}) - content.height
            if picture <= 0:
                return picture
            right = pygame.Rect(left.right + right_x, content.y, 0, content.height)
            right.width = content.right - right.x
            return max(picture, self._layout_score(right, {}, {}) - content.height)

        narrow = overflow(width)
        if narrow <= 0 or overflow(half) >= narrow:
            return width
        return half

    def _layout_picture(
        self, column: pygame.Rect, boxes: dict[str, pygame.Rect], placed: dict[str, _Placed]
    ) -> int:
        """The outcome, then the image as large as the answer and caption below it allow.

        The answer and the caption are always whole: they shrink to the small size (at the
        standard text size, to the smallest a long text takes), the picture gives way down
        to :data:`PICTURE_FIT_SHARE` of the column, and beyond that the column scrolls
        (the picture then keeps :data:`PICTURE_SCROLLED_SHARE`).
        Returns the height the contents take (more than ``column``'s: it scrolls).
        """
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        gap = metrics.gap
        edge = max(2, metrics.px(0.25))

        guessed = self.summary.outcome is RoundOutcome.GUESSED
        t = self.app.translator
        heading_text = (
            t.gettext("You guessed it!") if guessed else t.gettext("Not this time! It was…")
        )
        # a fifth of the column; with large text in a narrow one, body size on the lines
        # it needs (a word is never broken)
        least = assets.fitter.measure(heading_text, metrics.body_size, column.width, bold=True)[1]
        heading = assets.fit_text(
            heading_text,
            max(metrics.heading_size, metrics.px(4.0)),
            metrics.body_size,
            palette.right if guessed else palette.accent,
            (column.width, max(column.height // 5, least)),
            bold=True,
        )
        placed["heading"] = _Placed(heading, heading.get_rect(topleft=column.topleft), heading_text)
        y = placed["heading"].rect.bottom + gap // 2

        mystery = self.loaded.pack.rounds[self.summary.mystery_index] if self.loaded.pack else None
        answer = mystery.answer if mystery else self.summary.mystery_answer
        caption = mystery.caption if mystery and mystery.caption else ""
        # the answer whole: on two lines of the heading size, else on the lines it needs
        # at the small size (a long answer: the picture gives way)
        two_lines = 2 * assets.font(metrics.heading_size, True).get_linesize()
        answer_room = max(
            two_lines, text_height(assets, answer, metrics.small_size, column.width, bold=True)
        )
        answer_size = assets.fitter.size_for(
            answer, metrics.heading_size, metrics.small_size, (column.width, answer_room), bold=True
        )
        answer_surface = assets.text(
            answer, answer_size, palette.accent, bold=True, wrap=column.width
        )
        path = self.loaded.images.get(self.summary_image_key())
        aspect = 4 / 3
        if path is not None:
            try:
                w, h = assets.image_size(path)
                aspect = w / h
            except (pygame.error, FileNotFoundError):
                path = None

        def picture_least(share: float) -> int:
            """The least height of the picture, with its frame."""
            if path is None:
                return 0
            whole = round((column.width - 2 * edge) / aspect)
            return min(whole, round(column.height * share)) + 2 * edge

        caption_line = assets.font(metrics.body_size).get_linesize()
        # large text was asked for: the caption never shrinks below its small size (it
        # would end smaller than at the standard size); the column scrolls instead
        caption_floor = metrics.small_size if metrics.text_scale > 1.0 else metrics.tiny_size
        room = column.bottom - y - answer_surface.get_height() - gap - gap // 2
        room -= picture_least(PICTURE_FIT_SHARE)
        scrolls = room < 0
        caption_room = 0
        if caption:
            needed = text_height(assets, caption, metrics.body_size, column.width)
            least = text_height(assets, caption, metrics.small_size, column.width)
            if least > room:
                least = text_height(assets, caption, caption_floor, column.width)
            scrolls = least > room
            # a fifth of the column at most when it fits, else all it needs at the floor
            caption_room = max(least, min(needed, 4 * caption_line, column.height // 5, room))
        least_share = PICTURE_SCROLLED_SHARE if scrolls else PICTURE_FIT_SHARE
        text_room = answer_surface.get_height() + (gap // 2 + caption_room if caption else 0)
        if path is not None:
            area = pygame.Rect(column.x + edge, y + edge, column.width - 2 * edge, 0)
            area.height = max(
                column.bottom - y - text_room - gap - 2 * edge,
                picture_least(least_share) - 2 * edge,
            )
            img_w = min(area.width, round(area.height * aspect))
            img_h = min(area.height, round(img_w / aspect))
            self._image_rect = pygame.Rect(area.x, area.y, max(1, img_w), max(1, img_h))
            boxes["image"] = self._image_rect.inflate(2 * edge, 2 * edge)
            y = self._image_rect.bottom + edge + gap
        else:
            self._image_rect = pygame.Rect(0, 0, 0, 0)
        placed["answer"] = _Placed(
            answer_surface,
            answer_surface.get_rect(topleft=(column.x, y)),
            answer,
            appear_at=0.1,
            size=answer_size,
        )
        bottom = placed["answer"].rect.bottom
        if caption:
            y = bottom + gap // 2
            box = pygame.Rect(column.x, y, column.width, max(column.bottom - y, caption_room))
            size = assets.fitter.size_for(caption, metrics.body_size, caption_floor, box.size)
            surface = assets.text(caption, size, palette.text, wrap=column.width)
            placed["caption"] = _Placed(
                surface,
                surface.get_rect(topleft=box.topleft),
                caption,
                box,
                appear_at=0.2,
                size=size,
            )
            bottom = box.bottom
        return bottom - column.y

    def _layout_score(
        self, column: pygame.Rect, boxes: dict[str, pygame.Rect], placed: dict[str, _Placed]
    ) -> int:
        """The score card on top, the trophies below; type shrinks until both fit.
        Returns the height they take (more than ``column``'s: it scrolls)."""
        tries = [(s, True) for s in (1.0, 0.9, 0.8)] + [(s, False) for s in (1.0, 0.9, 0.8, 0.7)]
        needed = 0
        for scale, described in tries:
            trial_boxes: dict[str, pygame.Rect] = {}
            trial_placed: dict[str, _Placed] = {}
            needed = self._place_score_column(column, scale, described, trial_boxes, trial_placed)
            if needed <= column.height or (scale, described) == tries[-1]:
                boxes.update(trial_boxes)
                placed.update(trial_placed)
                break
        return needed

    def _place_score_column(
        self,
        column: pygame.Rect,
        scale: float,
        described: bool,
        boxes: dict[str, pygame.Rect],
        placed: dict[str, _Placed],
    ) -> int:
        """Place the score and trophy cards in ``column`` at ``scale``; return the height used.

        ``described`` chooses trophy chips with their description under the name, or
        compact ones with the name alone (a small window with many trophies). Each kind
        of text has one size: every breakdown row the same, every chip's name the same.
        """
        metrics = self._metrics
        pad = metrics.px(1.6)
        small = metrics.small_size
        body = max(small, round(metrics.body_size * scale))
        heading = max(body, round(metrics.heading_size * scale))
        big = max(heading, round(metrics.px(6.0) * scale))
        inner = pygame.Rect(column.x + pad, column.y + pad, column.width - 2 * pad, 0)
        y = self._place_medal_and_score(inner, big, heading, boxes, placed)
        y = self._place_rows(inner, y, body, placed)
        score_card = pygame.Rect(column.x, column.y, column.width, y + pad - column.y)
        top = score_card.bottom + metrics.gap
        inner.y = top + pad
        y = self._place_trophies(inner, body, described, placed)
        trophy_card = pygame.Rect(column.x, top, column.width, y + pad - top)
        self._panels = [score_card, trophy_card]
        return trophy_card.bottom - column.y

    def _place_medal_and_score(
        self,
        inner: pygame.Rect,
        big: int,
        heading: int,
        boxes: dict[str, pygame.Rect],
        placed: dict[str, _Placed],
    ) -> int:
        """The medal and its name on the left, the score on the right; returns the bottom.

        The medal's name never wraps: it stands between the medal and the score with the
        share under it when both fit there on a line each, or else on a line of its own
        under them, with the share beside it (or under it in a narrow card).
        """
        metrics = self._metrics
        assets = self.app.services.assets
        fitter = assets.fitter
        small = metrics.small_size
        small_gap = metrics.px(0.7)
        gap = metrics.gap
        big_h = assets.font(big, True).get_linesize()
        t = self.app.translator
        score_w = fitter.width(t.number(max(self.summary.score, 0)), big, bold=True)
        self._score_size = big
        self._score_rect = pygame.Rect(inner.right - score_w, inner.y, score_w, big_h)
        boxes["score_value"] = self._score_rect.copy()
        medal_surface = self._render_medal(big_h)
        medal_rect = medal_surface.get_rect(topleft=inner.topleft)
        placed["medal"] = _Placed(medal_surface, medal_rect, appear_at=MEDAL_AT, popping=True)

        share = medal_percent(self.summary)  # the share the medal was given by
        if self.medal is not None:
            name = t.gettext(trophy_by_id(f"{self.medal.value}-medal").name)
            colour = self.app.look.tier(self.medal.value)
            detail = t.gettext("{percent}% of the best possible", percent=share)
        else:
            lowest, least = min(MEDAL_SHARES, key=lambda item: item[1])
            name = t.gettext("No medal")
            colour = self.app.look.palette.text
            # Translators: the share scored, then the share a medal takes; {medal} is the
            # tier's name in small letters ("bronze")
            detail = t.gettext(
                "{percent}% · {least}% wins {medal}",
                percent=share,
                least=round(least * 100),
                medal=t.gettext(TIER_NAMES[lowest]).lower(),
            )
        name_h = assets.font(heading, True).get_linesize()
        detail_h = assets.font(small).get_linesize()
        name_w = fitter.width(name, heading, bold=True)
        detail_w = fitter.width(detail, small)
        text_x = medal_rect.right + small_gap
        text_w = self._score_rect.left - 2 * gap - text_x  # kept clear of the score
        if max(name_w, detail_w) <= text_w and name_h + detail_h <= big_h + small_gap:
            name_pos = (text_x, medal_rect.centery - (name_h + detail_h) // 2)
            detail_box = pygame.Rect(text_x, name_pos[1] + name_h, text_w, detail_h)
            bottom = inner.y + big_h + small_gap
        else:
            y = inner.y + big_h
            # the largest heading size at which the name stands on one line
            size = next(
                (
                    s
                    for s in size_ladder(heading, small)
                    if fitter.width(name, s, True) <= inner.width
                ),
                small,
            )
            name_w = fitter.width(name, size, bold=True)
            name_h = assets.font(size, True).get_linesize()
            name_pos = (inner.x, y)
            heading = size
            if name_w + gap + detail_w <= inner.width:  # the share beside the name
                detail_box = pygame.Rect(
                    inner.x + name_w + gap, y + (name_h - detail_h) // 2, detail_w, detail_h
                )
                bottom = y + name_h + small_gap
            else:  # a narrow card: under it, on two lines at most
                detail_box = pygame.Rect(inner.x, y + name_h, inner.width, 2 * detail_h)
                detail_box.height = fitter.measure(detail, small, inner.width)[1]
                bottom = detail_box.bottom + small_gap
        name_surface = assets.text(name, heading, colour, bold=True)
        placed["medal_name"] = _Placed(
            name_surface,
            name_surface.get_rect(topleft=name_pos),
            name,
            appear_at=MEDAL_AT,
            size=heading,
        )
        wrap = detail_box.width if detail_box.height > detail_h else 0  # a narrow card
        detail_surface = assets.text(detail, small, self.app.look.palette.text_muted, wrap=wrap)
        placed["medal_detail"] = _Placed(
            detail_surface,
            detail_surface.get_rect(topleft=detail_box.topleft),
            detail,
            detail_box,
            appear_at=MEDAL_AT,
            size=small,
        )
        return bottom

    def _place_rows(self, inner: pygame.Rect, y: int, body: int, placed: dict[str, _Placed]) -> int:
        """The score taken apart, every row at one size: the largest from ``body`` down at
        which each label stands on one line beside the widest value (with large text in a
        narrow column, a label that still does not goes on two lines). Then the counts and
        whether the round was saved. Returns the bottom."""
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        small = metrics.small_size
        small_gap = metrics.px(0.7)
        t = self.app.translator
        values = [_value_text(row.points, t) for row in self.rows]
        size = self._row_size(inner.width, body)
        label_w = self._label_room(inner.width, size)
        fitter = assets.fitter
        shown = [
            (
                assets.text(
                    row.label,
                    size,
                    palette.text_muted,
                    wrap=label_w if fitter.width(row.label, size) > label_w else 0,
                ),
                assets.text(
                    value_text,
                    size,
                    palette.text if row.points >= 0 else palette.wrong,
                    bold=True,
                ),
            )
            for row, value_text in zip(self.rows, values, strict=True)
        ]
        # one line's height for all (brackets reach a pixel beyond the font's own height)
        line = max(value.get_height() for _, value in shown)
        line = max(
            line, *(label.get_height() for label, _ in shown if label.get_height() < 2 * line)
        )
        for i, (row, value_text, (label, value)) in enumerate(
            zip(self.rows, values, shown, strict=True)
        ):
            box = pygame.Rect(inner.x, y, label_w, max(line, label.get_height()))
            appear = ROWS_START + ROW_EVERY * i
            placed[f"row_{i}_label"] = _Placed(
                label,
                label.get_rect(topleft=box.topleft),
                row.label,
                box,
                appear_at=appear,
                size=size,
            )
            value_rect = value.get_rect(topright=(inner.right, box.y))
            placed[f"row_{i}_value"] = _Placed(
                value, value_rect, value_text, appear_at=appear, size=size
            )
            y = box.bottom
        stats = t.gettext(
            "{right} right · {wrong} wrong · best possible {best}",
            right=self.summary.right,
            wrong=self.summary.wrong,
            best=medal_yardstick(self.summary),
        )
        tiny = metrics.tiny_size
        stats_room = (inner.width, fitter.measure(stats, tiny, inner.width)[1])
        stats_surface = assets.fit_text(stats, small, tiny, palette.text_muted, stats_room)
        last = placed["stats"] = _Placed(
            stats_surface,
            stats_surface.get_rect(topleft=(inner.x, y + small_gap)),
            stats,
            appear_at=ROWS_START + ROW_EVERY * len(self.rows),
        )
        saved_line = self.saved_line()
        if saved_line is not None:
            text, colour = saved_line
            small_line = assets.font(small, True).get_linesize()
            room = (inner.width, max(2 * small_line, fitter.measure(text, tiny, inner.width)[1]))
            surface = assets.fit_text(text, small, tiny, colour, room, bold=True)
            last = placed["saved"] = _Placed(
                surface,
                surface.get_rect(topleft=(inner.x, last.rect.bottom + small_gap)),
                appear_at=ROWS_START + ROW_EVERY * (len(self.rows) + 1),
            )
        return last.rect.bottom

    def _value_width(self, size: int) -> int:
        """The widest breakdown value at ``size``."""
        fitter = self.app.services.assets.fitter
        t = self.app.translator
        return max(fitter.width(_value_text(row.points, t), size, True) for row in self.rows)

    def _label_room(self, width: int, size: int) -> int:
        """How wide a breakdown label may be in a card ``width`` wide inside its padding:
        the widest value and a clear gap before it take the rest."""
        return width - self._metrics.px(ROW_GAP) - self._value_width(size)

    def _score_width(self, body: int) -> int:
        """How wide the score card must be for its breakdown rows at ``body`` size."""
        fitter = self.app.services.assets.fitter
        label_w = max(fitter.width(row.label, body) for row in self.rows)
        padding = 2 * self._metrics.px(1.6)
        return label_w + self._metrics.px(ROW_GAP) + self._value_width(body) + padding

    def _row_size(self, width: int, body: int) -> int:
        """The breakdown's one type size: the largest from ``body`` down at which every
        label stands on one line in a card ``width`` wide inside its padding."""
        fitter = self.app.services.assets.fitter
        for size in size_ladder(body, self._metrics.small_size):
            room = self._label_room(width, size)
            if all(fitter.width(row.label, size) <= room for row in self.rows):
                return size
        return self._metrics.small_size

    def _place_trophies(
        self, inner: pygame.Rect, body: int, described: bool, placed: dict[str, _Placed]
    ) -> int:
        """The trophies of the round as chips, two to a row when they fit; every name at
        one size and every description at one size. Returns the bottom."""
        metrics = self._metrics
        assets = self.app.services.assets
        small = metrics.small_size
        small_gap = metrics.px(0.7)
        y = inner.y
        palette = self.app.look.palette
        t = self.app.translator
        heading = t.gettext("Trophies this round").upper()
        label = assets.text(heading, small, palette.text_muted, bold=True)
        placed["trophies_label"] = _Placed(
            label, label.get_rect(topleft=(inner.x, y)), appear_at=MEDAL_AT
        )
        y = placed["trophies_label"].rect.bottom + small_gap
        if not self.trophies:
            words = t.gettext("None this time: try for a streak!")
            line_box = (inner.width, assets.font(body).get_linesize() * 2)
            none = assets.fit_text(words, body, metrics.tiny_size, palette.text, line_box)
            placed["no_trophies"] = _Placed(
                none, none.get_rect(topleft=(inner.x, y)), words, appear_at=MEDAL_AT
            )
            return placed["no_trophies"].rect.bottom
        two_fit = (inner.width - small_gap) // 2 >= metrics.px(24 if described else 14)
        columns = 2 if two_fit and len(self.trophies) > 1 else 1
        chip_w = (inner.width - (columns - 1) * small_gap) // columns
        style = self._chip_style(chip_w, body, described)
        for i, earned in enumerate(self.trophies):
            chip = self._render_chip(earned, chip_w, style)
            row, col = divmod(i, columns)
            rect = chip.get_rect(
                topleft=(inner.x + col * (chip_w + small_gap), y + row * (style.height + small_gap))
            )
            placed[f"trophy_{i}"] = _Placed(
                chip,
                rect,
                t.gettext(earned.name),
                appear_at=self._trophy_time(i),
                popping=True,
                size=style.name_size,
            )
        return placed[f"trophy_{len(self.trophies) - 1}"].rect.bottom

    def _render_medal(self, diameter: int) -> pygame.Surface:
        """A round medal in the tier's colour with a star; an empty ring when there is none."""
        assets = self.app.services.assets
        surface = pygame.Surface((diameter, diameter), pygame.SRCALPHA)
        r = diameter // 2
        centre = (r, r)
        if self.medal is None:
            disabled = self.app.look.palette.disabled
            pygame.draw.circle(surface, disabled, centre, r, max(2, diameter // 14))
            return surface
        colour = self.app.look.tier(self.medal.value)
        pygame.draw.circle(surface, darken(colour, 0.35), centre, r)
        pygame.draw.circle(surface, colour, centre, round(r * 0.86))
        pygame.draw.circle(
            surface, lighten(colour, 0.35), centre, round(r * 0.86), max(1, diameter // 30)
        )
        star = assets.decoration("★", round(diameter * 0.55), darken(colour, 0.45), bold=True)
        surface.blit(star, star.get_rect(center=centre))
        return surface

    def _chip_style(self, width: int, body: int, described: bool) -> _ChipStyle:
        """One look for every chip ``width`` wide: the badge, the name's size (the largest
        from ``body`` down at which every name stands on one line), the description's (the
        small size when every one fits two lines; 0 for none) and the chips' height."""
        metrics = self._metrics
        assets = self.app.services.assets
        fitter = assets.fitter
        small = metrics.small_size
        pad = metrics.px(0.8)
        icon = assets.font(body, True).get_linesize()
        text_w = max(10, width - icon - 3 * pad)
        t = self.app.translator
        names = [t.gettext(earned.name) for earned in self.trophies]
        name_size = next(
            (
                s
                for s in size_ladder(body, small)
                if max(fitter.width(n, s, True) for n in names) <= text_w
            ),
            small,
        )
        # the descriptions at the small size, on two lines at most, or none at all: smaller
        # type does not read from the back of the room
        descriptions = [_description(e, t) for e in self.trophies] if described else []
        lines = 2 * assets.font(small).get_linesize()
        heights = [fitter.measure(d, small, text_w)[1] for d in descriptions if d]
        detail_size = small if heights and max(heights) <= lines else 0
        detail_h = max(heights) if detail_size else 0
        name_h = assets.font(name_size, True).get_linesize()
        height = max(icon, name_h + detail_h) + 2 * pad
        return _ChipStyle(icon, text_w, name_size, detail_size, height)

    def _render_chip(self, earned: TrophyEarned, width: int, style: _ChipStyle) -> pygame.Surface:
        """One trophy: a tier-coloured badge, its name and (in ``style``) what it was for."""
        metrics = self._metrics
        assets = self.app.services.assets
        pad = metrics.px(0.8)
        palette = self.app.look.palette
        colour = self.app.look.tier(earned.tier)
        # one line each: the name cut at its room, the description at two lines
        t = self.app.translator
        name = assets.text(t.gettext(earned.name), style.name_size, palette.text, bold=True)
        name = name.subsurface((0, 0, min(name.get_width(), style.text_w), name.get_height()))
        detail = None
        description = _description(earned, t)
        if style.detail_size and description:
            lines = 2 * assets.font(style.detail_size).get_linesize()
            detail = assets.text(
                description, style.detail_size, palette.text_muted, wrap=style.text_w
            )
            detail = detail.subsurface((0, 0, detail.get_width(), min(lines, detail.get_height())))
        detail_h = detail.get_height() if detail is not None else 0
        chip = pygame.Surface((width, style.height), pygame.SRCALPHA)
        rect = chip.get_rect()
        pygame.draw.rect(chip, palette.panel_deep, rect, border_radius=metrics.radius)
        pygame.draw.rect(
            chip, colour, rect, width=max(1, metrics.px(0.15)), border_radius=metrics.radius
        )
        icon = style.icon
        centre = (pad + icon // 2, style.height // 2)
        pygame.draw.circle(chip, colour, centre, icon // 2)
        star = assets.decoration("★", round(icon * 0.6), darken(colour, 0.45), bold=True)
        chip.blit(star, star.get_rect(center=centre))
        x = 2 * pad + icon
        y = (style.height - name.get_height() - detail_h) // 2
        chip.blit(name, (x, y))
        if detail is not None:
            chip.blit(detail, (x, y + name.get_height()))
        return chip


@dataclass(frozen=True, slots=True)
class _ChipStyle:
    """What every trophy chip of a layout shares: one look, one set of type sizes."""

    icon: int  # the badge's diameter
    text_w: int  # room for the name and the description
    name_size: int
    detail_size: int  # 0: no description
    height: int


def _value_text(points: int, t: Translator) -> str:
    return ("+" if points > 0 else "") + t.number(points)


def _description(earned: TrophyEarned, t: Translator) -> str:
    try:
        return t.render(trophy_by_id(earned.trophy_id).description)
    except KeyError:  # a trophy this version does not know (from a newer store)
        return ""
