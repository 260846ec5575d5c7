"""What the play screen's card shows at one moment, placed: texts, pictures, buttons, field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from clarity.ui.theme import Metrics
from clarity.ui.widgets import Button, TextBlock


@dataclass
class CardLayout:
    """Filled in by the card's contents; drawn by the card.

    ``inner`` is the card's inside and ``top`` where the contents start, under the header.
    Texts are rendered here, once per layout; ``boxes`` hold every placed thing by name,
    for the layout tests.
    """

    metrics: Metrics
    inner: pygame.Rect
    top: int
    texts: dict[str, TextBlock] = field(default_factory=dict)
    boxes: dict[str, pygame.Rect] = field(default_factory=dict)
    #: pictures (scaled to their rect) and the width of the frame round them
    pictures: list[tuple[pygame.Surface, pygame.Rect, int]] = field(default_factory=list)
    #: buttons drawn on the card, each with its label size (None: the usual)
    buttons: list[tuple[Button, int | None]] = field(default_factory=list)
    #: the buttons the keyboard moves between, in order, and how many in a row
    focus: list[Button] = field(default_factory=list)
    columns: int = 1
    #: what is drawn over the card every frame (a text field and its caret); returns
    #: where it drew
    live: Callable[[pygame.Surface], list[pygame.Rect]] | None = None
    #: what wipes in when a new question comes
    wipe: pygame.Rect | None = None

    def add_text(self, name: str, block: TextBlock) -> TextBlock:
        self.texts[name] = block
        self.boxes[name] = block.rect.copy()
        return block

    def add_button(self, name: str, button: Button, size: int | None = None) -> None:
        self.buttons.append((button, size))
        self.boxes[name] = button.rect.copy()
