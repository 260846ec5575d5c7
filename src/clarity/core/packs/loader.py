"""Load question packs from YAML files and report every problem as a ``file:line:col`` line.

A pack is read in four steps, each of which turns what the teacher got wrong into
:class:`Problem` values (:mod:`clarity.core.packs.report`) instead of exceptions:

1. bytes: regular files only (never a FIFO or a device), size cap, UTF-8 (here);
2. YAML to plain dicts, lists and strings, with the line and column of every key and
   value (:mod:`clarity.core.packs.plain_yaml`): no tag can build an object, and every scalar
   stays the text the teacher wrote (``No`` and ``007`` are not ``False`` and ``7``);
3. the pydantic models in :mod:`clarity.core.packs.models` (lax mode turns ``"20"`` into 20
   where the schema wants a number), with their errors reworded and placed, and the
   checks across items (:mod:`clarity.core.packs.problems`);
4. the pictures: path rules, exact file-name case, format and size from the header
   (:mod:`clarity.core.packs.pictures`).

This module ties the steps together; the game, the CLI and the tests use its API. Steps 1
and 2 are :func:`read_pack_file`; steps 3 and 4 are :func:`check_pack_data`, which takes
plain data, so that the Teacher Studio checks a pack being edited (no file yet) by the very
code that checks a file (:mod:`clarity.studio.checking`).
"""

from __future__ import annotations

import gc
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.folders import FolderListings
from clarity.core.packs.glyphs import CanDraw, warn_about_glyphs
from clarity.core.packs.models import FORMAT_VERSION, Pack
from clarity.core.packs.picture_decoding import MAX_PICTURE_SIDE
from clarity.core.packs.pictures import check_images
from clarity.core.packs.plain_yaml import Positions, compose
from clarity.core.packs.problems import (
    check_question_ids,
    keep_written_words,
    validate,
    warn_about_comments,
    warn_about_grids,
)
from clarity.core.packs.report import START, Problem, Report, Severity
from clarity.core.packs.screen_fit import warn_about_screen_fit

__all__ = [
    "PACK_SUFFIXES",
    "CheckedPack",
    "FolderListings",
    "LoadedPack",
    "PackDiscovery",
    "PackFile",
    "PackLimits",
    "Positions",
    "Problem",
    "Severity",
    "check_pack_data",
    "collector_paused",
    "discover_packs",
    "find_pack_files",
    "id_already_used",
    "iter_packs",
    "load_pack",
    "load_packs",
    "pack_files_in",
    "positions_in_order",
    "read_pack_file",
    "title_order",
]

PACK_SUFFIXES = (".yaml", ".yml")
MIB = 1024 * 1024


@dataclass(frozen=True)
class PackLimits:
    """Caps that keep a broken or hostile pack from eating the classroom computer."""

    max_bytes: int = 8 * MIB
    max_questions: int = 10_000
    max_image_side: int = MAX_PICTURE_SIDE


@dataclass(frozen=True)
class LoadedPack:
    """The outcome of loading one file: the pack when it is fully valid, and its problems.

    ``pack`` is ``None`` whenever there is an error (a pack with a missing picture must
    never reach a game); warnings alone leave it in place.
    """

    path: Path
    pack: Pack | None
    problems: tuple[Problem, ...]
    sha256: str  # of the file's bytes; "" when the file could not be read
    images: Mapping[str, Path]  # image text as written in the pack -> absolute file path

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def first_error(self) -> str | None:
        errors = self.errors
        return str(errors[0]) if errors else None

    @property
    def id(self) -> str:
        return self.pack.id if self.pack is not None else self.path.stem

    @property
    def title(self) -> str:
        return self.pack.title if self.pack is not None else self.path.stem


