"""Questions from Kahoot's quiz spreadsheet template (xlsx).

Kahoot's template ("Import questions from a spreadsheet", the file
``KahootQuizTemplate.xlsx`` its help centre offers) is one sheet: a heading ("Quiz
template") and four rows of instructions in column B, an empty row, then the header row
(row 8 in the template as downloaded) with, from column B::

    Question - max 120 characters | Answer 1 - max 75 characters | ... | Answer 4 - max 75
    characters | Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs |
    Correct answer(s) - choose at least one

Column A numbers the question rows 1 to 100 whether they are filled or not. The correct
answers cell holds the numbers of the right answers, several separated by commas ("1,3").

The header row is found by its text (a question column, an "Answer 1" column and a
correct-answer column, compared as :mod:`clarity.formats.table` compares headers), on
whatever row it is, so a template whose instruction rows were deleted or whose columns were
moved still reads. A row with question and answers empty is passed over; a row whose two
answers are true and false becomes a true/false question; otherwise a choice question with
its two to four answers, several right when the cell names several. The heading above the
header, when the teacher replaced "Quiz template" with a title of their own, is the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from clarity.core.messages import message
from clarity.core.packs.loader import PackLimits
from clarity.formats.source import Skipped, SourceQuestion, SourceRead, SourceUnreadable
from clarity.formats.table import (
    ROWS_PER_QUESTION,
    TableRow,
    cell_problem,
    clamped_time_limit,
    header_key,
    rows_left,
    truth_of,
    xlsx_rows,
)

# What the template's own heading says (not a title the teacher gave).
_TEMPLATE_HEADING = "quiztemplate"
_ANSWER_COLUMNS = 4
# A heading longer than this is the template's instructions, not a title.
_LONGEST_TITLE = 120


# Rows looked at for the header row: the template has seven above it.
HEADER_WITHIN_ROWS = 50


def read_kahoot(data: bytes) -> SourceRead:
    """The questions of a Kahoot quiz spreadsheet (the xlsx bytes ``data``).

    The workbook's caps and a cell's longest text are the table reader's
    (:func:`clarity.formats.table.xlsx_rows`); at most :class:`PackLimits`' ``max_questions``
    question rows are read, the rest said in one line. The "Image link" column is not read
    (the game takes no pictures from links): a note says so once. Raises
    :class:`SourceUnreadable` when ``data`` is not an xlsx workbook or its first sheet has
    no Kahoot header row in its first :data:`HEADER_WITHIN_ROWS` rows.
    """
    table = xlsx_rows(data)
    rows = iter(table)
    found = _find_header(rows)
    if found is None:
        said = message(
            'no Kahoot header row ("Question - max 120 characters", "Answer 1 - max 75 '
            'characters", ..., "Correct answer(s)") in the first sheet'
        )
        raise SourceUnreadable(1, 1, said)
    above, header, columns = found
    most = PackLimits().max_questions
    questions: list[SourceQuestion] = []
    skipped: list[Skipped] = []
    notes: list[Skipped] = []
    if "image" in columns:
        said = message(
            'the column "{name}" is not read: the game takes no pictures from links; add a '
            "picture to a question in the pack",
            name=header.cells[columns["image"]].strip(),
        )
        notes.append(Skipped(header.line, columns["image"] + 1, said))
    read = 0
    for seen, row in enumerate(rows, 1):
        wanted = [index for name, index in columns.items() if name != "image"]
        if not any(
            (index < len(row.cells) and row.cells[index].strip())
            or index in row.too_long
            or index in row.formulas
            for index in wanted
        ):
            if seen > most * ROWS_PER_QUESTION:
                skipped.append(rows_left(row.line, table.last_line(), most))
                break
            continue
        if read >= most or seen > most * ROWS_PER_QUESTION:
            skipped.append(rows_left(row.line, table.last_line(), most))
            break
        read += 1
        problem = cell_problem(row, wanted)
        if problem is not None:
            skipped.append(problem)
            continue
        outcome = _question(row.line, row.cells, columns, notes)
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
        elif outcome is not None:
            questions.append(outcome)
    return SourceRead(tuple(questions), tuple(skipped), _title(above), tuple(notes))


def looks_like_kahoot(data: bytes) -> bool:
    """Whether the xlsx bytes ``data`` hold a Kahoot header row (False for anything that is
    not an xlsx workbook); for telling Kahoot's template from the game's own table layout."""
    try:
        return _find_header(iter(xlsx_rows(data))) is not None
    except SourceUnreadable:
        return False


def _find_header(
    rows: Iterator[TableRow],
) -> tuple[list[TableRow], TableRow, dict[str, int]] | None:
    """The rows above the Kahoot header row, the header row and its columns by name
    (question, answer 1..4, time, correct, image: 0-based cell indexes), or None when none
    of the first :data:`HEADER_WITHIN_ROWS` rows is one. The rows after it are left in
    ``rows``."""
    above: list[TableRow] = []
    for row in rows:
        if row.line > HEADER_WITHIN_ROWS:
            return None
        columns: dict[str, int] = {}
        for index, cell in enumerate(row.cells):
            key = header_key(cell)
            name = _column_name(key)
            if name is not None and name not in columns:
                columns[name] = index
        if {"question", "answer 1", "correct"} <= columns.keys():
            return above, row, columns
        above.append(row)
    return None


def _column_name(key: str) -> str | None:
    if key.startswith("question"):
        return "question"
    answer = re.match(r"answer(\d)", key)
    if answer is not None:
        return f"answer {answer[1]}"
    if key.startswith("timelimit"):
        return "time"
    if key.startswith("correctanswer"):
        return "correct"
    if key.startswith("imagelink"):
        return "image"
    return None


def _question(
    line: int, cells: list[str], columns: dict[str, int], notes: list[Skipped]
) -> SourceQuestion | Skipped | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index].replace("\r\n", "\n").strip()

    def column(name: str) -> int:
        return columns.get(name, 0) + 1

    prompt = cell("question")
    answers = [(n, cell(f"answer {n}")) for n in range(1, _ANSWER_COLUMNS + 1)]
    given = [(n, text) for n, text in answers if text]
    if not prompt and not given:
        return None
    if not prompt:
        return Skipped(line, column("question"), message("no question text in this row"))
    if len(given) < 2:
        said = message("a Kahoot question needs at least two answers")
        return Skipped(line, column("answer 1"), said)
    correct_text = cell("correct")
    numbers = [int(found) for found in re.findall(r"\d+", correct_text)]
    if not numbers:
        said = message(
            "no correct answer: write the number of the right answer, or several "
            'separated by commas ("1,3")'
        )
        return Skipped(line, column("correct"), said)
    texts = dict(given)
    right: list[str] = []
    for number in numbers:
        if number not in texts:
            said = message(
                'correct answer "{value}" names answer {number}, which is empty',
                value=correct_text,
                number=str(number),
            )
            return Skipped(line, column("correct"), said)
        if texts[number] not in right:
            right.append(texts[number])
    fields: dict[str, object] = {"type": "choice", "prompt": prompt}
    truths = [truth_of(text) for _n, text in given]
    if len(given) == 2 and None not in truths and truths[0] != truths[1] and len(right) == 1:
        fields = {"type": "truefalse", "prompt": prompt, "answer": truth_of(right[0])}
    else:
        fields["choices"] = [text for _n, text in given]
        fields["answer"] = right[0] if len(right) == 1 else right
    seconds = cell("time")
    if seconds:
        limit, note = clamped_time_limit(seconds, line, column("time"))
        if limit is not None:
            fields["time_limit"] = limit
        if note is not None:
            notes.append(note)
    return SourceQuestion(fields, line, column("question"))


def _title(above: list[TableRow]) -> str | None:
    """The first text above the header, unless it is the template's own heading or its
    instructions."""
    for row in above:
        texts = [cell.strip() for cell in row.cells if cell.strip()]
        if not texts:
            continue
        first = texts[0]
        if header_key(first) == _TEMPLATE_HEADING or len(first) > _LONGEST_TITLE:
            return None
        return first
    return None
