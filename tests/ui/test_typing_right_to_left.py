"""Typing an answer in Arabic or Hebrew, and in a line that mixes directions, in the real
App (issue 9, part 2): the field draws what was typed as every other text is drawn (the
chain of fonts, the bidi order), the caret stands where the text goes on and moves as the
arrow on its key points, Backspace takes one cluster, and what is submitted is the text as
typed."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest

from clarity.ui.scenes.play import PlayScene
from clarity.ui.widgets import TextField

from .conftest import Pilot
from .test_play import pack_of, start

CAIRO = "القاهرة"
ARABIC_QUESTION = {
    "id": "capital-egypt",
    "type": "typed",
    "prompt": "ما هي عاصمة مصر؟",
    "answer": CAIRO,
}
HEBREW_QUESTION = {
    "id": "year",
    "type": "typed",
    "prompt": "מתי קמה המדינה?",
    "answer": "שנת 1948",
}
# the caret's own width, and what a glyph's side bearing leaves between its ink and its edge
CARET_SLACK = 4


def typed_question(pilot: Pilot, tmp_path: Path, question: dict[str, str]) -> PlayScene:
    play = start(pilot, pack_of(tmp_path, [question]))
    assert play.wants_text
    return play


def field_ink(pilot: Pilot, field: TextField) -> pygame.Rect:
    """The box of what is drawn inside the field (the text, without the blinking caret)."""
    pilot.until(lambda: not field.caret_shown)
    palette = pilot.app.services.assets.look.palette
    inside = field.rect.inflate(-2 * field.rect.height // 5, -field.rect.height // 5)
    shot = pilot.app.surface.subsurface(inside).copy()
    mask = pygame.mask.from_threshold(shot, palette.field, (60, 60, 60, 255))
    mask.invert()  # the pixels that are not the field's own colour
    boxes = mask.get_bounding_rects()
    assert boxes, "nothing is drawn in the field"
    return boxes[0].unionall(boxes[1:]).move(inside.topleft)


def heading_size(pilot: Pilot) -> int:
    """The size the answer field draws its text at."""
    return pilot.app.look.metrics(pilot.app.surface.get_size()).heading_size


def caret_x(pilot: Pilot, field: TextField) -> int:
    pilot.step()
    assert field.caret_x is not None
    return field.caret_x


def test_an_arabic_answer_reads_right_to_left_with_the_caret_where_it_goes_on(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = typed_question(pilot, tmp_path, ARABIC_QUESTION)
    field = play.answer_field
    pilot.type(CAIRO)
    assert field.text == CAIRO
    ink = field_ink(pilot, field)
    # an Arabic line stands at the field's right, as a right-to-left text field aligns it
    assert ink.left > field.rect.centerx
    # the text goes on to the left: after the last letter typed is the word's left end
    assert abs(caret_x(pilot, field) - ink.left) <= CARET_SLACK
    pilot.key(pygame.K_HOME)  # the start of the text: its right end
    assert field.edit.caret == 0
    assert abs(caret_x(pilot, field) - ink.right) <= CARET_SLACK


def test_left_and_right_move_the_caret_as_the_arrows_point_in_arabic(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = typed_question(pilot, tmp_path, ARABIC_QUESTION)
    field = play.answer_field
    pilot.type(CAIRO)
    pilot.key(pygame.K_HOME)
    places = [caret_x(pilot, field)]
    for _ in CAIRO:
        pilot.key(pygame.K_LEFT)  # on the screen to the left: forward in the text
        places.append(caret_x(pilot, field))
    assert places == sorted(places, reverse=True)
    assert len(set(places)) == len(places)
    assert field.edit.caret == len(CAIRO)
    pilot.key(pygame.K_LEFT)  # already at the left end
    assert caret_x(pilot, field) == places[-1]
    back = [places[-1]]
    for _ in CAIRO:
        pilot.key(pygame.K_RIGHT)
        back.append(caret_x(pilot, field))
    assert back == places[::-1]
    assert field.edit.caret == 0


def test_a_letter_typed_after_moving_goes_in_where_the_caret_stands(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = typed_question(pilot, tmp_path, ARABIC_QUESTION)
    pilot.type("القهرة")  # the second alef left out
    pilot.key(pygame.K_HOME)
    for _ in range(3):
        pilot.key(pygame.K_LEFT)  # past ا ل ق, from the right
    pilot.type("ا")
    assert play.answer_field.text == CAIRO
    pilot.key(pygame.K_RETURN)
    assert play.feedback is not None
    assert play.feedback.event.response == CAIRO  # what is submitted is the text as typed
    assert play.feedback.event.right


def test_a_hebrew_year_is_drawn_digits_left_to_right_and_the_caret_walks_across_it(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = typed_question(pilot, tmp_path, HEBREW_QUESTION)
    field = play.answer_field
    pilot.type("שנת 1948")
    ink = field_ink(pilot, field)
    # on the screen "1948 תנש": the caret after the 8 is between the year and the word
    after_year = caret_x(pilot, field)
    assert ink.left + ink.width // 4 < after_year < ink.right - ink.width // 4
    for _ in "1948":
        pilot.key(pygame.K_LEFT)
    assert abs(caret_x(pilot, field) - ink.left) <= CARET_SLACK  # before the 1: the left end
    places = [caret_x(pilot, field)]
    for _ in "שנת 1948":
        pilot.key(pygame.K_RIGHT)
        places.append(caret_x(pilot, field))
    # every press one step to the right, never back: the caret follows what is seen
    assert all(a < b for a, b in itertools.pairwise(places))
    assert abs(places[-1] - ink.right) <= CARET_SLACK
    assert field.edit.caret == 0  # the right end is the start of the Hebrew text
    pilot.key(pygame.K_END)
    assert caret_x(pilot, field) == after_year
    pilot.key(pygame.K_RETURN)
    assert play.feedback is not None
    assert play.feedback.event.response == "שנת 1948"
    assert play.feedback.event.right


def test_the_field_draws_the_answer_as_every_other_text_is_drawn(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = typed_question(pilot, tmp_path, ARABIC_QUESTION)
    field = play.answer_field
    pilot.type("مدينة Paris")
    ink = field_ink(pilot, field)
    palette = pilot.app.services.assets.look.palette
    shot = pilot.app.surface.subsurface(ink).copy()
    in_field = pygame.mask.from_threshold(shot, palette.field, (60, 60, 60, 255))
    in_field.invert()
    line = pilot.app.services.assets.text("مدينة Paris", heading_size(pilot), (0, 0, 0))
    drawn = pygame.mask.from_surface(line, 127)
    box = drawn.get_bounding_rects()[0].unionall(drawn.get_bounding_rects()[1:])
    alone = pygame.mask.Mask(box.size)
    alone.draw(drawn, (-box.x, -box.y))
    # the same runs in the same order ("Paris" left of the Arabic, which reads from the
    # right), the Arabic letters joined: pixel for pixel, but for antialiasing
    assert abs(ink.width - box.width) <= 1
    assert alone.overlap_area(in_field, (0, 0)) >= 0.9 * alone.count()


@pytest.mark.parametrize(
    ("cluster", "name"),
    [
        ("e\u0301", "e and a combining acute"),
        ("🇧🇾", "a flag"),
        ("👨\u200d👩\u200d👧", "a family joined by ZWJ"),
        ("👋🏽", "a hand with a skin tone"),
    ],
)
def test_backspace_and_the_arrows_take_a_whole_cluster(
    cluster: str, name: str, pilot: Pilot, tmp_path: Path
) -> None:
    play = typed_question(pilot, tmp_path, ARABIC_QUESTION)
    field = play.answer_field
    # an input method or an emoji picker sends the cluster as one text, with no key press
    pilot.post([pygame.event.Event(pygame.TEXTINPUT, text=f"a{cluster}b")])
    pilot.key(pygame.K_LEFT)
    pilot.key(pygame.K_LEFT)
    assert field.edit.caret == 1, name  # over b, then over the whole cluster
    pilot.key(pygame.K_RIGHT)
    assert field.edit.caret == 1 + len(cluster), name
    pilot.key(pygame.K_BACKSPACE)
    assert field.text == "ab", name


def test_backspace_takes_an_arabic_letter_with_its_vowel_mark(pilot: Pilot, tmp_path: Path) -> None:
    play = typed_question(pilot, tmp_path, ARABIC_QUESTION)
    pilot.type("بَ")  # beh, then Shift+Q: fatha
    pilot.type("ب")
    assert play.answer_field.text == "بَب"
    pilot.key(pygame.K_BACKSPACE)
    pilot.key(pygame.K_BACKSPACE)
    assert play.answer_field.text == ""


def test_a_pasted_right_to_left_answer_is_taken_whole(pilot: Pilot, tmp_path: Path) -> None:
    play = typed_question(pilot, tmp_path, ARABIC_QUESTION)
    field = play.answer_field
    pygame.scrap.put_text(f"\u200f{CAIRO}\n")  # as copied from a web page: a mark, a newline
    pilot.key(pygame.K_v, mod=pygame.KMOD_LCTRL)
    assert field.text == f"{CAIRO} "
    ink = field_ink(pilot, field)
    space = pilot.app.services.assets.font(heading_size(pilot)).width(" ")
    assert abs(caret_x(pilot, field) - (ink.left - space)) <= CARET_SLACK  # after the space
    pilot.key(pygame.K_BACKSPACE)
    pilot.key(pygame.K_RETURN)
    assert play.feedback is not None
    assert play.feedback.event.response == CAIRO
    assert play.feedback.event.right


def test_a_long_arabic_answer_scrolls_to_keep_the_caret_in_the_field(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = typed_question(pilot, tmp_path, ARABIC_QUESTION)
    field = play.answer_field
    long_answer = " ".join([CAIRO] * 9)
    pilot.type(long_answer)
    assert field.text == long_answer
    assets = pilot.app.services.assets
    width = assets.font(heading_size(pilot)).width(long_answer)
    assert width > field.rect.width  # too long to be shown whole
    seen = []
    for key in (None, pygame.K_HOME, pygame.K_END, pygame.K_HOME):
        if key is not None:
            pilot.key(key)
        seen.append(caret_x(pilot, field))
        assert field.rect.left < seen[-1] < field.rect.right
    assert seen[1] > seen[0]  # the start is shown at the right, the end at the left
    for _ in range(30):  # walked left, the caret stays in view as the text scrolls under it
        pilot.key(pygame.K_LEFT)
        assert field.rect.left < caret_x(pilot, field) < field.rect.right
