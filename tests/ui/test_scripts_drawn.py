"""Every script a class writes in is drawn, in a real App's assets (issue 9, part 2; case
08-missing-glyphs-cjk-rtl-emoji): right to left where it should, letters joined, no
empty boxes, long addresses wrapped inside their width."""

from __future__ import annotations

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clarity.fonts import font_chain
from clarity.ui.app import App
from clarity.ui.text_draw import ChainFont
from clarity.ui.text_runs import clusters
from system_packages import require_system_file

from .conftest import ASSETS

BLACK = (0, 0, 0)
SIZE = 40
DROID = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_EMOJI = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"
# the case's prompt, as the teacher typed it
CASE_PROMPT = (
    "日本の首都は？ · Столица Египта القاهرة · שלום · 서울 · नमस्ते · กรุงเทพ · Ελλάδα · 🌍🍎"
)


def ink(surface: pygame.Surface) -> pygame.mask.Mask:
    """The drawn pixels of ``surface``, cropped to where there are any."""
    mask = pygame.mask.from_surface(surface, 127)
    boxes = mask.get_bounding_rects()
    assert boxes, "nothing was drawn"
    box = boxes[0].unionall(boxes[1:])
    cropped = pygame.mask.Mask(box.size)
    cropped.draw(mask, (-box.x, -box.y))
    return cropped


def same_ink(a: pygame.Surface, b: pygame.Surface) -> bool:
    left, right = ink(a), ink(b)
    return left.get_size() == right.get_size() and left.overlap_area(right, (0, 0)) == (
        left.count() == right.count() and left.count()
    )


def shaped(path: str, text: str, *, rtl: bool, script: str) -> pygame.Surface:
    font = pygame.font.Font(path, SIZE)
    font.set_direction(pygame.DIRECTION_RTL if rtl else pygame.DIRECTION_LTR)
    font.set_script(script)
    return font.render(text, True, BLACK)


def test_a_hebrew_word_is_drawn_right_to_left(app: App) -> None:
    drawn = app.services.assets.text("שלום", SIZE, BLACK)
    hebrew = str(ASSETS / "fonts" / "NotoSansHebrew-Regular.ttf")
    # Hebrew letters do not join, so right to left is the letters reversed drawn left to
    # right; a direction ignored would draw "שלום" as typed, first letter on the left
    assert same_ink(drawn, shaped(hebrew, "םולש", rtl=False, script="Hebr"))
    assert not same_ink(drawn, shaped(hebrew, "שלום", rtl=False, script="Hebr"))


def test_an_arabic_word_is_drawn_with_its_letters_joined(app: App) -> None:
    # lam, hah, meem have no dots: joined they are one stroke, apart three
    drawn = app.services.assets.text("لحم", SIZE, BLACK)
    assert len(ink(drawn).connected_components()) == 1
    arabic = pygame.font.Font(str(ASSETS / "fonts" / "NotoSansArabic-Regular.ttf"), SIZE)
    assert len(ink(arabic.render("ل ح م", True, BLACK)).connected_components()) == 3


def test_a_mixed_line_puts_the_arabic_word_right_to_left_inside_english(app: App) -> None:
    assets = app.services.assets
    line = "Cairo is القاهرة in Arabic"
    layout = assets.font(SIZE).layout(line)
    words = [(run.text.strip(), run.rtl) for run, _ in layout.runs if run.text.strip()]
    assert ("القاهرة", True) in words
    assert words[0][0].startswith("Cairo")
    assert words[-1][0].endswith("Arabic")


def test_chinese_and_japanese_are_drawn_not_as_empty_boxes(app: App) -> None:
    require_system_file(DROID, "fonts-droid-fallback")
    assets = app.services.assets
    inter = pygame.font.Font(str(ASSETS / "fonts" / "Inter-Regular.otf"), SIZE)
    for text in ("東京", "ひらがな", "中国"):
        drawn = assets.text(text, SIZE, BLACK)
        boxes = inter.render("\uffff" * len(text), True, BLACK)  # Inter's missing glyphs
        assert not same_ink(drawn, boxes), text
        assert not same_ink(drawn, inter.render(text, True, BLACK)), text


def test_every_character_of_the_case_is_drawn_by_a_font_that_has_it(app: App) -> None:
    require_system_file(NOTO_CJK, "fonts-noto-cjk")  # Korean: not in Droid Sans Fallback
    require_system_file(NOTO_EMOJI, "fonts-noto-color-emoji")
    assets = app.services.assets
    chain = assets.chain
    layout = assets.font(SIZE).layout(CASE_PROMPT)
    for run, _ in layout.runs:
        face = chain.faces[run.face]
        for cluster in clusters(run.text):
            assert cluster.isspace() or face.covers(cluster[0]), (cluster, face.path.name)
    # nothing dropped or changed: the runs hold the prompt's characters, each once
    assert sorted("".join(run.text for run, _ in layout.runs)) == sorted(CASE_PROMPT)
    drawn = assets.text(CASE_PROMPT, SIZE, BLACK, wrap=600)
    assert drawn.get_width() <= 600


