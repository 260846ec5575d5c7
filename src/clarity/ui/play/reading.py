"""What read-aloud says for a question: the prompt, and on request its answers with their
letters, as the buttons show them (the same letters the keys answer with)."""

from __future__ import annotations

from clarity.core.packs.models import (
    ChoiceQuestion,
    NumberQuestion,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.round import Question
from clarity.ui.theme import ANSWER_LETTERS


def reading_of(question: Question, *, with_answers: bool) -> str:
    """The text read for ``question``: its prompt; with ``with_answers`` also "A: …. B: …."
    for a choice, "True or false?" for a true/false one, "Type a number." for a number one
    (a typed one has no answers)."""
    parts = [question.prompt.strip()]
    if with_answers:
        if isinstance(question, ChoiceQuestion):
            parts += [
                f"{ANSWER_LETTERS[i]}: {choice.strip()}."
                for i, choice in enumerate(question.choices)
            ]
        elif isinstance(question, TrueFalseQuestion):
            parts.append("True or false?")
        elif isinstance(question, NumberQuestion):
            parts.append("Type a number.")
        elif isinstance(question, TypedQuestion):
            pass  # typed: nothing to choose from
    return " ".join(parts)
