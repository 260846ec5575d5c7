"""YAML text to plain dicts, lists and strings, with the position of every key and value.

libyaml's event stream is turned into plain data here, so no tag can build an object,
anchors and aliases are refused, duplicate keys are caught, and every scalar stays the
text the teacher wrote: none of YAML 1.1's implicit types applies (``No``, ``on``, ``y``,
``007``, ``0x1F``, ``1_000``, ``.inf``, ``1e3``, ``2001-12-14``, ``=``, ``<<`` all stay
the text written). The only exception is a plain value that means "nothing": an empty
one, or ``~``, ``null``, ``Null`` or ``NULL`` as the value of a field; as a list item
those words are text, and where a field must hold text
(:func:`clarity.core.packs.problems.keep_written_words`) they are text too.

Where YAML reads something other than what a teacher most likely meant, a warning says
so and shows the quoting that fixes it:

- a plain value followed on its line by `` #`` and more: YAML reads the rest as a comment
  (only text fields are warned about: :func:`clarity.core.packs.problems.warn_about_comments`);
- an item of a ``[...]`` list that continues the item before it, cut at a comma: a number
  with digit groups (``1,000``), a decimal comma (``3,5``) or a name with its abbreviation
  (``Washington, D.C.``).

libyaml's own messages become a teacher's words for the common slips, and a hostile
file costs bounded time and memory: at most :data:`MAX_ALIASES` aliases are reported and
:data:`MAX_VALUES` values read before reading stops with one problem.
What is wrong with the YAML goes to a :class:`~clarity.core.packs.report.Report`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from clarity.core.numbers import format_number
from clarity.core.packs.report import START, Loc, Report, field_name, shown

# Plain (unquoted) scalars that mean "nothing here" as a field's value; everything else
# stays text. As a list item only the empty one does: ``[yes, no, null]`` is three words.
_NULL_SCALARS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_ALIASES = 20  # each is refused; past these the file is hostile, not mistaken
# The benchmark's 10,000-question pack (the cap) holds 223,000 values (keys, texts, lists
# and groups), one with every field and full lists some 450,000; 8 MiB of "[1,1,1,..."
# holds four million, each costing libyaml's marks and a string.
MAX_VALUES = 600_000
# A comma in a [...] list that may have cut an item in two: the cheap first look, before
# the items on both sides are compared (see _warn_about_split_items).
_MAY_BE_SPLIT = re.compile(r",(?:\d|[ \t]*(?:0\d\d|[A-Z][a-z]*\.[A-Z]?))", re.ASCII)
# Abbreviations that end a name, after a comma: "Washington, D.C.", "Vancouver, B.C.",
# "Martin Luther King, Jr.", "Acme, Inc.". Initials that stand alone ("U.K.", "U.S.")
# are not here: [France, U.K., Spain] is three countries.
_NAME_ENDINGS = frozenset(
    {"D.C.", "B.C.", "Jr.", "Sr.", "Inc.", "Ltd.", "Co.", "Corp.", "Bros.", "Ph.D.", "M.D."}
)
_SMALL_NUMBER = re.compile(r"[+-]?\d{1,3}", re.ASCII)
_ZERO_GROUP = re.compile(r"0\d\d", re.ASCII)  # "000" after "1, ": a digit group, not a number
_STR_TAG = "tag:yaml.org,2002:str"  # "!!str" is harmless: every scalar is text anyway
_MAX_DEPTH = 64  # a pack nests four levels deep; far deeper is a broken or hostile file
_EMPTY_FILE = 'the file is empty; a pack starts with the line "clarity: 1"'


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
        _report_yaml_error(exc, text, report)
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
    comment_starts = _comment_starts(text)
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
                refused = _refuse_odd_node(event, _child(path, container, is_map, key), report)
            value = event.value
            if is_map:
                if key is _NO_KEY:
                    if value in null_scalars and event.implicit[0]:
                        value = None
                    if value is None or value in container:
                        _refuse_key(value, event.start_mark, path, keys, report)
                        key = _BAD_KEY
                    else:
                        key = value
                        keys[value] = event.start_mark
                    continue
                if key is not _BAD_KEY:
                    if comment_starts and event.end_mark.index in comment_starts:
                        _note_comment_cut(event, (*path, key), positions)
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
                and _MAY_BE_SPLIT.search(text, marks[0].index, event.start_mark.index)
            ):
                _warn_about_split_items(container, marks, path, text, report)
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
            aliases_left -= 1
            if not aliases_left:
                report.add(
                    _where(event.start_mark),
                    "",
                    f"the file holds more than {MAX_ALIASES} aliases (*name); "
                    "reading stopped here. Write every value out in full",
                )
                return None
            child = _child(path, container, is_map, key)
            report.add(
                _where(event.start_mark),
                field_name(child),
                f'aliases ("*{shown(event.anchor)}") are not allowed in a pack; '
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


def _comment_starts(text: str) -> set[int]:
    """Where a comment starts right after some text on its line: the index of the blanks
    before a "#" that follows a non-blank character. A plain value ending at such an
    index was cut short by the comment. (A "#" inside quotes may be found too; no plain
    value ends there.)"""
    starts: set[int] = set()
    at = text.find("#")
    while at >= 0:
        run = at
        while run > 0 and text[run - 1] in " \t":
            run -= 1
        if 0 < run < at and text[run - 1] not in "\r\n":
            starts.add(run)
        at = text.find("#", at + 1)
    return starts


def _report_too_many_values(event: Any, report: Report) -> None:
    report.add(
        _where(event.start_mark),
        "",
        f"the file holds more than {format_number(MAX_VALUES)} values (fields, list items "
        f"and texts); reading stopped here. A pack of {format_number(10_000)} questions "
        "holds far fewer",
    )


def _note_comment_cut(event: Any, loc: Loc, positions: Positions) -> None:
    """Keep a plain value that a comment on its line cut short, for the text fields'
    warning (quoted values cannot be cut: their quotes say where they end)."""
    if event.style in (None, "") and event.implicit[0]:
        positions.comment_cuts.append((loc, event.value, event.end_mark))


def comment_cut_message(text: str, loc: Loc, value: str, hash_index: int) -> str:
    """What the teacher sees for a value cut by a comment, with the quoting that fixes it.

    ``hash_index`` is where the blanks before the ``#`` begin in ``text``.
    """
    line_end = text.find("\n", hash_index)
    rest = text[hash_index : line_end if line_end >= 0 else len(text)].rstrip("\r")
    comment = rest.lstrip(" \t")
    meant = f"{value}{rest}" if value else comment
    fix = _in_quotes(meant)
    if loc and isinstance(loc[-1], str):
        fix = f"{shown(loc[-1])}: {fix}"
    elif loc:
        fix = f"- {fix}"
    read = f'so the game shows only "{shown(value)}"' if value else "so the value is empty"
    return (
        f'YAML reads "{shown(comment)}" as a comment (" #" starts one), {read}; '
        f"if it belongs to the text, put the whole text in quotes: {shown(fix, 120)}"
    )


def _in_quotes(text: str) -> str:
    """``text`` as a YAML quoted scalar that reads back as ``text``."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _warn_about_split_items(
    items: list[Any], marks: list[Any], path: Loc, text: str, report: Report
) -> None:
    """Warn where a comma inside what looks like one item made two items of a [...] list.

    Called when a flow list closes. Only plain items written on one line count (a quoted
    item says where it ends). Two neighbours are one item cut at a comma when:

    - the comma has digits on both sides and no blank after it, in a list whose other
      commas have one (``[10, 1,000, 100]``, ``[2, 3,5, 4]``; but ``[1,2,3]`` is written
      tight throughout and is three items);
    - the second is a group of three digits starting with 0 after a number of one to
      three digits (``[1,000]``, ``[1, 000]``: no one lists "000" as a number of its own);
    - the second is an abbreviation that ends a name (:data:`_NAME_ENDINGS`) and the
      first has words: ``[Washington, D.C., Paris]``.

    A run of such cuts is one warning, on the first item: ``1,000,000``.
    """
    count = len(items)
    ends: list[int] = []  # where each plain one-line item ends in the text; -1 for others
    for value, mark in zip(items, marks, strict=True):
        plain = isinstance(value, str) and value and text.startswith(value, mark.index)
        ends.append(mark.index + len(value) if plain else -1)
    separators = [
        text[ends[index] : marks[index + 1].index] if ends[index] >= 0 else ""
        for index in range(count - 1)
    ]
    spaced = any(separator.startswith((", ", ",\t")) for separator in separators)
    joined = [False] * count  # joined[i]: items i and i + 1 were one
    for index, separator in enumerate(separators):
        if ends[index + 1] < 0 or separator.strip(" \t") != ",":
            continue
        first, second = items[index], items[index + 1]
        joined[index] = bool(
            (spaced and separator == "," and first[-1].isdecimal() and second[0].isdecimal())
            or (_SMALL_NUMBER.fullmatch(first) and _ZERO_GROUP.fullmatch(second))
            or (second in _NAME_ENDINGS and any(c.islower() for c in first))
        )
    index = 0
    while index < count - 1:
        if not joined[index]:
            index += 1
            continue
        last = index
        while last < count - 1 and joined[last]:
            last += 1
        whole = text[marks[index].index : ends[last]]
        parts = [f'"{shown(item)}"' for item in items[index : last + 1]]
        listed = ", ".join(parts[:-1]) + f" and {parts[-1]}"
        loc = (*path, index)
        report.add(
            _where(marks[index]),
            field_name(loc),
            f'the comma splits "{shown(whole)}" into the items {listed}, since commas '
            f"separate the items of a [...] list; if it is one item, put it in quotes: "
            f"{_in_quotes(shown(whole))}",
            "warning",
        )
        index = last + 1


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
        position, words = _in_teacher_words(exc, text)
        report.add(position, "", f"the YAML cannot be read: {words}")
        return
    position = getattr(exc, "position", None)  # a ReaderError: a character YAML refuses
    if isinstance(position, int):
        line = text.count("\n", 0, position)
        column = position - (text.rfind("\n", 0, position) + 1)
        character = getattr(exc, "character", None)
        code = f"U+{character:04X} " if isinstance(character, int) else ""
        report.add(
            (line, column),
            "",
            f"the file holds a character YAML does not allow ({code}a control character)",
        )
        return
    report.add(START, "", f"the YAML cannot be read: {shown(str(exc))}")


