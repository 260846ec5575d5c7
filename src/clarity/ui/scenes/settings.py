"""The Settings screen: the rules, the display, the sound, the class game and the study,
applied as they are changed.

One row per setting of :data:`clarity.settings.SETTINGS` (the table that also drives the
settings file and ``clarity settings``), under its group's heading; the rules start with
a row for the presets. ↑ ↓ choose a row, ← → (or a click on the arrows) step its value,
Enter steps it on. Every change is saved at once and takes effect at once: the sound now,
the display as the screens are laid out again, the rules from the next round. From the
pause menu the screen shows only what may change in the middle of a round (the display
and the sound): the rules of a round are fixed when it starts.

Every word is translated as the screen is laid out and drawn, so a language chosen here
shows at once, on this screen and every one below it (``App.restyle`` lays them all out
again). The values a file holds (``x1.5``, ``on``) are said in words of the language; each
language is named in itself (English, Русский, Беларуская), so a player finds their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_, Message
from clarity.i18n import AUTOMATIC, LANGUAGES, Translator
from clarity.settings import (
    GROUPS,
    PRESETS,
    PRESETS_BY_NAME,
    GroupName,
    Problem,
    Setting,
    Settings,
    SettingValue,
    settings_in,
)
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.menu_frame import MenuFrame
from clarity.ui.menu_screen import BACK, MenuScreen
from clarity.ui.textfit import ellipsize, wrap_lines
from clarity.ui.theme import Metrics
from clarity.ui.widgets import Button, FocusGroup, draw_focus_ring, draw_panel

if TYPE_CHECKING:
    from clarity.ui.app import App

HEADING = N_("Settings")
GROUP_TITLES: dict[GroupName, str] = {
    "rules": N_("Rules"),
    "display": N_("Display"),
    "sound": N_("Sound"),
    # Translators: the heading of the settings of the class game on students' devices
    "classroom": N_("Class game"),
    # the flashcards' settings (new cards a day), under the title's own word for them
    "study": N_("Study"),
}
#: The rows' keys: held arrows go on (down the list, up the volume or the new cards).
SETTINGS_KEYS: tuple[Binding, ...] = (
    # Translators: the key hint of the arrows that choose a row (a setting) on the screen
    Binding("select", (keys.UP,), N_("choose"), "↑ ↓", (-1,), repeats=True),
    Binding("select", (keys.DOWN,), N_("choose"), args=(1,), repeats=True),
    Binding("select", (keys.SHIFT_TAB,), args=(-1,), repeats=True),
    Binding("select", (keys.TAB,), args=(1,), repeats=True),
    # Translators: the key hint of the arrows that change the chosen setting's value
    Binding("step", (keys.LEFT,), N_("change"), "← →", (-1,), repeats=True),
    Binding("step", (keys.RIGHT,), N_("change"), args=(1,), repeats=True),
    Binding("step", (keys.ENTER, keys.SPACE), args=(1,)),
    BACK,
)
PRESET_ROW = "preset"
PRESET_LABEL = N_("Preset")
CUSTOM = "custom"
#: The presets' row when the rules are none of the presets'.
CUSTOM_HELP = N_("the rules below are chosen one by one")

#: How a value reads on the screen, as English message ids (the file and the command line
#: write "x1.5", "on", which are never translated).
_SHOWN: dict[str, str] = {
    # Translators: a setting's value on the Settings screen (a switch that is on)
    "on": N_("On"),
    # Translators: a setting's value on the Settings screen (a switch that is off)
    "off": N_("Off"),
    # Translators: the time per question with no countdown at all
    "none": N_("No limit"),
    # Translators: the standard theme or answer colours (not high contrast)
    "standard": N_("Standard"),
    "high-contrast": N_("High contrast"),
    "colour-blind-safe": N_("Colour-blind safe"),
    # Translators: read aloud: the question only
    "question": N_("The question"),
    "question-and-answers": N_("Question and answers"),
    # Translators: the presets' row when the rules were chosen one by one
    CUSTOM: N_("Your own"),
}


def language_name(tag: str) -> str:
    """The language of ``tag`` named in itself ("Русский"); the test-only pseudo-language
    by its tag."""
    return LANGUAGES.get(tag, tag)


def shown_value(setting: Setting, value: SettingValue, t: Translator) -> str:
    """``value`` of ``setting`` as the screen writes it in ``t``'s language: "×1.5" ("×1,5"
    in Russian), "150%" ("150 %"), "No limit", a language in its own name."""
    if setting.key == "language":  # a tag, or the test-only pseudo-language's
        if value == AUTOMATIC:
            return t.gettext("Automatic")
        return language_name(str(value))
    written = setting.text(value)
    if written in _SHOWN:
        return t.gettext(_SHOWN[written])
    if isinstance(value, float):  # the time per question, times the pack's limit
        return "×" + t.number(value)
    if setting.key in ("text-size", "volume") and isinstance(value, int):
        return t.percent(value / 100)
    if setting.key == "new-cards" and isinstance(value, int):
        if value == 0:
            # Translators: the setting "New cards a day" at 0: only the cards due are studied
            return t.gettext("None: reviews only")
        return t.number(value)
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
    """The settings of ``groups`` (all of them from the title; display and sound from the
    pause menu). Public for tests: ``rows``, ``selected`` and ``problem`` (why a change
    could not be saved, shown under the heading)."""

    name = "settings"

    def __init__(self, app: App, *, groups: tuple[GroupName, ...] = GROUPS) -> None:
        self.groups = groups
        self.back_button = Button(N_("Back"), self.back, key_hint="Esc")
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
        # what was wrong in the settings file, or why a change could not be saved: kept as
        # said (Problems, Messages) and put in the language as the screen is laid out
        self._problems: tuple[Problem | Message | str, ...] = tuple(app.services.settings.problems)
        self._helps: dict[int, list[str]] = {}  # each row's help, in lines (by row index)
        self._list = pygame.Rect(0, 0, 0, 0)
        self._value_w = 0  # every row's value in a box this wide, so the arrows line up
        self._frame.hints = self.hints()

    # -- the keys -----------------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        return (*SETTINGS_KEYS, *self.scroll_keys())

    # -- reading ------------------------------------------------------------------------

    @property
    def problem(self) -> str:
        """What the line under the heading says, in the interface language ("" when all is
        well): what was wrong in the settings file, or why the last change was not saved."""
        t = self.app.translator
        said = (p.text(t) if isinstance(p, Problem) else t.render(p) for p in self._problems)
        return "  ".join(said)

    def value_of(self, row: SettingRow) -> str:
        """What ``row`` shows as its value now, in the interface language: the value this
        run plays by, which the command line (``--no-timer``) or ``CLARITY_LANG`` may hold
        whatever is saved (the row's help then says so)."""
        chosen = self.app.services.settings
        t = self.app.translator
        if row.setting is None:
            preset = chosen.saved.preset()
            if preset is None:
                return t.gettext(_SHOWN[CUSTOM])
            return t.gettext(PRESETS_BY_NAME[preset].label)
        key = row.setting.key
        value = chosen.saved.get(key)
        override = chosen.overrides().get(key)
        if key == "language":
            language = chosen.language()
            if override:  # CLARITY_LANG: the language it chose
                value = language.language
            elif value == AUTOMATIC:  # with the language the computer's locale gives
                return t.gettext(
                    # Translators: the language setting "automatic", with the language the
                    # computer's settings give, named in itself: "Automatic — Русский"
                    "Automatic — {language}",
                    language=language_name(language.language),
                )
        if override and key != "language":
            value = False  # --no-timer, --no-streaks
        return shown_value(row.setting, value, t)

    def choices_of(self, row: SettingRow) -> list[str]:
        """Every value ``row`` can show, as shown (to size the value's box)."""
        t = self.app.translator
        if row.setting is None:
            return [t.gettext(preset.label) for preset in PRESETS] + [t.gettext(_SHOWN[CUSTOM])]
        return [shown_value(row.setting, value, t) for value in row.setting.steps] + [
            self.value_of(row)
        ]

    def label_of(self, row: SettingRow) -> str:
        """The row's name, in the interface language."""
        label = row.setting.label if row.setting is not None else PRESET_LABEL
        return self.app.translator.gettext(label)

    def help_of(self, row: SettingRow) -> str:
        """The row's line of help, in the interface language."""
        t = self.app.translator
        chosen = self.app.services.settings
        if row.setting is None:
            preset = chosen.saved.preset()
            if preset is None:
                return t.gettext(CUSTOM_HELP)
            return t.gettext(PRESETS_BY_NAME[preset].help)
        override = chosen.overrides().get(row.setting.key)
        if override:
            return t.gettext(
                # Translators: {option} is --no-timer, --no-streaks or CLARITY_LANG, as typed
                "set by {option} for this run; a change here is saved for the next runs",
                option=override,
            )
        return t.gettext(row.setting.help)

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
        self._problems = (problem,) if problem else ()
        if before.display != services.settings.saved.display:
            self.app.restyle()  # every screen on the stack, this one too
        else:
            self.layout(self.app.size)
        services.sound.play("click")

    # -- the scene ----------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        assets = self.app.services.assets
        t = self.app.translator
        self._frame.heading = t.gettext(HEADING)
        self.back_button.label = t.gettext("Back")
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
        pad = metrics.px(1.2)
        label_room = content.width - metrics.px(1.6) - self._value_w - arrows - 3 * pad
        labels = [self.label_of(row) for row in self.rows]
        self._stacked = max(value_font.size(label)[0] for label in labels) > label_room
        # the help beside the value, or across the row when stacked; room for the
        # scrollbar either way, so the lines hold whether the list scrolls or not
        help_w = max(10, content.width - metrics.px(1.6) - 2 * pad)
        if not self._stacked:
            help_w = max(10, label_room)
        help_font = assets.font(metrics.small_size)
        y = 0
        self._titles = []
        self._helps = {}
        group_of = [row.setting.group if row.setting else "rules" for row in self.rows]
        for i, row in enumerate(self.rows):
            if i == 0 or group_of[i] != group_of[i - 1]:
                self._titles.append((group_of[i], y))
                y += title + gap // 2
            # a longer language's help takes more lines rather than being cut short
            lines = self._helps[i] = wrap_lines(help_font, self.help_of(row), help_w, 6)
            row.top = y
            row.height = (
                body + small * max(1, len(lines)) + metrics.px(1.6) + (body if self._stacked else 0)
            )
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
            title = self.app.translator.gettext(GROUP_TITLES[group])
            text = assets.text(title, metrics.body_size, accent, bold=True)
            surface.blit(text, (area.x, area.y + y - offset))
        # room for the scrollbar beside the rows when the list scrolls
        width = area.width - (metrics.px(1.6) if self._scroller.max_offset > 0 else 0)
        for i, row in enumerate(self.rows):
            rect = pygame.Rect(area.x, area.y + row.top - offset, width, row.height)
            row.rect = rect
            if rect.bottom < area.top or rect.top > area.bottom:
                row.left_arrow = row.right_arrow = None
                continue
            self._draw_row(surface, i, rect, metrics, selected=i == self.selected)
        surface.set_clip(previous_clip)
        self._scroller.draw_bar(surface, metrics, self.app.look.palette)

    def _draw_row(
        self,
        surface: pygame.Surface,
        index: int,
        rect: pygame.Rect,
        metrics: Metrics,
        *,
        selected: bool,
    ) -> None:
        row = self.rows[index]
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
        label_font = assets.font(metrics.body_size, True)
        label_text = assets.text(
            ellipsize(label_font, self.label_of(row), text_w),
            metrics.body_size,
            palette.text,
            bold=True,
        )
        help_font = assets.font(metrics.small_size)
        y = rect.y + metrics.px(0.8)
        surface.blit(label_text, (rect.x + pad, y))
        y += label_font.get_linesize()
        for line in self._helps.get(index, []):
            shown = assets.text(
                ellipsize(help_font, line, text_w), metrics.small_size, palette.text_muted
            )
            surface.blit(shown, (rect.x + pad, y))
            y += help_font.get_linesize()


def _group(row: SettingRow) -> GroupName:
    return row.setting.group if row.setting is not None else "rules"
