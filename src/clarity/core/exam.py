"""A version of an exam (or a worksheet) from a pack: its questions, choices and points.

A version is its seed, as a round is: :func:`exam_version` deals it with the game's own
dealing rules (:func:`clarity.core.class_round.deal_shown` on ``random.Random(seed)``), so
the questions come in the order a round with that seed asks them, each choice question's
choices in the order that round shows them (the author's order for one marked ``shuffle:
false``), and the mystery picture's tiles open in the order that round uncovers them. The
same seed always gives the same version; another seed, as a rule, another order of
questions or of choices (a pack of one question with two choices has only two versions).

The rules of a printed version, for a teacher to read in one place:

- **Questions**: all of the pack's, or ``questions`` of them: the first ``questions`` of
  the dealt order (a draw without repeats), asked in that order; with ``keep_order`` (a
  worksheet that follows the pack) the same draw is printed in the pack's order.
- **Points**: by the question's difficulty, :data:`POINTS_BY_DIFFICULTY` (easy 1, medium 2,
  hard 3: a harder question is worth more, as a teacher marks it); a pack sets no points of
  its own.
- **Letters**: the choices shown are lettered A-F (:data:`CHOICE_LETTERS`; a pack has at
  most six), as the game's keys name them.
- **Tiles shown**: :func:`tiles_shown` of the mystery's grid: a fifth of its tiles, rounded
  half up, at least one and never all.
- **Mysteries**: every round of the pack is a mystery on the sheet, in the pack's order
  (:attr:`ExamVersion.mysteries`), each with the tiles a round of the seed on that picture
  uncovers first; the questions and choices are dealt by the round ``mystery_index``.

Nothing here is worded: a true/false answer is a bool, a letter a Latin capital; the
printed document words them in the pack's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clarity.core.answers import Question
from clarity.core.board import Board, Tile
from clarity.core.class_round import deal_shown
from clarity.core.packs.models import ChoiceQuestion, Difficulty, Pack

#: Points a question is worth on an exam, by its difficulty.
POINTS_BY_DIFFICULTY: Mapping[Difficulty, int] = {
    Difficulty.EASY: 1,
    Difficulty.MEDIUM: 2,
    Difficulty.HARD: 3,
}
#: The letters of the choices as shown, first to sixth (a pack has at most six choices).
CHOICE_LETTERS = "ABCDEF"
#: The share of a mystery's tiles a printed "what is hidden here?" box shows open.
TILES_SHOWN_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class ExamItem:
    """One question of a version as printed.

    ``number`` counts from 1 in the order printed; ``question`` is the question as shown
    (a choice question's ``choices`` in the dealt order) and ``question_index`` its index
    in ``pack.questions``; ``choices`` are the choices shown, lettered in order by
    :data:`CHOICE_LETTERS` (``()`` for any other question) and ``right_letters`` the
    letters of every right one, in letter order; ``points`` is what the question is worth.
    """

    number: int
    question: Question
    question_index: int
    choices: tuple[str, ...]
    right_letters: tuple[str, ...]
    points: int

    @property
    def lettered_choices(self) -> tuple[tuple[str, str], ...]:
        """``(letter, choice)`` for each choice shown: ``(("A", "Mars"), ("B", "Venus"))``."""
        return tuple(zip(CHOICE_LETTERS, self.choices, strict=False))


@dataclass(frozen=True, slots=True)
class ExamMystery:
    """One mystery picture of a version: round ``round_index`` of the pack, with the tiles
    shown open (``open_tiles``, in the order a round of the version's seed on that picture
    uncovers them; rows and columns count from 0)."""

    round_index: int
    open_tiles: tuple[Tile, ...]


@dataclass(frozen=True, slots=True)
class ExamVersion:
    """A version of an exam: its ``seed``, its ``items`` in the order printed, the round
    ``mystery_index`` whose deal ordered them, and ``mysteries``: every round of the pack,
    in the pack's order (``mysteries[i].round_index == i``), each with its open tiles."""

    seed: int
    items: tuple[ExamItem, ...]
    mystery_index: int
    mysteries: tuple[ExamMystery, ...]

    @property
    def open_tiles(self) -> tuple[Tile, ...]:
        """The open tiles of round ``mystery_index``'s picture."""
        return self.mysteries[self.mystery_index].open_tiles

    @property
    def total_points(self) -> int:
        """The points of every item together: full marks."""
        return sum(item.points for item in self.items)


def points_for(question: Question) -> int:
    """What ``question`` is worth on an exam: :data:`POINTS_BY_DIFFICULTY` of its
    difficulty."""
    return POINTS_BY_DIFFICULTY[Difficulty(question.difficulty)]


def tiles_shown(total: int) -> int:
    """How many of ``total`` tiles (2 or more) a printed mystery shows open: a fifth
    (:data:`TILES_SHOWN_SHARE`) rounded half up, at least 1 and at most ``total - 1``.
    Raises ValueError for fewer than two tiles (no grid has them)."""
    if total < 2:
        raise ValueError(f"a mystery has at least two tiles, not {total}")
    share = int(total * TILES_SHOWN_SHARE + 0.5)
    return min(max(share, 1), total - 1)


def exam_version(
    pack: Pack,
    *,
    seed: int,
    questions: int | None = None,
    keep_order: bool = False,
    mystery_index: int = 0,
) -> ExamVersion:
    """The version of ``pack``'s exam that ``seed`` deals (the module's rules).

    ``questions``: how many to print, drawn by the seed; None, or more than the pack has,
    prints all. ``keep_order`` prints the questions drawn in the pack's order (a
    worksheet); otherwise in the dealt order (an exam). ``mystery_index`` names the round
    whose picture and tiles the version shows. Raises ValueError for ``questions`` below
    1 or a ``mystery_index`` the pack has no round for.
    """
    if questions is not None and (isinstance(questions, bool) or questions < 1):
        raise ValueError(f"an exam has at least one question, not {questions!r}")
    if not 0 <= mystery_index < len(pack.rounds):
        raise ValueError(f"pack {pack.id!r} has no round {mystery_index}")
    board, order, shown = deal_shown(pack, mystery_index, seed)
    chosen = order if questions is None else order[:questions]
    if keep_order:
        chosen = tuple(sorted(chosen))
    items = tuple(
        _item(number, index, shown[index]) for number, index in enumerate(chosen, start=1)
    )
    mysteries = tuple(
        ExamMystery(index, _opened(board if index == mystery_index else None, pack, index, seed))
        for index in range(len(pack.rounds))
    )
    return ExamVersion(seed=seed, items=items, mystery_index=mystery_index, mysteries=mysteries)


def _opened(board: Board | None, pack: Pack, index: int, seed: int) -> tuple[Tile, ...]:
    """The first tiles of round ``index`` a round of ``seed`` uncovers (``board``: that
    round's board as dealt, when the caller has it)."""
    if board is None:
        board = deal_shown(pack, index, seed)[0]
    return tuple(board.uncover_next() for _ in range(tiles_shown(board.total)))


def _item(number: int, index: int, question: Question) -> ExamItem:
    choices: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    if isinstance(question, ChoiceQuestion):
        choices = tuple(question.choices)
        right = tuple(CHOICE_LETTERS[i] for i in question.right_indexes)
    return ExamItem(
        number=number,
        question=question,
        question_index=index,
        choices=choices,
        right_letters=right,
        points=points_for(question),
    )
