"""The True or False sprint: its statements, its clock, its score and streaks."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from clarity.core.messages import english_text
from clarity.core.packs.loader import load_packs
from clarity.core.packs.models import ChoiceQuestion, Pack, TrueFalseQuestion
from clarity.core.sprint import (
    Deck,
    Sprint,
    SprintAnswered,
    SprintEnded,
    SprintEvent,
    SprintRules,
    can_sprint,
    refers_to_other_choices,
    sprint_questions,
    statements_of,
)
from clarity.resources import bundled_assets_dir, bundled_questions_dir

from .factories import build_pack


@pytest.fixture(scope="module")
def bundled() -> list[Pack]:
    files = sorted(bundled_questions_dir().glob("*.yaml"))
    loaded = load_packs(files, assets_dir=bundled_assets_dir())
    assert loaded
    assert all(one.ok for one in loaded)
    return [one.pack for one in loaded if one.pack is not None]


def pack_of(questions: list[dict[str, Any]]) -> Pack:
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "sprint-test",
            "title": "Sprint test",
            "description": "Written by the sprint tests.",
            "rounds": [{"image": "m.png", "answer": "Owl"}],
            "questions": questions,
        }
    )


def mixed_pack() -> Pack:
    return build_pack(questions=12, kinds=("choice", "truefalse"))


# --- statements ---------------------------------------------------------------------


def test_every_bundled_statement_is_well_formed(bundled: list[Pack]) -> None:
    for pack in bundled:
        for statement in statements_of(pack, random.Random(7), 200):
            question = pack.questions[statement.question_index]
            text = english_text(statement.text)
            asked = english_text(statement.asked())
            assert question.prompt in text
            assert question.prompt in asked
            assert "{" not in text
            assert "{" not in asked
            if isinstance(question, TrueFalseQuestion):
                assert statement.proposed is None
                assert text == question.prompt
                assert statement.truth == question.answer
            else:
                assert isinstance(question, ChoiceQuestion)
                assert statement.proposed is not None
                assert statement.proposed.strip()
                assert statement.proposed in question.choices
                assert text == f"{question.prompt} — {statement.proposed}"
                assert asked == f"{question.prompt} — {statement.proposed}: true or false?"
                assert statement.truth == (statement.proposed in question.right_answers)


def test_every_bundled_question_but_the_typed_ones_makes_statements(bundled: list[Pack]) -> None:
    for pack in bundled:
        truefalse, choice = sprint_questions(pack)
        assert truefalse == [i for i, q in enumerate(pack.questions) if q.type == "truefalse"]
        assert choice == [i for i, q in enumerate(pack.questions) if q.type == "choice"]


def test_bundled_statements_are_true_about_half_the_time_over_seeds(bundled: list[Pack]) -> None:
    for pack in bundled:
        shares = []
        for seed in range(40):
            dealt = statements_of(pack, random.Random(seed), 1000 // 40)
            shares.append(sum(s.truth for s in dealt) / len(dealt))
        overall = sum(shares) / len(shares)
        assert 0.40 <= overall <= 0.60, (pack.id, overall)
        # and it is not the same verdict every time for a choice question
        truths = {
            s.truth
            for s in statements_of(pack, random.Random(1), 300)
            if s.proposed is not None and s.question_index == sprint_questions(pack)[1][0]
        }
        assert truths == {True, False}


def test_a_pack_leaning_true_makes_its_choice_statements_lean_false() -> None:
    questions: list[dict[str, Any]] = [
        {"type": "truefalse", "prompt": f"Owls are birds ({i}).", "answer": True} for i in range(6)
    ]
    questions += [
        {
            "type": "choice",
            "prompt": f"Which bird hoots ({i})?",
            "choices": ["Owl", "Duck", "Swan"],
            "answer": "Owl",
        }
        for i in range(8)
    ]
    dealt = statements_of(pack_of(questions), random.Random(3), 14 * 20)
    assert sum(s.truth for s in dealt) == 7 * 20  # every pass exactly half true


def test_choices_pointing_at_other_choices_leave_their_question_out() -> None:
    for choice in (
        "All of the above",
        "None of the above.",
        "Both A and B",
        "A and C",
        "1, 3",
        "a, c и d",
        "Both 1 and 2",
        "Neither of them",
        "Все ответы верны",
        "Ни один из вариантов",
        "Усе адказы правільныя",
    ):
        assert refers_to_other_choices(choice), choice
    for choice in (
        "Belarus and Russia",
        "Hydrogen and helium",
        "Foreign Affairs, Economy and Finance",
        "8",
        "1 and 2 more",
        "Mars",
        "A giant storm",
    ):
        assert not refers_to_other_choices(choice), choice
    pack = pack_of(
        [
            {
                "type": "choice",
                "prompt": "Which are planets?",
                "choices": ["Mars", "Venus", "All of the above"],
                "answer": "All of the above",
                "shuffle": False,
            },
            {
                "type": "choice",
                "prompt": "Red planet?",
                "choices": ["Mars", "Venus"],
                "answer": "Mars",
            },
            {"type": "typed", "prompt": "Third planet?", "answer": "Earth"},
        ]
    )
    assert sprint_questions(pack) == ([], [1])
    assert {s.question_index for s in statements_of(pack, random.Random(0), 10)} == {1}


def test_a_pack_of_typed_questions_cannot_make_a_sprint() -> None:
    pack = build_pack(questions=4, kinds=("typed",))
    assert not can_sprint(pack)
    with pytest.raises(ValueError, match="no true/false or choice question"):
        Deck(pack, random.Random(0))


def test_no_question_repeats_until_all_were_shown(bundled: list[Pack]) -> None:
    for pack in bundled:
        truefalse, choice = sprint_questions(pack)
        usable = len(truefalse) + len(choice)
        dealt = statements_of(pack, random.Random(11), usable * 3)
        for start in range(0, usable * 3, usable):
            shown = [s.question_index for s in dealt[start : start + usable]]
            assert sorted(shown) == sorted(truefalse + choice)
        assert all(a.question_index != b.question_index for a, b in itertools.pairwise(dealt))


def test_the_same_seed_replays_the_same_sprint() -> None:
    def play(seed: int) -> list[tuple[str, bool, int]]:
        rules = SprintRules(seconds=None, count=100)
        sprint = Sprint(mixed_pack(), rules, random.Random(seed))
        statement = sprint.start(0.0)
        seen = []
        for step in range(20):
            seen.append((english_text(statement.text), statement.truth, sprint.score))
            sprint.answer(step % 3 != 0, at=step * 0.5)
            assert sprint.statement is not None
            statement = sprint.statement
        return seen

    assert play(5) == play(5)
    assert play(5) != play(6)


# --- the clock, score and streaks ---------------------------------------------------


def right_verdicts(sprint: Sprint, times: list[float]) -> None:
    for at in times:
        assert sprint.statement is not None
        sprint.answer(sprint.statement.truth, at)


def test_time_runs_out_at_60_seconds() -> None:
    events: list[SprintEvent] = []
    sprint = Sprint(mixed_pack(), SprintRules(), random.Random(1), observers=[events.append])
    sprint.start(100.0)
    right_verdicts(sprint, [101.0, 130.0])
    assert sprint.time_left(130.0) == pytest.approx(30.0)
    assert not sprint.check(159.9)
    assert sprint.check(160.0)
    assert sprint.ended
    ended = [e for e in events if isinstance(e, SprintEnded)]
    assert ended == [
        SprintEnded(
            pack_id="test-pack",
            score=2,
            right=2,
            wrong=0,
            best_streak=2,
            seconds_played=60.0,
            timed=True,
        )
    ]


def test_extra_time_stretches_the_sprint() -> None:
    sprint = Sprint(mixed_pack(), SprintRules(time_scale=1.5), random.Random(1))
    sprint.start(0.0)
    assert not sprint.check(89.0)
    outcome = sprint.answer(sprint.statement.truth, 89.0)  # type: ignore[union-attr]
    assert outcome.counted
    assert outcome.time_left == pytest.approx(1.0)
    assert sprint.check(90.0)


def test_an_answer_after_time_ran_out_does_not_count() -> None:
    sprint = Sprint(mixed_pack(), SprintRules(), random.Random(1))
    sprint.start(0.0)
    outcome = sprint.answer(sprint.statement.truth, 61.0)  # type: ignore[union-attr]
    assert not outcome.counted
    assert outcome.ended
    assert sprint.score == 0
    with pytest.raises(RuntimeError):
        sprint.answer(True, 62.0)


def test_a_wrong_answer_costs_five_seconds() -> None:
    events: list[SprintEvent] = []
    sprint = Sprint(mixed_pack(), SprintRules(), random.Random(2), observers=[events.append])
    sprint.start(0.0)
    truth = sprint.statement.truth  # type: ignore[union-attr]
    outcome = sprint.answer(not truth, 10.0)
    assert not outcome.right
    assert outcome.score == 0
    assert outcome.time_left == pytest.approx(45.0)  # 50 s left, less 5 s
    assert sprint.deadline() == pytest.approx(55.0)
    assert sprint.check(55.0)
    answered = [e for e in events if isinstance(e, SprintAnswered)]
    assert [(e.verdict, e.right, e.score) for e in answered] == [(not truth, False, 0)]


def test_a_wrong_answer_with_less_than_its_cost_left_ends_the_sprint() -> None:
    events: list[SprintEvent] = []
    sprint = Sprint(mixed_pack(), SprintRules(), random.Random(2), observers=[events.append])
    sprint.start(0.0)
    outcome = sprint.answer(not sprint.statement.truth, 57.0)  # type: ignore[union-attr]
    assert outcome.counted
    assert outcome.ended
    assert outcome.time_left == 0.0
    assert isinstance(events[-1], SprintEnded)
    assert events[-1].seconds_played == pytest.approx(57.0)


def test_streak_and_best_streak() -> None:
    sprint = Sprint(mixed_pack(), SprintRules(), random.Random(3))
    sprint.start(0.0)
    pattern = [True, True, True, False, True, True, False, True]
    streaks = []
    for step, right in enumerate(pattern):
        truth = sprint.statement.truth  # type: ignore[union-attr]
        outcome = sprint.answer(truth if right else not truth, float(step))
        assert outcome.right is right
        streaks.append(outcome.streak)
    assert streaks == [1, 2, 3, 0, 1, 2, 0, 1]
    assert (sprint.best_streak, sprint.score, sprint.wrong) == (3, 6, 2)


def test_untimed_sprint_is_a_fixed_count_of_statements() -> None:
    rules = SprintRules(seconds=None, count=10)
    sprint = Sprint(mixed_pack(), rules, random.Random(4))
    sprint.start(0.0)
    assert sprint.time_left(1e6) is None
    assert not sprint.check(1e6)
    for step in range(10):
        assert not sprint.ended
        outcome = sprint.answer(False, 1e6 + step)  # wrong ones cost no time untimed
    assert outcome.ended
    assert sprint.answered == 10


def test_personal_best() -> None:
    sprint = Sprint(mixed_pack(), SprintRules(), random.Random(5))
    sprint.start(0.0)
    right_verdicts(sprint, [1.0, 2.0, 3.0])
    assert sprint.beats(None)
    assert sprint.beats(2)
    assert not sprint.beats(3)
    assert not sprint.beats(4)
    empty = Sprint(mixed_pack(), SprintRules(), random.Random(5))
    empty.start(0.0)
    assert not empty.beats(None)


def test_rules_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="seconds"):
        SprintRules(seconds=0)
    with pytest.raises(ValueError, match="time_scale"):
        SprintRules(time_scale=0)
    assert SprintRules(time_scale=1.5).duration == pytest.approx(90.0)
    assert SprintRules(seconds=None).duration is None
