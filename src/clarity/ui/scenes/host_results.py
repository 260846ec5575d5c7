"""The end of a class game on students' devices, on the projector: the picture whole, its
answer and the pack's caption for it (the fact the round was leading to), who guessed it
first, the podium (the first three, with medals), everybody else in a list that scrolls,
and the line that says where the game was saved.

Enter (or Esc) goes back to the title; the server stops then (the devices have their own
podium already).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.backdrop import Backdrop
from clarity.ui.bindings import Binding, handle_key, key_hints
from clarity.ui.hints import draw_key_hints, key_hints_height
from clarity.ui.host_view.hosting import HostedScene, Hosting
from clarity.ui.host_view.podium import Podium
from clarity.ui.host_view.texts import Texts
from clarity.ui.menu_frame import Scroller

if TYPE_CHECKING:
    from clarity.ui.app import App

TITLE = Binding("to_title", (keys.ENTER, keys.ESCAPE), N_("title"), "Enter")
SCROLL_ROWS: tuple[Binding, ...] = (
    Binding("scroll", (keys.PAGE_DOWN, keys.DOWN), N_("scroll"), "PgUp PgDn", (1,), repeats=True),
    Binding("scroll", (keys.PAGE_UP, keys.UP), N_("scroll"), args=(-1,), repeats=True),
)
#: Of the width, the picture's column.
PICTURE_SHARE = 0.4
#: On the podium.
PODIUM_PLACES = 3


class HostResultsScene(HostedScene):
    """The results of a hosted game (see the module)."""

    name = "host-results"

    def __init__(self, app: App, hosting: Hosting) -> None:
        super().__init__(app, hosting)
        self.podium = Podium()
        self.scroller = Scroller()
        self._texts = Texts(app.services.assets)
        self._metrics = app.look.metrics(app.options.size)
        self._size = app.options.size
        self._picture: tuple[pygame.Surface, pygame.Rect] | None = None
        self._list_view = pygame.Rect(0, 0, 0, 0)
        self._items: list[tuple[str, str, pygame.Surface, pygame.Rect]] = []
        self._hints_area = pygame.Rect(0, 0, 0, 0)
        self._backdrop = Backdrop()

    # -- reading ------------------------------------------------------------------------

    def bindings(self) -> tuple[Binding, ...]:
        return (TITLE, *SCROLL_ROWS) if self.scroller.max_offset > 0 else (TITLE,)

    def layout_boxes(self) -> dict[str, pygame.Rect]:
        boxes = dict(self._texts.boxes) | {"hints": self._hints_area.copy()}
        if self._picture is not None:
            boxes["picture"] = self._picture[1].copy()
        shift = -round(self.scroller.offset)
        for name, _words, _surface, rect in self._items:
            moved = rect.move(0, shift)
            if self._list_view.contains(moved):
                boxes[name] = moved
        return boxes

    def shown_texts(self) -> dict[str, str]:
        return dict(self._texts.words) | {name: words for name, words, _s, _r in self._items}

    # -- actions ------------------------------------------------------------------------

    def to_title(self) -> None:
        self.end_hosting()

    def scroll(self, direction: int) -> None:
        self.scroller.page(direction)

    # -- the scene ----------------------------------------------------------------------

    def view_changed(self) -> None:
        self.layout(self._size)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            handle_key(self, self.bindings(), event)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroller.handle_event(event, self._metrics)

    def update(self, dt: float) -> None:
        self.scroller.update(dt, glide=not self.app.look.reduced_motion)
        super().update(dt)

    def layout(self, size: tuple[int, int]) -> None:
        self._size = size
        metrics = self._metrics = self.app.look.metrics(size)
        assets = self.app.services.assets
        palette = self.app.look.palette
        t = self.app.translator
        texts = self._texts = Texts(assets)
        self._items = []
        self._picture = None
        width, height = size
        margin, gap = metrics.margin, metrics.gap
        hints = key_hints((TITLE, *SCROLL_ROWS))
        hints_h = key_hints_height(hints, assets, metrics, width - 2 * margin)
        self._hints_area = pygame.Rect(
            margin, height - hints_h - metrics.px(0.6), width - 2 * margin, hints_h
        )
        bottom = self._hints_area.top - gap
        view = self.view
        if view is None:
            return
        if view.notice:
            notice_h = 2 * assets.font(metrics.small_size).get_linesize()
            texts.place(
                "notice",
                view.notice,
                (metrics.small_size, metrics.tiny_size),
                palette.text_muted,
                pygame.Rect(margin, bottom - notice_h, width - 2 * margin, notice_h),
                align="centre",
            )
            bottom -= notice_h + gap
        top = metrics.px(1.2)
        if view.first_guesser:
            heading = t.gettext("{name} guessed it first!", name=view.first_guesser)
        else:
            heading = t.gettext("Nobody guessed the picture")
        heading_h = assets.font(max(metrics.heading_size, metrics.px(4.4)), True).get_linesize()
        head = texts.place(
            "heading",
            heading,
            (max(metrics.heading_size, metrics.px(4.4)), metrics.body_size),
            palette.right if view.first_guesser else palette.accent,
            pygame.Rect(margin, top, width - 2 * margin, heading_h),
            bold=True,
            align="centre",
        )
        content = pygame.Rect(
            margin, head.bottom + gap, width - 2 * margin, max(1, bottom - head.bottom - gap)
        )

        # the picture, its answer and its caption on the left
        picture_w = round(content.width * PICTURE_SHARE)
        answer_h = 2 * assets.font(metrics.heading_size, True).get_linesize()
        loaded = self.hosting.loaded
        path = None
        caption = ""
        if loaded.pack is not None and view.mystery_index < len(loaded.pack.rounds):
            mystery = loaded.pack.rounds[view.mystery_index]
            path = loaded.images.get(mystery.image)
            caption = mystery.caption or ""
        # the caption as long as it needs at the body's size, up to a third of the column
        caption_h = 0
        if caption and view.mystery_answer:
            caption_h = min(
                texts.height(caption, metrics.body_size, picture_w),
                max(assets.font(metrics.small_size).get_linesize(), content.height // 3),
            )
        picture_box = pygame.Rect(
            content.x,
            content.y,
            picture_w,
            max(1, content.height - answer_h - gap - (caption_h + gap if caption_h else 0)),
        )
        if path is not None:
            try:
                image_w, image_h = assets.image_size(path)
                scale = min(picture_box.width / image_w, picture_box.height / image_h)
                shown = (max(1, round(image_w * scale)), max(1, round(image_h * scale)))
                rect = pygame.Rect((0, 0), shown)
                rect.midtop = picture_box.midtop
                self._picture = (assets.scaled(path, shown), rect)
                picture_box = rect
            except (pygame.error, FileNotFoundError, ZeroDivisionError):
                self._picture = None
        if view.mystery_answer:
            answer = texts.place(
                "answer",
                view.mystery_answer,
                (metrics.heading_size, metrics.body_size),
                palette.text,
                pygame.Rect(content.x, picture_box.bottom + gap, picture_w, answer_h),
                bold=True,
                align="centre",
            )
            if caption_h:
                texts.place(
                    "caption",
                    caption,
                    (metrics.body_size, metrics.tiny_size),
                    palette.text_muted,
                    pygame.Rect(content.x, answer.bottom + gap, picture_w, caption_h),
                    align="centre",
                )

        # the podium and the others on the right
        right = pygame.Rect(
            content.x + picture_w + 2 * gap,
            content.y,
            content.width - picture_w - 2 * gap,
            content.height,
        )
        # the podium holds places 1-3 (ties share them, so it may hold more than three);
        # everyone else comes from the standings, which hold the whole class
        top3 = (view.podium or view.standings)[:PODIUM_PLACES]
        on_podium = {line.student for line in top3}
        rest = [line for line in view.standings if line.student not in on_podium]
        podium_h = round(right.height * (0.62 if rest else 1.0))
        self.podium.layout(
            texts,
            metrics,
            pygame.Rect(right.x, right.y, right.width, podium_h),
            [(line.name, t.number(line.score), line.place) for line in top3],
            sizes=(metrics.heading_size, metrics.small_size),
            place_text=t.number,
        )
        self._list_view = pygame.Rect(
            right.x, right.y + podium_h + gap, right.width, max(0, right.height - podium_h - gap)
        )
        y = 0
        size = metrics.body_size
        for line in rest:
            words = t.ngettext(
                "{place}. {name}: {count} point",
                "{place}. {name}: {count} points",
                line.score,
                place=line.place,
                name=line.name,
            )
            surface = assets.text(
                words, size, palette.text, wrap=max(1, self._list_view.width - metrics.px(1.2))
            )
            rect = surface.get_rect(topleft=(self._list_view.x, self._list_view.y + y))
            self._items.append((f"rest_{line.place}_{line.student}", words, surface, rect))
            y = rect.bottom - self._list_view.y + metrics.px(0.3)
        self.scroller.set(self._list_view, y)

    def draw(self, surface: pygame.Surface) -> None:
        assets = self.app.services.assets
        metrics = self._metrics
        palette = self.app.look.palette
        self._backdrop.draw(surface, palette)
        if self._picture is not None:
            picture, rect = self._picture
            surface.blit(picture, rect)
        self.podium.draw(surface, assets, metrics)
        self._texts.draw(surface)
        shift = -round(self.scroller.offset)
        previous = surface.get_clip()
        surface.set_clip(self._list_view.clip(previous))
        for _name, _words, text, rect in self._items:
            surface.blit(text, rect.move(0, shift))
        surface.set_clip(previous)
        self.scroller.draw_bar(surface, metrics, palette)
        draw_key_hints(surface, key_hints(self.bindings()), assets, metrics, self._hints_area)
