"""The Teacher Studio's commands: ``clarity import``, ``export``, ``new`` and ``schema``.

They follow :mod:`clarity.cli`'s rules (see its docstring): one small function per
command, registered from :func:`clarity.cli.build_parser`; a problem the teacher can fix is
raised as :class:`~clarity.cli.UsageError` or :class:`~clarity.cli.Failed` and printed as
one line; every word through the command line's translator. The work itself is in
:mod:`clarity.formats` (imported when a command runs: plain ``clarity`` must not wait for
it). Not translated: file names, format names (GIFT, CSV), the ``FILE:LINE:COL:`` of a
problem and a pack's own texts.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from clarity import cli
from clarity.i18n import Translator
from clarity.paths import user_packs_dir
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.settings import SettingsStore, settings_path
from clarity.terminal_text import problem_line, terminal_safe

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.core.scoring import ScoringRules
    from clarity.formats.importing import ImportOutcome, SkippedLine

IMPORT_FORMATS = ("gift", "aiken", "csv", "xlsx", "quizlet", "opentdb", "kahoot")
EXPORT_FORMATS = ("gift", "anki", "html")
TEMPLATES = ("csv",)


def add_commands(subparsers: cli.Subparsers, t: Translator) -> None:
    """Register the Studio's commands on ``subparsers`` (called by ``build_parser``)."""
    for add in (_add_import, _add_export, _add_new, _add_schema, _add_studio):
        add(subparsers, t)


def _say(line: str) -> None:
    print(terminal_safe(line))


# --- clarity import ------------------------------------------------------------------------


def _add_import(subparsers: cli.Subparsers, t: Translator) -> None:
    parser = cli._add_command(
        subparsers,
        t,
        "import",
        _cmd_import,
        help=t.gettext("make a pack from a Moodle, Kahoot, Quizlet, CSV or Open Trivia DB file"),
        description=t.gettext(
            "Make a question pack from other tools' files and put it in your packs folder "
            "(DATA_DIR/packs). Prints the questions imported and every question skipped as "
            "FILE:LINE:COL: skipped: WHY. Exit status: 0 a pack was written, 1 none could "
            "be, 2 bad command line."
        ),
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help=t.gettext("a file to import (never written: --template writes only to -o FILE)"),
    )
    parser.add_argument(
        "--format",
        choices=IMPORT_FORMATS,
        help=t.gettext("the files' format (default: found from each file's content)"),
    )
    parser.add_argument(
        "--image",
        action="extend",
        nargs="+",
        type=Path,
        default=[],
        metavar="PICTURE",
        help=t.gettext(
            "a mystery picture, one round each (default: the game's own default pictures)"
        ),
    )
    parser.add_argument("--id", dest="pack_id", metavar="ID", help=t.gettext("the pack's id"))
    parser.add_argument("--title", metavar="TITLE", help=t.gettext("the pack's title"))
    parser.add_argument(
        "--language",
        metavar="TAG",
        help=t.gettext("the language of the questions, e.g. en, ru, be (default: found)"),
    )
    parser.add_argument(
        "--separator",
        metavar="S",
        help=t.gettext("Quizlet: what separates a term from its definition (tab, comma, ...)"),
    )
    parser.add_argument(
        "--card-separator",
        metavar="S",
        help=t.gettext("Quizlet: what separates the cards (newline, semicolon, ...)"),
    )
    parser.add_argument(
        "--as",
        dest="as_kind",
        choices=("choice", "typed"),
        default="typed",
        help=t.gettext("Quizlet: typed questions, or choices with other cards' answers"),
    )
    parser.add_argument(
        "--force", action="store_true", help=t.gettext("replace a pack file that exists")
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=t.gettext("the file to write")
    )
    parser.add_argument(
        "--template",
        choices=TEMPLATES,
        help=t.gettext(
            "write an empty CSV template with an example row per question type "
            "(to -o FILE, default questions-template.csv here)"
        ),
    )


