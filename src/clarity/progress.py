"""Saved progress in the game: who plays this session, and keeping their rounds.

The glue between a round being played and the store, without pygame: a
:class:`PlayerSession` opens the store when first asked (never before the first frame)
and knows who is playing; a :class:`Progress` saves one player's round after every
answer and at checkpoints in between (with the clock of the question being asked),
saves the finished round with its medal and trophies, and offers an interrupted round
back. A player's extra time reaches the rounds they start through :func:`rules_for` (or
:meth:`PlayerSession.round_rules`). A player's round belongs to one running game: the
session claims the player it plays as (:mod:`clarity.store.ownership`), and a second game
asking for the same player is told that the player is playing elsewhere. Nothing here
raises for a problem the player's computer causes: the store turns those into values
with a message, and so does this module.

The screens ask a :class:`PlayerSession` for what they show (a player's rounds, their
rank on a pack, every player with their totals) and for the changes they make (add or
rename a player); the store's values they show are re-exported here, so that the UI
reaches them through :mod:`clarity.ui.services` and never imports the store.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from clarity.core.events import (
    AnswerGiven,
    ImageGuessed,
    RoundEnded,
    RoundEvent,
    RoundSummary,
    TrophyEarned,
)
from clarity.core.messages import Message, message
from clarity.core.packs.loader import LoadedPack
from clarity.core.round import Phase, Round
from clarity.core.scoring import ScoringRules, combined_time_scale
from clarity.core.study import CardState, made_due, new_card
from clarity.core.trophies import (
    MARATHON_ROUNDS_IN_A_DAY,
    TIER_RANK,
    TROPHIES,
    PlayerStats,
    Tier,
    TrophyDef,
    TrophyTracker,
    lasting_progress,
    newly_earned_lasting,
)
from clarity.store import (
    InProgress,
    LeaderRow,
    NameRejected,
    Player,
    PlayerOverview,
    RoundRecord,
    SavedRound,
    SaveFailed,
    Store,
    StoreOpening,
)
from clarity.store.names import MAX_NAME_LENGTH
from clarity.store.opening import local_now, open_store
from clarity.store.ownership import Claim, HeldElsewhere, claim_player
from clarity.store.problems import then
from clarity.store.store import local_aware

BundledIds = Callable[[], Collection[str]]
GUEST_MESSAGE = message("Guest round: not saved")
# Translators: the results screen's line once the round is saved
SAVED_MESSAGE = message("Saved")
SAVING_OFF = message("Saving is off.")
# Seconds of play between two checkpoints of the round being played (RoundWatch.tick):
# what closing the game in any way other than the close button can cost of a question's clock.
CHECKPOINT_SECONDS = 5.0

__all__ = [
    "CHECKPOINT_SECONDS",
    "MAX_NAME_LENGTH",
    "CabinetEntry",
    "Claim",
    "FinishResult",
    "HeldElsewhere",
    "LeaderRow",
    "NameRejected",
    "Player",
    "PlayerOverview",
    "PlayerSession",
    "Progress",
    "RoundRecord",
    "RoundWatch",
    "SaveFailed",
    "SaveStatus",
    "cabinet",
    "rules_for",
    "stats_with_round",
]


class SaveStatus(StrEnum):
    SAVED = "saved"  # committed to disk
    NOT_SAVED = "not-saved"  # a player's round that could not be written
    GUEST = "guest"  # nobody to save it for
    OFF = "off"  # there is no store at all (no data folder, or it cannot be used)


@dataclass(frozen=True)
class FinishResult:
    """What became of a finished round, for the results screen.

    ``lasting`` holds the lasting trophies this round completed; they are only listed
    when the round was saved (a trophy the store does not hold would vanish next time).
    """

    status: SaveStatus
    said: Message  # what became of it, to render in the interface's language
    saved: SavedRound | None = None
    lasting: tuple[TrophyEarned, ...] = ()
    trophies: tuple[str, ...] = ()  # every trophy id saved with the round

    @property
    def ok(self) -> bool:
        return self.status is SaveStatus.SAVED

    @property
    def message(self) -> str:
        """:attr:`said` in English."""
        return str(self.said)


def _not_saved(reason: Message | str) -> Message:
    # Translators: the results screen's line when the round could not be saved; {reason}
    # is a whole sentence that says why
    return message("Not saved: {reason}", reason=reason)


def stats_with_round(
    before: PlayerStats, summary: RoundSummary, medal: Tier | None, rounds_that_day: int
) -> PlayerStats:
    """The player's totals once ``summary`` is saved, worked out before saving it.

    The lasting trophies a round completes are saved in the round's own transaction, so
    they must be known before the store can count the round. ``rounds_that_day`` is how
    many rounds the player had already saved on the round's day (at least up to the
    Marathon target: more does not change any trophy).
    """
    medals = dict(before.best_medal_by_pack)
    if medal is not None:
        held = medals.get(summary.pack_id)
        if held is None or TIER_RANK[Tier(held)] < TIER_RANK[medal]:
            medals[summary.pack_id] = medal.value
    return PlayerStats(
        right_answers=before.right_answers + summary.right,
        rounds_played=before.rounds_played + 1,
        best_medal_by_pack=medals,
        most_rounds_in_a_day=max(before.most_rounds_in_a_day, rounds_that_day + 1),
    )


def rules_for(base: ScoringRules, player: Player | None) -> ScoringRules:
    """The rules of a round that ``player`` starts: ``base`` (the class's settings) with its
    time scale combined with the player's extra time
    (:func:`clarity.core.scoring.combined_time_scale`: multiplied; no limit on either side
    is no limit). A guest (None) plays by ``base`` as it is. Pure: nothing is read.
    """
    if player is None:
        return base
    return replace(base, time_scale=combined_time_scale(base.time_scale, player.extra_time))


class Progress:
    """One player's saving (``store`` None: saving is off; ``player`` None: a guest)."""

    def __init__(
        self,
        store: Store | None,
        player: Player | None,
        *,
        bundled_pack_ids: BundledIds = tuple,
        notice: Message | str | None = None,
        now: Callable[[], datetime] = local_now,
    ) -> None:
        self.store = store
        self.player = player
        self._bundled_pack_ids = bundled_pack_ids
        self._notice = notice
        self._now = now
        #: the last write that failed (an answer or the round), for a message on screen
        self.last_failure: SaveFailed | None = None
        self._kept: dict[str, object] | None = None  # the snapshot this Progress last wrote

    @property
    def saving(self) -> bool:
        """Whether rounds are being saved: a player, and a store that still writes."""
        return self.store is not None and self.player is not None and self.store.saving

    # -- the round being played -----------------------------------------------------

    def on_answer(self, played: Round) -> SaveFailed | None:
        """Keep the round as it stands, so that closing the game now loses nothing."""
        if self.store is None or self.player is None:
            return None
        return self._keep(played)

    def checkpoint(self, played: Round) -> SaveFailed | None:
        """Keep the round being played as it stands now, with no answer: the seconds spent
        on the question being asked (:attr:`Round.question_seconds`) included.

        For the screen to call when the game is paused, loses the focus or closes, and
        every few seconds of play (:meth:`RoundWatch.tick`). It is the same one-row write
        as after an answer, and it is skipped when nothing changed since this Progress last
        wrote the round, so calling it often costs nothing while the game stands still.
        A finished round is never written back (its finish saved it); a guest's round and
        a round while saving is off are not written, quietly (the screen already says so).
        Returns the SaveFailed of a write that failed, else None.
        """
        if played.phase is Phase.ENDED or not self.saving:
            return None
        return self._keep(played)

    def finish(self, played: Round, tracker: TrophyTracker, loaded: LoadedPack) -> FinishResult:
        """Save a finished round with its medal and every trophy it earned, in one write.

        ``tracker`` must have seen the round's end (it awards the medal then).
        """
        summary = played.summary
        if summary is None:
            raise ValueError("the round has not ended")
        if self.store is None:
            notice = self._notice or SAVING_OFF
            return FinishResult(SaveStatus.OFF, _not_saved(notice))
        if self.player is None:
            return FinishResult(SaveStatus.GUEST, GUEST_MESSAGE)
        player_id = self.player.id
        played_at = self._now()
        medal = tracker.medal
        per_round = [t.trophy_id for t in tracker.earned]
        lasting: list[TrophyEarned] = []
        if self.store.saving:
            before = self.store.player_stats(player_id)
            after = stats_with_round(before, summary, medal, self._rounds_on(player_id, played_at))
            lasting = newly_earned_lasting(before, after, self._bundled_pack_ids())
        trophies = tuple(dict.fromkeys([*per_round, *(t.trophy_id for t in lasting)]))
        self._kept = None  # saving the round drops the one in progress
        result = self.store.save_round(
            player_id,
            summary,
            pack_sha256=loaded.sha256,
            mystery_image=played.mystery.image,
            medal=None if medal is None else medal.value,
            trophies=trophies,
            played_at=played_at,
            time_scale=played.rules.time_scale,
        )
        if isinstance(result, SaveFailed):
            self.last_failure = result
            return FinishResult(SaveStatus.NOT_SAVED, _not_saved(result.said))
        failed = self._make_mistakes_due(player_id, summary, played_at)
        if failed is not None:
            self.last_failure = failed
        return FinishResult(
            SaveStatus.SAVED, SAVED_MESSAGE, result, tuple(lasting), trophies=trophies
        )

    def watch(self, played: Round, tracker: TrophyTracker, loaded: LoadedPack) -> RoundWatch:
        """Subscribe to ``played`` so that it saves itself; subscribe after ``tracker``."""
        watcher = RoundWatch(self, played, tracker, loaded)
        played.subscribe(watcher)
        return watcher

    # -- the round that was interrupted ---------------------------------------------

    def resumable(self) -> InProgress | None:
        """The player's interrupted round, if there is one to offer."""
        if self.store is None or self.player is None:
            return None
        return self.store.in_progress(self.player.id)

    def drop(self) -> SaveFailed | None:
        """Forget the interrupted round (the player starts a new one)."""
        if self.store is None or self.player is None:
            return None
        self._kept = None
        return self.store.drop_in_progress(self.player.id)

    @staticmethod
    def restore(interrupted: InProgress, loaded: LoadedPack) -> Round | None:
        """The interrupted round rebuilt on its pack, ready for the player to go on.

        None when it no longer fits the pack (the teacher edited the pack meanwhile).

        - Saved in the middle of a question: that question, with the seconds already
          spent on it (:attr:`Round.question_seconds`), so the time left and the time
          bonus are what they were when the game closed.
        - Saved with that question's time used up (closed at 0 s left, or a last frame
          that carried the clock past the limit): the question is timed out, as the
          screen would have done a moment later, and the round goes on to the next one.
        - Saved just after an answer: the next question, its clock at 0, rather than
          the feedback of the last one again.
        """
        if loaded.pack is None:
            return None
        try:
            played = Round.restore(loaded.pack, interrupted.snapshot)
        except (ValueError, KeyError, TypeError, IndexError):
            return None
        if played.time_is_up:
            played.answer(None)  # at the seconds spent on it: a timeout
        if played.phase is Phase.FEEDBACK:
            played.next_question()
        return None if played.phase is Phase.ENDED else played

    # -- inside -----------------------------------------------------------------------

    def _keep(self, played: Round) -> SaveFailed | None:
        """Write the round in progress, unless this Progress has just written the same."""
        assert self.store is not None
        assert self.player is not None
        snapshot = played.snapshot()
        if snapshot == self._kept:
            return None
        failed = self.store.save_in_progress(self.player.id, played.pack.id, snapshot)
        if failed is not None:
            self.last_failure = failed
            self._kept = None
        else:
            self._kept = snapshot
        return failed

    def _make_mistakes_due(
        self, player_id: int, summary: RoundSummary, at: datetime
    ) -> SaveFailed | None:
        """Make each question the player got wrong in the saved round due for study at ``at``
        (the round's end), so the flashcards bring the game's mistakes back first.

        A question answered right at any point of the round (an accepted answer replaces
        the wrong one) is left alone, and so is a question with no id (the store names cards
        by id). Written just after the round (the round's transaction is the store's own):
        a card not saved costs the round nothing, and the round is already safe. Returns the
        first SaveFailed, else None.
        """
        assert self.store is not None
        right = {a.question_id for a in summary.answers if a.right}
        wrong = [
            a.question_id
            for a in summary.answers
            if not a.right and a.question_id is not None and a.question_id not in right
        ]
        if not wrong:
            return None
        saved = {
            card.question_id: card for card in self.store.study_cards(player_id, summary.pack_id)
        }
        failed: SaveFailed | None = None
        for question_id in dict.fromkeys(wrong):
            card = saved.get(question_id)
            state = new_card((summary.pack_id, question_id))
            if card is not None:
                # an unreadable state is a new card, as the store reads it
                with contextlib.suppress(ValueError):
                    state = CardState.from_dict(card.state)
            due = made_due(state, at)
            if card is not None and due == state:
                continue  # overdue already: it keeps its earlier place
            assert due.due is not None
            result = self.store.save_card(
                player_id, summary.pack_id, question_id, state=due.to_dict(), due=due.due, at=at
            )
            failed = failed or result
        return failed

    def _rounds_on(self, player_id: int, moment: datetime) -> int:
        """Rounds the player saved on ``moment``'s day, counted up to the Marathon target."""
        assert self.store is not None
        day = local_aware(moment).date()  # the day the store files the round under
        recent = self.store.history(player_id, limit=MARATHON_ROUNDS_IN_A_DAY)
        return sum(1 for record in recent if record.played_at.date() == day)


class RoundWatch:
    """Observes one round: saves it after each answer and wrong guess, and at its end;
    :meth:`checkpoint` and :meth:`tick` keep it in between, with its question clock."""

    def __init__(
        self, progress: Progress, played: Round, tracker: TrophyTracker, loaded: LoadedPack
    ) -> None:
        self.progress = progress
        self.round = played
        self.tracker = tracker
        self.loaded = loaded
        self.result: FinishResult | None = None
        self._since_checkpoint = 0.0  # seconds of play since the last checkpoint

    def checkpoint(self) -> SaveFailed | None:
        """Keep the round now (see :meth:`Progress.checkpoint`): on pause, focus lost, close."""
        self._since_checkpoint = 0.0
        return self.progress.checkpoint(self.round)

    def tick(self, seconds: float) -> SaveFailed | None:
        """``seconds`` of play passed: a checkpoint once every :data:`CHECKPOINT_SECONDS`."""
        self._since_checkpoint += seconds
        if self._since_checkpoint < CHECKPOINT_SECONDS:
            return None
        return self.checkpoint()

    def __call__(self, event: RoundEvent) -> None:
        if isinstance(event, AnswerGiven):
            self.progress.on_answer(self.round)
        elif isinstance(event, ImageGuessed):
            if not (event.right or event.final):  # an ending guess: the finish saves it
                self.progress.on_answer(self.round)
        elif isinstance(event, RoundEnded):
            self.result = self.progress.finish(self.round, self.tracker, self.loaded)


class PlayerSession:
    """The store, opened on first use, and who is playing in this session of the game.

    ``player_name`` (from ``--player``) picks or creates that player when the store
    opens. ``on_notice`` hears once why saving is off (the launcher prints it).

    The player who plays is claimed for this game (:mod:`clarity.store.ownership`):
    another game asking for the same player meanwhile is refused with a
    :class:`HeldElsewhere`. The claim ends when the session chooses someone else (or the
    guest), forgets the player, closes, or the process ends in any way. A guest, and a
    player while saving is off (nothing of theirs can be written, so nothing can be
    saved twice), need no claim.
    """

    def __init__(
        self,
        data_dir: Path | None,
        *,
        player_name: str | None = None,
        guest: bool = False,
        offer_resume: bool = True,
        on_notice: Callable[[Message], None] | None = None,
        now: Callable[[], datetime] = local_now,
        opener: Callable[[Path], StoreOpening] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.player_name = player_name
        #: offer an interrupted round back when Play is chosen (the demo does not)
        self.offer_resume = offer_resume
        self.on_notice = on_notice
        self._now = now
        self._opener = opener or (lambda folder: open_store(folder, now=now))
        self._opened = False
        self._store: Store | None = None
        self._notice: Message | None = None
        self._player: Player | None = None
        # A guest from the start (the demo without --player) or once chosen.
        self._chosen = guest
        self._claim: Claim | None = None  # the hold on self._player's round, if any
        self._held_elsewhere: HeldElsewhere | None = None

    # -- the store ------------------------------------------------------------------

    @property
    def opened(self) -> bool:
        return self._opened

    def open(self) -> None:
        """Open the store and pick the ``--player`` player; later calls do nothing."""
        if self._opened:
            return
        self._opened = True
        if self.data_dir is None:
            return
        opening = self._opener(self.data_dir)
        self._store, self._notice = opening.store, opening.notice_said
        if self.player_name is not None:
            self._take_named_player(self.player_name)
        if self._notice is not None and self.on_notice is not None:
            self.on_notice(self._notice)  # rendered in the language by whoever prints it

    def _take_named_player(self, name: str) -> None:
        store = self._store
        self._chosen = True  # --player: the session never asks who is playing...
        if store is None:
            return
        found = store.get_or_create_player(name)
        # saving off: no new player, but an existing one's trophies still show
        player = found if isinstance(found, Player) else store.player_by_name(name)
        if player is None:
            return
        claimed = self._claim_for(player)
        if isinstance(claimed, HeldElsewhere):
            self._held_elsewhere = claimed
            self._chosen = False  # ...unless that player plays in another game: it asks
            return
        self._claim = claimed
        self._player = player

    @property
    def store(self) -> Store | None:
        return self._store

    @property
    def notice(self) -> str | None:
        """:attr:`notice_said` in English."""
        said = self.notice_said
        return None if said is None else str(said)

    @property
    def notice_said(self) -> Message | None:
        """Why saving is off (also when a write failed later on), to render in the
        interface's language; None while all is well."""
        if self._store is not None and self._store.notice_said is not None:
            return self._store.notice_said
        return self._notice

    @property
    def has_saved_data(self) -> bool:
        """Whether there is saved data to show and players to pick: the store opened,
        perhaps read-only (False without a data folder, or with one that cannot be used).
        Opens the store if need be."""
        self.open()
        return self._store is not None

    # -- what the screens show ----------------------------------------------------------
    # Each opens the store if need be and answers "nothing" without saved data or for a
    # guest, so that a screen asks for what it shows and never holds the store itself.

    def players_overview(self) -> list[PlayerOverview]:
        """Every player with their totals (rounds, right answers, best score, last game),
        in the store's order; [] without saved data."""
        self.open()
        return self._store.player_overview() if self._store is not None else []

    def add_player(self, name: str) -> Player | NameRejected | SaveFailed:
        """A new player called ``name`` as typed (the store checks and tidies it).

        Returns the saved player, :class:`NameRejected` with the reason for the screen
        (empty, too long, taken, characters refused), or :class:`SaveFailed` when it
        cannot be written, saying why saving is off when it is.
        """
        self.open()
        if self._store is None:
            return SaveFailed(self.notice_said or SAVING_OFF)
        return self._store.create_player(name)

    def rename_player(self, player: Player, name: str) -> Player | NameRejected | SaveFailed:
        """``player`` called ``name`` from now on (checked as :meth:`add_player` checks);
        the session's player takes the new name when it is them. Returns the player as
        saved, or the :class:`NameRejected` / :class:`SaveFailed` that says why not."""
        self.open()
        if self._store is None:
            return SaveFailed(self.notice_said or SAVING_OFF)
        renamed = self._store.rename_player(player.id, name)
        if isinstance(renamed, Player):
            self.renamed(renamed)
        return renamed

    def rounds(self, limit: int) -> list[RoundRecord]:
        """This session's player's rounds, newest first, at most ``limit`` of them; [] for
        a guest or without saved data."""
        self.open()
        if self._store is None or self._player is None:
            return []
        return self._store.history(self._player.id, limit=limit)

    def last_round(self) -> RoundRecord | None:
        """This session's player's newest round; None for a guest, without saved data or
        before their first round."""
        last = self.rounds(1)
        return last[0] if last else None

    def leaderboard(self, pack_id: str, limit: int) -> list[LeaderRow]:
        """The first ``limit`` lines of ``pack_id``'s leaderboard (each player's best round,
        best first: :meth:`clarity.store.Store.leaderboard`); [] without saved data."""
        self.open()
        return self._store.leaderboard(pack_id, limit) if self._store is not None else []

    def rank_on(self, pack_id: str) -> LeaderRow | None:
        """This session's player's line of ``pack_id``'s leaderboard wherever it is: their
        best round there and its rank among every player's best
        (:meth:`clarity.store.Store.player_rank`, one query). None for a guest, without
        saved data, or when they have no round on the pack."""
        self.open()
        if self._store is None or self._player is None:
            return None
        return self._store.player_rank(pack_id, self._player.id)

    def packs_played(self) -> list[str]:
        """The ids of the packs with at least one saved round (anybody's), installed or
        not; [] without saved data."""
        self.open()
        return self._store.pack_ids() if self._store is not None else []

    def trophy_cabinet(self, bundled_pack_ids: Collection[str]) -> list[CabinetEntry]:
        """Every trophy of the game for this session's player (:func:`cabinet`); [] for a
        guest or without saved data. ``bundled_pack_ids`` are the packs a collection of
        medals is counted on."""
        self.open()
        if self._store is None or self._player is None:
            return []
        return cabinet(self._store, self._player.id, bundled_pack_ids)

    # -- who is playing ---------------------------------------------------------------

    @property
    def player(self) -> Player | None:
        return self._player

    @property
    def chosen(self) -> bool:
        """Whether somebody (a player, or the guest) was picked in this session."""
        return self._chosen

    @property
    def held_elsewhere(self) -> HeldElsewhere | None:
        """The ``--player`` player, when another running game plays as them: the session
        then has no player and :attr:`chosen` is False, so the screen says
        ``held_elsewhere.message`` and asks who plays. None once somebody is chosen."""
        return self._held_elsewhere

    @property
    def claim(self) -> Claim | None:
        """This session's hold on its player (None for a guest or nobody yet)."""
        return self._claim

    def choose(self, player: Player | None) -> HeldElsewhere | None:
        """``player`` plays from now on, claimed for this game; None plays as a guest,
        without saving (and without a claim).

        Returns :class:`HeldElsewhere`, changing nothing (the player who played before
        still plays), when another running game plays as ``player``; the screen shows its
        ``message`` and offers someone else. Choosing the player who already plays keeps
        their claim.
        """
        if player is None:
            self._release()
        else:
            claimed = self._claim_for(player)
            if isinstance(claimed, HeldElsewhere):
                return claimed
            if claimed is not self._claim:
                self._release()
                self._claim = claimed
        self._player = player
        self._chosen = True
        self._held_elsewhere = None
        return None

    def delete(self, player: Player) -> HeldElsewhere | SaveFailed | None:
        """Delete ``player`` with their rounds and trophies, unless another running game
        plays as them (that game's round could then never be saved): then the
        :class:`HeldElsewhere` says so and nothing is deleted. The player is held while
        the deletion runs, so no game can start playing as them meanwhile."""
        store = self._store
        if store is None:
            return None
        claimed = self._claim_for(player)
        if isinstance(claimed, HeldElsewhere):
            return claimed
        try:
            failed = store.delete_player(player.id)
        finally:
            if claimed is not self._claim:
                claimed.release()
        if failed is None:
            self.forget(player.id)
        return failed

    def forget(self, player_id: int) -> None:
        """A player was deleted: if it was the one playing, ask again who plays."""
        if self._player is not None and self._player.id == player_id:
            self._release()
            self._player = None
            self._chosen = False

    def renamed(self, player: Player) -> None:
        if self._player is not None and self._player.id == player.id:
            self._player = replace(self._player, name=player.name)

    def set_extra_time(self, player: Player, extra_time: float | None) -> Player | SaveFailed:
        """Save ``player``'s extra time, one of :data:`clarity.core.scoring.TIME_SCALES`
        (1.0, 1.5, 2.0, 3.0; None: no time limit), for the rounds they start from now on (a
        round in progress keeps its rules). Returns the player as saved (the session's
        player too, when it is them), or SaveFailed with a message for the screen when it
        cannot be saved (no store, or saving is off). Raises ValueError for another value.
        """
        store = self._store
        if store is None:
            return SaveFailed(
                then(self.notice_said or SAVING_OFF, message("The extra time was not saved."))
            )
        saved = store.set_extra_time(player.id, extra_time)
        if isinstance(saved, Player) and self._player is not None and self._player.id == saved.id:
            self._player = replace(self._player, extra_time=saved.extra_time)
        return saved

    def round_rules(self, base: ScoringRules) -> ScoringRules:
        """The rules of a round the session's player starts now: :func:`rules_for` with the
        player's extra time as saved now (read again, so that a teacher's change in
        another window counts from the next round); ``base`` as it is for a guest."""
        player = self._player
        if player is not None and self._store is not None:
            try:
                fresh = self._store.player(player.id)
            except sqlite3.Error:
                fresh = None  # unreadable now: the extra time it was chosen with still holds
            if fresh is not None:
                player = self._player = replace(player, extra_time=fresh.extra_time)
        return rules_for(base, player)

    def progress(self, bundled_pack_ids: BundledIds = tuple) -> Progress:
        """The saving of the current player's rounds (opens the store if need be)."""
        self.open()
        return Progress(
            self._store,
            self._player,
            bundled_pack_ids=bundled_pack_ids,
            notice=self.notice_said,
            now=self._now,
        )

    def close(self) -> None:
        """Release the player's claim and close the store (the game is closing)."""
        self._release()
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- the claim ---------------------------------------------------------------------

    def _claim_for(self, player: Player) -> Claim | HeldElsewhere:
        """The claim on ``player``: the one held already, an unguarded one while saving is
        off, else a new one taken now (or the game that holds it)."""
        if self._claim is not None and self._claim.player.id == player.id:
            return self._claim
        store = self._store
        if store is None or not store.saving:
            return Claim(player, None, None)
        return claim_player(store.path.parent, player)

    def _release(self) -> None:
        claim, self._claim = self._claim, None
        if claim is not None:
            claim.release()


@dataclass(frozen=True)
class CabinetEntry:
    """One trophy as the cabinet shows it to a player: won or not, when, how far along."""

    trophy: TrophyDef
    earned: bool
    first_earned_at: datetime | None = None
    times: int = 0  # rounds that won it (a per-round trophy can be won again)
    current: int = 0  # a lasting trophy's progress: current of target
    target: int = 0


def cabinet(store: Store, player_id: int, bundled_pack_ids: Collection[str]) -> list[CabinetEntry]:
    """Every trophy of the game for one player, in the game's own order.

    A lasting trophy counts as won once the player's totals reach it, even when no
    round recorded it (rounds saved before it existed); its date is then unknown.
    """
    won = store.earned_trophies(player_id)
    progress = {
        p.trophy.id: p
        for p in lasting_progress(
            store.player_stats(player_id), bundled_pack_ids, store.study_stats(player_id)
        )
    }
    entries = []
    for trophy in TROPHIES:
        first = won.get(trophy.id)
        measured = progress.get(trophy.id)  # None: a per-round trophy
        entries.append(
            CabinetEntry(
                trophy,
                earned=first is not None or (measured is not None and measured.earned),
                first_earned_at=first.first_earned_at if first else None,
                times=first.times if first else 0,
                current=measured.current if measured else 0,
                target=measured.target if measured else 0,
            )
        )
    return entries
