"""The class game's results: the whole picture, the teams ranked, their points and trophies.

Receives the finished game as values (``summary``: the :class:`ClassSummary`, ``trophies``:
each team's per-round trophies, ``medals``, ``saved``: what the store made of it, with
the lasting trophies each member newly earned). Places follow
:meth:`ClassSummary.places` (equal scores share a place). Enter (or P) plays the next
picture of the pack with the same teams and buzzers; T or Esc goes back to the title.

The first place has a cup beside its emblem. A medal is not a place: it says how well
the team played its own questions (as a solo round's medal does), so a line under the
list says so when any team has one. The rows' text is as large as the room allows: two
or three teams on a projector read from the back of the room.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pygame

from clarity.core.events import ClassSummary, TrophyEarned
from clarity.core.messages import N_
from clarity.core.trophies import Tier
from clarity.ui import keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, handle_key, key_hints
from clarity.ui.breakdown import breakdown_rows
from clarity.ui.emblems import draw_emblem
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.keys import Letter
from clarity.ui.menu_frame import Scroller
from clarity.ui.scene import Scene
from clarity.ui.table import medal_name
from clarity.ui.theme import Colour
from clarity.ui.widgets import FocusGroup, draw_panel, main_button, plain_button

if TYPE_CHECKING:
    from clarity.class_progress import ClassGameSaved
    from clarity.core.packs.loader import LoadedPack
    from clarity.core.teams import ClassGameSetup
    from clarity.i18n import Translator
    from clarity.ui.app import App
    from clarity.ui.buzzers import BuzzerInput

PLAY_AGAIN = Binding(
    "play_again", (keys.ENTER, Letter("P")), N_("play the next picture"), "Enter / P"
)
TITLE = Binding("to_title", (Letter("T"), keys.ESCAPE), N_("title"), "T / Esc")
SCROLL_ROWS: tuple[Binding, ...] = (
    Binding("scroll", (keys.PAGE_DOWN, keys.DOWN), N_("scroll"), "PgUp PgDn", (1,), repeats=True),
    Binding("scroll", (keys.PAGE_UP, keys.UP), N_("scroll"), args=(-1,), repeats=True),
)
BINDINGS: tuple[Binding, ...] = (PLAY_AGAIN, TITLE, *SCROLL_ROWS)


class ClassResultsScene(Scene):
    """The results of a class game (see the module)."""

    name = "class-results"

    def __init__(
        self,
        app: App,
        loaded: LoadedPack,
        *,
        setup: ClassGameSetup,
        summary: ClassSummary,
        trophies: Sequence[list[TrophyEarned]],
        saved: ClassGameSaved,
        medals: Sequence[Tier | None] | None = None,
        buzzers: BuzzerInput | None = None,
    ) -> None:
        super().__init__(app)
        self.loaded = loaded
        self.setup = setup
        self.summary = summary
        self.trophies = tuple(trophies)
        self.medals = tuple(medals) if medals is not None else (None,) * len(setup.teams)
        self.saved = saved
        self.buzzers = buzzers
        self.places = summary.places()
        self.ranking = summary.ranking()
        self.play_button = main_button("", self.play_again, "Enter")
        self.title_button = plain_button("", self.to_title, "Esc")
        self.focus = FocusGroup([self.play_button, self.title_button], ring=False)
        self._metrics = app.look.metrics(app.options.size)
        self._boxes: dict[str, pygame.Rect] = {}
        self._texts: list[tuple[pygame.Surface, pygame.Rect]] = []
        self.scroller = Scroller()
        self._list_view = pygame.Rect(0, 0, 0, 0)
        #: the teams' texts: name, words, rendered, where (in the list not scrolled)
        self._items: list[tuple[str, str, pygame.Surface, pygame.Rect]] = []
        #: each team's row: its panel, emblem, the emblem's radius, the head's line height,
        #: and whether it has the first place's cup
        self._team_rows: list[tuple[pygame.Rect, int, float, int, bool]] = []
        self._picture: tuple[pygame.Surface, pygame.Rect] | None = None
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._words: dict[str, str] = {}

    # -- reading --------------------------------------------------------------------------

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        """What is on screen by name (the teams' texts in view), for the layout tests."""
        boxes = {name: rect.copy() for name, rect in self._boxes.items()}
        return boxes | self.list_boxes()

    def shown_texts(self) -> dict[str, str]:
        """What the screen says, by name (heading, team_1..., the notice)."""
        return self._words | {name: words for name, words, _s, _r in self._items}

    def team_lines(self, team: int, t: Translator) -> tuple[str, str, str]:
        """Team ``team``'s row: its place and name with score and medal, its points taken
        apart, and its trophies (with its members' lasting ones)."""
        summary = self.summary.contestants[team]
        name = self.setup.teams[team].name
        medal = self.medals[team]
        medal_words = medal_name(medal.value, t) if medal is not None else ""
        # Translators: a team's line in the class results: its place (1 for the first),
        # its name, its score in points
        head = t.ngettext(
            "{place}. {team}: {count} point",
            "{place}. {team}: {count} points",
            summary.score,
            place=self.places[team],
            team=name,
        )
        if medal_words:
            head = f"{head}  ·  {medal_words}"
        parts = [
            t.gettext("{label}: {points}", label=row.label, points=row.points)
            for row in breakdown_rows(summary, t)
        ]
        breakdown = "  ·  ".join(parts)
        won = [t.gettext(earned.name) for earned in self.trophies[team]]
        lasting = []
        for member in self.setup.teams[team].members:
            earned = self.saved.lasting.get(member, [])
            if earned:
                member_name = self.saved.members.get(member, "")
                lasting.append(
                    # Translators: a team member and the lasting trophies they newly earned
                    t.gettext(
                        "{player}: {trophies}",
                        player=member_name,
                        trophies=t.join([t.gettext(e.name) for e in earned]),
                    )
                )
        if won:
            trophies = t.gettext("Trophies: {trophies}", trophies=t.join(won))
        else:
            trophies = t.gettext("No trophies this time")
        if lasting:
            trophies = "  ·  ".join([trophies, *lasting])
        return head, breakdown, trophies

    # -- actions --------------------------------------------------------------------------

    def play_again(self) -> None:
        """The same teams and buzzers on the pack's next picture."""
        if self.buzzers is None or self.loaded.pack is None:
            self.to_title()
            return
        pictures = len(self.loaded.pack.rounds)
        setup = dataclasses.replace(
            self.setup,
            mystery_index=(self.setup.mystery_index + 1) % pictures,
            seed=random.SystemRandom().randrange(2**31),
        )
        self.app.screens.replace(
            "class-play", loaded=self.loaded, setup=setup, buzzers=self.buzzers, snapshot=None
        )

    def to_title(self) -> None:
        self.app.screens.reset("title")

    # -- the scene ------------------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        """The keys now: scrolling only while the teams' list is taller than its view."""
        return BINDINGS if self.scroller.max_offset > 0 else (PLAY_AGAIN, TITLE)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            handle_key(self, self.bindings(), event)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroller.handle_event(event, self._metrics)
        elif event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONUP):
            self.focus.handle_event(event)

    def layout(self, size: tuple[int, int]) -> None:
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        palette = self.app.look.palette
        t = self.app.translator
        width, height = size
        margin = metrics.margin
        gap = metrics.gap
        self._texts = []
        boxes: dict[str, pygame.Rect] = {}
        words: dict[str, str] = {}

        def place(
            name: str,
            text: str,
            sizes: tuple[int, int],
            colour: Colour,
            box: pygame.Rect,
            *,
            bold: bool = False,
        ) -> pygame.Rect:
            surface = assets.fit_text(text, *sizes, colour, box.size, bold=bold)
            rect = surface.get_rect(topleft=box.topleft)
            rect.width = min(rect.width, box.width)
            rect.height = min(rect.height, box.height)
            self._texts.append((surface, rect))
            boxes[name] = rect.copy()
            words[name] = text
            return rect

        hints = key_hints(BINDINGS)
        hints_h = key_hints_height(hints, assets, metrics, width - 2 * margin)
        self._hints_area = pygame.Rect(
            margin, height - hints_h - metrics.px(0.6), width - 2 * margin, hints_h
        )
        boxes["hints"] = self._hints_area.copy()
        self.play_button.label = t.gettext("Next picture")
        self.title_button.label = t.gettext("Title")
        button_h = max(
            metrics.px(4.8), assets.font(metrics.body_size, True).get_linesize() + metrics.px(1.0)
        )
        buttons_top = self._hints_area.top - gap - button_h
        half = (width - 2 * margin - gap) // 2
        self.play_button.rect = pygame.Rect(margin, buttons_top, half, button_h)
        self.title_button.rect = pygame.Rect(margin + half + gap, buttons_top, half, button_h)
        boxes["play_again"] = self.play_button.rect.copy()
        boxes["title"] = self.title_button.rect.copy()

        guessed = self.summary.guessed_by
        if guessed is not None:
            heading = t.gettext("{team} guessed it!", team=self.setup.teams[guessed].name)
        else:
            heading = t.gettext("The mystery image was…")
        top = metrics.px(1.2)
        heading_box = pygame.Rect(
            margin,
            top,
            width - 2 * margin,
            assets.font(metrics.heading_size, True).get_linesize() * 2,
        )
        heading_rect = place(
            "heading",
            heading,
            (metrics.heading_size, metrics.body_size),
            palette.right if guessed is not None else palette.accent,
            heading_box,
            bold=True,
        )
        y = heading_rect.bottom + gap
        notice_h = 0
        if self.saved.notice is not None:
            notice_h = 2 * assets.font(metrics.small_size).get_linesize()
            notice_box = pygame.Rect(
                margin, buttons_top - gap - notice_h, width - 2 * margin, notice_h
            )
            place(
                "notice",
                t.render(self.saved.notice),
                (metrics.small_size, metrics.tiny_size),
                palette.text_muted,
                notice_box,
            )
            notice_h += gap
        bottom = buttons_top - gap - notice_h
        content = pygame.Rect(margin, y, width - 2 * margin, max(1, bottom - y))

        # the picture on the left, its answer under it; the teams on the right
        # larger text leaves the picture less of the width: the teams' lines need it
        picture_w = round(content.width * 0.36 / math.sqrt(metrics.text_scale))
        answer_h = 2 * assets.font(metrics.body_size, True).get_linesize()
        medals_h = 0
        if any(medal is not None for medal in self.medals):
            medals_h = 3 * assets.font(metrics.small_size).get_linesize() + gap
        picture_box = pygame.Rect(
            content.x, content.y, picture_w, max(1, content.height - answer_h - gap - medals_h)
        )
        self._picture = None
        path = (
            self.loaded.images.get(self.loaded.pack.rounds[self.setup.mystery_index].image)
            if self.loaded.pack
            else None
        )
        if path is not None:
            try:
                image = assets.image(path)
            except (pygame.error, FileNotFoundError):
                image = None
            if image is not None and image.get_height() and picture_box.height > 0:
                scale = min(
                    picture_box.width / image.get_width(), picture_box.height / image.get_height()
                )
                shown = (
                    max(1, round(image.get_width() * scale)),
                    max(1, round(image.get_height() * scale)),
                )
                rect = pygame.Rect((0, 0), shown)
                rect.midtop = picture_box.midtop
                self._picture = (assets.scaled(path, shown), rect)
                boxes["picture"] = rect.copy()
                picture_box = rect
        answer_box = pygame.Rect(content.x, picture_box.bottom + gap, picture_w, answer_h)
        place(
            "answer",
            self.summary.mystery_answer,
            (metrics.heading_size, metrics.small_size),
            palette.text,
            answer_box,
            bold=True,
        )
        if any(medal is not None for medal in self.medals):
            # a medal beside a place reads as the place's: say what it is for, under the
            # picture's answer (the teams keep the list's whole height)
            medals_box = pygame.Rect(
                content.x,
                answer_box.bottom + gap,
                picture_w,
                content.bottom - answer_box.bottom - gap,
            )
            place(
                "medals",
                # Translators: under the class results: a team's medal is not its place
                t.gettext("Medals: how well each team played its questions"),
                (metrics.small_size, metrics.tiny_size),
                palette.text_muted,
                medals_box,
            )

        self._list_view = pygame.Rect(
            content.x + picture_w + gap, content.y, content.width - picture_w - gap, content.height
        )
        self._layout_teams(t)
        self._boxes = boxes
        self._words = words

    def _layout_teams(self, t: Translator) -> None:
        """The teams' rows, each as tall as its texts need at their sizes: the largest
        sizes at which every row is in view (a few teams on a projector), else the body
        and small sizes, and then, taller together than the view, the list scrolls (↑ ↓,
        PageUp, PageDown, the wheel)."""
        metrics = self._metrics
        sizes = (
            (metrics.heading_size, metrics.body_size),
            (metrics.body_size, metrics.body_size),
            (metrics.body_size, metrics.small_size),
        )
        for head_size, text_size in sizes:
            if self._lay_rows(t, head_size, text_size) <= self._list_view.height:
                return

    def _lay_rows(self, t: Translator, head_size: int, text_size: int) -> int:
        """The teams' rows with their head at ``head_size`` and the rest at ``text_size``;
        returns their height together, in pixels."""
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        view = self._list_view
        row_gap = metrics.px(0.6)
        pad = metrics.px(0.6)
        line = assets.font(head_size, True).get_linesize()
        radius = line * 0.4
        width = view.width - 2 * pad - metrics.px(1.0)  # room for the scrollbar
        y = 0
        self._items = []
        self._team_rows = []
        for team in self.ranking:
            head, breakdown, trophies = self.team_lines(team, t)
            emblem = self.setup.teams[team].emblem
            # the emblem, then the first place's cup (its room kept on every row: the
            # names line up)
            head_x = round(4.6 * radius + 2 * metrics.px(0.6))
            texts = (
                (
                    f"team_{team + 1}",
                    head,
                    head_size,
                    self.app.look.team(emblem).colour,
                    True,
                    head_x,
                ),
                (f"team_{team + 1}_points", breakdown, text_size, palette.text, False, 0),
                (f"team_{team + 1}_trophies", trophies, text_size, palette.text_muted, False, 0),
            )
            top = y
            y += pad
            for name, words, size, colour, bold, indent in texts:
                surface = assets.text(words, size, colour, bold=bold, wrap=max(1, width - indent))
                rect = surface.get_rect(topleft=(view.x + pad + indent, view.y + y))
                self._items.append((name, words, surface, rect))
                y = rect.bottom - view.y + metrics.px(0.3)
            y += pad
            row = pygame.Rect(view.x, view.y + top, view.width - metrics.px(1.0), y - top)
            first = self.places[team] == 1
            self._team_rows.append((row, emblem, radius, line, first))
            y += row_gap
        height = max(0, y - row_gap)
        self.scroller.set(view, height)
        return height

    @property
    def crowned(self) -> tuple[int, ...]:
        """The teams (0-based) whose rows have the first place's cup."""
        return tuple(team for team in self.ranking if self.places[team] == 1)

    def _shift(self) -> int:
        return -round(self.scroller.offset)

    def list_boxes(self) -> dict[str, pygame.Rect]:
        """The texts of the teams' list wholly in view now, where they are drawn."""
        shift = self._shift()
        boxes = {}
        for name, _words, _surface, rect in self._items:
            moved = rect.move(0, shift)
            if self._list_view.contains(moved):
                boxes[name] = moved
        return boxes

    def scroll(self, direction: int) -> None:
        self.scroller.page(direction)

    def update(self, dt: float) -> None:
        self.scroller.update(dt, glide=not self.app.look.reduced_motion)

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.look.palette
        assets = self.app.services.assets
        metrics = self._metrics
        Backdrop().draw(surface, palette)
        shift = self._shift()
        previous = surface.get_clip()
        surface.set_clip(self._list_view.clip(previous))
        for row, emblem, radius, line, first in self._team_rows:
            moved = row.move(0, shift)
            draw_panel(surface, moved, metrics, palette.panel, palette.panel_edge)
            pad = metrics.px(0.6)
            centre = (moved.x + pad + radius, moved.y + pad + line / 2)
            draw_emblem(surface, self.app.look, emblem, centre, radius)
            if first:
                cup = (centre[0] + 2 * radius + metrics.px(0.6), centre[1])
                draw_cup(surface, self.app.look.tier("gold"), cup, radius)
        for _name, _words, text, rect in self._items:
            surface.blit(text, rect.move(0, shift))
        surface.set_clip(previous)
        self.scroller.draw_bar(surface, metrics, palette)
        if self._picture is not None:
            picture, rect = self._picture
            surface.blit(picture, rect)
        for text, rect in self._texts:
            surface.blit(text, rect, pygame.Rect(0, 0, *rect.size))
        # the buttons of a row read as one: their labels at one size
        shared = self.focus.label_size(assets, metrics, metrics.body_size)
        for button in (self.play_button, self.title_button):
            self.focus.draw_button(surface, button, assets, metrics, shared)
        draw_key_hints(surface, key_hints(self.bindings()), assets, metrics, self._hints_area)


