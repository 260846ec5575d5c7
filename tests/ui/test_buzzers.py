"""Teams' buzzers: keys by position, pad buttons, answers on a pad, pads pulled and plugged.

Every event goes through SDL's real queue (``pygame.event.post`` then ``pygame.event.get``
with the dummy video driver), as the game gets them; the pads come from a fake port,
since a posted JOY* event makes no device.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pygame
import pytest

from clarity.i18n import translator_for
from clarity.i18n.pseudo import OPENING
from clarity.ui.app import App
from clarity.ui.bindings import binding_for
from clarity.ui.buzzers import (
    SUGGESTED_KEYS,
    Buzz,
    BuzzerInput,
    BuzzerMap,
    KeyBuzzer,
    Pad,
    PadAdded,
    PadAnswer,
    PadBuzzer,
    PadInfo,
    PadLost,
    PygamePadPort,
    Taken,
    TeamBuzzer,
    key_label,
)
from clarity.ui.play.controls import TRUEFALSE_ROWS, play_bindings
from clarity.ui.play.stage import Stage
from clarity.ui.scene import Scene

from .conftest import Pilot
from .drawn_text import untranslated_words
from .keyboard import LAYOUTS, press_events

XBOX = "030000005e0400008e02000014010000"
BUZZ_SET = "03000000d8040000ff00000000000000"


class FakePadPort:
    """Pads a test plugs in by hand: ``plug`` before posting JOYDEVICEADDED, as SDL's own
    device list changes before it sends the event."""

    def __init__(self, *plugged: PadInfo) -> None:
        self._by_index: dict[int, PadInfo] = dict(enumerate(plugged))
        self.closed: list[int] = []

    def plug(self, device_index: int, pad: PadInfo) -> None:
        self._by_index[device_index] = pad

    def unplug(self, instance_id: int) -> None:
        self._by_index = {i: p for i, p in self._by_index.items() if p.instance_id != instance_id}

    def open(self, device_index: int) -> PadInfo | None:
        return self._by_index.get(device_index)

    def close(self, instance_id: int) -> None:
        self.closed.append(instance_id)

    def connected(self) -> tuple[PadInfo, ...]:
        return tuple(self._by_index.values())


def xbox(instance_id: int) -> PadInfo:
    return PadInfo(instance_id, XBOX, "Xbox 360 Controller", 11, face_letters=True)


@pytest.fixture(autouse=True)
def event_queue() -> Iterator[None]:
    """SDL's event queue with the dummy video driver (tests/ui/conftest.py sets it)."""
    pygame.display.init()
    pygame.event.clear()
    yield
    if pygame.display.get_init():  # an App's close quits pygame
        pygame.event.clear()


def through_queue(buzzers: BuzzerInput, events: Sequence[pygame.event.Event]) -> list[object]:
    """What the buzzers read from ``events`` posted to SDL's queue and taken from it in one
    frame, in order; the Nones left out."""
    for event in events:
        pygame.event.post(event)
    readings = [buzzers.read(event) for event in pygame.event.get()]
    return [reading for reading in readings if reading is not None]


def key_down(scancode: int, key: int, **extra: object) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, scancode=scancode, mod=0, **extra)


def key_up(scancode: int, key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYUP, key=key, scancode=scancode, mod=0)


def button(instance_id: int, number: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYBUTTONDOWN, instance_id=instance_id, joy=0, button=number)


def hat(instance_id: int, value: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYHATMOTION, instance_id=instance_id, hat=0, value=value)


def added(device_index: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYDEVICEADDED, device_index=device_index)


def removed(instance_id: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.JOYDEVICEREMOVED, instance_id=instance_id)


# -- keys --------------------------------------------------------------------------------


def test_key_buzzer_is_its_position_so_the_russian_layout_buzzes_the_same_team() -> None:
    buzzers = BuzzerInput(BuzzerMap.suggested(4), FakePadPort())  # team 2 has P
    us = through_queue(buzzers, press_events(pygame.K_p, text_input=False))
    ru = through_queue(buzzers, press_events(ord("з"), text_input=False, layout="ru"))
    assert us == [Buzz(2, KeyBuzzer(pygame.KSCAN_P))]
    assert ru == [Buzz(2, KeyBuzzer(pygame.KSCAN_P))]


