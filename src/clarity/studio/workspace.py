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
  The pack's own pictures folder (``<pack id>/`` beside it, where the studio and ``clarity
  import`` put its pictures) goes with it and comes back with it, unless another pack of
  the packs folder names a picture in it; every other picture stays where it is.
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
        target = self.packs_dir / f"{new_id}.yaml"
        written: list[Path] = []  # what this copy wrote, taken away again if it fails
        made: list[Path] = []  # the folders it made, outermost first
        try:
            for source, picture in copies:
                if not picture.exists():
                    made += _folders_to_make(picture.parent, self.packs_dir)
                    try:
                        data = source.read_bytes()
                    except OSError as error:
                        said = message(
                            "{file} cannot be read: {reason}",
                            file=source.name,
                            reason=error.strerror or str(error),
                        )
                        raise WorkspaceRefused(said, "not_written") from error
                    self._write_new(picture, data, schema=False)
                    written.append(picture)
            self._write_new(target, text.encode("utf-8"))
        except WorkspaceRefused:  # a full disk: no half copy, no empty folder left behind
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            for folder in reversed(made):
                with contextlib.suppress(OSError):  # only an empty folder goes
                    folder.rmdir()
            raise
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
        """Move the teacher's pack ``ref`` into the bin, with its own pictures folder
        (:meth:`own_pictures_folder`) when no other pack names a picture in it; return the
        undo's key (16 hex digits). Raises :class:`PackNotFound`, :class:`NotEditable` for a
        pack of the game's, :class:`WorkspaceRefused` when it cannot be moved (nothing is
        moved then)."""
        found = self.editable(ref)
        folder = self.own_pictures_folder(found)
        undo = secrets.token_hex(8)
        place = self.trash_dir / undo
        try:
            place.mkdir(parents=True)
        except OSError as error:
            raise WorkspaceRefused(_os_said(error, found.path), "not_written") from error
        moved: list[tuple[Path, Path]] = []
        for source in (found.path, folder):
            if source is None:
                continue
            try:
                os.replace(source, place / source.name)
            except OSError as error:
                for back_from, back_to in reversed(moved):  # all or nothing
                    with contextlib.suppress(OSError):
                        os.replace(back_from, back_to)
                with contextlib.suppress(OSError):
                    place.rmdir()
                raise WorkspaceRefused(_os_said(error, source), "not_written") from error
            moved.append((place / source.name, source))
        self._empty_old_trash()
        return undo

    def own_pictures_folder(self, found: PackRef) -> Path | None:
        """The pack's own pictures folder, which deleting it takes along: the folder
        ``<pack id>/`` beside the pack file (:func:`clarity.studio.pictures.
        picture_folder_name`, the name the studio and ``clarity import`` give it), when it
        is a real folder directly in the packs folder (no link), is neither the game's
        assets nor one of the game's pack folders, and no other pack file of the packs
        folder names a picture inside it (:func:`_names_inside`); else None."""
        from clarity.studio.pictures import picture_folder_name  # noqa: PLC0415

        name = picture_folder_name(found.path, self.pack_id_of(found))
        folder = self.packs_dir / name
        if name.startswith(".") or folder.is_symlink() or not folder.is_dir():
            return None
        try:
            real = folder.resolve(strict=True)
            if real.parent != self.packs_dir.resolve(strict=True):
                return None
            for kept in (self.assets_dir, *self.bundled_dirs):
                other = kept.resolve()
                if real.is_relative_to(other) or other.is_relative_to(real):
                    return None
            entries = list(self.packs_dir.iterdir())
        except (OSError, RuntimeError):
            return None
        for path in entries:
            if (
                path == found.path
                or path.name.startswith(".")
                or path.suffix.lower() not in PACK_SUFFIXES
            ):
                continue
            if path.is_symlink() and not _inside(path, self.packs_dir):
                if path.exists():  # a pack whose file is elsewhere: it may name it
                    return None
                continue
            if path.is_file() and _names_inside(path, folder):
                return None
        return folder

    def undo(self, undo: str) -> str:
        """Put back the pack deleted with the key ``undo`` (and its pictures folder when it
        went with it); return its ref. Raises :class:`PackNotFound` for an unknown key,
        :class:`WorkspaceRefused` (code ``taken``) when a pack file or a folder of the same
        name was made since (nothing is put back then)."""
        if not _UNDO.match(undo):
            raise PackNotFound(undo)
        place = self.trash_dir / undo
        try:
            entries = list(place.iterdir())
        except OSError:
            raise PackNotFound(undo) from None
        kept = [path for path in entries if path.is_file() and not path.is_symlink()]
        folders = [path for path in entries if path.is_dir() and not path.is_symlink()]
        if (
            len(kept) != 1
            or not _PACK_NAME.match(kept[0].name)
            or len(folders) > 1
            or len(kept) + len(folders) != len(entries)
        ):
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
        for folder in folders:
            if os.path.lexists(self.packs_dir / folder.name):
                raise WorkspaceRefused(
                    message(
                        "{file} cannot be put back: its pictures folder {folder} has been "
                        "made again since",
                        file=target.name,
                        folder=folder.name,
                    ),
                    "taken",
                )
        moved: list[tuple[Path, Path]] = []
        for source in (*folders, kept[0]):
            try:
                os.replace(source, self.packs_dir / source.name)
            except OSError as error:
                for back_from, back_to in reversed(moved):  # all or nothing
                    with contextlib.suppress(OSError):
                        os.replace(back_from, back_to)
                raise WorkspaceRefused(_os_said(error, target), "not_written") from error
            moved.append((self.packs_dir / source.name, source))
        with contextlib.suppress(OSError):
            place.rmdir()
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
            # a picture a pack file sent with it names is that pack's (found beside it),
            # no import of its own
            named: set[str] = set()
            for path in paths:
                if path.suffix.lower() in PACK_SUFFIXES:
                    named |= _named_paths(path) or set()
            places = _places_of(Path(folder))
            for path, images in dropped_together(paths):
                if not images and _folded(os.path.normpath(path)) in named:
                    continue
                try:
                    outcome = import_dropped(
                        path, packs_dir=self.packs_dir, assets_dir=self.assets_dir, images=images
                    )
                except ImportRefused as refused:
                    lines += [_skipped_said(line, sent_as, places) for line in refused.skipped]
                    said, named_file = _as_sent(refused.said, sent_as, places)
                    if not named_file:  # the reason does not say which file: the line does
                        said = message("{file}: {problem}", file=sent_as[str(path)], problem=said)
                    lines.append(said)
                    continue
                lines += [_skipped_said(line, sent_as, places) for line in outcome.skipped]
                lines += [_as_sent(said, sent_as, places)[0] for said in outcome.said]
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


