"""The device game's saving: as it goes (a host killed between two saves resumes from the
last), the finished game per student, the class list students pick their names from, and
the answers the teacher accepts into their pack.

:class:`Journal` is what the host (:mod:`clarity.classroom.host`) needs; :class:`StoreJournal`
keeps it in the data folder's store (:mod:`clarity.store.live_games`). The host calls it
from the server's thread or process: the store is opened there, on the first call, and
only used from the thread that opened it (a call from another thread opens its own).
"""

from __future__ import annotations

import contextlib
import math
import secrets
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from clarity.atomic_files import FileNotWritten, write_replacing
from clarity.class_progress import not_saved
from clarity.classroom.accepted_answers import with_accepted
from clarity.core.events import ClassSummary, TrophyEarned
from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.loader import LoadedPack, find_pack_files, load_pack, load_packs
from clarity.core.trophies import MARATHON_ROUNDS_IN_A_DAY, medal_for, newly_earned_lasting
from clarity.paths import user_packs_dir
from clarity.progress import SAVING_OFF, stats_with_round
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.store import SaveFailed, Store, open_store
from clarity.store.live_games import ListLog, StudentResult, took_part
from clarity.store.opening import local_now
from clarity.store.sql import local_aware

__all__ = ["ClassListEntry", "Journal", "RosterEntry", "StoreJournal"]


class _Unset:
    """No value given (None is a value: no time limit)."""


_UNSET = _Unset()


@dataclass(frozen=True)
class ClassListEntry:
    """A name a student may pick when joining: a player profile (its id and name) with the
    player's own time scale (1.0, 1.5, 2.0, 3.0; None: no time limit)."""

    player: int
    name: str
    time_scale: float | None


@dataclass(frozen=True)
class RosterEntry:
    """A student of a finished game, for :meth:`Journal.finish`: their index in the round
    (``ClassSummary.contestants[student]``), the name they played under, the player profile
    they picked from the class list (None: a nickname), and whether the teacher removed
    them."""

    student: int
    name: str
    player: int | None = None
    removed: bool = False
    #: the student's own extra time as they joined (None: no limit); not given (and the
    #: host's entries, which have no such field), it is read from the round's joins in
    #: the saved state
    time_scale: float | _Unset | None = _UNSET


class Journal(Protocol):
    """The host's saving (see :class:`StoreJournal`)."""

    def load(self, pack_id: str) -> dict[str, Any] | None: ...

    def save(self, state: dict[str, Any]) -> Message | None: ...

    def finish(
        self,
        summary: ClassSummary,
        roster: Sequence[RosterEntry],
        trophies: Sequence[Sequence[TrophyEarned]],
    ) -> Message: ...

    def drop(self) -> None: ...

    def class_list(self) -> list[ClassListEntry]: ...

    def accept_answer(self, pack_id: str, question_index: int, text: str) -> Message: ...


