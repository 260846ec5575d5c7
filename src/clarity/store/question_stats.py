"""The class report's figures, read from every saved answer (read-only): per question how
often it was asked, the share answered right, the average time and the wrong answer chosen
most; per player their rounds, accuracy and the questions they miss most.

A question is known by its pack and its id (``question_id``). The store keeps no prompt, so
the prompt is the installed pack's (the caller's to look up); an answer to a question
without an id (a pack that gives its questions none) cannot be told from the pack's other
questions: it counts for its player, never for a question (:attr:`ClassReport.unidentified`).

Wrong answers are grouped as a teacher reads them: case and spacing aside
(:func:`response_key`), shown as most often typed. A time-out is no answer chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from clarity.store.answer_lines import AnswerLine
from clarity.store.names import name_key

MISSED_SHOWN = 3  # the questions a player misses most, per player


@dataclass(frozen=True)
class QuestionFigures:
    """One question's figures: ``asked`` answers (time-outs included), ``right`` of them,
    ``average_seconds`` on the question's clock, ``top_wrong`` the wrong answer given most
    (as most often written; None when no wrong answer was given) and ``top_wrong_count``."""

    pack_id: str
    question_id: str
    asked: int
    right: int
    average_seconds: float
    top_wrong: str | None
    top_wrong_count: int

    @property
    def share_right(self) -> float:
        """Right answers as a fraction of those asked, 0..1."""
        return self.right / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class PlayerFigures:
    """One player's figures: ``rounds`` (games they answered in), ``answers``, ``right``,
    and ``missed``: (pack id, question id, times missed), most missed first."""

    name: str
    rounds: int
    answers: int
    right: int
    missed: tuple[tuple[str, str, int], ...]

    @property
    def accuracy(self) -> float:
        """Right answers as a fraction of all answers, 0..1."""
        return self.right / self.answers if self.answers else 0.0


@dataclass(frozen=True)
class ClassReport:
    """The figures: ``questions`` hardest first (lowest share right, then most asked, then
    pack and id); ``players`` by name; ``answers`` counted; ``unidentified`` answers to
    questions without an id (counted for players only)."""

    questions: tuple[QuestionFigures, ...]
    players: tuple[PlayerFigures, ...]
    answers: int
    unidentified: int


def response_key(response: str) -> str:
    """A response as the report groups it: case folded, spaces trimmed and runs of
    spaces made one ("  Mars " and "mars" are one answer)."""
    return " ".join(response.split()).casefold()


@dataclass
class _Question:
    asked: int = 0
    right: int = 0
    seconds: float = 0.0
    wrong: Counter[str] = field(default_factory=Counter)
    spellings: dict[str, Counter[str]] = field(default_factory=dict)


@dataclass
class _Player:
    name: str
    games: set[str] = field(default_factory=set)
    answers: int = 0
    right: int = 0
    missed: Counter[tuple[str, str]] = field(default_factory=Counter)


def class_report(
    answers: Iterable[AnswerLine], *, pack_id: str | None = None, player: str | None = None
) -> ClassReport:
    """The figures of ``answers`` (one pass), only the pack ``pack_id`` if given, and only
    the answers of the player named ``player`` (matched as player names are: case and
    spacing aside) if given. Answers of a team count for every member who is a player."""
    wanted = name_key(" ".join(player.split())) if player is not None else None
    questions: dict[tuple[str, str], _Question] = {}
    players: dict[str, _Player] = {}
    counted = unidentified = 0
    for line in answers:
        if pack_id is not None and line.pack_id != pack_id:
            continue
        names = [n for n in line.players if wanted is None or name_key(n) == wanted]
        if wanted is not None and not names:
            continue
        counted += 1
        for name in names:
            figures = players.setdefault(name_key(name), _Player(name))
            figures.games.add(line.game)
            figures.answers += 1
            figures.right += line.right
            if not line.right and line.question_id is not None:
                figures.missed[(line.pack_id, line.question_id)] += 1
        if line.question_id is None:
            unidentified += 1
            continue
        question = questions.setdefault((line.pack_id, line.question_id), _Question())
        question.asked += 1
        question.right += line.right
        question.seconds += line.seconds
        if not line.right and line.response is not None and line.response.strip():
            key = response_key(line.response)
            question.wrong[key] += 1
            question.spellings.setdefault(key, Counter())[line.response.strip()] += 1
    return ClassReport(
        questions=tuple(
            sorted(
                (_question_figures(ids, q) for ids, q in questions.items()),
                key=lambda f: (f.share_right, -f.asked, f.pack_id, f.question_id),
            )
        ),
        players=tuple(
            _player_figures(p) for p in sorted(players.values(), key=lambda p: name_key(p.name))
        ),
        answers=counted,
        unidentified=unidentified,
    )


def _question_figures(ids: tuple[str, str], question: _Question) -> QuestionFigures:
    top_wrong, count = None, 0
    if question.wrong:
        # most chosen; a tie goes to the answer first in alphabetical order (stable output)
        key, count = min(question.wrong.items(), key=lambda item: (-item[1], item[0]))
        spellings = question.spellings[key]
        top_wrong = min(spellings.items(), key=lambda item: (-item[1], item[0]))[0]
    return QuestionFigures(
        pack_id=ids[0],
        question_id=ids[1],
        asked=question.asked,
        right=question.right,
        average_seconds=question.seconds / question.asked,
        top_wrong=top_wrong,
        top_wrong_count=count,
    )


def _player_figures(player: _Player) -> PlayerFigures:
    missed = sorted(player.missed.items(), key=lambda item: (-item[1], item[0]))
    return PlayerFigures(
        name=player.name,
        rounds=len(player.games),
        answers=player.answers,
        right=player.right,
        missed=tuple((pack, question, n) for (pack, question), n in missed[:MISSED_SHOWN]),
    )
