"""Checks that a screen's hints, its keys and what they do come from one table of bindings.

A screen lists its keys as :class:`~clarity.ui.bindings.Binding` rows; these helpers
press every key of those rows as a real keyboard sends it (on the US and the Russian
layout) and see the row's action called, record the hints the screen really draws,
and hold a key down as a student does (one KEYDOWN, then repeats, then KEYUP).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pygame
import pytest

from clarity.ui import hints as hints_module
from clarity.ui.bindings import Binding, KeyHint, key_hints
from clarity.ui.keys import Digit, Key, KeySpec, Letter

from .conftest import Pilot
from .keyboard import LAYOUTS, press_events, scancode_of

#: What a hint may call a key instead of the key's own cap (a short name fits the bar).
_CAP_ALIASES = {"PgUp": "PageUp", "PgDn": "PageDown", "←→": "← →"}


def letter_key(letter: str, layout: str = "us") -> int:
    """The key code the key printed with the Latin ``letter`` sends on ``layout``: "g" on
    the US layout, "п" on the Russian one."""
    scancode = pygame.KSCAN_A + ord(letter.upper()) - ord("A")
    return ord(LAYOUTS[layout][scancode][0])


def spec_events(spec: KeySpec, *, layout: str = "us", text_input: bool = False) -> list:
    """The events of one press and release of the key ``spec`` names, on ``layout``."""
    if isinstance(spec, Letter):
        key = letter_key(spec.letter, layout)
        mod = _mod(spec.ctrl, spec.shift)
        return press_events(key, text_input=text_input, mod=mod, layout=layout)
    if isinstance(spec, Digit):
        return press_events(pygame.K_0 + spec.digit, text_input=text_input, layout=layout)
    assert isinstance(spec, Key), spec
    key = spec.codes[0]
    return press_events(
        key,
        text_input=text_input,
        mod=_mod(spec.ctrl, spec.shift),
        layout=layout,
        scancode=scancode_of(key, layout),
    )


def _mod(ctrl: bool, shift: bool | None) -> int:
    return (pygame.KMOD_LCTRL if ctrl else 0) | (pygame.KMOD_LSHIFT if shift else 0)


def press(pilot: Pilot, spec: KeySpec, *, layout: str = "us", frames: int = 1) -> None:
    """Press and release the key ``spec`` names, as ``layout`` sends it."""
    pilot.post(spec_events(spec, layout=layout, text_input=pilot.app.text_input_on), frames=frames)


def hold(pilot: Pilot, key: int, *, repeats: int = 3) -> None:
    """The key held down: one KEYDOWN, ``repeats`` more KEYDOWNs a frame apart with no
    KEYUP between (SDL's key repeat; the App marks them), then the KEYUP."""
    down, *_, up = press_events(key, text_input=False)
    for _ in range(1 + repeats):
        pilot.post([pygame.event.Event(pygame.KEYDOWN, down.dict)])
    pilot.post([pygame.event.Event(pygame.KEYUP, up.dict)])


@contextmanager
def drawn_hints(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[KeyHint, ...]]]:
    """Records the hints every call of ``draw_key_hints`` draws (it still draws them)."""
    drawn: list[tuple[KeyHint, ...]] = []
    original = hints_module.draw_key_hints

    def record(surface: pygame.Surface, hints: Sequence[KeyHint], *args: Any) -> None:
        drawn.append(tuple(hints))
        original(surface, hints, *args)

    for name, module in list(sys.modules.items()):
        if name.startswith("clarity.ui") and getattr(module, "draw_key_hints", None) is original:
            monkeypatch.setattr(module, "draw_key_hints", record)
    yield drawn


def cap_names_its_keys(cap: str, rows: Sequence[Binding]) -> bool:
    """Whether every key named in a hint's ``cap`` is a key of ``rows``."""
    caps = {key.cap for row in rows for key in row.keys}
    spaced = " ".join(_CAP_ALIASES.get(word, word) for word in cap.split())
    named = [word for word in spaced.replace("/", " ").split() if word]
    return all(word in caps for word in named)


def _owner(target: object, action: str) -> tuple[object, str]:
    *path, name = action.split(".")
    for part in path:
        target = getattr(target, part)
    return target, name


def assert_keys_call_their_actions(
    pilot: Pilot,
    target: object,
    rows: Sequence[Binding],
    *,
    layouts: Sequence[str] = ("us", "ru"),
    only: Callable[[Binding], bool] = lambda row: True,
) -> int:
    """Every key of every row (of those ``only`` keeps) pressed as a real keyboard sends
    it calls the row's action on ``target`` with its arguments, on every layout a letter
    is pressed with; returns how many presses were checked.

    The actions are stood in for while pressing, so the screen stays as it is.
    """
    checked = 0
    for row in rows:
        if not only(row):
            continue
        owner, name = _owner(target, row.action)
        assert callable(getattr(owner, name)), row.action
        for spec in row.keys:
            for layout in layouts if isinstance(spec, Letter) else ("us",):
                stand_in = mock.Mock(return_value=None)
                with mock.patch.object(owner, name, stand_in):
                    press(pilot, spec, layout=layout)
                calls = [c.args for c in stand_in.call_args_list]
                assert calls == [row.args], f"{spec.cap} on {layout} did not {row.action}"
                checked += 1
    return checked


def assert_hints_are_the_table(
    pilot: Pilot,
    drawn: list[tuple[KeyHint, ...]],
    shown: Sequence[Binding],
    handled: Sequence[tuple[object, Sequence[Binding]]],
) -> None:
    """The hints drawn in the next frame are exactly ``key_hints(shown)``; every key a
    hint names is a key of its rows; and every key of every labelled row, pressed, calls
    that row's action (``handled``: each table with the object its actions are on)."""
    drawn.clear()
    pilot.step()
    assert drawn, "no hints were drawn"
    assert drawn[-1] == key_hints(shown)
    for cap, label in drawn[-1]:
        assert cap_names_its_keys(cap, [r for r in shown if r.label == label]), (cap, label)
    for target, rows in handled:
        assert_keys_call_their_actions(pilot, target, rows, only=lambda row: bool(row.label))
