"""Read-aloud: texts spoken through pygame's mixer, rendered off the main thread.

A :class:`Speaker` takes texts to read (:meth:`Speaker.say`), has them rendered by
espeak-ng on a worker thread (:mod:`clarity.ui.speech_engine`), and plays each on a mixer
channel kept for speech, so the effects never cut a reading short. :meth:`Speaker.update`
is called once a frame: it never waits for the engine, starts a reading once its sound
is ready, and says which readings are over, so the play screen can start a question's
clock when its reading ends.

It follows the game's :class:`~clarity.ui.sound.Sound`: nothing is read while the sound is
muted or there is no audio device, and muting stops a reading. With no engine installed
there is one notice and every reading is over at once, silently (WCAG 2.2, 1.4.2: the
player controls the audio).
"""

from __future__ import annotations

import io
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

import pygame

from clarity.core.messages import Message
from clarity.ui.sound import Sound
from clarity.ui.speech_engine import (
    CACHE_BYTES,
    ENGINE_MISSING,
    EspeakEngine,
    Renderer,
    find_engine,
)

#: The mixer channel kept for speech (reserved, so the effects never take it).
SPEECH_CHANNEL = 0

#: How a reading ended: heard to its end; stopped while heard (stop(), a reading said
#: with ``interrupt``, the sound muted); replaced by a newer one before it started;
#: silent (no engine, sound muted or no audio device, nothing to read); failed (the
#: engine could not read it; a notice says why).
Reason = Literal["played", "stopped", "replaced", "silent", "failed"]


@dataclass(frozen=True)
class Finished:
    """A reading that is over, named by the key it was said with."""

    key: Hashable
    reason: Reason

    @property
    def heard(self) -> bool:
        """Whether it was read to its end."""
        return self.reason == "played"


@dataclass
class _Reading:
    key: Hashable
    ticket: int
    wav: bytes | None = None  # the rendered WAV, once the worker has it


