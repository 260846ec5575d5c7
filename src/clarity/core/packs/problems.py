"""The pack models' verdict in a teacher's words, each problem at its file:line:col.

pydantic's errors are reworded and placed on the key or value they are about (a model
message may start with where it applies, ``choices[2]: ...``). Then the checks across
items: every repeated question id (the models stop at the first), and a warning for a
grid with more tiles than the pack has questions.

Two rules need to know which fields hold text a player reads (:func:`is_text_field`):
a plain ``null`` or ``~`` stays the word where a field must hold something
(:func:`keep_written_words`), and a comment that cut a text short gets a warning
(:func:`warn_about_comments`).
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.lookalikes import lookalike_words
from clarity.core.packs.models import (
    FORMAT_VERSION,
    MAX_CHOICES,
    MAX_GRID_SIDE,
    MAX_TIME_LIMIT,
    MIN_CHOICES,
    MIN_GRID_SIDE,
    MIN_TIME_LIMIT,
    ChoiceQuestion,
    Grid,
    Mystery,
    NumberQuestion,
    Pack,
    QuestionType,
    TrueFalseQuestion,
    TypedQuestion,
    duplicate_id_message,
    find_duplicate_ids,
    number_problems,
    parse_grid,
)
from clarity.core.packs.plain_yaml import Positions, lookup, section_items
from clarity.core.packs.report import Loc, Located, Report, and_list, field_name, or_list
from clarity.core.packs.yaml_warnings import comment_cut_message

_QUESTION_MODELS: dict[str, type[BaseModel]] = {
    QuestionType.CHOICE.value: ChoiceQuestion,
    QuestionType.TRUEFALSE.value: TrueFalseQuestion,
    QuestionType.TYPED.value: TypedQuestion,
    QuestionType.NUMBER.value: NumberQuestion,
}
# The words a teacher writes after type:, kept as they are in every language.
_QUESTION_TYPES = or_list(list(_QUESTION_MODELS))
_WHOLE_NUMBER_RANGES = {
    "time_limit": (MIN_TIME_LIMIT, MAX_TIME_LIMIT),
    "rows": (MIN_GRID_SIDE, MAX_GRID_SIDE),
    "cols": (MIN_GRID_SIDE, MAX_GRID_SIDE),
}
_INT_ERRORS = frozenset(
    {
        "int_type",
        "int_parsing",
        "int_parsing_size",
        "int_from_float",
        "greater_than",
        "greater_than_equal",
        "less_than",
        "less_than_equal",
    }
)
_MAPPING_ERRORS = frozenset({"model_type", "model_attributes_type", "dict_type"})
_LIST_ERRORS = frozenset({"tuple_type", "list_type", "iterable_type"})
# A model message may start with where it applies: "answer: ..." or "choices[2]: ...".
_LOCATED_MESSAGE = re.compile(r"([a-z_]+(?:\[\d+\])*(?:\.[a-z_]+(?:\[\d+\])*)*): (.*)", re.DOTALL)
_LOC_PART = re.compile(r"([a-z_]+)|\[(\d+)\]")


def validate(raw: dict[Any, Any], positions: Positions, report: Report) -> Pack | None:
    """The pack, or None with every error of the models reported in a teacher's words
    (every number question's problems, though the model stops at the first); a valid pack
    gets warnings about right answers a teacher may not mean (every choice right, ``1,000``
    read as one)."""
    try:
        # The language decides which word joins several right answers in one text.
        language = raw.get("language")
        pack = Pack.model_validate(
            raw, context={"language": language if isinstance(language, str) else "en"}
        )
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    else:
        _warn_about_right_answers(pack, positions, report)
        return pack
    version_errors = [e for e in errors if e["loc"] == ("clarity",) and e["type"] == "value_error"]
    if version_errors:
        errors = version_errors  # a format we do not know: its other fields mean nothing
    for error in _one_branch_per_union(errors, raw):
        if positions.refused and positions.is_refused(_clean_loc(error["loc"])[0]):
            continue
        _report_validation_error(error, raw, positions, report)
    if not version_errors:
        _report_every_number_problem(raw, positions, report)
    return None


def _report_every_number_problem(raw: dict[Any, Any], positions: Positions, report: Report) -> None:
    """Every number question's problems: the pack's model stops at the first (the report
    drops the repeat of that one)."""
    language = raw.get("language", "en")
    if not isinstance(language, str) or not isinstance(raw.get("questions"), list):
        return
    questions: list[object] = []
    for item in raw["questions"]:
        try:
            questions.append(NumberQuestion.model_validate(item))
        except ValidationError:  # not a number question, or one whose errors are reported
            questions.append(None)
    for problem in number_problems(questions, language):
        loc, said = _located(("questions",), problem)
        report.add(positions.value(loc), field_name(loc), said)


def _warn_about_right_answers(pack: Pack, positions: Positions, report: Report) -> None:
    """Warnings about right answers a teacher may not mean: every choice right, and a number
    with three zero decimals (``1,000`` in Russian is one)."""
    for index, question in enumerate(pack.questions):
        if isinstance(question, NumberQuestion):
            for warning in question.number_warnings(pack.language):
                loc, said = _located(("questions", index), warning)
                report.add(positions.value(loc), field_name(loc), said, "warning")
        if isinstance(question, ChoiceQuestion) and set(question.right_answers) >= set(
            question.choices
        ):
            loc = ("questions", index, "answer")
            report.add(
                positions.value(loc),
                field_name(loc),
                plural_message(
                    "every one of the {count} choice is right, so any answer scores; leave out "
                    "of answer: the choices that are wrong",
                    "every one of the {count} choices is right, so any answer scores; leave out "
                    "of answer: the choices that are wrong",
                    len(question.choices),
                ),
                "warning",
            )


# The names pydantic gives the members of a union in an error's place ("constrained-str",
# "tuple[constrained-str, ...]"): a field that takes text or a list of texts (a choice
# question's answer) fails once per member.
_UNION_MEMBER = re.compile(r"(?:constrained-)?(?:str|int|float|bool)|(?:tuple|list)\[.*\]")


def _one_branch_per_union(errors: list[Any], raw: dict[Any, Any]) -> list[Any]:
    """The errors with each union's member names left out of their places, and only the
    errors of the member the teacher wrote (a list, or a single value) kept: the others
    ("should be a list" for a text that is too long) say nothing to a teacher."""
    kept: list[Any] = []
    for error in errors:
        loc = tuple(error["loc"])
        member = next(
            (
                i
                for i, part in enumerate(loc)
                if i and isinstance(part, str) and _UNION_MEMBER.fullmatch(part)
            ),
            None,
        )
        if member is None:
            kept.append(error)
            continue
        written = lookup(raw, _clean_loc(loc[:member])[0])
        wants_list = loc[member].startswith(("tuple", "list"))
        if wants_list == isinstance(written, list):
            kept.append({**error, "loc": (*loc[:member], *loc[member + 1 :])})
    return kept


def _report_validation_error(
    error: Any, raw: dict[Any, Any], positions: Positions, report: Report
) -> None:
    loc, tag = _clean_loc(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")

    if kind == "too_short" and _length(value) >= ctx.get("min_length", 0):
        return  # "too short after validation": the failing items are reported one by one
    if kind == "extra_forbidden":
        report.add(positions.key(loc), field_name(loc), _unknown_field(loc, tag))
        return
    if kind == "missing":
        report.add(positions.value(loc[:-1]), field_name(loc), _missing(name))
        return
    if kind == "union_tag_invalid" and _written_type(raw, loc) is None:
        kind = "union_tag_not_found"  # "type:" with nothing after it: no type at all
    if kind == "union_tag_invalid":
        type_loc = (*loc, "type")
        tag = str(ctx.get("tag"))
        slip = lookalike_words(tag, _QUESTION_MODELS)
        # Translators (the three below): {types} are the words written after type: in a
        # pack (choice, truefalse, typed, number), kept in English.
        if slip is not None and slip[0] is not None:
            said = message(
                '"{tag}" is not a question type; it looks like {type}, but {why}',
                tag=tag,
                type=slip[0],
                why=slip[1],
            )
        elif slip is not None:
            said = message(
                '"{tag}" is not a question type; {why}; use {types}',
                tag=tag,
                why=slip[1],
                types=_QUESTION_TYPES,
            )
        else:
            said = message(
                '"{tag}" is not a question type; use {types}', tag=tag, types=_QUESTION_TYPES
            )
        report.add(positions.value(type_loc), field_name(type_loc), said)
        return
    if kind == "union_tag_not_found":
        type_loc = (*loc, "type")
        item = lookup(raw, loc)
        has_type = isinstance(item, dict) and "type" in item
        report.add(
            positions.value(type_loc if has_type else loc),
            field_name(type_loc),
            message("is empty; say which kind of question this is: {types}", types=_QUESTION_TYPES)
            if has_type
            else message(
                "is missing; say which kind of question this is: {types}", types=_QUESTION_TYPES
            ),
        )
        return
    if kind == "value_error":
        raised = ctx.get("error")
        said: Message | Located | str = str(raised if raised is not None else error["msg"])
        if isinstance(raised, Exception) and isinstance(
            (raised.args or (None,))[0], Message | Located
        ):
            said = raised.args[0]
        loc, placed = _located(loc, said)
        report.add(positions.value(loc), field_name(loc), placed)
        return
    report.add(positions.value(loc), field_name(loc), _plain_words(kind, name, loc, ctx, value))


def _written_type(raw: dict[Any, Any], loc: Loc) -> object:
    item = lookup(raw, loc)
    return item.get("type") if isinstance(item, dict) else None


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Loc, str | None]:
    """Drop the question-type step pydantic adds inside ``questions[i]``; return it too."""
    if len(loc) > 2 and loc[0] == "questions" and loc[2] in _QUESTION_MODELS:
        return (loc[0], loc[1], *loc[3:]), loc[2]
    return tuple(loc), None


def _located(loc: Loc, said: Located | Message | str) -> tuple[Loc, Message | str]:
    """Move ``loc`` to the place a model message names (``Located("choices[2]", ...)``, or
    English text that starts ``choices[2]: ...``)."""
    if isinstance(said, Message):
        return loc, said
    if isinstance(said, Located):
        where, rest = said.where, said.said
    else:
        match = _LOCATED_MESSAGE.fullmatch(said)
        if match is None:
            return loc, said
        where, rest = match.group(1), match.group(2)
    steps: list[str | int] = [
        name if name else int(index) for name, index in _LOC_PART.findall(where)
    ]
    if loc and steps and loc[-1] == steps[0]:  # a field validator: loc already names the field
        steps = steps[1:]
    return (*loc, *steps), rest


def _plain_words(kind: str, name: str, loc: Loc, ctx: dict[str, Any], value: Any) -> Message | str:
    if value is None and kind != "missing":
        return message("is empty; write a value here")
    if kind in _INT_ERRORS:
        if name == "clarity":
            return message(
                'should be the format version, a number: write "clarity: {version}"',
                version=str(FORMAT_VERSION),
            )
        low, high = _WHOLE_NUMBER_RANGES.get(name, (None, None))
        if low is not None:
            return message("should be a whole number from {low} to {high}", low=low, high=high)
        return message("should be a whole number")
    if kind in ("bool_type", "bool_parsing"):
        # Translators: true and false are written so in the pack: keep them in English.
        return message("should be true or false")
    if kind == "string_type":
        # Translators: {kind} is what was written instead: a list, a group of fields ...
        return message("should be text, not {kind}", kind=_kind_of(value))
    if kind == "string_too_short":
        return message("should not be empty")
    if kind == "string_too_long":
        return plural_message(
            "is too long ({count} character); at most {limit}",
            "is too long ({count} characters); at most {limit}",
            _length(value),
            limit=int(ctx.get("max_length", 0)),
        )
    if kind == "string_pattern_mismatch":
        if name == "id":
            return message(
                'should be a lowercase slug like "union-state": '
                "letters a-z, digits and single hyphens"
            )
        if name == "language":
            return message('should be a language code like "en" or "pt-BR"')
        return message("does not have the right form ({pattern})", pattern=str(ctx.get("pattern")))
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace(chr(39), "")
        # Translators: {values} are the words the pack may have here (easy, medium or hard).
        return message("should be {values}", values=or_list(re.split(r", | or ", expected)))
    if kind in _LIST_ERRORS:
        if isinstance(value, str):
            return message("should be a list, for example [{value}]", value=value)
        return message("should be a list, for example [first, second]")
    if kind in _MAPPING_ERRORS:
        return _not_a_mapping(loc, value)
    if kind == "too_short":
        return _too_short(name, ctx)
    if kind == "too_long":
        if name == "choices":
            return message(
                "a choice question has at most {limit} choices; this one has {count}",
                limit=MAX_CHOICES,
                count=int(ctx.get("actual_length", 0)),
            )
        return message("has too many items; at most {limit}", limit=int(ctx.get("max_length", 0)))
    return str(ctx.get("error", "")) or message("is not valid here")


def _missing(name: str) -> Message:
    if name == "clarity":
        return message(
            'is missing; the file should start with "clarity: {version}"',
            version=str(FORMAT_VERSION),
        )
    if name == "rounds":
        return message("is missing; a pack needs at least one mystery image under rounds:")
    if name == "questions":
        return message("is missing; a pack needs at least one question under questions:")
    if name == "answer":
        return message("is missing; every question and round needs its right answer")
    if name == "choices":
        return message(
            "is missing; a choice question lists {low} to {high} choices",
            low=MIN_CHOICES,
            high=MAX_CHOICES,
        )
    return message("is missing")


def _too_short(name: str, ctx: dict[str, Any]) -> Message:
    if name == "questions":
        return message("the pack has no questions; add at least one")
    if name == "rounds":
        return message("the pack has no rounds; add at least one mystery image")
    if name == "choices":
        return message(
            "a choice question needs at least {least} choices; this one has {count}",
            least=MIN_CHOICES,
            count=int(ctx.get("actual_length", 0)),
        )
    return plural_message(
        "needs at least {count} item", "needs at least {count} items", int(ctx.get("min_length", 0))
    )


def _not_a_mapping(loc: Loc, value: Any) -> Message:
    if loc and loc[-1] == "grid":
        return message("should be rows x columns, like 4x5")
    # Translators (the three below): {kind} is what was written instead: a list, a
    # single value ...; the words before ":" are field names, kept as they are.
    if len(loc) == 2 and loc[0] == "questions":
        return message(
            "each question should be a group of field lines (type:, prompt:, answer: ...), "
            "not {kind}",
            kind=_kind_of(value),
        )
    if len(loc) == 2 and loc[0] == "rounds":
        return message(
            "each round should be a group of field lines (image:, answer: ...), not {kind}",
            kind=_kind_of(value),
        )
    return message('should be a group of "field: value" lines, not {kind}', kind=_kind_of(value))


def _unknown_field(loc: Loc, tag: str | None) -> Message:
    name = str(loc[-1])
    model = _model_at(loc[:-1], tag)
    if model is None:
        return message("is not a known field")
    if tag is not None and name not in model.model_fields:
        owners = [t for t, m in _QUESTION_MODELS.items() if name in m.model_fields]
        if owners:
            # Translators: {type} and {types} are question types as the pack writes them
            # (choice, typed ...), kept in English.
            return message(
                "is not used in a {type} question, only in {types} questions",
                type=tag,
                types=and_list(owners),
            )
    known = list(model.model_fields)
    fields = ", ".join(known)  # field names, kept as the pack writes them
    slip = lookalike_words(name, known)
    if slip is not None and slip[0] is not None:
        return message(
            "is not a known field; it looks like `{field}`, but {why}", field=slip[0], why=slip[1]
        )
    if slip is not None:
        return message(
            "is not a known field: {why}; the fields here are {fields}", why=slip[1], fields=fields
        )
    close = difflib.get_close_matches(name.casefold(), known, n=1, cutoff=0.6)
    if close:
        return message("is not a known field; did you mean `{field}`?", field=close[0])
    return message("is not a known field; the fields here are {fields}", fields=fields)


def _model_at(loc: Loc, tag: str | None) -> type[BaseModel] | None:
    if loc == ():
        return Pack
    if len(loc) == 2 and loc[0] == "rounds":
        return Mystery
    if len(loc) == 3 and loc[0] == "rounds" and loc[2] == "grid":
        return Grid
    if len(loc) == 2 and loc[0] == "questions" and tag is not None:
        return _QUESTION_MODELS[tag]
    return None


def _kind_of(value: Any) -> Message:
    """What a value is, in words that follow "not" (and "it holds")."""
    if isinstance(value, dict):
        return message("a group of fields")
    if isinstance(value, list | tuple):
        return message("a list")
    if value is None:
        return message("empty")
    return message("a single value")


def _length(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


# --- checks across items -------------------------------------------------------------------


def check_question_ids(raw: dict[Any, Any], positions: Positions, report: Report) -> None:
    """Every repeated question id, also when other questions fail (the model stops at one)."""
    items = raw.get("questions")
    if not isinstance(items, list):
        return
    ids = [
        item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        for item in items
    ]
    for index, value, first in find_duplicate_ids(ids):
        loc, said = _located(("questions",), duplicate_id_message(index, value, first))
        report.add(positions.value(loc), field_name(loc), said)


def warn_about_grids(raw: dict[Any, Any], positions: Positions, report: Report) -> None:
    questions = raw.get("questions")
    if not isinstance(questions, list) or not questions:
        return
    count = len(questions)
    default_grid = Mystery.model_fields["grid"].get_default(call_default_factory=True)
    for index, item in section_items(raw, "rounds"):
        written = item.get("grid")
        try:
            grid = default_grid if written is None else Grid.model_validate(parse_grid(written))
        except ValueError:  # pydantic's ValidationError too; validation reports it
            continue
        rows, cols = grid.rows, grid.cols
        written_grid = f"{rows}x{cols}"
        if rows * cols > count:
            loc = ("rounds", index, "grid")
            report.add(
                positions.value(loc),
                field_name(loc),
                # Translators: {grid} is written as in the pack (4x5); {tiles} is
                # "20 tiles".
                plural_message(
                    "the {grid} grid has {tiles} but the pack has only {count} question, so "
                    "the questions run out before every tile is uncovered",
                    "the {grid} grid has {tiles} but the pack has only {count} questions, so "
                    "the questions run out before every tile is uncovered",
                    count,
                    grid=written_grid,
                    tiles=plural_message("{count} tile", "{count} tiles", rows * cols),
                ),
                "warning",
            )


# --- what the teacher wrote, where YAML reads something else ---------------------------------

# Text fields whose text is a code, a path or a name, not words for players: a comment
# after them is the teacher's note, and they are never cut mid-sentence.
_CODE_FIELDS = frozenset({"id", "image", "language"})


def keep_written_words(raw: dict[Any, Any], positions: Positions) -> None:
    """Put back a plain ``null``, ``Null``, ``NULL`` or ``~`` as the word written, where
    the field cannot be left out (an answer, a prompt, a title ...).

    YAML reads these words as "nothing". That is what a teacher (or a tool exporting a
    pack) means by ``explain: null``, a field that may be left out; but an answer cannot
    be nothing, so ``answer: null`` in a programming quiz is the word. Fields of an
    unknown question type keep the word only where every question type needs the field.
    """
    for mapping, key, word in positions.null_words:
        if mapping.get(key, word) is not None:
            continue
        loc = _loc_of(raw, mapping)
        if loc is None:
            continue
        models = _models_at(raw, loc)
        if models and all(_required(model, key) for model in models):
            mapping[key] = word


def warn_about_comments(
    raw: dict[Any, Any], positions: Positions, text: str, report: Report
) -> None:
    """Warn where a comment (`` #`` and what follows) cut short a text a player reads.

    A comment after a value that is not such text (``time_limit: 20  # seconds``,
    ``grid: 4x5 # wide``, ``id: q1 # first``) is the teacher's note and left alone; a
    comment on a line of its own, or after a quoted text, never cuts anything.
    """
    for loc, value, end in positions.comment_cuts:
        if not is_text_field(raw, loc):
            continue
        hash_index = text.index("#", end.index)  # after the blanks that end the value
        report.add(
            (end.line, end.column + hash_index - end.index),
            field_name(loc),
            comment_cut_message(text, loc, value, end.index),
            "warning",
        )


def is_text_field(raw: dict[Any, Any], loc: Loc) -> bool:
    """True when ``loc`` holds words that a player reads: a text field of the models (or
    an item of a list of texts), other than an id, a picture's path, a language code or
    a number question's numbers (:data:`NUMBER_FIELDS`).
    For a question of an unknown type, a field that is text in any question type."""
    steps = loc
    if steps and isinstance(steps[-1], int):
        steps = steps[:-1]  # an item: the list's field decides
    if not steps or not isinstance(steps[-1], str) or steps[-1] in _CODE_FIELDS:
        return False
    name = steps[-1]
    return any(_holds_text(model, name) for model in _models_at(raw, steps[:-1]))


def _models_at(raw: dict[Any, Any], loc: Loc) -> list[type[BaseModel]]:
    """The model (or, for a question of no known type, the models) of the mapping at
    ``loc``; none where the pack format has no mapping."""
    if loc == ():
        return [Pack]
    if len(loc) == 2 and loc[0] == "rounds" and isinstance(loc[1], int):
        return [Mystery]
    if len(loc) == 2 and loc[0] == "questions" and isinstance(loc[1], int):
        item = lookup(raw, loc)
        kind = item.get("type") if isinstance(item, dict) else None
        model = _QUESTION_MODELS.get(kind) if isinstance(kind, str) else None
        return [model] if model is not None else list(_QUESTION_MODELS.values())
    return []


def _loc_of(raw: dict[Any, Any], mapping: dict[Any, Any]) -> Loc | None:
    """Where ``mapping`` is in the pack: the top, or an item of a top-level list."""
    if mapping is raw:
        return ()
    for section, items in raw.items():
        if isinstance(items, list):
            for index, item in enumerate(items):
                if item is mapping:
                    return (section, index)
    return None


def _required(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    return field is not None and field.is_required()


# Fields kept as text only to be read as numbers later (NumberQuestion's "answer", "accept",
# "tolerance", "min" and "max"): no player reads them as words, so "max: 45 # upper" is a
# teacher's note, and quoting it as the comment warning would say breaks the number.
NUMBER_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    NumberQuestion: frozenset({"answer", "accept", "tolerance", "min", "max"}),
}


def _holds_text(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    return (
        field is not None
        and name not in NUMBER_FIELDS.get(model, frozenset())
        and _is_text_type(field.annotation)
    )


def _is_text_type(annotation: Any) -> bool:
    """str, or str under Annotated, Optional or tuple[str, ...]."""
    if annotation is str:
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_text_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        return any(_is_text_type(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)
    return False
