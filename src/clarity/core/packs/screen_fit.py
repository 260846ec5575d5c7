"""Warnings for texts longer than the play screen shows without scrolling.

Every text the format allows is shown whole: a card whose texts do not fit scrolls. But on
the smallest window the game supports (:data:`SMALLEST_WINDOW`, at the standard text size)
a student should read a question without scrolling, so a text longer than what fits there
gets a warning naming its length and the length that fits.

What fits depends on what shares the card: a choice question's prompt shares it with its
choices (more choices, less room), a typed one with the answer field, a true/false one with
two buttons; the explanation shows under the answers once the question is answered; the
mystery's answer and its caption fill the card at the end of the round. The limits are in
characters of ordinary sentences (English and Russian, whichever fits fewer) and were
measured on the play card itself: ``tests/ui/test_screen_fit.py`` plays a text of exactly
each limit (it shows whole) and one 15 % longer (the card scrolls), so a change of the
card's layout that moves a limit fails there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.plain_yaml import Positions, section_items
from clarity.core.packs.report import Loc, Report, and_list, field_name

#: the smallest window the game supports, in pixels: the limits are measured there
SMALLEST_WINDOW = (1024, 640)
_SCREEN = f"{SMALLEST_WINDOW[0]}x{SMALLEST_WINDOW[1]}"

#: characters that show without scrolling on the question card, by the card's kind (a choice
#: question by its number of choices): the prompt and the explanation with the other texts
#: short, and one choice with a short prompt (measured by tests/ui/test_screen_fit.py)
QUESTION_ROOM: Mapping[str, Mapping[str, int]] = MappingProxyType(
    {
        "typed": {"prompt": 820, "explain": 740},
        "number": {"prompt": 820, "explain": 750},
        "truefalse": {"prompt": 870, "explain": 770},
        # two choices of the format's longest (200 characters) show whole
        "choice-2": {"prompt": 720, "explain": 610},
        "choice-3": {"prompt": 720, "explain": 610, "choice": 190},
        "choice-4": {"prompt": 720, "explain": 610, "choice": 110},
        "choice-5": {"prompt": 560, "explain": 460, "choice": 80},
        "choice-6": {"prompt": 560, "explain": 460, "choice": 45},
    }
)
#: characters of the mystery's answer and caption that show without scrolling on the card at
#: the end of a round, each with the other short (measured by tests/ui/test_screen_fit.py)
END_ROOM: Mapping[str, int] = MappingProxyType({"answer": 90, "caption": 410})

#: the most characters each other text of the card had while a limit was measured: a text
#: this short takes no share of the card in the check of texts that share it
MEASURED_BESIDE: Mapping[str, int] = MappingProxyType(
    {"prompt": 40, "explain": 40, "choice": 10, "answer": 10, "caption": 40}
)

#: the sum of shares at which a prompt and an explanation together make the card scroll: less
#: than 1, since the explanation never shrinks the question below its body size (it shows
#: after the answer, under the question as it was asked)
EXPLAINED_TOGETHER = 0.7


def warn_about_screen_fit(raw: dict[Any, Any], positions: Positions, report: Report) -> None:
    """Warn, at each text value longer than its room on the smallest window
    (:data:`QUESTION_ROOM`, :data:`END_ROOM`), that students will have to scroll to read
    it, with its length and the length that fits.

    Texts of one card share its room: when none is too long alone but together they are
    (the sum of each one's share of its limit is over 1, or over :data:`EXPLAINED_TOGETHER`
    for a prompt and an explanation, a share counting the characters
    past :data:`MEASURED_BESIDE`; the longest choice counts, since the answer buttons are
    all as tall as the tallest), one warning at the first of them names them all. Values
    that are not text, and question types the format does not know, are left to
    validation."""
    for index, item in section_items(raw, "questions"):
        room = _question_room(item)
        if room is None:
            continue
        limits = QUESTION_ROOM[room]
        texts = [(("questions", index, field), item.get(field)) for field in ("prompt", "explain")]
        choices = item.get("choices")
        if "choice" in limits and isinstance(choices, list):
            texts += [(("questions", index, "choices", n), c) for n, c in enumerate(choices)]
        _check_card(texts, limits, positions, report)
    for index, item in section_items(raw, "rounds"):
        texts = [(("rounds", index, field), item.get(field)) for field in END_ROOM]
        _check_card(texts, END_ROOM, positions, report)


def _check_card(
    texts: list[tuple[Loc, Any]],
    limits: Mapping[str, int],
    positions: Positions,
    report: Report,
) -> None:
    """The warnings for the texts of one card (``(loc, value)``; values not text skipped),
    each field's limit in ``limits``."""

    def limit_of(loc: Loc) -> int:
        return limits[_field(loc)]

    lengths = [(loc, len(value.strip())) for loc, value in texts if isinstance(value, str)]
    too_long = [(loc, n) for loc, n in lengths if n > limit_of(loc)]
    for loc, length in too_long:
        limit = limit_of(loc)
        report.add(positions.value(loc), field_name(loc), _too_long(loc, length, limit), "warning")
    if too_long:
        return
    # the longest choice alone: every button is as tall as the tallest
    shares: dict[str, tuple[Loc, int]] = {}
    for loc, length in lengths:
        field = _field(loc)
        if field not in shares or length > shares[field][1]:
            shares[field] = (loc, length)
    taken = {field: _share(n, limit_of(loc), field) for field, (loc, n) in shares.items()}
    if sum(taken.values()) <= together_limit(field for field, share in taken.items() if share):
        return
    parts = sorted(shares.values(), key=lambda part: positions.value(part[0]))
    named = [
        # Translators: {field} is a field name (questions[0].prompt); the numbers count
        # characters: how many it has of about how many fit.
        message(
            "{field} ({count} of about {limit})",
            field=field_name(loc),
            count=n,
            limit=limit_of(loc),
        )
        for loc, n in parts
    ]
    first = parts[0][0]
    report.add(
        positions.value(first),
        field_name(first),
        # Translators: {texts} lists fields with their lengths; {screen} is 1024x640.
        message(
            "together, {texts} are more characters than a {screen} screen shows on one card "
            "without scrolling, so students will have to scroll to read them; shorten one of them",
            texts=and_list(named),
            screen=_SCREEN,
        ),
        "warning",
    )


