"""Contrast you can measure: every colour pair a look declares meets WCAG 2.2's ratio.

Text reaches 4.5:1 (1.4.3), 7:1 in the high-contrast theme (1.4.6); focus rings, button
edges, tiles and the time bar reach 3:1 (1.4.11). The ratios are computed with WCAG's
formula (:func:`clarity.ui.theme.contrast_ratio`), checked here against known values.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from clarity.ui.app import App
from clarity.ui.theme import (
    ANSWER_COLOURS,
    ANSWER_SETS,
    COLOUR_BLIND_ANSWER_STYLES,
    ENHANCED_TEXT_CONTRAST,
    HIGH_CONTRAST,
    NON_TEXT_CONTRAST,
    STANDARD,
    TEXT_CONTRAST,
    TEXT_SIZES,
    THEMES,
    Colour,
    Look,
    contrast_ratio,
    relative_luminance,
)

from .conftest import Pilot
from .saving import MakeApp, app_factory
from .tour import every_screen, write_tour_packs

LOOKS = {
    f"{theme}/{colours}": Look.from_choices(theme=theme, answer_colours=colours)
    for theme, colours in itertools.product(THEMES, ANSWER_COLOURS)
}


def test_the_wcag_formula_gives_the_published_ratios() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # #767676 on white is the lightest grey that passes 4.5:1 (4.54:1), #777777 is not
    assert contrast_ratio((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) < TEXT_CONTRAST
    # the order does not matter; pure red on white is 4.0:1
    assert contrast_ratio((255, 255, 255), (255, 0, 0)) == pytest.approx(4.0, abs=0.01)
    assert contrast_ratio((255, 0, 0), (255, 255, 255)) == pytest.approx(4.0, abs=0.01)
    assert relative_luminance((0, 255, 0)) == pytest.approx(0.7152)


@pytest.mark.parametrize("name", LOOKS)
def test_every_declared_pair_meets_its_minimum(name: str) -> None:
    look = LOOKS[name]
    pairs = look.colour_pairs()
    failing = [
        f"{p.what}: {p.ratio:.2f} < {p.minimum} ({p.foreground} on {p.background})"
        for p in pairs
        if not p.passes
    ]
    assert not failing, "\n".join(failing)
    text = [p for p in pairs if p.kind == "text"]
    expected = ENHANCED_TEXT_CONTRAST if look.palette is HIGH_CONTRAST else TEXT_CONTRAST
    assert text
    assert all(p.minimum == expected for p in text)
    assert all(p.minimum == NON_TEXT_CONTRAST for p in pairs if p.kind == "non-text")


@pytest.mark.parametrize("name", LOOKS)
def test_the_pairs_cover_every_button_and_every_answer(name: str) -> None:
    look = LOOKS[name]
    described = {p.what for p in look.colour_pairs()}
    for tone in look.tone_names():
        assert f"{tone} label" in described
        assert f"{tone} hovered key badge" in described
        assert f"{tone} edge on panel" in described
    for i in range(6):
        assert f"answer-{i} dimmed label" in described
    assert {"text_muted on panel", "focus on background", "tile_mark on tile"} <= described


def test_a_look_is_made_from_the_settings_choices() -> None:
    look = Look.from_choices(
        theme="high-contrast", answer_colours="colour-blind-safe", text_size=150
    )
    assert look.palette is HIGH_CONTRAST
    assert look.answers is ANSWER_SETS[("high-contrast", "colour-blind-safe")]
    assert look.text_scale == 1.5
    assert not look.reduced_motion
    assert Look.from_choices(reduced_motion=True).reduced_motion
    assert Look.from_choices() == Look()
    assert Look().palette is STANDARD
    assert [Look.from_choices(text_size=s).text_scale for s in TEXT_SIZES] == [1, 1.25, 1.5, 2]


@pytest.mark.parametrize(
    ("choices", "named"),
    [
        ({"theme": "dark"}, "standard, high-contrast"),
        ({"answer_colours": "rainbow"}, "standard, colour-blind-safe"),
        ({"text_size": 175}, "100, 125, 150, 200"),
    ],
)
def test_a_choice_that_is_not_offered_is_refused_naming_the_choices(
    choices: dict[str, object], named: str
) -> None:
    with pytest.raises(ValueError, match=named):
        Look.from_choices(**choices)  # type: ignore[arg-type]


def test_every_answer_set_keeps_the_letters_and_shapes() -> None:
    """Colour is never the only cue (WCAG 1.4.1): the letters and shapes stay."""
    marks = [(s.letter, s.shape) for s in ANSWER_SETS[("standard", "standard")]]
    assert marks == [
        ("A", "triangle"),
        ("B", "diamond"),
        ("C", "circle"),
        ("D", "square"),
        ("E", "star"),
        ("F", "hexagon"),
    ]
    for styles in ANSWER_SETS.values():
        assert [(s.letter, s.shape) for s in styles] == marks
        assert len({s.colour for s in styles}) == 6


def test_the_colour_blind_set_is_okabe_and_itos_palette() -> None:
    okabe_ito = {0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7}
    used = {
        (r << 16) | (g << 8) | b for (r, g, b) in (s.colour for s in COLOUR_BLIND_ANSWER_STYLES)
    }
    assert used <= okabe_ito
    assert len(used) == 6


def test_text_sizes_scale_the_type_and_the_minimum_a_text_shrinks_to() -> None:
    plain = Look().metrics((1024, 768))
    large = Look.from_choices(text_size=200).metrics((1024, 768))
    for name in ("title_size", "heading_size", "body_size", "small_size"):
        assert getattr(large, name) == 2 * getattr(plain, name), name
    assert large.tiny_size >= 2 * 14 > plain.tiny_size
    assert (large.margin, large.gap, large.unit) == (plain.margin, plain.gap, plain.unit)
    assert abs(large.text_px(10) - 2 * plain.text_px(10)) <= 1


# -- measured on the screens ----------------------------------------------------------------


class TextProbe:
    """Finds every text on the App's window now and what it is drawn on.

    Every text goes through ``Assets.text`` (decoration, which has no contrast to keep,
    through ``Assets.decoration``). The frame is drawn twice: once with every text an
    empty surface of its own size (so nothing else moves), once with each text drawn
    without antialiasing in a tag colour of its own colour, which nothing else on the
    window has. A pixel in a tag colour is a pixel of a glyph, and the same pixel of the
    frame without texts is what that text is drawn on, whatever drew it.

    Only the top screen's texts are measured: a screen under a pause menu or a dialog is
    shaded on purpose, and takes no input until they close.
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self.hidden = False
        self.covered = False  # drawing a screen under the top one
        self.tags: dict[Colour, Colour] = {}  # a text colour -> the tag it is drawn in
        assets = app.services.assets
        real = type(assets).text

        def text(
            text: str, size: int, colour: Colour, *, bold: bool = False, wrap: int = 0
        ) -> pygame.Surface:
            if self.hidden or self.covered:
                surface = real(assets, text, size, colour, bold=bold, wrap=wrap)
                return pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            tag = self.tags.setdefault(colour, (1, 254 - len(self.tags), 3))
            # without antialiasing: every pixel of a glyph is the tag, none a blend
            shape = real(assets, text, size, colour, bold=bold, wrap=wrap)
            font = assets.font(size, bold)
            aliased = font.render(text, False, tag, wraplength=wrap)
            surface = pygame.Surface(shape.get_size(), pygame.SRCALPHA)
            surface.blit(aliased, (0, 0))
            return surface

        assets.text = text  # type: ignore[method-assign]

    def frame(self, *, hidden: bool) -> pygame.Surface:
        """The window's frame, everything laid out and drawn anew (no cached rendering)."""
        self.hidden = hidden
        below = self.app.scenes[:-1]
        for scene in below:
            scene.draw = self._covered(scene.draw)  # type: ignore[method-assign]
        self.covered = bool(below)  # their layouts render texts too
        self.app.apply_look(self.app.look)
        self.covered = False
        self.app.step(0.0)  # no time passes: nothing moves between the two frames
        for scene in below:
            del scene.draw  # type: ignore[method-assign]
        return self.app.surface.copy()

    def _covered(self, draw: Callable[[pygame.Surface], None]) -> Callable[[pygame.Surface], None]:
        def covered_draw(surface: pygame.Surface) -> None:
            self.covered = True
            try:
                draw(surface)
            finally:
                self.covered = False

        return covered_draw

    def measure(self) -> dict[tuple[Colour, Colour], int]:
        """Each (text colour, colour under it) on the window now, with its pixel count."""
        without = self.frame(hidden=True)
        self.tags.clear()
        tagged = self.frame(hidden=False)
        exact = (1, 1, 1, 255)
        found: dict[tuple[Colour, Colour], int] = {}
        for ink, tag in self.tags.items():
            clash = pygame.mask.from_threshold(without, tag, exact).count()
            assert not clash, f"the tag {tag} is drawn by something else too"
            core = pygame.mask.from_threshold(tagged, tag, exact)
            for rect in core.get_bounding_rects():
                for x in range(rect.left, rect.right):
                    for y in range(rect.top, rect.bottom):
                        if core.get_at((x, y)):
                            pair = (ink, tuple(without.get_at((x, y)))[:3])
                            found[pair] = found.get(pair, 0) + 1  # type: ignore[index]
        return found

    @property
    def inks(self) -> set[Colour]:
        return set(self.tags)


