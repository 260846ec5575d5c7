"""Damage done for real to the database file, and what the game and the commands make of it.

Each kind of damage (a page of each table or index overwritten, the first page, the file
cut short, a garbage file) meets the game's path (open, read, save a round) and every
teacher's command. The rules, whatever the damage: no traceback, one line, nothing
deleted, every round that SQLite can still read kept, the round being played saved.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from clarity import cli
from clarity.store import Player, SavedRound, Store, check_and_repair, open_store
from clarity.store.db import DB_FILENAME
from clarity.store.repair import copy_aside

from .damage import damage_table, overwrite_page, pages_of
from .factories import MONDAY_9AM, add_player, save, try_save
from .filesystems import make_read_only, tmpfs, writable_then_read_only

PLAYERS = 12
ROUNDS = 480  # enough for several leaf pages in every table


@dataclass(frozen=True)
class Saved:
    """What was saved before the damage: every round's id with its player and score."""

    rounds: dict[str, tuple[str, int]]
    player_names: frozenset[str]


def _class_data(data_dir: Path) -> Saved:
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None
    rounds: dict[str, tuple[str, int]] = {}
    with opening.store as store:
        players = [add_player(store, f"Pupil {n:02}") for n in range(PLAYERS)]
        for n in range(ROUNDS):
            player = players[n % PLAYERS]
            saved = save(
                store,
                player.id,
                score=n,
                pack_id=("solar-system", "union-state")[n % 2],
                played_at=MONDAY_9AM + timedelta(minutes=n),
                trophies=["flawless"] if n % 3 == 0 else [],
                medal=("gold", "silver", None)[n % 3],
            )
            rounds[saved.round_id] = (player.name, n)
        store.save_in_progress(players[0].id, "solar-system", {"seed": 1, "actions": []})
    return Saved(rounds, frozenset(p.name for p in players))


def _damage_leaf(name: str, which: int = 1) -> Callable[[Path], int]:
    """Overwrite a leaf page of table or index ``name``; return how many of its rounds
    (rows of ``round``) may be lost with it."""

    def damage(path: Path) -> int:
        leaves = pages_of(path, name, "leaf") or pages_of(path, name)
        page = leaves[min(which, len(leaves) - 1)]
        lost = _cells_on(path, page) if name == "round" else 0
        overwrite_page(path, page)
        return lost

    return damage


def _cells_on(path: Path, page: int) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT ncell FROM dbstat WHERE pageno = ?", (page,)).fetchone()[0])
    finally:
        conn.close()


def _damage_schema_page(path: Path) -> int:
    overwrite_page(path, 1)  # the header and the schema: nothing can be found any more
    return ROUNDS


def _schema_text_not_utf8(path: Path) -> int:
    """A byte of a table's CREATE statement that is not UTF-8: SQLite's message about the
    malformed schema then quotes it, and Python cannot decode the message."""
    data = path.read_bytes()
    at = data.index(b"CREATE TABLE round (") + len(b"CREATE TABLE round ")
    with open(path, "r+b") as file:
        file.seek(at)
        file.write(b"\xa5")
    return ROUNDS


def _truncate(path: Path) -> int:
    with open(path, "r+b") as file:
        file.truncate(path.stat().st_size * 6 // 10)
    return ROUNDS  # which rounds lived in the lost tail depends on the page order


def _garbage(path: Path) -> int:
    path.write_bytes(b"not a database at all " * 500)
    return ROUNDS


DAMAGE: dict[str, Callable[[Path], int]] = {
    "round leaf": _damage_leaf("round", 2),
    "round last leaf": _damage_leaf("round", -1),
    "answer leaf": _damage_leaf("answer", 3),
    "guess leaf": _damage_leaf("guess", 1),
    "round_trophy page": _damage_leaf("round_trophy", 0),
    "player page": _damage_leaf("player", 0),
    "in_progress page": _damage_leaf("in_progress", 0),
    "leaderboard index": _damage_leaf("round_by_pack_player_score", 0),
    "history index": _damage_leaf("round_by_player_time", 0),
    "round uuid index": _damage_leaf("sqlite_autoindex_round_1", 0),
    "first page": _damage_schema_page,
    "schema text not UTF-8": _schema_text_not_utf8,
    "cut short": _truncate,
    "garbage": _garbage,
}


@pytest.fixture(scope="module")
def class_data_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Saved]:
    """The class's data made once (480 rounds, each saved with its fsync, take seconds)."""
    folder = tmp_path_factory.mktemp("class") / "data"
    return folder, _class_data(folder)


