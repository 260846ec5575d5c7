"""The game checks each picture file once for its process: a reload of the pack list
decodes only the pictures whose files changed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from clarity.core.packs import picture_decoding
from clarity.core.packs.picture_decoding import PictureInfo
from clarity.ui.pack_shelf import FolderPacks

from .pack_files import write_pack, write_png


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counted: Counter[str] = Counter()
    check = picture_decoding.check_picture

    def counting_check(path: Path, **options: Any) -> PictureInfo:
        counted[path.name] += 1
        return check(path, **options)

    monkeypatch.setattr(picture_decoding, "check_picture", counting_check)
    return counted


def test_a_reload_of_the_packs_decodes_only_a_picture_that_changed(
    tmp_path: Path, decodes: Counter[str]
) -> None:
    folder = tmp_path / "packs"
    for pack_id in ("one", "two", "three"):
        write_pack(folder, pack_id)
    assets = tmp_path / "assets"
    assets.mkdir()
    pictures = sorted(path.name for path in folder.glob("*.png"))

    provider = FolderPacks()  # as the game's catalog keeps one for its life

    def load() -> list[bool]:
        stream = provider([folder], assets)
        return [loaded.ok for loaded in stream.packs]

    assert load() == [True, True, True]
    assert load() == [True, True, True]
    assert decodes == dict.fromkeys(pictures, 1)
    write_png(folder / pictures[0], 80, 60)  # saved again, larger
    assert load() == [True, True, True]
    assert decodes == {**dict.fromkeys(pictures, 1), pictures[0]: 2}
