"""``clarity report``: the class report, from every saved answer: per question how often it
was asked, the share answered right, the average time and the wrong answer chosen most,
hardest first; per player their rounds, accuracy and the questions they miss most.

It follows :mod:`clarity.cli`'s rules: registered from :func:`clarity.cli.build_parser`,
reads the store only (:func:`clarity.cli._reads_saved_data`: a missing or damaged store is
one line), every word through the command line's translator. The figures are
:mod:`clarity.store.question_stats`'; the PDF is :mod:`clarity.printing.class_report`'s.
The store keeps no question's prompt: it is taken from the installed pack where the pack
still has the question (its id otherwise), as is whether it is a true/false question (its
answers are kept as "true" and "false"; the text and the PDF word them as the sheets do,
True and False in the teacher's language) and the pack's title (the PDF's Pack column).
Not translated: the CSV (a header and values that scripts and spreadsheets read by name),
pack ids, the pack's own texts, players' names. The PDF is dated the day the command runs
(read here, passed to the page).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from clarity import cli
from clarity.i18n import Translator
from clarity.resources import bundled_assets_dir
from clarity.terminal_text import display_width, terminal_safe

if TYPE_CHECKING:
    from clarity.store import Store
    from clarity.store.question_stats import ClassReport, QuestionFigures

PROMPT_SHOWN = 48  # characters of a prompt in a terminal table
# The PDF's questions: the hardest this many, so that the page for a parents' evening stays
# one or two pages however many questions the class has met (the text and CSV give them all).
HARDEST_PRINTED = 15
CSV_HEADER = (
    "kind",
    "pack_id",
    "question_id",
    "prompt",
    "player",
    "rounds",
    "asked",
    "right",
    "share_right",
    "average_seconds",
    "top_wrong",
    "top_wrong_count",
    "missed",
)


def add_commands(subparsers: cli.Subparsers, t: Translator) -> None:
    """Register ``clarity report`` on ``subparsers`` (called by ``build_parser``)."""
    parser = cli._add_command(
        subparsers,
        t,
        "report",
        _cmd_report,
        help=t.gettext("show the class report: the hardest questions and each player's figures"),
        description=t.gettext(
            "Show, from every saved answer, each question's times asked, share of right "
            "answers, average time and most chosen wrong answer, hardest first; and each "
            "player's rounds, accuracy and the questions they miss most."
        ),
    )
    cli._add_pack_option(parser, t.gettext("only this pack (default: every pack)"))
    parser.add_argument("--player", metavar="NAME", help=t.gettext("only this player"))
    parser.add_argument(
        "--csv", action="store_true", help=t.gettext("print CSV (for a file: > report.csv)")
    )
    parser.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE",
        help=t.gettext("write the report as a PDF to print (one or two pages)"),
    )


@cli._reads_saved_data
def _cmd_report(args: argparse.Namespace, store: Store) -> int:
    t = cli._translator(args)
    if args.pack is not None:
        cli._check_pack_is_known(args, store.pack_ids(), args.pack)
    if args.player is not None and store.player_by_name(args.player) is None:
        raise cli.Failed(t.gettext('there is no player "{name}"', name=args.player))
    if args.pdf is not None and cli._is_saved_data(args.pdf, cli._data_dir(args)):
        raise cli.Failed(
            t.gettext(
                "{path} is where the game keeps its saved data: choose another file",
                path=terminal_safe(str(args.pdf)),
            )
        )
    report = store.class_report(pack_id=args.pack, player=args.player)
    known = _known_questions(args)
    prompts = known.prompts
    if args.csv:
        _write_csv(report, prompts, sys.stdout)
        return cli.EXIT_OK
    if not report.answers:
        print(terminal_safe(_nothing_said(args, t)))
        return cli.EXIT_OK
    if args.pdf is not None:
        pages = _write_pdf(report, known, args, t, today=dt.date.today())
        print(
            terminal_safe(
                t.ngettext(
                    "Wrote the class report ({count} page) to {path}",
                    "Wrote the class report ({count} pages) to {path}",
                    pages,
                    path=str(args.pdf),
                )
            )
        )
        return cli.EXIT_OK
    _print_text(report, known, args, t)
    return cli.EXIT_OK


def _nothing_said(args: argparse.Namespace, t: Translator) -> str:
    if args.player is not None and args.pack is not None:
        return t.gettext(
            "No answers saved for {name} in the pack {pack}.", name=args.player, pack=args.pack
        )
    if args.player is not None:
        return t.gettext("No answers saved for {name}.", name=args.player)
    if args.pack is not None:
        return t.gettext("No answers saved for the pack {pack}.", pack=args.pack)
    return t.gettext("No answers saved yet.")


@dataclass(frozen=True)
class _Known:
    """What the installed packs say of the report's questions: (pack id, question id) ->
    the prompt; the true/false questions among them; pack id -> the pack's title."""

    prompts: dict[tuple[str, str], str] = field(default_factory=dict)
    true_false: frozenset[tuple[str, str]] = frozenset()
    titles: dict[str, str] = field(default_factory=dict)


