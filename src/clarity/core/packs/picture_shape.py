"""Would a pack's picture be readable where the game shows it? A warning when it would not.

The board takes a mystery picture's shape and is cut into the round's grid, so a panorama
on a 4x5 grid gives strips, and a 40:1 banner gives tiles a few pixels high: the class
cannot see what a tile hides, nor which one is which. A question's picture is fitted,
whole, beside or under its prompt on the question card, so a 1:20 picture there is a
line a few pixels wide (and a 1:40 one is not shown at all). The figures are those of
the game's smallest window (1024x640), where the board and the card have least room.
"""

from __future__ import annotations

import math

from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.models import MAX_GRID_SIDE
from clarity.core.packs.picture_decoding import pixel_size

# The board's room on the play screen in the smallest window, 1024x640, in pixels (the
# game gives it about 499x428 there; a UI test checks it is at least this much).
SMALLEST_BOARD_ROOM = (480, 400)
SMALLEST_WINDOW = "1024x640"
# A tile narrower or shorter than this is a speck on a classroom screen (the "?" on a
# cover needs about 22).
MIN_TILE_SIDE = 16
# A tile more than this many times as wide as tall (or tall as wide) is a strip.
MAX_TILE_ASPECT = 4.0
# The least room a question's picture gets on the card in the smallest window, inside its
# frame, in pixels: the card's width under the prompt, and the height beside the prompt
# of a question with six choices, the lowest (measured: 417 and 114; a UI test checks the
# card gives at least this much).
QUESTION_PICTURE_ROOM = (416, 112)
# A question's picture shown narrower or lower than this is a line: nothing in it can be
# made out from a classroom's seats.
MIN_PICTURE_SIDE = 24


