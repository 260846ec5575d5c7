"""libyaml's errors in a teacher's words: ``file:line:col: what is wrong`` and what to do.

libyaml and PyYAML's pure-Python parser word the same slips differently; both are read,
so the teacher sees the same message whichever parser runs.

Every message is a core :class:`~clarity.core.messages.Message`, translated where it is
shown; the YAML it quotes (the line rewritten as it should be: ``answer: "1,000"``, a
character, a field's name) is a value, never translated. A slip no rule here knows keeps
libyaml's own English words, the one text left untranslated.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import yaml

from clarity.core.messages import Message, message
from clarity.core.packs.report import START, Report, shown
from clarity.core.packs.yaml_warnings import in_quotes, with_fix


def report_yaml_error(exc: yaml.YAMLError, text: str, report: Report) -> None:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        position, words = _in_teacher_words(exc, text)
        report.add(position, "", cannot_be_read(words))
        return
    position = getattr(exc, "position", None)  # a ReaderError: a character YAML refuses
    if isinstance(position, int):
        line = text.count("\n", 0, position)
        column = position - (text.rfind("\n", 0, position) + 1)
        character = getattr(exc, "character", None)
        if isinstance(character, int):
            code = f"U+{character:04X}"
            said = message(
                # Translators: {code} is the character's number in Unicode: U+0007.
                "the file holds a character YAML does not allow ({code} a control character)",
                code=code,
            )
        else:
            said = message("the file holds a character YAML does not allow (a control character)")
        report.add((line, column), "", said)
        return
    report.add(START, "", cannot_be_read(shown(str(exc))))


def cannot_be_read(problem: Message | str) -> Message:
    """The line for YAML that cannot be read, saying why: ``problem`` is a clause of ours,
    or libyaml's own English words where no rule knows the slip."""
    # Translators: {problem} says what is wrong and how to fix it, a clause in lower case.
    return message("the YAML cannot be read: {problem}", problem=problem)


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
_BAD_ESCAPE = re.compile(
    r"found unknown escape character|hexdecimal number|hexadecimal numbers|escape sequence"
)
_ITEM_HERE = re.compile(r"sequence entries are not allowed")  # "- " where a value goes
_KEY_HERE = re.compile(r"mapping keys are not allowed")  # "? " where a value goes
_FIELD_LINE = re.compile(r"(\s*(?:-\s+)?)([^\s:#'\"][^:#]*?):[ \t]+(.+?)[ \t]*$")
# "prompt:Hello": a field name and ":" with no blank after it (YAML reads one plain text).
_NO_BLANK_AFTER_COLON = re.compile(r"([ \t]*(?:-[ \t]+)?)([^\W\d][\w-]*):([^ \t].*?)[ \t]*$")
# "-type: typed": a dash right before a field name, meant as a list item.
_DASH_WITHOUT_BLANK = re.compile(r"(\s*)-([^\W\d][\w-]*:(?:[ \t].*)?)$")
_FULL_WIDTH_COLON = "\uff1a"  # "：", typed by Chinese and Japanese keyboards
# Characters that YAML reads as an indicator when a plain text starts with them.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _in_teacher_words(
    exc: yaml.MarkedYAMLError, text: str
) -> tuple[tuple[int, int], Message | str]:
    """Where the slip is and what to do about it, for the common ones; libyaml's own
    words, with where its context began, for the rest."""
    mark, start = exc.problem_mark, exc.context_mark
    problem, context = (exc.problem or "").strip(), exc.context or ""
    where = (mark.line, mark.column)
    here = text[mark.index] if 0 <= mark.index < len(text) else ""
    opened = (start.line, start.column) if start is not None else where

    # A slip on an earlier line that libyaml only notices later.
    found = _odd_indent(text, mark.line) or _dash_without_blank(text, mark.line)
    if found is not None:
        return found
    if here == "\t" or _TAB.search(problem):
        return where, message(
            "a tab is used here; YAML does not allow tabs for indenting, so indent with spaces"
        )
    if _COLON_IN_VALUE.search(problem):
        return where, _colon_in_value(text, mark.line)
    if _NO_COLON.search(problem):
        return _no_colon(text, opened)
    if _CANNOT_START.search(problem):
        return where, with_fix(
            message(
                # Translators: {character} is the character as written: @, `, %.
                'a value cannot start with "{character}" (YAML keeps it for itself); '
                "put the whole text in quotes",
                character=here,
            ),
            _quoted_value(text, mark),
        )
    if _ITEM_HERE.search(problem) or _KEY_HERE.search(problem):
        if here == "-":
            words = message(
                'a value cannot start with "- " (YAML reads it as a list item); '
                "put the whole text in quotes"
            )
        else:
            words = message(
                # Translators: {character} is the character as written, here "?".
                'a value cannot start with "{character} " (YAML reads it as a field name to '
                "come); put the whole text in quotes",
                character=here,
            )
        return where, with_fix(words, _quoted_value(text, mark))
    if _END_OF_FILE.search(problem) and "quoted scalar" in context and start is not None:
        quote = text[start.index] if 0 <= start.index < len(text) else '"'
        if quote == "'":
            return opened, message(
                "the quote ' that opens this text is never closed; end the text with ' "
                "(to use ' inside a text in single quotes, write it twice (''))"
            )
        return opened, message(
            'the quote " that opens this text is never closed; end the text with " '
            '(to use " inside the text, put the text in single quotes instead)'
        )
    if _END_OF_FILE.search(problem):
        return where, message("the file ends too early; a closing quote or bracket is missing")
    flow = _UNCLOSED_FLOW.search(problem)
    if flow is not None:
        return _unclosed_flow(text, flow.group(1), mark, start)
    if _NOT_LINED_UP.search(problem):
        return where, _not_lined_up(text, mark, here)
    if _NOT_AN_ITEM.search(problem):
        return where, _LINED_UP
    if _NO_CONTENT.search(problem):
        if here in ("]", "}"):
            return where, _closes_nothing(here)
        return where, message("a value is missing here")
    if _NO_DOCUMENT.search(problem):
        return where, message(
            'the pack ended on a line "..." above (the end of a YAML document); remove that line'
        )
    if _BAD_ESCAPE.search(problem):
        return where, _bad_escape(text, mark, start)
    if "block scalar" in context:
        return where, _block_scalar(text, start)
    if "anchor" in context or "alias" in context:
        return where, with_fix(
            message(
                'a value cannot start with "&" or "*" (YAML anchors and aliases); '
                "put the whole text in quotes"
            ),
            _quoted_value(text, start) if start is not None else None,
        )
    if "maximum nesting depth" in problem:
        return where, TOO_DEEP
    if not problem:
        return where, message("the YAML is broken")
    if context and start is not None:
        # libyaml's own words (no rule here knows the slip), with where its context began
        return where, message(
            # Translators: {problem} and {context} are the YAML reader's own English words.
            "{problem} ({context} that starts on line {line})",
            problem=problem,
            context=context,
            line=str(start.line + 1),
        )
    return where, problem


