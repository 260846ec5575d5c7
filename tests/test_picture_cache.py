"""The cache file of checked pictures: read back as written, written whole or not at all,
and never believed when it is not ours."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from clarity import cli, picture_cache
from clarity.core.messages import message, plural_message
from clarity.core.packs import picture_decoding
from clarity.core.packs.picture_decoding import (
    CheckedPicture,
    NotAPicture,
    PictureChecks,
    PictureFormat,
    PictureInfo,
)
from clarity.picture_cache import load_picture_checks, read_entries, save_picture_checks

PHOTO = CheckedPicture(
    "/class/photo.jpg", 2049, 1234567, 7_000_000, 1_700_000_000_123_456_789, 4096, 128 << 20, True,
    info=PictureInfo(PictureFormat.JPEG, 4032, 3024),
)  # fmt: skip
PAGE = CheckedPicture(
    "/class/page.png", 2049, 7654321, 512, 1_700_000_000_000_000_000, 4096, 128 << 20, True,
    refusal=message("the file is not a PNG, JPEG, GIF or WebP image"), not_a_picture=True,
)  # fmt: skip
CUT = CheckedPicture(
    "/class/cut.png", 2049, 42, 900, 1_700_000_000_000_000_001, 4096, 128 << 20, False,
    refusal=message("the picture is cut short: the file ends before its last pixels"),
)  # fmt: skip
# A refusal with every kind of value a message holds: text, a number, a plural, a message.
SLOW = CheckedPicture(
    "/class/slow.jpg", 2049, 43, 900, 1_700_000_000_000_000_002, 4096, 128 << 20, True,
    refusal=plural_message(
        "saved in more than {count} pass ({why})", "saved in more than {count} passes ({why})",
        100, why=message("{size} pixels", size="4096x4096"),
    ),
)  # fmt: skip


def _saved(tmp_path: Path, *entries: CheckedPicture) -> Path:
    file = tmp_path / "cache" / "picture-checks.json"
    assert save_picture_checks(PictureChecks(known=entries), file)
    return file


def test_every_verdict_reads_back_as_it_was_written(tmp_path: Path) -> None:
    file = _saved(tmp_path, PHOTO, PAGE, CUT, SLOW)

    assert read_entries(file) == [PHOTO, PAGE, CUT, SLOW]


def test_a_kept_refusal_is_said_in_the_language_the_game_speaks_when_it_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clarity.i18n import Translator

    page = tmp_path / "page.png"
    page.write_bytes(b"<html>saved from a browser</html>")
    first = PictureChecks()
    with pytest.raises(NotAPicture):
        first.check(page, max_side=4096)
    file = tmp_path / "picture-checks.json"
    assert save_picture_checks(first, file)
    monkeypatch.setattr(picture_decoding, "check_picture", None)  # kept: never checked again

    with pytest.raises(NotAPicture) as again:
        load_picture_checks(file).check(page, max_side=4096)
    said = Translator("ru").render(again.value.message)
    assert "PNG, JPEG, GIF" in said
    assert "файл" in said.casefold()
    assert not set(said.split()) & {"the", "file", "is", "not", "image"}


def test_a_cache_of_the_first_version_with_english_refusals_is_not_believed(
    tmp_path: Path,
) -> None:
    file = _saved(tmp_path, PHOTO, PAGE)
    document = json.loads(file.read_text(encoding="utf-8"))
    document["version"] = 1
    document["pictures"][1]["refusal"] = "the file is not a PNG, JPEG, GIF or WebP image"
    file.write_text(json.dumps(document), encoding="utf-8")

    assert read_entries(file) == []
    document["version"] = picture_cache.FORMAT_VERSION
    file.write_text(json.dumps(document), encoding="utf-8")
    assert read_entries(file) == []  # a refusal as text is not ours either


def test_a_kept_refusal_is_raised_as_the_same_kind_with_the_same_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.png"
    page.write_bytes(b"<html>saved from a browser</html>")
    first = PictureChecks()
    with pytest.raises(NotAPicture) as refused:
        first.check(page, max_side=4096)
    file = tmp_path / "picture-checks.json"
    assert save_picture_checks(first, file)

    def no_decoding(path: Path, **options: object) -> PictureInfo:
        raise AssertionError(f"{path} decoded again")

    monkeypatch.setattr(picture_decoding, "check_picture", no_decoding)
    with pytest.raises(NotAPicture) as again:
        load_picture_checks(file).check(page, max_side=4096)
    assert str(again.value) == str(refused.value)


def test_only_the_most_recent_verdicts_are_kept(tmp_path: Path) -> None:
    file = _saved(tmp_path, PHOTO, PAGE, CUT)

    assert load_picture_checks(file, max_entries=2).entries() == [PAGE, CUT]


def test_a_cache_made_under_other_picture_rules_is_not_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _saved(tmp_path, PHOTO)
    monkeypatch.setattr(picture_cache, "picture_rules", lambda: "Pillow 1.0; rules 0")

    assert read_entries(file) == []


@pytest.mark.parametrize(
    "text",
    ["", "{", '{"format": "clarity-picture-checks"', "null", "[1, 2]", '"text"', "1e999"],
)
def test_a_file_that_is_not_a_cache_gives_no_verdict_and_no_error(
    tmp_path: Path, text: str
) -> None:
    file = tmp_path / "picture-checks.json"
    file.write_text(text, encoding="utf-8")

    assert read_entries(file) == []


def test_one_foreign_entry_makes_the_whole_file_unbelieved(tmp_path: Path) -> None:
    file = _saved(tmp_path, PHOTO, PAGE)
    document = json.loads(file.read_text(encoding="utf-8"))
    document["pictures"][1]["inode"] = "7654321"
    file.write_text(json.dumps(document), encoding="utf-8")

    assert read_entries(file) == []


def test_a_missing_file_gives_no_verdict(tmp_path: Path) -> None:
    assert read_entries(tmp_path / "nowhere" / "picture-checks.json") == []


def test_a_failed_write_leaves_the_old_file_whole_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = _saved(tmp_path, PHOTO)
    before = file.read_bytes()

    def failing_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)

    assert not save_picture_checks(PictureChecks(known=[PHOTO, PAGE]), file)
    assert file.read_bytes() == before
    assert sorted(path.name for path in file.parent.iterdir()) == [file.name]


def test_a_folder_that_takes_no_new_file_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a read-only folder (CI runs as root, which may write anywhere, so the refusal is
    # made where the operating system would make it: creating the temporary file)
    file = _saved(tmp_path, PHOTO)
    before = file.read_bytes()

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)

    assert not save_picture_checks(PictureChecks(known=[PHOTO, PAGE]), file)
    assert file.read_bytes() == before
    assert sorted(path.name for path in file.parent.iterdir()) == [file.name]


def test_a_data_folder_that_does_not_exist_is_not_made_for_a_cache(tmp_path: Path) -> None:
    file = picture_cache.picture_cache_file(tmp_path / "mistyped")

    assert not save_picture_checks(PictureChecks(known=[PHOTO]), file)
    assert not (tmp_path / "mistyped").exists()


def test_clarity_packs_decodes_only_what_it_has_not_checked_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(folder / "photos.png")
    (folder / "photos.yaml").write_text(
        "clarity: 1\nid: photos\ntitle: Photos\ndescription: d\nrounds:\n"
        "  - image: photos.png\n    answer: A photo\n    grid: 3x4\n"
        "questions:\n  - type: truefalse\n    prompt: Is it?\n    answer: true\n",
        encoding="utf-8",
    )
    (tmp_path / "data").mkdir()
    decoded: list[str] = []
    check = picture_decoding.check_picture

    def counting_check(path: Path, **options: Any) -> PictureInfo:
        decoded.append(path.name)
        return check(path, **options)

    monkeypatch.setattr(picture_decoding, "check_picture", counting_check)
    command = ["packs", "--packs", str(tmp_path / "class"), "--data-dir", str(tmp_path / "data")]

    assert cli.main(command) == 0
    first = capsys.readouterr().out
    first_decoded = list(decoded)  # the bundled packs' pictures too
    assert "photos.png" in first_decoded
    assert cli.main(command) == 0

    assert capsys.readouterr().out == first
    assert decoded == first_decoded  # nothing decoded the second time
    assert "Photos" in first