def together_limit(fields: Iterable[str]) -> float:
    """The sum of shares of their limits over which ``fields`` of one card make it scroll
    (measured by tests/ui/test_screen_fit.py): 1, or :data:`EXPLAINED_TOGETHER` for a
    prompt with an explanation."""
    return EXPLAINED_TOGETHER if {"prompt", "explain"} <= set(fields) else 1.0


def _share(length: int, limit: int, field: str) -> float:
    """The share of the card a text of ``length`` characters takes, 1 at its limit; none
    while it is as short as the texts beside which the limits were measured."""
    beside = MEASURED_BESIDE[field]
    return max(0, length - beside) / (limit - beside)


def _field(loc: Loc) -> str:
    """The field a location names (a choice by its list)."""
    return "choice" if isinstance(loc[-1], int) else str(loc[-1])


def _characters(count: int) -> Message:
    return plural_message("{count} character", "{count} characters", count)


def _too_long(loc: Loc, length: int, limit: int) -> Message:
    """The warning for one text of ``length`` characters where about ``limit`` fit, said of
    the kind of text it is (languages name each with its own gender)."""
    values = {"length": _characters(length), "fits": _characters(limit), "screen": _SCREEN}
    field = _field(loc)
    # Translators (the five below): {length} and {fits} are "2,000 characters"; {screen}
    # is 1024x640.
    if field == "prompt":
        return message(
            "this prompt has {length}; on a {screen} screen about {fits} show without "
            "scrolling, so students will have to scroll to read it; shorten it to about {fits}",
            **values,
        )
    if field == "explain":
        return message(
            "this explanation has {length}; on a {screen} screen about {fits} show without "
            "scrolling, so students will have to scroll to read it; shorten it to about {fits}",
            **values,
        )
    if field == "choice":
        return message(
            "this choice has {length}; on a {screen} screen about {fits} show without "
            "scrolling, so students will have to scroll to read it; shorten it to about {fits}",
            **values,
        )
    if field == "answer":
        return message(
            "this answer has {length}; on a {screen} screen about {fits} show without "
            "scrolling, so students will have to scroll to read it; shorten it to about {fits}",
            **values,
        )
    return message(
        "this caption has {length}; on a {screen} screen about {fits} show without "
        "scrolling, so students will have to scroll to read it; shorten it to about {fits}",
        **values,
    )


def _question_room(item: dict[Any, Any]) -> str | None:
    """The key of :data:`QUESTION_ROOM` for a question as written, or None."""
    kind = item.get("type")
    if kind == "choice":
        choices = item.get("choices")
        if not isinstance(choices, list):
            return None
        count = min(max(len(choices), 2), 6)
        return f"choice-{count}"
    return kind if isinstance(kind, str) and kind in QUESTION_ROOM else None
