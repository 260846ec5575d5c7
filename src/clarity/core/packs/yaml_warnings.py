"""Warnings for plain YAML that reads differently from what a teacher most likely meant.

- a plain value followed on its line by `` #`` and more: YAML reads the rest as a comment
  (:func:`find_comment_starts` finds where, :func:`comment_cut_message` says it; only text
  fields are warned about: :func:`clarity.core.packs.problems.warn_about_comments`);
- an item of a ``[...]`` list that continues the item before it, cut at a comma: a number
  with digit groups (``1,000``), a decimal comma (``3,5``) or a name with its abbreviation
  (``Washington, D.C.``) (:func:`warn_about_split_items`).

Each warning shows the quoting that fixes it (:func:`in_quotes`). Warnings are core
:class:`~clarity.core.messages.Message` values, translated where they are shown; the YAML
they quote is a value, never translated.
"""

from __future__ import annotations

import re
from typing import Any

from clarity.core.messages import N_, Message, message, plural_message
from clarity.core.packs.report import Loc, Report, field_name, shown

# A comma in a [...] list that may have cut an item in two: the cheap first look, before
# the items on both sides are compared (see warn_about_split_items).
_MAY_BE_SPLIT = re.compile(r",(?:[0-9]|[ \t]*(?:0[0-9][0-9]|[^\W\d_]{1,4}\.))")
# An item that is only initials or a dotted abbreviation, in any script: "D.C.", "B.C.",
# "Jr.", "Inc.", "Ph.D.", "Ont.", "Mass.", "J. W.", "F.", "Л. Н.". After a name it ends
# that name: [Washington, D.C., Paris], [Goethe, J. W., Schiller, F.].
_ABBREVIATION = re.compile(r"(?:[^\W\d_]{1,4}\.[ \t]?)+")
# Initials that name something of their own: [France, U.K., Spain] is three countries.
_STANDALONE_INITIALS = frozenset({"U.K.", "U.S.", "U.S.A.", "U.N.", "E.U.", "U.A.E.", "U.S.S.R."})
_SMALL_NUMBER = re.compile(r"[+-]?\d{1,3}", re.ASCII)
_ZERO_GROUP = re.compile(r"0\d\d", re.ASCII)  # "000" after "1, ": a digit group, not a number


def find_comment_starts(text: str) -> set[int]:
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


def may_hold_split_items(text: str, start: int, end: int) -> bool:
    """Whether a [...] list written in ``text[start:end]`` has a comma that may have cut
    an item in two: the cheap first look before :func:`warn_about_split_items`."""
    return _MAY_BE_SPLIT.search(text, start, end) is not None


def _ends_a_name(item: Any) -> bool:
    """Whether ``item`` is initials or an abbreviation that may end the name before it."""
    return (
        isinstance(item, str)
        and item[:1].isupper()
        and item not in _STANDALONE_INITIALS
        and _ABBREVIATION.fullmatch(item) is not None
    )


def comment_cut_message(text: str, loc: Loc, value: str, hash_index: int) -> Message:
    """What the teacher sees for a value cut by a comment, with the quoting that fixes it.

    ``hash_index`` is where the blanks before the ``#`` begin in ``text``.
    """
    line_end = text.find("\n", hash_index)
    rest = text[hash_index : line_end if line_end >= 0 else len(text)].rstrip("\r")
    comment = rest.lstrip(" \t")
    blanks = rest[: len(rest) - len(comment)]
    meant = f"{value}{rest}" if value else comment
    fix = in_quotes(meant)
    if loc and isinstance(loc[-1], str):
        fix = f"{shown(loc[-1])}: {fix}"
    elif loc:
        fix = f"- {fix}"
    if value:
        return message(
            # Translators: {comment} and {value} are the pack's own text; {start} says what
            # starts a comment ('" #" starts one'); {fix} is the line of YAML as it should be.
            'YAML reads "{comment}" as a comment ({start}), so the game shows only "{value}"; '
            "if it belongs to the text, put the whole text in quotes: {fix}",
            comment=shown(comment),
            start=_comment_start(blanks),
            value=shown(value),
            fix=shown(fix, 120),
        )
    return message(
        # Translators: {comment} is the pack's own text; {start} says what starts a comment
        # ('" #" starts one'); {fix} is the line of YAML as it should be.
        'YAML reads "{comment}" as a comment ({start}), so the value is empty; '
        "if it belongs to the text, put the whole text in quotes: {fix}",
        comment=shown(comment),
        start=_comment_start(blanks),
        fix=shown(fix, 120),
    )


