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
    assert clean_name(name) == NameRejected(message)


def test_tabs_and_line_breaks_become_spaces() -> None:
    assert clean_name("Ana\tMaria\nLópez\u2028Ruiz") == "Ana Maria López Ruiz"


def test_bidirectional_marks_are_dropped() -> None:
    assert clean_name("\u200fסבינה\u200e") == "סבינה"
    assert clean_name("\u061c\u200f") == NameRejected("Please type a name.")


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
