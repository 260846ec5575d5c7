"""Questions from spreadsheets in the documented layout: CSV as Excel, LibreOffice and Google
Sheets write it, and xlsx workbooks."""

from __future__ import annotations

import codecs
import datetime
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pydantic import TypeAdapter

from clarity.core.answers import is_right
from clarity.core.packs.models import Question
from clarity.formats.source import SourceRead, SourceUnreadable
from clarity.formats.table import TABLE_COLUMNS, cell_text, csv_template, read_csv, read_xlsx

FILES = Path(__file__).parent / "table_files"
QUESTION = TypeAdapter(Question)


def read_file(name: str) -> SourceRead:
    return read_csv((FILES / name).read_bytes())


def fields(read: SourceRead) -> list[dict[str, object]]:
    return [dict(question.fields) for question in read.questions]


def assert_valid_questions(read: SourceRead) -> None:
    """Every question taken is one a pack holds (the pack's own model accepts it)."""
    for question in read.questions:
        QUESTION.validate_python(dict(question.fields))


def skipped_at(read: SourceRead) -> list[tuple[int, int, str]]:
    return [(skip.line, skip.column, str(skip.reason)) for skip in read.skipped]


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- files as the real tools write them ----------------------------------------------------


def test_excel_csv_utf8_with_bom_comma_and_a_line_break_inside_a_cell() -> None:
    read = read_file("excel_utf8_comma.csv")
    assert fields(read) == [
        {
            "type": "choice",
            "prompt": "Which planet is the largest?",
            "choices": ["Mars", "Jupiter", "Venus"],
            "answer": "Jupiter",
            "explain": 'It is a "gas giant",\nmostly hydrogen.',
            "time_limit": 20,
            "tags": ["space"],
        },
        {"type": "truefalse", "prompt": "The Moon is a planet.", "answer": False},
        {
            "type": "typed",
            "prompt": "What is H2O?",
            "answer": "water",
            "tags": ["chemistry", "basics"],
        },
        {"type": "number", "prompt": "How many legs has a spider?", "answer": "8"},
        {
            "type": "choice",
            "prompt": "Which are even?",
            "choices": ["1", "2", "3", "4"],
            "answer": ["2", "4"],
        },
    ]
    # the first question's cell runs over lines 2 and 3; the empty row (line 7) is passed over
    assert [question.line for question in read.questions] == [2, 4, 5, 6, 8]
    assert read.skipped == ()
    assert read.notes == ()
    assert_valid_questions(read)


def test_excel_csv_in_windows_1251_with_semicolons_russian_and_belarusian_headers() -> None:
    read = read_file("excel_cp1251_semicolon.csv")
    assert fields(read) == [
        {
            "type": "choice",
            "prompt": "Столица Беларуси?",
            "choices": ["Минск", "Гродно", "Брест"],
            "answer": "Минск",
            "time_limit": 30,
        },
        # a decimal comma, as Excel in Russian writes it, is kept as written: the pack's
        # language (Russian here) reads it as 9.5
        {"type": "number", "prompt": "Сколько будет 7,5 + 2?", "answer": "9,5"},
        {
            "type": "truefalse",
            "prompt": "Сонца — зорка?",
            "answer": True,
            "explain": "Гэта праўда: і ўсё",
        },
        {
            "type": "typed",
            "prompt": "Як па-беларуску «ёжик»?",
            "answer": "вожык",
            "explain": "Беларуская літара ў і і",
        },
    ]
    assert [question.line for question in read.questions] == [2, 3, 4, 5]
    assert_valid_questions(read)


def test_excel_csv_in_windows_1252_with_semicolons() -> None:
    read = read_file("excel_cp1252_semicolon.csv")
    assert [question.fields["prompt"] for question in read.questions] == [
        "Capitale de la France ? Où est-elle ?",
        "Quel est le plat français « crème brûlée » ?",
    ]


