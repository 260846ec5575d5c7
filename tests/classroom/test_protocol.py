"""The protocol's messages: what a page may send, and what is refused with which code."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

from clarity.classroom import commands, protocol
from clarity.classroom.protocol import ErrorCode, ProtocolError, parse_client_message


def parsed(**fields: Any) -> Any:
    return parse_client_message(json.dumps({"v": 1, **fields}))


def refusal(frame: str | bytes | dict[str, Any]) -> ErrorCode:
    if isinstance(frame, dict):
        frame = json.dumps(frame)
    with pytest.raises(ProtocolError) as caught:
        parse_client_message(frame)
    return caught.value.code


# -- what is taken ----------------------------------------------------------------------


def test_each_kind_of_message_is_read() -> None:
    assert isinstance(parsed(type="join", pin="123456", name="Аня"), protocol.Join)
    assert parsed(type="join", pin="123456", player=17).player == 17
    assert parsed(type="join", token="abc-DEF_123").token == "abc-DEF_123"
    assert parsed(type="join", token="abc", pin="123456").pin == "123456"
    assert parsed(type="answer", question=3, choice=1).choice == 1
    assert parsed(type="answer", question=3, truth=False).truth is False
    assert parsed(type="answer", question=3, text=" Минск ").text == "Минск"
    assert parsed(type="guess", text="Брест").text == "Брест"
    assert isinstance(parsed(type="leave"), protocol.Leave)
    assert parsed(type="teacher", token="secret").token == "secret"
    assert parsed(type="command", command="start").command == "start"


def test_a_frame_may_come_as_utf8_bytes() -> None:
    frame = json.dumps({"v": 1, "type": "guess", "text": "Брест"}, ensure_ascii=False)
    assert parse_client_message(frame.encode()).text == "Брест"


def test_a_name_is_trimmed_and_in_nfc() -> None:
    assert parsed(type="join", pin="123456", name="  Zoe\u0301 ").name == "Zo\u00e9"


def test_a_name_of_24_characters_is_taken_and_25_is_not() -> None:
    assert parsed(type="join", pin="123456", name="я" * 24).name == "я" * 24
    assert refusal({"v": 1, "type": "join", "pin": "123456", "name": "я" * 25}) == "name_invalid"


@pytest.mark.parametrize(
    "name",
    ["", "   ", "Ann\na", "Ann\ta", "An\u0000na", "An\u202ena", "An\u2066na", "A\u2028B", "\x7f"],
)
def test_an_empty_name_or_one_with_control_characters_is_invalid(name: str) -> None:
    assert refusal({"v": 1, "type": "join", "pin": "123456", "name": name}) == "name_invalid"


def test_a_name_with_emoji_joiners_is_taken() -> None:
    name = "Аня \U0001f469\u200d\U0001f393"
    assert parsed(type="join", pin="123456", name=name).name == name


@pytest.mark.parametrize("pin", ["12345", "1234567", "12345a", "١٢٣٤٥٦", " 123456", "123 456"])
def test_a_pin_is_exactly_six_ascii_digits(pin: str) -> None:
    assert refusal({"v": 1, "type": "join", "pin": pin, "name": "Anna"}) == "bad_pin"


def test_a_pin_as_a_number_is_not_a_pin() -> None:
    assert refusal({"v": 1, "type": "join", "pin": 123456, "name": "Anna"}) == "bad_pin"


@pytest.mark.parametrize(
    "fields",
    [
        {"pin": "123456"},  # no way in
        {"pin": "123456", "name": "Anna", "player": 3},  # two ways in
        {"name": "Anna"},  # no PIN
        {"player": 3},
        {"token": "abc", "name": "Anna"},
        {"pin": "123456", "player": -1},
        {"pin": "123456", "player": True},
        {"pin": "123456", "player": "3"},
        {"token": "has spaces"},
        {"token": "x" * 65},
    ],
)
def test_a_join_needs_exactly_one_way_in(fields: dict[str, Any]) -> None:
    assert refusal({"v": 1, "type": "join", **fields}) in ("bad_message", "bad_pin")


@pytest.mark.parametrize(
    "fields",
    [
        {"question": 1},
        {"question": 1, "choice": 1, "truth": True},
        {"question": 1, "choice": 1, "text": "a"},
        {"question": 0, "choice": 1},
        {"question": "1", "choice": 1},
        {"question": 1.0, "choice": 1},
        {"question": 1, "choice": 6},
        {"question": 1, "choice": -1},
        {"question": 1, "choice": True},
        {"question": 1, "truth": 1},
        {"question": 1, "truth": "true"},
    ],
)
def test_an_answer_has_exactly_one_response_of_its_type(fields: dict[str, Any]) -> None:
    assert refusal({"v": 1, "type": "answer", **fields}) == "bad_message"


def test_a_text_of_200_characters_is_taken_and_201_is_not() -> None:
    assert parsed(type="guess", text="ы" * 200).text == "ы" * 200
    assert refusal({"v": 1, "type": "guess", "text": "ы" * 201}) == "bad_message"
    assert refusal({"v": 1, "type": "answer", "question": 1, "text": "a" * 201}) == "bad_message"
    assert refusal({"v": 1, "type": "guess", "text": "  "}) == "bad_message"
    assert refusal({"v": 1, "type": "guess", "text": "two\nlines"}) == "bad_message"


# -- what is refused -----------------------------------------------------------------------


def test_unknown_fields_are_refused() -> None:
    assert refusal({"v": 1, "type": "leave", "reason": "bored"}) == "bad_message"
    assert refusal({"v": 1, "type": "guess", "text": "x", "points": 9999}) == "bad_message"


@pytest.mark.parametrize("version", [2, 0, "1", 1.5, True, None])
def test_another_version_is_refused(version: object) -> None:
    assert refusal({"v": version, "type": "leave"}) == "bad_message"
    assert refusal({"type": "leave"}) == "bad_message"


@pytest.mark.parametrize(
    "frame",
    [
        "",
        "nope",
        "[1, 2]",
        "42",
        "null",
        '"join"',
        b"\xff\xfe",
        '{"v": 1, "type": "leave"',
        '{"v": 1, "type": "guess", "text": NaN}',
        "[" * 1500 + "]" * 1500,
    ],
)
def test_what_is_not_a_json_object_is_refused(frame: str | bytes) -> None:
    assert refusal(frame) == "bad_message"


@pytest.mark.parametrize("kind", ["hello", "welcome", "state", "error", None, 3])
def test_an_unknown_type_is_refused(kind: object) -> None:
    assert refusal({"v": 1, "type": kind}) == "bad_message"


def test_a_frame_over_4_kib_is_too_big() -> None:
    frame = json.dumps({"v": 1, "type": "guess", "text": "x", "pad": " " * 4096})
    assert refusal(frame) == "too_big"
    assert refusal(frame.encode()) == "too_big"
    # counted in bytes: 2,100 Cyrillic letters are 4,200 bytes
    assert (
        refusal(json.dumps({"v": 1, "type": "guess", "text": "я" * 2100}, ensure_ascii=False))
        == "too_big"
    )


def test_a_refusal_says_why_in_a_message() -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_client_message(json.dumps({"v": 1, "type": "join", "pin": "1", "name": "Anna"}))
    assert str(caught.value.detail) == "The game PIN is six digits."


# -- the teacher's commands -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "command"),
    [
        ({"command": "start"}, commands.Start()),
        ({"command": "next"}, commands.Next()),
        ({"command": "pause"}, commands.Pause()),
        ({"command": "resume"}, commands.Resume()),
        ({"command": "leaderboard", "show": False}, commands.ShowLeaderboard(False)),
        ({"command": "remove", "student": 4}, commands.RemoveStudent(4)),
        ({"command": "accept", "text": "Мінск"}, commands.AcceptAnswer("Мінск")),
        ({"command": "end"}, commands.EndGame()),
    ],
)
def test_each_command_becomes_the_hosts_command(
    fields: dict[str, Any], command: commands.TeacherCommand
) -> None:
    assert parsed(type="command", **fields).teacher_command() == command


@pytest.mark.parametrize(
    "fields",
    [
        {"command": "leaderboard"},
        {"command": "remove"},
        {"command": "accept"},
        {"command": "start", "show": True},
        {"command": "remove", "student": 1, "text": "x"},
        {"command": "restart"},
        {"command": "leaderboard", "show": "yes"},
    ],
)
def test_a_command_takes_its_own_field_and_no_other(fields: dict[str, Any]) -> None:
    assert refusal({"v": 1, "type": "command", **fields}) == "bad_message"


def test_commands_pickle_and_compare_by_value() -> None:
    for command in (commands.Start(), commands.RemoveStudent(3), commands.AcceptAnswer("x")):
        assert pickle.loads(pickle.dumps(command)) == command
    assert commands.ShowLeaderboard(True) != commands.ShowLeaderboard(False)


# -- what the server sends --------------------------------------------------------------------


def test_every_server_message_is_versioned_json() -> None:
    built = [
        protocol.hello("lobby"),
        protocol.pin_ok("lobby", [{"player": 17, "name": "Аня"}]),
        protocol.welcome("tok", 4, "Аня"),
        protocol.error(ErrorCode.NAME_TAKEN, "taken"),
        protocol.removed("bye"),
        protocol.replaced("elsewhere"),
        protocol.guess_result(True, 1800, 2300),
        protocol.state(phase="lobby"),
        protocol.teacher_state(phase="lobby"),
    ]
    for message in built:
        assert message["v"] == 1
        assert json.loads(json.dumps(message)) == message
    assert protocol.error(ErrorCode.NAME_TAKEN, "taken")["code"] == "name_taken"


def test_removed_and_replaced_close_the_connection_and_nothing_else_does() -> None:
    assert protocol.closes_connection(protocol.removed("bye"))
    assert protocol.closes_connection(protocol.replaced("elsewhere"))
    assert not protocol.closes_connection(protocol.error(ErrorCode.GAME_OVER, "over"))
    assert not protocol.closes_connection(protocol.state(phase="ended"))


def test_a_page_checks_the_pin_before_it_asks_for_a_name() -> None:
    assert parsed(type="check_pin", pin="123456").pin == "123456"
    assert refusal({"v": 1, "type": "check_pin", "pin": "12345"}) == "bad_pin"


def test_joiners_stay_only_between_two_visible_characters() -> None:
    assert parsed(type="join", pin="123456", name="\u200dAnna\u200c").name == "Anna"
    assert protocol.name_key("An\u200cna") == protocol.name_key("Anna")


def test_a_name_is_measured_in_columns() -> None:
    assert protocol.name_width("Anna") == 4
    assert protocol.name_width("界") == 2
    assert protocol.name_width("e\u0301") == 1
    assert protocol.name_width("\ufdfa") >= 18  # a ligature of a whole phrase
    assert protocol.name_width("a" + "﷽" * 2) > protocol.MAX_NAME_CHARS
