"""The printed page: every script the game draws comes out of the PDF, fonts embedded; text
wraps and breaks across pages; blocks are kept whole; pictures fit; files are whole."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from clarity import atomic_files
from clarity.printing.document import (
    PAPER,
    Document,
    PageStyle,
    is_right_to_left,
    needs_shaping,
)
from printing.pdf_reading import (
    page_count,
    page_png,
    page_text,
    pdffont_types,
    pdffonts,
    pdfinfo,
    pdftotext,
    poppler_complaints,
)
from system_packages import require_system_file

# Texts of the Union State in Russian and Belarusian, and a line in each other script the
# game draws with its bundled fonts.
RUSSIAN = "Союзное государство России и Беларуси создано договором 8 декабря 1999 года."
BELARUSIAN = "Саюзная дзяржава Беларусі і Расіі: агульная мытная прастора і ўзаемныя правы."
GREEK = "Η φωτοσύνθεση γίνεται στα φύλλα."
ARABIC = "مرحبا بالعالم"  # no lam-alef: see test_arabic_lam_alef_reads_back_as_poppler_gives
HEBREW = "שלום עולם"
DEVANAGARI = "नमस्ते दुनिया"
THAI = "สวัสดีชาวโลก"
CJK = "中文 日本語 한국어"
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_EMOJI = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"


def new_document(**style: object) -> Document:
    document = Document(PageStyle(**style), title="Worksheet", author="Ms Ivanova")  # type: ignore[arg-type]
    document.keep_together(0)  # the first page
    return document


def write_lines(document: Document, lines: list[str], *, size: float = 12) -> None:
    for line in lines:
        left = document.style.margin
        document.write_block(line, x=left, y=document.pdf.get_y(), width=180, size=size)


def saved(document: Document, tmp_path: Path, name: str = "out.pdf") -> Path:
    target = tmp_path / name
    document.save(target)
    return target


def squashed(text: str) -> str:
    """``text`` without any white space: poppler splits some shaped clusters by a space."""
    return re.sub(r"\s+", "", text)


def test_every_bundled_script_prints_and_reads_back(tmp_path: Path) -> None:
    document = new_document()
    lines = [RUSSIAN, BELARUSIAN, GREEK, ARABIC, HEBREW, DEVANAGARI, THAI]
    write_lines(document, lines)
    write_lines(document, [f"Bold {RUSSIAN}"], size=14)
    text = pdftotext(saved(document, tmp_path))
    for line in (RUSSIAN, BELARUSIAN, GREEK, ARABIC, HEBREW, THAI):
        assert line in text, line
    # poppler puts a space inside दुनिया where the vowel sign i is drawn before its
    # consonant (it reads the glyphs in the order they are drawn); the letters are all there.
    assert squashed(DEVANAGARI) in squashed(text)


def test_arabic_and_hebrew_read_back_in_logical_order(tmp_path: Path) -> None:
    """fpdf2 shapes right-to-left text and draws it in visual order; poppler reorders it
    back, so the words read as typed, first word first (not mirrored)."""
    document = new_document()
    write_lines(document, ["مرحبا بالعالم الجميل", "שלום עולם גדול"])
    text = pdftotext(saved(document, tmp_path))
    assert "مرحبا بالعالم الجميل" in text
    assert "שלום עולם גדול" in text
    assert "ملاعلاب" not in text  # not the letters of بالعالم reversed


def test_a_right_to_left_paragraph_wraps_first_words_first(tmp_path: Path) -> None:
    words = ["אחת", "שתיים", "שלוש", "ארבע", "חמש", "שש", "שבע", "שמונה", "תשע", "עשר"]
    document = new_document()
    document.write_block(" ".join(words), x=15, y=20, width=40, size=14)
    lines = [line for line in pdftotext(saved(document, tmp_path)).splitlines() if line.strip()]
    assert len(lines) >= 3
    read = [word.strip("\u202b\u202c") for line in lines for word in line.split()]
    assert [word for word in read if word] == words
    assert lines[0].strip("\u202b\u202c").startswith("אחת")


def test_arabic_lam_alef_reads_back_as_poppler_gives(tmp_path: Path) -> None:
    """The lam-alef ligature (لا, one glyph for two letters) prints joined, but poppler
    reads its two letters back in drawn (visual) order: السلام comes back as السالم. The
    page is right; only copying the text out of the PDF is wrong, and this test says so
    (should fpdf2 or poppler change, it fails and the comment can go)."""
    document = new_document()
    write_lines(document, ["السلام عليكم"])
    text = pdftotext(saved(document, tmp_path))
    assert "عليكم" in text
    assert "السالم" in text


def test_mixed_line_prints_each_character_in_a_font_that_has_it(tmp_path: Path) -> None:
    document = new_document()
    write_lines(document, ["Hello Привет مرحبا Γειά end"])
    target = saved(document, tmp_path)
    text = pdftotext(target)
    for word in ("Hello", "Привет", "مرحبا", "Γειά", "end"):
        assert word in text
    names = [name for name, _, _ in pdffonts(target)]
    assert any(name.endswith("+Inter") for name in names)
    assert any(name.endswith("+NotoSansArabic") for name in names)
    # Only what the text needs is embedded: no Hebrew, Thai or Devanagari face.
    assert not any("Hebrew" in name or "Thai" in name or "Devanagari" in name for name in names)


@pytest.mark.parametrize("bold", [False, True])
def test_text_after_a_line_in_a_fallback_font_still_prints(tmp_path: Path, bold: bool) -> None:
    """A line that starts or ends in a fallback font (Arabic, Thai) is followed by text in
    Inter that prints: fpdf2 2.8.9 lost the main font there (see _PrintedPDF)."""
    document = new_document()
    blocks = [
        f"{ARABIC}\nLatin one",
        "Latin two",
        f"Start {THAI}\n{HEBREW} end\nLatin three",
        "Latin four",
    ]
    for block in blocks:
        document.write_block(block, x=15, y=document.pdf.get_y(), width=180, size=12, bold=bold)
    text = pdftotext(saved(document, tmp_path))
    for word in ("Latin one", "Latin two", "Start", "Latin three", "Latin four", THAI, ARABIC):
        assert word in text


def test_every_font_is_embedded_as_a_subset(tmp_path: Path) -> None:
    document = new_document()
    write_lines(document, [RUSSIAN, ARABIC, HEBREW, DEVANAGARI, THAI])
    document.write_block(GREEK, x=15, y=document.pdf.get_y(), width=180, size=12, bold=True)
    fonts = pdffonts(saved(document, tmp_path))
    names = {name.split("+")[-1] for name, _, _ in fonts}
    assert {"Inter", "InterBold", "NotoSansArabic", "NotoSansHebrew"} <= names
    assert {"NotoSansDevanagari", "NotoSansThai"} <= names
    assert all(embedded and subset for _, embedded, subset in fonts), fonts


def test_inter_is_embedded_with_truetype_outlines_and_poppler_has_no_complaint(
    tmp_path: Path,
) -> None:
    """fpdf2 put Inter's CFF font in a TrueType slot; the TrueType copy goes in cleanly."""
    document = new_document()
    write_lines(document, [RUSSIAN])
    document.write_block(GREEK, x=15, y=document.pdf.get_y(), width=180, size=12, bold=True)
    target = saved(document, tmp_path)
    types = {name.split("+")[-1]: kind for name, kind in pdffont_types(target).items()}
    assert types == {"Inter": "CID TrueType", "InterBold": "CID TrueType"}
    assert poppler_complaints(target) == []


