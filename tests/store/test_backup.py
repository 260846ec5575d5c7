"""Backup and restore on real folders, real SQLite files and real zip archives.

A backup taken while another process saves rounds is checked for consistency; each kind
of bad archive is refused with every file left as it was.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

import clarity
from clarity.core.packs import loader
from clarity.core.packs.picture_decoding import FORMAT_BY_SUFFIX
from clarity.settings import Refused, Settings, SettingsStore, parse_assignments
from clarity.store import backup, open_store, restore
from clarity.store.backup import BackupRefused, write_backup
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION, migrate
from clarity.store.restore import restore_backup

from .factories import MONDAY_9AM, add_player, save
from .filesystems import make_read_only, tmpfs, writable_then_read_only
from .languages import assert_in_russian, assert_pseudo_translated

NOW = MONDAY_9AM + timedelta(days=3)
MANIFEST = "manifest.json"
SCRIPT = Path(__file__).with_name("play_and_save.py")


# --- what is saved, and how to compare two data folders -------------------------------


def fill(data_dir: Path, settings_file: Path) -> None:
    """Two players with rounds, answers, guesses and trophies; a pack with a picture; settings."""
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None
    with opening.store as store:
        ana, bob = add_player(store, "Ana"), add_player(store, "Боб")
        save(store, ana.id, medal="gold", trophies=["flawless", "first-light"], score=900)
        save(store, ana.id, pack_id="union-state", played_at=MONDAY_9AM + timedelta(days=1))
        save(store, bob.id, medal="silver", time_scale=2.0)
        store.set_extra_time(bob.id, None)
        store.save_in_progress(ana.id, "solar-system", {"actions": [["answer", "Mars", 2.5]]})
    pack = data_dir / "packs" / "birds"
    pack.mkdir(parents=True)
    (pack / "birds.yaml").write_text("title: Birds\n", encoding="utf-8")
    (pack / "robin.png").write_bytes(os.urandom(3000))
    asked = parse_assignments(["timer=off", "text-size=150"])
    assert not isinstance(asked, Refused)
    saved = SettingsStore(settings_file).save(asked.apply(Settings()))
    assert saved.ok, saved.problem


def every_row(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: two databases that hold the same data are equal."""
    conn = sqlite3.connect(database)
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in tables
        }
    finally:
        conn.close()


