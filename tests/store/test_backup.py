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
from clarity.settings import Refused, Settings, SettingsStore, parse_assignments
from clarity.store import backup, open_store
from clarity.store.backup import BackupRefused, restore_backup, write_backup
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION

from .factories import MONDAY_9AM, add_player, save
from .filesystems import tmpfs

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


def restore(archive: Path, root: Path, *, replace: bool = False) -> backup.Restored:
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
    with pytest.raises(BackupRefused, match="there is no saved data, pack or settings"):
        write_backup(tmp_path / "b.zip", tmp_path / "data", tmp_path / "settings.ini", now=NOW)
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
    with tmpfs(tmp_path / "stick", "200k") as stick:
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
    restored = restore(made, root)
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
    with pytest.raises(BackupRefused, match=r"already holds 2 players and 3 rounds.*--replace"):
        restore(made, root)
    assert everything(root) == before


def test_restore_over_other_settings_is_refused_without_replace(
    root: Path, made: Path, settings_file: Path
) -> None:
    SettingsStore(settings_file).save(Settings())
    before = everything(root)
    with pytest.raises(BackupRefused, match="other settings than the backup's"):
        restore(made, root)
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
    restored = restore(made, root, replace=True)
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
    restored = restore(made, root)
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
        restore(made, root)
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
        lambda good, bad: rezip(good, bad, edit=_manifest_with(format_version=2, game_version="9")),
        r"newer version of Clarity Challenge \(9\)",
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
        restore(bad, root)
    assert str(refused.value).startswith(f"{bad}: ")
    assert "\n" not in str(refused.value)
    assert everything(root) == before
    assert sorted(p.name for p in root.iterdir()) == ["data"]
    assert not (tmp_path / "evil.yaml").exists()


def test_a_database_of_a_newer_schema_is_refused(tmp_path: Path, root: Path, made: Path) -> None:
    bad = rezip(made, tmp_path / "bad.zip", edit=_newer_schema(tmp_path))
    with pytest.raises(BackupRefused, match="saved data was written by a newer version"):
        restore(bad, root)
    assert not root.joinpath("data").exists()
    assert sorted(p.name for p in root.iterdir()) == []


def test_more_than_the_total_limit_is_refused(
    tmp_path: Path, root: Path, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "MAX_TOTAL_BYTES", 10_000)
    with pytest.raises(BackupRefused, match="would unpack to more than"):
        restore(made, root)
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
        restore(bad, root)
    assert not root.joinpath("data").exists()
