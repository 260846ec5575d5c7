"""A printed exam's version is its seed: the game's own deal of questions, choices and
tiles, points by difficulty, and a draw of N questions without repeats."""

from __future__ import annotations

from typing import Any

import pytest

from clarity.core.board import Tile
from clarity.core.class_round import ClassRound, deal, deal_shown
from clarity.core.exam import (
    CHOICE_LETTERS,
    POINTS_BY_DIFFICULTY,
    ExamVersion,
    exam_version,
    points_for,
    tiles_shown,
)
from clarity.core.packs.models import ChoiceQuestion, Difficulty, Pack

SEEDS = range(200)


def mixed_pack(
    *,
    shuffle: bool = True,
    count: int = 8,
    kinds: tuple[str, ...] = ("choice", "truefalse", "typed", "number"),
) -> Pack:
    """``count`` questions of ``kinds`` in turn and every difficulty, choice questions with
    their right choice written first (and one with two right choices)."""
    difficulties = ("easy", "medium", "hard")
    items: list[dict[str, Any]] = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        item: dict[str, Any] = {
            "id": f"q{i}",
            "type": kind,
            "prompt": f"Question {i}?",
            "difficulty": difficulties[i % len(difficulties)],
        }
        if kind == "choice":
            item["choices"] = [f"right {i}", f"also right {i}", f"wrong {i}", f"other {i}"]
            item["answer"] = [f"right {i}", f"also right {i}"] if i % 8 == 0 else f"right {i}"
            item["shuffle"] = shuffle
        elif kind == "truefalse":
            item["answer"] = i % 3 == 0
        elif kind == "typed":
            item["answer"] = f"Answer {i}"
        else:
            item["answer"] = str(1000 + i)
        items.append(item)
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "mixed",
            "title": "Mixed",
            "description": "Every kind of question.",
            "rounds": [
                {"image": "a.png", "answer": "A", "grid": "4x5"},
                {"image": "b.png", "answer": "B", "grid": "2x3"},
            ],
            "questions": items,
        }
    )


def layout(version: ExamVersion) -> tuple[object, ...]:
    """What a student sees of a version: the questions' order and their choices."""
    return tuple((item.question_index, item.choices) for item in version.items)


def test_the_same_seed_gives_the_same_version() -> None:
    pack = mixed_pack()
    for seed in (0, 1, 1234, 2**40):
        assert exam_version(pack, seed=seed) == exam_version(pack, seed=seed)


def test_every_seed_of_a_range_gives_a_version_of_its_own() -> None:
    pack = mixed_pack()
    layouts = {layout(exam_version(pack, seed=seed)) for seed in SEEDS}
    assert len(layouts) == len(SEEDS)


def test_neighbouring_seeds_differ_in_the_choices_even_when_the_order_is_kept() -> None:
    pack = mixed_pack(kinds=("choice",))
    for seed in SEEDS:
        one = exam_version(pack, seed=seed, keep_order=True)
        other = exam_version(pack, seed=seed + 1, keep_order=True)
        assert [i.question_index for i in one.items] == list(range(8))
        assert layout(one) != layout(other), seed


def test_a_version_asks_in_the_order_a_round_of_the_same_seed_asks() -> None:
    pack = mixed_pack()
    for seed in range(20):
        _, order, shown = deal_shown(pack, 0, seed)
        version = exam_version(pack, seed=seed)
        assert tuple(item.question_index for item in version.items) == order
        for item in version.items:
            assert item.question == shown[item.question_index]


def test_a_version_shows_the_choices_a_round_of_the_same_seed_shows() -> None:
    pack = mixed_pack()
    for seed in range(20):
        game = ClassRound(pack, contestants=1, seed=seed)
        version = exam_version(pack, seed=seed)
        first = version.items[0]
        assert game.question is not None
        assert game.question.prompt == first.question.prompt
        assert game.choices_shown == first.choices


def test_choices_are_shuffled_unless_the_pack_says_shuffle_false() -> None:
    places = set()
    for seed in SEEDS:
        for item in exam_version(mixed_pack(), seed=seed).items:
            if item.choices:
                places.add(item.choices.index(f"right {item.question_index}"))
    assert places == {0, 1, 2, 3}
    for seed in range(30):
        for item in exam_version(mixed_pack(shuffle=False), seed=seed).items:
            if item.choices:
                original = pack_question(mixed_pack(shuffle=False), item.question_index)
                assert item.choices == original.choices


def pack_question(pack: Pack, index: int) -> ChoiceQuestion:
    question = pack.questions[index]
    assert isinstance(question, ChoiceQuestion)
    return question


def test_the_right_letters_name_the_right_choices_where_they_are_shown() -> None:
    for seed in range(50):
        for item in exam_version(mixed_pack(), seed=seed).items:
            question = item.question
            if not isinstance(question, ChoiceQuestion):
                assert item.choices == ()
                assert item.right_letters == ()
                continue
            named = {item.choices[CHOICE_LETTERS.index(letter)] for letter in item.right_letters}
            assert named == set(question.right_answers)
            assert list(item.right_letters) == sorted(item.right_letters)
            assert [letter for letter, _ in item.lettered_choices] == list(
                CHOICE_LETTERS[: len(item.choices)]
            )


