"""The projector as a teacher finds it in a lesson: the teacher's own address only when
asked (T), how to join during the game, why the game is paused, the lobby's notice kept,
answers accepted with their counts and never by a habitual Enter, the leaderboard's
switch said, the last guesses counted, the caption at the end, and the class chosen
before the lobby when the teacher has classes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from clarity import cli
from clarity.classroom import link as link_module
from clarity.classroom.link import HostConfig
from clarity.classroom.views import ProjectorView
from clarity.store import open_store
from clarity.ui.app import App
from clarity.ui.host_view.hosting import Hosting
from clarity.ui.host_view.teacher_card import SHOWN_FOR
from clarity.ui.scenes.host_play import HostPlayScene
from clarity.ui.scenes.title import TitleScene
from store.factories import add_player

from .conftest import Pilot
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text, untranslated_words
from .host_views import EXPLAIN, HandingLink, every_phase, screen_of
from .saving import MakeApp, app_factory, boxes_laid_out
from .test_host_layout import THEIRS, _cut_from

TEACHER_URL = "http://192.168.100.200:8765/teacher?token=secret"


def hosted_at(app: App, view: ProjectorView) -> tuple[Pilot, HandingLink]:
    link = HandingLink(view)
    loaded = app.services.packs.by_id("play-test")
    assert loaded is not None
    hosting = Hosting(link, loaded)
    hosting.poll()
    app.push(app.screens.make(screen_of(view), hosting=hosting))
    pilot = Pilot(app)
    pilot.step(3)
    return pilot, link


def hand(pilot: Pilot, link: HandingLink, view: ProjectorView) -> None:
    link.views.append(view)
    pilot.step(3)


@pytest.mark.parametrize("phase", ["lobby", "question-choice", "reveal-typed"])
def test_t_shows_the_teachers_own_address_and_code_until_t_again(
    make_app: Callable[..., App], phase: str
) -> None:
    pilot, _link = hosted_at(make_app(size=(1024, 768)), every_phase()[phase])
    top = pilot.top
    assert TEACHER_URL not in top.shown_texts().values()  # type: ignore[attr-defined]
    assert "teacher_qr" not in top.layout_boxes()  # type: ignore[attr-defined]
    pilot.key(pygame.K_t)
    shown = top.shown_texts()  # type: ignore[attr-defined]
    assert shown["teacher_address"] == TEACHER_URL
    assert "drive the game" in shown["teacher_warning"]
    assert top.teacher_card.qr.data == TEACHER_URL  # type: ignore[attr-defined]
    assert top.layout_boxes()["teacher_qr"].width > 0  # type: ignore[attr-defined]
    pilot.key(pygame.K_t)
    assert TEACHER_URL not in top.shown_texts().values()  # type: ignore[attr-defined]


def test_the_teachers_code_goes_by_itself_after_half_a_minute(
    make_app: Callable[..., App],
) -> None:
    pilot, _link = hosted_at(make_app(size=(1024, 768)), every_phase()["lobby"])
    pilot.key(pygame.K_t)
    pilot.step(1, dt=SHOWN_FOR - 1)
    assert pilot.top.teacher_card.shown  # type: ignore[attr-defined]
    pilot.step(1, dt=2.0)
    assert not pilot.top.teacher_card.shown  # type: ignore[attr-defined]
    assert TEACHER_URL not in pilot.top.shown_texts().values()  # type: ignore[attr-defined]


@pytest.mark.parametrize("phase", ["question-choice", "reveal-choice", "leaderboard"])
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_during_the_game_the_projector_says_how_to_join_with_the_pin(
    make_app: Callable[..., App], phase: str, size: tuple[int, int]
) -> None:
    pilot, _link = hosted_at(make_app(size=size), every_phase()[phase])
    join = pilot.top.shown_texts()["join"]  # type: ignore[attr-defined]
    assert "http://192.168.100.200:8765" in join
    assert "482 913" in join
    assert "?pin" not in join


def test_a_game_found_paused_says_why_and_p_resumes(make_app: Callable[..., App]) -> None:
    pilot, link = hosted_at(make_app(size=(1280, 800)), every_phase()["paused"])
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    assert play.shown_texts()["paused_why"] == "The game is back where it stopped: P to go on"
    labels = [binding.label for binding in play.bindings() if binding.action == "toggle_pause"]
    assert labels == ["resume"]
    pilot.key(pygame.K_p)
    assert type(link.sent[-1]).__name__ == "Resume"
    hand(pilot, link, every_phase()["question-choice"])
    assert [b.label for b in play.bindings() if b.action == "toggle_pause"] == ["pause"]
    hand(pilot, link, every_phase()["paused"])  # paused again by the teacher: no restart
    assert play.shown_texts()["paused_why"] == "P to go on"


def test_the_lobby_keeps_the_servers_notice_when_a_name_is_chosen(
    make_app: Callable[..., App],
) -> None:
    view = dataclasses.replace(every_phase()["lobby"], notice="Tom was removed")
    pilot, _link = hosted_at(make_app(size=(1024, 768)), view)
    pilot.key(pygame.K_RIGHT)
    shown = pilot.top.shown_texts()  # type: ignore[attr-defined]
    assert shown["notice"] == "Tom was removed"
    assert shown["chosen"] == "Chosen: Аня"
    boxes_laid_out(pilot.top.layout_boxes(), (1024, 768))  # type: ignore[attr-defined]


def test_the_leaderboard_switched_on_the_teachers_page_is_said_on_the_projector(
    make_app: Callable[..., App],
) -> None:
    reveal = every_phase()["reveal-choice"]
    pilot, link = hosted_at(make_app(size=(1280, 800)), reveal)
    assert "switched" not in pilot.top.shown_texts()  # type: ignore[attr-defined]
    hand(pilot, link, dataclasses.replace(reveal, leaderboard_on=False, version=2))
    line = pilot.top.shown_texts()["switched"]  # type: ignore[attr-defined]
    assert line == "Leaderboard off: the next question follows the answer"
    pilot.step(1, dt=10.0)
    assert "switched" not in pilot.top.shown_texts()  # type: ignore[attr-defined]
    assert "join" in pilot.top.shown_texts()  # type: ignore[attr-defined]


def test_the_last_guesses_are_counted_when_the_view_tells_them(
    make_app: Callable[..., App],
) -> None:
    final = every_phase()["final_guess"]
    view = dataclasses.replace(final, final_guessed=12)
    pilot, _link = hosted_at(make_app(size=(1280, 800)), view)
    assert pilot.top.live_lines()["answered"] == "12 of 30 have made the last guess"  # type: ignore[attr-defined]


def test_the_reveals_explanation_is_at_the_bodys_size(make_app: Callable[..., App]) -> None:
    app = make_app(size=(1280, 800))
    pilot, _link = hosted_at(app, every_phase()["reveal-choice"])
    box = pilot.top.layout_boxes()["explain"]  # type: ignore[attr-defined]
    metrics = app.look.metrics(app.size)
    fitter = app.services.assets.fitter
    assert box.height == fitter.measure(EXPLAIN, metrics.body_size, box.width + 1)[1]
    assert box.height > fitter.measure(EXPLAIN, metrics.small_size, box.width + 1)[1]


def test_the_end_shows_the_pictures_caption_under_its_answer(
    make_app: Callable[..., App],
) -> None:
    pilot, _link = hosted_at(make_app(size=(1024, 768)), every_phase()["podium"])
    shown = pilot.top.shown_texts()  # type: ignore[attr-defined]
    boxes = pilot.top.layout_boxes()  # type: ignore[attr-defined]
    assert shown["caption"] == "A lighthouse shows ships the way at night."
    assert boxes["caption"].top >= boxes["answer"].bottom


def test_a_podium_name_on_two_lines_is_centred_line_by_line(
    make_app: Callable[..., App],
) -> None:
    """Each line of a wrapped name has its ink centred on the step."""
    view = every_phase()["podium"]
    long_name = "Александра Константиновна"
    first = dataclasses.replace(view.podium[0], name=long_name)
    view = dataclasses.replace(view, podium=(first, *view.podium[1:]))
    app = make_app(size=(1024, 768))
    pilot, _link = hosted_at(app, view)
    box = pilot.top.layout_boxes()["podium_1"]  # type: ignore[attr-defined]
    line_h = app.services.assets.font(app.look.metrics(app.size).small_size, True).get_linesize()
    assert box.height > line_h  # on two lines
    for band in (range(box.top, box.top + line_h), range(box.bottom - line_h, box.bottom)):
        inked = [x for x in range(box.left, box.right) if any(_is_ink(app, (x, y)) for y in band)]
        assert inked, "ink on the line"
        assert abs((inked[0] + inked[-1]) / 2 - box.centerx) < line_h // 2, (band, inked[0])


def _is_ink(app: App, point: tuple[int, int]) -> bool:
    return sum(app.surface.get_at(point)[:3]) > 600  # the names' near-white ink


def test_a_refused_answer_is_chosen_then_confirmed(make_app: Callable[..., App]) -> None:
    pilot, link = hosted_at(make_app(size=(1024, 768)), every_phase()["reveal-typed"])
    play = pilot.top
    assert isinstance(play, HostPlayScene)
    pilot.key(pygame.K_a)
    shown = play.shown_texts()
    assert (shown["refused_1"], shown["refused_1_count"]) == ("Mosko", "4 students")
    assert (shown["refused_2"], shown["refused_2_count"]) == ("St Petersburg", "2 students")
    pilot.key(pygame.K_RETURN)
    assert link.sent == []  # nothing chosen: Enter accepts nothing
    pilot.key(pygame.K_2)
    assert "St Petersburg" in play.shown_texts()["accept_confirm"]
    pilot.key(pygame.K_RETURN)
    assert [getattr(c, "text", None) for c in link.sent] == ["St Petersburg"]
    assert "refused_1" not in play.shown_texts()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080), (1024, 640)])
@pytest.mark.parametrize(("language", "text_size"), [("ru", 100), ("qps-ploc", 200)])
def test_the_teachers_code_and_the_answers_to_accept_lay_out_in_the_language(
    make_app: Callable[..., App],
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    language: str,
    text_size: int,
) -> None:
    theirs = (*THEIRS, TEACHER_URL, "teacher?token=secret", "Enter", "Esc")
    settings = game_settings(language, **{"text-size": text_size})
    for phase, keys in (
        ("lobby", (pygame.K_t,)),
        ("reveal-typed", (pygame.K_t,)),
        ("reveal-typed", (pygame.K_a, pygame.K_1)),
        ("paused", ()),
    ):
        app = make_app(size=size, settings=settings)
        with recording_drawn_text(monkeypatch) as drawn:
            pilot, _link = hosted_at(app, every_phase()[phase])
            for key in keys:
                pilot.key(key)
            pilot.step(2)
        boxes_laid_out(pilot.top.layout_boxes(), app.size)  # type: ignore[attr-defined]
        assert cut_off_messages(drawn) == [], (phase, cut_off_messages(drawn))
        if language == "qps-ploc":
            # a name cut short on its chip, under the card, is still theirs
            whole = [line for line in drawn if not _cut_from(line, theirs)]
            assert untranslated_words(whole, theirs) == set(), phase
        app.close()


# -- the class playing, from the title and from clarity host --------------------------------


@pytest.fixture
def saved_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def _with_classes(folder: Path) -> None:
    opening = open_store(folder)
    store = opening.store
    assert store is not None
    ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
    five_b = store.create_class("5B")
    store.add_to_class(five_b.id, [ana.id])  # type: ignore[union-attr]
    store.create_class("6A")
    _ = bob
    store.close()


@pytest.mark.parametrize(
    ("key", "class_name"), [(pygame.K_1, "5B"), (pygame.K_v, None), (pygame.K_n, "")]
)
def test_hosting_from_the_title_asks_which_class_plays(
    saved_app: MakeApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    key: int,
    class_name: str | None,
) -> None:
    _with_classes(tmp_path / "data")
    asked: list[HostConfig] = []
    real_start = link_module.start_host_thread

    def on_loopback(config: HostConfig) -> link_module.HostLink:
        asked.append(config)
        return real_start(dataclasses.replace(config, bind="127.0.0.1", port=0))

    monkeypatch.setattr(link_module, "start_host_thread", on_loopback)
    app = saved_app(size=(1024, 768))
    app.push(TitleScene(app))
    pilot = Pilot(app)
    pilot.step()
    pilot.click(pilot.top.class_button.rect.center)  # type: ignore[attr-defined]
    pilot.key(pygame.K_2)
    app.services.packs.all()
    pilot.step()
    pilot.key(pygame.K_RETURN)
    dialog = pilot.top
    assert dialog.name == "host-class"
    labels = [choice.label for choice in dialog.choices]  # type: ignore[attr-defined]
    assert labels == ["5B", "6A", "Everybody", "Nicknames only", "Back"]
    pilot.key(key)
    assert [scene.name for scene in app.scenes] == ["title", "host-lobby"]
    (config,) = asked
    assert config.class_name == class_name
    pilot.top.hosting.close()  # type: ignore[attr-defined]


def test_clarity_host_with_a_class_there_is_not_names_the_classes_there_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_classes(tmp_path / "data")
    monkeypatch.setattr(link_module, "start_host_thread", _must_not_start)
    status = cli.main(
        ["host", "--pack", "solar-system", "--class", "9Z", "--data-dir", str(tmp_path / "data")]
    )
    _out, err = capsys.readouterr()
    assert status == 2
    assert err.strip().splitlines() == [
        'clarity: there is no class called "9Z"; the classes are: 5B, 6A'
    ]


def test_clarity_host_hands_the_server_the_class_as_it_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_classes(tmp_path / "data")
    asked: list[HostConfig] = []

    class Refused:
        error = "port 8765 is in use"

    def refusing(config: HostConfig) -> Refused:
        asked.append(config)
        return Refused()

    monkeypatch.setattr(link_module, "start_host_thread", refusing)
    status = cli.main(
        ["host", "--pack", "solar-system", "--class", "5b", "--data-dir", str(tmp_path / "data")]
    )
    capsys.readouterr()
    assert status == 2
    assert [config.class_name for config in asked] == ["5B"]


def _must_not_start(config: HostConfig) -> None:
    raise AssertionError("no server for a class there is not")


def test_the_results_list_everyone_below_a_podium_of_places_one_to_three(
    make_app: Callable[..., App],
) -> None:
    ended = every_phase()["podium"]
    view = dataclasses.replace(ended, podium=ended.standings[:3])  # as the host sends it
    pilot, _link = hosted_at(make_app(size=(1920, 1080)), view)
    shown = pilot.top.shown_texts()  # type: ignore[attr-defined]
    listed = [key for key in shown if key.startswith("rest_")]
    assert len(listed) == len(ended.standings) - 3
