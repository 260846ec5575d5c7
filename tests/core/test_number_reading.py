"""Numbers in scientific notation, as Excel writes big and small numbers (a tester's sci.csv:
``6.02E+23`` read as 23, ``1e+3`` as 3, ``1e3`` as no number) and as classes write them out
(``6,02·10²³``): read whole, as their exact value, in every language; never a number read out
of the power."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clarity.core.answers import is_right
from clarity.core.matching import answers_match
from clarity.core.number_reading import MOST_EXPONENT, read_number
from clarity.core.packs.models import NumberQuestion


@pytest.mark.parametrize(
    ("written", "language", "number"),
    [
        ("6.02E+23", "en", "602000000000000000000000"),
        ("6.02e23", "en", "602000000000000000000000"),
        ("6,02E+23", "ru", "602000000000000000000000"),  # the language's decimal sign
        ("6.02E+23", "ru", "602000000000000000000000"),  # a point everywhere
        ("6,02E+23", "de", "602000000000000000000000"),
        ("1.5E-07", "en", "0.00000015"),
        ("1.5e-7", "be", "0.00000015"),
        ("3E+08", "en", "300000000"),
        ("1E+19", "en", "10000000000000000000"),
        ("1e3", "en", "1000"),
        ("1E3", "en", "1000"),
        ("1e+3", "en", "1000"),
        ("1E+3", "en", "1000"),
        ("2.5E-3", "en", "0.0025"),
        ("2.5e-03", "en", "0.0025"),
        ("-6.02e23", "en", "-602000000000000000000000"),
        ("\u22126.02e\u221223", "en", "-0.0000000000000000000000602"),  # minus signs
        (".5e1", "en", "5"),
        ("1.234e3", "de", "1234"),  # a point in a mantissa is decimal, even in German
        ("0e5", "en", "0"),
        ("6.02\u00d710\u00b2\u00b3", "en", "602000000000000000000000"),  # 6.02×10²³
        ("6,02\u00b710\u00b2\u00b3", "ru", "602000000000000000000000"),  # 6,02·10²³
        ("6.02 x 10^23", "en", "602000000000000000000000"),
        ("6.02*10^23", "en", "602000000000000000000000"),
        ("1.6\u00d710\u207b\u00b9\u2079", "en", "0.00000000000000000016"),  # 1.6×10⁻¹⁹
        ("\u0663\u066b\u0665e2", "ar", "350"),  # Arabic-Indic digits and decimal sign
        (f"1e{MOST_EXPONENT}", "en", "1" + "0" * MOST_EXPONENT),
        ("6.02e23 m", "en", "602000000000000000000000"),  # a unit after it
        ("1066 AD", "en", "1066"),  # a word after a number is not a power
        ("about 1066", "en", "1066"),
    ],
)
def test_scientific_notation_reads_as_its_exact_value(
    written: str, language: str, number: str
) -> None:
    value = read_number(written, language)
    assert value is not None
    assert format(value, "f") == number


@pytest.mark.parametrize(
    ("written", "language"),
    [
        ("6,02E+23", "en"),  # a comma is no decimal sign in English
        ("1,5e3", "de-CH"),
        (f"1e{MOST_EXPONENT + 1}", "en"),  # past the largest power
        ("1e999999999", "en"),
        ("1e" + "9" * 5000, "en"),  # more digits than int() reads: refused before
        ("1e3,5", "ru"),  # separators in the power: no number read out of it
        ("1e3.5", "en"),
        ("1e3,2e3", "en"),
        ("1e3, 2e3", "en"),  # two numbers
        ("1 000e3", "ru"),  # a mantissa has no digit groups
        ("x6.02e+23", "en"),  # inside a word: and never its power alone
        ("10\u00b3", "en"),  # a power alone stays no one number
    ],
)
def test_what_is_no_one_number_in_scientific_notation_is_not_read(
    written: str, language: str
) -> None:
    assert read_number(written, language) is None


@given(
    mantissa=st.decimals(min_value=-(10**6), max_value=10**6, places=3, allow_nan=False),
    power=st.integers(min_value=-MOST_EXPONENT, max_value=MOST_EXPONENT),
    letter=st.sampled_from(["e", "E"]),
    plus=st.booleans(),
    language=st.sampled_from(["en", "ru", "be", "de", "fr", "de-CH", "hi"]),
)
def test_a_number_in_scientific_notation_is_never_read_as_its_power(
    mantissa: Decimal, power: int, letter: str, plus: bool, language: str
) -> None:
    written = f"{mantissa}{letter}{'+' if plus and power >= 0 else ''}{power}"
    value = read_number(written, language)
    assert value == Decimal(written)  # exact: Python's own reading of the same text


def test_a_number_question_in_scientific_notation_takes_every_way_of_writing_it() -> None:
    avogadro = NumberQuestion(type="number", prompt="Avogadro number?", answer="6.02E+23")
    assert avogadro.number_problems("en") == []
    for right in ("6.02e23", "602000000000000000000000", "602 000 000 000 000 000 000 000"):
        assert is_right(avogadro, right, "en"), right
    for wrong in ("23", "+23", "6.02", "6.02e-23", "-6.02e23"):
        assert not is_right(avogadro, wrong, "en"), wrong
    small = NumberQuestion(type="number", prompt="Metres?", answer="1.5E-07")
    assert is_right(small, "0.00000015", "en")
    assert not is_right(small, "7", "en")
    assert not is_right(NumberQuestion(type="number", prompt="?", answer="7"), "1.5e-07", "en")


def test_a_typed_answer_in_scientific_notation_is_the_same_number() -> None:
    assert answers_match("6,02E+23", "6.02e23", "ru")
    assert answers_match("602000000000000000000000", "6.02E+23", "en")
    assert not answers_match("23", "6.02E+23", "en")
    assert not answers_match("7", "1.5e-07", "en")
