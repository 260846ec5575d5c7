"""The bundled fonts' code points, shipped beside them so the first frame need not read them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clarity.cli import drawable_by_this_computer
from clarity.fonts import (
    BUNDLED_FONTS,
    COVERAGE_FILE,
    FONTCONFIG_ASKS_PER_BLOCK,
    coverage,
    coverage_listing,
    coverage_ranges,
    font_chain,
    read_coverage,
)
from clarity.resources import bundled_assets_dir
from system_packages import require_system_file, require_system_package

FONTS_DIR = bundled_assets_dir() / "fonts"


def bundled_names() -> list[str]:
    return [name for pair in BUNDLED_FONTS for name in pair if (FONTS_DIR / name).is_file()]


def test_the_committed_coverage_file_is_what_the_tool_writes() -> None:
    committed = (FONTS_DIR / COVERAGE_FILE).read_text(encoding="utf-8")
    assert committed == coverage_listing(FONTS_DIR, bundled_names()), (
        "run python tools/make_font_coverage.py after changing a bundled font"
    )


def test_a_listed_font_has_the_code_points_its_cmap_has() -> None:
    inter = FONTS_DIR / "Inter-Regular.otf"
    listed = coverage(inter)
    assert listed == read_coverage(inter)
    assert {ord("ў"), ord("Ё"), ord("é")} <= listed
    assert ord("東") not in listed


def test_a_font_whose_size_differs_from_the_listing_is_read_from_its_file(
    tmp_path: Path,
) -> None:
    font = tmp_path / "Inter-Regular.otf"
    shutil.copyfile(FONTS_DIR / "Inter-Regular.otf", font)
    # A listing that claims only "A" for a file of another size must not be believed.
    (tmp_path / COVERAGE_FILE).write_text(
        '{"Inter-Regular.otf": {"bytes": 1, "ranges": [[65, 65]], "bitmap": false}}',
        encoding="utf-8",
    )
    assert coverage(font) == read_coverage(font)
    assert len(coverage(font)) > 1


def test_a_listing_names_the_font_at_its_size_and_is_believed(tmp_path: Path) -> None:
    font = tmp_path / "Inter-Regular.otf"
    shutil.copyfile(FONTS_DIR / "Inter-Regular.otf", font)
    size = font.stat().st_size
    (tmp_path / COVERAGE_FILE).write_text(
        f'{{"Inter-Regular.otf": {{"bytes": {size}, "ranges": [[65, 67]], "bitmap": false}}}}',
        encoding="utf-8",
    )
    assert coverage(font) == frozenset({65, 66, 67})


def test_code_points_become_runs_of_neighbours() -> None:
    assert coverage_ranges([5, 1, 2, 3, 9, 10]) == [(1, 3), (5, 5), (9, 10)]
    assert coverage_ranges([]) == []


# fontconfig's fc-match stood in by a script: it notes each pattern it is asked about and
# names the font of FONT_FOR (the first pattern part found in the pattern), else Inter.
FAKE_FC_MATCH = """#!/bin/sh
echo "$3" >> "{log}"
case "$3" in
{cases}
  *) printf %s "{fallback}" ;;
esac
"""


def fake_fc_match(tmp_path: Path, fonts: dict[str, Path]) -> tuple[str, Path]:
    """The path of a stand-in ``fc-match`` naming ``fonts[part]`` for a pattern that holds
    ``part``, and the file where it notes the patterns it was asked about."""
    log = tmp_path / "asked.txt"
    log.touch()
    cases = "\n".join(f'  *{part}) printf %s "{path}" ;;' for part, path in fonts.items())
    program = tmp_path / "fc-match"
    program.write_text(
        FAKE_FC_MATCH.format(log=log, cases=cases, fallback=FONTS_DIR / "Inter-Regular.otf"),
        encoding="utf-8",
    )
    program.chmod(0o755)
    return str(program), log


def charset_questions(log: Path) -> list[str]:
    return [line for line in log.read_text(encoding="utf-8").splitlines() if "charset" in line]


def inter_only(tmp_path: Path) -> Path:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copyfile(FONTS_DIR / "Inter-Regular.otf", fonts / "Inter-Regular.otf")
    return fonts


def test_a_character_no_font_of_the_chain_has_is_drawn_by_the_font_fontconfig_names(
    tmp_path: Path,
) -> None:
    # Bengali, Georgian, Cherokee... drew boxes and validate warned, though fontconfig had
    # a font: it was asked only about Chinese, Japanese, Korean and emoji
    hebrew = FONTS_DIR / "NotoSansHebrew-Regular.ttf"
    hebrew_bold = FONTS_DIR / "NotoSansHebrew-Bold.ttf"
    program, log = fake_fc_match(
        tmp_path, {"charset=5e9:weight=bold": hebrew_bold, "charset=5e9": hebrew}
    )
    chain = font_chain(inter_only(tmp_path), system=[], fc_match=program)
    assert chain.can_draw("A")
    assert charset_questions(log) == []  # text the chain draws never asks
    assert chain.can_draw("ש")
    face = chain.faces[chain.face_for("ש")]
    assert (face.path, face.bold_path) == (hebrew, hebrew_bold)
    assert chain.can_draw("ל")  # the font found draws the rest of the script
    assert charset_questions(log) == [
        "sans-serif:charset=5e9",
        "sans-serif:charset=5e9:weight=bold",
    ]


def test_a_character_no_font_has_is_asked_about_once_and_a_block_a_few_times(
    tmp_path: Path,
) -> None:
    program, log = fake_fc_match(tmp_path, {})  # names Inter, which has none of them
    chain = font_chain(inter_only(tmp_path), system=[], fc_match=program)
    assert not chain.can_draw("\u10d0")
    assert not chain.can_draw("\u10d0")
    assert chain.face_for("\u10d0") == 0  # drawn as Inter's box
    assert charset_questions(log) == ["sans-serif:charset=10d0"]
    for code in range(0x10D1, 0x10F0):  # the rest of the Georgian block
        chain.can_draw(chr(code))
    assert len(charset_questions(log)) == FONTCONFIG_ASKS_PER_BLOCK
    chain.can_draw("\U0003fffd")  # another block: asked
    chain.can_draw("\ud800")  # a surrogate, no font has: not asked
    assert charset_questions(log)[-1] == "sans-serif:charset=3fffd"


def test_without_fontconfig_only_the_known_fonts_draw(tmp_path: Path) -> None:
    # Windows and macOS: the bundled fonts and the well-known system places
    chain = font_chain(inter_only(tmp_path), system=[], fc_match="")
    assert not chain.can_draw("ש")
    assert chain.face_for("ש") == 0


@pytest.mark.parametrize(
    ("word", "font"),
    [
        ("বাংলা", "NotoSansBengali-Regular.ttf"),
        ("ᏣᎳᎩ", "NotoSansCherokee-Regular.ttf"),
        ("𐤀𐤁𐤂", "NotoSansPhoenician-Regular.ttf"),
    ],
)
def test_validate_finds_the_system_s_fonts_for_any_script(word: str, font: str) -> None:
    # the tester's packs, checked with this computer's real fontconfig
    require_system_package("fc-match")
    require_system_file(f"/usr/share/fonts/truetype/noto/{font}", "fonts-noto-core")
    can_draw = drawable_by_this_computer()
    assert all(can_draw(character) for character in word)