TOO_DEEP = message("the lists and fields nest far too deep")
_LINED_UP = message(
    "this line does not line up with the lines above it; check the spaces at its start "
    '(the fields of one group, and the "- " of the items of one list, start in the same '
    "column)"
)


def _closes_nothing(bracket: str) -> Message:
    # Translators: {bracket} is "]" or "}".
    return message(
        'this "{bracket}" closes nothing; remove it or put the text in quotes', bracket=bracket
    )


def _as_value(text: str) -> str:
    """``text`` as a YAML value: plain where YAML reads it back as written, else quoted."""
    if not text or text[0] in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
        return in_quotes(text)
    return text


def _quoted_value(text: str, mark: Any) -> str | None:
    """The line of ``mark`` with its value, from ``mark`` to the end of the line, in
    quotes (``prompt: "? is a question mark"``); None when nothing precedes the value
    but blanks or ``- ``, that is where the value is not a field's."""
    line = _line_of(text, mark.line)
    before, value = line[: mark.column].strip(), line[mark.column :].rstrip()
    if not value or not before.endswith((":", "-")):
        return None
    return f"{before} {in_quotes(value)}"


def tag_as_text_message(text: str, mark: Any, tag: str) -> Message:
    """The message for a value starting with "!" (``!important means?``): YAML reads the
    word as a tag; the teacher meant text."""
    return with_fix(
        message(
            # Translators: {tag} is the word after "!" as written: !important.
            'a value cannot start with "!" (YAML reads "{tag}" as a tag); '
            "put the whole text in quotes",
            tag=shown(tag),
        ),
        _quoted_value(text, mark),
    )


