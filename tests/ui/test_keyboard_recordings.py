"""The keyboard recordings are complete and say what real keyboards do.

``tests/ui/keyboards/<layout>.json`` holds what SDL sent for real key presses on each layout
(recorded by tools/record_keyboards.py). These tests check that every layout has every key,
that each press is whole (every key that goes down comes up, on the physical key pressed), and
the facts of each layout that the game's key handling depends on. No window is opened.
"""

from __future__ import annotations

import string
from collections import Counter
from typing import Any

import pygame
import pytest

from .keyboard_layouts import LAYOUTS, held_keys, hold, press, press_records, recording

CYRILLIC = ("ru", "by", "ua")
LETTERS = string.ascii_uppercase
DIGITS = "1234567890"  # the top row, left to right
TEXT_EVENTS = {"TEXTINPUT", "TEXTEDITING"}

#: The scancode of each recorded physical key: the key's place, named by its US label.
SCANCODES: dict[str, int] = {
    **{letter: getattr(pygame, f"KSCAN_{letter}") for letter in LETTERS},
    **{digit: getattr(pygame, f"KSCAN_{digit}") for digit in DIGITS},
    **{f"KP{n}": getattr(pygame, f"KSCAN_KP_{n}") for n in range(1, 7)},
    **{f"KP{n} (NumLock off)": getattr(pygame, f"KSCAN_KP_{n}") for n in range(1, 7)},
    "Return": pygame.KSCAN_RETURN,
    "KP_Enter": pygame.KSCAN_KP_ENTER,
    "Escape": pygame.KSCAN_ESCAPE,
    "space": pygame.KSCAN_SPACE,
    "Tab": pygame.KSCAN_TAB,
    "BackSpace": pygame.KSCAN_BACKSPACE,
    "Delete": pygame.KSCAN_DELETE,
    "Insert": pygame.KSCAN_INSERT,
    "Left": pygame.KSCAN_LEFT,
    "Right": pygame.KSCAN_RIGHT,
    "Up": pygame.KSCAN_UP,
    "Down": pygame.KSCAN_DOWN,
    "Home": pygame.KSCAN_HOME,
    "End": pygame.KSCAN_END,
    "PageUp": pygame.KSCAN_PAGEUP,
    "PageDown": pygame.KSCAN_PAGEDOWN,
    "comma": pygame.KSCAN_COMMA,
    "period": pygame.KSCAN_PERIOD,
    "semicolon": pygame.KSCAN_SEMICOLON,
    "F11": pygame.KSCAN_F11,
}
MODIFIERS = {"shift": pygame.KSCAN_LSHIFT, "ctrl": pygame.KSCAN_LCTRL}
COMBOS = (
    "shift+A",
    "shift+Insert",
    "shift+Tab",
    "shift+Left",
    "shift+Right",
    "shift+Home",
    "shift+End",
    "ctrl+A",
    "ctrl+C",
    "ctrl+G",
    "ctrl+V",
    "ctrl+X",
    "ctrl+BackSpace",
    "ctrl+Delete",
    "ctrl+Left",
    "ctrl+Right",
)
KEYS = (*SCANCODES, *COMBOS)
STATES = ("text_input_on", "text_input_off")


def _records(layout: str, key: str, text_input: bool) -> list[dict[str, Any]]:
    return press_records(layout, key, text_input=text_input)


def _key_down(layout: str, key: str, text_input: bool = False) -> dict[str, Any]:
    """The KEYDOWN of the named key itself (a combo's modifier goes down first)."""
    downs = [r for r in _records(layout, key, text_input) if r["type"] == "KEYDOWN"]
    return downs[-1]


def _texts(layout: str, key: str, text_input: bool) -> list[str]:
    return [r["text"] for r in _records(layout, key, text_input) if r["type"] == "TEXTINPUT"]


