"""The class game on every device: everyone answers each question at once, the tile rule,
picture guesses, late joins and removals, standings, the end, and replaying a game."""

from __future__ import annotations

import json
from typing import Any

import pytest

from clarity.core.board import Tile
from clarity.core.class_round import ClassRound, RoundError, deal
from clarity.core.events import (
    AnswerAccepted,
    AnswerGiven,
    ClassRoundEnded,
    ImageGuessed,
    Points,
    QuestionAsked,
    RoundOutcome,
    StudentJoined,
    TileUncovered,
)
from clarity.core.live_round import (
    PODIUM_CAP,
    Acceptance,
    LiveAnswer,
    LiveGuess,
    LivePhase,
    LiveRound,
    LiveRules,
    LiveStudent,
    Refusal,
    ResponseCount,
)
from clarity.core.packs.models import Pack
from clarity.core.scoring import ScoringRules, answer_points
from clarity.core.trophies import ClassTrophyTracker, medal_for

from .factories import MYSTERY_ANSWER, build_pack, right_response, typed_answer, wrong_response

PACK = build_pack(questions=6, grid="3x3", time_limit=20, kinds=("typed", "choice", "truefalse"))
TYPED = build_pack(questions=4, grid="2x3", time_limit=20, kinds=("typed",))
SMALL = build_pack(questions=3, grid="2x2", time_limit=20, kinds=("typed",))
WRONG_GUESS = "Big Ben"


def live(
    students: int | tuple[float | None, ...] = 3,
    pack: Pack = PACK,
    heard: list[Any] | None = None,
    **kwargs: Any,
) -> LiveRound:
    round_ = LiveRound(
        pack,
        seed=kwargs.pop("seed", 5),
        observers=[heard.append] if heard is not None else (),
        **kwargs,
    )
    scales = (1.0,) * students if isinstance(students, int) else students
    for n, scale in enumerate(scales):
        round_.join(f"Student {n}", scale)
    return round_


def right(round_: LiveRound) -> str | bool:
    return right_response(round_.question)


def wrong(round_: LiveRound) -> str | bool:
    return wrong_response(round_.question)


def answer_all(round_: LiveRound, rights: list[bool], seconds: float = 2.0) -> None:
    for student, is_right in enumerate(rights):
        given = right(round_) if is_right else wrong(round_)
        taken = round_.answer(student, round_.question_number, given, seconds)
        assert isinstance(taken, LiveAnswer)


def play_question(round_: LiveRound, rights: list[bool], seconds: float = 2.0) -> None:
    answer_all(round_, rights, seconds)
    round_.close_question(seconds)


# -- the questions -------------------------------------------------------------------


def test_first_question_is_asked_at_once_to_everybody() -> None:
    heard: list[Any] = []
    round_ = live(0, heard=heard)
    assert round_.phase is LivePhase.QUESTION
    assert round_.question_number == 1
    assert round_.questions_total == 6
    assert round_.questions_left == 5
    asked = [e for e in heard if isinstance(e, QuestionAsked)]
    assert len(asked) == 1
    assert asked[0].first_chance is None
    assert asked[0].time_limit == 20


def test_questions_and_tiles_follow_the_order_every_round_deals_from_the_seed() -> None:
    board, order = deal(PACK, 0, 11)
    round_ = live(1, seed=11)
    asked = []
    while round_.phase is LivePhase.QUESTION:
        asked.append(round_.question_index)
        play_question(round_, [True])
        assert round_.question_result is not None
        assert round_.question_result.tile == board.uncover_next()
        round_.next_question()
    assert tuple(asked) == order
    class_round = ClassRound(PACK, contestants=2, seed=11)
    assert class_round.question is PACK.questions[order[0]]


def test_students_are_numbered_in_the_order_they_joined_and_announced() -> None:
    heard: list[Any] = []
    round_ = live(0, heard=heard)
    assert [round_.join("Anna"), round_.join("Boris"), round_.join("Anna")] == [0, 1, 2]
    assert [s.name for s in round_.students] == ["Anna", "Boris", "Anna"]
    assert [e for e in heard if isinstance(e, StudentJoined)] == [
        StudentJoined(0, "Anna"),
        StudentJoined(1, "Boris"),
        StudentJoined(2, "Anna"),
    ]


def test_every_student_answers_the_open_question_once() -> None:
    round_ = live(2)
    assert isinstance(round_.answer(0, 1, right(round_), 1.0), LiveAnswer)
    assert round_.answer(0, 1, wrong(round_), 2.0) is Refusal.ALREADY_ANSWERED
    assert round_.answered_count == 1
    assert not round_.everyone_answered
    assert isinstance(round_.answer(1, 1, wrong(round_), 2.0), LiveAnswer)
    assert round_.everyone_answered


def test_answer_to_another_question_is_refused() -> None:
    round_ = live(1)
    assert round_.answer(0, 2, right(round_), 1.0) is Refusal.WRONG_QUESTION
    assert round_.answer(0, 0, right(round_), 1.0) is Refusal.WRONG_QUESTION
    assert round_.answered_count == 0


def test_answer_after_the_close_is_refused() -> None:
    round_ = live(2)
    round_.close_question(20.0)
    assert round_.answer(0, 1, right(round_), 21.0) is Refusal.NOT_OPEN
    round_.next_question()
    assert round_.answer(0, 1, right(round_), 1.0) is Refusal.WRONG_QUESTION


