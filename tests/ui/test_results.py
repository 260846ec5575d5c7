"""The results screen: a finished round presented as the core summed it up."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from clarity.core.events import RoundOutcome
from clarity.core.packs.loader import LoadedPack
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import Phase, Round
from clarity.core.trophies import TrophyTracker
from clarity.i18n import translator_for
from clarity.ui.app import App
from clarity.ui.scene import Scene
from clarity.ui.scenes.cabinet import CabinetScene
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.results import RESULTS_KEYS, ResultsScene, breakdown_rows
from clarity.ui.scenes.title import TitleScene

from .conftest import Pilot
from .key_tables import assert_hints_are_the_table, drawn_hints, hold, letter_key
from .keyboard import press_events


def right_answer(round_: Round) -> str | bool:
    asked = round_.question
    if isinstance(asked, TrueFalseQuestion):
        return asked.answer
    assert isinstance(asked, ChoiceQuestion | TypedQuestion)
    return asked.answer


def finished_round(loaded: LoadedPack, *, guess: str, wrong_guesses: int = 0) -> Round:
    """A round played on the core alone: every answer right, then ``guess`` at the end."""
    assert loaded.pack is not None
    tracker = TrophyTracker()
    played = Round(loaded.pack, seed=5, observers=[tracker])
    played.tracker = tracker  # type: ignore[attr-defined]
    for _ in range(wrong_guesses):
        played.answer(right_answer(played), 2.0)
        played.next_question()
        played.guess_image("Not it", 1.0)
    while played.phase is Phase.ASKING:
        played.answer(right_answer(played), 3.0)
        played.next_question()
    assert played.phase is Phase.FINAL_GUESS
    played.guess_image(guess, 4.0)
    assert played.summary is not None
    return played


def show_results(pilot: Pilot, loaded: LoadedPack, played: Round) -> ResultsScene:
    tracker: TrophyTracker = played.tracker  # type: ignore[attr-defined]
    assert played.summary is not None
    scene = pilot.app.screens.push(
        "results",
        loaded=loaded,
        summary=played.summary,
        earned=tracker.earned,
        medal=tracker.medal,
        mystery_index=played.mystery_index,
    )
    pilot.step()
    assert isinstance(scene, ResultsScene)
    return scene


def test_the_score_is_taken_apart_into_rows_that_add_up(pilot: Pilot, loaded: LoadedPack) -> None:
    played = finished_round(loaded, guess="Lighthouse", wrong_guesses=1)
    results = show_results(pilot, loaded, played)
    summary = played.summary
    assert summary is not None
    labels = [row.label for row in results.rows]
    assert labels[0] == f"Answers ({summary.right} right)"
    assert "Time bonus" in labels
    assert labels[-1] == "Wrong guesses (1)"
    assert sum(row.points for row in results.rows) == summary.score
    assert results.rows[-1].points == -summary.breakdown.penalty


def test_the_score_counts_up_and_the_awards_pop_in_with_a_fanfare(
    pilot: Pilot, loaded: LoadedPack
) -> None:
    played = finished_round(loaded, guess="Lighthouse")
    results = show_results(pilot, loaded, played)
    summary = played.summary
    assert summary is not None
    assert results.busy
    pilot.step(40)
    assert 0 < results.score.value < summary.score
    pilot.until(lambda: not results.busy)
    assert results.score.value == summary.score
    shown = results.shown_texts()
    assert shown["heading"] == "You guessed it!"
    assert shown["answer"] == "Lighthouse"
    assert shown["medal_name"] == f"{results.medal.value.title()} medal"  # type: ignore[union-attr]
    trophy_names = [shown[f"trophy_{i}"] for i in range(len(results.trophies))]
    assert trophy_names == [t.name for t in results.trophies]
    assert "First light" in trophy_names
    fanfares = pilot.app.services.sound.played.count("trophy")  # type: ignore[attr-defined]
    assert fanfares == len(results.trophies) + 1  # the medal, then each trophy


def test_a_missed_round_says_so_and_earns_no_image_bonus(pilot: Pilot, loaded: LoadedPack) -> None:
    played = finished_round(loaded, guess="Windmill")
    results = show_results(pilot, loaded, played)
    assert results.summary.outcome is RoundOutcome.MISSED
    assert results.shown_texts()["heading"].startswith("Not this time")
    image_row = next(row for row in results.rows if row.label.startswith("Image bonus"))
    assert image_row.points == 0


def test_a_key_during_the_presentation_shows_everything_instead_of_leaving(
    pilot: Pilot, loaded: LoadedPack
) -> None:
    results = show_results(pilot, loaded, finished_round(loaded, guess="Lighthouse"))
    pilot.key(pygame.K_p)
    assert pilot.top is results
    assert not results.busy
    assert results.score.value == results.summary.score


def test_play_again_plays_the_next_picture_of_the_pack(pilot: Pilot, loaded: LoadedPack) -> None:
    results = show_results(pilot, loaded, finished_round(loaded, guess="Lighthouse"))
    results.finish_presentation()
    pilot.key(pygame.K_RETURN)  # Enter plays again unless the focus was moved
    play = pilot.top
    assert isinstance(play, PlayScene)
    assert play.round.mystery_index == 1
    assert play.round.phase is Phase.ASKING
    assert play.round.score == 0
    assert pilot.app.scenes == (play,)


def test_play_again_after_the_last_picture_comes_back_to_the_first(
    pilot: Pilot, loaded: LoadedPack
) -> None:
    assert loaded.pack is not None
    played = finished_round(loaded, guess="Lighthouse")
    assert played.summary is not None
    results = ResultsScene(
        pilot.app, loaded, played.summary, [], None, mystery_index=len(loaded.pack.rounds) - 1
    )
    pilot.app.push(results)
    pilot.step()
    results.finish_presentation()
    pilot.key(pygame.K_p)
    play = pilot.top
    assert isinstance(play, PlayScene)
    assert play.round.mystery_index == 0


@pytest.mark.parametrize("key", [pygame.K_t, pygame.K_ESCAPE])
def test_title_goes_back_to_the_title_screen(pilot: Pilot, loaded: LoadedPack, key: int) -> None:
    results = show_results(pilot, loaded, finished_round(loaded, guess="Lighthouse"))
    results.finish_presentation()
    pilot.key(key)
    assert isinstance(pilot.top, TitleScene)
    assert len(pilot.app.scenes) == 1


def test_the_buttons_work_with_tab_and_with_the_mouse(pilot: Pilot, loaded: LoadedPack) -> None:
    results = show_results(pilot, loaded, finished_round(loaded, guess="Lighthouse"))
    results.finish_presentation()
    pilot.key(pygame.K_TAB)  # the first press shows the focus: on Play again
    assert results.focus.focused is results.play_again_button
    pilot.key(pygame.K_TAB)
    assert results.focus.focused is results.cabinet_button
    pilot.key(pygame.K_TAB)
    assert results.focus.focused is results.title_button
    pilot.click(results.play_again_button.rect.center)
    assert isinstance(pilot.top, PlayScene)


def test_breakdown_rows_leave_out_what_the_round_did_not_use(loaded: LoadedPack) -> None:
    assert loaded.pack is not None
    from clarity.core.scoring import ScoringRules

    played = Round(loaded.pack, seed=2, rules=ScoringRules(timer=False, streaks=False))
    played.guess_image("Lighthouse", 1.0)
    assert played.summary is not None
    labels = [row.label for row in breakdown_rows(played.summary, translator_for("en"))]
    assert labels == ["Answers (0 right)", "Image bonus (6 tiles hidden)"]


def test_results_after_a_round_played_in_the_app(app: App, loaded: LoadedPack) -> None:
    """The play scene hands its round's summary and trophies over unchanged."""
    pilot = Pilot(app)
    play = PlayScene(app, loaded, seed=3)
    app.push(play)
    pilot.step()
    pilot.settle()
    pilot.key(pygame.K_g)
    pilot.type("Lighthouse")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: isinstance(app.top, ResultsScene))
    results = pilot.top
    assert isinstance(results, ResultsScene)
    assert results.summary is play.round.summary
    assert results.mystery_index == 0
    assert [t.trophy_id for t in results.earned] == [t.trophy_id for t in play.tracker.earned]
    assert "sharp-eye" in [t.trophy_id for t in results.trophies]


