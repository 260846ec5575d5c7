"""clarity host: the server's two lines on stdout before the window, the lobby in the
window, the server stopped with it; an unknown pack or a port in use is one line and
status 2."""

from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from clarity import cli
from clarity.settings import settings_path
from clarity.ui.app import App

from .conftest import write_play_pack


def folders(tmp_path: Path) -> list[str]:
    data = tmp_path / "data"
    write_play_pack(data / "packs")
    config = tmp_path / "config"
    config.mkdir()
    settings_path(config).write_text("timer = off\n", encoding="utf-8")
    return ["--data-dir", str(data), "--config-dir", str(config)]


def test_host_prints_both_addresses_then_opens_the_lobby_and_stops_with_the_window(
    seen: list[App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["host", "--pack", "play-test", "--bind", "127.0.0.1", "--port", "0"]
    status = cli.main([*argv, *folders(tmp_path), "--size", "1024x768"])
    out, err = capsys.readouterr()
    assert status == 0, err
    students, teacher = out.splitlines()[:2]
    assert students.startswith("students: http://127.0.0.1:")
    assert "?pin=" in students
    assert teacher.startswith("teacher: http://127.0.0.1:")
    assert "token=" in teacher
    (app,) = seen
    assert app.last_top.name == "host-lobby"  # type: ignore[attr-defined]
    port = urlsplit(students.removeprefix("students: ")).port
    assert port is not None
    with pytest.raises(ConnectionRefusedError):  # the server stopped with the window
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_host_of_an_unknown_pack_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["host", "--pack", "no-such-pack", *folders(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith('clarity: there is no pack "no-such-pack"')


def test_host_on_a_port_in_use_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = ["host", "--pack", "play-test", "--bind", "127.0.0.1", "--port", str(port)]
        status = cli.main([*argv, *folders(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("clarity: ")
    assert str(port) in err
    assert "Traceback" not in err
