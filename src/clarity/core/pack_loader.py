"""Load question packs from YAML files and report every problem as a ``file:line:col`` line.

A pack is read in four steps, each of which turns what the teacher got wrong into
:class:`Problem` values instead of exceptions:

1. bytes: size cap, UTF-8;
2. YAML: libyaml's event stream is turned into plain dicts, lists and strings here, so no
   tag can build an object, anchors and aliases are refused, duplicate keys are caught,
   and every scalar stays the text the teacher wrote (``No`` and ``007`` are not turned
   into ``False`` and ``7``); the line and column of every key and value are kept;
3. the pydantic models in :mod:`clarity.core.packs` (lax mode turns ``"20"`` into 20
   where the schema wants a number), with their errors reworded and placed;
4. the pictures: path rules, exact file-name case, format and size from the header.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import os
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import MappingProxyType
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from clarity.core.images import (
    FORMAT_BY_SUFFIX,
    ImageHeaderError,
    read_image_info,
)
from clarity.core.packs import (
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
    Pack,
    QuestionType,
    TrueFalseQuestion,
    TypedQuestion,
    duplicate_id_message,
    find_duplicate_ids,
    parse_grid,
)

Severity = Literal["error", "warning"]
Loc = tuple[Any, ...]  # a place in the pack: ("questions", 7, "answer")

PACK_SUFFIXES = (".yaml", ".yml")
MIB = 1024 * 1024
# Plain (unquoted) scalars that mean "nothing here"; everything else stays text.
_NULL_SCALARS = frozenset({"", "~", "null", "Null", "NULL"})
_STR_TAG = "tag:yaml.org,2002:str"  # "!!str" is harmless: every scalar is text anyway
_MAX_DEPTH = 64  # a pack nests four levels deep; far deeper is a broken or hostile file
_QUESTION_MODELS: dict[str, type[BaseModel]] = {
    QuestionType.CHOICE.value: ChoiceQuestion,
    QuestionType.TRUEFALSE.value: TrueFalseQuestion,
    QuestionType.TYPED.value: TypedQuestion,
}
_QUESTION_TYPES_TEXT = "choice, truefalse or typed"
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
# libyaml's words for the usual slips, and what a teacher should do about them.
_YAML_HINTS = {
    "found character that cannot start any token": (
        "this character cannot start a value; indent with spaces, not tabs, "
        "or put the value in quotes"
    ),
    "mapping values are not allowed in this context": (
        'a ":" followed by a space appears inside a value; put that text in quotes'
    ),
    "mapping values are not allowed here": (
        'a ":" followed by a space appears inside a value; put that text in quotes'
    ),
    "could not find expected ':'": 'expected a "field: value" line here',
    "did not find expected key": "this line does not line up with the lines above it",
    "did not find expected '-' indicator": (
        "this list item does not line up with the items above it"
    ),
    "found unexpected end of stream": (
        "the file ends too early; a closing quote or bracket is missing"
    ),
    "found a tab character that violates indentation": "indent with spaces, not tabs",
    "exceeded maximum nesting depth": "the lists and fields nest far too deep",
    "found unknown escape character": (
        'unknown escape after "\\" inside double quotes; use single quotes instead'
    ),
}


@dataclass(frozen=True)
class PackLimits:
    """Caps that keep a broken or hostile pack from eating the classroom computer."""

    max_bytes: int = 8 * MIB
    max_questions: int = 10_000
    max_image_side: int = 4096


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack file, at a 1-based line and column."""

    path: Path
    line: int
    column: int
    field: str  # "questions[7].answer"; empty for the file as a whole
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        kind = "warning: " if self.severity == "warning" else ""
        where = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {kind}{where}{self.message}"


@dataclass(frozen=True)
class LoadedPack:
    """The outcome of loading one file: the pack when it is fully valid, and its problems.

    ``pack`` is ``None`` whenever there is an error (a pack with a missing picture must
    never reach a game); warnings alone leave it in place.
    """

    path: Path
    pack: Pack | None
    problems: tuple[Problem, ...]
    sha256: str  # of the file's bytes; "" when the file could not be read
    images: Mapping[str, Path]  # image text as written in the pack -> absolute file path

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def first_error(self) -> str | None:
        errors = self.errors
        return str(errors[0]) if errors else None

    @property
    def id(self) -> str:
        return self.pack.id if self.pack is not None else self.path.stem

    @property
    def title(self) -> str:
        return self.pack.title if self.pack is not None else self.path.stem


