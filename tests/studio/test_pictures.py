"""A picture dropped into the studio: kept beside its pack under a safe name, or refused
with the reason, as every pack picture is checked; never written outside the pack's folder."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from clarity.core.messages import english_text
from clarity.core.packs.picture_decoding import check_picture
from clarity.studio.pictures import PictureRefused, accept_picture

from .conftest import animated_gif, bomb_png, jpeg_bytes, png_bytes


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    packs = tmp_path / "data" / "packs"
    packs.mkdir(parents=True)
    path = packs / "my-quiz.yaml"
    path.write_text("clarity: 1\nid: my-quiz\n", encoding="utf-8")
    return path


def files_under(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def test_a_picture_is_kept_beside_its_pack_under_its_slug(pack: Path) -> None:
    data = png_bytes(12, 9)
    accepted = accept_picture(pack, "my-quiz", "Мой кот.PNG", data)
    assert accepted.image == "my-quiz/moy-kot.png"
    assert accepted.path == pack.parent / "my-quiz" / "moy-kot.png"
    assert accepted.path.read_bytes() == data
    assert (accepted.width, accepted.height) == (12, 9)
    # the game reads it as a picture of the pack
    assert check_picture(accepted.path, max_side=4096).width == 12


def test_the_ending_is_the_format_the_bytes_are_in(pack: Path) -> None:
    accepted = accept_picture(pack, "my-quiz", "photo.png", jpeg_bytes())
    assert accepted.image == "my-quiz/photo.jpg"


def test_the_same_bytes_are_the_same_picture_and_another_picture_another_name(
    pack: Path,
) -> None:
    red, blue = png_bytes(colour=(255, 0, 0)), png_bytes(colour=(0, 0, 255))
    first = accept_picture(pack, "my-quiz", "map.png", red)
    again = accept_picture(pack, "my-quiz", "copy of the map.png", red)
    other = accept_picture(pack, "my-quiz", "map.png", blue)
    assert again.image == first.image == "my-quiz/map.png"
    assert other.image == "my-quiz/map-2.png"
    assert other.path.read_bytes() == blue
    assert len(files_under(pack.parent / "my-quiz")) == 2


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../x.png", "x.png"),
        ("..\\..\\..\\windows\\x.png", "x.png"),
        ("/etc/passwd.png", "passwd.png"),
        ("C:\\Users\\teacher\\cat.png", "cat.png"),
        ("evil\x00.png", "evil.png"),
        ("con.png", "con-picture.png"),
        ("LPT1.png", "lpt1-picture.png"),
        ("..", "picture.png"),
        ("", "picture.png"),
        ("   .png", "picture.png"),
    ],
)
def test_whatever_name_is_sent_the_picture_stays_in_the_packs_folder(
    pack: Path, sent: str, kept: str
) -> None:
    root = pack.parent.parent  # the data folder: nothing may appear beside the packs folder
    before = files_under(root)
    accepted = accept_picture(pack, "my-quiz", sent, png_bytes())
    assert accepted.path == pack.parent / "my-quiz" / kept
    assert files_under(root) - before == {accepted.path}


def test_a_pack_id_that_is_no_id_makes_no_folder_outside(pack: Path) -> None:
    accepted = accept_picture(pack, "../../outside", "a.png", png_bytes())
    assert accepted.path.parent == pack.parent / "my-quiz"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"I am a text file named like a picture\n", "not a PNG, JPEG, GIF or WebP"),
        (bomb_png(), "far more pixels than 4096x4096"),
        (animated_gif(), "animated"),
        (png_bytes(40, 40)[:60], "cut short"),
        (b"", "empty"),
    ],
    ids=["fake", "bomb", "animated", "cut-short", "empty"],
)
def test_what_the_game_cannot_show_is_refused_with_its_reason(
    pack: Path, data: bytes, reason: str
) -> None:
    with pytest.raises(PictureRefused) as refused:
        accept_picture(pack, "my-quiz", "picture.png", data)
    assert reason in str(refused.value.said)
    assert not (pack.parent / "my-quiz").exists()


def test_a_file_over_the_cap_is_refused_before_it_is_read(pack: Path) -> None:
    with pytest.raises(PictureRefused) as refused:
        accept_picture(pack, "my-quiz", "big.png", png_bytes(), max_bytes=50)
    assert "larger than" in str(refused.value.said)


def test_a_pictures_folder_that_is_a_link_out_is_refused(pack: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, pack.parent / "my-quiz")
    with pytest.raises(PictureRefused):
        accept_picture(pack, "my-quiz", "a.png", png_bytes())
    assert list(outside.iterdir()) == []


def gradient(width: int, height: int) -> Any:
    """A picture with detail in it (a gradient), as a photo has: Pillow."""
    from PIL import Image

    return Image.linear_gradient("L").resize((width, height)).convert("RGB")


def test_a_picture_larger_than_the_game_shows_is_scaled_down_its_shape_and_format_kept(
    pack: Path,
) -> None:
    out = io.BytesIO()
    gradient(4500, 1500).save(out, "PNG")
    accepted = accept_picture(pack, "my-quiz", "panorama.png", out.getvalue())
    assert accepted.image == "my-quiz/panorama.png"
    assert (accepted.width, accepted.height) == (4096, 1365)
    assert accepted.note is not None
    assert english_text(accepted.note) == (
        "scaled down from 4500x1500 to 4096x1365 pixels, the largest the game shows"
    )
    info = check_picture(accepted.path, max_side=4096)  # the game shows it
    assert (info.format.value, info.width, info.height) == ("PNG", 4096, 1365)
    # a picture small enough is kept byte for byte, with nothing to say
    small = accept_picture(pack, "my-quiz", "small.png", png_bytes(40, 30))
    assert small.note is None
    assert small.path.read_bytes() == png_bytes(40, 30)


def test_a_phone_photo_on_its_side_is_scaled_down_upright(pack: Path) -> None:
    from PIL import Image

    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° to show": a phone held upright
    gradient(4200, 1400).save(out, "JPEG", quality=85, exif=exif)
    accepted = accept_picture(pack, "my-quiz", "IMG_0001.JPG", out.getvalue())
    assert accepted.image == "my-quiz/img-0001.jpg"
    assert (accepted.width, accepted.height) == (1365, 4096)
    assert english_text(accepted.note or "") == (
        "scaled down from 1400x4200 to 1365x4096 pixels, the largest the game shows"
    )
    info = check_picture(accepted.path, max_side=4096)
    assert (info.format.value, info.width, info.height) == ("JPEG", 1365, 4096)


def test_a_picture_too_large_to_scale_is_refused_from_its_header(pack: Path) -> None:
    # 9000x9000 is 81 million pixels, over what is scaled; its header alone is read
    with pytest.raises(PictureRefused) as refused:
        accept_picture(pack, "my-quiz", "huge.png", bomb_png(9000))
    assert "9000x9000" in str(refused.value.said)
    assert "scale it down" in str(refused.value.said)
    assert not (pack.parent / "my-quiz").exists()


# --- a full disk ----------------------------------------------------------------------------

#: Fills the disk the child's packs folder is on, then runs the test's lines: the child's
#: ``packs`` is its packs folder, ``report(value)`` prints what the test reads.
_ON_A_FULL_DISK = """\
import json, os, sys
from pathlib import Path
disk = Path(sys.argv[1])
packs = disk / "data" / "packs"
packs.mkdir(parents=True)
def report(value):
    print("REPORT " + json.dumps(value))
