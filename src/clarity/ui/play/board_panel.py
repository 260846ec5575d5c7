"""The play screen's board column: the covered picture, the Guess button with what a guess
is worth now, and the picture's answer in a banner once the round is over."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from clarity.core.packs.models import TypedQuestion
from clarity.core.round import Phase, Round
from clarity.i18n import Translator
from clarity.ui.assets import Assets
from clarity.ui.board_view import BoardView
from clarity.ui.play.card_plan import text_height
from clarity.ui.play.stage import Stage
from clarity.ui.regions import Region
from clarity.ui.textfit import wrap_lines
from clarity.ui.theme import Metrics
from clarity.ui.widgets import FocusGroup, TextBlock, draw_panel, main_button

#: of the picture's height, the most that the answer's banner may cover at the end (a long
#: answer in large text shows fewer lines rather than hide the picture the class looks at)
BANNER_PICTURE_SHARE = 0.4


class BoardPanel:
    """Lays out and draws the board column; ``on_guess`` opens the guess field."""

    def __init__(
        self,
        assets: Assets,
        round_: Round,
        image_path: Path | None,
        on_guess: Callable[[], None],
        translator: Callable[[], Translator],
        *,
        guess_cap: Callable[[Stage], str] | None = None,
    ) -> None:
        self.assets = assets
        self.round = round_
        #: the key the guess button shows at ``stage`` (a class game's: from its keys table)
        self._guess_cap = guess_cap if guess_cap is not None else self._solo_guess_cap
        self._translator = translator  # the interface's words now (the language may change)
        board = round_.board
        self.view = BoardView(assets, image_path, board.rows, board.cols)
        self.view.sync(board.hidden_tiles())
        self.guess_button = main_button(translator().gettext("Guess the image"), on_guess, "G")
        self._metrics = assets.look.metrics((1280, 720))  # until laid out
        self._framed = pygame.Rect(0, 0, 0, 0)  # the board with its edge
        self._stakes_box = pygame.Rect(0, 0, 0, 0)
        self._row_region = pygame.Rect(0, 0, 0, 0)
        #: the picture's answer as the banner shows it once the round is over; its box is
        #: the banner's inside
        self.banner: TextBlock | None = None
        self._banner_rect = pygame.Rect(0, 0, 0, 0)

    @property
    def rect(self) -> pygame.Rect:
        """Where the picture is (without its edge)."""
        return self.view.rect

    def layout(
        self,
        column: pygame.Rect,
        region: pygame.Rect,
        metrics: Metrics,
        button_h: int,
        *,
        centred: bool,
    ) -> dict[str, pygame.Rect]:
        """Place the board and its guess row in ``column``; ``region`` is the part of the
        window this section redraws (the column and its share of the gaps). ``centred``:
        when the picture leaves height over, the board sits in the middle of the column."""
        self._metrics = metrics
        gap = metrics.gap
        edge = max(2, metrics.px(0.25))
        button = self.guess_button
        button.label = self._translator().gettext("Guess the image")
        # wide enough for its label and its widest badge at body size (large text); in a
        # column narrower than that, as wide as the column and tall enough for the label's
        # lines (it never runs out of its button)
        fitter = self.assets.fitter
        pad = metrics.px(1.2)
        badge_w = fitter.width("Ctrl+G", metrics.small_size, bold=True) + metrics.px(2.0)
        label_w = fitter.width(button.label, metrics.body_size, bold=True)
        least = label_w + badge_w + 3 * pad
        if least > column.width:
            room_w = max(10, column.width - badge_w - 3 * pad)
            lines_h = text_height(self.assets, button.label, metrics.body_size, room_w, bold=True)
            button_h = max(button_h, lines_h + metrics.px(1.0))
        area = pygame.Rect(
            column.x + edge,
            column.y + edge,
            column.width - 2 * edge,
            column.height - button_h - gap - 2 * edge,
        )
        board = self.view.fit(area, metrics)
        # beside the card in a 4:3 window, the board and its guess row sit in the middle
        # of their column instead of leaving a hole at the bottom
        slack = area.height - board.height
        if slack > area.height // 10 and centred:
            board = self.view.fit(area.move(0, slack // 2), metrics)
        self._framed = board.inflate(2 * edge, 2 * edge)
        # under the picture's left edge; past the picture's right edge (a tall picture in
        # large text) when its label needs it, but inside the column
        guess_w = min(column.width, max(metrics.px(24), round(board.width * 0.5), least))
        x = max(column.x, min(board.x - edge, column.right - guess_w))
        button.rect = pygame.Rect(x, board.bottom + edge + gap, guess_w, button_h)
        self._stakes_box = pygame.Rect(
            button.rect.right + gap,
            button.rect.y,
            max(0, board.right + edge - button.rect.right - gap),
            button_h,
        )
        # the board covers its own rect whole; the guess row is the rest of the region
        below = self._framed.bottom
        self._row_region = pygame.Rect(region.x, below, region.width, region.bottom - below)
        self._layout_banner(region)
        return {"board": self._framed.copy(), "guess_button": button.rect.copy()}

    def _layout_banner(self, region: pygame.Rect) -> None:
        """The answer's banner over the guess row: as tall as the row, or as the answer needs
        (a long answer, whole, down to the card's smallest type): first into the room under
        the row, then up over the picture's lower edge, where it is drawn over the picture
        (:meth:`regions`), never under it."""
        metrics = self._metrics
        assets = self.assets
        answer = self.round.mystery.answer
        rect = self.guess_button.rect.union(self._stakes_box)
        pad = metrics.px(1.0)
        room = (rect.width - 2 * pad, rect.height - metrics.px(0.6))
        # the class is looking at the picture: the banner covers at most its lower part
        highest = self._framed.bottom - round(self._framed.height * BANNER_PICTURE_SHARE)
        bottom = max(rect.bottom, region.bottom - metrics.px(0.3))
        most = (room[0], bottom - highest - metrics.px(0.6))
        size = assets.fitter.size_for(
            answer, metrics.heading_size, metrics.tiny_size, room, bold=True
        )
        needed = text_height(assets, answer, size, room[0], bold=True) + metrics.px(0.6)
        shown = answer
        if needed > rect.height:
            size = assets.fitter.size_for(
                answer, metrics.heading_size, metrics.tiny_size, most, bold=True
            )
            needed = text_height(assets, answer, size, room[0], bold=True) + metrics.px(0.6)
            if needed > most[1] + metrics.px(0.6):
                # more than the room at the smallest type (large text): the lines that fit,
                # and an ellipsis; the end card beside it shows the answer whole
                font = assets.font(size, True)
                lines = wrap_lines(font, answer, room[0], max(1, most[1] // font.get_linesize()))
                shown = "\n".join(lines)
                needed = text_height(assets, shown, size, room[0], bold=True) + metrics.px(0.6)
            rect.height = needed
            rect.bottom = min(rect.bottom, region.bottom - metrics.px(0.3))
            rect.top = min(rect.top, self.guess_button.rect.top)
            rect.top = max(rect.top, min(highest, self.guess_button.rect.top))
        palette = assets.look.palette
        surface = assets.fit_text(
            shown, size, size, palette.text, (rect.width - 2 * pad, rect.height), bold=True
        )
        box = rect.inflate(-2 * pad, 0)
        self._banner_rect = rect
        self.banner = TextBlock(surface, surface.get_rect(center=rect.center), shown, box)

    def regions(self, layout: int, stage: Stage, focus: FocusGroup) -> list[Region]:
        """The guess row, then the board (drawn last when a frame is busy: its uncovering
        tile is drawn by :meth:`draw_moving` meanwhile)."""
        button = self.guess_button
        row_key = (
            layout,
            self.round.board.hidden_count,
            stage,
            self._guess_cap(stage),
            focus.ringed is button,
            focus.hovered is button,
        )
        over = stage is Stage.OVER
        if over:
            row = Region("guess", self._row_region, row_key, self._draw_banner)
        else:
            row = Region(
                "guess", self._row_region, row_key, lambda s: self._draw_guess_row(s, stage, focus)
            )
        board_key = (layout, self.view.version, over)
        return [row, Region("board", self._framed, board_key, self._draw_board(over), opaque=True)]

    def banner_rect(self) -> pygame.Rect | None:
        """Where the answer's banner is drawn once the round is over (None before)."""
        if self.round.phase is not Phase.ENDED:
            return None
        return self._banner_rect.copy()

    def _draw_board(self, over: bool) -> Callable[[pygame.Surface], None]:
        """The board; at the end, with the part of a tall answer's banner that lies over the
        picture drawn on top of it (the guess row's region draws the rest)."""
        if not over or not self._banner_rect.colliderect(self._framed):
            return self.view.draw

        def draw(surface: pygame.Surface) -> None:
            self.view.draw(surface)
            self._draw_banner(surface)

        return draw

    def draw_moving(self, surface: pygame.Surface) -> list[pygame.Rect]:
        """The tiles turning away now."""
        return self.view.draw_flips(surface)

    def _solo_guess_cap(self, stage: Stage) -> str:
        """While a typed answer is asked, letters type: the guess key is Ctrl+G."""
        typing = stage is Stage.ASKING and isinstance(self.round.question, TypedQuestion)
        return "Ctrl+G" if typing else "G"

    def _draw_guess_row(self, surface: pygame.Surface, stage: Stage, focus: FocusGroup) -> None:
        metrics = self._metrics
        self.guess_button.key_hint = self._guess_cap(stage)
        self.guess_button.enabled = stage in (Stage.ASKING, Stage.ANSWERED)
        focus.draw_button(surface, self.guess_button, self.assets, metrics)
        # what a right guess is worth now: it shrinks as tiles uncover, which is the game
        box = self._stakes_box
        if box.width < metrics.px(8):
            return
        # Translators: beside the Guess button: what a right guess earns now, in points
        worth = self._translator().gettext(
            "worth {points} now", points=self.round.guess_stakes()[0].total
        )
        if not self.assets.fitter.fits(worth, metrics.tiny_size, box.size):
            return  # no room beside a wide button (large text): the guess card says it too
        text = self.assets.fit_text(
            worth,
            metrics.body_size,
            metrics.tiny_size,
            self.assets.look.palette.text_muted,
            box.size,
        )
        surface.blit(
            text,
            text.get_rect(midleft=box.midleft),
            text.get_rect().clip(pygame.Rect(0, 0, *box.size)),
        )

    def _draw_banner(self, surface: pygame.Surface) -> None:
        """Over the guess row, once the image is revealed: the answer, right under it."""
        palette = self.assets.look.palette
        # whoever guessed it (the one player, or a team of a class game)
        colour = palette.right if self.round.guessed_by is not None else palette.accent
        draw_panel(surface, self._banner_rect, self._metrics, palette.shaded(colour), colour)
        if self.banner is not None:
            self.banner.draw(surface)
