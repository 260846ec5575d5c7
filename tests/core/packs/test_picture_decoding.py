"""One decoder for validate and the game: upright, opaque, whole, one frame, within size.

The files in ``pictures/`` are the cases teachers met (a phone photo with EXIF rotation,
transparent PNGs, an animated WebP, files cut short); the rest are made here with Pillow.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from clarity.core.packs import picture_decoding
from clarity.core.packs.picture_decoding import (
    DecodedPicture,
    NotAPicture,
    PictureError,
    PictureFormat,
    check_picture,
    decode_picture,
)

from ..image_bytes import gif_bytes, jpeg_bytes, png_bytes, webp_lossless_bytes
from . import icc_profiles as icc

CASES = Path(__file__).parent / "pictures"
SIDE = 4096
WHITE = (255, 255, 255)
TEAL = (0, 128, 128)
RED, BLUE, YELLOW = (230, 60, 40), (40, 120, 200), (250, 220, 40)


def decode(path: Path, background: tuple[int, int, int] = WHITE) -> DecodedPicture:
    return decode_picture(path, max_side=SIDE, background=background)


def pixel(picture: DecodedPicture, x: int, y: int) -> tuple[int, int, int]:
    at = 3 * (y * picture.width + x)
    red, green, blue = picture.rgb[at : at + 3]
    return red, green, blue


def near(a: tuple[int, ...], b: tuple[int, ...], slack: int = 12) -> bool:
    return all(abs(x - y) <= slack for x, y in zip(a, b, strict=True))


def saved(path: Path, image: Image.Image, kind: str, **options: object) -> Path:
    image.save(path, kind, **options)
    return path


def refusal(path: Path, **options: object) -> str:
    """The message both ways of opening give; they must agree."""
    with pytest.raises(PictureError) as checked:
        check_picture(path, max_side=options.get("max_side", SIDE))  # type: ignore[arg-type]
    with pytest.raises(PictureError) as decoded:
        decode(path)
    assert str(checked.value) == str(decoded.value)
    return str(checked.value)


# -- upright ---------------------------------------------------------------------------------


def test_the_phone_photo_with_exif_rotation_is_decoded_upright() -> None:
    # stored 300x400 (portrait) with "rotate 90° clockwise": upright it is 400x300, with
    # the red rectangle top left and the yellow disc bottom right
    photo = CASES / "phone-photo-exif-6.jpg"
    with Image.open(photo) as stored:
        assert stored.size == (300, 400)
    picture = decode(photo)
    assert (picture.width, picture.height) == (400, 300)
    assert near(pixel(picture, 80, 60), RED, 30)
    assert near(pixel(picture, 300, 220), YELLOW, 30)
    assert near(pixel(picture, 300, 40), BLUE, 30)
    assert check_picture(photo, max_side=SIDE).width == 400  # validate sees the same shape


def upright_test_card() -> Image.Image:
    """60x40, red in the top left corner, blue elsewhere: any turn or mirror shows."""
    card = Image.new("RGB", (60, 40), BLUE)
    card.paste(RED, (0, 0, 20, 15))
    return card


# what a camera stores for each EXIF orientation, given the upright picture
STORED_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


@pytest.mark.parametrize("orientation", sorted(STORED_AS))
@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_every_exif_orientation_comes_out_upright(
    tmp_path: Path, orientation: int, kind: str
) -> None:
    turn = STORED_AS[orientation]
    stored = upright_test_card() if turn is None else upright_test_card().transpose(turn)
    exif = Image.Exif()
    exif[0x0112] = orientation
    options: dict[str, object] = {"exif": exif.tobytes()}
    if kind != "PNG":
        options["quality"] = 95
    path = saved(tmp_path / f"photo.{kind.lower()}", stored, kind, **options)
    picture = decode(path)
    assert (picture.width, picture.height) == (60, 40)
    assert near(pixel(picture, 3, 3), RED)
    assert near(pixel(picture, 56, 3), BLUE)
    assert near(pixel(picture, 3, 36), BLUE)
    # validate reports the upright size, with or without decoding every pixel
    assert check_picture(path, max_side=SIDE).width == 60
    assert check_picture(path, max_side=SIDE, decode=False).width == 60


# -- opaque ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["transparent-rgba.png", "transparent-palette.png"])
@pytest.mark.parametrize("background", [WHITE, TEAL])
def test_transparent_pixels_are_drawn_over_the_background(
    name: str, background: tuple[int, int, int]
) -> None:
    # the transparent pixels are magenta with alpha 0: never shown as magenta or black
    picture = decode(CASES / name, background)
    assert pixel(picture, 2, 2) == background
    assert pixel(picture, 390, 20) == background
    assert near(pixel(picture, 80, 60), RED, 30)  # the opaque rectangle stays itself


def test_half_transparent_pixels_are_mixed_with_the_background(tmp_path: Path) -> None:
    path = saved(tmp_path / "glass.png", Image.new("RGBA", (4, 4), (255, 0, 0, 128)), "PNG")
    assert near(pixel(decode(path, (0, 0, 255)), 1, 1), (128, 0, 127), 2)


@pytest.mark.parametrize(
    ("mode", "colour", "transparent"),
    [
        ("LA", (90, 0), None),  # greyscale with alpha
        ("L", 90, 90),  # greyscale with one transparent grey (tRNS)
        ("RGB", (90, 90, 90), (90, 90, 90)),  # colour with one transparent colour
    ],
)
def test_every_kind_of_png_transparency_is_flattened(
    tmp_path: Path, mode: str, colour: object, transparent: object
) -> None:
    options = {} if transparent is None else {"transparency": transparent}
    path = saved(tmp_path / "clear.png", Image.new(mode, (3, 3), colour), "PNG", **options)
    assert pixel(decode(path, TEAL), 1, 1) == TEAL


def test_a_transparent_gif_colour_is_flattened(tmp_path: Path) -> None:
    image = Image.new("P", (3, 3), 1)
    image.putpalette([0, 0, 0, 255, 0, 255] + [0] * 762)
    path = saved(tmp_path / "clear.gif", image, "GIF", transparency=1)
    assert pixel(decode(path, TEAL), 1, 1) == TEAL


def test_sixteen_bit_grey_is_scaled_to_eight_bits_not_clipped(tmp_path: Path) -> None:
    grey = Image.new("I;16", (3, 1))
    for x, value in enumerate((0, 32896, 65535)):
        grey.putpixel((x, 0), value)
    picture = decode(saved(tmp_path / "deep.png", grey, "PNG"))
    assert [pixel(picture, x, 0) for x in range(3)] == [(0, 0, 0), (128,) * 3, (255,) * 3]


def test_a_sixteen_bit_grey_pictures_transparent_grey_is_flattened_on_all_16_bits(
    tmp_path: Path,
) -> None:
    # 1000 is the transparent grey; 1001 has the same high byte and stays opaque
    grey = Image.new("I;16", (3, 1))
    for x, value in enumerate((1000, 1001, 40000)):
        grey.putpixel((x, 0), value)
    picture = decode(saved(tmp_path / "deep.png", grey, "PNG", transparency=1000), TEAL)
    assert [pixel(picture, x, 0) for x in range(3)] == [TEAL, (4, 4, 4), (156, 156, 156)]


def png16_rgb_bytes(rows: list[list[tuple[int, int, int]]], transparent: tuple[int, ...]) -> bytes:
    """A 16-bit RGB PNG (which Pillow cannot write) with one transparent colour (tRNS);
    each row filtered by "Sub", so the bytes of a pixel depend on the one before it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    data = b""
    for row in rows:
        plain = b"".join(struct.pack(">3H", *colour) for colour in row)
        sub = bytes((plain[i] - (plain[i - 6] if i >= 6 else 0)) % 256 for i in range(len(plain)))
        data += b"\x01" + sub
    header = struct.pack(">IIBBBBB", len(rows[0]), len(rows), 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tRNS", struct.pack(">3H", *transparent))
        + chunk(b"IDAT", zlib.compress(data))
        + chunk(b"IEND", b"")
    )


