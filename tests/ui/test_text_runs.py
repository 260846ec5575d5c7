"""How a line is cut into runs and put in order, and how a paragraph breaks into lines:
the rules alone, with made-up fonts and widths (issue 9, part 2)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clarity.ui.text_runs import (
    bidi_levels,
    break_paragraph,
    clusters,
    is_rtl_paragraph,
    split_word,
    visual_order,
    visual_runs,
)


def by_script(cluster: str, previous: int | None) -> int:
    """A made-up chain: face 1 has Hebrew and Arabic, face 2 has kana and kanji, face 0
    everything else; a space stays with the face before it."""
    if previous is not None and cluster.isspace():
        return previous
    code = ord(cluster[0])
    if 0x0590 <= code <= 0x06FF:
        return 1
    if 0x3040 <= code <= 0x9FFF:
        return 2
    return 0


def test_a_hebrew_sentence_with_a_number_and_a_latin_word_reads_right_to_left() -> None:
    # "shalom 123 hello olam": the paragraph is right to left; the number and the Latin
    # word keep their own left-to-right order inside it (UAX #9)
    line = "שלום 123 hello עולם"
    assert is_rtl_paragraph(line)
    runs = visual_runs(line, True, by_script)
    words = [run.text.strip() for run in runs if run.text.strip()]
    assert words == ["עולם", "hello", "123", "שלום"]
    assert [run.rtl for run in runs if run.text.strip()] == [True, False, False, True]


def test_an_arabic_word_in_an_english_sentence_stays_in_place_and_reads_right_to_left() -> None:
    line = "The capital is القاهرة (Cairo) since 969."
    assert not is_rtl_paragraph(line)
    runs = visual_runs(line, False, by_script)
    arabic = [run for run in runs if run.face == 1]
    assert [run.text.strip() for run in arabic] == ["القاهرة"]
    assert arabic[0].rtl
    assert arabic[0].script == "Arab"
    assert "".join(run.text for run in runs) == line  # nothing left out, nothing moved


def test_characters_in_visual_order_are_the_runs_side_by_side_and_runs_know_their_start() -> None:
    # a text field walks its caret by the characters' order; it must be the runs' order
    line = "שלום 123 hello עולם"
    runs = visual_runs(line, True, by_script)
    order = visual_order(bidi_levels(line, True))
    assert "".join(line[i] for i in order) == "".join(
        run.text[::-1] if run.rtl else run.text for run in runs
    )
    assert all(line[run.start : run.start + len(run.text)] == run.text for run in runs)


def test_runs_change_font_where_the_first_font_with_the_character_changes() -> None:
    runs = visual_runs("東京 Tokyo", False, by_script)
    assert [(run.text, run.face) for run in runs] == [("東京 ", 2), ("Tokyo", 0)]


def test_a_mark_and_an_emoji_sequence_stay_with_their_base() -> None:
    assert clusters("e\u0301a") == ["e\u0301", "a"]
    assert clusters("👩\u200d🏫!") == ["👩\u200d🏫", "!"]
    assert clusters("🇧🇾🇫🇷") == ["🇧🇾", "🇫🇷"]
    assert clusters("❤\ufe0f") == ["❤\ufe0f"]
    assert clusters("स्ते") == ["स्ते"]  # a conjunct: the virama joins the consonants
    assert clusters("ש\u05b8ל") == ["ש\u05b8", "ל"]


def test_a_long_address_breaks_after_slashes_and_dots_within_the_width() -> None:
    url = "https://example.com/pictures/very_long_file_name_without_any_space.png"
    lines = break_paragraph(f"See {url} now", 20, len)
    assert all(len(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == f"See{url}now"
    # the breaks inside the address fall after a preferred character where one fits
    inside = [line for line in lines if line and line[-1] in "/._-?"]
    assert inside, lines


def test_a_word_without_any_break_breaks_anywhere_as_a_last_resort() -> None:
    lines = break_paragraph("x" * 45, 20, len)
    assert lines == ["x" * 20, "x" * 20, "x" * 5]


def test_a_preferred_break_is_not_taken_when_it_leaves_too_little() -> None:
    head, tail = split_word("a/bcdefghijklmnopqrstuvwxyz", 10, len)
    assert (head, tail) == ("a/bcdefghi", "jklmnopqrstuvwxyz")
    head, tail = split_word("abcdef/ghijklmnop", 10, len)
    assert (head, tail) == ("abcdef/", "ghijklmnop")


def test_japanese_breaks_between_characters_but_not_before_closing_punctuation() -> None:
    lines = break_paragraph("日本の首都は東京です。", 6, len)
    assert all(len(line) <= 6 for line in lines)
    assert "".join(lines) == "日本の首都は東京です。"
    assert not any(line.startswith("。") for line in lines)


def test_a_no_break_space_holds_a_number_together() -> None:
    assert break_paragraph("it costs 5\u00a0653 coins", 10, len) == [
        "it costs",
        "5\u00a0653",
        "coins",
    ]


def test_a_narrow_no_break_space_holds_the_game_s_numbers_together() -> None:
    # the game writes 4 200 with U+202F between the digit groups
    assert break_paragraph("best 4\u202f200 points", 8, len) == ["best", "4\u202f200", "points"]


# Characters newer than Python 3.11's Unicode tables (14.0) or not assigned at all: the
# pure-Python bidi algorithm stopped the game on each ("AssertionError: not allowed here").
NEWER_THAN_PYTHON = ["\U0001fa77", "\U0001face", "\U0003fffd", "\U0010ffff", "\ue000", "\ufdd0"]
# Any code point, unassigned and private use included (surrogates: a str can hold them).
ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=60)


@pytest.mark.parametrize("character", NEWER_THAN_PYTHON)
@pytest.mark.parametrize("rtl", [False, True])
def test_a_character_newer_than_python_s_tables_is_laid_out(character: str, rtl: bool) -> None:
    line = f"Colours {character} שלום {character}"
    runs = visual_runs(line, rtl, by_script)
    assert sorted("".join(run.text for run in runs)) == sorted(line)
    assert len(bidi_levels(line, rtl)) == len(line)


def in_visual_order(line: str, rtl: bool) -> str:
    """The line's characters left to right as the screen shows them, each right-to-left
    run's own characters reversed (the shaper does that, and mirrors its brackets)."""
    return "".join(
        run.text[::-1] if run.rtl else run.text for run in visual_runs(line, rtl, by_script)
    )


