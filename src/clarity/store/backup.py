"""A backup of everything saved, in one zip archive: what it holds, its manifest, and writing it.

A backup holds the saved data (``clarity.sqlite3``, copied with SQLite's online backup
API, so it is consistent even while a game is saving), the teacher's own packs (the pack
files and pictures in ``DATA_DIR/packs``) and the settings file, beside a small
``manifest.json`` (the format's version, the game's, when, and how many players, rounds
and packs). Zip, because every teacher's computer opens one without installing anything,
each member carries a CRC-32 that reveals damage, and its central directory lists every
name and size, so an archive is checked before a byte of it is unpacked.

:func:`write_backup` writes through :mod:`clarity.atomic_files`: a temporary file beside
the target, renamed over it once it is complete and synced, so the previous backup of that
name stays whole until then. The saved data is read without changing the data folder (a
write-protected stick backs up). Only the game's own schema goes into a backup: tables,
indexes, triggers or views another program added are left out of the copy, and said
(:func:`schema_differences`; :mod:`clarity.store.restore` refuses a backup that has them).
Every problem is a :class:`BackupRefused` whose ``said`` is the one line to print, in the
interface's language (the system's and SQLite's own reasons inside it stay in their words).

Left out of a backup: the players' lock files and the picture cache (the game remakes
them), copies of damaged data moved aside earlier (they stay where they are), and any file
in the packs folder that is neither a pack nor a picture (an earlier backup saved there
would otherwise carry deleted players forward into every later one).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO

from clarity import __version__, atomic_files
from clarity.core.messages import N_, Message, message, plural_message
from clarity.core.packs.picture_decoding import FORMAT_BY_SUFFIX
from clarity.paths import user_packs_dir
from clarity.settings import MAX_FILE_BYTES
from clarity.store import problems
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION, migrate, schema_version
from clarity.store.opening import connect_for_reading, ways_to_read

FORMAT = "clarity-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = DB_FILENAME
PACKS_FOLDER = "packs"
SETTINGS_NAME = "settings/settings.ini"
MAX_MANIFEST_BYTES = 64 * 1024
# The pack loader's PACK_SUFFIXES (not imported from it, which would load pydantic; a test
# keeps the two equal) and the endings a pack's pictures may have.
PACK_SUFFIXES = (".yaml", ".yml")
CARRIED_SUFFIXES = frozenset({*PACK_SUFFIXES, *FORMAT_BY_SUFFIX})
# Pictures are compressed already: deflating them again costs time and saves nothing.
_STORED_SUFFIXES = frozenset(FORMAT_BY_SUFFIX)
_SCHEMA_KINDS = ("trigger", "view", "index", "table")  # the order they can be dropped in


class BackupRefused(Exception):
    """A backup or a restore that cannot be done; ``said`` is the one line to print
    (``FILE: what is wrong``), a :class:`~clarity.core.messages.Message` to render in the
    interface's language; ``str()`` is it in English. Nothing was changed when it is raised."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


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
    """A backup that is on disk, whole: where, what it holds, and its size in bytes.

    ``left_out`` names what another program added to the saved data (``trigger "wipe"``),
    which the backup does not carry; ``skipped`` the files in the packs folder that are
    neither packs nor pictures; ``log_unread`` is True when rounds in a ``-wal`` file could
    not be read (a read-only folder holding a killed game's log) and are not in it.
    """

    path: Path
    manifest: Manifest
    size: int
    left_out: tuple[str, ...] = ()
    skipped: tuple[Path, ...] = ()
    log_unread: bool = False


# --- the game's own schema ---------------------------------------------------------------


@dataclass(frozen=True, order=True)
class SchemaObject:
    """One row of ``sqlite_master``: a table, index, trigger or view, with its SQL (runs of
    whitespace made one space; empty for the indexes SQLite makes itself)."""

    type: str
    name: str
    table: str
    sql: str

    def __str__(self) -> str:
        return f'{self.type} "{self.name}"'


