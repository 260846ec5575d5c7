"""Reading a teacher's file as text: UTF-8, UTF-16, and the code pages Excel writes."""

from __future__ import annotations

import codecs

import pytest

from clarity.formats.source import SourceUnreadable
from clarity.formats.text_decoding import (
    decode_table_text,
    decode_text,
    looks_cyrillic,
    looks_utf8,
    utf16_without_mark,
)

RUSSIAN = "Вопрос;Ответ\r\nСтолица России?;Москва\r\n"
BELARUSIAN = (
    "Пытанне;Адказ\r\nЯк па-беларуску «ёжик»?;вожык\r\nДзе ўсходзіць сонца?;на ўсходзе і ўсё\r\n"
)
FRENCH = "Question;Réponse\r\nQuelle est la capitale de la France ?;Paris, évidemment\r\n"
GERMAN = "Frage;Antwort\r\nWie heißt die größte Stadt Österreichs?;Wien\r\n"


def test_utf8_with_and_without_bom_reads_the_same() -> None:
    text = "Вопрос\n¿Qué?\n"
    assert decode_text(text.encode("utf-8")) == text
    assert decode_text(codecs.BOM_UTF8 + text.encode("utf-8")) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_its_byte_order_mark(encoding: str) -> None:
    text = "question\tanswer\r\nСтолица?\tМинск\r\n"
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    assert decode_text(bom + text.encode(encoding)) == text


def test_line_ends_are_kept_as_written() -> None:
    assert decode_text(b"a\r\nb\rc\n") == "a\r\nb\rc\n"


def test_not_utf8_is_refused_at_the_first_bad_byte() -> None:
    data = b"first line\r\nsecond\rthird: " + "Москва".encode("cp1251")
    with pytest.raises(SourceUnreadable) as raised:
        decode_text(data)
    # "\r\n" and "\r" each end one line: the bad byte is on line 3, after "third: "
    assert (raised.value.line, raised.value.column) == (3, 8)
    said = str(raised.value.reason)
    assert "not UTF-8" in said
    assert "UTF-8" in said.split(";")[1]


def test_bad_byte_column_counts_characters_not_bytes() -> None:
    data = "ёж ".encode() + b"\xff"
    with pytest.raises(SourceUnreadable) as raised:
        decode_text(data)
    assert (raised.value.line, raised.value.column) == (1, 4)


def test_text_decoding_never_guesses_a_code_page() -> None:
    with pytest.raises(SourceUnreadable):
        decode_text(RUSSIAN.encode("cp1251"))


@pytest.mark.parametrize("text", [RUSSIAN, BELARUSIAN])
def test_table_text_in_cp1251_reads_as_cyrillic(text: str) -> None:
    data = text.encode("cp1251")
    assert looks_cyrillic(data)
    assert decode_table_text(data) == text


def test_belarusian_letters_survive_cp1251() -> None:
    decoded = decode_table_text(BELARUSIAN.encode("cp1251"))
    assert "ўсходзе" in decoded
    assert " і " in decoded


@pytest.mark.parametrize("text", [FRENCH, GERMAN])
def test_table_text_in_cp1252_reads_as_western(text: str) -> None:
    data = text.encode("cp1252")
    assert not looks_cyrillic(data)
    assert decode_table_text(data) == text


def test_table_text_prefers_utf8_when_it_reads() -> None:
    assert decode_table_text(FRENCH.encode("utf-8")) == FRENCH
    assert decode_table_text(codecs.BOM_UTF8 + RUSSIAN.encode("utf-8")) == RUSSIAN


def test_table_text_falls_back_when_the_first_code_page_cannot_read() -> None:
    # 0x98 is undefined in Windows-1251, but 0x81 undefined in Windows-1252: a Cyrillic-looking
    # file with 0x98 is read as Windows-1252 rather than refused.
    data = "Москва".encode("cp1251") + b"\x98"
    assert decode_table_text(data) == data.decode("cp1252")