# libyaml and PyYAML's pure-Python parser word the same slips differently; both are read.
_TAB = re.compile(r"\btab\b")  # libyaml's words; PyYAML's point at the tab itself
_COLON_IN_VALUE = re.compile(r"mapping values are not allowed")
_NO_COLON = re.compile(r"could not find expected ':'")
_CANNOT_START = re.compile(r"found character .*that cannot start any token")
_END_OF_FILE = re.compile(r"found unexpected end of stream")
_UNCLOSED_FLOW = re.compile(r"(?:did not find expected|expected) ',' or '([\]}])'")
_NOT_LINED_UP = re.compile(r"did not find expected key|expected <block end>")
_NOT_AN_ITEM = re.compile(r"did not find expected '-' indicator")
_NO_CONTENT = re.compile(r"did not find expected node content|expected the node content")
_NO_DOCUMENT = re.compile(r"did not find expected <document start>|expected '<document start>'")
_UNKNOWN_ESCAPE = re.compile(r"found unknown escape character")
_FIELD_LINE = re.compile(r"(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):[ \t]+(.+?)[ \t]*$")


def _in_teacher_words(exc: yaml.MarkedYAMLError, text: str) -> tuple[tuple[int, int], str]:
    """Where the slip is and what to do about it, for the common ones; libyaml's own
    words, with where its context began, for the rest."""
    mark, start = exc.problem_mark, exc.context_mark
    problem, context = (exc.problem or "").strip(), exc.context or ""
    where = (mark.line, mark.column)
    here = text[mark.index] if 0 <= mark.index < len(text) else ""
    opened = (start.line, start.column) if start is not None else where

    if here == "\t" or _TAB.search(problem):
        return where, (
            "a tab is used here; YAML does not allow tabs for indenting, so indent with spaces"
        )
    if _COLON_IN_VALUE.search(problem):
        return where, _colon_in_value(text, mark.line)
    if _NO_COLON.search(problem):
        return opened, (
            'this line should be a "field: value" line but has no ":" after a name; if it '
            "goes on with the text of the line above, indent it more than that field, or "
            "put the whole text in quotes on one line"
        )
    if _CANNOT_START.search(problem):
        return where, (
            f'a value cannot start with "{here}" (YAML keeps it for itself); '
            "put the whole text in quotes"
        )
    if _END_OF_FILE.search(problem) and "quoted scalar" in context and start is not None:
        quote = text[start.index] if 0 <= start.index < len(text) else '"'
        inside = (
            "to use ' inside a text in single quotes, write it twice ('')"
            if quote == "'"
            else 'to use " inside the text, put the text in single quotes instead'
        )
        return opened, (
            f"the quote {quote} that opens this text is never closed; end the text with "
            f"{quote} ({inside})"
        )
    if _END_OF_FILE.search(problem):
        return where, "the file ends too early; a closing quote or bracket is missing"
    flow = _UNCLOSED_FLOW.search(problem)
    if flow is not None:
        closer = flow.group(1)
        opener = "[" if closer == "]" else "{"
        if start is not None and start.line != mark.line:
            return opened, (
                f'the {"list" if opener == "[" else "group"} that opens with "{opener}" here is '
                f'never closed with "{closer}" on its line'
            )
        return where, (
            f'an item inside "{opener} ... {closer}" holds ": " or "{{" or "["; put that '
            "item in quotes"
        )
    if _NOT_LINED_UP.search(problem):
        return where, _not_lined_up(text, mark, here)
    if _NOT_AN_ITEM.search(problem):
        return where, _LINED_UP
    if _NO_CONTENT.search(problem):
        if here in ("]", "}"):
            return where, f'this "{here}" closes nothing; remove it or put the text in quotes'
        return where, "a value is missing here"
    if _NO_DOCUMENT.search(problem):
        return where, (
            'the pack ended on a line "..." above (the end of a YAML document); remove that line'
        )
    if _UNKNOWN_ESCAPE.search(problem):
        return where, ('unknown escape after "\\" inside double quotes; use single quotes instead')
    if "block scalar" in context:
        return where, (
            'after "|" or ">" the text starts on the next line, indented more than its field'
        )
    if "anchor" in context or "alias" in context:
        return where, (
            'a value cannot start with "&" or "*" (YAML anchors and aliases); '
            "put the whole text in quotes"
        )
    if "maximum nesting depth" in problem:
        return where, "the lists and fields nest far too deep"
    said = problem or "the YAML is broken"
    if context and start is not None:
        said += f" ({context} that starts on line {start.line + 1})"
    return where, said


