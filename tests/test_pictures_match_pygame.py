"""The core's picture decoder (Pillow) gives the pixels pygame's own loader gives.

Lives outside tests/core because it imports pygame: an opaque, upright picture must look
the same now that the game decodes through the core as when SDL_image decoded it, and the
handmade test pictures must be pictures a real decoder opens.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from clarity.core.packs.picture_decoding import decode_picture
from core.image_bytes import gif_bytes, png_bytes, webp_lossless_bytes

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
pygame = pytest.importorskip("pygame")


def noise(path: Path, kind: str) -> Path:
    Image.effect_noise((37, 21), 60).convert("RGB").save(path, kind)
    return path


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.png", png_bytes(7, 5)),
        ("a.gif", gif_bytes(7, 5)),
        ("a.webp", webp_lossless_bytes(7, 5)),
    ],
)
def test_handmade_pictures_decode_alike_in_both(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    ours = decode_picture(path, max_side=4096, background=(255, 255, 255))
    theirs = pygame.image.load(str(path))
    assert theirs.get_size() == (ours.width, ours.height) == (7, 5)
    assert pygame.image.tobytes(theirs, "RGB") == ours.rgb


@pytest.mark.parametrize(("name", "kind"), [("a.png", "PNG"), ("a.gif", "GIF")])
def test_lossless_pictures_have_the_same_pixels(tmp_path: Path, name: str, kind: str) -> None:
    path = noise(tmp_path / name, kind)
    ours = decode_picture(path, max_side=4096, background=(0, 0, 0))
    assert pygame.image.tobytes(pygame.image.load(str(path)), "RGB") == ours.rgb


def test_a_jpeg_differs_only_by_rounding_between_decoders(tmp_path: Path) -> None:
    path = noise(tmp_path / "a.jpg", "JPEG")
    ours = decode_picture(path, max_side=4096, background=(0, 0, 0))
    theirs = pygame.image.tobytes(pygame.image.load(str(path)), "RGB")
    assert len(theirs) == len(ours.rgb)
    assert max(abs(a - b) for a, b in zip(theirs, ours.rgb, strict=True)) <= 8
