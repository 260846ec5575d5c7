"""How fast a large question pack loads and validates: prints figures, asserts nothing.

Writes a pack of 10,000 questions (choice, true/false and typed, with explanations,
tags and time limits; the question cap of a pack) and a few rounds with pictures into a
temporary folder, then loads it with ``load_pack`` (read, YAML, models, pictures, the
whole check). Prints the wall time (best of 3), the peak of Python allocations during
one load (tracemalloc) and the process's peak resident size (ru_maxrss).
Goal: well under one second.

Then lists and loads a packs folder of 5,000 small valid packs, each naming a picture next
to it (``discover_packs``: wall time and peak memory; goal under 3 s), and 5,000 packs that
all name one 1600x1200 picture (decoded once: wall time, goal under 3 s), the pack list of
8 packs of 20 phone photos at a first start and at the next (the picture cache file), and
puts 1,000 packs through the pack choice of a headless game while they load in the
background and after (frames per second).

Last, ``clarity validate`` on hostile packs, each in a process of its own: 1.2 million
aliases in 7 MiB, 4 million one-character values in 8 MiB, and a 7.9 MiB value in
``grid`` and in a question's ``type``: wall time, the process's peak resident size, and
the lines and characters printed (goal: seconds, a few hundred MiB, a few short lines).

    .venv/bin/python benchmarks/bench_pack_load.py [--questions 10000] [--repeat 3]
        [--packs 5000] [--screen-packs 1000]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import struct
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zlib
from pathlib import Path

from PIL import Image

from clarity.core.packs.loader import LoadedPack, discover_packs, load_pack

GOAL_SECONDS = 1.0
LISTING_GOAL_SECONDS = 3.0


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = (b"\x00" + b"\x80" * (3 * width)) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def write_pack(folder: Path, questions: int) -> Path:
    """A valid pack with ``questions`` questions of mixed types; returns its path."""
    (folder / "pictures").mkdir()
    for name in ("map", "flag", "tower"):
        (folder / "pictures" / f"{name}.png").write_bytes(_png(64, 48))
    lines = [
        "# yaml-language-server: $schema=../schema/pack.schema.json",
        "clarity: 1",
        "id: benchmark",
        "title: A very large pack",
        "description: Ten thousand questions to time the loader.",
        "time_limit: 20",
        "rounds:",
    ]
    for name in ("map", "flag", "tower"):
        lines += [
            f"  - image: pictures/{name}.png",
            f"    answer: The {name.title()}",
            f"    accept: [{name}, the {name}]",
            f"    caption: A fact about the {name}.",
            "    grid: 20x20",
        ]
    lines.append("questions:")
    for i in range(questions):
        kind = i % 3
        lines.append(f"  - id: q-{i}")
        if kind == 0:
            lines += [
                "    type: choice",
                f"    prompt: Which of these is number {i}?",
                f"    choices: [Option {i}, Option {i + 1}, Option {i + 2}, 'No']",
                f"    answer: Option {i}",
            ]
        elif kind == 1:
            lines += [
                "    type: truefalse",
                f'    prompt: "True or false: {i} is even?"',
                f"    answer: {'true' if i % 2 == 0 else 'false'}",
            ]
        else:
            lines += [
                "    type: typed",
                f"    prompt: Type the number after {i - 1}.",
                f"    answer: {i:05d}",
                f"    accept: [{i}, number {i}]",
            ]
        lines += [
            f"    explain: Because {i} comes after {i - 1}.",
            "    time_limit: 25",
            f"    difficulty: {('easy', 'medium', 'hard')[i % 3]}",
            "    tags: [numbers, counting]",
        ]
        if i % 500 == 0:
            lines.append(f"    image: pictures/{('map', 'flag', 'tower')[i % 3]}.png")
    path = folder / "benchmark.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load(path: Path, assets: Path) -> LoadedPack:
    loaded = load_pack(path, assets_dir=assets)
    if not loaded.ok:
        raise SystemExit(f"the benchmark pack should be valid: {loaded.first_error}")
    return loaded


def write_small_packs(folder: Path, count: int) -> None:
    """``count`` valid packs of three questions, each with its own picture beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    picture = _png(16, 12)
    for i in range(count):
        name = f"pack-{i:05d}"
        (folder / f"{name}.png").write_bytes(picture)
        questions = "".join(
            f"  - type: truefalse\n    prompt: Is {n} even?\n"
            f"    answer: {('true', 'false')[n % 2]}\n"
            for n in range(3)
        )
        (folder / f"{name}.yaml").write_text(
            f"clarity: 1\nid: {name}\ntitle: Pack {i:05d}\ndescription: A small pack.\n"
            f"rounds:\n  - image: {name}.png\n    answer: A picture\n    grid: 3x4\n"
            f"questions:\n{questions}",
            encoding="utf-8",
        )


