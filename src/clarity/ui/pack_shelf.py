"""The installed packs, loaded in a background thread so that no frame waits for them.

The pack choice opens at once and shows each pack as it arrives, with how many of how many
are in; the core's loader stays pure and single-threaded, and only this module knows that
it runs beside the game loop. Where the packs come from is a :data:`PackProvider` passed in
(the packs folders by default; tests pass one they release a pack at a time).

Why a thread and not a process (measured; figures from ``benchmarks/bench_pack_load.py``
on a 2-core machine shared with other work): with the thread, the pack choice over 1,000
loading packs kept 98 frames a second (slowest frame 95 ms), since the loader gives the
interpreter lock back between packs and the frame code is short. A process would add a
second interpreter importing the loader (0.8 s before the first pack) and the copying of
every pack back (a ``LoadedPack`` does not even pickle as it is: its pictures are a
read-only mapping), for an isolation the loader's own caps (file size, aliases, problems
per file) already give against one hostile pack.

The packs folder changes while the game runs (``clarity new``, a teacher editing a pack,
a file copied in): :meth:`PackCatalog.refresh`, called as the pack choice shows, compares
the folders' listings (names, sizes, modification times: a few milliseconds for a thousand
files, no file read) with those taken when the packs were last loaded, and loads them again
only when they differ; :class:`FolderPacks` then reads again only the pack files that
changed (or whose pictures did), and keeps the others as they were loaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clarity.core.packs.folders import FolderListings
    from clarity.core.packs.loader import LoadedPack
    from clarity.core.packs.picture_decoding import PictureChecks


@dataclass(frozen=True)
class PackStream:
    """What a provider gives: how many pack files were found, then the packs, one by one."""

    total: int
    packs: Iterator[LoadedPack]


#: A file as :func:`os.stat` sees it: (size in bytes, modification time in ns); None: gone.
Stamp = tuple[int, int] | None
#: What :func:`folder_stamps` gives: each folder's entries with their stamps.
FolderStamps = tuple[tuple[Path, tuple[tuple[str, Stamp], ...] | None], ...]


def stamp_of(path: Path) -> Stamp:
    """``path``'s size and modification time (following links); None when it cannot be
    looked at."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def folder_stamps(folders: Sequence[Path]) -> FolderStamps:
    """Each folder's entries by name with their stamps (None for a folder that cannot be
    read): any pack file added, removed, replaced or edited in place changes it, as does a
    picture beside the packs or a subfolder gaining or losing a file. One listing per
    folder and one ``stat`` per entry; no file is read."""
    found = []
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                listed = [(entry.name, _entry_stamp(entry)) for entry in entries]
        except OSError:
            found.append((folder, None))
            continue
        found.append((folder, tuple(sorted(listed))))
    return tuple(found)


def _entry_stamp(entry: os.DirEntry[str]) -> Stamp:
    try:
        found = entry.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


@dataclass(frozen=True)
class _Kept:
    """A pack that loaded without an error, and the stamps of its file and pictures then."""

    loaded: LoadedPack
    stamp: Stamp
    pictures: tuple[tuple[Path, Stamp], ...]

    def unchanged(self) -> bool:
        return stamp_of(self.loaded.path) == self.stamp and all(
            stamp_of(path) == stamp for path, stamp in self.pictures
        )


#: ``provider(folders, assets_dir)``: the packs in ``folders`` (the bundled folder first),
#: their pictures found there or in ``assets_dir``. Runs on the loading thread.
PackProvider = Callable[[Sequence[Path], Path], PackStream]


