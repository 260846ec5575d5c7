"""The image header reader: format and size from the first bytes, for each format."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from clarity.core.packs.image_headers import (
    ImageFormat,
    ImageHeaderError,
    read_image_info,
    read_image_info_from,
    sniff_format,
)

from ..image_bytes import (
    gif_bytes,
    jpeg_bytes,
    png_bytes,
    webp_extended_header,
    webp_lossless_bytes,
    webp_lossy_header,
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.png", png_bytes(7, 5), ImageFormat.PNG),
        ("a.gif", gif_bytes(7, 5), ImageFormat.GIF),
        ("a.jpg", jpeg_bytes(7, 5), ImageFormat.JPEG),
        ("a.webp", webp_lossless_bytes(7, 5), ImageFormat.WEBP),
        ("b.webp", webp_lossy_header(7, 5), ImageFormat.WEBP),
        ("c.webp", webp_extended_header(7, 5), ImageFormat.WEBP),
    ],
)
def test_size_and_format_come_from_the_header(
    tmp_path: Path, name: str, data: bytes, expected: ImageFormat
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    info = read_image_info(path)
    assert (info.format, info.width, info.height) == (expected, 7, 5)


def test_large_sizes_are_read_in_full() -> None:
    assert read_image_info_from(io.BytesIO(webp_extended_header(16000, 9000))).width == 16000
    assert read_image_info_from(io.BytesIO(webp_lossless_bytes(16384, 2))).width == 16384
    assert read_image_info_from(io.BytesIO(png_bytes(5000, 1))).width == 5000
    assert read_image_info_from(io.BytesIO(gif_bytes(1, 300))).height == 300


@pytest.mark.parametrize("marker", [0xC0, 0xC1, 0xC2, 0xC3])
def test_jpeg_baseline_and_progressive_frames_give_the_size(marker: int) -> None:
    info = read_image_info_from(io.BytesIO(jpeg_bytes(640, 480, frame_marker=marker)))
    assert (info.width, info.height) == (640, 480)


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_jpeg_reader_seeks_over_a_large_exif_block_instead_of_reading_it() -> None:
    stream = _CountingStream(jpeg_bytes(800, 600, padding=300_000))
    info = read_image_info_from(stream)
    assert (info.width, info.height) == (800, 600)
    assert stream.bytes_read < 200


def test_sniffing_tells_the_formats_apart() -> None:
    assert sniff_format(png_bytes(1, 1)) is ImageFormat.PNG
    assert sniff_format(jpeg_bytes(1, 1)) is ImageFormat.JPEG
    assert sniff_format(gif_bytes(1, 1)) is ImageFormat.GIF
    assert sniff_format(webp_lossless_bytes(1, 1)) is ImageFormat.WEBP
    assert sniff_format(b"BM\x00\x00") is None
    assert sniff_format(b"") is None


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"hello, this is text", "not a PNG, JPEG, GIF or WebP image"),
        (b"", "not a PNG, JPEG, GIF or WebP image"),
        (png_bytes(4, 4)[:20], "PNG file is cut short"),
        (jpeg_bytes(4, 4)[:24], "JPEG file is cut short"),
        (b"\xff\xd8\xff\xe0\x00\x01", "segment length is wrong"),
        (b"\xff\xd8\xff\xe0\x00\x04\x00\x00\x42", "does not start with FF"),
        (webp_lossless_bytes(4, 4)[:24], "WebP file is cut short"),
        (png_bytes(0, 4), "0x4 pixels"),
    ],
)
def test_damaged_or_unknown_content_is_an_error(data: bytes, words: str) -> None:
    with pytest.raises(ImageHeaderError, match=words):
        read_image_info_from(io.BytesIO(data))
