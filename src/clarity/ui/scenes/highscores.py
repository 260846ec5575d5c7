"""High scores: a pack's top ten players, the current player's best highlighted, and
under them the pack's best teams of class games.

Team results are a list of their own, under its own heading line ("Teams"), each team by
its name as the class typed it (a default name is already "Team 1": a word put before it
would say it twice): a team's score is the whole team's, so it never enters the players'
ranking (where it would lift every member above those who played alone;
:mod:`clarity.store.class_games`).

Left and right (or the arrows beside the pack's name) go from pack to pack: the
installed packs first, then any pack that has saved rounds but is no longer installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.menu_screen import BACK
from clarity.ui.services import LeaderRow, TeamLeaderRow
from clarity.ui.table import Cell, Column, Row, medal_cell
from clarity.ui.table_screen import TableScreen
from clarity.ui.widgets import Button

if TYPE_CHECKING:
    from clarity.i18n import Translator
    from clarity.ui.app import App

TOP = 10
TOP_TEAMS = 5  # under the players: a class's best few games on the pack
COLUMNS = (
    # Translators: the heading of the column of places (1, 2, 3...) in the high scores
    Column(N_("#"), "right"),
    Column(N_("Player"), flex=True),
    Column(N_("Score"), "right"),
    # a name keeps priority over the date: when the table is too wide the date is written
    # short (01.12.2026), then left out, then the medal
    Column(N_("Medal"), drop=2),
    Column(N_("Date"), drop=1),
)
#: ← and → go to the previous and the next pack (held, they do it once).
PACK_KEYS: tuple[Binding, ...] = (
    Binding("turn", (keys.LEFT,), N_("pack"), "← →", (-1,)),
    Binding("turn", (keys.RIGHT,), N_("pack"), args=(1,)),
)


def leader_row(row: LeaderRow, t: Translator, *, mine: bool) -> Row:
    """One line of the high scores in ``t``'s language: the place, the name (the current
    player's marked), the score and date as the language writes them."""
    # Translators: the current player's name on the high scores, marked as theirs
    name = t.gettext("{name}  (you)", name=row.player_name) if mine else row.player_name
    return Row(
        (
            Cell(t.number(row.rank), colour="text_muted"),
            Cell(name, bold=True),
            Cell(t.number(row.score), bold=True),
            medal_cell(row.medal, t),
            Cell(t.date(row.played_at), short=t.date(row.played_at, "short")),
        ),
        highlight=mine,
    )


def team_row(row: TeamLeaderRow, t: Translator) -> Row:
    """One team's line under the players' high scores (under :func:`teams_heading`, which
    marks them as teams): its place among the teams, its name as the class typed it, its
    score, medal and the day of the game. (A name is kept whole on the table; a list of
    members would not be, so they are left to their histories.)"""
    team = row.team
    return Row(
        (
            Cell(t.number(row.rank), colour="text_muted"),
            Cell(team.name, bold=True),
            Cell(t.number(team.score), bold=True),
            medal_cell(team.medal, t),
            Cell(t.date(team.played_at), short=t.date(team.played_at, "short")),
        )
    )


def teams_heading(t: Translator) -> Row:
    """The line between the players' high scores and the teams'."""
    # Translators: on the high scores, the heading of the list of teams (of class games),
    # drawn in the column of the players' names: keep it short
    heading = t.gettext("Teams")
    return Row((Cell(""), Cell(heading, colour="text_muted"), Cell(""), Cell(""), Cell("")))


