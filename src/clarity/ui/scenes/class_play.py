"""The class game on the projector: the board large, the question, the teams' scoreboard.

Every rule is a call on the core :class:`~clarity.core.class_round.ClassRound`; this scene
turns buzzers, keys, pad buttons and clicks into those calls, keeps the question's clock
(the ``dt`` its ``update`` receives) and saves the game after every action
(``services.save_class_progress``). It is wired from the solo screen's sections
(:mod:`clarity.ui.play`: the board column, the question card, the guess card) and the
class game's own (:mod:`clarity.ui.class_play`: the scoreboard, the status line, the
teacher's keys).

Buzzers come through the setup screen's :class:`~clarity.ui.buzzers.BuzzerInput`, read
one event at a time in the order of SDL's queue, so of two buzzes in one frame the first
in the queue wins. A buzz is taken when the question is open (buzz in) or when "Guess the
picture" (G, or the button under the board) waits for the team that guesses; the team
that answers answers with the keyboard and mouse (as the solo screen does) or with its own
pad's buttons. The teacher judges a spoken answer (F2 right, F3 wrong), lets a steal go
for a team or closes a question open to all (0 or F4) and shows the picture at the last
guesses (F5).

The clock runs whenever the question can be read: while the screen waits for the team
that guesses the picture too (a buzz is a few seconds); it stops while a team types its
guess (the guess card covers the question) and while a team's pad is pulled out (the
game waits, the card covered as the pause menu covers it), and under the pause menu.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from clarity.core.answers import AnswerResult, right_answer_text
from clarity.core.class_round import ClassRound, Phase
from clarity.core.events import AnswerGiven, Points, QuestionClosed, StealPassed
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.trophies import ClassTrophyTracker, trophy_by_id
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, binding_for, handle_key, is_repeat, key_hints
from clarity.ui.buzzers import (
    Buzz,
    Buzzer,
    BuzzerInput,
    PadAdded,
    PadAnswer,
    PadLost,
    ScreenKeys,
)
from clarity.ui.class_play.controls import CLASS_LONGEST, TEACHER_KEYS, class_bindings
from clarity.ui.class_play.scoreboard import Scoreboard
from clarity.ui.class_play.status import status_line, team_chips
from clarity.ui.effects import Toasts
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.play.board_panel import BoardPanel
from clarity.ui.play.card import Card
from clarity.ui.play.controls import GUESS, LONGEST_BINDINGS, WHILE_BUSY
from clarity.ui.play.guess_card import GuessCard, quoted
from clarity.ui.play.question_card import QuestionCard
from clarity.ui.play.screen import (
    INTRO_SECONDS,
    REVEAL_SECONDS,
    VERDICT_SECONDS,
    PlayingScreen,
)
from clarity.ui.play.sections import side_by_side, split_sections
from clarity.ui.play.stage import Stage
from clarity.ui.regions import Region, RegionLayer
from clarity.ui.theme import ANSWER_LETTERS, TIERS, Metrics
from clarity.ui.widgets import FocusGroup, TextField

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.core.teams import ClassGameSetup
    from clarity.i18n import Translator
    from clarity.ui.app import App

HOLD_SECONDS = 2.5  # the whole picture stays in view this long before the results
#: A refused buzz's reason stays this long on the status line.
REFUSAL_SECONDS = 3.0
#: Of the window's height, the least the board and the card keep before the scoreboard
#: and the status line are made compact.
CONTENT_LEAST = 0.5
#: The secondary texts (the key hints, the Guess button's label) at this share of the text
#: size when the window is too small for everything at the chosen size (never under 100 %).
SECONDARY_SHRINK = 0.75
#: The same, as the last thing to give way (the standard text size).
SECONDARY_LEAST = 0.5
#: What gives way, in order, when the board and the card would have less than
#: ``CONTENT_LEAST``: (how compact the scoreboard and status line are, the secondary
#: texts' share of the text size).
COMPACT_STEPS = (
    (0, 1.0),
    (0, SECONDARY_SHRINK),
    *((compact, SECONDARY_SHRINK) for compact in (1, 2, 3)),
    (3, SECONDARY_LEAST),
)
#: The key hints' text size, of the secondary texts': the tiny size (they are the
#: teacher's, read at the computer; the question and its answers are never smaller).
HINTS_SHARE = 0.8
#: Of the content's width beside the card, the board's column at the standard text size
#: (less with large text) and the least it keeps. Less than on the solo screen: the
#: scoreboard takes height from the card, which then needs the width for its answers to
#: read at least as large as its help line.
BOARD_SHARE = 0.46
BOARD_LEAST_SHARE = 0.4
#: Keys that work without a hint on the projector (the room goes to the board): the focus
#: ring's arrows and Tab, the sound, reading aloud again.
UNHINTED = frozenset({"move_focus", "app.toggle_sound", "read_question"})


def secondary_metrics(metrics: Metrics, share: float) -> Metrics:
    """``metrics`` with its text size times ``share``, never under the standard size."""
    if share >= 1.0 or metrics.text_scale <= 1.0:
        return metrics
    return dataclasses.replace(metrics, text_scale=max(1.0, metrics.text_scale * share))


def hinted(rows: tuple[Binding, ...]) -> tuple[Binding, ...]:
    """The rows whose hints the projector shows (see :data:`UNHINTED`)."""
    return tuple(row for row in rows if row.action not in UNHINTED)


class ClassPlayScene(PlayingScreen):
    """One class game of ``setup``'s teams on ``loaded``'s picture ``setup.mystery_index``;
    ``snapshot`` (a saved :meth:`ClassRound.snapshot`) resumes one.

    Public for the demo, the benchmark and the tests: ``round``, ``trophies`` (the
    :class:`ClassTrophyTracker`), ``guesser`` (the team whose guess field is open),
    ``waiting_for_guesser``, ``buzzed`` (who buzzed in and answers now), ``unplugged``
    (the teams whose pad is pulled out), ``busy``, ``status`` (the status line now).
    """

    name = "class-play"

    def __init__(
        self,
        app: App,
        loaded: LoadedPack,
        setup: ClassGameSetup,
        buzzers: BuzzerInput,
        snapshot: dict[str, object] | None = None,
    ) -> None:
        super().__init__(app)
        if loaded.pack is None:
            raise ValueError(f"the pack {loaded.path} has errors and cannot be played")
        self.loaded = loaded
        self.setup = setup
        self.buzzers = buzzers
        # the teacher's keys are never a buzz (they are not letters: no team could have
        # chosen them, but a pad's port may report them)
        buzzers.screen_keys = buzzers.screen_keys + ScreenKeys.of(TEACHER_KEYS)
        teams = len(setup.teams)
        self.trophies = ClassTrophyTracker(teams)
        self._given: AnswerGiven | None = None  # the last answer given (a timeout too)
        #: what last ended a question or sent it on: an answer, a close, a steal let go
        self._closing: AnswerGiven | QuestionClosed | StealPassed | None = None
        observers = [self.trophies, self._heard]
        if snapshot is None:
            self.round: ClassRound = setup.new_round(loaded.pack, observers)
        else:
            self.round = ClassRound.restore(loaded.pack, snapshot, observers)
        self.guesser: int | None = None
        self.waiting_for_guesser = False
        self.unplugged: tuple[int, ...] = ()
        self._refused = ""
        self._refused_age = 0.0
        self._trophies_seen = [len(earned) for earned in self.trophies.earned]
        self._guess_elapsed = 0.0
        self._intro = INTRO_SECONDS
        self._verdict_age = VERDICT_SECONDS
        self._ending: float | None = None
        self._left = False
        self._notice_said: object = None

        assets = app.services.assets

        def translator() -> Translator:
            return app.translator  # a new one when the language changes

        image = loaded.images.get(self.round.mystery.image)
        self.board = BoardPanel(
            assets, self.round, image, self.open_guess, translator, guess_cap=self._guess_cap
        )
        question = QuestionCard(
            assets,
            self.round,
            loaded.images,
            on_choice=self.answer_choice,
            on_typed=self._submit_typed,
            on_next=self.next_question,
            translator=translator,
            worth=self._answer_worth,
            unanswered=True,
            help_gives_way=True,
        )
        guess = GuessCard(
            assets,
            self.round,
            on_guess=self._submit_guess,
            on_cancel=self.cancel_guess,
            translator=translator,
            guesser=lambda: self.guesser if self.guesser is not None else 0,
        )
        self.card = Card(assets, self.round, question, guess, translator, team_name=self.team_name)
        self.scoreboard = Scoreboard(assets, [c.score for c in self.round.contestants])
        self.focus = FocusGroup(ring=False)
        self.layer = RegionLayer(self._render_base)
        self.toasts = Toasts()

        self._metrics = app.look.metrics(app.options.size)
        self._boxes: dict[str, pygame.Rect] = {}
        self._status_rect = pygame.Rect(0, 0, 0, 0)
        self._status_region = pygame.Rect(0, 0, 0, 0)
        self._board_region = pygame.Rect(0, 0, 0, 0)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._hints_region = pygame.Rect(0, 0, 0, 0)
        #: where a toast may be drawn: between the status line and the key hints
        self._toast_region = pygame.Rect(0, 0, 0, 0)
        self._layouts = 0
        self._laid_out_frame = -1
        self._status_least = self._metrics.small_size
        self._secondary = self._hints_metrics = self._metrics
        self._buzz_frame = -1  # the frame a buzz was taken in

        self._start_question()
        if self.round.phase is Phase.FEEDBACK:
            self._intro = INTRO_SECONDS
            self.card.question.mark(self._chosen())

    # -- reading the state ----------------------------------------------------------

    def team_name(self, team: int) -> str:
        return self.setup.teams[team].name

    @property
    def buzzed(self) -> int | None:
        """The team that buzzed in and answers now (the round's: a resumed game knows it)."""
        return self.round.buzzed

    def _heard(self, event: object) -> None:
        """The round's events (replayed too, on resuming): how the question ended."""
        if isinstance(event, AnswerGiven):
            self._given = event
        if isinstance(event, AnswerGiven | QuestionClosed | StealPassed):
            self._closing = event

    @property
    def stage(self) -> Stage:
        return Stage.of(self.round.phase, guessing=self.guesser is not None)

    @property
    def feedback(self) -> AnswerResult | None:
        """What the card shows once a question is over: how it ended, with the clock where
        it stopped. A right answer; a wrong (or late) answer that ended it (turns, a steal,
        the last team locked out); else the question's end with no answer: its time up
        (a close, a steal timed out), or nobody's (the teacher closed it, a steal let go)."""
        played = self.round
        question = played.question
        if played.phase is not Phase.FEEDBACK or question is None:
            return None
        number = played.question_number
        given = [a for c in played.contestants for a in c.answers if a.number == number]
        right = [a for a in given if a.right]
        closing = self._closing
        last = self._given if self._given is not None and self._given.number == number else None
        all_locked_out = len(played.locked_out) >= len(played.contestants)
        event: AnswerGiven | None = None
        if right:
            event = right[-1]
        elif isinstance(closing, AnswerGiven) and closing.number == number:
            event = closing
        elif isinstance(closing, QuestionClosed) and not closing.timed_out and all_locked_out:
            event = last
        if event is None:
            limit = played.time_limit
            if isinstance(closing, QuestionClosed):
                time_up = closing.timed_out
            else:
                time_up = limit is not None and played.question_seconds >= limit
            event = AnswerGiven(
                number=number,
                question_index=0,
                question_id=question.id,
                response=None,
                right=False,
                seconds=played.question_seconds,
                points=Points(),
                streak=0,
                timed_out=time_up,
            )
        return AnswerResult(event, None, right_answer_text(question), question.explain)

    @property
    def _answering(self) -> bool:
        """A team answers the question now (its turn, its buzz, a steal)."""
        return self.round.phase is Phase.ASKING and self.round.answering is not None

    @property
    def _typing_answer(self) -> bool:
        return (
            self.stage is Stage.ASKING
            and self._answering
            and not self.waiting_for_guesser
            and isinstance(self.round.question, TypedQuestion)
        )

    @property
    def _waiting_for_pad(self) -> bool:
        """A team's pad is pulled out while the game needs the buzzers: it waits, the card
        covered (once the picture is shown, the game goes on to the results)."""
        return bool(self.unplugged) and self._ending is None

    @property
    def _stopped(self) -> bool:
        """The game is stopped: every clock of it stands still (the question's, a guess's).
        A pad pulled out stops it here; the pause menu (Esc, the window minimised or left)
        stops it by covering the scene, which is then not updated."""
        return self._waiting_for_pad

    @property
    def status(self) -> str:
        t = self.app.translator
        names = [team.name for team in self.setup.teams]
        return status_line(
            t,
            self.round,
            names,
            guesser=self.guesser,
            waiting_for_guesser=self.waiting_for_guesser,
            unplugged=self._unplugged_text(t),
            refused=self._refused,
        )

    def text_field_rect(self) -> pygame.Rect | None:
        field = self._open_field()
        return None if field is None or self._ending is not None else field.rect

    def bindings(self) -> tuple[Binding, ...]:
        question = self.round.question
        return class_bindings(
            self.stage,
            question,
            len(self.card.question.answer_buttons),
            answering=self._answering,
            stealing=self.round.stealing,
            waiting_for_guesser=self.waiting_for_guesser,
            scrolls=self.card.scrolls,
            guessing=self.guesser is not None,
            pad_missing=self._waiting_for_pad,
        )

    def _guess_cap(self, stage: Stage) -> str:
        """The key the Guess button shows: the one the keys table takes now (Ctrl+G only
        while a team types its answer; G while a question waits for a buzz)."""
        row = next((b for b in self.bindings() if b.action == "open_guess"), GUESS)
        return row.hint_cap

    def bindings_hints(self) -> tuple[tuple[str, str], ...]:
        return key_hints(hinted(self.bindings()))

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """Every text block, button, chip and bar on screen now, by name (layout tests)."""
        covered = self._waiting_for_pad
        card = {"cover": self._cover_box()} if covered else self.card.visible_boxes()
        boxes = {**self._boxes, **card}
        return {name: rect.copy() for name, rect in boxes.items()}

    def shown_texts(self) -> dict[str, str]:
        if self._waiting_for_pad:
            texts = {"cover": self._cover_words()}
        else:
            texts = {name: text.words for name, text in self.card.now.texts.items()}
        texts["status"] = self.status
        return texts

    # -- actions: keys, clicks, buzzers ---------------------------------------------------

    def answer_choice(self, index: int) -> None:
        """The answering team answers with the ``index``-th answer (button, key or pad)."""
        question = self.round.question
        if not self._answering or self.busy or self.waiting_for_guesser or self.guesser is not None:
            return
        if isinstance(question, ChoiceQuestion) and 0 <= index < len(question.choices):
            self._answered(self.round.answer(question.choices[index]))
        elif isinstance(question, TrueFalseQuestion) and index in (0, 1):
            self._answered(self.round.answer(index == 0))

    def submit_answer(self) -> None:
        self._submit_typed(self.card.question.answer_field.text)

    def judge(self, right: bool) -> None:
        """The teacher judges the answering team's spoken answer."""
        if not self._answering or self.busy or self.guesser is not None:
            return
        self._answered(self.round.judge(right))

    def pass_steal(self) -> None:
        """The team offered a steal lets it go: the answer is shown."""
        if not self._answering or not self.round.stealing or self.busy:
            return
        self.round.pass_steal()
        self._after_question_change()

    def close_question(self) -> None:
        """The teacher closes the question open to all and shows its answer (with no time
        limit nobody else can)."""
        if self.round.phase is not Phase.OPEN or self.busy:
            return
        self.app.services.sound.play("click")
        self.round.close_question(by_teacher=True)
        self._after_question_change()

    def next_question(self) -> None:
        if self.stage is not Stage.ANSWERED or self.busy:
            return
        self.app.services.sound.play("click")
        self.round.next_question()
        self._save()
        self._start_question()

    def open_guess(self) -> None:
        """ "Guess the picture": the next buzz says which team guesses."""
        if self.stage not in (Stage.ASKING, Stage.ANSWERED) or self.busy:
            return
        if self.waiting_for_guesser:
            return
        self.app.services.sound.play("click")
        self.waiting_for_guesser = True
        self.buzzers.stop_answer()
        self._refuse("")
        self._layout_card()

    def cancel_guess(self) -> None:
        """Esc: no guess after all (not at the last guesses, where F5 ends them)."""
        if self.round.phase is Phase.FINAL_GUESS:
            if self.guesser is not None:
                self.guesser = None
                self._layout_card()
            return
        if self.guesser is None and not self.waiting_for_guesser:
            return
        self.guesser = None
        self.waiting_for_guesser = False
        self._guess_elapsed = 0.0
        self._expect_answer()
        self._layout_card()

    def reveal(self) -> None:
        """F5 at the last guesses: nobody else guesses; the picture is shown."""
        if self.round.phase is not Phase.FINAL_GUESS or self.guesser is not None:
            return
        self.round.reveal()
        self._save()
        self._begin_ending()

    def _new_buzzer(self, buzzer: Buzzer) -> None:
        """A key or button no team holds, pressed while a team's pad is out: that team's
        buzzer from now on (a pad that cannot come back, or came back unrecognised)."""
        team = self.unplugged[0]
        if self.buzzers.map.claim(team, buzzer) is not None:
            return  # another team's (not sent as nobody's, but a claim is the map's word)
        self.app.services.sound.play("buzz")
        t = self.app.translator
        label = self.buzzers.label(buzzer, t)
        self._pads_changed()
        # Translators: a team lost its gamepad and pressed another key or button instead
        self._refuse(t.gettext("{team}'s buzzer: {label}", team=self.team_name(team), label=label))

    def pause_game(self) -> None:
        self._save()
        self.app.screens.push("pause", on_restart=self.restart, on_title=self.to_title)

    def restart(self) -> None:
        """The same teams on the same picture from its first question (the pause menu)."""
        self.app.screens.replace(
            "class-play", loaded=self.loaded, setup=self.setup, buzzers=self.buzzers, snapshot=None
        )

    # -- the scene lifecycle --------------------------------------------------------------

    def enter(self) -> None:
        self._pads_changed()
        if self.round.phase is Phase.ENDED:
            self._ending = REVEAL_SECONDS + HOLD_SECONDS

    def exit(self) -> None:
        self._save()  # closing the game keeps the time left on the question

    def pause(self) -> None:
        self._save()

    def resume(self) -> None:
        # a pad plugged back in while the pause menu was on top: its event went to the menu
        if self.unplugged:
            port = self.buzzers.port
            for index in range(len(port.connected())):
                self.buzzers.read(pygame.event.Event(pygame.JOYDEVICEADDED, device_index=index))
            self._pads_changed()

    def layout(self, size: tuple[int, int]) -> None:
        """The scoreboard across the top, the status line under it, the board and the card
        side by side (the card under the board in a tall window), the key hints at the
        bottom."""
        self._layouts += 1
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        width, height = size
        margin = metrics.margin
        gap = metrics.gap
        boxes: dict[str, pygame.Rect] = {}
        inner_w = width - 2 * margin
        names = [team.name for team in self.setup.teams]
        number = self.app.translator.number
        # with large text in a small window, the secondary texts give way first (the key
        # hints and the Guess button's label a size smaller), then the scores' chips and
        # the status line, so that the board and the card keep their share of the height;
        # a team's name and score are never given up
        for compact, secondary in COMPACT_STEPS:
            self._secondary = secondary_metrics(metrics, secondary)
            self._hints_metrics = dataclasses.replace(
                self._secondary, text_scale=self._secondary.text_scale * HINTS_SHARE
            )
            hints_h = self._hints_height(inner_w)
            board_h = self.scoreboard.height_for(inner_w, metrics, names, number, compact=compact)
            status_size = metrics.tiny_size if compact else metrics.body_size
            # the status line on two lines while there is room, else on one
            status_h = (2 if compact < 2 else 1) * assets.font(status_size, True).get_linesize()
            left = height - hints_h - board_h - status_h - 2 * metrics.px(1.0) - 2 * gap
            if left >= height * CONTENT_LEAST:
                break
        self._hints_area = pygame.Rect(margin, height - hints_h - metrics.px(0.6), inner_w, hints_h)
        boxes["hints"] = self._hints_area.copy()
        self._status_least = status_size
        chips = pygame.Rect(margin, metrics.px(1.0), inner_w, board_h)
        boxes |= self.scoreboard.layout(chips, metrics, names, number, compact=compact)
        self._status_rect = pygame.Rect(margin, chips.bottom + gap // 2, inner_w, status_h)
        boxes["status"] = self._status_rect.copy()
        self._status_region = pygame.Rect(0, chips.bottom, width, self._status_rect.height + gap)

        top = self._status_rect.bottom + gap
        content = pygame.Rect(margin, top, inner_w, self._hints_area.top - gap - top)
        button_h = max(
            metrics.px(4.8), assets.font(metrics.body_size, True).get_linesize() + metrics.px(1.0)
        )
        secondary = self._secondary
        guess_h = max(
            metrics.px(4.8),
            assets.font(secondary.body_size, True).get_linesize() + metrics.px(1.0),
        )
        hints_top = self._hints_area.top - gap // 2
        middle = pygame.Rect(
            0, self._status_region.bottom, width, hints_top - self._status_region.bottom
        )
        board_w = 0
        if side_by_side(content):
            # the picture is what the class looks at: it has the larger share, as on the
            # solo screen (large text takes some for the card); a board that its height
            # keeps narrower than its column gives the rest to the card
            share = max(BOARD_LEAST_SHARE, BOARD_SHARE / math.sqrt(metrics.text_scale))
            board_w = round(content.width * share)
            column = pygame.Rect(content.x, content.y, board_w, content.height)
            self.board.layout(column, column, secondary, guess_h, centred=True)
            used = max(self.board.rect.width, self.board.guess_button.rect.width)
            board_w = min(board_w, max(round(content.width * BOARD_LEAST_SHARE), used))
        parts = split_sections(content, middle, gap, board_width=board_w, stacked_board_share=0.45)
        boxes |= self.board.layout(
            parts.column, parts.board_region, secondary, guess_h, centred=parts.side_by_side
        )
        self.card.place(parts.card, parts.card_region, metrics, button_h)
        self._board_region = parts.board_region
        self._hints_region = pygame.Rect(0, hints_top, width, height - hints_top)
        self._toast_region = middle
        self.toasts.render(assets, metrics, self._toast_width())
        self._boxes = boxes
        self.layer.reset()
        self._layout_card()

    def _hints_height(self, width: int) -> int:
        """The key hints' height across ``width`` pixels at their size: the tallest of
        every table the screen shows, so that the layout holds for each."""
        assets = self.app.services.assets
        hints = [key_hints(hinted(rows)) for rows in (*LONGEST_BINDINGS, CLASS_LONGEST)]
        return max(key_hints_height(rows, assets, self._hints_metrics, width) for rows in hints)

    def handle_event(self, event: pygame.event.Event) -> None:
        reading = self.buzzers.read(event)
        if isinstance(reading, PadLost | PadAdded):
            self._pads_changed()
            return
        # SDL also reports focus moving between windows of this process (a test's second
        # App); a real loss leaves the keyboard with no focus
        focus_gone = event.type == pygame.WINDOWFOCUSLOST and not pygame.key.get_focused()
        if event.type == pygame.WINDOWMINIMIZED or focus_gone:
            self._leave_for_a_while()
            return
        if self._waiting_for_pad:  # the game waits for the pad: only its table's keys work
            if isinstance(reading, Buzz) and reading.team is None:
                self._new_buzzer(reading.buzzer)
            elif event.type == pygame.KEYDOWN:
                self._handle_key(event)
            return
        if isinstance(reading, PadAnswer):
            if reading.team == self.round.answering:
                self.answer_choice(reading.slot)
            return
        if isinstance(reading, Buzz) and reading.team is not None and self._takes_buzz():
            self._buzz(reading.team)
            return
        if self._ending is not None:
            self._handle_ending_event(event)
            return
        if event.type == pygame.KEYDOWN and self._handle_key(event):
            return
        field = self._open_field()
        if field is not None and event.type in (pygame.KEYDOWN, pygame.TEXTINPUT):
            if not self.busy:
                field.handle_event(event)
                self.card.show(field.rect)
            return
        if event.type == pygame.MOUSEWHEEL:
            self.card.scroll_by(-event.y * self._metrics.px(6))
            return
        pointed = getattr(event, "pos", None)
        if pointed is not None and self.card.hides(pointed):
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONUP) and not self.busy:
            if self.focus.handle_event(event):
                return
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
                self.card.handle_click(event.pos, self.stage)

    def update(self, dt: float) -> None:
        if self.round.phase is Phase.FEEDBACK:
            self._verdict_age += dt
        if self._refused:
            self._refused_age += dt
            if self._refused_age >= REFUSAL_SECONDS:
                self._refuse("")
        self.board.view.update(dt)
        self.scoreboard.update(dt)
        self.toasts.update(dt)
        self.card.question.answer_field.update(dt)
        self.card.guess.field.update(dt)
        # nobody types while a question waits for a buzz: no caret blinks in its field
        self.card.question.answer_field.active = self._typing_answer
        if self._ending is not None:
            self._ending += dt
            held = self._ending >= self._reveal_seconds + HOLD_SECONDS
            if held and not self.board.view.flipping and not self.card.scrolls:
                self._show_results()
            return
        if self._stopped:  # every clock of the game stands still (the pause menu's too)
            return
        if self._intro < INTRO_SECONDS:
            self._intro = min(INTRO_SECONDS, self._intro + dt)
            return
        if self.guesser is not None:
            self._guess_elapsed += dt
        elif self.round.phase in (Phase.ASKING, Phase.OPEN):
            # the question can be read (a guess typed would cover it), so its clock runs
            self.round.spend_time(dt)
            if self.round.time_is_up:
                self._time_up()

    # -- drawing --------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        stage = self.stage
        layout = self._layouts
        t = self.app.translator
        names = [team.name for team in self.setup.teams]
        chips = team_chips(
            t,
            self.round,
            names,
            [team.emblem for team in self.setup.teams],
            guesser=self.guesser,
        )
        status = self.status
        if self._waiting_for_pad:
            card = self._cover_region(layout)
        else:
            card = self.card.region(layout, self.focus)
        guess_row, board = self.board.regions(layout, stage, self.focus)
        hints = self.bindings_hints()
        number = t.number
        regions = [  # the scoreboard and the status first: a buzz shows in its own frame
            Region(
                "scoreboard",
                self.scoreboard.rect,
                (layout, t.language, *self.scoreboard.key(chips)),
                lambda s: self.scoreboard.draw(s, chips, number),
            ),
            Region("status", self._status_region, (layout, status), self._draw_status(status)),
            card,
            Region("hints", self._hints_region, (layout, hints), self._draw_hints(hints)),
            guess_row,
            board,
        ]
        self.layer.draw(
            surface,
            regions,
            self._draw_moving,
            frame=self.app.frame,
            on_top=self.app.top is self and not self.app.covered_last_frame,
            # a buzz is shown in its own frame, though the card was laid out for it
            busy=self._laid_out_frame == self.app.frame and self._buzz_frame != self.app.frame,
        )

    def _render_base(self, size: tuple[int, int]) -> pygame.Surface:
        base = pygame.Surface(size).convert()
        Backdrop().draw(base, self.app.look.palette)
        self.card.draw_base(base)
        return base

    def _draw_status(self, status: str) -> Callable[[pygame.Surface], None]:
        assets = self.app.services.assets
        metrics = self._metrics
        box = self._status_rect
        palette = self.app.look.palette
        colour = palette.wrong if self._waiting_for_pad else palette.text
        least = self._status_least

        def draw(surface: pygame.Surface) -> None:
            if not status:
                return
            text = assets.fit_text(status, metrics.heading_size, least, colour, box.size, bold=True)
            rect = text.get_rect(center=box.center)
            surface.blit(text, rect.clip(box), rect.clip(box).move(-rect.x, -rect.y))

        return draw

    def _draw_hints(self, hints: tuple[tuple[str, str], ...]) -> Callable[[pygame.Surface], None]:
        assets = self.app.services.assets
        return lambda surface: draw_key_hints(
            surface, hints, assets, self._hints_metrics, self._hints_area
        )

    def _cover_words(self) -> str:
        return self.app.translator.gettext("Paused")

    def _cover_box(self) -> pygame.Rect:
        assets = self.app.services.assets
        size = assets.font(self._metrics.heading_size, True).size(self._cover_words())
        box = pygame.Rect((0, 0), size)
        box.center = self.card.rect.center
        return box.clip(self.card.rect.inflate(-self._metrics.gap, -self._metrics.gap))

    def _cover_region(self, layout: int) -> Region:
        """The card covered while the game waits for a pad: the question is not read
        while its clock stands still (as under the pause menu)."""
        assets = self.app.services.assets
        metrics = self._metrics
        words = self._cover_words()
        palette = self.app.look.palette
        card = self.card.rect

        def draw(surface: pygame.Surface) -> None:
            room = card.inflate(-2 * metrics.gap, -2 * metrics.gap).size
            text = assets.fit_text(
                words, metrics.heading_size, metrics.small_size, palette.text_muted, room, bold=True
            )
            surface.blit(text, text.get_rect(center=card.center))

        return Region("card", self.card.region_rect, (layout, "covered", words), draw)

    def _draw_moving(self, surface: pygame.Surface) -> list[pygame.Rect]:
        drawn = list(self.board.draw_moving(surface))
        if not self._waiting_for_pad:  # covered, the card has no clock, no field, no wipe
            feedback = self.feedback
            seconds = (
                feedback.event.seconds if feedback is not None else self.round.question_seconds
            )
            drawn += self.card.draw_moving(surface, seconds, self._intro / INTRO_SECONDS)
        toast = self._draw_toast(surface)
        return drawn + ([toast] if toast is not None else [])

    def _draw_toast(self, surface: pygame.Surface) -> pygame.Rect | None:
        """The toast showing now, resting on the board's bottom edge and sliding in under
        the status line: the scoreboard and the status line say whose turn it is and who
        buzzed, which a toast must never hide (the solo screen's place, under its top bar,
        is where the class screen's chips and status are)."""
        showing = self.toasts.showing
        if showing is None:
            return None
        region = self._toast_region
        w, h = showing.surface.get_size()
        half = w // 2
        x = min(max(self.board.rect.centerx, region.left + half), region.right - w + half)
        y = max(region.top, self.board.rect.bottom - self._metrics.gap - h)
        self.toasts.anchor = (x, y)
        previous = surface.get_clip()
        surface.set_clip(region.clip(previous))
        toast = self.toasts.draw(surface, still=self._still)
        surface.set_clip(previous)
        if toast is None:
            return None
        shown = toast.clip(region)
        return shown if shown.width and shown.height else None

    # -- keys and buzzers -----------------------------------------------------------------

    def _handle_key(self, event: pygame.event.Event) -> bool:
        binding = binding_for(self.bindings(), event)
        if binding is None:
            return is_repeat(event) and self._open_field() is None
        if self.busy and binding.action not in WHILE_BUSY:
            return True
        handle_key(self, (binding,), event)
        return True

    def _open_field(self) -> TextField | None:
        if self.guesser is not None:
            return self.card.guess.field
        if self._typing_answer:
            return self.card.question.answer_field
        return None

    def _takes_buzz(self) -> bool:
        """Whether a buzz means something now: a question open to all, or a team wanted
        for a guess at the picture."""
        if self._ending is not None or self.guesser is not None or self.busy:
            return False
        if self.waiting_for_guesser or self.round.phase is Phase.FINAL_GUESS:
            return True
        return self.round.phase is Phase.OPEN

    def _buzz(self, team: int) -> None:
        t = self.app.translator
        name = self.team_name(team)
        if self.waiting_for_guesser or self.round.phase is Phase.FINAL_GUESS:
            if not self.round.can_guess(team):
                self._refuse_guess(team)
                return
            self.app.services.sound.play("buzz")
            self.guesser = team
            self.waiting_for_guesser = False
            self._guess_elapsed = 0.0
            self._refuse("")
            self.focus.ring = False
            self._layout_card()
            self.card.guess.field.start()
            return
        taken = self.round.buzz(team)
        if taken is None:
            if team in self.round.locked_out:
                # Translators: a buzz refused: the team answered this question wrong
                self._refuse(t.gettext("{team} is locked out of this question", team=name))
            else:
                # Translators: a buzz refused: the teams in last place have a head start
                self._refuse(t.gettext("{team} must wait: the last place goes first", team=name))
            return
        self.app.services.sound.play("buzz")
        self._buzz_frame = self.app.frame
        self._refuse("")
        self._save()
        self._refresh_question()

    def _refuse_guess(self, team: int) -> None:
        t = self.app.translator
        name = self.team_name(team)
        locked = self.round.guess_locked_for(team)
        self.app.services.sound.play("wrong")
        if locked:
            self._refuse(
                t.ngettext(
                    "{team} may not guess for {count} more question",
                    "{team} may not guess for {count} more questions",
                    locked,
                    team=name,
                )
            )
        else:
            # Translators: at the last guesses each team has one: {team} has had its own
            self._refuse(t.gettext("{team} has made its last guess", team=name))

    def _refuse(self, words: str) -> None:
        self._refused = words
        self._refused_age = 0.0

    def _pads_changed(self) -> None:
        """A pad was pulled out or plugged back in: the game waits while a team's is out."""
        missing = self.buzzers.missing()
        if missing == self.unplugged:
            return
        if missing and not self.unplugged:
            self.app.services.sound.play("wrong")
            self._save()
        self.unplugged = missing

    def _unplugged_text(self, t: Translator) -> str:
        if not self._waiting_for_pad:
            return ""
        names = t.join([self.team_name(team) for team in self.unplugged])
        # Translators: {teams} lost their gamepads; the next key or button pressed that no
        # team holds becomes the buzzer of {team} (the first of them)
        return t.ngettext(
            "{teams} lost its buzzer: plug it back in, or press a new buzzer for {team}",
            "{teams} lost their buzzers: plug them back in, or press a new buzzer for {team}",
            len(self.unplugged),
            teams=names,
            team=self.team_name(self.unplugged[0]),
        )

    # -- playing --------------------------------------------------------------------------

    def _submit_typed(self, text: str) -> None:
        if not self._typing_answer or not text.strip() or self.busy:
            return
        self._answered(self.round.answer(text))

    def _time_up(self) -> None:
        given = self._given
        self.round.time_up()
        if self._given is not given:  # an answer awaited timed out (not a steal let go)
            self.app.services.sound.play("wrong")
        self._after_question_change()

    def _answered(self, result: AnswerResult) -> None:
        sound = self.app.services.sound
        if result.event.right:
            sound.play("right")
            if result.tile is not None:
                self.board.view.uncover(result.tile)
                sound.play("uncover")
        else:
            sound.play("wrong")
        self._after_question_change()

    def _after_question_change(self) -> None:
        """After an answer, a steal let go or a question closed: save, then show what the
        round says now (the verdict, a steal offered, the question open again)."""
        self._save()
        self._scores()
        self._announce_trophies()
        if self.round.phase is Phase.FEEDBACK:
            self._verdict_age = 0.0
            self.buzzers.stop_answer()
            self.focus.ring = False
            self.card.question.mark(self._chosen())
            self._layout_card()
        else:
            self._refresh_question()

    def _submit_guess(self, text: str) -> None:
        team = self.guesser
        if team is None or not text.strip() or self.busy:
            return
        event = self.round.guess_image(text.strip(), self._guess_elapsed, team)
        self._guess_elapsed = 0.0
        self.guesser = None
        self._save()
        self._scores()
        self._announce_trophies()
        if self.round.phase is Phase.ENDED:
            self.app.services.sound.play("guessed" if event.right else "wrong")
            self._begin_ending()
            return
        self.app.services.sound.play("wrong")
        t = self.app.translator
        lost = event.points.penalty
        if lost:
            cost = t.ngettext("−{count} point", "−{count} points", lost)
        else:
            cost = t.gettext("Keep going: more tiles, more clues.")
        self.toasts.add(
            self.app.services.assets,
            self._metrics,
            # Translators: {team} guessed {guess} (already in quotation marks) and was wrong
            t.gettext(
                "{team}: {guess} is not it", team=self.team_name(team), guess=quoted(t, event.guess)
            ),
            cost,
            "wrong",
            max_width=self._toast_width(),
            icon="wrong",
        )
        self._expect_answer()
        self._layout_card()

    def _begin_ending(self) -> None:
        self._ending = 0.0
        self.guesser = None
        self.waiting_for_guesser = False
        self.buzzers.stop_answer()
        self.board.view.reveal_all(self._reveal_seconds)
        self._layout_card()

    def _show_results(self) -> None:
        summary = self.round.class_summary
        if self._left or summary is None:
            return
        self._left = True
        earned = self.trophies.earned
        saved = self.app.services.finish_class_game(self.setup, summary, earned)
        self.app.screens.replace(
            "class-results",
            loaded=self.loaded,
            setup=self.setup,
            summary=summary,
            trophies=tuple(list(e) for e in earned),
            medals=self.trophies.medals,
            saved=saved,
            buzzers=self.buzzers,
        )

    def _save(self) -> None:
        """Keep the game as it stands (after every action); a problem is said once."""
        notice = self.app.services.save_class_progress(self.setup, self.round)
        if notice is not None and notice != self._notice_said:
            self.app.notice.show(self.app.translator.render(notice))
        self._notice_said = notice

    def _scores(self) -> None:
        for score, contestant in zip(self.scoreboard.scores, self.round.contestants, strict=True):
            score.set(contestant.score, at_once=self._still)

    def _announce_trophies(self) -> None:
        """A toast for each trophy a team won since the last look (the results list them)."""
        if self.round.phase is Phase.ENDED:
            return
        t = self.app.translator
        for team, earned in enumerate(self.trophies.earned):
            new = earned[self._trophies_seen[team] :]
            self._trophies_seen[team] = len(earned)
            for trophy in new:
                self.app.services.sound.play("trophy")
                self.toasts.add(
                    self.app.services.assets,
                    self._metrics,
                    # Translators: a team won a trophy during a class game
                    t.gettext(
                        "{team}: {trophy}", team=self.team_name(team), trophy=t.gettext(trophy.name)
                    ),
                    t.render(trophy_by_id(trophy.trophy_id).description),
                    trophy.tier if trophy.tier in TIERS else "accent",
                    max_width=self._toast_width(),
                )

    def _answer_worth(self) -> int:
        """The most a right answer earns now: the answering team's, or (open to all) the
        most any team could earn."""
        played = self.round
        if played.answering is not None:
            return played.answer_worth()
        return max(played.answer_worth(team) for team in range(len(played.contestants)))

    def _chosen(self) -> int | None:
        question = self.round.question
        feedback = self.feedback
        response = feedback.event.response if feedback is not None else None
        if isinstance(question, ChoiceQuestion) and response in question.choices:
            return question.choices.index(response)
        if isinstance(question, TrueFalseQuestion) and response in ("true", "false"):
            return 0 if response == "true" else 1
        return None

    # -- the card -------------------------------------------------------------------------

    def _start_question(self) -> None:
        self.guesser = None
        self.waiting_for_guesser = self.round.phase is Phase.FINAL_GUESS
        self._refresh_question()
        if self.round.phase is not Phase.FINAL_GUESS:
            self._intro = INTRO_SECONDS if self._still else 0.0

    def _refresh_question(self) -> None:
        """The card's question for whoever answers now (what it earns, the pad's caps)."""
        if self.round.question is not None:
            self.card.question.new_question()
            self._expect_answer()
            caps = self._pad_caps()
            if caps is not None and isinstance(self.round.question, ChoiceQuestion):
                for i, button in enumerate(self.card.question.answer_buttons):
                    letter = ANSWER_LETTERS[i]
                    if i < len(caps) and caps[i] != letter:
                        button.key_hint = f"{letter} · {caps[i]}"
        self.focus.ring = False
        self.focus.index = 0
        self._layout_card()

    def _pad_caps(self) -> tuple[str, ...] | None:
        if not self._answering:
            return None
        assert self.round.answering is not None
        return self.buzzers.answer_caps(self.round.answering)

    def _expect_answer(self) -> None:
        """The answering team's own pad answers a choice or true/false question."""
        question = self.round.question
        picking_guesser = self.waiting_for_guesser or self.guesser is not None
        if picking_guesser:  # the pads buzz for the guess, they do not answer
            self.buzzers.stop_answer()
        elif self._answering and isinstance(question, ChoiceQuestion | TrueFalseQuestion):
            assert self.round.answering is not None
            slots = len(question.choices) if isinstance(question, ChoiceQuestion) else 2
            self.buzzers.expect_answer(self.round.answering, slots)
        else:
            self.buzzers.stop_answer()