def test_a_held_key_buzzes_once_and_its_release_buzzes_nothing() -> None:
    buzzers = BuzzerInput(BuzzerMap.suggested(2), FakePadPort())
    shift = (pygame.KSCAN_LSHIFT, pygame.K_LSHIFT)
    held = [key_down(*shift), key_down(*shift), key_down(*shift, repeat=True), key_up(*shift)]
    assert through_queue(buzzers, held) == [Buzz(0, KeyBuzzer(pygame.KSCAN_LSHIFT))]
    assert through_queue(buzzers, [key_down(*shift)]) == [Buzz(0, KeyBuzzer(pygame.KSCAN_LSHIFT))]


def test_a_key_held_while_the_window_lost_the_focus_buzzes_when_pressed_again() -> None:
    buzzers = BuzzerInput(BuzzerMap.suggested(2), FakePadPort())
    shift = key_down(pygame.KSCAN_RSHIFT, pygame.K_RSHIFT)
    focus_lost = pygame.event.Event(pygame.WINDOWFOCUSLOST, window=None)
    readings = through_queue(buzzers, [shift, focus_lost, shift])  # its KEYUP went elsewhere
    assert readings == [Buzz(1, KeyBuzzer(pygame.KSCAN_RSHIFT))] * 2


def test_the_screens_keys_are_never_buzzers_on_any_layout() -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort())
    presses = [
        *press_events(pygame.K_a, text_input=False),
        *press_events(ord("ф"), text_input=False, layout="ru"),  # the A key
        *press_events(ord("е"), text_input=False, layout="ru"),  # the T key
        *press_events(pygame.K_g, text_input=False),
        *press_events(pygame.K_1, text_input=False),
        *press_events(pygame.K_KP4, text_input=False),
        *press_events(pygame.K_SPACE, text_input=False),
        *press_events(pygame.K_RETURN, text_input=False),
        *press_events(pygame.K_ESCAPE, text_input=False),
        *press_events(pygame.K_F11, text_input=False),
    ]
    assert through_queue(buzzers, presses) == []
    # a free key is read, by no team yet: the setup screen claims it
    free = through_queue(buzzers, press_events(pygame.K_k, text_input=False))
    assert free == [Buzz(None, KeyBuzzer(pygame.KSCAN_K))]


@pytest.mark.parametrize("teams", sorted(SUGGESTED_KEYS))
@pytest.mark.parametrize("layout", ["us", "ru"])
def test_suggested_keys_are_distinct_and_no_key_of_the_play_screen(teams: int, layout: str) -> None:
    scancodes = SUGGESTED_KEYS[teams]
    assert len(set(scancodes)) == teams
    tables = [play_bindings(stage, None, 6, read_aloud=True) for stage in Stage]
    tables.append(TRUEFALSE_ROWS)
    shifts = {pygame.KSCAN_LSHIFT: pygame.K_LSHIFT, pygame.KSCAN_RSHIFT: pygame.K_RSHIFT}
    for scancode in scancodes:
        key = shifts.get(scancode) or ord(LAYOUTS[layout][scancode][0])
        press = key_down(scancode, key)
        assert all(binding_for(table, press) is None for table in tables), (layout, scancode)


#: Where French AZERTY and German QWERTZ put other letters than US on the letter keys.
MOVED_LETTERS = {
    "fr": {pygame.KSCAN_Q: "a", pygame.KSCAN_A: "q", pygame.KSCAN_W: "z", pygame.KSCAN_Z: "w"},
    "de": {pygame.KSCAN_Y: "z", pygame.KSCAN_Z: "y"},
}


@pytest.mark.parametrize("layout", sorted(MOVED_LETTERS))
def test_suggested_letter_keys_type_no_answer_letter_on_french_and_german_layouts(
    layout: str,
) -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort())
    letter_keys = {code for codes in SUGGESTED_KEYS.values() for code in codes} - {
        pygame.KSCAN_LSHIFT,
        pygame.KSCAN_RSHIFT,
    }
    presses = []
    for scancode in sorted(letter_keys):
        key = ord(MOVED_LETTERS[layout].get(scancode) or LAYOUTS["us"][scancode][0])
        presses += [key_down(scancode, key), key_up(scancode, key)]
    readings = through_queue(buzzers, presses)
    assert [reading.buzzer for reading in readings] == [
        KeyBuzzer(scancode) for scancode in sorted(letter_keys)
    ]


