"""The play screen's keys, declared once: the same rows handle the keys and make the hints.

Each stage of the screen has its table (:func:`play_bindings`); the rows name methods of
:class:`~clarity.ui.scenes.play.PlayScene`. The letters are the ones printed on the
answer buttons and the hints (A–F, T/F, G), matched on any keyboard layout
(:mod:`clarity.ui.keys`); the digits 1–6 work on every layout too.
"""

from __future__ import annotations

from dataclasses import replace

from clarity.core.messages import N_
from clarity.core.packs.models import TrueFalseQuestion, TypedQuestion
from clarity.core.round import Question
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.keys import Digit, Letter
from clarity.ui.play.stage import Stage
from clarity.ui.theme import ANSWER_LETTERS

#: Answer button i: its letter and its digit (the hint is made for the first row).
ANSWER_ROWS: tuple[Binding, ...] = tuple(
    Binding("answer_choice", (Letter(letter), Digit(i + 1)), N_("answer"), args=(i,))
    for i, letter in enumerate(ANSWER_LETTERS)
)
#: True or false: T and F, and A/B and 1/2 like the buttons' letters.
TRUEFALSE_ROWS: tuple[Binding, ...] = (
    Binding(
        "answer_choice",
        (Letter("T"), Letter("A"), Digit(1)),
        N_("answer"),
        cap="T / F",
        args=(0,),
    ),
    Binding("answer_choice", (Letter("F"), Letter("B"), Digit(2)), N_("answer"), args=(1,)),
)
GUESS = Binding("open_guess", (Letter("G"), Letter("G", ctrl=True)), N_("guess the image"), cap="G")
#: While an answer is typed, G types: only Ctrl+G opens the guess.
GUESS_WHILE_TYPING = Binding("open_guess", (Letter("G", ctrl=True),), N_("guess the image"))
PAUSE = Binding("pause_game", (keys.ESCAPE,), N_("pause"))
CANCEL_GUESS = Binding("cancel_guess", (keys.ESCAPE,), N_("cancel"))
SOUND = Binding("app.toggle_sound", (Letter("M"),), N_("sound"))  # the App takes M first
FULL_SCREEN = Binding("app.toggle_fullscreen", (keys.F11,), N_("full screen"))
#: Enter (or Space) presses the button in focus, or goes on from an answer.
GO_ON = Binding("go_on", (keys.ENTER, keys.SPACE), "")
NEXT = Binding("go_on", (keys.ENTER, keys.SPACE), N_("next"), cap="Enter")
SUBMIT_ANSWER = Binding("submit_answer", (keys.ENTER,), N_("answer"))
SUBMIT_GUESS = Binding("submit_guess", (keys.ENTER,), N_("guess"))
SEE_RESULTS = Binding("see_results", (keys.ENTER, keys.SPACE), N_("see the results"), cap="Enter")
#: With read-aloud on: the question again (Ctrl+R while an answer is typed: R types).
READ_AGAIN = Binding("read_question", (Letter("R"),), N_("read again"))
READ_AGAIN_WHILE_TYPING = Binding("read_question", (Letter("R", ctrl=True),), N_("read again"))
#: The focus ring: Tab and the arrows (the first press only shows the ring).
MOVE_ROWS: tuple[Binding, ...] = (
    Binding("move_focus", (keys.TAB,), N_("move"), cap="Tab ↑↓", args=("next",), repeats=True),
    Binding("move_focus", (keys.SHIFT_TAB,), N_("move"), args=("previous",), repeats=True),
    Binding("move_focus", (keys.UP,), N_("move"), args=("up",), repeats=True),
    Binding("move_focus", (keys.DOWN,), N_("move"), args=("down",), repeats=True),
    Binding("move_focus", (keys.LEFT,), N_("move"), args=("left",), repeats=True),
    Binding("move_focus", (keys.RIGHT,), N_("move"), args=("right",), repeats=True),
)
#: In a text field the arrows move the caret: only Tab moves between the buttons.
TAB_ROWS: tuple[Binding, ...] = tuple(
    replace(row, label="")
    for row in MOVE_ROWS
    if keys.TAB in row.keys or keys.SHIFT_TAB in row.keys
)
#: PageDown and PageUp scroll the card while its contents are taller than it (large text,
#: a long question); held, they go on.
CARD_SCROLL: tuple[Binding, ...] = (
    Binding("scroll_card", (keys.PAGE_DOWN,), N_("scroll"), "PgUp PgDn", (1,), repeats=True),
    Binding("scroll_card", (keys.PAGE_UP,), N_("scroll"), args=(-1,), repeats=True),
)
#: What an animation that takes no input lets through: pausing and looking around, and
#: Enter once the whole picture is in view at the end (the round's end counts as busy
#: until the results; see_results itself waits for the picture).
WHILE_BUSY = frozenset(
    {"pause_game", "move_focus", "cancel_guess", "app.toggle_sound", "scroll_card", "see_results"}
)


def play_bindings(
    stage: Stage,
    question: Question | None,
    answers: int,
    *,
    read_aloud: bool = False,
    scrolls: bool = False,
) -> tuple[Binding, ...]:
    """The keys of ``stage`` of ``question``, which has ``answers`` answer buttons, in the
    order of their hints; ``read_aloud``: the key that reads the question again too;
    ``scrolls``: the card's contents scroll, with PageUp and PageDown."""
    rows = _stage_bindings(stage, question, answers)
    if scrolls:
        rows = (*rows, *CARD_SCROLL)
    if not read_aloud or stage is not Stage.ASKING:
        return rows
    again = READ_AGAIN_WHILE_TYPING if isinstance(question, TypedQuestion) else READ_AGAIN
    return (*rows, again)


def _stage_bindings(stage: Stage, question: Question | None, answers: int) -> tuple[Binding, ...]:
    if stage is Stage.OVER:
        return (SEE_RESULTS, FULL_SCREEN)
    if stage is Stage.FINAL_GUESS:
        return (SUBMIT_GUESS, PAUSE, *TAB_ROWS)
    if stage is Stage.GUESSING:
        return (SUBMIT_GUESS, CANCEL_GUESS, *TAB_ROWS)
    common = (GUESS, PAUSE, SOUND)
    if stage is Stage.ANSWERED:
        return (NEXT, *common, *MOVE_ROWS)
    if isinstance(question, TypedQuestion):
        return (SUBMIT_ANSWER, GUESS_WHILE_TYPING, PAUSE, *TAB_ROWS)
    if isinstance(question, TrueFalseQuestion):
        return (*TRUEFALSE_ROWS, *common, *MOVE_ROWS, GO_ON)
    rows = ANSWER_ROWS[: max(1, answers)]
    last = ANSWER_LETTERS[len(rows) - 1]
    first = replace(rows[0], cap=f"A–{last}  1–{len(rows)}")
    return (first, *rows[1:], *MOVE_ROWS, *common, GO_ON)


#: The longest tables, for the height the bottom bar reserves.
LONGEST_BINDINGS: tuple[tuple[Binding, ...], ...] = (
    play_bindings(Stage.ASKING, None, len(ANSWER_LETTERS), read_aloud=True, scrolls=True),
    play_bindings(Stage.GUESSING, None, 0, scrolls=True),
)