def _separator(text: str | None) -> str | None:
    """A ``--separator`` or ``--card-separator`` as what it stands for: a name (tab, comma,
    newline, semicolon, \\t) as the Quizlet reader reads it
    (:func:`clarity.formats.quizlet.separator_named`), any other text as it is."""
    from clarity.formats.quizlet import separator_named  # noqa: PLC0415 - only when importing

    return None if text is None else separator_named(text)


def _cmd_import(args: argparse.Namespace) -> int:
    t = cli._translator(args)
    if args.template is not None:
        if args.files:  # a FILE is one to import: never written over by the template
            raise cli.UsageError(
                t.gettext(
                    "--template writes a new file and reads none; name the file to write "
                    "with -o FILE (a FILE given alone is one to import, never written)"
                )
            )
        return _write_template(args, t)
    if not args.files:
        raise cli.UsageError(
            t.gettext("the following arguments are required: {arguments}", arguments="FILE")
        )
    from clarity.formats.importing import (  # noqa: PLC0415 - only when importing
        FORMAT_NAMES,
        ImportRefused,
        ImportRequest,
        import_files,
    )

    for separator in (args.separator, args.card_separator):
        if separator is not None and not _separator(separator):
            raise cli.UsageError(t.gettext("a separator cannot be empty"))
    request = ImportRequest(
        files=tuple(args.files),
        packs_dir=user_packs_dir(cli._data_dir(args)),
        assets_dir=bundled_assets_dir(),
        format=args.format,
        images=tuple(args.image),
        pack_id=args.pack_id,
        title=args.title,
        language=args.language,
        output=args.output,
        term_separator=_separator(args.separator),
        card_separator=_separator(args.card_separator),
        as_choice=args.as_kind == "choice",
        replace=args.force,
        comment=_comment(args.files),
        from_command_line=True,  # its messages may name the options given here
    )
    try:
        outcome = import_files(request)
    except ImportRefused as refused:
        _print_skipped(refused.skipped, t)
        raise cli.Failed(refused.said) from None
    _print_outcome(outcome, t, FORMAT_NAMES)
    return cli.EXIT_OK


def _comment(files: list[Path]) -> str:
    """The pack file's head: where its questions came from, and when (the day, here: the
    import itself reads no clock). English, as the pack's YAML keys are."""
    from datetime import date  # noqa: PLC0415

    names = ", ".join(path.name for path in files)
    return f"Imported with clarity import from {names} on {date.today().isoformat()}"


def _print_outcome(outcome: ImportOutcome, t: Translator, names: dict[str, str]) -> None:
    _say(
        t.ngettext(
            # Translators: {file} is the pack file's path, {title} its title
            'wrote {file}: "{title}", {count} question',
            'wrote {file}: "{title}", {count} questions',
            outcome.imported,
            file=str(outcome.pack_path),
            title=outcome.title,
        )
    )
    for path, fmt, count in outcome.per_file:
        _say(
            t.ngettext(
                # Translators: {format} is a format's name: GIFT, Aiken, CSV ...
                "  {file} ({format}): {count} question imported",
                "  {file} ({format}): {count} questions imported",
                count,
                file=str(path),
                format=names.get(fmt, fmt),
            )
        )
    _print_skipped(outcome.skipped, t)
    for said in outcome.said:
        _say(t.render(said))
    for problem in outcome.loaded.warnings:
        _say(problem_line(problem, t))
    files = outcome.files_skipped
    skipped = sum(1 for line in outcome.skipped if line.kind == "skipped" and line not in files)
    if skipped:
        _say(t.ngettext("{count} question skipped", "{count} questions skipped", skipped))
    if files:
        _say(
            t.ngettext(
                "{count} file gave no question", "{count} files gave no question", len(files)
            )
        )


def _print_skipped(lines: tuple[SkippedLine, ...], t: Translator) -> None:
    for line in lines:
        place = f"{line.path}:{line.line}:{line.column}"
        if line.kind == "skipped":
            # Translators: {place} is FILE:LINE:COL, kept as it is
            text = t.gettext("{place}: skipped: {reason}", place=place, reason=line.reason)
        else:
            text = t.gettext("{place}: note: {reason}", place=place, reason=line.reason)
        _say(text)


