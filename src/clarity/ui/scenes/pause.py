"""The pause menu: a translucent card over the round, to resume, restart or leave it.

Its words are put in the interface language as it is laid out, so a language changed on
the Settings screen opened from here shows on the menu as soon as that screen closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.bindings import Binding, KeyHint, handle_key, key_hints
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.keys import Letter
from clarity.ui.scene import Scene
from clarity.ui.widgets import Button, FocusGroup, draw_panel, focus_keys

if TYPE_CHECKING:
    from clarity.ui.app import App

HEADING = N_("Paused")
# Translators: the key hint of Esc on the pause menu, back to the round
RESUME = Binding("resume_round", (keys.ESCAPE,), N_("resume"))
RESTART = Binding("restart", (Letter("R"),))  # the button's badge says it
TITLE = Binding("title", (Letter("T"),))
SETTINGS = Binding("open_settings", (Letter("S"),))
#: The menu's keys. R and T are printed on their buttons, so they need no hint of their
#: own; a held Esc resumes once and goes no further (the round does not pause again).
PAUSE_KEYS: tuple[Binding, ...] = (*focus_keys(), RESUME, RESTART, SETTINGS, TITLE)
HINTS: tuple[KeyHint, ...] = key_hints(PAUSE_KEYS)
SHADE_ALPHA = 200  # how much the round behind darkens: still there, but not distracting


#: The restart button's words in a round's pause menu.
RESTART_ROUND = N_("Restart the round")


class PauseScene(Scene):
    """Pushed over the play scene by Esc; the play scene below keeps its state.

    Resume (or Esc) pops the menu. Restart and Title pop it too and then call their
    callback, which changes the stack as it needs (stack changes are applied in order at
    the end of the frame, so the callback sees the menu already leaving).
    """

    name = "pause"
    opaque = False

    def __init__(
        self,
        app: App,
        on_restart: Callable[[], None],
        on_title: Callable[[], None],
        restart_label: str = RESTART_ROUND,
    ) -> None:
        """``restart_label``: the restart button's words (an ``N_`` msgid), for a screen
        whose restart is not a round's (the True or False sprint)."""
        super().__init__(app)
        self.on_restart = on_restart
        self.on_title = on_title
        self.resume_button = Button(
            N_("Resume"), self.resume_round, key_hint=RESUME.hint_cap, tone="main"
        )
        self.restart_button = Button(restart_label, self.restart, key_hint=RESTART.hint_cap)
        # Translators: leaves the round for the title screen (the first screen of the game)
        self.title_button = Button(N_("Back to the title"), self.title, key_hint=TITLE.hint_cap)
        # what may change mid-round: the display and the sound (a round's rules are fixed)
        self.settings_button = Button(
            N_("Display and sound"), self.open_settings, key_hint=SETTINGS.hint_cap
        )
        #: each button's English id, put in the language as the menu is laid out
        self._labels = [(button, button.label) for button in self._buttons()]
        self.focus = FocusGroup(self._buttons())
        self._metrics = app.look.metrics(app.options.size)
        self._panel = pygame.Rect(0, 0, 0, 0)
        self._heading_pos = (0, 0)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._shade: pygame.Surface | None = None
        self._closing = False

    def _buttons(self) -> list[Button]:
        return [self.resume_button, self.restart_button, self.settings_button, self.title_button]

    @property
    def heading(self) -> str:
        return self.app.translator.gettext(HEADING)

    def _heading_text(self) -> pygame.Surface:
        """The heading, smaller if even the widest panel cannot hold it at title size."""
        metrics = self._metrics
        assets = self.app.services.assets
        colour = self.app.look.palette.text
        room = self._panel.width - 2 * metrics.px(2.4)
        heading = assets.text(self.heading, metrics.title_size, colour, bold=True)
        if heading.get_width() <= room:
            return heading
        box = (room, heading.get_height())
        return assets.fit_text(
            self.heading, metrics.title_size, metrics.body_size, colour, box, bold=True
        )

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """The panel and what is in it, by name (for the layout tests)."""
        heading = self._heading_text()
        return {
            "panel": self._panel.copy(),
            "heading": heading.get_rect(center=self._heading_pos),
            "resume": self.resume_button.rect.copy(),
            "restart": self.restart_button.rect.copy(),
            "title": self.title_button.rect.copy(),
            "settings": self.settings_button.rect.copy(),
            "hints": self._hints_area.copy(),
        }

    # -- actions -----------------------------------------------------------------

    def resume_round(self) -> None:
        self._close()

    def restart(self) -> None:
        if self._close():
            self.on_restart()

    def title(self) -> None:
        if self._close():
            self.on_title()

    def open_settings(self) -> None:
        """The display and the sound, over this menu (Esc comes back here)."""
        if not self._closing:
            self.app.screens.push("settings", groups=("display", "sound"))

    def _close(self) -> bool:
        """Pop the menu once; False when it is already leaving (a double press)."""
        if self._closing:
            return False
        self._closing = True
        self.app.pop()
        return True

    # -- the scene ---------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        for button, label in self._labels:
            button.label = self.app.translator.gettext(label)
        width, height = size
        button_height = max(metrics.px(5.0), assets.font(metrics.heading_size, True).get_linesize())
        room = width - 4 * metrics.margin
        # as wide as the heading needs (a longer language's), within the window
        heading_w = assets.font(metrics.title_size, True).size(self.heading)[0]
        button_width = min(room, max(metrics.px(42), round(width * 0.36), heading_w))
        pad = metrics.px(2.4)
        heading_height = assets.font(metrics.title_size, True).get_linesize()
        hints_height = key_hints_height(HINTS, assets, metrics, button_width)
        panel_height = (
            pad
            + heading_height
            + metrics.gap
            + len(self.focus.buttons) * button_height
            + (len(self.focus.buttons) - 1) * metrics.gap
            + metrics.gap
            + hints_height
            + pad
        )
        self._panel = pygame.Rect(0, 0, button_width + 2 * pad, panel_height)
        self._panel.center = (width // 2, height // 2)
        y = self._panel.y + pad
        self._heading_pos = (width // 2, y + heading_height // 2)
        y += heading_height + metrics.gap
        for button in self.focus.buttons:
            button.rect = pygame.Rect(0, y, button_width, button_height)
            button.rect.centerx = width // 2
            y += button_height + metrics.gap
        self._hints_area = pygame.Rect(self._panel.x + pad, y, button_width, hints_height)
        self._shade = None

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if not self._closing:
                handle_key(self, PAUSE_KEYS, event)  # keys do only what the table says
            return
        self.focus.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        if self._shade is None or self._shade.get_size() != surface.get_size():
            self._shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            self._shade.fill((*palette.background, SHADE_ALPHA))
        surface.blit(self._shade, (0, 0))
        draw_panel(surface, self._panel, metrics, palette.panel, palette.panel_edge)
        heading = self._heading_text()
        surface.blit(heading, heading.get_rect(center=self._heading_pos))
        self.focus.draw(surface, assets, metrics, size=metrics.heading_size)
        draw_key_hints(surface, HINTS, assets, metrics, self._hints_area)
