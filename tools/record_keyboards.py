"""Record the keyboard events SDL really sends on real keyboard layouts, for the UI tests.

The tests of issue 7 post, for each layout, exactly the events a real keyboard produces:
KEYDOWN (key code, scancode, modifiers, unicode), TEXTINPUT while text input is on, KEYUP.
This script records them once, so the tests need neither an X server nor guesses.

How it records: under an X server (Xvfb) with a window manager (openbox) so that the window
can hold the input focus, it sets each layout with ``setxkbmap <layout>``, opens a small
pygame-ce window (``SDL_VIDEODRIVER=x11``) in a fresh process, and presses physical keys with
``xdotool`` by X keycode, not by keysym, so the key pressed is the same physical key whatever
the layout (the keycodes are read from the server's own keymap by their XKB names, e.g.
``<AC01>`` for the key in the US "A" position). xdotool sends through XTEST, the path real
key presses take, because the window has the focus (the script checks before every press).
Every press is recorded twice, with ``pygame.key.start_text_input()`` and with
``pygame.key.stop_text_input()``, and the events that arrive are kept in order. A few keys are
also held for a second (``xdotool keydown``, wait, ``keyup``) with ``pygame.key.set_repeat``
on and off, to show what a held key sends.

Usage (Debian/Ubuntu: ``apt-get install -y xvfb xdotool x11-xkb-utils openbox``; ``xset``
from ``x11-xserver-utils`` is optional and only reports the server's repeat settings)::

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/record_keyboards.py \\
        [--out tests/ui/keyboards] [--layouts us gb de fr ru by ua]

Writes ``<out>/<layout>.json`` for each layout: a ``recorded_with`` header (tool, SDL and
pygame-ce versions, the ``setxkbmap`` layout, the date), ``keys`` (for each physical key,
named by its US label such as ``"A"``, ``"1"``, ``"Return"`` or ``"ctrl+V"``: its X keycodes and
the events for ``text_input_on`` and ``text_input_off``) and ``held`` (the held keys). The
script changes the X server's layout; it leaves it on the last layout recorded.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

LAYOUTS = ("us", "gb", "de", "fr", "ru", "by", "ua")
REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "tests" / "ui" / "keyboards"
XVFB_COMMAND = 'xvfb-run -a -s "-screen 0 1280x800x24"'

#: Seconds without a new event, once every key is up again, before a press counts as complete.
#: SDL delivers a press's events within a few milliseconds; the margin catches late text events.
QUIET_S = 0.15
#: Seconds a press may take in all before the recorder gives up on it.
PRESS_TIMEOUT_S = 3.0
#: How long a held key is held, in seconds, and pygame's repeat (delay, interval) in ms.
HOLD_S = 1.0
REPEAT_MS = (400, 35)
#: The events kept: everything a key press can make. Focus, mouse and window events are not.
KEPT = ("KEYDOWN", "KEYUP", "TEXTINPUT", "TEXTEDITING")

# The US labels of the letter keys by their XKB position names: row (AD = top letter row,
# AC = home row, AB = bottom row) and place from the left.
_LETTER_ROWS = {"AD": "QWERTYUIOP", "AC": "ASDFGHJKL", "AB": "ZXCVBNM"}


@dataclass(frozen=True)
class Press:
    """One physical key press to record.

    ``name`` is the key's US label (``"A"``, ``"1"``, ``"Return"``, ``"ctrl+V"``); ``key`` the XKB
    name of the physical key (``"AC01"``); ``modifiers`` the XKB names of the modifier keys held
    down around it (``("LCTL",)``), pressed in order and released in reverse; ``numlock`` whether
    Num Lock is on while it is pressed.
    """

    name: str
    key: str
    modifiers: tuple[str, ...] = ()
    numlock: bool = False


def _presses() -> list[Press]:
    letters = {
        letter: f"{row}{place:02d}"
        for row, labels in _LETTER_ROWS.items()
        for place, letter in enumerate(labels, start=1)
    }
    presses = [Press(letter, letters[letter]) for letter in sorted(letters)]
    presses += [Press(digit, f"AE{place:02d}") for place, digit in enumerate("1234567890", 1)]
    # Num Lock is usually on on a school computer, so "KP1" is the digit; the same keys with
    # Num Lock off (End, Down, ...) are recorded too, since both happen.
    presses += [Press(f"KP{n}", f"KP{n}", numlock=True) for n in range(1, 7)]
    presses += [Press(f"KP{n} (NumLock off)", f"KP{n}") for n in range(1, 7)]
    named = {
        "Return": "RTRN",
        "KP_Enter": "KPEN",
        "Escape": "ESC",
        "space": "SPCE",
        "Tab": "TAB",
        "BackSpace": "BKSP",
        "Delete": "DELE",
        "Insert": "INS",
        "Left": "LEFT",
        "Right": "RGHT",
        "Up": "UP",
        "Down": "DOWN",
        "Home": "HOME",
        "End": "END",
        "PageUp": "PGUP",
        "PageDown": "PGDN",
        "comma": "AB08",
        "period": "AB09",
        "semicolon": "AC10",
        "F11": "FK11",
    }
    presses += [Press(name, key) for name, key in named.items()]
    combos = {
        "shift+A": ("LFSH", "AC01"),
        "shift+Insert": ("LFSH", "INS"),
        "shift+Tab": ("LFSH", "TAB"),
        "shift+Left": ("LFSH", "LEFT"),
        "shift+Right": ("LFSH", "RGHT"),
        "shift+Home": ("LFSH", "HOME"),
        "shift+End": ("LFSH", "END"),
        "ctrl+A": ("LCTL", "AC01"),
        "ctrl+C": ("LCTL", "AB03"),
        "ctrl+G": ("LCTL", "AC05"),
        "ctrl+V": ("LCTL", "AB04"),
        "ctrl+X": ("LCTL", "AB02"),
        "ctrl+BackSpace": ("LCTL", "BKSP"),
        "ctrl+Delete": ("LCTL", "DELE"),
        "ctrl+Left": ("LCTL", "LEFT"),
        "ctrl+Right": ("LCTL", "RGHT"),
    }
    presses += [Press(name, key, (modifier,)) for name, (modifier, key) in combos.items()]
    return presses


PRESSES = _presses()
#: Keys held down for HOLD_S seconds, to record what a held key repeats.
HELD = (Press("A", "AC01"), Press("Return", "RTRN"))


class RecordingError(Exception):
    """The recording cannot go on (no display, a tool missing, the window lost the focus)."""


# --- the X side: keycodes, layouts, xdotool ----------------------------------------------


def _run(args: list[str]) -> str:
    try:
        done = subprocess.run(args, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise RecordingError(f"{args[0]} is not installed ({error.strerror})") from None
    if done.returncode != 0:
        raise RecordingError(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def read_keycodes() -> dict[str, int]:
    """Return the X server's keycodes by XKB key name (``{"AC01": 38, ...}``).

    Read from the server's keymap (``xkbcomp``), so the script presses the right physical
    keys whatever keycode set the server uses.
    """
    keymap = _run(["xkbcomp", "-xkb", os.environ["DISPLAY"], "-"])
    return {name: int(code) for name, code in re.findall(r"<(\w+)>\s*=\s*(\d+)\s*;", keymap)}


def _xdotool_key(keycodes: dict[str, int], name: str) -> str:
    code = keycodes[name]
    # xdotool reads a number as a keysym before a keycode, and "0"-"9" are keysyms (the digit
    # keys): a one-digit keycode (Escape is 9) would press a digit. Escape is named instead;
    # it is the same physical key on every layout.
    if code < 10:
        if name != "ESC":
            raise RecordingError(f"no safe way to press <{name}> (keycode {code}) with xdotool")
        return "Escape"
    return str(code)


def press_command(press: Press, keycodes: dict[str, int], window: int) -> list[str]:
    """The xdotool command line that presses ``press`` in ``window``: modifiers down, the key
    down and up, the modifiers up in reverse order (the way fingers do it)."""
    target = ["--window", str(window)]
    command = ["xdotool"]
    for modifier in press.modifiers:
        command += ["keydown", *target, _xdotool_key(keycodes, modifier)]
    command += ["key", *target, _xdotool_key(keycodes, press.key)]
    for modifier in reversed(press.modifiers):
        command += ["keyup", *target, _xdotool_key(keycodes, modifier)]
    return command


def x_repeat_settings() -> str | None:
    """The X server's auto repeat delay and rate as ``xset q`` states them, if xset is there."""
    if shutil.which("xset") is None:
        return None
    found = re.search(r"auto repeat delay:\s*(\d+)\s*repeat rate:\s*(\d+)", _run(["xset", "q"]))
    return f"delay {found[1]} ms, rate {found[2]}/s" if found else None


