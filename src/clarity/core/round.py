"""One player's round: the class round's rules with one contestant.

The rules live in :mod:`clarity.core.class_round`; a solo round is that round with one
contestant and :data:`~clarity.core.class_round.SOLO_RULES` (every question is the
player's, nothing to steal, a wrong guess locks nothing). This module gives it the
player's view (their score, streak and answers) and keeps the solo snapshot format.

A round asks the pack's questions in an order drawn from its seed, uncovers one tile of
the mystery image for every right answer, and takes a guess at the image at any moment.
It ends when the image is guessed, or when the tiles or the questions run out and the
final guess has been made. Every change is announced as an event to the observers
(the trophy tracker, the UI, the store) and kept as an action, so that a round can be
saved after every answer and replayed exactly from its seed.

The clock of the question being asked belongs to the round too: the screen hands it the
seconds that pass while the question can be seen and answered (:meth:`Round.spend_time`),
and the snapshot keeps them, so that a round saved in the middle of a question comes back
with the time that was left and the time bonus that goes with it. Time is always an
argument: the round never reads a clock itself.

The rules' ``time_scale`` (a player's extra time, the class's time per question) stretches
each question's limit: :attr:`Round.time_limit`, :meth:`Round.time_left`, the timeout and
the time bonus all use the stretched limit, so extra time costs no points; with no limit
(``time_scale`` None) there is no countdown at all (see :mod:`clarity.core.scoring`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from clarity.core.answers import (
    AnswerResult,
    Question,
    is_right,
    right_answer_text,
)
from clarity.core.class_round import (
    SOLO_RULES,
    ClassRound,
    ClassSummary,
    Observer,
    Phase,
    RoundError,
)
from clarity.core.events import AnswerGiven, ImageGuessed, Points, RoundEnded, RoundSummary
from clarity.core.packs.models import Pack
from clarity.core.scoring import ScoringRules

__all__ = [
    "RESTORABLE_VERSIONS",
    "SNAPSHOT_VERSION",
    "AnswerResult",
    "Observer",
    "Phase",
    "Question",
    "Round",
    "RoundError",
    "is_right",
    "right_answer_text",
]

# 2: the snapshot keeps the seconds spent on the question being asked ("question_seconds").
# 3: its rules keep the time scale ("time_scale": a number, or null for no limit).
# Older snapshots are still restored: version 1 (no clock: the question starts afresh),
# and versions 1 and 2 at the time scale of their day, x1.
SNAPSHOT_VERSION = 3
RESTORABLE_VERSIONS = frozenset({1, 2, 3})


class Round(ClassRound):
    """One mystery image of a pack, played by one player from the start to the final guess.

    A wrong final guess ends the round; a right guess at any moment ends it too. The
    clock of the question being asked belongs to the round: the screen hands it the
    seconds that pass (:meth:`spend_time`) and a snapshot keeps them.
    """

    def __init__(
        self,
        pack: Pack,
        *,
        mystery_index: int = 0,
        seed: int = 0,
        rules: ScoringRules | None = None,
        observers: Iterable[Observer] = (),
    ) -> None:
        super().__init__(
            pack,
            contestants=1,
            mystery_index=mystery_index,
            seed=seed,
            rules=rules,
            class_rules=SOLO_RULES,
            observers=observers,
        )

    # -- the player's view -----------------------------------------------------------

    @property
    def score(self) -> int:
        return self.contestants[0].score

    @property
    def breakdown(self) -> Points:
        return self.contestants[0].breakdown

    @property
    def streak(self) -> int:
        return self.contestants[0].streak

    @property
    def longest_streak(self) -> int:
        return self.contestants[0].longest_streak

    @property
    def answers(self) -> list[AnswerGiven]:
        return self.contestants[0].answers

    @property
    def guesses(self) -> list[ImageGuessed]:
        return self.contestants[0].guesses

    @property
    def right_count(self) -> int:
        return self.contestants[0].right_count

    @property
    def wrong_count(self) -> int:
        return self.contestants[0].wrong_count

    @property
    def summary(self) -> RoundSummary | None:
        """The finished round, as the results screen and the store receive it."""
        if self.class_summary is None:
            return None
        return self.class_summary.contestants[0]

    # -- saving and replaying ----------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything needed to rebuild this round: plain JSON types only.

        ``question_seconds`` is the clock of the question waiting for its answer (0.0 in
        any other phase), kept unrounded: a float survives JSON exactly, so a round
        restored and played on scores exactly what it would have without the break.
        """
        return {
            "version": SNAPSHOT_VERSION,
            "pack_id": self.pack.id,
            "mystery_index": self.mystery_index,
            "seed": self.seed,
            "timer": self.rules.timer,
            "streaks": self.rules.streaks,
            "rules": dataclasses.asdict(self.rules),
            "actions": [list(a) for a in self._actions],
            "question_seconds": self._question_seconds if self.phase is Phase.ASKING else 0.0,
        }

    @classmethod
    def restore(
        cls, pack: Pack, snapshot: Mapping[str, Any], observers: Iterable[Observer] = ()
    ) -> Round:
        """Replay a snapshot's actions on a new round; observers see the replayed events.

        The question waiting for its answer gets back the seconds already spent on it,
        also when they reach its limit (:attr:`time_is_up`: the caller decides what a
        player then sees). A version-1 snapshot, saved before the clock was kept, starts
        its question afresh; one saved before the rules kept a time scale (versions 1 and
        2) plays at x1, as it began. Raises ValueError when the snapshot does not fit the
        pack (the pack changed) or is damaged.
        """
        version = snapshot.get("version")
        if (
            isinstance(version, bool)
            or version not in RESTORABLE_VERSIONS
            or snapshot.get("pack_id") != pack.id
        ):
            raise ValueError("the saved round does not belong to this pack")
        try:
            rules = ScoringRules(**snapshot["rules"])
        except KeyError:  # saved before the snapshot kept every rule
            rules = ScoringRules(timer=bool(snapshot["timer"]), streaks=bool(snapshot["streaks"]))
        except TypeError as error:
            raise ValueError(f"the saved round has unknown rules: {error}") from error
        except ValueError as error:  # a time scale of 0, or a text: damaged
            raise ValueError(f"the saved round has bad rules: {error}") from error
        played = cls(
            pack,
            mystery_index=int(snapshot["mystery_index"]),
            seed=int(snapshot["seed"]),
            rules=rules,
            observers=observers,
        )
        played._replay(snapshot["actions"], snapshot.get("question_seconds", 0.0))
        return played

    # -- inside ------------------------------------------------------------------

    def _announce_end(self, summary: ClassSummary) -> None:
        self._emit(RoundEnded(summary.contestants[0]))
