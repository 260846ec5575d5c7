"""The worked example in README.md's "How scoring works", played through the real core."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.round import Phase, Round
from clarity.core.scoring import ScoringRules
from clarity.core.trophies import Tier, TrophyTracker

from .factories import build_pack, right_response, wrong_response

README = Path(__file__).resolve().parents[2] / "README.md"


def play_example(rules: ScoringRules) -> tuple[Round, TrophyTracker]:
    tracker = TrophyTracker()
    played = Round(build_pack(questions=10, grid="4x5"), seed=7, rules=rules, observers=[tracker])
    for seconds in (4, 10, 3):
        assert played.question is not None
        played.answer(right_response(played.question), seconds)
        played.next_question()
    assert played.question is not None
    played.answer(wrong_response(played.question), 6)
    played.guess_image("Big Ben", 2)
    played.guess_image("Eiffel Tower", 5)
    return played, tracker


def test_the_readme_worked_example_scores_as_written() -> None:
    played, tracker = play_example(ScoringRules())
    summary = played.summary
    assert summary is not None
    assert played.phase is Phase.ENDED
    assert [a.points.total for a in summary.answers] == [900, 850, 1125, 0]
    assert [g.points.total for g in summary.guesses] == [-300, 4400]
    assert summary.breakdown.base == 1500
    assert summary.breakdown.time_bonus == 1075
    assert summary.breakdown.streak_bonus == 300
    assert summary.breakdown.image_bonus == 4400
    assert summary.breakdown.penalty == 300
    assert summary.score == 6975
    assert summary.best_possible == 16500
    assert summary.share_of_best == pytest.approx(0.4227, abs=1e-4)
    assert tracker.medal is Tier.BRONZE
    assert {t.trophy_id for t in tracker.earned} == {"first-light", "sharp-eye", "bronze-medal"}


def test_the_readme_example_without_the_timer() -> None:
    played, _ = play_example(ScoringRules(timer=False))
    assert played.score == 5900


def test_the_readme_states_the_figures_the_test_checks() -> None:
    text = README.read_text(encoding="utf-8")
    for figure in ("**6975**", "**16 500**", "42.3%", "= 5900"):
        assert figure in text