def _comment_start(blanks: str) -> Message:
    """What starts the comment, as written: a blank right before "#", a space or a tab."""
    if blanks.endswith("\t"):
        # Translators: in brackets after "YAML reads ... as a comment": what starts it.
        return message('a tab and "#" start one')
    # Translators: in brackets after "YAML reads ... as a comment": what starts it.
    return message('" #" starts one')


def with_fix(words: Message, fix: str | None) -> Message:
    """``words``, then the YAML that fixes the slip (cut to 120 characters), when there is
    one to show."""
    if not fix:
        return words
    # Translators: {problem} says what is wrong; {fix} is the line of YAML rewritten as it
    # should be (never translated). Keep the colon before it.
    return message("{problem}: {fix}", problem=words, fix=shown(fix, 120))


def listed(items: list[Message | str]) -> Message | str:
    """``items`` as one list in words, ``a, b and c``: a fold of two messages, so that
    each language says its own "and" (CLDR's list patterns are "{0}, {1}" and "{0} and
    {1}" for English, Russian and Belarusian alike)."""
    if len(items) == 1:
        return items[0]
    # Translators: the last two items of a list: "1" and "000".
    joined: Message | str = message("{first} and {last}", first=items[-2], last=items[-1])
    for item in reversed(items[:-2]):
        # Translators: an item of a list before the rest of it: "1", "000" and "000".
        joined = message("{first}, {rest}", first=item, rest=joined)
    return joined


