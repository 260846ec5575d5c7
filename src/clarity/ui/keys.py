"""Which key a student pressed, named as it is printed on the keyboard, on any layout.

SDL gives two numbers with every key press: the *key code*, which the active layout
decides (the letter or symbol the key types), and the *scancode*, the physical
position of the key on a US keyboard (SDL_Scancode, after the USB HID usage tables).
The shortcuts of the game name the Latin letters printed on the buttons (A–F, G, T/F),
so a press is read this way:

* a key code that is a Latin letter a–z decides: French AZERTY's A key is the A;
* a key code that is a letter of another alphabet (Russian, Belarusian, Ukrainian
  ЙЦУКЕН, Greek…) leaves it to the scancode, since keyboards sold with those layouts
  print the Latin letters in the US positions: the key that types "п" is the G;
* anything else (AZERTY's comma where US has M, German "ü", a dead key) is no letter;
* a digit is a digit key code, a keypad digit, or a key of the top row by its position,
  since AZERTY types "&é"(" there without Shift and still prints 1 2 3 on those keys.

A :class:`KeySpec` matches a press; its ``cap`` is the text shown on the key hints.
Caps are the names printed on the keys (Enter, Esc, Tab, F11, Ctrl), which keyboards sold
in Russia and Belarus print in Latin letters too; only a key whose name is a word
(Space: «Пробел») is said in the interface language, by :func:`shown_cap` as it is drawn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pygame

from clarity.core.messages import N_

if TYPE_CHECKING:
    from clarity.i18n import Translator

#: SDL's scancodes for A–Z run in alphabetical order (USB HID usages 0x04–0x1D).
_LETTER_BY_SCANCODE: dict[int, str] = {pygame.KSCAN_A + i: chr(ord("A") + i) for i in range(26)}
#: The top row's digit keys, 1–9 then 0 (USB HID usages 0x1E–0x27).
_DIGIT_BY_SCANCODE: dict[int, int] = {pygame.KSCAN_1 + i: (i + 1) % 10 for i in range(10)}
_KEYPAD_DIGITS: dict[int, int] = {
    pygame.K_KP0: 0,
    pygame.K_KP1: 1,
    pygame.K_KP2: 2,
    pygame.K_KP3: 3,
    pygame.K_KP4: 4,
    pygame.K_KP5: 5,
    pygame.K_KP6: 6,
    pygame.K_KP7: 7,
    pygame.K_KP8: 8,
    pygame.K_KP9: 9,
}
#: Key codes of keys that type nothing carry this bit (SDLK_SCANCODE_MASK).
_NON_CHARACTER = 1 << 30
_CTRL = pygame.KMOD_CTRL | pygame.KMOD_META
_ALT = pygame.KMOD_ALT


def printed_letter(event: pygame.event.Event) -> str | None:
    """The Latin letter A–Z printed on the key of a KEYDOWN/KEYUP ``event``, or None."""
    key = event.key
    if pygame.K_a <= key <= pygame.K_z:
        return chr(key).upper()
    if key <= 0 or key & _NON_CHARACTER or key > 0x10FFFF:
        return None
    character = chr(key)
    if not character.isalpha() or unicodedata.name(character, "").startswith("LATIN"):
        return None  # not a letter, or a Latin letter other than a–z (ü, é, ß)
    return _LETTER_BY_SCANCODE.get(getattr(event, "scancode", 0))


def pressed_digit(event: pygame.event.Event) -> int | None:
    """The digit 0–9 of a KEYDOWN/KEYUP ``event`` (top row on any layout, or keypad), or None."""
    key = event.key
    if pygame.K_0 <= key <= pygame.K_9:
        return key - pygame.K_0
    if key in _KEYPAD_DIGITS:
        return _KEYPAD_DIGITS[key]
    return _DIGIT_BY_SCANCODE.get(getattr(event, "scancode", 0))


def _chord_matches(event: pygame.event.Event, ctrl: bool, shift: bool | None) -> bool:
    """Ctrl (or Cmd) held exactly when asked for, no Alt, and Shift when it is named.

    Alt is never part of a shortcut: AltGr types the third letter of a key on many
    European layouts, and SDL may report it as Alt.
    """
    mod = getattr(event, "mod", 0)
    if bool(mod & _CTRL) != ctrl or mod & _ALT:
        return False
    return shift is None or bool(mod & pygame.KMOD_SHIFT) == shift


class KeySpec(Protocol):
    """A key, or a key with modifiers, that a shortcut answers to."""

    @property
    def cap(self) -> str:
        """The key as the hints print it: "G", "Ctrl+V", "Enter"."""
        ...

    def matches(self, event: pygame.event.Event) -> bool:
        """Whether the KEYDOWN ``event`` is a press of this key."""
        ...


@dataclass(frozen=True, slots=True)
class Letter:
    """The key with the Latin ``letter`` (one of A–Z) printed on it, on any layout."""

    letter: str
    ctrl: bool = False
    shift: bool | None = None  # None: with or without Shift (Caps Lock is no matter)

    def __post_init__(self) -> None:
        if len(self.letter) != 1 or not "A" <= self.letter <= "Z":
            raise ValueError(f"a letter shortcut is one of A-Z, not {self.letter!r}")

    @property
    def cap(self) -> str:
        return _with_modifiers(self.letter, self.ctrl, self.shift)

    def matches(self, event: pygame.event.Event) -> bool:
        return printed_letter(event) == self.letter and _chord_matches(event, self.ctrl, self.shift)


@dataclass(frozen=True, slots=True)
class Digit:
    """The digit key ``digit`` (0–9): the top row on any layout, or the keypad."""

    digit: int

    @property
    def cap(self) -> str:
        return str(self.digit)

    def matches(self, event: pygame.event.Event) -> bool:
        return pressed_digit(event) == self.digit and _chord_matches(event, False, None)


@dataclass(frozen=True, slots=True)
class Key:
    """A key that types no letter (Enter, Esc, an arrow, F11), by its key codes."""

    codes: tuple[int, ...]
    name: str
    ctrl: bool = False
    shift: bool | None = None

    @property
    def cap(self) -> str:
        return _with_modifiers(self.name, self.ctrl, self.shift)

    def matches(self, event: pygame.event.Event) -> bool:
        return event.key in self.codes and _chord_matches(event, self.ctrl, self.shift)


def _with_modifiers(name: str, ctrl: bool, shift: bool | None) -> str:
    return ("Ctrl+" if ctrl else "") + ("Shift+" if shift else "") + name


ENTER = Key((pygame.K_RETURN, pygame.K_KP_ENTER), "Enter")
ESCAPE = Key((pygame.K_ESCAPE,), "Esc")
# Translators: the space bar's name on a key hint (keep it short)
SPACE = Key((pygame.K_SPACE,), N_("Space"))
TAB = Key((pygame.K_TAB,), "Tab", shift=False)
SHIFT_TAB = Key((pygame.K_TAB,), "Tab", shift=True)
UP = Key((pygame.K_UP,), "↑")
DOWN = Key((pygame.K_DOWN,), "↓")
LEFT = Key((pygame.K_LEFT,), "←")
RIGHT = Key((pygame.K_RIGHT,), "→")
PAGE_UP = Key((pygame.K_PAGEUP,), "PageUp")
PAGE_DOWN = Key((pygame.K_PAGEDOWN,), "PageDown")
HOME = Key((pygame.K_HOME,), "Home")
END = Key((pygame.K_END,), "End")
DELETE = Key((pygame.K_DELETE,), "Del")
BACKSPACE = Key((pygame.K_BACKSPACE,), "Backspace")
F11 = Key((pygame.K_F11,), "F11")

#: Key names said in the interface language (each marked with N_ where its key is made);
#: every other cap is printed on the key as the hints show it.
SAID_KEY_NAMES: frozenset[str] = frozenset({SPACE.name})
_NAME = re.compile(r"[A-Za-z]+")


def shown_cap(cap: str, translator: Translator) -> str:
    """``cap`` (a hint's or a badge's: "Space", "Enter Space", "Ctrl+V") as drawn in
    ``translator``'s language: the names of :data:`SAID_KEY_NAMES` translated, the rest as
    printed on the keys."""

    def said(name: re.Match[str]) -> str:
        word = name.group()
        return translator.gettext(word) if word in SAID_KEY_NAMES else word

    return _NAME.sub(said, cap)