def test_unknown_and_removed_students_may_make_no_move() -> None:
    round_ = live(2)
    round_.remove(1)
    assert round_.answer(5, 1, right(round_), 1.0) is Refusal.UNKNOWN_STUDENT
    assert round_.answer(-1, 1, right(round_), 1.0) is Refusal.UNKNOWN_STUDENT
    assert round_.answer(1, 1, right(round_), 1.0) is Refusal.REMOVED
    assert round_.guess(1, MYSTERY_ANSWER, 1.0) is Refusal.REMOVED
    assert round_.guess(7, MYSTERY_ANSWER, 1.0) is Refusal.UNKNOWN_STUDENT
    round_.end()
    assert round_.answer(0, 1, "anything", 1.0) is Refusal.ROUND_ENDED
    assert round_.guess(0, MYSTERY_ANSWER, 1.0) is Refusal.ROUND_ENDED


@pytest.mark.parametrize(
    ("kind", "response"),
    [
        ("choice", "not a choice"),
        ("choice", True),
        ("truefalse", "maybe"),
        ("typed", ""),
        ("typed", "   "),
        ("typed", False),
    ],
)
def test_a_response_that_does_not_fit_the_question_is_refused(kind: str, response: Any) -> None:
    pack = build_pack(questions=2, kinds=(kind,))
    round_ = live(1, pack=pack)
    assert round_.answer(0, 1, response, 1.0) is Refusal.BAD_CHOICE
    assert round_.answered_count == 0


# -- points ----------------------------------------------------------------------


def test_points_follow_the_scoring_rules_with_speed_and_streaks() -> None:
    round_ = live(1)
    expected = 0
    for streak in (1, 2, 3):
        taken = round_.answer(0, round_.question_number, right(round_), 4.0)
        assert isinstance(taken, LiveAnswer)
        points = answer_points(
            right=True, seconds=4.0, time_limit=20, streak=streak, rules=ScoringRules()
        )
        assert taken.points == points
        assert points.streak_bonus == 100 * (streak - 1)
        round_.close_question(4.0)
        expected += points.total
        assert round_.students[0].score == expected
        assert round_.students[0].streak == streak
        round_.next_question()


def test_points_count_only_when_the_question_closes() -> None:
    round_ = live(1)
    taken = round_.answer(0, 1, right(round_), 1.0)
    assert isinstance(taken, LiveAnswer)
    assert taken.points.total > 0
    assert round_.students[0].score == 0
    assert round_.students[0].answers == []
    round_.close_question(1.0)
    assert round_.students[0].score == taken.points.total


def test_switched_off_speed_and_streaks_earn_the_base_alone() -> None:
    round_ = live(1, rules=ScoringRules(timer=False, streaks=False))
    for _ in range(3):
        play_question(round_, [True], seconds=1.0)
        round_.next_question()
    assert round_.students[0].score == 3 * 500
    assert round_.time_limit is None
    assert round_.closes_at is None


def test_student_with_extra_time_keeps_question_open() -> None:
    round_ = live((1.0, 2.0))
    assert round_.time_limit == 20.0
    assert round_.time_limit_for(0) == 20.0
    assert round_.time_limit_for(1) == 40.0
    assert round_.closes_at == 40.0
    round_.answer(1, 1, right(round_), 5.0)
    assert round_.closes_at == 20.0  # only the x1 student is still to answer


def test_class_time_scale_and_own_extra_time_multiply() -> None:
    round_ = live((2.0,), rules=ScoringRules(time_scale=1.5))
    assert round_.time_limit == 30.0
    assert round_.time_limit_for(0) == 60.0


def test_student_without_a_limit_keeps_the_question_open_until_the_teacher_closes_it() -> None:
    round_ = live((1.0, None))
    assert round_.time_limit_for(1) is None
    assert round_.closes_at is None
    round_.answer(1, 1, right(round_), 100.0)
    assert round_.closes_at == 20.0


def test_student_with_extra_time_earns_what_a_quicker_one_does() -> None:
    round_ = live((1.0, 2.0))
    round_.answer(0, 1, right(round_), 4.0)
    round_.answer(1, 1, right(round_), 8.0)
    round_.close_question(8.0)
    assert round_.students[0].score == round_.students[1].score == 500 + 400


def test_late_answer_is_taken_as_a_timeout() -> None:
    round_ = live((1.0, 2.0))
    late = round_.answer(0, 1, right(round_), 25.0)
    in_time = round_.answer(1, 1, right(round_), 25.0)
    assert isinstance(late, LiveAnswer)
    assert late.timed_out
    assert not late.right
    assert late.points == Points()
    assert isinstance(in_time, LiveAnswer)
    assert in_time.right
    assert not in_time.timed_out
    round_.close_question(25.0)
    assert round_.students[0].answers[-1].timed_out
    assert round_.students[0].score == 0
    assert round_.students[1].score > 0


def test_a_student_who_did_not_answer_times_out_and_loses_the_streak() -> None:
    heard: list[Any] = []
    round_ = live(2, heard=heard)
    play_question(round_, [True, True])
    round_.next_question()
    round_.answer(1, 2, right(round_), 3.0)
    round_.close_question(20.0)
    silent = round_.students[0]
    assert silent.streak == 0
    assert silent.longest_streak == 1
    timeout = silent.answers[-1]
    assert timeout.timed_out
    assert timeout.response is None
    assert not timeout.right
    assert timeout.seconds == 20.0
    given = [e for e in heard if isinstance(e, AnswerGiven) and e.number == 2]
    assert [e.contestant for e in given] == [0, 1]  # every active student, in index order


def test_an_answer_at_the_limit_itself_is_in_time() -> None:
    round_ = live((1.0, 2.0))
    at_limit = round_.answer(0, 1, right(round_), 20.0)
    assert isinstance(at_limit, LiveAnswer)
    assert at_limit.right
    assert at_limit.points == Points(base=500)
    at_own_limit = round_.answer(1, 1, right(round_), 40.0)
    assert isinstance(at_own_limit, LiveAnswer)
    assert at_own_limit.right


