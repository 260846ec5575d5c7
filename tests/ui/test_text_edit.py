"""The rules of a one-line text field, without pygame: caret, selection, words, limit."""

from __future__ import annotations

import pytest

from clarity.ui.text_edit import TextEdit, clean_line


def test_typing_goes_in_at_the_caret() -> None:
    edit = TextEdit(40, "Minsk")
    edit.home()
    edit.insert("In ")
    assert (edit.text, edit.caret) == ("In Minsk", 3)


def test_left_right_home_end_move_the_caret_within_the_text() -> None:
    edit = TextEdit(40, "Brest")
    edit.move_right()
    assert edit.caret == 5  # already at the end
    edit.move_left()
    edit.move_left()
    assert edit.caret == 3
    edit.home()
    edit.move_left()
    assert edit.caret == 0
    edit.end()
    assert edit.caret == 5


def test_backspace_and_delete_work_at_the_caret() -> None:
    edit = TextEdit(40, "Moscow")
    edit.home()
    edit.move_right()
    edit.delete_back()
    assert (edit.text, edit.caret) == ("oscow", 0)
    edit.delete_forward()
    assert (edit.text, edit.caret) == ("scow", 0)
    edit.delete_back()  # nothing before the caret
    assert edit.text == "scow"


def test_ctrl_backspace_takes_the_word_before_and_its_spaces() -> None:
    edit = TextEdit(40, "Belarus and Russia  ")
    edit.delete_back(word=True)
    assert edit.text == "Belarus and "
    edit.delete_back(word=True)
    assert edit.text == "Belarus "


def test_ctrl_delete_takes_the_word_after() -> None:
    edit = TextEdit(40, "Union State")
    edit.home()
    edit.delete_forward(word=True)
    assert edit.text == " State"


def test_ctrl_arrows_jump_by_words() -> None:
    edit = TextEdit(40, "Минск, Брест и Гомель")
    edit.home()
    edit.move_right(word=True)
    assert edit.caret == len("Минск")
    edit.move_right(word=True)
    assert edit.caret == len("Минск, Брест")
    edit.move_left(word=True)
    assert edit.caret == len("Минск, ")


def test_shift_selects_and_typing_replaces_the_selection() -> None:
    edit = TextEdit(40, "Vitebsk")
    edit.move_left(select=True)
    edit.move_left(select=True)
    assert edit.selected == "sk"
    edit.insert("x")
    assert edit.text == "Vitebx"


def test_select_all_then_backspace_empties_the_field() -> None:
    edit = TextEdit(40, "Grodno")
    edit.select_all()
    edit.delete_back()
    assert (edit.text, edit.caret) == ("", 0)


def test_an_arrow_collapses_a_selection_to_its_side() -> None:
    edit = TextEdit(40, "Mogilev")
    edit.select_all()
    edit.move_left()
    assert (edit.caret, edit.selected) == (0, "")
    edit.select_all()
    edit.move_right()
    assert (edit.caret, edit.selected) == (7, "")


def test_cut_returns_the_selection_and_removes_it() -> None:
    edit = TextEdit(40, "Pinsk")
    edit.home()
    edit.move_right(select=True)
    assert edit.cut() == "P"
    assert edit.text == "insk"


def test_the_limit_keeps_what_fits_of_a_paste() -> None:
    edit = TextEdit(8, "Min")
    edit.insert("sk is the capital")
    assert edit.text == "Minsk is"
    edit.insert("!")
    assert edit.text == "Minsk is"


def test_a_pasted_selection_may_use_the_room_it_frees() -> None:
    edit = TextEdit(5, "abcde")
    edit.select_all()
    edit.insert("Minsk!")
    assert edit.text == "Minsk"


@pytest.mark.parametrize(
    ("pasted", "kept"),
    [
        ("Minsk\nBrest", "Minsk Brest"),
        ("Tab\there", "Tab here"),
        ("bell\x07", "bell"),
        ("\u202eksniM", "ksniM"),  # a right-to-left override would print it reversed
        ("Москва\r\n", "Москва  "),
    ],
)
def test_a_paste_becomes_one_line_without_control_characters(pasted: str, kept: str) -> None:
    assert clean_line(pasted) == kept
    edit = TextEdit(40)
    edit.insert(pasted)
    assert edit.text == kept


# -- right to left, mixed directions and clusters (issue 9, part 2) ---------------------------


def test_left_in_right_to_left_text_moves_forward_in_the_text() -> None:
    edit = TextEdit(40, "שלום")
    edit.home()
    assert (edit.caret, edit.caret_slot()) == (0, 4)  # the start of Hebrew is its right end
    edit.move_left()
    assert (edit.caret, edit.caret_slot()) == (1, 3)
    edit.move_right()
    assert (edit.caret, edit.caret_slot()) == (0, 4)