# --- the pygame side: one layout, in its own process ---------------------------------------


def _event_record(event: Any, started: float | None) -> dict[str, Any]:
    record: dict[str, Any] = {"type": pygame.event.event_name(event.type).upper()}
    record.update({k: v for k, v in event.__dict__.items() if k != "window"})
    if "key" in record:
        # For the reader only; the loader leaves it out of the posted event. pygame names no
        # key codes outside ASCII (a Cyrillic letter's name is ""), so those show the letter.
        key = record["key"]
        record["key_name"] = pygame.key.name(key) or (chr(key) if key < 0x110000 else "")
    if started is not None:
        record["t_ms"] = round((time.monotonic() - started) * 1000)
    return record


class Recorder:
    """A pygame-ce window under X that presses keys in itself and records what arrives."""

    def __init__(self, keycodes: dict[str, int]) -> None:
        self.keycodes = keycodes
        pygame.display.init()
        pygame.display.set_caption("record_keyboards")
        screen = pygame.display.set_mode((320, 200))
        screen.fill((40, 40, 60))
        pygame.display.flip()
        self.window = int(pygame.display.get_wm_info()["window"])
        self.kept = {getattr(pygame, name) for name in KEPT}
        self.focus()

    def focus(self) -> None:
        """Give the window the input focus and wait until both X and SDL agree it has it."""
        _run(["xdotool", "windowactivate", "--sync", str(self.window)])
        _run(["xdotool", "windowfocus", "--sync", str(self.window)])
        deadline = time.monotonic() + PRESS_TIMEOUT_S
        while time.monotonic() < deadline:
            pygame.event.pump()
            if pygame.key.get_focused() and self.has_x_focus():
                pygame.event.clear()
                return
            time.sleep(0.02)
        raise RecordingError("the pygame window did not get the input focus (is openbox running?)")

    def has_x_focus(self) -> bool:
        return _run(["xdotool", "getwindowfocus"]).strip() == str(self.window)

    def set_numlock(self, on: bool) -> None:
        mod_num = pygame.KMOD_NUM
        if bool(pygame.key.get_mods() & mod_num) != on:
            _run(["xdotool", "key", "--window", str(self.window), str(self.keycodes["NMLK"])])
            self.collect("Num_Lock")
        if bool(pygame.key.get_mods() & mod_num) != on:
            raise RecordingError(f"could not turn Num Lock {'on' if on else 'off'}")

    def _events(self) -> Iterator[Any]:
        pygame.event.pump()
        yield from (event for event in pygame.event.get() if event.type in self.kept)

    def collect(self, name: str) -> list[dict[str, Any]]:
        """Collect the events of one press, in order, until every key is up again and QUIET_S
        passes with nothing new."""
        started = time.monotonic()
        records: list[dict[str, Any]] = []
        down: set[int] = set()
        last = started
        while True:
            now = time.monotonic()
            for event in self._events():
                records.append(_event_record(event, None))
                if event.type == pygame.KEYDOWN:
                    down.add(event.scancode)
                elif event.type == pygame.KEYUP:
                    down.discard(event.scancode)
                last = now
            pressed = any(r["type"] == "KEYDOWN" for r in records)
            if pressed and not down and now - last >= QUIET_S:
                return records
            if now - started > PRESS_TIMEOUT_S:
                raise RecordingError(f"{name}: the press did not complete; got {records}")
            time.sleep(0.005)

    def expect_quiet(self, name: str) -> None:
        """Fail if anything arrived between presses: it would belong to no recording."""
        stray = [_event_record(event, None) for event in self._events()]
        if stray:
            raise RecordingError(f"events arrived after {name} was complete: {stray}")

    def record_press(self, press: Press) -> list[dict[str, Any]]:
        self.set_numlock(press.numlock)
        if not self.has_x_focus():
            self.focus()
        _run(press_command(press, self.keycodes, self.window))
        records = self.collect(press.name)
        self.expect_quiet(press.name)
        return records

    def record_hold(self, press: Press) -> list[dict[str, Any]]:
        if not self.has_x_focus():
            self.focus()
        key = _xdotool_key(self.keycodes, press.key)
        target = ["--window", str(self.window)]
        _run(["xdotool", "keydown", *target, key])
        held_from = time.monotonic()
        records: list[dict[str, Any]] = []
        # Keep pumping while the key is down, so events are timed as they arrive.
        while time.monotonic() - held_from < HOLD_S:
            records += [_event_record(e, held_from) for e in self._events()]
            time.sleep(0.005)
        _run(["xdotool", "keyup", *target, key])
        tail_from = time.monotonic()
        while time.monotonic() - tail_from < QUIET_S * 2:
            records += [_event_record(e, held_from) for e in self._events()]
            time.sleep(0.005)
        self.expect_quiet(press.name)
        return records

    def set_text_input(self, on: bool) -> None:
        if on:
            pygame.key.start_text_input()
        else:
            pygame.key.stop_text_input()

    def record_layout(self, presses: list[Press]) -> tuple[dict[str, Any], dict[str, Any]]:
        keys: dict[str, Any] = {
            press.name: {
                "xkb_keys": [*press.modifiers, press.key],
                "x_keycodes": [self.keycodes[k] for k in (*press.modifiers, press.key)],
                "numlock": press.numlock,
            }
            for press in presses
        }
        held: dict[str, Any] = {press.name: {} for press in HELD}
        for text_input in (True, False):
            state = "text_input_on" if text_input else "text_input_off"
            self.set_text_input(text_input)
            pygame.key.set_repeat()  # pygame's default: no repeat
            for press in presses:
                keys[press.name][state] = self.record_press(press)
            self.set_numlock(False)
            held_state: dict[str, Any] = {}
            for press in HELD:
                held[press.name][state] = held_state = {}
                pygame.key.set_repeat(*REPEAT_MS)
                held_state["repeat_on"] = self.record_hold(press)
                pygame.key.set_repeat()
                held_state["repeat_off"] = self.record_hold(press)
        return keys, held


