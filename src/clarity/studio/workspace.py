"""The packs folder as the Teacher Studio sees it: the list, new packs, copies, the bin.

A pack is named by a **ref**: the pack file's name in the teacher's packs folder
(``DATA_DIR/packs``), such as ``my-quiz.yaml``, which the studio may change; or
``bundled:<file name>`` for a pack that comes with the game, which the studio may open
and copy but never change. Nothing else is a ref: a path (``a/b.yaml``, ``/etc/x``,
``C:\\x``), ``..``, a hidden name, a name without ``.yaml``/``.yml``, a control character
or a symbolic link that leads out of its folder is :class:`PackNotFound` (the server's 404),
so a request can name no file but the packs it lists.

- :meth:`Workspace.packs`: every pack, the game's own first (their ids win, as in the
  game's pack choice), each loaded by the game's own loader with its problems; only the
  packs a ref reaches (a link leading out of its folder is neither listed nor read).
- :meth:`Workspace.new_pack`: a pack file from :func:`clarity.formats.pack_files.
  new_pack_text` (the ``clarity new`` file: an example of each question type and a round),
  its id made from the title (:func:`clarity.formats.slugs.slug`), unique among the
  game's packs and the teacher's.
- :meth:`Workspace.copy_pack`: a copy of a pack (the game's own, usually) under a new id
  and a title that says it is the copy ("The Solar System (copy)", in the interface's
  language), with the pictures it names copied beside it.
- :meth:`Workspace.delete` moves a pack file into ``PACKS_DIR/.studio-trash/<undo>/``
  (a hidden folder: the pack list passes over it) and :meth:`Workspace.undo` puts it back.
  Its pictures stay where they are: another pack may name them, and the undo finds them.
- :meth:`Workspace.import_files`: files of any format of ``clarity import`` (GIFT, Aiken,
  CSV, xlsx, Quizlet, Open Trivia DB, Kahoot, or a pack file) imported as a file dropped on
  the game window is (:func:`clarity.formats.importing.import_dropped`).

Problems a teacher can cause are :class:`WorkspaceRefused` with a one-line
:class:`~clarity.core.messages.Message`; :class:`NotEditable` for a change asked of a pack
that comes with the game.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.core.messages import Message, message
from clarity.core.packs.loader import PACK_SUFFIXES, LoadedPack, load_packs
from clarity.core.packs.picture_decoding import PictureChecks

if TYPE_CHECKING:
    from clarity.core.messages import Translates
    from clarity.core.packs.folders import FolderListings
    from clarity.core.packs.glyphs import CanDraw
    from clarity.formats.importing import SkippedLine

#: The prefix of a ref to a pack that comes with the game.
BUNDLED_PREFIX = "bundled:"
#: Where deleted packs wait for an undo, and where saving keeps earlier versions
#: (hidden folders of the packs folder: never listed as packs).
TRASH_FOLDER = ".studio-trash"
BACKUPS_FOLDER = ".studio-backups"
#: Deleted packs kept for an undo; older ones are emptied out of the bin.
KEPT_IN_TRASH = 50
_UNDO = re.compile(r"^[0-9a-f]{16}$")
# a pack file's name: no folder, no control character, no colon (a drive or a stream on
# Windows), not hidden, a pack's ending
_PACK_NAME = re.compile(r"^[^/\\:\x00-\x1f\x7f]{1,200}$")
_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([a-z0-9-]+)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)
_SCHEMA_COMMENT = re.compile(r"\A# yaml-language-server: \$schema=[^\n]*\n")


class PackNotFound(LookupError):
    """No pack has this ref (or the ref names something that is no pack of the studio's):
    the server's 404."""


class WorkspaceRefused(Exception):
    """What the teacher asked cannot be done; ``said`` is why, one line."""

    def __init__(self, said: Message, code: str = "refused") -> None:
        super().__init__(str(said))
        self.said = said
        self.code = code


class NotEditable(WorkspaceRefused):
    """A change asked of a pack that comes with the game (copy it first)."""

    def __init__(self) -> None:
        super().__init__(
            message("this pack comes with the game and cannot be changed; make a copy to edit"),
            "read_only",
        )


@dataclass(frozen=True, slots=True)
class PackRef:
    """A ref resolved: the pack file's ``path`` (absolute, in its folder) and whether the
    studio may change it."""

    ref: str
    path: Path
    editable: bool


@dataclass(frozen=True, slots=True)
class ListedPack:
    """One pack of :meth:`Workspace.packs`: its ref and the game's loader's verdict."""

    ref: str
    loaded: LoadedPack
    editable: bool


@dataclass(frozen=True, slots=True)
class Imported:
    """What :meth:`Workspace.import_files` made: each new pack's (ref, title), and every
    line the teacher should read (``FILE:LINE:COL: skipped: why``, notes, what the import
    decided, refusals), each a Message or a text with the file's own name."""

    packs: tuple[tuple[str, str], ...]
    lines: tuple[Message, ...]


class Workspace:
    """The packs folder ``packs_dir`` (the teacher's, changed here), the game's own pack
    folders ``bundled_dirs`` (read only), the game's ``assets_dir`` (pictures packs may
    name) and the ``data_dir`` (where the desktop game keeps its data)."""

    def __init__(
        self, packs_dir: Path, bundled_dirs: Sequence[Path], assets_dir: Path, data_dir: Path
    ) -> None:
        self.packs_dir = Path(packs_dir)
        self.bundled_dirs = tuple(Path(folder) for folder in bundled_dirs)
        self.assets_dir = Path(assets_dir)
        self.data_dir = Path(data_dir)
        # every picture decoded once while the studio runs (checked again when it changes)
        self.pictures = PictureChecks()

    @property
    def trash_dir(self) -> Path:
        return self.packs_dir / TRASH_FOLDER

    @property
    def backups_dir(self) -> Path:
        return self.packs_dir / BACKUPS_FOLDER

    # --- refs ------------------------------------------------------------------------------

    def resolve(self, ref: str, *, must_exist: bool = True) -> PackRef:
        """The pack ``ref`` names. Raises :class:`PackNotFound` for anything that is not a
        ref (see the module docstring), a pack of the game's that is not there, and (with
        ``must_exist``) a pack file of the teacher's that is not there."""
        if ref.startswith(BUNDLED_PREFIX):
            name = ref[len(BUNDLED_PREFIX) :]
            _check_name(name)
            for folder in self.bundled_dirs:
                path = folder / name
                if _inside(path, folder) and path.is_file():
                    return PackRef(ref, path, editable=False)
            raise PackNotFound(ref)
        _check_name(ref)
        path = self.packs_dir / ref
        if os.path.lexists(path):
            if not _inside(path, self.packs_dir) or not path.is_file():
                raise PackNotFound(ref)
        elif must_exist:
            raise PackNotFound(ref)
        return PackRef(ref, path, editable=True)

    def editable(self, ref: str, *, must_exist: bool = True) -> PackRef:
        """:meth:`resolve`, refused with :class:`NotEditable` for a pack of the game's."""
        found = self.resolve(ref, must_exist=must_exist)
        if not found.editable:
            raise NotEditable()
        return found

    # --- the list --------------------------------------------------------------------------

    def packs(self, *, can_draw: CanDraw | None = None) -> list[ListedPack]:
        """Every pack: the game's own (copy only), then the teacher's (editable), each
        folder's by file name, each loaded by the game's loader (a teacher's pack reusing
        the id of a pack of the game's is an error, as in the game's pack choice; with
        ``can_draw``, the characters no font draws are warned about, as ``clarity
        validate`` does). Only what :meth:`resolve` reaches: a symbolic link leading out
        of its folder is not listed, and the file it leads to is never read."""
        from clarity.core.packs.folders import FolderListings  # noqa: PLC0415

        listings = FolderListings(pictures=self.pictures)
        refs = self._in_order(listings)
        loaded = load_packs(
            [path for _, path, _ in refs],
            assets_dir=self.assets_dir,
            listings=listings,
            can_draw=can_draw,
        )
        pairs = zip(refs, loaded, strict=True)
        return [ListedPack(ref, one, editable) for (ref, _, editable), one in pairs]

    def _in_order(self, listings: FolderListings) -> list[tuple[str, Path, bool]]:
        """(ref, path, editable) of every pack file a ref reaches, in the game's order: the
        game's folders first, then the packs folder, each folder's by name."""
        from clarity.core.packs.loader import pack_files_in  # noqa: PLC0415

        refs: list[tuple[str, Path, bool]] = []
        seen: set[str] = set()
        for folder in self.bundled_dirs:
            for path in pack_files_in(folder, listings):
                ref = BUNDLED_PREFIX + path.name
                if ref not in seen and _inside(path, folder):
                    seen.add(ref)
                    refs.append((ref, path, False))
        for path in pack_files_in(self.packs_dir, listings):
            if _PACK_NAME.match(path.name) and _inside(path, self.packs_dir):
                refs.append((path.name, path, True))
        return refs

    def id_owner(self, found: PackRef, pack_id: str) -> Path | None:
        """The pack file that already has the id ``pack_id`` for the game, when the pack
        of ``found`` would take it: the first pack before it in the game's order (the
        game's own packs, then the packs folder, each folder's by name; :meth:`packs`'s
        order) that the game's loader finds valid with that id. The game and its pack list
        then refuse the later pack (:func:`clarity.core.packs.loader.load_packs`: an id
        is the first valid pack's); None when no pack before it has the id.

        Quick whatever the number of packs: only the packs whose ``id:`` line (in their
        first 4 KiB) says ``pack_id``, or that have no such line, are loaded, by the
        game's loader in the game's order, so that a pack before them with the id (which
        the loader refuses) is weighed as the game weighs it."""
        from clarity.core.packs.folders import FolderListings  # noqa: PLC0415

        listings = FolderListings(pictures=self.pictures)
        refs = self._in_order(listings)
        target = found.path
        same = [index for index, (_, path, _) in enumerate(refs) if path == target]
        if same:
            before = refs[: same[0]]
        elif found.editable:  # not written yet: where its name will put it
            before = [one for one in refs if not one[2] or one[1].name < target.name]
        else:
            return None
        candidates = []
        for _, path, _ in before:
            written = _id_line_of(path, path.parent)
            if written is None or written == pack_id:
                candidates.append(path)
        if not candidates:
            return None
        for loaded in load_packs(candidates, assets_dir=self.assets_dir, listings=listings):
            if loaded.pack is not None and loaded.pack.id == pack_id:
                return loaded.path
        return None

    def load(self, found: PackRef, *, can_draw: CanDraw | None = None) -> LoadedPack:
        """The pack file of ``found`` as the game loads it (with the studio's picture
        checks: each picture decoded once while it is unchanged; ``can_draw`` as in
        :meth:`packs`)."""
        from clarity.core.packs.folders import FolderListings  # noqa: PLC0415

        return load_packs(
            [found.path],
            assets_dir=self.assets_dir,
            listings=FolderListings(pictures=self.pictures),
            can_draw=can_draw,
        )[0]

    def taken_ids(self) -> set[str]:
        """The ids of every pack of the game's and of the teacher's (read from their
        ``id:`` lines; a link out of its folder is no pack of it, and not read), and the
        names of the teacher's pack files without their ending."""
        taken: set[str] = set()
        for folder in (*self.bundled_dirs, self.packs_dir):
            with contextlib.suppress(OSError):
                for path in folder.iterdir():
                    if path.suffix.lower() in PACK_SUFFIXES and not path.name.startswith("."):
                        pack_id = _id_line_of(path, folder)
                        if pack_id is not None:
                            taken.add(pack_id)
        with contextlib.suppress(OSError):
            taken.update(
                path.stem
                for path in self.packs_dir.iterdir()
                if path.suffix.lower() in PACK_SUFFIXES
            )
        return taken

    def pack_id_of(self, found: PackRef) -> str:
        """The id the pack file of ``found`` gives itself (its ``id:`` line, read without
        loading the pack), else the file's name without its ending."""
        folder = found.path.parent
        return _id_line_of(found.path, folder) or found.path.stem

    # --- new packs -------------------------------------------------------------------------

    def new_pack(
        self,
        title: str,
        language: str,
        *,
        comments: Translates | None = None,
        examples: Translates | None = None,
    ) -> str:
        """Write a new pack (``clarity new``'s text: ``comments`` in the interface's
        language, ``examples`` in the pack's) titled ``title`` in ``language`` (a language
        tag); return its ref. Its id is the title's slug (``pack`` when it has no Latin
        letter), made unique. Raises :class:`WorkspaceRefused` for a title or language a
        pack cannot have, or a folder that cannot be written."""
        from clarity.formats.pack_files import new_pack_text, title_problem  # noqa: PLC0415
        from clarity.formats.slugs import slug, unique_slug  # noqa: PLC0415

        problem = title_problem(title)
        if problem is not None:
            raise WorkspaceRefused(problem, "bad_title")
        if not re.fullmatch(language_pattern(), language):
            raise WorkspaceRefused(
                message(
                    "{value} is not a language tag; write one such as en, ru or be",
                    value=language,
                ),
                "bad_language",
            )
        title = " ".join(title.split())
        pack_id = unique_slug(slug(title) or "pack", self.taken_ids())
        text = new_pack_text(pack_id, title, language, comments=comments, examples=examples)
        target = self.packs_dir / f"{pack_id}.yaml"
        self._write_new(target, text.encode("utf-8"))
        return target.name

    def copy_pack(self, ref: str, *, translator: Translates | None = None) -> str:
        """Copy the pack ``ref`` names into the packs folder under a new id (its own with
        ``-2``, ``-3`` ...) and the title ``TITLE (copy)`` (in ``translator``'s language;
        English without one), so that the game's pack list tells the two apart, with
        every picture it names (the game's own pictures included, so the copy's pictures
        can be changed); return the copy's ref. Only those two lines change: comments and
        the rest stay as written. Raises :class:`PackNotFound`, and
        :class:`WorkspaceRefused` for a pack that does not load or whose pictures would
        replace other files of the packs folder."""
        from clarity.formats.pack_yaml import SCHEMA_LINE  # noqa: PLC0415
        from clarity.formats.slugs import unique_slug  # noqa: PLC0415

        found = self.resolve(ref)
        loaded = self.load(found)
        if loaded.pack is None:
            raise WorkspaceRefused(
                message("{file} has errors; fix them before copying it", file=found.path.name),
                "has_errors",
            )
        try:
            text = found.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise WorkspaceRefused(
                message("{file} cannot be read: {reason}", file=found.path.name, reason=str(error))
            ) from error
        new_id = unique_slug(loaded.pack.id, self.taken_ids())
        title = _copy_title(loaded.pack.title, translator)
        renamed = _renamed_text(found.path, text, new_id, title)
        if renamed is not None:
            text = renamed
        else:  # the writer could not: the id line alone, as a plain line
            text, replaced = _ID_LINE.subn(f"id: {new_id}", text, count=1)
            if not replaced:  # a pack always has an id line; one written oddly is not copied
                raise WorkspaceRefused(
                    message("{file}: its id line cannot be found", file=found.path.name)
                )
        text = _SCHEMA_COMMENT.sub(SCHEMA_LINE + "\n", text, count=1)
        copies = self._picture_copies(loaded)
        for source, target in copies:
            if not target.exists():
                self._write_new(target, source.read_bytes(), schema=False)
        target = self.packs_dir / f"{new_id}.yaml"
        self._write_new(target, text.encode("utf-8"))
        return target.name

    def _picture_copies(self, loaded: LoadedPack) -> list[tuple[Path, Path]]:
        base = self.packs_dir.resolve()
        copies = []
        for text, source in loaded.images.items():
            target = self.packs_dir / text
            try:
                inside = target.resolve().is_relative_to(base) and not Path(text).is_absolute()
            except OSError:
                inside = False
            if not inside:
                raise WorkspaceRefused(
                    message(
                        "the picture {picture} cannot be copied into the packs folder", picture=text
                    )
                )
            if target.exists() and not _same_bytes(target, source):
                raise WorkspaceRefused(
                    message(
                        "{file} is already in your packs folder and is another picture; the "
                        "pack names {picture}",
                        file=str(target),
                        picture=text,
                    ),
                    "picture_taken",
                )
            copies.append((source, target))
        return copies

    def _write_new(self, target: Path, data: bytes, *, schema: bool = True) -> None:
        from clarity.atomic_files import FileNotWritten, write_replacing  # noqa: PLC0415
        from clarity.formats.pack_files import refresh_schema  # noqa: PLC0415
        from clarity.formats.pack_yaml import SCHEMA_FILE_NAME  # noqa: PLC0415

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_replacing(target, data)
            if schema:
                refresh_schema(self.packs_dir / SCHEMA_FILE_NAME)
        except FileNotWritten as error:
            raise WorkspaceRefused(error.said, "not_written") from error
        except OSError as error:
            raise WorkspaceRefused(_os_said(error, target), "not_written") from error

    # --- the bin ---------------------------------------------------------------------------

    def delete(self, ref: str) -> str:
        """Move the teacher's pack ``ref`` into the bin; return the undo's key (16 hex
        digits). Raises :class:`PackNotFound`, :class:`NotEditable` for a pack of the
        game's, :class:`WorkspaceRefused` when it cannot be moved."""
        found = self.editable(ref)
        undo = secrets.token_hex(8)
        place = self.trash_dir / undo
        try:
            place.mkdir(parents=True)
            os.replace(found.path, place / found.path.name)
        except OSError as error:
            raise WorkspaceRefused(_os_said(error, found.path), "not_written") from error
        self._empty_old_trash()
        return undo

    def undo(self, undo: str) -> str:
        """Put back the pack deleted with the key ``undo``; return its ref. Raises
        :class:`PackNotFound` for an unknown key, :class:`WorkspaceRefused` (code
        ``taken``) when a pack file of the same name was made since."""
        if not _UNDO.match(undo):
            raise PackNotFound(undo)
        place = self.trash_dir / undo
        try:
            kept = [path for path in place.iterdir() if path.is_file()]
        except OSError:
            raise PackNotFound(undo) from None
        if len(kept) != 1 or not _PACK_NAME.match(kept[0].name):
            raise PackNotFound(undo)
        target = self.packs_dir / kept[0].name
        if os.path.lexists(target):
            raise WorkspaceRefused(
                message(
                    "{file} cannot be put back: a pack file of that name has been made since",
                    file=target.name,
                ),
                "taken",
            )
        try:
            os.replace(kept[0], target)
            place.rmdir()
        except OSError as error:
            raise WorkspaceRefused(_os_said(error, target), "not_written") from error
        return target.name

    def _empty_old_trash(self) -> None:
        try:
            places = sorted(
                (path for path in self.trash_dir.iterdir() if _UNDO.match(path.name)),
                key=lambda path: path.stat().st_mtime_ns,
            )
        except OSError:
            return
        for place in places[:-KEPT_IN_TRASH]:
            shutil.rmtree(place, ignore_errors=True)

    # --- import ----------------------------------------------------------------------------

    def import_files(self, files: Sequence[tuple[str, bytes]]) -> Imported:
        """Import the files sent (each its name as the browser sent it and its bytes) as
        files dropped on the game's window are: pictures sent with a file of questions are
        its rounds, a pack file is copied with its pictures. Each file is written under a
        safe name into a folder of its own first (its name never leads anywhere else).
        The lines name each file as the teacher sent it (``quiz.gift:3:1: ...``), never
        the folder it was written into."""
        from clarity.formats.importing import (  # noqa: PLC0415 - only when importing
            ImportRefused,
            dropped_together,
            import_dropped,
            safe_file_name,
        )

        made: list[tuple[str, str]] = []
        lines: list[Message] = []
        with tempfile.TemporaryDirectory(prefix="clarity-studio-") as folder:
            paths: list[Path] = []
            sent_as: dict[str, str] = {}  # the path written -> the name the teacher sent
            for name, data in files:
                shown = _last_part(name)
                safe = safe_file_name(shown)
                path = Path(folder) / safe
                number = 2
                while path.exists():
                    stem, dot, suffix = safe.rpartition(".")
                    path = Path(folder) / (
                        f"{stem}-{number}{dot}{suffix}" if dot else f"{safe}-{number}"
                    )
                    number += 1
                path.write_bytes(data)
                paths.append(path)
                sent_as[str(path)] = shown
            for path, images in dropped_together(paths):
                try:
                    outcome = import_dropped(
                        path, packs_dir=self.packs_dir, assets_dir=self.assets_dir, images=images
                    )
                except ImportRefused as refused:
                    lines += [_skipped_said(line, sent_as) for line in refused.skipped]
                    said, named = _as_sent(refused.said, sent_as)
                    if not named:  # the reason does not say which file: the line does
                        said = message("{file}: {problem}", file=sent_as[str(path)], problem=said)
                    lines.append(said)
                    continue
                lines += [_skipped_said(line, sent_as) for line in outcome.skipped]
                lines += [_as_sent(said, sent_as)[0] for said in outcome.said]
                made.append((outcome.pack_path.name, outcome.title))
        return Imported(tuple(made), tuple(lines))


def language_pattern() -> str:
    """The pattern a pack's language tag matches, as the pack model has it."""
    from clarity.core.packs.models import Pack  # noqa: PLC0415

    for meta in Pack.model_fields["language"].metadata:
        pattern = getattr(meta, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # pragma: no cover - the model has one


def _check_name(name: str) -> None:
    if (
        not _PACK_NAME.match(name)
        or name.startswith(".")
        or os.path.splitext(name)[1].lower() not in PACK_SUFFIXES
        or name != name.strip()
    ):
        raise PackNotFound(name)


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (links followed) is a file directly in ``folder`` (links followed)."""
    try:
        return path.resolve(strict=True).parent == folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return False


def _id_line_of(path: Path, folder: Path) -> str | None:
    """The id of the ``id:`` line in the first 4 KiB of the pack file ``path`` (as
    :func:`clarity.formats.importing.pack_ids_in` reads one); None when it has none, or is
    no regular file directly in ``folder`` (links followed)."""
    if not _inside(path, folder) or not path.is_file():
        return None
    try:
        with path.open("rb") as stream:
            head = stream.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = _ID_LINE.search(head)
    return found.group(1) if found else None


def _copy_title(title: str, translator: Translates | None) -> str:
    """``TITLE (copy)`` in ``translator``'s language (English without one), the title cut
    short when the two together would be longer than a pack's title may be."""
    from clarity.core.messages import english_text  # noqa: PLC0415
    from clarity.core.packs.models import Pack  # noqa: PLC0415

    def said(text: str) -> str:
        # Translators: the title of a copy of a pack; {title} is the pack's own title.
        copied = message("{title} (copy)", title=text)
        return translator.render(copied) if translator is not None else english_text(copied)

    longest = 200
    for meta in Pack.model_fields["title"].metadata:
        longest = getattr(meta, "max_length", None) or longest
    whole = said(title)
    over = len(whole) - longest
    if over > 0:
        whole = said(title[: max(1, len(title) - over - 1)].rstrip() + "…")
    return whole


def _renamed_text(path: Path, text: str, new_id: str, title: str) -> str | None:
    """The text of the pack file ``path`` (which holds ``text``) with its id ``new_id`` and
    its title ``title``, written by the studio's saving (only those two values change, as
    saving in the studio changes them); None when that cannot be done."""
    from clarity.studio.documents import DocumentUnreadable, open_document  # noqa: PLC0415
    from clarity.studio.roundtrip import document_bytes  # noqa: PLC0415

    try:
        document = open_document(path)
        document["id"] = new_id
        document["title"] = title
        return document_bytes(text.encode("utf-8"), document).decode("utf-8")
    except (DocumentUnreadable, ValueError, RecursionError, OSError):
        return None


def _last_part(name: str) -> str:
    """The last part of a file name a browser sent, whatever its folders (``/`` or ``\\``)."""
    name = name.replace("\x00", "")
    return re.split(r"[/\\]", name)[-1] or "file"


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return one.read_bytes() == other.read_bytes()
    except OSError:
        return False


def _as_sent(said: Message, sent_as: dict[str, str]) -> tuple[Message, bool]:
    """``said`` with each path of a file written for the import (a folder of its own in
    the system's temporary folder) as the name the teacher sent it under, and whether it
    named one. Its texts are the import's own values (paths and names, never translated);
    a message inside it is gone through the same way."""
    named = False
    by_name = {Path(written).name: shown for written, shown in sent_as.items()}

    def as_sent(value: object) -> object:
        nonlocal named
        if isinstance(value, Message):
            return Message(
                value.template,
                {name: as_sent(one) for name, one in value.values.items()},
                value.plural,
                value.count,
            )
        if isinstance(value, str | Path):
            text = str(value)
            if text in by_name:  # a file's name alone, as it was written
                named = True
                return by_name[text]
            for written, shown in sent_as.items():
                if written in text:
                    named = True
                    text = text.replace(written, shown)
            return text if isinstance(value, str) or text != str(value) else value
        return value

    result = as_sent(said)
    assert isinstance(result, Message)
    return result, named


def _skipped_said(line: SkippedLine, sent_as: dict[str, str]) -> Message:
    name = sent_as.get(str(line.path), line.path.name)
    place = f"{name}:{line.line}:{line.column}"
    if line.kind == "skipped":
        return message("{place}: skipped: {reason}", place=place, reason=line.reason)
    return message("{place}: note: {reason}", place=place, reason=line.reason)


def _os_said(error: OSError, path: Path) -> Message:
    reason = error.strerror or str(error) or type(error).__name__
    # Translators: {reason} is the system's own words
    return message("{file} cannot be written: {reason}", file=path.name, reason=reason)


__all__ = [
    "BACKUPS_FOLDER",
    "BUNDLED_PREFIX",
    "TRASH_FOLDER",
    "Imported",
    "ListedPack",
    "NotEditable",
    "PackNotFound",
    "PackRef",
    "Workspace",
    "WorkspaceRefused",
    "language_pattern",
]
