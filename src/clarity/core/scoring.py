"""Pure scoring functions.

A right answer earns ``base`` points. With the timer on and a time limit set, it also
earns a time bonus that falls linearly from ``base`` (answered at once) to 0 (at the
limit), which is Kahoot's published rule points = 1000 x (1 - (t/T)/2) with base 500.
An answer at the limit itself is still in time (it earns ``base``, as Kahoot's rule gives
at t = T); only a later one is late. With the timer off there is no limit and no bonus.

Extra time (``time_scale``) stretches every limit: a question of T seconds allows
T x time_scale, and the time bonus is measured against the stretched limit, base x
(1 - t / (T x time_scale)), so extra time costs no points (an answer at 8 s of a 20 s
question with x2 earns what one at 4 s with x1 does). With ``time_scale`` None there is
no limit at all, and a right answer to a question that has one earns a fixed time bonus
of half the maximum, the bonus of an answer at half the limit (250 of 500), so that no
limit is neither a penalty nor an advantage. A question without a limit of its own earns
no time bonus under any scale, as it earns none for anybody.
With streaks on, the n-th right answer in a row adds ``streak_step`` x (n - 1), capped
at ``streak_cap``. A wrong answer or a timeout earns nothing and breaks the streak.

Guessing the mystery image right earns ``image_base`` plus ``image_per_hidden_tile``
for every tile still hidden. A wrong guess before the end costs ``wrong_guess_penalty``
(the score never goes below zero); a wrong final guess costs nothing more.

Every figure lives in :class:`ScoringRules`, so a teacher can see and change them in one place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from clarity.core.events import Points

# The time per question a teacher can choose, for the class and for one player: x1, x1.5,
# x2, x3 or no limit (None). Issue 8, after WCAG 2.2 success criterion 2.2.1 (Timing
# Adjustable: a time limit can be turned off, or adjusted before it is met).
TIME_SCALES: tuple[float | None, ...] = (1.0, 1.5, 2.0, 3.0, None)
# With no limit, a right answer earns this share of the most a time bonus can be.
NO_LIMIT_BONUS_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """Every figure of the scoring; ``time_scale`` stretches each time limit (None: none).

    Raises ValueError for a ``time_scale`` that is not None or a finite number above 0.
    """

    base: int = 500
    streak_step: int = 100
    streak_cap: int = 500
    image_base: int = 1000
    image_per_hidden_tile: int = 200
    wrong_guess_penalty: int = 300
    timer: bool = True
    streaks: bool = True
    time_scale: float | None = 1.0

    def __post_init__(self) -> None:
        check_time_scale(self.time_scale)


def check_time_scale(scale: object) -> float | None:
    """``scale`` as a time scale: None (no limit) or a finite number above 0, as a float.

    Raises ValueError for anything else (a bool, a text, 0, a negative, NaN or infinity).
    """
    if scale is None:
        return None
    if isinstance(scale, bool) or not isinstance(scale, int | float):
        raise ValueError(f"a time scale is a number above 0 or None, not {scale!r}")
    if not math.isfinite(scale) or scale <= 0:
        raise ValueError(f"a time scale is a number above 0 or None, not {scale!r}")
    return float(scale)


def combined_time_scale(class_scale: float | None, player_scale: float | None) -> float | None:
    """The time scale a player's round uses: the class's setting times the player's own.

    Extra time is given relative to the time the others have, as an exam's extra-time
    accommodation ("time and a half") is a share of the time set for the exam: x2 for a
    player in a class set to x1.5 is x3. No limit on either side means no limit (None):
    a limit turned off stays off (WCAG 2.2, 2.2.1 Timing Adjustable, "Turn off"). The rule
    is issue 8's ("time per question" for the class, "extra time" for a player).

    Raises ValueError when either is not None or a finite number above 0.
    """
    class_scale, player_scale = check_time_scale(class_scale), check_time_scale(player_scale)
    if class_scale is None or player_scale is None:
        return None
    return class_scale * player_scale


def stretched_limit(time_limit: float | None, rules: ScoringRules) -> float | None:
    """Seconds a player has for a question whose own limit is ``time_limit`` seconds:
    ``time_limit`` x ``rules.time_scale``. None when the timer is off, the question has
    no limit, or the scale is None (no limit)."""
    if not rules.timer or not time_limit or time_limit <= 0 or rules.time_scale is None:
        return None
    return time_limit * rules.time_scale


def time_bonus(seconds: float, time_limit: float | None, rules: ScoringRules) -> int:
    """Points for answering quickly, after ``seconds`` on a question whose own limit is
    ``time_limit`` seconds (not stretched: the rules' ``time_scale`` stretches it here).

    ``base`` at 0 s falling linearly to 0 at the stretched limit; with ``time_scale``
    None, ``base`` x :data:`NO_LIMIT_BONUS_SHARE` whatever the time. 0 with the timer
    off or for a question without a limit.
    """
    if not rules.timer or not time_limit or time_limit <= 0:
        return 0
    limit = stretched_limit(time_limit, rules)
    share = NO_LIMIT_BONUS_SHARE if limit is None else 1.0 - seconds / limit
    return round(rules.base * max(0.0, min(1.0, share)))


def streak_bonus(streak: int, rules: ScoringRules) -> int:
    """Bonus for the ``streak``-th right answer in a row (the first earns none)."""
    if not rules.streaks or streak <= 1:
        return 0
    return min(rules.streak_step * (streak - 1), rules.streak_cap)


def answer_points(
    *, right: bool, seconds: float, time_limit: float | None, streak: int, rules: ScoringRules
) -> Points:
    """The points for one answer after ``seconds`` on a question whose own limit is
    ``time_limit`` seconds; ``streak`` counts this answer if it is right.

    A right answer after the stretched limit (:func:`stretched_limit`) is late and earns
    nothing.
    """
    if not right:
        return Points()
    limit = stretched_limit(time_limit, rules)
    if limit is not None and seconds > limit:
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

    ``time_limits`` are the questions' own limits in seconds (the rules stretch them), in
    the order the round asks them. Answered at once, a question earns the whole time bonus
    whatever the scale (so extra time leaves the best possible as it is), and half of it
    with no limit (``time_scale`` None). Each right answer uncovers a tile, so at most
    ``total_tiles`` answers can be right, and the image guess earns the bonus for the
    tiles still hidden. Answering every question right is
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