def _folders_to_make(folder: Path, base: Path) -> list[Path]:
    """The folders from ``base`` (not included) down to ``folder`` that are not there yet,
    outermost first: what writing a file into ``folder`` makes."""
    missing: list[Path] = []
    while folder != base and base in folder.parents and not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    return missing[::-1]


def _names_inside(path: Path, folder: Path) -> bool:
    """Whether the pack file ``path`` may name a picture inside ``folder``: a text of its
    document that, as a path from the pack's folder, leads into ``folder``
    (:func:`_named_paths`: more than the loader finds, never less). A file that cannot be
    read, or whose YAML the studio cannot open while its text has the folder's name, counts
    as naming it: its pictures are never taken away."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    if _folded(folder.name) not in _folded(text):
        return False
    named = _named_paths(path)
    if named is None:
        return True
    inside = _folded(os.path.normpath(folder))
    return any(one == inside or one.startswith(inside + os.sep) for one in named)


def _named_paths(path: Path) -> set[str] | None:
    """Every text of the pack file ``path``'s document read as a path from the pack's
    folder (``\\`` as ``/``, normalised, in one Unicode form and either case: compare
    with :func:`_folded` paths), so every picture it names is among them; None when the
    studio cannot open its YAML."""
    from clarity.studio.documents import DocumentUnreadable, open_document  # noqa: PLC0415

    try:
        document = open_document(path)
    except (DocumentUnreadable, RecursionError, ValueError):
        return None
    base = path.parent
    named: set[str] = set()
    stack: list[object] = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and value.strip() and "\x00" not in value:
            named.add(_folded(os.path.normpath(base / value.strip().replace("\\", "/"))))
    return named


def _folded(text: str | Path) -> str:
    """``text`` in one Unicode form (NFC) and case: names compared loosely."""
    import unicodedata  # noqa: PLC0415

    return unicodedata.normalize("NFC", str(text)).casefold()


def _last_part(name: str) -> str:
    """The last part of a file name a browser sent, whatever its folders (``/`` or ``\\``)."""
    name = name.replace("\x00", "")
    return re.split(r"[/\\]", name)[-1] or "file"


def _same_bytes(one: Path, other: Path) -> bool:
    try:
        return one.read_bytes() == other.read_bytes()
    except OSError:
        return False


def _places_of(folder: Path) -> tuple[str, ...]:
    """The spellings of the import's own folder ``folder`` (as made, and with links
    followed), longest first."""
    places = {str(folder)}
    with contextlib.suppress(OSError, RuntimeError):
        places.add(str(folder.resolve()))
    return tuple(sorted(places, key=len, reverse=True))


def _as_sent(
    said: Message, sent_as: dict[str, str], places: Sequence[str] = ()
) -> tuple[Message, bool]:
    """``said`` with each path of a file written for the import (a folder of its own in
    the system's temporary folder, spelled as in ``places``) as the name the teacher sent
    it under, and whether it named one: a path inside that folder is said from it
    (``pictures/cat.png``), the folder itself as "the files you sent". Its texts are the
    import's own values (paths and names, never translated); a message inside it is gone
    through the same way."""
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
            for place in places:
                if text == place:
                    # Translators: where the studio looked for a picture of a pack being
                    # imported: "no picture "x.png" next to the pack (the files you sent)"
                    return message("the files you sent")
                for separator in {os.sep, "/"}:
                    text = text.replace(place + separator, "")
                text = text.replace(place, "the files you sent")
            return text if isinstance(value, str) or text != str(value) else value
        return value

    result = as_sent(said)
    assert isinstance(result, Message)
    return result, named


def _skipped_said(line: SkippedLine, sent_as: dict[str, str], places: Sequence[str]) -> Message:
    name = sent_as.get(str(line.path), line.path.name)
    place = f"{name}:{line.line}:{line.column}"
    reason = _as_sent(line.reason, sent_as, places)[0]
    if line.kind == "skipped":
        return message("{place}: skipped: {reason}", place=place, reason=reason)
    return message("{place}: note: {reason}", place=place, reason=reason)


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
