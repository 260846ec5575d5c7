"""The pack choice: every installed pack as a card; broken ones greyed with their first error.

The packs load in the background (:mod:`clarity.ui.pack_shelf`): the screen opens at once,
each pack's card comes in as it is loaded, in its place, with a line saying how many of how
many are in (a pack written or edited in the packs folder while the game runs is loaded as
the list opens or comes back into view), and the focus stays on the card the player is on.
Until a pack that plays has come, the focus is on no button: Enter pressed then waits, and
plays the first pack to come (a quick player's Enter at the title and again here never
lands on Back). Each card's texts are measured once per layout, never per frame, so a
thousand cards scroll as smoothly as ten.

Chosen for study, each pack says what a student revising wants: its cards due now and the
new cards left today for the player (a guest: how many cards it has), and Enter studies;
the flashcards open over the list, so leaving them comes back here with the counts fresh.
Chosen for the True or False sprint, each pack shows the player's personal best on it, if
any, and Enter starts. The counts come from one store query for every pack
(:meth:`~clarity.ui.services.Services.study_overview`, ``best_sprints``), asked when the
list opens and when it comes back into view, never per frame.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_, Message, message
from clarity.resources import DEFAULT_PACK_ID
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, KeyHint, handle_key, key_hints
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.keys import Letter
from clarity.ui.menu_frame import (
    SCROLL_KEYS,
    Scroller,
    button_height,
    button_width,
    heading_size,
)
from clarity.ui.menu_screen import BACK
from clarity.ui.scene import Scene
from clarity.ui.textfit import wrap_lines
from clarity.ui.widgets import (
    Button,
    FocusGroup,
    draw_focus_ring,
    draw_panel,
    focus_keys,
    lighten,
)

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.i18n import Translator
    from clarity.ui.app import App
    from clarity.ui.pack_shelf import LoadProgress
    from clarity.ui.services import PrintJob, StudyOverview

HEADING = N_("Choose a pack")
#: P, or the Print button: the pack in focus (or the last one) as flashcards, a worksheet
#: and an exam with its key, written into a folder shown in the file manager.
PRINT = Binding("print_pack", (Letter("P"),), N_("print"))
#: How long the notice saying where the printouts are stays (a folder's path is long).
PRINTED_NOTICE_SECONDS = 6.0
#: What a pack is chosen for: the screen that opens with it (a round, flashcards, a sprint).
PURPOSES = ("play", "study", "sprint")
#: Arrows and Tab move between the packs that play, Enter plays the one in focus, Esc
#: goes back; PageUp and PageDown join them while the list is longer than its view. The
#: focus keys go through the screen's ``focus_key`` (see :class:`PackScene`).
PACK_KEYS: tuple[Binding, ...] = (
    *(
        replace(row, action="focus_key", args=(row.action.removeprefix("focus."),))
        for row in focus_keys(press=N_("play"))
    ),
    BACK,
    PRINT,
)
#: The Enter hint of each purpose: plays, studies, starts (the sprint).
PRESS_LABELS = {"play": N_("play"), "study": N_("study"), "sprint": N_("start")}
#: The keys of a list chosen from for study or for the sprint: Enter's hint says so.
PURPOSE_KEYS: dict[str, tuple[Binding, ...]] = {
    purpose: tuple(
        replace(row, label=PRESS_LABELS[purpose])
        if row.action == "focus_key" and row.args == ("press_focused",)
        else row
        for row in PACK_KEYS
    )
    for purpose in PURPOSES
}
DESCRIPTION_LINES = 2
META_LINES = 3  # a longer language at 200 % needs a third line for the counts
ERROR_LINES = 2
#: A card shows at most a few lines of any text, and no line holds this many characters
#: even at the smallest size on the widest window: only this much of a text is measured
#: (a 7.9 MiB value in an error took 6 s a frame to wrap whole).
MEASURED_CHARS_PER_LINE = 500
NO_AREA = pygame.Rect(0, 0, 0, 0)


def progress_text(progress: LoadProgress, t: Translator) -> str:
    """What the pack choice says while packs are loading, in ``t``'s language: "Loading
    packs: 1,200 of 5,000"."""
    if progress.found is None:
        return t.gettext("Looking for packs…")
    return t.gettext(
        "Loading packs: {loaded} of {found}", loaded=progress.loaded, found=progress.found
    )


