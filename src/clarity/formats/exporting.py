"""A pack out to another tool: GIFT for Moodle, an Anki deck, a web page that plays it.

:func:`export_pack` takes a pack as the game loaded it (its pictures found) and writes one
file, whole or not at all (:mod:`clarity.atomic_files`): the writers themselves are
:func:`clarity.formats.gift.write_gift` (text, written here as UTF-8 without a byte-order
mark, which Moodle reads), :func:`clarity.formats.anki.write_apkg` (it writes its own
file atomically) and :func:`clarity.formats.web.build_web_game` (one HTML page, UTF-8,
played with the :class:`~clarity.core.scoring.ScoringRules` given: the game's own settings).
An export never writes over the pack it exports, nor over one of its pictures
(:func:`overwrites_pack`): a teacher's ``-o`` that names the pack would lose it; nor into
the game's packs folders (:func:`into_packs_folder`), where it would replace another pack
or its picture, or be listed as a broken pack.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.atomic_files import write_replacing
from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.loader import LoadedPack

if TYPE_CHECKING:
    from clarity.core.scoring import ScoringRules

EXPORT_FORMATS = ("gift", "anki", "html")
#: The file ending each export is written with when no file is named.
EXPORT_SUFFIXES = {"gift": ".gift", "anki": ".apkg", "html": ".html"}


class ExportRefused(Exception):
    """The pack cannot be exported (it does not load, the format is unknown, or a picture
    cannot be read any more: changed or removed since the pack was checked); ``said``
    says why, one line for the teacher. Nothing was written."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


def default_export_name(pack_id: str, format: str) -> str:
    """``<id>.gift``, ``<id>.apkg`` or ``<id>.html``."""
    return pack_id + EXPORT_SUFFIXES[format]


def overwrites_pack(loaded: LoadedPack, target: Path) -> Message | None:
    """Why writing ``target`` would write over ``loaded``'s own file or one of its pictures
    (the same file by any name: a link, another case on a case-blind disk), else None.

    A file that does not exist yet is none of them. A file that cannot be looked at (no
    permission) is taken as none: writing it then fails with its own reason.
    """
    if not target.exists():
        return None
    if _same_file(target, loaded.path):
        # Translators: {file} is the path the export was asked to write
        return message(
            "{file} is the pack being exported; write the export to another file",
            file=str(target),
        )
    for picture in dict.fromkeys(loaded.images.values()):
        if _same_file(target, picture):
            return message(
                "{file} is a picture of the pack being exported; write the export to another file",
                file=str(target),
            )
    return None


def into_packs_folder(target: Path, folders: Sequence[Path]) -> Message | None:
    """Why ``target`` may not be written: it lies in (or below) one of the game's pack
    ``folders`` (the teacher's packs folder, the game's own packs and pictures), by any
    path (a link to it too); else None.

    An export is a file for another program (Moodle, Anki, a browser): in a packs folder the
    game would list it as a broken pack, and it could replace another installed pack or one
    of its pictures. A folder that cannot be looked at is taken as none.
    """
    try:
        written = target.resolve()
    except (OSError, RuntimeError):  # a link loop: writing it fails with its own reason
        return None
    for folder in folders:
        try:
            place = folder.resolve()
        except (OSError, RuntimeError):
            continue
        if written == place or place in written.parents:
            # Translators: {folder} is the packs folder's path
            return message(
                "{file} is in the game's packs folder {folder}; an export is a file for another "
                "program (Moodle, Anki, a browser): write it outside that folder",
                file=str(target),
                folder=str(folder),
            )
    return None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # the other is gone, or cannot be looked at
        return False


