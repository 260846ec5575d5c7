"""The ``clarity`` command line: one small function per subcommand.

To add a command, write ``_add_<name>(subparsers, t)`` that creates its parser with
:func:`_add_command` (which gives it ``--data-dir`` and ``--config-dir``, and the game's
options to a command that opens the window) and its own options, and call it from
:func:`build_parser`. A command function takes the parsed arguments and returns the
exit status; it prints what the user should see. A problem the user can fix is raised
as :class:`UsageError` (the command line is wrong: ``clarity: error: …``, status 2) or
:class:`Failed` (it cannot be done: ``clarity: …``, status 1); :func:`main` prints
either as one line.

Every word printed is in the interface language (:func:`command_line_language`): help
and messages through ``t`` (``args.translator`` in a command: ``t.gettext``, ``t.ngettext``
for a count, ints passed as values so the language writes them), a core ``Message`` from
below rendered where it is printed (:func:`clarity.terminal_text.message_of`). Not
translated: command and option names, metavariables, setting keys and values, paths,
player names and a pack's own texts, the ``FILE:LINE:COL:`` of a problem, the system's
and SQLite's own reasons, and the CSV (machines read it).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import functools
import importlib
import io
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from clarity.core.messages import Message
from clarity.core.team_limits import MAX_TEAMS, MIN_TEAMS
from clarity.i18n import AUTOMATIC, Translator, choose_language, translator_for
from clarity.i18n.languages import LanguageChoice, system_locale
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
from clarity.terminal_text import display_width, message_of, problem_line, terminal_safe

if TYPE_CHECKING:
    from datetime import datetime
    from typing import TypeAlias

    from clarity.core.packs.glyphs import CanDraw
    from clarity.core.packs.loader import LoadedPack
    from clarity.store import PlayerOverview, SchoolClass, Store
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
_store_names = _Lazy("clarity.store.names")
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
DEMO_TEAMS = 4  # a class demo's teams unless told: the scoreboard full but not crowded


class UsageError(Exception):
    """A command line that cannot be carried out as written (exit status 2); raised with
    text in the interface language or a core :class:`Message` from below."""


class Failed(Exception):
    """A command that cannot be done as things stand (exit status 1); the message says why,
    in the interface language or as a core :class:`Message` from below."""


def main(argv: Sequence[str]) -> int:
    """Run the command in ``argv`` (without the program name); return the exit status.

    Every problem the user can cause ends as one line on stderr: ``clarity: error: …``
    for a wrong command line (status 2), ``clarity: …`` for anything else (status 1).
    A closed stdout (``clarity packs | head -1``) raises :class:`BrokenPipeError` for
    the caller to end quietly (see :mod:`clarity.__main__`).
    """
    for stream in (sys.stdout, sys.stderr):
        print_anything_to(stream)
    language = command_line_language(argv, os.environ)
    translator = translator_for(language.language)
    if language.problem is not None:  # CLARITY_LANG names no language of the game: said once
        print(terminal_safe(f"{PROG}: {translator.render(language.problem)}"), file=sys.stderr)
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
        line = translator.gettext(
            "{program}: error: {problem}", program=PROG, problem=_said_by(exc, translator)
        )
        print(terminal_safe(line), file=sys.stderr)
        return EXIT_USAGE
    except Failed as exc:
        print(terminal_safe(f"{PROG}: {_said_by(exc, translator)}"), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        raise  # not a failure: whoever read the output has all they wanted
    except OSError as exc:
        # A full disk, a folder we may not read: one line, not a traceback.
        command = getattr(args, "command_parser", parser).prog
        said = _os_error_said(exc, command, translator)
        print(terminal_safe(f"{PROG}: {said}"), file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:
        # Saved data that reads as damaged is said by the commands themselves; this is the
        # net under them, for whatever else a file edited by hand can hold. (sqlite3 is
        # looked up, not imported: it costs the game's first frame 5 ms.)
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is None or not isinstance(exc, sqlite3.Error):
            raise
        line = translator.gettext(
            # Translators: {reason} is SQLite's own words, in English
            "the saved data could not be read ({reason})",
            reason=str(exc),
        )
        print(terminal_safe(f"{PROG}: {line}"), file=sys.stderr)
        return EXIT_PROBLEMS


def _said_by(error: Exception, t: Translator) -> str:
    """What a :class:`UsageError` or :class:`Failed` says, in ``t``'s language: raised with
    a core :class:`Message` (from below the command line) or text already translated."""
    return t.render(message_of(error.args[0])) if error.args else ""


def _os_error_said(error: OSError, command: str, t: Translator) -> str:
    """An OSError as one line that names the file (``cannot write results.csv: No space
    left on device``); the command stands in for a file the system did not name. The
    system's reason stays in its own words."""
    from clarity.atomic_files import FileNotWritten  # noqa: PLC0415 - only on a failure

    if isinstance(error, FileNotWritten):
        return t.render(message_of(error))
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


class _Formatter(argparse.HelpFormatter):
    """Help in the interface language: argparse's own "usage: " said through the game's
    catalog (argparse asks the stdlib gettext's global domain, which the game leaves alone).

    Help texts are shown as written: argparse's ``%(default)s`` expansion is not used, so
    a translation may hold a per cent sign.
    """

    def __init__(self, prog: str, *, usage_prefix: str = "usage: ", **how: Any) -> None:
        super().__init__(prog, **how)
        self._usage_prefix = usage_prefix

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, self._usage_prefix if prefix is None else prefix)

    def _expand_help(self, action: argparse.Action) -> str:
        return self._get_help_string(action) or ""


