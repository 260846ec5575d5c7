"""Slips a tester made writing YAML as a teacher would: each is said in a teacher's words at
its file:line:col, with the line written so that YAML reads what was meant; and what is
not a slip (a note after a number, a list of abbreviations) is left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clarity.core.packs import plain_yaml
from clarity.core.packs.report import Report

from .test_loader import Problems, replace

PROMPT = "    prompt: Say no.\n"  # line 22 of VALID
ANSWER = "    answer: No\n"  # line 23
CHOICES = "    choices: [Minsk, Moscow]\n"  # line 14
ACCEPT = "    accept: [union state]\n"  # line 8


def cannot_read(where: str, words: str) -> list[str]:
    return [f"pack.yaml:{where}: the YAML cannot be read: {words}"]


# --- " #" inside a [...] list ----------------------------------------------------------------

FLOW_COMMENT = (
    'YAML reads " #" and the rest of the line as a comment, so the list that opens with "[" '
    'is never closed; put the items that hold " #" in quotes: '
)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            CHOICES,
            "    choices: [Track #1, Track #2]\n",
            cannot_read("14:21", FLOW_COMMENT + 'choices: ["Track #1", "Track #2"]'),
        ),
        (
            ACCEPT,
            "    accept: [union state #1, the union]\n",
            cannot_read("8:26", FLOW_COMMENT + 'accept: ["union state #1", the union]'),
        ),
        (  # no "]" after the comment: the list is not closed at all
            ACCEPT,
            "    accept: [union state # note\n",
            cannot_read(
                "8:13", 'the list that opens with "[" here is never closed with "]" on its line'
            ),
        ),
        (CHOICES, "    choices: [Minsk, Moscow] # two\n", []),
    ],
)
def test_comment_inside_a_list_is_named_with_the_items_quoted(
    problems: Problems, old: str, new: str, said: list[str]
) -> None:
    assert problems(replace(old, new)) == said


# --- a note after a number -------------------------------------------------------------------

NUMBER_QUESTION = """\
  - id: q3
    type: number
    prompt: How many?
    answer: 42 # the answer
    min: 40 # lower
    max: 45 # upper
  - id: q4
    type: number
    prompt: How many more?
    answer: 1000 # a thousand
    tolerance: 2 # either way
    accept:
      - 1001 # close enough
