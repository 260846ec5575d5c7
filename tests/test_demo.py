"""The demo: the real game plays itself, takes screenshots, and yields to a real key."""

from __future__ import annotations

import struct
from collections.abc import Callable
from itertools import count
from pathlib import Path

import pygame
import pytest

from clarity import cli
from clarity.core.events import (
    BuzzedIn,
    ClassRoundEnded,
    ImageGuessed,
    RoundOutcome,
    RoundSummary,
    StealOffered,
)
from clarity.store import open_store
from clarity.ui.app import App
from clarity.ui.demo import Autopilot, DemoOptions
from clarity.ui.scene import Scene
from clarity.ui.scenes.title import TitleScene
from ui.menus import open_app, step

SIZE = (1024, 640)


@pytest.fixture(autouse=True)
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_the_demo_plays_a_round_and_saves_every_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    summaries: list[RoundSummary] = []
    real_open = App.open

    def open_and_watch(self: App) -> pygame.Surface:
        surface = real_open(self)

        def watch(app: App, _: pygame.Surface) -> None:
            top = app.top
            if top is not None and top.name == "results" and not summaries:
                summaries.append(top.summary)  # type: ignore[attr-defined]

        self.add_frame_hook(watch)
        return surface

    monkeypatch.setattr(App, "open", open_and_watch)
    shots = tmp_path / "shots"
    argv = ["demo", "--screenshot-dir", str(shots), "--seed", "3", "--size", "1024x640"]
    status = cli.main([*argv, "--data-dir", str(tmp_path / "data")])
    out = capsys.readouterr()
    assert status == 0, out.err
    names = sorted(p.name for p in shots.iterdir())
    assert out.out.strip() == f"clarity demo: {len(names)} screenshots in {shots}"
    for scene, what in [
        ("title", "start"),
        ("packs", "choose"),
        ("play", "question"),
        ("play", "answered-right"),
        ("pause", "menu"),
        ("play", "guess"),
        ("play", "revealed"),
        ("results", "summary"),
    ]:
        assert any(name[3:] == f"{scene}-{what}.png" for name in names), (scene, what, names)
    assert [name[:2] for name in names] == [f"{i:02d}" for i in range(1, len(names) + 1)]
    for path in shots.iterdir():
        assert png_size(path) == SIZE
        picture = pygame.image.load(str(path))
        small = pygame.transform.scale(picture, (32, 20))
        colours = {tuple(small.get_at((x, y))) for x in range(32) for y in range(20)}
        assert len(colours) > 8, f"{path.name} looks blank"
    # it answered mostly right, sometimes wrong, and guessed once half the tiles showed
    (summary,) = summaries
    assert summary.pack_id == "union-state"
    assert summary.outcome is RoundOutcome.GUESSED
    assert summary.right > summary.wrong
    assert summary.hidden_at_guess <= summary.total_tiles / 2
    assert summary.hidden_at_guess > 0


def test_a_demo_for_a_missing_pack_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["demo", "--pack", "nope", "--data-dir", str(tmp_path)])
    assert status == 1
    assert 'there is no pack "nope"' in capsys.readouterr().err


def watched_demo(
    seed: int, *, rounds: int | None = None, seconds_per_frame: float = 1 / 60
) -> tuple[App, Autopilot]:
    """A demo without screenshots on a fake clock that moves ``seconds_per_frame`` a frame."""
    app = open_app(size=SIZE)
    ticks = count()
    pilot = Autopilot(
        app,
        DemoOptions(seed=seed, rounds=rounds),
        clock=lambda: next(ticks) * seconds_per_frame,
    )
    app.push(TitleScene(app))
    return app, pilot


def run_until_it_stops(
    app: App, most_frames: int, *, or_until: Callable[[list[str]], bool] | None = None
) -> list[str]:
    """Step ``app`` until it stops, ``or_until(screens)`` holds, or ``most_frames`` frames
    have passed; the screens it showed, in order."""
    screens: list[str] = []
    for _ in range(most_frames):
        if not app.running or (or_until is not None and or_until(screens)):
            break
        step(app)
        top = app.top
        if top is not None and (not screens or screens[-1] != top.name):
            screens.append(top.name)
    return screens


def test_the_watched_demo_goes_on_by_itself_until_a_real_key() -> None:
    app, pilot = watched_demo(seed=5)
    try:
        assert pilot.fixed_dt is None  # real time, at the pace of a class watching
        step(app, 60 * 6)  # its own clicks and keys: from the title into the pack choice
        assert app.running
        assert app.top is not None
        assert app.top.name in {"packs", "play"}
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_x, mod=0, unicode="x"))
        step(app)
        assert not app.running
        assert pilot.screenshots == []
    finally:
        app.close()


