"""The class game on the projector, played through the real App by the events the devices
send: key buzzers (KEYDOWN with their scancodes), a pad's buttons (JOYBUTTONDOWN through
the buzzers' fake port), the main keyboard, and a pad pulled out (JOYDEVICEREMOVED)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from clarity.core.class_round import ClassRound, Mode, Phase
from clarity.core.packs.loader import LoadedPack
from clarity.core.packs.models import ChoiceQuestion, TypedQuestion
from clarity.core.scoring import ScoringRules
from clarity.ui.app import App
from clarity.ui.effects import Toasts
from clarity.ui.scenes.class_play import ClassPlayScene
from clarity.ui.scenes.class_results import ClassResultsScene
from clarity.ui.text_draw import ChainFont

from .class_game import (
    NAMES,
    PAD_ID,
    answer,
    answer_keys,
    buzzers_for,
    class_setup,
    key_buzz,
    pad_button,
    right_slot,
    start_class_game,
)
from .conftest import Pilot
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text, untranslated_words
from .saving import MakeApp, app_factory
from .test_buzzers import FakePadPort, xbox
from .test_layout import assert_laid_out, pack
from .test_play_languages import KEY_NAMES, pack_words


def guess(pilot: Pilot, play: ClassPlayScene, team: int, words: str) -> None:
    """G, then ``team``'s key buzzer, then its guess typed and Enter."""
    pilot.key(pygame.K_g)
    assert play.waiting_for_guesser
    pilot.post(key_buzz(play.buzzers, team))
    assert play.guesser == team
    pilot.type(words)
    pilot.key(pygame.K_RETURN)


def until_choice_for(pilot: Pilot, play: ClassPlayScene, team: int) -> None:
    """Answer rightly with the keyboard until ``team`` has a choice or true/false question."""
    for _ in range(len(play.round.pack.questions)):
        if play.round.answering == team and not isinstance(play.round.question, TypedQuestion):
            return
        answer(pilot, play, right=True)
        pilot.settle()
        pilot.key(pygame.K_RETURN)
        pilot.settle()
    raise AssertionError(f"no choice question came to team {team}")


def to_results(pilot: Pilot) -> ClassResultsScene:
    """The picture uncovers, stays a moment, then the results (Enter, when the end card
    scrolls: it is read first)."""
    pilot.step(240)
    if not isinstance(pilot.top, ClassResultsScene):
        pilot.key(pygame.K_RETURN)
    results = pilot.top
    assert isinstance(results, ClassResultsScene)
    return results


def test_three_teams_take_turns_steal_and_guess_the_picture_to_the_results(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3)
    played = play.round
    assert played.answering == 0
    assert "Owls" in play.status

    answer(pilot, play, right=False)  # Owls miss: the Foxes may steal for half the points
    assert played.stealing
    assert played.answering == 1
    assert "Foxes" in play.status
    worth = played.answer_worth()
    answer(pilot, play, right=True)
    pilot.settle()
    assert played.phase is Phase.FEEDBACK
    assert played.contestants[1].score > 0
    assert played.contestants[1].answers[-1].steal
    assert played.contestants[1].score <= worth
    assert played.board.hidden_count == played.board.total - 1  # a steal uncovers a tile too
    pilot.key(pygame.K_RETURN)
    pilot.settle()
    assert played.answering == 1  # the next question goes to the next team in turn

    # the Bears answer on their pad's button
    until_choice_for(pilot, play, 2)
    before = played.contestants[2].score
    pilot.post([pad_button(right_slot(play))])
    assert played.phase is Phase.FEEDBACK
    assert played.contestants[2].score > before
    pilot.settle()

    guess(pilot, play, 0, "Windmill")  # wrong: the Owls are locked out of guessing
    assert played.phase is not Phase.ENDED
    assert played.guess_locked_for(0) > 0
    pilot.key(pygame.K_g)
    pilot.post(key_buzz(play.buzzers, 0))
    assert play.guesser is None
    assert "Owls" in play.status
    pilot.key(pygame.K_ESCAPE)
    assert not play.waiting_for_guesser

    guess(pilot, play, 1, "Lighthouse")  # right: the round ends for every team
    assert played.phase is Phase.ENDED
    assert played.guessed_by == 1
    results = to_results(pilot)
    assert results.ranking[0] == 1  # the Foxes: the steal and the picture
    assert results.summary.guessed_by == 1
    assert "Foxes" in results.shown_texts()["heading"]


