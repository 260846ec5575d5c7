"""The look of the game in one place: colours, answer styles, type sizes and spacing.

A :class:`Look` is what a player chose on the Settings screen: a :class:`Palette`
(:data:`STANDARD` or :data:`HIGH_CONTRAST`), a set of answer styles (the game's own or
one told apart without red and green), a text size and reduced motion. The running game
holds one (``assets.look``, changed with ``App.apply_look``); every screen draws with
it, so nothing here is read as a fixed colour while drawing.

Sizes follow the window: everything is measured in ``Metrics.unit``, one hundredth of
the width of the largest 16:9 area that fits the window, so a 4:3 projector and a 4K
screen show the same layout at different scales; the type sizes are then multiplied by
the look's ``text_scale`` (WCAG 2.2 1.4.4, resize text).

Contrast is measured as WCAG 2.2 defines it (:func:`contrast_ratio`). Every text and
the surface it is drawn on, every focus ring, button edge and tile, is a
:class:`ColourPair` that :meth:`Look.colour_pairs` lists with the ratio it must reach:
4.5:1 for text (1.4.3; 7:1 in high contrast, 1.4.6) and 3:1 for what is not text
(1.4.11). ``tests/ui/test_contrast.py`` computes every one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Literal, Protocol

from clarity.core.messages import N_

Colour = tuple[int, int, int]

#: WCAG 2.2 success criterion 1.4.3 (contrast, minimum): text against its background.
TEXT_CONTRAST = 4.5
#: WCAG 2.2 success criterion 1.4.6 (contrast, enhanced): the high-contrast theme's text.
ENHANCED_TEXT_CONTRAST = 7.0
#: WCAG 2.2 success criterion 1.4.11 (non-text contrast): focus rings, button edges, tiles.
NON_TEXT_CONTRAST = 3.0


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: Colour) -> float:
    """The relative luminance of an sRGB ``colour`` (0-255 channels), 0.0 (black) to 1.0.

    WCAG 2.2's definition (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance):
    each channel linearised (c/12.92 up to 0.04045, else ((c+0.055)/1.055)^2.4; WCAG's
    0.03928 is the older sRGB draft's threshold and gives the same values for 8-bit
    channels), then 0.2126 R + 0.7152 G + 0.0722 B.
    """
    r, g, b = (_linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    """The contrast ratio of two sRGB colours, from 1.0 (the same) to 21.0 (black on white).

    WCAG 2.2's definition (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio):
    (L1 + 0.05) / (L2 + 0.05), L1 the lighter colour's relative luminance.
    """
    first, second = relative_luminance(a), relative_luminance(b)
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def lighten(colour: Colour, amount: float) -> Colour:
    """``colour`` moved ``amount`` (0-1) of the way to white."""
    return tuple(round(c + (255 - c) * amount) for c in colour)  # type: ignore[return-value]


def darken(colour: Colour, amount: float) -> Colour:
    """``colour`` moved ``amount`` (0-1) of the way to black."""
    return tuple(round(c * (1 - amount)) for c in colour)  # type: ignore[return-value]


def away_from(ink: Colour, fill: Colour, amount: float) -> Colour:
    """``fill`` moved ``amount`` away from ``ink``: darker under a light ink, lighter under a
    dark one. Its contrast with ``ink`` only grows, so a hover or a key badge is never
    harder to read than the button it is on."""
    if relative_luminance(ink) >= relative_luminance(fill):
        return darken(fill, amount)
    return lighten(fill, amount)


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of one theme, each named for what it is drawn as.

    Surfaces: ``background`` and ``background_glow`` (the backdrop's gradient, bottom and
    top), ``bar`` (the play screen's top bar), ``panel`` (cards, menus, dialogs),
    ``panel_deep`` (panels inside panels: toasts, trophy chips, shaded table rows, locked
    trophies), ``keycap`` (a key in the hints), ``field`` (a text field), ``track``
    (under the time bar). Inks: ``text``, ``text_muted`` (secondary text, still readable),
    ``text_dark`` (on light fills), ``placeholder`` (a field's hint), ``accent`` (the
    score, the main button), ``right``, ``wrong``, tier colours. Components: ``button``
    (the plain button's fill), ``danger``, ``disabled``, ``focus`` (the focus ring),
    ``panel_edge``, the board's covering ``tile`` with its bevel (``tile_edge`` light,
    ``tile_shade`` dark) and its "?" (``tile_mark``).

    ``text_contrast`` is the ratio every text of the theme reaches; ``shade`` how far a
    coloured panel (a toast, a banner, a dimmed answer) is darkened under white text;
    ``edge_lift`` how far a button's edge is lightened from its fill.
    """

    name: str
    text_contrast: float
    background: Colour
    background_glow: Colour
    bar: Colour
    panel: Colour
    panel_deep: Colour
    panel_edge: Colour
    keycap: Colour
    field: Colour
    track: Colour
    text: Colour
    text_muted: Colour
    text_dark: Colour
    placeholder: Colour
    accent: Colour
    focus: Colour
    right: Colour
    wrong: Colour
    button: Colour
    danger: Colour
    disabled: Colour
    tile: Colour
    tile_edge: Colour
    tile_shade: Colour
    tile_mark: Colour
    bronze: Colour
    silver: Colour
    gold: Colour
    shade: float = 0.55
    edge_lift: float = 0.5

    def shaded(self, colour: Colour) -> Colour:
        """A dark panel in the hue of ``colour`` (a toast, the answer's banner, a notice),
        dark enough for white text."""
        return darken(colour, self.shade)

    def colour(self, role: str) -> Colour:
        """The colour named ``role`` (``"text_muted"``); KeyError for an unknown name."""
        if role not in _ROLES:
            raise KeyError(f"no colour is called {role!r}")
        value: Colour = getattr(self, role)
        return value


