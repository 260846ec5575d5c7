"""The class game's results: the whole picture, the teams ranked, their points and trophies.

Receives the finished game as values (``summary``: the :class:`ClassSummary`, ``trophies``:
each team's per-round trophies, ``medals``, ``saved``: what the store made of it, with
the lasting trophies each member newly earned). Places follow
:meth:`ClassSummary.places` (equal scores share a place). Enter (or P) plays the next
picture of the pack with the same teams and buzzers; T or Esc goes back to the title.
"""

from __future__ import annotations

import dataclasses
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
from clarity.ui.emblems import draw_emblem
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.keys import Letter
from clarity.ui.scene import Scene
from clarity.ui.scenes.results import breakdown_rows
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
BINDINGS: tuple[Binding, ...] = (PLAY_AGAIN, TITLE)


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
        self._rows: list[pygame.Rect] = []
        self._emblems: list[tuple[int, tuple[int, int], float]] = []
        self._picture: tuple[pygame.Surface, pygame.Rect] | None = None
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._words: dict[str, str] = {}

    # -- reading --------------------------------------------------------------------------

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        return {name: rect.copy() for name, rect in self._boxes.items()}

    def shown_texts(self) -> dict[str, str]:
        """What the screen says, by name (heading, team_1..., the notice)."""
        return dict(self._words)

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

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            handle_key(self, BINDINGS, event)
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
        self._rows = []
        self._emblems = []
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
        picture_w = round(content.width * 0.36)
        answer_h = 2 * assets.font(metrics.body_size, True).get_linesize()
        picture_box = pygame.Rect(
            content.x, content.y, picture_w, max(1, content.height - answer_h - gap)
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

        teams_area = pygame.Rect(
            content.x + picture_w + gap, content.y, content.width - picture_w - gap, content.height
        )
        count = len(self.ranking)
        row_gap = metrics.px(0.6)
        row_h = (teams_area.height - (count - 1) * row_gap) // count
        pad = metrics.px(0.6)
        for rank, team in enumerate(self.ranking):
            row = pygame.Rect(
                teams_area.x, teams_area.y + rank * (row_h + row_gap), teams_area.width, row_h
            )
            self._rows.append(row)
            inner = row.inflate(-2 * pad, -2 * pad)
            head, breakdown, trophies = self.team_lines(team, t)
            line = assets.font(metrics.body_size, True).get_linesize()
            radius = line * 0.4
            self._emblems.append(
                (
                    self.setup.teams[team].emblem,
                    (round(inner.x + radius), inner.y + line // 2),
                    radius,
                )
            )
            head_x = round(inner.x + 2 * radius + metrics.px(0.6))
            share = max(1, inner.height // 3)
            emblem_colour = self.app.look.team(self.setup.teams[team].emblem).colour
            place(
                f"team_{team + 1}",
                head,
                (metrics.body_size, metrics.tiny_size),
                emblem_colour,
                pygame.Rect(head_x, inner.y, inner.right - head_x, share),
                bold=True,
            )
            place(
                f"team_{team + 1}_points",
                breakdown,
                (metrics.small_size, metrics.tiny_size),
                palette.text,
                pygame.Rect(inner.x, inner.y + share, inner.width, share),
            )
            place(
                f"team_{team + 1}_trophies",
                trophies,
                (metrics.small_size, metrics.tiny_size),
                palette.text_muted,
                pygame.Rect(inner.x, inner.y + 2 * share, inner.width, inner.height - 2 * share),
            )
        self._boxes = boxes
        self._words = words

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.look.palette
        assets = self.app.services.assets
        metrics = self._metrics
        Backdrop().draw(surface, palette)
        for row in self._rows:
            draw_panel(surface, row, metrics, palette.panel, palette.panel_edge)
        for emblem, centre, radius in self._emblems:
            draw_emblem(surface, self.app.look, emblem, centre, radius)
        if self._picture is not None:
            picture, rect = self._picture
            surface.blit(picture, rect)
        for text, rect in self._texts:
            surface.blit(text, rect, pygame.Rect(0, 0, *rect.size))
        for button in (self.play_button, self.title_button):
            self.focus.draw_button(surface, button, assets, metrics)
        draw_key_hints(surface, key_hints(BINDINGS), assets, metrics, self._hints_area)