def _known_questions(args: argparse.Namespace) -> _Known:
    """The prompts, true/false questions and titles of the installed packs (bundled first)."""
    from clarity.core.packs.loader import discover_packs  # noqa: PLC0415 - only here
    from clarity.core.packs.models import TrueFalseQuestion  # noqa: PLC0415

    found = [
        loaded.pack
        for loaded in discover_packs(
            cli._installed_pack_folders(args, extra=()), assets_dir=bundled_assets_dir()
        )
        if loaded.pack is not None
    ]
    questions = [(pack.id, q) for pack in found for q in pack.questions if q.id is not None]
    titles: dict[str, str] = {}
    for pack in found:
        titles.setdefault(pack.id, pack.title)  # the first found, as the game plays it
    return _Known(
        prompts={(pack, q.id): q.prompt for pack, q in questions if q.id is not None},
        true_false=frozenset(
            (pack, q.id)
            for pack, q in questions
            if q.id is not None and isinstance(q, TrueFalseQuestion)
        ),
        titles=titles,
    )


def _question_said(prompts: Mapping[tuple[str, str], str], pack: str, question: str) -> str:
    return prompts.get((pack, question), question)


def _shortened(text: str, limit: int = PROMPT_SHOWN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _percent(share: float, t: Translator) -> str:
    # Translators: a share of right answers; {percent} is a number such as 75
    return t.gettext("{percent}%", percent=t.number(round(share * 100)))


def _seconds(seconds: float, t: Translator) -> str:
    # Translators: an average time in seconds, such as "4.5 s"
    return t.gettext("{seconds} s", seconds=t.number(seconds, 1))


def _wrong_said(question: QuestionFigures, known: _Known, t: Translator) -> str:
    """The wrong answer chosen most and how often; a true/false question's as its sheets
    word it (True, False in the teacher's language), not as the store keeps it."""
    top, count = question.top_wrong, question.top_wrong_count
    if top is None:
        return ""
    if (question.pack_id, question.question_id) in known.true_false:
        top = {"true": t.gettext("True"), "false": t.gettext("False")}.get(top.casefold(), top)
    return f"{top} (×{t.number(count)})"


def _missed_said(
    missed: tuple[tuple[str, str, int], ...],
    prompts: Mapping[tuple[str, str], str],
    t: Translator,
    *,
    limit: int | None = PROMPT_SHOWN,
    separator: str = "; ",
) -> str:
    return separator.join(
        f"{_shortened(_question_said(prompts, pack, q), limit or 10**6)} (×{t.number(n)})"
        for pack, q, n in missed
    )


def _question_rows(
    report: ClassReport,
    known: _Known,
    t: Translator,
    *,
    every: bool,
    limit: int | None,
    titles: bool = False,
) -> list[list[object]]:
    """A row per question; its pack (when ``every`` pack is shown) by its id, or by its
    title where the pack is installed when ``titles``."""
    return [
        [
            *([known.titles.get(q.pack_id, q.pack_id) if titles else q.pack_id] if every else []),
            _shortened(_question_said(known.prompts, q.pack_id, q.question_id), limit or 10**6),
            q.asked,
            _percent(q.share_right, t),
            _seconds(q.average_seconds, t),
            _wrong_said(q, known, t),
        ]
        for q in report.questions
    ]


def _question_header(t: Translator, *, every: bool) -> list[str]:
    return [
        *([t.gettext("Pack")] if every else []),
        t.gettext("Question"),
        t.gettext("Asked"),
        t.gettext("Right"),
        t.gettext("Average time"),
        t.gettext("Most chosen wrong answer"),
    ]


def _player_header(t: Translator) -> list[str]:
    return [
        t.gettext("Player"),
        t.gettext("Rounds"),
        t.gettext("Answers"),
        t.gettext("Accuracy"),
        t.gettext("Missed most"),
    ]


def _player_rows(
    report: ClassReport,
    prompts: Mapping[tuple[str, str], str],
    t: Translator,
    *,
    limit: int | None,
) -> list[list[object]]:
    return [
        [
            p.name,
            p.rounds,
            p.answers,
            _percent(p.accuracy, t),
            _missed_said(p.missed, prompts, t, limit=limit, separator="; " if limit else "\n"),
        ]
        for p in report.players
    ]


def _right_aligned(
    header: list[str], rows: list[list[object]], columns: tuple[int, ...]
) -> list[list[object]]:
    """``rows`` with the text ``columns`` (a percentage, a time) padded on the left to the
    column's width, so that they line up on the right as the table's numbers do."""
    for column in columns:
        cells = [header[column], *(str(row[column]) for row in rows)]
        width = max(display_width(cell) for cell in cells)
        for row in rows:
            text = str(row[column])
            row[column] = " " * (width - display_width(text)) + text
    return rows


def _unidentified_said(report: ClassReport, t: Translator) -> str | None:
    if not report.unidentified:
        return None
    return t.ngettext(
        "{count} answer was to a question without an id: it counts for its player only.",
        "{count} answers were to questions without an id: they count for their players only.",
        report.unidentified,
    )


def _print_text(
    report: ClassReport,
    known: _Known,
    args: argparse.Namespace,
    t: Translator,
) -> None:
    every = args.pack is None
    prompts = known.prompts
    if report.questions:
        print(t.gettext("Hardest questions first"))
        rows = _question_rows(report, known, t, every=every, limit=PROMPT_SHOWN)
        first = 3 if every else 2  # the share right and the average time, numbers
        header = _question_header(t, every=every)
        print(cli._table(t, header, _right_aligned(header, rows, (first, first + 1))))
        print()
    print(t.gettext("Players"))
    header = _player_header(t)
    rows = _right_aligned(header, _player_rows(report, prompts, t, limit=PROMPT_SHOWN), (3,))
    print(cli._table(t, header, rows))
    said = _unidentified_said(report, t)
    if said is not None:
        print()
        print(said)


def _write_csv(report: ClassReport, prompts: Mapping[tuple[str, str], str], out: TextIO) -> None:
    """The report as one CSV table (header :data:`CSV_HEADER`, English in every language):
    a ``question`` row per question (hardest first), a ``player`` row per player (``asked``:
    their answers, ``share_right``: their accuracy) followed by a ``missed`` row per
    question they miss most (``missed``: how often). Shares are fractions 0..1; text cells
    are made formula-safe as every CSV of the game's
    (:func:`clarity.store.reports.spreadsheet_row`)."""
    from clarity.store import reports  # noqa: PLC0415 - only for the CSV

    writer = reports.spreadsheet_writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)

    def row(**cells: object) -> list[str | int | float]:
        return reports.spreadsheet_row(cells.get(name) for name in CSV_HEADER)  # type: ignore[misc]

    for q in report.questions:
        writer.writerow(
            row(
                kind="question",
                pack_id=q.pack_id,
                question_id=q.question_id,
                prompt=prompts.get((q.pack_id, q.question_id)),
                asked=q.asked,
                right=q.right,
                share_right=round(q.share_right, 4),
                average_seconds=round(q.average_seconds, 2),
                top_wrong=q.top_wrong,
                top_wrong_count=q.top_wrong_count,
            )
        )
    for p in report.players:
        writer.writerow(
            row(
                kind="player",
                player=p.name,
                rounds=p.rounds,
                asked=p.answers,
                right=p.right,
                share_right=round(p.accuracy, 4),
            )
        )
        for pack, question, n in p.missed:
            writer.writerow(
                row(
                    kind="missed",
                    player=p.name,
                    pack_id=pack,
                    question_id=question,
                    prompt=prompts.get((pack, question)),
                    missed=n,
                )
            )


