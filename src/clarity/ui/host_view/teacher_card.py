"""The teacher's own address on the projector, when the teacher asks for it (T).

The teacher's page drives the game (start, next, remove a name, end), and its address
carries the game's secret token: whoever scans it can do all that. So it is never shown
unless the teacher presses T, it says whose it is, and it goes by itself after
:data:`SHOWN_FOR` seconds (or at the next T): a projected code is in the whole class's
cameras as long as it is up.
"""

from __future__ import annotations

import pygame

from clarity.i18n import Translator
from clarity.ui.assets import Assets
from clarity.ui.host_view.qr import QrCode
from clarity.ui.host_view.texts import Texts
from clarity.ui.theme import Metrics
from clarity.ui.widgets import draw_panel

#: Seconds the card stays up unless T hides it first.
SHOWN_FOR = 30.0
#: Of the window, the card's width and height (it leaves the key hints along the bottom
#: in sight: T hides it).
CARD_SHARE = (0.7, 0.8)


class TeacherCard:
    """The card over the screen: a heading, the warning, the code of ``url`` and the
    address written out. ``left``: seconds until it hides (0: hidden)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.qr = QrCode(url)
        self.left = 0.0
        self.panel = pygame.Rect(0, 0, 0, 0)
        self._texts: Texts | None = None

    @property
    def shown(self) -> bool:
        return self.left > 0

    def toggle(self) -> None:
        """T: up for :data:`SHOWN_FOR` seconds, or hidden when it is up."""
        self.left = 0.0 if self.shown else SHOWN_FOR

    def update(self, dt: float) -> None:
        """``dt`` seconds went by."""
        self.left = max(0.0, self.left - dt) if self.shown else 0.0

    def layout(
        self, assets: Assets, metrics: Metrics, size: tuple[int, int], t: Translator
    ) -> None:
        """The card centred in a window of ``size`` pixels."""
        palette = assets.look.palette
        width, height = size
        texts = self._texts = Texts(assets)
        gap, pad = metrics.gap, metrics.px(1.6)
        panel = pygame.Rect(0, 0, round(width * CARD_SHARE[0]), round(height * CARD_SHARE[1]))
        panel.midtop = (width // 2, round(height * 0.04))
        self.panel = panel
        inner = panel.inflate(-2 * pad, -2 * pad)
        heading_h = 2 * assets.font(metrics.heading_size, True).get_linesize()
        heading = texts.place(
            "teacher_heading",
            # Translators: over the code of the teacher's own page, on the projector
            t.gettext("The teacher's page, for your phone"),
            (metrics.heading_size, metrics.small_size),
            palette.accent,
            pygame.Rect(inner.x, inner.y, inner.width, heading_h),
            bold=True,
            align="centre",
        )
        warning_h = 3 * assets.font(metrics.body_size).get_linesize()
        warning = texts.place(
            "teacher_warning",
            t.gettext(
                "For you only: whoever scans this code can drive the game. "
                "T hides it (it goes by itself in 30 seconds)."
            ),
            (metrics.body_size, metrics.tiny_size),
            palette.text,
            pygame.Rect(inner.x, heading.bottom + gap // 2, inner.width, warning_h),
            align="centre",
        )
        address_h = 2 * assets.font(metrics.small_size).get_linesize()
        address_box = pygame.Rect(inner.x, inner.bottom - address_h, inner.width, address_h)
        self.qr.fit(
            pygame.Rect(
                inner.x,
                warning.bottom + gap,
                inner.width,
                max(0, address_box.top - gap - warning.bottom - gap),
            )
        )
        # the address written out: a teacher whose phone reads no code types it
        texts.place(
            "teacher_address",
            self.url,
            (metrics.small_size, metrics.tiny_size),
            palette.text_muted,
            pygame.Rect(inner.x, self.qr.rect.bottom + gap, inner.width, address_h),
            align="centre",
        )

    def boxes(self) -> dict[str, pygame.Rect]:
        """What the card draws, by name (empty while hidden)."""
        if not self.shown or self._texts is None:
            return {}
        return dict(self._texts.boxes) | {"teacher_qr": self.qr.rect.copy()}

    def words(self) -> dict[str, str]:
        if not self.shown or self._texts is None:
            return {}
        return dict(self._texts.words)

    def draw(self, surface: pygame.Surface, assets: Assets, metrics: Metrics) -> None:
        if not self.shown or self._texts is None:
            return
        palette = assets.look.palette
        draw_panel(surface, self.panel, metrics, palette.panel, palette.accent)
        self.qr.draw(surface)
        self._texts.draw(surface)