def load_pack(
    path: Path,
    *,
    assets_dir: Path,
    limits: PackLimits = PackLimits(),
    can_draw: CanDraw | None = None,
) -> LoadedPack:
    """Read, parse and check the pack at ``path``. Bad input never raises: see ``problems``.

    Images resolve against the pack file's folder first, then ``assets_dir``. With
    ``can_draw`` (whether the fonts on this computer draw a character), every character
    no font can draw gets a warning (:mod:`clarity.core.packs.glyphs`).
    """
    return _load(path, assets_dir=assets_dir, limits=limits, taken_ids={}, can_draw=can_draw)


def load_packs(
    files: Sequence[Path],
    *,
    assets_dir: Path,
    limits: PackLimits = PackLimits(),
    listings: FolderListings | None = None,
    can_draw: CanDraw | None = None,
) -> list[LoadedPack]:
    """Load ``files`` in order; a pack reusing the id of an earlier valid pack gets an error.

    The folders the packs and their pictures are in are each listed once for all of them
    (``listings``, or new ones), so N packs load in time linear in N.
    """
    return list(
        iter_packs(
            files, assets_dir=assets_dir, limits=limits, listings=listings, can_draw=can_draw
        )
    )


def iter_packs(
    files: Iterable[Path],
    *,
    assets_dir: Path,
    limits: PackLimits = PackLimits(),
    listings: FolderListings | None = None,
    can_draw: CanDraw | None = None,
) -> Iterator[LoadedPack]:
    """:func:`load_packs` one pack at a time, for a screen that shows them as they come."""
    shared = listings if listings is not None else FolderListings()
    taken_ids: dict[str, Path] = {}
    for path in files:
        yield _load(
            path,
            assets_dir=assets_dir,
            limits=limits,
            taken_ids=taken_ids,
            listings=shared,
            can_draw=can_draw,
        )


@dataclass(frozen=True)
class PackDiscovery:
    """The pack files found in the packs folders, and the folder listings read to find them
    (for :func:`iter_packs` to reuse: the pictures are mostly in the same folders)."""

    files: tuple[Path, ...]
    listings: FolderListings


def find_pack_files(folders: Sequence[Path]) -> PackDiscovery:
    """Every ``*.yaml``/``*.yml`` pack file directly in ``folders``, folder by folder, each
    folder's by name; missing or unreadable folders are skipped. Each folder is read once."""
    listings = FolderListings()
    files = tuple(path for folder in folders for path in pack_files_in(folder, listings))
    return PackDiscovery(files, listings)


def discover_packs(
    folders: Sequence[Path],
    *,
    assets_dir: Path,
    limits: PackLimits = PackLimits(),
    can_draw: CanDraw | None = None,
) -> list[LoadedPack]:
    """Every ``*.yaml``/``*.yml`` pack directly in ``folders``, sorted by title.

    Missing folders are skipped. An id already taken by a pack from an earlier folder (or
    an earlier file of the same folder) is an error on the later pack; one broken pack
    never stops the others loading. Linear in the number of packs: each folder is listed
    once, for the pack files and for every pack's pictures.
    """
    found = find_pack_files(folders)
    loaded = load_packs(
        found.files,
        assets_dir=assets_dir,
        limits=limits,
        listings=found.listings,
        can_draw=can_draw,
    )
    return sorted(loaded, key=title_order)


def title_order(loaded: LoadedPack) -> tuple[str, str, str]:
    """The sort key of :func:`discover_packs`: by title regardless of case, then its path."""
    return (loaded.title.casefold(), loaded.title, str(loaded.path))


def pack_files_in(folder: Path, listings: FolderListings | None = None) -> list[Path]:
    """The pack files directly inside ``folder``, by name; none if it is missing or unreadable.

    Only regular files (or links to them) count: a folder, FIFO or device named like a
    pack is not read. ``listings`` shares the folder's listing with the pack loading.
    """
    listing = (listings or FolderListings()).listing(folder)
    if listing is None:
        return []
    return [
        folder / name
        for name in listing.names
        # Hidden names are editor backups and lock files (".#pack.yaml"), not packs.
        if name in listing.files
        and not name.startswith(".")
        and os.path.splitext(name)[1].lower() in PACK_SUFFIXES
    ]