_ROLES = frozenset(f.name for f in fields(Palette) if f.type in ("Colour", Colour))

#: The game's own look: white text on a night blue, the yellow of the main action.
STANDARD = Palette(
    name="standard",
    text_contrast=TEXT_CONTRAST,
    background=(24, 22, 64),
    background_glow=(46, 38, 110),
    bar=(16, 14, 42),
    panel=(38, 35, 92),
    panel_deep=(30, 28, 74),
    panel_edge=(78, 72, 160),
    keycap=(58, 54, 120),
    field=(255, 255, 255),
    track=(23, 21, 55),
    text=(255, 255, 255),
    text_muted=(196, 192, 236),
    text_dark=(24, 22, 64),
    placeholder=(96, 94, 130),
    accent=(255, 204, 41),
    focus=(255, 255, 255),
    right=(38, 196, 110),
    wrong=(250, 115, 125),
    button=(70, 62, 170),
    danger=(159, 68, 75),
    disabled=(96, 94, 130),
    tile=(58, 50, 150),
    tile_edge=(124, 114, 228),
    tile_shade=(30, 26, 84),
    tile_mark=(164, 156, 246),
    bronze=(212, 136, 74),
    silver=(200, 208, 222),
    gold=(255, 204, 41),
)

#: White and bright colours on black, every text at 7:1 or more (WCAG 2.2 1.4.6).
HIGH_CONTRAST = Palette(
    name="high-contrast",
    text_contrast=ENHANCED_TEXT_CONTRAST,
    background=(0, 0, 0),
    background_glow=(0, 0, 0),
    bar=(0, 0, 0),
    panel=(14, 14, 14),
    panel_deep=(0, 0, 0),
    panel_edge=(200, 200, 200),
    keycap=(40, 40, 40),
    field=(255, 255, 255),
    track=(50, 50, 50),
    text=(255, 255, 255),
    text_muted=(225, 225, 225),
    text_dark=(0, 0, 0),
    placeholder=(80, 80, 80),
    accent=(255, 230, 0),
    focus=(26, 235, 255),
    right=(120, 255, 140),
    wrong=(255, 130, 130),
    button=(0, 0, 0),
    danger=(120, 0, 0),
    disabled=(60, 60, 60),
    tile=(24, 24, 24),
    tile_edge=(255, 255, 255),
    tile_shade=(0, 0, 0),
    tile_mark=(255, 230, 0),
    bronze=(240, 160, 90),
    silver=(220, 220, 230),
    gold=(255, 215, 0),
    shade=0.7,
    edge_lift=0.75,
)

PALETTES: dict[str, Palette] = {p.name: p for p in (STANDARD, HIGH_CONTRAST)}

Shape = Literal["triangle", "diamond", "circle", "square", "star", "hexagon"]


