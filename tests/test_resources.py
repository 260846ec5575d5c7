"""The bundled packs and assets: inside the wheel, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity import resources

REPO = Path(__file__).resolve().parents[1]


def test_checkout_finds_them_at_the_top_of_the_repository() -> None:
    assert resources.bundled_questions_dir() == REPO / "questions"
    assert resources.bundled_assets_dir() == REPO / "assets"


def test_installed_wheel_finds_them_inside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "clarity"
    (package / "_bundled" / "questions").mkdir(parents=True)
    (package / "_bundled" / "assets").mkdir()
    monkeypatch.setattr(resources, "__file__", str(package / "resources.py"))
    assert resources.bundled_questions_dir() == package / "_bundled" / "questions"
    assert resources.bundled_assets_dir() == package / "_bundled" / "assets"