def schema_objects(conn: sqlite3.Connection) -> frozenset[SchemaObject]:
    """Every table, index, trigger and view of the database ``conn`` is open on."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    return frozenset(
        SchemaObject(kind, name, table, " ".join((sql or "").split()))
        for kind, name, table, sql in rows
    )


@functools.cache
def own_schema(version: int) -> frozenset[SchemaObject]:
    """The schema objects the game's own migrations make, up to ``version`` (at most
    :data:`~clarity.store.db.SCHEMA_VERSION`; 0: none), made in memory by
    :func:`~clarity.store.db.migrate` itself, so it can never drift from the game's."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, target=version)
        return schema_objects(conn)
    finally:
        conn.close()


def schema_differences(
    conn: sqlite3.Connection, version: int
) -> tuple[list[SchemaObject], list[SchemaObject]]:
    """What the database on ``conn`` has that the game's schema at ``version`` has not, and
    what it lacks (an object changed is in both), each sorted. Both empty: the game's own.

    A trigger another program planted runs inside the game's own saves (a tester's deleted
    every other round and player on the next save), and integrity checks see nothing
    wrong with it: so a backup carries, and a restore accepts, exactly the game's schema.
    """
    found, own = schema_objects(conn), own_schema(version)
    return sorted(found - own), sorted(own - found)


def said_differences(added: list[SchemaObject], lacking: list[SchemaObject]) -> Message:
    """The first difference in words, and how many more: 'trigger "wipe" is not the game's
    own, and 1 more difference' (the object named as SQL names it: ``trigger "wipe"``)."""
    changed = {(o.type, o.name) for o in lacking} & {(o.type, o.name) for o in added}
    first = (added or lacking)[0]
    if (first.type, first.name) in changed:
        # Translators: {item} is a part of the database as SQL names it: trigger "wipe"
        said = message("{item} is not as the game makes it", item=str(first))
        others = len(added) + len(lacking) - 2
    elif added:
        said = message("{item} is not the game's own", item=str(first))
        others = len(added) + len(lacking) - 1
    else:
        said = message("{item} is missing", item=str(first))
        others = len(added) + len(lacking) - 1
    if others:
        said = plural_message(
            "{difference}, and {count} more difference",
            "{difference}, and {count} more differences",
            others,
            difference=said,
        )
    return said


# --- backup ------------------------------------------------------------------------------


def backup_name(moment: datetime) -> str:
    """The archive's name in a folder the teacher names: ``clarity-backup-2026-11-23-0900.zip``."""
    return f"clarity-backup-{moment:%Y-%m-%d-%H%M}.zip"


def write_backup(
    target: Path, data_dir: Path, settings_file: Path, *, now: datetime
) -> BackupWritten:
    """Write the backup of ``data_dir`` and ``settings_file`` to ``target``, made at ``now``.

    ``target`` may be a folder: the archive is then :func:`backup_name` inside it. It must
    be outside ``data_dir``. An existing file is replaced only when it is a Clarity backup
    (a mistyped name must not overwrite a document). Nothing in ``data_dir`` is changed,
    so a write-protected data folder backs up. Raises :class:`BackupRefused` when there is
    nothing to back up, the saved data is damaged, from a newer game or with its own
    tables changed, or the archive cannot be written; the previous file at ``target`` is
    then as it was.
    """
    target, data_dir = Path(target), Path(data_dir)
    if target.is_dir():
        target = target / backup_name(now)
    _check_target(target, data_dir)
    database = data_dir / DB_FILENAME
    packs, skipped = pack_files(user_packs_dir(data_dir))
    settings = read_settings(settings_file)
    if not database.is_file() and not packs and settings is None:
        raise BackupRefused(
            message("{file}: there is no saved data, pack or settings to back up", file=data_dir)
        )
    try:
        with atomic_files.replacing(target, binary=True) as stream:
            manifest, snapshot = _write_archive(
                stream,
                scratch_folder=target.parent,
                database=database,
                packs=packs,
                settings=settings,
                now=now,
            )
    except atomic_files.FileNotWritten as error:
        raise BackupRefused(
            # Translators: {reason} is the game's words or the system's own (in English)
            message(
                "{file}: cannot be written ({reason})",
                file=target,
                reason=error.reason,
            )
        ) from error
    except OSError as error:  # a pack file or the scratch copy, not the archive
        where = error.filename or target
        raise BackupRefused(
            message("{file}: cannot be backed up ({reason})", file=where, reason=reason(error))
        ) from error
    return BackupWritten(
        target,
        manifest,
        target.stat().st_size,
        left_out=snapshot.left_out,
        skipped=tuple(skipped),
        log_unread=snapshot.log_unread,
    )


