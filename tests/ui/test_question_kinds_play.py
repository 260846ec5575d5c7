"""Number questions and choices with several right answers, played in the real App with keys."""

from __future__ import annotations

from pathlib import Path

import pygame

from clarity.core.packs.models import NumberQuestion
from clarity.ui.play.reading import reading_of, spoken_words_for

from .conftest import Pilot
from .test_play import pack_of, start

NUMBER = {
    "id": "grams",
    "type": "number",
    "prompt": "How many grams are in a kilogram?",
    "answer": "1000",
    "explain": "Kilo means a thousand.",
}
SEVERAL = {
    "id": "union",
    "type": "choice",
    "prompt": "Which countries make up the Union State?",
    "choices": ["Belarus", "Poland", "Russia", "Latvia"],
    "answer": ["Belarus", "Russia"],
    "shuffle": False,  # the keys below name the choices in the order written
}


def test_a_number_typed_with_digit_groups_is_right(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [NUMBER]))
    assert play.wants_text  # typed in a field, as a typed question
    pilot.type("1 000")
    assert play.answer_field.text == "1 000"
    pilot.key(pygame.K_RETURN)
    assert play.feedback is not None
    assert play.feedback.event.right
    assert play.feedback.event.response == "1 000"


def test_a_wrong_number_shows_the_right_one(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [NUMBER]))
    pilot.type("-1000")
    pilot.key(pygame.K_RETURN)
    assert play.feedback is not None
    assert not play.feedback.event.right
    assert play.feedback.right_answer == "1000"
    assert "1000" in play.shown_texts()["explain"]


def test_a_number_question_is_read_aloud_asking_for_a_number() -> None:
    question = NumberQuestion.model_validate(NUMBER)
    words = spoken_words_for("en")
    assert reading_of(question, with_answers=True, words=words).endswith("Type a number.")


def test_either_of_two_right_choices_counts_and_both_show_green(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = start(pilot, pack_of(tmp_path, [SEVERAL]))
    pilot.key(pygame.K_c)  # Russia, the second right answer
    assert play.feedback is not None
    assert play.feedback.event.right
    states = [button.state for button in play.answer_buttons]
    assert states == ["right", "dimmed", "right", "dimmed"]


def test_a_wrong_choice_among_several_right_ones_shows_them_all(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = start(pilot, pack_of(tmp_path, [SEVERAL]))
    pilot.key(pygame.K_b)  # Poland
    assert play.feedback is not None
    assert not play.feedback.event.right
    states = [button.state for button in play.answer_buttons]
    assert states == ["right", "wrong", "right", "dimmed"]
    assert str(play.feedback.right_answer) == "Belarus or Russia"