def _odd_indent(text: str, last_line: int) -> tuple[tuple[int, int], Message] | None:
    """The first line up to ``last_line`` indented with a space other than " " (a
    non-breaking space pasted from a web page or a word processor): YAML reads it as text,
    so the line's field is not a field and libyaml stumbles a line or more later."""
    for number, line in enumerate(text.split("\n", last_line + 1)[: last_line + 1]):
        for column, character in enumerate(line):
            if character in " \t":
                continue
            if is_odd_space(character):
                return (number, column), odd_indent_message(character)
            after = line[column + 1 : column + 2]
            if character == "-" and after and is_odd_space(after):
                return (number, column + 1), _odd_space_after_dash(line, column + 1)
            if character != "-" or after not in (" ", "\t"):
                break  # a "- " goes on to the item's own start ("- - text", "-   text")
    return None


def _odd_space_after_dash(line: str, column: int) -> Message:
    """The message for a list item whose dash is followed by an odd space (a Japanese
    input method's full-width space, a word processor's no-break space): YAML reads the
    dash and what follows as one text, not as an item."""
    character = line[column]
    fixed = f"{line[:column].strip()} {line[column:].lstrip(character).lstrip()}"
    return message(
        # Translators: {character} is the space's number and Unicode name, kept in English:
        # U+3000 IDEOGRAPHIC SPACE; {fix} is the line of YAML as it should be.
        'the space after "-" is a {character}, which YAML does not read as a space, so this '
        'line is not a list item; after the "-" type an ordinary space: {fix}',
        character=_named(character),
        fix=shown(fixed.strip(), 120),
    )


