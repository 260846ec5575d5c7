"""Who's playing? Pick your name, add it, rename or delete a player, put them in a teacher's
classes (and take them out), or play as a guest.

Players come from the session (:attr:`Services.session`), which asks the store; every
change goes through it and comes back as a value (a player, or a message for the
screen). A guest plays without saving anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.core.scoring import TIME_SCALES
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.choices import Choice
from clarity.ui.keys import Digit, Letter
from clarity.ui.menu_frame import MenuFrame
from clarity.ui.menu_screen import BACK, MenuScreen
from clarity.ui.services import (
    MAX_NAME_LENGTH,
    HeldElsewhere,
    NameRejected,
    Player,
    PlayerOverview,
    SaveFailed,
    said,
)
from clarity.ui.textfit import wrap_lines
from clarity.ui.widgets import (
    Button,
    FocusGroup,
    draw_focus_ring,
    draw_panel,
    grid_keys,
)

if TYPE_CHECKING:
    from clarity.i18n import Translator
    from clarity.ui.app import App
    from clarity.ui.services import SchoolClass

HEADING = N_("Who's playing?")
DETAILS_SEPARATOR = "  ·  "
NAME_LEAST = 16.0  # units a name keeps beside the focused row's buttons, or they go under it
MAX_DETAIL_LINES = 3  # lines a row gives its details (the rounds and the best score) at most
NEW_PLAYER = Binding("new_player", (Letter("N"),), N_("new player"))
RENAME = Binding("rename_focused", (Letter("R"),), N_("rename"))
DELETE = Binding("delete_focused", (keys.DELETE,), N_("delete"))
EXTRA_TIME = Binding("step_extra_time", (Letter("X"),), N_("extra time"))
GUEST = Binding("play_as_guest", (Letter("G"),), N_("guest"))
CLASSES = Binding("choose_class", (Letter("C"),), N_("classes"))
#: The classes offered by a digit in the classes' dialog; any other is typed by its name.
MAX_CLASSES_SHOWN = 6
#: The arrows move as the screen is drawn (New and Guest side by side, the players
#: below, Classes and Back last); held, they go on down the list. Enter plays as the one
#: in focus.
PLAYERS_KEYS: tuple[Binding, ...] = (
    *grid_keys(N_("play")),
    NEW_PLAYER,
    RENAME,
    CLASSES,
    EXTRA_TIME,
    DELETE,
    GUEST,
    BACK,
)
#: While a class is being filled: Enter (or a click) puts the player in focus in it, or
#: takes them out; a new player joins it; Esc is done with the class and stays here.
CLASS_KEYS: tuple[Binding, ...] = (
    *grid_keys(N_("put in or take out")),
    NEW_PLAYER,
    CLASSES,
    Binding("done_with_class", (keys.ESCAPE,), N_("done")),
)


@dataclass
class PlayerRow:
    """One player on the list: its place in the scrolled list and its focusable button."""

    overview: PlayerOverview
    button: Button
    top: int = 0  # y inside the list, before scrolling

    @property
    def player(self) -> Player:
        return self.overview.player


def row_details(overview: PlayerOverview, t: Translator) -> tuple[tuple[str, ...], str]:
    """The small line under a name in ``t``'s language, as the parts a teacher needs (extra
    time, rounds, best score: those that say something), and the one that may be left
    out for room (the last game: the history says it too), or ""."""
    extra = extra_time_text(overview.player.extra_time, t)
    if not overview.rounds:
        return tuple(part for part in (extra, t.gettext("No rounds yet")) if part), ""
    rounds = t.ngettext("{count} round", "{count} rounds", overview.rounds)
    best = ""
    if overview.best_score is not None:
        # Translators: a player's best score, on their row on the players screen
        best = t.gettext("best {score}", score=overview.best_score)
    last = ""
    if overview.last_played:
        # Translators: {date} is the date of the player's last round (23 Nov 2026)
        last = t.gettext("last played {date}", date=t.date(overview.last_played))
    return tuple(part for part in (extra, rounds, best) if part), last


def details_lines(
    needed: Sequence[str], optional: str = "", fits: Callable[[str], bool] = lambda _: True
) -> list[str]:
    """A row's detail parts on as few lines as ``fits``: every ``needed`` part whole and in
    its order, a line broken only between parts; ``optional`` ends the last line if it
    fits there, else is left out. The separator is a mark, the same in every language."""
    lines: list[str] = []
    for part in needed:
        joined = DETAILS_SEPARATOR.join((lines[-1], part)) if lines else part
        if lines and fits(joined):
            lines[-1] = joined
        else:
            lines.append(part)
    if optional:
        if not lines:
            lines.append(optional)
        elif fits(joined := DETAILS_SEPARATOR.join((lines[-1], optional))):
            lines[-1] = joined
    return lines


def class_list_text(classes: Sequence[SchoolClass], t: Translator) -> str:
    """The classes a player is in, on their row and in their classes' dialog: "class 5B",
    "classes 5B, Choir"."""
    return t.ngettext(
        # Translators: {classes} are the names of the classes a player is in (5B, Choir)
        "class {classes}",
        "classes {classes}",
        len(classes),
        classes=", ".join(c.name for c in classes),
    )


def extra_time_text(scale: float | None, t: Translator) -> str:
    """A player's extra time on their row: "Extra time ×1.5", "No time limit"; nothing for
    the standard time, which most players have."""
    if scale is None:
        return t.gettext("No time limit")
    # Translators: {scale} is how many times the standard time a player has (1.5)
    return "" if scale == 1 else t.gettext("Extra time ×{scale}", scale=t.number(scale))


def next_extra_time(scale: float | None) -> float | None:
    """The extra time after ``scale`` as X steps it: ×1, ×1.5, ×2, ×3, no limit, then ×1
    again (:data:`~clarity.core.scoring.TIME_SCALES`). A value saved by other means goes
    back to ×1."""
    index = TIME_SCALES.index(scale) if scale in TIME_SCALES else -1
    return TIME_SCALES[(index + 1) % len(TIME_SCALES)]


class PlayersScene(MenuScreen):
    """The list of players, with New player and Guest above it.

    ``on_chosen`` is called once somebody is picked (``session.player`` says who, None
    for a guest); by default the scene leaves, back to where it was opened from.
    """

    name = "players"

    def __init__(self, app: App, *, on_chosen: Callable[[], None] | None = None) -> None:
        self.on_chosen = on_chosen or app.pop
        self.session = app.services.session
        self.session.open()
        # the labels are the English ids until laid out in the language (_label_buttons)
        self.new_button = Button(
            N_("New player"), self.new_player, NEW_PLAYER.hint_cap, tone="main"
        )
        self.guest_button = Button(N_("Play as a guest"), self.play_as_guest, GUEST.hint_cap)
        self.back_button = Button(N_("Back"), self.back, BACK.hint_cap)
        self.rename_button = Button(N_("Rename"), self.rename_focused, RENAME.hint_cap)
        self.delete_button = Button(
            N_("Delete"), self.delete_focused, DELETE.hint_cap, tone="danger"
        )
        # "Time", not "Extra time": a third button of the row leaves the name and its
        # details (the best score) little room; the hint and the details say "extra time"
        self.extra_time_button = Button(N_("Time"), self.step_extra_time, EXTRA_TIME.hint_cap)
        self.classes_button = Button(N_("Classes"), self.choose_class, CLASSES.hint_cap)
        self._labels = [
            (button, button.label)
            for button in (
                self.new_button,
                self.guest_button,
                self.back_button,
                self.rename_button,
                self.delete_button,
                self.extra_time_button,
                self.classes_button,
            )
        ]
        self.rows: list[PlayerRow] = []
        self.classes: list[SchoolClass] = []  # every class, each with its members
        self.filling: SchoolClass | None = None  # the class a click puts players in
        self.focus = FocusGroup()
        self.problem = ""  # the last change that failed, said for the player
        super().__init__(app, MenuFrame(HEADING, [self.classes_button, self.back_button], ()))
        self._list_area = pygame.Rect(0, 0, 0, 0)
        self._top_row = pygame.Rect(0, 0, 0, 0)
        self._notice_rect = pygame.Rect(0, 0, 0, 0)
        self._row_width = 0
        self._row_height = 0
        self._text_height = 0  # the part of a row with the name and its details
        self._stacked = False  # the focused row's buttons under its name (large text)
        self._diameter = 0  # the avatar's
        self._text_left = 0  # from a row's left edge to its name
        self._detail_lines = 1  # lines every row keeps for its details
        self._button_rows: list[list[Button]] = []  # the stacked buttons, line by line
        self._load(focus_id=self.session.player.id if self.session.player else None)

    # -- reading the state ------------------------------------------------------------

    @property
    def focused_player(self) -> Player | None:
        row = self._focused_row()
        return row.player if row is not None else None

    def row_rect(self, row: PlayerRow) -> pygame.Rect:
        """Where ``row`` is on the screen now (it may lie outside the visible list)."""
        area = self._list_area
        return pygame.Rect(
            area.centerx - self._row_width // 2,
            area.y + row.top - round(self._scroller.offset),
            self._row_width,
            self._row_height,
        )

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """The fixed parts of the screen, by name (for the layout tests)."""
        boxes = self._frame.boxes(self.app.services.assets)
        boxes["new"] = self.new_button.rect.copy()
        boxes["guest"] = self.guest_button.rect.copy()
        boxes["list"] = self._list_area.copy()
        if self._notice_text():
            boxes["notice"] = self._notice_rect.copy()
        return boxes

    def focused_row_boxes(self) -> dict[str, pygame.Rect]:
        """The focused player's row: the row, its name whole (as wide as it is, not as it
        is cut to its room) and its buttons, by name (for the layout tests)."""
        row = self._focused_row()
        if row is None:
            return {}
        rect = self.row_rect(row)
        metrics = self._metrics
        x = rect.x + self._text_left
        font = self.app.services.assets.font(metrics.heading_size, True)
        width, height = font.size(row.player.name)
        boxes = {"row": rect, "name": pygame.Rect(x, rect.y, width, height)}
        boxes |= {f"button_{i}": b.rect.copy() for i, b in enumerate(self._row_buttons())}
        return boxes

    # -- actions ----------------------------------------------------------------------

    def choose(self, player: Player | None) -> None:
        """``player`` plays (None: a guest); then on to what comes next."""
        if self._leaving:
            return
        held = self.session.choose(player)
        if held is not None:  # another window plays as them: they cannot be in both
            t = self.app.translator
            # Translators: {reason} is a whole sentence saying where the player plays now
            self.problem = t.gettext(
                "{reason} Choose someone else, or play as a guest.", reason=said(t, held)
            )
            self.app.services.sound.play("wrong")
            self.layout(self.app.size)
            return
        self._leaving = True
        self.app.services.sound.play("click")
        self.on_chosen()

    def play_as_guest(self) -> None:
        self.choose(None)

    def new_player(self) -> None:
        self.problem = ""
        t = self.app.translator
        self.app.screens.push(
            "dialog",
            heading=t.gettext("New player"),
            message=t.gettext("Type your name. It is shown on the high scores."),
            choices=[
                Choice(t.gettext("Add"), _nothing, key_hint="Enter", primary=True, submits=True),
                Choice(t.gettext("Cancel"), _nothing, key_hint="Esc"),
            ],
            name="new-player",
            text="",
            placeholder=t.gettext("Your name"),
            max_length=MAX_NAME_LENGTH + 10,
            on_submit=self._create,
        )

    def rename_focused(self) -> None:
        player = self.focused_player
        if player is None:
            return
        self.problem = ""
        t = self.app.translator
        self.app.screens.push(
            "dialog",
            heading=t.gettext("Rename {name}", name=player.name),
            message=t.gettext("Type the new name."),
            choices=[
                Choice(t.gettext("Rename"), _nothing, key_hint="Enter", primary=True, submits=True),
                Choice(t.gettext("Cancel"), _nothing, key_hint="Esc"),
            ],
            name="rename-player",
            text=player.name,
            max_length=MAX_NAME_LENGTH + 10,
            on_submit=lambda text: self._rename(player, text),
        )

    def delete_focused(self) -> None:
        row = self._focused_row()
        if row is None:
            return
        self.problem = ""
        player = row.player
        rounds = row.overview.rounds
        t = self.app.translator
        if rounds:
            warning = t.ngettext(
                "Their {count} round and trophies are deleted too. Are you sure?",
                "Their {count} rounds and trophies are deleted too. Are you sure?",
                rounds,
            )
        else:
            warning = t.gettext("Their trophies are deleted too. Are you sure?")
        self.app.screens.push(
            "dialog",
            heading=t.gettext("Delete {name}?", name=player.name),
            message=warning,
            choices=[
                Choice(
                    t.gettext("Yes, delete"),
                    lambda: self._delete(player),
                    keys=(Letter("Y"),),
                    danger=True,
                ),
                Choice(t.gettext("No, keep"), _nothing, keys=(Letter("N"),), primary=True),
            ],
            name="delete-player",
        )

    def step_extra_time(self) -> None:
        """X: the player in focus gets the next extra time (see :func:`next_extra_time`),
        saved at once for their next round; a failure to save is said on the screen."""
        row = self._focused_row()
        if row is None:
            return
        shown = self._notice_text()
        self.problem = ""
        saved = self.session.set_extra_time(row.player, next_extra_time(row.player.extra_time))
        if isinstance(saved, SaveFailed):
            self.problem = said(self.app.translator, saved)
            self.app.services.sound.play("wrong")
        else:
            row.overview = replace(row.overview, player=saved)
            self.app.services.sound.play("click")
        if self._notice_text() != shown:  # the notice came or went: the list moves
            self.layout(self.app.size)

    def classes_of(self, player: Player) -> list[SchoolClass]:
        """The classes ``player`` is in, by name."""
        return [c for c in self.classes if any(m.id == player.id for m in c.members)]

    def choose_class(self) -> None:
        """C: which class to fill. The classes there are, each by a digit, or one typed by
        its name (a new name makes it); straight to typing when there are none yet."""
        if self.filling is not None:
            self.done_with_class()
        self.problem = ""
        if not self.classes:
            self.name_class()
            return
        t = self.app.translator
        choices = [
            Choice(school_class.name, self._filler(school_class), keys=(Digit(number),))
            for number, school_class in enumerate(self.classes[:MAX_CLASSES_SHOWN], start=1)
        ]
        choices += [
            Choice(t.gettext("New class"), self.name_class, keys=(Letter("N"),), primary=True),
            Choice(t.gettext("Cancel"), _nothing, key_hint="Esc"),
        ]
        if len(self.classes) > MAX_CLASSES_SHOWN:
            message = t.gettext(
                "Choose the class to put players in or take them out of. For another class, "
                "type its name under New class."
            )
        else:
            message = t.gettext("Choose the class to put players in or take them out of.")
        self.app.screens.push(
            "dialog",
            heading=t.gettext("Classes"),
            message=message,
            choices=choices,
            name="choose-class",
        )

    def name_class(self) -> None:
        """A dialog to type a class's name: a new name makes the class; then it is filled."""
        t = self.app.translator
        self.app.screens.push(
            "dialog",
            heading=t.gettext("New class"),
            message=t.gettext("Type the class's name. A class that is there already opens."),
            choices=[
                Choice(t.gettext("Make"), _nothing, key_hint="Enter", primary=True, submits=True),
                Choice(t.gettext("Cancel"), _nothing, key_hint="Esc"),
            ],
            name="class-name",
            text="",
            placeholder=t.gettext("Class name"),
            max_length=MAX_NAME_LENGTH + 10,
            on_submit=self._named,
        )

    def fill(self, school_class: SchoolClass) -> None:
        """Put players in ``school_class`` or take them out: Enter or a click on a player."""
        self.filling = school_class
        self.problem = ""
        if self.rows and self._focused_row() is None:
            self.focus.index = 2  # the first player: the arrows go on down the list
        self.layout(self.app.size)

    def done_with_class(self) -> None:
        """Esc while filling a class: done with it, still on this screen."""
        self.filling = None
        self.layout(self.app.size)

    def toggle_member(self, player: Player) -> None:
        """``player`` in the class being filled, or out of it when they are in it; a
        failure to save is said on the screen."""
        filling = self.filling
        if filling is None:
            return
        book = self.app.services.classes
        inside = any(member.id == player.id for member in filling.members)
        changed = book.take_out(filling, player) if inside else book.put_in(filling, player)
        if isinstance(changed, SaveFailed):
            self.problem = said(self.app.translator, changed)
            self.app.services.sound.play("wrong")
        else:
            self.problem = ""
            self.app.services.sound.play("click")
        self._load(focus_id=player.id)
        self.filling = next((c for c in self.classes if c.id == filling.id), filling)
        self.layout(self.app.size)

    def _named(self, text: str) -> str | None:
        named = self.app.services.classes.named(text)
        if isinstance(named, NameRejected | SaveFailed):
            return said(self.app.translator, named)
        focused = self.focused_player
        self._load(focus_id=focused.id if focused is not None else None)
        self.fill(named)
        return None

    def _filler(self, school_class: SchoolClass) -> Callable[[], None]:
        return lambda: self.fill(school_class)

    def _create(self, text: str) -> str | None:
        created = self.session.add_player(text)
        if isinstance(created, NameRejected | SaveFailed):
            return said(self.app.translator, created)
        if self.filling is not None:  # a class list typed name by name: they join it
            self.toggle_member(created)
            return None
        self._load(focus_id=created.id)
        return None

    def _rename(self, player: Player, text: str) -> str | None:
        renamed = self.session.rename_player(player, text)
        if isinstance(renamed, NameRejected | SaveFailed):
            return said(self.app.translator, renamed)
        self._load(focus_id=renamed.id)
        return None

    def _delete(self, player: Player) -> None:
        refused = self.session.delete(player)
        t = self.app.translator
        if isinstance(refused, HeldElsewhere):
            # Translators: {reason} is a whole sentence saying where the player plays now
            self.problem = t.gettext(
                "{reason} They cannot be deleted while they play.", reason=said(t, refused)
            )
            self.layout(self.app.size)
            return
        if refused is not None:
            self.problem = said(t, refused)
            return
        self._load(focus_id=None)

    # -- the scene --------------------------------------------------------------------

    def _load(self, *, focus_id: int | None) -> None:
        overview = self.session.players_overview()
        self.classes = self.app.services.classes.all()
        self.rows = [PlayerRow(o, Button(o.player.name, self._chooser(o.player))) for o in overview]
        self.focus.set(
            [
                *(self.new_button, self.guest_button),
                *(r.button for r in self.rows),
                *(self.classes_button, self.back_button),
            ]
        )
        index = next((i for i, r in enumerate(self.rows) if r.player.id == focus_id), None)
        if index is None:
            self.focus.index = 2 if self.rows else 0
        else:
            self.focus.index = 2 + index
        if self._list_area.width:
            self._measure()
            self._keep_focus_in_view(immediate=True)

    def _chooser(self, player: Player) -> Callable[[], None]:
        """A row's action: play as the player, or, while a class is filled, put them in it
        or take them out."""
        return lambda: self.choose(player) if self.filling is None else self.toggle_member(player)

    def resume(self) -> None:
        self._leaving = False
        if self._list_area.width:
            self.layout(self.app.size)

    def _label_buttons(self) -> None:
        """The heading and the buttons' words in the interface language (it may have
        changed since)."""
        t = self.app.translator
        self._frame.heading = t.gettext(HEADING)
        for button, label in self._labels:
            button.label = t.gettext(label)

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        self._label_buttons()
        hints = self._frame.hints = self.hints()
        content = self._frame.layout(size, assets)
        gap = metrics.gap
        self._row_width = min(content.width - metrics.px(3), metrics.px(80))
        left = content.centerx - self._row_width // 2

        y = content.y
        notice = self._notice_text()
        if notice:
            text = self._notice_surface(notice)
            self._notice_rect = pygame.Rect(left, y, self._row_width, text.get_height())
            y = self._notice_rect.bottom + gap
        button_h = max(metrics.px(5.0), assets.font(metrics.body_size, True).get_linesize())
        half = (self._row_width - gap) // 2
        self.new_button.rect = pygame.Rect(left, y, half, button_h)
        self.guest_button.rect = pygame.Rect(left + half + gap, y, half, button_h)
        self._top_row = pygame.Rect(left, y, self._row_width, button_h)
        y += button_h + gap + metrics.px(0.4)
        self._list_area = pygame.Rect(content.x, y, content.width, content.bottom - y)
        self._measure()
        self._keep_focus_in_view(immediate=True)
        if self.hints() != hints:
            self.layout(size)  # the scroll keys came or went: the bar may change height

    def _measure(self) -> None:
        """Size the rows: the avatar and the name, the details on as many lines as the
        longest row's need (a longer language), and the focused row's buttons beside the
        name, or under it (on as many lines as they take) when beside them the name would
        have too little room or the details so many lines that the row is taller."""
        metrics = self._metrics
        assets = self.app.services.assets
        pad = metrics.px(0.9)
        name_line = assets.font(metrics.heading_size, True).get_linesize()
        small = assets.font(metrics.small_size)
        small_line = small.get_linesize()
        base = max(metrics.px(6.4), name_line + small_line + 2 * pad)
        self._diameter = base - 2 * pad
        self._text_left = metrics.px(1.3) + self._diameter + metrics.px(1.6)
        full = self._row_width - self._text_left - metrics.px(1.3)
        gap = metrics.px(0.8)
        buttons = sum(self._row_button_width(b) + gap for b in self._row_buttons())
        beside = full - buttons + gap - metrics.px(1.0)

        def lines_at(width: int) -> int:
            fits = self._fits(small, width)
            counts = [len(details_lines(*self._details(row), fits)) for row in self.rows]
            return min(MAX_DETAIL_LINES, max([1, *counts]))

        def text_height(lines: int) -> int:
            return max(base, name_line + lines * small_line + 2 * pad)

        lines_full = lines_at(full)
        lines_beside = lines_at(beside) if beside > 0 else MAX_DETAIL_LINES
        self._button_rows = self._flow_buttons(self._row_width - 2 * metrics.px(1.3))
        under = len(self._button_rows) * (self._row_button_height() + pad)
        # the lower row of the two, the buttons beside the name only if it keeps its room
        self._stacked = beside < metrics.text_px(NAME_LEAST) or (
            text_height(lines_full) + under < text_height(lines_beside)
        )
        self._detail_lines = lines_full if self._stacked else lines_beside
        self._text_height = text_height(self._detail_lines)
        self._row_height = self._text_height + (under if self._stacked else 0)
        ring = metrics.px(0.8)
        y = ring
        for row in self.rows:
            row.top = y
            y += self._row_height + metrics.px(0.9)
        self._scroller.set(self._list_area, y + ring)
        self._place_buttons()

    def _details(self, row: PlayerRow) -> tuple[tuple[str, ...], str]:
        """``row``'s detail parts in the language: the needed ones (the current player's
        row says so first) and the one that may be left out."""
        t = self.app.translator
        needed, optional = row_details(row.overview, t)
        current = self.session.player is not None and self.session.player.id == row.player.id
        if current:
            needed = (t.gettext("Playing now"), *needed)
        theirs = self.classes_of(row.player)
        if theirs:
            needed = (*needed, class_list_text(theirs, t))
        return needed, optional

    @staticmethod
    def _fits(font: pygame.font.Font, width: int) -> Callable[[str], bool]:
        return lambda line: font.size(line)[0] <= width

    def _flow_buttons(self, width: int) -> list[list[Button]]:
        """The focused row's buttons in lines ``width`` pixels wide, in their order (one
        line unless a longer language makes them wider than the row)."""
        gap = self._metrics.px(0.8)
        lines: list[list[Button]] = [[]]
        used = 0
        for button in self._row_buttons():
            button_w = self._row_button_width(button)
            if lines[-1] and used + gap + button_w > width:
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + button_w
            lines[-1].append(button)
        return lines

    def _place_buttons(self) -> None:
        for row in self.rows:
            row.button.rect = self.row_rect(row).clip(self._list_area)
        row = self._focused_row()
        if row is None:
            for button in self._row_buttons():
                button.rect = pygame.Rect(0, 0, 0, 0)
            return
        metrics = self._metrics
        rect = self.row_rect(row)
        height = self._row_button_height()
        pad = metrics.px(0.9)
        lines = self._button_rows if self._stacked else [self._row_buttons()]
        # stacked: the lines under the text, the last one on the row's bottom edge
        bottom = rect.bottom - pad - (len(lines) - 1) * (height + pad)
        for line in lines:
            right = rect.right - metrics.px(1.3)
            for button in reversed(line):
                button.rect = pygame.Rect(0, 0, self._row_button_width(button), height)
                if self._stacked:
                    button.rect.bottomright = (right, bottom)
                else:
                    button.rect.midright = (right, rect.y + self._text_height // 2)
                right = button.rect.left - metrics.px(0.8)
            bottom += height + pad

    def _row_button_width(self, button: Button) -> int:
        # each as wide as its own words: three buttons of the widest would leave the name
        # little room on a narrow window. The button's pad, badge and the gap before it are
        # what it keeps beside its label (Button.label_room), however wide it is.
        metrics = self._metrics
        assets = self.app.services.assets
        trial = pygame.Rect(0, 0, metrics.px(100), self._row_button_height())
        room = button.label_room(assets, metrics, trial)
        beside = trial.width - room.width
        # the label at the size the button fits it to (its height may take it below small)
        size = assets.fitter.size_for(
            button.label, metrics.small_size, metrics.small_size, room.size, bold=True
        )
        return assets.fitter.width(button.label, size, bold=True) + beside + metrics.px(0.6)

    def _row_button_height(self) -> int:
        metrics = self._metrics
        line = self.app.services.assets.font(metrics.small_size, True).get_linesize()
        return max(line, min(self._diameter, metrics.px(4.2)))

    def _row_buttons(self) -> list[Button]:
        if self.filling is not None:
            return []  # a click on a row puts the player in the class or takes them out
        return [self.rename_button, self.extra_time_button, self.delete_button]

    def _in_filling(self, player: Player) -> bool:
        filling = self.filling
        return filling is not None and any(member.id == player.id for member in filling.members)

    def _focused_row(self) -> PlayerRow | None:
        focused = self.focus.focused
        return next((r for r in self.rows if r.button is focused), None)

    def _keep_focus_in_view(self, immediate: bool = False) -> None:
        row = self._focused_row()
        if row is not None:
            room = self._metrics.px(0.8)
            self._scroller.show(row.top, row.top + self._row_height, room, immediate=immediate)
        self._place_buttons()

    def bindings(self) -> tuple[Binding, ...]:
        """The screen's keys (while a class is filled, its own), and PageUp/PageDown while
        the list scrolls."""
        return (*(PLAYERS_KEYS if self.filling is None else CLASS_KEYS), *self.scroll_keys())

    def back(self) -> None:
        """Back to the screen below; while a class is filled, done with it first."""
        if self.filling is not None:
            self.done_with_class()
            return
        super().back()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self._leaving:
            return
        if event.type == pygame.KEYDOWN:
            before = self.focus.focused
            self.handle_key(event)  # keys do only what the table says
            if self.focus.focused is not before:
                self._keep_focus_in_view()  # Tab went on to a player out of view
            return
        if self._scroller.handle_event(event, self._metrics):
            return
        if event.type in (pygame.MOUSEBUTTONUP, pygame.MOUSEBUTTONDOWN) and event.button in (4, 5):
            return  # old-style wheel clicks: MOUSEWHEEL has already scrolled
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for button in self._row_buttons():
                if button.contains(event.pos) and self._list_area.collidepoint(event.pos):
                    button.press()
                    return
        before = self.focus.focused
        self.focus.handle_event(event)
        if self.focus.focused is not before:
            self._place_buttons()

    def move(self, dx: int, dy: int) -> None:
        """Arrows: New and Guest side by side on top, the players below, Classes and Back
        side by side last."""
        count = len(self.rows)
        index = self.focus.index
        classes = 2 + count
        bottom = (classes, classes + 1)
        if dx:
            if index in (0, 1):
                index = 1 - index
            elif index in bottom:
                index = sum(bottom) - index
        elif dy > 0:
            if index in (0, 1):
                index = 2 if count else classes
            elif index < classes:
                index += 1
        elif index in (0, 1):
            pass
        elif index in bottom:
            index = classes - 1 if count else 0
        elif index == 2:
            index = 0
        else:
            index -= 1
        self.focus.index = index
        self._keep_focus_in_view()

    def update(self, dt: float) -> None:
        if self._scroller.update(dt, glide=not self.app.look.reduced_motion):
            self._place_buttons()

    # -- drawing ----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        self.draw_frame(surface)
        notice = self._notice_text()
        if notice:
            text = self._notice_surface(notice)
            surface.blit(text, text.get_rect(midtop=self._notice_rect.midtop))
        for button in (self.new_button, self.guest_button, self.classes_button, self.back_button):
            index = self.focus.buttons.index(button)
            button.draw(
                surface,
                assets,
                metrics,
                focused=self.focus.index == index,
                hovered=self.focus.hover == index,
            )
        if not self.rows:
            self._draw_empty(surface)
            return
        previous = surface.get_clip()
        surface.set_clip(self._list_area)
        for row in self.rows:
            rect = self.row_rect(row)
            if rect.colliderect(self._list_area):
                self._draw_row(surface, row, rect)
        surface.set_clip(previous)
        self._scroller.draw_bar(surface, metrics, self.app.look.palette)

    def _draw_row(self, surface: pygame.Surface, row: PlayerRow, rect: pygame.Rect) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        index = self.focus.buttons.index(row.button)
        focused = self.focus.index == index
        hovered = self.focus.hover == index
        current = self.session.player is not None and self.session.player.id == row.player.id
        look = self.app.look
        palette = look.palette
        colour = look.raised if hovered or focused else palette.panel
        # the edge marks who plays now, or, while a class is filled, who is in it
        marked = current if self.filling is None else self._in_filling(row.player)
        draw_panel(surface, rect, metrics, colour, palette.accent if marked else None)
        if focused:
            draw_focus_ring(surface, rect, metrics, palette.focus)

        diameter = self._diameter
        centre = (rect.x + metrics.px(1.3) + diameter // 2, rect.y + self._text_height // 2)
        avatar = look.tone(f"answer-{row.player.id % len(look.answers)}")
        pygame.draw.circle(surface, avatar.fill, centre, diameter // 2)
        initial = assets.text(
            row.player.name[:1].upper(), round(diameter * 0.5), avatar.ink, bold=True
        )
        surface.blit(initial, initial.get_rect(center=centre))

        x = rect.x + self._text_left
        right = rect.right - metrics.px(1.3)
        if focused and not self._stacked and self._row_buttons():
            right = min(b.rect.left for b in self._row_buttons()) - metrics.px(1.0)
        width = max(10, right - x)
        name_font = assets.font(metrics.heading_size, True)
        shown = wrap_lines(name_font, row.player.name, width, 1)[0]
        name = assets.text(shown, metrics.heading_size, palette.text, bold=True)
        small = assets.font(metrics.small_size)
        lines = details_lines(*self._details(row), self._fits(small, width))
        # a part wider than the whole row alone (never in the shipped languages) is cut
        muted = palette.text_muted
        details = [
            assets.text(wrap_lines(small, line, width, 1)[0], metrics.small_size, muted)
            for line in lines[: self._detail_lines]
        ]
        block = name.get_height() + len(details) * small.get_linesize()
        top = centre[1] - block // 2
        surface.blit(name, (x, top))
        top += name.get_height()
        for line in details:
            surface.blit(line, (x, top))
            top += small.get_linesize()
        if focused:
            for button in self._row_buttons():
                button.draw(
                    surface, assets, metrics, focused=False, hovered=False, size=metrics.small_size
                )

    def _draw_empty(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        t = self.app.translator
        text = self.app.services.assets.text(
            # Translators: N and G are the keys of the New player and Guest buttons
            t.gettext("No players yet. Add your name with New player (N), or play as a guest (G)."),
            metrics.body_size,
            self.app.look.palette.text_muted,
            wrap=self._row_width,
        )
        surface.blit(text, text.get_rect(midtop=(self._list_area.centerx, self._list_area.y)))

    def _notice_text(self) -> str:
        held = self.session.held_elsewhere  # --player names someone playing elsewhere
        t = self.app.translator
        asked = ""
        if held is not None:
            # Translators: {reason} is a whole sentence saying where the player plays now
            asked = t.gettext("{reason} Who is playing here?", reason=said(t, held))
        notice = self.session.notice_said
        return self.problem or asked or (t.render(notice) if notice else "") or self._filling_text()

    def _filling_text(self) -> str:
        """What the screen is for while a class is filled: said above the list."""
        if self.filling is None:
            return ""
        t = self.app.translator
        return t.ngettext(
            # Translators: {school_class} is a class's name (5B)
            "{school_class} ({count} player): choose players to put them in it or take them out.",
            "{school_class} ({count} players): choose players to put them in it or take them out.",
            len(self.filling.members),
            school_class=self.filling.name,
        )

    def _notice_surface(self, text: str) -> pygame.Surface:
        metrics = self._metrics
        palette = self.app.look.palette
        # the class being filled is what the screen is doing, not a problem
        colour = palette.text if text == self._filling_text() else palette.wrong
        return self.app.services.assets.text(
            text, metrics.small_size, colour, bold=True, wrap=self._row_width
        )


def _nothing() -> None:
    """A choice that only closes its dialog."""
