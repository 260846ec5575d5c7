"""Pure scoring functions.

A right answer earns ``base`` points. With the timer on and a time limit set, it also
earns a time bonus that falls linearly from ``base`` (answered at once) to 0 (at the
limit), which is Kahoot's published rule points = 1000 x (1 - (t/T)/2) with base 500.
An answer at the limit itself is still in time (it earns ``base``, as Kahoot's rule gives
at t = T); only a later one is late. With the timer off there is no limit and no bonus.
With streaks on, the n-th right answer in a row adds ``streak_step`` x (n - 1), capped
at ``streak_cap``. A wrong answer or a timeout earns nothing and breaks the streak.

Guessing the mystery image right earns ``image_base`` plus ``image_per_hidden_tile``
for every tile still hidden. A wrong guess before the end costs ``wrong_guess_penalty``
(the score never goes below zero); a wrong final guess costs nothing more.

Every figure lives in :class:`ScoringRules`, so a teacher can see and change them in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from clarity.core.events import Points


@dataclass(frozen=True, slots=True)
class ScoringRules:
    base: int = 500
    streak_step: int = 100
    streak_cap: int = 500
    image_base: int = 1000
    image_per_hidden_tile: int = 200
    wrong_guess_penalty: int = 300
    timer: bool = True
    streaks: bool = True


def time_bonus(seconds: float, time_limit: float | None, rules: ScoringRules) -> int:
    """Points for answering quickly: ``base`` at 0 s falling to 0 at the time limit."""
    if not rules.timer or not time_limit or time_limit <= 0:
        return 0
    left = max(0.0, min(1.0, 1.0 - seconds / time_limit))
    return round(rules.base * left)


def streak_bonus(streak: int, rules: ScoringRules) -> int:
    """Bonus for the ``streak``-th right answer in a row (the first earns none)."""
    if not rules.streaks or streak <= 1:
        return 0
    return min(rules.streak_step * (streak - 1), rules.streak_cap)


def answer_points(
    *, right: bool, seconds: float, time_limit: float | None, streak: int, rules: ScoringRules
) -> Points:
    """The points for one answer; ``streak`` counts this answer if it is right.

    A right answer after ``time_limit`` (with the timer on) is late and earns nothing.
    """
    if not right:
        return Points()
    if rules.timer and time_limit and seconds > time_limit:
        return Points()
    return Points(
        base=rules.base,
        time_bonus=time_bonus(seconds, time_limit, rules),
        streak_bonus=streak_bonus(streak, rules),
    )


def image_guess_points(
    *, right: bool, hidden_tiles: int, final: bool, rules: ScoringRules
) -> Points:
    """Points for a guess at the mystery image with ``hidden_tiles`` still covered."""
    if right:
        return Points(image_bonus=rules.image_base + rules.image_per_hidden_tile * hidden_tiles)
    if final:
        return Points()
    return Points(penalty=rules.wrong_guess_penalty)


def best_possible_score(
    time_limits: Sequence[float | None], total_tiles: int, rules: ScoringRules
) -> int:
    """The most a round can earn: the best right answers, each given at once, then the guess.

    ``time_limits`` are those of the questions in the order the round asks them. Each right
    answer uncovers a tile, so at most ``total_tiles`` answers can be right, and the image
    guess earns the bonus for the tiles still hidden. Answering every question right is
    usually best, but when there are more questions than tiles, a question worth less (one
    without a time limit earns no time bonus) may be better answered wrong, to keep its tile
    for a later question worth more; so every choice is weighed, with the streak it leaves.
    """
    values = [
        answer_points(right=True, seconds=0.0, time_limit=limit, streak=1, rules=rules).total
        for limit in time_limits
    ]  # each without the streak bonus, added below

    def guess(hidden: int) -> int:
        return image_guess_points(right=True, hidden_tiles=hidden, final=False, rules=rules).total

    if len(set(values)) <= 1:
        # All worth the same: one unbroken run of right answers from the first question.
        best, answered = guess(total_tiles), 0
        for right, value in enumerate(values[:total_tiles], start=1):
            answered += value + streak_bonus(right, rules)
            best = max(best, answered + guess(total_tiles - right))
        return best
    unreachable = -(10**18)
    # Past this streak the bonus stops growing, so longer streaks count as this one.
    plateau = rules.streak_cap // rules.streak_step + 1 if rules.streak_step > 0 else 0
    # most[streak][right]: the most points answers can have earned so far with ``right``
    # right answers and the current ``streak``.
    most = [[unreachable] * (total_tiles + 1) for _ in range(plateau + 1)]
    most[0][0] = 0
    for value in values:
        after = [[unreachable] * (total_tiles + 1) for _ in range(plateau + 1)]
        after[0] = [max(column) for column in zip(*most, strict=True)]  # wrong: streak broken
        for streak, row in enumerate(most):
            gain = value + streak_bonus(streak + 1, rules)
            # Right: one more tile uncovered; none once every tile is (the round stops asking).
            moved = [unreachable] + [points + gain for points in row[:-1]]
            target = min(streak + 1, plateau)
            after[target] = [max(a, b) for a, b in zip(after[target], moved, strict=True)]
        most = after
    # The guess may come at any moment; points never shrink, so the end holds every best.
    return max(
        points + guess(total_tiles - right)
        for right, points in enumerate(max(column) for column in zip(*most, strict=True))
    )
