"""A pack's worksheet and exam, and the exam's answer key: the sheets a class writes on.

What is on a sheet, top to bottom (units mm on the page, text sizes in points):

- the kind of sheet ("Worksheet", "Exam") and the title (the pack's, or the teacher's);
  lines for the student's name, class and date; on an exam the score out of the total
  points;
- the questions, numbered, each kept whole on one page (:meth:`Document.keep_together`):
  the prompt wrapped, the question's picture where it has one, then what the student
  does: a box to tick by each lettered choice (A-F), True and False to circle, a line to
  write a typed answer or a number on; on an exam each question's points at its right.
  A choice question with several right choices says so under its prompt, with the game's
  rule (tick one: any right one counts), and the key says the same. A question whose
  prompt runs right to left (Arabic, Hebrew) is mirrored: its number at the right, the
  boxes and letters at the right of the choices, the points at the left;
- each of the pack's mystery pictures (one per round) as a "What is hidden here?" box,
  numbered after the questions: the picture cut into its grid with a few tiles open (the
  first a round with the sheet's seed uncovers: :func:`clarity.core.exam.exam_version`)
  and the others covered, a line for the guess.
  The covered tiles are blanked in the picture itself before it goes into the PDF, so a
  PDF sent to a student's computer does not hold the answer under a grey square;
- an exam's version (its seed) small in the top corner of every page, so a loose page
  still says which key marks it, and the page number at the foot of every page;
- the answer key, on pages of its own: each number with its right answer (the letter and
  the choice, every right one of several, True or False, the typed answer and what is
  also accepted, a number with its tolerance or range), the explanation where the pack
  has one, and the points; each mystery's answer (and what else it accepts) under its
  number; the total; and the version it marks. A key row reads left to right whatever the
  answer's script, so each answer stays beside its number.

The sheet's words (the header, True and False, the key's columns) are in the pack's
language (:func:`clarity.i18n.translator_for` of its first subtag), since the sheet is for
the pack's class; the pack's own text is printed as written. The questions are the
exam version's: a worksheet prints them in the pack's order, an exam in the order its
seed deals, the choices shuffled by the seed either way unless a question says
``shuffle: false``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from clarity.core.answers import right_answer_text
from clarity.core.board import Tile
from clarity.core.exam import ExamItem, ExamMystery, ExamVersion, exam_version
from clarity.core.packs.models import (
    ChoiceQuestion,
    Grid,
    NumberQuestion,
    Pack,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.i18n import Translator, translator_for
from clarity.printing.document import (
    PICTURE_DPI,
    POINT,
    Document,
    PageStyle,
    is_right_to_left,
)

# Sizes of text, in points.
TITLE_SIZE = 18.0
KIND_SIZE = 10.0
TEXT_SIZE = 11.0
KEY_SIZE = 10.0
SMALL_SIZE = 8.0
# Layout, in millimetres.
NUMBER_WIDTH = 9.0  # the question's number before its prompt
POINTS_WIDTH = 20.0  # an exam question's points, at the right of its prompt
GAP = 2.5  # between the parts of a question
BLOCK_GAP = 6.0  # between questions
TICK_BOX = 3.6  # the side of a choice's box
CHOICE_INDENT = 10.0  # from the box to the choice's text
WRITING_LINE = 9.0  # the height of a line to write an answer on
NUMBER_LINE_WIDTH = 50.0  # a number's line is shorter than a typed answer's
PICTURE_BOX = (80.0, 50.0)  # the largest a question's picture is drawn (width, height)
MYSTERY_BOX = (120.0, 85.0)  # the largest the mystery picture is drawn
LINE_WIDTH = 0.3
LINE_SPACING = 1.3  # lines of text apart, times the text's size (the Document's default)
# Greys (0 black - 255 white).
INK = 0
FAINT = 110
COVER = 222  # a covered tile
COVER_MARK = 150  # the "?" on a covered tile


def worksheet(
    pack: Pack,
    images: Mapping[str, Path],
    style: PageStyle,
    *,
    title: str | None = None,
    questions: int | None = None,
    seed: int = 0,
) -> Document:
    """The worksheet of ``pack``: every question (or ``questions`` of them, drawn by
    ``seed``) in the pack's order, no points, and the mystery box. ``images`` maps a
    picture's text in the pack to its file (a :class:`~clarity.core.packs.loader.
    LoadedPack`'s ``images``); a picture not in it, or unreadable, is left out. ``title``
    replaces the pack's title. Raises ValueError for ``questions`` below 1."""
    version = exam_version(pack, seed=seed, questions=questions, keep_order=True)
    sheet = _Sheet(pack, images, style, title=title, kind="worksheet", version=version)
    sheet.questions_part(points=False)
    return sheet.finished(stamp_version=False)


def exam(
    pack: Pack,
    images: Mapping[str, Path],
    style: PageStyle,
    *,
    seed: int,
    questions: int | None = None,
    title: str | None = None,
    key: bool = False,
) -> Document:
    """The exam of ``pack`` that ``seed`` deals (:func:`clarity.core.exam.exam_version`):
    the questions in the dealt order with their points, the total in the header, the
    version on every page; with ``key`` the answer key follows on pages of its own.
    Arguments as :func:`worksheet`'s. Raises ValueError for ``questions`` below 1."""
    version = exam_version(pack, seed=seed, questions=questions)
    sheet = _Sheet(pack, images, style, title=title, kind="exam", version=version)
    sheet.questions_part(points=True)
    if key:
        sheet.doc.pdf.add_page()
        sheet.key_part()
    return sheet.finished(stamp_version=True)


def answer_key(
    pack: Pack,
    images: Mapping[str, Path],
    style: PageStyle,
    *,
    seed: int,
    questions: int | None = None,
    title: str | None = None,
) -> Document:
    """The answer key of the exam :func:`exam` prints for the same arguments, alone (for a
    file of its own): the same pages as that exam's key. ``images`` is not drawn on a key;
    it is taken so that the three functions are called alike."""
    del images  # a key has no pictures
    version = exam_version(pack, seed=seed, questions=questions)
    sheet = _Sheet(pack, {}, style, title=title, kind="key", version=version)
    sheet.doc.pdf.add_page()
    sheet.key_part()
    return sheet.finished(stamp_version=True)


def sheet_translator(pack: Pack) -> Translator:
    """The translator of the words printed on ``pack``'s sheets: the pack's language (its
    first subtag: ``ru`` for ``ru-BY``); a language without a catalog prints English."""
    return translator_for(pack.language.split("-")[0].lower())


class _Sheet:
    """One document being laid out: the pack, its version, the page and the words."""

    def __init__(
        self,
        pack: Pack,
        images: Mapping[str, Path],
        style: PageStyle,
        *,
        title: str | None,
        kind: str,
        version: ExamVersion,
    ) -> None:
        self.pack = pack
        self.images = images
        self.version = version
        self.t = sheet_translator(pack)
        self.title = title if title else pack.title
        self.kind = kind
        # the sheet's words and text are the pack's language: the PDF says so to a screen reader
        sheet_style = dataclasses.replace(style, language=pack.language)
        self.doc = Document(sheet_style, title=f"{self.title} \u2014 {self._kind_word()}")
        pdf = self.doc.pdf
        self.left = pdf.l_margin
        self.width = pdf.w - pdf.l_margin - pdf.r_margin
        self.right = self.left + self.width
        self._heights: dict[tuple[str, float, float, bool], float] = {}

    def _kind_word(self) -> str:
        t = self.t
        if self.kind == "worksheet":
            return t.gettext("Worksheet")
        if self.kind == "exam":
            return t.gettext("Exam")
        return t.gettext("Answer key")

    # -- text ------------------------------------------------------------------

    def _height(self, text: str, width: float, size: float, *, bold: bool = False) -> float:
        """:meth:`Document.text_height`, measured once per text, width and size: a
        question is measured to keep it whole, then drawn, and measuring is most of the
        time a sheet takes."""
        key = (text, width, size, bold)
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = self.doc.text_height(text, width, size, bold=bold)
        return height

    def _label(
        self,
        text: str,
        *,
        x: float,
        y: float,
        width: float,
        size: float,
        bold: bool = False,
        align: str = "L",
    ) -> None:
        """``text`` on one line from (``x``, ``y``) in a cell ``width`` mm wide: a number,
        a letter, a word of the sheet or a choice known to fit (no wrapping to work out)."""
        doc, pdf = self.doc, self.doc.pdf
        doc.prepare(text)
        doc.use_font(size, bold=bold)
        pdf.set_xy(x, y)
        pdf.cell(width, size * POINT * LINE_SPACING, text, align=align)

    # -- the sheet -------------------------------------------------------------

    def questions_part(self, *, points: bool) -> None:
        """The header, every question and the mystery box, from the first page on."""
        self.doc.pdf.add_page()
        self._header(points=points)
        for item in self.version.items:
            self._question(item, points=points)
        after = len(self.version.items)
        for offset, mystery in enumerate(self.version.mysteries, start=1):
            self._mystery(mystery, number=after + offset)

    def _header(self, *, points: bool) -> None:
        doc, pdf, t = self.doc, self.doc.pdf, self.t
        y = pdf.t_margin
        pdf.set_text_color(FAINT)
        y += doc.write_block(self._kind_word(), x=self.left, y=y, width=self.width, size=KIND_SIZE)
        pdf.set_text_color(INK)
        y += doc.write_block(
            self.title, x=self.left, y=y, width=self.width, size=TITLE_SIZE, bold=True
        )
        y += 5
        blanks = ((t.gettext("Name:"), 0.5), (t.gettext("Class:"), 0.2), (t.gettext("Date:"), 0.3))
        x = self.left
        for label, share in blanks:
            self._blank(label, x=x, y=y, width=self.width * share - 4)
            x += self.width * share
        y += WRITING_LINE
        if points:
            total = self.version.total_points
            score = t.ngettext(
                "Score: ________ of {count} point",
                "Score: ________ of {count} points",
                total,
            )
            y += 1
            y += doc.write_block(score, x=self.left, y=y, width=self.width, size=TEXT_SIZE)
        y += 2
        pdf.set_line_width(0.5)
        pdf.set_draw_color(INK)
        pdf.line(self.left, y, self.right, y)
        pdf.set_y(y + BLOCK_GAP)

    def _blank(self, label: str, *, x: float, y: float, width: float) -> None:
        """``label`` and a line after it to write on, ``width`` mm in all."""
        doc, pdf = self.doc, self.doc.pdf
        doc.prepare(label)
        doc.use_font(TEXT_SIZE)
        label_width = pdf.get_string_width(label) + 2
        doc.write_block(label, x=x, y=y, width=label_width + 1, size=TEXT_SIZE)
        baseline = y + TEXT_SIZE * POINT * 1.1
        self._rule(x + label_width, baseline, x + max(width, label_width + 10))

    def _rule(self, x1: float, y: float, x2: float) -> None:
        pdf = self.doc.pdf
        pdf.set_draw_color(FAINT)
        pdf.set_line_width(LINE_WIDTH)
        pdf.line(x1, y, x2, y)
        pdf.set_draw_color(INK)

    # -- a question --------------------------------------------------------------

    def _question(self, item: ExamItem, *, points: bool) -> None:
        """One question, kept whole on a page. A question whose prompt runs right to left
        (Arabic, Hebrew) is mirrored as a whole: its number at the right margin, the
        prompt beside it, the choices' boxes and letters at their right, the points at the
        left, so that each question reads in one direction."""
        doc, pdf = self.doc, self.doc.pdf
        question = item.question
        rtl = is_right_to_left(question.prompt)
        align = "R" if rtl else "L"
        text_width = self.width - NUMBER_WIDTH - (POINTS_WIDTH if points else 0)
        answer_width = self.width - NUMBER_WIDTH
        if rtl:
            text_x = self.left + (POINTS_WIDTH if points else 0)
            answer_x, number_x, points_x = self.left, self.right - NUMBER_WIDTH, self.left
        else:
            text_x = self.left + NUMBER_WIDTH
            answer_x, number_x, points_x = text_x, self.left, self.right - POINTS_WIDTH
        picture = self._picture_size(question.image, *PICTURE_BOX)
        prompt_height = self._height(question.prompt, text_width, TEXT_SIZE)
        note = self._several_right(item)
        height = prompt_height + GAP + self._answer_height(item, answer_width)
        if note is not None:
            height += self._height(note, text_width, SMALL_SIZE + 1)
        if picture is not None:
            height += picture[1] + GAP
        doc.keep_together(height)
        y = pdf.get_y()
        self._label(
            f"{item.number}.",
            x=number_x,
            y=y,
            width=NUMBER_WIDTH,
            size=TEXT_SIZE,
            bold=True,
            align="R" if rtl else "L",
        )
        if points:
            # Translators: an exam question's marks (in Russian "балл", not a game's "очко").
            worth = self.t.npgettext("exam", "{count} point", "{count} points", item.points)
            pdf.set_text_color(FAINT)
            self._label(
                worth,
                x=points_x,
                y=y,
                width=POINTS_WIDTH,
                size=SMALL_SIZE + 1,
                align="L" if rtl else "R",
            )
            pdf.set_text_color(INK)
        doc.write_block(
            question.prompt, x=text_x, y=y, width=text_width, size=TEXT_SIZE, align=align
        )
        if note is not None:
            pdf.set_text_color(FAINT)
            doc.write_block(
                note, x=text_x, y=pdf.get_y(), width=text_width, size=SMALL_SIZE + 1, align=align
            )
            pdf.set_text_color(INK)
        y = pdf.get_y() + GAP
        if picture is not None and question.image is not None:
            picture_x = self.right - NUMBER_WIDTH - picture[0] if rtl else text_x
            doc.picture(
                self.images[question.image], x=picture_x, y=y, width=picture[0], height=picture[1]
            )
            y += picture[1] + GAP
        self._answer(item, x=answer_x, y=y, width=answer_width, rtl=rtl)
        pdf.set_y(pdf.get_y() + BLOCK_GAP)

    def _several_right(self, item: ExamItem) -> str | None:
        """The line under a choice question with more than one right choice, telling the
        student the game's rule (a player picks one choice, and any right one counts), or
        None for any other question. The key says the same: "(any one of them is
        right)"."""
        if len(item.right_letters) < 2:
            return None
        return self.t.gettext("More than one answer is right: tick one of them.")

    def _answer_height(self, item: ExamItem, width: float) -> float:
        question = item.question
        if isinstance(question, ChoiceQuestion):
            _columns, rows = self._choice_rows(item, width)
            return sum(rows)
        if isinstance(question, TrueFalseQuestion):
            return TEXT_SIZE * POINT * 1.3 + 2
        return WRITING_LINE

    def _choice_rows(self, item: ExamItem, width: float) -> tuple[int, list[float]]:
        """How many columns the choices take (2 when every choice fits one line of half
        the width, else 1), and the height of each row of choices."""
        one_line = TEXT_SIZE * POINT * 1.3
        half = width / 2 - CHOICE_INDENT - 2
        heights = [self._height(c, half, TEXT_SIZE) for c in item.choices]
        if all(h <= one_line + 0.01 for h in heights):
            rows = (len(item.choices) + 1) // 2
            return 2, [one_line + 1.5] * rows
        full = width - CHOICE_INDENT
        return 1, [self._height(c, full, TEXT_SIZE) + 1.5 for c in item.choices]

    def _answer(
        self, item: ExamItem, *, x: float, y: float, width: float, rtl: bool = False
    ) -> None:
        """What the student does for ``item``, in the ``width`` mm from ``x``: mirrored
        (boxes, letters and the first column at the right) when ``rtl``."""
        doc, pdf, t = self.doc, self.doc.pdf, self.t
        question = item.question
        one_line = TEXT_SIZE * POINT * 1.3
        if isinstance(question, ChoiceQuestion):
            columns, rows = self._choice_rows(item, width)
            column_width = width / columns
            row_y = y
            for index, (letter, choice) in enumerate(item.lettered_choices):
                row, column = divmod(index, columns)
                if column == 0 and index:
                    row_y += rows[row - 1]
                cx = x + column * column_width
                box_x, letter_x, letter_align = cx, cx + TICK_BOX + 1.2, "L"
                choice_x, choice_width = cx + CHOICE_INDENT, column_width - CHOICE_INDENT - 2
                if rtl:  # the first column at the right, each box at its column's right
                    edge = x + width - column * column_width
                    box_x, letter_x, letter_align = edge - TICK_BOX, edge - TICK_BOX - 7.2, "R"
                    choice_x = edge - CHOICE_INDENT - choice_width
                pdf.set_draw_color(INK)
                pdf.set_line_width(LINE_WIDTH)
                pdf.rect(box_x, row_y + (one_line - TICK_BOX) / 2, TICK_BOX, TICK_BOX)
                self._label(
                    letter,
                    x=letter_x,
                    y=row_y,
                    width=6,
                    size=TEXT_SIZE,
                    bold=True,
                    align=letter_align,
                )
                # beside its box and letter, whichever way its script runs (a choice
                # in Arabic or Hebrew is shaped right to left, but starts at its box)
                side = "R" if rtl else "L"
                if columns == 2:  # each fits one line
                    self._label(
                        choice, x=choice_x, y=row_y, width=choice_width, size=TEXT_SIZE, align=side
                    )
                else:
                    doc.write_block(
                        choice, x=choice_x, y=row_y, width=choice_width, size=TEXT_SIZE, align=side
                    )
            pdf.set_y(y + sum(rows))
            return
        if isinstance(question, TrueFalseQuestion):
            words = (t.gettext("True"), t.gettext("False"))
            doc.use_font(TEXT_SIZE)
            cx = x + width - 2 if rtl else x + 2
            for word in words:
                doc.prepare(word)
                doc.use_font(TEXT_SIZE)
                word_width = pdf.get_string_width(word) + 2
                if rtl:
                    cx -= word_width
                self._label(word, x=cx, y=y + 1, width=word_width, size=TEXT_SIZE)
                cx += -20 if rtl else word_width + 20
            pdf.set_y(y + one_line + 2)
            return
        length = NUMBER_LINE_WIDTH if isinstance(question, NumberQuestion) else width - 2
        start = x + width - length if rtl else x
        self._rule(start, y + WRITING_LINE - 2, start + length)
        pdf.set_y(y + WRITING_LINE)

    # -- pictures ------------------------------------------------------------------

    def _picture_size(
        self, name: str | None, max_width: float, max_height: float
    ) -> tuple[float, float] | None:
        """The size in mm the picture ``name`` is drawn at, fitted into the box with its
        aspect kept (turned upright by EXIF, as the document draws it); None without a
        picture, or one that cannot be read."""
        if name is None or name not in self.images:
            return None
        size = _upright_size(self.images[name])
        if size is None:
            return None
        scale = min(max_width / size[0], max_height / size[1])
        return (size[0] * scale, size[1] * scale)

    def _mystery(self, shown: ExamMystery, *, number: int) -> None:
        """The "What is hidden here?" box of one round, numbered ``number`` (after the
        questions): the heading, the picture with most tiles covered, and a line for the
        guess, kept on one page."""
        doc, pdf, t = self.doc, self.doc.pdf, self.t
        mystery = self.pack.rounds[shown.round_index]
        grid = mystery.grid
        heading = t.gettext("What is hidden here?")
        size = self._picture_size(mystery.image, *MYSTERY_BOX)
        if size is None:  # no picture: the grid alone, its tiles square
            side = min(MYSTERY_BOX[0] / grid.cols, MYSTERY_BOX[1] / grid.rows)
            size = (side * grid.cols, side * grid.rows)
        heading_height = doc.text_height(heading, self.width, TEXT_SIZE + 2, bold=True)
        doc.keep_together(heading_height + GAP + size[1] + GAP + WRITING_LINE + 4)
        y = pdf.get_y() + 2
        self._label(
            f"{number}.", x=self.left, y=y, width=NUMBER_WIDTH, size=TEXT_SIZE + 2, bold=True
        )
        y += doc.write_block(
            heading,
            x=self.left + NUMBER_WIDTH,
            y=y,
            width=self.width - NUMBER_WIDTH,
            size=TEXT_SIZE + 2,
            bold=True,
            align="L",
        )
        y += GAP
        x = self.left + (self.width - size[0]) / 2
        path = self.images.get(mystery.image)
        covered = _covered_picture(path, grid.rows, grid.cols, shown.open_tiles, size)
        if covered is not None:
            pdf.image(covered, x=x, y=y, w=size[0], h=size[1])
        self._tiles(x, y, size, grid, shown.open_tiles, drawn=covered is not None)
        y += size[1] + GAP
        self._blank(
            t.gettext("Your guess:"),
            x=self.left + NUMBER_WIDTH,
            y=y,
            width=self.width - NUMBER_WIDTH,
        )
        pdf.set_y(y + WRITING_LINE + BLOCK_GAP)

    def _tiles(
        self,
        x: float,
        y: float,
        size: tuple[float, float],
        grid: Grid,
        open_tiles: tuple[Tile, ...],
        *,
        drawn: bool,
    ) -> None:
        """The grid over the mystery picture, a "?" on each covered tile (and, without a
        picture, the covered tiles filled as the picture would have them)."""
        doc, pdf = self.doc, self.doc.pdf
        rows, cols = grid.rows, grid.cols
        tile_w, tile_h = size[0] / cols, size[1] / rows
        opened = set(open_tiles)
        mark_size = max(5.0, min(tile_w, tile_h) * 0.5 / POINT)
        doc.use_font(mark_size, bold=True)
        pdf.set_text_color(COVER_MARK)
        for row in range(rows):
            for col in range(cols):
                if Tile(row, col) in opened:
                    continue
                tx, ty = x + col * tile_w, y + row * tile_h
                if not drawn:
                    pdf.set_fill_color(COVER)
                    pdf.rect(tx, ty, tile_w, tile_h, style="F")
                pdf.set_xy(tx, ty)
                pdf.cell(tile_w, tile_h, "?", align="C")
        pdf.set_text_color(INK)
        pdf.set_draw_color(FAINT)
        pdf.set_line_width(0.4)
        for col in range(1, cols):
            pdf.line(x + col * tile_w, y, x + col * tile_w, y + size[1])
        for row in range(1, rows):
            pdf.line(x, y + row * tile_h, x + size[0], y + row * tile_h)
        pdf.set_draw_color(INK)
        pdf.set_line_width(0.6)
        pdf.rect(x, y, size[0], size[1])

    # -- the key -------------------------------------------------------------------

    def key_part(self) -> None:
        """The answer key from the current (new) page: its heading naming the version,
        a row per question, the mystery's answer and the total."""
        doc, pdf, t = self.doc, self.doc.pdf, self.t
        y = pdf.get_y()
        y += doc.write_block(
            t.gettext("Answer key"), x=self.left, y=y, width=self.width, size=TITLE_SIZE, bold=True
        )
        y += doc.write_block(self.title, x=self.left, y=y, width=self.width, size=TEXT_SIZE + 1)
        version = t.gettext("Version {seed}", seed=str(self.version.seed))
        y += doc.write_block(version, x=self.left, y=y, width=self.width, size=TEXT_SIZE, bold=True)
        pdf.set_y(y + 4)
        self._key_head()
        for item in self.version.items:
            self._key_row(
                str(item.number), self._key_answer(item), item.question.explain, str(item.points)
            )
        after = len(self.version.items)
        for offset, shown in enumerate(self.version.mysteries, start=1):
            mystery = self.pack.rounds[shown.round_index]
            also = None
            if mystery.accept:
                also = t.gettext("Also accepted: {answers}", answers=t.join(mystery.accept, "or"))
            answer = f"{t.gettext('What is hidden here?')} {mystery.answer}"
            self._key_row(str(after + offset), answer, also, "")
        pdf.set_y(pdf.get_y() + 2)
        total = t.ngettext(
            "Total: {count} point", "Total: {count} points", self.version.total_points
        )
        doc.keep_together(8)
        doc.write_block(
            total,
            x=self.left,
            y=pdf.get_y(),
            width=self.width,
            size=KEY_SIZE + 1,
            bold=True,
            align="R",
        )

    def _key_columns(self) -> tuple[float, float, float]:
        """The x of the key's columns: number, answer, points (their right edge)."""
        return self.left, self.left + 12, self.right

    def _key_head(self) -> None:
        doc, pdf, t = self.doc, self.doc.pdf, self.t
        number_x, answer_x, right = self._key_columns()
        y = pdf.get_y()
        pdf.set_text_color(FAINT)
        doc.write_block(
            t.gettext("No."), x=number_x, y=y, width=12, size=SMALL_SIZE + 1, bold=True, align="L"
        )
        doc.write_block(
            t.gettext("Right answer"),
            x=answer_x,
            y=y,
            width=right - answer_x - 25,
            size=SMALL_SIZE + 1,
            bold=True,
            align="L",
        )
        height = doc.write_block(
            t.gettext("Points"),
            x=right - 25,
            y=y,
            width=25,
            size=SMALL_SIZE + 1,
            bold=True,
            align="R",
        )
        pdf.set_text_color(INK)
        y += height + 1
        pdf.set_line_width(0.5)
        pdf.line(number_x, y, right, y)
        pdf.set_y(y + 1.5)

    def _key_row(self, number: str, answer: str, note: str | None, points: str) -> None:
        doc, pdf = self.doc, self.doc.pdf
        number_x, answer_x, right = self._key_columns()
        answer_width = right - answer_x - 25
        height = self._height(answer, answer_width, KEY_SIZE)
        if note:
            height += self._height(note, answer_width, SMALL_SIZE + 0.5)
        page = pdf.page
        doc.keep_together(height + 3)
        if pdf.page != page:
            self._key_head()
        y = pdf.get_y()
        self._label(number, x=number_x, y=y, width=12, size=KEY_SIZE, bold=True)
        if points:
            self._label(points, x=right - 25, y=y, width=25, size=KEY_SIZE, align="R")
        # beside its number, whichever way its script runs: a key row reads as one line
        used = doc.write_block(
            answer, x=answer_x, y=y, width=answer_width, size=KEY_SIZE, align="L"
        )
        if note:
            pdf.set_text_color(FAINT)
            used += doc.write_block(
                note, x=answer_x, y=y + used, width=answer_width, size=SMALL_SIZE + 0.5, align="L"
            )
            pdf.set_text_color(INK)
        y += used + 1.2
        self._rule(number_x, y, right)
        pdf.set_y(y + 1.5)

    def _key_answer(self, item: ExamItem) -> str:
        """The right answer of ``item`` as the key prints it, in the sheet's words."""
        t = self.t
        question = item.question
        if isinstance(question, ChoiceQuestion):
            by_letter = dict(item.lettered_choices)
            named = [f"{letter}\u2002{by_letter[letter]}" for letter in item.right_letters]
            if len(named) > 1:  # the rule the sheet prints under the prompt
                return t.gettext(
                    "{answers} (any one of them is right)", answers=t.join(named, "or")
                )
            return named[0]
        if isinstance(question, TrueFalseQuestion):
            return t.gettext("True") if question.answer else t.gettext("False")
        shown = t.render(right_answer_text(question))
        if isinstance(question, TypedQuestion) and question.accept:
            also = t.gettext("Also accepted: {answers}", answers=t.join(question.accept, "or"))
            return f"{shown}\n{also}"
        return shown

    # -- every page ------------------------------------------------------------------

    def finished(self, *, stamp_version: bool) -> Document:
        """The document with each page's number at its foot and, on an exam and its key,
        the version in the top corner."""
        pdf = self.doc.pdf
        pages = pdf.pages_count
        last = pdf.page
        margin = pdf.b_margin
        foot = pdf.h - margin / 2 - 2  # in the bottom margin, below every question
        pdf.set_auto_page_break(False, margin=margin)
        version = self.t.gettext("Version {seed}", seed=str(self.version.seed))
        pdf.set_text_color(FAINT)
        for page in range(1, pages + 1):
            pdf.page = page
            # fpdf2 selects a font in a page's content only when it changes: back on an
            # earlier page, the font (and colour) of the page's last text must be set again
            pdf.current_font_is_set_on_page = False
            pdf.set_text_color(FAINT)
            self._label(
                f"{page} / {pages}",
                x=self.left,
                y=foot,
                width=self.width,
                size=SMALL_SIZE,
                align="C",
            )
            if stamp_version:
                self._label(
                    version,
                    x=self.left,
                    y=pdf.t_margin / 2 - 2,
                    width=self.width,
                    size=SMALL_SIZE,
                    align="R",
                )
        pdf.set_text_color(INK)
        pdf.page = last
        pdf.set_auto_page_break(True, margin=margin)
        return self.doc


def _upright_size(path: Path) -> tuple[int, int] | None:
    """The picture's size in pixels as it shows upright (EXIF orientations 5-8 turn it a
    quarter), or None when it cannot be read."""
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    try:
        with Image.open(path) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    if width < 1 or height < 1:
        return None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def _covered_picture(
    path: Path | None,
    rows: int,
    cols: int,
    open_tiles: tuple[Tile, ...],
    size: tuple[float, float],
) -> object | None:
    """The mystery picture (a Pillow image) upright, on white, resampled to
    :data:`~clarity.printing.document.PICTURE_DPI` at ``size`` mm, every tile but
    ``open_tiles`` filled with the covered grey; None without a readable picture."""
    if path is None:
        return None
    from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError  # noqa: PLC0415

    try:
        with Image.open(path) as opened:
            opened.seek(0)
            image = ImageOps.exif_transpose(opened)
            image.load()
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    picture = Image.alpha_composite(white, rgba).convert("RGB")
    width = max(1, min(picture.width, round(size[0] / 25.4 * PICTURE_DPI)))
    height = max(1, min(picture.height, round(size[1] / 25.4 * PICTURE_DPI)))
    picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(picture)
    opened_tiles = set(open_tiles)
    for row in range(rows):
        for col in range(cols):
            if Tile(row, col) in opened_tiles:
                continue
            box = (
                col * width // cols,
                row * height // rows,
                (col + 1) * width // cols,
                (row + 1) * height // rows,
            )
            draw.rectangle(box, fill=(COVER, COVER, COVER))
    return picture
