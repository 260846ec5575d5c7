"""Memory and time of a round whose pictures are all 4096x4096: prints figures, asserts nothing.

Writes a pack of one round and 30 questions, each with its own 4096x4096 picture (31 in
all: the largest the format allows; copies of one noisy photo, so none is cheap to
decode), then, each in a fresh process so each peak is its own:

1. validate: ``load_pack`` decodes every picture, one at a time, as the game will;
2. a round: the real App and play scene at 1920x1080 answer every question right as fast
   as the scene takes answers, so every question's picture is decoded, scaled and drawn,
   and every tile of the mystery picture uncovers.

For each: the wall time, the peak of Python's own allocations (tracemalloc; Pillow's and
SDL's pixel buffers are not among them) and the process's peak resident size
(ru_maxrss, which counts them). The round is played twice, the second time traced
(tracemalloc's own bookkeeping would swell the first's resident size). For the round
also the slowest frame (a picture decoded in it) and the pictures' cache at its fullest
against its budget. Goal: a few hundred MiB, where the game kept every decoded picture
before (1.4 GiB for such a round).

    .venv/bin/python benchmarks/bench_pictures.py [--pictures 31] [--side 4096] [--png]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

MIB = 1024 * 1024
SIZE = (1920, 1080)
DT = 1 / 60


def write_pack(folder: Path, pictures: int, side: int, png: bool) -> Path:
    """A round and ``pictures - 1`` questions, each with its own ``side``-pixel picture."""
    from PIL import Image, ImageDraw

    photo = Image.effect_noise((side, side), 48).convert("RGB")
    draw = ImageDraw.Draw(photo)
    for i in range(0, side, side // 16):  # shapes over the noise, as a photo has
        draw.ellipse((i, i // 2, i + side // 8, i // 2 + side // 8), fill=(250, 200, 60))
    if png:
        photo.putalpha(200)  # transparency to flatten: the most work a picture can ask
    suffix = ".png" if png else ".jpg"
    first = folder / f"picture-0{suffix}"
    if png:
        photo.save(first)
    else:
        photo.save(first, quality=85)
    del photo
    for i in range(1, pictures):
        os.link(first, folder / f"picture-{i}{suffix}")  # another name: decoded anew
    questions = pictures - 1
    rows = max(r for r in range(1, int(questions**0.5) + 1) if questions % r == 0)
    data = {
        "clarity": 1,
        "id": "bench-pictures",
        "title": "Large pictures",
        "description": "Every picture 4096x4096.",
        "rounds": [
            {
                "image": f"picture-0{suffix}",
                "answer": "Noise",
                "grid": f"{rows}x{questions // rows}",
            }
        ],
        "questions": [
            {
                "type": "choice",
                "prompt": f"Question {i}: which is right?",
                "choices": ["right", "wrong"],
                "answer": "right",
                "image": f"picture-{i}{suffix}",
            }
            for i in range(1, pictures)
        ],
    }
    path = folder / "pack.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (MIB if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB elsewhere


def phase_validate(pack: Path) -> None:
    from clarity.core.packs.loader import load_pack
    from clarity.resources import bundled_assets_dir

    tracemalloc.start()
    start = time.perf_counter()
    loaded = load_pack(pack, assets_dir=bundled_assets_dir())
    seconds = time.perf_counter() - start
    _, python_peak = tracemalloc.get_traced_memory()
    problems = [str(p) for p in loaded.errors]
    print(
        f"validate: {len(loaded.images)} pictures checked in {seconds:.2f} s "
        f"({seconds / max(1, len(loaded.images)) * 1000:.0f} ms each); "
        f"Python peak {python_peak / MIB:.1f} MiB; process peak {peak_rss_mib():.0f} MiB"
    )
    if problems:
        print("  errors:", *problems[:3], sep="\n  ")


def phase_round(pack: Path, budget_mib: int | None, traced: bool) -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from clarity.core.round import Phase
    from clarity.resources import bundled_assets_dir
    from clarity.ui.app import App, WindowOptions
    from clarity.ui.assets import Assets
    from clarity.ui.scenes.play import PlayScene
    from clarity.ui.services import GameSettings, PackCatalog, Services
    from clarity.ui.sound import Sound

    assets = Assets(bundled_assets_dir())
    if budget_mib is not None:
        assets.picture_budget = budget_mib * MIB
    services = Services(
        assets=assets,
        sound=Sound(enabled=False),
        packs=PackCatalog([pack.parent], bundled_assets_dir()),
        settings=GameSettings(seed=1),
    )
    loaded = services.packs.by_id("bench-pictures")
    if loaded is None or not loaded.ok:
        raise SystemExit("the benchmark pack does not load")
    app = App(services, WindowOptions(size=SIZE))
    app.open()
    if traced:
        tracemalloc.start()
    scene = PlayScene(app, loaded, seed=1)
    app.push(scene)
    frames: list[float] = []  # after the first, which also finds and warms the fonts
    first_frame = 0.0
    fullest = 0
    answered = 0
    start = time.perf_counter()
    while scene.round.phase is not Phase.FINAL_GUESS and len(frames) < 20_000:
        began = time.perf_counter()  # an answer and the frame after it: a new picture
        if not scene.busy:
            question = scene.round.question
            if scene.round.phase is Phase.ASKING and question is not None:
                scene.answer_choice(question.right_index)  # type: ignore[union-attr]
                answered += 1
            elif scene.round.phase is Phase.FEEDBACK:
                scene.next_question()
        app.step(DT)
        took = (time.perf_counter() - began) * 1000
        if first_frame:
            frames.append(took)
        else:
            first_frame = took
        fullest = max(fullest, assets.picture_cache_bytes)
    seconds = time.perf_counter() - start
    app.close()
    if traced:
        _, python_peak = tracemalloc.get_traced_memory()
        print(f"round, traced: Python peak {python_peak / MIB:.1f} MiB")
        return
    print(
        f"round: {answered} questions with pictures and the mystery picture in "
        f"{seconds:.1f} s: first frame {first_frame:.0f} ms, then {len(frames)} frames, "
        f"the slowest {max(frames):.0f} ms (a new picture decoded and scaled); "
        f"pictures' cache at most {fullest / MIB:.0f} MiB of "
        f"{assets.picture_budget / MIB:.0f} MiB; process peak {peak_rss_mib():.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=31)
    parser.add_argument("--side", type=int, default=4096)
    parser.add_argument("--png", action="store_true", help="transparent PNGs, not JPEGs")
    parser.add_argument("--budget-mib", type=int, help="the pictures' cache budget to try")
    parser.add_argument(
        "--phase", choices=["validate", "round", "round-traced"], help=argparse.SUPPRESS
    )
    parser.add_argument("--pack", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "validate":
        phase_validate(args.pack)
        return
    if args.phase in ("round", "round-traced"):
        phase_round(args.pack, args.budget_mib, traced=args.phase == "round-traced")
        return
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        pack = write_pack(Path(tmp), args.pictures, args.side, args.png)
        kind = "transparent PNG" if args.png else "JPEG"
        each = next(Path(tmp).glob("picture-0.*")).stat().st_size / MIB
        print(
            f"{args.pictures} pictures of {args.side}x{args.side} ({kind}, {each:.1f} MiB "
            f"each), written in {time.perf_counter() - start:.1f} s"
        )
        for phase in ("validate", "round", "round-traced"):
            budget = [] if args.budget_mib is None else ["--budget-mib", str(args.budget_mib)]
            subprocess.run(
                [sys.executable, __file__, "--phase", phase, "--pack", str(pack), *budget],
                check=True,
            )


if __name__ == "__main__":
    main()
