"""Files the game writes for a user (CSV exports; PDFs, packs and backups later): whole or absent.

:func:`replacing` writes to a temporary file in the target's own folder, flushes it, makes
it reach the disk (fsync), and only then renames it over the target (:func:`os.replace`, one
step on every system), then syncs the folder where the system allows, so that the rename
survives a power cut too. Until that rename the previous file is untouched: a kill, a full
disk or an error half-way leaves the teacher's old export byte for byte as it was.

Choices, and why:

* The temporary file is named ``.NAME.tmp-XXXXXXXX`` (8 hex digits) beside ``NAME``: hidden
  on Linux and macOS, and obviously not the export where it shows (Windows, a USB stick).
  It is removed on every failure this process lives through; only a kill (SIGKILL, a power
  cut) can leave one. The next write of the same target removes such leftovers, but only
  those no live writer holds: each writer keeps an advisory lock (``flock``) on its own
  temporary file, which the system lets go of when the writer dies. Where there is no
  ``flock`` (Windows) leftovers stay.
* Permissions: a new file gets what any new file gets (0666 less the umask); a file that
  already exists keeps its permission bits, as an editor that saves by renaming keeps them
  (a class's shared export stays readable by all). The owner becomes whoever writes.
* A target that is a symbolic link is written through: the file the link points to is
  replaced and the link stays a link, as editors do (``vim``'s ``backupcopy``, Emacs's
  ``file-precious-flag``). The temporary file then lives beside the link's target, since a
  rename cannot cross file systems.
* A target that exists and is not a regular file cannot be replaced by a rename, and is not
  meant to be: a character device (``/dev/null``, ``/dev/full``, a terminal), a FIFO (a
  named pipe another program reads), ``/dev/stdout`` whatever it is connected to. Such a
  target is opened and written into directly, as a shell's ``>`` does, and never renamed
  over (which would leave a regular file where the device node or pipe was); "whole or
  absent" cannot hold for it, and a failure says so as for any file (``/dev/full``: "No
  space left on device"). A block device (a disk) is refused: a CSV written over a disk
  destroys it, and nobody asks for that. A socket cannot be opened and says so.
* Replacing needs only the folder to be writable, as for any editor that saves by renaming;
  a read-only bit on the old export does not stop it.

Every failure is a :class:`FileNotWritten` naming the target as the user gave it and the
reason in words ("No space left on device", "Permission denied", "is a folder"): the
system's own reasons stay in its words (the C library's, in English), the game's own are
translatable.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, overload

from clarity.core.messages import Message, message

try:
    import fcntl
except ImportError:  # Windows: no flock, so leftovers are never cleaned (see the docstring)
    fcntl = None  # type: ignore[assignment]

# Translators: why a file could not be written: the name given is a folder's
_IS_A_FOLDER = message("is a folder")
_TEMPORARY = ".{name}.tmp-"
_TEMPORARY_TAIL = re.compile(r"[0-9a-f]{8}")


class FileNotWritten(OSError):
    """A file for the user that could not be written; the previous file is untouched.

    ``filename`` is the target as given; ``strerror`` the reason in words (English).
    ``said`` is the one line to show, a :class:`~clarity.core.messages.Message` to render
    in the interface's language; ``str()`` is it in English: ``cannot write results.csv: No
    space left on device``.
    """

    def __init__(self, target: Path, reason: Message | str, error_number: int = 0) -> None:
        super().__init__(error_number, str(reason), str(target))
        self.reason = reason
        # Translators: {reason} is the game's words or the system's own (in English)
        self.said = message(
            "cannot write {file}: {reason}",
            file=str(target),
            reason=reason,
        )

    def __str__(self) -> str:
        return str(self.said)


@overload
def replacing(
    path: Path, *, binary: Literal[True]
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
@overload
def replacing(
    path: Path,
    *,
    binary: Literal[False] = False,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> contextlib.AbstractContextManager[IO[str]]: ...


def replacing(
    path: Path, *, binary: bool = False, encoding: str = "utf-8", newline: str | None = None
) -> contextlib.AbstractContextManager[IO[str]] | contextlib.AbstractContextManager[IO[bytes]]:
    """A stream to write the whole new content of ``path``; it replaces ``path`` at the end
    of the ``with`` block, and only if the block ends without an exception.

    ``binary`` gives a bytes stream; otherwise a text stream with ``encoding`` and
    ``newline`` as :func:`open` takes them (``"utf-8-sig"`` writes a byte-order mark).

    Raises :class:`FileNotWritten` (an :class:`OSError`) for the target being a folder, a
    missing folder, a folder that may not be written, a full disk, or any other failure to
    write, sync or rename; an exception from the block itself propagates as it is, except an
    :class:`OSError` from writing to the stream, which is the file's and becomes a
    :class:`FileNotWritten` too. Either way the temporary file is gone and ``path`` as it was.
    """
    return _replacing(path, binary=binary, encoding=encoding, newline=newline)


def write_replacing(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``, whole or not at all (see :func:`replacing`)."""
    with replacing(path, binary=True) as stream:
        stream.write(data)


