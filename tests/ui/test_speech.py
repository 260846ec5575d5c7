"""Read-aloud: texts rendered by espeak-ng off the main thread and played on the mixer.

The tests with the real engine need espeak-ng (``require_system_package``: they skip
without it, and fail in CI). The others use a fake engine, a small Python program that
answers like espeak-ng and renders only when the test lets it, so a test can hold a
reading in the middle of its rendering without timing anything.
"""

from __future__ import annotations

import io
import math
import struct
import sys
import time
import wave
from array import array
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from clarity.core.messages import Message
from clarity.ui.sound import Sound
from clarity.ui.speech import SPEECH_CHANNEL, Finished, Speaker
from clarity.ui.speech_engine import (
    ENGINE_MISSING,
    EspeakEngine,
    Renderer,
    Rendering,
    WavCache,
    choose_voice,
    find_engine,
    parse_voices,
    parse_wav,
)
from system_packages import require_system_package

ENGLISH_QUESTION = "Which river flows through the middle of Minsk?"
RUSSIAN_QUESTION = "Какая река протекает через центр Минска?"

# What espeak-ng 1.51 prints for `espeak-ng --voices`, cut to a few lines.
VOICES = """\
Pty Language       Age/Gender VoiceName          File                 Other Languages
 5  be              --/M      Belarusian         zle/be
 5  cmn             --/M      Chinese_(Mandarin)  sit/cmn                       (zh-cmn 5)(zh 5)
 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 5  nb              --/M      Norwegian_Bokmål  gmq/nb               (no 5)
 5  pt-br           --/M      Portuguese_(Brazil) roa/pt-BR            (pt 5)
 5  ru              --/M      Russian            zle/ru
 5  en-us           --/F      us-mbrola-1        mb/mb-us1            (en 8)
 5  de              --/M      german-mbrola-5    mb/mb-de5
"""

FAKE_ENGINE = '''\
"""Answers like espeak-ng; renders a tone once the test writes the file "release"."""
import array, io, math, pathlib, sys, time, wave

folder = pathlib.Path(sys.argv[1])
args = sys.argv[2:]
if "--voices" in args:
    sys.stdout.write(VOICES)
    sys.exit(0)
voice = args[args.index("-v") + 1]
text = sys.stdin.buffer.read().decode("utf-8")
with open(folder / "log.txt", "a", encoding="utf-8") as log:
    log.write(voice + "\\t" + text + "\\n")
(folder / "started").touch()
for _ in range(6000):  # a minute at most, so a broken test cannot hold CI
    if (folder / "release").exists():
        break
    time.sleep(0.01)
if (folder / "fail").exists():
    sys.stderr.write("cannot open the phoneme data\\nmore detail\\n")
    sys.exit(1)
seconds = float((folder / "seconds").read_text()) if (folder / "seconds").exists() else 0.1
period = array.array("h", (int(8000 * math.sin(2 * math.pi * i / 50)) for i in range(50)))
tone = period * int(22050 * seconds / 50)  # a 441 Hz tone
buffer = io.BytesIO()
with wave.open(buffer, "wb") as out:
    out.setnchannels(1)
    out.setsampwidth(2)
    out.setframerate(22050)
    out.writeframes(tone.tobytes())
sys.stdout.buffer.write(buffer.getvalue())
'''


class FakeEngine:
    """The fake espeak-ng in its own folder, with the switches a test turns."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir()
        self.folder = folder
        script = folder / "fake_espeak.py"
        script.write_text(f"VOICES = {VOICES!r}\n" + FAKE_ENGINE, encoding="utf-8")
        self.engine = EspeakEngine([sys.executable, str(script), str(folder)])

    def release(self) -> None:
        (self.folder / "release").touch()

    def seconds(self, seconds: float) -> None:
        """How long the sound of every later rendering is."""
        (self.folder / "seconds").write_text(str(seconds))

    def fail(self) -> None:
        (self.folder / "fail").touch()

    @property
    def started(self) -> bool:
        return (self.folder / "started").exists()

    @property
    def readings(self) -> list[tuple[str, str]]:
        """(voice, text) of every rendering asked of the engine, in order."""
        log = self.folder / "log.txt"
        if not log.exists():
            return []
        lines = log.read_text(encoding="utf-8").splitlines()
        return [(voice, text) for voice, text in (line.split("\t", 1) for line in lines)]


@pytest.fixture
def sound() -> Iterator[Sound]:
    """The game's Sound with a running mixer (the dummy audio driver plays in real time)."""
    sound = Sound()
    assert sound.available
    yield sound
    sound.close()


