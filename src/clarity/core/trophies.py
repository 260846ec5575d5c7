"""Trophies: definitions as data, and the tracker that awards them by observing a round."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PlayerStats:
    """A player's history, as the store aggregates it, for the trophies that last."""

    right_answers: int = 0
    rounds_played: int = 0
    best_medal_by_pack: Mapping[str, str] = field(default_factory=dict)  # pack id -> medal tier
    most_rounds_in_a_day: int = 0
