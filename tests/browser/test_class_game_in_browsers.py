"""Two students and the teacher play a whole class game in real Chromium windows.

Anna plays on a phone-sized window and joins through the address with the PIN in it (as
the projector's QR code gives it); Boris, on a laptop, types the PIN. They answer by
pressing the buttons a screen reader names (the answer's text), type an answer, guess the
picture; Anna reloads her page and keeps her score; the teacher starts, pauses, goes on, accepts
a refused spelling, switches the leaderboard off and ends the game from the teacher's
page; both see the podium.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import LAPTOP, MYSTERY, PHONE, QUESTIONS, Browser, loopback

pytestmark = pytest.mark.slow

#: What Boris answers (always wrong; the typed one a spelling the teacher then accepts).
WRONG = {"choice": "Venus", "truefalse": "True", "typed": "Юпитер", "number": "9"}


@pytest.fixture(scope="module")
def devices(chromium: Callable[[tuple[int, int]], Browser]) -> SimpleNamespace:
    return SimpleNamespace(anna=chromium(PHONE), boris=chromium(LAPTOP), teacher=chromium(LAPTOP))


def the_prompt(student: Browser) -> str:
    """The open question's prompt, once the student's page shows one of the pack's."""
    return str(
        student.wait_for(
            lambda: next((n for n in student.names("heading") if n in QUESTIONS), None),
            "a question of the pack",
        )
    )


def answer(student: Browser, kind: str, response: str) -> None:
    if kind in ("typed", "number"):
        # a phone shows the keyboard of digits and a decimal mark for a number
        wanted = "decimal" if kind == "number" else "text"
        assert student.field("Your answer").get_attribute("inputmode") == wanted
        student.type_into("Your answer", response)
        student.press("Send")
    else:
        student.press(response)


def score_shown(student: Browser) -> str:
    found = re.search(r"Score: ([\d,]+)", student.text())
    assert found, student.text()
    return found.group(1)


def fits_at_double_text_size(student: Browser) -> bool:
    """Whether the page, with the browser's text size doubled (a phone's largest text
    setting scales the root font as this does), is no wider than the window."""
    return bool(
        student.driver.execute_script(
            "const root = document.documentElement;"
            "root.style.fontSize = '200%';"
            "const fits = root.scrollWidth <= root.clientWidth;"
            "root.style.fontSize = '';"
            "return fits;"
        )
    )


def latin_words(device: Browser) -> list[str]:
    """Words in Latin letters on a page in Russian, but the game's name and "PIN" (which
    Russian writes so: "PIN-код")."""
    text = device.text().replace("Clarity Challenge", "").replace("PIN", "")
    return re.findall(r"[A-Za-z]{2,}", text)


def guess_field_enabled(student: Browser) -> bool:
    fields = [e for n, e in student.controls("textbox") if n == "What is in the picture?"]
    return bool(fields) and all(e.is_enabled() for e in fields)


