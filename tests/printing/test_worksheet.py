"""Worksheets, exams and answer keys from real pack files, read back with poppler: every
question prints whole on one page, the key holds every answer and names its version, the
same seed prints the same exam byte for byte, and the mystery's covered tiles are not in
the PDF."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from clarity.core.exam import exam_version, tiles_shown
from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.models import ChoiceQuestion, Pack, TrueFalseQuestion, TypedQuestion
from clarity.printing.document import Document, PageStyle
from clarity.printing.worksheet import (
    BLOCK_GAP,
    COVER,
    answer_key,
    exam,
    sheet_translator,
    worksheet,
)
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from printing.pdf_reading import page_count, page_png, page_text, pdffonts, pdftotext
from system_packages import require_system_package

LONG_PROMPT = " ".join(
    f"Сорок второй вопрос о Союзном государстве, часть {i}: договор 1999 года и его статьи."
    for i in range(1, 19)
)

EVERY_KIND = f"""\
clarity: 1
id: every-kind
title: Союзное государство — все виды вопросов
description: Every kind of question, in Russian, with pictures and a very long prompt.
language: ru
rounds:
  - image: mystery.png
    answer: Беларусь
    accept: [Республика Беларусь]
    grid: 3x4
questions:
  - type: choice
    prompt: Какой город — столица Беларуси?
    image: minsk.png
    choices: [Минск, Москва, Вильнюс, Рига, Киев, Варшава]
    answer: Минск
    explain: Минск — столица Беларуси с 1919 года.
    difficulty: easy
  - type: choice
    prompt: Какие страны граничат с Беларусью?
    choices: [Россия, Польша, Германия, Франция]
    answer: [Россия, Польша]
    difficulty: hard
  - type: choice
    prompt: Выберите последний вариант.
    choices: [Один, Два, Все перечисленные]
    answer: Все перечисленные
    shuffle: false
  - type: truefalse
    prompt: Договор о создании Союзного государства подписан в 1999 году.
    answer: true
  - type: truefalse
    prompt: Столица Союзного государства — Вильнюс.
    answer: false
    image: tall.png
  - type: typed
    prompt: Как называется высший орган Союзного государства?
    answer: Высший Государственный Совет
    accept: [Высший госсовет]
    difficulty: hard
  - type: number
    prompt: Сколько лет прошло от 1999 до 2024 года?
    answer: 25
    tolerance: 1
  - type: typed
    prompt: "{LONG_PROMPT}"
    answer: Договор
"""


def write_picture(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> None:
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4), fill=(0, 0, 0))
    image.save(path)


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory: pytest.TempPathFactory) -> LoadedPack:
    folder = tmp_path_factory.mktemp("every-kind")
    (folder / "every_kind.yaml").write_text(EVERY_KIND, encoding="utf-8")
    write_picture(folder / "mystery.png", (800, 600), (40, 160, 40))
    write_picture(folder / "minsk.png", (640, 400), (200, 60, 60))
    write_picture(folder / "tall.png", (300, 900), (60, 60, 200))
    loaded = load_pack(folder / "every_kind.yaml", assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.first_error
    return loaded


def bundled(name: str) -> LoadedPack:
    loaded = load_pack(bundled_questions_dir() / name, assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.first_error
    return loaded


@pytest.fixture(
    scope="module",
    # the Union State's 47 questions take seconds to lay out and read back
    params=["solar_system.yaml", pytest.param("union_state.yaml", marks=pytest.mark.slow)],
)
def bundled_pack(request: pytest.FixtureRequest) -> LoadedPack:
    return bundled(request.param)


def plain(text: str) -> str:
    """``text`` with every run of white space one space: lines wrap where the page ends.
    The sheets never hyphenate (fpdf2 breaks lines at spaces), so no hyphen is removed."""
    return " ".join(text.split())


def saved(document: Document, folder: Path, name: str) -> Path:
    target = folder / name
    document.save(target)
    return target


def pages_of(path: Path) -> list[str]:
    """Each page's text, whitespace made plain."""
    return [plain(page_text(path, page)) for page in range(1, page_count(path) + 1)]