def draw_cup(
    surface: pygame.Surface, colour: Colour, centre: tuple[float, float], radius: float
) -> None:
    """The first place's cup, ``radius`` pixels from ``centre`` to its rim's ends: a bowl
    with its handles on a stem and a foot."""
    x, y = centre
    r = radius
    bowl = [(x - r, y - r), (x + r, y - r), (x + 0.55 * r, y + 0.2 * r)]
    bowl.append((x - 0.55 * r, y + 0.2 * r))
    pygame.draw.polygon(surface, colour, [(round(a), round(b)) for a, b in bowl])
    width = max(2, round(r * 0.18))
    for side in (-1, 1):
        handle = pygame.Rect(0, 0, round(r * 0.7), round(r * 0.8))
        handle.center = (round(x + side * r * 0.95), round(y - r * 0.5))
        pygame.draw.ellipse(surface, colour, handle, width)
    stem = pygame.Rect(0, 0, max(2, round(r * 0.3)), round(r * 0.5))
    stem.midtop = (round(x), round(y + 0.2 * r))
    pygame.draw.rect(surface, colour, stem)
    foot = pygame.Rect(0, 0, round(r * 1.2), max(2, round(r * 0.3)))
    foot.midtop = stem.midbottom
    pygame.draw.rect(surface, colour, foot)
