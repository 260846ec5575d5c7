"""The events a real keyboard sends, for the tests to post: KEYDOWN, TEXTINPUT, KEYUP.

SDL sends, for every press, a KEYDOWN with the layout's key code, the key's scancode
(its US position), the modifiers and the character; a TEXTINPUT with the typed text only
while text input is on (never for keys that type nothing, nor for Ctrl chords on Latin
layouts: on Cyrillic ones Ctrl+V sends "м" too); and a
KEYUP. The recordings in ``tests/ui/keyboards`` show exactly this for seven layouts;
this module makes the same events for the US layout and the Russian ЙЦУКЕН layout, so
that a test can type "Москва" as a student does.
"""

from __future__ import annotations

import pygame

#: The US keyboard's character keys by scancode: (unshifted, shifted).
_US_ROWS = {
    pygame.KSCAN_GRAVE: "`~",
    pygame.KSCAN_MINUS: "-_",
    pygame.KSCAN_EQUALS: "=+",
    pygame.KSCAN_LEFTBRACKET: "[{",
    pygame.KSCAN_RIGHTBRACKET: "]}",
    pygame.KSCAN_BACKSLASH: "\\|",
    pygame.KSCAN_SEMICOLON: ";:",
    pygame.KSCAN_APOSTROPHE: "'\"",
    pygame.KSCAN_COMMA: ",<",
    pygame.KSCAN_PERIOD: ".>",
    pygame.KSCAN_SLASH: "/?",
    pygame.KSCAN_SPACE: "  ",
}
_US_ROWS |= {pygame.KSCAN_A + i: chr(ord("a") + i) + chr(ord("A") + i) for i in range(26)}
_US_ROWS |= {
    pygame.KSCAN_1 + i: pair
    for i, pair in enumerate(["1!", "2@", "3#", "4$", "5%", "6^", "7&", "8*", "9(", "0)"])
}
#: The Russian layout: the Cyrillic letter on each US letter position.
_RU_LETTERS = dict(
    zip("qwertyuiop[]asdfghjkl;'zxcvbnm,.`", "йцукенгшщзхъфывапролджэячсмитьбюё", strict=True)
)
_RU_ROWS = dict(_US_ROWS)
for _scancode, (_low, _high) in list(_US_ROWS.items()):
    if _low in _RU_LETTERS:
        _cyrillic = _RU_LETTERS[_low]
        _RU_ROWS[_scancode] = _cyrillic + _cyrillic.upper()

#: Hebrew (xkb "il"): the letter on each US position; Shift types the Latin capital.
_HE_LETTERS = dict(zip("ertyuiopasdfghjkl;'zxcvbnm,.", "קראטוןםפשדגכעיחלךף,זסבהנמצתץ", strict=True))
#: Arabic (xkb "ara"): the letter on each US position, and the vowel marks on Shift.
_AR_LETTERS = dict(
    zip("qwertyuiop[]asdfghjkl;'zxcvnm,./`", "ضصثقفغعهخحجدشسيبلاتنمكطئءؤرىةوزظذ", strict=True)
)
_AR_MARKS = {"q": "\u064e", "e": "\u064f", "a": "\u0650", "x": "\u0652", "`": "\u0651"}


def _letters_on(letters: dict[str, str], marks: dict[str, str]) -> dict[int, str]:
    rows = dict(_US_ROWS)
    for scancode, (low, high) in _US_ROWS.items():
        if low in letters:
            rows[scancode] = letters[low] + marks.get(low, high)
    return rows


LAYOUTS = {
    "us": _US_ROWS,
    "ru": _RU_ROWS,
    "he": _letters_on(_HE_LETTERS, {}),
    "ar": _letters_on(_AR_LETTERS, _AR_MARKS),
}

