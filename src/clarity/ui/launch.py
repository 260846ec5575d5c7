"""From a parsed command line to a running game: the only door from the CLI into pygame.

``clarity``, ``clarity play`` and ``clarity demo`` each load the saved settings with
:func:`load_settings`, build :class:`LaunchOptions` and call one function here. Nothing
the player can cause ends in a traceback: a pack that is missing or broken is a one-line
message before any window opens, a settings file broken by hand is a line for each
problem (and the defaults for those settings), and an unexpected error in the game loop
is written to a log file in the data folder, with one line on the terminal saying where.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pygame

from clarity.core.messages import Message
from clarity.i18n import Translator, choose_language, translator_for
from clarity.paths import user_packs_dir
from clarity.picture_cache import picture_cache_file
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.settings import SettingsStore
from clarity.ui.app import App, WindowOptions, screen_size, smallest_window
from clarity.ui.assets import Assets
from clarity.ui.journey import first_round_scene
from clarity.ui.pack_shelf import FolderPacks
from clarity.ui.scenes.title import TitleScene
from clarity.ui.services import GameSettings, PackCatalog, PlayerOptions, Services
from clarity.ui.sound import Sound

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.ui.demo import DemoOptions
    from clarity.ui.scene import Scene

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2  # clarity host: the pack or the port asked for cannot be had
ERROR_LOG_NAME = "clarity-errors.log"
DEFAULT_SIZE = WindowOptions().size
DESKTOP_SHARE = 0.9  # a default window leaves room for the taskbar and the title bar


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """What the command line asked for, already parsed and checked."""

    data_dir: Path
    size: tuple[int, int] | None = None  # None: a size that suits the screen
    fullscreen: bool = False
    settings: GameSettings = field(default_factory=GameSettings)
    pack_id: str | None = None  # start a round on this pack instead of at the title
    player: str | None = None  # --player: pick or create this player, never ask who plays
    #: Print the wall-clock time of the first frame on the screen and stop (benchmarks).
    exit_after_first_frame: bool = False


class PackNotPlayable(Exception):
    """The pack asked for on the command line is missing or broken; the message (in the
    language of the Translator given to :func:`find_pack`) says which."""


class NoWindow(Exception):
    """No window can be opened (no display, an SSH session): not a bug, so no log."""


def open_window(app: App, environ: Mapping[str, str] = os.environ) -> None:
    """Open the App's window, or raise :class:`NoWindow` saying why it cannot be seen.

    With no display (an SSH session) SDL falls back on its off-screen driver by itself:
    the game would run, invisible, until killed. Off screen is only right when asked
    for by name (``SDL_VIDEODRIVER=offscreen``, or ``dummy`` for tests).
    """
    try:
        pygame.display.init()
        if _fell_back_off_screen(environ):
            pygame.quit()
            raise NoWindow("no display was found")
        app.open()
    except pygame.error as error:
        pygame.quit()  # leave nothing half started behind
        raise NoWindow(str(error) or "no display") from error


def _fell_back_off_screen(environ: Mapping[str, str]) -> bool:
    """Whether SDL draws off screen without being asked to (no display); display started."""
    asked = environ.get("SDL_VIDEODRIVER", "")
    return pygame.display.get_driver() == "offscreen" and asked != "offscreen"


def refuse_size(
    size: tuple[int, int],
    screen: tuple[int, int] | None,
    translator: Translator | None = None,
) -> str | None:
    """Why a window of ``size`` pixels cannot open on a screen of ``screen`` pixels, or None.

    The window may be from the game's minimum (the screen, on a screen smaller than that)
    up to the whole screen: a larger one opens partly or wholly out of sight, and a
    smaller one is grown by SDL anyway. With ``screen`` None (SDL cannot tell) only the
    minimum is checked. The message is one line that names the range, in ``translator``'s
    language (English without one); sizes keep their plain digits (1024x640).
    """
    t = translator if translator is not None else Translator()
    least = smallest_window(screen)
    asked = f"--size {size[0]}x{size[1]}"
    smallest = f"{least[0]}x{least[1]}"
    if screen is None:
        # Translators: {size} is a window size in pixels, e.g. 800x500
        sizes = t.gettext("at least {size}", size=smallest)
    else:
        largest = f"{screen[0]}x{screen[1]}"
        # Translators: {smallest} and {largest} are window sizes in pixels, e.g. 800x500
        sizes = t.gettext("from {smallest} to {largest}", smallest=smallest, largest=largest)
    if screen is not None and (size[0] > screen[0] or size[1] > screen[1]):
        return t.gettext(
            "{asked} is larger than the screen; the window can be {sizes}", asked=asked, sizes=sizes
        )
    if size[0] < least[0] or size[1] < least[1]:
        return t.gettext(
            "{asked} is smaller than the game's minimum; the window can be {sizes}",
            asked=asked,
            sizes=sizes,
        )
    return None


def size_problem(options: LaunchOptions, environ: Mapping[str, str] = os.environ) -> str | None:
    """The line that refuses ``--size`` on the screen the window opens on, or None (no
    ``--size``, a size that fits, or no display at all, which :func:`open_window` says)."""
    if options.size is None:
        return None
    try:
        pygame.display.init()
    except pygame.error:
        return None
    if _fell_back_off_screen(environ):
        return None
    return refuse_size(options.size, screen_size(), launch_translator(options))


def launch_translator(options: LaunchOptions) -> Translator:
    """The words of what a launch prints, in the language the game will speak (the
    settings' language, or ``CLARITY_LANG``)."""
    return translator_for(options.settings.language().language)


def _printed(t: Translator, problem: Message | str | object) -> str:
    """A line the launch prints, ``clarity: …``, with a message from below in ``t``'s
    language (a Message is rendered; anything else is shown as its text)."""
    said = problem if isinstance(problem, (Message, str)) else str(problem)
    return f"clarity: {t.render(said)}"


def load_settings(
    store: SettingsStore,
    *,
    timer: bool = True,
    streaks: bool = True,
    seed: int | None = None,
    out: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
    system_locale: str | None = None,
) -> GameSettings:
    """The settings of a game: those saved in ``store`` (the defaults where there are
    none), with ``timer`` or ``streaks`` False (``--no-timer``, ``--no-streaks``) taking
    that rule off for this run only. Never fails: each thing wrong in the file is one
    line on ``out`` (``clarity: FILE:LINE: …``), and that setting keeps its default.
    ``environ`` and ``system_locale`` choose the language with the setting (None: the
    setting alone, as in tests).
    """
    loaded = store.load()
    err = out or sys.stderr
    if loaded.problems:
        from clarity.terminal_text import problem_line  # noqa: PLC0415 - only for a broken file

        language = choose_language(loaded.settings.display.language, environ or {}, system_locale)
        t = translator_for(language.language)
        for problem in loaded.problems:
            print(f"clarity: {problem_line(problem, t)}", file=err)
    return GameSettings(
        saved=loaded.settings,
        timer=timer,
        streaks=streaks,
        seed=seed,
        store=store,
        problems=tuple(loaded.problems),  # shown in the language of the screen that shows them
        environ=dict(environ or {}),
        system_locale=system_locale,
    )


def build_services(
    options: LaunchOptions,
    *,
    sound: bool = True,
    demo: bool = False,
    out: TextIO | None = None,
) -> Services:
    """The assets, sound, packs and settings the scenes share; nothing is loaded yet.

    Why saving is off (a read-only data folder...) is printed once on ``out`` when the
    store opens. The demo plays as a guest unless ``--player`` names someone, and never
    stops at the offer to continue an interrupted round.
    """
    assets_dir = bundled_assets_dir()
    folders = [bundled_questions_dir(), user_packs_dir(options.data_dir)]
    err = out or sys.stderr
    services = Services(
        assets=Assets(assets_dir),
        sound=Sound(enabled=sound),
        packs=PackCatalog(folders, assets_dir, FolderPacks(picture_cache_file(options.data_dir))),
        settings=options.settings,
        data_dir=options.data_dir,
        player_options=PlayerOptions(
            name=options.player,
            guest=demo and options.player is None,
            offer_resume=not demo,
            on_notice=lambda notice: print(_printed(launch_translator(options), notice), file=err),
        ),
    )
    services.apply_sound_settings()  # the saved volume and mute; M switches it meanwhile
    return services


def find_pack(services: Services, pack_id: str, translator: Translator | None = None) -> LoadedPack:
    """The playable pack ``pack_id``, or :class:`PackNotPlayable` saying what is wrong in
    ``translator``'s language (English without one)."""
    from clarity.terminal_text import problem_line  # noqa: PLC0415

    t = translator if translator is not None else Translator()
    loaded = services.packs.by_id(pack_id)
    if loaded is not None:
        return loaded
    packs = services.packs.all()
    broken = next((p for p in packs if p.id == pack_id), None)
    if broken is not None:
        errors = broken.errors
        problem = problem_line(errors[0], t) if errors else str(broken.first_error)
        raise PackNotPlayable(
            t.gettext(
                'the pack "{pack}" cannot be played: {problem}', pack=pack_id, problem=problem
            )
        )
    ids = sorted(p.id for p in packs if p.ok)
    if not ids:
        raise PackNotPlayable(t.gettext('there is no pack "{pack}"; no pack plays', pack=pack_id))
    raise PackNotPlayable(
        t.gettext(
            'there is no pack "{pack}"; the packs that play are: {packs}',
            pack=pack_id,
            packs=", ".join(ids),
        )
    )


def start_game(options: LaunchOptions, *, out: TextIO | None = None) -> int:
    """``clarity`` and ``clarity play``: the title screen, or straight into a round."""
    err = out or sys.stderr
    t = launch_translator(options)
    problem = size_problem(options)
    if problem is not None:
        print(f"clarity: {problem}", file=err)
        return EXIT_FAILED
    services = build_services(options, out=err)
    loaded = None
    if options.pack_id is not None:
        try:
            loaded = find_pack(services, options.pack_id, t)
        except PackNotPlayable as problem:
            print(f"clarity: {problem}", file=err)
            return EXIT_FAILED
    app = App(services, window_options(options))

    def first_scene() -> Scene:
        if loaded is None:
            return TitleScene(app)
        # the player's interrupted round on offer, else the round asked for
        return first_round_scene(app, loaded)

    def run() -> None:
        open_window(app)  # the play scene may convert images, which needs the window
        try:
            first = first_scene()
        except BaseException:
            app.close()
            raise
        app.run(first)

    if options.exit_after_first_frame:
        app.add_frame_hook(_report_first_frame, after_flip=True)
    else:
        app.add_frame_hook(_warm_up, after_flip=True)
    return guarded(run, options.data_dir, out=err, translator=t)


def start_demo(options: LaunchOptions, demo: DemoOptions, *, out: TextIO | None = None) -> int:
    """``clarity demo``: the game plays itself (see :mod:`clarity.ui.demo`)."""
    from clarity.ui.demo import Autopilot  # noqa: PLC0415 - it needs the rules: not at start-up

    err = out or sys.stderr
    t = launch_translator(options)
    refused = size_problem(options)
    if refused is not None:
        print(f"clarity: {refused}", file=err)
        return EXIT_FAILED
    # the demo makes no sound when it only takes pictures; a projector demo plays along
    services = build_services(options, sound=demo.screenshot_dir is None, demo=True, out=err)
    try:
        find_pack(services, demo.pack_id, t)
    except PackNotPlayable as problem:
        print(f"clarity: {problem}", file=err)
        return EXIT_FAILED
    app = App(services, window_options(options))
    app.add_frame_hook(_warm_up, after_flip=True)
    pilot = Autopilot(app, demo)

    def run() -> None:
        open_window(app)
        app.run(TitleScene(app), fixed_dt=pilot.fixed_dt)
        if pilot.failure is not None:
            raise RuntimeError(pilot.failure)

    status = guarded(run, options.data_dir, out=err, translator=t)
    if status == EXIT_OK and demo.screenshot_dir is not None:
        shots = t.ngettext(
            "{count} screenshot in {folder}",
            "{count} screenshots in {folder}",
            len(pilot.screenshots),
            folder=demo.screenshot_dir,
        )
        print(f"clarity demo: {shots}")
    return status


@dataclass(frozen=True, slots=True)
class HostOptions:
    """``clarity host``'s own options: where the server listens (``port`` None: 8765, or
    any free port when it is taken) and the settings' folder (the game's rules)."""

    bind: str = "0.0.0.0"
    port: int | None = None
    config_dir: Path | None = None
    tile_share: int | None = None  # None: the settings file's (the link reads it)
    leaderboard: bool | None = None
    class_name: str | None = None  # the class whose players students pick (None: all)


def start_hosting(
    options: LaunchOptions,
    host: HostOptions,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """``clarity host``: the class game's server on the classroom network, its two lines
    (``students: URL`` and ``teacher: URL``) on ``out`` before the window opens, then the
    lobby on the projector. A pack that does not play or a port that cannot be had is one
    line on ``err`` and :data:`EXIT_REFUSED`; the server stops with the window."""
    from clarity.classroom.link import HostConfig, start_host_thread  # noqa: PLC0415 - aiohttp
    from clarity.ui.host_view.hosting import Hosting  # noqa: PLC0415

    out = out or sys.stdout
    err = err or sys.stderr
    t = launch_translator(options)
    problem = size_problem(options)
    if problem is not None:
        print(f"clarity: {problem}", file=err)
        return EXIT_FAILED
    assert options.pack_id is not None
    services = build_services(options, out=err)
    try:
        loaded = find_pack(services, options.pack_id, t)
    except PackNotPlayable as refused:
        print(f"clarity: {refused}", file=err)
        return EXIT_REFUSED
    class_name = host.class_name
    if class_name is not None:
        found = services.classes.find(class_name)
        if found is None:
            print(f"clarity: {_no_such_class(t, class_name, services)}", file=err)
            return EXIT_REFUSED
        class_name = found.name
    config = HostConfig(
        pack_id=options.pack_id,
        data_dir=options.data_dir,
        config_dir=host.config_dir,
        language=options.settings.language().language,
        bind=host.bind,
        port=host.port,
        pack_file=loaded.path,  # found already: the server reads no other pack
        tile_share=host.tile_share,
        leaderboard=host.leaderboard,
        class_name=class_name,
    )
    link = start_host_thread(config)
    if link.error is not None:
        print(f"clarity: {link.error}", file=err)
        return EXIT_REFUSED
    # machines read these two lines (a script that opens the teacher's page): not translated
    print(f"students: {link.students_url}", file=out, flush=True)
    print(f"teacher: {link.teacher_url}", file=out, flush=True)
    hosting = Hosting(link, loaded)
    app = App(services, window_options(options))
    if options.exit_after_first_frame:
        app.add_frame_hook(_report_first_frame, after_flip=True)
    else:
        app.add_frame_hook(_warm_up, after_flip=True)

    def run() -> None:
        open_window(app)
        app.run(app.screens.make("host-lobby", hosting=hosting))

    try:
        return guarded(run, options.data_dir, out=err, translator=t)
    finally:
        hosting.close()


def _no_such_class(t: Translator, name: str, services: Services) -> str:
    """The one line for ``clarity host --class`` of a class there is not, with the
    classes there are."""
    known = [school_class.name for school_class in services.classes.all()]
    if known:
        return t.gettext(
            'there is no class called "{name}"; the classes are: {classes}',
            name=name,
            classes=", ".join(known),
        )
    return t.gettext('there is no class called "{name}"; there are no classes yet', name=name)


def window_options(options: LaunchOptions) -> WindowOptions:
    return WindowOptions(size=options.size or suggested_size(), fullscreen=options.fullscreen)


def suggested_size() -> tuple[int, int]:
    """The default window size, shrunk to fit a small screen (a 1366x768 laptop)."""
    try:
        pygame.display.init()
        screen = screen_size()
        headless = pygame.display.get_driver() in {"dummy", "offscreen"}
    except pygame.error:
        return DEFAULT_SIZE
    if headless:  # no screen to fit: screenshots at the size the game is designed around
        return DEFAULT_SIZE
    if screen is None:
        return DEFAULT_SIZE
    width, height = DEFAULT_SIZE
    scale = min(1.0, screen[0] * DESKTOP_SHARE / width, screen[1] * DESKTOP_SHARE / height)
    return round(width * scale), round(height * scale)


def guarded(
    run: Callable[[], None],
    data_dir: Path,
    *,
    out: TextIO,
    translator: Translator | None = None,
) -> int:
    """Run the game; an unexpected error becomes a log entry and one line for the user, in
    ``translator``'s language (the error's own words stay as Python or SDL wrote them)."""
    t = translator if translator is not None else Translator()
    try:
        run()
    except NoWindow as error:
        # Translators: {reason} is SDL's own words, in English
        line = t.gettext("cannot open the game window ({reason})", reason=str(error))
        print(f"clarity: {line}", file=out)
        return EXIT_FAILED
    except Exception as error:  # the last line of defence, by design
        log = write_error_log(data_dir, error)
        summary = f"{type(error).__name__}: {error}".splitlines()[0]
        if log is None:
            line = t.gettext(
                "the game stopped because of an unexpected error ({error})", error=summary
            )
        else:
            line = t.gettext(
                "the game stopped because of an unexpected error ({error}); "
                "the details are in {log}",
                error=summary,
                log=log,
            )
        print(f"clarity: {line}", file=out)
        return EXIT_FAILED
    return EXIT_OK


def write_error_log(data_dir: Path, error: BaseException) -> Path | None:
    """Append the error's traceback to the log in ``data_dir``; None if it cannot be written."""
    # imported here: only a crash needs them, and start-up should not wait for them
    import traceback  # noqa: PLC0415
    from datetime import datetime  # noqa: PLC0415

    path = data_dir / ERROR_LOG_NAME
    text = "".join(traceback.format_exception(error))
    stamp = datetime.now().isoformat(timespec="seconds")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {stamp} ---\n{text}\n")
    except OSError:
        return None
    return path


def _warm_up(app: App, surface: pygame.Surface) -> None:
    """Once the first frame is on the screen: find the packs and make the sounds, in
    the background, so neither Play nor the first right answer waits for them."""
    if app.frame == 0:
        app.services.packs.preload()
        app.services.sound.prepare()


def _report_first_frame(app: App, surface: pygame.Surface) -> None:
    # The wall clock, not perf_counter: the benchmark compares it with the moment it
    # started this process, which only the wall clock shares across processes.
    print(f"first-frame {time.time():.6f}", flush=True)
    app.quit()
