"""The class game's results: the teams ranked (equal scores share a place), their points
and trophies, each member's new lasting trophies; the next picture, or the title."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from clarity.class_progress import ClassGameSaved
from clarity.core.class_round import ClassRound
from clarity.core.events import TrophyEarned
from clarity.core.messages import message
from clarity.core.packs.loader import LoadedPack
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.teams import ClassGameSetup, Team
from clarity.core.trophies import ClassTrophyTracker
from clarity.ui.app import App
from clarity.ui.scenes.class_play import ClassPlayScene
from clarity.ui.scenes.class_results import ClassResultsScene
from clarity.ui.text_draw import ChainFont

from .class_game import NAMES, buzzers_for
from .conftest import Pilot
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text, untranslated_words
from .test_buzzers import FakePadPort, xbox
from .test_layout import assert_laid_out
from .test_play_languages import KEY_NAMES, pack_words

ANA = 5  # a member who is a player profile


def right_response(played: ClassRound) -> str | bool:
    question = played.question
    if isinstance(question, ChoiceQuestion):
        return question.choices[question.right_index]
    if isinstance(question, TrueFalseQuestion):
        return question.answer
    assert isinstance(question, TypedQuestion)
    return question.answer


def finished_game(loaded: LoadedPack) -> tuple[ClassGameSetup, ClassRound, ClassTrophyTracker]:
    """Owls and Foxes each answer one question right at once (equal scores); the Bears
    miss theirs and then guess the picture: they come first, the others share second."""
    assert loaded.pack is not None
    setup = ClassGameSetup(
        pack_id=loaded.pack.id,
        mystery_index=0,
        seed=3,
        teams=(Team("Owls", 0, (ANA,)), Team("Foxes", 1), Team("Bears", 2)),
    )
    trophies = ClassTrophyTracker(3)
    played = setup.new_round(loaded.pack, [trophies])
    for _ in range(2):
        played.answer(right_response(played), 0.0)
        played.next_question()
    played.answer(None, 0.0)  # the Bears' time runs out; the Owls let the steal go
    played.pass_steal(0.0)
    played.guess_image("Lighthouse", 1.0, 2)
    return setup, played, trophies


def six_teams_game(
    loaded: LoadedPack,
) -> tuple[ClassGameSetup, ClassRound, ClassTrophyTracker]:
    """Six teams take turns: the Foxes and the Bears guess the picture wrong, the first five
    answer right (the Owls with a member), then the Lynxes guess the picture: every row
    has a long breakdown, as a real game's have."""
    assert loaded.pack is not None
    teams = tuple(Team(name, i, (ANA,) if i == 0 else ()) for i, name in enumerate(NAMES))
    setup = ClassGameSetup(pack_id=loaded.pack.id, mystery_index=0, seed=3, teams=teams)
    trophies = ClassTrophyTracker(len(teams))
    played = setup.new_round(loaded.pack, [trophies])
    for turn in range(5):
        played.answer(right_response(played), 0.0)
        played.next_question()
        if turn == 1:  # tiles are open: a wrong guess costs its penalty
            played.guess_image("Windmill", 1.0, 1)
            played.guess_image("Windmill", 1.0, 2)
    played.guess_image("Lighthouse", 1.0, 5)
    return setup, played, trophies


def show_results(
    app: App,
    loaded: LoadedPack,
    *,
    saved: ClassGameSaved | None = None,
    game: Callable[
        [LoadedPack], tuple[ClassGameSetup, ClassRound, ClassTrophyTracker]
    ] = finished_game,
) -> Pilot:
    setup, played, trophies = game(loaded)
    summary = played.class_summary
    assert summary is not None
    lasting = {ANA: [TrophyEarned("sharp-eye", "Sharp eye", "silver")]}
    app.push(
        ClassResultsScene(
            app,
            loaded,
            setup=setup,
            summary=summary,
            trophies=trophies.earned,
            medals=trophies.medals,
            saved=saved or ClassGameSaved(lasting=lasting, members={ANA: "Ana"}),
            buzzers=buzzers_for(len(setup.teams), FakePadPort(xbox(7))),
        )
    )
    pilot = Pilot(app)
    pilot.step(2)
    return pilot


