"""A document's problems on its fields, found by the loader's own checks.

:func:`check_document` gives every problem ``clarity validate`` gives for the document's
data saved as a pack file, by the same code: the document goes through
:func:`clarity.core.packs.loader.check_pack_data`, the entry point the loader uses after
reading a file's YAML, with :func:`~clarity.core.packs.loader.positions_in_order` in place
of a file's lines. Nothing is checked here that the loader does not check, so the page
never has a rule of its own.

:func:`check_item` is the path taken at each keystroke: one round or question checked
inside the pack's header (its language reads the numbers, its version decides the fields),
in a pack made of the header, that item and the least of the rest that keeps the pack
valid apart from the item. A 1,000-question pack is not checked 1,000 times a second.
Problems that depend on the other items (a question id used twice, a grid with more tiles
than the pack has questions aside) come from the full check, which the page runs when
the typing pauses; the grid warning is kept right by standing in as many questions as the
pack has (up to the most tiles a grid can have).

What only a file's text shows (a `` #`` read as a comment that cut a text short, a comma
that split an item of a ``[...]`` list, an escape) is not in a document: the file's own
warnings (:attr:`clarity.studio.documents.OpenedPack.text_warnings`) are kept in a
:class:`TextWarnings`, which gives those still true of a document being edited (the
fields the teacher has not changed since the file was opened or saved, which saving
writes back as they were), so that a check of an edit gives what ``clarity validate``
will give once it is saved.

Pictures are checked like every pack picture; pass the same
:class:`~clarity.core.packs.picture_decoding.PictureChecks` to every call (the studio keeps
one) and a picture is decoded once, not at each keystroke: it is checked again only when
its file changes. The folders are listed afresh at each call, so a picture dropped in is
found at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from clarity.core.messages import Translates
from clarity.core.packs.folders import FolderListings
from clarity.core.packs.glyphs import CanDraw
from clarity.core.packs.loader import (
    PackLimits,
    check_pack_data,
    collector_paused,
    positions_in_order,
)
from clarity.core.packs.models import MAX_GRID_SIDE, Grid, Mystery, parse_grid
from clarity.core.packs.picture_decoding import PictureChecks
from clarity.core.packs.report import Loc, Problem, Report

_LIMITS = PackLimits()  # the loader's caps (frozen)

__all__ = [
    "FieldProblem",
    "Section",
    "TextWarnings",
    "check_document",
    "check_item",
    "field_problems",
]

Section = Literal["rounds", "questions"]
SECTIONS: tuple[Section, ...] = ("rounds", "questions")


@dataclass(frozen=True)
class FieldProblem:
    """One problem of a document, on its field.

    ``field`` is the loader's field name (``title``, ``rounds[0].answer``,
    ``questions[3].choices[1]``, ``questions[3]`` for the question as a whole, "" for
    the pack as a whole): the page finds the input by it. ``text`` is the problem in the
    translator's language without the field's name and without "warning:" (the page shows
    the field and the severity itself).
    """

    field: str
    severity: Literal["error", "warning"]
    text: str

    def to_json(self) -> dict[str, str]:
        """``{"field", "severity", "text"}``."""
        return {"field": self.field, "severity": self.severity, "text": self.text}


def field_problems(problems: Iterable[Problem], translator: Translates) -> list[FieldProblem]:
    """The loader's problems as field problems, in ``translator``'s language (a
    ``clarity.i18n.Translator``), in the same order."""
    return [
        FieldProblem(problem.field, problem.severity, translator.render(problem.said))
        for problem in problems
    ]


def check_document(
    document: Any,
    *,
    pack_dir: Path,
    assets_dir: Path,
    translator: Translates,
    pictures: PictureChecks | None = None,
    can_draw: CanDraw | None = None,
    limits: PackLimits = _LIMITS,
) -> list[FieldProblem]:
    """Every problem of ``document`` (the page's JSON: see :mod:`clarity.studio.documents`)
    that ``clarity validate`` gives for its data saved as a pack file in ``pack_dir``, in
    the data's order; pictures resolve against ``pack_dir``, then ``assets_dir``.

    ``pictures`` keeps pictures' verdicts between calls (one for the studio's life);
    ``can_draw`` (whether this computer's fonts draw a character) adds the loader's
    warnings about characters no font draws. A document that is not a group of fields
    gets the loader's error for a file that is not one. The document is not changed.
    Never raises for bad data: a JSON number or true/false where the pack has text is
    taken as the text YAML would read (20 is "20").
    """
    raw = _as_composed(document)
    return _checked(
        raw,
        pack_dir=pack_dir,
        assets_dir=assets_dir,
        translator=translator,
        pictures=pictures,
        can_draw=can_draw,
        limits=limits,
    )


def check_item(
    document: Any,
    section: Section,
    index: int,
    *,
    pack_dir: Path,
    assets_dir: Path,
    translator: Translates,
    pictures: PictureChecks | None = None,
    can_draw: CanDraw | None = None,
    limits: PackLimits = _LIMITS,
) -> list[FieldProblem]:
    """The problems of ``document[section][index]`` alone, its fields named with its index
    (``questions[3].answer``), as :func:`check_document` finds them for that item when the
    rest of the pack is valid: checked inside the pack's header (language, version, time
    limit), beside stand-ins that are valid. Problems across items (an id used twice) and
    of other fields are left to :func:`check_document`.

    Time: that of a one-question pack, whatever the pack's size (for a round, plus a
    stand-in question for each of the pack's questions up to the most tiles a grid has,
    so that its grid is weighed against their number). No problems when there is no such
    item (``document`` not a group of fields, ``section`` not a list, ``index`` outside
    it); raises ValueError for a ``section`` other than "rounds" or "questions".
    """
    if section not in SECTIONS:
        raise ValueError(f"section should be rounds or questions, not {section!r}")
    if not isinstance(document, Mapping):
        return []
    items = document.get(section)
    if not isinstance(items, list) or not 0 <= index < len(items):
        return []
    raw: dict[str, Any] = {}
    for key, value in document.items():
        if key not in SECTIONS:
            raw[str(key)] = _as_composed(value)
    raw["rounds"] = [_as_composed(items[index])] if section == "rounds" else [dict(_STAND_IN_ROUND)]
    if section == "questions":
        raw["questions"] = [_as_composed(items[index])]
    else:
        # the grid's warning weighs the tiles against the number of questions
        questions = document.get("questions")
        if isinstance(questions, list):
            stand_in = dict(_STAND_IN_QUESTION)
            raw["questions"] = [stand_in] * min(len(questions), _tiles(raw["rounds"][0]))
        else:
            raw["questions"] = _as_composed(questions)
    own = f"{section}[0]"
    renamed = f"{section}[{index}]"
    problems = _checked(
        raw,
        pack_dir=pack_dir,
        assets_dir=assets_dir,
        translator=translator,
        pictures=pictures,
        can_draw=can_draw,
        limits=limits,
    )
    return [
        FieldProblem(renamed + problem.field[len(own) :], problem.severity, problem.text)
        for problem in problems
        if problem.field == own or problem.field.startswith((own + ".", own + "["))
    ]


class TextWarnings:
    """The warnings only a pack file's text shows (``problems``: the loader's, of the file
    whose document is ``document``), kept to be said again of the document as it is
    edited: :meth:`still_true`.

    A warning is still true while the value it is about is what the file holds: the
    teacher has not changed that field (for an item of a list inside a question, such
    as a choice, the whole list), since saving writes an unchanged field back exactly as
    it was, and the text that misleads with it. A field changed in the form is written
    afresh (quoted where it needs quotes), so its warning goes. A question or round
    moved keeps its warnings, named with its new place: found by its id, or, without
    one, as the only item of its list whose field still holds that value. Kept: the
    warned values alone, not the document.
    """

    def __init__(self, document: Any, problems: Iterable[Problem] = ()) -> None:
        self._marks = tuple(_mark(document, problem) for problem in problems)

    def __bool__(self) -> bool:
        return bool(self._marks)

    def still_true(
        self, document: Any, translator: Translates, *, scope: str = ""
    ) -> list[FieldProblem]:
        """The warnings still true of ``document`` (the page's JSON), each on its field
        as the field is now named, in ``translator``'s language; with ``scope`` (a field
        such as ``questions[3]``), only those on that field or inside it."""
        kept: list[FieldProblem] = []
        for mark in self._marks:
            field = _now_at(mark, document)
            if field is None or not _within(field, scope):
                continue
            text = translator.render(mark.problem.said)
            kept.append(FieldProblem(field, mark.problem.severity, text))
        return kept


@dataclass(frozen=True, slots=True)
class _Mark:
    """One text warning: the problem, its field's steps, the steps of the value weighed
    (the field, or the list the field is an item of) and that value as the file holds it,
    and the id of the round or question it is in (None without one)."""

    problem: Problem
    steps: Loc
    weighed: Loc
    value: Any
    item_id: Any


_MISSING = object()
_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def _steps_of(field: str) -> Loc | None:
    """``questions[1].choices[0]`` as ``("questions", 1, "choices", 0)``; None for a
    name that does not read so."""
    steps: list[str | int] = []
    at = 0
    while at < len(field):
        found = _STEP.match(field, at)
        if found is None or found.end() == at:
            return None
        name, number = found.groups()
        steps.append(int(number) if number is not None else name)
        at = found.end()
    return tuple(steps)


def _value_at(data: Any, steps: Loc) -> Any:
    node = data
    for step in steps:
        in_mapping = isinstance(node, Mapping) and isinstance(step, str) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if not (in_mapping or in_list):
            return _MISSING
        node = node[step]
    return node


def _in_item(steps: Loc) -> bool:
    """Whether ``steps`` lead into a round or a question (``questions[3]...``)."""
    return len(steps) >= 2 and steps[0] in SECTIONS and isinstance(steps[1], int)


def _mark(document: Any, problem: Problem) -> _Mark:
    steps = _steps_of(problem.field) or ()
    weighed = steps
    if steps and isinstance(steps[-1], int) and not (len(steps) == 2 and _in_item(steps)):
        weighed = steps[:-1]  # an item of a list: the list as a whole
    item_id = _value_at(document, (*steps[:2], "id")) if _in_item(steps) else None
    return _Mark(problem, steps, weighed, _value_at(document, weighed), item_id)


def _now_at(mark: _Mark, document: Any) -> str | None:
    """The field the warning of ``mark`` is on in ``document``, or None when its value
    has changed (or its item cannot be told among the others)."""
    if mark.value is _MISSING:
        return None
    if _same(_value_at(document, mark.weighed), mark.value):
        return mark.problem.field
    if not _in_item(mark.steps):
        return None
    section, index = mark.steps[0], mark.steps[1]
    items = document.get(section) if isinstance(document, Mapping) else None
    if not isinstance(items, list):
        return None
    rest = mark.weighed[2:]
    holding = [n for n, item in enumerate(items) if _same(_value_at(item, rest), mark.value)]
    if isinstance(mark.item_id, str):
        holding = [n for n in holding if _value_at(items[n], ("id",)) == mark.item_id]
    if len(holding) != 1:
        return None
    own = f"{section}[{index}]"
    return f"{section}[{holding[0]}]" + mark.problem.field[len(own) :]


def _same(value: Any, kept: Any) -> bool:
    return value is not _MISSING and _as_composed(value) == kept


def _within(field: str, scope: str) -> bool:
    return not scope or field == scope or field.startswith((scope + ".", scope + "["))


# The stand-ins around the item checked: valid for the models in every language. The round's
# picture is refused by its name alone (no file is looked for), on the stand-in's own field,
# which is never shown; the models take the name.
_STAND_IN_ROUND: Mapping[str, str] = {"image": "-", "answer": "-"}
_STAND_IN_QUESTION: Mapping[str, str] = {"type": "truefalse", "prompt": "-", "answer": "true"}
_MOST_TILES = MAX_GRID_SIDE * MAX_GRID_SIDE


def _tiles(item: Any) -> int:
    """The tiles of a round's grid, read as the models read it (the default when none is
    written); the most a grid can have when it does not read. The grid's warning compares
    its tiles with the number of questions: past that number more questions change
    nothing (a round of a 1,000-question pack is checked beside 20 stand-ins, not 1,000)."""
    written = item.get("grid") if isinstance(item, dict) else None
    try:
        grid = (
            Mystery.model_fields["grid"].get_default(call_default_factory=True)
            if written is None
            else Grid.model_validate(parse_grid(written))
        )
    except ValueError:  # pydantic's ValidationError too: the check reports it
        return _MOST_TILES
    return int(grid.rows * grid.cols)


def _checked(
    raw: Any,
    *,
    pack_dir: Path,
    assets_dir: Path,
    translator: Translates,
    pictures: PictureChecks | None,
    can_draw: CanDraw | None,
    limits: PackLimits,
) -> list[FieldProblem]:
    report = Report(pack_dir / "studio-document.yaml")  # the path is never shown
    with collector_paused():  # as the loader does: a pass over a big document mid-keystroke
        check_pack_data(
            raw,
            positions_in_order(raw),
            report,
            pack_dir=pack_dir,
            assets_dir=assets_dir,
            limits=limits,
            listings=FolderListings(pictures),
            can_draw=can_draw,
        )
    return field_problems(report.problems(), translator)


def _as_composed(value: Any) -> Any:
    """A copy of JSON data as the loader's composer gives YAML data: dicts with text keys,
    lists, text and None. A number or true/false (which the page never sends, but a
    script might) becomes the text YAML would read for it as written by JSON."""
    if isinstance(value, str) or value is None:
        return value
    top: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(top, 0, value)]  # (container, key, value to copy)
    while stack:
        container, key, item = stack.pop()
        if isinstance(item, Mapping):
            copy: Any = {}
            for name, child in item.items():
                copy[_scalar(name)] = None
                stack.append((copy, _scalar(name), child))
        elif isinstance(item, list | tuple):
            copy = [None] * len(item)
            stack.extend((copy, n, child) for n, child in enumerate(item))
        else:
            copy = _scalar(item)
        container[key] = copy
    return top[0]


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
