"""YAML as a teacher means it: what plain YAML would read differently from what the teacher
wrote is kept as written, or warned about with the quoting that fixes it; libyaml's own
messages come in a teacher's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from clarity.core.packs.loader import load_pack
from clarity.core.packs.models import ChoiceQuestion, TypedQuestion
from clarity.core.packs.plain_yaml import compose
from clarity.core.packs.report import Report

from ..image_bytes import png_bytes
from .test_loader import VALID, Problems, lines, load_text, replace

# The case "16-yaml-silent-truncation" (pack.yaml) as a teacher wrote it: a prompt with
# " #" in it, "Washington, D.C." and "1,000" in flow lists.
SILENT = """\
clarity: 1
id: silent
title: Test silent
description: A test pack.
rounds:
  - image: union_state/map.png
    answer: Picture
    grid: 1x3
questions:
  - id: beatles
    type: choice
    prompt: Which was the Beatles' first US #1 single?
    choices: [I Want to Hold Your Hand, Love Me Do, Help!]
    answer: I Want to Hold Your Hand
  - id: capital-usa
    type: choice
    prompt: What is the capital of the United States?
    choices: [Washington, D.C., New York, Philadelphia]
    answer: Washington, D.C.
  - id: smallest
    type: choice
    prompt: Which of these numbers is the smallest?
    choices: [10, 1,000, 100]
    answer: "10"
