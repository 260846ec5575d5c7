"""Two students and the teacher play a whole class game in real Chromium windows.

Anna plays on a phone-sized window and joins through the address with the PIN in it (as
the projector's QR code gives it); Boris, on a laptop, types the PIN. They answer by
pressing the buttons a screen reader names (the answer's text), type an answer, guess the
picture; Anna reloads her page and keeps her score; the teacher starts, pauses, goes on, accepts
a refused spelling, switches the leaderboard off and ends the game from the teacher's
page; both see the podium.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

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
    """Words in Latin letters on a page in Russian, but the game's name, "PIN" (which
    Russian writes so: "PIN-код") and the students' address."""
    text = device.text().replace("Clarity Challenge", "").replace("PIN", "")
    text = re.sub(r"https?://\S+", "", text)  # the students' address is no word
    return re.findall(r"[A-Za-z]{2,}", text)


def spaced(pin: str) -> str:
    """A PIN as the projector writes it: "341 287" (Selenium reads the no-break space as
    a space)."""
    return f"{pin[:3]} {pin[3:]}"


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
    # the PIN of the link is checked at once: the page asks the name next, showing the PIN
    # as the projector writes it
    anna.type_into("Nickname", "Anna")
    assert f"Game PIN: {spaced(link.pin)}" in anna.text()
    anna.press("Join")
    boris.open(with_pin.split("?")[0])
    assert boris.field("Game PIN").get_attribute("value") == ""
    assert boris.names("textbox") == ["Game PIN"]  # the PIN first, then the name
    boris.type_into("Game PIN", "000000" if link.pin != "000000" else "111111")
    boris.press("Next")
    boris.wait_for(lambda: boris.controls("alert"), "the wrong PIN refused")
    assert boris.names("textbox") == ["Game PIN"]
    boris.type_into("Game PIN", link.pin)
    boris.press("Next")
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
    assert f"Game PIN: {spaced(link.pin)}" in teacher.text()
    assert f"Students join at: {with_pin.split('?')[0].rstrip('/')}" in teacher.text()
    # removing asks once more, in the page; Cancel keeps the student
    teacher.press("Remove Boris")
    teacher.press("Cancel")
    teacher.button("Remove Boris")
    assert "Remove Boris from the game?" not in teacher.text()
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
        if number == 1:
            # the teacher sees what the class saw: the question and its right answer
            teacher.wait_for_text(f"Question 1: {prompt}")
        if kind == "typed":
            teacher.press(f"Accept “{WRONG['typed']}”")
            assert f"Count “{WRONG['typed']}” as right" in teacher.text()
            teacher.press("Yes, accept")
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
    anna.open(loopback(link.students_url).split("?")[0])
    # nobody sees the class's names before the PIN is right
    assert "Vera" not in anna.text()
    assert anna.names("combobox") == []
    anna.type_into("Game PIN", link.pin)
    anna.press("Next")
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
    anna.type_into("Имя в игре", "Аня")
    anna.press("Войти")
    anna.wait_for(lambda: "Вы в игре, Аня!" in anna.said(), "the welcome in Russian")
    assert latin_words(anna) == []

    teacher.press("Удалить из игры: Аня")
    teacher.press("Да, удалить")
    anna.wait_for_text("Учитель удалил вас из игры.")
    assert anna.names("textbox") == []  # nothing left to answer or guess with
    teacher.wait_for_text("Пока никто не вошёл.")
    assert latin_words(teacher) == []


#: Run in the page before its own script: a switch that takes the page offline (its
#: sockets closed, and every new one fails as one with no network does) and back.
OFFLINE_SWITCH = """
(() => {
  const Real = window.WebSocket;
  window.clarityOffline = false;
  window.claritySockets = [];
  function Switched(url, protocols) {
    if (window.clarityOffline) {
      const dead = new EventTarget();
      dead.readyState = 3;
      dead.send = () => { throw new Error("offline"); };
      dead.close = () => {};
      setTimeout(() => dead.dispatchEvent(new Event("close")), 50);
      return dead;
    }
    const socket = new Real(url, protocols);
    window.claritySockets.push(socket);
    return socket;
  }
  Switched.prototype = Real.prototype;
  Object.assign(Switched, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Switched;
})();
"""


def seconds_left(student: Browser) -> int:
    found = re.search(r"(\d+) seconds? left", student.text())
    assert found, student.text()
    return int(found.group(1))