def _write_template(args: argparse.Namespace, t: Translator) -> int:
    from clarity.atomic_files import write_replacing  # noqa: PLC0415
    from clarity.formats.table import csv_template  # noqa: PLC0415

    target: Path = args.output or Path("questions-template.csv")
    _refuse_existing(target, args.force, t)
    # With a byte-order mark: Excel then opens the Cyrillic of a teacher's rows as UTF-8.
    text = csv_template()
    write_replacing(target, (text if text.startswith("\ufeff") else "\ufeff" + text).encode())
    _say(t.gettext("wrote {file}", file=str(target)))
    return cli.EXIT_OK


def _refuse_existing(target: Path, force: bool, t: Translator) -> None:
    if target.is_dir():
        raise cli.Failed(t.gettext("{file} is a folder, not a file", file=str(target)))
    if target.exists() and not force:
        raise cli.Failed(
            t.gettext("{file} already exists; give --force to replace it", file=str(target))
        )


# --- clarity export ------------------------------------------------------------------------


def _add_export(subparsers: cli.Subparsers, t: Translator) -> None:
    # Not cli._add_command: export takes the rule options of the commands that play (the
    # web page plays), without the window's options.
    parser = subparsers.add_parser(
        "export",
        parents=[cli._common_options(t), cli._rule_overrides(t)],
        help=t.gettext("write a pack for Moodle (GIFT), Anki or as a web page that plays it"),
        description=t.gettext(
            "Write a pack as GIFT (Moodle's question bank), an Anki deck (.apkg) or one "
            "HTML file that plays the game in a browser, offline. PACK is a pack file or "
            "the id of an installed pack."
        )
        + " "
        + t.gettext(
            "The web page scores with the game's rules: your saved settings (the timer, "
            "the time per question, the streak bonus), less what --no-timer and "
            "--no-streaks take off. The page also lets its player choose the time per question."
        ),
        translator=t,
    )
    parser.set_defaults(func=_cmd_export, command_parser=parser)
    parser.add_argument("pack", metavar="PACK", help=t.gettext("a pack file or an installed id"))
    parser.add_argument(
        "--format", required=True, choices=EXPORT_FORMATS, help=t.gettext("what to write")
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help=t.gettext("the file to write (default: ID.gift, ID.apkg or ID.html here)"),
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=t.gettext("replace the file to write if it exists (never the pack or its pictures)"),
    )


def _cmd_export(args: argparse.Namespace) -> int:
    t = cli._translator(args)
    from clarity.formats.exporting import (  # noqa: PLC0415 - only when exporting
        ExportRefused,
        default_export_name,
        export_losses,
        export_pack,
        into_packs_folder,
        overwrites_pack,
    )

    loaded = _pack_named(args, t)
    target: Path = args.output or Path(default_export_name(loaded.id, args.format))
    clash = overwrites_pack(loaded, target)  # even with --force: the pack would be lost
    if clash is None:  # nor another pack, its picture, or a file the game takes for a pack
        folders = [*cli._installed_pack_folders(args, extra=()), bundled_assets_dir()]
        clash = into_packs_folder(target, folders)
    if clash is not None:
        raise cli.Failed(clash)
    _refuse_existing(target, args.force, t)
    rules = _web_rules(args) if args.format == "html" else None
    try:
        export_pack(loaded, args.format, target, rules=rules)
    except ExportRefused as refused:
        raise cli.Failed(refused.said) from None
    pack = loaded.pack
    count = len(pack.questions) if pack is not None else 0
    _say(
        t.ngettext(
            "wrote {file}: {count} question",
            "wrote {file}: {count} questions",
            count,
            file=str(target),
        )
    )
    for lost in export_losses(loaded, args.format, target):  # what the format cannot hold
        _say(t.render(lost))
    return cli.EXIT_OK


