"""What a hostile or broken file can decode to, for the readers' "only SourceRead or
SourceUnreadable comes back" property tests (GIFT, Aiken, Quizlet, Open Trivia DB).

A reader is handed whatever text a dropped file holds; whatever it is, the reader must
answer with a :class:`SourceRead` or raise :class:`SourceUnreadable`, never anything else
(a RecursionError or a ValueError becomes a traceback on the command line and takes the
game window down when the file is dropped on it).
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

from clarity.formats.source import SourceRead, SourceUnreadable
from clarity.formats.text_positions import LINE_BREAK

# Every character a Python str can hold, lone surrogates (category Cs) included: JSON's
# \ud800 escape makes one, and a caller could hand one in.
ANY_CHARACTER = st.characters(exclude_categories=[])
_ODD = ["\0", "\ud800", "\udfff", "\ufeff", "\u2028", "\x85", "\x0c", "\r", "\n", "\r\n", "\t"]


def hostile_texts(marks: list[str]) -> st.SearchStrategy[str]:
    """Texts glued from pieces: any characters, the format's own ``marks`` mixed with
    odd characters (NUL, lone surrogates, every line break, a BOM), a bracket or a mark
    repeated up to 30,000 times (nesting far deeper than Python's recursion limit), and
    lines up to 300,000 characters long."""
    repeated = st.sampled_from([*marks, "[", "{", '{"a":', "[{", "\\", '"', "x", " "])
    piece = st.one_of(
        st.text(ANY_CHARACTER, max_size=40),
        st.lists(st.sampled_from([*marks, *_ODD, "a", "Я", " "]), max_size=40).map("".join),
        st.builds(lambda mark, times: mark * times, repeated, st.integers(1, 30_000)),
        st.builds(lambda times: "x" * times, st.integers(1, 300_000)),
        st.sampled_from(marks),
    )
    return st.lists(piece, max_size=6).map("".join)


def assert_read_or_unreadable(text: str, reader: Callable[[str], SourceRead]) -> None:
    """``reader`` given ``text`` gives one of the two answers a reader may give (a
    :class:`SourceRead`, or :class:`SourceUnreadable` raised, nothing else escaping), with
    places inside the text and reasons that can be written out."""
    try:
        read: SourceRead | SourceUnreadable = reader(text)
    except SourceUnreadable as unreadable:
        read = unreadable
    lines = len(LINE_BREAK.split(text))
    if isinstance(read, SourceUnreadable):
        assert 1 <= read.line <= lines + 1
        assert read.column >= 1
        assert str(read.reason)
        return
    assert isinstance(read, SourceRead), read
    for question in read.questions:
        assert 1 <= question.line <= lines
        assert question.column >= 1
        assert all(isinstance(key, str) for key in question.fields)
    for item in (*read.skipped, *read.notes):
        assert 1 <= item.line <= lines + 1
        assert item.column >= 1
        assert str(item.reason)
