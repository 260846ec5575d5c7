"""Trophies: definitions as data, and the tracker that awards them by observing a round.

Per-round trophies are awarded by :class:`TrophyTracker`, which listens to a round's
events (the observer pattern): nothing in the scoring or the round calls it directly.
Lasting trophies grow across rounds; :func:`lasting_progress` measures them from the
:class:`PlayerStats` the store aggregates and, for the study modes' trophies (a study
streak in days, cards remembered, a sprint's run of right verdicts, a personal best
beaten), from the :class:`StudyStats` it aggregates. A sprint's trophies are also heard as
they happen by :class:`SprintTrophyTracker`, which observes the sprint's events.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from clarity.core.events import (
    AnswerAccepted,
    AnswerGiven,
    ClassRoundEnded,
    ImageGuessed,
    RoundEnded,
    RoundEvent,
    RoundSummary,
    StudentJoined,
    TrophyEarned,
)
from clarity.core.messages import N_, Message, message, plural_message
from clarity.core.sprint import SprintAnswered, SprintEnded


class Tier(StrEnum):
    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"


TIER_RANK = {Tier.BRONZE: 1, Tier.SILVER: 2, Tier.GOLD: 3}


@dataclass(frozen=True, slots=True)
class TrophyDef:
    """One trophy. ``name`` is the English message id (marked with ``N_``: a screen shows
    ``translator.gettext(name)``, and the store keeps it as it is); ``description`` says
    what earns it, a :class:`~clarity.core.messages.Message` rendered in the player's
    language (``str()`` is the English)."""

    id: str
    name: str
    description: Message
    tier: Tier
    lasting: bool = False  # earned across rounds, with progress, rather than in one round


# Thresholds a teacher may want to tune, in one place.
MEDAL_SHARES: tuple[tuple[Tier, float], ...] = (
    (Tier.GOLD, 0.75),
    (Tier.SILVER, 0.55),
    (Tier.BRONZE, 0.35),
)
HOT_STREAK = 5
FLAWLESS_MIN_ANSWERS = 5
QUICK_THINKER_SECONDS = 5.0
QUICK_THINKER_MIN_ANSWERS = 5
SHARP_EYE_HIDDEN_SHARE = 0.5
CENTURY_RIGHT_ANSWERS = 100
MARATHON_ROUNDS_IN_A_DAY = 10
COLLECTOR_GOLD_PACKS = 3
STUDY_STREAK_DAYS = 7
CARDS_REMEMBERED = 100
SPRINT_STREAK = 20
PERSONAL_BESTS_BEATEN = 1

#: Each medal's share of the best possible score, in per cent, as its description says it.
_MEDAL_PERCENT = {tier: round(share * 100) for tier, share in MEDAL_SHARES}

TROPHIES: tuple[TrophyDef, ...] = (
    TrophyDef(
        "gold-medal",
        N_("Gold medal"),
        message(
            "Score {percent}% of the best possible score in a round.",
            percent=_MEDAL_PERCENT[Tier.GOLD],
        ),
        Tier.GOLD,
    ),
    TrophyDef(
        "silver-medal",
        N_("Silver medal"),
        message(
            "Score {percent}% of the best possible score in a round.",
            percent=_MEDAL_PERCENT[Tier.SILVER],
        ),
        Tier.SILVER,
    ),
    TrophyDef(
        "bronze-medal",
        N_("Bronze medal"),
        message(
            "Score {percent}% of the best possible score in a round.",
            percent=_MEDAL_PERCENT[Tier.BRONZE],
        ),
        Tier.BRONZE,
    ),
    TrophyDef("first-light", N_("First light"), message("Give a right answer."), Tier.BRONZE),
    TrophyDef(
        "hot-streak",
        N_("Hot streak"),
        plural_message(
            "Give {count} right answer in a row.",
            "Give {count} right answers in a row.",
            HOT_STREAK,
        ),
        Tier.SILVER,
    ),
    TrophyDef(
        "flawless",
        N_("Flawless"),
        plural_message(
            "Finish a round of {count}+ answer without a wrong answer or guess.",
            "Finish a round of {count}+ answers without a wrong answer or guess.",
            FLAWLESS_MIN_ANSWERS,
        ),
        Tier.GOLD,
    ),
    TrophyDef(
        "sharp-eye",
        N_("Sharp eye"),
        message("Guess the image while at least half the tiles are hidden."),
        Tier.GOLD,
    ),
    TrophyDef(
        "quick-thinker",
        N_("Quick thinker"),
        plural_message(
            "Answer in under {count} second on average ({least} in a round).",
            "Answer in under {count} seconds on average ({least} in a round).",
            round(QUICK_THINKER_SECONDS),
            # the genitive the sentence needs in Russian and Belarusian ("не меньше 5 ответов")
            least=plural_message(
                "at least {count} answer", "at least {count} answers", QUICK_THINKER_MIN_ANSWERS
            ),
        ),
        Tier.SILVER,
    ),
    TrophyDef(
        "scholar",
        N_("Scholar"),
        message("Win a medal on every bundled pack."),
        Tier.GOLD,
        lasting=True,
    ),
    TrophyDef(
        "collector",
        N_("Collector"),
        plural_message(
            "Win gold on {count} different pack.",
            "Win gold on {count} different packs.",
            COLLECTOR_GOLD_PACKS,
        ),
        Tier.GOLD,
        lasting=True,
    ),
    TrophyDef(
        "century",
        N_("Century"),
        plural_message(
            "Give {count} right answer in all.",
            "Give {count} right answers in all.",
            CENTURY_RIGHT_ANSWERS,
        ),
        Tier.SILVER,
        lasting=True,
    ),
    TrophyDef(
        "marathon",
        N_("Marathon"),
        plural_message(
            "Play {count} round in one day.",
            "Play {count} rounds in one day.",
            MARATHON_ROUNDS_IN_A_DAY,
        ),
        Tier.BRONZE,
        lasting=True,
    ),
    TrophyDef(
        "study-streak",
        N_("Steady learner"),
        plural_message(
            "Study flashcards on {count} day in a row.",
            "Study flashcards on {count} days in a row.",
            STUDY_STREAK_DAYS,
        ),
        Tier.SILVER,
        lasting=True,
    ),
    TrophyDef(
        "cards-remembered",
        N_("Good memory"),
        plural_message(
            "Remember {count} flashcard in all.",
            "Remember {count} flashcards in all.",
            CARDS_REMEMBERED,
        ),
        Tier.SILVER,
        lasting=True,
    ),
    TrophyDef(
        "sprint-streak",
        N_("Lie detector"),
        plural_message(
            "Judge {count} statement right in a row in a True or False sprint.",
            "Judge {count} statements right in a row in a True or False sprint.",
            SPRINT_STREAK,
        ),
        Tier.GOLD,
        lasting=True,
    ),
    TrophyDef(
        "personal-best",
        N_("Personal best"),
        message("Beat your own best score in a True or False sprint."),
        Tier.BRONZE,
        lasting=True,
    ),
)
#: The lasting trophies the study modes earn, measured from :class:`StudyStats`.
STUDY_TROPHY_IDS = ("study-streak", "cards-remembered", "sprint-streak", "personal-best")
#: Each tier's name as a trophy's card says it ("Gold"), translated where it is drawn.
TIER_NAMES: Mapping[Tier, str] = {
    Tier.GOLD: N_("Gold"),
    Tier.SILVER: N_("Silver"),
    Tier.BRONZE: N_("Bronze"),
}


def trophy_by_id(trophy_id: str) -> TrophyDef:
    for trophy in TROPHIES:
        if trophy.id == trophy_id:
            return trophy
    raise KeyError(trophy_id)


def medal_yardstick(summary: RoundSummary) -> int:
    """What a round's medal is measured against, in points: the most the round could
    have earned by the moment it ended (``summary.best_by_end``, see
    :class:`~clarity.core.events.RoundSummary`); ``best_possible`` for a summary made
    without it."""
    return summary.best_possible if summary.best_by_end is None else summary.best_by_end


def medal_points(summary: RoundSummary) -> int:
    """The points a round's medal counts: the score with every wrong guess's penalty
    taken in full, never below 0.

    The score itself never goes below zero, so a wrong guess made before any points costs
    it nothing; the medal counts that guess as it counts any other, or guessing names at
    random at the start would be free and an instant right guess after them would be gold.
    """
    return max(0, summary.score - summary.penalty_waived)


def medal_share(summary: RoundSummary) -> float:
    """How well a round was played, as a share from 0 to 1: :func:`medal_points` over
    :func:`medal_yardstick`; 0.0 when the yardstick is 0.

    The yardstick is the best the round could have scored up to the moment it ended: the
    questions answered so far, in their order, answered at once (with the streaks that
    makes, and wrong only where keeping a tile hidden is worth more), then the image
    guessed right with the tiles that play leaves hidden. So a round is measured by how
    well it was played for as long as it lasted, and ending it early with a right guess,
    the best move there is, can earn gold: an instant right guess scores all that could
    be scored by then (a share of 1.0). The whole round's best (``best_possible``, every
    question asked) is not the measure: against it an early right guess could never win a
    medal at all.

    The share is never above 1: the real play is one of the plays the yardstick weighs, and
    a later answer or a wrong guess only earns less.
    """
    yardstick = medal_yardstick(summary)
    return medal_points(summary) / yardstick if yardstick > 0 else 0.0


def medal_percent(summary: RoundSummary) -> int:
    """:func:`medal_share` in whole percent, rounded down, as the results screen shows it:
    a round shown at 35% has reached the bronze's 35%, never 34.6% rounded up."""
    yardstick = medal_yardstick(summary)
    return 100 * medal_points(summary) // yardstick if yardstick > 0 else 0