def load_pack(path: Path, *, assets_dir: Path, limits: PackLimits = PackLimits()) -> LoadedPack:
    """Read, parse and check the pack at ``path``. Bad input never raises: see ``problems``.

    Images resolve against the pack file's folder first, then ``assets_dir``.
    """
    return _load(path, assets_dir=assets_dir, limits=limits, taken_ids={})


def load_packs(
    files: Sequence[Path], *, assets_dir: Path, limits: PackLimits = PackLimits()
) -> list[LoadedPack]:
    """Load ``files`` in order; a pack reusing the id of an earlier valid pack gets an error."""
    taken_ids: dict[str, Path] = {}
    return [
        _load(path, assets_dir=assets_dir, limits=limits, taken_ids=taken_ids) for path in files
    ]


def discover_packs(
    folders: Sequence[Path], *, assets_dir: Path, limits: PackLimits = PackLimits()
) -> list[LoadedPack]:
    """Every ``*.yaml``/``*.yml`` pack directly in ``folders``, sorted by title.

    Missing folders are skipped. An id already taken by a pack from an earlier folder (or
    an earlier file of the same folder) is an error on the later pack; one broken pack
    never stops the others loading.
    """
    files: list[Path] = []
    for folder in folders:
        files.extend(pack_files_in(folder))
    loaded = load_packs(files, assets_dir=assets_dir, limits=limits)
    return sorted(loaded, key=lambda p: (p.title.casefold(), p.title, str(p.path)))


def pack_files_in(folder: Path) -> list[Path]:
    """The pack files directly inside ``folder``, by name; none if it is missing or unreadable."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        entry
        for entry in entries
        # Hidden names are editor backups and lock files (".#pack.yaml"), not packs.
        if entry.suffix.lower() in PACK_SUFFIXES
        and not entry.name.startswith(".")
        and entry.is_file()
    )


# --- the whole load ------------------------------------------------------------------------


class _Report:
    """Collects the problems of one file, de-duplicated, in file order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._problems: dict[tuple[int, int, str, str, str], Problem] = {}

    def add(
        self,
        position: tuple[int, int],
        field_name: str,
        message: str,
        severity: Severity = "error",
    ) -> None:
        """Record a problem at a 0-based ``(line, column)`` as libyaml counts them."""
        line, column = position[0] + 1, position[1] + 1
        key = (line, column, field_name, message, severity)
        if key not in self._problems:
            self._problems[key] = Problem(self.path, line, column, field_name, message, severity)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self._problems.values())

    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self._problems.values(), key=lambda p: (p.line, p.column)))


_START = (0, 0)
_EMPTY_FILE = 'the file is empty; a pack starts with the line "clarity: 1"'


def _load(
    path: Path, *, assets_dir: Path, limits: PackLimits, taken_ids: dict[str, Path]
) -> LoadedPack:
    with _collector_paused():
        return _load_unpaused(path, assets_dir=assets_dir, limits=limits, taken_ids=taken_ids)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a pack is built, then restore it.

    Parsing makes some hundred thousand dicts, lists and strings and no reference cycles;
    with the collector running, its repeated full passes over all of them took about half
    the time of loading a 10,000-question pack. Nothing here is left for it to find.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_unpaused(
    path: Path, *, assets_dir: Path, limits: PackLimits, taken_ids: dict[str, Path]
) -> LoadedPack:
    report = _Report(path)

    def done(pack: Pack | None, digest: str, images: Mapping[str, Path]) -> LoadedPack:
        problems = report.problems()
        keep = pack if not any(p.severity == "error" for p in problems) else None
        return LoadedPack(path, keep, problems, digest, MappingProxyType(dict(images)))

    data = _read_capped(path, limits.max_bytes, report)
    if data is None:
        return done(None, "", {})
    digest = hashlib.sha256(data).hexdigest()
    text = _decode(data, report)
    if text is None:
        return done(None, digest, {})
    tree = _compose(text, report)
    if tree is None:
        return done(None, digest, {})
    raw, positions = tree
    if raw is None:  # "---" and nothing else
        report.add(_START, "", _EMPTY_FILE)
        return done(None, digest, {})
    if not isinstance(raw, dict):
        kind = "a list" if isinstance(raw, list) else "a single value"
        report.add(
            positions.value(()),
            "",
            f'the file should hold "field: value" lines (clarity:, id:, title: ...), '
            f"but it holds {kind}",
        )
        return done(None, digest, {})

    questions = raw.get("questions")
    if isinstance(questions, list) and len(questions) > limits.max_questions:
        report.add(
            positions.key(("questions",)),
            "questions",
            f"the pack has {len(questions):,} questions; "
            f"a pack can hold at most {limits.max_questions:,}",
        )
        return done(None, digest, {})

    pack = _validate(raw, positions, report)
    if pack is None and not _version_is_known(raw):
        return done(None, digest, {})  # another version's fields mean nothing to us
    _check_question_ids(raw, positions, report)
    images = _check_images(
        raw, positions, pack_dir=path.parent, assets_dir=assets_dir, limits=limits, report=report
    )
    _warn_about_grids(raw, positions, report)
    if pack is not None and not report.has_errors:
        other = taken_ids.get(pack.id)
        if other is not None:
            report.add(positions.value(("id",)), "id", f'"{pack.id}" is already used by {other}')
        else:
            taken_ids[pack.id] = path
    return done(pack, digest, images)