def key_answers(pack: Pack, seed: int) -> list[str]:
    """What the key must hold for each question of the version: its right answer's text."""
    words = sheet_translator(pack)
    wanted = []
    for item in exam_version(pack, seed=seed).items:
        question = item.question
        if isinstance(question, ChoiceQuestion):
            wanted.extend(question.right_answers)
        elif isinstance(question, TrueFalseQuestion):
            wanted.append(words.gettext("True") if question.answer else words.gettext("False"))
        else:
            wanted.append(question.answer)
            if isinstance(question, TypedQuestion):
                wanted.extend(question.accept)
    return wanted


def check_every_question_whole_on_one_page(pack: Pack, pages: list[str], seed: int) -> None:
    """Each question's prompt, choices and number are on one page: no block cut in half."""
    for item in exam_version(pack, seed=seed).items:
        question = item.question
        parts = [plain(question.prompt), *(plain(c) for c in item.choices)]
        holding = [i for i, page in enumerate(pages) if plain(question.prompt) in page]
        assert holding, f"prompt {question.prompt!r} is not printed"
        page = pages[holding[0]]
        for part in parts:
            assert part in page, f"{part!r} is not on the page of {question.prompt!r}"


def test_a_bundled_packs_exam_prints_every_question_and_its_key_every_answer(
    bundled_pack: LoadedPack, tmp_path: Path
) -> None:
    pack = bundled_pack.pack
    assert pack is not None
    path = saved(exam(pack, bundled_pack.images, PageStyle(), seed=77, key=True), tmp_path, "e.pdf")
    pages = pages_of(path)
    check_every_question_whole_on_one_page(pack, pages, 77)
    key_start = next(i for i, page in enumerate(pages) if "Answer key" in page)
    key = " ".join(pages[key_start:])
    for answer in key_answers(pack, 77):
        assert plain(answer) in key, answer
    assert "Version 77" in key
    assert f"Total: {exam_version(pack, seed=77).total_points} points" in key
    # the exam's pages name no answer key; the key starts on a page of its own
    assert all("Answer key" not in page for page in pages[:key_start])
    assert key_start + page_count(
        saved(answer_key(pack, bundled_pack.images, PageStyle(), seed=77), tmp_path, "k.pdf")
    ) == len(pages)
    # in the corner of every page (poppler may read the narrow space of the corner as none)
    assert all(re.search(r"Version ?77", page) for page in pages)


def test_a_bundled_packs_worksheet_follows_the_packs_order(
    bundled_pack: LoadedPack, tmp_path: Path
) -> None:
    pack = bundled_pack.pack
    assert pack is not None
    text = plain(
        pdftotext(saved(worksheet(pack, bundled_pack.images, PageStyle()), tmp_path, "w.pdf"))
    )
    places = [text.index(plain(q.prompt)) for q in pack.questions]
    assert places == sorted(places)
    for number in range(1, len(pack.questions) + 1):
        assert f"{number}. " in text
    assert "Name:" in text
    assert "Class:" in text
    assert "Date:" in text
    assert "What is hidden here?" in text
    assert "Your guess:" in text
    # a worksheet has no points, no version and no key
    assert "point" not in text
    assert "Version" not in text
    assert "Answer key" not in text


