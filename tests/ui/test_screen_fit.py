"""The limits that ``clarity validate`` warns at (:mod:`clarity.core.packs.screen_fit`) are
the play card's own: on the smallest window (1024x640) at the standard text size, a text of
exactly the limit shows whole without scrolling, and one a little longer makes the card
scroll. If the card's layout changes, these tests say which limit to change.

The texts are real sentences (of average letter widths), in English and in Russian.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.screen_fit import (
    END_ROOM,
    MEASURED_BESIDE,
    QUESTION_ROOM,
    SMALLEST_WINDOW,
    together_limit,
)
from clarity.core.round import Phase
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scenes.play import PlayScene
from clarity.ui.services import GameSettings, PackCatalog, Services

from .conftest import ASSETS, Pilot, RecordingSound, write_picture

#: how much longer than its limit a text is that must make the card scroll: the limits
#: are tight, not guesses on the safe side
ABOVE = 1.15

SENTENCES = {
    "en": (
        "The Union State is a supranational union established by Belarus and Russia. "
        "Its primary objective is to foster deeper integration between the two nations, "
        "particularly in economic and defense policies, while preserving their individual "
        "sovereignty. "
    ),
    "ru": (
        "Союзное государство — наднациональное объединение Белоруссии и России. Его главная "
        "цель — более тесная интеграция двух стран, прежде всего в экономике и обороне, при "
        "сохранении суверенитета каждой из них. "
    ),
}

SHORT_CHOICES = ["Minsk", "Moscow", "Brest", "Vitebsk", "Gomel", "Grodno"]
SHORT_EXPLAIN = "The treaty was signed in Moscow in 1999."
SHORT_ANSWER = "Minsk"


def test_the_short_texts_beside_are_as_short_as_the_check_assumes() -> None:
    quest = question("choice", 6)
    assert len(quest["prompt"]) <= MEASURED_BESIDE["prompt"]
    assert len(SHORT_EXPLAIN) <= min(MEASURED_BESIDE["explain"], MEASURED_BESIDE["caption"])
    assert max(map(len, SHORT_CHOICES)) <= MEASURED_BESIDE["choice"]
    assert len(SHORT_ANSWER) <= MEASURED_BESIDE["answer"]


def text_of(length: int, language: str) -> str:
    """A text of exactly ``length`` characters of real sentences, ending in a full stop."""
    sentence = SENTENCES[language]
    text = (sentence * (length // len(sentence) + 2))[: length - 1].rstrip()
    while len(text) < length - 1:  # a space cut at the end: one more letter
        text += "a"
    return text + "."


def question(kind: str, choices: int) -> dict[str, Any]:
    """A question of ``kind`` with short texts everywhere: one field is then made long."""
    base: dict[str, Any] = {"type": kind, "prompt": "Where was the treaty signed?"}
    if kind == "choice":
        base["choices"] = SHORT_CHOICES[:choices]
        base["answer"] = SHORT_CHOICES[1]
    elif kind == "truefalse":
        base["answer"] = True
    elif kind == "number":
        base["answer"] = "1999"
    else:
        base["answer"] = "Moscow"
    base["explain"] = SHORT_EXPLAIN
    return base


def write_pack(folder: Path, quest: dict[str, Any], mystery: dict[str, Any]) -> LoadedPack:
    folder.mkdir(parents=True, exist_ok=True)
    write_picture(folder / "pic.png")
    data = {
        "clarity": 1,
        "id": "screen-fit",
        "title": "Screen fit",
        "description": "Texts as long as the screen holds.",
        "rounds": [{"image": "pic.png", "grid": "1x2", **mystery}],
        "questions": [quest],
    }
    path = folder / "screen-fit.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    return loaded


def answer_rightly(pilot: Pilot, quest: dict[str, Any]) -> None:
    if quest["type"] in ("choice", "truefalse"):
        index = quest["choices"].index(quest["answer"]) if quest["type"] == "choice" else 0
        pilot.key(pygame.K_a + index)
    else:
        pilot.type(quest["answer"])
        pilot.key(pygame.K_RETURN)
    pilot.settle()


def card_scrolls(pilot: Pilot, folder: Path, room: str, texts: dict[str, str]) -> bool:
    """Play a pack whose fields (of the question kind ``room``, or of the mystery, ``end``:
    ``answer``, ``caption``) are ``texts`` (a ``choice`` is the first one) to the card that
    shows them; whether that card scrolls."""
    kind, _, count = room.partition("-")
    quest = question("typed" if room == "end" else kind, int(count or 0))
    mystery: dict[str, Any] = {"answer": SHORT_ANSWER, "caption": SHORT_EXPLAIN}
    for field, text in texts.items():
        if room == "end":
            mystery[field] = text
        elif field == "choice":
            quest["choices"][0] = text
        else:
            quest[field] = text
    scene = PlayScene(pilot.app, write_pack(folder, quest, mystery), seed=1)
    pilot.app.reset(scene)
    pilot.step()
    pilot.settle()
    if room != "end" and "explain" not in texts:
        return scene.card.scrolls
    answer_rightly(pilot, quest)
    assert scene.round.phase is Phase.FEEDBACK
    if room != "end":
        assert "explain" in scene.card.now.texts
        return scene.card.scrolls
    pilot.key(pygame.K_RETURN)  # no questions left: the last guess
    assert scene.round.phase is Phase.FINAL_GUESS
    pilot.type(SHORT_ANSWER)
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: scene.round.phase is Phase.ENDED)
    pilot.until(lambda: not scene.board.view.flipping)
    assert all(f"end_{field}" in scene.card.now.texts for field in texts)
    return scene.card.scrolls


def open_smallest() -> App:
    """An App at the smallest window, the standard text size, the settings' defaults."""
    services = Services(
        assets=Assets(ASSETS),
        sound=RecordingSound(),
        packs=PackCatalog([], ASSETS),
        settings=GameSettings(seed=1),
    )
    app = App(services, WindowOptions(size=SMALLEST_WINDOW))
    app.open()
    return app


