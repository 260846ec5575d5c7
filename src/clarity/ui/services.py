"""What the scenes share: assets, sound, packs, settings, who plays. Passed in, never global."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.settings import DisplaySettings, Settings, SettingsStore, SoundSettings
from clarity.ui.assets import Assets
from clarity.ui.sound import Sound

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.core.round import Round
    from clarity.core.scoring import ScoringRules
    from clarity.core.trophies import TrophyTracker
    from clarity.progress import PlayerSession, RoundWatch
    from clarity.ui.speech import Speaker


@dataclass(frozen=True, slots=True)
class GameSettings:
    """The settings of this session of play: the saved ones, and what the command line says.

    ``saved`` are the settings as loaded (or as changed on the Settings screen since);
    ``timer`` and ``streaks`` False are ``--no-timer`` and ``--no-streaks``, which switch
    the rule off for this run whatever is saved, and are never saved. ``store`` is where
    a change is saved (None: kept for this session only, as in tests); ``problems`` are
    the lines that said what was wrong in the settings file, for a screen to show.
    """

    saved: Settings = field(default_factory=Settings)
    timer: bool = True
    streaks: bool = True
    seed: int | None = None  # None: a new seed every round
    store: SettingsStore | None = None
    problems: tuple[str, ...] = ()

    @property
    def display(self) -> DisplaySettings:
        return self.saved.display

    @property
    def sound(self) -> SoundSettings:
        return self.saved.sound

    def rules(self) -> ScoringRules:
        """The core's rules for a round: the saved rules, less what the command line took off.

        The time per question goes to ``time_scale`` (None: no limit).
        """
        # imported when a round starts: its event dataclasses cost the first frame 15 ms
        from clarity.core.scoring import ScoringRules  # noqa: PLC0415

        rules = self.saved.rules
        return ScoringRules(
            timer=self.timer and rules.timer,
            streaks=self.streaks and rules.streaks,
            time_scale=rules.time_scale,
        )

    def overrides(self) -> dict[str, str]:
        """The settings the command line holds for this run, each with the option that does:
        ``{"timer": "--no-timer"}``; a screen shows them as set by it, not as saved."""
        held = {"timer": (self.timer, "--no-timer"), "streaks": (self.streaks, "--no-streaks")}
        return {key: option for key, (allowed, option) in held.items() if not allowed}

    def in_play(self) -> Settings:
        """The settings as this run plays them: the saved ones with the overrides applied."""
        return self.saved.with_values(dict.fromkeys(self.overrides(), False))

    def change(self, settings: Settings) -> tuple[GameSettings, str | None]:
        """These settings with ``settings`` saved in their place, written at once.

        Returns the new GameSettings (to put in :attr:`Services.settings`; it applies
        even when the file cannot be written) and None, or the one line that says why the
        change is kept for this session only (a read-only config folder, a full disk).
        The overrides stay for the run and are never written.
        """
        changed = replace(self, saved=settings)
        if self.store is None:
            return changed, None
        return changed, self.store.save(settings).problem


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
                from clarity.core.packs.loader import discover_packs  # noqa: PLC0415

                self._packs = discover_packs(self._folders, assets_dir=self._assets_dir)
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

    def reload(self) -> None:
        with self._lock:
            self._packs = None


@dataclass(frozen=True, slots=True)
class PlayerOptions:
    """Who plays, as the command line said; the session opens the store with these."""

    name: str | None = None  # --player: pick or create this player, never ask
    guest: bool = False  # a guest from the start (the demo without --player)
    offer_resume: bool = True  # offer an interrupted round back (the demo does not)
    on_notice: Callable[[str], None] | None = None  # hears once why saving is off


@dataclass
class Services:
    assets: Assets
    sound: Sound
    packs: PackCatalog
    settings: GameSettings = field(default_factory=GameSettings)
    data_dir: Path | None = None
    on_close: list[Callable[[], None]] = field(default_factory=list)
    player_options: PlayerOptions = field(default_factory=PlayerOptions)
    #: reads questions aloud (made when first asked for: the engine is looked for then)
    speaker_factory: Callable[[Sound], Speaker] | None = None
    _speaker: Speaker | None = field(default=None, init=False, repr=False)
    _session: PlayerSession | None = field(default=None, init=False, repr=False)
    _warming: threading.Thread | None = field(default=None, init=False, repr=False)

    def change_settings(self, settings: Settings) -> str | None:
        """Apply ``settings`` at once and save them: the sound's volume and mute now, the
        rules from the next round, the display when the App lays the screens out again.

        Returns None, or the one line that says why the change holds for this session only
        (the settings file could not be written).
        """
        self.settings, problem = self.settings.change(settings)
        self.apply_sound_settings()
        return problem

    def apply_sound_settings(self) -> None:
        """The saved volume and mute on the sound effects (M toggles the mute in between)."""
        chosen = self.settings.sound
        self.sound.set_volume(chosen.volume / 100)
        if self.sound.muted != chosen.mute:
            self.sound.toggle_mute()

    def session_ready(self) -> bool:
        """Whether :attr:`session` can be made without a pause in the frames.

        The first call starts importing the saving code (the store, the core round) in a
        background thread, as the packs are; until that is done the answer is False.
        """
        if self._session is not None:
            return True
        if self._warming is None:
            self._warming = threading.Thread(
                target=_import_progress, name="progress-import", daemon=True
            )
            self._warming.start()
        return not self._warming.is_alive()

    @property
    def session(self) -> PlayerSession:
        """Who plays, and their saved progress; the store opens when first needed.

        Made on first use: the store and the core it saves load after the first frame.
        """
        if self._session is None:
            from clarity.progress import PlayerSession  # noqa: PLC0415 - see above

            options = self.player_options
            self._session = PlayerSession(
                self.data_dir,
                player_name=options.name,
                guest=options.guest,
                offer_resume=options.offer_resume,
                on_notice=options.on_notice,
            )
        return self._session

    def bundled_pack_ids(self) -> list[str]:
        return self.packs.bundled_ids()

    def pack_titles(self) -> dict[str, str]:
        """The playable packs' titles by id, in the catalogue's order."""
        return {p.pack.id: p.title for p in self.packs.all() if p.ok and p.pack is not None}

    def watch_round(self, played: Round, tracker: TrophyTracker, loaded: LoadedPack) -> RoundWatch:
        """Save ``played`` for the current player as it goes (after ``tracker`` sees it)."""
        return self.session.progress(self.bundled_pack_ids).watch(played, tracker, loaded)

    @property
    def speaker(self) -> Speaker:
        """The read-aloud of this game, at the speech volume of the settings."""
        if self._speaker is None:
            from clarity.ui.speech import Speaker  # noqa: PLC0415 - only when read-aloud is on

            make = self.speaker_factory or Speaker.for_system
            self._speaker = make(self.sound)
        self._speaker.volume = self.settings.sound.volume / 100
        return self._speaker

    def close(self) -> None:
        for callback in self.on_close:
            callback()
        if self._speaker is not None:
            self._speaker.close()  # before the mixer it plays on goes
        self.sound.close()
        if self._session is not None:
            self._session.close()


def _import_progress() -> None:
    # An error here is raised again where the session is made, on the main thread.
    with contextlib.suppress(Exception):
        import clarity.progress  # noqa: F401, PLC0415 - imported to warm it up
