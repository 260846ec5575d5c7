"""A short notice over any screen ("Sound off"), so a key with no other visible effect shows.

The App owns one and draws it over the top scene; a new notice replaces the one showing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import Message
from clarity.ui.widgets import draw_panel

if TYPE_CHECKING:
    from clarity.i18n import Translator
    from clarity.ui.assets import Assets

NOTICE_SECONDS = 1.6  # long enough to read two words from the back of a class


class Notice:
    """One line of text shown for :data:`NOTICE_SECONDS` at the top of the window.

    A notice given as a :class:`~clarity.core.messages.Message` is said in the language of
    ``translator()`` each time it is drawn, so a language chosen while it shows (on the
    Settings screen, over a paused game) changes it too.
    """

    def __init__(self, translator: Callable[[], Translator] | None = None) -> None:
        self.said: Message | str | None = None
        self._translator = translator
        self._age = 0.0

    @property
    def text(self) -> str | None:
        """The notice showing, in the interface language; None when none shows."""
        if self.said is None or self._translator is None:
            return None if self.said is None else str(self.said)
        return self._translator().render(self.said)

    @property
    def showing(self) -> bool:
        return self.said is not None

    def show(self, text: Message | str) -> None:
        self.said = text
        self._age = 0.0

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds; the notice goes once its time is up."""
        if self.said is None:
            return
        self._age += dt
        if self._age >= NOTICE_SECONDS:
            self.said = None

    def draw(self, surface: pygame.Surface, assets: Assets) -> pygame.Rect | None:
        """Draw the notice (if any) centred near the top; returns where it drew."""
        shown = self.text
        if shown is None:
            return None
        metrics = assets.look.metrics(surface.get_size())
        palette = assets.look.palette
        text = assets.text(shown, metrics.body_size, palette.text, bold=True)
        room = surface.get_width() - metrics.px(8)
        if text.get_width() > room:  # a long one (a folder's path): smaller, then wrapped
            box = (room, surface.get_height() // 3)
            text = assets.fit_text(
                shown, metrics.body_size, metrics.small_size, palette.text, box, bold=True
            )
        panel = text.get_rect().inflate(metrics.px(4), metrics.px(1.6))
        panel.midtop = (surface.get_width() // 2, metrics.px(8))
        draw_panel(surface, panel, metrics, palette.background, palette.panel_edge)
        surface.blit(text, text.get_rect(center=panel.center))
        return panel
