"""The class game's setup: from the title's Class game to the start of a game, by keys, pads
and the mouse; a buzzer another team holds is refused; six teams fit at every size.

The real App is driven headless by posted device events: KEYDOWN with the key and its
scancode (TEXTINPUT only while text input is on), and JOY* events from a fake pad port
(posted joystick events make no device, :mod:`clarity.ui.buzzers`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from clarity.core.class_round import ClassRound, ClassRules, Mode
from clarity.core.packs.loader import LoadedPack
from clarity.core.teams import ClassGameSetup, Team
from clarity.ui.app import App
from clarity.ui.buzzers import BuzzerInput, KeyBuzzer, PadBuzzer
from clarity.ui.scene import Scene
from clarity.ui.scenes import class_setup
from clarity.ui.scenes.class_setup import ClassSetupScene, Step
from clarity.ui.scenes.title import TitleScene

from .conftest import Pilot
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text, untranslated_words
from .key_tables import assert_hints_are_the_table, drawn_hints
from .saving import MakeApp, app_factory, at_title
from .test_buzzers import FakePadPort, added, button, removed, xbox
from .test_layout import assert_laid_out


class RecordedPlay(Scene):
    """Stands for the class game's play screen: keeps what the setup handed it."""

    name = "class-play"

    def __init__(self, app: App, **handed: Any) -> None:
        super().__init__(app)
        self.handed = handed


@pytest.fixture
def port(monkeypatch: pytest.MonkeyPatch) -> FakePadPort:
    """The pads the setup sees: none plugged in at first."""
    fake = FakePadPort()
    monkeypatch.setattr(class_setup, "open_pad_port", lambda: fake)
    return fake


@pytest.fixture
def saved_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def record_play(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.screens._table, "class-play", f"{__name__}:RecordedPlay")


def setup_scene(pilot: Pilot) -> ClassSetupScene:
    scene = pilot.top
    assert isinstance(scene, ClassSetupScene)
    return scene