def _named(character: str) -> str:
    """``U+3000 IDEOGRAPHIC SPACE``: a character by its number and its Unicode name."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'odd space')}"


def is_odd_space(character: str) -> bool:
    """A space YAML does not indent with: U+00A0, U+3000 and the other spaces of Unicode
    but " " (the byte-order mark U+FEFF is no space)."""
    return character != " " and unicodedata.category(character) == "Zs"


def odd_indent_message(character: str) -> Message:
    """What the teacher sees for a line indented with ``character`` (see :func:`is_odd_space`)."""
    code = f"U+{ord(character):04X}"
    if character == "\u00a0":
        return message(
            # Translators: {code} is the character's number in Unicode: U+00A0.
            "this line is indented with non-breaking spaces ({code}, as pasted from a web "
            "page or a word processor), which YAML does not read as spaces; indent it with "
            "ordinary spaces",
            code=code,
        )
    if character == "\u3000":
        return message(
            # Translators: {code} is the character's number in Unicode: U+3000.
            "this line is indented with full-width spaces ({code}, as pasted from a web "
            "page or a word processor), which YAML does not read as spaces; indent it with "
            "ordinary spaces",
            code=code,
        )
    return message(
        # Translators: {character} is the space's number and Unicode name, kept in English:
        # U+2003 EM SPACE.
        "this line is indented with the character {character} (as pasted from a web page or "
        "a word processor), which YAML does not read as a space; indent it with ordinary "
        "spaces",
        character=_named(character),
    )


def _dash_without_blank(text: str, line: int) -> tuple[tuple[int, int], Message] | None:
    """A line such as "-type: typed" at ``line`` or the nearest non-blank line above it:
    a list item needs a blank after its dash (and a field an ordinary space after its
    colon, :func:`_odd_space_after_colon`)."""
    candidates = [line]
    above = line - 1
    while above >= 0 and not _line_of(text, above).strip():
        above -= 1
    if above >= 0:
        candidates.insert(0, above)
    for number in candidates:
        odd = _odd_space_after_colon(_line_of(text, number), number)
        if odd is not None:
            return odd
        found = _DASH_WITHOUT_BLANK.fullmatch(_line_of(text, number))
        if found is not None:
            return (number, len(found.group(1))), message(
                # Translators: {name} is what YAML took for a field's name (-type); {fix} is
                # the line of YAML as it should be.
                'a list item starts with "- " (a dash and a space); without the space '
                'YAML reads "{name}" as a field name: {fix}',
                name="-" + shown(found.group(2).split(":")[0]),
                fix=shown(f"- {found.group(2)}", 120),
            )
    return None


def _odd_space_after_colon(line: str, number: int) -> tuple[tuple[int, int], Message] | None:
    """A "field:" at the start of ``line`` followed by an odd space (:func:`is_odd_space`):
    YAML reads the field's name, the colon and the value as one text."""
    found = _NO_BLANK_AFTER_COLON.fullmatch(line)
    if found is None or not is_odd_space(found.group(3)[0]):
        return None
    indent, name, value = found.groups()
    odd = value[0]
    fixed = f"{indent.strip()} {name}: {_as_value(value.lstrip(odd).strip())}".strip()
    return (number, len(indent) + len(name) + 1), message(
        # Translators: {field} is a field's name as written (type); {character} the space's
        # number and Unicode name, kept in English; {fix} the line of YAML as it should be.
        'the space after "{field}:" is a {character}, which YAML does not read as a space, '
        'so this line is not a "field: value" line; after the ":" type an ordinary space: '
        "{fix}",
        field=shown(name),
        character=_named(odd),
        fix=shown(fixed, 120),
    )


def _no_colon(text: str, opened: tuple[int, int]) -> tuple[tuple[int, int], Message]:
    """A line that should be "field: value" and is not: a full-width colon, a colon with
    no blank after it, or text that goes on from the line above."""
    line = _line_of(text, opened[0])
    at = line.find(_FULL_WIDTH_COLON)
    if at >= 0:
        name, value = line[:at].strip(), line[at + 1 :].strip()
        return (opened[0], at), message(
            # Translators: {colon} is the full-width colon "\uff1a"; {fix} the line of YAML
            # as it should be.
            'this line uses the full-width colon "{colon}" (U+FF1A); a field needs the '
            'ordinary ":" and a space: {fix}',
            colon=_FULL_WIDTH_COLON,
            fix=shown(f"{name}: {_as_value(value)}", 120),
        )
    odd = _odd_space_after_colon(line, opened[0])
    if odd is not None:
        return odd
    found = _NO_BLANK_AFTER_COLON.fullmatch(line)
    if found is not None:
        indent, name, value = found.groups()
        fixed = f"{indent.strip()} {name}: {_as_value(value)}".strip()
        return (opened[0], len(indent) + len(name)), message(
            # Translators: {field} is a field's name as written; {fix} the line of YAML as
            # it should be.
            'this line has ":" right after "{field}" with no space; a field needs ": " '
            "(a colon and a space): {fix}",
            field=shown(name),
            fix=shown(fixed, 120),
        )
    return opened, message(
        'this line should be a "field: value" line but has no ":" after a name; if it '
        "goes on with the text of the line above, indent it more than that field, or "
        "put the whole text in quotes on one line"
    )


