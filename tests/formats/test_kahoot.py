"""Questions from Kahoot's quiz spreadsheet template, built with openpyxl in the template's
layout: heading and instructions in column B above, the header on row 8 from column B, the
question rows numbered 1 to 100 in column A."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.styles import Font
from pydantic import TypeAdapter

from clarity.core.packs.models import Question
from clarity.formats.kahoot import looks_like_kahoot, read_kahoot
from clarity.formats.source import SourceRead, SourceUnreadable

QUESTION = TypeAdapter(Question)

HEADER = [
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]
INSTRUCTIONS = [
    "Add questions, at least two answer alternatives, time limit and choose correct answers "
    "(at least one). Have fun creating your awesome quiz!",
    "Remember: questions have a limit of 120 characters and answers can have 75 characters "
    "max. Text will turn red in Excel or Google Docs if you exceed this limit. If several "
    "answers are correct, separate them with a comma.",
    "See an example question below (don't forget to overwrite this with your first question!)",
    "And remember, if you're not using Excel you need to export to .xlsx format before you "
    "upload to Kahoot!",
]


def kahoot_template(questions: list[list[object]], *, heading: str = "Quiz template") -> bytes:
    """An xlsx in the layout of Kahoot's template, ``questions`` from row 9, column B."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet["B2"] = heading
    sheet["B2"].font = Font(bold=True, size=18)
    sheet.merge_cells("B2:H2")
    for row, text in enumerate(INSTRUCTIONS, start=3):
        sheet.cell(row=row, column=2, value=text)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
    for column, title in enumerate(HEADER, start=2):
        sheet.cell(row=8, column=column, value=title).font = Font(bold=True)
    for number in range(1, 101):
        sheet.cell(row=8 + number, column=1, value=number)
    for offset, values in enumerate(questions):
        for column, value in enumerate(values, start=2):
            sheet.cell(row=9 + offset, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fields(read: SourceRead) -> list[dict[str, object]]:
    return [dict(question.fields) for question in read.questions]


def test_the_template_as_kahoot_gives_it() -> None:
    data = kahoot_template(
        [
            ["Which planet is the largest?", "Mars", "Jupiter", "Venus", "Saturn", 20, 2],
            ["Which are prime numbers?", "2", "4", "7", "9", 30, "1,3"],
            ["The Sun is a star.", "True", "False", None, None, 10, 1],
            ["Столица Беларуси?", "Минск", "Гродно", None, None, 240, "1"],
        ]
    )
    read = read_kahoot(data)
    assert fields(read) == [
        {
            "type": "choice",
            "prompt": "Which planet is the largest?",
            "choices": ["Mars", "Jupiter", "Venus", "Saturn"],
            "answer": "Jupiter",
            "time_limit": 20,
        },
        {
            "type": "choice",
            "prompt": "Which are prime numbers?",
            "choices": ["2", "4", "7", "9"],
            "answer": ["2", "7"],
            "time_limit": 30,
        },
        {"type": "truefalse", "prompt": "The Sun is a star.", "answer": True, "time_limit": 10},
        {
            "type": "choice",
            "prompt": "Столица Беларуси?",
            "choices": ["Минск", "Гродно"],
            "answer": "Минск",
            "time_limit": 240,
        },
    ]
    # rows 9 to 12 of the sheet, the question in column B; the 96 numbered empty rows are
    # passed over
    assert [(question.line, question.column) for question in read.questions] == [
        (9, 2),
        (10, 2),
        (11, 2),
        (12, 2),
    ]
    assert read.skipped == ()
    assert read.title is None  # "Quiz template" is the template's heading, not a title
    for question in read.questions:
        QUESTION.validate_python(dict(question.fields))


def test_a_heading_of_the_teachers_own_is_the_title() -> None:
    data = kahoot_template([["2 + 2?", "4", "5", None, None, 20, 1]], heading="Maths warm-up")
    assert read_kahoot(data).title == "Maths warm-up"


def test_false_is_the_right_answer_whichever_order_the_answers_are_in() -> None:
    data = kahoot_template(
        [
            ["The Moon is a planet.", "True", "False", None, None, 20, 2],
            ["Fish can fly.", "false", "true", None, None, 20, 1],
        ]
    )
    assert [question.fields["answer"] for question in read_kahoot(data).questions] == [
        False,
        False,
    ]


def test_correct_answers_typed_as_a_decimal_number_by_european_excel() -> None:
    # "1,3" typed into Excel set up for Russian becomes the number 1.3
    data = kahoot_template([["Odd numbers?", "1", "2", "3", "4", 20, 1.3]])
    assert read_kahoot(data).questions[0].fields["answer"] == ["1", "3"]


def test_answers_with_a_gap_keep_their_numbers() -> None:
    data = kahoot_template([["Pick the third", "one", None, "three", None, 20, 3]])
    assert fields(read_kahoot(data)) == [
        {
            "type": "choice",
            "prompt": "Pick the third",
            "choices": ["one", "three"],
            "answer": "three",
            "time_limit": 20,
        }
    ]


def test_rows_that_cannot_be_questions_are_skipped_at_their_cell() -> None:
    data = kahoot_template(
        [
            ["Fine?", "yes", "no", None, None, 20, 1],  # row 9
            ["Names an empty answer", "a", "b", None, None, 20, "1,4"],  # row 10
            ["No correct answer", "a", "b", None, None, 20, None],  # row 11
            ["One answer only", "a", None, None, None, 20, 1],  # row 12
            [None, "an answer", "another", None, None, 20, 1],  # row 13
        ]
    )
    read = read_kahoot(data)
    assert [question.line for question in read.questions] == [9]
    assert [(skip.line, skip.column) for skip in read.skipped] == [
        (10, 8),
        (11, 8),
        (12, 3),
        (13, 2),
    ]
    assert "answer 4, which is empty" in str(read.skipped[0].reason)
    assert str(read.skipped[3].reason) == "no question text in this row"


def test_time_limit_beyond_the_games_is_clamped_with_a_note() -> None:
    data = kahoot_template([["Slow?", "a", "b", None, None, 600, 1]])
    read = read_kahoot(data)
    assert read.questions[0].fields["time_limit"] == 300
    assert [(note.line, note.column) for note in read.notes] == [(9, 7)]


def test_header_found_on_another_row_with_the_instructions_deleted() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Capital of Italy?", "Rome", "Milan", None, None, 60, 1])
    out = io.BytesIO()
    workbook.save(out)
    read = read_kahoot(out.getvalue())
    assert [(question.line, question.column) for question in read.questions] == [(2, 1)]
    assert read.questions[0].fields["answer"] == "Rome"
    assert read.title is None


def test_a_sheet_without_kahoots_header_is_refused() -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["question", "answer"])
    workbook.active.append(["Why?", "because"])
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(SourceUnreadable) as raised:
        read_kahoot(out.getvalue())
    assert "Kahoot" in str(raised.value.reason)
    assert not looks_like_kahoot(out.getvalue())


