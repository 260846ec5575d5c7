"""The smallest textual change that turns a pack file's YAML into a new document.

The studio edits a pack as plain data (every scalar the text the loader's composer reads,
:func:`clarity.core.packs.plain_yaml.compose`); saving must keep what a teacher wrote by
hand everywhere nothing changed: comments, blank lines, key order, quoting, indentation,
flow lists, line endings. Dumping a whole round-trip tree again (ruamel.yaml's emitter)
re-indents lists to one global style, joins wrapped plain lines, respaces flow lists and
re-wraps long lines, so the file is not byte-identical even when nothing changed. Here
instead the file is parsed once by ruamel.yaml's round-trip composer (nodes with the
position and style of every value) and the change is made as edits of the text at those
positions:

- a changed scalar is replaced where it stands, in its old style when the new text fits
  it (plain, 'single', "double", ``|`` literal, ``>`` folded), so a comment at the end of
  its line stays;
- a removed key loses its lines (with the comment lines just above it at its column and
  the deeper-indented ones just below it); an added key goes after the key that precedes
  it in the new document, at the mapping's column;
- list items are matched as the page changes a list (:func:`match_items`): by their ``id``
  where every item has a unique one, otherwise by their whole content; items found in
  the same order stay, one found elsewhere moved (and takes its comments with it), and
  the rest between two that stay are edits of each other in order, however many of their
  fields changed (a question or round edited in place keeps its comments and its flow
  lists); only what is left over is a new item or a deleted one, so an inserted or
  deleted choice does not shift the comments of the others;
- a flow mapping or list (``- {id: q1, choices: [a, b]}``, a pack written like JSON) stays
  flow: a changed value is edited where it stands, a removed entry goes with its comma, an
  added one goes after the key before it (``, explain: Why``), a list whose items come and
  go is written again on its line with its spacing, new texts quoted as a flow context
  needs (``,[]{}`` and ``:``) and in double quotes where the collection's texts all are; a
  text with line breaks stays on the line in double quotes (``"a\\nb"``); only a value no
  flow text can hold (nothing: a null) makes the nearest block item be written again; a
  new item of a block list whose items are all one-line flow mappings is one too;
- anything this cannot patch (an empty list item, a value that changed its kind) is
  written again whole at its place, in the file's own indentation (:class:`Layout`).

New text is written so that the composer reads back exactly the document's string
(:func:`inline_scalar`): plain when YAML 1.1 and 1.2 both read it as that text, else
quoted; a number field's number and a boolean field's ``true``/``false`` plain, and a
number question's numbers (``answer: 8``, ``tolerance: 0,5`` in a Russian pack) plain
whenever the composer reads the plain text back as it, unless the teacher had quoted it.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from clarity.formats.pack_yaml import NOT_TEXT  # one definition of "YAML reads it as non-text"

# What the composer reads as "nothing" for a field's value (plain only).
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# Characters every YAML style may hold as they are: YAML 1.1's "printable" less the tab,
# the byte-order mark and what YAML 1.1 reads as a line break (U+0085, U+2028, U+2029),
# which are escaped in double quotes.
_PRINTABLE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
_INDICATOR_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_SIGNS = frozenset(",[]{}")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_BOOLEAN = frozenset({"true", "false"})
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}

# How a field's value is best written: "number" (an int or float field: plain when it is
# a YAML number), "numeral" (a text the pack reads as a number, as a number question's
# answer: plain whenever the composer reads the plain text back), "boolean" or "text".
Kind = str
Path_ = tuple[str | int, ...]
KindOf = Callable[[Path_], Kind]


class Unpatchable(Exception):
    """This node cannot be patched in place: its parent writes its value again whole."""


@dataclass(frozen=True)
class Layout:
    """How a file indents: ``mapping`` spaces per nested mapping, a block list's dash
    ``offset`` spaces right of its key (0: ``key:`` then ``- a`` under it), and the item
    text ``after_dash`` columns right of the dash (2 for ``- a``)."""

    mapping: int = 2
    offset: int = 2
    after_dash: int = 2


# --- scalars ---------------------------------------------------------------------------


def plain_fits(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` written plain reads back as this very text in YAML 1.1 and 1.2."""
    return plain_reads_back(text, flow=flow) and NOT_TEXT.fullmatch(text) is None