def _unclosed_flow(
    text: str, closer: str, mark: Any, start: Any
) -> tuple[tuple[int, int], Message]:
    is_list = closer == "]"
    if start is None or start.line == mark.line:
        return (mark.line, mark.column), message(
            # Translators: {brackets} is "[ ... ]" or "{ ... }", as written in YAML;
            # {opener} is "{".
            'an item inside "{brackets}" holds ": " or "{opener}" or "["; put that item in quotes',
            brackets="[ ... ]" if is_list else "{ ... }",
            opener="{",
        )
    line = _line_of(text, start.line)
    inside = line[start.column :]
    comment = re.search(r"[ \t]#", inside)
    if comment is not None and closer in inside[comment.start() :]:
        # " #" inside the brackets starts a comment that hides the closing bracket.
        at = start.column + comment.start() + 1
        # the brackets are values, never "{{" in a template: the pseudo-language would take
        # the text between "{{" and "}}" for a placeholder and leave it in English
        if is_list:
            words = message(
                # Translators: {opener} is "[".
                'YAML reads " #" and the rest of the line as a comment, so the list that '
                'opens with "{opener}" is never closed; put the items that hold " #" in quotes',
                opener="[",
            )
        else:
            words = message(
                # Translators: {opener} is "{".
                'YAML reads " #" and the rest of the line as a comment, so the group that '
                'opens with "{opener}" is never closed; put the items that hold " #" in quotes',
                opener="{",
            )
        return (start.line, at), with_fix(words, _flow_quoted(line, start.column, closer))
    if is_list:
        return (start.line, start.column), message(
            # Translators: {opener} and {closer} are "[" and "]".
            'the list that opens with "{opener}" here is never closed with "{closer}" on its line',
            opener="[",
            closer="]",
        )
    return (start.line, start.column), message(
        # Translators: {opener} and {closer} are "{" and "}".
        'the group that opens with "{opener}" here is never closed with "{closer}" on its line',
        opener="{",
        closer="}",
    )


def _flow_quoted(line: str, column: int, closer: str) -> str | None:
    """The line with the [...] list at ``column`` rewritten, each item that holds " #"
    in quotes; None for a {...} group or a list holding quotes or brackets (no simple
    rewrite)."""
    end = line.rfind(closer)
    inside = line[column + 1 : end]
    if closer != "]" or any(character in inside for character in "[]{}\"'"):
        return None
    items = [item.strip() for item in inside.split(",")]
    quoted = [in_quotes(item) if re.search(r"[ \t]#", item) else item for item in items]
    return f"{line[:column].strip()} {line[column]}{', '.join(quoted)}{closer}"


def _bad_escape(text: str, mark: Any, start: Any) -> Message:
    """A backslash in double quotes that starts no escape YAML knows (``C:\\Users``)."""
    backslash = text.rfind("\\", 0, mark.index + 1)
    escape = text[backslash : backslash + 2] if backslash >= 0 else "\\"
    words = message(
        # Translators: {escape} is a backslash and the character after it, as written: \U.
        '"\\" inside double quotes starts an escape ("\\n" is a line break, "\\t" a tab) and '
        '"{escape}" is not one; to write a backslash, put the text in single quotes '
        '(or write "/")',
        escape=shown(escape),
    )
    return with_fix(words, _single_quoted_line(text, start) if start is not None else None)


def _single_quoted_line(text: str, opening: Any) -> str | None:
    """The line whose double-quoted text opens at ``opening`` (a mark), with that text
    in single quotes as written, backslashes kept; None when the text spans lines."""
    line = _line_of(text, opening.line)
    close = line.rfind('"')
    if close <= opening.column:
        return None
    inside = line[opening.column + 1 : close].replace("'", "''")
    return f"{line[: opening.column].strip()} '{inside}'{line[close + 1 :].rstrip()}".strip()