class HighScoresScene(TableScreen):
    """One pack's leaderboard at a time; ``pack_id`` chooses the first one shown."""

    name = "highscores"

    def __init__(self, app: App, pack_id: str | None = None) -> None:
        self.back_button = Button(N_("Back"), self.back, BACK.hint_cap)
        super().__init__(app, N_("High scores"), COLUMNS, [self.back_button])
        self.prev_button = Button("←", lambda: self.turn(-1))
        self.next_button = Button("→", lambda: self.turn(1))
        self.session = session = app.services.session
        session.open()  # the --player player is taken as it opens
        self.player = session.player
        titles = app.services.pack_titles()
        saved = session.packs_played()
        self.packs: list[tuple[str, str]] = list(titles.items())
        self.packs += [(p, p) for p in sorted(saved) if p not in titles]
        self.index = 0
        last = session.last_round() if pack_id is None else None
        wanted = pack_id or (last.pack_id if last is not None else None)
        for i, (pid, _title) in enumerate(self.packs):
            if pid == wanted:
                self.index = i
        self.leaders: list[LeaderRow] = []
        self.teams: list[TeamLeaderRow] = []
        self.mine: int | None = None  # the index of the player's row, if they have one
        self._title_box = pygame.Rect(0, 0, 0, 0)
        self._load()

    @property
    def pack_id(self) -> str | None:
        return self.packs[self.index][0] if self.packs else None

    # -- actions ----------------------------------------------------------------------

    def own_keys(self) -> tuple[Binding, ...]:
        return PACK_KEYS

    def turn(self, step: int) -> None:
        """Show the next (1) or the previous (-1) pack."""
        if len(self.packs) < 2:
            return
        self.index = (self.index + step) % len(self.packs)
        self.app.services.sound.play("click")
        self._load()
        self.layout(self.app.size)

    def _load(self) -> None:
        self.leaders, self.teams, self.rows, self.mine = [], [], [], None
        if not self.packs:
            self.empty_message = N_("No packs yet.")
            return
        if not self.session.has_saved_data:
            self.empty_message = N_("Saving is off, so there are no high scores to show.")
            return
        pack_id = self.packs[self.index][0]
        me = self.player.id if self.player is not None else None
        self.leaders = self.session.leaderboard(pack_id, TOP)
        if me is not None and all(r.player_id != me for r in self.leaders):
            mine = self.session.rank_on(pack_id)  # below the top ten, or no round here
            if mine is not None:
                self.leaders.append(mine)
        self.mine = next((i for i, r in enumerate(self.leaders) if r.player_id == me), None)
        self.teams = self.app.services.team_leaderboard(pack_id, TOP_TEAMS)
        self.empty_message = N_("No rounds saved for this pack yet. Be the first!")
        self.fill()

    def fill(self) -> None:
        t = self.app.translator
        me = self.player.id if self.player is not None else None
        self.rows = [leader_row(r, t, mine=r.player_id == me) for r in self.leaders]
        if self.teams:
            self.rows += [teams_heading(t), *(team_row(r, t) for r in self.teams)]

    def focus_row(self) -> int | None:
        return self.mine

    # -- the pack selector above the table ----------------------------------------------

    def top_height(self) -> int:
        metrics = self._metrics
        assets = self.app.services.assets
        return max(metrics.px(5.0), assets.font(metrics.heading_size, True).get_linesize())

    def layout_top(self, area: pygame.Rect) -> None:
        side = area.height
        self.prev_button.rect = pygame.Rect(area.x, area.y, side, side)
        self.next_button.rect = pygame.Rect(area.right - side, area.y, side, side)
        gap = self._metrics.gap
        self._title_box = pygame.Rect(
            self.prev_button.rect.right + gap,
            area.y,
            self.next_button.rect.left - gap - self.prev_button.rect.right - gap,
            side,
        )

    def draw_top(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        many = len(self.packs) > 1
        for button in (self.prev_button, self.next_button):
            button.enabled = many
            button.draw(surface, assets, metrics, focused=False, hovered=False)
        if not self.packs:
            return
        title = self.packs[self.index][1]
        # Translators: which of the packs is shown: "2 of 5"
        count = self.app.translator.gettext(
            "{place} of {count}", place=self.index + 1, count=len(self.packs)
        )
        palette = self.app.look.palette
        counter = assets.text(count, metrics.small_size, palette.text_muted, bold=True)
        box = self._title_box
        name_box = (box.width - counter.get_width() - 2 * metrics.gap, box.height)
        name = assets.fit_text(
            title, metrics.heading_size, metrics.body_size, palette.text, name_box, bold=True
        )
        width = name.get_width() + metrics.gap + counter.get_width()
        x = box.centerx - width // 2
        surface.blit(name, name.get_rect(midleft=(x, box.centery)))
        x += name.get_width() + metrics.gap
        surface.blit(counter, counter.get_rect(midleft=(x, box.centery)))

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        boxes = super().layout_boxes()
        del boxes["top"]
        boxes["previous"] = self.prev_button.rect.copy()
        boxes["next"] = self.next_button.rect.copy()
        boxes["pack"] = self._title_box.copy()
        return boxes

    def handle_event(self, event: pygame.event.Event) -> None:
        if self._leaving:
            return
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for button in (self.prev_button, self.next_button):
                if button.contains(event.pos):
                    button.press()
                    return
        super().handle_event(event)
