"""Where the player's data lives: --data-dir, then $CLARITY_DATA_DIR, then the platform."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from clarity.paths import data_dir, user_packs_dir


def test_command_line_value_wins(tmp_path: Path) -> None:
    env = {"CLARITY_DATA_DIR": str(tmp_path / "env")}
    assert data_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"


def test_environment_comes_next(tmp_path: Path) -> None:
    assert data_dir(None, {"CLARITY_DATA_DIR": str(tmp_path / "env")}) == tmp_path / "env"


def test_blank_environment_value_is_ignored() -> None:
    expected = Path(platformdirs.user_data_dir("clarity-challenge", appauthor=False))
    assert data_dir(None, {"CLARITY_DATA_DIR": "  "}) == expected


def test_platform_folder_is_the_fallback() -> None:
    found = data_dir(None, {})
    assert found == Path(platformdirs.user_data_dir("clarity-challenge", appauthor=False))
    assert found.name == "clarity-challenge"


def test_user_packs_live_in_the_data_folder_and_nothing_is_created(tmp_path: Path) -> None:
    folder = data_dir(str(tmp_path / "data"), {})
    assert user_packs_dir(folder) == tmp_path / "data" / "packs"
    assert not (tmp_path / "data").exists()