def _check_target(target: Path, data_dir: Path) -> None:
    """Refuse a target inside the data folder, or an existing file that is not ours."""
    if not target.parent.is_dir():
        raise BackupRefused(
            message("{file}: the folder {folder} does not exist", file=target, folder=target.parent)
        )
    if target.resolve().is_relative_to(data_dir.resolve()):
        raise BackupRefused(
            message(
                "{file}: is inside the data folder {folder}, where every later backup would "
                "carry it (and the players deleted since); name a file outside it",
                file=target,
                folder=data_dir,
            )
        )
    if target.exists():
        if not target.is_file():
            raise BackupRefused(_not_a_file(target))
        try:
            with open_archive(target) as opened:
                read_manifest(target, opened)
        except BackupRefused:
            raise BackupRefused(
                message(
                    "{file}: the file exists and is not a Clarity backup, so it is left "
                    "alone; name another file",
                    file=target,
                )
            ) from None


def pack_files(folder: Path) -> tuple[list[tuple[Path, str]], list[Path]]:
    """The pack files and pictures under the packs ``folder`` (path, its name in the
    archive), sorted, and the other files there, which a backup does not carry.

    Folder links are not followed (a link to a parent would never end); file links are,
    since a teacher may link a picture kept elsewhere. Raises :class:`BackupRefused` for a
    carried file whose name is not text (a zip names its members in UTF-8).
    """
    carried: list[tuple[Path, str]] = []
    skipped: list[Path] = []
    if not folder.is_dir():
        return carried, sorted(skipped)
    for root, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            path = Path(root, name)
            if not path.is_file():
                continue
            if not is_carried(name):
                skipped.append(path)
                continue
            relative = path.relative_to(folder).as_posix()
            try:
                relative.encode("utf-8")
            except UnicodeEncodeError:
                raise BackupRefused(
                    message(
                        "{file}: the file's name is not readable text; rename it, then back up",
                        file=path,
                    )
                ) from None
            carried.append((path, f"{PACKS_FOLDER}/{relative}"))
    return carried, sorted(skipped)


def is_carried(name: str) -> bool:
    """Whether a file of this name is one a backup carries in its packs: a pack or picture."""
    return PurePosixPath(name).suffix.lower() in CARRIED_SUFFIXES


def is_pack_file(name: str) -> bool:
    """Whether the archive member ``name`` is a pack (what the manifest counts)."""
    return name.startswith(f"{PACKS_FOLDER}/") and name.lower().endswith(PACK_SUFFIXES)


def read_settings(settings_file: Path) -> bytes | None:
    """The settings file's bytes (None: there is none), or :class:`BackupRefused`."""
    try:
        with Path(settings_file).open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise BackupRefused(_cannot_read(settings_file, reason(error))) from error
    if len(data) > MAX_FILE_BYTES:
        raise BackupRefused(
            message("{file}: is too large to be a settings file", file=settings_file)
        )
    return data


@dataclass(frozen=True)
class _Snapshot:
    """The copy of the saved data made for a backup: see :func:`_snapshot`."""

    version: int = 0
    players: int = 0
    rounds: int = 0
    left_out: tuple[str, ...] = ()
    log_unread: bool = False