def test_a_timeout_is_taken_at_the_students_own_limit_when_it_came_first() -> None:
    round_ = live((1.0, 2.0))
    round_.close_question(30.0)
    assert [s.answers[-1].seconds for s in round_.students] == [20.0, 30.0]


# -- the tile rule -------------------------------------------------------------------


def test_tile_uncovered_when_half_of_those_who_answered_are_right() -> None:
    heard: list[Any] = []
    round_ = live(5, heard=heard)
    answer_all(round_, [True, False, True, False])  # student 4 gives no answer
    result = round_.close_question(20.0)
    assert (result.answered, result.right) == (4, 2)
    assert result.tile is not None
    assert round_.board.hidden_count == 8
    assert [e for e in heard if isinstance(e, TileUncovered)] == [
        TileUncovered(result.tile.row, result.tile.col, 8)
    ]
    assert isinstance(heard[-1], TileUncovered)  # after every answer's event


def test_no_tile_when_fewer_than_half_of_those_who_answered_are_right() -> None:
    round_ = live(3)
    answer_all(round_, [True, False, False])
    result = round_.close_question(20.0)
    assert result.tile is None
    assert round_.board.hidden_count == 9


def test_no_tile_when_nobody_answered_in_time() -> None:
    round_ = live(2)
    round_.answer(0, 1, right(round_), 25.0)  # late
    result = round_.close_question(25.0)
    assert result.answered == 0
    assert result.tile is None


def test_late_answers_are_left_out_of_the_tile_rule() -> None:
    round_ = live(3)
    round_.answer(0, 1, right(round_), 3.0)
    round_.answer(1, 1, wrong(round_), 25.0)
    round_.answer(2, 1, wrong(round_), 26.0)
    result = round_.close_question(26.0)
    assert (result.answered, result.right) == (1, 1)
    assert result.tile is not None


@pytest.mark.parametrize(
    ("share", "rights", "tile"),
    [
        (1.0, [True, True, True, False], False),
        (1.0, [True, True, True], True),
        (0.75, [True, True, True, False], True),
        (0.75, [True, True, False, False], False),
        (0.25, [True, False, False, False], True),
        (0.3, [True, False, False, False], False),
    ],
)
def test_the_teacher_can_change_the_share_that_uncovers_a_tile(
    share: float, rights: list[bool], tile: bool
) -> None:
    round_ = live(len(rights), live_rules=LiveRules(tile_share=share))
    answer_all(round_, rights)
    assert (round_.close_question(5.0).tile is not None) is tile


@pytest.mark.parametrize("share", [0, -0.5, 1.01, float("nan"), float("inf"), True, "half"])
def test_a_tile_share_outside_0_to_1_is_refused(share: Any) -> None:
    with pytest.raises(ValueError, match="tile share"):
        LiveRules(tile_share=share)


def test_one_tile_at_most_per_question() -> None:
    round_ = live(4)
    play_question(round_, [True] * 4)
    assert round_.board.hidden_count == 8


# -- the class -----------------------------------------------------------------------


def test_late_joiner_may_answer_the_open_question() -> None:
    round_ = live(1)
    play_question(round_, [True])
    round_.next_question()
    late = round_.join("Late")
    assert round_.students[late].joined_at == 2
    assert not round_.everyone_answered
    assert isinstance(round_.answer(late, 2, right(round_), 3.0), LiveAnswer)
    round_.answer(0, 2, right(round_), 3.0)
    round_.close_question(3.0)
    assert len(round_.students[late].answers) == 1
    assert round_.students[late].answers[0].number == 2


def test_nobody_joins_a_round_that_has_ended() -> None:
    round_ = live(1)
    round_.end()
    with pytest.raises(RoundError):
        round_.join("Too late")


def test_a_bad_extra_time_is_refused() -> None:
    round_ = live(0)
    with pytest.raises(ValueError, match="time scale"):
        round_.join("Anna", 0)


def test_removed_student_is_left_out_of_everyone_answered_and_the_tile_rule() -> None:
    round_ = live(3)
    round_.answer(0, 1, right(round_), 2.0)
    round_.answer(1, 1, wrong(round_), 2.0)
    round_.answer(2, 1, wrong(round_), 2.0)
    round_.remove(2)
    assert round_.active_students == (0, 1)
    assert round_.answered_count == 2
    assert round_.everyone_answered
    result = round_.close_question(2.0)
    assert (result.answered, result.right) == (2, 1)
    assert result.tile is not None
    assert round_.students[2].removed
    assert round_.students[2].answers == []
    assert [s.index for s in round_.standings()] == [0, 1]


def test_removing_the_last_one_to_answer_closes_nobody_out() -> None:
    round_ = live(2)
    round_.answer(0, 1, right(round_), 2.0)
    assert not round_.everyone_answered
    assert round_.closes_at == 20.0
    round_.remove(1)
    assert round_.everyone_answered


def test_everyone_answered_is_false_with_nobody_active() -> None:
    round_ = live(1)
    round_.remove(0)
    assert not round_.everyone_answered
    assert round_.closes_at == 20.0


def test_removing_twice_is_one_move() -> None:
    round_ = live(2)
    round_.remove(1)
    taken = round_.actions_taken
    round_.remove(1)
    assert round_.actions_taken == taken
    assert round_.active_students == (0,)


def test_removing_an_unknown_student_is_a_bug_of_the_caller() -> None:
    round_ = live(1)
    with pytest.raises(IndexError):
        round_.remove(3)


# -- the picture ---------------------------------------------------------------------