def test_excel_unicode_text_is_utf16_with_tabs_and_numbered_choice_columns() -> None:
    read = read_file("excel_unicode_text.txt")
    assert fields(read) == [
        {
            "type": "choice",
            "prompt": "Largest ocean?",
            "choices": ["Atlantic", "Pacific", "Indian"],
            "answer": "Pacific",
        },
        {"type": "number", "prompt": "Boiling point of water in °C?", "answer": "100"},
    ]


def test_libreoffice_csv_with_doubled_quotes_accepted_answers_and_difficulty() -> None:
    read = read_file("libreoffice_comma.csv")
    assert fields(read) == [
        {
            "type": "number",
            "prompt": "Speed of sound in air (m/s)?",
            "answer": "343",
            "tolerance": "5",
            "difficulty": "hard",
        },
        {
            "type": "typed",
            "prompt": 'Who wrote "Hamlet"?',
            "answer": "Shakespeare",
            "accept": ["William Shakespeare", "Shakspeare"],
            "difficulty": "easy",
        },
    ]
    assert_valid_questions(read)


def test_google_sheets_tsv_finds_the_type_from_the_row() -> None:
    read = read_file("google_sheets.tsv")
    assert fields(read) == [
        {
            "type": "choice",
            "prompt": "Capital of France?",
            "choices": ["Paris", "Rome", "Berlin"],
            "answer": "Paris",
            "tags": ["geography", "europe"],
        },
        {"type": "truefalse", "prompt": "Is 2 a prime number?", "answer": True},
    ]


# --- the layout ----------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_is_found_from_the_header(delimiter: str) -> None:
    text = delimiter.join(["question", "answer", "choices"]) + "\r\n"
    text += delimiter.join(["Pick one", "b", "a|b|c"]) + "\r\n"
    read = read_csv(text.encode())
    assert fields(read) == [
        {"type": "choice", "prompt": "Pick one", "choices": ["a", "b", "c"], "answer": "b"}
    ]


def test_a_comma_inside_quotes_does_not_decide_the_delimiter() -> None:
    text = '"question (the text, please)";answer\nHow far?;"3,5"\n'
    assert fields(read_csv(text.encode())) == [
        {"type": "number", "prompt": "How far?", "answer": "3,5"}
    ]


def test_excel_sep_line_names_the_delimiter_and_counts_as_a_line() -> None:
    text = "sep=;\r\nquestion;answer\r\nOne, two or three?;three\r\n;\r\nBroken;\r\n"
    read = read_csv(text.encode())
    assert fields(read) == [{"type": "typed", "prompt": "One, two or three?", "answer": "three"}]
    assert read.questions[0].line == 3
    assert skipped_at(read) == [(5, 2, "no answer in this row")]


def test_headers_in_any_order_case_and_spacing_with_remarks_in_brackets() -> None:
    text = (
        "  TIME LIMIT (seconds) ,Tags,Explanation,ANSWER,Choice 2,Choice 1,QUESTION,Difficulty\n"
        "45,a|b,Because.,1,no,yes,Is it?,Hard\n"
    )
    assert fields(read_csv(text.encode())) == [
        {
            "type": "choice",
            "prompt": "Is it?",
            "choices": ["yes", "no"],
            "answer": "yes",
            "explain": "Because.",
            "time_limit": 45,
            "difficulty": "hard",
            "tags": ["a", "b"],
        }
    ]


def test_russian_and_belarusian_column_names() -> None:
    russian = "вопрос,тип,правильный ответ,варианты ответа,пояснение,сложность,теги\n"
    russian += "Сколько?,выбор,Б,один|два,потому что,лёгкий,счёт\n"
    belarusian = "пытанне,тып,адказ,варыянты,тлумачэнне,складанасць,тэгі\n"
    belarusian += "Колькі?,выбар,Б,адзін|два,таму што,лёгкі,лік\n"
    assert fields(read_csv(russian.encode())) == [
        {
            "type": "choice",
            "prompt": "Сколько?",
            "choices": ["один", "два"],
            "answer": "два",
            "explain": "потому что",
            "difficulty": "easy",
            "tags": ["счёт"],
        }
    ]
    assert fields(read_csv(belarusian.encode()))[0]["answer"] == "два"