def record_one(layout: str, out: Path, keycodes: dict[str, int], x_repeat: str | None) -> None:
    """Record ``layout`` (already set on the X server) into ``out/<layout>.json``."""
    recorder = Recorder(keycodes)
    keys, held = recorder.record_layout(PRESSES)
    query = _run(["setxkbmap", "-query"])
    header = {
        "tool": "tools/record_keyboards.py",
        "how": (
            f"{XVFB_COMMAND}, openbox as window manager, pygame-ce window with "
            "SDL_VIDEODRIVER=x11 holding the focus; each physical key pressed by X keycode "
            "with `xdotool key --window` (XTEST), modifiers held around it with xdotool "
            "keydown/keyup; every press once with pygame.key.start_text_input() "
            "(text_input_on) and once after pygame.key.stop_text_input() (text_input_off); "
            "KEYDOWN, KEYUP, TEXTINPUT and TEXTEDITING events kept in order of arrival"
        ),
        "setxkbmap": f"setxkbmap {layout}",
        "setxkbmap_query": dict(re.findall(r"^(\w+):\s*(.*?)\s*$", query, re.MULTILINE)),
        "sdl": ".".join(map(str, pygame.get_sdl_version())),
        "pygame_ce": pygame.version.ver,
        "python": platform.python_version(),
        "xdotool": _run(["xdotool", "version"]).strip(),
        "x_auto_repeat": x_repeat,
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "key_names": "US labels of the physical keys; 'KP1' is pressed with Num Lock on",
        "key_name_field": (
            "each event's key_name is pygame.key.name(key), or the character of a key code "
            "pygame has no name for; it is for the reader and is not part of the event"
        ),
        "held_how": (
            f"each key in 'held' is held {HOLD_S:g} s (xdotool keydown, wait, keyup) with "
            f"pygame.key.set_repeat{REPEAT_MS} (repeat_on) and pygame.key.set_repeat() "
            "(repeat_off); t_ms is the time of arrival after the keydown, in milliseconds"
        ),
    }
    pygame.display.quit()
    document = {"recorded_with": header, "keys": keys, "held": held}
    (out / f"{layout}.json").write_text(to_json(document), encoding="utf-8")


