"""The True or False sprint: its statements, its clock, its score and streaks."""

from __future__ import annotations

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
    points_at_choices,
    refers_to_other_choices,
    sprint_prompt,
    sprint_questions,
    statements_of,
    yes_no_truth,
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
    return build_pack(questions=40, kinds=("choice", "truefalse"))


# --- statements ---------------------------------------------------------------------


def test_every_bundled_statement_is_well_formed(bundled: list[Pack]) -> None:
    for pack in bundled:
        for statement in statements_of(pack, random.Random(7), 200):
            question = pack.questions[statement.question_index]
            text = english_text(statement.text)
            asked = english_text(statement.asked())
            assert question.image is None  # nothing the sprint does not show
            assert statement.prompt in text
            assert statement.prompt in asked
            assert question.prompt.startswith(statement.prompt)
            assert "{" not in text
            assert "{" not in asked
            assert "more than one" not in text.lower()
            assert not points_at_choices(text)
            if isinstance(question, TrueFalseQuestion):
                assert statement.proposed is None
                assert text == question.prompt
                assert statement.truth == question.answer
            else:
                assert isinstance(question, ChoiceQuestion)
                assert statement.proposed is not None
                assert statement.proposed.strip()
                assert statement.proposed in question.choices
                assert text == f"{statement.prompt} — {statement.proposed}"
                assert asked == f"{statement.prompt} — {statement.proposed}: true or false?"
                assert statement.truth == (statement.proposed in question.right_answers)


def test_bundled_questions_left_out_are_the_typed_ones_and_those_pointing_at_choices(
    bundled: list[Pack],
) -> None:
    for pack in bundled:
        plain, choice = sprint_questions(pack)
        assert plain == [i for i, q in enumerate(pack.questions) if q.type == "truefalse"]
        assert choice == [
            i
            for i, q in enumerate(pack.questions)
            if q.type == "choice" and not points_at_choices(q.prompt)
        ]
        assert len(choice) >= 10
    union = next(pack for pack in bundled if pack.id == "union-state")
    prompts = [union.questions[i].prompt for i in sprint_questions(union)[1]]
    assert not [p for p in prompts if "of these" in p.lower()]
    assert "Which two countries form the Union State?" in prompts


def test_bundled_statements_are_true_about_half_the_time_over_seeds(bundled: list[Pack]) -> None:
    for pack in bundled:
        shares = []
        for seed in range(40):
            dealt = statements_of(pack, random.Random(seed), 1000 // 40)
            shares.append(sum(s.truth for s in dealt) / len(dealt))
        overall = sum(shares) / len(shares)
        assert 0.40 <= overall <= 0.60, (pack.id, overall)
        # and it is not the same verdict every time for a choice question
        first_choice = sprint_questions(pack)[1][0]
        truths = {
            s.truth
            for seed in range(20)
            for s in statements_of(pack, random.Random(seed), 300)
            if s.question_index == first_choice
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
    for seed in range(20):
        dealt = statements_of(pack_of(questions), random.Random(seed), 100)
        assert len(dealt) == 14  # each question once
        assert sum(s.truth for s in dealt) == 7  # exactly half true


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


def test_each_question_is_said_once_a_sprint(bundled: list[Pack]) -> None:
    for pack in bundled:
        plain, choice = sprint_questions(pack)
        dealt = statements_of(pack, random.Random(11), 1000)
        assert sorted(s.question_index for s in dealt) == sorted(plain + choice)


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


# --- what a statement may not depend on (the tester's packs) ----------------------------


def ru_pictures_pack() -> Pack:
    """The tester's Russian pack: a picture question, a prompt pointing at its choices, an
    "all of the above", a blank, a yes/no question, and true/false ones (one with a picture)."""
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "ru-pics",
            "title": "Карта и страны",
            "description": "Русский набор с картинками.",
            "language": "ru",
            "rounds": [{"image": "pic.png", "answer": "Беларусь", "grid": "2x2"}],
            "questions": [
                {
                    "id": "what-map",
                    "type": "choice",
                    "image": "pic.png",
                    "prompt": "Какая страна выделена на карте?",
                    "choices": ["Беларусь", "Украина", "Польша", "Литва"],
                    "answer": "Беларусь",
                },
                {
                    "id": "capital",
                    "type": "choice",
                    "prompt": "Какой город — столица Беларуси?",
                    "choices": ["Минск", "Вильнюс", "Рига", "Варшава"],
                    "answer": "Минск",
                },
                {
                    "id": "neighbours",
                    "type": "choice",
                    "prompt": "Какие из этих стран граничат с Беларусью?",
                    "choices": ["Польша", "Латвия", "Германия", "Франция"],
                    "answer": ["Польша", "Латвия"],
                },
                {
                    "id": "all-above",
                    "type": "choice",
                    "prompt": "Что из этого относится к Союзному государству?",
                    "choices": [
                        "Высший Государственный Совет",
                        "Совет Министров",
                        "Парламентское Собрание",
                        "Все перечисленные",
                    ],
                    "answer": "Все перечисленные",
                },
                {
                    "id": "blank",
                    "type": "choice",
                    "prompt": "Договор о создании Союзного государства подписан в ____ году.",
                    "choices": ["1999", "1996", "2005", "1991"],
                    "answer": "1999",
                },
                {
                    "id": "yesno",
                    "type": "choice",
                    "prompt": "Минск больше Бреста?",
                    "choices": ["Да", "Нет"],
                    "answer": "Да",
                },
                {
                    "id": "tf1",
                    "type": "truefalse",
                    "prompt": "У Беларуси нет выхода к морю.",
                    "answer": True,
                },
                {
                    "id": "tf2",
                    "type": "truefalse",
                    "image": "pic.png",
                    "prompt": "На карте выделена Польша.",
                    "answer": False,
                },
            ],
        }
    )


