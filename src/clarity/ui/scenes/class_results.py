"""The class game's results: the whole picture, the teams ranked, their points and trophies.

Receives the finished game as values (``summary``: the :class:`ClassSummary`, ``trophies``:
each team's per-round trophies, ``medals``, ``saved``: what the store made of it, with
the lasting trophies each member newly earned). Places follow
:meth:`ClassSummary.places` (equal scores share a place). Enter (or P) plays the next
picture of the pack with the same teams and buzzers; T or Esc goes back to the title.

The first place has a cup beside its emblem. A medal is not a place: it is the team's
points against the most it could have scored by the end with its own questions and its
picture guess (the solo round's rule, :mod:`clarity.core.trophies`), so a line under the
picture says so when any team has one. The rows' text is as large as the room allows: two
or three teams on a projector read from the back of the room, and six are all in view
(in two columns) at the default text size.
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
#: More teams than this take two columns when one would not hold them all in view.
TEAMS_IN_ONE_COLUMN = 3
#: The picture's share of the width (at the standard text size), and the smaller shares
#: it gives way to while more teams than one column holds are not all in view.
PICTURE_SHARE = 0.36
MANY_TEAMS_PICTURE_SHARES = (0.28, 0.2)


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

        # the picture on the left, its answer under it; the teams on the right, laid out
        # first: larger text leaves the picture less of the width (the teams' lines need
        # it), and so do more teams than one column holds
        plans = self._plans()
        for number, (share, tries) in enumerate(plans):
            picture_w = round(content.width * share / math.sqrt(metrics.text_scale))
            self._list_view = pygame.Rect(
                content.x + picture_w + gap,
                content.y,
                content.width - picture_w - gap,
                content.height,
            )
            if self._layout_teams(t, tries, last=number == len(plans) - 1):
                break
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
                    picture_box.width / image.get_width(),
                    picture_box.height / image.get_height(),
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
                t.gettext("Medals: each team's points against the most it could have scored"),
                (metrics.small_size, metrics.tiny_size),
                palette.text_muted,
                medals_box,
            )
        self._boxes = boxes
        self._words = words

    def _plans(self) -> list[tuple[float, list[tuple[int, int, int]]]]:
        """The picture's share of the width and the teams' rows to try with it, in order:
        each row's ``(columns, head size, text size)``. The largest sizes at which every
        row is in view come first (a few teams on a projector); more than three teams take
        two columns, then a narrower picture, before their texts get smaller, at last a
        compact row (the head at the small size, the rest at the tiny one) in two columns,
        then (five or six teams) in three; else, taller together than the view (large
        text), one column at the body and small sizes scrolls (↑ ↓, PageUp, PageDown, the
        wheel)."""
        metrics = self._metrics
        heading, body, small = metrics.heading_size, metrics.body_size, metrics.small_size
        one = [(1, heading, body), (1, body, body)]
        scrolling = [(1, body, small)]
        if len(self.ranking) <= TEAMS_IN_ONE_COLUMN:
            return [(PICTURE_SHARE, one + scrolling)]
        two = [(2, heading, body), (2, body, body), (2, body, small)]
        tiny = metrics.tiny_size
        # three columns only where each holds two teams (five or six)
        three_columns = len(self.ranking) > 2 * 2
        narrower = MANY_TEAMS_PICTURE_SHARES
        return [
            (PICTURE_SHARE, one + two),
            *((share, two) for share in narrower),
            (narrower[-1], [(2, small, tiny)]),
            *([(narrower[-1], [(3, body, small), (3, small, tiny)])] if three_columns else []),
            (PICTURE_SHARE, scrolling),
        ]

    def _layout_teams(self, t: Translator, tries: list[tuple[int, int, int]], last: bool) -> bool:
        """The teams' rows at the first of ``tries`` that has them all in view (measured
        before they are drawn); the ``last`` plan lays its last try even if it does not
        (the list scrolls). Whether they are all in view."""
        room = self._list_view.height
        for columns, head_size, text_size in tries:
            if self._lay_rows(t, head_size, text_size, columns, draw=False) <= room:
                self._lay_rows(t, head_size, text_size, columns)
                return True
        if last:
            columns, head_size, text_size = tries[-1]
            self._lay_rows(t, head_size, text_size, columns)
        return False

    def _lay_rows(
        self, t: Translator, head_size: int, text_size: int, columns: int, *, draw: bool = True
    ) -> int:
        """The teams' rows with their head at ``head_size`` and the rest at ``text_size``,
        in ``columns`` columns (the first ones fuller); returns the tallest column's
        height, in pixels. Not ``draw``: only measured (nothing rendered or kept)."""
        metrics = self._metrics
        assets = self.app.services.assets
        palette = self.app.look.palette
        view = self._list_view
        row_gap = metrics.px(0.6)
        pad = metrics.px(0.6)
        line = assets.font(head_size, True).get_linesize()
        radius = line * 0.4
        bar = metrics.px(1.0)  # room for the scrollbar
        column_w = (view.width - bar - (columns - 1) * row_gap) // columns
        width = column_w - 2 * pad
        per_column = math.ceil(len(self.ranking) / columns)
        items: list[tuple[str, str, pygame.Surface, pygame.Rect]] = []
        team_rows: list[tuple[pygame.Rect, int, float, int, bool]] = []
        height = 0
        for index, team in enumerate(self.ranking):
            column, slot = divmod(index, per_column)
            if slot == 0:
                y = 0
            left = view.x + column * (column_w + row_gap)
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
                wrap = max(1, width - indent)
                if draw:
                    surface = assets.text(words, size, colour, bold=bold, wrap=wrap)
                    rect = surface.get_rect(topleft=(left + pad + indent, view.y + y))
                    items.append((name, words, surface, rect))
                else:
                    measured = assets.fitter.measure(words, size, wrap, bold=bold)
                    rect = pygame.Rect((left + pad + indent, view.y + y), measured)
                y = rect.bottom - view.y + metrics.px(0.3)
            y += pad
            row = pygame.Rect(left, view.y + top, column_w, y - top)
            first = self.places[team] == 1
            team_rows.append((row, emblem, radius, line, first))
            height = max(height, y)
            y += row_gap
        if draw:
            self._items, self._team_rows = items, team_rows
            self.scroller.set(view, height)
        return height

    @property
    def list_view(self) -> pygame.Rect:
        """Where the teams' list is drawn (it scrolls inside it)."""
        return self._list_view.copy()

    def row_boxes(self) -> dict[str, pygame.Rect]:
        """Each team's row (``row_1`` for the first team of the setup) wholly in view now,
        where it is drawn."""
        shift = self._shift()
        boxes = {}
        for team, (row, *_rest) in zip(self.ranking, self._team_rows, strict=True):
            moved = row.move(0, shift)
            if self._list_view.contains(moved):
                boxes[f"row_{team + 1}"] = moved
        return boxes

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