@dataclass(frozen=True, slots=True)
class AnswerStyle:
    """One answer button's letter, colour and shape, and the colour of its label (``ink``):
    colour is never the only cue (WCAG 2.2 1.4.1), and the letters and shapes are the
    same in every set of answer colours."""

    letter: str
    colour: Colour
    shape: Shape
    ink: Colour


_WHITE: Colour = (255, 255, 255)
_NAVY: Colour = STANDARD.text_dark
_BLACK: Colour = (0, 0, 0)

#: The game's answer colours, on the standard theme. Yellow and orange take dark labels:
#: white on them stays under 4.5:1.
ANSWER_STYLES: tuple[AnswerStyle, ...] = (
    AnswerStyle("A", (226, 27, 60), "triangle", _WHITE),
    AnswerStyle("B", (19, 104, 206), "diamond", _WHITE),
    AnswerStyle("C", (216, 158, 0), "circle", _NAVY),
    AnswerStyle("D", (34, 128, 10), "square", _WHITE),
    AnswerStyle("E", (134, 76, 191), "star", _WHITE),
    AnswerStyle("F", (227, 110, 20), "hexagon", _NAVY),
)

#: Answer colours told apart by people with any common colour-vision deficiency: six of
#: the eight colours of Okabe and Ito's palette (M. Okabe and K. Ito, "Color Universal
#: Design (CUD): How to make figures and presentations that are friendly to Colorblind
#: people", 2008, https://jfly.uni-koeln.de/color/): vermillion #D55E00, blue #0072B2,
#: orange #E69F00, bluish green #009E73, reddish purple #CC79A7 and sky blue #56B4E9.
#: Their yellow #F0E442 is left out (the main button is yellow), and black is the labels'.
COLOUR_BLIND_ANSWER_STYLES: tuple[AnswerStyle, ...] = (
    AnswerStyle("A", (0xD5, 0x5E, 0x00), "triangle", _BLACK),
    AnswerStyle("B", (0x00, 0x72, 0xB2), "diamond", _WHITE),
    AnswerStyle("C", (0xE6, 0x9F, 0x00), "circle", _BLACK),
    AnswerStyle("D", (0x00, 0x9E, 0x73), "square", _BLACK),
    AnswerStyle("E", (0xCC, 0x79, 0xA7), "star", _BLACK),
    AnswerStyle("F", (0x56, 0xB4, 0xE9), "hexagon", _BLACK),
)

#: The game's answer colours for the high-contrast theme: the same hues, light enough
#: for black labels at 7:1.
HIGH_CONTRAST_ANSWER_STYLES: tuple[AnswerStyle, ...] = (
    AnswerStyle("A", (255, 150, 160), "triangle", _BLACK),
    AnswerStyle("B", (130, 185, 255), "diamond", _BLACK),
    AnswerStyle("C", (255, 215, 0), "circle", _BLACK),
    AnswerStyle("D", (120, 225, 120), "square", _BLACK),
    AnswerStyle("E", (205, 160, 255), "star", _BLACK),
    AnswerStyle("F", (255, 170, 80), "hexagon", _BLACK),
)

#: Okabe and Ito's colours for the high-contrast theme: those black reads on at 7:1 as
#: they are, the others (vermillion, blue, bluish green, reddish purple) lightened towards
#: white, their hue kept, until it does.
HIGH_CONTRAST_COLOUR_BLIND_ANSWER_STYLES: tuple[AnswerStyle, ...] = (
    AnswerStyle("A", lighten((0xD5, 0x5E, 0x00), 0.3), "triangle", _BLACK),
    AnswerStyle("B", lighten((0x00, 0x72, 0xB2), 0.5), "diamond", _BLACK),
    AnswerStyle("C", (0xE6, 0x9F, 0x00), "circle", _BLACK),
    AnswerStyle("D", lighten((0x00, 0x9E, 0x73), 0.3), "square", _BLACK),
    AnswerStyle("E", lighten((0xCC, 0x79, 0xA7), 0.2), "star", _BLACK),
    AnswerStyle("F", (0x56, 0xB4, 0xE9), "hexagon", _BLACK),
)

#: The answers' letters and shapes, the same in every set of answer colours.
ANSWER_LETTERS: tuple[str, ...] = tuple(style.letter for style in ANSWER_STYLES)
ANSWER_SHAPES: tuple[Shape, ...] = tuple(style.shape for style in ANSWER_STYLES)

