"""How smooth and how quick to start the game is: prints figures, asserts nothing.

1. Frame time: the real App and play scene at 1920x1080 on a 20x20 grid (a temporary
   pack of 420 questions over a large picture), answering right as fast as the scene
   takes answers, so tiles keep uncovering while trophy toasts and flying points
   animate. Each frame is update + draw + flip (``App.step``) with a fixed dt; p50,
   p99 and the worst over the measured frames. Goal: p99 <= 8 ms.
2. Start-up: from starting a process to the first frame on the screen, for ``clarity``
   (its hidden ``--exit-after-first-frame`` prints the wall-clock time of its first
   flip) and for a bare pygame program (import, init, set_mode, fill, flip), both in
   fresh processes, the median of several runs. Goal: clarity <= 2x bare pygame.
3. Peak memory (ru_maxrss) of this process after the frame benchmark, and of the
   largest child. Goal: <= 150 MB.

The dummy video driver is used throughout, so the figures measure the game's own work
(a real display adds the driver's copy to the screen).

    .venv/bin/python benchmarks/bench_frames.py [--frames 900] [--starts 7]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

SIZE = (1920, 1080)
GRID = 20
QUESTIONS = 420
WARM_UP_FRAMES = 30
DT = 1 / 60
BARE_PYGAME = """
import time
import pygame
pygame.init()
screen = pygame.display.set_mode((1280, 800))
screen.fill((24, 22, 64))
pygame.display.flip()
print("first-frame", f"{time.time():.6f}", flush=True)
"""


def write_pack(folder: Path) -> Path:
    """A 20x20 pack with enough questions to uncover every tile, and a big picture."""
    import pygame

    picture = pygame.Surface((1600, 1200))
    for y in range(0, 1200, 8):  # stripes and blocks: a picture that is not one colour
        pygame.draw.rect(picture, ((y * 3) % 256, (y * 7) % 256, 160), (0, y, 1600, 8))
    for x in range(0, 1600, 100):
        pygame.draw.circle(picture, (250, 220, 80), (x + 50, (x * 3) % 1200), 40)
    pygame.image.save(picture, str(folder / "mystery.png"))
    pack = {
        "clarity": 1,
        "id": "bench",
        "title": "Benchmark pack",
        "description": "A 20x20 grid with many questions.",
        "time_limit": 30,
        "rounds": [{"image": "mystery.png", "answer": "Benchmark", "grid": f"{GRID}x{GRID}"}],
        "questions": [
            {
                "id": f"q{i}",
                "type": "choice",
                "prompt": f"Question {i}: which of these answers is the right one here?",
                "choices": ["Not this one", "The right one", "Not that one", "Nor this"],
                "answer": "The right one",
            }
            for i in range(QUESTIONS)
        ],
    }
    path = folder / "bench.yaml"
    path.write_text(yaml.safe_dump(pack, sort_keys=False), encoding="utf-8")
    return path


def frame_times(
    frames: int, *, read_aloud: bool = False, heard: list[float] | None = None
) -> tuple[list[float], int, int]:
    """Milliseconds per frame while the round plays itself; and tiles and toasts seen.

    With ``read_aloud`` every question and its answers are read aloud by the real engine
    (the mixer on the dummy audio driver), each answered once its reading is heard; the
    seconds from a question shown to its reading playing are added to ``heard``.
    """
    import pygame

    from clarity.core.round import Phase
    from clarity.settings import Settings
    from clarity.ui.app import App, WindowOptions
    from clarity.ui.assets import Assets
    from clarity.ui.scenes.play import PlayScene
    from clarity.ui.services import GameSettings, PackCatalog, Services
    from clarity.ui.sound import Sound

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pygame.display.init()
        pygame.display.set_mode((16, 16))  # write_pack converts nothing, but draws
        write_pack(folder)
        from clarity.resources import bundled_assets_dir

        services = Services(
            assets=Assets(bundled_assets_dir()),
            sound=Sound(enabled=read_aloud),
            packs=PackCatalog([folder], bundled_assets_dir()),
            settings=GameSettings(
                seed=1,
                saved=Settings().with_values(
                    {"read-aloud": "question-and-answers" if read_aloud else "off"}
                ),
            ),
        )
        loaded = services.packs.by_id("bench")
        if loaded is None:
            problems = [str(p) for pack in services.packs.all() for p in pack.problems]
            raise SystemExit("the benchmark pack does not load:\n" + "\n".join(problems))
        app = App(services, WindowOptions(size=SIZE))
        app.open()
        scene = PlayScene(app, loaded, seed=1)
        app.push(scene)
        times: list[float] = []
        answered = 0
        shown_at: dict[int, float] = {}  # question number: when it came into view
        for frame in range(WARM_UP_FRAMES + frames):
            if read_aloud:
                number = scene.round.question_number
                shown_at.setdefault(number, time.perf_counter())
                speaking = services.speaker.speaking
                if speaking is None or speaking[1] != number:
                    app.step(DT)  # not heard yet: no answer (and this frame is not timed)
                    continue
                if heard is not None and len(heard) < number:
                    heard.append(time.perf_counter() - shown_at[number])
            if not scene.busy:
                question = scene.round.question
                if scene.round.phase is Phase.ASKING and question is not None:
                    scene.answer_choice(question.right_index)  # type: ignore[union-attr]
                    answered += 1
                elif scene.round.phase is Phase.FEEDBACK:
                    scene.next_question()
            start = time.perf_counter()
            app.step(DT)
            if frame >= WARM_UP_FRAMES:
                times.append((time.perf_counter() - start) * 1000)
        trophies = len(scene.tracker.earned)
        app.close()
    return times, answered, trophies


def first_frame_seconds(argv: list[str], runs: int, bytecode: Path) -> list[float]:
    """Seconds from starting ``argv`` to the first-frame time it prints, ``runs`` times.

    Like an installed game, the runs use compiled bytecode (kept in ``bytecode``, not in
    the source tree); a first run that is not counted compiles it.
    """
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "PYTHONPYCACHEPREFIX": str(bytecode),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(argv, env=env, capture_output=True, check=True)
    seconds = []
    for _ in range(runs):
        started = time.time()
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        line = next(x for x in done.stdout.splitlines() if x.startswith("first-frame"))
        seconds.append(float(line.split()[1]) - started)
    return seconds


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=900, help="frames measured (900)")
    parser.add_argument("--starts", type=int, default=7, help="start-ups of each program (7)")
    args = parser.parse_args()
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as bytecode:
        game = first_frame_seconds(
            [sys.executable, "-m", "clarity", "--exit-after-first-frame", "--data-dir", data],
            args.starts,
            Path(bytecode),
        )
        bare = first_frame_seconds([sys.executable, "-c", BARE_PYGAME], args.starts, Path(bytecode))
    game_ms, bare_ms = statistics.median(game) * 1000, statistics.median(bare) * 1000
    print(f"first frame after process start (median of {args.starts}):")
    print(f"  clarity      {game_ms:7.1f} ms")
    print(f"  bare pygame  {bare_ms:7.1f} ms   ratio {game_ms / bare_ms:.2f}   (goal: <= 2.0)")

    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    times, answered, trophies = frame_times(args.frames)
    print(
        f"frames at {SIZE[0]}x{SIZE[1]}, {GRID}x{GRID} grid: {len(times)} measured, "
        f"{answered} tiles uncovered, {trophies} trophies"
    )
    print(
        f"  update+draw+flip: p50 {statistics.median(times):.2f} ms, "
        f"p99 {percentile(times, 0.99):.2f} ms, worst {max(times):.2f} ms   (goal: p99 <= 8 ms)"
    )
    heard: list[float] = []
    times, answered, _ = frame_times(args.frames, read_aloud=True, heard=heard)
    if heard:
        print(f"the same while every question and its answers are read aloud ({answered} read):")
        print(
            f"  update+draw+flip: p50 {statistics.median(times):.2f} ms, "
            f"p99 {percentile(times, 0.99):.2f} ms   (goal: p99 <= 8 ms)"
        )
        print(
            f"  question shown to its reading heard: median {statistics.median(heard) * 1000:.0f}"
            f" ms, worst {max(heard) * 1000:.0f} ms   (goal: < 300 ms)"
        )
    else:
        print("read aloud: no speech engine here (espeak-ng), not measured")

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: frame benchmark {own:.0f} MB, largest start-up {children:.0f} MB")
    print("  (goal: <= 150 MB)")


if __name__ == "__main__":
    main()
