"""Flashcards to cut out: the prompt on the front, the answer on the back.

One card per question (its picture on the front when it has one; a choice question's
choices listed with letters; a true/false question's statement with "True or false?"),
then one card per mystery round (the whole picture, "What is in the picture?"). The back
holds the right answer as the game shows it at the reveal
(:func:`clarity.core.answers.right_answer_text`: every right choice joined by "or", True or
False, a number with its tolerance or range), a typed or number question's other accepted
answers, and the explanation (a round's caption). The words around the pack's own are the
game's, in the **pack's** language (a Russian pack's cards say Верно), as the Anki deck
does (:mod:`clarity.formats.anki`); a language without a catalog gets English.

**The sheet** (:class:`SheetLayout`): cards of a constant size (:data:`CARD_WIDTH` x
:data:`CARD_HEIGHT` mm, about a playing card turned sideways) in as many columns and rows as
fit inside the page's margins (2 x 4 on A4 and on US letter with 15 mm margins), the grid
centred on the page, :data:`GUTTER` mm apart so that cut marks fit between them.

**Duplex**: sheet ``k`` (from 0) is page ``2k + 1`` (the fronts) and page ``2k + 2`` (the
backs). A printer that prints on both sides flipping on the long edge (the usual
"long-edge binding" of a portrait page) turns the sheet about its vertical axis, so a card
at column ``c`` of the front lies behind column ``columns - 1 - c`` of the back: its back is
drawn at the front's position mirrored across the page's vertical centre
(``x' = page_width - x - CARD_WIDTH``), on the same row.

**Cut marks**: at every corner of every card, two short lines continuing the card's edges
outward, starting :data:`MARK_OFFSET` mm away from the corner, so no mark is printed on a
card. With ``cut_lines=True`` each card is also outlined with a thin dashed grey line.

**Fitting text**: a side's texts are set at the largest size from :data:`LARGEST_TEXT` down
to :data:`SMALLEST_TEXT` points (in half points) at which they fit the card, wrapped. A card
whose front or back does not fit at the smallest readable size (a prompt near the 2,000
characters a pack allows) takes two places of the sheet, one above the other: a
**double-height card** (:meth:`SheetLayout.tall`), cut out as one, its back behind it
mirrored like any other. Text that does not fit even there is cut at a word with an ellipsis,
and the card is listed in :attr:`Flashcards.shortened` so the command can say which.

Each card carries its number small in the top corner of both sides, so a stack can be
sorted: the questions in the pack's order from 1, then the rounds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from clarity.core.answers import right_answer_text
from clarity.core.messages import Message, message
from clarity.core.packs.models import (
    ChoiceQuestion,
    Mystery,
    NumberQuestion,
    Pack,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.i18n import LANGUAGES, Translator, translator_for
from clarity.printing.document import PAPER, POINT, Document, PageStyle, is_right_to_left

#: A card's size in mm (85 x 58: a business card's width, a little taller for a picture).
CARD_WIDTH = 85.0
CARD_HEIGHT = 58.0
#: The space between two cards, mm: room for the cut marks and a slip of the scissors.
GUTTER = 5.0
#: The space between a card's edge and its text, mm.
CARD_PADDING = 4.0
#: A cut mark's length and its distance from the card's corner, mm.
MARK_LENGTH = 3.0
MARK_OFFSET = 1.0
MARK_WIDTH = 0.2
#: Text sizes in points: a card's main text starts at the largest and shrinks in half
#: points down to the smallest a student still reads at arm's length.
LARGEST_TEXT = 13.0
SMALLEST_TEXT = 7.0
NUMBER_TEXT = 6.5
#: Lines of a text are this many times its size apart.
LINE_HEIGHT = 1.3
#: The shares of a question card's inner height its picture may take, largest first: the
#: first at which the card's text is still set at :data:`READABLE_TEXT` points or more.
PICTURE_SHARES = (0.45, 0.35, 0.25)
READABLE_TEXT = 10.0
#: The space between a picture and the text below it, mm.
PICTURE_GAP = 1.5
#: Grey of the card numbers and the dashed cut lines (0 black, 255 white).
GREY = 120
#: Letters before a choice question's choices, as on the game's answer buttons.
CHOICE_LETTERS = "ABCDEFGH"
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on a page, mm from the page's top left corner."""

    x: float
    y: float
    width: float
    height: float

    def mirrored(self, page_width: float) -> Box:
        """This box mirrored across the vertical centre of a page ``page_width`` mm wide."""
        return Box(page_width - self.x - self.width, self.y, self.width, self.height)


