"""The pages' colours reach WCAG's contrast: every text colour of student.css against the
surfaces it is written on, computed from the stylesheet's custom properties (no browser)."""

from __future__ import annotations

import re

import pytest

from clarity.classroom.page_text import WEB_DIR
from clarity.ui.theme import TEXT_CONTRAST, contrast_ratio

#: The pairs the stylesheet writes text in: (text, surface), custom properties or colours.
TEXT_PAIRS = [
    ("--ink", "--paper"),
    ("--ink", "--card"),
    ("--muted", "--paper"),
    ("--muted", "--card"),
    ("--accent", "--card"),  # the game's name in the header
    ("--accent-ink", "--accent"),  # the score chip, the main buttons, the pause banner
    ("--button-ink", "--button"),
    ("--danger-ink", "--danger"),
    ("--right", "--paper"),
    ("--wrong", "--paper"),
    ("--wrong", "--card"),  # an error, a student not connected
    ("--right", "--card"),
]


def stylesheet() -> str:
    return (WEB_DIR / "student.css").read_text(encoding="utf-8")


def custom_properties(css: str) -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    assert root, "student.css has no :root block"
    return dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;", root.group(1)))


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_the_pages_are_dark_by_default_as_the_projector() -> None:
    css = stylesheet()
    paper = rgb(custom_properties(css)["--paper"])
    assert contrast_ratio(paper, (0, 0, 0)) < contrast_ratio(paper, (255, 255, 255))
    # one look: no light variant switched on by the device's own setting
    assert "prefers-color-scheme" not in css


@pytest.mark.parametrize(("text", "surface"), TEXT_PAIRS)
def test_every_text_colour_reaches_four_and_a_half_to_one(text: str, surface: str) -> None:
    colours = custom_properties(stylesheet())
    ratio = contrast_ratio(rgb(colours[text]), rgb(colours[surface]))
    assert ratio >= TEXT_CONTRAST, f"{text} on {surface}: {ratio:.2f}:1"


def test_the_answers_text_reaches_four_and_a_half_to_one_on_its_colour() -> None:
    css = stylesheet()
    base = re.search(r"\.choice \{[^}]*?color: (#[0-9a-fA-F]{6})", css)
    assert base
    looks = re.findall(r"\.look-(\w+) \{ background: (#[0-9a-fA-F]{6});(?: color: (#\w{6});)?", css)
    assert len(looks) == 6
    for name, background, own_text in looks:
        ratio = contrast_ratio(rgb(own_text or base.group(1)), rgb(background))
        assert ratio >= TEXT_CONTRAST, f"{name}: {ratio:.2f}:1"