def test_two_buzzes_in_one_frame_go_to_the_first_in_the_queue_and_a_wrong_one_locks_out(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, mode=Mode.BUZZ)
    played = play.round
    sound = app.services.sound
    assert played.phase is Phase.OPEN
    # the Foxes' key and the Owls' key in one frame: the Foxes' came first
    pilot.post([*key_buzz(play.buzzers, 1), *key_buzz(play.buzzers, 0)])
    assert played.answering == 1
    assert play.buzzed == 1
    assert "Foxes" in play.status
    assert sound.played[-1] == "buzz"  # type: ignore[attr-defined]

    answer(pilot, play, right=False)  # locked out of this question; it is open again
    assert played.phase is Phase.OPEN
    assert 1 in played.locked_out
    pilot.post(key_buzz(play.buzzers, 1))
    assert played.phase is Phase.OPEN  # refused
    assert "Foxes" in play.status
    pilot.post([pad_button(3)])  # the Bears' pad: any button buzzes
    assert played.answering == 2
    if isinstance(played.question, TypedQuestion):
        answer(pilot, play, right=True)
    else:
        pilot.post([pad_button(right_slot(play))])  # now its buttons answer
    assert played.phase is Phase.FEEDBACK
    assert played.contestants[2].right_count == 1
    pilot.settle()

    guess(pilot, play, 0, "Lighthouse")
    results = to_results(pilot)
    assert results.ranking[0] == 0


def test_the_question_s_time_running_out_offers_the_steal_then_shows_the_answer(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=2, pad_team=None)
    played = play.round
    limit = played.time_limit
    assert limit is not None
    pilot.step(int(limit) + 2, dt=1.0)
    assert played.stealing
    assert played.answering == 1
    pilot.step(int(limit) + 2, dt=1.0)  # the steal's own clock runs out: let go
    assert played.phase is Phase.FEEDBACK
    assert all(c.score == 0 for c in played.contestants)


def test_the_teacher_judges_a_spoken_answer_and_lets_a_steal_go(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=2, pad_team=None)
    played = play.round
    pilot.key(pygame.K_F3, scancode=pygame.KSCAN_F3)  # judged wrong: the other team may steal
    assert played.stealing
    assert played.contestants[0].answers[-1].judged
    pilot.key(pygame.K_F4, scancode=pygame.KSCAN_F4)  # the steal let go
    assert played.phase is Phase.FEEDBACK
    pilot.settle()
    pilot.key(pygame.K_RETURN)
    pilot.settle()
    pilot.key(pygame.K_F2, scancode=pygame.KSCAN_F2)  # judged right
    assert played.contestants[1].answers[-1].right
    assert played.contestants[1].score > 0


def test_a_pad_pulled_out_stops_the_game_names_its_team_and_its_return_goes_on(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, port = start_class_game(app, loaded, teams=3)
    played = play.round
    port.unplug(PAD_ID)
    pilot.post([pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD_ID)])
    assert play.unplugged == (2,)
    assert "Bears" in play.status
    clock = played.question_seconds
    pilot.step(30)
    assert played.question_seconds == clock  # nobody answers meanwhile
    keys = answer_keys(play, right=True)
    if not isinstance(keys, str):
        pilot.key(keys)
        assert played.phase is Phase.ASKING  # answers wait too

    port.plug(0, xbox(PAD_ID + 1))  # the same pad, plugged back: a new instance id
    pilot.post([pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0)])
    assert play.unplugged == ()
    assert "Bears" not in play.status
    pilot.step(30)
    assert played.question_seconds > clock


def test_g_keeps_the_clock_running_until_a_team_types_its_guess_over_the_question(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, pad_team=None)
    played = play.round
    prompt = play.shown_texts()["prompt"]
    pilot.step(60)
    pilot.key(pygame.K_g)  # who guesses? the question stays in view meanwhile
    assert play.waiting_for_guesser
    assert play.shown_texts()["prompt"] == prompt
    clock = played.question_seconds
    pilot.step(120)
    assert played.question_seconds == pytest.approx(clock + 2.0)

    pilot.post(key_buzz(play.buzzers, 1))  # the Foxes type their guess: the card covers it
    assert play.guesser == 1
    assert prompt not in play.shown_texts().values()
    clock = played.question_seconds
    pilot.step(120)
    assert played.question_seconds == clock
    pilot.key(pygame.K_ESCAPE)  # no guess after all: the question and its clock again
    assert play.shown_texts()["prompt"] == prompt
    pilot.step(60)
    assert played.question_seconds > clock


def test_the_question_s_time_runs_out_while_the_screen_waits_for_a_guesser(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3)
    played = play.round
    limit = played.time_limit
    assert limit is not None
    pilot.key(pygame.K_g)
    pilot.step(int(limit) + 1, dt=1.0)  # the class thinks about the question meanwhile
    assert played.stealing  # the Owls' time is up: the Foxes may steal
    assert played.contestants[0].answers[-1].timed_out
    assert play.waiting_for_guesser
    pilot.post([pad_button(0)])  # the Bears' pad buzzes for the guess, it answers nothing
    assert play.guesser == 2
    assert played.stealing


