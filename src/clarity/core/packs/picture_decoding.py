"""One way to read a pack's picture, for ``clarity validate`` and for the game alike.

A picture goes through the same steps wherever it is opened, so what validate accepts is
what the game shows:

1. the file: a regular file of at most ``max_bytes`` (opened without blocking, so a FIFO
   named like a picture is refused instead of waiting for ever);
2. the header (Pillow, limited to PNG, JPEG, GIF and WebP): the format, and the size
   Pillow will decode to. For a GIF that is the logical screen grown to hold the frame, so
   a frame larger than its screen, or a screen larger than its frame, counts at the size
   that would really be allocated. Both sides must be at most ``max_side`` pixels, checked
   BEFORE any pixel is decoded (a 62-byte GIF can claim 65535x65535);
3. one picture, not a film: an animated GIF, PNG (APNG) or WebP is refused as soon as a
   second frame is seen (never counted: a 128 MiB GIF holds 8.9 million frames). A phone's
   MPO JPEG (the photo plus a depth or preview image) is a photo: its first image is used;
4. every pixel decoded (``ImageFile.LOAD_TRUNCATED_IMAGES`` stays off), so a file cut
   short or damaged is found here and not as a grey half in the middle of a lesson;
5. upright: the EXIF orientation a phone writes is applied (``ImageOps.exif_transpose``),
   so the width and height are those of the photo as every viewer shows it;
6. 8 bits a sample, every kind of transparency made an alpha channel: a palette's or a
   colour's transparent entry (tRNS), 16-bit pictures' too, matched on all 16 bits;
7. the colours a screen shows: a picture with an embedded ICC profile (Display P3 from a
   phone, Adobe RGB from a camera, a CMYK JPEG's press profile) is converted to sRGB by
   littlecms (Pillow's ``ImageCms``), as browsers and viewers do; a profile that cannot
   be read, or is for another kind of picture, is ignored and the colours are shown as
   stored, as a viewer without colour management would (never an error);
8. opaque RGB: transparent pixels are drawn over a solid ``background`` colour.

Every step is bounded by the file, not only by its pixels: Pillow walks a file's chunks
(PNG), markers (JPEG) and blocks (GIF) one by one in Python, so a file made of millions of
empty ones would take a minute; at most :data:`MAX_FILE_READS` reads are made of a file
(a 4096x4096 picture needs a few thousand, a 128 MiB GIF of 255-byte blocks a million), and
a file that needs more is refused as no picture a program saves.

A reason is in a teacher's words (cut short, damaged, empty, animated, too large); what
Pillow said is kept in brackets only where no known case fits (:func:`_damaged`).

Pillow does the reading: the well-kept library for picture headers, EXIF and decoding,
with its own guard against decompression bombs.

What it cannot see: a JPEG whose compressed data has bytes changed in the middle decodes
with libjpeg's "Corrupt JPEG data" warnings, which Pillow's decoder silences
(``output_message`` is a no-op in its ``JpegDecode.c``; a maintainer confirmed in
python-pillow/Pillow#9106, 2025, that there is no way to make them errors); such a
picture passes and shows garbled where the damage is. Pure: no pygame here; the game hands
:class:`DecodedPicture`'s bytes to pygame.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import struct
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from clarity.core.messages import N_, Message, message, plural_message

if TYPE_CHECKING:
    from PIL import Image

# Pillow is imported where a picture is read, not with this module: the game's title screen
# reads none, and its first frame should not wait some 10 ms for Pillow to load.

Colour = tuple[int, int, int]


class PictureFormat(StrEnum):
    PNG = "PNG"
    JPEG = "JPEG"
    GIF = "GIF"
    WEBP = "WebP"


# The file-name endings a pack may use, and the format each one promises.
FORMAT_BY_SUFFIX: dict[str, PictureFormat] = {
    ".png": PictureFormat.PNG,
    ".jpg": PictureFormat.JPEG,
    ".jpeg": PictureFormat.JPEG,
    ".gif": PictureFormat.GIF,
    ".webp": PictureFormat.WEBP,
}

MIB = 1024 * 1024
# A 4096x4096 photo is a few MiB as JPEG and at most about 64 MiB as a noisy PNG; a file
# far larger is no picture a pack needs, and WebP is read whole into memory to be opened.
MAX_PICTURE_BYTES = 128 * MIB
MAX_PICTURE_SIDE = 4096  # pixels a side: what a pack may hold, and what the game decodes
# Reads Pillow may make of one file. A 4096x4096 JPEG takes some 2,000 (64 KiB at a time);
# a 4096x4096 noisy 16-bit PNG in libpng's 8 KiB chunks about 70,000 (four a chunk); the
# largest one-frame GIF (4096x4096 noise, 24 MiB of 255-byte blocks, walked in Python to
# look for a second frame) about 200,000. A file of nothing but empty PNG chunks costs
# Pillow 2 us a read: the limit keeps any file under about 0.6 s.
MAX_FILE_READS = 300_000
# Scans of a progressive JPEG. Encoders write about 10 (libjpeg 10, mozjpeg up to some 20);
# libjpeg goes over the whole picture for each one, even an empty repeat, and Pillow gives
# no way to cap them: a 130 KB 4096x4096 JPEG of 1,000 repeated scans took 8 s to decode.
MAX_JPEG_SCANS = 100
_USUAL_JPEG_SCANS = 10
_START_OF_SCAN = b"\xff\xda"

# Pillow's names for the formats it may open here ("MPO" is a JPEG with extra images).
_PILLOW_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
_FORMAT_BY_PILLOW = {
    "PNG": PictureFormat.PNG,
    "JPEG": PictureFormat.JPEG,
    "MPO": PictureFormat.JPEG,
    "GIF": PictureFormat.GIF,
    "WEBP": PictureFormat.WEBP,
}
# Greyscale with more than 8 bits a sample (a 16-bit PNG).
_WIDE_GREY_MODES = frozenset({"I", "I;16", "I;16L", "I;16B", "I;16N"})
_ALPHA_MODES = frozenset({"RGBA", "LA", "PA", "RGBa", "La"})
# The modes the colour step takes, and the ICC colour space that fits each one.
_PROFILE_SPACE = {"L": "GRAY", "LA": "GRAY", "RGB": "RGB ", "RGBA": "RGB ", "CMYK": "CMYK"}
_SCREEN_MODES = frozenset(_PROFILE_SPACE)
_EXIF_ORIENTATION = 0x0112
_QUARTER_TURNS = frozenset({5, 6, 7, 8})  # the orientations that swap width and height
_BAND_BYTES = 4 * MIB  # the rows copied out at a time
_EXIF_DAMAGE = (OSError, SyntaxError, ValueError, TypeError, KeyError, struct.error)


class PictureError(ValueError):
    """The file cannot be shown as a picture; :attr:`message` says why, for the teacher.

    ``message`` is a core :class:`~clarity.core.messages.Message`, rendered in the
    interface's language by whoever shows it; ``str()`` is its English. It reads after the
    picture's ``file:line:col``: "the picture is cut short: ...".
    """

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class NotAPicture(PictureError):
    """The file holds no PNG, JPEG, GIF or WebP picture at all (a web page, a PDF...)."""


class _TooManyReads(Exception):
    """Raised from inside Pillow by :class:`_BoundedReads`: not an ``OSError`` or
    ``EOFError``, which Pillow catches to mean "no more frames" or "cut short"."""


_NOT_A_PICTURE = message("the file is not a PNG, JPEG, GIF or WebP image")
# Translators: {format} is HEIC, HEIF or AVIF, the kind of photo file a phone saves.
_PHOTO_NOT_READ = N_(
    "the file is a photo in {format} format (as phones save them), not a PNG, JPEG, GIF or WebP "
    "image; export it as JPEG"
)
# ISO base media files (ISO/IEC 14496-12) start with a "ftyp" box naming the file's brand:
# HEIF (ISO/IEC 23008-12) as iPhones save photos, and AVIF (AV1 Image File Format 1.0).
_PHOTO_BRANDS = {
    b"heic": "HEIC",
    b"heix": "HEIC",
    b"heim": "HEIC",
    b"heis": "HEIC",
    b"hevc": "HEIC",
    b"hevx": "HEIC",
    b"mif1": "HEIF",
    b"msf1": "HEIF",
    b"avif": "AVIF",
    b"avis": "AVIF",
}


def _not_a_picture(file: BinaryIO) -> Message:
    """The message for a file Pillow does not recognise: a phone's HEIC or an AVIF photo
    is named by its first bytes, with what to do about it."""
    try:
        file.seek(0)
        head = file.read(12)
    except OSError:
        return _NOT_A_PICTURE
    found = _PHOTO_BRANDS.get(head[8:12]) if head[4:8] == b"ftyp" else None
    if found is None:
        return _NOT_A_PICTURE
    return message(_PHOTO_NOT_READ, format=found)


def named_not_a_picture(refusal: Message, suffix: str) -> Message:
    """``refusal`` (a :class:`NotAPicture`'s message) saying what the file's name promised:
    ``suffix`` is its ending as written (``.png``), put before the fix."""
    if refusal.template == _PHOTO_NOT_READ:
        return message(
            # Translators: {format} is HEIC, HEIF or AVIF; {suffix} the file name's ending (.png).
            "the file is a photo in {format} format (as phones save them), not a PNG, JPEG, "
            "GIF or WebP image (the name ends in {suffix}); export it as JPEG",
            format=refusal.values["format"],
            suffix=suffix,
        )
    # Translators: {suffix} is the file name's ending as written (.png, .jpg).
    return message(
        "the file is not a PNG, JPEG, GIF or WebP image (the name ends in {suffix})",
        suffix=suffix,
    )


_NO_MEMORY = message("the picture needs more memory to decode than this computer has free")
_EMPTY = message("the file is empty (0 bytes): copy or download the picture again")
_ANIMATED = message(
    "the picture is animated (more than one frame); the game shows one still picture, "
    "so save one frame as PNG or JPEG"
)
_CUT_SHORT = message(
    "the picture is cut short: the file ends before its last pixels "
    "(copy or download it again, or save it again from a picture editor)"
)
_DAMAGED = message(
    "the picture is damaged: some of its bytes are wrong (copy or download it again, or open "
    "it in a picture editor and save it again)"
)
_MIXED_UP = message(
    "the picture is damaged: its header and its pixels disagree about its size (copy or "
    "download it again, or open it in a picture editor and save it again)"
)
_UNUSUAL_JPEG = message(
    "the picture is a kind of JPEG that viewers rarely read (more than 8 bits a colour, or "
    "unusual colour layers); open it in a picture editor and save it again as an ordinary JPEG"
)
# What Pillow (and zlib, libjpeg, libwebp under it) says, in lower case, and the reason in
# a teacher's words; the first entry found in the message wins.
_REASONS: tuple[tuple[str, Message], ...] = (
    ("truncated", _CUT_SHORT),  # "image file is truncated", "Truncated File Read"...
    ("not enough image data", _CUT_SHORT),
    ("incomplete checksum", _CUT_SHORT),
    ("no more images", _CUT_SHORT),  # the file ends before its first frame
    ("image not found in", _CUT_SHORT),
    ("unpack requires a buffer", _CUT_SHORT),  # a header field read past the end
    ("tile cannot extend outside image", _MIXED_UP),  # a GIF frame outside its screen
    ("size must be positive", _MIXED_UP),
    ("buffer is not large enough", _MIXED_UP),
    ("buffer overrun", _MIXED_UP),
    ("-bit layers", _UNUSUAL_JPEG),
    ("-layer images", _UNUSUAL_JPEG),
    ("out of memory", _NO_MEMORY),
    ("broken data stream", _DAMAGED),  # zlib's or libjpeg's data does not make sense
    ("unrecognized data stream contents", _DAMAGED),
    ("decoding error", _DAMAGED),
    ("broken png file", _DAMAGED),  # a chunk's checksum is wrong
    ("while decompressing data", _DAMAGED),  # zlib's own words
    ("unknown filter category", _DAMAGED),
    ("unknown compression method", _DAMAGED),
    ("bad quantization table", _DAMAGED),
    ("no marker found", _DAMAGED),
    ("malformed mp", _DAMAGED),
    ("malformed mpo", _DAMAGED),
    ("cannot load this image", _DAMAGED),  # no pixel data where the header says
    ("codec configuration error", _DAMAGED),
    ("apng contains", _DAMAGED),
    ("apng missing", _DAMAGED),
    ("tile offset cannot be negative", _DAMAGED),
    ("too large for pngimageplugin", _DAMAGED),  # a text note larger than Pillow reads
)
# libwebp says only these, whether the file is cut short or damaged; the RIFF header's
# length tells which (:func:`_webp_reason`).
_WEBP_UNREADABLE = (
    "could not create decoder object",
    "failed to read next frame",
    "failed to decode next frame",
)


@dataclass(frozen=True, slots=True)
class PictureInfo:
    """What validate learns from a picture: its format and its upright size in pixels."""

    format: PictureFormat
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class DecodedPicture:
    """An upright, opaque picture: ``rgb`` holds ``width * height`` pixels of 3 bytes
    (red, green, blue), row after row from the top left; a ``bytearray``, so a screen can
    take it as a buffer without another copy."""

    format: PictureFormat
    width: int
    height: int
    rgb: bytearray


def check_picture(
    path: Path, *, max_side: int, decode: bool = True, max_bytes: int = MAX_PICTURE_BYTES
) -> PictureInfo:
    """Open the picture at ``path`` as the game would, and drop the pixels.

    Returns its format and upright size in pixels. Raises :class:`PictureError` when the
    game could not show it: not a picture (:class:`NotAPicture`), too large, animated,
    cut short or damaged. With ``decode=False`` only the file and its header are read
    (format, size, frames, orientation): a quick look that cannot find a file cut short.

    Peak memory while decoding is one picture's: about 12 bytes a pixel at most, some
    200 MiB at 4096x4096, given back before it returns.
    """
    if not decode:
        with _opened(path, max_side, max_bytes) as (found, image, _):
            width, height = _upright_size(image)
        return PictureInfo(found, width, height)
    found, image = _upright_rgb(path, max_side, max_bytes, (0, 0, 0))
    return PictureInfo(found, image.width, image.height)


@dataclass(frozen=True, slots=True)
class _Refusal:
    """A :class:`PictureError` as kept by :class:`PictureChecks`: its kind and message."""

    kind: type[PictureError]
    message: Message


@dataclass(frozen=True, slots=True)
class CheckedPicture:
    """One verdict of :class:`PictureChecks`, as plain data for keeping between runs.

    The file's identity: ``path`` (resolved), ``device`` and ``inode`` (0 where the system
    has none), ``size`` in bytes and ``mtime_ns`` (modification time, nanoseconds). The
    check: ``max_side`` (pixels), ``max_bytes`` and whether every pixel was ``decoded``.
    The verdict: ``info`` for a picture the game can show, else ``refusal``, the teacher's
    reason (a translatable Message), with ``not_a_picture`` telling a :class:`NotAPicture`
    from another refusal.
    """

    path: str
    device: int
    inode: int
    size: int
    mtime_ns: int
    max_side: int
    max_bytes: int
    decoded: bool
    info: PictureInfo | None = None
    refusal: Message | None = None
    not_a_picture: bool = False


_FileKey = tuple[str, int, int, int, int, int, int, bool]


class PictureChecks:
    """:func:`check_picture` done once per picture file, however many packs name it and
    however they spell it (``bomb.gif``, ``./bomb.gif``, a link to it).

    A result is kept by the file itself: its path, device and inode, its size
    and modification time in nanoseconds, and the limits asked; a file changed on
    disk is a new key and is checked again, so one of these can live as long as the
    game's process. Refusals are kept too (a 128 MiB GIF refused once is refused at once
    after). At most ``max_files`` results are kept, least recently asked out. Safe to
    share between threads (a reload of the pack list may overlap the previous one).

    ``known`` seeds it with verdicts from an earlier run (:meth:`entries` of another one,
    oldest asked first); they answer only for a file whose identity is still the same.
    """

    def __init__(self, max_files: int = 20_000, known: Iterable[CheckedPicture] = ()) -> None:
        self._max_files = max_files
        self._results: OrderedDict[_FileKey, PictureInfo | _Refusal] = OrderedDict()
        self._lock = threading.Lock()
        self._checked = 0
        for entry in known:
            self._results[_key_of(entry)] = _verdict_of(entry)
            self._results.move_to_end(_key_of(entry))
        while len(self._results) > self._max_files:
            self._results.popitem(last=False)

    def __len__(self) -> int:
        return len(self._results)

    @property
    def checked(self) -> int:
        """How many files this one has opened to check (not answered from what it kept)."""
        with self._lock:
            return self._checked

    def entries(self) -> list[CheckedPicture]:
        """Every verdict kept, least recently asked first (the order ``known`` takes)."""
        with self._lock:
            kept = list(self._results.items())
        return [_entry_of(key, result) for key, result in kept]

    def check(
        self,
        path: Path,
        *,
        max_side: int,
        decode: bool = True,
        max_bytes: int = MAX_PICTURE_BYTES,
    ) -> PictureInfo:
        """:func:`check_picture` of ``path``, from what is kept when the same file was
        checked before (a full check also answers a header-only one). ``path`` is taken as
        resolved (absolute, no links: :meth:`Path.resolve`), as the picture finder has it;
        two spellings of one file meet in its inode. Raises :class:`PictureError` as
        :func:`check_picture` does."""
        try:
            info = path.stat()
        except OSError:  # gone: let the check say so
            return check_picture(path, max_side=max_side, decode=decode, max_bytes=max_bytes)
        stamp = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        full = (*stamp, max_side, max_bytes, True)
        keys = (full,) if decode else (full, (*stamp, max_side, max_bytes, False))
        with self._lock:
            for key in keys:
                if key in self._results:
                    self._results.move_to_end(key)
                    return _answer(self._results[key])
        try:
            result: PictureInfo | _Refusal = check_picture(
                path, max_side=max_side, decode=decode, max_bytes=max_bytes
            )
        except PictureError as exc:
            result = _Refusal(type(exc), exc.message)
        with self._lock:
            self._checked += 1
            self._results[keys[-1]] = result
            while len(self._results) > self._max_files:
                self._results.popitem(last=False)
        return _answer(result)


def _key_of(entry: CheckedPicture) -> _FileKey:
    return (
        entry.path,
        entry.device,
        entry.inode,
        entry.size,
        entry.mtime_ns,
        entry.max_side,
        entry.max_bytes,
        entry.decoded,
    )


def _verdict_of(entry: CheckedPicture) -> PictureInfo | _Refusal:
    if entry.info is not None:
        return entry.info
    kind = NotAPicture if entry.not_a_picture else PictureError
    return _Refusal(kind, entry.refusal or _DAMAGED)


def _entry_of(key: _FileKey, result: PictureInfo | _Refusal) -> CheckedPicture:
    if isinstance(result, PictureInfo):
        return CheckedPicture(*key, info=result)
    not_a_picture = issubclass(result.kind, NotAPicture)
    return CheckedPicture(*key, refusal=result.message, not_a_picture=not_a_picture)


def _answer(result: PictureInfo | _Refusal) -> PictureInfo:
    if isinstance(result, _Refusal):
        raise result.kind(result.message)
    return result


def decode_picture(
    path: Path,
    *,
    max_side: int,
    background: Colour,
    max_bytes: int = MAX_PICTURE_BYTES,
) -> DecodedPicture:
    """The picture at ``path`` decoded upright, its transparent parts over ``background``.

    ``max_side`` caps both sides in pixels (the pack limit, 4096); ``background`` is an
    RGB triple of 0-255. Raises :class:`PictureError` exactly when :func:`check_picture`
    would.
    """
    found, image = _upright_rgb(path, max_side, max_bytes, background)
    width, height = image.size
    # copied out a band of rows at a time: Image.tobytes() gathers its chunks and joins
    # them, holding the bytes twice (96 MiB more at 4096x4096, on top of the picture)
    rgb = bytearray(width * height * 3)
    band = max(1, _BAND_BYTES // (width * 3))
    for top in range(0, height, band):
        rows = image.crop((0, top, width, min(height, top + band))).tobytes()
        rgb[top * width * 3 : top * width * 3 + len(rows)] = rows
    return DecodedPicture(found, width, height, rgb)


def _upright_rgb(
    path: Path, max_side: int, max_bytes: int, background: Colour
) -> tuple[PictureFormat, Image.Image]:
    from PIL import Image, ImageOps  # noqa: PLC0415

    with _opened(path, max_side, max_bytes) as (found, image, stream):
        wide_key = _wide_colour_key(image)  # read before decoding: the rows' layout
        image.load()
        if wide_key is not None:
            _clear_wide_colour_key(image, stream, wide_key)
    # EXIF too damaged to say which way up: shown as stored, as most viewers do
    with suppress(*_EXIF_DAMAGE):
        ImageOps.exif_transpose(image, in_place=True)
    profile = image.info.get("icc_profile")
    # each step rebinds ``image`` so at most two copies live at once (a 4096x4096 RGBA
    # picture: 64 MiB, and 64 MiB for its flattened copy)
    try:
        image = _eight_bit(image)
        image = _screen_colours(image, profile if isinstance(profile, bytes) else None)
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, background)
            flat.paste(image, (0, 0), image)  # an RGBA mask: its alpha is the weight
            image = flat
    except MemoryError as exc:
        raise PictureError(_NO_MEMORY) from exc
    return found, image


def _eight_bit(image: Image.Image) -> Image.Image:
    """``image`` as L, LA, RGB, RGBA or CMYK, 8 bits a sample, a transparent colour or
    palette entry (PNG's tRNS, GIF's) turned into an alpha channel."""
    key = image.info.get("transparency")
    if image.mode in _WIDE_GREY_MODES:
        # Pillow's own conversion to 8 bits clips every value above 255 to white: scaled
        # instead (0-65535 to 0-255), and the transparent grey matched on its 16 bits
        wide = image if image.mode == "I" else image.convert("I")
        grey = wide.point(_wide_to_eight(), "L")
        if isinstance(key, int):
            grey.putalpha(wide.point(_clear_where(key, 65536), "L"))
        grey.info.pop("transparency", None)
        return grey
    if image.mode == "L" and isinstance(key, int):
        # kept grey (not RGBA) so that a greyscale ICC profile still applies
        image.putalpha(image.point(_clear_where(key, 256)))
        image.info.pop("transparency", None)
        return image
    if image.mode in _SCREEN_MODES and (key is None or image.mode != "RGB"):
        return image
    # palette, 1-bit, premultiplied: Pillow expands them, a transparent entry to alpha
    has_alpha = key is not None or image.mode in _ALPHA_MODES or image.mode == "PA"
    return image.convert("RGBA" if has_alpha else "RGB")


def _screen_colours(image: Image.Image, profile: bytes | None) -> Image.Image:
    """``image`` (from :func:`_eight_bit`) as RGB or RGBA in sRGB: converted from its ICC
    ``profile`` when it has one that littlecms reads and that fits it, else as stored."""
    if profile:
        converted = _through_profile(image, profile)
        if converted is not None:
            return converted
    if image.mode in ("RGB", "RGBA"):
        return image
    return image.convert("RGBA" if image.mode == "LA" else "RGB")


def _through_profile(image: Image.Image, profile: bytes) -> Image.Image | None:
    """``image`` converted from ``profile`` to sRGB, or ``None`` when the profile cannot
    be read or is not for this kind of picture (an RGB profile on a greyscale one, a
    Lab or device-link profile): such a picture is shown as stored.

    Perceptual intent, littlecms's default and the profile maker's choice for photos
    (for a matrix profile, such as Display P3 or Adobe RGB, it is relative colorimetric).
    Alpha is carried over unchanged.
    """
    from PIL import ImageCms  # noqa: PLC0415

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        if source.profile.xcolor_space != _PROFILE_SPACE[image.mode]:
            return None
        # littlecms takes grey with alpha only as grey: the alpha goes round it
        alpha = image.getchannel("A") if image.mode == "LA" else None
        colours = image.convert("L") if alpha is not None else image
        out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        transform = ImageCms.buildTransform(
            source, ImageCms.createProfile("sRGB"), colours.mode, out_mode
        )
        if colours.mode == out_mode:  # RGB and RGBA in place: no second copy
            ImageCms.applyTransform(colours, transform, inPlace=True)
            converted = colours
        else:
            converted = ImageCms.applyTransform(colours, transform)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError, KeyError):
        return None
    if converted is None:
        return None
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _wide_colour_key(image: Image.Image) -> tuple[int, int, int] | None:
    """A 16-bit RGB PNG's transparent colour (tRNS), before its pixels are decoded.

    Pillow decodes such a picture to 8 bits a sample, keeping each sample's high byte,
    and then compares those with the 16-bit colour: no pixel ever matches, so the
    transparent colour was lost. ``None`` for any other picture.
    """
    key = image.info.get("transparency")
    if (
        image.format == "PNG"
        and image.mode == "RGB"
        and isinstance(key, tuple)
        and len(image.tile) == 1
        and image.tile[0][3] == "RGB;16B"
    ):
        return key
    return None


def _clear_wide_colour_key(image: Image.Image, stream: BinaryIO, key: tuple[int, int, int]) -> None:
    """Give ``image`` (a decoded 16-bit RGB PNG) an alpha channel, clear where a pixel is
    ``key`` in all 16 bits of each sample.

    The decoded picture holds the high bytes; the low bytes come from decoding the file a
    second time with Pillow's little-endian reading of the same rows, which takes the
    other byte of each sample (the rows' filters are undone alike, the bytes a pixel
    being the same). Rare and only for these pictures: one more decoding.
    """
    from PIL import Image, ImageChops  # noqa: PLC0415

    stream.seek(0)
    with Image.open(stream, formats=("PNG",)) as low:
        low.tile = [(name, extents, offset, "RGB;16L") for name, extents, offset, _ in low.tile]
        low.load()
        same = low.point(_matching_bytes([value & 0xFF for value in key]))
    same = ImageChops.darker(same, image.point(_matching_bytes([value >> 8 for value in key])))
    red, green, blue = same.split()
    del same
    image.putalpha(ImageChops.invert(ImageChops.darker(ImageChops.darker(red, green), blue)))
    image.info.pop("transparency", None)


def _matching_bytes(colour: list[int]) -> list[int]:
    """A lookup table for an RGB picture: 255 in a band where it holds ``colour``'s byte
    for that band, else 0."""
    return [255 if value == byte else 0 for byte in colour for value in range(256)]


def _clear_where(key: int, levels: int) -> list[int]:
    """A lookup table of ``levels`` entries to an alpha: 0 at ``key``, else 255."""
    table = [255] * levels
    if 0 <= key < levels:
        table[key] = 0
    return table


@cache
def _wide_to_eight() -> list[int]:
    """A lookup table from 16-bit samples to 8 bits, rounded (65535 / 257 = 255)."""
    return [(value + 128) // 257 for value in range(65536)]


def _upright_size(image: Image.Image) -> tuple[int, int]:
    """The size once the EXIF orientation is applied, from the header alone (Pillow's
    ``getexif`` would decode a PNG to look for EXIF after the pixels)."""
    from PIL import Image  # noqa: PLC0415

    raw = image.info.get("exif")
    orientation = None
    if isinstance(raw, bytes):
        exif = Image.Exif()
        try:
            exif.load(raw)
            orientation = exif.get(_EXIF_ORIENTATION)
        except _EXIF_DAMAGE:
            orientation = None
    if orientation in _QUARTER_TURNS:
        return image.height, image.width
    return image.width, image.height


@contextmanager
def _opened(
    path: Path, max_side: int, max_bytes: int
) -> Iterator[tuple[PictureFormat, Image.Image, BinaryIO]]:
    """The picture opened, its header read and checked (file, format, size, frames), no
    pixel decoded yet, and the file it is read from (Pillow's reads of it bounded by
    :data:`MAX_FILE_READS`); what goes wrong in the ``with`` body (decoding) becomes a
    :class:`PictureError` too."""
    from PIL import Image  # noqa: PLC0415

    with _open_regular_file(path, max_bytes) as file:
        stream = _BoundedReads(file, MAX_FILE_READS)
        try:
            with Image.open(stream, formats=_PILLOW_FORMATS) as image:
                found = _FORMAT_BY_PILLOW.get(image.format or "")
                if found is None:  # a format Pillow reads but a pack may not hold
                    raise NotAPicture(_NOT_A_PICTURE)
                _check_size(image.width, image.height, max_side)
                _check_single_frame(image)
                if found is PictureFormat.JPEG and image.info.get("progressive"):
                    _check_scans(file)
                yield found, image, stream
        except PictureError:
            raise
        except _TooManyReads as exc:
            raise PictureError(
                message(
                    "the picture is made of far more pieces than a picture needs (chunks, "
                    "markers or blocks: {limit} or more), so it is damaged or made to slow the "
                    "game down; open it in a picture editor and save it again",
                    limit=MAX_FILE_READS,
                )
            ) from exc
        except Image.DecompressionBombError as exc:
            raise PictureError(
                message(
                    # Translators: {largest} is a size in pixels, width x height: 4096x4096.
                    "the picture's header claims far more pixels than {largest}, the largest "
                    "allowed; save it smaller",
                    largest=pixel_size(max_side, max_side),
                )
            ) from exc
        except Image.UnidentifiedImageError as exc:
            raise NotAPicture(_not_a_picture(file)) from exc
        except (
            OSError,
            SyntaxError,
            ValueError,
            EOFError,
            IndexError,
            struct.error,
            zlib.error,
        ) as exc:
            raise _damaged(exc, file) from exc
        except MemoryError as exc:
            raise PictureError(_NO_MEMORY) from exc


class _BoundedReads:
    """``stream`` as Pillow reads it, refusing the read after the first ``limit``
    (:class:`_TooManyReads`): what bounds Pillow's walks over a file's chunks, markers and
    blocks, one read or more each, whatever a file holds."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self._stream = stream
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        self._left -= 1
        if self._left < 0:
            raise _TooManyReads
        return self._stream.read(size)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._stream.seek(offset, whence)

    def tell(self) -> int:
        return self._stream.tell()

    def __getattr__(self, name: str) -> object:  # fileno, name, closed...: the file's
        return getattr(self._stream, name)


