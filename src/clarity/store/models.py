"""The values the store hands out: small frozen dataclasses, no database handles inside."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clarity.core.events import Points, RoundOutcome
from clarity.core.messages import Message


@dataclass(frozen=True)
class Player:
    """A saved player. ``extra_time`` is their time scale: the time per question they are
    given, times the class's (1.0, 1.5, 2.0 or 3.0; None: no time limit at all; see
    :func:`clarity.core.scoring.combined_time_scale`)."""

    id: int
    name: str
    created_at: datetime
    extra_time: float | None = 1.0


@dataclass(frozen=True)
class NameRejected:
    """A player name the store will not take. ``said`` is the reason written for the player,
    to render in the interface's language; ``message`` is it in English."""

    said: Message

    @property
    def message(self) -> str:
        return str(self.said)


@dataclass(frozen=True)
class SaveFailed:
    """A write that did not happen (read-only or full folder...). ``said`` says so for the
    player, to render in the interface's language; ``message`` is it in English."""

    said: Message

    @property
    def message(self) -> str:
        return str(self.said)


@dataclass(frozen=True)
class SavedRound:
    """A round that is committed to disk: it survives the game being killed from now on."""

    round_id: str  # UUID
    played_at: datetime


@dataclass(frozen=True)
class InProgress:
    """A round that was interrupted, as the core round's snapshot left it."""

    player_id: int
    pack_id: str
    snapshot: dict[str, Any]
    updated_at: datetime


@dataclass(frozen=True)
class LeaderRow:
    """One line of a pack's leaderboard: a player's best round on that pack."""

    rank: int
    pack_id: str
    player_id: int
    player_name: str
    score: int
    medal: str | None
    played_at: datetime
    round_id: str


@dataclass(frozen=True)
class EarnedTrophy:
    first_earned_at: datetime
    times: int


@dataclass(frozen=True)
class RoundRecord:
    """A saved round as history and the teacher's export show it (answers kept apart)."""

    round_id: str
    player_id: int
    player_name: str
    pack_id: str
    pack_sha256: str
    mystery_index: int
    mystery_image: str
    mystery_answer: str
    outcome: RoundOutcome
    score: int
    breakdown: Points
    best_possible: int
    right: int
    wrong: int
    longest_streak: int
    seconds_played: float
    timer: bool
    streaks: bool
    medal: str | None
    played_at: datetime
    trophies: tuple[str, ...] = field(default=())
    time_scale: float | None = 1.0  # the limits' stretch it was played with; None: no limit


@dataclass(frozen=True)
class PlayerOverview:
    """A player with their totals, for the teacher's list of players."""

    player: Player
    rounds: int
    right_answers: int
    best_score: int | None
    last_played: datetime | None


@dataclass(frozen=True)
class SchoolClass:
    """A teacher's class: a named list of players (a player may be in several classes).
    ``members`` are ordered by name, as the players' list is."""

    id: int
    name: str
    created_at: datetime
    members: tuple[Player, ...] = ()


@dataclass(frozen=True)
class Enrolment:
    """What :meth:`clarity.store.Store.enrol` did: the class as saved, whether it was made
    now, and the players made now because no player had their name (in the order given)."""

    school_class: SchoolClass
    class_created: bool
    players_created: tuple[Player, ...]
