"""What became of the files dropped on the window: the packs written and every problem.

Opened by :mod:`clarity.ui.drops` once a drop is imported. For each file: what it was
read as and how many questions it gave, the pack it went into (its title and file), what
the import decided for the teacher to check, every question skipped and every note as
``line:col: why`` under the name of the file they are in (said once, as a heading, not in
every row), and the new pack's warnings; or, when nothing was written, the one line why.
Several files dropped together are listed one after the other. "Play it now" (P) starts
the pack written; when several were, each pack's block is numbered, its number key (or a
click on the block) chooses the one to play, and the button names it. Esc or Enter (on
Back) go back to where the teacher was, whose pack list already shows the new pack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.keys import Digit, Letter
from clarity.ui.menu_frame import SCROLL_KEYS, MenuFrame
from clarity.ui.menu_screen import BACK, MenuScreen
from clarity.ui.table import Cell, Row
from clarity.ui.widgets import Button, FocusGroup, draw_focus_ring, draw_panel, focus_keys

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.formats.importing import SkippedLine
    from clarity.i18n import Translator
    from clarity.ui.app import App
    from clarity.ui.services import DroppedFile
    from clarity.ui.textfit import Measures

MAX_REPORT_UNITS = 110  # wide enough for a path and a reason, narrow enough to follow
#: ↑ and ↓ scroll the list a line while it is longer than its view (held, they go on).
LINE_SCROLL_KEYS: tuple[Binding, ...] = (
    Binding("scroll_lines", (keys.DOWN,), N_("scroll"), "↑ ↓", (1,), repeats=True),
    Binding("scroll_lines", (keys.UP,), N_("scroll"), args=(-1,), repeats=True),
)
#: Home and End go to the list's first and last line.
ENDS_KEYS: tuple[Binding, ...] = (
    Binding("scroll_to_end", (keys.HOME,), N_("first or last line"), "Home End", (-1,)),
    Binding("scroll_to_end", (keys.END,), N_("first or last line"), args=(1,)),
)
#: P starts the pack chosen (the only one, or the one a number chose), as the play button.
PLAY_NOW = Binding("play_now", (Letter("P"),), N_("play it now"))
#: With several packs written, 1–9 choose the one P plays (each block shows its number).
CHOOSE_KEYS: tuple[Binding, ...] = tuple(
    Binding(
        "choose_pack",
        (Digit(number),),
        N_("choose the pack to play"),
        "1–9" if number == 1 else None,  # the first row's cap: 1–N for N packs (bindings)
        (number - 1,),
    )
    for number in range(1, 10)
)
#: The longest pack title the play button names whole; a longer one loses its middle.
BUTTON_TITLE_CHARS = 28

# The report's own name for a format where it says more than the command line's.
_OWN_FORMAT_NAMES = {"xlsx": "Excel (xlsx)"}


def report_rows(dropped: Sequence[DroppedFile], t: Translator) -> list[Row]:
    """The report's rows for ``dropped``, in ``t``'s language (:func:`report_blocks`, one
    after the other)."""
    return [row for _, rows in report_blocks(dropped, t) for row in rows]


def report_blocks(
    dropped: Sequence[DroppedFile], t: Translator, *, numbered: bool = False
) -> list[tuple[DroppedFile, list[Row]]]:
    """Each file of ``dropped`` with its rows, in ``t``'s language: a first row (its name,
    and what it gave or why nothing was written), a row for each thing said, each line
    skipped or noted and each warning of the new pack (``line:col`` under a heading row
    naming the file they are in, when that is not the file just named). ``numbered``:
    the row of each pack written starts with its number (several packs: the key that
    chooses it)."""
    blocks: list[tuple[DroppedFile, list[Row]]] = []
    number = 0
    for one in dropped:
        rows: list[Row] = []
        blocks.append((one, rows))
        name = one.path.name
        outcome = one.outcome
        if outcome is None:
            reason = t.render(one.refused) if one.refused is not None else ""
            # Translators: a file dropped on the window that gave no pack; {reason} says why
            text = t.gettext("Not imported: {reason}", reason=reason)
            rows.append(Row((Cell(name, bold=True), Cell(text, colour="wrong"))))
            rows.extend(_skipped_rows(one.skipped, t, one.path))
            continue
        for path, fmt, count in outcome.per_file:
            if fmt == "pack":
                # Translators: a pack file dropped on the window, copied into the packs folder
                text = t.ngettext(
                    "A pack with {count} question",
                    "A pack with {count} questions",
                    count,
                )
            else:
                # Translators: {format} is a file format's name (GIFT, Aiken, CSV, Kahoot...)
                text = t.ngettext(
                    "{format}: {count} question imported",
                    "{format}: {count} questions imported",
                    count,
                    format=_format_name(fmt),
                )
            rows.append(Row((Cell(path.name, bold=True), Cell(text, bold=True, colour="right"))))
        number += 1
        # Translators: the pack a dropped file became: its title, then its file's name
        into = t.gettext("Pack “{title}”: {file}", title=outcome.title, file=outcome.pack_path.name)
        key = Cell(t.number(number), bold=True, colour="accent") if numbered else Cell("")
        rows.append(Row((key, Cell(into))))
        rows.extend(
            Row((Cell(""), Cell(t.render(said), colour="text_muted"))) for said in outcome.said
        )
        shown = outcome.per_file[0][0] if outcome.per_file else one.path
        rows.extend(_skipped_rows(outcome.skipped, t, shown))
        rows.extend(_warning_rows(outcome.loaded, t))
    return blocks


def _format_name(fmt: str) -> str:
    """A format found, as the report names it (names of formats are not translated): the
    importer's name (:data:`clarity.formats.importing.FORMAT_NAMES`, as ``clarity import``
    says it) unless the report has its own; the key itself for a format neither
    knows."""
    from clarity.formats.importing import FORMAT_NAMES  # noqa: PLC0415 - loaded by the import

    return _OWN_FORMAT_NAMES.get(fmt) or FORMAT_NAMES.get(fmt, fmt)


def _heading_row(path: Path) -> Row:
    """The name of the file the rows under it are in (a row across both columns)."""
    return Row((Cell(path.name, colour="text_muted"), Cell("")), highlight=True)


def _skipped_rows(skipped: Sequence[SkippedLine], t: Translator, shown: Path) -> list[Row]:
    """A row per line skipped or noted, ``line:col``; ``shown`` is the file named just
    above, and each other file gets a heading row before its lines."""
    rows = []
    for line in skipped:
        if line.path != shown:
            shown = line.path
            rows.append(_heading_row(shown))
        where = f"{line.line}:{line.column}"
        reason = t.render(line.reason)
        if line.kind == "skipped":
            # Translators: a question left out of an import; {reason} says why
            rows.append(Row((Cell(where), Cell(t.gettext("skipped: {reason}", reason=reason)))))
        else:
            rows.append(Row((Cell(where), Cell(reason, colour="text_muted"))))
    return rows


def _warning_rows(loaded: LoadedPack, t: Translator) -> list[Row]:
    rows: list[Row] = []
    shown: Path | None = None
    for problem in loaded.warnings:
        if problem.path != shown:
            shown = problem.path
            rows.append(_heading_row(shown))
        rows.append(
            Row(
                (
                    Cell(f"{problem.line}:{problem.column}"),
                    Cell(problem.text(t), colour="text_muted"),
                )
            )
        )
    return rows


def middle_ellipsized(font: Measures, text: str, width: int) -> str:
    """``text`` as it fits in ``width`` pixels of ``font``: whole, or with its middle
    replaced by "…" (a file's name keeps its start and its ending, .gift, .yaml)."""
    if font.size(text)[0] <= width:
        return text
    low, high = 0, len(text)  # how many characters are kept, at most
    while low < high:
        keep = (low + high + 1) // 2
        if font.size(_cut_middle(text, keep))[0] <= width:
            low = keep
        else:
            high = keep - 1
    return _cut_middle(text, low)


def _cut_middle(text: str, keep: int) -> str:
    head = (keep + 1) // 2
    tail = keep - head
    return text[:head].rstrip() + "…" + (text[len(text) - tail :].lstrip() if tail else "")


class ImportReportScene(MenuScreen):
    """The report of one drop (or of drops that came while it showed): ``dropped``, the
    latest drop's files first (:mod:`clarity.ui.drops` puts them there), each drop's in the
    order they came.

    Its rows are a list that scrolls (↑ ↓ a line, PageUp and PageDown a page, Home and End
    to its ends, the wheel), each row's "what" wrapped over as many lines as it needs: a
    reason is never cut off. Tab (and ← →) move along the bar, Enter presses (Back, first);
    P plays the pack chosen (:attr:`chosen`: with several, 1–N or a click on a pack's block
    choose it, its row is ringed and the play button names it).
    """

    name = "import-report"

    def __init__(self, app: App, *, dropped: Sequence[DroppedFile]) -> None:
        self.dropped = tuple(dropped)
        self.back_button = Button(N_("Back"), self.back, BACK.hint_cap)
        self.play_button = Button(N_("Play it now"), self.play_now, PLAY_NOW.hint_cap)
        self.written = [one.outcome for one in self.dropped if one.outcome is not None]
        buttons = [self.back_button, *([self.play_button] if self.written else [])]
        self.focus = FocusGroup(buttons, columns=len(buttons))
        super().__init__(app, MenuFrame(N_("Dropped files"), self.focus.buttons, ()))
        self._labels = [(button, button.label) for button in buttons]
        sideways = ("focus.left", "focus.right")
        self._bar_keys = tuple(
            row
            for row in focus_keys(move="", press="")
            if len(buttons) > 1 or row.action not in sideways
        )
        self.rows: list[Row] = []
        #: the pack P plays: an index of ``written`` (several: chosen by number or click)
        self.chosen = 0
        self._row_pack: list[int | None] = []  # the index in ``written`` of each row's pack
        self._body = pygame.Rect(0, 0, 0, 0)
        self._where_w = 0
        self._text_w = 1
        self._placed: list[tuple[int, int]] = []  # each row's top (from the list's top), height

    # -- the words -----------------------------------------------------------------------

    def fill(self) -> None:
        """The rows, heading and subheading in the interface language (at every layout)."""
        t = self.app.translator
        several = len(self.written) > 1
        self.rows, self._row_pack = [], []
        written = -1
        for one, rows in report_blocks(self.dropped, t, numbered=several):
            written += one.outcome is not None
            self.rows.extend(rows)
            self._row_pack.extend([written if one.outcome is not None else None] * len(rows))
        if several:
            title = self.written[self.chosen].title
            if len(title) > BUTTON_TITLE_CHARS:
                title = _cut_middle(title, BUTTON_TITLE_CHARS - 1)
            # Translators: the button that plays the pack chosen among several imported
            self.play_button.label = t.gettext("Play “{title}”", title=title)
        frame = self._frame
        frame.heading = t.gettext("Dropped files")
        frame.subheading_colour = "text_muted"
        if len(self.dropped) == 1 and self.written:
            outcome = self.written[0]
            frame.heading = outcome.title
            # Translators: under the title of a pack made from a dropped file: where it is
            frame.subheading = t.gettext(
                "Imported into your packs folder: {file}", file=str(outcome.pack_path)
            )
            font = self.app.services.assets.font(self._metrics.body_size)
            room = self.app.size[0] - 2 * self._metrics.margin
            if font.size(frame.subheading)[0] > room:  # a long folder: the file's name only
                said = t.gettext("Imported into your packs folder: {file}", file="")
                name = middle_ellipsized(font, outcome.pack_path.name, room - font.size(said)[0])
                frame.subheading = t.gettext("Imported into your packs folder: {file}", file=name)
        elif len(self.dropped) == 1:
            frame.heading = t.gettext("Not imported")
            frame.subheading = self.dropped[0].path.name
            frame.subheading_colour = "wrong"
        else:
            # Translators: under the heading of the report of several dropped files
            frame.subheading = t.ngettext(
                "{done} of {count} file imported",
                "{done} of {count} files imported",
                len(self.dropped),
                done=t.number(len(self.written)),
            )

    # -- the keys ------------------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        """P while a pack was written, scrolling while the list is longer than its view,
        Esc, and the bar's keys."""
        own = (PLAY_NOW,) if self.written else ()
        if len(self.written) > 1:
            choosing = CHOOSE_KEYS[: len(self.written)]
            last = choosing[-1].keys[0].cap
            own = (*own, replace(choosing[0], cap=f"1–{last}"), *choosing[1:])
        scrolling = (
            (*LINE_SCROLL_KEYS, *SCROLL_KEYS, *ENDS_KEYS) if self._scroller.max_offset > 0 else ()
        )
        return (*own, *scrolling, BACK, *self._bar_keys)

    def scroll_lines(self, direction: int) -> None:
        """The list a line down (1) or up (-1)."""
        self._scroller.by(direction * self._line_h())

    def scroll_to_end(self, direction: int) -> None:
        """The list's first line (-1: Home) or its last (1: End)."""
        self._scroller.by(direction * (self._scroller.content_height + 1))

    def choose_pack(self, index: int) -> None:
        """The ``index``-th pack written (0 first) is the one P plays; its block scrolls
        into view. Nothing for an index no pack has."""
        if not 0 <= index < len(self.written) or index == self.chosen:
            return
        self.chosen = index
        self.layout(self.app.size)  # the play button names the pack: its width changes
        rows = [i for i, pack in enumerate(self._row_pack) if pack == index]
        if rows:
            top = self._placed[rows[0]][0]
            last_top, last_height = self._placed[rows[-1]]
            bottom = min(last_top + last_height, top + self._body.height)
            self._scroller.show(top, bottom)

    def play_now(self) -> None:
        """Start a round on the pack chosen (the first, unless another was), in this
        report's place."""
        if not self.written:
            return
        loaded = self.written[self.chosen].loaded
        if loaded.pack is None:
            return
        self.leave("play", loaded=loaded, seed=self.app.services.settings.seed)

    # -- the scene -----------------------------------------------------------------------

    def _line_h(self) -> int:
        return self.app.services.assets.font(self._metrics.body_size).get_linesize()

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        t = self.app.translator
        for button, label in self._labels:
            button.label = t.gettext(label)
        self.fill()
        hints = self._frame.hints = self.hints()
        content = self._frame.layout(size, assets)
        width = min(content.width, metrics.px(MAX_REPORT_UNITS))
        self._body = pygame.Rect(content.centerx - width // 2, content.y, width, content.height)
        pad = metrics.px(0.8)
        inner = width - metrics.px(1.4) - 2 * pad  # the scrollbar runs at the right edge
        widest = max(
            (
                assets.font(metrics.body_size, row.cells[0].bold).size(row.cells[0].text)[0]
                for row in self.rows
                if not _spans(row)
            ),
            default=0,
        )
        self._where_w = min(widest, inner * 2 // 5)
        text_w = self._text_w = max(1, inner - self._where_w - 2 * pad)
        gap = metrics.px(0.4)
        self._placed = []
        y = 0
        for row in self.rows:
            where, what = row.cells
            if _spans(row):
                height = assets.text(
                    where.text, metrics.body_size, (0, 0, 0), wrap=inner - 2 * pad
                ).get_height() + metrics.px(0.6)
                self._placed.append((y, height))
                y += height + gap
                continue
            high = max(
                assets.text(
                    where.text,
                    metrics.body_size,
                    (0, 0, 0),
                    bold=where.bold,
                    wrap=self._where_w or 1,
                ).get_height(),
                assets.text(
                    what.text, metrics.body_size, (0, 0, 0), bold=what.bold, wrap=text_w
                ).get_height(),
            )
            height = high + metrics.px(0.6)
            self._placed.append((y, height))
            y += height + gap
        self._scroller.set(self._body, max(0, y - gap))
        if self.hints() != hints:
            self.layout(size)  # the scroll keys came or went: the bar may change height

    def handle_event(self, event: pygame.event.Event) -> None:
        if self._leaving:
            return
        if event.type == pygame.KEYDOWN:
            self.handle_key(event)
            return
        if self._scroller.handle_event(event, self._metrics):
            return
        if self.focus.handle_event(event):
            return
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1:
            pack = self._pack_at(event.pos)
            if pack is not None:
                self.choose_pack(pack)

    def _pack_at(self, pos: tuple[int, int]) -> int | None:
        """The index in ``written`` of the pack whose block is at ``pos`` (None: none)."""
        if not self._body.collidepoint(pos):
            return None
        y = pos[1] - self._body.y + round(self._scroller.offset)
        for pack, (top, height) in zip(self._row_pack, self._placed, strict=True):
            if top <= y < top + height:
                return pack
        return None

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        self.draw_frame(surface)
        self.focus.draw(surface, assets, metrics)
        if not self.rows:
            self.draw_message(
                surface, self.app.translator.gettext("Nothing was dropped."), self._body
            )
            return
        pad = metrics.px(0.8)
        inner = self._body.width - metrics.px(1.4)
        text_x = self._body.x + pad + self._where_w + 2 * pad
        text_w = self._text_w
        previous = surface.get_clip()
        surface.set_clip(self._body)
        offset = round(self._scroller.offset)
        several = len(self.written) > 1
        for i, (row, (top, height)) in enumerate(zip(self.rows, self._placed, strict=True)):
            rect = pygame.Rect(self._body.x, self._body.y + top - offset, inner, height)
            if not rect.colliderect(self._body):
                continue
            first = bool(row.cells[0].bold)  # a file's first row stands out
            shade = palette.panel_deep if first or i % 2 else palette.panel
            draw_panel(surface, rect, metrics, shade, None)
            where, what = row.cells
            y = rect.y + metrics.px(0.3)
            if several and where.colour == "accent" and self._row_pack[i] == self.chosen:
                draw_focus_ring(surface, rect, metrics, palette.focus)  # the pack P plays
            if _spans(row):
                colour = palette.text if where.colour is None else palette.colour(where.colour)
                shown = assets.text(where.text, metrics.body_size, colour, wrap=inner - 2 * pad)
                surface.blit(shown, (rect.x + pad, y))
                continue
            where_colour = palette.text if where.colour is None else palette.colour(where.colour)
            shown = assets.text(
                where.text,
                metrics.body_size,
                where_colour,
                bold=where.bold,
                wrap=self._where_w or 1,
            )
            surface.blit(shown, (rect.x + pad, y))
            what_colour = palette.text if what.colour is None else palette.colour(what.colour)
            said = assets.text(
                what.text, metrics.body_size, what_colour, bold=what.bold, wrap=text_w
            )
            surface.blit(said, (text_x, y))
        surface.set_clip(previous)
        self._scroller.draw_bar(surface, metrics, palette)


def _spans(row: Row) -> bool:
    """Whether ``row`` is a heading across both columns (a file's name over its lines)."""
    return row.highlight and not row.cells[1].text
