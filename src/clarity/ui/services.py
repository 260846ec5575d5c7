"""What the scenes share: assets, sound, packs, settings. Passed in, never global."""

from __future__ import annotations

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
    """The installed packs, loaded the first time they are asked for (not at start-up)."""

    def __init__(self, folders: Sequence[Path], assets_dir: Path) -> None:
        self._folders = tuple(folders)
        self._assets_dir = assets_dir
        self._packs: list[LoadedPack] | None = None

    @property
    def folders(self) -> tuple[Path, ...]:
        """Where packs are looked for, the bundled folder first and the teacher's last."""
        return self._folders

    def all(self) -> list[LoadedPack]:
        if self._packs is None:
            # The loader (pydantic, YAML) is imported here, not at start-up: the title's
            # first frame must not wait for it.
            from clarity.core.pack_loader import discover_packs  # noqa: PLC0415

            self._packs = discover_packs(self._folders, assets_dir=self._assets_dir)
        return self._packs

    def by_id(self, pack_id: str) -> LoadedPack | None:
        return next((p for p in self.all() if p.ok and p.pack and p.pack.id == pack_id), None)

    def reload(self) -> None:
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