def _write_pdf(
    report: ClassReport,
    known: _Known,
    args: argparse.Namespace,
    t: Translator,
    *,
    today: dt.date,
) -> int:
    """Write the PDF to ``args.pdf``, dated ``today``; returns its pages. The packs go by
    their titles where they are installed."""
    from clarity.printing.class_report import Table, write_class_report  # noqa: PLC0415
    from clarity.printing.document import PageStyle  # noqa: PLC0415

    every = args.pack is None
    tables = []
    if report.questions:
        rows = _question_rows(report, known, t, every=every, limit=None, titles=True)
        rows = rows[:HARDEST_PRINTED]
        title = t.gettext("Hardest questions first")
        if len(report.questions) > HARDEST_PRINTED:
            title = t.ngettext(
                "The {shown} hardest of {count} question",
                "The {shown} hardest of {count} questions",
                len(report.questions),
                shown=t.number(HARDEST_PRINTED),
            )
        widths = [0.14, 0.40, 0.08, 0.08, 0.10, 0.20] if every else [0.50, 0.09, 0.09, 0.10, 0.22]
        tables.append(
            Table(
                title=title,
                header=_question_header(t, every=every),
                rows=[[_cell(c, t) for c in r] for r in rows],
                widths=widths,
                aligns=["L"] * (len(widths) - 5) + ["L", "R", "R", "R", "L"],
            )
        )
    tables.append(
        Table(
            title=t.gettext("Players"),
            header=_player_header(t),
            rows=[
                [_cell(c, t) for c in r] for r in _player_rows(report, known.prompts, t, limit=None)
            ],
            widths=[0.20, 0.09, 0.10, 0.12, 0.49],
            aligns=["L", "R", "R", "R", "L"],
        )
    )
    title = t.gettext("Class report")
    if args.pack is not None:
        title = t.gettext("Class report: {pack}", pack=known.titles.get(args.pack, args.pack))
    subtitle = t.ngettext(
        "From {count} saved answer.", "From {count} saved answers.", report.answers
    )
    if args.player is not None:
        subtitle = f"{args.player}. {subtitle}"
    style = PageStyle(language=t.language)
    # Translators: the class report's date, the day it was printed
    dated = t.gettext("Made on {date}", date=t.date(today))
    return write_class_report(
        args.pdf, style, title=title, subtitle=subtitle, dated=dated, tables=tables
    )


def _cell(value: object, t: Translator) -> str:
    return t.number(value) if isinstance(value, int) else str(value)
