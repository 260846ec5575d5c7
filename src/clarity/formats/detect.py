"""Which format a file is in, found from what it holds; its name only breaks a tie.

Teachers rename files, and Moodle, Quizlet and Excel all save ``.txt``: the content
decides. In order:

1. a zip with ``xl/`` inside is a spreadsheet: Kahoot's template when its first sheet
   has the template's header row ("Question - max 120 characters", "Answer 1 - max 75
   characters", ...: :func:`clarity.formats.kahoot.looks_like_kahoot`), else ``xlsx`` in
   our layout;
2. JSON holding ``response_code`` and ``results`` is an Open Trivia DB download;
3. a first row that names our layout's columns (the question, and the answer or the
   type; in English, Russian or Belarusian: :data:`clarity.formats.table.TABLE_COLUMNS`)
   is ``csv``;
4. ``ANSWER: X`` lines after lettered options is Aiken (Moodle's Aiken format page);
5. GIFT answer blocks ``{...}`` after a question, or ``::title::``: GIFT (Moodle's GIFT
   format page);
6. lines with a term and its definition apart (a tab, else a comma) are a Quizlet export.

When the content fits two (a Quizlet line may look like a CSV row), the file's extension
picks; nothing fits, or the file is no text at all (:func:`is_binary`: a NUL byte, many
control characters): None. The importer then reads a file whose name ends in a format's
own ending (``.gift``, ``.csv``, ``.tsv``, ``.json``: :func:`format_of_name`) as that
format, so renaming a file is the way to name its format where no ``--format`` can be
given (a file dropped on the window); :func:`looks_like_picture` tells a picture, which is
a round's mystery picture and never questions, and :func:`other_kind` the files a teacher
may take for one the game reads (LibreOffice's ``.ods``, Excel's old ``.xls``, Moodle's
XML), so the importer can say what to do with them.

Lines may end as Windows (``\r\n``), old Macs (``\r``) or Unix (``\n``) write them: the
text is looked at with every ending made ``\n``. Detection never raises: JSON nested too
deep to parse is "not this format".
"""

from __future__ import annotations

import io
import json
import re
import zipfile

