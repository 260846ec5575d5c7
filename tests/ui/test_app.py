"""The App's scene stack: lifecycle order, deferred changes, drawing and the hooks."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pygame
import pytest

from clarity.ui.app import App
from clarity.ui.scene import Scene

from .menus import headless, open_app, press, step


class Recorder(Scene):
    """A scene that writes down every lifecycle call, into a log shared with the others."""

    def __init__(self, app: App, label: str, log: list[str], *, opaque: bool = True) -> None:
        super().__init__(app)
        self.label = label
        self.log = log
        self.opaque = opaque
        self.draws = 0

    def enter(self) -> None:
        self.log.append(f"{self.label}.enter")

    def exit(self) -> None:
        self.log.append(f"{self.label}.exit")

    def pause(self) -> None:
        self.log.append(f"{self.label}.pause")

    def resume(self) -> None:
        self.log.append(f"{self.label}.resume")

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_p:
            self.log.append(f"{self.label}.asks-push")
            self.app.push(Recorder(self.app, "pushed", self.log))
            # the new scene is not on the stack before the frame ends
            self.log.append(f"top={self.app.top.label}")  # type: ignore[union-attr]

    def draw(self, surface: pygame.Surface) -> None:
        self.draws += 1


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    headless(monkeypatch)
    app = open_app([])
    yield app
    app.close()


def test_push_pauses_the_scene_below_and_pop_resumes_it(app: App) -> None:
    log: list[str] = []
    a, b = Recorder(app, "a", log), Recorder(app, "b", log)
    app.push(a)
    step(app)
    app.push(b)
    step(app)
    app.pop()
    step(app)
    assert log == ["a.enter", "a.pause", "b.enter", "b.exit", "a.resume"]
    assert app.top is a


def test_replace_swaps_the_top_and_reset_empties_the_stack_without_resuming(app: App) -> None:
    log: list[str] = []
    a, b, c, d = (Recorder(app, name, log) for name in "abcd")
    app.push(a)
    app.push(b)
    step(app)
    log.clear()
    app.replace(c)
    step(app)
    assert log == ["b.exit", "c.enter"]  # a stays paused under the new top
    log.clear()
    app.reset(d)
    step(app)
    assert log == ["c.exit", "a.exit", "d.enter"]
    assert app.scenes == (d,)


def test_stack_changes_wait_for_the_end_of_the_frame(app: App) -> None:
    log: list[str] = []
    app.push(Recorder(app, "a", log))
    step(app)
    press(app, pygame.K_p, frames=1)
    assert log == ["a.enter", "a.asks-push", "top=a", "a.pause", "pushed.enter"]


def test_replacing_or_resetting_a_lone_scene_keeps_the_game_running(app: App) -> None:
    log: list[str] = []
    app.push(Recorder(app, "a", log))
    step(app)
    app.replace(Recorder(app, "b", log))
    step(app)
    assert app.running
    app.reset(Recorder(app, "c", log))
    step(app)
    assert app.running
    assert log == ["a.enter", "a.exit", "b.enter", "b.exit", "c.enter"]


def test_popping_the_last_scene_stops_the_app(app: App) -> None:
    app.push(Recorder(app, "a", []))
    step(app)
    app.pop()
    step(app)
    assert not app.running


def test_a_translucent_scene_is_drawn_over_the_scene_below(app: App) -> None:
    log: list[str] = []
    hidden, below = Recorder(app, "hidden", log), Recorder(app, "below", log)
    overlay = Recorder(app, "overlay", log, opaque=False)
    for scene in (hidden, below, overlay):
        app.push(scene)
    step(app, 3)
    assert (hidden.draws, below.draws, overlay.draws) == (0, 3, 3)


def test_an_event_hook_sees_events_first_and_may_keep_them(app: App) -> None:
    log: list[str] = []
    app.push(Recorder(app, "a", log))
    seen: list[int] = []

    def hook(event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            seen.append(event.key)
            return event.key == pygame.K_p  # keep P from the scene
        return False

    app.add_event_hook(hook)
    press(app, pygame.K_p)
    assert seen == [pygame.K_p]
    assert "a.asks-push" not in log


def test_frame_hooks_run_before_and_after_the_flip(app: App) -> None:
    calls: list[tuple[str, int]] = []
    app.add_frame_hook(lambda a, s: calls.append(("before", a.frame)))
    app.add_frame_hook(lambda a, s: calls.append(("after", a.frame)), after_flip=True)
    app.push(Recorder(app, "a", []))
    step(app, 2)
    assert calls == [("before", 0), ("after", 0), ("before", 1), ("after", 1)]


def test_run_with_a_fixed_dt_never_waits(app: App) -> None:
    times: list[float] = []

    class Counter(Scene):
        def update(self, dt: float) -> None:
            times.append(dt)
            if len(times) == 120:
                self.app.quit()

    app.run(Counter(app), fixed_dt=0.5)
    assert times == [0.5] * 120


def test_a_game_without_an_audio_device_plays_silently(tmp_path: object) -> None:
    """With an audio driver that does not exist the mixer cannot start: play on, silent."""
    script = textwrap.dedent(
        """
        import pygame
        from clarity.ui.app import App, WindowOptions
        from clarity.ui.launch import LaunchOptions, build_services
        from pathlib import Path
        import sys

        services = build_services(LaunchOptions(data_dir=Path(sys.argv[1])), sound=True)
        app = App(services, WindowOptions(size=(1024, 640)))
        app.open()
        app.screens.push("play", loaded=services.packs.by_id("solar-system"), seed=1)
        presses = [
            (pygame.K_a, pygame.KSCAN_A, "a"),
            (pygame.K_t, pygame.KSCAN_T, "t"),
            (pygame.K_RETURN, pygame.KSCAN_RETURN, "\\r"),
            (pygame.K_m, pygame.KSCAN_M, "m"),
            (pygame.K_m, pygame.KSCAN_M, "m"),
        ]
        for key, scancode, typed in presses:
            for _ in range(90):
                app.step(1 / 60)
            for kind in (pygame.KEYDOWN, pygame.KEYUP):  # a press, not a held key
                pygame.event.post(
                    pygame.event.Event(kind, key=key, scancode=scancode, mod=0, unicode=typed)
                )
        for name in ("right", "wrong", "uncover", "trophy", "guessed", "click"):
            services.sound.play(name)
        for _ in range(30):
            app.step(1 / 60)
        print("available", services.sound.available, "answers", len(app.top.round.answers))
        app.close()
        """
    )
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "nosuchdriver",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["available", "False", "answers", "1"]
