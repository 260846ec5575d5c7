"""What the scenes share: assets, sound, packs, settings, who plays. Passed in, never global.

The screens ask :attr:`Services.session` for the saved data they show and the changes
they make, and take the values they show from here (``from clarity.ui.services import
Player``): this is the only module of :mod:`clarity.ui` that may reach the store
(``tests/ui/test_layering.py`` holds the rest to it). Those values are loaded when first
asked for, from :mod:`clarity.progress`, since the store loads after the first frame.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from clarity.core.messages import N_, Message, message
from clarity.i18n import LANGUAGE_ENV, Translator, choose_language, translator_for
from clarity.i18n.languages import LanguageChoice
from clarity.settings import (
    LANGUAGE_TAGS,
    DisplaySettings,
    Settings,
    SettingsStore,
    SettingValue,
    SoundSettings,
)
from clarity.settings import Problem as SettingsProblem
from clarity.ui.assets import Assets
from clarity.ui.pack_shelf import PackCatalog
from clarity.ui.sound import Sound

#: What the scenes share, and the saved values the screens show: the names not defined
#: here are taken from :mod:`clarity.progress` when first asked for (see :func:`__getattr__`).
__all__ = [
    "MAX_NAME_LENGTH",
    "CabinetEntry",
    "ClassBook",
    "ClassGameSaved",
    "DroppedFile",
    "FinishResult",
    "GameSettings",
    "HeldElsewhere",
    "LeaderRow",
    "NameRejected",
    "PackCatalog",
    "Player",
    "PlayerOptions",
    "PlayerOverview",
    "PrintJob",
    "RoundRecord",
    "SaveFailed",
    "Services",
    "StudyDeck",
    "StudyOverview",
    "TeamLeaderRow",
    "said",
]

if TYPE_CHECKING:
    from clarity.class_progress import ClassGameSaved, ClassProgress
    from clarity.core.class_round import ClassRound
    from clarity.core.events import ClassSummary, TrophyEarned
    from clarity.core.packs.loader import LoadedPack
    from clarity.core.round import Round
    from clarity.core.scoring import ScoringRules
    from clarity.core.study import CardState, ReviewRecord
    from clarity.core.teams import ClassGameSetup
    from clarity.core.trophies import StudyStats, TrophyTracker
    from clarity.formats.importing import ImportOutcome, SkippedLine
    from clarity.printing.document import PageStyle
    from clarity.progress import (
        MAX_NAME_LENGTH,
        CabinetEntry,
        FinishResult,
        HeldElsewhere,
        LeaderRow,
        NameRejected,
        Player,
        PlayerOverview,
        PlayerSession,
        RoundRecord,
        RoundWatch,
        SaveFailed,
    )
    from clarity.store import SchoolClass, Store, TeamLeaderRow
    from clarity.store.study import SprintRecord, StudyDay
    from clarity.ui.speech import Speaker


#: the class game's saved values, from :mod:`clarity.class_progress`
_CLASS_GAME_NAMES = frozenset({"ClassGameSaved"})


def __getattr__(name: str) -> object:
    """A saved value by name (PEP 562): the store is imported on the first such question,
    never with this module, which the title's first frame needs."""
    # only names not defined here reach this function: the saved values of __all__
    if name in _CLASS_GAME_NAMES:
        import clarity.class_progress  # noqa: PLC0415 - after the first frame (see above)

        return getattr(clarity.class_progress, name)
    if name == "TeamLeaderRow":
        import clarity.store  # noqa: PLC0415 - after the first frame (see above)

        return clarity.store.TeamLeaderRow
    if name in __all__:
        import clarity.progress  # noqa: PLC0415 - after the first frame (see above)

        return getattr(clarity.progress, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class GameSettings:
    """The settings of this session of play: the saved ones, and what the command line says.

    ``saved`` are the settings as loaded (or as changed on the Settings screen since);
    ``timer`` and ``streaks`` False are ``--no-timer`` and ``--no-streaks``, which switch
    the rule off for this run whatever is saved, and are never saved. ``store`` is where
    a change is saved (None: kept for this session only, as in tests); ``problems`` are
    the lines that said what was wrong in the settings file, for a screen to show.
    ``environ`` and ``system_locale`` are what the language is chosen from when the
    setting is "automatic", and ``CLARITY_LANG`` in ``environ`` overrides the setting
    (:func:`clarity.i18n.choose_language`; empty in tests: the setting, else English).
    """

    saved: Settings = field(default_factory=Settings)
    timer: bool = True
    streaks: bool = True
    seed: int | None = None  # None: a new seed every round
    store: SettingsStore | None = None
    problems: tuple[SettingsProblem | Message | str, ...] = ()
    environ: Mapping[str, str] = field(default_factory=dict)
    system_locale: str | None = None

    def language(self) -> LanguageChoice:
        """The interface language of this run, and what chose it."""
        return choose_language(self.saved.display.language, self.environ, self.system_locale)

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
        return self.saved.rules.scoring_rules(timer=self.timer, streaks=self.streaks)

    def overrides(self) -> dict[str, str]:
        """The settings the command line holds for this run, each with the option that does:
        ``{"timer": "--no-timer"}``; a screen shows them as set by it, not as saved."""
        held = {"timer": (self.timer, "--no-timer"), "streaks": (self.streaks, "--no-streaks")}
        overrides = {key: option for key, (allowed, option) in held.items() if not allowed}
        if self.language().source == LANGUAGE_ENV:
            overrides["language"] = LANGUAGE_ENV
        return overrides

    def in_play(self) -> Settings:
        """The settings as this run plays them: the saved ones with the overrides applied."""
        values: dict[str, SettingValue] = {
            key: False for key in self.overrides() if key in ("timer", "streaks")
        }
        language = self.language()
        if language.source == LANGUAGE_ENV and language.language in LANGUAGE_TAGS:
            values["language"] = language.language  # the test-only pseudo-language is none
        return self.saved.with_values(values)

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


@dataclass(frozen=True, slots=True)
class PlayerOptions:
    """Who plays, as the command line said; the session opens the store with these."""

    name: str | None = None  # --player: pick or create this player, never ask
    guest: bool = False  # a guest from the start (the demo without --player)
    offer_resume: bool = True  # offer an interrupted round back (the demo does not)
    on_notice: Callable[[Message], None] | None = None  # hears once why saving is off


@dataclass(frozen=True, slots=True)
class DroppedFile:
    """A file dropped on the window and what became of it (:meth:`Services.import_dropped`).

    ``outcome`` is the import (the pack written, the questions per file, every line
    skipped) when a pack was written; else ``refused`` is the one line that says why
    nothing was (a picture, a file in no format the game reads, a pack that does not load)
    and ``skipped`` what was left out on the way (each question of a file that had none
    the game can hold, with its reason).
    """

    path: Path
    outcome: ImportOutcome | None = None
    refused: Message | None = None
    skipped: tuple[SkippedLine, ...] = ()


#: Said when the game has no packs folder of its own to import into (a test's or a
#: demo's App with the bundled packs only).
NO_PACKS_FOLDER = N_("The game has no packs folder to import into.")
#: Said when the game has no data folder to write a pack's printouts into.
NO_PRINT_FOLDER = N_("The game has no folder to write the printouts into.")
#: The folder in the data folder that holds each pack's printouts, in a folder per pack.
PRINTOUTS_FOLDER = "printouts"
#: Where Letter paper is the school's paper (by the territory of the system's locale,
#: as in CLDR's paper size data); A4 elsewhere.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "SV"})


class PrintJob:
    """A pack's three printouts being written in a background thread
    (:meth:`Services.print_pack`): the screen asks :attr:`done` each frame and then says
    :attr:`said` (where the files are, or why there are none).

    ``opener`` is asked to show the folder once the files are written; a test gives one
    that notes it was asked, since no file manager can run headless.
    """

    def __init__(
        self,
        loaded: LoadedPack,
        folder: Path,
        style: PageStyle,
        opener: Callable[[Path], bool],
    ) -> None:
        self.loaded = loaded
        self.folder = folder
        self.files: list[Path] = []
        self.failed: Message | None = None
        self.opened = False
        self._style = style
        self._opener = opener
        self._thread = threading.Thread(target=self._write, name="printing", daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        """Whether the files are written (or failed to be)."""
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the writing (tests, closing); True when it is over."""
        self._thread.join(timeout)
        return self.done

    @property
    def said(self) -> Message:
        """What the teacher is told once :attr:`done`: where the printouts are, or why
        they were not written."""
        if self.failed is not None:
            return self.failed
        if self.opened:
            return message("The printouts are in {folder}", folder=str(self.folder))
        return message(
            "The printouts are in {folder} (no file manager could show it)",
            folder=str(self.folder),
        )

    def _write(self) -> None:
        from clarity.printing.pack_print import print_pack_set  # noqa: PLC0415 - off the UI

        try:
            self.files = print_pack_set(self.loaded, self.folder, self._style)
        except OSError as error:  # a full disk, a read-only folder: the teacher is told
            reason = error.strerror or str(error) or type(error).__name__
            self.failed = message(
                "The printouts could not be written: {reason}",
                reason=f"{error.filename or self.folder}: {reason}",
            )
            return
        except Exception as error:
            # the class keeps its game: the fault is said, its details go to stderr
            traceback.print_exception(error, file=sys.stderr)
            self.failed = message(
                "the game could not print this pack because of a fault of its own "
                "({error}); the details are in its error output",
                error=type(error).__name__,
            )
            return
        self.opened = self._opener(self.folder)


@dataclass(frozen=True)
class StudyDeck:
    """A study session's cards, in the order to study them (:func:`clarity.core.study.due_order`:
    due ones, most overdue first, then new ones within the day's limit), or, when none is
    due, the cards due later, soonest first (``ahead``: "study ahead").

    ``saving`` is False for a guest (or when saving is off): the reviews stay in memory.
    ``next_due`` is the soonest due date among the cards not in the session (None: none).
    ``new_limit`` is the setting "New cards a day" the session was made with;
    ``new_today`` how many of the pack's new cards the player had already begun today
    (their first review since local midnight; 0 for a guest); ``new_unseen`` how many of
    the pack's cards were never studied, in the session or waiting for another day.
    """

    cards: tuple[CardState, ...]
    ahead: bool
    saving: bool
    next_due: datetime | None
    new_limit: int
    new_today: int
    new_unseen: int


@dataclass(frozen=True)
class StudyOverview:
    """What the pack list shows a student revising, for every pack at once, from one query
    of the player's saved cards (:meth:`Services.study_overview`): per pack id, each saved
    card's question id, when it is due (UTC) and whether it was begun as one of today's new
    cards; and the setting "New cards a day" (``new_limit``)."""

    now: datetime
    new_limit: int
    cards: dict[str, dict[str, tuple[datetime, bool]]]

    def of(self, loaded: LoadedPack) -> tuple[int, int]:
        """``(due, new_left)`` for the pack: its cards due now, and its new cards a session
        would bring today (never studied, within the day's limit less those begun today,
        as :meth:`Services.study_session` counts them)."""
        pack = loaded.pack
        if pack is None:
            return 0, 0
        saved = self.cards.get(pack.id, {})
        due = unseen = 0
        for question in pack.questions:
            card = saved.get(question.id)
            if card is None:
                unseen += 1
            elif card[0] <= self.now:
                due += 1
        begun_today = sum(today for _, today in saved.values())
        return due, min(unseen, max(0, self.new_limit - begun_today))


def local_day(now: datetime) -> tuple[datetime, datetime]:
    """The student's calendar day around ``now`` (aware): its local midnight and the next,
    aware, in the computer's time zone (a day with a clock change is 23 or 25 hours)."""
    day = now.astimezone().date()
    start = datetime.combine(day, datetime.min.time()).astimezone()
    return start, datetime.combine(day + timedelta(days=1), datetime.min.time()).astimezone()


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
    _translator: Translator | None = field(default=None, init=False, repr=False)
    _session: PlayerSession | None = field(default=None, init=False, repr=False)
    _warming: threading.Thread | None = field(default=None, init=False, repr=False)
    _class_progress: ClassProgress | None = field(default=None, init=False, repr=False)
    #: shows a folder in the file manager (None: the system's,
    #: :func:`clarity.printing.pack_print.open_folder`); a test gives its own
    folder_opener: Callable[[Path], bool] | None = None
    #: the clock of the study and the sprint (UTC, aware); None: the system's. Tests pass
    #: their own to travel in time.
    clock: Callable[[], datetime] | None = None

    def change_settings(self, settings: Settings) -> str | None:
        """Apply ``settings`` at once and save them: the sound's volume and mute now, the
        rules from the next round, the display when the App lays the screens out again.

        Returns None, or the one line that says why the change holds for this session only
        (the settings file could not be written).
        """
        self.settings, problem = self.settings.change(settings)
        self.apply_sound_settings()
        return problem

    @property
    def translator(self) -> Translator:
        """The interface's words in the language of the settings (or ``CLARITY_LANG``);
        a new one when the language setting changes."""
        language = self.settings.language().language
        if self._translator is None or self._translator.language != language:
            self._translator = translator_for(language)
        return self._translator

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

    @property
    def packs_dir(self) -> Path | None:
        """The teacher's packs folder, where an import writes: ``DATA_DIR/packs``; without a
        data folder, the catalogue's last folder when it has one besides the bundled packs;
        else None."""
        if self.data_dir is not None:
            from clarity.paths import user_packs_dir  # noqa: PLC0415 - small, but only here

            return user_packs_dir(self.data_dir)
        folders = self.packs.folders
        return folders[-1] if len(folders) > 1 else None

    def import_dropped(self, path: Path, images: Sequence[Path] = ()) -> DroppedFile:
        """Import the file ``path`` dropped on the window into :attr:`packs_dir`: a pack is
        checked and copied, any other format the game reads becomes a pack
        (:func:`clarity.formats.importing.import_dropped`; ``images``, pictures dropped with
        it, its rounds). When a pack was written the
        pack list is loaded again, so it shows the new pack at once. A refusal (the file's
        fault) comes back in ``refused``; so does a fault of the importer's own (a bug),
        said as one, with its traceback on stderr, so that a file dropped on the projector
        never ends the class's game.
        """
        packs_dir = self.packs_dir
        if packs_dir is None:
            return DroppedFile(path, refused=Message(NO_PACKS_FOLDER))
        # imported on the first drop: the readers (openpyxl, ...) never cost the first frame
        from clarity.formats.importing import ImportRefused, import_dropped  # noqa: PLC0415

        try:
            outcome = import_dropped(
                path, packs_dir=packs_dir, assets_dir=self.assets.root, images=images
            )
        except ImportRefused as refused:
            return DroppedFile(path, refused=refused.said, skipped=refused.skipped)
        except Exception as error:
            # The class watching the projector keeps its game: the teacher is told this file
            # was not taken, and the details go where a fault of the game is reported.
            traceback.print_exception(error, file=sys.stderr)
            said = message(
                "the game could not import this file because of a fault of its own "
                "({error}); the details are in its error output",
                error=type(error).__name__,
            )
            return DroppedFile(path, refused=said)
        self.packs.reload()
        self.packs.preload()
        return DroppedFile(path, outcome=outcome)

    def printouts_dir(self, pack_id: str) -> Path | None:
        """Where a pack's printouts are written: ``DATA_DIR/printouts/ID``; None without a
        data folder."""
        if self.data_dir is None:
            return None
        return self.data_dir / PRINTOUTS_FOLDER / pack_id

    def print_pack(self, loaded: LoadedPack) -> PrintJob | Message:
        """Start writing ``loaded``'s flashcards, worksheet and exam with its key into
        :meth:`printouts_dir` (in a background thread: a big pack takes seconds, the frames
        go on), on the paper of the system's country, in the interface language; the
        folder is shown in the file manager once they are written. Returns the job, or why
        none was started (no data folder)."""
        folder = self.printouts_dir(loaded.id)
        if folder is None:
            return Message(NO_PRINT_FOLDER)
        from clarity.printing.document import PageStyle  # noqa: PLC0415 - fpdf2 when printing

        locale = self.settings.system_locale or ""
        territory = locale.split(".")[0].replace("-", "_").partition("_")[2].upper()
        paper = "letter" if territory in LETTER_TERRITORIES else "a4"
        style = PageStyle(paper=paper, language=self.translator.language)
        opener = self.folder_opener
        if opener is None:
            from clarity.printing.pack_print import open_folder  # noqa: PLC0415

            opener = open_folder
        return PrintJob(loaded, folder, style, opener)

    def bundled_pack_ids(self) -> list[str]:
        return self.packs.bundled_ids()

    def pack_titles(self) -> dict[str, str]:
        """The playable packs' titles by id, in the catalogue's order."""
        return {p.pack.id: p.title for p in self.packs.all() if p.ok and p.pack is not None}

    def watch_round(self, played: Round, tracker: TrophyTracker, loaded: LoadedPack) -> RoundWatch:
        """Save ``played`` for the current player as it goes (after ``tracker`` sees it)."""
        return self.session.progress(self.bundled_pack_ids).watch(played, tracker, loaded)

    @property
    def classes(self) -> ClassBook:
        """The teacher's classes in the saved data, for the players screen."""
        return ClassBook(self.session)

    # -- the class game on one screen (its saving: clarity.class_progress) --------------

    def save_class_progress(self, setup: ClassGameSetup, played: ClassRound) -> Message | None:
        """Keep the class game as it stands, in one transaction: call after every action
        (answer, buzz, steal let go, guess, next question), as the solo play screen saves.

        Returns None when it is saved (or there is no saved data to keep it in: the title
        said so), else the notice to show (read-only or full folder). Writing the same
        state twice writes nothing the second time.
        """
        return self._class_saving().keep(setup, played)

    def class_game_in_progress(self) -> tuple[ClassGameSetup, dict[str, object]] | None:
        """The interrupted class game: its setup and the round's snapshot (for
        ``ClassRound.restore(pack, snapshot)``, which raises ValueError when the pack has
        changed); None when there is none. The title offers to resume it."""
        return self._class_saving().resumable()

    def drop_class_progress(self) -> Message | None:
        """Forget the interrupted class game; None, or the notice when that failed."""
        return self._class_saving().drop()

    def finish_class_game(
        self,
        setup: ClassGameSetup,
        summary: ClassSummary,
        trophies: tuple[list[TrophyEarned], ...],
    ) -> ClassGameSaved:
        """Save the finished class game (one transaction): the game, its teams with their
        medals and ``trophies`` (``ClassTrophyTracker.earned``), and for each member who is
        a player the game in their history with the team's trophies and the lasting ones
        they newly earned (their own share of the team's right answers counts: the team's
        split equally among its members, rounded down). Clears the game in progress.

        Returns a :class:`ClassGameSaved`: ``.notice`` None when saved, else the line to
        show; ``.lasting`` player id -> lasting trophies newly earned; ``.members`` player
        id -> name. Raises ValueError when ``summary`` or ``trophies`` do not have one
        entry per team (a bug in the caller).
        """
        loaded = self.packs.by_id(setup.pack_id)
        pack = None if loaded is None else loaded.pack
        in_pack = pack is not None and 0 <= setup.mystery_index < len(pack.rounds)
        return self._class_saving().finish(
            setup,
            summary,
            trophies,
            pack_sha256="" if loaded is None else loaded.sha256,
            mystery_image=pack.rounds[setup.mystery_index].image if in_pack else "",
        )

    def team_leaderboard(self, pack_id: str, limit: int = 10) -> list[TeamLeaderRow]:
        """A pack's best team results in class games, best first (the high scores' teams
        list; team results never enter the players' leaderboard); [] without saved data."""
        self.session.open()
        store = self.session.store
        return [] if store is None else store.team_leaderboard(pack_id, limit)

    def _class_saving(self) -> ClassProgress:
        if self._class_progress is None:
            from clarity.class_progress import ClassProgress  # noqa: PLC0415 - see session

            session = self.session
            session.open()
            self._class_progress = ClassProgress(
                session.store,
                bundled_pack_ids=self.bundled_pack_ids,
                notice=session.notice_said,
            )
        return self._class_progress

    # -- study and the True or False sprint (issue 16) ---------------------------------

    def now(self) -> datetime:
        """The moment now, timezone-aware UTC: the one place the study and the sprint read
        the clock (:attr:`clock` when a test gives one)."""
        moment = self.clock() if self.clock is not None else datetime.now(UTC)
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"the clock must give aware datetimes, not {moment!r}")
        return moment.astimezone(UTC)

    def _study_player(self) -> tuple[Store, int] | None:
        """The store and the player whose cards are kept; None for a guest or saving off."""
        session = self.session
        session.open()
        store, player = session.store, session.player
        if store is None or player is None or not store.saving:
            return None
        return store, player.id

    def study_session(self, loaded: LoadedPack, now: datetime) -> StudyDeck:
        """The player's cards of ``loaded``'s pack to study at ``now`` (aware): due first,
        then new ones up to the setting "New cards a day" (``study.new_cards``; 0: none) less
        those of the pack the player began today (:func:`local_day`), so a study screen
        opened again the same day brings no fresh allowance; when none is left, the cards
        due later ("study ahead"). A guest gets the questions as new cards up to the limit,
        kept in memory only. Raises ValueError for a pack that did not load.
        """
        from clarity.core.study import (  # noqa: PLC0415 - the study loads fsrs: on first use
            CardState,
            due_order,
            new_card,
            study_ahead,
        )

        pack = loaded.pack
        if pack is None:
            raise ValueError(f"the pack {loaded.path} did not load: it cannot be studied")
        found = self._study_player()
        limit = self.settings.saved.study.new_cards
        saved: dict[str, CardState] = {}
        seen_today = 0
        if found is not None:
            store, player_id = found
            for card in store.study_cards(player_id, pack.id):
                with contextlib.suppress(ValueError):  # an unreadable state: studied as new
                    saved[card.question_id] = CardState.from_dict(card.state)
            midnight, next_midnight = local_day(now)
            seen_today = store.new_cards_between(
                player_id, midnight, next_midnight, pack_id=pack.id
            )
        states = [saved.get(q.id) or new_card((pack.id, q.id)) for q in pack.questions]
        cards = due_order(states, now, new_limit=limit, new_seen_today=seen_today)
        ahead = not cards
        if ahead:
            cards = study_ahead(states, now)
        chosen = {card.key for card in cards}
        later = [s.due for s in states if s.due is not None and s.key not in chosen]
        return StudyDeck(
            cards=tuple(cards),
            ahead=ahead,
            saving=found is not None,
            next_due=min(later, default=None),
            new_limit=limit,
            new_today=seen_today,
            new_unseen=sum(state.is_new for state in states),
        )

    def study_overview(self, now: datetime) -> StudyOverview | None:
        """The player's cards of every pack at ``now`` (aware), for the pack list: one query
        (the store's :meth:`~clarity.store.Store.due_cards` over all the player's cards);
        None for a guest or with saving off (a guest's every card is new)."""
        found = self._study_player()
        if found is None:
            return None
        store, player_id = found
        midnight, next_midnight = local_day(now)
        # every saved card is due some day: all of them, soonest first
        cards = store.due_cards(player_id, datetime.max.replace(tzinfo=UTC), limit=-1)
        by_pack: dict[str, dict[str, tuple[datetime, bool]]] = {}
        for card in cards:
            today = card.introduced is not None and midnight <= card.introduced < next_midnight
            by_pack.setdefault(card.pack_id, {})[card.question_id] = (card.due, today)
        return StudyOverview(
            now=now.astimezone(UTC),
            new_limit=self.settings.saved.study.new_cards,
            cards=by_pack,
        )

    def save_review(self, card: CardState, record: ReviewRecord) -> Message | None:
        """Keep the card's new state and its line of the review log (one transaction) for
        the player, the review's time in the computer's time zone (the student's calendar);
        None when saved or when nobody's reviews are kept (a guest: the screen
        says so), else the one line saying why it was not."""
        found = self._study_player()
        if found is None:
            return None
        store, player_id = found
        assert card.due is not None
        failed = store.save_review(
            player_id,
            card.pack_id,
            card.question_id,
            state=card.to_dict(),
            due=card.due,
            rating=int(record.rating),
            # with the student's offset: the day it is kept under is their calendar's (the
            # history's study days, the streak), as a round's is
            reviewed_at=record.reviewed_at.astimezone(),
        )
        return None if failed is None else failed.said

    def study_stats(self) -> StudyStats | None:
        """The player's study totals the study trophies are measured on (the store's
        :meth:`~clarity.store.Store.study_stats`); None for a guest or with saving off."""
        found = self._study_player()
        if found is None:
            return None
        store, player_id = found
        return store.study_stats(player_id)

    def study_streak(self) -> int | None:
        """The player's longest run of days in a row with a flashcard review (the store's
        :meth:`~clarity.store.Store.study_stats`); None for a guest or with saving off."""
        found = self._study_player()
        if found is None:
            return None
        store, player_id = found
        return store.study_stats(player_id).longest_study_streak

    def best_sprint(self, pack_id: str) -> int | None:
        """The player's best True or False sprint score on the pack; None when they have
        none (or for a guest)."""
        found = self._study_player()
        if found is None:
            return None
        store, player_id = found
        best = store.best_sprints(player_id).get(pack_id)
        return None if best is None else best.score

    def best_sprints(self) -> dict[str, int]:
        """The player's best True or False sprint score on each pack, by pack id (one query);
        empty for a guest."""
        found = self._study_player()
        if found is None:
            return {}
        store, player_id = found
        return {pack_id: best.score for pack_id, best in store.best_sprints(player_id).items()}

    def record_sprint(
        self, pack_id: str, score: int, best_streak: int, statements: int, at: datetime
    ) -> Message | None:
        """Save a finished sprint for the player (``at`` kept in the computer's time zone,
        the student's calendar); None when saved or for a guest (whose sprints are not kept:
        the screen says so), else the line saying why not."""
        found = self._study_player()
        if found is None:
            return None
        store, player_id = found
        result = store.record_sprint(
            player_id,
            pack_id,
            score=score,
            best_streak=best_streak,
            statements=statements,
            played_at=at.astimezone(),  # the student's offset, as a round's
        )
        from clarity.store import SaveFailed  # noqa: PLC0415 - the store after the first frame

        return result.said if isinstance(result, SaveFailed) else None

    def current_study_streak(self, today: date) -> int:
        """The player's study streak as of ``today`` (their local date): the days in a row
        with a flashcard review, ending today or yesterday; 0 for a guest or saving off."""
        found = self._study_player()
        if found is None:
            return 0
        store, player_id = found
        return store.current_study_streak(player_id, today)

    def study_history(self, limit: int = 200) -> tuple[list[StudyDay], list[SprintRecord]]:
        """The player's study sessions (one per day and pack) and True or False sprints,
        each newest first; both empty for a guest or with saving off."""
        found = self._study_player()
        if found is None:
            return [], []
        store, player_id = found
        return store.study_days(player_id, limit), store.sprints(player_id, limit)

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


class ClassBook:
    """The teacher's classes, as the players screen shows and changes them.

    Each method opens the saved data if need be; without saved data there are no classes,
    and a change comes back as SaveFailed saying why saving is off (as the session's
    changes to players do).
    """

    def __init__(self, session: PlayerSession) -> None:
        self._session = session

    def all(self) -> list[SchoolClass]:
        """Every class by name, each with its members by name; [] without saved data."""
        store = self._store()
        return store.classes() if store is not None else []

    def find(self, name: str) -> SchoolClass | None:
        """The class called ``name`` (whatever its case and spacing); None when there is
        none or no saved data. Nothing is made."""
        store = self._store()
        return store.class_by_name(name) if store is not None else None

    def named(self, name: str) -> SchoolClass | NameRejected | SaveFailed:
        """The class called ``name`` as typed (whatever its case), made now when there is
        none; a name no class may have comes back as NameRejected (the rules of a
        player's name), a failure to save as SaveFailed."""
        store = self._store()
        if store is None:
            return self._saving_off()
        from clarity.store import Enrolment  # noqa: PLC0415 - loaded with the session

        enrolled = store.enrol(name, [])
        return enrolled.school_class if isinstance(enrolled, Enrolment) else enrolled

    def put_in(self, school_class: SchoolClass, player: Player) -> SchoolClass | SaveFailed:
        """``player`` in ``school_class`` (once, however often asked); the class as saved."""
        store = self._store()
        if store is None:
            return self._saving_off()
        return store.add_to_class(school_class.id, [player.id])

    def take_out(self, school_class: SchoolClass, player: Player) -> SchoolClass | SaveFailed:
        """``player`` out of ``school_class`` (they stay a player); the class as saved."""
        store = self._store()
        if store is None:
            return self._saving_off()
        return store.remove_from_class(school_class.id, [player.id])

    def _store(self) -> Store | None:
        self._session.open()
        return self._session.store

    def _saving_off(self) -> SaveFailed:
        from clarity.progress import SAVING_OFF, SaveFailed  # noqa: PLC0415 - see __getattr__

        return SaveFailed(self._session.notice_said or SAVING_OFF)


def said(translator: Translator, reason: object) -> str:
    """What a value from the saved data says (a NameRejected, a SaveFailed, a HeldElsewhere),
    in the interface language: its ``said`` Message where it carries one, else its
    ``message`` (a Message, or English text from code not yet translatable)."""
    text = getattr(reason, "said", None)
    if text is None:
        text = getattr(reason, "message", reason)
    return translator.render(text if isinstance(text, Message | str) else str(text))


def _import_progress() -> None:
    # An error here is raised again where the session is made, on the main thread.
    with contextlib.suppress(Exception):
        import clarity.progress  # noqa: F401, PLC0415 - imported to warm it up