def _web_rules(args: argparse.Namespace) -> ScoringRules:
    """The rules the web page plays with: those ``clarity play`` would play with now (the
    saved settings, ``--no-timer`` and ``--no-streaks`` over them), made by the one rule
    the game uses (:meth:`clarity.settings.RulesSettings.scoring_rules`), so the page and
    the desktop game cannot differ. A problem in the settings file is said on stderr, a
    line each, as when the game starts; that setting keeps its default."""
    loaded = SettingsStore(settings_path(cli._config_dir(args))).load()
    for problem in loaded.problems:
        line = problem_line(problem, args.translator)
        print(terminal_safe(f"{cli.PROG}: {line}"), file=sys.stderr)
    return loaded.settings.rules.scoring_rules(timer=args.timer, streaks=args.streaks)


def _pack_named(args: argparse.Namespace, t: Translator) -> LoadedPack:
    """The pack ``args.pack`` names (:func:`pack_found`); one with errors is refused with
    its problems."""
    loaded = pack_found(args, t)
    if not loaded.ok:
        for problem in loaded.errors:
            _say(problem_line(problem, t))
        raise cli.Failed(
            t.gettext("{file} has errors; fix them and export again", file=str(loaded.path))
        )
    return loaded


def pack_found(args: argparse.Namespace, t: Translator) -> LoadedPack:
    """The pack ``args.pack`` names: an existing file, else an installed pack's id (a
    folder of that name is not the pack), else nothing: refused. It may have errors
    (shared by the commands that read a pack: export, print)."""
    if not args.pack:
        raise cli.UsageError(t.gettext("PACK is empty; give an installed pack's id or a pack file"))
    written = Path(args.pack)
    if written.is_file():
        loaded = cli.load_packs([written], assets_dir=bundled_assets_dir())[0]
    else:
        folders = cli._installed_pack_folders(args, extra=())
        found = [
            pack
            for pack in cli.discover_packs(folders, assets_dir=bundled_assets_dir())
            if pack.id == args.pack
        ]
        if found:
            loaded = next((pack for pack in found if pack.ok), found[0])
        elif written.is_dir():
            raise cli.UsageError(t.gettext("{path} is a folder, not a pack file", path=written))
        elif written.exists():  # a named pipe, /dev/stdin: read as a pack file
            loaded = cli.load_packs([written], assets_dir=bundled_assets_dir())[0]
        else:
            raise cli.Failed(
                t.gettext(
                    "{pack}: no such pack file, and no installed pack has this id; "
                    "see clarity packs",
                    pack=args.pack,
                )
            )
    return loaded


# --- clarity new and clarity schema --------------------------------------------------------


def _add_new(subparsers: cli.Subparsers, t: Translator) -> None:
    parser = cli._add_command(
        subparsers,
        t,
        "new",
        _cmd_new,
        help=t.gettext("start a pack: a file with an example of each question type"),
        description=t.gettext(
            "Write a new pack file (default: DATA_DIR/packs/ID.yaml) with one example of each "
            "question type and a round, explained in comments, that plays as it is; and the "
            "schema beside it, for editors."
        ),
    )
    parser.add_argument("pack_id", metavar="ID", help=t.gettext("the new pack's id"))
    parser.add_argument("--title", metavar="TITLE", help=t.gettext("the pack's title"))
    parser.add_argument(
        "--language", default="en", metavar="TAG", help=t.gettext("the questions' language")
    )
    parser.add_argument(
        "--force", action="store_true", help=t.gettext("replace a pack file that exists")
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=t.gettext("the file to write")
    )


