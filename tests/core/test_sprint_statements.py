"""The sprint's statements, kind by kind, in English, Russian and Belarusian: a yes/no reply
never makes a "question — answer" statement, a prompt pointing at its choices (or choices
that are only labels) leaves its question out, and a remark about the answers is dropped
from the end of a prompt or leaves it out when elsewhere. The re-check tester's pack is
written as a file and loaded the way the game loads it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from clarity.core.messages import english_text
from clarity.core.packs.loader import load_pack
from clarity.core.packs.models import ChoiceQuestion, Pack
from clarity.core.sprint import (
    is_label,
    points_at_choices,
    sprint_prompt,
    sprint_questions,
    statements_of,
    yes_no_reply,
    yes_no_truth,
)
from clarity.resources import bundled_assets_dir


def pack_of(questions: list[dict[str, Any]], language: str = "en") -> Pack:
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "sprint-kinds",
            "title": "Sprint kinds",
            "description": "Written by the sprint tests.",
            "language": language,
            "rounds": [{"image": "m.png", "answer": "Owl"}],
            "questions": questions,
        }
    )


def choice(prompt: str, choices: list[str], answer: str | list[str]) -> dict[str, Any]:
    return {"type": "choice", "prompt": prompt, "choices": choices, "answer": answer}


def every_statement(pack: Pack, seeds: int = 30) -> dict[str, bool]:
    """Each statement text any of ``seeds`` sprints deals, with its truth."""
    seen: dict[str, bool] = {}
    for seed in range(seeds):
        for statement in statements_of(pack, random.Random(seed), 100):
            seen[english_text(statement.text)] = statement.truth
    return seen


# --- yes/no replies ---------------------------------------------------------------------

YES_NO_PLAIN = [
    # (prompt, choices, answer, the plain statement's truth)
    ("Is the Moon a star?", ["Yes, it is", "No, it isn't"], "No, it isn't", False),
    ("Is 2 even?", ["Y", "N"], "Y", True),
    ("Is 3 even?", ["No", "Yes", "Not sure"], "No", False),
    (
        "Москва — столица России?",
        ["Да, является", "Нет, не является", "Не знаю"],
        "Да, является",
        True,
    ),
    ("Волга впадает в Чёрное море?", ["Нет, в Каспийское", "Да."], "Нет, в Каспийское", False),
    (
        "Мінск — сталіца Беларусі?",
        ["Так, гэта так", "Не, не з'яўляецца", "Цяжка сказаць"],
        "Так, гэта так",
        True,
    ),
    ("Ці ёсць у Беларусі мора?", ["Не", "Так", "Не ведаю"], "Не", False),
]


@pytest.mark.parametrize(("prompt", "choices", "answer", "truth"), YES_NO_PLAIN)
def test_a_question_answered_by_a_yes_no_reply_is_a_plain_statement(
    prompt: str, choices: list[str], answer: str, truth: bool
) -> None:
    pack = pack_of([choice(prompt, choices, answer)])
    assert sprint_questions(pack) == ([0], [])
    assert every_statement(pack) == {prompt: truth}
    statement = statements_of(pack, random.Random(1), 5)[0]
    assert statement.proposed is None
    assert english_text(statement.asked()) == f"{prompt} True or false?"


@pytest.mark.parametrize(
    ("prompt", "choices", "answer"),
    [
        ("Does it snow in Minsk?", ["Yes", "Sometimes", "No"], "Sometimes"),
        ("Does it snow in Minsk?", ["Yes", "Sometimes", "No"], "Yes"),  # "sometimes" wrong
        ("Холодно ли в Минске?", ["Нет", "Иногда", "Да"], "Да"),
        ("Ці холадна ў Мінску?", ["Так", "Часам", "Не"], "Часам"),
        ("Is 3 even?", ["No", "Yes", "Not sure"], "Not sure"),  # no verdict to say
        ("Are these the same?", ["Yes", "No"], ["Yes", "No"]),  # both right: no verdict
    ],
)
def test_a_yes_no_reply_beside_other_answers_leaves_the_question_out(
    prompt: str, choices: list[str], answer: str | list[str]
) -> None:
    pack = pack_of(
        [choice(prompt, choices, answer), choice("Capital?", ["Minsk", "Riga"], "Minsk")]
    )
    assert sprint_questions(pack) == ([], [1])
    assert not any(text.startswith(prompt) for text in every_statement(pack))


def test_yes_no_replies_are_told_from_answers_that_merely_begin_alike() -> None:
    for reply, says in (
        ("Yes", True),
        ("yes it is", True),
        ("No, it isn't", False),
        ("N", False),
        ("y.", True),
        ("False", False),
        ("Да.", True),
        ("Нет, не является", False),
        ("Ага", True),
        ("Так", True),
        ("Не, не з'яўляецца", False),
        ("Так, гэта праўда", True),
    ):
        assert yes_no_reply(reply) is says, reply
    for answer in (
        "No one knows",
        "Norway",
        "Not sure",
        "True north",
        "Не всегда",
        "Не знаю",
        "Да Винчи",
        "Так называемый",  # Russian "so-called"
        "Не ведаю",
        "Цяжка сказаць",
        "Minsk",
    ):
        assert yes_no_reply(answer) is None, answer
    question = pack_of([choice("Q?", ["Yes", "Yes, twice", "Not sure"], "Yes, twice")])
    assert isinstance(question.questions[0], ChoiceQuestion)
    assert yes_no_truth(question.questions[0]) is True


# --- prompts pointing at their choices --------------------------------------------------


@pytest.mark.parametrize(
    "prompt",
    [
        "Which is the odd one out?",
        "Which of the two is bigger?",
        "Which of the two lives longer?",
        "Which one is a mammal?",
        "Choose the capital of France.",
        "Which answer is correct: 2+2=?",
        "Which picture shows a cat?",
        "Which does not belong: red, blue, dog?",
        "Назовите один из вариантов: столица Франции",
        "Какое слово лишнее?",
        "Выберите столицу России.",
        "Какой город больше из двух?",
        "Назавіце адзін з варыянтаў: сталіца Францыі",
        "Якое слова лішняе?",
        "Выберыце сталіцу Беларусі.",
        "Які горад большы з двух?",
        "Што намалявана на малюнку?",
    ],
)
def test_prompts_pointing_at_their_choices_leave_the_question_out(prompt: str) -> None:
    assert points_at_choices(prompt)
    pack = pack_of(
        [choice(prompt, ["Dog", "Blue"], "Dog"), choice("Capital?", ["Minsk", "Riga"], "Minsk")]
    )
    assert sprint_questions(pack) == ([], [1])


@pytest.mark.parametrize(
    "prompt",
    [
        "Which planet is closest to the Sun?",
        "Who chose the name of the city?",  # "chose" is no order to the student
        "When were the first presidential elections held?",
        "Кто выбрал место для Минска?",
        "Когда прошли первые выборы?",
        "Что такое вариация?",
        "Хто выбраў месца для горада?",
        "Што з'яўляецца сталіцай Беларусі?",
        "Which agreement formalized the community of the two countries?",
        "Из скольких палат состоит парламент из двух частей?",
        "Які горад з двух самых вялікіх стаіць на Дняпры?",
    ],
)
def test_prompts_merely_near_those_words_are_kept(prompt: str) -> None:
    assert not points_at_choices(prompt)


@pytest.mark.parametrize(
    ("prompt", "choices"),
    [
        ("Where is the cat?", ["A", "B"]),
        ("Where is the cat?", ["A)", "B)", "C)"]),
        ("Где кошка?", ["А.", "Б."]),
        ("Дзе кошка?", ["(а)", "(б)"]),
        ("Which line is longer?", ["1)", "2)"]),
    ],
)
def test_choices_that_are_only_labels_leave_the_question_out(
    prompt: str, choices: list[str]
) -> None:
    assert all(is_label(c) for c in choices)
    pack = pack_of(
        [choice(prompt, choices, choices[0]), choice("Capital?", ["Minsk", "Riga"], "Minsk")]
    )
    assert sprint_questions(pack) == ([], [1])


def test_short_answers_that_are_no_labels_are_kept() -> None:
    for answer in ("4", "12", "H2O", "Oslo", "Уф", "A4"):
        assert not is_label(answer), answer


# --- remarks about the answers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "said"),
    [
        ("What is 2+2? (There may be several right answers.)", "What is 2+2?"),
        ("Which are fruits? (Choose two.)", "Which are fruits?"),
        ("What is 2+2? [one answer]", "What is 2+2?"),
        ("Which are primes? Tick all correct answers.", "Which are primes?"),
        ("Столица России? (Выберите все верные.)", "Столица России?"),
        (
            "Какие реки текут в Беларуси? Верных ответов может быть несколько.",
            "Какие реки текут в Беларуси?",
        ),
        ("Сталіца Беларусі? (Можа быць некалькі правільных адказаў.)", "Сталіца Беларусі?"),
        ("Рэкі Беларусі? (Адзначце ўсе.) [2 адказы]", "Рэкі Беларусі?"),
        # a remark that is no instruction stays
        ("Which planet (the fourth) is red?", "Which planet (the fourth) is red?"),
        ("Сколько длится урок (в минутах)?", "Сколько длится урок (в минутах)?"),
        ("Колькі жыхароў у Мінску (у мільёнах)?", "Колькі жыхароў у Мінску (у мільёнах)?"),
    ],
)
def test_a_trailing_remark_about_the_answers_is_dropped(prompt: str, said: str) -> None:
    assert sprint_prompt(prompt) == said
    pack = pack_of([choice(prompt, ["Minsk", "Riga", "Oslo"], "Minsk")])
    assert every_statement(pack).keys() <= {f"{said} — {c}" for c in ("Minsk", "Riga", "Oslo")}


@pytest.mark.parametrize(
    "prompt",
    [
        "(Choose two.) Which are fruits?",
        "What is 2+2 (there may be several right answers) in base 10?",
        "Столица (выберите один вариант) России?",
        "(Можа быць некалькі правільных адказаў.) Сталіца Беларусі?",
        "There may be several right answers. Which are primes?",
        "Правильных ответов несколько. Какие реки текут в Беларуси?",
        # after a plain sentence, the "instruction" is the question itself
        "The Volga flows into a sea. Tick all correct answers.",
    ],
)
def test_a_remark_about_the_answers_elsewhere_leaves_the_question_out(prompt: str) -> None:
    assert sprint_prompt(prompt) is None
    pack = pack_of(
        [choice(prompt, ["Minsk", "Riga"], "Minsk"), choice("Capital?", ["Minsk", "Riga"], "Minsk")]
    )
    assert sprint_questions(pack) == ([], [1])


def test_a_yes_no_question_is_said_without_its_trailing_remark() -> None:
    pack = pack_of([choice("Is 2 even? (Choose one answer.)", ["Y", "N"], "Y")])
    assert every_statement(pack) == {"Is 2 even?": True}


# --- the re-check tester's pack, as a file ----------------------------------------------

TESTERS_PACK = """\
clarity: 1
id: odd
title: Odd statements
description: x
language: en
rounds:
  - image: solar_system/saturn.png
    answer: Saturn
    grid: 1x2