def _write_archive(
    file: IO[bytes],
    *,
    scratch_folder: Path,
    database: Path,
    packs: list[tuple[Path, str]],
    settings: bytes | None,
    now: datetime,
) -> tuple[Manifest, _Snapshot]:
    """Write the archive into ``file``; the database is copied in ``scratch_folder`` first
    (beside the archive: the system's temporary folder may be too small)."""
    with tempfile.TemporaryDirectory(dir=scratch_folder, prefix=".clarity-backup-") as scratch:
        copy = Path(scratch) / DB_FILENAME
        snapshot = _snapshot(database, copy) if database.is_file() else _Snapshot()
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            game_version=__version__,
            created_at=now.isoformat(timespec="seconds"),
            schema_version=snapshot.version,
            players=snapshot.players,
            rounds=snapshot.rounds,
            packs=sum(1 for _, name in packs if is_pack_file(name)),
            settings=settings is not None,
        )
        with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED, strict_timestamps=False) as archive:
            # first, so that a look inside the archive shows what it is
            archive.writestr(MANIFEST_NAME, manifest.to_json())
            if snapshot.version:
                archive.write(copy, DATABASE_NAME)
            for path, name in packs:
                stored = Path(name).suffix.lower() in _STORED_SUFFIXES
                archive.write(path, name, zipfile.ZIP_STORED if stored else None)
            if settings is not None:
                archive.writestr(SETTINGS_NAME, settings)
    return manifest, snapshot


def _snapshot(database: Path, copy: Path) -> _Snapshot:
    """Copy ``database`` to ``copy`` with SQLite's online backup API: one read
    transaction, so the copy is the data as one commit left it, even while a game saves.

    The copy is checked whole (``PRAGMA integrity_check``), rid of what another program
    added to the schema, and vacuumed: smaller, and with no page left of a deleted player.
    Raises :class:`BackupRefused` for damaged data, data of a newer game, none of ours, or
    ours with the game's own tables, indexes or triggers changed.
    """
    source, how = read_only_connection(database)
    try:
        target = sqlite3.connect(copy, isolation_level=None)
        try:
            source.backup(target)
            version = schema_version(target)
            if version > SCHEMA_VERSION:
                raise BackupRefused(
                    message(
                        "{file}: was written by a newer version of Clarity Challenge; "
                        "back it up with that version",
                        file=database,
                    )
                )
            if version == 0:
                if target.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise BackupRefused(
                        message("{file}: is not saved data of Clarity Challenge", file=database)
                    )
                return _Snapshot()  # made, never written: nothing saved yet
            if target.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise BackupRefused(
                    problems.damaged_and_left(database, message("integrity check failed"))
                )
            left_out = _leave_out_what_is_not_ours(database, target, version)
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
    log = Path(f"{database}-wal")
    log_unread = how == "immutable" and log.is_file() and log.stat().st_size > 0
    return _Snapshot(version, players, rounds, left_out, log_unread)


def _leave_out_what_is_not_ours(
    database: Path, copy: sqlite3.Connection, version: int
) -> tuple[str, ...]:
    """Drop from ``copy`` the tables, indexes, triggers and views another program added to
    the saved data; return them in words. Raises :class:`BackupRefused` when one of the
    game's own is changed or missing: no copy of that is the game's data as it made it."""
    added, lacking = schema_differences(copy, version)
    if lacking:
        raise BackupRefused(
            # Translators: {differences} says what was changed: trigger "wipe" is missing
            message(
                "{file}: the saved data was changed by another program "
                "({differences}), so it is not backed up",
                file=database,
                differences=said_differences(added, lacking),
            )
        )
    for kind in _SCHEMA_KINDS:
        for item in added:
            if item.type == kind and item.sql:  # SQLite's own indexes go with their table
                quoted = item.name.replace('"', '""')
                try:
                    copy.execute(f'DROP {kind.upper()} IF EXISTS "{quoted}"')
                except sqlite3.OperationalError as error:
                    raise BackupRefused(
                        # Translators: {item} is a part of the database as SQL names it
                        # (trigger "wipe"); {error} is SQLite's own words, in English
                        message(
                            "{file}: the saved data holds {item}, which another program "
                            "added and which cannot be left out ({error}), so it is not "
                            "backed up",
                            file=database,
                            item=str(item),
                            error=str(error),
                        )
                    ) from error
    return tuple(str(item) for item in added if item.sql)