def every_file(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def everything(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (the data folder, the settings, what lies beside them)."""
    return every_file(root)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "computer"
    folder.mkdir()
    return folder


@pytest.fixture
def settings_file(root: Path) -> Path:
    return root / "config" / "settings.ini"


@pytest.fixture
def made(tmp_path: Path, root: Path, settings_file: Path) -> Path:
    """A backup of a filled data folder on another computer (its own folders)."""
    other = tmp_path / "old-laptop"
    fill(other / "data", other / "config" / "settings.ini")
    written = write_backup(
        tmp_path / "backup.zip", other / "data", other / "config" / "settings.ini", now=NOW
    )
    return written.path


def restore_into(archive: Path, root: Path, *, replace: bool = False) -> restore.Restored:
    return restore_backup(
        archive, root / "data", root / "config" / "settings.ini", replace=replace, now=NOW
    )


# --- backup ------------------------------------------------------------------------------


def test_backup_holds_the_database_packs_settings_and_a_manifest(tmp_path: Path) -> None:
    fill(tmp_path / "data", tmp_path / "config" / "settings.ini")
    written = write_backup(
        tmp_path / "b.zip", tmp_path / "data", tmp_path / "config" / "settings.ini", now=NOW
    )
    with zipfile.ZipFile(written.path) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
    assert names == [
        "manifest.json",
        "clarity.sqlite3",
        "packs/birds/birds.yaml",
        "packs/birds/robin.png",
        "settings/settings.ini",
    ]
    assert manifest == {
        "format": "clarity-backup",
        "format_version": 1,
        "game_version": clarity.__version__,
        "created_at": NOW.isoformat(),
        "schema_version": SCHEMA_VERSION,
        "players": 2,
        "rounds": 3,
        "packs": 1,
        "settings": True,
    }
    assert written.size == written.path.stat().st_size


def test_backup_into_a_folder_is_named_by_the_date(tmp_path: Path) -> None:
    fill(tmp_path / "data", tmp_path / "settings.ini")
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    written = write_backup(stick, tmp_path / "data", tmp_path / "settings.ini", now=NOW)
    assert written.path == stick / "clarity-backup-2026-11-26-0900.zip"


def test_backup_of_nothing_saved_is_refused(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with pytest.raises(BackupRefused, match="there is no saved data, pack or settings") as refused:
        write_backup(tmp_path / "b.zip", tmp_path / "data", tmp_path / "settings.ini", now=NOW)
    assert_in_russian(refused.value.said)
    assert_pseudo_translated(refused.value.said)
    assert not (tmp_path / "b.zip").exists()


def test_backup_never_overwrites_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    fill(tmp_path / "data", tmp_path / "settings.ini")
    report = tmp_path / "report.docx"
    report.write_bytes(b"the head teacher's report")
    with pytest.raises(BackupRefused, match="not a Clarity backup, so it is left alone"):
        write_backup(report, tmp_path / "data", tmp_path / "settings.ini", now=NOW)
    assert report.read_bytes() == b"the head teacher's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.docx", "settings.ini"]


def test_backup_replaces_an_older_backup_of_the_same_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data, tmp_path / "settings.ini")
    write_backup(tmp_path / "b.zip", data, tmp_path / "settings.ini", now=NOW)
    opening = open_store(data)
    assert opening.store is not None
    with opening.store as store:
        add_player(store, "Cy")
    written = write_backup(tmp_path / "b.zip", data, tmp_path / "settings.ini", now=NOW)
    assert written.manifest.players == 3
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_backup_refuses_damaged_saved_data_and_says_how_to_repair(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_bytes(b"SQLite format 3\x00" + b"\x07" * 8000)
    with pytest.raises(BackupRefused, match=r"damaged.*clarity repair"):
        write_backup(tmp_path / "b.zip", data, tmp_path / "settings.ini", now=NOW)
    assert not (tmp_path / "b.zip").exists()


def test_backup_leaves_no_page_of_a_deleted_player(tmp_path: Path) -> None:
    data = tmp_path / "data"
    opening = open_store(data)
    assert opening.store is not None
    with opening.store as store:
        gone = add_player(store, "Zyxwvut Qwertyuiop")
        save(store, gone.id)
        store.delete_player(gone.id)
    written = write_backup(tmp_path / "b.zip", data, tmp_path / "settings.ini", now=NOW)
    with zipfile.ZipFile(written.path) as archive:
        assert b"Zyxwvut" not in archive.read(DB_FILENAME)


def test_a_full_disk_leaves_the_previous_backup_whole(tmp_path: Path) -> None:
    data, settings = tmp_path / "data", tmp_path / "settings.ini"
    fill(data, settings)
    with tmpfs(tmp_path / "stick", "360k") as stick:
        first = write_backup(stick / "b.zip", data, settings, now=NOW).path.read_bytes()
        (data / "packs" / "birds" / "eagle.png").write_bytes(os.urandom(300_000))
        with pytest.raises(BackupRefused, match=r"b\.zip: cannot be written .*No space left"):
            write_backup(stick / "b.zip", data, settings, now=NOW)
        assert (stick / "b.zip").read_bytes() == first
        assert [p.name for p in stick.iterdir()] == ["b.zip"]


def _start_saving(data_dir: Path, rounds: int) -> subprocess.Popen[str]:
    env = dict(os.environ)
    src = str(Path(clarity.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), str(data_dir), "Ana", str(rounds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_backup_while_a_game_saves_rounds_is_consistent(tmp_path: Path) -> None:
    data = tmp_path / "data"
    game = _start_saving(data, rounds=400)
    try:
        assert game.stdout is not None
        assert game.stdout.readline() == "ready\n"
        taken = []
        while game.poll() is None and len(taken) < 6:
            target = tmp_path / f"b{len(taken)}.zip"
            taken.append(write_backup(target, data, tmp_path / "settings.ini", now=NOW))
    finally:
        _, errors = game.communicate(timeout=120)
    assert game.returncode == 0, errors
    assert len(taken) >= 2, "the game finished before two backups were taken"
    for written in taken:
        with zipfile.ZipFile(written.path) as archive:
            copy = tmp_path / f"{written.path.stem}.sqlite3"
            copy.write_bytes(archive.read(DB_FILENAME))
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rounds = conn.execute("SELECT count(*) FROM round").fetchone()[0]
        # each round of play_and_save has 3 answers, 2 guesses, 1 trophy, all in one commit
        per_table = [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("answer", "guess", "round_trophy")
        ]
        conn.close()
        assert per_table == [3 * rounds, 2 * rounds, rounds]
        assert written.manifest.rounds == rounds


# --- restore -----------------------------------------------------------------------------


def test_round_trip_restores_every_row_pack_and_setting(
    tmp_path: Path, root: Path, made: Path
) -> None:
    restored = restore_into(made, root)
    old = tmp_path / "old-laptop"
    assert every_row(root / "data" / DB_FILENAME) == every_row(old / "data" / DB_FILENAME)
    assert every_file(root / "data" / "packs") == every_file(old / "data" / "packs")
    assert (root / "config" / "settings.ini").read_bytes() == (
        old / "config" / "settings.ini"
    ).read_bytes()
    assert (restored.data_aside, restored.settings_aside) == (None, None)
    assert (restored.manifest.players, restored.manifest.rounds) == (2, 3)
    # and the game reads it as its own
    opening = open_store(root / "data")
    assert opening.store is not None
    assert opening.notice is None
    with opening.store as store:
        assert [p.name for p in store.players()] == ["Ana", "Боб"]
    assert sorted(p.name for p in root.iterdir()) == ["config", "data"]  # nothing left behind


def test_restore_over_saved_data_is_refused_and_changes_nothing(root: Path, made: Path) -> None:
    fill(root / "data", root / "config" / "settings.ini")
    before = everything(root)
    with pytest.raises(
        BackupRefused, match=r"already holds 2 players and 3 rounds.*--replace"
    ) as refused:
        restore_into(made, root)
    assert "уже есть 2 игрока и 3 раунда" in assert_in_russian(refused.value.said)
    assert "--replace" in assert_pseudo_translated(refused.value.said)
    assert everything(root) == before


def test_restore_over_other_settings_is_refused_without_replace(
    root: Path, made: Path, settings_file: Path
) -> None:
    SettingsStore(settings_file).save(Settings())
    before = everything(root)
    with pytest.raises(BackupRefused, match="other settings than the backup's"):
        restore_into(made, root)
    assert everything(root) == before


def test_replace_keeps_the_old_data_and_settings_aside(
    root: Path, made: Path, settings_file: Path
) -> None:
    opening = open_store(root / "data")
    assert opening.store is not None
    with opening.store as store:
        add_player(store, "Here Before")
    SettingsStore(settings_file).save(Settings())
    before = everything(root)
    restored = restore_into(made, root, replace=True)
    assert restored.data_aside == root / "data.before-restore-20261126-090000"
    assert (
        restored.settings_aside == root / "config" / "settings.ini.before-restore-20261126-090000"
    )
    # everything that was there, plus the lock the restore held on the player meanwhile
    kept = every_file(restored.data_aside)
    assert kept.pop("locks/player-1.lock")
    assert kept == {k.removeprefix("data/"): v for k, v in before.items() if k.startswith("data/")}
    assert restored.settings_aside.read_bytes() == before["config/settings.ini"]
    names = [row[1] for row in every_row(root / "data" / DB_FILENAME)["player"]]
    assert sorted(names) == ["Ana", "Боб"]


def test_packs_already_there_are_kept_beside_the_backups(root: Path, made: Path) -> None:
    mine = root / "data" / "packs" / "rivers.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("title: Rivers\n", encoding="utf-8")
    restored = restore_into(made, root)
    assert restored.packs_kept == 1
    assert sorted(every_file(root / "data" / "packs")) == [
        "birds/birds.yaml",
        "birds/robin.png",
        "rivers.yaml",
    ]
    assert restored.data_aside is not None  # the folder it was in is kept whole, aside
    assert every_file(restored.data_aside / "packs") == {"rivers.yaml": b"title: Rivers\n"}


def test_a_pack_of_the_same_name_with_other_contents_is_refused(root: Path, made: Path) -> None:
    clash = root / "data" / "packs" / "birds" / "birds.yaml"
    clash.parent.mkdir(parents=True)
    clash.write_text("title: My own birds\n", encoding="utf-8")
    before = everything(root)
    with pytest.raises(BackupRefused, match=r"birds\.yaml: the backup holds another file"):
        restore_into(made, root)
    assert everything(root) == before
    assert sorted(p.name for p in root.iterdir()) == ["data"]


# --- bad archives: each refused, nothing changed -----------------------------------------


def rezip(
    good: Path,
    bad: Path,
    *,
    edit: Callable[[str, bytes], tuple[str, bytes] | None] = lambda n, d: (n, d),
    extra: tuple[tuple[str, bytes], ...] = (),
) -> Path:
    """A copy of the archive ``good`` with its members edited (None: left out) or added."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            edited = edit(info.filename, source.read(info))
            if edited is not None:
                out.writestr(edited[0], edited[1])
        for name, data in extra:
            out.writestr(name, data)
    return bad


def _manifest_with(**changes: object) -> Callable[[str, bytes], tuple[str, bytes]]:
    def edit(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "manifest.json":
            return name, json.dumps({**json.loads(data), **changes}).encode()
        return name, data

    return edit


def _newer_schema(tmp_path: Path) -> Callable[[str, bytes], tuple[str, bytes]]:
    def edit(name: str, data: bytes) -> tuple[str, bytes]:
        if name != DB_FILENAME:
            return name, data
        copy = tmp_path / "newer.sqlite3"
        copy.write_bytes(data)
        conn = sqlite3.connect(copy)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.close()
        return name, copy.read_bytes()

    return edit


def _flip_bytes_of_member(good: Path, bad: Path, name: str) -> Path:
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for at in range(start + 100, start + 400):
        data[at] ^= 0x5A
    bad.write_bytes(bytes(data))
    return bad


BAD_ARCHIVES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "not a zip": (
        lambda good, bad: (bad.write_bytes(b"title: Birds\n"), bad)[1],
        "not a Clarity backup, or it was cut short",
    ),
    "cut short": (
        lambda good, bad: (bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2]), bad)[1],
        "not a Clarity backup, or it was cut short",
    ),
    "damaged inside": (
        lambda good, bad: _flip_bytes_of_member(good, bad, DB_FILENAME),
        "is damaged",
    ),
    "another program's zip": (
        lambda good, bad: rezip(
            good, bad, edit=lambda n, d: None if n == "manifest.json" else (n, d)
        ),
        "no manifest.json",
    ),
    "newer format": (
        lambda good, bad: rezip(good, bad, edit=_manifest_with(format_version=99)),
        rf"newer version of Clarity Challenge \(backup format 99, saved data version "
        rf"{SCHEMA_VERSION}\); this game \({clarity.__version__}\) reads backup format 1",
    ),
    "counts unlike the manifest": (
        lambda good, bad: rezip(good, bad, edit=_manifest_with(rounds=4)),
        "does not hold what its manifest says",
    ),
    "parent folder": (
        lambda good, bad: rezip(good, bad, extra=(("packs/../../evil.yaml", b"x"),)),
        "would leave the folder",
    ),
    "dot dot": (
        lambda good, bad: rezip(good, bad, extra=(("../evil.yaml", b"x"),)),
        "would leave the folder",
    ),
    "absolute": (
        lambda good, bad: rezip(good, bad, extra=(("/tmp/evil.yaml", b"x"),)),
        "would leave the folder",
    ),
    "drive letter": (
        lambda good, bad: rezip(good, bad, extra=(("C:/Windows/evil.yaml", b"x"),)),
        "would leave the folder",
    ),
    "backslashes": (
        lambda good, bad: rezip(good, bad, extra=(("packs\\..\\..\\evil.yaml", b"x"),)),
        "would leave the folder",
    ),
    "a name of another kind": (
        lambda good, bad: rezip(good, bad, extra=(("autorun.inf", b"x"),)),
        "never holds",
    ),
    "the same name twice in other case": (
        lambda good, bad: rezip(good, bad, extra=(("packs/BIRDS/Birds.yaml", b"x"),)),
        "twice",
    ),
    "zip bomb": (
        lambda good, bad: rezip(good, bad, extra=(("packs/big.yaml", bytes(8 * 1024 * 1024)),)),
        "would grow .* times when unpacked",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_ARCHIVES))
