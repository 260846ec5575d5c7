"""Answers to a pack's questions: whether one is right, and the right answer as shown.

Shared by every way of playing a round (alone, or as a class of contestants on one
board: :mod:`clarity.core.class_round`), so that a question is judged by one rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clarity.core.board import Tile
from clarity.core.events import AnswerGiven
from clarity.core.matching import matches_any
from clarity.core.messages import Message, message
from clarity.core.number_reading import read_number
from clarity.core.packs.models import (
    ChoiceQuestion,
    NumberQuestion,
    TrueFalseQuestion,
    TypedQuestion,
)

Question = ChoiceQuestion | TrueFalseQuestion | TypedQuestion | NumberQuestion


@dataclass(frozen=True, slots=True)
class AnswerResult:
    event: AnswerGiven
    tile: Tile | None  # the tile this answer uncovered, if it was right
    #: the right answer as the player should see it: the pack's words, with the
    #: interface's around them ("or", "at least") as a Message to render in its language
    right_answer: Message | str
    explain: str | None


def right_answer_text(question: Question) -> Message | str:
    """The right answer of ``question`` for the screen: every right choice joined by "or"
    (any of them counts), a number question's answer with its tolerance or range. The
    pack's own words stay as written (they are in the pack's language); the words around
    them are a :class:`Message` for the interface's language (``str()`` is the English)."""
    if isinstance(question, TrueFalseQuestion):
        return message("True") if question.answer else message("False")
    if isinstance(question, ChoiceQuestion):
        return _any_of(question.right_answers)
    if isinstance(question, NumberQuestion):
        return _shown_number(question)
    return question.answer


def _any_of(answers: Sequence[str]) -> Message | str:
    """``answers`` joined by "or", the pack's words as written."""
    if len(answers) == 1:
        return answers[0]
    return message("{answer} or {other}", answer=answers[0], other=_any_of(answers[1:]))


def _shown_number(question: NumberQuestion) -> Message | str:
    """A number question's right answer, its numbers as the pack writes them: "1000 ± 5",
    "15 (from 10 to 20)", "at least 100", "at most 10" (the rule is the pack model's
    ``shown_answer``; only the words here are the interface's)."""
    low, high = question.min, question.max
    if question.tolerance is not None or (low is None and high is None):
        return question.shown_answer()  # signs and numbers only
    if low is not None and high is not None:
        return message(
            "{answer} (from {low} to {high})", answer=question.answer, low=str(low), high=str(high)
        )
    if low is not None:
        return message("at least {low}", low=str(low))
    return message("at most {high}", high=str(high))


#: The words a true/false answer may be given as (case-folded), besides a bool: the
#: keys T and F and the words on the buttons. The exported web game reads them too.
TRUE_WORDS = frozenset({"true", "t", "yes", "y"})
FALSE_WORDS = frozenset({"false", "f", "no", "n"})


def _parse_truefalse(response: str | bool) -> bool | None:
    if isinstance(response, bool):
        return response
    word = response.strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def is_right(question: Question, response: str | bool, language: str = "en") -> bool:
    """Whether ``response`` answers ``question`` rightly in a pack in ``language`` (a BCP 47
    tag): a typed answer as :mod:`clarity.core.matching` forgives, a number question's as one
    number read by :mod:`clarity.core.number_reading` within its bounds or accepted, a choice
    when it is any of the right choices."""
    if isinstance(question, TrueFalseQuestion):
        return _parse_truefalse(response) == question.answer
    if isinstance(response, bool):
        return False
    if isinstance(question, ChoiceQuestion):
        return response in question.right_answers
    if isinstance(question, NumberQuestion):
        return _number_is_right(question, response, language)
    return matches_any(response, (question.answer, *question.accept), language)


def _number_is_right(question: NumberQuestion, response: str, language: str) -> bool:
    value = read_number(response, language)
    if value is None:
        return False
    low, high = question.bounds(language)
    return low <= value <= high or value in question.accepted_numbers(language)


def response_text(response: str | bool) -> str:
    """A response as the round keeps it: a true/false answer as "true" or "false"."""
    if isinstance(response, bool):
        return "true" if response else "false"
    return response


def to_the_millisecond(seconds: float) -> float:
    """Time as a round keeps it, and scores it, so that a replay scores the same."""
    return round(float(seconds), 3)
