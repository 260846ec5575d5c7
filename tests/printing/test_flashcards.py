"""Flashcards: every prompt on a page of fronts, every answer on the page of backs behind
it, each back at its front's place mirrored (long-edge duplex), cut marks outside the
cards, text fitted to its card, pictures on the fronts, the pack's language around its words.
"""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from clarity.core.answers import right_answer_text
from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion
from clarity.i18n import translator_for
from clarity.printing.document import PAPER, POINT, PageStyle
from clarity.printing.flashcards import (
    CARD_HEIGHT,
    CARD_PADDING,
    CARD_WIDTH,
    ELLIPSIS,
    GUTTER,
    MARK_LENGTH,
    MARK_OFFSET,
    READABLE_TEXT,
    Box,
    Flashcards,
    Placement,
    cards_of,
    lay_out_flashcards,
    opening,
    sheet_layout,
)
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from printing.pdf_reading import page_count, page_png, pdffonts
from system_packages import require_system_package

BUNDLED = ["union_state.yaml", "solar_system.yaml"]

LONG_PROMPT = (
    "Прочитайте отрывок и ответьте на вопрос. "
    + "Союзное государство создано договором 8 декабря 1999 года, и с тех пор стороны "
    "согласуют общую политику в экономике, обороне и социальной сфере. "
    * 3
    + "В каком году подписан договор?"
)  # about 500 characters: shrinks, and still fits
TOO_LONG_PROMPT = ("Очень длинный вопрос о Союзном государстве, " * 45).strip()  # ~2000

PACK_YAML = f"""\
clarity: 1
id: every-type
title: Союзное государство
description: Набор со всеми типами вопросов.
language: ru
author: Мария Иванова
rounds:
  - image: kremlin.png
    answer: Кремль
    accept: [Московский Кремль]
    caption: Кремль стоит на Боровицком холме.
  - image: castle.png
    answer: Мирский замок
questions:
  - type: choice
    prompt: Какая река течёт через Минск?
    choices: [Свислочь, Днепр, Припять, Неман]
    answer: Свислочь
    explain: Свислочь течёт через весь город.
    image: river.png
  - type: choice
    prompt: Какие города — столицы?
    choices: [Минск, Гродно, Москва, Казань]
    answer: [Минск, Москва]
  - type: truefalse
    prompt: Беларусь и Россия сохраняют суверенитет.
    answer: true
    explain: Каждое государство остаётся суверенным.
  - type: truefalse
    prompt: У Союзного государства одна валюта.
    answer: false
  - type: typed
    prompt: Столица Беларуси?
    answer: Минск
    accept: [Мінск, Minsk]
  - type: number
    prompt: Сколько лет прошло от 1996 до 1999 года?
    answer: 3
    explain: Договор подписан в 1999 году.
  - type: number
    prompt: Население Минска, млн человек?
    answer: "2"
    min: "1,5"
    max: "2,5"
  - type: typed
    prompt: "{LONG_PROMPT}"
    answer: "1999"
  - type: typed
    prompt: "{TOO_LONG_PROMPT}"
    answer: длинный
"""

PICTURES = {
    "kremlin.png": (200, 30, 30),
    "castle.png": (30, 30, 200),
    "river.png": (30, 160, 30),
}


