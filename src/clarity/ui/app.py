"""The App: the window, the clock, the event pump, the scene stack and the one flip()."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_, message
from clarity.ui.bindings import Binding, handle_key
from clarity.ui.drops import FileDrops
from clarity.ui.keys import F11, Letter
from clarity.ui.notice import Notice
from clarity.ui.scene import Scene
from clarity.ui.screens import Screens
from clarity.ui.theme import Look

if TYPE_CHECKING:
    from clarity.i18n import Translator
    from clarity.ui.services import Services
    from clarity.ui.studio_launch import StudioLauncher

#: The smallest size, in pixels, at which every screen's layout holds: the window's minimum,
#: and below it the game is drawn at least this large and scaled down. Measured with the
#: layout tests' longest texts: the play screen's card header runs into the clock below
#: 856 wide, and six long choices into the prompt below 570 high (tests/ui/test_window.py).
MIN_SIZE = (864, 576)
#: The same at each text size (1.0 is the standard size, 2.0 is 200 %): larger text needs a
#: larger window, and at 200 % every screen holds on a 1024x768 projector (WCAG 2.2 1.4.4;
#: tests/ui/test_window.py lays every screen out at each of these).
MIN_SIZES: dict[float, tuple[int, int]] = {
    1.0: MIN_SIZE,
    1.25: (896, 640),
    1.5: (960, 704),
    2.0: (1024, 768),
}
FrameHook = Callable[["App", pygame.Surface], None]
#: Sees every event before the scenes do; returns True to keep it from them.
EventHook = Callable[[pygame.event.Event], bool]


#: Keys that work on every screen. M is no shortcut while a text field takes letters.
GLOBAL_BINDINGS: tuple[Binding, ...] = (
    Binding("toggle_fullscreen", (F11,), N_("full screen")),
    # Translators: the key hint of M, which turns the sound off and on
    Binding("toggle_sound", (Letter("M"),), N_("sound")),
)


@dataclass(frozen=True, slots=True)
class WindowOptions:
    size: tuple[int, int] = (1280, 800)
    fullscreen: bool = False
    fps: int = 60
    title: str = "Clarity Challenge"


def logical_size(window: tuple[int, int], minimum: tuple[int, int] = MIN_SIZE) -> tuple[int, int]:
    """The size, in pixels, the scenes lay out and draw at in a window of ``window`` pixels.

    The window's own size when it is at least ``minimum`` on both axes. A smaller window
    (a window manager that ignores the minimum, a tiling one, a screen smaller than the
    minimum) gets its own shape grown until it is at least ``minimum`` on both axes: the
    frame is drawn at that size and scaled down into the window, so nothing is cut off,
    only smaller. 320x240 gives 864x648; 1900x300 gives 3648x576.
    """
    width, height = max(1, window[0]), max(1, window[1])
    if width >= minimum[0] and height >= minimum[1]:
        return width, height
    scale = max(minimum[0] / width, minimum[1] / height)
    # rounding can land half a pixel short of the minimum on the axis that decided
    return max(minimum[0], round(width * scale)), max(minimum[1], round(height * scale))


def screen_size() -> tuple[int, int] | None:
    """The desktop size in pixels of the display the window opens on (the first), or None
    when SDL cannot tell or there is no screen: SDL's ``offscreen`` driver (asked for by
    name to take screenshots at any size) reports a made-up size that limits nothing.
    The display module must be initialised."""
    try:
        if pygame.display.get_driver() == "offscreen":
            return None
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    if not sizes or sizes[0][0] <= 0 or sizes[0][1] <= 0:
        return None
    return sizes[0]


def minimum_size(text_scale: float = 1.0) -> tuple[int, int]:
    """The smallest size, in pixels, the layouts hold at ``text_scale`` (:data:`MIN_SIZES`;
    a scale between two of them takes the larger one's)."""
    fitting = [size for scale, size in sorted(MIN_SIZES.items()) if scale >= text_scale]
    return fitting[0] if fitting else max(MIN_SIZES.values())


def smallest_window(screen: tuple[int, int] | None, text_scale: float = 1.0) -> tuple[int, int]:
    """The window's minimum size in pixels on a screen of ``screen`` at ``text_scale``:
    :func:`minimum_size`, but never larger than the screen (an 800x480 netbook shows the
    game scaled down instead)."""
    least = minimum_size(text_scale)
    if screen is None:
        return least
    return min(least[0], screen[0]), min(least[1], screen[1])


_POINTER_EVENTS = frozenset({pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP})


class App:
    """Owns the window and runs the scenes on a stack.

    Stack changes asked for during a frame (push, pop, replace) are applied at the end of
    that frame, so a scene never disappears in the middle of its own event handling.
    Tests drive the real App with :meth:`step` and posted events.
    """

    def __init__(self, services: Services, options: WindowOptions | None = None) -> None:
        self.services = services
        # the screens start in the look of the saved display settings
        services.assets.look = Look.from_display(services.settings.display)
        services.assets.translator = services.translator
        #: opens the other screens by name (no scene imports another)
        self.screens = Screens(self)
        self.options = options or WindowOptions()
        self.running = False
        self.frame = 0
        self._stack: list[Scene] = []
        self._pending: list[Callable[[], None]] = []
        self._frame_hooks: list[FrameHook] = []
        self._after_flip_hooks: list[FrameHook] = []
        self._event_hooks: list[EventHook] = []
        self._window: pygame.Window | None = None
        self._screen: pygame.Surface | None = None  # the window's own surface
        self._surface: pygame.Surface | None = None  # where the scenes draw
        self._window_size = (0, 0)  # the window size, in pixels, the scenes are laid out for
        self._clock: pygame.Clock | None = None
        self._windowed_size = self.options.size
        self._fullscreen = False
        # keys held down now, as (key code, scancode): a KEYDOWN for one of them is a repeat
        self._held: set[tuple[int, int]] = set()
        self._text_rect: pygame.Rect | None = None  # text input is on exactly while set
        # the frame of the last key press that could not type (text input off, or a Ctrl
        # chord): a TEXTINPUT in that same frame is the text SDL made of that press, and
        # is dropped (G opening the guess must not type "g"); text in a later frame (an
        # input method's or an on-screen keyboard's, which come without a key) is typed
        self._untyped_press_frame: int | None = None
        self.notice = Notice(lambda: self.translator)
        #: files dropped on the window, imported and reported between frames
        self.drops = FileDrops()
        #: the Teacher Studio started from the title (one child process a game), ended at close
        self.studio: StudioLauncher | None = None
        #: something (a notice) was drawn over the scenes in the last frame: a scene that
        #: redraws only what changed must draw this frame whole
        self.covered_last_frame = False
        self._covered = False

    # -- window ----------------------------------------------------------------

    def open(self) -> pygame.Surface:
        """Start pygame's display and open the window; sound starts later, when first used."""
        pygame.display.init()
        pygame.font.init()
        # held keys repeat only where a screen asks for it (text fields, lists): App marks
        # the repeats (event.repeat) and the bindings ignore them elsewhere
        pygame.key.set_repeat(400, 35)
        # SDL starts with text input on; it is on only while a text field has the focus
        pygame.key.stop_text_input()
        self._text_rect = None
        self._open_window()
        self._clock = pygame.Clock()
        self.running = True
        return self.surface

    @property
    def window(self) -> pygame.Window:
        """The game's window (a ``pygame.Window``: the App does not use ``pygame.display``'s)."""
        if self._window is None:
            raise RuntimeError("the window is not open")
        return self._window

    @property
    def surface(self) -> pygame.Surface:
        """Where the scenes draw: the window's surface, or a larger frame that is scaled
        down into a window smaller than :data:`MIN_SIZE`."""
        if self._surface is None:
            raise RuntimeError("the window is not open")
        return self._surface

    @property
    def size(self) -> tuple[int, int]:
        """The size in pixels the scenes lay out at: the window's, or at least MIN_SIZE."""
        return self.surface.get_size()

    @property
    def scaled(self) -> bool:
        """Whether the window is smaller than MIN_SIZE and shows the frame scaled down."""
        return self._surface is not None and self._surface is not self._screen

    @property
    def fullscreen(self) -> bool:
        return self._fullscreen

    # -- the look ----------------------------------------------------------------

    @property
    def translator(self) -> Translator:
        """The interface's words in the player's language: every text a screen shows that
        is not the pack's or a player's goes through it (``app.translator.gettext(...)``)."""
        return self.services.translator

    @property
    def look(self) -> Look:
        """The look every screen draws in now (held by the assets, which every draw
        function is handed)."""
        return self.services.assets.look

    def apply_look(self, look: Look) -> None:
        """Draw every screen in ``look`` (a theme, answer colours, a text size, reduced
        motion) from now on.

        Every scene on the stack is laid out again at once, the one under a pause menu
        or a dialog too: each takes its sizes from the new look and drops what it drew
        in the old one (a play screen's layer, a backdrop, rendered chips).
        """
        self.services.assets.look = look
        # the language is a display setting: it changes with the look
        self.services.assets.translator = self.services.translator
        if self._window is None:
            return
        # the window's minimum follows the text size (SDL grows a smaller window to it);
        # a window kept smaller anyway shows the game drawn at the minimum, scaled down
        self._window.minimum_size = smallest_window(screen_size(), look.text_scale)
        self._window_size = (0, 0)  # lay out again even if the window keeps its size
        self._follow_window()

    def toggle_fullscreen(self) -> None:
        window = self.window
        if self._fullscreen:
            window.set_windowed()
            window.size = self._windowed_size
        else:
            self._windowed_size = window.size
            # the desktop's own resolution: no mode change, no flicker on a projector
            window.set_fullscreen(desktop=True)
        self._fullscreen = not self._fullscreen
        if not self._follow_window():
            self._relayout()

    def resize(self, size: tuple[int, int]) -> None:
        """Make the window ``size`` pixels and lay the scenes out again, as after the user
        dragged its edge (leaving full screen first).

        SDL keeps a window it is asked to resize at least at its ``minimum_size``, so a
        smaller ``size`` gives a window of the minimum; only a window manager makes it
        smaller, and then :meth:`_follow_window` scales the game down into it.
        """
        if self._fullscreen:
            self.window.set_windowed()
            self._fullscreen = False
        self.window.size = size
        if not self._follow_window():
            self._relayout()

    def window_point(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A point in window pixels (a mouse event's) as a point of the scenes' surface."""
        if not self.scaled:
            return int(pos[0]), int(pos[1])
        (width, height), (shown_w, shown_h) = self.size, self._window_size
        # the middle of the window pixel, so a click lands where it was seen
        return (
            math.floor((pos[0] + 0.5) * width / shown_w),
            math.floor((pos[1] + 0.5) * height / shown_h),
        )

    def shown_rect(self, rect: pygame.Rect) -> pygame.Rect:
        """A rectangle of the scenes' surface as the window pixels it is shown on."""
        if not self.scaled:
            return pygame.Rect(rect)
        (width, height), (shown_w, shown_h) = self.size, self._window_size
        left, top = math.floor(rect.left * shown_w / width), math.floor(rect.top * shown_h / height)
        right = math.ceil(rect.right * shown_w / width)
        bottom = math.ceil(rect.bottom * shown_h / height)
        return pygame.Rect(left, top, right - left, bottom - top)

    def set_text_input_rect(self, rect: pygame.Rect) -> None:
        """Tell an input method (its list of words) and an on-screen keyboard where the
        text field is: ``rect`` in the scenes' pixels, given to SDL in window pixels."""
        pygame.key.set_text_input_rect(self.shown_rect(rect))

    def _open_window(self) -> None:
        window = pygame.Window(
            self.options.title, self.options.size, pygame.WINDOWPOS_CENTERED, resizable=True
        )
        # A hint: most window managers keep the window at least this large; tiling ones
        # ignore it, and then the game is scaled down into the window (_follow_window).
        # SDL also grows a window asked for smaller (--size is checked before, at launch).
        window.minimum_size = smallest_window(screen_size(), self.look.text_scale)
        self._window = window
        self._windowed_size = window.size
        self._fullscreen = False
        if self.options.fullscreen:
            window.set_fullscreen(desktop=True)
            self._fullscreen = True
        self._follow_window()

    def _follow_window(self) -> bool:
        """Lay the scenes out for the window's size if it changed; True if it did.

        Called for WINDOWSIZECHANGED and before every frame is drawn, so a frame always
        fits the window, whatever order SDL's events come in.
        """
        # The window's surface (one object that SDL resizes) also makes Surface.convert()
        # work: without pygame.display.set_mode it takes its pixel format from here.
        screen = self.window.get_surface()
        size = screen.get_size()
        if size == self._window_size and screen is self._screen and self._surface is not None:
            return False
        self._screen, self._window_size = screen, size
        logical = logical_size(size, minimum_size(self.look.text_scale))
        frame = self._surface if self._surface is not screen else None
        if logical == size:
            self._surface = screen
        elif frame is None or frame.get_size() != logical:
            self._surface = pygame.Surface(logical).convert()  # the window's format: quick to scale
        self._relayout()
        return True

    def _to_logical(self, event: pygame.event.Event) -> pygame.event.Event:
        """A mouse event with its position (and movement) in the scenes' pixels."""
        if event.type not in _POINTER_EVENTS or not self.scaled or not hasattr(event, "pos"):
            return event
        moved = dict(event.dict)
        moved["pos"] = self.window_point(event.pos)
        if "rel" in moved:
            (width, height), (shown_w, shown_h) = self.size, self._window_size
            moved["rel"] = (
                round(event.rel[0] * width / shown_w),
                round(event.rel[1] * height / shown_h),
            )
        return pygame.event.Event(event.type, moved)

    def _present(self) -> None:
        """Show the frame: scaled down into the window when it was drawn larger."""
        if self.scaled and self._screen is not None:
            try:
                pygame.transform.smoothscale(self.surface, self._window_size, self._screen)
            except ValueError:  # smoothscale takes 24 and 32 bit pixels only
                pygame.transform.scale(self.surface, self._window_size, self._screen)
        self.window.flip()

    # -- the keyboard -------------------------------------------------------------

    @property
    def text_input_on(self) -> bool:
        """Whether SDL's text input is on: keys send TEXTINPUT as well as KEYDOWN."""
        return self._text_rect is not None

    def toggle_sound(self) -> None:
        """M on any screen: sound off or on, with a notice that says which."""
        muted = self.services.sound.toggle_mute()
        self.notice.show(message("Sound off") if muted else message("Sound on"))

    def _sync_text_input(self) -> None:
        """Text input on exactly while the top scene has a text field, and where it is."""
        top = self.top
        rect = top.text_field_rect() if top is not None else None
        if rect is None:
            if self._text_rect is not None:
                pygame.key.stop_text_input()
                self._text_rect = None
            return
        if self._text_rect is None:
            pygame.key.start_text_input()
        shown = self.shown_rect(rect)  # window pixels: they change with the window's size too
        if self._text_rect != shown:
            pygame.key.set_text_input_rect(shown)
        self._text_rect = shown

    def _mark_press(self, event: pygame.event.Event) -> bool:
        """Note which keys are held, mark repeats; False when the event goes no further."""
        if event.type == pygame.KEYDOWN:
            held = (event.key, getattr(event, "scancode", 0))
            event.repeat = held in self._held
            self._held.add(held)
            if not event.repeat:
                # Ctrl+letter is a command, never typing: on Cyrillic layouts SDL still
                # sends the letter's text (Ctrl+V types "м"). Ctrl with Alt is AltGr on
                # Windows, which types (German @, Polish ą).
                mod = getattr(event, "mod", 0)
                command = mod & (pygame.KMOD_CTRL | pygame.KMOD_META) and not mod & pygame.KMOD_ALT
                typed = self.text_input_on and not command
                self._untyped_press_frame = None if typed else self.frame
        elif event.type == pygame.KEYUP:
            self._held.discard((event.key, getattr(event, "scancode", 0)))
        elif event.type == pygame.TEXTINPUT:
            return self._untyped_press_frame != self.frame  # a shortcut's own text: dropped
        elif event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED):
            self._held.clear()  # their KEYUPs go to another window
        return True

    def close(self) -> None:
        if self.studio is not None:
            self.studio.stop()
        while self._stack:
            self._stack.pop().exit()
        self.running = False
        self.services.close()
        if self._window is not None:
            self._window.destroy()
            self._window = None
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

    def restyle(self) -> None:
        """The display settings changed: their look is applied (:meth:`apply_look`), so
        every scene on the stack is laid out again, at the new text size and in the new
        colours, the one below a pause menu too."""
        self.apply_look(Look.from_display(self.services.settings.display))

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
        self._sync_text_input()
        for event in pygame.event.get():
            self._dispatch(event)
            self._apply_pending()
            self._sync_text_input()
        self.drops.deliver(self)
        self._apply_pending()
        top = self.top
        if top is None or not self.running:
            self.running = False  # closed: no more time passes in the game
            return
        top.update(dt)
        self.notice.update(dt)
        self._apply_pending()
        self._draw()
        self.frame += 1

    def _dispatch(self, event: pygame.event.Event) -> None:
        event = self._to_logical(event)  # a window smaller than MIN_SIZE is scaled
        if not self._mark_press(event):
            return
        if any(hook(event) for hook in self._event_hooks):
            return
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.WINDOWSIZECHANGED:
            self._follow_window()
            return
        if self.drops.take(event):
            return
        top = self.top
        if event.type == pygame.KEYDOWN:
            kept = top is not None and top.keeps_key(event)
            if not kept and self._handle_global_key(event):
                return
        if top is not None:
            top.handle_event(event)

    def _handle_global_key(self, event: pygame.event.Event) -> bool:
        bindings = GLOBAL_BINDINGS[:1] if self.text_input_on else GLOBAL_BINDINGS
        return handle_key(self, bindings, event)

    def _draw(self) -> None:
        self._follow_window()
        surface = self.surface
        first = 0
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index].opaque:
                first = index
                break
        self.covered_last_frame = self._covered
        for scene in self._stack[first:]:
            scene.draw(surface)
        self._covered = self.notice.draw(surface, self.services.assets) is not None
        for hook in self._frame_hooks:
            hook(self, surface)
        self._present()
        for hook in self._after_flip_hooks:
            hook(self, surface)
