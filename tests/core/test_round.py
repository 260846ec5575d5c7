"""One round's state machine: questions, answers, tiles, the image guess, events, replay."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core.events import (
    AnswerGiven,
    ImageGuessed,
    QuestionAsked,
    RoundEnded,
    RoundOutcome,
    TileUncovered,
)
from clarity.core.packs.models import Pack
from clarity.core.round import Phase, Round, RoundError
from clarity.core.scoring import TIME_SCALES, ScoringRules

from .factories import MYSTERY_ANSWER, build_pack, typed_answer, wrong_response

WRONG_GUESS = "Big Ben"

# Mixed question kinds and time limits (none, own limits, short and long), six tiles.
MIXED = build_pack(
    questions=7,
    grid="2x3",
    time_limit=None,
    question_limits=[None, 20, 5, None, 60, 20, None],
    kinds=("typed", "choice", "truefalse"),
)
# More questions than tiles, some worth less (no limit): passing one over may pay.
TIGHT = build_pack(
    questions=5, grid="1x2", time_limit=None, question_limits=[None, 20, 20, None, 20]
)

seeds = st.integers(min_value=0, max_value=2**32)
packs = st.sampled_from([MIXED, TIGHT])
rule_sets = st.builds(
    ScoringRules,
    timer=st.booleans(),
    streaks=st.booleans(),
    time_scale=st.sampled_from(TIME_SCALES),  # x1, x1.5, x2, x3 and no limit
)
actions = st.lists(
    st.tuples(
        st.sampled_from(
            ["right", "right", "right", "wrong", "timeout", "guess-wrong", "guess", "wait"]
        ),
        st.one_of(
            st.floats(min_value=0, max_value=30),
            # Near a limit (5, 20) and where rounding to the millisecond tips the time bonus.
            st.sampled_from([4.9996, 5.0004, 19.9996, 20.0004, 0.0204, 0.0196]),
        ),
    ),
    max_size=30,
)


def play(played: Round, kind: str, seconds: float) -> None:
    """Take one action, turned into whatever the round's phase allows."""
    if played.phase is Phase.ENDED:
        return
    if kind == "wait":  # time passes with the question in view (none passes on it otherwise)
        if played.phase is Phase.ASKING:
            played.spend_time(seconds)
    elif kind == "guess":
        played.guess_image(MYSTERY_ANSWER, seconds)
    elif kind == "guess-wrong":
        played.guess_image(WRONG_GUESS, seconds)
    elif played.phase is Phase.FEEDBACK:
        played.next_question()
    elif played.phase is Phase.FINAL_GUESS:
        played.guess_image(MYSTERY_ANSWER if kind == "right" else WRONG_GUESS, seconds)
    else:
        question = played.question
        assert question is not None
        if kind == "right":
            played.answer(question.answer, seconds)
        elif kind == "wrong":
            played.answer(wrong_response(question), seconds)
        else:
            played.answer(None, seconds)


def state(played: Round) -> dict[str, Any]:
    """Everything a player can see of a round."""
    return {
        "score": played.score,
        "breakdown": played.breakdown,
        "phase": played.phase,
        "streak": played.streak,
        "question": played.question,
        "question_number": played.question_number,
        "question_seconds": played.question_seconds,
        "time_left": played.time_left(),
        "uncovered": played.board.uncovered_tiles,
        "hidden": played.board.hidden_count,
        "answers": list(played.answers),
        "guesses": list(played.guesses),
        "summary": played.summary,
    }


def recorder() -> tuple[list[Any], Any]:
    events: list[Any] = []
    return events, events.append


# -- asking and answering ------------------------------------------------------------


def test_round_starts_asking_the_first_question(pack) -> None:
    events, observe = recorder()
    played = Round(pack, seed=1, observers=[observe])
    assert played.phase is Phase.ASKING
    assert played.question in pack.questions
    assert played.question_number == 1
    assert played.questions_left == len(pack.questions) - 1
    assert played.time_limit == 20
    assert played.score == played.streak == 0
    assert played.board.hidden_count == 20
    assert events == [
        QuestionAsked(
            number=1,
            question_index=pack.questions.index(played.question),
            question_id=played.question.id,
            time_limit=20,
        )
    ]


