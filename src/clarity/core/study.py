"""Flashcard scheduling: when each question comes back, by FSRS.

The scheduling itself is FSRS, the Free Spaced Repetition Scheduler (the FSRS-6 model, as in
Anki), computed by the ``fsrs`` package, the reference implementation published by the
open-spaced-repetition project (py-fsrs, https://github.com/open-spaced-repetition/py-fsrs).
This module is a thin wrapper that fits it to the game:

- **Time comes in.** Every function takes the moment ``at`` as a timezone-aware datetime; an
  aware one in another zone is converted to UTC, a naive one raises ``ValueError``. Nothing
  here reads the clock, so tests can travel in time.
- **Our own state.** :class:`CardState` is a frozen value with the fsrs card's fields as plain
  values (numbers, text, UTC datetimes) and the question it belongs to, with
  :meth:`CardState.to_dict` / :meth:`CardState.from_dict` for the store (JSON-able, exact round
  trip). The store never sees an fsrs object.
- **No fuzz.** fsrs can add a random "fuzz" to long intervals so that cards learnt together do
  not all fall due on the same day; it draws it from the process-wide ``random.random()``,
  which cannot be seeded without touching a global. We turn it off (``enable_fuzzing=False``):
  the same reviews then give the same schedule, a review log replays exactly, and the interval
  shown on a button is the one the card gets. A class's packs are small enough that clumping
  does not matter.
- **New cards.** A card never reviewed and never missed in a game is *new*: it has no due date
  (``due`` is None) and is shown only within the daily new-card limit (:func:`due_order`).
- **Game mistakes.** :func:`made_due` makes a question answered wrong in a game due at once,
  new or not, ahead of the daily limit.

A question is named by its key, ``(pack_id, question_id)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any

import fsrs

#: A question's name: (pack id, question id).
QuestionKey = tuple[str, str]

# fsrs wants a card id; we name cards by their question key instead and never use fsrs's logs.
_CARD_ID = 0


class Rating(IntEnum):
    """The student's answer to "did you remember it?", the four buttons, keys 1-4.

    The values are FSRS's (Again 1, Hard 2, Good 3, Easy 4) and are what the store keeps.
    """

    Again = 1
    Hard = 2
    Good = 3
    Easy = 4


class Stage(StrEnum):
    """Where a card is in FSRS: learning (short steps), review (days), relearning (after Again)."""

    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


_STAGE_OF_FSRS = {
    fsrs.State.Learning: Stage.LEARNING,
    fsrs.State.Review: Stage.REVIEW,
    fsrs.State.Relearning: Stage.RELEARNING,
}
_FSRS_OF_STAGE = {stage: state for state, stage in _STAGE_OF_FSRS.items()}


@dataclass(frozen=True, slots=True)
class StudyRules:
    """The scheduler's settings, in one place (fsrs's defaults, fuzz off; see the module).

    ``desired_retention`` is the share (0-1) of cards the student should still remember when
    they fall due; ``learning_steps`` / ``relearning_steps`` are the short waits of a new card
    and of a forgotten one; ``maximum_interval_days`` caps the wait of a card well known.
    """

    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval_days: int = 36500

    def scheduler(self) -> fsrs.Scheduler:
        """An fsrs scheduler with these settings and FSRS-6's default weights, fuzz off."""
        return fsrs.Scheduler(
            desired_retention=self.desired_retention,
            learning_steps=self.learning_steps,
            relearning_steps=self.relearning_steps,
            maximum_interval=self.maximum_interval_days,
            enable_fuzzing=False,
        )


DEFAULT_RULES = StudyRules()

#: How far ahead a session shows a card again: a card rated while learning (Again, or Hard or
#: Good on a learning step) comes back within the same session when it falls due no later
#: than this after its rating, and at the session's end it is shown early ("learning
#: ahead"). The rule and the value are Anki's "Learn ahead limit" (Preferences > Review,
#: 20 minutes by default; https://docs.ankiweb.net/preferences.html). With FSRS's default
#: steps (1 and 10 min, relearning 10 min) every learning step fits; a card that graduates
#: (due in days) leaves the session.
LEARN_AHEAD = timedelta(minutes=20)


