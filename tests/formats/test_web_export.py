"""The pack as one web page (clarity.formats.web.build_web_game): one self-contained file
that asks for nothing (every picture, style and script inside, a policy that forbids the
network), its data readable back exactly, its pictures inlined as their real format and a
big one made smaller."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.scoring import ScoringRules
from clarity.formats.web import build_web_game
from clarity.formats.web.build import MAX_PICTURE_SIDE, WEB_DIR, picture_data_uri
from ui.pack_files import write_png

TRICKY_PROMPT = "Is </script><!-- a tag?\u2028Line & \u2029 more"


def pack_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "clarity": 1,
        "id": "web-test",
        "title": "Web test",
        "description": "A pack for the web export's tests.",
        "time_limit": 30,
        "rounds": [
            {
                "image": "lighthouse.png",
                "answer": "Lighthouse",
                "caption": "By the sea.",
                "grid": "2x3",
            },
            {"image": "photo.jpg", "answer": "Photo", "grid": "3x3"},
        ],
        "questions": [
            {
                "id": "closest",
                "type": "choice",
                "prompt": "Which planet is closest to the Sun?",
                "choices": ["Mercury", "Venus", "Earth", "Mars"],
                "answer": "Mercury",
                "explain": "Mercury goes round the Sun in 88 days.",
            },
            {"id": "tricky", "type": "truefalse", "prompt": TRICKY_PROMPT, "answer": True},
            {"id": "spot", "type": "typed", "prompt": "Great Red Spot?", "answer": "Jupiter"},
            {"id": "planets", "type": "number", "prompt": "How many planets?", "answer": "8"},
        ],
    }
    data.update(changes)
    return data


def write_pack(
    folder: Path, data: dict[str, Any], photo_size: tuple[int, int] = (80, 60)
) -> LoadedPack:
    """``data`` as a pack file in ``folder`` with its small PNG and a JPEG of ``photo_size``."""
    folder.mkdir(parents=True, exist_ok=True)
    write_png(folder / "lighthouse.png")
    Image.new("RGB", photo_size, (30, 90, 160)).save(folder / "photo.jpg", "JPEG", quality=85)
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    loaded = load_pack(path, assets_dir=folder)
    assert loaded.pack is not None, loaded.problems
    return loaded


@pytest.fixture
def loaded(tmp_path: Path) -> LoadedPack:
    return write_pack(tmp_path / "packs", pack_data())


def game_data(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="game-data">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found.group(1))


def decoded(uri: str) -> tuple[str, bytes]:
    head, _, body = uri.partition(",")
    assert head.startswith("data:")
    assert head.endswith(";base64")
    return head[len("data:") : -len(";base64")], base64.b64decode(body)


def test_the_page_is_one_file_that_asks_for_nothing(loaded: LoadedPack) -> None:
    page = build_web_game(loaded.pack, loaded.images)
    assert not re.search(r"https?://", page)
    assert not re.search(r"//[a-z0-9.-]+\.[a-z]{2,}/", page, re.I)  # no protocol-relative URL
    for attribute in re.findall(r'\b(?:src|href|action|srcset)\s*=\s*"([^"]*)"', page):
        assert attribute.startswith("data:"), attribute
    assert '<link rel="stylesheet"' not in page
    assert "@import" not in page
    assert "url(" not in page.split("<script", 1)[0]  # the style loads nothing either
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy is not None
    text = html.unescape(policy.group(1))
    rules = dict(part.strip().split(" ", 1) for part in text.split(";"))
    assert rules["default-src"] == "'none'"
    assert rules["img-src"] == "data:"
    assert rules["base-uri"] == "'none'"
    assert rules["form-action"] == "'none'"
    assert "unsafe-inline" not in rules["script-src"]
    # every script of the page is allowed by its hash, and nothing else is
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 3
    hashes = {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    }
    assert set(rules["script-src"].split()) == hashes
    assert "globalThis.ClarityScoring" in page
    assert "globalThis.ClarityMatching" in page


def test_the_data_in_the_page_reads_back_exactly(loaded: LoadedPack) -> None:
    rules = ScoringRules(base=400, timer=False, time_scale=2.0)
    page = build_web_game(loaded.pack, loaded.images, rules=rules)
    # the tricky prompt cannot close the script early or break a line in old JavaScript
    assert page.count("</script>") == page.count("<script")
    assert "\u2028" not in page
    assert "\u2029" not in page
    data = game_data(page)
    pack = loaded.pack
    assert data["pack"]["questions"] == [q.model_dump(mode="json") for q in pack.questions]
    assert data["pack"]["questions"][1]["prompt"] == TRICKY_PROMPT
    assert data["rules"] == {**asdict(rules), "no_limit_bonus_share": 0.5}
    assert data["pack"]["time_limits"] == [30, 30, 30, 30]
    assert data["pack"]["right_answers"] == ["Mercury", "True", "Jupiter", "8"]
    assert [r["answer"] for r in data["pack"]["rounds"]] == ["Lighthouse", "Photo"]
    assert data["pack"]["language"] == "en"
    assert data["page"]["texts"]["next"] == "Next"
    assert data["tables"]  # the matcher's tables for matching.js


def test_pictures_are_inlined_as_their_real_format(loaded: LoadedPack, tmp_path: Path) -> None:
    data = game_data(build_web_game(loaded.pack, loaded.images))
    first, second = data["pack"]["rounds"]
    mime, raw = decoded(first["picture"])
    assert mime == "image/png"
    assert raw == (tmp_path / "packs" / "lighthouse.png").read_bytes()
    mime, raw = decoded(second["picture"])
    assert mime == "image/jpeg"
    assert raw == (tmp_path / "packs" / "photo.jpg").read_bytes()
    # the type is the picture's real format, whatever its name says
    renamed = tmp_path / "packs" / "renamed.png"
    renamed.write_bytes(raw)
    assert picture_data_uri(renamed).startswith("data:image/jpeg;base64,")


def test_a_big_picture_is_made_smaller(tmp_path: Path) -> None:
    loaded = write_pack(tmp_path / "packs", pack_data(), photo_size=(3000, 2000))
    data = game_data(build_web_game(loaded.pack, loaded.images))
    mime, raw = decoded(data["pack"]["rounds"][1]["picture"])
    assert mime == "image/jpeg"
    with Image.open(io.BytesIO(raw)) as picture:
        assert picture.size == (MAX_PICTURE_SIDE, 1067)
        assert picture.getpixel((800, 500)) == pytest.approx((30, 90, 160), abs=3)
    assert len(raw) < (tmp_path / "packs" / "photo.jpg").stat().st_size


@pytest.mark.parametrize(
    ("language", "next_word", "true_word"),
    [("ru", "Дальше", "Верно"), ("be", None, None), ("de", "Next", "True")],
)
def test_the_pages_words_are_in_the_packs_language(
    tmp_path: Path, language: str, next_word: str | None, true_word: str | None
) -> None:
    loaded = write_pack(tmp_path / "packs", pack_data(language=language))
    page = build_web_game(loaded.pack, loaded.images)
    data = game_data(page)
    # the page's own words in its language, the pack's texts in the pack's (game.js)
    assert f'<html lang="{data["page"]["lang"]}">' in page
    texts = data["page"]["texts"]
    if next_word is None:  # Belarusian: its own words, not the English ones
        assert texts["next"] != "Next"
    else:
        assert texts["next"] == next_word
    expected_lang = "en" if language == "de" else language
    assert data["page"]["lang"] == expected_lang
    assert set(data["page"]["plurals"]["points"]) >= {"one", "other"}
    if language == "ru":
        assert set(data["page"]["plurals"]["points"]) >= {"one", "few", "many"}
        assert data["pack"]["right_answers"][1] == true_word


def test_the_template_slots_names_in_the_packs_text_stay_as_written(tmp_path: Path) -> None:
    """A pack's text holding ``{{scripts}}`` or any other slot name of the page's template is
    text, not a slot: the page is filled in one pass over its template only."""
    template = (WEB_DIR / "game.html").read_text(encoding="utf-8")
    names = sorted(set(re.findall(r"\{\{(\w+)\}\}", template)))
    assert {"scripts", "data", "style", "title", "csp", "lang"} <= set(names)
    slots = " ".join("{{" + name + "}}" for name in names)
    data = pack_data(title=f"Title {slots}", description=f"About {slots}")
    data["rounds"][0]["caption"] = f"Caption {slots}"
    data["rounds"][1]["answer"] = f"Photo {slots}"
    data["questions"][0]["prompt"] = f"Prompt {slots}?"
    data["questions"][0]["choices"] = [f"Mercury {slots}", "Venus", "Earth {{scripts}}", "Mars"]
    data["questions"][0]["answer"] = f"Mercury {slots}"
    data["questions"][0]["explain"] = f"Explained {slots}"
    loaded = write_pack(tmp_path / "packs", data)
    page = build_web_game(loaded.pack, loaded.images)

    # the page is whole: its three scripts and its data, nothing put into them twice
    assert len(re.findall(r"<script>", page)) == 3
    assert page.count("<script") == page.count("</script>") == 4
    assert page.count("globalThis.ClarityScoring =") == 1
    assert page.count("<style>") == 1
    assert f"<title>{html.escape(data['title'])}</title>" in page
    assert page.startswith('<!doctype html>\n<html lang="en">')
    shown = game_data(page)
    assert shown["pack"]["title"] == data["title"]
    assert shown["pack"]["description"] == data["description"]
    assert shown["pack"]["rounds"][0]["caption"] == data["rounds"][0]["caption"]
    assert shown["pack"]["rounds"][1]["answer"] == data["rounds"][1]["answer"]
    assert shown["pack"]["questions"][0]["prompt"] == data["questions"][0]["prompt"]
    assert shown["pack"]["questions"][0]["choices"] == data["questions"][0]["choices"]
    assert shown["pack"]["questions"][0]["explain"] == data["questions"][0]["explain"]
    # and the scripts are still the ones the policy allows
    policy = re.search(r'content="(default-src[^"]+)"', page)
    assert policy is not None
    for script in re.findall(r"<script>(.*?)</script>", page, re.S):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in html.unescape(policy.group(1))


@pytest.mark.parametrize(
    ("scale", "offered"),
    [
        (1.0, [1.0, 1.5, 2.0, 3.0, None]),
        (2.0, [1.0, 1.5, 2.0, 3.0, None]),
        (None, [1.0, 1.5, 2.0, 3.0, None]),
        (0.5, [0.5, 1.0, 1.5, 2.0, 3.0, None]),
        (2.5, [1.0, 1.5, 2.0, 2.5, 3.0, None]),
    ],
)
def test_the_start_screen_offers_the_desktops_times_per_question(
    loaded: LoadedPack, scale: float | None, offered: list[float | None]
) -> None:
    from clarity.core.scoring import TIME_SCALES

    data = game_data(
        build_web_game(loaded.pack, loaded.images, rules=ScoringRules(time_scale=scale))
    )
    assert data["time_scales"] == offered
    assert set(TIME_SCALES) <= set(data["time_scales"])
    assert data["rules"]["time_scale"] == scale  # the page starts on the rules given


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("Time per question", "No limit", "Question {number}")),
        ("ru", ("Время на вопрос", "Без ограничения", "Вопрос {number}")),
        ("be", ("Час на пытанне", "Без абмежавання", "Пытанне {number}")),
    ],
)
def test_the_time_choice_and_question_line_are_the_desktops_words(
    tmp_path: Path, language: str, words: tuple[str, str, str]
) -> None:
    """The desktop's own msgids (its settings' "Time per question" and "No limit", its
    card's "Question {number}"), so they come translated."""
    loaded = write_pack(tmp_path / "packs", pack_data(language=language))
    texts = game_data(build_web_game(loaded.pack, loaded.images))["page"]["texts"]
    assert (texts["time_per_question"], texts["no_limit"], texts["question"]) == words
    assert "question_of" not in texts  # no total that could move