def export_pack(
    loaded: LoadedPack, format: str, target: Path, *, rules: ScoringRules | None = None
) -> Path:
    """Write ``loaded``'s pack to ``target`` in ``format`` (one of :data:`EXPORT_FORMATS`);
    return ``target``. ``rules`` are the scoring rules the web page plays with (None: the
    game's defaults); GIFT and Anki have no scoring and take none.

    Raises :class:`ExportRefused` for a pack with errors, a ``target`` that is the pack's
    own file or one of its pictures (:func:`overwrites_pack`), an unknown format or a
    picture that cannot be read (missing, or no picture: changed since the pack loaded),
    and :class:`clarity.atomic_files.FileNotWritten` (an OSError) when the file cannot be
    written; either way a file already at ``target`` is as it was. Any other file at
    ``target`` is replaced: the caller asks first.
    """
    pack = loaded.pack
    if pack is None:
        raise ExportRefused(
            message("{file} has errors; run clarity validate on it", file=str(loaded.path))
        )
    clash = overwrites_pack(loaded, target)
    if clash is not None:
        raise ExportRefused(clash)
    if format == "gift":
        from clarity.formats.gift import write_gift  # noqa: PLC0415 - only the format asked

        write_replacing(target, write_gift(pack).encode("utf-8"))
    elif format == "anki":
        from clarity.formats.anki import write_apkg  # noqa: PLC0415

        write_apkg(pack, loaded.images, target)
    elif format == "html":
        from clarity.formats.web import build_web_game  # noqa: PLC0415

        try:
            if rules is None:
                page = build_web_game(pack, loaded.images)
            else:
                page = build_web_game(pack, loaded.images, rules=rules)
        except OSError as error:  # PIL.UnidentifiedImageError is one too
            raise ExportRefused(_picture_said(loaded, error)) from error
        write_replacing(target, page.encode("utf-8"))
    else:
        raise ExportRefused(
            message(
                "{format} is not a format the game exports; it exports {formats}",
                format=format,
                formats=", ".join(EXPORT_FORMATS),
            )
        )
    return target


def export_losses(loaded: LoadedPack, format: str, target: Path) -> tuple[Message, ...]:
    """One line each for what the export of ``loaded`` to ``format`` (written to
    ``target``) could not keep, for the teacher: for GIFT the mystery pictures of the
    rounds, the time limits (only comments, which ``clarity import`` reads back) and the
    count of questions that lost something (:func:`clarity.formats.gift.gift_losses`).
    Nothing for the other formats, or a pack with errors."""
    pack = loaded.pack
    if pack is None or format != "gift":
        return ()
    from clarity.formats.gift import gift_losses  # noqa: PLC0415 - only the format asked

    losses = gift_losses(pack)
    said: list[Message] = []
    if losses.rounds:
        said.append(
            plural_message(
                "the mystery picture of its {count} round is not in it: Moodle has no "
                "mystery-picture rounds",
                "the mystery pictures of its {count} rounds are not in it: Moodle has no "
                "mystery-picture rounds",
                losses.rounds,
            )
        )
    if losses.timed:
        said.append(
            message(
                "the time limits are only comments in it: Moodle has no time per question "
                "(set the quiz's own time); clarity import reads them back"
            )
        )
    if losses.questions:
        said.append(
            plural_message(
                "{count} question lost something GIFT cannot hold: see the comments in {file}",
                "{count} questions lost something GIFT cannot hold: see the comments in {file}",
                len(losses.questions),
                file=str(target),
            )
        )
    return tuple(said)


def _picture_said(loaded: LoadedPack, error: OSError) -> Message:
    """One line for a picture the web page could not take: the first of the pack's
    pictures that cannot be read or opened, named, else the error's own words."""
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415 - only on this failure

    for path in dict.fromkeys(loaded.images.values()):
        try:
            with Image.open(path) as picture:
                picture.load()
        except UnidentifiedImageError:
            return message(
                "{file}: this file is not a picture any more; put the picture back and "
                "export again",
                file=str(path),
            )
        except OSError as problem:
            # Translators: {reason} is the system's own words (No such file or directory)
            return message(
                "{file}: the picture cannot be read: {reason}",
                file=str(path),
                reason=problem.strerror or str(problem) or type(problem).__name__,
            )
    return message(
        "a picture of the pack cannot be read: {reason}",
        reason=error.strerror or str(error) or type(error).__name__,
    )