def test_looks_like_kahoot() -> None:
    assert looks_like_kahoot(kahoot_template([]))
    assert not looks_like_kahoot(b"question,answer\n")


def test_the_image_link_column_is_said_once_not_read() -> None:
    # Kahoot's newer template has a ninth column for a picture's link, after the correct
    # answers
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            kahoot_template(
                [
                    ["Which planet?", "Mars", "Jupiter", None, None, 20, 2],
                    ["Which moon?", "Io", "Moon", None, None, 20, 2],
                ]
            )
        )
    )
    sheet = workbook.active
    sheet.cell(row=8, column=9, value="Image link - optional")
    sheet.cell(row=9, column=9, value="https://example.com/mars.png")
    sheet.cell(row=10, column=9, value="https://example.com/moon.png")
    out = io.BytesIO()
    workbook.save(out)
    read = read_kahoot(out.getvalue())
    assert len(read.questions) == 2
    assert [(note.line, note.column) for note in read.notes] == [(8, 9)]
    assert str(read.notes[0].reason) == (
        'the column "Image link - optional" is not read: the game takes no pictures from '
        "links; add a picture to a question in the pack"
    )


def test_a_kahoot_cell_with_an_unsaved_formula_or_too_long_is_skipped_at_it() -> None:
    data = kahoot_template(
        [
            ["Sum?", "=1+1", "3", None, None, 20, 1],
            ["Long?", "a" * 10_001, "b", None, None, 20, 2],
            ["Fine?", "a", "b", None, None, 20, 2],
        ]
    )
    read = read_kahoot(data)
    assert [question.line for question in read.questions] == [11]
    assert [(skip.line, skip.column) for skip in read.skipped] == [(9, 3), (10, 3)]
    assert "formula with no saved value" in str(read.skipped[0].reason)
    assert "10,001 characters" in str(read.skipped[1].reason)
