"""The play screen: the mystery image under its tiles, the question card, the score.

Every rule is a call on the core :class:`~clarity.core.round.Round`; this scene only
turns keys and clicks into those calls and draws what the round holds. The clock of a
question is the sum of the ``dt`` this scene's ``update`` receives, so it stops by itself
while a pause menu covers the scene.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from clarity.core.packs import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import AnswerResult, Phase, Round, right_answer_text
from clarity.core.scoring import answer_points, image_guess_points
from clarity.core.trophies import TrophyTracker, trophy_by_id
from clarity.ui.backdrop import Backdrop
from clarity.ui.board_view import BoardView
from clarity.ui.effects import CountingNumber, Flyer, Toasts, ease_out, format_points, make_flyer
from clarity.ui.hints import KeyHint, draw_key_hints, key_hints_height
from clarity.ui.scene import Scene
from clarity.ui.scenes.results import ResultsScene
from clarity.ui.textfit import ellipsize, shorten, size_ladder, warm_glyphs
from clarity.ui.theme import ANSWER_STYLES, PALETTE, TIER_COLOURS, Colour, Metrics
from clarity.ui.widgets import Button, FocusGroup, TextField, darken, draw_panel, lighten

if TYPE_CHECKING:
    from clarity.core.events import ImageGuessed
    from clarity.core.pack_loader import LoadedPack
    from clarity.ui.app import App

INTRO_SECONDS = 0.3  # a new question wipes in; its clock starts after that
REVEAL_SECONDS = 1.0  # the wave that uncovers the rest of the image at the end
HOLD_SECONDS = 1.4  # the whole image stays in view this long before the results

_NUMBER_KEYS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6)
_KEYPAD_KEYS = (pygame.K_KP1, pygame.K_KP2, pygame.K_KP3, pygame.K_KP4, pygame.K_KP5, pygame.K_KP6)
_LETTER_KEYS = (pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d, pygame.K_e, pygame.K_f)
#: keys that pick a choice, by its index
CHOICE_KEYS: dict[int, int] = {
    key: index
    for keys in (_NUMBER_KEYS, _KEYPAD_KEYS, _LETTER_KEYS)
    for index, key in enumerate(keys)
}
#: keys that answer a true/false question: T/F, and A/B, 1/2 like the buttons' letters
TRUEFALSE_KEYS: dict[int, bool] = {
    pygame.K_t: True,
    pygame.K_a: True,
    pygame.K_1: True,
    pygame.K_KP1: True,
    pygame.K_f: False,
    pygame.K_b: False,
    pygame.K_2: False,
    pygame.K_KP2: False,
}
_ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
HUD_LABELS = {"score": "SCORE", "streak": "STREAK", "tiles": "TILES LEFT", "question": "QUESTION"}
_MOVE_KEYS = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT)


@dataclass
class _Text:
    """A rendered text and where it is drawn."""

    surface: pygame.Surface
    rect: pygame.Rect
    words: str = ""  # what it says, for tests and the demo's log
    box: pygame.Rect | None = None  # the room it was given; drawing never leaves it


class PlayScene(Scene):
    """One round of a pack: questions uncover tiles, a guess at the image ends it.

    Public for the demo autopilot and the tests: ``round`` (the core round), ``tracker``
    (its trophies), ``guessing`` (the guess field is open), ``busy`` (an animation that
    takes no input is running) and ``feedback`` (the last answer while it is shown).
    """

    name = "play"

    def __init__(
        self,
        app: App,
        loaded: LoadedPack,
        *,
        mystery_index: int = 0,
        seed: int | None = None,
        round_: Round | None = None,
    ) -> None:
        super().__init__(app)
        if loaded.pack is None:
            raise ValueError(f"the pack {loaded.path} has errors and cannot be played")
        self.loaded = loaded
        self.tracker = TrophyTracker()
        if round_ is None:
            if seed is None:
                seed = app.services.settings.seed
            if seed is None:
                seed = random.SystemRandom().randrange(2**31)
            self.round = Round(
                loaded.pack,
                mystery_index=mystery_index,
                seed=seed,
                rules=app.services.settings.rules(),
                observers=[self.tracker],
            )
        else:
            # a restored round: let the tracker catch up quietly, then listen
            self.round = round_
            for event in (*round_.answers, *round_.guesses):
                self.tracker.observe(event)
            round_.subscribe(self.tracker)
        # saved after every answer and at the end, for the player (after the tracker)
        self.saving = app.services.watch_round(self.round, self.tracker, loaded)
        self.guessing = False
        self.feedback: AnswerResult | None = None

        assets = app.services.assets
        mystery = self.round.mystery
        board = self.round.board
        self.board_view = BoardView(
            assets, loaded.images.get(mystery.image), board.rows, board.cols
        )
        self.board_view.sync(board.hidden_tiles())

        self.answer_field = TextField(self._submit_typed, placeholder="Type the answer…")
        self.guess_field = TextField(self._submit_guess, placeholder="Type your guess…")
        self.guess_button = Button(
            "Guess the image",
            self.open_guess,
            key_hint="G",
            colour=PALETTE.accent,
            text_colour=PALETTE.text_dark,
        )
        self.next_button = Button("Next", self.next_question, key_hint="Enter", colour=PALETTE.tile)
        self.submit_button = Button(
            "Answer", self._submit_typed_button, key_hint="Enter", colour=PALETTE.tile
        )
        self.guess_submit = Button(
            "Guess",
            self._submit_guess_button,
            key_hint="Enter",
            colour=PALETTE.accent,
            text_colour=PALETTE.text_dark,
        )
        self.guess_cancel = Button("Cancel", self.cancel_guess, key_hint="Esc", colour=PALETTE.tile)
        self.answer_buttons: list[Button] = []
        self.focus = FocusGroup()
        self._keyboard_focus = False  # the focus ring shows once arrows or Tab are used

        self.score = CountingNumber(self.round.score)
        self.flyers: list[Flyer] = []
        self.toasts = Toasts()
        self._elapsed = 0.0  # seconds on the current question, from update's dt
        self._guess_elapsed = 0.0
        self._intro = INTRO_SECONDS
        self._ending: float | None = None  # seconds since the round ended
        self._left = False
        self._trophies_seen = len(self.tracker.earned)
        self._chosen: int | None = None  # the answer button pressed, for the feedback
        self._last_guess: ImageGuessed | None = None
        self._text_input = False

        self._metrics = Metrics(*app.options.size)
        self._fit = app.services.assets.fitter
        self._boxes: dict[str, pygame.Rect] = {}
        self._texts: dict[str, _Text] = {}
        self._hud: dict[str, pygame.Rect] = {}
        self._pack_title = ""
        self._card = pygame.Rect(0, 0, 0, 0)
        self._inner = pygame.Rect(0, 0, 0, 0)
        self._button_h = 0
        self._label_size = 20
        self._explain_size = 20
        self._row_h = 20
        self._plans: dict[tuple[int, int, int], _CardPlan] = {}
        self._columns = 1
        self._timebar = pygame.Rect(0, 0, 0, 0)
        self._wipe = pygame.Rect(0, 0, 0, 0)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._stakes: _Text | None = None
        self._base: pygame.Surface | None = None
        self._static: pygame.Surface | None = None
        self._regions_drawn: dict[str, tuple[object, ...]] = {}
        self._dirty: list[pygame.Rect] = []  # where the moving things were drawn last
        self._drawn_frame = -2
        self._drawn_surface: pygame.Surface | None = None
        self._drawn_on_top = False
        self._laid_out_frame = -1
        self._region_rects: dict[str, pygame.Rect] = {}
        self._layout_gen = 0
        self._card_gen = 0

        self._build_question()
        if self.round.phase is Phase.FEEDBACK and self.round.answers:
            self._restore_feedback()

    def _restore_feedback(self) -> None:
        """A round restored between an answer and the next question: show that answer."""
        question = self.round.question
        assert question is not None
        event = self.round.answers[-1]
        self._intro = INTRO_SECONDS
        if isinstance(question, ChoiceQuestion) and event.response in question.choices:
            self._chosen = question.choices.index(event.response)
        elif isinstance(question, TrueFalseQuestion) and event.response in ("true", "false"):
            self._chosen = 0 if event.response == "true" else 1
        self.feedback = AnswerResult(event, None, right_answer_text(question), question.explain)
        self._mark_answer_buttons(self.feedback)
        self._layout_card()

    # -- reading the state ----------------------------------------------------------

    @property
    def busy(self) -> bool:
        """An animation runs that takes no answer, Enter or guess (Esc still pauses)."""
        return self._ending is not None or self.board_view.flipping or self._intro < INTRO_SECONDS

    @property
    def wants_text(self) -> bool:
        """Letters type (so M does not mute) while a text field is open."""
        return self.guessing or self._typing_answer

    @property
    def seconds_on_question(self) -> float:
        return self._elapsed

    @property
    def time_left(self) -> float | None:
        limit = self.round.time_limit
        if limit is None or self.round.phase is not Phase.ASKING:
            return None
        return max(0.0, limit - self._elapsed)

    @property
    def _typing_answer(self) -> bool:
        return (
            self.round.phase is Phase.ASKING
            and isinstance(self.round.question, TypedQuestion)
            and not self.guessing
        )

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """Every text block, button and HUD item now on screen, by name (for layout tests)."""
        return {name: rect.copy() for name, rect in self._boxes.items()}

    def shown_texts(self) -> dict[str, str]:
        """What the card's text blocks say now, by name (prompt, verdict, explain...)."""
        return {name: text.words for name, text in self._texts.items()}

    # -- actions: what a key or a click does ---------------------------------------------

    def answer_choice(self, index: int) -> None:
        """Answer the current choice or true/false question with its ``index``-th button."""
        question = self.round.question
        if self.round.phase is not Phase.ASKING or self.guessing or self.busy:
            return
        if isinstance(question, ChoiceQuestion) and 0 <= index < len(question.choices):
            self._chosen = index
            self._answer(question.choices[index])
        elif isinstance(question, TrueFalseQuestion) and index in (0, 1):
            self._chosen = index
            self._answer(index == 0)

    def next_question(self) -> None:
        """Leave the feedback: the next question, or the final guess."""
        if self.round.phase is not Phase.FEEDBACK or self.busy or self.guessing:
            return
        self.app.services.sound.play("click")
        self.round.next_question()
        self.feedback = None
        self._chosen = None
        self._elapsed = 0.0
        self._build_question()

    def open_guess(self) -> None:
        """Open the field for a guess at the image (any moment before the end)."""
        if self.guessing or self.busy or self.round.phase is Phase.ENDED:
            return
        self.app.services.sound.play("click")
        self._open_guess_field()

    def cancel_guess(self) -> None:
        if not self.guessing or self.round.phase is Phase.FINAL_GUESS:
            return
        self.guessing = False
        self._guess_elapsed = 0.0
        self._refresh_text_input()
        self._layout_card()

    def pause_game(self) -> None:
        from clarity.ui.scenes.pause import PauseScene  # noqa: PLC0415 - another engineer's scene

        self.app.push(PauseScene(self.app, on_restart=self.restart, on_title=self.to_title))

    def restart(self) -> None:
        """Start this mystery again from its first question (from the pause menu)."""
        # the pause menu pops itself before calling this, so the top is this scene again
        fresh = PlayScene(self.app, self.loaded, mystery_index=self.round.mystery_index)
        self.app.replace(fresh)

    def to_title(self) -> None:
        from clarity.ui.scenes.title import TitleScene  # noqa: PLC0415 - another engineer's scene

        self.app.reset(TitleScene(self.app))

    # -- the scene lifecycle ------------------------------------------------------------

    def enter(self) -> None:
        if self.round.phase is Phase.FINAL_GUESS:
            self._open_guess_field()
        elif self.round.phase is Phase.ENDED:
            self._ending = REVEAL_SECONDS + HOLD_SECONDS  # nothing to reveal: straight on
        self._refresh_text_input()

    def exit(self) -> None:
        self._stop_text_input()

    def pause(self) -> None:
        self._stop_text_input()

    def resume(self) -> None:
        self._refresh_text_input()

    def layout(self, size: tuple[int, int]) -> None:
        self._layout_gen += 1
        metrics = self._metrics = Metrics(*size)
        assets = self.app.services.assets
        width, height = size
        margin = metrics.margin
        gap = metrics.gap
        boxes: dict[str, pygame.Rect] = {}

        # the top bar: pack title on the left, question / tiles / streak / score on the right
        hud_h = assets.font(metrics.heading_size, True).get_linesize() + metrics.px(1.0)
        self._hud_rect = pygame.Rect(0, 0, width, hud_h)
        self._layout_hud(boxes, margin)

        # the key hints along the bottom, as tall as the longest set needs
        hints_w = width - 2 * margin
        hints_h = max(key_hints_height(h, assets, metrics, hints_w) for h in self._all_hint_sets())
        self._hints_area = pygame.Rect(margin, height - hints_h - metrics.px(0.6), hints_w, hints_h)
        boxes["hints"] = self._hints_area.copy()

        top = hud_h + gap
        content = pygame.Rect(margin, top, width - 2 * margin, self._hints_area.top - gap - top)
        self._button_h = max(
            metrics.px(4.8), assets.font(metrics.body_size, True).get_linesize() + metrics.px(1.0)
        )
        side_by_side = content.width >= content.height * 1.2
        if side_by_side:
            board_col = pygame.Rect(
                content.x, content.y, round(content.width * 0.52), content.height
            )
            self._card = pygame.Rect(
                board_col.right + gap,
                content.y,
                content.right - board_col.right - gap,
                content.height,
            )
        else:  # a tall window: the board on top, the card below
            board_col = pygame.Rect(
                content.x, content.y, content.width, round(content.height * 0.42)
            )
            self._card = pygame.Rect(
                content.x,
                board_col.bottom + gap,
                content.width,
                content.bottom - board_col.bottom - gap,
            )
        edge = max(2, metrics.px(0.25))
        board_area = pygame.Rect(
            board_col.x + edge,
            board_col.y + edge,
            board_col.width - 2 * edge,
            board_col.height - self._button_h - gap - 2 * edge,
        )
        board = self.board_view.fit(board_area, metrics)
        # when the picture leaves height over (a 4:3 window), the board and its guess row
        # sit in the middle of their column instead of leaving a hole at the bottom
        slack = board_area.height - board.height
        if slack > board_area.height // 10 and side_by_side:
            board = self.board_view.fit(board_area.move(0, slack // 2), metrics)
        boxes["board"] = board.inflate(2 * edge, 2 * edge)

        guess_w = min(board.width, max(metrics.px(24), round(board.width * 0.5)))
        self.guess_button.rect = pygame.Rect(
            board.x - edge, board.bottom + edge + gap, guess_w, self._button_h
        )
        boxes["guess_button"] = self.guess_button.rect.copy()
        self._stakes_box = pygame.Rect(
            self.guess_button.rect.right + gap,
            self.guess_button.rect.y,
            board.right + edge - self.guess_button.rect.right - gap,
            self._button_h,
        )
        self._stakes = None
        self.toasts.anchor = (board.centerx, hud_h + gap)
        # the static layer's regions tile the window; the gaps between parts are split
        hints_top = self._hints_area.top - gap // 2
        middle = pygame.Rect(0, hud_h, width, hints_top - hud_h)
        if side_by_side:
            split = self._card.left - gap // 2
            board_region = pygame.Rect(0, middle.y, split, middle.height)
            card_region = pygame.Rect(split, middle.y, width - split, middle.height)
        else:
            split = self._card.top - gap // 2
            board_region = pygame.Rect(0, middle.y, width, split - middle.y)
            card_region = pygame.Rect(0, split, width, middle.bottom - split)
        # the board covers its own rect whole (it needs nothing restored under it); the
        # guess row is the rest of its column below the board
        board_rect = boxes["board"]
        below = board_rect.bottom + 1
        self._region_rects = {
            "hud": pygame.Rect(0, 0, width, hud_h),
            "board": board_rect.copy(),
            "guess": pygame.Rect(
                board_region.x, below, board_region.width, board_region.bottom - below
            ),
            "card": card_region,
            "hints": pygame.Rect(0, hints_top, width, height - hints_top),
        }
        self._base = None
        self._static = None
        self._warm_glyphs()
        self._base_boxes = boxes
        self._layout_card()

    def _warm_glyphs(self) -> None:
        """Load every glyph the pack uses at the sizes the card may use, with the layout."""
        metrics = self._metrics
        pack = self.round.pack
        parts = [pack.title, self.round.mystery.answer, "0123456789 +−%/:·…“”"]
        for question in pack.questions:
            parts += [question.prompt, question.explain or ""]
            if isinstance(question, ChoiceQuestion):
                parts += question.choices
        sizes = [
            *size_ladder(metrics.heading_size, metrics.small_size),
            *size_ladder(metrics.body_size, metrics.small_size),
        ]
        warm_glyphs(self.app.services.assets, parts, sizes)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self._keyboard_focus = False
        if self._ending is not None:
            self._handle_ending_event(event)
            return
        if event.type == pygame.KEYDOWN and self._handle_key(event):
            return
        if self.guessing:
            if not self.busy:
                self.guess_field.handle_event(event)
            self.focus.handle_event(event)
            return
        if event.type == pygame.TEXTINPUT and self._typing_answer and not self.busy:
            self.answer_field.handle_event(event)
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONUP):
            if self.busy:
                return
            if self.focus.handle_event(event):
                return
            if (
                event.type == pygame.MOUSEBUTTONUP
                and event.button == 1
                and self.round.phase is Phase.FEEDBACK
                and self._card.collidepoint(event.pos)
            ):
                self.next_question()  # a click anywhere on the card continues

    def update(self, dt: float) -> None:
        self.board_view.update(dt)
        self.score.update(dt)
        for flyer in self.flyers:
            flyer.update(dt)
        self.flyers = [f for f in self.flyers if not f.done]
        self.toasts.update(dt)
        self.answer_field.update(dt)
        self.guess_field.update(dt)
        if self._ending is not None:
            self._ending += dt
            if self._ending >= REVEAL_SECONDS + HOLD_SECONDS and not self.board_view.flipping:
                self._show_results()
            return
        if self._intro < INTRO_SECONDS:
            self._intro = min(INTRO_SECONDS, self._intro + dt)
            return  # the clock starts once the question is in view
        if self.guessing:
            self._guess_elapsed += dt
        elif self.round.phase is Phase.ASKING:
            self._elapsed += dt
            limit = self.round.time_limit
            if limit is not None and self._elapsed >= limit:
                self._time_out()

    def draw(self, surface: pygame.Surface) -> None:
        # What changes only with the game state is kept in a frame-sized layer, in regions
        # (top bar, board, guess row, card, key hints) drawn again only when what they
        # show changes. When the window still holds this scene's last frame, only the
        # changed regions and the places where something moved are copied back from the
        # layer; what moves is then drawn on top.
        size = surface.get_size()
        if self._base is None or self._base.get_size() != size:
            self._base = self._render_base(size)
        if self._static is None or self._static.get_size() != size:
            self._static = self._base.copy()
            self._regions_drawn.clear()
            self._dirty = []
            self._drawn_frame = -2
        on_top = self.app.top is self
        holds_last_frame = (
            on_top
            and self._drawn_on_top  # nothing (a pause menu) was drawn over the last frame
            and self._drawn_frame == self.app.frame - 1
            and self._drawn_surface is surface
        )
        # Spread the work when the window holds the last frame: a frame that laid the
        # card out (an answer, the next question) redraws no region, and a frame redraws
        # regions up to a quarter of the window's pixels (the first one always), in the
        # order a player looks: the card, the top bar, the guess row, the hints, the
        # board (whose uncovering tile is drawn by the moving layer meanwhile). Each
        # region is a frame or two late at most, a thirtieth of a second.
        budget = size[0] * size[1] // 4 if holds_last_frame else None
        if holds_last_frame and self._laid_out_frame == self.app.frame:
            budget = 0
        changed: list[pygame.Rect] = []
        spent = 0
        for name, (region, key, draw) in self._regions().items():
            if self._regions_drawn.get(name) == key:
                continue
            area = region.width * region.height
            if budget is not None and (budget == 0 or (changed and spent + area > budget)):
                continue  # next frame
            self._static.set_clip(region)
            if name != "board":  # the board is opaque: nothing to restore under it
                self._static.blit(self._base, region, region)
            draw(self._static)
            self._static.set_clip(None)
            self._regions_drawn[name] = key
            changed.append(region)
            spent += area
        if holds_last_frame:
            for rect in (*changed, *self._dirty):
                surface.blit(self._static, rect, rect)
        else:
            surface.blit(self._static, (0, 0))
        self._dirty = self._draw_moving(surface)
        self._drawn_frame = self.app.frame
        self._drawn_surface = surface
        self._drawn_on_top = on_top

    def _render_base(self, size: tuple[int, int]) -> pygame.Surface:
        """What only the window size changes: the backdrop, the top bar, the card."""
        metrics = self._metrics
        base = pygame.Surface(size).convert()
        # a backdrop of its own, let go afterwards: the base keeps the only copy
        Backdrop().draw(base)
        bar = self._hud_rect
        pygame.draw.rect(base, darken(PALETTE.background, 0.35), bar)
        line = max(1, metrics.px(0.15))
        pygame.draw.line(base, PALETTE.panel_edge, bar.bottomleft, bar.bottomright, line)
        draw_panel(base, self._card, metrics)
        return base

    def _regions(
        self,
    ) -> dict[str, tuple[pygame.Rect, tuple[object, ...], Callable[[pygame.Surface], None]]]:
        """Each region of the static layer: where, what it shows (a key), how to draw it."""
        focus = self.focus
        focused = focus.focused if self._keyboard_focus else None
        hovered = focus.buttons[focus.hover] if focus.hover is not None else None
        board = self.round.board
        on_guess = (focused is self.guess_button, hovered is self.guess_button)
        card_buttons = (
            focused if focused is not self.guess_button else None,
            hovered if hovered is not self.guess_button else None,
        )
        return {  # in the order the regions are redrawn when a frame is busy
            "card": (
                self._region_rects["card"],
                (self._layout_gen, self._card_gen, *map(id, card_buttons)),
                self._draw_card,
            ),
            "hud": (
                self._region_rects["hud"],
                (
                    self._layout_gen,
                    self.round.streak,
                    board.hidden_count,
                    self.round.question_number,
                ),
                self._draw_hud,
            ),
            "guess": (
                self._region_rects["guess"],
                (
                    self._layout_gen,
                    board.hidden_count,
                    self._ending is None,
                    self._guess_button_enabled,
                    self._typing_answer,
                    *on_guess,
                ),
                self._draw_guess_region,
            ),
            "hints": (
                self._region_rects["hints"],
                (self._layout_gen, self._hints()),
                self._draw_hints,
            ),
            "board": (
                self._region_rects["board"],
                (self._layout_gen, self.board_view.version),
                self.board_view.draw,
            ),
        }

    @property
    def _guess_button_enabled(self) -> bool:
        return not self.guessing and self.round.phase is not Phase.FINAL_GUESS

    def _draw_guess_region(self, surface: pygame.Surface) -> None:
        if self._ending is None:
            self._draw_guess_row(surface)
        else:
            self._draw_ending_banner(surface)

    def _draw_hints(self, surface: pygame.Surface) -> None:
        assets = self.app.services.assets
        draw_key_hints(surface, self._hints(), assets, self._metrics, self._hints_area)

    def _draw_moving(self, surface: pygame.Surface) -> list[pygame.Rect]:
        """What changes from frame to frame: the score, the clock, a caret, animations.

        Returns where it drew, for the next frame to clean up.
        """
        metrics = self._metrics
        assets = self.app.services.assets
        drawn = [self._draw_score(surface)]
        drawn += self._draw_clock(surface)
        drawn += self.board_view.draw_flips(surface)
        if self._ending is None:
            if self.guessing:
                self.guess_field.draw(surface, assets, metrics)
                drawn.append(self.guess_field.rect.copy())
            elif isinstance(self.round.question, TypedQuestion):
                drawn += self._draw_answer_field(surface)
        if self._intro < INTRO_SECONDS:
            # the new question wipes in from the left over a plain card
            shown = ease_out(self._intro / INTRO_SECONDS)
            cover = self._wipe.copy()
            cover.width = round(self._wipe.width * (1.0 - shown))
            cover.right = self._wipe.right
            drawn.append(pygame.draw.rect(surface, PALETTE.panel, cover))
        drawn += [flyer.draw(surface) for flyer in self.flyers]
        # toasts slide out from under the top bar, never over it
        below_bar = pygame.Rect(0, self._hud_rect.bottom, *surface.get_size())
        previous_clip = surface.get_clip()
        surface.set_clip(below_bar)
        toast = self.toasts.draw(surface)
        surface.set_clip(previous_clip)
        if toast is not None:
            drawn.append(toast.clip(below_bar))
        return drawn

    # -- keys -----------------------------------------------------------------------------

    def _handle_key(self, event: pygame.event.Event) -> bool:
        """Keys that do something in this state; True when the key was used."""
        key = event.key
        phase = self.round.phase
        if key == pygame.K_ESCAPE:
            if self.guessing and phase is not Phase.FINAL_GUESS:
                self.cancel_guess()
            else:
                self.pause_game()
            return True
        if key in _MOVE_KEYS:
            if self._keyboard_focus:
                self.focus.handle_event(event)
            self._keyboard_focus = True  # the first press shows where the focus is
            return True
        if self.busy:
            return True  # answers, Enter and G wait for the animation
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        if self.guessing:
            if (
                key in _ENTER_KEYS
                and self._keyboard_focus
                and self.focus.focused is self.guess_cancel
            ):
                self.cancel_guess()
                return True
            return self.guess_field.handle_event(event)
        if key == pygame.K_g and (ctrl or not self._typing_answer):
            self.open_guess()
            return True
        if self._typing_answer:
            return self.answer_field.handle_event(event)
        if key in (*_ENTER_KEYS, pygame.K_SPACE):
            if self._keyboard_focus and self.focus.focused is not None:
                self.focus.focused.press()
            elif phase is Phase.FEEDBACK:
                self.next_question()
            return True
        question = self.round.question
        if phase is Phase.ASKING and isinstance(question, TrueFalseQuestion):
            if key in TRUEFALSE_KEYS:
                self.answer_choice(0 if TRUEFALSE_KEYS[key] else 1)
                return True
        elif phase is Phase.ASKING and key in CHOICE_KEYS:
            self.answer_choice(CHOICE_KEYS[key])
            return True
        return False

    def _handle_ending_event(self, event: pygame.event.Event) -> None:
        # once the whole image is in view, Enter or a click goes on to the results
        ready = self._ending is not None and self._ending >= REVEAL_SECONDS
        pressed = (
            event.type == pygame.KEYDOWN and event.key in (*_ENTER_KEYS, pygame.K_SPACE)
        ) or (event.type == pygame.MOUSEBUTTONUP and event.button == 1)
        if ready and pressed and not self.board_view.flipping:
            self._show_results()

    # -- playing --------------------------------------------------------------------------

    def _answer(self, response: str | bool) -> None:
        result = self.round.answer(response, self._elapsed)
        self._show_feedback(result)

    def _submit_typed(self, text: str) -> None:
        if not text.strip() or self.busy:
            return  # an empty line is a slip of the finger, not an answer
        self._answer(text)

    def _submit_typed_button(self) -> None:
        if self._typing_answer:
            self._submit_typed(self.answer_field.text)

    def _time_out(self) -> None:
        self._chosen = None
        result = self.round.answer(None, self._elapsed)
        self._show_feedback(result)

    def _show_feedback(self, result: AnswerResult) -> None:
        sound = self.app.services.sound
        self.feedback = result
        event = result.event
        self._refresh_text_input()
        if event.right:
            sound.play("right")
            if result.tile is not None:
                self.board_view.uncover(result.tile)
                sound.play("uncover")
            self._fly_points(event.points.total, self._answer_anchor())
        else:
            sound.play("wrong")
        self.score.set(self.round.score)
        self._mark_answer_buttons(result)
        self._layout_card()
        self._announce_trophies()

    def _mark_answer_buttons(self, result: AnswerResult) -> None:
        question = self.round.question
        right_index: int | None = None
        if isinstance(question, ChoiceQuestion):
            right_index = question.right_index
        elif isinstance(question, TrueFalseQuestion):
            right_index = 0 if question.answer else 1
        for i, button in enumerate(self.answer_buttons):
            if i == right_index:
                button.state, button.key_hint = "right", "✓"
            elif i == self._chosen:
                button.state, button.key_hint = "wrong", "✗"
            else:
                button.state, button.key_hint = "dimmed", ""

    def _submit_guess(self, text: str) -> None:
        if not text.strip() or self.busy or self.round.phase is Phase.ENDED:
            return
        event = self.round.guess_image(text.strip(), self._guess_elapsed)
        self._last_guess = event
        self._guess_elapsed = 0.0
        self.guessing = False
        self.score.set(self.round.score)
        self._announce_trophies()
        if self.round.phase is Phase.ENDED:
            self.app.services.sound.play("guessed" if event.right else "wrong")
            if event.right:
                self._fly_points(event.points.total, self.board_view.rect.center)
            self._begin_ending()
            return
        self.app.services.sound.play("wrong")
        metrics = self._metrics
        lost = event.points.penalty
        self.toasts.add(
            self.app.services.assets,
            metrics,
            f"“{shorten(event.guess, 40)}” is not it",
            f"{format_points(-lost)} points" if lost else "Keep going: more tiles, more clues.",
            PALETTE.wrong,
            max_width=max(metrics.px(30), self.board_view.rect.width),
            icon="wrong",
        )
        if lost:
            self._fly_points(-lost, self.guess_button.rect.center)
        self._refresh_text_input()
        self._layout_card()

    def _submit_guess_button(self) -> None:
        if self.guessing:
            self._submit_guess(self.guess_field.text)

    def _open_guess_field(self) -> None:
        self.guessing = True
        self._guess_elapsed = 0.0
        self._keyboard_focus = False
        self._layout_card()  # places the field before the text input starts over it
        self.guess_field.start()
        self._text_input = True

    def _begin_ending(self) -> None:
        self._ending = 0.0
        self.guessing = False
        self._refresh_text_input()
        self.board_view.reveal_all(REVEAL_SECONDS)
        self._layout_card()

    def _show_results(self) -> None:
        if self._left or self.round.summary is None:
            return
        self._left = True
        self.app.replace(
            ResultsScene(
                self.app,
                self.loaded,
                self.round.summary,
                list(self.tracker.earned),
                self.tracker.medal,
                mystery_index=self.round.mystery_index,
                saved=self.saving.result,
            )
        )

    def _announce_trophies(self) -> None:
        """A toast for every trophy won since the last look (the medals wait for the results)."""
        new = self.tracker.earned[self._trophies_seen :]
        self._trophies_seen = len(self.tracker.earned)
        if self._ending is not None or self.round.phase is Phase.ENDED:
            return  # the results screen presents these
        metrics = self._metrics
        for earned in new:
            self.app.services.sound.play("trophy")
            self.toasts.add(
                self.app.services.assets,
                metrics,
                f"Trophy: {earned.name}",
                trophy_by_id(earned.trophy_id).description,
                TIER_COLOURS.get(earned.tier, PALETTE.accent),
                max_width=max(metrics.px(30), self.board_view.rect.width),
            )

    def _fly_points(self, points: int, start: tuple[int, int]) -> None:
        if points == 0:
            return
        text = ("+" if points > 0 else "") + format_points(points)
        colour = PALETTE.accent if points > 0 else PALETTE.wrong
        end = self._hud.get("score", pygame.Rect(0, 0, 0, 0)).center
        self.flyers.append(
            make_flyer(
                self.app.services.assets,
                text,
                size=self._metrics.heading_size,
                colour=colour,
                start=start,
                end=end,
            )
        )

    def _answer_anchor(self) -> tuple[int, int]:
        if self._chosen is not None and self._chosen < len(self.answer_buttons):
            return self.answer_buttons[self._chosen].rect.center
        return self.answer_field.rect.center

    # -- text input ---------------------------------------------------------------------

    def _refresh_text_input(self) -> None:
        """Take text from the keyboard exactly while a field is open and on top."""
        wanted = self.wants_text and self.app.top in (self, None)
        if wanted and not self._text_input:
            pygame.key.start_text_input()
            field = self.guess_field if self.guessing else self.answer_field
            pygame.key.set_text_input_rect(field.rect)
            self._text_input = True
        elif not wanted:
            self._stop_text_input()

    def _stop_text_input(self) -> None:
        if self._text_input:
            pygame.key.stop_text_input()
            self._text_input = False

    # -- building a question's widgets ------------------------------------------------------

    def _build_question(self) -> None:
        """Make the answer buttons of the current question, or open the final guess."""
        question = self.round.question
        self.answer_buttons = []
        if isinstance(question, ChoiceQuestion):
            for i, choice in enumerate(question.choices):
                style = ANSWER_STYLES[i]
                self.answer_buttons.append(
                    Button(
                        choice,
                        self._chooser(i),
                        key_hint=style.letter,
                        colour=style.colour,
                        shape=style.shape,
                    )
                )
        elif isinstance(question, TrueFalseQuestion):
            for i, label in enumerate(("True", "False")):
                style = ANSWER_STYLES[i]
                keys = f"{style.letter} · {label[0]}"
                self.answer_buttons.append(
                    Button(
                        label,
                        self._chooser(i),
                        key_hint=keys,
                        colour=style.colour,
                        shape=style.shape,
                    )
                )
        elif isinstance(question, TypedQuestion):
            self.answer_field.text = ""
        self._keyboard_focus = False
        self.focus.index = 0
        if self.round.phase is Phase.FINAL_GUESS:
            self._open_guess_field()
        else:
            self._intro = 0.0
        self._refresh_text_input()
        self._layout_card()

    def _chooser(self, index: int) -> Callable[[], None]:
        return lambda: self.answer_choice(index)

    # -- layout of the card -----------------------------------------------------------------

    def _layout_card(self) -> None:
        """Place the card's contents for the current phase; texts are rendered here, once."""
        if not self._card.width:
            return  # not laid out yet: layout() comes before the first draw
        metrics = self._metrics
        assets = self.app.services.assets
        boxes = dict(self._base_boxes)
        texts: dict[str, _Text] = {}
        pad = metrics.px(1.6)
        gap = metrics.gap
        small_gap = metrics.px(0.9)
        inner = self._inner = self._card.inflate(-2 * pad, -2 * pad)

        # the header: what kind of question, and the time left on the right
        header_h = assets.font(metrics.small_size, True).get_linesize()
        header = pygame.Rect(inner.x, inner.y, inner.width, header_h)
        label = self._header_label()
        texts["header"] = _Text(
            surf := assets.text(label, metrics.small_size, PALETTE.text_muted, bold=True),
            surf.get_rect(midleft=header.midleft),
            label,
        )
        clock_w = assets.font(metrics.small_size, True).size("000 s")[0]
        self._clock_rect = pygame.Rect(header.right - clock_w, header.y, clock_w, header_h)
        self._timebar = pygame.Rect(
            inner.x, header.bottom + small_gap, inner.width, metrics.px(0.8)
        )
        y = self._timebar.bottom + gap
        boxes["card_header"] = texts["header"].rect.copy()
        if self.round.time_limit is not None and not self.guessing and self._ending is None:
            boxes["clock"] = self._clock_rect.copy()
            boxes["timebar"] = self._timebar.copy()

        if self.guessing or self.round.phase is Phase.FINAL_GUESS:
            self._layout_guess(inner, y, boxes, texts)
        elif self._ending is not None:
            self._layout_ending(inner, y, boxes, texts)
        else:
            self._layout_question(inner, y, boxes, texts)
        # focus order: answers first, then the guess button beside the board
        buttons = self._focus_buttons()
        self.focus.set(buttons, columns=self._columns if not self.guessing else 2)
        self._boxes = boxes
        self._texts = texts
        self._card_gen += 1
        self._laid_out_frame = self.app.frame

    def _focus_buttons(self) -> list[Button]:
        if self._ending is not None:
            return []
        if self.guessing:
            if self.round.phase is Phase.FINAL_GUESS:
                return [self.guess_submit]
            return [self.guess_submit, self.guess_cancel]
        if self.round.phase is Phase.FEEDBACK:
            return [self.next_button, self.guess_button]
        if self._typing_answer:
            return [self.submit_button, self.guess_button]
        return [*self.answer_buttons, self.guess_button]

    def _layout_question(
        self, inner: pygame.Rect, top: int, boxes: dict[str, pygame.Rect], texts: dict[str, _Text]
    ) -> None:
        """The prompt on top, the answers under it, the feedback zone at the bottom.

        The feedback zone is as tall as this question's explanation needs, known before
        the answer, so nothing moves when the answer shows. When everything does not fit
        at the largest sizes, the type and the buttons shrink step by step.
        """
        metrics = self._metrics
        question = self.round.question
        assert question is not None
        gap = metrics.gap
        small_gap = metrics.px(0.9)
        # planned once per question and size: the answer's feedback keeps the same plan,
        # so no button moves when the verdict shows
        key = (self.round.question_number, inner.width, inner.bottom - top)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._plan_question(inner.width, inner.bottom - top)
        self._columns = plan.columns
        self._explain_size = plan.explain_size
        self._row_h = plan.row_h
        button_h = plan.button_h

        feedback = pygame.Rect(inner.x, inner.bottom - plan.feedback_h, inner.width, 0)
        feedback.height = plan.feedback_h
        answers_bottom = feedback.top - gap
        if isinstance(question, TypedQuestion):
            row_y = answers_bottom - plan.answers_h
            submit_w = max(metrics.px(16), round(inner.width * 0.3))
            self.answer_field.rect = pygame.Rect(
                inner.x, row_y, inner.width - submit_w - small_gap, plan.answers_h
            )
            self.submit_button.rect = pygame.Rect(
                self.answer_field.rect.right + small_gap, row_y, submit_w, plan.answers_h
            )
            boxes["answer_field"] = self.answer_field.rect.copy()
            boxes["submit_button"] = self.submit_button.rect.copy()
        else:
            col_w = (inner.width - (plan.columns - 1) * small_gap) // plan.columns
            y0 = answers_bottom - plan.answers_h
            for i, button in enumerate(self.answer_buttons):
                row, col = divmod(i, plan.columns)
                button.rect = pygame.Rect(
                    inner.x + col * (col_w + small_gap),
                    y0 + row * (button_h + small_gap),
                    col_w,
                    button_h,
                )
                boxes[f"answer_{ANSWER_STYLES[i].letter}"] = button.rect.copy()
            # one type size for all the answers, the largest at which each label fits
            self._label_size = self._fit.size_for(
                [b.label for b in self.answer_buttons],
                metrics.body_size,
                self._tiny_size,
                min((self._label_box(b) for b in self.answer_buttons), key=lambda box: box[0]),
                bold=True,
            )

        prompt_bottom = answers_bottom - plan.answers_h - gap
        prompt_box = pygame.Rect(inner.x, top, inner.width, prompt_bottom - top)
        prompt = self._fit.render(
            question.prompt,
            plan.prompt_size,
            self._tiny_size,
            PALETTE.text,
            prompt_box.size,
            bold=True,
        )
        texts["prompt"] = _Text(
            prompt, prompt.get_rect(topleft=prompt_box.topleft), question.prompt, prompt_box
        )
        boxes["prompt"] = texts["prompt"].rect.copy()
        self._wipe = pygame.Rect(inner.x, top, inner.width, answers_bottom - top)

        if self.feedback is None:
            self._layout_stakes(feedback, boxes, texts)
        else:
            self._layout_feedback(feedback, boxes, texts)

    @property
    def _tiny_size(self) -> int:
        """The smallest type the card falls back to when a long question must fit."""
        return max(14, round(self._metrics.small_size * 0.8))

    def _plan_question(self, width: int, room: int) -> _CardPlan:
        """Sizes for the current question's card: the largest that fit ``room`` pixels."""
        metrics = self._metrics
        assets = self.app.services.assets
        fit = self._fit
        question = self.round.question
        assert question is not None
        gap = metrics.gap
        small_gap = metrics.px(0.9)
        heading, body, small, tiny = (
            metrics.heading_size,
            metrics.body_size,
            metrics.small_size,
            self._tiny_size,
        )
        explain = _explanation(question, right_answer_text(question))
        widest_hint = max(
            (b.key_hint for b in self.answer_buttons),
            key=lambda hint: fit.width(hint, small, bold=True),
            default="",
        )
        stakes_h = 2 * assets.font(small).get_linesize()
        count = len(self.answer_buttons)
        if isinstance(question, TrueFalseQuestion):
            column_choices: tuple[int, ...] = (2,)
        elif count <= 2 or isinstance(question, TypedQuestion):
            column_choices = (1,)
        else:
            column_choices = (1, 2)
        # from generous to tight: (prompt size, explanation size, button height share)
        levels = [
            (heading, body, 1.0),
            (heading, small, 1.0),
            (body, small, 1.0),
            (body, small, 0.85),
            (small, small, 0.8),
            (small, tiny, 0.75),
            (tiny, tiny, 0.7),
        ]
        options = [(level, c) for level in levels for c in column_choices]
        if len(column_choices) > 1:
            # one column while everything fits at the largest sizes; then two columns
            # rather than smaller type, unless the labels no longer read in a half-width
            options = [(levels[0], 1), (levels[0], 2)]
            options += [(level, c) for level in levels[1:] for c in (2, 1)]
        plan: _CardPlan | None = None
        plan_needed = 0
        for index, ((prompt_size, explain_size, share), columns) in enumerate(options):
            last = index == len(options) - 1
            button_h = row_h = max(metrics.px(3.0), round(self._button_h * share))
            if isinstance(question, TypedQuestion):
                answers_h = assets.font(heading).get_linesize() + metrics.px(1.2)
                answers_h = round(answers_h * max(share, 0.8))
            else:
                # the labels must still read: small type at the generous levels, the
                # card's smallest at the tight ones; the buttons grow to hold their lines
                least = small if explain_size >= small else tiny
                col_w = (width - (columns - 1) * small_gap) // columns
                # measured as if the button were tall: its shape then takes the most room
                label_w = self._label_room(col_w, 10**6, widest_hint)[0]
                sizes = [
                    fit.measure(b.label, least, label_w, bold=True) for b in self.answer_buttons
                ]
                if any(w > label_w for w, _ in sizes) and not last:
                    continue  # a word wider than the button
                label_h = max(h for _, h in sizes) + metrics.px(1.0)
                button_h = max(button_h, label_h)
                rows = math.ceil(count / columns)
                answers_h = rows * button_h + (rows - 1) * small_gap
            explain_h = fit.measure(explain, explain_size, width)[1] if explain else 0
            feedback_h = row_h + small_gap + max(explain_h, stakes_h)
            prompt_h = fit.measure(question.prompt, prompt_size, width, bold=True)[1]
            option = _CardPlan(
                prompt_size, explain_size, columns, button_h, answers_h, row_h, feedback_h
            )
            needed = prompt_h + gap + answers_h + gap + feedback_h
            if needed <= room:
                return option
            if plan is None or needed < plan_needed:
                plan, plan_needed = option, needed
        # nothing fits (a pack with very long texts): the most compact, and the prompt
        # is cut at its box rather than drawn over the answers
        assert plan is not None
        return plan

    def _layout_stakes(
        self, zone: pygame.Rect, boxes: dict[str, pygame.Rect], texts: dict[str, _Text]
    ) -> None:
        """While a question waits: what a right answer is worth, straight from the scoring."""
        metrics = self._metrics
        best = answer_points(
            right=True,
            seconds=0.0,
            time_limit=self.round.time_limit,
            streak=self.round.streak + 1,
            rules=self.round.rules,
        ).total
        if self.round.time_limit is not None:
            line = (
                f"A right answer uncovers a tile and earns up to {format_points(best)} points:"
                " be quick!"
            )
        else:
            line = f"A right answer uncovers a tile and earns {format_points(best)} points."
        surface = self._fit.render(
            line, metrics.small_size, metrics.small_size, PALETTE.text_muted, zone.size
        )
        texts["stakes"] = _Text(surface, surface.get_rect(center=zone.center), line)
        texts["stakes"].box = zone
        boxes["stakes"] = texts["stakes"].rect.copy()

    def _layout_feedback(
        self, zone: pygame.Rect, boxes: dict[str, pygame.Rect], texts: dict[str, _Text]
    ) -> None:
        metrics = self._metrics
        result = self.feedback
        assert result is not None
        event = result.event
        small_gap = metrics.px(0.9)
        next_w = max(metrics.px(14), round(zone.width * 0.3))
        self.next_button.rect = pygame.Rect(zone.right - next_w, zone.y, next_w, self._row_h)
        boxes["next_button"] = self.next_button.rect.copy()

        if event.right:
            verdict, colour = f"Right!  +{format_points(event.points.total)}", PALETTE.right
        elif event.timed_out:
            verdict, colour = "Time's up!", lighten(PALETTE.wrong, 0.25)
        else:
            verdict, colour = "Not quite.", lighten(PALETTE.wrong, 0.25)
        verdict_box = pygame.Rect(zone.x, zone.y, zone.width - next_w - small_gap, self._row_h)
        surface = self._fit.render(
            verdict, metrics.heading_size, metrics.small_size, colour, verdict_box.size, bold=True
        )
        texts["verdict"] = _Text(surface, surface.get_rect(midleft=verdict_box.midleft), verdict)
        texts["verdict"].box = verdict_box
        boxes["verdict"] = texts["verdict"].rect.copy()

        words = _explanation(self.round.question, result.right_answer, right=event.right)
        if words:
            explain_box = pygame.Rect(
                zone.x,
                verdict_box.bottom + small_gap,
                zone.width,
                zone.bottom - verdict_box.bottom - small_gap,
            )
            surface = self._fit.render(
                words, self._explain_size, self._tiny_size, PALETTE.text, explain_box.size
            )
            texts["explain"] = _Text(
                surface, surface.get_rect(topleft=explain_box.topleft), words, explain_box
            )
            boxes["explain"] = texts["explain"].rect.copy()

    def _layout_guess(
        self, inner: pygame.Rect, top: int, boxes: dict[str, pygame.Rect], texts: dict[str, _Text]
    ) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        gap = metrics.gap
        small_gap = metrics.px(0.9)
        final = self.round.phase is Phase.FINAL_GUESS
        self._columns = 2
        if final:
            why = (
                "Every tile is uncovered."
                if self.round.board.all_uncovered
                else "No questions left."
            )
            heading = f"{why} Last chance: what is the mystery image?"
        else:
            heading = "What is the mystery image?"
        field_h = assets.font(metrics.heading_size).get_linesize() + metrics.px(1.2)
        heading_box = pygame.Rect(
            inner.x, top, inner.width, max(field_h, (inner.bottom - top) // 3)
        )
        surface = self._fit.render(
            heading,
            metrics.heading_size,
            metrics.body_size,
            PALETTE.text,
            heading_box.size,
            bold=True,
        )
        texts["guess_heading"] = _Text(
            surface, surface.get_rect(topleft=heading_box.topleft), heading
        )
        texts["guess_heading"].box = heading_box
        boxes["guess_heading"] = texts["guess_heading"].rect.copy()

        y = texts["guess_heading"].rect.bottom + gap
        self.guess_field.rect = pygame.Rect(inner.x, y, inner.width, field_h)
        boxes["guess_field"] = self.guess_field.rect.copy()
        y = self.guess_field.rect.bottom + gap
        if final:
            self.guess_submit.rect = pygame.Rect(inner.x, y, inner.width, self._button_h)
        else:
            half = (inner.width - small_gap) // 2
            self.guess_submit.rect = pygame.Rect(inner.x, y, half, self._button_h)
            self.guess_cancel.rect = pygame.Rect(inner.right - half, y, half, self._button_h)
            boxes["guess_cancel"] = self.guess_cancel.rect.copy()
        boxes["guess_submit"] = self.guess_submit.rect.copy()
        y = self.guess_submit.rect.bottom + gap

        hidden = self.round.board.hidden_count
        win = image_guess_points(
            right=True, hidden_tiles=hidden, final=final, rules=self.round.rules
        )
        lose = image_guess_points(
            right=False, hidden_tiles=hidden, final=final, rules=self.round.rules
        )
        lines = [f"A right guess earns {format_points(win.total)} points and ends the round."]
        if lose.penalty:
            lines.append(
                f"A wrong guess costs {format_points(lose.penalty)}, and the round goes on."
            )
        info_box = pygame.Rect(inner.x, y, inner.width, inner.bottom - y)
        surface = self._fit.render(
            " ".join(lines),
            metrics.body_size,
            metrics.small_size,
            PALETTE.text_muted,
            info_box.size,
        )
        texts["guess_info"] = _Text(
            surface, surface.get_rect(topleft=info_box.topleft), " ".join(lines)
        )
        texts["guess_info"].box = info_box
        boxes["guess_info"] = texts["guess_info"].rect.copy()
        pygame.key.set_text_input_rect(self.guess_field.rect)

    def _layout_ending(
        self, inner: pygame.Rect, top: int, boxes: dict[str, pygame.Rect], texts: dict[str, _Text]
    ) -> None:
        """The round is over: what the image was, its caption, and how to go on."""
        metrics = self._metrics
        assets = self.app.services.assets
        gap = metrics.gap
        guess = self._last_guess
        right = guess is not None and guess.right
        self._columns = 1
        mystery = self.round.mystery

        def place(name: str, words: str, surface: pygame.Surface, box: pygame.Rect) -> int:
            texts[name] = _Text(surface, surface.get_rect(topleft=box.topleft), words)
            texts[name].box = box
            boxes[name] = texts[name].rect.copy()
            return boxes[name].bottom

        hint_words = "Enter: see the results"
        hint = assets.text(hint_words, metrics.body_size, PALETTE.text_muted)
        hint_rect = hint.get_rect(bottomleft=inner.bottomleft)
        texts["end_hint"] = _Text(hint, hint_rect, hint_words)
        boxes["end_hint"] = hint_rect.copy()
        bottom = hint_rect.top - gap

        if right:
            heading, colour = "You guessed it!", PALETTE.right
        elif guess is not None:
            heading, colour = f"“{shorten(guess.guess, 30)}” was not it. It was…", PALETTE.accent
        else:
            heading, colour = "The mystery image was…", PALETTE.accent
        box = pygame.Rect(inner.x, top, inner.width, (bottom - top) // 4)
        size = metrics.heading_size
        y = place(
            "end_heading",
            heading,
            self._fit.render(heading, size, metrics.body_size, colour, box.size, bold=True),
            box,
        )
        box = pygame.Rect(inner.x, y + gap, inner.width, (bottom - top) // 3)
        answer = self._fit.render(
            mystery.answer,
            metrics.title_size,
            metrics.heading_size,
            PALETTE.text,
            box.size,
            bold=True,
        )
        y = place("end_answer", mystery.answer, answer, box)
        if mystery.caption:
            box = pygame.Rect(inner.x, y + gap, inner.width, bottom - y - gap)
            caption = self._fit.render(
                mystery.caption, metrics.body_size, metrics.small_size, PALETTE.text, box.size
            )
            place("end_caption", mystery.caption, caption, box)

    def _header_label(self) -> str:
        if self._ending is not None:
            return "ROUND OVER"
        if self.guessing or self.round.phase is Phase.FINAL_GUESS:
            return "GUESS THE IMAGE"
        question = self.round.question
        kind = {
            ChoiceQuestion: "CHOOSE ONE",
            TrueFalseQuestion: "TRUE OR FALSE",
            TypedQuestion: "TYPE THE ANSWER",
        }[type(question)]
        return f"QUESTION {self.round.question_number}  ·  {kind}"

    # -- the top bar ------------------------------------------------------------------------

    def _layout_hud(self, boxes: dict[str, pygame.Rect], margin: int) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        bar = self._hud_rect
        spacing = metrics.px(2.6)
        label_gap = metrics.px(0.6)
        label_font = assets.font(metrics.small_size, True)
        value_font = assets.font(metrics.body_size, True)
        score_font = assets.font(metrics.heading_size, True)
        board = self.round.board
        items: list[tuple[str, str, int]] = [
            ("score", "SCORE", score_font.size("00 000")[0]),
        ]
        if self.round.rules.streaks:
            items.append(("streak", "STREAK", value_font.size("00")[0]))
        tiles_sample = f"{board.total} / {board.total}"
        items += [
            ("tiles", "TILES LEFT", value_font.size(tiles_sample)[0]),
            ("question", "QUESTION", value_font.size(str(len(self.round.pack.questions)))[0]),
        ]
        self._hud = {}
        right = bar.right - margin
        for key, label, value_w in items:
            width = label_font.size(label)[0] + label_gap + value_w
            rect = pygame.Rect(right - width, bar.y, width, bar.height)
            self._hud[key] = rect
            boxes[f"hud_{key}"] = rect.copy()
            right = rect.left - spacing
        title_box = pygame.Rect(margin, bar.y, max(0, right - margin), bar.height)
        self._pack_title = ellipsize(value_font, self.round.pack.title, title_box.width)
        self._hud["title"] = title_box
        if self._pack_title:
            title_w = value_font.size(self._pack_title)[0]
            boxes["hud_title"] = pygame.Rect(title_box.x, title_box.y, title_w, title_box.height)

    def _draw_hud(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        if self._pack_title:
            title = assets.text(self._pack_title, metrics.body_size, PALETTE.text, bold=True)
            surface.blit(title, title.get_rect(midleft=self._hud["title"].midleft))
        board = self.round.board
        values = {
            "streak": (
                str(self.round.streak),
                metrics.body_size,
                PALETTE.accent if self.round.streak >= 2 else PALETTE.text,
            ),
            "tiles": (f"{board.hidden_count} / {board.total}", metrics.body_size, PALETTE.text),
            "question": (str(max(1, self.round.question_number)), metrics.body_size, PALETTE.text),
        }
        for key, (value, size, colour) in values.items():
            self._draw_hud_item(surface, key, value, size, colour)

    def _draw_score(self, surface: pygame.Surface) -> pygame.Rect:
        colour = PALETTE.accent if self.score.counting else PALETTE.text
        value = format_points(self.score.value)
        return self._draw_hud_item(surface, "score", value, self._metrics.heading_size, colour)

    def _draw_hud_item(
        self, surface: pygame.Surface, key: str, value: str, size: int, colour: Colour
    ) -> pygame.Rect:
        rect = self._hud.get(key)
        if rect is None:
            return pygame.Rect(0, 0, 0, 0)
        metrics = self._metrics
        assets = self.app.services.assets
        label = assets.text(HUD_LABELS[key], metrics.small_size, PALETTE.text_muted, bold=True)
        text = assets.text(value, size, colour, bold=True)
        # the label sits just before its value, both ending at the item's right edge
        value_rect = surface.blit(text, text.get_rect(midright=rect.midright))
        gap = metrics.px(0.6)
        label_rect = label.get_rect(midright=(value_rect.left - gap, rect.centery))
        return value_rect.union(surface.blit(label, label_rect))

    # -- drawing the parts -----------------------------------------------------------------

    def _draw_guess_row(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        typing = self._typing_answer
        self.guess_button.key_hint = "Ctrl+G" if typing else "G"
        self.guess_button.enabled = self._guess_button_enabled
        self._draw_button(surface, self.guess_button)
        # what a right guess is worth now: it shrinks as tiles uncover, which is the game
        box = self._stakes_box
        if box.width < metrics.px(8):
            return
        hidden = self.round.board.hidden_count
        worth = image_guess_points(
            right=True, hidden_tiles=hidden, final=False, rules=self.round.rules
        ).total
        text = self._fit.render(
            f"worth {format_points(worth)} now",
            metrics.body_size,
            metrics.small_size,
            PALETTE.text_muted,
            box.size,
        )
        surface.blit(
            text,
            text.get_rect(midleft=box.midleft),
            text.get_rect().clip(pygame.Rect(0, 0, *box.size)),
        )

    def _draw_ending_banner(self, surface: pygame.Surface) -> None:
        """Over the guess row, once the image is revealed: the answer, right under it."""
        metrics = self._metrics
        rect = self.guess_button.rect.union(self._stakes_box)
        guess = self._last_guess
        right = guess is not None and guess.right
        colour = PALETTE.right if right else PALETTE.accent
        draw_panel(surface, rect, metrics, colour=darken(colour, 0.55), edge=colour)
        caption = self._fit.render(
            self.round.mystery.answer,
            metrics.heading_size,
            metrics.small_size,
            PALETTE.text,
            (rect.width - metrics.px(2), rect.height),
            bold=True,
        )
        surface.blit(caption, caption.get_rect(center=rect.center))

    def _draw_card(self, surface: pygame.Surface) -> None:
        for text in self._texts.values():
            # blit only the part inside its box: a text that could not shrink enough is
            # cut at its box rather than drawn over its neighbours (the layout tests
            # see its full size in layout_boxes and fail)
            shown = text.rect.clip(text.box) if text.box is not None else text.rect
            area = shown.move(-text.rect.x, -text.rect.y)
            surface.blit(text.surface, shown.topleft, area)
        if self._ending is not None:
            return
        if self.guessing:
            self._draw_button(surface, self.guess_submit)
            if self.round.phase is not Phase.FINAL_GUESS:
                self._draw_button(surface, self.guess_cancel)
            return
        if isinstance(self.round.question, TypedQuestion):
            if self.feedback is None:
                self._draw_button(surface, self.submit_button)
        else:
            for button in self.answer_buttons:
                self._draw_button(surface, button, size=self._label_size)
        if self.feedback is not None:
            self._draw_button(surface, self.next_button)

    def _draw_answer_field(self, surface: pygame.Surface) -> list[pygame.Rect]:
        metrics = self._metrics
        assets = self.app.services.assets
        field = self.answer_field
        if self.feedback is None:
            field.draw(surface, assets, metrics)
            return [field.rect.copy()]
        # after the answer: what was typed, framed in the verdict's colour
        colour = PALETTE.right if self.feedback.event.right else PALETTE.wrong
        pygame.draw.rect(surface, lighten(colour, 0.85), field.rect, border_radius=metrics.radius)
        pygame.draw.rect(
            surface, colour, field.rect, width=max(3, metrics.px(0.4)), border_radius=metrics.radius
        )
        shown = self.feedback.event.response or "—"
        text = self._fit.render(
            shown,
            metrics.heading_size,
            metrics.small_size,
            PALETTE.text_dark,
            (field.rect.width - metrics.px(2), field.rect.height),
        )
        surface.blit(
            text, text.get_rect(midleft=(field.rect.x + metrics.px(1.0), field.rect.centery))
        )
        mark = assets.text(
            "✓" if self.feedback.event.right else "✗", metrics.heading_size, colour, bold=True
        )
        mark_rect = surface.blit(mark, mark.get_rect(center=self.submit_button.rect.center))
        return [field.rect.copy(), mark_rect]

    def _draw_clock(self, surface: pygame.Surface) -> list[pygame.Rect]:
        limit = self.round.time_limit
        if limit is None or "timebar" not in self._boxes:
            return []
        metrics = self._metrics
        assets = self.app.services.assets
        # after an answer the bar stays where the answer stopped it
        spent = self.feedback.event.seconds if self.feedback is not None else self._elapsed
        left = max(0.0, limit - spent)
        share = left / limit
        colour = PALETTE.right if share > 0.5 else PALETTE.accent if share > 0.25 else PALETTE.wrong
        track = self._timebar
        radius = track.height // 2
        pygame.draw.rect(surface, darken(PALETTE.panel, 0.4), track, border_radius=radius)
        fill = track.copy()
        fill.width = round(track.width * share)
        if fill.width > 0:
            pygame.draw.rect(surface, colour, fill, border_radius=radius)
        text = assets.text(f"{math.ceil(left)} s", metrics.small_size, colour, bold=True)
        return [track.copy(), surface.blit(text, text.get_rect(midright=self._clock_rect.midright))]

    def _label_box(self, button: Button) -> tuple[int, int]:
        """The room :meth:`Button.draw` leaves for the label of ``button``."""
        return self._label_room(button.rect.width, button.rect.height, button.key_hint)

    def _label_room(self, width: int, height: int, key_hint: str) -> tuple[int, int]:
        """The room an answer button of ``width`` x ``height`` leaves for its label.

        It mirrors the widget's own arithmetic so the size chosen here is the first one
        the widget tries, and the label is rendered once.
        """
        metrics = self._metrics
        pad = metrics.px(1.2)
        left = pad + round(2 * min(height * 0.28, metrics.px(2.0))) + pad  # the shape
        right = pad
        if key_hint:
            right += self._fit.width(key_hint, metrics.small_size, bold=True) + pad
        return max(10, width - left - right), height - metrics.px(0.6)

    def _draw_button(
        self, surface: pygame.Surface, button: Button, size: int | None = None
    ) -> None:
        focus = self.focus
        focused = self._keyboard_focus and focus.focused is button
        hovered = (
            focus.hover is not None
            and focus.hover < len(focus.buttons)
            and focus.buttons[focus.hover] is button
        )
        button.draw(
            surface,
            self.app.services.assets,
            self._metrics,
            focused=focused,
            hovered=hovered,
            size=size,
        )

    # -- key hints --------------------------------------------------------------------------

    def _hints(self) -> tuple[KeyHint, ...]:
        phase = self.round.phase
        if self._ending is not None:
            return (("Enter", "see the results"), ("F11", "full screen"))
        if self.guessing and phase is Phase.FINAL_GUESS:
            return (("Enter", "guess"), ("Backspace", "delete"), ("Esc", "pause"))
        if self.guessing:
            return (("Enter", "guess"), ("Backspace", "delete"), ("Esc", "cancel"))
        question = self.round.question
        common: tuple[KeyHint, ...] = (("G", "guess the image"), ("Esc", "pause"), ("M", "sound"))
        if phase is Phase.FEEDBACK:
            return (("Enter", "next"), *common)
        if isinstance(question, TypedQuestion):
            return (("Enter", "answer"), ("Ctrl+G", "guess the image"), ("Esc", "pause"))
        if isinstance(question, TrueFalseQuestion):
            return (("T / F", "true or false"), *common)
        count = len(self.answer_buttons)
        last = ANSWER_STYLES[count - 1].letter if count else "A"
        return ((f"A–{last}  1–{count}", "answer"), ("Tab ↑↓", "move"), *common)

    def _all_hint_sets(self) -> list[tuple[KeyHint, ...]]:
        """Every set of hints this scene can show, for the height to reserve."""
        return [
            (
                ("A–F  1–6", "answer"),
                ("Tab ↑↓", "move"),
                ("G", "guess the image"),
                ("Esc", "pause"),
                ("M", "sound"),
            ),
            (("Enter", "guess"), ("Backspace", "delete"), ("Esc", "cancel")),
        ]


@dataclass(frozen=True, slots=True)
class _CardPlan:
    """The sizes a question card is laid out with."""

    prompt_size: int
    explain_size: int
    columns: int
    button_h: int
    answers_h: int
    row_h: int  # the verdict and its Next button
    feedback_h: int


def _explanation(question: object, right_answer: str, *, right: bool = False) -> str:
    """What the feedback zone says under the verdict: the answer to a typed question
    that was missed (a choice shows it on its green button), then the why."""
    parts = (
        [] if right or not isinstance(question, TypedQuestion) else [f"The answer: {right_answer}."]
    )
    explain = getattr(question, "explain", None)
    if explain:
        parts.append(explain)
    return " ".join(parts)
