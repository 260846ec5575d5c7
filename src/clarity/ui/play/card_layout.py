"""What the play screen's card shows at one moment, placed: texts, pictures, buttons, field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from clarity.ui.theme import Metrics
from clarity.ui.widgets import Button, TextBlock, TextField

#: What stays where it is when the card's contents scroll: its header and its clock.
FIXED = frozenset({"header", "card_header", "clock", "timebar"})


@dataclass
class CardLayout:
    """Filled in by the card's contents; drawn by the card.

    ``inner`` is the card's inside and ``top`` where the contents start, under the header.
    Texts are rendered here, once per layout; ``boxes`` hold every placed thing by name,
    for the layout tests. ``needed`` is the height, in pixels from ``top``, the contents
    need: more than the card has (large text, a long question) and the card scrolls.
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
    needed: int = 0
    shortfall: int = 0  # pixels a picture lacks of the least it should have
    #: pixels a text ran past the room it was given (its room then grows to hold it: a
    #: text is never cut, and the card lays out again taller and scrolls)
    spill: int = 0
    #: the text fields placed on the card, and other places things are drawn at (they
    #: move with its contents)
    fields: list[TextField] = field(default_factory=list)
    anchors: list[pygame.Rect] = field(default_factory=list)
    #: the bottom of the card's view (0: the inside's bottom); a card laid out taller than
    #: its view, to scroll, plans its sizes for the view
    view_bottom: int = 0

    @property
    def room(self) -> int:
        """The height in pixels the card's view shows under its header."""
        return (self.view_bottom or self.inner.bottom) - self.top

    def overflow(self) -> int:
        """How many pixels what is placed runs past its room: a text taller than its box,
        anything above the contents' top or below the card's inside (0: all fits)."""
        worst = max(self.shortfall, self.spill)
        for name, box in self.boxes.items():
            if name not in FIXED:
                worst = max(worst, box.bottom - self.inner.bottom, self.top - box.top)
        return worst

    def bottom(self) -> int:
        """The lowest edge of what is placed (the header and the clock aside)."""
        edges = [box.bottom for name, box in self.boxes.items() if name not in FIXED]
        return max(edges, default=self.top)

    def shift(self, dy: int) -> None:
        """Move the contents (all but the header and the clock) ``dy`` pixels down."""
        for name, block in self.texts.items():
            if name not in FIXED:
                block.rect.move_ip(0, dy)
                if block.box is not None:
                    block.box.move_ip(0, dy)
        for name, box in self.boxes.items():
            if name not in FIXED:
                box.move_ip(0, dy)
        for _, rect, _ in self.pictures:
            rect.move_ip(0, dy)
        for button, _ in self.buttons:
            button.rect.move_ip(0, dy)
        for text_field in self.fields:
            text_field.rect.move_ip(0, dy)
        for anchor in self.anchors:
            anchor.move_ip(0, dy)
        if self.wipe is not None:
            self.wipe.move_ip(0, dy)

    def add_text(self, name: str, block: TextBlock) -> TextBlock:
        """Place ``block``; a text taller or wider than its room gets the room it needs (it
        is drawn whole) and what it lacked counts in :meth:`overflow`."""
        box = block.box
        if box is not None and not box.contains(block.rect):
            self.spill = max(self.spill, block.rect.bottom - box.bottom)
            block.box = box.union(block.rect)
        self.texts[name] = block
        self.boxes[name] = block.rect.copy()
        return block

    def add_button(self, name: str, button: Button, size: int | None = None) -> None:
        self.buttons.append((button, size))
        self.boxes[name] = button.rect.copy()