def test_choice_answer_by_text_letter_or_number_and_several_right() -> None:
    text = (
        "question,answer,choices\n"
        "By text,paris,Rome|Paris\n"
        "By letter,b,Rome|Paris\n"
        "By number,2,Rome|Paris\n"
        "Several,A|3,Rome|Paris|Oslo\n"
        "A number that is a choice's text,3,1|3|5\n"
    )
    assert [question["answer"] for question in fields(read_csv(text.encode()))] == [
        "Paris",
        "Paris",
        "Paris",
        ["Rome", "Oslo"],
        "3",
    ]


def test_number_question_with_range_percent_tolerance_and_accepted_numbers() -> None:
    text = (
        "question,type,answer,min,max,tolerance,accept\n"
        "Between?,number,15,10,20,,\n"
        "About?,number,-40,,,5%,\n"
        'Pi?,number,"3,14",,,,3.14159|22/7\n'
    )
    read = read_csv(text.encode())
    assert fields(read) == [
        {"type": "number", "prompt": "Between?", "answer": "15", "min": "10", "max": "20"},
        {"type": "number", "prompt": "About?", "answer": "-40", "tolerance": "5%"},
        {"type": "number", "prompt": "Pi?", "answer": "3,14", "accept": ["3.14159", "22/7"]},
    ]
    assert_valid_questions(read)


def test_a_lone_letter_answer_is_typed_unless_the_type_says_truefalse() -> None:
    text = "question,type,answer\nSymbol of yttrium?,,Y\nIs it?,truefalse,Y\nFish fly?,,no\n"
    assert [question["type"] for question in fields(read_csv(text.encode()))] == [
        "typed",
        "truefalse",
        "truefalse",
    ]


def test_id_column_gives_an_id_or_a_title_to_make_one_from() -> None:
    text = "id,question,answer\nsun-star,Is the Sun a star?,yes\nMoon Facts,What orbits us?,Moon\n"
    first, second = fields(read_csv(text.encode()))
    assert first["id"] == "sun-star"
    assert second["title_hint"] == "Moon Facts"
    assert "id" not in second


def test_image_column_names_a_picture_beside_the_pack() -> None:
    text = "question,answer,image\nWho is this?,Skaryna,skaryna.png\n"
    assert fields(read_csv(text.encode()))[0]["image"] == "skaryna.png"


def test_rows_that_cannot_be_questions_are_skipped_at_their_cell() -> None:
    text = (
        "question,type,answer,choices,min\n"  # 1
        "Fine?,,yes,,\n"  # 2
        ",typed,orphan answer,,\n"  # 3: no question text
        "Odd type?,essay,whatever,,\n"  # 4: unknown type (column 2)
        "Which?,choice,Berlin,Rome|Paris,\n"  # 5: answer not a choice (column 3)
        "Alone?,choice,A,Rome,\n"  # 6: one choice (column 4)
        "Count?,number,many,,\n"  # 7: not a number (column 3)
        "Range?,number,5,,one\n"  # 8: min not a number (column 5)
        "Truth?,truefalse,perhaps,,\n"  # 9: not true or false
        "Empty answer?,typed,,,\n"  # 10
        '"Multi\nline",choice,Z,a|b,\n'  # 11-12
        "Last?,,fine,,\n"  # 13
    )
    read = read_csv(text.encode())
    assert [question.line for question in read.questions] == [2, 13]
    places = [(line, column) for line, column, _ in skipped_at(read)]
    assert places == [(3, 1), (4, 2), (5, 3), (6, 4), (7, 3), (8, 5), (9, 3), (10, 3), (11, 3)]
    reasons = [reason for _, _, reason in skipped_at(read)]
    assert reasons[0] == "no question text in this row"
    assert 'unknown question type "essay"' in reasons[1]
    assert 'the answer "Berlin" is none of the choices' in reasons[2]
    assert "at least two choices" in reasons[3]
    assert reasons[5] == 'the "min" cell "one" is not a number'
    assert '"perhaps"' in reasons[6]