def utc(at: datetime) -> datetime:
    """``at`` in UTC. Raises ``ValueError`` for a naive datetime (its zone is unknown)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"a study time must be timezone-aware (UTC), got naive {at.isoformat()}")
    return at.astimezone(UTC)


def _utc_or_none(at: datetime | None) -> datetime | None:
    return None if at is None else utc(at)


@dataclass(frozen=True, slots=True)
class CardState:
    """One player's memory of one question: the fsrs card's fields as plain values.

    ``stage`` and ``step`` (the index into the learning or relearning steps; None in review),
    ``stability`` (days until recall falls to 90 %; None before the first review),
    ``difficulty`` (1-10; None before the first review), ``due`` (UTC; None for a new card)
    and ``last_review`` (UTC; None before the first review).
    """

    pack_id: str
    question_id: str
    stage: Stage = Stage.LEARNING
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None

    @property
    def key(self) -> QuestionKey:
        return (self.pack_id, self.question_id)

    @property
    def is_new(self) -> bool:
        """Never reviewed and never missed in a game: it waits for the daily new-card limit."""
        return self.last_review is None and self.due is None

    def is_due(self, at: datetime) -> bool:
        """Whether it should be studied at ``at`` (a new card is never due by itself)."""
        at = utc(at)
        return self.due is not None and self.due <= at

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (text, numbers, None; datetimes as ISO 8601 with +00:00)."""
        return {
            "pack_id": self.pack_id,
            "question_id": self.question_id,
            "stage": self.stage.value,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": None if self.due is None else self.due.isoformat(),
            "last_review": None if self.last_review is None else self.last_review.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CardState:
        """The state :meth:`to_dict` wrote. ``ValueError`` when a field is missing or wrong."""
        try:
            return cls(
                pack_id=str(data["pack_id"]),
                question_id=str(data["question_id"]),
                stage=Stage(data["stage"]),
                step=None if data["step"] is None else int(data["step"]),
                stability=None if data["stability"] is None else float(data["stability"]),
                difficulty=None if data["difficulty"] is None else float(data["difficulty"]),
                due=_parse_time(data["due"]),
                last_review=_parse_time(data["last_review"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not a card state: {error!r}") from error


def _parse_time(text: str | None) -> datetime | None:
    return None if text is None else utc(datetime.fromisoformat(text))


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One line of the review log: who-what (the question key), the rating, when, and the outcome.

    ``reviewed_at`` and ``due`` are UTC; ``due`` is when the card comes back after this review.
    """

    pack_id: str
    question_id: str
    rating: Rating
    reviewed_at: datetime
    due: datetime

    @property
    def key(self) -> QuestionKey:
        return (self.pack_id, self.question_id)

    @property
    def remembered(self) -> bool:
        """Any rating but Again: the student recalled the answer."""
        return self.rating != Rating.Again

    def to_dict(self) -> dict[str, Any]:
        return {
            "pack_id": self.pack_id,
            "question_id": self.question_id,
            "rating": int(self.rating),
            "reviewed_at": self.reviewed_at.isoformat(),
            "due": self.due.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReviewRecord:
        """The record :meth:`to_dict` wrote. ``ValueError`` when a field is missing or wrong."""
        try:
            return cls(
                pack_id=str(data["pack_id"]),
                question_id=str(data["question_id"]),
                rating=Rating(int(data["rating"])),
                reviewed_at=utc(datetime.fromisoformat(data["reviewed_at"])),
                due=utc(datetime.fromisoformat(data["due"])),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"not a review record: {error!r}") from error


def new_card(question_key: QuestionKey) -> CardState:
    """A card never studied for ``(pack_id, question_id)``: new, with no due date."""
    pack_id, question_id = question_key
    return CardState(pack_id=pack_id, question_id=question_id)


def _to_fsrs(state: CardState, at: datetime) -> fsrs.Card:
    return fsrs.Card(
        card_id=_CARD_ID,
        state=_FSRS_OF_STAGE[state.stage],
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due if state.due is not None else at,
        last_review=state.last_review,
    )


def _from_fsrs(card: fsrs.Card, state: CardState) -> CardState:
    return replace(
        state,
        stage=_STAGE_OF_FSRS[card.state],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=utc(card.due),
        last_review=_utc_or_none(card.last_review),
    )


def _review_time(state: CardState, at: datetime) -> datetime:
    # A clock set back (the review earlier than the last one) counts as at the last review,
    # so intervals never run backwards.
    at = utc(at)
    if state.last_review is not None and at < state.last_review:
        return state.last_review
    return at


def review(
    state: CardState, rating: Rating, at: datetime, *, rules: StudyRules = DEFAULT_RULES
) -> tuple[CardState, ReviewRecord]:
    """The card after the student rated it ``rating`` at ``at``, and the log line for it.

    The new state's ``due`` is when it comes back: minutes later while learning or after Again,
    days later once learnt. Raises ``ValueError`` for a naive ``at``.
    """
    at = _review_time(state, at)
    card, _ = rules.scheduler().review_card(
        _to_fsrs(state, at), fsrs.Rating(int(rating)), review_datetime=at
    )
    after = _from_fsrs(card, state)
    assert after.due is not None
    record = ReviewRecord(
        pack_id=state.pack_id,
        question_id=state.question_id,
        rating=Rating(rating),
        reviewed_at=at,
        due=after.due,
    )
    return after, record


def next_intervals(
    state: CardState, at: datetime, *, rules: StudyRules = DEFAULT_RULES
) -> dict[Rating, timedelta]:
    """For each button, how long until the card comes back if the student presses it at ``at``.

    Exactly the wait :func:`review` would give (fuzz is off). Raises ``ValueError`` for a naive
    ``at``.
    """
    at = _review_time(state, at)
    intervals: dict[Rating, timedelta] = {}
    for rating in Rating:
        after, _ = review(state, rating, at, rules=rules)
        assert after.due is not None
        intervals[rating] = after.due - at
    return intervals


def comes_back_in_session(
    after: CardState, rated_at: datetime, *, learn_ahead: timedelta = LEARN_AHEAD
) -> bool:
    """Whether a card rated at ``rated_at`` (its state ``after`` the rating) is shown again
    in the same session: it falls due at most ``learn_ahead`` later (:data:`LEARN_AHEAD`,
    Anki's learn-ahead limit). Raises ``ValueError`` for a naive ``rated_at``.
    """
    return after.due is not None and after.due - utc(rated_at) <= learn_ahead


def made_due(state: CardState, at: datetime) -> CardState:
    """The card after its question was answered wrong in a game at ``at``: due at once.

    A new card becomes due (it skips the daily new-card limit); a card due later is brought
    forward to ``at``; a card already overdue keeps its earlier due date, so it stays ahead.
    Its memory (stability, difficulty) changes only when the student reviews it.
    Raises ``ValueError`` for a naive ``at``.
    """
    at = utc(at)
    if state.due is not None and state.due <= at:
        return state
    return replace(state, due=at)


def due_order(
    states: Iterable[CardState], at: datetime, *, new_limit: int, new_seen_today: int
) -> list[CardState]:
    """The cards to study at ``at``, in order: due ones, most overdue first, then new ones.

    New cards come in the order given (the pack's order), as many as the day's limit still
    allows: ``new_limit`` minus ``new_seen_today`` (never below none). Cards due later are left
    out (see :func:`study_ahead`). Raises ``ValueError`` for a naive ``at``.
    """
    at = utc(at)
    due: list[CardState] = []
    new: list[CardState] = []
    for state in states:
        if state.is_new:
            new.append(state)
        elif state.is_due(at):
            due.append(state)
    due.sort(key=lambda state: (state.due, state.key))
    room = max(0, new_limit - new_seen_today)
    return due + new[:room]


def study_ahead(states: Iterable[CardState], at: datetime) -> list[CardState]:
    """The cards not yet due at ``at``, soonest first: what "study ahead" offers.

    New cards are left out (they wait for tomorrow's limit). The first card's ``due`` is also
    the next due date a session summary shows. Raises ``ValueError`` for a naive ``at``.
    """
    at = utc(at)
    ahead = [state for state in states if state.due is not None and state.due > at]
    ahead.sort(key=lambda state: (state.due, state.key))
    return ahead


def retrievability(state: CardState, at: datetime, *, rules: StudyRules = DEFAULT_RULES) -> float:
    """FSRS's chance (0-1) that the student recalls the card at ``at``; 0 before any review."""
    at = utc(at)
    return float(rules.scheduler().get_card_retrievability(_to_fsrs(state, at), at))