class _RawDescriptionFormatter(_Formatter):
    """:class:`_Formatter` that keeps the lines of a text of several lines as written (a
    table of settings), as argparse's RawDescriptionHelpFormatter does, and fills a text of
    one line (a description) to the terminal's width as usual."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if "\n" not in text.strip():
            return super()._fill_text(text, width, indent)
        return "".join(indent + line for line in text.splitlines(keepends=True))


class _Parser(argparse.ArgumentParser):
    """A parser that speaks the interface language, whose usage errors are one line that
    begins ``clarity: error:``.

    argparse prints the whole usage first, and names a command's errors after the
    command (``clarity play: error: …``); the usage is one ``--help`` away, and the
    error line names it.

    argparse writes its own words with the stdlib gettext module's global domain; rather
    than install a translation there for the whole process, this parser says them through
    ``translator``: the ``usage:`` prefix (:class:`_Formatter`), the ``positional
    arguments`` and ``options`` headings, the ``-h`` help, and the errors argparse raises
    (:func:`argparse_error_said` lists the ones covered).
    """

    def __init__(
        self,
        *args: Any,
        translator: Translator | None = None,
        parents: Sequence[argparse.ArgumentParser] = (),
        **kwargs: Any,
    ) -> None:
        self.translator = translator if translator is not None else Translator()
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        t = self.translator
        self._positionals.title = t.gettext("positional arguments")
        self._optionals.title = t.gettext("options")
        help_action = self._option_string_actions.get("-h")
        if help_action is not None:
            help_action.help = t.gettext("show this help message and exit")
        # The parents' options join after the headings are translated: argparse files a
        # parent's options under the heading of the same title, and the parents' headings
        # are translated too (they are _Parsers of the same translator).
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def _get_formatter(self) -> argparse.HelpFormatter:
        formatter_class = self.formatter_class
        if not (isinstance(formatter_class, type) and issubclass(formatter_class, _Formatter)):
            formatter_class = _Formatter
        return formatter_class(prog=self.prog, usage_prefix=self.translator.gettext("usage: "))

    def error(self, message: str) -> NoReturn:
        t = self.translator
        line = t.gettext(
            # Translators: a wrong command line; {command} is e.g. "clarity play", {help} --help
            "{program}: error: {problem}; see {command} {help}",
            program=PROG,
            problem=argparse_error_said(message, t),
            command=self.prog,
            help="--help",
        )
        self.exit(EXIT_USAGE, terminal_safe(line) + "\n")


def argparse_error_said(message: str, t: Translator) -> str:
    """argparse's English error ``message`` in ``t``'s language.

    Covered (Python 3.11's argparse, matched by their English patterns): ``argument X:
    …``, ``the following arguments are required: …``, ``unrecognized arguments: …``,
    ``invalid choice: … (choose from …)``, ``invalid TYPE value: …``, ``expected one
    argument``, ``expected at most one argument``, ``expected at least one argument``,
    ``expected N argument(s)``, ``not allowed with argument …``, ``one of the arguments … is
    required``, ``ignored explicit argument …`` and ``ambiguous option: … could match …``.
    The argument names, values and choices in them stay as typed. Anything else (a message
    already in the language, from the game's own checks of a value) is returned as it is.
    """
    for pattern, say in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found is not None:
            return say(t, found)
    return message


def _said_argument(t: Translator, found: re.Match[str]) -> str:
    return t.gettext(
        # Translators: {argument} is an option or argument name, e.g. --size
        "argument {argument}: {problem}",
        argument=found["argument"],
        problem=argparse_error_said(found["problem"], t),
    )


def _said_expected(t: Translator, found: re.Match[str]) -> str:
    count = int(found["count"])
    return t.ngettext("expected {count} argument", "expected {count} arguments", count)


_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], Callable[[Translator, re.Match[str]], str]], ...] = (
    (re.compile(r"argument (?P<argument>[^:]+?): (?P<problem>.*)", re.DOTALL), _said_argument),
    (
        re.compile(r"the following arguments are required: (?P<arguments>.*)", re.DOTALL),
        lambda t, found: t.gettext(
            "the following arguments are required: {arguments}", arguments=found["arguments"]
        ),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<arguments>.*)", re.DOTALL),
        lambda t, found: t.gettext(
            "unrecognized arguments: {arguments}", arguments=found["arguments"]
        ),
    ),
    (
        re.compile(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", re.DOTALL),
        lambda t, found: t.gettext(
            "invalid choice: {value} (choose from {choices})",
            value=found["value"],
            choices=found["choices"],
        ),
    ),
    (
        re.compile(r"invalid (?P<type>\w+) value: (?P<value>.*)", re.DOTALL),
        lambda t, found: (
            t.gettext("not a whole number: {value}", value=found["value"])
            if found["type"] == "int"
            else t.gettext("invalid value: {value}", value=found["value"])
        ),
    ),
    (re.compile("expected one argument"), lambda t, _: t.gettext("expected one argument")),
    (
        re.compile("expected at most one argument"),
        lambda t, _: t.gettext("expected at most one argument"),
    ),
    (
        re.compile("expected at least one argument"),
        lambda t, _: t.gettext("expected at least one argument"),
    ),
    (re.compile(r"expected (?P<count>\d+) arguments?"), _said_expected),
    (
        re.compile(r"not allowed with argument (?P<argument>.*)", re.DOTALL),
        lambda t, found: t.gettext(
            "not allowed with argument {argument}", argument=found["argument"]
        ),
    ),
    (
        re.compile(r"one of the arguments (?P<arguments>.*) is required", re.DOTALL),
        lambda t, found: t.gettext(
            "one of the arguments {arguments} is required", arguments=found["arguments"]
        ),
    ),
    (
        re.compile(r"ignored explicit argument (?P<value>.*)", re.DOTALL),
        lambda t, found: t.gettext("ignored explicit argument {value}", value=found["value"]),
    ),
    (
        re.compile(r"ambiguous option: (?P<option>.*) could match (?P<matches>.*)", re.DOTALL),
        lambda t, found: t.gettext(
            "ambiguous option: {option} could match {matches}",
            option=found["option"],
            matches=found["matches"],
        ),
    ),
)


def command_line_translator(argv: Sequence[str], environ: Mapping[str, str]) -> Translator:
    """The words of the command line in the interface language (see
    :func:`command_line_language`)."""
    return translator_for(command_line_language(argv, environ).language)


def command_line_language(argv: Sequence[str], environ: Mapping[str, str]) -> LanguageChoice:
    """The interface language of a command line: ``CLARITY_LANG``, else the ``language``
    saved in the settings file of ``--config-dir`` (looked for in ``argv`` before it is
    parsed, since the help is written in that language), else the computer's locale. A
    settings file that cannot be read counts as "automatic" here; the command that reads it
    says what is wrong with it. The choice carries the problem of a ``CLARITY_LANG`` that
    names no language of the game."""
    folder = _config_dir_asked(argv)
    try:
        saved = SettingsStore(settings_path(config_dir(folder, environ))).load().settings
        setting = saved.display.language
    except (OSError, ValueError):
        setting = AUTOMATIC
    return choose_language(setting, environ, system_locale())


def _config_dir_asked(argv: Sequence[str]) -> str | None:
    """The value of the last ``--config-dir DIR`` or ``--config-dir=DIR`` in ``argv``, its
    name shortened as argparse allows (``--config DIR``)."""
    found = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        # argparse takes any unambiguous start of an option's name: --config, --conf=DIR
        name, equals, value = word.partition("=")
        if len(name) < len("--co") or not "--config-dir".startswith(name):
            continue
        if equals:
            found = value
        elif index + 1 < len(argv):
            found = argv[index + 1]
    return found


def build_parser(translator: Translator | None = None) -> argparse.ArgumentParser:
    """The parser of every command, its help and errors in ``translator``'s language
    (English without one)."""
    t = translator if translator is not None else Translator()
    # the commands' parsers are made by add_subparsers with the top parser's class
    parser = _Parser(
        prog=PROG,
        description=t.gettext("Clarity Challenge: an image-reveal quiz game for classrooms."),
        parents=[_common_options(t), *_game_options(t)],
        translator=t,
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
    subparsers = parser.add_subparsers(title=t.gettext("commands"), metavar="COMMAND")
    for add in (
        _add_validate,
        _add_packs,
        _add_players,
        _add_leaderboard,
        _add_trophies,
        _add_results,
        _add_repair,
        _add_backup,
        _add_restore,
        _add_play,
        _add_host,
        _add_demo,
        _add_settings,
    ):
        add(subparsers, t)
    from clarity import cli_print, cli_studio  # noqa: PLC0415 - they import this module

    cli_studio.add_commands(subparsers, t)  # import, export, new, schema
    from clarity import cli_report  # noqa: PLC0415 - it imports this module

    cli_report.add_commands(subparsers, t)  # report
    cli_print.add_commands(subparsers, t)  # print
    return parser


def _add_command(
    subparsers: Subparsers,
    t: Translator,
    name: str,
    func: Callable[[argparse.Namespace], int],
    *,
    help: str,
    description: str,
    plays: bool = False,
) -> argparse.ArgumentParser:
    """The parser of the command ``name``, run by ``func``, with ``--data-dir`` and
    ``--config-dir``; ``help`` and ``description`` are already in ``t``'s language.

    A command that ``plays`` opens the game window and takes the window options,
    ``--player``, ``--no-timer`` and ``--no-streaks`` too, as plain ``clarity`` does.
    """
    parents = [_common_options(t), *(_game_options(t) if plays else [])]
    parser = subparsers.add_parser(
        name, parents=parents, help=help, description=description, translator=t
    )
    parser.set_defaults(func=func, command_parser=parser)
    return parser


# Options that may come before or after the command's name have the default SUPPRESS: a
# command not given one must not overwrite, with its own default, the value given before
# its name. Their defaults are set once, on the top parser (see build_parser).


def _parent(t: Translator) -> argparse.ArgumentParser:
    """A parser whose options other parsers take (``parents=``), its headings in ``t``'s
    language so that they match the taker's."""
    return _Parser(add_help=False, translator=t)


def _shared_option(t: Translator, *flags: str, **how: Any) -> argparse.ArgumentParser:
    """A parent parser with one option that may come before or after the command's name."""
    parent = _parent(t)
    parent.add_argument(*flags, default=argparse.SUPPRESS, **how)
    return parent


def _common_options(t: Translator) -> argparse.ArgumentParser:
    """``--data-dir`` and ``--config-dir``, which every command takes."""
    common = _parent(t)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=t.gettext(
            "where your packs, players and results are kept "
            "(default: $CLARITY_DATA_DIR, else your user data folder)"
        ),
    )
    common.add_argument(
        "--config-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=t.gettext(
            "where the settings file is kept "
            "(default: $CLARITY_CONFIG_DIR, else your user config folder)"
        ),
    )
    return common


def _game_options(t: Translator) -> list[argparse.ArgumentParser]:
    """The options of plain ``clarity`` and of the commands that open the game window."""
    player = _shared_option(
        t,
        "--player",
        metavar="NAME",
        help=t.gettext(
            "play as NAME (created if new) without the Who's playing? screen; "
            "rounds are saved for NAME"
        ),
    )
    return [_window_options(t), player, _rule_overrides(t)]


def _rule_overrides(t: Translator) -> argparse.ArgumentParser:
    """``--no-timer`` and ``--no-streaks``: a rule off for this run, whatever is saved."""
    overrides = _parent(t)
    group = overrides.add_argument_group(t.gettext("rules for this run (the saved settings stay)"))
    group.add_argument(
        "--no-timer",
        dest="timer",
        action="store_false",
        default=argparse.SUPPRESS,
        help=t.gettext("no time limit, no time bonus"),
    )
    group.add_argument(
        "--no-streaks",
        dest="streaks",
        action="store_false",
        default=argparse.SUPPRESS,
        help=t.gettext("no bonus for answers in a row"),
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
        t: Translator = args.translator
        raise UsageError(
            t.gettext(
                "{option} {name}: {problem}",
                option="--player",
                name=repr(args.player),
                problem=message_of(cleaned),
            )
        )
    return cleaned


def _window_options(t: Translator) -> argparse.ArgumentParser:
    """The window options of the commands that open one."""
    window = _parent(t)
    group = window.add_argument_group(t.gettext("window"))
    mode = group.add_mutually_exclusive_group()
    mode.add_argument(
        "--windowed",
        dest="fullscreen",
        action="store_false",
        default=argparse.SUPPRESS,
        help=t.gettext("play in a window you can resize (the default)"),
    )
    mode.add_argument(
        "--fullscreen",
        dest="fullscreen",
        action="store_true",
        default=argparse.SUPPRESS,
        help=t.gettext("fill the screen (F11 switches while playing)"),
    )
    group.add_argument(
        "--size",
        type=functools.partial(window_size, translator=t),
        metavar="WxH",
        default=argparse.SUPPRESS,
        help=t.gettext("window size in pixels, for example 1280x800"),
    )
    # For the start-up benchmark: print when the first frame is shown, then stop.
    group.add_argument(
        "--exit-after-first-frame",
        action="store_true",
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
    )
    return window


def window_size(text: str, translator: Translator | None = None) -> tuple[int, int]:
    """``"1280x800"`` as (1280, 800); argparse shows the message of a bad value, in
    ``translator``'s language (English without one)."""
    t = translator if translator is not None else Translator()
    parts = text.lower().replace("×", "x").split("x")
    try:
        width, height = (int(part) for part in parts)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t.gettext(
                "{value} is not a size; write WIDTHxHEIGHT, for example 1280x800",
                value=repr(text),
            )
        ) from None
    if width < 1 or height < 1:
        raise argparse.ArgumentTypeError(
            t.gettext("{value}: the width and height must be positive", value=repr(text))
        )
    return width, height