def test_too_many_choices_is_skipped() -> None:
    text = "question,answer,choices\nMany?,a,a|b|c|d|e|f|g\n"
    assert skipped_at(read_csv(text.encode())) == [
        (2, 3, "too many choices (7); the game shows at most 6")
    ]


def test_unknown_and_repeated_columns_are_notes_on_the_header() -> None:
    text = "question,answer,colour,answer\nSky?,blue,red,green\n"
    read = read_csv(text.encode())
    assert fields(read) == [{"type": "typed", "prompt": "Sky?", "answer": "blue"}]
    assert [(note.line, note.column) for note in read.notes] == [(1, 3), (1, 4)]
    assert '"colour"' in str(read.notes[0].reason)


def test_rows_with_text_only_in_unread_columns_are_passed_over() -> None:
    text = "#,question,answer\n1,Sky?,blue\n2,,\n3,,\n"
    read = read_csv(text.encode())
    assert len(read.questions) == 1
    assert read.skipped == ()


def test_time_limit_outside_the_games_range_is_clamped_with_a_note() -> None:
    text = "question,answer,time limit\nQuick?,yes,2\nSlow?,yes,600 sec\nWhen?,yes,soon\n"
    read = read_csv(text.encode())
    assert [question.fields.get("time_limit") for question in read.questions] == [5, 300, None]
    assert [(note.line, note.column) for note in read.notes] == [(2, 3), (3, 3), (4, 3)]
    assert str(read.notes[0].reason) == "time limit 2 s is outside 5 to 300 seconds; 5 s is used"


def test_a_header_without_a_question_column_is_refused() -> None:
    with pytest.raises(SourceUnreadable) as raised:
        read_csv(b"Capital of France?,Paris\nCapital of Italy?,Rome\n")
    assert (raised.value.line, raised.value.column) == (1, 1)
    assert '"question"' in str(raised.value.reason)


@pytest.mark.parametrize("data", [b"", b"\r\n,,\r\n", codecs.BOM_UTF8])
def test_an_empty_table_is_refused(data: bytes) -> None:
    with pytest.raises(SourceUnreadable):
        read_csv(data)


def test_a_header_after_empty_rows_is_the_header() -> None:
    read = read_csv(b"\r\n,,\r\nquestion,answer\r\nWhy?,because\r\n")
    assert read.questions[0].line == 4


def test_old_mac_line_ends_count_as_lines() -> None:
    read = read_csv(b"question,answer\rOne?,1\r\rTwo?,2\r")
    assert [question.line for question in read.questions] == [2, 4]


# --- xlsx ------------------------------------------------------------------------------------


def test_xlsx_reads_numbers_dates_and_booleans_as_the_teacher_sees_them() -> None:
    data = xlsx_bytes(
        [
            ["Question", "Type", "Answer", "Choices", "Time limit", "Explanation"],
            ["Year of the first flight to space?", None, 1961.0, None, 30.0, None],
            ["Half of seven?", "number", 3.5, None, None, None],
            ["Is ice cold?", None, True, None, None, None],
            [],
            ["When did school start?", "typed", datetime.datetime(2024, 9, 1), None, None, None],
            ["Pick", "choice", 2, "x|y|z", None, "=1+1"],
        ]
    )
    read = read_xlsx(data)
    assert fields(read) == [
        {
            "type": "number",
            "prompt": "Year of the first flight to space?",
            "answer": "1961",
            "time_limit": 30,
        },
        {"type": "number", "prompt": "Half of seven?", "answer": "3.5"},
        {"type": "truefalse", "prompt": "Is ice cold?", "answer": True},
        {"type": "typed", "prompt": "When did school start?", "answer": "2024-09-01"},
    ]
    assert [question.line for question in read.questions] == [2, 3, 4, 6]
    # openpyxl saved the formula without a value (no spreadsheet ever calculated it): the row
    # is skipped at that cell, saying so, rather than read with the cell empty
    assert [(line, column) for line, column, _ in skipped_at(read)] == [(7, 6)]
    assert "formula with no saved value" in skipped_at(read)[0][2]
    assert_valid_questions(read)