def test_a_bad_archive_is_refused_and_changes_nothing(
    kind: str, tmp_path: Path, root: Path, made: Path
) -> None:
    make, message = BAD_ARCHIVES[kind]
    bad = make(made, tmp_path / "bad.zip")
    (root / "data").mkdir()
    before = everything(root)
    with pytest.raises(BackupRefused, match=message) as refused:
        restore_into(bad, root)
    assert str(refused.value).startswith(f"{bad}: ")
    assert "\n" not in str(refused.value)
    assert assert_in_russian(refused.value.said).startswith(f"{bad}: ")
    assert_pseudo_translated(refused.value.said)
    assert everything(root) == before
    assert sorted(p.name for p in root.iterdir()) == ["data"]
    assert not (tmp_path / "evil.yaml").exists()


def test_a_database_of_a_newer_schema_is_refused(tmp_path: Path, root: Path, made: Path) -> None:
    bad = rezip(made, tmp_path / "bad.zip", edit=_newer_schema(tmp_path))
    with pytest.raises(BackupRefused, match="saved data was written by a newer version"):
        restore_into(bad, root)
    assert not root.joinpath("data").exists()
    assert sorted(p.name for p in root.iterdir()) == []


def test_more_than_the_total_limit_is_refused(
    tmp_path: Path, root: Path, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(restore, "MAX_TOTAL_BYTES", 10_000)
    with pytest.raises(BackupRefused, match=r"would unpack to \d+ KB, more than the 10 KB"):
        restore_into(made, root)
    assert not root.joinpath("data").exists()


def _declare_size(archive: bytes, name: str, size: int) -> bytes:
    """``archive`` with the size its central directory gives ``name`` changed to ``size``."""
    data = bytearray(archive)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == name.encode():
            data[at + 24 : at + 28] = size.to_bytes(4, "little")
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} is not in the archive")


