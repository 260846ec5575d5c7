"""Fixtures of the pack tests: a pack folder with a picture in it, the game's assets, and the
problems of a pack text as validate prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..image_bytes import png_bytes
from .test_loader import Problems, lines, load_text


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    folder = tmp_path / "assets"
    folder.mkdir()
    return folder


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    (folder / "union_state").mkdir(parents=True)
    (folder / "union_state" / "map.png").write_bytes(png_bytes(8, 6))
    return folder


@pytest.fixture
def problems(pack_dir: Path, assets: Path) -> Problems:
    """The problems of a pack file that holds ``text``, as :func:`lines` prints them."""
    return lambda text: lines(load_text(pack_dir, assets, text))
