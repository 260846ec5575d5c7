"""Real damage for the store's tests: pages of a table overwritten, files cut short.

The pages of a table or index are found with SQLite's ``dbstat`` table (the build of
SQLite Python uses on Debian, Ubuntu, Fedora and the python.org installers has it); the
file keeps its size, as when a disk sector or a sync tool goes wrong.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from system_packages import running_in_ci


def pages_of(path: Path, name: str, kind: str | None = None) -> list[int]:
    """The page numbers of table or index ``name``, in b-tree order; ``kind`` picks
    ``"leaf"`` or ``"internal"`` pages only. The file must be checkpointed (closed); it
    is read as immutable, so SQLite makes no -wal or -shm file beside it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute(
            "SELECT pageno, pagetype FROM dbstat WHERE name = ? ORDER BY path", (name,)
        ).fetchall()
    except sqlite3.OperationalError as error:
        reason = f"this SQLite has no dbstat table to find pages with ({error})"
        if running_in_ci():
            pytest.fail(f"{reason}, and in CI every test must run")
        pytest.skip(reason)
    finally:
        conn.close()
    return [page for page, pagetype in rows if kind is None or pagetype == kind]


def page_size(path: Path) -> int:
    with open(path, "rb") as file:
        header = file.read(100)
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def overwrite_page(path: Path, page: int, fill: bytes = b"\xa5") -> None:
    """Overwrite page ``page`` (1 is the first) with ``fill`` repeated; the size stays."""
    size = page_size(path)
    with open(path, "r+b") as file:
        file.seek((page - 1) * size)
        file.write((fill * size)[:size])


def damage_table(path: Path, table: str, which: int = 0, kind: str | None = "leaf") -> int:
    """Overwrite one page of ``table`` (its ``which``-th ``kind`` page); return its number."""
    pages = pages_of(path, table, kind)
    assert pages, f"{table} has no {kind or ''} pages in {path}"
    page = pages[which]
    overwrite_page(path, page)
    return page
