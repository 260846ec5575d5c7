"""What the link guards: one host per data folder, the projector's open files against a
crowd (with the system's low default limit), and a saved game that does not resume whole is
never thrown away unseen."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from clarity.classroom import commands, protocol
from clarity.classroom.link import SET_ASIDE_DIR, GroupCommit, _game_host, start_host_thread
from clarity.i18n import translator_for

from .host_driving import FakeJournal
from .server_devices import WAIT, Classroom, host_config, hosted, run

resource = pytest.importorskip("resource", reason="open-file limits are POSIX")


def test_a_second_host_on_the_same_data_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    config = host_config(tmp_path)
    with hosted(config):
        second = start_host_thread(config)
        assert second.error == "This class game is being hosted already on this computer"
        assert not second.alive
    # the first one gone, the folder is free again
    with hosted(config) as third:
        assert third.error is None


def test_a_second_host_started_by_clarity_host_exits_2(tmp_path: Path) -> None:
    config = host_config(tmp_path)
    assert config.data_dir is not None
    assert config.config_dir is not None
    with hosted(config):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "clarity",
                "host",
                "--pack",
                config.pack_id,
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                str(config.data_dir),
                "--config-dir",
                str(config.config_dir),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "clarity: This class game is being hosted already on this computer"
    ]


_RAISED = """
import resource
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))
from clarity.classroom.server import raise_open_files_limit
print(raise_open_files_limit(), resource.getrlimit(resource.RLIMIT_NOFILE)[0], hard)
"""


def test_the_soft_limit_of_open_files_is_raised_to_the_hard_one() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _RAISED], capture_output=True, text=True, timeout=60, check=True
    )
    said, soft, hard = (int(word) for word in done.stdout.split())
    if hard == resource.RLIM_INFINITY:
        assert soft >= 10_240  # macOS's OPEN_MAX, the most a process may have there
    else:
        assert soft == hard
    assert said == soft


# A projector's process under `ulimit -n 256` (macOS's default; soft and hard: nothing to
# raise): the server starts in its thread, says its addresses, and at "check" opens files as
# the projector opens a scene, its fonts and pictures while the crowd holds its connections.
_CROWDED_HOST = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
from clarity.classroom.link import HostConfig, start_host_thread
fields = json.loads(sys.argv[1])
config = HostConfig(**{k: Path(v) if k.endswith("_dir") else v for k, v in fields.items()})
link = start_host_thread(config)
print(json.dumps({"error": link.error, "url": link.students_url, "pin": link.pin}), flush=True)
for line in sys.stdin:
    if line.strip() == "check":
        opened = []
        try:
            for _ in range(64):
                opened.append(open(sys.executable, "rb"))
            print("opened", len(opened), flush=True)
        except OSError as error:
            print("failed", len(opened), error.errno, flush=True)
        for f in opened:
            f.close()
    else:
        break
link.close()
"""