def _read_capped(path: Path, max_bytes: int, report: _Report) -> bytes | None:
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            # Also read at most one byte past the cap: the size on disk may be wrong or
            # change (a device, a file being written).
            data = stream.read(max_bytes + 1) if size <= max_bytes else b""
    except IsADirectoryError:
        report.add(_START, "", "this is a folder, not a pack file")
        return None
    except OSError as exc:
        report.add(_START, "", f"cannot read the file: {exc.strerror or exc}")
        return None
    if size > max_bytes or len(data) > max_bytes:
        size = max(size, len(data))
        shown, cap = _size_text(size), _size_text(max_bytes)
        if shown == cap:  # just over the cap: "8 MiB; at most 8 MiB" would puzzle anyone
            shown, cap = f"{size:,} bytes", f"{cap} ({max_bytes:,} bytes)"
        report.add(_START, "", f"the file is {shown}; a pack file can be at most {cap}")
        return None
    return data


def _size_text(size: int) -> str:
    if size >= 1024 * MIB:
        return f"{size / (1024 * MIB):.3g} GiB"
    if size >= MIB:
        return f"{size / MIB:.3g} MiB"
    if size >= 1024:
        return f"{size / 1024:.3g} KiB"
    return f"{size} bytes"


def _decode(data: bytes, report: _Report) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.add(_START, "", "the file is saved as UTF-16; save it as UTF-8 instead")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start)
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1)
        report.add(
            (line, column),
            "",
            f"the file is not UTF-8 text: line {line + 1}, byte {column + 1} "
            f"(0x{data[exc.start]:02X}) cannot be read; save the file as UTF-8",
        )
        return None
    return text.removeprefix("\ufeff")  # a byte-order mark some Windows editors add


def _version_is_known(raw: dict[Any, Any]) -> bool:
    """False only when ``clarity:`` names a version number other than ours."""
    version = raw.get("clarity")
    if not isinstance(version, str):
        return True
    try:
        return int(version) == FORMAT_VERSION
    except ValueError:
        return True


# --- YAML to plain data with positions ------------------------------------------------------


class _Positions:
    """Where each key and value of the pack starts.

    libyaml's marks are kept beside each container (a dict or list of marks per dict or
    list, found by the container's id) rather than in one table keyed by path: that is
    one store per node while parsing, and a short walk only when a problem is reported.
    The containers live as long as the parsed data, so their ids stay unique.
    """

    def __init__(self) -> None:
        self.root: Any = None
        self.root_mark: Any = None
        self.value_marks: dict[int, Any] = {}  # id(container) -> {key: mark} or [mark, ...]
        self.key_marks: dict[int, dict[Any, Any]] = {}  # id(dict) -> {key: mark of the key}
        # Values replaced because of a reported alias or tag: errors inside them are echoes.
        self.refused: set[Loc] = set()

    def is_refused(self, loc: Loc) -> bool:
        return any(loc[:end] in self.refused for end in range(len(loc) + 1))

    def value(self, loc: Loc) -> tuple[int, int]:
        """The value at ``loc``, or, when it is absent, the nearest enclosing value
        (0-based line and column)."""
        mark, _ = self._walk(loc)
        return _where(mark)

    def key(self, loc: Loc) -> tuple[int, int]:
        """The key naming ``loc``, falling back to its value's position."""
        if loc:
            _, parent = self._walk(loc[:-1])
            marks = self.key_marks.get(id(parent)) if isinstance(parent, dict) else None
            if marks is not None and loc[-1] in marks:
                return _where(marks[loc[-1]])
        return self.value(loc)

    def _walk(self, loc: Loc) -> tuple[Any, Any]:
        """The mark of the deepest value along ``loc`` that exists, and that value."""
        node, mark = self.root, self.root_mark
        for step in loc:
            marks = self.value_marks.get(id(node)) if isinstance(node, dict | list) else None
            if marks is None:
                break
            if isinstance(node, dict):
                if not isinstance(step, str) or step not in marks:
                    break
            elif not (isinstance(step, int) and 0 <= step < len(marks)):
                break
            node, mark = node[step], marks[step]
        return mark, node