#: Keys that type nothing: their scancodes.
_NAMED_SCANCODES = {
    pygame.K_RETURN: pygame.KSCAN_RETURN,
    pygame.K_KP_ENTER: pygame.KSCAN_KP_ENTER,
    pygame.K_ESCAPE: pygame.KSCAN_ESCAPE,
    pygame.K_BACKSPACE: pygame.KSCAN_BACKSPACE,
    pygame.K_TAB: pygame.KSCAN_TAB,
    pygame.K_DELETE: pygame.KSCAN_DELETE,
    pygame.K_INSERT: pygame.KSCAN_INSERT,
    pygame.K_HOME: pygame.KSCAN_HOME,
    pygame.K_END: pygame.KSCAN_END,
    pygame.K_LEFT: pygame.KSCAN_LEFT,
    pygame.K_RIGHT: pygame.KSCAN_RIGHT,
    pygame.K_UP: pygame.KSCAN_UP,
    pygame.K_DOWN: pygame.KSCAN_DOWN,
    pygame.K_PAGEUP: pygame.KSCAN_PAGEUP,
    pygame.K_PAGEDOWN: pygame.KSCAN_PAGEDOWN,
    pygame.K_F11: pygame.KSCAN_F11,
    pygame.K_KP1: pygame.KSCAN_KP_1,
    pygame.K_KP2: pygame.KSCAN_KP_2,
    pygame.K_KP3: pygame.KSCAN_KP_3,
    pygame.K_KP4: pygame.KSCAN_KP_4,
    pygame.K_KP5: pygame.KSCAN_KP_5,
    pygame.K_KP6: pygame.KSCAN_KP_6,
}
_KEYPAD_TEXT = {pygame.K_KP1 + i: str(i + 1) for i in range(6)}


def scancode_of(key: int, layout: str = "us") -> int:
    """The scancode of the key that sends key code ``key`` on ``layout``."""
    if key in _NAMED_SCANCODES:
        return _NAMED_SCANCODES[key]
    for scancode, (low, _high) in LAYOUTS[layout].items():
        if ord(low) == key:
            return scancode
    raise KeyError(f"no key sends key code {key} on the {layout} layout")


def press_events(
    key: int,
    *,
    text_input: bool,
    mod: int = 0,
    layout: str = "us",
    scancode: int | None = None,
) -> list[pygame.event.Event]:
    """The events of one press and release of the key with key code ``key``.

    ``text_input`` says whether SDL's text input is on (then a key that types sends its
    text too, as TEXTINPUT, unless Ctrl or Alt is held).
    """
    if scancode is None:
        scancode = scancode_of(key, layout)
    pair = LAYOUTS[layout].get(scancode)
    shifted = bool(mod & pygame.KMOD_SHIFT)
    if pair is not None and key not in _NAMED_SCANCODES:
        character = pair[1] if shifted else pair[0]
    else:
        character = _KEYPAD_TEXT.get(key, "")
    typed = character if not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT) else ""
    common = {"key": key, "scancode": scancode, "mod": mod}
    events = [pygame.event.Event(pygame.KEYDOWN, unicode=typed, **common)]
    if text_input and typed:
        events.append(pygame.event.Event(pygame.TEXTINPUT, text=typed))
    events.append(pygame.event.Event(pygame.KEYUP, unicode=typed, **common))
    return events


def typing_events(text: str, *, text_input: bool) -> list[pygame.event.Event]:
    """The events of typing ``text`` key by key (Latin on the US layout, Cyrillic on ЙЦУКЕН,
    Hebrew and Arabic on theirs)."""
    events: list[pygame.event.Event] = []
    for character in text:
        for layout, rows in LAYOUTS.items():
            found = next(
                (
                    (scancode, pair.index(character))
                    for scancode, pair in rows.items()
                    if character in pair
                ),
                None,
            )
            if found is not None:
                scancode, shifted = found
                key = ord(rows[scancode][0])
                mod = pygame.KMOD_LSHIFT if shifted and character != " " else 0
                events += press_events(
                    key, text_input=text_input, mod=mod, layout=layout, scancode=scancode
                )
                break
        else:
            raise KeyError(f"no key types {character!r} on the layouts of {list(LAYOUTS)}")
    return events