def _add_pack_option(parser: argparse.ArgumentParser, help: str, **how: Any) -> None:
    parser.add_argument("--pack", metavar="ID", help=help, **how)


def _add_seed_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--seed", type=int, metavar="N", help=help)


def _positive_int(text: str, translator: Translator | None = None) -> int:
    t = translator if translator is not None else Translator()
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            t.gettext("{value} is not a whole number", value=repr(text))
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(
            t.gettext("{value}: it must be 1 or more", value=repr(text))
        )
    return value


def _translator(args: argparse.Namespace) -> Translator:
    """The command line's translator (:func:`main` sets it; English for a parse in a test)."""
    found = getattr(args, "translator", None)
    return found if isinstance(found, Translator) else Translator()


def _data_dir(args: argparse.Namespace) -> Path:
    """The data folder (``--data-dir``, else ``$CLARITY_DATA_DIR``, else the user's).

    Raises :class:`Failed` when it is a file: nothing can be kept or found in it.
    """
    t = _translator(args)
    folder = data_dir(args.data_dir, os.environ)
    if folder.exists() and not folder.is_dir():
        if folder.is_file():
            raise Failed(
                t.gettext("the data folder {folder} is a file, not a folder", folder=folder)
            )
        raise Failed(
            t.gettext("the data folder {folder} is something else, not a folder", folder=folder)
        )
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
    t = _translator(args)
    folder = _data_dir(args)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        blocker = next((p for p in folder.parents if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            raise Failed(
                t.gettext(
                    "the data folder {folder} cannot be made: {blocker} is a file",
                    folder=folder,
                    blocker=blocker,
                )
            ) from None
        raise Failed(
            t.gettext(
                # Translators: {reason} is the system's own words
                "the data folder {folder} cannot be made: {reason}",
                folder=folder,
                reason=error.strerror or str(error),
            )
        ) from None
    return folder


# --- clarity (no command) and clarity play: the game ------------------------------------------


def _run_default(args: argparse.Namespace) -> int:
    """Plain ``clarity``: the game, at its title screen."""
    return _start_game(args, pack_id=None, seed=None)


def _add_play(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "play",
        _cmd_play,
        plays=True,
        help=t.gettext("start a round of a pack straight away"),
        description=t.gettext(
            "Skip the title and the pack choice: start a round of the pack ID "
            "(see clarity packs for the ids)."
        ),
    )
    _add_pack_option(parser, t.gettext("the pack to play"), required=True)
    _add_seed_option(parser, t.gettext("the same seed asks the same questions in order"))


def _cmd_play(args: argparse.Namespace) -> int:
    return _start_game(args, pack_id=args.pack, seed=args.seed)


def _pygame_problem(t: Translator) -> Message | str | None:
    """Check for pygame-ce before a window opens (and keep its banner off the terminal)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    problem = ensure_pygame_ce()
    if problem is not None:
        print(terminal_safe(f"{PROG}: {t.render(problem)}"), file=sys.stderr)
    return problem


def _start_game(args: argparse.Namespace, *, pack_id: str | None, seed: int | None) -> int:
    if _pygame_problem(_translator(args)) is not None:
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


# --- clarity host --------------------------------------------------------------------------


def _add_host(subparsers: Subparsers, t: Translator) -> None:
    parser = subparsers.add_parser(
        "host",
        parents=[_common_options(t), _window_options(t)],
        help=t.gettext("a class game on the students' phones and laptops"),
        description=t.gettext(
            "Host a class game of the pack ID on the classroom network: the students join "
            "from their phones and laptops at the address the projector shows, and the "
            "teacher drives the game from the keyboard or from the teacher's address."
        ),
        translator=t,
    )
    parser.set_defaults(func=_cmd_host, command_parser=parser)
    _add_pack_option(parser, t.gettext("the pack to play"), required=True)
    parser.add_argument(
        "--bind",
        metavar="ADDR",
        default="0.0.0.0",
        help=t.gettext("the address to listen on (default: every address of this computer)"),
    )
    _add_port_option(
        parser,
        t,
        t.gettext("the port to listen on (default: 8765, or any free one when it is taken)"),
    )
    parser.add_argument(
        "--tile-share",
        type=functools.partial(_tile_share, translator=t),
        metavar="PERCENT",
        help=t.gettext(
            "a tile is uncovered when at least this share of the students who answered were"
            " right: 25, 50, 75 or 100 (default: the tile-share setting, 50)"
        ),
    )
    parser.add_argument(
        "--no-leaderboard",
        dest="leaderboard",
        action="store_false",
        default=None,
        help=t.gettext("no leaderboard between questions in this game (the teacher can show it)"),
    )
    parser.add_argument(
        "--class",
        dest="school_class",
        metavar="NAME",
        help=t.gettext(
            "the class playing: students pick their name from its players (default: every player)"
        ),
    )


def _tile_share(text: str, translator: Translator | None = None) -> int:
    from clarity.settings import SETTINGS_BY_KEY, Refused  # noqa: PLC0415

    t = translator if translator is not None else Translator()
    value = SETTINGS_BY_KEY["tile-share"].parse(text)
    if isinstance(value, Refused) or not isinstance(value, int):
        raise argparse.ArgumentTypeError(
            t.gettext("{value} is not a tile share: 25, 50, 75 or 100 (per cent)", value=repr(text))
        )
    return value


def _add_port_option(parser: argparse.ArgumentParser, t: Translator, help: str, **how: Any) -> None:
    """``--port N`` on ``parser``: the TCP port a server listens on, a whole number from 0 to
    65535 (0: any free one), refused in one line of ``t``'s language otherwise; ``how``:
    argparse's other keywords (``default``)."""
    parser.add_argument(
        "--port",
        type=functools.partial(_port_number, translator=t),
        metavar="N",
        help=help,
        **how,
    )


def _port_number(text: str, translator: Translator | None = None) -> int:
    t = translator if translator is not None else Translator()
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(
            t.gettext("{value} is not a port number from 0 to 65535", value=repr(text))
        )
    return value


def _cmd_host(args: argparse.Namespace) -> int:
    """``clarity host``: the server, its two addresses on stdout, then the lobby's window."""
    if _pygame_problem(_translator(args)) is not None:
        return EXIT_PROBLEMS
    from clarity.ui.launch import HostOptions, start_hosting  # noqa: PLC0415 - see _start_game

    options = _launch_options(args, _game_settings(args, seed=None), pack_id=args.pack)
    host = HostOptions(
        bind=args.bind,
        port=args.port,
        config_dir=_config_dir(args),
        tile_share=args.tile_share,
        leaderboard=args.leaderboard,
        class_name=args.school_class,
    )
    return start_hosting(options, host)


# --- clarity demo --------------------------------------------------------------------------


def _add_demo(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "demo",
        _cmd_demo,
        plays=True,
        help=t.gettext("let the game play itself (attract mode for an idle projector)"),
        description=t.gettext(
            "The game plays itself: it picks a pack, answers (mostly right) and "
            "guesses the picture once half of it shows. It plays until a key is pressed, or "
            "until --rounds rounds are played; with --screenshot-dir it saves a picture of "
            "every screen it passes through and stops after --rounds rounds (1)."
        ),
    )
    _add_pack_option(
        parser,
        t.gettext("the pack to play ({pack})", pack=DEFAULT_PACK_ID),
        default=DEFAULT_PACK_ID,
    )
    _add_seed_option(parser, t.gettext("the same seed plays the same demo"))
    parser.add_argument(
        "--rounds",
        type=functools.partial(_positive_int, translator=t),
        metavar="N",
        help=t.gettext("stop after N rounds (default: 1 with --screenshot-dir, else until a key)"),
    )
    parser.add_argument(
        "--screenshot-dir",
        type=Path,
        metavar="DIR",
        help=t.gettext("save PNG screenshots in DIR"),
    )
    parser.add_argument(
        "--mode",
        choices=("game", "study", "sprint"),
        default="game",
        help=t.gettext(
            "what the demo shows: the mystery game, the flashcards (study) or the "
            "True or False sprint (default: game)"
        ),
    )
    parser.add_argument(
        "--class",
        dest="class_mode",
        choices=("turns", "buzz"),
        help=t.gettext(
            "play a class game of teams on one screen: taking turns (with steals) or buzzing in"
        ),
    )
    parser.add_argument(
        "--teams",
        type=functools.partial(_team_count, translator=t),
        default=DEMO_TEAMS,
        metavar="N",
        help=t.gettext(
            "the number of teams in a class game, {low} to {high} (default {teams})",
            low=MIN_TEAMS,
            high=MAX_TEAMS,
            teams=DEMO_TEAMS,
        ),
    )


def _team_count(text: str, *, translator: Translator) -> int:
    """``--teams``: a whole number from MIN_TEAMS to MAX_TEAMS."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not MIN_TEAMS <= count <= MAX_TEAMS:
        raise argparse.ArgumentTypeError(
            translator.gettext(
                "{value} is not a number of teams from {low} to {high}",
                value=text,
                low=MIN_TEAMS,
                high=MAX_TEAMS,
            )
        )
    return count


def _cmd_demo(args: argparse.Namespace) -> int:
    if _pygame_problem(_translator(args)) is not None:
        return EXIT_PROBLEMS
    from clarity.ui.demo import DemoOptions  # noqa: PLC0415 - pygame: see _start_game
    from clarity.ui.launch import start_demo  # noqa: PLC0415

    options = _launch_options(args, _game_settings(args, seed=args.seed))
    demo = DemoOptions(
        pack_id=args.pack,
        seed=args.seed,
        rounds=args.rounds,
        screenshot_dir=args.screenshot_dir,
        class_mode=args.class_mode,
        teams=args.teams,
        mode=args.mode,
    )
    return start_demo(options, demo)


# --- clarity settings ----------------------------------------------------------------------


def _add_settings(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "settings",
        _cmd_settings,
        help=t.gettext("list or change the saved settings (rules, display, sound)"),
        description=t.gettext(
            "Without KEY=VALUE: list every setting with its value, where the value "
            "comes from (default or file) and the values allowed. With KEY=VALUE ...: set "
            "them and save them (all or none: a wrong key or value changes nothing). "
            "preset=NAME sets the rules of a preset; reset (or --reset) puts every setting "
            "back to its default before the others are set."
        ),
    )
    parser.formatter_class = _RawDescriptionFormatter
    width = max(len(s.key) for s in SETTINGS)
    lines = []
    for s in SETTINGS:
        lines.append(f"  {s.key:<{width}}  {t.render(s.allowed_words)}")
        lines.append(
            f"  {'':<{width}}  "
            + t.gettext(
                # Translators: a setting's name and what it does, e.g. "Timer: a countdown ..."
                "{label}: {help}",
                label=t.gettext(s.label),
                help=t.gettext(s.help),
            )
        )
    presets = [f"  {p.name:<{width}}  {t.gettext(p.help)}" for p in PRESETS]
    parser.epilog = "\n".join(
        [t.gettext("settings and their values:"), *lines, t.gettext("presets:"), *presets]
    )
    parser.add_argument(
        "assignments",
        nargs="*",
        metavar="KEY=VALUE",
        help=t.gettext("a setting and its new value, e.g. timer=off text-size=150; or preset=NAME"),
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help=t.gettext("every setting back to its default (also: reset)"),
    )


def _cmd_settings(args: argparse.Namespace) -> int:
    t = _translator(args)
    words = [word for word in args.assignments if word.strip().lower() != "reset"]
    reset = args.reset or len(words) < len(args.assignments)
    # the command line is checked first: a wrong one is refused before the file is read
    asked = parse_assignments(words)
    if isinstance(asked, Refused):
        raise UsageError(message_of(asked))
    folder = _config_dir(args)
    blocker = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
    if blocker == folder:
        raise Failed(t.gettext("the config folder {folder} is a file, not a folder", folder=folder))
    if blocker is not None:
        raise Failed(
            t.gettext(
                "the config folder {folder} cannot be made: {blocker} is a file",
                folder=folder,
                blocker=blocker,
            )
        )
    store = SettingsStore(settings_path(folder))
    loaded = store.load()
    for problem in loaded.problems:
        print(terminal_safe(f"{PROG}: {problem_line(problem, t)}"), file=sys.stderr)
    if not words and not reset:
        _print_settings(loaded, store.path, t)
        return EXIT_OK
    if loaded.unreadable and not reset:
        raise Failed(
            t.gettext(
                "the settings in {path} cannot be read, so they are not changed; "
                "clarity settings --reset writes a new file",
                path=store.path,
            )
        )
    after = asked.apply(Settings() if reset else loaded.settings)
    saved = store.save(after)
    if saved.problem is not None:
        raise Failed(message_of(saved.problem))
    changed = loaded.settings.changed_keys(after)
    for key in changed:
        print(
            t.gettext(
                # Translators: a setting changed, e.g. "timer = off (was on)"
                "{key} = {value} (was {before})",
                key=key,
                value=after.text(key),
                before=loaded.settings.text(key),
            )
        )
    if changed:
        print(t.gettext("Saved in {path}", path=store.path))
    else:
        print(t.gettext("No setting changed; saved in {path}", path=store.path))
    return EXIT_OK


def _print_settings(loaded: LoadedSettings, path: Path, t: Translator) -> None:
    """The settings as a table (key, value, from, allowed), then the preset and the file."""
    settings = loaded.settings
    from_file = t.gettext("file")
    # Translators: a setting at its default value (in the column "From", beside "file")
    default = t.gettext("default")
    rows = [(t.gettext("Setting"), t.gettext("Value"), t.gettext("From"), t.gettext("Allowed"))]
    rows += [
        (
            s.key,
            settings.text(s.key),
            from_file if s.key in loaded.from_file else default,
            t.render(s.allowed_words),
        )
        for s in SETTINGS
    ]
    widths = [max(display_width(row[column]) for row in rows) for column in range(4)]
    rows.insert(1, tuple("-" * width for width in widths))
    for row in rows:
        cells = [
            cell + " " * (width - display_width(cell))
            for cell, width in zip(row, widths, strict=True)
        ]
        print("  ".join(cells[:3]) + "  " + row[3])
    names = ", ".join(p.name for p in PRESETS)
    preset = settings.preset()
    print()
    if preset is None:
        print(
            t.gettext(
                "Preset: none (the rules are not a preset's); the presets are: {presets}",
                presets=names,
            )
        )
    else:
        print(
            t.gettext("Preset: {preset}; the presets are: {presets}", preset=preset, presets=names)
        )
    if loaded.exists:
        print(t.gettext("File: {path}", path=path))
    else:
        print(t.gettext("File: {path} (not written yet: all are defaults)", path=path))


# --- clarity validate ----------------------------------------------------------------------


def _add_validate(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "validate",
        _cmd_validate,
        help=t.gettext("check question packs and report every problem"),
        description=t.gettext(
            "Check question pack files (or every pack in a folder). Prints one "
            "line per problem as FILE:LINE:COLUMN: FIELD: MESSAGE, then a summary. Exit "
            "status: 0 all valid, 1 some pack has errors, 2 bad command line."
        ),
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help=t.gettext("pack file or folder")
    )


def _cmd_validate(args: argparse.Namespace) -> int:
    t = _translator(args)
    files: list[Path] = []
    for path in args.paths:
        if path.is_dir():
            found = pack_files_in(path)
            if not found:
                kinds = t.join(_pack_loader.PACK_SUFFIXES, "or")
                line = t.gettext(
                    "{path}: no pack files ({kinds}) in this folder", path=path, kinds=kinds
                )
                print(terminal_safe(line))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(t.gettext("{path}: no such file or folder", path=path))
    loaded = load_packs(
        files, assets_dir=bundled_assets_dir(), can_draw=drawable_by_this_computer()
    )
    for pack in loaded:
        for problem in pack.problems:
            # A file's name and its text may hold escape sequences and line breaks.
            print(terminal_safe(problem_line(problem, t)))
    bad = sum(1 for pack in loaded if not pack.ok)
    warnings = sum(len(pack.warnings) for pack in loaded)
    print(
        t.ngettext(
            # Translators: {valid} and {invalid} are numbers of packs; {warnings} is
            # "{count} warning(s)"
            "{count} pack checked: {valid} valid, {invalid} with errors, {warnings}",
            "{count} packs checked: {valid} valid, {invalid} with errors, {warnings}",
            len(loaded),
            valid=len(loaded) - bad,
            invalid=bad,
            warnings=t.ngettext("{count} warning", "{count} warnings", warnings),
        )
    )
    return EXIT_PROBLEMS if bad else EXIT_OK


# --- clarity packs -------------------------------------------------------------------------


def _add_packs(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "packs",
        _cmd_packs,
        help=t.gettext("list the installed question packs"),
        description=t.gettext(
            "List the packs from the game's own folder, your packs folder "
            "(DATA_DIR/packs) and any --packs folders."
        ),
    )
    parser.add_argument(
        "--packs",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help=t.gettext("also list the packs in DIR (may be given more than once)"),
    )


def _cmd_packs(args: argparse.Namespace) -> int:
    t = _translator(args)
    for folder in args.packs:
        if not folder.is_dir():
            raise UsageError(
                t.gettext("{option} {folder}: no such folder", option="--packs", folder=folder)
            )
    return _print_packs(_installed_pack_folders(args, extra=args.packs), _data_dir(args), t)


def _installed_pack_folders(args: argparse.Namespace, extra: Sequence[Path]) -> list[Path]:
    """Bundled packs first, so their ids win over a copy in the user's folder."""
    return [bundled_questions_dir(), user_packs_dir(_data_dir(args)), *extra]


def _print_packs(folders: Sequence[Path], data_folder: Path, t: Translator) -> int:
    packs = _listed_as_the_game_lists(folders, data_folder)
    if not packs:
        print(t.gettext("No question packs found in:"))
        for folder in folders:
            print(terminal_safe(f"  {folder}"))
        return EXIT_OK
    # Titles, ids made of file names and error lines come from files: shown escaped.
    rows = [
        (terminal_safe(pack.id), terminal_safe(pack.title), terminal_safe(_pack_summary(pack, t)))
        for pack in packs
    ]
    id_width = max(display_width(row[0]) for row in rows)
    title_width = max(display_width(row[1]) for row in rows)
    for pack_id, title, summary in rows:
        id_padding = " " * (id_width - display_width(pack_id))
        title_padding = " " * (title_width - display_width(title))
        print(f"{pack_id}{id_padding}  {title}{title_padding}  {summary}")
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


def _pack_summary(pack: LoadedPack, t: Translator) -> str:
    if pack.pack is None:
        errors = pack.errors
        first: object = errors[0] if errors else pack.first_error
        return t.gettext("broken: {problem}", problem=problem_line(first, t))
    return t.gettext(
        # Translators: a pack's size, e.g. "1 round, 3 questions"
        "{rounds}, {questions}",
        rounds=_rounds(t, len(pack.pack.rounds)),
        questions=t.ngettext("{count} question", "{count} questions", len(pack.pack.questions)),
    )


def _rounds(t: Translator, count: int) -> str:
    return t.ngettext("{count} round", "{count} rounds", count)


def _packs(t: Translator, count: int) -> str:
    return t.ngettext("{count} pack", "{count} packs", count)


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
        t = _translator(args)
        folder = _data_dir(args)
        if not folder.is_dir():
            raise Failed(
                t.gettext(
                    "there is no saved data in {folder}: the folder does not exist", folder=folder
                )
            )
        _check_database_is_a_file(folder, t)
        if not (folder / _store_db.DB_FILENAME).is_file():
            if getattr(args, "pack", None) is not None:  # a mistyped pack is still one
                _check_pack_is_known(args, (), args.pack)
            print(terminal_safe(t.gettext("No saved data yet in {folder}", folder=folder)))
            return EXIT_OK
        try:
            opening = _store.open_for_reading(folder)
            if opening.store is None:
                raise Failed(
                    opening.notice_said
                    or t.gettext("the saved data in {folder} cannot be read", folder=folder)
                )
            with opening.store as store:
                return command(args, store)
        except _store.StoreDamaged as damaged:
            raise Failed(message_of(damaged)) from damaged

    return run


def _add_repair(subparsers: Subparsers, t: Translator) -> None:
    _add_command(
        subparsers,
        t,
        "repair",
        _cmd_repair,
        help=t.gettext("check the saved data, and repair it if it is damaged"),
        description=t.gettext(
            "Check every page of the saved data. If it is damaged, keep a copy of "
            "the damaged file beside it (never deleted) and carry every round that can still "
            "be read into a fresh file, as the game does when it finds damage."
        ),
    )


def _check_database_is_a_file(folder: Path, t: Translator) -> None:
    """Raise Failed when the saved data's name is taken by a folder or another kind of file."""
    path = folder / _store_db.DB_FILENAME
    if path.exists() and not path.is_file():
        if path.is_dir():
            raise Failed(
                t.gettext(
                    "{path} is a folder, not the saved data: move it away and try again",
                    path=path,
                )
            )
        raise Failed(
            t.gettext(
                "{path} is not a file, not the saved data: move it away and try again", path=path
            )
        )


def _cmd_repair(args: argparse.Namespace) -> int:
    t = _translator(args)
    folder = _data_dir(args)
    _check_database_is_a_file(folder, t)
    if not (folder / _store_db.DB_FILENAME).is_file():
        print(terminal_safe(t.gettext("No saved data yet in {folder}", folder=folder)))
        return EXIT_OK
    checked = _store.check_and_repair(folder)
    store = checked.store
    usable = store is not None and store.saving
    if store is not None:
        store.close()
    if not usable:  # read-only, full, or the repair itself failed: nothing was repaired
        raise Failed(
            checked.notice_said
            or t.gettext("the saved data in {folder} cannot be repaired", folder=folder)
        )
    if checked.notice_said:
        print(terminal_safe(t.render(checked.notice_said)))
    else:
        line = t.gettext("The saved data in {folder} is whole: nothing to repair.", folder=folder)
        print(terminal_safe(line))
    return EXIT_OK


# --- clarity backup and clarity restore ----------------------------------------------------


def _add_backup(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "backup",
        _cmd_backup,
        help=t.gettext("save everything (players, rounds, your packs, settings) in one file"),
        description=t.gettext(
            "Write one zip file with everything saved: the players and their rounds "
            "(a consistent copy, even while a game is saving), your own packs (DATA_DIR/packs) "
            "with their pictures, and the settings. clarity restore puts it back, here or on "
            "another computer. FILE may be a folder (a USB stick): the file is then named by "
            "the date. An existing backup of the same name is replaced only once the new one "
            "is complete."
        ),
    )
    parser.add_argument(
        "file", type=Path, metavar="FILE", help=t.gettext("the backup file (.zip) to write")
    )


def _cmd_backup(args: argparse.Namespace) -> int:
    from datetime import datetime  # noqa: PLC0415

    from clarity.store import backup  # noqa: PLC0415 - as the store: only when needed

    t = _translator(args)
    try:
        written = backup.write_backup(
            args.file,
            _data_dir(args),
            settings_path(_config_dir(args)),
            now=datetime.now().astimezone(),
        )
    except backup.BackupRefused as refused:
        raise Failed(message_of(refused)) from refused
    lines = [
        t.gettext(
            # Translators: {contents} is e.g. "3 players, 40 rounds, 2 packs and the settings"
            "Backed up {contents} to {path} ({size})",
            contents=_contents(written.manifest, t),
            path=written.path,
            size=backup.size_in_words(written.size),
        )
    ]
    if written.skipped:
        lines.append(
            t.ngettext(
                "Left out {count} file in the packs folder that is neither a pack nor a picture "
                "(such as {example}): a backup saved there would carry old data along.",
                "Left out {count} files in the packs folder that are neither packs nor pictures "
                "(such as {example}): a backup saved there would carry old data along.",
                len(written.skipped),
                example=written.skipped[0],
            )
        )
    if written.left_out:
        lines.append(
            t.gettext(
                "Left out what another program added to the saved data: {objects}; "
                "the backup holds only the game's own tables.",
                objects=", ".join(written.left_out),
            )
        )
    if written.log_unread:
        log = _data_dir(args) / f"{_store_db.DB_FILENAME}-wal"
        lines.append(
            t.gettext(
                "The rounds in {log} (a game that did not close) cannot be read in a "
                "read-only folder and are not in the backup; start the game where the folder "
                "can be written, then back up again.",
                log=log,
            )
        )
    for line in lines:
        print(terminal_safe(line))
    return EXIT_OK


def _add_restore(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "restore",
        _cmd_restore,
        help=t.gettext(
            "put a backup made by clarity backup in place (on this or another computer)"
        ),
        description=t.gettext(
            "Put the players, rounds, packs and settings of a backup made by clarity "
            "backup in the data folder. The backup is checked whole first, and saved data "
            "already there is never overwritten: without --replace the restore is refused; "
            "with it, the old data folder (and settings file) is kept aside under a name "
            "ending .before-restore-DATE, never deleted. Your packs already there are kept "
            "beside the backup's."
        ),
    )
    parser.add_argument(
        "file", type=Path, metavar="FILE", help=t.gettext("the backup file to restore")
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help=t.gettext(
            "restore even over saved data: the old data is kept aside, and the command says where"
        ),
    )


def _cmd_restore(args: argparse.Namespace) -> int:
    from datetime import datetime  # noqa: PLC0415

    from clarity.store import backup, restore  # noqa: PLC0415 - as the store: only when needed

    t = _translator(args)
    try:
        restored = restore.restore_backup(
            args.file,
            _data_dir(args),
            settings_path(_config_dir(args)),
            replace=args.replace,
            now=datetime.now().astimezone(),
        )
    except backup.BackupRefused as refused:
        raise Failed(message_of(refused)) from refused
    manifest = restored.manifest
    lines = [
        t.gettext(
            # Translators: {made} is when the backup was made, {version} the game's version
            "Restored {contents} from {file} (made {made} by version {version}) into {folder}",
            contents=_contents(manifest, t),
            file=args.file,
            made=_moment_said(manifest.created_at, t),
            version=manifest.game_version,
            folder=restored.data_dir,
        )
    ]
    if restored.packs_kept:
        lines.append(
            t.ngettext(
                "Kept {count} pack that was already there.",
                "Kept {count} packs that were already there.",
                restored.packs_kept,
            )
        )
    if restored.skipped:
        lines.append(
            t.ngettext(
                "Left out {count} file in the backup's packs that is neither a pack nor a "
                "picture (such as {example}).",
                "Left out {count} files in the backup's packs that are neither packs nor "
                "pictures (such as {example}).",
                len(restored.skipped),
                example=restored.skipped[0],
            )
        )
    if restored.data_aside is not None:
        lines.append(
            t.gettext(
                "What was in the data folder before is kept in {folder}",
                folder=restored.data_aside,
            )
        )
    if restored.settings_aside is not None:
        lines.append(
            t.gettext("The settings from before are kept in {path}", path=restored.settings_aside)
        )
    for line in lines:
        print(terminal_safe(line))
    return EXIT_OK


def _moment_said(iso_text: str, t: Translator) -> str:
    """An ISO 8601 date and time from a file (a backup's manifest) as ``t``'s language writes
    it, to the minute; text that is not one is shown as it is."""
    from datetime import datetime  # noqa: PLC0415

    try:
        moment = datetime.fromisoformat(iso_text)
    except ValueError:
        return iso_text
    return t.date_time(moment)


def _contents(manifest: Any, t: Translator) -> str:
    """What a backup holds, in words: "3 players, 40 rounds, 2 packs and the settings"."""
    players = t.ngettext("{count} player", "{count} players", manifest.players)
    rounds = _rounds(t, manifest.rounds)
    packs = _packs(t, manifest.packs)
    if manifest.settings:
        return t.gettext(
            "{players}, {rounds}, {packs} and the settings",
            players=players,
            rounds=rounds,
            packs=packs,
        )
    return t.gettext("{players}, {rounds}, {packs}", players=players, rounds=rounds, packs=packs)


# The time per question of the settings: its values and their spellings ("x2", "2", "none",
# "no limit") are the extra time's too, since both are the scoring's TIME_SCALES.
_EXTRA_TIME = next(setting for setting in SETTINGS if setting.key == "time")


def _add_players(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "players",
        _cmd_players,
        help=t.gettext(
            "list the players with their rounds, best score and extra time; "
            "give a player extra time"
        ),
        description=t.gettext(
            "List every player saved in the data folder, with the number of rounds "
            "played (class games too), right answers, best score of a round played alone (a "
            "class game's score is not counted: a player who has only played in class games "
            "shows 'class games only'), when they last played, and their extra time "
            "(x1, x1.5, x2, x3 the time per question, or no limit). With --extra-time, set "
            "players' extra time instead (all or none: a wrong name or value changes nothing)."
        ),
    )
    parser.add_argument(
        "--extra-time",
        nargs="+",
        action="extend",
        metavar="NAME=VALUE",
        help=t.gettext(
            "give NAME extra time from their next round: VALUE is one of "
            '{values} (e.g. --extra-time Ana=x2 "Ben Li"=none)',
            values=_EXTRA_TIME.allowed,
        ),
    )
    parser.add_argument(
        "--delete",
        metavar="NAME",
        help=t.gettext(
            "delete NAME and everything saved about them (rounds, answers, trophies); "
            "exports and backups made before are yours to delete"
        ),
    )
    classes = parser.add_argument_group(
        t.gettext("classes"),
        t.gettext(
            "A class is a named list of players, to pick teams from; a player may be in "
            "several classes."
        ),
    )
    classes.add_argument(
        "--classes", action="store_true", help=t.gettext("list the classes with their players")
    )
    classes.add_argument(
        "--class",
        dest="school_class",
        metavar="CLASS",
        help=t.gettext("list the players of CLASS, or change it with the options below"),
    )
    classes.add_argument(
        "--add",
        nargs="+",
        action="extend",
        metavar="NAME",
        help=t.gettext(
            "put the players named in the class, making the class and any player "
            'not saved yet (e.g. --class 5B --add Ana "Ben Li")'
        ),
    )
    classes.add_argument(
        "--remove",
        nargs="+",
        action="extend",
        metavar="NAME",
        help=t.gettext("take the players named out of the class (they stay players)"),
    )
    classes.add_argument(
        "--delete-class",
        action="store_true",
        help=t.gettext("delete the class (its players stay, with everything saved about them)"),
    )


def _cmd_players(args: argparse.Namespace) -> int:
    if _asks_about_classes(args):
        return _cmd_classes(args)
    if args.delete is not None:
        if args.extra_time:
            raise UsageError(
                _translator(args).gettext(
                    "give either {delete} or {extra_time}, not both",
                    delete="--delete",
                    extra_time="--extra-time",
                )
            )
        return _delete_player(args, args.delete)
    if args.extra_time:
        return _set_extra_time(args, args.extra_time)
    return _list_players(args)


@_reads_saved_data
def _list_players(args: argparse.Namespace, store: Store) -> int:
    t = _translator(args)
    rows = reports.players_table(store)
    if not rows:
        print(t.gettext("No players yet."))
        return EXIT_OK
    print(_players_table(t, rows))
    return EXIT_OK


def _players_table(t: Translator, rows: Sequence[PlayerOverview]) -> str:
    """The players' table of ``clarity players``, in ``t``'s language."""
    return _table(
        t,
        (
            t.gettext("Player"),
            t.gettext("Rounds"),
            t.gettext("Right answers"),
            t.gettext("Best score"),
            t.gettext("Last played"),
            t.gettext("Extra time"),
        ),
        [
            (
                r.player.name,
                r.rounds,
                r.right_answers,
                _best_score(r, t),
                _when(r.last_played, t),
                _extra_time_text(r.player.extra_time, t),
            )
            for r in rows
        ],
    )


def _best_score(row: PlayerOverview, t: Translator) -> int | str | None:
    """A player's best score of a round played alone; for a player who has played only in
    class games (whose scores are not a player's own best: README, "Class games are in it
    too"), the words that say so, so the column does not read as if they never played."""
    if row.best_score is None and row.rounds:
        # Translators: in the "Best score" column of clarity players, for a player whose
        # rounds were all class games (their scores do not count for a best score)
        return t.gettext("class games only")
    return row.best_score


def _table(t: Translator, header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """:func:`clarity.store.reports.format_table` with its numbers written by ``t``."""
    return str(reports.format_table(header, rows, number=t.number))


def _when(moment: datetime | None, t: Translator) -> str:
    """A moment in a table, as ``t``'s language writes a date and a time; empty for none."""
    return "" if moment is None else t.date_time(moment)


def _extra_time_text(scale: float | None, t: Translator) -> str:
    """A player's extra time in a table: "x1.5" as the settings write it, or "no limit"."""
    return t.gettext("no limit") if scale is None else reports.extra_time_text(scale)


def _parse_extra_times(words: Sequence[str], t: Translator) -> dict[str, float | None]:
    """``["Ana=x2", "Ben Li=none"]`` as {name: time scale}, names as they will be looked
    up; raises :class:`UsageError` for a word that is not NAME=VALUE, a value not
    allowed, or a name given twice (nothing is set then)."""
    from clarity.store import NameRejected  # noqa: PLC0415 - only when setting
    from clarity.store.names import clean_name, name_key  # noqa: PLC0415

    allowed = _EXTRA_TIME.allowed
    asked: dict[str, float | None] = {}
    keys: dict[str, str] = {}
    for word in words:
        # a name may hold "=" ("A=B"); a value never does
        name, equals, text = word.rpartition("=")
        if not equals or not name.strip():
            raise UsageError(
                t.gettext(
                    '{option} "{word}" is not NAME=VALUE; the extra time may be: {allowed}',
                    option="--extra-time",
                    word=word,
                    allowed=allowed,
                )
            )
        # what the players table shows, in the language, is read back as what it means
        said_none = text.strip().casefold() == t.gettext("no limit").casefold()
        value = None if said_none else _EXTRA_TIME.parse(text)
        if isinstance(value, Refused) or not (value is None or isinstance(value, float)):
            if text.strip():
                raise UsageError(
                    t.gettext(
                        '{option} "{word}": {value} is not allowed; the extra time may be: '
                        "{allowed}",
                        option="--extra-time",
                        word=word,
                        value=text.strip(),
                        allowed=allowed,
                    )
                )
            raise UsageError(
                t.gettext(
                    '{option} "{word}": nothing is not allowed; the extra time may be: {allowed}',
                    option="--extra-time",
                    word=word,
                    allowed=allowed,
                )
            )
        cleaned = clean_name(name)
        if isinstance(cleaned, NameRejected):
            raise UsageError(
                t.gettext(
                    '{option} "{word}": {problem}',
                    option="--extra-time",
                    word=word,
                    problem=message_of(cleaned),
                )
            )
        key = name_key(cleaned)
        if key in keys:
            raise UsageError(
                t.gettext(
                    '{option}: "{name}" is given twice; give each player once',
                    option="--extra-time",
                    name=keys[key],
                )
            )
        keys[key] = cleaned
        asked[cleaned] = value
    return asked


def _no_such_player(t: Translator, name: str, known: Sequence[str], *, yet: bool) -> Failed:
    """The failure for a name no player has, listing the players there are."""
    if known:
        return Failed(
            t.gettext(
                'there is no player called "{name}"; the players are: {players}',
                name=name,
                players=", ".join(known),
            )
        )
    if yet:
        return Failed(
            t.gettext('there is no player called "{name}"; there are no players yet', name=name)
        )
    return Failed(t.gettext('there is no player called "{name}"; there are no players', name=name))


def _set_extra_time(args: argparse.Namespace, words: Sequence[str]) -> int:
    """``clarity players --extra-time NAME=VALUE ...``: all the players' extra time is
    saved, or none (see :meth:`clarity.store.Store.set_extra_times`).

    Raises :class:`UsageError` for a wrong NAME=VALUE (before the data is opened) and
    :class:`Failed` for a player that does not exist or data that cannot be written.
    Nothing is created: a player must have been added before they get extra time.
    """
    t = _translator(args)
    asked = _parse_extra_times(words, t)
    folder = _data_dir(args)
    if not (folder / _store_db.DB_FILENAME).is_file():
        first = next(iter(asked))
        raise Failed(
            t.gettext(
                'there is no player called "{name}": no players are saved in {folder}',
                name=first,
                folder=folder,
            )
        )
    opening = _store.open_store(folder)
    if opening.store is None:
        raise Failed(nothing_changed(t, opening.notice_said))
    with opening.store as store:
        if not store.saving:  # read-only or full: said once, with what it means here
            raise Failed(nothing_changed(t, store.notice_said or opening.notice_said))
        if opening.notice_said is not None:  # e.g. an unreadable file was moved aside
            print(terminal_safe(f"{PROG}: {t.render(opening.notice_said)}"), file=sys.stderr)
        players = {name: store.player_by_name(name) for name in asked}
        missing = [name for name, player in players.items() if player is None]
        if missing:
            raise _no_such_player(t, missing[0], [p.name for p in store.players()], yet=True)
        saved = store.set_extra_times(
            {player.id: asked[name] for name, player in players.items() if player is not None}
        )
    if isinstance(saved, _store.SaveFailed):
        raise Failed(message_of(saved))
    for player in saved:
        line = _extra_time_said(player.name, player.extra_time, t)
        print(terminal_safe(line))
    return EXIT_OK


def nothing_changed(t: Translator, notice: Message | str | None) -> str:
    """Why saved data cannot be changed, then that nothing was."""
    # Translators: {notice} is a whole sentence saying why the saved data cannot be written
    return t.gettext("{notice} Nothing was changed.", notice=notice or "")


def _delete_player(args: argparse.Namespace, name: str) -> int:
    """``clarity players --delete NAME``: the player and everything saved about them, through
    the store (see :meth:`clarity.store.Store.delete_player`), while holding them as the
    players screen does, so that no game plays as them meanwhile.

    Raises :class:`Failed` for an unknown name (listing the players), a player playing in
    another window, or data that cannot be written; nothing is deleted then.
    """
    from clarity.store.ownership import HeldElsewhere, claim_player  # noqa: PLC0415

    t = _translator(args)
    folder = _data_dir(args)
    if not (folder / _store_db.DB_FILENAME).is_file():
        raise Failed(
            t.gettext(
                'there is no player called "{name}": no players are saved in {folder}',
                name=name,
                folder=folder,
            )
        )
    opening = _store.open_store(folder)
    # Translators: {notice} is a whole sentence saying why the saved data cannot be written
    if opening.store is None:
        raise Failed(t.gettext("{notice} Nothing was deleted.", notice=opening.notice_said or ""))
    with opening.store as store:
        if not store.saving:
            notice = store.notice_said or opening.notice_said or ""
            raise Failed(t.gettext("{notice} Nothing was deleted.", notice=notice))
        if opening.notice_said is not None:  # e.g. damaged data was repaired first
            print(terminal_safe(f"{PROG}: {t.render(opening.notice_said)}"), file=sys.stderr)
        player = store.player_by_name(name)
        if player is None:
            raise _no_such_player(t, name, [p.name for p in store.players()], yet=False)
        claim = claim_player(folder, player)
        if isinstance(claim, HeldElsewhere):
            raise Failed(t.gettext("{notice} Nothing was deleted.", notice=message_of(claim)))
        with claim:
            rounds = store.player_stats(player.id).rounds_played
            trophies = len(store.earned_trophies(player.id))
            failed = store.delete_player(player.id)
    if failed is not None:
        raise Failed(message_of(failed))
    line = t.gettext(
        # Translators: e.g. "Deleted Ana: 2 rounds, 1 trophy."
        "Deleted {name}: {rounds}, {trophies}.",
        name=player.name,
        rounds=_rounds(t, rounds),
        trophies=t.ngettext("{count} trophy", "{count} trophies", trophies),
    )
    print(terminal_safe(line))
    for line in _copies_that_may_hold_them(folder, t):
        print(terminal_safe(line))
    return EXIT_OK


def _copies_that_may_hold_them(folder: Path, t: Translator) -> list[str]:
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
        lines.append(
            t.ngettext(
                "{count} copy of damaged saved data beside it may still hold what was saved "
                "before: {paths}; delete it once you no longer need it.",
                "{count} copies of damaged saved data beside it may still hold what was saved "
                "before: {paths}; delete them once you no longer need them.",
                len(copies),
                paths=", ".join(map(str, copies)),
            )
        )
    if asides:
        lines.append(
            t.ngettext(
                "{count} data folder kept aside by clarity restore may still hold what was "
                "saved before: {paths}; delete it once you no longer need it.",
                "{count} data folders kept aside by clarity restore may still hold what was "
                "saved before: {paths}; delete them once you no longer need them.",
                len(asides),
                paths=", ".join(map(str, asides)),
            )
        )
    return lines


# --- clarity players --classes, --class CLASS [--add | --remove | --delete-class] --------


def _asks_about_classes(args: argparse.Namespace) -> bool:
    return bool(args.classes or args.school_class is not None or args.add or args.remove) or bool(
        args.delete_class
    )


def _cmd_classes(args: argparse.Namespace) -> int:
    """The class options of ``clarity players``: which one is asked, checked before the
    data is opened (:class:`UsageError` for a combination that means nothing)."""
    t = _translator(args)
    given = [
        option
        for option, value in (
            ("--delete", args.delete is not None),
            ("--extra-time", bool(args.extra_time)),
            ("--classes", args.classes),
            ("--add", bool(args.add)),
            ("--remove", bool(args.remove)),
            ("--delete-class", args.delete_class),
        )
        if value
    ]
    if len(given) > 1:
        raise UsageError(
            t.gettext("give either {one} or {other}, not both", one=given[0], other=given[1])
        )
    if args.classes:
        if args.school_class is not None:
            raise UsageError(
                t.gettext(
                    "give either {one} or {other}, not both", one="--classes", other="--class"
                )
            )
        return _list_classes(args)
    if args.school_class is None:
        raise UsageError(
            # Translators: {option} is --add, --remove or --delete-class; {needed} is --class
            t.gettext(
                "{option} needs {needed}: the class to change", option=given[0], needed="--class"
            )
        )
    if given and given[0] in ("--delete", "--extra-time"):
        raise UsageError(
            t.gettext("give either {one} or {other}, not both", one=given[0], other="--class")
        )
    class_name = _checked_name(t, "--class", args.school_class)
    if args.add:
        return _enrol(args, class_name, [_checked_name(t, "--add", n) for n in args.add])
    if args.remove:
        return _change_class(
            args, class_name, [_checked_name(t, "--remove", n) for n in args.remove]
        )
    if args.delete_class:
        return _change_class(args, class_name, None)
    return _list_class(args)


def _checked_name(t: Translator, option: str, name: str) -> str:
    """``name`` as it will be looked up, or :class:`UsageError` saying why no class or
    player can have it (the rules of :func:`clarity.store.names.clean_name`)."""
    from clarity.store import NameRejected  # noqa: PLC0415 - only when changing classes
    from clarity.store.names import clean_name  # noqa: PLC0415

    cleaned = clean_name(name)
    if isinstance(cleaned, NameRejected):
        raise UsageError(
            t.gettext(
                '{option} "{word}": {problem}',
                option=option,
                word=name,
                problem=message_of(cleaned),
            )
        )
    return cleaned


def _class_line(t: Translator, school_class: SchoolClass) -> str:
    """A class in one line: "5B: 3 players: Ana, Ben Li, Zoe"."""
    members = school_class.members
    if not members:
        return t.gettext("{name}: no players yet", name=school_class.name)
    return t.ngettext(
        # Translators: {name} is the class's name; {players} the players' names, joined
        "{name}: {count} player: {players}",
        "{name}: {count} players: {players}",
        len(members),
        name=school_class.name,
        players=", ".join(member.name for member in members),
    )


def _no_such_class(t: Translator, name: str, known: Sequence[str]) -> Failed:
    """The failure for a name no class has, listing the classes there are."""
    if known:
        return Failed(
            t.gettext(
                'there is no class called "{name}"; the classes are: {classes}',
                name=name,
                classes=", ".join(known),
            )
        )
    return Failed(
        t.gettext('there is no class called "{name}"; there are no classes yet', name=name)
    )


@_reads_saved_data
def _list_classes(args: argparse.Namespace, store: Store) -> int:
    t = _translator(args)
    classes = store.classes()
    if not classes:
        print(t.gettext("No classes yet."))
    for school_class in classes:
        print(terminal_safe(_class_line(t, school_class)))
    return EXIT_OK


@_reads_saved_data
def _list_class(args: argparse.Namespace, store: Store) -> int:
    """The class's line, then its players as ``clarity players`` lists them."""
    t = _translator(args)
    found = store.class_by_name(args.school_class)
    if found is None:
        raise _no_such_class(t, args.school_class, [c.name for c in store.classes()])
    print(terminal_safe(_class_line(t, found)))
    if found.members:
        ids = {member.id for member in found.members}
        rows = [r for r in reports.players_table(store) if r.player.id in ids]
        print(_players_table(t, rows))
    return EXIT_OK


def _opened_for_changing(args: argparse.Namespace, t: Translator) -> Store:
    """The store of the data folder, for a change (made if there is none yet); raises
    :class:`Failed` when nothing can be saved there."""
    opening = _store.open_store(_data_dir(args))
    if opening.store is None:
        raise Failed(nothing_changed(t, opening.notice_said))
    if not opening.store.saving:  # read-only or full: said once, with what it means here
        notice = opening.store.notice_said or opening.notice_said
        opening.store.close()
        raise Failed(nothing_changed(t, notice))
    if opening.notice_said is not None:  # e.g. an unreadable file was moved aside
        print(terminal_safe(f"{PROG}: {t.render(opening.notice_said)}"), file=sys.stderr)
    return opening.store


def _say_repairs_made(store: Store, before: Message | None, t: Translator) -> None:
    """Say on stderr what a repair the command's own reads and writes made did (damage the
    opening did not meet: it checks only the small tables), as the opening's is said."""
    said = store.notice_said
    if said is not None and said is not before:
        print(terminal_safe(f"{PROG}: {t.render(said)}"), file=sys.stderr)


def _enrol(args: argparse.Namespace, class_name: str, names: Sequence[str]) -> int:
    """``clarity players --class CLASS --add NAME ...``: the players in the class, the
    class and players not saved yet made too, all at once (:meth:`Store.enrol`)."""
    t = _translator(args)
    with _opened_for_changing(args, t) as store:
        before = store.notice_said
        enrolled = store.enrol(class_name, names)
        _say_repairs_made(store, before, t)
    if isinstance(enrolled, _store.SaveFailed | _store.NameRejected):
        raise Failed(message_of(enrolled))
    if enrolled.class_created:
        print(terminal_safe(t.gettext("Made the class {name}.", name=enrolled.school_class.name)))
    made = enrolled.players_created
    if made:
        line = t.ngettext(
            # Translators: {players} are the names of the players made now, joined
            "{count} new player saved: {players}",
            "{count} new players saved: {players}",
            len(made),
            players=", ".join(player.name for player in made),
        )
        print(terminal_safe(line))
    print(terminal_safe(_class_line(t, enrolled.school_class)))
    return EXIT_OK


def _change_class(args: argparse.Namespace, class_name: str, names: Sequence[str] | None) -> int:
    """``--class CLASS --remove NAME ...`` (``names``), or ``--delete-class`` (None).

    Raises :class:`Failed` for a class or a player that is not there (listing those there
    are) or a player not in the class; nothing is changed then.
    """
    t = _translator(args)
    if not (_data_dir(args) / _store_db.DB_FILENAME).is_file():
        raise _no_such_class(t, class_name, [])
    with _opened_for_changing(args, t) as store:
        before = store.notice_said
        try:
            return _change_found_class(store, t, class_name, names)
        finally:
            _say_repairs_made(store, before, t)


def _change_found_class(
    store: Store, t: Translator, class_name: str, names: Sequence[str] | None
) -> int:
    found = store.class_by_name(class_name)
    if found is None:
        raise _no_such_class(t, class_name, [c.name for c in store.classes()])
    if names is None:
        failed = store.delete_class(found.id)
        if failed is not None:
            raise Failed(message_of(failed))
        line = t.ngettext(
            "Deleted the class {name}; its {count} player is kept.",
            "Deleted the class {name}; its {count} players are kept.",
            len(found.members),
            name=found.name,
        )
        print(terminal_safe(line))
        return EXIT_OK
    members = {_store_names.name_key(member.name): member for member in found.members}
    leaving = []
    for name in names:
        member = members.get(_store_names.name_key(name))
        if member is None:
            raise Failed(_not_in_class(t, name, found))
        leaving.append(member.id)
    changed = store.remove_from_class(found.id, leaving)
    if isinstance(changed, _store.SaveFailed):
        raise Failed(message_of(changed))
    print(terminal_safe(_class_line(t, changed)))
    return EXIT_OK


def _not_in_class(t: Translator, name: str, found: SchoolClass) -> str:
    if not found.members:
        return t.gettext(
            '"{name}" is not in {school_class}: it has no players yet',
            name=name,
            school_class=found.name,
        )
    return t.gettext(
        '"{name}" is not in {school_class}; its players are: {players}',
        name=name,
        school_class=found.name,
        players=", ".join(member.name for member in found.members),
    )


def _extra_time_said(name: str, scale: float | None, t: Translator) -> str:
    """What a player's extra time now is, in words: "Ana now has x2 the time per question"."""
    if scale is None:
        return t.gettext("{name} now has no time limit", name=name)
    if scale == 1:
        return t.gettext("{name} now has the standard time (x1)", name=name)
    return t.gettext(
        # Translators: {scale} is x1.5, x2 or x3 (as written in commands: not translated)
        "{name} now has {scale} the time per question",
        name=name,
        scale=reports.extra_time_text(scale),
    )


def _add_leaderboard(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "leaderboard",
        _cmd_leaderboard,
        help=t.gettext("show the best players of each pack"),
        description=t.gettext(
            "Show each pack's ten best players (one line per player: their best "
            "round; a tie goes to whoever scored it first)."
        ),
    )
    _add_pack_option(parser, t.gettext("only this pack (default: every pack)"))
    parser.add_argument(
        "--csv",
        action="store_true",
        help=t.gettext("print CSV (for a file: > leaderboard.csv)"),
    )


def _medal_said(medal: str | None, t: Translator) -> str:
    """A medal or a trophy's tier as a word of ``t``'s language (lower case, in a table)."""
    names = {
        "gold": t.pgettext("medal", "gold"),
        "silver": t.pgettext("medal", "silver"),
        "bronze": t.pgettext("medal", "bronze"),
    }
    return "" if medal is None else names.get(str(medal), str(medal))


@_reads_saved_data
def _cmd_leaderboard(args: argparse.Namespace, store: Store) -> int:
    t = _translator(args)
    if args.pack is not None:
        _check_pack_is_known(args, store.pack_ids(), args.pack)
    rows = reports.leaderboard_rows(store, args.pack)
    if args.csv:
        # Text-mode stdout turns \n into the platform's line end by itself.
        reports.leaderboard_csv(rows, sys.stdout, lineterminator="\n")
        return EXIT_OK
    if not rows:
        if args.pack and store.team_leaderboard(args.pack, 1):
            line = t.gettext(
                # Translators: {pack} is a pack's id; "High scores" is the game's screen of
                # that name (as translated there); {command} is a command, not translated
                "The pack {pack} has only team results of class games: see them on the "
                "game's High scores screen, or in {command}.",
                pack=args.pack,
                command="clarity results --csv",
            )
            print(terminal_safe(line))
        elif args.pack:
            line = t.gettext("No rounds saved for the pack {pack}.", pack=args.pack)
            print(terminal_safe(line))
        else:
            print(t.gettext("No rounds yet."))
        return EXIT_OK
    for n, pack_id in enumerate(dict.fromkeys(row.pack_id for row in rows)):
        if n:
            print()
        print(terminal_safe(pack_id))
        print(
            _table(
                t,
                (
                    t.gettext("Rank"),
                    t.gettext("Player"),
                    t.gettext("Score"),
                    t.gettext("Medal"),
                    t.gettext("Played"),
                ),
                [
                    (
                        r.rank,
                        r.player_name,
                        r.score,
                        _medal_said(r.medal, t),
                        _when(r.played_at, t),
                    )
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
    t = _translator(args)
    known = sorted({*saved, *(pack.id for pack in installed if pack.id)})
    if known:
        raise Failed(
            t.gettext(
                'there is no pack "{pack}"; the packs are: {packs}',
                pack=pack_id,
                packs=", ".join(known),
            )
        )
    raise Failed(t.gettext('there is no pack "{pack}"; no pack is installed', pack=pack_id))


def _add_trophies(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "trophies",
        _cmd_trophies,
        help=t.gettext("show each player's trophies and progress"),
        description=t.gettext(
            "Show the trophies of every player (or one): the lasting ones with "
            "how far the player has come, then the ones won in a round, with how many times."
        ),
    )
    parser.add_argument("--player", metavar="NAME", help=t.gettext("only this player"))


@_reads_saved_data
def _cmd_trophies(args: argparse.Namespace, store: Store) -> int:
    t = _translator(args)
    if args.player is not None:
        player = store.player_by_name(args.player)
        if player is None:
            raise Failed(t.gettext('there is no player called "{name}"', name=args.player))
        players = [player]
    else:
        players = store.players()
    if not players:
        print(t.gettext("No players yet."))
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
            _table(
                t,
                (
                    t.gettext("Trophy"),
                    t.gettext("Tier"),
                    t.gettext("Won"),
                    t.gettext("Progress"),
                    t.gettext("First won"),
                ),
                [
                    (
                        t.gettext(line.name),
                        _medal_said(line.tier.value, t),
                        # Translators: in the column "Won" of a trophy table
                        t.gettext("yes") if line.earned else "",
                        _progress_said(line, t),
                        _when(line.first_earned_at, t),
                    )
                    for line in reports.trophy_lines(store, player, bundled)
                ],
            )
        )
    return EXIT_OK


def _progress_said(line: Any, t: Translator) -> str:
    """How far a player has come towards a lasting trophy ("30/100"), or how many times
    they won one of a round ("3 times"), numbers as ``t``'s language writes them."""
    if line.lasting:
        return t.gettext(
            # Translators: progress towards a trophy, e.g. "30/100"
            "{current}/{target}",
            current=line.current,
            target=line.target,
        )
    return t.ngettext("{count} time", "{count} times", line.current)


def _add_results(subparsers: Subparsers, t: Translator) -> None:
    parser = _add_command(
        subparsers,
        t,
        "results",
        _cmd_results,
        help=t.gettext("export every saved round, or every answer, to a CSV file"),
        description=t.gettext(
            "Write one row per saved round, per team and member of a class game, and per "
            "student of a game on students' devices (player, pack, date, score, right, wrong, "
            "medal, trophies, timer, time_scale, team, mode, removed) to a CSV file that opens "
            "as it is in Excel or LibreOffice (UTF-8 with a byte-order mark, a header row). "
            "Every student who took part in a game on the devices is there: one the teacher "
            "removed, or who left, after answering or guessing at least once has removed=yes; "
            "a name removed before that (as in the lobby) is left out. With --answers, write "
            "one row per answer instead (date, game, mode, pack, player, team, question, "
            "question_id, response, right, seconds, points, timed_out, removed) of rounds "
            "played alone, class teams and students on their devices. An existing file of "
            "that name is replaced only once the new one is complete."
        ),
    )
    parser.add_argument(
        "--csv", required=True, type=Path, metavar="FILE", help=t.gettext("the CSV file to write")
    )
    parser.add_argument(
        "--answers",
        action="store_true",
        help=t.gettext("write every answer with its time, one row each, instead of the rounds"),
    )


@_reads_saved_data
def _cmd_results(args: argparse.Namespace, store: Store) -> int:
    """The export is written whole or not at all (see :mod:`clarity.atomic_files`); a file
    that cannot be written ends in one line naming it (``main``'s OSError)."""
    t = _translator(args)
    if _is_saved_data(args.csv, _data_dir(args)):
        raise Failed(
            t.gettext(
                "{path} is where the game keeps its saved data: choose another file",
                path=terminal_safe(str(args.csv)),
            )
        )
    # the trophies' names are for the teacher who reads the file, so in their language; the
    # header and the values scripts test (medal, on/off) stay as they are in every language
    from clarity.core.trophies import TROPHIES  # noqa: PLC0415 - only when exporting

    if args.answers:
        count = reports.write_answers_csv(store, args.csv)
        summary = t.ngettext(
            "Wrote {count} answer to {path}",
            "Wrote {count} answers to {path}",
            count,
            path=terminal_safe(str(args.csv)),
        )
    else:
        names = {trophy.id: t.gettext(trophy.name) for trophy in TROPHIES}
        count = reports.write_results_csv(store, args.csv, names)
        summary = t.ngettext(
            "Wrote {count} round to {path}",
            "Wrote {count} rounds to {path}",
            count,
            path=terminal_safe(str(args.csv)),
        )
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