def test_right_guess_earns_the_bonus_for_the_tiles_hidden_then_and_the_round_goes_on() -> None:
    heard: list[Any] = []
    round_ = live(2, heard=heard)
    play_question(round_, [True, True])
    round_.next_question()
    guessed = round_.guess(1, MYSTERY_ANSWER.lower(), 3.0)
    assert guessed == LiveGuess(1, True, Points(image_bonus=1000 + 200 * 8), 8, False)
    assert round_.phase is LivePhase.QUESTION
    assert round_.students[1].guessed_right
    assert isinstance(round_.answer(1, 2, right(round_), 4.0), LiveAnswer)
    event = [e for e in heard if isinstance(e, ImageGuessed)][-1]
    assert (event.contestant, event.right, event.hidden_tiles) == (1, True, 8)


def test_an_accepted_spelling_of_the_picture_is_right() -> None:
    round_ = live(1)
    guessed = round_.guess(0, "la tour eiffel", 1.0)
    assert isinstance(guessed, LiveGuess)
    assert guessed.right


def test_wrong_guess_costs_the_penalty() -> None:
    round_ = live(1)
    play_question(round_, [True])
    score = round_.students[0].score
    guessed = round_.guess(0, WRONG_GUESS, 3.0)
    assert guessed == LiveGuess(0, False, Points(penalty=300), 8, False)
    assert round_.students[0].score == score - 300


def test_wrong_guess_never_drops_score_below_zero() -> None:
    round_ = live(1, rules=ScoringRules(wrong_guess_penalty=300))
    guessed = round_.guess(0, WRONG_GUESS, 1.0)
    assert isinstance(guessed, LiveGuess)
    assert guessed.points == Points()
    assert round_.students[0].score == 0
    assert round_.students[0].penalty_waived == 300


def test_guess_once_per_question() -> None:
    round_ = live(1)
    assert isinstance(round_.guess(0, WRONG_GUESS, 1.0), LiveGuess)
    assert round_.guess(0, "Another", 2.0) is Refusal.ALREADY_GUESSED
    round_.close_question(20.0)
    # the reveal counts against the question just revealed
    assert round_.guess(0, "Another", 21.0) is Refusal.ALREADY_GUESSED
    round_.next_question()
    assert isinstance(round_.guess(0, "Another", 1.0), LiveGuess)


def test_a_guess_in_the_reveal_takes_the_turn_of_the_question_revealed() -> None:
    round_ = live(1)
    round_.close_question(20.0)
    assert isinstance(round_.guess(0, WRONG_GUESS, 21.0), LiveGuess)
    round_.next_question()
    assert isinstance(round_.guess(0, WRONG_GUESS, 1.0), LiveGuess)


def test_a_student_who_guessed_right_guesses_no_more() -> None:
    round_ = live(1)
    round_.guess(0, MYSTERY_ANSWER, 1.0)
    round_.close_question(5.0)
    round_.next_question()
    assert round_.guess(0, MYSTERY_ANSWER, 1.0) is Refusal.GUESSED_RIGHT


def test_an_empty_guess_is_refused() -> None:
    round_ = live(1)
    assert round_.guess(0, "  ", 1.0) is Refusal.BAD_CHOICE
    assert round_.students[0].guesses == []


def test_right_guessers_are_kept_in_order_and_the_first_is_the_summarys() -> None:
    round_ = live(3)
    round_.guess(2, MYSTERY_ANSWER, 1.0)
    round_.guess(1, WRONG_GUESS, 2.0)
    round_.guess(0, MYSTERY_ANSWER, 3.0)
    assert round_.right_guessers == (2, 0)
    summary = round_.end()
    assert summary.outcome is RoundOutcome.GUESSED
    assert summary.guessed_by == 2
    outcomes = [c.outcome for c in summary.contestants]
    assert outcomes == [RoundOutcome.GUESSED, RoundOutcome.MISSED, RoundOutcome.GUESSED]


def test_questions_running_out_with_tiles_hidden_lead_to_the_final_guess() -> None:
    round_ = live(2, pack=SMALL)  # 3 questions, 4 tiles
    for _ in range(3):
        play_question(round_, [True, False])
        round_.next_question()
    assert round_.phase is LivePhase.FINAL_GUESS
    assert round_.question is None
    assert round_.board.hidden_count == 1
    assert not round_.everyone_guessed
    wrong_final = round_.guess(0, WRONG_GUESS, 1.0)
    assert wrong_final == LiveGuess(0, False, Points(), 1, True)
    assert round_.guess(0, MYSTERY_ANSWER, 2.0) is Refusal.ALREADY_GUESSED
    right_final = round_.guess(1, MYSTERY_ANSWER, 2.0)
    assert right_final == LiveGuess(1, True, Points(image_bonus=1200), 1, True)
    assert round_.everyone_guessed
    assert round_.phase is LivePhase.FINAL_GUESS
    assert round_.end().guessed_by == 1


def test_everyone_guessed_speaks_of_the_final_guess_alone() -> None:
    round_ = live(1, pack=SMALL)
    round_.guess(0, MYSTERY_ANSWER, 1.0)
    assert not round_.everyone_guessed  # a question is open: the round goes on
    round_.close_question(20.0)
    assert not round_.everyone_guessed


def test_a_student_who_guessed_before_the_final_guess_need_not_guess_again() -> None:
    round_ = live(2, pack=SMALL)
    round_.guess(0, MYSTERY_ANSWER, 1.0)
    for _ in range(3):
        play_question(round_, [False, False])
        round_.next_question()
    assert not round_.everyone_guessed
    round_.guess(1, WRONG_GUESS, 1.0)
    assert round_.everyone_guessed


def test_round_ends_when_every_tile_is_uncovered() -> None:
    heard: list[Any] = []
    pack = build_pack(questions=5, grid="1x2")
    round_ = live(1, pack=pack, heard=heard)
    play_question(round_, [True])
    round_.next_question()
    play_question(round_, [True])
    assert round_.board.all_uncovered
    assert round_.phase is LivePhase.REVEAL
    round_.next_question()
    assert round_.phase is LivePhase.ENDED
    assert isinstance(heard[-1], ClassRoundEnded)
    assert heard[-1].summary.questions_asked == 2


