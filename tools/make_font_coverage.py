"""Write ``assets/fonts/coverage.json``: the code points each bundled font has a glyph for.

The game reads which characters a font can draw from its ``cmap`` table with fontTools;
for an OpenType CFF font such as Inter that means parsing its glyph names first, some
60 ms that the first frame would wait for. The bundled fonts never change between
releases, so their sets are read here once, with the same fontTools call, and shipped
beside them (``clarity.fonts.coverage`` uses the file when it names a font at its size).
A test checks that the committed file is what this script writes.

Usage::

    python tools/make_font_coverage.py          # after adding or updating a bundled font
"""

from __future__ import annotations

from pathlib import Path

from clarity.fonts import BUNDLED_FONTS, COVERAGE_FILE, coverage_listing

FONTS_DIR = Path(__file__).resolve().parent.parent / "assets" / "fonts"


def bundled_font_names() -> list[str]:
    return [name for pair in BUNDLED_FONTS for name in pair if (FONTS_DIR / name).is_file()]


def main() -> None:
    out = FONTS_DIR / COVERAGE_FILE
    out.write_text(coverage_listing(FONTS_DIR, bundled_font_names()), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