def test_a_round_needs_a_mystery_the_pack_has(pack) -> None:
    with pytest.raises(ValueError, match="no round 1"):
        Round(pack, mystery_index=1)


def test_the_grid_comes_from_the_mystery(make_pack) -> None:
    played = Round(make_pack(grid="3x6"), seed=2)
    assert (played.board.rows, played.board.cols) == (3, 6)


def test_right_answer_uncovers_one_tile(pack) -> None:
    events, observe = recorder()
    played = Round(pack, seed=1, observers=[observe])
    result = played.answer(played.question.answer, seconds=4)
    assert result.event.right
    assert result.tile is not None
    assert not played.board.is_hidden(result.tile)
    assert played.board.hidden_count == 19
    assert events[-2:] == [result.event, TileUncovered(result.tile.row, result.tile.col, 19)]
    assert played.phase is Phase.FEEDBACK


def test_right_answer_scores_by_the_kahoot_rule(pack) -> None:
    played = Round(pack, seed=1)
    played.answer(played.question.answer, seconds=4)
    assert played.score == 900  # 1000 x (1 - (4/20)/2)
    assert played.streak == 1


def test_wrong_answer_uncovers_nothing_and_breaks_the_streak(pack) -> None:
    played = Round(pack, seed=1)
    played.answer(played.question.answer, seconds=0)
    played.next_question()
    result = played.answer(wrong_response(played.question), seconds=1)
    assert not result.event.right
    assert result.tile is None
    assert result.event.points.total == 0
    assert played.board.hidden_count == 19
    assert played.streak == 0
    assert played.score == 1000


def test_consecutive_right_answers_grow_the_streak_bonus(pack) -> None:
    played = Round(pack, seed=4)
    bonuses = []
    for _ in range(7):
        bonuses.append(played.answer(played.question.answer, seconds=0).event.points.streak_bonus)
        played.next_question()
    assert bonuses == [0, 100, 200, 300, 400, 500, 500]
    assert played.streak == played.longest_streak == 7


def test_running_out_of_time_is_a_wrong_answer(pack) -> None:
    played = Round(pack, seed=1)
    result = played.answer(None, seconds=20)
    assert result.event.timed_out
    assert not result.event.right
    assert result.event.response is None
    assert result.tile is None
    assert result.right_answer == played.question.answer


def test_a_right_answer_after_the_limit_is_late(pack) -> None:
    played = Round(pack, seed=1)
    result = played.answer(played.question.answer, seconds=20.5)
    assert result.event.timed_out
    assert not result.event.right
    assert played.board.hidden_count == 20
    assert played.score == 0


def test_a_right_answer_at_the_limit_is_in_time_and_earns_the_base(pack) -> None:
    played = Round(pack, seed=1)
    result = played.answer(played.question.answer, seconds=20)
    assert result.event.right
    assert not result.event.timed_out
    assert result.tile is not None
    assert played.score == 500  # 1000 x (1 - (20/20)/2)


def test_a_question_own_time_limit_overrides_the_pack_default(make_pack) -> None:
    played = Round(make_pack(questions=1, time_limit=20, question_limits=[60]), seed=0)
    assert played.time_limit == 60
    played.answer(played.question.answer, seconds=30)
    assert played.score == 750  # 1000 x (1 - (30/60)/2)


def test_with_the_timer_off_there_is_no_limit_and_no_time_bonus(pack) -> None:
    events, observe = recorder()
    played = Round(pack, seed=1, rules=ScoringRules(timer=False), observers=[observe])
    assert played.time_limit is None
    assert events[0].time_limit is None
    result = played.answer(played.question.answer, seconds=100)
    assert result.event.right
    assert played.score == 500


