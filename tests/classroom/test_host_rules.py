"""The class game's rules the teacher can change: the tile rule (``tile-share``) and the
leaderboard (``leaderboard``) from the settings file, or ``clarity host --tile-share
PERCENT`` and ``--no-leaderboard`` for one game."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clarity import cli
from clarity.classroom import commands
from clarity.classroom.link import HostConfig, HostLink

from .server_devices import Classroom, host_config, hosted, run, wait_for_view, wrong_answer


def _one_right_one_wrong(link: HostLink) -> None:
    async def scenario() -> None:
        async with Classroom(link) as room:
            anna = await room.student("Anna")
            boris = await room.student("Boris")
            link.send(commands.Start())
            await anna.answer_right(await anna.question(1))
            question = await boris.question(1)
            await boris.send(type="answer", question=1, **wrong_answer(question))
            await anna.reveal()

    run(scenario())


def _with_settings(tmp_path: Path, text: str, **changes: Any) -> HostConfig:
    config = host_config(tmp_path, **changes)
    assert config.config_dir is not None
    (config.config_dir / "settings.ini").write_text(f"timer = off\n{text}", encoding="utf-8")
    return config


def test_the_settings_files_tile_share_and_leaderboard_are_the_games_rules(
    tmp_path: Path,
) -> None:
    config = _with_settings(tmp_path, "tile-share = 100\nleaderboard = off\n")
    with hosted(config) as link:
        assert not wait_for_view(link, lambda v: v.phase == "lobby").leaderboard_on
        _one_right_one_wrong(link)
        view = wait_for_view(link, lambda v: v.phase == "reveal")
        assert view.result is not None
        assert view.result.tile_uncovered is False  # half were right: not all of them
        assert view.uncovered == ()
        assert view.leaderboard_on is False


def test_the_hosts_own_options_override_the_settings_file_for_that_game(tmp_path: Path) -> None:
    config = _with_settings(
        tmp_path, "tile-share = 100\nleaderboard = off\n", tile_share=50, leaderboard=True
    )
    with hosted(config) as link:
        _one_right_one_wrong(link)
        view = wait_for_view(link, lambda v: v.phase == "reveal")
        assert view.result is not None
        assert view.result.tile_uncovered is True  # half were right: enough at 50 %
        assert len(view.uncovered) == 1
        assert view.leaderboard_on is True


def test_clarity_host_takes_a_tile_share_and_no_leaderboard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clarity.ui import launch

    asked: list[Any] = []
    monkeypatch.setattr(launch, "start_hosting", lambda options, host: asked.append(host) or 0)
    common = ["--pack", "class-test", "--config-dir", str(tmp_path)]
    assert cli.main(["host", *common, "--tile-share", "75%", "--no-leaderboard"]) == 0
    assert cli.main(["host", *common]) == 0
    given, default = asked
    assert (given.tile_share, given.leaderboard) == (75, False)
    assert (default.tile_share, default.leaderboard) == (None, None)  # the settings file's


def test_clarity_host_refuses_a_tile_share_not_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["host", "--pack", "class-test", "--tile-share", "33"]) == 2
    err = capsys.readouterr().err
    assert "'33' is not a tile share: 25, 50, 75 or 100 (per cent)" in err
