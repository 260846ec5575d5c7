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


def upper(text: str, language: str) -> str:
    """``text`` in capitals as the language writes them: Turkish i is İ, and I is ı's."""
    if language.partition("-")[0] == "tr":
        text = text.replace("i", "\u0130")
    return text.upper()


def lower(text: str, language: str) -> str:
    if language.partition("-")[0] == "tr":
        text = text.replace("I", "\u0131").replace("\u0130", "i")
    return text.lower()


@given(answer=teacher_answers, language=LANGUAGES)
def test_every_answer_a_teacher_can_write_can_be_typed(answer: str, language: str) -> None:
    assert answers_match(answer, answer, language)
    assert answers_match(upper(answer, language), answer, language)
    assert answers_match(lower(answer, language), answer, language)
    assert answers_match(f"  {answer} ", answer, language)


def test_turkish_capitals_are_turkish() -> None:
    # a Turkish class types İ for i and I for ı: "I" is not "i" there, and not elsewhere either
    assert answers_match("İSTANBUL", "istanbul", "tr")
    assert answers_match("ISPARTA", "ısparta", "tr")
    assert not answers_match("I", "i", "tr")


@given(answer=teacher_answers, language=LANGUAGES)
def test_a_typed_answer_in_any_unicode_form_is_the_same_answer(answer: str, language: str) -> None:
    for form in ("NFC", "NFD"):
        assert answers_match(unicodedata.normalize(form, answer), answer, language)


# --- issue 9, part 4: answers judged as a teacher means them (a tester's rows) -----------------