def test_a_pulled_out_pad_covers_the_question_and_leaves_only_the_pause_key(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, port = start_class_game(app, loaded, teams=3)
    played = play.round
    prompt = play.shown_texts()["prompt"]
    pilot.step(3)
    boxes = play.layout_boxes()
    asked = {name: app.surface.subsurface(boxes[name]).copy() for name in ("prompt", "answer_A")}

    port.unplug(PAD_ID)
    pilot.post([pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD_ID)])
    pilot.step(3)
    assert prompt not in play.shown_texts().values()
    for name, seen in asked.items():  # the question and its answers are covered
        now = app.surface.subsurface(boxes[name])
        assert pygame.transform.average_color(now) != pygame.transform.average_color(seen)
    assert "prompt" not in play.layout_boxes()
    # the hints name only what works: Esc, the pause menu
    assert [label for _, label in play.bindings_hints()] == ["pause"]
    keys = answer_keys(play, right=True)
    if not isinstance(keys, str):
        pilot.key(keys)
    pilot.key(pygame.K_g)
    pilot.key(pygame.K_F3, scancode=pygame.KSCAN_F3)
    assert played.phase is Phase.ASKING
    assert not played.contestants[0].answers
    assert not play.waiting_for_guesser
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top.name == "pause"
    pilot.key(pygame.K_ESCAPE)

    port.plug(0, xbox(PAD_ID + 1))
    pilot.post([pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0)])
    pilot.step(3)
    assert play.shown_texts()["prompt"] == prompt
    assert "pause" in [label for _, label in play.bindings_hints()]
    assert len(play.bindings_hints()) > 1
    shown = app.surface.subsurface(play.layout_boxes()["answer_A"])
    assert pygame.transform.average_color(shown) == pygame.transform.average_color(
        asked["answer_A"]
    )


def test_a_pad_pulled_out_once_the_picture_is_guessed_does_not_hold_the_end(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, port = start_class_game(app, loaded, teams=3)
    guess(pilot, play, 0, "Lighthouse")
    port.unplug(PAD_ID)
    pilot.post([pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD_ID)])
    assert play.unplugged == (2,)
    assert "cover" not in play.shown_texts()  # the end card stays in view
    assert "Bears" not in play.status
    results = to_results(pilot)
    assert results.summary.guessed_by == 0


@pytest.mark.parametrize(
    ("scoring", "key"),
    [
        (ScoringRules(timer=False), (pygame.K_0, pygame.KSCAN_0)),
        (ScoringRules(), (pygame.K_F4, pygame.KSCAN_F4)),
    ],
)
def test_the_teacher_closes_a_question_nobody_buzzes_in_on_and_shows_the_answer(
    app: App, loaded: LoadedPack, scoring: ScoringRules, key: tuple[int, int]
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, mode=Mode.BUZZ, scoring=scoring)
    played = play.round
    pilot.step(120, dt=1.0 if played.time_limit is None else 1.0 / 60)
    assert played.phase is Phase.OPEN  # nobody buzzed; with no limit it would stay open
    assert ("0 / F4", "show the answer") in play.bindings_hints()
    pilot.key(key[0], scancode=key[1])
    assert played.phase is Phase.FEEDBACK
    assert played.snapshot()["actions"][-1][-1] == "teacher"
    assert all(not c.answers for c in played.contestants)  # nobody is marked as missing it
    assert "Nobody" in play.status
    pilot.settle()
    pilot.key(pygame.K_RETURN)  # and on to the next question
    pilot.settle()
    assert played.question_number == 2
    assert played.phase is Phase.OPEN


def test_a_buzzer_s_own_time_to_answer_is_on_the_clock_then_the_others_may_buzz(
    app: App, loaded: LoadedPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, mode=Mode.BUZZ, pad_team=None)
    played = play.round
    window = played.class_rules.buzz_answer_seconds
    assert played.time_limit is not None
    assert played.time_limit > window + 2
    with recording_drawn_text(monkeypatch) as drawn:
        pilot.post(key_buzz(play.buzzers, 0))
        pilot.step(3)
    assert f"{window:.0f} s" in drawn  # the Owls' own seconds, not the question's
    pilot.step(int(window) + 1, dt=1.0)  # the Owls say nothing
    assert played.phase is Phase.OPEN
    assert 0 in played.locked_out
    assert "Buzz in" in play.status
    pilot.post(key_buzz(play.buzzers, 1))
    assert played.answering == 1
    assert "Foxes buzzed first" in play.status


