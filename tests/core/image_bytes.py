"""Tiny image files for the tests.

PNG, GIF and lossless WebP are written byte by byte, so a test can say exactly what a
header claims (a GIF whose logical screen and frame differ, sizes no encoder would
write); a JPEG needs a real encoder, so Pillow writes it.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def png_bytes(width: int, height: int) -> bytes:
    """A black RGB PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * (3 * width)  # filter byte, then RGB
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def gif_bytes(width: int, height: int, *, screen: tuple[int, int] | None = None) -> bytes:
    """A GIF89a of ``width`` x ``height`` white pixels, on a logical screen of ``screen``
    (the frame's own size unless given).

    The LZW data sends a clear code before every pixel, so codes stay 3 bits wide and no
    string table is needed: long-winded, but valid and easy to write by hand.
    """
    clear, end = 4, 5  # minimum code size 2: codes 0-3 are colours
    bits = _Bits()
    for _ in range(width * height):
        bits.put(clear, 3)
        bits.put(0, 3)
    bits.put(end, 3)
    data = bits.bytes()
    blocks = b"".join(
        bytes([len(data[i : i + 255])]) + data[i : i + 255] for i in range(0, len(data), 255)
    )
    return (
        b"GIF89a"
        + struct.pack("<HH", *(screen or (width, height)))
        + b"\x80\x00\x00"  # global colour table of two entries
        + b"\xff\xff\xff\x00\x00\x00"
        + b"\x2c"
        + struct.pack("<HHHH", 0, 0, width, height)
        + b"\x00"
        + b"\x02"  # LZW minimum code size
        + blocks
        + b"\x00\x3b"
    )


def jpeg_bytes(width: int, height: int, colour: tuple[int, int, int] = (90, 140, 200)) -> bytes:
    """A baseline JPEG of one ``colour``, as Pillow writes it."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=95)
    return out.getvalue()


class _Bits:
    """Least-significant-bit-first writer, as the VP8L bitstream wants."""

    def __init__(self) -> None:
        self.value = 0
        self.count = 0

    def put(self, value: int, bits: int) -> None:
        self.value |= value << self.count
        self.count += bits

    def bytes(self) -> bytes:
        return self.value.to_bytes((self.count + 7) // 8, "little")


def webp_lossless_bytes(width: int, height: int) -> bytes:
    """A complete lossless WebP of one grey colour.

    Every prefix code is a "simple" code with a single symbol, so each pixel takes zero
    bits and any size fits in a few bytes.
    """
    bits = _Bits()
    bits.put(0x2F, 8)  # VP8L signature
    bits.put(width - 1, 14)
    bits.put(height - 1, 14)
    bits.put(0, 1)  # alpha is not used
    bits.put(0, 3)  # version 0
    bits.put(0, 1)  # no transform
    bits.put(0, 1)  # no colour cache
    bits.put(0, 1)  # no meta prefix codes
    for symbol in (0x80, 0x80, 0x80, 0xFF):  # green, red, blue, alpha
        bits.put(1, 1)  # simple code
        bits.put(0, 1)  # one symbol
        bits.put(1, 1)  # written with 8 bits
        bits.put(symbol, 8)
    bits.put(1, 1)  # distance code: simple, one symbol, 1 bit wide, symbol 0
    bits.put(0, 1)
    bits.put(0, 1)
    bits.put(0, 1)
    return _riff(b"VP8L", bits.bytes())


def _riff(kind: bytes, data: bytes) -> bytes:
    if len(data) % 2:
        data += b"\x00"
    chunk = kind + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk
