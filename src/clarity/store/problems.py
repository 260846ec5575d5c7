"""What can go wrong with the data folder, and the messages a player or teacher reads.

SQLite and the operating system report the same few conditions in many ways; this
module sorts them into :class:`Problem` kinds and words each one once, so that the game
screen and the command line say the same thing.
"""

from __future__ import annotations

import errno
import sqlite3
from enum import StrEnum
from pathlib import Path

from clarity.core.messages import Message, message
from clarity.store.db import LostSchemaVersion


class Problem(StrEnum):
    READ_ONLY = "read-only"
    FULL = "full"
    DISK_ERROR = "disk-error"
    CORRUPT = "corrupt"
    BUSY = "busy"
    UNUSABLE = "unusable"


# Primary SQLite result codes (the low byte of an extended code).
_SQLITE_PROBLEMS = {
    sqlite3.SQLITE_READONLY: Problem.READ_ONLY,
    sqlite3.SQLITE_PERM: Problem.READ_ONLY,
    sqlite3.SQLITE_FULL: Problem.FULL,
    sqlite3.SQLITE_IOERR: Problem.DISK_ERROR,
    sqlite3.SQLITE_CORRUPT: Problem.CORRUPT,
    sqlite3.SQLITE_NOTADB: Problem.CORRUPT,
    sqlite3.SQLITE_BUSY: Problem.BUSY,
    sqlite3.SQLITE_LOCKED: Problem.BUSY,
    sqlite3.SQLITE_CANTOPEN: Problem.UNUSABLE,
}
_OS_PROBLEMS = {
    errno.EROFS: Problem.READ_ONLY,
    errno.EACCES: Problem.READ_ONLY,
    errno.EPERM: Problem.READ_ONLY,
    errno.ENOSPC: Problem.FULL,
    errno.EDQUOT: Problem.FULL,
    errno.EIO: Problem.DISK_ERROR,
}


def problem_of(error: BaseException) -> Problem | None:
    """The kind of data-folder problem an exception reports, or None if it is a bug."""
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            return _SQLITE_PROBLEMS.get(code & 0xFF)
        return None
    if isinstance(error, OSError):
        return _OS_PROBLEMS.get(error.errno or 0, Problem.UNUSABLE)
    return None


def saving_off(problem: Problem, folder: Path, detail: Message | str = "") -> Message:
    """The notice shown while saving is off because of ``problem``; ``detail`` is what the
    system or SQLite said (their words, in English) for a problem of no known kind."""
    match problem:
        case Problem.READ_ONLY:
            return message("Saving is off: the data folder {folder} is read-only.", folder=folder)
        case Problem.FULL:
            return message("Saving is off: the data folder {folder} is full.", folder=folder)
        case Problem.DISK_ERROR:
            return message(
                "Saving is off: the data folder {folder} could not be written (disk error).",
                folder=folder,
            )
        case Problem.BUSY:
            return message(
                "Saving is off: the saved data in {folder} is kept busy by another program.",
                folder=folder,
            )
        case _ if detail:
            # Translators: {detail} is the system's or SQLite's own words, in English
            return message(
                "Saving is off: the data folder {folder} cannot be used ({detail}).",
                folder=folder,
                detail=detail,
            )
        case _:
            return message("Saving is off: the data folder {folder} cannot be used.", folder=folder)


def moved_aside(path: Path, aside: Path) -> Message:
    """The notice when a file that is not saved data of the game was moved aside."""
    return message(
        "The saved data at {path} could not be read; it was moved to {aside} "
        "and a fresh one was started.",
        path=path,
        aside=aside,
    )


def newer_version(path: Path) -> Message:
    return message(
        "Saving is off: the saved data at {path} was written by a newer version of "
        "Clarity Challenge, so this version leaves it untouched.",
        path=path,
    )


def older_version(path: Path) -> Message:
    return message(
        "the saved data at {path} was written by an older version of Clarity Challenge; "
        "start the game once to bring it up to date, then try again.",
        path=path,
    )


def cannot_read(path: Path, reason: Message | str) -> Message:
    return message("the saved data at {path} cannot be read ({reason}).", path=path, reason=reason)


def still_damaged(error: BaseException) -> Message:
    """Why a repair did not help: SQLite still finds damage (``error``, its own words)."""
    return message("it is still damaged after a repair ({error})", error=str(error))


def not_saved(notice: Message) -> Message:
    """The message for one round (or answer) that could not be saved."""
    return then(notice, message("This round was not saved."))


def then(first: Message, second: Message) -> Message:
    """Two sentences one after the other (a notice, then what it cost: "Saving is off: ...
    The player was not added."), each translated whole; never parts of one sentence."""
    # Translators: two whole sentences one after the other; keep the order unless your
    # language puts a sentence's consequence first
    return message("{first} {then}", first=first, then=second)


def one_after_another(*sentences: Message | None) -> Message | None:
    """The given sentences (None skipped) as one text, in order; None when there are none."""
    said = [sentence for sentence in sentences if sentence is not None]
    if not said:
        return None
    text = said[0]
    for sentence in said[1:]:
        text = then(text, sentence)
    return text


class UnreadableRow(Exception):
    """A row whose values do not mean what the schema says (a date that is not a date, an
    outcome the game does not know): the file was damaged, or edited by hand.

    The store treats it as damage, like SQLite's own "database disk image is malformed".
    ``table`` and ``rowid`` say where (``rowid`` None when not known); ``reason`` what.
    """

    def __init__(self, table: str, rowid: int | None, reason: str) -> None:
        where = table if rowid is None else f"{table} row {rowid}"
        super().__init__(f"{where}: {reason}")
        self.table = table
        self.rowid = rowid
        self.reason = reason


class StoreDamaged(Exception):
    """The saved data is damaged, found by something that must not repair it (a teacher's
    command that only reads). ``path`` is the database file, ``reason`` what SQLite said
    (its own words, in English) or what the game found; ``said`` is the one line to show,
    a :class:`~clarity.core.messages.Message` to render in the interface's language;
    ``str()`` is that line in English."""

    def __init__(self, path: Path, reason: Message | str) -> None:
        self.said = damaged_and_left(path, reason)
        super().__init__(str(self.said))
        self.path = path
        self.reason = reason


# What SQLite says when the file lacks a table or column our schema has: the schema
# itself (the first page) was damaged or edited, since our own SQL is tested against it.
_MISSING_SCHEMA = ("no such table", "no such column")


def is_damage(error: BaseException) -> bool:
    """Whether ``error`` means the file is damaged: SQLite's SQLITE_CORRUPT or
    SQLITE_NOTADB (extended codes included), a table or column of our schema missing, or
    a row whose values make no sense (:class:`UnreadableRow`)."""
    if isinstance(error, UnreadableRow):
        return True
    if isinstance(error, LostSchemaVersion):
        return True
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    if problem_of(error) is Problem.CORRUPT:
        return True
    text = str(error)
    return isinstance(error, sqlite3.OperationalError) and text.startswith(_MISSING_SCHEMA)


def damaged_and_left(path: Path, reason: Message | str) -> Message:
    """The line a read-only command prints about damaged saved data: what, and the way out."""
    # Translators: {command} is the command clarity repair, as it is typed
    return message(
        "the saved data at {path} is damaged ({reason}); nothing was changed. Run "
        "'{command}' (or start the game) to keep a copy of it and carry every round "
        "that can still be read into a fresh file.",
        path=path,
        reason=reason,
        command="clarity repair",
    )


def repair_failed(path: Path, reason: Message | str) -> Message:
    """The notice when damaged saved data could not even be copied aside or rebuilt."""
    return message(
        "Saving is off: the saved data at {path} is damaged, and it could not be "
        "repaired: {reason}. Nothing was deleted.",
        path=path,
        reason=reason,
    )