questions:
  - {id: q1, type: choice, prompt: "Which one of the following is a mammal?",
     choices: [Whale, Shark], answer: Whale}
  - {id: q2, type: choice, prompt: "Which is the odd one out?",
     choices: [Red, Blue, Dog], answer: Dog}
  - {id: q3, type: choice, prompt: "Which of the options is a prime number?",
     choices: ["4", "7"], answer: "7"}
  - {id: q5, type: choice, prompt: "Which statement is true?",
     choices: [Water boils at 100 C, Water boils at 50 C], answer: Water boils at 100 C}
  - {id: q6, type: choice, prompt: "Pick one: which are fruits? (Choose two.)",
     choices: [Apple, Pear, Carrot], answer: [Apple, Pear]}
  - {id: q7, type: choice, prompt: "Which are primes? Tick all correct answers.",
     choices: ["2", "3", "4"], answer: ["2", "3"]}
  - {id: q9, type: choice, prompt: "Is Paris the capital of France?",
     choices: ["Yes.", "No."], answer: "Yes."}
  - {id: q10, type: choice, prompt: "Is the Moon a star?",
     choices: ["Yes, it is", "No, it isn't"], answer: "No, it isn't"}
  - {id: q11, type: choice, prompt: "Is 2 even?", choices: ["Y", "N"], answer: "Y"}
  - {id: q12, type: choice, prompt: "Is 3 even?", choices: ["No", "Yes", "Not sure"], answer: "No"}
  - {id: q14, type: choice, prompt: "Which of the two is bigger?",
     choices: [Elephant, Mouse], answer: Elephant}
  - {id: q16, type: choice, prompt: "What is 2+2? (There may be several right answers.)",
     choices: ["4", "5"], answer: "4"}
  - {id: q18, type: choice, prompt: "Which picture shows a cat?", choices: [A, B], answer: A}
  - {id: r3, type: choice, prompt: "Выберите верный ответ: столица России?",
     choices: [Москва, Минск], answer: Москва}
  - {id: r6, type: choice, prompt: "Минск больше Бреста?", choices: [Нет, Да], answer: Да}
  - {id: r8, type: choice, prompt: "Назовите один из вариантов: столица Франции",
     choices: [Париж, Рим], answer: Париж}
"""


def test_the_testers_pack_gives_only_statements_that_read_alone(tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(TESTERS_PACK, encoding="utf-8")
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.problems
    assert every_statement(loaded.pack, seeds=40) == {
        "Is 2 even?": True,
        "Is 3 even?": False,
        "Is Paris the capital of France?": True,
        "Is the Moon a star?": False,
        "Минск больше Бреста?": True,
        "What is 2+2? — 4": True,
        "What is 2+2? — 5": False,
        "Which are primes? — 2": True,
        "Which are primes? — 3": True,
        "Which are primes? — 4": False,
        "Which statement is true? — Water boils at 100 C": True,
        "Which statement is true? — Water boils at 50 C": False,
    }
    # still about half true over a sprint, with five plain statements (three false)
    shares = [
        sum(s.truth for s in statements_of(loaded.pack, random.Random(seed), 100)) / 8
        for seed in range(60)
    ]
    assert 0.4 <= sum(shares) / len(shares) <= 0.6
