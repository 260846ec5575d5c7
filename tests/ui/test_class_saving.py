"""The services the class game's screens save through: after every action, offered back
after a restart, finished with the pack's own file and picture, and shown in a member's
history, on a real data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clarity.core.class_round import ClassRound, Phase
from clarity.core.teams import ClassGameSetup, Team
from clarity.core.trophies import ClassTrophyTracker
from clarity.store import Player, Store
from clarity.ui.journey import open_history
from clarity.ui.scenes.history import HistoryScene
from core.factories import right_response

from .conftest import Pilot
from .saving import MakeApp, app_factory, at_title

PACK = "play-test"


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def _ready(make: MakeApp) -> tuple[Pilot, Store, Player, Player]:
    pilot = at_title(make(player="Ana"))
    store = pilot.app.services.session.store
    assert store is not None
    ana, ben = store.player_by_name("Ana"), store.get_or_create_player("Ben")
    assert isinstance(ana, Player)
    assert isinstance(ben, Player)
    return pilot, store, ana, ben


def _answer_right(played: ClassRound) -> None:
    played.answer(right_response(played.question), 2.0)
    played.next_question()


def test_the_class_game_is_kept_after_every_action_and_offered_again(
    saving_app: MakeApp, tmp_path: Path
) -> None:
    pilot, _, ana, ben = _ready(saving_app)
    services = pilot.app.services
    setup = ClassGameSetup(PACK, 0, 3, (Team("Owls", 0, (ana.id,)), Team("Foxes", 1, (ben.id,))))
    loaded = services.packs.by_id(PACK)
    assert loaded is not None
    assert loaded.pack is not None
    played = setup.new_round(loaded.pack)
    for _ in range(3):
        _answer_right(played)
        assert services.save_class_progress(setup, played) is None
    pilot.app.services.close()

    again = at_title(saving_app(player="Ana"))
    offered = again.app.services.class_game_in_progress()
    assert offered is not None
    assert offered[0] == setup
    resumed = ClassRound.restore(loaded.pack, offered[1])
    assert [c.score for c in resumed.contestants] == [c.score for c in played.contestants]
    assert again.app.services.drop_class_progress() is None
    assert again.app.services.class_game_in_progress() is None


def test_a_finished_class_game_is_in_each_members_history(saving_app: MakeApp) -> None:
    pilot, store, ana, ben = _ready(saving_app)
    services = pilot.app.services
    setup = ClassGameSetup(PACK, 0, 3, (Team("Owls", 0, (ana.id,)), Team("Foxes", 1, (ben.id,))))
    loaded = services.packs.by_id(PACK)
    assert loaded is not None
    assert loaded.pack is not None
    tracker = ClassTrophyTracker(2)
    played = setup.new_round(loaded.pack, [tracker])
    _answer_right(played)
    assert played.phase is not Phase.ENDED
    played.guess_image("Lighthouse", 20.0, contestant=0)
    assert played.class_summary is not None

    saved = services.finish_class_game(setup, played.class_summary, tracker.earned)

    assert saved.notice is None
    assert saved.members == {ana.id: "Ana", ben.id: "Ben"}
    assert services.class_game_in_progress() is None
    (record,) = store.history(ana.id)
    assert (record.team_name, record.pack_sha256, record.mystery_image) == (
        "Owls",
        loaded.sha256,
        "lighthouse.png",
    )
    assert [row.team.name for row in services.team_leaderboard(PACK)] == ["Owls", "Foxes"]
    open_history(pilot.app)
    pilot.step(2)
    history = pilot.top
    assert isinstance(history, HistoryScene)
    assert [c.text for c in history.rows[0].cells[1:3]] == ["Rivers and Capitals", "Owls"]


def test_without_a_data_folder_the_class_game_plays_on_and_the_results_say_so(
    saving_app: MakeApp,
) -> None:
    app = saving_app(player="Ana")
    app.services.data_dir = None
    setup = ClassGameSetup(PACK, 0, 3, (Team("Owls", 0), Team("Foxes", 1)))
    loaded = app.services.packs.by_id(PACK)
    assert loaded is not None
    assert loaded.pack is not None
    tracker = ClassTrophyTracker(2)
    played = setup.new_round(loaded.pack, [tracker])
    _answer_right(played)
    assert app.services.save_class_progress(setup, played) is None
    played.guess_image("Lighthouse", 20.0, contestant=1)
    assert played.class_summary is not None
    saved = app.services.finish_class_game(setup, played.class_summary, tracker.earned)
    assert saved.notice is not None
    assert app.translator.render(saved.notice).startswith("Not saved: ")