def test_a_member_longer_than_it_says_is_refused(tmp_path: Path, root: Path, made: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(_declare_size(made.read_bytes(), "packs/birds/birds.yaml", 3))
    with pytest.raises(BackupRefused, match="damaged"):
        restore_into(bad, root)
    assert not root.joinpath("data").exists()


# --- only the game's own schema: planted triggers, views, tables --------------------------


def _database_edited(tmp_path: Path, *statements: str) -> Callable[[str, bytes], tuple[str, bytes]]:
    """An edit for :func:`rezip` that runs ``statements`` on the archive's database."""

    def edit(name: str, data: bytes) -> tuple[str, bytes]:
        if name != DB_FILENAME:
            return name, data
        copy = tmp_path / "edited.sqlite3"
        copy.write_bytes(data)
        conn = sqlite3.connect(copy, isolation_level=None)
        for statement in statements:
            conn.execute(statement)
        conn.close()
        return name, copy.read_bytes()

    return edit


WIPE = (
    "CREATE TRIGGER wipe AFTER INSERT ON round BEGIN DELETE FROM round WHERE id <> new.id; "
    "DELETE FROM player WHERE id NOT IN (SELECT player_id FROM round); END"
)
NOT_OURS = {
    "a trigger": ((WIPE,), 'trigger "wipe" is not the game\'s own'),
    "a view": (("CREATE VIEW v AS SELECT * FROM player",), 'view "v" is not the game\'s own'),
    "an index": (("CREATE INDEX by_seed ON round (seed)",), 'index "by_seed" is not'),
    "a table": (("CREATE TABLE notes (x)",), 'table "notes" is not the game\'s own'),
    "one of ours dropped": (("DROP INDEX round_by_player_time",), "is missing"),
    "one of ours changed": (
        (
            "DROP INDEX round_by_player_time",
            "CREATE INDEX round_by_player_time ON round (player_id)",
        ),
        'index "round_by_player_time" is not as the game makes it',
    ),
}


@pytest.mark.parametrize("kind", list(NOT_OURS))
def test_a_backup_whose_saved_data_is_not_the_games_own_schema_is_refused(
    kind: str, tmp_path: Path, root: Path, made: Path
) -> None:
    statements, said = NOT_OURS[kind]
    bad = rezip(made, tmp_path / "bad.zip", edit=_database_edited(tmp_path, *statements))
    with pytest.raises(BackupRefused) as refused:
        restore_into(bad, root)
    assert str(refused.value).startswith(f"{bad}: its saved data was changed by another program")
    assert said in str(refused.value)
    assert str(refused.value).endswith("so it is not restored")
    assert sorted(p.name for p in root.iterdir()) == []


def test_the_same_schema_laid_out_with_other_whitespace_is_the_games_own(
    tmp_path: Path, root: Path, made: Path
) -> None:
    rewritten = rezip(
        made,
        tmp_path / "spaced.zip",
        edit=_database_edited(
            tmp_path,
            "DROP INDEX round_by_player_time",
            "CREATE   INDEX round_by_player_time\n\tON round  (player_id, played_ts,"
            "  played_day, pack_id,\n medal, right_count, score)",
        ),
    )
    own = [o for o in backup.own_schema(SCHEMA_VERSION) if o.name == "round_by_player_time"]
    assert own[0].sql == (
        "CREATE INDEX round_by_player_time ON round "
        "(player_id, played_ts, played_day, pack_id, medal, right_count, score)"
    )
    assert restore_into(rewritten, root).manifest.rounds == 3


def test_a_backup_of_an_older_schema_version_is_checked_against_that_version(
    tmp_path: Path, root: Path
) -> None:
    data = tmp_path / "old" / "data"
    data.mkdir(parents=True)
    conn = sqlite3.connect(data / DB_FILENAME, isolation_level=None)
    migrate(conn, target=SCHEMA_VERSION - 1)
    conn.close()
    written = write_backup(tmp_path / "old.zip", data, tmp_path / "none.ini", now=NOW)
    assert written.manifest.schema_version == SCHEMA_VERSION - 1
    assert restore_into(written.path, root).manifest.schema_version == SCHEMA_VERSION - 1


def test_a_trigger_planted_in_the_saved_data_is_left_out_of_the_backup_and_said(
    tmp_path: Path, root: Path
) -> None:
    data = tmp_path / "data"
    fill(data, tmp_path / "settings.ini")
    conn = sqlite3.connect(data / DB_FILENAME, isolation_level=None)
    conn.execute(WIPE)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()
    written = write_backup(tmp_path / "b.zip", data, tmp_path / "settings.ini", now=NOW)
    assert written.left_out == ('table "notes"', 'trigger "wipe"')
    with zipfile.ZipFile(written.path) as archive:
        copy = tmp_path / "copy.sqlite3"
        copy.write_bytes(archive.read(DB_FILENAME))
    conn = sqlite3.connect(copy)
    assert backup.schema_differences(conn, SCHEMA_VERSION) == ([], [])
    conn.close()
    assert restore_into(written.path, root).manifest.players == 2


def test_saved_data_with_one_of_the_games_own_indexes_dropped_is_not_backed_up(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    fill(data, tmp_path / "settings.ini")
    conn = sqlite3.connect(data / DB_FILENAME, isolation_level=None)
    conn.execute("DROP INDEX round_by_player_time")
    conn.close()
    with pytest.raises(
        BackupRefused, match=r'changed by another program \(index "round_by_pl'
    ) as refused:
        write_backup(tmp_path / "b.zip", data, tmp_path / "settings.ini", now=NOW)
    assert 'index "round_by_player_time" отсутствует' in assert_in_russian(refused.value.said)
    assert_pseudo_translated(refused.value.said)
    assert not (tmp_path / "b.zip").exists()


# --- bounds on the whole archive ------------------------------------------------------------


def test_many_members_each_below_the_member_ratio_but_huge_together_are_refused(
    tmp_path: Path, root: Path, made: Path
) -> None:
    zeros = bytes(restore.MEMBER_RATIO_CHECKED_FROM)  # each exactly at the member threshold
    pictures = tuple((f"packs/pics/p{n}.png", zeros) for n in range(20))
    bad = rezip(made, tmp_path / "bomb.zip", extra=pictures)
    with pytest.raises(
        BackupRefused, match=r"would unpack to 21 MB from .* KB, \d+ times its size"
    ) as refused:
        restore_into(bad, root)
    assert "после распаковки занял бы 21 МБ вместо" in assert_in_russian(refused.value.said)
    assert_pseudo_translated(refused.value.said)
    assert sorted(p.name for p in root.iterdir()) == []


def test_a_restore_that_cannot_fit_on_the_disk_is_refused_before_unpacking(
    tmp_path: Path, made: Path
) -> None:
    with tmpfs(tmp_path / "small", "16k") as small:
        with pytest.raises(BackupRefused, match=r"unpacks to .* but the disk of .* KB free"):
            restore_backup(made, small / "data", small / "settings.ini", replace=False, now=NOW)
        assert list(small.iterdir()) == []


# --- what a backup carries from the packs folder, and where it may go ----------------------


def test_a_backup_carries_only_pack_files_and_pictures_and_names_the_others(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    fill(data, tmp_path / "settings.ini")
    packs = data / "packs"
    (packs / "old-backup.zip").write_bytes(b"PK an earlier backup")
    (packs / "birds" / "notes.txt").write_text("who saw what\n", encoding="utf-8")
    (packs / "birds" / "owl.JPG").write_bytes(os.urandom(500))
    written = write_backup(tmp_path / "b.zip", data, tmp_path / "settings.ini", now=NOW)
    with zipfile.ZipFile(written.path) as archive:
        assert [n for n in archive.namelist() if n.startswith("packs/")] == [
            "packs/birds/birds.yaml",
            "packs/birds/owl.JPG",
            "packs/birds/robin.png",
        ]
    assert written.skipped == (packs / "birds" / "notes.txt", packs / "old-backup.zip")


def test_the_files_a_backup_carries_are_the_ones_the_pack_loader_reads() -> None:
    assert backup.PACK_SUFFIXES == loader.PACK_SUFFIXES
    assert set(FORMAT_BY_SUFFIX) <= backup.CARRIED_SUFFIXES


@pytest.mark.parametrize("inside", ["packs/x.zip", "packs/mine", "", "cache/b.zip"])
def test_a_backup_inside_the_data_folder_is_refused(inside: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data, tmp_path / "settings.ini")
    (data / "packs" / "mine").mkdir()
    (data / "cache").mkdir(exist_ok=True)
    before = every_file(data)
    target = data / inside if inside else data
    with pytest.raises(BackupRefused, match=r"is inside the data folder .*name a file outside it"):
        write_backup(target, data, tmp_path / "settings.ini", now=NOW)
    assert every_file(data) == before


def test_an_older_backup_holding_other_files_in_its_packs_restores_without_them(
    tmp_path: Path, root: Path, made: Path
) -> None:
    nested = rezip(made, tmp_path / "nested.zip", extra=(("packs/inside.zip", b"PK old"),))
    restored = restore_into(nested, root)
    assert restored.skipped == ("packs/inside.zip",)
    assert sorted(every_file(root / "data" / "packs")) == ["birds/birds.yaml", "birds/robin.png"]


# --- a write-protected data folder -----------------------------------------------------------


def test_a_read_only_data_folder_backs_up(tmp_path: Path) -> None:
    with writable_then_read_only(tmp_path / "stick") as stick:
        data = stick / "data"
        fill(data, tmp_path / "settings.ini")
        before = every_file(stick)
        make_read_only(stick)
        written = write_backup(tmp_path / "b.zip", data, tmp_path / "settings.ini", now=NOW)
        assert (written.manifest.players, written.manifest.rounds) == (2, 3)
        assert not written.log_unread
        assert every_file(stick) == before


# --- the manifest's messages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"created_at": 5}, "created_at is 5, not a date and time as text"),
        ({"players": "16"}, 'players is "16", not a whole number'),
        ({"players": 1e308}, "players is 1e+308, not a whole number"),
        ({"rounds": -1}, "rounds is -1, not a number from 0 up"),
        ({"settings": "yes"}, 'settings is "yes", not true or false'),
        ({"created_at": "\x1b[2J"}, 'created_at is "\\u001b[2J", not a date and time'),
    ],
)
def test_a_manifest_field_of_the_wrong_kind_is_said_as_such(
    changes: dict[str, object], said: str, tmp_path: Path, root: Path, made: Path
) -> None:
    bad = rezip(made, tmp_path / "bad.zip", edit=_manifest_with(**changes))
    with pytest.raises(BackupRefused) as refused:
        restore_into(bad, root)
    assert str(refused.value) == f"{bad}: its manifest.json is damaged ({said})"
    assert_in_russian(refused.value.said)
    assert_pseudo_translated(refused.value.said)


def test_a_missing_manifest_field_is_said_missing(tmp_path: Path, root: Path, made: Path) -> None:
    def without_created_at(name: str, data: bytes) -> tuple[str, bytes]:
        if name != MANIFEST:
            return name, data
        fields = json.loads(data)
        del fields["created_at"]
        return name, json.dumps(fields).encode()

    bad = rezip(made, tmp_path / "bad.zip", edit=without_created_at)
    with pytest.raises(BackupRefused, match=r"damaged \(created_at is missing\)$"):
        restore_into(bad, root)


def test_a_manifest_saved_with_a_byte_order_mark_is_read(
    tmp_path: Path, root: Path, made: Path
) -> None:
    def with_bom(name: str, data: bytes) -> tuple[str, bytes]:
        return (name, b"\xef\xbb\xbf" + data) if name == MANIFEST else (name, data)

    marked = rezip(made, tmp_path / "bom.zip", edit=with_bom)
    assert restore_into(marked, root).manifest.players == 2


def test_a_manifest_that_is_not_utf8_is_said_in_words(
    tmp_path: Path, root: Path, made: Path
) -> None:
    def latin(name: str, data: bytes) -> tuple[str, bytes]:
        return (name, b"\xff\xfe{not json") if name == MANIFEST else (name, data)

    bad = rezip(made, tmp_path / "bad.zip", edit=latin)
    with pytest.raises(BackupRefused) as refused:
        restore_into(bad, root)
    assert (
        str(refused.value)
        == f"{bad}: is not a Clarity backup (its manifest.json is not UTF-8 text)"
    )
