"""Buttons hold their words: a label keeps room before its key's badge, the badge stays
inside the button, and a menu of buttons draws every label at one size, each word whole."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from clarity.ui import keys
from clarity.ui.app import App
from clarity.ui.theme import Colour, Look, Metrics
from clarity.ui.widgets import Button, FocusGroup

from .drawn_text import recording_drawn_text, recording_wrapped_lines, words_broken_inside

LARGE = Look.from_choices(text_size=200)
BACKGROUND: Colour = (0, 0, 0)


@pytest.fixture
def large_app(make_app: Callable[..., App]) -> App:
    """An App of the smallest window for text at 200 %, 1024x768."""
    app = make_app(size=(1024, 768))
    app.apply_look(LARGE)
    return app


def _nothing() -> None:
    pass


def columns_of(surface: pygame.Surface, rect: pygame.Rect, colour: Colour) -> list[int]:
    """The x of every column of ``rect`` on ``surface`` with a pixel of about ``colour``."""
    return [
        x
        for x in range(rect.left, rect.right)
        if any(_near(surface.get_at((x, y)), colour) for y in range(rect.top, rect.bottom))
    ]


def rows_of(surface: pygame.Surface, rect: pygame.Rect, colour: Colour) -> list[int]:
    """The y of every row of ``rect`` on ``surface`` with a pixel of about ``colour``."""
    return [
        y
        for y in range(rect.top, rect.bottom)
        if any(_near(surface.get_at((x, y)), colour) for x in range(rect.left, rect.right))
    ]


def _near(pixel: pygame.Color, colour: Colour) -> bool:
    return sum(abs(a - b) for a, b in zip(pixel[:3], colour, strict=True)) <= 6


@pytest.mark.parametrize(("label", "key"), [("Перайменаваць", "R"), ("Выдаліць", "Del")])
def test_a_key_badge_keeps_its_distance_from_the_label_and_the_button_s_edges(
    large_app: App, label: str, key: str
) -> None:
    assets = large_app.services.assets
    metrics: Metrics = large_app.look.metrics(large_app.size)
    small = metrics.small_size
    font = assets.font(small, True)
    # as the players' rows size theirs: a line of small type high, as wide as the label at
    # small size, the badge and the pads (three pads: no room to spare)
    width = font.size(label)[0] + font.size(keys.shown_cap(key, assets.translator))[0]
    button = Button(label, _nothing, key_hint=key, tone="danger")
    button.rect = pygame.Rect(40, 40, width + 3 * metrics.px(1.2), font.get_linesize())
    surface = pygame.Surface(large_app.size)
    surface.fill(BACKGROUND)
    button.draw(surface, assets, metrics, focused=False, hovered=False, size=small)

    tone = large_app.look.tone("danger")
    badge_colour = large_app.look.badge(tone)
    badge_columns = columns_of(surface, button.rect, badge_colour)
    badge_left = badge_columns[0]
    before_badge = pygame.Rect(button.rect.x, button.rect.y, badge_left - button.rect.x, 0)
    before_badge.height = button.rect.height
    label_right = columns_of(surface, before_badge, tone.ink)[-1]
    assert badge_left - label_right > metrics.px(0.8)  # a gap a reader sees
    badge_rows = rows_of(surface, button.rect, badge_colour)
    assert badge_rows[0] - button.rect.top >= metrics.px(0.4)
    assert button.rect.bottom - 1 - badge_rows[-1] >= metrics.px(0.4)
    assert button.rect.right - 1 - badge_columns[-1] >= metrics.px(1.0)


# The pause menu in Belarusian: one label longer than the others
PAUSE_LABELS = [
    ("Працягнуць", "Esc"),
    ("Пачаць раўнд нанова", "R"),
    ("Экран і гук", "S"),
    ("На галоўны экран", "T"),
]


def test_a_menu_draws_its_labels_at_one_size_with_every_word_whole(
    large_app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    assets = large_app.services.assets
    metrics = large_app.look.metrics(large_app.size)
    group = FocusGroup([Button(label, _nothing, key_hint=key) for label, key in PAUSE_LABELS])
    for row, button in enumerate(group.buttons):
        button.rect = pygame.Rect(297, 190 + 97 * row, 430, 83)  # as the pause menu has them
    sizes: dict[str, int] = {}
    text = assets.text

    def recorded(words: str, size: int, *args: object, **kwargs: object) -> pygame.Surface:
        sizes[words] = size
        return text(words, size, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(assets, "text", recorded)
    surface = pygame.Surface(large_app.size)
    with (
        recording_drawn_text(monkeypatch) as drawn,
        recording_wrapped_lines(monkeypatch) as wrapped,
    ):
        group.draw(surface, assets, metrics, size=metrics.heading_size)
    assert len({sizes[label] for label, _ in PAUSE_LABELS}) == 1, sizes
    assert words_broken_inside(wrapped, drawn) == set()
    assert all(label in drawn for label, _ in PAUSE_LABELS)  # each on one line