def _cmd_new(args: argparse.Namespace) -> int:
    t = cli._translator(args)
    from clarity.atomic_files import write_replacing  # noqa: PLC0415
    from clarity.formats.importing import pack_id_problem  # noqa: PLC0415
    from clarity.formats.pack_files import new_pack_text, refresh_schema  # noqa: PLC0415
    from clarity.formats.pack_yaml import SCHEMA_FILE_NAME  # noqa: PLC0415
    from clarity.formats.slugs import readable_name  # noqa: PLC0415

    problem = pack_id_problem(args.pack_id)
    if problem is not None:
        raise cli.UsageError(t.render(problem))
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", args.language):
        raise cli.UsageError(
            t.gettext(
                "{value} is not a language tag; write one such as en, ru or be",
                value=args.language,
            )
        )
    title = _new_title(args, readable_name(args.pack_id), t)
    packs_dir = user_packs_dir(cli._data_dir(args))
    target: Path = args.output or packs_dir / f"{args.pack_id}.yaml"
    _refuse_existing(target, args.force, t)
    _refuse_taken_id(args.pack_id, target, packs_dir, t)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = new_pack_text(
        args.pack_id,
        title,
        args.language,
        comments=t,
        examples=_examples_translator(args.language),
    )
    write_replacing(target, text.encode("utf-8"))
    refresh_schema(target.parent / SCHEMA_FILE_NAME)
    _say(t.gettext("wrote {file}; check it with: clarity validate {file}", file=str(target)))
    return cli.EXIT_OK


def _new_title(args: argparse.Namespace, default: str, t: Translator) -> str:
    """``--title`` as the pack will hold it, refused (with the pack validator's own words
    and limits) when the pack would not validate; the id made readable when not given."""
    from clarity.formats.pack_files import title_problem  # noqa: PLC0415

    if args.title is None:
        return default
    problem = title_problem(args.title)
    if problem is not None:
        raise cli.UsageError(t.gettext("{field}: {problem}", field="--title", problem=problem))
    return " ".join(args.title.split())


def _refuse_taken_id(pack_id: str, target: Path, packs_dir: Path, t: Translator) -> None:
    """A pack id the game's own packs have, or (for a file in the packs folder) another
    pack there has, is refused: the game would list the new pack as broken."""
    from clarity.formats.importing import pack_ids_in  # noqa: PLC0415

    if pack_id in pack_ids_in(bundled_questions_dir()):
        raise cli.Failed(
            t.gettext(
                '"{id}" is the id of a pack that comes with the game; choose another id',
                id=pack_id,
            )
        )
    try:
        in_packs_folder = target.parent.resolve() == packs_dir.resolve()
    except OSError:
        in_packs_folder = False
    other = pack_ids_in(packs_dir).get(pack_id) if in_packs_folder else None
    if other is not None and not (target.exists() and other.samefile(target)):
        raise cli.Failed(
            t.gettext(
                'the id "{id}" is already used by {file}; choose another id',
                id=pack_id,
                file=str(other),
            )
        )


def _examples_translator(language: str) -> Translator | None:
    """The translator that writes a new pack's examples in its ``language`` (one of the
    game's languages, by its primary subtag), else None: English examples."""
    from clarity.i18n import LANGUAGES, translator_for  # noqa: PLC0415

    primary = language.split("-", 1)[0].lower()
    return translator_for(primary) if primary in LANGUAGES else None


def _add_schema(subparsers: cli.Subparsers, t: Translator) -> None:
    parser = cli._add_command(
        subparsers,
        t,
        "schema",
        _cmd_schema,
        help=t.gettext("write the JSON Schema of pack files, for editors"),
        description=t.gettext(
            "Write the JSON Schema of pack files (default: DATA_DIR/packs/pack.schema.json), "
            "which editors with the YAML language server use to complete and check a pack "
            "whose first line names it."
        ),
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=t.gettext("the file to write")
    )


def _cmd_schema(args: argparse.Namespace) -> int:
    t = cli._translator(args)
    from clarity.formats.pack_files import write_schema  # noqa: PLC0415
    from clarity.formats.pack_yaml import SCHEMA_FILE_NAME  # noqa: PLC0415

    target: Path = args.output or user_packs_dir(cli._data_dir(args)) / SCHEMA_FILE_NAME
    if args.output is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    write_schema(target)
    _say(t.gettext("wrote {file}", file=str(target)))
    return cli.EXIT_OK