def test_with_streaks_off_there_is_no_streak_bonus(pack) -> None:
    played = Round(pack, seed=1, rules=ScoringRules(streaks=False))
    for _ in range(3):
        played.answer(played.question.answer, seconds=0)
        played.next_question()
    assert played.streak == 3
    assert played.score == 3000


def test_typed_answers_are_matched_forgivingly(pack) -> None:
    played = Round(pack, seed=1)
    index = pack.questions.index(played.question)
    result = played.answer(typed_answer(index).upper().replace("ANSWER", "ANSWR"), seconds=1)
    assert result.event.right


def test_a_typed_answer_with_another_number_is_wrong(pack) -> None:
    played = Round(pack, seed=1)
    index = pack.questions.index(played.question)
    assert not played.answer(typed_answer(index + 10), seconds=1).event.right


@pytest.mark.parametrize(
    ("response", "right"),
    [(True, True), ("yes", True), ("T", True), ("no", False), (False, False), ("maybe", False)],
)
def test_true_false_answers_accept_the_usual_words(make_pack, response, right: bool) -> None:
    played = Round(make_pack(questions=1, kinds=("truefalse",)), seed=0)
    assert played.question.answer is True  # question 0 of the factory is true
    assert played.answer(response, seconds=1).event.right is right


@pytest.mark.parametrize(
    ("response", "right"), [("right", True), ("wrong one", False), ("Right", False)]
)
def test_a_choice_is_right_only_when_it_is_the_right_choice(make_pack, response, right) -> None:
    played = Round(make_pack(questions=1, kinds=("choice",)), seed=0)
    assert played.answer(response, seconds=1).event.right is right


# -- the order of questions ------------------------------------------------------------


@given(seed=seeds, count=st.integers(min_value=1, max_value=25))
def test_no_question_repeats_while_unused_ones_remain(seed: int, count: int) -> None:
    played = Round(build_pack(questions=count, grid="4x5"), seed=seed)
    asked = []
    while played.phase is Phase.ASKING:
        asked.append(played.question)
        played.answer(wrong_response(played.question), seconds=1)
        played.next_question()
    assert len(asked) == count
    assert {id(q) for q in asked} == {id(q) for q in played.pack.questions}
    assert played.phase is Phase.FINAL_GUESS


@given(seed=seeds)
def test_same_seed_asks_the_same_questions_and_uncovers_the_same_tiles(seed: int) -> None:
    def run() -> tuple[list[Any], list[Any]]:
        played = Round(MIXED, seed=seed)
        asked, tiles = [], []
        while played.phase is Phase.ASKING:
            asked.append(played.question)
            tiles.append(played.answer(played.question.answer, seconds=1).tile)
            played.next_question()
        return asked, tiles

    assert run() == run()


def test_different_seeds_ask_in_different_orders(pack) -> None:
    orders = set()
    for seed in range(10):
        played = Round(pack, seed=seed)
        orders.add(played.question.id)
    assert len(orders) > 1


# -- the end of a round --------------------------------------------------------------


def test_questions_used_up_lead_to_the_final_guess(make_pack) -> None:
    played = Round(make_pack(questions=3, grid="4x5"), seed=1)
    for _ in range(3):
        played.answer(played.question.answer, seconds=0)
        played.next_question()
    assert played.phase is Phase.FINAL_GUESS
    assert played.question is None
    assert played.board.hidden_count == 17
    with pytest.raises(RoundError):
        played.answer("anything", seconds=1)


def test_every_tile_uncovered_leads_to_the_final_guess(make_pack) -> None:
    played = Round(make_pack(questions=5, grid="1x2"), seed=1)
    for _ in range(2):
        played.answer(played.question.answer, seconds=0)
        played.next_question()
    assert played.board.all_uncovered
    assert played.phase is Phase.FINAL_GUESS
    assert played.questions_left == 3


