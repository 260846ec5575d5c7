"""Buttons, a text field, focus movement and the shapes of the answer buttons."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.assets import Assets
from clarity.ui.bindings import Binding, handle_key
from clarity.ui.text_edit import TextEdit, VisualLine
from clarity.ui.textfit import size_ladder, smallest_size
from clarity.ui.theme import Colour, Metrics, darken, lighten  # noqa: F401 - scenes import it here


def draw_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    metrics: Metrics,
    colour: Colour,
    edge: Colour | None,
) -> None:
    """A rounded panel of ``colour`` with a thin ``edge`` (None: none): the one card style
    every scene uses, in the colours of the look (``assets.look.palette``)."""
    pygame.draw.rect(surface, colour, rect, border_radius=metrics.radius)
    if edge is not None:
        pygame.draw.rect(
            surface, edge, rect, width=max(1, metrics.px(0.15)), border_radius=metrics.radius
        )


def draw_focus_ring(
    surface: pygame.Surface, rect: pygame.Rect, metrics: Metrics, colour: Colour
) -> None:
    """The ring round whatever the keyboard is on, in the palette's ``focus`` colour (3:1
    against every surface: WCAG 2.2 2.4.7 and 1.4.11)."""
    pygame.draw.rect(
        surface,
        colour,
        rect.inflate(metrics.px(0.8), metrics.px(0.8)),
        width=max(2, metrics.px(0.35)),
        border_radius=metrics.radius + metrics.px(0.4),
    )


@dataclass
class TextBlock:
    """A rendered text, where it is drawn, what it says and the room it was given."""

    surface: pygame.Surface
    rect: pygame.Rect
    words: str = ""  # what it says, for tests and the demo's log
    box: pygame.Rect | None = None  # the room it was given; drawing never leaves it

    def draw(self, surface: pygame.Surface) -> pygame.Rect:
        """Blit the part inside its box: a text that could not shrink enough is cut at its
        box rather than drawn over its neighbours (the layout tests see its full size in
        ``rect`` and fail)."""
        shown = self.rect.clip(self.box) if self.box is not None else self.rect
        return surface.blit(self.surface, shown.topleft, shown.move(-self.rect.x, -self.rect.y))


def shape_points(
    shape: str, center: tuple[float, float], radius: float
) -> list[tuple[float, float]]:
    """The outline of an answer shape, for pygame.draw.polygon."""
    cx, cy = center
    if shape == "triangle":
        angles = [-90, 30, 150]
        return [
            (cx + radius * math.cos(math.radians(a)), cy + radius * math.sin(math.radians(a)))
            for a in angles
        ]
    if shape == "diamond":
        return [(cx, cy - radius), (cx + radius, cy), (cx, cy + radius), (cx - radius, cy)]
    if shape == "square":
        r = radius * 0.8
        return [(cx - r, cy - r), (cx + r, cy - r), (cx + r, cy + r), (cx - r, cy + r)]
    if shape == "star":
        points = []
        for i in range(10):
            r = radius if i % 2 == 0 else radius * 0.45
            a = math.radians(-90 + i * 36)
            points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        return points
    if shape == "hexagon":
        return [
            (cx + radius * math.cos(math.radians(a)), cy + radius * math.sin(math.radians(a)))
            for a in range(0, 360, 60)
        ]
    # circle, approximated finely enough to look round
    return [
        (cx + radius * math.cos(2 * math.pi * i / 32), cy + radius * math.sin(2 * math.pi * i / 32))
        for i in range(32)
    ]


def draw_shape(
    surface: pygame.Surface, shape: str, center: tuple[float, float], radius: float, colour: Colour
) -> None:
    if shape == "circle":
        pygame.draw.circle(surface, colour, (round(center[0]), round(center[1])), round(radius))
    else:
        pygame.draw.polygon(surface, colour, shape_points(shape, center, radius))


#: A button's room in units (``Metrics.px``): its pad inside each edge; the gap between its
#: label and its key's badge (the badge never touches the label's last letter); how much
#: the badge is wider and taller than its cap's text; the least room between the badge and
#: the button's top and bottom edges; and the label's height less than the button's.
BUTTON_PAD = 1.2
BADGE_GAP = 0.9
BADGE_GROWTH = (0.8, 0.3)
BADGE_INSET = 0.4
LABEL_INSET = 0.6


@dataclass
class Button:
    """A clickable, focusable button with a label and the key that also presses it.

    ``label`` is drawn as it is (a screen puts its words in the interface language there
    as it lays out; an answer's text is the pack's); ``key_hint``, the key's cap, is drawn
    with its key names in the interface language ("Space").

    The label is fitted to :meth:`label_room` with its words whole (smaller type before a
    word breaks in two); the key's badge keeps its distance from the label and the edges
    (a smaller cap in a low button).

    ``tone`` names its colours in the look (:meth:`~clarity.ui.theme.Look.tone`: "plain",
    "main", "danger", "answer-0"...), so they follow the look at every draw.
    """

    label: str
    action: Callable[[], None]
    key_hint: str = ""
    tone: str = "plain"
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    enabled: bool = True
    shape: str | None = None  # an answer shape drawn before the label
    state: str = "normal"  # normal | right | wrong | dimmed: answer feedback

    def contains(self, pos: tuple[int, int]) -> bool:
        return self.enabled and self.rect.collidepoint(pos)

    def press(self) -> None:
        if self.enabled:
            self.action()

    def draw(
        self,
        surface: pygame.Surface,
        assets: Assets,
        metrics: Metrics,
        *,
        focused: bool,
        hovered: bool,
        size: int | None = None,
    ) -> None:
        look = assets.look
        tone = look.tone(self.tone if self.enabled else "disabled")
        if self.state == "dimmed":
            tone = look.dimmed(tone)
        elif self.state in ("right", "wrong"):
            tone = look.tone(self.state)
        elif hovered and self.enabled:
            tone = look.hovered(tone)
        rect = self.rect
        shadow = rect.move(0, metrics.px(0.35))
        pygame.draw.rect(surface, darken(tone.fill, 0.35), shadow, border_radius=metrics.radius)
        pygame.draw.rect(surface, tone.fill, rect, border_radius=metrics.radius)
        # the edge tells the button from what it stands on (3:1, WCAG 1.4.11); the mouse
        # over it thickens it, which shows in every theme
        edge = max(1, metrics.px(0.15)) * (2 if hovered and self.enabled else 1)
        pygame.draw.rect(surface, tone.edge, rect, width=edge, border_radius=metrics.radius)
        if focused:
            draw_focus_ring(surface, rect, metrics, look.palette.focus)
        pad = metrics.px(BUTTON_PAD)
        text_size = size or metrics.body_size
        room = self.label_room(assets, metrics)
        label = assets.fit_text(
            self.label,
            text_size,
            min(text_size, metrics.small_size),
            tone.ink,
            room.size,
            bold=True,
        )
        x = room.x
        if self.shape is not None:
            radius = shape_radius(rect, metrics)
            draw_shape(surface, self.shape, (rect.x + pad + radius, rect.centery), radius, tone.ink)
        elif not self.key_hint:
            x = rect.centerx - label.get_width() // 2
        surface.blit(label, (x, rect.centery - label.get_height() // 2))
        if self.key_hint:
            cap_size, badge = self._badge(assets, metrics)
            cap = keys.shown_cap(self.key_hint, assets.translator)
            hint_surface = assets.text(cap, cap_size, tone.ink, bold=True)
            pygame.draw.rect(surface, look.badge(tone), badge, border_radius=metrics.px(0.4))
            surface.blit(hint_surface, hint_surface.get_rect(center=badge.center))

    def label_room(
        self, assets: Assets, metrics: Metrics, rect: pygame.Rect | None = None
    ) -> pygame.Rect:
        """Where the label is fitted and drawn, in window pixels: inside the button's pad,
        after its answer shape and :data:`BADGE_GAP` before its key badge (the label is
        fitted to it with its words whole, ``Assets.fit_text``). A layout that weighs a
        size for the button passes it as ``rect`` (by default, the button's own)."""
        rect = self.rect if rect is None else rect
        pad = metrics.px(BUTTON_PAD)
        left = rect.x + pad
        if self.shape is not None:
            left += round(2 * shape_radius(rect, metrics)) + pad
        right = rect.right - pad
        if self.key_hint:
            right = self._badge(assets, metrics, rect)[1].left - metrics.px(BADGE_GAP)
        height = rect.height - metrics.px(LABEL_INSET)
        return pygame.Rect(left, rect.centery - height // 2, max(10, right - left), height)

    def _badge(
        self, assets: Assets, metrics: Metrics, rect: pygame.Rect | None = None
    ) -> tuple[int, pygame.Rect]:
        """The size in pixels the key's cap is drawn at and its badge's rectangle: the cap
        at the small size, or smaller in a button too low for it, so that the badge keeps
        :data:`BADGE_INSET` from the button's top and bottom edges."""
        rect = self.rect if rect is None else rect
        cap = keys.shown_cap(self.key_hint, assets.translator)
        grow_w, grow_h = metrics.px(BADGE_GROWTH[0]), metrics.px(BADGE_GROWTH[1])
        room = rect.height - 2 * metrics.px(BADGE_INSET) - grow_h
        ladder = size_ladder(metrics.small_size, smallest_size(metrics.tiny_size))
        size = next((s for s in ladder if assets.font(s, True).get_linesize() <= room), ladder[-1])
        badge = pygame.Rect(
            0,
            0,
            assets.fitter.width(cap, size, bold=True) + grow_w,
            assets.font(size, True).get_linesize() + grow_h,
        )
        badge.midright = (rect.right - metrics.px(BUTTON_PAD), rect.centery)
        return size, badge


def shape_radius(rect: pygame.Rect, metrics: Metrics) -> float:
    """The radius in pixels of the answer shape a button of ``rect`` draws before its label."""
    return min(rect.height * 0.28, metrics.px(2.0))


def main_button(label: str, action: Callable[[], None], key_hint: str = "") -> Button:
    """The screen's main action: the one yellow button."""
    return Button(label, action, key_hint=key_hint, tone="main")


def plain_button(label: str, action: Callable[[], None], key_hint: str = "") -> Button:
    """Any other action: a button in the plain buttons' blue."""
    return Button(label, action, key_hint=key_hint, tone="plain")


#: The keys of a group of buttons: arrows and Tab move (held, they go on), Enter or Space
#: presses. A screen lists these rows in its own table (:func:`focus_keys`) to show them.
FOCUS_KEYS: tuple[Binding, ...] = (
    Binding("next", (keys.TAB,), repeats=True),
    Binding("previous", (keys.SHIFT_TAB,), repeats=True),
    Binding("down", (keys.DOWN,), repeats=True),
    Binding("up", (keys.UP,), repeats=True),
    Binding("right", (keys.RIGHT,), repeats=True),
    Binding("left", (keys.LEFT,), repeats=True),
    Binding("press_focused", (keys.ENTER, keys.SPACE)),
)

_COLUMN_FOCUS_KEYS = tuple(row for row in FOCUS_KEYS if row.action not in ("left", "right"))


def focus_keys(
    move: str = N_("move"),
    press: str = N_("choose"),
    *,
    columns: bool = False,
    owner: str = "focus",
) -> tuple[Binding, ...]:
    """:data:`FOCUS_KEYS` for a screen's table, acting on its ``owner`` attribute (a
    :class:`FocusGroup`), with the hints ``↑ ↓ move`` (``← →`` when ``columns``) and
    ``Enter choose``; an empty label leaves a hint out. Labels are English message ids
    (mark a screen's own with ``N_``): the hints translate them as they are drawn."""
    cap = "← →" if columns else "↑ ↓"
    rows = []
    for row in FOCUS_KEYS:
        label = press if row.action == "press_focused" else move
        shown_cap = "Enter" if row.action == "press_focused" else cap
        rows.append(
            Binding(f"{owner}.{row.action}", row.keys, label, shown_cap, row.args, row.repeats)
        )
    return tuple(rows)


def grid_keys(press: str) -> tuple[Binding, ...]:
    """The keys of a screen laid out as a grid of buttons: the arrows call the screen's
    ``move(dx, dy)`` (held, they go on), Tab moves its focus group, Enter or Space presses
    (the hint ``Enter <press>``). The hint shows all four arrows: a grid has columns to
    go across as well as rows."""
    return (
        Binding("move", (keys.UP,), N_("move"), "↑ ↓ ← →", (0, -1), repeats=True),
        Binding("move", (keys.DOWN,), "move", args=(0, 1), repeats=True),
        Binding("move", (keys.LEFT,), "move", args=(-1, 0), repeats=True),
        Binding("move", (keys.RIGHT,), "move", args=(1, 0), repeats=True),
        Binding("focus.next", (keys.TAB,), repeats=True),
        Binding("focus.previous", (keys.SHIFT_TAB,), repeats=True),
        Binding("focus.press_focused", (keys.ENTER, keys.SPACE), press, "Enter"),
    )


class FocusGroup:
    """Buttons that arrows and Tab move between, Enter presses and the mouse points at.

    ``ring`` says whether the focus ring is drawn: a scene that shows it only once the
    keyboard is used turns it off until then (and again when the mouse moves).
    """

    def __init__(
        self, buttons: Sequence[Button] = (), columns: int = 1, *, ring: bool = True
    ) -> None:
        self.buttons: list[Button] = list(buttons)
        self.columns = columns
        self.index = 0
        self.hover: int | None = None
        self.ring = ring
        self._label_size: tuple[object, int] | None = None  # what it was worked out for, and it

    @property
    def focused(self) -> Button | None:
        if not self.buttons:
            return None
        return self.buttons[self.index % len(self.buttons)]

    @property
    def hovered(self) -> Button | None:
        """The button under the mouse pointer."""
        return self.buttons[self.hover] if self.hover is not None else None

    @property
    def ringed(self) -> Button | None:
        """The button the focus ring is drawn round (None while the ring is off)."""
        return self.focused if self.ring else None

    def set(self, buttons: Sequence[Button], columns: int = 1) -> None:
        """Other buttons; the pointer stays on its button if that is still among them."""
        hovered = self.hovered
        self.buttons = list(buttons)
        self.columns = columns
        self.index = min(self.index, max(0, len(self.buttons) - 1))
        self.hover = next((i for i, b in enumerate(self.buttons) if b is hovered), None)

    def next(self) -> None:
        self.move(1)

    def previous(self) -> None:
        self.move(-1)

    def up(self) -> None:
        self.move(-self.columns)

    def down(self) -> None:
        self.move(self.columns)

    def left(self) -> None:
        """Left in a row of buttons; nothing in a column (a scene may use it)."""
        if self.columns > 1:
            self.move(-1)

    def right(self) -> None:
        if self.columns > 1:
            self.move(1)

    def press_focused(self) -> None:
        if self.focused is not None:
            self.focused.press()

    def move(self, step: int) -> None:
        if not self.buttons:
            return
        n = len(self.buttons)
        for _ in range(n):
            self.index = (self.index + step) % n
            if self.buttons[self.index].enabled:
                return

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Move focus or press (:data:`FOCUS_KEYS`, the mouse); True when the event was used."""
        if event.type == pygame.KEYDOWN:
            # in a column, ← and → are the screen's (turning a page), not the group's
            rows = FOCUS_KEYS if self.columns > 1 else _COLUMN_FOCUS_KEYS
            return handle_key(self, rows, event)
        if event.type == pygame.MOUSEMOTION:
            self.hover = next(
                (i for i, b in enumerate(self.buttons) if b.contains(event.pos)), None
            )
            if self.hover is not None:
                self.index = self.hover
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for i, button in enumerate(self.buttons):
                if button.contains(event.pos):
                    self.index = i
                    button.press()
                    return True
        return False

    def draw(
        self, surface: pygame.Surface, assets: Assets, metrics: Metrics, size: int | None = None
    ) -> None:
        """Every button, their labels at one size (:meth:`label_size`)."""
        shared = self.label_size(assets, metrics, size or metrics.body_size)
        for button in self.buttons:
            self.draw_button(surface, button, assets, metrics, shared)

    def label_size(self, assets: Assets, metrics: Metrics, size: int) -> int:
        """The one size in pixels the buttons' labels are drawn at: the largest from
        ``size`` down at which each fits its button with its words whole
        (``TextFitter.size_for``). A menu reads as one, rather than one long label alone
        in smaller type on two lines."""
        key = (
            size,
            metrics,
            id(assets),
            assets.translator.language,  # the keys' names on the badges
            tuple((b.label, b.key_hint, b.shape, tuple(b.rect)) for b in self.buttons),
        )
        if self._label_size is None or self._label_size[0] != key:
            least = min(size, metrics.small_size)
            fitted = (
                assets.fitter.size_for(
                    button.label, size, least, button.label_room(assets, metrics).size, bold=True
                )
                for button in self.buttons
            )
            self._label_size = (key, min(fitted, default=size))
        return self._label_size[1]

    def draw_button(
        self,
        surface: pygame.Surface,
        button: Button,
        assets: Assets,
        metrics: Metrics,
        size: int | None = None,
    ) -> None:
        """``button`` with its ring and hover as this group has them (it may be no member)."""
        button.draw(
            surface,
            assets,
            metrics,
            focused=button is self.ringed,
            hovered=button is self.hovered,
            size=size,
        )


#: The caret blinks once a second, shown for 0.55 s of it: one flash a second, under the
#: three that WCAG 2.2 2.3.1 allows. With reduced motion it stands still.
CARET_PERIOD = 1.0
CARET_SHOWN = 0.55

#: The characters a field takes at least: room for a long answer typed in full.
FIELD_LENGTH = 80


def field_limit(*accepted: str) -> int:
    """A field's length limit in characters: :data:`FIELD_LENGTH`, or the longest accepted
    answer when that is longer (a limit shorter than the answer would make it untypable)."""
    return max(FIELD_LENGTH, *(len(text) for text in accepted))


def _field_keys() -> tuple[Binding, ...]:
    """A text field's keys, as the text fields of Windows, macOS and GTK have them."""
    rows: list[Binding] = [Binding("submit", (keys.ENTER,))]
    for ctrl in (False, True):  # Ctrl moves and deletes by words
        for shift in (False, True):  # Shift selects
            for name, code in (
                ("←", pygame.K_LEFT),
                ("→", pygame.K_RIGHT),
                ("Home", pygame.K_HOME),
                ("End", pygame.K_END),
            ):
                key = keys.Key((code,), name, ctrl=ctrl, shift=shift)
                rows.append(Binding("caret", (key,), args=(code, ctrl, shift), repeats=True))
        back = keys.Key((pygame.K_BACKSPACE,), "Backspace", ctrl=ctrl)
        forward = keys.Key((pygame.K_DELETE,), "Del", ctrl=ctrl)
        rows.append(Binding("delete_back", (back,), args=(ctrl,), repeats=True))
        rows.append(Binding("delete_forward", (forward,), args=(ctrl,), repeats=True))
    paste = (keys.Letter("V", ctrl=True), keys.Key((pygame.K_INSERT,), "Insert", shift=True))
    rows += [
        Binding("paste", paste, repeats=True),
        Binding("select_all", (keys.Letter("A", ctrl=True),)),
        Binding(
            "copy", (keys.Letter("C", ctrl=True), keys.Key((pygame.K_INSERT,), "Insert", ctrl=True))
        ),
        Binding("cut", (keys.Letter("X", ctrl=True),)),
    ]
    return tuple(rows)


FIELD_KEYS = _field_keys()


class TextField:
    """One line of text: TEXTINPUT types (accents, Cyrillic), the keys of :data:`FIELD_KEYS`
    edit, and Enter submits.

    ``max_length`` is in characters. The field never starts or stops SDL's text input: the
    App does, while the top scene says where its focused field is
    (:meth:`~clarity.ui.scene.Scene.text_field_rect`).
    """

    def __init__(
        self, on_submit: Callable[[str], None], max_length: int = 80, placeholder: str = ""
    ) -> None:
        self.edit = TextEdit(max_length)
        self.on_submit = on_submit
        self.placeholder = placeholder
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._blink = 0.0
        self._view = 0  # the drawn line's x at the field's left inner edge (scrolling)
        #: Whether the field takes typing now; an inactive one draws no caret.
        self.active = True
        #: Where the caret stands, in window pixels, as last drawn (shown or blinked off).
        self.caret_x: int | None = None
        self._edges_for: tuple[str, int] | None = None
        self._edges_cache: dict[int, tuple[int, int]] = {}

    @property
    def text(self) -> str:
        return self.edit.text

    @text.setter
    def text(self, value: str) -> None:
        self.edit.set(value)

    @property
    def max_length(self) -> int:
        return self.edit.limit

    @max_length.setter
    def max_length(self, value: int) -> None:
        self.edit.limit = max(1, value)

    def start(self, text: str = "") -> None:
        """Begin a new entry holding ``text``, the caret at its end."""
        self.edit.set(text)
        self._blink = 0.0
        self._view = 0

    def handle_event(self, event: pygame.event.Event) -> bool:
        """Type, edit or submit; True when the event was the field's."""
        if event.type == pygame.TEXTINPUT:
            self.edit.insert(event.text)
            self._blink = 0.0
            return True
        if handle_key(self, FIELD_KEYS, event):
            self._blink = 0.0
            return True
        return False

    # -- the keys' actions (FIELD_KEYS) ---------------------------------------------------

    def submit(self) -> None:
        self.on_submit(self.text)

    def caret(self, code: int, word: bool, select: bool) -> None:
        edit = self.edit
        if code == pygame.K_LEFT:
            edit.move_left(word=word, select=select)
        elif code == pygame.K_RIGHT:
            edit.move_right(word=word, select=select)
        elif code == pygame.K_HOME:
            edit.home(select=select)
        else:
            edit.end(select=select)

    def delete_back(self, word: bool) -> None:
        self.edit.delete_back(word=word)

    def delete_forward(self, word: bool) -> None:
        self.edit.delete_forward(word=word)

    def paste(self) -> None:
        """The clipboard's text at the caret, as one line, cut to the field's limit."""
        self.edit.insert(_clipboard_text())

    def select_all(self) -> None:
        self.edit.select_all()

    def copy(self) -> None:
        if self.edit.selected:
            _put_clipboard_text(self.edit.selected)

    def cut(self) -> None:
        if self.edit.selected:
            _put_clipboard_text(self.edit.cut())

    # -- drawing --------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        self._blink = (self._blink + dt) % CARET_PERIOD

    @property
    def caret_shown(self) -> bool:
        """Whether the blinking caret is in its shown part now (a steady caret always is)."""
        return self._blink < CARET_SHOWN

    def draw(self, surface: pygame.Surface, assets: Assets, metrics: Metrics) -> None:
        rect = self.rect
        palette = assets.look.palette
        # with reduced motion the caret stands still
        caret = self.active and (assets.look.reduced_motion or self.caret_shown)
        pygame.draw.rect(surface, palette.field, rect, border_radius=metrics.radius)
        pygame.draw.rect(
            surface,
            palette.accent,
            rect,
            width=max(2, metrics.px(0.3)),
            border_radius=metrics.radius,
        )
        pad = metrics.px(1.0)
        size = metrics.heading_size
        inner = rect.width - 2 * pad
        text = self.text
        if not text:  # the placeholder whole, smaller in a narrow field
            fits = (
                s
                for s in size_ladder(size, metrics.small_size)
                if assets.fitter.width(self.placeholder, s) <= inner
            )
            size = next(fits, metrics.small_size)
            shown = assets.text(self.placeholder, size, palette.placeholder)
            y = rect.centery - shown.get_height() // 2
            surface.blit(shown, (rect.x + pad, y), pygame.Rect(0, 0, inner, shown.get_height()))
            self.caret_x = rect.x + pad
            if caret:
                self._draw_caret(surface, metrics, palette.text_dark, (self.caret_x, y), shown)
            return
        shown = assets.text(text, size, palette.text_dark)
        edges = self._edges(assets, text, size)
        visual = self.edit.visual
        caret_x = _slot_x(self.edit.caret_slot(), visual, edges)
        view = self._scroll(shown.get_width(), inner, caret_x, visual.rtl_line, metrics.px(0.5))
        text_x = rect.x + pad - view  # where the line's left end is drawn, maybe out of view
        y = rect.centery - shown.get_height() // 2
        window = pygame.Rect(rect.x + pad, rect.y, inner, rect.height)
        start, end = self.edit.selection
        if start != end:
            for first, _ in visual.bounds:  # a selection across directions is in pieces
                if start <= first < end and first in edges:
                    left, right = edges[first]
                    band = pygame.Rect(text_x + left, y, right - left, shown.get_height())
                    pygame.draw.rect(surface, assets.look.selection, band.clip(window))
        hidden = max(0, view)
        surface.blit(
            shown,
            (text_x + hidden, y),
            pygame.Rect(hidden, 0, inner - max(0, -view), shown.get_height()),
        )
        self.caret_x = text_x + caret_x
        if caret:
            self._draw_caret(surface, metrics, palette.text_dark, (self.caret_x, y), shown)

    def _edges(self, assets: Assets, text: str, size: int) -> dict[int, tuple[int, int]]:
        key = (text, size)
        if self._edges_for != key:
            self._edges_cache = assets.font(size).cluster_edges(text)
            self._edges_for = key
        return self._edges_cache

    def _scroll(self, width: int, inner: int, caret_x: int, rtl: bool, margin: int) -> int:
        """The x in the drawn line at the field's left inner edge: a line that fits is aligned
        by its direction (right to left on the right); a longer one scrolls only as far as
        keeps the caret ``margin`` pixels inside, so the text does not jump as the caret
        moves within what is shown."""
        if width <= inner:
            self._view = width - inner if rtl else 0
            return self._view
        view = min(max(self._view, 0), width - inner)
        if caret_x - view > inner - margin:
            view = caret_x - inner + margin
        if caret_x - view < margin:
            view = caret_x - margin
        self._view = min(max(view, 0), width - inner)
        return self._view

    @staticmethod
    def _draw_caret(
        surface: pygame.Surface,
        metrics: Metrics,
        colour: Colour,
        where: tuple[int, int],
        text: pygame.Surface,
    ) -> None:
        (x, y), height = where, text.get_height()
        pygame.draw.line(surface, colour, (x, y + 4), (x, y + height - 4), max(2, metrics.px(0.2)))


def _slot_x(slot: int, visual: VisualLine, edges: dict[int, tuple[int, int]]) -> int:
    """The x in the drawn line of the caret ``slot`` clusters from the left."""
    if not visual.order:
        return 0
    if slot < len(visual.order):
        return _edge(visual, edges, visual.order[slot])[0]
    return _edge(visual, edges, visual.order[-1])[1]


def _edge(visual: VisualLine, edges: dict[int, tuple[int, int]], cluster: int) -> tuple[int, int]:
    start, _ = visual.bounds[cluster]
    found = edges.get(start)
    if found is None:  # the font cut this cluster with its neighbour: take the one before
        found = edges[max((key for key in edges if key <= start), default=min(edges))]
    return found


def _clipboard_text() -> str:
    """The clipboard's text (SDL's clipboard through pygame-ce), or "" when there is none."""
    try:
        return pygame.scrap.get_text() or ""
    except pygame.error:
        return ""  # no clipboard on this video driver: pasting does nothing


def _put_clipboard_text(text: str) -> None:
    with contextlib.suppress(pygame.error):  # no clipboard on this video driver
        pygame.scrap.put_text(text)
