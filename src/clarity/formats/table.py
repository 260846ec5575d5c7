"""Questions from a spreadsheet in the game's documented layout: CSV or Excel's xlsx.

The layout (docs/csv-layout.md tells it to teachers, :data:`TABLE_COLUMNS` holds it): the
first row that is not empty names the columns, in any order, in English, Russian or
Belarusian, in any case and with any spaces ("Time limit (sec)" is the time limit column:
a remark in brackets is not part of the name). A few rows may stand above it (the first
text there is the sheet's title). Each row below is one question:

=============  ============================================================================
question       the question's text (required)
type           choice, truefalse, typed or number; empty: found from the row (choices given:
               choice; an answer true or false: truefalse; a number: number; else typed)
answer         choice: the right choice's text, its letter (A-F) or its number (1-6), several
               separated by "|"; truefalse: true or false (yes/no, верно/неверно, так/не, ...);
               typed: the answer; number: the number, kept as written for the pack's
               language to read ("1,000" is 1000 in English, 1 in Russian)
choices        the choices separated by "|"; or the columns "choice 1" ... "choice 6"
accept         other accepted answers, separated by "|"
explanation    shown after the answer
time limit     seconds, 5 to 300
difficulty     easy, medium or hard
tags           separated by "|" or ","
tolerance      number questions: how far off still counts ("0.5", or "5%")
min, max       number questions: the right range
id             the question's id (letters, digits and hyphens); anything else is made one
image          a picture file for the question, beside the pack
=============  ============================================================================

A row that cannot be a question (no question text, an unknown type, a choice answer that
names no choice) is skipped with the reason at its line and the column of the cell that is
wrong; an empty row (or one with text only in columns the game does not read, such as
row numbers) is passed over. Line numbers are the file's lines (a CSV row whose
quoted cell holds line breaks starts on one line and ends on a later one; the next row's
line is counted right) and the sheet's row numbers for xlsx; columns are the cell's column
number (A is 1).

CSV: the delimiter is the one the header row uses most of comma, semicolon (Excel in
languages that write a decimal comma) and tab (Excel's "Unicode text", Google Sheets' TSV);
Excel's ``sep=;`` first line is honoured. The bytes are UTF-8, UTF-16 or the Windows code
page Excel writes (:func:`clarity.formats.text_decoding.decode_table_text`). A quote that is
never closed refuses the file at its line and column.

Caps, so that a broken or hostile file is told in one line and never fills the memory: at
most :class:`~clarity.core.packs.loader.PackLimits`' ``max_questions`` question rows are
read (the rest said once), a cell over :data:`MAX_CELL_CHARS` is refused at its place, and
an xlsx workbook's declared unpacked sizes are checked before it is unpacked.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache

import openpyxl
from openpyxl.utils import column_index_from_string

from clarity.core.messages import N_, Message, message, plural_message
from clarity.core.number_reading import read_number
from clarity.core.packs.loader import PackLimits
from clarity.core.packs.models import MAX_CHOICES, MAX_TIME_LIMIT, MIN_CHOICES, MIN_TIME_LIMIT
from clarity.formats.source import Skipped, SourceQuestion, SourceRead, SourceUnreadable
from clarity.formats.text_decoding import decode_table_text


@dataclass(frozen=True)
class TableColumn:
    """One column of the documented layout.

    ``key`` is how the reader names it (``question``, ``choice 1``, ...); ``names`` are the
    header texts it is known by, in English, Russian and Belarusian, compared without case,
    spaces, punctuation and a remark in brackets; ``meaning`` says what the column holds
    (English, marked for translation).
    """

    key: str
    names: tuple[str, ...]
    meaning: str


def _choice_columns() -> tuple[TableColumn, ...]:
    return tuple(
        TableColumn(
            f"choice {number}",
            (
                f"choice {number}",
                f"option {number}",
                f"answer {number}",
                f"вариант {number}",
                f"варыянт {number}",
            ),
            N_("one choice; an alternative to the choices column"),
        )
        for number in range(1, MAX_CHOICES + 1)
    )


#: The documented layout, in the order the template writes it.
TABLE_COLUMNS: tuple[TableColumn, ...] = (
    TableColumn(
        "question",
        ("question", "prompt", "вопрос", "текст вопроса", "пытанне", "тэкст пытання"),
        N_("the question's text (required)"),
    ),
    TableColumn(
        "type",
        ("type", "question type", "тип", "тип вопроса", "тып", "тып пытання"),
        N_("choice, truefalse, typed or number; empty: found from the row"),
    ),
    TableColumn(
        "answer",
        (
            "answer",
            "correct answer",
            "right answer",
            "ответ",
            "правильный ответ",
            "верный ответ",
            "адказ",
            "правільны адказ",
        ),
        N_(
            "the right answer: for a choice question its text, letter or number, "
            'several separated by "|"'
        ),
    ),
    TableColumn(
        "choices",
        ("choices", "options", "варианты", "варианты ответа", "варыянты", "варыянты адказу"),
        N_('the choices, separated by "|"'),
    ),
    TableColumn(
        "accept",
        (
            "accept",
            "also accept",
            "accepted answers",
            "other answers",
            "принимать",
            "другие ответы",
            "тоже верно",
            "іншыя адказы",
            "таксама правільна",
        ),
        N_('other accepted answers, separated by "|"'),
    ),
    TableColumn(
        "explanation",
        (
            "explanation",
            "explain",
            "feedback",
            "пояснение",
            "объяснение",
            "тлумачэнне",
            "растлумачэнне",
        ),
        N_("shown after the answer"),
    ),
    TableColumn(
        "time limit",
        ("time limit", "time", "seconds", "время", "лимит времени", "секунды", "час", "секунды"),
        N_("seconds to answer, 5 to 300"),
    ),
    TableColumn(
        "difficulty",
        ("difficulty", "level", "сложность", "уровень", "складанасць", "узровень"),
        N_("easy, medium or hard"),
    ),
    TableColumn(
        "tags",
        ("tags", "tag", "category", "categories", "теги", "категория", "тэгі", "катэгорыя"),
        N_('tags, separated by "|" or ","'),
    ),
    TableColumn(
        "tolerance",
        ("tolerance", "погрешность", "допуск", "хібнасць", "дапуск"),
        N_("number questions: how far off still counts"),
    ),
    TableColumn(
        "min", ("min", "minimum", "от", "минимум", "ад", "мінімум"), N_("number questions: least")
    ),
    TableColumn(
        "max", ("max", "maximum", "до", "максимум", "да", "максімум"), N_("number questions: most")
    ),
    TableColumn("id", ("id", "идентификатор", "ідэнтыфікатар"), N_("the question's id")),
    TableColumn(
        "image",
        ("image", "picture", "картинка", "изображение", "рисунок", "малюнак", "выява"),
        N_("a picture file for the question, beside the pack"),
    ),
    *_choice_columns(),
)

_TYPES = {
    "choice": (
        "choice",
        "multiple choice",
        "multiplechoice",
        "mc",
        "mcq",
        "выбор",
        "с выбором",
        "выбар",
    ),
    "truefalse": (
        "truefalse",
        "true/false",
        "true false",
        "tf",
        "yes/no",
        "верно/неверно",
        "да/нет",
        "правда/ложь",
        "так/не",
        "праўда/няпраўда",
    ),
    "typed": ("typed", "text", "short answer", "ввод", "текст", "тэкст", "увод"),
    "number": ("number", "numeric", "numerical", "число", "числовой", "лік", "лічба"),
}

# Answers that are true or false, as teachers and spreadsheets write them (Excel's TRUE
# and FALSE in English, ИСТИНА and ЛОЖЬ in Russian).
_TRUE_WORDS = ("true", "t", "yes", "y", "верно", "правда", "истина", "да", "так", "праўда")
_FALSE_WORDS = ("false", "f", "no", "n", "неверно", "ложь", "нет", "не", "няпраўда", "хлусня")

_DIFFICULTIES = {
    "easy": ("easy", "лёгкий", "легкий", "простой", "лёгкі", "лёгка", "просты"),
    "medium": ("medium", "средний", "сярэдні", "normal", "обычный"),
    "hard": ("hard", "difficult", "сложный", "трудный", "складаны", "цяжкі"),
}

# Rows that may stand above the header row (a title, a remark) before a table is refused.
ROWS_ABOVE_HEADER = 5
# A text above the header longer than this is a remark, not the sheet's title.
LONGEST_TITLE = 120
_LATIN_LETTERS = "abcdef"
_CYRILLIC_LETTERS = "абвгде"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A cell written as a number alone: digits, grouped by spaces, apostrophes, points or commas,
# with a decimal sign, maybe a power of ten as Excel writes one (6.02E+23); only such a cell
# makes a row with no type a number question.
_NUMBER_SHAPE = re.compile(
    r"^[+\-\u2212]?(?:\d(?:[\d.,' \u00a0\u202f\u2009\u2007]*\d)?|[.,]\d+)(?:[eE][+\-\u2212]?\d+)?$"
)
# A negative number as Excel's accounting format and its "(1,234.10)" negative number format
# show it, and so save it in a CSV file: in brackets, maybe with a currency sign ("(5)",
# "$(5.00)", "(5,00 ₽)"); the brackets hold no sign of their own.
_BRACKETED = re.compile(r"^([^\d()]*?)\(\s*([^()+\-\u2212]*?\d[^()]*?)\s*\)([^\d()]*)$")
# Excel keeps a number to 15 significant digits and shows no more (Microsoft's "Excel
# specifications and limits": number precision, 15 digits): 0.1 + 0.2, saved as
# 0.30000000000000004, is 0.3 to the teacher.
_EXCEL_DIGITS = 15
# The table does not know the pack's language: a number cell is kept as written, for the
# pack's language to read (clarity.core.number_reading.read_number, as the pack loader
# does), and is refused here only when it reads as a number in none of these.
_NUMBER_LANGUAGES = ("en", "ru", "de")
_SECONDS = re.compile(r"^(\d+(?:[.,]\d+)?)\s*[^\d\s]*$")


def read_csv(data: bytes) -> SourceRead:
    """The questions of a CSV file in the documented layout.

    ``data`` is the file's bytes: UTF-8 (with or without a byte order mark), UTF-16 with
    one, or Windows-1251/1252 as Excel writes them. Raises :class:`SourceUnreadable` when
    the bytes read in none of these, when a line cannot be read as CSV, or when the header
    row has no question column.
    """
    text = decode_table_text(data)
    return _read_rows(csv_rows(text))


def read_xlsx(data: bytes) -> SourceRead:
    """The questions of the first sheet of an Excel workbook (.xlsx) in the documented layout.

    A formula cell gives the value Excel last computed (saved in the file); a whole number
    stored as a float is written without ".0" (1999, not 1999.0), a date as 2024-05-01.
    Raises :class:`SourceUnreadable` when ``data`` is not an xlsx workbook (an old .xls
    one is named as such) or the header row has no question column.
    """
    return _read_rows(xlsx_rows(data))


def csv_template() -> str:
    """A CSV file with the header row and one example row per question type.

    The text starts with a UTF-8 byte order mark (U+FEFF): write it as UTF-8 as it is.
    Excel reads a CSV without the mark in the computer's Windows code page, which turns
    Cyrillic into nonsense as soon as a teacher types it; with the mark Excel, LibreOffice
    and Google Sheets all read UTF-8. Comma-separated, each cell quoted where needed
    (:mod:`csv`), lines ended by CR LF as RFC 4180 and Excel write them.
    """
    header = [
        "question",
        "type",
        "answer",
        "choices",
        "accept",
        "explanation",
        "time limit",
        "difficulty",
        "tags",
        "tolerance",
        "min",
        "max",
    ]
    examples = [
        {
            "question": "Which planet is the largest?",
            "type": "choice",
            "answer": "Jupiter",
            "choices": "Mars|Jupiter|Venus|Saturn",
            "explanation": "Jupiter is more than twice as heavy as all the other planets together.",
            "time limit": "20",
            "difficulty": "easy",
            "tags": "space|planets",
        },
        {
            "question": "Which of these is a prime number?",
            "type": "choice",
            "answer": "A|C",
            "choices": "2|4|7|9",
            "tags": "maths",
        },
        {
            "question": "The Sun is a star.",
            "type": "truefalse",
            "answer": "true",
            "explanation": "It is the star nearest to the Earth.",
        },
        {
            "question": "What is the capital of Belarus?",
            "type": "typed",
            "answer": "Minsk",
            "accept": "Mensk",
            "difficulty": "medium",
        },
        {
            "question": "In which year did the first person fly into space?",
            "type": "number",
            "answer": "1961",
            "tolerance": "0",
            "explanation": "Yuri Gagarin flew on 12 April 1961.",
        },
        {
            "question": "Name a number between 10 and 20.",
            "type": "number",
            "answer": "15",
            "min": "10",
            "max": "20",
        },
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for example in examples:
        writer.writerow([example.get(name, "") for name in header])
    return "\ufeff" + out.getvalue()


# ---------------------------------------------------------------------------------------
# Reading rows out of the file

# A cell longer than this (in characters) is refused at its place, its text not kept: a
# question's longest text is 2,000 characters (clarity.core.packs.models.Text), and a cell
# of megabytes is a broken or hostile file. (Excel's own cells hold at most 32,767.)
MAX_CELL_CHARS = 10_000
# An xlsx workbook is a zip of XML parts; these caps are checked on the sizes the zip
# declares, before anything is unpacked (Python's zipfile never unpacks more than the
# declared size of a part). A sheet of 10,000 questions unpacks to a few megabytes.
MAX_XLSX_PART = 64 * 1024 * 1024
MAX_XLSX_UNPACKED = 128 * 1024 * 1024
MAX_XLSX_PARTS = 1_000
# XML packs 5 to 20 times smaller; a part that would grow more than this (and is over
# XLSX_RATIO_FROM bytes unpacked) is a zip bomb.
MAX_XLSX_RATIO = 200
XLSX_RATIO_FROM = 1024 * 1024
# Excel's sheets have at most 1,048,576 rows (Excel's "specifications and limits"); rows
# numbered past it are not read. Rows (empty ones too) past ROWS_PER_QUESTION times the
# pack's most questions are not read either.
EXCEL_MAX_ROWS = 1_048_576
ROWS_PER_QUESTION = 10


@dataclass(frozen=True)
class TableRow:
    """One row of a table file: its 1-based line (CSV: the line it starts on) or row
    number (xlsx), and its cells as text, column A first.

    ``too_long``: the 0-based indexes of cells over :data:`MAX_CELL_CHARS`, with their length
    (the cell itself is held as ""); ``formulas``: the indexes of xlsx cells holding a
    formula with no saved value (a file written by a program and never opened in a
    spreadsheet; the cell is held as "").
    """

    line: int
    cells: list[str]
    too_long: Mapping[int, int] = field(default_factory=dict)
    formulas: frozenset[int] = frozenset()


@dataclass(frozen=True)
class TableRows:
    """The rows of a table file, read as they are iterated (stop iterating and the rest is
    never read), and ``last_line()``: the file's last line (CSV) or row (xlsx), for telling
    a teacher how much was left unread."""

    rows: Iterator[TableRow]
    last_line: Callable[[], int]

    def __iter__(self) -> Iterator[TableRow]:
        return self.rows


def rows_left(line: int, last: int, most: int) -> Skipped:
    """The one line said when a table holds more rows than a pack can hold questions: from
    ``line`` to ``last`` nothing is read."""
    count = max(last - line + 1, 1)
    said = plural_message(
        "{count} more row, up to line {last}, is not read: a pack holds at most {most} questions",
        "{count} more rows, up to line {last}, are not read: a pack holds at most {most} questions",
        count,
        last=str(last),
        most=most,
    )
    return Skipped(line, 1, said)


def _too_long_cell(line: int, index: int, length: int) -> Skipped:
    """A cell over :data:`MAX_CELL_CHARS`, refused at its place."""
    said = message(
        "this cell holds {count} characters, more than the {most} a cell may hold; the row "
        "is skipped",
        count=length,
        most=MAX_CELL_CHARS,
    )
    return Skipped(line, index + 1, said)


def _unsaved_formula(line: int, index: int) -> Skipped:
    """An xlsx cell with a formula and no saved value, refused at its place."""
    said = message(
        "this cell holds a formula with no saved value (the file was written by a program, "
        "not saved by a spreadsheet); open the file in Excel or LibreOffice and save it"
    )
    return Skipped(line, index + 1, said)


def cell_problem(row: TableRow, wanted: list[int]) -> Skipped | None:
    """The first cell of ``row`` among ``wanted`` (0-based indexes of the columns a reader
    reads), from the left, that is too long (:data:`MAX_CELL_CHARS`) or an unsaved formula,
    refused at its place; None when every one can be read. The game's table and Kahoot's
    template skip such a row alike."""
    for index in sorted(wanted):
        if index in row.too_long:
            return _too_long_cell(row.line, index, row.too_long[index])
        if index in row.formulas:
            return _unsaved_formula(row.line, index)
    return None


def csv_rows(text: str) -> TableRows:
    """The records of the CSV ``text`` (RFC 4180, as Excel, LibreOffice and Google Sheets
    write it), each with the 1-based line it starts on.

    The delimiter is Excel's ``sep=`` line's, else the one of comma, semicolon and tab the
    header uses most. A cell that starts with a quote runs to the next lone quote (``""``
    is a quote inside it), over line ends; text after the closing quote up to the next
    delimiter is kept, and a quote inside a cell that does not start with one is text, as
    Python's :mod:`csv` reads them. Raises :class:`SourceUnreadable` at a quote that is
    never closed.
    """
    first_line = 1
    sep = re.match(r"sep=(.)(\r\n|\r|\n|$)", text)
    if sep is not None:  # Excel's hint line, "sep=;"
        delimiter = sep[1]
        text = text[sep.end() :]
        first_line = 2
    else:
        delimiter = _delimiter(text)

    def last_line() -> int:
        ends = text.count("\n") + text.count("\r") - text.count("\r\n")
        return first_line + ends - (1 if text.endswith(("\n", "\r")) else 0)

    return TableRows(_csv_records(text, delimiter, first_line), last_line)


def _line_ends(text: str, start: int, end: int) -> int:
    """How many lines end in ``text[start:end]`` ("\\r\\n", "\\r" and "\\n" each end one)."""
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


def _csv_records(text: str, delimiter: str, first_line: int) -> Iterator[TableRow]:
    plain = re.compile("[^" + re.escape(delimiter) + "\r\n]*")
    size = len(text)
    at = 0
    line = first_line
    line_start = 0  # where the current line starts in ``text``
    while at < size:
        start_line = line
        cells: list[str] = []
        too_long: dict[int, int] = {}
        while True:
            if text.startswith('"', at):
                close = at + 1
                while True:
                    close = text.find('"', close)
                    if close < 0:
                        place = f"{line}:{at - line_start + 1}"
                        said = message(
                            "the quote opened at {place} is never closed: the rest of the file "
                            'would be one cell; close it, and write "" for a quote inside a '
                            "quoted cell",
                            place=place,
                        )
                        raise SourceUnreadable(line, at - line_start + 1, said)
                    if text.startswith('"', close + 1):
                        close += 2
                        continue
                    break
                ends = _line_ends(text, at, close)
                if ends:
                    line += ends
                    line_start = max(text.rfind("\n", at, close), text.rfind("\r", at, close)) + 1
                after = plain.match(text, close + 1).end()
                length = close - at - 1 + after - close - 1
                if length > MAX_CELL_CHARS:
                    too_long[len(cells)] = length
                    cells.append("")
                else:
                    cells.append(text[at + 1 : close].replace('""', '"') + text[close + 1 : after])
                at = after
            else:
                after = plain.match(text, at).end()
                if after - at > MAX_CELL_CHARS:
                    too_long[len(cells)] = after - at
                    cells.append("")
                else:
                    cells.append(text[at:after])
                at = after
            if at < size and text[at] == delimiter:
                at += 1
                continue
            at += 2 if text.startswith("\r\n", at) else 1
            line += 1
            line_start = at
            break
        yield TableRow(start_line, cells, too_long)


def _delimiter(text: str) -> str:
    """The one of comma, semicolon and tab that the first record uses most (a comma when
    none): counted outside quotes, up to the first line end outside quotes."""
    counts = {",": 0, ";": 0, "\t": 0}
    at = 0
    pieces = re.compile(r'[^",;\t\r\n]+|"[^"]*"?|[,;\t]|[\r\n]')
    while at < len(text):
        piece = pieces.match(text, at)
        if piece is None:  # a quote never closed: nothing more to count
            break
        token = piece[0]
        if token in "\r\n":
            break
        if token in counts:
            counts[token] += 1
        at = piece.end()
    return max(counts, key=lambda sign: counts[sign]) if any(counts.values()) else ","


def xlsx_rows(data: bytes) -> TableRows:
    """The rows of the first sheet of the workbook ``data``, each with its 1-based row
    number, the cells as text (:func:`cell_text`), column A first; read as they are
    iterated (openpyxl's read-only mode streams the sheet's XML).

    The zip's declared sizes are checked first (:data:`MAX_XLSX_PART`,
    :data:`MAX_XLSX_UNPACKED`, :data:`MAX_XLSX_RATIO`), so a small file that would unpack to
    gigabytes is refused before any of it is unpacked. Raises :class:`SourceUnreadable`
    when ``data`` is not an xlsx workbook or is one of those; while iterating, when the
    sheet's XML is broken.
    """
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # the OLE2 container of Excel 97-2003's .xls
        said = message(
            'an old Excel workbook (.xls); open it in Excel or LibreOffice and save it as "Excel '
            'Workbook (.xlsx)" or as CSV'
        )
        raise SourceUnreadable(1, 1, said)
    unreadable = message("the file is not an Excel workbook (.xlsx) that can be read")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise SourceUnreadable(1, 1, unreadable) from error
    _check_parts(parts)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        # openpyxl lets through whatever its zip and XML readers raise on a damaged or
        # foreign file (BadZipFile, KeyError, ParseError, ValueError, ...): all mean the same.
        raise SourceUnreadable(1, 1, unreadable) from error
    if not workbook.worksheets:
        workbook.close()
        return TableRows(iter(()), lambda: 0)
    sheet = workbook.worksheets[0]
    # The sheet's part in the zip (openpyxl keeps it on the read-only sheet), read raw for
    # what openpyxl does not tell: formulas without a saved value, the last row's number.
    path = getattr(sheet, "_worksheet_path", None)
    raw = _raw_part(data, path)
    return TableRows(_sheet_rows(workbook, sheet, raw, unreadable), lambda: _last_row(raw))


def _check_parts(parts: list[zipfile.ZipInfo]) -> None:
    """Refuses a workbook whose declared sizes are past the caps, before unpacking any."""
    if len(parts) > MAX_XLSX_PARTS:
        said = message(
            "the workbook holds {count} parts, more than any spreadsheet; it is not read",
            count=len(parts),
        )
        raise SourceUnreadable(1, 1, said)
    total = 0
    for part in parts:
        total += part.file_size
        too_big = part.file_size > MAX_XLSX_PART or total > MAX_XLSX_UNPACKED
        ratio = part.file_size / max(part.compress_size, 1)
        if too_big or (part.file_size > XLSX_RATIO_FROM and ratio > MAX_XLSX_RATIO):
            said = message(
                'the workbook\'s part "{name}" would unpack to {size} MB from {packed} KB; '
                "a table of questions is far smaller, so the file is not read",
                name=part.filename,
                size=str(part.file_size // (1024 * 1024)),
                packed=str(max(part.compress_size // 1024, 1)),
            )
            raise SourceUnreadable(1, 1, said)


def _raw_part(data: bytes, path: str | None) -> bytes:
    if not path:
        return b""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(path.lstrip("/"))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return b""


_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_CELL_START = re.compile(rb"<(?:\w+:)?c\b[^>]*>")
_SAVED_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_CELL_PLACE = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')


def _last_row(raw: bytes) -> int:
    """The number of the sheet's last row (its ``<row r="N">``), 0 when not found."""
    at = max(raw.rfind(b"<row "), raw.rfind(b":row "))
    found = _ROW_NUMBER.search(raw, max(at - 2, 0)) if at >= 0 else None
    return int(found[1]) if found else 0