def test_xlsx_formula_gives_the_value_excel_saved() -> None:
    data = xlsx_bytes([["question", "answer"], ["Six times seven?", "=6*7"]])
    # Excel saves a formula with its last computed value: <f>6*7</f><v>42</v>
    source = io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content, replaced = re.subn(
                    rb"<f>6\*7</f><v\s*/>|<f>6\*7</f>", b"<f>6*7</f><v>42</v>", content
                )
                assert replaced == 1
            new.writestr(item, content)
    assert fields(read_xlsx(out.getvalue())) == [
        {"type": "number", "prompt": "Six times seven?", "answer": "42"}
    ]


def test_a_title_row_above_the_header_is_the_title() -> None:
    data = xlsx_bytes(
        [
            [None, "Geography, 7th form"],
            [],
            [None, "question", "answer"],
            [None, "Longest river of Belarus?", "Dnieper"],
        ]
    )
    read = read_xlsx(data)
    assert read.title == "Geography, 7th form"
    assert [(question.line, question.column) for question in read.questions] == [(4, 2)]


def test_a_table_without_a_header_in_its_first_rows_is_refused_at_the_first_row() -> None:
    rows = [["no header here", "x"]] * 7 + [["question", "answer"]]
    with pytest.raises(SourceUnreadable) as raised:
        read_xlsx(xlsx_bytes([[], *rows]))
    assert (raised.value.line, raised.value.column) == (2, 1)


def test_xlsx_skipped_rows_name_the_row_and_the_cells_column() -> None:
    data = xlsx_bytes(
        [
            [None, "question", "type", "answer", "choices"],
            [None, "Which?", "choice", "D", "a|b|c"],
        ]
    )
    assert skipped_at(read_xlsx(data))[0][:2] == (2, 4)


def test_an_old_xls_workbook_is_refused_with_how_to_save_it() -> None:
    with pytest.raises(SourceUnreadable) as raised:
        read_xlsx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert ".xlsx" in str(raised.value.reason)


@pytest.mark.parametrize("data", [b"not a workbook", b"PK\x03\x04broken zip"])
def test_a_file_that_is_not_a_workbook_is_refused(data: bytes) -> None:
    with pytest.raises(SourceUnreadable):
        read_xlsx(data)


def test_cell_text_of_spreadsheet_values() -> None:
    assert cell_text(1999.0) == "1999"
    assert cell_text(0.1) == "0.1"
    assert cell_text(-40) == "-40"
    assert cell_text(datetime.datetime(2024, 5, 1, 13, 30)) == "2024-05-01 13:30:00"
    assert cell_text(datetime.date(2024, 5, 1)) == "2024-05-01"
    assert cell_text(False) == "FALSE"
    assert cell_text(None) == ""


# --- the template ------------------------------------------------------------------------------


def test_template_reads_back_one_valid_question_of_each_type() -> None:
    template = csv_template()
    assert template.startswith("\ufeff")
    assert "\r\n" in template
    read = read_csv(template.encode("utf-8"))
    assert read.skipped == ()
    assert read.notes == ()
    assert {question.fields["type"] for question in read.questions} == {
        "choice",
        "truefalse",
        "typed",
        "number",
    }
    assert any(isinstance(question.fields["answer"], list) for question in read.questions)
    assert_valid_questions(read)


def test_template_header_names_only_documented_columns() -> None:
    header = csv_template().lstrip("\ufeff").splitlines()[0].split(",")
    keys = {column.key for column in TABLE_COLUMNS}
    assert set(header) <= keys


def test_layout_document_names_every_column() -> None:
    document = (Path(__file__).parents[2] / "docs" / "csv-layout.md").read_text(encoding="utf-8")
    for column in TABLE_COLUMNS:
        if not column.key.startswith("choice "):
            assert f"`{column.key}`" in document, column.key


