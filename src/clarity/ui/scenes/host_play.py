"""The class game on students' devices, on the projector, while the questions go round.

The board with the tiles uncovered so far on the left; on the right the question and its
answers (colour, shape and letter, as on the devices), then at the reveal how the class
answered (a bar per answer), the right answer with its explanation and whether the class
uncovered a tile; between questions the leaderboard, when the teacher shows it. Along the
top the question's number and the time left on the class's clock; along the bottom how
many have answered and how many have guessed the picture (never what).

Every key is a teacher's command sent to the server (``Hosting.send``): the server decides
and the next view shows what came of it. This screen holds no rule of the game.
Enter or N goes on, P pauses (and resumes), L shows or hides the leaderboard (the
projector says which, whoever switched it), A accepts an answer the matcher refused (at
the reveal of a typed question: chosen with 1-6, then confirmed with Enter), T shows the
teacher's own address for their phone (never unasked: it drives the game), E ends the
game (asked first), Esc pauses with a menu. Along the top, how to join (late joiners
are let in).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from clarity.classroom.commands import (
    AcceptAnswer,
    EndGame,
    Next,
    Pause,
    Resume,
    ShowLeaderboard,
)
from clarity.core.board import Tile
from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, handle_key, key_hints
from clarity.ui.board_view import BoardView
from clarity.ui.choices import Choice
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.host_view.answer_tiles import AnswerTiles, style_of, truth_style
from clarity.ui.host_view.chart import AnswersChart, Bar
from clarity.ui.host_view.hosting import HostedScene, Hosting, address_of, spaced_pin
from clarity.ui.host_view.teacher_card import TeacherCard
from clarity.ui.host_view.texts import Texts
from clarity.ui.keys import Digit, Letter

if TYPE_CHECKING:
    from clarity.classroom.views import ProjectorView
    from clarity.ui.app import App

#: Of the width, the board's column: at least this, and up to BOARD_MOST_SHARE when the
#: window's height gives the picture the room (a 4:3 projector's landscape picture).
BOARD_SHARE = 0.42
BOARD_MOST_SHARE = 0.5
#: Of the room under the prompt, the most a question's own picture takes.
PICTURE_SHARE = 0.45
#: The leaderboard shows this many; the rest are counted.
LEADERBOARD_TOP = 5
#: The refused answers the teacher may choose from (keys 1 to 6).
MOST_REFUSED = 6
SHADE_ALPHA = 190

NEXT = Binding("next", (keys.ENTER, Letter("N")), N_("next"), "Enter / N")
PAUSE = Binding("toggle_pause", (Letter("P"),), N_("pause"))
RESUME = Binding("toggle_pause", (Letter("P"),), N_("resume"))
# Translators: a key hint: T shows the teacher's own page's code (it drives the game)
TEACHER = Binding("teacher", (Letter("T"),), N_("teacher's phone"))
#: While the teacher chooses an answer to accept (A): 1-6 choose, Enter accepts the one
#: chosen (never one Enter did not see chosen), Esc leaves it.
ACCEPTING: tuple[Binding, ...] = (
    Binding("pick_refused", (Digit(1),), N_("choose an answer"), "1–6", (0,)),
    *(
        Binding("pick_refused", (Digit(n),), N_("choose an answer"), args=(n - 1,))
        for n in range(2, MOST_REFUSED + 1)
    ),
    Binding("pick_refused_step", (keys.DOWN,), args=(1,), repeats=True),
    Binding("pick_refused_step", (keys.UP,), args=(-1,), repeats=True),
    Binding("confirm_accept", (keys.ENTER,), N_("accept it")),
    Binding("cancel_accept", (keys.ESCAPE,), N_("cancel")),
)
#: Seconds the line about the leaderboard switched stays up.
SWITCHED_FOR = 5.0
LEADERBOARD = Binding("leaderboard", (Letter("L"),), N_("leaderboard on/off"))
ACCEPT = Binding("accept", (Letter("A"),), N_("accept an answer"))
END = Binding("end", (Letter("E"),), N_("end the game"))
MENU = Binding("menu", (keys.ESCAPE,), N_("menu"))


def clock_text(seconds: float) -> str:
    """Seconds left as a clock shows them: 0:09, 1:30 (rounded up: 0:00 is time up)."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def _still(view: ProjectorView) -> ProjectorView:
    """``view`` without what changes as students answer and the clock runs (drawn each
    frame): two views alike here lay out alike."""
    question = view.question
    if question is not None:
        question = dataclasses.replace(question, seconds_left=None, closes_in=None)
    return dataclasses.replace(
        view, answered=0, guessed_right=0, roster=(), question=question, notice=None, version=0
    )


