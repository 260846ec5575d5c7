"""The class report's page (:mod:`clarity.printing.class_report`): tables of any script the
game draws, a long prompt wrapped, rows never cut across pages, read back with poppler."""

from __future__ import annotations

import re
from pathlib import Path

from clarity.printing.class_report import Table, write_class_report
from clarity.printing.document import PageStyle

from .pdf_reading import page_text, pdffonts, pdfinfo, pdftotext

LONG_PROMPT = " ".join(["Почему небо днём голубое, а на закате красное?"] * 12)


def _questions(rows: list[list[str]]) -> Table:
    return Table(
        title="Самые трудные вопросы",
        header=["Вопрос", "Задан", "Верно"],
        rows=rows,
        widths=[0.7, 0.15, 0.15],
        aligns=["L", "R", "R"],
    )


def test_every_text_prints_in_its_script(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    rows = [
        [LONG_PROMPT, "12", "8%"],
        ["Ελληνικά: πρωτεύουσα;", "3", "33%"],
        ["ما هي عاصمة مصر؟", "2", "50%"],
        ["भारत की राजधानी क्या है?", "2", "50%"],
    ]
    pages = write_class_report(
        target,
        PageStyle(language="ru"),
        title="Отчёт класса",
        subtitle="По 19 ответам.",
        tables=[_questions(rows)],
    )
    assert pages == 1
    assert pdfinfo(target)["Pages"] == "1"
    text = " ".join(pdftotext(target).split())
    for expected in ("Отчёт класса", "Самые трудные вопросы", "Ελληνικά: πρωτεύουσα;", "12"):
        assert expected in text
    # the long prompt wraps inside its column: every word is there, in order
    assert " ".join(LONG_PROMPT.split()[:20]) in text
    assert "भारत" in text
    assert "عاصمة" in text or "ﻋﺎﺻﻤﺔ" in text  # pdftotext may give presentation forms
    fonts = pdffonts(target)
    assert len(fonts) >= 3  # Inter, and the Noto faces for Arabic and Devanagari
    assert all(embedded for _, embedded, _ in fonts)


def test_a_row_is_never_cut_and_the_header_comes_again(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    rows = [[f"Вопрос {n:03}: " + LONG_PROMPT, str(n), "0%"] for n in range(12)]
    pages = write_class_report(
        target, PageStyle(paper="letter"), title="Report", subtitle="", tables=[_questions(rows)]
    )
    assert pages == int(pdfinfo(target)["Pages"]) > 1
    starts = []
    for page in range(1, pages + 1):
        text = " ".join(page_text(target, page).split())
        # each page's table starts with its header
        assert text.startswith("Report") or text.startswith("Вопрос Задан Верно")
        assert "Вопрос Задан Верно" in text
        here = [int(n) for n in re.findall(r"Вопрос (\d{3}):", text)]
        # every row on the page is whole: all 12 sentences of each row that starts here
        assert text.count("красное?") == 12 * len(here)
        starts += here
    assert starts == list(range(12))  # each row once, in order
