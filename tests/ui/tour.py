"""Every screen of the game in turn, for the checks that must hold on all of them: the
contrast of every text drawn (test_contrast) and the layouts at 200 % text (test_layout).

:func:`every_screen` plays the real App with keys, as a student would, and stops at each
screen and state (yielding its name) for the caller to check what is on the window now.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pygame

from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import Phase
from clarity.store import Player
from clarity.ui import journey
from clarity.ui.scenes.play import REVEAL_SECONDS, PlayScene
from clarity.ui.scenes.players import PlayersScene
from clarity.ui.scenes.results import ResultsScene
from store.factories import MONDAY_9AM, save

from .conftest import Pilot, write_play_pack
from .pack_files import write_broken_pack
from .saving import at_title

PACK = "play-test"


def write_tour_packs(folder: Path) -> None:
    """The test pack (every kind of question), a second one, and one that is broken."""
    write_play_pack(folder)
    write_play_pack(folder, pack_id="second", title="Second pack")
    write_broken_pack(folder, "broken")


def fill_store(pilot: Pilot) -> None:
    """Ana (who plays), Ben and Cleo with saved rounds and trophies: lists to show."""
    store = pilot.app.services.session.store
    assert store is not None
    players = {}
    for name in ("Ana", "Ben", "Cleo"):
        player = store.get_or_create_player(name)
        assert isinstance(player, Player)
        players[name] = player
    save(store, players["Ana"].id, pack_id=PACK, score=300, right=40, wrong=0,
         played_at=MONDAY_9AM - timedelta(days=30), trophies=["first-light"])  # fmt: skip
    save(store, players["Ana"].id, pack_id=PACK, score=640, medal="silver",
         played_at=MONDAY_9AM, trophies=["first-light", "hot-streak", "silver-medal"])  # fmt: skip
    save(store, players["Ben"].id, pack_id=PACK, score=900, medal="gold",
         played_at=MONDAY_9AM, trophies=["gold-medal"])  # fmt: skip
    save(store, players["Cleo"].id, pack_id=PACK, score=720, medal="bronze", played_at=MONDAY_9AM)


def every_screen(pilot: Pilot) -> Iterator[str]:
    """Visit every screen (and each state of the play screen) of an App with a data folder,
    playing as "Ana"; yields the name of each stop, the screen in view and still."""
    app = pilot.app
    at_title(app)
    fill_store(pilot)
    pilot.app.screens.reset("title")
    pilot.step(2)
    yield "title"

    app.screens.push("settings")
    pilot.step(2)
    yield "settings"
    for _ in range(4):  # down the list: the display's rows
        pilot.key(pygame.K_DOWN)
    pilot.step(30)
    yield "settings, further down"
    app.screens.reset("title")
    pilot.step()

    app.screens.push("players")
    pilot.step(2)
    players = pilot.top
    assert isinstance(players, PlayersScene)
    yield "players"
    players.new_player()
    pilot.step()
    pilot.key(pygame.K_RETURN)  # no name: refused, with a line that says why
    yield "dialog with a field and an error"
    pilot.key(pygame.K_ESCAPE)
    players.delete_focused()
    pilot.step()
    yield "dialog with a question"
    app.screens.reset("title")
    pilot.step()

    app.screens.push("packs")
    app.services.packs.all()  # the cards come in the background: look once they are all in
    pilot.step(2)
    yield "packs"

    loaded = app.services.packs.by_id(PACK)
    assert loaded is not None
    play = PlayScene(app, loaded, seed=1)
    app.reset(play)
    pilot.step()
    yield from _play_round(pilot, play)

    journey.open_cabinet(app)
    pilot.step(2)
    yield "cabinet"
    app.screens.reset("title")
    pilot.step()
    journey.open_history(app)
    pilot.step(2)
    yield "history"
    app.screens.reset("title")
    pilot.step()
    journey.open_high_scores(app, PACK)
    pilot.step(2)
    yield "high scores"

    app.screens.reset("title")
    pilot.step()
    app.screens.push("class-setup", loaded=loaded)
    pilot.step(2)
    pilot.key(pygame.K_DOWN)  # the list of players
    pilot.key(pygame.K_RIGHT)  # every player: each team's row says how many it has
    pilot.step(30)
    yield "class setup: the teams"
    pilot.key(pygame.K_n)
    pilot.key(pygame.K_q)
    pilot.key(pygame.K_q)  # the first team's buzzer: refused, with a line that says why
    yield "class setup: the buzzers"


def _play_round(pilot: Pilot, play: PlayScene) -> Iterator[str]:
    """The first answer right (a trophy's toast), the others wrong; a wrong guess on the
    way, the pause menu, the final guess, the whole picture, the results."""
    first = True
    while play.round.phase is Phase.ASKING:
        pilot.settle()
        question = play.round.question
        assert question is not None
        kind = type(question).__name__
        yield f"play: {kind} asked"
        if first:
            pilot.key(pygame.K_ESCAPE)
            yield "pause"
            pilot.key(pygame.K_ESCAPE)
            typing = isinstance(question, TypedQuestion)  # then G types: Ctrl+G guesses
            pilot.key(pygame.K_g, mod=pygame.KMOD_CTRL if typing else 0)
            pilot.type("Minsk")
            yield "play: guessing"
            pilot.key(pygame.K_RETURN)  # wrong: a toast with a cross, the round goes on
            pilot.settle()
            yield "play: a wrong guess's toast"
        _answer(pilot, play, right=first)
        pilot.settle()
        yield f"play: {kind} answered {'right' if first else 'wrong'}"
        first = False
        pilot.key(pygame.K_RETURN)
    pilot.settle()
    assert play.round.phase is Phase.FINAL_GUESS
    pilot.type("Lighthouse")
    yield "play: final guess"
    pilot.key(pygame.K_RETURN)
    # the whole picture in view, before the results come by themselves
    pilot.until(lambda: (play._ending or 0) >= REVEAL_SECONDS and not play.board_view.flipping)
    yield "play: over"
    pilot.until(lambda: isinstance(pilot.top, ResultsScene))  # they come by themselves
    results = pilot.top
    assert isinstance(results, ResultsScene)
    results.finish_presentation()
    pilot.step()
    yield "results"


def _answer(pilot: Pilot, play: PlayScene, *, right: bool) -> None:
    question = play.round.question
    if isinstance(question, TypedQuestion):
        pilot.type(question.answer if right else "Minsk")
        pilot.key(pygame.K_RETURN)
    elif isinstance(question, TrueFalseQuestion):
        pilot.key(pygame.K_t if question.answer == right else pygame.K_f)
    else:
        assert isinstance(question, ChoiceQuestion)
        index = question.right_index if right else (question.right_index + 1) % 2
        pilot.key(pygame.K_a + index)
