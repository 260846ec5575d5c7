"""Which key does what on the play screen, and the key hints along the bottom that say so."""

from __future__ import annotations

import pygame

from clarity.core.packs import TrueFalseQuestion, TypedQuestion
from clarity.core.round import Question
from clarity.ui.hints import KeyHint
from clarity.ui.play.stage import Stage
from clarity.ui.theme import ANSWER_STYLES

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
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
#: keys that go on (Enter, and Space where no text is typed)
GO_ON_KEYS = (*ENTER_KEYS, pygame.K_SPACE)
#: keys that move the focus between buttons
MOVE_KEYS = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT)


def key_hints(stage: Stage, question: Question | None, answers: int) -> tuple[KeyHint, ...]:
    """The hints for ``stage`` of ``question``, which has ``answers`` answer buttons."""
    if stage is Stage.OVER:
        return (("Enter", "see the results"), ("F11", "full screen"))
    if stage is Stage.FINAL_GUESS:
        return (("Enter", "guess"), ("Backspace", "delete"), ("Esc", "pause"))
    if stage is Stage.GUESSING:
        return (("Enter", "guess"), ("Backspace", "delete"), ("Esc", "cancel"))
    common: tuple[KeyHint, ...] = (("G", "guess the image"), ("Esc", "pause"), ("M", "sound"))
    if stage is Stage.ANSWERED:
        return (("Enter", "next"), *common)
    if isinstance(question, TypedQuestion):
        return (("Enter", "answer"), ("Ctrl+G", "guess the image"), ("Esc", "pause"))
    if isinstance(question, TrueFalseQuestion):
        return (("T / F", "true or false"), *common)
    last = ANSWER_STYLES[answers - 1].letter if answers else "A"
    return ((f"A–{last}  1–{answers}", "answer"), ("Tab ↑↓", "move"), *common)


#: the longest sets of hints, for the height the bottom bar reserves
LONGEST_HINTS: tuple[tuple[KeyHint, ...], ...] = (
    (
        ("A–F  1–6", "answer"),
        ("Tab ↑↓", "move"),
        ("G", "guess the image"),
        ("Esc", "pause"),
        ("M", "sound"),
    ),
    (("Enter", "guess"), ("Backspace", "delete"), ("Esc", "cancel")),
)