class HostPlayScene(HostedScene):
    """The play screen of a hosted game (see the module)."""

    name = "host-play"

    def __init__(self, app: App, hosting: Hosting) -> None:
        super().__init__(app, hosting)
        loaded = hosting.loaded
        view = self.view
        mystery = view.mystery_index if view is not None else 0
        rows, cols = (view.rows, view.cols) if view is not None else (1, 1)
        path = None
        if loaded.pack is not None and mystery < len(loaded.pack.rounds):
            path = loaded.images.get(loaded.pack.rounds[mystery].image)
        self.board = BoardView(app.services.assets, path, rows, cols)
        if view is not None:
            shown = set(view.uncovered)
            self.board.sync(
                Tile(r, c) for r in range(rows) for c in range(cols) if (r, c) not in shown
            )
        self.tiles = AnswerTiles()
        self.chart = AnswersChart()
        self._texts = Texts(app.services.assets)
        self._metrics = app.look.metrics(app.options.size)
        self._size = app.options.size
        self._laid: ProjectorView | None = None  # the still view laid out
        self._since = 0.0  # seconds since the view's clock was read
        self._boxes: dict[str, pygame.Rect] = {}
        self._lines: dict[str, tuple[pygame.Rect, int, bool]] = {}  # live lines: box, size, bold
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._backdrop = Backdrop()
        self._paused = Texts(app.services.assets)  # "Paused", over the shaded screen
        self._layer: pygame.Surface | None = None
        self._picture: tuple[pygame.Surface, pygame.Rect] | None = None  # the question's
        self._layer_key: tuple[object, ...] = ()
        self._laid_out = 0  # layouts made: the layer is drawn again after each
        #: after A: the notice before it, until the server's notice about it comes
        self._awaiting_notice: str | bool | None = False
        self._accept_notice: str | None = None  # the server's word on it, under the reveal
        self._chrome = self._metrics  # the top and bottom lines' sizes
        self._counts_under_board = False  # the counts under the board, not along the bottom
        #: each live line as last written: what it was written for, and the text
        self._live: dict[str, tuple[tuple[object, ...], str]] = {}
        #: each live line drawn: what it was drawn for (text, colour, box) and the drawing
        self._live_drawn: dict[str, tuple[tuple[object, ...], pygame.Surface]] = {}
        self._waited = False  # the last frame showed the layer of the layout before
        self.teacher_card = TeacherCard(hosting.link.teacher_url)
        #: the game came paused (a host restarted): the pause line says why
        self._found_paused = view is not None and view.paused
        self._leaderboard_was = view.leaderboard_on if view is not None else None
        #: after A: the refused answers offered (text, count or None), and the one chosen
        self._refused: list[tuple[str, int | None]] | None = None
        self._picked: int | None = None
        self._picked_row: pygame.Rect | None = None
        self._switched: tuple[str, float] | None = None  # the leaderboard's line, seconds left

    # -- reading ------------------------------------------------------------------------

    def seconds_left(self) -> float | None:
        """The class's clock now: the view's, less the time since it came (not while paused)."""
        view = self.view
        if view is None or view.question is None or view.question.seconds_left is None:
            return None
        return max(0.0, view.question.seconds_left - self._since)

    def live_lines(self) -> dict[str, str]:
        """The lines that change as students answer and time runs, by name.

        Each is written again only when what it says changed (a count, the clock's
        second): the language's number formatting is too slow for every frame."""
        view = self.view
        if view is None:
            return {}
        t = self.app.translator
        lines: dict[str, str] = {}
        if view.phase == "question":
            lines["answered"] = self._written(
                "answered",
                (view.answered, view.active),
                lambda: t.ngettext(
                    "{count} of {total} answered",
                    "{count} of {total} answered",
                    view.answered,
                    total=view.active,
                ),
            )
            left = self.seconds_left()
            if left is not None:
                # closes_in None: a student still to answer has no time limit at all, so
                # only their answer (or the teacher's Enter) closes the question
                closes_in = view.question.closes_in
                waiting = left <= 0 and (closes_in is None or closes_in > self._since)
                lines["clock"] = (
                    self._written("waiting", (), lambda: t.gettext("Waiting for extra time"))
                    if waiting
                    else clock_text(left)
                )
        final_guessed = getattr(view, "final_guessed", None)
        if view.phase == "final_guess" and final_guessed is not None:
            lines["answered"] = self._written(
                "final_guessed",
                (final_guessed, view.active),
                lambda: t.ngettext(
                    "{count} of {total} has made the last guess",
                    "{count} of {total} have made the last guess",
                    final_guessed,
                    total=view.active,
                ),
            )
        if view.phase in ("question", "reveal", "leaderboard", "final_guess"):
            lines["guessed"] = self._written(
                "guessed",
                (view.guessed_right,),
                lambda: (
                    t.ngettext(
                        "{count} has guessed the picture",
                        "{count} have guessed the picture",
                        view.guessed_right,
                    )
                    if view.guessed_right
                    else t.gettext("Nobody has guessed the picture yet")
                ),
            )
        return lines

    def _written(self, name: str, values: tuple[object, ...], write: Callable[[], str]) -> str:
        """The live line ``name`` as ``write`` wrote it for ``values`` (kept until they
        change, or the language does: :meth:`layout` forgets them)."""
        kept = self._live.get(name)
        if kept is not None and kept[0] == values:
            return kept[1]
        text = write()
        self._live[name] = (values, text)
        return text

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """Everything drawn, by name (for the layout tests)."""
        boxes = dict(self._texts.boxes) | {k: v.copy() for k, v in self._boxes.items()}
        for name, (box, _size, _bold) in self._lines.items():
            boxes[name] = box.copy()
        boxes["hints"] = self._hints_area.copy()
        # the card covers the screen: what it draws is what is seen
        return self.teacher_card.boxes() or boxes

    def shown_texts(self) -> dict[str, str]:
        return (
            dict(self._texts.words)
            | self._paused.words
            | self.live_lines()
            | self.teacher_card.words()
        )

    def bindings(self) -> tuple[Binding, ...]:
        """The keys now: A only at the reveal of a question with refused answers; while
        one is chosen to accept, the chooser's own."""
        view = self.view
        if self._refused is not None:
            return ACCEPTING
        refused = view is not None and view.result is not None and view.result.refused
        accept = (ACCEPT,) if refused and view.phase == "reveal" else ()
        pause = RESUME if view is not None and view.paused else PAUSE
        return (NEXT, pause, LEADERBOARD, *accept, TEACHER, END, MENU)

    # -- actions ------------------------------------------------------------------------

    def next(self) -> None:
        self.send(Next())

    def toggle_pause(self) -> None:
        """P: pause, or go on when paused (the scene's own ``pause`` is the stack's)."""
        view = self.view
        if view is not None and view.paused:
            self._found_paused = False
        self.send(Resume() if view is not None and view.paused else Pause())

    def teacher(self) -> None:
        self.teacher_card.toggle()
        if self.teacher_card.shown:
            self.teacher_card.layout(
                self.app.services.assets, self._metrics, self._size, self.app.translator
            )

    def leaderboard(self) -> None:
        view = self.view
        self.send(ShowLeaderboard(not (view is not None and view.leaderboard_on)))

    def accept(self) -> None:
        """A: the refused answers, each as given with how many gave it, to choose from;
        nothing is chosen until the teacher picks one (a habitual Enter accepts nothing)."""
        view = self.view
        if view is None or view.result is None or not view.result.refused:
            return
        counts = {line.text: line.count for line in view.result.responses}
        self._refused = [(text, counts.get(text)) for text in view.result.refused[:MOST_REFUSED]]
        self._picked = None
        self.layout(self._size)

    def pick_refused(self, index: int) -> None:
        if self._refused is not None and index < len(self._refused):
            self._picked = index
            self.layout(self._size)

    def pick_refused_step(self, step: int) -> None:
        if not self._refused:
            return
        at = -1 if self._picked is None and step > 0 else self._picked or 0
        self.pick_refused(max(0, min(len(self._refused) - 1, at + step)))

    def confirm_accept(self) -> None:
        """Enter: the answer chosen is accepted (none chosen: nothing)."""
        if self._refused is None or self._picked is None:
            return
        text = self._refused[self._picked][0]
        self.send(AcceptAnswer(text))
        # the server's word on it (saved in the pack, or for this game only)
        self._awaiting_notice = self.view.notice if self.view is not None else None
        self.cancel_accept()

    def cancel_accept(self) -> None:
        self._refused, self._picked = None, None
        self._laid = None
        self.layout(self._size)

    def end(self) -> None:
        t = self.app.translator
        self.app.screens.push(
            "dialog",
            heading=t.gettext("End the game now?"),
            message=t.gettext("The picture is shown whole, with the podium."),
            choices=[
                Choice(
                    t.gettext("End the game"),
                    lambda: self.send(EndGame()),
                    keys=(Letter("E"),),
                    danger=True,
                ),
                Choice(t.gettext("Back"), _stay, key_hint="Esc"),
            ],
            name="host-end",
        )

    def menu(self) -> None:
        """Esc: the game pauses under a menu (Continue, End the game)."""
        view = self.view
        paused_here = view is not None and not view.paused
        if paused_here:
            self.send(Pause())
        t = self.app.translator

        def carry_on() -> None:
            if paused_here:
                self.send(Resume())

        def end() -> None:
            self.send(EndGame())

        self.app.screens.push(
            "dialog",
            heading=t.gettext("Paused"),
            message="",
            choices=[
                Choice(t.gettext("Continue"), carry_on, keys=(Letter("C"),), primary=True),
                Choice(t.gettext("End the game"), end, keys=(Letter("E"),), danger=True),
                Choice(t.gettext("Back"), carry_on, key_hint="Esc"),
            ],
            name="host-menu",
        )

    # -- the scene ----------------------------------------------------------------------

    def view_changed(self) -> None:
        self._since = 0.0
        view = self.view
        assert view is not None
        if not view.paused:
            self._found_paused = False
        if self._refused is not None and (view.phase != "reveal" or view.result is None):
            self._refused, self._picked = None, None  # the reveal went on (the teacher page)
        if self._leaderboard_was is not None and view.leaderboard_on != self._leaderboard_was:
            self._switched_line(view.leaderboard_on)
        self._leaderboard_was = view.leaderboard_on
        if view.phase != "reveal":
            self._accept_notice = None
        elif self._awaiting_notice is not False and view.notice not in (
            None,
            self._awaiting_notice,
        ):
            self._accept_notice = view.notice
            self._awaiting_notice = False
            self._laid = None  # laid out again with it
        hidden = self.board.hidden
        for row, col in view.uncovered:
            tile = Tile(row, col)
            if tile in hidden:
                self.board.uncover(tile)
        if _still(view) != self._laid:
            self.layout(self._size)

    def _switched_line(self, on: bool) -> None:
        """The leaderboard was switched (here, or on the teacher's page): say so."""
        t = self.app.translator
        if on:
            line = t.gettext("Leaderboard on: it follows each answer")
        else:
            line = t.gettext("Leaderboard off: the next question follows the answer")
        self._switched = (line, SWITCHED_FOR)
        self._laid = None  # laid out again with it

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            handle_key(self, self.bindings(), event)

    def update(self, dt: float) -> None:
        view = self.view
        if view is not None and not view.paused:
            self._since += dt
        self.teacher_card.update(dt)
        if self._switched is not None:
            line, left = self._switched
            self._switched = (line, left - dt) if left > dt else None
            if self._switched is None:
                self.layout(self._size)
        self.board.update(dt)
        super().update(dt)

    def layout(self, size: tuple[int, int]) -> None:
        self._size = size
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        palette = self.app.look.palette
        t = self.app.translator
        texts = self._texts = Texts(assets)
        self._paused = Texts(assets)
        self._picture = None
        self._laid_out += 1  # the layer is drawn again
        self._live = {}  # the language may have changed
        self._live_drawn = {}
        self._boxes = {}
        self._picked_row = None
        self._lines = {}
        self.tiles = AnswerTiles()
        self.chart = AnswersChart()
        view = self.view
        self._laid = _still(view) if view is not None else None
        width, height = size
        margin, gap = metrics.margin, metrics.gap
        if self.teacher_card.shown:
            self.teacher_card.layout(assets, metrics, size, t)
        # the top and bottom lines and the key hints (the teacher's, read at the computer)
        # grow less with the text size than the question: at 200 % it needs the height
        chrome = dataclasses.replace(metrics, text_scale=math.sqrt(metrics.text_scale))
        hints = key_hints(self.bindings())
        hints_h = key_hints_height(hints, assets, chrome, width - 2 * margin)
        self._hints_area = pygame.Rect(
            margin, height - hints_h - metrics.px(0.6), width - 2 * margin, hints_h
        )
        top = metrics.px(1.0)
        bar_size = chrome.heading_size
        bar_h = assets.font(bar_size, True).get_linesize()
        status_size = chrome.heading_size
        status_h = assets.font(status_size, True).get_linesize()
        self._chrome = chrome
        status = pygame.Rect(
            margin, self._hints_area.top - gap - status_h, width - 2 * margin, status_h
        )
        # along the top: which question, the clock on the right (drawn live), and between
        # them how to join (or that the leaderboard was switched); a line too long for
        # the room between them goes where the count of answers is when no question is
        # open, else gets a row of its own under them
        question = view.question if view is not None else None
        clock_w = max(
            assets.fitter.width(t.gettext("Waiting for extra time"), metrics.body_size, True),
            assets.fitter.width("00:00", bar_size, True),
        )
        clock_w = min(clock_w, (width - 2 * margin) // 2)
        clocked = view is not None and view.phase == "question" and question is not None
        clocked = clocked and question.time_limit is not None  # type: ignore[union-attr]
        number_text = (
            t.gettext("Question {number} of {total}", number=question.number, total=question.total)
            if question is not None
            else ""
        )
        number_w = min(
            assets.fitter.width(number_text, bar_size, True) if number_text else 0,
            width - 2 * margin - clock_w - gap,
        )
        bar_right = width - margin - (clock_w + gap if clocked else 0)
        middle = pygame.Rect(
            margin + number_w + 2 * gap, top, bar_right - margin - number_w - 3 * gap, bar_h
        )
        bar_line = self._bar_line()
        row_h = 0
        crowded = bar_line is not None and (
            assets.fitter.width(bar_line[1], chrome.small_size, bar_line[3]) > middle.width
        )
        if crowded and view is not None and view.phase == "question":
            row_h = assets.font(chrome.small_size, bar_line[3]).get_linesize()  # type: ignore[index]
            middle = pygame.Rect(margin, top + bar_h, width - 2 * margin, row_h)
            crowded = False
        content = pygame.Rect(
            margin,
            top + bar_h + row_h + gap,
            width - 2 * margin,
            status.top - gap - top - bar_h - row_h - gap,
        )
        # larger text needs the width: the board gives it (as the class results' picture);
        # the picture is what the class looks at from the back: as wide as its height
        # allows, up to half the width (the question keeps the other half; larger text
        # keeps more of it)
        least = round(content.width * BOARD_SHARE / math.sqrt(metrics.text_scale))
        most = max(least, round(content.width * BOARD_MOST_SHARE / metrics.text_scale))
        board_w = max(least, min(most, round(content.height * self.board.aspect)))
        board_area = pygame.Rect(content.x, content.y, board_w, content.height)
        self._boxes["board"] = self.board.fit(board_area, metrics)
        # a picture wider than its room is tall leaves room under it: the counts go there,
        # and the question's side takes the bottom line's height too
        guessed_h = assets.font(chrome.body_size).get_linesize()
        under_board = (
            content.bottom - self._boxes["board"].bottom - gap >= status_h + gap + guessed_h
        )
        self._counts_under_board = under_board
        if under_board:
            content.height = status.bottom - content.y
        right = pygame.Rect(
            board_area.right + 2 * gap,
            content.y,
            content.right - board_area.right - 2 * gap,
            content.height,
        )
        if view is None:
            texts.place(
                "waiting",
                t.gettext("Connecting to the game…"),
                (metrics.heading_size, metrics.body_size),
                palette.text_muted,
                right,
            )
            return
        if question is not None:
            texts.place(
                "number",
                number_text,
                (bar_size, metrics.small_size),
                palette.accent,
                pygame.Rect(margin, top, content.width - clock_w - gap, bar_h),
                bold=True,
                middle=True,
            )
        if clocked:
            clock = pygame.Rect(width - margin - clock_w, top, clock_w, bar_h)
            self._lines["clock"] = (clock, bar_size, True)
        # along the bottom: how many answered (left) and guessed the picture (right)
        half = (status.width - gap) // 2
        answered = pygame.Rect(status.x, status.y, half, status.height)
        guessed = pygame.Rect(status.right - half, status.y, half, status.height)
        if under_board:
            board = self._boxes["board"]
            answered = pygame.Rect(board_area.x, board.bottom + gap, board_area.width, status_h)
            # without a question open, no count of answers: the guesses' line goes first
            below = answered.bottom + gap if view.phase == "question" else answered.top
            guessed = pygame.Rect(board_area.x, below, board_area.width, guessed_h)
        if view.phase == "question":
            self._lines["answered"] = (answered, status_size, True)
        self._lines["guessed"] = (guessed, chrome.body_size, False)
        if crowded:
            # no count of answers now: its place (under the guesses' line, under the board)
            middle = (
                pygame.Rect(board_area.x, guessed.bottom + gap, board_area.width, status_h)
                if under_board
                else answered
            )
        if bar_line is not None:
            name, line, colour, bold = bar_line
            texts.place(
                name,
                line,
                (chrome.body_size, chrome.tiny_size),
                colour,
                middle,
                bold=bold,
                align="left" if crowded else "right",
                middle=True,
            )
        if self._refused is not None:
            self._layout_accepting(texts, right)
        elif view.phase == "question" and question is not None:
            self._layout_question(texts, right)
        elif view.phase == "reveal" and question is not None and view.result is not None:
            self._layout_reveal(texts, right)
        elif view.phase == "leaderboard":
            self._layout_leaderboard(texts, right)
        elif view.phase == "final_guess":
            self._layout_final_guess(texts, right)
        if view.paused:
            whole = pygame.Rect(0, 0, width, height).inflate(-2 * margin, -2 * margin)
            whole.height = self._hints_area.top - gap - whole.top
            paused_h = assets.font(metrics.title_size, True).get_linesize()
            why_h = 2 * assets.font(metrics.heading_size).get_linesize()
            said = self._paused.place(
                "paused",
                t.gettext("Paused"),
                (metrics.title_size, metrics.heading_size),
                palette.accent,
                pygame.Rect(whole.x, whole.centery - paused_h, whole.width, paused_h),
                bold=True,
                align="centre",
                middle=True,
            )
            if self._found_paused:
                why = t.gettext("The game is back where it stopped: P to go on")
            else:
                why = t.gettext("P to go on")
            self._paused.place(
                "paused_why",
                why,
                (metrics.heading_size, metrics.body_size),
                palette.text,
                pygame.Rect(whole.x, said.bottom + gap, whole.width, why_h),
                align="centre",
            )

    def _bar_line(self) -> tuple[str, str, tuple[int, int, int], bool] | None:
        """The line along the top (its name, text, colour and boldness): for a few seconds
        that the leaderboard was switched, else how to join (late joiners are let in)."""
        view = self.view
        if view is None:
            return None
        t = self.app.translator
        palette = self.app.look.palette
        if self._switched is not None:
            return ("switched", self._switched[0], palette.accent, True)
        if view.phase not in ("question", "reveal", "leaderboard", "final_guess"):
            return None
        line = t.gettext(
            # Translators: along the top of the projector during the game, for late joiners
            "Join at {address}  PIN {pin}",
            address=address_of(self.hosting.link.students_url),
            pin=spaced_pin(self.hosting.link.pin),
        )
        return ("join", line, palette.text_muted, False)

    def _layout_accepting(self, texts: Texts, area: pygame.Rect) -> None:
        """The refused answers as given, each with its key (1-6) and how many gave it;
        the one chosen marked, with the line that says what Enter will do."""
        metrics = self._metrics
        t = self.app.translator
        palette = self.app.look.palette
        assets = texts.assets
        refused = self._refused or []
        heading_h = 2 * assets.font(metrics.heading_size, True).get_linesize()
        heading = texts.place(
            "accept_heading",
            t.gettext("Accept which answer?"),
            (metrics.heading_size, metrics.body_size),
            palette.accent,
            pygame.Rect(area.x, area.y, area.width, heading_h),
            bold=True,
        )
        if self._picked is None:
            line = t.gettext("Choose the answer with its number (1–6); Esc leaves it.")
        else:
            line = t.gettext(
                "Enter: everybody who gave “{answer}” scores it as right, and it is added "
                "to the accepted answers in the pack's file.",
                answer=refused[self._picked][0],
            )
        # the line under the answers at the body's size when the rows leave it the room
        y = heading.bottom + metrics.gap
        for line_size in (metrics.body_size, metrics.small_size, metrics.tiny_size):
            line_h = texts.height(line, line_size, area.width)
            least = len(refused) * (assets.font(metrics.small_size, True).get_linesize())
            if y + least + 2 * metrics.gap + line_h <= area.bottom:
                break
        room = area.bottom - y - 2 * metrics.gap - line_h
        row_gap = metrics.px(0.5)
        row_h = assets.font(metrics.heading_size, True).get_linesize() + metrics.px(1.0)
        row_h = max(1, min(row_h, room // max(1, len(refused)) - row_gap))
        key_w = assets.fitter.width("6", metrics.heading_size, True) + 2 * metrics.gap
        for number, (text, count) in enumerate(refused, start=1):
            row = pygame.Rect(area.x, y, area.width, row_h)
            if number - 1 == self._picked:
                self._picked_row = row.copy()
            texts.place(
                f"refused_{number}_key",
                t.number(number),
                (metrics.heading_size, metrics.tiny_size),
                palette.accent,
                pygame.Rect(row.x + metrics.gap, row.y, key_w, row_h),
                bold=True,
                middle=True,
            )
            given = (
                t.ngettext("{count} student", "{count} students", count)
                if count is not None
                else ""
            )
            given_w = assets.fitter.width(given, metrics.body_size) if given else 0
            # the student's text as they typed it: its case is what the pack will accept
            texts.place(
                f"refused_{number}",
                text,
                (metrics.heading_size, metrics.small_size),
                palette.text,
                pygame.Rect(
                    row.x + metrics.gap + key_w,
                    row.y,
                    row.width - 3 * metrics.gap - key_w - given_w,
                    row_h,
                ),
                bold=True,
                middle=True,
                or_line=True,
            )
            if given:
                texts.place(
                    f"refused_{number}_count",
                    given,
                    (metrics.body_size, metrics.tiny_size),
                    palette.text_muted,
                    pygame.Rect(row.right - metrics.gap - given_w, row.y, given_w, row_h),
                    middle=True,
                    align="right",
                )
            y += row_h + row_gap
        texts.place(
            "accept_confirm",
            line,
            (line_size, line_size),
            palette.text if self._picked is not None else palette.text_muted,
            pygame.Rect(area.x, y + metrics.gap, area.width, max(1, area.bottom - y - metrics.gap)),
        )

    def _prompt(self, texts: Texts, area: pygame.Rect, share: float, least: int) -> pygame.Rect:
        """The prompt at the top of ``area``, as large as fits ``share`` of its height
        (down to ``least``); a prompt too long for that takes what it needs, up to the
        height less ``share``'s rest for what follows."""
        metrics = self._metrics
        question = self.view.question  # type: ignore[union-attr]
        fitter = texts.assets.fitter
        largest = max(metrics.heading_size, metrics.px(3.8))
        room = (area.width, round(area.height * share))
        size = fitter.size_for(question.prompt, largest, least, room, bold=True)
        needed = fitter.measure(question.prompt, size, area.width, bold=True)[1]
        height = min(max(room[1], needed), round(area.height * (1 - share / 2)))
        box = pygame.Rect(area.x, area.y, area.width, height)
        return texts.place(
            "prompt", question.prompt, (size, size), self.app.look.palette.text, box, bold=True
        )

    def _layout_question(self, texts: Texts, area: pygame.Rect) -> None:
        metrics = self._metrics
        t = self.app.translator
        look = self.app.look
        question = self.view.question  # type: ignore[union-attr]
        prompt = self._prompt(texts, area, 0.4, metrics.small_size)
        rest = pygame.Rect(
            area.x,
            prompt.bottom + 2 * metrics.gap,
            area.width,
            area.bottom - prompt.bottom - 2 * metrics.gap,
        )
        rest = self._question_picture(question.image, rest)
        if question.kind == "choice":
            answers = [(style_of(look, c.letter), c.text) for c in question.choices]
        elif question.kind == "truefalse":
            answers = [
                (truth_style(look, True), t.gettext("True")),
                (truth_style(look, False), t.gettext("False")),
            ]
        else:
            texts.place(
                "type_it",
                t.gettext("Type your answer on your device"),
                (metrics.heading_size, metrics.body_size),
                look.palette.text_muted,
                rest,
                align="centre",
            )
            return
        sizes = (max(metrics.heading_size, metrics.px(3.4)), metrics.tiny_size)
        self.tiles.layout(texts, metrics, rest, answers, sizes)

    def _question_picture(self, image: str | None, area: pygame.Rect) -> pygame.Rect:
        """The question's own picture at the top of ``area`` (at most :data:`PICTURE_SHARE`
        of its height, its shape kept); returns the room left under it."""
        path = self.hosting.loaded.images.get(image) if image else None
        if path is None:
            return area
        assets = self.app.services.assets
        try:
            width, height = assets.image_size(path)
        except (pygame.error, FileNotFoundError):
            return area
        room_h = round(area.height * PICTURE_SHARE)
        scale = min(area.width / max(1, width), room_h / max(1, height))
        shown = (max(1, round(width * scale)), max(1, round(height * scale)))
        rect = pygame.Rect((0, 0), shown)
        rect.midtop = area.midtop
        try:
            self._picture = (assets.scaled(path, shown), rect)
        except (pygame.error, FileNotFoundError):
            return area
        self._boxes["question_picture"] = rect.copy()
        gap = self._metrics.gap
        return pygame.Rect(area.x, rect.bottom + gap, area.width, area.bottom - rect.bottom - gap)

    def _bars(self) -> list[Bar]:
        view = self.view
        assert view is not None
        assert view.question is not None
        assert view.result is not None
        t = self.app.translator
        look = self.app.look
        result, question = view.result, view.question
        if question.kind == "choice":
            return [
                Bar(
                    choice.text, count, index in result.right_choices, style_of(look, choice.letter)
                )
                for index, (choice, count) in enumerate(
                    zip(question.choices, result.choice_counts, strict=False)
                )
            ]
        if question.kind == "truefalse":
            false, true = result.truth_counts
            return [
                Bar(t.gettext("True"), true, result.right_truth is True, truth_style(look, True)),
                Bar(
                    t.gettext("False"), false, result.right_truth is False, truth_style(look, False)
                ),
            ]
        return [Bar(line.text, line.count, line.right) for line in result.responses[:6]]

    def _layout_reveal(self, texts: Texts, area: pygame.Rect) -> None:
        """The prompt, the class's answers as bars, the right answer, its explanation and
        the tile's line, each measured first: when they do not all fit at their sizes, the
        prompt and the answer get smaller, then the prompt goes, then the explanation, and
        the bars take what is left (at least a line each)."""
        metrics = self._metrics
        t = self.app.translator
        palette = self.app.look.palette
        view = self.view
        assert view is not None
        assert view.result is not None
        assert view.question is not None
        result = view.result
        fitter = texts.assets.fitter
        gap = metrics.gap
        width = area.width
        answer = t.gettext("Right answer: {answer}", answer=result.right_answer)
        if result.tile_uncovered:
            line = t.ngettext(
                "{count} of {answered} right: a tile is uncovered",
                "{count} of {answered} right: a tile is uncovered",
                result.right,
                answered=result.answered,
            )
        else:
            line = t.ngettext(
                "{count} of {answered} right: not enough for a tile",
                "{count} of {answered} right: not enough for a tile",
                result.right,
                answered=result.answered,
            )
        bars = self._bars()
        # the right answer's label is bold, and a bold line may be the taller
        bar_least = texts.assets.font(metrics.small_size, True).get_linesize()
        bar_least = max(bar_least, texts.assets.font(metrics.small_size).get_linesize())
        bar_least += 2 * metrics.px(0.8)
        chart_least = len(bars) * bar_least + (len(bars) - 1) * metrics.px(0.8)
        prompt = view.question.prompt
        explain = result.explain or ""
        told = self._accept_notice or ""  # what came of the teacher's A

        measured: dict[tuple[str, int, bool], int] = {}  # the plans share many

        def height(text: str, size: int, *, bold: bool = False) -> int:
            if not text:
                return 0
            key = (text, size, bold)
            if key not in measured:
                measured[key] = fitter.measure(text, size, width, bold=bold)[1]
            return measured[key]

        # the class has read the prompt: it gets smaller, then goes, before the
        # explanation, which is what the reveal is for: it stays at the body's size (read
        # from the back of the room) until the prompt has gone
        body, small, tiny = metrics.body_size, metrics.small_size, metrics.tiny_size
        plans = (  # prompt, right answer, explanation, the tile's line
            (max(body, metrics.heading_size), metrics.heading_size, body, body),
            (body, metrics.heading_size, body, body),
            (small, body, body, small),
            (0, body, body, small),
            (0, small, small, small),
            (0, small, tiny, tiny),
            (0, small, 0, tiny),
        )
        for prompt_size, answer_size, explain_size, line_size in plans:
            heights = [
                height(prompt, prompt_size, bold=True) if prompt_size else 0,
                height(answer, answer_size, bold=True),
                height(explain, explain_size) if explain_size else 0,
                height(line, line_size, bold=True),
                height(told, line_size),
            ]
            # a gap under the prompt, under the chart and between the lines under it
            used = sum(heights) + gap * sum(1 for h in heights if h)
            if used + chart_least <= area.height:
                break
        prompt_h, answer_h, explain_h, line_h, told_h = heights
        placed = pygame.Rect(area.x, area.y - gap, width, 0)
        if prompt_h:
            placed = texts.place(
                "prompt",
                prompt,
                (prompt_size, prompt_size),
                palette.text,
                pygame.Rect(area.x, area.y, width, prompt_h),
                bold=True,
            )
        below = used - prompt_h - (gap if prompt_h else 0)  # the lines under the chart
        chart_h = max(1, area.bottom - (placed.bottom + gap) - below)
        self.chart.layout(
            texts,
            metrics,
            pygame.Rect(area.x, placed.bottom + gap, width, chart_h),
            bars,
            # the pack's answers stay readable (a long one is cut: the tiles showed it
            # whole); True and False are the interface's, whole at any size
            sizes=(
                metrics.heading_size,
                metrics.tiny_size if view.question.kind == "truefalse" else metrics.small_size,
            ),
            count_text=t.number,
        )
        y = max((row.bottom for _b, row, _r in self.chart.rows), default=placed.bottom) + gap
        for name, text, size, colour, h, bold in (
            ("right_answer", answer, answer_size, palette.right, answer_h, True),
            ("explain", explain, explain_size, palette.text, explain_h, False),
            (
                "tile",
                line,
                line_size,
                palette.accent if result.tile_uncovered else palette.text_muted,
                line_h,
                True,
            ),
            ("accept_notice", told, line_size, palette.text_muted, told_h, False),
        ):
            if not h:
                continue
            texts.place(
                name, text, (size, size), colour, pygame.Rect(area.x, y, width, h), bold=bold
            )
            y += h + gap

    def _layout_leaderboard(self, texts: Texts, area: pygame.Rect) -> None:
        metrics = self._metrics
        t = self.app.translator
        palette = self.app.look.palette
        view = self.view
        assert view is not None
        assets = texts.assets
        heading_h = assets.font(metrics.heading_size, True).get_linesize()
        heading = texts.place(
            "heading",
            t.gettext("Leaderboard"),
            (max(metrics.heading_size, metrics.px(4.2)), metrics.body_size),
            palette.accent,
            pygame.Rect(area.x, area.y, area.width, 2 * heading_h),
            bold=True,
        )
        top = view.standings[:LEADERBOARD_TOP]
        more = len(view.standings) - len(top)
        lines = len(top) + (1 if more else 0)
        y = heading.bottom + metrics.gap
        row_h = min(metrics.px(7.5), (area.bottom - y) // max(1, lines))
        size = assets.fitter.size_for(
            [line.name for line in top] or [""],
            max(metrics.heading_size, metrics.px(3.6)),
            metrics.small_size,
            (area.width * 2 // 3, row_h),
            bold=True,
        )
        places = [t.gettext("{place}.", place=line.place) for line in top]
        place_w = max((assets.fitter.width(p, size, True) for p in places), default=0)
        place_w += metrics.gap
        for number, (line, place) in enumerate(zip(top, places, strict=True), start=1):
            row = pygame.Rect(area.x, y, area.width, row_h)
            texts.place(
                f"standing_{number}_place",
                place,
                (size, size),
                palette.accent,
                pygame.Rect(row.x + metrics.gap, row.y, place_w, row_h),
                bold=True,
                middle=True,
            )
            score = t.number(line.score)
            score_w = assets.fitter.width(score, size, True)
            # a student's name: smaller where the score leaves it too little room, else cut
            texts.place(
                f"standing_{number}",
                line.name,
                (size, min(size, metrics.small_size)),
                palette.text,
                pygame.Rect(
                    row.x + 2 * metrics.gap + place_w,
                    row.y,
                    row.width - 4 * metrics.gap - place_w - score_w,
                    row_h,
                ),
                bold=True,
                middle=True,
                or_line=True,
            )
            texts.place(
                f"standing_{number}_score",
                score,
                (size, size),
                palette.text,
                pygame.Rect(row.right - metrics.gap - score_w, row.y, score_w, row_h),
                bold=True,
                middle=True,
                align="right",
            )
            y += row_h
        if more:
            texts.place(
                "more",
                t.ngettext("and {count} more", "and {count} more", more),
                (metrics.body_size, metrics.small_size),
                palette.text_muted,
                pygame.Rect(area.x, y, area.width, max(1, area.bottom - y)),
            )

    def _layout_final_guess(self, texts: Texts, area: pygame.Rect) -> None:
        metrics = self._metrics
        t = self.app.translator
        palette = self.app.look.palette
        heading_h = round(area.height * 0.45)
        heading = texts.place(
            "heading",
            t.gettext("Last chance: guess the picture!"),
            (max(metrics.heading_size, metrics.px(4.6)), metrics.small_size),
            palette.accent,
            pygame.Rect(area.x, area.y, area.width, heading_h),
            bold=True,
        )
        texts.place(
            "final_help",
            t.gettext(
                "The questions are over. Everybody may guess once more, on their device; "
                "a wrong guess costs nothing now."
            ),
            (metrics.body_size, metrics.tiny_size),
            palette.text,
            pygame.Rect(
                area.x,
                heading.bottom + metrics.gap,
                area.width,
                max(1, area.bottom - heading.bottom - metrics.gap),
            ),
        )

    def draw(self, surface: pygame.Surface) -> None:
        """What changes only with the layout is drawn once into a layer (the backdrop,
        the answers, the texts, the hints), so a frame is that layer, the board and the
        lines that move (the clock, the counts); paused, the whole frame stands still.

        The frame that laid out a new question or reveal has done much already: it shows
        the layer as it was (one frame, a sixtieth of a second, of the last screen) and the
        next frame draws the layer again, so that no frame does both."""
        view = self.view
        paused = view is not None and view.paused
        key: tuple[object, ...] = (self._laid_out, paused)
        if paused:
            key += (self.board.version, tuple(self.live_lines().items()))
        size = surface.get_size()
        stale = self._layer is None or self._layer_key != key or self._layer.get_size() != size
        if stale and not self._waited and self._layer is not None and not paused:
            self._waited = True  # drawn again next frame
        elif stale:
            self._waited = False
            if self._layer is None or self._layer.get_size() != size:
                self._layer = pygame.Surface(size).convert()
            self._compose_into(self._layer, paused)
            self._layer_key = key
        assert self._layer is not None
        surface.blit(self._layer, (0, 0))
        if not paused:
            self.board.draw(surface)
            self.board.draw_flips(surface)
            self._draw_live(surface)
        self.teacher_card.draw(surface, self.app.services.assets, self._metrics)

    def _compose_into(self, layer: pygame.Surface, paused: bool) -> None:
        """The parts that change only with the layout, drawn over all of ``layer``."""
        assets = self.app.services.assets
        metrics = self._metrics
        palette = self.app.look.palette
        size = layer.get_size()
        self._backdrop.draw(layer, palette)
        if self._picture is not None:
            layer.blit(*self._picture)
        self.tiles.draw(layer, assets, metrics)
        self.chart.draw(layer, assets, metrics)
        picked = self._picked_row
        if picked is not None:
            pygame.draw.rect(layer, palette.panel, picked, border_radius=metrics.radius)
            pygame.draw.rect(
                layer,
                palette.accent,
                picked,
                width=max(2, metrics.px(0.35)),
                border_radius=metrics.radius,
            )
        self._texts.draw(layer)
        hints = key_hints(self.bindings())
        if paused:
            self.board.draw(layer)
            self._draw_live(layer)
            shade = pygame.Surface(size, pygame.SRCALPHA)
            shade.fill((*palette.background, SHADE_ALPHA))
            layer.blit(shade, (0, 0))
            self._paused.draw(layer)
        # over the shade when paused: P resumes, and the hint says so
        draw_key_hints(layer, hints, assets, self._chrome, self._hints_area)

    def _draw_live(self, surface: pygame.Surface) -> None:
        assets = self.app.services.assets
        palette = self.app.look.palette
        lines = self.live_lines()
        for name, (box, size, bold) in self._lines.items():
            text = lines.get(name)
            if not text:
                continue
            colour = palette.text
            if name == "clock":
                left = self.seconds_left()
                colour = palette.wrong if left is not None and left <= 5 else palette.accent
            elif name == "guessed":
                colour = palette.text_muted
            drawn_for = (text, colour, size, box.size, bold)
            cached = self._live_drawn.get(name)
            if cached is not None and cached[0] == drawn_for:
                rendered = cached[1]
            else:
                rendered = assets.fit_text(
                    text, size, self._chrome.small_size, colour, box.size, bold=bold
                )
                self._live_drawn[name] = (drawn_for, rendered)
            shown = rendered.get_rect()
            shown.width, shown.height = min(shown.width, box.width), min(shown.height, box.height)
            shown.centery = box.centery
            if name == "clock" or (name == "guessed" and not self._counts_under_board):
                shown.right = box.right
            else:
                shown.left = box.left
            surface.blit(rendered, shown, pygame.Rect(0, 0, *shown.size))


def _stay() -> None:
    """Back from a dialog: the game goes on as it was."""
