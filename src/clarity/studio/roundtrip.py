"""Saving a document from the studio into its pack file, keeping what the teacher wrote.

:func:`save_document` writes the page's document (the pack's data as JSON, every scalar
the text the loader's composer reads: :func:`clarity.core.packs.plain_yaml.compose`) into
the pack file as the smallest change of its text (:mod:`.yaml_edits`): an unchanged
document leaves the file byte for byte as it was; a changed prompt changes that one line,
and comments, blank lines, key order, quoting, indentation, flow lists, a byte-order mark
and Windows line endings stay. The file is read by ruamel.yaml's round-trip composer,
which gives the position and style of every value; the new text is checked by composing
it again with the loader's own composer, and only text that reads back as the document is
written. Should patching ever miss (a file the two YAML readers read differently), the
pack is written afresh in the tidy layout of a new pack instead: the teacher's data is
never saved wrong, and the old file stays in the backups.

Writing is atomic (:func:`clarity.atomic_files.write_replacing`); the previous bytes are
kept in ``backups_dir`` as ``<file name>-<UTC time>.yaml``, the newest :data:`MAX_BACKUPS`
of each pack file. The oldest backups make way only once the pack is written: a save that
fails (a read-only folder, a full disk) removes the backup it had just written and leaves
the others as they were, so the history survives exactly when the disk is in trouble. A
pack file the user may not write (a read-only file) is refused, not renamed over. A file
that changed on disk since the page opened it (its sha256 is not the revision the page
holds) raises :class:`ChangedOnDisk` unless ``force``.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import re
import stat
import time
import types
import typing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from clarity.atomic_files import FileNotWritten, write_replacing
from clarity.core.messages import Message, message
from clarity.core.packs.plain_yaml import compose
from clarity.core.packs.problems import keep_written_words
from clarity.core.packs.report import Report, field_name
from clarity.core.packs.yaml_messages import TOO_DEEP
from clarity.studio.yaml_edits import (
    Kind,
    KindOf,
    Layout,
    Patcher,
    Path_,
    Unpatchable,
    Writer,
    apply_edits,
    detect_layout,
    flow_scalars,
    plain_of,
)

MAX_NESTING = 32  # lists and mappings in one another: a pack needs five; the composer reads 64
# YAML 1.2 (7.4, "implicit keys are restricted to a single line" of at most 1024 characters)
MAX_KEY_CHARS = 1000
MAX_BACKUPS = 10  # per pack: enough to step back a lesson's edits, few enough to ignore
_BOM = "\ufeff"
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_STAMP_PATTERN = r"\d{8}T\d{6}\.\d{6}Z"
# what clarity.atomic_files names the temporary file of a backup being written
_TEMPORARY_BACKUP = re.compile(r"\..+-" + _STAMP_PATTERN + r"(?:-\d+)?\.yaml\.tmp-[0-9a-f]{8}")
_STALE_SECONDS = 60  # a backup's temporary file older than this was left by a killed save
_NOT_READ_BACK = message("it could not be written as YAML that reads back the same")
# Translators: why a pack file was not saved (after "cannot write FILE: ")
_READ_ONLY = message("the file is read-only")


@dataclass(frozen=True)
class SavedPack:
    """A saved pack: the sha256 (hex) of the bytes now on disk, and the backup of the
    previous bytes (None for a new file, or when nothing changed and nothing was written)."""

    revision: str
    backup: Path | None


class DocumentNotSaved(ValueError):
    """The document cannot be written as a pack file that reads back as it (lists nested
    far too deep, a text with a character no file can hold, a field name YAML cannot
    write); nothing was written. ``said`` is why, one line to show (a
    :class:`~clarity.core.messages.Message`, without the file's name); ``str()`` is it in
    English."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


class ChangedOnDisk(Exception):
    """The pack file is not the one the page opened: ``disk_revision`` is the sha256 (hex)
    of the bytes on disk now ("" when the file is gone)."""

    def __init__(self, disk_revision: str) -> None:
        super().__init__(f"the pack file changed on disk (now {disk_revision or 'missing'})")
        self.disk_revision = disk_revision


def save_document(
    path: Path,
    document: dict[str, Any],
    *,
    expected_revision: str,
    force: bool = False,
    backups_dir: Path,
) -> SavedPack:
    """Write ``document`` into the pack file ``path`` (see the module docstring).

    ``expected_revision`` is the sha256 hex of the file as the page opened it, "" for a new
    pack (no file). Raises :class:`ChangedOnDisk` when the file's bytes are not that
    revision and ``force`` is false, and
    :class:`clarity.atomic_files.FileNotWritten` when the file cannot be read (a folder, a
    named pipe), is read-only, or it or its backup cannot be written, and
    :class:`DocumentNotSaved` when the document cannot be written as YAML that reads back
    as it (the file is then as it was).
    """
    refuse_unsavable(document)
    document = normalized(document)
    old = _current_bytes(path)
    disk_revision = hashlib.sha256(old).hexdigest() if old is not None else ""
    if disk_revision != expected_revision and not force:
        raise ChangedOnDisk(disk_revision)
    new = document_bytes(old, document)
    if new == old:
        return SavedPack(disk_revision, None)
    if old is not None and not os.access(path, os.W_OK):
        # a rename would replace it all the same: a teacher who protected the file meant it
        raise FileNotWritten(path, _READ_ONLY)
    backup = None
    if old is not None:
        backup = write_backup(path, old, backups_dir)
    try:
        write_replacing(path, new)
    except BaseException:
        if backup is not None:  # it duplicates the file still there: older backups stay
            with contextlib.suppress(OSError):
                backup.unlink(missing_ok=True)
        raise
    if backup is not None:
        trim_backups(path, backups_dir)
    return SavedPack(hashlib.sha256(new).hexdigest(), backup)


def _current_bytes(path: Path) -> bytes | None:
    """The bytes of the pack file now; None when there is none. Opened without waiting (a
    named pipe put there never blocks) and read only when it is a regular file. Raises
    :class:`FileNotWritten` for anything else there, or a file that cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileNotWritten(path, exc.strerror or str(exc), exc.errno or 0) from exc
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise FileNotWritten(path, message("not a regular file"))
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read()
    except FileNotWritten:
        raise
    except OSError as exc:
        raise FileNotWritten(path, exc.strerror or str(exc), exc.errno or 0) from exc
    finally:
        os.close(descriptor)


def normalized(value: Any) -> Any:
    """``value`` with every scalar as the composer gives it: text (numbers and booleans
    from JSON written as YAML reads them), or None."""
    if isinstance(value, dict):
        return {str(key): normalized(one) for key, one in value.items()}
    if isinstance(value, list | tuple):
        return [normalized(one) for one in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, str):
        return value
    return str(value)


def document_bytes(old: bytes | None, document: dict[str, Any]) -> bytes:
    """The new bytes of a pack file that held ``old`` (None: no file) for ``document``.
    Raises :class:`DocumentNotSaved` when no YAML text reads back as ``document``."""
    refuse_unsavable(document)
    kind_of = field_kinds(document)
    if old is not None:
        patched = _patched(old, document, kind_of)
        if patched is not None:
            return patched
    bom, newline = "", "\n"
    if old is not None:
        text = old.decode("utf-8", errors="replace")
        bom = _BOM if text.startswith(_BOM) else ""
        newline = _newline_of(text)
    fresh = fresh_text(document, kind_of, newline)
    if _composed(fresh) != document:  # not expected: every text is written exactly
        raise DocumentNotSaved(_NOT_READ_BACK)
    return (bom + fresh).encode("utf-8")


def refuse_unsavable(document: Any) -> None:
    """Raise :class:`DocumentNotSaved` for a document nested deeper than
    :data:`MAX_NESTING` lists and mappings, with a text (or field name) holding a lone
    surrogate (JSON can carry one; UTF-8 cannot) or a field name longer than
    :data:`MAX_KEY_CHARS`. An explicit loop, not recursion: a
    hostile page may nest very deep."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict | list | tuple):
            if len(path) >= MAX_NESTING:
                raise DocumentNotSaved(TOO_DEEP)
            pairs = value.items() if isinstance(value, dict) else enumerate(value)
            for key, one in pairs:
                if isinstance(key, str) and not _encodable(key):
                    raise DocumentNotSaved(_unwritable(path))
                if isinstance(key, str) and len(key) > MAX_KEY_CHARS:
                    raise DocumentNotSaved(_too_long_key(path))
                stack.append((one, (*path, key)))
        elif isinstance(value, str) and not _encodable(value):
            raise DocumentNotSaved(_unwritable(path))


def _too_long_key(path: tuple[str | int, ...]) -> Message:
    return message(
        "{field} has a field name longer than YAML can write ({count} characters at most)",
        field=field_name(path) or "\u2026",
        count=MAX_KEY_CHARS,
    )


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unwritable(path: tuple[str | int, ...]) -> Message:
    # Translators: {field} is a pack's field name as the pack writes it: questions[2].prompt
    return message(
        "{field} holds a character that cannot be written to a file",
        field=field_name(path) or "\u2026",
    )


def _newline_of(text: str) -> str:
    crlf = text.count("\r\n")
    return "\r\n" if crlf and crlf == text.count("\n") else "\n"


def _composed(text: str) -> Any:
    """The document of a pack's text, as the studio opens it."""
    found = compose(text.removeprefix(_BOM), Report(Path("pack.yaml")))
    return None if found is None else _document_of(found)


def _read(text: str) -> tuple[Any, Any] | None:
    """The data the composer reads from ``text``, and the document the studio opens
    (:func:`clarity.studio.documents.open_document`: a plain ``null`` where a field cannot
    be left out is that word, :func:`clarity.core.packs.problems.keep_written_words`)."""
    found = compose(text.removeprefix(_BOM), Report(Path("pack.yaml")))
    if found is None:
        return None
    raw, positions = found
    if not isinstance(raw, dict) or not positions.null_words:
        return raw, raw
    composed = copy.deepcopy(raw)
    return composed, _document_of(found)


def _document_of(found: tuple[Any, Any]) -> Any:
    """The document the studio opens from the composer's data and positions (the data
    itself, changed: the positions know its lists and mappings by identity)."""
    raw, positions = found
    if isinstance(raw, dict) and positions.null_words:
        keep_written_words(raw, positions)
    return raw


def _patched(old: bytes, document: dict[str, Any], kind_of: KindOf) -> bytes | None:
    """``old`` changed into ``document`` by the smallest edit, or None when it cannot be
    (not UTF-8 text, not YAML the composer reads, the two readers disagree)."""
    try:
        text = old.decode("utf-8")
    except UnicodeDecodeError:
        return None
    bom = _BOM if text.startswith(_BOM) else ""
    body = text.removeprefix(_BOM)
    read = _read(body)
    if read is None or not isinstance(read[1], dict):
        return None
    composed, before = read
    if before == document:
        return old
    for root in _node_trees(body):
        if _reads_as(root, composed):
            try:
                new_text = _edit(body, root, before, document, kind_of)
            except Unpatchable:
                return None
            if _composed(new_text) == document:
                return (bom + new_text).encode("utf-8")
            return None
    return None


def _node_trees(text: str) -> typing.Iterator[Any]:
    """The file's node tree from ruamel.yaml's round-trip composer, then PyYAML's."""
    from ruamel.yaml import YAML  # noqa: PLC0415 - only the studio's saving needs it
    from ruamel.yaml.error import YAMLError  # noqa: PLC0415

    readers = (
        lambda: YAML(typ="rt").compose(text),
        lambda: yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)),
    )
    for read in readers:
        try:
            root = read()
        except (YAMLError, yaml.YAMLError, ValueError, TypeError):
            continue
        yield root