def test_keys_and_a_pad_go_from_the_title_to_a_class_game_of_three_teams(
    saved_app: MakeApp, port: FakePadPort, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = saved_app()
    record_play(app, monkeypatch)
    pilot = at_title(app)
    title = pilot.top
    assert isinstance(title, TitleScene)
    for _ in range(3):  # Play, Trophies, Change player, then Class game below it
        pilot.key(pygame.K_DOWN)
    assert title.focus.focused is title.class_button
    pilot.key(pygame.K_RETURN)
    assert pilot.top.name == "class-kind"
    pilot.key(pygame.K_1)  # on one screen
    assert pilot.top.name == "packs"
    app.services.packs.all()  # the packs come in the background
    pilot.step()
    pilot.key(pygame.K_RETURN)
    scene = setup_scene(pilot)
    assert [s.name for s in app.scenes] == ["title", "class-setup"]  # Esc: back to the title
    assert scene.count == 3
    assert [scene.team_name(i) for i in range(3)] == ["Team 1", "Team 2", "Team 3"]

    # the first team's name, typed in a dialog
    pilot.key(pygame.K_DOWN)
    assert scene.rows[scene.selected].key == "team-0"
    pilot.key(pygame.K_RETURN)
    assert pilot.top.name == "team-name"
    assert app.text_input_on
    pilot.key(pygame.K_a, mod=pygame.KMOD_CTRL)  # select the default name, typed over
    pilot.type("Owls")
    pilot.key(pygame.K_RETURN)
    assert pilot.top is scene
    assert scene.team_name(0) == "Owls"

    # buzz in, with no steal to choose in that mode
    while scene.rows[scene.selected].key != "mode":
        pilot.key(pygame.K_DOWN)
    pilot.key(pygame.K_RIGHT)
    assert scene.mode is Mode.BUZZ
    assert "steal" not in [row.key for row in scene.rows]

    pilot.key(pygame.K_n)  # on to the buzzers
    assert scene.step is Step.BUZZERS
    assert scene.asking == 0
    pilot.key(pygame.K_q)  # Owls take Q
    assert scene.buzzers.map.buzzer_of(0) == KeyBuzzer(pygame.KSCAN_Q)
    assert scene.asking == 1
    port.plug(0, xbox(7))  # a pad plugged in now
    pilot.post([added(0), button(7, 2)])
    assert scene.buzzers.map.buzzer_of(1) == PadBuzzer(7, 2)
    assert scene.asking == 2
    assert [row.value for row in scene.rows[:2]] == ["Q", "Gamepad 1"]
    pilot.key(pygame.K_RETURN)  # the third team keeps its suggested key
    assert scene.buzzers.map.buzzer_of(2) == KeyBuzzer(pygame.KSCAN_RSHIFT)
    assert scene.asking is None
    assert scene.start_button.enabled
    assert scene.start_button.label == "Start"

    pilot.key(pygame.K_RETURN)  # start
    play = pilot.top
    assert isinstance(play, RecordedPlay)
    assert [s.name for s in app.scenes] == ["title", "class-play"]
    setup = play.handed["setup"]
    assert isinstance(setup, ClassGameSetup)
    assert [(t.name, t.emblem) for t in setup.teams] == [("Owls", 0), ("Team 2", 1), ("Team 3", 2)]
    assert setup.class_rules.mode is Mode.BUZZ
    assert setup.pack_id == "play-test"
    assert play.handed["snapshot"] is None
    loaded = play.handed["loaded"]
    assert isinstance(loaded, LoadedPack)
    assert loaded.pack is not None
    assert setup.rules == app.services.settings.rules()  # the rules the settings give
    assert setup.new_round(loaded.pack).mode is Mode.BUZZ  # a game that plays
    buzzers = play.handed["buzzers"]
    assert isinstance(buzzers, BuzzerInput)
    assert buzzers.map.buzzer_of(1) == PadBuzzer(7, 2)


def buzzers_of(app: App, port: FakePadPort, teams: int = 3) -> tuple[Pilot, ClassSetupScene]:
    pilot = Pilot(app)
    loaded = app.services.packs.by_id("play-test")
    assert loaded is not None
    app.screens.push("class-setup", loaded=loaded)
    pilot.step()
    scene = setup_scene(pilot)
    while scene.count != teams:  # the teams' row is the first
        pilot.key(pygame.K_RIGHT if scene.count < teams else pygame.K_LEFT)
    pilot.key(pygame.K_n)
    assert scene.step is Step.BUZZERS
    return pilot, scene


def test_a_buzzer_another_team_holds_is_refused_and_the_team_is_asked_again(
    app: App, port: FakePadPort
) -> None:
    pilot, scene = buzzers_of(app, port)
    port.plug(0, xbox(4))
    pilot.post([added(0), button(4, 0)])  # team 1 takes the pad
    assert scene.asking == 1
    pilot.post([button(4, 0)])  # the same button for team 2: it is team 1's already
    assert scene.asking == 1
    assert scene.buzzers.map.buzzer_of(1) is None
    assert scene.message == "This buzzer is Team 1's already. Press another one."
    assert app.services.sound.played[-1] == "wrong"  # type: ignore[attr-defined]
    pilot.key(pygame.K_q)  # another buzzer is taken
    assert scene.buzzers.map.buzzer_of(1) == KeyBuzzer(pygame.KSCAN_Q)
    assert scene.message == ""
    assert scene.asking == 2


def test_a_click_on_a_team_asks_its_buzzer_again(app: App, port: FakePadPort) -> None:
    pilot, scene = buzzers_of(app, port, teams=2)
    pilot.key(pygame.K_RETURN)
    pilot.key(pygame.K_RETURN)  # both teams keep the suggested keys
    assert scene.asking is None
    first = scene.rows[0].rect
    assert first is not None
    pilot.click(first.center)
    assert scene.asking == 0
    assert scene.start_button.label == "Skip"
    pilot.key(pygame.K_q)
    assert scene.buzzers.map.buzzer_of(0) == KeyBuzzer(pygame.KSCAN_Q)
    assert scene.asking is None


def test_the_screens_keys_are_no_buzzers_and_letters_are(app: App, port: FakePadPort) -> None:
    pilot, scene = buzzers_of(app, port)
    pilot.key(pygame.K_DOWN)  # moves the question to team 2, it is not a buzzer
    assert scene.asking == 1
    assert scene.prompt == "Team 2: press your buzzer, a key or a gamepad button."
    assert scene.rows[1].value == "Press your buzzer now"
    assert scene.buzzers.map.buzzer_of(0) is None
    pilot.key(pygame.K_n)  # N went on to here; here it is a buzzer
    assert scene.buzzers.map.buzzer_of(1) == KeyBuzzer(pygame.KSCAN_N)


def test_a_key_of_the_game_pressed_for_a_buzzer_is_refused_and_does_nothing_else(
    app: App, port: FakePadPort
) -> None:
    pilot, scene = buzzers_of(app, port, teams=2)
    pilot.key(pygame.K_m)  # the sound key
    assert scene.buzzers.map.buzzer_of(0) is None
    assert scene.asking == 0
    assert scene.message == "M is a key of the game; press another one."
    assert app.services.sound.played[-1] == "wrong"  # type: ignore[attr-defined]
    assert not app.services.sound.muted  # the sound stays on
    assert app.notice.text is None
    pilot.key(pygame.K_F11)
    assert scene.message == "F11 is a key of the game; press another one."
    assert not app.fullscreen
    pilot.key(pygame.K_a)  # an answer key of the play screen
    assert scene.message == "A is a key of the game; press another one."
    pilot.key(ord("ь"), layout="ru")  # the M key of a Russian keyboard
    assert scene.message == "M is a key of the game; press another one."
    assert scene.asking == 0
    pilot.key(pygame.K_q)  # another key is taken, and the refusal goes
    assert scene.buzzers.map.buzzer_of(0) == KeyBuzzer(pygame.KSCAN_Q)
    assert scene.message == ""
    assert scene.asking == 1


def test_the_setup_s_own_keys_still_move_about_while_a_buzzer_is_asked(
    app: App, port: FakePadPort
) -> None:
    pilot, scene = buzzers_of(app, port)
    pilot.key(pygame.K_TAB)
    assert scene.asking == 1
    pilot.key(pygame.K_TAB, mod=pygame.KMOD_LSHIFT)
    assert scene.asking == 0
    pilot.key(pygame.K_UP)
    assert scene.asking == 0
    assert scene.message == ""
    pilot.key(pygame.K_ESCAPE)
    assert scene.step is Step.TEAMS


def test_the_sound_key_works_again_once_every_team_has_its_buzzer(
    app: App, port: FakePadPort
) -> None:
    pilot, scene = buzzers_of(app, port, teams=2)
    pilot.key(pygame.K_RETURN)
    pilot.key(pygame.K_RETURN)  # both teams keep the suggested keys
    assert scene.asking is None
    pilot.key(pygame.K_m)
    assert app.services.sound.muted
    assert scene.message == ""


def test_teams_are_shared_out_from_a_class_and_changed_by_hand(
    saved_app: MakeApp, port: FakePadPort
) -> None:
    app = saved_app()
    pilot = at_title(app)
    names = ["Ana", "Ben", "Cleo", "Dan"]
    players = [app.services.session.add_player(name) for name in names]
    form = app.services.classes.named("5B")
    for player in players:
        form = app.services.classes.put_in(form, player)  # type: ignore[arg-type]
    loaded = app.services.packs.by_id("play-test")
    app.screens.push("class-setup", loaded=loaded)
    pilot.step()
    scene = setup_scene(pilot)
    pilot.key(pygame.K_LEFT)  # two teams
    pilot.key(pygame.K_DOWN)
    assert scene.rows[scene.selected].key == "list"
    pilot.key(pygame.K_RIGHT)
    pilot.key(pygame.K_RIGHT)  # no one, all players, 5B
    assert scene.rows[scene.selected].value == "5B"
    shared = [[p.name for p in scene.members[i]] for i in range(2)]
    assert shared == [["Ana", "Cleo"], ["Ben", "Dan"]]
    pilot.key(pygame.K_DOWN)  # the first team
    pilot.key(pygame.K_p)
    assert scene.step is Step.PLAYERS
    pilot.key(pygame.K_DOWN)  # Ben, in the other team
    pilot.key(pygame.K_RETURN)
    assert [p.name for p in scene.members[0]] == ["Ana", "Ben", "Cleo"]
    assert [p.name for p in scene.members[1]] == ["Dan"]
    pilot.key(pygame.K_ESCAPE)
    assert scene.step is Step.TEAMS
    pilot.key(pygame.K_n)
    for _ in range(2):
        pilot.key(pygame.K_RETURN)
    assert scene.setup().teams[0].members == tuple(p.id for p in players[:3])  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "case",
    [
        ((1024, 768), 100, "qps-ploc"),
        ((1920, 1080), 100, "qps-ploc"),
        ((1024, 768), 200, "qps-ploc"),
        ((1920, 1080), 200, "en"),
        ((1024, 640), 100, "ru"),
        ((1024, 768), 200, "be"),
    ],
)
def test_six_teams_fit_and_every_word_is_translated(
    make_app: Callable[..., App],
    port: FakePadPort,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[tuple[int, int], int, str],
) -> None:
    size, text_size, language = case
    app = make_app(size=size, settings=game_settings(language, **{"text-size": text_size}))
    with recording_drawn_text(monkeypatch) as drawn:
        pilot, scene = buzzers_of(app, port, teams=6)
        pilot.key(pygame.K_ESCAPE)  # back to the teams, six of them, laid out
        assert scene.step is Step.TEAMS
        pilot.step()
        steps = {}
        for step in (Step.TEAMS, Step.BUZZERS):
            if step is Step.BUZZERS:
                pilot.key(pygame.K_n)
                pilot.key(pygame.K_q)  # a buzzer taken
                pilot.key(pygame.K_q)  # and refused: the message is laid out too
                assert scene.message
                assert_laid_out(scene.layout_boxes(), app.size)
                pilot.key(pygame.K_m)  # a key of the game, refused with its name
                assert "M" in scene.message
                if language == "ru":
                    assert scene.message == "Клавишу M использует игра — нажмите другую."
            for _ in range(len(scene.rows)):  # every row in view once, scrolled to
                boxes = scene.layout_boxes()
                assert_laid_out(boxes, app.size)
                steps.setdefault(step, set()).update(k for k in boxes if k.startswith("row_"))
                pilot.key(pygame.K_DOWN, frames=30)  # the list glides to the row
    assert len(steps[Step.TEAMS]) >= 10  # the count, six teams, the rules
    assert len([k for k in steps[Step.BUZZERS] if k.startswith("row_buzzer")]) == 6
    assert cut_off_messages(drawn) == []
    if language == "qps-ploc":
        shown_as_they_are = ["Rivers and Capitals", "Esc Enter Q M", "PgUp PgDn"]
        assert untranslated_words(drawn, shown_as_they_are) == set()
    if language == "ru":
        assert "Команда 1" in drawn


