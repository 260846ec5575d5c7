"""A file written for a user is whole or absent: the old one stays until the new one is complete."""

from __future__ import annotations

import fcntl
import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from clarity.atomic_files import FileNotWritten, replacing, write_replacing
from store.filesystems import make_read_only, tmpfs, writable_then_read_only

OLD = b"player,score\r\nAna,900\r\n"


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    yield
    os.umask(before)


def _others(folder: Path, keep: str = "results.csv") -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


def _write_half_then(target: Path, error: BaseException) -> None:
    with replacing(target) as stream:
        stream.write("half of the new export")
        raise error


def test_a_new_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    write_replacing(target, b"new")
    assert target.read_bytes() == b"new"
    assert _others(tmp_path) == []


def test_text_is_written_with_the_encoding_and_newline_asked(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    with replacing(target, encoding="utf-8-sig", newline="") as stream:
        stream.write("Маша\r\n")
    assert target.read_bytes() == b"\xef\xbb\xbf" + "Маша\r\n".encode()


def test_an_old_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    target.write_bytes(OLD)
    write_replacing(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "results.csv"
    write_replacing(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not mkstemp's 0600


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "results.csv"
    target.write_bytes(OLD)
    target.chmod(0o640)
    write_replacing(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    target.write_bytes(OLD)
    with pytest.raises(ZeroDivisionError):
        _write_half_then(target, ZeroDivisionError())
    assert target.read_bytes() == OLD
    assert _others(tmp_path) == []


def test_an_interrupt_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    target.write_bytes(OLD)
    with pytest.raises(KeyboardInterrupt):
        _write_half_then(target, KeyboardInterrupt())
    assert target.read_bytes() == OLD
    assert _others(tmp_path) == []


def test_another_files_error_in_the_block_is_not_blamed_on_the_target(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    with pytest.raises(FileNotFoundError) as raised, replacing(target) as stream:
        stream.write(open(tmp_path / "missing.db").read())  # noqa: SIM115
    assert not isinstance(raised.value, FileNotWritten)
    assert _others(tmp_path, keep="") == []


def test_a_target_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(FileNotWritten) as raised:
        write_replacing(target, b"new")
    assert str(raised.value) == f"cannot write {target}: is a folder"
    assert (target / "keep.txt").read_text() == "mine"
    assert _others(tmp_path) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "results.csv"
    with pytest.raises(FileNotWritten) as raised:
        write_replacing(target, b"new")
    assert str(raised.value) == (
        f"cannot write {target}: the folder {target.parent} does not exist"
    )
    assert not target.parent.exists()


def test_a_read_only_folder_keeps_the_old_file(tmp_path: Path) -> None:
    with writable_then_read_only(tmp_path / "usb") as folder:
        target = folder / "results.csv"
        target.write_bytes(OLD)
        make_read_only(folder)
        with pytest.raises(FileNotWritten) as raised:
            write_replacing(target, b"new")
        assert target.read_bytes() == OLD
        assert _others(folder) == []
    assert raised.value.filename == str(target)
    assert raised.value.strerror in ("Read-only file system", "Permission denied")
    assert str(raised.value).startswith(f"cannot write {target}: ")


def test_a_full_disk_keeps_the_old_file_and_names_it(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "64k") as folder:
        target = folder / "results.csv"
        target.write_bytes(OLD)
        with pytest.raises(FileNotWritten) as raised:
            write_replacing(target, b"x" * 400_000)
        assert target.read_bytes() == OLD
        assert _others(folder) == []
    assert str(raised.value) == f"cannot write {target}: No space left on device"


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    real = tmp_path / "exports" / "year.csv"
    real.write_bytes(OLD)
    link = tmp_path / "results.csv"
    link.symlink_to(real)
    write_replacing(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert _others(tmp_path / "exports", keep="year.csv") == []


def test_a_killed_writers_leftover_is_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    leftover = tmp_path / ".results.csv.tmp-0123abcd"
    leftover.write_bytes(b"half")
    write_replacing(target, b"new")
    assert _others(tmp_path) == []


def test_a_live_writers_temporary_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    writing = tmp_path / ".results.csv.tmp-0123abcd"
    writing.write_bytes(b"half")
    with writing.open("rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        write_replacing(target, b"new")
    assert _others(tmp_path) == [writing.name]


def test_files_not_named_as_our_temporaries_are_never_removed(tmp_path: Path) -> None:
    target = tmp_path / "results.csv"
    names = [".results.csv.tmp-mine", "results.csv.tmp-0123abcd", ".other.csv.tmp-0123abcd"]
    for name in names:
        (tmp_path / name).write_bytes(b"the teacher's")
    write_replacing(target, b"new")
    assert _others(tmp_path) == sorted(names)


def _read_fifo_in_background(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:  # blocks until the writer opens its end
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, received


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "results.csv"
    os.mkfifo(fifo)
    reader, received = _read_fifo_in_background(fifo)
    write_replacing(fifo, b"player,score\r\n")
    reader.join(timeout=10)
    assert received == [b"player,score\r\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _others(tmp_path) == []  # no temporary file beside it


def test_a_link_to_a_fifo_writes_into_the_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "results.csv"
    link.symlink_to(fifo)
    reader, received = _read_fifo_in_background(fifo)
    with replacing(link, encoding="utf-8-sig", newline="") as stream:
        stream.write("Маша\r\n")
    reader.join(timeout=10)
    assert received == ["\ufeffМаша\r\n".encode()]
    assert link.is_symlink()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_character_device_says_no_space_and_is_never_replaced() -> None:
    full = Path("/dev/full")
    with pytest.raises(FileNotWritten) as raised:
        write_replacing(full, b"x" * 100_000)
    assert str(raised.value) == "cannot write /dev/full: No space left on device"
    assert stat.S_ISCHR(full.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_a_character_device_is_written_into_and_stays_a_device(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the numbers of /dev/null
    write_replacing(null, b"player,score\r\n")
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert _others(tmp_path, keep="null") == []


def test_a_socket_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        with pytest.raises(FileNotWritten) as raised:
            write_replacing(path, b"new")
        assert str(raised.value).startswith(f"cannot write {path}: ")
        assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_folder_reached_through_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "results.csv").symlink_to(tmp_path / "folder")
    with pytest.raises(FileNotWritten, match="is a folder"):
        write_replacing(tmp_path / "results.csv", b"new")
    assert (tmp_path / "results.csv").is_symlink()
