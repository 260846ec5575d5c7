"""The events a real keyboard sends on real layouts, ready to post in the UI tests.

The recordings in ``tests/ui/keyboards/<layout>.json`` were made once by
``tools/record_keyboards.py``: real key presses under Xvfb with ``setxkbmap <layout>``, read
back through pygame-ce on SDL's X11 driver. So a test that posts them posts what a student's
keyboard would send on that layout, in that text-input state, and nothing it would not::

    from .keyboard_layouts import LAYOUTS, post_press, press

    for event in press("ru", "G", text_input=False):  # the key labelled G on a Russian keyboard
        pygame.event.post(event)  # KEYDOWN key=1087 ('п') scancode=10 unicode='', then KEYUP
    post_press("fr", "1", text_input=True)  # KEYDOWN key=K_1 unicode='&', TEXTINPUT '&', KEYUP

Keys are named by their US label, the physical key whatever the layout prints on it: "A"-"Z",
"1"-"0" (top row), "KP1"-"KP6" (keypad, Num Lock on) and "KP1 (NumLock off)", "Return",
"KP_Enter", "Escape", "space", "Tab", "BackSpace", "Delete", "Insert", "Left", "Right", "Up",
"Down", "Home", "End", "PageUp", "PageDown", "comma", "period", "semicolon", "F11", and combos
such as "shift+A", "shift+Insert", "ctrl+V", "ctrl+G", "ctrl+BackSpace" (``keys(layout)`` lists
them all). A combo's events include the modifier's own KEYDOWN and KEYUP around the key's.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pygame

KEYBOARDS = Path(__file__).resolve().parent / "keyboards"

#: The recorded layouts, by their ``setxkbmap`` name: ("by", "de", "fr", "gb", "ru", "ua", "us").
LAYOUTS: tuple[str, ...] = tuple(sorted(path.stem for path in KEYBOARDS.glob("*.json")))

# Fields of a recorded event that describe it for the reader and are not part of the event.
_NOT_EVENT_FIELDS = frozenset({"type", "key_name", "t_ms"})


@functools.cache
def recording(layout: str) -> dict[str, Any]:
    """The whole recording of ``layout`` as stored: ``recorded_with`` (how, SDL and pygame-ce
    versions, date), ``keys`` and ``held``. Raises KeyError naming the recorded layouts when
    ``layout`` is not one of them."""
    if layout not in LAYOUTS:
        raise KeyError(f"no recording of layout {layout!r}; recorded: {', '.join(LAYOUTS)}")
    return json.loads((KEYBOARDS / f"{layout}.json").read_text(encoding="utf-8"))


def keys(layout: str) -> list[str]:
    """The names of the key presses recorded for ``layout``, in the order they were recorded."""
    return list(recording(layout)["keys"])


def _state(text_input: bool) -> str:
    return "text_input_on" if text_input else "text_input_off"


def to_event(record: dict[str, Any]) -> pygame.event.Event:
    """A recorded event as a ``pygame.event.Event``: its type (``"KEYDOWN"`` -> pygame.KEYDOWN)
    and its attributes as SDL delivered them (key, scancode, mod, unicode; or text)."""
    fields = {name: value for name, value in record.items() if name not in _NOT_EVENT_FIELDS}
    return pygame.event.Event(getattr(pygame, record["type"]), fields)


def press_records(layout: str, key: str, *, text_input: bool) -> list[dict[str, Any]]:
    """The recorded events of one press of ``key`` on ``layout``, as stored (dicts with a
    ``type`` name). Raises KeyError naming the layout when ``key`` was not recorded."""
    presses = recording(layout)["keys"]
    if key not in presses:
        raise KeyError(f"{key!r} was not recorded on {layout!r}; see keys({layout!r})")
    return presses[key][_state(text_input)]


def press(layout: str, key: str, *, text_input: bool) -> list[pygame.event.Event]:
    """The events, in order, that one press of the physical ``key`` sends on ``layout`` while
    text input is on (``text_input=True``: after ``pygame.key.start_text_input()``) or off.

    Raises KeyError when the layout or the key was not recorded.
    """
    return [to_event(record) for record in press_records(layout, key, text_input=text_input)]


def post_press(layout: str, key: str, *, text_input: bool) -> None:
    """Post the events of :func:`press` to pygame's queue, in order."""
    for event in press(layout, key, text_input=text_input):
        pygame.event.post(event)


def held_keys(layout: str) -> list[str]:
    """The keys recorded held down for a second on ``layout`` ("A" and "Return")."""
    return list(recording(layout)["held"])


def hold(layout: str, key: str, *, text_input: bool, repeat: bool) -> list[pygame.event.Event]:
    """The events, in order, of holding ``key`` down for one second on ``layout``, with
    ``pygame.key.set_repeat(400, 35)`` (``repeat=True``) or with pygame's repeat off.

    pygame's repeated KEYDOWNs are equal to the first one (nothing marks them as repeats), and
    while text input is on the X server's own repeat sends further TEXTINPUTs whether pygame
    repeats or not: these are what a held key really sends. Raises KeyError when the layout or
    the key was not recorded held.
    """
    held = recording(layout)["held"]
    if key not in held:
        raise KeyError(f"{key!r} was not recorded held on {layout!r}; held: {list(held)}")
    records = held[key][_state(text_input)]["repeat_on" if repeat else "repeat_off"]
    return [to_event(record) for record in records]