def _unsaved_formulas(raw: bytes) -> dict[int, set[int]]:
    """Row number -> 0-based column indexes of the cells holding a formula (``<f>``) and no
    saved value (no ``<v>`` with text), as a program that never calculated writes them."""
    found: dict[int, set[int]] = {}
    for formula in _FORMULA.finditer(raw):
        start = max(raw.rfind(b"<c ", 0, formula.start()), raw.rfind(b":c ", 0, formula.start()))
        if start < 0:
            continue
        cell = _CELL_START.match(raw, raw.rfind(b"<", 0, start + 1))
        if cell is None:
            continue
        end = raw.find(b"c>", formula.end())
        if _SAVED_VALUE.search(raw, formula.end(), end if end >= 0 else len(raw)):
            continue
        place = _CELL_PLACE.search(cell[0])
        if place is None:
            continue
        found.setdefault(int(place[2]), set()).add(column_index_from_string(place[1].decode()) - 1)
    return found


def _sheet_rows(
    workbook: object, sheet: object, raw: bytes, unreadable: Message
) -> Iterator[TableRow]:
    formulas = _unsaved_formulas(raw) if _FORMULA.search(raw) else {}
    try:
        # Other tools write a wrong sheet size; reading without it reads every cell.
        sheet.reset_dimensions()  # type: ignore[attr-defined]
        rows = sheet.iter_rows(min_row=1, values_only=True)  # type: ignore[attr-defined]
        for number, values in enumerate(rows, 1):
            if number > EXCEL_MAX_ROWS:
                return
            cells: list[str] = []
            too_long: dict[int, int] = {}
            for index, value in enumerate(values):
                text = cell_text(value)
                if len(text) > MAX_CELL_CHARS:
                    too_long[index] = len(text)
                    text = ""
                cells.append(text)
            yield TableRow(number, cells, too_long, frozenset(formulas.get(number, ())))
    except SourceUnreadable:
        raise
    except Exception as error:  # the sheet's XML is read here, row by row: same as above
        raise SourceUnreadable(1, 1, unreadable) from error
    finally:
        workbook.close()  # type: ignore[attr-defined]