def test_questions_with_a_picture_or_pointing_at_their_choices_are_left_out() -> None:
    pack = ru_pictures_pack()
    ids = [q.id for q in pack.questions]
    plain, choice = sprint_questions(pack)
    assert [ids[i] for i in plain] == ["yesno", "tf1"]
    assert [ids[i] for i in choice] == ["capital", "blank"]
    for seed in range(30):
        dealt = statements_of(pack, random.Random(seed), 100)
        texts = [english_text(s.text) for s in dealt]
        assert len(dealt) == 4
        assert not any("карте" in t or "из этих" in t or "из этого" in t for t in texts)


def test_a_yes_no_choice_question_is_a_plain_statement_whose_verdict_is_the_answer() -> None:
    pack = ru_pictures_pack()
    yesno = next(s for s in statements_of(pack, random.Random(0), 10) if s.question_id == "yesno")
    assert english_text(yesno.text) == "Минск больше Бреста?"
    assert yesno.truth is True
    assert yesno.proposed is None
    assert english_text(yesno.asked()) == "Минск больше Бреста? True or false?"
    for choices, answer, truth in (
        (["Yes", "No"], "No", False),
        (["no.", "YES"], "YES", True),
        (["Так", "Не"], "Так", True),  # Belarusian
        (["Не", "Так"], "Не", False),
        (["Нет", "Да"], "Нет", False),
        (["True", "False"], "False", False),
    ):
        question = pack_of(
            [{"type": "choice", "prompt": "Q?", "choices": choices, "answer": answer}]
        ).questions[0]
        assert isinstance(question, ChoiceQuestion)
        assert yes_no_truth(question) is truth, choices
    for choices, answer in (
        (["Да", "Нет", "Не знаю"], "Не знаю"),  # "don't know" is no yes/no verdict
        (["Yes", "Sometimes", "No"], "Yes"),  # "sometimes" is neither
        (["Minsk", "Brest"], "Minsk"),
    ):
        question = pack_of(
            [{"type": "choice", "prompt": "Q?", "choices": choices, "answer": answer}]
        ).questions[0]
        assert isinstance(question, ChoiceQuestion)
        assert yes_no_truth(question) is None, choices


def test_prompts_pointing_at_their_choices_in_english_russian_and_belarusian() -> None:
    for prompt in (
        "Which of these came first?",
        "Which of these is NOT among the countries that considered joining?",
        "Which of the following is a planet?",
        "Which is the odd one: see the options listed below.",
        "Какие из этих стран граничат с Беларусью?",
        "Что из перечисленного — река?",
        "Какой из городов — столица?",
        "Кто из них был первым?",
        "Які з гэтых гарадоў — сталіца?",
        "Што з пералічанага — рака?",
        "Якія з гарадоў стаяць на Дняпры?",
    ):
        assert points_at_choices(prompt), prompt
    for prompt in (
        "Which planet is closest to the Sun?",
        "Which of the planets is the largest?",  # names its own set
        "Из какого металла сделан Царь-колокол?",
        "Што з'яўляецца сталіцай Беларусі?",  # "з'" begins a word
        "Which two countries form the Union State?",
        "These days, what is the capital of Kazakhstan?",
    ):
        assert not points_at_choices(prompt), prompt