def test_brackets_and_a_number_in_hebrew_keep_their_place() -> None:
    # UAX #9 by hand, paragraph level 1 (the first strong letter is Hebrew). The Latin
    # word is L: level 2. N0 pairs "(" and ")": inside is L (the embedding's opposite)
    # and before them the strong type is R (שלום), which is the embedding's direction,
    # so both brackets take R: level 1. "2024" is EN after R: stays EN (W2) and gets
    # level 2 (I1). The spaces between R and R are R (N1); "?" at the end takes the
    # embedding's R (N2). Level runs: שלום_( = 1, peace = 2, )_ = 1, 2024 = 2,
    # _באנגלית? = 1. L2 reverses everything at level >= 1, then each run at level 2
    # again, so the screen shows, left to right: "?תילגנאב 2024 )peace( םולש", that is
    # read from the right "שלום (peace) 2024 באנגלית?" with the brackets mirrored by
    # the shaper into "(peace)". The old algorithm (no N0) gave "peace) 2024 (שלום".
    line = "שלום (peace) 2024 באנגלית?"
    assert in_visual_order(line, True) == "?תילגנאב 2024 )peace( םולש"
    levels = bidi_levels(line, True)
    assert levels[line.index("(")] == levels[line.index(")")] == 1
    assert levels[line.index("p")] == levels[line.index("2")] == 2