@pytest.mark.parametrize(
    ("language", "given_text", "expected", "right"),
    [
        ("ru", "2,718", "2.718", True),  # the Russian group sign is a space: a comma is decimal
        ("ru", "0,125", "0.125", True),
        ("ru", "9,807", "9,807", True),
        ("ru", "2,718", "2718", False),
        ("en", "0.125", "0,125", False),  # in English a comma separates numbers
        ("en", "3.142", "3142", False),
        ("en", "1,000", "1000", True),  # the English group sign
        ("de", "1.000", "1000", True),  # the German group sign
        ("de", "0.125", "0,125", True),  # a group never follows a lone 0
        ("de", "1,000", "1000", False),  # the German decimal sign
        ("ru", "1,000,000", "1000000", False),  # only another language's grouping: ambiguous
        ("en", "1.000.000", "1000000", False),
    ],
)
def test_three_digits_after_a_decimal_sign_are_decimals_unless_the_language_groups_with_it(
    language: str, given_text: str, expected: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


@pytest.mark.parametrize(
    ("language", "given_text", "expected", "right"),
    [
        ("en", "3.1", "3.10", False),
        ("en", "Python 3.1", "Python 3.10", False),
        ("en", "Python 3.10", "python 3.10", True),
        ("ru", "3,10", "3.10", True),  # the decimal sign is still read by the language
        ("ru", "1 000", "1000", True),
        ("en", "0.50", "0.5", False),  # a tester expected True: a typed answer keeps decimals
        ("en", "1000.0", "1000", False),
        ("en", ".5", "0.5", True),
        ("ru", ",5", "0,5", True),
        ("en", "-0", "0", True),
    ],
)
def test_a_typed_number_keeps_the_digits_written_after_its_decimal_sign(
    language: str, given_text: str, expected: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


@pytest.mark.parametrize(
    ("given_text", "expected", "right"),
    [
        ("A", "A-", False),  # a grade
        ("A+", "A-", False),
        ("A-", "A\u2212", True),
        ("Cl", "Cl-", False),  # an ion
        ("Cl", "Cl\u2212", False),
        ("Cl", "Cl\u207b", False),
        ("Cl-", "Cl\u207b", True),
        ("Na", "Na+", False),
        ("- 40", "-40", True),  # a sign a space apart at the start
        ("40", "- 40", False),
        ("1939 - 1945", "1939\u20131945", True),  # a dash between numbers is no sign
        ("x86_64", "x86-64", True),  # an underscore is punctuation
        ("covid19", "COVID-19", True),
        ("F16", "F-16", True),
        ("1 996", "1996", True),
        ("19 96", "1996", False),  # two numbers are never glued into one
        ("Jean-Paul", "Jean Paul", True),
    ],
)
def test_a_minus_that_ends_a_word_counts_like_a_plus(
    given_text: str, expected: str, right: bool
) -> None:
    assert answers_match(given_text, expected) is right


@pytest.mark.parametrize(
    ("language", "given_text", "expected", "right"),
    [
        ("ja", "ふた", "ぶた", False),  # lid, pig: the dakuten is part of the kana
        ("ja", "かき", "かぎ", False),
        ("ja", "ハン", "パン", False),  # handakuten
        ("ja", "ﾊﾟﾝ", "パン", True),  # half-width kana are the same kana
        ("th", "ขาว", "ข่าว", False),  # white, news: a tone mark
        ("th", "ข่าว", "ข่าว", True),
        ("hi", "कल", "कुल", False),  # tomorrow, total: a vowel sign
        ("hi", "नमसत", "नमस्ते", False),  # a virama and a vowel sign
        ("hi", "नमस्ते", "नमस्ते", True),
        ("el", "Αθηνα", "Αθήνα", True),  # the Greek tonos is an accent
        ("he", "שלום", "שָׁלוֹם", True),  # Hebrew points are optional
        ("ar", "مدرسة", "مَدْرَسَة", True),  # harakat are optional
        ("ru", "елка", "ёлка", True),
        ("fr", "Noel", "Noël", True),
        ("mk", "год", "ѓод", False),  # Macedonian ѓ and ќ are letters of their own
        ("mk", "кеф", "ќеф", False),
        ("en", "год", "ѓод", False),
    ],
)
def test_only_accents_fold_and_marks_that_are_letters_are_kept(
    language: str, given_text: str, expected: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


@pytest.mark.parametrize(
    ("language", "given_text", "expected"),
    [
        ("zh", "第一次世界大战", "第二次世界大战"),
        ("ja", "日本国憲章", "日本国憲法"),
        ("ja", "とうきょうと", "とうきようと"),
        ("ko", "소박", "수박"),
        ("ko", "대한민국만세", "대한민국만새"),
    ],
)
def test_ideographs_kana_and_hangul_never_slip(
    language: str, given_text: str, expected: str
) -> None:
    assert not answers_match(given_text, expected, language)
    assert answers_match(expected, expected, language)


def test_hangul_is_compared_as_the_syllables_written() -> None:
    assert normalize("수박", "ko") == ("수박",)
    assert answers_match("\u1109\u116e\u1107\u1161\u11a8", "수박", "ko")  # conjoining jamo


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc", "\u2018", "`"])
def test_every_apostrophe_is_the_same(apostrophe: str) -> None:
    assert answers_match(f"м{apostrophe}ясо", "м\u02bcясо", "uk")
    assert answers_match(f"м{apostrophe}ясо", "м'ясо", "uk")
    assert answers_match(f"O{apostrophe}Brien", "O’Brien")
    assert answers_match("мясо", f"м{apostrophe}ясо", "uk")


@pytest.mark.parametrize(
    ("given_text", "expected", "language", "right"),
    [
        ("1,00,000", "100000", "hi", True),  # a lakh
        ("10,00,000", "1000000", "en-IN", True),
        ("10,00,000", "1000000", "en", False),  # not a grouping elsewhere
        ("1,000,000", "1000000", "hi", True),
        ("Koebenhavn", "København", "da", True),
        ("Oedegaard", "Ødegård", "da", True),
        ("Aalborg", "Ålborg", "da", True),
        ("Oedegaard", "Ødegård", "nb", True),
        ("Boe", "Bø", "da", True),
        ("Boe", "Bø", "de", False),  # oe is no ø outside Danish and Norwegian
        ("het Nederland", "Nederland", "nl", True),
        ("de Nachtwacht", "Nachtwacht", "nl", True),
        ("Het", "Het", "nl", True),  # a lone article is the answer
    ],
)
def test_indian_digit_groups_danish_spellings_and_dutch_articles(
    given_text: str, expected: str, language: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


# A tester's table of answers from classes, as a teacher means them (the rows not here are
# left as they were: Catalan colegi for col·legi, x^2 for x², 3/4 against 3 4; and 0.50,
# 1000.0 and £3.50 against 0.5, 1000 and 3.5, which a typed answer no longer forgives).
TESTER_ROWS = [
    ("40", "-40", "en", False),
    ("\u221240", "-40", "en", True),
    ("\u201340", "-40", "en", True),
    ("+5", "-5", "en", False),
    ("C", "C++", "en", False),
    ("C ++", "C++", "en", True),
    ("NET", ".NET", "en", True),
    ("Nodejs", "Node.js", "en", True),
    ("Node", "Node.js", "en", False),
    ("Fe3+", "Fe\u00b3\u207a", "en", True),
    ("Fe2+", "Fe\u00b3\u207a", "en", False),
    ("H2O", "H\u2082O", "en", True),
    ("Catch 22", "Catch-22", "en", True),
    ("1939 \u2013 1945", "1939-1945", "en", True),
    ("-273,15", "-273.15", "ru", True),
    ("\u2212273.15", "-273,15", "ru", True),
    ("ATT", "AT&T", "en", False),
    ("1.000", "1000", "en", False),
    ("1'000", "1000", "en", True),
    ("1\u202f000", "1000", "fr", True),
    ("1.000", "1000", "es", True),
    ("1.000", "1000", "pl", False),
    ("1.000.000", "1000000", "de", True),
    ("1 000 000", "1.000.000", "de", True),
    ("1,234.56", "1234.56", "en", True),
    ("1.234,56", "1234,56", "de", True),
    ("1 234,56", "1234.56", "ru", True),
    ("1.234,56", "1234.56", "en", False),
    ("3.5", "3,5", "de", True),
    ("007", "7", "en", False),
    ("50%", "50", "en", True),
    ("50 %", "50%", "fr", True),
    ("0.5", "50%", "en", False),
    ("$5", "5", "en", True),
    ("5 $", "$5", "en", True),
    ("\u20ac1,50", "1,50 \u20ac", "de", True),
    ("$1,000", "1000", "en", True),
    ("\u00a33.50", "3.50", "en", True),
    ("\uff11\uff10\uff10\uff10", "1000", "ja", True),
    ("\u0664\u0660", "40", "ar", True),
    ("\u096a\u0966", "40", "hi", True),
    ("1/2", "2/1", "en", False),
    ("1 2", "12", "en", False),
    ("Lodz", "\u0141\u00f3d\u017a", "pl", True),
    ("\u0431\u043e\u0439", "\u0431\u043e\u0438", "ru", False),
    ("\u0432\u043e\u0443\u043a", "\u0432\u043e\u045e\u043a", "be", False),
    ("\u0435\u043b\u043a\u0430", "\u0451\u043b\u043a\u0430", "be", False),
    ("\u041a\u0438\u0456\u0432", "\u041a\u0438\u0457\u0432", "uk", False),
    ("\u0433\u0430\u0438", "\u0433\u0430\u0439", "uk", False),
    ("STRASSE", "STRA\u1e9eE", "de", True),
    ("Mueller", "M\u00fcller", "de", True),
    ("coeur", "c\u0153ur", "fr", True),
    ("Ile de France", "l'\u00cele-de-France", "fr", True),
    ("ano", "a\u00f1o", "es", False),
    ("Espana", "Espa\u00f1a", "es", True),
    ("Dvorak", "Dvo\u0159\u00e1k", "cs", True),
    ("Thingvellir", "\u00deingvellir", "is", True),
    ("Kobenhavn", "K\u00f8benhavn", "da", True),
    ("Ijsselmeer", "\u0132sselmeer", "nl", True),
    ("col\u00b7legi", "co\u0140legi", "ca", True),
    ("ISTANBUL", "\u0130stanbul", "tr", True),
    ("I\u015eIK", "I\u015f\u0131k", "tr", True),
    ("D\u0130YARBAKIR", "Diyarbak\u0131r", "tr", True),
    ("Die Zauberfl\u00f6te", "Zauberfl\u00f6te", "de", True),
    ("La Haya", "Haya", "es", True),
    ("\uc11c\uc6b8", "\uc11c\uc6b8", "ko", True),
    ("\u6771\u4eac", "\u6771\u4eac Tokyo", "ja", False),
    ("Tokyo", "\u6771\u4eac", "ja", False),
]


@pytest.mark.parametrize(("given_text", "expected", "language", "right"), TESTER_ROWS)
def test_a_testers_answers_from_classes_are_judged_as_a_teacher_means(
    given_text: str, expected: str, language: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


# --- issue 9 part 4, found by a tester: signs, powers, fractions and letters of their own ------

BANGKOK = "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e"  # กรุงเทพ, short for its long name


@pytest.mark.parametrize(
    ("given_text", "expected", "language", "right"),
    [
        # A superscript after a digit is a power: 10³ is 10^3, never 103.
        ("10^3", "10\u00b3", "en", True),
        ("103", "10\u00b3", "en", False),
        ("10^-3", "10\u207b\u00b3", "en", True),
        ("(a+b)^2", "(a+b)\u00b2", "en", True),
        # After a letter it is typed as a plain digit, or with ^: x² is x2 and x^2.
        ("x2", "x\u00b2", "en", True),
        ("x^2", "x\u00b2", "en", True),
        ("x3", "x\u00b2", "en", False),
        ("O2-", "O\u00b2\u207b", "en", True),  # the oxide ion
        ("O2", "O\u00b2\u207b", "en", False),
        ("e-", "e\u207b", "en", True),
        ("e+", "e\u207b", "en", False),
        # Subscripts are typed as plain digits.
        ("H2O", "H\u2082O", "en", True),
        ("CO2", "CO\u2082", "en", True),
        ("CO3", "CO\u2082", "en", False),
        # Vulgar fractions are typed with a slash, a space apart from the whole number.
        ("1/2", "\u00bd", "en", True),
        ("12", "\u00bd", "en", False),
        ("1 1/2", "1\u00bd", "en", True),
        ("11/2", "1\u00bd", "en", False),
        ("3/4 cup", "\u00be cup", "en", True),
        ("2/4", "\u00bd", "en", False),  # a typed answer compares forms; a number question values
        # Signs a keyboard lacks.
        ("C#", "C\u266f", "en", True),
        ("F#", "F\u266f", "en", True),
        ("F", "F\u266f", "en", False),
        ("Bb", "B\u266d", "en", True),
        ("+/-5", "\u00b15", "en", True),
        ("5", "\u00b15", "en", False),
        ("-", "\u2212", "en", True),  # a minus sign alone
        ("+", "\u2212", "en", False),
        # Invisible format characters are ignored.
        ("Zero", "Ze\u200bro", "en", True),
        ("Ze\u200dro", "Zero", "en", True),
        ("Paris", "\u200eParis\u200f", "fr", True),
    ],
)
def test_signs_powers_and_fractions_are_typed_as_a_keyboard_types_them(
    given_text: str, expected: str, language: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


@pytest.mark.parametrize(
    ("given_text", "expected", "language", "right"),
    [
        # Numbers read by the pack's language and its region.
        ("3,5", "3.5", "fi", True),
        ("3,5", "3.5", "el", True),
        ("1,5", "1.5", "ro", True),
        ("1 000", "1000", "nb", True),
        ("1,000", "1000", "fi", False),  # ambiguous there: kept as written
        ("1,000", "1000", "es-MX", True),
        ("3.5", "3,5", "es-ES", True),
        ("1.000", "1000", "de-CH", False),
        ("1'000", "1000", "de-CH", True),
        ("2,5", "2.5", "en-ZA", True),
        ("1.000,5", "1000,5", "pt-BR", True),
        ("\u0663\u066b\u0665", "3.5", "ar", True),
        ("\u0661\u066c\u0660\u0660\u0660", "1000", "ar", True),
        ("\u06f3\u066b\u06f5", "3.5", "fa", True),
    ],
)
def test_numbers_are_read_by_the_language_and_region_of_the_pack(
    given_text: str, expected: str, language: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


@pytest.mark.parametrize(
    ("given_text", "expected", "language", "right"),
    [
        # Swedish, Finnish, Estonian, Hungarian and Turkish letters of their own.
        ("for", "f\u00f6r", "sv", False),
        ("har", "h\u00e5r", "sv", False),
        ("F\u00d6R", "f\u00f6r", "sv", True),
        ("saa", "s\u00e4\u00e4", "fi", False),
        ("tuli", "t\u00fcli", "et", False),
        ("s\u00f5na", "sona", "et", False),
        ("kor", "k\u00f6r", "hu", False),
        ("tuz", "t\u00fcz", "hu", False),
        ("sut", "s\u00fct", "tr", False),
        ("kis", "k\u0131\u015f", "tr", False),
        ("KI\u015e", "k\u0131\u015f", "tr", True),  # I lower-cases to ı in Turkish
        ("\u0130zmir", "izmir", "tr", True),
        # German umlauts fold and may be typed as two letters.
        ("fur", "f\u00fcr", "de", True),
        ("fuer", "f\u00fcr", "de", True),
        # The same letters fold in a language where they are accents or foreign.
        ("for", "f\u00f6r", "en", True),
        # Ukrainian ґ is never г (in a short word; a long word keeps its one slip).
        ("\u0433\u0430\u0432\u0430", "\u0491\u0430\u0432\u0430", "uk", False),
        ("\u0491\u0430\u0432\u0430", "\u0490\u0410\u0412\u0410", "uk", True),
        # Persian and Urdu: an Arabic keyboard's kaf and yeh are the Persian letters.
        ("\u0643\u062a\u0627\u0628", "\u06a9\u062a\u0627\u0628", "fa", True),
        ("\u0627\u064a\u0631\u0627\u0646", "\u0627\u06cc\u0631\u0627\u0646", "fa", True),
        ("\u0645\u0648\u0633\u0649", "\u0645\u0648\u0633\u06cc", "fa", True),
        ("\u06a9\u06cc", "\u0643\u064a", "ur", True),
        ("\u0643\u064a", "\u06a9\u06cc", "ar", False),  # in Arabic itself they differ
        # Thai: the abbreviation mark after a name may be left out.
        (
            "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e",
            "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e\u0e2f",
            "th",
            True,
        ),
        (
            "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e\u0e2f",
            "\u0e01\u0e23\u0e38\u0e07\u0e40\u0e17\u0e1e",
            "th",
            True,
        ),
    ],
)
def test_letters_of_their_own_and_keyboard_variants_by_language(
    given_text: str, expected: str, language: str, right: bool
) -> None:
    assert answers_match(given_text, expected, language) is right


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b\u200d", "\u2060"])
def test_an_answer_of_only_invisible_characters_still_matches_itself(invisible: str) -> None:
    # found by the property test: invisible characters are dropped only beside visible ones
    assert answers_match(invisible, invisible, "en")
    assert not answers_match("a", invisible, "en")