def test_bold_text_in_a_fallback_script_is_bold(tmp_path: Path) -> None:
    document = new_document()
    write_lines(document, [ARABIC])  # the Arabic face is added before bold is first used
    document.write_block(
        f"Bold {ARABIC}", x=15, y=document.pdf.get_y(), width=180, size=12, bold=True
    )
    names = {name.split("+")[-1] for name, _, _ in pdffonts(saved(document, tmp_path))}
    assert {"NotoSansArabic", "NotoSansArabicBold", "InterBold"} <= names


def test_cjk_prints_with_the_systems_noto_cjk(tmp_path: Path) -> None:
    require_system_file(NOTO_CJK, "fonts-noto-cjk")
    document = new_document()
    write_lines(document, [CJK, f"Mixed 中文 and {RUSSIAN[:6]}"])
    target = saved(document, tmp_path)
    text = pdftotext(target)
    for word in ("中文", "日本語", "한국어", "Mixed", RUSSIAN[:6]):
        assert word in text
    fonts = pdffonts(target)
    assert any("NotoSansCJK" in name and embedded for name, embedded, _ in fonts), fonts


def test_colour_emoji_print_in_colour(tmp_path: Path) -> None:
    require_system_file(NOTO_EMOJI, "fonts-noto-color-emoji")
    document = new_document()
    document.write_block("Well done 🍎 and 😀 again", x=15, y=20, width=180, size=24)
    target = saved(document, tmp_path)
    text = pdftotext(target)
    assert "🍎" in text
    assert "again" in text
    with Image.open(page_png(target, 1, dpi=50)) as page:
        colours = page.convert("RGB").crop((0, 0, page.width, page.height // 6)).getcolors(1 << 16)
    assert any(r > 180 and g < 90 and b < 90 for _, (r, g, b) in colours)  # the red apple


def test_right_to_left_text_starts_at_the_right_margin(tmp_path: Path) -> None:
    """Arabic aligns to its own start, the right, unless asked otherwise; seen on the page."""
    document = new_document()
    document.write_block(ARABIC, x=15, y=20, width=180, size=20)
    document.write_block("Latin", x=15, y=60, width=180, size=20)
    png = page_png(saved(document, tmp_path), 1, dpi=50)
    with Image.open(png) as page:
        gray = page.convert("L")
        mm = page.width / PAPER["a4"][0]

        def ink(x0: float, x1: float, y0: float, y1: float) -> bool:
            box = (round(x0 * mm), round(y0 * mm), round(x1 * mm), round(y1 * mm))
            return gray.crop(box).getextrema()[0] < 128

        assert ink(150, 195, 20, 30)  # Arabic on the right...
        assert not ink(15, 100, 20, 30)
        assert ink(15, 40, 60, 70)  # ...Latin on the left
        assert not ink(100, 195, 60, 70)


def test_is_right_to_left_looks_at_the_first_strong_character() -> None:
    assert is_right_to_left("«" + ARABIC + " Hello")
    assert is_right_to_left("12 " + HEBREW)
    assert not is_right_to_left("Hello " + ARABIC)
    assert not is_right_to_left("123 ...")


def test_only_text_that_needs_it_is_shaped() -> None:
    for plain in ("Question 1: what is 2 + 2?", RUSSIAN, BELARUSIAN, GREEK, "Ünïcødé — «ok» €5\n"):
        assert not needs_shaping(plain), plain
    for shaped in (ARABIC, HEBREW, DEVANAGARI, THAI, CJK, "e\u0301", "a\u200db", "🇧🇾", "Ok 😀"):
        assert needs_shaping(shaped), shaped


def test_a_very_long_text_breaks_across_pages_with_every_word(tmp_path: Path) -> None:
    document = new_document()
    words = [f"w{n:04d}" for n in range(2500)]
    text = " ".join(words)
    expected = document.text_height(text, 180, 11)
    assert expected > 2 * (PAPER["a4"][1] - 30)  # more than two pages of text
    document.write_block(text, x=15, y=document.pdf.get_y(), width=180, size=11)
    target = saved(document, tmp_path)
    pages = page_count(target)
    assert pages >= 3
    read = pdftotext(target).split()
    assert read == words
    assert "w2499" in page_text(target, pages)
    assert "w0000" in page_text(target, 1)


def test_text_height_is_the_height_written(tmp_path: Path) -> None:
    document = new_document()
    text = "A prompt long enough to wrap over a few lines of a narrow column. " * 4
    height = document.text_height(text, 60, 12)
    top = document.pdf.get_y()
    used = document.write_block(text, x=15, y=top, width=60, size=12)
    assert used == pytest.approx(height)
    assert document.pdf.get_y() == pytest.approx(top + height)
    one_line = document.text_height("Short", 60, 12)
    assert one_line == pytest.approx(12 * 25.4 / 72 * 1.3)
    assert height > 3 * one_line


def test_keep_together_moves_a_block_that_would_be_cut(tmp_path: Path) -> None:
    document = new_document()
    filler = "Filler line of an earlier question. " * 3
    while document.space_left() > 18:
        write_lines(document, [filler])
    block = "Question 7: which treaty founded the Union State?\nA) 1996\nB) 1999\nC) 2000"
    height = document.text_height(block, 180, 12)
    assert height > document.space_left()
    document.keep_together(height)
    assert document.pdf.page == 2
    assert document.pdf.get_y() == pytest.approx(document.style.margin)
    document.write_block(block, x=15, y=document.pdf.get_y(), width=180, size=12)
    target = saved(document, tmp_path)
    assert page_count(target) == 2
    second = page_text(target, 2)
    for line in block.splitlines():
        assert line in second
    assert "Question 7" not in page_text(target, 1)


def test_keep_together_adds_no_page_when_the_block_fits_or_the_page_is_empty() -> None:
    document = new_document()
    document.keep_together(400)  # taller than any page: a new page would not help
    assert document.pdf.page == 1
    write_lines(document, ["One line"])
    document.keep_together(50)
    assert document.pdf.page == 1


def make_exif_rotated(path: Path) -> None:
    """A photo as a phone stores it: 100x200 pixels, top half red and bottom half blue, with
    EXIF orientation 6 (turn 90 degrees clockwise to show): upright it is 200x100, blue on
    the left and red on the right."""
    image = Image.new("RGB", (100, 200), "red")
    image.paste((0, 0, 255), (0, 100, 100, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(path, exif=exif)


def test_a_picture_is_drawn_upright_and_fitted(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    make_exif_rotated(photo)
    document = new_document()
    drawn = document.picture(photo, x=20, y=20, width=80, height=80)
    assert drawn == pytest.approx((80, 40))  # aspect kept: upright 2:1
    png = page_png(saved(document, tmp_path), 1, dpi=72)
    with Image.open(png) as page:
        rgb = page.convert("RGB")
        mm = page.width / PAPER["a4"][0]

        def at(x: float, y: float) -> tuple[int, int, int]:
            return rgb.getpixel((round(x * mm), round(y * mm)))

        red, blue, white = at(80, 60), at(40, 60), at(60, 30)
        assert (red[0] > 200, red[2] < 80) == (True, True), red  # right half red
        assert (blue[2] > 200, blue[0] < 80) == (True, True), blue  # left half blue
        assert min(white) > 245, white  # centred: above it, the box is empty


def test_a_picture_drawn_on_many_cards_is_embedded_once(tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    make_exif_rotated(photo)
    other = tmp_path / "other.png"
    Image.new("RGB", (30, 60), "green").save(other)
    document = new_document()
    for n in range(6):
        assert document.picture(photo, x=20, y=20 + 40 * n, width=60, height=30) == (
            pytest.approx((60, 30))
        )
    document.picture(other, x=120, y=20, width=60, height=30)
    # Smaller, but the photo has fewer pixels than 300 dpi either way: the same pixels,
    # which fpdf2 finds by their content.
    document.picture(photo, x=120, y=60, width=30, height=30)
    data = saved(document, tmp_path).read_bytes()
    assert data.count(b"/Subtype /Image") == 2


def test_a_large_photo_is_resampled_to_300_dpi_at_the_size_drawn(tmp_path: Path) -> None:
    photo = tmp_path / "camera.jpg"
    Image.new("RGB", (4000, 3000), (200, 120, 40)).save(photo, quality=80)
    document = new_document()
    assert document.picture(photo, x=20, y=20, width=50, height=50) == pytest.approx((50, 37.5))
    data = saved(document, tmp_path).read_bytes()
    assert b"/Width 591" in data  # 50 mm at 300 dpi
    assert b"/Height 443" in data
    assert len(data) < 200_000


def test_transparent_pixels_print_on_white(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))  # transparent black
    image.paste((0, 160, 0, 255), (50, 0, 100, 100))
    image.save(logo)
    document = new_document()
    assert document.picture(logo, x=20, y=20, width=50, height=50) == pytest.approx((50, 50))
    target = saved(document, tmp_path)
    assert b"/SMask" not in target.read_bytes()  # flattened, not a mask for the viewer
    with Image.open(page_png(target, 1, dpi=72)) as page:
        rgb = page.convert("RGB")
        mm = page.width / PAPER["a4"][0]
        left = rgb.getpixel((round(30 * mm), round(45 * mm)))
        right = rgb.getpixel((round(60 * mm), round(45 * mm)))
    assert min(left) > 245, left
    assert (right[1] > 120, right[0] < 60) == (True, True), right


def test_a_file_that_is_no_picture_draws_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    document = new_document()
    assert document.picture(broken, x=20, y=20, width=50, height=50) == (0, 0)
    assert document.picture(tmp_path / "missing.png", x=20, y=20, width=50, height=50) == (0, 0)


def test_save_leaves_no_temporary_file(tmp_path: Path) -> None:
    document = new_document()
    write_lines(document, [RUSSIAN])
    target = saved(document, tmp_path, "worksheet.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["worksheet.pdf"]
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_failed_save_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "exam.pdf"
    target.write_bytes(b"the exam printed last week")
    document = new_document()
    write_lines(document, [RUSSIAN])

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", disk_full)
    with pytest.raises(atomic_files.FileNotWritten, match="No space left on device"):
        document.save(target)
    monkeypatch.undo()
    assert target.read_bytes() == b"the exam printed last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exam.pdf"]


def build(created: datetime | None = None) -> bytes:
    document = Document(
        PageStyle(language="ru"), title="Экзамен", author="Ms Ivanova", created=created
    )
    document.keep_together(0)
    write_lines(document, [RUSSIAN, ARABIC, THAI])
    return document.output()


def test_the_same_content_gives_the_same_bytes() -> None:
    assert build() == build()
    day = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    assert build(day) == build(day)
    assert build(day) != build(datetime(2026, 12, 2, 9, 30, tzinfo=UTC))


def test_metadata_title_author_language_and_date(tmp_path: Path) -> None:
    undated = tmp_path / "undated.pdf"
    undated.write_bytes(build())
    info = pdfinfo(undated)
    assert info["Title"] == "Экзамен"
    assert info["Author"] == "Ms Ivanova"
    assert info["Creator"] == "Clarity Challenge"
    assert "CreationDate" not in info
    assert b"/Lang (ru)" in undated.read_bytes()
    dated = tmp_path / "dated.pdf"
    dated.write_bytes(build(datetime(2026, 12, 1, 9, 30, tzinfo=UTC)))
    assert "2026" in pdfinfo(dated)["CreationDate"]


def test_letter_paper_and_margins(tmp_path: Path) -> None:
    document = new_document(paper="letter", margin=20)
    write_lines(document, ["Letter"])
    target = saved(document, tmp_path)
    assert pdfinfo(target)["Page size"].startswith("612 x 792")
    assert os.path.getsize(target) > 0


def test_the_fonts_converted_for_a_document_go_with_it() -> None:
    import gc

    document = new_document()
    write_lines(document, [RUSSIAN])
    document.output()
    folder = document._font_folder
    assert folder is not None
    assert (folder / "Inter-Regular.ttf").is_file()
    del document
    gc.collect()
    assert not folder.exists()