FORMATS = ("gift", "aiken", "csv", "xlsx", "quizlet", "opentdb", "kahoot")
_SUFFIXES = {
    ".gift": "gift",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".json": "opentdb",
}
# The endings that name one format whatever the content (``.txt`` names none: Moodle's
# Aiken and GIFT exports and Quizlet's all are ``.txt``; ``.xlsx`` is told by its content).
_NAMING_SUFFIXES = {".gift": "gift", ".csv": "csv", ".tsv": "csv", ".json": "opentdb"}
# Pictures by the first bytes of their format's spec (PNG, JPEG, GIF, WebP, TIFF), and
# by their names' endings for the rest (BMP, HEIC from a phone, AVIF, SVG).
_PICTURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
_PICTURE_MAGIC += (b"II*\x00", b"MM\x00*")
_PICTURE_SUFFIXES = frozenset(
    (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif")
) | frozenset((".avif", ".svg", ".ico"))
_AIKEN_ANSWER = re.compile(r"^[ \t]*ANSWER[ \t]*:[ \t]*[A-Za-zА-Еа-е][ \t]*$", re.MULTILINE)
_AIKEN_OPTION = re.compile(r"^[ \t]*[A-Za-zА-Еа-е][.)][ \t]+\S", re.MULTILINE)
_GIFT_BLOCK = re.compile(r"(?<!\\)\{[^{}]*(?<!\\)\}", re.DOTALL)
_GIFT_ANSWER = re.compile(r"(?<!\\)\{\s*(?:[=~#]|T\b|F\b|TRUE\b|FALSE\b|\})", re.IGNORECASE)
_GIFT_TITLE = re.compile(r"^[ \t]*::[^:\n]*::", re.MULTILINE)
_CONTROL_BYTES = tuple(code for code in range(32) if code not in (9, 10, 11, 12, 13, 26))
# The first bytes of an OLE2 compound file (the Excel 97-2003 .xls workbook), and the
# mimetype entry an OpenDocument spreadsheet (.ods) starts its zip with (ODF 1.2, 3.3).
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_MOODLE_XML = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<quiz[\s>]", re.DOTALL)
_HEADER_ROWS = 20  # lines looked at for a table's header row (blank ones included)
_SAMPLE = 64 * 1024  # what the text checks look at: a file's start tells its format


def detect_format(name: str, data: bytes) -> str | None:
    """The format of the file ``name`` holding ``data``: one of :data:`FORMATS`, or None
    when the content fits none of them. Never raises."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if data.startswith(b"PK"):
        return _spreadsheet(data)
    if is_binary(data[:_SAMPLE]):
        return None
    text = _text(data[:_SAMPLE])
    if text is None:
        return None
    found = _by_text(text)
    if len(found) > 1 and _SUFFIXES.get(suffix) in found:
        return _SUFFIXES[suffix]
    return found[0] if found else None


def is_binary(data: bytes) -> bool:
    """Whether ``data`` (a file's start) is no text at all: it holds a NUL byte, or more
    than one control character in a hundred (tab, line and page breaks apart), which no
    question file a teacher's tool writes does. UTF-16, marked by its byte-order mark or
    with its NUL bytes where UTF-16 puts them
    (:func:`~clarity.formats.text_decoding.utf16_without_mark`), is text. Such a file fits
    no text format, however its bytes happen to look (random bytes hold GIFT's braces often
    enough)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    from clarity.formats.text_decoding import utf16_without_mark  # noqa: PLC0415

    if utf16_without_mark(data) is not None:  # UTF-16 saved without its mark
        return False
    if b"\x00" in data:
        return True
    controls = sum(data.count(bytes((code,))) for code in _CONTROL_BYTES)
    return controls * 100 > len(data)


def other_kind(data: bytes) -> str | None:
    """What ``data`` is when it is a file a teacher may take for one the game reads but
    that no reader here reads: ``"ods"`` (LibreOffice Calc's OpenDocument spreadsheet),
    ``"xls"`` (Excel 97-2003's binary workbook), ``"moodle-xml"`` (Moodle's XML question
    export, ``<quiz>``), ``"xlsx"`` (an Excel workbook, for a caller that was told
    another format); else None. Never raises."""
    if data.startswith(_OLE2_MAGIC):
        return "xls"
    if data.startswith(b"PK"):
        if _ODS_MIMETYPE in data[:200]:
            return "ods"
        return "xlsx" if _spreadsheet(data) is not None else None
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if _MOODLE_XML.match(head.decode("utf-8", errors="replace")):
        return "moodle-xml"
    return None


def format_of_name(name: str) -> str | None:
    """The format the ending of the file name ``name`` names on its own (``.gift``,
    ``.csv`` and ``.tsv``, ``.json``: Open Trivia DB's downloads), else None."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return _NAMING_SUFFIXES.get(suffix)


def looks_like_picture(name: str, data: bytes) -> bool:
    """Whether the file ``name`` holding ``data`` is a picture: its first bytes are a
    picture format's signature (PNG, JPEG, GIF, WebP, TIFF), or its name ends as a
    picture's does (``.heic``, ``.svg``, ...). Never raises."""
    if data.startswith(_PICTURE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return True
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return suffix in _PICTURE_SUFFIXES


def _spreadsheet(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if not any(entry.startswith("xl/") for entry in archive.namelist()):
                return None
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return "kahoot" if _is_kahoot(data) else "xlsx"


def _is_kahoot(data: bytes) -> bool:
    """The first sheet has Kahoot's header row, as the Kahoot reader finds it."""
    from clarity.formats.kahoot import looks_like_kahoot  # noqa: PLC0415 - openpyxl

    return looks_like_kahoot(data)


def _text(data: bytes) -> str | None:
    """The start of the file as text: UTF-8 (a character cut at the sample's end is
    dropped), UTF-16 with its mark, else the Windows code page a CSV may be in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="ignore")
    from clarity.formats.text_decoding import utf16_without_mark  # noqa: PLC0415

    unmarked = utf16_without_mark(data)
    if unmarked is not None:
        return data.decode(unmarked, errors="ignore")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8-sig")
    from clarity.formats.source import SourceUnreadable  # noqa: PLC0415
    from clarity.formats.text_decoding import decode_table_text  # noqa: PLC0415

    try:
        return decode_table_text(data)  # cp1251 or cp1252, as Excel writes a CSV
    except SourceUnreadable:
        return data.decode("utf-8-sig", errors="replace")  # UTF-8 with a stray byte


def _by_text(text: str) -> list[str]:
    """Every text format ``text`` fits, the likeliest first. Any line ending."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found: list[str] = []
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        except RecursionError:  # JSON nested deeper than Python parses: none we read
            deep = '"response_code"' in stripped and '"results"' in stripped
            return ["opentdb"] if deep else []  # Open Trivia DB's reader says where
        if data is not None:  # JSON: Open Trivia DB's, or none we read
            return ["opentdb"] if _is_opentdb(data) else []
        if '"response_code"' in stripped and '"results"' in stripped:
            return ["opentdb"]  # cut short by the sample, or broken: its reader says where
    if _has_table_header(text):
        found.append("csv")
    if _AIKEN_ANSWER.search(text) and _AIKEN_OPTION.search(text):
        found.append("aiken")
    if _is_gift(text):
        found.append("gift")
    if (not found or found == ["csv"]) and _is_quizlet(text):
        found.append("quizlet")
    return found


def _is_opentdb(data: object) -> bool:
    return isinstance(data, dict) and "results" in data and "response_code" in data


def _has_table_header(text: str) -> bool:
    """One of the first rows names our layout's columns (in English, Russian or
    Belarusian, as the table reader compares headers): the question, and the answer or the
    type. Up to five rows may stand above the header (a title), as docs/csv-layout.md says."""
    from clarity.formats.table import TABLE_COLUMNS, header_key  # noqa: PLC0415

    lines = [line for line in text.splitlines()[:_HEADER_ROWS] if line.strip()]
    if lines and lines[0].strip().lower().startswith("sep="):  # Excel's separator line
        lines = lines[1:]
    by_name = {header_key(name): column.key for column in TABLE_COLUMNS for name in column.names}
    for line in lines[:6]:
        cells = re.split(r"[,;\t]", line)
        keys = {by_name.get(header_key(cell.strip().strip('"'))) for cell in cells}
        if "question" in keys and keys & {"answer", "type"}:
            return True
    return False


def _is_gift(text: str) -> bool:
    if _GIFT_TITLE.search(text):
        return True
    return any(_GIFT_ANSWER.match(block.group(0)) for block in _GIFT_BLOCK.finditer(text))


def _is_quizlet(text: str) -> bool:
    """Most non-empty lines hold a term and a definition apart: a tab, else a comma (or
    one line of cards apart by semicolons)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    for separator in ("\t", ","):
        with_it = sum(1 for line in lines if separator in line.strip())
        if with_it * 2 > len(lines):
            return True
    return len(lines) == 1 and ";" in lines[0] and ("," in lines[0] or "\t" in lines[0])
