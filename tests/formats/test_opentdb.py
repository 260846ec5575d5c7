"""Open Trivia DB downloads become pack questions, in each of the API's encodings, each
question placed at its result in the JSON; a failed download or broken JSON is refused
where it is wrong."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from pydantic import TypeAdapter

from clarity.core.packs.models import Question
from clarity.formats.opentdb import read_opentdb
from clarity.formats.source import SourceRead, SourceUnreadable
from clarity.formats.text_decoding import decode_text

from .hostile_text import assert_read_or_unreadable, hostile_texts

FILES = Path(__file__).parent / "text_files"
QUESTION = TypeAdapter(Question)

# What the four results of every download below hold, once decoded.
EXPECTED = [
    {
        "type": "choice",
        "prompt": 'In J. R. R. Tolkien\'s "The Hobbit", what is the name of the dragon?',
        "choices": ["Smaug", "Glaurung", "Ancalagon", "Scatha"],
        "answer": "Smaug",
        "difficulty": "medium",
        "tags": ["Entertainment: Books"],
    },
    {
        "type": "truefalse",
        "prompt": 'The chemical symbol for gold is "Au".',
        "answer": True,
        "difficulty": "easy",
        "tags": ["Science & Nature"],
    },
    {
        "type": "choice",
        "prompt": 'Who composed "Boléro", first danced in 1928?',
        "choices": ["Maurice Ravel", "Claude Debussy", "Erik Satie", "Gabriel Fauré"],
        "answer": "Maurice Ravel",
        "difficulty": "hard",
        "tags": ["Entertainment: Music"],
    },
    {
        "type": "truefalse",
        "prompt": "Minsk & Brest are both cities in Belarus; 1/2 of them is its capital.",
        "answer": False,
        "difficulty": "medium",
        "tags": ["Geography"],
    },
]


def text_of(name: str) -> str:
    return decode_text((FILES / name).read_bytes())


def result_columns(text: str) -> list[int]:
    """The 1-based column of each result's opening brace in a one-line download."""
    return [
        i + 1
        for i in range(len(text))
        if text.startswith('{"type"', i) or text.startswith('{"type":', i)
    ]


@pytest.mark.parametrize(
    "name",
    [
        "opentdb_default.json",
        "opentdb_url3986.json",
        "opentdb_urllegacy.json",
        "opentdb_base64.json",
    ],
)
def test_each_encoding_of_the_api_is_found_and_decoded(name: str) -> None:
    text = text_of(name)
    read = read_opentdb(text)
    assert [dict(q.fields) for q in read.questions] == EXPECTED
    assert read.skipped == ()
    assert [q.line for q in read.questions] == [1, 1, 1, 1]
    assert [q.column for q in read.questions] == result_columns(text)
    for question in read.questions:
        QUESTION.validate_python(question.fields)


def test_the_downloads_are_written_as_the_api_writes_them() -> None:
    default = text_of("opentdb_default.json")
    assert "&quot;" in default
    assert "&#039;" in default
    assert "&eacute;" in default
    assert "&amp;" in default
    assert "1\\/2" in default  # PHP's json_encode escapes the slash
    assert "%20" in text_of("opentdb_url3986.json")
    assert "+" in text_of("opentdb_urllegacy.json")
    encoded = json.loads(text_of("opentdb_base64.json"))["results"][0]
    assert base64.b64decode(encoded["type"]) == b"multiple"
    assert base64.b64decode(encoded["difficulty"]) == b"medium"


def test_a_pretty_printed_download_places_each_result_at_its_brace() -> None:
    text = text_of("opentdb_default_pretty.json")
    read = read_opentdb(text)
    assert [dict(q.fields) for q in read.questions] == EXPECTED
    lines = text.splitlines()
    braces = [(n, line.index("{") + 1) for n, line in enumerate(lines, 1) if line.strip() == "{"]
    assert braces[0] == (1, 1)  # the response itself
    assert [(q.line, q.column) for q in read.questions] == braces[1:]
    assert braces[1:] == [(4, 9), (16, 9), (26, 9), (38, 9)]


