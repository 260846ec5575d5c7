"""What the teacher tells the game: one value per command, the same from the projector's
keyboard and from the teacher page on a phone.

The projector sends these through the link's queue (``HostLink.send``); the teacher page
sends a ``command`` message (:mod:`clarity.classroom.protocol`) that becomes one of them.
Every command is a frozen dataclass, so it pickles across a process boundary and compares
by value in tests.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Start:
    """Leave the lobby: the first question is asked to everybody who joined."""


@dataclass(frozen=True, slots=True)
class Next:
    """Go on: close an open question, leave a reveal (through the leaderboard when it is
    shown), end the final guess; in the lobby it starts the game."""


@dataclass(frozen=True, slots=True)
class Pause:
    """Stop the question's clock; answers and guesses wait until :class:`Resume`."""


@dataclass(frozen=True, slots=True)
class Resume:
    """Start the question's clock again where :class:`Pause` stopped it."""


@dataclass(frozen=True, slots=True)
class ShowLeaderboard:
    """Show (``show`` True) or skip the leaderboard between questions."""

    show: bool


@dataclass(frozen=True, slots=True)
class RemoveStudent:
    """Take ``student`` (the id the host gave them at their join) out of the game: their
    device is told and disconnected, their rejoin token stops working."""

    student: int


@dataclass(frozen=True, slots=True)
class AcceptAnswer:
    """At the reveal of a typed or number question: ``text`` counts as right for everybody
    who gave it, and goes into the pack's accepted answers."""

    text: str


@dataclass(frozen=True, slots=True)
class EndGame:
    """End the round now: the picture is revealed with the podium."""


TeacherCommand = (
    Start | Next | Pause | Resume | ShowLeaderboard | RemoveStudent | AcceptAnswer | EndGame
)