"""


def number_pack() -> str:
    return replace(
        "  - id: q3\n    type: typed\n    prompt: Say no.\n    answer: No\n", NUMBER_QUESTION
    )


def test_note_after_a_number_question_number_gets_no_warning(problems: Problems) -> None:
    assert problems(number_pack()) == []


def test_note_after_a_number_question_prompt_is_still_warned(problems: Problems) -> None:
    text = replace("    prompt: How many?\n", "    prompt: How many #1 hits?\n", number_pack())
    assert problems(text) == [
        'pack.yaml:22:22: warning: questions[2].prompt: YAML reads "#1 hits?" as a comment '
        '(" #" starts one), so the game shows only "How many"; if it belongs to the text, put '
        'the whole text in quotes: prompt: "How many #1 hits?"'
    ]


def test_note_after_a_typed_answer_is_still_warned(problems: Problems) -> None:
    (line,) = problems(replace(ANSWER, "    answer: 42 # the answer\n"))
    assert line.startswith("pack.yaml:23:16: warning: questions[2].answer: YAML reads")


# --- names cut at a comma, in any language ---------------------------------------------------


def split(column: int, index: int, whole: str) -> str:
    name, ending = whole.split(", ", 1)
    return (
        f"pack.yaml:14:{column}: warning: questions[0].choices[{index}]: the comma splits "
        f'"{whole}" into the items "{name}" and "{ending}", since commas separate the items '
        f'of a [...] list; if it is one item, put it in quotes: "{whole}"'
    )


@pytest.mark.parametrize(
    ("choices", "first", "warned"),
    [
        (
            "[Толстой, Л. Н., Чехов, А. П.]",
            "Толстой",
            [split(15, 0, "Толстой, Л. Н."), split(31, 2, "Чехов, А. П.")],
        ),
        (
            "[Goethe, J. W., Schiller, F.]",
            "Goethe",
            [split(15, 0, "Goethe, J. W."), split(30, 2, "Schiller, F.")],
        ),
        (
            "[Toronto, Ont., Boston, Mass.]",
            "Toronto",
            [split(15, 0, "Toronto, Ont."), split(30, 2, "Boston, Mass.")],
        ),
        (
            "[Victoria, B.C., Toronto, Ont.]",
            "Victoria",
            [split(15, 0, "Victoria, B.C."), split(31, 2, "Toronto, Ont.")],
        ),
        ("[Smith, J., R.]", "Smith", [split(15, 0, "Smith, J.")]),
        # every item an abbreviation: nothing to end
        ("[Dr., Mr., Mrs.]", "Dr.", []),
        ("[France, U.K., Spain]", "France", []),  # initials that name a country
        ("[apples, pears, etc.]", "apples", []),
        ("[Moscow, Minsk, St. Petersburg]", "Moscow", []),
        # "DC" without dots is written like a symbol or a code ([Fe, Co, Ni], [US, DE]):
        # no rule tells it from those without false alarms, so it stays silent.
        ("[Washington, DC, Paris]", "Washington", []),
    ],
)
def test_name_cut_before_its_initials_or_abbreviation_is_warned(
    problems: Problems, choices: str, first: str, warned: list[str]
) -> None:
    text = replace(CHOICES, f"    choices: {choices}\n")
    text = replace("    answer: Minsk\n", f"    answer: '{first}'\n", text)
    assert problems(text) == warned


# --- quotes ----------------------------------------------------------------------------------

SINGLE_EARLY = (
    "the ' inside the text ends the text in single quotes early; inside single quotes write "
    "' twice (''), or put the text in double quotes: "
)
DOUBLE_EARLY = (
    'the " inside the text ends the text in double quotes early; put the text in single '
    "quotes instead: "
)


@pytest.mark.parametrize(
    ("new", "said"),
    [
        (
            "    prompt: 'What's the capital?'\n",
            ("22:19", SINGLE_EARLY + 'prompt: "What\'s the capital?"'),
        ),
        (
            "    prompt: 'Say \"it's\" here'\n",
            ("22:22", SINGLE_EARLY + "prompt: 'Say \"it''s\" here'"),
        ),
        (
            '    prompt: "He said "hi" to me"\n',
            ("22:23", DOUBLE_EARLY + "prompt: 'He said \"hi\" to me'"),
        ),
        (
            '    prompt: "He said "it\'s" ok"\n',
            ("22:23", DOUBLE_EARLY + 'prompt: "He said \\"it\'s\\" ok"'),
        ),
        (
            '    prompt: "Capital" of Norway?\n',
            (
                "22:23",
                "text follows the closing quote; put the whole value inside the quotes: "
                "prompt: '\"Capital\" of Norway?'",
            ),
        ),
    ],
)
def test_quote_inside_quotes_says_how_to_write_it(
    problems: Problems, new: str, said: tuple[str, str]
) -> None:
    assert problems(replace(PROMPT, new)) == cannot_read(*said)


# --- "[" or "{" at the start of a text -------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            PROMPT,
            "    prompt: [Bonus] What is the capital?\n",
            (
                "22:21",
                'a value that starts with "[" is read as a list, so the text after its "]" '
                'cannot follow; put the whole text in quotes: prompt: "[Bonus] What is the '
                'capital?"',
            ),
        ),
        (
            PROMPT,
            "    prompt: {x} is a set; what is x?\n",
            (
                "22:17",
                'a value that starts with "{" is read as a group of fields, so the text after '
                'its "}" cannot follow; put the whole text in quotes: prompt: "{x} is a set; '
                'what is x?"',
            ),
        ),
        (
            ACCEPT,
            "    accept: [union state] or the union\n",
            (
                "8:27",
                'a value that starts with "[" is read as a list, so the text after its "]" '
                'cannot follow; put the whole text in quotes: accept: "[union state] or the '
                'union"',
            ),
        ),
    ],
)
def test_bracket_at_the_start_of_a_text_says_to_quote_it(
    problems: Problems, old: str, new: str, said: tuple[str, str]
) -> None:
    assert problems(replace(old, new)) == cannot_read(*said)


# --- backslashes in double quotes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("new", "said"),
    [
        (
            '    prompt: "Where is C:\\Users\\Anna?"\n',
            (
                "22:27",
                '"\\" inside double quotes starts an escape ("\\n" is a line break, "\\t" a tab) '
                'and "\\U" is not one; to write a backslash, put the text in single quotes (or '
                "write \"/\"): prompt: 'Where is C:\\Users\\Anna?'",
            ),
        ),
        (
            '    prompt: "Is C:\\Data\\Q the folder?"\n',
            (
                "22:19",
                '"\\" inside double quotes starts an escape ("\\n" is a line break, "\\t" a tab) '
                'and "\\D" is not one; to write a backslash, put the text in single quotes (or '
                "write \"/\"): prompt: 'Is C:\\Data\\Q the folder?'",
            ),
        ),
    ],
)
def test_backslash_that_starts_no_escape_says_to_use_single_quotes(
    problems: Problems, new: str, said: tuple[str, str]
) -> None:
    assert problems(replace(PROMPT, new)) == cannot_read(*said)


def escape_warning(where: str, field: str, read: str, fix: str) -> str:
    return (
        f"pack.yaml:{where}: warning: {field}: inside double quotes YAML reads {read}, so the "
        f"game shows {'those' if ' and ' in read else 'that'} and no backslash; if you meant "
        f"the backslashes (a Windows path), put the text in single quotes: {fix}"
    )


@pytest.mark.parametrize(
    ("old", "new", "warned"),
    [
        (
            PROMPT,
            '    prompt: "Open C:\\new\\table.txt"\n',
            escape_warning(
                "22:21",
                "questions[2].prompt",
                '"\\n" as a line break and "\\t" as a tab',
                "prompt: 'Open C:\\new\\table.txt'",
            ),
        ),
        (
            PROMPT,
            '    prompt: "Where is C:\\Program Files?"\n',
            escape_warning(
                "22:25",
                "questions[2].prompt",
                '"\\P" as a paragraph break',
                "prompt: 'Where is C:\\Program Files?'",
            ),
        ),
        (
            ACCEPT,
            '    accept: ["union\\tstate"]\n',
            escape_warning("8:20", "rounds[0].accept[0]", '"\\t" as a tab', "'union\\tstate'"),
        ),
    ],
)
def test_escape_written_in_double_quotes_is_warned_with_the_single_quoted_text(
    problems: Problems, old: str, new: str, warned: str
) -> None:
    assert problems(replace(old, new)) == [warned]


def test_escapes_written_on_purpose_get_no_warning(problems: Problems) -> None:
    text = replace(PROMPT, '    prompt: "Say \\"no\\" in C:\\\\temp or \\x41"\n')
    assert problems(text) == []


# --- "- " and "? " at the start of a value ---------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            ANSWER,
            "    answer: - 40\n",
            (
                "23:13",
                'a value cannot start with "- " (YAML reads it as a list item); put the whole '
                'text in quotes: answer: "- 40"',
            ),
        ),
        (
            PROMPT,
            "    prompt: - is a minus sign\n",
            (
                "22:13",
                'a value cannot start with "- " (YAML reads it as a list item); put the whole '
                'text in quotes: prompt: "- is a minus sign"',
            ),
        ),
        (
            PROMPT,
            "    prompt: ? is a question mark\n",
            (
                "22:13",
                'a value cannot start with "? " (YAML reads it as a field name to come); put '
                'the whole text in quotes: prompt: "? is a question mark"',
            ),
        ),
        (
            ANSWER,
            "    answer: ? maybe\n",
            (
                "23:13",
                'a value cannot start with "? " (YAML reads it as a field name to come); put '
                'the whole text in quotes: answer: "? maybe"',
            ),
        ),
    ],
)
def test_dash_or_question_mark_at_the_start_of_a_text_says_to_quote_it(
    problems: Problems, old: str, new: str, said: tuple[str, str]
) -> None:
    assert problems(replace(old, new)) == cannot_read(*said)


# --- indenting with non-breaking spaces ------------------------------------------------------

NBSP_INDENT = (
    "this line is indented with non-breaking spaces (U+00A0, as pasted from a web page or a "
    "word processor), which YAML does not read as spaces; indent it with ordinary spaces"
)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (PROMPT, "\u00a0\u00a0\u00a0\u00a0prompt: Say no.\n", "22:1"),
        ("  - id: q3\n", "\u00a0\u00a0- id: q3\n", "20:1"),
        ("    type: typed\n", "  \u00a0\u00a0type: typed\n", "21:3"),
    ],
)
def test_line_indented_with_non_breaking_spaces_is_named(
    problems: Problems, old: str, new: str, where: str
) -> None:
    assert problems(replace(old, new)) == cannot_read(where, NBSP_INDENT)


def test_top_level_field_indented_with_non_breaking_spaces_is_named(problems: Problems) -> None:
    """At the top YAML reads such a line as a field whose name starts with the spaces."""
    text = replace("description: A map quiz.\n", "\u00a0\u00a0description: A map quiz.\n")
    assert problems(text) == cannot_read("4:1", NBSP_INDENT)


# --- the dash and the colon ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "  - id: q3\n",
            "  -id: q3\n",
            (
                "20:3",
                'a list item starts with "- " (a dash and a space); without the space YAML '
                'reads "-id" as a field name: - id: q3',
            ),
        ),
        (
            "  - id: q3\n    type: typed\n",
            "  -type: typed\n",
            (
                "20:3",
                'a list item starts with "- " (a dash and a space); without the space YAML '
                'reads "-type" as a field name: - type: typed',
            ),
        ),
        (
            PROMPT,
            "    prompt:Hello there\n",
            (
                "22:11",
                'this line has ":" right after "prompt" with no space; a field needs ": " (a '
                "colon and a space): prompt: Hello there",
            ),
        ),
        (
            ANSWER,
            "    answer:#1\n",
            (
                "23:11",
                'this line has ":" right after "answer" with no space; a field needs ": " (a '
                'colon and a space): answer: "#1"',
            ),
        ),
        (
            PROMPT,
            "    prompt\uff1a首都は？\n",
            (
                "22:11",
                'this line uses the full-width colon "\uff1a" (U+FF1A); a field needs the '
                'ordinary ":" and a space: prompt: 首都は？',
            ),
        ),
        (
            ANSWER,
            "    answer\uff1a No\n",
            (
                "23:11",
                'this line uses the full-width colon "\uff1a" (U+FF1A); a field needs the '
                'ordinary ":" and a space: answer: No',
            ),
        ),
    ],
)
def test_dash_or_colon_written_almost_right_is_named(
    problems: Problems, old: str, new: str, said: tuple[str, str]
) -> None:
    assert problems(replace(old, new)) == cannot_read(*said)


# --- "|", ">" and "!" at the start of a text -------------------------------------------------


def block_start(indicator: str, fix: str) -> str:
    return (
        f'a value that starts with "{indicator}" is a block of text on the lines below '
        '(YAML\'s "|" and ">"), so the text after it on this line cannot be read; to show the '
        f"text as written, put it in quotes: {fix}"
    )


@pytest.mark.parametrize(
    ("new", "said"),
    [
        (
            "    prompt: |x| means absolute value of?\n",
            ("22:14", block_start("|", 'prompt: "|x| means absolute value of?"')),
        ),
        ("    prompt: > 5 or < 5?\n", ("22:15", block_start(">", 'prompt: "> 5 or < 5?"'))),
        ("    prompt: >5 is more?\n", ("22:16", block_start(">", 'prompt: ">5 is more?"'))),
    ],
)
def test_text_starting_with_a_bar_or_a_bracket_says_to_quote_it(
    problems: Problems, new: str, said: tuple[str, str]
) -> None:
    assert problems(replace(PROMPT, new)) == cannot_read(*said)


def test_a_real_block_of_text_still_reads(problems: Problems) -> None:
    assert problems(replace(PROMPT, "    prompt: |\n      Say no.\n")) == []


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            PROMPT,
            "    prompt: !important means?\n",
            'pack.yaml:22:13: questions[2].prompt: a value cannot start with "!" (YAML reads '
            '"!important" as a tag); put the whole text in quotes: prompt: "!important means?"',
        ),
        (
            ANSWER,
            "    answer: !yes\n",
            'pack.yaml:23:13: questions[2].answer: a value cannot start with "!" (YAML reads '
            '"!yes" as a tag); put the whole text in quotes: answer: "!yes"',
        ),
        (  # YAML's own types are tags written on purpose
            PROMPT,
            "    prompt: !!int 5\n",
            'pack.yaml:22:13: questions[2].prompt: tags such as "!!int" are not allowed in a '
            "pack; write a plain value",
        ),
    ],
)
def test_exclamation_mark_at_the_start_of_a_text_says_to_quote_it(
    problems: Problems, old: str, new: str, said: str
) -> None:
    assert problems(replace(old, new)) == [said]


def test_every_fix_shown_reads_back_as_the_text_meant() -> None:
    """The lines the messages offer are YAML that reads as the teacher meant."""
    fixes = {
        'choices: ["Track #1", "Track #2"]': ["Track #1", "Track #2"],
        'prompt: "What\'s the capital?"': "What's the capital?",
        "prompt: 'Say \"it''s\" here'": 'Say "it\'s" here',
        "prompt: 'He said \"hi\" to me'": 'He said "hi" to me',
        'prompt: "He said \\"it\'s\\" ok"': 'He said "it\'s" ok',
        "prompt: '\"Capital\" of Norway?'": '"Capital" of Norway?',
        'prompt: "[Bonus] What is the capital?"': "[Bonus] What is the capital?",
        "prompt: 'Where is C:\\Users\\Anna?'": "Where is C:\\Users\\Anna?",
        "prompt: 'Open C:\\new\\table.txt'": "Open C:\\new\\table.txt",
        'answer: "- 40"': "- 40",
        'prompt: "? is a question mark"': "? is a question mark",
        'answer: "#1"': "#1",
        'prompt: "|x| means absolute value of?"': "|x| means absolute value of?",
        'prompt: "> 5 or < 5?"': "> 5 or < 5?",
        'prompt: "!important means?"': "!important means?",
    }
    for line, meant in fixes.items():
        assert next(iter(yaml.safe_load(line).values())) == meant, line


@pytest.mark.parametrize(
    "text",
    [
        "a: [Track #1, Track #2]\nb: 1\n",
        "a: 'What's up?'\n",
        'a: "He said "hi" to me"\n',
        "a: [Bonus] What?\n",
        'a: "C:\\Users\\Anna"\n',
        "a: - 40\n",
        "a: ? why\n",
        "b: 1\n\u00a0\u00a0a: 2\nc: 3\n",
        "q:\n  -type: typed\n    a: x\n",
        "a:Hello there\nb: 1\n",
        "a\uff1a Hello\nb: 1\n",
        "a: |x| means?\n",
        "a: > 5 or < 5?\n",
    ],
)
def test_the_pure_python_parser_gets_the_same_words_for_each_slip(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """PyYAML without libyaml words its errors differently; the teacher reads the same."""
    said = set()
    for loader in ("CSafeLoader", "SafeLoader"):
        monkeypatch.setattr(plain_yaml, "_loader_class", lambda name=loader: getattr(yaml, name))
        report = Report(Path("p.yaml"))
        plain_yaml.compose(text, report)
        said.add(str(report.problems()[0]))
    assert len(said) == 1, said
