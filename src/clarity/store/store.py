"""The store's facade: the API the game, the CLI and the reports use, each method handing
its work to the part that keeps that data (:mod:`~clarity.store.players`,
:mod:`~clarity.store.finished_rounds`, :mod:`~clarity.store.in_progress`,
:mod:`~clarity.store.standings`).

Every read of the file goes through :meth:`Store._read` and every write through
:meth:`Store._write`: the two funnels are the only places that run work on the connection.
Every write is one ``BEGIN IMMEDIATE`` ... ``COMMIT`` transaction; a method that writes
returns only after the commit, so what it reports as saved is on disk. Writes that fail
because the folder went read-only, filled up or broke return a :class:`SaveFailed` and
switch saving off for the rest of the session instead of raising into the game loop.
Damage either funnel meets (SQLite's "malformed", or a stored value that makes no sense:
:class:`~clarity.store.problems.UnreadableRow`) is repaired there and the work run again
(:mod:`clarity.store.repair`); a store that may not repair raises
:class:`~clarity.store.problems.StoreDamaged`. Use a Store from one thread.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from clarity.core.events import AnswerGiven, ClassSummary, ImageGuessed, RoundSummary
from clarity.core.messages import Message, message
from clarity.core.trophies import PlayerStats, StudyStats
from clarity.store import answer_lines, problems, question_stats
from clarity.store.answer_lines import AnswerLine
from clarity.store.class_games import ClassGames
from clarity.store.classes import Classes
from clarity.store.db import connect, migrate
from clarity.store.finished_rounds import FinishedRounds
from clarity.store.in_progress import RoundsInProgress
from clarity.store.live_games import LiveGames, LiveInProgress, LiveSave, StudentResult
from clarity.store.models import (
    ClassInProgress,
    EarnedTrophy,
    Enrolment,
    InProgress,
    LeaderRow,
    NameRejected,
    Player,
    PlayerOverview,
    RoundRecord,
    SavedClassGame,
    SavedRound,
    SaveFailed,
    SchoolClass,
    TeamLeaderRow,
    TeamRecord,
    TeamResult,
)
from clarity.store.players import Players
from clarity.store.problems import Problem, StoreDamaged, UnreadableRow, still_damaged
from clarity.store.repair import (
    SALVAGED_READS,
    Repair,
    RepairFailed,
    check_every_row,
    check_foreign_keys,
    repair,
    repair_lock,
)
from clarity.store.sql import local_aware
from clarity.store.standings import Standings
from clarity.store.study import SprintRecord, Study, StudyCard, StudyDay

__all__ = ["Store", "local_aware"]

T = TypeVar("T")


class Store:
    """Saved players and rounds in one SQLite file. Make one with :func:`open_store`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        now: Callable[[], datetime],
        notice: Message | None = None,
        saving: bool = True,
        may_repair: bool = True,
    ) -> None:
        """``may_repair``: whether damage found by a read or a write is repaired (False
        for the teacher's commands that only read: they raise StoreDamaged instead)."""
        self._conn = conn
        self._path = path
        self._now = now
        self._notice = notice
        self._saving = saving
        self._may_repair = may_repair
        self._repairs: list[Repair] = []
        self._conn_is_memory = False
        self._repairing = False  # this store holds the repair lock (its writes need not)
        self._players = Players(self._read, self._write, now)
        self._classes = Classes(self._read, self._write, now)
        self._rounds = FinishedRounds(self._read, self._write)
        self._in_progress = RoundsInProgress(self._read, self._write, now)
        self._standings = Standings(self._read)
        self._class_games = ClassGames(self._read, self._write, now)
        self._live_games = LiveGames(self._read, self._write, now)
        self._study = Study(self._read, self._write)

    # -- the store itself ------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def saving(self) -> bool:
        """False once a write has failed for good (read-only, full...): nothing is saved."""
        return self._saving

    @property
    def notice(self) -> str | None:
        """:attr:`notice_said` in English; None while all is well."""
        return None if self._notice is None else str(self._notice)

    @property
    def notice_said(self) -> Message | None:
        """Why saving is off, or what a repair of damaged data did, in one line for the
        screen and the command line, to render in the interface's language; None while
        all is well."""
        return self._notice

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- players ---------------------------------------------------------------------

    def create_player(self, name: str) -> Player | NameRejected | SaveFailed:
        """A new player; a bad or taken name comes back as NameRejected, for the player."""
        return self._players.create(name)

    def players(self) -> list[Player]:
        """Every player, by name."""
        return self._players.all()

    def player(self, player_id: int) -> Player | None:
        return self._players.by_id(player_id)

    def player_by_name(self, name: str) -> Player | None:
        """The player with this name, whatever its case and spacing; None if none."""
        return self._players.by_name(name)

    def get_or_create_player(self, name: str) -> Player | NameRejected | SaveFailed:
        """The player with this name (whatever its case), created if there is none."""
        return self._players.get_or_create(name)

    def rename_player(self, player_id: int, new_name: str) -> Player | NameRejected | SaveFailed:
        """Rename a player (KeyError for an unknown id: a bug in the caller)."""
        return self._players.rename(player_id, new_name)

    def set_extra_time(self, player_id: int, extra_time: float | None) -> Player | SaveFailed:
        """Give a player extra time: their time scale, one of
        :data:`clarity.core.scoring.TIME_SCALES` (1.0, 1.5, 2.0, 3.0; None: no time limit).
        Rounds started from now on use it; a round in progress keeps the rules it began with.

        Returns the player as saved, or SaveFailed when it could not be written. Raises
        ValueError for a value not offered (and KeyError for an unknown id): bugs in the
        caller, since the screens offer only those.
        """
        saved = self._players.set_extra_times({player_id: extra_time})
        return saved if isinstance(saved, SaveFailed) else saved[0]

    def set_extra_times(self, extra_times: Mapping[int, float | None]) -> list[Player] | SaveFailed:
        """Several players' extra time at once (player id: time scale, as for
        :meth:`set_extra_time`), in one transaction: all are saved, or none is (a teacher's
        ``clarity players --extra-time`` for a class).

        Returns the players as saved, in the order of ``extra_times``, or SaveFailed. Raises
        ValueError for a value not offered and KeyError for an unknown id, before anything
        is saved.
        """
        return self._players.set_extra_times(extra_times)

    def delete_player(self, player_id: int) -> SaveFailed | None:
        """Delete a player with everything saved about them: rounds, answers, guesses,
        trophies, round in progress and places in classes (the schema cascades). The
        deleted rows are zeroed (``PRAGMA secure_delete``) and the log is emptied into the
        file afterwards, so the name and the typed answers are in neither the file nor its
        ``-wal`` (the student's right to be forgotten; exports made before are the
        teacher's to delete)."""
        return self._players.delete(player_id)

    def player_overview(self) -> list[PlayerOverview]:
        """Every player with their number of rounds, right answers, best score, last game."""
        return self._standings.player_overview()

    # -- classes ---------------------------------------------------------------------

    def classes(self) -> list[SchoolClass]:
        """Every class, by name, each with its members by name."""
        return self._classes.all()

    def class_by_name(self, name: str) -> SchoolClass | None:
        """The class with this name, whatever its case and spacing; None if none."""
        return self._classes.by_name(name)

    def classes_of(self, player_id: int) -> list[SchoolClass]:
        """The classes the player is in, by name (each with all its members)."""
        return self._classes.of_player(player_id)

    def create_class(self, name: str) -> SchoolClass | NameRejected | SaveFailed:
        """A new, empty class. Its name follows the rules of a player's name
        (:func:`clarity.store.names.clean_name`); a bad or taken one (whatever its case)
        comes back as NameRejected, for the teacher."""
        return self._classes.create(name)

    def rename_class(self, class_id: int, new_name: str) -> SchoolClass | NameRejected | SaveFailed:
        """Rename a class (KeyError for an unknown id: a bug in the caller)."""
        return self._classes.rename(class_id, new_name)

    def delete_class(self, class_id: int) -> SaveFailed | None:
        """Delete a class; its players stay, with everything saved about them."""
        return self._classes.delete(class_id)

    def add_to_class(self, class_id: int, player_ids: Sequence[int]) -> SchoolClass | SaveFailed:
        """Put players in a class, in one transaction; one already in it stays in it once.
        Returns the class as saved. Raises KeyError for an unknown class and
        sqlite3.IntegrityError for an unknown player (bugs in the caller; nothing is saved)."""
        return self._classes.add(class_id, player_ids)

    def remove_from_class(
        self, class_id: int, player_ids: Sequence[int]
    ) -> SchoolClass | SaveFailed:
        """Take players out of a class (they stay players); returns the class as saved.
        Raises KeyError for an unknown class."""
        return self._classes.remove(class_id, player_ids)

    def enrol(
        self, class_name: str, player_names: Sequence[str]
    ) -> Enrolment | NameRejected | SaveFailed:
        """Put the players named in the class named, as a teacher types a class list
        (``clarity players --class 5B --add Ana Ben``): the class, and every player no one
        has the name of, are made too, all in one transaction. A name the rules refuse
        comes back as NameRejected before anything is written."""
        return self._classes.enrol(class_name, player_names)

    # -- rounds ----------------------------------------------------------------------

    def save_round(
        self,
        player_id: int | None,
        summary: RoundSummary,
        *,
        pack_sha256: str,
        mystery_image: str,
        medal: str | None,
        trophies: Sequence[str],
        played_at: datetime,
        time_scale: float | None = 1.0,
    ) -> SavedRound | SaveFailed:
        """Save a finished round, its answers, guesses and trophies in one transaction.

        ``time_scale`` is the stretch of the time limits the round was played with (its
        rules' ``time_scale``; None: no time limit), kept with its timer and streak
        settings for the teacher. Also clears the player's round in progress, in the same
        transaction, so a crash can never leave both the finished round and an offer to
        resume it. Raises ValueError for a ``time_scale`` that is not None or above 0.
        """
        return self._rounds.save(
            player_id,
            summary,
            pack_sha256=pack_sha256,
            mystery_image=mystery_image,
            medal=medal,
            trophies=trophies,
            played_at=played_at,
            time_scale=time_scale,
        )

    def history(self, player_id: int, limit: int = 50) -> list[RoundRecord]:
        """A player's rounds, newest first (``limit=1``: their latest round)."""
        return self._rounds.history(player_id, limit)

    def round(self, round_id: str) -> RoundRecord | None:
        """The saved round with this UUID; None if there is none."""
        return self._rounds.find(round_id)

    def answers(self, round_id: str) -> tuple[AnswerGiven, ...]:
        """Every answer of a saved round, in the order given."""
        return self._rounds.answers(round_id)

    def guesses(self, round_id: str) -> tuple[ImageGuessed, ...]:
        """Every guess at the picture of a saved round, in the order made."""
        return self._rounds.guesses(round_id)

    def all_rounds(self) -> Iterator[RoundRecord]:
        """Every saved round, oldest first, fetched in batches (for the teacher's export)."""
        return self._rounds.all()

    def pack_ids(self) -> list[str]:
        """The packs that have at least one saved round."""
        return self._rounds.pack_ids()

    # -- the round in progress -------------------------------------------------------

    def save_in_progress(
        self, player_id: int, pack_id: str, snapshot: Mapping[str, Any]
    ) -> SaveFailed | None:
        """Keep the player's unfinished round (one per player; the newest replaces it)."""
        return self._in_progress.save(player_id, pack_id, snapshot)

    def in_progress(self, player_id: int) -> InProgress | None:
        """The player's unfinished round; None if there is none, or its snapshot is not
        readable JSON (offering to resume it would only fail later)."""
        return self._in_progress.find(player_id)

    def drop_in_progress(self, player_id: int) -> SaveFailed | None:
        return self._in_progress.drop(player_id)

    # -- class games on one screen (see clarity.store.class_games) ---------------------

    def save_class_in_progress(
        self, pack_id: str, setup: Mapping[str, Any], snapshot: Mapping[str, Any]
    ) -> SaveFailed | None:
        """Keep the class game being played: its setup (``ClassGameSetup.to_json()``) and
        the class round's snapshot, in one transaction (one class game at a time per data
        folder: the newest replaces it). Raises TypeError/ValueError for values that are not
        plain JSON (a bug in the caller)."""
        return self._class_games.save_in_progress(pack_id, setup, snapshot)

    def class_in_progress(self) -> ClassInProgress | None:
        """The class game that was interrupted; None if there is none, or its setup or
        snapshot is not readable JSON."""
        return self._class_games.in_progress()

    def drop_class_in_progress(self) -> SaveFailed | None:
        return self._class_games.drop_in_progress()

    def save_class_game(
        self,
        summary: ClassSummary,
        teams: Sequence[TeamResult],
        *,
        setup: Mapping[str, Any],
        pack_sha256: str,
        mystery_image: str,
        played_at: datetime,
        time_scale: float | None = 1.0,
        lasting: Mapping[int, Sequence[str]] | None = None,
    ) -> SavedClassGame | SaveFailed:
        """Save a finished class game in one transaction: the game, its teams with their
        answers, guesses and trophies, and a round row for each member who is a player
        (the team's score; their own share of its right answers, see
        :mod:`clarity.store.class_games`) with the team's trophies and the lasting ones
        ``lasting`` gives for that member (player id: trophy ids). Clears the class game in
        progress in the same transaction. A member deleted meanwhile is left out.

        Raises ValueError when ``teams`` are not every team of ``summary`` (numbers 0 to
        n-1) or for a ``time_scale`` that is not None or above 0 (bugs in the caller).
        """
        return self._class_games.save(
            summary,
            teams,
            setup=setup,
            pack_sha256=pack_sha256,
            mystery_image=mystery_image,
            played_at=played_at,
            time_scale=time_scale,
            lasting=lasting or {},
        )

    def class_teams(self) -> Iterator[TeamRecord]:
        """Every team of every saved class game, oldest game first (for the export)."""
        return self._class_games.teams()

    def team_leaderboard(self, pack_id: str, limit: int = 10) -> list[TeamLeaderRow]:
        """A pack's best team results in class games, best first (the high scores' teams
        list; team results never enter :meth:`leaderboard`)."""
        return self._class_games.team_leaderboard(pack_id, limit)

    def class_answers(self, game_id: str) -> tuple[AnswerGiven, ...]:
        """Every team's answers of a saved class game (``contestant``: the team's number)."""
        return self._class_games.answers(game_id)

    def every_answer(self) -> Iterator[AnswerLine]:
        """Every saved answer with its time (rounds played alone, class teams, students of
        games on the devices who took part), oldest game first, fetched in batches (for
        the answers' export; see :mod:`clarity.store.answer_lines`)."""
        return answer_lines.every_answer(self._read)

    def class_report(
        self, *, pack_id: str | None = None, player: str | None = None
    ) -> question_stats.ClassReport:
        """The class report's figures from every saved answer: per question, hardest first,
        and per player (see :mod:`clarity.store.question_stats`); only the pack ``pack_id``
        and the player named ``player`` when given. Reads only."""
        return question_stats.class_report(self.every_answer(), pack_id=pack_id, player=player)

    def class_guesses(self, game_id: str) -> tuple[ImageGuessed, ...]:
        """Every team's guesses at the picture of a saved class game."""
        return self._class_games.guesses(game_id)

    # -- class games on every device (see clarity.store.live_games) -------------------

    def save_live_in_progress(self, save: LiveSave) -> SaveFailed | bool:
        """Keep the device game being played, in one transaction: the host's state row and
        the list items ``save`` adds (worked out by a :class:`~clarity.store.live_games.
        ListLog`; one device game at a time per data folder: a new one replaces it).
        True when written; False when ``save`` only adds to rows another writer has since
        replaced (another host on this data folder): nothing is written, and the caller
        writes its whole state."""
        return self._live_games.save_in_progress(save)

    def live_in_progress(self) -> LiveInProgress | None:
        """The device game that was interrupted; None if there is none, or it cannot be put
        together again (unreadable JSON, a list item lost to damage)."""
        return self._live_games.in_progress()

    def drop_live_in_progress(self) -> SaveFailed | None:
        return self._live_games.drop_in_progress()

    def save_live_game(
        self,
        summary: ClassSummary,
        students: Sequence[StudentResult],
        *,
        setup: Mapping[str, Any],
        pack_sha256: str,
        mystery_image: str,
        played_at: datetime,
        time_scale: float | None = 1.0,
        lasting: Mapping[int, Sequence[str]] | None = None,
    ) -> SavedClassGame | SaveFailed:
        """Save a finished device game in one transaction (mode ``devices``: each student a
        team of at most one member, see :mod:`clarity.store.live_games`), with a round row
        for each student who is a player and was not removed, their per-round trophies and
        the lasting ones ``lasting`` gives (player id: trophy ids). Drops the device game in
        progress in the same transaction. A player deleted meanwhile is left out.

        Raises ValueError when ``students`` are not every contestant of ``summary`` or for a
        bad ``time_scale`` (bugs in the caller).
        """
        return self._live_games.save(
            summary,
            students,
            setup=setup,
            pack_sha256=pack_sha256,
            mystery_image=mystery_image,
            played_at=played_at,
            time_scale=time_scale,
            lasting=lasting or {},
        )

    # -- study: flashcards and sprints (see clarity.store.study) ----------------------

    def save_review(
        self,
        player_id: int,
        pack_id: str,
        question_id: str,
        *,
        state: Mapping[str, Any],
        due: datetime,
        rating: int,
        reviewed_at: datetime,
        elapsed_days: float | None = None,
        scheduled_days: float | None = None,
    ) -> SaveFailed | None:
        """Save a flashcard review in one transaction: the card's new state (the mapping
        ``CardState.to_dict()`` gives, due at ``due``) and a row of the review log (rating
        1-4: Again, Hard, Good, Easy; the elapsed and scheduled days as the scheduler gave
        them). The card's first review counts as its introduction (:meth:`new_cards_between`).

        Raises ValueError for a rating outside 1-4 or a naive datetime, TypeError/ValueError
        for a state that is not plain JSON (bugs in the caller)."""
        return self._study.save_review(
            player_id,
            pack_id,
            question_id,
            state=state,
            due=due,
            rating=rating,
            reviewed_at=reviewed_at,
            elapsed_days=elapsed_days,
            scheduled_days=scheduled_days,
        )

    def save_card(
        self,
        player_id: int,
        pack_id: str,
        question_id: str,
        *,
        state: Mapping[str, Any],
        due: datetime,
        at: datetime,
    ) -> SaveFailed | None:
        """Save a card's state without a review (a question answered wrong in a game made
        due at once: ``core.study.made_due``); no row in the review log. ValueError for a
        naive datetime."""
        return self._study.save_card(player_id, pack_id, question_id, state=state, due=due, at=at)

    def study_cards(self, player_id: int, pack_id: str) -> list[StudyCard]:
        """Every saved card of the player on the pack, by question id (a question with no
        card, or whose state cannot be read, is new)."""
        return self._study.cards(player_id, pack_id)

    def due_cards(
        self, player_id: int, at: datetime, *, pack_id: str | None = None, limit: int = 1
    ) -> list[StudyCard]:
        """The player's cards due at ``at`` (aware), most overdue first, at most ``limit``;
        on one pack, or on every pack when ``pack_id`` is None. One index range."""
        return self._study.due(player_id, at, pack_id=pack_id, limit=limit)

    def new_cards_between(
        self, player_id: int, since: datetime, until: datetime, *, pack_id: str | None = None
    ) -> int:
        """How many of the player's cards had their first review in [since, until) (the
        caller's local day, for the daily limit of new cards); on one pack or every pack."""
        return self._study.introduced(player_id, since, until, pack_id=pack_id)

    def review_count(self, player_id: int) -> int:
        """How many reviews the player's log holds."""
        return self._study.review_count(player_id)

    def study_days(self, player_id: int, limit: int = 200) -> list[StudyDay]:
        """The player's study sessions (one per day and pack), newest first."""
        return self._study.study_days(player_id, limit)

    def current_study_streak(self, player_id: int, today: date) -> int:
        """Consecutive days with a review ending ``today`` or yesterday; 0 without."""
        return self._study.current_streak(player_id, today)

    def study_stats(self, player_id: int) -> StudyStats:
        """The player's study totals the study trophies are measured on (a streak of study
        days, cards remembered, the best sprint run, personal bests beaten)."""
        return self._study.study_stats(player_id)

    def record_sprint(
        self,
        player_id: int,
        pack_id: str,
        *,
        score: int,
        best_streak: int,
        statements: int,
        played_at: datetime,
    ) -> SprintRecord | SaveFailed:
        """Save a finished True or False sprint. ValueError for a negative count or a naive
        ``played_at``."""
        return self._study.record_sprint(
            player_id,
            pack_id,
            score=score,
            best_streak=best_streak,
            statements=statements,
            played_at=played_at,
        )

    def best_sprints(self, player_id: int) -> dict[str, SprintRecord]:
        """The player's best sprint on each pack they played (pack id: its sprint with the
        highest score)."""
        return self._study.best_sprints(player_id)

    def sprints(self, player_id: int, limit: int = 50) -> list[SprintRecord]:
        """The player's sprints, newest first (for the history)."""
        return self._study.sprints(player_id, limit)

    # -- standings -------------------------------------------------------------------

    def leaderboard(self, pack_id: str, limit: int = 10) -> list[LeaderRow]:
        """The best round of each player on a pack, best first; a tie of score goes to the
        earlier round (and one of score and time to the one saved first).

        One row per player (a class wants to see many names, not one player ten times).
        Each player's best is one seek in the (pack, player, score, time) index, so the
        cost grows with the number of players, not of rounds.
        """
        return self._standings.leaderboard(pack_id, limit)

    def player_rank(self, pack_id: str, player_id: int) -> LeaderRow | None:
        """The player's line of the pack's leaderboard, wherever it is: their best round
        on the pack and its rank among every player's best (the order and tie rule of
        :meth:`leaderboard`). None when the player has no round on the pack.

        One query: the player's best is one seek in the (pack, player, score, time)
        index, and each other player is one more seek there to ask whether any of their
        rounds comes first, so no other player's rounds are loaded.
        """
        return self._standings.player_rank(pack_id, player_id)

    def player_stats(self, player_id: int) -> PlayerStats:
        """The totals the lasting trophies are measured on, from one snapshot of the file."""
        return self._standings.player_stats(player_id)

    def earned_trophies(self, player_id: int) -> dict[str, EarnedTrophy]:
        """Each trophy the player has won: when first, and how many times. The game's come
        from the rounds that won them; the study trophies from the review log and the
        sprints, at the review or sprint that earned them (once each, see
        :meth:`~clarity.store.study.Study.study_trophies_earned`)."""
        return {
            **self._study.study_trophies_earned(player_id),
            **self._standings.earned_trophies(player_id),
        }

    # -- checking everything -----------------------------------------------------------

    def read_every_row(self) -> list[Message]:
        """Read every player, round, answer, guess and round in progress as the store
        reads them, repairing damage found on the way (``clarity repair``); return the
        lines that say what was repaired (empty when all was whole)."""
        seen = len(self._repairs)
        for table in SALVAGED_READS:
            self._read(functools.partial(check_every_row, table=table))
        self._read(check_foreign_keys)
        return [repair.said for repair in self._repairs[seen:]]

    # -- reading ---------------------------------------------------------------------

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` on the connection and return what it returns: every read of the
        file goes through here. Damage it meets is repaired and ``work`` run again on the
        repaired file (see :meth:`_recovering`)."""
        return self._recovering(lambda: work(self._conn))

    # -- damage ----------------------------------------------------------------------

    @property
    def repairs(self) -> tuple[Repair, ...]:
        """The repairs made in this session, oldest first (each says what it kept)."""
        return tuple(self._repairs)

    def _recovering(self, attempt: Callable[[], T]) -> T:
        """``attempt()``; when it meets damage, repaired and tried again.

        A store that may not repair (a teacher's command that only reads) raises
        :class:`StoreDamaged`. Repairs are made one at a time across the games on this
        data folder (:func:`~clarity.store.repair.repair_lock`); a game that waited tries
        again first, since the one before may have repaired it already. When the repair
        fails, or the damage is still there after one, the store carries on over an
        empty database in memory with saving off, so the game plays on and the notice
        says why; the file is left as it is.
        """
        try:
            return attempt()
        except (sqlite3.DatabaseError, UnreadableRow) as error:
            if not problems.is_damage(error):
                raise
            if not self._may_repair:
                raise StoreDamaged(self._path, str(error)) from error
        with repair_lock(self._path):
            self._repairing = True
            try:
                return self._attempt_repairing(attempt)
            finally:
                self._repairing = False

    def _attempt_repairing(self, attempt: Callable[[], T]) -> T:
        """``attempt()`` with the repair lock held: again first (another game may have
        repaired the file meanwhile), then after a repair, then over an empty store."""
        try:
            return attempt()
        except (sqlite3.DatabaseError, UnreadableRow) as error:
            if not problems.is_damage(error):
                raise
            self._repair_now()
        try:
            return attempt()
        except (sqlite3.DatabaseError, UnreadableRow) as error:
            if not problems.is_damage(error):
                raise
            self._carry_on_without_the_file(
                problems.repair_failed(self._path, still_damaged(error))
            )
        return attempt()

    def _repair_now(self) -> None:
        if self._conn_is_memory:
            return
        moment = local_aware(self._now())
        try:
            repaired = repair(self._path, moment, close=self._conn.close)
        except RepairFailed as failed:
            self._carry_on_without_the_file(problems.repair_failed(self._path, failed.reason))
            return
        self._repairs.append(repaired)
        self._notice = repaired.said
        if not repaired.swapped:
            return  # written through SQLite: this connection reads the repaired file
        try:
            self._conn = connect(self._path)
        except sqlite3.Error as reopening:
            self._carry_on_without_the_file(
                problems.saving_off(Problem.UNUSABLE, self._path.parent, str(reopening))
            )

    def _carry_on_without_the_file(self, notice: Message) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        self._conn = connect(Path(":memory:"))
        migrate(self._conn)
        self._conn_is_memory = True
        self._saving = False
        self._notice = notice

    # -- writing ---------------------------------------------------------------------

    def _write(self, work: Callable[[sqlite3.Connection], T], what: Message) -> T | SaveFailed:
        """Run ``work`` in one write transaction; a folder problem becomes a SaveFailed.

        ``what`` ends the message for this one failed write ("This round was not saved.").
        Damage met on the way is repaired (:meth:`_recovering`) and the write made again
        on the repaired file, so the round being played is saved.
        """
        return self._recovering(lambda: self._write_once(work, what))

    def _write_once(self, work: Callable[[sqlite3.Connection], T], what: Message) -> T | SaveFailed:
        if not self._saving:
            return SaveFailed(problems.then(self._off_notice(), what))
        conn = self._conn
        # a repair in another game must not copy the file before this commit and put the
        # repaired copy in place after it (this store's own repair already holds the lock)
        writing = (
            contextlib.nullcontext() if self._repairing else repair_lock(self._path, shared=True)
        )
        try:
            with writing:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    result = work(conn)
                    conn.execute("COMMIT")
                finally:
                    if conn.in_transaction:
                        _rollback(conn)
        except sqlite3.Error as error:
            problem = problems.problem_of(error)
            if problem is None or problems.is_damage(error):
                raise  # a bug, or damage for _write to repair
            if problem is Problem.BUSY:
                # Another game kept the file locked past the busy timeout: this write is
                # lost, but the next one may well succeed, so saving stays on.
                busy = message("The saved data is busy in another window.")
                return SaveFailed(problems.then(busy, what))
            self._saving = False
            self._notice = problems.saving_off(problem, self._path.parent, str(error))
            return SaveFailed(problems.then(self._notice, what))
        return result

    def _off_notice(self) -> Message:
        return self._notice if self._notice is not None else message("Saving is off.")


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may already have rolled back by itself (it does on a full disk).
    with contextlib.suppress(sqlite3.Error):
        conn.execute("ROLLBACK")
