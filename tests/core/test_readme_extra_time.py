"""README.md's "Extra time and no time limit": the worked example's round played with x2
(twice as long over each answer) and with no limit, through the real core."""

from __future__ import annotations

from pathlib import Path

from clarity.core.round import Round
from clarity.core.scoring import ScoringRules

from .factories import build_pack, right_response, wrong_response

README = Path(__file__).resolve().parents[2] / "README.md"


def play_example(rules: ScoringRules, slower: float) -> Round:
    """The README's worked example with every answer ``slower`` times as long."""
    played = Round(build_pack(questions=10, grid="4x5"), seed=7, rules=rules)
    for seconds in (4, 10, 3):
        assert played.question is not None
        played.answer(right_response(played.question), seconds * slower)
        played.next_question()
    assert played.question is not None
    played.answer(wrong_response(played.question), 6 * slower)
    played.guess_image("Big Ben", 2)
    played.guess_image("Eiffel Tower", 5)
    return played


def test_twice_the_time_taken_at_x2_scores_as_the_example() -> None:
    single = play_example(ScoringRules(), 1)
    double = play_example(ScoringRules(time_scale=2.0), 2)
    assert [a.seconds for a in double.answers[:3]] == [8, 20, 6]
    assert [a.points.time_bonus for a in double.answers] == [400, 250, 425, 0]
    assert [a.points.total for a in double.answers] == [900, 850, 1125, 0]
    assert double.score == single.score == 6975
    assert double.best_possible == single.best_possible == 16500
    assert double.breakdown == single.breakdown


def test_with_no_limit_every_right_answer_earns_half_the_time_bonus() -> None:
    for slower in (1, 30):  # however long the answers take
        played = play_example(ScoringRules(time_scale=None), slower)
        assert [a.points.time_bonus for a in played.answers] == [250, 250, 250, 0]
        assert [a.points.total for a in played.answers] == [750, 850, 950, 0]
        assert played.score == 6650
        assert played.best_possible == 10 * 750 + 3500 + 3000 == 14000


def test_the_readme_states_the_figures_the_tests_check() -> None:
    text = README.read_text(encoding="utf-8")
    for figure in (
        "500 × (1 − 8/40) = 400",
        "500 × (1 − 20/40) = 250",
        "500 × (1 − 6/40) = 425",
        "the same score, 6975",
        "750 + 850 + 950 + 0 − 300 + 4400 = 6650",
        "10 × 750 + 3500 + 3000 = 14 000",
    ):
        assert figure in text, figure