@pytest.fixture(params=sorted(DAMAGE), ids=sorted(DAMAGE))
def damaged(
    request: pytest.FixtureRequest, data_dir: Path, class_data_once: tuple[Path, Saved]
) -> tuple[Saved, int, bytes]:
    """Class data, then one kind of damage: what was saved, how many rounds the damage may
    take with it, and the damaged file's bytes."""
    template, saved = class_data_once
    shutil.copytree(template, data_dir)
    lost = DAMAGE[request.param](data_dir / DB_FILENAME)
    return saved, lost, (data_dir / DB_FILENAME).read_bytes()


def _play_as_the_game_does(store: Store) -> SavedRound:
    """The reads of the game's screens, then a finished round saved for a player."""
    players = store.players()
    store.player_overview()
    for player in players:
        store.history(player.id)
        store.earned_trophies(player.id)
        store.player_stats(player.id)
        store.in_progress(player.id)
    for pack_id in store.pack_ids():
        store.leaderboard(pack_id)
    player = store.get_or_create_player("Pupil 00")
    assert isinstance(player, Player), player
    result = try_save(store, player.id, score=12345, played_at=MONDAY_9AM + timedelta(days=3))
    assert isinstance(result, SavedRound), result
    return result


def test_the_game_repairs_any_damage_keeps_what_was_readable_and_saves_the_round(
    damaged: tuple[Saved, int, bytes], data_dir: Path
) -> None:
    saved, may_lose, damaged_bytes = damaged

    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None
    with opening.store as store:
        new_round = _play_as_the_game_does(store)
        said = [opening.notice, *(repair.message for repair in store.repairs)]
        kept = {record.round_id: record for record in store.all_rounds()}

    # the round being played is saved, whatever happened before
    assert new_round.round_id in kept
    # every round SQLite could still read is kept, with its own values
    old = {round_id: record for round_id, record in kept.items() if round_id in saved.rounds}
    assert len(old) >= len(saved.rounds) - may_lose
    for round_id, record in old.items():
        name, score = saved.rounds[round_id]
        assert record.score == score
        # a player whose row was lost is named from the index of names (in lower case)
        assert record.player_name in {name, name.casefold(), f"Recovered player {record.player_id}"}
    # a full check finds any damage the game's reads did not meet, and repairs it too
    checked = check_and_repair(data_dir, now=lambda: MONDAY_9AM)
    assert checked.store is not None
    checked.store.close()
    said.append(checked.notice)
    # the damage was said, in one line each
    lines = [line for line in said if line]
    assert lines, "the damage went unsaid"
    assert all("\n" not in line for line in lines)
    assert all("damaged" in line for line in lines)
    # nothing deleted: a round that was not kept but whose bytes the damage left is in
    # the copies aside (they are the damaged file and its log as the repair found them)
    copies = b"".join(copy.read_bytes() for copy in data_dir.glob(f"{DB_FILENAME}.corrupt-*"))
    assert copies
    for round_id in saved.rounds.keys() - kept.keys():
        if round_id.encode() in damaged_bytes:
            assert round_id.encode() in copies
    # and the repaired file is whole: one more full check finds nothing to repair
    again = check_and_repair(data_dir, now=lambda: MONDAY_9AM)
    assert again.store is not None
    again.store.close()
    assert again.notice is None