def test_a_game_resumed_mid_buzz_says_who_buzzed_first(
    make_app: Callable[..., App], loaded: LoadedPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    pilot, play, _ = start_class_game(make_app(), loaded, teams=3, mode=Mode.BUZZ, pad_team=None)
    pilot.post(key_buzz(play.buzzers, 1))
    snapshot = play.round.snapshot()

    second = make_app()  # the game opened again (its own texts, none drawn yet)
    buzzers = buzzers_for(3, FakePadPort(xbox(PAD_ID)), pad_team=None)
    with recording_drawn_text(monkeypatch) as drawn:
        second.push(ClassPlayScene(second, loaded, play.setup, buzzers, snapshot=snapshot))
        Pilot(second).step(3)
    resumed = second.top
    assert isinstance(resumed, ClassPlayScene)
    assert resumed.round.answering == 1
    assert resumed.buzzed == 1
    assert "Foxes buzzed first" in resumed.status
    assert "Buzzed first" in drawn  # the Foxes' chip
    assert "Its turn" not in drawn


def test_the_answering_team_s_pad_caps_are_printed_by_the_answers(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3)
    until_choice_for(pilot, play, 2)
    hints = [button.key_hint for button in play.card.question.answer_buttons]
    if len(hints) > 2:  # a choice: the pad's X and Y stand by C and D
        assert "C · X" in hints


@pytest.mark.parametrize(
    "case",
    [
        ((1920, 1080), 100, "qps-ploc", "standard"),
        ((1024, 768), 200, "qps-ploc", "high-contrast"),
        ((1920, 1080), 200, "ru", "high-contrast"),
    ],
)
def test_six_teams_fit_on_the_projector_and_every_word_is_translated(
    make_app: Callable[..., App],
    loaded: LoadedPack,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[tuple[int, int], int, str, str],
) -> None:
    size, text_size, language, theme = case
    settings = game_settings(language, **{"text-size": text_size, "theme": theme})
    app = make_app(size=size, settings=settings)
    with recording_drawn_text(monkeypatch) as drawn:
        pilot, play, _ = start_class_game(app, loaded, teams=6, mode=Mode.BUZZ, pad_team=None)
        assert_laid_out(play.layout_boxes(), app.size)
        pilot.post(key_buzz(play.buzzers, 5))  # a buzz, an answer, the feedback
        assert_laid_out(play.layout_boxes(), app.size)
        answer(pilot, play, right=False)
        pilot.post(key_buzz(play.buzzers, 5))  # refused: the reason is said
        pilot.step(3)
        assert_laid_out(play.layout_boxes(), app.size)
        guess(pilot, play, 0, "Windmill")
        pilot.step(3)
        assert_laid_out(play.layout_boxes(), app.size)
        guess(pilot, play, 1, "Lighthouse")
        results = to_results(pilot)
        pilot.step(2)
        assert_laid_out(results.layout_boxes(), app.size)
        chips = [name for name in play.layout_boxes() if name.startswith("team_")]
        assert len(chips) == 6
    assert cut_off_messages(drawn) == []
    if language == "qps-ploc":
        shown_as_they_are = [*pack_words(loaded), *NAMES, "Windmill", *KEY_NAMES]
        assert untranslated_words(drawn, shown_as_they_are) == set()
    if language == "ru":
        assert any("Жмите кнопки" in line for line in drawn)  # the open question's status
        assert any("Foxes: угадали!" in line for line in drawn)  # the end, and the results


def assert_chips_whole(app: App, play: ClassPlayScene) -> None:
    """Every team's chip holds its name and its score whole, each on one line, side by
    side, at sizes no smaller than the screen's least (a score is never wrapped or cut, a
    name never left out)."""
    assets = app.services.assets
    metrics = app.look.metrics(app.size)
    boxes = play.layout_boxes()
    for team, named in enumerate(play.setup.teams):
        chip = boxes[f"team_{team + 1}"]
        shown = play.scoreboard.shown[team]
        assert shown.name == named.name
        assert shown.score == app.translator.number(play.round.contestants[team].score)
        assert chip.contains(shown.name_box), (named.name, chip, shown.name_box)
        assert chip.contains(shown.score_box), (shown.score, chip, shown.score_box)
        assert shown.name_box.right <= shown.score_box.left, shown
        one_line = assets.font(shown.score_size, True).get_linesize()
        assert shown.score_box.height < 1.5 * one_line, shown
        assert min(shown.name_size, shown.score_size) >= metrics.tiny_size, shown


@pytest.mark.parametrize(
    "case",
    [
        ((1024, 768), 200, "en", Mode.BUZZ),
        ((1920, 1080), 200, "en", Mode.TURNS),
        ((1920, 1080), 100, "qps-ploc", Mode.BUZZ),
        ((1024, 768), 200, "ru", Mode.TURNS),
    ],
)
def test_large_text_keeps_every_name_and_score_whole_and_the_board_its_share(
    make_app: Callable[..., App],
    loaded: LoadedPack,
    case: tuple[tuple[int, int], int, str, Mode],
) -> None:
    size, text_size, language, mode = case
    app = make_app(size=size, settings=game_settings(language, **{"text-size": text_size}))
    pilot, play, _ = start_class_game(app, loaded, teams=6, mode=mode, pad_team=None)
    width, height = app.size
    for _ in range(3):  # four-digit scores, counted up
        if mode is Mode.BUZZ:
            pilot.post(key_buzz(play.buzzers, 1))
        answer(pilot, play, right=True)
        pilot.step(90)
        assert_chips_whole(app, play)
        pilot.key(pygame.K_RETURN)
        pilot.settle()
    assert play.round.contestants[1 if mode is Mode.BUZZ else 0].score >= 1000
    boxes = play.layout_boxes()
    assert_laid_out(boxes, app.size)
    assert_chips_whole(app, play)
    # the picture keeps a share of the screen: never a sliver under a large Guess button
    assert boxes["board"].height >= height // 5, boxes["board"]
    assert boxes["board"].width >= width // 5, boxes["board"]
    assert boxes["guess_button"].height < boxes["board"].height
    assert "prompt" in boxes  # the question is in view, not scrolled away


LONG_ANSWERS = [
    {
        "id": "treaty",
        "type": "choice",
        "prompt": "Which agreement, signed in 1997, formalized the community of the two countries?",
        "choices": [
            "Treaty on the Union between Belarus and Russia",
            "Treaty on the Creation of a Union State",
            "Treaty on a Common Currency",
            "Representatives of Mutual Security Guarantees",
        ],
        "answer": "Treaty on the Union between Belarus and Russia",
    }
]


@pytest.mark.parametrize(
    "case", [((1024, 768), 100, "en"), ((1920, 1080), 100, "en"), ((1024, 768), 150, "ru")]
)
def test_the_question_and_its_answers_are_never_smaller_than_the_help_texts(
    make_app: Callable[..., App],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[tuple[int, int], int, str],
) -> None:
    size, text_size, language = case
    long = pack(tmp_path, LONG_ANSWERS, "long-answers")
    app = make_app(size=size, settings=game_settings(language, **{"text-size": text_size}))
    drawn: list[tuple[str, int]] = []
    render_line = ChainFont.render_line

    def recorded(font: ChainFont, line: str, *args: object, **kwargs: object) -> object:
        drawn.append((line, font.point_size))
        return render_line(font, line, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ChainFont, "render_line", recorded)
    pilot, play, _ = start_class_game(app, long, teams=4, pad_team=None)
    pilot.step(5)
    question = play.round.question
    assert isinstance(question, ChoiceQuestion)
    pack_words = {*question.prompt.split(), *(w for c in question.choices for w in c.split())}
    questions = [size for line, size in drawn if set(line.split()) <= pack_words and line.strip()]
    # the stakes line, unless it gave way to the question; the key hints' labels
    stakes = play.shown_texts().get("stakes", "")
    helps = [size for line, size in drawn if len(line.strip()) > 8 and line.strip() in stakes]
    labels = {app.translator.gettext(label) for _, label in play.bindings_hints()}
    hints = [size for line, size in drawn if line in labels]
    assert questions
    assert hints
    assert min(questions) >= max(helps + hints), (min(questions), helps, hints)


def test_the_last_guesses_take_one_buzz_per_team_and_f5_shows_the_picture(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=2, pad_team=None)
    played = play.round
    while played.phase is not Phase.FINAL_GUESS:
        answer(pilot, play, right=True)
        pilot.settle()
        pilot.key(pygame.K_RETURN)
        pilot.settle()
    assert play.waiting_for_guesser
    pilot.post(key_buzz(play.buzzers, 0))
    pilot.type("Windmill")
    pilot.key(pygame.K_RETURN)  # a wrong last guess costs nothing
    assert played.phase is Phase.FINAL_GUESS
    pilot.post(key_buzz(play.buzzers, 0))  # the Owls have had theirs
    assert play.guesser is None
    assert "Owls" in play.status
    pilot.key(pygame.K_F5, scancode=pygame.KSCAN_F5)  # nobody else: the picture is shown
    assert played.phase is Phase.ENDED
    assert played.guessed_by is None
    results = to_results(pilot)
    assert "Lighthouse" in results.shown_texts()["answer"]


def test_esc_pauses_the_game_and_its_clock(app: App, loaded: LoadedPack) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=2, pad_team=None)
    pilot.step(10)
    clock = play.round.question_seconds
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top.name == "pause"
    pilot.step(30)
    assert play.round.question_seconds == clock
    pilot.key(pygame.K_ESCAPE)  # back to the game
    assert pilot.top is play
    pilot.step(10)
    assert play.round.question_seconds > clock