def test_an_answer_tapped_while_offline_is_not_lost(
    hosted: Callable[..., Any], devices: SimpleNamespace
) -> None:
    kim, teacher = devices.boris, devices.teacher
    kim.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": OFFLINE_SWITCH})
    link = hosted()
    teacher.open(loopback(link.teacher_url))
    kim.open(loopback(link.students_url))
    kim.type_into("Nickname", "Kim")
    kim.press("Join")
    kim.wait_for_text("You are in, Kim!")
    teacher.press("Start")
    kind, right = QUESTIONS[the_prompt(kim)]
    first = seconds_left(kim)
    kim.wait_for(lambda: seconds_left(kim) < first, "the clock running")

    kim.driver.execute_script(
        "window.clarityOffline = true; for (const s of window.claritySockets) s.close();"
    )
    kim.wait_for_text("Connection lost")
    before = seconds_left(kim)
    answer(kim, kind, right)
    kim.wait_for_text("Not sent: reconnecting…")
    # nothing went out: the answer may be given again, and the clock did not start over
    assert seconds_left(kim) <= before
    if kind in ("typed", "number"):
        assert kim.field("Your answer").is_enabled()
    else:
        assert kim.button(right).get_attribute("aria-pressed") == "false"

    # the device says its network is back, as a phone does when the Wi-Fi returns
    kim.driver.execute_script(
        "window.clarityOffline = false; window.dispatchEvent(new Event('online'));"
    )
    kim.wait_for(lambda: "Connection lost" not in kim.text(), "the page back online")
    assert "Not sent" not in kim.text()
    answer(kim, kind, right)
    # the only student answered: the question closes, and the answer counted
    kim.wait_for(lambda: kim.said().startswith("Right!"), "Kim's verdict")


async def _class_above(url: str, pin: str, token: str, names: list[str], kim: Browser) -> None:
    # Five students on WebSockets answer question 1 right while Kim (the browser) does not;
    # the teacher closes it and shows the leaderboard. They stay connected until Kim sees it.
    import aiohttp

    ws_url = url.replace("http://", "ws://").split("?")[0].rstrip("/") + "/ws"
    # each student from an address of their own (the whole 127/8 is loopback), as each
    # phone of a class is: the server limits how many join from one address
    sessions = [
        aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(f"127.0.0.{2 + n}", 0)))
        for n in range(len(names))
    ]
    async with aiohttp.ClientSession() as session:
        sockets = []
        for name, own in zip(names, sessions, strict=True):
            socket = await own.ws_connect(ws_url)
            await socket.send_json({"v": 1, "type": "join", "pin": pin, "name": name})
            sockets.append(socket)
        teacher = await session.ws_connect(ws_url)
        await teacher.send_json({"v": 1, "type": "teacher", "token": token})
        await teacher.send_json({"v": 1, "type": "command", "command": "start"})
        for socket in sockets:
            while True:
                message = await socket.receive_json(timeout=15)
                question = message.get("question") if message.get("type") == "state" else None
                if question and message.get("phase") == "question":
                    break
            texts = [choice["text"] for choice in question.get("choices") or []]
            move: dict[str, Any] = {"v": 1, "type": "answer", "question": question["number"]}
            kind, right = QUESTIONS[question["prompt"]]
            if kind == "choice":
                move["choice"] = texts.index(right)
            elif kind == "truefalse":
                move["truth"] = right == "True"
            else:
                move["text"] = right
            await socket.send_json(move)
        for _ in range(2):  # close the question, then the leaderboard
            await teacher.send_json({"v": 1, "type": "command", "command": "next"})
        kim.wait_for(lambda: "Leaderboard" in kim.names("heading"), "the leaderboard")
        for socket in [*sockets, teacher]:
            await socket.close()
    for own in sessions:
        await own.close()


def test_a_student_below_the_first_five_sees_their_own_place(
    hosted: Callable[..., Any], devices: SimpleNamespace
) -> None:
    kim = devices.anna
    link = hosted()
    kim.open(loopback(link.students_url))
    kim.type_into("Nickname", "Kim")
    kim.press("Join")
    kim.wait_for_text("You are in, Kim!")
    names = ["Ada", "Ben", "Cleo", "Dan", "Eve"]
    token = parse_qs(urlsplit(link.teacher_url).query)["token"][0]
    asyncio.run(_class_above(loopback(link.students_url), link.pin, token, names, kim))
    shown = kim.text()
    assert "Kim" not in re.findall(r"\d+\. (\w+) —", shown)
    assert "You: place 6, 0" in shown
