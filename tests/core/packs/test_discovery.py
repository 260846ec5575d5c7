"""Finding and loading many packs: each folder is read once, whatever the number of packs."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from clarity.core.packs import folders as folders_module
from clarity.core.packs.loader import (
    discover_packs,
    find_pack_files,
    iter_packs,
    load_packs,
    pack_files_in,
)

from ..image_bytes import png_bytes

PACKS = 40


def write_pack(folder: Path, name: str, image: str, pack_id: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(
        "clarity: 1\n"
        f"id: {pack_id or name}\n"
        f"title: Pack {name}\n"
        "description: A pack for the discovery tests.\n"
        "rounds:\n"
        f"  - image: {image}\n"
        "    answer: A lighthouse\n"
        "questions:\n"
        "  - type: truefalse\n"
        "    prompt: Is it a lighthouse?\n"
        "    answer: true\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[Path]]:
    """How many times each folder is listed, whichever way the loader lists it."""
    counted: Counter[Path] = Counter()
    scandir = os.scandir

    def counting_scandir(path: os.PathLike[str] | str) -> object:
        counted[Path(path)] += 1
        return scandir(path)

    def counting_iterdir(self: Path) -> Iterator[Path]:
        counted[self] += 1
        yield from (self / name for name in os.listdir(self))

    monkeypatch.setattr(folders_module.os, "scandir", counting_scandir)
    monkeypatch.setattr(Path, "iterdir", counting_iterdir)
    return counted


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "shared.png").write_bytes(png_bytes(8, 6))
    return folder


def test_discovering_many_packs_reads_each_folder_once(
    tmp_path: Path, assets: Path, reads: Counter[Path]
) -> None:
    mine = tmp_path / "mine"
    (mine / "pictures").mkdir(parents=True)
    for i in range(PACKS):
        # a picture next to the pack, in a folder beside it, or in the game's assets
        image = (f"p{i}.png", f"pictures/p{i}.png", "shared.png")[i % 3]
        if i % 3 != 2:
            (mine / image).write_bytes(png_bytes(8, 6))
        write_pack(mine, f"p{i:03d}", image)
    bundled = tmp_path / "bundled"
    write_pack(bundled, "own", "own.png")
    (bundled / "own.png").write_bytes(png_bytes(8, 6))

    loaded = discover_packs([bundled, mine], assets_dir=assets)

    assert len(loaded) == PACKS + 1
    assert all(p.ok for p in loaded), [p.first_error for p in loaded if not p.ok]
    assert reads == {bundled: 1, mine: 1, mine / "pictures": 1, assets: 1}


def test_a_wrongly_cased_picture_is_still_found_out_when_folders_are_shared(
    tmp_path: Path, assets: Path
) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "Map.png").write_bytes(png_bytes(8, 6))
    write_pack(folder, "a-right", "Map.png")
    write_pack(folder, "b-wrong", "map.png")
    right, wrong = load_packs(sorted(folder.glob("*.yaml")), assets_dir=assets)
    assert right.ok
    assert not wrong.ok
    assert 'the file is spelled "Map.png"' in str(wrong.errors[0])


def test_only_regular_files_named_like_packs_are_packs(tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    write_pack(folder, "first", "x.png")
    (folder / "SECOND.YML").write_text("clarity: 1\n", encoding="utf-8")
    (folder / "a-folder.yaml").mkdir()
    (folder / ".#first.yaml").write_text("an editor's lock file", encoding="utf-8")
    (folder / "notes.txt").write_text("not a pack", encoding="utf-8")
    (folder / "link.yaml").symlink_to(folder / "first.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")  # reading it would wait for ever
    assert [p.name for p in pack_files_in(folder)] == ["SECOND.YML", "first.yaml", "link.yaml"]


def test_a_missing_folder_or_a_file_in_place_of_one_has_no_packs(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert pack_files_in(tmp_path / "missing") == []
    assert pack_files_in(tmp_path / "file") == []
    assert find_pack_files([tmp_path / "missing", tmp_path / "file"]).files == ()


def test_packs_one_at_a_time_are_the_packs_all_at_once(tmp_path: Path, assets: Path) -> None:
    folder = tmp_path / "packs"
    for name in ("c", "a", "b"):
        write_pack(folder, name, "shared.png", pack_id="same" if name != "b" else "b")
    found = find_pack_files([folder])
    assert [p.name for p in found.files] == ["a.yaml", "b.yaml", "c.yaml"]
    one_by_one = list(iter_packs(found.files, assets_dir=assets, listings=found.listings))
    all_at_once = load_packs(found.files, assets_dir=assets)
    assert [(p.path, p.problems) for p in one_by_one] == [(p.path, p.problems) for p in all_at_once]
    # the id an earlier pack of the same run took is an error on the later one
    assert [p.ok for p in one_by_one] == [True, True, False]