THEMES = ("standard", "high-contrast")
ANSWER_COLOURS = ("standard", "colour-blind-safe")
TEXT_SIZES = (100, 125, 150, 200)  # per cent
#: The answer styles of each (theme, answer colours) choice.
ANSWER_SETS: dict[tuple[str, str], tuple[AnswerStyle, ...]] = {
    ("standard", "standard"): ANSWER_STYLES,
    ("standard", "colour-blind-safe"): COLOUR_BLIND_ANSWER_STYLES,
    ("high-contrast", "standard"): HIGH_CONTRAST_ANSWER_STYLES,
    ("high-contrast", "colour-blind-safe"): HIGH_CONTRAST_COLOUR_BLIND_ANSWER_STYLES,
}

TIERS = ("bronze", "silver", "gold")

#: The surfaces a team's emblem and its name in the team's colour are drawn on (the
#: scoreboard's rows, the setup screen's cards, the backdrop, the top bar).
TEAM_GROUNDS = ("background", "background_glow", "bar", "panel", "panel_deep")


@dataclass(frozen=True, slots=True)
class TeamStyle:
    """One team's emblem in the class game: its ``colour`` and its ``shape``, the
    ``ink`` drawn on a fill of its colour, and its ``name`` (marked for translation,
    translated where shown: "Red circle").

    The shapes tell the teams apart without colour (WCAG 2.2 1.4.1); each colour is
    light enough to be a text's colour on every surface of :data:`TEAM_GROUNDS` at the
    theme's text contrast, so a name in its team's colour reads from the back of the room.
    """

    colour: Colour
    shape: Shape
    ink: Colour
    name: str


def _team_styles(colours: tuple[Colour, ...], ink: Colour) -> tuple[TeamStyle, ...]:
    return tuple(
        TeamStyle(colour, shape, ink, name)
        for colour, (shape, name) in zip(colours, _EMBLEMS, strict=True)
    )


#: Each emblem's shape and its name, in team order. The order differs from the answers'
#: (A triangle, B diamond...) so that team 1 is not read as "answer A".
_EMBLEMS: tuple[tuple[Shape, str], ...] = (
    ("circle", N_("Red circle")),
    ("square", N_("Blue square")),
    ("triangle", N_("Yellow triangle")),
    ("star", N_("Green star")),
    ("hexagon", N_("Purple hexagon")),
    ("diamond", N_("Orange diamond")),
)

#: The teams' emblems of each theme (a palette's name), emblem 0 to 5. Standard: clear
#: hues light enough for 4.5:1 on the night blue; high contrast: the same hues lighter,
#: 7:1 on black. Both take the theme's dark ink on their fill.
TEAM_STYLES: dict[str, tuple[TeamStyle, ...]] = {
    "standard": _team_styles(
        (
            (255, 135, 135),
            (110, 180, 255),
            (255, 214, 51),
            (90, 214, 120),
            (205, 150, 255),
            (255, 160, 70),
        ),
        STANDARD.text_dark,
    ),
    "high-contrast": _team_styles(
        (
            (255, 150, 150),
            (140, 195, 255),
            (255, 230, 0),
            (120, 240, 140),
            (215, 175, 255),
            (255, 180, 90),
        ),
        HIGH_CONTRAST.text_dark,
    ),
}


@dataclass(frozen=True, slots=True)
class Tone:
    """A button's colours: its ``fill``, the ``ink`` of its label, shape and key badge,
    and the ``edge`` drawn round it (3:1 against whatever the button stands on)."""

    fill: Colour
    ink: Colour
    edge: Colour


PairKind = Literal["text", "non-text"]


@dataclass(frozen=True, slots=True)
class ColourPair:
    """A colour drawn on another, where the game draws it, and the ratio it must reach."""

    what: str  # "text_muted on panel", "answer B label on its fill"...
    foreground: Colour
    background: Colour
    minimum: float
    kind: PairKind = "text"

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)

    @property
    def passes(self) -> bool:
        return self.ratio >= self.minimum