def test_teams_are_ranked_and_equal_scores_share_their_place(app: App, loaded: LoadedPack) -> None:
    pilot = show_results(app, loaded)
    results = pilot.top
    assert isinstance(results, ClassResultsScene)
    texts = results.shown_texts()
    assert texts["team_3"].startswith("1. Bears")
    assert texts["team_1"].startswith("2. Owls")
    assert texts["team_2"].startswith("2. Foxes")  # the same score: the same place
    assert results.layout_boxes()["team_3"].y < results.layout_boxes()["team_1"].y
    assert "Bears" in texts["heading"]  # who guessed it
    assert texts["answer"] == "Lighthouse"
    assert "Image bonus" in texts["team_3_points"]


def test_each_team_s_trophies_and_each_member_s_new_lasting_trophies_are_shown(
    app: App, loaded: LoadedPack
) -> None:
    pilot = show_results(app, loaded)
    results = pilot.top
    assert isinstance(results, ClassResultsScene)
    texts = results.shown_texts()
    assert "Trophies:" in texts["team_1"] or "Trophies:" in texts["team_1_trophies"]
    assert "Ana: Sharp eye" in texts["team_1_trophies"]  # the Owls' member
    assert "Ana" not in texts["team_2_trophies"]


def test_a_game_not_saved_says_why(app: App, loaded: LoadedPack) -> None:
    notice = message("Not saved: {reason}", reason="the disk is full")
    pilot = show_results(app, loaded, saved=ClassGameSaved(notice=notice))
    results = pilot.top
    assert isinstance(results, ClassResultsScene)
    assert results.shown_texts()["notice"] == "Not saved: the disk is full"


def test_enter_plays_the_next_picture_with_the_same_teams_and_esc_goes_to_the_title(
    app: App, loaded: LoadedPack
) -> None:
    pilot = show_results(app, loaded)
    results = pilot.top
    assert isinstance(results, ClassResultsScene)
    pilot.key(pygame.K_RETURN)
    play = pilot.top
    assert isinstance(play, ClassPlayScene)
    assert play.round.mystery_index == 1
    assert [team.name for team in play.setup.teams] == ["Owls", "Foxes", "Bears"]
    assert play.buzzers is results.buzzers

    again = show_results(app, loaded)
    again.key(pygame.K_ESCAPE)
    assert again.top.name == "title"


@pytest.mark.parametrize(
    "case",
    [((1024, 768), 200, "qps-ploc"), ((1920, 1080), 100, "qps-ploc"), ((1024, 768), 150, "ru")],
)
def test_the_results_fit_and_every_word_is_translated(
    make_app: Callable[..., App],
    loaded: LoadedPack,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[tuple[int, int], int, str],
) -> None:
    size, text_size, language = case
    app = make_app(size=size, settings=game_settings(language, **{"text-size": text_size}))
    with recording_drawn_text(monkeypatch) as drawn:
        pilot = show_results(app, loaded)
        results = pilot.top
        assert isinstance(results, ClassResultsScene)
        assert_laid_out(results.layout_boxes(), app.size)
        if text_size == 200:  # the list scrolls to its last team
            assert results.scroller.max_offset > 0
            assert "team_2_trophies" not in results.layout_boxes()
            for _ in range(4):
                pilot.key(pygame.K_PAGEDOWN, frames=40)
            assert "team_2_trophies" in results.layout_boxes()
            assert_laid_out(results.layout_boxes(), app.size)
    assert cut_off_messages(drawn) == []
    if language == "qps-ploc":
        allowed = [*pack_words(loaded), *NAMES, "Ana", *KEY_NAMES]
        assert untranslated_words(drawn, allowed) == set()
    if language == "ru":
        assert any("Bears: угадали!" in line for line in drawn)
        assert any("Следующая картинка" in line for line in drawn)


