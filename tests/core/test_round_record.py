"""What a round records and shows of each answer: the question it answered, the longest
streak, the right answer as text, and the words a true/false question takes."""

from __future__ import annotations

from typing import Any

import pytest

from clarity.core.events import AnswerGiven, QuestionAsked
from clarity.core.packs.models import Pack
from clarity.core.round import Phase, Round, right_answer_text
from clarity.core.scoring import ScoringRules

from .factories import MYSTERY_ANSWER, build_pack, wrong_response

MIXED = build_pack(questions=6, grid="4x5", kinds=("typed", "choice", "truefalse"))
# Question 0 of a true/false pack is true, question 1 false.
TRUE_FALSE = build_pack(questions=2, grid="1x2", kinds=("truefalse",))


def answered_round(pattern: str, seed: int = 3) -> tuple[Round, list[Any]]:
    """A round of MIXED answered by ``pattern``: R right, W wrong, one letter a question."""
    events: list[Any] = []
    played = Round(MIXED, seed=seed, observers=[events.append])
    for move in pattern:
        question = played.question
        played.answer(question.answer if move == "R" else wrong_response(question), seconds=1)
        played.next_question()
    return played, events


def true_false_question(answer: bool) -> Round:
    """A round whose question in view is TRUE_FALSE's question with ``answer``."""
    for seed in range(20):
        played = Round(TRUE_FALSE, seed=seed)
        if played.question.answer is answer:
            return played
    raise AssertionError("no seed asks it first")


# -- the question each answer answered ----------------------------------------------------


def written(question: Any) -> tuple[Any, ...]:
    """A question as its pack writes it, whatever order its choices are shown in."""
    return (question.id, question.prompt, sorted(getattr(question, "choices", ())))


def written_all(questions: list[Any]) -> list[tuple[Any, ...]]:
    return [written(q) for q in questions]


@pytest.mark.parametrize("seed", range(4))
def test_each_answer_names_the_question_that_was_asked(seed: int) -> None:
    events: list[Any] = []
    played = Round(MIXED, seed=seed, observers=[events.append])
    in_view = []
    while played.phase is Phase.ASKING:
        in_view.append(played.question)
        played.answer(played.question.answer, seconds=1)
        played.next_question()
    asked = [e for e in events if isinstance(e, QuestionAsked)]
    given = [e for e in events if isinstance(e, AnswerGiven)]
    # the question as shown is the pack's own, its choices in the order dealt
    assert [written(MIXED.questions[e.question_index]) for e in asked] == written_all(in_view)
    assert [written(MIXED.questions[e.question_index]) for e in given] == written_all(in_view)
    assert [e.question_id for e in given] == [q.id for q in in_view]
    assert [e.number for e in given] == list(range(1, len(in_view) + 1))
    assert sorted(e.question_index for e in given) == list(range(len(MIXED.questions)))


# -- the longest streak ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "longest"),
    [("", 0), ("W", 0), ("WWW", 0), ("R", 1), ("RRWR", 2), ("RWRRR", 3), ("RRRWW", 3)],
)
def test_the_longest_streak_is_the_longest_run_of_right_answers(pattern: str, longest: int) -> None:
    played, _ = answered_round(pattern)
    assert played.longest_streak == longest
    played.guess_image(MYSTERY_ANSWER, seconds=1)
    assert played.summary.longest_streak == longest
    assert played.summary.right == pattern.count("R")
    assert played.summary.wrong == pattern.count("W")


def test_a_round_with_no_right_answer_has_no_streak_at_all() -> None:
    played, _ = answered_round("WW")
    played.guess_image("Big Ben", seconds=1)
    assert (played.streak, played.longest_streak) == (0, 0)


# -- the right answer as the screen shows it ---------------------------------------------


@pytest.mark.parametrize(("answer", "text"), [(True, "True"), (False, "False")])
def test_the_right_answer_of_a_true_false_question_reads_true_or_false(
    answer: bool, text: str
) -> None:
    played = true_false_question(answer)
    assert str(right_answer_text(played.question)) == text  # the English of a Message
    result = played.answer(not answer, seconds=1)
    assert not result.event.right
    assert str(result.right_answer) == text


def test_the_right_answer_of_a_typed_or_choice_question_is_its_answer_as_written() -> None:
    played = Round(MIXED, seed=3)
    seen = set()
    while played.phase is Phase.ASKING:
        question = played.question
        result = played.answer(wrong_response(question), seconds=1)
        if question.type != "truefalse":
            assert result.right_answer == question.answer
            assert right_answer_text(question) == question.answer
            seen.add(question.type)
        played.next_question()
    assert seen == {"typed", "choice"}


def test_the_right_answer_is_shown_after_a_timeout_too() -> None:
    played = true_false_question(False)
    assert str(played.answer(None, seconds=20).right_answer) == "False"


# -- the words a true/false question takes -------------------------------------------------

