"""A backup of everything saved, in one zip archive, and putting it back on any computer.

A backup holds the saved data (``clarity.sqlite3``, copied with SQLite's online backup
API, so it is consistent even while a game is saving), the teacher's own packs
(``DATA_DIR/packs`` with their pictures) and the settings file, beside a small
``manifest.json`` (the format's version, the game's, when, and how many players, rounds
and packs). Zip, because every teacher's computer opens one without installing anything,
each member carries a CRC-32 that reveals damage, and its central directory lists every
name and size, so an archive is checked before a byte of it is unpacked.

Both directions are all or nothing. :func:`write_backup` writes through
:mod:`clarity.atomic_files`: a temporary file beside the target, renamed over it once it
is complete and synced. :func:`restore_backup` checks the archive first (ours, whole,
not from a newer game, no name that leaves the folder, no member that inflates beyond
reason), builds the data folder in a temporary folder beside it, and then moves the old
folder aside (never deleted) and the new one in. Every problem is a
:class:`BackupRefused` whose message is the one line to print.

Left out of a backup: the players' lock files and the picture cache (the game remakes
them), and copies of damaged data moved aside earlier (they stay where they are).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO

from clarity import __version__, atomic_files
from clarity.paths import user_packs_dir
from clarity.settings import MAX_FILE_BYTES
from clarity.store import problems
from clarity.store.db import (
    DB_FILENAME,
    SCHEMA_VERSION,
    configure,
    connect,
    open_connection,
    schema_version,
)
from clarity.store.models import Player
from clarity.store.ownership import Claim, HeldElsewhere, claim_player

FORMAT = "clarity-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = DB_FILENAME
PACKS_FOLDER = "packs"
SETTINGS_NAME = "settings/settings.ini"
# What a restore will unpack, at most. A class's year is tens of megabytes of rounds and
# a few hundred of pictures; a zip bomb is gigabytes from a few kilobytes.
MAX_TOTAL_BYTES = 8 * 1024**3
MAX_MEMBERS = 100_000
MAX_MANIFEST_BYTES = 64 * 1024
# Deflate packs a file at most about 1,030 to 1; the game's own files stay far below 100
# (a vacuumed database, YAML, pictures that are compressed already). Small members are
# let through whatever their ratio: they cannot fill a disk.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1024 * 1024
# Pictures are compressed already: deflating them again costs time and saves nothing.
_STORED_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".zip"})
_COPY_CHUNK = 1024 * 1024


class BackupRefused(Exception):
    """A backup or a restore that cannot be done; ``str()`` is the one line to print
    (``FILE: what is wrong``). Nothing was changed when it is raised."""


@dataclass(frozen=True)
class Manifest:
    """What a backup says about itself (``manifest.json``).

    ``created_at`` is the local time it was made, with its UTC offset; the counts are of
    the archive's contents; ``schema_version`` is the saved data's (0: no saved data).
    """

    format_version: int
    game_version: str
    created_at: str
    schema_version: int
    players: int
    rounds: int
    packs: int
    settings: bool

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **self.__dict__}, indent=2) + "\n"


@dataclass(frozen=True)
class BackupWritten:
    """A backup that is on disk, whole: where, what it holds, and its size in bytes."""

    path: Path
    manifest: Manifest
    size: int


@dataclass(frozen=True)
class Restored:
    """A restore that is done: what came in, and where what was there before went.

    ``data_aside`` is the old data folder (None: there was none); ``settings_aside`` the
    old settings file (None: none was replaced); ``packs_kept`` the packs that were in
    the data folder already and stay beside the restored ones.
    """

    data_dir: Path
    manifest: Manifest
    data_aside: Path | None
    settings_path: Path | None
    settings_aside: Path | None
    packs_kept: int


# --- backup ------------------------------------------------------------------------------


def backup_name(moment: datetime) -> str:
    """The archive's name in a folder the teacher names: ``clarity-backup-2026-11-23-0900.zip``."""
    return f"clarity-backup-{moment:%Y-%m-%d-%H%M}.zip"