def test_ten_thousand_rows_are_all_read() -> None:
    rows = ["question;type;answer;choices"]
    for number in range(10_000):
        rows.append(f"Question {number}?;choice;B;one|two|three")
    read = read_csv(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    assert len(read.questions) == 10_000
    assert read.questions[-1].line == 10_001


# --- hostile and broken files: caps checked before the text is held ---------------------------


def xlsx_with_sheet(sheet_xml: bytes, *, level: int = 6) -> bytes:
    """A workbook openpyxl writes, its first sheet's XML replaced by ``sheet_xml`` (as a
    program that writes the XML itself makes one)."""
    source = io.BytesIO(xlsx_bytes([["question", "answer"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml
            new.writestr(item.filename, content, zipfile.ZIP_DEFLATED, level)
    return out.getvalue()


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def inline_row(number: int, *texts: str) -> bytes:
    cells = b"".join(
        b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
        % (b"ABC"[i : i + 1], number, t.encode())
        for i, t in enumerate(texts)
    )
    return b'<row r="%d">%s</row>' % (number, cells)


def test_an_xlsx_that_would_unpack_hundreds_of_times_larger_is_refused_before_unpacking() -> None:
    # the tester's bomb: one cell of 3 GB of "A" packed into 3 MB; here 4 MB into a few KB
    sheet = SHEET_HEAD + inline_row(1, "question", "answer")
    sheet += b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"A" * (4 << 20) + b"</t></is></c>"
    sheet += b"</row>" + SHEET_TAIL
    data = xlsx_with_sheet(sheet, level=9)
    assert len(data) < 64 * 1024
    with pytest.raises(SourceUnreadable) as raised:
        read_xlsx(data)
    said = str(raised.value.reason)
    assert '"xl/worksheets/sheet1.xml"' in said
    assert "would unpack to 4 MB" in said


def test_xlsx_rows_past_the_packs_most_questions_are_not_read_and_said_once() -> None:
    rows = [inline_row(1, "question", "answer")]
    rows += [inline_row(number, f"Question {number}?", "yes") for number in range(2, 10_007)]
    read = read_xlsx(xlsx_with_sheet(SHEET_HEAD + b"".join(rows) + SHEET_TAIL))
    assert len(read.questions) == 10_000
    assert read.questions[-1].line == 10_001
    assert skipped_at(read) == [
        (
            10_002,
            1,
            "5 more rows, up to line 10006, are not read: a pack holds at most 10,000 questions",
        )
    ]


def test_csv_rows_past_the_packs_most_questions_are_not_read_and_said_once() -> None:
    lines = ["question,answer"] + [f"Question {number}?,yes" for number in range(10_003)]
    read = read_csv(("\n".join(lines) + "\n").encode())
    assert len(read.questions) == 10_000
    assert skipped_at(read) == [
        (
            10_002,
            1,
            "3 more rows, up to line 10004, are not read: a pack holds at most 10,000 questions",
        )
    ]


def test_a_cell_longer_than_any_question_is_refused_at_its_place() -> None:
    text = "question,answer,colour\nShort?,yes,\nLong?," + "x" * 10_001 + ",\nAfter?,no,\n"
    read = read_csv(text.encode())
    assert [question.fields["prompt"] for question in read.questions] == ["Short?", "After?"]
    assert skipped_at(read) == [
        (
            3,
            2,
            "this cell holds 10,001 characters, more than the 10,000 a cell may hold; the row "
            "is skipped",
        )
    ]
    # in a column the game does not read, a long cell is passed over like any other
    unread = "question,answer,colour\nFine?,yes," + "x" * 20_000 + "\n"
    assert len(read_csv(unread.encode()).questions) == 1


def test_an_xlsx_cell_longer_than_any_question_is_refused_at_its_place() -> None:
    read = read_xlsx(xlsx_bytes([["answer", "question"], ["yes", "?" * 20_000], ["no", "Ok?"]]))
    assert [question.line for question in read.questions] == [3]
    assert [(line, column) for line, column, _ in skipped_at(read)] == [(2, 2)]
    assert "20,000 characters" in skipped_at(read)[0][2]


def test_a_quote_never_closed_is_refused_where_it_opens() -> None:
    # the cell's closing quote is missing, so everything after it would be one cell
    data = b'question,answer\r\n"Q1 never closed,a\r\nQ2,b\r\nQ3,c\r\n'
    with pytest.raises(SourceUnreadable) as raised:
        read_csv(data)
    assert (raised.value.line, raised.value.column) == (2, 1)
    assert str(raised.value.reason).startswith("the quote opened at 2:1 is never closed")
    # further along a line, and after a cell with a line break
    data = b'question,answer\n"two\nlines",b\nQ3,"c\n'
    with pytest.raises(SourceUnreadable) as raised:
        read_csv(data)
    assert (raised.value.line, raised.value.column) == (4, 4)


def test_numbers_are_kept_as_written_for_the_packs_language_to_read() -> None:
    text = (
        "question;type;answer;tolerance\n"
        "Metres in a km?;number;1,000;\n"
        "Pi?;number;3,14;0,01\n"
        "Spaced?;;1 000;\n"
        "Several?;number;1,2,3;\n"
    )
    read = read_csv(text.encode())
    assert fields(read) == [
        {"type": "number", "prompt": "Metres in a km?", "answer": "1,000"},
        {"type": "number", "prompt": "Pi?", "answer": "3,14", "tolerance": "0,01"},
        {"type": "number", "prompt": "Spaced?", "answer": "1 000"},
    ]
    assert skipped_at(read) == [(5, 3, 'the "answer" cell "1,2,3" is not a number')]
    thousand = QUESTION.validate_python(dict(read.questions[0].fields))
    # an English pack reads "1,000" as the teacher meant it, with no warning; a Russian one
    # reads it as 1 and says so
    assert thousand.bounds("en")[0] == 1000
    assert thousand.number_warnings("en") == []
    assert thousand.bounds("ru")[0] == 1
    assert thousand.number_warnings("ru") != []


def test_many_columns_the_game_does_not_read_are_a_few_notes() -> None:
    header = ["question", "answer"] + [f"c{number}" for number in range(50_000)]
    text = ",".join(header) + "\n" + "Q?,a\n" * 3
    read = read_csv(text.encode())
    assert len(read.questions) == 3
    assert [(note.line, note.column) for note in read.notes] == [
        (1, 3),
        (1, 4),
        (1, 5),
        (1, 6),
        (1, 7),
        (1, 8),
    ]
    assert str(read.notes[-1].reason) == ("49,995 more columns the game does not read are left out")


def test_an_xlsx_formula_with_no_saved_value_is_said_at_its_cell() -> None:
    # as a script writes it with openpyxl: the formula, never calculated, no value saved
    read = read_xlsx(
        xlsx_bytes([["question", "type", "answer"], ["Two and two?", "number", "=2+2"]])
    )
    assert read.questions == ()
    assert skipped_at(read) == [
        (
            2,
            3,
            "this cell holds a formula with no saved value (the file was written by a "
            "program, not saved by a spreadsheet); open the file in Excel or LibreOffice and "
            "save it",
        )
    ]


# --- big, small and negative numbers as Excel writes them (a tester's sci.csv, sci.xlsx) ---


def test_cell_text_writes_a_float_as_the_decimal_the_teacher_typed() -> None:
    assert cell_text(6.02e23) == "6.02E+23"  # never 601999999999999995805696
    assert cell_text(-6.02e23) == "-6.02E+23"
    assert cell_text(1.5e-07) == "0.00000015"  # never 1.5e-07, whose 7 read alone
    assert cell_text(1e-20) == "1E-20"
    assert cell_text(1e15) == "1E+15"  # 16 digits: as Excel shows it
    assert cell_text(123456789012345.0) == "123456789012345"  # 15 digits: all of them
    assert cell_text(299792458.0) == "299792458"
    assert cell_text(0.1 + 0.2) == "0.3"  # Excel's 15 digits, as Excel shows it
    assert cell_text(1 / 3) == "0.333333333333333"
    assert cell_text(-0.0) == "0"


def test_xlsx_big_and_small_numbers_read_as_their_value_in_the_pack() -> None:
    read = read_xlsx(
        xlsx_bytes(
            [
                ["Question", "Type", "Answer"],
                ["Avogadro number?", "number", 6.02e23],
                ["Wavelength in metres?", "number", 1.5e-07],
                ["Speed of light?", None, 3e8],
            ]
        )
    )
    assert fields(read) == [
        {"type": "number", "prompt": "Avogadro number?", "answer": "6.02E+23"},
        {"type": "number", "prompt": "Wavelength in metres?", "answer": "0.00000015"},
        {"type": "number", "prompt": "Speed of light?", "answer": "300000000"},
    ]
    assert_valid_questions(read)
    avogadro, wavelength, _ = (QUESTION.validate_python(dict(q.fields)) for q in read.questions)
    assert avogadro.number_problems("en") == []
    assert is_right(avogadro, "602000000000000000000000", "en")
    assert is_right(avogadro, "6,02e23", "ru")
    assert not is_right(avogadro, "23", "en")
    assert is_right(wavelength, "1.5e-7", "en")
    assert not is_right(wavelength, "7", "en")


def test_excel_csv_numbers_in_scientific_notation_are_number_questions() -> None:
    # Excel saves a number cell as it shows it: 6.02E+23, 3E+08
    text = "question,type,answer\nAvogadro number?,number,6.02E+23\nSpeed of light m/s?,,3E+08\n"
    read = read_csv(text.encode())
    assert fields(read) == [
        {"type": "number", "prompt": "Avogadro number?", "answer": "6.02E+23"},
        {"type": "number", "prompt": "Speed of light m/s?", "answer": "3E+08"},
    ]
    light = QUESTION.validate_python(dict(read.questions[1].fields))
    assert light.bounds("en") == (Decimal(300000000), Decimal(300000000))
    assert not is_right(light, "8", "en")


def test_a_negative_number_in_brackets_as_excels_accounting_format_saves_it_is_negative() -> None:
    text = (
        "question;type;answer;min;max;accept\n"
        "Negative paren;number;(5);;;\n"
        "Money;number;$(5.00);;;\n"
        "Range;number;(1 000,5);(2 000);0;(1 500)|7\n"
        "No type;;(12);;;\n"
        "Words;number;(five);;;\n"
        "Typed;typed;(5);;;\n"
    )
    read = read_csv(text.encode())
    assert fields(read) == [
        {"type": "number", "prompt": "Negative paren", "answer": "-5"},
        {"type": "number", "prompt": "Money", "answer": "$-5.00"},
        {
            "type": "number",
            "prompt": "Range",
            "answer": "-1 000,5",
            "min": "-2 000",
            "max": "0",
            "accept": ["-1 500", "7"],
        },
        {"type": "number", "prompt": "No type", "answer": "-12"},
        {"type": "typed", "prompt": "Typed", "answer": "(5)"},  # a typed answer as written
    ]
    assert skipped_at(read) == [(6, 3, 'the "answer" cell "(five)" is not a number')]
    assert [(note.line, note.column, str(note.reason)) for note in read.notes][:2] == [
        (2, 3, 'the "answer" cell "(5)" is read as -5: Excel writes a negative number in brackets'),
        (3, 3, 'the "answer" cell "$(5.00)" is read as $-5.00: Excel writes a negative number '
         "in brackets"),
    ]  # fmt: skip
    assert [(note.line, note.column) for note in read.notes] == [
        (2, 3),
        (3, 3),
        (4, 3),
        (4, 4),
        (4, 6),
        (5, 3),
    ]
    paren, money, in_range = (QUESTION.validate_python(dict(q.fields)) for q in read.questions[:3])
    assert paren.bounds("en") == (Decimal(-5), Decimal(-5))
    assert not is_right(paren, "5", "en")
    assert money.bounds("en")[0] == Decimal("-5.00")
    assert in_range.bounds("ru") == (Decimal(-2000), Decimal(0))
    assert in_range.number_problems("ru") == []
