"""The Settings screen: the rules, the display and the sound, applied as they are changed.

One row per setting of :data:`clarity.settings.SETTINGS` (the table that also drives the
settings file and ``clarity settings``), under its group's heading; the rules start with
a row for the presets. ↑ ↓ choose a row, ← → (or a click on the arrows) step its value,
Enter steps it on. Every change is saved at once and takes effect at once: the sound now,
the display as the screens are laid out again, the rules from the next round. From the
pause menu the screen shows only what may change in the middle of a round (the display
and the sound): the rules of a round are fixed when it starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from clarity.settings import (
    GROUPS,
    PRESETS,
    PRESETS_BY_NAME,
    GroupName,
    Setting,
    Settings,
    SettingValue,
    settings_in,
)
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.menu_frame import MenuFrame
from clarity.ui.menu_screen import BACK, MenuScreen
from clarity.ui.textfit import ellipsize
from clarity.ui.theme import Metrics
from clarity.ui.widgets import Button, FocusGroup, draw_focus_ring, draw_panel

if TYPE_CHECKING:
    from clarity.ui.app import App

HEADING = "Settings"
GROUP_TITLES: dict[GroupName, str] = {"rules": "Rules", "display": "Display", "sound": "Sound"}
#: The rows' keys: held arrows go on (down the list, up the volume).
SETTINGS_KEYS: tuple[Binding, ...] = (
    Binding("select", (keys.UP,), "choose", "↑ ↓", (-1,), repeats=True),
    Binding("select", (keys.DOWN,), "choose", args=(1,), repeats=True),
    Binding("select", (keys.SHIFT_TAB,), args=(-1,), repeats=True),
    Binding("select", (keys.TAB,), args=(1,), repeats=True),
    Binding("step", (keys.LEFT,), "change", "← →", (-1,), repeats=True),
    Binding("step", (keys.RIGHT,), "change", args=(1,), repeats=True),
    Binding("step", (keys.ENTER, keys.SPACE), args=(1,)),
    BACK,
)
PRESET_ROW = "preset"
CUSTOM = "custom"

#: How a value reads on the screen (the file and the command line write "x1.5", "on").
_SHOWN: dict[str, str] = {
    "on": "On",
    "off": "Off",
    "none": "No limit",
    "standard": "Standard",
    "high-contrast": "High contrast",
    "colour-blind-safe": "Colour-blind safe",
    "question": "The question",
    "question-and-answers": "Question and answers",
    CUSTOM: "Your own",
}


def shown_value(setting: Setting, value: SettingValue) -> str:
    """``value`` of ``setting`` as the screen writes it: "×1.5", "150 %", "No limit"."""
    written = setting.text(value)
    if written in _SHOWN:
        return _SHOWN[written]
    if written.startswith("x"):
        return "×" + written[1:]
    if setting.key in ("text-size", "volume"):
        return f"{written} %"
    return written


@dataclass
class SettingRow:
    """One row: a setting (None: the presets), and where it is drawn (in list pixels)."""

    setting: Setting | None
    top: int = 0
    height: int = 0
    rect: pygame.Rect | None = None  # on screen, once drawn
    left_arrow: pygame.Rect | None = None
    right_arrow: pygame.Rect | None = None

    @property
    def key(self) -> str:
        return self.setting.key if self.setting is not None else PRESET_ROW


class SettingsScene(MenuScreen):
    """The settings of ``groups`` (all three from the title; display and sound from the
    pause menu). Public for tests: ``rows``, ``selected`` and ``problem`` (why a change
    could not be saved, shown under the heading)."""

    name = "settings"

    def __init__(self, app: App, *, groups: tuple[GroupName, ...] = GROUPS) -> None:
        self.groups = groups
        self.back_button = Button("Back", self.back, key_hint="Esc")
        self.focus = FocusGroup([self.back_button], ring=False)
        super().__init__(app, MenuFrame(HEADING, [self.back_button], ()))
        self.rows: list[SettingRow] = []
        self._titles: list[tuple[GroupName, int]] = []  # group headings and their y
        self._stacked = False  # each label above its value (large text)
        for group in groups:
            if group == "rules":
                self.rows.append(SettingRow(None))
            self.rows += [SettingRow(setting) for setting in settings_in(group)]
        self.selected = 0
        self.problem = "  ".join(app.services.settings.problems)
        self._list = pygame.Rect(0, 0, 0, 0)
        self._value_w = 0  # every row's value in a box this wide, so the arrows line up
        self._frame.hints = self.hints()

    # -- the keys -----------------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        return (*SETTINGS_KEYS, *self.scroll_keys())

    # -- reading ------------------------------------------------------------------------

    def value_of(self, row: SettingRow) -> str:
        """What ``row`` shows as its value now (the command line's override says so)."""
        chosen = self.app.services.settings
        if row.setting is None:
            preset = chosen.saved.preset()
            return PRESETS_BY_NAME[preset].label if preset is not None else _SHOWN[CUSTOM]
        shown = shown_value(row.setting, chosen.saved.get(row.setting.key))
        override = chosen.overrides().get(row.setting.key)
        return f"Off for this run ({override})" if override else shown

    def choices_of(self, row: SettingRow) -> list[str]:
        """Every value ``row`` can show, as shown (to size the value's box)."""
        if row.setting is None:
            return [preset.label for preset in PRESETS] + [_SHOWN[CUSTOM]]
        return [shown_value(row.setting, value) for value in row.setting.steps] + [
            self.value_of(row)
        ]

    def help_of(self, row: SettingRow) -> str:
        if row.setting is None:
            preset = self.app.services.settings.saved.preset()
            if preset is None:
                return "the rules below are chosen one by one"
            return PRESETS_BY_NAME[preset].help
        return row.setting.help

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """The rows in view and the frame's parts, by name (for the layout tests)."""
        boxes = self._frame.boxes(self.app.services.assets)
        for row in self.rows:
            if row.rect is not None:  # the part in view (the list scrolls)
                boxes[f"row_{row.key}"] = row.rect.clip(self._list)
        return {name: box for name, box in boxes.items() if box.width and box.height}

    # -- actions ------------------------------------------------------------------------

    def select(self, step: int) -> None:
        """The row ``step`` rows down (up when negative), kept in view."""
        self.selected = max(0, min(len(self.rows) - 1, self.selected + step))
        self._keep_in_view()

    def step(self, direction: int) -> None:
        """The selected row's value one step on (1) or back (-1), saved and applied at once."""
        row = self.rows[self.selected]
        saved = self.app.services.settings.saved
        if row.setting is None:
            names = [preset.name for preset in PRESETS]
            current = saved.preset()
            index = names.index(current) + direction if current in names else 0
            self._apply(saved.with_preset(names[index % len(names)]))
            return
        value = row.setting.stepped(saved.get(row.setting.key), direction)
        self._apply(saved.with_values({row.setting.key: value}))

    def _apply(self, settings: Settings) -> None:
        services = self.app.services
        before = services.settings.saved
        if settings == before:
            return
        problem = services.change_settings(settings)
        self.problem = problem or ""
        if before.display != services.settings.saved.display:
            self.app.restyle()  # every screen on the stack, this one too
        else:
            self.layout(self.app.size)
        services.sound.play("click")

    # -- the scene ----------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        assets = self.app.services.assets
        self._frame.subheading = self.problem
        self._frame.subheading_colour = "wrong"
        self._frame.hints = self.hints()
        content = self._frame.layout(size, assets)
        metrics = self._metrics = self._frame.metrics
        self._list = content
        gap = metrics.gap
        body = assets.font(metrics.body_size, True).get_linesize()
        small = assets.font(metrics.small_size).get_linesize()
        title = assets.font(metrics.body_size, True).get_linesize()
        value_font = assets.font(metrics.body_size, True)
        widest = max(value_font.size(text)[0] for row in self.rows for text in self.choices_of(row))
        # the label and its help keep at least a third of the row
        self._value_w = min(widest + metrics.px(1.0), content.width * 3 // 5)
        # with large text a label that does not fit beside the value goes above it
        arrows = 2 * (value_font.size("◀")[0] + metrics.px(1.0))
        label_room = content.width - metrics.px(1.6) - self._value_w - arrows - 3 * metrics.px(1.2)
        labels = [row.setting.label if row.setting else "Preset" for row in self.rows]
        self._stacked = max(value_font.size(label)[0] for label in labels) > label_room
        y = 0
        self._titles = []
        group_of = [row.setting.group if row.setting else "rules" for row in self.rows]
        for i, row in enumerate(self.rows):
            if i == 0 or group_of[i] != group_of[i - 1]:
                self._titles.append((group_of[i], y))
                y += title + gap // 2
            row.top = y
            row.height = body + small + metrics.px(1.6) + (body if self._stacked else 0)
            y += row.height + gap // 2
        self._scroller.set(content, y)
        self._keep_in_view(immediate=True)
        if self.hints() != self._frame.hints:
            self.layout(size)  # the scroll keys came or went: the hints may change height

    def _keep_in_view(self, *, immediate: bool = False) -> None:
        row = self.rows[self.selected]
        title = 0
        if self.selected == 0 or _group(self.rows[self.selected - 1]) != _group(row):
            title = self.app.services.assets.font(self._metrics.body_size, True).get_linesize()
        self._scroller.show(row.top - title, row.top + row.height, immediate=immediate)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self._leaving:
            return
        if event.type == pygame.KEYDOWN:
            self.handle_key(event)
            return
        if self._scroller.handle_event(event, self._metrics):
            return
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for i, row in enumerate(self.rows):
                if row.rect is None or not row.rect.collidepoint(event.pos):
                    continue
                if not self._list.collidepoint(event.pos):
                    break
                self.selected = i
                left = row.left_arrow is not None and row.left_arrow.collidepoint(event.pos)
                self.step(-1 if left else 1)
                return
        self.focus.handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        self.draw_frame(surface)
        self.focus.draw(surface, assets, metrics)
        offset = round(self._scroller.offset)
        area = self._list
        previous_clip = surface.get_clip()
        surface.set_clip(area)
        for group, y in self._titles:
            accent = self.app.look.palette.accent
            text = assets.text(GROUP_TITLES[group], metrics.body_size, accent, bold=True)
            surface.blit(text, (area.x, area.y + y - offset))
        # room for the scrollbar beside the rows when the list scrolls
        width = area.width - (metrics.px(1.6) if self._scroller.max_offset > 0 else 0)
        for i, row in enumerate(self.rows):
            rect = pygame.Rect(area.x, area.y + row.top - offset, width, row.height)
            row.rect = rect
            if rect.bottom < area.top or rect.top > area.bottom:
                row.left_arrow = row.right_arrow = None
                continue
            self._draw_row(surface, row, rect, metrics, selected=i == self.selected)
        surface.set_clip(previous_clip)
        self._scroller.draw_bar(surface, metrics, self.app.look.palette)

    def _draw_row(
        self,
        surface: pygame.Surface,
        row: SettingRow,
        rect: pygame.Rect,
        metrics: Metrics,
        *,
        selected: bool,
    ) -> None:
        assets = self.app.services.assets
        palette = self.app.look.palette
        draw_panel(surface, rect, metrics, palette.panel, palette.panel_edge)
        if selected:
            ring = rect.inflate(-metrics.px(0.4), -metrics.px(0.4))
            draw_focus_ring(surface, ring, metrics, palette.focus)
        pad = metrics.px(1.2)
        value_font = assets.font(metrics.body_size, True)
        value = self.value_of(row)
        arrow_w = value_font.size("◀")[0] + metrics.px(1.0)
        value_w = self._value_w
        right = rect.right - pad
        band = rect.copy()  # where the value and its arrows are: beside the label, or under it
        if self._stacked:
            band.height = value_font.get_linesize() + metrics.px(0.8)
            band.bottom = rect.bottom
        row.right_arrow = pygame.Rect(right - arrow_w, band.y, arrow_w, band.height)
        value_box = pygame.Rect(row.right_arrow.left - value_w, band.y, value_w, band.height)
        row.left_arrow = pygame.Rect(value_box.left - arrow_w, band.y, arrow_w, band.height)
        colour = palette.accent if selected else palette.text
        for arrow, box in (("◀", row.left_arrow), ("▶", row.right_arrow)):
            shown = assets.text(arrow, metrics.body_size, colour, bold=True)
            surface.blit(shown, shown.get_rect(center=box.center))
        shown = assets.text(
            ellipsize(value_font, value, value_w), metrics.body_size, colour, bold=True
        )
        surface.blit(shown, shown.get_rect(center=value_box.center))
        text_w = max(10, row.left_arrow.left - rect.x - 2 * pad)
        if self._stacked:
            text_w = rect.width - 2 * pad
        label = row.setting.label if row.setting is not None else "Preset"
        label_font = assets.font(metrics.body_size, True)
        label_text = assets.text(
            ellipsize(label_font, label, text_w), metrics.body_size, palette.text, bold=True
        )
        help_font = assets.font(metrics.small_size)
        help_text = assets.text(
            ellipsize(help_font, self.help_of(row), text_w),
            metrics.small_size,
            palette.text_muted,
        )
        y = rect.y + metrics.px(0.8)
        surface.blit(label_text, (rect.x + pad, y))
        surface.blit(help_text, (rect.x + pad, y + label_font.get_linesize()))


def _group(row: SettingRow) -> GroupName:
    return row.setting.group if row.setting is not None else "rules"