class Speaker:
    """Reads texts aloud, one at a time, without ever holding up a frame.

    ``engine`` None means there is none: :attr:`available` is False, :attr:`notice` says
    so, and every reading is reported over at once. ``volume`` (0-1) scales the speech.
    Call it from the main thread only.
    """

    def __init__(
        self,
        sound: Sound,
        engine: EspeakEngine | None,
        *,
        volume: float = 1.0,
        cache_bytes: int = CACHE_BYTES,
    ) -> None:
        self._sound = sound
        self._renderer = Renderer(engine, cache_bytes=cache_bytes) if engine else None
        self._volume = _clamp(volume)
        self._playing: _Reading | None = None  # on the speech channel
        self._next: _Reading | None = None  # rendering, or rendered and waiting its turn
        self._done: list[Finished] = []
        self._paused = False
        self._notices: list[Message] = [] if engine else [ENGINE_MISSING]

    @classmethod
    def for_system(cls, sound: Sound, *, search_path: str | None = None) -> Speaker:
        """A speaker with the espeak-ng found on ``search_path`` (default ``PATH``)."""
        return cls(sound, find_engine(search_path))

    @property
    def available(self) -> bool:
        """Whether a speech engine was found. (Hearing it also needs the sound on and an
        audio device.)"""
        return self._renderer is not None

    @property
    def notice(self) -> Message | None:
        """One line for the player when there is no engine (to render in the interface's
        language), else None."""
        return None if self.available else ENGINE_MISSING

    @property
    def volume(self) -> float:
        """Loudness of the speech, 0 (silent) to 1 (as rendered)."""
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        self._volume = _clamp(value)
        if self._playing is not None and _mixer_up():
            pygame.mixer.Channel(SPEECH_CHANNEL).set_volume(self._volume)

    @property
    def speaking(self) -> Hashable | None:
        """The key of the reading being heard now, if any."""
        return self._playing.key if self._playing else None

    @property
    def waiting(self) -> Hashable | None:
        """The key of the reading being rendered or waiting for its turn, if any."""
        return self._next.key if self._next else None

    def say(self, text: str, language: str, *, key: Hashable, interrupt: bool = False) -> None:
        """Read ``text`` in ``language`` (a BCP-47 tag such as ``"en"``, ``"ru"``, ``"be"``)
        after the reading being heard, or at once with ``interrupt``. A reading that has
        not started yet is replaced. Its end is reported by :meth:`update` as a
        :class:`Finished` with ``key``, whatever happens to it."""
        if interrupt:
            self._stop_playing("stopped")
        if self._next is not None:
            self._done.append(Finished(self._next.key, "replaced"))
            self._next = None
        if self._renderer is None or self._sound.muted or not text.strip():
            self._done.append(Finished(key, "silent"))
            return
        if not self._sound.available:  # no audio device: nothing would be heard
            self._done.append(Finished(key, "silent"))
            return
        self._next = _Reading(key, self._renderer.submit(text, language))

    def stop(self) -> None:
        """Stop the reading being heard and drop the one waiting."""
        self._stop_playing("stopped")
        if self._next is not None:
            self._done.append(Finished(self._next.key, "replaced"))
            self._next = None
        if self._renderer is not None:
            self._renderer.cancel()

    def pause(self) -> None:
        """Hold the reading where it is (the window was minimised); none starts meanwhile."""
        self._paused = True
        if self._playing is not None and _mixer_up():
            pygame.mixer.Channel(SPEECH_CHANNEL).pause()

    def resume(self) -> None:
        self._paused = False
        if self._playing is not None and _mixer_up():
            pygame.mixer.Channel(SPEECH_CHANNEL).unpause()

    def update(self) -> list[Finished]:
        """Once a frame: start a rendered reading when its turn comes, and return the
        readings that are over since the last call, oldest first. Never waits."""
        if self._sound.muted:
            self._stop_playing("stopped")
            if self._next is not None:
                self._done.append(Finished(self._next.key, "silent"))
                self._next = None
                if self._renderer is not None:
                    self._renderer.cancel()
        if (
            self._playing is not None
            and not self._paused
            and (not _mixer_up() or not pygame.mixer.Channel(SPEECH_CHANNEL).get_busy())
        ):
            self._done.append(Finished(self._playing.key, "played"))
            self._playing = None
        if self._next is not None and self._next.wav is None and self._renderer is not None:
            rendering = self._renderer.result(self._next.ticket)
            if rendering is not None:
                if rendering.wav is None:
                    self._done.append(Finished(self._next.key, "failed"))
                    self._next = None
                else:
                    self._next.wav = rendering.wav
        ready = self._next is not None and self._next.wav is not None
        if ready and self._playing is None and not self._paused:
            assert self._next is not None
            self._start(self._next)
            self._next = None
        done, self._done = self._done, []
        return done

    def take_notices(self) -> list[Message]:
        """One-line notices for the player (no engine; a pack language without a voice;
        an engine that fails), each given once; show them with the App's notice, rendered
        by the interface's translator."""
        notices, self._notices = self._notices, []
        if self._renderer is not None:
            notices.extend(self._renderer.take_notices())
        return notices

    def close(self) -> None:
        """Stop reading and end the worker; call it before the sound closes the mixer."""
        if self._playing is not None and _mixer_up():
            pygame.mixer.Channel(SPEECH_CHANNEL).stop()
        self._playing = self._next = None
        if self._renderer is not None:
            self._renderer.close()

    def _start(self, reading: _Reading) -> None:
        assert reading.wav is not None
        if not _mixer_up():
            self._done.append(Finished(reading.key, "silent"))
            return
        try:
            # Instant (0.2 ms) while the mixer runs in espeak-ng's own format, as Sound
            # opens it (22 kHz mono); a mixer opened otherwise (pygame.init() first)
            # would make SDL resample every reading here, 20-50 ms of a frame.
            clip = pygame.mixer.Sound(file=io.BytesIO(reading.wav))
        except pygame.error:
            self._done.append(Finished(reading.key, "failed"))
            return
        # Reserving the channel keeps Sound.play (which takes any free channel) off it;
        # set every time, since the mixer may have been restarted in between.
        pygame.mixer.set_reserved(SPEECH_CHANNEL + 1)
        channel = pygame.mixer.Channel(SPEECH_CHANNEL)
        channel.play(clip)
        channel.set_volume(self._volume)
        self._playing = reading

    def _stop_playing(self, reason: Reason) -> None:
        if self._playing is None:
            return
        if _mixer_up():
            pygame.mixer.Channel(SPEECH_CHANNEL).stop()
        self._done.append(Finished(self._playing.key, reason))
        self._playing = None


def _mixer_up() -> bool:
    return pygame.mixer.get_init() is not None


def _clamp(volume: float) -> float:
    return min(1.0, max(0.0, float(volume)))