def test_a_sixteen_bit_colour_pictures_transparent_colour_is_flattened(tmp_path: Path) -> None:
    clear = (0x1234, 0x5678, 0x9ABC)
    near_miss = (0x1299, 0x5678, 0x9ABC)  # the same high bytes: the same 8-bit colour
    rows = [[clear, near_miss, (0xFFFF, 0, 0)], [(0, 0, 0xFFFF), clear, clear]]
    path = tmp_path / "deep.png"
    path.write_bytes(png16_rgb_bytes(rows, clear))
    picture = decode(path, TEAL)
    assert [pixel(picture, x, 0) for x in range(3)] == [TEAL, (0x12, 0x56, 0x9A), (255, 0, 0)]
    assert [pixel(picture, x, 1) for x in range(3)] == [(0, 0, 255), TEAL, TEAL]
    assert check_picture(path, max_side=SIDE).width == 3


def test_a_cmyk_jpeg_becomes_the_rgb_a_screen_shows(tmp_path: Path) -> None:
    path = saved(tmp_path / "print.jpg", Image.new("CMYK", (8, 8), (0, 255, 255, 0)), "JPEG")
    picture = decode(path)
    assert len(picture.rgb) == 8 * 8 * 3
    assert near(pixel(picture, 4, 4), (255, 0, 0), 20)