@dataclass(frozen=True, slots=True)
class CutMark:
    """A cut mark: a line from (x1, y1) to (x2, y2), mm."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Where the cards of one sheet go on a page of ``page_width`` x ``page_height`` mm."""

    page_width: float
    page_height: float
    columns: int
    rows: int

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def _left(self) -> float:
        return (self.page_width - self.columns * CARD_WIDTH - (self.columns - 1) * GUTTER) / 2

    @property
    def _top(self) -> float:
        return (self.page_height - self.rows * CARD_HEIGHT - (self.rows - 1) * GUTTER) / 2

    def front(self, slot: int) -> Box:
        """The box of card ``slot`` (0 to per_page - 1, row by row) on the fronts' page."""
        row, column = divmod(slot, self.columns)
        x = self._left + column * (CARD_WIDTH + GUTTER)
        y = self._top + row * (CARD_HEIGHT + GUTTER)
        return Box(x, y, CARD_WIDTH, CARD_HEIGHT)

    def tall(self, slot: int) -> Box:
        """The box of a double-height card whose top half is slot ``slot``: it covers that
        slot, the gutter and the slot below (``slot + columns``)."""
        top = self.front(slot)
        return Box(top.x, top.y, CARD_WIDTH, 2 * CARD_HEIGHT + GUTTER)

    def back(self, slot: int) -> Box:
        """The box of card ``slot``'s back on the backs' page: its front mirrored across the
        page's vertical centre (long-edge duplex)."""
        return self.front(slot).mirrored(self.page_width)

    def pages(self, cards: int) -> int:
        """The pages ``cards`` cards take: a page of fronts and a page of backs per sheet."""
        return 2 * math.ceil(cards / self.per_page)

    def cut_marks(self, slots: int | None = None) -> tuple[CutMark, ...]:
        """The cut marks of the first ``slots`` cards (all of a full sheet by default): at
        each corner, a horizontal and a vertical line outside the card, continuing its edges.
        Backs need none (the sheet is cut from the fronts' side); a mirrored page would have
        the same marks for a full sheet."""
        boxes = [self.front(slot) for slot in range(self.per_page if slots is None else slots)]
        return cut_marks_around(boxes)


def cut_marks_around(boxes: Sequence[Box]) -> tuple[CutMark, ...]:
    """The cut marks of cards in ``boxes``: at each corner, a horizontal and a vertical line
    outside the card, :data:`MARK_OFFSET` mm from it, continuing its edges."""
    marks: list[CutMark] = []
    for box in boxes:
        for x, outward_x in ((box.x, -1), (box.x + box.width, 1)):
            for y, outward_y in ((box.y, -1), (box.y + box.height, 1)):
                near_x = x + outward_x * MARK_OFFSET
                far_x = x + outward_x * (MARK_OFFSET + MARK_LENGTH)
                near_y = y + outward_y * MARK_OFFSET
                far_y = y + outward_y * (MARK_OFFSET + MARK_LENGTH)
                marks.append(CutMark(near_x, y, far_x, y))
                marks.append(CutMark(x, near_y, x, far_y))
    return tuple(marks)