def _reads_as(root: Any, data: Any) -> bool:
    try:
        return root is not None and plain_of(root) == data
    except Unpatchable:
        return False


def _edit(text: str, root: Any, old: Any, new: Any, kind_of: KindOf) -> str:
    if type(root).__name__ != "MappingNode" or root.flow_style:
        raise Unpatchable("not a block mapping")
    writer = Writer(detect_layout(root), kind_of, _newline_of(text), natural_order(new))
    patcher = Patcher(text, writer, flow=flow_scalars(root))
    return apply_edits(text, patcher.patch(root, old, new, ()))


# --- a fresh file ----------------------------------------------------------------------------


def fresh_text(document: dict[str, Any], kind_of: KindOf, newline: str = "\n") -> str:
    """``document`` as a new pack file: the schema line, the header fields in the order a
    new pack has them (:func:`clarity.formats.pack_files.new_pack_text`; a field it does not
    write goes after the field before it in the pack's model), then the rounds and the
    questions, a blank line between items, each item's fields in that order too."""
    from clarity.formats.pack_yaml import SCHEMA_LINE  # noqa: PLC0415

    writer = Writer(Layout(), kind_of, newline)
    order_of = natural_order(document)
    head = {key: one for key, one in document.items() if key not in ("rounds", "questions")}
    lines = [SCHEMA_LINE, *writer.mapping_lines(_ordered(head, order_of(()) or []), 0, ())]
    for section in ("rounds", "questions"):
        if section not in document:
            continue
        items = document[section]
        if not isinstance(items, list) or not items:
            lines += ["", *writer.mapping_lines({section: items}, 0, ())]
            continue
        lines += ["", f"{section}:"]
        for index, item in enumerate(items):
            if index:
                lines.append("")
            order = order_of((section, index)) or []
            tidy = _ordered(item, order) if isinstance(item, dict) else item
            lines += writer.item_lines(tidy, 2, (section, index))
    if not document:
        lines.append("{}")  # an empty mapping, which the loader then reports on
    return writer.join(lines)