# --- the whole load ------------------------------------------------------------------------


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a pack is built, then restore it.

    Parsing makes some hundred thousand dicts, lists and strings and no reference cycles;
    with the collector running, its repeated full passes over all of them took about half
    the time of loading a 10,000-question pack. Nothing here is left for it to find. The
    studio's checks pause it too (a pass over a big document mid-keystroke took 100 ms).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@collector_paused()
def _load(
    path: Path,
    *,
    assets_dir: Path,
    limits: PackLimits,
    taken_ids: dict[str, Path],
    listings: FolderListings | None = None,
    can_draw: CanDraw | None = None,
) -> LoadedPack:
    report = Report(path)

    def done(pack: Pack | None, digest: str, images: Mapping[str, Path]) -> LoadedPack:
        keep = None if report.has_errors else pack
        return LoadedPack(path, keep, report.problems(), digest, MappingProxyType(dict(images)))

    read = read_pack_file(path, report, limits=limits)
    if read.text is None or read.tree is None:
        return done(None, read.sha256, {})
    raw, positions = read.tree
    checked = check_pack_data(
        raw,
        positions,
        report,
        pack_dir=path.parent,
        assets_dir=assets_dir,
        limits=limits,
        text=read.text,
        listings=listings,
        can_draw=can_draw,
    )
    pack = checked.pack
    if pack is not None and not report.has_errors:
        other = taken_ids.get(pack.id)
        if other is not None:
            report.add(positions.value(("id",)), "id", id_already_used(pack.id, other))
        else:
            taken_ids[pack.id] = path
    return done(pack, read.sha256, checked.images)


def id_already_used(pack_id: str, other: Path) -> Message:
    """The error of a pack whose id ``other``, a pack file before it in the game's order
    (the game's own packs, then the packs folder by name), already has: the game lists
    only the first of them."""
    # Translators: {other} is the path of the other pack file.
    return message('"{id}" is already used by {other}', id=pack_id, other=str(other))


@dataclass(frozen=True)
class PackFile:
    """A pack file read: the sha256 of its bytes ("" when they could not be read), its
    text (None when it is not UTF-8 or could not be read) and its YAML composed into plain
    data with positions (None when the YAML cannot be read or holds nothing)."""

    sha256: str
    text: str | None
    tree: tuple[Any, Positions] | None


def read_pack_file(path: Path, report: Report, *, limits: PackLimits = PackLimits()) -> PackFile:
    """Steps 1 and 2 of the load: the bytes of ``path`` (a regular file of at most
    ``limits.max_bytes``), as UTF-8 text, composed into plain data
    (:func:`clarity.core.packs.plain_yaml.compose`). What is wrong goes to ``report``
    (a YAML alias or a key given twice is reported there while the data is still read);
    never raises for a bad file."""
    data = _read_capped(path, limits.max_bytes, report)
    if data is None:
        return PackFile("", None, None)
    digest = hashlib.sha256(data).hexdigest()
    text = _decode(data, report)
    if text is None:
        return PackFile(digest, None, None)
    return PackFile(digest, text, compose(text, report))


@dataclass(frozen=True)
class CheckedPack:
    """What :func:`check_pack_data` found: the pack as the models read it (None when they
    refuse it; it may still have other errors, in the report) and every usable picture,
    by its text in the pack -> its absolute path."""

    pack: Pack | None
    images: dict[str, Path]


