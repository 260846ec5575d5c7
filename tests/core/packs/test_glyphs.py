"""Text the game cannot show: validate names the characters and the language (issue 9,
part 2; case 08-missing-glyphs-cjk-rtl-emoji)."""

from __future__ import annotations

from pathlib import Path

from clarity.core.packs.glyphs import missing_characters, warn_about_glyphs
from clarity.core.packs.plain_yaml import compose
from clarity.core.packs.report import Report

PACK = """\
clarity: 1
id: scripts
title: Test scripts
language: ko
rounds:
  - image: pic.png
    answer: 富士山 Fuji
questions:
  - type: choice
    prompt: "首都は？ 서울 · 🌍"
    choices: ["東京 Tokyo", "Apple"]
    answer: "東京 Tokyo"
"""

LATIN_AND_KANJI = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ?·\"'")
LATIN_AND_KANJI |= set("首都は？東京富士山")


def only_latin_and_kanji(character: str) -> bool:
    return character in LATIN_AND_KANJI


def warnings(text: str) -> list[str]:
    report = Report(Path("pack.yaml"))
    tree = compose(text, report)
    assert tree is not None
    raw, positions = tree
    warn_about_glyphs(raw, positions, report, only_latin_and_kanji)
    return [str(problem) for problem in report.problems()]


def test_characters_no_font_draws_are_named_at_the_value() -> None:
    found = warnings(PACK)
    prompt = [w for w in found if "questions[0].prompt" in w]
    assert len(prompt) == 1
    assert prompt[0].startswith("pack.yaml:10:13: warning: questions[0].prompt: ")
    assert "U+C11C 서, U+C6B8 울, U+1F30D 🌍" in prompt[0]
    assert "another computer may have other fonts" in prompt[0]


def test_a_language_whose_letters_no_font_draws_is_warned_at_the_language() -> None:
    found = warnings(PACK)
    language = [w for w in found if ": language:" in w]
    assert language == [
        'pack.yaml:4:11: warning: language: "ko" is written in Korean (Hangul) letters, which '
        "no font on this computer can draw: the pack's text would show as empty boxes here "
        "(another computer may have a font for them)"
    ]


def test_a_language_with_a_region_is_checked_by_its_language() -> None:
    found = warnings(PACK.replace("language: ko", "language: ko-KR"))
    assert any('"ko-KR" is written in Korean' in w for w in found)


def test_drawable_text_and_fields_not_shown_get_no_warning() -> None:
    text = PACK.replace("language: ko", "language: en").replace(" 서울 · 🌍", "")
    # the picture's name and the id are never drawn, whatever their letters
    text = text.replace("image: pic.png", "image: 서울.png").replace("id: scripts", "id: 서울")
    assert warnings(text) == []


def test_invisible_characters_are_never_missing() -> None:
    from clarity.fonts import FontChain

    chain = FontChain(())  # no font at all: only what needs no glyph can be drawn
    # ZWJ, a variation selector, the marks RLM and LRM, a tab, a no-break space
    assert missing_characters("\u200d\ufe0f\u200f\u200e\t\u00a0", chain.can_draw) == []
    assert missing_characters("a\u200db", chain.can_draw) == ["a", "b"]


def test_many_missing_characters_are_counted_past_the_first_eight() -> None:
    text = PACK.replace("서울 · 🌍", "가나다라마바사아자차")
    prompt = next(w for w in warnings(text) if "prompt" in w)
    assert "U+C544 아 and 2 more" in prompt


def test_each_distinct_character_is_asked_about_once_per_pack() -> None:
    asked: list[str] = []

    def counting(character: str) -> bool:
        asked.append(character)
        return only_latin_and_kanji(character)

    # a long answer of few distinct characters, and the same characters in other fields
    text = PACK.replace('answer: "東京 Tokyo"', f'answer: "{"東京" * 50_000} Tokyo"')
    report = Report(Path("pack.yaml"))
    tree = compose(text, report)
    assert tree is not None
    warn_about_glyphs(*tree, report, counting)

    assert len(asked) == len(set(asked))
    assert set("東京 Tokyo서울") <= set(asked)
