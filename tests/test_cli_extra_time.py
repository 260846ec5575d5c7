"""clarity players --extra-time NAME=VALUE: a teacher sets up a class's extra time by script."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from clarity import cli
from clarity.store import Player, Store, open_store
from clarity.store.db import DB_FILENAME
from store.filesystems import make_read_only, writable_then_read_only

ALLOWED = "the extra time may be: x1, x1.5, x2, x3, none"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder where Ana, Ben Li and Зоя are saved, all with the standard time."""
    folder = tmp_path / "data"
    with _opened(folder) as store:
        for name in ("Ana", "Ben Li", "Зоя"):
            assert isinstance(store.create_player(name), Player)
    return folder


def _opened(folder: Path) -> Store:
    opening = open_store(folder)
    assert opening.store is not None
    return opening.store


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _saved(folder: Path) -> dict[str, float | None]:
    with _opened(folder) as store:
        return {p.name: p.extra_time for p in store.players()}


def _listed(capsys: pytest.CaptureFixture[str], folder: Path) -> dict[str, str]:
    """Each player's Extra time as ``clarity players`` lists it."""
    status, out, err = _run(capsys, "players", "--data-dir", str(folder))
    assert (status, err) == (0, "")
    header, _rule, *lines = out.splitlines()
    column = header.index("Extra time")
    return {line[: header.index("Rounds")].strip(): line[column:].strip() for line in lines}


def test_extra_time_is_set_and_listed_by_clarity_players(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(
        capsys, "players", "--data-dir", str(data), "--extra-time", "ana=x2", "Ben Li=none"
    )
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Ana now has x2 the time per question",
        "Ben Li now has no time limit",
    ]
    assert _saved(data) == {"Ana": 2.0, "Ben Li": None, "Зоя": 1.0}
    assert _listed(capsys, data) == {"Ana": "x2", "Ben Li": "no limit", "Зоя": "x1"}


@pytest.mark.parametrize(
    ("written", "saved", "listed"),
    [
        ("x1.5", 1.5, "x1.5"),
        ("×3", 3.0, "x3"),
        ("2", 2.0, "x2"),
        ("NONE", None, "no limit"),
        ("no limit", None, "no limit"),
        ("x1", 1.0, "x1"),
    ],
)
def test_every_extra_time_is_taken_as_the_settings_write_it(
    data: Path, capsys: pytest.CaptureFixture[str], written: str, saved: float | None, listed: str
) -> None:
    if saved == 1.0:  # back to the standard time from something else
        assert _run(capsys, "players", "--data-dir", str(data), "--extra-time", "Зоя=x3")[0] == 0
    status, _, err = _run(
        capsys, "players", "--data-dir", str(data), "--extra-time", f"Зоя={written}"
    )
    assert (status, err) == (0, "")
    assert _saved(data)["Зоя"] == saved
    assert _listed(capsys, data)["Зоя"] == listed


def test_the_option_may_be_given_more_than_once(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["players", "--extra-time", "Ana=x1.5", "--data-dir", str(data), "--extra-time"]
    status, _, err = _run(capsys, *argv, "Зоя=x3")
    assert (status, err) == (0, "")
    assert _saved(data) == {"Ana": 1.5, "Ben Li": 1.0, "Зоя": 3.0}


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["Ana=x2", "Ben Li=x4"], f'--extra-time "Ben Li=x4": x4 is not allowed; {ALLOWED}'),
        (["Ana=x2", "Ben Li="], f'--extra-time "Ben Li=": nothing is not allowed; {ALLOWED}'),
        (["Ana=x2", "Ben Li"], f'--extra-time "Ben Li" is not NAME=VALUE; {ALLOWED}'),
        (["=x2"], f'--extra-time "=x2" is not NAME=VALUE; {ALLOWED}'),
        (["Ana=x2", "ANA=x3"], '--extra-time: "Ana" is given twice; give each player once'),
    ],
)
def test_a_wrong_value_or_usage_is_refused_with_what_is_allowed_and_changes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str], words: list[str], message: str
) -> None:
    status, out, err = _run(capsys, "players", "--data-dir", str(data), "--extra-time", *words)
    assert (status, out) == (2, "")
    assert err == f"clarity: error: {message}\n"
    assert _saved(data) == {"Ana": 1.0, "Ben Li": 1.0, "Зоя": 1.0}  # Ana=x2 was not kept