class FolderPacks:
    """The default provider: the pack files of ``folders``, loaded one at a time, each
    folder listed once (:func:`clarity.core.packs.loader.find_pack_files`).

    It keeps the pictures it has checked for as long as it lives (the catalog's life, so
    the game's): a reload of the pack list decodes only a picture whose file changed (each
    is known by its path, size and modification time). With ``cache_file``
    (:func:`clarity.picture_cache.picture_cache_file`), what it checked outlives the game
    too: the file is read at the first listing and written after a listing that checked a
    picture, so the next start decodes only new or changed pictures (160 phone photos took
    37.6 s at every start before). Called on the loading thread only.
    """

    def __init__(self, cache_file: Path | None = None) -> None:
        self._cache_file = cache_file
        self._pictures: PictureChecks | None = None
        self._saved_checks = 0  # ``checked`` of the pictures when the cache was last written
        #: the packs of the last listing that loaded without an error, by file: a reload
        #: keeps those whose file and pictures are unchanged instead of reading them again
        self._kept: dict[Path, _Kept] = {}
        #: how many pack files the last listing read (the others it kept): for the tests
        self.read_last_time = 0

    def __call__(self, folders: Sequence[Path], assets_dir: Path) -> PackStream:
        # The loader (pydantic, YAML, Pillow) is imported here, on the loading thread: the
        # title's first frame must not wait for it.
        from clarity.core.packs.loader import FolderListings, pack_files_in  # noqa: PLC0415

        pictures = self._known_pictures()
        listings = FolderListings(pictures=pictures)
        files = [path for folder in folders for path in pack_files_in(folder, listings)]
        kept = {path: k.loaded for path in files if (k := self._kept.get(path)) and k.unchanged()}
        if kept:
            packs = self._mixed(files, kept, assets_dir, listings)
        else:
            packs = self._read(files, assets_dir, listings)
        return PackStream(len(files), self._saved_after(packs, pictures))

    def _read(
        self, files: Sequence[Path], assets_dir: Path, listings: FolderListings
    ) -> Iterator[LoadedPack]:
        """``files`` loaded in order (the loader's rules across them: a later pack reusing an
        earlier one's id is an error), each one that loads without an error kept with the
        stamps of its file (taken before it is read) and pictures."""
        from clarity.core.packs.loader import iter_packs  # noqa: PLC0415 - see __call__

        self._kept = {}
        self.read_last_time = 0
        stamps: dict[Path, Stamp] = {}

        def stamped() -> Iterator[Path]:
            for path in files:
                stamps[path] = stamp_of(path)
                yield path

        for loaded in iter_packs(stamped(), assets_dir=assets_dir, listings=listings):
            self.read_last_time += 1
            self._keep(loaded, stamps[loaded.path])
            yield loaded

    def _mixed(
        self,
        files: Sequence[Path],
        kept: Mapping[Path, LoadedPack],
        assets_dir: Path,
        listings: FolderListings,
    ) -> Iterator[LoadedPack]:
        """``files``, those in ``kept`` as they were and the others read again. The rule
        that the first file of an id wins needs every file in order, so when a pack read
        again takes the id of a kept one, every file is read again (rare: a duplicate)."""
        from clarity.core.packs.loader import iter_packs  # noqa: PLC0415 - see __call__

        changed = [path for path in files if path not in kept]
        stamps = {path: stamp_of(path) for path in changed}
        read = {p.path: p for p in iter_packs(changed, assets_dir=assets_dir, listings=listings)}
        kept_ids = {loaded.id for loaded in kept.values()}
        if any(p.pack is not None and p.pack.id in kept_ids for p in read.values()):
            from clarity.core.packs.loader import FolderListings  # noqa: PLC0415

            yield from self._read(files, assets_dir, FolderListings(pictures=listings.pictures))
            return
        self._kept = {path: k for path, k in self._kept.items() if path in kept}
        self.read_last_time = len(read)
        for loaded in read.values():
            self._keep(loaded, stamps[loaded.path])
        for path in files:
            yield kept.get(path) or read[path]

    def _keep(self, loaded: LoadedPack, stamp: Stamp) -> None:
        if loaded.pack is None:  # an error: read again next time (a picture may come)
            return
        pictures = tuple((path, stamp_of(path)) for path in set(loaded.images.values()))
        self._kept[loaded.path] = _Kept(loaded, stamp, pictures)

    def _known_pictures(self) -> PictureChecks:
        if self._pictures is None:
            if self._cache_file is None:
                from clarity.core.packs.picture_decoding import PictureChecks  # noqa: PLC0415

                self._pictures = PictureChecks()
            else:
                from clarity.picture_cache import load_picture_checks  # noqa: PLC0415

                self._pictures = load_picture_checks(self._cache_file)
        return self._pictures

    def _saved_after(
        self, packs: Iterator[LoadedPack], pictures: PictureChecks
    ) -> Iterator[LoadedPack]:
        yield from packs
        # Only after the whole list: a listing given up half way (a reload) is written by
        # the next one, and a listing that checked nothing new leaves the file alone.
        checked = pictures.checked
        if self._cache_file is None or checked == self._saved_checks:
            return
        from clarity.picture_cache import save_picture_checks  # noqa: PLC0415

        save_picture_checks(pictures, self._cache_file)
        self._saved_checks = checked


@dataclass(frozen=True)
class LoadProgress:
    """How far the loading is: ``found`` pack files (None while they are being looked
    for), ``loaded`` of them in, and whether it is over (``finished``)."""

    found: int | None
    loaded: int
    finished: bool


