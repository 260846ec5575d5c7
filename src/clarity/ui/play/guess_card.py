"""The card while a guess at the mystery picture is typed: the question, the field, Guess
and Cancel, and what a right guess earns and a wrong one costs, from the round."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from clarity.core.round import Round
from clarity.i18n import Translator
from clarity.ui.assets import Assets
from clarity.ui.menu_frame import button_width
from clarity.ui.play.card_layout import CardLayout
from clarity.ui.textfit import shorten
from clarity.ui.widgets import TextBlock, TextField, field_limit, main_button, plain_button


class GuessCard:
    """The guess field and its buttons; ``on_guess(text)`` sends the guess; ``guesser()``
    is the contestant who guesses (a class game's team; None: the one player)."""

    def __init__(
        self,
        assets: Assets,
        round_: Round,
        *,
        on_guess: Callable[[str], None],
        on_cancel: Callable[[], None],
        translator: Callable[[], Translator],
        guesser: Callable[[], int] | None = None,
    ) -> None:
        self.assets = assets
        self.round = round_
        #: who guesses now (a class game's team; the one player when None): what a wrong
        #: guess costs depends on their score
        self._guesser = guesser
        self._translator = translator  # the interface's words now (the language may change)
        mystery = round_.mystery
        self.field = TextField(
            on_guess,
            max_length=field_limit(mystery.answer, *mystery.accept),
        )
        self.submit_button = main_button("", lambda: on_guess(self.field.text), "Enter")
        self.cancel_button = plain_button("", on_cancel, "Esc")
        self.translate()

    def translate(self) -> None:
        """The field's and the buttons' words in the interface's language now."""
        t = self._translator()
        self.field.placeholder = t.gettext("Type your guess…")
        self.submit_button.label = t.gettext("Guess")
        self.cancel_button.label = t.gettext("Cancel")

    def layout(self, out: CardLayout, button_h: int, *, can_cancel: bool) -> None:
        """The question on top, the field, the buttons, then the stakes."""
        self.translate()
        t = self._translator()
        metrics = out.metrics
        inner = out.inner
        assets = self.assets
        gap = metrics.gap
        round_ = self.round
        if round_.guess_is_final and round_.board.all_uncovered:
            heading = t.gettext("Every tile is uncovered. Last chance: what is the mystery image?")
        elif round_.guess_is_final:
            heading = t.gettext("No questions left. Last chance: what is the mystery image?")
        else:
            heading = t.gettext("What is the mystery image?")
        field_h = assets.font(metrics.heading_size).get_linesize() + metrics.px(1.2)
        # a third of the card, or what the heading needs at its smallest (large text)
        least = assets.fitter.measure(heading, metrics.body_size, inner.width, bold=True)[1]
        heading_h = max(field_h, (inner.bottom - out.top) // 3, least)
        box = pygame.Rect(inner.x, out.top, inner.width, heading_h)
        surface = assets.fit_text(
            heading,
            metrics.heading_size,
            metrics.body_size,
            assets.look.palette.text,
            box.size,
            bold=True,
        )
        block = out.add_text(
            "guess_heading", TextBlock(surface, surface.get_rect(topleft=box.topleft), heading, box)
        )

        field = self.field
        field.rect = pygame.Rect(inner.x, block.rect.bottom + gap, inner.width, field_h)
        out.boxes["guess_field"] = field.rect.copy()
        out.fields.append(field)
        out.live = lambda surface: self._draw_field(surface, out)
        y = field.rect.bottom + gap
        small_gap = metrics.px(0.9)
        half = (inner.width - small_gap) // 2
        buttons = [self.submit_button, self.cancel_button] if can_cancel else []
        if buttons and all(button_width(b, assets, metrics) <= half for b in buttons):
            self.submit_button.rect = pygame.Rect(inner.x, y, half, button_h)
            self.cancel_button.rect = pygame.Rect(inner.right - half, y, half, button_h)
            out.columns = 2
        else:
            # one under the other, across the card: alone, or when a label needs more than
            # half the card (a longer language at large text)
            for button in buttons or [self.submit_button]:
                button.rect = pygame.Rect(inner.x, y, inner.width, button_h)
                y = button.rect.bottom + small_gap
            out.columns = 1
        out.add_button("guess_submit", self.submit_button)
        out.focus = [self.submit_button]
        if can_cancel:
            out.add_button("guess_cancel", self.cancel_button)
            out.focus.append(self.cancel_button)
        y = max(b.rect.bottom for b in out.focus) + gap

        win, lose = round_.guess_stakes(self._guesser() if self._guesser is not None else 0)
        if lose.penalty:
            words = t.ngettext(
                "A right guess earns {count} point and ends the round. A wrong guess costs "
                "{penalty}, and the round goes on.",
                "A right guess earns {count} points and ends the round. A wrong guess costs "
                "{penalty}, and the round goes on.",
                win.total,
                penalty=lose.penalty,
            )
        else:
            words = t.ngettext(
                "A right guess earns {count} point and ends the round.",
                "A right guess earns {count} points and ends the round.",
                win.total,
            )
        least = assets.fitter.measure(words, metrics.small_size, inner.width)[1]
        box = pygame.Rect(inner.x, y, inner.width, max(inner.bottom - y, least))
        out.needed = box.bottom - out.top
        surface = assets.fit_text(
            words, metrics.body_size, metrics.small_size, assets.look.palette.text_muted, box.size
        )
        out.add_text(
            "guess_info", TextBlock(surface, surface.get_rect(topleft=box.topleft), words, box)
        )

    def _draw_field(self, surface: pygame.Surface, out: CardLayout) -> list[pygame.Rect]:
        """The field with its caret, every frame; returns where it drew."""
        self.field.draw(surface, self.assets, out.metrics)
        return [self.field.rect.copy()]


def quoted(t: Translator, words: str) -> str:
    """A player's ``words`` (shortened to 30 characters) in the quotation marks of ``t``'s
    language: “…” in English, «…» in Russian and Belarusian."""
    # Translators: quotation marks around a player's words; «{words}» in Russian
    return t.gettext("“{words}”", words=shorten(words, 30))
