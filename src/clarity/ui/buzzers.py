"""Teams' buzzers: keys of the keyboard and buttons of gamepads, read from pygame's events.

A buzzer is data: :class:`KeyBuzzer` (a physical key, by its scancode, so that any layout
works) or :class:`PadBuzzer` (a button of a plugged pad, by SDL's instance id, which stays
the same while the pad stays plugged). A :class:`BuzzerMap` says which team (index
0..n-1) has which buzzer, and :class:`BuzzerInput` turns each pygame event into what it
means for the class game: a :class:`Buzz`, a :class:`PadAnswer`, a pad that came
(:class:`PadAdded`) or went (:class:`PadLost`), or None. It knows no game rules: who may
buzz now, and what a buzz does, is the screen's business.

How a screen uses it::

    buzzers = BuzzerInput(BuzzerMap.suggested(teams=4))  # Left Shift, W, P, Right Shift
    # setup, "press your buzzer" for team `team`:
    match buzzers.read(event):
        case Buzz(buzzer=buzzer):
            refused = buzzers.map.claim(team, buzzer)  # None, or Taken(team=holder)
    # playing: events in the order pygame.event.get() gives them
    match buzzers.read(event):
        case Buzz(team=team) if team is not None and first_buzz_of_this_question:
            buzzers.expect_answer(team, slots=len(choices))  # its pad now answers
        case PadAnswer(team=team, slot=slot):
            ...  # answer `slot` (0 = the first answer shape on screen)
        case PadLost(teams=teams, pad=pad):
            ...  # pause; say that teams' buzzer (buzzers.pad_label(pad, t)) is unplugged
        case PadAdded(teams=teams):
            ...  # the pad is back with those teams: go on once none is missing
        case Buzz(team=None, buzzer=buzzer) if buzzers.missing():
            ...  # a pad that came back unrecognised (see Hot-plug): a missing team claims it
    buzzers.stop_answer()  # when the answer is given or the time is up
    rows = buzzers.describe(translator)  # the setup screen's table, at layout time

**Fairness.** SDL queues input events in the order the devices reported them, and
pygame's events carry no timestamp we can use, so the rule is the queue's order: when two
teams buzz in one frame, the one whose event comes first from ``pygame.event.get()`` is
first. :meth:`BuzzerInput.read` takes one event at a time and keeps no queue of its own,
so a screen that reads the events in the order it gets them keeps that rule.

**Keys.** A key buzzes by its scancode (its position), whatever letter the layout puts on
it. The keys the game's screens use (:data:`SCREEN_KEYS`: the play screen's answers A–F,
T, G, R, digits, Enter, Space, Esc, Tab, arrows, F11, M) are never buzzers: their presses
read as None, so the screen's own bindings get them. A letter key buzzer would type into a
text field; while a typed answer is written, a screen should not read key presses as
buzzes (the Shift keys type nothing and always work).

**Pads.** A gamepad held by one team buzzes with any of its buttons; a pad shared by
several teams (a USB set of party buzzers is one joystick with a button per handset)
buzzes only with the button each team claimed. After a buzz, the answering team's own pad
answers: buttons 0–3 (A, B, X, Y on an Xbox-style pad, SDL's order) and the d-pad (in the
same diamond: down, right, left, up) are the answer slots 0–3, buttons 4 and 5 slots 4
and 5 for six answers; a true/false question has 2 slots. Pads come from a
:class:`GamepadPort`: the real one opens them with ``pygame.joystick``, which starts only
when the first :class:`BuzzerInput` is made; tests fill a fake one, since posted JOY*
events make no device. The real port opens pads as joysticks, so SDL sends JOY* events;
CONTROLLERBUTTONDOWN is read too (SDL's A, B, X, Y are 0–3 there as well) for a screen
that opens game controllers itself, which should then not also open them as joysticks, or
each press counts twice.

**Hot-plug.** A pad pulled out is :class:`PadLost`. SDL gives a pad plugged in again a new
instance id, and the GUID it reports is its model's (bus, vendor, product, version), not
its own: two pads of one model cannot be told apart. So a pad plugged in goes back at once
to the teams that lost a pad of its GUID only when just one lost pad has that GUID
(:class:`PadAdded` with those teams). When several lost pads share it, giving it to one
of them is a guess that swaps teams silently when the pads come back in another order
(the Bears' pad buzzing for the Foxes). Such a pad arrives as a new one
(:class:`PadAdded` with no teams) and its first press is a :class:`Buzz` of nobody's
buzzer, which the screen lets a team whose buzzer is missing claim
(:meth:`BuzzerMap.claim`). A lost pad whose teams have all taken other buzzers since is
forgotten, so once all but one of the teams have claimed pads, the last lost pad of that
GUID is again given back at once.

**Lifetime.** Make one :class:`BuzzerInput` for a class game and hand it from the setup
screen to the play screen: it numbers the pads ("Gamepad 2") and remembers the pads that
teams lost; SDL announces the pads plugged in already only once, when the joystick module
starts. A screen with keys of its own keeps them from the buzzers with
``BuzzerInput(..., screen_keys=SCREEN_KEYS + ScreenKeys.of(MY_BINDINGS))``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import pygame
from pygame._sdl2 import controller

from clarity.core.messages import N_
from clarity.ui import keys
from clarity.ui.app import GLOBAL_BINDINGS
from clarity.ui.bindings import Binding
from clarity.ui.keys import Digit, Key, Letter, pressed_digit, printed_letter
from clarity.ui.play.controls import LONGEST_BINDINGS, TRUEFALSE_ROWS, play_bindings
from clarity.ui.play.stage import Stage

if TYPE_CHECKING:
    from clarity.i18n import Translator


# -- buzzers as data ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyBuzzer:
    """The key at ``scancode`` (SDL_Scancode: its US position). ``key`` is the key code the
    layout gave it when it was pressed (0 if never pressed): it only names the key."""

    scancode: int
    key: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class PadBuzzer:
    """Button ``button`` (0-based, SDL's numbering) of the pad SDL calls ``pad_id`` (its
    instance id, the same while it stays plugged)."""

    pad_id: int
    button: int


Buzzer = KeyBuzzer | PadBuzzer


@dataclass(frozen=True, slots=True)
class Taken:
    """A claim refused: team ``team`` (0-based) has that buzzer already."""

    team: int


#: Suggested keys for 2–6 teams, left to right on the keyboard, far apart, none that a
#: screen uses (:data:`SCREEN_KEYS`) on US, Russian, French or German layouts: the Shift
#: keys at both ends, then W and P at the top corners (AZERTY's Q position types A, an
#: answer key), then Y, V and U in the middle (AZERTY and QWERTZ keep them off the answers).
SUGGESTED_KEYS: dict[int, tuple[int, ...]] = {
    2: (pygame.KSCAN_LSHIFT, pygame.KSCAN_RSHIFT),
    3: (pygame.KSCAN_LSHIFT, pygame.KSCAN_Y, pygame.KSCAN_RSHIFT),
    4: (pygame.KSCAN_LSHIFT, pygame.KSCAN_W, pygame.KSCAN_P, pygame.KSCAN_RSHIFT),
    5: (pygame.KSCAN_LSHIFT, pygame.KSCAN_W, pygame.KSCAN_Y, pygame.KSCAN_P, pygame.KSCAN_RSHIFT),
    6: (
        pygame.KSCAN_LSHIFT,
        pygame.KSCAN_W,
        pygame.KSCAN_V,
        pygame.KSCAN_U,
        pygame.KSCAN_P,
        pygame.KSCAN_RSHIFT,
    ),
}


class BuzzerMap:
    """Which buzzer each of ``teams`` teams (0..teams-1) has; a team has one or none."""

    def __init__(self, teams: int) -> None:
        if teams < 1:
            raise ValueError(f"a buzzer map is for 1 team or more, not {teams}")
        self._buzzers: list[Buzzer | None] = [None] * teams

    @classmethod
    def suggested(cls, teams: int) -> BuzzerMap:
        """``teams`` teams (2–6) with the keys of :data:`SUGGESTED_KEYS`, team 0 leftmost."""
        mapping = cls(teams)
        for team, scancode in enumerate(SUGGESTED_KEYS[teams]):
            mapping._buzzers[team] = KeyBuzzer(scancode)
        return mapping

    @property
    def teams(self) -> int:
        return len(self._buzzers)

    def buzzer_of(self, team: int) -> Buzzer | None:
        return self._buzzers[team]

    def holder(self, buzzer: Buzzer) -> int | None:
        """The team that claimed exactly ``buzzer``, or None."""
        return next((t for t, held in enumerate(self._buzzers) if held == buzzer), None)

    def claim(self, team: int, buzzer: Buzzer) -> Taken | None:
        """Give ``buzzer`` to ``team`` in place of its own; None when done, :class:`Taken`
        with the holder when another team has it (a team claiming its own again is done)."""
        holder = self.holder(buzzer)
        if holder is not None and holder != team:
            return Taken(holder)
        self._buzzers[team] = buzzer
        return None

    def release(self, team: int) -> None:
        self._buzzers[team] = None

    def pad_teams(self, pad_id: int) -> tuple[int, ...]:
        """The teams with a button of pad ``pad_id``, in team order."""
        return tuple(
            t
            for t, held in enumerate(self._buzzers)
            if isinstance(held, PadBuzzer) and held.pad_id == pad_id
        )

    def team_pressing(self, buzzer: Buzzer) -> int | None:
        """The team a press of ``buzzer`` buzzes for: its holder; for a pad button no team
        claimed, the team holding that pad alone (any button of its pad buzzes)."""
        holder = self.holder(buzzer)
        if holder is not None or isinstance(buzzer, KeyBuzzer):
            return holder
        owners = self.pad_teams(buzzer.pad_id)
        return owners[0] if len(owners) == 1 else None

    def move_pad(self, old_id: int, new_id: int) -> tuple[int, ...]:
        """Give the buttons of pad ``old_id`` to pad ``new_id`` (a pad plugged in again);
        the teams that had them."""
        moved = self.pad_teams(old_id)
        for team in moved:
            held = self._buzzers[team]
            assert isinstance(held, PadBuzzer)
            self._buzzers[team] = PadBuzzer(new_id, held.button)
        return moved


# -- what an event means -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PadInfo:
    """A plugged pad as its :class:`GamepadPort` opened it: SDL's ``instance_id``, its
    ``guid`` (the same for every pad of one model, and again when replugged), its device
    ``name``, its number of ``buttons``, and whether SDL knows it as a game controller
    (``face_letters``: then buttons 0–3 are A, B, X, Y)."""

    instance_id: int
    guid: str
    name: str
    buttons: int
    face_letters: bool = False


@dataclass(frozen=True, slots=True)
class Pad:
    """A pad the game knows: ``info``, its ``number`` for people ("Gamepad 2": the order
    pads came in, kept when replugged) and whether it is plugged in now."""

    info: PadInfo
    number: int
    connected: bool = True


@dataclass(frozen=True, slots=True)
class Buzz:
    """``buzzer`` was pressed; ``team`` is whose buzzer it is, or None (setup: no one's)."""

    team: int | None
    buzzer: Buzzer


@dataclass(frozen=True, slots=True)
class PadAnswer:
    """The answering ``team`` chose answer ``slot`` (0-based, the order shown) on its pad."""

    team: int
    slot: int


@dataclass(frozen=True, slots=True)
class PadLost:
    """``pad`` was pulled out; ``teams`` had a buzzer on it (empty: nobody's)."""

    teams: tuple[int, ...]
    pad: Pad


@dataclass(frozen=True, slots=True)
class PadAdded:
    """``pad`` was plugged in; ``teams`` had it before it was pulled and have it back
    (empty: a new pad, or one of several lost pads of one model, which cannot be told apart:
    see the module's Hot-plug)."""

    teams: tuple[int, ...]
    pad: Pad


Reading = Buzz | PadAnswer | PadLost | PadAdded


@dataclass(frozen=True, slots=True)
class TeamBuzzer:
    """One row of the setup screen: ``team``'s buzzer as ``label`` (translated; "" when it
    has none) and whether it can be pressed now (a key, or a pad that is plugged in)."""

    team: int
    label: str
    connected: bool


# -- devices ------------------------------------------------------------------------------


class GamepadPort(Protocol):
    """Where pads come from: the real one is :class:`PygamePadPort`."""

    def open(self, device_index: int) -> PadInfo | None:
        """Open the pad SDL announced with JOYDEVICEADDED's ``device_index``; None if it
        cannot be opened (pulled out again already). Opening one twice gives the same."""
        ...

    def close(self, instance_id: int) -> None:
        """Let go of the pad ``instance_id`` (after JOYDEVICEREMOVED)."""
        ...

    def connected(self) -> tuple[PadInfo, ...]:
        """Every pad plugged in now, opened."""
        ...


class PygamePadPort:
    """Pads through ``pygame.joystick`` (any joystick: gamepads, USB party buzzers).

    The joystick module starts at the first call, not at import: SDL then sends
    JOYDEVICEADDED for every pad already plugged in, and JOY* events from then on.
    """

    def __init__(self) -> None:
        self._open: dict[int, pygame.joystick.JoystickType] = {}

    def _start(self) -> None:
        if not pygame.joystick.get_init():
            pygame.joystick.init()

    def open(self, device_index: int) -> PadInfo | None:
        self._start()
        try:
            joystick = pygame.joystick.Joystick(device_index)
        except pygame.error:
            return None
        self._open[joystick.get_instance_id()] = joystick
        try:
            # SDL's controller mappings know which buttons are A, B, X and Y; the pad is
            # still read as a joystick, so its events are JOY* ones
            if not controller.get_init():
                controller.init()
            face_letters = controller.is_controller(device_index)
        except pygame.error:
            face_letters = False
        return PadInfo(
            joystick.get_instance_id(),
            joystick.get_guid(),
            joystick.get_name(),
            joystick.get_numbuttons(),
            face_letters,
        )

    def close(self, instance_id: int) -> None:
        joystick = self._open.pop(instance_id, None)
        if joystick is not None:
            joystick.quit()

    def connected(self) -> tuple[PadInfo, ...]:
        self._start()
        pads = (self.open(index) for index in range(pygame.joystick.get_count()))
        return tuple(pad for pad in pads if pad is not None)


# -- the keys the screens keep -------------------------------------------------------------


def _screen_bindings() -> tuple[Binding, ...]:
    rows: list[Binding] = [*GLOBAL_BINDINGS, *TRUEFALSE_ROWS]
    for table in LONGEST_BINDINGS:
        rows += table
    for stage in Stage:
        rows += play_bindings(stage, None, 6, read_aloud=True, scrolls=True)
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class ScreenKeys:
    """Keys a screen uses, so no buzzer: letters by what is printed on the key, digits on
    any layout, other keys by key code (:mod:`clarity.ui.keys`), whatever modifier is held."""

    letters: frozenset[str]
    digits: frozenset[int]
    codes: frozenset[int]

    @classmethod
    def of(cls, bindings: Iterable[Binding]) -> ScreenKeys:
        specs = [spec for binding in bindings for spec in binding.keys]
        return cls(
            frozenset(s.letter for s in specs if isinstance(s, Letter)),
            frozenset(s.digit for s in specs if isinstance(s, Digit)),
            frozenset(code for s in specs if isinstance(s, Key) for code in s.codes),
        )

    def __add__(self, other: ScreenKeys) -> ScreenKeys:
        return ScreenKeys(
            self.letters | other.letters, self.digits | other.digits, self.codes | other.codes
        )

    def has(self, event: pygame.event.Event) -> bool:
        """Whether the KEYDOWN ``event`` is a press of one of these keys."""
        if event.key in self.codes:
            return True
        letter = printed_letter(event)
        if letter is not None:
            return letter in self.letters
        return pressed_digit(event) in self.digits


#: The play screen's keys in every stage, and the keys of every screen (F11, M).
SCREEN_KEYS: ScreenKeys = ScreenKeys.of(_screen_bindings())


# -- reading events ---------------------------------------------------------------------

#: What is printed on a game controller's buttons 0–5 (SDL's order: A, B, X, Y, then the
#: shoulder buttons on a joystick): answer slots 0–5 as the screen shows them next to the
#: answers; a pad SDL knows no mapping for is shown by its button numbers, 1–6.
PAD_ANSWER_CAPS = ("A", "B", "X", "Y", "LB", "RB")
#: The d-pad as slots 0–3, in the face buttons' diamond (A down, B right, X left, Y up);
#: pygame's hat y is 1 up.
_HAT_SLOTS: dict[tuple[int, int], int] = {(0, -1): 0, (1, 0): 1, (-1, 0): 2, (0, 1): 3}
#: A game controller's buttons (SDL_GameControllerButton) as answer slots.
_CONTROLLER_SLOTS: dict[int, int] = {
    pygame.CONTROLLER_BUTTON_A: 0,
    pygame.CONTROLLER_BUTTON_B: 1,
    pygame.CONTROLLER_BUTTON_X: 2,
    pygame.CONTROLLER_BUTTON_Y: 3,
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: 4,
    pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: 5,
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: 0,
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: 1,
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: 2,
    pygame.CONTROLLER_BUTTON_DPAD_UP: 3,
}
MAX_PAD_SLOTS = 6

#: Keys named by words, said in the interface language (Shift and Ctrl are printed so).
_KEY_NAMES: dict[int, str] = {
    # Translators: a buzzer key's name; Shift is printed on the key
    pygame.KSCAN_LSHIFT: N_("Left Shift"),
    # Translators: a buzzer key's name; Shift is printed on the key
    pygame.KSCAN_RSHIFT: N_("Right Shift"),
    # Translators: a buzzer key's name; Ctrl is printed on the key
    pygame.KSCAN_LCTRL: N_("Left Ctrl"),
    # Translators: a buzzer key's name; Ctrl is printed on the key
    pygame.KSCAN_RCTRL: N_("Right Ctrl"),
    # Translators: a buzzer key's name; Alt is printed on the key
    pygame.KSCAN_LALT: N_("Left Alt"),
    # Translators: a buzzer key's name; Alt is printed on the key
    pygame.KSCAN_RALT: N_("Right Alt"),
}
_LETTERS_BY_SCANCODE = {pygame.KSCAN_A + i: chr(ord("A") + i) for i in range(26)}


class BuzzerInput:
    """Reads the teams' buzzers of ``buzzer_map`` from pygame events (see the module).

    ``port`` gives the pads (default: :class:`PygamePadPort`, started now: the pads
    plugged in already are opened and numbered 1, 2, ...). ``screen_keys`` are never
    buzzers (default :data:`SCREEN_KEYS`; a screen with keys of its own adds them:
    ``SCREEN_KEYS + ScreenKeys.of(MY_BINDINGS)``).
    """

    def __init__(
        self,
        buzzer_map: BuzzerMap,
        port: GamepadPort | None = None,
        screen_keys: ScreenKeys = SCREEN_KEYS,
    ) -> None:
        self.map = buzzer_map
        self.port: GamepadPort = port if port is not None else PygamePadPort()
        self.screen_keys = screen_keys
        self._pads: dict[int, Pad] = {}
        self._lost: list[int] = []  # instance ids of lost pads a team held, first lost first
        self._held: set[int] = set()  # scancodes down now: their repeated KEYDOWNs buzz no more
        self._answering: tuple[int, int] | None = None
        for info in self.port.connected():
            self._add(info)

    # -- state the screen sets

    def expect_answer(self, team: int, slots: int) -> None:
        """From now on ``team``'s own pad answers with ``slots`` (2–6) answer slots."""
        self._answering = (team, min(slots, MAX_PAD_SLOTS))

    def stop_answer(self) -> None:
        """Pads buzz again (the answer is in, or the time ran out)."""
        self._answering = None

    def answer_caps(self, team: int) -> tuple[str, ...] | None:
        """What to print by answer slots 0–5 for ``team``'s pad ("A", "B", ... on a game
        controller, "1", "2", ... on another pad), or None: the team has no pad of its own
        (a key, or a button of a shared pad) and answers on the keyboard."""
        buzzer = self.map.buzzer_of(team)
        if not isinstance(buzzer, PadBuzzer) or self.map.pad_teams(buzzer.pad_id) != (team,):
            return None
        pad = self._pads.get(buzzer.pad_id)
        if pad is not None and pad.info.face_letters:
            return PAD_ANSWER_CAPS
        return tuple(str(n) for n in range(1, MAX_PAD_SLOTS + 1))

    @property
    def pads(self) -> tuple[Pad, ...]:
        """The pads known, plugged in or lost while a team had them (and has none other
        since), by number."""
        self._forget_unheld()
        return tuple(sorted(self._pads.values(), key=lambda pad: pad.number))

    def missing(self) -> tuple[int, ...]:
        """The teams whose buzzer is on a pad that is not plugged in, in team order."""
        return tuple(
            team
            for team in range(self.map.teams)
            if isinstance(b := self.map.buzzer_of(team), PadBuzzer)
            and not self._pad_connected(b.pad_id)
        )

    # -- events

    def read(self, event: pygame.event.Event) -> Reading | None:
        """What ``event`` means for the buzzers, or None (not a buzzer's, a key repeat, a
        release, a screen's key, an unclaimed button of a shared pad)."""
        kind = event.type
        if kind == pygame.KEYDOWN:
            return self._key_down(event)
        if kind == pygame.KEYUP:
            self._held.discard(getattr(event, "scancode", 0))
        elif kind in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED):
            self._held.clear()  # their KEYUPs go to another window
        elif kind == pygame.JOYBUTTONDOWN:
            return self._button(event.instance_id, event.button, event.button)
        elif kind == pygame.CONTROLLERBUTTONDOWN:
            slot = _CONTROLLER_SLOTS.get(event.button, -1)
            return self._button(event.instance_id, event.button, slot)
        elif kind == pygame.JOYHATMOTION:
            return self._hat(event.instance_id, tuple(event.value))
        elif kind == pygame.JOYDEVICEADDED:
            info = self.port.open(event.device_index)
            return None if info is None or info.instance_id in self._pads else self._add(info)
        elif kind == pygame.JOYDEVICEREMOVED:
            return self._remove(event.instance_id)
        return None

    def _key_down(self, event: pygame.event.Event) -> Buzz | None:
        scancode = getattr(event, "scancode", 0)
        repeat = scancode in self._held or getattr(event, "repeat", False)
        self._held.add(scancode)
        if repeat or not scancode or self.screen_keys.has(event):
            return None
        buzzer = KeyBuzzer(scancode, event.key)
        return Buzz(self.map.team_pressing(buzzer), buzzer)

    def _button(self, pad_id: int, button: int, slot: int) -> Reading | None:
        if not self._pad_connected(pad_id):
            return None  # a pad never announced, or one pulled out: its last events
        answer = self._answer(pad_id, slot)
        if answer is not None or self._answering_on(pad_id):
            return answer
        buzzer = PadBuzzer(pad_id, button)
        return Buzz(self.map.team_pressing(buzzer), buzzer)

    def _hat(self, pad_id: int, value: tuple[int, ...]) -> PadAnswer | None:
        slot = _HAT_SLOTS.get((value[0], value[1])) if len(value) == 2 else None
        return None if slot is None else self._answer(pad_id, slot)

    def _answering_on(self, pad_id: int) -> bool:
        """Whether the answering team holds ``pad_id`` alone (its buttons answer, not buzz)."""
        return (
            self._answering is not None
            and self._pad_connected(pad_id)
            and self.map.pad_teams(pad_id) == (self._answering[0],)
        )

    def _answer(self, pad_id: int, slot: int) -> PadAnswer | None:
        if not self._answering_on(pad_id):
            return None
        assert self._answering is not None
        team, slots = self._answering
        return PadAnswer(team, slot) if 0 <= slot < slots else None

    # -- hot-plug

    def _pad_connected(self, pad_id: int) -> bool:
        pad = self._pads.get(pad_id)
        return pad is not None and pad.connected

    def _add(self, info: PadInfo) -> PadAdded:
        self._forget_unheld()
        alike = [old for old in self._lost if self._pads[old].info.guid == info.guid]
        # several lost pads of one model: nothing tells which came back (see the module)
        back = alike[0] if len(alike) == 1 else None
        if back is not None:
            self._lost.remove(back)
            number = self._pads.pop(back).number
            teams = self.map.move_pad(back, info.instance_id)
        else:
            used = {pad.number for pad in self._pads.values()}
            number = next(n for n in range(1, len(used) + 2) if n not in used)
            teams = ()
        pad = Pad(info, number)
        self._pads[info.instance_id] = pad
        return PadAdded(teams, pad)

    def _forget_unheld(self) -> None:
        """Forget the lost pads whose teams all took other buzzers since."""
        for pad_id in [p for p in self._lost if not self.map.pad_teams(p)]:
            self._lost.remove(pad_id)
            del self._pads[pad_id]

    def _remove(self, pad_id: int) -> PadLost | None:
        pad = self._pads.get(pad_id)
        if pad is None or not pad.connected:
            return None
        self.port.close(pad_id)
        teams = self.map.pad_teams(pad_id)
        lost = Pad(pad.info, pad.number, connected=False)
        if teams:
            self._pads[pad_id] = lost  # kept to be given back (and named) when it returns
            self._lost.append(pad_id)
        else:
            del self._pads[pad_id]
        return PadLost(teams, lost)

    # -- words

    def label(self, buzzer: Buzzer, translator: Translator) -> str:
        """``buzzer`` as the setup screen names it: "Left Shift", "P", "Gamepad 2" (a pad
        one team holds: any button), "Gamepad 2, button A" (a shared pad's button)."""
        if isinstance(buzzer, KeyBuzzer):
            return key_label(buzzer, translator)
        pad = self._pads.get(buzzer.pad_id)
        number = pad.number if pad is not None else 0
        if len(self.map.pad_teams(buzzer.pad_id)) <= 1:
            # Translators: a team's buzzer, a whole gamepad; {number} counts the pads
            return translator.gettext("Gamepad {number}", number=number)
        face = pad is not None and pad.info.face_letters and buzzer.button < 4
        button = PAD_ANSWER_CAPS[buzzer.button] if face else str(buzzer.button + 1)
        # Translators: a team's buzzer, one button of a gamepad or of a set of party buzzers
        return translator.gettext("Gamepad {number}, button {button}", number=number, button=button)

    def pad_label(self, pad: Pad, translator: Translator) -> str:
        """``pad`` for a message ("Gamepad 2")."""
        return translator.gettext("Gamepad {number}", number=pad.number)

    def describe(self, translator: Translator) -> tuple[TeamBuzzer, ...]:
        """Every team's buzzer for the setup screen, in team order, in ``translator``'s
        language (call it when laying out: the language can change)."""
        rows = []
        for team in range(self.map.teams):
            buzzer = self.map.buzzer_of(team)
            if buzzer is None:
                rows.append(TeamBuzzer(team, "", False))
                continue
            connected = isinstance(buzzer, KeyBuzzer) or self._pad_connected(buzzer.pad_id)
            rows.append(TeamBuzzer(team, self.label(buzzer, translator), connected))
        return tuple(rows)


def key_label(buzzer: KeyBuzzer, translator: Translator) -> str:
    """The key of ``buzzer`` as printed on it: Shift, Ctrl and Alt said in the language;
    a letter as the layout it was pressed on printed it (AZERTY's A), or, never pressed or
    pressed on a layout of another alphabet, the Latin letter in its US position (which
    Russian and Belarusian keyboards print, :mod:`clarity.ui.keys`); any other key by SDL's
    name for it."""
    if buzzer.scancode in _KEY_NAMES:
        return translator.gettext(_KEY_NAMES[buzzer.scancode])
    if buzzer.key:
        event = pygame.event.Event(pygame.KEYDOWN, key=buzzer.key, scancode=buzzer.scancode)
        letter = printed_letter(event)
        if letter is not None:
            return letter
        name = pygame.key.name(buzzer.key)
        if name:
            return keys.shown_cap(name.upper() if len(name) == 1 else name.title(), translator)
    if buzzer.scancode in _LETTERS_BY_SCANCODE:
        return _LETTERS_BY_SCANCODE[buzzer.scancode]
    # Translators: a buzzer key the game has no name for; {code} is SDL's number for it
    return translator.gettext("Key {code}", code=str(buzzer.scancode))
