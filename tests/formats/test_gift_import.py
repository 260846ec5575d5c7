"""Reading GIFT as Moodle reads it: Moodle's own exports (English and Russian), a teacher's
hand-written file, and broken questions skipped at their line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clarity.core.packs.models import Pack
from clarity.formats.gift import read_gift
from clarity.formats.source import SourceRead

from .hostile_text import assert_read_or_unreadable, hostile_texts

FILES = Path(__file__).parent / "gift_files"


def _read(name: str) -> SourceRead:
    return read_gift((FILES / name).read_text(encoding="utf-8"))


def _fields(read: SourceRead) -> list[dict[str, object]]:
    return [dict(question.fields) for question in read.questions]


def _places(items: tuple) -> list[tuple[int, int, str]]:
    return [(item.line, item.column, str(item.reason)) for item in items]


def _one(text: str) -> dict[str, object]:
    read = read_gift(text)
    assert not read.skipped, _places(read.skipped)
    assert len(read.questions) == 1
    return dict(read.questions[0].fields)


_MULTIPLE_ANSWERS = (
    'a "multiple answers" question (the answers weighted {weights} are ticked together); '
    'the game takes one choice: mark with "=" each answer that is right on its own'
)


def _skipped(text: str) -> tuple[int, int, str]:
    read = read_gift(text)
    assert not read.questions
    assert len(read.skipped) == 1
    return _places(read.skipped)[0]


def test_moodle_english_export_becomes_questions_with_their_categories() -> None:
    read = _read("moodle_export_en.txt")
    assert [(q.line, q.column) for q in read.questions] == [
        (10, 1),
        (20, 1),
        (24, 1),
        (36, 1),
        (43, 1),
        (50, 1),
    ]
    assert _fields(read) == [
        {
            "type": "choice",
            "prompt": "What is the capital of France?",
            "title_hint": "Capital of France",
            "choices": ["Paris", "Lyon", "Marseille", "Nice"],
            "answer": "Paris",
            "explain": "Paris lies on the Seine.",
            "tags": ["Capitals"],
        },
        {
            "type": "truefalse",
            "prompt": "Sydney is the capital of Australia.",
            "title_hint": "Canberra",
            "answer": False,
            "explain": "Canberra was built as the capital in 1913.",
            "tags": ["Capitals"],
        },
        {
            "type": "typed",
            "prompt": "Type the capital of Japan.",
            "title_hint": "Capital of Japan",
            "answer": "Tokyo",
            "accept": ["Tōkyō"],
            "tags": ["Capitals"],
        },
        {
            "type": "number",
            "prompt": "How high is Mount Everest, in metres?",
            "title_hint": "Everest",
            "answer": "8849",
            "tolerance": "10",
            "tags": ["Numbers"],
        },
        {
            "type": "number",
            "prompt": "The lowest temperature measured on Earth, in °C (to the nearest ten)?",
            "title_hint": "Coldest",
            "answer": "-89.2",
            "tolerance": "5",
            "tags": ["Numbers"],
        },
        {
            "type": "number",
            "prompt": "How many countries does the Danube flow through?",
            "title_hint": "Rivers",
            "answer": "10",
            "min": "9",
            "max": "11",
            "tags": ["Numbers"],
        },
    ]
    assert _places(read.skipped) == [
        # Moodle's "multiple answers": both to be ticked; the game would take either
        (60, 1, _MULTIPLE_ANSWERS.format(weights="50%, 50%")),
        (69, 1, "a matching question; the game has no matching questions"),
        (77, 1, "an essay question; the game has no essay questions"),
        (81, 1, "a description (text without an answer block) is not a question"),
        (
            89,
            3,
            'a "missing word" question (text after the answer block); the game asks whole '
            "questions",
        ),
    ]
    notes = _places(read.notes)
    assert (10, 1, "HTML was turned into plain text") in notes
    assert (24, 1, "partial credit (50%) left out: only a 100% answer is right") in notes
    assert (43, 1, "partial credit (50%) left out: only a 100% answer is right") in notes
    assert not [note for note in notes if note[0] == 60]
    assert (
        10,
        1,
        "the feedback of single answers was left out: the game shows one explanation",
    ) in notes
    # one note of a kind per question
    assert len(notes) == len(set(notes))


def test_moodle_russian_export_keeps_cyrillic_escapes_and_the_category() -> None:
    read = _read("moodle_export_ru.txt")
    assert not read.skipped
    fields = _fields(read)
    assert {tuple(f["tags"]) for f in fields} == {("Отечественная война 1812 года",)}  # type: ignore[arg-type]
    assert fields[0]["choices"] == ["Бородино", "Аустерлиц", "Лейпциг", "Ватерлоо"]
    assert fields[0]["explain"] == "Бородинское сражение — крупнейшее сражение войны."
    assert fields[1] == {
        "type": "number",
        "prompt": "В каком году Наполеон вошёл в Москву?",
        "title_hint": "Год",
        "answer": "1812",
        "tags": ["Отечественная война 1812 года"],
    }
    assert fields[2]["answer"] == "Кутузов"
    assert fields[2]["accept"] == ["М. И. Кутузов", "Михаил Кутузов"]
    assert fields[3]["answer"] is True
    assert fields[4]["prompt"] == "Какие знаки GIFT нужно экранировать: ~ = # { } : и \\?"
    assert fields[4]["choices"] == ["все семь", "только ~ и ="]


def test_handwritten_file_with_spaced_feedback_and_line_breaks() -> None:
    read = _read("handwritten.gift")
    fields = _fields(read)
    assert [q.line for q in read.questions] == [4, 6, 13, 16, 18]
    assert fields[0]["answer"] == "299792"
    assert fields[0]["tolerance"] == "100"
    assert fields[1]["choices"] == ["yellow", "red", "blue"]
    assert fields[1]["explain"] == "right; good!"
    assert fields[2]["prompt"] == "A prism splits white light into colours."
    assert fields[3] == {
        "type": "number",
        "prompt": "What is a number from 1 to 5?",
        "answer": "3",
        "tolerance": "2",
        "tags": ["Light"],
    }
    assert fields[4]["prompt"] == "Line one\nline two"
    assert fields[4]["answer"] == "two"
    assert fields[4]["accept"] == ["2"]


@pytest.mark.parametrize(
    "name", ["moodle_export_en.txt", "moodle_export_ru.txt", "handwritten.gift"]
)
def test_every_question_read_validates_as_a_pack_question(name: str) -> None:
    questions = []
    for question in _read(name).questions:
        fields = dict(question.fields)
        fields.pop("title_hint", None)
        questions.append(fields)
    Pack.model_validate(
        {
            "clarity": 1,
            "id": "imported",
            "title": "Imported",
            "description": "From GIFT.",
            "rounds": [{"image": "x.png", "answer": "x"}],
            "questions": questions,
        }
    )


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_any_line_ending_gives_the_same_questions_at_the_same_lines(ending: str) -> None:
    text = (FILES / "moodle_export_en.txt").read_text(encoding="utf-8")
    unix = read_gift(text)
    other = read_gift(text.replace("\n", ending))
    assert other == unix


def test_escapes_give_their_characters_and_backslash_n_a_line_break() -> None:
    fields = _one(r"A \~ \= \# \{ \} \: \\ and\nnext   line{=x\=y ~a\~b}")
    assert fields["prompt"] == "A ~ = # { } : \\ and\nnext line"
    assert fields["choices"] == ["x=y", "a~b"]


def test_an_unknown_escape_keeps_its_backslash_as_moodle_does() -> None:
    assert _one(r"Path C:\temp? {=yes ~no}")["prompt"] == r"Path C:\temp?"


def test_html_turned_into_text_with_line_breaks_entities_and_a_note() -> None:
    read = read_gift(
        '::H::[html]<p dir="ltr">Fish &amp; <b>chips</b><br>cost &lt;5&gt;&nbsp;€</p>'
        '<p>Second <img src="@@PLUGINFILE@@/a.png" alt="a"> para</p>{T}'
    )
    assert (
        read.questions[0].fields["prompt"] == "Fish & chips\ncost <5> €\nSecond para"
    )  # no-break space: a space
    assert _places(read.notes) == [
        (1, 1, "HTML was turned into plain text"),
        (1, 1, "a picture in the text was left out"),
    ]


def test_the_paragraph_moodles_editor_wraps_every_text_in_needs_no_note() -> None:
    read = read_gift('[html]<p dir\\="ltr" style\\="text-align\\: left;">Plain words<br></p>{T}')
    assert read.questions[0].fields["prompt"] == "Plain words"
    assert read.notes == ()


def test_the_text_of_a_style_or_script_element_is_not_shown() -> None:
    prompt = _one("[html]<style>p \\{ color\\: red \\}</style><p>Shown</p><script>x()</script>{T}")
    assert prompt["prompt"] == "Shown"


def test_plain_text_keeps_what_looks_like_html() -> None:
    assert _one("[plain]Is <b> a tag?{T}")["prompt"] == "Is <b> a tag?"
    assert _one("[plain]Is **this** bold?{T}")["prompt"] == "Is **this** bold?"
    # moodle auto-format shows tags as HTML, but a lone "<" is text
    assert _one("[moodle]Is 3 < 5 and 6 > 2?{T}")["prompt"] == "Is 3 < 5 and 6 > 2?"
    assert _one("Is <b>this</b> bold?{T}")["prompt"] == "Is this bold?"


@pytest.mark.parametrize(
    ("block", "answer"),
    [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False)],
)
def test_true_false_in_each_spelling(block: str, answer: bool) -> None:
    assert _one("The sky is blue." + block)["answer"] is answer


def test_true_false_feedback_right_one_explains_the_others_are_noted() -> None:
    read = read_gift("Grant is buried here.{TRUE#Wrong, he is.#Yes, he is.}")
    assert read.questions[0].fields["explain"] == "Yes, he is."
    assert [str(note.reason) for note in read.notes] == [
        "the feedback of single answers was left out: the game shows one explanation"
    ]


def test_general_feedback_is_the_explanation_before_any_answer_feedback() -> None:
    read = read_gift("Q? {=a#right one ~b ####Because.}")
    assert read.questions[0].fields["explain"] == "Because."
    assert [str(note.reason) for note in read.notes] == [
        "the feedback of single answers was left out: the game shows one explanation"
    ]


def test_only_a_hundred_percent_answer_is_right() -> None:
    read = read_gift("Q? {~%100%a ~%50%b ~%-50%c}")
    assert read.questions[0].fields["answer"] == "a"
    assert [str(n.reason) for n in read.notes] == [
        "partial credit (50%) left out: only a 100% answer is right"
    ]


def test_weights_to_be_ticked_together_are_skipped_at_the_question() -> None:
    # no answer at 100 %: Moodle's "multiple answers" question, whose student ticks a, b and
    # c together; the game's several right answers are each right alone, so it is skipped
    text = "// three seas\n\n::Seas:: Q? {\n~%33.33333%a ~%33.33333%b\n~%33.33333%c ~%-100%d}"
    assert _skipped(text) == (
        3,
        1,
        _MULTIPLE_ANSWERS.format(weights="33.33333%, 33.33333%, 33.33333%"),
    )
    assert _skipped("Q? {~%50%Польша ~%50%Литва ~%-100%Латвия}") == (
        1,
        1,
        _MULTIPLE_ANSWERS.format(weights="50%, 50%"),
    )


def test_two_equals_answers_are_both_right() -> None:
    read = read_gift("Q? {=a =b ~c}")
    assert read.questions[0].fields["answer"] == ["a", "b"]
    assert not read.notes


def test_two_hundred_percent_answers_are_both_right() -> None:
    assert _one("Q? {~%100%a ~c ~%100%b}")["answer"] == ["a", "b"]


def test_partial_weights_without_a_hundred_percent_answer_leave_no_right_answer() -> None:
    assert _skipped("Q? {~%50%a ~%25%b ~c}") == (
        1,
        5,
        'a choice question without a right answer: mark it with "=" or a weight of 100%',
    )


def test_moodle_export_of_single_and_multiple_answer_questions() -> None:
    # as Moodle writes them: a single-answer question marks each 100 % answer "=", a
    # "multiple answers" one writes every weight, its only right answer "~%100%" too
    read = _read("moodle_export_several_right.txt")
    assert [(q.line, q.column) for q in read.questions] == [(6, 1), (25, 1), (42, 1)]
    neighbour, capital, river = _fields(read)
    assert neighbour == {
        "type": "choice",
        "prompt": "Назовите страну, которая граничит с Беларусью.",
        "title_hint": "Сосед",
        "choices": ["Польша", "Литва", "Франция", "Германия"],
        "answer": ["Польша", "Литва"],
        "explain": "У Беларуси пять соседей.",
        "tags": ["Соседи"],
    }
    assert (capital["choices"], capital["answer"]) == (["Минск", "Брест", "Гродно"], "Минск")
    assert (river["choices"], river["answer"]) == (["Свислочь", "Свіслач", "Днепр"], "Свислочь")
    assert _places(read.skipped) == [
        (16, 1, _MULTIPLE_ANSWERS.format(weights="50%, 50%")),
        (33, 1, _MULTIPLE_ANSWERS.format(weights="33.33333%, 33.33333%, 33.33333%")),
    ]
    assert (42, 1, "partial credit (50%) left out: only a 100% answer is right") in _places(
        read.notes
    )


def test_short_answer_with_weights_and_empty_feedback_as_moodle_writes_it() -> None:
    fields = _one("Q? {\n\t=%100%Paris#\n\t=%100%Париж#\n}")
    assert fields == {"type": "typed", "prompt": "Q?", "answer": "Paris", "accept": ["Париж"]}


def test_a_star_in_a_short_answer_is_moodles_wildcard_unless_written_as_a_star() -> None:
    # Moodle's short answer: "*" matches any characters, "\*" is a star (MDL-31981);
    # GIFT's import leaves "\*" as written and turns "\\" into one backslash
    fields = _one("Code? {=2\\*3 =2\\\\*4 =%0%*#Any other answer}")
    assert fields == {"type": "typed", "prompt": "Code?", "answer": "2*3", "accept": ["2*4"]}
    read = read_gift("Colour? {=colo*r =colour =**}")
    assert read.questions[0].fields["answer"] == "colour"
    assert "accept" not in read.questions[0].fields
    assert _places(read.notes) == [
        (
            1,
            1,
            'answers with Moodle\'s wildcard "*" (any characters) left out, the game has no '
            "wildcards: colo*r, **",
        )
    ]


def test_a_short_answer_with_only_wildcard_answers_is_skipped() -> None:
    assert _skipped("Anything? {=*}") == (
        1,
        12,
        'a short-answer question whose right answers all use Moodle\'s wildcard "*" (any '
        "characters); the game has no wildcards",
    )


def test_an_arrow_with_equals_is_matching_and_without_it_a_short_answer() -> None:
    # qformat_gift::readquestion: "Only Matching contains both = and ->", looked for after
    # the escapes are hidden, so an escaped "\\=" does not count
    assert _skipped("Match {=a -> 1 =b -> 2}") == (
        1,
        1,
        "a matching question; the game has no matching questions",
    )
    assert _one("Reaction? {2H2 + O2 -> 2H2O}")["answer"] == "2H2 + O2 -> 2H2O"
    assert _one("Rule? {x \\= y -> z}")["answer"] == "x = y -> z"


def test_moodle_tags_in_a_questions_comments_join_its_category() -> None:
    # Moodle (3.6 and later) writes a question's tags as "// [tag:...]" in its block and
    # reads them back (qformat_gift::extract_idnumber_and_tags_from_comment)
    read = _read("moodle_export_tags.txt")
    assert [(q.fields["title_hint"], q.fields.get("tags")) for q in read.questions] == [
        ("Pythagoras", ["Geometry", "triangles", "exam 2024", "a]b"]),
        ("Pi", ["Geometry"]),
        ("Untagged", None),
    ]
    # a comment before a blank line is not the question's: Moodle reads blocks
    assert read_gift("// [tag:lost]\n\nQ?{T}").questions[0].fields.get("tags") is None


def test_an_accepted_number_equal_to_the_answer_is_read_once() -> None:
    fields = _one("How cold? {#\n\t=-40\n\t=-40.0\n\t=-39\n\t=-39\n}")
    assert (fields["answer"], fields["accept"]) == ("-40", ["-39"])


@pytest.mark.parametrize(
    ("block", "numbers"),
    [
        ("{#1999}", {"answer": "1999"}),
        ("{#1822:5}", {"answer": "1822", "tolerance": "5"}),
        ("{#1..5}", {"answer": "3", "min": "1", "max": "5"}),
        ("{#-5..-2}", {"answer": "-3.5", "min": "-5", "max": "-2"}),
        ("{#-40}", {"answer": "-40"}),
        ("{#3.14:0.005}", {"answer": "3.14", "tolerance": "0.005"}),
        ("{#1e3}", {"answer": "1000"}),
        ("{#=1822:0 =%50%1821:0}", {"answer": "1822"}),
        ("{#=1822:0 =1823:0}", {"answer": "1822", "accept": ["1823"]}),
        ("{#\n\t=%100%8849:10#\n\t~#Look it up.\n}", {"answer": "8849", "tolerance": "10"}),
    ],
)
def test_numerical_answers(block: str, numbers: dict[str, object]) -> None:
    fields = _one("How many? " + block)
    assert {k: v for k, v in fields.items() if k not in ("type", "prompt")} == numbers
    assert fields["type"] == "number"


def test_other_numbers_with_their_own_tolerance_are_noted() -> None:
    read = read_gift("Q? {#=10:1 =20:2}")
    assert read.questions[0].fields["answer"] == "10"
    assert "accept" not in read.questions[0].fields
    assert [str(n.reason) for n in read.notes] == [
        "other right numbers with their own tolerance or range left out: 20"
    ]


def test_categories_become_the_last_part_of_their_path() -> None:
    text = (
        "$CATEGORY: $course$/top/Default for Algebra 7/Fractions//Decimals\n\nA?{T}\n\n"
        "$CATEGORY: $system$/top\n\nB?{T}\n\n"
        "// question: 0  name: Switch category to Geometry\n$CATEGORY: Geometry\n\nC?{T}\n"
    )
    read = read_gift(text)
    assert [q.fields.get("tags") for q in read.questions] == [
        ["Fractions/Decimals"],
        None,
        ["Geometry"],
    ]


def test_comments_inside_a_question_keep_the_line_numbers() -> None:
    text = "// first\n\nQ? {\n// a comment among the answers\n=a\n~b\n~\n}"
    assert _skipped(text) == (7, 1, "this choice has no text")


def test_missing_word_question_skipped_at_the_text_after_the_block() -> None:
    assert _skipped("\n\nGrant is {~buried =entombed ~living} in Grant's tomb.") == (
        3,
        38,
        'a "missing word" question (text after the answer block); the game asks whole questions',
    )


def test_an_unclosed_answer_block_is_skipped_at_its_brace() -> None:
    read = read_gift("Good? {T}\n\n::Bad:: Who? {\n=a\n~b\n\nNext? {F}")
    assert [q.fields["prompt"] for q in read.questions] == ["Good?", "Next?"]
    assert _places(read.skipped) == [(3, 14, 'the answer block opened here is not closed with "}"')]


def test_a_closing_brace_without_an_opening_one() -> None:
    assert _skipped("  Who? =a ~b}") == (1, 13, '"}" closes an answer block that was never opened')


def test_a_choice_question_without_a_right_answer() -> None:
    assert _skipped("Q?\n{~a ~b}") == (
        2,
        2,
        'a choice question without a right answer: mark it with "=" or a weight of 100%',
    )


def test_seven_choices_skipped_at_the_seventh() -> None:
    assert _skipped("Q? {=1 ~2 ~3 ~4 ~5 ~6\n ~7}") == (
        2,
        2,
        "a choice question with 7 choices; the game shows at most 6",
    )


def test_one_choice_and_a_repeated_choice_are_skipped() -> None:
    assert _skipped("Q? {~%100%only}") == (1, 5, "a choice question needs at least two choices")
    assert _skipped("Q? {=Minsk ~minsk}") == (1, 12, 'the choice "minsk" is listed twice')


def test_a_number_that_is_not_one_is_skipped_at_its_answer() -> None:
    assert _skipped("Year?\n{#\n=18x12:1\n}") == (
        3,
        1,
        '"18x12:1" is not a number as GIFT writes one (digits, a decimal point, "1822:5" '
        'or "1..5")',
    )
    assert _skipped("Range? {#5..1}") == (1, 10, "the range 5..1 starts above its end")


def test_a_short_answer_with_only_partial_credit_has_no_right_answer() -> None:
    assert _skipped("Q? {=%50%half}") == (
        1,
        5,
        "a short-answer question without a right answer",
    )


def test_a_byte_order_mark_left_in_the_text_is_no_text() -> None:
    read = read_gift("\ufeff// Moodle export\nQ?{T}")
    assert [(q.line, q.column, q.fields["prompt"]) for q in read.questions] == [(2, 1, "Q?")]


def test_an_empty_file_and_comments_only_give_nothing() -> None:
    assert read_gift("") == SourceRead(())
    assert read_gift("// only\n// comments\n\n\n") == SourceRead(())


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n{}~=#%:\\.-1T/[]>$*")), max_size=80))
def test_no_input_makes_the_reader_raise(text: str) -> None:
    read = read_gift(text)
    for question in read.questions:
        assert question.line >= 1
        assert question.column >= 1
    for item in read.skipped + read.notes:
        assert item.line >= 1
        assert item.column >= 1
        str(item.reason)


GIFT_MARKS = ["{", "}", "~", "=", "#", "####", "->", "%50%", "%-100%", "::t::", "$CATEGORY: a/b",
              "// [tag:x]", "[html]", "[markdown]", "[moodle]", "<b>", "</p>", "&amp;", "\\",
              "\\n", "#1..5", "#1:2", "T", "FALSE", "*", "1e999", "9" * 5000]  # fmt: skip


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(hostile_texts(GIFT_MARKS))
@example("{" * 100_000)
@example("Q{#" + "9" * 5000 + ":" + "9" * 5000 + "}")
@example("[markdown]" + "*" * 100_000 + "{T}")
def test_a_hostile_file_gives_questions_or_unreadable_and_nothing_else(text: str) -> None:
    assert_read_or_unreadable(text, read_gift)


def test_a_number_too_large_for_the_game_is_skipped_with_the_reason() -> None:
    read = read_gift("Far?{#1e999999999}\n\nLong?{#" + "9" * 5000 + "}\n\nRange?{#1..1e999}")
    assert read.questions == ()
    assert [(one.line, one.column) for one in read.skipped] == [(1, 7), (3, 8), (5, 9)]
    assert str(read.skipped[0].reason) == (
        '"1e999999999" is too large or too small a number for the game: at most 100 digits '
        "either side of the decimal point"
    )


def test_every_digit_of_a_long_number_is_kept() -> None:
    # Decimal's normalize would round to 28 digits, int's text stops at 4300
    assert _one("Q{#12345678901234567890123456789012}")["answer"] == (
        "12345678901234567890123456789012"
    )
    assert _one("Q{#-0.00150}")["answer"] == "-0.0015"
    assert _one("Q{#-0.0}")["answer"] == "0"


# --- [markdown] text ---------------------------------------------------------------------


def test_markdown_text_becomes_plain_text_with_a_note() -> None:
    # as a teacher writes it (the example of "Getting the most from markdown in GIFT"):
    # the answers and the feedback take the question's format
    read = read_gift(
        "::Simple markdown::\n[markdown]If you're standing somewhere on the equator, the "
        "**sun** \nrises in the\\: {=*east*#**Super!** ~*west* ~*north* ~*south*}"
    )
    assert [dict(q.fields) for q in read.questions] == [
        {
            "type": "choice",
            "prompt": "If you're standing somewhere on the equator, the sun rises in the:",
            "title_hint": "Simple markdown",
            "choices": ["east", "west", "north", "south"],
            "answer": "east",
            "explain": "Super!",
        }
    ]
    assert [(n.line, n.column, str(n.reason)) for n in read.notes] == [
        (1, 1, "Markdown formatting was turned into plain text")
    ]


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("Pick *one*\\: the _first_", "Pick one: the first"),
        ("What is **this** and __that__?", "What is this and that?"),
        ("**bold *and emphasis***", "bold and emphasis"),
        ("*x __y__ z*", "x y z"),
        ("Run `rm *.txt` here", "Run rm *.txt here"),
        ('See [the map](https://example.org/map "Map") of Minsk', "See the map of Minsk"),
        ("# Geography\nWhich river?", "Geography\nWhich river?"),
        ("## Часть 1 ##\nКакая река?", "Часть 1\nКакая река?"),
        ("\\*not emphasis\\*", "*not emphasis*"),
    ],
)
def test_the_markdown_subset_read(written: str, plain: str) -> None:
    read = read_gift(f"[markdown]{written}{{T}}")
    assert read.questions[0].fields["prompt"] == plain
    if "\\*" not in written:
        assert [str(n.reason) for n in read.notes] == [
            "Markdown formatting was turned into plain text"
        ]


def test_markdown_that_is_no_formatting_needs_no_note() -> None:
    for written in ("2*3*4 = 24", "snake_case_name", "#1 priority", "a * b", "Plain words."):
        read = read_gift(f"[markdown]{written}{{T}}")
        assert read.questions[0].fields["prompt"] == written
        assert read.notes == ()


def test_a_markdown_picture_is_left_out_with_a_note() -> None:
    read = read_gift("[markdown]Which bird is this? ![a stork](stork.png){=stork}")
    assert read.questions[0].fields["prompt"] == "Which bird is this?"
    assert [str(n.reason) for n in read.notes] == ["a picture in the text was left out"]


def test_a_short_answer_is_compared_as_typed_even_in_markdown() -> None:
    # Moodle never formats a short answer's text: its "*" is the wildcard
    read = read_gift("[markdown]Name the *capital*{=Minsk =*insk}")
    assert dict(read.questions[0].fields) == {
        "type": "typed",
        "prompt": "Name the capital",
        "answer": "Minsk",
    }


def test_moodle_auto_format_shows_stars_as_typed() -> None:
    # Moodle's auto-format makes links of addresses and shows HTML; "**" is shown as typed
    read = read_gift("[moodle]What is **this**?{=a ~b}")
    assert read.questions[0].fields["prompt"] == "What is **this**?"
    assert read.notes == ()
