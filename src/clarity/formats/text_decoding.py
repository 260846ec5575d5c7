"""Turning the bytes of a teacher's file into text, or saying exactly where they cannot be.

Every text format the Teacher Studio reads (GIFT, Aiken, Quizlet, Open Trivia DB) is read
with :func:`decode_text`: UTF-8 with or without the byte order mark Windows' Notepad and
Excel put first, and UTF-16 with its byte order mark (what Windows calls "Unicode" text) or
without it, found from where its NUL bytes stand (:func:`utf16_without_mark`).
Anything else is refused at the line and column of the first byte that is not UTF-8, with
how to save the file as UTF-8: guessing a code page for a GIFT file would put wrong letters
into a question without a word.

Spreadsheets are another matter: Excel's plain "CSV (Comma delimited)" is still written in
the Windows code page of the computer's language, so :func:`decode_table_text` falls back to
it: Windows-1251 for Cyrillic (Russian, Belarusian, Ukrainian, ...), Windows-1252 for the
Western European languages. Which one is decided by :func:`looks_cyrillic` (its docstring
gives the rule).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from functools import cache

from clarity.core.messages import message
from clarity.formats.source import SourceUnreadable

# The byte order marks of UTF-16 (a UTF-32 little-endian mark starts with the UTF-16 one).
_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@cache
def _cp1251_letters() -> frozenset[int]:
    """The bytes that are Cyrillic letters in Windows-1251: 0xC0-0xFF (А..я) and the letters
    of the languages beyond Russian in 0x80-0xBF (Ё ё, Ў ў, І і, Ї ї, Є є, Ґ ґ, Ђ Љ Њ ...)."""
    letters = []
    for byte in range(0x80, 0x100):
        char = bytes([byte]).decode("cp1251", errors="ignore")
        if char.isalpha() and unicodedata.name(char, "").startswith("CYRILLIC"):
            letters.append(byte)
    return frozenset(letters)


# How much of a file decides its code page: a few pages of questions are plenty.
SAMPLE_BYTES = 65536


def decode_text(data: bytes) -> str:
    """``data`` as text: UTF-8 (a leading byte order mark removed) or UTF-16, with its mark
    or without (:func:`utf16_without_mark`).

    Line ends are left as they are. Raises :class:`SourceUnreadable` at the 1-based line
    and column of the first byte that cannot be read, saying the file is not UTF-8 and how
    to save it so.
    """
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            return _decode_or_refuse(data[len(bom) :], encoding)
    unmarked = utf16_without_mark(data)
    if unmarked is not None:
        return _decode_utf16_or_refuse(data, unmarked)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    return _decode_or_refuse(data, "utf-8")


# What share of a UTF-16 file's 2-byte units the high bytes of two scripts cover at least:
# the ASCII range's (0x00: line ends, commas, spaces, digits) and one alphabet's (0x04:
# Cyrillic). Text in UTF-8 or a code page has no such side: its bytes vary on both.
_UTF16_HIGH_SHARE = 0.9


def utf16_without_mark(data: bytes) -> str | None:
    """The UTF-16 byte order (``"utf-16-le"`` or ``"utf-16-be"``) ``data`` is written in
    without a byte order mark (as some tools save "Unicode" text), else None.

    The rule: in UTF-16 each character is two bytes, a high one that names its block and a
    low one; the high byte is second in little-endian, first in big-endian. A teacher's
    text is the ASCII range (line ends, commas, spaces, digits: high byte NUL) and one
    alphabet (Cyrillic: 0x04), so on one side of every pair two byte values (one of them
    NUL) make at least nine in ten, and the other side holds (nearly) no NUL. Text in UTF-8
    or a code page has no NUL (a stray one is no pattern). Only the first
    :data:`SAMPLE_BYTES` are looked at."""
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 2]
    units = len(sample) // 2
    if units < 2 or b"\x00" not in sample:
        return None
    for high, low, encoding in ((1, 0, "utf-16-le"), (0, 1, "utf-16-be")):
        highs = Counter(sample[high::2])
        nuls, others = highs[0], sample[low::2].count(0)
        two = sum(count for _, count in highs.most_common(2))
        if nuls and two >= units * _UTF16_HIGH_SHARE and others * 10 <= nuls:
            return encoding
    return None


def _decode_utf16_or_refuse(data: bytes, encoding: str) -> str:
    """``data`` (UTF-16 without a mark, by :func:`utf16_without_mark`) as text, else refused:
    bytes that look so but do not decode, or decode to control characters, are no text."""
    text = data.decode(encoding, errors="replace")
    bad = next(
        (
            index
            for index, char in enumerate(text)
            if char == "\ufffd"
            or (unicodedata.category(char) in ("Cc", "Cs", "Cn") and char not in "\t\n\r\f\v")
        ),
        None,
    )
    if bad is None:
        return text
    line, column = _place(text[:bad])
    # Translators: UTF-16 and UTF-8 are names of text encodings: keep them.
    said = message(
        "the file looks like UTF-16 text without its byte order mark, but the character here "
        'cannot be read; open it in a text editor and save it again choosing the encoding "UTF-8"'
    )
    raise SourceUnreadable(line, column, said)


def decode_table_text(data: bytes) -> str:
    """``data`` as text, read like :func:`decode_text`, else in the Windows code page Excel
    writes a "CSV (Comma delimited)" file in: Windows-1251 when :func:`looks_cyrillic`,
    else Windows-1252.

    A code page is taken only for bytes that are not UTF-8 text with a few bad bytes: a byte
    order mark means UTF-8 (or UTF-16), and bytes without one are UTF-8 with a bad byte when
    at least as many of their non-ASCII characters decode as UTF-8 sequences of two to four
    bytes as there are bytes that do not (:func:`looks_utf8`): one stray byte in a UTF-8
    file must not turn all its Cyrillic into nonsense. Raises :class:`SourceUnreadable` at
    the first bad byte's line and column in those cases, and when neither code page reads
    the bytes (a byte that both leave undefined).
    """
    try:
        return decode_text(data)
    except SourceUnreadable as not_utf8:
        if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise
        if utf16_without_mark(data) is not None:
            raise
        if looks_utf8(data):
            raise
        first, second = ("cp1251", "cp1252") if looks_cyrillic(data) else ("cp1252", "cp1251")
        for encoding in (first, second):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise not_utf8 from None


def looks_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are still UTF-8 text with a few bad bytes: they
    hold at least one multi-byte UTF-8 sequence that decodes, and such sequences are at least
    as many as the bad bytes.

    Text in a Windows code page almost never holds a valid UTF-8 sequence (in Windows-1251 it
    takes a capital letter followed by one of Ё ё І і Ў ў « » — №, as in "МІНСК"), and where
    it does, its other high bytes are bad UTF-8 and far outnumber them.
    """
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    non_ascii = len(decoded) - len(decoded.encode("ascii", errors="ignore"))
    good = non_ascii - bad
    return good > 0 and good >= bad


