"""Moodle's Aiken files become pack choice questions; what cannot be taken says why, where."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from clarity.core.packs.models import Question
from clarity.formats.aiken import read_aiken
from clarity.formats.source import Skipped, SourceRead
from clarity.formats.text_decoding import decode_text

from .hostile_text import assert_read_or_unreadable, hostile_texts

FILES = Path(__file__).parent / "text_files"
QUESTION = TypeAdapter(Question)


def read_file(name: str, line_end: str = "\n") -> SourceRead:
    text = decode_text((FILES / name).read_bytes())
    return read_aiken(text.replace("\n", line_end))


def where(skipped: Skipped) -> tuple[int, int, str]:
    return skipped.line, skipped.column, str(skipped.reason)


def test_moodle_documentation_examples_become_choice_questions() -> None:
    read = read_file("aiken_moodle.txt")
    assert [(q.line, q.column) for q in read.questions] == [(1, 1), (8, 1), (17, 1), (24, 1)]
    first, lms, moodle, no_space = (dict(q.fields) for q in read.questions)
    assert first == {
        "type": "choice",
        "prompt": "What is the correct answer to this question?",
        "choices": [
            "Is it this one?",
            "Maybe this answer?",
            "Possibly this one?",
            "Must be this one!",
        ],
        "answer": "Must be this one!",
    }
    assert lms["choices"] == ["Moodle", "ATutor", "Claroline", "Blackboard", "WebCT", "Ilias"]
    assert lms["answer"] == "Moodle"
    assert moodle["answer"] == "Martin Dougiamas"
    # Moodle's own test file: "A)Incorrect" with no space after the bracket is an option
    assert no_space["choices"] == ["Incorrect (No space)", "Correct (No space)"]
    assert no_space["answer"] == "Correct (No space)"
    assert read.skipped == ()
    assert read.notes == ()
    assert read.title is None
    for question in read.questions:
        QUESTION.validate_python(question.fields)


def test_cyrillic_questions_and_a_question_over_several_lines() -> None:
    read = read_file("aiken_cyrillic.txt")
    assert read.skipped == ()
    capital, river, poem = (dict(q.fields) for q in read.questions)
    assert capital["answer"] == "Минск"
    assert river["choices"] == ["Свіслач", "Нёман", "Дняпро"]
    assert river["answer"] == "Свіслач"
    assert poem["prompt"] == (
        "Прочитайте строки и ответьте:\n«Мороз и солнце; день чудесный!»\nКто автор этих строк?"
    )
    assert poem["answer"] == "А. С. Пушкин"
    assert [q.line for q in read.questions] == [1, 8, 14]


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_every_line_ending_reads_the_same(line_end: str) -> None:
    assert read_file("aiken_errors.txt", line_end) == read_file("aiken_errors.txt")
    assert read_file("aiken_cyrillic.txt", line_end) == read_file("aiken_cyrillic.txt")


def test_broken_questions_are_skipped_at_the_line_and_column_of_what_is_wrong() -> None:
    read = read_file("aiken_errors.txt")
    assert [dict(q.fields) for q in read.questions] == [
        {
            "type": "choice",
            "prompt": "A good question",
            "choices": ["Correct", "Incorrect"],
            "answer": "Correct",
        }
    ]
    assert [where(one) for one in read.skipped] == [
        (
            1,
            1,
            "this text has no options after it, so it is not a question; an Aiken question is "
            'its text, its options "A) …", then "ANSWER: A"',
        ),
        (5, 1, "a choice question needs at least 2 choices; this one has 1"),
        # one reason for the options without a question; their ANSWER line says nothing more
        (
            7,
            1,
            'the option "A)" comes before any question text; an Aiken question starts with its '
            "text, then its options",
        ),
        # where the ANSWER line should have been: right after the last option
        (
            19,
            1,
            'the question on line 16 has no "ANSWER:" line after its options; add one here, '
            'such as "ANSWER: A"',
        ),
        (23, 9, '"ANSWER: E" names no option; the options go from A to B'),
        (
            28,
            1,
            'options A and C are the same, "париж"; each choice of a question must be different',
        ),
        (
            33,
            1,
            "option C comes where option B should; letter the options A, B, C… in order "
            "(Moodle counts them in order, whatever their letters)",
        ),
        (43, 1, "a choice question has at most 6 choices; this one has 7"),
        (
            49,
            9,
            '"A, B" after "ANSWER:" is not one letter; Aiken names the one right option by its '
            'letter, such as "ANSWER: B"',
        ),
        (
            54,
            8,
            '"ANSWER:" names no letter; write the right option\'s letter after it, such as '
            '"ANSWER: B"',
        ),
    ]


def test_answer_before_any_question() -> None:
    read = read_aiken("ANSWER: A\n\nQ?\nA) x\nB) y\nANSWER: B\n")
    assert [where(one) for one in read.skipped] == [
        (
            1,
            1,
            '"ANSWER:" comes before any question; an Aiken question is its text, its options, '
            'then "ANSWER:"',
        )
    ]
    assert read.questions[0].fields["answer"] == "y"


def test_a_question_at_the_end_without_options_or_answer() -> None:
    read = read_aiken("Q?\nA) x\nB) y\nANSWER: A\n\nForgotten question?")
    assert len(read.questions) == 1
    assert [(one.line, one.column) for one in read.skipped] == [(6, 1)]
    read = read_aiken("Q?\nA) x\nB) y")
    assert read.questions == ()
    assert [(one.line, one.column) for one in read.skipped] == [(4, 1)]
    assert 'no "ANSWER:" line' in str(read.skipped[0].reason)


def test_answer_written_by_hand_in_other_cases_and_indented() -> None:
    text = "  Capital of Belarus?\n  a) Minsk\n  b) Brest\n  Answer : b)\n"
    read = read_aiken(text)
    assert read.skipped == ()
    (question,) = read.questions
    assert (question.line, question.column) == (1, 3)
    assert question.fields["choices"] == ["Minsk", "Brest"]
    assert question.fields["answer"] == "Brest"


def test_answer_letter_column_counts_from_the_line_start() -> None:
    read = read_aiken("Q?\nA) x\nB) y\n\tANSWER:   F\n")
    assert [(one.line, one.column) for one in read.skipped] == [(4, 12)]
    assert str(read.skipped[0].reason) == '"ANSWER: F" names no option; the options go from A to B'


def test_small_letters_need_a_space_so_eg_stays_question_text() -> None:
    read = read_aiken("e.g. which is a fruit?\nA) apple\nB) stone\nANSWER: A\n")
    assert read.questions[0].fields["prompt"] == "e.g. which is a fruit?"


def test_a_blank_line_ends_question_text_before_the_options() -> None:
    read = read_aiken("Unit 2 test\n\nFirst line\nsecond line\nA) x\nB) y\nANSWER: A\n")
    assert read.questions[0].fields["prompt"] == "First line\nsecond line"
    assert read.questions[0].line == 3
    assert [(one.line, one.column) for one in read.skipped] == [(1, 1)]


def test_roman_numerals_in_question_text_are_options_as_moodle_reads_them() -> None:
    read = read_aiken("Which are true?\nI. water is wet\nA) I only\nB) none\nANSWER: A\n")
    assert read.questions == ()
    assert [where(one)[:2] for one in read.skipped] == [(2, 1)]
    assert "option I comes where option A should" in str(read.skipped[0].reason)


def test_an_empty_option_and_options_too_long_for_a_choice() -> None:
    read = read_aiken("Q?\nA) x\nB)\nANSWER: A\n")
    assert [where(one) for one in read.skipped] == [(3, 1, "option B has no text")]
    longest = "x" * 200
    read = read_aiken(f"Q?\nA) {longest}\nB) y\nANSWER: A\n")
    assert read.questions[0].fields["answer"] == longest
    read = read_aiken(f"Q?\nA) y\nB) {longest}z\nANSWER: A\n")
    assert [where(one) for one in read.skipped] == [
        (3, 1, "option B is 201 characters long; a choice has at most 200")
    ]


def test_a_question_too_long_for_the_game() -> None:
    read = read_aiken("x" * 2000 + "\nA) a\nB) b\nANSWER: A\n")
    assert len(read.questions) == 1
    read = read_aiken("Intro\n" + "x" * 2000 + "\nA) a\nB) b\nANSWER: A\n")
    assert [where(one) for one in read.skipped] == [
        (1, 1, "the question is 2,006 characters long; a question has at most 2,000")
    ]


def test_no_questions_in_empty_text() -> None:
    assert read_aiken("") == SourceRead(questions=())
    assert read_aiken("\n \r\n\t\n") == SourceRead(questions=())


LINES = st.sampled_from(
    ["Q?", "Вопрос", "A) a", "B. b", "C) c", "c) small", "F) f", "G) g", "ANSWER: A",
     "answer: c", "ANSWER:", "ANSWER: Z", "", "  ", "A) a", "I. one"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=30), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_text_reads_without_raising_and_gives_valid_questions(
    lines: list[str], line_end: str
) -> None:
    text = line_end.join(lines)
    read = read_aiken(text)
    count = len(lines) or 1
    for question in read.questions:
        QUESTION.validate_python(question.fields)
        assert 1 <= question.line <= count
    for one in read.skipped:
        assert 1 <= one.line <= count + 1
        assert one.column >= 1


AIKEN_MARKS = ["Q?", "A) a", "B. b", "b) c", "А) а", "Б) б", "В) в", "ANSWER: A", "ANSWER: Б",
               "answer:", "\n", "\r\n", "\r"]  # fmt: skip


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(hostile_texts(AIKEN_MARKS))
@example("Q?\n" + "A) a\n" * 100_000 + "ANSWER: A")
@example("\0" * 1000 + "\ud800\nA) \ud800\nB) b\nANSWER: A")
def test_a_hostile_file_gives_questions_or_unreadable_and_nothing_else(text: str) -> None:
    assert_read_or_unreadable(text, read_aiken)


# --- options lettered in Cyrillic, as a Russian or Belarusian teacher types them ----------


def test_options_lettered_in_cyrillic_are_read_in_the_cyrillic_order() -> None:
    read = read_file("aiken_cyrillic_letters.txt")
    assert read.skipped == ()
    born, river, capital = (dict(q.fields) for q in read.questions)
    # an initial at the start of the text is no option
    assert born["prompt"] == "А. С. Пушкин родился в…"
    assert born["answer"] == "Москве"
    # В is the third letter, though it looks like the Latin B
    assert river["choices"] == ["Днепр", "Неман", "Свислочь", "Западная Двина"]
    assert river["answer"] == "Свислочь"
    assert capital["choices"] == ["Гродна", "Брэст", "Мінск", "Гомель", "Віцебск", "Магілёў"]
    assert capital["answer"] == "Мінск"
    assert [(q.line, q.column) for q in read.questions] == [(1, 1), (8, 1), (15, 1)]
    for question in read.questions:
        QUESTION.validate_python(question.fields)
    for line_end in ("\r\n", "\r"):
        assert read_file("aiken_cyrillic_letters.txt", line_end) == read


@pytest.mark.parametrize(
    ("options", "answer", "right"),
    [
        ("А) а\nБ) б\nВ) в", "Б", "б"),
        ("А) а\nБ) б\nВ) в", "A", "а"),  # a Latin A is the first either way
        ("А) а\nБ) б\nВ) в", "C", "в"),  # a Latin C: Cyrillic С letters no option
        ("А) а\nБ) б\nB) в", "В", "в"),  # a Latin B among Cyrillic options stands for В
        ("A) a\nB) b\nС) c", "C", "c"),  # a Cyrillic С (the C key of a Russian keyboard)
        ("A) a\nB) b\nC) c", "С", "c"),
        ("A) a\nБ) b\nC) c", "B", "b"),
    ],
)
def test_look_alike_letters_of_the_other_alphabet(options: str, answer: str, right: str) -> None:
    (question,) = read_aiken(f"Q?\n{options}\nANSWER: {answer}").questions
    assert question.fields["answer"] == right


@pytest.mark.parametrize(
    ("options", "answer", "one", "other"),
    [("А) а\nБ) б\nВ) в", "B", "Б", "В"), ("A) a\nB) b\nC) c", "В", "B", "C")],
)
def test_an_answer_letter_that_names_two_options_asks_for_latin_letters(
    options: str, answer: str, one: str, other: str
) -> None:
    read = read_aiken(f"Question?\n  {options}\nANSWER: {answer}")
    assert read.questions == ()
    assert [where(one) for one in read.skipped] == [
        (
            2,
            3,
            f'"ANSWER: {answer}" could name option {one} or option {other}: Cyrillic and Latin '
            "letters that look alike are mixed; use Latin letters A) B) for the options and "
            'the answer, such as "ANSWER: B"',
        )
    ]


def test_cyrillic_options_out_of_order_are_told_in_cyrillic() -> None:
    read = read_aiken("Q?\nА) а\nВ) в\nБ) б\nANSWER: Б")
    assert [where(one) for one in read.skipped] == [
        (
            3,
            1,
            "option В comes where option Б should; letter the options А, Б, В… in order "
            "(Moodle counts them in order, whatever their letters)",
        )
    ]
    seven = "Q?\n" + "\n".join(f"{letter}) {letter}" for letter in "АБВГДЕЖ") + "\nANSWER: А"
    assert [where(one) for one in read_aiken(seven).skipped] == [
        (8, 1, "a choice question has at most 6 choices; this one has 7")
    ]