class StoreJournal:
    """The device game saved in the data folder ``data_dir`` (None: nothing is saved, the
    class list is empty); ``class_name``: the class whose players make the class list (None:
    every player)."""

    def __init__(
        self,
        data_dir: Path | None,
        *,
        class_name: str | None = None,
        now: Callable[[], datetime] = local_now,
        bundled_pack_ids: Callable[[], Collection[str]] | None = None,
    ) -> None:
        self.data_dir = None if data_dir is None else Path(data_dir)
        self.class_name = class_name
        self._now = now
        self._bundled_pack_ids = bundled_pack_ids or _bundled_pack_ids
        self._log = ListLog()
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()
        #: the last problem met (saving off, a repair), None while all is well
        self.notice: Message | None = None
        self._time_scale: float | None = 1.0  # the class's, as the last state saved had it
        self._state: dict[str, Any] | None = None  # the last state saved or loaded

    # -- the game being played --------------------------------------------------------

    def load(self, pack_id: str) -> dict[str, Any] | None:
        """The saved host state of the unfinished device game of ``pack_id``, as the last
        :meth:`save` gave it; None when there is none (or one of another pack, or one that
        cannot be put together again)."""
        store = self._store()
        if store is None:
            return None
        found = store.live_in_progress()
        self._heard(store)
        if found is None or found.pack_id != pack_id:
            return None
        with self._lock:
            # the first save after this writes the whole state once, under this journal's
            # own name: a second host resuming the same game must not add to our rows
            self._log.forget()
            self._state = found.state
        return found.state

    def save(self, state: dict[str, Any]) -> Message | None:
        """Keep the host's state: a JSON-ready dict (dicts, lists, text, numbers, bool,
        None) naming its pack under ``pack_id`` (at the top, or in a dict inside). Durable
        when it returns (one SQLite transaction, synced). Its lists are expected to grow at
        their end: what they add since the last save is appended (a few rows), so a save
        costs about the same late in the game as early; a list changed elsewhere is written
        again whole. Returns None when saved (or nothing to save into), else the one-line
        reason. Raises TypeError/ValueError for a state that is not plain JSON (a bug)."""
        store = self._store()
        if store is None:
            return None
        found = _first_value(state, "pack_id")
        pack_id = found if isinstance(found, str) else ""
        with self._lock:
            self._state = state  # kept, not copied: read once, at the finish
            change = self._log.changes(pack_id, state)
            scale = _first_value(state, "time_scale", 1.0)
            if scale is None or (isinstance(scale, int | float) and scale > 0):
                self._time_scale = float(scale) if scale is not None else None
            if change is None:
                return None
            written = store.save_live_in_progress(change)
            if written is False:  # another host's game replaced ours: write ours whole
                self._log.forget()
                change = self._log.changes(pack_id, state)
                assert change is not None  # a log that knows nothing writes everything
                written = store.save_live_in_progress(change)
            self._heard(store)
            if not isinstance(written, SaveFailed):
                self._log.written_ok()
                return None
            self._log.forget()
        self.notice = written.said
        return written.said

    def drop(self) -> None:
        """Forget the unfinished device game (the teacher chose a new one)."""
        store = self._store()
        with self._lock:
            self._log.forget()
        if store is not None:
            failed = store.drop_live_in_progress()
            if failed is not None:
                self.notice = failed.said

    # -- the finished game ------------------------------------------------------------

    def finish(
        self,
        summary: ClassSummary,
        roster: Sequence[RosterEntry],
        trophies: Sequence[Sequence[TrophyEarned]],
        *,
        pack_sha256: str | None = None,
        mystery_image: str | None = None,
        time_scale: float | _Unset | None = _UNSET,
    ) -> Message:
        """Save the finished game per student and drop the one in progress, in one write:
        every student's answers (with their seconds), guesses, score, medal, own time scale
        and per-round ``trophies`` (``trophies[i]``: student i's, from the
        ClassTrophyTracker); a student who picked their name from the class list and took
        part (:func:`clarity.store.live_games.took_part`: removed ones too, once they
        answered or guessed) gets the game in their history with the lasting trophies it
        completes. ``pack_sha256`` and ``mystery_image`` default to the pack file's (found
        by its id); ``time_scale`` is the class's (the rules' time scale, None: no time
        limit), by default the ``time_scale`` the last saved state holds (1.0 when none).
        Each student's own extra time is their roster entry's ``time_scale`` when it has
        one, else what they joined with in the saved round's moves (1.0 when not found).
        Returns the one line to show: saved, or why not, counting the students who took
        part.

        Raises ValueError when ``roster`` or ``trophies`` do not have one entry per student
        of ``summary`` (a bug in the caller)."""
        count = len(summary.contestants)
        if sorted(e.student for e in roster) != list(range(count)) or len(trophies) != count:
            raise ValueError("a device game is finished with one roster entry per student")
        store = self._store()
        if store is None:
            return not_saved(self.notice or SAVING_OFF)
        if pack_sha256 is None or mystery_image is None:
            loaded = self._pack(summary.pack_id)
            pack = None if loaded is None else loaded.pack
            if pack_sha256 is None:
                pack_sha256 = "" if loaded is None else loaded.sha256
            if mystery_image is None:
                in_pack = pack is not None and summary.mystery_index < len(pack.rounds)
                mystery_image = pack.rounds[summary.mystery_index].image if in_pack else ""
        played_at = self._now()
        students: list[StudentResult] = []
        lasting: dict[int, list[str]] = {}
        by_student = {entry.student: entry for entry in roster}
        with self._lock:
            joined = _joined_time_scales(self._state)
        for index, own in enumerate(summary.contestants):
            entry = by_student[index]
            medal = medal_for(own)
            own_scale = getattr(entry, "time_scale", _UNSET)
            if isinstance(own_scale, _Unset):
                own_scale = joined[index] if index < len(joined) else 1.0
            students.append(
                StudentResult(
                    student=index,
                    name=entry.name,
                    player=entry.player,
                    removed=entry.removed,
                    medal=None if medal is None else medal.value,
                    trophies=tuple(dict.fromkeys(t.trophy_id for t in trophies[index])),
                    time_scale=own_scale,
                )
            )
            if entry.player is not None and took_part(own, entry.removed) and store.saving:
                if store.player(entry.player) is None:
                    continue
                before = store.player_stats(entry.player)
                after = stats_with_round(
                    before, own, medal, _rounds_on(store, entry.player, played_at)
                )
                earned = newly_earned_lasting(before, after, self._bundled_pack_ids())
                lasting[entry.player] = [t.trophy_id for t in earned]
        # its teams, one per student, are the store's to write (clarity.store.live_games)
        setup = {"mode": "devices", "pack_id": summary.pack_id}
        saved = store.save_live_game(
            summary,
            students,
            setup=setup,
            pack_sha256=pack_sha256,
            mystery_image=mystery_image,
            played_at=played_at,
            time_scale=self._time_scale if isinstance(time_scale, _Unset) else time_scale,
            lasting=lasting,
        )
        with self._lock:
            self._log.forget()
        if isinstance(saved, SaveFailed):
            self.notice = saved.said
            return not_saved(saved.said)
        kept = sum(
            1
            for s, own in zip(students, summary.contestants, strict=True)
            if took_part(own, s.removed)
        )
        players = len(saved.members)
        if not players:
            # Translators: the projector's line once a game on the students' devices is saved
            return plural_message(
                "Saved: the results of {count} student.",
                "Saved: the results of {count} students.",
                kept,
            )
        # Translators: the projector's line once a game on the students' devices is saved;
        # {players}: how many of them picked their name from the class list
        return plural_message(
            "Saved: the results of {count} student, {players} of them in players' histories.",
            "Saved: the results of {count} students, {players} of them in players' histories.",
            kept,
            players=players,
        )

    # -- the class list ---------------------------------------------------------------

    def class_list(self) -> list[ClassListEntry]:
        """The names students may pick: the players of the class chosen for the game (its
        name as typed, whatever its case), or every player when none was chosen, by name,
        each with their extra time. Empty without saved data or for a class not found."""
        store = self._store()
        if store is None:
            return []
        if self.class_name is None:
            players = store.players()
        else:
            found = store.class_by_name(self.class_name)
            players = [] if found is None else list(found.members)
        return [ClassListEntry(p.id, p.name, p.extra_time) for p in players]

    # -- answers the teacher accepts ----------------------------------------------------

    def accept_answer(self, pack_id: str, question_index: int, text: str) -> Message:
        """Add ``text`` to the accepted answers of question ``question_index`` (an index
        into the pack's questions) of the teacher's own pack ``pack_id`` (a file in
        DATA_DIR/packs). The file is edited in place of the list only (every other byte as
        it was, see :mod:`clarity.classroom.accepted_answers`), checked as a pack with the
        change, and written whole or not at all. A pack that ships with the game is never
        written. Returns the one line to show: added, or why it is for this game only."""
        text = text.strip()
        loaded = self._own_pack(pack_id)
        if loaded is None:
            # Translators: the teacher accepted a typed answer; the pack that ships with the
            # game (or one not in their packs folder) cannot be changed
            return message(
                "{text} is accepted for this game only: the pack {pack} is not one of your "
                "packs, so it is not changed.",
                text=text,
                pack=pack_id,
            )
        path = loaded.path
        reason = _added_to_file(path, question_index, text)
        if reason is not None:
            return message(
                "{text} is accepted for this game only: {reason}", text=text, reason=reason
            )
        return message(
            "{text} is added to the accepted answers in {file}.", text=text, file=path.name
        )

    # -- the store and the packs --------------------------------------------------------

    def close(self) -> None:
        """Close the store this thread opened (the others close with their threads)."""
        store = getattr(self._local, "store", None)
        if store is not None:
            self._local.store = None
            store.close()

    def _store(self) -> Store | None:
        if self.data_dir is None:
            return None
        store = getattr(self._local, "store", None)
        if store is None and not getattr(self._local, "tried", False):
            self._local.tried = True
            opening = open_store(self.data_dir, now=self._now)
            store = self._local.store = opening.store
            if opening.notice_said is not None:
                self.notice = opening.notice_said
        if store is not None:
            self._heard(store)
        return store

    def _heard(self, store: Store) -> None:
        """Keep the store's notice (saving off, what a repair did) when it has one."""
        if store.notice_said is not None:
            self.notice = store.notice_said

    def _own_pack(self, pack_id: str) -> LoadedPack | None:
        """The teacher's valid pack ``pack_id`` in DATA_DIR/packs; None when it is not there
        (a bundled pack, or one from another folder)."""
        if self.data_dir is None:
            return None
        found = find_pack_files([user_packs_dir(self.data_dir)])
        for loaded in load_packs(
            found.files, assets_dir=bundled_assets_dir(), listings=found.listings
        ):
            if loaded.ok and loaded.pack is not None and loaded.pack.id == pack_id:
                return loaded
        return None

    def _pack(self, pack_id: str) -> LoadedPack | None:
        """The valid pack ``pack_id``: the teacher's own, else the bundled one."""
        own = self._own_pack(pack_id)
        if own is not None:
            return own
        found = find_pack_files([bundled_questions_dir()])
        for loaded in load_packs(
            found.files, assets_dir=bundled_assets_dir(), listings=found.listings
        ):
            if loaded.ok and loaded.pack is not None and loaded.pack.id == pack_id:
                return loaded
        return None


