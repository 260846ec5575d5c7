"""--player on the command line: the demo's rounds saved for that player, bad names refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity import cli
from clarity.store import open_store
from store.filesystems import make_read_only, writable_then_read_only


@pytest.fixture(autouse=True)
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")


def run_demo(tmp_path: Path, data: Path, *extra: str) -> int:
    shots = tmp_path / "shots"
    argv = ["demo", "--screenshot-dir", str(shots), "--seed", "3", "--size", "864x576"]
    return cli.main([*argv, "--data-dir", str(data), *extra])


def test_a_demo_with_a_player_saves_its_round_like_a_players(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    status = run_demo(tmp_path, data, "--player", "  Demo   class ")
    assert status == 0, capsys.readouterr().err
    opening = open_store(data)
    assert opening.store is not None
    with opening.store as store:
        (player,) = store.players()
        assert player.name == "Demo class"
        (record,) = store.history(player.id)
        assert record.pack_id == "union-state"
        assert "first-light" in record.trophies
        assert store.in_progress(player.id) is None  # the finished round replaced it


def test_a_demo_without_a_player_plays_as_a_guest_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    status = run_demo(tmp_path, data)
    assert status == 0, capsys.readouterr().err
    opening = open_store(data)
    assert opening.store is not None
    with opening.store as store:
        assert store.players() == []


def test_a_demo_on_a_read_only_data_folder_plays_and_says_saving_is_off_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with writable_then_read_only(tmp_path / "data") as data:
        make_read_only(data)
        status = run_demo(tmp_path, data, "--player", "Ana")
    err = capsys.readouterr().err
    assert status == 0, err
    lines = [line for line in err.splitlines() if "Saving is off" in line]
    assert lines == [f"clarity: Saving is off: the data folder {data} is read-only."]


def test_an_empty_player_name_is_refused_before_any_window(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = cli.main(
        ["play", "--pack", "union-state", "--player", "   ", "--data-dir", str(tmp_path)]
    )
    assert status == cli.EXIT_USAGE
    assert "--player '   ': Please type a name." in capsys.readouterr().err