# --- clarity studio ------------------------------------------------------------------------


def _add_studio(subparsers: cli.Subparsers, t: Translator) -> None:
    parser = cli._add_command(
        subparsers,
        t,
        "studio",
        _cmd_studio,
        help=t.gettext("make and edit packs in your browser: the Teacher Studio"),
        description=t.gettext(
            "Serve the Teacher Studio on this computer only (127.0.0.1) at an address with a "
            "secret in it, print it as 'studio: URL' and open it in your browser. It edits "
            "the packs in DATA_DIR/packs; the game's own packs can be copied there. Ctrl+C "
            "ends it."
        ),
    )
    cli._add_port_option(
        parser, t, t.gettext("the port to listen on (default: any free one)"), default=0
    )
    parser.add_argument(
        "--no-browser",
        dest="browser",
        action="store_false",
        help=t.gettext("only print the address; do not open the browser"),
    )
    parser.add_argument(
        "--exit-with-parent",
        action="store_true",
        help=t.gettext(
            "end when standard input closes: the game that starts the studio gives it a pipe, "
            "so the studio ends with the game, however the game ends"
        ),
    )


def _cmd_studio(args: argparse.Namespace) -> int:
    """``clarity studio``: the studio's server until Ctrl+C (or SIGTERM, from the game that
    started it; with ``--exit-with-parent``, also until its standard input ends: the game's
    end of the pipe closes when the game ends, even killed); its address on stdout as
    ``studio: URL`` (not translated: the game reads it), flushed at once."""
    import asyncio  # noqa: PLC0415
    import errno  # noqa: PLC0415
    import secrets  # noqa: PLC0415
    import signal  # noqa: PLC0415

    from clarity.studio.server import (  # noqa: PLC0415
        StudioServer,
        serve,
        stop_at_end_of_input,
        stop_on_signals,
    )
    from clarity.studio.workspace import Workspace  # noqa: PLC0415

    t = cli._translator(args)
    data = cli._game_data_dir(args)
    packs_dir = user_packs_dir(data)
    try:
        packs_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cli.Failed(
            t.gettext(
                "the packs folder {folder} cannot be made: {reason}",
                folder=str(packs_dir),
                reason=error.strerror or str(error),
            )
        ) from None
    workspace = Workspace(packs_dir, [bundled_questions_dir()], bundled_assets_dir(), data)
    given_config = getattr(args, "config_dir", None)
    server = StudioServer(
        workspace,
        translator=t,
        token=secrets.token_urlsafe(24),
        rules=_studio_rules(args),
        config_dir=cli._config_dir(args) if given_config else None,
        game_open=args.exit_with_parent,
    )

    def announce(url: str) -> None:
        print(f"studio: {url}", flush=True)
        if args.browser:
            import webbrowser  # noqa: PLC0415

            with contextlib.suppress(Exception):
                webbrowser.open(url)

    async def run() -> None:
        stop = asyncio.Event()
        stop_on_signals(stop, [signal.SIGTERM])
        stdin = getattr(sys.stdin, "buffer", None)  # None: started without one (pythonw)
        if args.exit_with_parent and stdin is not None:
            stop_at_end_of_input(stop, stdin)
        await serve(server, args.port, announce=announce, stop=stop)

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        return cli.EXIT_OK  # Ctrl+C is how the studio ends
    except OSError as error:
        if error.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise cli.Failed(
                t.gettext(
                    "port {port} is in use; choose another with --port, or leave it out "
                    "for any free one",
                    port=str(args.port),
                )
            ) from None
        raise
    return cli.EXIT_OK


def _studio_rules(args: argparse.Namespace) -> ScoringRules:
    """The rules the studio's web game plays with: the saved settings', as ``clarity
    export --format html`` (:func:`_web_rules`) with neither --no-timer nor --no-streaks."""
    return _web_rules(argparse.Namespace(**{**vars(args), "timer": True, "streaks": True}))