def cell_text(value: object) -> str:
    """A spreadsheet cell's value as the teacher sees it: text as it is, a number as
    :func:`float_text` writes it (1999.0 is "1999", 6.02e23 "6.02E+23"), a date as ISO 8601
    (2024-05-01, with the time when it has one), TRUE/FALSE as Excel shows them, an empty
    cell as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return float_text(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def float_text(value: float) -> str:
    """A number cell's float as the exact decimal the teacher typed, to Excel's 15 significant
    digits (:data:`_EXCEL_DIGITS`): the shortest decimal that is the float (``repr``), rounded
    there, with no trailing zeros. In plain digits when they are at most 15 after a lone 0
    ("1999", "3.5", "0.00000015", "0.333333333333333"), else in scientific notation as
    Excel shows it ("6.02E+23", "1E+15"), which the game reads as that number
    (:mod:`clarity.core.number_reading`). Never the float's binary digits written out
    (6.02e23 is not "601999999999999995805696")."""
    if not math.isfinite(value):
        return repr(value)  # no workbook Excel saves holds one
    shown = Decimal(repr(value)).normalize(Context(prec=_EXCEL_DIGITS, rounding=ROUND_HALF_UP))
    if not shown:
        return "0"  # -0.0 too
    plain = format(shown, "f")
    body = plain.lstrip("-")
    if len(body.replace(".", "")) - body.startswith("0.") <= _EXCEL_DIGITS:
        return plain  # the 0 before a decimal point is not one of the digits
    digits = "".join(map(str, shown.as_tuple().digits))
    mantissa = digits[0] + (f".{digits[1:]}" if len(digits) > 1 else "")
    power = shown.adjusted()
    sign = "-" if shown < 0 else ""
    return f"{sign}{mantissa}E{'+' if power >= 0 else '-'}{abs(power):02d}"


def unbracketed(text: str) -> str | None:
    """``text`` with a negative number written in brackets, as Excel's accounting format
    writes one, made negative with a minus before its digits ("(5)" -> "-5", "$(5.00)" ->
    "$-5.00"); None when the text is no such number."""
    match = _BRACKETED.match(text.strip())
    if match is None:
        return None
    before, inside, after = match.groups()
    digits = re.search(r"[.,]?\d", inside)
    assert digits is not None  # the pattern holds a digit inside
    negative = f"{before}{inside[: digits.start()]}-{inside[digits.start() :]}{after}"
    return negative if is_number(negative) else None


# ---------------------------------------------------------------------------------------
# Rows to questions


def header_key(text: str) -> str:
    """A header (or a word of the layout: a type, true, easy) as compared: no case, no
    remark in brackets, only letters and digits, ё as е ("Time limit (sec)" is
    "timelimit")."""
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", unicodedata.normalize("NFC", text))
    text = text.casefold().replace("ё", "е")
    return "".join(char for char in text if char.isalnum())


@cache
def _columns_by_name() -> dict[str, str]:
    return {header_key(name): column.key for column in TABLE_COLUMNS for name in column.names}


@cache
def _lookup(table: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str]:
    return {header_key(word): key for key, words in table for word in words}


def _word_key(
    text: str, table: dict[str, tuple[str, ...]] | Sequence[tuple[str, tuple[str, ...]]]
) -> str | None:
    pairs = tuple(table.items()) if isinstance(table, dict) else tuple(table)
    return _lookup(pairs).get(header_key(text))


def truth_of(text: str) -> bool | None:
    """True or False for an answer that says so (true/false, yes/no, верно/неверно, да/нет,
    так/не, праўда/няпраўда, Excel's TRUE/FALSE and ИСТИНА/ЛОЖЬ), else None."""
    key = _word_key(text, (("t", _TRUE_WORDS), ("f", _FALSE_WORDS)))
    return None if key is None else key == "t"


def is_number(text: str) -> bool:
    """Whether ``text`` reads as one number in a language whose numbers a teacher may write
    ("1,000" in English, "3,5" in Russian, "1.000.000" in German), by the game's own number
    reader. The text stays as written: the pack's language reads it."""
    written = text.strip()
    return any(read_number(written, language) is not None for language in _NUMBER_LANGUAGES)


def looks_like_number(text: str) -> bool:
    """Whether ``text`` is written as a number alone (no unit, no word; a negative one maybe
    in brackets, "(5)"): what makes a row with no type a number question."""
    written = text.strip()
    bracketed = _BRACKETED.match(written)
    if bracketed is not None and not bracketed[1] and not bracketed[3]:
        written = bracketed[2]
    return bool(_NUMBER_SHAPE.match(written)) and is_number(written)


def clamped_time_limit(text: str, line: int, column: int) -> tuple[int | None, Skipped | None]:
    """A time limit cell as whole seconds within the game's 5 to 300, and a note when the
    cell was changed (clamped) or left out (not a number)."""
    match = _SECONDS.match(text.strip())
    if match is None:
        said = message(
            'time limit "{value}" is not a number of seconds; the game\'s own time is used',
            value=text,
        )
        return None, Skipped(line, column, said)
    seconds = round(float(match[1].replace(",", ".")))
    clamped = min(max(seconds, MIN_TIME_LIMIT), MAX_TIME_LIMIT)
    if clamped != seconds:
        said = message(
            "time limit {seconds} s is outside {least} to {most} seconds; {used} s is used",
            seconds=str(seconds),
            least=str(MIN_TIME_LIMIT),
            most=str(MAX_TIME_LIMIT),
            used=str(clamped),
        )
        return clamped, Skipped(line, column, said)
    return clamped, None


def split_list(text: str, separators: str = "|") -> list[str]:
    """``text`` cut at the first of ``separators`` it holds, the parts stripped, empty ones
    left out."""
    for separator in separators:
        if separator in text:
            return [part.strip() for part in text.split(separator) if part.strip()]
    return [text.strip()] if text.strip() else []


@dataclass
class _Header:
    names: dict[str, int]  # column key -> 0-based index
    titles: list[str]  # the header texts as written, by index


# Columns the game does not read are each named in a note up to this many; the rest are
# counted in one more note.
NAMED_UNREAD_COLUMNS = 5


def _read_header(line: int, cells: list[str]) -> tuple[_Header | None, list[Skipped]]:
    """The row's columns when it names a question column (and notes on the columns the game
    does not read: one each for the first :data:`NAMED_UNREAD_COLUMNS`, one for the rest),
    else None."""
    by_name = _columns_by_name()
    names: dict[str, int] = {}
    notes: list[Skipped] = []
    unread: list[int] = []
    for index, cell in enumerate(cells):
        title = cell.strip().lstrip("\ufeff").strip()
        if not title:
            continue
        key = by_name.get(header_key(title))
        if key is None:
            unread.append(index)
            if len(unread) <= NAMED_UNREAD_COLUMNS:
                said = message(
                    'column "{name}" is not one the game reads; it is left out', name=title
                )
                notes.append(Skipped(line, index + 1, said))
        elif key in names:
            said = message('column "{name}" is there twice; the first one is read', name=title)
            notes.append(Skipped(line, index + 1, said))
        else:
            names[key] = index
    if "question" not in names:
        return None, []
    if len(unread) > NAMED_UNREAD_COLUMNS:
        more = len(unread) - NAMED_UNREAD_COLUMNS
        said = plural_message(
            "{count} more column the game does not read is left out",
            "{count} more columns the game does not read are left out",
            more,
        )
        notes.append(Skipped(line, unread[NAMED_UNREAD_COLUMNS] + 1, said))
    return _Header(names, [cell.strip().lstrip("\ufeff").strip() for cell in cells]), notes


def _no_question_column(line: int) -> SourceUnreadable:
    # Translators: question, type, answer, choices, explanation are column names a
    # teacher writes in the table's first row: keep them in English.
    said = message(
        'the first row names no "question" column; it should name the columns, such as: '
        "question, type, answer, choices, explanation"
    )
    return SourceUnreadable(line, 1, said)


def _read_rows(table: TableRows) -> SourceRead:
    """The questions of ``table``'s rows. At most :class:`PackLimits`' ``max_questions`` rows
    are read below the header (and :data:`ROWS_PER_QUESTION` times as many rows, empty ones
    included): the rest is never read, said in one line."""
    most = PackLimits().max_questions
    questions: list[SourceQuestion] = []
    skipped: list[Skipped] = []
    notes: list[Skipped] = []
    header: _Header | None = None
    above: list[tuple[int, list[str]]] = []  # rows before the header: a title, a remark
    read = 0
    for seen, row in enumerate(table, 1):
        line = row.line
        cells = [cell.replace("\r\n", "\n").replace("\r", "\n").strip() for cell in row.cells]
        if not any(cells) and not row.too_long and not row.formulas:
            if seen > most * ROWS_PER_QUESTION:
                skipped.append(rows_left(line, table.last_line(), most))
                break
            continue
        if header is None:
            header, header_notes = _read_header(line, cells)
            if header is None:
                above.append((line, cells))
                if len(above) > ROWS_ABOVE_HEADER:
                    raise _no_question_column(above[0][0])
            notes.extend(header_notes)
            continue
        wanted = [index for index in header.names.values() if index < len(cells)]
        if not any(cells[index] for index in wanted) and not any(
            index in row.too_long or index in row.formulas for index in wanted
        ):
            continue  # only columns the game does not read (a row number, a remark)
        if read >= most or seen > most * ROWS_PER_QUESTION:
            skipped.append(rows_left(line, table.last_line(), most))
            break
        read += 1
        problem = cell_problem(row, wanted)
        if problem is not None:
            skipped.append(problem)
            continue
        outcome = _RowReader(line, cells, header, notes).question()
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
        else:
            questions.append(outcome)
    if header is None:
        if above:
            raise _no_question_column(above[0][0])
        said = message(
            "the table is empty: it needs a first row naming the columns (question, type, "
            "answer, ...) and a row for each question"
        )
        raise SourceUnreadable(1, 1, said)
    return SourceRead(tuple(questions), tuple(skipped), _title(above), tuple(notes))


def _title(above: list[tuple[int, list[str]]]) -> str | None:
    """The first text above the header row (a sheet's title), unless it is long (a remark)."""
    if not above:
        return None
    first = next(cell for cell in above[0][1] if cell)
    return first if len(first) <= LONGEST_TITLE else None


class _RowReader:
    """One row turned into a question (or the reason it cannot be one)."""

    def __init__(self, line: int, cells: list[str], header: _Header, notes: list[Skipped]):
        self.line = line
        self.cells = cells
        self.header = header
        self.notes = notes

    def cell(self, key: str) -> str:
        index = self.header.names.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    def column(self, key: str) -> int:
        index = self.header.names.get(key)
        return 1 if index is None else index + 1

    def skip(self, key: str, reason: Message) -> Skipped:
        return Skipped(self.line, self.column(key), reason)

    def question(self) -> SourceQuestion | Skipped:
        prompt = self.cell("question")
        if not prompt:
            return self.skip("question", message("no question text in this row"))
        choices = split_list(self.cell("choices"))
        choices += [
            self.cell(f"choice {n}") for n in range(1, MAX_CHOICES + 1) if self.cell(f"choice {n}")
        ]
        answer = self.cell("answer")
        kind = self._kind(choices, answer)
        if isinstance(kind, Skipped):
            return kind
        if not answer:
            return self.skip("answer", message("no answer in this row"))
        fields: dict[str, object] = {"type": kind, "prompt": prompt}
        made = {
            "choice": self._choice,
            "truefalse": self._truefalse,
            "typed": self._typed,
            "number": self._number,
        }[kind](fields, answer, choices)
        if made is not None:
            return made
        self._common(fields)
        return SourceQuestion(fields, self.line, self.column("question"), self._columns())

    def _columns(self) -> dict[str, int]:
        """Each pack field's cell (its 1-based column) in this row: where the pipeline tells
        a value the pack validator refuses (``choices[i]`` of a row with one cell a choice)."""
        names = self.header.names
        columns = {
            field: names[key] + 1
            for field, key in _FIELD_CELLS
            if key in names and (field, key) != ("choices", "choices")
        }
        listed = split_list(self.cell("choices")) if "choices" in names else []
        if listed:
            columns["choices"] = names["choices"] + 1
        cells = [
            names[f"choice {n}"] + 1
            for n in range(1, MAX_CHOICES + 1)
            if f"choice {n}" in names and self.cell(f"choice {n}")
        ]
        for index, at in enumerate(cells, start=len(listed)):
            columns[f"choices[{index}]"] = at
        columns.setdefault("choices", cells[0] if cells else 0)
        return {field: at for field, at in columns.items() if at > 0}

    def _kind(self, choices: list[str], answer: str) -> str | Skipped:
        written = self.cell("type")
        if written:
            kind = _word_key(written, _TYPES)
            if kind is None:
                # Translators: choice, truefalse, typed, number are the types as written in
                # the table: keep them in English.
                said = message(
                    'unknown question type "{type}": write choice, truefalse, typed or number',
                    type=written,
                )
                return self.skip("type", said)
            return kind
        if choices:
            return "choice"
        if len(answer) > 1 and truth_of(answer) is not None:
            return "truefalse"  # not a lone T, F, Y or N: that may be a chemical symbol
        if answer and looks_like_number(answer):
            return "number"
        return "typed"

    def _choice(self, fields: dict[str, object], answer: str, choices: list[str]) -> Skipped | None:
        where = "choices" if "choices" in self.header.names else "choice 1"
        if len(choices) < MIN_CHOICES:
            said = message("a choice question needs at least two choices")
            return self.skip(where, said)
        if len(choices) > MAX_CHOICES:
            said = message(
                "too many choices ({count}); the game shows at most {most}",
                count=len(choices),
                most=MAX_CHOICES,
            )
            return self.skip(where, said)
        right: list[str] = []
        for part in split_list(answer):
            found = _named_choice(part, choices)
            if found is None:
                said = message(
                    'the answer "{answer}" is none of the choices; write the right choice\'s '
                    "text, its letter (A, B, ...) or its number (1, 2, ...)",
                    answer=part,
                )
                return self.skip("answer", said)
            if found not in right:
                right.append(found)
        fields["choices"] = choices
        fields["answer"] = right[0] if len(right) == 1 else right
        return None

    def _truefalse(
        self, fields: dict[str, object], answer: str, choices: list[str]
    ) -> Skipped | None:
        truth = truth_of(answer)
        if truth is None and answer.strip() in ("1", "0"):
            truth = answer.strip() == "1"
        if truth is None:
            said = message(
                'the answer of a true/false question should be true or false, not "{answer}"',
                answer=answer,
            )
            return self.skip("answer", said)
        fields["answer"] = truth
        return None

    def _typed(self, fields: dict[str, object], answer: str, choices: list[str]) -> Skipped | None:
        fields["answer"] = answer
        accept = split_list(self.cell("accept"))
        if accept:
            fields["accept"] = accept
        return None

    def _number(self, fields: dict[str, object], answer: str, choices: list[str]) -> Skipped | None:
        # Kept as written: "1,000" is a thousand in an English pack and one in a Russian one,
        # which only the pack's language decides (the pack loader reads it so). A negative
        # number in brackets, as Excel's accounting format saves it, is written with a minus
        # and said in a note: "(5)" read as written would be 5.
        notes: list[Skipped] = []
        for key in ("answer", "tolerance", "min", "max"):
            written = answer if key == "answer" else self.cell(key)
            if not written:
                continue
            negative = unbracketed(written)
            if negative is not None:
                notes.append(self._bracket_note(key, written, negative))
                written = negative
            if not is_number(written.rstrip().rstrip("%") if key == "tolerance" else written):
                title = self.header.titles[self.header.names[key]]
                said = message(
                    'the "{column}" cell "{value}" is not a number', column=title, value=written
                )
                return self.skip(key, said)
            fields[key] = written.strip()
        accept = split_list(self.cell("accept"))
        for index, written in enumerate(accept):
            negative = unbracketed(written)
            if negative is not None:
                notes.append(self._bracket_note("accept", written, negative))
                accept[index] = negative
        if accept:
            fields["accept"] = accept
        self.notes.extend(notes)
        return None

    def _bracket_note(self, key: str, written: str, negative: str) -> Skipped:
        title = self.header.titles[self.header.names[key]]
        # Translators: {value} is the cell as written, "(5)"; {number} the same with a minus.
        said = message(
            'the "{column}" cell "{value}" is read as {number}: Excel writes a negative '
            "number in brackets",
            column=title,
            value=written.strip(),
            number=negative,
        )
        return self.skip(key, said)

    def _common(self, fields: dict[str, object]) -> None:
        explain = self.cell("explanation")
        if explain:
            fields["explain"] = explain
        seconds = self.cell("time limit")
        if seconds:
            limit, note = clamped_time_limit(seconds, self.line, self.column("time limit"))
            if limit is not None:
                fields["time_limit"] = limit
            if note is not None:
                self.notes.append(note)
        difficulty = self.cell("difficulty")
        if difficulty:
            level = _word_key(difficulty, _DIFFICULTIES)
            if level is None:
                said = message(
                    'difficulty "{value}" is not easy, medium or hard; medium is used',
                    value=difficulty,
                )
                self.notes.append(self.skip("difficulty", said))
            else:
                fields["difficulty"] = level
        tags = split_list(self.cell("tags"), "|,")
        if tags:
            fields["tags"] = list(dict.fromkeys(tags))
        given_id = self.cell("id")
        if given_id:
            fields["id" if _SLUG.match(given_id) else "title_hint"] = given_id
        image = self.cell("image")
        if image:
            fields["image"] = image
            fields["image_column"] = self.column("image")  # where the pipeline says a problem


# A pack field and the column key of the cell that holds it (SourceQuestion.columns).
_FIELD_CELLS = (
    ("prompt", "question"),
    ("answer", "answer"),
    ("accept", "accept"),
    ("tolerance", "tolerance"),
    ("min", "min"),
    ("max", "max"),
    ("explain", "explanation"),
    ("time_limit", "time limit"),
    ("tags", "tags"),
    ("choices", "choices"),
)


def _named_choice(part: str, choices: list[str]) -> str | None:
    """The choice ``part`` names: its text (without case), else its letter (A-F, or
    Cyrillic А-Е), else its number (1-6)."""
    folded = part.casefold()
    for choice in choices:
        if choice.casefold() == folded:
            return choice
    letter = folded.rstrip(").")
    if len(letter) == 1:
        for letters in (_LATIN_LETTERS, _CYRILLIC_LETTERS):
            index = letters.find(letter)
            if 0 <= index < len(choices):
                return choices[index]
    if letter.isdigit() and 1 <= int(letter) <= len(choices):
        return choices[int(letter) - 1]
    return None
