"""A whole round on every keyboard layout, with the keys printed on the buttons.

The events are the recordings of real keyboards (``tests/ui/keyboards``): for each layout,
what SDL sent for each physical key with text input on and off. The test posts exactly what
the keyboard sends in the state the game is in (TEXTINPUT only while text input is on).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.core.packs.models import ChoiceQuestion, TrueFalseQuestion, TypedQuestion
from clarity.core.round import Phase
from clarity.ui.app import App
from clarity.ui.scenes.play import PlayScene
from clarity.ui.theme import ANSWER_STYLES

from .conftest import ASSETS, QUESTIONS, Pilot, write_play_pack
from .keyboard_layouts import LAYOUTS, keys, press, press_records

CYRILLIC_LAYOUTS = {"ru", "by", "ua"}


def physical_key_typing(layout: str, character: str) -> str:
    """The recorded key (or Shift+key) that types ``character`` on ``layout``."""
    for name in keys(layout):
        records = press_records(layout, name, text_input=True)
        if [r["text"] for r in records if r["type"] == "TEXTINPUT"] == [character]:
            return name
    raise KeyError(f"nothing types {character!r} on {layout}")


def key_printed_with(layout: str, letter: str) -> str:
    """The physical key (its US name) on which ``layout``'s keyboards print Latin ``letter``.

    Latin layouts print the letter the key types (AZERTY's A is the US Q key); keyboards
    sold with Cyrillic layouts print the Latin letters in the US positions.
    """
    if layout in CYRILLIC_LAYOUTS:
        return letter
    for name in keys(layout):
        down = press_records(layout, name, text_input=False)[0]
        if down["type"] == "KEYDOWN" and down["key"] == ord(letter.lower()) and "+" not in name:
            return name
    raise KeyError(f"no key types {letter!r} on {layout}")


def first_question(pilot: Pilot, loaded: LoadedPack) -> PlayScene:
    """A round of ``loaded`` pushed on the App, its first question in view."""
    play = PlayScene(pilot.app, loaded, seed=5)
    pilot.app.push(play)
    pilot.step()
    pilot.settle()
    return play


class Keyboard:
    """One student's keyboard: presses physical keys and posts what the layout sends."""

    def __init__(self, pilot: Pilot, layout: str) -> None:
        self.pilot = pilot
        self.layout = layout

    def press(self, key: str, frames: int = 1) -> None:
        self.pilot.post(
            press(self.layout, key, text_input=self.pilot.app.text_input_on), frames=frames
        )

    def press_printed(self, letter: str) -> None:
        """Press the key with the Latin ``letter`` printed on it."""
        self.press(key_printed_with(self.layout, letter))

    def type(self, text: str) -> None:
        for character in text:
            self.press(physical_key_typing(self.layout, character))


def pack_of(folder: Path, *ids: str) -> LoadedPack:
    questions = [q for q in QUESTIONS if q["id"] in ids]
    path = write_play_pack(folder, questions=questions, pack_id=folder.name)
    loaded = load_pack(path, assets_dir=ASSETS)
    assert loaded.ok, loaded.first_error
    return loaded


@pytest.fixture
def mixed_pack(tmp_path: Path) -> LoadedPack:
    return pack_of(tmp_path / "mixed", "choice-four", "true-one", "typed-capital")


@pytest.fixture
def keys_pack(tmp_path: Path) -> LoadedPack:
    return pack_of(tmp_path / "keys", "choice-four", "choice-six")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_whole_round_with_the_keys_printed_on_the_buttons(
    layout: str, make_app: Callable[..., App], mixed_pack: LoadedPack
) -> None:
    pilot = Pilot(make_app())
    keyboard = Keyboard(pilot, layout)
    play = PlayScene(pilot.app, mixed_pack, seed=5)
    pilot.app.push(play)
    pilot.step()
    cyrillic = layout in CYRILLIC_LAYOUTS
    while play.round.phase is Phase.ASKING:
        pilot.settle()
        question = play.round.question
        assert not pilot.app.text_input_on or isinstance(question, TypedQuestion)
        if isinstance(question, ChoiceQuestion):
            keyboard.press_printed(ANSWER_STYLES[question.right_index].letter)
        elif isinstance(question, TrueFalseQuestion):
            keyboard.press_printed("T" if question.answer else "F")
        else:
            assert pilot.app.text_input_on
            keyboard.type("москва" if cyrillic else "moscow")
            keyboard.press("Return")
        assert play.round.answers[-1].right, (layout, question.id)
        pilot.settle()
        keyboard.press_printed("G")  # the guess, any time: the field opens empty
        assert play.guessing
        assert play.card.guess.field.text == ""
        keyboard.press("Escape")
        assert not play.guessing
        keyboard.press("Return")
    assert play.round.phase is Phase.FINAL_GUESS
    keyboard.type("маяк" if cyrillic else "lighthouse")
    assert play.card.guess.field.text == ("маяк" if cyrillic else "lighthouse")
    keyboard.press("Return")
    assert play.round.phase is Phase.ENDED
    assert play.round.guesses[-1].right


@pytest.mark.parametrize("layout", LAYOUTS)
def test_g_opens_the_guess_without_typing_into_it_even_when_text_input_was_on(
    layout: str, make_app: Callable[..., App], keys_pack: LoadedPack
) -> None:
    """Some platforms send the text of the key that opened a field: it is dropped."""
    pilot = Pilot(make_app())
    play = first_question(pilot, keys_pack)
    assert not pilot.app.text_input_on
    # what the keyboard sends when text input was still on at the press (SDL's default)
    pilot.post(press(layout, key_printed_with(layout, "G"), text_input=True))
    assert play.guessing
    assert play.card.guess.field.text == ""


@pytest.mark.parametrize("layout", LAYOUTS)
def test_esc_pauses_and_resumes_and_digits_answer_on_every_layout(
    layout: str, make_app: Callable[..., App], keys_pack: LoadedPack
) -> None:
    pilot = Pilot(make_app())
    play = first_question(pilot, keys_pack)
    keyboard = Keyboard(pilot, layout)
    keyboard.press("Escape")
    assert pilot.top is not play
    keyboard.press("Escape")
    assert pilot.top is play
    question = play.round.question
    assert isinstance(question, ChoiceQuestion)
    keyboard.press(str(question.right_index + 1))  # the top row's digit, AZERTY too
    assert play.round.answers[-1].right


def test_the_recordings_cover_the_layouts_the_issue_names() -> None:
    assert {"us", "gb", "de", "fr", "ru", "by", "ua"} <= set(LAYOUTS)


def wrong_answer_typed(pilot: Pilot, loaded: LoadedPack) -> tuple[Pilot, PlayScene]:
    """The round at its typed question, with a wrong answer typed and not yet sent."""
    play = first_question(pilot, loaded)
    while not isinstance(play.round.question, TypedQuestion):
        pilot.key(pygame.K_1)
        pilot.settle()
        pilot.key(pygame.K_RETURN)
        pilot.settle()
    pilot.type("Paris")
    return pilot, play


def test_a_held_enter_does_not_skip_the_verdict(
    make_app: Callable[..., App], mixed_pack: LoadedPack
) -> None:
    pilot, play = wrong_answer_typed(Pilot(make_app()), mixed_pack)
    # Enter goes down and stays down: the first KEYDOWN answers, the rest are its repeats
    enter = press("us", "Return", text_input=True)[0]
    for _ in range(40):
        pygame.event.post(enter)
        pilot.step()
    assert play.round.phase is Phase.FEEDBACK
    assert not play.round.answers[-1].right
    assert "explain" in play.shown_texts()
    pilot.post(press("us", "Return", text_input=False)[1:])  # the key comes up
    pilot.key(pygame.K_RETURN)  # a fresh press goes on
    assert play.round.phase is not Phase.FEEDBACK


def test_enter_twice_quickly_keeps_the_verdict_in_view(
    make_app: Callable[..., App], mixed_pack: LoadedPack
) -> None:
    pilot, play = wrong_answer_typed(Pilot(make_app()), mixed_pack)
    pilot.key(pygame.K_RETURN, frames=6)  # 0.1 s
    pilot.key(pygame.K_RETURN)
    assert play.round.phase is Phase.FEEDBACK
    assert "explain" in play.shown_texts()


def open_guess(pilot: Pilot, loaded: LoadedPack, layout: str) -> PlayScene:
    play = first_question(pilot, loaded)
    Keyboard(pilot, layout).press_printed("G")
    assert play.guessing
    return play


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("paste", ["ctrl+V", "shift+Insert"])
def test_a_paste_takes_the_clipboard_as_one_line_and_types_nothing_else(
    layout: str, paste: str, make_app: Callable[..., App], keys_pack: LoadedPack
) -> None:
    pilot = Pilot(make_app())
    play = open_guess(pilot, keys_pack, layout)
    pygame.scrap.put_text("Light\nhouse\x07")
    Keyboard(pilot, layout).press(paste)  # on ru, Ctrl+V also sends the text "м"
    assert play.card.guess.field.text == "Light house"


@pytest.mark.parametrize("layout", ["us", "fr", "ru"])
def test_the_caret_keys_edit_the_guess_where_the_caret_is(
    layout: str, make_app: Callable[..., App], keys_pack: LoadedPack
) -> None:
    pilot = Pilot(make_app())
    play = open_guess(pilot, keys_pack, layout)
    keyboard = Keyboard(pilot, layout)
    field = play.card.guess.field
    pygame.scrap.put_text("Light house")
    keyboard.press("ctrl+V")
    keyboard.press("Home")
    keyboard.press("Delete")  # "ight house"
    keyboard.press("End")
    keyboard.press("Left")
    keyboard.press("Left")
    keyboard.press("BackSpace")  # "ight hose"
    assert (field.text, field.edit.caret) == ("ight hose", 7)
    keyboard.press("End")
    keyboard.press("ctrl+BackSpace")
    assert field.text == "ight "
    keyboard.press("ctrl+A")  # the US A position: Ctrl+Q on AZERTY, which selects nothing
    keyboard.press("BackSpace")
    assert field.text == ("ight" if key_printed_with(layout, "A") != "A" else "")
    assert play.guessing  # none of these keys left the field or paused


def test_a_pasted_guess_is_cut_to_the_fields_limit(
    make_app: Callable[..., App], keys_pack: LoadedPack
) -> None:
    pilot = Pilot(make_app())
    play = open_guess(pilot, keys_pack, "us")
    field = play.card.guess.field
    pygame.scrap.put_text("x" * 10_000)
    Keyboard(pilot, "us").press("ctrl+V")
    assert len(field.text) == field.max_length >= len("Lighthouse")


def test_text_without_a_key_press_types_once_the_field_is_open(
    make_app: Callable[..., App], keys_pack: LoadedPack
) -> None:
    """An input method or an on-screen keyboard sends text with no KEYDOWN of its own."""
    pilot = Pilot(make_app())
    play = open_guess(pilot, keys_pack, "ru")
    pilot.post([pygame.event.Event(pygame.TEXTINPUT, text="Маяк")])
    assert play.card.guess.field.text == "Маяк"