@pytest.fixture
def fake(tmp_path: Path) -> FakeEngine:
    return FakeEngine(tmp_path / "engine")


@pytest.fixture
def make_speaker(sound: Sound) -> Iterator[Callable[..., Speaker]]:
    made: list[Speaker] = []

    def make(engine: EspeakEngine | None, **options: Any) -> Speaker:
        speaker = Speaker(sound, engine, **options)
        made.append(speaker)
        return speaker

    yield make
    for speaker in made:
        speaker.close()


def run_until(speaker: Speaker, condition: Callable[[], bool], limit: int = 3000) -> list[Finished]:
    """Frames of update() until ``condition`` holds (a short sleep between, as a frame
    has); everything they report. Fails after ``limit`` frames."""
    finished: list[Finished] = []
    for _ in range(limit):
        finished += speaker.update()
        if condition():
            return finished
        time.sleep(0.005)
    raise AssertionError(f"not reached after {limit} updates; finished so far: {finished}")


def wait_for(condition: Callable[[], bool], limit: int = 3000) -> None:
    for _ in range(limit):
        if condition():
            return
        time.sleep(0.005)
    raise AssertionError(f"not reached after {limit} waits")


def rendered(renderer: Renderer, ticket: int, limit: int = 3000) -> Rendering:
    for _ in range(limit):
        rendering = renderer.result(ticket)
        if rendering is not None:
            return rendering
        time.sleep(0.005)
    raise AssertionError(f"ticket {ticket} not rendered after {limit} waits")


def speaking(speaker: Speaker, key: Hashable) -> Callable[[], bool]:
    return lambda: speaker.speaking == key


def heard_samples() -> tuple[array, float]:
    """The samples of the sound on the speech channel (16-bit mono, as the game's mixer
    runs) and its length in seconds."""
    assert pygame.mixer.get_init() == (22050, -16, 1)
    clip = pygame.mixer.Channel(SPEECH_CHANNEL).get_sound()
    assert clip is not None
    return array("h", clip.get_raw()), clip.get_length()


# -- the CI rule --------------------------------------------------------------------------


def test_a_missing_system_package_skips_here_and_fails_in_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="clarity-no-such-program is not installed"):
        require_system_package("clarity-no-such-program")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="in CI every test must run"):
        require_system_package("clarity-no-such-program")
    assert require_system_package("python3" if sys.platform != "win32" else "python")


# -- the real engine ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [(ENGLISH_QUESTION, "en"), (RUSSIAN_QUESTION, "ru")],
    ids=["english", "russian"],
)
def test_a_question_is_read_aloud_as_real_speech(
    text: str,
    language: str,
    make_speaker: Callable[..., Speaker],
) -> None:
    require_system_package("espeak-ng")
    speaker = make_speaker(find_engine())
    speaker.say(text, language, key="q1")
    run_until(speaker, speaking(speaker, "q1"))
    samples, seconds = heard_samples()
    words = len(text.split())
    # espeak-ng reads about 175 words a minute, a third of a second a word, plus pauses
    assert 0.2 * words <= seconds <= 1.0 * words
    loud = sum(1 for sample in samples if abs(sample) > 1000)
    assert max(abs(sample) for sample in samples) > 8000
    assert loud > len(samples) // 5  # speech, not a click in a second of silence
    assert speaker.take_notices() == []


def test_the_russian_question_is_read_in_the_russian_voice() -> None:
    require_system_package("espeak-ng")
    engine = find_engine()
    assert engine is not None
    renderer = Renderer(engine)
    try:
        for language, text in (("ru", RUSSIAN_QUESTION), ("be", "Якая рака цячэ праз Мінск?")):
            rendering = rendered(renderer, renderer.submit(text, language))
            assert rendering.voice == language
            assert rendering.wav is not None
            assert rendering.duration > 1.0
        assert renderer.take_notices() == []
    finally:
        renderer.close()