def medal_for(summary: RoundSummary) -> Tier | None:
    """The round medal a finished round earns: the highest tier whose share of
    :data:`MEDAL_SHARES` its :func:`medal_share` reaches (gold from 0.75, silver from 0.55,
    bronze from 0.35); None below them all."""
    share = medal_share(summary)
    for tier, threshold in MEDAL_SHARES:
        if share >= threshold:
            return tier
    return None


class TrophyTracker:
    """Awards per-round trophies by observing one round's events.

    Pass it to the round as an observer; ``earned`` lists the trophies in the order they
    were won, each at most once per round.
    """

    def __init__(self) -> None:
        self.earned: list[TrophyEarned] = []
        self.medal: Tier | None = None
        self._answer_seconds: list[float] = []
        self._wrong_moves = 0  # wrong answers and guesses: an accepted answer is one fewer

    def __call__(self, event: RoundEvent) -> None:
        self.observe(event)

    def observe(self, event: RoundEvent) -> list[TrophyEarned]:
        """Take one event; return the trophies it earned."""
        before = len(self.earned)
        if isinstance(event, AnswerGiven):
            self._answer_seconds.append(event.seconds)
            if event.right:
                self._on_right_answer(event)
            else:
                self._wrong_moves += 1
        elif isinstance(event, AnswerAccepted):
            # the wrong answer it replaces was heard already, its time counted
            self._wrong_moves -= 1
            self._on_right_answer(event.answer)
        elif isinstance(event, ImageGuessed):
            if not event.right:
                self._wrong_moves += 1
            elif event.hidden_tiles >= event.total_tiles * SHARP_EYE_HIDDEN_SHARE:
                self._award("sharp-eye")
        elif isinstance(event, RoundEnded):
            self._on_round_ended(event.summary)
        return self.earned[before:]

    def _on_right_answer(self, event: AnswerGiven) -> None:
        self._award("first-light")
        if event.streak >= HOT_STREAK:
            self._award("hot-streak")

    def _on_round_ended(self, summary: RoundSummary) -> None:
        answers = len(self._answer_seconds)
        if answers >= FLAWLESS_MIN_ANSWERS and not self._wrong_moves:
            self._award("flawless")
        if (
            answers >= QUICK_THINKER_MIN_ANSWERS
            and sum(self._answer_seconds) / answers < QUICK_THINKER_SECONDS
        ):
            self._award("quick-thinker")
        self.medal = medal_for(summary)
        if self.medal is not None:
            self._award(f"{self.medal.value}-medal")

    def _award(self, trophy_id: str) -> None:
        if any(t.trophy_id == trophy_id for t in self.earned):
            return
        trophy = trophy_by_id(trophy_id)
        self.earned.append(TrophyEarned(trophy.id, trophy.name, trophy.tier.value))