@pytest.mark.parametrize("still", [False, True])
def test_the_scoreboard_counts_points_up_unless_motion_is_reduced(
    make_app: Callable[..., App], loaded: LoadedPack, still: bool
) -> None:
    settings = game_settings("en", **{"reduced-motion": still})
    pilot, play, _ = start_class_game(make_app(settings=settings), loaded, pad_team=None)
    answer(pilot, play, right=True)
    score = play.round.contestants[0].score
    shown = play.scoreboard.scores[0].value
    assert score > 0
    assert (shown == score) is still
    pilot.step(60)
    assert play.scoreboard.scores[0].value == score


@pytest.fixture
def saved_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def test_every_action_is_saved_and_the_game_resumes_from_its_snapshot(
    saved_app: MakeApp, loaded: LoadedPack
) -> None:
    first = saved_app()
    pilot, play, _ = start_class_game(first, loaded, teams=3)
    answer(pilot, play, right=False)  # the steal offered is saved too
    kept = first.services.class_game_in_progress()
    assert kept is not None
    assert kept[1]["actions"] == play.round.snapshot()["actions"]
    answer(pilot, play, right=True)
    pilot.settle()
    scores = [c.score for c in play.round.contestants]
    kept = first.services.class_game_in_progress()
    assert kept is not None
    setup, snapshot = kept
    assert [team.name for team in setup.teams] == list(NAMES[:3])
    first.close()

    second = saved_app()
    port = FakePadPort(xbox(PAD_ID))
    second.push(ClassPlayScene(second, loaded, setup, buzzers_for(3, port), snapshot=snapshot))
    Pilot(second).step()
    resumed = second.top
    assert isinstance(resumed, ClassPlayScene)
    assert [c.score for c in resumed.round.contestants] == scores
    assert resumed.round.phase is Phase.FEEDBACK
    assert "Foxes" in resumed.status  # the steal that was made


