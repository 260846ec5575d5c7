"""A plain ``pip install .`` carries the bundled packs and assets inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("clarity_challenge-*.whl")
    return built


def test_the_wheel_holds_the_bundled_packs_assets_and_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in (ROOT / "questions").glob("*.yaml"):
        assert f"clarity/_bundled/questions/{pack.name}" in names
    for asset in (ROOT / "assets").rglob("*"):
        if asset.is_file():
            assert (
                f"clarity/_bundled/assets/{asset.relative_to(ROOT / 'assets').as_posix()}" in names
            )


def test_the_wheel_holds_the_pages_the_game_serves_and_exports(wheel: Path) -> None:
    # the class game's pages and the exported web game's page, style and scripts are read
    # from the package at run time, not from the checkout
    names = set(zipfile.ZipFile(wheel).namelist())
    src = ROOT / "src"
    for folder in ("clarity/classroom/web", "clarity/formats/web"):
        pages = [p for p in (src / folder).iterdir() if p.suffix in {".html", ".css", ".js"}]
        assert pages, folder
        for page in pages:
            assert page.relative_to(src).as_posix() in names


def test_the_wheel_holds_the_compiled_catalog_of_every_language(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("ru", "be"):
        assert f"clarity/locale/{language}/LC_MESSAGES/clarity.mo" in names


def test_the_installed_wheel_loads_the_default_pack_from_inside_itself(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    script = (
        "from clarity.resources import bundled_questions_dir, bundled_assets_dir\n"
        "from clarity.core.packs.loader import load_pack\n"
        "q = bundled_questions_dir()\n"
        "loaded = load_pack(q / 'union_state.yaml', assets_dir=bundled_assets_dir())\n"
        "assert loaded.ok, loaded.first_error\n"
        "print(q)\n"
        "print(sorted(str(p) for p in loaded.images.values())[0])\n"
        "from clarity.i18n import Translator\n"
        "from clarity.i18n.translator import catalog_path\n"
        "print(catalog_path('be'))\n"
        "print(Translator('be').seconds(5))\n"
    )
    # run from an empty folder so nothing of the checkout is importable or found
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    questions_dir, first_image, catalog, said = done.stdout.splitlines()
    assert Path(questions_dir).is_relative_to(target)
    assert Path(first_image).is_relative_to(target)
    assert Path(catalog).is_relative_to(target)
    assert said == "5 секунд"  # read from the wheel's Belarusian catalog
