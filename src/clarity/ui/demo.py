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

Its mode chooses what it shows: the mystery game ("game"), the title's Study ("study": a
pack's flashcards turned and rated, mostly Good) or True or False ("sprint": a sprint
answered mostly right, to its end screen); a study session or a sprint counts as a round.
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
CLASS_RIGHT_SHARE = 0.6  # a team answers right less often: steals and lockouts happen
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
#: the demo's modes: the mystery game, the flashcards, the True or False sprint
MODES = ("game", "study", "sprint")
#: how the study demo rates a turned card (mostly Good, as a student who revised would)
STUDY_RATINGS = ((1, 0.1), (2, 0.15), (3, 0.65), (4, 0.1))  # (the key's digit, its share)
SPRINT_RIGHT_SHARE = 0.85  # how often the sprint demo's verdict is right
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
#: the keys of a US layout at the positions a class demo's buzzers use
_US_KEYS = {
    pygame.KSCAN_LSHIFT: pygame.K_LSHIFT,
    pygame.KSCAN_RSHIFT: pygame.K_RSHIFT,
    **{getattr(pygame, f"KSCAN_{c}"): getattr(pygame, f"K_{c.lower()}") for c in "WYVUP"},
}


@dataclass(frozen=True, slots=True)
class DemoOptions:
    pack_id: str = DEFAULT_PACK_ID
    seed: int | None = None
    #: stop after this many rounds; None: one with a screenshot folder, else never (an
    #: idle projector's attract mode, until a real key or click)
    rounds: int | None = None
    screenshot_dir: Path | None = None
    #: a class game of teams on one screen ("turns" or "buzz"); None: one player's rounds
    class_mode: str | None = None
    teams: int = 4
    #: what the demo shows: "game", "study" or "sprint" (see MODES)
    mode: str = "game"

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
        None if played is None else (played.phase, played.actions_taken),
        # the class game's setup: its step, row, teams and the team asked for a buzzer
        *(getattr(scene, name, None) for name in ("step", "selected", "count", "asking")),
        # a study session's card and side; a sprint's statement and its end
        *(getattr(scene, name, None) for name in ("index", "turned", "statement", "ended")),
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
        self._wrong_guessed = False  # a class demo's wrong guess at the picture is made
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
            "class-kind": self._on_class_kind,
            "class-setup": self._on_class_setup,
            "class-play": self._on_class_play,
            "class-results": self._on_results,
            "study": self._on_study,
            "sprint": self._on_sprint,
        }
        decider = deciders.get(top.name)
        if decider is None:  # a screen the demo does not know: leave it like a player would
            self._shot_once(top.name, "screen")
            self._then(self._pause(), lambda: self._key(pygame.K_ESCAPE))
        else:
            decider(top)

    def _on_title(self, scene: Any) -> None:
        self._shot_once("title", "start", after=self._pause() + 0.5)
        # the mouse this time: point at Play (or Class game), then click it
        if self.options.mode == "study":
            button = scene.study_button
        elif self.options.mode == "sprint":
            button = scene.sprint_button
        elif self.options.class_mode is not None:
            button = scene.class_button
        else:
            button = scene.play_button
        target = button.rect.center
        self._then(self._pause(), lambda: self._mouse_move(target))
        self._then(self._pause() * 0.5, lambda: self._click(target))

    def _on_study(self, scene: Any) -> None:
        """Flashcards: each card turned (Space), then rated with keys 1-4, mostly Good; the
        summary ends the session."""
        if scene.finished:
            self._session_done(scene, "summary")
            return
        if not scene.turned:
            self._shot_once("study", "front", after=self._pause())
            self._then(self._pause(), lambda: self._key(pygame.K_SPACE, " "))
            return
        if scene.flip < 1.0:
            return  # the card still turns: rate it once the back is read
        self._shot_once("study", "back", after=self._pause())
        digits = [digit for digit, _ in STUDY_RATINGS]
        digit = self.rng.choices(digits, weights=[share for _, share in STUDY_RATINGS])[0]
        key = pygame.key.key_code(str(digit))
        self._then(self._pause() * 1.5, lambda: self._key(key, str(digit)))

    def _on_sprint(self, scene: Any) -> None:
        """True or False: each statement answered T or F, mostly right, until the time is up."""
        if scene.ended:
            self._session_done(scene, "result")
            return
        statement = scene.statement
        if statement is None:  # a pack with nothing to sprint on: leave it
            self._shot_once("sprint", "screen")
            self._then(self._pause(), lambda: self._key(pygame.K_ESCAPE))
            return
        self._shot_once("sprint", "statement", after=self._pause() * 0.5)
        if scene.sprint.score > 0:
            self._shot_once("sprint", "going")
        right = self.rng.random() < SPRINT_RIGHT_SHARE
        # the verdict is on the statement showing when the key is pressed, as a player's is
        self._then(self._pause(), lambda: self._verdict(scene, right=right))

    def _verdict(self, scene: Any, *, right: bool) -> None:
        statement = scene.statement
        if statement is None:
            return
        letter = "t" if statement.truth == right else "f"
        self._key(pygame.key.key_code(letter), letter)

    def _session_done(self, scene: Any, what: str) -> None:
        """A study session or a sprint is over: counted, pictured, then the demo stops or
        goes again (Escape back to the packs; the pack is chosen again)."""
        if "counted" not in self._shots_here:
            self._shots_here.add("counted")
            self.rounds_done += 1
        self._shot_once(scene.name, what, after=self._pause())
        last = self.options.last_round
        if last is not None and self.rounds_done >= last:
            linger = 0.0 if self._shooting else self._pause() * RESULTS_LINGER
            self._then(linger, self.app.quit)
            return
        self._then(self._pause() * RESULTS_LINGER, lambda: self._key(pygame.K_ESCAPE))

    def _on_class_kind(self, scene: Any) -> None:
        """Class game: on one screen (1), the game of teams the demo plays."""
        self._then(self._pause(), lambda: self._key(pygame.K_1, "1"))

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

    def _on_class_setup(self, scene: Any) -> None:
        """The teams as asked for (``--teams``), the mode (``--class``), then each team
        presses its buzzer: the keyboard's suggested key, by its position."""
        from clarity.ui.buzzers import SUGGESTED_KEYS  # noqa: PLC0415 - class demo only

        if scene.step == "teams":
            self._shot_once("class-setup", "teams", after=self._pause())
            keys_now = [row.key for row in scene.rows]
            wanted_mode = self.options.class_mode
            if scene.count != self.options.teams:
                self._to_row(scene, keys_now.index("teams"))
                step = pygame.K_RIGHT if scene.count < self.options.teams else pygame.K_LEFT
                self._then(self._pause() * 0.5, lambda: self._key(step))
            elif scene.mode.value != wanted_mode:
                self._to_row(scene, keys_now.index("mode"))
                self._then(self._pause() * 0.5, lambda: self._key(pygame.K_RIGHT))
            else:
                self._then(self._pause(), lambda: self._key(pygame.K_n, "n"))
            return
        if scene.step == "buzzers":
            team = scene.asking
            if team is None:
                self._shot_once("class-setup", "buzzers", after=self._pause())
                self._then(self._pause(), lambda: self._key(pygame.K_RETURN))
                return
            scancode = SUGGESTED_KEYS[scene.count][team]
            self._then(self._pause(), lambda: self._buzzer_key(scancode))
            return
        self._then(self._pause(), lambda: self._key(pygame.K_ESCAPE))

    def _on_class_play(self, scene: Any) -> None:
        """A class game as a class plays it: answers on the turns, steals taken or let go,
        buzzes (now and then two in the same frame), a wrong guess at the picture early
        and a right one once half of it shows."""
        played = scene.round
        if id(played) != self._round_id:
            self._round_id = id(played)
            self._round_shots = set()
            self._guessed = False
            self._wrong_guessed = False
        phase = played.phase
        if phase is Phase.ENDED:
            if scene.board.view.flipping:
                return  # the last tiles still turn: the picture is shown once they have
            self._round_shot("class-play", "revealed", after=1.2)
            self._then(self._pause() * 2, lambda: self._key(pygame.K_RETURN))
            return
        if scene.busy:
            return
        if scene.guesser is not None:  # the guessing team says it; the teacher types it
            right = self._wrong_guessed or played.guess_is_final
            text = played.mystery.answer if right else self._wrong_picture(played)
            self._wrong_guessed = True
            self._guessed = right
            self._type(text, first_pause=self._pause())
            self._round_shot_step("class-play", "guess")
            self._then(self._pause(), lambda: self._key(pygame.K_RETURN))
            return
        teams = range(len(played.contestants))
        if scene.waiting_for_guesser or phase is Phase.FINAL_GUESS:
            guessers = [team for team in teams if played.can_guess(team)]
            if not guessers:
                self._then(self._pause(), lambda: self._key(pygame.K_F5))
                return
            self._round_shot("class-play", "who-guesses")
            team = self.rng.choice(guessers)
            self._then(self._pause(), lambda: self._buzz(scene, team))
            return
        shown = played.board.revealed_share
        wants_guess = (not self._wrong_guessed and played.question_number >= 3) or (
            not self._guessed and shown >= GUESS_SHARE
        )
        if (
            phase in (Phase.ASKING, Phase.OPEN)
            and wants_guess
            and any(played.can_guess(team) for team in teams)
        ):
            ctrl = isinstance(played.question, TypedQuestion) and played.answering is not None
            self._then(self._pause(), lambda: self._key(pygame.K_g, "g", ctrl=ctrl))
            return
        if phase is Phase.FEEDBACK:
            self._round_shot("class-play", "answered", after=0.4)
            self._then(self._pause() * 1.5, lambda: self._key(pygame.K_RETURN))
            return
        if phase is Phase.OPEN:
            self._round_shot("class-play", "open")
            ready = [team for team in teams if played.can_buzz(team, played.question_seconds)]
            if not ready:  # a catch-up head start, or all locked out: wait
                self._then(self._pause(), lambda: None)
                return
            first, second = self.rng.sample(teams, 2)
            if self.rng.random() < 0.3:  # two teams in the same frame: the first one wins
                self._then(self._pause(), lambda: self._buzz(scene, first, second))
            else:
                self._then(self._pause(), lambda: self._buzz(scene, self.rng.choice(ready)))
            return
        if phase is Phase.ASKING:
            if played.stealing:
                self._round_shot("class-play", "steal")
                if self.rng.random() < 0.3:
                    self._then(self._pause(), lambda: self._key(pygame.K_F4))
                    return
            else:
                self._round_shot("class-play", "question")
            self._answer(played, right=self.rng.random() < CLASS_RIGHT_SHARE)

    def _wrong_picture(self, played: Any) -> str:
        """A believable wrong guess: another picture's answer in the pack, else a shrug."""
        others = [m.answer for m in played.pack.rounds if m.answer != played.mystery.answer]
        return self.rng.choice(others) if others else "I am not sure"

    def _buzz(self, scene: Any, *teams: int) -> None:
        """The buzzers of ``teams``, pressed in this order within one frame."""
        from clarity.ui.buzzers import KeyBuzzer  # noqa: PLC0415 - class demo only

        for team in teams:
            buzzer = scene.buzzers.map.buzzer_of(team)
            if isinstance(buzzer, KeyBuzzer):
                self._buzzer_key(buzzer.scancode)

    def _to_row(self, scene: Any, index: int) -> None:
        if scene.selected != index:
            key = pygame.K_DOWN if scene.selected < index else pygame.K_UP
            self._then(self._pause() * 0.3, lambda: self._key(key))

    def _on_pause(self, scene: Any) -> None:
        self._shot_once("pause", "menu")
        self._then(self._pause(), lambda: self._key(pygame.K_ESCAPE))

    def _on_results(self, scene: Any) -> None:
        if getattr(scene, "busy", False):
            return  # the score counts up and the medal pops in: let the class see it
        if "counted" not in self._shots_here:
            self._shots_here.add("counted")
            self.rounds_done += 1
        self._shot_once(scene.name, "summary", after=self._pause())
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

    def _buzzer_key(self, scancode: int) -> None:
        """A team's buzzer key, pressed and let go: its position (scancode) and the key a
        US layout gives it."""
        key = _US_KEYS.get(scancode, 0)
        self._post(pygame.KEYDOWN, key=key, mod=pygame.KMOD_NONE, unicode="", scancode=scancode)
        self._post(pygame.KEYUP, key=key, mod=pygame.KMOD_NONE, unicode="", scancode=scancode)

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
