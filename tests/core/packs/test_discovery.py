"""Finding and loading many packs: each folder is read once, whatever the number of packs."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clarity.core.packs import folders as folders_module
from clarity.core.packs import picture_decoding
from clarity.core.packs.folders import FolderListings
from clarity.core.packs.loader import (
    LoadedPack,
    discover_packs,
    find_pack_files,
    iter_packs,
    load_packs,
    pack_files_in,
)
from clarity.core.packs.picture_decoding import NotAPicture, PictureChecks, PictureInfo

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


# -- each picture file checked once ---------------------------------------------------------


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> Counter[Path]:
    """How many times each picture file is opened and checked, by its resolved path."""
    counted: Counter[Path] = Counter()
    check = picture_decoding.check_picture

    def counting_check(path: Path, **options: Any) -> PictureInfo:
        counted[path.resolve()] += 1
        return check(path, **options)

    monkeypatch.setattr(picture_decoding, "check_picture", counting_check)
    return counted


def test_many_packs_naming_one_picture_decode_it_once(
    tmp_path: Path, assets: Path, decodes: Counter[Path]
) -> None:
    # a tester's 5,000 packs naming the bundled union_state/belarus.png decoded it 5,000
    # times (126 s for `clarity packs`)
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "beside.png").write_bytes(png_bytes(8, 6))
    for i in range(PACKS):
        write_pack(folder, f"p{i:03d}", ("shared.png", "beside.png")[i % 2])
    loaded = discover_packs([folder], assets_dir=assets)
    assert all(p.ok for p in loaded), [p.first_error for p in loaded if not p.ok]
    assert decodes == {(assets / "shared.png").resolve(): 1, (folder / "beside.png").resolve(): 1}


def test_one_picture_written_three_ways_in_a_pack_is_decoded_once(
    tmp_path: Path, assets: Path, decodes: Counter[Path]
) -> None:
    folder = tmp_path / "packs"
    (folder / "sub").mkdir(parents=True)
    (folder / "bomb.png").write_bytes(png_bytes(8, 6))
    (folder / "sub" / "link.png").symlink_to(folder / "bomb.png")
    path = write_pack(folder, "three", "bomb.png")
    text = path.read_text(encoding="utf-8")
    rounds = "".join(
        f"  - image: {image}\n    answer: A lighthouse\n"
        for image in ("bomb.png", "./bomb.png", ".//bomb.png", "sub/link.png")
    )
    path.write_text(
        text.replace("  - image: bomb.png\n    answer: A lighthouse\n", rounds), encoding="utf-8"
    )
    (loaded,) = load_packs([path], assets_dir=assets)
    assert loaded.ok, loaded.first_error
    assert set(loaded.images) == {"bomb.png", "./bomb.png", ".//bomb.png", "sub/link.png"}
    assert decodes == {(folder / "bomb.png").resolve(): 1}


def test_a_refused_picture_is_refused_in_every_pack_after_one_decode(
    tmp_path: Path, assets: Path, decodes: Counter[Path]
) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "cut.png").write_bytes(png_bytes(64, 48)[:-30])
    for i in range(PACKS):
        write_pack(folder, f"p{i:03d}", "cut.png")
    loaded = discover_packs([folder], assets_dir=assets)
    messages = {str(p.first_error).split(": ", 2)[2] for p in loaded}
    assert messages == {
        "the picture is cut short: the file ends before its last pixels "
        "(copy or download it again, or save it again from a picture editor)"
    }
    assert decodes == {(folder / "cut.png").resolve(): 1}


def test_the_games_checks_outlive_a_discovery_until_the_file_changes(
    tmp_path: Path, assets: Path, decodes: Counter[Path]
) -> None:
    folder = tmp_path / "packs"
    write_pack(folder, "one", "pic.png")
    picture = folder / "pic.png"
    picture.write_bytes(png_bytes(8, 6))
    kept = PictureChecks()  # the game keeps one for its process

    def discover() -> LoadedPack:
        listings = FolderListings(pictures=kept)
        files = pack_files_in(folder, listings)
        (loaded,) = iter_packs(files, assets_dir=assets, listings=listings)
        return loaded

    assert discover().ok
    assert discover().ok
    assert decodes == {picture.resolve(): 1}
    picture.write_text("<html>not found</html>")  # saved again, from a broken download
    changed = discover()
    assert not changed.ok
    assert "the file is not a PNG, JPEG, GIF or WebP image" in str(changed.first_error)
    assert decodes == {picture.resolve(): 2}


def test_a_full_check_answers_a_header_only_one_but_not_the_reverse(
    tmp_path: Path, decodes: Counter[Path]
) -> None:
    picture = tmp_path / "pic.png"
    picture.write_bytes(png_bytes(8, 6))
    checks = PictureChecks()
    assert checks.check(picture, max_side=4096, decode=False).width == 8
    assert checks.check(picture, max_side=4096).width == 8  # the pixels not decoded yet
    assert checks.check(picture, max_side=4096, decode=False).width == 8
    assert checks.check(picture, max_side=16).width == 8  # another limit, another answer
    assert decodes == {picture: 3}


def test_the_checks_kept_are_bounded_least_recently_asked_out(
    tmp_path: Path, decodes: Counter[Path]
) -> None:
    pictures = [tmp_path / f"p{i}.png" for i in range(3)]
    for path in pictures:
        path.write_bytes(png_bytes(4, 3))
    checks = PictureChecks(max_files=2)
    for path in (*pictures[:2], pictures[0], pictures[2], pictures[0], pictures[1]):
        checks.check(path, max_side=4096)
    assert len(checks) == 2
    assert decodes == {pictures[0]: 1, pictures[1]: 2, pictures[2]: 1}


def test_a_refusal_kept_is_raised_again_as_the_same_kind(tmp_path: Path) -> None:
    page = tmp_path / "map.png"
    page.write_text("<html>not found</html>")
    checks = PictureChecks()
    for _ in range(2):
        with pytest.raises(NotAPicture, match=r"^the file is not a PNG, JPEG, GIF or WebP image$"):
            checks.check(page, max_side=4096)