def test_several_right_choices_get_a_letter_each() -> None:
    version = exam_version(mixed_pack(), seed=5)
    (first,) = [item for item in version.items if item.question_index == 0]
    assert len(first.right_letters) == 2


def test_points_go_by_difficulty_and_add_up_to_full_marks() -> None:
    assert POINTS_BY_DIFFICULTY == {Difficulty.EASY: 1, Difficulty.MEDIUM: 2, Difficulty.HARD: 3}
    pack = mixed_pack(count=9)
    version = exam_version(pack, seed=3)
    for item in version.items:
        expected = {"easy": 1, "medium": 2, "hard": 3}[item.question.difficulty]
        assert item.points == expected == points_for(item.question)
    # three questions of each difficulty: 3 * (1 + 2 + 3)
    assert version.total_points == 18


def test_numbers_count_from_one_in_the_order_printed() -> None:
    version = exam_version(mixed_pack(), seed=9)
    assert [item.number for item in version.items] == list(range(1, 9))


def test_n_questions_are_drawn_by_the_seed_without_repeats() -> None:
    pack = mixed_pack(count=12)
    drawn = set()
    for seed in SEEDS:
        version = exam_version(pack, seed=seed, questions=5)
        indexes = [item.question_index for item in version.items]
        assert len(indexes) == len(set(indexes)) == 5
        assert [item.number for item in version.items] == [1, 2, 3, 4, 5]
        drawn.add(frozenset(indexes))
        _, order = deal(pack, 0, seed)
        assert tuple(indexes) == order[:5]
    assert len(drawn) > 100  # many different draws, not one fixed five


def test_asking_for_more_questions_than_the_pack_has_prints_them_all() -> None:
    pack = mixed_pack(count=6)
    for wanted in (None, 6, 7, 1000):
        version = exam_version(pack, seed=1, questions=wanted)
        assert sorted(item.question_index for item in version.items) == list(range(6))


def test_keep_order_prints_the_same_draw_in_the_packs_order() -> None:
    pack = mixed_pack(count=12)
    for seed in range(30):
        dealt = exam_version(pack, seed=seed, questions=5)
        kept = exam_version(pack, seed=seed, questions=5, keep_order=True)
        indexes = [item.question_index for item in kept.items]
        assert indexes == sorted(item.question_index for item in dealt.items)
        # the same question is shown with the same choices either way
        by_index = {item.question_index: item.choices for item in dealt.items}
        assert all(by_index[item.question_index] == item.choices for item in kept.items)


@pytest.mark.parametrize(
    ("total", "shown"), [(2, 1), (3, 1), (4, 1), (6, 1), (8, 2), (16, 3), (20, 4), (400, 80)]
)
def test_a_fifth_of_the_tiles_is_shown_at_least_one_never_all(total: int, shown: int) -> None:
    assert tiles_shown(total) == shown


def test_the_open_tiles_are_the_first_a_round_of_the_seed_uncovers() -> None:
    pack = mixed_pack()
    for seed in range(20):
        for mystery in (0, 1):
            version = exam_version(pack, seed=seed, mystery_index=mystery)
            board, _ = deal(pack, mystery, seed)
            grid = pack.rounds[mystery].grid
            expected = tuple(board.uncover_next() for _ in range(tiles_shown(grid.tiles)))
            assert version.open_tiles == expected
            assert version.mystery_index == mystery
            assert all(
                isinstance(t, Tile) and 0 <= t.row < grid.rows and 0 <= t.col < grid.cols
                for t in version.open_tiles
            )
            assert len(set(version.open_tiles)) == len(version.open_tiles)


def test_every_round_of_the_pack_is_a_mystery_with_its_own_open_tiles() -> None:
    pack = mixed_pack()
    for seed in range(20):
        for dealt_by in (0, 1):
            version = exam_version(pack, seed=seed, mystery_index=dealt_by)
            assert [m.round_index for m in version.mysteries] == [0, 1]
            for mystery in version.mysteries:
                board, _ = deal(pack, mystery.round_index, seed)
                grid = pack.rounds[mystery.round_index].grid
                expected = tuple(board.uncover_next() for _ in range(tiles_shown(grid.tiles)))
                assert mystery.open_tiles == expected
            # the 4x5 picture shows 4 of its tiles, the 2x3 one 1 of its 6
            assert [len(m.open_tiles) for m in version.mysteries] == [4, 1]
            assert version.open_tiles == version.mysteries[dealt_by].open_tiles


@pytest.mark.parametrize("wanted", [0, -1, True])
def test_fewer_than_one_question_is_refused(wanted: int) -> None:
    with pytest.raises(ValueError, match="at least one question"):
        exam_version(mixed_pack(), seed=0, questions=wanted)


def test_a_round_the_pack_does_not_have_is_refused() -> None:
    with pytest.raises(ValueError, match="no round 2"):
        exam_version(mixed_pack(), seed=0, mystery_index=2)


def test_fewer_than_two_tiles_is_refused() -> None:
    with pytest.raises(ValueError, match="at least two tiles"):
        tiles_shown(1)