"""

BEATLES_WARNING = (
    'pack.yaml:12:45: warning: questions[0].prompt: YAML reads "#1 single?" as a comment '
    '(" #" starts one), so the game shows only "Which was the Beatles\' first US"; if it '
    "belongs to the text, put the whole text in quotes: "
    'prompt: "Which was the Beatles\' first US #1 single?"'
)


def split_warning(where: str, field: str, whole: str, parts: str) -> str:
    return (
        f'pack.yaml:{where}: warning: {field}: the comma splits "{whole}" into the items '
        f"{parts}, since commas separate the items of a [...] list; if it is one item, put "
        f'it in quotes: "{whole}"'
    )


# --- a comment after a plain text ---------------------------------------------------------


def test_case_pack_warns_at_each_cut_with_the_quoting_that_fixes_it(problems: Problems) -> None:
    assert problems(SILENT) == [
        BEATLES_WARNING,
        split_warning(
            "18:15", "questions[1].choices[0]", "Washington, D.C.", '"Washington" and "D.C."'
        ),
        'pack.yaml:19:13: questions[1].answer: "Washington, D.C." is not one of the choices, '
        'but the choices "Washington" and "D.C." joined by commas; if it is one choice that a '
        '[...] list split at its comma, put "Washington, D.C." in quotes in the list; if each '
        "is a right answer, write answer: [Washington, D.C.]",
        split_warning("23:19", "questions[2].choices[1]", "1,000", '"1" and "000"'),
    ]


def test_quoted_as_the_warnings_say_the_case_pack_shows_what_was_written(
    pack_dir: Path, assets: Path
) -> None:
    text = replace(
        "prompt: Which was the Beatles' first US #1 single?",
        'prompt: "Which was the Beatles\' first US #1 single?"',
        SILENT,
    )
    text = replace("[Washington, D.C., New", '["Washington, D.C.", New', text)
    text = replace("[10, 1,000, 100]", '[10, "1,000", 100]', text)
    loaded = load_text(pack_dir, assets, text)
    assert loaded.problems == ()
    assert loaded.pack is not None
    beatles, capital, smallest = loaded.pack.questions
    assert beatles.prompt == "Which was the Beatles' first US #1 single?"
    assert isinstance(capital, ChoiceQuestion)
    assert capital.choices == ("Washington, D.C.", "New York", "Philadelphia")
    assert isinstance(smallest, ChoiceQuestion)
    assert smallest.choices == ("10", "1,000", "100")


def test_comment_after_a_list_item_shows_the_item_quoted(problems: Problems) -> None:
    text = replace(
        "    choices: [Minsk, Moscow]\n", "    choices:\n      - Minsk #1\n      - Moscow\n"
    )
    text = replace("    answer: Minsk\n", "    answer: Moscow\n", text)
    assert problems(text) == [
        'pack.yaml:15:15: warning: questions[0].choices[0]: YAML reads "#1" as a comment '
        '(" #" starts one), so the game shows only "Minsk"; if it belongs to the text, put '
        'the whole text in quotes: - "Minsk #1"'
    ]


def test_empty_value_before_a_comment_says_why_it_is_empty(problems: Problems) -> None:
    text = replace("    answer: No\n", "    answer: #1\n")
    assert problems(text) == [
        "pack.yaml:23:12: questions[2].answer: is empty; write a value here",
        'pack.yaml:23:13: warning: questions[2].answer: YAML reads "#1" as a comment '
        '(" #" starts one), so the value is empty; if it belongs to the text, put the whole '
        'text in quotes: answer: "#1"',
    ]


def test_text_with_quotes_in_it_is_shown_in_the_other_quotes(problems: Problems) -> None:
    text = replace("    prompt: Say no.\n", '    prompt: Say "no" #politely\n')
    (line,) = problems(text)
    assert line.endswith("put the whole text in quotes: prompt: 'Say \"no\" #politely'")


@pytest.mark.parametrize(
    "edit",
    [
        # a comment on a line of its own
        ("    prompt: Say no.\n", "    # the next one is easy\n    prompt: Say no.\n"),
        # after a quoted text: the quotes say where the text ends
        ("    prompt: Say no.\n", '    prompt: "Say no." # easy\n'),
        ("    prompt: Say no.\n", "    prompt: 'Say no.' # easy\n"),
        # "#" without a blank before it is part of the text
        ("    prompt: Say no.\n", "    prompt: Is C# a language?\n"),
        # a note after a value that is not text a player reads
        ("clarity: 1\n", "clarity: 1  # the format\ntime_limit: 20 # seconds\n"),
        ("    grid: 1x2\n", "    grid: 1x2 # small\n"),
        ("  - id: q3\n", "  - id: q3 # the last\n"),
        ("    type: typed\n", "    type: typed # free text\n"),
        ("  - image: union_state/map.png\n", "  - image: union_state/map.png # a map\n"),
        ("    answer: true\n", "    answer: true # of course\n"),
    ],
)
def test_comments_that_cut_no_text_get_no_warning(
    problems: Problems, edit: tuple[str, str]
) -> None:
    assert problems(replace(*edit)) == []


# --- items of a [...] list cut at a comma ---------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "answer", "warning"),
    [
        ("[10, 1,000,500, 100]", "10", ("14:19", "1,000,500", '"1", "000" and "500"', 1)),
        ("[2, 3,5, 4]", "2", ("14:18", "3,5", '"3" and "5"', 1)),
        ("[1,000, 5]", "5", ("14:15", "1,000", '"1" and "000"', 0)),
        ("[1, 000, 5]", "5", ("14:15", "1, 000", '"1" and "000"', 0)),
        ("[Vancouver, B.C., Toronto]", "Toronto", ("14:15", "Vancouver, B.C.", None, 0)),
        (
            "[Martin Luther King, Jr., Gandhi]",
            "Gandhi",
            ("14:15", "Martin Luther King, Jr.", None, 0),
        ),
    ],
)
def test_item_cut_at_a_comma_is_warned_on_the_item_that_was_cut(
    problems: Problems, choices: str, answer: str, warning: tuple[str, str, str | None, int]
) -> None:
    where, whole, parts, index = warning
    if parts is None:
        name, ending = whole.rsplit(", ", 1)
        parts = f'"{name}" and "{ending}"'
    text = replace("    choices: [Minsk, Moscow]\n", f"    choices: {choices}\n")
    text = replace("    answer: Minsk\n", f"    answer: {answer}\n", text)
    assert problems(text) == [split_warning(where, f"questions[0].choices[{index}]", whole, parts)]


@pytest.mark.parametrize(
    "choices",
    [
        "[100, 200, 300]",  # numbers of three digits are numbers
        "[1,2,3]",  # written tight throughout: three items
        "[3,5]",
        "[red,green,blue]",
        "[France, U.K., Spain]",  # initials that stand alone
        "[Fe, Co, Ni]",
        "[apples, pears, etc.]",
        "['1,000', 10]",  # quoted already
        "[Washington D.C., Paris]",
    ],
)
def test_ordinary_lists_get_no_warning(problems: Problems, choices: str) -> None:
    first = yaml.safe_load(f"x: {choices}")["x"][0]
    text = replace("    choices: [Minsk, Moscow]\n", f"    choices: {choices}\n")
    text = replace("    answer: Minsk\n", f"    answer: '{first}'\n", text)
    assert problems(text) == []


def test_block_list_items_hold_their_commas(pack_dir: Path, assets: Path) -> None:
    text = replace(
        "    choices: [Minsk, Moscow]\n",
        "    choices:\n      - Minsk\n      - Washington, D.C.\n      - 1,000\n",
    )
    loaded = load_text(pack_dir, assets, text)
    assert loaded.problems == ()
    assert loaded.pack is not None
    assert loaded.pack.questions[0].choices == ("Minsk", "Washington, D.C.", "1,000")


# --- every scalar stays the text written ----------------------------------------------------

# What YAML 1.1 (PyYAML's resolver) would turn into something other than text, one of
# each kind and spelling.
RESOLVED_WORDS = [
    *"yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF".split(),  # noqa: SIM905
    *["y", "Y", "n", "N"],  # booleans in YAML 1.1's type list, though PyYAML leaves them
    *"null Null NULL ~".split(),  # noqa: SIM905
    *"007 0x1F 0o17 0b101 1_000 -42 +5 190:20:30 0".split(),  # noqa: SIM905
    *"1e3 3.14 .5 -.inf .Inf .NaN .nan 1_000.5 6.8523015e+5 685.230_15e+03".split(),  # noqa: SIM905
    *"2001-12-14 2001-12-14t21:59:43.10-05:00 2002-12-14".split(),  # noqa: SIM905
    "=",  # the "value" type
    "<<",  # the merge key
]


def resolver_texts() -> st.SearchStrategy[str]:
    """Texts matching each implicit type of PyYAML's resolver (its own patterns)."""
    patterns = {
        regexp.pattern
        for resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.values()
        for _, regexp in resolvers
    }
    return st.one_of(
        [
            st.from_regex(re.compile(pattern, re.X), fullmatch=True).map(str.strip)
            for pattern in sorted(patterns)
        ]
    )


