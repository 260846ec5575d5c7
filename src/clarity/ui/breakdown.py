"""A round's score taken apart, as the results screens list it (the solo results and each
team's row of the class results)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clarity.core.events import RoundOutcome, RoundSummary

if TYPE_CHECKING:
    from clarity.i18n import Translator


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    label: str
    points: int


def breakdown_rows(summary: RoundSummary, t: Translator) -> list[BreakdownRow]:
    """The score taken apart as the screen lists it, labelled in ``t``'s language; the
    rows add up to the score."""
    points = summary.breakdown
    answers = t.ngettext("Answers ({count} right)", "Answers ({count} right)", summary.right)
    rows = [BreakdownRow(answers, points.base)]
    if summary.timer:
        rows.append(BreakdownRow(t.gettext("Time bonus"), points.time_bonus))
    if summary.streaks:
        streak = t.gettext("Streak bonus (best {streak})", streak=summary.longest_streak)
        rows.append(BreakdownRow(streak, points.streak_bonus))
    if summary.outcome is RoundOutcome.GUESSED:
        image_label = t.ngettext(
            "Image bonus ({count} tile hidden)",
            "Image bonus ({count} tiles hidden)",
            summary.hidden_at_guess,
        )
    else:
        image_label = t.gettext("Image bonus")
    rows.append(BreakdownRow(image_label, points.image_bonus))
    if points.penalty:
        wrong = sum(1 for g in summary.guesses if not g.right and not g.final)
        label = t.gettext("Wrong guesses ({count})", count=wrong)
        rows.append(BreakdownRow(label, -points.penalty))
    return rows
