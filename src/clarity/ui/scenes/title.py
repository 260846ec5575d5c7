"""The title screen: the game's name, a tile mosaic that uncovers itself, Play, the class
game and Quit.

It is the first frame the game shows, so it touches nothing slow: no packs, no sound, no
image files, no saved data; only the two fonts it draws with. With a data folder it also
offers the trophy cabinet, the high scores, a change of player and the Teacher Studio
(``clarity studio`` started beside the game by :mod:`clarity.ui.studio_launch`, its
address shown at the top for a teacher whose browser did not open), says who is playing,
and shows why saving is off when it is (the store opens after the first frame).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import journey, keys
from clarity.ui.app import GLOBAL_BINDINGS
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, KeyHint, handle_key, key_hints
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.menu_frame import button_width as menu_button_width
from clarity.ui.menu_frame import move_spatially
from clarity.ui.scene import Scene
from clarity.ui.services import said
from clarity.ui.studio_launch import Phase, StudioLauncher, StudioState
from clarity.ui.theme import Colour, Look, Metrics
from clarity.ui.widgets import (
    Button,
    FocusGroup,
    darken,
    draw_panel,
    draw_shape,
    grid_keys,
    lighten,
)

if TYPE_CHECKING:
    from clarity.ui.app import App

GAME_NAME = "Clarity Challenge"
TAGLINE = N_("Answer questions, uncover the tiles, guess the hidden picture.")
#: The arrows move as the menu is drawn (Play over two columns when there is saved
#: progress); Enter chooses; Esc, pressed on the title itself, ends the game (a held Esc
#: that walked back to the title does not).
TITLE_KEYS: tuple[Binding, ...] = (
    *grid_keys(N_("choose")),
    Binding("quit", (keys.ESCAPE,), N_("quit")),
)
#: The title's hints: its own keys, then the keys of every screen (the App's F11 and M),
#: said once here where a class first sees the game.
HINTS: tuple[KeyHint, ...] = key_hints((*TITLE_KEYS, *GLOBAL_BINDINGS))

# The mosaic: a small board whose tiles uncover a picture one by one, then cover it again.
MOSAIC_ROWS = 3
#: The rows of the full menu: Play, three pairs, Study and True or False, then Quit
#: (two fewer when large text makes it compact: see TitleScene.layout).
GRID_ROWS = 6
MOSAIC_COLS = 9
REVEAL_EVERY = 0.55  # seconds between two tiles
REVEAL_SHARE = 0.7  # how much of the picture shows before it covers up again
HOLD_SECONDS = 2.5
FLIP_SECONDS = 0.25


class Mosaic:
    """The title's decoration: tiles over a sunset, uncovered and covered in a loop.

    Driven by ``update(dt)`` only (never the wall clock), so tests and screenshots see
    the same frames every time.
    """

    def __init__(self, seed: int = 7) -> None:
        order = [(r, c) for r in range(MOSAIC_ROWS) for c in range(MOSAIC_COLS)]
        random.Random(seed).shuffle(order)
        self.order = order
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.tile = 0
        self.gap = 0
        self._clock = REVEAL_EVERY * 4  # start with a few tiles already open
        self._picture: pygame.Surface | None = None

    @property
    def cycle(self) -> float:
        shown = round(len(self.order) * REVEAL_SHARE)
        return shown * REVEAL_EVERY + HOLD_SECONDS

    def place(self, center: tuple[int, int], tile: int, gap: int) -> None:
        self.tile, self.gap = tile, gap
        width = MOSAIC_COLS * tile + (MOSAIC_COLS - 1) * gap
        height = MOSAIC_ROWS * tile + (MOSAIC_ROWS - 1) * gap
        self.rect = pygame.Rect(0, 0, width, height)
        self.rect.center = center
        self._picture = None

    def update(self, dt: float) -> None:
        self._clock = (self._clock + dt) % self.cycle

    def open_amount(self, index: int) -> float:
        """How far tile ``index`` of the order is uncovered, 0.0 (covered) to 1.0."""
        shown = round(len(self.order) * REVEAL_SHARE)
        if index >= shown:
            return 0.0
        return max(0.0, min(1.0, (self._clock - index * REVEAL_EVERY) / FLIP_SECONDS))

    def draw(self, surface: pygame.Surface, metrics: Metrics, look: Look) -> None:
        if self.tile <= 0:
            return
        palette = look.palette
        if self._picture is None:
            self._picture = _sunset(self.rect.size, look)
        radius = max(2, self.tile // 7)
        amounts = {tile: self.open_amount(i) for i, tile in enumerate(self.order)}
        for (row, col), amount in amounts.items():
            cell = pygame.Rect(
                self.rect.x + col * (self.tile + self.gap),
                self.rect.y + row * (self.tile + self.gap),
                self.tile,
                self.tile,
            )
            if amount > 0:
                local = cell.move(-self.rect.x, -self.rect.y)
                surface.blit(self._picture, cell, local)
            if amount < 1:
                # a covered tile shrinks away as it uncovers, like on the game board
                cover = cell.inflate(-round(cell.width * amount), -round(cell.height * amount))
                pygame.draw.rect(surface, palette.tile, cover, border_radius=radius)
                pygame.draw.rect(
                    surface,
                    palette.tile_edge,
                    cover,
                    width=max(1, metrics.px(0.15)),
                    border_radius=radius,
                )
                if amount == 0:
                    style = look.answers[(row * MOSAIC_COLS + col) % len(look.answers)]
                    _draw_mark(surface, style.shape, cover, palette.tile_mark)


def _draw_mark(surface: pygame.Surface, shape: str, cell: pygame.Rect, colour: Colour) -> None:
    draw_shape(surface, shape, cell.center, cell.width * 0.16, colour)


def _sunset(size: tuple[int, int], look: Look) -> pygame.Surface:
    """The mosaic's hidden picture: a sun setting behind hills, in the look's colours."""
    width, height = size
    picture = pygame.Surface(size)
    gold, answers = look.palette.gold, look.answers
    top, middle, low = gold, answers[5].colour, answers[0].colour
    for y in range(height):
        share = y / max(1, height - 1)
        a, b, t = (top, middle, share * 2) if share < 0.5 else (middle, low, share * 2 - 1)
        colour = tuple(round(x + (z - x) * t) for x, z in zip(a, b, strict=True))
        pygame.draw.line(picture, colour, (0, y), (width, y))
    sun = (round(width * 0.62), round(height * 0.62))
    pygame.draw.circle(picture, lighten(gold, 0.55), sun, round(height * 0.3))
    hills = darken(answers[4].colour, 0.35)
    pygame.draw.ellipse(
        picture, hills, pygame.Rect(-width * 0.1, height * 0.7, width * 0.6, height * 0.8)
    )
    pygame.draw.ellipse(
        picture, hills, pygame.Rect(width * 0.35, height * 0.78, width * 0.8, height * 0.8)
    )
    return picture.convert()


class TitleScene(Scene):
    """Play goes to the pack choice; Quit (or Esc) ends the game."""

    name = "title"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        # the labels are the English ids until laid out (_label_buttons) in the language
        self.play_button = Button(N_("Play"), self.play, tone="main")
        self.quit_button = Button(N_("Quit"), self.quit)
        self.trophies_button = Button(N_("Trophies"), self.trophies)
        self.scores_button = Button(N_("High scores"), self.high_scores)
        self.player_button = Button(N_("Change player"), self.change_player)
        self.settings_button = Button(N_("Settings"), self.open_settings)
        # Translators: the title's entry for the game a whole class plays in teams
        self.class_button = Button(N_("Class game"), self.class_game)
        # Translators: the title's entry for the flashcards with spaced repetition
        self.study_button = Button(N_("Study"), self.study)
        # Translators: the title's entry for the 60-second sprint of true/false statements
        self.sprint_button = Button(N_("True or False"), self.sprint)
        # Translators: the title's entry that opens the pack editor in the browser
        self.studio_button = Button(N_("Teacher Studio"), self.teacher_studio)
        self._labels = [
            (button, button.label)
            for button in (
                self.play_button,
                self.quit_button,
                self.trophies_button,
                self.scores_button,
                self.player_button,
                self.settings_button,
                self.class_button,
                self.study_button,
                self.sprint_button,
                self.studio_button,
            )
        ]
        # Saved progress needs a data folder; the store is opened after the first frame.
        self._saving = app.services.data_dir is not None
        self._session_open = False
        self.focus = FocusGroup(self._buttons())
        self.mosaic = Mosaic()
        self._backdrop = Backdrop()
        self._metrics = app.look.metrics(app.options.size)
        self._name_size = 40
        self._name_pos = (0, 0)
        self._tagline_pos = (0, 0)
        self._tagline_width = app.options.size[0]
        self._status_pos = (0, 0)
        self._notice_panel = pygame.Rect(0, 0, 0, 0)
        self._studio_panel = pygame.Rect(0, 0, 0, 0)
        self._studio_shown = StudioState()  # the studio's state the layout was made for
        self._tight_notice = False  # the studio's notice in smaller text, to leave room
        self._hide_name = False  # and, if even that is not enough, the game's name hidden
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._show_tagline = True  # False when large text leaves it no room

    def _buttons(self) -> list[Button]:
        # in the order drawn, read line by line: the class game beside the Teacher Studio
        # the Teacher Studio edits the packs of the data folder: offered where it works
        if not self._saving:
            return [
                self.play_button,
                self.study_button,
                self.sprint_button,
                self.settings_button,
                self.class_button,
                self.quit_button,
            ]
        return [
            self.play_button,
            self.trophies_button,
            self.scores_button,
            self.player_button,
            self.settings_button,
            self.class_button,
            self.studio_button,  # the teacher's tools side by side
            self.study_button,
            self.sprint_button,
            self.quit_button,  # the last row, alone: Quit is where a player looks for it
        ]

    @property
    def status(self) -> str:
        """Who is playing, under the tagline ("" until somebody is chosen)."""
        if not self._session_open:
            return ""
        session = self.app.services.session
        t = self.app.translator
        if session.player is not None:
            return t.gettext("Playing as {name}", name=session.player.name)
        return t.gettext("Playing as a guest") if session.chosen else ""

    @property
    def notice(self) -> str:
        """Why saving is off, or that the ``--player`` player plays in another window, shown
        at the top ("" while all is well)."""
        if not self._session_open:
            return ""
        session = self.app.services.session
        t = self.app.translator
        if session.held_elsewhere is not None:
            # Translators: {reason} is a whole sentence saying who plays as this player where
            return t.gettext(
                "{reason} Play asks who plays here.", reason=said(t, session.held_elsewhere)
            )
        return t.render(session.notice_said) if session.notice_said else ""

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """Everything drawn, by name, where it is drawn (for the layout tests)."""
        assets = self.app.services.assets
        palette = self.app.look.palette
        name = assets.text(GAME_NAME, self._name_size, palette.text, bold=True)
        boxes = {"hints": self._hints_area.copy()}
        if not self._hide_name:
            boxes["name"] = name.get_rect(center=self._name_pos)
        if self._show_tagline:
            boxes["tagline"] = self._tagline().get_rect(center=self._tagline_pos)
        names = {
            "play": self.play_button,
            "quit": self.quit_button,
            "trophies": self.trophies_button,
            "scores": self.scores_button,
            "player": self.player_button,
            "settings": self.settings_button,
            "class": self.class_button,
            "study": self.study_button,
            "sprint": self.sprint_button,
            "studio": self.studio_button,
        }
        boxes.update({n: b.rect.copy() for n, b in names.items() if b in self.focus.buttons})
        if self._saving:
            boxes["status"] = self._status_rect()
        if self.notice:
            boxes["notice"] = self._notice_panel.copy()
        if self.studio_notice[0]:
            boxes["studio-notice"] = self._studio_panel.copy()
        if self.mosaic.tile > 0:
            boxes["mosaic"] = self.mosaic.rect.copy()
        return boxes

    # -- actions -----------------------------------------------------------------

    def play(self) -> None:
        if not self._saving:
            self.app.screens.push("packs")
            return
        journey.start_playing(self.app)

    def quit(self) -> None:
        self.app.quit()

    def study(self) -> None:
        """Study: who plays (their cards are theirs), then the pack to study."""
        self._choose_pack("study")

    def sprint(self) -> None:
        """True or False: who plays (their best is theirs), then the pack of the sprint."""
        self._choose_pack("sprint")

    def _choose_pack(self, purpose: str) -> None:
        if not self._saving:
            self.app.screens.push("packs", purpose=purpose)
            return
        journey.choose_pack_for(self.app, purpose)

    def class_game(self) -> None:
        journey.choose_class_game(self.app)

    def teacher_studio(self) -> None:
        """Teacher Studio: ``clarity studio`` started beside the game (once a game; the
        browser opened again when it already runs), its address shown here."""
        data_dir = self.app.services.data_dir
        if data_dir is None or not self._saving:
            return
        if self.app.studio is None:
            store = self.app.services.settings.store  # where the game's settings are
            config_dir = store.path.parent if store is not None else None
            self.app.studio = StudioLauncher.for_data_dir(data_dir, config_dir)
        self.app.studio.start(language=self.app.translator.language)
        self._follow_studio()

    @property
    def studio_state(self) -> StudioState:
        studio = self.app.studio
        return studio.state if studio is not None else StudioState()

    @property
    def studio_notice(self) -> tuple[str, str]:
        """What the title says about the Teacher Studio: a sentence, and the address to type
        ("" when there is none to show); ("", "") before it is started."""
        state = self._studio_shown
        t = self.app.translator
        if state.phase is Phase.STARTING:
            return t.gettext("Starting the Teacher Studio…"), ""
        if state.phase is Phase.FAILED:
            reason = t.render(state.reason) if state.reason is not None else ""
            # Translators: {reason} is the studio's own one-line error
            return t.gettext("The Teacher Studio could not start: {reason}", reason=reason), ""
        if state.phase is Phase.ENDED:
            return (
                t.gettext(
                    "The Teacher Studio has stopped. Choose Teacher Studio to start it again."
                ),
                "",
            )
        if state.phase is not Phase.RUNNING:
            return "", ""
        if state.browser_opened is None:
            sentence = t.gettext("Opening the Teacher Studio in your browser. Its address:")
        elif state.browser_opened:
            sentence = t.gettext(
                "The Teacher Studio is open in your browser. Its address on this computer:"
            )
        else:
            sentence = t.gettext(
                "Open this address in a browser on this computer to use the Teacher Studio:"
            )
        return sentence, state.url

    def _follow_studio(self) -> None:
        """Lay the title out again when the studio's news changed what it says."""
        state = self.studio_state
        if state != self._studio_shown:
            self._studio_shown = state
            self.layout(self.app.size)

    def move(self, dx: int, dy: int) -> None:
        """An arrow: to the button beside or below as drawn, in the grid of the full
        menu; up and down the column of Play and Quit."""
        if self._saving:
            move_spatially(self.focus, dx, dy)
        elif dy:
            self.focus.move(dy)

    def trophies(self) -> None:
        journey.open_cabinet(self.app)

    def high_scores(self) -> None:
        journey.open_high_scores(self.app)

    def change_player(self) -> None:
        journey.change_player(self.app)

    def open_settings(self) -> None:
        self.app.screens.push("settings")

    # -- the scene ---------------------------------------------------------------

    def _label_buttons(self) -> None:
        """The buttons' words in the interface language (it may have changed since)."""
        t = self.app.translator
        for button, label in self._labels:
            button.label = t.gettext(label)

    def layout(self, size: tuple[int, int]) -> None:
        self._tight_notice = self._hide_name = False
        self._place(size, compact=False)
        if self._saving and self._lowest() > self._hints_area.top:
            # large text in a low window: Study and True or False go beside Play, Teacher
            # Studio between Class game and Quit
            self._place(size, compact=True)
        if self.studio_notice[0] and self._lowest() > self._hints_area.top:
            # and if the studio's address still leaves the buttons no room, it is smaller
            self._tight_notice = True
            self._place(size, compact=self._saving)
            if self._lowest() > self._hints_area.top:
                # the window names the game: its name gives the address its room
                self._hide_name = True
                self._place(size, compact=self._saving)

    def _lowest(self) -> int:
        return max(button.rect.bottom for button in self._buttons())

    def _place(self, size: tuple[int, int], *, compact: bool) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        width, height = size
        margin = metrics.margin
        gap = metrics.px(2.2)
        self._label_buttons()

        self._tagline_width = round(width * 0.9)
        self._show_tagline = True
        tagline_height = self._tagline().get_height()

        button_width = max(metrics.px(26), min(width // 3, metrics.px(30)))
        button_height = max(metrics.px(5.2), assets.font(metrics.body_size, True).get_linesize())
        # compact: the study modes beside Play, the studio between Class game and Quit
        rows = 4 if not self._saving else GRID_ROWS - 2 * compact
        buttons_height = rows * button_height + (rows - 1) * metrics.gap
        status_height = 0
        if self._saving:
            # Play over a grid of two columns; a line says who plays (room kept for it
            # from the first frame, so nothing moves when the store has opened)
            button_width = max(metrics.px(22), min(width // 4, metrics.px(25)))
            # as wide as the longest label at large text sizes, two to a row
            labels = max(menu_button_width(b, assets, metrics) for b in self._buttons())
            button_width = min(max(button_width, labels), (width - 2 * margin - metrics.gap) // 2)
            button_height = max(
                metrics.px(4.6), assets.font(metrics.body_size, True).get_linesize()
            )
            buttons_height = rows * button_height + (rows - 1) * metrics.gap
            status_height = assets.font(metrics.body_size, True).get_linesize()

        hints_width = width - 2 * margin
        hints_height = key_hints_height(HINTS, assets, metrics, hints_width)
        self._hints_area = pygame.Rect(
            margin, height - margin // 2 - hints_height, hints_width, hints_height
        )

        top_edge = margin
        notice = self.notice
        if notice:
            pad = metrics.px(1.0)
            text = self._notice_text(width - 2 * margin - 2 * pad)
            self._notice_panel = pygame.Rect(
                margin, margin // 2, width - 2 * margin, text.get_height() + 2 * pad
            )
            top_edge = self._notice_panel.bottom + gap
        if self.studio_notice[0]:
            pad = metrics.px(1.0)
            room = width - 2 * margin - 2 * pad
            said_height = sum(line.get_height() for line in self._studio_lines(room))
            self._studio_panel = pygame.Rect(
                margin,
                (self._notice_panel.bottom + metrics.gap) if notice else margin // 2,
                width - 2 * margin,
                said_height + 2 * pad,
            )
            top_edge = self._studio_panel.bottom + gap

        # the name as large as fits nine tenths of the width and the height the rest
        # leaves (large text sizes leave it less)
        name_room = self._hints_area.top - top_edge - gap
        if name_room - (tagline_height + status_height + buttons_height + 3 * gap) < (
            assets.font(metrics.heading_size, True).get_linesize()
        ):
            # large text in a wide but low window: the tagline gives way to the buttons
            self._show_tagline = False
            tagline_height = 0
            gap = metrics.gap  # and the space between the parts tightens
            name_room = self._hints_area.top - top_edge - gap
            # and if even that is not enough, the buttons are only as tall as their words
            least_name = assets.font(metrics.body_size, True).get_linesize()
            if self._hide_name:  # the studio's address takes the name's place
                least_name = 0
            spare = name_room - least_name - status_height - 3 * gap
            if self._saving and buttons_height > spare:
                words = assets.font(metrics.body_size, True).get_linesize()
                button_height = max(words, (spare - (rows - 1) * metrics.gap) // rows)
                buttons_height = rows * button_height + (rows - 1) * metrics.gap
        name_room -= tagline_height + status_height + buttons_height + 3 * gap
        self._name_size = max(metrics.title_size, metrics.px(8.5))
        # the name may go down to the heading size; with large text in a low window, to
        # the body size (the buttons must stay whole; the window's title names the game)
        smallest_name = metrics.heading_size if self._show_tagline else metrics.body_size
        while self._name_size > smallest_name and (
            assets.font(self._name_size, True).size(GAME_NAME)[0] > width * 0.9
            or assets.font(self._name_size, True).get_linesize() > name_room
        ):
            self._name_size = max(smallest_name, int(self._name_size * 0.92))
        name_height = assets.font(self._name_size, True).get_linesize()
        if self._hide_name:
            name_height = 0

        # the mosaic takes the height the rest leaves, within sensible bounds
        text_block = name_height + tagline_height + status_height + buttons_height + 3 * gap
        room = self._hints_area.top - top_edge - gap - text_block
        tile_gap = max(2, metrics.px(0.45))
        tile = min(
            metrics.px(5.6),
            (room - (MOSAIC_ROWS - 1) * tile_gap) // MOSAIC_ROWS,
            (width - 2 * margin - (MOSAIC_COLS - 1) * tile_gap) // MOSAIC_COLS,
        )
        show_mosaic = tile >= metrics.px(2.0)
        mosaic_height = MOSAIC_ROWS * tile + (MOSAIC_ROWS - 1) * tile_gap if show_mosaic else 0
        total = (mosaic_height + gap if show_mosaic else 0) + text_block
        top = top_edge + max(0, (self._hints_area.top - top_edge - total) // 2)

        y = top
        if show_mosaic:
            self.mosaic.place((width // 2, y + mosaic_height // 2), tile, tile_gap)
            y += mosaic_height + gap
        else:
            self.mosaic.place((width // 2, y), 0, 0)
        self._name_pos = (width // 2, y + name_height // 2)
        y += name_height
        self._tagline_pos = (width // 2, y + tagline_height // 2)
        y += tagline_height + 2 * gap
        if not self._saving:
            # a column of Play, the study modes side by side, Settings beside Class game,
            # and Quit: four rows, as many as before the study modes came
            pair = min(2 * button_width, width - 2 * margin)
            half = (pair - metrics.gap) // 2
            rows = (
                (self.play_button,),
                (self.study_button, self.sprint_button),
                (self.settings_button, self.class_button),
                (self.quit_button,),
            )
            for row in rows:
                if len(row) == 1:
                    row[0].rect = pygame.Rect(0, 0, button_width, button_height)
                    row[0].rect.midtop = (width // 2, y)
                else:
                    left = width // 2 - pair // 2
                    row[0].rect = pygame.Rect(left, y, half, button_height)
                    row[1].rect = pygame.Rect(left + half + metrics.gap, y, half, button_height)
                y += button_height + metrics.gap
            return
        self._status_pos = (width // 2, y - gap + status_height // 2)
        y += status_height
        grid = 2 * button_width + metrics.gap
        left = width // 2 - grid // 2
        if compact:
            third = (grid - 2 * metrics.gap) // 3
            for i, button in enumerate((self.play_button, self.study_button, self.sprint_button)):
                button.rect = pygame.Rect(left + i * (third + metrics.gap), y, third, button_height)
        else:
            self.play_button.rect = pygame.Rect(left, y, grid, button_height)
        y += button_height + metrics.gap
        pairs = (
            (self.trophies_button, self.scores_button),
            (self.player_button, self.settings_button),
            # the teacher's tools side by side; the study modes under them, so that the
            # rows above keep the places a class knows
            *(() if compact else ((self.class_button, self.studio_button),)),
            *(() if compact else ((self.study_button, self.sprint_button),)),
        )
        for first, second in pairs:
            first.rect = pygame.Rect(left, y, button_width, button_height)
            second.rect = pygame.Rect(
                left + button_width + metrics.gap, y, button_width, button_height
            )
            y += button_height + metrics.gap
        if compact:  # the teacher's tools side by side, Quit still last on the right
            third = (grid - 2 * metrics.gap) // 3
            for i, button in enumerate((self.class_button, self.studio_button, self.quit_button)):
                button.rect = pygame.Rect(left + i * (third + metrics.gap), y, third, button_height)
            return
        # Quit last, alone, under everything else
        self.quit_button.rect = pygame.Rect(0, 0, button_width, button_height)
        self.quit_button.rect.midtop = (width // 2, y)

    def _tagline(self) -> pygame.Surface:
        """The tagline, on two lines when large text needs them."""
        metrics = self._metrics
        assets = self.app.services.assets
        box = (self._tagline_width, 2 * assets.font(metrics.body_size).get_linesize())
        muted = self.app.look.palette.text_muted
        tagline = self.app.translator.gettext(TAGLINE)
        return assets.fit_text(tagline, metrics.body_size, metrics.small_size, muted, box)

    def _status_rect(self) -> pygame.Rect:
        metrics = self._metrics
        text = self.app.services.assets.text(
            self.status or " ", metrics.body_size, self.app.look.palette.accent, bold=True
        )
        return text.get_rect(center=self._status_pos)

    def _notice_text(self, width: int) -> pygame.Surface:
        metrics = self._metrics
        return self.app.services.assets.text(
            self.notice, metrics.small_size, self.app.look.palette.text, bold=True, wrap=width
        )

    def _studio_lines(self, width: int) -> list[pygame.Surface]:
        """The studio's notice, ``width`` pixels wide at most: its sentence, then the address
        on a line of its own; where room is tight (large text in a low window), the address
        alone in the game's name's place, or the sentence in the smallest type."""
        metrics = self._metrics
        colour = self.app.look.palette.text
        assets = self.app.services.assets
        sentence, address = self.studio_notice
        if self._tight_notice:
            if address:  # the address alone, on one line, large enough to be typed
                return [self._tight_address(address, width)]
            return [assets.text(sentence, metrics.tiny_size, colour, bold=True, wrap=width)]
        lines = [assets.text(sentence, metrics.body_size, colour, bold=True, wrap=width)]
        return [*lines, self._studio_address(width)] if address else lines

    def _tight_address(self, address: str, width: int) -> pygame.Surface:
        """The address on one line ``width`` pixels wide at most: the small size, or smaller
        down to the least type a screen reads (wrapped only below that)."""
        metrics = self._metrics
        assets = self.app.services.assets
        colour = self.app.look.palette.text
        size, least = metrics.small_size, metrics.type_size(14)
        while size > least and assets.font(size, True).size(address)[0] > width:
            size = max(least, int(size * 0.92))
        return assets.text(address, size, colour, bold=True, wrap=width)

    def _studio_address(self, width: int) -> pygame.Surface:
        """The address, as large as fits one line (to be read from the back of a class and
        typed), else wrapped at the small size."""
        metrics = self._metrics
        assets = self.app.services.assets
        address = self.studio_notice[1]
        colour = self.app.look.palette.text
        for size in (metrics.heading_size, metrics.body_size, metrics.small_size):
            if assets.font(size, True).size(address)[0] <= width:
                return assets.text(address, size, colour, bold=True)
        return assets.text(address, metrics.small_size, colour, bold=True, wrap=width)

    def resume(self) -> None:
        # back from choosing a player (or from a round): the name shown may have changed
        self.layout(self.app.size)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            handle_key(self, TITLE_KEYS, event)  # keys do only what the table says
            return
        self.focus.handle_event(event)

    def update(self, dt: float) -> None:
        self._follow_studio()
        if not self.app.look.reduced_motion:  # with reduced motion the mosaic stands still
            self.mosaic.update(dt)
        if self._saving and not self._session_open and self.app.frame >= 1:
            self._open_session()

    def _open_session(self) -> None:
        """Open the store after the first frame, once its code is imported in the background."""
        services = self.app.services
        if not services.session_ready():
            return
        self._session_open = True
        if not services.session.has_saved_data:  # opens the store
            # nothing saved to show: only the entries that work stay
            self._saving = False
            self.focus.set(self._buttons())
        self.layout(self.app.size)

    def draw(self, surface: pygame.Surface) -> None:
        metrics = self._metrics
        assets = self.app.services.assets
        look = self.app.look
        palette = look.palette
        self._backdrop.draw(surface, palette)
        self.mosaic.draw(surface, metrics, look)

        if not self._hide_name:  # else the studio's address has its place
            name = assets.text(GAME_NAME, self._name_size, palette.text, bold=True)
            shadow = assets.decoration(GAME_NAME, self._name_size, palette.text_dark, bold=True)
            rect = name.get_rect(center=self._name_pos)
            offset = max(2, metrics.px(0.35))
            surface.blit(shadow, rect.move(offset, offset))
            surface.blit(name, rect)
        if self._show_tagline:
            tagline = self._tagline()
            surface.blit(tagline, tagline.get_rect(center=self._tagline_pos))
        if self.notice:
            draw_panel(
                surface, self._notice_panel, metrics, palette.shaded(palette.wrong), palette.wrong
            )
            pad = metrics.px(1.0)
            text = self._notice_text(self._notice_panel.width - 2 * pad)
            surface.blit(text, text.get_rect(center=self._notice_panel.center))
        if self.studio_notice[0]:
            failed = self._studio_shown.phase is Phase.FAILED
            tone = palette.wrong if failed else palette.accent
            draw_panel(surface, self._studio_panel, metrics, palette.shaded(tone), tone)
            pad = metrics.px(1.0)
            y = self._studio_panel.top + pad
            for line in self._studio_lines(self._studio_panel.width - 2 * pad):
                surface.blit(line, line.get_rect(midtop=(self._studio_panel.centerx, y)))
                y += line.get_height()
        if self.status:
            status = assets.text(self.status, metrics.body_size, palette.accent, bold=True)
            surface.blit(status, status.get_rect(center=self._status_pos))

        for i, button in enumerate(self.focus.buttons):
            size = metrics.heading_size if button is self.play_button or not self._saving else None
            button.draw(
                surface,
                assets,
                metrics,
                focused=i == self.focus.index,
                hovered=i == self.focus.hover,
                size=size,
            )
        draw_key_hints(surface, HINTS, assets, metrics, self._hints_area)
