"""The values the store hands out: small frozen dataclasses, no database handles inside."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from clarity.core.events import Points, RoundOutcome, RoundSummary
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
    #: for a member's round of a class game: their team's name, the game's mode ('turns' or
    #: 'buzz') and the game's UUID; None for a round played alone
    team_name: str | None = None
    class_mode: str | None = None
    class_game_id: str | None = None

    @property
    def in_class_game(self) -> bool:
        """Whether this is a member's round of a class game (its score is the team's)."""
        return self.class_game_id is not None


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


@dataclass(frozen=True)
class ClassInProgress:
    """The class game being played, as it was last saved: its setup
    (:meth:`clarity.core.teams.ClassGameSetup.to_json`) and the class round's snapshot."""

    pack_id: str
    setup: dict[str, Any]
    snapshot: dict[str, Any]
    updated_at: datetime


@dataclass(frozen=True)
class TeamResult:
    """One team of a finished class game, as the store is given it: ``number`` is its place
    in the setup (contestant ``number`` of the round), ``members`` the player ids of the
    team (profiles; empty for a team of guests), ``summary`` the team's own summary,
    ``place`` its place by score (1: first), ``medal`` its medal id (bronze, silver, gold or
    None) and ``trophies`` the ids of the per-round trophies it earned, which every member
    gets too."""

    number: int
    name: str
    emblem: int
    members: tuple[int, ...]
    summary: RoundSummary
    place: int
    medal: str | None
    trophies: tuple[str, ...] = ()


@dataclass(frozen=True)
class SavedClassGame:
    """A class game committed to disk. ``members`` are the members saved with it, player id:
    name (a member deleted while the game was played is left out)."""

    game_id: str  # UUID
    played_at: datetime
    members: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TeamRecord:
    """A saved team of a class game, as the results export and the teams' high scores show
    it: the team's own score and breakdown, right and wrong answers, medal and per-round
    trophies, and its members' names as they are now (a deleted player is gone from it)."""

    game_id: str  # the class game's UUID
    pack_id: str
    mode: str  # 'turns' or 'buzz'; 'devices' (each student a team of at most one member)
    played_at: datetime
    number: int
    name: str
    emblem: int
    place: int
    teams: int  # how many teams played the game
    score: int
    breakdown: Points
    right: int
    wrong: int
    medal: str | None
    trophies: tuple[str, ...]
    members: tuple[str, ...]
    timer: bool
    time_scale: float | None
    removed: bool = False  # a student the teacher removed from a device game


@dataclass(frozen=True)
class TeamLeaderRow:
    """One line of a pack's teams list on the high scores: a team's result in a class game
    (each game's teams are lines of their own; teams are not people, so no best-per-team)."""

    rank: int
    team: TeamRecord