def _where(mark: Any) -> tuple[int, int]:
    return (mark.line, mark.column) if mark is not None else _START


_NO_KEY = object()  # the mapping being built waits for its next key
_BAD_KEY = object()  # the key was unusable (reported); its value is skipped


def _loader_class() -> type[Any]:
    # libyaml's parser is several times faster; the pure-Python one behaves the same.
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, report: _Report) -> tuple[Any, _Positions] | None:
    loader = _loader_class()(text)
    try:
        return _build(loader, report)
    except yaml.YAMLError as exc:
        _report_yaml_error(exc, text, report)
        return None
    finally:
        loader.dispose()


def _build(loader: Any, report: _Report) -> tuple[Any, _Positions] | None:
    """Turn the event stream into dicts, lists, str and None, keeping every position.

    An explicit loop over events, not recursion: a hostile file may nest very deep. This
    loop is most of the time a big pack takes to load, so the common case (a plain
    scalar) comes first and does as little as possible; anything unusual (a tag, an
    anchor, an alias, a bad key) leaves the fast path to be reported.
    """
    get_event = loader.get_event
    get_event()  # StreamStartEvent
    if type(get_event()) is yaml.StreamEndEvent:  # else a DocumentStartEvent
        report.add(_START, "", _EMPTY_FILE)
        return None
    positions = _Positions()
    value_marks, key_marks = positions.value_marks, positions.key_marks
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    null_scalars = _NULL_SCALARS

    stack: list[tuple[Any, Any, Any, Loc, bool, Any]] = []
    container: Any = None  # the dict or list being filled; None at the top
    marks: Any = None  # the marks of its values
    keys: Any = None  # the marks of its keys (a dict's)
    path: Loc = ()  # where the container is, for messages
    is_map = False
    key: Any = _NO_KEY  # in a dict: the key whose value comes next
    root: Any = None

    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            refused = False
            if event.tag is not None or event.anchor is not None:
                refused = _refuse_odd_node(event, _child(path, container, is_map, key), report)
            value = event.value
            if value in null_scalars and event.implicit[0]:
                value = None
            if is_map:
                if key is _NO_KEY:
                    if value is None or value in container:
                        _refuse_key(value, event.start_mark, path, keys, report)
                        key = _BAD_KEY
                    else:
                        key = value
                        keys[value] = event.start_mark
                    continue
                if key is not _BAD_KEY:
                    if refused:
                        positions.refused.add((*path, key))
                    container[key] = value
                    marks[key] = event.start_mark
                key = _NO_KEY
            elif container is not None:
                if refused:
                    positions.refused.add((*path, len(container)))
                container.append(value)
                marks.append(event.start_mark)
            else:
                root, positions.root_mark = value, event.start_mark
            continue

        if kind is mapping_end or kind is sequence_end:
            container, marks, keys, path, is_map, key = stack.pop()
            if is_map:
                key = _NO_KEY
            continue

        if kind is mapping_start or kind is sequence_start:
            child = _child(path, container, is_map, key)
            refused = False
            if event.tag is not None or event.anchor is not None:
                refused = _refuse_odd_node(event, child, report)
            if is_map and (key is _NO_KEY or key is _BAD_KEY):
                if key is _NO_KEY:
                    report.add(_where(event.start_mark), _field_name(path), _PLAIN_KEY)
                    key = _BAD_KEY
                else:
                    key = _NO_KEY  # the value of a reported key: dropped unread
                _skip_node(get_event)
                continue
            if len(stack) >= _MAX_DEPTH:
                report.add(_where(event.start_mark), _field_name(child), _TOO_DEEP)
                return None
            if refused:
                positions.refused.add(child)
            new: Any
            if kind is mapping_start:
                new, new_marks, new_keys = {}, {}, {}
                key_marks[id(new)] = new_keys
            else:
                new, new_marks, new_keys = [], [], None
            value_marks[id(new)] = new_marks
            # Attached as soon as it starts, so that closing it is only a pop.
            if is_map:
                container[key] = new
                marks[key] = event.start_mark
            elif container is not None:
                container.append(new)
                marks.append(event.start_mark)
            else:
                root, positions.root_mark = new, event.start_mark
            stack.append((container, marks, keys, path, is_map, key))
            container, marks, keys, path = new, new_marks, new_keys, child
            is_map, key = kind is mapping_start, _NO_KEY
            continue

        if kind is alias_event:
            child = _child(path, container, is_map, key)
            report.add(
                _where(event.start_mark),
                _field_name(child),
                f'aliases ("*{event.anchor}") are not allowed in a pack; '
                "write the value out in full",
            )
            if is_map:
                if key is _NO_KEY:
                    key = _BAD_KEY
                    continue
                if key is not _BAD_KEY:
                    positions.refused.add(child)
                    container[key] = None
                    marks[key] = event.start_mark
                key = _NO_KEY
            elif container is not None:
                positions.refused.add(child)
                container.append(None)
                marks.append(event.start_mark)
            continue

        if kind is yaml.DocumentEndEvent:
            _refuse_more_documents(get_event, report)
            positions.root = root
            return root, positions