#: Where each ink is drawn as text, by the names of the surfaces (the palette's roles).
#: The backdrop is a gradient from ``background_glow`` to ``background``: text on it is
#: checked against both ends. A surface that is a computed colour is listed in
#: :meth:`Look.colour_pairs`.
TEXT_ON: dict[str, tuple[str, ...]] = {
    # headings, names, values, the notice, titles of toasts and chips, key caps' letters
    "text": (
        "background",
        "background_glow",
        "bar",
        "panel",
        "panel_deep",
        "keycap",
        "button",
        "danger",
        "disabled",
    ),
    # taglines, labels, descriptions, key hints, the stakes, table headers, locked trophies
    "text_muted": ("background", "background_glow", "bar", "panel", "panel_deep"),
    # the score, a streak, the status line, a pack's counts, headings that say "It was…"
    "accent": ("background", "background_glow", "bar", "panel", "panel_deep"),
    # a verdict, a saved round, the right count in the history, the clock with time left
    "right": ("background", "background_glow", "panel", "panel_deep"),
    # a verdict, an error under a field, a broken pack, a penalty, a late clock
    "wrong": ("background", "background_glow", "panel", "panel_deep"),
    # a tier's name and status (cabinet, results)
    "bronze": ("background", "background_glow", "panel", "panel_deep"),
    "silver": ("background", "background_glow", "panel", "panel_deep"),
    "gold": ("background", "background_glow", "panel", "panel_deep"),
    # what is typed in a field, the highlighted table row, labels on light fills
    "text_dark": ("field", "accent", "right", "wrong"),
    "placeholder": ("field",),
}

#: What is not text, drawn on what: the focus ring round anything on any surface, the
#: edges of text fields and panels that are controls, the board's tiles, the time bar.
NON_TEXT_ON: dict[str, tuple[str, ...]] = {
    "focus": ("background", "background_glow", "panel", "panel_deep"),
    "accent": ("panel", "track"),  # a text field's edge, the time bar's middle
    "right": ("track",),
    "wrong": ("track",),
    "tile_edge": ("tile_shade",),  # two neighbouring tiles' shared border
    "tile_mark": ("tile",),  # the "?" that says a tile is still covered
    "text_muted": ("panel", "track"),  # a scrollbar's thumb, a trophy's progress
}