def read_only_connection(database: Path) -> tuple[sqlite3.Connection, str]:
    """A connection that reads ``database`` without changing its folder, as
    :func:`clarity.store.opening.open_for_reading` makes one, and which of its
    :data:`~clarity.store.opening.WAYS_TO_READ` it is: the immutable way is the only one a
    read-only mount allows, and it does not see a ``-wal`` file's rounds."""
    failure: sqlite3.DatabaseError | None = None
    for how in ways_to_read(database):
        try:
            conn = connect_for_reading(database, how)
        except sqlite3.DatabaseError as error:
            failure = error
        else:
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn, how
            except sqlite3.DatabaseError as error:
                conn.close()
                failure = error
        if problems.is_damage(failure):
            break
    assert failure is not None
    raise _unreadable(database, failure)


def _unreadable(database: Path, error: sqlite3.DatabaseError) -> BackupRefused:
    if problems.is_damage(error):
        return BackupRefused(problems.damaged_and_left(database, str(error)))
    if "locked" in str(error) or "busy" in str(error):
        return BackupRefused(
            message("{file}: is kept busy by another program; try again", file=database)
        )
    return BackupRefused(_cannot_read(database, str(error)))


# --- reading an archive ------------------------------------------------------------------


def open_archive(archive: Path) -> zipfile.ZipFile:
    """The zip file ``archive``, open (or :class:`BackupRefused`: missing, not a zip)."""
    if not archive.is_file():
        if archive.exists():
            raise BackupRefused(_not_a_file(archive))
        raise BackupRefused(message("{file}: does not exist", file=archive))
    try:
        return zipfile.ZipFile(archive)
    except zipfile.BadZipFile as error:
        raise BackupRefused(
            # Translators: {error} is the zip reader's own words, in English
            message(
                "{file}: is not a Clarity backup, or it was cut short ({error})",
                file=archive,
                error=str(error),
            )
        ) from error
    except OSError as error:
        raise BackupRefused(_cannot_read(archive, reason(error))) from error


# What each field of the manifest must be, in words for the message that says it is not.
_FIELD_KINDS: dict[str, tuple[type, str]] = {
    "format_version": (int, N_("a whole number")),
    "game_version": (str, N_("text")),
    "created_at": (str, N_("a date and time as text")),
    "schema_version": (int, N_("a whole number")),
    "players": (int, N_("a whole number")),
    "rounds": (int, N_("a whole number")),
    "packs": (int, N_("a whole number")),
    "settings": (bool, N_("true or false")),
}


