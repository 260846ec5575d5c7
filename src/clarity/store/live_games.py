"""Class games on every device: the game being played (saved after every change) and the
finished games, one result per student.

**The game being played** (schema version 6, :mod:`clarity.store.db`). The host hands
its whole state to :meth:`LiveGames.save_in_progress` after every change: a JSON-ready
dict whose lists only grow while the game is played (the round's actions, the roster).
Written whole, each save would cost as much as the game so far (200 students answering
a question is 200 saves of a state that keeps growing). So the state is kept as two
parts: the ``live_in_progress`` row holds the state with each of its lists emptied, and
every list item is one ``live_item`` row, under the list's path in the state (a JSON
Pointer, RFC 6901: ``/round/actions``) and its position. :class:`ListLog` remembers what
was written and works out what a new state adds: usually a few items appended to a list,
one INSERT each, and the small state row written again (it carries each list's length,
so that a load can tell a list cut short by damage from a whole one). A list that changed
other than at its end is written again whole. Only lists reached through dicts from the
top are split; a list inside a list item is part of that item.

**A finished game** goes into the class game tables (:mod:`clarity.store.class_games`)
with ``mode`` ``devices``: one ``class_game`` row, one ``class_team`` row per student (a
team of at most one member: the player profile the student picked from the class list),
with the student's answers and guesses in ``class_answer`` and ``class_guess`` (each
answer numbered by the question it answered, with its seconds), and for a student who is a
player, a ``round`` row naming that team (in their history, statistics and trophy cabinet,
as a team member's is). A nickname is kept in the team row only. Each student's own time
scale (the class's times their extra time: x2 in a class at x1 is 2) is kept in the game's
setup, ``teams[student]["time_scale"]``, which the export reads
(:data:`clarity.store.class_games.TEAM_QUERY`), and in their round row.

**Who took part** (:func:`took_part`): every student who stayed to the end, and every
student the teacher removed (or who left) after answering or guessing at least once. A
student removed keeps their rows with ``class_team.removed`` set and no place (places count
the students who stayed; removed ones are placed after them all); one who took part is in
the results, the counts and, when they picked their name, that player's history, as the
protocol keeps their record. A name removed before it answered or guessed anything (most
often from the lobby: a wrong name, a name picked twice) took no part: its rows stay, but
no export, count or history shows it.
"""

from __future__ import annotations

import copy
import json
import secrets
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clarity.core.events import ClassSummary, RoundSummary
from clarity.core.messages import message
from clarity.core.scoring import check_time_scale, combined_time_scale
from clarity.store import class_games
from clarity.store.models import SavedClassGame, SaveFailed, TeamResult
from clarity.store.sql import Reads, Writes, insert, local_aware, query

#: the ``class_game.mode`` of a game played on the students' devices
DEVICES_MODE = "devices"

_STATE_UPSERT = (
    "INSERT INTO live_in_progress (id, pack_id, state, lengths, updated_at) "
    "VALUES (1, :pack_id, :state, :lengths, :updated_at) "
    "ON CONFLICT (id) DO UPDATE SET pack_id = excluded.pack_id, state = excluded.state, "
    "lengths = excluded.lengths, updated_at = excluded.updated_at"
)
_ITEM_INSERT = "INSERT INTO live_item (list, position, item) VALUES (?, ?, ?)"


def _json(value: object) -> str:
    # A value that is not plain JSON is a bug in the caller: let json raise.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


# -- the state split into its row and its lists' items ---------------------------------


def _pointer(parent: str, key: str) -> str:
    return f"{parent}/{key.replace('~', '~0').replace('/', '~1')}"


def _keys(pointer: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:]]


