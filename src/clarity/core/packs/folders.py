"""Folder listings read once and shared by every pack of one discovery.

Finding the pack files of a folder and the pictures each pack names both need the
folder's names. Read for every pack, a folder of 5,000 packs and their pictures was listed
and sorted 5,000 times (38 s); shared, it is listed once, and loading N packs is linear
in N.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from clarity.core.packs.picture_decoding import PictureChecks

__all__ = ["FolderListings", "Listing"]

T = TypeVar("T")


class Listing:
    """The names directly in one folder (sorted, as the file system spells them) and which
    of them are regular files (a link to a regular file counts; FIFOs, devices and
    folders do not).

    ``exact``, ``by_nfc`` and ``by_fold`` are the picture finder's view of the same names
    (:mod:`clarity.core.packs.pictures`), made the first time it asks, once per folder.
    """

    def __init__(self, names: tuple[str, ...], files: frozenset[str]) -> None:
        self.names = names
        self.files = files

    @cached_property
    def exact(self) -> frozenset[str]:
        return frozenset(self.names)

    @cached_property
    def by_nfc(self) -> dict[str, str]:
        """NFC form -> the name as held."""
        return self._forms[0]

    @cached_property
    def by_fold(self) -> dict[str, str]:
        """NFC form case-folded -> the name as held (for near misses)."""
        return self._forms[1]

    @cached_property
    def _forms(self) -> tuple[dict[str, str], dict[str, str]]:
        by_nfc: dict[str, str] = {}
        by_fold: dict[str, str] = {}
        for name in self.names:
            composed = unicodedata.normalize("NFC", name)
            # two names with the same NFC form (one copied from a Mac next to the original)
            # resolve to the one already in NFC, whatever the order they are listed in
            if composed not in by_nfc or name == composed:
                by_nfc[composed] = name
            folded = composed.casefold()
            if folded not in by_fold or name == composed:
                by_fold[folded] = name
        return by_nfc, by_fold


class FolderListings:
    """Each folder read at most once; what is made from a listing, made at most once; each
    picture file checked at most once (:attr:`pictures`).

    Not thread-safe: one discovery, on one thread, owns one of these. A folder changed on
    disk after it was read is not seen again: make a new one for the next discovery.
    ``pictures`` may outlive it (the game keeps one for its process: a picture file is
    checked again only when it changed); by default each discovery has its own.
    """

    def __init__(self, pictures: PictureChecks | None = None) -> None:
        self._listings: dict[Path, Listing | None] = {}
        self._made: dict[tuple[Path, Callable[..., object]], object] = {}
        #: the pictures checked so far, by file: 5,000 packs naming one picture decode it once
        self.pictures = pictures if pictures is not None else PictureChecks()

    def listing(self, folder: Path) -> Listing | None:
        """The names in ``folder``; ``None`` when it is missing, not a folder or unreadable."""
        if folder not in self._listings:
            self._listings[folder] = _read(folder)
        return self._listings[folder]

    def made(self, folder: Path, make: Callable[[Listing], T]) -> T | None:
        """``make(listing)`` of ``folder``, made once per folder and ``make`` and kept;
        ``None`` when the folder cannot be read (``make`` is not called)."""
        key = (folder, make)
        if key not in self._made:
            listing = self.listing(folder)
            self._made[key] = None if listing is None else make(listing)
        return self._made[key]  # type: ignore[return-value]


def _read(folder: Path) -> Listing | None:
    names: list[str] = []
    files: set[str] = set()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                names.append(entry.name)
                try:
                    # The type comes with the listing on most file systems: no stat per name.
                    if entry.is_file():
                        files.add(entry.name)
                except OSError:
                    pass  # a name that vanished or cannot be looked at is not a file to read
    except OSError:
        return None
    names.sort()
    return Listing(tuple(names), frozenset(files))