def in_quotes(text: str) -> str:
    """``text`` as a YAML quoted scalar that reads back as ``text``."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def warn_about_split_items(
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
    - the second is only initials or a dotted abbreviation starting with a capital
      (:data:`_ABBREVIATION`) and the first is a name (it has a small letter and is no
      abbreviation): ``[Washington, D.C., Paris]``, ``[Goethe, J. W., Schiller, F.]``,
      ``[Толстой, Л. Н., Чехов]``; not where every item is an abbreviation
      (``[Dr., Mr., Mrs.]``), nor for initials that stand alone (``[France, U.K.]``).
      ``[Washington, DC, Paris]`` stays silent: "DC" without dots is also how one writes
      a chemical symbol or a country code (``[Fe, Co, Ni]``, ``[US, DE]``).

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
    ending = [_ends_a_name(item) for item in items]
    # A list of titles or abbreviations only ([Dr., Mr., Mrs.]) has no name to end.
    any_name = not all(ending[index] for index in range(count) if ends[index] >= 0)
    joined = [False] * count  # joined[i]: items i and i + 1 were one
    for index, separator in enumerate(separators):
        if ends[index + 1] < 0 or separator.strip(" \t") != ",":
            continue
        first, second = items[index], items[index + 1]
        joined[index] = bool(
            (spaced and separator == "," and first[-1].isdecimal() and second[0].isdecimal())
            or (_SMALL_NUMBER.fullmatch(first) and _ZERO_GROUP.fullmatch(second))
            or (
                any_name
                and ending[index + 1]
                and not ending[index]
                and any(character.islower() for character in first)
            )
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
        parts: list[Message | str] = [
            # Translators: one of the items of the pack's list, in quotes.
            message('"{item}"', item=shown(item))
            for item in items[index : last + 1]
        ]
        loc = (*path, index)
        report.add(
            (marks[index].line, marks[index].column),
            field_name(loc),
            message(
                # Translators: {whole} is the pack's text; {items} lists its parts in quotes
                # ("1" and "000"); {fix} is the text in quotes as YAML should have it.
                'the comma splits "{whole}" into the items {items}, since commas separate the '
                "items of a [...] list; if it is one item, put it in quotes: {fix}",
                whole=shown(whole),
                items=listed(parts),
                fix=in_quotes(shown(whole)),
            ),
            "warning",
        )
        index = last + 1


# Escapes in double quotes that turn into a character the teacher cannot see: most often
# a Windows path ("C:\new\table.txt") meant with its backslashes. "\\", "\"", "\x..",
# "\u...." are written on purpose and left alone.
# Each is how YAML reads the escape, {escape} being the escape as written ("\n").
_LINE_BREAK = N_('"{escape}" as a line break')
_TAB_READ = N_('"{escape}" as a tab')
_HIDDEN_ESCAPES = {
    "n": _LINE_BREAK,
    "t": _TAB_READ,
    "\t": _TAB_READ,
    "r": _LINE_BREAK,
    "b": N_('"{escape}" as a backspace'),
    "a": N_('"{escape}" as a bell'),
    "0": N_('"{escape}" as a null character'),
    "v": N_('"{escape}" as a vertical tab'),
    "f": N_('"{escape}" as a page break'),
    "e": N_('"{escape}" as an escape character'),
    "N": _LINE_BREAK,
    "L": _LINE_BREAK,
    "P": N_('"{escape}" as a paragraph break'),
    "_": N_('"{escape}" as a non-breaking space'),
}
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def warn_about_escapes(event: Any, loc: Loc, text: str, report: Report) -> None:
    """Warn where a double-quoted value holds an escape such as ``\n`` or ``\t`` as the
    teacher wrote it: YAML reads it as a line break or a tab (YAML 1.1, section 5.6), so
    ``"Open C:\new\table.txt"`` shows "Open C:", a new line, "ew", a tab and "able.txt".

    ``event`` is libyaml's scalar event of the value; the warning is placed on the first
    such escape and shows the value in single quotes, where a backslash is a backslash.
    """
    start, end = event.start_mark.index, event.end_mark.index
    if text.find("\\", start, end) < 0:
        return
    found: list[tuple[int, str]] = []
    for escape in _ESCAPE.finditer(text, start, end):
        if escape.group(1) in _HIDDEN_ESCAPES:
            found.append((escape.start(), escape.group(0)))
    if not found:
        return
    first = found[0][0]
    line = event.start_mark.line + text.count("\n", start, first)
    column = first - (text.rfind("\n", 0, first) + 1)
    readings: list[Message | str] = [
        message(_HIDDEN_ESCAPES[written[1]], escape=shown(written))
        if written[1] != "\t"
        else message("a backslash before a tab as a tab")
        for written in dict.fromkeys(written for _, written in found)  # each once, in order
    ]
    said = plural_message(
        # Translators: {readings} lists how YAML reads each escape ("\n" as a line break);
        # the count is how many kinds it lists: "that" for one, "those" for more.
        "inside double quotes YAML reads {readings}, so the game shows that and no "
        "backslash; if you meant the backslashes (a Windows path), put the text in single "
        "quotes",
        "inside double quotes YAML reads {readings}, so the game shows those and no "
        "backslash; if you meant the backslashes (a Windows path), put the text in single "
        "quotes",
        len(readings),
        readings=listed(readings),
    )
    report.add(
        (line, column), field_name(loc), with_fix(said, _single_quoted(text, event)), "warning"
    )


def _single_quoted(text: str, event: Any) -> str | None:
    """The double-quoted value written in single quotes, backslashes kept, after its
    field's name or its "- " when it has one; None when the value spans lines."""
    start, end = event.start_mark.index, event.end_mark.index
    if text.find("\n", start, end) >= 0:
        return None
    quoted = "'" + text[start + 1 : end - 1].replace("'", "''") + "'"
    before = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return f"{before} {quoted}" if before.endswith((":", "-")) else quoted