@pytest.fixture(scope="module")
def smallest() -> Iterator[Pilot]:
    app = open_smallest()
    yield Pilot(app)
    app.close()


def limits() -> Iterator[tuple[str, str, int]]:
    for room, fields in QUESTION_ROOM.items():
        for field, limit in fields.items():
            yield room, field, limit
    for field, limit in END_ROOM.items():
        yield "end", field, limit


CASES = list(limits())


#: the language whose sentences fit fewer characters (its words are longer): the limits
#: are its figures, so a text in either language at its limit shows whole
TIGHTER = "ru"
LONGEST = {"prompt": 2000, "explain": 2000, "caption": 2000, "choice": 200, "answer": 200}


@pytest.mark.parametrize(("room", "field", "limit"), CASES, ids=[f"{r}-{f}" for r, f, _ in CASES])
def test_a_text_at_its_limit_shows_whole_and_a_longer_one_scrolls(
    smallest: Pilot, tmp_path: Path, room: str, field: str, limit: int
) -> None:
    for language in SENTENCES:
        assert not card_scrolls(smallest, tmp_path, room, {field: text_of(limit, language)}), (
            f"{room} {field} of {limit} characters in {language} scrolls: lower its limit"
        )
    longer = min(round(limit * ABOVE), LONGEST[field])
    assert longer > limit
    assert card_scrolls(smallest, tmp_path, room, {field: text_of(longer, TIGHTER)}), (
        f"{room} {field} of {longer} characters shows whole: raise its limit"
    )


#: the sum of shares at which texts that share a card make it scroll, at most
SHARED_ABOVE = 1.3
#: texts that share a card: each a share of its limit (the longest choice for a choice)
SHARING = [
    ("typed", ("prompt", "explain")),
    ("choice-4", ("prompt", "choice")),
    ("choice-4", ("prompt", "explain")),
    ("end", ("answer", "caption")),
]


def limit_of(room: str, field: str) -> int:
    return END_ROOM[field] if room == "end" else QUESTION_ROOM[room][field]


@pytest.mark.parametrize(
    ("room", "fields"), SHARING, ids=[f"{r}-{'-'.join(f)}" for r, f in SHARING]
)
def test_texts_that_share_a_card_are_warned_about_by_their_shares_together(
    smallest: Pilot, tmp_path: Path, room: str, fields: tuple[str, ...]
) -> None:
    def texts(share: float, language: str) -> dict[str, str]:
        return {f: text_of(round(limit_of(room, f) * share), language) for f in fields}

    # the check's rule (shares summed over 1, less for a prompt and its explanation) is on
    # the safe side of the card's, and not far from it (the end card gives its answer and
    # caption set parts of its height)
    most = together_limit(fields)
    for language in SENTENCES:
        assert not card_scrolls(smallest, tmp_path, room, texts(0.9 * most / len(fields), language))
    assert card_scrolls(smallest, tmp_path, room, texts(SHARED_ABOVE * most / len(fields), TIGHTER))


def search(pilot: Pilot, folder: Path, room: str, field: str, most: int) -> int:
    """The longest text (in characters, the least over both languages) that shows whole:
    how the limits were found (run by hand: see the module's end)."""
    found = most
    for language in SENTENCES:
        low, high = 1, most
        while low < high:
            middle = (low + high + 1) // 2
            if card_scrolls(pilot, folder, room, {field: text_of(middle, language)}):
                high = middle - 1
            else:
                low = middle
        found = min(found, low)
    return found


if __name__ == "__main__":
    # the figures the limits come from, after a change of the card's layout:
    # SDL_VIDEODRIVER=dummy .venv/bin/python -m tests.ui.test_screen_fit
    import tempfile

    pilot = Pilot(open_smallest())
    with tempfile.TemporaryDirectory() as scratch:
        for room, field, limit in CASES:
            found = search(pilot, Path(scratch), room, field, LONGEST[field])
            print(f"{room:10} {field:8} fits {found:5} (limit {limit})")
