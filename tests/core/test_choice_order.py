"""A choice question's choices are dealt in an order of the round's own, drawn from its
seed, for every way to play: the author's order (the right answer first, as packs mostly
write it) never gives the answer away. A pack keeps its order with ``shuffle: false``."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from clarity.core.class_round import ClassRound, deal, deal_shown
from clarity.core.live_round import LiveAnswer, LiveRound
from clarity.core.packs.models import ChoiceQuestion, Pack
from clarity.core.round import Round

from .factories import build_pack

SEEDS = range(200)
WRITTEN = ("Minsk", "Moscow", "Vilnius", "Riga")


def choice_pack(*, shuffle: bool | None = None, questions: int = 1) -> Pack:
    """``questions`` choice questions of four choices, the right one (Minsk) written first."""
    items: list[dict[str, Any]] = []
    for i in range(questions):
        item: dict[str, Any] = {
            "type": "choice",
            "prompt": f"The capital of Belarus ({i})?",
            "choices": list(WRITTEN),
            "answer": "Minsk",
        }
        if shuffle is not None:
            item["shuffle"] = shuffle
        items.append(item)
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "capitals",
            "title": "Capitals",
            "description": "Choice questions only.",
            "rounds": [{"image": "m.png", "answer": "Belarus", "grid": "2x2"}],
            "questions": items,
        }
    )


def right_place(question: Any) -> int:
    assert isinstance(question, ChoiceQuestion)
    return question.choices.index("Minsk")


def test_over_200_seeds_the_right_choice_stands_in_each_place_about_equally_often() -> None:
    pack = choice_pack()
    places = Counter(right_place(Round(pack, seed=seed).question) for seed in SEEDS)
    # a fixed range of seeds deals exactly these counts every time: nothing left to chance
    assert [places[i] for i in range(4)] == [51, 55, 53, 41]
    assert all(35 <= places[i] <= 65 for i in range(4))  # 50 each, give or take


def test_each_choice_order_is_as_likely_as_another_over_many_seeds() -> None:
    pack = choice_pack()
    orders = Counter(Round(pack, seed=seed).choices_shown for seed in range(2400))
    assert len(orders) == 24  # every order of four choices is dealt
    assert all(70 <= count <= 130 for count in orders.values())  # 100 each, give or take


def test_a_pack_that_says_shuffle_false_keeps_its_order_in_every_round() -> None:
    pack = choice_pack(shuffle=False)
    assert pack.questions[0].shuffle is False
    assert {Round(pack, seed=seed).choices_shown for seed in SEEDS} == {WRITTEN}
    assert choice_pack().questions[0].shuffle is True  # dealt unless the pack says not


def test_every_way_to_play_deals_the_same_choices_for_a_seed() -> None:
    pack = choice_pack(questions=3)
    for seed in range(20):
        solo = Round(pack, seed=seed)
        class_round = ClassRound(pack, contestants=2, seed=seed)
        live = LiveRound(pack, seed=seed)
        assert solo.choices_shown == class_round.choices_shown == live.choices_shown
        assert solo.question == class_round.question == live.question
        assert sorted(live.choices_shown) == sorted(WRITTEN)


def uncovered_in_order(board: Any) -> list[Any]:
    return [board.uncover_next() for _ in range(board.total)]


def test_the_choices_are_dealt_after_the_tiles_and_the_questions_order() -> None:
    pack = build_pack(questions=6, grid="3x3", kinds=("choice", "typed"))
    for seed in range(20):
        board, order = deal(pack, 0, seed)
        dealt_board, dealt_order, shown = deal_shown(pack, 0, seed)
        assert dealt_order == order
        assert uncovered_in_order(dealt_board) == uncovered_in_order(board)
        for written, as_shown in zip(pack.questions, shown, strict=True):
            if isinstance(written, ChoiceQuestion):
                assert sorted(as_shown.choices) == sorted(written.choices)
                assert as_shown.right_answers == written.right_answers
            else:
                assert as_shown is written


def test_the_right_choice_is_right_wherever_it_is_shown() -> None:
    pack = choice_pack()
    for seed in range(8):
        live = LiveRound(pack, seed=seed)
        live.join("Anna")
        live.join("Ben")
        place = live.choices_shown.index("Minsk")
        assert live.choice_text(place) == "Minsk"
        assert live.question.right_indexes == (place,)
        wrong_place = (place + 1) % 4
        taken = live.answer(0, 1, live.choice_text(place), 1.0)
        missed = live.answer(1, 1, live.choice_text(wrong_place), 1.0)
        assert isinstance(taken, LiveAnswer)
        assert taken.right
        assert isinstance(missed, LiveAnswer)
        assert not missed.right
        result = live.close_question(2.0)
        # counted per choice as shown, as the projector draws them
        assert result.choice_counts[place] == result.choice_counts[wrong_place] == 1


def test_a_shown_index_that_is_no_choice_names_no_text() -> None:
    live = LiveRound(choice_pack(), seed=3)
    assert [live.choice_text(i) for i in (-1, 4, 99)] == [None, None, None]
    assert live.choice_text(True) is None  # a device's JSON true is no index
    typed = LiveRound(build_pack(questions=2, kinds=("typed",)), seed=3)
    assert typed.choices_shown == ()
    assert typed.choice_text(0) is None


# -- saved rounds replay as they were played, frozen: never update these -------------------

# Four choice questions on a 3x3 grid; the moves as the game wrote them before the choices
# were dealt, with what that game made of them (tiles, scores, rights).
FROZEN_PACK = build_pack(questions=4, grid="3x3", time_limit=20, kinds=("choice",))
FROZEN_SOLO: dict[str, Any] = {
    "version": 3,
    "pack_id": "test-pack",
    "mystery_index": 0,
    "seed": 5,
    "timer": True,
    "streaks": True,
    "rules": {
        "base": 500,
        "streak_step": 100,
        "streak_cap": 500,
        "image_base": 1000,
        "image_per_hidden_tile": 200,
        "wrong_guess_penalty": 300,
        "timer": True,
        "streaks": True,
        "time_scale": 1.0,
    },
    "actions": [
        ["answer", "right", 3.0],
        ["next"],
        ["answer", "wrong two", 3.0],
        ["next"],
        ["answer", "right", 3.0],
        ["next"],
    ],
    "question_seconds": 0.0,
}
FROZEN_LIVE_MOVES: list[list[Any]] = [
    ["join", "A", 1.0],
    ["join", "B", 1.0],
    ["join", "C", 1.0],
    ["answer", 0, 1, "right", 2.0],
    ["answer", 1, 1, "wrong one", 3.0],
    ["answer", 2, 1, "right", 4.0],
    ["close", 5.0],
    ["next"],
    ["answer", 0, 2, "right", 2.0],
    ["answer", 1, 2, "wrong one", 3.0],
    ["answer", 2, 2, "right", 4.0],
    ["close", 5.0],
    ["next"],
]


def test_a_solo_round_saved_before_the_choices_were_dealt_replays_the_same() -> None:
    played = Round.restore(FROZEN_PACK, json.loads(json.dumps(FROZEN_SOLO)))
    assert [(t.row, t.col) for t in played.board.uncovered_tiles] == [(0, 2), (1, 0)]
    assert played.score == 1850
    assert [a.question_index for a in played.answers] == [1, 2, 3]
    assert [a.right for a in played.answers] == [True, False, True]


def test_a_class_game_saved_before_the_choices_were_dealt_replays_the_same() -> None:
    snapshot = LiveRound(FROZEN_PACK, seed=7).snapshot()
    snapshot["actions"] = FROZEN_LIVE_MOVES
    played = LiveRound.restore(FROZEN_PACK, json.loads(json.dumps(snapshot)))
    assert [(t.row, t.col) for t in played.board.uncovered_tiles] == [(0, 1), (2, 0)]
    assert [s.score for s in played.students] == [2000, 0, 1900]