_PLAIN_KEY = "a field name should be plain text"
_TOO_DEEP = "the lists and fields nest far too deep"


def _child(path: Loc, container: Any, is_map: bool, key: Any) -> Loc:
    """Where the node that starts now goes (for a key: its mapping)."""
    if container is None:
        return ()
    if is_map:
        return path if key is _NO_KEY else (*path, key)
    return (*path, len(container))


def _refuse_odd_node(event: Any, loc: Loc, report: _Report) -> bool:
    """Report a tag (other than ``!!str``) or an anchor; True if the value is refused."""
    where = _where(event.start_mark)
    refused = False
    tag = event.tag
    if tag is not None and not (type(event) is yaml.ScalarEvent and tag == _STR_TAG):
        shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag
        report.add(
            where,
            _field_name(loc),
            f'tags such as "{shown}" are not allowed in a pack; write a plain value',
        )
        refused = True
    if event.anchor is not None:
        report.add(
            where,
            _field_name(loc),
            f'anchors ("&{event.anchor}") are not allowed in a pack; write every value out in full',
        )
    return refused


def _refuse_key(value: Any, mark: Any, path: Loc, keys: dict[Any, Any], report: _Report) -> None:
    if value is None:
        report.add(_where(mark), _field_name(path), 'a field name is missing before ":"')
        return
    first = keys[value]
    report.add(
        _where(mark),
        _field_name((*path, value)),
        f"is given twice in the same place (first on line {first.line + 1}); keep one",
    )


def _skip_node(get_event: Any) -> None:
    """Consume the rest of a mapping or sequence whose start event was just read."""
    depth = 1
    while depth:
        kind = type(get_event())
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            depth += 1
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            depth -= 1


def _refuse_more_documents(get_event: Any, report: _Report) -> None:
    event = get_event()
    if isinstance(event, yaml.DocumentStartEvent):
        report.add(
            (event.start_mark.line, event.start_mark.column),
            "",
            'the file holds a second YAML document (after "---"); a pack is one document',
        )


def _report_yaml_error(exc: yaml.YAMLError, text: str, report: _Report) -> None:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        problem = exc.problem or "the YAML is broken"
        hint = _YAML_HINTS.get(problem.strip(), problem)
        context = ""
        if exc.context and exc.context_mark is not None:
            context = f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        report.add((mark.line, mark.column), "", f"the YAML cannot be read: {hint}{context}")
        return
    position = getattr(exc, "position", None)  # a ReaderError: a character YAML refuses
    if isinstance(position, int):
        line = text.count("\n", 0, position)
        column = position - (text.rfind("\n", 0, position) + 1)
        character = getattr(exc, "character", None)
        shown = f"U+{character:04X} " if isinstance(character, int) else ""
        report.add(
            (line, column),
            "",
            f"the file holds a character YAML does not allow ({shown}a control character)",
        )
        return
    report.add(_START, "", f"the YAML cannot be read: {exc}")


# --- validation against the models ---------------------------------------------------------


def _validate(raw: dict[Any, Any], positions: _Positions, report: _Report) -> Pack | None:
    try:
        return Pack.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    version_errors = [e for e in errors if e["loc"] == ("clarity",) and e["type"] == "value_error"]
    if version_errors:
        errors = version_errors  # a format we do not know: its other fields mean nothing
    for error in errors:
        if positions.refused and positions.is_refused(_clean_loc(error["loc"])[0]):
            continue
        _report_validation_error(error, raw, positions, report)
    return None