@pytest.mark.parametrize(
    ("typed", "slot"),
    [
        ("Minsk", 5),  # right of the k
        ("שלום", 0),  # left of the last letter typed: the line's left end
        ("שנת 1948", 4),  # "1948 תנש" on the screen: right of the 8
        ("abc אבג", 4),  # "abc גבא": left of the last Hebrew letter, next to the space
    ],
)
def test_after_typing_the_caret_stands_where_the_text_goes_on(typed: str, slot: int) -> None:
    edit = TextEdit(40)
    for character in typed:
        edit.insert(character)
    assert edit.caret_slot() == slot


@pytest.mark.parametrize("line", ["abc אבג def", "שנת 1948", "مدينة Paris", "القاهرة"])
def test_the_arrows_visit_every_place_on_the_screen_once(line: str) -> None:
    edit = TextEdit(40, line)
    count = len(edit.visual.order)
    for _ in range(count):
        edit.move_left()
    assert edit.caret_slot() == 0
    rightwards = [edit.caret_slot()]
    for _ in range(count):
        edit.move_right()
        rightwards.append(edit.caret_slot())
    assert rightwards == list(range(count + 1))
    leftwards = [edit.caret_slot()]
    for _ in range(count):
        edit.move_left()
        leftwards.append(edit.caret_slot())
    assert leftwards == list(range(count, -1, -1))


def test_home_and_end_go_to_the_start_and_end_of_the_text() -> None:
    edit = TextEdit(40, "שנת 1948")
    edit.home()
    assert (edit.caret, edit.caret_slot()) == (0, 8)  # the Hebrew's first letter, far right
    edit.end()
    assert (edit.caret, edit.caret_slot()) == (8, 4)  # after the 8


def test_ctrl_arrows_in_right_to_left_text_jump_words_as_the_arrows_point() -> None:
    edit = TextEdit(40, "שלום עולם")
    edit.home()
    edit.move_left(word=True)
    assert edit.caret == len("שלום")
    edit.move_left(word=True)
    assert edit.caret == len("שלום עולם")
    edit.move_right(word=True)
    assert edit.caret == len("שלום ")


def test_shift_left_selects_from_the_right_in_hebrew_and_an_arrow_collapses_it() -> None:
    edit = TextEdit(40, "שלום")
    edit.home()
    edit.move_left(select=True)
    edit.move_left(select=True)
    assert edit.selected == "של"
    edit.move_right()  # to the selection's right end: the start of the text
    assert (edit.caret, edit.selected) == (0, "")
    edit.select_all()
    edit.move_left()  # to its left end: the end of the text
    assert (edit.caret, edit.selected) == (4, "")


@pytest.mark.parametrize(
    ("cluster", "around"),
    [
        ("e\u0301", "ab"),  # e and a combining acute
        ("🇧🇾", "ab"),  # a flag: two regional indicators
        ("👨\u200d👩\u200d👧", "ab"),  # a family joined by ZWJ
        ("👋🏽", "ab"),  # a skin tone
        ("स्त", "ab"),  # a Devanagari conjunct: sa, virama, ta
        ("بَ", "ال"),  # beh with a fatha, between Arabic letters
    ],
)
def test_caret_backspace_and_delete_never_split_a_cluster(cluster: str, around: str) -> None:
    before, after = around
    edit = TextEdit(40, f"{before}{cluster}{after}")
    edit.home()
    # forward in the text: to the right, or to the left in Arabic
    forward, back = (edit.move_left, edit.move_right)[:: 1 if edit.visual.rtl_line else -1]
    forward()
    forward()
    assert edit.caret == 1 + len(cluster)
    back()
    assert edit.caret == 1
    edit.delete_forward()
    assert edit.text == around
    edit.set(f"{before}{cluster}")
    edit.delete_back()
    assert edit.text == before


def test_a_mark_typed_after_its_letter_goes_with_it() -> None:
    edit = TextEdit(40)
    edit.insert("e")
    edit.insert("\u0301")
    assert (edit.text, edit.caret) == ("e\u0301", 2)
    edit.delete_back()
    assert edit.text == ""


def test_the_limit_never_keeps_half_a_cluster() -> None:
    edit = TextEdit(3, "a")
    edit.insert("🇧🇾🇷🇺")
    assert edit.text == "a🇧🇾"
    assert TextEdit(2, "e\u0301\u0302").text == ""  # a letter with two marks is three
