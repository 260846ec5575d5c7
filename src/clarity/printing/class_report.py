"""The class report as a PDF for a parents' evening: the class's hardest questions and the
players' figures, in one or two pages (more only for a very large class).

Texts come laid out by the caller, already in the teacher's language (the headings) and the
pack's own (prompts, answers, names): this module only draws tables on a
:class:`~clarity.printing.document.Document` (the game's fonts embedded, every script the
game draws), each row whole on one page with the header again on a new page, and writes it
whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clarity.printing.document import Document, PageStyle

TITLE = 16.0  # pt
SUBTITLE = 10.0
HEADING = 12.0
BODY = 9.0
PAD = 0.8  # mm around a cell's text
RULE = (180, 180, 180)  # a row's line, light grey
SHADE = (235, 235, 235)  # the header's background


@dataclass(frozen=True)
class Table:
    """One table: its ``title``, ``header``, ``rows`` (texts), each column's share of the
    page's width (``widths``, summing to 1) and alignment (``aligns``: fpdf2's "L" or "R";
    a text cell right to left is aligned by its own direction)."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[float]
    aligns: Sequence[str]


def class_report_document(
    style: PageStyle, *, title: str, subtitle: str, tables: Sequence[Table], dated: str = ""
) -> Document:
    """The report: ``title`` on top, ``subtitle`` below it with ``dated`` (the day it was
    made, written by the caller: this module reads no clock) on the right, then each table."""
    document = Document(style, title=title)
    pdf = document.pdf
    pdf.add_page()
    width = pdf.epw
    left = pdf.l_margin
    document.write_block(title, x=left, y=pdf.get_y(), width=width, size=TITLE, bold=True)
    top = pdf.get_y() + 1
    used = document.write_block(subtitle, x=left, y=top, width=width, size=SUBTITLE)
    if dated:
        used = max(
            used, document.write_block(dated, x=left, y=top, width=width, size=SUBTITLE, align="R")
        )
    pdf.set_y(top + used)
    for table in tables:
        pdf.set_y(pdf.get_y() + 5)
        _table(document, table)
    return document


def write_class_report(
    target: Path,
    style: PageStyle,
    *,
    title: str,
    subtitle: str,
    tables: Sequence[Table],
    dated: str = "",
) -> int:
    """Write the report (:func:`class_report_document`) to ``target`` whole or not at all;
    returns its pages. Raises :class:`clarity.atomic_files.FileNotWritten` when it cannot
    be written."""
    document = class_report_document(
        style, title=title, subtitle=subtitle, tables=tables, dated=dated
    )
    document.save(target)
    return document.pdf.page


def _table(document: Document, table: Table) -> None:
    pdf = document.pdf
    widths = [share * pdf.epw for share in table.widths]

    def height(cells: Sequence[str], bold: bool) -> float:
        return 2 * PAD + max(
            document.text_height(cell or " ", w - 2 * PAD, BODY, bold=bold)
            for cell, w in zip(cells, widths, strict=True)
        )

    def draw(cells: Sequence[str], bold: bool) -> None:
        row = height(cells, bold)
        x, y = pdf.l_margin, pdf.get_y()
        if bold:
            pdf.set_fill_color(*SHADE)
            pdf.rect(x, y, pdf.epw, row, style="F")
        for cell, w, align in zip(cells, widths, table.aligns, strict=True):
            if cell:
                document.write_block(
                    cell,
                    x=x + PAD,
                    y=y + PAD,
                    width=w - 2 * PAD,
                    size=BODY,
                    bold=bold,
                    align=align if align == "R" else None,
                )
            x += w
        pdf.set_draw_color(*RULE)
        pdf.line(pdf.l_margin, y + row, pdf.l_margin + pdf.epw, y + row)
        pdf.set_xy(pdf.l_margin, y + row)

    heading = document.text_height(table.title, pdf.epw, HEADING, bold=True) + 1
    first = height(table.rows[0], False) if table.rows else 0.0
    document.keep_together(heading + height(table.header, True) + first)
    document.write_block(
        table.title, x=pdf.l_margin, y=pdf.get_y(), width=pdf.epw, size=HEADING, bold=True
    )
    pdf.set_y(pdf.get_y() + 1)
    draw(table.header, True)
    for cells in table.rows:
        page = pdf.page
        document.keep_together(height(cells, False))
        if pdf.page != page:
            draw(table.header, True)
        draw(cells, False)
