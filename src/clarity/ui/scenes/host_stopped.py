"""The projector when the class game's server stopped in the middle of the game: one line
that says so and why (the link's ``failure``, in the game's language) and the one key that
still works, Esc (or Enter) to the title, instead of a screen that stands still while the
devices can no longer reach the game.

The game was saved as it went: hosting the pack again offers to resume it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, handle_key, key_hints
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.host_view.hosting import HostedScene, Hosting
from clarity.ui.host_view.texts import Texts

if TYPE_CHECKING:
    from clarity.ui.app import App

TITLE = Binding("to_title", (keys.ESCAPE, keys.ENTER), N_("title"), "Esc")


class HostStoppedScene(HostedScene):
    """The server of a hosted game stopped (see the module); ``failure`` is its line."""

    name = "host-stopped"

    def __init__(self, app: App, hosting: Hosting, failure: str) -> None:
        super().__init__(app, hosting)
        self.failure = failure
        self._texts = Texts(app.services.assets)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._backdrop = Backdrop()

    def bindings(self) -> tuple[Binding, ...]:
        return (TITLE,)

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        return dict(self._texts.boxes) | {"hints": self._hints_area.copy()}

    def shown_texts(self) -> dict[str, str]:
        return dict(self._texts.words)

    def to_title(self) -> None:
        self.end_hosting()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            handle_key(self, self.bindings(), event)

    def update(self, dt: float) -> None:
        """Nothing comes from a server that stopped: no view is followed."""

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        palette = self.app.look.palette
        t = self.app.translator
        texts = self._texts = Texts(assets)
        width, height = size
        margin = metrics.margin
        hints_h = key_hints_height(key_hints(self.bindings()), assets, metrics, width - 2 * margin)
        self._hints_area = pygame.Rect(
            margin, height - hints_h - metrics.px(0.6), width - 2 * margin, hints_h
        )
        room = pygame.Rect(margin, margin, width - 2 * margin, self._hints_area.top - 2 * margin)
        texts.place(
            "failure",
            # Translators: {reason} is the server's own one line (in the game's language)
            t.gettext("The class server stopped: {reason}", reason=self.failure),
            (max(metrics.heading_size, metrics.px(4.2)), metrics.small_size),
            palette.wrong,
            room,
            bold=True,
            align="centre",
            middle=True,
        )

    def draw(self, surface: pygame.Surface) -> None:
        self._backdrop.draw(surface, self.app.look.palette)
        self._texts.draw(surface)
        metrics = self.app.look.metrics(surface.get_size())
        draw_key_hints(
            surface, key_hints(self.bindings()), self.app.services.assets, metrics, self._hints_area
        )