def write_backup(
    target: Path, data_dir: Path, settings_file: Path, *, now: datetime
) -> BackupWritten:
    """Write the backup of ``data_dir`` and ``settings_file`` to ``target``, made at ``now``.

    ``target`` may be a folder: the archive is then :func:`backup_name` inside it. An
    existing file is replaced only when it is a Clarity backup (a mistyped name must not
    overwrite a document). Raises :class:`BackupRefused` when there is nothing to back
    up, the saved data is damaged or from a newer game, or the archive cannot be written;
    the previous file at ``target`` is then as it was.
    """
    target = Path(target)
    if target.is_dir():
        target = target / backup_name(now)
    _check_target(target, data_dir)
    database = Path(data_dir) / DB_FILENAME
    packs = list(_pack_files(user_packs_dir(Path(data_dir)), skip=target))
    settings = _read_settings(settings_file)
    if not database.is_file() and not packs and settings is None:
        raise BackupRefused(f"{data_dir}: there is no saved data, pack or settings to back up")
    try:
        with atomic_files.replacing(target, binary=True) as stream:
            manifest = _write_archive(
                stream,
                scratch_folder=target.parent,
                database=database,
                packs=packs,
                settings=settings,
                now=now,
            )
    except atomic_files.FileNotWritten as error:
        raise BackupRefused(f"{target}: cannot be written ({_reason(error)})") from error
    except OSError as error:  # a pack file or the scratch copy, not the archive
        where = error.filename or target
        raise BackupRefused(f"{where}: cannot be backed up ({_reason(error)})") from error
    return BackupWritten(target, manifest, target.stat().st_size)


def _check_target(target: Path, data_dir: Path) -> None:
    """Refuse a target that is the saved data itself or an existing file not ours."""
    if not target.parent.is_dir():
        raise BackupRefused(f"{target}: the folder {target.parent} does not exist")
    database = (Path(data_dir) / DB_FILENAME).resolve()
    if target.resolve().parent == database.parent and target.name.startswith(DB_FILENAME):
        raise BackupRefused(f"{target}: that is the saved data itself; name another file")
    if target.exists():
        if not target.is_file():
            raise BackupRefused(f"{target}: is not a file")
        try:
            _read_manifest_of(target)
        except BackupRefused:
            raise BackupRefused(
                f"{target}: the file exists and is not a Clarity backup, so it is left "
                "alone; name another file"
            ) from None


def _pack_files(folder: Path, *, skip: Path) -> Iterator[tuple[Path, str]]:
    """Every file under the packs ``folder``: (path, its name in the archive), sorted.

    Folder links are not followed (a link to a parent would never end); file links are,
    since a teacher may link a picture kept elsewhere. ``skip`` (the archive itself, when
    it is written into the packs folder) and temporary files of ours are left out.
    """
    if not folder.is_dir():
        return
    skipped = skip.resolve()
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(root, name)
            if not path.is_file() or path.resolve() == skipped or name.startswith(f".{skip.name}."):
                continue
            relative = path.relative_to(folder).as_posix()
            try:
                relative.encode("utf-8")
            except UnicodeEncodeError:
                raise BackupRefused(
                    f"{path}: the file's name is not readable text; rename it, then back up"
                ) from None
            yield path, f"{PACKS_FOLDER}/{relative}"


def _read_settings(settings_file: Path) -> bytes | None:
    try:
        with Path(settings_file).open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BackupRefused(f"{settings_file}: cannot be read ({_reason(error)})") from error
    if len(data) > MAX_FILE_BYTES:
        raise BackupRefused(f"{settings_file}: is too large to be a settings file")
    return data