def read_manifest(archive: Path, opened: zipfile.ZipFile) -> Manifest:
    """The manifest of the open ``archive``, checked: ours, each field of its kind, and of
    a format this game reads. Raises :class:`BackupRefused` saying which field is wrong
    and how. A UTF-8 byte order mark (a manifest saved by a Windows editor) is accepted."""

    def not_ours(why: Message) -> BackupRefused:
        # Translators: {why} says how the file shows it, as "its manifest.json is too large"
        said = message("{file}: is not a Clarity backup ({why})", file=archive, why=why)
        return BackupRefused(said)

    def damaged(why: Message) -> BackupRefused:
        return BackupRefused(
            # Translators: {manifest} is the file name manifest.json; {why} names a field
            message(
                "{file}: its {manifest} is damaged ({why})",
                file=archive,
                manifest=MANIFEST_NAME,
                why=why,
            )
        )

    manifest_name = {"manifest": MANIFEST_NAME}
    try:
        info = opened.getinfo(MANIFEST_NAME)
    except KeyError:
        raise not_ours(message("it has no {manifest}", **manifest_name)) from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise not_ours(message("its {manifest} is too large", **manifest_name))
    raw = read_member(archive, opened, info)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise not_ours(message("its {manifest} is not UTF-8 text", **manifest_name)) from None
    except ValueError as error:
        raise not_ours(
            # Translators: {error} is the JSON reader's own words, in English
            message(
                "its {manifest} is not JSON: {error}",
                error=str(error),
                **manifest_name,
            )
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise not_ours(message("its {manifest} is another program's", **manifest_name))
    fields = {}
    for name, (kind, said) in _FIELD_KINDS.items():
        if name not in data:
            # Translators: {field} is a field of the manifest, as it is written: created_at
            raise damaged(message("{field} is missing", field=name))
        value = data[name]
        wrong = not isinstance(value, kind) or (kind is int and isinstance(value, bool))
        if wrong or (kind is int and value < 0):
            shown = json.dumps(value, ensure_ascii=True)
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            expected = Message(said) if wrong else message("a number from 0 up")
            raise damaged(
                # Translators: {field} is a field's name as written (players), {value} what
                # it holds, {expected} what it should be: a whole number
                message(
                    "{field} is {value}, not {expected}",
                    field=name,
                    value=shown,
                    expected=expected,
                )
            )
        fields[name] = value
    try:
        datetime.fromisoformat(fields["created_at"])
    except ValueError:
        shown = json.dumps(fields["created_at"], ensure_ascii=True)[:40]
        raise damaged(
            message("{field} is {value}, not a date and time", field="created_at", value=shown)
        ) from None
    manifest = Manifest(**fields)
    if manifest.format_version > FORMAT_VERSION or manifest.schema_version > SCHEMA_VERSION:
        # The manifest's game_version is not named: a forged or edited one says anything.
        raise BackupRefused(
            # Translators: the versions are numbers as the game counts them
            message(
                "{file}: was made by a newer version of Clarity Challenge (backup format "
                "{format}, saved data version {schema}); this game ({version}) reads backup "
                "format {our_format} and saved data up to version {our_schema}: update the "
                "game on this computer, then restore it",
                file=archive,
                format=str(manifest.format_version),
                schema=str(manifest.schema_version),
                version=__version__,
                our_format=str(FORMAT_VERSION),
                our_schema=str(SCHEMA_VERSION),
            )
        )
    return manifest


def read_member(archive: Path, opened: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The bytes of one (small) member, or :class:`BackupRefused` naming the damage."""
    try:
        return opened.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise BackupRefused(damaged_member(archive, info.filename, error)) from error


# --- small helpers -----------------------------------------------------------------------


# A size's units (SI: 1 KB is 1,000 bytes, as file managers on Windows 10+, macOS and GNOME
# count them), each with its message for a whole number and for one with a tenth.
_SIZE_UNITS = (
    # Translators: {whole}.{tenth}: the digits before and after the decimal mark; write
    # your language's mark between them (3,4 МБ)
    (1e3, N_("{count} KB"), N_("{whole}.{tenth} KB")),
    # Translators: {whole}.{tenth}: the digits before and after the decimal mark; write
    # your language's mark between them (3,4 МБ)
    (1e6, N_("{count} MB"), N_("{whole}.{tenth} MB")),
    # Translators: {whole}.{tenth}: the digits before and after the decimal mark; write
    # your language's mark between them (3,4 МБ)
    (1e9, N_("{count} GB"), N_("{whole}.{tenth} GB")),
)


def size_in_words(size: int) -> Message:
    """A size of ``size`` bytes as a person reads it: 912 bytes, 48 KB, 3.4 MB, 2.1 GB
    (a tenth shown below 10 of a unit); units of 1,000 (SI)."""
    if size < 1000:
        return plural_message("{count} byte", "{count} bytes", size)
    scale, whole_unit, tenths_unit = next(
        (unit for unit in _SIZE_UNITS if size < unit[0] * 1e3), _SIZE_UNITS[-1]
    )
    shown = size / scale
    if shown >= 10:
        return Message(whole_unit, {"count": round(shown)})
    # The tenth goes in as its own digit, so that the translation puts the language's
    # decimal mark before it (3.4 MB, 3,4 МБ).
    whole, tenth = divmod(round(shown * 10), 10)
    return Message(tenths_unit, {"whole": whole, "tenth": tenth})


def damaged_member(archive: Path, member: str, error: BaseException) -> Message:
    """The line for a member of ``archive`` that cannot be read whole."""
    # Translators: {member} is a file in the backup; {error} the zip reader's own words
    return message(
        "{file}: is damaged ({member}: {error})",
        file=archive,
        member=member,
        error=str(error),
    )


def _not_a_file(path: Path) -> Message:
    return message("{file}: is not a file", file=path)


def _cannot_read(path: Path, why: str) -> Message:
    # Translators: {reason} is the system's or SQLite's own words, in English
    return message("{file}: cannot be read ({reason})", file=path, reason=why)


def reason(error: OSError) -> str:
    """An OS error's reason without its number: ``No space left on device``."""
    return error.strerror or str(error)
