"""The trophy cabinet: every trophy of the game, won or still locked, for one player.

A won trophy shows its tier colour and the day it was first won; a locked one is
greyed with a padlock. Lasting trophies (won across rounds) show how far along the
player is, as a bar and "57/100". All twelve fit on one screen as tiles; the panel
under them says what the selected one is for, in type a back row can read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.core.trophies import TIER_NAMES
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.keys import Letter
from clarity.ui.menu_frame import MenuFrame
from clarity.ui.menu_screen import BACK, MenuScreen
from clarity.ui.services import CabinetEntry
from clarity.ui.textfit import wrap_lines
from clarity.ui.theme import Colour
from clarity.ui.widgets import (
    Button,
    FocusGroup,
    darken,
    draw_focus_ring,
    draw_panel,
    focus_keys,
)

if TYPE_CHECKING:
    from clarity.i18n import Translator
    from clarity.ui.app import App

HEADING = N_("Trophy cabinet")
HISTORY = Binding("history", (Letter("H"),), N_("history"))
CHOOSE_PLAYER = Binding("choose_player", (Letter("P"),), N_("choose a player"))
#: A player's cabinet: the arrows choose the trophy the panel describes (held, they go
#: on, as in a list); Tab moves to the buttons, and only there does Enter press one.
PLAYER_KEYS: tuple[Binding, ...] = (
    Binding("look", (keys.LEFT,), N_("look"), "← ↑ ↓ →", (-1, 0), repeats=True),
    Binding("look", (keys.RIGHT,), N_("look"), args=(1, 0), repeats=True),
    Binding("look", (keys.UP,), N_("look"), args=(0, -1), repeats=True),
    Binding("look", (keys.DOWN,), N_("look"), args=(0, 1), repeats=True),
    HISTORY,
    BACK,
    Binding("to_bar", (keys.TAB,), args=(1,), repeats=True),
    Binding("to_bar", (keys.SHIFT_TAB,), args=(-1,), repeats=True),
    Binding("press_bar", (keys.ENTER, keys.SPACE)),
)
#: A guest's cabinet has no trophies: the keys are the buttons' (P, Esc, and the bar's).
GUEST_KEYS: tuple[Binding, ...] = (
    CHOOSE_PLAYER,
    BACK,
    *focus_keys(move="", press=""),
)
GUEST_MESSAGE = N_(
    "Trophies are kept for players. Choose your name (or add it) to start your collection; "
    "a guest's rounds are not saved."
)
DESCRIPTION_LINES = 2  # the panel's room for what a trophy is for, more if one needs it
MIN_TILE_UNITS = 28  # a tile narrower than this many units cuts names: fewer columns (more
# units with large text)
MAX_COLUMNS = 4
LEAST_COLUMNS = 2  # before fewer: a name wraps onto a second line (twelve tiles in one
# column would scroll a long way)
TILE_TEXT_LINES = 2  # a name, or the day it was won, wraps onto at most this many lines
ALL_LINES = 99  # as many lines as a text takes (to count them)


def status_text(entry: CabinetEntry, t: Translator, *, short: bool = False) -> str:
    """The card's last line in ``t``'s language: when it was won (the date as the language
    writes it; ``short``: with the month as a number, 24.10.2026, for a narrow tile), or
    that it is locked."""
    if not entry.earned:
        return t.gettext("Locked")
    when = entry.first_earned_at
    day = t.date(when, "short" if short else "medium") if when is not None else ""
    # Translators: a trophy's card: won on this date ("Won Nov 23, 2026")
    won = t.gettext("Won {date}", date=day) if when is not None else t.gettext("Won")
    if entry.times > 1:
        won += f"  ×{t.number(entry.times)}"  # "×3": how many times; a sign, not words
    return won


def progress_text(entry: CabinetEntry, t: Translator) -> str:
    """A lasting trophy's progress as "2/3" (numbers as ``t``'s language writes them);
    empty for the others."""
    return f"{t.number(entry.current)}/{t.number(entry.target)}" if entry.target else ""


class CabinetScene(MenuScreen):
    """The current player's trophies; a guest sees why there are none to show."""

    name = "cabinet"

    def __init__(self, app: App) -> None:
        self.session = app.services.session
        self.session.open()
        self.player = self.session.player
        self.entries: list[CabinetEntry] = self.session.trophy_cabinet(
            app.services.bundled_pack_ids()
        )
        self.selected = 0  # the tile the detail panel describes
        # the buttons' labels are the interface's words, given at every layout
        self.back_button = Button("", self.back, BACK.hint_cap)
        if self.player is not None:
            self.other_button = Button("", self.history, HISTORY.hint_cap)
        else:
            self.other_button = Button("", self.choose_player, CHOOSE_PLAYER.hint_cap, tone="main")
        self.focus = FocusGroup([self.back_button, self.other_button], columns=2)
        super().__init__(app, MenuFrame(HEADING, self.focus.buttons, ()))
        self._translate()
        self._area = pygame.Rect(0, 0, 0, 0)  # where the tiles scroll
        self._detail = pygame.Rect(0, 0, 0, 0)
        self._tiles: list[pygame.Rect] = []  # in the grid, before scrolling
        self._columns = 1
        self._short_dates = False  # the tiles write the day a trophy was won short
        self._name_lines = 1  # lines a tile keeps for a trophy's name, and for its status
        self._status_lines = 1
        self._status_below = False  # the panel's status under the name, not beside it
        self._panel_status = True  # the panel says the status (else only the tile does)
        self._detail_name_lines = 1
        self._description_lines = DESCRIPTION_LINES
        self._bar_focus = False  # Tab moved the focus to the buttons (arrows choose tiles)

    @property
    def earned_count(self) -> int:
        return sum(1 for e in self.entries if e.earned)

    def bindings(self) -> tuple[Binding, ...]:
        """A player's keys or a guest's, and PageUp/PageDown while the tiles scroll."""
        own = PLAYER_KEYS if self.player is not None else GUEST_KEYS
        return (*own, *self.scroll_keys())

    def _translate(self) -> None:
        """The heading, the line under it and the buttons in the interface's language now."""
        t = self.app.translator
        self._frame.heading = t.gettext(HEADING)
        self._frame.subheading = self._subheading(t)
        self.back_button.label = t.gettext("Back")
        if self.player is not None:
            self.other_button.label = t.gettext("History")
        else:
            self.other_button.label = t.gettext("Choose a player")

    def _subheading(self, t: Translator) -> str:
        if self.player is None:
            return t.gettext("Playing as a guest")
        # Translators: under the heading: the player's name, then how many trophies of all
        return t.gettext(
            "{player}  ·  {earned} of {total} won",
            player=self.player.name,
            earned=self.earned_count,
            total=len(self.entries),
        )

    def tile_rect(self, index: int) -> pygame.Rect:
        """Where tile ``index`` is on the screen now."""
        return self._tiles[index].move(self._area.x, self._area.y - round(self._scroller.offset))

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """The frame, every tile in view and the detail panel, by name (for layout tests)."""
        boxes = self._frame.boxes(self.app.services.assets)
        for i in range(len(self._tiles)):
            rect = self.tile_rect(i)
            if self._area.contains(rect):
                boxes[f"tile_{i}"] = rect
        if self.entries:
            boxes["detail"] = self._detail.copy()
        return boxes

    # -- actions ----------------------------------------------------------------------

    def history(self) -> None:
        self.visit("history")

    def choose_player(self) -> None:
        self.leave("players", on_chosen=self._reopen)

    def _reopen(self) -> None:
        self.app.screens.replace("cabinet")

    def look(self, dx: int, dy: int) -> None:
        """The arrows: the tile beside (``dx``) or above or below (``dy``) the selected one."""
        if not self.entries:
            return
        self._bar_focus = False
        self.select(self.selected + dx + dy * self._columns)

    def to_bar(self, step: int) -> None:
        """Tab: the focus onto the buttons, then along them."""
        if self._bar_focus:
            self.focus.move(step)
        self._bar_focus = True

    def press_bar(self) -> None:
        """Enter presses a button once Tab is on it (a tile is only looked at), or at once
        when there are no tiles."""
        if self._bar_focus or not self.entries:
            self.focus.press_focused()

    def select(self, index: int) -> None:
        """Describe tile ``index`` in the panel, scrolling it into view."""
        if not self.entries:
            return
        self.selected = max(0, min(len(self.entries) - 1, index))
        tile = self._tiles[self.selected] if self._tiles else None
        if tile is not None:
            self._scroller.show(tile.top, tile.bottom, self._metrics.px(0.8))

    # -- the scene --------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        self._translate()
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        hints = self._frame.hints = self.hints()
        content = self._frame.layout(size, assets)
        if not self.entries:
            self._area, self._tiles = content, []
            self._scroller.set(content, 0)
            return
        gap = metrics.gap
        ring = metrics.px(0.8)  # room for the selected tile's ring
        fit = (content.width - 2 * ring + gap) // (metrics.text_px(MIN_TILE_UNITS) + gap)
        columns = self._plan_tiles(content.width - 2 * ring, max(1, min(MAX_COLUMNS, fit)))
        self._columns = columns
        tile_w = (content.width - 2 * ring - (columns - 1) * gap) // columns
        tile_h = self._tile_height()
        detail_h = self._detail_height(content.width)
        if self._status_below and content.height - detail_h - gap < tile_h + 2 * ring:
            # a line of its own for the status would leave no whole row of tiles (large
            # text): the selected tile, just above, says it (its day written short)
            detail_h = self._detail_height(content.width, status_line=False)
        self._detail = pygame.Rect(content.x, content.bottom - detail_h, content.width, detail_h)
        self._area = pygame.Rect(
            content.x, content.y, content.width, self._detail.top - gap - content.y
        )
        row_gap = metrics.px(0.8)
        self._tiles = [
            pygame.Rect(
                ring + (i % columns) * (tile_w + gap),
                ring + (i // columns) * (tile_h + row_gap),
                tile_w,
                tile_h,
            )
            for i in range(len(self.entries))
        ]
        self._scroller.set(self._area, self._tiles[-1].bottom + ring)
        if not self._scroller.max_offset:
            # the grid fits: the panel sits right under it rather than at the bottom
            self._area.height = self._tiles[-1].bottom + ring
            self._detail.y = self._area.bottom + gap
        self.select(self.selected)
        self._scroller.offset = self._scroller.target
        if self.hints() != hints:
            self.layout(size)  # the scroll keys came or went: the bar may change height

    def _pad(self) -> int:
        return self._metrics.px(0.55)

    def _tile_height(self) -> int:
        assets = self.app.services.assets
        metrics = self._metrics
        name = assets.font(metrics.body_size, True).get_linesize()
        small = assets.font(metrics.small_size, True).get_linesize()
        return self._name_lines * name + self._status_lines * small + 2 * self._pad()

    def _badge_side(self) -> int:
        """The badge's diameter: as tall as a tile of one-line texts."""
        metrics = self._metrics
        assets = self.app.services.assets
        name = assets.font(metrics.body_size, True).get_linesize()
        return name + assets.font(metrics.small_size, True).get_linesize()

    def _text_room(self, tile_width: int) -> int:
        """The width in pixels a tile ``tile_width`` wide leaves its name and status."""
        metrics = self._metrics
        pad = self._pad()
        return tile_width - 2 * pad - metrics.px(0.3) - self._badge_side() - metrics.px(1.4)

    def _plan_tiles(self, width: int, most: int) -> int:
        """How many columns of tiles ``width`` pixels hold, at most ``most``, so that every
        trophy's name and status is whole: the most columns where each fits on one line
        (the won day written short, 24.10.2026, before a column is given up); below
        :data:`LEAST_COLUMNS`, the texts wrap onto two lines instead. Sets the lines and
        the date's form the tiles are drawn with."""
        assets = self.app.services.assets
        metrics = self._metrics
        gap = metrics.gap
        name_font = assets.font(metrics.body_size, True)
        small_font = assets.font(metrics.small_size, True)
        t = self.app.translator
        names = [t.gettext(e.trophy.name) for e in self.entries]

        def lines(room: int, short: bool) -> tuple[int, int]:
            name = max(len(wrap_lines(name_font, n, room, ALL_LINES)) for n in names)
            status = max(
                (
                    len(wrap_lines(small_font, status_text(e, t, short=short), room, ALL_LINES))
                    for e in self.entries
                    if not (e.target and not e.earned)  # those show a bar and 57/100
                ),
                default=1,
            )
            return name, status

        least = min(most, LEAST_COLUMNS)
        for columns in range(most, least - 1, -1):
            room = self._text_room((width - (columns - 1) * gap) // columns)
            for short in (False, True):
                if lines(room, short) == (1, 1):
                    self._short_dates, self._name_lines, self._status_lines = short, 1, 1
                    return columns
        room = self._text_room((width - (least - 1) * gap) // least)
        name_lines, status_lines = lines(room, True)
        self._short_dates = True
        self._name_lines = min(TILE_TEXT_LINES, name_lines)
        self._status_lines = min(TILE_TEXT_LINES, status_lines)
        return least

    def _detail_height(self, width: int, *, status_line: bool = True) -> int:
        """The panel's height for a content ``width`` pixels wide: the heading (the status
        beside the name, or under it when one trophy's do not fit side by side; not at all
        when that line is not to be had, ``status_line`` False) and the longest
        description whole, in at least :data:`DESCRIPTION_LINES` lines."""
        metrics = self._metrics
        assets = self.app.services.assets
        pad = metrics.px(1.0)
        name = assets.font(metrics.body_size, True)
        body = assets.font(metrics.body_size)
        t = self.app.translator
        room = width - 2 * pad
        self._status_below = any(
            name.size(self._detail_name(e))[0] + metrics.gap + name.size(self._detail_status(e))[0]
            > room
            for e in self.entries
        )
        self._panel_status = status_line or not self._status_below
        self._detail_name_lines = max(
            len(wrap_lines(name, self._detail_name(e), room, ALL_LINES)) for e in self.entries
        )
        heading = self._detail_name_lines + self._status_line_count()
        self._description_lines = max(
            DESCRIPTION_LINES,
            *(
                len(wrap_lines(body, t.render(e.trophy.description), room, ALL_LINES))
                for e in self.entries
            ),
        )
        lines = heading * name.get_linesize() + self._description_lines * body.get_linesize()
        return lines + 2 * pad

    def _status_line_count(self) -> int:
        """1 when the panel's status has a line of its own under the name, else 0."""
        return 1 if self._status_below and self._panel_status else 0

    def _detail_name(self, entry: CabinetEntry) -> str:
        """The panel's heading: the trophy's name and its tier ("Gold medal  ·  Gold")."""
        t = self.app.translator
        tier_word = t.gettext(TIER_NAMES[entry.trophy.tier])
        return f"{t.gettext(entry.trophy.name)}  ·  {tier_word}"

    def _detail_status(self, entry: CabinetEntry) -> str:
        """Where the player stands, in the panel: won when (the date in full), or locked,
        and how far along ("Locked  ·  44/100")."""
        t = self.app.translator
        status = status_text(entry, t)
        if entry.target:
            status = f"{status}  ·  {progress_text(entry, t)}"
        return status

    def handle_event(self, event: pygame.event.Event) -> None:
        if self._leaving:
            return
        if event.type == pygame.KEYDOWN:
            self.handle_key(event)  # keys do only what the table says
            return
        if event.type == pygame.MOUSEMOTION and self._area.collidepoint(event.pos):
            for i in range(len(self._tiles)):
                if self.tile_rect(i).collidepoint(event.pos):
                    self.selected = i
        if self._scroller.handle_event(event, self._metrics):
            return
        self.focus.handle_event(event)

    # -- drawing ----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        self.draw_frame(surface)
        for i, button in enumerate(self.focus.buttons):
            focused = (self._bar_focus or not self.entries) and i == self.focus.index
            button.draw(surface, assets, metrics, focused=focused, hovered=i == self.focus.hover)
        if not self.entries:
            self.draw_message(surface, self.app.translator.gettext(GUEST_MESSAGE), self._area)
            return
        previous = surface.get_clip()
        surface.set_clip(self._area)
        for i, entry in enumerate(self.entries):
            rect = self.tile_rect(i)
            if rect.colliderect(self._area):
                self._draw_tile(surface, entry, rect, selected=i == self.selected)
        surface.set_clip(previous)
        self._scroller.draw_bar(surface, metrics, self.app.look.palette)
        self._draw_detail(surface, self.entries[self.selected])

    def _draw_tile(
        self, surface: pygame.Surface, entry: CabinetEntry, rect: pygame.Rect, *, selected: bool
    ) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        tier = self.app.look.tier(entry.trophy.tier.value)
        if entry.earned:
            draw_panel(surface, rect, metrics, palette.panel, tier)
        else:
            draw_panel(surface, rect, metrics, palette.panel_deep, palette.disabled)
        if selected:
            draw_focus_ring(surface, rect, metrics, palette.focus)
        pad = self._pad()
        side = self._badge_side()
        badge = pygame.Rect(0, 0, side, side)
        badge.midleft = (rect.x + pad + metrics.px(0.3), rect.centery)
        self._draw_badge(surface, badge, tier, entry.earned)

        x = badge.right + metrics.px(1.0)
        width = self._text_room(rect.width)
        name_font = assets.font(metrics.body_size, True)
        small_font = assets.font(metrics.small_size, True)
        colour = palette.text if entry.earned else palette.text_muted
        t = self.app.translator
        names = wrap_lines(name_font, t.gettext(entry.trophy.name), width, self._name_lines)
        progress = bool(entry.target and not entry.earned)
        status_colour = tier if entry.earned else palette.text_muted
        status = "" if progress else status_text(entry, t, short=self._short_dates)
        statuses = wrap_lines(small_font, status, width, self._status_lines) if status else []
        small_lines = 1 if progress else len(statuses)
        block = len(names) * name_font.get_linesize() + small_lines * small_font.get_linesize()
        y = rect.centery - block // 2
        for name in names:
            surface.blit(assets.text(name, metrics.body_size, colour, bold=True), (x, y))
            y += name_font.get_linesize()
        if progress:
            line = pygame.Rect(x, y, width, small_font.get_linesize())
            self._draw_progress(surface, entry, line, tier)
            return
        for text in statuses:
            surface.blit(assets.text(text, metrics.small_size, status_colour, bold=True), (x, y))
            y += small_font.get_linesize()

    def _draw_progress(
        self, surface: pygame.Surface, entry: CabinetEntry, line: pygame.Rect, tier: Colour
    ) -> None:
        """A bar and "57/100" along ``line``."""
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        progress = progress_text(entry, self.app.translator)
        count = assets.text(progress, metrics.small_size, palette.text, bold=True)
        count_rect = count.get_rect(midright=line.midright)
        surface.blit(count, count_rect)
        bar = pygame.Rect(line.x, 0, count_rect.left - metrics.px(0.8) - line.x, metrics.px(1.0))
        if bar.width < metrics.px(3):
            return
        bar.centery = line.centery
        radius = bar.height // 2
        pygame.draw.rect(surface, palette.track, bar, border_radius=radius)
        share = entry.current / entry.target if entry.target else 0.0
        filled = bar.copy()
        filled.width = round(bar.width * min(1.0, share))
        if filled.width > 0:
            colour = tier if entry.earned else palette.text_muted
            pygame.draw.rect(surface, colour, filled, border_radius=radius)

    def _draw_detail(self, surface: pygame.Surface, entry: CabinetEntry) -> None:
        """The selected trophy: its name, what it is for, and where the player stands."""
        metrics = self._metrics
        assets = self.app.services.assets
        rect = self._detail
        palette = self.app.look.palette
        tier = self.app.look.tier(entry.trophy.tier.value)
        draw_panel(surface, rect, metrics, palette.panel_deep, palette.panel_edge)
        pad = metrics.px(1.0)
        inner = rect.inflate(-2 * pad, -2 * pad)
        name_font = assets.font(metrics.body_size, True)
        t = self.app.translator
        status_surface = assets.text(
            self._detail_status(entry),
            metrics.body_size,
            tier if entry.earned else palette.text_muted,
            bold=True,
        )
        line = name_font.get_linesize()
        names_w = inner.width
        if self._panel_status and self._status_below:
            status_rect = status_surface.get_rect(
                topleft=(inner.x, inner.y + self._detail_name_lines * line)
            )
            surface.blit(status_surface, status_rect)
        elif self._panel_status:
            status_rect = status_surface.get_rect(topright=inner.topright)
            names_w = status_rect.left - metrics.gap - inner.x
            surface.blit(status_surface, status_rect)
        y = inner.y
        names = wrap_lines(name_font, self._detail_name(entry), names_w, self._detail_name_lines)
        for name in names:
            text = assets.text(name, metrics.body_size, palette.text, bold=True)
            surface.blit(text, (inner.x, y))
            y += line
        y = inner.y + (self._detail_name_lines + self._status_line_count()) * line
        body = assets.font(metrics.body_size)
        description = t.render(entry.trophy.description)
        for text in wrap_lines(body, description, inner.width, self._description_lines):
            surface.blit(assets.text(text, metrics.body_size, palette.text_muted), (inner.x, y))
            y += body.get_linesize()

    def _draw_badge(
        self, surface: pygame.Surface, box: pygame.Rect, tier: Colour, earned: bool
    ) -> None:
        """The results screen's medal look when won; a grey disc with a padlock when not."""
        assets = self.app.services.assets
        r = box.width // 2
        centre = box.center
        if earned:
            pygame.draw.circle(surface, darken(tier, 0.35), centre, r)
            pygame.draw.circle(surface, tier, centre, round(r * 0.86))
            star = assets.decoration("★", round(box.width * 0.55), darken(tier, 0.45), bold=True)
            surface.blit(star, star.get_rect(center=centre))
            return
        palette = self.app.look.palette
        pygame.draw.circle(surface, darken(palette.disabled, 0.35), centre, r)
        pygame.draw.circle(surface, palette.disabled, centre, r, max(2, r // 8))
        _draw_padlock(surface, centre, r, palette.text_muted)


def _draw_padlock(
    surface: pygame.Surface, centre: tuple[int, int], radius: int, colour: Colour
) -> None:
    """A padlock drawn with shapes (the font has no such glyph)."""
    cx, cy = centre
    body = pygame.Rect(0, 0, round(radius * 0.9), round(radius * 0.7))
    body.midtop = (cx, cy - round(radius * 0.1))
    shackle = pygame.Rect(0, 0, round(radius * 0.6), round(radius * 0.8))
    shackle.midbottom = (cx, body.top + round(radius * 0.2))
    thickness = max(2, radius // 7)
    pygame.draw.ellipse(surface, colour, shackle, thickness)
    pygame.draw.rect(surface, colour, body, border_radius=max(1, radius // 8))