def _added_to_file(path: Path, question_index: int, text: str) -> Message | None:
    """Add ``text`` to the question's accepted answers in the pack file ``path``; None when
    written, else the one-line reason nothing was."""
    if not text:
        return message("an accepted answer cannot be empty")
    try:
        data = path.read_bytes()
    except OSError as error:
        return message(
            "{file} cannot be read: {reason}", file=path.name, reason=error.strerror or ""
        )
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    try:
        source = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        return message("{file} is not UTF-8 text", file=path.name)
    changed = with_accepted(source, question_index, text)
    if isinstance(changed, Message):
        return changed
    new_bytes = bom + changed.encode("utf-8")
    # checked as a pack beside the file (its pictures are found as the file's are) before
    # anything is written over it
    trial = path.with_name(f".{path.stem}.accepting-{secrets.token_hex(4)}{path.suffix}")
    try:
        trial.write_bytes(new_bytes)
        checked = load_pack(trial, assets_dir=bundled_assets_dir())
    except OSError as error:
        return message(
            "{file} cannot be written: {reason}", file=path.name, reason=error.strerror or ""
        )
    finally:
        with contextlib.suppress(OSError):
            trial.unlink()
    if not checked.ok:
        first = checked.errors[0]
        return message(
            "the pack would not be valid with it ({field}: {problem})",
            field=first.field,
            problem=first.said,
        )
    try:
        write_replacing(path, new_bytes)
    except FileNotWritten as error:
        return error.said
    return None