def test_every_kind_of_question_in_russian_prints_with_its_pictures(
    every_kind: LoadedPack, tmp_path: Path
) -> None:
    pack = every_kind.pack
    assert pack is not None
    path = saved(exam(pack, every_kind.images, PageStyle(), seed=5, key=True), tmp_path, "e.pdf")
    pages = pages_of(path)
    check_every_question_whole_on_one_page(pack, pages, 5)
    text = " ".join(pages)
    assert plain(LONG_PROMPT) in text  # wrapped over many lines, every word kept
    words = sheet_translator(pack)
    assert words.gettext("True") == "Верно"  # the pack's language, not the computer's
    assert text.count("Верно") >= 2
    assert "Неверно" in text
    key = text[text.index(words.gettext("Answer key")) :]
    for answer in key_answers(pack, 5):
        assert plain(answer) in key, answer
    assert "Беларусь" in key
    assert "Республика Беларусь" in key
    # the picture of two questions, and the mystery's
    listing = subprocess.run(
        [require_system_package("pdfimages", "poppler-utils"), "-list", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()[2:]  # fmt: skip
    assert len(listing) == 3
    assert all(embedded for _, embedded, _ in pdffonts(path))


def test_the_choices_of_shuffle_false_keep_their_order_and_letters(
    every_kind: LoadedPack, tmp_path: Path
) -> None:
    pack = every_kind.pack
    assert pack is not None
    text = plain(
        pdftotext(
            saved(exam(pack, every_kind.images, PageStyle(), seed=9), tmp_path, "e.pdf"),
            layout=False,
        )
    )
    assert re.search(r"A\s+Один.*B\s+Два.*C\s+Все перечисленные", text)


def test_the_same_seed_prints_the_same_exam_and_another_seed_another(
    every_kind: LoadedPack, tmp_path: Path
) -> None:
    pack = every_kind.pack
    assert pack is not None
    one = exam(pack, every_kind.images, PageStyle(), seed=1234, key=True).output()
    again = exam(pack, every_kind.images, PageStyle(), seed=1234, key=True).output()
    other = exam(pack, every_kind.images, PageStyle(), seed=1235, key=True).output()
    assert one == again
    (tmp_path / "a.pdf").write_bytes(one)
    (tmp_path / "b.pdf").write_bytes(other)
    first, second = pdftotext(tmp_path / "a.pdf"), pdftotext(tmp_path / "b.pdf")
    assert first != second
    words = sheet_translator(pack)  # the pack's language: Russian once the catalog has it
    assert plain(words.gettext("Version {seed}", seed="1234")) in plain(first)
    assert plain(words.gettext("Version {seed}", seed="1235")) in plain(second)


def test_the_key_names_the_seed_and_lists_the_right_letters(
    every_kind: LoadedPack, tmp_path: Path
) -> None:
    pack = every_kind.pack
    assert pack is not None
    path = saved(answer_key(pack, every_kind.images, PageStyle(), seed=42), tmp_path, "k.pdf")
    text = plain(pdftotext(path))
    assert sheet_translator(pack).gettext("Version {seed}", seed="42") in text
    for item in exam_version(pack, seed=42).items:
        for letter in item.right_letters:
            choice = item.choices["ABCDEF".index(letter)]
            assert f"{letter} {choice}" in text
    # two right choices: either counts, said with the language's "or"
    two = next(i for i in exam_version(pack, seed=42).items if len(i.right_letters) == 2)
    first, second = (two.choices["ABCDEF".index(x)] for x in two.right_letters)
    assert re.search(rf"{first} или [A-F] {second}", text)


def test_questions_n_prints_n_questions(every_kind: LoadedPack, tmp_path: Path) -> None:
    pack = every_kind.pack
    assert pack is not None
    path = saved(exam(pack, every_kind.images, PageStyle(), seed=3, questions=3), tmp_path, "e.pdf")
    text = plain(pdftotext(path))
    printed = [q for q in pack.questions if plain(q.prompt) in text]
    chosen = exam_version(pack, seed=3, questions=3).items
    assert {q.prompt for q in printed} == {item.question.prompt for item in chosen}
    # the mystery picture is numbered after the three questions, and nothing after it
    hidden = sheet_translator(pack).gettext("What is hidden here?")
    assert re.search(rf"4\.\s+{re.escape(hidden)}", text)
    assert "5." not in text


def test_the_mystery_box_holds_only_the_open_tiles_of_the_picture(
    every_kind: LoadedPack, tmp_path: Path
) -> None:
    pack = every_kind.pack
    assert pack is not None
    path = saved(worksheet(pack, every_kind.images, PageStyle(), seed=8), tmp_path, "w.pdf")
    program = require_system_package("pdfimages", "poppler-utils")
    subprocess.run([program, "-png", str(path), str(tmp_path / "img")], check=True)
    mysteries = []
    for png in sorted(tmp_path.glob("img-*.png")):
        with Image.open(png) as image:
            if abs(image.width / image.height - 4 / 3) < 0.01:
                mysteries.append(image.convert("RGB"))
    assert len(mysteries) == 1
    mystery = mysteries[0]
    version = exam_version(pack, seed=8, keep_order=True)
    assert len(version.open_tiles) == tiles_shown(12) == 2
    grey = (COVER, COVER, COVER)
    for row in range(3):
        for col in range(4):
            # a tile's top-left quarter point: the green of the picture, never its ellipse
            x = int((col + 0.1) * mystery.width / 4)
            y = int((row + 0.1) * mystery.height / 3)
            pixel = mystery.getpixel((x, y))
            if (row, col) in {(t.row, t.col) for t in version.open_tiles}:
                assert pixel != grey, (row, col, pixel)
                assert pixel[1] > 120, (row, col, pixel)  # the green of the picture
            else:
                assert pixel == grey, (row, col, pixel)


def test_a_long_pack_is_laid_out_on_pages_with_a_number_each(
    every_kind: LoadedPack, tmp_path: Path
) -> None:
    pack = every_kind.pack
    assert pack is not None
    path = saved(worksheet(pack, every_kind.images, PageStyle(paper="letter")), tmp_path, "w.pdf")
    pages = pages_of(path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert re.search(rf"(^| ){number} ?/ ?{len(pages)}($| )", page)
    png = page_png(path, 1, dpi=40)
    with Image.open(png) as image:
        assert image.convert("L").getextrema()[0] < 60  # something dark is printed


def test_a_sheet_without_its_pictures_still_prints_every_question_and_the_grid(
    every_kind: LoadedPack, tmp_path: Path
) -> None:
    pack = every_kind.pack
    assert pack is not None
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture at all")
    images = {"minsk.png": broken}  # one unreadable, the others (and the mystery) missing
    document = worksheet(pack, images, PageStyle(), title="Контрольная для 9 «Б»")
    path = saved(document, tmp_path, "w.pdf")
    text = plain(pdftotext(path))
    assert "Контрольная для 9 «Б»" in text
    assert pack.title not in text  # the teacher's title replaces the pack's
    for question in pack.questions:
        assert plain(question.prompt) in text
    listing = subprocess.run(
        [require_system_package("pdfimages", "poppler-utils"), "-list", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()[2:]  # fmt: skip
    assert listing == []
    # the mystery's grid still shows its covered tiles: 12 tiles, 2 open, a "?" on each
    in_prompts = sum(question.prompt.count("?") for question in pack.questions)
    heading = sheet_translator(pack).gettext("What is hidden here?").count("?")
    assert text.count("?") == in_prompts + heading + 10


def test_every_block_is_drawn_within_the_height_it_kept_together(
    every_kind: LoadedPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No question is cut across pages: each block reserves its measured height with
    keep_together, and what is drawn never runs past it (the next block starts right
    below, on the same page, or at the top of the next)."""
    pack = every_kind.pack
    assert pack is not None
    kept: list[tuple[int, float, float, float, float]] = []
    keep_together = Document.keep_together

    def recorded(self: Document, height: float) -> None:
        keep_together(self, height)
        pdf = self.pdf
        kept.append((pdf.page, pdf.get_y(), height, pdf.page_break_trigger, pdf.t_margin))

    monkeypatch.setattr(Document, "keep_together", recorded)
    sheets = [
        lambda style: exam(pack, every_kind.images, style, seed=11),
        lambda style: worksheet(pack, every_kind.images, style),
        lambda style: answer_key(pack, every_kind.images, style, seed=11),
    ]
    for paper, sheet in itertools.product(("a4", "letter"), sheets):
        kept.clear()
        sheet(PageStyle(paper=paper))
        assert len(kept) >= len(pack.questions)  # each question, or its row in the key
        for (page, y, height, bottom, top), (next_page, next_y, *_) in itertools.pairwise(kept):
            assert y + height <= bottom + 0.01  # the block fits on its page
            if next_page == page:
                assert next_y <= y + height + BLOCK_GAP + 0.5  # drawn within what it kept
            else:
                assert (next_page, next_y) == (page + 1, pytest.approx(top))


THREE_PICTURES = """\
clarity: 1
id: three-pictures
title: Три картинки
description: Three mystery pictures and two questions.
language: ru
rounds:
  - image: red.png
    answer: Польша
    grid: 3x4
  - image: green.png
    answer: Литва
    accept: [Летува]
    grid: 3x4
  - image: blue.png
    answer: Латвия
    grid: 3x4
questions:
  - type: truefalse
    prompt: Минск — столица Беларуси.
    answer: true
  - type: typed
    prompt: Как называется река в Минске?
    answer: Свислочь
"""
PICTURE_COLOURS = {"red.png": (200, 40, 40), "green.png": (40, 160, 40), "blue.png": (40, 40, 200)}


@pytest.fixture(scope="module")
def three_pictures(tmp_path_factory: pytest.TempPathFactory) -> LoadedPack:
    folder = tmp_path_factory.mktemp("three-pictures")
    (folder / "three.yaml").write_text(THREE_PICTURES, encoding="utf-8")
    for name, colour in PICTURE_COLOURS.items():
        write_picture(folder / name, (800, 600), colour)
    loaded = load_pack(folder / "three.yaml", assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.first_error
    return loaded


def test_every_round_of_the_pack_is_a_mystery_box_numbered_after_the_questions(
    three_pictures: LoadedPack, tmp_path: Path
) -> None:
    pack = three_pictures.pack
    assert pack is not None
    hidden = re.escape(sheet_translator(pack).gettext("What is hidden here?"))
    sheet = saved(worksheet(pack, three_pictures.images, PageStyle(), seed=4), tmp_path, "w.pdf")
    test = saved(
        exam(pack, three_pictures.images, PageStyle(), seed=4, key=True), tmp_path, "e.pdf"
    )
    for path in (sheet, test):
        # laid out as on the page: a heading's number on its line
        text = pdftotext(path, layout=True)
        assert [int(n) for n in re.findall(rf"(\d+)\. +{hidden}", text)] == [3, 4, 5]
    # each box holds its own picture, with that round's tiles open and the others grey
    program = require_system_package("pdfimages", "poppler-utils")
    subprocess.run([program, "-png", str(sheet), str(tmp_path / "img")], check=True)
    drawn = []
    for png in sorted(tmp_path.glob("img-*.png")):
        with Image.open(png) as image:
            drawn.append(image.convert("RGB"))
    assert len(drawn) == 3
    version = exam_version(pack, seed=4, keep_order=True)
    assert [m.round_index for m in version.mysteries] == [0, 1, 2]
    grey = (COVER, COVER, COVER)
    for picture, mystery, colour in zip(
        drawn, version.mysteries, PICTURE_COLOURS.values(), strict=True
    ):
        opened = {(t.row, t.col) for t in mystery.open_tiles}
        assert len(opened) == tiles_shown(12)
        for row in range(3):
            for col in range(4):
                x = int((col + 0.1) * picture.width / 4)
                y = int((row + 0.1) * picture.height / 3)
                pixel = picture.getpixel((x, y))
                expected = colour if (row, col) in opened else grey
                assert all(abs(a - b) <= 8 for a, b in zip(pixel, expected, strict=True)), (
                    mystery.round_index,
                    (row, col),
                    pixel,
                )
    # the key names every round's answer, and what else it accepts, under its number
    key = plain(pdftotext(saved(answer_key(pack, {}, PageStyle(), seed=4), tmp_path, "k.pdf")))
    for number, answer in ((3, "Польша"), (4, "Литва"), (5, "Латвия")):
        assert re.search(rf"\b{number} {hidden} {answer}\b", key), number
    assert "Летува" in key


def test_a_question_with_several_right_choices_says_so_on_the_sheet_and_in_the_key(
    every_kind: LoadedPack, tmp_path: Path
) -> None:
    pack = every_kind.pack
    assert pack is not None
    words = sheet_translator(pack)
    note = words.gettext("More than one answer is right: tick one of them.")
    several = next(
        q for q in pack.questions if isinstance(q, ChoiceQuestion) and len(q.right_answers) > 1
    )
    for document in (
        worksheet(pack, every_kind.images, PageStyle()),
        exam(pack, every_kind.images, PageStyle(), seed=42),
    ):
        text = plain(pdftotext(saved(document, tmp_path, "sheet.pdf")))
        # under that question's prompt (on the worksheet, nothing between them), and under
        # no other question (one right choice, or none)
        assert text.count(plain(note)) == 1
        assert text.index(plain(several.prompt)) < text.index(plain(note))
    assert f"{plain(several.prompt)} {plain(note)}" in plain(
        pdftotext(saved(worksheet(pack, every_kind.images, PageStyle()), tmp_path, "w.pdf"))
    )
    key = plain(pdftotext(saved(answer_key(pack, {}, PageStyle(), seed=42), tmp_path, "k.pdf")))
    rule = plain(words.gettext("{answers} (any one of them is right)", answers="\x00"))
    before, after = rule.split("\x00")
    two = next(i for i in exam_version(pack, seed=42).items if len(i.right_letters) == 2)
    first, second = (two.choices["ABCDEF".index(x)] for x in two.right_letters)
    letters = two.right_letters
    assert re.search(
        rf"{re.escape(before)}{letters[0]} {first} \S+ {letters[1]} {second}{re.escape(after)}",
        key,
    )
    assert key.count(after.strip()) == 1


HEBREW = """\
clarity: 1
id: hebrew
title: בירות
description: Capitals, in Hebrew.
language: he
rounds:
  - image: mystery.png
    answer: ירושלים
    grid: 2x3
questions:
  - type: choice
    prompt: מהי בירת צרפת?
    choices: [פריז, רומא, לונדון, ברלין]
    answer: פריז
    shuffle: false
  - type: typed
    prompt: מהי בירת ישראל?
    answer: ירושלים
"""


def words_on_page(path: Path, page: int) -> list[tuple[str, float, float, float]]:
    """Each word of ``page`` with its box in points: ``(text, x_min, y_min, x_max)``."""
    program = require_system_package("pdftotext", "poppler-utils")
    html = subprocess.run(
        [program, "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html
    )
    return [(text, float(x0), float(y0), float(x1)) for x0, y0, x1, text in found]


def hebrew(text: str) -> bool:
    return any("\u0590" <= c <= "\u05ff" for c in text)


def test_a_right_to_left_question_is_mirrored_around_its_number(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "hebrew.yaml").write_text(HEBREW, encoding="utf-8")
    write_picture(folder / "mystery.png", (600, 400), (40, 160, 40))
    loaded = load_pack(folder / "hebrew.yaml", assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.first_error
    path = saved(worksheet(loaded.pack, loaded.images, PageStyle()), tmp_path, "w.pdf")
    words = words_on_page(path, 1)
    middle = 595.28 / 2
    number = next(w for w in words if w[0] == "1.")
    assert number[1] > middle  # the number at the right margin
    same_line = [w for w in words if hebrew(w[0]) and abs(w[2] - number[2]) < 6]
    assert same_line, words
    # the prompt ends just before its number (a number's width: 9 mm), not a line away
    assert 0 < number[1] - max(w[3] for w in same_line) < 9 / 25.4 * 72
    # the first column of choices at the right, each choice at the left of its letter
    letter_a = next(w for w in words if w[0] == "A")
    assert letter_a[1] > middle
    paris = [w for w in words if hebrew(w[0]) and abs(w[2] - letter_a[2]) < 6 and w[1] > middle]
    assert paris
    assert 0 < letter_a[1] - max(w[3] for w in paris) < 9 / 25.4 * 72
    # the key's row reads as one line: a Hebrew answer beside its number, at the left
    key = saved(answer_key(loaded.pack, {}, PageStyle(), seed=0), tmp_path, "k.pdf")
    key_words = words_on_page(key, 1)
    two = next(w for w in key_words if w[0] == "2" and w[1] < 60)
    answer = [w for w in key_words if hebrew(w[0]) and abs(w[2] - two[2]) < 6]
    assert answer
    assert min(w[1] for w in answer) < middle / 2
