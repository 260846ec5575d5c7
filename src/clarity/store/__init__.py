"""Saved progress: players, finished rounds, the round in progress, in one SQLite file.

The store may use :mod:`clarity.core`; the core never imports the store, and nothing
here imports pygame. Open it with :func:`open_store`.
"""

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
from clarity.store.opening import StoreOpening, check_and_repair, open_for_reading, open_store
from clarity.store.problems import StoreDamaged
from clarity.store.store import Store

__all__ = [
    "ClassInProgress",
    "EarnedTrophy",
    "Enrolment",
    "InProgress",
    "LeaderRow",
    "NameRejected",
    "Player",
    "PlayerOverview",
    "RoundRecord",
    "SaveFailed",
    "SavedClassGame",
    "SavedRound",
    "SchoolClass",
    "Store",
    "StoreDamaged",
    "StoreOpening",
    "TeamLeaderRow",
    "TeamRecord",
    "TeamResult",
    "check_and_repair",
    "open_for_reading",
    "open_store",
]