# -- accepting an answer after the reveal ------------------------------------------------


def test_accepting_an_answer_scores_it_at_its_own_time_and_streak_for_everyone_who_gave_it() -> (
    None
):
    heard: list[Any] = []
    round_ = live(4, pack=TYPED, heard=heard)
    play_question(round_, [True, True, False, False])
    round_.next_question()
    round_.answer(0, 2, right(round_), 2.0)
    round_.answer(1, 2, "Spelt  Otherwise", 6.0)
    round_.answer(2, 2, "spelt otherwise", 8.0)
    round_.answer(3, 2, "quite wrong", 3.0)
    result = round_.close_question(8.0)
    assert (result.right, result.tile) == (1, None)  # 1 of 4
    assert round_.accept_answer("Spelt otherwise") == 2
    assert round_.accepted == {round_.question_index: ("Spelt otherwise",)}
    rules = ScoringRules()
    streak_two = answer_points(right=True, seconds=6.0, time_limit=20, streak=2, rules=rules)
    streak_one = answer_points(right=True, seconds=8.0, time_limit=20, streak=1, rules=rules)
    assert round_.students[1].answers[-1].points == streak_two
    assert round_.students[1].streak == 2
    assert round_.students[1].answers[-1].right
    assert round_.students[2].answers[-1].points == streak_one
    assert round_.students[2].streak == 1
    assert round_.students[3].streak == 0
    assert not round_.students[3].answers[-1].right
    result = round_.question_result
    assert result is not None
    assert result.right == 3
    assert result.tile is not None
    accepted = [e.answer.contestant for e in heard if isinstance(e, AnswerAccepted)]
    assert accepted == [1, 2]
    assert isinstance(heard[-1], TileUncovered)
    student = round_.result_for(1)
    assert student is not None
    assert student.right
    assert student.points == streak_two


def test_accepting_leaves_late_and_right_answers_as_they_were() -> None:
    round_ = live(2, pack=TYPED)
    round_.answer(0, 1, "spelt otherwise", 25.0)  # late
    round_.answer(1, 1, right(round_), 2.0)
    round_.close_question(25.0)
    assert round_.accept_answer("spelt otherwise") == 0
    assert round_.students[0].score == 0


def test_accepting_twice_keeps_one_text_and_one_tile() -> None:
    round_ = live(2, pack=TYPED)
    round_.answer(0, 1, "spelt otherwise", 2.0)
    round_.answer(1, 1, "spelt otherwise", 2.0)
    round_.close_question(2.0)
    assert round_.accept_answer("Spelt otherwise") == 2
    assert round_.accept_answer("Spelt otherwise") == 0
    assert round_.accepted == {round_.question_index: ("Spelt otherwise",)}
    assert round_.board.hidden_count == 5


def test_an_answer_is_accepted_only_at_the_reveal_of_a_typed_question() -> None:
    round_ = live(1, pack=TYPED)
    with pytest.raises(RoundError):
        round_.accept_answer("anything")
    choices = live(1, pack=build_pack(questions=2, kinds=("choice",)))
    choices.close_question(20.0)
    with pytest.raises(RoundError):
        choices.accept_answer("anything")


# -- what the class sees -------------------------------------------------------------


def test_the_reveal_counts_each_choice_and_truth() -> None:
    round_ = live(4, pack=build_pack(questions=2, kinds=("choice",)))
    for student, choice in enumerate(["right", "wrong one", "right", "wrong two"]):
        round_.answer(student, 1, choice, 2.0)
    result = round_.close_question(2.0)
    given = {"right": 2, "wrong one": 1, "wrong two": 1}
    # counted in the order the choices are shown, as the projector draws them
    assert result.choice_counts == tuple(given[c] for c in round_.choices_shown)
    assert result.responses == ()
    assert result.right_answer == "right"
    truths = live(3, pack=build_pack(questions=2, kinds=("truefalse",)))
    for student, truth in enumerate([True, False, True]):
        truths.answer(student, 1, truth, 2.0)
    assert truths.close_question(2.0).truth_counts == (1, 2)


def test_the_reveal_counts_typed_responses_most_given_first() -> None:
    round_ = live(5, pack=TYPED)
    answer = typed_answer(round_.question_index or 0)
    for student, text in enumerate([answer, "Paris", " paris", "PARIS ", answer]):
        round_.answer(student, 1, text, 2.0)
    result = round_.close_question(2.0)
    assert result.responses == (
        ResponseCount("Paris", 3, False),
        ResponseCount(answer, 2, True),
    )


def test_standings_share_places_when_scores_are_equal() -> None:
    round_ = live(4)
    answer_all(round_, [True, False, True, False], seconds=2.0)
    round_.close_question(2.0)
    assert [(s.index, s.place) for s in round_.standings()] == [(0, 1), (2, 1), (1, 3), (3, 3)]
    places = [round_.result_for(i).place for i in range(4)]  # type: ignore[union-attr]
    assert places == [1, 3, 1, 3]


def test_result_for_tells_each_student_their_part_of_the_last_question() -> None:
    round_ = live(3)
    assert round_.result_for(0) is None  # nothing closed yet
    round_.answer(0, 1, right(round_), 2.0)
    round_.answer(1, 1, wrong(round_), 2.0)
    round_.close_question(20.0)
    late = round_.join("Late")
    first, second, silent = (round_.result_for(i) for i in range(3))
    assert first is not None
    assert first.answered
    assert first.right
    assert first.place == 1
    assert first.score == first.points.total
    assert first.streak == 1
    assert second is not None
    assert second.answered
    assert not second.right
    assert second.place == 2
    assert silent is not None
    assert not silent.answered
    assert not silent.right
    assert round_.result_for(late) is None
    assert round_.result_for(9) is None