UTF8_TABLE = "question;answer\r\nКакая планета самая большая?;Юпитер\r\nСтолица?;Минск\r\n"


def test_one_stray_byte_in_utf8_without_a_bom_is_refused_at_its_place() -> None:
    # Excel's "CSV UTF-8" text with one byte of Windows-1251 (a no-break space) typed in:
    # read as Windows-1251 whole, every Cyrillic letter would turn into two wrong ones
    data = UTF8_TABLE.encode("utf-8").replace("Минск".encode(), "Минск".encode() + b"\xa0")
    with pytest.raises(SourceUnreadable) as raised:
        decode_table_text(data)
    assert (raised.value.line, raised.value.column) == (3, 15)
    assert "not UTF-8" in str(raised.value.reason)


def test_a_byte_order_mark_means_utf8_whatever_follows() -> None:
    data = codecs.BOM_UTF8 + UTF8_TABLE.encode("utf-8") + "Верно?;да".encode("cp1251")
    with pytest.raises(SourceUnreadable) as raised:
        decode_table_text(data)
    assert (raised.value.line, raised.value.column) == (4, 1)


def test_a_latin_file_with_one_accent_and_one_stray_byte_is_still_utf8() -> None:
    data = "question,answer\nCapital?,Paris (café)\n".encode() + b"Bad,\x85\n"
    with pytest.raises(SourceUnreadable) as raised:
        decode_table_text(data)
    assert (raised.value.line, raised.value.column) == (3, 5)


def test_windows_1251_capitals_that_happen_to_be_utf8_stay_windows_1251() -> None:
    # "МІНСК" in Windows-1251 holds CC B2, which is also a UTF-8 letter; the file's other
    # Cyrillic bytes are no UTF-8, so the file is Windows-1251
    text = "Пытанне;Адказ\r\nСталіца?;МІНСК\r\n"
    data = text.encode("cp1251")
    assert not looks_utf8(data)
    assert decode_table_text(data) == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [RUSSIAN, BELARUSIAN, FRENCH, "question,answer\nCapital?,Paris\n"])
def test_utf16_without_its_byte_order_mark_is_found_from_its_nul_bytes(
    encoding: str, text: str
) -> None:
    # br4 N1: a Cyrillic UTF-16 CSV saved without its mark read as '!B>;8F0 ...'
    data = text.encode(encoding)
    assert utf16_without_mark(data) == encoding
    assert decode_text(data) == text
    assert decode_table_text(data) == text


def test_a_table_in_utf16_without_its_mark_reads_its_russian_questions() -> None:
    from clarity.formats.table import read_csv

    text = "question,type,answer\nСтолица Франции?,typed,Париж\nСтолица Испании?,typed,Мадрид\n"
    read = read_csv(text.encode("utf-16-le"))
    assert [q.fields["prompt"] for q in read.questions] == ["Столица Франции?", "Столица Испании?"]
    assert [q.fields["answer"] for q in read.questions] == ["Париж", "Мадрид"]
    assert read.skipped == ()


def test_utf8_and_code_page_text_is_no_utf16_even_with_a_stray_nul() -> None:
    for data in (RUSSIAN.encode("utf-8"), RUSSIAN.encode("cp1251"), b"Capital?\x00,Paris\n" * 3):
        assert utf16_without_mark(data) is None


def test_utf16_without_its_mark_that_does_not_decode_is_refused_at_its_place() -> None:
    # a lone surrogate on line 7: UTF-16 by its NULs, but no text there
    good = "Вопрос,Ответ\n" + "Столица?,Минск\n" * 5 + "Минск"
    data = good.encode("utf-16-le") + b"\x00\xd8" + ",да\n".encode("utf-16-le")
    with pytest.raises(SourceUnreadable) as refused:
        decode_table_text(data)
    assert (refused.value.line, refused.value.column) == (7, 6)
    assert "UTF-16 text without its byte order mark" in str(refused.value.reason)
