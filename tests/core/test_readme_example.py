"""The worked examples in README.md's "How scoring works", played through the real core."""

from __future__ import annotations

from pathlib import Path

import pytest

from clarity.core.round import Phase, Round
from clarity.core.scoring import ScoringRules
from clarity.core.trophies import (
    MEDAL_SHARES,
    Tier,
    TrophyTracker,
    medal_percent,
    medal_points,
    medal_share,
    medal_yardstick,
)

from .factories import build_pack, right_response, wrong_response

README = Path(__file__).resolve().parents[2] / "README.md"
MEDALS = sorted(MEDAL_SHARES, key=lambda item: item[1])  # bronze first, as the README says


def new_round(rules: ScoringRules) -> tuple[Round, TrophyTracker]:
    tracker = TrophyTracker()
    played = Round(build_pack(questions=10, grid="4x5"), seed=7, rules=rules, observers=[tracker])
    return played, tracker


def play_example(rules: ScoringRules) -> tuple[Round, TrophyTracker]:
    played, tracker = new_round(rules)
    for seconds in (4, 10, 3):
        assert played.question is not None
        played.answer(right_response(played.question), seconds)
        played.next_question()
    assert played.question is not None
    played.answer(wrong_response(played.question), 6)
    played.guess_image("Big Ben", 2)
    played.guess_image("Eiffel Tower", 5)
    return played, tracker


def play_early_guess(*, wrong_guess_first: bool) -> tuple[Round, TrophyTracker]:
    played, tracker = new_round(ScoringRules())
    if wrong_guess_first:
        played.guess_image("Big Ben", 3)  # while the first question is on screen
    assert played.question is not None
    played.answer(right_response(played.question), 4)
    played.guess_image("Eiffel Tower", 2)
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
    assert summary.best_possible == 16500  # the whole round, every question asked
    # ended after four answers: 1000 + 1100 + 1200 + 1300, then 1000 + 16 x 200
    assert summary.best_by_end == medal_yardstick(summary) == 4600 + 4200 == 8800
    assert summary.penalty_waived == 0  # the score was 2875 when "Big Ben" cost 300
    assert medal_share(summary) == pytest.approx(0.7926, abs=1e-4)
    assert medal_percent(summary) == 79
    assert tracker.medal is Tier.GOLD
    assert {t.trophy_id for t in tracker.earned} == {"first-light", "sharp-eye", "gold-medal"}


def test_the_readme_example_without_the_timer() -> None:
    played, _ = play_example(ScoringRules(timer=False))
    assert played.score == 5900


def test_the_readme_early_guess_example_wins_gold() -> None:
    played, tracker = play_early_guess(wrong_guess_first=True)
    summary = played.summary
    assert summary is not None
    assert [g.points.total for g in summary.guesses] == [0, 4800]  # -300 cut to the score, 0
    assert [a.points.total for a in summary.answers] == [900]
    assert summary.score == 5700
    assert summary.hidden_at_guess == 19
    assert summary.best_by_end == 1000 + 4800 == 5800
    assert summary.penalty_waived == 300
    assert medal_points(summary) == 5400
    assert medal_share(summary) == pytest.approx(0.9310, abs=1e-4)
    assert medal_percent(summary) == 93
    assert summary.best_possible == 16500
    assert summary.share_of_best == pytest.approx(0.3455, abs=1e-4)  # the old measure: none
    assert tracker.medal is Tier.GOLD
    assert {t.trophy_id for t in tracker.earned} == {"first-light", "sharp-eye", "gold-medal"}


def test_the_readme_early_guess_without_the_wrong_guess() -> None:
    played, tracker = play_early_guess(wrong_guess_first=False)
    summary = played.summary
    assert summary is not None
    assert summary.score == 5700
    assert summary.penalty_waived == 0
    assert medal_share(summary) == pytest.approx(0.9828, abs=1e-4)
    assert tracker.medal is Tier.GOLD


def test_the_readme_states_the_figures_the_test_checks() -> None:
    text = README.read_text(encoding="utf-8")
    for figure in (
        "**6975**",
        "**8800**",
        "6975 / 8800 = 79.3%, a **gold** medal",
        "could give 16 500",
        "= 5900",
        "**5700**",
        "**5800**",
        "(5700 − 300) / 5800 = 93.1%, a **gold** medal",
        "5700 / 5800 = 98.3%",
        "34.5%, no medal",
        "79.3% shows as 79%",
    ):
        assert figure in text, figure
    thresholds = ", ".join(f"{tier.value} from {round(100 * share)}%" for tier, share in MEDALS)
    assert thresholds in " ".join(text.split())  # as the README's paragraph words it