# -- the end -------------------------------------------------------------------------


def test_the_end_sums_up_every_student_removed_ones_included() -> None:
    heard: list[Any] = []
    round_ = live(3, heard=heard)
    play_question(round_, [True, False, True])
    round_.remove(1)
    round_.next_question()
    round_.answer(0, 2, right(round_), 1.0)
    summary = round_.end()
    assert round_.phase is LivePhase.ENDED
    assert round_.summary is summary
    assert summary.mode == "devices"
    assert summary.outcome is RoundOutcome.MISSED
    assert summary.questions_asked == 1  # the open question is dropped
    assert round_.answered_count == 0
    assert [c.score for c in summary.contestants] == [s.score for s in round_.students]
    assert len(summary.contestants) == 3
    assert heard[-1] == ClassRoundEnded(summary)
    assert round_.end() is summary  # ending twice changes nothing
    assert sum(isinstance(e, ClassRoundEnded) for e in heard) == 1


def test_a_late_students_medal_is_measured_against_the_whole_game() -> None:
    round_ = live(1)
    play_question(round_, [True], seconds=0.0)
    round_.next_question()
    late = round_.join("Late")
    round_.guess(late, MYSTERY_ANSWER, 0.0)
    round_.answer(late, 2, right(round_), 0.0)
    round_.answer(0, 2, right(round_), 0.0)
    round_.close_question(0.0)
    summaries = round_.end().contestants
    # one yardstick for the class: the whole game's from its start, whoever joined when
    assert summaries[late].best_by_end == summaries[0].best_by_end
    assert summaries[late].best_by_end > summaries[late].score


def test_nothing_moves_a_round_that_has_ended() -> None:
    round_ = live(1)
    round_.end()
    with pytest.raises(RoundError):
        round_.close_question(1.0)
    with pytest.raises(RoundError):
        round_.next_question()
    with pytest.raises(RoundError):
        round_.remove(0)


def test_a_pack_without_the_picture_is_refused() -> None:
    with pytest.raises(ValueError, match="no round 3"):
        LiveRound(PACK, mystery_index=3)


# -- trophies ------------------------------------------------------------------------


def test_each_student_earns_trophies_a_late_joiner_too() -> None:
    trophies = ClassTrophyTracker(0)
    round_ = LiveRound(TYPED, seed=2, observers=[trophies])
    round_.join("Early")
    play_question(round_, [True])
    round_.next_question()
    late = round_.join("Late")
    round_.answer(late, 2, right(round_), 1.0)
    round_.close_question(20.0)
    round_.guess(late, MYSTERY_ANSWER, 21.0)
    round_.end()
    earned = [[t.trophy_id for t in student] for student in trophies.earned]
    assert earned[0][0] == "first-light"
    assert "first-light" in earned[1]
    assert "sharp-eye" in earned[1]
    assert "sharp-eye" not in earned[0]
    assert len(trophies.medals) == 2


def test_an_accepted_answer_earns_its_trophies_and_spoils_no_flawless_round() -> None:
    trophies = ClassTrophyTracker(0)
    pack = build_pack(questions=6, grid="4x5", kinds=("typed",))
    round_ = LiveRound(pack, seed=1, observers=[trophies])
    round_.join("Anna")
    round_.answer(0, 1, "spelt otherwise", 1.0)
    round_.close_question(1.0)
    round_.accept_answer("spelt otherwise")
    for _ in range(4):
        round_.next_question()
        play_question(round_, [True], seconds=1.0)
    round_.end()
    earned = [t.trophy_id for t in trophies.earned[0]]
    assert "first-light" in earned
    assert "hot-streak" in earned
    assert "flawless" in earned


# -- saving and replaying ----------------------------------------------------------------


def played_game(heard: list[Any] | None = None) -> LiveRound:
    round_ = live((1.0, 2.0, None), pack=TYPED, heard=heard)
    round_.answer(0, 1, right(round_), 2.5)
    round_.answer(1, 1, "spelt otherwise", 7.25)
    round_.guess(2, WRONG_GUESS, 3.0)
    round_.close_question(9.0)
    round_.accept_answer("spelt otherwise")
    round_.next_question()
    round_.join("Late", 1.5)
    round_.remove(0)
    round_.answer(3, 2, right(round_), 1.0)
    round_.guess(1, MYSTERY_ANSWER, 4.0)
    return round_


def student_record(student: LiveStudent) -> tuple[Any, ...]:
    return (
        student.name,
        student.time_scale,
        student.score,
        student.breakdown,
        student.streak,
        student.answers,
        student.guesses,
        student.removed,
    )


def test_a_snapshot_is_plain_json_and_replays_into_the_same_round() -> None:
    heard: list[Any] = []
    round_ = played_game(heard)
    saved = json.loads(json.dumps(round_.snapshot()))
    assert saved == round_.snapshot()
    replayed: list[Any] = []
    again = LiveRound.restore(TYPED, saved, observers=[replayed.append])
    assert again.snapshot() == round_.snapshot()
    assert replayed == heard
    assert [student_record(s) for s in again.students] == [
        student_record(s) for s in round_.students
    ]
    assert again.phase is round_.phase
    assert again.answered_count == round_.answered_count
    assert again.accepted == round_.accepted
    assert again.right_guessers == round_.right_guessers
    # and both go on alike
    for game in (round_, again):
        game.close_question(30.0)
        game.next_question()
    assert again.end() == round_.end()


def test_a_finished_round_replays_to_its_summary() -> None:
    round_ = played_game()
    summary = round_.end()
    again = LiveRound.restore(TYPED, json.loads(json.dumps(round_.snapshot())))
    assert again.phase is LivePhase.ENDED
    assert again.summary == summary