def _report_validation_error(
    error: Any, raw: dict[Any, Any], positions: _Positions, report: _Report
) -> None:
    loc, tag = _clean_loc(error["loc"])
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")

    if kind == "too_short" and _length(value) >= ctx.get("min_length", 0):
        return  # "too short after validation": the failing items are reported one by one
    if kind == "extra_forbidden":
        report.add(positions.key(loc), _field_name(loc), _unknown_field(loc, tag))
        return
    if kind == "missing":
        report.add(positions.value(loc[:-1]), _field_name(loc), _missing(name))
        return
    if kind == "union_tag_invalid":
        type_loc = (*loc, "type")
        report.add(
            positions.value(type_loc),
            _field_name(type_loc),
            f'"{ctx.get("tag")}" is not a question type; use {_QUESTION_TYPES_TEXT}',
        )
        return
    if kind == "union_tag_not_found":
        type_loc = (*loc, "type")
        item = _lookup(raw, loc)
        has_type = isinstance(item, dict) and "type" in item
        report.add(
            positions.value(type_loc if has_type else loc),
            _field_name(type_loc),
            f"{'is empty' if has_type else 'is missing'}; "
            f"say which kind of question this is: {_QUESTION_TYPES_TEXT}",
        )
        return
    if kind == "value_error":
        loc, message = _located(loc, str(ctx.get("error", error["msg"])))
        report.add(positions.value(loc), _field_name(loc), message)
        return
    report.add(positions.value(loc), _field_name(loc), _plain_words(kind, name, loc, ctx, value))


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Loc, str | None]:
    """Drop the question-type step pydantic adds inside ``questions[i]``; return it too."""
    if len(loc) > 2 and loc[0] == "questions" and loc[2] in _QUESTION_MODELS:
        return (loc[0], loc[1], *loc[3:]), loc[2]
    return tuple(loc), None


def _located(loc: Loc, message: str) -> tuple[Loc, str]:
    """Move ``loc`` to the place a model message names at its start (``choices[2]: ...``)."""
    match = _LOCATED_MESSAGE.fullmatch(message)
    if match is None:
        return loc, message
    steps: list[str | int] = [
        name if name else int(index) for name, index in _LOC_PART.findall(match.group(1))
    ]
    if loc and steps and loc[-1] == steps[0]:  # a field validator: loc already names the field
        steps = steps[1:]
    return (*loc, *steps), match.group(2)


def _plain_words(kind: str, name: str, loc: Loc, ctx: dict[str, Any], value: Any) -> str:
    if value is None and kind != "missing":
        return "is empty; write a value here"
    if kind in _INT_ERRORS:
        if name == "clarity":
            return f'should be the format version, a number: write "clarity: {FORMAT_VERSION}"'
        low, high = _WHOLE_NUMBER_RANGES.get(name, (None, None))
        if low is not None:
            return f"should be a whole number from {low} to {high}"
        return "should be a whole number"
    if kind in ("bool_type", "bool_parsing"):
        return "should be true or false"
    if kind == "string_type":
        return f"should be text, not {_kind_of(value)}"
    if kind == "string_too_short":
        return "should not be empty"
    if kind == "string_too_long":
        return f"is too long ({_length(value)} characters); at most {ctx.get('max_length')}"
    if kind == "string_pattern_mismatch":
        if name == "id":
            return (
                'should be a lowercase slug like "union-state": '
                "letters a-z, digits and single hyphens"
            )
        if name == "language":
            return 'should be a language code like "en" or "pt-BR"'
        return f"does not have the right form ({ctx.get('pattern')})"
    if kind in ("enum", "literal_error"):
        return f"should be {str(ctx.get('expected', '')).replace(chr(39), '')}"
    if kind in _LIST_ERRORS:
        if isinstance(value, str):
            return f"should be a list, for example [{value}]"
        return "should be a list, for example [first, second]"
    if kind in _MAPPING_ERRORS:
        return _not_a_mapping(loc, value)
    if kind == "too_short":
        return _too_short(name, ctx)
    if kind == "too_long":
        if name == "choices":
            return (
                f"a choice question has at most {MAX_CHOICES} choices; "
                f"this one has {ctx.get('actual_length')}"
            )
        return f"has too many items; at most {ctx.get('max_length')}"
    return str(ctx.get("error", "")) or "is not valid here"


def _missing(name: str) -> str:
    hints = {
        "clarity": f'is missing; the file should start with "clarity: {FORMAT_VERSION}"',
        "rounds": "is missing; a pack needs at least one mystery image under rounds:",
        "questions": "is missing; a pack needs at least one question under questions:",
        "answer": "is missing; every question and round needs its right answer",
        "choices": (f"is missing; a choice question lists {MIN_CHOICES} to {MAX_CHOICES} choices"),
    }
    return hints.get(name, "is missing")