def test_right_guess_ends_the_round_with_the_image_bonus(pack) -> None:
    events, observe = recorder()
    played = Round(pack, seed=1, observers=[observe])
    played.answer(played.question.answer, seconds=0)  # 1000
    guess = played.guess_image("the eiffel tower!", seconds=3)
    assert guess.right
    assert guess.hidden_tiles == 19
    assert guess.points.total == 1000 + 19 * 200
    assert played.score == 1000 + 4800
    assert played.phase is Phase.ENDED
    assert isinstance(events[-2], ImageGuessed)
    assert isinstance(events[-1], RoundEnded)
    summary = events[-1].summary
    assert summary is played.summary
    assert summary.outcome is RoundOutcome.GUESSED
    assert summary.score == 5800
    assert (summary.right, summary.wrong, summary.hidden_at_guess) == (1, 0, 19)
    assert summary.seconds_played == 3


def test_an_accepted_other_name_is_a_right_guess(pack) -> None:
    assert Round(pack, seed=1).guess_image("La Tour Eiffel", seconds=1).right


def test_wrong_guess_before_the_end_costs_the_penalty_and_play_goes_on(pack) -> None:
    played = Round(pack, seed=1)
    played.answer(played.question.answer, seconds=4)  # 900
    guess = played.guess_image(WRONG_GUESS, seconds=1)
    assert not guess.right
    assert not guess.final
    assert guess.points.penalty == 300
    assert played.score == 600
    assert played.phase is Phase.FEEDBACK
    played.next_question()
    assert played.phase is Phase.ASKING


def test_wrong_guess_never_takes_the_score_below_zero(pack) -> None:
    played = Round(pack, seed=1, rules=ScoringRules(timer=False))
    played.answer(played.question.answer, seconds=1)  # 500
    penalties = [played.guess_image(WRONG_GUESS, seconds=1).points.penalty for _ in range(3)]
    assert penalties == [300, 200, 0]
    assert played.score == 0


def test_wrong_final_guess_ends_the_round_missed_at_no_cost(make_pack) -> None:
    played = Round(make_pack(questions=2, grid="4x5"), seed=1)
    for _ in range(2):
        played.answer(played.question.answer, seconds=0)
        played.next_question()
    score = played.score
    guess = played.guess_image(WRONG_GUESS, seconds=5)
    assert guess.final
    assert guess.points.total == 0
    assert played.score == score == 2100
    assert played.phase is Phase.ENDED
    assert played.summary.outcome is RoundOutcome.MISSED


@pytest.mark.parametrize(("questions", "grid"), [(5, "1x2"), (2, "4x5")])
def test_a_guess_once_nothing_is_left_to_ask_is_the_final_guess(
    make_pack, questions: int, grid: str
) -> None:
    # After the last tile or the last question, the guess made from the answer's feedback
    # is the final guess, as it would be one step later: no penalty, and the round ends.
    played = Round(make_pack(questions=questions, grid=grid), seed=1)
    played.answer(played.question.answer, seconds=0)
    played.next_question()
    played.answer(played.question.answer, seconds=0)
    assert played.phase is Phase.FEEDBACK
    guess = played.guess_image(WRONG_GUESS, seconds=1)
    assert guess.final
    assert guess.points.total == 0
    assert played.phase is Phase.ENDED


def test_what_is_at_stake_is_what_the_move_then_earns(make_pack) -> None:
    # The screen shows these before the move; they must be what the move then scores.
    played = Round(make_pack(questions=3, grid="4x5"), seed=1)
    assert played.answer_worth() == 1000  # at once, no streak yet
    worth = played.answer_worth()
    assert played.answer(played.question.answer, seconds=0).event.points.total == worth
    assert played.answer_worth() == 0  # nothing waits during the feedback
    played.next_question()
    assert played.answer_worth() == 1100  # a second right answer in a row
    right, wrong = played.guess_stakes()
    assert not played.guess_is_final
    assert played.guess_image(WRONG_GUESS, seconds=1).points == wrong
    assert wrong.penalty == 300
    assert played.guess_image(MYSTERY_ANSWER, seconds=1).points == right