def recording_sizes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every line drawn from now on, with its type size."""
    drawn: list[tuple[str, int]] = []
    render_line = ChainFont.render_line

    def recorded(font: ChainFont, line: str, *args: object, **kwargs: object) -> object:
        drawn.append((line, font.point_size))
        return render_line(font, line, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ChainFont, "render_line", recorded)
    return drawn


def test_three_teams_on_a_projector_have_their_rows_in_large_text(
    make_app: Callable[..., App], loaded: LoadedPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(size=(1024, 768))
    drawn = recording_sizes(monkeypatch)
    results = show_results(app, loaded).top
    assert isinstance(results, ClassResultsScene)
    metrics = app.look.metrics(app.size)
    breakdown = results.shown_texts()["team_3_points"]
    # its lines as wrapped (longer than a hint's word that a breakdown also has)
    sizes = {size for line, size in drawn if len(line.strip()) > 12 and line.strip() in breakdown}
    assert sizes == {metrics.body_size}  # not the small size of a crowded list
    heads = {size for line, size in drawn if line.startswith("1. Bears")}
    assert heads == {metrics.heading_size}
    assert results.scroller.max_offset == 0
    assert_laid_out(results.layout_boxes(), app.size)


def test_the_first_place_has_the_cup_and_a_line_says_what_the_medals_are_for(
    app: App, loaded: LoadedPack
) -> None:
    pilot = show_results(app, loaded)
    results = pilot.top
    assert isinstance(results, ClassResultsScene)
    assert results.crowned == (2,)  # the Bears, first; not the Owls with a medal
    assert any(medal is not None for medal in results.medals)
    assert results.shown_texts()["medals"] == (
        "Medals: each team's points against the most it could have scored"
    )


def test_the_buttons_of_a_row_have_their_labels_at_one_size(
    make_app: Callable[..., App], loaded: LoadedPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(size=(1024, 768), settings=game_settings("ru", **{"text-size": 150}))
    drawn = recording_sizes(monkeypatch)
    show_results(app, loaded)
    labels = {size for line, size in drawn if line in ("Следующая картинка", "В начало")}
    words = {line for line, _ in drawn if line in ("Следующая картинка", "В начало")}
    assert words == {"Следующая картинка", "В начало"}
    assert len(labels) == 1, [(line, size) for line, size in drawn if size in labels]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_six_teams_on_a_projector_are_all_in_view_without_scrolling(
    make_app: Callable[..., App], loaded: LoadedPack, size: tuple[int, int], language: str
) -> None:
    app = make_app(size=size, settings=game_settings(language))
    results = show_results(app, loaded, game=six_teams_game).top
    assert isinstance(results, ClassResultsScene)
    assert results.scroller.max_offset == 0
    assert "scroll" not in [binding.action for binding in results.bindings()]
    boxes = results.layout_boxes()
    assert "Wrong guesses" in results.shown_texts()["team_2_points"] or language != "en"
    for team in range(1, 7):
        for part in ("", "_points", "_trophies"):
            assert f"team_{team}{part}" in boxes, (f"team_{team}{part}", size)
    assert_laid_out(boxes, app.size)
    rows = results.row_boxes()
    assert len(rows) == 6
    assert_laid_out(rows, app.size)
    for row in rows.values():
        assert results.list_view.contains(row)


def test_six_teams_at_the_largest_text_size_may_scroll_to_the_last(
    make_app: Callable[..., App], loaded: LoadedPack
) -> None:
    app = make_app(size=(1024, 768), settings=game_settings("en", **{"text-size": 200}))
    pilot = show_results(app, loaded, game=six_teams_game)
    results = pilot.top
    assert isinstance(results, ClassResultsScene)
    assert results.scroller.max_offset > 0
    for _ in range(12):
        pilot.key(pygame.K_PAGEDOWN, frames=40)
    last = f"team_{results.ranking[-1] + 1}_trophies"
    assert last in results.layout_boxes()
    assert_laid_out(results.layout_boxes(), app.size)
