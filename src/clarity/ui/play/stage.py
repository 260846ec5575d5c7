"""What the play screen is showing: a question, its answer, the guess field, the end."""

from __future__ import annotations

from enum import Enum

from clarity.core.round import Phase


class Stage(Enum):
    ASKING = "asking"  # a question waits for its answer
    ANSWERED = "answered"  # the answer's verdict is shown
    GUESSING = "guessing"  # the guess field is open over a question
    FINAL_GUESS = "final guess"  # tiles or questions ran out: the last guess
    OVER = "over"  # the picture uncovers, then the results

    @classmethod
    def of(cls, phase: Phase, *, guessing: bool) -> Stage:
        """The stage for a round in ``phase``, with the guess field open or not."""
        if phase is Phase.ENDED:
            return cls.OVER
        if phase is Phase.FINAL_GUESS:
            return cls.FINAL_GUESS
        if guessing:
            return cls.GUESSING
        return cls.ANSWERED if phase is Phase.FEEDBACK else cls.ASKING

    @property
    def guessing(self) -> bool:
        return self in (Stage.GUESSING, Stage.FINAL_GUESS)
