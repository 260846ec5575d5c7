"""Text from files is printed so that it can neither command the terminal nor break a line."""

from __future__ import annotations

import pytest

from clarity.terminal_text import display_width, terminal_safe


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # sets the window title, then BEL
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),  # clears the screen
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),  # colours
        ("\x9b31m", "\\x9b31m"),  # C1: a one-character CSI
        ("\x85", "\\x85"),  # C1: next line
        ("pack\ngame.yaml", "pack\\ngame.yaml"),
        ("pack\r.yaml", "pack\\r.yaml"),
        ("a\tb", "a\\tb"),
        ("\x00\x7f", "\\x00\\x7f"),
        ("gpj.\u202eexe", "gpj.\\u202eexe"),  # right-to-left override
        ("\u2066x\u2069\u200f", "\\u2066x\\u2069\\u200f"),  # isolates and marks
        ("a\u2028b\u2029", "a\\u2028b\\u2029"),  # line and paragraph separators
        ("caf\udce9.yaml", "caf\\xe9.yaml"),  # a Latin-1 byte in a file name
    ],
)
def test_controls_are_shown_escaped(text: str, printed: str) -> None:
    assert terminal_safe(text) == printed


@pytest.mark.parametrize(
    "text",
    [
        "Союзное государство",
        "日本語のクイズ",
        "שלום עולם",  # right to left by its letters, no control needed
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 family",  # the joiner stays
        "C# and 1\u00a0000",
        "",
    ],
)
def test_text_of_any_script_is_left_alone(text: str) -> None:
    assert terminal_safe(text) == text


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("Ana", 3),
        ("Маша", 4),
        ("王小明", 6),  # wide
        ("Zoe\u0308", 3),  # a combining diaeresis takes no column
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467", 2),  # a family: one emoji
        ("\u2764\ufe0f", 2),  # a heart asked for as an emoji picture
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", 7),  # ZWNJ takes no column
        ("\\u202e", 6),  # an escape as terminal_safe writes it
        ("\U0001f44d\U0001f3fd", 2),  # thumbs up with a skin tone: one emoji
        ("\U0001f469\U0001f3fd\u200d\U0001f4bb", 2),  # woman technologist, skin tone
        ("\U0001f3fd", 2),  # a skin tone alone shows as a swatch
        ("\u0ba8\u0bcd\u0ba4\u0bbf", 2),  # Tamil: virama (Mn) and vowel sign I (Mc) join
        ("\u0915\u093f", 1),  # Devanagari ki: the vowel sign is spacing but one cluster
        ("\u1100\u1161\u11a8", 2),  # Hangul gak spelt in jamo: one wide syllable
        ("\uac01", 2),  # the same syllable precomposed
        ("\u3164", 0),  # Hangul filler: shows as nothing
        ("Ana\uffa0", 3),  # half-width Hangul filler
    ],
)
def test_display_width_counts_terminal_columns(text: str, columns: int) -> None:
    assert display_width(text) == columns
