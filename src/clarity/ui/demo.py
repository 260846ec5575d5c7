"""The demo autopilot: the real game, played by posting the events a player would make.

Every frame (through an App frame hook) the autopilot looks at the scene on top and, when
the scene is ready for input, plans the next few actions: key presses, typed letters,
mouse clicks, each after a human-like pause, so a class watching an idle projector can
follow. It never calls a scene's methods: it reads what the scene shows (the round's
phase and question, whether the scene is busy) and presses keys, so the demo exercises
exactly what a player would.

Its own events carry ``demo=True``. Without a screenshot folder the demo plays at a pace
a class can follow, until a real key or click arrives or its rounds are played; with
one, it runs with a fixed frame time and no waiting, saves a PNG of every screen it
passes through and stops after its rounds (one unless told).
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from clarity.core.packs.models import (
    ChoiceQuestion,
    NumberQuestion,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.round import Phase
from clarity.resources import DEFAULT_PACK_ID

if TYPE_CHECKING:
    from clarity.ui.app import App
    from clarity.ui.scene import Scene

SHOT_DT = 1 / 60  # the fixed frame time of a screenshot run
RIGHT_SHARE = 0.8  # how often the autopilot answers right
GUESS_SHARE = 0.5  # it guesses the image once this much of it shows
# (shortest, longest) seconds between two actions: slow enough for a class to follow on a
# projector; brisk when only screenshots are wanted.
WATCHED_PAUSE = (0.6, 1.5)
SHOT_PAUSE = (0.15, 0.3)
WATCHED_KEYSTROKE = (0.06, 0.16)
SHOT_KEYSTROKE = (0.02, 0.03)
SETTLE_FRAMES = 3  # frames for posted events to reach the scene before deciding again
# Game seconds without progress (see _progress) before the demo gives up: nothing in a
# round keeps it waiting half as long. A screenshot run stops sooner, so that a demo
# broken by a change fails a test quickly rather than hanging it.
STUCK_SECONDS = 60.0
SHOT_STUCK_SECONDS = 20.0
RESULTS_LINGER = 3.0  # the results stay up this many pauses before the demo goes on
#: the input a real person makes; the autopilot's own events are marked and let through
_REAL_INPUT = frozenset(
    {
        pygame.KEYDOWN,
        pygame.KEYUP,
        pygame.TEXTINPUT,
        pygame.MOUSEBUTTONDOWN,
        pygame.MOUSEBUTTONUP,
        pygame.MOUSEMOTION,
        pygame.MOUSEWHEEL,
    }
)
_STOP_INPUT = frozenset({pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN})


@dataclass(frozen=True, slots=True)
class DemoOptions:
    pack_id: str = DEFAULT_PACK_ID
    seed: int | None = None
    #: stop after this many rounds; None: one with a screenshot folder, else never (an
    #: idle projector's attract mode, until a real key or click)
    rounds: int | None = None
    screenshot_dir: Path | None = None

    @property
    def last_round(self) -> int | None:
        """The number of rounds after which the demo stops; None: it goes on."""
        if self.rounds is None and self.screenshot_dir is not None:
            return 1
        return self.rounds


def _progress(scene: Scene | None) -> tuple[object, ...]:
    """What changes when the game moves on: the screen, its focus, whether it is busy,
    and on a round its phase, answers, guesses and the guess field. Keys pressed with no
    effect change none of it: that is how a stuck demo is told from a slow one."""
    if scene is None:
        return (None,)
    played = getattr(scene, "round", None)
    return (
        id(scene),
        getattr(getattr(scene, "focus", None), "index", None),
        getattr(scene, "busy", None),
        getattr(scene, "guessing", None),
        None if played is None else (played.phase, len(played.answers), len(played.guesses)),
    )


@dataclass
class _Step:
    """One planned action: wait ``delay`` seconds, then ``run()``."""

    delay: float
    run: Callable[[], None]


class Autopilot:
    """Plays the game in ``app`` from the title on; attach it before ``app.run``."""

    def __init__(
        self, app: App, options: DemoOptions, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.app = app
        self.options = options
        self.rng = random.Random(options.seed)
        self.screenshots: list[Path] = []
        self.rounds_done = 0
        self.failure: str | None = None  # why the demo gave up, for a screenshot run
        self._shooting = options.screenshot_dir is not None
        self._clock = clock
        self._last_tick: float | None = None
        self._plan: deque[_Step] = deque()
        self._settle = 0
        self._scene: Scene | None = None
        self._progress: tuple[object, ...] = ()
        self._idle_seconds = 0.0
        self._shots_here: set[str] = set()
        self._round_id: int | None = None  # id() of the round being played
        self._round_shots: set[str] = set()
        self._guessed = False
        self._paused_once = False
        if options.screenshot_dir is not None:
            options.screenshot_dir.mkdir(parents=True, exist_ok=True)
        app.add_event_hook(self._on_event)
        app.add_frame_hook(self._on_frame)

    @property
    def fixed_dt(self) -> float | None:
        """The frame time to run the App with: fixed and unthrottled for screenshots."""
        return SHOT_DT if self._shooting else None

    # -- the hooks ------------------------------------------------------------------

    def _on_event(self, event: pygame.event.Event) -> bool:
        if event.type not in _REAL_INPUT or getattr(event, "demo", False):
            return False
        if not self._shooting and event.type in _STOP_INPUT:
            self.app.quit()  # somebody wants the computer back
        return True  # real input never reaches the scenes while the demo plays

    def _on_frame(self, app: App, surface: pygame.Surface) -> None:
        dt = self._frame_seconds()
        top = app.top
        if top is not self._scene:
            self._scene = top
            self._shots_here = set()
            self._plan.clear()
            self._settle = SETTLE_FRAMES
        progress = _progress(top)
        if progress != self._progress or getattr(top, "loading", False):
            # a screen still loading (the packs come in a background thread, slowly on a
            # busy computer) is waiting, not stuck: starting again from the title would
            # only bring the demo back to the same wait
            self._progress, self._idle_seconds = progress, 0.0
        else:
            self._idle_seconds += dt
        if top is None:
            return
        if self._idle_seconds > (SHOT_STUCK_SECONDS if self._shooting else STUCK_SECONDS):
            self._stuck(top)
            return
        if self._plan:
            step = self._plan[0]
            step.delay -= dt
            if step.delay <= 0:
                self._plan.popleft()
                step.run()
                if not self._plan:
                    self._settle = SETTLE_FRAMES
            return
        if self._settle > 0:
            self._settle -= 1
            return
        self._decide(top)

    def _frame_seconds(self) -> float:
        if self._shooting:
            return SHOT_DT
        now = self._clock()
        dt = 0.0 if self._last_tick is None else min(0.1, now - self._last_tick)
        self._last_tick = now
        return dt

    def _stuck(self, top: Scene) -> None:
        self._idle_seconds = 0.0
        if self._shooting:
            self.failure = f"the demo got stuck on the {top.name} screen"
            self.app.quit()
        else:  # an unattended projector: start again from the title
            from clarity.ui.scenes.title import TitleScene  # noqa: PLC0415 - title imports packs

            self.app.reset(TitleScene(self.app))

    # -- deciding ---------------------------------------------------------------------

    def _decide(self, top: Scene) -> None:
        deciders: dict[str, Callable[[Any], None]] = {
            "title": self._on_title,
            "packs": self._on_packs,
            "play": self._on_play,
            "results": self._on_results,
            "pause": self._on_pause,
        }
        decider = deciders.get(top.name)
        if decider is None:  # a screen the demo does not know: leave it like a player would
            self._shot_once(top.name, "screen")
            self._then(self._pause(), lambda: self._key(pygame.K_ESCAPE))
        else:
            decider(top)

    def _on_title(self, scene: Any) -> None:
        self._shot_once("title", "start", after=self._pause() + 0.5)
        # the mouse this time: point at Play, then click it
        target = scene.play_button.rect.center
        self._then(self._pause(), lambda: self._mouse_move(target))
        self._then(self._pause() * 0.5, lambda: self._click(target))

    def _on_packs(self, scene: Any) -> None:
        if scene.loading:  # the packs come in the background: look again in a moment
            self._then(self._pause() * 0.5, lambda: None)
            return
        self._shot_once("packs", "choose")
        focused = scene.focused_pack
        if focused is not None and focused.id == self.options.pack_id:
            self._then(self._pause(), lambda: self._key(pygame.K_RETURN))
            return
        ids = [c.loaded.id for c in scene.cards if c.playable]
        if self.options.pack_id not in ids:
            self.failure = f'the demo cannot find the pack "{self.options.pack_id}"'
            self._then(0.0, self.app.quit)
            return
        self._then(self._pause() * 0.5, lambda: self._key(pygame.K_DOWN))

    def _on_pause(self, scene: Any) -> None:
        self._shot_once("pause", "menu")
        self._then(self._pause(), lambda: self._key(pygame.K_ESCAPE))

    def _on_results(self, scene: Any) -> None:
        if getattr(scene, "busy", False):
            return  # the score counts up and the medal pops in: let the class see it
        if "counted" not in self._shots_here:
            self._shots_here.add("counted")
            self.rounds_done += 1
        self._shot_once("results", "summary", after=self._pause())
        last = self.options.last_round
        if last is not None and self.rounds_done >= last:
            # a watching class sees the last score before the demo ends
            linger = 0.0 if self._shooting else self._pause() * RESULTS_LINGER
            self._then(linger, self.app.quit)
            return
        # the pack's next picture (P); in an endless demo every other round goes back to
        # the title, so the whole game is on show
        back_to_title = not self._shooting and self.rounds_done % 2 == 0
        key, letter = (pygame.K_t, "t") if back_to_title else (pygame.K_p, "p")
        self._then(self._pause() * RESULTS_LINGER, lambda: self._key(key, letter))

    def _on_play(self, scene: Any) -> None:
        played = scene.round
        if id(played) != self._round_id:  # a new round: new first shots, a new guess
            self._round_id = id(played)
            self._round_shots = set()
            self._guessed = False
        phase = played.phase
        if phase is Phase.ENDED:
            self._round_shot("play", "revealed", after=1.2)
            if scene.card.scrolls and "read-the-end" not in self._round_shots:
                # a long answer or caption: the card waits for Enter once it is read
                self._round_shots.add("read-the-end")
                self._then(self._pause() * 2, lambda: self._key(pygame.K_RETURN))
            return  # else the scene moves on to the results by itself
        if scene.busy:
            return
        if scene.guessing:
            self._type_guess(played.mystery.answer)
            return
        if phase is Phase.FINAL_GUESS or (
            phase is Phase.ASKING
            and not self._guessed
            and played.board.revealed_share >= GUESS_SHARE
        ):
            # while an answer is being typed, G is a letter: Ctrl+G opens the guess
            ctrl = isinstance(played.question, TypedQuestion) and phase is Phase.ASKING
            self._then(self._pause(), lambda: self._key(pygame.K_g, "g", ctrl=ctrl))
            return
        if phase is Phase.FEEDBACK:
            verdict = "right" if scene.feedback and scene.feedback.event.right else "wrong"
            self._round_shot("play", f"answered-{verdict}", after=0.4)
            if self._shooting and not self._paused_once:
                self._paused_once = True  # show the pause menu once, for its screenshot
                self._then(self._pause(), lambda: self._key(pygame.K_ESCAPE))
                return
            self._then(self._pause() * 1.5, lambda: self._key(pygame.K_RETURN))
            return
        if phase is Phase.ASKING:
            self._round_shot("play", "question")
            self._answer(played, right=self.rng.random() < RIGHT_SHARE)

    def _answer(self, played: Any, *, right: bool) -> None:
        question = played.question
        if isinstance(question, ChoiceQuestion):
            rights = question.right_indexes
            # one right answer draws nothing, so a pack's demo plays as it always has
            index = rights[0] if len(rights) == 1 else self.rng.choice(rights)
            if not right:
                index = self.rng.choice(
                    [i for i in range(len(question.choices)) if i not in question.right_indexes]
                )
            letter = "abcdef"[index]
            self._then(self._pause(), lambda: self._key(pygame.key.key_code(letter), letter))
        elif isinstance(question, TrueFalseQuestion):
            letter = "t" if question.answer == right else "f"
            self._then(self._pause(), lambda: self._key(pygame.key.key_code(letter), letter))
        elif isinstance(question, TypedQuestion):  # a number question too
            text = question.answer if right else self._wrong_typed(played, question)
            self._type(text, first_pause=self._pause())
            self._then(self._pause() * 0.5, lambda: self._key(pygame.K_RETURN))

    def _wrong_typed(self, played: Any, question: TypedQuestion) -> str:
        """A believable slip: another typed question's answer (for a number question, a
        number just outside its bounds), else a shrug."""
        if isinstance(question, NumberQuestion):
            low, high = question.bounds(played.pack.language)
            if high.is_finite():
                return f"{high + 1 + abs(high) // 10}"
            return f"{low - 1 - abs(low) // 10}"  # "at least": a number just under it
        others = [
            q.answer
            for q in played.pack.questions
            if isinstance(q, TypedQuestion) and q.answer != question.answer
        ]
        return self.rng.choice(others) if others else "I am not sure"

    def _type_guess(self, answer: str) -> None:
        self._guessed = True
        self._type(answer, first_pause=self._pause())
        self._round_shot_step("play", "guess")
        self._then(self._pause(), lambda: self._key(pygame.K_RETURN))

    # -- planning -----------------------------------------------------------------------

    def _pause(self) -> float:
        low, high = SHOT_PAUSE if self._shooting else WATCHED_PAUSE
        return self.rng.uniform(low, high)

    def _keystroke(self) -> float:
        low, high = SHOT_KEYSTROKE if self._shooting else WATCHED_KEYSTROKE
        return self.rng.uniform(low, high)

    def _then(self, delay: float, run: Callable[[], None]) -> None:
        self._plan.append(_Step(delay, run))

    def _type(self, text: str, *, first_pause: float) -> None:
        for i, char in enumerate(text):
            delay = first_pause if i == 0 else self._keystroke()
            self._then(delay, lambda c=char: self._char(c))

    # -- screenshots -------------------------------------------------------------------

    def _shot_once(self, scene: str, what: str, *, after: float = 0.0) -> None:
        """Plan a screenshot of this screen, once per visit to it."""
        if not self._shooting or what in self._shots_here:
            return
        self._shots_here.add(what)
        self._then(after, lambda: self._save(scene, what))

    def _round_shot(self, scene: str, what: str, *, after: float = 0.0) -> None:
        """Plan a screenshot of a moment of the round, once per round."""
        if not self._shooting or what in self._round_shots:
            return
        self._round_shots.add(what)
        self._then(after, lambda: self._save(scene, what))

    def _round_shot_step(self, scene: str, what: str) -> None:
        self._round_shot(scene, what, after=self._keystroke())

    def _save(self, scene: str, what: str) -> None:
        directory = self.options.screenshot_dir
        if directory is None:
            return
        path = directory / f"{len(self.screenshots) + 1:02d}-{scene}-{what}.png"
        pygame.image.save(self.app.surface, str(path))
        self.screenshots.append(path)

    # -- posting what a player would do ---------------------------------------------------

    def _post(self, kind: int, **fields: Any) -> None:
        pygame.event.post(pygame.event.Event(kind, demo=True, **fields))

    def _key(self, key: int, text: str = "", *, ctrl: bool = False) -> None:
        """A command key (Enter, G, an answer letter): no text input goes with it, as with
        a real keyboard while no text field is open."""
        mod = pygame.KMOD_LCTRL if ctrl else pygame.KMOD_NONE
        self._post(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0)
        self._post(pygame.KEYUP, key=key, mod=mod, unicode=text, scancode=0)

    def _char(self, char: str) -> None:
        """One typed character, as a keyboard and its text input deliver it."""
        try:
            key = pygame.key.key_code(char.lower()) if char.isascii() and char.isalnum() else 0
        except ValueError:
            key = 0
        if key:
            self._post(pygame.KEYDOWN, key=key, mod=pygame.KMOD_NONE, unicode=char, scancode=0)
        self._post(pygame.TEXTINPUT, text=char)
        if key:
            self._post(pygame.KEYUP, key=key, mod=pygame.KMOD_NONE, unicode=char, scancode=0)

    def _mouse_move(self, pos: tuple[int, int]) -> None:
        self._post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0), touch=False)

    def _click(self, pos: tuple[int, int]) -> None:
        self._post(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False)
        self._post(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)