class ClassTrophyTracker:
    """Awards per-round trophies to each contestant of a class round, by observing it.

    One :class:`TrophyTracker` per contestant hears that contestant's answers and guesses
    (events carry their ``contestant``) and, at the end, their own summary: a team earns
    a trophy by the same rule a player alone does. ``earned[i]`` lists contestant ``i``'s
    trophies in the order they were won.

    Contestants may join during the round (students on their own devices): a
    :class:`StudentJoined` event, or any event of a contestant beyond those counted so
    far, adds a tracker for them, so ``contestants`` may be 0 at the start.
    """

    def __init__(self, contestants: int) -> None:
        self.trackers: list[TrophyTracker] = [TrophyTracker() for _ in range(contestants)]

    @property
    def earned(self) -> tuple[list[TrophyEarned], ...]:
        return tuple(tracker.earned for tracker in self.trackers)

    @property
    def medals(self) -> tuple[Tier | None, ...]:
        return tuple(tracker.medal for tracker in self.trackers)

    def __call__(self, event: RoundEvent) -> None:
        self.observe(event)

    def observe(self, event: RoundEvent) -> list[tuple[int, TrophyEarned]]:
        """Take one event; return the trophies it earned, each with its contestant."""
        if isinstance(event, StudentJoined):
            self._tracker(event.contestant)
            return []
        if isinstance(event, AnswerGiven | ImageGuessed):
            tracker = self._tracker(event.contestant)
            return [(event.contestant, t) for t in tracker.observe(event)]
        if isinstance(event, AnswerAccepted):
            tracker = self._tracker(event.answer.contestant)
            return [(event.answer.contestant, t) for t in tracker.observe(event)]
        if isinstance(event, ClassRoundEnded):
            if event.summary.contestants:
                self._tracker(len(event.summary.contestants) - 1)
            return [
                (index, trophy)
                for index, (tracker, summary) in enumerate(
                    zip(self.trackers, event.summary.contestants, strict=True)
                )
                for trophy in tracker.observe(RoundEnded(summary))
            ]
        return []

    def _tracker(self, contestant: int) -> TrophyTracker:
        """Contestant ``contestant``'s tracker, made (with any before it) if they are new."""
        while len(self.trackers) <= contestant:
            self.trackers.append(TrophyTracker())
        return self.trackers[contestant]