def _open_regular_file(path: Path, max_bytes: int) -> io.BufferedReader:
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer for ever.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise PictureError(
                message("cannot be read: this computer's user may not open the file")
            ) from exc
        # Translators: {reason} is the system's own words, in English (No such device...).
        reason = exc.strerror or str(exc)
        raise PictureError(message("cannot be read: {reason}", reason=reason)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PictureError(message("is not a picture file (a folder, pipe or device)"))
        if info.st_size == 0:
            raise PictureError(_EMPTY)
        if info.st_size > max_bytes:
            raise PictureError(
                message(
                    "the file is {size} MiB; a picture can be at most {limit} MiB, so save it "
                    "smaller (as JPEG for a photo)",
                    size=round(info.st_size / MIB),
                    limit=round(max_bytes / MIB),
                )
            )
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _check_size(width: int, height: int, max_side: int) -> None:
    if width <= 0 or height <= 0:
        raise PictureError(
            # Translators: {size} is width x height in pixels, as a program writes it: 0x480.
            message("the picture's header says it is {size} pixels", size=pixel_size(width, height))
        )
    if width > max_side or height > max_side:
        raise PictureError(
            message(
                # Translators: {size} and {largest} are width x height in pixels: 5000x3000.
                "the picture is {size} pixels; the largest allowed is {largest}, so scale it down",
                size=pixel_size(width, height),
                largest=pixel_size(max_side, max_side),
            )
        )


def pixel_size(width: int, height: int) -> str:
    """A picture's size as programs and screens write it, ``4096x4096``: plain digits in
    every language (a size, like a screen's 1920x1080, is not a quantity to group)."""
    return f"{width}x{height}"


def _check_single_frame(image: Image.Image) -> None:
    if image.format == "MPO":  # a photo with a second, hidden image: not a film
        return
    # ``is_animated`` stops at the second frame; ``n_frames`` would walk a GIF to its end
    if getattr(image, "is_animated", False):
        raise PictureError(_ANIMATED)


def _check_scans(file: BinaryIO) -> None:
    """Refuse a progressive JPEG of more than :data:`MAX_JPEG_SCANS` scans, counted by
    their start markers (FF DA) before a pixel is decoded.

    Compressed data never holds that pair (an FF there is always followed by 00 or a
    restart number: the JPEG standard, ITU T.81 B.1.1.5), so only a scan or a chance pair
    inside a header's payload (EXIF, a colour profile) counts, and a real photo stays far
    under. Read 1 MiB at a time, the file's position given back for Pillow.
    """
    position = file.tell()
    file.seek(0)
    scans, carry = 0, b""
    try:
        while scans <= MAX_JPEG_SCANS:
            block = file.read(MIB)
            if not block:
                return
            scans += (carry + block).count(_START_OF_SCAN)
            carry = block[-1:]
        raise PictureError(
            plural_message(
                "the picture is a JPEG saved in more than {count} pass (a photo has about "
                "{usual}), so it would take the game minutes to show; open it in a picture "
                "editor and save it again",
                "the picture is a JPEG saved in more than {count} passes (a photo has about "
                "{usual}), so it would take the game minutes to show; open it in a picture "
                "editor and save it again",
                MAX_JPEG_SCANS,
                usual=_USUAL_JPEG_SCANS,
            )
        )
    finally:
        file.seek(position)


def _damaged(exc: BaseException, file: BinaryIO) -> PictureError:
    """The teacher's reason for what Pillow raised while reading ``file``: a known case
    from :data:`_REASONS`, else "damaged" with Pillow's words in brackets (at most 80
    characters of them, on one line)."""
    said = str(exc)
    lowered = said.lower()
    if any(words in lowered for words in _WEBP_UNREADABLE):
        return PictureError(_webp_reason(file))
    for words, reason in _REASONS:
        if words in lowered:
            return PictureError(reason)
    if isinstance(exc, (EOFError, struct.error, IndexError)):
        return PictureError(_CUT_SHORT)  # a header field or block read past the end
    detail = " ".join(said.split())[:80] or type(exc).__name__
    return PictureError(
        message(
            # Translators: {detail} is what the picture library said, in English.
            "the picture is damaged and cannot be shown ({detail}); open it in a picture "
            "editor and save it again as PNG or JPEG",
            detail=detail,
        )
    )


def _webp_reason(file: BinaryIO) -> Message:
    """Cut short when the file is shorter than its RIFF header says (bytes 4-8, the length
    after the first 8 bytes: the WebP container's specification), else damaged."""
    try:
        file.seek(0)
        header = file.read(12)
        declared = struct.unpack("<I", header[4:8])[0] + 8
        actual = file.seek(0, os.SEEK_END)
    except (OSError, struct.error):
        return _DAMAGED
    return _CUT_SHORT if actual < declared else _DAMAGED