def natural_order(document: dict[str, Any]) -> typing.Callable[[Path_], list[str] | None]:
    """The order a pack's fields are written in, for the header (path ``()``), a round
    (``("rounds", i)``) and a question (``("questions", i)``): a new pack's
    (:func:`clarity.formats.pack_files.new_pack_text`), with the other fields of the models
    (:class:`clarity.core.packs.models.Pack`) each after the field before it there."""
    from clarity.core.packs.models import Pack  # noqa: PLC0415 - pydantic
    from clarity.formats.pack_files import new_pack_text  # noqa: PLC0415

    example = _composed(new_pack_text("example", "Example", "en"))
    orders: dict[Path_, list[str]] = {(): _merged(list(example), list(Pack.model_fields))}
    for section in ("rounds", "questions"):
        written: list[str] = []
        for one in example[section]:
            written += [key for key in one if key not in written]
        fields: list[str] = []
        for model in _annotation_kind(Pack.model_fields[section].annotation)[1]:
            fields += [key for key in model.model_fields if key not in fields]
        orders[(section,)] = _merged(written, fields)

    def order_of(path: Path_) -> list[str] | None:
        if len(path) == 2 and isinstance(path[1], int):
            return orders.get(path[:1])
        return orders.get(path) if not path else None

    return order_of