def _too_short(name: str, ctx: dict[str, Any]) -> str:
    if name == "questions":
        return "the pack has no questions; add at least one"
    if name == "rounds":
        return "the pack has no rounds; add at least one mystery image"
    if name == "choices":
        return (
            f"a choice question needs at least {MIN_CHOICES} choices; "
            f"this one has {ctx.get('actual_length')}"
        )
    return f"needs at least {ctx.get('min_length')} items"


def _not_a_mapping(loc: Loc, value: Any) -> str:
    if loc and loc[-1] == "grid":
        return "should be rows x columns, like 4x5"
    if len(loc) == 2 and loc[0] == "questions":
        return (
            "each question should be a group of field lines "
            "(type:, prompt:, answer: ...), not " + _kind_of(value)
        )
    if len(loc) == 2 and loc[0] == "rounds":
        return "each round should be a group of field lines (image:, answer: ...), not " + _kind_of(
            value
        )
    return 'should be a group of "field: value" lines, not ' + _kind_of(value)


def _unknown_field(loc: Loc, tag: str | None) -> str:
    name = str(loc[-1])
    model = _model_at(loc[:-1], tag)
    if model is None:
        return "is not a known field"
    if tag is not None and name not in model.model_fields:
        owners = [t for t, m in _QUESTION_MODELS.items() if name in m.model_fields]
        if owners:
            return f"is not used in a {tag} question, only in {' and '.join(owners)} questions"
    known = list(model.model_fields)
    close = difflib.get_close_matches(name.casefold(), known, n=1, cutoff=0.6)
    if close:
        return f"is not a known field; did you mean `{close[0]}`?"
    return f"is not a known field; the fields here are {', '.join(known)}"


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


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list | tuple):
        return "a list"
    if value is None:
        return "empty"
    return "a single value"