def damaged(change: str) -> dict[str, Any]:
    saved = played_game().snapshot()
    match change:
        case "kind":
            saved["kind"] = "class"
        case "version":
            saved["version"] = 2
        case "version-bool":
            saved["version"] = True
        case "pack":
            saved["pack_id"] = "another-pack"
        case "questions":
            saved["questions"] = 9
        case "mystery":
            saved["mystery_index"] = 1
        case "grid":
            saved["grid"] = [4, 5]
        case "rules":
            saved["rules"]["speed"] = True
        case "live-rules":
            saved["live_rules"]["tile_share"] = 2
        case "seed":
            saved["seed"] = "five"
        case "no-actions":
            del saved["actions"]
        case "unknown-move":
            saved["actions"].append(["dance", 1])
        case "refused-answer":
            saved["actions"].insert(3, ["answer", 0, 1, "again", 3.0])
        case "unknown-student":
            saved["actions"].append(["guess", 9, "x", 1.0])
        case "bad-time":
            saved["actions"].append(["close", -1.0])
        case "text-time":
            saved["actions"].append(["close", "soon"])
        case "out-of-phase":
            saved["actions"].append(["next"])
    return saved


@pytest.mark.parametrize(
    "change",
    [
        "kind",
        "version",
        "version-bool",
        "pack",
        "questions",
        "mystery",
        "grid",
        "rules",
        "live-rules",
        "seed",
        "no-actions",
        "unknown-move",
        "refused-answer",
        "unknown-student",
        "bad-time",
        "text-time",
        "out-of-phase",
    ],
)
def test_a_snapshot_that_does_not_fit_is_refused(change: str) -> None:
    with pytest.raises(ValueError, match="saved class game"):
        LiveRound.restore(TYPED, damaged(change))


def test_a_snapshot_of_another_pack_is_refused() -> None:
    with pytest.raises(ValueError, match="does not belong to this pack"):
        LiveRound.restore(PACK, played_game().snapshot())


# -- a whole class ------------------------------------------------------------------


def test_two_hundred_students_play_one_round() -> None:
    round_ = live(200, pack=TYPED)
    for student in range(200):
        given = right(round_) if student % 3 else wrong(round_)
        round_.answer(student, 1, given, student / 10)
    assert round_.everyone_answered
    result = round_.close_question(20.0)
    assert (result.answered, result.right) == (200, 133)
    assert result.tile == Tile(*_first_tile(TYPED))
    standings = round_.standings()
    assert len(standings) == 200
    assert [s.score for s in standings] == sorted((s.score for s in standings), reverse=True)
    wrong_ones = [s for s in standings if s.score == 0]
    assert len(wrong_ones) == 67
    assert {s.place for s in wrong_ones} == {134}
    summary = round_.end()
    assert len(summary.contestants) == 200


def _first_tile(pack: Pack) -> tuple[int, int]:
    board, _ = deal(pack, 0, 5)
    tile = board.uncover_next()
    return tile.row, tile.col


def test_a_number_answer_can_be_accepted_too() -> None:
    pack = Pack.model_validate(
        {
            "clarity": 1,
            "id": "numbers",
            "title": "Numbers",
            "description": "One number question.",
            "time_limit": 20,
            "rounds": [{"image": "m.png", "answer": MYSTERY_ANSWER, "grid": "2x2"}],
            "questions": [{"type": "number", "prompt": "How many?", "answer": "42"}],
        }
    )
    round_ = live(2, pack=pack)
    round_.answer(0, 1, "41", 2.0)
    round_.answer(1, 1, "42", 2.0)
    result = round_.close_question(2.0)
    assert result.responses == (ResponseCount("41", 1, False), ResponseCount("42", 1, True))
    assert round_.accept_answer("41") == 1
    assert round_.students[0].answers[-1].right
    assert round_.accepted == {0: ("41",)}


# -- the rules testers found wanting (issue 13, third round) --------------------------------

NUMBERS = Pack.model_validate(
    {
        "clarity": 1,
        "id": "numbers",
        "title": "Numbers",
        "description": "Number questions.",
        "time_limit": 20,
        "rounds": [{"image": "m.png", "answer": MYSTERY_ANSWER, "grid": "2x2"}],
        "questions": [
            {"type": "number", "prompt": f"When ({i})?", "answer": "1067"} for i in range(3)
        ],
    }
)


def test_a_removed_student_is_not_the_first_to_guess_nor_counted_among_the_guessers() -> None:
    round_ = live(3)
    round_.guess(0, MYSTERY_ANSWER, 1.0)
    round_.remove(0)
    round_.guess(1, MYSTERY_ANSWER, 2.0)
    assert round_.right_guessers == (1,)
    summary = round_.end()
    assert summary.guessed_by == 1
    assert summary.outcome is RoundOutcome.GUESSED
    # their own record keeps the guess
    assert summary.contestants[0].outcome is RoundOutcome.GUESSED
    assert round_.students[0].guessed_right


def test_the_picture_guessed_only_by_a_removed_student_is_missed_by_the_class() -> None:
    round_ = live(2)
    round_.guess(0, MYSTERY_ANSWER, 1.0)
    round_.remove(0)
    assert round_.right_guessers == ()
    summary = round_.end()
    assert (summary.guessed_by, summary.outcome) == (None, RoundOutcome.MISSED)


def test_a_student_who_joins_for_the_final_guess_earns_no_medal_for_guessing_it() -> None:
    pack = build_pack(questions=4, grid="3x3", kinds=("typed",))
    round_ = live(3, pack=pack)
    while round_.phase is not LivePhase.FINAL_GUESS:
        play_question(round_, [True, True, True], seconds=5.0)
        round_.next_question()
    late = round_.join("Latecomer")
    assert isinstance(round_.guess(late, MYSTERY_ANSWER, 1.0), LiveGuess)
    summary = round_.end()
    assert medal_for(summary.contestants[late]) is None
    assert medal_for(summary.contestants[0]) is not None  # who played every question


