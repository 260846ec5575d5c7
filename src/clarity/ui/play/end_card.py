"""The card once the round is over: how the guess went, what the picture was, its caption."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from clarity.core.class_round import ClassRound
from clarity.i18n import Translator
from clarity.ui.assets import Assets
from clarity.ui.play.card_layout import CardLayout
from clarity.ui.play.card_plan import text_height
from clarity.ui.play.guess_card import quoted
from clarity.ui.widgets import TextBlock


def layout_end(
    out: CardLayout,
    assets: Assets,
    round_: ClassRound,
    t: Translator,
    team_name: Callable[[int], str] | None = None,
) -> None:
    """The verdict on the last guess, the answer large, the caption, and how to go on
    (the interface's words in ``t``'s language; the answer and caption are the pack's).

    ``team_name(i)`` names contestant ``i`` in a class game: the heading says which team
    guessed it (a class game's wrong guesses were other teams', so they go unsaid)."""
    metrics = out.metrics
    inner = out.inner
    gap = metrics.gap
    if team_name is None:
        guesses = round_.contestants[0].guesses
        guess = guesses[-1] if guesses else None
    elif round_.guessed_by is not None:
        guess = round_.contestants[round_.guessed_by].guesses[-1]
    else:
        guess = None
    mystery = round_.mystery

    def place(name: str, words: str, surface: pygame.Surface, box: pygame.Rect) -> int:
        """Place a text; returns the bottom of the text as rendered (which may be taller
        than planned: what follows then goes under it)."""
        block = TextBlock(surface, surface.get_rect(topleft=box.topleft), words, box)
        return out.add_text(name, block).rect.bottom

    hint_words = t.gettext("Enter: see the results")
    palette = assets.look.palette
    hint_room = (inner.width, 2 * assets.font(metrics.body_size).get_linesize())
    hint = assets.fit_text(
        hint_words, metrics.body_size, metrics.small_size, palette.text_muted, hint_room
    )
    hint_rect = hint.get_rect(bottomleft=inner.bottomleft)
    top = out.top
    bottom = hint_rect.top - gap
    room = bottom - top

    if guess is not None and guess.right and team_name is not None:
        # Translators: the end of a class game: {team} is the name of the team that guessed
        heading = t.gettext("{team} guessed it!", team=team_name(guess.contestant))
        colour = palette.right
    elif guess is not None and guess.right:
        heading, colour = t.gettext("You guessed it!"), palette.right
    elif guess is not None:
        # Translators: {guess} is the player's last guess, already in quotation marks
        heading = t.gettext("{guess} was not it. It was…", guess=quoted(t, guess.guess))
        colour = palette.accent
    else:
        heading, colour = t.gettext("The mystery image was…"), palette.accent
    # a share of the card each, never more than the text needs at its largest (a card laid
    # out taller to scroll gives the extra room to the caption), nor less than at its least
    least = text_height(assets, heading, metrics.body_size, inner.width, bold=True)
    most = text_height(assets, heading, metrics.heading_size, inner.width, bold=True)
    box = pygame.Rect(inner.x, top, inner.width, max(min(room // 4, most), least))
    surface = assets.fit_text(
        heading, metrics.heading_size, metrics.body_size, colour, box.size, bold=True
    )
    y = place("end_heading", heading, surface, box)
    least = text_height(assets, mystery.answer, metrics.heading_size, inner.width, bold=True)
    most = text_height(assets, mystery.answer, metrics.title_size, inner.width, bold=True)
    box = pygame.Rect(inner.x, y + gap, inner.width, max(min(room // 3, most), least))
    surface = assets.fit_text(
        mystery.answer, metrics.title_size, metrics.heading_size, palette.text, box.size, bold=True
    )
    y = place("end_answer", mystery.answer, surface, box)
    if mystery.caption:
        least = text_height(assets, mystery.caption, metrics.small_size, inner.width)
        box = pygame.Rect(inner.x, y + gap, inner.width, max(bottom - y - gap, least))
        surface = assets.fit_text(
            mystery.caption, metrics.body_size, metrics.small_size, palette.text, box.size
        )
        y = place("end_caption", mystery.caption, surface, box)
    # the hint at the card's bottom, under everything (on a card that scrolls, after it)
    hint_rect.top = max(hint_rect.top, y + gap)
    out.add_text("end_hint", TextBlock(hint, hint_rect, hint_words))
    out.needed = hint_rect.bottom - top
