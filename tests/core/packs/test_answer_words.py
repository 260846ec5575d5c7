"""Validate's words about a choice question's answer, a question type and a field name, for
the slips a tester found: several right answers joined by a language's "and", a "/" or
choice letters; an answer in another Unicode form than its choice; and letters of another
script that look like the ones meant."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from clarity.core.messages import Message
from clarity.core.packs.lookalikes import lookalike_words
from clarity.core.packs.models import ChoiceQuestion
from clarity.core.round import is_right

from .test_loader import lines
from .test_question_kinds import load


def choice_question(choices: str, answer: str) -> str:
    return f"  - type: choice\n    prompt: Which?\n    choices: {choices}\n    answer: {answer}\n"


@pytest.mark.parametrize(
    "case",
    [
        ("ru", "[Беларусь, Польша, Россия]", "Беларусь и Россия", "[Беларусь, Россия]"),
        ("be", "[Беларусь, Польшча, Расія]", "Беларусь і Расія", "[Беларусь, Расія]"),
        ("uk", "[Київ, Львів, Одеса]", "Київ та Одеса", "[Київ, Одеса]"),
        ("de", "[Belarus, Polen, Russland]", "Belarus und Russland", "[Belarus, Russland]"),
        ("fr", "[Paris, Lyon, Nice]", "Paris et Nice", "[Paris, Nice]"),
        ("es", "[Madrid, Sevilla, Ibiza]", "Madrid e Ibiza", "[Madrid, Ibiza]"),
        ("pl", "[Warszawa, Kraków, Gdańsk]", "Warszawa i Gdańsk", "[Warszawa, Gdańsk]"),
        ("tr", "[Ankara, İzmir, Bursa]", "Ankara ve Bursa", "[Ankara, Bursa]"),
        ("ar", "[مصر, تونس, ليبيا]", "مصر و ليبيا", "[مصر, ليبيا]"),
        ("ar", "[مصر, تونس, ليبيا]", "مصر وليبيا", "[مصر, ليبيا]"),  # "و" joined to the word
        ("he", "[חיפה, אילת, עכו]", "חיפה ועכו", "[חיפה, עכו]"),
        ("pt-BR", "[Recife, Natal, Belém]", "Recife e Belém", "[Recife, Belém]"),
        ("ru", "[Belarus, Poland, Russia]", "Belarus and Russia", "[Belarus, Russia]"),
        ("en", "[Belarus, Poland, Russia]", "Belarus/Russia", "[Belarus, Russia]"),
        ("en", "[Belarus, Poland, Russia]", "A, C", "[Belarus, Russia]"),  # Kahoot's letters
        ("en", "[Belarus, Poland, Russia]", "a and c", "[Belarus, Russia]"),
        ("en", '[Belarus, "Washington, D.C.", Russia]', "B & C", '["Washington, D.C.", Russia]'),
    ],
)
def test_several_right_answers_joined_in_the_packs_language_get_the_list_that_fixes_them(
    pack_dir: Path, assets: Path, case: tuple[str, str, str, str]
) -> None:
    language, choices, answer, fix = case
    loaded = load(pack_dir, assets, choice_question(choices, answer), language)
    assert lines(loaded) == [
        f'pack.yaml:14:13: questions[0].answer: "{answer}" is not one of the choices; to make '
        f"several choices right, list their texts: answer: {fix}"
    ]


def test_another_languages_and_is_not_read_as_a_joiner(pack_dir: Path, assets: Path) -> None:
    # "und" is a word in an English pack, not German's "and".
    loaded = load(pack_dir, assets, choice_question("[A, B, C]", "A und B"), "en")
    assert lines(loaded) == [
        'pack.yaml:14:13: questions[0].answer: "A und B" is not one of the choices'
    ]


def test_one_choice_letter_is_answered_with_the_choices_text(pack_dir: Path, assets: Path) -> None:
    loaded = load(pack_dir, assets, choice_question("[Oslo, Bergen, Tromsø]", "B"))
    assert lines(loaded) == [
        'pack.yaml:14:13: questions[0].answer: "B" is not one of the choices; name a choice '
        "by its text, not its letter: Bergen"
    ]


def test_a_letter_that_is_a_choice_is_that_choice(pack_dir: Path, assets: Path) -> None:
    loaded = load(pack_dir, assets, choice_question("[C, A, B]", "A"))
    assert loaded.ok
    assert loaded.pack.questions[0].right_index == 1


def test_an_answer_in_another_unicode_form_is_its_choice_as_written(
    pack_dir: Path, assets: Path
) -> None:
    # A Mac writes é as e and a combining accent (NFD); the choice has é as one character.
    decomposed = unicodedata.normalize("NFD", "Café")
    assert decomposed != "Café"
    loaded = load(pack_dir, assets, choice_question("[Café, Bar, Pub]", f"[{decomposed}, Bar]"))
    assert lines(loaded) == []
    question = loaded.pack.questions[0]
    assert isinstance(question, ChoiceQuestion)
    assert question.right_answers == ("Café", "Bar")
    assert question.right_indexes == (0, 1)
    assert is_right(question, "Café", "en")  # the choice a player picks, as shown


def test_a_choice_in_another_unicode_form_keeps_the_form_written(
    pack_dir: Path, assets: Path
) -> None:
    decomposed = unicodedata.normalize("NFD", "Café")
    loaded = load(pack_dir, assets, choice_question(f"[{decomposed}, Bar]", "Café"))
    question = loaded.pack.questions[0]
    assert question.choices[0] == decomposed
    assert question.right_answers == (decomposed,)
    assert is_right(question, decomposed, "en")


def test_two_choices_that_differ_only_in_unicode_form_are_listed_twice(
    pack_dir: Path, assets: Path
) -> None:
    decomposed = unicodedata.normalize("NFD", "Café")
    loaded = load(pack_dir, assets, choice_question(f"[Café, {decomposed}]", "Café"))
    assert lines(loaded) == [
        f'pack.yaml:13:21: questions[0].choices[1]: "{decomposed}" is listed twice (also '
        "choices[0])"
    ]


def test_an_answer_with_a_cyrillic_letter_says_which_letter(pack_dir: Path, assets: Path) -> None:
    loaded = load(pack_dir, assets, choice_question("[Oslo, Bergen]", "\u041eslo"))
    assert lines(loaded) == [
        'pack.yaml:14:13: questions[0].answer: "Оslo" is not one of the choices; it looks like '
        '"Oslo", but its 1st letter is the Cyrillic О (U+041E), not the Latin O; type it '
        "again with the Latin keyboard layout"
    ]


def test_a_latin_letter_in_a_cyrillic_answer_says_which_letter(
    pack_dir: Path, assets: Path
) -> None:
    loaded = load(pack_dir, assets, choice_question("[Москва, Минск]", "Mосква"), "ru")
    assert lines(loaded) == [
        'pack.yaml:14:13: questions[0].answer: "Mосква" is not one of the choices; it looks '
        'like "Москва", but its 1st letter is the Latin M (U+004D), not the Cyrillic М; type '
        "it again with the Cyrillic keyboard layout"
    ]


def test_a_cyrillic_letter_in_a_question_type_says_which_letter(
    pack_dir: Path, assets: Path
) -> None:
    text = choice_question("[Москва, Минск]", "Москва").replace("type: choice", "type: \u0441hoice")
    loaded = load(pack_dir, assets, text, "ru")
    assert lines(loaded) == [
        'pack.yaml:11:11: questions[0].type: "сhoice" is not a question type; it looks like '
        "choice, but its 1st letter is the Cyrillic с (U+0441), not the Latin c; type it again "
        "with the Latin keyboard layout"
    ]


def test_a_cyrillic_letter_in_a_field_name_says_which_letter(pack_dir: Path, assets: Path) -> None:
    text = choice_question("[Oslo, Bergen]", "Oslo").replace("prompt:", "pr\u043empt:")
    loaded = load(pack_dir, assets, text)
    assert lines(loaded)[1] == (
        "pack.yaml:12:5: questions[0].prоmpt: is not a known field; it looks like `prompt`, but "
        "its 3rd letter is the Cyrillic о (U+043E), not the Latin o; type it again with the "
        "Latin keyboard layout"
    )


def test_an_answer_like_no_choice_still_names_its_stray_letter(
    pack_dir: Path, assets: Path
) -> None:
    loaded = load(pack_dir, assets, choice_question("[Oslo, Bergen]", "Tr\u043emsø"))
    assert lines(loaded) == [
        'pack.yaml:14:13: questions[0].answer: "Trоmsø" is not one of the choices: its 3rd '
        "letter is the Cyrillic о (U+043E), among Latin letters; type it again with the Latin "
        "keyboard layout"
    ]


@pytest.mark.parametrize(
    "written",
    ["日本の首都", "Windows и Linux", "Café", "Москва", "C++", "ελληνικά", "Kyiv"],
)
def test_words_that_mix_scripts_as_writing_does_are_left_alone(written: str) -> None:
    assert lookalike_words(written, ["Kyiv", "Oslo"]) is None


def said(found: tuple[str | None, Message] | None) -> tuple[str | None, str] | None:
    """``lookalike_words``'s answer with its words in English."""
    return None if found is None else (found[0], str(found[1]))


def test_a_word_written_wholly_in_look_alike_letters_says_so() -> None:
    assert said(lookalike_words("\u0421\u043e\u0441", ["Coc"])) == (
        "Coc",
        "it is written in Cyrillic letters that look like Latin ones; type it again with the "
        "Latin keyboard layout",
    )


def test_letters_in_a_longer_text_are_named_with_their_word() -> None:
    assert said(lookalike_words("Capital \u041eslo", ["Capital Oslo"])) == (
        "Capital Oslo",
        'the 1st letter of "Оslo" is the Cyrillic О (U+041E), not the Latin O; type it again '
        "with the Latin keyboard layout",
    )