def test_decoded_bytes_are_three_a_pixel_row_by_row(tmp_path: Path) -> None:
    image = Image.new("RGB", (5, 2), BLUE)
    image.putpixel((4, 0), RED)
    image.putpixel((0, 1), YELLOW)
    picture = decode(saved(tmp_path / "rows.png", image, "PNG"))
    assert picture.format is PictureFormat.PNG
    assert len(picture.rgb) == 5 * 2 * 3
    assert pixel(picture, 4, 0) == RED
    assert pixel(picture, 0, 1) == YELLOW


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.png", png_bytes(7, 5), PictureFormat.PNG),
        ("a.gif", gif_bytes(7, 5), PictureFormat.GIF),
        ("a.jpg", jpeg_bytes(7, 5), PictureFormat.JPEG),
        ("a.webp", webp_lossless_bytes(7, 5), PictureFormat.WEBP),
    ],
)
def test_each_format_is_decoded_at_its_size(
    tmp_path: Path, name: str, data: bytes, kind: PictureFormat
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    picture = decode(path)
    assert (picture.format, picture.width, picture.height) == (kind, 7, 5)
    assert check_picture(path, max_side=SIDE) == check_picture(path, max_side=SIDE, decode=False)


# -- the colours a screen shows --------------------------------------------------------------

# sRGB colours, a saturated one first, and the values that mean them in Display P3 and
# Adobe RGB (computed by icc_profiles' own matrix arithmetic, not by littlecms): the
# stored bytes a viewer without colour management would show, wrongly
SRGB_COLOURS = [(255, 0, 0), (0, 200, 80), (40, 90, 210), (128, 128, 128)]
P3_STORED = [icc.convert(c, icc.SRGB_IN, icc.P3_OUT) for c in SRGB_COLOURS]
ADOBE_STORED = [icc.convert(c, icc.SRGB_IN, icc.ADOBE_OUT) for c in SRGB_COLOURS]


def swatches(colours: list[tuple[int, int, int]], mode: str = "RGB") -> Image.Image:
    """A 16-pixel square of each colour side by side (whole JPEG blocks, so each comes
    back near its own value)."""
    image = Image.new(mode, (16 * len(colours), 16))
    for index, colour in enumerate(colours):
        image.paste(colour, (16 * index, 0, 16 * index + 16, 16))
    return image


def swatch(picture: DecodedPicture, index: int) -> tuple[int, int, int]:
    return pixel(picture, 16 * index + 8, 8)


LOSSLESS = {"JPEG": {"quality": 100, "subsampling": 0}, "PNG": {}, "WEBP": {"lossless": True}}


def test_the_stored_values_differ_from_the_colours_they_mean() -> None:
    # else the tests below could not tell a converted picture from one shown as stored
    assert P3_STORED[0] == (234, 51, 35)
    for stored in (P3_STORED, ADOBE_STORED):
        assert all(not near(s, c, 12) for s, c in zip(stored[:3], SRGB_COLOURS[:3], strict=True))


@pytest.mark.parametrize("kind", sorted(LOSSLESS))
def test_a_display_p3_photo_shows_the_srgb_colours_it_means(tmp_path: Path, kind: str) -> None:
    # an iPhone's photo: its colours are Display P3 values, with the profile that says so
    path = saved(
        tmp_path / f"phone.{kind.lower()}",
        swatches(P3_STORED),
        kind,
        icc_profile=icc.display_p3(),
        **LOSSLESS[kind],
    )
    picture = decode(path)
    for index, colour in enumerate(SRGB_COLOURS):
        assert near(swatch(picture, index), colour, 3), (index, swatch(picture, index))


def test_an_adobe_rgb_camera_photo_shows_the_srgb_colours_it_means(tmp_path: Path) -> None:
    path = saved(
        tmp_path / "camera.jpg",
        swatches(ADOBE_STORED),
        "JPEG",
        icc_profile=icc.adobe_rgb(),
        **LOSSLESS["JPEG"],
    )
    picture = decode(path)
    for index, colour in enumerate(SRGB_COLOURS):
        assert near(swatch(picture, index), colour, 3), (index, swatch(picture, index))


def test_a_display_p3_colour_outside_srgb_is_what_littlecms_makes_of_it(tmp_path: Path) -> None:
    from PIL import ImageCms

    outside = [(255, 0, 0), (0, 255, 0), (20, 40, 250)]  # P3's own primaries, near enough
    path = saved(tmp_path / "vivid.png", swatches(outside), "PNG", icc_profile=icc.display_p3())
    expected = ImageCms.profileToProfile(
        swatches(outside),
        ImageCms.ImageCmsProfile(io.BytesIO(icc.display_p3())),
        ImageCms.createProfile("sRGB"),
    )
    assert expected is not None
    picture = decode(path)
    assert [swatch(picture, i) for i in range(3)] == [
        expected.getpixel((16 * i + 8, 8)) for i in range(3)
    ]
    assert swatch(picture, 2) != outside[2]


def test_a_greyscale_scan_with_its_profile_shows_the_grey_it_means(tmp_path: Path) -> None:
    # a linear scanner's grey: half the light (128) is what sRGB writes as 188
    path = saved(
        tmp_path / "scan.png", Image.new("L", (4, 4), 128), "PNG", icc_profile=icc.grey_profile(1)
    )
    assert near(pixel(decode(path), 1, 1), (188, 188, 188), 1)


def test_a_cmyk_jpeg_is_printed_by_its_own_profile(tmp_path: Path) -> None:
    inks = {"C": (0, 158, 224), "M": (230, 0, 126), "Y": (255, 237, 0), "K": (35, 31, 32)}
    page = [(255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0), (0, 0, 0, 255), (0, 0, 0, 0)]
    path = saved(
        tmp_path / "print.jpg",
        swatches(page, "CMYK"),  # type: ignore[arg-type]
        "JPEG",
        icc_profile=icc.cmyk_profile(inks),
        **LOSSLESS["JPEG"],
    )
    picture = decode(path)
    shown = [swatch(picture, index) for index in range(5)]
    expected = [inks["C"], inks["M"], inks["Y"], inks["K"], WHITE]
    for got, colour in zip(shown, expected, strict=True):
        assert near(got, colour, 4), shown
    assert not near(shown[0], (0, 255, 255), 40)  # not cyan as Pillow guesses it alone


def test_transparent_parts_stay_the_background_when_the_colours_are_converted(
    tmp_path: Path,
) -> None:
    # the profile converts the picture's colours; the background is already the screen's
    image = Image.new("RGBA", (32, 16), (0, 0, 0, 0))
    image.paste((*P3_STORED[0], 255), (0, 0, 16, 16))
    image.paste((*P3_STORED[1], 128), (16, 0, 32, 16))
    path = saved(tmp_path / "logo.png", image, "PNG", icc_profile=icc.display_p3())
    on_teal = decode(path, TEAL)
    assert near(swatch(on_teal, 0), SRGB_COLOURS[0], 3)
    half = tuple((c + b) / 2 for c, b in zip(SRGB_COLOURS[1], TEAL, strict=True))
    assert near(swatch(on_teal, 1), half, 3)
    clear = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    path = saved(tmp_path / "clear.png", clear, "PNG", icc_profile=icc.display_p3())
    assert pixel(decode(path, TEAL), 2, 2) == TEAL


def test_a_picture_without_a_profile_keeps_its_colours(tmp_path: Path) -> None:
    path = saved(tmp_path / "plain.png", swatches(P3_STORED), "PNG")
    picture = decode(path)
    assert [swatch(picture, i) for i in range(4)] == P3_STORED


def test_an_srgb_profile_leaves_the_colours_as_stored(tmp_path: Path) -> None:
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = saved(tmp_path / "web.png", swatches(P3_STORED), "PNG", icc_profile=srgb)
    picture = decode(path)
    for index, colour in enumerate(P3_STORED):
        assert near(swatch(picture, index), colour, 1)


def lab_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()


@pytest.mark.parametrize(
    ("mode", "profile"),
    [
        ("RGB", b"not a colour profile at all" * 8),  # damaged beyond reading
        ("RGB", icc.display_p3()[:200]),  # cut short
        ("RGB", icc.grey_profile(1.0)),  # a greyscale profile on a colour picture
        ("L", icc.display_p3()),  # and the reverse
        ("RGB", "lab"),  # an abstract Lab profile: nothing a picture is stored in
    ],
)
def test_a_profile_that_cannot_be_used_is_ignored_and_the_picture_shown_as_stored(
    tmp_path: Path, mode: str, profile: bytes | str
) -> None:
    data = lab_profile() if profile == "lab" else profile
    colour = P3_STORED[0] if mode == "RGB" else 90
    path = saved(tmp_path / "odd.png", Image.new(mode, (4, 4), colour), "PNG", icc_profile=data)
    picture = decode(path)
    assert pixel(picture, 1, 1) == (P3_STORED[0] if mode == "RGB" else (90, 90, 90))
    assert check_picture(path, max_side=SIDE).width == 4  # and validate has nothing to say


def test_validate_and_the_game_agree_on_a_profiled_photos_size(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side
    path = saved(
        tmp_path / "phone.jpg",
        Image.new("RGB", (30, 20), P3_STORED[0]),
        "JPEG",
        icc_profile=icc.display_p3(),
        exif=exif.tobytes(),
    )
    picture = decode(path)
    assert (picture.width, picture.height) == (20, 30)
    assert near(pixel(picture, 10, 15), SRGB_COLOURS[0], 4)
    assert check_picture(path, max_side=SIDE) == check_picture(path, max_side=SIDE, decode=False)


# -- whole -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["truncated.png", "truncated.jpg"])
def test_a_picture_cut_short_is_refused(name: str) -> None:
    assert refusal(CASES / name).startswith("the picture is cut short: the file ends before")


@pytest.mark.parametrize(("kind", "cut"), [("PNG", 100), ("JPEG", 100), ("JPEG", 2), ("GIF", 50)])
def test_any_file_cut_short_is_refused(tmp_path: Path, kind: str, cut: int) -> None:
    whole = io.BytesIO()
    Image.effect_noise((64, 48), 40).convert("RGB").save(whole, kind)
    path = tmp_path / f"cut.{kind.lower()}"
    path.write_bytes(whole.getvalue()[:-cut])
    assert refusal(path).startswith("the picture is cut short")


def test_damaged_pixel_data_is_refused_with_the_reason(tmp_path: Path) -> None:
    whole = io.BytesIO()
    Image.effect_noise((64, 48), 40).convert("RGB").save(whole, "PNG")
    data = bytearray(whole.getvalue())
    data[len(data) // 2] ^= 0xFF
    path = tmp_path / "damaged.png"
    path.write_bytes(bytes(data))
    assert refusal(path) == (
        "the picture is damaged: some of its bytes are wrong (copy or download it again, "
        "or open it in a picture editor and save it again)"
    )


CUT_SHORT = (
    "the picture is cut short: the file ends before its last pixels "
    "(copy or download it again, or save it again from a picture editor)"
)
DAMAGED = (
    "the picture is damaged: some of its bytes are wrong (copy or download it again, "
    "or open it in a picture editor and save it again)"
)


def test_an_empty_file_is_called_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    assert refusal(path) == "the file is empty (0 bytes): copy or download the picture again"


def test_a_webp_cut_short_is_called_cut_short(tmp_path: Path) -> None:
    # libwebp says "could not create decoder object" either way; the RIFF length tells
    whole = io.BytesIO()
    Image.effect_noise((64, 48), 40).convert("RGB").save(whole, "WEBP", quality=80)
    path = tmp_path / "cut.webp"
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    assert refusal(path) == CUT_SHORT


def test_a_webp_of_the_right_length_with_bytes_changed_is_called_damaged(tmp_path: Path) -> None:
    whole = io.BytesIO()
    Image.effect_noise((64, 48), 40).convert("RGB").save(whole, "WEBP", quality=80)
    data = bytearray(whole.getvalue())
    start = data.index(b"\x9d\x01\x2a")  # the VP8 frame's start code, the length kept
    data[start : start + 3] = b"\x00\x00\x00"
    path = tmp_path / "damaged.webp"
    path.write_bytes(bytes(data))
    assert refusal(path) == DAMAGED


def test_a_gif_frame_of_no_pixels_is_damaged_in_plain_words(tmp_path: Path) -> None:
    # Pillow: "tile cannot extend outside image"
    screen = b"GIF89a" + struct.pack("<HHBBB", 10, 10, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
    frame = b"\x2c" + struct.pack("<HHHHB", 0, 0, 0, 0, 0) + b"\x02\x02\x44\x01\x00"
    path = tmp_path / "nothing.gif"
    path.write_bytes(screen + frame + b"\x3b")
    assert refusal(path) == (
        "the picture is damaged: its header and its pixels disagree about its size "
        "(copy or download it again, or open it in a picture editor and save it again)"
    )


def _every_damage(data: bytes, step: int) -> Iterator[bytes]:
    """``data`` with one byte changed, and cut short, at every ``step``-th position."""
    for at in range(0, len(data), step):
        changed = bytearray(data)
        changed[at] ^= 0x5A
        yield bytes(changed)
        yield data[:at]


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("PNG", {}),
        ("JPEG", {}),
        ("JPEG", {"progressive": True}),
        ("GIF", {}),
        ("WEBP", {"lossless": True}),
        ("WEBP", {"quality": 80}),
    ],
)
def test_every_damage_is_told_in_a_teachers_words(
    tmp_path: Path, kind: str, options: dict[str, object]
) -> None:
    whole = io.BytesIO()
    Image.effect_noise((12, 8), 40).convert("RGB").save(whole, kind, **options)
    path = tmp_path / f"picture.{kind.lower()}"
    told = set()
    for data in _every_damage(whole.getvalue(), 3):
        path.write_bytes(data)
        try:
            check_picture(path, max_side=SIDE)
        except PictureError as exc:
            told.add(re.sub(r"\d+x\d+ pixels", "WxH pixels", str(exc)))
    teachers_words = {
        CUT_SHORT,
        DAMAGED,
        "the file is empty (0 bytes): copy or download the picture again",
        "the file is not a PNG, JPEG, GIF or WebP image",
        "the picture is WxH pixels; the largest allowed is 4096x4096, so scale it down",
        "the picture is damaged: its header and its pixels disagree about its size "
        "(copy or download it again, or open it in a picture editor and save it again)",
    }
    assert told - teachers_words == set()
    assert {CUT_SHORT, DAMAGED} <= told


def test_what_no_known_case_fits_is_damaged_with_pillows_words_kept_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved(tmp_path / "odd.png", Image.new("RGB", (4, 4)), "PNG")

    def odd(self: Image.Image) -> None:
        raise OSError("a thing never seen before\n" + "x" * 200)

    monkeypatch.setattr(ImageFile.ImageFile, "load", odd)
    assert refusal(path) == (
        f"the picture is damaged and cannot be shown (a thing never seen before {'x' * 54}); "
        "open it in a picture editor and save it again as PNG or JPEG"
    )


def test_a_web_page_saved_as_png_is_not_a_picture(tmp_path: Path) -> None:
    path = tmp_path / "map.png"
    path.write_text("<html>not found</html>")
    with pytest.raises(NotAPicture) as refused:
        check_picture(path, max_side=SIDE)
    assert str(refused.value) == "the file is not a PNG, JPEG, GIF or WebP image"


def test_another_format_pillow_reads_is_not_a_picture_here(tmp_path: Path) -> None:
    path = saved(tmp_path / "map.png", Image.new("RGB", (4, 4)), "BMP")
    with pytest.raises(NotAPicture):
        decode(path)


# -- one picture, not a film -----------------------------------------------------------------

ANIMATED = (
    "the picture is animated (more than one frame); the game shows one still picture, "
    "so save one frame as PNG or JPEG"
)


def test_the_animated_webp_is_refused() -> None:
    assert refusal(CASES / "animated.webp") == ANIMATED


@pytest.mark.parametrize("kind", ["GIF", "PNG", "WEBP"])
def test_animated_gif_png_and_webp_are_refused(tmp_path: Path, kind: str) -> None:
    frames = [Image.new("RGB", (8, 8), colour) for colour in (RED, BLUE, YELLOW)]
    path = saved(
        tmp_path / f"film.{kind.lower()}", frames[0], kind, save_all=True, append_images=frames[1:]
    )
    assert refusal(path) == ANIMATED


def _gif_of_frames(count: int) -> bytes:
    screen = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
    frame = b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return screen + frame * count + b"\x3b"


@pytest.mark.usefixtures("small_bound")
def test_a_gif_of_countless_frames_is_refused_at_its_second(tmp_path: Path) -> None:
    # counting the frames (a tester's 128 MiB GIF: 8.9 million, 48 s) would read far past
    # the bound on reads and be refused as a file of too many pieces instead
    path = tmp_path / "bomb.gif"
    path.write_bytes(_gif_of_frames(MANY))
    assert refusal(path) == ANIMATED
    assert check_picture_header(path) == ANIMATED


def check_picture_header(path: Path) -> str:
    with pytest.raises(PictureError) as refused:
        check_picture(path, max_side=SIDE, decode=False)
    return str(refused.value)


# -- a file made of millions of empty pieces ---------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_with(pieces: bytes, *, after_pixels: bool) -> bytes:
    data = png_bytes(2, 2)
    at = data.index(b"IEND" if after_pixels else b"IDAT") - 4
    return data[:at] + pieces + data[at:]


def _gif_with(pieces: bytes) -> bytes:
    one = _gif_of_frames(1)
    return one[:-1] + pieces + one[-1:]


def _jpeg_with(pieces: bytes) -> bytes:
    data = jpeg_bytes(8, 8)
    return data[:2] + pieces + data[2:]


BOUND = 2_000  # reads of a file, in place of MAX_FILE_READS: the same walks, made small
MANY = 5 * BOUND
TOO_MANY = (
    "the picture is made of far more pieces than a picture needs (chunks, markers or "
    "blocks: 2,000 or more), so it is damaged or made to slow the game down; open it in "
    "a picture editor and save it again"
)


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(picture_decoding, "MAX_FILE_READS", BOUND)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("png", lambda: _png_with(_chunk(b"zzZz", b"") * MANY, after_pixels=False)),
        ("png", lambda: _png_with(_chunk(b"tEXt", b"a\0b") * MANY, after_pixels=False)),
        ("png", lambda: _png_with(_chunk(b"zzZz", b"") * MANY, after_pixels=True)),
        ("jpg", lambda: _jpeg_with(b"\xff\xfe\x00\x02" * MANY)),  # empty comments
        ("gif", lambda: _gif_with(b"\x21\xfe\x00" * MANY)),  # empty comment blocks
        ("gif", lambda: _gif_with(b"\x21\xfe" + b"\x01a" * MANY + b"\x00")),  # 1-byte blocks
    ],
)
@pytest.mark.usefixtures("small_bound")
def test_a_file_of_countless_empty_pieces_is_refused_after_a_bounded_walk(
    tmp_path: Path, name: str, make: Callable[[], bytes]
) -> None:
    # Pillow walks chunks, markers and blocks one by one in Python: 128 MiB of them took
    # a minute before the walk was bounded
    path = tmp_path / f"pieces.{name}"
    path.write_bytes(make())
    assert refusal(path) == TOO_MANY


