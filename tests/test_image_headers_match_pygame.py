"""The core's header reader agrees with a real decoder (pygame) on real files.

Lives outside tests/core because it imports pygame: the handmade test images must be
images a decoder opens, and files a real encoder wrote must be read correctly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clarity.core.packs.image_headers import ImageFormat, read_image_info
from core.image_bytes import gif_bytes, png_bytes, webp_lossless_bytes

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
pygame = pytest.importorskip("pygame")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.png", png_bytes(7, 5)),
        ("a.gif", gif_bytes(7, 5)),
        ("a.webp", webp_lossless_bytes(7, 5)),
    ],
)
def test_handmade_images_decode_to_the_size_the_header_says(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    info = read_image_info(path)
    assert pygame.image.load(str(path)).get_size() == (info.width, info.height) == (7, 5)


@pytest.mark.parametrize(
    ("name", "kind"), [("a.png", ImageFormat.PNG), ("a.jpg", ImageFormat.JPEG)]
)
def test_files_a_real_encoder_wrote_are_read_right(
    tmp_path: Path, name: str, kind: ImageFormat
) -> None:
    path = tmp_path / name
    pygame.image.save(pygame.Surface((37, 21)), str(path))
    info = read_image_info(path)
    assert (info.format, info.width, info.height) == (kind, 37, 21)