def test_a_bare_list_of_results() -> None:
    results = json.loads(text_of("opentdb_default.json"))["results"]
    text = "[\r\n" + ",\r\n".join("  " + json.dumps(one) for one in results) + "\r\n]"
    read = read_opentdb(text)
    assert [dict(q.fields) for q in read.questions] == EXPECTED
    assert [(q.line, q.column) for q in read.questions] == [(2, 3), (3, 3), (4, 3), (5, 3)]


def test_entities_of_every_kind_are_decoded() -> None:
    result = {
        "type": "multiple",
        "difficulty": "easy",
        "category": "Entertainment: Japanese Anime &amp; Manga",
        "question": "Which is &lt;b&gt;not&lt;&#x2F;b&gt; a Pok&eacute;mon&#8482;?",
        "correct_answer": "Ni&ntilde;o",
        "incorrect_answers": ["Pikachu", "&Uuml;ber", "D&eacute;j&agrave; vu"],
    }
    (question,) = read_opentdb(json.dumps([result])).questions
    assert question.fields["prompt"] == "Which is <b>not</b> a Pokémon™?"
    assert question.fields["choices"] == ["Niño", "Pikachu", "Über", "Déjà vu"]
    assert question.fields["tags"] == ["Entertainment: Japanese Anime & Manga"]


@pytest.mark.parametrize(
    ("code", "meaning"),
    [
        (1, "it has fewer questions than were asked for; ask for fewer, or for another category"),
        (2, "the request had a parameter it does not know"),
        (3, "the session token does not exist"),
        (4, "the session token has had every question there is; reset the token"),
        (5, "too many requests; wait five seconds and ask again"),
    ],
)
def test_a_failed_download_is_refused_with_its_response_code(code: int, meaning: str) -> None:
    text = '{"response_code":' + str(code) + ',"results":[]}'
    with pytest.raises(SourceUnreadable) as raised:
        read_opentdb(text)
    assert (raised.value.line, raised.value.column) == (1, 18)
    assert str(raised.value.reason) == (
        f"Open Trivia DB sent no questions (response_code {code}): {meaning}"
    )


def test_the_saved_no_results_file_is_refused() -> None:
    with pytest.raises(SourceUnreadable) as raised:
        read_opentdb(text_of("opentdb_no_results.json"))
    assert "response_code 1" in str(raised.value.reason)
    text = '{\n  "results": [],\n  "response_code": 99\n}'
    with pytest.raises(SourceUnreadable) as raised:
        read_opentdb(text)
    assert (raised.value.line, raised.value.column) == (3, 20)
    assert str(raised.value.reason) == "Open Trivia DB sent no questions (response_code 99)"


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ("", 1, 1, "this is not JSON here: Expecting value"),
        (
            '{"response_code":0,\r\n"results":[{"type":"boolean"},\r\n]}',
            3,
            1,
            "this is not JSON here: Expecting value",
        ),
        (
            '{"response_code":0\n "results":[]}',
            2,
            2,
            "this is not JSON here: Expecting ',' delimiter",
        ),
        (
            '{"response_code":0}',
            1,
            1,
            'this JSON is not an Open Trivia DB download: it has no "results" list',
        ),
        (
            '{"response_code":0,\n "results": {"0": 1}}',
            2,
            13,
            'this JSON is not an Open Trivia DB download: it has no "results" list',
        ),
        ('"Smaug"', 1, 1, 'this JSON is not an Open Trivia DB download: it has no "results" list'),
    ],
)
def test_broken_json_is_refused_where_it_breaks(
    text: str, line: int, column: int, reason: str
) -> None:
    with pytest.raises(SourceUnreadable) as raised:
        read_opentdb(text)
    assert (raised.value.line, raised.value.column, str(raised.value.reason)) == (
        line,
        column,
        reason,
    )


