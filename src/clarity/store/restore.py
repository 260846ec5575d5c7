"""Putting a backup back, on this computer or another: checked whole, built beside the data
folder, then moved in.

:func:`restore_backup` checks the archive before a byte of it is unpacked: ours
(:func:`clarity.store.backup.read_manifest`), not from a newer game, no name that leaves
the folder, no link, and no more to unpack than a real backup holds (each member, and the
whole, by size and by how much it grows: :data:`MAX_TOTAL_BYTES`,
:data:`MAX_ARCHIVE_RATIO`). It builds the data folder in a temporary folder beside it,
checks the saved data there (whole, its counts as the manifest says, and exactly the
game's own tables, indexes and triggers), and then moves the old folder aside (never
deleted) and the new one in. Every problem is a
:class:`~clarity.store.backup.BackupRefused` whose message is the one line to print; a
refusal leaves everything as it was.
"""

from __future__ import annotations

import contextlib
import errno
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

from clarity import atomic_files
from clarity.core.messages import message, plural_message
from clarity.paths import user_packs_dir
from clarity.settings import MAX_FILE_BYTES
from clarity.store import problems
from clarity.store.backup import (
    DATABASE_NAME,
    MANIFEST_NAME,
    PACKS_FOLDER,
    SETTINGS_NAME,
    BackupRefused,
    Manifest,
    damaged_member,
    is_carried,
    is_pack_file,
    open_archive,
    pack_files,
    read_manifest,
    read_member,
    read_only_connection,
    read_settings,
    reason,
    said_differences,
    schema_differences,
    size_in_words,
)
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION, DamageAwareConnection, schema_version
from clarity.store.models import Player
from clarity.store.ownership import Claim, HeldElsewhere, claim_player

# What a restore unpacks, at most: ten school years of a class's rounds (100,000 rounds
# make a 90 MB database: benchmarks/bench_backup.py) and a thousand 1 MB photos in packs,
# with room to spare. A zip bomb is gigabytes from a few kilobytes.
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_MEMBERS = 100_000
# How much the whole archive may grow when unpacked. A real backup grows 4.4 to 4.6 times
# (the database deflates to about a fifth; pictures are stored as they are), measured by
# benchmarks/bench_backup.py from 1,000 to 100,000 rounds; a few hundred 1 MiB files of
# zeros grow 900 times. Archives that unpack to less than RATIO_CHECKED_FROM pass whatever
# their ratio: a new database of mostly empty pages grows 11 times, and 16 MiB fills no disk.
MAX_ARCHIVE_RATIO = 25
# Deflate packs one file at most about 1,030 to 1; the game's own files stay far below 100.
# Small members are let through whatever their ratio.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 16 * 1024 * 1024
MEMBER_RATIO_CHECKED_FROM = 1024 * 1024
_COPY_CHUNK = 1024 * 1024

# The command line's option that lets a restore keep what is there aside (never translated).
REPLACE_OPTION = "--replace"


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
    skipped: tuple[str, ...] = ()


# --- reading an archive ------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    info: zipfile.ZipInfo
    path: PurePosixPath  # where it goes, relative to the folder it is unpacked into


@dataclass(frozen=True)
class _Contents:
    """What an archive unpacks: its members, the names left out, and the bytes unpacked."""

    members: list[_Member]
    skipped: list[str]
    unpacked: int


def _members(archive: Path, opened: zipfile.ZipFile) -> _Contents:
    """Every member that is unpacked, each checked for where it goes and what it costs.

    A name must be one of this format's (the database, the settings, files under
    ``packs/``), relative, without ``..``, a backslash, a drive letter or a colon, and
    unique however the disk compares case; no member may be a link or encrypted. Files in
    the packs that are neither packs nor pictures are left out, not unpacked. What is
    unpacked is bounded member by member (:data:`MAX_RATIO`) and as a whole, in bytes
    (:data:`MAX_TOTAL_BYTES`) and against the archive's size (:data:`MAX_ARCHIVE_RATIO`).
    Raises :class:`BackupRefused` naming the first that is not.
    """
    infos = opened.infolist()
    if len(infos) > MAX_MEMBERS:
        raise BackupRefused(
            plural_message(
                "{file}: holds {count} file, more than a backup can",
                "{file}: holds {count} files, more than a backup can",
                len(infos),
                file=archive,
            )
        )
    members, skipped, seen, total = [], [], set(), 0
    for info in infos:
        name = info.filename
        # {member} in these messages: the name of a file inside the backup, quoted
        shown = {"file": archive, "member": repr(name)}
        if not _safe_parts(name.removesuffix("/") if info.is_dir() else name):
            raise BackupRefused(
                message(
                    "{file}: holds {member}, a name that would leave the folder it is put in",
                    **shown,
                )
            )
        ours = name in (MANIFEST_NAME, DATABASE_NAME, SETTINGS_NAME)
        if not ours and not name.startswith(f"{PACKS_FOLDER}/"):
            raise BackupRefused(
                message("{file}: holds {member}, which a Clarity backup never holds", **shown)
            )
        if info.is_dir():
            continue  # folders are made for the files in them
        if stat.S_ISLNK(info.external_attr >> 16) or info.flag_bits & 0x1:
            raise BackupRefused(
                message(
                    "{file}: holds {member}, a link or an encrypted file, which a backup never is",
                    **shown,
                )
            )
        if name.casefold() in seen:
            raise BackupRefused(message("{file}: holds {member} twice", **shown))
        seen.add(name.casefold())
        if not ours and not is_carried(name):
            skipped.append(name)  # e.g. an earlier backup saved in the packs folder
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MEMBER_RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise BackupRefused(
                plural_message(
                    "{file}: holds {member}, which would grow {count} time when unpacked; "
                    "a backup's files never do",
                    "{file}: holds {member}, which would grow {count} times when unpacked; "
                    "a backup's files never do",
                    round(ratio),
                    **shown,
                )
            )
        total += info.file_size
        if name != MANIFEST_NAME:
            members.append(_Member(info, PurePosixPath(name)))
    _check_total(archive, total)
    return _Contents(members, skipped, total)