def test_a_text_that_starts_like_an_option_is_read_not_obeyed(
    make_speaker: Callable[..., Speaker],
) -> None:
    require_system_package("espeak-ng")
    speaker = make_speaker(find_engine())
    speaker.say("-v xx --help", "en", key="dash")
    finished = run_until(speaker, speaking(speaker, "dash"))
    assert finished == []
    samples, seconds = heard_samples()
    assert seconds > 1.0  # "minus v x x minus minus help", not an empty or failed reading
    assert max(abs(sample) for sample in samples) > 8000
    assert speaker.take_notices() == []


# -- no engine ----------------------------------------------------------------------------


def test_without_espeak_there_is_one_notice_and_the_readings_are_over_at_once(
    sound: Sound, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no espeak-ng on it
    speaker = Speaker.for_system(sound)
    try:
        assert not speaker.available
        assert speaker.notice == ENGINE_MISSING
        assert "espeak-ng" in str(ENGINE_MISSING)
        assert "\n" not in str(ENGINE_MISSING)
        speaker.say(ENGLISH_QUESTION, "en", key="q1")
        assert speaker.update() == [Finished("q1", "silent")]
        assert speaker.take_notices() == [ENGINE_MISSING]
        speaker.say(RUSSIAN_QUESTION, "ru", key="q2")
        assert speaker.update() == [Finished("q2", "silent")]
        assert speaker.take_notices() == []  # once, not with every question
    finally:
        speaker.close()


# -- the worker never holds up a frame ----------------------------------------------------


def test_update_returns_while_the_reading_is_still_being_rendered(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    speaker = make_speaker(fake.engine)
    speaker.say(ENGLISH_QUESTION, "en", key="q1")
    wait_for(lambda: fake.started)  # the engine is running and will not end on its own
    for _ in range(30):
        assert speaker.update() == []
        assert speaker.waiting == "q1"
        assert speaker.speaking is None
    fake.release()
    run_until(speaker, speaking(speaker, "q1"))
    assert fake.readings == [("en", ENGLISH_QUESTION)]


def test_a_newer_reading_replaces_one_that_has_not_started(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    speaker = make_speaker(fake.engine)
    speaker.say("The first question?", "en", key="q1")
    wait_for(lambda: fake.started)
    speaker.say("The second question?", "ru", key="q2")
    # the first is still held by the engine: the second starts only if the first's
    # process was killed, so a newer question never waits for an older one's reading
    wait_for(lambda: len(fake.readings) == 2)
    fake.release()
    finished = run_until(speaker, speaking(speaker, "q2"))
    assert finished == [Finished("q1", "replaced")]
    assert fake.readings[-1] == ("ru", "The second question?")


def test_a_reading_waits_for_the_one_heard_unless_it_interrupts(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    fake.release()
    fake.seconds(30)  # long enough never to end by itself during the test
    speaker = make_speaker(fake.engine)
    speaker.say("The question.", "en", key="question")
    run_until(speaker, speaking(speaker, "question"))
    speaker.say("A: Minsk. B: Moscow.", "en", key="answers")
    wait_for(lambda: len(fake.readings) == 2)
    for _ in range(10):
        assert speaker.update() == []
    assert speaker.speaking == "question"
    assert speaker.waiting == "answers"
    speaker.say("The next question.", "en", key="next", interrupt=True)
    finished = run_until(speaker, speaking(speaker, "next"))
    assert finished == [Finished("question", "stopped"), Finished("answers", "replaced")]


def test_a_reading_heard_to_its_end_is_reported_played(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    fake.release()
    speaker = make_speaker(fake.engine)
    speaker.say("Short.", "en", key="q1")
    finished = run_until(speaker, lambda: speaker.speaking is None and speaker.waiting is None)
    assert finished == [Finished("q1", "played")]
    assert finished[0].heard
    assert not pygame.mixer.Channel(SPEECH_CHANNEL).get_busy()


def test_a_paused_speaker_starts_no_reading_until_it_resumes(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    fake.release()
    speaker = make_speaker(fake.engine)
    speaker.pause()
    speaker.say("The question.", "en", key="q1")
    wait_for(lambda: len(fake.readings) == 1)
    for _ in range(40):
        assert speaker.update() == []
    assert speaker.speaking is None
    speaker.resume()
    run_until(speaker, speaking(speaker, "q1"))


def test_stop_ends_the_reading_heard(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    fake.release()
    fake.seconds(30)
    speaker = make_speaker(fake.engine)
    speaker.say("The question.", "en", key="q1")
    run_until(speaker, speaking(speaker, "q1"))
    speaker.stop()
    assert speaker.update() == [Finished("q1", "stopped")]
    assert not pygame.mixer.Channel(SPEECH_CHANNEL).get_busy()


def test_the_effects_never_take_the_speech_channel(
    fake: FakeEngine, make_speaker: Callable[..., Speaker], sound: Sound
) -> None:
    fake.release()
    fake.seconds(30)
    speaker = make_speaker(fake.engine)
    speaker.say("The question.", "en", key="q1")
    run_until(speaker, speaking(speaker, "q1"))
    reading = pygame.mixer.Channel(SPEECH_CHANNEL).get_sound()
    sound.play("right")
    assert pygame.mixer.Channel(SPEECH_CHANNEL).get_sound() is reading
    speaker.stop()
    assert speaker.update() == [Finished("q1", "stopped")]
    # the speech channel is free, yet an effect takes another, so an effect can never
    # be mistaken for a reading still going on
    for _ in range(3):
        sound.play("right")
    assert not pygame.mixer.Channel(SPEECH_CHANNEL).get_busy()
    assert any(pygame.mixer.Channel(n).get_busy() for n in range(1, 4))


# -- the game's sound settings ------------------------------------------------------------


def test_muting_stops_the_reading_and_reads_nothing_more(
    fake: FakeEngine, make_speaker: Callable[..., Speaker], sound: Sound
) -> None:
    fake.release()
    fake.seconds(30)
    speaker = make_speaker(fake.engine)
    speaker.say("The question.", "en", key="q1")
    run_until(speaker, speaking(speaker, "q1"))
    sound.toggle_mute()
    assert speaker.update() == [Finished("q1", "stopped")]
    speaker.say("The next question.", "en", key="q2")
    assert speaker.update() == [Finished("q2", "silent")]
    assert [text for _, text in fake.readings] == ["The question."]  # q2 never rendered


def test_the_speech_volume_is_applied_and_kept_between_0_and_1(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    fake.release()
    fake.seconds(30)
    speaker = make_speaker(fake.engine, volume=0.5)
    speaker.say("The question.", "en", key="q1")
    run_until(speaker, speaking(speaker, "q1"))
    channel = pygame.mixer.Channel(SPEECH_CHANNEL)
    assert channel.get_volume() == pytest.approx(0.5, abs=0.01)
    speaker.volume = 0.25
    assert channel.get_volume() == pytest.approx(0.25, abs=0.01)
    speaker.volume = 3
    assert speaker.volume == 1.0
    speaker.volume = -1
    assert speaker.volume == 0.0


def test_no_audio_device_means_every_reading_is_over_at_once(fake: FakeEngine) -> None:
    speaker = Speaker(Sound(enabled=False), fake.engine)
    try:
        speaker.say("The question.", "en", key="q1")
        assert speaker.update() == [Finished("q1", "silent")]
        assert fake.readings == []
    finally:
        speaker.close()


# -- voices, the cache and failures -------------------------------------------------------


def test_a_language_without_a_voice_is_read_in_english_with_one_notice(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    fake.release()
    speaker = make_speaker(fake.engine)
    notices: list[Message] = []
    for key, text in (("q1", "Kysymys?"), ("q2", "Toinen kysymys?")):
        speaker.say(text, "fi", key=key)
        run_until(speaker, lambda: speaker.speaking is None and speaker.waiting is None)
        notices += speaker.take_notices()
    assert [str(n) for n in notices] == [
        'No voice for the language "fi": reading aloud in English.'
    ]
    assert [voice for voice, _ in fake.readings] == ["en", "en"]


def test_a_repeated_reading_is_played_from_the_cache(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    fake.release()
    speaker = make_speaker(fake.engine)
    for key in ("first", "repeat"):
        speaker.say(ENGLISH_QUESTION, "en", key=key, interrupt=True)
        run_until(speaker, speaking(speaker, key))
    assert fake.readings == [("en", ENGLISH_QUESTION)]


def test_the_cache_is_bounded(fake: FakeEngine, make_speaker: Callable[..., Speaker]) -> None:
    fake.release()
    speaker = make_speaker(fake.engine, cache_bytes=1000)  # smaller than one rendering
    for key in ("first", "repeat"):
        speaker.say(ENGLISH_QUESTION, "en", key=key, interrupt=True)
        run_until(speaker, speaking(speaker, key))
    assert fake.readings == [("en", ENGLISH_QUESTION)] * 2


def test_an_engine_that_fails_gives_one_notice_with_its_reason(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    fake.release()
    fake.fail()
    speaker = make_speaker(fake.engine)
    finished: list[Finished] = []
    for key in ("q1", "q2"):
        speaker.say("The question.", "en", key=key)
        finished += run_until(speaker, lambda: speaker.waiting is None)
    assert finished == [Finished("q1", "failed"), Finished("q2", "failed")]
    notices = [str(n) for n in speaker.take_notices()]
    assert notices == ["Read-aloud failed: cannot open the phoneme data"]


def test_an_empty_text_is_over_at_once_without_the_engine(
    fake: FakeEngine, make_speaker: Callable[..., Speaker]
) -> None:
    speaker = make_speaker(fake.engine)
    speaker.say("  \n", "en", key="blank")
    assert speaker.update() == [Finished("blank", "silent")]
    assert fake.readings == []


# -- the engine-free parts ----------------------------------------------------------------


def test_the_voices_listed_are_the_languages_without_mbrola() -> None:
    voices = parse_voices(VOICES)
    assert {"be", "cmn", "zh", "en", "en-gb", "en-us", "nb", "no", "pt", "pt-br"} <= voices
    assert "de" not in voices  # only an MBROLA voice, which needs a program seldom there
    assert "zh-cmn" in voices


@pytest.mark.parametrize(
    ("language", "voice"),
    [
        ("en", "en"),
        ("ru", "ru"),
        ("be", "be"),
        ("en-GB", "en-gb"),
        ("en-AU", "en"),
        ("pt-BR", "pt-br"),
        ("zh-Hans-CN", "zh"),
        ("iw", None),
        ("fi", None),
    ],
)
def test_a_pack_language_chooses_its_voice(language: str, voice: str | None) -> None:
    assert choose_voice(language, parse_voices(VOICES)) == voice


def test_an_old_language_tag_finds_the_voice_under_its_new_name() -> None:
    assert choose_voice("iw", {"he", "en"}) == "he"
    assert choose_voice("no-NO", {"nb", "en"}) == "nb"


def test_a_wav_from_a_pipe_gets_its_true_sizes() -> None:
    frames = array("h", (int(1000 * math.sin(i)) for i in range(2205))).tobytes()
    fmt = struct.pack("<HHIIHH", 1, 1, 22050, 44100, 2, 16)
    # espeak-ng writing to a pipe cannot go back: both sizes say 0x7FFFFFFF
    piped = (
        b"RIFF" + struct.pack("<I", 0x7FFFFFFF) + b"WAVEfmt " + struct.pack("<I", 16) + fmt
        + b"data" + struct.pack("<I", 0x7FFFFFFF) + frames + b"\x01"  # half a frame more
    )  # fmt: skip
    wav = parse_wav(piped)
    assert (wav.rate, wav.channels, wav.sample_width) == (22050, 1, 2)
    assert wav.frames == frames
    assert wav.duration == pytest.approx(0.1)
    with wave.open(io.BytesIO(wav.to_bytes())) as written:
        assert written.getnframes() == 2205
        assert written.readframes(2205) == frames


@pytest.mark.parametrize(
    "data", [b"", b"not a wav at all", b"RIFF\x04\x00\x00\x00WAVE", b"RIFF\x00\x00\x00\x00WAVE"]
)
def test_what_is_not_a_wav_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError, match="WAV"):
        parse_wav(data)


def test_the_cache_drops_the_least_recently_used_beyond_its_bound() -> None:
    cache = WavCache(limit=30)
    cache.put("a", "en", b"x" * 10)
    cache.put("b", "en", b"x" * 10)
    cache.put("a", "ru", b"x" * 10)
    assert cache.get("a", "en") is not None  # now the most recently used
    cache.put("c", "en", b"x" * 10)
    assert cache.get("b", "en") is None
    assert cache.get("a", "en") is not None
    assert cache.size == 30
    cache.put("huge", "en", b"x" * 31)  # more than the bound: not kept, nothing dropped
    assert cache.get("huge", "en") is None
    assert len(cache) == 3
