"""The play scene, played through the real App with posted keys, text and clicks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pygame
import pytest

from clarity.core.events import RoundOutcome
from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import Phase, Round
from clarity.i18n import translator_for
from clarity.ui.app import App
from clarity.ui.scenes.pause import PauseScene
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.results import ResultsScene
from clarity.ui.services import GameSettings

from .conftest import ASSETS, QUESTIONS, Pilot, write_play_pack

LETTERS = (pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d, pygame.K_e, pygame.K_f)
DIGITS = (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6)


def start(pilot: Pilot, loaded: LoadedPack, **options: Any) -> PlayScene:
    """The play scene pushed on the App, its first question in view."""
    scene = PlayScene(pilot.app, loaded, seed=options.pop("seed", 7), **options)
    pilot.app.push(scene)
    pilot.step()
    pilot.settle()
    assert pilot.top is scene
    return scene


def pack_of(tmp_path: Path, questions: Sequence[dict[str, Any]], **options: Any) -> LoadedPack:
    folder = tmp_path / "single"
    path = write_play_pack(folder, questions=questions, pack_id="single", **options)
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    return loaded


def question(id_: str) -> dict[str, Any]:
    return next(q for q in QUESTIONS if q["id"] == id_)


def answer_with_keys(pilot: Pilot, play: PlayScene, *, right: bool, number: int) -> None:
    """Answer the question in view as a player at the keyboard would."""
    asked = play.round.question
    if isinstance(asked, ChoiceQuestion):
        index = asked.right_index if right else (asked.right_index + 1) % len(asked.choices)
        keys = LETTERS if number % 2 else DIGITS  # both ways of choosing work
        pilot.key(keys[index])
    elif isinstance(asked, TrueFalseQuestion):
        pilot.key(pygame.K_t if asked.answer == right else pygame.K_f)
    else:
        assert isinstance(asked, TypedQuestion)
        pilot.type("Моск" if right else "Kie")
        pilot.type("ва" if right else "v")
        pilot.key(pygame.K_RETURN)


# -- a whole round --------------------------------------------------------------------------


def test_a_whole_round_played_with_keys_ends_on_results_with_the_core_figures(
    pilot: Pilot, loaded: LoadedPack
) -> None:
    play = start(pilot, loaded)
    sound = pilot.app.services.sound
    number = 0
    while play.round.phase is Phase.ASKING:
        number += 1
        right = number != 2  # one wrong answer on the way
        hidden = play.round.board.hidden_count
        score = play.round.score
        sound.played.clear()  # type: ignore[attr-defined]
        answer_with_keys(pilot, play, right=right, number=number)

        assert play.round.phase is Phase.FEEDBACK
        assert play.feedback is not None
        assert play.feedback.event.right is right
        assert play.round.board.hidden_count == hidden - right
        texts = play.shown_texts()
        if right:
            assert texts["verdict"] == f"Right!  +{_points(play.feedback.event.points.total)}"
            assert sound.played[:2] == ["right", "uncover"]  # type: ignore[attr-defined]
            assert play.busy  # the tile is turning
        else:
            assert texts["verdict"] == "Not quite."
            asked = play.round.question
            if isinstance(asked, TypedQuestion):  # the answer in words
                assert f"The answer: {play.feedback.right_answer}." in texts["explain"]
            else:  # the answer on its green button
                assert "right" in [b.state for b in play.answer_buttons]
            assert play.round.score == score
        pilot.settle()
        pilot.step(45)  # the score counts up to the core's
        assert play.score.value == play.round.score
        assert not play.busy
        pilot.key(pygame.K_RETURN)
        pilot.settle()

    # every tile is uncovered: the guess field opens by itself
    assert play.round.phase is Phase.FINAL_GUESS
    assert play.round.board.hidden_count == 0
    assert play.guessing
    assert play.wants_text
    pilot.type("lighthouse")
    pilot.key(pygame.K_RETURN)
    assert play.round.phase is Phase.ENDED
    assert play.busy  # the last reveal, then the results
    pilot.until(lambda: isinstance(pilot.app.top, ResultsScene))

    results = pilot.top
    assert isinstance(results, ResultsScene)
    summary = play.round.summary
    assert summary is not None
    assert results.summary == summary
    assert summary.outcome is RoundOutcome.GUESSED
    assert summary.right == number - 1
    assert summary.wrong == 1
    assert results.earned == tuple(play.tracker.earned)
    assert results.medal == play.tracker.medal
    pilot.key(pygame.K_RETURN)  # a key during the presentation shows it all at once
    assert pilot.top is results
    assert not results.busy
    pilot.step()
    assert results.score.value == summary.score
    shown = results.shown_texts()
    assert sum(row.points for row in results.rows) == summary.score
    assert shown["row_0_value"] == f"+{_points(summary.breakdown.base)}"
    assert shown["answer"] == "Lighthouse"
    assert shown["caption"] == "A lighthouse shows ships the way at night."


def _points(value: int) -> str:
    """``value`` as the English interface writes it (5,653)."""
    return translator_for("en").number(value)


# -- answering --------------------------------------------------------------------------------


def test_f_means_false_on_a_true_false_question(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("false-one")]))
    assert play.shown_texts()["header"].endswith("TRUE OR FALSE")
    pilot.key(pygame.K_f)
    assert play.feedback is not None
    assert play.feedback.event.right
    assert play.feedback.event.response == "false"


def test_a_and_1_mean_true_and_b_means_false(make_app: Callable[..., App], tmp_path: Path) -> None:
    loaded = pack_of(tmp_path, [question("true-one")])
    for key, right in ((pygame.K_a, True), (pygame.K_1, True), (pygame.K_b, False)):
        pilot = Pilot(make_app())
        play = start(pilot, loaded)
        assert [b.label for b in play.answer_buttons] == ["True", "False"]
        pilot.key(key)
        assert play.feedback is not None
        assert play.feedback.event.right is right


def test_f_picks_the_sixth_choice_on_a_choice_question(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("choice-six")]))
    assert [b.key_hint for b in play.answer_buttons] == ["A", "B", "C", "D", "E", "F"]
    assert {b.shape for b in play.answer_buttons} == {
        "triangle", "diamond", "circle", "square", "star", "hexagon",
    }  # fmt: skip
    sixth = play.round.choices_shown[5]  # the sixth as dealt, not as the pack writes them
    pilot.key(pygame.K_f)
    assert play.feedback is not None
    assert play.feedback.event.response == sixth
    assert play.feedback.event.right is (sixth == "Ob")
    assert play.answer_buttons[5].state == ("right" if sixth == "Ob" else "wrong")


def first_seed_hiding_the_answer(loaded: LoadedPack, right: str) -> int:
    """The first seed whose round shows ``right`` elsewhere than first (as written)."""
    return next(
        seed for seed in range(50) if Round(loaded.pack, seed=seed).choices_shown[0] != right
    )


@pytest.mark.parametrize("keys", [LETTERS, DIGITS])
def test_the_key_of_the_right_choice_as_shown_scores_right(
    pilot: Pilot, tmp_path: Path, keys: tuple[int, ...]
) -> None:
    written = {
        "id": "capital",
        "type": "choice",
        "prompt": "What is the capital of Belarus?",
        "choices": ["Minsk", "Vilnius", "Riga", "Kyiv"],
        "answer": "Minsk",  # first as written, as packs mostly have it
    }
    loaded = pack_of(tmp_path, [written])
    play = start(pilot, loaded, seed=first_seed_hiding_the_answer(loaded, "Minsk"))
    labels = [b.label for b in play.answer_buttons]
    assert sorted(labels) == sorted(written["choices"])
    assert labels != written["choices"]  # dealt, not as written
    shown_at = labels.index("Minsk")
    pilot.key(keys[shown_at])
    assert play.feedback is not None
    assert play.feedback.event.right
    assert [b.state for b in play.answer_buttons][shown_at] == "right"


def test_a_key_beyond_the_choices_does_nothing(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("choice-three")]))
    pilot.key(pygame.K_d)
    pilot.key(pygame.K_5)
    assert play.round.phase is Phase.ASKING
    assert play.feedback is None


def test_a_wrong_answer_shows_the_right_one_and_the_explanation(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = start(pilot, pack_of(tmp_path, [question("choice-four"), question("choice-six")]))
    asked = play.round.question
    assert isinstance(asked, ChoiceQuestion)
    wrong = (asked.right_index + 1) % len(asked.choices)
    pilot.key(LETTERS[wrong])
    states = [b.state for b in play.answer_buttons]
    assert states[asked.right_index] == "right"
    assert states[wrong] == "wrong"
    assert states.count("dimmed") == len(states) - 2
    assert play.shown_texts()["explain"].endswith(str(asked.explain))
    assert "next_button" in play.layout_boxes()
    assert pilot.app.services.sound.played[-1] == "wrong"  # type: ignore[attr-defined]
    pilot.settle()  # the verdict is read
    pilot.key(pygame.K_RETURN)
    assert play.round.question_number == 2
    assert play.round.phase is Phase.ASKING


def test_answers_wait_for_the_new_question_to_be_in_view(pilot: Pilot, loaded: LoadedPack) -> None:
    play = PlayScene(pilot.app, loaded, seed=7)
    pilot.app.push(play)
    pilot.step()
    assert play.busy  # the question wipes in
    pilot.key(pygame.K_1)
    assert play.feedback is None
    pilot.settle()
    pilot.key(pygame.K_1)
    assert play.feedback is not None


def test_a_typed_answer_takes_cyrillic_text_and_backspace(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("typed-capital")]))
    assert play.wants_text  # letters type: M does not mute, G does not open the guess
    pilot.type("Моск")
    pilot.key(pygame.K_m)
    pilot.key(pygame.K_g)
    assert not pilot.app.services.sound.muted
    assert not play.guessing
    assert play.answer_field.text == "Москmg"
    pilot.key(pygame.K_BACKSPACE)
    pilot.key(pygame.K_BACKSPACE)
    pilot.type("вы")
    pilot.key(pygame.K_BACKSPACE)
    pilot.type("а")
    assert play.answer_field.text == "Москва"
    pilot.key(pygame.K_RETURN)
    assert play.feedback is not None
    assert play.feedback.event.right
    assert play.feedback.event.response == "Москва"


def test_an_empty_typed_answer_is_not_sent(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("typed-capital")]))
    pilot.type("   ")
    pilot.key(pygame.K_RETURN)
    assert play.round.phase is Phase.ASKING


def test_the_mouse_answers_and_a_click_on_the_card_goes_on(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("choice-four"), question("choice-three")]))
    asked = play.round.question
    assert isinstance(asked, ChoiceQuestion)
    pilot.click(play.answer_buttons[asked.right_index].rect.center)
    assert play.feedback is not None
    assert play.feedback.event.right
    pilot.settle()
    pilot.click(play.layout_boxes()["prompt"].center)
    assert play.round.question_number == 2


def test_tab_shows_the_focus_and_enter_presses_it(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("choice-four")]))
    pilot.key(pygame.K_RETURN)  # no focus shown yet: Enter answers nothing
    assert play.feedback is None
    pilot.key(pygame.K_DOWN)  # the first arrow shows the focus where it is
    assert play.focus.focused is play.answer_buttons[0]
    pilot.key(pygame.K_DOWN)
    focused = play.focus.focused
    assert focused is not None
    assert focused is not play.answer_buttons[0]
    pilot.key(pygame.K_RETURN)
    assert play.feedback is not None
    assert play.feedback.event.response == focused.label


def test_time_running_out_counts_as_a_wrong_answer(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("choice-four")], time_limit=5))
    assert play.round.time_limit == 5
    assert "timebar" in play.layout_boxes()
    pilot.step(4, dt=1.0)
    assert play.feedback is None
    assert play.time_left == pytest.approx(1.0)
    pilot.step(2, dt=1.0)
    assert play.feedback is not None
    event = play.feedback.event
    assert event.timed_out
    assert not event.right
    assert event.response is None
    assert play.round.streak == 0
    assert play.round.score == 0
    assert play.shown_texts()["verdict"] == "Time's up!"
    asked = play.round.question
    assert isinstance(asked, ChoiceQuestion)
    assert play.answer_buttons[asked.right_index].state == "right"


def test_without_a_time_limit_there_is_no_time_bar(
    make_app: Callable[..., App], tmp_path: Path
) -> None:
    pilot = Pilot(make_app(settings=GameSettings(timer=False, seed=1)))
    play = start(pilot, pack_of(tmp_path, [question("choice-four")]))
    assert play.round.time_limit is None
    assert "timebar" not in play.layout_boxes()
    pilot.step(100, dt=1.0)
    assert play.round.phase is Phase.ASKING


# -- guessing the image -----------------------------------------------------------------------


def test_a_wrong_guess_costs_the_penalty_and_a_right_one_ends_the_round(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = start(pilot, pack_of(tmp_path, [question("true-one"), question("choice-two")]))
    answer_with_keys(pilot, play, right=True, number=1)  # there are points to lose
    pilot.settle()
    pilot.key(pygame.K_RETURN)
    pilot.settle()
    score = play.round.score
    clock = play.seconds_on_question
    rules = play.round.rules

    pilot.key(pygame.K_g)
    assert play.guessing
    assert play.wants_text
    assert "guess_field" in play.layout_boxes()
    pilot.type("Windmilx")
    pilot.key(pygame.K_BACKSPACE)
    pilot.type("l")
    pilot.key(pygame.K_m)  # types, does not mute
    assert not pilot.app.services.sound.muted
    assert play.card.guess.field.text == "Windmillm"
    pilot.key(pygame.K_BACKSPACE)
    pilot.step(30)
    assert play.seconds_on_question == clock  # the question's clock waits for the guess
    toasts = len(play.toasts)
    pilot.key(pygame.K_RETURN)
    assert play.round.guesses[-1].guess == "Windmill"
    assert not play.round.guesses[-1].right
    assert play.round.score == score - rules.wrong_guess_penalty
    assert not play.guessing
    assert play.round.phase is Phase.ASKING
    assert len(play.toasts) == toasts + 1  # "“Windmill” is not it"
    pilot.step(50)
    assert play.score.value == play.round.score  # the HUD counted down

    pilot.key(pygame.K_g)
    hidden = play.round.board.hidden_count
    pilot.type("Ма")
    pilot.type("як")  # an accepted answer, in Cyrillic
    pilot.key(pygame.K_RETURN)
    guess = play.round.guesses[-1]
    assert guess.right
    assert guess.points.image_bonus == rules.image_base + rules.image_per_hidden_tile * hidden
    assert play.round.phase is Phase.ENDED
    assert play.round.summary is not None
    assert play.round.summary.outcome is RoundOutcome.GUESSED
    assert "guessed" in pilot.app.services.sound.played  # type: ignore[attr-defined]
    pilot.until(lambda: isinstance(pilot.app.top, ResultsScene))


def test_esc_cancels_a_guess_and_the_question_goes_on(pilot: Pilot, loaded: LoadedPack) -> None:
    play = start(pilot, loaded)
    pilot.key(pygame.K_g)
    pilot.type("something")
    pilot.key(pygame.K_ESCAPE)
    assert not play.guessing
    assert not play.round.guesses
    assert play.round.phase is Phase.ASKING
    assert pilot.top is play  # Esc closed the field; it did not pause


def test_space_in_the_guess_types_a_space_and_does_not_press_guess(
    pilot: Pilot, loaded: LoadedPack
) -> None:
    play = start(pilot, loaded)
    pilot.key(pygame.K_g)
    assert play.card.guess.field.text == ""  # G opened the field and typed nothing
    pilot.type("Union")
    pilot.key(pygame.K_SPACE)  # KEYDOWN Space, then the text " " it typed
    pilot.type("State")
    assert play.guessing
    assert not play.round.guesses
    assert play.card.guess.field.text == "Union State"


def test_an_empty_guess_is_not_sent(pilot: Pilot, loaded: LoadedPack) -> None:
    play = start(pilot, loaded)
    pilot.key(pygame.K_g)
    pilot.key(pygame.K_RETURN)
    assert play.guessing
    assert not play.round.guesses


def test_ctrl_g_opens_the_guess_during_a_typed_question(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("typed-capital")]))
    pilot.key(pygame.K_g, mod=pygame.KMOD_CTRL)
    assert play.guessing


def test_the_final_guess_opens_by_itself_and_esc_pauses_there(pilot: Pilot, tmp_path: Path) -> None:
    play = start(pilot, pack_of(tmp_path, [question("true-one")]))
    pilot.key(pygame.K_t)
    pilot.settle()
    pilot.key(pygame.K_RETURN)  # no questions left
    assert play.round.phase is Phase.FINAL_GUESS
    assert play.guessing
    assert play.shown_texts()["guess_heading"].startswith("No questions left.")
    pilot.key(pygame.K_ESCAPE)
    assert isinstance(pilot.top, PauseScene)
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is play
    assert play.guessing
    pilot.type("Windmill")
    pilot.key(pygame.K_RETURN)  # wrong, and final: the round ends, nothing more is lost
    assert play.round.summary is not None
    assert play.round.summary.outcome is RoundOutcome.MISSED
    assert play.round.guesses[-1].points.total == 0
    pilot.until(lambda: isinstance(pilot.app.top, ResultsScene))


# -- trophies, pause, restart ------------------------------------------------------------------


def test_a_trophy_won_mid_round_slides_in_with_its_sound(pilot: Pilot, loaded: LoadedPack) -> None:
    play = start(pilot, loaded)
    answer_with_keys(pilot, play, right=True, number=1)
    assert [t.trophy_id for t in play.tracker.earned] == ["first-light"]
    assert "trophy" in pilot.app.services.sound.played  # type: ignore[attr-defined]
    assert len(play.toasts) == 1
    pilot.step(240)
    assert len(play.toasts) == 0


def test_the_clock_stands_still_under_the_pause_menu(pilot: Pilot, loaded: LoadedPack) -> None:
    play = start(pilot, loaded)
    pilot.step(30)
    before = play.seconds_on_question
    pilot.key(pygame.K_ESCAPE)
    assert isinstance(pilot.top, PauseScene)
    pilot.step(60, dt=1.0)
    assert play.seconds_on_question == before
    assert play.feedback is None
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is play


def test_restart_from_the_pause_menu_starts_the_same_picture_afresh(
    pilot: Pilot, loaded: LoadedPack
) -> None:
    play = start(pilot, loaded, mystery_index=1)
    answer_with_keys(pilot, play, right=True, number=1)
    pilot.key(pygame.K_ESCAPE)
    pilot.key(pygame.K_r)
    fresh = pilot.top
    assert isinstance(fresh, PlayScene)
    assert fresh is not play
    assert fresh.round.mystery_index == 1
    assert fresh.round.score == 0
    assert not fresh.round.answers
    assert pilot.app.scenes == (fresh,)


def test_a_restored_round_goes_on_where_it_was(pilot: Pilot, loaded: LoadedPack) -> None:
    from clarity.core.round import Round
    from clarity.core.trophies import TrophyTracker

    assert loaded.pack is not None
    played = Round(loaded.pack, seed=3, observers=[TrophyTracker()])
    asked = played.question
    assert asked is not None
    played.answer(True if isinstance(asked, TrueFalseQuestion) else "x", 2.0)
    restored = Round.restore(loaded.pack, played.snapshot())
    play = start(pilot, loaded, round_=restored)
    assert play.round is restored
    assert play.round.phase is Phase.FEEDBACK
    assert play.round.board.hidden_count == played.board.hidden_count
    assert play.feedback is not None  # the last answer is shown as it was
    assert play.feedback.event == played.answers[-1]
    assert "verdict" in play.shown_texts()
    pilot.key(pygame.K_RETURN)
    assert play.round.question_number == 2


def test_the_window_can_be_resized_mid_question(pilot: Pilot, loaded: LoadedPack) -> None:
    play = start(pilot, loaded)
    pilot.app.resize((1024, 768))
    pilot.step()
    window = pygame.Rect(0, 0, 1024, 768)
    assert all(window.contains(box) for box in play.layout_boxes().values())
    assert play.board_view.rect.width < 1024 // 2 + 100


def test_a_frame_drawn_in_parts_is_the_frame_drawn_whole(pilot: Pilot, loaded: LoadedPack) -> None:
    """Only changed regions and moving things are redrawn; no trail may stay behind."""
    play = start(pilot, loaded)

    def same_as_whole() -> bool:
        whole = pygame.Surface(pilot.app.size).convert()
        play.layer.forget_last_frame()  # as if the window held anything: draw it all
        play.draw(whole)
        return pygame.image.tobytes(whole, "RGB") == pygame.image.tobytes(pilot.app.surface, "RGB")

    answer_with_keys(pilot, play, right=True, number=1)  # a tile turns, points fly, a toast
    for _ in range(6):
        pilot.step(7)
        assert same_as_whole()
    pilot.key(pygame.K_g)
    pilot.type("Мая")
    pilot.key(pygame.K_ESCAPE)
    pilot.step(3)
    assert same_as_whole()


def test_the_guess_opens_under_a_mouse_resting_on_the_last_answer(
    pilot: Pilot, tmp_path: Path
) -> None:
    # the pointer's button is gone from the card: nothing is hovered, nothing breaks
    play = start(pilot, pack_of(tmp_path, [question("choice-six")]))
    sixth = play.answer_buttons[5].rect.center
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=sixth, rel=(0, 0), buttons=(0, 0, 0))
    )
    pilot.step()
    assert play.focus.hovered is play.answer_buttons[5]
    pilot.key(pygame.K_g)
    assert play.guessing
    assert play.focus.hovered is None
    pilot.step(2)


def test_a_question_picture_is_drawn_in_its_box(pilot: Pilot, tmp_path: Path) -> None:
    colour = (200, 40, 60)
    picture = pygame.Surface((320, 200))
    picture.fill(colour)
    (tmp_path / "single").mkdir()
    pygame.image.save(picture, str(tmp_path / "single" / "river.png"))
    play = start(pilot, pack_of(tmp_path, [{**question("choice-four"), "image": "river.png"}]))
    pilot.step(3)  # the card's region may wait a frame or two after a busy one
    boxes = play.layout_boxes()
    box = boxes["question_picture"]
    assert boxes["prompt"].right <= box.left or boxes["prompt"].bottom <= box.top
    shown = pilot.app.surface
    inside = box.inflate(-box.width // 4, -box.height // 4)  # within the frame
    for point in (inside.topleft, inside.center, inside.bottomright):
        drawn = tuple(shown.get_at(point))[:3]
        # smoothscale may shade a plain colour by a level or three
        assert all(abs(a - b) <= 4 for a, b in zip(drawn, colour, strict=True)), drawn


def test_enter_after_an_answer_chosen_with_tab_goes_on_not_to_the_guess(
    pilot: Pilot, tmp_path: Path
) -> None:
    play = start(pilot, pack_of(tmp_path, [question("choice-four"), question("choice-six")]))
    asked = play.round.question
    assert isinstance(asked, ChoiceQuestion)
    pilot.key(pygame.K_TAB)  # the ring shows, on answer A
    for _ in range(asked.right_index):
        pilot.key(pygame.K_TAB)
    pilot.key(pygame.K_RETURN)  # presses the answer in the ring
    assert play.round.answers[-1].right
    pilot.settle()
    pilot.key(pygame.K_RETURN)  # Next, as the hint says: not the Guess button
    assert not play.guessing
    assert play.round.question_number == 2
