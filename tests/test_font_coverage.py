"""The bundled fonts' code points, shipped beside them so the first frame need not read them."""

from __future__ import annotations

import shutil
from pathlib import Path

from clarity.fonts import (
    BUNDLED_FONTS,
    COVERAGE_FILE,
    coverage,
    coverage_listing,
    coverage_ranges,
    read_coverage,
)
from clarity.resources import bundled_assets_dir

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
