"""A picture dropped into the Teacher Studio: checked, named safely, put beside its pack.

:func:`accept_picture` takes the bytes a browser sent and the name it sent with them, and
either keeps them as a picture of the pack or refuses them with the reason a teacher reads.
The rules:

- **checked like every pack picture**: by :func:`clarity.core.packs.picture_decoding.
  check_picture`, as ``clarity validate`` and the game check one: at most
  :data:`~clarity.core.packs.picture_decoding.MAX_PICTURE_BYTES`, a PNG, JPEG, GIF or WebP
  by its bytes (whatever its name says), one frame, at most
  :data:`~clarity.core.packs.picture_decoding.MAX_PICTURE_SIDE` pixels a side (read from
  the header before any pixel is decoded: a decompression bomb is refused unopened), and
  every pixel decoded;
- **scaled down when larger than the game shows**, as ``clarity import --image`` copies a
  picture (a phone's 48-megapixel photo, a 6000x6000 scan): a picture of at most
  50 million pixels and 16,384 a side whose larger side is over the game's largest is
  turned upright and scaled down to it, its shape and its format kept, by the import's own
  function (:func:`clarity.formats.importing.scaled_down`); the picture kept says so
  (:attr:`AcceptedPicture.note`). Larger ones are refused, read no further than their
  header;
- **named safely**: the name is the last part of what the browser sent (never a folder:
  ``../../x.png``, ``C:\\x.png`` and ``/etc/x.png`` are ``x.png``), its letters made Latin
  and a slug (:func:`clarity.formats.slugs.slug`: ``Мой кот.PNG`` -> ``moy-kot``), with the
  ending of the format the bytes really are in (a JPEG named ``.png`` is ``.jpg``); a name
  Windows keeps for devices (``con``, ``nul``, ``com1`` ...) gets ``-picture`` after it;
- **put beside the pack**: in ``<pack folder>/<pack id>/`` (as ``clarity import`` puts
  them), the picture's text in the pack ``<pack id>/<name>``. The same bytes already
  there under any name are that picture (nothing is written twice); another picture of
  the same name makes the name ``name-2`` ... The folder must be a real folder inside the
  pack's (a symbolic link there is refused): nothing is ever written outside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from clarity.core.messages import Message, message
from clarity.core.packs.picture_decoding import (
    MAX_PICTURE_BYTES,
    MAX_PICTURE_SIDE,
    PictureError,
    PictureInfo,
    check_picture,
    pixel_size,
)

#: The ending a picture gets, by the format its bytes are in.
SUFFIX_OF_FORMAT = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WebP": ".webp"}
#: Names Windows keeps for devices, with any ending (Microsoft's "Naming Files, Paths, and
#: Namespaces": CON, PRN, AUX, NUL, COM0-9, LPT0-9 and their superscript-digit forms).
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$", re.IGNORECASE)
_PACK_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NAME_LIMIT = 60  # characters of a picture's stem
_MAX_NUMBERED = 999


@dataclass(frozen=True, slots=True)
class AcceptedPicture:
    """A picture kept: ``image`` its text for the pack (``pack-id/name.png``), ``path`` its
    file, ``width`` and ``height`` its upright size in pixels; ``note`` what was changed
    for the game to take it (scaled down: the sizes before and after), None when it is
    kept as sent."""

    image: str
    path: Path
    width: int
    height: int
    note: Message | None = None


class PictureRefused(Exception):
    """The picture is not kept; ``said`` is why, one line for the teacher."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


def accept_picture(
    pack_path: Path,
    pack_id: str,
    filename: str,
    data: bytes,
    *,
    max_bytes: int = MAX_PICTURE_BYTES,
) -> AcceptedPicture:
    """Keep ``data`` (sent as ``filename``) as a picture of the pack file ``pack_path``
    whose id is ``pack_id`` (its stem's slug when that is no id), by the rules of the module
    docstring. Raises :class:`PictureRefused` with the reason: not a picture the game shows
    (fake, animated, damaged, too many pixels), more than ``max_bytes``, or a folder that
    cannot be written."""
    from clarity.formats.slugs import slug  # noqa: PLC0415

    if not data:
        raise PictureRefused(
            message("the file is empty (0 bytes): copy or download the picture again")
        )
    if len(data) > max_bytes:
        raise PictureRefused(
            message(
                "the file is larger than a picture the game takes ({limit} MiB at most)",
                limit=max_bytes // (1024 * 1024),
            )
        )
    info, data, note = _fitted(data)
    suffix = SUFFIX_OF_FORMAT[info.format.value]
    folder_name = picture_folder_name(pack_path, pack_id)
    pack_folder = pack_path.parent
    folder = pack_folder / folder_name
    _check_folder(folder, pack_folder)
    stem = slug(_stem_of(filename), limit=_NAME_LIMIT) or "picture"
    if _WINDOWS_DEVICES.match(stem):
        stem += "-picture"
    name = _same_picture(folder, data) or _free_name(folder, stem, suffix)
    target = folder / name
    if not target.exists():
        _write(folder, pack_folder, target, data)
    return AcceptedPicture(f"{folder_name}/{name}", target, info.width, info.height, note)