def _write_archive(
    file: IO[bytes],
    *,
    scratch_folder: Path,
    database: Path,
    packs: list[tuple[Path, str]],
    settings: bytes | None,
    now: datetime,
) -> Manifest:
    """Write the archive into ``file``; the database is copied in ``scratch_folder`` first
    (beside the archive: the system's temporary folder may be too small)."""
    with tempfile.TemporaryDirectory(dir=scratch_folder, prefix=".clarity-backup-") as scratch:
        version, players, rounds = 0, 0, 0
        copy = Path(scratch) / DB_FILENAME
        if database.is_file():
            version, players, rounds = _snapshot(database, copy)
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            game_version=__version__,
            created_at=now.isoformat(timespec="seconds"),
            schema_version=version,
            players=players,
            rounds=rounds,
            packs=sum(1 for _, name in packs if _is_pack_file(name)),
            settings=settings is not None,
        )
        with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED, strict_timestamps=False) as archive:
            # first, so that a look inside the archive shows what it is
            archive.writestr(MANIFEST_NAME, manifest.to_json())
            if version:
                archive.write(copy, DATABASE_NAME)
            for path, name in packs:
                stored = Path(name).suffix.lower() in _STORED_SUFFIXES
                archive.write(path, name, zipfile.ZIP_STORED if stored else None)
            if settings is not None:
                archive.writestr(SETTINGS_NAME, settings)
    return manifest


def _snapshot(database: Path, copy: Path) -> tuple[int, int, int]:
    """Copy ``database`` to ``copy`` with SQLite's online backup API: one read
    transaction, so the copy is the data as one commit left it, even while a game saves.

    The copy is checked whole (``PRAGMA integrity_check``) and vacuumed: smaller, and
    with no page left of a deleted player. Returns (schema version, players, rounds).
    Raises :class:`BackupRefused` for damaged data, data of a newer game, or none of ours.
    """
    try:
        source = _open_without_changing(database)
    except sqlite3.DatabaseError as error:
        raise _unreadable(database, error) from error
    try:
        target = sqlite3.connect(copy, isolation_level=None)
        try:
            source.backup(target)
            version = schema_version(target)
            if version > SCHEMA_VERSION:
                raise BackupRefused(
                    f"{database}: was written by a newer version of Clarity Challenge; "
                    "back it up with that version"
                )
            if version == 0:
                if target.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise BackupRefused(f"{database}: is not saved data of Clarity Challenge")
                return 0, 0, 0  # made, never written: nothing saved yet
            if target.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise BackupRefused(problems.damaged_and_left(database, "integrity check failed"))
            target.execute("VACUUM")
            players = target.execute("SELECT count(*) FROM player").fetchone()[0]
            rounds = target.execute("SELECT count(*) FROM round").fetchone()[0]
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        if problems.problem_of(error) is problems.Problem.FULL:  # the copy's folder, not ours
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from error
        raise _unreadable(database, error) from error
    finally:
        source.close()
    return version, players, rounds


def _open_without_changing(database: Path) -> sqlite3.Connection:
    """A connection that only reads, as :func:`clarity.store.opening.open_for_reading`
    makes one: read-only beside a ``-wal`` file (a game is running, or one was killed:
    its log is left for it), else an ordinary one that SQL may not write through."""
    if Path(f"{database}-wal").exists():
        return connect(database, read_only=True)
    conn = open_connection(database)
    try:
        conn.execute("PRAGMA query_only = ON")
        configure(conn, read_only=True)
    except BaseException:
        conn.close()
        raise
    return conn


def _unreadable(database: Path, error: sqlite3.DatabaseError) -> BackupRefused:
    if problems.is_damage(error):
        return BackupRefused(problems.damaged_and_left(database, str(error)))
    if "locked" in str(error) or "busy" in str(error):
        return BackupRefused(f"{database}: is kept busy by another program; try again")
    return BackupRefused(f"{database}: cannot be read ({error})")


# --- reading an archive ------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    info: zipfile.ZipInfo
    path: PurePosixPath  # where it goes, relative to the folder it is unpacked into