def _merged(order: list[str], model_order: list[str]) -> list[str]:
    """``order`` with the other keys of ``model_order``, each after the key before it there."""
    merged = list(order)
    for index, key in enumerate(model_order):
        if key not in merged:
            before = [one for one in model_order[:index] if one in merged]
            merged.insert(merged.index(before[-1]) + 1 if before else 0, key)
    return merged


def _ordered(mapping: dict[str, Any], order: list[str]) -> dict[str, Any]:
    """``mapping`` with the keys of ``order`` first in that order, each other key right
    after the key it follows in ``mapping``."""
    keys = [key for key in order if key in mapping]
    for index, key in enumerate(mapping):
        if key in keys:
            continue
        before = list(mapping)[:index]
        place = max((keys.index(one) + 1 for one in before if one in keys), default=0)
        keys.insert(place, key)
    return {key: mapping[key] for key in keys}


# --- the kinds of fields ----------------------------------------------------------------------


def field_kinds(document: dict[str, Any]) -> KindOf:
    """How each field of ``document`` is best written, from the pack's models
    (:class:`clarity.core.packs.models.Pack`): "number" for an int or float field,
    "boolean" for a bool one, "numeral" for a text field the pack reads as a number (a
    number question's answer, accept, tolerance, min and max:
    :data:`clarity.core.packs.problems.NUMBER_FIELDS`) when its value is one in the pack's
    language (:func:`clarity.core.number_reading.read_number`: ``8``, ``-3,5`` in a Russian
    pack), else "text". A question's fields are its type's."""
    from clarity.core.number_reading import read_number  # noqa: PLC0415
    from clarity.core.packs.models import Pack  # noqa: PLC0415 - pydantic
    from clarity.core.packs.problems import NUMBER_FIELDS  # noqa: PLC0415 - one definition

    written = document.get("language")
    language = written if isinstance(written, str) and written.strip() else "en"

    def kind_of(path: Path_) -> Kind:
        models: list[type[BaseModel]] = [Pack]
        data: Any = document
        kind: Kind = "text"
        numeral = False
        for step in path:
            if isinstance(step, int):
                data = data[step] if isinstance(data, list) and step < len(data) else None
                continue
            chosen = _choose(models, data)
            annotation = next(
                (
                    model.model_fields[step].annotation
                    for model in chosen
                    if step in model.model_fields
                ),
                None,
            )
            numeral = all(step in NUMBER_FIELDS.get(model, ()) for model in chosen)
            data = data.get(step) if isinstance(data, dict) else None
            if annotation is None:
                return "text"
            kind, models = _annotation_kind(annotation)
        if numeral and kind == "text" and isinstance(data, str):
            with contextlib.suppress(ValueError, ArithmeticError):
                if read_number(data, language) is not None:
                    return "numeral"
        return kind

    return kind_of


