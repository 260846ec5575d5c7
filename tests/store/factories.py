"""Finished rounds for the store tests, built from the core's event values (no game played).

Also imported by the helper scripts that the crash tests run in subprocesses.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from clarity.core.events import (
    AnswerGiven,
    ClassSummary,
    ImageGuessed,
    Points,
    RoundOutcome,
    RoundSummary,
)
from clarity.store import Player, SavedClassGame, SavedRound, SaveFailed, Store, TeamResult

# A fixed zone a little east of UTC, so that local dates and UTC dates differ near midnight.
ZONE = timezone(timedelta(hours=3))
MONDAY_9AM = datetime(2026, 11, 23, 9, 0, tzinfo=ZONE)


def make_summary(
    *,
    pack_id: str = "solar-system",
    score: int = 500,
    right: int = 3,
    wrong: int = 1,
    mystery_index: int = 0,
    timer: bool = True,
    streaks: bool = True,
    seed: int = 7,
) -> RoundSummary:
    """A finished round with ``right`` + ``wrong`` answers and one right final guess."""
    answers = tuple(
        AnswerGiven(
            number=n,
            question_index=n * 2,
            question_id=f"q{n}",
            response=None if n == right + wrong else f"answer {n}",
            right=n <= right,
            seconds=2.5 + n,
            points=Points(base=100, time_bonus=10) if n <= right else Points(),
            streak=n if n <= right else 0,
            timed_out=n == right + wrong and n > right,
        )
        for n in range(1, right + wrong + 1)
    )
    return RoundSummary(
        pack_id=pack_id,
        mystery_index=mystery_index,
        mystery_answer="Saturn",
        seed=seed,
        timer=timer,
        streaks=streaks,
        outcome=RoundOutcome.GUESSED,
        score=score,
        breakdown=Points(base=300, time_bonus=30, streak_bonus=20, image_bonus=200, penalty=50),
        best_possible=1000,
        right=right,
        wrong=wrong,
        longest_streak=right,
        total_tiles=12,
        hidden_at_guess=7,
        seconds_played=61.5,
        answers=answers,
        guesses=(
            ImageGuessed("Jupiter", False, 8, 12, Points(penalty=50), False, 30.0),
            ImageGuessed("Saturn", True, 7, 12, Points(image_bonus=200), False, 45.5),
        ),
    )


def try_save(
    store: Store,
    player_id: int | None,
    *,
    played_at: datetime = MONDAY_9AM,
    medal: str | None = None,
    trophies: Sequence[str] = (),
    time_scale: float | None = 1.0,
    **summary_fields: object,
) -> SavedRound | SaveFailed:
    """Save a made-up round (``None``: a guest's); what the store answers, saved or not."""
    return store.save_round(
        player_id,
        make_summary(**summary_fields),  # type: ignore[arg-type]
        pack_sha256="0" * 64,
        mystery_image="saturn.png",
        medal=medal,
        trophies=trophies,
        played_at=played_at,
        time_scale=time_scale,
    )


def save(store: Store, player_id: int, **how: object) -> SavedRound:
    """Save a made-up round (see :func:`try_save`) and insist that it was saved."""
    result = try_save(store, player_id, **how)  # type: ignore[arg-type]
    assert not isinstance(result, SaveFailed), result.message
    return result


def add_player(store: Store, name: str) -> Player:
    """Create the player ``name`` and insist that it was created."""
    player = store.create_player(name)
    assert isinstance(player, Player)
    return player


def save_class_game(
    store: Store,
    teams: Sequence[tuple[str, Sequence[int], int]],
    *,
    pack_id: str = "solar-system",
    played_at: datetime = MONDAY_9AM,
    mode: str = "turns",
    medal: str | None = None,
) -> SavedClassGame:
    """Save a made-up class game of ``teams`` (name, member ids, score), the first team's
    guess ending it, and insist that it was saved."""
    summaries = tuple(make_summary(pack_id=pack_id, score=score) for _, _, score in teams)
    summary = ClassSummary(
        pack_id=pack_id,
        mystery_index=0,
        mystery_answer="Saturn",
        seed=7,
        mode=mode,
        outcome=RoundOutcome.GUESSED,
        guessed_by=0,
        total_tiles=12,
        hidden_at_end=7,
        questions_asked=4,
        contestants=summaries,
    )
    places = summary.places()
    saved = store.save_class_game(
        summary,
        [
            TeamResult(n, name, n, tuple(members), summaries[n], places[n], medal, ("first-light",))
            for n, (name, members, _) in enumerate(teams)
        ],
        setup={"made": "by the tests"},
        pack_sha256="0" * 64,
        mystery_image="saturn.png",
        played_at=played_at,
    )
    assert not isinstance(saved, SaveFailed), saved.message
    return saved