def fill():
    handle = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(handle, bytes(4096))
    except OSError:
        pass
    finally:
        os.close(handle)
"""


def on_a_full_disk(tmp_path: Path, lines: str) -> list[Any]:
    """Run ``lines`` in a child Python whose packs folder is on a disk of its own that it
    fills (a 256 KiB tmpfs mounted in a mount namespace of the child's: ``unshare -m``, as
    root or where user namespaces allow it); every value it reported, in order. Skipped
    where no such disk can be made."""
    import json
    import shutil
    import subprocess
    import sys

    unshare = shutil.which("unshare")
    if unshare is None or sys.platform != "linux":
        pytest.skip("no unshare here to make a small full disk")
    disk = tmp_path / "disk"
    disk.mkdir()
    shell = 'mount -t tmpfs -o size=256k tmpfs "$1" 2>/dev/null || exit 77\nexec "$2" -c "$3" "$1"'
    done = subprocess.run(
        [
            unshare,
            "-m",
            "sh",
            "-c",
            shell,
            "sh",
            str(disk),
            sys.executable,
            _ON_A_FULL_DISK + lines,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode == 77 or done.stderr.startswith("unshare:"):
        pytest.skip("a tmpfs cannot be mounted here")
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    return [json.loads(line.removeprefix("REPORT ")) for line in said]


def test_a_picture_not_written_on_a_full_disk_leaves_no_empty_folder(tmp_path: Path) -> None:
    outcome = on_a_full_disk(
        tmp_path,
        f"""
from clarity.studio.pictures import PictureRefused, accept_picture
pack = packs / "my-quiz.yaml"
pack.write_text("clarity: 1\\nid: my-quiz\\n", encoding="utf-8")
(packs / "earlier").mkdir()  # a folder of the teacher's, empty
fill()
try:
    accept_picture(pack, "my-quiz", "cat.png", {png_bytes(64, 48)!r})
    report({{"said": None, "left": sorted(os.listdir(packs))}})
except PictureRefused as refused:
    report({{"said": str(refused), "left": sorted(os.listdir(packs))}})
try:  # into a pictures folder that is there already: it stays, empty or not
    accept_picture(packs / "earlier.yaml", "earlier", "cat.png", {png_bytes(64, 48)!r})
except PictureRefused:
    pass
report({{"said": None, "left": sorted(os.listdir(packs))}})
""",
    )
    refused, then = outcome
    assert refused["said"] is not None
    assert "No space left on device" in refused["said"]
    assert refused["left"] == ["earlier", "my-quiz.yaml"]  # no my-quiz/ left
    assert then["left"] == ["earlier", "my-quiz.yaml"]