def error_text(loaded: LoadedPack, t: Translator) -> str:
    """The first error of a broken pack in ``t``'s language, with its line rather than the
    file's whole path (the card's title is the file's name); the field name stays as the
    pack writes it."""
    errors = loaded.errors
    if not errors:
        return t.gettext("This pack cannot be played.")
    problem = errors[0]
    # Translators: {line} is a line number of the pack file; {problem} says what is wrong
    # there, after the field's name as the file writes it ("choices[2]: ...")
    return t.gettext("Line {line}: {problem}", line=str(problem.line), problem=problem.text(t))


def choice_order(
    packs: Sequence[LoadedPack], default_id: str = DEFAULT_PACK_ID
) -> list[LoadedPack]:
    """The default pack first, then the other packs that play by title, the broken ones last."""

    return sorted(packs, key=lambda loaded: _place(loaded, default_id))


def _place(loaded: LoadedPack, default_id: str) -> tuple[bool, bool, str, str, str]:
    playable = loaded.ok and loaded.pack is not None
    default = playable and loaded.id == default_id
    return (not playable, not default, loaded.title.casefold(), loaded.title, str(loaded.path))


@dataclass
class PackCard:
    """One pack on the list: its place in the scrolled list and its focusable button."""

    loaded: LoadedPack
    button: Button
    place: tuple[bool, bool, str, str, str]  # its sort key in choice_order
    top: int = 0  # y inside the list, before scrolling
    height: int = 0
    measured_for: tuple[int, ...] = ()  # the layout its height was measured for

    @property
    def playable(self) -> bool:
        return self.loaded.ok and self.loaded.pack is not None