def written_plain(text: str) -> bool:
    """True when ``text``, written unquoted as a field's value and as a list item, is read
    back by the YAML parser as exactly that text: a plain scalar of one line."""
    if not text or text != text.strip() or len(text) > 200:
        return False
    for written in (f"key: {text}\n", f"- {text}\n"):
        try:
            events = list(yaml.parse(written, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            return False
        scalars = [e for e in events if isinstance(e, yaml.ScalarEvent)]
        if not scalars:
            return False
        value = scalars[-1]
        if len(events) != (8 if written.startswith("key") else 7):
            return False  # more than one value: "a: b" as an item is a mapping
        if value.value != text or value.style not in (None, ""):
            return False
    return True


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("meant")
    (root / "union_state").mkdir()
    (root / "union_state" / "map.png").write_bytes(png_bytes(8, 6))
    (root / "assets").mkdir()
    return root, root / "assets"


def typed_pack_with(text: str) -> str:
    """VALID with ``text`` as a typed question's prompt, answer and accepted answer, and
    as a choice that is the right answer."""
    pack = VALID + (
        f"  - type: typed\n    prompt: {text}\n    answer: {text}\n    accept:\n      - {text}\n"
        f"  - type: choice\n    prompt: Pick\n    choices:\n      - {text}\n      - '{{}}'\n"
        f"    answer: {text}\n"
    )
    return pack


def fields_after_loading(place: tuple[Path, Path], text: str) -> tuple[str, ...]:
    folder, assets = place
    path = folder / "pack.yaml"
    path.write_text(typed_pack_with(text), encoding="utf-8")
    loaded = load_pack(path, assets_dir=assets)
    assert loaded.pack is not None, [str(p) for p in loaded.errors]
    typed, choice = loaded.pack.questions[3:]
    assert isinstance(typed, TypedQuestion)
    assert isinstance(choice, ChoiceQuestion)
    return (typed.prompt, typed.answer, *typed.accept, choice.choices[0], choice.answer)


@pytest.mark.parametrize("text", RESOLVED_WORDS)
def test_words_yaml_would_turn_into_something_else_stay_the_text_written(
    place: tuple[Path, Path], text: str
) -> None:
    assert fields_after_loading(place, text) == (text,) * 5


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(resolver_texts(), st.text(min_size=1, max_size=40)))
def test_any_plain_scalar_in_a_text_field_is_exactly_the_text_written(
    place: tuple[Path, Path], text: str
) -> None:
    assume(written_plain(text))
    assert fields_after_loading(place, text) == (text,) * 5


def test_null_words_are_nothing_only_where_a_field_may_be_left_out(
    pack_dir: Path, assets: Path
) -> None:
    text = VALID + (
        "  - type: typed\n    prompt: Null\n    answer: null\n    explain: null\n"
        "    image: ~\n    accept: [NULL, ~]\n"
    )
    text = replace("title: The Union State", "title: ~", text)
    loaded = load_text(pack_dir, assets, text)
    assert lines(loaded) == []
    assert loaded.pack is not None
    assert loaded.pack.title == "~"
    question = loaded.pack.questions[3]
    assert isinstance(question, TypedQuestion)
    assert (question.prompt, question.answer, question.accept) == ("Null", "null", ("NULL", "~"))
    assert (question.explain, question.image) == (None, None)


def test_null_word_where_true_or_false_is_wanted_says_so(problems: Problems) -> None:
    text = replace("    answer: true\n", "    answer: null\n")
    assert problems(text) == ["pack.yaml:19:13: questions[1].answer: should be true or false"]


# --- libyaml's messages in a teacher's words -------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "    prompt: Say no.\n",
            "    prompt: Say: no.\n",
            '22:16: the text holds ": " (a colon and a space), which YAML reads as a new field; '
            'put the whole text in quotes: prompt: "Say: no."',
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: Say\n    no.\n",
            '23:5: this line should be a "field: value" line but has no ":" after a name; if it '
            "goes on with the text of the line above, indent it more than that field, or put "
            "the whole text in quotes on one line",
        ),
        (
            "  - id: q3\n",
            "\t- id: q3\n",
            "20:1: a tab is used here; YAML does not allow tabs for indenting, so indent with "
            "spaces",
        ),
        (
            "    type: typed\n",
            "\ttype: typed\n",
            "21:1: a tab is used here; YAML does not allow tabs for indenting, so indent with "
            "spaces",
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: @home\n",
            '22:13: a value cannot start with "@" (YAML keeps it for itself); put the whole '
            'text in quotes: prompt: "@home"',
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: `ls`\n",
            '22:13: a value cannot start with "`" (YAML keeps it for itself); put the whole '
            'text in quotes: prompt: "`ls`"',
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: 'Say no.\n",
            "22:13: the quote ' that opens this text is never closed; end the text with ' "
            "(to use ' inside a text in single quotes, write it twice (''))",
        ),
        (
            "    accept: [union state]\n",
            "    accept: [union state\n",
            '8:13: the list that opens with "[" here is never closed with "]" on its line',
        ),
        (
            "    accept: [union state]\n",
            "    accept: {union state\n",
            '8:13: the group that opens with "{" here is never closed with "}" on its line',
        ),
        (
            "    accept: [union state]\n",
            "    accept: [union: state: x]\n",
            '8:26: an item inside "[ ... ]" holds ": " or "{" or "["; put that item in quotes',
        ),
        (
            "    prompt: Say no.\n",
            '    prompt: "Say" no.\n',
            "22:19: text follows the closing quote; put the whole value inside the quotes: "
            "prompt: '\"Say\" no.'",
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: Say no.\n   answer: x\n",
            "23:4: this line does not line up with the lines above it; check the spaces at its "
            'start (the fields of one group, and the "- " of the items of one list, start in '
            "the same column)",
        ),
        (
            "    accept: [union state]\n",
            "    accept: [union state]]\n",
            '8:26: this "]" closes nothing; remove it or put the text in quotes',
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: *no\n",
            None,
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: |x\n",
            '22:14: a value that starts with "|" is a block of text on the lines below (YAML\'s '
            '"|" and ">"), so the text after it on this line cannot be read; to show the text '
            'as written, put it in quotes: prompt: "|x"',
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: |x\n      no.\n",
            '22:14: a value that starts with "|" is a block of text on the lines below (YAML\'s '
            '"|" and ">"), so the text after it on this line cannot be read; to show the text '
            'as written, put it in quotes: prompt: "|x"',
        ),
        (
            "    prompt: Say no.\n",
            "    prompt: & no\n",
            '22:14: a value cannot start with "&" or "*" (YAML anchors and aliases); put the '
            'whole text in quotes: prompt: "& no"',
        ),
        (
            "    prompt: Say no.\n",
            '    prompt: "Say \\q"\n',
            '22:18: "\\" inside double quotes starts an escape ("\\n" is a line break, "\\t" a '
            'tab) and "\\q" is not one; to write a backslash, put the text in single quotes (or '
            "write \"/\"): prompt: 'Say \\q'",
        ),
    ],
)
def test_yaml_slips_are_said_in_a_teachers_words_at_their_place(
    problems: Problems, old: str, new: str, said: str | None
) -> None:
    found = problems(replace(old, new))
    if said is None:  # an alias to an anchor that is not there: refused like any alias
        assert found == [
            'pack.yaml:22:13: questions[2].prompt: aliases ("*no") are not allowed in a pack; '
            "write the value out in full"
        ]
        return
    assert found == [
        f"pack.yaml:{said.split(': ', 1)[0]}: the YAML cannot be read: {said.split(': ', 1)[1]}"
    ]


def test_the_pure_python_parser_gets_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML without libyaml words its errors differently; the teacher reads the same."""
    from clarity.core.packs import plain_yaml

    said = {}
    for loader in ("CSafeLoader", "SafeLoader"):
        monkeypatch.setattr(plain_yaml, "_loader_class", lambda name=loader: getattr(yaml, name))
        for text in ("a: b: c\n", "a: 1\n\tb: 2\n", "a: [1, 2\nb: 1\n", "a: @x\n", "a: 1\n- b\n"):
            report = Report(Path("p.yaml"))
            assert compose(text, report) is None
            said.setdefault(text, set()).add(report.problems()[0].message)
    assert all(len(messages) == 1 for messages in said.values()), said