def _length(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


def _lookup(raw: Any, loc: Loc) -> Any:
    node = raw
    for step in loc:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return None
    return node


def _field_name(loc: Loc) -> str:
    """``("questions", 7, "answer")`` as a teacher reads it: ``questions[7].answer``."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        elif isinstance(step, str):
            text += f".{step}" if text else step
    return text


# --- checks across items -------------------------------------------------------------------


def _items(raw: dict[Any, Any], section: str) -> Iterator[tuple[int, dict[Any, Any]]]:
    items = raw.get(section)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _check_question_ids(raw: dict[Any, Any], positions: _Positions, report: _Report) -> None:
    """Every repeated question id, also when other questions fail (the model stops at one)."""
    items = raw.get("questions")
    if not isinstance(items, list):
        return
    ids = [
        item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None
        for item in items
    ]
    for index, value, first in find_duplicate_ids(ids):
        loc, message = _located(("questions",), duplicate_id_message(index, value, first))
        report.add(positions.value(loc), _field_name(loc), message)


def _warn_about_grids(raw: dict[Any, Any], positions: _Positions, report: _Report) -> None:
    questions = raw.get("questions")
    if not isinstance(questions, list) or not questions:
        return
    count = len(questions)
    default_grid = Mystery.model_fields["grid"].get_default(call_default_factory=True)
    for index, item in _items(raw, "rounds"):
        written = item.get("grid")
        try:
            grid = default_grid if written is None else Grid.model_validate(parse_grid(written))
        except ValueError:  # pydantic's ValidationError too; validation reports it
            continue
        rows, cols = grid.rows, grid.cols
        if rows * cols > count:
            loc = ("rounds", index, "grid")
            report.add(
                positions.value(loc),
                _field_name(loc),
                f"the {rows}x{cols} grid has {rows * cols} tiles but the pack has only "
                f"{count} question{'s' if count != 1 else ''}, so the questions run out "
                "before every tile is uncovered",
                "warning",
            )


# --- pictures ------------------------------------------------------------------------------


def _check_images(
    raw: dict[Any, Any],
    positions: _Positions,
    *,
    pack_dir: Path,
    assets_dir: Path,
    limits: PackLimits,
    report: _Report,
) -> dict[str, Path]:
    finder = _ImageFinder(pack_dir, assets_dir, limits.max_image_side)
    images: dict[str, Path] = {}
    for section in ("rounds", "questions"):
        for index, item in _items(raw, section):
            written = item.get("image")
            if not isinstance(written, str) or not written.strip():
                continue  # missing or empty: the models report it
            text = written.strip()
            found, problem = finder.find(text)
            if found is not None:
                images[text] = found
            else:
                loc = (section, index, "image")
                report.add(positions.value(loc), _field_name(loc), problem or "cannot be used")
    return images


class _ImageFinder:
    """Resolves and checks image paths for one pack, remembering folder listings."""

    def __init__(self, pack_dir: Path, assets_dir: Path, max_side: int) -> None:
        self._bases = (pack_dir, assets_dir)
        self._max_side = max_side
        self._listings: dict[Path, tuple[frozenset[str], dict[str, str]] | None] = {}
        self._results: dict[str, tuple[Path | None, str | None]] = {}

    def find(self, text: str) -> tuple[Path | None, str | None]:
        """``(absolute path, None)`` for a usable image, else ``(None, message)``."""
        if text not in self._results:
            self._results[text] = self._find(text)
        return self._results[text]

    def _find(self, text: str) -> tuple[Path | None, str | None]:
        if "\\" in text:
            return None, f'use "/" between folder names, not "\\": "{text.replace(chr(92), "/")}"'
        if PurePosixPath(text).is_absolute() or PureWindowsPath(text).drive:
            return None, "should be a path relative to the pack file, not an absolute path"
        suffix = PurePosixPath(text).suffix.lower()
        if suffix not in FORMAT_BY_SUFFIX:
            return None, (
                "should be a PNG, JPEG, GIF or WebP picture (.png, .jpg, .jpeg, .gif or .webp)"
            )
        normal = posixpath.normpath(text)
        if normal == ".." or normal.startswith("../"):
            return None, (
                'goes outside the pack\'s folder (through ".."); '
                "keep pictures next to the pack or in a folder beside it"
            )
        parts = [part for part in normal.split("/") if part not in ("", ".")]
        for base in self._bases:
            found, problem = self._walk(base, parts)
            if problem is not None:
                return None, problem
            if found is not None:
                return self._check_file(base, found)
        return None, (
            f'no picture "{text}" next to the pack ({self._bases[0]}) '
            f"or in the game's assets ({self._bases[1]})"
        )

    def _walk(self, base: Path, parts: list[str]) -> tuple[Path | None, str | None]:
        """Follow ``parts`` from ``base`` by exact name; a case-only mismatch is a problem."""
        current = base
        spelled: list[str] = []
        mismatch = False
        for part in parts:
            listing = self._listing(current)
            if listing is None:
                return None, None
            exact, folded = listing
            if part in exact:
                actual = part
            else:
                actual = folded.get(part.casefold())
                if actual is None:
                    return None, None
                mismatch = True
            spelled.append(actual)
            current = current / actual
        if mismatch:
            right = "/".join(spelled)
            return None, (
                f'the file is spelled "{right}"; upper and lower case must match exactly '
                "(Linux and macOS tell them apart)"
            )
        return current, None

    def _listing(self, folder: Path) -> tuple[frozenset[str], dict[str, str]] | None:
        """The exact names in ``folder`` and the same by case-folded form (for near misses);
        ``None`` when it is not a readable folder."""
        if folder not in self._listings:
            try:
                names = sorted(entry.name for entry in folder.iterdir())
            except OSError:
                self._listings[folder] = None
            else:
                self._listings[folder] = (
                    frozenset(names),
                    {name.casefold(): name for name in names},
                )
        return self._listings[folder]

    def _check_file(self, base: Path, found: Path) -> tuple[Path | None, str | None]:
        try:
            resolved = found.resolve(strict=True)
            inside = resolved.is_relative_to(base.resolve(strict=True))
        except (OSError, RuntimeError):  # a dangling or looping symbolic link
            return None, "is a link to a file that does not exist"
        if not inside:
            return None, (
                "is a symbolic link to a file outside the pack's folder and the game's assets"
            )
        if not resolved.is_file():
            return None, "is a folder, not a picture"
        expected = FORMAT_BY_SUFFIX[found.suffix.lower()]
        try:
            info = read_image_info(resolved)
        except ImageHeaderError as exc:
            return None, f"{exc} (the name ends in {found.suffix})"
        except OSError as exc:
            return None, f"cannot be read: {exc.strerror or exc}"
        if info.format is not expected:
            return None, (
                f"the file is named {found.suffix} but holds a {info.format} image; "
                f"rename it or save it as {expected}"
            )
        side = self._max_side
        if info.width > side or info.height > side:
            return None, (
                f"the picture is {info.width}x{info.height} pixels; the largest allowed is "
                f"{side}x{side}, so scale it down"
            )
        return resolved, None
