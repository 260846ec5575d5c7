"""Spaces that look like spaces and are not (a Japanese input method's full-width space, a
word processor's no-break space) right after a list's "-" or a field's ":", and a tab
before a comment's "#": each is named where it is, with the line as it should be typed."""

from __future__ import annotations

import pytest

from .test_loader import Problems, replace

SPACES = [
    ("\u3000", "U+3000 IDEOGRAPHIC SPACE"),
    ("\u00a0", "U+00A0 NO-BREAK SPACE"),
]


@pytest.mark.parametrize(("space", "named"), SPACES)
def test_an_odd_space_after_a_list_dash_is_named_at_the_space(
    problems: Problems, space: str, named: str
) -> None:
    # Line 16 of VALID; YAML stumbles on the line below it.
    text = replace("  - id: q2\n", f"  -{space}id: q2\n")
    assert problems(text) == [
        f'pack.yaml:16:4: the YAML cannot be read: the space after "-" is a {named}, which '
        'YAML does not read as a space, so this line is not a list item; after the "-" type '
        "an ordinary space: - id: q2"
    ]


@pytest.mark.parametrize(("space", "named"), SPACES)
def test_an_odd_space_after_a_fields_colon_is_named_at_the_space(
    problems: Problems, space: str, named: str
) -> None:
    text = replace("    prompt: Say no.\n", f"    prompt:{space}Say no.\n")
    assert problems(text) == [
        f'pack.yaml:22:12: the YAML cannot be read: the space after "prompt:" is a {named}, '
        'which YAML does not read as a space, so this line is not a "field: value" line; '
        'after the ":" type an ordinary space: prompt: Say no.'
    ]


def test_an_odd_space_after_an_items_first_field_is_named_on_its_line(
    problems: Problems,
) -> None:
    # "- type:\u3000typed" is one text to YAML, which stumbles on the field below it.
    text = replace("  - id: q3\n    type: typed\n", "  - type:\u3000typed\n    id: q3\n")
    assert problems(text) == [
        'pack.yaml:20:10: the YAML cannot be read: the space after "type:" is a U+3000 '
        "IDEOGRAPHIC SPACE, which YAML does not read as a space, so this line is not a "
        '"field: value" line; after the ":" type an ordinary space: - type: typed'
    ]


def test_an_odd_space_inside_a_value_is_text(problems: Problems) -> None:
    text = replace("    prompt: Say no.\n", "    prompt: Say\u3000no:\u00a0now.\n")
    assert problems(text) == []


def test_a_tab_before_a_comment_is_named_as_a_tab(problems: Problems) -> None:
    text = replace("    prompt: Say no.\n", "    prompt: What is C\t# sharp?\n")
    assert problems(text) == [
        'pack.yaml:22:23: warning: questions[2].prompt: YAML reads "# sharp?" as a comment (a '
        'tab and "#" start one), so the game shows only "What is C"; if it belongs to the '
        'text, put the whole text in quotes: prompt: "What is C\t# sharp?"'
    ]


def test_a_space_before_a_comment_is_named_as_a_space(problems: Problems) -> None:
    text = replace("    prompt: Say no.\n", "    prompt: What is C # sharp?\n")
    assert problems(text) == [
        'pack.yaml:22:23: warning: questions[2].prompt: YAML reads "# sharp?" as a comment '
        '(" #" starts one), so the game shows only "What is C"; if it belongs to the text, '
        'put the whole text in quotes: prompt: "What is C # sharp?"'
    ]
