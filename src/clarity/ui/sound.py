"""Short sound effects made with the standard library, behind a mixer that may be silent.

The effects are synthesised (sine tones with an envelope) once the game's first frame
is on the screen (:meth:`Sound.prepare`, in a background thread), or else the first
time a sound is played; never before the first frame. Where there is no audio device
the mixer fails to start and every sound quietly does nothing.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections.abc import Sequence

import pygame

SAMPLE_RATE = 22050
VOLUME = 0.35

# Each effect is a list of notes: (frequency in Hz, seconds).
EFFECTS: dict[str, Sequence[tuple[float, float]]] = {
    "right": ((660.0, 0.08), (880.0, 0.14)),
    "wrong": ((220.0, 0.12), (180.0, 0.22)),
    "uncover": ((1200.0, 0.05),),
    "trophy": ((523.3, 0.1), (659.3, 0.1), (784.0, 0.1), (1046.5, 0.3)),
    "guessed": ((392.0, 0.09), (523.3, 0.09), (659.3, 0.09), (784.0, 0.09), (1046.5, 0.35)),
    "click": ((900.0, 0.025),),
    # a class game's buzz taken: short and bright, heard over a noisy room at once
    "buzz": ((1318.5, 0.05), (1760.0, 0.09)),
}


def synthesise(notes: Sequence[tuple[float, float]], sample_rate: int = SAMPLE_RATE) -> array:
    """Signed 16-bit mono samples of ``notes`` played one after another."""
    samples = array("h")
    peak = int(32767 * VOLUME)
    for frequency, seconds in notes:
        count = int(sample_rate * seconds)
        attack = max(1, int(sample_rate * 0.005))
        for i in range(count):
            envelope = min(1.0, i / attack) * (1.0 - i / count) ** 2
            value = math.sin(2 * math.pi * frequency * i / sample_rate)
            # a touch of the octave makes the tone brighter on small speakers
            value = 0.8 * value + 0.2 * math.sin(4 * math.pi * frequency * i / sample_rate)
            samples.append(int(peak * envelope * value))
    return samples


class Sound:
    """Plays the named effects; silent when muted or when no audio device is there."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.muted = False
        #: the effects' loudness, 0.0 to 1.0 of the level they are made at (the setting
        #: ``volume``, WCAG 2.2 1.4.2 audio control)
        self.volume = 1.0
        self._enabled = enabled
        self._started = False
        self._available = False
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._samples: dict[str, bytes] = {}  # synthesised ahead by prepare()
        self._preparing: threading.Thread | None = None

    @property
    def available(self) -> bool:
        """Whether a real audio device plays the effects (starts the mixer if need be)."""
        self._start()
        return self._available

    def prepare(self) -> None:
        """Start the mixer now and synthesise every effect in a background thread, so the
        first right answer does not wait for either (call it after the first frame)."""
        if not self._enabled or self._preparing is not None:
            return
        self._start()
        if not self._available:
            return
        self._preparing = threading.Thread(
            target=self._synthesise_all, name="sound-synthesis", daemon=True
        )
        self._preparing.start()

    def _synthesise_all(self) -> None:
        # Pure Python: no SDL call leaves the main thread.
        for name, notes in EFFECTS.items():
            if name not in self._samples:
                self._samples[name] = synthesise(notes).tobytes()

    def set_volume(self, share: float) -> None:
        """The effects' loudness from now on, 0.0 (silent) to 1.0; sounds made already follow."""
        self.volume = min(1.0, max(0.0, share))
        for sound in self._sounds.values():
            sound.set_volume(self.volume)

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        if self.muted and self._available:
            pygame.mixer.stop()
        return self.muted

    def play(self, name: str) -> None:
        if self.muted or not self._enabled or self.volume <= 0.0:
            return
        self._start()
        if not self._available:
            return
        sound = self._sounds.get(name)
        if sound is None:
            samples = self._samples.get(name) or synthesise(EFFECTS[name]).tobytes()
            sound = pygame.mixer.Sound(buffer=samples)
            sound.set_volume(self.volume)
            self._sounds[name] = sound
        sound.play()

    def close(self) -> None:
        if self._available:
            pygame.mixer.quit()
        self._available = False

    def _start(self) -> None:
        if self._started or not self._enabled:
            return
        self._started = True
        try:
            # allowedchanges=0: a device that wants another rate or stereo gets a
            # converted stream; otherwise SDL would read our mono 22 kHz samples in the
            # device's format and play them too fast and too high.
            pygame.mixer.init(
                frequency=SAMPLE_RATE, size=-16, channels=1, buffer=512, allowedchanges=0
            )
        except pygame.error:
            self._available = False  # no audio device: play nothing
            return
        self._available = pygame.mixer.get_init() is not None
