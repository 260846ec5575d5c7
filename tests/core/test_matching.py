"""Forgiving matching of typed answers and image guesses, in Latin and Cyrillic script."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from clarity.core.matching import LONG_WORD, answers_match, matches_any, normalize
from clarity.core.number_reading import NUMBER_CONVENTIONS
from clarity.core.packs.models import Pack


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


# -- issue 9: answers as a teacher means them, in the pack's language ---------------------

CASES = Path(__file__).parent / "cases"


def case_questions(name: str) -> tuple[str, dict[str, str]]:
    """The language and the typed answers (by question id) of a case pack in tests/core/cases."""
    raw = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    pack = Pack.model_validate(raw)
    return pack.language, {q.id: q.answer for q in pack.questions if q.id}


@pytest.mark.parametrize(
    ("case", "question", "response", "right"),
    [
        ("10-sign-and-symbols-ignored", "same-temp", "40", False),
        ("10-sign-and-symbols-ignored", "same-temp", "-40", True),
        ("10-sign-and-symbols-ignored", "same-temp", "\u221240", True),  # minus sign
        ("10-sign-and-symbols-ignored", "subtract", "+5", False),
        ("10-sign-and-symbols-ignored", "subtract", "5", False),
        ("10-sign-and-symbols-ignored", "subtract", "-5", True),
        ("10-sign-and-symbols-ignored", "stroustrup", "C", False),
        ("10-sign-and-symbols-ignored", "stroustrup", "C#", False),
        ("10-sign-and-symbols-ignored", "stroustrup", "c++", True),
        ("10-sign-and-symbols-ignored", "dotnet", "C", False),
        ("10-sign-and-symbols-ignored", "dotnet", "C++", False),
        ("10-sign-and-symbols-ignored", "dotnet", "c#", True),
        ("12-thousands-separators-rejected", "grams", "1 000", True),
        ("12-thousands-separators-rejected", "grams", "1\u00a0000", True),
        ("12-thousands-separators-rejected", "grams", "1\u202f000", True),
        ("12-thousands-separators-rejected", "grams", "1,000", True),
        # The pack is in English (the default): 1.000 is one with three decimals there.
        ("12-thousands-separators-rejected", "grams", "1.000", False),
        ("12-thousands-separators-rejected", "grams", "100", False),
        ("12-thousands-separators-rejected", "leagues", "20000", True),
        ("12-thousands-separators-rejected", "leagues", "20 000", True),
        ("12-thousands-separators-rejected", "leagues", "20,000", True),
        ("12-thousands-separators-rejected", "leagues", "2,000", False),
        ("15-letter-folding-wrong", "lodz", "Lodz", True),
        ("15-letter-folding-wrong", "lodz", "ŁÓDŹ", True),
        ("15-letter-folding-wrong", "aesir", "Aesir", True),
        ("15-letter-folding-wrong", "aesir", "æsir", True),
        ("15-letter-folding-wrong", "plural-boi", "бой", False),
        ("15-letter-folding-wrong", "plural-boi", "БОИ", True),
        ("15-letter-folding-wrong", "belarusian-u", "воук", False),
        ("15-letter-folding-wrong", "belarusian-u", "Воўк", True),
    ],
)
def test_the_case_packs_answers_are_judged_as_a_teacher_means(
    case: str, question: str, response: str, right: bool
) -> None:
    language, answers = case_questions(case)
    assert answers_match(response, answers[question], language) is right


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("40", "-40"),
        ("+5", "-5"),
        ("-5", "5"),
        ("C", "C++"),
        ("C", "C#"),
        ("C#", "C++"),
        ("F", "F#"),
        ("A", "A*"),
        ("Na", "Na+"),
        ("18", "18+"),
        ("AT T", "AT&T"),
    ],
)
def test_a_sign_or_a_symbol_in_a_word_counts(given_text: str, expected: str) -> None:
    assert not answers_match(given_text, expected)
    assert not answers_match(expected, given_text)
    assert answers_match(expected.lower(), expected)


def test_a_plus_sign_is_the_same_number_and_a_dash_between_numbers_is_no_sign() -> None:
    assert answers_match("+5", "5")
    assert answers_match("1914–1918", "1914-1918")
    assert answers_match("1914 1918", "1914-1918")
    assert not answers_match("1914 -1918", "1914-1918")


@pytest.mark.parametrize(
    ("language", "given_text", "expected", "right"),
    [
        ("en", "1,000,000", "1000000", True),
        ("en", "1 000 000", "1,000,000", True),
        ("en", "3.5", "3.50", False),  # a typed answer keeps its decimals: Python 3.5, 3.50
        ("en", "3,5", "3.5", False),  # in English a comma separates numbers
        ("en", "3,5", "3, 5", True),
        ("en", "1.000", "1.000", True),  # an ambiguous form still counts as itself
        ("ru", "3,5", "3.5", True),
        ("ru", "3.5", "3,5", True),
        ("ru", "1 000", "1000", True),
        ("ru", "1,000", "1000", False),
        ("ru", "1,000", "1", False),
        ("ru", "1.000", "1,000", True),  # both 1.000: a point is a decimal sign anywhere
        ("ru", "1,000", "1,000", True),
        ("be", "2,5 кг", "2.5 кг", True),
        ("uk", "1 000 000", "1000000", True),
        ("pl", "3,14", "3.14", True),
        ("de", "1.000", "1000", True),
        ("de", "1.000,5", "1000,5", True),
        ("de", "1,000", "1000", False),
        ("fr", "1\u202f000,5", "1000,5", True),
        ("es", "2.500", "2500", True),
        ("de-CH", "1'000", "1000", True),
        ("en", "007", "7", False),  # a leading zero is kept as written
        ("en", "007", "007", True),
        ("en", "1/2", "12", False),
        ("en", "19 96", "1996", False),
    ],
)
def test_numbers_are_read_by_the_language_conventions(
    language: str, given_text: str, expected: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


@pytest.mark.parametrize(
    ("language", "given_text", "expected"),
    [
        # English: a history, a science and a geography class.
        ("en", "the declaration of independence", "The Declaration of Independence"),
        ("en", "H2O", "h2o"),
        ("en", "Photosynthesis", "photosynthesis"),
        ("en", "World War II", "world war ii"),
        # Russian: literature and geography; ё typed as е by the school rule.
        ("ru", "пушкин", "Пушкин"),
        ("ru", "Война и мир", "«Война и мир»"),
        ("ru", "Ежик в тумане", "Ёжик в тумане"),
        ("ru", "байкал", "Байкал"),
        # Belarusian: its letters ў and і, and ё written as it is.
        ("be", "Мінск", "Мінск"),
        ("be", "Францыск Скарына", "Францыск Скарына"),
        ("be", "Купалле", "Купалле"),
        # Ukrainian: ї, є, ґ.
        ("uk", "Київ", "Київ"),
        ("uk", "ґанок", "Ґанок"),
        # German: umlauts typed with e, ß as ss.
        ("de", "Baer", "Bär"),
        ("de", "Strasse", "Straße"),
        ("de", "Goethe", "Goethe"),
        ("de", "Koeln", "Köln"),
        # French: accents and articles.
        ("fr", "tour eiffel", "La tour Eiffel"),
        ("fr", "Ecole", "École"),
        ("fr", "coeur", "cœur"),
        # Spanish: accents fold, the article goes.
        ("es", "Peru", "Perú"),
        ("es", "los andes", "Andes"),
        # Polish: strokes and accents fold.
        ("pl", "Lodz", "Łódź"),
        ("pl", "Wislawa Szymborska", "Wisława Szymborska"),
        # Nordic: ø and å.
        ("da", "Kobenhavn", "København"),
        ("is", "Thingvellir", "Þingvellir"),
        ("hr", "Dakovo", "Đakovo"),
    ],
)
def test_answers_from_real_classes_match(language: str, given_text: str, expected: str) -> None:
    assert answers_match(given_text, expected, language)


@pytest.mark.parametrize(
    ("language", "given_text", "expected"),
    [
        ("ru", "бой", "бои"),
        ("ru", "мои", "мой"),
        ("be", "воук", "воўк"),
        ("be", "елка", "ёлка"),
        ("uk", "іх", "їх"),
        ("uk", "краі", "краї"),
        ("es", "ano", "año"),
        ("es", "cana", "caña"),
        ("en", "C", "C#"),
        ("en", "cat", "car"),
    ],
)
def test_letters_of_their_own_never_fold(language: str, given_text: str, expected: str) -> None:
    assert not answers_match(given_text, expected, language)


def test_a_letter_of_its_own_in_a_long_word_is_still_one_forgiven_slip() -> None:
    assert answers_match("Espana", "España", "es")
    assert answers_match("Воина", "Война", "ru")  # й for и in a five-letter word: one slip


LANGUAGES = st.sampled_from([*NUMBER_CONVENTIONS, "be", "da", "is", "pt-BR", "de-CH", "xx"])
# Any text a teacher can write as an answer: a stripped, non-empty ShortText of any script,
# digits, separators and symbols.
teacher_answers = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn")),
        st.sampled_from("0123456789 ,.'\u00a0\u202f-+−#&*"),
    ),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() != "")


@given(answer=teacher_answers, language=LANGUAGES)
def test_every_answer_a_teacher_can_write_can_be_typed(answer: str, language: str) -> None:
    assert answers_match(answer, answer, language)
    assert answers_match(answer.upper(), answer, language)
    assert answers_match(answer.lower(), answer, language)
    assert answers_match(f"  {answer} ", answer, language)


@given(answer=teacher_answers, language=LANGUAGES)
def test_a_typed_answer_in_any_unicode_form_is_the_same_answer(answer: str, language: str) -> None:
    for form in ("NFC", "NFD"):
        assert answers_match(unicodedata.normalize(form, answer), answer, language)
