"""The ``clarity`` command line: one small function per subcommand.

To add a command, write ``_add_<name>(subparsers)`` that creates its parser with
:func:`_add_command` (which gives it ``--data-dir`` and ``--config-dir``, and the game's
options to a command that opens the window) and its own options, and call it from
:func:`build_parser`. A command function takes the parsed arguments and returns the
exit status; it prints what the user should see. A problem the user can fix is raised
as :class:`UsageError` (the command line is wrong: ``clarity: error: …``, status 2) or
:class:`Failed` (it cannot be done: ``clarity: …``, status 1); :func:`main` prints
either as one line.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import functools
import importlib
import io
import os
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from clarity.core.numbers import format_number
from clarity.i18n import AUTOMATIC, Translator, choose_language, translator_for
from clarity.i18n.languages import system_locale
from clarity.paths import data_dir, user_packs_dir
from clarity.pygame_check import ensure_pygame_ce
from clarity.resources import DEFAULT_PACK_ID, bundled_assets_dir, bundled_questions_dir
from clarity.settings import (
    PRESETS,
    SETTINGS,
    LoadedSettings,
    Refused,
    Settings,
    SettingsStore,
    config_dir,
    parse_assignments,
    settings_path,
)
from clarity.terminal_text import terminal_safe

if TYPE_CHECKING:
    from typing import TypeAlias

    from clarity.core.packs.glyphs import CanDraw
    from clarity.core.packs.loader import LoadedPack
    from clarity.store import Store
    from clarity.ui.launch import LaunchOptions
    from clarity.ui.services import GameSettings

    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


class _Lazy:
    """A module imported when first used.

    The pack loader (pydantic, YAML) and the store (SQLite) take a third of a second to
    import; plain ``clarity`` must show its title before that, so the commands that need
    them import them on first use instead of here.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


_pack_loader = _Lazy("clarity.core.packs.loader")
_store = _Lazy("clarity.store")
_store_db = _Lazy("clarity.store.db")
reports = _Lazy("clarity.store.reports")


# The pack loader's functions under their own names, loading it on the first call.


def load_packs(
    files: Sequence[Path], *, assets_dir: Path, can_draw: CanDraw | None = None
) -> list[LoadedPack]:
    loaded: list[LoadedPack] = _pack_loader.load_packs(
        files, assets_dir=assets_dir, can_draw=can_draw
    )
    return loaded


def discover_packs(
    folders: Sequence[Path], *, assets_dir: Path, can_draw: CanDraw | None = None
) -> list[LoadedPack]:
    found: list[LoadedPack] = _pack_loader.discover_packs(
        folders, assets_dir=assets_dir, can_draw=can_draw
    )
    return found


def drawable_by_this_computer() -> CanDraw:
    """Whether a font the game finds on this computer draws a character (bundled fonts first,
    then the system's), for validate's warnings about characters no font can show."""
    from clarity.fonts import font_chain  # noqa: PLC0415 - fontTools only when validating

    return font_chain(bundled_assets_dir() / "fonts").can_draw


def pack_files_in(folder: Path) -> list[Path]:
    files: list[Path] = _pack_loader.pack_files_in(folder)
    return files


EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
PROG = "clarity"  # every message begins with it, whichever command printed it


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit status 2)."""


class Failed(Exception):
    """A command that cannot be done as things stand (exit status 1); the message says why."""


def main(argv: Sequence[str]) -> int:
    """Run the command in ``argv`` (without the program name); return the exit status.

    Every problem the user can cause ends as one line on stderr: ``clarity: error: …``
    for a wrong command line (status 2), ``clarity: …`` for anything else (status 1).
    A closed stdout (``clarity packs | head -1``) raises :class:`BrokenPipeError` for
    the caller to end quietly (see :mod:`clarity.__main__`).
    """
    for stream in (sys.stdout, sys.stderr):
        print_anything_to(stream)
    translator = command_line_translator(argv, os.environ)
    parser = build_parser(translator)
    try:
        args, unknown = parser.parse_known_args(list(argv))
        args.translator = translator
        if unknown:  # said by the command's own parser, so that it names the right --help
            command: argparse.ArgumentParser = getattr(args, "command_parser", parser)
            command.error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:  # argparse has printed its one-line error (or --help)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return int(args.func(args))
    except UsageError as exc:
        print(terminal_safe(f"{PROG}: error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except Failed as exc:
        print(terminal_safe(f"{PROG}: {exc}"), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise  # not a failure: whoever read the output has all they wanted
    except OSError as exc:
        # A full disk, a folder we may not read: one line, not a traceback.
        command = getattr(args, "command_parser", parser).prog
        print(terminal_safe(f"{PROG}: {_os_error_said(exc, command)}"), file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:
        # Saved data that reads as damaged is said by the commands themselves; this is the
        # net under them, for whatever else a file edited by hand can hold. (sqlite3 is
        # looked up, not imported: it costs the game's first frame 5 ms.)
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(exc, sqlite3.Error):
            raise
        print(terminal_safe(f"{PROG}: the saved data could not be read ({exc})"), file=sys.stderr)
        return EXIT_PROBLEMS


def _os_error_said(error: OSError, command: str) -> str:
    """An OSError as one line that names the file (``cannot write results.csv: No space
    left on device``); the command stands in for a file the system did not name."""
    from clarity.atomic_files import FileNotWritten  # noqa: PLC0415 - only on a failure

    if isinstance(error, FileNotWritten):
        return str(error)
    reason = error.strerror or str(error) or type(error).__name__
    if error.filename is None:
        return f"{command}: {reason}"
    if error.filename2 is not None:
        return f"{error.filename} -> {error.filename2}: {reason}"
    return f"{error.filename}: {reason}"


def print_anything_to(stream: TextIO | None) -> None:
    """Let ``stream`` take any text: a character its encoding cannot hold prints as "?".

    On Windows, output sent to a file or a pipe is encoded in the legacy code page
    (cp1252 in Western Europe, with no Cyrillic letters), strictly: a pack title or a
    player's name would end the command with UnicodeEncodeError. A UTF encoding holds
    everything and is left alone, as is a stream that already replaces or escapes.
    """
    if not isinstance(stream, io.TextIOWrapper) or stream.errors != "strict":
        return
    if codecs.lookup(stream.encoding).name.startswith("utf"):
        return
    stream.reconfigure(errors="replace")


class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are one line that begins ``clarity: error:``.

    argparse prints the whole usage first, and names a command's errors after the
    command (``clarity play: error: …``); the usage is one ``--help`` away, and the
    error line names it.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{PROG}: error: {message}; see {self.prog} --help\n")


def command_line_translator(argv: Sequence[str], environ: Mapping[str, str]) -> Translator:
    """The words of the command line in the interface language: ``CLARITY_LANG``, else the
    ``language`` saved in the settings file of ``--config-dir`` (looked for in ``argv``
    before it is parsed, since the help is written in that language), else the computer's
    locale. A settings file that cannot be read counts as "automatic" here; the command
    that reads it says what is wrong with it."""
    folder = _config_dir_asked(argv)
    try:
        saved = SettingsStore(settings_path(config_dir(folder, environ))).load().settings
        setting = saved.display.language
    except (OSError, ValueError):
        setting = AUTOMATIC
    return translator_for(choose_language(setting, environ, system_locale()).language)


def _config_dir_asked(argv: Sequence[str]) -> str | None:
    """The value of the last ``--config-dir DIR`` or ``--config-dir=DIR`` in ``argv``."""
    found = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--config-dir" and index + 1 < len(argv):
            found = argv[index + 1]
        elif word.startswith("--config-dir="):
            found = word.partition("=")[2]
    return found


def build_parser(translator: Translator | None = None) -> argparse.ArgumentParser:
    # the commands' parsers are made by add_subparsers with the top parser's class
    parser = _Parser(
        prog=PROG,
        description="Clarity Challenge: an image-reveal quiz game for classrooms.",
        parents=[_common_options(), *_game_options()],
    )
    parser.set_defaults(
        func=_run_default,
        data_dir=None,
        config_dir=None,
        timer=True,
        streaks=True,
        fullscreen=False,
        size=None,
        exit_after_first_frame=False,
        player=None,
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_validate(subparsers)
    _add_packs(subparsers)
    _add_players(subparsers)
    _add_leaderboard(subparsers)
    _add_trophies(subparsers)
    _add_results(subparsers)
    _add_repair(subparsers)
    _add_backup(subparsers)
    _add_restore(subparsers)
    _add_play(subparsers)
    _add_demo(subparsers)
    _add_settings(subparsers)
    return parser


def _add_command(
    subparsers: Subparsers,
    name: str,
    func: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
    plays: bool = False,
) -> argparse.ArgumentParser:
    """The parser of the command ``name``, run by ``func``, with ``--data-dir`` and
    ``--config-dir``.

    A command that ``plays`` opens the game window and takes the window options,
    ``--player``, ``--no-timer`` and ``--no-streaks`` too, as plain ``clarity`` does.
    """
    parents = [_common_options(), *(_game_options() if plays else [])]
    parser = subparsers.add_parser(name, parents=parents, help=help, description=description)
    parser.set_defaults(func=func, command_parser=parser)
    return parser


# Options that may come before or after the command's name have the default SUPPRESS: a
# command not given one must not overwrite, with its own default, the value given before
# its name. Their defaults are set once, on the top parser (see build_parser).


def _shared_option(*flags: str, **how: Any) -> argparse.ArgumentParser:
    """A parent parser with one option that may come before or after the command's name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(*flags, default=argparse.SUPPRESS, **how)
    return parent