def test_a_wrong_value_is_refused_before_the_data_is_looked_at(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    status, _, err = _run(
        capsys, "players", "--data-dir", str(missing), "--extra-time", "Ana=double"
    )
    assert status == 2
    assert err == f'clarity: error: --extra-time "Ana=double": double is not allowed; {ALLOWED}\n'
    assert not missing.exists()


def test_a_player_who_does_not_exist_is_refused_with_the_players_there_are(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(
        capsys, "players", "--data-dir", str(data), "--extra-time", "Ana=x2", "Anna=x3"
    )
    assert (status, out) == (1, "")
    assert err == 'clarity: there is no player called "Anna"; the players are: Ana, Ben Li, Зоя\n'
    assert _saved(data)["Ana"] == 1.0  # all or nothing


def test_no_saved_data_means_no_such_player_and_nothing_is_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    status, _, err = _run(capsys, "players", "--data-dir", str(missing), "--extra-time", "Ana=x2")
    assert status == 1
    assert err == f'clarity: there is no player called "Ana": no players are saved in {missing}\n'
    assert not missing.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run(capsys, "players", "--data-dir", str(empty), "--extra-time", "Ana=x2")[0] == 1
    assert not (empty / DB_FILENAME).exists()


def test_the_plain_listing_still_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    status, _, err = _run(capsys, "players", "--data-dir", str(missing))
    assert status == 1
    assert "does not exist" in err
    assert not missing.exists()


def test_a_read_only_folder_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with writable_then_read_only(tmp_path / "data") as folder:
        with _opened(folder) as store:
            assert isinstance(store.create_player("Ana"), Player)
        make_read_only(folder)
        status, out, err = _run(
            capsys, "players", "--data-dir", str(folder), "--extra-time", "Ana=x2"
        )
        assert (status, out) == (1, "")
        assert err == (
            f"clarity: Saving is off: the data folder {folder} is read-only. Nothing was changed.\n"
        )
        opening = open_store(folder)
        assert opening.store is not None
        with opening.store as store:
            assert [p.extra_time for p in store.players()] == [1.0]


def test_several_players_are_saved_in_one_transaction(data: Path) -> None:
    with _opened(data) as store:
        ana, ben, _ = store.players()
        with pytest.raises(KeyError):  # an id that is gone: a bug, and nothing is saved
            store.set_extra_times({ana.id: 2.0, 999: 3.0})
        assert [p.extra_time for p in store.players()] == [1.0, 1.0, 1.0]
        saved = store.set_extra_times({ben.id: None, ana.id: 1.5})
        assert saved == [
            Player(ben.id, "Ben Li", ben.created_at, extra_time=None),
            Player(ana.id, "Ana", ana.created_at, extra_time=1.5),
        ]


def test_the_readmes_example_runs_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^\$ (clarity players --extra-time .*)\n((?:[^$`].*\n)+)", readme, re.M)
    assert block is not None, "the README shows no clarity players --extra-time"
    command, shown = block.group(1), block.group(2).splitlines()
    folder = tmp_path / "data"
    with _opened(folder) as store:
        for name in ("Ana", "Маша"):
            assert isinstance(store.create_player(name), Player)
    argv = shlex.split(command)[1:]
    status, out, err = _run(capsys, *argv, "--data-dir", str(folder))
    assert (status, err) == (0, "")
    assert out.splitlines() == shown
    assert _listed(capsys, folder) == {"Ana": "no limit", "Маша": "x1.5"}


def test_what_the_russian_table_shows_is_taken_back(
    capsys: pytest.CaptureFixture[str], data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The players table in Russian says «без ограничения» and ×1,5: typed back, they set
    what they say."""
    monkeypatch.setenv("CLARITY_LANG", "ru")
    argv = ["players", "--data-dir", str(data), "--extra-time"]
    assert _run(capsys, *argv, "Ana=без ограничения", "Ben Li=×1,5")[0] == 0
    assert _saved(data) == {"Ana": None, "Ben Li": 1.5, "Зоя": 1.0}