def plain_reads_back(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` written plain is read back as this very text by the loader's
    composer (:func:`clarity.core.packs.plain_yaml.compose`, which applies no implicit
    type: ``8``, ``-3,5`` and ``007`` stay the text written), though YAML 1.1 or 1.2 may
    read it as a number or a boolean."""
    return (
        bool(text)
        and text not in NULL_WORDS
        and _PRINTABLE.fullmatch(text) is not None
        and text == text.strip(" ")
        and text[0] not in _INDICATOR_START
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (flow and (any(sign in _FLOW_SIGNS for sign in text) or ":" in text))
    )


def _unsigned(text: str) -> str:
    """``text`` without the minus sign of a negative number (``-8``: a dash before a digit
    starts a plain scalar, as YAML's ``ns-plain-first`` allows)."""
    return text[1:] if text.startswith("-") and text[1:2].isdigit() else text


def single_quoted(text: str) -> str | None:
    if "\n" in text or _PRINTABLE.fullmatch(text.replace("\t", "")) is None:
        return None
    return "'" + text.replace("'", "''") + "'"


def double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _PRINTABLE.fullmatch(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _block_lines(text: str) -> tuple[list[str], str, bool] | None:
    """The lines and chomping indicator of ``text`` as a block scalar, and whether it
    needs an indentation indicator (a first line starting with a space, a line of spaces
    only); None when a block scalar cannot hold it exactly (control characters, several
    trailing line breaks)."""
    if not text.strip(" \n") or _PRINTABLE.fullmatch(re.sub("[\t\n]", "", text)) is None:
        return None
    if text.endswith("\n\n"):
        return None  # "|+" would take the blank lines after it in the file too
    chomp = "" if text.endswith("\n") else "-"
    lines = text.removesuffix("\n").split("\n")
    needs = lines[0][:1] in ("", " ", "\t") or any(line and not line.strip() for line in lines)
    return lines, chomp, needs


def literal_block(text: str, indent: int, parent: int) -> tuple[str, list[str]] | None:
    """``text`` as a literal block: its header (``|-``) and its lines at ``indent``, the
    block being the value of a node at column ``parent`` (for an indentation indicator)."""
    found = _block_lines(text)
    if found is None:
        return None
    lines, chomp, needs = found
    step = indent - parent
    if needs and not 1 <= step <= 9:
        return None
    pad = " " * indent
    header = "|" + (str(step) if needs else "") + chomp
    return header, [pad + line if line else "" for line in lines]


def folded_block(
    text: str, indent: int, parent: int = 0, width: int = 80
) -> tuple[str, list[str]] | None:
    """``text`` as a folded block (``>-``), long lines wrapped at spaces near ``width``."""
    found = _block_lines(text)
    if found is None:
        return None
    lines, chomp, needs = found
    if needs or "\t" in text or any(line.startswith(" ") or line.endswith(" ") for line in lines):
        return None  # more-indented and trailing-space lines are not folded alike
    pad = " " * indent
    out: list[str] = []
    for number, line in enumerate(lines):
        if number:
            out.append("")  # one line break in the text: an empty line in the block
        if not line:
            continue
        out += [pad + part for part in _wrap(line, max(20, width - indent))]
    # A run of k line breaks: k empty lines (the text's empty lines already add one each).
    return ">" + chomp, out


def _wrap(line: str, width: int) -> list[str]:
    """``line`` cut at single spaces (a folded block joins them back with one space)."""
    parts: list[str] = []
    while len(line) > width:
        cut = -1
        for match in re.finditer(r"(?<=\S) (?=\S)", line):
            if match.start() > width and cut != -1:
                break
            cut = match.start()
        if cut <= 0:
            break
        parts.append(line[:cut])
        line = line[cut + 1 :]
    parts.append(line)
    return parts


def inline_scalar(text: str | None, *, kind: Kind = "text", flow: bool = False) -> str:
    """``text`` as a one-line scalar the composer reads back as ``text`` (None: nothing)."""
    if text is None:
        return ""  # nothing after the colon or dash: a "null" word may be read as the word
    if kind == "number" and _NUMBER.fullmatch(text):
        return text
    if kind == "boolean" and text in _BOOLEAN:
        return text
    if kind == "numeral" and plain_reads_back(_unsigned(text), flow=flow):
        return text
    if plain_fits(text, flow=flow):
        return text
    return single_quoted(text) or double_quoted(text)


def styled(style: str | None, text: str, kind: Kind, *, flow: bool = False) -> str:
    """``text`` as a one-line scalar, in quotes ``style`` (a node's: ``'``, ``"``) when it
    had them and they can hold the text, else the plainest that reads back as it."""
    quotes_kept = kind in ("text", "numeral")  # a number the teacher quoted stays quoted
    if quotes_kept and style == "'" and (quoted := single_quoted(text)) is not None:
        return quoted
    if quotes_kept and style == '"':
        return double_quoted(text)
    return inline_scalar(text, kind=kind, flow=flow)


# --- nodes -----------------------------------------------------------------------------


def is_plain(node: Any) -> bool:
    return node.style in (None, "")


def plain_of(node: Any, *, as_item: bool = False) -> Any:
    """The plain data the loader's composer reads from ``node`` (a ruamel or PyYAML node)."""
    kind = type(node).__name__
    if kind == "ScalarNode":
        if is_plain(node) and (node.value == "" if as_item else node.value in NULL_WORDS):
            return None
        if node.style == ">":
            # ruamel.yaml marks where a folded text was folded with U+0007 (which no block
            # text can hold otherwise)
            return node.value.replace("\a", "")
        return node.value
    if kind == "SequenceNode":
        return [plain_of(one, as_item=True) for one in node.value]
    if kind == "MappingNode":
        return {key.value: plain_of(value) for key, value in node.value}
    raise Unpatchable(kind)


def _kind(node: Any) -> str:
    return type(node).__name__


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The index of the line break ending the line of ``index`` (len(text) at the end),
    before a carriage return."""
    end = text.find("\n", index)
    if end == -1:
        return len(text)
    return end - 1 if end > 0 and text[end - 1] == "\r" else end


def _next_line(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end == -1 else end + 1


def content_end(node: Any, text: str) -> int:
    """The index just past the last character of ``node``'s own text."""
    kind = _kind(node)
    if kind == "ScalarNode":
        end = node.end_mark.index
        if node.style in ("|", ">"):
            end = len(text[:end].rstrip(" \t\r\n"))
        return end
    if node.flow_style:
        return node.end_mark.index
    last = node.value[-1]
    return content_end(last[1] if kind == "MappingNode" else last, text)


def _is_comment_line(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _lines_above(text: str, start: int, column: int) -> int:
    """Where the comment lines just above the line starting at ``start`` begin: those at
    ``column`` or left of it with no blank line between (deeper ones end what is above)."""
    while start > 0:
        above = _line_start(text, start - 1)
        line = text[above:start].rstrip("\r\n")
        if not (_is_comment_line(line) and _indent_of(line) <= column):
            break
        start = above
    return start


def _lines_below(text: str, start: int, column: int) -> int:
    """Past the comment lines from ``start`` on that are indented deeper than ``column``."""
    while start < len(text):
        end = _next_line(text, start)
        line = text[start:end].rstrip("\r\n")
        if not (_is_comment_line(line) and _indent_of(line) > column):
            break
        start = end
    return start


def _line_only_after(text: str, index: int) -> bool:
    """Whether only spaces stand between the line's start and ``index``."""
    return not text[_line_start(text, index) : index].strip(" ")


def detect_layout(root: Any) -> Layout:
    """The file's indentation, from its nested mappings and block lists (most common)."""
    mapping: Counter[int] = Counter()
    offset: Counter[int] = Counter()
    after: Counter[int] = Counter()
    stack = [root]
    while stack:
        node = stack.pop()
        kind = _kind(node)
        if kind == "MappingNode":
            for key, value in node.value:
                column = key.start_mark.column
                if _kind(value) == "MappingNode" and value.value and not value.flow_style:
                    mapping[value.value[0][0].start_mark.column - column] += 1
                elif _kind(value) == "SequenceNode" and value.value and not value.flow_style:
                    offset[value.start_mark.column - column] += 1
                stack.append(value)
        elif kind == "SequenceNode":
            if not node.flow_style:
                for item in node.value:
                    if (
                        item.start_mark.line == node.start_mark.line
                        and item.start_mark.column > node.start_mark.column
                    ):
                        after[item.start_mark.column - node.start_mark.column] += 1
                        break
            stack.extend(node.value)

    def most(counter: Counter[int], default: int, least: int) -> int:
        ok = [(count, value) for value, count in counter.items() if value >= least]
        return max(ok)[1] if ok else default

    return Layout(most(mapping, 2, 1), most(offset, 2, 0), most(after, 2, 2))


# --- rendering new values ----------------------------------------------------------------


@dataclass(frozen=True)
class Writer:
    """Renders new values in a file's layout with the fields' kinds."""

    layout: Layout
    kind_of: KindOf
    newline: str = "\n"
    # The natural order of a mapping's keys at a path (None: unknown), for added keys.
    order_of: Callable[[Path_], list[str] | None] = lambda path: None

    def value_after_key(self, value: Any, column: int, path: Path_) -> tuple[str, list[str]]:
        """``value`` of a key at ``column``: the text on the key's line after the colon,
        and the lines under it (without line breaks)."""
        if isinstance(value, dict):
            if not value:
                return " {}", []
            return "", self.mapping_lines(value, column + self.layout.mapping, path)
        if isinstance(value, list):
            if not value:
                return " []", []
            return "", self.sequence_lines(value, column + self.layout.offset, path)
        return self.scalar_after(value, column + self.layout.mapping, path, parent=column)

    def scalar_after(
        self, value: str | None, indent: int, path: Path_, *, parent: int
    ) -> tuple[str, list[str]]:
        """A scalar after a key or dash of a node at column ``parent``; a text of several
        lines as a literal block at ``indent``."""
        kind = self.kind_of(path)
        if isinstance(value, str) and "\n" in value and kind == "text":
            block = literal_block(value, indent, parent)
            if block is not None:
                return " " + block[0], block[1]
        written = inline_scalar(value, kind=kind)
        return (" " + written if written else ""), []

    def mapping_lines(self, value: dict[str, Any], column: int, path: Path_) -> list[str]:
        lines: list[str] = []
        for key, one in value.items():
            head, body = self.value_after_key(one, column, (*path, key))
            lines.append(" " * column + self.key(key) + ":" + head)
            lines += body
        return lines

    def sequence_lines(self, value: list[Any], column: int, path: Path_) -> list[str]:
        lines: list[str] = []
        for index, one in enumerate(value):
            lines += self.item_lines(one, column, (*path, index))
        return lines

    def item_lines(self, value: Any, column: int, path: Path_) -> list[str]:
        """One list item, its dash at ``column``."""
        inner = column + self.layout.after_dash
        dash = " " * column + "-" + " " * (self.layout.after_dash - 1)
        if isinstance(value, dict) and value:
            lines = self.mapping_lines(value, inner, path)
            return [dash + lines[0][inner:], *lines[1:]]
        if isinstance(value, list) and value:
            lines = self.sequence_lines(value, inner, path)
            return [dash + lines[0][inner:], *lines[1:]]
        if isinstance(value, dict | list):
            return [dash + ("{}" if isinstance(value, dict) else "[]")]
        head, body = self.scalar_after(value, inner, path, parent=column)
        return [(dash + head[1:]) if head else " " * column + "-", *body]

    def key(self, key: str) -> str:
        return inline_scalar(key) if key not in NULL_WORDS or key == "" else f"'{key}'"

    def join(self, lines: Sequence[str]) -> str:
        return "".join(line + self.newline for line in lines)


# --- patching -----------------------------------------------------------------------------

Edit = tuple[int, int, str]


def apply_edits(text: str, edits: list[Edit], base: int = 0) -> str:
    """``text`` (which starts at index ``base`` of the file) with ``edits`` made; edits do
    not overlap; of two at one place, the one covering text goes first."""
    # Of several insertions at one place the first listed (a deeper value's) comes first.
    order = sorted(range(len(edits)), key=lambda one: (edits[one][0], edits[one][1], one))
    for one in reversed(order):
        start, end, new = edits[one]
        text = text[: start - base] + new + text[end - base :]
    return text


@dataclass
class Patcher:
    """Finds the edits of one file's text; ``flow`` holds the ids of the scalars inside a
    flow collection (:func:`flow_scalars`)."""

    text: str
    writer: Writer
    flow: set[int] = field(default_factory=set)
    parent_column: dict[int, int] = field(default_factory=dict)

    @property
    def layout(self) -> Layout:
        return self.writer.layout

    def patch(self, node: Any, old: Any, new: Any, path: Path_) -> list[Edit]:
        """The edits turning ``node`` (which reads as ``old``) into ``new``; raises
        :class:`Unpatchable` when the parent should write it again whole."""
        if old == new:
            return []
        kind = _kind(node)
        if kind == "ScalarNode" and not isinstance(old, dict | list):
            if (
                isinstance(new, dict | list)
                or (new is None)
                or (node.value == "" and is_plain(node))
            ):
                raise Unpatchable("scalar to something else")
            return [self.scalar_edit(node, new, path)]
        if kind == "MappingNode" and isinstance(old, dict) and isinstance(new, dict):
            if node.flow_style:
                return self.flow_mapping_edits(node, old, new, path)
            return self.mapping_edits(node, old, new, path)
        if kind == "SequenceNode" and isinstance(old, list) and isinstance(new, list):
            if node.flow_style:
                return self.flow_sequence_edits(node, old, new, path)
            return self.sequence_edits(node, old, new, path)
        raise Unpatchable("changed kind")

    # scalars

    def scalar_edit(self, node: Any, new: str, path: Path_) -> Edit:
        text = self.text
        start, end = node.start_mark.index, content_end(node, text)
        kind = self.writer.kind_of(path)
        style = node.style
        if style in ("|", ">"):
            header_end = _line_end(text, start)
            header_rest = text[start:header_end]
            comment = header_rest[header_rest.find("#") :] if "#" in header_rest else ""
            indent = self._block_indent(node)
            if kind == "text":
                parent = self.parent_column.get(id(node), 0)
                block = folded_block(new, indent, parent) if style == ">" else None
                block = block or literal_block(new, indent, parent)
                if block is not None:
                    header, lines = block
                    head = header + (" " + comment if comment else "")
                    return (
                        start,
                        end,
                        head + self.writer.newline + self.writer.newline.join(lines),
                    )
            written = inline_scalar(new, kind=kind)
            return (start, end, written + (" " + comment if comment else ""))
        flow = self._in_flow(node)
        if kind == "text" and not flow and "\n" in new and style not in ("'", '"'):
            indent = self._child_indent(node)
            parent = self.parent_column.get(id(node), 0)
            block = literal_block(new, indent, parent) if not plain_fits(new) else None
            if block is not None:
                # The rest of the line (a comment) moves to the header line.
                line_end = _line_end(text, end)
                rest = text[end:line_end]
                lines = self.writer.newline.join(block[1])
                return (start, line_end, block[0] + rest + self.writer.newline + lines)
        return (start, end, styled(style, new, kind, flow=flow))

    def _in_flow(self, node: Any) -> bool:
        return id(node) in self.flow

    def _block_indent(self, node: Any) -> int:
        text = self.text
        header = re.match(r"[|>][-+]?([1-9])", text[node.start_mark.index : node.end_mark.index])
        if header:  # an indentation indicator: from the parent's column
            return self.parent_column.get(id(node), 0) + int(header.group(1))
        first = _next_line(text, node.start_mark.index)
        end = node.end_mark.index
        while first < end:
            line_end = _line_end(text, first)
            line = text[first:line_end]
            if line.strip(" "):
                return _indent_of(line)
            first = _next_line(text, first)
        return self._child_indent(node)

    def _child_indent(self, node: Any) -> int:
        parent = self.parent_column.get(id(node), 0)
        return parent + max(self.layout.mapping, 1)

    # mappings

    def mapping_edits(
        self, node: Any, old: dict[str, Any], new: dict[str, Any], path: Path_
    ) -> list[Edit]:
        text, writer = self.text, self.writer
        pairs = {key.value: (key, value) for key, value in node.value}
        order = [key.value for key, _ in node.value]
        kept = [key for key in order if key in new]
        if not kept:
            raise Unpatchable("every key removed")
        column = node.value[0][0].start_mark.column
        edits: list[Edit] = []
        for name in kept:
            key, value = pairs[name]
            self.parent_column[id(value)] = column
            try:
                edits += self.patch(value, old[name], new[name], (*path, name))
            except Unpatchable:
                edits.append(self.value_edit(key, value, new[name], column, (*path, name)))
        for index, name in enumerate(order):
            if name in new:
                continue
            key, value = pairs[name]
            start = key.start_mark.index
            if not _line_only_after(text, start):
                # The first key of a list item ("- id: x"): the next key moves up.
                following = (
                    node.value[index + 1][0].start_mark.index if index + 1 < len(order) else None
                )
                if following is None:
                    raise Unpatchable("the item's only key removed")
                edits.append((start, following, ""))
                continue
            block_start = _lines_above(text, _line_start(text, start), column)
            end = _lines_below(text, _next_line(text, content_end(value, text)), column)
            edits.append((block_start, end, ""))
        # Added keys: after the key before them in the pack's natural order (a new pack's,
        # the models'), else after the one before them in the new document.
        natural = writer.order_of(path) or []
        inserts: dict[int, list[str]] = {}
        previous: str | None = None
        first_on_dash = not _line_only_after(text, node.value[0][0].start_mark.index)
        added = []
        for name in new:
            if name in pairs:
                previous = name
            else:
                added.append((name, previous))
        added.sort(key=lambda one: natural.index(one[0]) if one[0] in natural else len(natural))
        for name, follows in added:
            before = follows
            head, body = writer.value_after_key(new[name], column, (*path, name))
            lines = [" " * column + writer.key(name) + ":" + head, *body]
            if name in natural:
                earlier = natural[: natural.index(name)]
                known = [key for key in kept if key in earlier]
                before = max(known, key=earlier.index) if known else None
            anchor = before if before is not None else (kept[0] if first_on_dash else None)
            if anchor is None:  # before the first key, which stands on its own line
                first_key = node.value[0][0].start_mark.index
                where = _line_start(text, first_key)
                if order[0] not in new:  # where its deleted lines began
                    where = _lines_above(text, where, column)
            else:
                anchor_value = pairs[anchor][1]
                where = _lines_below(
                    text, _next_line(text, content_end(anchor_value, text)), column
                )
            inserts.setdefault(where, []).extend(lines)
        for where, lines in inserts.items():
            block = writer.join(lines)
            if where == len(text) and text and not text.endswith("\n"):
                block = writer.newline + block.removesuffix(writer.newline)
            edits.append((where, where, block))
        return edits

    def value_edit(self, key: Any, value: Any, new: Any, column: int, path: Path_) -> Edit:
        """Write the value of ``key`` again whole."""
        text = self.text
        colon = text.find(":", key.end_mark.index)
        start = colon + 1
        if _kind(value) == "ScalarNode" and value.value == "" and is_plain(value):
            end = start
        else:
            end = content_end(value, text)
        head, body = self.writer.value_after_key(new, column, path)
        if not body:
            return (start, end, head)
        line_end = _line_end(text, end)
        rest = text[end:line_end]
        return (start, line_end, head + rest + self.writer.newline + self.writer.newline.join(body))

    # flow collections ({a: b, c: [d, e]}): edited in place, and stay flow

    def flow_text(self, value: Any, path: Path_, *, json_like: bool = False) -> str:
        """``value`` written in flow style on one line (``{a: b, c: [d]}``); texts quoted
        as a flow context needs (``,[]{}`` and ``:``), in double quotes where the
        collection is written like JSON. Raises :class:`Unpatchable` for a null, which a
        flow collection cannot show as the document's nothing."""
        if isinstance(value, dict):
            entries = [
                self.flow_key(key, json_like=json_like)
                + ": "
                + self.flow_text(one, (*path, key), json_like=json_like)
                for key, one in value.items()
            ]
            return "{" + ", ".join(entries) + "}"
        if isinstance(value, list):
            items = [
                self.flow_text(one, (*path, index), json_like=json_like)
                for index, one in enumerate(value)
            ]
            return "[" + ", ".join(items) + "]"
        if value is None:
            raise Unpatchable("nothing in a flow collection")
        kind = self.writer.kind_of(path)
        bare = (kind in ("number", "numeral") and _NUMBER.fullmatch(value)) or (
            kind == "boolean" and value in _BOOLEAN
        )
        if json_like and not bare:
            return double_quoted(value)
        return inline_scalar(value, kind=kind, flow=True)

    def flow_key(self, key: str, *, json_like: bool = False) -> str:
        if json_like:
            return double_quoted(key)
        return inline_scalar(key, flow=True) if key not in NULL_WORDS else double_quoted(key)

    def _flow_value_edit(
        self, node: Any, old: Any, new: Any, path: Path_, json_like: bool
    ) -> list[Edit]:
        """The edits of a value inside a flow collection: in place, else written again
        whole in flow style where it stands."""
        if old == new:
            return []
        try:
            return self.patch(node, old, new, path)
        except Unpatchable:
            if _kind(node) == "ScalarNode" and node.value == "" and is_plain(node):
                raise  # no text of its own to replace
            start, end = node.start_mark.index, content_end(node, self.text)
            return [(start, end, self.flow_text(new, path, json_like=json_like))]

    def flow_mapping_edits(
        self, node: Any, old: dict[str, Any], new: dict[str, Any], path: Path_
    ) -> list[Edit]:
        """A flow mapping's changed values edited where they stand, removed entries taken
        out with their comma, added ones put after the key before them in the pack's
        natural order; the braces, spacing and what follows them stay."""
        text = self.text
        entries = list(node.value)
        names = [key.value for key, _ in entries]
        if len(set(names)) != len(names) or not entries:
            raise Unpatchable("a flow mapping to write again")
        json_like = _json_like([key for key, _ in entries])
        kept = [index for index, name in enumerate(names) if name in new]
        if not kept:
            raise Unpatchable("every key removed")
        edits: list[Edit] = []
        for index in kept:
            name = names[index]
            edits += self._flow_value_edit(
                entries[index][1], old[name], new[name], (*path, name), json_like
            )
        ends = [content_end(value, text) for _, value in entries]
        starts = [key.start_mark.index for key, _ in entries]
        first_kept, last_kept = kept[0], kept[-1]
        for index, name in enumerate(names):
            if name in new:
                continue
            if index < last_kept:  # up to the next key: the comment above it stays
                edits.append((starts[index], starts[index + 1], ""))
            elif index == last_kept + 1:  # the entries after the last kept one, commas too
                edits.append((ends[last_kept], ends[-1], ""))
        inside = text[node.start_mark.index + 1 : content_end(node, text) - 1]
        separator = "," if "," in inside and ", " not in inside and "\n" not in inside else ", "
        natural = self.writer.order_of(path) or []
        previous: str | None = None
        added: list[tuple[str, str | None]] = []
        for name in new:
            if name in old and name in names:
                previous = name
            else:
                added.append((name, previous))
        added.sort(key=lambda one: natural.index(one[0]) if one[0] in natural else len(natural))
        kept_names = [names[index] for index in kept]
        for name, follows in added:
            anchor = follows
            if name in natural:
                earlier = natural[: natural.index(name)]
                known = [key for key in kept_names if key in earlier]
                anchor = max(known, key=earlier.index) if known else None
            entry = (
                self.flow_key(name, json_like=json_like)
                + ": "
                + self.flow_text(new[name], (*path, name), json_like=json_like)
            )
            if anchor is None:
                where = entries[first_kept][0].start_mark.index
                edits.append((where, where, entry + separator))
            else:
                where = ends[names.index(anchor)]
                edits.append((where, where, "," + separator.removeprefix(",") + entry))
        return edits

    def flow_sequence_edits(
        self, node: Any, old: list[Any], new: list[Any], path: Path_
    ) -> list[Edit]:
        """A flow list's changed items edited where they stand; with items added, removed
        or moved, the list written again on its line with its spacing, kept items as
        they were written (edited in place)."""
        text = self.text
        items = node.value
        json_like = _json_like(items)
        matches = match_items(old, new)
        if len(new) == len(old) and all(matches.get(j) == j for j in range(len(new))):
            edits: list[Edit] = []
            for index, item in enumerate(items):
                edits += self._flow_value_edit(
                    item, old[index], new[index], (*path, index), json_like
                )
            return edits
        start, end = node.start_mark.index, node.end_mark.index
        inside = text[start + 1 : end - 1]
        pad = " " if inside.startswith(" ") and inside.strip() else ""
        separator = ", " if not items or ", " in inside or len(items) < 2 else ","
        written = []
        for index, one in enumerate(new):
            i = matches.get(index)
            if i is None:
                written.append(self.flow_text(one, (*path, index), json_like=json_like))
                continue
            item = items[i]
            begin = item.start_mark.index
            edits = self._flow_value_edit(item, old[i], one, (*path, index), json_like)
            written.append(apply_edits(text[begin : content_end(item, text)], edits, begin))
        return [(start, end, "[" + pad + separator.join(written) + pad + "]")]

    # block lists

    def sequence_edits(self, node: Any, old: list[Any], new: list[Any], path: Path_) -> list[Edit]:
        if not new:
            raise Unpatchable("emptied")
        matches = match_items(old, new)
        items = node.value
        if len(new) == len(old) and all(matches.get(j) == j for j in range(len(new))):
            edits: list[Edit] = []
            for index, item in enumerate(items):
                edits += self._item_edits(node, item, old[index], new[index], (*path, index))
            return edits
        return [self.rebuild(node, old, new, matches, path)]

    def _item_edits(self, node: Any, item: Any, old: Any, new: Any, path: Path_) -> list[Edit]:
        self.parent_column[id(item)] = node.start_mark.column
        try:
            return self.patch(item, old, new, path)
        except Unpatchable:
            return [self.item_edit(node, item, new, path)]

    def item_edit(self, node: Any, item: Any, new: Any, path: Path_) -> Edit:
        """Write list item ``item`` again whole (after its dash)."""
        text = self.text
        dash = self._dash(node, item)
        column = dash - _line_start(text, dash)
        lines = self.writer.item_lines(new, column, path)
        end = content_end(item, text)
        if _kind(item) == "ScalarNode" and item.value == "" and is_plain(item):
            end = dash + 1
        first = lines[0][column + 1 :]
        return (dash + 1, end, self.writer.newline.join([first, *lines[1:]]))

    def _dash(self, node: Any, item: Any) -> int:
        text = self.text
        if _kind(item) == "ScalarNode" and item.value == "" and is_plain(item):
            raise Unpatchable("an empty list item")
        dash = item.start_mark.index - 1
        while dash >= 0 and text[dash] in " \t":
            dash -= 1
        if dash < 0 or text[dash] != "-":
            raise Unpatchable("no dash")
        return dash

    def _new_item(
        self, items: list[Any], value: Any, column: int, path: Path_, writer: Writer
    ) -> str:
        """A new item of a block list, written as its items are: a one-line flow mapping
        (``- {id: q4, ...}``) where every item is one, else in block style."""
        if isinstance(value, dict) and value and all(_one_line_flow(one) for one in items):
            json_like = all(_json_like([key for key, _ in one.value]) for one in items)
            try:
                flow = self.flow_text(value, path, json_like=json_like)
            except Unpatchable:
                pass
            else:
                dash = " " * column + "-" + " " * (writer.layout.after_dash - 1)
                return writer.join([dash + flow])
        return writer.join(writer.item_lines(value, column, path))

    def rebuild(
        self, node: Any, old: list[Any], new: list[Any], matches: dict[int, int], path: Path_
    ) -> Edit:
        """The list's lines again: kept items (patched) with their comments, new ones
        rendered, the blank lines and comments between items left where they were."""
        text, writer = self.text, self.writer
        items = node.value
        column = node.start_mark.column
        first = items[0]
        if first.start_mark.line == node.start_mark.line and first.start_mark.column > column:
            # new items as this list's first is written ("-   id: x")
            after = first.start_mark.column - column
            writer = replace(writer, layout=replace(writer.layout, after_dash=after))
        starts, ends, leads = [], [], []
        for item in items:
            dash = self._dash(node, item)
            if not _line_only_after(text, dash) or dash - _line_start(text, dash) != column:
                raise Unpatchable("a list sharing its line")
            line = _line_start(text, dash)
            leads.append(_lines_above(text, line, column))
            starts.append(line)
            ends.append(_lines_below(text, _next_line(text, content_end(item, text)), column))
        # Leads may not reach back into the previous item.
        for index in range(1, len(items)):
            leads[index] = max(leads[index], ends[index - 1])
        gaps = [text[ends[index - 1] : leads[index]] for index in range(1, len(items))]
        usual = Counter(gaps).most_common(1)[0][0] if gaps else ""
        region_start, region_end = leads[0], ends[-1]
        pieces: list[str] = []
        for j, value in enumerate(new):
            if j:
                pieces.append(gaps[j - 1] if j - 1 < len(gaps) else usual)
            i = matches.get(j)
            if i is None:
                pieces.append(self._new_item(items, value, column, (*path, j), writer))
                continue
            edits = self._item_edits(node, items[i], old[i], value, (*path, j))
            body = apply_edits(text[leads[i] : ends[i]], edits, leads[i])
            if not body.endswith("\n"):
                body += writer.newline
            pieces.append(body)
        out = "".join(pieces)
        if not text[region_start:region_end].endswith("\n"):
            out = out.removesuffix(writer.newline)
        return (region_start, region_end, out)


def _one_line_flow(node: Any) -> bool:
    return (
        _kind(node) == "MappingNode"
        and bool(node.flow_style)
        and node.start_mark.line == node.end_mark.line
    )


def _id_of(item: Any) -> str | None:
    return item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else None


def _alike(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two items with different ids are one item whose id was changed: at least
    half of their other fields are the same."""
    fields = (set(old) | set(new)) - {"id"}
    same = sum(old.get(name) == new.get(name) for name in fields)
    return bool(fields) and 2 * same >= len(fields)


def _same_fields(old: Any, new: Any) -> int:
    """How many fields two items hold alike (0 for texts: an edited text shares nothing)."""
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return 0
    return sum(old.get(name) == new.get(name) for name in set(old) | set(new))


MAX_ALIGNED = 20_000  # pairs weighed in one stretch of edits; past it they pair in order


def match_items(old: list[Any], new: list[Any]) -> dict[int, int]:
    """For each new item's index, the old item it continues (absent: a new item).

    Matching follows what the studio's page does to a list (edits items in place, moves,
    inserts and deletes them), not how much of an item changed:

    1. Items are known by their ``id`` where every item of both lists has a unique one,
       else by their whole content. The longest run of items known alike in the same order
       (:class:`difflib.SequenceMatcher`) are the anchors: they stayed.
    2. An item known alike elsewhere in the list moved there, taking its comments along.
    3. Between two anchors, the old items left and the new ones left are edits of each
       other, in order: all of them when both sides count alike; else as many as the
       shorter side, chosen so the most fields stay alike (an item inserted among edited
       ones is the one left new). Items with ids pair so only when they are
       :func:`_alike` (an id changed in place): a new id is otherwise a new question.

    Only what is left is truly new (an insert) or gone (a delete).
    """
    old_ids, new_ids = [_id_of(one) for one in old], [_id_of(one) for one in new]
    by_id = (
        None not in old_ids
        and None not in new_ids
        and len(set(old_ids)) == len(old_ids)
        and len(set(new_ids)) == len(new_ids)
    )
    if by_id:
        old_keys: list[Any] = old_ids
        new_keys: list[Any] = new_ids
    else:
        old_keys = [json.dumps(one, sort_keys=True) for one in old]
        new_keys = [json.dumps(one, sort_keys=True) for one in new]
    matches: dict[int, int] = {}
    anchors: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        for step in range(size):
            matches[j + step] = i + step
            anchors.append((i + step, j + step))
    waiting: dict[Any, list[int]] = {}
    taken = set(matches.values())
    for i, key in enumerate(old_keys):
        if i not in taken:
            waiting.setdefault(key, []).append(i)
    for j, key in enumerate(new_keys):
        if j not in matches and waiting.get(key):
            matches[j] = waiting[key].pop(0)  # moved
    taken = set(matches.values())
    old_anchors = [i for i, _ in anchors]
    new_anchors = [j for _, j in anchors]
    left_old: dict[int, list[int]] = {}
    left_new: dict[int, list[int]] = {}
    for i in range(len(old)):
        if i not in taken:
            left_old.setdefault(bisect.bisect(old_anchors, i), []).append(i)
    for j in range(len(new)):
        if j not in matches:
            left_new.setdefault(bisect.bisect(new_anchors, j), []).append(j)
    for gap, olds in left_old.items():
        news = left_new.get(gap, [])
        if by_id:
            for i, j in zip(olds, news, strict=False):
                if _alike(old[i], new[j]):
                    matches[j] = i
            continue
        for a, b in _aligned(olds, news, old, new):
            matches[news[b]] = olds[a]
    return matches


def _aligned(
    olds: list[int], news: list[int], old: list[Any], new: list[Any]
) -> list[tuple[int, int]]:
    """Pairs (index in ``olds``, index in ``news``) of the items left between two anchors:
    in order, as many as the shorter side holds; where one side is longer, its items left
    unpaired are those that keep the most fields alike in the pairs (ties: the last ones)."""
    short_is_old = len(olds) <= len(news)
    shorter, longer = (olds, news) if short_is_old else (news, olds)
    skips = len(longer) - len(shorter)
    if not shorter:
        return []
    if not skips or len(shorter) * (skips + 1) > MAX_ALIGNED:
        pairs = list(enumerate(range(len(shorter))))
    else:

        def score(a: int, b: int) -> int:
            i, j = (shorter[a], longer[b]) if short_is_old else (longer[b], shorter[a])
            return _same_fields(old[i], new[j])

        scores = [[score(a, a + s) for s in range(skips + 1)] for a in range(len(shorter))]
        # best[a][s]: the most fields alike pairing shorter[a:] with longer[a + s:]
        best = [[0] * (skips + 2) for _ in range(len(shorter) + 1)]
        for a in range(len(shorter) - 1, -1, -1):
            best[a][skips + 1] = -1
            for s in range(skips, -1, -1):
                best[a][s] = max(scores[a][s] + best[a + 1][s], best[a][s + 1])
        pairs = []
        a = s = 0
        while a < len(shorter):
            if best[a][s + 1] > scores[a][s] + best[a + 1][s]:
                s += 1
                continue
            pairs.append((a, a + s))
            a += 1
    return pairs if short_is_old else [(b, a) for a, b in pairs]


def _json_like(nodes: list[Any]) -> bool:
    """Whether a flow collection's scalars (its keys, or its items) are all in double
    quotes, as JSON writes them: new ones are then written so too."""
    scalars = [one for one in nodes if _kind(one) == "ScalarNode"]
    return bool(scalars) and all(one.style == '"' for one in scalars)


def flow_scalars(node: Any) -> set[int]:
    """The ids of the scalars standing in a flow collection (their quoting differs)."""
    found: set[int] = set()
    stack = [(node, False)]
    while stack:
        one, flow = stack.pop()
        kind = _kind(one)
        if kind == "ScalarNode":
            if flow:
                found.add(id(one))
        elif kind == "SequenceNode":
            stack += [(item, flow or bool(one.flow_style)) for item in one.value]
        elif kind == "MappingNode":
            for key, value in one.value:
                stack += [
                    (key, flow or bool(one.flow_style)),
                    (value, flow or bool(one.flow_style)),
                ]
    return found
