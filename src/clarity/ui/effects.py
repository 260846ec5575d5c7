"""Small timed effects the scenes share: a counting score, flying points, sliding toasts.

Each effect is advanced by ``update(dt)`` with the scene's own seconds (never the wall
clock), so it stops while a pause menu covers the scene and tests can step it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from clarity.ui.assets import Assets
from clarity.ui.theme import Colour, Metrics
from clarity.ui.widgets import darken, draw_panel


def ease_out(t: float) -> float:
    """Fast start, gentle landing; ``t`` in 0..1."""
    t = min(1.0, max(0.0, t))
    return 1.0 - (1.0 - t) ** 3


def ease_in(t: float) -> float:
    t = min(1.0, max(0.0, t))
    return t * t


def pop(t: float) -> float:
    """A scale that overshoots a little and settles at 1: things that pop into view."""
    t = min(1.0, max(0.0, t))
    s = 1.70158
    t -= 1.0
    return 1.0 + (s + 1.0) * t**3 + s * t**2


class CountingNumber:
    """A shown number that runs towards the real one, so points are seen being added."""

    def __init__(self, value: int = 0, seconds: float = 0.7) -> None:
        self.target = value
        self._shown = float(value)
        self._start = float(value)
        self._seconds = seconds
        self._age = seconds

    @property
    def value(self) -> int:
        return round(self._shown)

    @property
    def counting(self) -> bool:
        return self._age < self._seconds

    def set(self, target: int, *, at_once: bool = False) -> None:
        if target == self.target and not at_once:
            return
        self.target = target
        self._start = self._shown
        self._age = self._seconds
        if at_once:
            self._shown = float(target)
        else:
            self._age = 0.0

    def update(self, dt: float) -> None:
        if self._age >= self._seconds:
            return
        self._age += dt
        t = ease_out(self._age / self._seconds)
        self._shown = self._start + (self.target - self._start) * t


@dataclass
class Flyer:
    """A rendered text that flies from one point to another and fades on arrival."""

    surface: pygame.Surface
    start: tuple[float, float]
    end: tuple[float, float]
    seconds: float = 0.8
    age: float = 0.0

    @property
    def done(self) -> bool:
        return self.age >= self.seconds

    def update(self, dt: float) -> None:
        self.age += dt

    def draw(self, surface: pygame.Surface) -> pygame.Rect:
        t = self.age / self.seconds
        e = ease_out(t)
        # rise a little first, then travel: reads as "points go up into the score"
        x = self.start[0] + (self.end[0] - self.start[0]) * e
        y = self.start[1] + (self.end[1] - self.start[1]) * e - 40 * (1 - e) * min(1.0, t * 4)
        self.surface.set_alpha(round(255 * (1.0 - ease_in(max(0.0, t - 0.6) / 0.4))))
        return surface.blit(self.surface, self.surface.get_rect(center=(round(x), round(y))))


def make_flyer(
    assets: Assets,
    text: str,
    *,
    size: int,
    colour: Colour,
    start: tuple[float, float],
    end: tuple[float, float],
) -> Flyer:
    # A copy: the flyer fades itself with set_alpha and must not touch the text cache.
    return Flyer(assets.text(text, size, colour, bold=True).copy(), start, end)


@dataclass
class Toast:
    """One message: what it says, the palette's colour of its edge and icon (``tone``: a
    tier, "wrong"), and its rendering (made again when the look or the window changes)."""

    title: str
    detail: str
    tone: str
    icon: str  # "medal" | "wrong"
    max_width: int
    seconds: float
    surface: pygame.Surface = field(default_factory=lambda: pygame.Surface((1, 1)))
    age: float = 0.0


class Toasts:
    """Messages that slide down under the top bar one after another, then slide away."""

    SLIDE = 0.3

    def __init__(self) -> None:
        self._queue: list[Toast] = []
        self.anchor = (0, 0)  # midtop of where a toast rests

    @property
    def showing(self) -> Toast | None:
        return self._queue[0] if self._queue else None

    def __len__(self) -> int:
        return len(self._queue)

    def add(
        self,
        assets: Assets,
        metrics: Metrics,
        title: str,
        detail: str,
        tone: str,
        *,
        max_width: int,
        seconds: float = 2.6,
        icon: str = "medal",
    ) -> None:
        """Queue a toast: an icon in the palette's colour ``tone`` (a tier, "wrong"), a bold
        title and one line of detail, at most ``max_width`` pixels wide, for ``seconds``."""
        toast = Toast(title, detail, tone, icon, max_width, seconds)
        toast.surface = _render_toast(assets, metrics, toast)
        self._queue.append(toast)

    def render(self, assets: Assets, metrics: Metrics, max_width: int) -> None:
        """Render the queued toasts again, at most ``max_width`` wide: the look or the
        window changed."""
        for toast in self._queue:
            toast.max_width = max_width
            toast.surface = _render_toast(assets, metrics, toast)

    def update(self, dt: float) -> None:
        toast = self.showing
        if toast is None:
            return
        toast.age += dt
        if toast.age >= toast.seconds:
            self._queue.pop(0)

    def draw(self, surface: pygame.Surface, *, still: bool = False) -> pygame.Rect | None:
        """The toast showing now, where it is in its slide (in its place from first to last
        when ``still``: reduced motion); returns where it drew."""
        toast = self.showing
        if toast is None:
            return None
        h = toast.surface.get_height()
        slide_in = ease_out(toast.age / self.SLIDE)
        slide_out = ease_in((toast.age - (toast.seconds - self.SLIDE)) / self.SLIDE)
        offset = 0 if still else round((1.0 - slide_in + slide_out) * (h + self.anchor[1]))
        rect = toast.surface.get_rect(midtop=(self.anchor[0], self.anchor[1] - offset))
        surface.blit(toast.surface, rect)
        return rect


def _render_toast(assets: Assets, metrics: Metrics, toast: Toast) -> pygame.Surface:
    palette = assets.look.palette
    colour = palette.colour(toast.tone)
    pad = metrics.px(1.2)
    text_w = max(10, toast.max_width - 3 * pad - metrics.px(4))
    # each on the lines it needs in the room there is (large text wraps them)
    fitter = assets.fitter
    title_h = max(
        assets.font(metrics.body_size, True).get_linesize(),
        fitter.measure(toast.title, metrics.small_size, text_w, bold=True)[1],
    )
    title_s = assets.fit_text(
        toast.title,
        metrics.body_size,
        metrics.small_size,
        palette.text,
        (text_w, title_h),
        bold=True,
    )
    detail_h = fitter.measure(toast.detail, metrics.small_size, text_w)[1]
    detail_s = assets.fit_text(
        toast.detail, metrics.small_size, metrics.small_size, palette.text_muted, (text_w, detail_h)
    )
    icon_d = metrics.px(3.6)
    text_w = max(title_s.get_width(), detail_s.get_width())
    width = min(toast.max_width, text_w + icon_d + 3 * pad)
    height = max(icon_d, title_s.get_height() + detail_s.get_height()) + 2 * pad
    surface = pygame.Surface((width, height), pygame.SRCALPHA)
    rect = surface.get_rect()
    draw_panel(surface, rect, metrics, palette.panel_deep, colour)
    center = (pad + icon_d // 2, height // 2)
    if toast.icon == "medal":
        pygame.draw.circle(surface, colour, center, icon_d // 2)
        pygame.draw.circle(surface, darken(colour, 0.3), center, icon_d // 2, max(2, icon_d // 12))
        star = assets.decoration("★", round(icon_d * 0.55), darken(colour, 0.45), bold=True)
        surface.blit(star, star.get_rect(center=center))
    else:  # a plain mark: a coloured disc with a cross, for a wrong guess
        pygame.draw.circle(surface, colour, center, icon_d // 2)
        mark = assets.text("✗", round(icon_d * 0.6), palette.text_dark, bold=True)
        surface.blit(mark, mark.get_rect(center=center))
    x = pad * 2 + icon_d
    y = (height - title_s.get_height() - detail_s.get_height()) // 2
    surface.blit(title_s, (x, y))
    surface.blit(detail_s, (x, y + title_s.get_height()))
    return surface
