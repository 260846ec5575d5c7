"""Finding a file's format from what it holds, as the readers' own test files are written."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from clarity.formats.detect import FORMATS, detect_format, other_kind
from formats.test_kahoot import kahoot_template

HERE = Path(__file__).parent
TEXT = HERE / "text_files"
GIFT = HERE / "gift_files"
TABLE = HERE / "table_files"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (GIFT / "handwritten.gift", "gift"),
        (GIFT / "moodle_export_en.txt", "gift"),
        (GIFT / "moodle_export_ru.txt", "gift"),
        (TEXT / "aiken_moodle.txt", "aiken"),
        (TEXT / "aiken_cyrillic.txt", "aiken"),
        (TEXT / "aiken_errors.txt", "aiken"),
        (TEXT / "opentdb_default.json", "opentdb"),
        (TEXT / "opentdb_default_pretty.json", "opentdb"),
        (TEXT / "opentdb_base64.json", "opentdb"),
        (TEXT / "opentdb_url3986.json", "opentdb"),
        (TEXT / "quizlet_tab_newline.txt", "quizlet"),
        (TEXT / "quizlet_comma_semicolon.txt", "quizlet"),
        (TABLE / "excel_utf8_comma.csv", "csv"),
        (TABLE / "excel_cp1251_semicolon.csv", "csv"),
        (TABLE / "excel_cp1252_semicolon.csv", "csv"),
        (TABLE / "google_sheets.tsv", "csv"),
        (TABLE / "libreoffice_comma.csv", "csv"),
    ],
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_each_readers_files_are_found_by_their_content(path: Path, expected: str) -> None:
    assert detect_format(path.name, path.read_bytes()) == expected


def test_the_name_does_not_decide_when_the_content_is_plain() -> None:
    gift = (GIFT / "handwritten.gift").read_bytes()
    aiken = (TEXT / "aiken_moodle.txt").read_bytes()
    assert detect_format("questions.txt", gift) == "gift"
    assert detect_format("questions.csv", aiken) == "aiken"
    assert detect_format("no-extension", gift) == "gift"


def test_a_gift_file_is_found_by_its_answer_blocks_or_titles() -> None:
    assert detect_format("a.txt", b"Minsk is the capital of Belarus {T}\n") == "gift"
    assert detect_format("a.txt", b"2 + 2 = {#4}\n") == "gift"
    assert detect_format("a.txt", b"::Q1:: Who? {=me ~you}\n") == "gift"
    # braces that are no answer block, escaped braces: not GIFT
    assert detect_format("a.txt", b"set notation {a, b}\nx\n") is None
    assert detect_format("a.txt", b"escaped \\{=x\\}\n") is None


def test_a_table_header_in_russian_or_belarusian_is_ours() -> None:
    assert detect_format("a.csv", "Вопрос;Ответ;Варианты\nСтолица?;Минск;\n".encode()) == "csv"
    assert detect_format("a.csv", "Пытанне,Тып,Адказ\nЦі?,truefalse,так\n".encode()) == "csv"
    assert detect_format("a.csv", b"sep=;\nQuestion;Answer\nWhy?;Because\n") == "csv"
    # a title row above the header, as docs/csv-layout.md allows
    assert detect_format("a.txt", b"Geography 7\n\nQuestion,Answer\nCapital?,Minsk\n") == "csv"


def test_a_table_without_our_header_is_a_quizlet_set_when_lines_hold_a_separator() -> None:
    data = "dog,собака\ncat,кошка\nmilk,молоко\n".encode()
    assert detect_format("words.csv", data) == "quizlet"


def test_a_csv_header_that_also_reads_as_quizlet_is_csv_by_the_name_or_first() -> None:
    data = b"question,answer\n2+2,4\n3+3,6\n"
    assert detect_format("a.csv", data) == "csv"
    assert detect_format("a.txt", data) == "csv"


def test_json_that_is_not_opentdb_is_unknown() -> None:
    assert detect_format("a.json", json.dumps({"questions": []}).encode()) is None
    assert detect_format("a.json", b"[1, 2, 3]") is None


def test_kahoots_template_and_our_xlsx_layout_are_told_apart() -> None:
    kahoot = kahoot_template([["2+2?", "3", "4", "", "", 20, "2"]])
    assert detect_format("quiz.xlsx", kahoot) == "kahoot"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Question", "Type", "Answer", "Choices"])
    sheet.append(["Capital of Belarus?", "choice", "Minsk", "Minsk|Riga"])
    out = io.BytesIO()
    book.save(out)
    assert detect_format("table.xlsx", out.getvalue()) == "xlsx"


def test_a_zip_that_is_no_spreadsheet_and_broken_bytes_are_unknown() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert detect_format("letter.docx", out.getvalue()) is None
    assert detect_format("x.xlsx", b"PK\x03\x04 cut short") is None
    assert detect_format("empty.txt", b"") is None
    assert detect_format("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") is None


def test_the_formats_are_the_contracts() -> None:
    assert FORMATS == ("gift", "aiken", "csv", "xlsx", "quizlet", "opentdb", "kahoot")


def test_a_name_ending_in_a_formats_own_ending_names_it_and_txt_names_none() -> None:
    from clarity.formats.detect import format_of_name

    assert [format_of_name(n) for n in ("bank.GIFT", "rows.csv", "sheet.tsv", "trivia.json")] == [
        "gift",
        "csv",
        "csv",
        "opentdb",
    ]
    assert [format_of_name(n) for n in ("moodle.txt", "quiz.xlsx", "README")] == [None] * 3


def test_pictures_are_told_by_their_first_bytes_or_their_names() -> None:
    from clarity.formats.detect import looks_like_picture
    from core.image_bytes import gif_bytes, jpeg_bytes, png_bytes, webp_lossless_bytes

    for data in (png_bytes(3, 2), jpeg_bytes(3, 2), gif_bytes(3, 2), webp_lossless_bytes(3, 2)):
        assert looks_like_picture("photo", data)  # a name that says nothing: the bytes do
    assert looks_like_picture("IMG_0042.HEIC", b"\x00\x00\x00\x18ftypheic")
    assert not looks_like_picture("notes.txt", b"BMW\tcar\nAudi\tcar\n")
    assert not looks_like_picture("bank.gift", b"::Q::Why? {=Because}")


def test_bytes_that_are_no_text_fit_no_format_however_they_look() -> None:
    import random

    from clarity.formats.detect import is_binary

    noise = random.Random(30).randbytes(256 * 1024)  # holds "{=...}" and "::x::" somewhere
    assert detect_format("big.bin", noise) is None
    assert detect_format("big.txt", noise) is None
    gift = (GIFT / "moodle_export_en.txt").read_bytes()
    assert detect_format("bank.bin", gift.replace(b"\n", b"\x00\n", 1)) is None
    # text in UTF-16 (with its byte-order mark), or with a tab, is text
    assert not is_binary("Who?\t{=A ~B}\n".encode("utf-16"))
    assert detect_format("bank.txt", gift.decode("utf-8").encode("utf-16")) == "gift"
    assert detect_format("bank.txt", gift) == "gift"


# --- line endings, hostile JSON, files the game does not read -------------------------------

_ENDING_FILES = [
    (GIFT / "handwritten.gift", "gift"),
    (GIFT / "moodle_export_en.txt", "gift"),
    (TEXT / "aiken_moodle.txt", "aiken"),
    (TEXT / "aiken_cyrillic.txt", "aiken"),
    (TEXT / "quizlet_tab_newline.txt", "quizlet"),
    (TEXT / "opentdb_default_pretty.json", "opentdb"),
    (TABLE / "excel_utf8_comma.csv", "csv"),
    (TABLE / "google_sheets.tsv", "csv"),
]


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize(
    ("path", "expected"),
    _ENDING_FILES,
    ids=lambda value: value.name if isinstance(value, Path) else value,
)
def test_each_format_is_found_whatever_its_line_endings(
    path: Path, expected: str, ending: bytes
) -> None:
    # Windows Notepad saves CRLF, old Mac tools CR: every rule must see the same lines.
    lines = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    data = ending.join(lines)
    assert detect_format(path.name.replace(".", "_"), data) == expected


def test_an_aiken_file_saved_by_notepad_is_aiken() -> None:
    data = (
        b"What is 2 + 2?\r\nA) 3\r\nB) 4\r\nANSWER: B\r\n\r\n"
        b"Sky?\r\nA. blue\r\nB. red\r\nANSWER: A\r\n"
    )
    assert detect_format("quiz.txt", data) == "aiken"


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 30_000 + b"]" * 30_000,
        b'{"response_code":0,"results":' + b"[" * 30_000 + b"]" * 30_000 + b"}",
        b"{" + b'"a":{' * 10_000 + b"}" * 10_001,
    ],
    ids=["array", "opentdb-shaped", "objects"],
)
def test_json_nested_deeper_than_python_parses_is_no_format_and_never_raises(
    data: bytes,
) -> None:
    assert len(data) < 64 * 1024  # all of it looked at: a complete document
    found = detect_format("deep.json", data)
    assert found in (None, "opentdb")  # opentdb-shaped: its reader then says where
    if not data.startswith(b'{"response_code"'):
        assert found is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "xls"),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<question type="truefalse">'
            b"</question>\n</quiz>\n",
            "moodle-xml",
        ),
        (b"\xef\xbb\xbf<!-- question: 1 -->\n<quiz>\n</quiz>\n", "moodle-xml"),
        (b"Sky is blue {T}\n", None),
        (b"<p>html</p>", None),
    ],
    ids=["xls", "moodle-xml", "moodle-xml-bom-comment", "gift", "html"],
)
def test_files_a_teacher_may_take_for_ours_are_told_apart(
    data: bytes, expected: str | None
) -> None:
    assert other_kind(data) == expected


def test_an_ods_and_an_xlsx_zip_are_told_apart() -> None:
    import zipfile

    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as archive:
        # ODF 1.2 part 3, 3.3: the mimetype entry first, stored, uncompressed
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", "<office:document-content/>")
    assert other_kind(ods.getvalue()) == "ods"
    assert detect_format("k.ods", ods.getvalue()) is None
    book = openpyxl.Workbook()
    book.active.append(["question", "answer"])
    out = io.BytesIO()
    book.save(out)
    assert other_kind(out.getvalue()) == "xlsx"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_text_in_utf16_without_its_mark_is_text_of_its_format(encoding: str) -> None:
    aiken = "Столица Беларуси?\nA) Минск\nB) Рига\nANSWER: A\n"
    assert detect_format("quiz.txt", aiken.encode(encoding)) == "aiken"
    table = "question,type,answer\nСтолица Франции?,typed,Париж\n"
    assert detect_format("table.txt", table.encode(encoding)) == "csv"