#: The surfaces buttons stand on: their edge reaches 3:1 against each.
BUTTON_GROUNDS = ("background", "background_glow", "panel", "panel_deep")


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes in pixels for a window of ``width`` x ``height`` pixels, with type
    ``text_scale`` times its standard size (1.0, 1.25, 1.5 or 2.0: the text size setting).

    Spacing in units (``px``) follows the window only; the type sizes and
    ``text_px`` (room that holds text: a tile's least width) follow the text size too.
    """

    width: int
    height: int
    text_scale: float = 1.0

    @property
    def unit(self) -> float:
        return min(self.width, self.height * 16 / 9) / 100

    def px(self, units: float) -> int:
        return max(1, round(units * self.unit))

    def text_px(self, units: float) -> int:
        """``units`` for room that holds text: grows with the text size."""
        return self.px(units * self.text_scale)

    def type_size(self, points: float) -> int:
        """A type size of ``points`` pixels at the standard text size, scaled."""
        return max(1, round(points * self.text_scale))

    @property
    def margin(self) -> int:
        return self.px(2.5)

    @property
    def gap(self) -> int:
        return self.px(1.2)

    @property
    def radius(self) -> int:
        return self.px(0.9)

    # Type sizes, never below what a back row can read on a 1024-pixel projector.
    @property
    def title_size(self) -> int:
        return self.type_size(max(40, self.px(6.0)))

    @property
    def heading_size(self) -> int:
        return self.type_size(max(28, self.px(3.4)))

    @property
    def body_size(self) -> int:
        return self.type_size(max(22, self.px(2.4)))

    @property
    def small_size(self) -> int:
        return self.type_size(max(18, self.px(1.7)))

    @property
    def tiny_size(self) -> int:
        """The smallest type a long text may shrink to (a long question on its card)."""
        return max(self.type_size(14), round(self.small_size * 0.8))


class DisplayChoices(Protocol):
    """The display settings as the Settings screen holds them (``DisplaySettings``)."""

    @property
    def theme(self) -> str: ...
    @property
    def answer_colours(self) -> str: ...
    @property
    def text_size(self) -> int: ...
    @property
    def reduced_motion(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Look:
    """How the game looks now: ``palette``, ``answers`` (six answer styles),
    ``text_scale`` (1.0 is the standard size) and ``reduced_motion`` (nothing flies,
    flips, shakes or pulses: WCAG 2.2 2.3.3).

    Make one with :meth:`from_choices` from the Settings screen's values; a Look is a
    value, so a change is a new Look handed to ``App.apply_look``.
    """

    palette: Palette = STANDARD
    answers: tuple[AnswerStyle, ...] = ANSWER_STYLES
    text_scale: float = 1.0
    reduced_motion: bool = False

    @classmethod
    def from_choices(
        cls,
        *,
        theme: str = "standard",
        answer_colours: str = "standard",
        text_size: int = 100,
        reduced_motion: bool = False,
    ) -> Look:
        """The look of the Settings' display choices: ``theme`` "standard" or
        "high-contrast", ``answer_colours`` "standard" or "colour-blind-safe",
        ``text_size`` 100, 125, 150 or 200 (per cent). Raises ValueError for any other
        value, naming what is allowed."""
        if theme not in THEMES:
            raise ValueError(f"theme {theme!r} is not one of {', '.join(THEMES)}")
        if answer_colours not in ANSWER_COLOURS:
            raise ValueError(
                f"answer colours {answer_colours!r} are not one of {', '.join(ANSWER_COLOURS)}"
            )
        if text_size not in TEXT_SIZES:
            raise ValueError(
                f"text size {text_size!r} is not one of {', '.join(map(str, TEXT_SIZES))}"
            )
        return cls(
            palette=PALETTES[theme],
            answers=ANSWER_SETS[(theme, answer_colours)],
            text_scale=text_size / 100,
            reduced_motion=bool(reduced_motion),
        )

    @classmethod
    def from_display(cls, display: DisplayChoices) -> Look:
        """The look of the display settings (a ``clarity.settings.DisplaySettings``)."""
        return cls.from_choices(
            theme=display.theme,
            answer_colours=display.answer_colours,
            text_size=display.text_size,
            reduced_motion=display.reduced_motion,
        )

    def metrics(self, size: tuple[int, int]) -> Metrics:
        """The sizes of a window of ``size`` pixels at this look's text size."""
        return Metrics(size[0], size[1], self.text_scale)

    @property
    def tier_colours(self) -> dict[str, Colour]:
        """The colour of each trophy tier ("bronze", "silver", "gold")."""
        return {tier: self.palette.colour(tier) for tier in TIERS}

    def tier(self, name: str | None) -> Colour:
        """The colour of the tier ``name``; the accent for anything else."""
        return self.tier_colours.get(name or "", self.palette.accent)

    def team(self, emblem: int) -> TeamStyle:
        """The class game's team emblem ``emblem`` (0 to 5, ``clarity.core.teams.Team.emblem``)
        in this look's theme; IndexError for another number."""
        styles = TEAM_STYLES[self.palette.name]
        if not 0 <= emblem < len(styles):
            raise IndexError(f"no team emblem {emblem}: there are {len(styles)}")
        return styles[emblem]

    # -- buttons ----------------------------------------------------------------------

    def tone(self, name: str) -> Tone:
        """A button's colours: "plain", "main", "danger", "disabled", "right", "wrong", or
        "answer-0" to "answer-5". KeyError for another name."""
        palette = self.palette
        if name.startswith("answer-"):
            style = self.answers[int(name.removeprefix("answer-")) % len(self.answers)]
            fill, ink = style.colour, style.ink
        else:
            fill, ink = {
                "plain": (palette.button, palette.text),
                "main": (palette.accent, palette.text_dark),
                "danger": (palette.danger, palette.text),
                "disabled": (palette.disabled, palette.text),
                "right": (palette.right, palette.text_dark),
                "wrong": (palette.wrong, palette.text_dark),
            }[name]
        return Tone(fill, ink, lighten(fill, palette.edge_lift))

    def hovered(self, tone: Tone) -> Tone:
        """The tone under the mouse: the fill a little further from the ink."""
        return Tone(away_from(tone.ink, tone.fill, 0.12), tone.ink, tone.edge)

    def dimmed(self, tone: Tone) -> Tone:
        """An answer that was neither chosen nor right: darkened, with white text."""
        fill = self.palette.shaded(tone.fill)
        return Tone(fill, self.palette.text, lighten(fill, self.palette.edge_lift))

    @staticmethod
    def badge(tone: Tone) -> Colour:
        """The key badge's fill on a button of ``tone``."""
        return away_from(tone.ink, tone.fill, 0.3)

    def tone_names(self) -> tuple[str, ...]:
        answers = tuple(f"answer-{i}" for i in range(len(self.answers)))
        return ("plain", "main", "danger", "disabled", "right", "wrong", *answers)

    # -- what is drawn on what -----------------------------------------------------------

    def colour_pairs(self) -> tuple[ColourPair, ...]:
        """Every colour this look draws on another, with the ratio it must reach: text at
        the palette's ``text_contrast``, the rest at 3:1."""
        palette = self.palette
        text_min = palette.text_contrast
        pairs: list[ColourPair] = []
        for ink, grounds in TEXT_ON.items():
            for ground in grounds:
                pairs.append(
                    ColourPair(
                        f"{ink} on {ground}",
                        palette.colour(ink),
                        palette.colour(ground),
                        text_min,
                    )
                )
        for mark, grounds in NON_TEXT_ON.items():
            for ground in grounds:
                pairs.append(
                    ColourPair(
                        f"{mark} on {ground}",
                        palette.colour(mark),
                        palette.colour(ground),
                        NON_TEXT_CONTRAST,
                        "non-text",
                    )
                )
        # dark panels in a hue under white text: the revealed answer's banner, the
        # title's notice
        for role in ("accent", "right", "wrong", *TIERS):
            shaded = palette.shaded(palette.colour(role))
            pairs.append(ColourPair(f"text on shaded {role}", palette.text, shaded, text_min))
        for role in ("right", "wrong"):  # the typed answer after its verdict
            pairs.append(
                ColourPair(
                    f"text_dark on the {role} answer's field",
                    palette.text_dark,
                    lighten(palette.colour(role), 0.85),
                    text_min,
                )
            )
        for ink in ("text", "text_muted", "accent"):  # a raised card's or row's text
            pairs.append(
                ColourPair(f"{ink} on a raised panel", palette.colour(ink), self.raised, text_min)
            )
        pairs.append(  # the ✗ of a wrong guess's toast, on its disc
            ColourPair("text_dark on wrong", palette.text_dark, palette.wrong, text_min)
        )
        pairs.append(  # a selection in a text field
            ColourPair("text_dark on a selection", palette.text_dark, self.selection, text_min)
        )
        pairs.extend(self._team_pairs())
        pairs.extend(self._button_pairs())
        return tuple(pairs)

    @property
    def raised(self) -> Colour:
        """A panel under the mouse or the keyboard's focus (a pack card, a player's row)."""
        return lighten(self.palette.panel, 0.08)

    @property
    def selection(self) -> Colour:
        """The band behind selected text in a field."""
        return lighten(self.palette.accent, 0.45)

    def _team_pairs(self) -> Iterable[ColourPair]:
        """Each team's colour as text and as an emblem on what it stands on, and the ink
        drawn on a fill of its colour (a team's chip, the one whose turn it is)."""
        palette = self.palette
        grounds = [(name, palette.colour(name)) for name in TEAM_GROUNDS]
        grounds.append(("a raised panel", self.raised))
        for emblem, style in enumerate(TEAM_STYLES[palette.name]):
            for ground, colour in grounds:
                yield ColourPair(
                    f"team {emblem} on {ground}", style.colour, colour, palette.text_contrast
                )
            yield ColourPair(
                f"team {emblem} ink on its fill", style.ink, style.colour, palette.text_contrast
            )

    def _button_pairs(self) -> Iterable[ColourPair]:
        palette = self.palette
        for name in self.tone_names():
            base = self.tone(name)
            variants = [("", base), (" hovered", self.hovered(base))]
            if name.startswith("answer-"):
                variants.append((" dimmed", self.dimmed(base)))
            for state, tone in variants:
                label = f"{name}{state}"
                yield ColourPair(f"{label} label", tone.ink, tone.fill, palette.text_contrast)
                yield ColourPair(
                    f"{label} key badge", tone.ink, self.badge(tone), palette.text_contrast
                )
                for ground in BUTTON_GROUNDS:
                    yield ColourPair(
                        f"{label} edge on {ground}",
                        tone.edge,
                        palette.colour(ground),
                        NON_TEXT_CONTRAST,
                        "non-text",
                    )


#: The look a game starts with when nothing else is chosen.
DEFAULT_LOOK = Look()
