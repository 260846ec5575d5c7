"""One answer of a dialog: its button, the keys that also press it, and what it does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clarity.ui.keys import KeySpec
from clarity.ui.widgets import Button


@dataclass
class Choice:
    """One answer to a dialog (``app.screens.push("dialog", ...)``).

    ``keys`` press it besides its button (a :class:`~clarity.ui.keys.Letter` works on any
    layout); ``key_hint`` is the badge on its button, by default its first key's cap.
    """

    label: str
    action: Callable[[], None]
    key_hint: str | None = None
    keys: tuple[KeySpec, ...] = ()
    primary: bool = False  # drawn as the main button; Enter presses it
    danger: bool = False  # drawn in the danger tone: it deletes something
    submits: bool = False  # with a text field: hands the text to the dialog's on_submit
    button: Button = field(init=False)

    def __post_init__(self) -> None:
        if self.key_hint is None:
            self.key_hint = self.keys[0].cap if self.keys else ""
        tone = "danger" if self.danger else "main" if self.primary else "plain"
        self.button = Button(self.label, self.action, key_hint=self.key_hint, tone=tone)
