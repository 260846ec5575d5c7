"""Inter's CFF outlines rewritten as TrueType ones: the same glyphs, metrics and shapes."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont

from clarity.printing.outlines import has_cff_outlines, truetype_copy
from clarity.resources import bundled_assets_dir

FONTS = bundled_assets_dir() / "fonts"


def copy_of(name: str) -> tuple[TTFont, TTFont]:
    path = FONTS / name
    stat = path.stat()
    return TTFont(str(path)), TTFont(
        io.BytesIO(truetype_copy(path, stat.st_size, stat.st_mtime_ns))
    )


def test_which_fonts_have_cff_outlines(tmp_path: Path) -> None:
    assert has_cff_outlines(FONTS / "Inter-Regular.otf")
    assert not has_cff_outlines(FONTS / "NotoSansArabic-Regular.ttf")
    (tmp_path / "junk.otf").write_bytes(b"OTTO and nothing else")
    assert not has_cff_outlines(tmp_path / "junk.otf")


def glyph_ids(font: TTFont) -> dict[int, int]:
    """The font's cmap as glyph indexes (the copy has no glyph names: post format 3)."""
    return {code: font.getGlyphID(name) for code, name in font.getBestCmap().items()}


def test_the_copy_has_truetype_outlines_and_the_same_glyphs_and_metrics() -> None:
    original, copy = copy_of("Inter-Bold.otf")
    assert "CFF " not in copy
    assert "glyf" in copy
    assert copy.sfntVersion == "\x00\x01\x00\x00"
    assert len(copy.getGlyphOrder()) == len(original.getGlyphOrder())
    assert glyph_ids(copy) == glyph_ids(original)
    original_order, copy_order = original.getGlyphOrder(), copy.getGlyphOrder()
    for index in range(0, len(original_order), 7):
        advance = original["hmtx"][original_order[index]][0]
        assert copy["hmtx"][copy_order[index]][0] == advance
    assert {"GSUB", "GPOS"} <= set(copy.keys())  # kerning and ligatures kept


def test_the_outlines_keep_their_shape() -> None:
    from fontTools.pens.boundsPen import BoundsPen

    original, copy = copy_of("Inter-Regular.otf")
    for character in "AgЖß8":
        bounds = []
        for font in (original, copy):
            name = font.getBestCmap()[ord(character)]
            pen = BoundsPen(font.getGlyphSet())
            font.getGlyphSet()[name].draw(pen)
            bounds.append(pen.bounds)
        assert bounds[0] is not None
        for a, b in zip(bounds[0], bounds[1], strict=True):
            assert abs(a - b) <= 2, (character, bounds)