@pytest.mark.parametrize("rounds", [1, 2])
def test_the_watched_demo_stops_after_its_rounds(rounds: int) -> None:
    # the autopilot's clock runs at 0.1 s a frame (its longest step): a class's pace in
    # a few thousand frames; the game's own clock keeps its 1/60 s a frame
    app, pilot = watched_demo(seed=7, rounds=rounds, seconds_per_frame=0.1)
    try:
        screens = run_until_it_stops(app, most_frames=6000 * rounds)
        assert not app.running, f"still running after {pilot.rounds_done} rounds: {screens}"
        assert pilot.rounds_done == rounds
        assert screens[-1] == "results"  # it ends on the last score, for the class to see
        assert screens.count("results") == rounds
        assert pilot.screenshots == []
    finally:
        app.close()


def test_the_watched_demo_without_rounds_goes_on_after_a_round() -> None:
    app, pilot = watched_demo(seed=7, seconds_per_frame=0.1)
    try:
        screens = run_until_it_stops(
            app, most_frames=6000, or_until=lambda seen: "results" in seen[:-1]
        )
        assert app.running
        assert pilot.rounds_done == 1
        assert screens[screens.index("results") + 1 :], screens  # on past the first results
    finally:
        app.close()


def test_real_mouse_moves_do_not_stop_the_demo_nor_reach_the_game() -> None:
    app, _ = watched_demo(seed=6)
    try:
        step(app)
        title = app.top
        assert isinstance(title, TitleScene)
        quit_at = title.quit_button.rect.center
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=quit_at, rel=(1, 1), buttons=(0, 0, 0))
        )
        step(app)
        assert app.running
        assert title.focus.focused is title.play_button
    finally:
        app.close()


def test_a_demo_stuck_on_a_screen_gives_up_with_a_reason(tmp_path: Path) -> None:
    class Frozen(Scene):
        """A screen the demo does not know, and that ignores every key."""

        name = "frozen"

    app = open_app(size=SIZE)
    pilot = Autopilot(app, DemoOptions(seed=1, screenshot_dir=tmp_path))
    app.run(Frozen(app), fixed_dt=pilot.fixed_dt)  # returns: the demo quits the App
    assert pilot.failure == "the demo got stuck on the frozen screen"
    assert [p.name for p in pilot.screenshots] == ["01-frozen-screen.png"]


def test_the_watched_demo_waits_on_packs_that_load_slowly_instead_of_starting_again() -> None:
    # packs that take longer than the demo's "stuck" time to come (a busy classroom
    # computer): the demo waits on the pack choice, it does not go back to the title
    from clarity.core.packs.loader import discover_packs
    from clarity.resources import bundled_assets_dir, bundled_questions_dir
    from clarity.ui.services import PackCatalog
    from ui.test_packs_scene import GatedPacks

    bundled = discover_packs([bundled_questions_dir()], assets_dir=bundled_assets_dir())
    gated = GatedPacks(bundled)
    app = open_app(size=SIZE)
    app.services.packs = PackCatalog([bundled_questions_dir()], bundled_assets_dir(), gated)
    ticks = count()
    pilot = Autopilot(app, DemoOptions(seed=7, rounds=1), clock=lambda: next(ticks) * 0.1)
    app.push(TitleScene(app))
    try:
        waited = run_until_it_stops(app, most_frames=1_000)  # 100 s of the demo's clock
        assert waited == ["title", "packs"]
        gated.open_wide()
        screens = run_until_it_stops(app, most_frames=6_000)
        assert not app.running, screens
        assert pilot.rounds_done == 1
    finally:
        app.close()


@pytest.mark.parametrize(
    "bounds", [{"answer": "100", "min": "100"}, {"answer": "100", "max": "100"}, {"answer": "7"}]
)
def test_the_demos_wrong_number_is_a_number_just_outside_the_right_ones(
    bounds: dict[str, str],
) -> None:
    from types import SimpleNamespace

    from clarity.core.packs.models import NumberQuestion
    from clarity.core.round import is_right

    question = NumberQuestion.model_validate({"type": "number", "prompt": "How many?", **bounds})
    played = SimpleNamespace(pack=SimpleNamespace(language="en"))
    wrong = Autopilot._wrong_typed(None, played, question)  # type: ignore[arg-type]
    assert wrong.lstrip("-").isdigit(), wrong  # a number a student could type, never "Infinity"
    assert not is_right(question, wrong, "en")