TRUE_WORDS = ["true", "t", "yes", "y", "TRUE", "True", "Yes", "Y", "T", "  yes ", "\ttrue\n"]
FALSE_WORDS = ["false", "f", "no", "n", "FALSE", "False", "No", "N", "F", "  no ", "\tfalse\n"]
NOT_AN_ANSWER = ["", " ", "maybe", "tru", "yess", "ye", "nope", "1", "0", "true false", "ja"]


@pytest.mark.parametrize("word", TRUE_WORDS)
def test_a_word_for_true_answers_a_true_statement_and_not_a_false_one(word: str) -> None:
    assert true_false_question(True).answer(word, seconds=1).event.right
    assert not true_false_question(False).answer(word, seconds=1).event.right


@pytest.mark.parametrize("word", FALSE_WORDS)
def test_a_word_for_false_answers_a_false_statement_and_not_a_true_one(word: str) -> None:
    assert true_false_question(False).answer(word, seconds=1).event.right
    assert not true_false_question(True).answer(word, seconds=1).event.right


@pytest.mark.parametrize("word", NOT_AN_ANSWER)
def test_any_other_word_answers_neither_true_nor_false(word: str) -> None:
    for answer in (True, False):
        result = true_false_question(answer).answer(word, seconds=1)
        assert not result.event.right
        assert result.tile is None


@pytest.mark.parametrize("answer", [True, False])
def test_a_true_false_pick_is_recorded_as_its_word(answer: bool) -> None:
    played = true_false_question(answer)
    assert played.answer(answer, seconds=1).event.response == ("true" if answer else "false")


# -- what each answer and guess carries ------------------------------------------------------


@pytest.mark.parametrize("pick", [True, False])
def test_a_true_false_pick_never_answers_a_typed_or_choice_question(pick: bool) -> None:
    played = Round(MIXED, seed=3)
    kinds = set()
    while played.phase is Phase.ASKING:
        question = played.question
        if question.type != "truefalse":
            assert not played.answer(pick, seconds=1).event.right
            kinds.add(question.type)
        else:
            played.answer(question.answer, seconds=1)
        played.next_question()
    assert kinds == {"typed", "choice"}


def test_the_explanation_comes_with_the_answer_right_or_wrong() -> None:
    data = build_pack(questions=2, grid="1x2").model_dump(mode="json")
    for n, question in enumerate(data["questions"]):
        question["explain"] = f"Because of reason {n}."
    played = Round(Pack.model_validate(data), seed=1)
    first = played.question
    assert played.answer(first.answer, seconds=1).explain == f"Because of reason {first.id[1:]}."
    played.next_question()
    second = played.question
    assert played.answer("no idea", seconds=1).explain == f"Because of reason {second.id[1:]}."


def test_a_guess_is_recorded_as_it_was_typed() -> None:
    played = Round(MIXED, seed=3)
    wrong = played.guess_image("  big BEN ", seconds=1)
    right = played.guess_image("the eiffel tower!", seconds=2)
    assert (wrong.guess, right.guess) == ("  big BEN ", "the eiffel tower!")
    assert [g.guess for g in played.summary.guesses] == ["  big BEN ", "the eiffel tower!"]


def test_time_is_kept_to_the_millisecond() -> None:
    played = Round(MIXED, seed=3)
    assert played.answer(played.question.answer, seconds=1.23456).event.seconds == 1.235
    assert played.guess_image("Big Ben", seconds=0.0004).seconds == 0.0
    assert played.guess_image(MYSTERY_ANSWER, seconds=2.0006).seconds == 2.001


def test_the_time_played_is_every_answer_and_guess_added_up() -> None:
    played = Round(MIXED, seed=3)
    played.answer(played.question.answer, seconds=1.25)
    played.next_question()
    played.answer(None, seconds=20.5)
    played.guess_image("Big Ben", seconds=0.125)
    played.next_question()
    played.guess_image(MYSTERY_ANSWER, seconds=3.5)
    assert played.summary.seconds_played == 1.25 + 20.5 + 0.125 + 3.5 == 25.375


def test_a_round_has_its_summary_only_once_it_has_ended() -> None:
    played = Round(MIXED, seed=42, rules=ScoringRules(timer=False, streaks=False))
    assert played.summary is None
    played.answer(played.question.answer, seconds=1)
    assert played.summary is None
    played.guess_image(MYSTERY_ANSWER, seconds=1)
    summary = played.summary
    assert (summary.pack_id, summary.mystery_index, summary.mystery_answer) == (
        "test-pack",
        0,
        MYSTERY_ANSWER,
    )
    assert (summary.seed, summary.timer, summary.streaks) == (42, False, False)


def test_an_observer_subscribed_later_hears_what_happens_from_then_on() -> None:
    played = Round(MIXED, seed=3)
    heard: list[Any] = []
    played.subscribe(heard.append)
    result = played.answer(played.question.answer, seconds=1)
    assert heard[0] == result.event
    assert len(heard) == 2  # the answer and the tile it uncovered
