"""How smooth the class game is on a projector, and how quickly a buzz shows: prints
figures, asserts nothing.

The real App and class play screen at 1920x1080 with six teams buzzing in, on the 20x20
benchmark pack of ``bench_frames`` (a large picture, 420 choice questions). Every
question, one team's buzzer key is pressed (a KEYDOWN with its scancode, posted to SDL's
queue as a keyboard would put it there), the team answers right and the scoreboard counts
its points up while tiles uncover and trophy toasts fly.

1. Frame time: each frame is update + draw + flip (``App.step``) with a fixed dt; p50,
   p99 and the worst over the measured frames. Goal: p99 <= 8 ms.
2. Buzz to screen: from posting the buzz to the end of the first frame whose drawing
   shows that team as the one that buzzed first, in frames (1: that very frame) and in
   milliseconds, for the buzzes after the warm-up frames. Goal: that very frame or the
   next.

The dummy video driver is used, so the figures measure the game's own work.

    .venv/bin/python benchmarks/bench_class_frames.py [--frames 900]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench_frames import DT, SIZE, WARM_UP_FRAMES, percentile, write_pack

TEAMS = 6


def run(frames: int) -> tuple[list[float], list[int], list[float], int]:
    """Milliseconds per frame; frames and milliseconds from each buzz to the frame that
    shows it; the questions answered."""
    import pygame

    from clarity.core.class_round import ClassRules, Mode, Phase
    from clarity.core.teams import ClassGameSetup, Team
    from clarity.resources import bundled_assets_dir
    from clarity.settings import Settings
    from clarity.ui.app import App, WindowOptions
    from clarity.ui.assets import Assets
    from clarity.ui.buzzers import BuzzerInput, BuzzerMap, KeyBuzzer
    from clarity.ui.scenes.class_play import ClassPlayScene
    from clarity.ui.services import GameSettings, PackCatalog, Services
    from clarity.ui.sound import Sound

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pygame.display.init()
        pygame.display.set_mode((16, 16))
        write_pack(folder)
        services = Services(
            assets=Assets(bundled_assets_dir()),
            sound=Sound(enabled=False),
            packs=PackCatalog([folder], bundled_assets_dir()),
            settings=GameSettings(seed=1, saved=Settings()),
        )
        loaded = services.packs.by_id("bench")
        if loaded is None or loaded.pack is None:
            raise SystemExit("the benchmark pack does not load")
        app = App(services, WindowOptions(size=SIZE))
        app.open()
        setup = ClassGameSetup(
            pack_id="bench",
            mystery_index=0,
            seed=1,
            teams=tuple(Team(f"Team {i + 1}", i) for i in range(TEAMS)),
            class_rules=ClassRules(mode=Mode.BUZZ),
        )
        buzzers = BuzzerInput(BuzzerMap.suggested(TEAMS))
        scene = ClassPlayScene(app, loaded, setup, buzzers)
        app.push(scene)
        times: list[float] = []
        buzz_frames: list[int] = []
        buzz_ms: list[float] = []
        answered = 0
        team = 0
        posted_at: float | None = None
        waited = 0
        for frame in range(WARM_UP_FRAMES + frames):
            played = scene.round
            if posted_at is None and not scene.busy and played.phase is Phase.OPEN:
                buzzer = buzzers.map.buzzer_of(team)
                assert isinstance(buzzer, KeyBuzzer)
                posted_at, waited = time.perf_counter(), 0
                for kind in (pygame.KEYDOWN, pygame.KEYUP):
                    pygame.event.post(
                        pygame.event.Event(kind, key=0, mod=0, unicode="", scancode=buzzer.scancode)
                    )
            elif not scene.busy and played.phase is Phase.ASKING and scene.buzzed is not None:
                question = played.question
                scene.answer_choice(question.right_index)  # type: ignore[union-attr]
                answered += 1
                team = (team + 1) % TEAMS
            elif not scene.busy and played.phase is Phase.FEEDBACK:
                scene.next_question()
            start = time.perf_counter()
            app.step(DT)
            end = time.perf_counter()
            if posted_at is not None:
                waited += 1
                if scene.buzzed is not None and f"Team {scene.buzzed + 1}" in scene.status:
                    if frame >= WARM_UP_FRAMES:  # the first buzz also lays out the status
                        buzz_frames.append(waited)
                        buzz_ms.append((end - posted_at) * 1000)
                    posted_at = None
            if frame >= WARM_UP_FRAMES:
                times.append((end - start) * 1000)
        app.close()
    return times, buzz_frames, buzz_ms, answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=900, help="frames measured (900)")
    args = parser.parse_args()
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    times, frames, ms, answered = run(args.frames)
    print(f"class game, {TEAMS} teams buzzing in at {SIZE[0]}x{SIZE[1]}: {len(times)} frames")
    print(
        f"  frame time: p50 {statistics.median(times):.2f} ms, p99 {percentile(times, 0.99):.2f}"
        f" ms, worst {max(times):.2f} ms (goal p99 <= 8 ms)"
    )
    print(
        f"  buzz to screen: {len(frames)} buzzes, shown in frame "
        f"{min(frames)}-{max(frames)} (1 = the frame it was pressed in; goal <= 2); "
        f"{statistics.median(ms):.2f} ms median, {max(ms):.2f} ms worst"
    )
    print(f"  questions answered: {answered}")


if __name__ == "__main__":
    main()
