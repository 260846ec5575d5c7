"""YAML text to plain dicts, lists and strings, with the position of every key and value.

libyaml's event stream is turned into plain data here, so no tag can build an object,
anchors and aliases are refused, duplicate keys are caught, and every scalar stays the
text the teacher wrote: none of YAML 1.1's implicit types applies (``No``, ``on``, ``y``,
``007``, ``0x1F``, ``1_000``, ``.inf``, ``1e3``, ``2001-12-14``, ``=``, ``<<`` all stay
the text written). The only exception is a plain value that means "nothing": an empty
one, or ``~``, ``null``, ``Null`` or ``NULL`` as the value of a field; as a list item
those words are text, and where a field must hold text
(:func:`clarity.core.packs.problems.keep_written_words`) they are text too.

Where YAML reads something other than what a teacher most likely meant (a comment
cutting a text short, a list item cut at a comma), :mod:`.yaml_warnings` says so with the
quoting that fixes it; libyaml's own messages become a teacher's words in
:mod:`.yaml_messages`. A hostile
file costs bounded time and memory: at most :data:`MAX_ALIASES` aliases are reported and
:data:`MAX_VALUES` values read before reading stops with one problem.
What is wrong with the YAML goes to a :class:`~clarity.core.packs.report.Report`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from clarity.core.messages import message, plural_message
from clarity.core.packs.report import START, Loc, Report, field_name, shown
from clarity.core.packs.yaml_messages import (
    TOO_DEEP,
    cannot_be_read,
    is_odd_space,
    odd_indent_message,
    report_yaml_error,
    tag_as_text_message,
)
from clarity.core.packs.yaml_warnings import (
    find_comment_starts,
    may_hold_split_items,
    warn_about_escapes,
    warn_about_split_items,
)

# Plain (unquoted) scalars that mean "nothing here" as a field's value; everything else
# stays text. As a list item only the empty one does: ``[yes, no, null]`` is three words.
_NULL_SCALARS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_ALIASES = 20  # each is refused; past these the file is hostile, not mistaken
# The benchmark's 10,000-question pack (the cap) holds 223,000 values (keys, texts, lists
# and groups), one with every field and full lists some 450,000; 8 MiB of "[1,1,1,..."
# holds four million, each costing libyaml's marks and a string.
MAX_VALUES = 600_000
# " ", the tab and the spaces of Unicode (U+00A0 and the like) YAML does not indent with.
_BLANKS = " \t" + "".join(
    chr(code) for code in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
)
_STR_TAG = "tag:yaml.org,2002:str"  # "!!str" is harmless: every scalar is text anyway
MAX_DEPTH = 64  # a pack nests four levels deep; far deeper is a broken or hostile file
_EMPTY_FILE = message(
    # Translators: {first_line} is the line a pack starts with, as written in YAML.
    'the file is empty; a pack starts with the line "{first_line}"',
    first_line="clarity: 1",
)


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
        # Fields whose value is a plain "null" word, read as nothing: (mapping, key,
        # the word); where the field needs text the word is put back.
        self.null_words: list[tuple[dict[Any, Any], Any, str]] = []
        # Plain values a comment cut short: (where, the value read, the mark of its end).
        self.comment_cuts: list[tuple[Loc, str, Any]] = []

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
        return _build(loader, text, report)
    except yaml.YAMLError as exc:
        report_yaml_error(exc, text, report)
        return None
    finally:
        loader.dispose()


def _build(loader: Any, text: str, report: Report) -> tuple[Any, Positions] | None:
    """Turn the event stream into dicts, lists, str and None, keeping every position.

    An explicit loop over events, not recursion: a hostile file may nest very deep. This
    loop is most of the time a big pack takes to load, so the common case (a plain
    scalar) comes first and does as little as possible; anything unusual (a tag, an
    anchor, an alias, a bad key, a comment after a value) leaves the fast path.
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
    # Most packs have no comment after a value: then this is empty and costs nothing.
    comment_starts = find_comment_starts(text)
    # Most have no backslash and no space but " " and the tab: then those checks cost nothing.
    backslashes = "\\" in text
    odd_spaces = not text.isascii() and any(space in text for space in _BLANKS[2:])
    values_left, aliases_left = MAX_VALUES + 1, MAX_ALIASES + 1

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
            values_left -= 1
            if not values_left:
                _report_too_many_values(event, report)
                return None
            refused = False
            if event.tag is not None or event.anchor is not None:
                refused = _refuse_odd_node(
                    event, _child(path, container, is_map, key), text, report
                )
            value = event.value
            if is_map:
                if key is _NO_KEY:
                    if value in null_scalars and event.implicit[0]:
                        value = None
                    if value is None or value in container:
                        _refuse_key(value, event.start_mark, path, keys, report)
                        key = _BAD_KEY
                    elif odd_spaces and value[:1] > "\x7f" and is_odd_space(value[0]):
                        # A field indented with non-breaking spaces where YAML still
                        # reads a field (at the top): its name starts with them. Worded
                        # as the error libyaml raises for it deeper in, so one line says it.
                        report.add(
                            _where(event.start_mark),
                            "",
                            cannot_be_read(odd_indent_message(value[0])),
                        )
                        # Read on as meant, so that the field is not also "missing".
                        name = value.lstrip(_BLANKS)
                        key = name if name and name not in container else _BAD_KEY
                        if key is name:
                            keys[name] = event.start_mark
                    else:
                        key = value
                        keys[value] = event.start_mark
                    continue
                if key is not _BAD_KEY:
                    if comment_starts and event.end_mark.index in comment_starts:
                        _note_comment_cut(event, (*path, key), positions)
                    if backslashes and event.style == '"':
                        warn_about_escapes(event, (*path, key), text, report)
                    if value in null_scalars and event.implicit[0]:
                        if value:
                            positions.null_words.append((container, key, value))
                        value = None
                    if refused:
                        positions.refused.add((*path, key))
                    container[key] = value
                    marks[key] = event.start_mark
                key = _NO_KEY
            elif container is not None:
                if comment_starts and event.end_mark.index in comment_starts:
                    _note_comment_cut(event, (*path, len(container)), positions)
                if backslashes and event.style == '"':
                    warn_about_escapes(event, (*path, len(container)), text, report)
                if not value and event.implicit[0]:
                    value = None
                if refused:
                    positions.refused.add((*path, len(container)))
                container.append(value)
                marks.append(event.start_mark)
            else:
                if value in null_scalars and event.implicit[0]:
                    value = None
                root, positions.root_mark = value, event.start_mark
            continue

        if kind is mapping_end or kind is sequence_end:
            if (
                kind is sequence_end
                and marks
                and text.startswith("]", event.start_mark.index)
                and may_hold_split_items(text, marks[0].index, event.start_mark.index)
            ):
                warn_about_split_items(container, marks, path, text, report)
            container, marks, keys, path, is_map, key = stack.pop()
            if is_map:
                key = _NO_KEY
            continue

        if kind is mapping_start or kind is sequence_start:
            values_left -= 1
            if not values_left:
                _report_too_many_values(event, report)
                return None
            child = _child(path, container, is_map, key)
            refused = False
            if event.tag is not None or event.anchor is not None:
                refused = _refuse_odd_node(event, child, text, report)
            if is_map and (key is _NO_KEY or key is _BAD_KEY):
                if key is _NO_KEY:
                    report.add(_where(event.start_mark), field_name(path), _PLAIN_KEY)
                    key = _BAD_KEY
                else:
                    key = _NO_KEY  # the value of a reported key: dropped unread
                _skip_node(get_event)
                continue
            if len(stack) >= MAX_DEPTH:
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
            aliases_left -= 1
            if not aliases_left:
                report.add(
                    _where(event.start_mark),
                    "",
                    plural_message(
                        "the file holds more than {count} alias (*name); reading stopped here. "
                        "Write every value out in full",
                        "the file holds more than {count} aliases (*name); reading stopped here. "
                        "Write every value out in full",
                        MAX_ALIASES,
                    ),
                )
                return None
            child = _child(path, container, is_map, key)
            report.add(
                _where(event.start_mark),
                field_name(child),
                message(
                    # Translators: {alias} is the alias as written: *name.
                    'aliases ("{alias}") are not allowed in a pack; write the value out in full',
                    alias="*" + shown(event.anchor),
                ),
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


def _report_too_many_values(event: Any, report: Report) -> None:
    report.add(
        _where(event.start_mark),
        "",
        plural_message(
            # Translators: {questions} is a number of questions (10,000).
            "the file holds more than {count} value (fields, list items and texts); reading "
            "stopped here. A pack of {questions} questions holds far fewer",
            "the file holds more than {count} values (fields, list items and texts); reading "
            "stopped here. A pack of {questions} questions holds far fewer",
            MAX_VALUES,
            questions=_MOST_QUESTIONS,
        ),
    )


def _note_comment_cut(event: Any, loc: Loc, positions: Positions) -> None:
    """Keep a plain value that a comment on its line cut short, for the text fields'
    warning (quoted values cannot be cut: their quotes say where they end)."""
    if event.style in (None, "") and event.implicit[0]:
        positions.comment_cuts.append((loc, event.value, event.end_mark))


_MOST_QUESTIONS = 10_000  # the largest pack the loader takes (its max_questions)
_PLAIN_KEY = message("a field name should be plain text")
_TOO_DEEP = TOO_DEEP


def _child(path: Loc, container: Any, is_map: bool, key: Any) -> Loc:
    """Where the node that starts now goes (for a key: its mapping)."""
    if container is None:
        return ()
    if is_map:
        return path if key is _NO_KEY else (*path, key)
    return (*path, len(container))


def _refuse_odd_node(event: Any, loc: Loc, text: str, report: Report) -> bool:
    """Report a tag (other than ``!!str``) or an anchor; True if the value is refused."""
    where = _where(event.start_mark)
    refused = False
    tag = event.tag
    if type(event) is yaml.ScalarEvent and tag is not None and not tag.startswith("tag:"):
        # "!important means?": a local tag, so the teacher meant a text starting with "!".
        report.add(where, field_name(loc), tag_as_text_message(text, event.start_mark, tag))
        refused = True
    elif tag is not None and not (type(event) is yaml.ScalarEvent and tag == _STR_TAG):
        shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:") else tag
        report.add(
            where,
            field_name(loc),
            message(
                # Translators: {tag} is the tag as written: !!int.
                'tags such as "{tag}" are not allowed in a pack; write a plain value',
                tag=shown,
            ),
        )
        refused = True
    if event.anchor is not None:
        report.add(
            where,
            field_name(loc),
            message(
                # Translators: {anchor} is the anchor as written: &name.
                'anchors ("{anchor}") are not allowed in a pack; write every value out in full',
                anchor="&" + event.anchor,
            ),
        )
    return refused


def _refuse_key(value: Any, mark: Any, path: Loc, keys: dict[Any, Any], report: Report) -> None:
    if value is None:
        report.add(_where(mark), field_name(path), message('a field name is missing before ":"'))
        return
    first = keys[value]
    report.add(
        _where(mark),
        field_name((*path, value)),
        message(
            # Translators: said of a field; {line} is a line number of the pack file.
            "is given twice in the same place (first on line {line}); keep one",
            line=str(first.line + 1),
        ),
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
            message('the file holds a second YAML document (after "---"); a pack is one document'),
        )


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