_LINED_UP = (
    "this line does not line up with the lines above it; check the spaces at its start "
    '(the fields of one group, and the "- " of the items of one list, start in the same '
    "column)"
)


def _colon_in_value(text: str, line: int) -> str:
    """The message for ": " inside a plain value, with the line rewritten in quotes."""
    words = 'the text holds ": " (a colon and a space), which YAML reads as a new field'
    field = _FIELD_LINE.fullmatch(_line_of(text, line))
    if field is None:
        return f"{words}; put the whole text in quotes"
    fix = f"{field.group(2)}: {_in_quotes(field.group(3))}"
    return f"{words}; put the whole text in quotes: {shown(fix, 120)}"


def _not_lined_up(text: str, mark: Any, here: str) -> str:
    before = _line_of(text, mark.line)[: mark.column].rstrip()
    if before.endswith(('"', "'")) and ":" in before:
        return "text follows the closing quote; put the whole value inside the quotes"
    if here == "-":
        return "this list item is not under a field; indent it like the items above it"
    if here in ("]", "}"):
        return f'this "{here}" closes nothing; remove it or put the text in quotes'
    if here in ("&", "*"):
        return 'a value cannot start with "&" or "*"; put the whole text in quotes'
    return _LINED_UP


def _line_of(text: str, line: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line].rstrip("\r") if line < len(lines) else ""


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