class PackCatalog:
    """The installed packs, loaded once in a background thread and kept.

    :meth:`preload` starts the loading (the launcher calls it once the first frame is on
    the screen; the pack choice calls it too); :meth:`arrived` and :meth:`progress` say
    what is in so far without waiting; :meth:`all` waits for the end (the command line's
    ``--pack``, resuming a round); :meth:`refresh` loads again when the folders changed.
    Thread-safe.
    """

    def __init__(
        self,
        folders: Sequence[Path],
        assets_dir: Path,
        provider: PackProvider | None = None,
    ) -> None:
        self._folders = tuple(folders)
        self._assets_dir = assets_dir
        self._provider = provider if provider is not None else FolderPacks()
        self._changed = threading.Condition()
        self._generation = 0
        self._preloading: threading.Thread | None = None
        self._arrived: list[LoadedPack] = []
        self._found: int | None = None
        self._finished = False
        self._error: BaseException | None = None
        self._packs: list[LoadedPack] | None = None
        #: the folders as the loading under way found them (None until it has looked)
        self._stamps: FolderStamps | None = None

    @property
    def folders(self) -> tuple[Path, ...]:
        """Where packs are looked for, the bundled folder first and the teacher's last."""
        return self._folders

    @property
    def generation(self) -> int:
        """How many times the packs were forgotten (:meth:`reload`): a list of cards made
        from an older generation is out of date (a pack was imported since)."""
        with self._changed:
            return self._generation

    @property
    def loaded(self) -> bool:
        """Whether every pack is in (and :meth:`all` returns at once)."""
        with self._changed:
            return self._finished

    def preload(self) -> None:
        """Start loading the packs in a background thread, if nobody has yet."""
        with self._changed:
            if self._preloading is not None:
                return
            self._preloading = threading.Thread(
                target=self._load,
                args=(self._generation,),
                name="pack-discovery",
                daemon=True,  # a hostile pack must not keep a closed game alive
            )
            self._preloading.start()

    def progress(self) -> LoadProgress:
        with self._changed:
            return LoadProgress(self._found, len(self._arrived), self._finished)

    def arrived(self, start: int = 0) -> list[LoadedPack]:
        """The packs loaded so far, in the order they came, from the ``start``-th on."""
        with self._changed:
            return self._arrived[start:]

    def wait_for(self, count: int, timeout: float | None = None) -> bool:
        """Wait until ``count`` packs are in or the loading is over; False on timeout."""
        with self._changed:
            return self._changed.wait_for(
                lambda: len(self._arrived) >= count or self._finished, timeout
            )

    def all(self) -> list[LoadedPack]:
        """Every pack, sorted by title; waits for the loading (and starts it if need be).

        Raises what the loading raised (a bug, never a teacher's mistake: those are
        problems on the packs), here on the caller's thread where the game reports it.
        """
        self.preload()
        with self._changed:
            self._changed.wait_for(lambda: self._finished)
            if self._error is not None:
                raise self._error
            assert self._packs is not None
            return self._packs

    def bundled_ids(self) -> list[str]:
        """The ids of the playable packs in the first folder, the game's own (for Scholar)."""
        if not self._folders:
            return []
        first = self._folders[0]
        return [
            p.pack.id
            for p in self.all()
            if p.ok and p.pack is not None and p.path.is_relative_to(first)
        ]

    def by_id(self, pack_id: str) -> LoadedPack | None:
        return next((p for p in self.all() if p.ok and p.pack and p.pack.id == pack_id), None)

    def refresh(self) -> bool:
        """Load the packs again when a pack file (or a picture beside them) was added,
        removed or changed in the folders since the loading began (:func:`folder_stamps`:
        no file is read); True when it started loading again. Nothing before the first
        loading has looked at the folders (it will find them as they are)."""
        with self._changed:
            seen = self._stamps if self._preloading is not None else None
        if seen is None or folder_stamps(self._folders) == seen:
            return False
        self.reload()
        self.preload()
        return True

    def reload(self) -> None:
        """Forget the packs; the next :meth:`preload` or :meth:`all` loads them again (a
        loading still running is left to finish unheard)."""
        with self._changed:
            self._generation += 1
            self._preloading = None
            self._arrived = []
            self._found = None
            self._finished = False
            self._error = None
            self._packs = None
            self._stamps = None
            self._changed.notify_all()

    def _load(self, generation: int) -> None:
        error: BaseException | None = None
        try:
            stamps = folder_stamps(self._folders)  # before the provider lists them
            with self._changed:
                if generation == self._generation:
                    self._stamps = stamps
            stream = self._provider(self._folders, self._assets_dir)
            with self._changed:
                if generation != self._generation:
                    return
                self._found = stream.total
                self._changed.notify_all()
            for pack in stream.packs:
                with self._changed:
                    if generation != self._generation:
                        return
                    self._arrived.append(pack)
                    self._changed.notify_all()
        except Exception as exc:
            error = exc
        with self._changed:
            if generation != self._generation:
                return
            # imported here, not at start-up: see packs_in_folders
            from clarity.core.packs.loader import title_order  # noqa: PLC0415

            self._packs = sorted(self._arrived, key=title_order)
            self._error = error
            self._finished = True
            self._changed.notify_all()