def test_an_interrupted_class_game_is_offered_back_and_goes_on_after_the_buzzers(
    saved_app: MakeApp, port: FakePadPort, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = saved_app()
    at_title(first)
    loaded = first.services.packs.by_id("play-test")
    assert loaded is not None
    assert loaded.pack is not None
    setup = ClassGameSetup(
        pack_id="play-test",
        mystery_index=0,
        seed=4,
        teams=(Team("Owls", 0), Team("Foxes", 1)),
        class_rules=ClassRules(mode=Mode.BUZZ, steal=False),
    )
    played = setup.new_round(loaded.pack)
    played.close_question()  # an action to replay: nobody buzzed
    assert first.services.save_class_progress(setup, played) is None
    first.close()

    app = saved_app()  # the game starts again
    record_play(app, monkeypatch)
    pilot = at_title(app)
    title = pilot.top
    assert isinstance(title, TitleScene)
    pilot.click(title.class_button.rect.center)
    pilot.key(pygame.K_1)  # on one screen
    assert pilot.top.name == "class-resume"
    pilot.key(pygame.K_c)  # Continue
    scene = setup_scene(pilot)
    assert scene.step is Step.BUZZERS  # the pads may be others than last time
    assert [row.label for row in scene.rows] == [["Owls"], ["Foxes"]]
    pilot.key(pygame.K_ESCAPE)  # back leaves, the game stays saved
    assert pilot.top is title
    pilot.click(title.class_button.rect.center)
    pilot.key(pygame.K_1)
    pilot.key(pygame.K_c)
    scene = setup_scene(pilot)
    pilot.key(pygame.K_RETURN)
    pilot.key(pygame.K_RETURN)  # both keep their suggested keys
    pilot.key(pygame.K_RETURN)  # start
    play = pilot.top
    assert isinstance(play, RecordedPlay)
    assert play.handed["setup"] == setup
    snapshot = play.handed["snapshot"]
    assert ClassRound.restore(loaded.pack, snapshot).snapshot() == played.snapshot()


def test_a_new_class_game_instead_forgets_the_interrupted_one(
    saved_app: MakeApp, port: FakePadPort
) -> None:
    app = saved_app()
    pilot = at_title(app)
    loaded = app.services.packs.by_id("play-test")
    assert loaded is not None
    assert loaded.pack is not None
    setup = ClassGameSetup("play-test", 0, 4, (Team("Owls", 0), Team("Foxes", 1)))
    app.services.save_class_progress(setup, setup.new_round(loaded.pack))
    title = pilot.top
    assert isinstance(title, TitleScene)
    pilot.click(title.class_button.rect.center)
    pilot.key(pygame.K_1)  # on one screen
    pilot.key(pygame.K_n)  # Start a new one
    assert pilot.top.name == "packs"
    assert app.services.class_game_in_progress() is None


def test_the_mouse_alone_picks_a_team_s_players_and_names_it(
    saved_app: MakeApp, port: FakePadPort
) -> None:
    app = saved_app()
    pilot = at_title(app)
    ana = app.services.session.add_player("Ana")
    loaded = app.services.packs.by_id("play-test")
    app.screens.push("class-setup", loaded=loaded)
    pilot.step()
    scene = setup_scene(pilot)

    def row(key: str) -> Any:
        found = next(r for r in scene.rows if r.key == key)
        assert found.rect is not None
        return found

    choose = row("list")
    assert choose.right_arrow is not None
    pilot.click(choose.right_arrow.center)  # all players
    assert scene.lists[scene.list_index].kind == "all"
    team = row("team-1")
    assert team.value == "0 players"
    pilot.click(team.value_rect.center)
    assert scene.step is Step.PLAYERS
    assert scene.picking == 1
    pilot.click(row(f"player-{ana.id}").rect.center)  # type: ignore[union-attr]
    assert [p.name for p in scene.members[1]] == ["Ana"]
    pilot.click(scene.back_button.rect.center)
    assert scene.step is Step.TEAMS
    assert row("team-1").value == "1 player"
    pilot.click(row("team-1").rect.topleft)  # the name: type a new one
    assert pilot.top.name == "team-name"


def test_the_hints_drawn_are_each_step_s_table_and_its_keys_do_what_they_say(
    saved_app: MakeApp, port: FakePadPort, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = saved_app()
    pilot = at_title(app)
    app.services.session.add_player("Ana")
    app.screens.push("class-setup", loaded=app.services.packs.by_id("play-test"))
    pilot.step()
    scene = setup_scene(pilot)
    pilot.key(pygame.K_DOWN)
    pilot.key(pygame.K_RIGHT)  # every player: P picks a team's players
    pilot.key(pygame.K_DOWN)  # the first team: Enter renames it
    with drawn_hints(monkeypatch) as drawn:
        assert_hints_are_the_table(pilot, drawn, scene.bindings(), [(scene, scene.bindings())])
        # then "scroll", while the list is longer than its view
        shown = [label for _, label in drawn[-1]][:6]
        assert shown == ["choose", "change", "rename", "players", "buzzers", "back"]
        pilot.key(pygame.K_p)
        assert scene.step is Step.PLAYERS
        assert_hints_are_the_table(pilot, drawn, scene.bindings(), [(scene, scene.bindings())])
        pilot.key(pygame.K_ESCAPE)
        pilot.key(pygame.K_n)
        assert scene.step is Step.BUZZERS
        assert_hints_are_the_table(pilot, drawn, scene.bindings(), [(scene, scene.bindings())])
        shown = [label for _, label in drawn[-1]][:3]
        assert shown == ["choose a team", "keep the suggested key", "back"]


def test_a_pad_pulled_out_before_the_start_says_whose_it_was_and_holds_the_start(
    app: App, port: FakePadPort
) -> None:
    pilot, scene = buzzers_of(app, port, teams=2)
    port.plug(0, xbox(4))
    pilot.post([added(0), button(4, 0)])  # team 1 has the pad
    pilot.key(pygame.K_RETURN)  # team 2 keeps its key
    assert scene.asking is None
    port.unplug(4)
    pilot.post([removed(4)])
    assert scene.prompt == (
        "The gamepad of Team 1 is unplugged: plug it back in, or choose the team and "
        "press another buzzer."
    )
    assert scene.rows[0].value == "Gamepad 1: unplugged"
    assert not scene.start_button.enabled
    pilot.key(pygame.K_RETURN)
    assert pilot.top is scene  # no start without it
    port.plug(0, xbox(9))  # plugged back: SDL gives it a new instance id
    pilot.post([added(0)])
    assert scene.rows[0].value == "Gamepad 1"
    assert scene.start_button.enabled


def test_identical_pads_plugged_back_are_claimed_by_a_press_not_guessed(
    app: App, port: FakePadPort
) -> None:
    pilot, scene = buzzers_of(app, port, teams=2)
    port.plug(0, xbox(4))
    port.plug(1, xbox(5))
    pilot.post([added(0), added(1)])
    pilot.post([button(4, 0)])  # team 1's pad
    pilot.post([button(5, 0)])  # team 2's, the same model
    assert scene.asking is None
    port.unplug(4)
    port.unplug(5)
    pilot.post([removed(4), removed(5)])
    port.plug(0, xbox(20))  # one of them back: nothing tells whose
    pilot.post([added(0)])
    assert scene.buzzers.missing() == (0, 1)
    assert scene.asking == 0
    assert scene.prompt == "Team 1: press your buzzer, a key or a gamepad button."
    pilot.post([button(20, 1)])  # team 1 presses it
    assert scene.buzzers.map.buzzer_of(0) == PadBuzzer(20, 1)
    assert scene.asking is None
    assert not scene.start_button.enabled  # team 2's pad is still out
    port.plug(1, xbox(21))  # the last pad of that model is team 2's at once
    pilot.post([added(1)])
    assert scene.buzzers.map.buzzer_of(1) == PadBuzzer(21, 0)
    assert scene.asking is None
    assert scene.start_button.enabled