def _open_archive(archive: Path) -> zipfile.ZipFile:
    if not archive.is_file():
        what = "does not exist" if not archive.exists() else "is not a file"
        raise BackupRefused(f"{archive}: {what}")
    try:
        return zipfile.ZipFile(archive)
    except zipfile.BadZipFile as error:
        raise BackupRefused(
            f"{archive}: is not a Clarity backup, or it was cut short ({error})"
        ) from error
    except OSError as error:
        raise BackupRefused(f"{archive}: cannot be read ({_reason(error)})") from error


def _read_manifest_of(archive: Path) -> Manifest:
    with _open_archive(archive) as opened:
        return _manifest(archive, opened)


def _manifest(archive: Path, opened: zipfile.ZipFile) -> Manifest:
    """The manifest, checked: ours, and of a format this game reads."""
    not_ours = f"{archive}: is not a Clarity backup"
    try:
        info = opened.getinfo(MANIFEST_NAME)
    except KeyError:
        raise BackupRefused(f"{not_ours} (it has no {MANIFEST_NAME})") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise BackupRefused(f"{not_ours} (its {MANIFEST_NAME} is too large)")
    try:
        data = json.loads(_read_member(archive, opened, info))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupRefused(f"{not_ours} (its {MANIFEST_NAME} cannot be read: {error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupRefused(f"{not_ours} (its {MANIFEST_NAME} is another program's)")
    fields = {name: data.get(name) for name in Manifest.__dataclass_fields__}
    kinds = {"game_version": str, "created_at": str, "settings": bool}
    for name, value in fields.items():
        kind = kinds.get(name, int)
        if not isinstance(value, kind) or (kind is int and (isinstance(value, bool) or value < 0)):
            raise BackupRefused(f"{archive}: its {MANIFEST_NAME} is damaged ({name} is missing)")
    manifest = Manifest(**fields)  # type: ignore[arg-type]
    if manifest.format_version > FORMAT_VERSION or manifest.schema_version > SCHEMA_VERSION:
        raise BackupRefused(
            f"{archive}: was made by a newer version of Clarity Challenge "
            f"({manifest.game_version}); update the game on this computer, then restore it"
        )
    return manifest


def _read_member(archive: Path, opened: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return opened.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise BackupRefused(f"{archive}: is damaged ({info.filename}: {error})") from error


def _members(archive: Path, opened: zipfile.ZipFile) -> list[_Member]:
    """Every member that is unpacked, each checked for where it goes and what it costs.

    A name must be one of this format's (the database, the settings, files under
    ``packs/``), relative, without ``..``, a backslash, a drive letter or a colon, and
    unique however the disk compares case; no member may be a link or encrypted. The
    sizes are bounded in total (:data:`MAX_TOTAL_BYTES`) and by ratio
    (:data:`MAX_RATIO`). Raises :class:`BackupRefused` naming the first that is not.
    """
    infos = opened.infolist()
    if len(infos) > MAX_MEMBERS:
        raise BackupRefused(f"{archive}: holds {len(infos)} files, more than a backup can")
    members, seen, total = [], set(), 0
    for info in infos:
        name = info.filename
        shown = f"{archive}: holds {name!r}"
        if not _safe_parts(name.removesuffix("/") if info.is_dir() else name):
            raise BackupRefused(f"{shown}, a name that would leave the folder it is put in")
        ours = name in (MANIFEST_NAME, DATABASE_NAME, SETTINGS_NAME)
        if not ours and not name.startswith(f"{PACKS_FOLDER}/"):
            raise BackupRefused(f"{shown}, which a Clarity backup never holds")
        if info.is_dir():
            continue  # folders are made for the files in them
        if stat.S_ISLNK(info.external_attr >> 16) or info.flag_bits & 0x1:
            raise BackupRefused(f"{shown}, a link or an encrypted file, which a backup never is")
        if name.casefold() in seen:
            raise BackupRefused(f"{shown} twice")
        seen.add(name.casefold())
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            limit = MAX_TOTAL_BYTES // 1024**3
            raise BackupRefused(f"{archive}: would unpack to more than {limit} GB")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise BackupRefused(
                f"{shown}, which would grow {ratio:.0f} times when unpacked; "
                "a backup's files never do"
            )
        if name != MANIFEST_NAME:
            members.append(_Member(info, PurePosixPath(name)))
    return members


def _safe_parts(name: str) -> bool:
    """Whether a member's name stays inside the folder it is unpacked into, on any system."""
    if not name or "\\" in name or ":" in name or "\0" in name or name.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def _unpack(archive: Path, opened: zipfile.ZipFile, member: _Member, folder: Path) -> None:
    """Write ``member`` under ``folder``, never more bytes than it declares."""
    path = folder.joinpath(*member.path.parts)
    path.parent.mkdir(parents=True, exist_ok=True)
    declared = member.info.file_size
    written = 0
    try:
        with opened.open(member.info) as source, path.open("xb") as target:
            while chunk := source.read(min(_COPY_CHUNK, declared - written + 1)):
                written += len(chunk)
                if written > declared:
                    raise BackupRefused(
                        f"{archive}: is damaged ({member.info.filename} is longer than it says)"
                    )
                target.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise BackupRefused(f"{archive}: is damaged ({member.info.filename}: {error})") from error
    except NotImplementedError as error:  # a compression this Python cannot read
        raise BackupRefused(f"{archive}: is not a Clarity backup ({error})") from error


def _is_pack_file(name: str) -> bool:
    # the loader's PACK_SUFFIXES; not imported from it, which would load pydantic
    return name.startswith(f"{PACKS_FOLDER}/") and name.lower().endswith((".yaml", ".yml"))


# --- restore -----------------------------------------------------------------------------


def restore_backup(
    archive: Path, data_dir: Path, settings_file: Path, *, replace: bool, now: datetime
) -> Restored:
    """Put the backup ``archive`` in ``data_dir`` (and its settings at ``settings_file``).

    Saved data already there (players or rounds, or a settings file unlike the backup's)
    is refused unless ``replace``; then the old data folder is renamed
    ``<name>.before-restore-YYYYMMDD-HHMMSS`` beside it (and the settings file likewise),
    never deleted. Packs already in the folder are kept beside the backup's, unless
    ``replace``; a pack file of the same name with other contents is refused (which of
    the two is the teacher's is theirs to say). A game running on ``data_dir`` is refused.
    Everything is checked and built in a temporary folder beside ``data_dir`` first; a
    refusal (:class:`BackupRefused`) leaves everything as it was.
    """
    data_dir = Path(data_dir)
    if data_dir.exists() and not data_dir.is_dir():
        raise BackupRefused(f"{data_dir}: the data folder is a file, not a folder")
    with _open_archive(archive) as opened:
        manifest = _manifest(archive, opened)
        members = _members(archive, opened)
        existing = _existing(data_dir)
        settings = _settings_in(archive, opened, members)
        if not replace:
            _refuse_to_overwrite(data_dir, settings_file, existing, settings)
        with _players_held(data_dir):
            try:
                data_dir.parent.mkdir(parents=True, exist_ok=True)
                building = Path(
                    tempfile.mkdtemp(dir=data_dir.parent, prefix=f".{data_dir.name}.restoring-")
                )
            except OSError as error:
                raise BackupRefused(f"{data_dir}: cannot be made ({_reason(error)})") from error
            try:
                _build(archive, opened, members, manifest, building)
                kept = 0 if replace else _keep_packs(existing.packs, data_dir, building)
                data_aside, settings_aside = _move_in(
                    building, data_dir, settings_file, settings, now=now
                )
            except OSError as error:
                raise BackupRefused(f"{data_dir}: cannot be restored ({_reason(error)})") from error
            finally:
                shutil.rmtree(building, ignore_errors=True)  # gone already when moved in
    return Restored(
        data_dir=data_dir,
        manifest=manifest,
        data_aside=data_aside,
        settings_path=settings_file if settings is not None else None,
        settings_aside=settings_aside,
        packs_kept=kept,
    )


@dataclass(frozen=True)
class _Existing:
    players: int
    rounds: int
    packs: list[tuple[Path, str]]


def _existing(data_dir: Path) -> _Existing:
    """What is saved in ``data_dir`` now; data that cannot be read counts as data."""
    database = data_dir / DB_FILENAME
    players = rounds = 0
    if database.is_file():
        try:
            conn = _open_without_changing(database)
            try:
                players = conn.execute("SELECT count(*) FROM player").fetchone()[0]
                rounds = conn.execute("SELECT count(*) FROM round").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            players = rounds = -1  # unknown: kept like any saved data
    packs = list(_pack_files(user_packs_dir(data_dir), skip=data_dir / DB_FILENAME))
    return _Existing(players, rounds, packs)


def _settings_in(archive: Path, opened: zipfile.ZipFile, members: list[_Member]) -> bytes | None:
    for member in members:
        if member.info.filename == SETTINGS_NAME:
            if member.info.file_size > MAX_FILE_BYTES:
                raise BackupRefused(f"{archive}: its settings file is too large")
            return _read_member(archive, opened, member.info)
    return None


def _refuse_to_overwrite(
    data_dir: Path, settings_file: Path, existing: _Existing, settings: bytes | None
) -> None:
    if existing.players or existing.rounds:
        what = (
            "saved data that cannot be read"
            if existing.players < 0
            else f"{_counted(existing.players, 'player')} and {_counted(existing.rounds, 'round')}"
        )
        raise BackupRefused(
            f"{data_dir}: already holds {what}; nothing was changed. Add --replace to keep "
            "them aside and restore the backup"
        )
    if settings is not None and _read_settings(settings_file) not in (None, settings):
        raise BackupRefused(
            f"{settings_file}: holds other settings than the backup's; nothing was changed. "
            "Add --replace to keep them aside and restore the backup's"
        )


@contextlib.contextmanager
def _players_held(data_dir: Path) -> Iterator[None]:
    """Refuse while a game runs on ``data_dir``, and keep every saved player from being
    played until the restore is done.

    A game holds its player's lock (:mod:`clarity.store.ownership`); a game still at its
    title holds none, but has the database open, which SQLite's exclusive locking mode
    detects: it cannot begin while another connection, of any process, has the file.
    """
    database = data_dir / DB_FILENAME
    claims: list[Claim] = []
    try:
        for player in _saved_players(database):
            claimed = claim_player(data_dir, player)
            if isinstance(claimed, HeldElsewhere):
                raise BackupRefused(
                    f"{data_dir}: {claimed.message} Close the game there first; nothing was changed"
                )
            claims.append(claimed)
        if database.is_file() and _open_elsewhere(database):
            raise BackupRefused(
                f"{data_dir}: a game is running on this data folder; close it first; "
                "nothing was changed"
            )
        yield
    finally:
        for claim in claims:
            claim.release()


def _saved_players(database: Path) -> list[Player]:
    if not database.is_file():
        return []
    try:
        conn = _open_without_changing(database)
        try:
            rows = conn.execute("SELECT id, name FROM player").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []  # damaged: SQLite's own lock still tells whether a game has it open
    return [Player(id=row[0], name=row[1], created_at=datetime.min) for row in rows]


def _open_elsewhere(database: Path) -> bool:
    try:
        conn = sqlite3.connect(database, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        return "locked" in str(error) or "busy" in str(error)
    except sqlite3.DatabaseError:
        return False  # damaged: nobody can be using it either
    finally:
        conn.close()
    return False


def _build(
    archive: Path,
    opened: zipfile.ZipFile,
    members: list[_Member],
    manifest: Manifest,
    folder: Path,
) -> None:
    """Unpack the data folder's members into ``folder`` and check them against the
    manifest: the database whole, of our schema, no newer than ours, with its counts."""
    for member in members:
        if member.info.filename != SETTINGS_NAME:
            _unpack(archive, opened, member, folder)
    database = folder / DB_FILENAME
    packs = sum(1 for member in members if _is_pack_file(member.info.filename))
    players = rounds = version = 0
    if database.is_file():
        try:
            # an ordinary connection: closing it tidies away the -wal and -shm it makes
            conn = sqlite3.connect(database, isolation_level=None)
            try:
                version = schema_version(conn)
                if version > SCHEMA_VERSION:
                    raise BackupRefused(
                        f"{archive}: its saved data was written by a newer version of Clarity "
                        "Challenge; update the game on this computer, then restore it"
                    )
                if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                    raise BackupRefused(f"{archive}: is damaged (its saved data is not whole)")
                players = conn.execute("SELECT count(*) FROM player").fetchone()[0]
                rounds = conn.execute("SELECT count(*) FROM round").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.DatabaseError as error:
            raise BackupRefused(f"{archive}: is damaged (its saved data: {error})") from error
    found = (version, players, rounds, packs)
    said = (manifest.schema_version, manifest.players, manifest.rounds, manifest.packs)
    if found != said:
        raise BackupRefused(f"{archive}: is damaged (it does not hold what its manifest says)")


def _keep_packs(packs: list[tuple[Path, str]], data_dir: Path, folder: Path) -> int:
    """Copy the packs already in ``data_dir`` into ``folder``, beside the backup's; the same
    file in both is one; the same name with other contents is refused. Returns how many
    pack files were kept that the backup did not bring."""
    kept = 0
    for path, name in packs:
        built = folder.joinpath(*PurePosixPath(name).parts)
        if built.exists():
            if built.is_file() and _same_bytes(built, path):
                continue
            raise BackupRefused(
                f"{path}: the backup holds another file of this name; nothing was changed. "
                "Rename one of them, or add --replace to keep the packs here aside"
            )
        built.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, built)
        kept += _is_pack_file(name)
    return kept


def _same_bytes(one: Path, other: Path) -> bool:
    if one.stat().st_size != other.stat().st_size:
        return False
    with one.open("rb") as a, other.open("rb") as b:
        while True:
            chunk = a.read(_COPY_CHUNK)
            if chunk != b.read(_COPY_CHUNK):
                return False
            if not chunk:
                return True


def _move_in(
    building: Path, data_dir: Path, settings_file: Path, settings: bytes | None, *, now: datetime
) -> tuple[Path | None, Path | None]:
    """The renames that make the restore real, the settings first (put back if the data
    folder cannot follow). Returns where the old data folder and settings file went (None:
    there was none). A kill between the two data renames leaves both folders whole under
    their own names."""
    stamp = f"before-restore-{now:%Y%m%d-%H%M%S}"
    settings_aside = None
    if settings is not None:
        settings_file.parent.mkdir(parents=True, exist_ok=True)
        if settings_file.exists() and settings_file.read_bytes() != settings:
            settings_aside = _free_name(settings_file.with_name(f"{settings_file.name}.{stamp}"))
            os.rename(settings_file, settings_aside)
        try:
            atomic_files.write_replacing(settings_file, settings)
        except OSError:
            if settings_aside is not None:
                os.replace(settings_aside, settings_file)
            raise
    data_aside = None
    try:
        if data_dir.exists():
            if any(data_dir.iterdir()):
                data_aside = _free_name(data_dir.with_name(f"{data_dir.name}.{stamp}"))
                os.rename(data_dir, data_aside)
            else:
                data_dir.rmdir()
        os.rename(building, data_dir)
    except OSError:
        if data_aside is not None and not data_dir.exists():
            os.rename(data_aside, data_dir)
        if settings_aside is not None:
            os.replace(settings_aside, settings_file)
        raise
    atomic_files.sync_folder(data_dir.parent)
    return data_aside, settings_aside


def _free_name(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


# --- small helpers -----------------------------------------------------------------------


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
