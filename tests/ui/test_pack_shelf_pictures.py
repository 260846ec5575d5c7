"""The game checks each picture file once: a reload of the pack list decodes only the
pictures whose files changed, and so does the next start of the game (the verdicts are kept
in a cache file in the data folder)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from clarity.core.packs import picture_decoding
from clarity.core.packs.picture_decoding import PictureInfo
from clarity.picture_cache import FORMAT_VERSION, picture_cache_file
from clarity.ui.pack_shelf import FolderPacks, PackCatalog

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


def _class_folder(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    folder = tmp_path / "packs"
    for pack_id in ("one", "two", "three"):
        write_pack(folder, pack_id)
    write_png(folder / "not-a-picture.png").write_bytes(b"<html>a web page</html>")
    (folder / "broken.yaml").write_text(
        "clarity: 1\nid: broken\ntitle: Broken\ndescription: d\nrounds:\n"
        "  - image: not-a-picture.png\n    answer: A page\n    grid: 3x4\n"
        "questions:\n  - type: truefalse\n    prompt: Is it?\n    answer: true\n",
        encoding="utf-8",
    )
    assets = tmp_path / "assets"
    assets.mkdir()
    return folder, assets, sorted(path.name for path in folder.glob("*.png"))


def _listed(folder: Path, assets: Path, cache_file: Path) -> dict[str, str | None]:
    """Each pack's id and first error, as a new game would list them (a new catalog)."""
    catalog = PackCatalog([folder], assets, FolderPacks(cache_file))
    return {loaded.id: loaded.first_error for loaded in catalog.all()}


def test_the_next_start_decodes_no_picture_checked_before(
    tmp_path: Path, decodes: Counter[str]
) -> None:
    folder, assets, pictures = _class_folder(tmp_path)
    cache_file = picture_cache_file(tmp_path / "data")
    (tmp_path / "data").mkdir()

    first = _listed(folder, assets, cache_file)
    assert decodes == dict.fromkeys(pictures, 1)
    assert cache_file.is_file()
    second = _listed(folder, assets, cache_file)

    assert decodes == dict.fromkeys(pictures, 1)  # nothing decoded at the second start
    assert second == first
    assert first["one"] is None
    refused = first["broken"]
    assert refused is not None
    assert "not a PNG, JPEG, GIF or WebP" in refused


def test_a_picture_changed_between_starts_is_decoded_again(
    tmp_path: Path, decodes: Counter[str]
) -> None:
    folder, assets, pictures = _class_folder(tmp_path)
    cache_file = picture_cache_file(tmp_path)
    _listed(folder, assets, cache_file)
    changed = folder / "one.png"
    changed.write_bytes(b"<html>saved from a browser</html>")  # between two starts

    listed = _listed(folder, assets, cache_file)

    assert decodes == {**dict.fromkeys(pictures, 1), "one.png": 2}
    error = listed["one"]
    assert error is not None
    assert "not a PNG, JPEG, GIF or WebP" in error
    _listed(folder, assets, cache_file)
    assert decodes["one.png"] == 2  # its new verdict was kept in turn


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda text: "\x00\xff garbage \x89PNG", id="garbage"),
        pytest.param(lambda text: text[: len(text) // 2], id="cut-short"),
        pytest.param(
            lambda text: text.replace(f'"version":{FORMAT_VERSION}', '"version":99'),
            id="other-version",
        ),
        pytest.param(lambda text: text.replace('"width":', '"width":-'), id="wrong-entry"),
        pytest.param(lambda text: "[]", id="not-an-object"),
    ],
)
def test_a_damaged_cache_file_is_ignored_and_replaced(
    tmp_path: Path, decodes: Counter[str], damage: Any
) -> None:
    folder, assets, pictures = _class_folder(tmp_path)
    cache_file = picture_cache_file(tmp_path)
    right = _listed(folder, assets, cache_file)
    cache_file.write_text(damage(cache_file.read_text(encoding="utf-8")), encoding="utf-8")

    assert _listed(folder, assets, cache_file) == right
    assert decodes == dict.fromkeys(pictures, 2)  # nothing believed: all checked again
    _listed(folder, assets, cache_file)
    assert decodes == dict.fromkeys(pictures, 2)  # and the file was written anew