def test_accepting_a_number_judges_every_response_as_a_number() -> None:
    round_ = live(5, pack=NUMBERS)
    for student, given in enumerate(["1066", "1 066", "1,066", "1O66", "1065"]):
        round_.answer(student, 1, given, 2.0)
    round_.close_question(2.0)
    assert round_.accept_answer("1066", 1) == 3
    rights = [s.answers[-1].right for s in round_.students]
    assert rights == [True, True, True, False, False]
    result = round_.question_result
    assert result is not None
    assert [(r.text, r.right) for r in result.responses][:3] == [
        ("1066", True),
        ("1 066", True),
        ("1,066", True),
    ]


def test_a_text_that_reads_as_no_number_is_not_accepted_for_a_number_question() -> None:
    round_ = live(1, pack=NUMBERS)
    round_.answer(0, 1, "a thousand and sixty-six", 2.0)
    round_.close_question(2.0)
    assert round_.acceptance("a thousand and sixty-six") is Acceptance.UNREADABLE
    assert round_.accept_answer("a thousand and sixty-six", 1) == 0
    assert round_.accepted == {}


def test_students_removed_after_the_reveal_still_count_in_its_tile_rule() -> None:
    round_ = live(4, pack=TYPED)
    round_.answer(0, 1, right(round_), 1.0)
    for student in (1, 2, 3):
        round_.answer(student, 1, "quite wrong", 1.0)
    result = round_.close_question(2.0)
    assert (result.answered, result.right, result.tile) == (4, 1, None)
    round_.remove(1)
    round_.remove(2)
    round_.accept_answer("zzz", 1)
    result = round_.question_result
    assert result is not None
    assert (result.answered, result.right, result.tile) == (4, 1, None)
    assert round_.board.hidden_count == round_.board.total


def test_an_accepted_answer_of_a_student_removed_after_the_close_counts_in_its_question() -> None:
    round_ = live(2, pack=TYPED)
    round_.answer(0, 1, "spelt otherwise", 1.0)
    round_.answer(1, 1, "quite wrong", 1.0)
    round_.close_question(2.0)
    round_.remove(1)
    assert round_.accept_answer("spelt otherwise", 1) == 1
    result = round_.question_result
    assert result is not None
    assert (result.answered, result.right) == (2, 1)
    assert result.tile is not None  # 1 of the 2 who answered: half


def test_an_answer_is_accepted_only_for_the_question_revealed() -> None:
    round_ = live(1, pack=TYPED)
    round_.answer(0, 1, "spelt otherwise", 1.0)
    round_.close_question(2.0)
    for number in (0, 2, True):
        with pytest.raises(RoundError, match="not the one revealed"):
            round_.accept_answer("spelt otherwise", number)
    assert round_.accepted == {}
    assert round_.accept_answer("spelt otherwise", 1) == 1


def test_accepting_a_text_already_right_or_accepted_changes_nothing_and_says_so() -> None:
    round_ = live(2, pack=TYPED)
    round_.answer(0, 1, "spelt otherwise", 1.0)
    round_.answer(1, 1, right(round_), 1.0)
    round_.close_question(2.0)
    moves = round_.actions_taken
    assert round_.acceptance(right(round_)) is Acceptance.ALREADY_RIGHT
    assert round_.accept_answer(right(round_).upper(), 1) == 0
    assert round_.accepted == {}
    assert round_.actions_taken == moves  # nothing kept: the pack file is left alone
    assert round_.acceptance("Spelt Otherwise") is Acceptance.NEW
    assert round_.accept_answer("Spelt Otherwise", 1) == 1
    assert round_.acceptance("spelt otherwise!") is Acceptance.ALREADY_RIGHT
    assert round_.accept_answer("spelt otherwise!", 1) == 0
    assert round_.accepted == {round_.question_index: ("Spelt Otherwise",)}
    assert round_.acceptance("  ") is Acceptance.UNREADABLE


def test_accepted_answers_replay_from_the_snapshot_tied_to_their_question() -> None:
    round_ = live(3, pack=NUMBERS)
    round_.answer(0, 1, "1066", 1.0)
    round_.answer(1, 1, "1 066", 1.0)
    round_.close_question(2.0)
    round_.remove(1)
    round_.accept_answer("1066", 1)
    snapshot = json.loads(json.dumps(round_.snapshot()))
    assert ["accept", "1066", 1] in snapshot["actions"]
    restored = LiveRound.restore(NUMBERS, snapshot)
    assert [s.score for s in restored.students] == [s.score for s in round_.students]
    assert restored.question_result == round_.question_result
    assert restored.accepted == round_.accepted


def test_a_podium_holds_every_student_tied_in_its_places() -> None:
    round_ = live(8, pack=TYPED)
    play_question(round_, [True] * 8, seconds=2.0)
    podium = round_.podium()
    assert [line.place for line in podium.lines] == [1] * 8
    assert podium.left_off == 0


def test_a_podium_is_capped_and_says_how_many_it_left_off() -> None:
    round_ = live(14, pack=TYPED)
    play_question(round_, [True] * 12 + [False] * 2, seconds=2.0)
    podium = round_.podium()
    assert len(podium.lines) == PODIUM_CAP == 10
    assert podium.left_off == 2
    assert round_.podium(cap=3).left_off == 9


def test_a_podium_shows_places_two_and_three_after_a_tie_for_first() -> None:
    round_ = live(5, pack=TYPED)
    for student, seconds in enumerate([1.0, 1.0, 5.0, 9.0, 12.0]):
        round_.answer(student, 1, right(round_), seconds)
    round_.close_question(12.0)
    round_.remove(4)
    assert [line.place for line in round_.podium().lines] == [1, 1, 3]
