"""A pack as YAML a teacher can read and edit, which the pack loader reads back exactly.

:func:`pack_yaml` writes the schema line first (an editor with the YAML language server
then completes and checks the file against ``pack.schema.json`` beside it: ``clarity
schema`` writes that file), an optional comment (where the pack was imported from), then
the pack's fields, a blank line between the rounds and between the questions, every list
in block style (one item a line: never a ``[a, b]`` list, whose commas the loader warns
about).

Each text is written in the plainest style that YAML reads back as that same text:

- plain, when nothing in it means something to YAML and it does not read as another
  type, in YAML 1.1 (what the loader and PyYAML read) or 1.2 (what editors read):
  ``yes``, ``no``, ``on``, ``null``, ``007``, ``1e3``, ``3.5`` are quoted;
- in single quotes otherwise (``'a #b'``, ``'key: value'``, ``'- item'``, ``'[1, 2]'``),
  where a backslash is a backslash and a quote is written twice: never in double quotes,
  whose escapes (``\\n``, ``\\t``) the loader warns about as a likely Windows path;
- a text of several lines as a literal block (``|-``), where a line break is a line break.

What YAML cannot hold in a text, or holds as something else, is changed first (and
documented here, since the loader then reads the changed text): a tab becomes a space,
other control characters are dropped, the line separators U+2028, U+2029 and U+0085 and a
carriage return become line breaks, spaces at the end of a line of several-line text go,
and a text is trimmed at both ends (the pack's models trim it anyway).

This writer is our own, not PyYAML's dumper: libyaml's emitter writes an emoji as
``"\\U0001F98A"`` and PyYAML's Python emitter takes 1.6 s for 10,000 questions; this
one takes a tenth of that and writes the emoji itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

SCHEMA_FILE_NAME = "pack.schema.json"
SCHEMA_LINE = f"# yaml-language-server: $schema={SCHEMA_FILE_NAME}"
# The order a teacher reads a pack's fields in (anything else follows, as given).
_PACK_HEAD = ("clarity", "id", "title", "description", "language", "author", "license")
_PACK_HEAD += ("time_limit",)
_INDENT = "  "

# Characters YAML may not hold (YAML 1.1, 5.1: C0 and C1 controls, surrogates, U+FFFE/F)
# and the byte-order mark, dropped; the ones it reads as line breaks, made line breaks.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]"
)
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# Anything clean_text changes: control characters (tab and line breaks too), the others above.
_CLEAN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# A plain scalar must not start with an indicator, nor hold ": " or " #", nor end with ":".
_INDICATOR_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
# What YAML 1.1 (PyYAML's resolver) or 1.2 (the core schema) reads as a non-text value.
NOT_TEXT = re.compile(
    r"""(?x)
    ~ | null | Null | NULL
    | y | Y | yes | Yes | YES | n | N | no | No | NO
    | true | True | TRUE | false | False | FALSE | on | On | ON | off | Off | OFF
    | [-+]? (?: [0-9][0-9_,:.]* | \.[0-9][0-9_]* ) (?: [eE] [-+]? [0-9]+ )?
    | [-+]? 0 [bBoOxX] [0-9a-fA-F_]+
    | [-+]? \.? (?: inf | Inf | INF ) | \.? (?: nan | NaN | NAN )
    | = | << | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2} .*
    """
)


def clean_text(text: str) -> str:
    """``text`` as a pack file can hold it (see the module docstring): line breaks made
    ``\\n``, tabs spaces, other control characters dropped, trimmed at both ends, and
    every line of several-line text without trailing spaces."""
    if _CLEAN.search(text) is None and text == text.strip():
        return text  # nearly every text: nothing to change
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    text = _UNPRINTABLE.sub("", text)
    if "\n" in text:
        text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    return text.strip()


def scalar(value: object, indent: str = "") -> str:
    """``value`` (text, a whole number or a boolean) as one YAML scalar; a text of several
    lines as a literal block whose lines are indented by ``indent`` and two spaces."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"a pack holds texts, numbers and booleans, not {type(value).__name__}")
    text = clean_text(value)
    if "\n" in text:
        inner = indent + _INDENT
        return "|-\n" + "\n".join(inner + line if line else "" for line in text.split("\n"))
    if _is_plain(text):
        return text
    return "'" + text.replace("'", "''") + "'"


def _is_plain(text: str) -> bool:
    return (
        bool(text)
        and text[0] not in _INDICATOR_START
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and NOT_TEXT.fullmatch(text) is None
    )


def pack_yaml(data: Mapping[str, Any], *, comment: str | None = None) -> str:
    """``data`` (a pack as plain dicts, lists, texts, whole numbers and booleans: the shape
    of a pack file; keys are field names) as the text of a pack file.

    A field whose value is None is left out. ``comment`` (one or more lines, without
    ``#``) is written after the schema line as YAML comments; the caller gives it, with any
    date it wants in it (nothing here reads the clock). Raises TypeError for a value that
    is none of those (a bug of the caller).
    """
    lines = [SCHEMA_LINE]
    if comment:
        lines += [f"# {line}".rstrip() for line in comment.splitlines()]
    lines.append("")
    head = [key for key in _PACK_HEAD if key in data]
    head += [key for key in data if key not in head and key not in ("rounds", "questions")]
    for key in head:
        if data[key] is not None:  # a field left out
            lines.append(_field(key, data[key], ""))
    for section in ("rounds", "questions"):
        items = data.get(section)
        if items is None:
            continue
        lines += ["", f"{section}:"]
        lines.append("\n\n".join(_item(item) for item in items))
    return "\n".join(lines) + "\n"


def _item(item: Mapping[str, Any]) -> str:
    """One round or question: ``  - key: value`` then its other fields under it."""
    fields = [_field(key, value, _INDENT * 2) for key, value in item.items() if value is not None]
    first = fields[0][len(_INDENT * 2) :] if fields else "{}"
    return "\n".join([f"{_INDENT}- {first}", *fields[1:]])


def _field(key: str, value: object, indent: str) -> str:
    if isinstance(value, Sequence) and not isinstance(value, str):
        if not value:
            return f"{indent}{key}: []"
        items = [f"{indent}{_INDENT}- {scalar(one, indent + _INDENT)}" for one in value]
        return f"{indent}{key}:\n" + "\n".join(items)
    return f"{indent}{key}: {scalar(value, indent)}"
