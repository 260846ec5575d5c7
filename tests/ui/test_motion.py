"""Reduced motion (WCAG 2.2 2.3.3): nothing flies, flips, wipes, slides or counts; and no
screen flashes more than three times a second in either mode (2.3.1).

A round is played with keys at 60 frames a second and every frame is looked at: with
reduced motion no frame shows an animation; without it (the control) the same round does.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import pygame
import pytest

from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import Phase
from clarity.ui.app import App
from clarity.ui.scenes.play import INTRO_SECONDS, PlayScene
from clarity.ui.scenes.results import ResultsScene
from clarity.ui.scenes.title import TitleScene
from clarity.ui.theme import Look, relative_luminance
from clarity.ui.widgets import CARET_PERIOD, CARET_SHOWN

from .conftest import Pilot

STILL = Look.from_choices(reduced_motion=True)
MOVING = Look()
FPS = 60


@dataclass
class Motion:
    """What moved while a round was played, frame by frame."""

    frames: int = 0
    flipping: int = 0  # frames with a tile turning or glowing
    flyers: int = 0  # frames with points in flight
    counting: int = 0  # frames with the score running towards its value
    wiping: int = 0  # frames with a new question wiping in
    sliding: int = 0  # frames with a toast out of its resting place
    toasts: int = 0  # frames with a toast showing
    results_busy: int = 0  # frames of the results' presentation still running
    notes: list[str] = field(default_factory=list)


def watch(pilot: Pilot, play: PlayScene, motion: Motion) -> None:
    """Record what moves in each frame drawn from now on."""
    drawn_toasts: list[pygame.Rect | None] = []
    draw_toast = play.toasts.draw

    def spy(surface: pygame.Surface, *, still: bool = False) -> pygame.Rect | None:
        rect = draw_toast(surface, still=still)
        drawn_toasts.append(rect)
        return rect

    play.toasts.draw = spy  # type: ignore[method-assign]

    def look(app: App, _surface: pygame.Surface) -> None:
        motion.frames += 1
        top = app.top
        if isinstance(top, ResultsScene):
            motion.results_busy += top.busy or top.score.value != top.summary.score
            return
        if top is not play:
            return
        motion.flipping += play.board_view.animating
        motion.flyers += bool(play.flyers)
        motion.counting += play.score.counting or play.score.value != play.round.score
        motion.wiping += play._intro < INTRO_SECONDS
        shown = play.toasts.showing
        rect = drawn_toasts[-1] if drawn_toasts else None
        if shown is not None and rect is not None:
            motion.toasts += 1
            resting = shown.surface.get_rect(midtop=play.toasts.anchor)
            motion.sliding += rect.topleft != resting.topleft

    pilot.app.add_frame_hook(look)


def play_a_round(pilot: Pilot, play: PlayScene, *, pause: float = 0.0) -> None:
    """Every question answered right (tiles uncover, points fly, trophies come) ``pause``
    seconds after it takes an answer, then the picture guessed; on to the results, and
    3 s of them."""
    while play.round.phase is not Phase.ENDED:
        pilot.until(lambda: not play.busy, limit=300)
        pilot.step(round(pause * FPS))
        question = play.round.question
        if play.round.phase is Phase.FINAL_GUESS:
            pilot.type("Lighthouse")
            pilot.key(pygame.K_RETURN)
        elif play.round.phase is Phase.FEEDBACK:
            pilot.key(pygame.K_RETURN)
        elif isinstance(question, TypedQuestion):
            pilot.type(question.answer)
            pilot.key(pygame.K_RETURN)
        elif isinstance(question, TrueFalseQuestion):
            pilot.key(pygame.K_t if question.answer else pygame.K_f)
        else:
            assert isinstance(question, ChoiceQuestion)
            pilot.key(pygame.K_a + question.right_index)
    pilot.until(lambda: isinstance(pilot.top, ResultsScene), limit=400)
    pilot.step(3 * FPS)


def round_motion(make_app: Callable[..., App], loaded: object, look: Look) -> Motion:
    app = make_app()
    app.apply_look(look)
    pilot = Pilot(app)
    play = PlayScene(app, loaded, seed=1)  # type: ignore[arg-type]
    app.push(play)
    pilot.step()
    motion = Motion()
    watch(pilot, play, motion)
    play_a_round(pilot, play)
    return motion


def test_a_round_with_reduced_motion_has_no_animation_frames(
    make_app: Callable[..., App], loaded: object
) -> None:
    still = round_motion(make_app, loaded, STILL)
    assert still.frames > 5 * FPS
    assert still.toasts > 0  # a trophy's toast was shown: in its place from the first frame
    assert (still.flipping, still.flyers, still.counting, still.wiping, still.sliding) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert still.results_busy == 0  # the results are all in place from their first frame


def test_the_same_round_moves_without_reduced_motion(
    make_app: Callable[..., App], loaded: object
) -> None:
    """The control: each probe of the test above sees its animation when it runs."""
    moving = round_motion(make_app, loaded, MOVING)
    assert moving.flipping > 0
    assert moving.flyers > 0
    assert moving.counting > 0
    assert moving.wiping > 0
    assert moving.sliding > 0
    assert moving.results_busy > 0


def frame_bytes(pilot: Pilot) -> bytes:
    return pygame.image.tobytes(pilot.app.surface, "RGB")


@pytest.mark.parametrize(("look", "still"), [(STILL, True), (MOVING, False)])
def test_the_titles_mosaic_stands_still_with_reduced_motion(
    make_app: Callable[..., App], look: Look, still: bool
) -> None:
    app = make_app()
    app.apply_look(look)
    pilot = Pilot(app)
    app.push(TitleScene(app))
    pilot.step()
    first = frame_bytes(pilot)
    pilot.step(2 * FPS)
    assert (frame_bytes(pilot) == first) is still


def test_a_caret_stands_still_with_reduced_motion_and_blinks_once_a_second_without(
    make_app: Callable[..., App], loaded: object
) -> None:
    assert 1 / CARET_PERIOD <= 3  # flashes a second: WCAG 2.3.1's limit
    assert 0 < CARET_SHOWN < CARET_PERIOD
    for look, still in ((STILL, True), (MOVING, False)):
        app = make_app()
        app.apply_look(look)
        pilot = Pilot(app)
        play = PlayScene(app, loaded, seed=1)  # type: ignore[arg-type]
        app.push(play)
        pilot.step()
        pilot.settle()
        pilot.key(pygame.K_g)  # the guess field, with its caret
        frames = []
        for _ in range(4):
            pilot.step(round(FPS * CARET_PERIOD / 4))
            frames.append(frame_bytes(pilot))
        assert (len(set(frames)) == 1) is still


# -- flashes ------------------------------------------------------------------------------

#: WCAG 2.2's general flash: a pair of opposing changes in relative luminance of 10 % or
#: more where the darker is below 0.80, over at least a quarter of a 10-degree field of
#: view: 341 x 256 pixels of a 1024x768 screen, a quarter of it 2.8 % of the screen.
FLASH_CHANGE = 0.10
FLASH_DARKER = 0.80
FLASH_AREA = 0.25 * 341 * 256 / (1024 * 768)
SAMPLE = (64, 40)  # frames are averaged down to this many pixels to be compared
#: each 8-bit channel linearised once (relative_luminance's own formula)
_RED, _GREEN, _BLUE = (
    [relative_luminance(tuple(v if i == c else 0 for i in range(3))) for v in range(256)]  # type: ignore[arg-type]
    for c in range(3)
)


def luminances(
    surface: pygame.Surface, known: dict[bytes, list[float]] | None = None
) -> list[float]:
    """The relative luminance of each pixel of ``surface`` averaged down to :data:`SAMPLE`;
    ``known``: those of the frames seen so far, by their pixels (most frames repeat one)."""
    small = pygame.transform.smoothscale(surface, SAMPLE)
    data = pygame.image.tobytes(small, "RGB")
    found = known.get(data) if known is not None else None
    if found is None:
        channels = zip(data[0::3], data[1::3], data[2::3], strict=True)
        found = [_RED[r] + _GREEN[g] + _BLUE[b] for r, g, b in channels]
        if known is not None:
            known[data] = found
    return found


def large_changes(frames: list[list[float]]) -> list[tuple[int, int]]:
    """Each (frame, way) where an area large enough to flash lightened (way 1) or darkened
    (way -1) by WCAG's 10 %."""
    least = FLASH_AREA * SAMPLE[0] * SAMPLE[1]
    changes = []
    for n, (before, after) in enumerate(itertools.pairwise(frames)):
        if before == after:
            continue  # most frames: nothing changed
        up = down = 0
        for a, b in zip(before, after, strict=True):
            if abs(b - a) >= FLASH_CHANGE and min(a, b) < FLASH_DARKER:
                if b > a:
                    up += 1
                else:
                    down += 1
        changes += [(n, way) for way, area in ((1, up), (-1, down)) if area >= least]
    return changes


