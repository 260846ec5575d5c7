"""One decoder for validate and the game: upright, opaque, whole, one frame, within size.

The files in ``pictures/`` are the cases teachers met (a phone photo with EXIF rotation,
transparent PNGs, an animated WebP, files cut short); the rest are made here with Pillow.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from clarity.core.packs.picture_decoding import (
    DecodedPicture,
    NotAPicture,
    PictureError,
    PictureFormat,
    check_picture,
    decode_picture,
)

from ..image_bytes import gif_bytes, jpeg_bytes, png_bytes, webp_lossless_bytes

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
    message = refusal(path)
    assert message.startswith("the picture cannot be decoded (")
    assert message.endswith("open it in a picture editor and save it again as PNG or JPEG")


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


def test_the_animated_webp_is_refused() -> None:
    assert refusal(CASES / "animated.webp") == (
        "the picture is animated (2 frames); the game shows one still picture, "
        "so save one frame as PNG or JPEG"
    )


@pytest.mark.parametrize("kind", ["GIF", "PNG", "WEBP"])
def test_animated_gif_png_and_webp_are_refused(tmp_path: Path, kind: str) -> None:
    frames = [Image.new("RGB", (8, 8), colour) for colour in (RED, BLUE, YELLOW)]
    path = saved(
        tmp_path / f"film.{kind.lower()}", frames[0], kind, save_all=True, append_images=frames[1:]
    )
    assert refusal(path).startswith("the picture is animated (3 frames)")


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


def test_every_row_is_copied_in_order_however_tall(tmp_path: Path) -> None:
    # wide enough that the rows are copied out in several bands, the last one short
    rows = Image.linear_gradient("L").resize((4096, 700)).convert("RGB")
    picture = decode(saved(tmp_path / "tall.png", rows, "PNG"))
    assert picture.rgb == rows.tobytes()
