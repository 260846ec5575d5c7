"""The class game's setup: the teams, the rules, then each team's buzzer.

Three steps on one screen, each a list of rows like the Settings screen's:

- **Teams**: how many teams (2-6), each team's name (Enter or a click types a new one in a
  small dialog; "Team 1"... until then) drawn with its emblem (``Look.team``), optionally
  the list of players the teams are made from (a class, or every player; choosing a class
  shares its players out among the teams, which a teacher then changes on the players
  step), the mode (turns or buzz in), the steal and its share, and the catch-up rule.
- **Players** of one team (P on a team's row): the players of the chosen list, Enter or a
  click puts one in this team (taking them out of another) or out of it.
- **Buzzers**: for each team in turn, "press your buzzer": any key the screens do not use
  or any gamepad button (:mod:`clarity.ui.buzzers`) becomes that team's; one another team
  holds is refused with a message, and so is a key the screens use (M, F11, the answer
  keys: they do nothing else then); Enter keeps the keyboard's suggested key instead. Once
  every team has one, a press shows whose buzzer it is, and Enter starts the game:
  ``app.screens.replace("class-play", loaded=..., setup=ClassGameSetup, buzzers=BuzzerInput,
  snapshot=None)``. The one :class:`~clarity.ui.buzzers.BuzzerInput` goes on to the play
  screen (its ``map`` is the teams' :class:`~clarity.ui.buzzers.BuzzerMap`): it knows the
  pads plugged in and numbers them as this screen showed them.

A pad pulled out here goes back to its team when plugged in again, unless several
identical pads were pulled out (:mod:`clarity.ui.buzzers`, Hot-plug): then the first team
whose pad is missing is asked to press its buzzer, and its press claims the pad.

Continuing an interrupted class game (``resume=(setup, snapshot)``, from the title's
offer) opens straight on the buzzers, since the pads may not be the ones of last time.

The screen reads every event through the buzzers, whatever the step, so a pad plugged in
or pulled out while the teams are named is known when the buzzers are asked for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

import pygame

from clarity.core.class_round import ClassRules, Mode
from clarity.core.messages import N_
from clarity.core.teams import MAX_TEAMS, MIN_TEAMS, TEAM_NAME_LIMIT, ClassGameSetup, Team
from clarity.ui import keys
from clarity.ui.bindings import Binding
from clarity.ui.buzzers import (
    SCREEN_KEYS,
    SUGGESTED_KEYS,
    Buzz,
    BuzzerInput,
    BuzzerMap,
    GamepadPort,
    KeyBuzzer,
    PadAdded,
    PadLost,
    PygamePadPort,
    ScreenKeys,
    key_label,
)
from clarity.ui.choices import Choice
from clarity.ui.emblems import draw_emblem
from clarity.ui.menu_frame import SCROLL_KEYS, MenuFrame
from clarity.ui.menu_screen import BACK, MenuScreen
from clarity.ui.textfit import wrap_lines
from clarity.ui.theme import Metrics
from clarity.ui.widgets import Button, FocusGroup, draw_focus_ring, draw_panel

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.ui.app import App
    from clarity.ui.services import Player

HEADING = N_("Class game")

#: The steal's choices: off, or the share of the points a steal earns.
STEAL_SHARES: tuple[float | None, ...] = (None, 0.25, 0.5, 0.75, 1.0)
#: How long a row lights up when its team's buzzer is pressed, in seconds.
FLASH_SECONDS = 0.8


class Step(StrEnum):
    TEAMS = "teams"
    PLAYERS = "players"
    BUZZERS = "buzzers"


#: Teams: ↑ ↓ choose a row, ← → change its value, Enter renames a team (or steps a value),
#: P the players of the team, N on to the buzzers.
TEAMS_KEYS: tuple[Binding, ...] = (
    Binding("select", (keys.UP,), N_("choose"), "↑ ↓", (-1,), repeats=True),
    Binding("select", (keys.DOWN,), N_("choose"), args=(1,), repeats=True),
    Binding("select", (keys.SHIFT_TAB,), args=(-1,), repeats=True),
    Binding("select", (keys.TAB,), args=(1,), repeats=True),
    Binding("change", (keys.LEFT,), N_("change"), "← →", (-1,), repeats=True),
    Binding("change", (keys.RIGHT,), N_("change"), args=(1,), repeats=True),
    # Translators: the key hint of Enter on the class game's setup: rename the chosen team
    Binding("activate", (keys.ENTER, keys.SPACE), N_("rename"), "Enter"),
    # Translators: the key hint of the key that goes on to the teams' buzzers
    Binding("to_buzzers", (keys.Letter("N"),), N_("buzzers")),
    BACK,
)
#: Only while there is a list of players to pick from.
PLAYERS_KEY = Binding("pick_players", (keys.Letter("P"),), N_("players"))
#: A team's players: ↑ ↓ choose, Enter puts the player in or out, Esc goes back.
PLAYERS_KEYS: tuple[Binding, ...] = (
    Binding("select", (keys.UP,), N_("choose"), "↑ ↓", (-1,), repeats=True),
    Binding("select", (keys.DOWN,), N_("choose"), args=(1,), repeats=True),
    Binding("select", (keys.SHIFT_TAB,), args=(-1,), repeats=True),
    Binding("select", (keys.TAB,), args=(1,), repeats=True),
    # Translators: the key hint that puts a player in the team or takes them out
    Binding("activate", (keys.ENTER, keys.SPACE), N_("in or out"), "Enter"),
    Binding("back", (keys.ESCAPE,), N_("done")),
)
#: Buzzers: only keys no team would take as its buzzer (letters are buzzers here).
BUZZERS_KEYS: tuple[Binding, ...] = (
    # Translators: the key hint of the arrows that choose the team whose buzzer is asked
    Binding("select", (keys.UP,), N_("choose a team"), "↑ ↓", (-1,), repeats=True),
    Binding("select", (keys.DOWN,), N_("choose a team"), args=(1,), repeats=True),
    Binding("select", (keys.SHIFT_TAB,), args=(-1,), repeats=True),
    Binding("select", (keys.TAB,), args=(1,), repeats=True),
    Binding("activate", (keys.ENTER,), "", "Enter"),
    Binding("back", (keys.ESCAPE,), N_("back")),
)
#: The keys that move about the buzzers' step. Every other key the screens keep
#: (:data:`~clarity.ui.buzzers.SCREEN_KEYS`: the answers, F11, M...) is refused with a word
#: while a team is asked, and does nothing else then: a team that pressed M for its buzzer
#: would turn the sound off and still wait, silently.
NAVIGATION_KEYS = ScreenKeys.of((*BUZZERS_KEYS, *SCROLL_KEYS))
#: Enter on the buzzers, as its hint says it: while a team is asked, and once all have one.
SKIP_HINT = N_("keep the suggested key")
START_HINT = N_("start")


def open_pad_port() -> GamepadPort:
    """The pads of this computer (``pygame.joystick``); a test puts a fake port here."""
    return PygamePadPort()


@dataclass
class Row:
    """One row of the list: ``key`` says what it is ("teams", "team-2", "mode", "player-4"
    ...), ``team`` the team it shows (or None); where it is drawn, in list pixels."""

    key: str
    team: int | None = None
    player: Player | None = None
    label: list[str] = field(default_factory=list)  # its lines, as laid out
    detail: list[str] = field(default_factory=list)
    value: str = ""
    values: tuple[str, ...] = ()  # every value it can show, to size the value's box
    arrows: bool = False
    top: int = 0
    height: int = 0
    rect: pygame.Rect | None = None
    left_arrow: pygame.Rect | None = None
    right_arrow: pygame.Rect | None = None
    value_rect: pygame.Rect | None = None  # where its value is drawn (a click there)


@dataclass(frozen=True)
class PlayerList:
    """A list the teams' players are picked from: ``kind`` "none", "all" or "class"; the
    class's ``name`` (as the teacher wrote it) and its players."""

    kind: str
    name: str = ""
    players: tuple[Player, ...] = ()