def test_a_pad_plugged_back_while_the_pause_menu_is_open_is_found_on_return(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, port = start_class_game(app, loaded, teams=3)
    port.unplug(PAD_ID)
    pilot.post([pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD_ID)])
    assert play.unplugged == (2,)
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top.name == "pause"
    port.plug(0, xbox(PAD_ID + 1))
    pilot.post([pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0)])  # to the menu
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is play
    assert play.unplugged == ()


def test_a_buzz_is_on_the_scoreboard_in_the_frame_that_took_it(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, mode=Mode.BUZZ)
    pilot.step(5)
    chip = play.layout_boxes()["team_2"]
    before = app.surface.subsurface(chip).copy()
    pilot.post(key_buzz(play.buzzers, 1), frames=1)
    assert play.round.answering == 1
    after = app.surface.subsurface(chip)
    # the Foxes' chip is filled with their colour at once
    assert pygame.transform.average_color(after) != pygame.transform.average_color(before)


def test_a_steal_a_guess_refused_and_a_lost_pad_are_said_in_the_language(
    make_app: Callable[..., App], loaded: LoadedPack, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(settings=game_settings("qps-ploc"))
    with recording_drawn_text(monkeypatch) as drawn:
        pilot, play, port = start_class_game(app, loaded, teams=3)
        answer(pilot, play, right=False)  # the steal offered
        pilot.step(3)
        pilot.key(pygame.K_F4, scancode=pygame.KSCAN_F4)  # and let go
        pilot.settle()
        pilot.step(3)
        pilot.key(pygame.K_RETURN)
        pilot.settle()
        guess(pilot, play, 0, "Windmill")
        pilot.step(3)
        pilot.key(pygame.K_g)
        pilot.post(key_buzz(play.buzzers, 0))  # the Owls may not guess again yet: said why
        pilot.step(3)
        port.unplug(PAD_ID)
        pilot.post([pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD_ID)])
        pilot.step(3)
        assert play.unplugged == (2,)
    said = [line for line in drawn if "[" in line]  # the interface's words, pseudo-translated
    assert any("Foxes" in line for line in said)  # the steal offered
    assert any("Owls" in line for line in said)  # the guess refused
    assert any("Bears" in line for line in said)  # the lost buzzer
    assert cut_off_messages(drawn) == []
    allowed = [*pack_words(loaded), *NAMES, "Windmill", *KEY_NAMES]
    assert untranslated_words(drawn, allowed) == set()


def test_minimising_the_window_pauses_the_game_and_its_clock(app: App, loaded: LoadedPack) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=2, pad_team=None)
    pilot.step(10)
    pilot.post([pygame.event.Event(pygame.WINDOWMINIMIZED, window=None)])
    assert pilot.top.name == "pause"
    clock = play.round.question_seconds
    pilot.step(420)  # seven seconds away
    assert play.round.question_seconds == clock
    pilot.key(pygame.K_ESCAPE)
    pilot.step(10)
    assert play.round.question_seconds > clock


def verdict(play: ClassPlayScene) -> str:
    return play.shown_texts()["verdict"]


def clock_left(play: ClassPlayScene) -> float | None:
    """The seconds the card's clock shows, from the moment the question's card is at."""
    feedback = play.feedback
    assert feedback is not None
    return play.round.time_left(feedback.event.seconds)


