"""A player's name holds only what shows as itself (issue 10, part 3)."""

from __future__ import annotations

import pytest

from clarity.store import NameRejected, Player, Store
from clarity.store.names import clean_name

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl: one emoji
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "mi-khaham": ZWNJ after mi
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize(
    "name",
    [
        f"Ana {FAMILY}",
        PERSIAN,
        "\u2764\ufe0f Ben",  # a heart with its emoji variation selector
        f"{SCOTLAND} Iain",  # tag characters make the flag
        "\u0915\u094d\u200d\u0937",  # Devanagari with a ZWJ (half form)
        "Zoë",
        "Маша",
        "\U0001f3f3\ufe0f\u200d\U0001f308 Lee",  # rainbow flag: selector, then ZWJ
        "\u1100\u1160",  # a Hangul syllable spelt in jamo, its vowel a filler
        "\u795e\U000e0100",  # a kanji with an ideographic variation selector
    ],
)
def test_names_scripts_and_emoji_need_are_kept_as_typed(name: str) -> None:
    assert clean_name(name) == name


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Ana\x1b[2J", "A name cannot contain the control character U+001B."),
        ("Ana\x07", "A name cannot contain the control character U+0007."),
        ("Ana\x9b31m", "A name cannot contain the control character U+009B."),
        ("Ana\x00", "A name cannot contain the control character U+0000."),
        *(
            (
                f"Ana{chr(code)}1F",
                f"A name cannot contain U+{code:04X}, which changes the direction of the text.",
            )
            for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
        ),
        ("Ana\ufdd0", "A name cannot contain U+FDD0, which is not a character."),
        ("Ana\uffff", "A name cannot contain U+FFFF, which is not a character."),
        ("Ana\U0010fffe", "A name cannot contain U+10FFFE, which is not a character."),
        (
            "Ana\udcff",  # the byte 0xFF from a terminal, kept by surrogateescape
            "A name cannot contain U+DCFF: the keyboard or terminal sent text that is not Unicode.",
        ),
    ],
)
def test_characters_that_do_not_show_as_themselves_are_refused_with_a_message(
    name: str, message: str
) -> None:
    assert refusal(clean_name(name)) == message


def test_tabs_and_line_breaks_become_spaces() -> None:
    assert clean_name("Ana\tMaria\nLópez\u2028Ruiz") == "Ana Maria López Ruiz"


def test_bidirectional_marks_are_dropped() -> None:
    assert clean_name("\u200fסבינה\u200e") == "סבינה"
    assert refusal(clean_name("\u061c\u200f")) == "Please type a name."


def test_a_refused_name_is_never_an_error_from_sqlite(store: Store) -> None:
    for name in ("Ana\udcff", "Ana\ud800", "Ana\u202e", "Ana\x1b"):
        assert isinstance(store.create_player(name), NameRejected)
        assert store.player_by_name(name) is None
    assert store.players() == []


def test_an_emoji_family_and_a_persian_name_are_saved_and_found(store: Store) -> None:
    for name in (f"Ana {FAMILY}", PERSIAN):
        created = store.create_player(name)
        assert isinstance(created, Player)
        assert store.player_by_name(name) == created
    assert sorted(p.name for p in store.players()) == sorted([f"Ana {FAMILY}", PERSIAN])


@pytest.mark.parametrize(
    "name",
    [
        "\u200d",  # ZWJ
        "\u200c",  # ZWNJ
        "\u3164",  # Hangul filler
        "\u0301",  # a combining acute accent on nothing
        "\u180e",  # Mongolian vowel separator
        "\ufe0f",  # variation selector
        "\U000e0041",  # a lone tag character
        "\u1160",  # Hangul jungseong filler
        "\u200b\ufeff\u2060",
        "\u200d \u0301\ufe0f",
    ],
)
def test_a_name_with_no_visible_character_is_refused(name: str) -> None:
    assert refusal(clean_name(name)) == "Please type a name."


@pytest.mark.parametrize(
    "name",
    [
        "Ana\u200b",  # zero-width space
        "\ufeffAna",  # byte-order mark
        "Ana\u2060",  # word joiner
        "An\u00ada",  # soft hyphen
        "A\u180ena",  # Mongolian vowel separator
        "Ana\u2061",  # an invisible operator (function application)
        "A\u206ana",  # a deprecated format character
        "A\u034fna",  # combining grapheme joiner
        "Ana\u3164",  # Hangul filler
        "Ana\u200d",  # a ZWJ with nothing after it to join
        "\u200cAna",  # a ZWNJ with nothing before it
        "\ufe0fAna",  # a variation selector before anything
        "Ana\U000e0041",  # a tag after a letter: no flag
        "Ana\u1160",  # a jamo filler after a Latin letter
    ],
)
def test_invisible_characters_that_carry_nothing_are_dropped(name: str) -> None:
    assert clean_name(name) == "Ana"


def test_look_alike_names_are_one_player(store: Store) -> None:
    ana = store.create_player("Ana")
    assert isinstance(ana, Player)
    for look_alike in ("Ana\u200b", "\ufeffAna", "Ana\u2060", "An\u00ada"):
        assert not isinstance(store.create_player(look_alike), Player)  # already taken
        assert store.player_by_name(look_alike) == ana
    assert [p.name for p in store.players()] == ["Ana"]


def test_joiners_between_two_names_are_dropped_at_the_space() -> None:
    assert clean_name("Ana\u200d Ben\u200c") == "Ana Ben"


@pytest.mark.parametrize(
    "invisible",
    ["\u17b4", "\u17b5", "\U0001d173", "\u2065", "\ufff0", "\U000e0001", "\U0001bca0"],
)
def test_every_default_ignorable_character_is_dropped_so_ana_stays_ana(invisible: str) -> None:
    """The rest of Unicode's Default_Ignorable_Code_Point set: 'Ana' with one of them after
    it would print as Ana and be a second Ana (found by a tester)."""
    assert clean_name(f"Ana{invisible}") == "Ana"


def test_a_name_of_only_the_blank_braille_cell_is_refused() -> None:
    assert refusal(clean_name("\u2800\u2800")) == "Please type a name."


def refusal(cleaned: str | NameRejected) -> str:
    """The reason a name was refused, in English (fails when it was taken)."""
    assert isinstance(cleaned, NameRejected), cleaned
    return cleaned.message
