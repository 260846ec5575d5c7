"""What the projector draws: the game host's state as plain, immutable values.

The host (:class:`clarity.classroom.host.GameHost`) makes a :class:`ProjectorView` whenever
its ``version`` changes; the link carries it to the projector's window (through a queue,
to another thread or process), which only draws it. Every class here is a frozen
dataclass of str, int, float, bool, None and tuples of them: it pickles, compares by value,
and holds no reference to the game. Texts for people are already in the game's language;
the pack's own texts (prompt, choices, answers) are as the pack writes them.

Times are seconds (floats, rounded to a tenth); ``None`` means no time limit.
"""

from __future__ import annotations

from dataclasses import dataclass

PHASES = ("lobby", "question", "reveal", "leaderboard", "final_guess", "ended")
QUESTION_KINDS = ("choice", "truefalse", "typed", "number")


@dataclass(frozen=True, slots=True)
class ChoiceLook:
    """How one answer looks wherever it is shown (projector, students' devices): a letter,
    a colour and a shape, so that a choice is found by any of the three (colour alone
    would fail the colour-blind: WCAG 2.2 success criterion 1.4.1, Use of Color).
    ``colour`` is a name; ``rgb`` is dark enough for white text on it (at least 4.7:1,
    WCAG 2.2 success criterion 1.4.3)."""

    letter: str
    colour: str
    shape: str
    rgb: tuple[int, int, int]


#: The looks of choices 0 to 5 (a pack has at most six choices).
CHOICE_LOOKS: tuple[ChoiceLook, ...] = (
    ChoiceLook("A", "red", "triangle", (196, 30, 58)),
    ChoiceLook("B", "blue", "diamond", (19, 104, 206)),
    ChoiceLook("C", "yellow", "circle", (155, 104, 0)),
    ChoiceLook("D", "green", "square", (34, 128, 10)),
    ChoiceLook("E", "purple", "star", (134, 76, 191)),
    ChoiceLook("F", "teal", "hexagon", (0, 122, 122)),
)


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """One answer of a choice question: its text (the pack's) and its look."""

    text: str
    letter: str
    colour: str
    shape: str


@dataclass(frozen=True, slots=True)
class QuestionView:
    """The question being asked or just revealed.

    ``kind`` is one of :data:`QUESTION_KINDS`; ``choices`` is empty unless it is "choice"
    (true/false is two fixed answers the projector names in the game's language).
    ``seconds_left`` is the class's clock (the question's limit for a student without
    extra time, never below 0); ``closes_in`` is the time until the last student still to
    answer runs out of theirs (extra time): the question stays open while it is above 0.
    Both None without a time limit, and frozen while paused.
    """

    number: int
    total: int
    kind: str
    prompt: str
    image: str | None
    choices: tuple[ChoiceView, ...]
    seconds_left: float | None
    time_limit: float | None
    closes_in: float | None = None


@dataclass(frozen=True, slots=True)
class ResponseLine:
    """A typed answer as the class gave it: ``count`` students, judged ``right``."""

    text: str
    count: int
    right: bool


@dataclass(frozen=True, slots=True)
class QuestionResultView:
    """How the class answered the question just closed (the reveal).

    ``choice_counts[i]``: students who picked choice i (choice questions; else empty);
    ``truth_counts``: (false, true) for true/false (else (0, 0)); ``responses``: typed or
    number answers, most given first; ``right_choices``: the indexes of the right choices;
    ``right_answer``: the right answer as shown (rendered in the game's language);
    ``refused``: typed answers judged wrong that the teacher may accept, most given first;
    ``right_truth``: the right answer of a true/false question (None for other kinds), so
    the projector marks the right bar without reading ``right_answer``'s words (in the
    language the host rendered them in, or the pack's).
    """

    answered: int
    right: int
    choice_counts: tuple[int, ...]
    truth_counts: tuple[int, int]
    responses: tuple[ResponseLine, ...]
    right_choices: tuple[int, ...]
    right_answer: str
    explain: str | None
    tile_uncovered: bool
    refused: tuple[str, ...]
    right_truth: bool | None = None


@dataclass(frozen=True, slots=True)
class RosterLine:
    """A student as the lobby and the teacher see them. ``student`` is their id in the
    game (what :class:`clarity.classroom.commands.RemoveStudent` takes); ``answered`` is
    about the open question; ``score`` is as last revealed (never a hint of an answer)."""

    student: int
    name: str
    connected: bool
    removed: bool
    score: int
    answered: bool


@dataclass(frozen=True, slots=True)
class StandingLine:
    """A student's place: ties share a place (1, 2, 2, 4)."""

    student: int
    name: str
    score: int
    place: int


@dataclass(frozen=True, slots=True)
class ProjectorView:
    """Everything the projector draws at one moment (see the module's docstring).

    ``phase`` is one of :data:`PHASES`; ``uncovered`` lists (row, col) of the tiles shown
    of a ``rows`` x ``cols`` board; ``roster`` every student who joined (the removed
    flagged); ``answered``/``active`` count the open question's answers among the students
    still in the game; ``guessed_right`` how many have guessed the picture (never what);
    ``standings`` every active student by score; ``podium`` at the end every active
    student in places 1 to 3 (ties share a place, so all who tied are on it; at most 10),
    best first (the others are in ``standings``); ``first_guesser`` and
    ``mystery_answer`` only once ended; ``notice`` the last one-line event for the
    teacher ("Anna joined"), in the game's language, None once the game moved on or after
    a few seconds; ``version`` the host's version this view was made at;
    ``final_guessed`` in the final guess how many of the ``active`` students have made
    their last guess or have the picture already (0 in other phases).
    """

    phase: str
    paused: bool
    pin: str
    students_url: str
    pack_id: str
    mystery_index: int
    uncovered: tuple[tuple[int, int], ...]
    rows: int
    cols: int
    roster: tuple[RosterLine, ...]
    question: QuestionView | None
    answered: int
    active: int
    guessed_right: int
    result: QuestionResultView | None
    leaderboard_on: bool
    standings: tuple[StandingLine, ...]
    podium: tuple[StandingLine, ...]
    first_guesser: str | None
    mystery_answer: str | None
    notice: str | None
    version: int
    final_guessed: int = 0