def test_a_guess_from_the_last_feedback_is_at_stake_as_the_final_one(make_pack) -> None:
    played = Round(make_pack(questions=1, grid="4x5"), seed=1)
    assert not played.guess_is_final
    played.answer(played.question.answer, seconds=0)
    assert played.phase is Phase.FEEDBACK
    assert played.guess_is_final  # no question left: a wrong guess ends it, free
    assert played.guess_stakes()[1].total == 0


def test_a_wrong_guess_is_at_stake_for_no_more_than_the_score(pack) -> None:
    played = Round(pack, seed=1, rules=ScoringRules(timer=False))
    assert played.guess_stakes()[1].penalty == 0
    played.answer(played.question.answer, seconds=1)  # 500
    assert played.guess_stakes()[1].penalty == 300
    played.guess_image(WRONG_GUESS, seconds=1)
    assert played.guess_stakes()[1].penalty == 200


def test_time_left_counts_down_to_zero_and_is_none_without_a_limit(pack) -> None:
    played = Round(pack, seed=1)
    assert played.time_left(5) == 15
    assert played.time_left(25) == 0.0
    untimed = Round(pack, seed=1, rules=ScoringRules(timer=False))
    assert untimed.time_left(25) is None


def test_nothing_is_allowed_after_the_end(pack) -> None:
    played = Round(pack, seed=1)
    played.guess_image(MYSTERY_ANSWER, seconds=1)
    with pytest.raises(RoundError):
        played.guess_image(MYSTERY_ANSWER, seconds=1)
    with pytest.raises(RoundError):
        played.answer("x", seconds=1)
    with pytest.raises(RoundError):
        played.next_question()


def test_each_phase_allows_only_its_own_moves(pack) -> None:
    played = Round(pack, seed=1)
    with pytest.raises(RoundError):
        played.next_question()
    played.answer("x", seconds=1)
    with pytest.raises(RoundError):
        played.answer("x", seconds=1)


def test_events_come_in_the_order_things_happen(pack) -> None:
    events, observe = recorder()
    played = Round(pack, seed=1, observers=[observe])
    played.answer(played.question.answer, seconds=1)
    played.next_question()
    played.answer("nope", seconds=1)
    played.guess_image(MYSTERY_ANSWER, seconds=1)
    kinds = [type(e) for e in events]
    assert kinds == [
        QuestionAsked,
        AnswerGiven,
        TileUncovered,
        QuestionAsked,
        AnswerGiven,
        ImageGuessed,
        RoundEnded,
    ]


@pytest.mark.parametrize("seed", range(6))
def test_best_possible_is_what_the_best_play_earns(make_pack, seed: int) -> None:
    # Two tiles; one question without a limit (500) and two with one (1000 at once). Best
    # play passes over the one without a limit: N T T and T T N give 1000 + 1100 + 1000 =
    # 3100, T N T gives 1000 + 1000 + 1000 = 3000; answering all would give less.
    pack = make_pack(questions=3, grid="1x2", time_limit=None, question_limits=[None, 20, 20])
    played = Round(pack, seed=seed)
    limits = []
    while played.phase is not Phase.FINAL_GUESS:
        limits.append(played.time_limit)
        if played.time_limit is None:
            played.answer("a wrong answer", seconds=0)
        else:
            played.answer(played.question.answer, seconds=0)
        played.next_question()
    played.guess_image(MYSTERY_ANSWER, seconds=1)
    expected = 3000 if limits == [20, None, 20] else 3100
    assert played.score == played.best_possible == expected
    assert played.summary.share_of_best == 1.0


# -- under random play -----------------------------------------------------------------