def bench_listing(count: int) -> None:
    """Time and peak memory of discovering ``count`` packs in one folder."""
    with tempfile.TemporaryDirectory(prefix="clarity-bench-list-") as tmp:
        folder, assets = Path(tmp) / "packs", Path(tmp) / "assets"
        assets.mkdir()
        write_small_packs(folder, count)
        gc.collect()
        start = time.perf_counter()
        loaded = discover_packs([folder], assets_dir=assets)
        elapsed = time.perf_counter() - start
        if not all(p.ok for p in loaded) or len(loaded) != count:
            raise SystemExit("the listing benchmark's packs should all be valid")
        del loaded
        gc.collect()
        tracemalloc.start()
        discover_packs([folder], assets_dir=assets)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    verdict = "met" if elapsed < LISTING_GOAL_SECONDS else "NOT met"
    print(f"{count:,} packs listed and loaded (discover_packs): {elapsed:.2f} s")
    print(f"  peak Python allocations (tracemalloc): {traced_peak / 2**20:.1f} MiB")
    print(f"  goal: under {LISTING_GOAL_SECONDS:.0f} s: {verdict}")


def bench_shared_picture(count: int) -> None:
    """Time of discovering ``count`` packs that all name one 1600x1200 photo in the assets
    (as the bundled union_state/belarus.png is): each picture file is checked once per
    discovery, however many packs name it (a tester's 5,000 such packs took 126 s)."""
    with tempfile.TemporaryDirectory(prefix="clarity-bench-shared-") as tmp:
        folder, assets = Path(tmp) / "packs", Path(tmp) / "assets"
        (assets / "shared").mkdir(parents=True)
        photo = Image.effect_noise((1600, 1200), 60).convert("RGB")
        photo.save(assets / "shared" / "photo.jpg", quality=90)
        folder.mkdir()
        for i in range(count):
            (folder / f"pack-{i:05d}.yaml").write_text(
                f"clarity: 1\nid: shared-{i:05d}\ntitle: Shared {i:05d}\ndescription: d\n"
                "rounds:\n  - image: shared/photo.jpg\n    answer: A photo\n    grid: 3x4\n"
                "questions:\n  - type: truefalse\n    prompt: Is it?\n    answer: true\n",
                encoding="utf-8",
            )
        gc.collect()
        start = time.perf_counter()
        loaded = discover_packs([folder], assets_dir=assets)
        elapsed = time.perf_counter() - start
        if not all(p.ok for p in loaded) or len(loaded) != count:
            raise SystemExit("the shared-picture benchmark's packs should all be valid")
    verdict = "met" if elapsed < LISTING_GOAL_SECONDS else "NOT met"
    print(f"{count:,} packs naming one 1600x1200 picture listed and loaded: {elapsed:.2f} s")
    print(f"  goal: under {LISTING_GOAL_SECONDS:.0f} s: {verdict}")


def write_phone_packs(folder: Path, packs: int = 8, photos: int = 20) -> None:
    """``packs`` packs of ``photos`` phone photos each (4032x3024 JPEGs of noise over a
    gradient, a few MB each, as a tester's class folder held), each pack in its own folder."""
    gradient = Image.linear_gradient("L").resize((4032, 3024))
    noise = Image.effect_noise((4032, 3024), 60)
    photo = Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.ROTATE_180)))
    for p in range(packs):
        pictures = folder / f"class{p + 1}"
        pictures.mkdir(parents=True)
        for n in range(photos):
            # each file its own: a copy under another name would be the same work again,
            # but a photo differs from its neighbours in a real folder
            photo.save(pictures / f"photo{n:02d}.jpg", quality=90 - n)
        rounds = "".join(
            f"  - image: class{p + 1}/photo{n:02d}.jpg\n    answer: Photo {n}\n    grid: 4x3\n"
            for n in range(photos)
        )
        (folder / f"class{p + 1}.yaml").write_text(
            f"clarity: 1\nid: class{p + 1}\ntitle: Class {p + 1}\ndescription: Photos.\n"
            f"rounds:\n{rounds}questions:\n"
            "  - type: truefalse\n    prompt: Is it?\n    answer: true\n",
            encoding="utf-8",
        )