def test_suggested_keys_go_from_the_left_to_the_right_of_the_keyboard() -> None:
    assert BuzzerMap.suggested(2).buzzer_of(0) == KeyBuzzer(pygame.KSCAN_LSHIFT)
    assert BuzzerMap.suggested(6).buzzer_of(5) == KeyBuzzer(pygame.KSCAN_RSHIFT)


# -- the order of buzzes ----------------------------------------------------------------


def test_two_buzzes_in_one_frame_go_in_the_order_of_sdl_s_queue() -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort(xbox(7)))
    assert buzzers.map.claim(0, KeyBuzzer(pygame.KSCAN_LSHIFT)) is None
    assert buzzers.map.claim(1, PadBuzzer(7, 0)) is None
    shift = key_down(pygame.KSCAN_LSHIFT, pygame.K_LSHIFT)
    first_pad = through_queue(buzzers, [button(7, 2), shift, key_up(pygame.KSCAN_LSHIFT, 0)])
    first_key = through_queue(buzzers, [shift, button(7, 2)])
    by_shift, by_pad = Buzz(0, KeyBuzzer(pygame.KSCAN_LSHIFT)), Buzz(1, PadBuzzer(7, 2))
    assert first_pad == [by_pad, by_shift]
    assert first_key == [by_shift, by_pad]


# -- claims -------------------------------------------------------------------------------


def test_a_buzzer_another_team_has_is_refused_with_its_holder() -> None:
    mapping = BuzzerMap(3)
    assert mapping.claim(0, KeyBuzzer(pygame.KSCAN_K)) is None
    assert mapping.claim(2, KeyBuzzer(pygame.KSCAN_K, key=ord("л"))) == Taken(0)
    assert mapping.buzzer_of(2) is None
    assert mapping.claim(0, KeyBuzzer(pygame.KSCAN_K)) is None  # its own again: fine


def test_a_team_that_claims_another_buzzer_frees_its_first() -> None:
    mapping = BuzzerMap(2)
    mapping.claim(0, KeyBuzzer(pygame.KSCAN_K))
    mapping.claim(0, PadBuzzer(3, 1))
    assert mapping.claim(1, KeyBuzzer(pygame.KSCAN_K)) is None
    assert mapping.holder(PadBuzzer(3, 1)) == 0


def test_a_pad_button_another_team_claimed_is_refused() -> None:
    mapping = BuzzerMap(2)
    mapping.claim(0, PadBuzzer(3, 1))
    assert mapping.claim(1, PadBuzzer(3, 1)) == Taken(0)


# -- pads --------------------------------------------------------------------------------


def test_any_button_of_a_team_s_own_pad_buzzes_for_it() -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort(xbox(4)))
    buzzers.map.claim(1, PadBuzzer(4, 0))
    assert through_queue(buzzers, [button(4, 0), button(4, 9)]) == [
        Buzz(1, PadBuzzer(4, 0)),
        Buzz(1, PadBuzzer(4, 9)),
    ]


def test_party_buzzers_on_one_device_buzz_each_for_the_team_that_claimed_the_button() -> None:
    buzz_set = PadInfo(2, BUZZ_SET, "Buzz", 20)
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort(buzz_set))
    buzzers.map.claim(0, PadBuzzer(2, 0))
    buzzers.map.claim(1, PadBuzzer(2, 5))
    readings = through_queue(buzzers, [button(2, 5), button(2, 0), button(2, 10)])
    assert readings == [
        Buzz(1, PadBuzzer(2, 5)),
        Buzz(0, PadBuzzer(2, 0)),
        Buzz(None, PadBuzzer(2, 10)),  # a handset no team took
    ]
    buzzers.expect_answer(0, slots=4)  # its handset buzzes still: it answers on the keyboard
    assert through_queue(buzzers, [button(2, 0)]) == [Buzz(0, PadBuzzer(2, 0))]


def test_a_button_of_a_pad_never_announced_is_ignored() -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort())
    assert through_queue(buzzers, [button(9, 0)]) == []


def test_the_answering_team_s_pad_answers_with_its_face_buttons_and_its_d_pad() -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort(xbox(4), xbox(5)))
    buzzers.map.claim(0, PadBuzzer(4, 0))
    buzzers.map.claim(1, PadBuzzer(5, 0))
    buzzers.expect_answer(0, slots=4)
    face = through_queue(buzzers, [button(4, n) for n in range(5)])
    d_pad = through_queue(buzzers, [hat(4, v) for v in [(0, -1), (1, 0), (-1, 0), (0, 1), (0, 0)]])
    other = through_queue(buzzers, [button(5, 1)])
    assert face == [PadAnswer(0, 0), PadAnswer(0, 1), PadAnswer(0, 2), PadAnswer(0, 3)]
    assert d_pad == [PadAnswer(0, 0), PadAnswer(0, 1), PadAnswer(0, 2), PadAnswer(0, 3)]
    assert other == [Buzz(1, PadBuzzer(5, 1))]  # the others still buzz (the picture)


