"""What became of the files dropped on the window: the packs written and every problem.

Opened by :mod:`clarity.ui.drops` once a drop is imported. For each file: what it was
read as and how many questions it gave, the pack it went into (its title and file), what
the import decided for the teacher to check, every question skipped and every note as
``file:line:col: why``, and the new pack's warnings; or, when nothing was written, the one
line why. Several files dropped together are listed one after the other. "Play it now"
starts the first pack written; Esc or Enter (on Back) go back to where the teacher was,
whose pack list already shows the new pack.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.keys import Letter
from clarity.ui.menu_frame import SCROLL_KEYS, MenuFrame
from clarity.ui.menu_screen import BACK, MenuScreen
from clarity.ui.table import Cell, Row
from clarity.ui.widgets import Button, FocusGroup, draw_panel, focus_keys

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.formats.importing import SkippedLine
    from clarity.i18n import Translator
    from clarity.ui.app import App
    from clarity.ui.services import DroppedFile

MAX_REPORT_UNITS = 110  # wide enough for a path and a reason, narrow enough to follow
#: ↑ and ↓ scroll the list a line while it is longer than its view (held, they go on).
LINE_SCROLL_KEYS: tuple[Binding, ...] = (
    Binding("scroll_lines", (keys.DOWN,), N_("scroll"), "↑ ↓", (1,), repeats=True),
    Binding("scroll_lines", (keys.UP,), N_("scroll"), args=(-1,), repeats=True),
)
#: P starts the first pack written, as the "Play it now" button does.
PLAY_NOW = Binding("play_now", (Letter("P"),), N_("play it now"))

#: A format found, as the report names it (names of formats are not translated).
FORMAT_NAMES = {
    "gift": "GIFT",
    "aiken": "Aiken",
    "csv": "CSV",
    "xlsx": "Excel (xlsx)",
    "quizlet": "Quizlet",
    "opentdb": "Open Trivia DB",
    "kahoot": "Kahoot",
}


def report_rows(dropped: Sequence[DroppedFile], t: Translator) -> list[Row]:
    """The report's rows for ``dropped``, in ``t``'s language: for each file a first row
    (its name, and what it gave or why nothing was written), then a row for each thing
    said, each line skipped or noted (``file:line:col``), each warning of the new pack."""
    rows: list[Row] = []
    for one in dropped:
        name = one.path.name
        outcome = one.outcome
        if outcome is None:
            reason = t.render(one.refused) if one.refused is not None else ""
            # Translators: a file dropped on the window that gave no pack; {reason} says why
            text = t.gettext("Not imported: {reason}", reason=reason)
            rows.append(Row((Cell(name, bold=True), Cell(text, colour="wrong"))))
            rows.extend(_skipped_rows(one.skipped, t))
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
                    format=FORMAT_NAMES.get(fmt, fmt),
                )
            rows.append(Row((Cell(path.name, bold=True), Cell(text, bold=True, colour="right"))))
        # Translators: the pack a dropped file became: its title, then its file's name
        into = t.gettext("Pack “{title}”: {file}", title=outcome.title, file=outcome.pack_path.name)
        rows.append(Row((Cell(""), Cell(into))))
        rows.extend(
            Row((Cell(""), Cell(t.render(said), colour="text_muted"))) for said in outcome.said
        )
        rows.extend(_skipped_rows(outcome.skipped, t))
        rows.extend(_warning_rows(outcome.loaded, t))
    return rows


def _skipped_rows(skipped: Sequence[SkippedLine], t: Translator) -> list[Row]:
    rows = []
    for line in skipped:
        where = f"{line.path.name}:{line.line}:{line.column}"
        reason = t.render(line.reason)
        if line.kind == "skipped":
            # Translators: a question left out of an import; {reason} says why
            rows.append(Row((Cell(where), Cell(t.gettext("skipped: {reason}", reason=reason)))))
        else:
            rows.append(Row((Cell(where), Cell(reason, colour="text_muted"))))
    return rows


def _warning_rows(loaded: LoadedPack, t: Translator) -> list[Row]:
    return [
        Row(
            (
                Cell(f"{problem.path.name}:{problem.line}:{problem.column}"),
                Cell(problem.text(t), colour="text_muted"),
            )
        )
        for problem in loaded.warnings
    ]


class ImportReportScene(MenuScreen):
    """The report of one drop (or of drops that came while it showed): ``dropped`` in the
    order the files came.

    Its rows are a list that scrolls (↑ ↓ a line, PageUp and PageDown a page, the wheel),
    each row's "what" wrapped over as many lines as it needs: a reason is never cut off.
    Tab (and ← →) move along the bar, Enter presses (Back, first); P plays it now.
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
        self._body = pygame.Rect(0, 0, 0, 0)
        self._where_w = 0
        self._text_w = 1
        self._placed: list[tuple[int, int]] = []  # each row's top (from the list's top), height

    # -- the words -----------------------------------------------------------------------

    def fill(self) -> None:
        """The rows, heading and subheading in the interface language (at every layout)."""
        t = self.app.translator
        self.rows = report_rows(self.dropped, t)
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
                frame.subheading = t.gettext(
                    "Imported into your packs folder: {file}", file=outcome.pack_path.name
                )
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
        scrolling = (*LINE_SCROLL_KEYS, *SCROLL_KEYS) if self._scroller.max_offset > 0 else ()
        return (*own, *scrolling, BACK, *self._bar_keys)

    def scroll_lines(self, direction: int) -> None:
        """The list a line down (1) or up (-1)."""
        self._scroller.by(direction * self._line_h())

    def play_now(self) -> None:
        """Start a round on the first pack written, in this report's place."""
        if not self.written:
            return
        loaded = self.written[0].loaded
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
        self.focus.handle_event(event)

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
        for i, (row, (top, height)) in enumerate(zip(self.rows, self._placed, strict=True)):
            rect = pygame.Rect(self._body.x, self._body.y + top - offset, inner, height)
            if not rect.colliderect(self._body):
                continue
            first = bool(row.cells[0].bold)  # a file's first row stands out
            shade = palette.panel_deep if first or i % 2 else palette.panel
            draw_panel(surface, rect, metrics, shade, None)
            where, what = row.cells
            y = rect.y + metrics.px(0.3)
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
