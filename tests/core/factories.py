"""Packs and responses for the core tests, built from the pydantic models (no files)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from clarity.core.packs.models import Pack

MYSTERY_ANSWER = "Eiffel Tower"
MYSTERY_ACCEPT = ("La tour Eiffel",)


def typed_answer(index: int) -> str:
    """The right answer of typed question ``index`` in a factory pack."""
    return f"Answer number {index}"


def build_pack(
    *,
    questions: int = 8,
    grid: str = "4x5",
    time_limit: int | None = 20,
    question_limits: Sequence[int | None] | None = None,
    kinds: Sequence[str] = ("typed",),
    mysteries: int = 1,
) -> Pack:
    """A valid pack with ``questions`` questions over ``mysteries`` mystery images.

    Question ``i`` is of kind ``kinds[i % len(kinds)]``; typed question ``i`` is answered by
    :func:`typed_answer`, choice question ``i`` by ``"right"``, true/false question ``i`` by
    ``i % 2 == 0``. ``question_limits[i]`` (when given) is question ``i``'s own time limit.
    """
    items: list[dict[str, Any]] = []
    for i in range(questions):
        kind = kinds[i % len(kinds)]
        item: dict[str, Any] = {"id": f"q{i}", "type": kind, "prompt": f"Question {i}?"}
        if kind == "typed":
            item["answer"] = typed_answer(i)
        elif kind == "choice":
            item["choices"] = ["wrong one", "right", "wrong two"]
            item["answer"] = "right"
        else:
            item["answer"] = i % 2 == 0
        if question_limits is not None and question_limits[i] is not None:
            item["time_limit"] = question_limits[i]
        items.append(item)
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "test-pack",
            "title": "Test pack",
            "description": "Built by the core tests.",
            "time_limit": time_limit,
            "rounds": [
                {
                    "image": f"mystery-{m}.png",
                    "answer": MYSTERY_ANSWER,
                    "accept": list(MYSTERY_ACCEPT),
                    "grid": grid,
                }
                for m in range(mysteries)
            ],
            "questions": items,
        }
    )


def right_response(question: Any) -> str | bool:
    """What a player types or picks to answer ``question`` rightly."""
    return question.answer


def wrong_response(question: Any) -> str | bool:
    """A response that is wrong for any factory question."""
    if isinstance(question.answer, bool):
        return not question.answer
    if question.type == "choice":
        return "wrong one"
    return "something else entirely"