def test_a_team_with_its_own_pad_is_shown_its_buttons_by_the_answers() -> None:
    buzz_set = PadInfo(2, BUZZ_SET, "Buzz", 20)
    buzzers = BuzzerInput(BuzzerMap(4), FakePadPort(xbox(4), buzz_set))
    buzzers.map.claim(0, PadBuzzer(4, 7))
    buzzers.map.claim(1, PadBuzzer(2, 0))
    buzzers.map.claim(2, PadBuzzer(2, 5))
    buzzers.map.claim(3, KeyBuzzer(pygame.KSCAN_P))
    assert buzzers.answer_caps(0) == ("A", "B", "X", "Y", "LB", "RB")
    assert buzzers.answer_caps(1) is None  # a shared set of buzzers: on the keyboard
    assert buzzers.answer_caps(3) is None
    buzzers.map.release(2)
    assert buzzers.answer_caps(1) == ("1", "2", "3", "4", "5", "6")


def test_a_true_false_answer_takes_two_buttons_and_pads_buzz_again_after_it() -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort(xbox(4)))
    buzzers.map.claim(0, PadBuzzer(4, 0))
    buzzers.expect_answer(0, slots=2)
    assert through_queue(buzzers, [button(4, 1), button(4, 2), hat(4, (0, 1))]) == [PadAnswer(0, 1)]
    buzzers.stop_answer()
    assert through_queue(buzzers, [button(4, 1)]) == [Buzz(0, PadBuzzer(4, 1))]


def test_game_controller_buttons_buzz_and_answer_like_joystick_buttons() -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort(xbox(4)))
    buzzers.map.claim(1, PadBuzzer(4, pygame.CONTROLLER_BUTTON_A))

    def pressed(name: str) -> pygame.event.Event:
        number = getattr(pygame, f"CONTROLLER_BUTTON_{name}")
        return pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, instance_id=4, button=number)

    assert through_queue(buzzers, [pressed("START")]) == [
        Buzz(1, PadBuzzer(4, pygame.CONTROLLER_BUTTON_START))
    ]
    buzzers.expect_answer(1, slots=4)
    answers = [pressed(name) for name in ("Y", "DPAD_RIGHT", "RIGHTSHOULDER", "BACK")]
    assert through_queue(buzzers, answers) == [PadAnswer(1, 3), PadAnswer(1, 1)]
    buzzers.expect_answer(1, slots=6)
    assert through_queue(buzzers, answers) == [PadAnswer(1, 3), PadAnswer(1, 1), PadAnswer(1, 5)]


# -- hot-plug ------------------------------------------------------------------------------


def test_a_pad_plugged_in_mid_game_buzzes_and_can_be_claimed() -> None:
    port = FakePadPort()
    buzzers = BuzzerInput(BuzzerMap.suggested(3), port)
    port.plug(0, xbox(12))
    arrival = through_queue(buzzers, [added(0), added(0)])  # SDL may announce it twice
    assert arrival == [PadAdded((), Pad(xbox(12), 1))]
    [press] = through_queue(buzzers, [button(12, 3)])
    assert press == Buzz(None, PadBuzzer(12, 3))
    assert buzzers.map.claim(1, PadBuzzer(12, 3)) is None
    assert through_queue(buzzers, [button(12, 0)]) == [Buzz(1, PadBuzzer(12, 0))]