def to_json(document: dict[str, Any]) -> str:
    """``document`` as indented JSON with each event (and each list of numbers or names) on one
    line, so a reader (and a diff) sees one press's events together."""
    events: list[str] = []

    def compact(node: Any) -> Any:
        flat = isinstance(node, list) and all(not isinstance(v, dict | list) for v in node)
        if flat or (isinstance(node, dict) and "type" in node):
            events.append(json.dumps(node, ensure_ascii=False))
            return f"@event{len(events) - 1}@"
        if isinstance(node, dict):
            return {name: compact(value) for name, value in node.items()}
        if isinstance(node, list):
            return [compact(value) for value in node]
        return node

    text = json.dumps(compact(document), indent=1, ensure_ascii=False)
    text = re.sub(r'"@event(\d+)@"', lambda found: events[int(found[1])], text)
    return text + "\n"


# --- the driver ---------------------------------------------------------------------------


def _start_window_manager() -> subprocess.Popen[bytes] | None:
    """Start openbox unless a window manager already runs; without one the window may never
    get the focus. Returns the process this script started, to be ended by it."""
    if shutil.which("openbox") is None:
        raise RecordingError("openbox is not installed (apt-get install -y openbox)")
    manager = subprocess.Popen(
        ["openbox", "--sm-disable"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(1.0)
    if manager.poll() is not None:
        return None  # another window manager holds the display: use that one
    return manager


def record_all(layouts: list[str], out: Path) -> None:
    if not os.environ.get("DISPLAY"):
        raise RecordingError(f"no X display; run it as: {XVFB_COMMAND} python {sys.argv[0]}")
    out.mkdir(parents=True, exist_ok=True)
    manager = _start_window_manager()
    try:
        for layout in layouts:
            _run(["setxkbmap", layout])
            print(f"{layout}: recording {len(PRESSES)} presses ...", flush=True)
            started = time.monotonic()
            # A fresh process per layout: SDL reads the keymap when its video starts.
            env = dict(os.environ, SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy")
            env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
            done = subprocess.run(
                [sys.executable, __file__, "--one", layout, "--out", str(out)],
                env=env,
                check=False,
            )
            if done.returncode != 0:
                raise RecordingError(f"recording {layout} failed (exit {done.returncode})")
            print(f"{layout}: {out / (layout + '.json')} ({time.monotonic() - started:.0f} s)")
    finally:
        if manager is not None:
            manager.terminate()
            manager.wait(timeout=5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for <layout>.json")
    parser.add_argument("--layouts", nargs="+", default=list(LAYOUTS), metavar="LAYOUT")
    parser.add_argument("--one", metavar="LAYOUT", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    try:
        if args.one:
            record_one(args.one, args.out, read_keycodes(), x_repeat_settings())
        else:
            record_all(args.layouts, args.out)
    except RecordingError as error:
        print(f"record_keyboards: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