def flashes_per_second(frames: list[list[float]]) -> int:
    """The most flashes in any second of ``frames`` (at :data:`FPS`), counted as WCAG
    counts them: every large change in the opposite way of the last one."""
    return most_flashes_in_a_second(large_changes(frames))


def most_flashes_in_a_second(changes: list[tuple[int, int]]) -> int:
    """:func:`flashes_per_second` of the frames whose :func:`large_changes` are ``changes``."""
    flashes: list[int] = []  # the frame of each flash
    last = 0
    for n, way in changes:
        if last == -way:
            flashes.append(n)
        last = way
    in_a_second = (sum(1 for f in flashes if start <= f < start + FPS) for start in flashes)
    return max(in_a_second, default=0)


def test_the_flash_count_sees_a_flashing_screen() -> None:
    """The counter's own check: a screen going black and white four times a second has
    eight flashes in a second; once a second, two."""
    black, white = [0.0] * (SAMPLE[0] * SAMPLE[1]), [1.0] * (SAMPLE[0] * SAMPLE[1])
    fast = [black if (n // 8) % 2 else white for n in range(2 * FPS)]
    slow = [black if (n // 30) % 2 else white for n in range(2 * FPS)]
    assert flashes_per_second(fast) == 8
    assert flashes_per_second(slow) == 2


@pytest.mark.parametrize("look", [MOVING, STILL], ids=["moving", "still"])
def test_no_screen_flashes_more_than_three_times_a_second(
    make_app: Callable[..., App], loaded: object, look: Look
) -> None:
    """The title, a whole round (verdicts, tiles, points, toasts, the final reveal) and its
    results, every frame at 60 a second; the answers come half a second after the game
    takes them, as a quick student's would (a key pressed faster changes the screen at
    the student's pace, not the game's)."""
    app = make_app(size=(1024, 640))
    app.apply_look(look)
    pilot = Pilot(app)
    frames: list[list[float]] = []
    known: dict[bytes, list[float]] = {}
    app.add_frame_hook(lambda _app, surface: frames.append(luminances(surface, known)))
    app.push(TitleScene(app))
    pilot.step(2 * FPS)
    play = PlayScene(app, loaded, seed=1)  # type: ignore[arg-type]
    app.reset(play)
    pilot.step()
    play_a_round(pilot, play, pause=0.5)
    assert len(frames) > 8 * FPS
    changes = large_changes(frames)
    assert len(changes) >= 2  # the screens changing are seen: the count works
    assert most_flashes_in_a_second(changes) <= 3


@pytest.mark.parametrize(("look", "wait"), [(STILL, 0.0), (MOVING, 1.5)], ids=["still", "moving"])
def test_enter_goes_on_to_the_results_once_the_whole_picture_is_in_view(
    make_app: Callable[..., App], loaded: object, look: Look, wait: float
) -> None:
    """The end card says "Enter: see the results": at once with reduced motion (nothing
    to wait for), after the reveal without it, and before the results come by themselves."""
    app = make_app()
    app.apply_look(look)
    pilot = Pilot(app)
    play = PlayScene(app, loaded, seed=1)  # type: ignore[arg-type]
    app.push(play)
    pilot.step()
    pilot.settle()
    pilot.key(pygame.K_g)
    pilot.type("Lighthouse")
    pilot.key(pygame.K_RETURN)
    assert play.round.phase is Phase.ENDED
    pilot.step(round(wait * FPS))
    assert pilot.top is play  # the results do not come by themselves yet
    pilot.key(pygame.K_RETURN)
    assert isinstance(pilot.top, ResultsScene)