class ClassSetupScene(MenuScreen):
    """The setup of a class game on ``loaded``. Public for tests: ``step``, ``rows``,
    ``selected``, ``count``, ``team_name(i)``, ``members``, ``asking`` (the team whose
    buzzer is asked, or None), ``message`` and ``buzzers``."""

    name = "class-setup"

    def __init__(
        self,
        app: App,
        *,
        loaded: LoadedPack,
        resume: tuple[ClassGameSetup, dict[str, object]] | None = None,
        pad_port: GamepadPort | None = None,
    ) -> None:
        self.back_button = Button(N_("Back"), self.back, key_hint="Esc")
        # Translators: the button that goes on from the teams to their buzzers
        self.next_button = Button(N_("Buzzers"), self.to_buzzers, key_hint="N", tone="main")
        # one button for Enter on the buzzers: the suggested key while a team is asked,
        # then the start (two side by side do not fit a 4:3 projector at large text)
        self.start_button = Button(N_("Start"), self.activate, key_hint="Enter", tone="main")
        self._labels = [(b, b.label) for b in (self.back_button, self.next_button)]
        self.focus = FocusGroup([self.back_button, self.next_button], ring=False)
        super().__init__(app, MenuFrame(HEADING, self.focus.buttons, ()))
        self.loaded = loaded
        self.resuming = resume
        self.count = 3
        self._names: list[str | None] = [None] * MAX_TEAMS  # None: the default name
        self.members: list[list[Player]] = [[] for _ in range(MAX_TEAMS)]
        self.mode = Mode.TURNS
        self.steal_share: float | None = 0.5
        self.catch_up = False
        self.lists = self._player_lists()
        self.list_index = 0
        self.step = Step.TEAMS
        self.rows: list[Row] = []
        self.selected = 0
        self.picking = 0  # the team whose players are picked
        self.asking: int | None = None  # the team whose buzzer is asked
        self.message = ""  # said at the top of the list (a refusal, in the language)
        self.message_is_problem = False
        self._flash: dict[int, float] = {}
        self._message_rect = pygame.Rect(0, 0, 0, 0)
        self._list = pygame.Rect(0, 0, 0, 0)
        self._value_w = 0
        self._stacked = False
        if resume is not None:
            setup = resume[0]
            self.count = len(setup.teams)
            for i, team in enumerate(setup.teams):
                self._names[i] = team.name
            self.mode = setup.class_rules.mode
            self.steal_share = setup.class_rules.steal_share if setup.class_rules.steal else None
            self.catch_up = setup.class_rules.catch_up
        # the teams' letters (N, P) are free to be buzzers: on the buzzers' step only
        # its own keys are the screen's
        screen_keys = SCREEN_KEYS + ScreenKeys.of(BUZZERS_KEYS)
        port = pad_port if pad_port is not None else open_pad_port()
        self.buzzers = BuzzerInput(BuzzerMap(self.count), port, screen_keys=screen_keys)
        if resume is not None:
            self._enter_buzzers()
        self._build_rows()
        self._frame.hints = self.hints()

    # -- reading --------------------------------------------------------------------------

    def team_name(self, team: int) -> str:
        """Team ``team``'s name as shown: as typed, or "Team 1"... in the language."""
        name = self._names[team]
        if name is not None:
            return name
        return self.app.translator.gettext("Team {number}", number=team + 1)

    def bindings(self) -> tuple[Binding, ...]:
        if self.step is Step.PLAYERS:
            return (*PLAYERS_KEYS, *self.scroll_keys())
        if self.step is Step.BUZZERS:
            label = SKIP_HINT if self.asking is not None else START_HINT
            rows = [b if b.action != "activate" else _relabel(b, label) for b in BUZZERS_KEYS]
            return (*rows, *self.scroll_keys())
        rows = list(TEAMS_KEYS)
        on_team = bool(self.rows) and self.rows[self.selected].team is not None
        if not on_team:  # Enter steps a value there, as ← → say already
            rows = [b if b.action != "activate" else _relabel(b, "") for b in rows]
        if self._has_players():
            rows.insert(-2, PLAYERS_KEY)
        return (*rows, *self.scroll_keys())

    def setup(self) -> ClassGameSetup:
        """The game the screen describes now (names in the language of now)."""
        if self.resuming is not None:
            return self.resuming[0]
        share = self.steal_share
        rules = ClassRules(
            mode=self.mode,
            steal=share is not None,
            steal_share=share if share is not None else 0.5,
            catch_up=self.catch_up,
        )
        seed = self.app.services.settings.seed
        if seed is None:
            seed = random.SystemRandom().randrange(2**31)
        assert self.loaded.pack is not None
        teams = tuple(
            Team(self.team_name(i), i, tuple(p.id for p in self.members[i]))
            for i in range(self.count)
        )
        return ClassGameSetup(
            pack_id=self.loaded.pack.id,
            mystery_index=0,
            seed=seed,
            teams=teams,
            class_rules=rules,
            rules=self.app.services.settings.rules(),
        )

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """The frame's parts, the message and the rows in view, by name (layout tests)."""
        boxes = self._frame.boxes(self.app.services.assets)
        if self.message:
            boxes["message"] = self._message_rect.copy()
        for row in self.rows:
            if row.rect is not None:
                shown = row.rect.clip(self._list)
                if shown.width and shown.height:
                    boxes[f"row_{row.key}"] = shown
        return {name: box for name, box in boxes.items() if box.width and box.height}

    # -- actions: every step --------------------------------------------------------------

    def select(self, step: int) -> None:
        if not self.rows:
            return
        self.selected = max(0, min(len(self.rows) - 1, self.selected + step))
        if self.step is Step.BUZZERS:
            self._ask(self.rows[self.selected].team)  # this team presses its buzzer (again)
            self._rebuild()
        elif self.hints() != self._frame.hints:  # Enter renames on a team's row only
            self.layout(self.app.size)
        self._keep_in_view()

    def back(self) -> None:
        if self.step is Step.PLAYERS:
            self._go(Step.TEAMS, select=f"team-{self.picking}")
        elif self.step is Step.BUZZERS and self.resuming is None:
            self._go(Step.TEAMS, select="teams")
        else:
            self.leave()

    def activate(self) -> None:
        """Enter: what the selected row does (rename, step a value, a player in or out),
        or on the buzzers: the suggested key for the team asked, or the start."""
        if self.step is Step.BUZZERS:
            if self.asking is not None:
                self.skip()
            else:
                self.start()
            return
        if not self.rows:
            return
        row = self.rows[self.selected]
        if self.step is Step.PLAYERS:
            self._toggle(row)
        elif row.team is not None:
            self.rename(row.team)
        else:
            self.change(1)

    # -- the teams ------------------------------------------------------------------------

    def change(self, direction: int) -> None:
        """The selected row's value a step on (1) or back (-1)."""
        if self.step is not Step.TEAMS or not self.rows:
            return
        key = self.rows[self.selected].key
        if key == "teams":
            self.count = max(MIN_TEAMS, min(MAX_TEAMS, self.count + direction))
            for team in range(self.count, MAX_TEAMS):  # a team gone gives its players back
                self.members[team] = []
            if self.lists[self.list_index].kind == "class":
                self._share_out()  # the class shared out among the teams there are now
        elif key == "list":
            self.list_index = (self.list_index + direction) % len(self.lists)
            self._share_out()
        elif key == "mode":
            self.mode = Mode.BUZZ if self.mode is Mode.TURNS else Mode.TURNS
        elif key == "steal":
            index = STEAL_SHARES.index(self.steal_share) + direction
            self.steal_share = STEAL_SHARES[index % len(STEAL_SHARES)]
        elif key == "catch-up":
            self.catch_up = not self.catch_up
        else:
            return
        self.app.services.sound.play("click")
        self._rebuild()

    def rename(self, team: int) -> None:
        """A dialog to type team ``team``'s name."""
        t = self.app.translator
        self.app.screens.push(
            "dialog",
            # Translators: {team} is the team's name now
            heading=t.gettext("Name of {team}", team=self.team_name(team)),
            message=t.gettext("Type the team's name, as the class will see it."),
            choices=[
                Choice(t.gettext("Rename"), _nothing, key_hint="Enter", primary=True, submits=True),
                Choice(t.gettext("Cancel"), _nothing, key_hint="Esc"),
            ],
            name="team-name",
            text=self.team_name(team),
            max_length=TEAM_NAME_LIMIT,
            on_submit=lambda text: self._named(team, text),
        )

    def _named(self, team: int, text: str) -> str | None:
        name = " ".join(text.split())
        t = self.app.translator
        if not name:
            return t.gettext("A team needs a name.")
        taken = {self.team_name(i).casefold() for i in range(self.count) if i != team}
        if name.casefold() in taken:
            return t.gettext("Another team has this name.")
        self._names[team] = name
        self._rebuild()
        return None

    def pick_players(self) -> None:
        """The players step for the team on the selected row (or the first team)."""
        if not self._has_players():
            return
        row = self.rows[self.selected] if self.rows else None
        self.picking = row.team if row is not None and row.team is not None else 0
        self._go(Step.PLAYERS, select=None)

    def _toggle(self, row: Row) -> None:
        player = row.player
        if player is None:
            return
        team = self.picking
        ours = self.members[team]
        if any(p.id == player.id for p in ours):
            self.members[team] = [p for p in ours if p.id != player.id]
        else:
            for i in range(MAX_TEAMS):  # a player is in one team only
                self.members[i] = [p for p in self.members[i] if p.id != player.id]
            self.members[team] = sorted([*self.members[team], player], key=lambda p: p.name)
        self.app.services.sound.play("click")
        self._rebuild()

    def _share_out(self) -> None:
        """The chosen class's players dealt out among the teams in turn (by name); the
        whole list of players, or none, leaves the teams empty to pick by hand."""
        self.members = [[] for _ in range(MAX_TEAMS)]
        chosen = self.lists[self.list_index]
        if chosen.kind != "class":
            return
        for i, player in enumerate(chosen.players):
            self.members[i % self.count].append(player)

    def _has_players(self) -> bool:
        return self.lists[self.list_index].kind != "none"

    def _player_lists(self) -> list[PlayerList]:
        lists = [PlayerList("none")]
        services = self.app.services
        if services.data_dir is None:
            return lists
        players = tuple(o.player for o in services.session.players_overview())
        if players:
            lists.append(PlayerList("all", players=players))
        for school_class in services.classes.all():
            if school_class.members:
                lists.append(PlayerList("class", school_class.name, school_class.members))
        return lists

    # -- the buzzers ----------------------------------------------------------------------

    def to_buzzers(self) -> None:
        if self.step is Step.TEAMS:
            self._enter_buzzers()
            self._rebuild()

    def _enter_buzzers(self) -> None:
        if self.buzzers.map.teams != self.count:
            self.buzzers.map = BuzzerMap(self.count)
        self.step = Step.BUZZERS
        self.focus.set([self.back_button, self.start_button])
        self._frame.buttons = self.focus.buttons
        first = next((t for t in range(self.count) if self.buzzers.map.buzzer_of(t) is None), None)
        self._ask(first)
        self.selected = first if first is not None else 0

    def _ask(self, team: int | None) -> None:
        self.asking = team
        self.message = ""
        self.message_is_problem = False
        self._update_buttons()

    def _ask_missing(self) -> None:
        """A pad came in that no team gets back (new, or one of several identical pads that
        were pulled out): the first team whose pad is missing is asked to press its buzzer,
        so that the pad is claimed by a press rather than guessed."""
        missing = self.buzzers.missing()
        if self.step is Step.BUZZERS and self.asking is None and missing:
            self._ask(missing[0])
            self.selected = missing[0]

    def skip(self) -> None:
        """The team asked gets the keyboard's suggested key for it (or the first suggested
        key no team holds); a team that has a buzzer and was asked again keeps it."""
        team = self.asking
        if team is None:
            return
        if self.buzzers.map.buzzer_of(team) is not None:  # asked again: it keeps its own
            self._claimed(team)
            return
        suggested = SUGGESTED_KEYS[self.count]
        order = (suggested[team], *suggested)
        for scancode in order:
            if self.buzzers.map.claim(team, KeyBuzzer(scancode)) is None:
                break
        self._claimed(team)

    def _buzzed(self, buzz: Buzz) -> None:
        team = self.asking
        if team is None:
            if buzz.team is not None:  # every team has one: show whose it is
                self._flash[buzz.team] = FLASH_SECONDS
                self.app.services.sound.play("click")
            return
        taken = self.buzzers.map.claim(team, buzz.buzzer)
        t = self.app.translator
        if taken is not None:
            self.message = t.gettext(
                # Translators: a buzzer pressed for a team is another team's already
                "This buzzer is {team}'s already. Press another one.",
                team=self.team_name(taken.team),
            )
            self.message_is_problem = True
            self.app.services.sound.play("wrong")
            self.layout(self.app.size)
            return
        self._claimed(team)

    def _refuse_key(self, event: pygame.event.Event) -> None:
        t = self.app.translator
        key = key_label(KeyBuzzer(getattr(event, "scancode", 0), event.key), t)
        self.message = t.gettext(
            # Translators: {key} is a key of the keyboard ("M", "F11") a team pressed as
            # its buzzer on the class game's setup, which the game's screens use
            "{key} is a key of the game; press another one.",
            key=key,
        )
        self.message_is_problem = True
        self.app.services.sound.play("wrong")
        self.layout(self.app.size)

    def _claimed(self, team: int) -> None:
        self._flash[team] = FLASH_SECONDS
        self.app.services.sound.play("click")
        following = [*range(team + 1, self.count), *range(team)]
        nxt = next((t for t in following if self.buzzers.map.buzzer_of(t) is None), None)
        self._ask(nxt)
        if nxt is not None:
            self.selected = nxt
        self._rebuild()

    def start(self) -> None:
        """Every team has a buzzer: on to the game."""
        if self.step is not Step.BUZZERS or self.asking is not None or self.buzzers.missing():
            return
        snapshot = self.resuming[1] if self.resuming is not None else None
        self.leave(
            "class-play",
            loaded=self.loaded,
            setup=self.setup(),
            buzzers=self.buzzers,
            snapshot=snapshot,
        )

    def _update_buttons(self) -> None:
        ready = self.asking is None and not self.buzzers.missing()
        t = self.app.translator
        # Translators: a button: the team asked presses no buzzer and gets the keyboard
        # key suggested for it (short: it stands beside Back on a 4:3 projector)
        skip = t.gettext("Skip")
        self.start_button.label = skip if self.asking is not None else t.gettext("Start")
        self.start_button.tone = "plain" if self.asking is not None else "main"
        self.start_button.enabled = ready or self.asking is not None

    # -- rows -----------------------------------------------------------------------------

    def _go(self, step: Step, *, select: str | None) -> None:
        self.step = step
        if step is Step.TEAMS:
            self.focus.set([self.back_button, self.next_button])
        else:
            self.focus.set([self.back_button])
        self._frame.buttons = self.focus.buttons
        self.message = ""
        self._build_rows()
        keys_ = [row.key for row in self.rows]
        self.selected = keys_.index(select) if select in keys_ else 0
        self._scroller.target = self._scroller.offset = 0
        self.layout(self.app.size)

    def _rebuild(self) -> None:
        self._update_buttons()
        self.layout(self.app.size)

    def _build_rows(self) -> None:
        """The rows of the step, with their words in the language of now."""
        t = self.app.translator
        rows: list[Row] = []
        if self.step is Step.TEAMS:
            counts = tuple(t.number(n) for n in range(MIN_TEAMS, MAX_TEAMS + 1))
            rows.append(Row("teams", label=[t.gettext("Teams")], value=t.number(self.count)))
            rows[-1].values, rows[-1].arrows = counts, True
            if len(self.lists) > 1:
                names = tuple(self._list_name(chosen) for chosen in self.lists)
                rows.append(
                    Row(
                        "list",
                        label=[t.gettext("Players from")],
                        value=names[self.list_index],
                        values=names,
                        arrows=True,
                    )
                )
            for team in range(self.count):
                rows.append(Row(f"team-{team}", team=team, label=[self.team_name(team)]))
                if self._has_players():  # guests' teams stay one line: six fit in view
                    rows[-1].detail = [self._members_line(team)]
                    # a click on it picks the team's players
                    count = len(self.members[team])
                    rows[-1].value = t.ngettext("{count} player", "{count} players", count)
                    rows[-1].values = (rows[-1].value,)
            modes = (t.gettext("Turns"), t.gettext("Buzz in"))
            mode = modes[0] if self.mode is Mode.TURNS else modes[1]
            rows.append(Row("mode", label=[t.gettext("Mode")], value=mode, values=modes))
            rows[-1].arrows = True
            rows[-1].detail = [self._mode_help()]
            if self.mode is Mode.TURNS:
                shares = tuple(self._share_name(s) for s in STEAL_SHARES)
                rows.append(
                    Row(
                        "steal",
                        label=[t.gettext("Steal")],
                        value=self._share_name(self.steal_share),
                        values=shares,
                        arrows=True,
                    )
                )
                rows[-1].detail = [
                    t.gettext(
                        "A wrong answer passes the question once to the next team, "
                        "for a share of the points."
                    )
                ]
            on_off = (t.gettext("On"), t.gettext("Off"))
            rows.append(
                Row(
                    "catch-up",
                    label=[t.gettext("Catch-up rule")],
                    value=on_off[0] if self.catch_up else on_off[1],
                    values=on_off,
                    arrows=True,
                )
            )
            rows[-1].detail = [self._catch_up_help()]
        elif self.step is Step.PLAYERS:
            chosen = self.lists[self.list_index]
            for player in chosen.players:
                row = Row(f"player-{player.id}", player=player, label=[player.name])
                holder = self._team_of(player)
                if holder == self.picking:
                    row.value = t.gettext("In this team")
                elif holder is not None:
                    # Translators: the team a player is in now, on the class game's setup
                    row.value = t.gettext("In {team}", team=self.team_name(holder))
                row.values = (t.gettext("In this team"), row.value)
                rows.append(row)
        else:
            described = {row.team: row for row in self.buzzers.describe(t)}
            for team in range(self.count):
                row = Row(f"buzzer-{team}", team=team, label=[self.team_name(team)])
                buzzer = described[team]
                if team == self.asking:
                    row.value = t.gettext("Press your buzzer now")
                elif not buzzer.label:
                    row.value = t.gettext("No buzzer yet")
                elif not buzzer.connected:
                    # Translators: {buzzer} is a gamepad ("Gamepad 2") that was pulled out
                    row.value = t.gettext("{buzzer}: unplugged", buzzer=buzzer.label)
                else:
                    row.value = buzzer.label
                row.values = (row.value,)
                rows.append(row)
        self.rows = rows
        self.selected = min(self.selected, max(0, len(rows) - 1))

    def _list_name(self, chosen: PlayerList) -> str:
        t = self.app.translator
        if chosen.kind == "none":
            # Translators: the teams are made of no saved players (guests)
            return t.gettext("No one: guests")
        if chosen.kind == "all":
            return t.gettext("All players")
        return chosen.name

    def _members_line(self, team: int) -> str:
        t = self.app.translator
        members = self.members[team]
        if members:
            return t.join([p.name for p in members])
        return t.gettext("No players yet: P picks them")

    def _share_name(self, share: float | None) -> str:
        t = self.app.translator
        if share is None:
            return t.gettext("Off")
        # Translators: the steal's share of the points: "50% of the points"
        return t.gettext("{share} of the points", share=t.percent(share))

    def _mode_help(self) -> str:
        t = self.app.translator
        if self.mode is Mode.TURNS:
            return t.gettext("Each question goes to the next team in turn.")
        return t.gettext("Every question is open to all: the first team to buzz answers.")

    def _catch_up_help(self) -> str:
        t = self.app.translator
        if self.mode is Mode.TURNS:
            return t.gettext("The team in last place gets the first chance at the next question.")
        return t.gettext("The team in last place may buzz a few seconds before the others.")

    def _team_of(self, player: Player) -> int | None:
        return next(
            (i for i in range(self.count) if any(p.id == player.id for p in self.members[i])),
            None,
        )

    # -- the scene ------------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        t = self.app.translator
        assets = self.app.services.assets
        for button, label in self._labels:
            button.label = t.gettext(label)
        self._frame.heading = self._heading()
        self._build_rows()
        self._update_buttons()  # the start button's label, before the bar is laid out
        self._frame.hints = self.hints()
        content = self._frame.layout(size, assets)
        metrics = self._metrics = self._frame.metrics
        gap = metrics.gap
        prompt = self._prompt()
        if prompt:
            font = assets.font(metrics.body_size, True)
            lines = wrap_lines(font, prompt, content.width, 8)
            height = len(lines) * font.get_linesize()
            width = max(font.size(line)[0] for line in lines)
            self._message_rect = pygame.Rect(0, content.y, width, height)
            self._message_rect.centerx = content.centerx
            content = pygame.Rect(
                content.x, content.y + height + gap, content.width, content.height - height - gap
            )
        else:
            self._message_rect = pygame.Rect(0, 0, 0, 0)
        self._list = content
        self._place_rows(content, metrics)
        if self.hints() != self._frame.hints:
            self.layout(size)  # the scroll keys came or went

    def _heading(self) -> str:
        t = self.app.translator
        if self.step is Step.PLAYERS:
            # Translators: the heading of the list a team's players are picked from
            return t.gettext("Players of {team}", team=self.team_name(self.picking))
        return t.gettext(HEADING)

    @property
    def prompt(self) -> str:
        """The line at the top of the list, in the language: what to do now, or why a
        buzzer was refused."""
        return self._prompt()

    def _prompt(self) -> str:
        if self.message:
            return self.message
        t = self.app.translator
        if self.step is Step.BUZZERS:
            if self.asking is not None:
                return t.gettext(
                    # Translators: a key of the keyboard or a button of a gamepad
                    "{team}: press your buzzer, a key or a gamepad button.",
                    team=self.team_name(self.asking),
                )
            missing = self.buzzers.missing()
            if missing:
                return t.gettext(
                    # Translators: {teams} lists the teams whose gamepad was pulled out
                    "The gamepad of {teams} is unplugged: plug it back in, or choose the "
                    "team and press another buzzer.",
                    teams=t.join([self.team_name(team) for team in missing]),
                )
            return t.gettext("Every team has its buzzer. Press one to see whose it is.")
        if self.step is Step.PLAYERS:
            return t.gettext("Enter puts a player in this team or takes them out.")
        return t.gettext("{pack}: set up the teams and the rules.", pack=self.loaded.title)

    def _place_rows(self, area: pygame.Rect, metrics: Metrics) -> None:
        assets = self.app.services.assets
        pad = metrics.px(1.2)
        bold = assets.font(metrics.body_size, True)
        small = assets.font(metrics.small_size)
        arrow_w = bold.size("◀")[0] + metrics.px(1.0)
        width = area.width - metrics.px(1.6)  # room for the scrollbar either way
        widest = max((bold.size(v)[0] for row in self.rows for v in row.values), default=0)
        self._value_w = min(widest + metrics.px(1.0), width * 3 // 5)
        arrows = 2 * arrow_w if any(row.arrows for row in self.rows) else 0
        emblem = self._emblem_room(metrics)
        beside = width - 2 * pad - emblem - self._value_w - arrows - pad
        longest_label = max(
            (bold.size(" ".join(row.label))[0] for row in self.rows if row.value or row.arrows),
            default=0,
        )
        self._stacked = beside < max(metrics.px(12), min(longest_label, width // 3))
        text_w = max(10, (width - 2 * pad - emblem) if self._stacked else beside)
        y = 0
        for row in self.rows:
            label = " ".join(row.label)
            row.label = wrap_lines(bold, label, text_w, 6)
            row.detail = [
                line for text in row.detail for line in wrap_lines(small, text, text_w, 8)
            ]
            height = len(row.label) * bold.get_linesize() + len(row.detail) * small.get_linesize()
            if self._stacked and (row.value or row.arrows):
                height += bold.get_linesize() * len(self._value_lines(row, width, metrics))
            row.top = y
            row.height = height + metrics.px(1.6)
            y += row.height + metrics.gap // 2
        self._scroller.set(area, y)
        self._keep_in_view(immediate=True)

    def _value_lines(self, row: Row, width: int, metrics: Metrics) -> list[str]:
        """The value's lines: one beside the label, wrapped when under it."""
        if not self._stacked:
            return [row.value]
        bold = self.app.services.assets.font(metrics.body_size, True)
        pad = metrics.px(1.2)
        arrow_w = bold.size("◀")[0] + metrics.px(1.0)
        room = width - 2 * pad - (2 * arrow_w if row.arrows else 0)
        return wrap_lines(bold, row.value, max(10, room), 4) if row.value else [""]

    def _emblem_room(self, metrics: Metrics) -> int:
        if not any(row.team is not None for row in self.rows):
            return 0
        return round(2 * self._emblem_radius(metrics)) + metrics.px(1.2)

    def _emblem_radius(self, metrics: Metrics) -> float:
        return self.app.services.assets.font(metrics.body_size, True).get_linesize() * 0.45

    def _keep_in_view(self, *, immediate: bool = False) -> None:
        if not self.rows:
            return
        row = self.rows[self.selected]
        self._scroller.show(row.top, row.top + row.height, immediate=immediate)

    def keeps_key(self, event: pygame.event.Event) -> bool:
        """A key of the game pressed for a buzzer is refused, not the sound turned off."""
        return self._refuses(event)

    def _refuses(self, event: pygame.event.Event) -> bool:
        """Whether the KEYDOWN ``event`` is a key of the game's screens pressed while a
        team is asked for its buzzer (not one that moves about this step)."""
        return (
            self.step is Step.BUZZERS
            and self.asking is not None
            and not self._leaving
            and self.buzzers.screen_keys.has(event)
            and not NAVIGATION_KEYS.has(event)
        )

    def handle_event(self, event: pygame.event.Event) -> None:
        if self._leaving:
            return
        reading = self.buzzers.read(event)  # every step: the pads plugged in and out
        if isinstance(reading, PadAdded | PadLost):
            if isinstance(reading, PadAdded) and not reading.teams:
                self._ask_missing()
            self._rebuild()
        elif isinstance(reading, Buzz) and self.step is Step.BUZZERS:
            self._buzzed(reading)
            return
        if event.type == pygame.KEYDOWN and self._refuses(event):
            if not getattr(event, "repeat", False):
                self._refuse_key(event)
            return
        if event.type == pygame.KEYDOWN:
            self.handle_key(event)
            return
        if self._scroller.handle_event(event, self._metrics):
            return
        clicked = event.type == pygame.MOUSEBUTTONUP and event.button == 1
        if clicked and self._click(event.pos):
            return
        self.focus.handle_event(event)

    def _click(self, pos: tuple[int, int]) -> bool:
        if not self._list.collidepoint(pos):
            return False
        for i, row in enumerate(self.rows):
            if row.rect is None or not row.rect.collidepoint(pos):
                continue
            self.selected = i
            if self.step is Step.BUZZERS:
                self._ask(row.team)  # this team presses its buzzer again
                self._rebuild()
            elif row.arrows:
                left = row.left_arrow is not None and row.left_arrow.collidepoint(pos)
                self.change(-1 if left else 1)
            elif row.team is not None and row.value_rect is not None:
                if row.value_rect.collidepoint(pos):
                    self.pick_players()
                else:
                    self.rename(row.team)
            else:
                self.activate()
            return True
        return False

    def update(self, dt: float) -> None:
        super().update(dt)
        for team in list(self._flash):
            self._flash[team] -= dt
            if self._flash[team] <= 0:
                del self._flash[team]

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        self.draw_frame(surface)
        self.focus.draw(surface, assets, metrics)
        prompt = self._prompt()
        if prompt:
            colour = palette.wrong if self.message_is_problem and self.message else palette.accent
            font = assets.font(metrics.body_size, True)
            y = self._message_rect.y
            for line in wrap_lines(font, prompt, self._list.width, 8):
                text = assets.text(line, metrics.body_size, colour, bold=True)
                surface.blit(text, text.get_rect(midtop=(self._message_rect.centerx, y)))
                y += font.get_linesize()
        offset = round(self._scroller.offset)
        area = self._list
        previous = surface.get_clip()
        surface.set_clip(area)
        width = area.width - metrics.px(1.6)
        for i, row in enumerate(self.rows):
            rect = pygame.Rect(area.x, area.y + row.top - offset, width, row.height)
            row.rect = rect
            if rect.bottom < area.top or rect.top > area.bottom:
                row.left_arrow = row.right_arrow = None
                continue
            self._draw_row(surface, row, rect, metrics, selected=i == self.selected)
        surface.set_clip(previous)
        self._scroller.draw_bar(surface, metrics, palette)

    def _draw_row(
        self,
        surface: pygame.Surface,
        row: Row,
        rect: pygame.Rect,
        metrics: Metrics,
        *,
        selected: bool,
    ) -> None:
        assets = self.app.services.assets
        look = self.app.look
        palette = look.palette
        lit = row.team is not None and row.team in self._flash
        asked = self.step is Step.BUZZERS and row.team is not None and row.team == self.asking
        fill = look.raised if lit or asked else palette.panel
        draw_panel(surface, rect, metrics, fill, palette.panel_edge)
        if lit and row.team is not None:
            edge = look.team(row.team).colour
            pygame.draw.rect(
                surface, edge, rect, width=metrics.px(0.5), border_radius=metrics.radius
            )
        if selected:
            ring = rect.inflate(-metrics.px(0.4), -metrics.px(0.4))
            draw_focus_ring(surface, ring, metrics, palette.focus)
        pad = metrics.px(1.2)
        bold = assets.font(metrics.body_size, True)
        small = assets.font(metrics.small_size)
        left = rect.x + pad
        top = rect.y + metrics.px(0.8)
        if self._emblem_room(metrics):
            if row.team is not None:
                radius = self._emblem_radius(metrics)
                centre = (left + radius, top + bold.get_linesize() / 2)
                draw_emblem(surface, look, row.team, centre, radius)
            left += self._emblem_room(metrics)
        y = top
        name_colour = look.team(row.team).colour if row.team is not None else palette.text
        for line in row.label:
            text = assets.text(line, metrics.body_size, name_colour, bold=True)
            surface.blit(text, (left, y))
            y += bold.get_linesize()
        for line in row.detail:
            text = assets.text(line, metrics.small_size, palette.text_muted)
            surface.blit(text, (left, y))
            y += small.get_linesize()
        row.left_arrow = row.right_arrow = row.value_rect = None
        if not (row.value or row.arrows):
            return
        colour = palette.accent if selected or asked else palette.text
        arrow_w = bold.size("◀")[0] + metrics.px(1.0)
        right = rect.right - pad
        lines = self._value_lines(row, rect.width, metrics)
        if self._stacked:
            band = pygame.Rect(
                rect.x + pad, y, rect.width - 2 * pad, len(lines) * bold.get_linesize()
            )
        else:
            value_w = self._value_w + (2 * arrow_w if row.arrows else 0)
            band = pygame.Rect(right - value_w, rect.y, value_w, rect.height)
        if row.arrows:
            row.left_arrow = pygame.Rect(band.x, band.y, arrow_w, band.height)
            row.right_arrow = pygame.Rect(band.right - arrow_w, band.y, arrow_w, band.height)
            for mark, box in (("◀", row.left_arrow), ("▶", row.right_arrow)):
                shown = assets.text(mark, metrics.body_size, colour, bold=True)
                surface.blit(shown, shown.get_rect(center=box.center))
            band = band.inflate(-2 * arrow_w, 0)
        row.value_rect = band.copy()
        ty = band.centery - len(lines) * bold.get_linesize() // 2
        for line in lines:
            shown = assets.text(line, metrics.body_size, colour, bold=True)
            surface.blit(shown, shown.get_rect(midtop=(band.centerx, ty)))
            ty += bold.get_linesize()


def _relabel(binding: Binding, label: str) -> Binding:
    return Binding(binding.action, binding.keys, label, binding.cap, binding.args, binding.repeats)


def _nothing() -> None:
    """A dialog's choice whose work is done by the dialog's on_submit."""
