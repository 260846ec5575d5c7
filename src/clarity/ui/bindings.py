"""A screen's keys as data: one table drives both what a key does and the hints that say so.

Each screen declares its :class:`Binding` rows once (an action, the keys that do it, the
label of its hint). :func:`handle_key` finds the row a key press belongs to and calls the
screen's method of that name; :func:`key_hints` makes the hints along the bottom of the
screen from the same rows, so the two can never disagree (Textual's ``BINDINGS`` work
the same way). A screen whose keys change with its state (the play screen) builds its
table from its state each time, from rows declared once.

A hint's label is an English message id, marked with ``N_`` where the row is declared
(``Binding("back", (keys.ESCAPE,), N_("back"))``), and translated as the hints are drawn
(:mod:`clarity.ui.hints`), so a table made once at import speaks whatever language the
screens speak now; a label made at run time from words already in the language (a
dialog's choice) is a :class:`Said`, drawn as it is.

A held key does its action once: SDL and pygame send repeated KEYDOWNs while a key is
held, and the App marks those with ``event.repeat``; only rows with ``repeats`` (moving
in a list, scrolling) act on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pygame

from clarity.ui.keys import KeySpec, shown_cap

if TYPE_CHECKING:
    from clarity.i18n import Translator

#: One hint: the key cap text ("Enter", "↑ ↓") and what it does ("choose"), as declared:
#: the label an English message id, or a :class:`Said`.
KeyHint = tuple[str, str]


class Said(str):
    """A hint label already in the interface language (made from a translated text, such
    as a dialog's choice); the hints draw it as it is instead of translating it."""

    __slots__ = ()


def hint_in(hint: KeyHint, translator: Translator) -> KeyHint:
    """``hint`` as drawn in ``translator``'s language: its label translated (unless it is
    :class:`Said`), its cap's key names too (:func:`clarity.ui.keys.shown_cap`)."""
    cap, label = hint
    shown = label if isinstance(label, Said) or not label else translator.gettext(label)
    return shown_cap(cap, translator), shown


@dataclass(frozen=True, slots=True)
class Binding:
    """Keys that call ``screen.<action>(*args)``, and the hint that says so.

    ``label`` is what the hint says the keys do; rows without one are not shown, and rows
    with the label of an earlier row share its hint (the answers A–F are one hint).
    ``cap`` is the hint's key text when the keys' own caps would say too much.
    """

    action: str
    keys: tuple[KeySpec, ...]
    label: str = ""
    cap: str | None = None
    args: tuple[Any, ...] = ()
    repeats: bool = False

    @property
    def hint_cap(self) -> str:
        return self.cap if self.cap is not None else " ".join(k.cap for k in self.keys)

    def matches(self, event: pygame.event.Event) -> bool:
        if getattr(event, "repeat", False) and not self.repeats:
            return False
        return any(key.matches(event) for key in self.keys)


def binding_for(bindings: Iterable[Binding], event: pygame.event.Event) -> Binding | None:
    """The first row of ``bindings`` that the KEYDOWN ``event`` presses, or None."""
    if event.type != pygame.KEYDOWN:
        return None
    return next((b for b in bindings if b.matches(event)), None)


def is_repeat(event: pygame.event.Event) -> bool:
    """A KEYDOWN sent because a key is held, not pressed (see :class:`~clarity.ui.app.App`)."""
    return bool(getattr(event, "repeat", False))


def handle_key(screen: object, bindings: Iterable[Binding], event: pygame.event.Event) -> bool:
    """Call the action of the row ``event`` presses on ``screen``; True when there was one.

    An action may name an attribute's method: ``"focus.down"`` is ``screen.focus.down``.

    A held key's repeats are used up (True) without acting, unless the row ``repeats``:
    the key belongs to the screen and must not type or fall through elsewhere.
    """
    rows = tuple(bindings)
    binding = binding_for(rows, event)
    if binding is None:
        if event.type == pygame.KEYDOWN and is_repeat(event):
            return any(any(k.matches(event) for k in b.keys) for b in rows)
        return False
    target: Any = screen
    for name in binding.action.split("."):  # "focus.down": the screen's focus group
        target = getattr(target, name)
    target(*binding.args)
    return True


def key_hints(bindings: Sequence[Binding]) -> tuple[KeyHint, ...]:
    """The hints of ``bindings`` in their order: one per label, the first row's keys."""
    seen: set[str] = set()
    hints: list[KeyHint] = []
    for binding in bindings:
        if binding.label and binding.label not in seen:
            seen.add(binding.label)
            hints.append((binding.hint_cap, binding.label))
    return tuple(hints)
