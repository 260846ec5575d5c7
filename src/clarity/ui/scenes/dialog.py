"""A small question card over the screen below: a name to type, or a choice to confirm.

Used for a new player's name, a rename, "Are you sure?" before a delete, and the offer
to continue an interrupted round. It looks like the pause menu (a shaded screen, one
panel) and, like it, leaves the stack before it calls what was chosen, so the callback
can change the stack as it needs.

Its texts (the heading, the message, the choices' labels, the placeholder) come in the
interface language from whoever opens it: a dialog lives for one question, during which
the language cannot change (the Settings screen is never opened over one). The hints say
each choice by its label, so they are drawn as they are (:class:`~clarity.ui.bindings.Said`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from clarity.ui import keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, KeyHint, Said, handle_key, key_hints
from clarity.ui.choices import Choice
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.menu_frame import button_width
from clarity.ui.scene import Scene
from clarity.ui.textfit import wrap_lines
from clarity.ui.widgets import FocusGroup, TextField, draw_panel, focus_keys

if TYPE_CHECKING:
    from clarity.ui.app import App

SHADE_ALPHA = 200  # as the pause menu: the screen behind stays there, but quiet


#: Checks a typed text; returns a message for the player, or None when it was taken.
Submit = Callable[[str], str | None]


class DialogScene(Scene):
    """A heading, a message, an optional text field and a row of choices.

    With a text field, letters type (only Enter and Esc are keys); without one, each
    choice's own keys press it. Esc presses the ``cancel`` choice (the last one unless
    told otherwise).
    """

    opaque = False

    def __init__(
        self,
        app: App,
        heading: str,
        message: str,
        choices: Sequence[Choice],
        *,
        name: str = "dialog",
        text: str | None = None,  # a text field, starting with this text
        placeholder: str = "",
        max_length: int = 80,
        on_submit: Submit | None = None,
        cancel: int = -1,
    ) -> None:
        super().__init__(app)
        self.name = name
        self.heading = heading
        self.message = message
        self.choices = list(choices)
        self.cancel_index = cancel % len(self.choices)
        self.on_submit = on_submit
        self.error = ""
        self.field: TextField | None = None
        self._initial_text = text
        if text is not None:
            self.field = TextField(self._submit, max_length=max_length, placeholder=placeholder)
        for choice in self.choices:
            choice.button.action = self._chooser(choice)
        self.focus = FocusGroup([c.button for c in self.choices], columns=len(self.choices))
        self.focus.index = next((i for i, c in enumerate(self.choices) if c.primary), 0)
        self._metrics = app.look.metrics(app.options.size)
        self._panel = pygame.Rect(0, 0, 0, 0)
        self._inner_w = self._metrics.px(52)
        self._column = False  # the choices in a column rather than a row
        self._heading_rect = pygame.Rect(0, 0, 0, 0)
        self._message_rect = pygame.Rect(0, 0, 0, 0)
        self._error_rect = pygame.Rect(0, 0, 0, 0)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._shade: pygame.Surface | None = None
        self._backdrop = Backdrop()
        self._closing = False

    # -- reading the state ------------------------------------------------------------

    def text_field_rect(self) -> pygame.Rect | None:
        """Letters type into the field (M does not mute) while there is one."""
        return self.field.rect if self.field is not None and not self._closing else None

    @property
    def text(self) -> str:
        return self.field.text if self.field is not None else ""

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """The panel and what is in it, by name (for the layout tests)."""
        boxes = {
            "panel": self._panel.copy(),
            "heading": self._heading_rect.copy(),
            "hints": self._hints_area.copy(),
        }
        if self.message:
            boxes["message"] = self._message_rect.copy()
        if self.field is not None:
            boxes["field"] = self.field.rect.copy()
            boxes["error"] = self._error_rect.copy()
        for i, choice in enumerate(self.choices):
            boxes[f"choice_{i}"] = choice.button.rect.copy()
        return boxes

    def bindings(self) -> tuple[Binding, ...]:
        """The dialog's keys: with a text field Enter and Esc (letters type); else the
        arrows, each choice's own keys, and Esc for the cancel choice."""
        cancel = Binding("cancel", (keys.ESCAPE,), self._said(self.cancel_index))
        if self.field is not None:
            primary = self._said(self._primary_index())
            return (
                Binding("choose_primary", (keys.ENTER,), primary),
                cancel,
                Binding("focus.next", (keys.TAB,), repeats=True),
                Binding("focus.previous", (keys.SHIFT_TAB,), repeats=True),
            )
        rows = [*focus_keys(press="", columns=not self._column)]
        rows += [
            Binding("choose", choice.keys, self._said(i), args=(i,))
            for i, choice in enumerate(self.choices)
            if choice.keys
        ]
        return (*rows, cancel)

    def hints(self) -> tuple[KeyHint, ...]:
        return key_hints(self.bindings())

    def _said(self, index: int) -> Said:
        """The hint of choice ``index``: its label (in the language already), as a hint."""
        return Said(self.choices[index].label.lower())

    # -- actions ------------------------------------------------------------------------

    def choose(self, index: int) -> None:
        self.choices[index].button.press()

    def cancel(self) -> None:
        self.choose(self.cancel_index)

    def choose_primary(self) -> None:
        self.choose(self._primary_index())

    def _chooser(self, choice: Choice) -> Callable[[], None]:
        action = choice.action

        def press() -> None:
            if choice.submits:
                self._submit(self.text)
            elif self._close():
                action()

        return press

    def _submit(self, text: str) -> None:
        if self._closing:
            return
        if self.on_submit is not None:
            problem = self.on_submit(text)
            if problem is not None:
                self.error = problem
                self.app.services.sound.play("wrong")
                return
        self._close()

    def _close(self) -> bool:
        """Leave the stack once; False when already leaving (a double press)."""
        if self._closing:
            return False
        self._closing = True
        self.app.services.sound.play("click")
        self.app.pop()
        return True

    def _primary_index(self) -> int:
        return next((i for i, c in enumerate(self.choices) if c.primary), 0)

    # -- the scene ----------------------------------------------------------------------

    def enter(self) -> None:
        if self.field is not None:
            self.field.start(self._initial_text or "")

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        width, height = size
        gap = metrics.gap
        pad = metrics.px(2.4)
        widest = width - 4 * metrics.margin
        # a longer language's words may need the panel wider than usual to stay on the screen
        for inner_w in (min(widest, max(metrics.px(52), round(width * 0.46))), widest):
            self._inner_w = inner_w
            heading_h = sum(line.get_height() for line in self._heading_lines())
            message_h = sum(line.get_height() for line in self._message_lines(inner_w))
            field_h = error_h = 0
            if self.field is not None:
                field_h = assets.font(metrics.heading_size).get_linesize() + metrics.px(1.2)
                error_h = 2 * assets.font(metrics.small_size, True).get_linesize()
            button_h = max(metrics.px(5.0), assets.font(metrics.body_size, True).get_linesize())
            count = len(self.choices)
            # side by side while every label fits at body size; else a column (as the pause menu)
            self._column = count > 1 and any(
                button_width(c.button, assets, metrics) > (inner_w - (count - 1) * gap) // count
                for c in self.choices
            )
            buttons_h = count * button_h + (count - 1) * gap if self._column else button_h
            hints_h = key_hints_height(self.hints(), assets, metrics, inner_w)
            parts = [heading_h, message_h, field_h, error_h, buttons_h, hints_h]
            panel_h = 2 * pad + sum(parts) + gap * (sum(1 for p in parts if p) - 1)
            if panel_h <= height - 2 * metrics.margin:
                break
        self._panel = pygame.Rect(0, 0, inner_w + 2 * pad, panel_h)
        self._panel.center = (width // 2, height // 2)
        x = self._panel.x + pad
        y = self._panel.y + pad
        self._heading_rect = pygame.Rect(x, y, inner_w, heading_h)
        y += heading_h + gap
        if self.message:
            self._message_rect = pygame.Rect(x, y, inner_w, message_h)
            y += message_h + gap
        if self.field is not None:
            self.field.rect = pygame.Rect(x, y, inner_w, field_h)
            y += field_h + gap
            self._error_rect = pygame.Rect(x, y, inner_w, error_h)
            y += error_h + gap
        if self._column:
            for choice in self.choices:
                choice.button.rect = pygame.Rect(x, y, inner_w, button_h)
                y += button_h + gap
        else:
            choice_w = (inner_w - (count - 1) * gap) // count
            for i, choice in enumerate(self.choices):
                choice.button.rect = pygame.Rect(x + i * (choice_w + gap), y, choice_w, button_h)
            y += button_h + gap
        self.focus.columns = 1 if self._column else count
        self._hints_area = pygame.Rect(x, y, inner_w, hints_h)
        self._shade = None

    def handle_event(self, event: pygame.event.Event) -> None:
        if handle_key(self, self.bindings(), event):
            return
        if self.field is not None:
            if self.field.handle_event(event):
                self.error = ""
                return
            if event.type == pygame.KEYDOWN:
                return  # letters type; only Tab moves between the buttons
        if event.type != pygame.KEYDOWN:
            self.focus.handle_event(event)  # the mouse

    def update(self, dt: float) -> None:
        if self.field is not None:
            self.field.update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        if self.app.scenes and self.app.scenes[0] is self:
            self._backdrop.draw(surface, palette)  # nothing below to shade: the first screen
        if self._shade is None or self._shade.get_size() != surface.get_size():
            self._shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            self._shade.fill((*palette.background, SHADE_ALPHA))
        surface.blit(self._shade, (0, 0))
        draw_panel(surface, self._panel, metrics, palette.panel, palette.panel_edge)
        y = self._heading_rect.y
        for line in self._heading_lines():
            surface.blit(line, line.get_rect(midtop=(self._heading_rect.centerx, y)))
            y += line.get_height()
        if self.message:
            y = self._message_rect.y
            for line in self._message_lines(self._message_rect.width):
                surface.blit(line, line.get_rect(midtop=(self._message_rect.centerx, y)))
                y += line.get_height()
        if self.field is not None:
            self.field.draw(surface, assets, metrics)
            if self.error:
                error = assets.fit_text(
                    self.error,
                    metrics.small_size,
                    metrics.tiny_size,
                    palette.wrong,
                    self._error_rect.size,
                    bold=True,
                )
                surface.blit(error, self._error_rect.topleft)
        self.focus.draw(surface, assets, metrics)
        draw_key_hints(surface, self.hints(), assets, metrics, self._hints_area)

    def _heading_lines(self) -> list[pygame.Surface]:
        """The heading in centred lines, at the largest size that takes at most three."""
        metrics = self._metrics
        assets = self.app.services.assets
        size = max(metrics.heading_size, metrics.px(4.0))
        while True:
            lines = wrap_lines(assets.font(size, True), self.heading, self._inner_w, 3)
            cut = lines and lines[-1].endswith("…")
            if not cut or size <= metrics.body_size:
                break
            size = max(metrics.body_size, size * 9 // 10)
        colour = self.app.look.palette.text
        return [assets.text(line, size, colour, bold=True) for line in lines]

    def _message_lines(self, width: int) -> list[pygame.Surface]:
        """The message in lines, each to be centred (a wrapped render is left-aligned)."""
        assets = self.app.services.assets
        size = self._metrics.body_size
        lines = wrap_lines(assets.font(size), self.message, width, 4)
        colour = self.app.look.palette.text_muted
        return [assets.text(line, size, colour) for line in lines]