def board_size(width: int, height: int) -> tuple[int, int]:
    """The board, in pixels, for a ``width`` x ``height`` picture fitted into
    :data:`SMALLEST_BOARD_ROOM` at its own shape."""
    room_w, room_h = SMALLEST_BOARD_ROOM
    scale = min(room_w / width, room_h / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def tile_size(width: int, height: int, rows: int, cols: int) -> tuple[float, float]:
    """One tile of a ``rows`` x ``cols`` grid over the picture, in pixels, on the board
    of the smallest window."""
    board_w, board_h = board_size(width, height)
    return board_w / cols, board_h / rows


def near_square_grid(width: int, height: int, tiles: int) -> tuple[int, int]:
    """``(rows, cols)`` with about ``tiles`` tiles (at least two) whose tiles come
    nearest to square on a ``width`` x ``height`` picture."""
    aspect = width / height
    best: tuple[float, int, int] | None = None
    for rows in range(1, MAX_GRID_SIDE + 1):
        cols = min(MAX_GRID_SIDE, max(1, round(tiles / rows)))
        if rows * cols < 2:
            continue
        # how far from square, then how far from the tile count asked for
        skew = abs(math.log(aspect * rows / cols))
        score = skew + 0.25 * abs(math.log(rows * cols / tiles))
        if best is None or score < best[0]:
            best = (score, rows, cols)
    assert best is not None
    return best[1], best[2]


def shape_warning(width: int, height: int, rows: int, cols: int) -> Message | None:
    """What is wrong with a ``width`` x ``height`` picture under a ``rows`` x ``cols``
    grid, in a teacher's words, or ``None`` when its tiles are readable.

    Tiles must be at least :data:`MIN_TILE_SIDE` pixels each way in the smallest window
    and at most :data:`MAX_TILE_ASPECT` times as long as they are wide.
    """
    tile_w, tile_h = tile_size(width, height, rows, cols)
    small = min(tile_w, tile_h) < MIN_TILE_SIDE
    aspect = max(tile_w / tile_h, tile_h / tile_w)
    if not small and aspect <= MAX_TILE_ASPECT:
        return None
    grid = pixel_size(rows, cols)  # a grid is written as rows x columns, plain digits too
    picture = pixel_size(width, height)
    better = near_square_grid(width, height, rows * cols)
    better_w, better_h = tile_size(width, height, *better)
    regrid = better != (rows, cols) and min(better_w, better_h) >= MIN_TILE_SIDE
    values = {"size": picture, "grid": grid, "window": SMALLEST_WINDOW}
    if small:
        values["tile"] = pixel_size(_px(tile_w), _px(tile_h))
        if regrid:
            return message(
                # Translators: {size}, {window} and {tile} are width x height in pixels
                # (1024x640); {grid} and {better} are grids, rows x columns (4x5).
                "the picture is {size} pixels, so in the game's smallest window ({window}) "
                "each tile of the {grid} grid is only {tile} pixels, too small to see; a "
                "{better} grid keeps the tiles near square",
                better=pixel_size(*better),
                **values,
            )
        return message(
            "the picture is {size} pixels, so in the game's smallest window ({window}) each "
            "tile of the {grid} grid is only {tile} pixels, too small to see; crop the picture "
            "nearer to square",
            **values,
        )
    times = round(aspect)
    if tile_w > tile_h:
        if regrid:
            return plural_message(
                # Translators: {size} is the picture's width x height in pixels; {grid} and
                # {better} are grids, rows x columns (4x5).
                "on the {grid} grid each tile of this {size} picture is {count} time as wide "
                "as it is tall, a strip the class can hardly tell apart; a {better} grid keeps "
                "the tiles near square",
                "on the {grid} grid each tile of this {size} picture is {count} times as wide "
                "as it is tall, a strip the class can hardly tell apart; a {better} grid keeps "
                "the tiles near square",
                times,
                better=pixel_size(*better),
                **values,
            )
        return plural_message(
            "on the {grid} grid each tile of this {size} picture is {count} time as wide as it "
            "is tall, a strip the class can hardly tell apart; crop the picture nearer to square",
            "on the {grid} grid each tile of this {size} picture is {count} times as wide as it "
            "is tall, a strip the class can hardly tell apart; crop the picture nearer to square",
            times,
            **values,
        )
    if regrid:
        return plural_message(
            "on the {grid} grid each tile of this {size} picture is {count} time as tall as it "
            "is wide, a strip the class can hardly tell apart; a {better} grid keeps the tiles "
            "near square",
            "on the {grid} grid each tile of this {size} picture is {count} times as tall as it "
            "is wide, a strip the class can hardly tell apart; a {better} grid keeps the tiles "
            "near square",
            times,
            better=pixel_size(*better),
            **values,
        )
    return plural_message(
        "on the {grid} grid each tile of this {size} picture is {count} time as tall as it is "
        "wide, a strip the class can hardly tell apart; crop the picture nearer to square",
        "on the {grid} grid each tile of this {size} picture is {count} times as tall as it is "
        "wide, a strip the class can hardly tell apart; crop the picture nearer to square",
        times,
        **values,
    )


def _px(value: float) -> int:
    return math.floor(value)


def question_picture_size(width: int, height: int) -> tuple[float, float]:
    """The least size, in pixels, at which the question card shows a ``width`` x
    ``height`` picture in the smallest window: fitted whole into
    :data:`QUESTION_PICTURE_ROOM` at its own shape."""
    room_w, room_h = QUESTION_PICTURE_ROOM
    scale = min(room_w / width, room_h / height)
    return width * scale, height * scale


def question_picture_warning(width: int, height: int) -> Message | None:
    """What is wrong with a ``width`` x ``height`` picture on a question, in a teacher's
    words, or ``None`` when the card shows it at least :data:`MIN_PICTURE_SIDE` pixels
    each way in the smallest window.

    Only the shape counts: the card scales a small picture up, so a 40x30 icon is as
    readable there as a 4000x3000 photo.
    """
    shown_w, shown_h = question_picture_size(width, height)
    if min(shown_w, shown_h) >= MIN_PICTURE_SIDE:
        return None
    room_w, room_h = QUESTION_PICTURE_ROOM
    values = {
        "size": pixel_size(width, height),
        "window": SMALLEST_WINDOW,
        "shown": pixel_size(_px(shown_w), _px(shown_h)),
    }
    if shown_w < shown_h:
        return plural_message(
            # Translators: {size}, {window} and {shown} are width x height in pixels (1024x640).
            "the picture is {size} pixels, so in the game's smallest window ({window}) the "
            "question card shows it as small as {shown} pixels, too thin to make out; crop it "
            "to at most {count} time as tall as it is wide",
            "the picture is {size} pixels, so in the game's smallest window ({window}) the "
            "question card shows it as small as {shown} pixels, too thin to make out; crop it "
            "to at most {count} times as tall as it is wide",
            room_h // MIN_PICTURE_SIDE,
            **values,
        )
    return plural_message(
        "the picture is {size} pixels, so in the game's smallest window ({window}) the "
        "question card shows it as small as {shown} pixels, too thin to make out; crop it to "
        "at most {count} time as wide as it is tall",
        "the picture is {size} pixels, so in the game's smallest window ({window}) the "
        "question card shows it as small as {shown} pixels, too thin to make out; crop it to "
        "at most {count} times as wide as it is tall",
        room_w // MIN_PICTURE_SIDE,
        **values,
    )