def test_colour_emoji_are_drawn_at_the_height_of_the_text(app: App) -> None:
    require_system_file(NOTO_EMOJI, "fonts-noto-color-emoji")
    assets = app.services.assets
    drawn = assets.text("🍎", SIZE, BLACK)
    # the emoji font has one bitmap size (109 px): it is scaled down to the line
    assert drawn.get_height() <= assets.font(SIZE).get_linesize() + 2
    red = drawn.get_at((drawn.get_width() // 2, drawn.get_height() // 2))
    assert red.r > 150
    assert red.a > 200


@pytest.mark.parametrize("wrap", [240, 400])
def test_a_long_address_wraps_within_the_width(app: App, wrap: int) -> None:
    assets = app.services.assets
    text = "Read https://example.org/classroom/pictures/a_very_long_file_name.png?size=large"
    drawn = assets.text(text, SIZE, BLACK, wrap=wrap)
    assert drawn.get_width() <= wrap
    assert drawn.get_height() >= 3 * assets.font(SIZE).get_linesize()
    assert assets.fitter.measure(text, SIZE, wrap) == drawn.get_size()


def test_a_fitted_address_keeps_a_readable_size_rather_than_the_smallest(app: App) -> None:
    assets = app.services.assets
    url = "https://example.org/" + "very_long_path/" * 6
    size = assets.fitter.size_for(url, 48, 12, (300, 2000))
    assert size == 48  # it breaks inside; shrinking to 12 would not make it fit whole
    assert assets.fit_text(url, 48, 12, BLACK, (300, 2000)).get_width() <= 300


def test_what_is_measured_is_what_is_drawn_in_every_script(app: App) -> None:
    assets = app.services.assets
    for text in ("שלום 123 hello עולם", "ماء 42 water", "नमस्ते दुनिया", "กรุงเทพ", "Łódź Ελλάδα"):
        for wrap in (120, 1000):
            drawn = assets.text(text, 30, BLACK, wrap=wrap)
            assert assets.fitter.measure(text, 30, wrap) == drawn.get_size(), (text, wrap)


def test_a_space_after_an_emoji_is_as_wide_as_a_space_in_the_text(app: App) -> None:
    require_system_file(NOTO_EMOJI, "fonts-noto-color-emoji")
    font = app.services.assets.font(SIZE)
    gap = font.width("🍎 Apple") - font.width("🍎") - font.width("Apple")
    assert gap <= font.width(" ") + 1


def new_chain_font() -> ChainFont:
    pygame.font.init()  # an App's test before may have closed it
    return ChainFont(font_chain(ASSETS / "fonts"), 24, False)


@pytest.fixture
def chain_font() -> ChainFont:
    return new_chain_font()


@pytest.mark.parametrize(
    "text",
    [
        "Colours 🩷",  # U+1FA77, Unicode 15: newer than Python 3.11's tables
        "🫎 moose",  # U+1FACE
        "Unassigned code point: \U0003fffd end",
        "private \ue000 and noncharacters \ufdd0\U0010ffff",
        "NUL \x00 and DEL \x7f",
        "שלום 🩷 (peace)",
    ],
)
def test_a_character_newer_than_python_s_tables_is_drawn(chain_font: ChainFont, text: str) -> None:
    # the tester's packs: a title, a prompt or an answer with one of these stopped the game
    drawn = chain_font.render_text(text, BLACK, 200)
    assert drawn.get_width() <= 200
    assert drawn.get_height() >= chain_font.get_linesize()


@pytest.fixture(scope="module")
def one_chain_font() -> ChainFont:
    """One font for every text of a run, as the game has: what fontconfig named for the
    characters of the texts before stays in its chain (each new chain asked fontconfig
    again, a process each time, most of the test's CPU time)."""
    return new_chain_font()


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec=None, categories=None), max_size=40))
def test_any_text_is_measured_and_drawn(one_chain_font: ChainFont, text: str) -> None:
    # st.characters(codec=None, categories=None): every code point, unassigned, private
    # use, noncharacters and lone surrogates included
    chain_font = one_chain_font
    for wrap in (0, 90):
        drawn = chain_font.render_text(text, BLACK, wrap)
        assert drawn.get_width() >= 1
    chain_font.size(text)
    chain_font.cluster_edges(text.replace("\n", " "))


def test_a_soft_hyphen_is_invisible_inside_a_line_and_a_hyphen_where_it_breaks(
    chain_font: ChainFont,
) -> None:
    assert same_ink(
        chain_font.render_text("Donau\u00addampf", BLACK),
        chain_font.render_text("Donaudampf", BLACK),
    )
    word = "Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesellschaft"
    lines = [line for line, _ in chain_font.lines(word, chain_font.width("Donaudampfschiff-"))]
    assert lines[:2] == ["Donau\u00addampf\u00adschiff-", "fahrts\u00adgesellschaft"]
    assert same_ink(
        chain_font.render_line(lines[0], BLACK), chain_font.render_line("Donaudampfschiff-", BLACK)
    )


def test_a_script_no_known_font_has_is_drawn_in_the_font_fontconfig_names(app: App) -> None:
    # the tester's Bengali pack drew boxes: fontconfig was asked only about CJK and emoji
    require_system_file(
        "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf", "fonts-noto-core"
    )
    chain = app.services.assets.chain
    layout = app.services.assets.font(SIZE).layout("বাংলা ভাষা")
    assert {chain.faces[run.face].path.name for run, _ in layout.runs} == {
        "NotoSansBengali-Regular.ttf"
    }


@pytest.mark.parametrize("text", ["\u00ad", "\u200e", "\u200b\u2060", "\ufe0f"])
def test_a_text_of_only_invisible_characters_is_drawn_blank(
    chain_font: ChainFont, text: str
) -> None:
    # SDL_ttf refuses to render text of no width ("Text has zero width"): a choice of only
    # a soft hyphen or a mark stopped the game
    drawn = chain_font.render_text(text, BLACK)
    assert pygame.mask.from_surface(drawn).count() == 0