@pytest.mark.parametrize("layout", ["us", "ru"])
def test_p_c_and_t_are_the_keys_printed_p_c_and_t_on_any_layout(
    pilot: Pilot, loaded: LoadedPack, layout: str
) -> None:
    played = finished_round(loaded, guess="Lighthouse")
    results = show_results(pilot, loaded, played)
    results.finish_presentation()
    pilot.key(letter_key("C", layout), layout=layout)  # "с" on a Russian keyboard
    assert isinstance(pilot.top, CabinetScene)
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is results
    pilot.key(letter_key("P", layout), layout=layout)  # "з"
    play = pilot.top
    assert isinstance(play, PlayScene)
    assert play.round.mystery_index == 1
    results = show_results(pilot, loaded, played)
    results.finish_presentation()
    pilot.key(letter_key("T", layout), layout=layout)  # "е"
    assert isinstance(pilot.top, TitleScene)
    assert len(pilot.app.scenes) == 1


def test_the_hints_drawn_are_the_table_the_keys_are_handled_with(
    pilot: Pilot, loaded: LoadedPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = show_results(pilot, loaded, finished_round(loaded, guess="Lighthouse"))
    results.finish_presentation()
    with drawn_hints(monkeypatch) as drawn:
        assert_hints_are_the_table(pilot, drawn, RESULTS_KEYS, [(results, RESULTS_KEYS)])
    assert [label for _cap, label in drawn[-1]] == [
        "play again",
        "trophies",
        "title",
        "move",
        "choose",
    ]
    assert [b.key_hint for b in results.buttons] == ["P", "C", "T"]
    assert pilot.top is results


def test_a_held_esc_goes_back_to_the_title_once(pilot: Pilot, loaded: LoadedPack) -> None:
    results = show_results(pilot, loaded, finished_round(loaded, guess="Lighthouse"))
    results.finish_presentation()
    hold(pilot, pygame.K_ESCAPE)
    assert isinstance(pilot.top, TitleScene)
    assert pilot.app.running  # the title took the repeats for no press: it did not quit


def test_a_key_held_from_the_round_does_not_cut_the_presentation_short(
    pilot: Pilot, loaded: LoadedPack
) -> None:
    pilot.app.push(Scene(pilot.app))  # the round's last screen, where Enter went down
    events = press_events(pygame.K_RETURN, text_input=False)
    down, up = events[0], events[-1]
    pilot.post([down])
    results = show_results(pilot, loaded, finished_round(loaded, guess="Lighthouse"))
    for _ in range(5):  # still held: SDL repeats the KEYDOWN
        pilot.post([pygame.event.Event(pygame.KEYDOWN, down.dict)])
    assert results.busy
    assert pilot.top is results
    pilot.post([up])
    pilot.key(pygame.K_RETURN)  # a fresh press shows everything at once
    assert not results.busy
    assert pilot.top is results


@pytest.mark.parametrize("text_size", [100, 200])
def test_the_caption_is_shown_whole_at_any_text_size_on_a_small_screen(
    make_app: Callable[..., App], text_size: int
) -> None:
    from clarity.core.packs.loader import load_pack
    from clarity.resources import bundled_assets_dir, bundled_questions_dir
    from clarity.settings import Settings
    from clarity.ui.services import GameSettings

    union_state = load_pack(
        bundled_questions_dir() / "union_state.yaml", assets_dir=bundled_assets_dir()
    )
    assert union_state.pack is not None
    saved = Settings().with_values({"text-size": text_size})
    pilot = Pilot(make_app(size=(1024, 768), settings=GameSettings(seed=1, saved=saved)))
    played = finished_round(union_state, guess=union_state.pack.rounds[0].answer)
    results = show_results(pilot, union_state, played)
    caption = results._placed["caption"]
    assert caption.words == union_state.pack.rounds[0].caption  # a long one: four lines
    assert caption.box is not None
    assert caption.box.contains(caption.rect)  # drawn whole, never cut at its box