def looks_cyrillic(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 read as Cyrillic in Windows-1251 rather than as
    Western European text in Windows-1252.

    The rule, by words (runs of ASCII letters and of the bytes that are Cyrillic letters in
    Windows-1251): every Cyrillic letter is a byte above 0x7F, so a Cyrillic word is all such
    bytes; a Western European word keeps most of its letters in ASCII and has an accented
    one here and there ("café", "größte", "Österreichs"), which is a word that mixes the two.
    The bytes read as Cyrillic when words of two or more letters that are all above 0x7F are
    at least as many as the words that mix. (Words of one letter do not count: French "à"
    is one.) Only the first :data:`SAMPLE_BYTES` are looked at.
    """
    whole = 0
    mixed = 0
    for match in _word_pattern().finditer(data[:SAMPLE_BYTES]):
        word = match[0]
        high = sum(1 for byte in word if byte >= 0x80)
        if high == 0:
            continue
        if high == len(word):
            whole += len(word) >= 2
        else:
            mixed += 1
    return whole > 0 and whole >= mixed


@cache
def _word_pattern() -> re.Pattern[bytes]:
    """A run of ASCII letters and bytes that are Cyrillic letters in Windows-1251."""
    letters = b"".join(re.escape(bytes([byte])) for byte in sorted(_cp1251_letters()))
    return re.compile(b"[A-Za-z" + letters + b"]+")


def _decode_or_refuse(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[: error.start].decode(encoding, errors="replace")
        line, column = _place(before)
        # Translators: UTF-8 is the name of a text encoding: keep it.
        said = message(
            "the file is not UTF-8 text (the byte here cannot be read); open it in a text "
            'editor and save it again choosing the encoding "UTF-8"'
        )
        raise SourceUnreadable(line, column, said) from None


def _place(before: str) -> tuple[int, int]:
    """The 1-based line and column just after ``before``; "\\r\\n", "\\r" and "\\n" each
    end one line."""
    lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return len(lines), len(lines[-1]) + 1