def skipped_of(results: list[object]) -> list[tuple[int, int, str]]:
    text = "[\n" + ",\n".join(json.dumps(one) for one in results) + "\n]"
    read = read_opentdb(text)
    assert read.questions == ()
    return [(one.line, one.column, str(one.reason)) for one in read.skipped]


def test_results_the_game_cannot_hold_are_skipped_at_their_line() -> None:
    good = {
        "type": "multiple",
        "question": "Q?",
        "correct_answer": "a",
        "incorrect_answers": ["b", "c", "d"],
    }
    assert skipped_of(
        [
            {**good, "type": "matching"},
            {**good, "correct_answer": "b"},
            {**good, "incorrect_answers": ["b", "c", "d", "e", "f", "g"]},
            {**good, "incorrect_answers": []},
            {**good, "question": 42},
            {key: value for key, value in good.items() if key != "question"},
            {key: value for key, value in good.items() if key != "incorrect_answers"},
            {**good, "question": " "},
            {**good, "correct_answer": "a" * 201},
            {"type": "boolean", "question": "Q?", "correct_answer": "Yes"},
            "not a result",
        ]
    ) == [
        (2, 1, 'the question type "matching" is not one the game has (multiple or boolean)'),
        (3, 1, 'the answer "b" is given twice; each choice of a question must be different'),
        (4, 1, "a choice question has at most 6 choices; this one has 7"),
        (5, 1, "a choice question needs at least 2 choices; this one has 1"),
        (6, 1, '"question" is not text'),
        (7, 1, 'this question has no "question"'),
        (8, 1, 'this question has no "incorrect_answers" list'),
        (9, 1, '"question" is empty'),
        (10, 1, "the answer is 201 characters long; an answer has at most 200"),
        (11, 1, 'the answer "Yes" of a true/false question is neither True nor False'),
        (12, 1, "this result is not an object with a question in it"),
    ]


def test_a_string_that_does_not_decode_in_the_files_encoding_skips_its_result() -> None:
    good = base64.b64encode(b"Capital of Belarus?").decode()
    results = [
        {
            "type": "Ym9vbGVhbg==",
            "question": good,
            "correct_answer": "VHJ1ZQ==",
            "incorrect_answers": ["RmFsc2U="],
        },
        {
            "type": "Ym9vbGVhbg==",
            "question": "not base64!",
            "correct_answer": "VHJ1ZQ==",
            "incorrect_answers": ["RmFsc2U="],
        },
    ]
    text = json.dumps({"response_code": 0, "results": results}, indent=1)
    read = read_opentdb(text)
    second = [n for n, line in enumerate(text.splitlines(), 1) if line == "  {"][1]
    assert second == 12
    assert [dict(q.fields) for q in read.questions] == [
        {"type": "truefalse", "prompt": "Capital of Belarus?", "answer": True}
    ]
    assert [(one.line, one.column, str(one.reason)) for one in read.skipped] == [
        (
            second,
            3,
            '"question" cannot be read as base64 text, the encoding of the rest of the file',
        )
    ]


def test_an_unknown_difficulty_or_empty_category_is_left_out() -> None:
    result = {
        "type": "boolean",
        "difficulty": "extreme",
        "category": "",
        "question": "Q?",
        "correct_answer": "false",
        "incorrect_answers": ["true"],
    }
    (question,) = read_opentdb(json.dumps([result])).questions
    assert dict(question.fields) == {"type": "truefalse", "prompt": "Q?", "answer": False}


def test_an_empty_download_has_no_questions() -> None:
    assert read_opentdb('{"response_code":0,"results":[]}') == SourceRead(questions=())
    assert read_opentdb("[ ]") == SourceRead(questions=())


def test_default_encoding_with_no_spaces_is_not_taken_for_a_url_encoding() -> None:
    # every string here is made of URL-safe characters, but none is percent-encoded
    result = {
        "type": "boolean",
        "question": "Minsk?",
        "correct_answer": "True",
        "incorrect_answers": ["False"],
    }
    (question,) = read_opentdb(json.dumps([result])).questions
    assert question.fields["prompt"] == "Minsk?"
    result["question"] = "100%25"
    (question,) = read_opentdb(json.dumps([result])).questions
    assert question.fields["prompt"] == "100%"