def test_a_pulled_pad_names_its_team_and_plugged_back_it_is_that_team_s_again() -> None:
    port = FakePadPort(xbox(4), xbox(5))
    buzzers = BuzzerInput(BuzzerMap(3), port)
    buzzers.map.claim(0, KeyBuzzer(pygame.KSCAN_LSHIFT))
    buzzers.map.claim(1, PadBuzzer(4, 0))
    buzzers.map.claim(2, PadBuzzer(5, 0))
    port.unplug(5)
    [lost] = through_queue(buzzers, [removed(5), button(5, 0)])
    assert lost == PadLost((2,), Pad(xbox(5), 2, connected=False))
    assert port.closed == [5]
    assert buzzers.missing() == (2,)
    assert [row.connected for row in buzzers.describe(translator_for("en"))] == [True, True, False]

    # SDL gives the pad a new instance id; its GUID is the same
    port.plug(1, xbox(8))
    [back] = through_queue(buzzers, [added(1)])
    assert back == PadAdded((2,), Pad(xbox(8), 2))
    assert buzzers.missing() == ()
    assert through_queue(buzzers, [button(8, 4)]) == [Buzz(2, PadBuzzer(8, 4))]


def test_identical_pads_plugged_back_are_new_pads_that_the_missing_teams_claim() -> None:
    port = FakePadPort(xbox(4), xbox(5))
    buzzers = BuzzerInput(BuzzerMap(2), port)  # team 0 the Bears, team 1 the Foxes
    buzzers.map.claim(0, PadBuzzer(4, 0))
    buzzers.map.claim(1, PadBuzzer(5, 0))
    port.unplug(4)
    port.unplug(5)
    through_queue(buzzers, [removed(4), removed(5)])
    # the Bears' pad comes back first: nothing tells it from the Foxes' one
    port.plug(0, xbox(20))
    assert through_queue(buzzers, [added(0)]) == [PadAdded((), Pad(xbox(20), 3))]
    assert buzzers.missing() == (0, 1)
    [press] = through_queue(buzzers, [button(20, 2)])
    assert press == Buzz(None, PadBuzzer(20, 2))  # nobody's: it buzzes for no team
    assert buzzers.map.claim(0, press.buzzer) is None  # the Bears claim it
    assert through_queue(buzzers, [button(20, 0)]) == [Buzz(0, PadBuzzer(20, 0))]
    # one lost pad of that model is left: the next one plugged in is the Foxes' at once
    port.plug(1, xbox(21))
    assert through_queue(buzzers, [added(1)]) == [PadAdded((1,), Pad(xbox(21), 2))]
    assert buzzers.missing() == ()
    assert through_queue(buzzers, [button(21, 0)]) == [Buzz(1, PadBuzzer(21, 0))]
    assert [pad.info.instance_id for pad in buzzers.pads] == [21, 20]


def test_a_pad_of_another_model_is_given_back_though_identical_pads_are_lost() -> None:
    buzz_set = PadInfo(6, BUZZ_SET, "Buzz", 20)
    port = FakePadPort(xbox(4), xbox(5), buzz_set)
    buzzers = BuzzerInput(BuzzerMap(3), port)
    buzzers.map.claim(0, PadBuzzer(4, 0))
    buzzers.map.claim(1, PadBuzzer(5, 0))
    buzzers.map.claim(2, PadBuzzer(6, 7))
    for pad in (4, 5, 6):
        port.unplug(pad)
    through_queue(buzzers, [removed(4), removed(5), removed(6)])
    back = PadInfo(30, BUZZ_SET, "Buzz", 20)
    port.plug(0, back)
    assert through_queue(buzzers, [added(0)]) == [PadAdded((2,), Pad(back, 3))]
    assert buzzers.missing() == (0, 1)


def test_an_unclaimed_pad_pulled_out_is_forgotten_and_its_number_used_again() -> None:
    port = FakePadPort(xbox(4), xbox(5))
    buzzers = BuzzerInput(BuzzerMap(2), port)
    assert through_queue(buzzers, [removed(4)]) == [PadLost((), Pad(xbox(4), 1, connected=False))]
    assert buzzers.pads == (Pad(xbox(5), 2),)
    buzz_set = PadInfo(6, BUZZ_SET, "Buzz", 20)
    port.plug(0, buzz_set)
    assert through_queue(buzzers, [added(0)]) == [PadAdded((), Pad(buzz_set, 1))]


# -- words ---------------------------------------------------------------------------------


