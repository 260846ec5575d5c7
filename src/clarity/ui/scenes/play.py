"""The play screen: the mystery image under its tiles, the question card, the score.

Every rule is a call on the core :class:`~clarity.core.round.Round`; this scene turns keys
and clicks into those calls, keeps the clocks and animations of the screen, and wires the
sections that draw it (:mod:`clarity.ui.play`): the top bar, the board column, the card
and the key hints. The clock of a question is the sum of the ``dt`` this scene's
``update`` receives, so it stops by itself while a pause menu covers the scene.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import AnswerResult, Phase, Round, right_answer_text
from clarity.core.trophies import TrophyTracker, trophy_by_id
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, binding_for, handle_key, is_repeat, key_hints
from clarity.ui.board_view import BoardView
from clarity.ui.effects import CountingNumber, Flyer, Toasts, make_flyer
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.play.board_panel import BoardPanel
from clarity.ui.play.card import Card
from clarity.ui.play.controls import LONGEST_BINDINGS, WHILE_BUSY, play_bindings
from clarity.ui.play.guess_card import GuessCard, quoted
from clarity.ui.play.hud import HudBar
from clarity.ui.play.question_card import QuestionCard
from clarity.ui.play.reading import reading_of, spoken_words_for
from clarity.ui.play.screen import (
    INTRO_SECONDS,
    REVEAL_SECONDS,
    PlayingScreen,
)
from clarity.ui.play.sections import split_sections
from clarity.ui.play.stage import Stage
from clarity.ui.regions import Region, RegionLayer
from clarity.ui.textfit import size_ladder, warm_glyphs
from clarity.ui.theme import TIERS
from clarity.ui.widgets import Button, FocusGroup, TextField

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.i18n import Translator
    from clarity.ui.app import App

HOLD_SECONDS = 1.4  # the whole image stays in view this long before the results


class PlayScene(PlayingScreen):
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
                # the class's rules, stretched by the player's extra time
                rules=app.services.session.round_rules(app.services.settings.rules()),
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

        assets = app.services.assets

        def translator() -> Translator:
            return app.translator  # a new one when the language changes

        self.hud = HudBar(assets, self.round, translator)
        image = loaded.images.get(self.round.mystery.image)
        self.board = BoardPanel(assets, self.round, image, self.open_guess, translator)
        question = QuestionCard(
            assets,
            self.round,
            loaded.images,
            on_choice=self.answer_choice,
            on_typed=self._submit_typed,
            on_next=self.next_question,
            translator=translator,
        )
        guess = GuessCard(
            assets,
            self.round,
            on_guess=self._submit_guess,
            on_cancel=self.cancel_guess,
            translator=translator,
        )
        self.card = Card(assets, self.round, question, guess, translator)
        self.focus = FocusGroup(ring=False)  # the ring shows once arrows or Tab are used
        self.layer = RegionLayer(self._render_base)

        self.score = CountingNumber(self.round.score)
        self.flyers: list[Flyer] = []
        self.toasts = Toasts()
        self._guess_elapsed = 0.0
        self._intro = INTRO_SECONDS
        self._ending: float | None = None  # seconds since the round ended
        self._left = False
        self._trophies_seen = len(self.tracker.earned)
        self._verdict_age = 0.0  # seconds the last answer's verdict has been on screen
        # the key of the question being read aloud: its clock waits for the reading's end
        # (or the student's first key, if sooner)
        self._reading: tuple[int, int] | None = None

        self._metrics = app.look.metrics(app.options.size)
        self._boxes: dict[str, pygame.Rect] = {}  # the top bar's, the board's, the hints'
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._hints_region = pygame.Rect(0, 0, 0, 0)
        self._layouts = 0  # counts the window layouts
        self._laid_out_frame = -1

        self._start_question()
        if self.round.phase is Phase.FEEDBACK:
            # a round restored between an answer and the next question: that answer
            self._intro = INTRO_SECONDS
            self.card.question.mark(self._chosen())
            self._layout_card()

    # -- reading the state ----------------------------------------------------------

    @property
    def stage(self) -> Stage:
        return Stage.of(self.round.phase, guessing=self.guessing)

    @property
    def feedback(self) -> AnswerResult | None:
        """The last answer, while its verdict is shown."""
        question = self.round.question
        if self.round.phase is not Phase.FEEDBACK or question is None:
            return None
        event = self.round.answers[-1]
        return AnswerResult(event, None, right_answer_text(question), question.explain)

    def text_field_rect(self) -> pygame.Rect | None:
        """The guess field or the typed answer's field while it is open (letters type)."""
        if self._ending is not None:
            return None
        if self.guessing:
            return self.card.guess.field.rect
        if self._typing_answer:
            return self.answer_field.rect
        return None

    def bindings_hints(self) -> tuple[tuple[str, str], ...]:
        """The hints along the bottom now, made from :meth:`bindings`."""
        return key_hints(self.bindings())

    def bindings(self) -> tuple[Binding, ...]:
        """The keys of the screen as it is now; the hints along the bottom are made from them."""
        return play_bindings(
            self.stage,
            self.round.question,
            len(self.answer_buttons),
            read_aloud=self._read_aloud != "off",
            scrolls=self.card.scrolls,
        )

    @property
    def seconds_on_question(self) -> float:
        """The question's clock, kept by the round (and saved with it)."""
        return self.round.question_seconds

    @property
    def time_left(self) -> float | None:
        if self.round.phase is not Phase.ASKING:
            return None
        return self.round.time_left()

    @property
    def board_view(self) -> BoardView:
        return self.board.view

    @property
    def answer_buttons(self) -> list[Button]:
        return self.card.question.answer_buttons

    @property
    def answer_field(self) -> TextField:
        return self.card.question.answer_field

    @property
    def _typing_answer(self) -> bool:
        return self.stage is Stage.ASKING and isinstance(self.round.question, TypedQuestion)

    def _chosen(self) -> int | None:
        """The answer button of the last answer (None: typed, or the time ran out)."""
        question = self.round.question
        response = self.round.answers[-1].response if self.round.answers else None
        if isinstance(question, ChoiceQuestion) and response in question.choices:
            return question.choices.index(response)
        if isinstance(question, TrueFalseQuestion) and response in ("true", "false"):
            return 0 if response == "true" else 1
        return None

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """Every text block, button and HUD item now on screen, by name (for layout tests);
        of the card, what is in view (its contents scroll when taller than it)."""
        boxes = {**self._boxes, **self.card.visible_boxes()}
        return {name: rect.copy() for name, rect in boxes.items()}

    def shown_texts(self) -> dict[str, str]:
        """What the card's text blocks say now, by name (prompt, verdict, explain...)."""
        return {name: text.words for name, text in self.card.now.texts.items()}

    # -- actions: what a key or a click does ---------------------------------------------

    def answer_choice(self, index: int) -> None:
        """Answer the current choice or true/false question with its ``index``-th button."""
        question = self.round.question
        if self.stage is not Stage.ASKING or self.busy:
            return
        if isinstance(question, ChoiceQuestion) and 0 <= index < len(question.choices):
            self._answer(question.choices[index])
        elif isinstance(question, TrueFalseQuestion) and index in (0, 1):
            self._answer(index == 0)

    def next_question(self) -> None:
        """Leave the feedback: the next question, or the final guess (once the verdict was
        in view for :data:`VERDICT_SECONDS`)."""
        if self.stage is not Stage.ANSWERED or self.busy:
            return
        self.app.services.sound.play("click")
        self.round.next_question()
        self._start_question()

    def open_guess(self) -> None:
        """Open the field for a guess at the image (any moment before the end)."""
        if self.stage not in (Stage.ASKING, Stage.ANSWERED) or self.busy:
            return
        self.app.services.sound.play("click")
        self._open_guess_field()

    def cancel_guess(self) -> None:
        if self.stage is not Stage.GUESSING:
            return
        self.guessing = False
        self._guess_elapsed = 0.0
        self._layout_card()

    def pause_game(self) -> None:
        self.app.screens.push("pause", on_restart=self.restart, on_title=self.to_title)

    def restart(self) -> None:
        """Start this mystery again from its first question (from the pause menu)."""
        # the pause menu pops itself before calling this, so the top is this scene again
        self.app.screens.replace("play", loaded=self.loaded, mystery_index=self.round.mystery_index)

    # -- actions of the keys (controls.play_bindings) -----------------------------------

    def submit_answer(self) -> None:
        self._submit_typed(self.answer_field.text)

    # -- the scene lifecycle ------------------------------------------------------------

    def exit(self) -> None:
        self.saving.checkpoint()  # closing the game keeps the time left on the question
        if self._read_aloud != "off":
            self.app.services.speaker.stop()

    def pause(self) -> None:
        self.saving.checkpoint()  # covered by the pause menu: the clock stops here
        if self._read_aloud != "off":
            self.app.services.speaker.pause()

    def resume(self) -> None:
        if self._read_aloud != "off":
            self.app.services.speaker.resume()

    @property
    def _read_aloud(self) -> str:
        return self.app.services.settings.sound.read_aloud

    def read_question(self) -> None:
        """Read the question aloud (again), as the read-aloud setting says; its clock waits
        for the end of the first reading."""
        question = self.round.question
        if self._read_aloud == "off" or question is None or self.stage is not Stage.ASKING:
            return
        text = reading_of(
            question,
            with_answers=self._read_aloud == "question-and-answers",
            words=spoken_words_for(self.round.pack.language),
        )
        key = (self.round.mystery_index, self.round.question_number)
        self.app.services.speaker.say(text, self.round.pack.language, key=key, interrupt=True)
        if self.round.question_seconds == 0.0:
            self._reading = key

    def enter(self) -> None:
        if self.round.phase is Phase.FINAL_GUESS:
            self._open_guess_field()
        elif self.round.phase is Phase.ENDED:
            self._ending = REVEAL_SECONDS + HOLD_SECONDS  # nothing to reveal: straight on

    def layout(self, size: tuple[int, int]) -> None:
        """The top bar, the key hints along the bottom, and between them the board column
        and the card: side by side in a wide window, the card under the board in a tall one."""
        self._layouts += 1
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        width, height = size
        margin = metrics.margin
        gap = metrics.gap
        boxes = self.hud.layout(width, metrics)
        hud_h = self.hud.rect.height

        # the key hints, as tall as the longest set needs
        hints_w = width - 2 * margin
        hints_h = max(
            key_hints_height(key_hints(rows), assets, metrics, hints_w) for rows in LONGEST_BINDINGS
        )
        self._hints_area = pygame.Rect(margin, height - hints_h - metrics.px(0.6), hints_w, hints_h)
        boxes["hints"] = self._hints_area.copy()

        top = hud_h + gap
        content = pygame.Rect(margin, top, width - 2 * margin, self._hints_area.top - gap - top)
        button_h = max(
            metrics.px(4.8), assets.font(metrics.body_size, True).get_linesize() + metrics.px(1.0)
        )
        # the sections' regions tile the window; the gaps between them are split
        hints_top = self._hints_area.top - gap // 2
        middle = pygame.Rect(0, hud_h, width, hints_top - hud_h)
        # larger text leaves the board less of the width: the card needs it more
        parts = split_sections(
            content,
            middle,
            gap,
            board_width=round(content.width * 0.52 / math.sqrt(metrics.text_scale)),
            stacked_board_share=0.42,
        )
        boxes |= self.board.layout(
            parts.column, parts.board_region, metrics, button_h, centred=parts.side_by_side
        )
        self.card.place(parts.card, parts.card_region, metrics, button_h)
        self._hints_region = pygame.Rect(0, hints_top, width, height - hints_top)
        self.toasts.anchor = (self.board.rect.centerx, hud_h + gap)
        # what was drawn for the old layout or look: toasts drawn again, points in flight
        # dropped (they would fly from where things were)
        self.toasts.render(assets, metrics, self._toast_width())
        self.flyers.clear()
        self._boxes = boxes
        self.layer.reset()
        self._warm_glyphs()
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
            self.focus.ring = False
        # SDL also reports focus moving between windows of this process (a test's second
        # App); a real loss leaves the keyboard with no focus
        focus_gone = event.type == pygame.WINDOWFOCUSLOST and not pygame.key.get_focused()
        if event.type == pygame.WINDOWMINIMIZED or focus_gone:
            self._leave_for_a_while()
            return
        if self._ending is not None:
            self._handle_ending_event(event)
            return
        if event.type == pygame.KEYDOWN and self._handle_key(event):
            return
        field = self._open_field()
        if field is not None and event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
            if not self.busy:
                field.handle_event(event)  # letters, Space and the editing keys type
                # under a long question the field is scrolled out of view: typing shows it
                self.card.show(field.rect)
            return
        if event.type == pygame.MOUSEWHEEL:
            self.card.scroll_by(-event.y * self._metrics.px(6))
            return
        pointed = getattr(event, "pos", None)
        if pointed is not None and self.card.hides(pointed):
            return  # a button of the card scrolled out of view
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONUP) and not self.busy:
            if self.focus.handle_event(event):
                return
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                self.card.handle_click(event.pos, self.stage)

    def update(self, dt: float) -> None:
        if self.round.phase is Phase.FEEDBACK:
            self._verdict_age += dt
        self.board.view.update(dt)
        self.score.update(dt)
        for flyer in self.flyers:
            flyer.update(dt)
        self.flyers = [f for f in self.flyers if not f.done]
        self.toasts.update(dt)
        self.answer_field.update(dt)
        self.card.guess.field.update(dt)
        if self._ending is not None:
            self._ending += dt
            held = self._ending >= self._reveal_seconds + HOLD_SECONDS
            # a long answer or caption on a card that scrolls is read first: Enter goes on
            if held and not self.board.view.flipping and not self.card.scrolls:
                self._show_results()
            return
        if self._intro < INTRO_SECONDS:
            self._intro = min(INTRO_SECONDS, self._intro + dt)
            return  # the clock starts once the question is in view
        self.saving.tick(dt)  # a checkpoint every few seconds: a kill loses little time
        if self._read_aloud != "off":
            self._follow_reading()
        if self.guessing:
            self._guess_elapsed += dt
        elif self.round.phase is Phase.ASKING and self._reading is None:
            self.round.spend_time(dt)
            if self.round.time_is_up:
                self._time_out()

    # -- drawing --------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        stage = self.stage
        layout = self._layouts
        guess_row, board = self.board.regions(layout, stage, self.focus)
        hints = self.bindings_hints()
        regions = [  # in the order they are redrawn when a frame is busy
            self.card.region(layout, self.focus),
            self.hud.region(layout),
            guess_row,
            Region("hints", self._hints_region, (layout, hints), self._draw_hints(hints)),
            board,
        ]
        self.layer.draw(
            surface,
            regions,
            self._draw_moving,
            frame=self.app.frame,
            on_top=self.app.top is self and not self.app.covered_last_frame,
            busy=self._laid_out_frame == self.app.frame,  # it laid the card out
        )

    def _render_base(self, size: tuple[int, int]) -> pygame.Surface:
        """What only the window size changes: the backdrop, the top bar, the card."""
        base = pygame.Surface(size).convert()
        # a backdrop of its own, let go afterwards: the base keeps the only copy
        Backdrop().draw(base, self.app.look.palette)
        self.hud.draw_base(base)
        self.card.draw_base(base)
        return base

    def _draw_hints(self, hints: tuple[tuple[str, str], ...]) -> Callable[[pygame.Surface], None]:
        assets = self.app.services.assets
        return lambda surface: draw_key_hints(
            surface, hints, assets, self._metrics, self._hints_area
        )

    def _draw_moving(self, surface: pygame.Surface) -> list[pygame.Rect]:
        """What changes from frame to frame: the score, the clock, a caret, animations.

        Returns where it drew, for the next frame to clean up.
        """
        drawn = [self.hud.draw_score(surface, self.score)]
        drawn += self.board.draw_moving(surface)
        feedback = self.feedback
        seconds = feedback.event.seconds if feedback is not None else self.round.question_seconds
        drawn += self.card.draw_moving(surface, seconds, self._intro / INTRO_SECONDS)
        drawn += [flyer.draw(surface) for flyer in self.flyers]
        # toasts slide out from under the top bar, never over it
        below_bar = pygame.Rect(0, self.hud.rect.bottom, *surface.get_size())
        previous_clip = surface.get_clip()
        surface.set_clip(below_bar)
        toast = self.toasts.draw(surface, still=self._still)
        surface.set_clip(previous_clip)
        if toast is not None:
            drawn.append(toast.clip(below_bar))
        return drawn

    # -- keys -----------------------------------------------------------------------------

    def _follow_reading(self) -> None:
        speaker = self.app.services.speaker
        for done in speaker.update():
            if done.key == self._reading:
                self._reading = None  # read to its end (or it could not be): the clock runs
        for notice in speaker.take_notices():
            self.app.notice.show(self.app.translator.render(notice))

    def _handle_key(self, event: pygame.event.Event) -> bool:
        """A key of :meth:`bindings`; True when it was one (then it is used up, also while an
        animation that takes no answer runs)."""
        if event.type == pygame.KEYDOWN and not self.busy:
            self._reading = None  # the student's first key starts the clock, read or not
        binding = binding_for(self.bindings(), event)
        if binding is None:
            # a held key's repeats do nothing (unless a field takes them: Backspace)
            return is_repeat(event) and self._open_field() is None
        if self.busy and binding.action not in WHILE_BUSY:
            return True  # answers, Enter and G wait for the animation
        handle_key(self, (binding,), event)
        return True

    def _open_field(self) -> TextField | None:
        if self.guessing:
            return self.card.guess.field
        if self._typing_answer:
            return self.answer_field
        return None

    # -- playing --------------------------------------------------------------------------

    def _answer(self, response: str | bool) -> None:
        self._show_feedback(self.round.answer(response))

    def _submit_typed(self, text: str) -> None:
        if not self._typing_answer or not text.strip() or self.busy:
            return  # an empty line is a slip of the finger, not an answer
        self._answer(text)

    def _time_out(self) -> None:
        self._show_feedback(self.round.answer(None))

    def _show_feedback(self, result: AnswerResult) -> None:
        sound = self.app.services.sound
        event = result.event
        chosen = self._chosen()
        self._verdict_age = 0.0
        # the answer's button goes away under the ring: Enter means Next now, not
        # whatever button the ring would fall on (the Guess button)
        self.focus.ring = False
        if event.right:
            sound.play("right")
            if result.tile is not None:
                self.board.view.uncover(result.tile)
                sound.play("uncover")
            self._fly_points(event.points.total, self.card.question.anchor(chosen))
        else:
            sound.play("wrong")
        self.score.set(self.round.score, at_once=self._still)
        self.card.question.mark(chosen)
        self._layout_card()
        self._announce_trophies()

    def _submit_guess(self, text: str) -> None:
        if not self.guessing or not text.strip() or self.busy:
            return
        event = self.round.guess_image(text.strip(), self._guess_elapsed)
        self._guess_elapsed = 0.0
        self.guessing = False
        self.score.set(self.round.score, at_once=self._still)
        self._announce_trophies()
        if self.round.phase is Phase.ENDED:
            self.app.services.sound.play("guessed" if event.right else "wrong")
            if event.right:
                self._fly_points(event.points.total, self.board.rect.center)
            self._begin_ending()
            return
        self.app.services.sound.play("wrong")
        metrics = self._metrics
        lost = event.points.penalty
        t = self.app.translator
        if lost:
            # Translators: the points a wrong guess cost, with a minus sign: "−200 points"
            cost = t.ngettext("−{count} point", "−{count} points", lost)
        else:
            cost = t.gettext("Keep going: more tiles, more clues.")
        self.toasts.add(
            self.app.services.assets,
            metrics,
            # Translators: {guess} is the player's guess, already in quotation marks
            t.gettext("{guess} is not it", guess=quoted(t, event.guess)),
            cost,
            "wrong",
            max_width=self._toast_width(),
            icon="wrong",
        )
        if lost:
            self._fly_points(-lost, self.board.guess_button.rect.center)
        self._layout_card()

    def _open_guess_field(self) -> None:
        self.guessing = True
        self._guess_elapsed = 0.0
        self.focus.ring = False
        self._layout_card()  # places the field before the text input starts over it
        self.card.guess.field.start()

    def _begin_ending(self) -> None:
        self._ending = 0.0
        self.guessing = False
        self.board.view.reveal_all(self._reveal_seconds)
        self._layout_card()

    def _show_results(self) -> None:
        if self._left or self.round.summary is None:
            return
        self._left = True
        self.app.screens.replace(
            "results",
            loaded=self.loaded,
            summary=self.round.summary,
            earned=list(self.tracker.earned),
            medal=self.tracker.medal,
            mystery_index=self.round.mystery_index,
            saved=self.saving.result,
        )

    def _announce_trophies(self) -> None:
        """A toast for every trophy won since the last look (the medals wait for the results)."""
        new = self.tracker.earned[self._trophies_seen :]
        self._trophies_seen = len(self.tracker.earned)
        if self.stage is Stage.OVER:
            return  # the results screen presents these
        metrics = self._metrics
        t = self.app.translator
        for earned in new:
            self.app.services.sound.play("trophy")
            self.toasts.add(
                self.app.services.assets,
                metrics,
                t.gettext("Trophy: {trophy}", trophy=t.gettext(earned.name)),
                t.render(trophy_by_id(earned.trophy_id).description),
                earned.tier if earned.tier in TIERS else "accent",
                max_width=self._toast_width(),
            )

    def _fly_points(self, points: int, start: tuple[int, int]) -> None:
        if points == 0 or self._still:
            return  # with reduced motion the score shows them, at once
        text = ("+" if points > 0 else "") + self.app.translator.number(points)
        palette = self.app.look.palette
        colour = palette.accent if points > 0 else palette.wrong
        self.flyers.append(
            make_flyer(
                self.app.services.assets,
                text,
                size=self._metrics.heading_size,
                colour=colour,
                start=start,
                end=self.hud.score_anchor,
            )
        )

    # -- the card and the text input ------------------------------------------------------

    def _start_question(self) -> None:
        """The widgets of the question the round asks now, or the final guess."""
        self.card.question.new_question()
        self.focus.ring = False
        self.focus.index = 0
        if self.round.phase is Phase.FINAL_GUESS:
            self._open_guess_field()
        else:
            self._intro = INTRO_SECONDS if self._still else 0.0  # a wipe, unless still
            self.read_question()
        self._layout_card()