def test_the_seven_layouts_of_issue_7_are_recorded() -> None:
    assert set(LAYOUTS) == {"us", "gb", "de", "fr", "ru", "by", "ua"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_has_every_key_in_both_text_input_states(layout: str) -> None:
    recorded = recording(layout)["keys"]
    assert set(recorded) == set(KEYS)
    for key in KEYS:
        assert recorded[key]["text_input_on"], key
        assert recorded[key]["text_input_off"], key


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_header_says_how_the_layout_was_recorded(layout: str) -> None:
    header = recording(layout)["recorded_with"]
    assert header["setxkbmap"] == f"setxkbmap {layout}"
    assert header["setxkbmap_query"]["layout"] == layout
    assert header["tool"] == "tools/record_keyboards.py"
    assert header["sdl"].startswith("2.")
    assert header["pygame_ce"].startswith("2.")
    assert header["date"]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("text_input", [True, False])
def test_every_press_goes_down_and_comes_up_on_the_key_pressed(
    layout: str, text_input: bool
) -> None:
    for key in KEYS:
        records = _records(layout, key, text_input)
        downs = [r["scancode"] for r in records if r["type"] == "KEYDOWN"]
        ups = [r["scancode"] for r in records if r["type"] == "KEYUP"]
        modifier, _, label = key.rpartition("+")
        expected = [MODIFIERS[modifier], SCANCODES[label]] if modifier else [SCANCODES[label]]
        assert records[0]["type"] == "KEYDOWN", key
        assert downs == expected, key
        # Fingers release the key before the modifier held around it.
        assert ups == expected[::-1], key


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_combos_key_goes_down_with_its_modifier_held(layout: str) -> None:
    for key in COMBOS:
        modifier = pygame.KMOD_SHIFT if key.startswith("shift+") else pygame.KMOD_CTRL
        assert _key_down(layout, key)["mod"] & modifier, key


@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_events_come_only_while_text_input_is_on(layout: str) -> None:
    for key in KEYS:
        assert not [r for r in _records(layout, key, False) if r["type"] in TEXT_EVENTS], key
    for key in held_keys(layout):
        for repeat in (True, False):
            events = hold(layout, key, text_input=False, repeat=repeat)
            assert pygame.TEXTINPUT not in {e.type for e in events}, key


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_letter_key_types_its_letter_while_text_input_is_on(layout: str) -> None:
    for key in LETTERS:
        down = _key_down(layout, key, text_input=True)
        assert _texts(layout, key, True) == [down["unicode"]], key
        if (layout, key) != ("fr", "M"):  # where US has M, AZERTY has a comma
            assert down["unicode"].isalpha(), key


@pytest.mark.parametrize("layout", ["us", "gb"])
def test_on_qwerty_each_letter_key_sends_its_latin_letter(layout: str) -> None:
    for key in LETTERS:
        assert _key_down(layout, key)["key"] == ord(key.lower()), key


def test_on_german_qwertz_y_and_z_change_places() -> None:
    assert _key_down("de", "Y")["key"] == pygame.K_z
    assert _key_down("de", "Z")["key"] == pygame.K_y
    for key in set(LETTERS) - {"Y", "Z"}:
        assert _key_down("de", key)["key"] == ord(key.lower()), key


def test_on_french_azerty_the_key_labelled_a_sits_where_us_has_q() -> None:
    assert _key_down("fr", "Q")["key"] == pygame.K_a
    assert _key_down("fr", "A")["key"] == pygame.K_q
    assert _key_down("fr", "W")["key"] == pygame.K_z
    assert _key_down("fr", "Z")["key"] == pygame.K_w
    # AZERTY's M is right of L (the US semicolon place); where US has M, AZERTY has a comma.
    assert _key_down("fr", "semicolon")["key"] == pygame.K_m
    assert _key_down("fr", "M")["key"] == pygame.K_COMMA


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_top_row_keys_send_digit_key_codes_on_every_layout(layout: str) -> None:
    # AZERTY included: SDL 2 maps the number row to K_1..K_0 whatever the layout prints there.
    for digit in DIGITS:
        assert _key_down(layout, digit)["key"] == ord(digit), digit
        assert _key_down(layout, digit)["scancode"] == SCANCODES[digit], digit


@pytest.mark.parametrize("layout", [layout for layout in LAYOUTS if layout != "fr"])
def test_the_top_row_keys_type_digits_except_on_azerty(layout: str) -> None:
    for digit in DIGITS:
        assert _texts(layout, digit, True) == [digit], digit


def test_on_french_azerty_the_top_row_types_its_symbols_not_digits() -> None:
    # Unshifted, AZERTY's number row types & é " ' ( - è _ ç à: its key codes are digits but
    # its text (and the KEYDOWN's unicode while text input is on) is not.
    typed = "".join(text for digit in DIGITS for text in _texts("fr", digit, True))
    assert typed == "&é\"'(-è_çà"
    unicodes = "".join(_key_down("fr", digit, text_input=True)["unicode"] for digit in DIGITS)
    assert unicodes == typed
    # With text input off, pygame fills unicode from the key code: the digit.
    assert "".join(_key_down("fr", digit)["unicode"] for digit in DIGITS) == DIGITS


@pytest.mark.parametrize("layout", CYRILLIC)
def test_on_cyrillic_layouts_letter_keys_send_cyrillic_key_codes_at_us_scancodes(
    layout: str,
) -> None:
    for key in LETTERS:
        down = _key_down(layout, key)
        assert 0x400 <= down["key"] <= 0x4FF, key  # the Cyrillic block of Unicode
        assert down["scancode"] == SCANCODES[key], key


@pytest.mark.parametrize("layout", LAYOUTS)
def test_keypad_digits_send_keypad_key_codes_and_type_only_with_num_lock(layout: str) -> None:
    for n in range(1, 7):
        keypad = getattr(pygame, f"K_KP_{n}")
        assert _key_down(layout, f"KP{n}")["key"] == keypad
        assert _key_down(layout, f"KP{n} (NumLock off)")["key"] == keypad
        assert _key_down(layout, f"KP{n}")["mod"] & pygame.KMOD_NUM
        assert _texts(layout, f"KP{n}", True) == [str(n)]
        assert _texts(layout, f"KP{n} (NumLock off)", True) == []


@pytest.mark.parametrize("layout", ["us", "gb", "de", "fr"])
def test_ctrl_with_a_latin_letter_types_nothing(layout: str) -> None:
    for key in ("ctrl+A", "ctrl+C", "ctrl+G", "ctrl+V", "ctrl+X"):
        assert _texts(layout, key, True) == [], key


@pytest.mark.parametrize("layout", CYRILLIC)
def test_ctrl_with_a_cyrillic_letter_types_the_letter_and_sends_no_latin_key_code(
    layout: str,
) -> None:
    # SDL drops the text of a control character, and Ctrl turns only Latin letters into one:
    # on a Cyrillic layout Ctrl+V sends the key code and the text of the letter on the key.
    for key in ("ctrl+A", "ctrl+C", "ctrl+G", "ctrl+V", "ctrl+X"):
        down = _key_down(layout, key, text_input=True)
        assert 0x400 <= down["key"] <= 0x4FF, key
        assert down["scancode"] == SCANCODES[key.removeprefix("ctrl+")], key
        assert _texts(layout, key, True) == [down["unicode"]], key


@pytest.mark.parametrize("layout", LAYOUTS)
def test_editing_and_moving_keys_type_nothing(layout: str) -> None:
    quiet = [
        "Return",
        "KP_Enter",
        "Escape",
        "Tab",
        "BackSpace",
        "Delete",
        "Insert",
        "Left",
        "Right",
        "Home",
        "End",
        "F11",
        "shift+Insert",
        "ctrl+BackSpace",
    ]
    for key in quiet:
        assert _texts(layout, key, True) == [], key


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("key", ["A", "Return"])
@pytest.mark.parametrize("text_input", [True, False])
def test_a_held_key_repeats_keydown_only_with_pygame_repeat_on(
    layout: str, key: str, text_input: bool
) -> None:
    once = Counter(e.type for e in hold(layout, key, text_input=text_input, repeat=False))
    assert once[pygame.KEYDOWN] == 1
    assert once[pygame.KEYUP] == 1
    repeated = hold(layout, key, text_input=text_input, repeat=True)
    downs = [e for e in repeated if e.type == pygame.KEYDOWN]
    assert len(downs) > 1
    # Nothing tells pygame's repeated KEYDOWN from the first one.
    assert all(e.dict == downs[0].dict for e in downs)
    assert repeated[-1].type == pygame.KEYUP


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_held_letter_keeps_typing_even_with_pygame_repeat_off(layout: str) -> None:
    # The X server repeats the text itself; pygame's set_repeat only governs KEYDOWN.
    events = hold(layout, "A", text_input=True, repeat=False)
    assert Counter(e.type for e in events)[pygame.TEXTINPUT] > 1


def test_press_gives_events_ready_to_post() -> None:
    events = press("ru", "G", text_input=True)
    assert [e.type for e in events] == [pygame.KEYDOWN, pygame.TEXTINPUT, pygame.KEYUP]
    assert events[0].dict == {"unicode": "п", "key": ord("п"), "mod": 0, "scancode": 10}
    assert events[1].dict == {"text": "п"}


def test_unknown_layouts_and_keys_are_named_in_the_error() -> None:
    with pytest.raises(KeyError, match="recorded: by, de"):
        press("xx", "A", text_input=True)
    with pytest.raises(KeyError, match="'Pause' was not recorded"):
        press("us", "Pause", text_input=True)