@dataclass(frozen=True, slots=True)
class PlayerStats:
    """A player's history, as the store aggregates it, for the trophies that last."""

    right_answers: int = 0
    rounds_played: int = 0
    best_medal_by_pack: Mapping[str, str] = field(default_factory=dict)  # pack id -> medal tier
    most_rounds_in_a_day: int = 0


@dataclass(frozen=True, slots=True)
class TrophyProgress:
    trophy: TrophyDef
    current: int
    target: int

    @property
    def earned(self) -> bool:
        return self.current >= self.target

    @property
    def said(self) -> Message:
        """The progress as the cabinet and ``clarity trophies`` may say it ("4/7 days")."""
        return progress_said(self.trophy.id, self.current, self.target)


def progress_said(trophy_id: str, current: int, target: int) -> Message:
    """A lasting trophy's progress in words: "4/7 days" for the study streak, else "57/100"."""
    if trophy_id == "study-streak":
        # Translators: progress towards the study-streak trophy, e.g. "4/7 days"
        return plural_message(
            "{current}/{count} day", "{current}/{count} days", target, current=current
        )
    # Translators: progress towards a trophy, e.g. "30/100"
    return message("{current}/{target}", current=current, target=target)


@dataclass(frozen=True, slots=True)
class StudyStats:
    """A player's study history, as the store aggregates it, for the study trophies.

    ``longest_study_streak``: the most days in a row with a flashcard review (days as the
    reviews were saved); ``cards_remembered``: reviews rated anything but Again;
    ``best_sprint_streak``: the longest run of right verdicts in any sprint;
    ``personal_bests_beaten``: sprints that scored more than every earlier sprint of the
    player on the same pack (a pack's first sprint beats nothing).
    """

    longest_study_streak: int = 0
    cards_remembered: int = 0
    best_sprint_streak: int = 0
    personal_bests_beaten: int = 0


def streak_reached_on(days: Iterable[date], length: int = STUDY_STREAK_DAYS) -> date | None:
    """The day a run of ``length`` consecutive study days was first completed: the last
    day of the earliest such run among ``days`` (the calendar dates with a review, in any
    order, repeats allowed); None when no run is that long. This is the day the
    "Steady learner" trophy was earned: its measure, the longest run, first reached
    ``length`` then. Raises ValueError for a ``length`` below 1."""
    if length < 1:
        raise ValueError(f"a run is at least 1 day long, not {length}")
    run = 0
    previous: date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        if run >= length:
            return day
        previous = day
    return None