def sheet_layout(style: PageStyle) -> SheetLayout:
    """The sheet for ``style``: as many columns and rows of cards as fit inside its margins
    (at least one of each). Raises KeyError for a paper not in :data:`PAPER`."""
    width, height = PAPER[style.paper]
    columns = int((width - 2 * style.margin + GUTTER) // (CARD_WIDTH + GUTTER))
    rows = int((height - 2 * style.margin + GUTTER) // (CARD_HEIGHT + GUTTER))
    return SheetLayout(width, height, max(1, columns), max(1, rows))


@dataclass(frozen=True, slots=True)
class Line:
    """One text of a card's side: its words, bold or not, and its size relative to the
    side's main size."""

    text: str
    bold: bool = False
    scale: float = 1.0
    #: the space before it, in lines of the side's main size
    space: float = 0.5


@dataclass(frozen=True, slots=True)
class Card:
    """One flashcard: its number, the picture on its front (the pack's text for it), and
    the texts of its two sides, in the pack's language."""

    number: int
    picture: str | None
    front: tuple[Line, ...]
    back: tuple[Line, ...]
    #: a mystery round's card: the picture is the front
    mystery: bool = False


def card_words(language: str) -> Translator:
    """The game's words in a pack in ``language`` (a BCP 47 tag), English when the game
    has no catalog for it."""
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return translator_for(primary if primary in LANGUAGES else "en")


def cards_of(pack: Pack) -> list[Card]:
    """The cards of ``pack``: one per question in its order, then one per round."""
    words = card_words(pack.language)
    cards = [
        _question_card(number, question, words)
        for number, question in enumerate(pack.questions, start=1)
    ]
    start = len(cards) + 1
    cards += [_round_card(n, mystery, words) for n, mystery in enumerate(pack.rounds, start)]
    return cards


def _question_card(
    number: int,
    question: ChoiceQuestion | TrueFalseQuestion | TypedQuestion | NumberQuestion,
    words: Translator,
) -> Card:
    front = [Line(question.prompt, bold=True)]
    if isinstance(question, ChoiceQuestion):
        front += [
            Line(f"{letter}  {choice}", scale=0.9, space=0.2 if index else 0.5)
            for index, (letter, choice) in enumerate(
                zip(CHOICE_LETTERS, question.choices, strict=False)
            )
        ]
    elif isinstance(question, TrueFalseQuestion):
        front.append(Line(words.gettext("True or false?"), scale=0.85))
    back = [Line(words.render(right_answer_text(question)), bold=True, scale=1.15)]
    if isinstance(question, TypedQuestion | NumberQuestion):
        back += _also_accepted(question.accept, words)
    if question.explain:
        back.append(Line(question.explain, scale=0.85))
    return Card(number, question.image, tuple(front), tuple(back))


def _round_card(number: int, mystery: Mystery, words: Translator) -> Card:
    front = (Line(words.render(message("What is in the picture?")), bold=True),)
    back = [Line(mystery.answer, bold=True, scale=1.15), *_also_accepted(mystery.accept, words)]
    if mystery.caption:
        back.append(Line(mystery.caption, scale=0.85))
    return Card(number, mystery.image, front, tuple(back), mystery=True)


def _also_accepted(accept: Sequence[str], words: Translator) -> list[Line]:
    if not accept:
        return []
    # the same words as the Anki deck's cards
    also = message("Also accepted: {answers}", answers=words.join(accept, "or"))
    return [Line(words.render(also), scale=0.85)]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a card went: its page of fronts (from 1; its backs are on the next page), and
    its boxes there."""

    card: Card
    front_page: int
    front: Box
    back: Box

    @property
    def back_page(self) -> int:
        return self.front_page + 1


@dataclass(frozen=True, slots=True)
class Flashcards:
    """The laid-out flashcards: the document, the sheet, where each card went, and the
    numbers of the cards whose text had to be cut to fit."""

    document: Document
    layout: SheetLayout
    placements: tuple[Placement, ...]
    shortened: tuple[int, ...]

    def shortened_cards(self) -> tuple[Card, ...]:
        """The cards whose text was cut even on a double-height card, in their order."""
        return tuple(p.card for p in self.placements if p.card.number in self.shortened)

    def shortened_said(self) -> list[Message]:
        """A message for each card cut short even on a double-height card, naming its number
        and first words and what to do (for the command's output and the game's Print
        notice)."""
        return [
            message(
                'card {number} "{start}" is too long even for a double card and is cut short '
                "with …: shorten it, or print the worksheet",
                number=str(card.number),
                start=opening(card),
            )
            for card in self.shortened_cards()
        ]


#: How many words of a card's text name it in a warning.
OPENING_WORDS = 6


def opening(card: Card) -> str:
    """The first words of ``card``'s own text, to name it to the teacher: a question's
    prompt, a round's answer (its front is the game's question), "…" after them when
    there are more."""
    text = card.back[0].text if card.mystery else card.front[0].text
    words = text.split()
    return " ".join(words[:OPENING_WORDS]) + (ELLIPSIS if len(words) > OPENING_WORDS else "")


def flashcards(
    pack: Pack,
    images: Mapping[str, Path],
    style: PageStyle,
    *,
    title: str | None = None,
    cut_lines: bool = False,
) -> Document:
    """The flashcards of ``pack`` as a document to print on both sides (long edge).

    ``images`` maps each picture as the pack writes it to its file
    (:attr:`clarity.core.packs.loader.LoadedPack.images`); a picture not in it is left out
    (a loaded pack has them all), as is one that cannot be read. ``title`` is the
    document's title (the pack's by default).
    ``cut_lines`` outlines each card with a dashed line besides the cut marks. See
    :func:`lay_out_flashcards` for the layout and the cards whose text was cut.
    """
    return lay_out_flashcards(pack, images, style, title=title, cut_lines=cut_lines).document


def lay_out_flashcards(
    pack: Pack,
    images: Mapping[str, Path],
    style: PageStyle,
    *,
    title: str | None = None,
    cut_lines: bool = False,
) -> Flashcards:
    """:func:`flashcards`, with where each card went and which were shortened."""
    layout = sheet_layout(style)
    document = Document(style, title=title or pack.title, author=pack.author)
    document.pdf.set_auto_page_break(False)  # every card is inside the margins
    painter = _Painter(document, images)
    document.pdf.add_page()  # the first sheet's fronts: fpdf2 measures text on a page
    sheets = _sheets(cards_of(pack), layout, painter)
    placements: list[Placement] = []
    for index, sheet in enumerate(sheets):
        if index:
            document.pdf.add_page()
        front_page = document.pdf.page_no()
        painter.marks(cut_marks_around([front for _, front in sheet]))
        for card, front in sheet:
            if cut_lines:
                painter.dashed_outline(front)
            painter.front(card, front)
            placements.append(Placement(card, front_page, front, front.mirrored(layout.page_width)))
        document.pdf.add_page()
        for card, front in sheet:
            back = front.mirrored(layout.page_width)
            if cut_lines:
                painter.dashed_outline(back)
            painter.side(card, card.back, back)
    shortened = tuple(sorted(painter.shortened))
    return Flashcards(document, layout, tuple(placements), shortened)


def _sheets(
    cards: Sequence[Card], layout: SheetLayout, painter: _Painter
) -> list[list[tuple[Card, Box]]]:
    """The cards of each sheet with their fronts' boxes: each card in the first free place
    of the current sheet, in order; a card too long for one place in the first free place
    with a free one below it (a double-height card), a new sheet when there is none."""
    sheets: list[list[tuple[Card, Box]]] = []
    taken: set[int] = set()
    for card in cards:
        tall = layout.rows > 1 and not painter.fits(card, layout.front(0))
        for _attempt in range(2):
            slot = _free_slot(layout, taken, tall) if sheets else None
            if slot is not None:
                break
            sheets.append([])
            taken = set()
        assert slot is not None  # an empty sheet has room for a double-height card
        taken |= {slot, slot + layout.columns} if tall else {slot}
        sheets[-1].append((card, layout.tall(slot) if tall else layout.front(slot)))
    return sheets


def _free_slot(layout: SheetLayout, taken: set[int], tall: bool) -> int | None:
    """The first place of the sheet not ``taken`` (with the place below it free too for a
    ``tall`` card), or None."""
    for slot in range(layout.per_page):
        below = slot + layout.columns
        if slot not in taken and (not tall or (below < layout.per_page and below not in taken)):
            return slot
    return None


class _Painter:
    """Draws cards on a document: their pictures, their texts fitted, marks and lines."""

    def __init__(self, document: Document, images: Mapping[str, Path]) -> None:
        self.document = document
        self.images = images
        self.heights = _Heights(document)
        self.shortened: set[int] = set()  # the numbers of the cards whose text was cut

    def marks(self, marks: Sequence[CutMark]) -> None:
        pdf = self.document.pdf
        pdf.set_draw_color(0)
        pdf.set_line_width(MARK_WIDTH)
        for mark in marks:
            pdf.line(mark.x1, mark.y1, mark.x2, mark.y2)

    def dashed_outline(self, box: Box) -> None:
        pdf = self.document.pdf
        pdf.set_draw_color(GREY)
        pdf.set_line_width(MARK_WIDTH)
        pdf.set_dash_pattern(dash=1.5, gap=1.5)
        pdf.rect(box.x, box.y, box.width, box.height)
        pdf.set_dash_pattern()
        pdf.set_draw_color(0)

    def fits(self, card: Card, box: Box) -> bool:
        """Whether both sides of ``card`` fit ``box`` at :data:`SMALLEST_TEXT` points or more,
        uncut (its front's picture at its smallest share)."""
        width = box.width - 2 * CARD_PADDING
        inner_height = box.height - 2 * CARD_PADDING - NUMBER_TEXT * POINT
        front = inner_height
        if card.picture is not None and self.images.get(card.picture) is not None:
            if card.mystery:
                front = LARGEST_TEXT * POINT * 1.6 - PICTURE_GAP
            else:
                front = inner_height * (1 - PICTURE_SHARES[-1]) - PICTURE_GAP
        return all(
            _fitting(self.heights, lines, width, height)[1] == tuple(lines)
            for lines, height in ((card.front, front), (card.back, inner_height))
        )

    def front(self, card: Card, box: Box) -> None:
        """Draw ``card``'s front in ``box``: its picture on top (a round's fills the card),
        its texts below."""
        inner_top = box.y + CARD_PADDING + NUMBER_TEXT * POINT
        inner_height = box.y + box.height - CARD_PADDING - inner_top
        picture = 0.0
        path = self.images.get(card.picture) if card.picture is not None else None
        if path is not None:
            if card.mystery:
                share = inner_height - LARGEST_TEXT * POINT * 1.6
            else:
                share = self._picture_share(card, inner_height, box.width - 2 * CARD_PADDING)
            drawn = self.document.picture(
                path,
                x=box.x + CARD_PADDING,
                y=inner_top,
                width=box.width - 2 * CARD_PADDING,
                height=share,
            )  # centred in its box: the text goes below the box
            if drawn[1] > 0:
                picture = share + PICTURE_GAP
        self.side(card, card.front, box, top=picture, align="C" if card.mystery else None)

    def _picture_share(self, card: Card, inner_height: float, width: float) -> float:
        """The height in mm of a question card's picture: the largest of
        :data:`PICTURE_SHARES` that leaves its text readable, else the smallest."""
        for share in PICTURE_SHARES:
            height = inner_height * share
            size, _ = _fitting(self.heights, card.front, width, inner_height - height - PICTURE_GAP)
            if size >= READABLE_TEXT:
                return height
        return inner_height * PICTURE_SHARES[-1]

    def side(
        self,
        card: Card,
        lines: Sequence[Line],
        box: Box,
        *,
        top: float = 0.0,
        align: str | None = None,
    ) -> None:
        """Draw the card's number and ``lines`` in ``box`` below ``top`` mm (of picture),
        centred in the height left, aligned by ``align`` (None: each text to its own start,
        right for Arabic or Hebrew)."""
        document = self.document
        document.pdf.set_text_color(GREY)
        document.write_block(
            str(card.number),
            x=box.x + CARD_PADDING,
            y=box.y + CARD_PADDING / 2,
            width=box.width - 2 * CARD_PADDING,
            size=NUMBER_TEXT,
            align="R",
            line_height=1.0,
        )
        document.pdf.set_text_color(0)
        inner_top = box.y + CARD_PADDING + NUMBER_TEXT * POINT + top
        height = box.y + box.height - CARD_PADDING - inner_top
        width = box.width - 2 * CARD_PADDING
        size, fitted = _fitting(self.heights, lines, width, height)
        if fitted != tuple(lines):
            self.shortened.add(card.number)
        y = inner_top + max(0.0, height - self.heights(fitted, width, size)) / 2
        for index, line in enumerate(fitted):
            if index:
                y += _gap(size, line)
            # drawn as write_block draws, without measuring the text a second time
            document.prepare(line.text)
            document.use_font(size * line.scale, bold=line.bold)
            document.pdf.set_xy(box.x + CARD_PADDING, y)
            document.pdf.multi_cell(
                width,
                size * line.scale * POINT * LINE_HEIGHT,
                line.text,
                align=align or ("R" if is_right_to_left(line.text) else "L"),
            )
            y += self.heights((line,), width, size)


def _gap(size: float, line: Line) -> float:
    """The space before ``line`` in mm, on a side whose main size is ``size`` points."""
    return size * POINT * line.space


class _Heights:
    """:meth:`Document.text_height`, remembered: fitting a card measures its texts at
    several sizes, and measuring (HarfBuzz shaping each word) is most of the work."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._known: dict[tuple[str, float, float, bool], float] = {}

    def __call__(self, lines: Sequence[Line], width: float, size: float) -> float:
        """The height of ``lines`` wrapped to ``width`` mm at ``size`` points, with their gaps."""
        total = sum(_gap(size, line) for line in lines[1:])
        for line in lines:
            key = (line.text, width, size * line.scale, line.bold)
            height = self._known.get(key)
            if height is None:
                height = self.document.text_height(
                    line.text, width, key[2], bold=line.bold, line_height=LINE_HEIGHT
                )
                self._known[key] = height
            total += height
        return total


def _fitting(
    heights: _Heights, lines: Sequence[Line], width: float, height: float
) -> tuple[float, tuple[Line, ...]]:
    """The largest size (points, in halves from :data:`LARGEST_TEXT` down to
    :data:`SMALLEST_TEXT`) at which ``lines`` fit ``width`` x ``height`` mm, and the lines;
    at the smallest, the lines cut at a word with an ellipsis when they still do not fit."""
    size = LARGEST_TEXT
    while size > SMALLEST_TEXT and heights(lines, width, size) > height:
        size -= 0.5
    if heights(lines, width, size) <= height:
        return size, tuple(lines)
    total = sum(len(line.text) for line in lines)
    low, high = 0, total  # the most characters kept that fit: low fits, high + 1 does not
    while low < high:
        middle = (low + high + 1) // 2
        if heights(_cut(lines, middle), width, size) <= height:
            low = middle
        else:
            high = middle - 1
    return size, _cut(lines, low)


def _cut(lines: Sequence[Line], keep: int) -> tuple[Line, ...]:
    """``lines`` with only their first ``keep`` characters, cut back to a word, an ellipsis
    after the last."""
    kept: list[Line] = []
    for line in lines:
        if keep >= len(line.text):
            kept.append(line)
            keep -= len(line.text)
            continue
        text = line.text[:keep]
        if " " in text.strip():
            text = text.rstrip()
            text = text[: text.rfind(" ")] if not line.text[keep : keep + 1].isspace() else text
        text = text.rstrip(" ,;:.-") + ELLIPSIS
        kept.append(replace(line, text=text))
        break
    return tuple(kept)