def test_a_jpeg_of_countless_scans_is_refused_before_decoding(tmp_path: Path) -> None:
    # libjpeg goes over the whole picture for every scan, even an empty repeat: 1,000
    # repeats of a 4096x4096 picture's last scan (130 KB) took 8 s to decode
    whole = io.BytesIO()
    Image.new("RGB", (64, 48), BLUE).save(whole, "JPEG", progressive=True)
    data = whole.getvalue()
    last_scan = data[data.rindex(b"\xff\xda") : -2]
    bomb = data[:-2] + last_scan * (picture_decoding.MAX_JPEG_SCANS + 1) + data[-2:]
    path = tmp_path / "scans.jpg"
    path.write_bytes(bomb)
    assert refusal(path) == (
        "the picture is a JPEG saved in more than 100 passes (a photo has about 10), so it "
        "would take the game minutes to show; open it in a picture editor and save it again"
    )
    path.write_bytes(data[:-2] + last_scan * 40 + data[-2:])  # libjpeg warns, Pillow shows
    assert check_picture(path, max_side=SIDE).width == 64


def test_a_large_gif_is_walked_whole_within_the_bound(tmp_path: Path) -> None:
    # looking for a second frame walks the first frame's blocks: 2 reads each 255 bytes
    noise = Image.effect_noise((1024, 1024), 100).convert("L")
    path = saved(tmp_path / "noise.gif", noise, "GIF")
    assert path.stat().st_size > 1_000_000
    assert check_picture(path, max_side=SIDE).width == 1024