def _block_scalar(text: str, start: Any) -> Message:
    """Text after "|" or ">" on its line: the teacher meant a text starting with it."""
    fix = None
    if start is not None:
        line = _line_of(text, start.line)
        after = line[start.column + 1 :]
        if after.strip() and not after.lstrip(" \t+-0123456789").startswith("#"):
            fix = _quoted_value(text, start)
    if fix is None:
        return message(
            'after "|" or ">" the text starts on the next line, indented more than its field'
        )
    return message(
        # Translators: {character} is "|" or ">"; {fix} the line of YAML as it should be.
        'a value that starts with "{character}" is a block of text on the lines below '
        '(YAML\'s "|" and ">"), so the text after it on this line cannot be read; to show '
        "the text as written, put it in quotes: {fix}",
        character=text[start.index],
        fix=shown(fix, 120),
    )


def _colon_in_value(text: str, line: int) -> Message:
    """The message for ": " inside a plain value, with the line rewritten in quotes."""
    field = _FIELD_LINE.fullmatch(_line_of(text, line))
    words = message(
        'the text holds ": " (a colon and a space), which YAML reads as a new field; put the '
        "whole text in quotes"
    )
    if field is None:
        return words
    return with_fix(words, f"{field.group(2)}: {in_quotes(field.group(3))}")


def _not_lined_up(text: str, mark: Any, here: str) -> Message:
    line = _line_of(text, mark.line)
    field = _FIELD_LINE.fullmatch(line)
    value = field.group(3) if field is not None else ""
    value_column = field.start(3) if field is not None else -1
    if here in ("]", "}"):
        return _closes_nothing(here)
    if value[:1] in ("'", '"') and value_column < mark.column:
        return _quotes_inside_quotes(field.group(2), value)
    if value[:1] in ("[", "{") and value_column < mark.column:
        fix = shown(f"{field.group(2)}: {in_quotes(value)}", 120)
        if value[0] == "[":
            return message(
                # Translators: {fix} is the line of YAML as it should be.
                'a value that starts with "[" is read as a list, so the text after its "]" '
                "cannot follow; put the whole text in quotes: {fix}",
                fix=fix,
            )
        return message(
            # Translators: {opener} and {closer} are "{" and "}"; {fix} is the line of YAML as
            # it should be.
            'a value that starts with "{opener}" is read as a group of fields, so the text after '
            'its "{closer}" cannot follow; put the whole text in quotes: {fix}',
            opener="{",
            closer="}",
            fix=fix,
        )
    if here == "-":
        return message("this list item is not under a field; indent it like the items above it")
    if here in ("&", "*"):
        return message('a value cannot start with "&" or "*"; put the whole text in quotes')
    return _LINED_UP


def _quotes_inside_quotes(name: str, value: str) -> Message:
    """Text after a quoted value's closing quote: a quote inside the text closed it early
    (``'What's the capital?'``), or the quotes wrapped only the start of the text."""
    quote, inner = value[0], value[1:-1]
    if len(value) < 2 or value[-1] != quote:
        return message(
            # Translators: {fix} is the line of YAML as it should be.
            "text follows the closing quote; put the whole value inside the quotes: {fix}",
            fix=shown(f"{name}: {in_quotes(value)}", 120),
        )
    if quote == "'":
        doubled = "'" + inner.replace("'", "''") + "'"
        fix = f'"{inner}"' if '"' not in inner and "\\" not in inner else doubled
        words = message(
            "the ' inside the text ends the text in single quotes early; inside single "
            "quotes write ' twice (''), or put the text in double quotes"
        )
    else:
        fix = f"'{inner}'" if "'" not in inner else in_quotes(inner)
        words = message(
            'the " inside the text ends the text in double quotes early; put the text in '
            "single quotes instead"
        )
    return with_fix(words, f"{name}: {fix}")


def _line_of(text: str, line: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line].rstrip("\r") if line < len(lines) else ""
