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