def split_state(state: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Sequence[Any]]]:
    """``state`` with each list reached through dicts emptied, and those lists by path.

    Raises TypeError when ``state`` is not a dict with text keys (a bug in the caller)."""
    if not isinstance(state, Mapping):
        raise TypeError("a device game's state is a dict")
    lists: dict[str, Sequence[Any]] = {}

    def emptied(value: Mapping[str, Any], path: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, inner in value.items():
            if not isinstance(key, str):
                raise TypeError("a device game's state has text keys")
            here = _pointer(path, key)
            if isinstance(inner, list | tuple):
                lists[here] = inner
                out[key] = []
            elif isinstance(inner, Mapping):
                out[key] = emptied(inner, here)
            else:
                out[key] = inner
        return out

    return emptied(state, ""), lists


def joined_state(
    skeleton: dict[str, Any], lengths: Mapping[str, int], items: Mapping[str, Sequence[Any]]
) -> dict[str, Any] | None:
    """The state :func:`split_state` split, put together again (``skeleton`` is filled in);
    None when a list lacks an item below its length, or its path is not an empty list of
    ``skeleton`` (damage: a game put together from part of its actions would not be the
    game that was played)."""
    for path, length in lengths.items():
        found = items.get(path, ())
        if len(found) < length:
            return None
        holder: Any = skeleton
        keys = _keys(path)
        for key in keys[:-1]:
            holder = holder.get(key) if isinstance(holder, dict) else None
        if not keys or not isinstance(holder, dict) or holder.get(keys[-1]) != []:
            return None
        holder[keys[-1]] = list(found[:length])
    return skeleton


@dataclass(frozen=True)
class LiveSave:
    """What one save writes: the state row, and the list items it adds.

    ``rewrite``: the paths of the lists written again from their first item (their rows
    go first); ``everything``: every item row goes first (a new game, or lists gone).
    ``items``: (list path, position, item JSON), in order. ``writer``: the :class:`ListLog`
    that worked it out; a save that is not ``everything`` is only written over that same
    writer's rows (another host on the same data folder may have written its game since).
    """

    pack_id: str
    state: str
    lengths: str
    items: tuple[tuple[str, int, str], ...] = ()
    rewrite: tuple[str, ...] = ()
    everything: bool = False
    writer: str = ""


@dataclass
class ListLog:
    """What the store holds of the game in progress, to work out what a new state adds.

    Keeps a copy of every item written (a caller may change its own lists after a save).
    The prefix of each list is compared with what was written, item by item: a comparison
    in memory, far cheaper than writing the game again (0.2 ms at 6,000 moves on the
    benchmark's machine), and it catches a list changed anywhere, not only at its end.
    Each log has its own ``writer`` name, kept with the rows it writes."""

    written: dict[str, list[Any]] | None = None  # None: nothing known of the file's rows
    state: str | None = None
    writer: str = field(default_factory=lambda: secrets.token_hex(8))
    pending: tuple[dict[str, tuple[list[Any], list[Any]]], str] | None = field(
        default=None, repr=False
    )

    def changes(self, pack_id: str, state: Mapping[str, Any]) -> LiveSave | None:
        """What saving ``state`` writes; None when it is the state last written."""
        self.pending = None
        skeleton, lists = split_state(state)
        state_text = _json(skeleton)
        old = self.written
        everything = old is None or old.keys() != lists.keys()
        items: list[tuple[str, int, str]] = []
        rewrite: list[str] = []
        grown: dict[str, tuple[list[Any], list[Any]]] = {}  # path: (kept, added)
        for path, given in lists.items():
            kept = None if everything or old is None else old[path]
            seq = given if isinstance(given, list) else list(given)
            if kept is not None and len(seq) >= len(kept) and seq[: len(kept)] == kept:
                start = len(kept)
            else:
                start, kept = 0, []
                if not everything:
                    rewrite.append(path)
            items.extend((path, n, _json(seq[n])) for n in range(start, len(seq)))
            grown[path] = (kept, copy.deepcopy(seq[start:]))
        if not everything and not items and not rewrite and state_text == self.state:
            return None
        self.pending = (grown, state_text)
        lengths = _json(
            {"writer": self.writer, "lists": {path: len(seq) for path, seq in lists.items()}}
        )
        return LiveSave(
            pack_id,
            state_text,
            lengths,
            tuple(items),
            tuple(rewrite),
            everything=everything,
            writer=self.writer,
        )

    def written_ok(self) -> None:
        """The save :meth:`changes` worked out is in the file."""
        if self.pending is not None:
            grown, self.state = self.pending
            for kept, added in grown.values():
                kept.extend(added)  # the lists kept are this log's own: extended in place
            self.written = {path: kept for path, (kept, _) in grown.items()}
        self.pending = None

    def forget(self) -> None:
        """Nothing is known of the file's rows (a save failed, or they were dropped): the
        next save writes the whole state."""
        self.written, self.state, self.pending = None, None, None


@dataclass(frozen=True)
class LiveInProgress:
    """The device game in progress as saved: its pack, the host's state, when it was saved."""

    pack_id: str
    state: dict[str, Any]
    updated_at: datetime


@dataclass(frozen=True)
class StudentResult:
    """One student of a finished device game, for :meth:`LiveGames.save`: their number (the
    index in the summary's contestants), the name they played under, the player profile
    they picked from the class list (None: a nickname), whether the teacher removed them,
    their medal (``bronze``/``silver``/``gold`` or None) and per-round trophy ids."""

    student: int
    name: str
    player: int | None
    removed: bool
    medal: str | None
    trophies: tuple[str, ...] = ()
    #: the student's own extra time (1.0, 1.5, 2.0, 3.0; None: no limit), which
    #: :meth:`LiveGames.save` combines with the class's
    time_scale: float | None = 1.0


def took_part(own: RoundSummary, removed: bool) -> bool:
    """Whether a student of a finished device game is one of its results: they stayed to
    the end, or, removed (or gone) before it, they had answered (a response given, even a
    late one) or guessed the picture at least once. A name removed before that, as in the
    lobby, took no part (the rule of :mod:`clarity.store.live_games`)."""
    return (
        not removed
        or any(answer.response is not None for answer in own.answers)
        or bool(own.guesses)
    )


def places_of_students(summary: ClassSummary, removed: Sequence[bool]) -> tuple[int, ...]:
    """Each student's place by score among the students who stayed (1 for the highest,
    equal scores share a place, "1224"); a removed student's place is after them all."""
    scores = [c.score for c in summary.contestants]
    stayed = [s for s, out in zip(scores, removed, strict=True) if not out]
    return tuple(
        len(stayed) + 1 if out else 1 + sum(1 for other in stayed if other > score)
        for score, out in zip(scores, removed, strict=True)
    )


class LiveGames:
    """Device games: the one in progress (save, read, drop) and the finished ones (save)."""

    def __init__(self, read: Reads, write: Writes, now: Callable[[], datetime]) -> None:
        self._read = read
        self._write = write
        self._now = now

    # -- the game being played ------------------------------------------------------

    def save_in_progress(self, save: LiveSave) -> SaveFailed | bool:
        """Write ``save``; True when written, False when it adds to rows of another
        writer (nothing written: the caller writes its whole state instead)."""
        values = {
            "pack_id": save.pack_id,
            "state": save.state,
            "lengths": save.lengths,
            "updated_at": local_aware(self._now()).isoformat(timespec="seconds"),
        }

        def work(conn: sqlite3.Connection) -> bool:
            if not save.everything and _writer(conn) != save.writer:
                return False
            if save.everything:
                conn.execute("DELETE FROM live_item")
            for path in save.rewrite:
                conn.execute("DELETE FROM live_item WHERE list = ?", (path,))
            conn.execute(_STATE_UPSERT, values)
            conn.executemany(_ITEM_INSERT, save.items)
            return True

        return self._write(work, message("The class game in progress was not saved."))

    def in_progress(self) -> LiveInProgress | None:
        """The device game in progress; None when there is none, or it cannot be put
        together again (unreadable JSON, an item lost to damage)."""

        def work(conn: sqlite3.Connection) -> LiveInProgress | None:
            row = query(
                conn, "SELECT pack_id, state, lengths, updated_at FROM live_in_progress"
            ).fetchone()
            if row is None:
                return None
            items: dict[str, list[Any]] = {}
            try:
                skeleton, written = json.loads(row["state"]), json.loads(row["lengths"])
                lengths = written.get("lists") if isinstance(written, dict) else None
                updated_at = datetime.fromisoformat(row["updated_at"])
                # a position skipped is damage: it ends the list there; one found twice
                # (rows a repair brought back from before the list was written again),
                # the newest is taken
                for path, position, item in conn.execute(
                    "SELECT list, position, item FROM live_item ORDER BY list, position, seq DESC"
                ):
                    found = items.setdefault(path, [])
                    if position == len(found):
                        found.append(json.loads(item))
            except (json.JSONDecodeError, TypeError, ValueError):
                return None  # unreadable: offering to resume it would only fail later
            if not isinstance(skeleton, dict) or not isinstance(lengths, dict):
                return None
            if not all(isinstance(n, int) for n in lengths.values()):
                return None
            state = joined_state(skeleton, lengths, items)
            if state is None or not isinstance(row["pack_id"], str):
                return None
            return LiveInProgress(row["pack_id"], state, local_aware(updated_at))

        return self._read(work)

    def drop_in_progress(self) -> SaveFailed | None:
        result = self._write(
            drop_in_progress, message("The class game in progress was not dropped.")
        )
        return result if isinstance(result, SaveFailed) else None

    # -- the finished games ---------------------------------------------------------

    def save(
        self,
        summary: ClassSummary,
        students: Sequence[StudentResult],
        *,
        setup: Mapping[str, Any],
        pack_sha256: str,
        mystery_image: str,
        played_at: datetime,
        time_scale: float | None,
        lasting: Mapping[int, Sequence[str]],
    ) -> SavedClassGame | SaveFailed:
        """Save a finished device game and drop the one in progress, in one transaction.
        ``time_scale`` is the class's (the rules' time per question; None: no limit); each
        student's own, ``time_scale`` x their extra time, goes into ``setup`` (its
        ``teams``, one per student, made here) and their round row. Raises ValueError when
        ``students`` are not every contestant of ``summary`` (numbers 0 to n-1), or for a
        bad time scale (bugs in the caller)."""
        time_scale = check_time_scale(time_scale)
        ordered = sorted(students, key=lambda s: s.student)
        if [s.student for s in ordered] != list(range(len(summary.contestants))):
            raise ValueError("a device game is saved with every one of its students")
        if not ordered:
            raise ValueError("a device game is saved with at least one student")
        places = places_of_students(summary, [s.removed for s in ordered])
        scales = [combined_time_scale(time_scale, s.time_scale) for s in ordered]
        taking_part = [
            took_part(own, s.removed) for s, own in zip(ordered, summary.contestants, strict=True)
        ]
        setup = {
            **setup,
            # the shape of a class game's setup, so that deleting a player takes them out
            # of it too (clarity.store.class_games.forget_member)
            "teams": [
                {
                    "name": s.name,
                    "members": [] if s.player is None else [s.player],
                    "removed": s.removed,
                    "time_scale": scale,
                }
                for s, scale in zip(ordered, scales, strict=True)
            ],
        }
        played_at = local_aware(played_at)
        saved = SavedClassGame(str(uuid.uuid4()), played_at)
        first = summary.contestants[0]
        game = {
            "uuid": saved.game_id,
            "pack_id": summary.pack_id,
            "pack_sha256": pack_sha256,
            "mystery_index": summary.mystery_index,
            "mystery_image": mystery_image,
            "mystery_answer": summary.mystery_answer,
            "seed": summary.seed,
            "mode": DEVICES_MODE,
            "outcome": str(summary.outcome),
            "guessed_by": summary.guessed_by,
            "total_tiles": summary.total_tiles,
            "hidden_at_end": summary.hidden_at_end,
            "questions_asked": summary.questions_asked,
            "timer": first.timer,
            "streaks": first.streaks,
            "time_scale": time_scale,
            "setup": _json(setup),
            "played_at": played_at.isoformat(timespec="seconds"),
            "played_ts": played_at.timestamp(),
            "played_day": played_at.date().isoformat(),
        }

        def work(conn: sqlite3.Connection) -> SavedClassGame:
            game_id = insert(conn, "class_game", game)
            # a player the teacher deleted from another window meanwhile is left out
            wanted = [
                s.player
                for s, took in zip(ordered, taking_part, strict=True)
                if s.player is not None and took
            ]
            names = class_games._names_of(conn, wanted)
            for student, own, place, scale in zip(
                ordered, summary.contestants, places, scales, strict=True
            ):
                member = student.player if student.player in names else None
                team = TeamResult(
                    number=student.student,
                    name=student.name,
                    emblem=0,
                    members=() if member is None else (member,),
                    summary=own,
                    place=place,
                    medal=student.medal,
                    trophies=student.trophies,
                )
                values = class_games._team_values(game_id, team)
                values["removed"] = int(student.removed)
                team_id = insert(conn, "class_team", values)
                # numbered by the question answered: one answer per question per student
                class_games._insert_answers(conn, team_id, own.answers, by_question=True)
                class_games._insert_guesses(conn, team_id, own.guesses)
                if member is not None:
                    class_games._insert_member_round(
                        conn,
                        team_id,
                        team,
                        member,
                        members=1,
                        game={**game, "time_scale": scale},
                        lasting=lasting.get(member, ()),
                    )
            drop_in_progress(conn)  # in the same transaction: never both a game and its offer
            return SavedClassGame(saved.game_id, played_at, names)

        return self._write(work, message("This class game was not saved."))


def _writer(conn: sqlite3.Connection) -> str | None:
    """The writer of the game in progress in the file; None when there is none (or it
    cannot be read: then the whole state is written again)."""
    row = conn.execute("SELECT lengths FROM live_in_progress WHERE id = 1").fetchone()
    try:
        written = json.loads(row[0]) if row is not None else None
    except (json.JSONDecodeError, TypeError):
        return None
    found = written.get("writer") if isinstance(written, dict) else None
    return found if isinstance(found, str) else None


def drop_in_progress(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM live_item")
    conn.execute("DELETE FROM live_in_progress")