# --- hostile files: only a SourceRead or a SourceUnreadable comes back ---------------------

DEEP = 100_000  # far past Python's recursion limit, which json.loads's parser hits


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("[" * DEEP + "]" * DEEP, 1, 101),
        ("[" * DEEP, 1, 101),
        ('{"a":' * DEEP + "1" + "}" * DEEP, 1, 501),
        ('{"a":' * DEEP, 1, 501),
        ('{"response_code":0,"results":\n' + "[" * DEEP + "]" * DEEP + "}", 2, 100),
    ],
    ids=["closed", "unclosed", "objects closed", "objects unclosed", "inside a download"],
)
def test_json_nested_too_deeply_is_unreadable_at_the_bracket_too_many(
    text: str, line: int, column: int
) -> None:
    with pytest.raises(SourceUnreadable) as raised:
        read_opentdb(text)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert str(raised.value.reason) == (
        "the JSON is nested too deeply here: more than 100 brackets inside one another "
        "(an Open Trivia DB download nests 4)"
    )


def test_brackets_inside_strings_are_no_nesting() -> None:
    result = {
        "type": "boolean",
        "question": "[" * 500 + '\\"{' * 500,
        "correct_answer": "True",
        "incorrect_answers": ["False"],
    }
    (question,) = read_opentdb(json.dumps({"response_code": 0, "results": [result]})).questions
    assert question.fields["prompt"] == "[" * 500 + '\\"{' * 500


def test_a_number_too_long_for_python_is_still_json() -> None:
    # json.loads refuses an integer of 4300 digits and more with a bare ValueError
    with pytest.raises(SourceUnreadable) as raised:
        read_opentdb('{"response_code": ' + "1" * 5000 + ', "results": []}')
    assert (raised.value.line, raised.value.column) == (1, 19)
    assert str(raised.value.reason) == "Open Trivia DB sent no questions (response_code Infinity)"
    download = '{"response_code": 0, "results": [' + "9" * 5000 + "]}"
    read = read_opentdb(download)
    assert read.questions == ()
    assert [str(one.reason) for one in read.skipped] == [
        "this result is not an object with a question in it"
    ]


def test_a_lone_surrogate_escape_is_skipped_not_taken() -> None:
    # JSON's \ud800 decodes to half a character, which no file can be written with
    download = (
        '[{"type":"boolean","question":"Half \\ud800?","correct_answer":"True"},'
        '{"type":"boolean","question":"Whole \\ud83d\\ude00?","correct_answer":"True"}]'
    )
    read = read_opentdb(download)
    assert [q.fields["prompt"] for q in read.questions] == ["Whole \U0001f600?"]
    assert [(one.line, one.column, str(one.reason)) for one in read.skipped] == [
        (
            1,
            2,
            '"question" holds \\ud800, half of a character (a JSON escape with no other '
            "half), which is no text",
        )
    ]


JSON_MARKS = [
    '{"response_code":0,"results":[',
    '{"type":"multiple","question":"',
    '{"type":"boolean","question":"Q","correct_answer":"True"}',
    '"correct_answer":',
    '"incorrect_answers":[',
    "\\ud800",
    "\\u00e9",
    "&amp;",
    "%2",
    "1" * 5000,
    "1e999",
    "NaN",
    '"',
    ",",
    ":",
    "]",
    "}",
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)
@given(hostile_texts(JSON_MARKS))
@example("[" * DEEP)
@example('{"a":' * DEEP)
@example('{"response_code":0,"results":[' + "[" * DEEP + "]" * DEEP + "]}")
def test_a_hostile_file_gives_questions_or_unreadable_and_nothing_else(text: str) -> None:
    assert_read_or_unreadable(text, read_opentdb)