@contextlib.contextmanager
def _replacing(
    path: Path, *, binary: bool, encoding: str, newline: str | None
) -> Iterator[IO[str] | IO[bytes]]:
    kind = _kind_of_existing(path)
    if kind is not None and not stat.S_ISREG(kind):
        with _writing_into(path, kind, binary=binary, encoding=encoding, newline=newline) as out:
            yield out
        return
    real = _real_target(path)
    descriptor, temporary = _create_temporary(path, real)
    stream: IO[str] | IO[bytes] | None = None
    try:
        _hold(descriptor)
        _remove_leftovers(real, keep=temporary)
        if binary:
            stream = os.fdopen(descriptor, "wb")
        else:
            stream = os.fdopen(descriptor, "w", encoding=encoding, newline=newline)
        try:
            yield stream
        except OSError as error:
            if error.filename not in (None, str(temporary)):
                raise  # another file's failure (say, the data being read): not the export's
            raise _not_written(path, error) from error
        try:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            os.replace(temporary, real)
        except OSError as error:
            raise _not_written(path, error) from error
    except BaseException:
        if stream is None:
            os.close(descriptor)
        else:
            with contextlib.suppress(OSError):  # a buffer that cannot be flushed: let it go
                stream.close()
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(real.parent)


def _kind_of_existing(path: Path) -> int | None:
    """The file type bits of what ``path`` names, through every link (``/dev/stdout`` too),
    or None when nothing is there yet."""
    try:
        return stat.S_IFMT(os.stat(path).st_mode)
    except OSError:
        return None


@contextlib.contextmanager
def _writing_into(
    path: Path, kind: int, *, binary: bool, encoding: str, newline: str | None
) -> Iterator[IO[str] | IO[bytes]]:
    """A stream straight into a device, FIFO or the like that ``path`` names (see the module
    docstring); nothing is created, renamed or synced."""
    if stat.S_ISDIR(kind):
        raise FileNotWritten(path, _IS_A_FOLDER, errno.EISDIR)
    if stat.S_ISBLK(kind):
        raise FileNotWritten(path, message("is a disk (a block device), not a file"), errno.EPERM)
    try:
        # No O_CREAT: if the node went away meanwhile, fail rather than make a regular file.
        descriptor = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise _not_written(path, error) from error
    mode = "wb" if binary else "w"
    stream: IO[str] | IO[bytes]
    if binary:
        stream = os.fdopen(descriptor, mode)
    else:
        stream = os.fdopen(descriptor, mode, encoding=encoding, newline=newline)
    try:
        try:
            yield stream
        except OSError as error:
            if error.filename is not None:
                raise  # another file's failure, not the target's
            raise _not_written(path, error) from error
        try:
            stream.flush()
        except OSError as error:
            raise _not_written(path, error) from error
    finally:
        with contextlib.suppress(OSError):  # a buffer that cannot be flushed: already said
            stream.close()


def _real_target(path: Path) -> Path:
    """The file to replace: ``path``, or what it links to; refuses a folder."""
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    if real.is_dir():
        raise FileNotWritten(path, _IS_A_FOLDER, errno.EISDIR)
    return real


def _create_temporary(path: Path, real: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside ``real``, open for writing, with the permissions
    the new export must have."""
    folder = real.parent
    if not folder.is_dir():
        if folder.exists():
            raise FileNotWritten(
                path, message("{folder} is not a folder", folder=folder), errno.ENOTDIR
            )
        raise FileNotWritten(path, _no_folder(folder), errno.ENOENT)
    try:
        old_mode = stat.S_IMODE(real.stat().st_mode)
    except OSError:
        old_mode = None
    while True:
        temporary = folder / (_TEMPORARY.format(name=real.name) + secrets.token_hex(4))
        try:
            # 0o666 and the kernel applies the umask: what a new file gets
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise _not_written(path, error) from error
        break
    if old_mode is not None:
        try:
            os.chmod(temporary, old_mode)
        except OSError as error:
            os.close(descriptor)
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise _not_written(path, error) from error
    return descriptor, temporary


def _hold(descriptor: int) -> None:
    """Mark the temporary file as being written, for :func:`_remove_leftovers` elsewhere."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _remove_leftovers(real: Path, keep: Path) -> None:
    """Remove the temporary files of ``real`` that killed writers left behind.

    Only files named as this module names them, and only those whose lock can be taken
    (a live writer holds its own). Failing to remove one is not the export's failure.
    """
    if fcntl is None:
        return
    prefix = _TEMPORARY.format(name=real.name)
    with contextlib.suppress(OSError):
        for entry in os.scandir(real.parent):
            if (
                not entry.name.startswith(prefix)
                or not _TEMPORARY_TAIL.fullmatch(entry.name[len(prefix) :])
                or entry.path == str(keep)
                or not entry.is_file(follow_symlinks=False)
            ):
                continue
            with contextlib.suppress(OSError):
                _remove_if_abandoned(Path(entry.path))


def _remove_if_abandoned(leftover: Path) -> None:
    assert fcntl is not None
    descriptor = os.open(leftover, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while a writer lives
        os.unlink(leftover)
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` survive a power cut: fsync the folder
    (POSIX; Windows cannot open a folder to sync it, nor needs to). Never raises."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _no_folder(folder: Path) -> Message:
    return message("the folder {folder} does not exist", folder=folder)


def _not_written(path: Path, error: OSError) -> FileNotWritten:
    reason: Message | str
    if isinstance(error, IsADirectoryError):
        reason = _IS_A_FOLDER
    elif isinstance(error, FileNotFoundError):
        reason = _no_folder(path.parent)
    else:
        reason = error.strerror or str(error) or type(error).__name__
    return FileNotWritten(path, reason, error.errno or 0)
