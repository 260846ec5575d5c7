"""Numbers as every screen and command writes them: groups of three, a no-break space."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core.numbers import GROUP_SEPARATOR, MINUS, format_number

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, f"1{NBSP}000"),
        (5653, f"5{NBSP}653"),
        (16500, f"16{NBSP}500"),
        (1_234_567, f"1{NBSP}234{NBSP}567"),
        (-300, "\u2212300"),
        (-5653, f"\u22125{NBSP}653"),
    ],
)
def test_numbers_are_grouped_by_threes_with_a_no_break_space(value: int, written: str) -> None:
    assert format_number(value) == written


def test_the_separator_is_the_no_break_space_and_the_minus_the_minus_sign() -> None:
    assert GROUP_SEPARATOR == NBSP
    assert MINUS == "\u2212"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_every_number_reads_back_and_every_group_but_the_first_has_three_digits(
    value: int,
) -> None:
    written = format_number(value)
    digits = written.removeprefix(MINUS)
    groups = digits.split(GROUP_SEPARATOR)
    assert 1 <= len(groups[0]) <= 3
    assert all(len(group) == 3 for group in groups[1:])
    assert all(group.isascii() and group.isdigit() for group in groups)
    assert (-1 if written.startswith(MINUS) else 1) * int("".join(groups)) == value


@pytest.mark.parametrize("value", [True, 2.5, "1000", None])
def test_only_whole_numbers_are_written(value: object) -> None:
    with pytest.raises(TypeError, match="takes an int"):
        format_number(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "encoding", ["cp1252", "cp1251", "cp437", "cp850", "cp866", "koi8_r", "utf-8"]
)
def test_a_number_prints_in_the_code_pages_a_windows_console_writes_files_in(
    encoding: str,
) -> None:
    """The commands' output sent to a file on Windows is encoded in a legacy code page:
    the separator must be in each (the narrow U+202F is in none), or it prints as "?"."""
    assert format_number(12350).encode(encoding).decode(encoding) == format_number(12350)
