"""The class round's rules: turns and steals, buzzing in and lockouts, the picture guess,
the catch-up rule, the end, each team's score, and replaying a game from its actions."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clarity.core.class_round import (
    SOLO_RULES,
    ClassRound,
    ClassRules,
    Mode,
    Phase,
    RoundError,
)
from clarity.core.events import (
    AnswerGiven,
    BuzzedIn,
    ClassRoundEnded,
    ImageGuessed,
    Points,
    QuestionAsked,
    QuestionClosed,
    RoundOutcome,
    StealOffered,
    StealPassed,
    TileUncovered,
)
from clarity.core.round import Round
from clarity.core.scoring import ScoringRules, answer_points, image_guess_points
from clarity.core.trophies import ClassTrophyTracker, TrophyTracker

from .factories import MYSTERY_ANSWER, build_pack, right_response, wrong_response

PACK_QUESTIONS = 10
PACK = build_pack(
    questions=PACK_QUESTIONS, grid="4x5", time_limit=20, kinds=("typed", "choice", "truefalse")
)
RULES = ScoringRules()
TURNS = ClassRules(mode=Mode.TURNS)
BUZZ = ClassRules(mode=Mode.BUZZ)
WRONG_GUESS = "Big Ben"


def class_round(teams: int = 3, class_rules: ClassRules = TURNS, **kwargs: Any) -> ClassRound:
    heard: list[Any] = kwargs.pop("heard", [])
    return ClassRound(
        PACK,
        contestants=teams,
        seed=kwargs.pop("seed", 5),
        class_rules=class_rules,
        observers=[heard.append],
        **kwargs,
    )


def right(game: ClassRound) -> str | bool:
    return right_response(game.question)


def wrong(game: ClassRound) -> str | bool:
    return wrong_response(game.question)


# -- turns ---------------------------------------------------------------------------


def test_questions_go_to_the_teams_in_turn() -> None:
    game = class_round(3)
    firsts = []
    for _ in range(5):
        firsts.append(game.answering)
        game.answer(right(game), 1.0)
        game.next_question()
    assert firsts == [0, 1, 2, 0, 1]


def test_a_right_answer_scores_for_the_team_that_gave_it_and_uncovers_a_tile() -> None:
    heard: list[Any] = []
    game = class_round(3, heard=heard)
    game.answer(right(game), 4.0)
    expected = answer_points(right=True, seconds=4.0, time_limit=20, streak=1, rules=RULES)
    assert [c.score for c in game.contestants] == [expected.total, 0, 0]
    assert game.board.hidden_count == game.board.total - 1
    assert game.phase is Phase.FEEDBACK
    assert [type(e) for e in heard[-2:]] == [AnswerGiven, TileUncovered]


def test_a_wrong_answer_passes_the_question_once_to_the_next_team_to_steal() -> None:
    heard: list[Any] = []
    game = class_round(3, heard=heard)
    game.spend_time(7.0)
    game.answer(wrong(game), 7.0)
    assert game.phase is Phase.ASKING
    assert game.answering == 1
    assert game.stealing
    assert game.question_seconds == 0.0  # a steal has a clock of its own
    assert heard[-1] == StealOffered(1, missed_by=0)
    assert game.contestants[0].streak == 0


def test_a_steal_earns_half_the_base_points_and_no_time_bonus() -> None:
    game = class_round(3)
    game.answer(wrong(game), 19.9)
    worth = game.answer_worth()
    result = game.answer(right(game), 0.1)  # at once: the stealers saw the question all along
    assert result.event.steal
    assert result.event.points == Points(base=RULES.base // 2)
    assert game.contestants[1].score == result.event.points.total == worth
    assert result.tile is not None  # whoever gives the right answer uncovers a tile


def test_a_steal_earns_its_share_of_the_stealers_streak_bonus() -> None:
    game = class_round(2, ClassRules(steal_share=1.0))
    game.answer(wrong(game), 1.0)  # team 0 misses; team 1 steals: streak 1
    game.answer(right(game), 1.0)
    game.next_question()
    game.answer(right(game), 1.0)  # team 1's own turn: streak 2
    game.next_question()
    game.answer(wrong(game), 1.0)  # team 0 misses; team 1 steals again: streak 3
    event = game.answer(right(game), 1.0).event
    assert event.streak == 3
    assert event.points == Points(base=RULES.base, streak_bonus=2 * RULES.streak_step)


def test_the_steal_share_is_a_rule_the_teacher_can_change() -> None:
    game = class_round(2, ClassRules(steal_share=0.25))
    game.answer(wrong(game), 1.0)
    event = game.answer(right(game), 0.0).event
    assert event.points.base == round(RULES.base * 0.25)


def test_with_stealing_off_a_missed_question_shows_its_answer() -> None:
    game = class_round(3, ClassRules(steal=False))
    game.answer(wrong(game), 1.0)
    assert game.phase is Phase.FEEDBACK
    assert not game.stealing


def test_a_wrong_steal_breaks_the_stealers_streak_and_ends_the_question() -> None:
    game = class_round(2)
    game.answer(right(game), 1.0)  # team 0
    game.next_question()
    game.answer(wrong(game), 1.0)  # team 1 misses, team 0 may steal
    assert game.answering == 0
    game.answer(wrong(game), 1.0)
    assert game.phase is Phase.FEEDBACK
    assert game.contestants[0].streak == 0


def test_a_steal_let_go_costs_nothing_and_keeps_the_streak() -> None:
    heard: list[Any] = []
    game = class_round(2, heard=heard)
    game.answer(right(game), 1.0)  # team 0: streak 1
    game.next_question()
    game.answer(wrong(game), 1.0)  # team 1 misses
    before = game.contestants[0].score
    game.pass_steal(3.0)
    assert heard[-1] == StealPassed(0)
    assert game.phase is Phase.FEEDBACK
    assert (game.contestants[0].score, game.contestants[0].streak) == (before, 1)


def test_a_steal_whose_time_ran_out_is_let_go_not_answered() -> None:
    game = class_round(2)
    game.answer(None, 20.5)
    with pytest.raises(RoundError):
        game.answer(None, 20.5)
    game.pass_steal(20.5)
    assert game.phase is Phase.FEEDBACK


def test_the_turn_moves_on_from_whoever_had_the_first_chance_not_the_stealer() -> None:
    game = class_round(3)
    game.answer(wrong(game), 1.0)  # team 0 misses; team 1 steals it
    game.answer(right(game), 1.0)
    game.next_question()
    assert game.answering == 1


def test_catch_up_gives_the_team_in_last_place_the_first_chance() -> None:
    game = class_round(3, ClassRules(catch_up=True))
    game.answer(right(game), 1.0)  # team 0 leads, 1 and 2 tie last
    game.next_question()
    assert game.answering == 1  # its turn anyway, and in last place
    game.answer(right(game), 1.0)  # team 1 scores; team 2 alone is last
    game.next_question()
    assert game.answering == 2
    game.answer(right(game), 30.0)  # late: no points, team 2 still last
    game.pass_steal()
    game.next_question()
    assert game.answering == 0  # never twice running: the others keep their turns
    assert game.first_chance == 0


def test_catch_up_helps_the_last_team_without_freezing_out_the_others() -> None:
    game = class_round(3, ClassRules(catch_up=True))
    firsts: list[int] = []
    steals: list[int] = []
    for _ in range(PACK_QUESTIONS):
        if game.phase is not Phase.ASKING:
            break
        firsts.append(game.answering or 0)
        if game.answering == 2:  # the weak team misses every question
            game.answer(wrong(game), 1.0)
            steals.append(game.answering or 0)
            game.pass_steal()
        else:
            game.answer(right(game), 1.0)
        game.next_question()
    assert firsts.count(2) >= len(firsts) // 2 - 1  # the last team gets a question in two
    assert firsts.count(0) >= 2
    assert firsts.count(1) >= 2  # nobody is frozen out
    # a steal goes to the lower of the others, never by rule to the leader
    scores = [c.score for c in game.contestants]
    assert scores[2] == 0
    assert all(team in (0, 1) for team in steals)


def test_with_catch_up_the_steal_goes_to_the_lowest_other_team() -> None:
    game = class_round(3, ClassRules(catch_up=True))
    game.answer(right(game), 1.0)  # team 0 leads
    game.next_question()  # team 1 (last, with team 2)
    game.answer(wrong(game), 1.0)
    assert game.answering == 2  # team 2 (0 points) before the leader, team 0


def test_without_catch_up_the_turn_ignores_the_scores() -> None:
    game = class_round(3)
    game.answer(right(game), 1.0)
    game.next_question()
    game.answer(right(game), 1.0)
    game.next_question()
    game.answer(wrong(game), 30.0)  # team 2 misses
    game.pass_steal()
    game.next_question()
    assert game.answering == 0


# -- buzz in ---------------------------------------------------------------------------


def test_a_buzz_question_is_open_to_every_team() -> None:
    game = class_round(4, BUZZ)
    assert game.phase is Phase.OPEN
    assert game.answering is None
    assert all(game.can_buzz(team) for team in range(4))


def test_the_first_buzz_answers_and_a_second_of_the_same_moment_is_not_taken() -> None:
    heard: list[Any] = []
    game = class_round(3, BUZZ, heard=heard)
    game.spend_time(2.5)
    assert game.buzz(2) == BuzzedIn(2, 2.5)
    assert game.buzz(0) is None
    assert game.answering == 2
    assert [e for e in heard if isinstance(e, BuzzedIn)] == [BuzzedIn(2, 2.5)]


def test_a_buzzer_answers_on_the_questions_running_clock() -> None:
    game = class_round(2, BUZZ)
    game.spend_time(6.0)
    game.buzz(1)
    event = game.answer(right(game), 8.0).event
    assert event.seconds == 8.0
    assert event.points == answer_points(
        right=True, seconds=8.0, time_limit=20, streak=1, rules=RULES
    )


def test_a_wrong_buzz_locks_that_team_out_and_opens_the_question_again() -> None:
    game = class_round(3, BUZZ)
    game.buzz(0, 1.0)
    game.answer(wrong(game), 2.0)
    assert game.phase is Phase.OPEN
    assert game.locked_out == {0}
    assert not game.can_buzz(0)
    assert game.buzz(0, 3.0) is None
    assert game.buzz(1, 3.0) is not None
    assert game.question_seconds == 3.0


def test_when_every_team_is_locked_out_the_answer_is_shown() -> None:
    heard: list[Any] = []
    game = class_round(2, BUZZ, heard=heard)
    for team in (0, 1):
        game.buzz(team)
        game.answer(wrong(game))
    assert game.phase is Phase.FEEDBACK
    assert heard[-1] == QuestionClosed(1, timed_out=False)
    assert game.board.hidden_count == game.board.total


def test_an_open_question_nobody_buzzes_closes_when_its_time_is_up() -> None:
    game = class_round(2, BUZZ)
    game.spend_time(20.0)
    assert game.time_is_up
    assert game.close_question() == QuestionClosed(1, timed_out=True)
    assert game.phase is Phase.FEEDBACK
    assert [c.score for c in game.contestants] == [0, 0]


def test_a_team_that_does_not_buzz_keeps_its_streak() -> None:
    game = class_round(3, BUZZ)
    game.buzz(2)
    game.answer(right(game), 1.0)  # team 2: streak 1
    game.next_question()
    game.buzz(1)
    game.answer(wrong(game), 1.0)
    game.buzz(0)
    game.answer(right(game), 1.0)
    assert game.contestants[1].streak == 0  # buzzed and missed
    assert game.contestants[2].streak == 1  # did not buzz: kept
    game.next_question()
    game.buzz(2)
    assert game.answer(right(game), 1.0).event.streak == 2


def test_catch_up_in_buzz_mode_gives_the_last_team_a_head_start() -> None:
    game = class_round(3, ClassRules(mode=Mode.BUZZ, catch_up=True, catch_up_head_start=3.0))
    game.buzz(0)
    game.answer(right(game), 1.0)
    game.next_question()
    assert game.trailing() == {1, 2}
    assert not game.can_buzz(0, 2.9)
    assert game.buzz(0, 2.9) is None
    assert game.can_buzz(1, 2.9)
    assert game.can_buzz(0, 3.0)


def test_a_team_that_buzzes_and_says_nothing_loses_the_question_to_the_others() -> None:
    game = class_round(3, BUZZ)
    game.buzz(0, 0.5)
    assert game.time_left() == BUZZ.buzz_answer_seconds  # its own time to answer
    game.spend_time(BUZZ.buzz_answer_seconds)
    assert game.time_is_up
    game.time_up()
    assert game.phase is Phase.OPEN  # the question's own time is not up
    assert game.locked_out == {0}
    assert game.buzz(1) is not None


def test_a_buzz_when_the_questions_time_is_up_is_not_taken() -> None:
    game = class_round(2, BUZZ)
    game.spend_time(20.0)
    assert not game.can_buzz(0)
    assert game.buzz(0) is None


def test_without_a_time_limit_the_teacher_closes_an_open_question() -> None:
    heard: list[Any] = []
    game = class_round(2, BUZZ, heard=heard, rules=ScoringRules(timer=False))
    game.spend_time(300.0)
    assert not game.time_is_up
    game.close_question(by_teacher=True)
    assert game.phase is Phase.FEEDBACK
    assert heard[-1] == QuestionClosed(1, timed_out=False)
    assert ClassRound.restore(PACK, game.snapshot()).phase is Phase.FEEDBACK


def test_time_up_is_the_one_move_when_the_time_runs_out() -> None:
    open_question = class_round(2, BUZZ)
    open_question.time_up(20.0)
    assert open_question.phase is Phase.FEEDBACK
    turn = class_round(2)
    turn.time_up(21.0)
    assert turn.stealing  # a timeout on a turn passes the question on
    assert turn.contestants[0].answers[-1].timed_out
    turn.time_up(21.0)
    assert turn.phase is Phase.FEEDBACK  # the steal let go
    assert len(turn.contestants[1].answers) == 0


def test_nobody_answers_once_the_question_is_over() -> None:
    game = class_round(2)
    game.answer(wrong(game), 1.0)
    assert (game.answering, game.stealing) == (1, True)
    game.pass_steal()
    assert (game.answering, game.stealing) == (None, False)
    buzz = class_round(2, BUZZ)
    buzz.buzz(1)
    assert buzz.buzzed == 1
    buzz.answer(right(buzz), 1.0)
    assert (buzz.answering, buzz.buzzed) == (None, None)


@pytest.mark.parametrize("seconds", [math.nan, math.inf, -1.0])
def test_times_that_are_not_a_clocks_are_refused(seconds: float) -> None:
    game = class_round(2, BUZZ)
    with pytest.raises(ValueError, match="seconds"):
        game.buzz(0, seconds)
    game.buzz(0, 1.0)
    with pytest.raises(ValueError, match="seconds"):
        game.answer(right(game), seconds)
    with pytest.raises(ValueError, match="seconds"):
        game.guess_image(MYSTERY_ANSWER, seconds, contestant=1)
    assert game.phase is Phase.ASKING  # nothing was taken


def test_a_teams_medal_counts_only_the_tiles_that_were_its_to_keep() -> None:
    game = class_round(3, ClassRules(steal=False))
    for _ in range(2):  # teams 0 and 1 uncover two tiles
        game.answer(right(game), 0.0)
        game.next_question()
    game.guess_image(MYSTERY_ANSWER, 1.0, contestant=2)  # team 2 guessed with 4 hidden
    summary = game.class_summary
    assert summary is not None
    guesser = summary.contestants[2]
    assert guesser.best_by_end == guesser.score  # the best it could do, it did
    # team 0 answered at once and had no guess to make: its best by the end is its answer
    first = summary.contestants[0]
    assert first.best_by_end == first.score


def test_a_buzz_needs_an_open_question() -> None:
    game = class_round(2, TURNS)
    assert game.buzz(1) is None


# -- the picture -------------------------------------------------------------------------


def test_any_team_may_guess_the_picture_at_any_moment_and_a_right_guess_ends_the_round() -> None:
    heard: list[Any] = []
    game = class_round(3, heard=heard)
    game.answer(right(game), 1.0)  # team 0
    hidden = game.board.hidden_count
    event = game.guess_image(MYSTERY_ANSWER, 30.0, contestant=2)
    assert event.right
    assert event.contestant == 2
    assert game.phase is Phase.ENDED
    summary = game.class_summary
    assert summary is not None
    assert summary.guessed_by == 2
    assert summary.outcome is RoundOutcome.GUESSED
    assert summary.contestants[2].breakdown.image_bonus == (
        image_guess_points(right=True, hidden_tiles=hidden, final=False, rules=RULES).image_bonus
    )
    assert summary.contestants[2].outcome is RoundOutcome.GUESSED
    assert summary.contestants[0].outcome is RoundOutcome.MISSED
    assert isinstance(heard[-1], ClassRoundEnded)


def test_a_wrong_guess_costs_the_penalty_and_locks_the_team_out_for_two_more_questions() -> None:
    game = class_round(2)
    game.answer(right(game), 0.0)  # team 0 has points to lose
    score = game.contestants[0].score
    event = game.guess_image(WRONG_GUESS, 5.0, contestant=0)
    assert event.points == Points(penalty=RULES.wrong_guess_penalty)
    assert game.contestants[0].score == score - RULES.wrong_guess_penalty
    locked = []
    for _ in range(4):
        locked.append((game.question_number, game.can_guess(0), game.guess_locked_for(0)))
        game.next_question() if game.phase is Phase.FEEDBACK else None
        if game.phase is Phase.ASKING:
            game.answer(right(game), 1.0)
    assert locked == [(1, False, 3), (2, False, 2), (3, False, 1), (4, True, 0)]
    assert game.can_guess(1)


def test_a_locked_team_cannot_guess() -> None:
    game = class_round(2)
    game.guess_image(WRONG_GUESS, 1.0, contestant=1)
    with pytest.raises(RoundError):
        game.guess_image(MYSTERY_ANSWER, 2.0, contestant=1)


def test_the_guess_lockout_is_a_rule() -> None:
    game = class_round(2, ClassRules(guess_lockout=0))
    game.guess_image(WRONG_GUESS, 1.0, contestant=1)
    assert game.can_guess(1)


def test_a_guess_in_a_round_of_several_must_say_who_guesses() -> None:
    game = class_round(2)
    with pytest.raises(ValueError, match="which contestant"):
        game.guess_image(MYSTERY_ANSWER, 1.0)


def play_to_the_final_guess(game: ClassRound) -> None:
    while game.phase not in (Phase.FINAL_GUESS, Phase.ENDED):
        if game.phase is Phase.ASKING:
            game.answer(wrong(game) if game.stealing else right(game), 1.0)
        elif game.phase is Phase.OPEN:
            game.buzz(0)
        else:
            game.next_question()


def test_at_the_final_guess_each_team_guesses_once_and_a_wrong_one_costs_nothing() -> None:
    game = class_round(3)
    play_to_the_final_guess(game)
    scores = [c.score for c in game.contestants]
    assert game.guess_image(WRONG_GUESS, 1.0, contestant=0).points == Points()
    assert not game.can_guess(0)
    game.guess_image(WRONG_GUESS, 1.0, contestant=2)
    assert game.phase is Phase.FINAL_GUESS  # team 1 still has its guess
    game.guess_image(WRONG_GUESS, 1.0, contestant=1)
    assert game.phase is Phase.ENDED
    assert [c.score for c in game.contestants] == scores
    assert game.class_summary is not None
    assert game.class_summary.outcome is RoundOutcome.MISSED


def test_a_team_locked_out_of_guessing_still_has_its_final_guess() -> None:
    game = class_round(2, ClassRules(guess_lockout=50))
    game.guess_image(WRONG_GUESS, 1.0, contestant=1)
    game.answer(right(game), 1.0)
    game.next_question()
    assert not game.can_guess(1)
    play_to_the_final_guess(game)
    assert all(game.can_guess(team) for team in (0, 1))


def test_the_teacher_can_reveal_the_picture_at_the_final_guess() -> None:
    game = class_round(2)
    with pytest.raises(RoundError):
        game.reveal()
    play_to_the_final_guess(game)
    game.reveal()
    assert game.phase is Phase.ENDED
    assert game.class_summary is not None
    assert game.class_summary.guessed_by is None


# -- judging, the end, the scores ----------------------------------------------------------


def test_the_teacher_judges_a_spoken_answer() -> None:
    game = class_round(2)
    event = game.judge(True, 3.0).event
    assert event.right
    assert event.judged
    assert event.response is None
    assert game.board.hidden_count == game.board.total - 1


def test_each_teams_summary_holds_only_its_own_answers_and_places_share_equal_scores() -> None:
    game = class_round(3, ClassRules(steal=False))
    for response in ("right", "wrong", "right"):
        game.answer(right(game) if response == "right" else wrong(game), 0.0)
        game.next_question()
    game.guess_image(MYSTERY_ANSWER, 1.0, contestant=1)
    summary = game.class_summary
    assert summary is not None
    assert [len(c.answers) for c in summary.contestants] == [1, 1, 1]
    assert [c.right for c in summary.contestants] == [1, 0, 1]
    assert summary.contestants[0].score == summary.contestants[2].score
    assert summary.places() == (2, 1, 2)
    assert summary.ranking() == (1, 0, 2)


def test_every_team_earns_trophies_by_the_solo_rules() -> None:
    tracker = ClassTrophyTracker(2)
    game = ClassRound(PACK, contestants=2, seed=3, class_rules=TURNS, observers=[tracker])
    game.answer(right(game), 1.0)
    game.next_question()
    game.guess_image(MYSTERY_ANSWER, 2.0, contestant=1)
    first = {t.trophy_id for t in tracker.earned[0]}
    second = {t.trophy_id for t in tracker.earned[1]}
    assert "first-light" in first
    assert "first-light" not in second
    assert "sharp-eye" in second
    assert tracker.medals[1] is not None


def test_there_is_no_limit_on_the_number_of_contestants() -> None:
    game = class_round(200, BUZZ)
    game.buzz(199)
    game.answer(right(game), 1.0)
    assert game.contestants[199].score > 0


def test_a_round_needs_a_contestant() -> None:
    with pytest.raises(ValueError, match="at least one"):
        ClassRound(PACK, contestants=0)


@pytest.mark.parametrize(
    "bad",
    [
        {"steal_share": 1.5},
        {"steal_share": -0.1},
        {"catch_up_head_start": -1},
        {"guess_lockout": -1},
        {"guess_lockout": 1.5},
    ],
)
def test_class_rules_refuse_impossible_values(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"steal.s share|head start|lockout"):
        ClassRules(**bad)


# -- solo is the one-contestant case ---------------------------------------------------------


def test_a_solo_round_is_a_class_round_of_one_with_the_solo_rules() -> None:
    solo = Round(PACK, seed=9)
    same = ClassRound(PACK, contestants=1, seed=9, class_rules=SOLO_RULES)
    for game in (solo, same):
        game.answer(wrong(game), 3.0)
        game.next_question()
        game.answer(right(game), 2.0)
        game.guess_image(WRONG_GUESS, 9.0, 0)
        assert game.can_guess(0)  # alone, a wrong guess locks nothing
        game.next_question()
        game.guess_image(MYSTERY_ANSWER, 12.0, 0)
    assert same.class_summary is not None
    assert solo.summary == same.class_summary.contestants[0]


# -- replaying --------------------------------------------------------------------------------

moves = st.lists(
    st.tuples(
        st.sampled_from(
            [
                *("right", "wrong", "timeout", "buzz", "pass", "close", "guess", "guess-wrong"),
                *("wait", "judge-right", "judge-wrong", "time-up", "reveal", "teacher-close"),
            ]
        ),
        st.integers(min_value=0, max_value=3),
        st.floats(min_value=0, max_value=25),
    ),
    max_size=40,
)


def play_moves(game: ClassRound, plays: list[tuple[str, int, float]]) -> None:
    """Play every move that the round allows at its moment, and skip the others."""
    for move, drawn, seconds in plays:
        team = drawn % len(game.contestants)
        phase = game.phase
        if phase is Phase.ENDED:
            return
        if move == "wait" and phase in (Phase.ASKING, Phase.OPEN):
            game.spend_time(seconds / 10)
        elif move in ("right", "wrong") and phase is Phase.ASKING:
            game.answer(right(game) if move == "right" else wrong(game), seconds)
        elif move.startswith("judge") and phase is Phase.ASKING:
            game.judge(move == "judge-right", seconds)
        elif move == "time-up" and phase in (Phase.ASKING, Phase.OPEN):
            game.time_up(seconds)
        elif move == "reveal" and game.guess_is_final:
            game.reveal()
        elif move == "teacher-close" and phase is Phase.OPEN:
            game.close_question(seconds, by_teacher=True)
        elif move == "timeout" and phase is Phase.ASKING and not game.stealing:
            game.answer(None, seconds)
        elif move == "pass" and phase is Phase.ASKING and game.stealing:
            game.pass_steal(seconds)
        elif move == "buzz" and phase is Phase.OPEN:
            game.buzz(team, seconds)
        elif move == "close" and phase is Phase.OPEN:
            game.close_question(seconds)
        elif move.startswith("guess") and game.can_guess(team):
            text = MYSTERY_ANSWER if move == "guess" else WRONG_GUESS
            game.guess_image(text, seconds, team)
        elif phase is Phase.FEEDBACK:
            game.next_question()


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**16),
    teams=st.integers(min_value=2, max_value=4),
    class_rules=st.builds(
        ClassRules,
        mode=st.sampled_from(list(Mode)),
        steal=st.booleans(),
        steal_share=st.sampled_from([0.0, 0.25, 0.5, 1.0]),
        catch_up=st.booleans(),
        catch_up_head_start=st.sampled_from([0.0, 3.0]),
        guess_lockout=st.integers(min_value=0, max_value=3),
        buzz_answer_seconds=st.sampled_from([2.0, 10.0]),
    ),
    rules=st.builds(
        ScoringRules, timer=st.booleans(), time_scale=st.sampled_from([1.0, 1.5, None])
    ),
    plays=moves,
)
def test_a_class_round_replays_from_its_snapshot_at_every_moment(
    seed: int,
    teams: int,
    class_rules: ClassRules,
    rules: ScoringRules,
    plays: list[tuple[str, int, float]],
) -> None:
    heard: list[Any] = []
    mode = class_rules.mode
    game = ClassRound(
        PACK,
        contestants=teams,
        seed=seed,
        rules=rules,
        class_rules=class_rules,
        observers=[heard.append],
    )
    play_moves(game, plays)
    snapshot = json.loads(json.dumps(game.snapshot()))
    replayed: list[Any] = []
    again = ClassRound.restore(PACK, snapshot, observers=[replayed.append])
    assert replayed == heard
    assert again.phase is game.phase
    assert again.answering == game.answering
    assert again.question_seconds == game.question_seconds
    assert [c.score for c in again.contestants] == [c.score for c in game.contestants]
    assert again.snapshot() == game.snapshot()
    # every right answer uncovered exactly one tile, and each team's score is its events'
    rights = [e for e in heard if isinstance(e, AnswerGiven) and e.right]
    assert game.board.total - game.board.hidden_count == len(rights)
    for contestant in game.contestants:
        earned = sum(
            e.points.total
            for e in heard
            if isinstance(e, AnswerGiven | ImageGuessed) and e.contestant == contestant.index
        )
        assert contestant.score == earned >= 0
    asked = [e for e in heard if isinstance(e, QuestionAsked)]
    assert all(e.first_chance is None for e in asked) == (mode is Mode.BUZZ)
    if game.phase not in (Phase.ASKING, Phase.OPEN):
        assert game.answering is None


def test_a_class_snapshot_from_another_pack_or_damaged_is_refused() -> None:
    game = class_round(2)
    snapshot = game.snapshot()
    other = build_pack(questions=3).model_copy(update={"id": "another"})
    with pytest.raises(ValueError, match="does not belong"):
        ClassRound.restore(other, snapshot)
    with pytest.raises(ValueError, match="cannot be replayed"):
        ClassRound.restore(PACK, {**snapshot, "actions": [["buzz", 7, 1.0]]})
    with pytest.raises(ValueError, match="at least one contestant"):
        ClassRound.restore(PACK, {**snapshot, "contestants": "three"})


def test_a_class_round_resumed_mid_question_keeps_its_clock() -> None:
    game = class_round(3, BUZZ)
    game.spend_time(4.25)
    again = ClassRound.restore(PACK, json.loads(json.dumps(game.snapshot())))
    assert again.phase is Phase.OPEN
    assert again.question_seconds == 4.25


def test_trophy_tracker_of_a_solo_round_still_hears_round_ended() -> None:
    tracker = TrophyTracker()
    game = Round(PACK, seed=1, observers=[tracker])
    game.guess_image(MYSTERY_ANSWER, 1.0)
    assert tracker.medal is not None