def bench_phone_photos(packs: int = 8, photos: int = 20) -> None:
    """The pack list of ``packs`` packs of ``photos`` phone photos, at a first start and at
    the next, as the game lists it (a new catalog each time, the picture cache file of a data
    folder between them): a tester's folder took 37.6 s at every start."""
    from clarity.picture_cache import picture_cache_file
    from clarity.ui.pack_shelf import FolderPacks, PackCatalog

    with tempfile.TemporaryDirectory(prefix="clarity-bench-phones-") as tmp:
        folder, assets, data = Path(tmp) / "packs", Path(tmp) / "assets", Path(tmp) / "data"
        assets.mkdir()
        data.mkdir()
        write_phone_packs(folder, packs, photos)
        cache_file = picture_cache_file(data)
        times = []
        for _ in range(2):
            catalog = PackCatalog([folder], assets, FolderPacks(cache_file))
            gc.collect()
            start = time.perf_counter()
            loaded = catalog.all()
            times.append(time.perf_counter() - start)
            if len(loaded) != packs or not all(p.ok for p in loaded):
                raise SystemExit("the phone photo packs should all be valid")
        size = cache_file.stat().st_size
    print(f"{packs} packs of {photos} phone photos (4032x3024 JPEG), as the game lists them:")
    print(f"  first start: {times[0]:.2f} s; next start (picture cache file): {times[1]:.2f} s")
    print(f"  cache file: {size / 1024:.1f} KiB")


def bench_pack_screen(count: int, seconds_after: float = 2.0) -> None:
    """Frames per second of the pack choice (headless, 1280x800) while ``count`` packs
    load in the background, and once they are all in (scrolling down the list)."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from clarity.resources import bundled_assets_dir
    from clarity.ui.app import App, WindowOptions
    from clarity.ui.assets import Assets
    from clarity.ui.scenes.title import TitleScene
    from clarity.ui.services import GameSettings, PackCatalog, Services
    from clarity.ui.sound import Sound

    with tempfile.TemporaryDirectory(prefix="clarity-bench-screen-") as tmp:
        folder = Path(tmp) / "packs"
        write_small_packs(folder, count)
        assets_dir = bundled_assets_dir()
        services = Services(
            assets=Assets(assets_dir),
            sound=Sound(enabled=False),
            packs=PackCatalog([folder], assets_dir),
            settings=GameSettings(seed=1),
        )
        app = App(services, WindowOptions(size=(1280, 800)))
        app.open()
        try:
            app.push(TitleScene(app))
            app.step(1 / 60)
            start = time.perf_counter()
            app.screens.push("packs")
            frame_times: list[float] = []
            while not services.packs.loaded or app.top.loading:  # type: ignore[union-attr]
                before = time.perf_counter()
                app.step(1 / 60)
                frame_times.append(time.perf_counter() - before)
            loading = time.perf_counter() - start
            after: list[float] = []
            end = time.perf_counter() + seconds_after
            while time.perf_counter() < end:
                pygame.event.post(
                    pygame.event.Event(
                        pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, scancode=81, unicode=""
                    )
                )
                pygame.event.post(
                    pygame.event.Event(
                        pygame.KEYUP, key=pygame.K_DOWN, mod=0, scancode=81, unicode=""
                    )
                )
                before = time.perf_counter()
                app.step(1 / 60)
                after.append(time.perf_counter() - before)
        finally:
            app.close()
    worst = max(frame_times) * 1000
    print(f"pack choice over {count:,} packs (headless 1280x800):")
    print(
        f"  while loading: {len(frame_times)} frames in {loading:.2f} s "
        f"({len(frame_times) / loading:.0f} frames/s, slowest frame {worst:.0f} ms)"
    )
    print(
        f"  after, moving down the list: {len(after) / seconds_after:.0f} frames/s, "
        f"slowest frame {max(after) * 1000:.0f} ms"
    )


HOSTILE_GOAL_SECONDS = 5.0
HOSTILE_GOAL_MIB = 300.0
# Runs validate in a fresh process and reports its own figures: the peak resident size
# of this process would hold everything the benchmark did before.
_VALIDATE_AND_MEASURE = """
import contextlib, io, json, resource, sys, time
from clarity import cli
out = io.StringIO()
start = time.perf_counter()
with contextlib.redirect_stdout(out):
    status = cli.main(["validate", sys.argv[1]])