def study_progress(study: StudyStats) -> list[TrophyProgress]:
    """How far a player is towards each study trophy, in :data:`STUDY_TROPHY_IDS` order."""
    current = {
        "study-streak": (study.longest_study_streak, STUDY_STREAK_DAYS),
        "cards-remembered": (study.cards_remembered, CARDS_REMEMBERED),
        "sprint-streak": (study.best_sprint_streak, SPRINT_STREAK),
        "personal-best": (study.personal_bests_beaten, PERSONAL_BESTS_BEATEN),
    }
    return [
        TrophyProgress(trophy_by_id(i), min(current[i][0], current[i][1]), current[i][1])
        for i in STUDY_TROPHY_IDS
    ]


def lasting_progress(
    stats: PlayerStats, bundled_pack_ids: Collection[str], study: StudyStats | None = None
) -> list[TrophyProgress]:
    """How far a player is towards each lasting trophy, in the game's order.

    ``study`` None measures the study trophies at nothing done (a caller that only asks
    what a round changed need not read the study rows: a round never earns them).
    """
    measured = {p.trophy.id: p for p in study_progress(study or StudyStats())}
    medals = stats.best_medal_by_pack
    golds = sum(1 for tier in medals.values() if tier == Tier.GOLD)
    bundled_with_medal = sum(1 for pack_id in bundled_pack_ids if pack_id in medals)
    current = {
        "scholar": (bundled_with_medal, max(1, len(bundled_pack_ids))),
        "collector": (golds, COLLECTOR_GOLD_PACKS),
        "century": (stats.right_answers, CENTURY_RIGHT_ANSWERS),
        "marathon": (stats.most_rounds_in_a_day, MARATHON_ROUNDS_IN_A_DAY),
    }
    return [
        measured[trophy.id]
        if trophy.id in measured
        else TrophyProgress(
            trophy, min(current[trophy.id][0], current[trophy.id][1]), current[trophy.id][1]
        )
        for trophy in TROPHIES
        if trophy.lasting
    ]


def newly_earned_study(before: StudyStats, after: StudyStats) -> list[TrophyEarned]:
    """Study trophies that ``after`` has earned and ``before`` had not (for a session's or
    a sprint's end: the screen reads the stats before and after saving)."""
    had = {p.trophy.id for p in study_progress(before) if p.earned}
    return [
        TrophyEarned(p.trophy.id, p.trophy.name, p.trophy.tier.value)
        for p in study_progress(after)
        if p.earned and p.trophy.id not in had
    ]


class SprintTrophyTracker:
    """Hears one True or False sprint's events and awards the trophies it earns as it goes.

    ``best_before`` is the player's best score on the pack before this sprint (None: no
    sprint yet, so nothing to beat). The run of :data:`SPRINT_STREAK` right verdicts is
    awarded with the verdict that reaches it; a personal best when the sprint ends with a
    score above ``best_before``. ``earned`` lists them in order, each at most once.
    """

    def __init__(self, best_before: int | None) -> None:
        self.best_before = best_before
        self.earned: list[TrophyEarned] = []

    def __call__(self, event: object) -> None:
        self.observe(event)

    def observe(self, event: object) -> list[TrophyEarned]:
        """Take one sprint event; return the trophies it earned."""
        before = len(self.earned)
        if isinstance(event, SprintAnswered):
            if event.right and event.streak >= SPRINT_STREAK:
                self._award("sprint-streak")
        elif isinstance(event, SprintEnded):
            if event.best_streak >= SPRINT_STREAK:
                self._award("sprint-streak")
            if self.best_before is not None and event.score > self.best_before:
                self._award("personal-best")
        return self.earned[before:]

    def _award(self, trophy_id: str) -> None:
        if any(t.trophy_id == trophy_id for t in self.earned):
            return
        trophy = trophy_by_id(trophy_id)
        self.earned.append(TrophyEarned(trophy.id, trophy.name, trophy.tier.value))


def newly_earned_lasting(
    before: PlayerStats, after: PlayerStats, bundled_pack_ids: Collection[str]
) -> list[TrophyEarned]:
    """Lasting trophies that ``after`` has earned and ``before`` had not."""
    had = {p.trophy.id for p in lasting_progress(before, bundled_pack_ids) if p.earned}
    return [
        TrophyEarned(p.trophy.id, p.trophy.name, p.trophy.tier.value)
        for p in lasting_progress(after, bundled_pack_ids)
        if p.earned and p.trophy.id not in had
    ]
