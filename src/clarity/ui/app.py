"""The App: the window, the clock, the event pump, the scene stack and the one flip()."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from clarity.ui.scene import Scene

if TYPE_CHECKING:
    from clarity.ui.services import Services

MIN_SIZE = (800, 500)
FrameHook = Callable[["App", pygame.Surface], None]
#: Sees every event before the scenes do; returns True to keep it from them.
EventHook = Callable[[pygame.event.Event], bool]


@dataclass(frozen=True, slots=True)
class WindowOptions:
    size: tuple[int, int] = (1280, 800)
    fullscreen: bool = False
    fps: int = 60
    title: str = "Clarity Challenge"


class App:
    """Owns the window and runs the scenes on a stack.

    Stack changes asked for during a frame (push, pop, replace) are applied at the end of
    that frame, so a scene never disappears in the middle of its own event handling.
    Tests drive the real App with :meth:`step` and posted events.
    """

    def __init__(self, services: Services, options: WindowOptions | None = None) -> None:
        self.services = services
        self.options = options or WindowOptions()
        self.running = False
        self.frame = 0
        self._stack: list[Scene] = []
        self._pending: list[Callable[[], None]] = []
        self._frame_hooks: list[FrameHook] = []
        self._after_flip_hooks: list[FrameHook] = []
        self._event_hooks: list[EventHook] = []
        self._surface: pygame.Surface | None = None
        self._clock: pygame.Clock | None = None
        self._windowed_size = self.options.size
        self._fullscreen = False

    # -- window ----------------------------------------------------------------

    def open(self) -> pygame.Surface:
        """Start pygame's display and open the window; sound starts later, when first used."""
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(self.options.title)
        pygame.key.set_repeat(400, 35)
        self._set_mode(self.options.size, self.options.fullscreen)
        self._clock = pygame.Clock()
        self.running = True
        return self.surface

    @property
    def surface(self) -> pygame.Surface:
        if self._surface is None:
            raise RuntimeError("the window is not open")
        return self._surface

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    @property
    def fullscreen(self) -> bool:
        return self._fullscreen

    def toggle_fullscreen(self) -> None:
        if self._fullscreen:
            self._set_mode(self._windowed_size, fullscreen=False)
        else:
            self._windowed_size = self.size
            self._set_mode((0, 0), fullscreen=True)
        self._relayout()

    def resize(self, size: tuple[int, int]) -> None:
        """Resize the window (as a user dragging its edge would) and lay the scenes out again."""
        self._set_mode(size, fullscreen=False)
        self._relayout()

    def _set_mode(self, size: tuple[int, int], fullscreen: bool) -> None:
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1])) if size != (0, 0) else size
        flags = pygame.FULLSCREEN if fullscreen else pygame.RESIZABLE
        with warnings.catch_warnings():
            # A window manager may choose another size (tiling, a screen too small);
            # the scenes lay themselves out for whatever size comes, so this is no news
            # for the teacher's terminal.
            warnings.filterwarnings(
                "ignore", "Requested window was forcibly resized", RuntimeWarning
            )
            self._surface = pygame.display.set_mode(size, flags)
        self._fullscreen = fullscreen

    def close(self) -> None:
        while self._stack:
            self._stack.pop().exit()
        self.running = False
        self.services.close()
        pygame.quit()

    # -- the scene stack ------------------------------------------------------------

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._stack)

    @property
    def top(self) -> Scene | None:
        return self._stack[-1] if self._stack else None

    def push(self, scene: Scene) -> None:
        self._pending.append(lambda: self._do_push(scene))

    def pop(self) -> None:
        self._pending.append(self._do_pop)

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for ``scene`` (the scene below is neither resumed nor paused)."""

        def apply() -> None:
            self._do_pop(resume_below=False)
            self._do_push(scene, pause_below=False)

        self._pending.append(apply)

    def reset(self, scene: Scene) -> None:
        """Empty the stack and start again from ``scene`` (back to the title)."""

        def apply() -> None:
            while self._stack:
                self._do_pop(resume_below=False)
            self._do_push(scene)

        self._pending.append(apply)

    def quit(self) -> None:
        self.running = False

    def _do_push(self, scene: Scene, pause_below: bool = True) -> None:
        if self._stack and pause_below:
            self._stack[-1].pause()
        self._stack.append(scene)
        scene.enter()
        if self._surface is not None:
            scene.layout(self.size)

    def _do_pop(self, resume_below: bool = True) -> None:
        if not self._stack:
            return
        self._stack.pop().exit()
        if resume_below and self._stack:
            self._stack[-1].resume()

    def _apply_pending(self) -> None:
        had_pending = bool(self._pending)
        while self._pending:
            self._pending.pop(0)()
        # Only an empty stack after all the changes ends the game: a replace or a reset
        # empties it for a moment on the way.
        if had_pending and not self._stack:
            self.running = False

    def _relayout(self) -> None:
        for scene in self._stack:
            scene.layout(self.size)

    # -- the loop ---------------------------------------------------------------

    def add_frame_hook(self, hook: FrameHook, *, after_flip: bool = False) -> None:
        """Call ``hook(app, surface)`` after every drawn frame, before flip (screenshots, demo).

        With ``after_flip`` the hook runs once the frame is on the screen instead (timing
        the first frame).
        """
        (self._after_flip_hooks if after_flip else self._frame_hooks).append(hook)

    def add_event_hook(self, hook: EventHook) -> None:
        """Show every event to ``hook`` before the scenes; it returns True to swallow it."""
        self._event_hooks.append(hook)

    def frames(self, fixed_dt: float | None = None) -> Iterator[float]:
        """Yield the seconds since the last frame, at most ``fps`` times a second.

        With ``fixed_dt`` every frame advances the game by exactly that much and nothing
        waits: a headless demo or benchmark runs as fast as it can draw.
        """
        assert self._clock is not None
        if fixed_dt is None and self.running:
            self._clock.tick()  # start timing now: the first frame is drawn at once
            yield 0.0
        while self.running:
            if fixed_dt is not None:
                yield fixed_dt
            else:
                yield min(self._clock.tick(self.options.fps) / 1000.0, 0.1)

    def run(self, first: Scene, *, fixed_dt: float | None = None) -> None:
        """Open the window if needed, start at ``first`` and play until the stack is empty."""
        if self._surface is None:
            self.open()
        self.push(first)
        try:
            for dt in self.frames(fixed_dt):
                self.step(dt)
        finally:
            self.close()

    def step(self, dt: float) -> None:
        """One frame: pump events to the top scene, update it, draw, flip."""
        self._apply_pending()
        for event in pygame.event.get():
            self._dispatch(event)
        self._apply_pending()
        top = self.top
        if top is None:
            self.running = False
            return
        top.update(dt)
        self._apply_pending()
        self._draw()
        self.frame += 1

    def _dispatch(self, event: pygame.event.Event) -> None:
        if any(hook(event) for hook in self._event_hooks):
            return
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            self._surface = pygame.display.get_surface()
            self._relayout()
            return
        top = self.top
        if event.type == pygame.KEYDOWN and self._handle_global_key(event, top):
            return
        if top is not None:
            top.handle_event(event)

    def _handle_global_key(self, event: pygame.event.Event, top: Scene | None) -> bool:
        if event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return True
        typing = getattr(top, "wants_text", False)
        if event.key == pygame.K_m and not typing and not event.mod & pygame.KMOD_CTRL:
            self.services.sound.toggle_mute()
            return True
        return False

    def _draw(self) -> None:
        surface = self.surface
        first = 0
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].opaque:
                first = index
                break
        for scene in self._stack[first:]:
            scene.draw(surface)
        for hook in self._frame_hooks:
            hook(self, surface)
        pygame.display.flip()
        for hook in self._after_flip_hooks:
            hook(self, surface)
