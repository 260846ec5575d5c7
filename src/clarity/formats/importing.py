"""The import: other tools' files in, one valid pack out, every skipped question explained.

:func:`import_files` reads each file with its format's reader (the format found from the
content by :func:`clarity.formats.detect.detect_format` unless given), gathers the
questions of all of them, gives each an id, picks the pack's id, title and language, adds
the rounds (one per picture given, else the game's default mystery pictures), writes the
pack with :func:`clarity.formats.pack_yaml.pack_yaml` and loads it back with the game's own
loader. A question the pack validator refuses is left out and told at its line in the
teacher's file, so the pack written is always one that plays. A file that gives nothing
(missing, a folder, a named pipe or device, which are never read, empty, not in its
format's encoding, broken, in no format the game reads, a picture) is told at the place it
fails and the others go on; a file named twice is read once; when no question at all can
be taken, nothing is written (:class:`ImportRefused`). The system's usual errors (no such
file, permission denied, no space left) are said in the game's words, translated.

The rules, in the order they apply:

- **ids**: a question's id is the first words of the title its source gives it (GIFT's
  ``::title::``), else of its prompt, transliterated to Latin (:mod:`.slugs`) and made
  unique (``-2``, ``-3``). The pack's id is ``--id``, else its title's slug, else the
  first file's name's.
- **title**: ``--title``, else the one the source names (Kahoot's quiz title), else the
  name of the first file that gives questions, made readable (``world_capitals`` ->
  "World capitals").
- **language**: ``--language``, else read from the questions' letters: mostly Cyrillic is
  Ukrainian with ``ї є ґ``, Belarusian with ``і`` or ``ў`` and none of Russian's ``и щ ъ``,
  else Russian; otherwise English. The outcome says which was found.
- **rounds**: each ``--image`` is a round, its answer the file's name made readable (the
  outcome says so: a teacher checks it), the picture copied beside the pack into a folder
  named as the pack; without pictures, the default mysteries
  (:func:`clarity.formats.default_mysteries.default_rounds`), only the first of them for
  a pack of one question (the outcome says more questions uncover more of each picture).
  A picture is copied with the ending of the format it really is in (phones save JPEGs
  named ``.png``), and one larger than the game shows is scaled down on copy (its shape
  kept); both are said. A question's picture named in a spreadsheet is taken only from the
  spreadsheet's folder or below it, and only when it is a picture: otherwise the question
  is kept without it, with a note.
  Every round's grid follows one rule (:func:`_fit_grids`): the tiles of
  :func:`~clarity.formats.default_mysteries.grid_for` for the pack's questions, in rows
  and columns fitted to the picture's shape.
- **where**: ``-o`` (``.yaml`` added when it has no ending), else ``PACKS_DIR/<id>.yaml``.
  An existing file is replaced only when asked (``replace``), an id of a pack that comes
  with the game never, and neither an id another pack in the packs folder already has. A
  file dropped on the window (no options there) replaces the pack an earlier import of a
  file of the same name wrote, when that pack is unchanged since; otherwise it goes beside
  the other pack as ``<id>-2`` (title "... (2)"), and the outcome says which. An import
  knows its own packs by the last line of their head comment, ``# Imported from: NAMES;
  check: HEX``, where HEX begins the SHA-256 of the text below it (an edit changes it).
  ``pack.schema.json`` is written beside the pack for the schema line at its top, and
  written again when the one there is not the game's current schema (an older game's, or
  broken: it is the game's file).

Messages name the command line's options only when it runs the import
(``ImportRequest.from_command_line``); in the window they say what to do there.

Nothing here reads the clock or prints: the caller gives the comment for the pack's head
and shows the outcome.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import io
import os
import random
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from clarity.atomic_files import FileNotWritten, write_replacing
from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.loader import (
    PACK_SUFFIXES,
    LoadedPack,
    PackLimits,
    _not_a_regular_file,
    load_pack,
    pack_files_in,
)
from clarity.core.packs.models import FORMAT_VERSION
from clarity.core.packs.report import Problem
from clarity.formats.detect import (
    FORMATS,
    detect_format,
    format_of_name,
    looks_like_picture,
    other_kind,
)
from clarity.formats.pack_files import refresh_schema
from clarity.formats.pack_yaml import SCHEMA_FILE_NAME, pack_yaml
from clarity.formats.slugs import MAX_SLUG, question_ids, readable_name, slug
from clarity.formats.source import Skipped, SourceRead, SourceUnreadable

__all__ = [
    "ImportOutcome",
    "ImportRefused",
    "ImportRequest",
    "SkippedLine",
    "dropped_together",
    "import_dropped",
    "import_files",
    "pack_id_problem",
    "pack_ids_in",
]

MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a question bank of 10,000 questions is a few MiB
_TITLE_LIMIT = 200  # the pack's ShortText
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # the pack model's pattern
_QUESTION_PLACE = re.compile(r"^questions\[(\d+)\](?:\.(.*))?$")
_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([a-z0-9-]+)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)
_BELARUSIAN = frozenset("іўІЎ")
_RUSSIAN_ONLY = frozenset("ищъИЩЪ")
_UKRAINIAN = frozenset("їєґЇЄҐ")
_UNSAFE_NAME = re.compile(r"[^\w.-]+")
# Names Windows keeps for devices, whatever their ending (Microsoft's "Naming Files, Paths,
# and Namespaces": CON, PRN, AUX, NUL, COM0-9, LPT0-9 and their superscript-digit forms).
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)
_PICTURE_ENDINGS = frozenset({"png", "jpg", "jpeg", "gif", "webp"})
FORMAT_NAMES = {
    "gift": "GIFT",
    "aiken": "Aiken",
    "csv": "CSV",
    "xlsx": "xlsx",
    "quizlet": "Quizlet",
    "opentdb": "Open Trivia DB",
    "kahoot": "Kahoot",
}


@dataclass(frozen=True)
class ImportRequest:
    """What to import and where to, as ``clarity import`` is given it.

    ``files``: the teacher's files, in order; ``packs_dir``: DATA_DIR/packs, the default
    place of the pack; ``assets_dir``: the game's bundled assets (the default mystery
    pictures); ``format``: one of :data:`FORMATS` for every file, None to find each one's;
    ``images``: pictures, one round each; ``pack_id``, ``title``, ``language``: the pack's,
    None to find them; ``output``: the pack file to write, None for ``packs_dir/<id>.yaml``;
    ``term_separator``, ``card_separator``, ``as_choice``: Quizlet's; ``replace``: replace
    an existing pack file; ``seed``: the randomness of the readers (Quizlet's distractors);
    ``comment``: lines for the head of the pack file (say, when it was imported);
    ``from_command_line``: whether the teacher can give options (``clarity import``), so
    a message may name them; False for a file dropped on the window, where messages say
    what to do there instead, and a pack of the same name is replaced or kept beside
    (see the module docstring's **where**).
    """

    files: tuple[Path, ...]
    packs_dir: Path
    assets_dir: Path
    format: str | None = None
    images: tuple[Path, ...] = ()
    pack_id: str | None = None
    title: str | None = None
    language: str | None = None
    output: Path | None = None
    term_separator: str | None = None
    card_separator: str | None = None
    as_choice: bool = False
    replace: bool = False
    seed: int = 0
    comment: str | None = None
    from_command_line: bool = True


@dataclass(frozen=True)
class SkippedLine:
    """A question left out (``kind`` "skipped") or taken but changed ("note"), placed in
    its file: printed ``FILE:LINE:COL: skipped: why``. Line and column are 1-based."""

    path: Path
    line: int
    column: int
    reason: Message
    kind: Literal["skipped", "note"]


@dataclass(frozen=True)
class ImportOutcome:
    """A pack written and loaded back.

    ``imported``: the questions in it; ``per_file``: (file, format, questions taken from
    it) in the order given; ``skipped``: every question left out and every note, file by
    file in line order; ``said``: what the import decided for the teacher to check (the
    language it found, the answers it gave the pictures, the default pictures);
    ``loaded``: the pack as the game loads it (its warnings in ``loaded.warnings``);
    ``files_skipped``: the lines of ``skipped`` about a whole file that gave no question
    (missing, empty, in no format...), not one question: a count of skipped questions
    leaves them out.
    """

    pack_path: Path
    pack_id: str
    title: str
    imported: int
    per_file: tuple[tuple[Path, str, int], ...]
    skipped: tuple[SkippedLine, ...]
    loaded: LoadedPack
    said: tuple[Message, ...] = ()
    files_skipped: tuple[SkippedLine, ...] = ()


class ImportRefused(Exception):
    """Nothing was written; ``said`` is why, one line for the teacher. ``skipped`` holds
    what was left out on the way (every question of a file that had none the game can
    hold, each with its reason), for the caller to show before the refusal."""

    def __init__(self, said: Message, skipped: Sequence[SkippedLine] = ()) -> None:
        super().__init__(str(said))
        self.said = said
        self.skipped = tuple(skipped)


@dataclass
class _Taken:
    """One question on its way into the pack, and where it came from."""

    fields: dict[str, Any]
    path: Path
    line: int
    column: int
    hint: str
    # the column of each field in the source (a table's cells), when the reader gave them
    # (SourceQuestion.columns)
    columns: dict[str, int] = field(default_factory=dict)

    def column_of(self, where: str) -> int:
        """The source column of the field ``where`` (``answer``, ``choices[2]``, ``min``,
        as the validator names it): its own, else its key's, else the question's."""
        head = re.split(r"[\[.]", where, maxsplit=1)[0]
        return self.columns.get(where) or self.columns.get(head) or self.column


@dataclass
class _Gathered:
    questions: list[_Taken] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    formats: list[tuple[Path, str]] = field(default_factory=list)
    title: str | None = None
    # what each file written from a pack says of it (our own GIFT export's header)
    about: list[SourceRead] = field(default_factory=list)
    # the files that give nothing, each as one line for the teacher (file:line:col: why)
    unreadable: list[tuple[SkippedLine, Message]] = field(default_factory=list)
    said: list[Message] = field(default_factory=list)  # for the teacher to check


# --- the import ----------------------------------------------------------------------------


def import_files(request: ImportRequest) -> ImportOutcome:
    """Import ``request.files`` into one pack (see the module docstring for every rule).

    A file that cannot be read as its format, or whose format is not found (a picture
    given as a question file included), gives no question: it is told in ``skipped`` at
    the place it fails (``FILE:LINE:COL: skipped: why``) and the other files go on.

    Raises :class:`ImportRefused` (nothing written) when no file gives a question (the
    one file's own problem when there was one file), for a picture given for a round that
    is no picture, an id or file that is taken (on the command line), an ``output`` with
    an ending other than ``.yaml``/``.yml``, or a pack file that cannot be written.
    """
    if not request.files:
        raise ImportRefused(message("no file to import"))
    if request.language is not None and not _LANGUAGE_TAG.match(request.language):
        raise ImportRefused(
            message(
                "{value} is not a language tag; write one such as en, ru or be",
                value=request.language,
            )
        )
    said: list[Message] = []
    request = _with_pack_suffix(request, said)
    gathered = _gather(request)
    said.extend(gathered.said)
    if not gathered.questions:
        if len(request.files) == 1 and gathered.unreadable:
            line, said_alone = gathered.unreadable[0]
            others = [one for one in gathered.skipped if one is not line]
            raise ImportRefused(said_alone, _in_file_order(others, request.files))
        raise ImportRefused(
            message("no question could be imported, so no pack was written"),
            _in_file_order(gathered.skipped, request.files),
        )
    language = request.language or _language_of(gathered.questions, said, request)
    title = _title(request, gathered)
    pack_id = _pack_id(request, title, gathered)
    if request.from_command_line or request.output is not None or request.pack_id is not None:
        target = request.output or request.packs_dir / f"{pack_id}.yaml"
        _check_target(target, pack_id, request)
    else:
        pack_id, title, target = _free_place(request, pack_id, title, said)
    _keep_at_most(gathered, PackLimits().max_questions)
    _give_ids(gathered.questions)
    kept = gathered.questions
    created: list[Path] = []  # pictures copied for this pack, removed if it is refused
    try:
        loaded, kept = _write_pack(
            request,
            gathered,
            kept=kept,
            pack_id=pack_id,
            title=title,
            language=language,
            target=target,
            said=said,
            created=created,
        )
    except ImportRefused:
        _remove_created(created)
        raise
    taken_from = {taken.path: 0 for taken in kept}
    for taken in kept:
        taken_from[taken.path] += 1
    return ImportOutcome(
        pack_path=target,
        pack_id=pack_id,
        title=title,
        imported=len(kept),
        per_file=tuple((path, fmt, taken_from.get(path, 0)) for path, fmt in gathered.formats),
        skipped=_in_file_order(gathered.skipped, request.files),
        loaded=loaded,
        said=tuple(said),
        files_skipped=tuple(line for line, _ in gathered.unreadable),
    )


def _write_pack(
    request: ImportRequest,
    gathered: _Gathered,
    *,
    kept: list[_Taken],
    pack_id: str,
    title: str,
    language: str,
    target: Path,
    said: list[Message],
    created: list[Path],
) -> tuple[LoadedPack, list[_Taken]]:
    """The rounds added, the pack written and loaded back (and the schema beside it)."""
    rounds = _rounds(
        request, pack_id, target.parent, language, said, questions=len(kept), created=created
    )
    _bring_question_pictures(
        kept,
        target.parent / pack_id,
        pack_id,
        created,
        gathered=gathered,
        assets=request.assets_dir,
    )
    data = {
        "clarity": FORMAT_VERSION,
        "id": pack_id,
        "title": title,
        "description": _own_said(gathered).description or _description(gathered.formats),
        "language": language,
        "rounds": _fitted_rounds(rounds, len(kept), request, target.parent),
    }
    time_limit = _own_said(gathered).time_limit
    if time_limit is not None:
        data["time_limit"] = time_limit
    try:
        loaded, kept = _write_valid(
            target,
            data,
            kept,
            gathered,
            request,
            rounds_for=lambda count: _fitted_rounds(rounds, count, request, target.parent),
        )
        refresh_schema(target.parent / SCHEMA_FILE_NAME)
        if len(kept) < _SMALLEST_GRID_TILES:
            said.append(_one_question_said(request))
    except FileNotWritten as error:
        if error.errno:
            raise ImportRefused(_os_said(error, target)) from error
        raise ImportRefused(error.said) from error
    except OSError as error:  # the folder cannot be made: a file of its name, no right
        raise ImportRefused(_os_said(error, target)) from error
    return loaded, kept


def _with_pack_suffix(request: ImportRequest, said: list[Message]) -> ImportRequest:
    """``request`` with its ``output`` ending in ``.yaml`` when it had no ending (the game
    finds only ``.yaml`` and ``.yml`` pack files), said; refused when it has another."""
    output = request.output
    if output is None or output.suffix.lower() in PACK_SUFFIXES:
        return request
    if output.suffix:
        raise ImportRefused(
            message(
                "{file}: a pack file's name ends in .yaml (the game finds only .yaml and .yml "
                "files); give -o NAME.yaml",
                file=str(output),
            )
        )
    named = output.with_name(output.name + ".yaml")
    said.append(
        message(
            "the pack is written as {file}: the game finds only .yaml and .yml files",
            file=str(named),
        )
    )
    return dataclasses.replace(request, output=named)


def _remove_created(created: Sequence[Path]) -> None:
    for path in created:
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            path.parent.rmdir()  # only when empty


def import_dropped(
    path: Path, *, packs_dir: Path, assets_dir: Path, images: Sequence[Path] = ()
) -> ImportOutcome:
    """A file dropped on the game window, into the packs folder.

    A pack (``.yaml``/``.yml``) is checked with the game's loader and copied as it is, with
    the pictures it names next to it (only those; the game's own pictures stay where they
    are); a pack that does not load, whose id another pack already has, or whose file or
    pictures would replace other files in the packs folder is refused. The same pack (its
    id) dropped again from a file of the same name (a typo fixed on the USB stick) replaces
    the copy dropped earlier, its pictures included; that copy is kept beside it as
    ``NAME.yaml.bak`` (:data:`BACKUP_SUFFIX`: the pack list passes over it) and the outcome
    says so. Any other file is imported with the
    defaults (:func:`import_files`, its messages worded for the window), ``images`` (the
    pictures dropped with it: :func:`dropped_together`) its rounds; an earlier import of a
    file of the same name, not changed since, is replaced, any other pack of that id kept
    (the new one numbered). Raises :class:`ImportRefused` with the reason.
    """
    if path.suffix.lower() not in PACK_SUFFIXES:
        return import_files(
            ImportRequest(
                files=(path,),
                packs_dir=packs_dir,
                assets_dir=assets_dir,
                images=tuple(images),
                from_command_line=False,
            )
        )
    loaded = load_pack(path, assets_dir=assets_dir)
    if loaded.pack is None:
        first = loaded.errors[0] if loaded.errors else None
        if first is None:
            raise ImportRefused(message("{file}: the pack cannot be read", file=str(path)))
        raise ImportRefused(_problem_said(first))
    target = packs_dir / path.name
    if _same_file(path, target):
        raise ImportRefused(message("{file} is already in your packs folder", file=str(path)))
    # The same pack dropped again from a file of the same name (a typo fixed on the USB
    # stick): it replaces the copy dropped earlier, which is kept as NAME.yaml.bak.
    earlier = _id_of(target) == loaded.pack.id
    request = ImportRequest(
        files=(path,),
        packs_dir=packs_dir,
        assets_dir=assets_dir,
        replace=earlier,
        from_command_line=False,
    )
    _check_target(target, loaded.pack.id, request)
    own = _own_pictures(target, assets_dir) if earlier else frozenset()
    copies = _pictures_beside(loaded, path.parent, packs_dir, replaceable=own)
    said: list[Message] = []
    try:
        packs_dir.mkdir(parents=True, exist_ok=True)
        for source, copy in copies:
            copy.parent.mkdir(parents=True, exist_ok=True)
            if not copy.exists() or not _same_bytes(copy, source):
                write_replacing(copy, source.read_bytes())
        if earlier:
            backup = target.with_name(target.name + BACKUP_SUFFIX)
            write_replacing(backup, target.read_bytes())
            said.append(
                message(
                    "this pack replaces {name}, the copy of it dropped earlier; that copy is "
                    "kept as {backup}",
                    name=target.name,
                    backup=backup.name,
                )
            )
        write_replacing(target, path.read_bytes())
    except FileNotWritten as error:
        raise ImportRefused(error.said) from error
    except OSError as error:
        raise ImportRefused(_os_said(error, path)) from error
    copied = load_pack(target, assets_dir=assets_dir)
    pack = copied.pack
    count = len(pack.questions) if pack is not None else 0
    return ImportOutcome(
        pack_path=target,
        pack_id=copied.id,
        title=copied.title,
        imported=count,
        per_file=((path, "pack", count),),
        skipped=(),
        loaded=copied,
        said=tuple(said),
    )


#: What the copy of a pack dropped earlier is kept as when the same pack is dropped again
#: (``colours.yaml.bak``): a name the game's pack list passes over (it reads ``.yaml`` and
#: ``.yml`` files only).
BACKUP_SUFFIX = ".bak"


def _id_of(pack_file: Path) -> str | None:
    """The id the ``id:`` line of ``pack_file`` gives (read without loading it), else
    None (no such file, or no id line)."""
    try:
        if not pack_file.is_file():
            return None
        head = pack_file.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return None
    found = _ID_LINE.search(head)
    return found.group(1) if found else None


def _own_pictures(pack_file: Path, assets_dir: Path) -> frozenset[Path]:
    """The pictures beside ``pack_file`` that it names (resolved): a new copy of the same
    pack may bring changed ones in their place."""
    loaded = load_pack(pack_file, assets_dir=assets_dir)
    own: set[Path] = set()
    for found in loaded.images.values():
        try:
            own.add(found.resolve())
        except OSError:
            continue
    return frozenset(own)


def dropped_together(paths: Sequence[Path]) -> list[tuple[Path, tuple[Path, ...]]]:
    """The imports of one drop on the window: (file, pictures for its rounds) in the
    order dropped. Pictures (by their names' endings) dropped together with a file of
    questions are that file's rounds, as ``--image`` is on the command line (each file of
    questions gets them all); a pack file (``.yaml``) keeps its own rounds; pictures
    dropped with no file of questions are imports of their own (refused, with what to do)."""
    pictures = tuple(path for path in paths if _is_picture_name(path))
    questions = [
        path for path in paths if path not in pictures and path.suffix.lower() not in PACK_SUFFIXES
    ]
    if not pictures or not questions:
        return [(path, ()) for path in paths]
    return [(path, pictures if path in questions else ()) for path in paths if path not in pictures]


def _is_picture_name(path: Path) -> bool:
    return looks_like_picture(path.name, b"") and not path.is_dir()


# --- reading the files ---------------------------------------------------------------------


def _gather(request: ImportRequest) -> _Gathered:
    """Every file read with its format's reader. A file that gives nothing (missing, a
    folder, a pipe, empty, in no format, unreadable as its format) is told at its place and
    the rest go on; a file named twice (by any spelling of its path) is read once."""
    gathered = _Gathered()
    rng = random.Random(request.seed)
    seen: set[Path] = set()
    for path in request.files:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):
            key = path.absolute()
        if key in seen:
            gathered.said.append(
                message("{file} is named more than once; it is imported once", file=str(path))
            )
            continue
        seen.add(key)
        try:
            data = _read_source(path)
        except _FileProblem as problem:
            _unreadable(gathered, SkippedLine(path, 1, 1, problem.said, "skipped"), file=str(path))
            continue
        fmt, reason = _format_of(path, data, request)
        if fmt is None:
            reason = reason or _not_questions(path, data, request)
            _unreadable(gathered, SkippedLine(path, 1, 1, reason, "skipped"), file=str(path))
            continue
        try:
            read = _read(fmt, data, request, rng)
        except SourceUnreadable as error:
            reason = message(
                "this file cannot be read as {format}: {reason}",
                format=FORMAT_NAMES[fmt],
                reason=error.reason,
            )
            place = f"{path}:{error.line}:{error.column}"
            line = SkippedLine(path, error.line, error.column, reason, "skipped")
            _unreadable(gathered, line, file=place)
            continue
        gathered.formats.append((path, fmt))
        if gathered.title is None and read.title and read.title.strip():
            gathered.title = read.title.strip()
        gathered.about.append(read)
        _take(read, path, gathered)
        if not read.questions and not read.skipped:
            found_none = message(
                "no {format} question was found in this file", format=FORMAT_NAMES[fmt]
            )
            _unreadable(gathered, SkippedLine(path, 1, 1, found_none, "skipped"), file=str(path))
    return gathered


def _format_of(
    path: Path, data: bytes, request: ImportRequest
) -> tuple[str | None, Message | None]:
    """The format to read ``data`` as, or None and why not (None: the caller's words).

    A file no reader here reads but a teacher may take for one (LibreOffice's ``.ods``,
    Excel's old ``.xls``, Moodle XML) is told what to do, whatever ``--format`` says; an
    xlsx given as another format is told to be one; a Quizlet option (``--separator``,
    ``--card-separator``) with no ``--format`` means Quizlet for every text file."""
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        return None, message("the file is empty")
    kind = other_kind(data)
    if kind == "ods":
        return None, message(
            "this is a LibreOffice spreadsheet (.ods); open it in LibreOffice Calc, save it "
            "again as .xlsx (Excel 2007-365) and import that"
        )
    if kind == "xls":
        return None, message(
            "this is an old Excel workbook (.xls); open it, save it again as .xlsx (Excel "
            "Workbook) and import that"
        )
    if kind == "moodle-xml":
        return None, message(
            "this is Moodle XML, which the game does not read; in Moodle's question bank, "
            "export the questions in GIFT format instead and import that"
        )
    if request.format is not None:
        if kind == "xlsx" and request.format not in ("xlsx", "kahoot"):
            found = detect_format(path.name, data) or "xlsx"
            return None, message(
                "this is an xlsx file: use --format {format} (or leave --format out)",
                format=found,
            )
        return request.format, None
    if (request.term_separator or request.card_separator) and kind is None:
        return "quizlet", None
    return detect_format(path.name, data) or format_of_name(path.name), None


def _unreadable(gathered: _Gathered, line: SkippedLine, *, file: str) -> None:
    """A file that gives no question: skipped at ``line``; ``file`` (its name, or its
    ``FILE:LINE:COL``) heads the same reason when it is the only file."""
    gathered.skipped.append(line)
    # Translators: {file} is a file's path, or FILE:LINE:COL, kept as it is
    gathered.unreadable.append((line, message("{file}: {problem}", file=file, problem=line.reason)))


def _not_questions(path: Path, data: bytes, request: ImportRequest) -> Message:
    """Why a file whose format is not found gives no question, worded for where the
    import runs: a picture is said to be one (it is a round, given another way)."""
    if looks_like_picture(path.name, data):
        if request.from_command_line:
            return message(
                "this is a picture, not questions; give it with --image PICTURE beside a "
                "question file: each picture is a round's mystery picture"
            )
        return message(
            "this is a picture, and a picture is no pack by itself; drop it together with a "
            "file of questions: each picture dropped with one is a round's mystery picture"
        )
    if request.from_command_line:
        return message(
            "the format is not recognised; the formats the game reads are {formats}: name "
            "one with --format",
            formats=", ".join(FORMATS),
        )
    return message(
        "the format is not recognised from the file's content; the game reads {formats}; "
        "a file whose name ends in .gift, .csv or .json is read as GIFT, CSV or Open Trivia "
        "DB: rename the file so and drop it again",
        formats=", ".join(FORMAT_NAMES.values()),
    )


class _FileProblem(Exception):
    """A file that cannot be read at all (missing, a folder, a pipe, too large), said."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


_CHUNK = 1024 * 1024  # bytes read at a time: a file that grows as it is read stops at the cap


def _read_source(path: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit``; raises
    :class:`_FileProblem` for anything else. A named pipe, a device or a folder is refused
    before it is opened (reading a pipe waits for ever, ``/dev/zero`` never ends), and the
    file is opened without waiting and looked at again once open, as the pack loader does
    (:func:`clarity.core.packs.loader._read_capped`), then read in bounded chunks."""
    try:
        mode = os.stat(path).st_mode
        kind = _not_a_regular_file(mode)
        if kind is not None:
            raise _FileProblem(_not_regular_said(mode, kind))
        descriptor = os.open(path, _READ_FLAGS)
        with os.fdopen(descriptor, "rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            kind = _not_a_regular_file(mode)
            if kind is not None:
                raise _FileProblem(_not_regular_said(mode, kind))
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                chunk = stream.read(min(_CHUNK, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except OSError as error:
        raise _FileProblem(_os_problem(error, path)) from error
    if size > limit:
        raise _FileProblem(
            message(
                "the file is over {limit} MiB; a file to import can be at most {limit} MiB",
                limit=str(limit // (1024 * 1024)),
            )
        )
    return b"".join(chunks)


# Open without waiting for a writer (a pipe swapped in after the check) and, on Windows,
# as bytes.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _not_regular_said(mode: int, kind: Message) -> Message:
    if stat.S_ISDIR(mode):
        return message("this is a folder, not a file")
    # Translators: {kind} is a folder, a named pipe (FIFO), a device ...
    return message("this is {kind}, not a regular file", kind=kind)


def _read_bytes(path: Path, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """:func:`_read_source`, its problem refusing the import (a picture for a round)."""
    try:
        return _read_source(path, limit)
    except _FileProblem as problem:
        raise ImportRefused(
            message("{file}: {problem}", file=str(path), problem=problem.said)
        ) from problem


def _os_problem(error: OSError, path: Path) -> Message:
    """What went wrong with ``path``, in the game's words for the usual system errors (the
    system's own, in English, for the rare others)."""
    number = error.errno
    if number == errno.ENOENT:
        return message("no such file or folder")
    if number in (errno.EACCES, errno.EPERM):
        return message("permission denied: this computer's user may not use it")
    if number == errno.EISDIR:
        return message("this is a folder, not a file")
    if number == errno.ELOOP:
        return message(
            "this is a link that leads back to itself (a loop of links); point it at the file"
        )
    if number == errno.ENOTDIR:
        return message("a part of this path is a file, not a folder")
    if number == errno.EEXIST:
        return message("this is a file, and a folder is needed here")
    if number in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return message("no space is left on the disk")
    if number == errno.EROFS:
        return message("the disk cannot be written to (read-only)")
    # Translators: {reason} is the system's own words (No such device), in English
    return message("the system says: {reason}", reason=error.strerror or type(error).__name__)


def _os_said(error: OSError, path: Path) -> Message:
    """:func:`_os_problem` after the file it is about (the one the system names, when it
    names one)."""
    named = error.filename if isinstance(error.filename, str) and error.filename else None
    return message("{file}: {problem}", file=named or str(path), problem=_os_problem(error, path))


def _read(fmt: str, data: bytes, request: ImportRequest, rng: random.Random) -> SourceRead:
    """``data`` read by the reader of ``fmt`` (imported here: each is its own module)."""
    # each reader imported only when its format is asked for
    if fmt in ("csv", "xlsx"):
        from clarity.formats import table  # noqa: PLC0415

        return table.read_csv(data) if fmt == "csv" else table.read_xlsx(data)
    if fmt == "kahoot":
        from clarity.formats.kahoot import read_kahoot  # noqa: PLC0415

        return read_kahoot(data)
    from clarity.formats.text_decoding import decode_table_text, decode_text  # noqa: PLC0415

    if fmt == "quizlet":
        from clarity.formats.quizlet import read_quizlet  # noqa: PLC0415

        return read_quizlet(
            decode_table_text(data),
            term_separator=request.term_separator,
            card_separator=request.card_separator,
            as_choice=request.as_choice,
            rng=rng,
        )
    text = decode_text(data)
    if fmt == "gift":
        from clarity.formats.gift import read_gift  # noqa: PLC0415

        return read_gift(text)
    if fmt == "aiken":
        from clarity.formats.aiken import read_aiken  # noqa: PLC0415

        return read_aiken(text)
    from clarity.formats.opentdb import read_opentdb  # noqa: PLC0415

    return read_opentdb(text)


def _take(read: SourceRead, path: Path, gathered: _Gathered) -> None:
    for one in read.skipped:
        gathered.skipped.append(_placed(path, one, "skipped"))
    for one in read.notes:
        gathered.skipped.append(_placed(path, one, "note"))
    for question in read.questions:
        fields = dict(question.fields)
        hint = fields.pop("title_hint", None)
        proposed = fields.pop("id", None)
        text = next(
            (str(h) for h in (hint, proposed, fields.get("prompt")) if isinstance(h, str) and h),
            "",
        )
        placed = {key: at for key, at in question.columns.items() if at > 0}
        gathered.questions.append(
            _Taken(fields, path, question.line, question.column, text, placed)
        )


def _placed(path: Path, one: Skipped, kind: Literal["skipped", "note"]) -> SkippedLine:
    return SkippedLine(path, one.line, one.column, one.reason, kind)


def _in_file_order(lines: Iterable[SkippedLine], files: Sequence[Path]) -> tuple[SkippedLine, ...]:
    order = {path: index for index, path in reversed(list(enumerate(files)))}
    return tuple(sorted(lines, key=lambda s: (order.get(s.path, len(order)), s.line, s.column)))


# --- the pack's id, title and language -----------------------------------------------------


def _title(request: ImportRequest, gathered: _Gathered) -> str:
    first = gathered.questions[0].path if gathered.questions else request.files[0]
    title = request.title or gathered.title or readable_name(first.stem)
    title = " ".join(title.split()) or first.name
    return title[:_TITLE_LIMIT].strip()


def _pack_id(request: ImportRequest, title: str, gathered: _Gathered) -> str:
    if request.pack_id is not None:
        problem = pack_id_problem(request.pack_id)
        if problem is not None:
            raise ImportRefused(problem)
        return request.pack_id
    own = _own_said(gathered).pack_id
    if own is not None and pack_id_problem(own) is None and not _id_taken(own, request):
        return own  # the id of the pack the file was exported from, while it is free
    return slug(title) or slug(request.files[0].stem) or "imported-pack"


def _own_said(gathered: _Gathered) -> SourceRead:
    """What the one file read says of the pack it was written from (its id, description
    and time limit: our own GIFT export's header); nothing when several files were read."""
    return gathered.about[0] if len(gathered.about) == 1 else SourceRead(())


def _id_taken(pack_id: str, request: ImportRequest) -> bool:
    """Whether a pack that comes with the game, or one in the packs folder, has ``pack_id``."""
    from clarity.resources import bundled_questions_dir  # noqa: PLC0415 - a path only

    return pack_id in _ids_in(bundled_questions_dir()) or pack_id in _ids_in(request.packs_dir)


def pack_id_problem(pack_id: str) -> Message | None:
    """Why ``pack_id`` cannot be a pack's id (the pack format's rule: lowercase Latin
    letters, digits and single hyphens, at most :data:`MAX_SLUG` characters), naming the
    rule it breaks; None when it can."""
    if not _SLUG.match(pack_id):
        return message(
            '"{id}" cannot be a pack id: write lowercase Latin letters, digits and '
            "hyphens, for example {example}",
            id=pack_id,
            example=slug(pack_id) or "my-pack",
        )
    if len(pack_id) > MAX_SLUG:
        return plural_message(
            '"{id}" cannot be a pack id: it has {count} character, and an id has at most {limit}',
            '"{id}" cannot be a pack id: it has {count} characters, and an id has at most {limit}',
            len(pack_id),
            id=pack_id,
            limit=MAX_SLUG,
        )
    return None


# The texts a student reads and types: the language is theirs. Not the keys' other values
# (type, difficulty, ids) nor the tags, which are the teacher's categories, often
# Moodle's English ones ("Default for ...").
_READ_AND_TYPED = ("prompt", "choices", "answer", "accept", "explain")


def _language_of(questions: Sequence[_Taken], said: list[Message], request: ImportRequest) -> str:
    letters = cyrillic = 0
    seen: set[str] = set()
    for taken in questions:
        for key in _READ_AND_TYPED:
            value = taken.fields.get(key)
            for text in value if isinstance(value, list | tuple) else (value,):
                if not isinstance(text, str):
                    continue
                for char in text:
                    if char.isalpha():
                        letters += 1
                        if "\u0400" <= char <= "\u04ff":
                            cyrillic += 1
                            seen.add(char)
    if cyrillic == 0 or cyrillic * 3 < letters:
        return "en"
    if seen & _UKRAINIAN:
        language = "uk"
    elif seen & _BELARUSIAN and not seen & _RUSSIAN_ONLY:
        language = "be"
    else:
        language = "ru"
    if request.from_command_line:
        found = message(
            "the pack's language was found from its text: {language}; give --language to "
            "choose another",
            language=language,
        )
    else:
        found = message(
            "the pack's language was found from its text: {language}; change the language "
            "line of the pack file if it is another",
            language=language,
        )
    said.append(found)
    return language


def _description(formats: Sequence[tuple[Path, str]]) -> str:
    """Where the questions came from, in no language: ``GIFT: bank.gift; CSV: extra.csv``."""
    text = "; ".join(f"{FORMAT_NAMES.get(fmt, fmt)}: {path.name}" for path, fmt in formats)
    return text[:2000]


def pack_ids_in(folder: Path) -> dict[str, Path]:
    """The ids of the packs in ``folder`` (the game's own, or the packs folder), each with
    the first file that has it, read from their ``id:`` lines without loading them."""
    return _ids_in(folder)


bundled_pack_ids = pack_ids_in  # the name callers of the game's own packs know


_ID_HEAD_BYTES = 4096


def _ids_in(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    # Only regular files, as the game lists packs (a named pipe named like a pack would
    # block the read for ever), and only their heads: an id line is near the top.
    for file in pack_files_in(folder):
        try:
            with file.open("rb") as opened:
                head = opened.read(_ID_HEAD_BYTES).decode("utf-8", errors="replace")
        except OSError:
            continue
        match = _ID_LINE.search(head)
        if match:
            found.setdefault(match.group(1), file)
    return found


def _check_target(target: Path, pack_id: str, request: ImportRequest) -> None:
    from clarity.resources import bundled_questions_dir  # noqa: PLC0415 - a path only

    options = request.from_command_line
    bundled = _ids_in(bundled_questions_dir())
    if pack_id in bundled:
        if options:
            raise ImportRefused(
                message(
                    'the id "{id}" is a pack that comes with the game; give another with --id',
                    id=pack_id,
                )
            )
        raise ImportRefused(
            message(
                'the id "{id}" is a pack that comes with the game; change the id in the pack '
                "file and drop it again",
                id=pack_id,
            )
        )
    if target.is_dir():
        raise ImportRefused(message("{file} is a folder, not a file", file=str(target)))
    if target.exists() and not request.replace:
        raise ImportRefused(_exists_said(target, request))
    if _same_folder(target.parent, request.packs_dir):
        other = _ids_in(request.packs_dir).get(pack_id)
        if other is not None and not _same_file(other, target):
            if options:
                raise ImportRefused(
                    message(
                        'the id "{id}" is already used by {file}; give another with --id',
                        id=pack_id,
                        file=str(other),
                    )
                )
            raise ImportRefused(
                message(
                    'the id "{id}" is already used by {file}; change the id in the pack file '
                    "and drop it again",
                    id=pack_id,
                    file=str(other),
                )
            )


def _exists_said(target: Path, request: ImportRequest) -> Message:
    """Why ``target`` is not replaced, and how to have it replaced or kept."""
    if not request.from_command_line:  # a pack dropped, of a name the packs folder has
        return message(
            "your packs folder already has a file {name}; to add this pack beside it, "
            "rename the file and change the id in it, then drop it again",
            name=target.name,
        )
    if _earlier_import(target, request.files):
        return message(
            "{file} is the pack an earlier import of the same file made; give --force to "
            "replace it with this import, or --id to write this one beside it",
            file=str(target),
        )
    return message(
        "{file} already exists; give --force to replace it with this import, or --id to "
        "write this one beside it",
        file=str(target),
    )


def _free_place(
    request: ImportRequest, pack_id: str, title: str, said: list[Message]
) -> tuple[str, str, Path]:
    """Where a window's import goes (no options there): ``packs_dir/<id>.yaml`` when free,
    or when it holds an earlier import of the same file not changed since (replaced);
    else the first free ``<id>-2``, ``<id>-3``... with the title numbered alike, so the
    teacher's other pack stays as it is."""
    from clarity.resources import bundled_questions_dir  # noqa: PLC0415 - a path only

    bundled = _ids_in(bundled_questions_dir())
    used = _ids_in(request.packs_dir)
    for number in range(1, _MAX_NUMBERED + 1):
        candidate = pack_id if number == 1 else f"{_numbered_stem(pack_id)}-{number}"
        target = request.packs_dir / f"{candidate}.yaml"
        if candidate in bundled or target.is_dir():
            continue
        other = used.get(candidate)
        if other is not None and not _same_file(other, target):
            continue
        if target.exists():
            if not _earlier_import(target, request.files):
                continue
            said.append(
                message(
                    "this import replaces {name}, made by an earlier import of the same file "
                    "and not changed since",
                    name=target.name,
                )
            )
            return candidate, title, target
        if number > 1:
            title = f"{title[: _TITLE_LIMIT - 6]} ({number})"
            said.append(
                message(
                    'your packs folder already has a pack "{id}", so this one is "{new}" '
                    "and the other stays as it is",
                    id=pack_id,
                    new=candidate,
                )
            )
        return candidate, title, target
    raise ImportRefused(
        message(
            'your packs folder already has the packs "{id}" to "{id}-{last}"; remove some',
            id=pack_id,
            last=_MAX_NUMBERED,
        )
    )


_MAX_NUMBERED = 99


def _numbered_stem(pack_id: str) -> str:
    """``pack_id`` short enough for a ``-99`` after it, never ending in a hyphen."""
    return pack_id[: MAX_SLUG - 3].rstrip("-")


# The line an import writes last in the pack file's head: the files it came from and a
# check of the text below it, by which a later import of the same files knows the pack
# is theirs and not edited since (and may replace it).
_MARK = "Imported from: {names}; check: {check}"
_MARK_LINE = re.compile(r"^# Imported from: (.*); check: ([0-9a-f]{16})$", re.MULTILINE)
_HEAD_BYTES = 64 * 1024  # where the head comment is looked for


def _marked(text: str, comment: str | None, files: Sequence[Path]) -> str:
    """``text`` (as :func:`pack_yaml` writes it, without a comment) with ``comment`` and
    the import's mark after its schema line."""
    first, _, body = text.partition("\n")
    check = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    lines = [f"# {line}".rstrip() for line in (comment or "").splitlines()]
    lines.append("# " + _MARK.format(names=_source_names(files), check=check))
    return "\n".join([first, *lines, body])


def _source_names(files: Sequence[Path]) -> str:
    return ", ".join(path.name.replace("\n", " ") for path in files)


def _earlier_import(target: Path, files: Sequence[Path]) -> bool:
    """Whether ``target`` is a pack an import of files named as ``files`` wrote, not
    changed since (its mark's check still matches the text below it)."""
    try:
        text = target.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    found = _MARK_LINE.search(text[:_HEAD_BYTES])
    if found is None or found.group(1) != _source_names(files):
        return False
    body = text[found.end() + 1 :]
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] == found.group(2)


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


# --- the questions -------------------------------------------------------------------------


def _keep_at_most(gathered: _Gathered, limit: int) -> None:
    """Keep the first ``limit`` questions; the rest are told once, at the first one left
    out, with their number (a 50 MB file must not print a line for each)."""
    extra = gathered.questions[limit:]
    if extra:
        first = extra[0]
        gathered.skipped.append(
            SkippedLine(
                first.path,
                first.line,
                first.column,
                plural_message(
                    "the pack already holds {limit} questions, the most a pack can hold, so "
                    "{count} question from here on is left out; import it into another pack",
                    "the pack already holds {limit} questions, the most a pack can hold, so "
                    "{count} questions from here on are left out; import them into another "
                    "pack",
                    len(extra),
                    limit=limit,
                ),
                "skipped",
            )
        )
    del gathered.questions[limit:]


def _give_ids(questions: Sequence[_Taken]) -> None:
    for taken, new_id in zip(questions, question_ids(t.hint for t in questions), strict=True):
        taken.fields = {"id": new_id, **taken.fields}


def _screened(questions: list[_Taken], gathered: _Gathered, language: str) -> list[_Taken]:
    """The questions the pack's models take; the others skipped, each with the validator's
    own words at its line in the teacher's file.

    Every question is checked alone first (fast: pydantic on one question); only the
    refused ones are put through the loader's checks, a few at a time, for the words.
    """
    from pydantic import TypeAdapter, ValidationError  # noqa: PLC0415

    from clarity.core.packs.models import NumberQuestion, Question  # noqa: PLC0415

    adapter: TypeAdapter[Any] = TypeAdapter(Question)
    context = {"language": language}
    kept: list[_Taken] = []
    refused: list[_Taken] = []
    for taken in questions:
        try:
            model = adapter.validate_python(taken.fields, context=context)
        except ValidationError:
            refused.append(taken)
            continue
        if isinstance(model, NumberQuestion) and model.number_problems(language):
            refused.append(taken)
            continue
        kept.append(taken)
    for start in range(0, len(refused), _WORDED_AT_ONCE):
        chunk = refused[start : start + _WORDED_AT_ONCE]
        for taken, reasons in zip(chunk, _validator_words(chunk, language), strict=True):
            for where, reason in reasons or [("", message("the game cannot hold this question"))]:
                gathered.skipped.append(
                    SkippedLine(taken.path, taken.line, taken.column_of(where), reason, "skipped")
                )
    return kept


_WORDED_AT_ONCE = 10  # questions put through the loader's checks together: far under the
# 100 problems a report shows


def _validator_words(chunk: Sequence[_Taken], language: str) -> list[list[tuple[str, Message]]]:
    """For each question of ``chunk``, the pack loader's errors about it, each after the
    field it is about (``answer``, ``choices[2]``; empty: the question) and as the loader
    words them (``answer: "c" is not one of the choices``)."""
    from clarity.core.packs.plain_yaml import compose  # noqa: PLC0415
    from clarity.core.packs.problems import keep_written_words, validate  # noqa: PLC0415
    from clarity.core.packs.report import Report  # noqa: PLC0415

    data = {
        "clarity": FORMAT_VERSION,
        "id": "check",
        "title": "check",
        "description": "check",
        "language": language,
        "rounds": [{"image": "check.png", "answer": "check"}],
        "questions": [taken.fields for taken in chunk],
    }
    report = Report(Path("check.yaml"))
    tree = compose(pack_yaml(data), report)
    words: list[list[tuple[str, Message]]] = [[] for _ in chunk]
    if tree is None:
        return words
    raw, positions = tree
    keep_written_words(raw, positions)
    validate(raw, positions, report)
    for problem in report.problems():
        place = _question_of(problem)
        if place is not None and place[0] < len(words) and problem.severity == "error":
            words[place[0]].append((place[1], _worded(problem, place[1])))
    return words


def _question_of(problem: Problem) -> tuple[int, str] | None:
    found = _QUESTION_PLACE.match(problem.field)
    if found is None:
        return None
    return int(found.group(1)), found.group(2) or ""


def _worded(problem: Problem, where: str) -> Message:
    said = problem.said if isinstance(problem.said, Message) else message(str(problem.said))
    if not where:
        return said
    # Translators: {field} is a pack field's name (answer, choices[2]), kept as it is
    return message("{field}: {problem}", field=where, problem=said)


def _problem_said(problem: Problem) -> Message:
    said = problem.said if isinstance(problem.said, Message) else message(str(problem.said))
    place = f"{problem.path}:{problem.line}:{problem.column}"
    if problem.field:
        return message(
            "{place}: {field}: {problem}", place=place, field=problem.field, problem=said
        )
    return message("{place}: {problem}", place=place, problem=said)


# --- the rounds ----------------------------------------------------------------------------


def _rounds(
    request: ImportRequest,
    pack_id: str,
    folder: Path,
    language: str,
    said: list[Message],
    *,
    questions: int,
    created: list[Path],
) -> list[dict[str, Any]]:
    if not request.images:
        from clarity.formats.default_mysteries import default_rounds  # noqa: PLC0415

        if request.from_command_line:
            said.append(
                message(
                    "the rounds are the game's default mystery pictures; give --image to use "
                    "your own"
                )
            )
        else:
            said.append(
                message(
                    "the rounds are the game's default mystery pictures; to use your own, drop "
                    "your pictures together with the file of questions"
                )
            )
        rounds = default_rounds(language, request.assets_dir, questions=questions)
        if not rounds:
            if request.from_command_line:
                missing = message("the game's default pictures are missing; give --image PICTURE")
            else:
                missing = message(
                    "the game's default pictures are missing; drop your pictures together "
                    "with the file of questions"
                )
            raise ImportRefused(missing)
        return [dict(one) for one in rounds]
    rounds = []
    taken: set[str] = set()
    for picture in request.images:
        name, data, changes = _checked_picture(picture)
        said.extend(changes)
        stored = _copy_picture(data, folder / pack_id, name, taken, created)
        answer = readable_name(picture.stem)[:_TITLE_LIMIT] or picture.name
        said.append(
            message(
                'the answer to {file} is "{answer}", from its file name; change it in the '
                "pack if it should be another",
                file=picture.name,
                answer=answer,
            )
        )
        rounds.append({"image": f"{pack_id}/{stored}", "answer": answer})
    return rounds


def _fitted_rounds(
    rounds: Sequence[Mapping[str, Any]], questions: int, request: ImportRequest, folder: Path
) -> list[dict[str, Any]]:
    """The rounds of a pack of ``questions`` questions (counted after the validator's
    refusals): the game's default pictures make one round only for a one-question pack (it
    uncovers one tile of each picture: one round is the game), and every grid follows
    :func:`_fit_grids`."""
    fitted = [dict(one) for one in rounds]
    if not request.images and questions < _SMALLEST_GRID_TILES:
        del fitted[1:]
    _fit_grids(fitted, questions, request.assets_dir, folder)
    return fitted


def _one_question_said(request: ImportRequest) -> Message:
    if request.images:
        return message(
            "with one question, one tile of each picture is uncovered before the guess; "
            "a pack with more questions uncovers more of each picture"
        )
    return message(
        "a pack of one question plays one round, and one tile of its picture is "
        "uncovered before the guess; a pack with more questions uncovers more of "
        "each picture"
    )


_SMALLEST_GRID_TILES = 2  # the pack format's smallest grid, 1x2


def _fit_grids(rounds: list[dict[str, Any]], questions: int, assets: Path, folder: Path) -> None:
    """Give every round, the default pictures' and the teacher's alike, the grid of one
    rule: as many tiles as :func:`clarity.formats.default_mysteries.grid_for` gives a pack
    of ``questions`` (20 from 20 questions; else 12, 6, 4 or 2, never more than the
    questions but for a one-question pack, since the smallest grid has two tiles), cut
    into rows and columns whose tiles come nearest to square on the picture (a 4:3 picture
    gets grid_for's own grid; a tall one its rows and columns the other way round). A
    picture that cannot be measured keeps grid_for's grid."""
    from clarity.core.packs.models import Grid, parse_grid  # noqa: PLC0415
    from clarity.core.packs.picture_decoding import (  # noqa: PLC0415
        MAX_PICTURE_SIDE,
        PictureError,
        check_picture,
    )
    from clarity.core.packs.picture_shape import near_square_grid  # noqa: PLC0415
    from clarity.formats.default_mysteries import grid_for  # noqa: PLC0415

    wanted = grid_for(questions)
    tiles = Grid.model_validate(parse_grid(wanted)).tiles
    for one in rounds:
        one["grid"] = wanted
        image = str(one.get("image", ""))
        found = folder / image if (folder / image).is_file() else assets / image
        try:
            info = check_picture(found, max_side=MAX_PICTURE_SIDE, decode=False)
        except (PictureError, OSError):
            continue
        fewer = tiles
        rows, cols = near_square_grid(info.width, info.height, fewer)
        while rows * cols > tiles and fewer > _SMALLEST_GRID_TILES:
            fewer -= 1
            rows, cols = near_square_grid(info.width, info.height, fewer)
        if rows * cols <= tiles:
            one["grid"] = f"{rows}x{cols}"


def _bring_question_pictures(
    questions: Sequence[_Taken],
    folder: Path,
    pack_id: str,
    created: list[Path],
    *,
    gathered: _Gathered,
    assets: Path,
) -> None:
    """A question's picture named in its source (a spreadsheet's image column) is looked
    for in that source file's folder, or below it, and copied beside the pack as a round's
    picture is (its real format's ending, scaled down when too large). A name that leads
    out of that folder (``../``, an absolute path, a link out), a missing file and a file
    that is no picture the game shows are not taken: a hostile file must not copy the
    computer's files into a pack. The question is kept without its picture, with a note
    at the cell (its column when the reader gives ``image_column``, else the question's).
    A name of one of the game's own pictures (``mysteries/...``) stays as written."""
    taken: set[str] = set()
    copied: dict[Path, str] = {}
    for question in questions:
        column = question.fields.pop("image_column", None)
        written = question.fields.get("image")
        if not isinstance(written, str) or not written.strip():
            continue
        cell = written.strip()
        at = column if isinstance(column, int) and column > 0 else question.column
        base = question.path.parent
        found = base / cell
        problem: Message | None = None
        key: Path | None = None
        if _WEB_ADDRESS.match(cell):  # the game takes no picture from the web
            gathered.skipped.append(
                SkippedLine(
                    question.path,
                    question.line,
                    at,
                    message(
                        "the picture {picture} is a web address, which cannot be used: save "
                        "the picture as a file beside {file} and write its name; the question "
                        "is kept without it",
                        picture=cell,
                        file=question.path.name,
                    ),
                    "note",
                )
            )
            del question.fields["image"]
            continue
        try:
            key = found.resolve()
            inside = not Path(cell).is_absolute() and key.is_relative_to(base.resolve())
        except (OSError, RuntimeError):
            inside = False
        if not inside:
            problem = message(
                "the picture {picture} is not in the folder of {file} or below it, so it is "
                "not taken; the question is kept without it",
                picture=cell,
                file=question.path.name,
            )
        elif not os.path.lexists(found):
            if (assets / cell).is_file():
                continue  # one of the game's own pictures
            problem = message(
                "no picture {picture} in {folder}, the folder of {file}; the question is "
                "kept without it",
                picture=cell,
                folder=str(base),
                file=question.path.name,
            )
        elif key is not None and key not in copied:
            try:
                name, data, changes = _checked_picture(found)
                copied[key] = _copy_picture(data, folder, name, taken, created)
            except ImportRefused as refused:
                problem = message(
                    "the picture is not taken: {problem}; the question is kept without it",
                    problem=refused.said,
                )
            else:
                for change in changes:
                    gathered.skipped.append(
                        SkippedLine(question.path, question.line, at, change, "note")
                    )
        if problem is not None or key is None:
            del question.fields["image"]
            if problem is not None:
                gathered.skipped.append(
                    SkippedLine(question.path, question.line, at, problem, "note")
                )
            continue
        question.fields["image"] = f"{pack_id}/{copied[key]}"


# A picture cell that names a picture on the web (http://, https://, ftp://, www.), not a file.
_WEB_ADDRESS = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.)")


# Pictures a side larger than the game's are scaled down on copy up to this many pixels
# (a 48-megapixel phone photo is 8000x6000); larger ones are refused. Decoding one takes
# at most some 200 MiB (4 bytes a pixel).
MOST_PIXELS_SCALED = 50_000_000
LARGEST_SIDE_SCALED = 16_384
_SUFFIX_OF_FORMAT = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WebP": ".webp"}


def _checked_picture(picture: Path) -> tuple[str, bytes, list[Message]]:
    """The picture as it goes into the pack: its safe file name (with the ending of the
    format it really is in: phones save JPEGs named ``.png``), its bytes (scaled down with
    Pillow, keeping its shape, when a side is over the game's largest), and what was
    changed, said. Raises :class:`ImportRefused` for a file that is no picture the game
    shows."""
    from clarity.core.packs.picture_decoding import (  # noqa: PLC0415
        FORMAT_BY_SUFFIX,
        MAX_PICTURE_SIDE,
        PictureError,
        check_picture,
        pixel_size,
    )

    if picture.is_dir():
        raise ImportRefused(message("{file} is a folder, not a picture", file=str(picture)))
    if not picture.exists():
        raise ImportRefused(message("{file}: no such picture", file=str(picture)))
    suffix = picture.suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        raise ImportRefused(
            message(
                "{file}: the game shows PNG, JPEG, GIF and WebP pictures ({suffixes})",
                file=str(picture),
                suffixes=", ".join(FORMAT_BY_SUFFIX),
            )
        )
    changes: list[Message] = []
    try:
        data = _read_bytes(picture)
        try:
            info = check_picture(picture, max_side=LARGEST_SIDE_SCALED, decode=False)
        except PictureError:  # said with the game's own largest size
            info = check_picture(picture, max_side=MAX_PICTURE_SIDE, decode=False)
        large = max(info.width, info.height) > MAX_PICTURE_SIDE
        if large and info.width * info.height <= MOST_PIXELS_SCALED:
            data = scaled_down(data, info.format.value, MAX_PICTURE_SIDE)
            changes.append(
                message(
                    "{file} is {size} pixels, larger than the game shows; its copy in the "
                    "pack is scaled down to at most {largest} pixels a side",
                    file=picture.name,
                    size=pixel_size(info.width, info.height),
                    largest=MAX_PICTURE_SIDE,
                )
            )
        else:
            check_picture(picture, max_side=MAX_PICTURE_SIDE)
    except PictureError as error:
        raise ImportRefused(
            message("{file}: {problem}", file=str(picture), problem=error.message)
        ) from error
    except OSError as error:
        raise ImportRefused(_os_said(error, picture)) from error
    name = safe_file_name(picture.name)
    if FORMAT_BY_SUFFIX[suffix] is not info.format:
        real = _SUFFIX_OF_FORMAT[info.format.value]
        name = safe_file_name(picture.stem + real)
        changes.append(
            message(
                "{file} holds a {format} picture, not what its name's ending says; it is "
                "copied into the pack as {name}",
                file=picture.name,
                format=info.format.value,
                name=name,
            )
        )
    return name, data, changes


def scaled_down(data: bytes, fmt: str, largest: int) -> bytes:
    """The picture ``data`` (in ``fmt``, Pillow's name but WebP) turned upright and scaled
    down to at most ``largest`` pixels a side, its shape kept, saved in the same format."""
    from PIL import Image, ImageOps  # noqa: PLC0415

    with Image.open(io.BytesIO(data)) as image:
        if fmt == "JPEG":
            image.draft("RGB", (largest, largest))  # decode at a smaller scale: faster
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((largest, largest), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if fmt == "JPEG":
            if upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            upright.save(out, "JPEG", quality=90)
        else:
            upright.save(out, fmt.upper())
        return out.getvalue()


def safe_file_name(name: str) -> str:
    """``name`` as the name of a file in the packs folder (a pack file, a picture): NFC
    (the form names are compared in), every run of characters other than letters, digits,
    ``.``, ``-`` and ``_`` one hyphen, the suffix in small letters; ``picture`` when nothing
    is left of the stem. A name Windows keeps for a device, with any ending (``CON.yaml``,
    ``nul.png``, ``com1.tar.gz``: the part before the first dot, in any case), gets a word
    after that part (``CON-pack.yaml``, ``nul-picture.png``, ``com1-file.tar.gz``), as the
    studio's pictures do: Windows would open the device, not a file."""
    name = unicodedata.normalize("NFC", name)
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE_NAME.sub("-", stem).strip(".-") or "picture"
    device, dot, rest = stem.partition(".")
    if _WINDOWS_DEVICES.match(device):
        kind = suffix.lower()
        word = (
            "pack" if kind in ("yaml", "yml") else "picture" if kind in _PICTURE_ENDINGS else "file"
        )
        stem = f"{device}-{word}{dot}{rest}"
    return f"{stem[:100]}.{suffix.lower()}" if suffix else stem[:100]


def _copy_picture(
    data: bytes, folder: Path, name: str, taken: set[str], created: list[Path]
) -> str:
    """Write the picture ``data`` into ``folder`` as ``name`` (another name when a different
    picture has it there; a new file is added to ``created``); the name it has there."""
    stem, _, suffix = name.rpartition(".")
    number = 1
    while True:
        candidate = name if number == 1 else f"{stem}-{number}.{suffix}"
        target = folder / candidate
        if candidate not in taken:
            try:
                if not target.exists():
                    break
                if hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(data).digest():
                    taken.add(candidate)
                    return candidate
            except OSError as error:
                raise ImportRefused(_os_said(error, target)) from error
        number += 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_replacing(target, data)
    except FileNotWritten as error:
        raise ImportRefused(error.said) from error
    except OSError as error:
        raise ImportRefused(_os_said(error, folder)) from error
    created.append(target)
    taken.add(candidate)
    return candidate


def _pictures_beside(
    loaded: LoadedPack, folder: Path, packs_dir: Path, *, replaceable: frozenset[Path] = frozenset()
) -> list[tuple[Path, Path]]:
    """(picture, where its copy goes) for each picture the pack names that is beside it
    (not one of the game's own); refused when a different file is already there, unless
    it is one of ``replaceable`` (resolved: the pictures of the copy this one replaces)."""
    copies = []
    base = folder.resolve()
    for text, found in loaded.images.items():
        try:
            relative = found.resolve().relative_to(base)
        except ValueError:
            continue  # one of the game's own pictures
        copy = packs_dir / relative
        if copy.exists() and not _same_bytes(copy, found) and copy.resolve() not in replaceable:
            raise ImportRefused(
                message(
                    "{file} is already in your packs folder and is another picture; the pack "
                    "names {picture}",
                    file=str(copy),
                    picture=text,
                )
            )
        copies.append((found, copy))
    return copies


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return one.read_bytes() == other.read_bytes()
    except OSError:
        return False


# --- writing and loading back --------------------------------------------------------------


def _write_valid(
    target: Path,
    data: Mapping[str, Any],
    kept: list[_Taken],
    gathered: _Gathered,
    request: ImportRequest,
    *,
    rounds_for: Callable[[int], list[dict[str, Any]]],
) -> tuple[LoadedPack, list[_Taken]]:
    """Write the pack and load it back; when the loader refuses questions, every question
    the models refuse alone is left out (:func:`_screened`), then any the loader still
    refuses (a picture it cannot find), each told at its line, and the pack written again,
    so that what stays on disk loads; the rounds are fitted again to the questions left
    (``rounds_for`` of their count: fewer questions, fewer tiles). Raises
    :class:`ImportRefused` (the file as it was before) when the pack fails for a reason
    that is no question's."""
    before = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    comment = request.comment
    screened = False
    for _ in range(_MAX_WRITES):
        if not kept:
            _put_back(target, before)
            raise ImportRefused(
                message("no question could be imported, so no pack was written"),
                _in_file_order(gathered.skipped, request.files),
            )
        rounds = rounds_for(len(kept))
        text = _marked(
            pack_yaml({**data, "rounds": rounds, "questions": [taken.fields for taken in kept]}),
            comment,
            request.files,
        )
        write_replacing(target, text.encode("utf-8"))
        loaded = load_pack(target, assets_dir=request.assets_dir)
        if loaded.ok:
            return loaded, kept
        if not screened:
            # Questions the models refuse, each found alone and worded by the loader's
            # checks: only now, so that an import with none pays for no second check.
            screened = True
            before_screen = len(kept)
            kept = _screened(kept, gathered, data["language"])
            if len(kept) < before_screen:
                continue
        refused: dict[int, list[tuple[str, Message]]] = {}
        other: Problem | None = None
        for problem in loaded.errors:
            place = _question_of(problem)
            if place is None or place[0] >= len(kept):
                other = other or problem
                continue
            refused.setdefault(place[0], []).append((place[1], _worded(problem, place[1])))
        if other is not None or not refused or len(refused) == len(kept):
            _put_back(target, before)
            first = other or loaded.errors[0]
            raise ImportRefused(
                message(
                    "the pack could not be written valid: {problem}", problem=_problem_said(first)
                ),
                _in_file_order(gathered.skipped, request.files),
            )
        for index, reasons in refused.items():
            taken = kept[index]
            for where, reason in reasons:
                gathered.skipped.append(
                    SkippedLine(taken.path, taken.line, taken.column_of(where), reason, "skipped")
                )
        kept = [taken for index, taken in enumerate(kept) if index not in refused]
    _put_back(target, before)
    raise ImportRefused(message("the pack could not be written valid"))


_MAX_WRITES = 4


def _put_back(target: Path, before: bytes | None) -> None:
    try:
        if before is None:
            target.unlink(missing_ok=True)
        else:
            write_replacing(target, before)
    except OSError:
        pass