def test_a_crowd_of_connections_leaves_the_projector_files_and_the_class_a_way_back(
    tmp_path: Path,
) -> None:
    config = host_config(tmp_path)
    fields = {
        "pack_id": config.pack_id,
        "data_dir": str(config.data_dir),
        "config_dir": str(config.config_dir),
        "language": "en",
        "bind": "127.0.0.1",
        "port": 0,
        "seed": 7,
    }
    host = subprocess.Popen(
        [sys.executable, "-c", _CROWDED_HOST, json.dumps(fields)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
    )
    assert host.stdin is not None
    assert host.stdout is not None
    try:
        started = json.loads(host.stdout.readline())
        assert started["error"] is None
        port = int(started["url"].split(":")[2].split("/")[0])

        async def crowd() -> tuple[dict[str, int], str, dict[str, Any]]:
            held = []
            answers = {"200": 0, "503": 0}
            for _ in range(150):  # a page load each, kept alive as a browser keeps it
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                status = (await asyncio.wait_for(reader.readline(), WAIT)).split()[1].decode()
                answers[status] += 1
                held.append(writer)
            host.stdin.write("check\n")  # type: ignore[union-attr]
            host.stdin.flush()  # type: ignore[union-attr]
            checked = await asyncio.to_thread(host.stdout.readline)  # type: ignore[union-attr]
            for writer in held:
                writer.close()
            # the crowd gone, a student joins as ever
            async with aiohttp.ClientSession() as session:
                for _ in range(int(WAIT * 10)):  # its connections are released a moment later
                    try:
                        socket = await session.ws_connect(f"http://127.0.0.1:{port}/ws")
                    except aiohttp.WSServerHandshakeError:
                        await asyncio.sleep(0.1)
                        continue
                    break
                await socket.send_str(
                    json.dumps({"v": 1, "type": "join", "pin": started["pin"], "name": "Anna"})
                )
                while (welcome := await socket.receive_json(timeout=WAIT))["type"] == "hello":
                    pass
                await socket.close()
            return answers, checked, welcome

        answers, checked, welcome = asyncio.run(crowd())
    finally:
        with contextlib.suppress(OSError):  # a host that ended has closed its pipe
            host.stdin.write("quit\n")
            host.stdin.close()
        host.wait(60)
    assert answers["503"] > 0  # the crowd was capped ...
    assert answers["200"] > 0  # ... below the files the process may have, not at nothing
    assert checked.split()[:2] == ["opened", "64"], checked
    assert welcome["type"] == "welcome"


# --- a saved game that does not resume whole ------------------------------------------


class _Saved(FakeJournal):
    def __init__(self, state: dict[str, Any] | None) -> None:
        super().__init__()
        self.state = state

    def load(self, pack_id: str) -> dict[str, Any] | None:
        return self.state

    def class_list(self) -> list[Any]:
        return []


def _saved_game(tmp_path: Path) -> dict[str, Any]:
    """The saved state of a game of two students, question 1 answered by both, question 2
    asked."""
    config = host_config(tmp_path)
    host = _game_host(config, translator_for("en"), GroupCommit(_Saved(None)))
    for conn, name in ((1, "Anna"), (2, "Boris")):
        host.connect(conn, 0.0)
        join = {"v": 1, "type": "join", "pin": host.pin, "name": name}
        host.receive(conn, protocol.parse_client_message(json.dumps(join)), 0.0)
    host.command(commands.Start(), 1.0)
    for conn in (1, 2):
        answer = {"v": 1, "type": "answer", "question": 1, "choice": 1}
        host.receive(conn, protocol.parse_client_message(json.dumps(answer)), 2.0)
    host.command(commands.Next(), 3.0)  # past the reveal (the leaderboard, or question 2)
    host.command(commands.Next(), 4.0)
    state = host.saved_state(5.0)
    assert [move[0] for move in state["round"]["actions"]].count("answer") == 2
    return json.loads(json.dumps(state))


def test_a_damaged_move_resumes_the_game_up_to_it_and_keeps_the_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = _saved_game(tmp_path)
    actions = saved["round"]["actions"]
    second_answer = [i for i, move in enumerate(actions) if move[0] == "answer"][1]
    actions[second_answer][1] = 9  # a student the round never had
    original = json.loads(json.dumps(saved))
    config = host_config(tmp_path)
    host = _game_host(config, translator_for("en"), GroupCommit(_Saved(saved)))

    round_ = host.live_round
    assert [student.name for student in round_.students] == ["Anna", "Boris"]
    assert round_.question_number == 1
    assert round_.actions_taken == second_answer  # every move before the damaged one
    assert host.pin == original["pin"]
    notice = host.view(5.0).notice
    assert notice is not None
    assert "question 1" in notice
    assert f"{second_answer} of {len(actions)} moves" in notice
    assert capsys.readouterr().err.strip() == f"clarity: {notice}"
    assert config.data_dir is not None
    (kept,) = (config.data_dir / SET_ASIDE_DIR).iterdir()
    assert str(kept) in notice
    assert json.loads(kept.read_text(encoding="utf-8")) == original


def test_a_save_that_no_longer_fits_the_pack_is_kept_and_a_new_game_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = _saved_game(tmp_path)
    saved["round"]["questions"] = 99  # the pack changed shape since
    config = host_config(tmp_path)
    journal = _Saved(saved)
    host = _game_host(config, translator_for("en"), GroupCommit(journal))

    view = host.view(0.0)
    assert view.phase == "lobby"
    assert view.roster == ()
    assert view.notice is not None
    assert "cannot go on" in view.notice
    assert capsys.readouterr().err.strip() == f"clarity: {view.notice}"
    assert config.data_dir is not None
    (kept,) = (config.data_dir / SET_ASIDE_DIR).iterdir()
    assert json.loads(kept.read_text(encoding="utf-8")) == saved


def test_a_save_that_cannot_be_kept_aside_is_not_replaced(tmp_path: Path) -> None:
    saved = _saved_game(tmp_path)
    saved["round"]["questions"] = 99
    config = host_config(tmp_path)
    assert config.data_dir is not None
    (config.data_dir / SET_ASIDE_DIR).write_text("a file where the folder goes", encoding="utf-8")
    journal = _Saved(saved)
    with pytest.raises(Exception, match="could not be kept aside") as refused:
        _game_host(config, translator_for("en"), GroupCommit(journal))
    assert type(refused.value).__name__ == "_CannotHost"
    assert journal.saves == []  # nothing written over the saved game


def test_a_whole_game_hosted_again_resumes_without_a_kept_copy(tmp_path: Path) -> None:
    config = host_config(tmp_path)
    with hosted(config) as first:

        async def join() -> None:
            async with Classroom(first) as room:
                await room.student("Anna")

        run(join())
    with hosted(config) as again:
        assert again.error is None
    assert config.data_dir is not None
    assert not (config.data_dir / SET_ASIDE_DIR).exists()