@given(pack=packs, seed=seeds, rules=rule_sets, moves=actions)
def test_score_is_never_negative_and_never_beats_the_best_possible(
    pack, seed: int, rules: ScoringRules, moves: list[tuple[str, float]]
) -> None:
    events, observe = recorder()
    played = Round(pack, seed=seed, rules=rules, observers=[observe])
    for kind, seconds in moves:
        play(played, kind, seconds)
        assert 0 <= played.score <= played.best_possible
    earned = sum(e.points.total for e in events if isinstance(e, AnswerGiven | ImageGuessed))
    assert played.score == earned == played.breakdown.total
    assert played.board.hidden_count == played.board.total - played.right_count


@given(seed=seeds, rules=rule_sets, moves=actions)
def test_same_seed_and_actions_replay_the_same_game(
    seed: int, rules: ScoringRules, moves: list[tuple[str, float]]
) -> None:
    runs = []
    for _ in range(2):
        events, observe = recorder()
        played = Round(MIXED, seed=seed, rules=rules, observers=[observe])
        for kind, seconds in moves:
            play(played, kind, seconds)
        runs.append((state(played), events))
    assert runs[0] == runs[1]


@given(seed=seeds, rules=rule_sets, moves=actions, cut=st.integers(min_value=0, max_value=30))
def test_snapshot_and_restore_rebuild_the_round_after_any_prefix(
    seed: int, rules: ScoringRules, moves: list[tuple[str, float]], cut: int
) -> None:
    played = Round(MIXED, seed=seed, rules=rules)
    for kind, seconds in moves[:cut]:
        play(played, kind, seconds)
    snapshot = json.loads(json.dumps(played.snapshot()))  # it survives being saved as JSON
    restored = Round.restore(MIXED, snapshot)
    assert state(restored) == state(played)
    for kind, seconds in moves[cut:]:
        play(played, kind, seconds)
        play(restored, kind, seconds)
    assert state(restored) == state(played)


def test_restored_round_scores_answers_near_the_limit_the_same(pack) -> None:
    # Seconds are kept to the millisecond; the live round must score what a replay scores.
    for seconds in (20.0004, 20.0006, 0.0204, 7.77777):
        played = Round(pack, seed=1)
        played.answer(played.question.answer, seconds)
        restored = Round.restore(pack, played.snapshot())
        assert state(restored) == state(played), seconds


def test_restore_keeps_the_rules_of_the_game(pack) -> None:
    rules = ScoringRules(base=100, streak_step=10, timer=False)
    played = Round(pack, seed=1, rules=rules)
    played.answer(played.question.answer, seconds=1)
    restored = Round.restore(pack, json.loads(json.dumps(played.snapshot())))
    assert restored.rules == rules
    assert restored.score == played.score == 100


def test_restore_tells_the_observers_the_replayed_events(pack) -> None:
    played = Round(pack, seed=1)
    played.answer(played.question.answer, seconds=1)
    events, observe = recorder()
    Round.restore(pack, played.snapshot(), observers=[observe])
    assert [type(e) for e in events] == [QuestionAsked, AnswerGiven, TileUncovered]


def test_restore_refuses_a_snapshot_of_another_pack(pack) -> None:
    snapshot = Round(pack, seed=1).snapshot()
    other = pack.model_copy(update={"id": "another-pack"})
    with pytest.raises(ValueError, match="does not belong"):
        Round.restore(other, snapshot)
    with pytest.raises(ValueError, match="does not belong"):
        Round.restore(pack, {**snapshot, "version": 99})


def test_restore_refuses_actions_the_round_cannot_replay(pack) -> None:
    snapshot = Round(pack, seed=1).snapshot()
    with pytest.raises(ValueError, match="cannot be replayed"):
        Round.restore(pack, {**snapshot, "actions": [["next"]]})
    with pytest.raises(ValueError, match="unknown action"):
        Round.restore(pack, {**snapshot, "actions": [["jump", 3]]})


# -- judging in the pack's language, number questions, several right choices ------------