def _first_value(state: dict[str, Any], key: str, default: object = None) -> object:
    """The value of ``key`` in ``state``: at its top, else the first found in the dicts
    inside it, level by level; ``default`` when there is none."""
    level: list[Any] = [state]
    while level:
        for value in level:
            if key in value:
                return value[key]
        level = [v for value in level for v in value.values() if isinstance(v, dict)]
    return default


def _joined_time_scales(state: dict[str, Any] | None) -> list[float | None]:
    """Each student's own extra time, in the order they joined, from the moves of the
    round in ``state`` (a LiveRound snapshot's ``["join", name, time_scale]``); empty
    when there is none."""
    moves = None if state is None else _first_value(state, "actions")
    if not isinstance(moves, list):
        return []
    return [
        _time_scale_or_x1(move[2])
        for move in moves
        if isinstance(move, list) and len(move) == 3 and move[0] == "join"
    ]


def _time_scale_or_x1(value: object) -> float | None:
    """``value`` when it is a time scale (None, or a number above 0), else 1.0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 1.0
    return float(value) if 0 < value < math.inf else 1.0


def _rounds_on(store: Store, player_id: int, moment: datetime) -> int:
    """Rounds the player saved on ``moment``'s day, counted up to the Marathon target."""
    day = local_aware(moment).date()
    recent = store.history(player_id, limit=MARATHON_ROUNDS_IN_A_DAY)
    return sum(1 for record in recent if record.played_at.date() == day)


def _bundled_pack_ids() -> list[str]:
    found = find_pack_files([bundled_questions_dir()])
    return [
        loaded.pack.id
        for loaded in load_packs(
            found.files, assets_dir=bundled_assets_dir(), listings=found.listings
        )
        if loaded.ok and loaded.pack is not None
    ]
