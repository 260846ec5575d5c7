"""The lobby of a class game on students' devices, on the projector: how to join (the
address, large, and its QR code, which carries the PIN), the game's PIN in two groups of
three digits, and the names of those who joined, in a grid that grows.

The teacher starts the game (Enter or Space, once somebody has joined), removes a name
(the arrows to it, then Delete: the device is told and let go) or ends hosting (Esc; asked
first when students are in); T shows the teacher's own address and its code, for their
phone, until T again or for half a minute (it drives the game: never shown unasked).
Read from the back of a classroom: the QR code's modules are
at least :data:`LEAST_MODULE_PX` pixels on a 1024x768 projector, the address and the PIN
at the largest sizes their room allows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from clarity.classroom.commands import RemoveStudent, Start
from clarity.core.messages import N_, message
from clarity.ui import keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, handle_key, key_hints
from clarity.ui.choices import Choice
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.host_view.hosting import HostedScene, Hosting, address_of, spaced_pin
from clarity.ui.host_view.qr import QrCode
from clarity.ui.host_view.roster import RosterGrid
from clarity.ui.host_view.teacher_card import TeacherCard
from clarity.ui.host_view.texts import Texts
from clarity.ui.keys import Letter

if TYPE_CHECKING:
    from clarity.classroom.views import RosterLine
    from clarity.ui.app import App

#: A QR code's module, in pixels, is at least this on a 1024x768 projector (a phone reads
#: it from a few metres).
LEAST_MODULE_PX = 6
#: Of the width, the column of the address and the QR code.
JOIN_SHARE = 0.4

BINDINGS: tuple[Binding, ...] = (
    Binding("start", (keys.ENTER, keys.SPACE), N_("start the game"), "Enter"),
    Binding("move", (keys.LEFT,), N_("choose a name"), "← → ↑ ↓", (-1, 0), repeats=True),
    Binding("move", (keys.RIGHT,), N_("choose a name"), args=(1, 0), repeats=True),
    Binding("move", (keys.UP,), N_("choose a name"), args=(0, -1), repeats=True),
    Binding("move", (keys.DOWN,), N_("choose a name"), args=(0, 1), repeats=True),
    Binding("remove", (keys.DELETE,), N_("remove the name")),
    # Translators: a key hint: T shows the teacher's own page's code (it drives the game)
    Binding("teacher", (Letter("T"),), N_("teacher's phone")),
    Binding("end", (keys.ESCAPE,), N_("end hosting")),
)


class HostLobbyScene(HostedScene):
    """The lobby (see the module). ``hosting`` holds the link to the server."""

    name = "host-lobby"

    def __init__(self, app: App, hosting: Hosting) -> None:
        super().__init__(app, hosting)
        self.qr = QrCode(hosting.link.students_url)
        self.roster = RosterGrid()
        self.teacher_card = TeacherCard(hosting.link.teacher_url)
        self.selected: int | None = None  # the student the arrows are on (their id)
        self._texts = Texts(app.services.assets)
        self._metrics = app.look.metrics(app.options.size)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._backdrop = Backdrop()
        self._size = app.options.size

    # -- reading ------------------------------------------------------------------------

    @property
    def students(self) -> tuple[RosterLine, ...]:
        """The students in the game now, in the order they joined."""
        view = self.view
        return tuple(line for line in view.roster if not line.removed) if view else ()

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """Everything drawn, by name (for the layout tests)."""
        boxes = dict(self._texts.boxes)
        boxes["qr"] = self.qr.rect.copy()
        boxes["hints"] = self._hints_area.copy()
        # the card covers the screen: what it draws is what is seen
        return self.teacher_card.boxes() or boxes

    def shown_texts(self) -> dict[str, str]:
        return dict(self._texts.words) | self.teacher_card.words()

    # -- actions --------------------------------------------------------------------------

    def start(self) -> None:
        if not self.students:
            self.app.notice.show(message("Nobody has joined yet"))
            return
        self.send(Start())

    def move(self, dx: int, dy: int) -> None:
        students = self.students
        if not students:
            return
        ids = [line.student for line in students]
        if self.selected not in ids:
            self.selected = ids[0]
        else:
            step = dx + dy * max(1, self.roster.columns)
            index = max(0, min(len(ids) - 1, ids.index(self.selected) + step))
            self.selected = ids[index]
        self.layout(self._size)  # the line under the names says the chosen one whole

    def remove(self) -> None:
        students = self.students
        ids = [line.student for line in students]
        if self.selected not in ids:
            return
        self.send(RemoveStudent(self.selected))
        # the arrows stay where they were: on the next name, else the one before
        index = ids.index(self.selected)
        rest = ids[:index] + ids[index + 1 :]
        self.selected = rest[min(index, len(rest) - 1)] if rest else None

    def teacher(self) -> None:
        self.teacher_card.toggle()
        if self.teacher_card.shown:
            self.teacher_card.layout(
                self.app.services.assets, self._metrics, self._size, self.app.translator
            )

    def end(self) -> None:
        if not self.students:
            self.end_hosting()
            return
        t = self.app.translator
        count = len(self.students)
        self.app.screens.push(
            "dialog",
            heading=t.gettext("End hosting?"),
            message=t.ngettext(
                "{count} student has joined: their devices are let go.",
                "{count} students have joined: their devices are let go.",
                count,
            ),
            choices=[
                Choice(
                    t.gettext("End hosting"), self.end_hosting, keys=(Letter("E"),), danger=True
                ),
                Choice(t.gettext("Back"), _stay, key_hint="Esc"),
            ],
            name="host-end",
        )

    # -- the scene ----------------------------------------------------------------------

    def view_changed(self) -> None:
        self.layout(self._size)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            handle_key(self, BINDINGS, event)

    def update(self, dt: float) -> None:
        self.teacher_card.update(dt)
        super().update(dt)

    def layout(self, size: tuple[int, int]) -> None:
        self._size = size
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        palette = self.app.look.palette
        t = self.app.translator
        texts = self._texts = Texts(assets)
        width, height = size
        margin, gap = metrics.margin, metrics.gap
        hints = key_hints(BINDINGS)
        hints_h = key_hints_height(hints, assets, metrics, width - 2 * margin)
        self._hints_area = pygame.Rect(
            margin, height - hints_h - metrics.px(0.6), width - 2 * margin, hints_h
        )
        if self.teacher_card.shown:
            self.teacher_card.layout(assets, metrics, size, t)
        bottom = self._hints_area.top - gap
        chosen = next((line for line in self.students if line.student == self.selected), None)
        # the server's last word ("Tom was removed") stays when a name is chosen: both lines
        lines = [("notice", self.view.notice if self.view is not None else None)]
        if chosen is not None:
            # a long name may be cut on its chip: the one Delete would remove, in full
            lines.append(("chosen", t.gettext("Chosen: {name}", name=chosen.name)))
        notice_h = assets.font(metrics.small_size).get_linesize()
        for name, line in reversed(lines):
            if not line:
                continue
            texts.place(
                name,
                line,
                (metrics.small_size, metrics.tiny_size),
                palette.text_muted if name == "notice" else palette.text,
                pygame.Rect(margin, bottom - notice_h, width - 2 * margin, notice_h),
                align="centre",
            )
            bottom -= notice_h + gap // 2
        top = metrics.px(1.2)

        # the left column: how to join, then the QR code as large as the rest allows
        join_w = round((width - 2 * margin) * JOIN_SHARE)
        left = pygame.Rect(margin, top, join_w, bottom - top)
        label_h = 2 * assets.font(metrics.body_size).get_linesize()
        label = texts.place(
            "join",
            t.gettext("Join on your phone or laptop at"),
            (metrics.body_size, metrics.small_size),
            palette.text_muted,
            pygame.Rect(left.x, left.y, left.width, label_h),
            align="centre",
        )
        address = address_of(self.hosting.link.students_url)
        address_h = 2 * assets.font(metrics.heading_size, True).get_linesize()
        address_rect = texts.place(
            "address",
            address,
            (max(metrics.heading_size, metrics.px(4.2)), metrics.small_size),
            palette.accent,
            pygame.Rect(left.x, label.bottom + gap // 2, left.width, address_h),
            bold=True,
            align="centre",
        )
        qr_area = pygame.Rect(
            left.x, address_rect.bottom + gap, left.width, left.bottom - address_rect.bottom - gap
        )
        self.qr.fit(qr_area)

        # the right column: the PIN, how many joined, their names
        right = pygame.Rect(
            left.right + 2 * gap, top, width - margin - left.right - 2 * gap, bottom - top
        )
        pin_label = texts.place(
            "pin_label",
            t.gettext("Game PIN"),
            (metrics.body_size, metrics.small_size),
            palette.text_muted,
            pygame.Rect(
                right.x, right.y, right.width, assets.font(metrics.body_size).get_linesize()
            ),
            align="centre",
        )
        pin_size = max(metrics.title_size, metrics.px(8.0))
        pin_h = assets.font(pin_size, True).get_linesize()
        pin = texts.place(
            "pin",
            spaced_pin(self.hosting.link.pin),
            (pin_size, metrics.heading_size),
            palette.text,
            pygame.Rect(right.x, pin_label.bottom, right.width, pin_h),
            bold=True,
            align="centre",
        )
        count = len(self.students)
        if count:
            joined = t.ngettext("{count} student has joined", "{count} students have joined", count)
        else:
            joined = t.gettext("Waiting for students to join…")
        count_h = 2 * assets.font(metrics.body_size, True).get_linesize()
        count_size = assets.fitter.size_for(
            joined, metrics.heading_size, metrics.small_size, (right.width, count_h), bold=True
        )
        count_h = assets.fitter.measure(joined, count_size, right.width, bold=True)[1]
        counted = texts.place(
            "count",
            joined,
            (count_size, count_size),
            palette.accent if count else palette.text_muted,
            pygame.Rect(right.x, pin.bottom + gap, right.width, count_h),
            bold=True,
            align="centre",
        )
        names_area = pygame.Rect(
            right.x, counted.bottom + gap, right.width, max(0, right.bottom - counted.bottom - gap)
        )
        sizes = (metrics.heading_size, metrics.body_size, metrics.small_size, metrics.tiny_size)
        self.roster.layout(
            texts,
            metrics,
            names_area,
            [(line.name, line.connected) for line in self.students],
            sizes=sizes,
            # the chip of the names not shown: "+27", as short as a name's chip needs
            more_text=lambda more: f"+{t.number(more)}",
        )
        self._mark_selected()

    def _mark_selected(self) -> None:
        ids = [line.student for line in self.students]
        self.selected = self.selected if self.selected in ids else None
        index = ids.index(self.selected) if self.selected is not None else None
        shown = index is not None and index < self.roster.shown
        self.roster.selected = index if shown else None

    def draw(self, surface: pygame.Surface) -> None:
        assets = self.app.services.assets
        metrics = self._metrics
        self._backdrop.draw(surface, self.app.look.palette)
        self.qr.draw(surface)
        self.roster.draw(surface, assets, metrics)
        self._texts.draw(surface)
        draw_key_hints(surface, key_hints(BINDINGS), assets, metrics, self._hints_area)
        self.teacher_card.draw(surface, assets, metrics)


def _stay() -> None:
    """Back from the question: the lobby stays."""
