"""An OpenType font with CFF (PostScript) outlines rewritten with TrueType outlines, to embed.

fpdf2 2.8.9 embeds a CID-keyed CFF font (Noto Sans CJK) correctly, but a name-keyed one
(the bundled Inter) goes into the PDF whole as a ``FontFile2`` of a ``CIDFontType2``, the
slot for TrueType outlines (PDF 32000-1, 9.9): poppler draws it while warning "Mismatch
between font type and embedded font file", and a stricter reader may not. Rewritten with
TrueType (quadratic) outlines, the font is embedded as every reader expects.

The cubic curves become quadratic ones within one font unit (fontTools' ``cu2qu``;
invisible at any printed size); the glyph order, metrics, ``cmap`` and the layout tables
(kerning, ligatures, marks) stay as they are, so HarfBuzz shapes the copy as the original.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

# cu2qu's largest distance between a cubic curve and its quadratic copy, in font units.
MAX_ERROR = 1.0
_MAXP_ZEROED = (
    "maxZones",
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
    "maxComponentDepth",
)


def has_cff_outlines(path: Path) -> bool:
    """Whether the font at ``path`` has a name-keyed ``CFF `` table (a CID-keyed one, as
    in Noto Sans CJK, fpdf2 embeds as it should). False for a file that is no font."""
    from fontTools.ttLib import TTFont, TTLibError  # noqa: PLC0415

    try:
        # The file is opened here so that it is closed when fontTools refuses it.
        with path.open("rb") as file, TTFont(file, lazy=True, fontNumber=0) as font:
            if "CFF " not in font:
                return False
            top = font["CFF "].cff.topDictIndex[0]
            return getattr(top, "ROS", None) is None
    except (OSError, TTLibError, AssertionError, KeyError, ValueError, IndexError):
        return False


@cache
def truetype_copy(path: Path, size: int, modified: int) -> bytes:
    """The font at ``path`` (a name-keyed OpenType CFF font) with TrueType outlines, as the
    bytes of a ``.ttf`` file. ``size`` and ``modified`` (the file's, in ns) are part of the
    key of the per-process cache (some 0.5 s per face for Inter). Raises fontTools' errors
    and :class:`OSError` for a file that cannot be read."""
    from fontTools.pens.cu2quPen import Cu2QuPen  # noqa: PLC0415
    from fontTools.pens.ttGlyphPen import TTGlyphPen  # noqa: PLC0415
    from fontTools.ttLib import TTFont, newTable  # noqa: PLC0415

    del size, modified  # only the cache's key
    with TTFont(str(path), fontNumber=0) as font:
        glyphs = font.getGlyphSet()
        order = font.getGlyphOrder()
        glyf = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = {}
        for name in order:
            pen = TTGlyphPen(None)
            # CFF contours run counter-clockwise, TrueType ones clockwise.
            glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
            glyf.glyphs[name] = pen.glyph()
        del font["CFF "]
        font["glyf"] = glyf
        font["loca"] = newTable("loca")
        metrics = font["hmtx"].metrics
        for name in order:
            glyph = glyf.glyphs[name]
            glyph.recalcBounds(glyf)
            advance, _ = metrics[name]
            metrics[name] = (advance, getattr(glyph, "xMin", 0))
        maxp = font["maxp"]
        maxp.tableVersion = 0x00010000
        for field in _MAXP_ZEROED:
            setattr(maxp, field, 0)
        maxp.maxZones = 1
        font["head"].glyphDataFormat = 0
        font["post"].formatType = 3.0  # no glyph names: a TrueType font needs none
        if "VORG" in font:
            del font["VORG"]
        font.sfntVersion = "\x00\x01\x00\x00"
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
