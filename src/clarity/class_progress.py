"""A class game's saving, as the screens need it: kept after every action, offered back
after a crash, and finished with each member's trophies.

The store keeps the rows (:mod:`clarity.store.class_games`); this module decides what goes
in them, as :mod:`clarity.progress` does for a solo round: the medal and trophies of each
team, and the lasting trophies each member newly earns. The screens reach it through
:mod:`clarity.ui.services` and never import the store.

The rule for the lasting trophies: a member's right answers in a class game are their own
share of the team's, split equally among the team's members who are player profiles and
rounded down (:func:`clarity.store.class_games.member_share`); the game counts as a round
played, on the day it was played, and the team's medal as the member's medal on the pack.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from clarity.core.class_round import ClassRound, Phase
from clarity.core.events import ClassSummary, TrophyEarned
from clarity.core.messages import Message, message
from clarity.core.teams import ClassGameSetup
from clarity.core.trophies import (
    MARATHON_ROUNDS_IN_A_DAY,
    medal_for,
    newly_earned_lasting,
)
from clarity.progress import SAVING_OFF, stats_with_round
from clarity.store import SaveFailed, Store
from clarity.store.class_games import member_share
from clarity.store.models import SavedClassGame, TeamResult
from clarity.store.opening import local_now
from clarity.store.store import local_aware


@dataclass(frozen=True)
class ClassGameSaved:
    """What became of a finished class game, for the results screen.

    ``notice`` is None when the game was saved, else the line to show (why it was not);
    ``lasting`` maps a member's player id to the lasting trophies that member newly earned
    (only when the game was saved: a trophy the store does not hold would vanish next
    time); ``members`` maps each member saved with the game to their name.
    """

    notice: Message | None = None
    lasting: dict[int, list[TrophyEarned]] = field(default_factory=dict)
    members: dict[int, str] = field(default_factory=dict)

    @property
    def saved(self) -> bool:
        return self.notice is None


def not_saved(reason: Message | str) -> Message:
    # Translators: the results screen's line when the game could not be saved; {reason}
    # is a whole sentence that says why
    return message("Not saved: {reason}", reason=reason)


class ClassProgress:
    """The saving of the class games of one data folder (``store`` None: saving is off,
    and ``notice`` says why)."""

    def __init__(
        self,
        store: Store | None,
        *,
        bundled_pack_ids: Callable[[], Collection[str]] = tuple,
        notice: Message | None = None,
        now: Callable[[], datetime] = local_now,
    ) -> None:
        self.store = store
        self._bundled_pack_ids = bundled_pack_ids
        self._notice = notice
        self._now = now
        self._kept: tuple[dict[str, Any], dict[str, Any]] | None = None

    def keep(self, setup: ClassGameSetup, played: ClassRound) -> Message | None:
        """Save the game as it stands (its setup and the round's snapshot, one transaction),
        unless this same state was the last one written. A game that has ended is not
        written (its finish saves it, and clears the one in progress). Returns None (saved,
        or nothing to save into: no data folder) or the notice to show when it could not be
        written."""
        if self.store is None or played.phase is Phase.ENDED:
            return None
        state = (setup.to_json(), played.snapshot())
        if state == self._kept:
            return None
        failed = self.store.save_class_in_progress(setup.pack_id, *state)
        self._kept = None if failed is not None else state
        return None if failed is None else failed.said

    def resumable(self) -> tuple[ClassGameSetup, dict[str, Any]] | None:
        """The interrupted class game's setup and round snapshot; None when there is none or
        its setup is damaged (the snapshot is checked against the pack when it is restored:
        :meth:`clarity.core.class_round.ClassRound.restore`)."""
        if self.store is None:
            return None
        found = self.store.class_in_progress()
        if found is None:
            return None
        try:
            setup = ClassGameSetup.from_json(found.setup)
        except ValueError:
            return None
        if setup.pack_id != found.pack_id or len(setup.teams) != found.snapshot.get("contestants"):
            return None
        return setup, found.snapshot

    def drop(self) -> Message | None:
        """Forget the interrupted class game; the notice when that could not be written."""
        self._kept = None
        if self.store is None:
            return None
        failed = self.store.drop_class_in_progress()
        return None if failed is None else failed.said

    def finish(
        self,
        setup: ClassGameSetup,
        summary: ClassSummary,
        trophies: Sequence[Sequence[TrophyEarned]],
        *,
        pack_sha256: str,
        mystery_image: str,
    ) -> ClassGameSaved:
        """Save a finished class game with each team's medal and per-round ``trophies``
        (``trophies[i]``: team i's, from :class:`clarity.core.trophies.ClassTrophyTracker`)
        and each member's newly earned lasting trophies, in one write.

        Raises ValueError when ``trophies`` or ``summary`` do not have one entry per team of
        ``setup`` (a bug in the caller).
        """
        if not len(setup.teams) == len(summary.contestants) == len(trophies):
            raise ValueError("a class game is finished with one summary and trophies per team")
        self._kept = None
        if self.store is None:
            return ClassGameSaved(not_saved(self._notice or SAVING_OFF))
        played_at = self._now()
        places = summary.places()
        members = {
            team.name: [m for m in team.members if self.store.player(m) is not None]
            for team in setup.teams
        }
        teams = []
        lasting: dict[int, list[TrophyEarned]] = {}
        for number, (team, own, earned) in enumerate(
            zip(setup.teams, summary.contestants, trophies, strict=True)
        ):
            medal = medal_for(own)
            teams.append(
                TeamResult(
                    number=number,
                    name=team.name,
                    emblem=team.emblem,
                    members=tuple(members[team.name]),
                    summary=own,
                    place=places[number],
                    medal=None if medal is None else medal.value,
                    trophies=tuple(t.trophy_id for t in earned),
                )
            )
            if self.store.saving:
                for member in members[team.name]:
                    share = replace(own, right=member_share(own.right, len(members[team.name])))
                    before = self.store.player_stats(member)
                    after = stats_with_round(
                        before, share, medal, self._rounds_on(member, played_at)
                    )
                    lasting[member] = newly_earned_lasting(before, after, self._bundled_pack_ids())
        saved = self.store.save_class_game(
            summary,
            teams,
            setup=setup.to_json(),
            pack_sha256=pack_sha256,
            mystery_image=mystery_image,
            played_at=played_at,
            time_scale=setup.rules.time_scale,
            lasting=_ids(lasting),
        )
        if isinstance(saved, SaveFailed):
            return ClassGameSaved(not_saved(saved.said))
        return _saved(saved, lasting)

    def _rounds_on(self, player_id: int, moment: datetime) -> int:
        """Rounds the player saved on ``moment``'s day, counted up to the Marathon target."""
        assert self.store is not None
        day = local_aware(moment).date()
        recent = self.store.history(player_id, limit=MARATHON_ROUNDS_IN_A_DAY)
        return sum(1 for record in recent if record.played_at.date() == day)


def _ids(lasting: Mapping[int, Sequence[TrophyEarned]]) -> dict[int, list[str]]:
    return {member: [t.trophy_id for t in earned] for member, earned in lasting.items()}


def _saved(saved: SavedClassGame, lasting: Mapping[int, list[TrophyEarned]]) -> ClassGameSaved:
    # a member deleted while the class played was not saved: neither are their trophies
    return ClassGameSaved(
        None,
        {member: earned for member, earned in lasting.items() if member in saved.members},
        dict(saved.members),
    )
