"""A saved round comes back as it was: on the mystery it was playing, from every snapshot
version the game ever wrote (kept here frozen, as those versions wrote them)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from clarity.core.packs.models import Pack
from clarity.core.round import Phase, Round
from clarity.core.scoring import ScoringRules

from .factories import MYSTERY_ANSWER, build_pack, typed_answer


def two_mysteries() -> Pack:
    """Six typed questions over two mysteries that differ in answer and grid."""
    data = build_pack(questions=6, grid="4x5", mysteries=2).model_dump(mode="json")
    data["rounds"][1] = {"image": "big-ben.png", "answer": "Big Ben", "grid": "2x3"}
    return Pack.model_validate(data)


TWO = two_mysteries()


def through_json(played: Round) -> Round:
    return Round.restore(played.pack, json.loads(json.dumps(played.snapshot())))


# -- the mystery -------------------------------------------------------------------


def test_a_resumed_second_round_plays_the_second_mystery_not_the_first() -> None:
    played = Round(TWO, mystery_index=1, seed=7)
    played.answer(played.question.answer, seconds=2)
    played.next_question()
    assert played.snapshot()["mystery_index"] == 1
    restored = through_json(played)
    assert restored.mystery_index == 1
    assert restored.mystery.answer == "Big Ben"
    assert (restored.board.rows, restored.board.cols) == (2, 3)
    assert restored.board.uncovered_tiles == played.board.uncovered_tiles
    assert restored.question == played.question
    assert restored.guess_image("big ben", seconds=1).right
    assert restored.summary.mystery_index == 1
    assert restored.summary.mystery_answer == "Big Ben"


def test_a_resumed_round_keeps_its_seed() -> None:
    played = Round(TWO, seed=123456)
    restored = through_json(played)
    assert restored.seed == 123456
    assert restored.board.uncovered_tiles == ()
    restored.answer(restored.question.answer, seconds=1)
    played.answer(played.question.answer, seconds=1)
    assert restored.board.uncovered_tiles == played.board.uncovered_tiles


# -- snapshots of earlier versions, frozen: never update these ---------------------------

# Four questions on a 2x2 grid, 20 s each; with seed 5 the round asks q2 (typed,
# "Answer number 2"), then q3 (false), then q1 (false), then q0.
OLD_PACK = build_pack(questions=4, grid="2x2", time_limit=20, kinds=("typed", "truefalse"))


def first_version_1(*, timer: bool, streaks: bool) -> dict[str, Any]:
    """A snapshot as version 1 first wrote it: only the timer and streak switches of the
    rules, no question clock, a true/false answer saved as its word."""
    return {
        "version": 1,
        "pack_id": "test-pack",
        "mystery_index": 0,
        "seed": 5,
        "timer": timer,
        "streaks": streaks,
        "actions": [["answer", typed_answer(2), 3.0], ["next"], ["answer", "false", 4.0], ["next"]],
    }


# Version 1 once it kept every rule (before the time scale existed).
VERSION_1_WITH_RULES = {
    "version": 1,
    "pack_id": "test-pack",
    "mystery_index": 0,
    "seed": 5,
    "timer": True,
    "streaks": True,
    "rules": {
        "base": 100,
        "streak_step": 10,
        "streak_cap": 500,
        "image_base": 1000,
        "image_per_hidden_tile": 200,
        "wrong_guess_penalty": 300,
        "timer": True,
        "streaks": True,
    },
    "actions": [["answer", typed_answer(2), 5.0], ["next"], ["answer", "yes", 10.0]],
}

# Version 2: the clock of the question in view, still no time scale.
VERSION_2 = {
    "version": 2,
    "pack_id": "test-pack",
    "mystery_index": 0,
    "seed": 5,
    "timer": True,
    "streaks": True,
    "rules": {
        "base": 500,
        "streak_step": 100,
        "streak_cap": 500,
        "image_base": 1000,
        "image_per_hidden_tile": 200,
        "wrong_guess_penalty": 300,
        "timer": True,
        "streaks": True,
    },
    "actions": [["answer", typed_answer(2), 2.0], ["next"]],
    "question_seconds": 8.0,
}


@pytest.mark.parametrize(
    ("timer", "streaks", "score"),
    [
        (False, True, 500 + (500 + 100)),  # no time bonus; the second in a row earns 100
        (True, False, (500 + 425) + (500 + 400)),  # 500 x (1 - 3/20) and 500 x (1 - 4/20)
    ],
)
def test_a_first_version_1_snapshot_restores_with_its_switches_at_x1(
    timer: bool, streaks: bool, score: int
) -> None:
    restored = Round.restore(OLD_PACK, first_version_1(timer=timer, streaks=streaks))
    assert restored.rules == ScoringRules(timer=timer, streaks=streaks, time_scale=1.0)
    assert [a.right for a in restored.answers] == [True, True]
    assert restored.score == score
    assert restored.phase is Phase.ASKING
    assert restored.question.id == "q1"
    assert restored.question_number == 3
    assert restored.question_seconds == 0.0  # version 1 kept no clock: the question afresh
    assert restored.board.hidden_count == 2
    assert restored.time_limit == (20 if timer else None)


def test_a_version_1_snapshot_with_every_rule_restores_its_figures_at_x1() -> None:
    restored = Round.restore(OLD_PACK, VERSION_1_WITH_RULES)
    assert restored.rules == ScoringRules(base=100, streak_step=10, time_scale=1.0)
    assert [a.right for a in restored.answers] == [True, False]  # "yes" to a false statement
    assert restored.score == 100 + 75  # base 100, bonus 100 x (1 - 5/20); the wrong one 0
    assert restored.phase is Phase.FEEDBACK
    assert (restored.streak, restored.longest_streak) == (0, 1)


def test_a_version_2_snapshot_restores_its_clock_at_x1_and_plays_on() -> None:
    restored = Round.restore(OLD_PACK, VERSION_2)
    assert restored.rules == ScoringRules()
    assert restored.score == 500 + 450  # 500 x (1 - 2/20)
    assert restored.question.id == "q3"
    assert restored.question_seconds == 8.0
    assert restored.time_left() == 12.0
    result = restored.answer("f")  # at the clock's 8 s: 500 x (1 - 8/20), streak 2: 100
    assert result.event.right
    assert result.event.seconds == 8.0
    assert result.event.points.total == 500 + 300 + 100
    assert restored.score == 950 + 900


def test_an_old_snapshot_plays_on_to_the_end_as_the_game_of_its_day_would() -> None:
    restored = Round.restore(OLD_PACK, first_version_1(timer=False, streaks=True))
    restored.answer("n", seconds=9)  # q1 is false: third in a row, +200
    assert restored.board.hidden_count == 1
    restored.guess_image(MYSTERY_ANSWER, seconds=1)  # 1000 + 200 for the tile still hidden
    assert restored.summary.score == 1100 + 700 + 1000 + 200
    assert restored.summary.longest_streak == 3


def test_a_snapshot_with_a_rule_this_game_does_not_know_is_refused_naming_it() -> None:
    snapshot = Round(OLD_PACK, seed=5).snapshot()
    snapshot["rules"] = {**snapshot["rules"], "bonus_for_neatness": 50}
    with pytest.raises(ValueError, match=r"unknown rules: .*bonus_for_neatness"):
        Round.restore(OLD_PACK, snapshot)
