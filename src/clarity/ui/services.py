"""What the scenes share: assets, sound, packs, settings. Passed in, never global."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.core.scoring import ScoringRules
from clarity.ui.assets import Assets
from clarity.ui.sound import Sound

if TYPE_CHECKING:
    from clarity.core.pack_loader import LoadedPack


@dataclass(frozen=True, slots=True)
class GameSettings:
    """Choices made on the command line for this session of play."""

    timer: bool = True
    streaks: bool = True
    seed: int | None = None  # None: a new seed every round

    def rules(self) -> ScoringRules:
        return ScoringRules(timer=self.timer, streaks=self.streaks)


class PackCatalog:
    """The installed packs, loaded the first time they are asked for (not at start-up).

    :meth:`preload` may start the loading in a background thread once the first frame
    is on the screen, so the pack choice opens at once; :meth:`all` waits for it.
    """

    def __init__(self, folders: Sequence[Path], assets_dir: Path) -> None:
        self._folders = tuple(folders)
        self._assets_dir = assets_dir
        self._packs: list[LoadedPack] | None = None
        self._lock = threading.Lock()
        self._preloading: threading.Thread | None = None

    @property
    def folders(self) -> tuple[Path, ...]:
        """Where packs are looked for, the bundled folder first and the teacher's last."""
        return self._folders

    @property
    def loaded(self) -> bool:
        """Whether the packs have been discovered (and :meth:`all` returns at once)."""
        return self._packs is not None

    def preload(self) -> None:
        """Discover the packs in a background thread, if nobody has yet."""
        if self._packs is not None or self._preloading is not None:
            return
        self._preloading = threading.Thread(
            target=self._preload, name="pack-discovery", daemon=True
        )
        self._preloading.start()

    def _preload(self) -> None:
        # An error here is left for all() to raise again on the main thread, where the
        # game reports it; a thread would only print a traceback.
        with contextlib.suppress(Exception):
            self.all()

    def all(self) -> list[LoadedPack]:
        with self._lock:
            if self._packs is None:
                # The loader (pydantic, YAML) is imported here, not at start-up: the
                # title's first frame must not wait for it.
                from clarity.core.pack_loader import discover_packs  # noqa: PLC0415

                self._packs = discover_packs(self._folders, assets_dir=self._assets_dir)
            return self._packs

    def by_id(self, pack_id: str) -> LoadedPack | None:
        return next((p for p in self.all() if p.ok and p.pack and p.pack.id == pack_id), None)

    def reload(self) -> None:
        with self._lock:
            self._packs = None


@dataclass
class Services:
    assets: Assets
    sound: Sound
    packs: PackCatalog
    settings: GameSettings = field(default_factory=GameSettings)
    data_dir: Path | None = None
    on_close: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        for callback in self.on_close:
            callback()
        self.sound.close()