def check_pack_data(
    raw: Any,
    positions: Positions,
    report: Report,
    *,
    pack_dir: Path,
    assets_dir: Path,
    limits: PackLimits = PackLimits(),
    text: str | None = None,
    listings: FolderListings | None = None,
    can_draw: CanDraw | None = None,
) -> CheckedPack:
    """Step 3 and 4 of the load on plain data (dicts, lists, str and None, as
    :func:`~clarity.core.packs.plain_yaml.compose` gives it): every check ``clarity
    validate`` makes after reading the YAML, each problem into ``report`` at its place in
    ``positions``. The one entry point of the checks, for a file (:func:`load_pack`) and
    for data that has no file yet (the Teacher Studio's document, with
    :func:`positions_in_order`).

    ``text`` is the file's text: with it, a comment that cut a text short gets its warning
    (:func:`~clarity.core.packs.problems.warn_about_comments`); data without a file has no
    comments. Pictures resolve against ``pack_dir``, then ``assets_dir``. ``raw`` may be
    changed in place (a plain ``null`` put back as the word where a field needs text:
    :func:`~clarity.core.packs.problems.keep_written_words`). Never raises for bad data.
    """
    if not isinstance(raw, dict):
        kind = message("a list") if isinstance(raw, list) else message("a single value")
        report.add(
            positions.value(()),
            "",
            # Translators: {kind} is what the file holds instead: a list, a single value.
            message(
                'the file should hold "field: value" lines (clarity:, id:, title: ...), '
                "but it holds {kind}",
                kind=kind,
            ),
        )
        return CheckedPack(None, {})

    questions = raw.get("questions")
    if isinstance(questions, list) and len(questions) > limits.max_questions:
        report.add(
            positions.key(("questions",)),
            "questions",
            plural_message(
                "the pack has {count} question; a pack can hold at most {limit}",
                "the pack has {count} questions; a pack can hold at most {limit}",
                len(questions),
                limit=limits.max_questions,
            ),
        )
        return CheckedPack(None, {})

    keep_written_words(raw, positions)
    pack = validate(raw, positions, report)
    if text is not None:
        warn_about_comments(raw, positions, text, report)
    if pack is None and not _version_is_known(raw):
        return CheckedPack(None, {})  # another version's fields mean nothing to us
    check_question_ids(raw, positions, report)
    images = check_images(
        raw,
        positions,
        pack_dir=pack_dir,
        assets_dir=assets_dir,
        max_side=limits.max_image_side,
        report=report,
        listings=listings,
    )
    warn_about_grids(raw, positions, report)
    warn_about_screen_fit(raw, positions, report)
    if can_draw is not None:
        warn_about_glyphs(raw, positions, report, can_draw)
    return CheckedPack(pack, images)


_END = object()  # no entries left


@dataclass(frozen=True, slots=True)
class _Place:
    """A made-up libyaml mark: where a value of data without a file comes, in order."""

    line: int
    column: int = 0


def positions_in_order(raw: Any) -> Positions:
    """Positions for plain data that has no file (the studio's document): every key and
    value numbered in the order it comes, as if each were on a line of its own, so that
    problems come out in the data's order (the order a file of it would have) and texts
    listed together in one message are named in that order. The numbers are not lines of
    any file: show the problems by their fields."""
    positions = Positions()
    positions.root, positions.root_mark = raw, _Place(0)
    line = 1
    # an explicit stack of (is a dict, its value marks, its key marks, its entries left):
    # the data may nest deep
    stack: list[tuple[bool, Any, Any, Iterator[Any]]] = []

    def enter(node: Any) -> None:
        if isinstance(node, dict):
            marks: dict[Any, Any] = {}
            keys: dict[Any, Any] = {}
            positions.value_marks[id(node)], positions.key_marks[id(node)] = marks, keys
            stack.append((True, marks, keys, iter(node.items())))
        elif isinstance(node, list):
            items: list[Any] = []
            positions.value_marks[id(node)] = items
            stack.append((False, items, None, iter(node)))

    enter(raw)
    while stack:
        is_map, marks, keys, entries = stack[-1]
        entry = next(entries, _END)
        if entry is _END:
            stack.pop()
            continue
        if is_map:
            key, value = entry
            keys[key] = _Place(line)
            marks[key] = _Place(line, 1)
        else:
            value = entry
            marks.append(_Place(line))
        line += 1
        enter(value)
    return positions