TEACHERS_COMMANDS = (
    ("players",),
    ("leaderboard",),
    ("leaderboard", "--csv"),
    ("trophies",),
    ("trophies", "--player", "Pupil 03"),
)


def _folder_state(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def test_the_teachers_commands_read_or_explain_and_change_nothing(
    damaged: tuple[Saved, int, bytes],
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _folder_state(data_dir)
    export = tmp_path / "results.csv"
    commands = [*TEACHERS_COMMANDS, ("results", "--csv", str(export))]
    for command in commands:
        status = cli.main([*command, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        if status != 0:
            assert status == 1, (command, err)
            assert len(err.strip().splitlines()) == 1, (command, err)
            assert "damaged" in err, (command, err)
            assert "clarity repair" in err, (command, err)
        assert _folder_state(data_dir) == before, command
    if export.exists():  # written whole, or not at all
        assert export.read_text(encoding="utf-8-sig").startswith('"player",')


def test_clarity_repair_repairs_then_every_command_reads(
    damaged: tuple[Saved, int, bytes],
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = cli.main(["repair", "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    assert "damaged" in out
    assert len(out.strip().splitlines()) == 1
    assert list(data_dir.glob(f"{DB_FILENAME}.corrupt-*"))

    export = tmp_path / "results.csv"
    # (not trophies --player: a player whose name was on the damaged page has a new one)
    for command in [*TEACHERS_COMMANDS[:-1], ("results", "--csv", str(export))]:
        status = cli.main([*command, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        assert (status, err) == (0, ""), command

    status = cli.main(["repair", "--data-dir", str(data_dir)])
    out, _ = capsys.readouterr()
    assert status == 0
    assert "nothing to repair" in out


def test_a_repair_on_a_full_disk_changes_nothing_and_says_why(tmp_path: Path) -> None:
    """No room for the copy aside: nothing is touched, and saving is off with one line."""
    with tmpfs(tmp_path / "small", "6m") as folder:
        data_dir = folder / "data"
        _class_data(data_dir)
        path = data_dir / DB_FILENAME
        damage_table(path, "player", 0)
        filler = folder / "filler"
        with open(filler, "wb") as out:  # leave less room than the file needs
            free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
            out.write(b"\0" * max(0, free - path.stat().st_size // 2))
        before = _folder_state(data_dir)

        opening = open_store(data_dir, now=lambda: MONDAY_9AM)

        assert opening.store is None
        assert opening.notice is not None
        assert "could not be repaired" in opening.notice
        assert "space" in opening.notice
        assert "\n" not in opening.notice
        assert _folder_state(data_dir) == before


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE round SET played_at = 'last Tuesday' WHERE score = 7",
        "UPDATE round SET medal = 'platinum' WHERE score = 7",
        "UPDATE round SET outcome = 'won-ish' WHERE score = 7",
        "UPDATE answer SET seconds = 'slow' "
        "WHERE round_id = (SELECT id FROM round WHERE score = 7)",
        "UPDATE player SET created_at = 'in spring' WHERE name = 'Pupil 03'",
    ],
)
def test_a_value_that_means_nothing_is_repaired_away_and_the_rest_kept(
    data_dir: Path, change: str, class_data_once: tuple[Path, Saved]
) -> None:
    template, saved = class_data_once
    shutil.copytree(template, data_dir)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    with conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(change)
    conn.close()

    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None
    with opening.store as store:
        _play_as_the_game_does(store)
        store.read_every_row()  # what the game's reads did not meet (an old answer)
        assert store.read_every_row() == []  # one repair left nothing to repair
        kept = {record.round_id for record in store.all_rounds()}
        assert store.saving
        assert store.notice is not None
        assert "damaged" in store.notice

    lost = saved.rounds.keys() - kept
    assert len(lost) <= 1  # only the round with the value that means nothing, if any
    assert all(saved.rounds[round_id][1] == 7 for round_id in lost)


def test_text_that_is_not_utf8_reads_with_a_replacement_character(
    data_dir: Path, class_data_once: tuple[Path, Saved]
) -> None:
    """Bytes that are not UTF-8 in a name (a damaged page, a hand edit): every command
    reads the name with U+FFFD instead of failing on it."""
    template, _ = class_data_once
    shutil.copytree(template, data_dir)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    with conn:
        conn.execute("UPDATE player SET name = CAST(x'416ea0' AS TEXT) WHERE name = 'Pupil 03'")
    conn.close()
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None
    with opening.store as store:
        names = {player.name for player in store.players()}
        assert "An\ufffd" in names
        assert store.read_every_row() == []


def test_two_games_on_one_folder_keep_every_round_when_one_repairs(
    data_dir: Path, class_data_once: tuple[Path, Saved]
) -> None:
    """Two games have the folder open; the first to meet the damage repairs it through
    SQLite, and the other carries on with the repaired file: no round of either is lost."""
    template, saved = class_data_once
    shutil.copytree(template, data_dir)
    path = data_dir / DB_FILENAME
    overwrite_page(path, pages_of(path, "round", "leaf")[-1])  # where new rounds go
    first = open_store(data_dir, now=lambda: MONDAY_9AM).store
    second = open_store(data_dir, now=lambda: MONDAY_9AM).store
    assert first is not None
    assert second is not None
    pupil = first.player_by_name("Pupil 05")
    assert pupil is not None

    new_rounds = [
        try_save(store, pupil.id, score=90_000 + n, played_at=MONDAY_9AM + timedelta(days=n))
        for n, store in enumerate((first, second, first, second))
    ]

    assert all(isinstance(result, SavedRound) for result in new_rounds), new_rounds
    assert len(first.repairs) + len(second.repairs) == 1
    first.close()
    second.close()
    reopened = open_store(data_dir, now=lambda: MONDAY_9AM).store
    assert reopened is not None
    with reopened:
        kept = {record.round_id for record in reopened.all_rounds()}
    assert {result.round_id for result in new_rounds if isinstance(result, SavedRound)} <= kept
    assert len(kept) >= len(saved.rounds) + 4 - 20  # one leaf of rounds at the most


def test_a_lost_schema_version_is_damage_the_rounds_are_kept(
    data_dir: Path, class_data_once: tuple[Path, Saved], capsys: pytest.CaptureFixture[str]
) -> None:
    """The header's schema version zeroed (our tables all there): the reading commands say
    it is damaged, and the repair keeps every round, instead of taking the file for
    another program's and starting empty."""
    template, saved = class_data_once
    shutil.copytree(template, data_dir)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("PRAGMA user_version = 0")
    conn.close()

    assert cli.main(["players", "--data-dir", str(data_dir)]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert cli.main(["repair", "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()

    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None
    with opening.store as store:
        assert opening.notice is None
        assert {record.round_id for record in store.all_rounds()} == saved.rounds.keys()


def test_a_round_whose_player_is_gone_is_found_by_repair_and_kept(
    data_dir: Path, class_data_once: tuple[Path, Saved]
) -> None:
    """A player's row deleted by hand, their rounds left: the lists would leave the rounds
    out without a word; clarity repair finds them and gives them a player."""
    template, saved = class_data_once
    shutil.copytree(template, data_dir)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    with conn:  # foreign keys are off on a plain connection, as in another program
        conn.execute("DELETE FROM player WHERE name = 'Pupil 04'")
    conn.close()

    checked = check_and_repair(data_dir, now=lambda: MONDAY_9AM)

    assert checked.store is not None
    with checked.store as store:
        assert checked.notice is not None
        assert "damaged" in checked.notice
        assert {record.round_id for record in store.all_rounds()} == saved.rounds.keys()
        # the name went with its row (and from the index): the rounds keep a player
        assert "Recovered player 5" in {player.name for player in store.players()}


def test_a_folder_in_the_saved_datas_place_is_said_not_taken_for_no_data(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / DB_FILENAME).mkdir(parents=True)
    for command in (("players",), ("repair",), ("results", "--csv", str(data_dir / "r.csv"))):
        assert cli.main([*command, "--data-dir", str(data_dir)]) == 1
        err = capsys.readouterr().err
        assert (
            err == f"clarity: {data_dir / DB_FILENAME} is a folder, not the saved data: "
            "move it away and try again\n"
        )


_REPAIR_IN_A_PROCESS = """
import sys
from clarity.store import check_and_repair
print("ready", flush=True)
checked = check_and_repair(sys.argv[1])
print(checked.notice, flush=True)
"""


@pytest.mark.slow
def test_a_repair_killed_at_any_moment_loses_nothing(
    class_data_once: tuple[Path, Saved], tmp_path: Path
) -> None:
    """SIGKILL at seeded random moments of a repair, each on the same damage, then a
    start: every round the damage left readable is there, and no working file of the
    killed repair is left."""
    template, saved = class_data_once
    rng = random.Random(10)

    def damaged_copy(name: str) -> tuple[Path, int]:
        data_dir = tmp_path / name
        shutil.copytree(template, data_dir)
        return data_dir, _damage_leaf("round", 2)(data_dir / DB_FILENAME)

    def repair_in_a_process(data_dir: Path) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", _REPAIR_IN_A_PROCESS, str(data_dir)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"  # imported: the repair starts now
        return process

    # One repair left to finish gives how long a repair takes here; the kills land at
    # seeded moments within it, counted from the child's start of the repair, so they
    # land mid-repair however loaded the machine is (a sleep from the process's start
    # landed before the repair had begun in half the tries on a loaded CI machine).
    data_dir, _ = damaged_copy("data-timed")
    process = repair_in_a_process(data_dir)
    started = time.monotonic()
    process.communicate()
    repair_time = time.monotonic() - started
    killed_mid_repair = 0
    for attempt in range(6):
        data_dir, may_lose = damaged_copy(f"data-{attempt}")
        process = repair_in_a_process(data_dir)
        time.sleep(rng.uniform(0.1, 0.9) * repair_time)
        process.kill()
        process.communicate()
        if process.returncode == -signal.SIGKILL and list(data_dir.glob("*.corrupt-*")):
            killed_mid_repair += 1

        checked = check_and_repair(data_dir, now=lambda: MONDAY_9AM)
        assert checked.store is not None, checked.notice
        with checked.store as store:
            kept = {record.round_id for record in store.all_rounds()}
        assert len(kept & saved.rounds.keys()) >= len(saved.rounds) - may_lose
        assert not list(data_dir.glob(f"{DB_FILENAME}.new-*"))
    assert killed_mid_repair >= 2, "too few kills landed during a repair"


_SAVE_ROUNDS_IN_A_PROCESS = """
import sys, time
from datetime import timedelta
sys.path.insert(0, sys.argv[2])
from clarity.store import SavedRound, open_store
from store.factories import MONDAY_9AM, try_save
store = open_store(sys.argv[1], now=lambda: MONDAY_9AM).store
pupil = store.player_by_name("Pupil 07")
for n in range(40):
    saved = try_save(store, pupil.id, score=70_000 + n, played_at=MONDAY_9AM + timedelta(days=9))
    if isinstance(saved, SavedRound):
        print(saved.round_id, flush=True)
    time.sleep(0.01)
store.close()
"""


@pytest.mark.slow
def test_rounds_another_game_saves_during_a_repair_are_kept(
    data_dir: Path, class_data_once: tuple[Path, Saved]
) -> None:
    """A game saving round after round while this one meets damage and repairs: every
    round the other game was told is saved is in the repaired file (a write waits for the
    repair; none is committed between the repair's copy and its putting the copy in place)."""
    template, _ = class_data_once
    shutil.copytree(template, data_dir)
    path = data_dir / DB_FILENAME
    overwrite_page(path, pages_of(path, "round", "leaf")[2])  # old rounds: saving goes on
    this_game = open_store(data_dir, now=lambda: MONDAY_9AM).store
    assert this_game is not None
    tests_folder = Path(__file__).resolve().parents[1]
    other = subprocess.Popen(
        [sys.executable, "-c", _SAVE_ROUNDS_IN_A_PROCESS, str(data_dir), str(tests_folder)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert other.stdout is not None
    first = other.stdout.readline()  # the other game is saving
    assert first
    with this_game:
        for player in this_game.players():  # the reads meet the damage: a repair
            this_game.history(player.id)
        assert len(this_game.repairs) == 1
    told_saved = {first.strip(), *other.stdout.read().split()}
    assert other.wait() == 0

    reopened = open_store(data_dir, now=lambda: MONDAY_9AM).store
    assert reopened is not None
    with reopened:
        kept = {record.round_id for record in reopened.all_rounds()}
    assert len(told_saved) == 40
    assert told_saved <= kept


def test_clarity_repair_on_a_read_only_folder_says_it_repaired_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with writable_then_read_only(tmp_path / "data") as data_dir:
        _class_data_small(data_dir)
        make_read_only(data_dir)
        status = cli.main(["repair", "--data-dir", str(data_dir)])
    out, err = capsys.readouterr()
    assert (status, out) == (1, "")
    assert err == f"clarity: Saving is off: the data folder {data_dir} is read-only.\n"


def _class_data_small(data_dir: Path) -> None:
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None
    with opening.store as store:
        save(store, add_player(store, "Ana").id)


def test_the_same_damage_is_copied_aside_once(
    data_dir: Path, class_data_once: tuple[Path, Saved]
) -> None:
    """A repair that fails or is killed, then tried again at every start, keeps one copy
    of the same damaged bytes, not one more each time; other damage gets its own."""
    template, _ = class_data_once
    shutil.copytree(template, data_dir)
    path = data_dir / DB_FILENAME
    overwrite_page(path, pages_of(path, "round", "leaf")[1])
    first = copy_aside(path, MONDAY_9AM)
    assert copy_aside(path, MONDAY_9AM + timedelta(hours=1)) == first
    overwrite_page(path, pages_of(template / DB_FILENAME, "round", "leaf")[2])
    other = copy_aside(path, MONDAY_9AM + timedelta(hours=2))
    assert other != first
    assert other.read_bytes() == path.read_bytes()


def test_a_killed_repairs_working_files_are_removed_at_the_next_opening(
    data_dir: Path,
) -> None:
    """A repair killed after its file took the old one's place leaves nothing to repair,
    so the opening (not only the next repair) removes its working files."""
    first = open_store(data_dir, now=lambda: MONDAY_9AM).store
    assert first is not None
    first.close()
    leftovers = [data_dir / f"{DB_FILENAME}.new-4242", data_dir / f"{DB_FILENAME}.new-4242-wal"]
    for leftover in leftovers:
        leftover.write_bytes(b"working file of a killed repair")
    (data_dir / "locks").mkdir(exist_ok=True)
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None, opening.notice
    opening.store.close()
    assert not [p for p in leftovers if p.exists()]


@pytest.mark.skipif(sys.platform == "win32", reason="flock: the repair lock of POSIX")
def test_a_repair_running_elsewhere_keeps_its_working_files(data_dir: Path) -> None:
    import fcntl

    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None
    opening.store.close()
    working = data_dir / f"{DB_FILENAME}.new-4343"
    working.write_bytes(b"a repair in another process is building this")
    lock_file = data_dir / "locks" / "repair.lock"
    lock_file.parent.mkdir(exist_ok=True)
    holder = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # as a repair holds it
        reopened = open_store(data_dir, now=lambda: MONDAY_9AM)
        assert reopened.store is not None
        reopened.store.close()
        assert working.exists()
    finally:
        os.close(holder)