def one_question_pack(question: dict[str, Any], language: str = "en", answer: str = "Map") -> Pack:
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "one",
            "title": "One",
            "description": "One question.",
            "language": language,
            "rounds": [{"image": "m.png", "answer": answer, "grid": "1x2"}],
            "questions": [question],
        }
    )


@pytest.mark.parametrize(
    ("question", "language", "response", "right"),
    [
        ({"answer": "1000"}, "en", "1 000", True),
        ({"answer": "1000"}, "en", "1,000", True),
        ({"answer": "1000"}, "en", "1000.0", True),
        ({"answer": "1000"}, "en", "1.000", False),  # one point nought in English
        ({"answer": "1000"}, "de", "1.000", True),
        ({"answer": "1000"}, "ru", "1,000", False),  # ambiguous where the comma is decimal
        ({"answer": "3,5"}, "ru", "3.5", True),
        ({"answer": "3,5"}, "ru", "3,50", True),
        ({"answer": "-40"}, "en", "40", False),
        ({"answer": "-40"}, "en", "\u221240", True),
        ({"answer": "1000", "tolerance": "5"}, "en", "1004", True),
        ({"answer": "1000", "tolerance": "5"}, "en", "995", True),
        ({"answer": "1000", "tolerance": "5"}, "en", "1006", False),
        ({"answer": "15", "min": "10", "max": "20"}, "en", "10", True),
        ({"answer": "15", "min": "10", "max": "20"}, "en", "20.5", False),
        ({"answer": "1000", "accept": ["1024"]}, "en", "1024", True),
        ({"answer": "42"}, "en", "about 42", True),  # words around the number are no number
        ({"answer": "42"}, "en", "42 or 43", False),
        ({"answer": "42"}, "en", "", False),
    ],
)
def test_a_number_question_is_judged_as_a_number_in_the_pack_language(
    question: dict[str, Any], language: str, response: str, right: bool
) -> None:
    pack = one_question_pack({"type": "number", "prompt": "How many?", **question}, language)
    played = Round(pack, seed=0)
    assert played.answer(response, seconds=1).event.right is right


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ({"answer": "1 000"}, "1 000"),
        ({"answer": "1000", "tolerance": "5"}, "1000 \u00b1 5"),
        ({"answer": "15", "min": "10", "max": "20"}, "15 (from 10 to 20)"),
    ],
)
def test_the_right_answer_of_a_number_question_shows_its_tolerance_or_range(
    question: dict[str, Any], shown: str
) -> None:
    pack = one_question_pack({"type": "number", "prompt": "How many?", **question})
    played = Round(pack, seed=0)
    # the pack's numbers as written, with the interface's words in English (str of a Message)
    assert str(played.answer("0", seconds=1).right_answer) == shown


@pytest.mark.parametrize(
    ("response", "right"), [("Belarus", True), ("Russia", True), ("Poland", False)]
)
def test_any_of_several_right_choices_counts(response: str, right: bool) -> None:
    pack = one_question_pack(
        {
            "type": "choice",
            "prompt": "Which are in the Union State?",
            "choices": ["Belarus", "Poland", "Russia"],
            "answer": ["Belarus", "Russia"],
        }
    )
    played = Round(pack, seed=0)
    result = played.answer(response, seconds=1)
    assert result.event.right is right
    assert str(result.right_answer) == "Belarus or Russia"


def test_typed_answers_and_guesses_are_judged_in_the_pack_language() -> None:
    question = {"type": "typed", "prompt": "Plural of бой?", "answer": "бои"}
    russian = Round(one_question_pack(question, "ru", answer="Ёлка"), seed=0)
    assert not russian.answer("бой", seconds=1).event.right  # й is a letter of its own
    assert russian.guess_image("елка", seconds=2).right  # ё may be typed е in Russian
    belarusian = Round(one_question_pack(question, "be", answer="Ёлка"), seed=0)
    assert belarusian.answer("БОИ", seconds=1).event.right
    assert not belarusian.guess_image("елка", seconds=2).right  # ё is always written in be
