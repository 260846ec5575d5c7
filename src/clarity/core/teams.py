"""The teams of a class game on one screen, as data: who plays, with what, by which rules.

A class game is a :class:`ClassGameSetup` (the pack, the mode's rules, the scoring rules,
the seed and the teams) plus a :class:`~clarity.core.class_round.ClassRound` played from
it; team ``i`` of the setup is contestant ``i`` of the round. The store saves the setup
beside the round's snapshot, and the screens draw the teams from it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MAX_TEAMS", "MIN_TEAMS", "TEAM_NAME_LIMIT", "ClassGameSetup", "Team"]

from clarity.core.class_round import ClassRound, ClassRules, Observer
from clarity.core.packs.models import Pack
from clarity.core.scoring import ScoringRules
from clarity.core.team_limits import MAX_TEAMS, MIN_TEAMS, TEAM_NAME_LIMIT


@dataclass(frozen=True, slots=True)
class Team:
    """One team: its ``name`` (as the class typed it), its ``emblem`` (0-5: the colour
    and shape it is drawn with; distinct in a game) and the player ids of its
    ``members`` (player profiles; empty for a team of guests)."""

    name: str
    emblem: int
    members: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ClassGameSetup:
    """Everything a class game is started from. Raises ValueError for fewer than
    :data:`MIN_TEAMS` or more than :data:`MAX_TEAMS` teams, an empty or too long or
    repeated name (letter case aside), an emblem used twice or out of range, or a player
    in two teams."""

    pack_id: str
    mystery_index: int
    seed: int
    teams: tuple[Team, ...]
    class_rules: ClassRules = field(default_factory=ClassRules)
    rules: ScoringRules = field(default_factory=ScoringRules)

    def __post_init__(self) -> None:
        if not MIN_TEAMS <= len(self.teams) <= MAX_TEAMS:
            raise ValueError(f"a class game has {MIN_TEAMS} to {MAX_TEAMS} teams")
        names = [team.name.strip().casefold() for team in self.teams]
        if any(not name for name in names) or len(set(names)) != len(names):
            raise ValueError("every team needs a name of its own")
        if any(len(team.name) > TEAM_NAME_LIMIT for team in self.teams):
            raise ValueError(f"a team name has at most {TEAM_NAME_LIMIT} characters")
        emblems = [team.emblem for team in self.teams]
        if len(set(emblems)) != len(emblems) or not all(0 <= e < MAX_TEAMS for e in emblems):
            raise ValueError("every team needs an emblem of its own")
        members = [m for team in self.teams for m in team.members]
        if len(set(members)) != len(members):
            raise ValueError("a player is in one team only")

    def to_json(self) -> dict[str, Any]:
        """The setup as plain JSON types (the store keeps it beside the round)."""
        return {
            "pack_id": self.pack_id,
            "mystery_index": self.mystery_index,
            "seed": self.seed,
            "teams": [
                {"name": t.name, "emblem": t.emblem, "members": list(t.members)} for t in self.teams
            ],
            "class_rules": dataclasses.asdict(self.class_rules),
            "rules": dataclasses.asdict(self.rules),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ClassGameSetup:
        """The setup :meth:`to_json` wrote. Raises ValueError when ``data`` is damaged."""
        try:
            return cls(
                pack_id=str(data["pack_id"]),
                mystery_index=int(data["mystery_index"]),
                seed=int(data["seed"]),
                teams=tuple(
                    Team(str(t["name"]), int(t["emblem"]), tuple(int(m) for m in t["members"]))
                    for t in data["teams"]
                ),
                class_rules=ClassRules(**data["class_rules"]),
                rules=ScoringRules(**data["rules"]),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"the saved class game's teams are damaged: {error}") from error

    def new_round(self, pack: Pack, observers: Iterable[Observer] = ()) -> ClassRound:
        """A new :class:`~clarity.core.class_round.ClassRound` of ``pack`` for these teams."""
        return ClassRound(
            pack,
            contestants=len(self.teams),
            mystery_index=self.mystery_index,
            seed=self.seed,
            rules=self.rules,
            class_rules=self.class_rules,
            observers=observers,
        )
