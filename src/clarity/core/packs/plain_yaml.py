"""YAML text to plain dicts, lists and strings, with the position of every key and value.

libyaml's event stream is turned into plain data here, so no tag can build an object,
anchors and aliases are refused, duplicate keys are caught, and every scalar stays the
text the teacher wrote (``No`` and ``007`` are not turned into ``False`` and ``7``).
What is wrong with the YAML goes to a :class:`~clarity.core.packs.report.Report`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from clarity.core.packs.report import START, Loc, Report, field_name

# Plain (unquoted) scalars that mean "nothing here"; everything else stays text.
_NULL_SCALARS = frozenset({"", "~", "null", "Null", "NULL"})
_STR_TAG = "tag:yaml.org,2002:str"  # "!!str" is harmless: every scalar is text anyway
_MAX_DEPTH = 64  # a pack nests four levels deep; far deeper is a broken or hostile file
_EMPTY_FILE = 'the file is empty; a pack starts with the line "clarity: 1"'
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


class Positions:
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
    return (mark.line, mark.column) if mark is not None else START


_NO_KEY = object()  # the mapping being built waits for its next key
_BAD_KEY = object()  # the key was unusable (reported); its value is skipped


def _loader_class() -> type[Any]:
    # libyaml's parser is several times faster; the pure-Python one behaves the same.
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str, report: Report) -> tuple[Any, Positions] | None:
    """The document in ``text`` as plain data, with its positions; None, with the
    problems reported, when the YAML cannot be read or holds nothing."""
    loader = _loader_class()(text)
    try:
        return _build(loader, report)
    except yaml.YAMLError as exc:
        _report_yaml_error(exc, text, report)
        return None
    finally:
        loader.dispose()


def _build(loader: Any, report: Report) -> tuple[Any, Positions] | None:
    """Turn the event stream into dicts, lists, str and None, keeping every position.

    An explicit loop over events, not recursion: a hostile file may nest very deep. This
    loop is most of the time a big pack takes to load, so the common case (a plain
    scalar) comes first and does as little as possible; anything unusual (a tag, an
    anchor, an alias, a bad key) leaves the fast path to be reported.
    """
    get_event = loader.get_event
    get_event()  # StreamStartEvent
    if type(get_event()) is yaml.StreamEndEvent:  # else a DocumentStartEvent
        report.add(START, "", _EMPTY_FILE)
        return None
    positions = Positions()
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
                    report.add(_where(event.start_mark), field_name(path), _PLAIN_KEY)
                    key = _BAD_KEY
                else:
                    key = _NO_KEY  # the value of a reported key: dropped unread
                _skip_node(get_event)
                continue
            if len(stack) >= _MAX_DEPTH:
                report.add(_where(event.start_mark), field_name(child), _TOO_DEEP)
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
                field_name(child),
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
            if root is None:  # "---" and nothing else
                report.add(START, "", _EMPTY_FILE)
                return None
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


def _refuse_odd_node(event: Any, loc: Loc, report: Report) -> bool:
    """Report a tag (other than ``!!str``) or an anchor; True if the value is refused."""
    where = _where(event.start_mark)
    refused = False
    tag = event.tag
    if tag is not None and not (type(event) is yaml.ScalarEvent and tag == _STR_TAG):
        shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag
        report.add(
            where,
            field_name(loc),
            f'tags such as "{shown}" are not allowed in a pack; write a plain value',
        )
        refused = True
    if event.anchor is not None:
        report.add(
            where,
            field_name(loc),
            f'anchors ("&{event.anchor}") are not allowed in a pack; write every value out in full',
        )
    return refused


def _refuse_key(value: Any, mark: Any, path: Loc, keys: dict[Any, Any], report: Report) -> None:
    if value is None:
        report.add(_where(mark), field_name(path), 'a field name is missing before ":"')
        return
    first = keys[value]
    report.add(
        _where(mark),
        field_name((*path, value)),
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


def _refuse_more_documents(get_event: Any, report: Report) -> None:
    event = get_event()
    if isinstance(event, yaml.DocumentStartEvent):
        report.add(
            (event.start_mark.line, event.start_mark.column),
            "",
            'the file holds a second YAML document (after "---"); a pack is one document',
        )


def _report_yaml_error(exc: yaml.YAMLError, text: str, report: Report) -> None:
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
    report.add(START, "", f"the YAML cannot be read: {exc}")


# --- reading the plain data --------------------------------------------------------------


def section_items(raw: dict[Any, Any], section: str) -> Iterator[tuple[int, dict[Any, Any]]]:
    """``(index, item)`` for each item of the list ``raw[section]`` that is a mapping."""
    items = raw.get(section)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def lookup(raw: Any, loc: Loc) -> Any:
    """The value at ``loc`` in the plain data, or None where there is none."""
    node = raw
    for step in loc:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return None
    return node