def test_a_phone_photo_with_a_second_hidden_image_is_a_photo(tmp_path: Path) -> None:
    # MPO: the photo and, after it, a preview or depth image, as some phones save them
    photo, preview = Image.new("RGB", (40, 30), RED), Image.new("RGB", (20, 10), BLUE)
    path = saved(tmp_path / "photo.jpg", photo, "MPO", save_all=True, append_images=[preview])
    picture = decode(path)
    assert (picture.format, picture.width, picture.height) == (PictureFormat.JPEG, 40, 30)
    assert near(pixel(picture, 20, 15), RED)


# -- within size, before decoding ------------------------------------------------------------

# 62 bytes: a 10x10 logical screen, then one frame descriptor of 65535x65535 pixels
GIF_FRAME_BOMB = (
    b"GIF89a\x0a\x00\x0a\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
    b"\x2c\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02\x4c\x01\x00\x3b"
).ljust(62, b"\x00")


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to decode pixels fails the test: the refusal must come first."""

    def load(self: object) -> None:
        raise AssertionError("pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)


@pytest.mark.usefixtures("no_decoding")
def test_a_gif_whose_frame_dwarfs_its_screen_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.gif"
    path.write_bytes(GIF_FRAME_BOMB)
    assert len(GIF_FRAME_BOMB) == 62
    message = refusal(path)
    assert "4096x4096" in message
    assert message.startswith("the picture's header claims far more pixels than")


@pytest.mark.parametrize(
    ("frame", "screen", "claimed"),
    [
        ((5000, 2), (2, 2), "5000x2"),  # the frame larger than its screen: the frame counts
        ((2, 2), (2, 4097), "2x4097"),  # the screen larger than its frame: the screen counts
    ],
)
@pytest.mark.usefixtures("no_decoding")
def test_a_gif_counts_at_the_size_that_would_be_allocated(
    tmp_path: Path, frame: tuple[int, int], screen: tuple[int, int], claimed: str
) -> None:
    path = tmp_path / "odd.gif"
    path.write_bytes(gif_bytes(*frame, screen=screen))
    assert refusal(path) == (
        f"the picture is {claimed} pixels; the largest allowed is 4096x4096, so scale it down"
    )


def test_the_size_cap_is_the_one_passed_in(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(png_bytes(8, 6))
    with pytest.raises(PictureError) as refused:
        check_picture(path, max_side=7)
    assert str(refused.value).startswith("the picture is 8x6 pixels; the largest allowed is 7x7")


def test_a_file_larger_than_any_picture_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    path.write_bytes(png_bytes(4, 4) + b"\x00" * 2048)
    with pytest.raises(PictureError, match="a picture can be at most 0 MiB"):
        check_picture(path, max_side=SIDE, max_bytes=1024)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_like_a_picture_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "pipe.png"
    os.mkfifo(path)  # opening it for reading the usual way would wait for a writer
    assert refusal(path) == "is not a picture file (a folder, pipe or device)"


def test_running_out_of_memory_after_decoding_is_the_teachers_reason_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved(tmp_path / "logo.png", Image.new("RGBA", (4, 4), (0, 0, 0, 0)), "PNG")

    def no_memory(*args: object, **options: object) -> None:
        raise MemoryError

    monkeypatch.setattr(Image.Image, "paste", no_memory)  # flattening over the background
    with pytest.raises(PictureError, match=r"^the picture needs more memory to decode than"):
        decode(path)


def test_every_row_is_copied_in_order_however_tall(tmp_path: Path) -> None:
    # wide enough that the rows are copied out in several bands, the last one short
    rows = Image.linear_gradient("L").resize((4096, 700)).convert("RGB")
    picture = decode(saved(tmp_path / "tall.png", rows, "PNG"))
    assert picture.rgb == rows.tobytes()
