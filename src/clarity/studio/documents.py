"""A pack file as the document the studio's page edits: the pack's YAML data as JSON.

The document is exactly what the loader reads from the file
(:func:`clarity.core.packs.loader.read_pack_file`, whose composer keeps every scalar as the
text written): the same keys in the same order, every scalar a string (``No`` stays "No",
``007`` stays "007", ``25`` is "25"), lists as lists and groups of fields as objects. A
field written with nothing after it (``explain:``, or a plain ``~`` or ``null``) is
``None`` (JSON null), as the loader reads it, except where the field needs text and the
loader keeps the word written (``answer: null`` in a programming quiz is "null":
:func:`clarity.core.packs.problems.keep_written_words`). So checking the document
(:mod:`clarity.studio.checking`) finds what ``clarity validate`` finds in the file.

A file whose YAML reading reported an error is not opened: an alias (``*name``), a tag, a
field given twice or a broken line is read as something other than what the teacher wrote,
and a document made from it, once saved, would lose what was there. The teacher fixes
those in the file; :class:`DocumentUnreadable` carries the loader's problems to show.

What only the file's text shows (a comment that cut a text short, a list item cut at a
comma, an escape in double quotes) cannot be in a document: :func:`open_pack` keeps those
warnings beside the document (:attr:`OpenedPack.text_warnings`).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clarity.core.messages import Message
from clarity.core.packs.loader import PackLimits, check_pack_data, read_pack_file
from clarity.core.packs.problems import keep_written_words, warn_about_comments
from clarity.core.packs.report import Problem, Report

_LIMITS = PackLimits()  # the loader's caps (frozen)

__all__ = [
    "DocumentUnreadable",
    "OpenedPack",
    "open_document",
    "open_pack",
    "revision_of",
]


class DocumentUnreadable(Exception):
    """A pack file that cannot be opened as a document: it cannot be read, is not UTF-8,
    its YAML cannot be read or was read as something other than what was written (an
    alias, a tag, a field given twice), or it does not hold a group of fields.

    ``message`` is the first error in the teacher's words (a Message, translatable;
    without its field or place); ``problems`` are all of the file's problems as the
    loader reports them (``problem.render(translator)`` is the ``file:line:col: ...`` line).
    """

    def __init__(self, message: Message | str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(str(message))
        self.message = message
        self.problems = problems


@dataclass(frozen=True)
class OpenedPack:
    """A pack file opened in the studio.

    ``ref`` is how the studio names it ("my-quiz.yaml" or "bundled:union_state.yaml"),
    ``path`` the file, ``document`` its data (see the module's docstring), ``revision``
    the sha256 (hex) of the bytes the document was read from, ``editable`` False for a
    bundled pack (copied, never changed). ``text_warnings`` are the warnings only the
    file's text shows (a comment cutting a text short, a flow-list item cut at a comma, an
    escape), placed as the loader places them.
    """

    ref: str
    path: Path
    document: dict[str, Any]
    revision: str
    editable: bool
    text_warnings: tuple[Problem, ...] = field(default=())


def open_document(path: Path, *, limits: PackLimits = _LIMITS) -> dict[str, Any]:
    """The document of the pack file at ``path`` (JSON-able dicts, lists, str and None).

    Raises :class:`DocumentUnreadable` when the file cannot be read, its YAML has an
    error, or it does not hold a group of fields (``limits`` caps its size as the loader's).
    """
    return _read(path, limits)[0]


def open_pack(path: Path, *, ref: str, editable: bool, limits: PackLimits = _LIMITS) -> OpenedPack:
    """:func:`open_document` with the revision of the same bytes (read once, so that a
    change on disk between reading and hashing cannot slip through) and the file's text
    warnings. Raises :class:`DocumentUnreadable` as :func:`open_document` does."""
    document, revision, warnings = _read(path, limits)
    return OpenedPack(ref, path, document, revision, editable, warnings)


def revision_of(path: Path) -> str:
    """The sha256 (hex) of the bytes of the file at ``path``; "" when there is no regular
    file there to read (missing, a folder, a named pipe, unreadable).

    Opened without waiting (a named pipe swapped in never blocks) and checked to be a
    regular file once open, as the loader reads packs."""
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except OSError:
        return ""
    try:
        with os.fdopen(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return ""
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return ""


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read(path: Path, limits: PackLimits) -> tuple[dict[str, Any], str, tuple[Problem, ...]]:
    """The document, the revision of its bytes and the text's warnings; raises
    :class:`DocumentUnreadable`."""
    report = Report(path)
    read = read_pack_file(path, report, limits=limits)
    if read.text is None or read.tree is None or report.has_errors:
        raise _unreadable(report)
    raw, positions = read.tree
    if not isinstance(raw, dict):
        # the loader's own words for it ("the file should hold "field: value" lines ...")
        check_pack_data(
            raw, positions, report, pack_dir=path.parent, assets_dir=path.parent, limits=limits
        )
        raise _unreadable(report)
    keep_written_words(raw, positions)  # "answer: null" is the word, as the loader reads it
    # The composer's warnings (a split flow-list item, an escape) and the comment cuts.
    warn_about_comments(raw, positions, read.text, report)
    return raw, read.sha256, report.problems()


def _unreadable(report: Report) -> DocumentUnreadable:
    problems = report.problems()
    first = next((p for p in problems if p.severity == "error"), None)
    return DocumentUnreadable(first.said if first is not None else "", problems)