class PackScene(Scene):
    """Arrows or Tab move between the playable packs, Enter or a click starts one.

    ``on_choose`` receives the chosen pack; by default the pack scene gives way to the
    play scene on that pack (so Esc in play and "back to the title" skip this list).

    While no pack that plays has come (they load in the background) the focus is on no
    button: an Enter pressed then waits and chooses the first pack that plays once it is
    in; an arrow or Tab shows the focus (on Back) and forgets the waiting Enter. Once every
    pack is in and none plays, the focus is on Back.
    """

    name = "packs"

    def __init__(
        self,
        app: App,
        *,
        on_choose: Callable[[LoadedPack], None] | None = None,
        purpose: str = "play",
    ) -> None:
        super().__init__(app)
        if purpose not in PURPOSES:
            raise ValueError(f"a pack is chosen to play, study or sprint, not {purpose!r}")
        #: what the chosen pack is for: its screen ("play", "study" or "sprint") replaces this
        self.purpose = purpose
        self.on_choose = on_choose or self._start_round
        self.cards: list[PackCard] = []
        self.back_button = Button(N_("Back"), self.back, BACK.hint_cap)
        self.print_button = Button(N_("Print"), self.print_pack, PRINT.hint_cap)
        self.focus = FocusGroup([self.back_button, self.print_button])
        self._printing: PrintJob | None = None  # the printouts being written
        self._printed_for = 0.0  # seconds the notice of the printouts has left
        self._printed: Message | None = None  # that notice
        self._printing_said: Message | None = None  # the notice while they are written
        self._last_pack: LoadedPack | None = None  # the pack P prints when Print has focus
        self._scroller = Scroller()
        self._metrics = app.look.metrics(app.options.size)
        self._backdrop = Backdrop()
        self._heading_pos = (0, 0)
        self._list_area = pygame.Rect(0, 0, 0, 0)
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._status_area = pygame.Rect(0, 0, 0, 0)
        self._card_width = 0
        self._taken = 0  # how many of the catalogue's arrived packs have cards
        self._generation = app.services.packs.generation  # of the catalogue the cards show
        self._progress: LoadProgress | None = None
        self._laid_out_hints: tuple[KeyHint, ...] = ()
        self._focus_moved = False  # by the player: from then on arrivals never move it
        self._focus_shown = False  # False: the focus is on no button (no pack plays yet)
        self._enter_waiting = False  # Enter pressed before a pack that plays was in
        self._wrapped: dict[tuple[str, int, bool, int, int], list[str]] = {}
        self._wrapped_for: tuple[int, ...] = ()
        self._tops: list[int] = []  # each card's top, in order, to find the visible ones
        self._placed = range(0)  # the cards whose buttons have a place on the screen
        self._overview: StudyOverview | None = None  # the player's cards, for study
        self._bests: dict[str, int] = {}  # the player's sprint bests, by pack id

    # -- reading the state (tests, the demo) ----------------------------------------

    @property
    def focused_button(self) -> Button | None:
        """The button Enter presses: None while no pack that plays has come (Enter waits)."""
        return self.focus.focused if self._focus_shown else None

    @property
    def focused_pack(self) -> LoadedPack | None:
        focused = self.focused_button
        return next((c.loaded for c in self.cards if c.button is focused), None)

    @property
    def enter_waiting(self) -> bool:
        """Whether an Enter waits for the first pack that plays."""
        return self._enter_waiting

    @property
    def scroll(self) -> float:
        """Pixels of the list scrolled off the top."""
        return self._scroller.offset

    @property
    def max_scroll(self) -> int:
        return self._scroller.max_offset

    def card_rect(self, card: PackCard) -> pygame.Rect:
        """Where ``card`` is on the screen now (it may lie outside the visible list)."""
        area = self._list_area
        return pygame.Rect(
            area.centerx - self._card_width // 2,
            area.y + card.top - round(self.scroll),
            self._card_width,
            card.height,
        )

    @property
    def list_area(self) -> pygame.Rect:
        """The part of the window the pack cards scroll in."""
        return self._list_area.copy()

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """The fixed parts of the screen, by name (for the layout tests)."""
        heading = self.app.services.assets.text(
            self.app.translator.gettext(HEADING),
            heading_size(self._metrics),
            self.app.look.palette.text,
            bold=True,
        )
        boxes = {
            "heading": heading.get_rect(center=self._heading_pos),
            "list": self._list_area.copy(),
            "back": self.back_button.rect.copy(),
            "print": self.print_button.rect.copy(),
            "hints": self._hints_area.copy(),
        }
        if self.loading:
            boxes["progress"] = self._status_area.copy()
        return boxes

    @property
    def loading(self) -> bool:
        """Whether packs are still coming in (the progress line is shown meanwhile)."""
        return self._progress is None or not self._progress.finished

    @property
    def progress_line(self) -> str | None:
        """The progress line as shown, or None once every pack is in."""
        if not self.loading:
            return None
        t = self.app.translator
        line = progress_text(self._progress or self.app.services.packs.progress(), t)
        if self._enter_waiting:
            # Translators: said after the loading progress while an early Enter waits
            return t.gettext("{progress} · starting the first one…", progress=line)
        return line

    # -- actions -----------------------------------------------------------------

    def choose(self, loaded: LoadedPack) -> None:
        if loaded.ok and loaded.pack is not None:
            self.app.services.sound.play("click")
            self.on_choose(loaded)

    def back(self) -> None:
        self.app.pop()

    def print_pack(self) -> None:
        """Write the printouts of the pack in focus (or the last pack in focus, when the
        focus is on the buttons) in the background; a notice says so, then where they are."""
        loaded = self.focused_pack or self._last_pack
        if loaded is None or not loaded.ok or loaded.pack is None:
            self.app.notice.show(message("Choose a pack that plays, then print it"))
            return
        if self._printing is not None:
            return  # one at a time: its notice is showing
        started = self.app.services.print_pack(loaded)
        if isinstance(started, Message):
            self.app.notice.show(started)
            return
        self.app.services.sound.play("click")
        self._printing = started
        self._printed = None
        self._printing_said = message("Printing {title}…", title=loaded.title)
        self.app.notice.show(self._printing_said)

    def _follow_printing(self, dt: float) -> None:
        """Keep the notice of the printouts on screen while they are written, then say
        where they are for :data:`PRINTED_NOTICE_SECONDS`; another notice shown meanwhile
        is left its time."""
        notice = self.app.notice
        job = self._printing
        if job is not None:
            said = self._printing_said
            if not job.done:
                if said is not None and (notice.said is None or notice.said is said):
                    notice.show(said)  # its time starts again
                return
            self._printing = None
            self._printed, self._printed_for = job.said, PRINTED_NOTICE_SECONDS
            notice.show(self._printed)
        elif self._printed is not None:
            self._printed_for -= dt
            if self._printed_for <= 0:
                self._printed = None
            elif notice.said is self._printed:
                notice.show(self._printed)

    def scroll_page(self, direction: int) -> None:
        """The list a page down (1) or up (-1)."""
        self._scroller.page(direction)

    def focus_key(self, action: str) -> None:
        """A focus key (``action`` names the focus group's method: "down", "next",
        "press_focused"...). Enter before a pack that plays has come waits for one."""
        if action == "press_focused":
            if self._focus_shown:
                self.focus.press_focused()
            elif self.loading:
                self._enter_waiting = True
            return
        self._enter_waiting = False  # the player looks around instead
        if self._focus_shown:
            getattr(self.focus, action)()
        self._focus_shown = True

    def _start_round(self, loaded: LoadedPack) -> None:
        if self.purpose == "study":  # over the list: leaving the cards comes back to it
            self.app.screens.push("study", loaded=loaded)
            return
        if self.purpose != "play":  # the True or False sprint
            self.app.screens.replace(self.purpose, loaded=loaded)
            return
        self.app.screens.replace("play", loaded=loaded, seed=self.app.services.settings.seed)

    # -- the keys ----------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        """The screen's keys, and PageUp/PageDown while the list scrolls."""
        return (*PURPOSE_KEYS[self.purpose], *(SCROLL_KEYS if self.max_scroll > 0 else ()))

    def hints(self) -> tuple[KeyHint, ...]:
        return key_hints(self.bindings())

    # -- the scene ---------------------------------------------------------------

    def enter(self) -> None:
        catalogue = self.app.services.packs
        catalogue.preload()  # if the launcher has not: never wait for it
        catalogue.refresh()  # a pack written or changed in the folder since: shown too
        self._count_cards()
        self._take_arrivals()

    def resume(self) -> None:
        """Back on the list (from a report, the settings, the flashcards...): the folder
        may have changed, and the cards due."""
        if self.purpose != "play":
            self._count_cards()
            for card in self.cards:
                card.measured_for = ()  # the counts' lines are measured again
            if self._list_area.width:
                self.layout(self.app.size)
        if self.app.services.packs.refresh():
            self.update(0.0)

    def _count_cards(self) -> None:
        """The player's cards due and sprint bests for every pack, in one query each."""
        services = self.app.services
        if self.purpose == "study":
            self._overview = services.study_overview(services.now())
        elif self.purpose == "sprint":
            self._bests = services.best_sprints()

    def _take_arrivals(self) -> bool:
        """Cards for the packs loaded since the last frame; True when anything changed.

        When the catalogue was loaded again (a pack dropped on the window was imported,
        perhaps while this list lay under the import's report), the cards start over from
        the new loading (the focus back on the default pack, as when the list opened).
        """
        catalogue = self.app.services.packs
        if catalogue.generation != self._generation:
            self._start_over(catalogue.generation)
        progress = catalogue.progress()  # before the packs: a finished load has them all
        arrived = catalogue.arrived(self._taken)
        changed = bool(arrived) or progress != self._progress
        self._progress = progress
        if arrived:
            self._take(arrived)
        if progress.finished:
            self._focus_shown = True  # on Back when no pack plays: nothing else to do
            self._enter_waiting = self._enter_waiting and self.focused_pack is not None
        if self._enter_waiting and self.focused_pack is not None:
            self._enter_waiting = False
            self.focus.press_focused()  # the quick player's Enter, now that a pack is in
        return changed

    def _start_over(self, generation: int) -> None:
        """Forget the cards of an older loading of the catalogue (see _take_arrivals)."""
        self._generation = generation
        self._taken = 0
        self._progress = None
        self.cards = []
        self.focus.set([self.back_button, self.print_button])
        self._placed = range(0)
        self._tops = []
        self._focus_moved = False

    def _take(self, arrived: Sequence[LoadedPack]) -> None:
        """Cards for ``arrived``, in their places; the focus where the player put it, else
        on the first pack that plays."""
        self._taken += len(arrived)
        focused = self.focus.focused
        self.cards.extend(
            PackCard(
                p,
                Button(p.title, self._chooser(p), enabled=p.ok and p.pack is not None),
                _place(p, DEFAULT_PACK_ID),
            )
            for p in arrived
        )
        self.cards.sort(key=lambda card: card.place)  # the cards in place are one sorted run
        buttons = [c.button for c in self.cards]
        self.focus.set([*buttons, self.back_button, self.print_button])
        if self._focus_moved and focused is not None:
            self.focus.index = self.focus.buttons.index(focused)
        else:
            # the default pack, another that plays, or Back when none does (yet)
            first = next((i for i, c in enumerate(self.cards) if c.playable), len(self.cards))
            self.focus.index = first
            self._focus_shown = self._focus_shown or first < len(self.cards)

    def _chooser(self, loaded: LoadedPack) -> Callable[[], None]:
        return lambda: self.choose(loaded)

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        self._laid_out_hints = self.hints()
        self.back_button.label = self.app.translator.gettext(N_("Back"))
        self.print_button.label = self.app.translator.gettext(N_("Print"))
        assets = self.app.services.assets
        width, height = size
        margin = metrics.margin

        heading_height = assets.font(heading_size(self._metrics), True).get_linesize()
        self._heading_pos = (width // 2, margin // 2 + heading_height // 2)

        bar_height = button_height(assets, metrics)
        bar_top = height - margin // 2 - bar_height
        back_width = max(
            metrics.px(15),
            width // 7,
            button_width(self.back_button, assets, metrics),
            button_width(self.print_button, assets, metrics),
        )
        self.back_button.rect = pygame.Rect(margin, bar_top, back_width, bar_height)
        self.print_button.rect = self.back_button.rect.move(back_width + metrics.gap, 0)
        hints_left = self.print_button.rect.right + metrics.gap
        hints_width = width - margin - hints_left
        hints = self.hints()
        hints_height = key_hints_height(hints, assets, metrics, hints_width)
        if hints_height > bar_height + metrics.px(1.0):
            # more rows than the bar holds beside the button (large text): the hints take
            # a row of their own under it
            hints_width = width - 2 * margin
            hints_height = key_hints_height(hints, assets, metrics, hints_width)
            self._hints_area = pygame.Rect(
                margin, height - margin // 2 - hints_height, hints_width, hints_height
            )
            bar_top = self._hints_area.top - metrics.gap // 2 - bar_height
            self.back_button.rect.y = self.print_button.rect.y = bar_top
        else:
            self._hints_area = pygame.Rect(
                hints_left,
                self.back_button.rect.centery - hints_height // 2,
                hints_width,
                hints_height,
            )

        list_top = margin // 2 + heading_height + metrics.gap
        list_bottom = min(bar_top, self._hints_area.top) - metrics.gap
        if self.loading:
            # a line for the progress under the list, until every pack is in
            status_height = assets.font(metrics.small_size).get_linesize()
            self._status_area = pygame.Rect(
                margin, list_bottom - status_height, width - 2 * margin, status_height
            )
            list_bottom = self._status_area.top - metrics.gap // 2
        else:
            self._status_area = pygame.Rect(0, 0, 0, 0)
        self._list_area = pygame.Rect(margin, list_top, width - 2 * margin, list_bottom - list_top)
        self._card_width = min(self._list_area.width - metrics.px(3), metrics.px(86))
        # the language is measured for too: the counts and problems are in its words
        measuring = (
            self._card_width,
            metrics.body_size,
            metrics.small_size,
            metrics.heading_size,
            self.app.translator.language,
        )
        if measuring != self._wrapped_for:
            self._wrapped.clear()  # keyed by width and size: the old entries are never asked for
            self._wrapped_for = measuring
        self._measure_cards()
        self._scroller.offset = self._scroller.target
        self._keep_focus_in_view(immediate=True)
        self._place_buttons()
        if self.hints() != hints:
            self.layout(size)  # the scroll keys came or went: the hints may change height

    def _ring(self) -> int:
        """The room a focus ring takes around a card."""
        return self._metrics.px(0.8)

    def _text_width(self) -> int:
        metrics = self._metrics
        return self._card_width - 3 * metrics.px(2.0) - self._icon_size()

    def _icon_size(self) -> int:
        return self._metrics.px(7.5)

    def _measure_cards(self) -> None:
        """Each card's height (measured once per layout: a card keeps it while others
        arrive) and its place in the list."""
        metrics = self._metrics
        assets = self.app.services.assets
        pad = metrics.px(1.3)
        title_line = assets.font(metrics.heading_size, True).get_linesize()
        body_line = assets.font(metrics.body_size).get_linesize()
        small_line = assets.font(metrics.small_size).get_linesize()
        meta_line = assets.font(metrics.body_size, True).get_linesize()
        measuring = (*self._wrapped_for, title_line, body_line, small_line, pad, self._ring())
        y = self._ring()  # room above the first card for its focus ring
        tops = self._tops = []
        for card in self.cards:
            if card.measured_for != measuring:
                self._title_line(card)  # measured now, drawn when scrolled to
                if card.playable:
                    lines = len(self._description_lines(card))
                    metas = len(self._meta_lines(card))
                    text = title_line + lines * body_line + metrics.px(0.6) + metas * meta_line
                else:
                    lines = len(self._error_lines(card))
                    text = title_line + small_line + lines * small_line
                card.height = max(self._icon_size(), text) + 2 * pad
                card.measured_for = measuring
            card.top = y
            tops.append(y)
            y += card.height + metrics.gap
        last = self.cards[-1] if self.cards else None
        content = last.top + last.height + self._ring() if last is not None else 0
        self._scroller.set(self._list_area, content)

    def _lines(self, text: str, size: int, max_lines: int, *, bold: bool = False) -> list[str]:
        """``text`` wrapped to the cards' text width in at most ``max_lines`` lines, measured
        the first time it is asked for at this width and size and remembered."""
        width = self._text_width()
        key = (text, size, bold, width, max_lines)
        lines = self._wrapped.get(key)
        if lines is None:
            font = self.app.services.assets.font(size, bold)
            shown = text[: max_lines * MEASURED_CHARS_PER_LINE + 1]  # the rest is never seen
            lines = self._wrapped[key] = wrap_lines(font, shown, width, max_lines)
        return lines

    def _title_line(self, card: PackCard) -> str:
        """The pack's title (a broken pack's file name) on one line."""
        name = card.loaded.title if card.playable else card.loaded.path.name
        return self._lines(name, self._metrics.heading_size, 1, bold=True)[0]

    def _description_lines(self, card: PackCard) -> list[str]:
        assert card.loaded.pack is not None
        description = card.loaded.pack.description
        return self._lines(description, self._metrics.body_size, DESCRIPTION_LINES)

    def _meta_lines(self, card: PackCard) -> list[str]:
        """The counts a teacher chooses by, on two lines when large text needs them; for
        study, the cards due and new; for the sprint, the personal best."""
        pack = card.loaded.pack
        assert pack is not None
        t = self.app.translator
        if self.purpose != "play":
            meta = self._purpose_line(card.loaded, t)
            return self._lines(meta, self._metrics.body_size, META_LINES, bold=True)
        rounds = t.ngettext("{count} round", "{count} rounds", len(pack.rounds))
        questions = t.ngettext("{count} question", "{count} questions", len(pack.questions))
        # Translators: the board of a pack's first round, {grid} its rows x columns (4x4)
        grid = t.gettext("{grid} tiles", grid=str(pack.rounds[0].grid))
        # Translators: the counts on a pack's card: "2 rounds  ·  30 questions  ·  4x4 tiles"
        meta = t.gettext(
            "{rounds}  ·  {questions}  ·  {grid}", rounds=rounds, questions=questions, grid=grid
        )
        return self._lines(meta, self._metrics.body_size, META_LINES, bold=True)

    def _purpose_line(self, loaded: LoadedPack, t: Translator) -> str:
        """A pack's line for study (due now, new left today; a guest: its cards) or for the
        sprint (the personal best; the questions when there is none yet)."""
        pack = loaded.pack
        assert pack is not None
        if self.purpose == "sprint":
            best = self._bests.get(pack.id)
            if best is not None:
                return t.gettext("Personal best: {best}", best=t.number(best))
            return t.ngettext("{count} question", "{count} questions", len(pack.questions))
        if self._overview is None:  # a guest: every card is new, nothing kept
            count = len(pack.questions)
            return t.ngettext("{count} card", "{count} cards", count, count=t.number(count))
        due, new = self._overview.of(loaded)
        parts = [
            t.ngettext("{count} card due now", "{count} cards due now", due, count=t.number(due)),
            t.ngettext(
                "{count} new card left today",
                "{count} new cards left today",
                new,
                count=t.number(new),
            ),
        ]
        # Translators: the parts of a pack's line, joined: "3 cards due now  ·  5 new..."
        return t.gettext("{first}  ·  {second}", first=parts[0], second=parts[1])

    def _error_lines(self, card: PackCard) -> list[str]:
        text = error_text(card.loaded, self.app.translator)
        return self._lines(text, self._metrics.small_size, ERROR_LINES)

    def _visible(self) -> range:
        """The indices of the cards that are (partly) in the list's view now."""
        top = round(self.scroll)
        bottom = top + self._list_area.height
        # the last card that starts above the view's top, unless it also ends there
        first = max(0, bisect_right(self._tops, top) - 1)
        if first < len(self.cards) and self._tops[first] + self.cards[first].height <= top:
            first += 1
        return range(first, bisect_left(self._tops, bottom))

    def _place_buttons(self) -> None:
        """Give each card's button its visible part of the card, for the mouse to hit; the
        cards out of view get no place (only the ones that had one are touched)."""
        visible = self._visible()
        for index in self._placed:
            if index not in visible and index < len(self.cards):
                self.cards[index].button.rect = NO_AREA.copy()
        for index in visible:
            card = self.cards[index]
            card.button.rect = self.card_rect(card).clip(self._list_area)
        self._placed = visible

    def _keep_focus_in_view(self, immediate: bool = False) -> None:
        card = next((c for c in self.cards if c.button is self.focus.focused), None)
        if card is not None:
            bottom = card.top + card.height
            self._scroller.show(card.top, bottom, self._ring(), immediate=immediate)

    def handle_event(self, event: pygame.event.Event) -> None:
        before = self.focus.focused
        self._last_pack = self.focused_pack or self._last_pack
        if event.type == pygame.KEYDOWN:
            handle_key(self, self.bindings(), event)  # keys do only what the table says
            if self.focus.focused is not before:
                self._focus_moved = True
                self._keep_focus_in_view()
            return
        if self._scroller.handle_event(event, self._metrics):
            return
        wheel_click = event.type in (pygame.MOUSEBUTTONUP, pygame.MOUSEBUTTONDOWN) and (
            getattr(event, "button", 0) in (4, 5)
        )
        if wheel_click:
            return  # old-style wheel clicks: MOUSEWHEEL has already scrolled
        self.focus.handle_event(event)
        if self.focus.focused is not before:
            self._focus_moved = self._focus_shown = True

    def update(self, dt: float) -> None:
        was_loading = self.loading
        if self._take_arrivals():
            self._arrange(finished=was_loading and not self.loading)
            self._last_pack = self.focused_pack or self._last_pack
        self._follow_printing(dt)
        if self._scroller.update(dt, glide=not self.app.look.reduced_motion):
            self._place_buttons()

    def _arrange(self, *, finished: bool) -> None:
        """Place the cards again after some arrived, the focused one where it was on the
        screen (so the list does not move under the player's eyes)."""
        focused = next((c for c in self.cards if c.button is self.focus.focused), None)
        was_at = focused.top - self.scroll if focused is not None and focused.height else None
        if finished or not self._list_area.width:
            self.layout(self.app.size)  # the progress line goes: the list grows
        else:
            self._measure_cards()
            if self.hints() != self._laid_out_hints:
                self.layout(self.app.size)  # the scroll keys came: the hints take room
        if focused is not None and was_at is not None and self._focus_moved:
            offset = max(0.0, min(float(self.max_scroll), focused.top - was_at))
            self._scroller.offset = self._scroller.target = offset
        else:
            self._keep_focus_in_view(immediate=True)
        self._placed = range(len(self.cards))  # cards moved: every old place is wrong now
        self._place_buttons()

    # -- drawing -----------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        self._backdrop.draw(surface, palette)
        heading_text = self.app.translator.gettext(HEADING)
        heading = assets.text(heading_text, heading_size(self._metrics), palette.text, bold=True)
        surface.blit(heading, heading.get_rect(center=self._heading_pos))

        if not self.cards:
            if not self.loading:
                self._draw_empty(surface)
        else:
            previous_clip = surface.get_clip()
            surface.set_clip(self._list_area)
            for index in self._visible():
                card = self.cards[index]
                self._draw_card(surface, card, index, self.card_rect(card))
            surface.set_clip(previous_clip)
            self._scroller.draw_bar(surface, metrics, palette)
        if self.loading:
            line = self.progress_line or ""
            area = self._status_area
            shown = assets.fit_text(
                line, metrics.small_size, metrics.tiny_size, palette.text_muted, area.size
            )
            surface.blit(shown, shown.get_rect(center=area.center))

        for button in (self.back_button, self.print_button):
            focused = self.focused_button is button
            hovered = (
                self.focus.hover is not None and self.focus.buttons[self.focus.hover] is button
            )
            button.draw(surface, assets, metrics, focused=focused, hovered=hovered)
        draw_key_hints(surface, self.hints(), assets, metrics, self._hints_area)

    def _draw_card(
        self, surface: pygame.Surface, card: PackCard, index: int, rect: pygame.Rect
    ) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        focused = self._focus_shown and self.focus.index == index
        hovered = self.focus.hover == index
        playable = card.playable
        look = self.app.look
        palette = look.palette
        colour = palette.panel if playable else palette.panel_deep
        if hovered and playable:
            colour = look.raised
        edge = palette.panel_edge if playable else palette.disabled
        draw_panel(surface, rect, metrics, colour, edge)
        if focused and playable:
            draw_focus_ring(surface, rect, metrics, palette.focus)

        pad = metrics.px(1.3)
        icon = pygame.Rect(rect.x + pad + metrics.px(0.4), 0, self._icon_size(), self._icon_size())
        icon.centery = rect.centery
        self._draw_grid_icon(surface, card, icon)

        x = icon.right + metrics.px(2.0)
        y = rect.y + pad
        title_colour = palette.text if playable else palette.text_muted
        title_font = assets.font(metrics.heading_size, True)
        title = self._title_line(card)
        surface.blit(assets.text(title, metrics.heading_size, title_colour, bold=True), (x, y))
        y += title_font.get_linesize()

        if playable:
            body_line = assets.font(metrics.body_size).get_linesize()
            for line in self._description_lines(card):
                surface.blit(assets.text(line, metrics.body_size, palette.text_muted), (x, y))
                y += body_line
            y += metrics.px(0.6)
            # the counts a teacher chooses by, as large as the description
            meta_line = assets.font(metrics.body_size, True).get_linesize()
            for line in self._meta_lines(card):
                shown = assets.text(line, metrics.body_size, palette.accent, bold=True)
                surface.blit(shown, (x, y))
                y += meta_line
        else:
            small_line = assets.font(metrics.small_size).get_linesize()
            cannot = self.app.translator.gettext("Cannot be played")
            label = assets.text(cannot, metrics.small_size, palette.wrong, bold=True)
            surface.blit(label, (x, y))
            y += small_line
            for line in self._error_lines(card):
                surface.blit(assets.text(line, metrics.small_size, palette.text_muted), (x, y))
                y += small_line

    def _draw_grid_icon(self, surface: pygame.Surface, card: PackCard, box: pygame.Rect) -> None:
        """A tiny board in the pack's first grid: how many tiles hide its first picture."""
        pack = card.loaded.pack
        rows, cols = (pack.rounds[0].grid.rows, pack.rounds[0].grid.cols) if pack else (3, 3)
        gap = max(1, self._metrics.px(0.2) if max(rows, cols) <= 8 else 1)
        cell = max(
            1, min((box.width - (cols - 1) * gap) // cols, (box.height - (rows - 1) * gap) // rows)
        )
        width, height = cols * cell + (cols - 1) * gap, rows * cell + (rows - 1) * gap
        left, top = box.centerx - width // 2, box.centery - height // 2
        palette = self.app.look.palette
        # the covered cells in the panels' edge colour, which shows on a panel in any theme
        fill = palette.panel_edge if pack else palette.disabled
        lit = palette.accent if pack else lighten(palette.disabled, 0.2)
        radius = max(0, cell // 6)
        for r in range(rows):
            for c in range(cols):
                scatter = ((r * 73856093) ^ (c * 19349663)) % 10 < 3  # some open tiles
                colour = lit if scatter else fill
                rect = pygame.Rect(left + c * (cell + gap), top + r * (cell + gap), cell, cell)
                pygame.draw.rect(surface, colour, rect, border_radius=radius)

    def _draw_empty(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        folders = self.app.services.packs.folders
        t = self.app.translator
        if folders:
            said = t.gettext(
                "No question packs were found. Put pack files (.yaml) in {folder}",
                folder=str(folders[-1]),
            )
        else:
            said = t.gettext("No question packs were found.")
        text = assets.text(
            said,
            metrics.body_size,
            self.app.look.palette.text_muted,
            wrap=self._list_area.width * 3 // 4,
        )
        surface.blit(text, text.get_rect(center=self._list_area.center))