def _choose(models: list[type[BaseModel]], data: Any) -> list[type[BaseModel]]:
    """The models that fit ``data`` by its ``type`` (a question's), all when none does."""
    written = data.get("type") if isinstance(data, dict) else None
    fitting = []
    for model in models:
        field = model.model_fields.get("type")
        if field is not None and written in [str(one) for one in _leaves(field.annotation)]:
            fitting.append(model)
    return fitting or models


def _leaves(annotation: Any) -> list[Any]:
    """The types and literal values inside ``annotation`` (through Annotated, unions,
    Optional, tuples and Literal)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaves(typing.get_args(annotation)[0])
    if origin is typing.Literal:
        return list(typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType, tuple, list):
        return [
            leaf
            for arg in typing.get_args(annotation)
            if arg is not Ellipsis
            for leaf in _leaves(arg)
        ]
    return [annotation]


def _annotation_kind(annotation: Any) -> tuple[Kind, list[type[BaseModel]]]:
    leaves = _leaves(annotation)
    models = [one for one in leaves if isinstance(one, type) and issubclass(one, BaseModel)]
    if bool in leaves:
        return "boolean", models
    if int in leaves or float in leaves:
        return "number", models
    return "text", models


# --- backups ---------------------------------------------------------------------------------


def write_backup(path: Path, data: bytes, backups_dir: Path) -> Path:
    """Write ``data`` (the pack's previous bytes) to ``backups_dir`` as ``<file name>-<UTC
    time>.yaml`` (``quiz.yml-20261201T141500.123456Z.yaml``: each pack file has its own
    backups, and a backup says where it came from), first removing the temporary files a
    killed save left there (:func:`remove_stale_temporaries`). Older backups are not
    touched: :func:`trim_backups` does that once the save has succeeded. Raises
    :class:`clarity.atomic_files.FileNotWritten`."""
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, a folder that may not be written
        raise FileNotWritten(backups_dir, exc.strerror or str(exc), exc.errno or 0) from exc
    remove_stale_temporaries(backups_dir)
    stamp = datetime.now(UTC).strftime(_STAMP)
    target = backups_dir / f"{path.name}-{stamp}.yaml"
    serial = 1
    while target.exists():  # two saves within a microsecond (a coarse clock)
        serial += 1
        target = backups_dir / f"{path.name}-{stamp}-{serial}.yaml"
    write_replacing(target, data)
    return target


def trim_backups(path: Path, backups_dir: Path) -> None:
    """Remove the oldest backups of the pack file ``path`` past :data:`MAX_BACKUPS` (a
    backup that cannot be removed stays: the save is done all the same)."""
    for old in backups_of(path.name, backups_dir)[:-MAX_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink(missing_ok=True)


def backups_of(name: str, backups_dir: Path) -> list[Path]:
    """The backups of the pack file named ``name`` (``quiz.yaml``), oldest first; never a
    temporary file being written."""
    pattern = re.compile(re.escape(name) + r"-(" + _STAMP_PATTERN + r")(?:-(\d+))?\.yaml")
    found = []
    for one in backups_dir.glob(f"{glob_escape(name)}-*.yaml"):
        match = pattern.fullmatch(one.name)
        if match:
            found.append(((match.group(1), int(match.group(2) or 1)), one))
    return [one for _, one in sorted(found)]


def remove_stale_temporaries(backups_dir: Path, *, now: float | None = None) -> None:
    """Remove the temporary files of backups (:mod:`clarity.atomic_files` names them
    ``.<backup name>.tmp-<8 hex digits>``) older than a minute: only a killed save leaves
    one, since every backup has a name of its own and no later write of it cleans up.
    Only files named so are touched; one that cannot be removed stays."""
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(backups_dir))
    except OSError:
        return
    for entry in entries:
        if not _TEMPORARY_BACKUP.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and (
                now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS
            ):
                os.unlink(entry.path)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
