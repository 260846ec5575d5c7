"""libyaml's errors in a teacher's words: ``file:line:col: what is wrong`` and what to do.

libyaml and PyYAML's pure-Python parser word the same slips differently; both are read,
so the teacher sees the same message whichever parser runs.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from clarity.core.packs.report import START, Report, shown
from clarity.core.packs.yaml_warnings import in_quotes


def report_yaml_error(exc: yaml.YAMLError, text: str, report: Report) -> None:
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
    fix = f"{field.group(2)}: {in_quotes(field.group(3))}"
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
