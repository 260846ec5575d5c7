"""Read an image's format and pixel size from its first bytes, without decoding it.

The pack loader checks every picture before the game ever hands it to a decoder, so an
oversized or mislabelled file is a message for the teacher and not a crash or a memory
spike in the middle of a lesson. Pure Python: no pygame, no Pillow.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO


class ImageFormat(StrEnum):
    PNG = "PNG"
    JPEG = "JPEG"
    GIF = "GIF"
    WEBP = "WebP"


# The file-name endings a pack may use, and the format each one promises.
FORMAT_BY_SUFFIX: dict[str, ImageFormat] = {
    ".png": ImageFormat.PNG,
    ".jpg": ImageFormat.JPEG,
    ".jpeg": ImageFormat.JPEG,
    ".gif": ImageFormat.GIF,
    ".webp": ImageFormat.WEBP,
}

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_HEAD_SIZE = 32  # enough for every format's magic bytes and, except JPEG, its size
# JPEG start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers that stand alone, without a length field: TEM, RST0-7, SOI.
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})
_JPEG_MAX_SEGMENTS = 10_000  # a real file reaches its frame header after a handful


class ImageHeaderError(ValueError):
    """The file is not a readable image of a known format; the message is for the teacher."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    format: ImageFormat
    width: int
    height: int


def sniff_format(head: bytes) -> ImageFormat | None:
    """The format whose magic bytes start ``head``, or ``None``."""
    if head.startswith(_PNG_SIGNATURE):
        return ImageFormat.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return ImageFormat.JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return ImageFormat.GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ImageFormat.WEBP
    return None


def read_image_info(path: Path) -> ImageInfo:
    """Format and size of the image at ``path``.

    Raises ``ImageHeaderError`` for content that is not a known image, ``OSError`` when the
    file cannot be read.
    """
    with path.open("rb") as stream:
        return read_image_info_from(stream)


def read_image_info_from(stream: BinaryIO) -> ImageInfo:
    """Format and size of the image whose bytes ``stream`` gives, reading only the header."""
    head = stream.read(_HEAD_SIZE)
    found = sniff_format(head)
    if found is None:
        raise ImageHeaderError("the file is not a PNG, JPEG, GIF or WebP image")
    if found is ImageFormat.PNG:
        width, height = _png_size(head)
    elif found is ImageFormat.GIF:
        width, height = struct.unpack_from("<HH", head, 6)
    elif found is ImageFormat.WEBP:
        width, height = _webp_size(head)
    else:
        width, height = _jpeg_size(stream)
    if width <= 0 or height <= 0:
        raise ImageHeaderError(f"the {found} header says the image is {width}x{height} pixels")
    return ImageInfo(found, width, height)


def _png_size(head: bytes) -> tuple[int, int]:
    # The first chunk must be IHDR: length(4) type(4) width(4) height(4), big-endian.
    if len(head) < 24 or head[12:16] != b"IHDR":
        raise ImageHeaderError("the PNG file is cut short or damaged (no IHDR header)")
    width, height = struct.unpack_from(">II", head, 16)
    return width, height


def _webp_size(head: bytes) -> tuple[int, int]:
    if len(head) < 30:
        raise ImageHeaderError("the WebP file is cut short")
    chunk = head[12:16]
    data = head[20:]
    if chunk == b"VP8 ":  # lossy: 3-byte frame tag, start code, 14-bit sizes
        if data[3:6] != b"\x9d\x01\x2a":
            raise ImageHeaderError("the WebP file is damaged (bad VP8 start code)")
        width, height = struct.unpack_from("<HH", data, 6)
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":  # lossless: signature byte, then 14 bits each of width-1, height-1
        if data[0] != 0x2F:
            raise ImageHeaderError("the WebP file is damaged (bad VP8L signature)")
        (bits,) = struct.unpack_from("<I", data, 1)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":  # extended: flags(4), then 24-bit canvas width-1 and height-1
        width = int.from_bytes(data[4:7], "little") + 1
        height = int.from_bytes(data[7:10], "little") + 1
        return width, height
    raise ImageHeaderError("the WebP file has no image data chunk that this game knows")


def _jpeg_size(stream: BinaryIO) -> tuple[int, int]:
    # Walk the segments after SOI until a start-of-frame segment, seeking over the others
    # (EXIF thumbnails can be large, so never read a whole segment we do not need).
    stream.seek(2)
    for _ in range(_JPEG_MAX_SEGMENTS):
        byte = stream.read(1)
        if not byte:
            break
        if byte != b"\xff":
            raise ImageHeaderError("the JPEG file is damaged (a segment does not start with FF)")
        marker = stream.read(1)
        while marker == b"\xff":  # fill bytes before a marker
            marker = stream.read(1)
        if not marker:
            break
        code = marker[0]
        if code in _JPEG_STANDALONE:
            continue
        if code in (0xD9, 0xDA):  # end of image, or the scan data began before any frame
            break
        length_bytes = stream.read(2)
        if len(length_bytes) < 2:
            break
        (length,) = struct.unpack(">H", length_bytes)
        if length < 2:
            raise ImageHeaderError("the JPEG file is damaged (a segment length is wrong)")
        if code in _JPEG_SOF:
            frame = stream.read(5)  # precision(1), height(2), width(2)
            if len(frame) < 5:
                break
            height, width = struct.unpack_from(">HH", frame, 1)
            return width, height
        stream.seek(length - 2, 1)
    raise ImageHeaderError("the JPEG file is cut short or damaged (no frame header)")
