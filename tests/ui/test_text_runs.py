"""How a line is cut into runs and put in order, and how a paragraph breaks into lines:
the rules alone, with made-up fonts and widths (issue 9, part 2)."""

from __future__ import annotations

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
