"""The pack list follows the packs folder while the game runs: a pack written, edited or
removed there is seen the next time the list shows, and only what changed is read again."""

from __future__ import annotations

import os
from pathlib import Path

from clarity.resources import bundled_assets_dir
from clarity.ui.pack_shelf import FolderPacks, PackCatalog

from .conftest import write_picture
from .pack_files import write_pack


def catalogue(folder: Path) -> tuple[PackCatalog, FolderPacks]:
    provider = FolderPacks()
    return PackCatalog([folder], bundled_assets_dir(), provider), provider


def titles(packs: PackCatalog) -> list[str]:
    return [loaded.title for loaded in packs.all()]


def touch_later(path: Path) -> None:
    """Move the modification time on (a file system may keep whole seconds only)."""
    found = path.stat()
    os.utime(path, ns=(found.st_atime_ns, found.st_mtime_ns + 2_000_000_000))


def test_nothing_changed_loads_nothing_again(tmp_path: Path) -> None:
    write_pack(tmp_path, "rivers", title="Rivers")
    packs, _ = catalogue(tmp_path)
    before = packs.all()

    assert not packs.refresh()
    assert packs.all() is before


def test_a_pack_edited_is_read_again_and_the_others_are_kept(tmp_path: Path) -> None:
    for name in ("alpha", "beta", "gamma"):
        write_pack(tmp_path, name)
    packs, provider = catalogue(tmp_path)
    kept = {loaded.id: loaded for loaded in packs.all()}
    beta = tmp_path / "beta.yaml"
    beta.write_text(beta.read_text("utf-8").replace("title: Beta", "title: Beta, edited"))
    touch_later(beta)

    assert packs.refresh()

    assert titles(packs) == ["Alpha", "Beta, edited", "Gamma"]
    assert provider.read_last_time == 1
    again = {loaded.id: loaded for loaded in packs.all()}
    assert again["alpha"] is kept["alpha"]
    assert again["gamma"] is kept["gamma"]


def test_a_pack_added_or_removed_is_seen(tmp_path: Path) -> None:
    write_pack(tmp_path, "alpha")
    packs, provider = catalogue(tmp_path)
    assert titles(packs) == ["Alpha"]

    write_pack(tmp_path, "fresh-pack", title="Свежий набор")
    assert packs.refresh()
    assert titles(packs) == ["Alpha", "Свежий набор"]
    assert provider.read_last_time == 1

    (tmp_path / "alpha.yaml").unlink()
    assert packs.refresh()
    assert titles(packs) == ["Свежий набор"]


def test_a_changed_picture_reads_its_pack_again(tmp_path: Path) -> None:
    write_pack(tmp_path, "alpha")
    write_pack(tmp_path, "beta")
    packs, provider = catalogue(tmp_path)
    first = packs.all()
    write_picture(tmp_path / "beta.png", size=(300, 200))
    touch_later(tmp_path / "beta.png")

    assert packs.refresh()
    packs.all()

    assert provider.read_last_time == 1
    assert packs.all()[0] is first[0]


def test_a_new_pack_taking_a_kept_pack_s_id_is_the_broken_one(tmp_path: Path) -> None:
    write_pack(tmp_path, "beta", title="Beta")
    packs, _ = catalogue(tmp_path)
    packs.all()
    copy = tmp_path / "zz-copy.yaml"  # after beta.yaml by name: the later of the two
    copy.write_text((tmp_path / "beta.yaml").read_text("utf-8"), "utf-8")

    assert packs.refresh()

    by_file = {loaded.path.name: loaded for loaded in packs.all()}
    assert by_file["beta.yaml"].ok
    assert not by_file["zz-copy.yaml"].ok
    assert '"beta" is already used by' in str(by_file["zz-copy.yaml"].first_error)