def test_the_setup_rows_name_every_team_s_buzzer_in_russian() -> None:
    buzz_set = PadInfo(2, BUZZ_SET, "Buzz", 20)
    port = FakePadPort(xbox(4), buzz_set)
    buzzers = BuzzerInput(BuzzerMap(5), port)
    buzzers.map.claim(0, KeyBuzzer(pygame.KSCAN_LSHIFT, pygame.K_LSHIFT))
    buzzers.map.claim(1, KeyBuzzer(pygame.KSCAN_P, ord("з")))
    buzzers.map.claim(2, PadBuzzer(4, 0))
    buzzers.map.claim(3, PadBuzzer(2, 5))
    buzzers.map.claim(4, PadBuzzer(2, 0))
    assert buzzers.describe(translator_for("ru")) == (
        TeamBuzzer(0, "Левый Shift", True),
        TeamBuzzer(1, "P", True),
        TeamBuzzer(2, "Геймпад 1", True),
        TeamBuzzer(3, "Геймпад 2, кнопка 6", True),
        TeamBuzzer(4, "Геймпад 2, кнопка 1", True),
    )


def test_a_shared_game_controller_s_buttons_are_named_by_their_letters() -> None:
    buzzers = BuzzerInput(BuzzerMap(2), FakePadPort(xbox(4)))
    buzzers.map.claim(0, PadBuzzer(4, 0))
    buzzers.map.claim(1, PadBuzzer(4, 3))
    labels = [row.label for row in buzzers.describe(translator_for("en"))]
    assert labels == ["Gamepad 1, button A", "Gamepad 1, button Y"]


def test_setup_rows_are_all_translated_in_the_pseudo_language() -> None:
    buzzers = BuzzerInput(BuzzerMap(3), FakePadPort(xbox(4)))
    buzzers.map.claim(0, KeyBuzzer(pygame.KSCAN_RSHIFT))
    buzzers.map.claim(1, PadBuzzer(4, 0))
    buzzers.map.claim(2, KeyBuzzer(pygame.KSCAN_F, pygame.K_F13))
    labels = [row.label for row in buzzers.describe(translator_for("qps-ploc"))]
    assert untranslated_words(labels) == set()
    assert labels[1].startswith(OPENING)
    assert labels[2] == "F13"  # printed on the key


@pytest.mark.parametrize(
    ("buzzer", "label"),
    [
        (KeyBuzzer(pygame.KSCAN_Q, pygame.K_a), "A"),  # AZERTY's A, where US has Q
        (KeyBuzzer(pygame.KSCAN_Q, ord("й")), "Q"),  # ЙЦУКЕН keyboards print Q there
        (KeyBuzzer(pygame.KSCAN_W), "W"),  # suggested, never pressed
        (KeyBuzzer(pygame.KSCAN_SLASH, pygame.K_SLASH), "/"),
        (KeyBuzzer(pygame.KSCAN_RCTRL, pygame.K_RCTRL), "Right Ctrl"),
        (KeyBuzzer(pygame.KSCAN_INSERT), "Key 73"),
    ],
)
def test_a_key_buzzer_is_named_as_printed_on_the_key(buzzer: KeyBuzzer, label: str) -> None:
    assert key_label(buzzer, translator_for("en")) == label


def test_the_real_pad_port_starts_the_joystick_module_only_when_used() -> None:
    pygame.joystick.quit()
    port = PygamePadPort()
    assert not pygame.joystick.get_init()
    port.connected()
    assert pygame.joystick.get_init()
    pygame.joystick.quit()


class BuzzerScene(Scene):
    """A screen that only reads buzzers, as the class game's screens will."""

    def __init__(self, app: App, buzzers: BuzzerInput) -> None:
        super().__init__(app)
        self.buzzers = buzzers
        self.readings: list[object] = []

    def handle_event(self, event: pygame.event.Event) -> None:
        reading = self.buzzers.read(event)
        if reading is not None:
            self.readings.append(reading)


def test_the_app_hands_a_screen_key_and_pad_buzzes_in_the_order_they_came(app: App) -> None:
    port = FakePadPort()
    scene = BuzzerScene(app, BuzzerInput(BuzzerMap.suggested(2), port))
    app.push(scene)
    pilot = Pilot(app)
    pilot.step()
    port.plug(0, xbox(3))
    pilot.post([added(0)])
    assert scene.buzzers.map.claim(0, PadBuzzer(3, 0)) is None  # Left Shift is free now
    held_shift = key_down(pygame.KSCAN_RSHIFT, pygame.K_RSHIFT)
    pilot.post([button(3, 1), held_shift, held_shift, removed(3)])
    assert scene.readings == [
        PadAdded((), Pad(xbox(3), 1)),
        Buzz(0, PadBuzzer(3, 1)),
        Buzz(1, KeyBuzzer(pygame.KSCAN_RSHIFT)),
        PadLost((0,), Pad(xbox(3), 1, connected=False)),
    ]
