"""A picture named by what a teacher has instead of a picture file: a web address, a phone's
HEIC photo, an AVIF; each is said as what it is, with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_pictures import lines, load


def iso_media_head(brand: bytes) -> bytes:
    """The first bytes of an ISO base media file (HEIF, AVIF): a "ftyp" box naming its brand."""
    return b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x00\x00mif1" + brand + bytes(64)


@pytest.mark.parametrize(
    "address",
    ["https://example.com/cat.png", "http://example.com/cat.jpg", "www.example.com/cat.png"],
)
def test_a_web_address_is_said_to_be_one(tmp_path: Path, address: str) -> None:
    assert lines(load(tmp_path / "pack", address)) == [
        "pack.yaml:6:12: rounds[0].image: a web address cannot be used: the game reads "
        "pictures from files, never from the internet (a classroom may be offline); save the "
        "picture next to the pack and write its file name here"
    ]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("photo.heic", "a picture in HEIC format (.heic)"),
        ("photo.HEIF", "a picture in HEIF format (.heif)"),
        ("photo.avif", "a picture in AVIF format (.avif)"),
    ],
)
def test_a_phone_format_name_is_told_to_export_as_jpeg(
    tmp_path: Path, name: str, said: str
) -> None:
    assert lines(load(tmp_path / "pack", name)) == [
        f"pack.yaml:6:12: rounds[0].image: is {said}, which the game cannot show; export it "
        "as JPEG (or PNG) and name that file here"
    ]


@pytest.mark.parametrize(
    ("brand", "name", "kind"),
    [
        (b"heic", "iphone.jpg", "HEIC"),
        (b"mif1", "photo.jpeg", "HEIF"),
        (b"avif", "pic.png", "AVIF"),
    ],
)
def test_a_phone_photo_under_a_jpeg_name_is_named_by_its_first_bytes(
    tmp_path: Path, brand: bytes, name: str, kind: str
) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / name).write_bytes(iso_media_head(brand))
    suffix = Path(name).suffix
    assert lines(load(folder, name)) == [
        f"pack.yaml:6:12: rounds[0].image: the file is a photo in {kind} format (as phones save "
        f"them), not a PNG, JPEG, GIF or WebP image (the name ends in {suffix}); export it as JPEG"
    ]


def test_other_bytes_under_a_picture_name_are_still_not_a_picture(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "page.jpg").write_bytes(b"<!doctype html><title>cat</title>" + bytes(64))
    assert lines(load(folder, "page.jpg")) == [
        "pack.yaml:6:12: rounds[0].image: the file is not a PNG, JPEG, GIF or WebP image "
        "(the name ends in .jpg)"
    ]