@pytest.fixture(scope="module")
def every_type(tmp_path_factory: pytest.TempPathFactory) -> LoadedPack:
    folder = tmp_path_factory.mktemp("pack")
    for name, colour in PICTURES.items():
        Image.new("RGB", (400, 300), colour).save(folder / name)
    (folder / "every_type.yaml").write_text(PACK_YAML, encoding="utf-8")
    loaded = load_pack(folder / "every_type.yaml", assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.problems
    return loaded


def bundled(name: str) -> LoadedPack:
    loaded = load_pack(bundled_questions_dir() / name, assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.problems
    return loaded


def printed(loaded: LoadedPack, folder: Path, **style: object) -> tuple[Flashcards, Path]:
    assert loaded.pack is not None
    cards = lay_out_flashcards(loaded.pack, loaded.images, PageStyle(**style))  # type: ignore[arg-type]
    target = folder / f"{loaded.pack.id}.pdf"
    cards.document.save(target)
    return cards, target


def squashed(text: str) -> str:
    """``text`` without white space: the PDF wraps it into lines."""
    return re.sub(r"\s+", "", text)


def card_text(path: Path, page: int, box: Box) -> str:
    """The text ``pdftotext`` reads inside ``box`` of ``page``, without white space (one card
    alone: read whole, a page's two columns come out interleaved line by line)."""
    program = require_system_package("pdftotext", "poppler-utils")
    crop = [round(value / POINT) for value in (box.x, box.y, box.width, box.height)]
    text = subprocess.run(
        [program, "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-r", "72",
         "-x", str(crop[0]), "-y", str(crop[1]), "-W", str(crop[2]), "-H", str(crop[3]),
         str(path), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    return squashed(text)


def sides(path: Path, placement: Placement) -> tuple[str, str]:
    """The text of ``placement``'s card: its front, its back."""
    return (
        card_text(path, placement.front_page, placement.front),
        card_text(path, placement.back_page, placement.back),
    )


def words_of(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """The words of ``page`` as ``pdftotext -bbox`` places them: (word, x min, y min,
    x max, y max) in mm from the page's top left corner."""
    program = require_system_package("pdftotext", "poppler-utils")
    html = subprocess.run(
        [program, "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    return [
        (word, float(x0) * POINT, float(y0) * POINT, float(x1) * POINT, float(y1) * POINT)
        for x0, y0, x1, y1, word in found
    ]


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_pack_prompts_on_fronts_answers_on_backs(name: str, tmp_path: Path) -> None:
    loaded = bundled(name)
    cards, path = printed(loaded, tmp_path)
    words = translator_for("en")
    assert loaded.pack is not None
    for placement, question in zip(cards.placements, loaded.pack.questions, strict=False):
        front, back = sides(path, placement)
        assert squashed(question.prompt) in front
        if isinstance(question, ChoiceQuestion):
            assert all(squashed(choice) in front for choice in question.choices)
        assert squashed(words.render(right_answer_text(question))) in back
        if question.explain:
            assert squashed(question.explain) in back
            assert squashed(question.explain) not in front
    for placement, mystery in zip(
        cards.placements[len(loaded.pack.questions) :], loaded.pack.rounds, strict=True
    ):
        front, back = sides(path, placement)
        assert front == squashed(f"{placement.card.number} What is in the picture?")
        assert squashed(mystery.answer) in back
        assert mystery.caption is None or squashed(mystery.caption) in back
    # the longest prompt of the bundled packs fits its card without a cut
    assert cards.shortened == ()
    cards_in_pack = len(loaded.pack.questions) + len(loaded.pack.rounds)
    assert page_count(path) == 2 * math.ceil(cards_in_pack / 8)


def test_every_question_type_in_russian(every_type: LoadedPack, tmp_path: Path) -> None:
    cards, path = printed(every_type, tmp_path)
    pack = every_type.pack
    assert pack is not None
    russian = translator_for("ru")
    fonts = pdffonts(path)
    assert fonts
    assert all(embedded for _, embedded, _ in fonts)
    text = {p.card.number: sides(path, p) for p in cards.placements}
    for number, question in enumerate(pack.questions, start=1):
        front, back = text[number]
        if question.prompt != TOO_LONG_PROMPT:
            assert squashed(question.prompt) in front
        assert squashed(russian.render(right_answer_text(question))) in back
        if isinstance(question, TrueFalseQuestion):
            assert squashed("Верно или неверно?") in front
            assert squashed("Верно" if question.answer else "Неверно") in back
            assert "True" not in back
            assert "False" not in back
    assert text[1][1] == squashed("1 Свислочь Свислочь течёт через весь город.")
    assert squashed("Минск или Москва") in text[2][1]
    also = russian.gettext("Also accepted: {answers}", answers="Мінск или Minsk")
    assert text[5][1] == squashed(f"5 Минск {also}")
    assert squashed("2 (от 1,5 до 2,5)") in text[7][1]
    front, back = text[len(pack.questions) + 1]
    assert front == squashed("10 Что на картинке?")
    assert back == squashed(
        f"10 Кремль {russian.gettext('Also accepted: {answers}', answers='Московский Кремль')}"
        " Кремль стоит на Боровицком холме."
    )


def test_long_prompt_shrinks_to_fit_and_a_longer_one_is_cut_and_said(
    every_type: LoadedPack, tmp_path: Path
) -> None:
    cards, path = printed(every_type, tmp_path)
    numbers = {p.card.front[0].text: p for p in cards.placements}
    fitted, cut = numbers[LONG_PROMPT], numbers[TOO_LONG_PROMPT]
    assert sides(path, fitted)[0] == squashed(f"{fitted.card.number} {LONG_PROMPT}")
    assert fitted.card.number not in cards.shortened
    assert cards.shortened == (cut.card.number,)
    front = sides(path, cut)[0]
    assert squashed(TOO_LONG_PROMPT[:200]) in front
    assert squashed(TOO_LONG_PROMPT) not in front
    assert ELLIPSIS in front
    # what is left of it still lies on its card: nothing below the card's bottom edge
    card_bottom = cut.front.y + cut.front.height
    card_words = [
        w for w in words_of(path, cut.front_page) if cut.front.x <= w[1] < cut.front.x + CARD_WIDTH
    ]
    assert card_words
    # (the card below starts a gutter lower)
    below = [w for w in card_words if cut.front.y <= w[2] < card_bottom + GUTTER / 2]
    assert max(w[4] for w in below) <= card_bottom - CARD_PADDING / 2


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_page_count_is_two_pages_per_sheet_of_eight(
    paper: str, every_type: LoadedPack, tmp_path: Path
) -> None:
    loaded = bundled("solar_system.yaml")
    assert loaded.pack is not None
    cards, path = printed(loaded, tmp_path, paper=paper)
    layout = cards.layout
    assert (layout.columns, layout.rows) == (2, 4)
    total = len(loaded.pack.questions) + len(loaded.pack.rounds)
    assert len(cards.placements) == total == 24
    assert page_count(path) == layout.pages(total) == 2 * math.ceil(24 / 8) == 6
    _, small_path = printed(every_type, tmp_path, paper=paper)
    assert page_count(small_path) == 2 * math.ceil(11 / 8) == 4


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_each_back_is_its_front_mirrored_across_the_vertical_centre(paper: str) -> None:
    style = PageStyle(paper=paper)
    layout = sheet_layout(style)
    width, height = PAPER[paper]
    fronts = [layout.front(slot) for slot in range(layout.per_page)]
    for slot, front in enumerate(fronts):
        back = layout.back(slot)
        assert back.x == pytest.approx(width - front.x - CARD_WIDTH)
        assert back.y == front.y
        # the back lands in the other column of the same row
        column = slot % layout.columns
        assert back.x == pytest.approx(fronts[slot - column + layout.columns - 1 - column].x)
        # inside the margins, with room for the cut marks
        assert style.margin <= front.x
        assert front.x + CARD_WIDTH <= width - style.margin
        assert style.margin <= front.y
        assert front.y + CARD_HEIGHT <= height - style.margin
    for one in fronts:
        for other in fronts:
            if one is not other:
                apart_x = one.x + CARD_WIDTH <= other.x or other.x + CARD_WIDTH <= one.x
                apart_y = one.y + CARD_HEIGHT <= other.y or other.y + CARD_HEIGHT <= one.y
                assert apart_x or apart_y


def test_card_numbers_in_the_pdf_sit_at_mirrored_places(tmp_path: Path) -> None:
    cards, path = printed(bundled("solar_system.yaml"), tmp_path, paper="letter")
    page_width = PAPER["letter"][0]
    for placement in cards.placements:
        label = str(placement.card.number)
        box = placement.front
        # the number, from the layout: right-aligned in the card's top corner
        on_front = [
            w
            for w in words_of(path, placement.front_page)
            if w[0] == label
            and box.x + CARD_WIDTH - CARD_PADDING - 2 <= w[3] <= box.x + CARD_WIDTH - CARD_PADDING
            and box.y <= w[2] <= box.y + CARD_PADDING
        ]
        assert len(on_front) == 1, (label, on_front)
        _, x0, y0, x1, _ = on_front[0]
        # from the PDF alone: the card's left edge is its number's right edge plus the
        # padding (and fpdf2's cell margin) minus its width; mirrored, the back's number
        # is where the same rule puts it
        right_gap = (box.x + CARD_WIDTH) - x1
        mirrored_left = page_width - (x1 + right_gap)
        expected_right = mirrored_left + CARD_WIDTH - right_gap
        on_back = [w for w in words_of(path, placement.back_page) if w[0] == label]
        assert any(abs(w[3] - expected_right) < 0.3 and abs(w[2] - y0) < 0.3 for w in on_back), (
            label,
            expected_right,
            on_back,
        )
        assert abs(expected_right - (placement.back.x + CARD_WIDTH - right_gap)) < 0.01
        assert x0 < x1


def test_cut_marks_lie_outside_every_card_at_its_corners() -> None:
    layout = sheet_layout(PageStyle())
    marks = layout.cut_marks()
    boxes = [layout.front(slot) for slot in range(layout.per_page)]
    assert len(marks) == 8 * layout.per_page
    for mark in marks:
        length = math.hypot(mark.x2 - mark.x1, mark.y2 - mark.y1)
        assert length == pytest.approx(MARK_LENGTH)
        assert mark.x1 == mark.x2 or mark.y1 == mark.y2
        for box in boxes:
            for t in (0.0, 0.5, 1.0):
                x = mark.x1 + t * (mark.x2 - mark.x1)
                y = mark.y1 + t * (mark.y2 - mark.y1)
                inside = box.x < x < box.x + box.width and box.y < y < box.y + box.height
                assert not inside
    for box in boxes:
        corner_marks = [
            m
            for m in marks
            if min(abs(m.x1 - box.x), abs(m.x1 - box.x - box.width)) < 1e-9
            and min(abs(m.y1 - box.y), abs(m.y1 - box.y - box.height)) <= MARK_OFFSET + 1e-9
        ]
        assert len(corner_marks) >= 4  # a vertical mark above or below each corner
    # fewer cards on the last sheet, fewer marks
    assert len(layout.cut_marks(3)) == 24


def dark(image: Image.Image, x: float, y: float, dpi: int) -> bool:
    """Whether something is drawn at (``x``, ``y``) mm of a page drawn at ``dpi``: a pixel
    around it (a thin line is one or two pixels wide, anti-aliased) is well below white."""
    column, row = round(x / 25.4 * dpi), round(y / 25.4 * dpi)
    grey = image.convert("L")
    around = [grey.getpixel((column + i, row + j)) for i in (-1, 0, 1) for j in (-1, 0, 1)]
    return min(around) < 180


def test_cut_marks_and_pictures_are_drawn(every_type: LoadedPack, tmp_path: Path) -> None:
    cards, path = printed(every_type, tmp_path)
    dpi = 150
    front = Image.open(page_png(path, 1, dpi=dpi)).convert("RGB")
    back = Image.open(page_png(path, 2, dpi=dpi)).convert("RGB")

    def at(image: Image.Image, x: float, y: float) -> tuple[int, ...]:
        return image.getpixel((round(x / 25.4 * dpi), round(y / 25.4 * dpi)))

    for mark in cards.layout.cut_marks(8):
        middle = ((mark.x1 + mark.x2) / 2, (mark.y1 + mark.y2) / 2)
        assert dark(front, *middle, dpi), mark
        assert not dark(back, *middle, dpi), mark
    river = next(p for p in cards.placements if p.card.picture == "river.png")
    box = river.front
    assert at(front, box.x + CARD_WIDTH / 2, box.y + 10) == pytest.approx(
        PICTURES["river.png"], abs=12
    )
    # the picture gives up height so that the prompt and choices stay readable
    prompt_word = next(w for w in words_of(path, 1) if w[0] == "Какая")
    assert prompt_word[4] - prompt_word[2] >= READABLE_TEXT * POINT
    back_box = river.back
    assert not dark(back, back_box.x + CARD_WIDTH / 2, back_box.y + 10, dpi)


def test_cut_lines_outline_every_card_when_asked(every_type: LoadedPack, tmp_path: Path) -> None:
    assert every_type.pack is not None
    dashed = lay_out_flashcards(every_type.pack, every_type.images, PageStyle(), cut_lines=True)
    dashed.document.save(tmp_path / "dashed.pdf")
    plain, plain_path = printed(every_type, tmp_path)
    dpi = 150

    def edge_darkness(path: Path, page: int) -> int:
        image = Image.open(page_png(path, page, dpi=dpi))
        box = plain.placements[0].front if page == 1 else plain.placements[0].back
        return sum(1 for step in range(60) if dark(image, box.x + 10 + step, box.y, dpi))

    for page in (1, 2):
        assert edge_darkness(plain_path, page) == 0
        assert edge_darkness(tmp_path / "dashed.pdf", page) > 20  # dashes and gaps


def test_cards_come_in_the_pack_order_then_the_rounds(every_type: LoadedPack) -> None:
    assert every_type.pack is not None
    cards = cards_of(every_type.pack)
    assert [card.number for card in cards] == list(range(1, 12))
    assert [card.mystery for card in cards] == [False] * 9 + [True, True]
    assert cards[0].picture == "river.png"
    assert cards[9].picture == "kremlin.png"
    assert [line.text for line in cards[0].front[1:]] == [
        "A  Свислочь",
        "B  Днепр",
        "C  Припять",
        "D  Неман",
    ]


MIDDLE_PROMPT = (
    "Союзное государство создано договором 8 декабря 1999 года, стороны согласуют политику. " * 13
    + "В каком году подписан договор?"
)  # about 1,150 characters: too long for one card at the smallest size, fits on two

TALL_PACK = f"""\
clarity: 1
id: tall-cards
title: Длинные вопросы
description: Вопросы длиннее одной карточки.
language: ru
rounds:
  - image: castle.png
    answer: Мирский замок
questions:
  - type: typed
    prompt: Столица Беларуси?
    answer: Минск
  - type: typed
    prompt: "{MIDDLE_PROMPT}"
    answer: "1999"
    explain: Договор подписан в Москве.
  - type: truefalse
    prompt: Минск стоит на Свислочи.
    answer: true
  - type: choice
    prompt: "{TOO_LONG_PROMPT} КОНЕЦ?"
    choices: [Да, Нет]
    answer: Да
  - type: typed
    prompt: Столица России?
    answer: Москва
"""


def test_a_prompt_too_long_for_one_card_takes_two_places_and_its_back_lies_behind(
    tmp_path: Path,
) -> None:
    Image.new("RGB", (400, 300), PICTURES["castle.png"]).save(tmp_path / "castle.png")
    (tmp_path / "tall.yaml").write_text(TALL_PACK, encoding="utf-8")
    loaded = load_pack(tmp_path / "tall.yaml", assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.problems
    cards, path = printed(loaded, tmp_path)
    layout = cards.layout
    by_number = {p.card.number: p for p in cards.placements}
    tall_height = 2 * CARD_HEIGHT + GUTTER
    assert [by_number[n].front.height for n in range(1, 7)] == [
        CARD_HEIGHT, tall_height, CARD_HEIGHT, tall_height, CARD_HEIGHT, CARD_HEIGHT
    ]  # fmt: skip
    # the whole middle prompt is on its double card, nothing cut, and its answer behind it
    middle = by_number[2]
    front, back = sides(path, middle)
    assert front == squashed(f"2 {MIDDLE_PROMPT}")
    assert squashed("1999") in back
    assert squashed("Договор подписан в Москве.") in back
    assert middle.back == middle.front.mirrored(layout.page_width)
    # a double card is two slots of one column, one above the other, on one sheet
    assert middle.front in (layout.tall(slot) for slot in range(layout.per_page - layout.columns))
    assert all(p.front_page == 1 for p in cards.placements)
    assert page_count(path) == 2
    # no two cards overlap, front or back, and every card stays inside the margins
    width, height = PAPER["a4"]
    for one in cards.placements:
        assert one.front.y >= 15
        assert one.front.y + one.front.height <= height - 15
        assert one.front.x >= 15
        assert one.front.x + one.front.width <= width - 15
        for other in cards.placements:
            if one is not other:
                a, b = one.front, other.front
                assert (
                    a.x + a.width <= b.x or b.x + b.width <= a.x
                    or a.y + a.height <= b.y or b.y + b.height <= a.y
                ), (one.card.number, other.card.number)  # fmt: skip
    # the cut marks are drawn at the double card's own corners, on the fronts only
    dpi = 150
    fronts = Image.open(page_png(path, 1, dpi=dpi))
    bottom = middle.front.y + middle.front.height + MARK_OFFSET + MARK_LENGTH / 2
    assert dark(fronts, middle.front.x, bottom, dpi)
    # (it is in the right column: no single card's mark would be beside its middle)
    assert middle.front.x > width / 2
    outside = middle.front.x + CARD_WIDTH + MARK_OFFSET + MARK_LENGTH / 2
    assert dark(fronts, outside, middle.front.y, dpi)
    for split in (middle.front.y + CARD_HEIGHT, middle.front.y + CARD_HEIGHT + GUTTER):
        assert not dark(fronts, outside, split, dpi)
    # a 2,000-character prompt does not fit even there: it is cut with an ellipsis on its
    # double card, and listed with its first words so the command can say which
    cut = by_number[4]
    assert cards.shortened == (4,)
    assert [card.number for card in cards.shortened_cards()] == [4]
    assert opening(cut.card) == "Очень длинный вопрос о Союзном государстве," + ELLIPSIS
    cut_front = sides(path, cut)[0]
    assert ELLIPSIS in cut_front
    assert "КОНЕЦ" not in cut_front
    assert len(cut_front) > 1000  # far more of it than one card holds
