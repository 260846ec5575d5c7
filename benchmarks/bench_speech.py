"""How quickly a question is heard, and what reading aloud costs a frame: prints figures,
asserts nothing.

1. Latency: from ``Speaker.say()`` to the reading playing on the mixer (the speech
   channel busy), polling ``update()`` every millisecond, for questions of the bundled
   Union State pack (the prompt, then the prompt with its answers and letters), each
   text new to the cache; the first reading (which also lists the engine's voices),
   then the median and the worst of the rest, a Russian question, and a repeat from the
   cache. A real audio device adds its buffer to this (512 frames at 22 kHz, 23 ms).
   Goal: under 300 ms.
2. Frame time at 60 fps on a 1920x1080 window while readings render: each frame calls
   ``update()``, draws a full-window picture and flips; a new question is said (and
   interrupts the last) every 20 frames, so a rendering is in flight most of the time.
   p50, p99 and the worst of the frame's work (the sleep to the next frame left out),
   and of ``update()`` alone. Goal: p99 <= 8 ms.

The dummy video and audio drivers are used unless others are set, so the figures are
the game's own work.

    .venv/bin/python benchmarks/bench_speech.py [--frames 600] [--readings 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Hashable
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import yaml

from clarity.ui.sound import Sound
from clarity.ui.speech import Speaker
from clarity.ui.speech_engine import find_engine

REPO = Path(__file__).resolve().parents[1]
PACK = REPO / "questions" / "union_state.yaml"
SIZE = (1920, 1080)
FPS = 60
SAY_EVERY = 20  # frames
RUSSIAN = "Какая река протекает через центр Минска, столицу Беларуси?"


def question_texts() -> list[str]:
    """Every question of the bundled pack as read aloud: the prompt, then the prompt
    with each answer after its letter."""
    pack = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    texts = []
    for question in pack["questions"]:
        texts.append(question["prompt"])
        choices = question.get("choices")
        if choices:
            answers = " ".join(f"{chr(65 + i)}: {c}." for i, c in enumerate(choices))
            texts.append(f"{question['prompt']} {answers}")
    return texts


def time_to_sound(speaker: Speaker, text: str, language: str, key: Hashable) -> float:
    """Seconds from say() to the reading playing."""
    start = time.perf_counter()
    speaker.say(text, language, key=key, interrupt=True)
    while speaker.speaking != key:
        if key not in (speaker.waiting, speaker.speaking):
            raise SystemExit(f"the reading of {text!r} did not play: {speaker.take_notices()}")
        speaker.update()
        time.sleep(0.001)
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def latency(speaker: Speaker, texts: list[str], readings: int) -> None:
    print("1. From say() to the first sound")
    first = time_to_sound(speaker, texts[0], "en", key="first")
    print(f"   first reading (lists the voices too)   {ms(first)}")
    figures = [
        time_to_sound(speaker, text, "en", key=n) for n, text in enumerate(texts[1 : readings + 1])
    ]
    print(f"   {len(figures)} more questions, median             {ms(statistics.median(figures))}")
    print(f"   {len(figures)} more questions, worst              {ms(max(figures))}")
    russian = time_to_sound(speaker, RUSSIAN, "ru", "ru")
    print(f"   a Russian question                     {ms(russian)}")
    again = time_to_sound(speaker, texts[0], "en", "again")
    print(f"   the first question again (cached)      {ms(again)}")
    speaker.stop()
    speaker.update()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_frames(
    speaker: Speaker, texts: list[str], count: int, *, reading: bool
) -> tuple[list[float], list[float], int]:
    """Frame work and update() times (seconds) of ``count`` frames, and the readings heard."""
    screen = pygame.display.get_surface()
    picture = pygame.Surface(SIZE).convert()
    for y in range(0, SIZE[1], 8):  # not one colour, so the blit is a real copy
        pygame.draw.rect(picture, ((y * 3) % 256, (y * 7) % 256, 160), (0, y, SIZE[0], 8))
    work: list[float] = []
    updates: list[float] = []
    heard = 0
    next_frame = time.perf_counter()
    for frame in range(count):
        start = time.perf_counter()
        if reading and frame % SAY_EVERY == 0:
            text = f"{texts[(frame // SAY_EVERY) % len(texts)]} ({frame})"  # never cached
            speaker.say(text, "en", key=frame, interrupt=True)
        before = time.perf_counter()
        heard += sum(1 for done in speaker.update() if done.reason in ("played", "stopped"))
        updates.append(time.perf_counter() - before)
        screen.blit(picture, (0, 0))
        pygame.display.flip()
        work.append(time.perf_counter() - start)
        next_frame += 1 / FPS
        time.sleep(max(0.0, next_frame - time.perf_counter()))
    speaker.stop()
    return work, updates, heard


def frames(speaker: Speaker, texts: list[str], count: int) -> None:
    pygame.display.set_mode(SIZE)
    print(f"2. {count} frames at {FPS} fps, {SIZE[0]}x{SIZE[1]}, a new reading every {SAY_EVERY}")
    # The same frames without read-aloud first: on a busy machine the drawing alone
    # varies, and the difference is what reading aloud costs.
    silent, _, _ = run_frames(speaker, texts, count, reading=False)
    work, updates, heard = run_frames(speaker, texts, count, reading=True)
    print(f"   readings heard (to the end or cut)     {heard:7d}")
    rows = (("frame, no reading", silent), ("frame, reading", work), ("update() alone", updates))
    for name, values in rows:
        print(
            f"   {name:18} p50 {ms(statistics.median(values))}  p99 {ms(percentile(values, 0.99))}"
            f"  worst {ms(max(values))}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--readings", type=int, default=20)
    options = parser.parse_args()
    engine = find_engine()
    if engine is None:
        sys.exit("bench_speech: espeak-ng is not installed (apt-get install espeak-ng)")
    # Not pygame.init(): that would open the mixer in its own format before Sound opens it
    # in the game's (22 kHz mono, espeak-ng's own), and every reading would be resampled.
    pygame.display.init()
    sound = Sound()
    if not sound.available:
        sys.exit("bench_speech: no audio device, not even the dummy one")
    speaker = Speaker(sound, engine)
    print(f"espeak-ng: {' '.join(engine.command)}; mixer {pygame.mixer.get_init()}")
    try:
        texts = question_texts()
        latency(speaker, texts, options.readings)
        frames(speaker, texts, options.frames)
    finally:
        speaker.close()
        sound.close()
        pygame.quit()


if __name__ == "__main__":
    main()
