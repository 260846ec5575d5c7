"""Nothing lost: rounds saved as they are played, offered back after a close, and saving
that is off said on the title."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from clarity.core.round import Phase
from clarity.i18n import Translator
from clarity.progress import SaveStatus
from clarity.ui.journey import first_round_scene
from clarity.ui.launch import LaunchOptions, build_services
from clarity.ui.scenes.dialog import DialogScene
from clarity.ui.scenes.packs import PackScene
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.results import ResultsScene
from clarity.ui.scenes.title import TitleScene

from .conftest import Pilot
from .saving import MakeApp, answer_right, app_factory, at_title, next_question, start_round


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def play_to_the_results(pilot: Pilot) -> ResultsScene:
    """From the title: Play, the pack, every question right, the guess, the results."""
    pilot.key(pygame.K_RETURN)  # Play
    assert isinstance(pilot.top, PackScene)
    play = start_round(pilot)
    while play.round.phase is Phase.ASKING:
        answer_right(pilot, play)
        next_question(pilot)
    assert play.guessing
    pilot.type("Lighthouse")
    pilot.key(pygame.K_RETURN)
    pilot.until(lambda: isinstance(pilot.top, ResultsScene))  # after the reveal
    results = pilot.top
    assert isinstance(results, ResultsScene)
    results.finish_presentation()
    pilot.step()
    return results


def test_a_finished_round_is_saved_with_its_trophies_and_the_results_say_so(
    saving_app: MakeApp,
) -> None:
    pilot = at_title(saving_app(player="Ana"))
    results = play_to_the_results(pilot)
    assert results.saved is not None
    assert results.saved.status is SaveStatus.SAVED
    assert results.saved_line() == ("✓ Saved", (38, 196, 110))
    assert results.saved.saved is not None

    store = pilot.app.services.session.store
    assert store is not None
    record = store.round(results.saved.saved.round_id)
    assert record is not None
    assert record.player_name == "Ana"
    assert record.score == results.summary.score
    per_round = {t.trophy_id for t in results.earned}
    lasting = {t.trophy_id for t in results.saved.lasting}
    assert set(record.trophies) == per_round | lasting
    assert {"first-light", "flawless"} <= per_round
    # the test's pack folder is the first, the "bundled" one: a medal on it is Scholar
    assert lasting == {"scholar"}
    assert "scholar" in {t.trophy_id for t in results.trophies}  # shown with the others
    assert record.medal == (results.medal.value if results.medal else None)
    assert store.in_progress(record.player_id) is None
    pilot.key(pygame.K_c)  # the cabinet, over the results
    assert pilot.top.name == "cabinet"
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is results


def test_a_guest_round_is_not_saved_and_the_results_say_so(saving_app: MakeApp) -> None:
    pilot = at_title(saving_app())
    pilot.key(pygame.K_RETURN)
    pilot.key(pygame.K_g)  # as a guest
    pilot.key(pygame.K_ESCAPE)  # back at the title, the guest chosen
    results = play_to_the_results(pilot)
    assert results.saved is not None
    assert results.saved.message == "Guest round: not saved"
    store = pilot.app.services.session.store
    assert store is not None
    assert list(store.all_rounds()) == []


def interrupt_a_round(make: MakeApp) -> tuple[int, int, int]:
    """Ana answers two questions, then the game is closed: (question, score, answers)."""
    app = make(player="Ana")
    pilot = at_title(app)
    pilot.key(pygame.K_RETURN)  # Play
    play = start_round(pilot)
    answer_right(pilot, play)
    next_question(pilot)
    answer_right(pilot, play)
    next_question(pilot)
    state = (play.round.question_number, play.round.score, len(play.round.answers))
    app.close()
    return state


def test_an_interrupted_round_is_offered_and_continues_where_it_stopped(
    saving_app: MakeApp,
) -> None:
    question, score, answers = interrupt_a_round(saving_app)
    pilot = at_title(saving_app(player="Ana"))
    pilot.key(pygame.K_RETURN)  # Play
    offer = pilot.top
    assert isinstance(offer, DialogScene)
    assert offer.name == "resume"
    assert offer.heading == "Continue your round of Rivers and Capitals?"
    assert offer.message.startswith(
        f"Question {question}  ·  {Translator('en').number(score)} points  ·  left "
    )
    pilot.key(pygame.K_RETURN)  # Continue
    play = pilot.top
    assert isinstance(play, PlayScene)
    assert play.round.question_number == question
    assert play.round.score == score
    assert len(play.round.answers) == answers
    assert play.round.phase is Phase.ASKING
    assert [s.name for s in pilot.app.scenes] == ["title", "play"]
    pilot.settle()
    answer_right(pilot, play)  # and it goes on being saved
    kept = pilot.app.services.session.progress().resumable()
    assert kept is not None
    assert len(kept.snapshot["actions"]) == 2 * answers + 1


def test_starting_a_new_round_drops_the_interrupted_one(saving_app: MakeApp) -> None:
    interrupt_a_round(saving_app)
    pilot = at_title(saving_app(player="Ana"))
    pilot.key(pygame.K_RETURN)
    assert pilot.top.name == "resume"
    pilot.key(pygame.K_n)  # Start a new one
    assert isinstance(pilot.top, PackScene)
    assert pilot.app.services.session.progress().resumable() is None


def test_back_from_the_offer_keeps_the_round_for_later(saving_app: MakeApp) -> None:
    interrupt_a_round(saving_app)
    pilot = at_title(saving_app(player="Ana"))
    pilot.key(pygame.K_RETURN)
    pilot.key(pygame.K_ESCAPE)
    assert isinstance(pilot.top, TitleScene)
    assert pilot.app.services.session.progress().resumable() is not None


# -- saving that is off ---------------------------------------------------------------------


def test_an_unusable_data_folder_is_said_on_the_title_and_the_game_plays(
    saving_app: MakeApp, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder's parent should be", encoding="utf-8")
    notices: list[object] = []
    app = saving_app(folder=blocker / "data", notices=notices)
    pilot = at_title(app)
    title = pilot.top
    assert isinstance(title, TitleScene)
    assert title.notice.startswith("Saving is off: the data folder")
    assert str(blocker / "data") in title.notice
    assert "notice" in title.layout_boxes()
    # told once, to be printed in the language (the launcher prints it on stderr)
    assert [str(notice) for notice in notices] == [title.notice]
    # only the entries that work: nothing saved to show
    assert [b.label for b in title.focus.buttons] == [
        "Play",
        "Study",
        "True or False",
        "Settings",
        "Class game",
        "Quit",
    ]
    results = play_to_the_results(pilot)
    assert results.saved is not None
    assert results.saved.message == f"Not saved: {title.notice}"


def test_the_launcher_prints_why_saving_is_off_once(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    out = io.StringIO()
    services = build_services(LaunchOptions(data_dir=blocker / "data"), sound=False, out=out)
    services.session.open()
    services.session.open()
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("clarity: Saving is off: the data folder")
    services.close()


def test_play_with_a_player_offers_their_round_before_the_one_asked_for(
    saving_app: MakeApp,
) -> None:
    """``clarity play --pack ID --player NAME``: the interrupted round first, if any."""
    interrupt_a_round(saving_app)
    app = saving_app(player="Ana")
    pilot = Pilot(app)
    loaded = app.services.packs.by_id("play-test")
    assert loaded is not None
    app.push(first_round_scene(app, loaded))
    pilot.step()
    assert pilot.top.name == "resume"
    pilot.key(pygame.K_n)  # Start a new one: the round asked for
    play = pilot.top
    assert isinstance(play, PlayScene)
    assert play.round.answers == []
    assert [s.name for s in app.scenes] == ["play"]


def test_closing_with_five_seconds_left_continues_with_five_seconds_left(
    saving_app: MakeApp,
) -> None:
    app = saving_app(player="Ana")
    pilot = at_title(app)
    pilot.key(pygame.K_RETURN)  # Play
    play = start_round(pilot)
    answer_right(pilot, play)
    next_question(pilot)
    limit = play.round.time_limit
    assert limit == 20
    while (play.time_left or 0) > 5.0:
        pilot.step(dt=0.25)
    left = play.time_left
    assert left is not None
    assert 4.5 < left <= 5.0
    question = play.round.question_number
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button
    pilot.step()
    assert not app.running
    app.close()

    pilot = at_title(saving_app(player="Ana"))
    pilot.key(pygame.K_RETURN)  # Play
    assert pilot.top.name == "resume"
    pilot.key(pygame.K_RETURN)  # Continue
    play = pilot.top
    assert isinstance(play, PlayScene)
    assert play.round.question_number == question
    assert play.time_left == pytest.approx(left)
    pilot.settle()
    answer_right(pilot, play)
    given = play.round.answers[-1]
    assert given.seconds == pytest.approx(limit - left, abs=0.05)  # answered at once
    assert given.points.time_bonus == round(500 * (1 - given.seconds / limit))
    assert given.points.time_bonus <= 500 * 5 / 20 + 1  # a quarter of the bonus, not all


# -- one live round per player -----------------------------------------------------------------


def test_a_second_window_for_the_same_player_says_so_and_offers_someone_else(
    saving_app: MakeApp,
) -> None:
    interrupt_a_round(saving_app)
    first = at_title(saving_app(player="Ana"))  # Ana plays here
    assert first.app.services.session.player is not None
    second = at_title(saving_app(player="Ana"))  # and a second window asks for Ana too
    title = second.top
    assert isinstance(title, TitleScene)
    assert title.notice == "Ana is already playing in another window. Play asks who plays here."
    second.key(pygame.K_RETURN)  # Play: who is playing here? (not Ana's round on offer)
    players = second.top
    assert players.name == "players"
    assert "notice" in players.layout_boxes()
    assert players._notice_text().startswith("Ana is already playing in another window.")
    second.key(pygame.K_RETURN)  # Ana, in focus: refused, the screen stays
    assert second.top is players
    assert "Choose someone else, or play as a guest." in players._notice_text()
    assert second.app.services.session.player is None
    second.key(pygame.K_g)  # a guest
    assert isinstance(second.top, PackScene)
    # the first window still has Ana's round on offer, untouched
    first.key(pygame.K_RETURN)
    assert first.top.name == "resume"


def test_a_killed_or_closed_window_lets_the_player_go(saving_app: MakeApp) -> None:
    first = saving_app(player="Ana")
    at_title(first)
    first.close()  # the OS lets go of a killed game's lock the same way (tests/store)
    second = at_title(saving_app(player="Ana"))
    assert second.app.services.session.player is not None
    assert second.app.services.session.held_elsewhere is None


def test_play_with_a_player_playing_elsewhere_asks_who_plays_instead_of_a_guest_round(
    saving_app: MakeApp, pack_folder: Path
) -> None:
    at_title(saving_app(player="Ana"))
    app = saving_app(player="Ana")
    loaded = app.services.packs.by_id("play-test")
    assert loaded is not None
    pilot = Pilot(app)
    app.push(first_round_scene(app, loaded))
    pilot.step()
    assert pilot.top.name == "players"
    pilot.key(pygame.K_g)  # as a guest, knowingly
    assert isinstance(pilot.top, PlayScene)


def test_a_player_playing_in_another_window_cannot_be_deleted_there(
    saving_app: MakeApp,
) -> None:
    interrupt_a_round(saving_app)
    first = at_title(saving_app(player="Ana"))  # Ana plays in the first window
    second = at_title(saving_app())
    second.key(pygame.K_RETURN)  # Play: who is playing?
    players = second.top
    assert players.name == "players"
    assert players.focused_player is not None  # the focus starts on the first player
    assert players.focused_player.name == "Ana"
    second.key(pygame.K_DELETE)
    second.key(pygame.K_y)  # "Yes, delete"
    assert second.top is players
    assert players._notice_text() == (
        "Ana is already playing in another window. They cannot be deleted while they play."
    )
    store = second.app.services.session.store
    assert store is not None
    assert [p.name for p in store.players()] == ["Ana"]
    first.key(pygame.K_RETURN)  # and Ana's round is still there to continue
    assert first.top.name == "resume"