def test_the_card_says_the_question_s_time_ran_out_after_a_wrong_buzz(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, mode=Mode.BUZZ, pad_team=None)
    played = play.round
    limit = played.time_limit
    assert limit is not None
    pilot.post(key_buzz(play.buzzers, 0))
    answer(pilot, play, right=False)  # open again; nobody else buzzes
    pilot.step(int(limit) + 1, dt=1.0)
    assert played.phase is Phase.FEEDBACK
    assert verdict(play) == "Time's up!"  # not the Owls' "Not quite."
    assert clock_left(play) == 0.0


def test_the_card_says_time_s_up_when_a_buzzer_s_own_time_ran_out_then_the_question_s(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, mode=Mode.BUZZ, pad_team=None)
    played = play.round
    limit = played.time_limit
    assert limit is not None
    pilot.post(key_buzz(play.buzzers, 0))
    pilot.step(int(limit) + 1, dt=1.0)
    assert played.phase is Phase.FEEDBACK
    assert verdict(play) == "Time's up!"
    assert clock_left(play) == 0.0


def test_the_card_says_nobody_got_it_when_the_teacher_closes_the_question(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, mode=Mode.BUZZ, pad_team=None)
    pilot.post(key_buzz(play.buzzers, 1))
    answer(pilot, play, right=False)
    pilot.step(60)
    pilot.key(pygame.K_F4, scancode=pygame.KSCAN_F4)
    assert play.round.phase is Phase.FEEDBACK
    assert verdict(play) == "Nobody got it."
    left = clock_left(play)
    assert left is not None
    assert left > 0  # the clock stopped where the teacher closed it


def test_the_card_shows_the_last_wrong_answer_when_every_team_is_locked_out(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=2, mode=Mode.BUZZ, pad_team=None)
    for team in (0, 1):
        pilot.post(key_buzz(play.buzzers, team))
        answer(pilot, play, right=False)
    assert play.round.phase is Phase.FEEDBACK
    assert verdict(play) == "Not quite."


@pytest.mark.parametrize("let_go", ["key", "time"])
def test_the_card_says_how_a_steal_ended_not_the_first_team_s_miss(
    app: App, loaded: LoadedPack, let_go: str
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=2, pad_team=None)
    played = play.round
    answer(pilot, play, right=False)
    assert played.stealing
    if let_go == "key":
        pilot.key(pygame.K_F4, scancode=pygame.KSCAN_F4)
        expected = "Nobody got it."
    else:
        limit = played.time_limit
        assert limit is not None
        pilot.step(int(limit) + 1, dt=1.0)
        expected = "Time's up!"
    assert played.phase is Phase.FEEDBACK
    assert verdict(play) == expected


def test_a_guess_s_clock_stands_still_while_a_pad_is_out(app: App, loaded: LoadedPack) -> None:
    pilot, play, port = start_class_game(app, loaded, teams=3)
    pilot.key(pygame.K_g)
    pilot.post(key_buzz(play.buzzers, 0))
    assert play.guesser == 0
    port.unplug(PAD_ID)
    pilot.post([pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD_ID)])
    pilot.step(20, dt=1.0)  # twenty seconds with the game stopped
    port.plug(0, xbox(PAD_ID + 1))
    pilot.post([pygame.event.Event(pygame.JOYDEVICEADDED, device_index=0)])
    pilot.type("Windmill")
    pilot.key(pygame.K_RETURN)
    guessed = play.round.snapshot()["actions"][-1]
    assert guessed[0] == "guess"
    assert guessed[-1] < 5


def test_a_team_whose_pad_is_out_takes_the_next_key_no_team_holds(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, port = start_class_game(app, loaded, teams=3)
    port.unplug(PAD_ID)
    pilot.post([pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=PAD_ID)])
    assert "press a new buzzer for Bears" in play.status
    pilot.post(key_buzz(play.buzzers, 0))  # the Owls' key is theirs: nothing changes
    assert play.unplugged == (2,)
    press = {"key": pygame.K_u, "scancode": pygame.KSCAN_U, "mod": 0, "unicode": "u"}
    pilot.post([pygame.event.Event(pygame.KEYDOWN, press), pygame.event.Event(pygame.KEYUP, press)])
    assert play.unplugged == ()  # the game goes on, U is the Bears' buzzer
    assert "Bears's buzzer: U" in play.status
    pilot.key(pygame.K_g)
    pilot.post([pygame.event.Event(pygame.KEYDOWN, press), pygame.event.Event(pygame.KEYUP, press)])
    assert play.guesser == 2


