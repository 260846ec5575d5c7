"""Quizlet's export text becomes typed (or choice) questions: the definition asked, the term
typed; every separator Quizlet's Export offers, found or given."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from clarity.core.packs.models import Question
from clarity.formats.quizlet import read_quizlet, separator_named
from clarity.formats.source import SourceRead
from clarity.formats.text_decoding import decode_text

from .hostile_text import assert_read_or_unreadable, hostile_texts

FILES = Path(__file__).parent / "text_files"
QUESTION = TypeAdapter(Question)


def text_of(name: str) -> str:
    return decode_text((FILES / name).read_bytes())


def cards(read: SourceRead) -> list[tuple[int, int, str, str]]:
    """(line, column, prompt, answer) of each question."""
    return [
        (q.line, q.column, str(q.fields["prompt"]), str(q.fields["answer"])) for q in read.questions
    ]


def test_default_export_tab_and_new_line_found_from_the_text() -> None:
    read = read_quizlet(text_of("quizlet_tab_newline.txt"), rng=random.Random(1))
    assert cards(read) == [
        (1, 1, "dog", "сабака"),
        (2, 1, "cat", "кошка"),
        (3, 1, "apple (a red or green fruit)", "яблык"),
        (4, 1, "squirrel, a small animal with a bushy tail", "вавёрка"),
        (5, 1, "milk", "малако"),
    ]
    assert all(q.fields["type"] == "typed" for q in read.questions)
    assert read.skipped == ()
    for question in read.questions:
        QUESTION.validate_python(question.fields)


def test_comma_and_semicolon_on_one_line_cut_at_the_first_comma() -> None:
    text = text_of("quizlet_comma_semicolon.txt")
    read = read_quizlet(text, rng=random.Random(1))
    # cards share line 1; each is told by the column of its first character
    assert cards(read) == [
        (1, 1, "столица Беларуси", "Минск"),
        (1, text.index("Москва") + 1, "столица России", "Москва"),
        (1, text.index("Вильнюс") + 1, "столица Литвы, раньше — Вильно", "Вильнюс"),
        (1, text.index("Рига") + 1, "столица Латвии", "Рига"),
    ]
    assert [q.column for q in read.questions] == [1, 24, 46, 85]


def test_custom_separators_given() -> None:
    text = text_of("quizlet_custom.txt")
    read = read_quizlet(text, term_separator="::", card_separator="##", rng=random.Random(1))
    see, write = text.index("to see") + 1, text.index("to write") + 1
    assert cards(read) == [
        (1, 1, "идти", "to go = went = gone"),
        (1, see, "видеть", "to see = saw = seen"),
        (1, write, "писать", "to write = wrote = written"),
    ]


def test_custom_term_separator_not_found_says_so_for_each_card() -> None:
    text = text_of("quizlet_custom.txt")
    read = read_quizlet(text, card_separator="##", rng=random.Random(1))
    assert read.questions == ()
    see, write = text.index("to see") + 1, text.index("to write") + 1
    assert [(one.line, one.column) for one in read.skipped] == [(1, 1), (1, see), (1, write)]
    assert str(read.skipped[0].reason) == (
        "this card has no tab or comma between its term and its definition; if the set was "
        "exported with a separator of your own, name it (--separator)"
    )
    read = read_quizlet("a=b\nc;d", term_separator="=", rng=random.Random(1))
    assert cards(read) == [(1, 1, "b", "a")]
    assert [(s.line, s.column, str(s.reason)) for s in read.skipped] == [
        (2, 1, 'this card has no "=" between its term and its definition')
    ]


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_every_line_ending_and_blank_lines_between_cards(line_end: str) -> None:
    text = line_end.join(["сабака\tdog", "", "  кошка\tcat  ", "", ""])
    read = read_quizlet(text, rng=random.Random(1))
    assert cards(read) == [(1, 1, "dog", "сабака"), (3, 3, "cat", "кошка")]
    # a line break given as the card separator means any line break
    assert read_quizlet(text, card_separator="\n", rng=random.Random(1)) == read


def test_a_custom_card_separator_keeps_definitions_over_several_lines() -> None:
    text = (
        "photosynthesis\thow plants make food\r\nfrom light and water\r\n\r\n"
        "osmosis\twater passing through a membrane"
    )
    read = read_quizlet(text, card_separator="\r\n\r\n", rng=random.Random(1))
    assert cards(read) == [
        (1, 1, "how plants make food\nfrom light and water", "photosynthesis"),
        (4, 1, "water passing through a membrane", "osmosis"),
    ]


def test_semicolons_inside_definitions_do_not_split_a_one_card_line() -> None:
    read = read_quizlet("вавёрка\tsquirrel; a small animal", rng=random.Random(1))
    assert cards(read) == [(1, 1, "squirrel; a small animal", "вавёрка")]
    read = read_quizlet("a\tb;c\td;", rng=random.Random(1))
    assert cards(read) == [(1, 1, "b", "a"), (1, 5, "d", "c")]


def test_cards_without_a_term_a_definition_or_too_long() -> None:
    long_term = "т" * 201
    text = f"\tno term\nno definition\t \n{long_term}\tdefinition\n{'x' * 200}\tok"
    read = read_quizlet(text, rng=random.Random(1))
    assert [(s.line, s.column, str(s.reason)) for s in read.skipped] == [
        (1, 1, "this card has no term"),
        (2, 1, "this card has no definition"),
        (3, 1, "the term is 201 characters long; an answer has at most 200"),
    ]
    assert cards(read) == [(4, 1, "ok", "x" * 200)]
    read = read_quizlet("term\t" + "d" * 2001, rng=random.Random(1))
    assert str(read.skipped[0].reason) == (
        "the definition is 2,001 characters long; a question has at most 2,000"
    )


def test_as_choice_draws_three_other_terms_with_the_rng() -> None:
    text = text_of("quizlet_tab_newline.txt")
    read = read_quizlet(text, as_choice=True, rng=random.Random(7))
    terms = {"сабака", "кошка", "яблык", "вавёрка", "малако"}
    assert read.skipped == ()
    for question in read.questions:
        fields = question.fields
        assert fields["type"] == "choice"
        choices = fields["choices"]
        assert isinstance(choices, list)
        assert choices[0] == fields["answer"]
        assert len(choices) == 4
        assert len(set(choices)) == 4
        assert set(choices) <= terms
        QUESTION.validate_python(fields)
    again = read_quizlet(text, as_choice=True, rng=random.Random(7))
    assert again == read
    draws = {
        tuple(
            read_quizlet(text, as_choice=True, rng=random.Random(seed))
            .questions[0]
            .fields["choices"]
        )
        for seed in range(20)
    }
    assert len(draws) > 1


def test_as_choice_with_few_cards() -> None:
    read = read_quizlet("one\tодин", as_choice=True, rng=random.Random(1))
    assert read.questions == ()
    assert [(s.line, s.column, str(s.reason)) for s in read.skipped] == [
        (
            1,
            1,
            "a choice question needs other cards' terms as its wrong choices, and this set has "
            "only one card",
        )
    ]
    read = read_quizlet("one\tодин\ntwo\tдва", as_choice=True, rng=random.Random(1))
    assert [q.fields["choices"] for q in read.questions] == [["one", "two"], ["two", "one"]]


def test_as_choice_never_offers_the_same_term_as_a_wrong_choice() -> None:
    text = "Dog\tсобака\ndog\tпёс\nDOG\tпсина"
    read = read_quizlet(text, as_choice=True, rng=random.Random(1))
    assert read.questions == ()
    assert [str(s.reason) for s in read.skipped] == [
        "every other card has the same term, so there is no wrong choice to offer"
    ] * 3
    read = read_quizlet(text + "\ncat\tкошка", as_choice=True, rng=random.Random(1))
    assert [q.fields["choices"] for q in read.questions] == [
        ["Dog", "cat"],
        ["dog", "cat"],
        ["DOG", "cat"],
        ["cat", "Dog"],
    ]


CARD_TEXT = st.text(alphabet="ab ,;\tя\n\r", max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(CARD_TEXT, max_size=12), st.booleans(), st.integers(0, 3))
def test_any_text_reads_without_raising_and_gives_valid_questions(
    pieces: list[str], as_choice: bool, seed: int
) -> None:
    text = "".join(pieces)
    read = read_quizlet(text, as_choice=as_choice, rng=random.Random(seed))
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    for question in read.questions:
        QUESTION.validate_python(question.fields)
        assert 1 <= question.line <= lines
    for one in read.skipped:
        assert 1 <= one.line <= lines


@pytest.mark.parametrize(
    ("written", "meant"),
    [("tab", "\t"), (" Tab ", "\t"), ("\\t", "\t"), ("comma", ","), ("Semicolon", ";"),
     ("new line", "\n"), ("\\n", "\n"), (" - ", " - "), ("\t", "\t"), ("", "")],
)  # fmt: skip
def test_separators_named_as_quizlet_names_them_or_typed_as_escapes(
    written: str, meant: str
) -> None:
    assert separator_named(written) == meant


def test_a_named_separator_reads_like_the_character() -> None:
    text = text_of("quizlet_comma_semicolon.txt")
    by_name = read_quizlet(
        text, term_separator="comma", card_separator="semicolon", rng=random.Random(1)
    )
    assert by_name == read_quizlet(text, rng=random.Random(1))
    assert len(by_name.questions) == 4


QUIZLET_MARKS = ["\t", ",", ";", "\n", "\r\n", " - ", "term", "definition"]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(
    hostile_texts(QUIZLET_MARKS),
    st.sampled_from([None, "", "\t", ",", " - ", "\\t", "\0", "\ud800"]),
    st.sampled_from([None, "", "\n", ";", "\\n", "\r", "\0"]),
    st.booleans(),
)
@example("a\tb\n" * 100_000, None, None, True)
def test_a_hostile_file_gives_questions_or_unreadable_and_nothing_else(
    text: str, term_separator: str | None, card_separator: str | None, as_choice: bool
) -> None:
    def reader(text: str) -> SourceRead:
        return read_quizlet(
            text,
            term_separator=term_separator,
            card_separator=card_separator,
            as_choice=as_choice,
            rng=random.Random(0),
        )

    assert_read_or_unreadable(text, reader)
