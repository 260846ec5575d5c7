"""Forgiving matching of typed answers and image guesses, in Latin and Cyrillic script."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from clarity.core.matching import LONG_WORD, answers_match, matches_any, normalize


def test_normalize_drops_case_accents_punctuation_article_and_spaces() -> None:
    assert normalize("  The   Eiffel-Tower!  ") == ("eiffel", "tower")
    assert normalize("Crème brûlée") == ("creme", "brulee")
    assert normalize("Ёлка") == ("елка",)


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("eiffel tower", "Eiffel Tower"),
        ("EIFFEL TOWER", "Eiffel Tower"),
        ("Bogota", "Bogotá"),
        ("Sao Paulo", "São Paulo"),
        ("Mount Everest!", "Mount Everest"),
        ("Jean Paul Sartre", "Jean-Paul Sartre"),
        ("O'Brien", "OBrien"),
        ("the Beatles", "Beatles"),
        ("Beatles", "The Beatles"),
        ("a Tale of Two Cities", "Tale of Two Cities"),
        ("An Apple", "apple"),
        ("   Mount    Everest  ", "Mount Everest"),
        ("mount\teverest", "Mount Everest"),
        ("newyork", "New York"),
    ],
)
def test_forgiven_differences_match(given_text: str, expected: str) -> None:
    assert answers_match(given_text, expected)


@pytest.mark.parametrize(
    ("given_text", "expected", "slip"),
    [
        ("Eifel Tower", "Eiffel Tower", "missing letter"),
        ("Eifffel Tower", "Eiffel Tower", "extra letter"),
        ("Eiffle Tower", "Eiffel Tower", "swapped letters"),
        ("Eiffel Tawer", "Eiffel Tower", "wrong letter"),
        ("photosinthesis", "photosynthesis", "wrong letter"),
        ("Jupitor", "Jupiter", "wrong letter"),
    ],
)
def test_one_letter_slip_in_a_long_word_is_forgiven(
    given_text: str, expected: str, slip: str
) -> None:
    assert answers_match(given_text, expected), slip


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("Eifl Tower", "Eiffel Tower"),  # two letters missing
        ("Eiffel Towre", "Eiffl Tower"),  # a slip in each of two words
        ("Jupyter", "Jupitor"),  # two wrong letters
        ("photosynthesis", "photosintezis"),
    ],
)
def test_more_than_one_slip_is_not_forgiven(given_text: str, expected: str) -> None:
    assert not answers_match(given_text, expected)


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [("car", "cat"), ("cats", "cat"), ("dog", "dig"), ("Mars", "Mark"), ("ox", "on")],
)
def test_a_different_short_word_never_matches(given_text: str, expected: str) -> None:
    assert len(normalize(expected)[0]) < LONG_WORD
    assert not answers_match(given_text, expected)


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [("1996", "1999"), ("1969", "1996"), ("Apollo 12", "Apollo 11"), ("199", "1996"), ("2", "22")],
)
def test_a_different_number_never_matches(given_text: str, expected: str) -> None:
    assert not answers_match(given_text, expected)


def test_1996_never_matches_1999() -> None:
    assert not answers_match("1996", "1999")
    assert not answers_match("in 1996", "in 1999")
    assert answers_match("1996", "1996")


def test_numbers_split_by_spaces_do_not_join_into_another() -> None:
    # Joining words forgives "New York" typed as "newyork", but never for numbers.
    assert not answers_match("19 96", "1996")
    assert not answers_match("1/2", "12")


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("москва", "Москва"),
        ("МОСКВА", "Москва"),
        ("елка", "Ёлка"),
        ("Масква", "Москва"),  # one wrong letter in a six-letter word
        ("Москва!", "Москва"),
        ("  Вялікае   Княства Літоўскае ", "Вялікае Княства Літоўскае"),
        ("Вялiкае Княства Літоўскае", "Вялікае Княства Літоўскае"),  # Latin i for і: one slip
        ("Беларусь", "БЕЛАРУСЬ"),
    ],
)
def test_cyrillic_answers_are_forgiven_like_latin_ones(given_text: str, expected: str) -> None:
    assert answers_match(given_text, expected)


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [("кит", "кот"), ("дом", "дым"), ("1812 год", "1813 год"), ("Масквв", "Москва")],
)
def test_cyrillic_short_words_and_numbers_are_not_forgiven(given_text: str, expected: str) -> None:
    assert not answers_match(given_text, expected)


@pytest.mark.parametrize("empty", ["", "   ", "!!!", "—"])
def test_an_empty_answer_never_matches(empty: str) -> None:
    assert not answers_match(empty, "Eiffel Tower")
    assert not answers_match(empty, "!")


def test_a_lone_article_is_kept_as_the_answer() -> None:
    assert normalize("The") == ("the",)
    assert answers_match("the", "The")
    assert not answers_match("a", "The")


def test_matches_any_accepts_any_listed_answer() -> None:
    accepted = ["Eiffel Tower", "La tour Eiffel"]
    assert matches_any("la tour eiffel", accepted)
    assert matches_any("Eifel tower", accepted)
    assert not matches_any("Big Ben", accepted)
    assert not matches_any("Eiffel Tower", [])


# Words over the letters the bundled packs use: Latin and Cyrillic with accented forms.
BASE_LETTERS = "abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстуфхцчшщыьэюяіў"
ACCENTED = {"e": "éèêë", "a": "áàâä", "o": "óöô", "u": "úüû", "c": "ç", "n": "ñ", "е": "ё"}
words = st.text(alphabet=BASE_LETTERS, min_size=1, max_size=10)
phrases = st.lists(words, min_size=1, max_size=4).map(" ".join)


def accent(text: str, data: st.DataObject) -> str:
    return "".join(
        data.draw(st.sampled_from(ch + ACCENTED[ch])) if ch in ACCENTED else ch for ch in text
    )


def recase(text: str, data: st.DataObject) -> str:
    return "".join(ch.upper() if data.draw(st.booleans()) else ch for ch in text)


@given(phrases)
def test_any_answer_matches_itself(text: str) -> None:
    assert answers_match(text, text)


@given(a=phrases, b=phrases, data=st.data())
def test_matching_ignores_case_and_accents_on_either_side(
    a: str, b: str, data: st.DataObject
) -> None:
    expected = answers_match(a, b)
    a2 = recase(accent(a, data), data)
    b2 = recase(accent(b, data), data)
    assert answers_match(a2, b) == expected
    assert answers_match(a, b2) == expected
    assert answers_match(a2, b2) == expected
    assert answers_match(unicodedata.normalize("NFD", a2), b2) == expected


@given(
    before=st.lists(words, max_size=2).map(" ".join),
    after=st.lists(words, max_size=2).map(" ".join),
    n=st.integers(min_value=0, max_value=10**6),
    m=st.integers(min_value=0, max_value=10**6),
)
def test_a_number_change_never_matches(before: str, after: str, n: int, m: int) -> None:
    assume(n != m)
    given_text = f"{before} {n} {after}"
    expected = f"{before} {m} {after}"
    assert not answers_match(given_text, expected)
    assert not answers_match(expected, given_text)
    assert answers_match(given_text, given_text.upper())


@pytest.mark.parametrize(
    ("given", "expected"),
    [("eight", "eighty"), ("sixth", "sixty"), ("fourty", "forty"), ("eight y", "eighty")],
)
def test_number_words_are_numbers_and_never_forgiven_a_slip(given: str, expected: str) -> None:
    assert not answers_match(given, expected)


def test_a_number_word_still_matches_itself_in_any_case() -> None:
    assert answers_match("Twenty", "twenty")
