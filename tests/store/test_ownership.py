"""One live game per player: a claim is refused to a second game while the first one lives.

The first tests claim twice in this process (a flock belongs to the open file, so a
second claim here is refused like one from another process). The slow ones start real
games as subprocesses (``hold_player.py``), kill them with SIGKILL, and claim after them.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import clarity
from clarity.store import Player, open_store
from clarity.store.ownership import Claim, HeldElsewhere, claim_player, lock_path

from .factories import MONDAY_9AM
from .filesystems import make_read_only, writable_then_read_only

SCRIPT = Path(__file__).with_name("hold_player.py")
ANA = Player(1, "Ana", MONDAY_9AM)
BOB = Player(2, "Bob", MONDAY_9AM)


@pytest.fixture
def claims() -> Iterator[list[Claim]]:
    """Claims the test took, released after it whatever happens."""
    taken: list[Claim] = []
    yield taken
    for claim in taken:
        claim.release()


def take(data_dir: Path, player: Player, claims: list[Claim]) -> Claim:
    """Claim ``player`` and insist that the claim holds the lock."""
    claim = claim_player(data_dir, player)
    assert isinstance(claim, Claim), claim
    assert claim.guarded
    claims.append(claim)
    return claim


# -- in this process ------------------------------------------------------------------------


def test_a_held_player_is_refused_to_a_second_claim(data_dir: Path, claims: list[Claim]) -> None:
    take(data_dir, ANA, claims)
    refused = claim_player(data_dir, ANA)
    assert isinstance(refused, HeldElsewhere)
    assert refused.player == ANA
    assert (refused.host, refused.pid) == (socket.gethostname(), os.getpid())
    assert refused.here
    assert refused.message == "Ana is already playing in another window."


def test_a_released_player_can_be_claimed_again_and_the_lock_file_stays(
    data_dir: Path, claims: list[Claim]
) -> None:
    first = take(data_dir, ANA, claims)
    first.release()
    assert not first.guarded
    first.release()  # twice is harmless
    take(data_dir, ANA, claims)
    # Never deleted: a deleted lock file lets two games each lock "their" file.
    assert lock_path(data_dir, ANA.id).is_file()


def test_two_players_never_block_each_other(data_dir: Path, claims: list[Claim]) -> None:
    take(data_dir, ANA, claims)
    take(data_dir, BOB, claims)
    assert isinstance(claim_player(data_dir, ANA), HeldElsewhere)
    assert isinstance(claim_player(data_dir, BOB), HeldElsewhere)


def test_a_claim_used_as_a_context_releases_at_its_end(data_dir: Path) -> None:
    with take(data_dir, ANA, []):
        assert isinstance(claim_player(data_dir, ANA), HeldElsewhere)
    again = claim_player(data_dir, ANA)
    assert isinstance(again, Claim)
    again.release()


def test_a_game_on_another_computer_is_named_in_the_message(
    data_dir: Path, claims: list[Claim]
) -> None:
    take(data_dir, ANA, claims)
    # As a game on PC-12 would have written it (the lock is advisory: the note is writable)
    note = json.dumps({"host": "PC-12", "pid": 4321}) + "\n"
    lock_path(data_dir, ANA.id).write_text(note, encoding="utf-8")
    refused = claim_player(data_dir, ANA)
    assert isinstance(refused, HeldElsewhere)
    assert (refused.host, refused.pid) == ("PC-12", 4321)
    assert not refused.here
    assert refused.message == "Ana is already playing on another computer (PC-12)."


@pytest.mark.parametrize("note", ["", "{not json", '["PC-12"]', '{"host": 7, "pid": "x"}'])
def test_a_note_not_written_yet_or_damaged_still_refuses(
    data_dir: Path, claims: list[Claim], note: str
) -> None:
    take(data_dir, ANA, claims)
    lock_path(data_dir, ANA.id).write_text(note, encoding="utf-8")
    refused = claim_player(data_dir, ANA)
    assert isinstance(refused, HeldElsewhere)
    assert (refused.host, refused.pid) == (None, None)
    assert refused.message == "Ana is already playing in another window."


def test_a_read_only_data_folder_gives_a_claim_that_guards_nothing(tmp_path: Path) -> None:
    with writable_then_read_only(tmp_path / "data") as data_dir:
        opening = open_store(data_dir)  # saved data from before, as a class would have
        assert opening.store is not None
        opening.store.close()
        make_read_only(data_dir)
        claims = [claim_player(data_dir, ANA) for _ in range(2)]
        for claim in claims:
            assert isinstance(claim, Claim)
            assert not claim.guarded
            claim.release()
        assert not (data_dir / "locks").exists()


def test_a_data_folder_that_is_a_file_gives_a_claim_that_guards_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    claim = claim_player(blocker, ANA)
    assert isinstance(claim, Claim)
    assert not claim.guarded


# -- real games in other processes ------------------------------------------------------------

needs_sigkill = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def start_game(data_dir: Path, player: str) -> subprocess.Popen[str]:
    """A game playing as ``player`` (``hold_player.py``), its first line not yet read."""
    env = dict(os.environ)
    # The subprocess imports clarity from wherever this test did (installed or src/).
    src = str(Path(clarity.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), str(data_dir), player],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def first_line(game: subprocess.Popen[str]) -> str:
    assert game.stdout is not None
    line = game.stdout.readline()
    if not line:  # it died: show why
        _, errors = game.communicate(timeout=10)
        pytest.fail(f"the game said nothing: {errors}")
    return line.rstrip("\n")


def holding(data_dir: Path, player: str) -> subprocess.Popen[str]:
    game = start_game(data_dir, player)
    assert first_line(game) == "held"
    return game


def refused_line(data_dir: Path, player: str) -> str:
    """What a second game playing as ``player`` says; it ends by itself."""
    game = start_game(data_dir, player)
    line = first_line(game)
    _, errors = game.communicate(input="", timeout=30)
    assert game.returncode == 0, errors
    return line


def stop(game: subprocess.Popen[str]) -> None:
    if game.poll() is None:
        game.kill()
    game.communicate(timeout=10)


@pytest.fixture
def games() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for game in started:
        stop(game)


def store_player(data_dir: Path, name: str) -> Player:
    opening = open_store(data_dir)
    assert opening.store is not None
    player = opening.store.player_by_name(name)
    opening.store.close()
    assert player is not None
    return player


@pytest.mark.slow
def test_a_second_game_is_refused_while_the_first_plays_as_the_player(
    data_dir: Path, games: list[subprocess.Popen[str]]
) -> None:
    games.append(holding(data_dir, "Ana"))
    assert refused_line(data_dir, "Ana") == "refused Ana is already playing in another window."
    refused = claim_player(data_dir, store_player(data_dir, "Ana"))
    assert isinstance(refused, HeldElsewhere)
    assert refused.pid == games[0].pid


@pytest.mark.slow
@needs_sigkill
def test_a_killed_game_no_longer_holds_the_player(
    data_dir: Path, games: list[subprocess.Popen[str]], claims: list[Claim]
) -> None:
    game = holding(data_dir, "Ana")
    games.append(game)
    ana = store_player(data_dir, "Ana")
    assert isinstance(claim_player(data_dir, ana), HeldElsewhere)
    game.send_signal(signal.SIGKILL)
    game.wait(timeout=10)
    assert game.returncode == -signal.SIGKILL
    take(data_dir, ana, claims)  # at once: no timeout to wait out
    claims.pop().release()
    games.append(holding(data_dir, "Ana"))  # and a new game plays as Ana


@pytest.mark.slow
def test_a_game_that_closes_lets_the_player_go(
    data_dir: Path, games: list[subprocess.Popen[str]], claims: list[Claim]
) -> None:
    game = holding(data_dir, "Ana")
    games.append(game)
    output, errors = game.communicate(input="", timeout=30)
    assert (game.returncode, output) == (0, "released\n"), errors
    take(data_dir, store_player(data_dir, "Ana"), claims)


@pytest.mark.slow
def test_games_with_different_players_all_hold_their_own(
    data_dir: Path, games: list[subprocess.Popen[str]]
) -> None:
    games.append(holding(data_dir, "Ana"))
    games.append(holding(data_dir, "Bob"))
    games.append(holding(data_dir, "Маша"))
    assert refused_line(data_dir, "Bob") == "refused Bob is already playing in another window."