@pytest.mark.parametrize(("mode", "teams", "seed"), [("turns", 3, 3), ("buzz", 5, 4)])
def test_the_class_demo_plays_a_class_game_from_the_title_to_the_results(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    mode: str,
    teams: int,
    seed: int,
) -> None:
    events: list[object] = []
    setups: list[object] = []
    real_open = App.open

    def open_and_watch(self: App) -> pygame.Surface:
        surface = real_open(self)

        def watch(app: App, _: pygame.Surface) -> None:
            top = app.top
            if top is not None and top.name == "class-play" and not setups:
                setups.append(top.setup)  # type: ignore[attr-defined]
                top.round.subscribe(events.append)  # type: ignore[attr-defined]

        self.add_frame_hook(watch)
        return surface

    monkeypatch.setattr(App, "open", open_and_watch)
    shots = tmp_path / "shots"
    data = tmp_path / "data"
    argv = ["demo", "--class", mode, "--teams", str(teams), "--screenshot-dir", str(shots)]
    status = cli.main([*argv, "--seed", str(seed), "--size", "1024x768", "--data-dir", str(data)])
    out = capsys.readouterr()
    assert status == 0, out.err
    names = {p.name[3:] for p in shots.iterdir()}
    for expected in ("class-setup-teams", "class-setup-buzzers", "class-play-guess"):
        assert f"{expected}.png" in names, names
    assert "class-results-summary.png" in names
    # the teams and the mode asked for, each team's buzzer pressed on the setup
    (setup,) = setups
    assert len(setup.teams) == teams  # type: ignore[attr-defined]
    assert setup.class_rules.mode.value == mode  # type: ignore[attr-defined]
    guesses = [e for e in events if isinstance(e, ImageGuessed)]
    assert any(not g.right for g in guesses), "a wrong guess at the picture"
    assert guesses[-1].right, "the picture guessed right at the end"
    if mode == "turns":
        assert any(isinstance(e, StealOffered) for e in events)
    else:
        assert any(isinstance(e, BuzzedIn) for e in events)
    (ended,) = [e for e in events if isinstance(e, ClassRoundEnded)]
    assert ended.summary.guessed_by == guesses[-1].contestant
    # the game is saved: its teams are on the pack's list of teams
    store = open_store(data).store
    assert store is not None
    with store:
        rows = store.team_leaderboard("union-state")
    assert len(rows) == teams


def _watch_scene(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Scene]:
    """The scenes named ``name`` the demo reaches, kept to look at once it has ended."""
    seen: list[Scene] = []
    real_open = App.open

    def open_and_watch(self: App) -> pygame.Surface:
        surface = real_open(self)

        def watch(app: App, _: pygame.Surface) -> None:
            top = app.top
            if top is not None and top.name == name and top not in seen:
                seen.append(top)

        self.add_frame_hook(watch)
        return surface

    monkeypatch.setattr(App, "open", open_and_watch)
    return seen


def _check_shots(shots: Path, expected: list[str]) -> list[str]:
    names = sorted(p.name for p in shots.iterdir())
    assert [name[3:] for name in names] == [f"{what}.png" for what in expected], names
    for path in shots.iterdir():
        assert png_size(path) == SIZE
    return names


def test_the_study_demo_turns_and_rates_a_packs_cards_to_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    studied = _watch_scene(monkeypatch, "study")
    shots = tmp_path / "shots"
    argv = ["demo", "--mode", "study", "--screenshot-dir", str(shots), "--seed", "3"]
    status = cli.main([*argv, "--size", "1024x640", "--data-dir", str(tmp_path / "data")])
    out = capsys.readouterr()
    assert status == 0, out.err
    names = _check_shots(
        shots,
        ["title-start", "packs-choose", "study-front", "study-back", "study-summary"],
    )
    assert out.out.strip() == f"clarity demo: {len(names)} screenshots in {shots}"
    (scene,) = studied
    assert scene.finished  # type: ignore[attr-defined]
    assert scene.loaded.id == "union-state"  # type: ignore[attr-defined]
    reviewed = scene.reviewed  # type: ignore[attr-defined]
    assert reviewed == len(scene.deck.cards) > 1  # type: ignore[attr-defined]  # each card once
    # mostly Good: most cards remembered, not all of them
    assert reviewed / 2 < scene.remembered < reviewed  # type: ignore[attr-defined]


def test_the_sprint_demo_answers_mostly_right_until_the_end_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sprinted = _watch_scene(monkeypatch, "sprint")
    shots = tmp_path / "shots"
    argv = ["demo", "--mode", "sprint", "--screenshot-dir", str(shots), "--seed", "2"]
    status = cli.main([*argv, "--size", "1024x640", "--data-dir", str(tmp_path / "data")])
    out = capsys.readouterr()
    assert status == 0, out.err
    _check_shots(
        shots,
        ["title-start", "packs-choose", "sprint-statement", "sprint-going", "sprint-result"],
    )
    (scene,) = sprinted
    sprint = scene.sprint  # type: ignore[attr-defined]
    assert sprint.ended
    assert sprint.answered > 10
    assert 0 < sprint.wrong < sprint.right / 3  # mostly right, a slip now and then


def test_the_demo_mode_is_one_of_three(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--mode", "flashcards"]) != 0
    assert "--mode" in capsys.readouterr().err