def picture_folder_name(pack_path: Path, pack_id: str) -> str:
    """The name of the pack's own pictures folder beside the pack file ``pack_path`` whose
    id is ``pack_id``: the id (as ``clarity import`` names it), else the slug of the
    file's name without its ending, else ``pictures``."""
    from clarity.formats.slugs import slug  # noqa: PLC0415

    return pack_id if _PACK_ID.match(pack_id) else slug(pack_path.stem) or "pictures"


def _fitted(data: bytes) -> tuple[PictureInfo, bytes, Message | None]:
    """The picture as the pack keeps it: its format and upright size, its bytes (scaled
    down when a side is over the game's largest, as ``clarity import`` scales one) and
    what was changed, said. Raises :class:`PictureRefused`."""
    from clarity.formats.importing import (  # noqa: PLC0415 - the import's own scaling
        LARGEST_SIDE_SCALED,
        MOST_PIXELS_SCALED,
        scaled_down,
    )

    try:
        info = _checked(data, max_side=LARGEST_SIDE_SCALED, decode=False)
    except PictureRefused:  # said with the game's own largest size
        info = _checked(data, max_side=MAX_PICTURE_SIDE, decode=False)
    large = max(info.width, info.height) > MAX_PICTURE_SIDE
    if not large or info.width * info.height > MOST_PIXELS_SCALED:
        return _checked(data, max_side=MAX_PICTURE_SIDE), data, None
    try:
        scaled = scaled_down(data, info.format.value, MAX_PICTURE_SIDE)
    except (OSError, ValueError, SyntaxError) as error:  # Pillow's words for a bad file
        raise PictureRefused(
            message("the picture cannot be read: {reason}", reason=str(error))
        ) from None
    fitted = _checked(scaled, max_side=MAX_PICTURE_SIDE)
    note = message(
        # Translators: {size} and {scaled} are width x height in pixels: 6000x4000.
        "scaled down from {size} to {scaled} pixels, the largest the game shows",
        size=pixel_size(info.width, info.height),
        scaled=pixel_size(fitted.width, fitted.height),
    )
    return fitted, scaled, note


def _checked(data: bytes, *, max_side: int, decode: bool = True) -> PictureInfo:
    """The picture's format and size, checked as the game checks a pack's picture (from a
    file: the checks read a file, so that the game's and validate's are the same), at most
    ``max_side`` pixels a side; ``decode=False``: its header only."""
    handle, name = tempfile.mkstemp(prefix="clarity-picture-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return check_picture(Path(name), max_side=max_side, decode=decode)
    except PictureError as refused:
        raise PictureRefused(refused.message) from None
    except OSError as error:
        raise PictureRefused(
            message("the picture cannot be read: {reason}", reason=error.strerror or str(error))
        ) from None
    finally:
        os.unlink(name)


def _stem_of(filename: str) -> str:
    """The name a browser sent without its folders (``/`` or ``\\``), NUL and ending."""
    last = re.split(r"[/\\]", filename.replace("\x00", ""))[-1]
    stem, dot, _ = last.rpartition(".")
    return stem if dot and stem else last


def _check_folder(folder: Path, pack_folder: Path) -> None:
    """Refuse a pictures folder that is a symbolic link or a file, or not in the pack's."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise PictureRefused(
            message("{folder} is not a folder the studio may put pictures in", folder=folder.name)
        )
    try:
        inside = folder.resolve().parent == pack_folder.resolve()
    except OSError:
        inside = False
    if not inside:
        raise PictureRefused(
            message("{folder} is not a folder the studio may put pictures in", folder=folder.name)
        )


def _same_picture(folder: Path, data: bytes) -> str | None:
    """The name of a regular file in ``folder`` with exactly ``data``, else None."""
    digest = hashlib.sha256(data).digest()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return None
    for path in entries:
        try:
            if (
                not path.is_symlink()
                and path.is_file()
                and path.stat().st_size == len(data)
                and hashlib.sha256(path.read_bytes()).digest() == digest
            ):
                return path.name
        except OSError:
            continue
    return None


def _free_name(folder: Path, stem: str, suffix: str) -> str:
    for number in range(1, _MAX_NUMBERED + 1):
        name = f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}"
        if not os.path.lexists(folder / name):
            return name
    raise PictureRefused(
        message("{folder} has too many pictures named {name}", folder=folder.name, name=stem)
    )


def _write(folder: Path, pack_folder: Path, target: Path, data: bytes) -> None:
    from clarity.atomic_files import FileNotWritten, write_replacing  # noqa: PLC0415

    made = False  # whether this picture made the folder: a failed one takes it away
    try:
        try:
            folder.mkdir()
            made = True
        except FileExistsError:
            pass
        _check_folder(folder, pack_folder)  # made by someone else meanwhile: checked again
        write_replacing(target, data)
    except FileNotWritten as error:
        _unmade(folder, made)
        raise PictureRefused(error.said) from error
    except OSError as error:
        _unmade(folder, made)
        raise PictureRefused(
            message(
                "{file} cannot be written: {reason}",
                file=target.name,
                reason=error.strerror or str(error),
            )
        ) from error
    except PictureRefused:
        _unmade(folder, made)
        raise


def _unmade(folder: Path, made: bool) -> None:
    """Take away the folder a failed picture made (a full disk), when it is still empty:
    a folder of nothing left in the packs folder is clutter the teacher did not ask for."""
    if made:
        with contextlib.suppress(OSError):  # not empty (someone else's picture): kept
            folder.rmdir()
