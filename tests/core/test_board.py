"""The tile grid over the mystery image: which tiles are hidden, and in what order they go."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core.board import Board, Tile

sides = st.integers(min_value=1, max_value=20)
seeds = st.integers(min_value=0, max_value=2**32)


def uncover_all(board: Board) -> list[Tile]:
    return [board.uncover_next() for _ in range(board.total)]


def test_board_has_rows_times_cols_tiles_all_hidden_at_start() -> None:
    board = Board(4, 5, random.Random(1))
    assert board.total == 20
    assert board.hidden_count == 20
    assert board.revealed_share == 0.0
    assert not board.all_uncovered
    assert board.uncovered_tiles == ()
    assert len(board.hidden_tiles()) == 20


@pytest.mark.parametrize(("rows", "cols"), [(1, 1), (0, 5), (5, 0), (-1, 3)])
def test_board_needs_at_least_two_tiles(rows: int, cols: int) -> None:
    with pytest.raises(ValueError, match="at least two tiles"):
        Board(rows, cols, random.Random(0))


def test_smallest_board_is_one_by_two() -> None:
    board = Board(1, 2, random.Random(0))
    assert set(uncover_all(board)) == {Tile(0, 0), Tile(0, 1)}


def test_each_uncover_shows_one_more_tile() -> None:
    board = Board(4, 5, random.Random(7))
    for shown in range(1, 21):
        tile = board.uncover_next()
        assert not board.is_hidden(tile)
        assert board.hidden_count == 20 - shown
        assert board.revealed_share == pytest.approx(shown / 20)
        assert board.uncovered_tiles[-1] == tile
        assert tile not in board.hidden_tiles()
    assert board.all_uncovered
    assert board.revealed_share == 1.0
    assert board.hidden_tiles() == []


def test_uncovering_past_the_last_tile_is_an_error() -> None:
    board = Board(1, 2, random.Random(0))
    uncover_all(board)
    with pytest.raises(ValueError, match="already uncovered"):
        board.uncover_next()
    assert board.hidden_count == 0


def test_hidden_tiles_are_listed_in_reading_order() -> None:
    board = Board(3, 3, random.Random(3))
    board.uncover_next()
    board.uncover_next()
    hidden = board.hidden_tiles()
    assert hidden == sorted(hidden, key=lambda t: (t.row, t.col))
    assert len(hidden) == 7


@given(rows=sides, cols=sides, seed=seeds)
def test_uncover_order_is_a_permutation_of_the_grid(rows: int, cols: int, seed: int) -> None:
    if rows * cols < 2:
        return
    order = uncover_all(Board(rows, cols, random.Random(seed)))
    grid = {Tile(r, c) for r in range(rows) for c in range(cols)}
    assert len(order) == rows * cols
    assert set(order) == grid


@given(rows=sides, cols=sides, seed=seeds)
def test_same_seed_gives_the_same_uncover_order(rows: int, cols: int, seed: int) -> None:
    if rows * cols < 2:
        return
    first = uncover_all(Board(rows, cols, random.Random(seed)))
    second = uncover_all(Board(rows, cols, random.Random(seed)))
    assert first == second


def test_uncover_order_is_drawn_from_the_seed() -> None:
    orders = {tuple(uncover_all(Board(4, 5, random.Random(seed)))) for seed in range(20)}
    reading_order = tuple(Tile(r, c) for r in range(4) for c in range(5))
    # 20! orders: twenty seeds giving fewer than fifteen different ones would mean no shuffle.
    assert len(orders) >= 15
    assert reading_order not in orders


@given(seed=seeds, uncovered=st.integers(min_value=0, max_value=12))
def test_is_hidden_agrees_with_hidden_tiles(seed: int, uncovered: int) -> None:
    board = Board(3, 4, random.Random(seed))
    for _ in range(uncovered):
        board.uncover_next()
    hidden = set(board.hidden_tiles())
    for tile in (Tile(r, c) for r in range(3) for c in range(4)):
        assert board.is_hidden(tile) == (tile in hidden)
    assert len(hidden) == board.hidden_count == 12 - uncovered


def test_a_grid_written_as_a_mapping_still_needs_two_tiles() -> None:
    from pydantic import ValidationError

    from clarity.core.packs.models import Grid

    with pytest.raises(ValidationError, match="fewer than two tiles"):
        Grid(rows=1, cols=1)
    assert Grid(rows=1, cols=2).tiles == 2
