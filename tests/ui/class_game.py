"""Helpers for the class game's screen tests: a game started on the real App with keyboard
and pad buzzers (through the buzzers' fake port), and the events its devices send."""

from __future__ import annotations

import pygame

from clarity.core.class_round import ClassRules, Mode
from clarity.core.packs.loader import LoadedPack
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.scoring import ScoringRules
from clarity.core.teams import ClassGameSetup, Team
from clarity.ui.app import App
from clarity.ui.buzzers import BuzzerInput, BuzzerMap, KeyBuzzer, PadBuzzer
from clarity.ui.scenes.class_play import ClassPlayScene

from .conftest import Pilot
from .test_buzzers import FakePadPort, xbox

#: Team 0 buzzes with Left Shift, team 1 with Right Shift, team 2 with pad 7 (any button);
#: more teams with the keyboard's suggested keys.
NAMES = ("Owls", "Foxes", "Bears", "Wolves", "Hares", "Lynxes")
PAD_ID = 7
#: The suggested buzzer keys' key codes on a US layout, by scancode.
_US_KEYS = {
    pygame.KSCAN_LSHIFT: pygame.K_LSHIFT,
    pygame.KSCAN_RSHIFT: pygame.K_RSHIFT,
    **{pygame.KSCAN_A + i: pygame.K_a + i for i in range(26)},
}


def class_setup(
    loaded: LoadedPack,
    teams: int = 3,
    mode: Mode = Mode.TURNS,
    scoring: ScoringRules | None = None,
    **rules: object,
) -> ClassGameSetup:
    assert loaded.pack is not None
    return ClassGameSetup(
        pack_id=loaded.pack.id,
        mystery_index=0,
        seed=3,
        teams=tuple(Team(NAMES[i], i) for i in range(teams)),
        class_rules=ClassRules(mode=mode, **rules),  # type: ignore[arg-type]
        rules=scoring if scoring is not None else ScoringRules(),
    )


def buzzers_for(teams: int, port: FakePadPort, *, pad_team: int | None = 2) -> BuzzerInput:
    """The suggested keys; team ``pad_team`` on the pad plugged into ``port``."""
    mapping = BuzzerMap.suggested(teams)
    buzzers = BuzzerInput(mapping, port)
    if pad_team is not None:
        mapping.release(pad_team)
        assert mapping.claim(pad_team, PadBuzzer(PAD_ID, 0)) is None
    return buzzers


def start_class_game(
    app: App,
    loaded: LoadedPack,
    *,
    teams: int = 3,
    mode: Mode = Mode.TURNS,
    pad_team: int | None = 2,
    scoring: ScoringRules | None = None,
    **rules: object,
) -> tuple[Pilot, ClassPlayScene, FakePadPort]:
    """The class game's screen on ``app`` as the setup screen hands it over, the first
    question in view; ``scoring`` the scoring rules (the default ones for None)."""
    port = FakePadPort(xbox(PAD_ID))
    buzzers = buzzers_for(teams, port, pad_team=pad_team)
    setup = class_setup(loaded, teams, mode, scoring, **rules)
    app.push(ClassPlayScene(app, loaded, setup, buzzers))
    pilot = Pilot(app)
    pilot.step()
    pilot.settle()
    play = pilot.top
    assert isinstance(play, ClassPlayScene)
    return pilot, play, port


def key_buzz(buzzers: BuzzerInput, team: int) -> list[pygame.event.Event]:
    """The events of ``team``'s key buzzer pressed and released (not posted)."""
    buzzer = buzzers.map.buzzer_of(team)
    assert isinstance(buzzer, KeyBuzzer)
    key = _US_KEYS[buzzer.scancode]
    return [
        pygame.event.Event(pygame.KEYDOWN, key=key, scancode=buzzer.scancode, mod=0, unicode=""),
        pygame.event.Event(pygame.KEYUP, key=key, scancode=buzzer.scancode, mod=0),
    ]


def pad_button(number: int, pad: int = PAD_ID) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=pad, joy=0, button=number)


def answer_keys(play: ClassPlayScene, *, right: bool) -> int | str:
    """The key (or the typed text) of a right or a wrong answer to the question asked."""
    asked = play.round.question
    letters = (pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d, pygame.K_e, pygame.K_f)
    if isinstance(asked, ChoiceQuestion):
        index = asked.right_index if right else (asked.right_index + 1) % len(asked.choices)
        return letters[index]
    if isinstance(asked, TrueFalseQuestion):
        return pygame.K_t if asked.answer == right else pygame.K_f
    assert isinstance(asked, TypedQuestion)
    return asked.answer if right else "nothing like it"


def answer(pilot: Pilot, play: ClassPlayScene, *, right: bool) -> None:
    """The answering team answers on the main keyboard."""
    keys = answer_keys(play, right=right)
    if isinstance(keys, str):
        pilot.type(keys)
        pilot.key(pygame.K_RETURN)
    else:
        pilot.key(keys)


def right_slot(play: ClassPlayScene) -> int:
    asked = play.round.question
    if isinstance(asked, ChoiceQuestion):
        return asked.right_index
    assert isinstance(asked, TrueFalseQuestion)
    return 0 if asked.answer else 1
