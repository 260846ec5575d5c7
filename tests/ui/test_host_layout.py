"""The host screens hold at the projector sizes (1024x768 and 1920x1080), at the standard
text size and at 200 %, in English, Russian, Belarusian and the pseudo-language: nothing
outside the window, nothing overlapping, no interface word cut short or left in English,
and the QR code readable from the back of a classroom."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack
from clarity.ui.app import App
from clarity.ui.host_view.hosting import Hosting
from clarity.ui.scenes.host_lobby import LEAST_MODULE_PX, HostLobbyScene

from .conftest import Pilot
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text, untranslated_words
from .host_views import CHOICES, EXPLAIN, NAMES, PROMPT, HandingLink, every_phase, screen_of
from .saving import boxes_laid_out

#: The projectors', and the game's smallest windows.
SIZES = [(1024, 768), (1920, 1080), (864, 576), (1024, 640)]
#: The words drawn as they are: the pack's, the students' names, the address.
THEIRS = (*NAMES, *CHOICES, PROMPT, EXPLAIN, "Lighthouse", "Moscow", "Москва", "Mosko")
THEIRS += ("St Petersburg", "http", "True", "Esc", "Enter", "Del", "PgUp", "PgDn")
THEIRS += ("A lighthouse shows ships the way at night.",)  # the picture's caption
#: The server's notices come in the game's language; these are made up in English.
THEIRS += tuple(view.notice for view in every_phase().values() if view.notice)


def shown(app: App, name: str) -> Pilot:
    """The App at the host screen of the made-up view ``name``, a few frames on."""
    view = every_phase()[name]
    hosting = Hosting(HandingLink(view), _loaded(app))
    hosting.poll()
    app.push(app.screens.make(screen_of(view), hosting=hosting))
    pilot = Pilot(app)
    pilot.step(3)
    return pilot


def _loaded(app: App) -> LoadedPack:
    loaded = app.services.packs.by_id("play-test")
    assert loaded is not None
    return loaded


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("language", "text_size"),
    [("en", 100), ("en", 200), ("ru", 100), ("be", 200), ("qps-ploc", 100), ("qps-ploc", 200)],
)
def test_every_host_screen_lays_out(
    make_app: Callable[..., App],
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    language: str,
    text_size: int,
) -> None:
    settings = game_settings(language, **{"text-size": text_size})
    for name in every_phase():
        app = make_app(size=size, settings=settings)
        with recording_drawn_text(monkeypatch) as drawn:
            pilot = shown(app, name)
        top = pilot.top
        try:
            # a window under the text size's minimum is drawn at the minimum, scaled down
            boxes_laid_out(top.layout_boxes(), app.size)  # type: ignore[attr-defined]
        except AssertionError as problem:
            raise AssertionError(f"{name}: {problem}") from None
        assert cut_off_messages(drawn) == [], (name, cut_off_messages(drawn))
        if name == "question-picture":
            assert "question_picture" in top.layout_boxes()  # type: ignore[attr-defined]
        if language == "qps-ploc":
            # a pack's answer or a name cut short where it has no room is still theirs
            whole = [line for line in drawn if not _cut_from(line, THEIRS)]
            assert untranslated_words(whole, THEIRS) == set(), name
        app.close()


def test_the_qr_code_reads_from_the_back_of_the_room(make_app: Callable[..., App]) -> None:
    """At 1024x768, even at 200 %, a module of the code is at least LEAST_MODULE_PX
    pixels, with its quiet zone of four light modules round it."""
    for text_size in (100, 200):
        app = make_app(size=(1024, 768), settings=game_settings("en", **{"text-size": text_size}))
        lobby = shown(app, "lobby").top
        assert isinstance(lobby, HostLobbyScene)
        assert lobby.qr.module_px >= LEAST_MODULE_PX, text_size
        side = lobby.qr.module_px * 4
        corner = pygame.Rect(lobby.qr.rect.topleft, (side, side))
        light = {app.surface.get_at(point)[:3] for point in _points(corner)}
        assert light == {(255, 255, 255)}, "the quiet zone is white"
        app.close()


def _cut_from(line: str, texts: tuple[str, ...]) -> bool:
    return line.endswith("…") and any(text.startswith(line[:-1]) for text in texts)


def _points(rect: pygame.Rect) -> list[tuple[int, int]]:
    return [
        (x, y) for x in range(rect.left, rect.right, 3) for y in range(rect.top, rect.bottom, 3)
    ]


def test_in_russian_the_lobby_and_the_reveal_speak_russian(
    make_app: Callable[..., App],
) -> None:
    app = make_app(size=(1920, 1080), settings=game_settings("ru"))
    texts = shown(app, "lobby").top.shown_texts()  # type: ignore[attr-defined]
    assert texts["pin"] == "482 913"
    assert texts["count"] != "30 students have joined"
    assert any(letter in texts["count"] for letter in "аеиоу")
    pilot = shown(app, "reveal-choice")
    words = pilot.top.shown_texts()  # type: ignore[attr-defined]
    assert "Right answer" not in words["right_answer"]
    assert words["right_answer"].endswith(CHOICES[0])


@pytest.mark.parametrize("truth", [True, False])
def test_the_reveal_of_true_or_false_marks_the_answer_the_view_says_is_right(
    make_app: Callable[..., App], truth: bool
) -> None:
    """Whatever words the right answer is written in (the host's language, a pack's)."""
    app = make_app(size=(1920, 1080))
    view = every_phase()["reveal-truefalse"]
    said = "Верно" if truth else "Неверно"
    result = dataclasses.replace(view.result, right_answer=said, right_truth=truth)
    hosting = Hosting(HandingLink(dataclasses.replace(view, result=result)), _loaded(app))
    hosting.poll()
    app.push(app.screens.make("host-play", hosting=hosting))
    pilot = Pilot(app)
    pilot.step(3)
    marked = {bar.label: bar.right for bar, _row, _room in pilot.top.chart.rows}  # type: ignore[attr-defined]
    assert marked == {"True": truth, "False": not truth}


def test_on_a_4_3_projector_the_board_takes_half_the_width_and_the_counts_sit_under_it(
    make_app: Callable[..., App],
) -> None:
    """A landscape picture at 1024x768 left a small board with empty room under it."""
    app = make_app(size=(1024, 768))
    boxes = shown(app, "question-choice").top.layout_boxes()  # type: ignore[attr-defined]
    board = boxes["board"]
    assert board.width >= 0.47 * 1024
    assert boxes["answered"].top > board.bottom
    assert boxes["guessed"].top > boxes["answered"].bottom
    assert boxes["answered"].left == boxes["guessed"].left == board.left
    # the question's side has the bottom line's height too
    assert max(boxes[f"answer_{n}"].bottom for n in range(1, 5)) > boxes["answered"].bottom


def test_on_a_16_9_projector_the_board_keeps_the_height_and_the_counts_the_bottom_line(
    make_app: Callable[..., App],
) -> None:
    app = make_app(size=(1920, 1080))
    boxes = shown(app, "question-choice").top.layout_boxes()  # type: ignore[attr-defined]
    assert boxes["answered"].top > boxes["board"].bottom
    assert boxes["guessed"].right > 1920 * 0.8  # along the bottom, on the right


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("language", "text_size"), [("ru", 100), ("qps-ploc", 200)])
def test_the_line_of_a_server_that_stopped_lays_out_in_the_language(
    make_app: Callable[..., App],
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    language: str,
    text_size: int,
) -> None:
    app = make_app(size=size, settings=game_settings(language, **{"text-size": text_size}))
    view = every_phase()["question-choice"]
    link = HandingLink(view)
    reason = "сервер остановлен"  # the link's own line, in the game's language
    link.failure = reason  # type: ignore[attr-defined]
    hosting = Hosting(link, _loaded(app))
    with recording_drawn_text(monkeypatch) as drawn:
        app.push(app.screens.make("host-play", hosting=hosting))
        pilot = Pilot(app)
        pilot.step(3)
    top = pilot.top
    assert top.name == "host-stopped"
    boxes_laid_out(top.layout_boxes(), app.size)  # type: ignore[attr-defined]
    assert cut_off_messages(drawn) == []
    (line,) = top.shown_texts().values()  # type: ignore[attr-defined]
    assert reason in line
    if language == "ru":
        assert line.startswith("Сервер")
    else:
        assert untranslated_words(drawn, (*THEIRS, reason)) == set()