def test_a_quoted_english_phrase_with_brackets_stays_whole_inside_arabic() -> None:
    # UAX #9 by hand, paragraph level 1 (Arabic first). In «قال "hello (world)" أمس»:
    # N0 pairs the brackets; inside them "world" is L, the embedding's opposite, and the
    # strong type before "(" is L too ("hello"), so the brackets take L: level 2, with
    # the words. The quotes have R (قال) and L (hello) on either side: no agreement, so
    # they take the embedding's R (N2): level 1, and so do the spaces next to Arabic.
    # The space between "hello" and "(" is between L and L: L (N1). So one level-2 run
    # 'hello (world)' sits between quotes at level 1; L2 turns the line around and that
    # run back, so left to right: 'سمأ "hello (world)" لاق' (the Arabic letters of each
    # word reversed here as the shaper draws them right to left). A browser shows
    # «قال "hello (world)" أمس» read from the right; the old one gave "(hello (world".
    line = 'قال "hello (world)" أمس'
    assert in_visual_order(line, True) == 'سمأ "hello (world)" لاق'
    levels = bidi_levels(line, True)
    assert levels[line.index("(")] == levels[line.index(")")] == 2
    assert levels[line.index('"')] == levels[line.rindex('"')] == 1


def test_white_space_at_the_end_of_a_line_takes_the_paragraph_s_level() -> None:
    # UAX #9 rule L1: the trailing spaces after the Hebrew word in an English line would
    # otherwise sit inside the right-to-left run, at the line's wrong end
    assert bidi_levels("abc שלום  ", False)[-2:] == [0, 0]
    assert bidi_levels("שלום abc\tdef ", True)[-1] == 1
    assert bidi_levels("שלום abc\tdef", True)[8] == 1  # the tab


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT, st.booleans())
def test_any_text_is_laid_out_whole_in_runs_and_lines(text: str, rtl: bool) -> None:
    line = text.replace("\n", " ")
    levels = bidi_levels(line, rtl)
    assert len(levels) == len(line)
    assert sorted(visual_order(levels)) == list(range(len(line)))
    runs = visual_runs(line, rtl, by_script)
    assert sorted("".join(run.text for run in runs)) == sorted(line)
    assert "".join(clusters(line)) == line
    is_rtl_paragraph(line)
    lines = break_paragraph(line, 7, len)
    kept = "".join(lines).replace("-", "").replace("\u00ad", "")
    assert [c for c in kept if not c.isspace()] == [
        c for c in line.replace("-", "").replace("\u00ad", "") if not c.isspace()
    ]


GERMAN = (
    "Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesell\u00adschafts\u00adkapitäns\u00admützen"
)


def test_a_long_word_breaks_at_its_soft_hyphens_shown_as_hyphens() -> None:
    # the tester's German compound (s-zw.yaml): the soft hyphens are where it breaks, the
    # hyphen drawn at the line's end counts in its width, and no other break is taken
    lines = break_paragraph(f"Soft: {GERMAN}.", 20, len)
    assert lines == [
        "Soft: Donau\u00addampf-",
        "schiff\u00adfahrts-",
        "gesell\u00adschafts-",
        "kapitäns\u00admützen.",
    ]
    assert all(len(line) <= 20 for line in lines)


def test_a_soft_hyphen_is_taken_before_a_break_anywhere_in_the_word() -> None:
    # without the soft hyphen this word would be cut after its 10th letter
    assert break_paragraph("abcd\u00adefghijklmn", 10, len) == ["abcd-", "efghijklmn"]
    assert break_paragraph("abcdefghijklmn", 10, len) == ["abcdefghij", "klmn"]


def test_a_soft_hyphen_that_ends_no_line_stays_as_typed() -> None:
    assert break_paragraph(f"x {GERMAN}", 200, len) == [f"x {GERMAN}"]
    assert "-" not in "".join(break_paragraph("a \u00adb c", 2, len))  # after a space: none