def _read_capped(path: Path, max_bytes: int, report: Report) -> bytes | None:
    """The file's bytes, or None with the problem reported.

    Only a regular file is a pack: a folder, a named pipe (FIFO), a device or a socket is
    refused before it is opened (reading a FIFO would wait for ever, a device may never
    end), and the file is opened without waiting and checked again once open, in case it
    was swapped between the two looks.
    """
    try:
        kind = _not_a_regular_file(os.stat(path).st_mode)
        if kind is not None:
            report.add(START, "", _not_a_pack_file(kind))
            return None
        descriptor = os.open(path, _READ_FLAGS)
        with os.fdopen(descriptor, "rb") as stream:
            status = os.fstat(stream.fileno())
            kind = _not_a_regular_file(status.st_mode)
            if kind is not None:
                report.add(START, "", _not_a_pack_file(kind))
                return None
            size = status.st_size
            # Also read at most one byte past the cap: the size on disk may be wrong or
            # change (a file being written).
            data = stream.read(max_bytes + 1) if size <= max_bytes else b""
    except OSError as exc:
        # Translators: {reason} is the system's own words (No such file or directory).
        said = message("cannot read the file: {reason}", reason=str(exc.strerror or exc))
        report.add(START, "", said)
        return None
    if size > max_bytes or len(data) > max_bytes:
        size = max(size, len(data))
        shown, cap = _size_text(size), _size_text(max_bytes)
        if str(shown) == str(cap):  # just over the cap: "8 MiB; at most 8 MiB" would puzzle
            shown, cap = (
                _bytes(size),
                message("{size} ({bytes})", size=cap, bytes=_bytes(max_bytes)),
            )
        said = message(
            "the file is {size}; a pack file can be at most {limit}", size=shown, limit=cap
        )
        report.add(START, "", said)
        return None
    return data


# Open without waiting for a writer (a FIFO swapped in after the check) and, on Windows,
# as bytes.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _not_a_regular_file(mode: int) -> Message | None:
    """What a file of ``mode`` is when it is not a regular file, in a teacher's words."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return message("a folder")
    if stat.S_ISFIFO(mode):
        return message("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return message("a device")
    if stat.S_ISSOCK(mode):
        return message("a socket")
    return message("not a regular file")


def _not_a_pack_file(kind: Message) -> Message:
    # Translators: {kind} is a folder, a named pipe (FIFO), a device ...
    return message("this is {kind}, not a pack file", kind=kind)


def _bytes(size: int) -> Message:
    return plural_message("{count} byte", "{count} bytes", size)


def _size_text(size: int) -> Message:
    """``size`` bytes in binary units, three significant digits (the number as Python
    writes it: a size in MiB has one decimal point in every language here)."""
    if size >= 1024 * MIB:
        return message("{size} GiB", size=format(size / (1024 * MIB), ".3g"))
    if size >= MIB:
        return message("{size} MiB", size=format(size / MIB, ".3g"))
    if size >= 1024:
        return message("{size} KiB", size=format(size / 1024, ".3g"))
    return _bytes(size)


def _decode(data: bytes, report: Report) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.add(START, "", message("the file is saved as UTF-16; save it as UTF-8 instead"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start)
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1)
        report.add(
            (line, column),
            "",
            # Translators: {line} and {byte} count from 1; {code} is the byte (0xFF).
            message(
                "the file is not UTF-8 text: line {line}, byte {byte} ({code}) cannot be read; "
                "save the file as UTF-8",
                line=str(line + 1),
                byte=str(column + 1),
                code="0x" + format(data[exc.start], "02X"),
            ),
        )
        return None
    return text.removeprefix("\ufeff")  # a byte-order mark some Windows editors add


def _version_is_known(raw: dict[Any, Any]) -> bool:
    """False only when ``clarity:`` names a version number other than ours."""
    version = raw.get("clarity")
    if not isinstance(version, str):
        return True
    try:
        return int(version) == FORMAT_VERSION
    except ValueError:
        return True