def _check_total(archive: Path, total: int) -> None:
    """Refuse an archive whose members would unpack to more than a backup ever holds."""
    if total > MAX_TOTAL_BYTES:
        raise BackupRefused(
            # Translators: {size} and {most} are sizes: 2.1 GB
            message(
                "{file}: would unpack to {size}, more than the {most} a backup of ten school "
                "years needs",
                file=archive,
                size=size_in_words(total),
                most=size_in_words(MAX_TOTAL_BYTES),
            )
        )
    size = archive.stat().st_size
    if total > RATIO_CHECKED_FROM and total > MAX_ARCHIVE_RATIO * size:
        raise BackupRefused(
            # Translators: {size} and {packed} are sizes: 2.1 GB; {real} is 5
            plural_message(
                "{file}: would unpack to {size} from {packed}, {count} time its size; a real "
                "backup grows about {real} times",
                "{file}: would unpack to {size} from {packed}, {count} times its size; a real "
                "backup grows about {real} times",
                round(total / max(size, 1)),
                file=archive,
                size=size_in_words(total),
                packed=size_in_words(size),
                real=5,
            )
        )


def _check_room(archive: Path, data_dir: Path, total: int) -> None:
    """Refuse a restore that cannot fit on the disk of ``data_dir`` (the new folder is
    built beside the old one, which stays until the new one is whole)."""
    folder = data_dir.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return  # the build itself will say what is wrong
    if total > free:
        raise BackupRefused(
            # Translators: {size} and {free} are sizes: 2.1 GB
            message(
                "{file}: unpacks to {size}, but the disk of {folder} has {free} free; nothing "
                "was changed",
                file=archive,
                size=size_in_words(total),
                folder=data_dir,
                free=size_in_words(free),
            )
        )


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
                        message(
                            "{file}: is damaged ({member} is longer than it says)",
                            file=archive,
                            member=member.info.filename,
                        )
                    )
                target.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise BackupRefused(damaged_member(archive, member.info.filename, error)) from error
    except NotImplementedError as error:  # a compression this Python cannot read
        raise BackupRefused(
            # Translators: {error} is the zip reader's own words, in English
            message(
                "{file}: is not a Clarity backup ({error})",
                file=archive,
                error=str(error),
            )
        ) from error


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
        raise BackupRefused(
            message("{file}: the data folder is a file, not a folder", file=data_dir)
        )
    with open_archive(archive) as opened:
        manifest = read_manifest(archive, opened)
        contents = _members(archive, opened)
        members = contents.members
        _check_room(archive, data_dir, contents.unpacked)
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
                raise BackupRefused(
                    # Translators: {reason} is the system's own words, in English
                    message(
                        "{file}: cannot be made ({reason})",
                        file=data_dir,
                        reason=reason(error),
                    )
                ) from error
            try:
                _build(archive, opened, members, manifest, building)
                kept = 0 if replace else _keep_packs(existing.packs, data_dir, building)
                data_aside, settings_aside = _move_in(
                    building, data_dir, settings_file, settings, now=now
                )
            except OSError as error:
                raise BackupRefused(
                    # Translators: {reason} is the system's own words, in English
                    message(
                        "{file}: cannot be restored ({reason})",
                        file=data_dir,
                        reason=reason(error),
                    )
                ) from error
            finally:
                shutil.rmtree(building, ignore_errors=True)  # gone already when moved in
    return Restored(
        data_dir=data_dir,
        manifest=manifest,
        data_aside=data_aside,
        settings_path=settings_file if settings is not None else None,
        settings_aside=settings_aside,
        packs_kept=kept,
        skipped=tuple(contents.skipped),
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
            conn, _ = read_only_connection(database)
            try:
                players = conn.execute("SELECT count(*) FROM player").fetchone()[0]
                rounds = conn.execute("SELECT count(*) FROM round").fetchone()[0]
            finally:
                conn.close()
        except (BackupRefused, sqlite3.Error):
            players = rounds = -1  # unknown: kept like any saved data
    packs, _ = pack_files(user_packs_dir(data_dir))  # the others stay in the folder kept aside
    return _Existing(players, rounds, packs)


def _settings_in(archive: Path, opened: zipfile.ZipFile, members: list[_Member]) -> bytes | None:
    for member in members:
        if member.info.filename == SETTINGS_NAME:
            if member.info.file_size > MAX_FILE_BYTES:
                raise BackupRefused(message("{file}: its settings file is too large", file=archive))
            return read_member(archive, opened, member.info)
    return None


def _refuse_to_overwrite(
    data_dir: Path, settings_file: Path, existing: _Existing, settings: bytes | None
) -> None:
    if existing.players or existing.rounds:
        what = (
            message("saved data that cannot be read")
            if existing.players < 0
            # Translators: {players} is a number of players, {rounds} of rounds
            else message(
                "{players} and {rounds}",
                players=plural_message("{count} player", "{count} players", existing.players),
                rounds=plural_message("{count} round", "{count} rounds", existing.rounds),
            )
        )
        raise BackupRefused(
            # Translators: {option} is the command's option --replace, as it is typed
            message(
                "{file}: already holds {what}; nothing was changed. Add {option} to keep "
                "them aside and restore the backup",
                file=data_dir,
                what=what,
                option=REPLACE_OPTION,
            )
        )
    if settings is not None and read_settings(settings_file) not in (None, settings):
        raise BackupRefused(
            message(
                "{file}: holds other settings than the backup's; nothing was changed. "
                "Add {option} to keep them aside and restore the backup's",
                file=settings_file,
                option=REPLACE_OPTION,
            )
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
                    # Translators: {held} is a sentence: Ana is already playing in
                    # another window.
                    message(
                        "{file}: {held} Close the game there first; nothing was changed",
                        file=data_dir,
                        held=claimed.said,
                    )
                )
            claims.append(claimed)
        if database.is_file() and _open_elsewhere(database):
            raise BackupRefused(
                message(
                    "{file}: a game is running on this data folder; close it first; "
                    "nothing was changed",
                    file=data_dir,
                )
            )
        yield
    finally:
        for claim in claims:
            claim.release()


def _saved_players(database: Path) -> list[Player]:
    if not database.is_file():
        return []
    try:
        conn, _ = read_only_connection(database)
        try:
            rows = conn.execute("SELECT id, name FROM player").fetchall()
        finally:
            conn.close()
    except (BackupRefused, sqlite3.Error):
        return []  # damaged: SQLite's own lock still tells whether a game has it open
    return [Player(id=row[0], name=row[1], created_at=datetime.min) for row in rows]


def _open_elsewhere(database: Path) -> bool:
    try:
        conn = sqlite3.connect(
            database, timeout=0, isolation_level=None, factory=DamageAwareConnection
        )
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
    manifest: the database whole, no newer than ours, exactly the game's own schema for
    its version (:func:`~clarity.store.backup.schema_differences`), with its counts."""
    for member in members:
        if member.info.filename != SETTINGS_NAME:
            _unpack(archive, opened, member, folder)
    database = folder / DB_FILENAME
    packs = sum(1 for member in members if is_pack_file(member.info.filename))
    players = rounds = version = 0
    if database.is_file():
        try:
            # an ordinary connection: closing it tidies away the -wal and -shm it makes
            conn = sqlite3.connect(database, isolation_level=None, factory=DamageAwareConnection)
            try:
                version = schema_version(conn)
                if version > SCHEMA_VERSION:
                    raise BackupRefused(
                        message(
                            "{file}: its saved data was written by a newer version of Clarity "
                            "Challenge; update the game on this computer, then restore it",
                            file=archive,
                        )
                    )
                if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                    raise BackupRefused(
                        message("{file}: is damaged (its saved data is not whole)", file=archive)
                    )
                added, lacking = schema_differences(conn, version)
                if added or lacking:
                    raise BackupRefused(
                        # Translators: {differences} says what was changed: trigger
                        # "wipe" is missing
                        message(
                            "{file}: its saved data was changed by another program "
                            "({differences}), so it is not restored",
                            file=archive,
                            differences=said_differences(added, lacking),
                        )
                    )
                players = conn.execute("SELECT count(*) FROM player").fetchone()[0]
                rounds = conn.execute("SELECT count(*) FROM round").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.DatabaseError as error:
            if problems.problem_of(error) is problems.Problem.FULL:  # the disk, not the backup
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)) from error
            raise BackupRefused(
                # Translators: {error} is SQLite's own words, in English
                message(
                    "{file}: is damaged (its saved data: {error})",
                    file=archive,
                    error=str(error),
                )
            ) from error
    found = (version, players, rounds, packs)
    said = (manifest.schema_version, manifest.players, manifest.rounds, manifest.packs)
    if found != said:
        raise BackupRefused(
            message("{file}: is damaged (it does not hold what its manifest says)", file=archive)
        )


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
                message(
                    "{file}: the backup holds another file of this name; nothing was changed. "
                    "Rename one of them, or add {option} to keep the packs here aside",
                    file=path,
                    option=REPLACE_OPTION,
                )
            )
        built.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, built)
        kept += is_pack_file(name)
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