def test_a_typed_question_open_to_buzzes_shows_g_and_no_caret_until_a_team_buzzes(
    app: App, loaded: LoadedPack
) -> None:
    pilot, play, _ = start_class_game(app, loaded, teams=3, mode=Mode.BUZZ, pad_team=None)
    played = play.round
    for _ in range(len(played.pack.questions)):
        if isinstance(played.question, TypedQuestion):
            break
        pilot.key(pygame.K_F4, scancode=pygame.KSCAN_F4)  # the teacher moves on
        pilot.settle()
        pilot.key(pygame.K_RETURN)
        pilot.settle()
    assert isinstance(played.question, TypedQuestion)
    assert played.phase is Phase.OPEN
    pilot.step(3)
    field = play.card.question.answer_field
    assert play.board.guess_button.key_hint == "G"
    assert ("G", "guess the image") in play.bindings_hints()
    assert not field.active  # nobody types: no caret
    pilot.post(key_buzz(play.buzzers, 1))
    pilot.step(3)
    assert field.active
    assert play.board.guess_button.key_hint == "Ctrl+G"  # G types in the answer now
    assert ("Ctrl+G", "guess the image") in play.bindings_hints()


@pytest.mark.parametrize("case", [((1024, 768), 2), ((1024, 768), 6), ((1920, 1080), 6)])
def test_a_toast_hides_neither_the_scoreboard_nor_the_status_line(
    make_app: Callable[..., App],
    loaded: LoadedPack,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[tuple[int, int], int],
) -> None:
    size, teams = case
    app = make_app(size=size)
    pilot, play, _ = start_class_game(app, loaded, teams=teams, pad_team=None)
    toasts: list[pygame.Rect] = []
    draw = Toasts.draw

    def recorded(self: Toasts, surface: pygame.Surface, *, still: bool = False) -> object:
        drawn = draw(self, surface, still=still)
        if drawn is not None:  # what the toast covered on screen, sliding in too
            toasts.append(drawn.clip(surface.get_clip()))
        return drawn

    monkeypatch.setattr(Toasts, "draw", recorded)
    guess(pilot, play, 0, "Windmill")  # wrong: a toast says what it cost
    pilot.step(120)
    boxes = play.layout_boxes()
    kept = {name: box for name, box in boxes.items() if name == "status" or name in chips(teams)}
    assert len(kept) == teams + 1
    shown = [toast for toast in toasts if toast.width and toast.height]
    assert shown, "no toast was drawn"
    for toast in shown:
        covered = [name for name, box in kept.items() if box.colliderect(toast)]
        assert covered == [], (toast, covered)
    assert pygame.Rect((0, 0), size).contains(shown[-1])


def chips(teams: int) -> set[str]:
    return {f"team_{team + 1}" for team in range(teams)}


def moved_choices(loaded: LoadedPack, seed: int) -> list[bool]:
    """For each question the seed asks, in turn: a choice question whose right choice is
    shown elsewhere than where the pack writes it."""
    played = ClassRound(loaded.pack, contestants=3, seed=seed)
    moved = []
    while played.question is not None:
        asked = played.question
        written = next(q for q in loaded.pack.questions if q.id == asked.id)
        moved.append(isinstance(asked, ChoiceQuestion) and asked.right_index != written.right_index)
        played.answer(
            asked.answer
            if not isinstance(asked, ChoiceQuestion)
            else asked.choices[asked.right_index]
        )
        if played.phase is not Phase.FEEDBACK:
            break
        played.next_question()
    return moved


def keys_and_pad_get_moved_choices(moved: list[bool]) -> bool:
    return len(moved) >= 3 and moved[0] and moved[2]


def test_a_key_and_a_pad_pick_the_choice_as_shown_on_the_projector(
    app: App, loaded: LoadedPack
) -> None:
    # the Owls (keys) answer question 1 and the Bears (a pad) question 3, each a choice
    # question dealt with its right choice moved from where the pack writes it
    seed = next(s for s in range(200) if keys_and_pad_get_moved_choices(moved_choices(loaded, s)))
    port = FakePadPort(xbox(PAD_ID))
    setup = dataclasses.replace(class_setup(loaded, 3), seed=seed)
    app.push(ClassPlayScene(app, loaded, setup, buzzers_for(3, port, pad_team=2)))
    pilot = Pilot(app)
    pilot.step()
    pilot.settle()
    play = pilot.top
    assert isinstance(play, ClassPlayScene)
    for number in (1, 2, 3):
        asked = play.round.question
        if number == 2:
            answer(pilot, play, right=True)
        else:
            assert isinstance(asked, ChoiceQuestion)
            labels = [b.label for b in play.card.question.answer_buttons]
            assert labels == list(play.round.choices_shown)
            shown_at = labels.index(asked.right_answers[0])
            written = next(q for q in loaded.pack.questions if q.id == asked.id)
            assert shown_at != written.right_index  # not where the pack writes it
            if number == 3:
                assert play.round.answering == 2
                pilot.post([pad_button(shown_at)])  # the Bears' pad: its buttons answer
            else:
                pilot.key((pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d)[shown_at])
            assert play.feedback is not None
            assert play.feedback.event.right
        pilot.settle()
        pilot.key(pygame.K_RETURN)
        pilot.settle()