elapsed = time.perf_counter() - start
text = out.getvalue()
kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
mib = kib / 2**20 if sys.platform == "darwin" else kib / 1024
longest = max((len(line) for line in text.splitlines()), default=0)
print(json.dumps([status, elapsed, mib, text.count("\\n"), len(text), longest]))
"""


def write_hostile_packs(folder: Path) -> dict[str, Path]:
    """An alias bomb (1.2 million ``*anc`` in 7 MiB), 4 million values in 8 MiB, and two
    packs with a 7.9 MiB value."""
    (folder / "pic.png").write_bytes(_png(8, 6))
    head = "clarity: 1\nid: hostile\ntitle: Hostile\ndescription: A test.\nrounds:\n"
    question = "questions:\n  - type: {type}\n    prompt: Say no.\n    answer: No\n"
    big = "x" * int(7.9 * 1024 * 1024)
    packs = {
        "1.2 million aliases": head
        + "  - image: pic.png\n    answer: &anc Picture\n    accept: ["
        + ", ".join(["*anc"] * 1_200_000)
        + "]\n"
        + question.format(type="typed"),
        "4 million values": head
        + "  - image: pic.png\n    answer: Picture\n    accept: ["
        + ",".join(["1"] * 4_000_000)
        + "]\n"
        + question.format(type="typed"),
        "7.9 MiB grid": head
        + f"  - image: pic.png\n    answer: Picture\n    grid: {big}\n"
        + question.format(type="typed"),
        "7.9 MiB type": head
        + "  - image: pic.png\n    answer: Picture\n    grid: 1x2\n"
        + question.format(type=big),
    }
    paths = {}
    for number, (name, text) in enumerate(packs.items()):
        path = folder / f"hostile-{number}.yaml"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def bench_hostile_packs() -> None:
    with tempfile.TemporaryDirectory(prefix="clarity-bench-hostile-") as tmp:
        for name, path in write_hostile_packs(Path(tmp)).items():
            size = path.stat().st_size / 2**20
            done = subprocess.run(
                [sys.executable, "-c", _VALIDATE_AND_MEASURE, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            status, elapsed, mib, lines, chars, longest = json.loads(done.stdout)
            verdict = (
                "met" if elapsed < HOSTILE_GOAL_SECONDS and mib < HOSTILE_GOAL_MIB else "NOT met"
            )
            print(
                f"validate, {name} ({size:.1f} MiB): {elapsed:.2f} s, peak resident "
                f"{mib:.0f} MiB, {lines} lines, {chars:,} characters printed (longest line "
                f"{longest}), exit {status}; goal under {HOSTILE_GOAL_SECONDS:.0f} s and "
                f"{HOSTILE_GOAL_MIB:.0f} MiB: {verdict}"
            )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--packs", type=int, default=5_000)
    parser.add_argument("--screen-packs", type=int, default=1_000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="clarity-bench-") as tmp:
        folder = Path(tmp)
        assets = folder / "assets"
        assets.mkdir()
        path = write_pack(folder, args.questions)
        size = path.stat().st_size

        times = []
        for _ in range(args.repeat):
            gc.collect()
            start = time.perf_counter()
            loaded = load(path, assets)
            times.append(time.perf_counter() - start)
        assert loaded.pack is not None
        assert len(loaded.pack.questions) == args.questions
        # Read before tracemalloc starts: its own bookkeeping would inflate the figure.
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        gc.collect()
        tracemalloc.start()
        load(path, assets)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    # ru_maxrss is KiB on Linux, bytes on macOS.
    maxrss_mib = maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024
    best = min(times)
    print(f"pack: {args.questions:,} questions, {size / 1024 / 1024:.2f} MiB of YAML")
    print(f"load_pack wall time: best {best * 1000:.0f} ms of {args.repeat} runs")
    print("  runs: " + ", ".join(f"{t * 1000:.0f} ms" for t in times))
    print(f"peak Python allocations during one load (tracemalloc): {traced_peak / 2**20:.1f} MiB")
    print(
        f"peak resident size of this process after the timed runs (ru_maxrss): {maxrss_mib:.1f} MiB"
    )
    verdict = "met" if best < GOAL_SECONDS else "NOT met"
    print(f"goal: under {GOAL_SECONDS:.0f} s: {verdict}")
    bench_listing(args.packs)
    bench_shared_picture(args.packs)
    bench_phone_photos()
    bench_pack_screen(args.screen_packs)
    bench_hostile_packs()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