def _common_options() -> argparse.ArgumentParser:
    """``--data-dir`` and ``--config-dir``, which every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where your packs, players and results are kept "
        "(default: $CLARITY_DATA_DIR, else your user data folder)",
    )
    common.add_argument(
        "--config-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the settings file is kept "
        "(default: $CLARITY_CONFIG_DIR, else your user config folder)",
    )
    return common


def _game_options() -> list[argparse.ArgumentParser]:
    """The options of plain ``clarity`` and of the commands that open the game window."""
    player = _shared_option(
        "--player",
        metavar="NAME",
        help="play as NAME (created if new) without the Who's playing? screen; "
        "rounds are saved for NAME",
    )
    return [_window_options(), player, _rule_overrides()]


def _rule_overrides() -> argparse.ArgumentParser:
    """``--no-timer`` and ``--no-streaks``: a rule off for this run, whatever is saved."""
    overrides = argparse.ArgumentParser(add_help=False)
    group = overrides.add_argument_group("rules for this run (the saved settings stay)")
    group.add_argument(
        "--no-timer",
        dest="timer",
        action="store_false",
        default=argparse.SUPPRESS,
        help="no time limit, no time bonus",
    )
    group.add_argument(
        "--no-streaks",
        dest="streaks",
        action="store_false",
        default=argparse.SUPPRESS,
        help="no bonus for answers in a row",
    )
    return overrides


def _player_name(args: argparse.Namespace) -> str | None:
    """The ``--player`` name as it will be stored; a name the store refuses is a usage error."""
    if args.player is None:
        return None
    # only with --player: the store's modules are not imported before the first frame
    from clarity.store import NameRejected  # noqa: PLC0415
    from clarity.store.names import clean_name  # noqa: PLC0415

    cleaned = clean_name(args.player)
    if isinstance(cleaned, NameRejected):
        raise UsageError(f"--player {args.player!r}: {cleaned.message}")
    return cleaned


def _window_options() -> argparse.ArgumentParser:
    """The window options of the commands that open one."""
    window = argparse.ArgumentParser(add_help=False)
    group = window.add_argument_group("window")
    mode = group.add_mutually_exclusive_group()
    mode.add_argument(
        "--windowed",
        dest="fullscreen",
        action="store_false",
        default=argparse.SUPPRESS,
        help="play in a window you can resize (the default)",
    )
    mode.add_argument(
        "--fullscreen",
        dest="fullscreen",
        action="store_true",
        default=argparse.SUPPRESS,
        help="fill the screen (F11 switches while playing)",
    )
    group.add_argument(
        "--size",
        type=window_size,
        metavar="WxH",
        default=argparse.SUPPRESS,
        help="window size in pixels, for example 1280x800",
    )
    # For the start-up benchmark: print when the first frame is shown, then stop.
    group.add_argument(
        "--exit-after-first-frame",
        action="store_true",
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )
    return window


def window_size(text: str) -> tuple[int, int]:
    """``"1280x800"`` as (1280, 800); argparse shows the message of a bad value."""
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(part) for part in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size; write WIDTHxHEIGHT, for example 1280x800"
        ) from None
    if width < 1 or height < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: the width and height must be positive")
    return width, height


def _add_pack_option(parser: argparse.ArgumentParser, help: str, **how: Any) -> None:
    parser.add_argument("--pack", metavar="ID", help=help, **how)


def _add_seed_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--seed", type=int, metavar="N", help=help)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: it must be 1 or more")
    return value


def _data_dir(args: argparse.Namespace) -> Path:
    """The data folder (``--data-dir``, else ``$CLARITY_DATA_DIR``, else the user's).

    Raises :class:`Failed` when it is a file: nothing can be kept or found in it.
    """
    folder = data_dir(args.data_dir, os.environ)
    if folder.exists() and not folder.is_dir():
        kind = "a file" if folder.is_file() else "something else"
        raise Failed(f"the data folder {folder} is {kind}, not a folder")
    return folder


def _config_dir(args: argparse.Namespace) -> Path:
    """The config folder (``--config-dir``, else ``$CLARITY_CONFIG_DIR``, else the user's)."""
    return config_dir(args.config_dir, os.environ)


def _game_data_dir(args: argparse.Namespace) -> Path:
    """The data folder of a game, made if it is missing.

    Raises :class:`Failed` naming the folder and the reason when it cannot be made: a
    game that could never save should not start as if it would. (A folder that exists
    but is read-only or full is another matter: the game plays on and says saving is off.)
    """
    folder = _data_dir(args)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        blocker = next((p for p in folder.parents if p.exists() and not p.is_dir()), None)
        reason = f"{blocker} is a file" if blocker is not None else error.strerror or error
        raise Failed(f"the data folder {folder} cannot be made: {reason}") from None
    return folder


# --- clarity (no command) and clarity play: the game ------------------------------------------


def _run_default(args: argparse.Namespace) -> int:
    """Plain ``clarity``: the game, at its title screen."""
    return _start_game(args, pack_id=None, seed=None)


def _add_play(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "play",
        _cmd_play,
        plays=True,
        help="start a round of a pack straight away",
        description="Skip the title and the pack choice: start a round of the pack ID "
        "(see clarity packs for the ids).",
    )
    _add_pack_option(parser, "the pack to play", required=True)
    _add_seed_option(parser, "the same seed asks the same questions in order")


def _cmd_play(args: argparse.Namespace) -> int:
    return _start_game(args, pack_id=args.pack, seed=args.seed)


def _pygame_problem() -> str | None:
    """Check for pygame-ce before a window opens (and keep its banner off the terminal)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    problem = ensure_pygame_ce()
    if problem is not None:
        print(f"clarity: {problem}", file=sys.stderr)
    return problem


def _start_game(args: argparse.Namespace, *, pack_id: str | None, seed: int | None) -> int:
    if _pygame_problem() is not None:
        return EXIT_PROBLEMS
    # pygame is imported from here on only: clarity validate and clarity packs never load it
    from clarity.ui.launch import start_game  # noqa: PLC0415

    settings = _game_settings(args, seed=seed)
    first_frame = args.exit_after_first_frame
    return start_game(
        _launch_options(args, settings, pack_id=pack_id, exit_after_first_frame=first_frame)
    )


def _game_settings(args: argparse.Namespace, *, seed: int | None) -> GameSettings:
    """The saved settings (what is wrong in their file said on stderr, a line each), with
    ``--no-timer`` and ``--no-streaks`` over them for this run."""
    from clarity.ui.launch import load_settings  # noqa: PLC0415 - after the pygame check

    store = SettingsStore(settings_path(_config_dir(args)))
    return load_settings(
        store,
        timer=args.timer,
        streaks=args.streaks,
        seed=seed,
        environ=os.environ,
        system_locale=system_locale(),
    )


def _launch_options(args: argparse.Namespace, settings: GameSettings, **more: Any) -> LaunchOptions:
    """A command that plays: its data folder, window and player, with ``settings``."""
    from clarity.ui.launch import LaunchOptions  # noqa: PLC0415 - after the pygame check

    return LaunchOptions(
        data_dir=_game_data_dir(args),
        size=args.size,
        fullscreen=args.fullscreen,
        settings=settings,
        player=_player_name(args),
        **more,
    )


# --- clarity demo --------------------------------------------------------------------------


def _add_demo(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "demo",
        _cmd_demo,
        plays=True,
        help="let the game play itself (attract mode for an idle projector)",
        description="The game plays itself: it picks a pack, answers (mostly right) and "
        "guesses the picture once half of it shows. It plays until a key is pressed, or "
        "until --rounds rounds are played; with --screenshot-dir it saves a picture of "
        "every screen it passes through and stops after --rounds rounds (1).",
    )
    _add_pack_option(parser, f"the pack to play ({DEFAULT_PACK_ID})", default=DEFAULT_PACK_ID)
    _add_seed_option(parser, "the same seed plays the same demo")
    parser.add_argument(
        "--rounds",
        type=_positive_int,
        metavar="N",
        help="stop after N rounds (default: 1 with --screenshot-dir, else until a key)",
    )
    parser.add_argument(
        "--screenshot-dir", type=Path, metavar="DIR", help="save PNG screenshots in DIR"
    )


def _cmd_demo(args: argparse.Namespace) -> int:
    if _pygame_problem() is not None:
        return EXIT_PROBLEMS
    from clarity.ui.demo import DemoOptions  # noqa: PLC0415 - pygame: see _start_game
    from clarity.ui.launch import start_demo  # noqa: PLC0415

    options = _launch_options(args, _game_settings(args, seed=args.seed))
    demo = DemoOptions(
        pack_id=args.pack, seed=args.seed, rounds=args.rounds, screenshot_dir=args.screenshot_dir
    )
    return start_demo(options, demo)


# --- clarity settings ----------------------------------------------------------------------


def _add_settings(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "settings",
        _cmd_settings,
        help="list or change the saved settings (rules, display, sound)",
        description="Without KEY=VALUE: list every setting with its value, where the value "
        "comes from (default or file) and the values allowed. With KEY=VALUE ...: set "
        "them and save them (all or none: a wrong key or value changes nothing). "
        "preset=NAME sets the rules of a preset; reset (or --reset) puts every setting "
        "back to its default before the others are set.",
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    width = max(len(s.key) for s in SETTINGS)
    lines = [f"  {s.key:<{width}}  {s.allowed}" for s in SETTINGS]
    presets = [f"  {p.name:<{width}}  {p.help}" for p in PRESETS]
    parser.epilog = "\n".join(["settings and their values:", *lines, "presets:", *presets])
    parser.add_argument(
        "assignments",
        nargs="*",
        metavar="KEY=VALUE",
        help="a setting and its new value, e.g. timer=off text-size=150; or preset=NAME",
    )
    parser.add_argument(
        "--reset", action="store_true", help="every setting back to its default (also: reset)"
    )


def _cmd_settings(args: argparse.Namespace) -> int:
    words = [word for word in args.assignments if word.strip().lower() != "reset"]
    reset = args.reset or len(words) < len(args.assignments)
    # the command line is checked first: a wrong one is refused before the file is read
    asked = parse_assignments(words)
    if isinstance(asked, Refused):
        raise UsageError(asked.message)
    folder = _config_dir(args)
    blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if blocker == folder:
        raise Failed(f"the config folder {folder} is a file, not a folder")
    if blocker is not None:
        raise Failed(f"the config folder {folder} cannot be made: {blocker} is a file")
    store = SettingsStore(settings_path(folder))
    loaded = store.load()
    for problem in loaded.problems:
        print(f"{PROG}: {problem}", file=sys.stderr)
    if not words and not reset:
        _print_settings(loaded, store.path)
        return EXIT_OK
    if loaded.unreadable and not reset:
        raise Failed(
            f"the settings in {store.path} cannot be read, so they are not changed; "
            "clarity settings --reset writes a new file"
        )
    after = asked.apply(Settings() if reset else loaded.settings)
    saved = store.save(after)
    if saved.problem is not None:
        raise Failed(saved.problem)
    changed = loaded.settings.changed_keys(after)
    for key in changed:
        print(f"{key} = {after.text(key)} (was {loaded.settings.text(key)})")
    print(f"{'Saved in' if changed else 'No setting changed; saved in'} {store.path}")
    return EXIT_OK


def _print_settings(loaded: LoadedSettings, path: Path) -> None:
    """The settings as a table (key, value, from, allowed), then the preset and the file."""
    settings = loaded.settings
    rows = [("Setting", "Value", "From", "Allowed")]
    rows += [
        (s.key, settings.text(s.key), "file" if s.key in loaded.from_file else "default", s.allowed)
        for s in SETTINGS
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    rows.insert(1, tuple("-" * width for width in widths))
    for key, value, source, allowed in rows:
        print(f"{key:<{widths[0]}}  {value:<{widths[1]}}  {source:<{widths[2]}}  {allowed}")
    preset = settings.preset() or "none (the rules are not a preset's)"
    print()
    print(f"Preset: {preset}; the presets are: {', '.join(p.name for p in PRESETS)}")
    print(f"File: {path}" + ("" if loaded.exists else " (not written yet: all are defaults)"))


# --- clarity validate ----------------------------------------------------------------------


def _add_validate(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "validate",
        _cmd_validate,
        help="check question packs and report every problem",
        description="Check question pack files (or every pack in a folder). Prints one "
        "line per problem as FILE:LINE:COLUMN: FIELD: MESSAGE, then a summary. Exit "
        "status: 0 all valid, 1 some pack has errors, 2 bad command line.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="pack file or folder")


def _cmd_validate(args: argparse.Namespace) -> int:
    files: list[Path] = []
    for path in args.paths:
        if path.is_dir():
            found = pack_files_in(path)
            if not found:
                kinds = " or ".join(_pack_loader.PACK_SUFFIXES)
                print(terminal_safe(f"{path}: no pack files ({kinds}) in this folder"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    loaded = load_packs(
        files, assets_dir=bundled_assets_dir(), can_draw=drawable_by_this_computer()
    )
    for pack in loaded:
        for problem in pack.problems:
            # A file's name and its text may hold escape sequences and line breaks.
            print(terminal_safe(str(problem)))
    bad = sum(1 for pack in loaded if not pack.ok)
    warnings = sum(len(pack.warnings) for pack in loaded)
    print(
        f"{_count(len(loaded), 'pack')} checked: {format_number(len(loaded) - bad)} valid, "
        f"{format_number(bad)} with errors, {_count(warnings, 'warning')}"
    )
    return EXIT_PROBLEMS if bad else EXIT_OK


# --- clarity packs -------------------------------------------------------------------------


def _add_packs(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "packs",
        _cmd_packs,
        help="list the installed question packs",
        description="List the packs from the game's own folder, your packs folder "
        "(DATA_DIR/packs) and any --packs folders.",
    )
    parser.add_argument(
        "--packs",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="also list the packs in DIR (may be given more than once)",
    )


def _cmd_packs(args: argparse.Namespace) -> int:
    for folder in args.packs:
        if not folder.is_dir():
            raise UsageError(f"--packs {folder}: no such folder")
    return _print_packs(_installed_pack_folders(args, extra=args.packs), _data_dir(args))


def _installed_pack_folders(args: argparse.Namespace, extra: Sequence[Path]) -> list[Path]:
    """Bundled packs first, so their ids win over a copy in the user's folder."""
    return [bundled_questions_dir(), user_packs_dir(_data_dir(args)), *extra]


def _print_packs(folders: Sequence[Path], data_folder: Path) -> int:
    packs = _listed_as_the_game_lists(folders, data_folder)
    if not packs:
        print("No question packs found in:")
        for folder in folders:
            print(terminal_safe(f"  {folder}"))
        return EXIT_OK
    # Titles, ids made of file names and error lines come from files: shown escaped.
    rows = [
        (terminal_safe(pack.id), terminal_safe(pack.title), terminal_safe(_pack_summary(pack)))
        for pack in packs
    ]
    id_width = max(len(row[0]) for row in rows)
    title_width = max(len(row[1]) for row in rows)
    for pack_id, title, summary in rows:
        print(f"{pack_id:<{id_width}}  {title:<{title_width}}  {summary}")
    return EXIT_OK


def _listed_as_the_game_lists(folders: Sequence[Path], data_folder: Path) -> list[LoadedPack]:
    """The packs of ``folders`` by title, with the game's picture cache (DATA_DIR/cache): the
    list says what the game's pack choice says, as fast (a class folder of phone photos
    takes half a minute to decode), and the next start of either is quick. ``validate``
    decodes every picture instead: it is the teacher's check before a lesson."""
    from clarity import picture_cache  # noqa: PLC0415 - as the loader: only when listing

    cache_file = picture_cache.picture_cache_file(data_folder)
    pictures = picture_cache.load_picture_checks(cache_file)
    listings = _pack_loader.FolderListings(pictures=pictures)
    files = [path for folder in folders for path in _pack_loader.pack_files_in(folder, listings)]
    packs: list[LoadedPack] = _pack_loader.load_packs(
        files,
        assets_dir=bundled_assets_dir(),
        listings=listings,
        can_draw=drawable_by_this_computer(),
    )
    if pictures.checked:
        picture_cache.save_picture_checks(pictures, cache_file)
    return sorted(packs, key=_pack_loader.title_order)


def _pack_summary(pack: LoadedPack) -> str:
    if pack.pack is None:
        return f"broken: {pack.first_error}"
    rounds, questions = len(pack.pack.rounds), len(pack.pack.questions)
    return f"{_count(rounds, 'round')}, {_count(questions, 'question')}"


def _count(number: int, noun: str) -> str:
    return f"{format_number(number)} {noun}{'' if number == 1 else 's'}"


# --- the teacher's commands: players, leaderboard, trophies, results ----------------------


def _reads_saved_data(
    command: Callable[[argparse.Namespace, Store], int],
) -> Callable[[argparse.Namespace], int]:
    """Run ``command`` with the store of the data folder, closed after it.

    Nothing in the data folder is created or changed: these commands only read (see
    :func:`clarity.store.opening.open_for_reading`). A data folder that does not exist (a
    mistyped ``--data-dir``) raises :class:`Failed`; one with no saved data yet is said
    so, with status 0. Saved data that cannot be read, or is damaged, ends with status 1
    and the one line that says why and what to do.
    """

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        folder = _data_dir(args)
        if not folder.is_dir():
            raise Failed(f"there is no saved data in {folder}: the folder does not exist")
        _check_database_is_a_file(folder)
        if not (folder / _store_db.DB_FILENAME).is_file():
            if getattr(args, "pack", None) is not None:  # a mistyped pack is still one
                _check_pack_is_known(args, (), args.pack)
            print(f"No saved data yet in {folder}")
            return EXIT_OK
        try:
            opening = _store.open_for_reading(folder)
            if opening.store is None:
                raise Failed(opening.notice or f"the saved data in {folder} cannot be read")
            with opening.store as store:
                return command(args, store)
        except _store.StoreDamaged as damaged:
            raise Failed(str(damaged)) from damaged

    return run


def _add_repair(subparsers: Subparsers) -> None:
    _add_command(
        subparsers,
        "repair",
        _cmd_repair,
        help="check the saved data, and repair it if it is damaged",
        description="Check every page of the saved data. If it is damaged, keep a copy of "
        "the damaged file beside it (never deleted) and carry every round that can still "
        "be read into a fresh file, as the game does when it finds damage.",
    )


def _check_database_is_a_file(folder: Path) -> None:
    """Raise Failed when the saved data's name is taken by a folder or another kind of file."""
    path = folder / _store_db.DB_FILENAME
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a file"
        raise Failed(f"{path} is {kind}, not the saved data: move it away and try again")


def _cmd_repair(args: argparse.Namespace) -> int:
    folder = _data_dir(args)
    _check_database_is_a_file(folder)
    if not (folder / _store_db.DB_FILENAME).is_file():
        print(f"No saved data yet in {folder}")
        return EXIT_OK
    checked = _store.check_and_repair(folder)
    store = checked.store
    usable = store is not None and store.saving
    if store is not None:
        store.close()
    if not usable:  # read-only, full, or the repair itself failed: nothing was repaired
        raise Failed(checked.notice or f"the saved data in {folder} cannot be repaired")
    print(checked.notice or f"The saved data in {folder} is whole: nothing to repair.")
    return EXIT_OK


# --- clarity backup and clarity restore ----------------------------------------------------


def _add_backup(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "backup",
        _cmd_backup,
        help="save everything (players, rounds, your packs, settings) in one file",
        description="Write one zip file with everything saved: the players and their rounds "
        "(a consistent copy, even while a game is saving), your own packs (DATA_DIR/packs) "
        "with their pictures, and the settings. clarity restore puts it back, here or on "
        "another computer. FILE may be a folder (a USB stick): the file is then named by "
        "the date. An existing backup of the same name is replaced only once the new one "
        "is complete.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the backup file (.zip) to write")


def _cmd_backup(args: argparse.Namespace) -> int:
    from datetime import datetime  # noqa: PLC0415

    from clarity.store import backup  # noqa: PLC0415 - as the store: only when needed

    try:
        written = backup.write_backup(
            args.file,
            _data_dir(args),
            settings_path(_config_dir(args)),
            now=datetime.now().astimezone(),
        )
    except backup.BackupRefused as refused:
        raise Failed(str(refused)) from refused
    what = _contents(written.manifest)
    lines = [f"Backed up {what} to {written.path} ({backup.size_in_words(written.size)})"]
    if written.skipped:
        files = _count(len(written.skipped), "file")
        are = (
            "is neither a pack nor a picture"
            if len(written.skipped) == 1
            else ("are neither packs nor pictures")
        )
        lines.append(
            f"Left out {files} in the packs folder that {are} "
            f"(such as {written.skipped[0]}): a backup saved there would carry old data along."
        )
    if written.left_out:
        lines.append(
            "Left out what another program added to the saved data: "
            f"{', '.join(written.left_out)}; the backup holds only the game's own tables."
        )
    if written.log_unread:
        log = _data_dir(args) / f"{_store_db.DB_FILENAME}-wal"
        lines.append(
            f"The rounds in {log} (a game that did not close) cannot be read in a "
            "read-only folder and are not in the backup; start the game where the folder "
            "can be written, then back up again."
        )
    for line in lines:
        print(terminal_safe(line))
    return EXIT_OK


def _add_restore(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "restore",
        _cmd_restore,
        help="put a backup made by clarity backup in place (on this or another computer)",
        description="Put the players, rounds, packs and settings of a backup made by clarity "
        "backup in the data folder. The backup is checked whole first, and saved data "
        "already there is never overwritten: without --replace the restore is refused; "
        "with it, the old data folder (and settings file) is kept aside under a name "
        "ending .before-restore-DATE, never deleted. Your packs already there are kept "
        "beside the backup's.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the backup file to restore")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="restore even over saved data: the old data is kept aside, and the command says where",
    )


def _cmd_restore(args: argparse.Namespace) -> int:
    from datetime import datetime  # noqa: PLC0415

    from clarity.store import backup, restore  # noqa: PLC0415 - as the store: only when needed

    try:
        restored = restore.restore_backup(
            args.file,
            _data_dir(args),
            settings_path(_config_dir(args)),
            replace=args.replace,
            now=datetime.now().astimezone(),
        )
    except backup.BackupRefused as refused:
        raise Failed(str(refused)) from refused
    manifest = restored.manifest
    made = f"made {manifest.created_at[:16].replace('T', ' ')} by version {manifest.game_version}"
    lines = [f"Restored {_contents(manifest)} from {args.file} ({made}) into {restored.data_dir}"]
    if restored.packs_kept:
        lines.append(f"Kept {_count(restored.packs_kept, 'pack')} that were already there.")
    if restored.skipped:
        files = _count(len(restored.skipped), "file")
        are = (
            "is neither a pack nor a picture"
            if len(restored.skipped) == 1
            else ("are neither packs nor pictures")
        )
        lines.append(
            f"Left out {files} in the backup's packs that {are} (such as {restored.skipped[0]})."
        )
    if restored.data_aside is not None:
        lines.append(f"What was in the data folder before is kept in {restored.data_aside}")
    if restored.settings_aside is not None:
        lines.append(f"The settings from before are kept in {restored.settings_aside}")
    for line in lines:
        print(terminal_safe(line))
    return EXIT_OK


def _contents(manifest: Any) -> str:
    """What a backup holds, in words: "3 players, 40 rounds, 2 packs and the settings"."""
    parts = [
        _count(manifest.players, "player"),
        _count(manifest.rounds, "round"),
        _count(manifest.packs, "pack"),
    ]
    return ", ".join(parts) + (" and the settings" if manifest.settings else "")


# The time per question of the settings: its values and their spellings ("x2", "2", "none",
# "no limit") are the extra time's too, since both are the scoring's TIME_SCALES.
_EXTRA_TIME = next(setting for setting in SETTINGS if setting.key == "time")


def _add_players(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "players",
        _cmd_players,
        help="list the players with their rounds, best score and extra time; "
        "give a player extra time",
        description="List every player saved in the data folder, with the number of rounds "
        "played, right answers, best score, when they last played, and their extra time "
        "(x1, x1.5, x2, x3 the time per question, or no limit). With --extra-time, set "
        "players' extra time instead (all or none: a wrong name or value changes nothing).",
    )
    parser.add_argument(
        "--extra-time",
        nargs="+",
        action="extend",
        metavar="NAME=VALUE",
        help=f"give NAME extra time from their next round: VALUE is one of "
        f'{_EXTRA_TIME.allowed} (e.g. --extra-time Ana=x2 "Ben Li"=none)',
    )
    parser.add_argument(
        "--delete",
        metavar="NAME",
        help="delete NAME and everything saved about them (rounds, answers, trophies); "
        "exports and backups made before are yours to delete",
    )


def _cmd_players(args: argparse.Namespace) -> int:
    if args.delete is not None:
        if args.extra_time:
            raise UsageError("give either --delete or --extra-time, not both")
        return _delete_player(args, args.delete)
    if args.extra_time:
        return _set_extra_time(args, args.extra_time)
    return _list_players(args)


@_reads_saved_data
def _list_players(args: argparse.Namespace, store: Store) -> int:
    rows = reports.players_table(store)
    if not rows:
        print("No players yet.")
        return EXIT_OK
    print(
        reports.format_table(
            ("Player", "Rounds", "Right answers", "Best score", "Last played", "Extra time"),
            [
                (
                    r.player.name,
                    r.rounds,
                    r.right_answers,
                    r.best_score,
                    reports.short_date(r.last_played),
                    reports.extra_time_text(r.player.extra_time),
                )
                for r in rows
            ],
        )
    )
    return EXIT_OK


def _parse_extra_times(words: Sequence[str]) -> dict[str, float | None]:
    """``["Ana=x2", "Ben Li=none"]`` as {name: time scale}, names as they will be looked
    up; raises :class:`UsageError` for a word that is not NAME=VALUE, a value not
    allowed, or a name given twice (nothing is set then)."""
    from clarity.store import NameRejected  # noqa: PLC0415 - only when setting
    from clarity.store.names import clean_name, name_key  # noqa: PLC0415

    allowed = f"the extra time may be: {_EXTRA_TIME.allowed}"
    asked: dict[str, float | None] = {}
    keys: dict[str, str] = {}
    for word in words:
        # a name may hold "=" ("A=B"); a value never does
        name, equals, text = word.rpartition("=")
        if not equals or not name.strip():
            raise UsageError(f'--extra-time "{word}" is not NAME=VALUE; {allowed}')
        value = _EXTRA_TIME.parse(text)
        if isinstance(value, Refused) or not (value is None or isinstance(value, float)):
            shown = text.strip() or "nothing"
            raise UsageError(f'--extra-time "{word}": {shown} is not allowed; {allowed}')
        cleaned = clean_name(name)
        if isinstance(cleaned, NameRejected):
            raise UsageError(f'--extra-time "{word}": {cleaned.message}')
        key = name_key(cleaned)
        if key in keys:
            raise UsageError(f'--extra-time: "{keys[key]}" is given twice; give each player once')
        keys[key] = cleaned
        asked[cleaned] = value
    return asked


def _set_extra_time(args: argparse.Namespace, words: Sequence[str]) -> int:
    """``clarity players --extra-time NAME=VALUE ...``: all the players' extra time is
    saved, or none (see :meth:`clarity.store.Store.set_extra_times`).

    Raises :class:`UsageError` for a wrong NAME=VALUE (before the data is opened) and
    :class:`Failed` for a player that does not exist or data that cannot be written.
    Nothing is created: a player must have been added before they get extra time.
    """
    asked = _parse_extra_times(words)
    folder = _data_dir(args)
    if not (folder / _store_db.DB_FILENAME).is_file():
        first = next(iter(asked))
        raise Failed(f'there is no player called "{first}": no players are saved in {folder}')
    opening = _store.open_store(folder)
    if opening.store is None:
        raise Failed(f"{opening.notice} Nothing was changed.")
    with opening.store as store:
        if not store.saving:  # read-only or full: said once, with what it means here
            raise Failed(f"{store.notice or opening.notice} Nothing was changed.")
        if opening.notice is not None:  # e.g. an unreadable file was moved aside
            print(f"{PROG}: {opening.notice}", file=sys.stderr)
        players = {name: store.player_by_name(name) for name in asked}
        missing = [name for name, player in players.items() if player is None]
        if missing:
            known = [p.name for p in store.players()]
            listed = f"the players are: {', '.join(known)}" if known else "there are no players yet"
            raise Failed(f'there is no player called "{missing[0]}"; {listed}')
        saved = store.set_extra_times(
            {player.id: asked[name] for name, player in players.items() if player is not None}
        )
    if isinstance(saved, _store.SaveFailed):
        raise Failed(saved.message)
    for player in saved:
        print(terminal_safe(f"{player.name} now has {_extra_time_said(player.extra_time)}"))
    return EXIT_OK


def _delete_player(args: argparse.Namespace, name: str) -> int:
    """``clarity players --delete NAME``: the player and everything saved about them, through
    the store (see :meth:`clarity.store.Store.delete_player`), while holding them as the
    players screen does, so that no game plays as them meanwhile.

    Raises :class:`Failed` for an unknown name (listing the players), a player playing in
    another window, or data that cannot be written; nothing is deleted then.
    """
    from clarity.store.ownership import HeldElsewhere, claim_player  # noqa: PLC0415

    folder = _data_dir(args)
    if not (folder / _store_db.DB_FILENAME).is_file():
        raise Failed(f'there is no player called "{name}": no players are saved in {folder}')
    opening = _store.open_store(folder)
    if opening.store is None:
        raise Failed(f"{opening.notice} Nothing was deleted.")
    with opening.store as store:
        if not store.saving:
            raise Failed(f"{store.notice or opening.notice} Nothing was deleted.")
        if opening.notice is not None:  # e.g. damaged data was repaired first
            print(terminal_safe(f"{PROG}: {opening.notice}"), file=sys.stderr)
        player = store.player_by_name(name)
        if player is None:
            known = [p.name for p in store.players()]
            listed = f"the players are: {', '.join(known)}" if known else "there are no players"
            raise Failed(f'there is no player called "{name}"; {listed}')
        claim = claim_player(folder, player)
        if isinstance(claim, HeldElsewhere):
            raise Failed(f"{claim.message} Nothing was deleted.")
        with claim:
            rounds = store.player_stats(player.id).rounds_played
            trophies = len(store.earned_trophies(player.id))
            failed = store.delete_player(player.id)
    if failed is not None:
        raise Failed(failed.message)
    won = "1 trophy" if trophies == 1 else f"{format_number(trophies)} trophies"
    print(terminal_safe(f"Deleted {player.name}: {_count(rounds, 'round')}, {won}."))
    for line in _copies_that_may_hold_them(folder):
        print(terminal_safe(line))
    return EXIT_OK


def _copies_that_may_hold_them(folder: Path) -> list[str]:
    """What a deleted player may survive in beside the data: copies of damaged data the
    repair kept (the game never deletes them) and data folders a restore kept aside."""
    copy_start = f"{_store_db.DB_FILENAME}.corrupt-"
    copies = sorted(
        path
        for path in folder.iterdir()
        if path.name.startswith(copy_start) and not path.name.endswith(("-wal", "-shm"))
    )
    aside_start = f"{folder.name}.before-restore-"
    asides = sorted(path for path in folder.parent.iterdir() if path.name.startswith(aside_start))
    lines = []
    if copies:
        many = len(copies) > 1
        lines.append(
            f"{len(copies)} {'copies' if many else 'copy'} of damaged saved data beside it "
            f"may still hold what was saved before: {', '.join(map(str, copies))}; delete "
            f"{'them' if many else 'it'} once you no longer need {'them' if many else 'it'}."
        )
    if asides:
        many = len(asides) > 1
        lines.append(
            f"{len(asides)} data folder{'s' if many else ''} kept aside by clarity restore "
            f"may still hold what was saved before: {', '.join(map(str, asides))}; delete "
            f"{'them' if many else 'it'} once you no longer need {'them' if many else 'it'}."
        )
    return lines


def _extra_time_said(scale: float | None) -> str:
    """What a player's extra time means, in words: "x2 the time per question"."""
    if scale is None:
        return "no time limit"
    if scale == 1:
        return "the standard time (x1)"
    return f"{reports.extra_time_text(scale)} the time per question"


def _add_leaderboard(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "leaderboard",
        _cmd_leaderboard,
        help="show the best players of each pack",
        description="Show each pack's ten best players (one line per player: their best "
        "round; a tie goes to whoever scored it first).",
    )
    _add_pack_option(parser, "only this pack (default: every pack)")
    parser.add_argument(
        "--csv", action="store_true", help="print CSV (for a file: > leaderboard.csv)"
    )


@_reads_saved_data
def _cmd_leaderboard(args: argparse.Namespace, store: Store) -> int:
    if args.pack is not None:
        _check_pack_is_known(args, store.pack_ids(), args.pack)
    rows = reports.leaderboard_rows(store, args.pack)
    if args.csv:
        # Text-mode stdout turns \n into the platform's line end by itself.
        reports.leaderboard_csv(rows, sys.stdout, lineterminator="\n")
        return EXIT_OK
    if not rows:
        print(f"No rounds saved for the pack {args.pack}." if args.pack else "No rounds yet.")
        return EXIT_OK
    for n, pack_id in enumerate(dict.fromkeys(row.pack_id for row in rows)):
        if n:
            print()
        print(terminal_safe(pack_id))
        print(
            reports.format_table(
                ("Rank", "Player", "Score", "Medal", "Played"),
                [
                    (r.rank, r.player_name, r.score, r.medal, reports.short_date(r.played_at))
                    for r in rows
                    if r.pack_id == pack_id
                ],
            )
        )
    return EXIT_OK


def _check_pack_is_known(args: argparse.Namespace, saved: Sequence[str], pack_id: str) -> None:
    """Raise :class:`Failed` when no round of ``pack_id`` is saved (``saved``: the pack ids
    with saved rounds) and no such pack is installed: a mistyped id, answered with the
    packs that exist.

    An installed pack nobody has played yet is known: its leaderboard is only empty.
    """
    if pack_id in saved:
        return
    installed = discover_packs(
        _installed_pack_folders(args, extra=()), assets_dir=bundled_assets_dir()
    )
    if any(pack.id == pack_id for pack in installed):
        return
    known = sorted({*saved, *(pack.id for pack in installed if pack.id)})
    listed = f"the packs are: {', '.join(known)}" if known else "no pack is installed"
    raise Failed(f'there is no pack "{pack_id}"; {listed}')


def _add_trophies(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "trophies",
        _cmd_trophies,
        help="show each player's trophies and progress",
        description="Show the trophies of every player (or one): the lasting ones with "
        "how far the player has come, then the ones won in a round, with how many times.",
    )
    parser.add_argument("--player", metavar="NAME", help="only this player")


@_reads_saved_data
def _cmd_trophies(args: argparse.Namespace, store: Store) -> int:
    if args.player is not None:
        player = store.player_by_name(args.player)
        if player is None:
            raise Failed(f'there is no player called "{args.player}"')
        players = [player]
    else:
        players = store.players()
    if not players:
        print("No players yet.")
        return EXIT_OK
    bundled = [
        pack.id
        for pack in discover_packs([bundled_questions_dir()], assets_dir=bundled_assets_dir())
        if pack.ok
    ]
    for n, player in enumerate(players):
        if n:
            print()
        print(terminal_safe(player.name))
        print(
            reports.format_table(
                ("Trophy", "Tier", "Won", "Progress", "First won"),
                [
                    (
                        line.name,
                        line.tier.value,
                        "yes" if line.earned else "",
                        line.progress,
                        reports.short_date(line.first_earned_at),
                    )
                    for line in reports.trophy_lines(store, player, bundled)
                ],
            )
        )
    return EXIT_OK


def _add_results(subparsers: Subparsers) -> None:
    parser = _add_command(
        subparsers,
        "results",
        _cmd_results,
        help="export every saved round to a CSV file",
        description="Write one row per saved round (player, pack, date, score, right, "
        "wrong, medal, trophies, timer, time_scale) to a CSV file that opens as it is in "
        "Excel or LibreOffice (UTF-8 with a byte-order mark, a header row). An existing "
        "file of that name is replaced only once the new one is complete.",
    )
    parser.add_argument(
        "--csv", required=True, type=Path, metavar="FILE", help="the CSV file to write"
    )


@_reads_saved_data
def _cmd_results(args: argparse.Namespace, store: Store) -> int:
    """The export is written whole or not at all (see :mod:`clarity.atomic_files`); a file
    that cannot be written ends in one line naming it (``main``'s OSError)."""
    if _is_saved_data(args.csv, _data_dir(args)):
        raise Failed(
            f"{terminal_safe(str(args.csv))} is where the game keeps its saved data: "
            "choose another file"
        )
    count = reports.write_results_csv(store, args.csv)
    summary = f"Wrote {_count(count, 'round')} to {terminal_safe(str(args.csv))}"
    # Into /dev/stdout or a pipe the summary would end up inside the CSV.
    print(summary, file=sys.stdout if _is_regular_file(args.csv) else sys.stderr)
    return EXIT_OK


def _is_saved_data(target: Path, data_folder: Path) -> bool:
    """Whether writing ``target`` would write over the game's own files: the database, its
    ``-wal``, ``-shm`` and ``-journal``, a damaged copy (``clarity.sqlite3.corrupt-*``), a
    repair's working file, or its ``locks`` or ``cache`` folder or anything in them (even
    before they exist: a file in their place would stop the game's locks), however the path reaches
    it: through symbolic links and ``..`` (resolved), a hard link, or another spelling on a
    file system that ignores case (the same file, where it exists)."""
    saved = _store_db.DB_FILENAME.casefold()
    folder = Path(os.path.realpath(data_folder))
    real = Path(os.path.realpath(target))
    if real.parent == folder and real.name.casefold().startswith(saved):
        return True
    for kept in (folder / "locks", folder / "cache"):  # the game's own folders
        if real == kept or kept in real.parents:
            return True
    try:
        own = [
            entry.path for entry in os.scandir(folder) if entry.name.casefold().startswith(saved)
        ]
    except OSError:
        return False
    for path in own:
        with contextlib.suppress(OSError):
            if os.path.samefile(target, path):
                return True
    return False


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
