"""The class game's keys, declared once: the same rows handle the keys and make the hints.

The answering team's keys are the solo play screen's (:mod:`clarity.ui.play.controls`: A–F
or 1–6, T/F, Enter, G for the picture, Esc); the teacher's keys are added here. They are
function keys and the digit 0, which no team can have as its buzzer (a letter could be
one), and which type nothing in an answer field: F2 and F3 judge a spoken answer, 0 or F4
lets a steal go or closes a question open to all (the answer is shown: with no time
limit nothing else would), F5 shows the picture once the last guesses are made.
"""

from __future__ import annotations

import pygame

from clarity.core.messages import N_
from clarity.core.packs.models import TypedQuestion
from clarity.core.round import Question
from clarity.ui.bindings import Binding
from clarity.ui.keys import Digit, Key
from clarity.ui.play.controls import (
    CANCEL_GUESS,
    FULL_SCREEN,
    GUESS,
    PAUSE,
    SEE_RESULTS,
    SOUND,
    SUBMIT_GUESS,
    TAB_ROWS,
    play_bindings,
)
from clarity.ui.play.stage import Stage

#: F2 and F3 share one hint ("F2 / F3  right / wrong").
JUDGE_RIGHT = Binding(
    "judge",
    (Key((pygame.K_F2,), "F2"),),
    # Translators: a key hint: the teacher heard a spoken answer and judges it right or wrong
    N_("judge: right / wrong"),
    cap="F2 / F3",
    args=(True,),
)
JUDGE_WRONG = Binding(
    "judge", (Key((pygame.K_F3,), "F3"),), N_("judge: right / wrong"), args=(False,)
)
# Translators: a key hint: the team offered a steal lets it go
PASS = Binding("pass_steal", (Digit(0), Key((pygame.K_F4,), "F4")), N_("pass"), cap="0 / F4")
PASS_WHILE_TYPING = Binding("pass_steal", (Key((pygame.K_F4,), "F4"),), N_("pass"))
# Translators: a key hint: the teacher closes a question nobody buzzed in on and shows its answer
CLOSE = Binding(
    "close_question", (Digit(0), Key((pygame.K_F4,), "F4")), N_("show the answer"), cap="0 / F4"
)
# Translators: a key hint at the last guesses: end them and show the picture to everyone
REVEAL = Binding("reveal", (Key((pygame.K_F5,), "F5"),), N_("show the picture"))
#: Esc while the screen waits for the buzzer of the team that wants to guess.
CANCEL_WAIT = Binding("cancel_guess", CANCEL_GUESS.keys, N_("cancel"))

#: Every row the screen may have beyond the solo screen's: kept from the buzzers.
TEACHER_KEYS: tuple[Binding, ...] = (JUDGE_RIGHT, JUDGE_WRONG, PASS, CLOSE, REVEAL)
#: While a team's pad is pulled out the game waits: only the pause menu opens.
WAITING_FOR_PAD: tuple[Binding, ...] = (PAUSE, SOUND)


def class_bindings(
    stage: Stage,
    question: Question | None,
    answers: int,
    *,
    answering: bool,
    stealing: bool,
    waiting_for_guesser: bool,
    scrolls: bool,
    guessing: bool = False,
    pad_missing: bool = False,
) -> tuple[Binding, ...]:
    """The keys now: ``answering`` a team answers the question (its turn, its buzz or a
    steal: ``stealing``); ``waiting_for_guesser``: "Guess the picture" was pressed and the
    screen waits for a buzzer; ``guessing``: a team types its guess at the last guesses;
    ``scrolls``: the card's contents scroll; ``pad_missing``: a team's pad is pulled out
    and the game waits for it."""
    if pad_missing:
        return WAITING_FOR_PAD
    if stage is Stage.OVER:
        return (SEE_RESULTS, FULL_SCREEN)
    if stage is Stage.FINAL_GUESS and guessing:
        return (SUBMIT_GUESS, CANCEL_GUESS, *TAB_ROWS)
    if stage is Stage.FINAL_GUESS:
        return (REVEAL, PAUSE, SOUND)
    if waiting_for_guesser:
        return (CANCEL_WAIT, SOUND)
    if stage is Stage.GUESSING:
        return play_bindings(stage, question, answers, scrolls=scrolls)
    if stage is Stage.ASKING and not answering:
        # nobody answers yet (buzz in): the buzzers have the floor, and the teacher may
        # close the question (with no time limit, nothing else would)
        return (GUESS, CLOSE, PAUSE, SOUND)
    rows = play_bindings(stage, question, answers, scrolls=scrolls)
    if stage is not Stage.ASKING:
        return rows
    typed = isinstance(question, TypedQuestion)
    # a spoken answer ("B!", or a typed question's answer said aloud) the teacher judges
    extra: tuple[Binding, ...] = (JUDGE_RIGHT, JUDGE_WRONG)
    if stealing:
        extra = (*extra, PASS_WHILE_TYPING if typed else PASS)
    return (*rows[:1], *extra, *rows[1:])


#: The longest table (a steal of a typed question, read aloud, scrolling): the height the
#: hints keep.
CLASS_LONGEST: tuple[Binding, ...] = (
    *play_bindings(Stage.ASKING, None, 6, read_aloud=True, scrolls=True),
    JUDGE_RIGHT,
    JUDGE_WRONG,
    PASS,
)