def test_an_instruction_on_how_to_answer_is_dropped_or_leaves_the_question_out() -> None:
    observers = "Which countries hold observer status in the Union State?"
    assert sprint_prompt(f"{observers} (More than one answer is right.)") == observers
    assert sprint_prompt(f"{observers} Select all that apply.") == observers
    assert (
        sprint_prompt("Какие страны граничат с Беларусью? (Несколько правильных ответов)")
        == "Какие страны граничат с Беларусью?"
    )
    assert sprint_prompt("Select all that apply: which are planets?") is None
    assert sprint_prompt("Which planet (the fourth) is red?") == "Which planet (the fourth) is red?"
    pack = pack_of(
        [
            {
                "type": "choice",
                "prompt": f"{observers} (More than one answer is right.)",
                "choices": ["Abkhazia", "South Ossetia", "Norway", "Portugal"],
                "answer": ["Abkhazia", "South Ossetia"],
            }
        ]
    )
    texts = {
        english_text(s.text)
        for seed in range(20)
        for s in statements_of(pack, random.Random(seed), 5)
    }
    assert texts <= {
        f"{observers} — {c}" for c in ("Abkhazia", "South Ossetia", "Norway", "Portugal")
    }
    assert len(texts) > 1


def test_plain_and_choice_statements_together_stay_about_half_true_over_seeds() -> None:
    questions: list[dict[str, Any]] = [
        {"type": "choice", "prompt": f"Is city {i} big?", "choices": ["Да", "Нет"], "answer": "Да"}
        for i in range(5)
    ]
    questions += [
        {
            "type": "choice",
            "prompt": f"Capital {i}?",
            "choices": ["Minsk", "Riga"],
            "answer": "Minsk",
        }
        for i in range(9)
    ]
    shares = [
        sum(s.truth for s in statements_of(pack_of(questions), random.Random(seed), 100)) / 14
        for seed in range(40)
    ]
    assert 0.45 <= sum(shares) / len(shares) <= 0.55


# --- each statement once a sprint -------------------------------------------------------


def tiny_pack() -> Pack:
    """The tester's 3-statement pack, which looped for 103 points in 60 s."""
    return pack_of(
        [
            {"id": "a", "type": "truefalse", "prompt": "The Sun is a star.", "answer": True},
            {"id": "b", "type": "truefalse", "prompt": "The Moon is a planet.", "answer": False},
            {"id": "c", "type": "truefalse", "prompt": "Mars has two moons.", "answer": True},
        ]
    )


def test_a_tiny_pack_ends_the_sprint_when_its_statements_are_used_up() -> None:
    events: list[SprintEvent] = []
    sprint = Sprint(tiny_pack(), SprintRules(), random.Random(1), observers=[events.append])
    sprint.start(0.0)
    seen = []
    for at in (1.0, 2.0, 3.0):
        assert sprint.statement is not None
        seen.append(sprint.statement.question_id)
        outcome = sprint.answer(sprint.statement.truth, at)
    assert sorted(seen) == ["a", "b", "c"]
    assert outcome.ended
    assert sprint.used_up
    assert sprint.total == 3
    assert (sprint.score, sprint.best_streak) == (3, 3)
    assert sprint.time_left(sprint.ended_at or 0.0) == pytest.approx(57.0)
    assert events[-1] == SprintEnded(
        pack_id="sprint-test",
        score=3,
        right=3,
        wrong=0,
        best_streak=3,
        seconds_played=3.0,
        timed=True,
    )
    with pytest.raises(RuntimeError):
        sprint.answer(True, 4.0)


def test_time_running_out_is_not_using_up() -> None:
    sprint = Sprint(tiny_pack(), SprintRules(), random.Random(1))
    sprint.start(0.0)
    assert sprint.check(60.0)
    assert not sprint.used_up


def test_untimed_sprint_ends_at_the_packs_statements_when_fewer_than_its_count() -> None:
    sprint = Sprint(tiny_pack(), SprintRules(seconds=None, count=30), random.Random(2))
    sprint.start(0.0)
    assert sprint.total == 3
    for at in (1.0, 2.0, 3.0):
        assert sprint.statement is not None
        sprint.answer(not sprint.statement.truth, at)
    assert sprint.ended
    assert sprint.used_up
    assert sprint.wrong == 3
