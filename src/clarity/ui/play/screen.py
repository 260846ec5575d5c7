"""What both play screens share (one player's round, a class's game): the board and the
question card, their focus and scrolling, and the way from the revealed picture to the
results.

A play screen subclasses :class:`PlayingScreen` and has ``round``, ``board``
(:class:`~clarity.ui.play.board_panel.BoardPanel`), ``card``
(:class:`~clarity.ui.play.card.Card`), ``focus``, ``_metrics`` and the clocks of its
animations (``_ending``: seconds since the round ended, None before; ``_intro``: since the
question came in; ``_verdict_age``: since the last answer), and gives ``stage``,
``feedback``, ``next_question``, ``cancel_guess``, ``pause_game``, ``_submit_guess``,
``_handle_key`` and ``_show_results``: what differs between one player and a class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from clarity.core.class_round import Phase
from clarity.ui.play.stage import Stage
from clarity.ui.scene import Scene

if TYPE_CHECKING:
    from clarity.core.answers import AnswerResult

INTRO_SECONDS = 0.3  # a new question wipes in; its clock starts after that
REVEAL_SECONDS = 1.0  # the wave that uncovers the rest of the picture at the end
#: An answer's verdict stays at least this long: a second press of Enter that was meant
#: for the answer (or a bounce of the key) does not skip "Not quite" and the explanation.
VERDICT_SECONDS = 0.6


class PlayingScreen(Scene):
    """The parts of a play screen that are the same for one player and for a class."""

    round: Any
    board: Any
    card: Any
    focus: Any
    _metrics: Any
    _ending: float | None
    _intro: float
    _verdict_age: float
    _laid_out_frame: int

    # -- what each play screen gives -------------------------------------------------

    @property
    def stage(self) -> Stage:
        raise NotImplementedError

    @property
    def feedback(self) -> AnswerResult | None:
        raise NotImplementedError

    def next_question(self) -> None:
        raise NotImplementedError

    def cancel_guess(self) -> None:
        raise NotImplementedError

    def pause_game(self) -> None:
        raise NotImplementedError

    def _submit_guess(self, text: str) -> None:
        raise NotImplementedError

    def _handle_key(self, event: pygame.event.Event) -> bool:
        raise NotImplementedError

    def _show_results(self) -> None:
        raise NotImplementedError

    # -- shared -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """An animation runs, or a verdict has just come, that takes no answer, Enter or
        guess (Esc still pauses)."""
        return (
            self._ending is not None
            or self.board.view.flipping
            or self._intro < INTRO_SECONDS
            or (self.round.phase is Phase.FEEDBACK and self._verdict_age < VERDICT_SECONDS)
        )

    def to_title(self) -> None:
        # a round or class game interrupted stays saved: the title offers it back
        self.app.screens.reset("title")

    def go_on(self) -> None:
        """Enter: press the button the focus ring is on, else go on from the verdict."""
        if self.focus.ringed is not None:
            self.focus.ringed.press()
        elif self.stage is Stage.ANSWERED:
            self.next_question()

    def move_focus(self, direction: str) -> None:
        """Tab or an arrow: the first press shows the focus ring, the next ones move it."""
        if self.focus.ring:
            getattr(self.focus, direction)()
        self.focus.ring = True
        focused = self.focus.focused
        if focused is not None and focused is not self.board.guess_button:
            self.card.show(focused.rect)  # on a card that scrolls, into view

    def scroll_card(self, direction: int) -> None:
        """PageDown (1) or PageUp (-1): the card's contents a page further, when they scroll."""
        self.card.page(direction)

    def submit_guess(self) -> None:
        if self.focus.ringed is self.card.guess.cancel_button:
            self.cancel_guess()
        else:
            self._submit_guess(self.card.guess.field.text)

    @property
    def _still(self) -> bool:
        """Reduced motion: nothing flies, flips or wipes; points add at once."""
        return self.app.look.reduced_motion

    @property
    def _reveal_seconds(self) -> float:
        """How long the rest of the picture takes to uncover at the end (at once when
        still)."""
        return 0.0 if self._still else REVEAL_SECONDS

    def see_results(self) -> None:
        """Once the whole picture is in view, Enter goes on to the results."""
        ready = self._ending is not None and self._ending >= self._reveal_seconds
        if ready and not self.board.view.flipping:
            self._show_results()

    def _handle_ending_event(self, event: pygame.event.Event) -> None:
        # once the whole picture is in view, Enter or a click goes on to the results
        if event.type == pygame.KEYDOWN:
            self._handle_key(event)
        elif event.type == pygame.MOUSEWHEEL:
            self.card.scroll_by(-event.y * self._metrics.px(6))
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self.see_results()

    def _leave_for_a_while(self) -> None:
        """The window lost the focus or was minimised: the clock must not run unseen, so
        the game pauses (the pause menu is there when the players come back)."""
        if self.app.top is self and self._ending is None:
            self.pause_game()

    def _toast_width(self) -> int:
        return max(self._metrics.px(30), self.board.rect.width)

    def _layout_card(self) -> None:
        """Lay the card out for what the round and the screen show now."""
        if not self.card.placed:
            return  # not laid out yet: layout() comes before the first draw
        stage = self.stage
        # on a card that scrolls, the card brings the right answer and the verdict into view
        laid_out = self.card.layout(stage, self.feedback)
        # focus order: the card's buttons first, then the guess button beside the board
        buttons = list(laid_out.focus)
        if stage in (Stage.ASKING, Stage.ANSWERED):
            buttons.append(self.board.guess_button)
        self.focus.set(buttons, columns=laid_out.columns)
        self._laid_out_frame = self.app.frame
