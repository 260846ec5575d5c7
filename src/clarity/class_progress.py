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

    ``notice`` is the line to show, None when there is nothing to say: why the game was
    not saved, or (``repaired`` True) what a repair of damaged data did before the game
    was saved after all; ``lasting`` maps a member's player id to the lasting trophies
    that member newly earned (only when the game was saved: a trophy the store does not
    hold would vanish next time); ``members`` maps each member saved with the game to
    their name.
    """

    notice: Message | None = None
    lasting: dict[int, list[TrophyEarned]] = field(default_factory=dict)
    members: dict[int, str] = field(default_factory=dict)
    repaired: bool = False

    @property
    def saved(self) -> bool:
        return self.notice is None or self.repaired


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
        # the store's notice already said (the one it opened with was said by the title)
        self._said = None if store is None else store.notice_said
        # each member id as this session first met it: when that player was made (None:
        # not a player then), so that a new player given a deleted member's id never
        # becomes a member of the game (ids are given again: see forget_member)
        self._met: dict[int, datetime | None] = {}

    def keep(self, setup: ClassGameSetup, played: ClassRound) -> Message | None:
        """Save the game as it stands (its setup and the round's snapshot, one transaction),
        unless this same state was the last one written. A game that has ended is not
        written (its finish saves it, and clears the one in progress). Members deleted
        meanwhile are left out of the setup written. Returns None (saved, or nothing to
        save into: no data folder), the notice to show when it could not be written, or
        the line that says what a repair of damaged data did on the way (the game saved)."""
        if self.store is None or played.phase is Phase.ENDED:
            return None
        state = (self._still_members(setup).to_json(), played.snapshot())
        if state == self._kept:
            return self._repair_said()
        failed = self.store.save_class_in_progress(setup.pack_id, *state)
        self._kept = None if failed is not None else state
        if failed is not None:
            self._said = self.store.notice_said
            return failed.said
        return self._repair_said()

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
        return self._still_members(setup), found.snapshot

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
        setup = self._still_members(setup)
        members = {team.name: list(team.members) for team in setup.teams}
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
            self._said = self.store.notice_said
            return ClassGameSaved(not_saved(saved.said))
        return _saved(saved, lasting, self._repair_said())

    def _repair_said(self) -> Message | None:
        """What a repair made since the last look did (the store's notice, when it is new),
        once; None when there was none."""
        assert self.store is not None
        now = self.store.notice_said
        if now is None or now is self._said:
            return None
        self._said = now
        return now

    def _still_members(self, setup: ClassGameSetup) -> ClassGameSetup:
        """``setup`` with only the members who are still the players they were when this
        session first met them: a member deleted since, or whose id a new player was given,
        is left out (the game goes on without them)."""
        assert self.store is not None
        teams = tuple(
            replace(team, members=tuple(m for m in team.members if self._still_there(m)))
            for team in setup.teams
        )
        return setup if teams == setup.teams else replace(setup, teams=teams)

    def _still_there(self, member: int) -> bool:
        assert self.store is not None
        player = self.store.player(member)
        made = None if player is None else player.created_at
        first = self._met.setdefault(member, made)
        return first is not None and made == first

    def _rounds_on(self, player_id: int, moment: datetime) -> int:
        """Rounds the player saved on ``moment``'s day, counted up to the Marathon target."""
        assert self.store is not None
        day = local_aware(moment).date()
        recent = self.store.history(player_id, limit=MARATHON_ROUNDS_IN_A_DAY)
        return sum(1 for record in recent if record.played_at.date() == day)


def _ids(lasting: Mapping[int, Sequence[TrophyEarned]]) -> dict[int, list[str]]:
    return {member: [t.trophy_id for t in earned] for member, earned in lasting.items()}


def _saved(
    saved: SavedClassGame,
    lasting: Mapping[int, list[TrophyEarned]],
    repaired: Message | None,
) -> ClassGameSaved:
    # a member deleted while the class played was not saved: neither are their trophies
    return ClassGameSaved(
        repaired,
        {member: earned for member, earned in lasting.items() if member in saved.members},
        dict(saved.members),
        repaired=repaired is not None,
    )
