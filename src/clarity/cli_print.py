"""``clarity print``: a pack's flashcards, worksheet or exam (with its answer key) as a PDF.

It follows :mod:`clarity.cli`'s rules (see its docstring): registered from
:func:`clarity.cli.build_parser`; a problem the teacher can fix is raised as
:class:`~clarity.cli.UsageError` or :class:`~clarity.cli.Failed` and printed as one line;
every word through the command line's translator. The documents are made by
:mod:`clarity.printing` (imported when the command runs: fpdf2 costs plain ``clarity``
nothing), and written whole or not at all. The pack is found as ``clarity export`` finds it
(:func:`clarity.cli_studio.pack_found`).

An exam's choices are shuffled by ``--seed``: the same seed prints the same exam, another
seed another version. Without ``--seed`` a version number is drawn and said, so the
teacher can print that version again; the key names it too.
"""

from __future__ import annotations

import argparse
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from clarity import cli, cli_studio
from clarity.i18n import Translator
from clarity.terminal_text import problem_line

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.printing.document import Document

KINDS = ("flashcards", "worksheet", "exam")
PAPERS = ("a4", "letter")
#: A version drawn when no --seed is given: short enough to say and type again.
DRAWN_SEEDS = 10_000


def add_commands(subparsers: cli.Subparsers, t: Translator) -> None:
    """Register ``clarity print`` on ``subparsers`` (called by ``build_parser``)."""
    parser = cli._add_command(
        subparsers,
        t,
        "print",
        _cmd_print,
        help=t.gettext("print a pack as flashcards, a worksheet or an exam (PDF)"),
        description=t.gettext(
            "Write a PDF to print from a pack: flashcards to cut out (answers on the back, "
            "for long-edge double-sided printing), a worksheet, or an exam whose choices "
            "are shuffled by --seed, with --key its answer key on pages of its own. PACK is "
            "a pack file or the id of an installed pack."
        ),
    )
    parser.add_argument("pack", metavar="PACK", help=t.gettext("a pack file or an installed id"))
    kind = parser.add_mutually_exclusive_group(required=True)
    for name, said in (
        ("flashcards", t.gettext("cards to cut out: the question in front, the answer behind")),
        ("worksheet", t.gettext("the questions with boxes to tick and lines to write on")),
        ("exam", t.gettext("a worksheet with points, its choices shuffled by --seed")),
    ):
        kind.add_argument(f"--{name}", dest="kind", action="store_const", const=name, help=said)
    parser.add_argument(
        "--key",
        action="store_true",
        help=t.gettext("with --exam: the answer key on pages of its own, naming the seed"),
    )
    parser.add_argument(
        "--paper", choices=PAPERS, default="a4", help=t.gettext("the paper size (default: a4)")
    )
    parser.add_argument(
        "--questions",
        type=_count(t),
        metavar="N",
        help=t.gettext("only N of the questions (default: all)"),
    )
    parser.add_argument(
        "--seed",
        type=_seed(t),
        metavar="N",
        help=t.gettext("the exam's version: the same seed, the same exam (default: drawn)"),
    )
    parser.add_argument("--title", metavar="TEXT", help=t.gettext("the title on the pages"))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE.pdf",
        help=t.gettext("the file to write (default: ID-flashcards.pdf, ID-exam.pdf... here)"),
    )
    parser.add_argument(
        "--force", action="store_true", help=t.gettext("replace the file to write if it exists")
    )


def _count(t: Translator) -> Callable[[str], int]:
    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1:
            raise argparse.ArgumentTypeError(
                t.gettext("{value} is not a number of questions (1 or more)", value=text)
            )
        return value

    return count


def _seed(t: Translator) -> Callable[[str], int]:
    def seed(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = -1
        if value < 0:
            raise argparse.ArgumentTypeError(
                t.gettext("{value} is not a seed (a whole number, 0 or more)", value=text)
            )
        return value

    return seed


def _cmd_print(args: argparse.Namespace) -> int:
    t = cli._translator(args)
    if args.key and args.kind != "exam":
        # a worksheet's answers are the exam's key (seed 0 keeps the pack's order) or
        # the flashcards' backs; one key, for one thing, keeps the command plain
        raise cli.UsageError(t.gettext("--key goes with --exam"))
    loaded = cli_studio.pack_found(args, t)
    if not loaded.ok or loaded.pack is None:
        for problem in loaded.errors:
            cli_studio._say(problem_line(problem, t))
        raise cli.Failed(
            t.gettext("{file} has errors; fix them and print again", file=str(loaded.path))
        )
    from clarity.printing.pack_print import printout_name  # noqa: PLC0415 - when printing

    target = _pdf_target(args.output, t) or Path(printout_name(loaded.id, args.kind))
    cli_studio._refuse_existing(target, args.force, t)
    warnings: list[str] = []
    _document(args, loaded, t, warnings).save(target)
    total = len(loaded.pack.questions)
    count = total
    if args.questions is not None and args.kind != "flashcards":
        count = min(count, args.questions)
    cli_studio._say(
        t.ngettext(
            "wrote {file}: {count} question",
            "wrote {file}: {count} questions",
            count,
            file=str(target),
        )
    )
    if args.questions is not None and args.questions > total and args.kind != "flashcards":
        cli_studio._say(
            t.ngettext(
                "{asked} asked for, but the pack has only {count} question",
                "{asked} asked for, but the pack has only {count} questions",
                total,
                asked=str(args.questions),
            )
        )
    for warning in warnings:
        cli_studio._say(warning)
    if args.kind == "exam":
        # as typed to print it again: no digit groups
        cli_studio._say(t.gettext("exam version (seed): {seed}", seed=str(args.seed)))
    return cli.EXIT_OK


def _pdf_target(output: Path | None, t: Translator) -> Path | None:
    """``-o FILE``: as given when it ends in ``.pdf``, with ``.pdf`` added (and said) when it
    has no ending, so the file opens as a PDF; refused with another ending."""
    if output is None or output.suffix.lower() == ".pdf":
        return output
    if output.suffix:
        raise cli.UsageError(
            t.gettext("{file}: a PDF's name ends in .pdf; give -o NAME.pdf", file=str(output))
        )
    named = output.with_name(output.name + ".pdf")
    cli_studio._say(t.gettext("the PDF is written as {file}", file=str(named)))
    return named


def _document(
    args: argparse.Namespace, loaded: LoadedPack, t: Translator, warnings: list[str]
) -> Document:
    """The document ``args`` asks for (the exam's seed drawn into ``args.seed`` when none
    was given); the flashcards cut short are said in ``warnings``."""
    from clarity.printing.document import PageStyle  # noqa: PLC0415 - fpdf2 when printing

    pack = loaded.pack
    assert pack is not None  # refused before: a pack with errors
    images = loaded.images
    style = PageStyle(paper=args.paper, language=t.language)
    if args.kind == "flashcards":
        from clarity.printing.flashcards import lay_out_flashcards  # noqa: PLC0415

        cards = lay_out_flashcards(pack, images, style, title=args.title)
        warnings += [t.render(said) for said in cards.shortened_said()]
        return cards.document
    from clarity.printing.worksheet import exam, worksheet  # noqa: PLC0415

    if args.kind == "worksheet":
        return worksheet(
            pack, images, style, title=args.title, questions=args.questions, seed=args.seed or 0
        )
    if args.seed is None:
        args.seed = 1 + secrets.randbelow(DRAWN_SEEDS - 1)
    return exam(
        pack,
        images,
        style,
        seed=args.seed,
        questions=args.questions,
        title=args.title,
        key=args.key,
    )