def test_two_students_and_the_teacher_play_a_whole_game(
    hosted: Callable[..., Any], devices: SimpleNamespace
) -> None:
    anna, boris, teacher = devices.anna, devices.boris, devices.teacher
    link = hosted()
    with_pin = loopback(link.students_url)
    assert urlsplit(with_pin).query == f"pin={link.pin}"
    teacher.open(loopback(link.teacher_url))

    anna.open(with_pin)
    assert anna.field("Game PIN").get_attribute("value") == link.pin
    anna.type_into("Nickname", "Anna")
    anna.press("Join")
    boris.open(with_pin.split("?")[0])
    assert boris.field("Game PIN").get_attribute("value") == ""
    boris.type_into("Game PIN", link.pin)
    boris.type_into("Nickname", "ANNA")
    boris.press("Join")
    refusal = boris.wait_for(
        lambda: next((e for n, e in boris.controls("alert") if e.text), None), "the refusal"
    )
    assert "\n" not in refusal.text  # one line
    boris.type_into("Nickname", "Boris")
    boris.press("Join")
    boris.wait_for(lambda: not boris.controls("alert"), "the refusal gone")
    anna.wait_for(lambda: "You are in, Anna!" in anna.said(), "Anna's welcome announced")
    boris.wait_for_text("You are in, Boris!")

    teacher.button("Remove Anna")
    teacher.button("Remove Boris")
    teacher.press("Start")

    for number in (1, 2, 3, 4):
        prompt = the_prompt(anna)
        assert the_prompt(boris) == prompt
        kind, right = QUESTIONS[prompt]
        anna.wait_for_text(f"Question {number} of 4")
        assert fits_at_double_text_size(anna)
        if number == 1:
            # the picture, guessed from the phone while the question is open
            anna.type_into("What is in the picture?", MYSTERY)
            anna.press("Guess")
            anna.wait_for(lambda: "Right! The picture is yours" in anna.said(), "the verdict")
            boris.type_into("What is in the picture?", "Windmill")
            boris.press("Guess")
            boris.wait_for(lambda: "Wrong guess." in boris.said(), "the wrong guess's verdict")
            # once per question
            boris.wait_for(lambda: not guess_field_enabled(boris), "the guess field disabled")
        if number == 2:
            teacher.press("Pause")
            anna.wait_for(lambda: anna.said() == "The game is paused.", "the pause announced")
            assert [e.is_enabled() for _, e in anna.controls("button")] == [False] * len(
                anna.controls("button")
            )
            teacher.press("Resume")
            anna.wait_for(lambda: anna.said() != "The game is paused.", "the game resumed")
        answer(anna, kind, right)
        anna.wait_for_text("Answer sent.")
        answer(boris, kind, WRONG[kind])
        # everyone answered: the question closes by itself
        anna.wait_for(lambda: anna.said().startswith("Right!"), "Anna's verdict")
        boris.wait_for(lambda: boris.said().startswith("Wrong."), "Boris's verdict")
        assert re.search(r"\+[\d,]+ points", anna.text())

        if number == 1:
            score = score_shown(anna)
            assert score != "0"
            anna.reload()
            anna.wait_for_text(f"Score: {score}")
            anna.wait_for_text("Right!")  # the same question's result, as before the reload
            assert "Anna" in anna.text()
        if kind == "typed":
            teacher.press(f"Accept “{WRONG['typed']}”")
            boris.wait_for(lambda: boris.said().startswith("Right!"), "Boris's answer accepted")
        if number == 1:
            teacher.press("Next")  # the leaderboard, shown between questions
            anna.wait_for(lambda: "Leaderboard" in anna.names("heading"), "the leaderboard")
            assert re.search(r"1\. Anna — [\d,]+", anna.text())
            teacher.press("Next")
        elif number == 2:
            switch = teacher.button("Leaderboard between questions")
            assert switch.get_attribute("aria-pressed") == "true"
            switch.click()
            teacher.wait_for(
                lambda s=switch: s.get_attribute("aria-pressed") == "false", "the leaderboard off"
            )
            teacher.press("Next")  # straight on to the next question
            anna.wait_for_text("Question 3 of 4")
            assert "Leaderboard" not in anna.names("heading")
        if number == 3:
            teacher.press("Next")
        if number < 4:
            anna.wait_for_text(f"Question {number + 1} of 4")

    teacher.press("End the game")
    teacher.press("Yes, end it")
    for student in (anna, boris):
        student.wait_for(lambda s=student: "Podium" in s.names("heading"), "the podium")
    assert re.search(r"1\. Anna — [\d,]+", anna.text())
    assert re.search(r"2\. Boris — [\d,]+", boris.text())
    assert "Your score: " in anna.text()
    assert ", place 1" in anna.text()
    assert f"The picture: {MYSTERY}" in anna.text()
    assert "First to guess it: Anna" in boris.text()

    for device in (anna, boris, teacher):
        asked = device.addresses_asked()
        assert any(url.startswith("ws://127.0.0.1:") for url in asked), asked
        # chrome:// and data: pages are the browser's own, never on the network
        network = [url for url in asked if re.match(r"(https?|wss?)://", url)]
        assert [url for url in network if not re.match(r"\w+://127\.0\.0\.1:\d+/", url)] == []


def test_a_student_picks_their_name_from_the_class_list(
    hosted: Callable[..., Any], devices: SimpleNamespace, tmp_path: Path
) -> None:
    from selenium.webdriver.support.select import Select

    from clarity.store.opening import open_store

    store = open_store(tmp_path / "data").store
    store.create_player("Vera")
    store.close()
    anna = devices.anna
    link = hosted()
    anna.open(loopback(link.students_url))
    class_list = Select(anna.control("combobox", "Or pick your name from the class list"))
    assert [option.text for option in class_list.options][1:] == ["Vera"]
    class_list.select_by_visible_text("Vera")
    anna.press("Join")
    anna.wait_for(lambda: "You are in, Vera!" in anna.said(), "Vera's welcome")


def test_the_pages_speak_the_games_language_and_the_teacher_removes_a_student(
    hosted: Callable[..., Any], devices: SimpleNamespace
) -> None:
    anna, teacher = devices.anna, devices.teacher
    link = hosted("ru")
    teacher.open(loopback(link.teacher_url))
    anna.open(loopback(link.students_url))
    assert anna.driver.find_element("css selector", "html").get_attribute("lang") == "ru"
    assert anna.field("PIN-код игры").get_attribute("value") == link.pin
    anna.type_into("Имя в игре", "Аня")
    anna.press("Войти")
    anna.wait_for(lambda: "Вы в игре, Аня!" in anna.said(), "the welcome in Russian")
    assert latin_words(anna) == []

    teacher.press("Удалить из игры: Аня")
    anna.wait_for_text("Учитель удалил вас из игры.")
    assert anna.names("textbox") == []  # nothing left to answer or guess with
    teacher.wait_for_text("Пока никто не вошёл.")
    assert latin_words(teacher) == []