@pytest.fixture
def tour_app(tmp_path: Path) -> Iterator[MakeApp]:
    folder = tmp_path / "packs"
    write_tour_packs(folder)
    yield from app_factory(folder, tmp_path / "data")


@pytest.mark.parametrize(
    "name", ["standard/standard", "high-contrast/standard", "standard/colour-blind-safe"]
)
def test_every_text_on_every_screen_meets_the_minimum_where_it_is_drawn(
    tour_app: MakeApp, name: str
) -> None:
    look = LOOKS[name]
    app = tour_app(player="Ana")
    app.apply_look(look)
    probe = TextProbe(app)
    declared_inks = {p.foreground for p in look.colour_pairs() if p.kind == "text"}
    minimum = look.palette.text_contrast
    stops, failures, undeclared = [], [], set()
    for stop in every_screen(Pilot(app)):
        stops.append(stop)
        drawn = probe.measure()
        assert drawn, f"no text measured on {stop}"
        for (ink, under), pixels in drawn.items():
            ratio = contrast_ratio(ink, under)
            if ratio < minimum:
                failures.append(f"{stop}: {ink} on {under}, {ratio:.2f} ({pixels} px)")
        undeclared |= {(stop, ink) for ink in probe.inks if ink not in declared_inks}
    assert len(stops) >= 20, stops
    assert not failures, "\n".join(failures)
    assert not undeclared, f"text colours no pair declares: {sorted(undeclared)}"


UI = Path(__file__).resolve().parents[2] / "src" / "clarity" / "ui"
FIXED_LOOK = re.compile(r"\b(PALETTE|TIER_COLOURS|ANSWER_STYLES|STANDARD|HIGH_CONTRAST)\b")
METRICS = re.compile(r"\bMetrics\(([^)]*)\)")


def test_the_screens_draw_with_the_running_games_look() -> None:
    """No screen draws with a fixed palette or lays out at the standard text size: the
    colours, answer styles and tier colours come from ``assets.look`` when drawing, and
    Metrics from ``look.metrics(size)`` (a placeholder before the first layout aside)."""
    fixed = []
    for path in sorted(UI.rglob("*.py")):
        if path.name == "theme.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.relative_to(UI)}:{number}: {line.strip()}"
            if FIXED_LOOK.search(line):
                fixed.append(where)
            fixed += [where for args in METRICS.findall(line) if not re.fullmatch(r"[\d, ]+", args)]
    assert not fixed, "draw with assets.look (see clarity.ui.theme):\n" + "\n".join(fixed)
