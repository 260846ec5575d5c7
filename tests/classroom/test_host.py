"""The game host, driven as the server drives it: connections, parsed frames, ``now``."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

from clarity.classroom import commands as cmd
from clarity.classroom.host import GameHost

from .host_driving import (
    MYSTERY,
    PIN,
    TEACHER_TOKEN,
    ClassListPlayer,
    FakeJournal,
    Game,
    build_pack,
)

# -- joining --------------------------------------------------------------------------


def test_student_joins_with_the_pin_and_a_nickname_and_is_in_the_lobby() -> None:
    game = Game()
    anna = game.join("  Аня  ")
    assert anna.name == "Аня"
    assert game.state(anna)["phase"] == "lobby"
    view = game.view()
    assert view.phase == "lobby"
    assert [(line.name, line.connected) for line in view.roster] == [("Аня", True)]
    assert view.notice == "Аня joined"


def test_wrong_pin_is_refused_and_nobody_joins() -> None:
    game = Game()
    conn = game.connect()
    game.send(conn, type="join", pin="111111", name="Anna")
    game.send(conn, type="join", pin="12345", name="Anna")
    assert game.errors(conn) == ["bad_pin", "bad_pin"]
    assert game.view().roster == ()


@pytest.mark.parametrize("again", ["anna", "ANNA", " Anna ", "Ann\u0061"])
def test_a_name_taken_in_any_letter_case_is_refused(again: str) -> None:
    game = Game()
    game.join("Anna")
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, name=again)
    assert game.errors(conn) == ["name_taken"]
    assert len(game.view().roster) == 1


def test_a_name_in_another_unicode_form_is_the_same_name() -> None:
    game = Game()
    game.join("Zoe\u0301")  # e + combining acute
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, name="zo\u00e9")  # é as one character
    assert game.errors(conn) == ["name_taken"]


def test_name_with_a_control_character_is_refused_as_invalid() -> None:
    game = Game()
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, name="An\u202ena")
    game.send(conn, type="join", pin=PIN, name="x" * 25)
    assert game.errors(conn) == ["name_invalid", "name_invalid"]


CLASS = (ClassListPlayer(17, "Аня Петрова", 2.0), ClassListPlayer(18, "Boris", None))


def test_a_player_from_the_class_list_joins_with_their_name_and_extra_time() -> None:
    game = Game(class_list=CLASS)
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, player=17)
    welcome = game.last(conn, "welcome")
    assert welcome is not None
    assert welcome["name"] == "Аня Петрова"
    game.command(cmd.Start())
    round_ = game.host.live_round
    assert round_.time_limit_for(welcome["student"]) == 2 * round_.time_limit
    assert game.state(conn)["question"]["seconds_left"] == 40.0


def test_the_class_list_goes_only_to_a_page_that_gave_the_right_pin() -> None:
    game = Game(class_list=CLASS)
    first = game.connect()
    hello = game.last(first, "hello")
    assert hello == {"v": 1, "type": "hello", "phase": "lobby"}
    game.send(first, type="check_pin", pin="111111")
    assert game.errors(first) == ["bad_pin"]
    assert "Аня" not in json.dumps(game.inbox[first], ensure_ascii=False)
    game.send(first, type="check_pin", pin=PIN)
    pin_ok = game.last(first, "pin_ok")
    assert pin_ok is not None
    assert pin_ok["class_list"] == [
        {"player": 17, "name": "Аня Петрова"},
        {"player": 18, "name": "Boris"},
    ]
    assert "time_scale" not in json.dumps(pin_ok)
    game.send(first, type="join", pin=PIN, player=17)
    second = game.connect()
    game.send(second, type="check_pin", pin=PIN)
    assert game.last(second, "pin_ok")["class_list"] == [{"player": 18, "name": "Boris"}]


def test_a_removed_class_list_player_frees_their_name_and_their_old_token_stays_dead() -> None:
    game = Game(class_list=CLASS)
    impostor = game.connect()
    game.send(impostor, type="join", pin=PIN, player=18)
    token = game.last(impostor, "welcome")["token"]
    game.command(cmd.RemoveStudent(0))
    looking = game.connect()
    game.send(looking, type="check_pin", pin=PIN)
    assert {"player": 18, "name": "Boris"} in game.last(looking, "pin_ok")["class_list"]
    boris = game.connect()
    game.send(boris, type="join", pin=PIN, player=18)
    assert game.errors(boris) == []
    assert game.last(boris, "welcome")["student"] == 1
    again = game.connect()
    game.send(again, type="join", token=token)
    assert game.errors(again) == ["removed"]


def test_a_class_list_player_whose_tab_closed_picks_their_name_again_as_the_same_student() -> None:
    game = Game(class_list=CLASS)
    first = game.connect()
    game.send(first, type="join", pin=PIN, player=18)
    old_token = game.last(first, "welcome")["token"]
    game.close(first)
    second = game.connect()
    game.send(second, type="join", pin=PIN, player=18)
    welcome = game.last(second, "welcome")
    assert welcome["student"] == 0
    assert welcome["token"] != old_token
    assert len(game.view().roster) == 1
    stale = game.connect()
    game.send(stale, type="join", token=old_token)
    assert game.errors(stale) == ["unknown_token"]


def test_a_removed_nickname_is_free_again() -> None:
    game = Game()
    game.join("Anna")
    game.command(cmd.RemoveStudent(0))
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, name="anna")
    assert game.errors(conn) == []


def test_a_nickname_of_the_class_list_is_told_to_pick_it_from_the_list() -> None:
    game = Game(class_list=CLASS)
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, name="BORIS")
    refusal = game.last(conn, "error")
    assert refusal["code"] == "name_taken"
    assert refusal["message"] == "Boris is on the class list: pick your name from the list."


@pytest.mark.parametrize(
    "look_alike",
    [
        "An\u200bna",  # zero-width space
        "Anna\u200d",  # zero-width joiner
        "An\ufeffna",  # byte-order mark
        "An\u00adna",  # soft hyphen
        "\u200fAnna",  # right-to-left mark
        "Anna\ufe0f",  # variation selector
        "Anna\U000e0041",  # tag character
        "Ａｎｎａ",  # fullwidth
        "𝐀𝐧𝐧𝐚",  # mathematical bold
    ],
)
def test_a_name_that_looks_the_same_is_the_same_name(look_alike: str) -> None:
    game = Game()
    game.join("Anna")
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, name=look_alike)
    assert game.errors(conn) == ["name_taken"]


@pytest.mark.parametrize(
    "unseen",
    [
        "\u200b",
        "\u3164",  # Hangul filler
        "\u2800",  # blank Braille pattern
        "\u00a0\u00a0",
        "\u3000",
        "\ue000",  # private use
        "a\ufff9b",  # interlinear annotation
        "Z" + "\u0336" * 12,  # a letter under a heap of marks
        "﷽" * 24,  # one character that writes a whole phrase
        "界" * 13,  # 26 columns of wide letters
    ],
)
def test_a_name_nobody_can_see_or_too_wide_for_a_line_is_refused(unseen: str) -> None:
    game = Game()
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, name=unseen)
    assert game.errors(conn) == ["name_invalid"]
    assert game.view().roster == ()


def test_a_name_keeps_its_letters_without_the_unseen_characters() -> None:
    game = Game()
    assert game.join("An\u200bna\u00ad").name == "Anna"
    assert game.join("界" * 12).name == "界" * 12


def test_one_device_per_class_list_player() -> None:
    game = Game(class_list=CLASS)
    first = game.connect()
    game.send(first, type="join", pin=PIN, player=18)
    second = game.connect()
    game.send(second, type="join", pin=PIN, player=18)
    assert game.errors(second) == ["name_taken"]
    assert len(game.view().roster) == 1


def test_unknown_player_and_a_nickname_of_the_class_list_are_refused() -> None:
    game = Game(class_list=CLASS)
    conn = game.connect()
    game.send(conn, type="join", pin=PIN, player=99)
    game.send(conn, type="join", pin=PIN, name="boris")
    assert game.errors(conn) == ["unknown_player", "name_taken"]


def test_late_joiner_may_answer_the_open_question() -> None:
    game = Game()
    early = game.join("Early")
    game.command(cmd.Start())
    game.wait(3)
    late = game.join("Late")
    assert game.state(late)["phase"] == "question"
    game.answer(late)
    assert game.state(late)["you"]["answered"] is True
    assert game.phase == "question"  # Early has not answered yet
    game.answer(early)
    assert game.phase == "reveal"
    assert game.state(late)["result"]["right"] is True


def test_removed_student_is_told_their_device_closed_and_their_token_dead() -> None:
    game = Game()
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.command(cmd.RemoveStudent(anna.student))
    assert game.inbox[anna.conn][-1]["type"] == "removed"
    assert anna.conn not in game.open
    again = game.connect()
    game.send(again, type="join", token=anna.token)
    assert game.errors(again) == ["removed"]
    view = game.view()
    assert [line.removed for line in view.roster] == [True, False]
    assert view.active == 1
    game.answer(boris)
    assert game.phase == "reveal"  # everyone still in the game has answered


def test_a_student_who_leaves_is_out_of_the_game_and_their_token_dies() -> None:
    game = Game()
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.send(anna.conn, type="leave")
    assert game.inbox[anna.conn][-1]["type"] == "removed"
    assert anna.conn not in game.open
    assert game.view().notice == "Anna left the game"
    again = game.connect()
    game.send(again, type="join", token=anna.token)
    assert game.errors(again) == ["removed"]
    game.answer(boris)
    assert game.phase == "reveal"


def test_teacher_removes_from_the_teacher_page() -> None:
    game = Game()
    anna = game.join("Anna")
    teacher = game.teacher()
    game.teach(teacher, "remove", student=anna.student)
    assert game.last(teacher, "teacher_state")["players"][0]["removed"] is True
    assert game.inbox[anna.conn][-1]["type"] == "removed"


def test_removing_a_student_twice_is_refused_with_a_reason() -> None:
    game = Game()
    anna = game.join("Anna")
    teacher = game.teacher()
    game.teach(teacher, "remove", student=anna.student)
    game.teach(teacher, "remove", student=anna.student)
    game.teach(teacher, "remove", student=42)
    assert game.errors(teacher) == ["not_now", "not_now"]


# -- answering ----------------------------------------------------------------------------


def test_a_second_answer_to_the_question_is_refused() -> None:
    game = Game()
    anna, _boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.answer(anna, right=False)
    game.answer(anna, right=True)
    assert game.errors(anna) == ["already_answered"]
    game.command(cmd.Next())
    assert game.state(anna)["result"]["right"] is False


def test_an_answer_to_another_question_is_refused() -> None:
    game = Game()
    anna, _boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.answer(anna, question=2)
    assert game.errors(anna) == ["wrong_question"]
    assert game.state(anna)["you"]["answered"] is False


def test_an_answer_when_no_question_is_open_is_refused() -> None:
    game = Game()
    anna = game.join("Anna")
    game.send(anna.conn, type="answer", question=1, choice=1)  # the lobby
    game.command(cmd.Start())
    game.answer(anna)
    assert game.phase == "reveal"
    game.send(anna.conn, type="answer", question=1, choice=1)
    assert game.errors(anna) == ["not_open", "not_open"]


def test_an_answer_that_does_not_fit_the_question_is_refused() -> None:
    game = Game()
    anna, _boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    assert game.host.live_round.question.type == "choice"
    game.send(anna.conn, type="answer", question=1, truth=True)
    game.send(anna.conn, type="answer", question=1, choice=5)  # four choices
    assert game.errors(anna) == ["bad_answer", "bad_answer"]


def test_answer_or_guess_before_joining_is_refused() -> None:
    game = Game()
    game.join("Anna")
    game.command(cmd.Start())
    stranger = game.connect()
    game.send(stranger, type="answer", question=1, choice=1)
    game.send(stranger, type="guess", text=MYSTERY)
    assert game.errors(stranger) == ["not_joined", "not_joined"]


def test_everyone_answered_closes_the_question_at_once() -> None:
    game = Game()
    devices = game.join_many(3)
    game.command(cmd.Start())
    for device in devices[:2]:
        game.answer(device)
        assert game.phase == "question"
    game.answer(devices[2])
    assert game.phase == "reveal"
    assert all(game.state(d)["phase"] == "reveal" for d in devices)


def test_time_up_closes_the_question_and_the_silent_get_a_timeout() -> None:
    game = Game()
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.answer(anna)
    game.wait(19.9)
    assert game.phase == "question"
    game.wait(0.2)
    assert game.phase == "reveal"
    result = game.state(boris)["result"]
    assert result["answered"] is False
    assert result["points"] == 0
    assert game.state(anna)["result"]["right"] is True


def test_a_question_closed_by_a_late_tick_closes_at_its_time() -> None:
    journal = FakeJournal()
    game = Game(journal=journal)
    game.join("Anna")
    game.command(cmd.Start())
    game.tick(19.95)
    game.tick(0.3)  # the tick task ran late
    assert game.phase == "reveal"
    assert journal.saves[-1]["round"]["actions"][-1] == ["close", 20.0]


def test_a_student_with_extra_time_keeps_the_question_open() -> None:
    game = Game(class_list=(ClassListPlayer(1, "Slow", 2.0),))
    fast = game.join("Fast")
    slow_conn = game.connect()
    game.send(slow_conn, type="join", pin=PIN, player=1)
    game.command(cmd.Start())
    game.answer(fast)
    game.wait(25)
    view = game.view()
    assert game.phase == "question"
    assert view.question.seconds_left == 0.0
    assert view.question.closes_in == 15.0
    game.wait(15.1)
    assert game.phase == "reveal"


def test_pause_stops_the_clock_and_refuses_answers_until_resumed() -> None:
    game = Game()
    anna, _boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.wait(5)
    game.command(cmd.Pause())
    assert game.state(anna)["paused"] is True
    game.wait(60)  # far past the limit: the clock stands
    assert game.phase == "question"
    assert game.view().question.seconds_left == 15.0
    game.answer(anna)
    game.guess(anna)
    assert game.errors(anna) == ["paused", "paused"]
    game.command(cmd.Resume())
    game.wait(2)
    game.answer(anna)
    game.command(cmd.Next())
    answer = game.host.live_round.students[anna.student].answers[-1]
    assert answer.seconds == pytest.approx(7.0)


def test_seconds_left_is_each_students_own() -> None:
    game = Game(class_list=(ClassListPlayer(1, "Slow", 1.5),))
    fast = game.join("Fast")
    slow = game.connect()
    game.send(slow, type="join", pin=PIN, player=1)
    game.command(cmd.Start())
    game.wait(4)
    game.command(cmd.Pause())  # a change: every device gets its state
    assert game.state(fast)["question"]["seconds_left"] == 16.0
    assert game.state(slow)["question"]["seconds_left"] == 26.0


# -- the picture --------------------------------------------------------------------------


def test_a_guess_twice_in_one_question_is_refused_and_allowed_in_the_next() -> None:
    game = Game()
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.guess(anna, "Eiffel Tower")
    result = game.last(anna.conn, "guess_result")
    assert result["right"] is False
    game.guess(anna, MYSTERY)
    assert game.errors(anna) == ["already_guessed"]
    assert game.state(anna)["you"]["can_guess"] is False
    game.answer(anna)
    game.answer(boris)
    game.command(cmd.ShowLeaderboard(False))
    game.command(cmd.Next())
    assert game.state(anna)["you"]["can_guess"] is True
    game.guess(anna, MYSTERY)
    assert game.last(anna.conn, "guess_result")["right"] is True
    assert game.view().guessed_right == 1
    game.guess(anna, MYSTERY)
    assert game.errors(anna) == ["already_guessed", "guessed_right"]


def test_a_guess_result_goes_to_the_guesser_only_and_the_projector_counts_it() -> None:
    game = Game()
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    before = len(game.inbox[boris.conn])
    game.guess(anna, MYSTERY)
    told_boris = game.inbox[boris.conn][before:]
    assert all(m["type"] != "guess_result" for m in told_boris)
    assert MYSTERY not in json.dumps(told_boris, ensure_ascii=False)
    assert game.view().guessed_right == 1
    assert game.view().mystery_answer is None


# -- rejoining ----------------------------------------------------------------------------


def test_rejoin_with_the_token_is_the_same_student_with_the_same_score() -> None:
    game = Game()
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.answer(anna)
    game.answer(boris, right=False)
    score = game.state(anna)["you"]["score"]
    assert score > 0
    game.close(anna.conn)
    assert game.view().roster[0].connected is False
    again = game.connect()
    game.send(again, type="join", token=anna.token)
    welcome = game.last(again, "welcome")
    assert (welcome["student"], welcome["name"]) == (anna.student, "Anna")
    assert game.state(again)["you"]["score"] == score
    assert game.view().roster[0].connected is True
    assert len(game.view().roster) == 2


def test_rejoin_from_a_second_window_replaces_the_first_connection() -> None:
    game = Game()
    anna = game.join("Anna")
    second = game.connect()
    game.send(second, type="join", token=anna.token)
    assert game.inbox[anna.conn][-1]["type"] == "replaced"
    assert anna.conn not in game.open
    game.command(cmd.Start())
    assert game.state(second)["phase"] == "question"


def test_an_unknown_token_is_refused() -> None:
    game = Game()
    conn = game.connect()
    game.send(conn, type="join", token="made-up")
    assert game.errors(conn) == ["unknown_token"]


# -- the teacher ----------------------------------------------------------------------------


def test_a_wrong_teacher_token_is_refused_and_gives_no_command() -> None:
    game = Game()
    game.join("Anna")
    conn = game.connect()
    game.send(conn, type="teacher", token="guessed-token")
    game.send(conn, type="command", command="start")
    assert game.errors(conn) == ["not_teacher", "not_teacher"]
    assert game.phase == "lobby"


def test_a_student_cannot_give_a_teachers_command() -> None:
    game = Game()
    anna = game.join("Anna")
    game.teach(anna.conn, "start")
    game.send(anna.conn, type="teacher", token=TEACHER_TOKEN)
    assert game.errors(anna) == ["not_teacher", "not_teacher"]
    assert game.phase == "lobby"


def test_the_teacher_starts_and_sees_who_answered() -> None:
    game = Game()
    anna, _boris = game.join("Anna"), game.join("Boris")
    teacher = game.teacher()
    game.teach(teacher, "start")
    game.answer(anna)
    state = game.last(teacher, "teacher_state")
    assert state["phase"] == "question"
    assert state["answered"] == 1
    assert [p["answered"] for p in state["players"]] == [True, False]


def test_the_teachers_page_gets_the_right_answer_at_the_reveal_and_not_before() -> None:
    game = Game()
    anna, _boris = game.join("Anna"), game.join("Boris")
    teacher = game.teacher()
    game.teach(teacher, "start")
    assert "right_answer" not in game.last(teacher, "teacher_state")
    game.command(cmd.Next())  # closes the open question: its answer is shown
    state = game.last(teacher, "teacher_state")
    assert state["phase"] == "reveal"
    assert state["right_answer"] == game.view().result.right_answer  # type: ignore[union-attr]
    assert state["right_answer"]
    del anna


def test_start_with_nobody_joined_is_refused() -> None:
    game = Game()
    teacher = game.teacher()
    game.teach(teacher, "start")
    assert game.errors(teacher) == ["no_students"]
    game.command(cmd.Start())
    assert game.phase == "lobby"
    assert game.view().notice == "Nobody has joined yet."


def test_leaderboard_comes_between_questions_when_on() -> None:
    game = Game()
    anna = game.join("Anna")
    game.command(cmd.Start())
    game.answer(anna)
    assert game.phase == "reveal"
    game.command(cmd.Next())
    assert game.phase == "leaderboard"
    state = game.state(anna)
    assert state["phase"] == "reveal"
    assert state["leaderboard"][0]["name"] == "Anna"
    game.command(cmd.Next())
    assert game.phase == "question"
    assert game.host.live_round.question_number == 2


def test_leaderboard_off_skips_it() -> None:
    game = Game()
    anna = game.join("Anna")
    teacher = game.teacher()
    game.teach(teacher, "leaderboard", show=False)
    game.teach(teacher, "start")
    game.answer(anna)
    game.teach(teacher, "next")
    assert game.phase == "question"
    assert game.view().leaderboard_on is False
    assert all(m.get("leaderboard") is None for m in game.inbox[anna.conn] if m["type"] == "state")


def test_next_closes_an_open_question() -> None:
    game = Game()
    game.join("Anna")
    game.command(cmd.Start())
    game.command(cmd.Next())
    assert game.phase == "reveal"


REFUSED = "the capital of Belarus"


def test_accept_answer_rescores_everyone_who_gave_it_and_saves() -> None:
    journal = FakeJournal()
    pack = build_pack(questions=4)
    game = Game(pack, journal=journal, live_rules=None)
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.ShowLeaderboard(False))
    game.command(cmd.Start())
    while game.host.live_round.question.type != "typed":
        game.answer(anna)
        game.answer(boris)
        game.command(cmd.Next())
    game.send(
        anna.conn,
        type="answer",
        question=game.host.live_round.question_number,
        text=REFUSED,
    )
    game.answer(boris)
    assert game.state(anna)["result"]["right"] is False
    assert game.view().result.refused == (REFUSED,)
    before = game.state(anna)["you"]["score"]
    saves = len(journal.saves)
    teacher = game.teacher()
    game.teach(teacher, "accept", text=REFUSED)
    assert game.state(anna)["result"]["right"] is True
    assert game.state(anna)["you"]["score"] > before
    assert journal.accepted == [("host-test", game.host.live_round.question_index, REFUSED)]
    assert len(journal.saves) == saves + 1
    assert REFUSED in game.view().notice


def test_accept_answer_is_refused_at_a_choice_question() -> None:
    game = Game()
    anna = game.join("Anna")
    teacher = game.teacher()
    game.teach(teacher, "start")
    game.answer(anna)
    game.teach(teacher, "accept", text="wrong one")
    assert game.errors(teacher) == ["not_now"]


def test_end_shows_the_podium_and_the_picture_and_finishes_the_journal() -> None:
    journal = FakeJournal()
    game = Game(journal=journal)
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.guess(boris, MYSTERY)
    game.command(cmd.EndGame())
    view = game.view()
    assert view.phase == "ended"
    assert game.host.finished
    assert view.mystery_answer == MYSTERY
    assert view.first_guesser == "Boris"
    assert [line.name for line in view.podium] == ["Boris", "Anna"]
    state = game.state(anna)
    assert state["podium"][0]["name"] == "Boris"
    assert state["mystery"]["answer"] == MYSTERY
    summary, roster, trophies = journal.finished[0]
    assert summary.mode == "devices"
    assert [(r.name, r.removed) for r in roster] == [("Anna", False), ("Boris", False)]
    assert len(trophies) == 2
    assert view.notice == "Saved the results of 2 students."
    game.close(anna.conn)  # a reload after the end: the podium again
    anna = dataclasses.replace(anna, conn=game.connect())
    game.send(anna.conn, type="join", token=anna.token)
    assert game.state(anna)["podium"][0]["name"] == "Boris"
    game.send(anna.conn, type="guess", text=MYSTERY)
    late = game.connect()
    game.send(late, type="join", pin=PIN, name="Late")
    assert game.errors(anna)[-1] == "game_over"
    assert game.errors(late) == ["game_over"]


def test_final_guess_ends_when_everyone_has_guessed() -> None:
    game = Game(build_pack(questions=2, grid="3x3"))
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.ShowLeaderboard(False))
    game.command(cmd.Start())
    for _ in range(2):
        game.answer(anna)
        game.answer(boris)
        game.command(cmd.Next())
    assert game.phase == "final_guess"
    game.guess(anna, "Eiffel Tower")
    assert game.phase == "final_guess"
    game.guess(boris, MYSTERY)
    assert game.phase == "ended"


def test_ending_in_the_lobby_saves_nothing() -> None:
    journal = FakeJournal()
    game = Game(journal=journal)
    anna = game.join("Anna")
    game.command(cmd.EndGame())
    assert game.host.finished
    assert game.view().phase == "ended"
    assert game.state(anna)["phase"] == "ended"
    assert journal.finished == []
    assert journal.dropped == 1


# -- secrets --------------------------------------------------------------------------------


def test_the_right_answer_never_leaves_the_host_before_the_reveal() -> None:
    game = Game(build_pack(questions=8, grid="4x5"))
    devices = game.join_many(4)
    teacher = game.teacher()
    round_ = game.host.live_round
    game.command(cmd.Start())
    sent_during: list[tuple[object, dict]] = []
    for _ in range(8):
        question = round_.question
        assert game.phase == "question"
        start = len(game.sent)
        game.answer(devices[0])
        game.answer(devices[1], right=False)
        game.guess(devices[2], "Eiffel Tower")
        game.wait(1)
        game.teach(teacher, "pause")
        game.teach(teacher, "resume")
        late = game.join(f"Late {round_.question_number}")
        game.answer(late)
        devices.append(late)
        during = game.sent[start:]
        assert game.phase == "question"  # devices[2:] but the last have not answered
        sent_during.extend(during)
        text = json.dumps([m for _, m in during], ensure_ascii=False)
        if question.type in ("typed", "number"):
            for accepted in (question.answer, *question.accept):
                assert accepted not in text
        for _, message in during:
            _assert_no_answer_in(message)
        for device in devices[2:-1]:
            game.answer(device)
        assert game.phase == "reveal"
        game.command(cmd.Next())
        game.command(cmd.Next())
        if game.phase != "question":
            break
    assert sent_during
    assert MYSTERY not in json.dumps([m for _, m in sent_during])


_ANSWER_KEYS = {"right", "right_answer", "right_choices", "answer", "correct", "accept", "points"}


def _assert_no_answer_in(message: dict) -> None:
    """No field of a message sent during an open question says what is right, and no
    student's score moves (a jump would tell who was right)."""
    if message["type"] == "guess_result":
        return  # the guesser's own guess of the picture, not an answer

    def walk(value: object) -> None:
        if isinstance(value, dict):
            assert not _ANSWER_KEYS & set(value), value
            if "result" in value:
                assert value["result"] is None
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(message)
    if message["type"] == "state":
        for choice in (message["question"] or {}).get("choices", []):
            assert set(choice) == {"letter", "text", "colour", "shape"}


def test_scores_do_not_move_until_the_question_closes() -> None:
    game = Game()
    anna, boris = game.join("Anna"), game.join("Boris")
    teacher = game.teacher()
    game.command(cmd.Start())
    game.answer(anna)
    assert game.state(anna)["you"]["score"] == 0
    assert [p["score"] for p in game.last(teacher, "teacher_state")["players"]] == [0, 0]
    assert [line.score for line in game.view().roster] == [0, 0]
    game.answer(boris, right=False)
    assert game.state(anna)["you"]["score"] > 0


# -- views ------------------------------------------------------------------------------------


def test_a_full_view_pickles_and_compares_equal() -> None:
    game = Game(build_pack(questions=4))
    devices = game.join_many(3)
    game.command(cmd.Start())
    for device in devices:
        game.answer(device, right=device is not devices[2])
    view = game.view()
    assert view.result is not None
    assert view.question is not None
    assert view.standings
    assert pickle.loads(pickle.dumps(view)) == view


def test_the_reveal_shows_how_the_class_answered() -> None:
    game = Game()
    devices = game.join_many(4)
    game.command(cmd.Start())
    question = game.host.live_round.question
    assert question.type == "choice"
    right = question.right_indexes[0]
    wrong = [i for i in range(4) if i != right]
    for device, choice in zip(devices, (right, right, wrong[0], wrong[2]), strict=True):
        game.send(device.conn, type="answer", question=1, choice=choice)
    result = game.view().result
    counts = [0, 0, 0, 0]
    counts[right], counts[wrong[0]], counts[wrong[2]] = 2, 1, 1
    assert result.choice_counts == tuple(counts)
    assert result.right_choices == (right,)
    assert result.right_answer == "right"
    assert (result.answered, result.right, result.tile_uncovered) == (4, 2, True)
    assert game.view().uncovered != ()


def test_version_bumps_on_every_change() -> None:
    game = Game()
    versions = [game.host.version]
    anna = game.join("Anna")
    versions.append(game.host.version)
    game.command(cmd.Start())
    versions.append(game.host.version)
    game.answer(anna)
    versions.append(game.host.version)
    game.close(anna.conn)
    versions.append(game.host.version)
    assert versions == sorted(set(versions))


def test_the_projectors_countdown_moves_each_second_without_saving() -> None:
    journal = FakeJournal()
    game = Game(journal=journal)
    game.join("Anna")
    game.command(cmd.Start())
    saves, version = len(journal.saves), game.host.version
    game.wait(3)
    assert game.host.version >= version + 3
    assert len(journal.saves) == saves


# -- saving and resuming ----------------------------------------------------------------------


def test_the_journal_saves_every_change_of_the_game_but_not_a_connection() -> None:
    journal = FakeJournal()
    game = Game(journal=journal)
    anna = game.join("Anna")
    assert len(journal.saves) == 1
    game.close(anna.conn)
    conn = game.connect()
    game.send(conn, type="join", token=anna.token)
    assert len(journal.saves) == 1
    game.command(cmd.Start())
    assert len(journal.saves) == 2
    game.answer(
        dataclasses.replace(anna, conn=conn)
    )  # an answer, and the close it brings: both saved
    assert len(journal.saves) >= 3
    assert journal.saves[-1]["round"]["actions"][-1][0] == "close"


def _play_script(game: Game, devices: list, script: list[str]) -> None:
    for step in script:
        kind, _, who = step.partition(":")
        if kind == "right":
            game.answer(devices[int(who)])
        elif kind == "wrong":
            game.answer(devices[int(who)], right=False)
        elif kind == "guess":
            game.guess(devices[int(who)], "Eiffel Tower" if who == "1" else MYSTERY)
        elif kind == "next":
            game.command(cmd.Next())
        elif kind == "wait":
            game.wait(float(who))
        elif kind == "pause":
            game.command(cmd.Pause())
        elif kind == "resume":
            game.command(cmd.Resume())


def test_a_resumed_host_continues_identically() -> None:
    journal = FakeJournal()
    pack = build_pack(questions=8, grid="4x5")
    game = Game(pack, journal=journal)
    devices = game.join_many(3)
    game.command(cmd.Start())
    _play_script(
        game,
        devices,
        ["right:0", "wrong:1", "right:2", "next", "next", "wait:2", "right:1", "guess:1", "pause"],
    )
    saved = journal.load(pack.id)
    assert saved is not None
    resumed = Game(pack)
    resumed.now = game.now
    resumed.host = GameHost.resumed(pack, saved, translator=game.translator, journal=None)
    assert resumed.host.pin == PIN
    assert resumed.host.teacher_token == TEACHER_TOKEN
    # the students come back with their tokens
    back = []
    for device in devices:
        conn = resumed.connect()
        resumed.send(conn, type="join", token=device.token)
        back.append(type(device)(conn, device.student, device.token, device.name))
    for original in devices:
        game.close(original.conn)
    again = []
    for device in devices:
        conn = game.connect()
        game.send(conn, type="join", token=device.token)
        again.append(type(device)(conn, device.student, device.token, device.name))
    rest = [
        "resume",
        "wait:1",
        "right:0",
        "wrong:2",
        "next",
        "next",
        "right:0",
        "right:1",
        "guess:0",
        "right:2",
        "next",
        "next",
        "wait:25",
        "next",
    ]
    _play_script(game, again, rest)
    _play_script(resumed, back, rest)
    a, b = game.view(), resumed.view()
    assert (a.phase, a.uncovered, a.standings, a.roster, a.result, a.question, a.guessed_right) == (
        b.phase,
        b.uncovered,
        b.standings,
        b.roster,
        b.result,
        b.question,
        b.guessed_right,
    )
    for one, other in zip(again, back, strict=True):
        assert game.state(one) == resumed.state(other)


def test_a_game_resumed_during_a_question_waits_paused_for_the_class() -> None:
    journal = FakeJournal()
    game = Game(journal=journal)
    anna, _boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.Start())
    game.wait(4)
    game.answer(anna)
    resumed = Game(game.pack)
    resumed.now = game.now + 30  # the time the teacher took to start the game again
    resumed.host = GameHost.resumed(
        game.pack, journal.load(game.pack.id), translator=game.translator, journal=None
    )
    assert resumed.phase == "question"
    view = resumed.view()
    assert view.paused
    assert view.notice.startswith("The game is back where it stopped")
    resumed.wait(60)
    assert resumed.phase == "question"
    assert resumed.view().question.seconds_left == 16.0
    resumed.command(cmd.Resume())
    resumed.wait(15.9)
    assert resumed.phase == "question"
    resumed.wait(0.3)
    assert resumed.phase == "reveal"


def test_a_game_resumed_at_the_final_guess_runs_its_clock_from_the_first_tick() -> None:
    journal = FakeJournal()
    game = Game(build_pack(questions=1, grid="2x2"), journal=journal)
    anna, boris = game.join("Anna"), game.join("Boris")
    game.command(cmd.ShowLeaderboard(False))
    game.command(cmd.Start())
    game.answer(anna)
    game.answer(boris)
    game.command(cmd.Next())
    assert game.phase == "final_guess"
    resumed = Game(game.pack)
    resumed.host = GameHost.resumed(
        game.pack, journal.load(game.pack.id), translator=game.translator, journal=None
    )
    assert not resumed.view().paused
    resumed.wait(2)
    assert resumed.host.question_seconds(resumed.now) == pytest.approx(1.9)


def test_resuming_a_state_of_another_kind_is_refused() -> None:
    pack = build_pack()
    with pytest.raises(ValueError, match="saved class game"):
        GameHost.resumed(pack, {"kind": "class"}, translator=Game().translator, journal=None)
    journal = FakeJournal()
    game = Game(pack, journal=journal)
    game.join("Anna")
    broken = dict(journal.saves[-1], seats=[])
    with pytest.raises(ValueError, match="roster"):
        GameHost.resumed(pack, broken, translator=game.translator, journal=None)


# -- a whole class --------------------------------------------------------------------------


def test_thirty_students_play_a_whole_game_with_a_late_joiner_a_kick_and_a_reload() -> None:
    journal = FakeJournal()
    pack = build_pack(questions=8, grid="4x5")
    game = Game(pack, journal=journal)
    devices = game.join_many(30)
    teacher = game.teacher()
    game.teach(teacher, "start")
    round_ = game.host.live_round
    late = None
    while game.phase == "question":
        number = round_.question_number
        for i, device in enumerate(devices):
            if device is None:
                continue
            if number == 2 and i == 5:
                game.close(device.conn)  # a reload: the page comes back with its token
                conn = game.connect()
                game.send(conn, type="join", token=device.token)
                devices[i] = type(device)(conn, device.student, device.token, device.name)
            game.answer(devices[i], right=(i + number) % 3 != 0)
        if number == 3:
            game.teach(teacher, "remove", student=devices[7].student)
            devices[7] = None
        if late is None and number == 2:
            late = game.join("Late Lena")
        if late is not None and game.phase == "question":
            game.answer(late)
        if number == 4:
            game.guess(devices[0], MYSTERY)
        assert game.phase == "reveal"
        game.teach(teacher, "next")  # the leaderboard
        assert game.phase == "leaderboard"
        game.teach(teacher, "next")
    if game.phase == "final_guess":
        game.teach(teacher, "end")
    assert game.phase == "ended"
    view = game.view()
    assert view.first_guesser == "Student 0"
    assert len(view.roster) == 31
    assert sum(line.removed for line in view.roster) == 1
    assert len(view.standings) == 30
    assert view.podium == tuple(line for line in view.standings if line.place <= 3)[:10]
    summary, roster, trophies = journal.finished[0]
    assert len(summary.contestants) == 31
    assert len(roster) == 31
    assert len(trophies) == 31
    places = [line.place for line in view.standings]
    assert places == sorted(places)
    assert places[0] == 1
    for device in devices:
        if device is not None:
            state = game.state(device)
            assert state["phase"] == "ended"
            assert state["podium"]
    assert game.errors(teacher) == []
    # nobody's token reaches anybody else, and the teacher's reaches no student
    for device in [*devices, late]:
        if device is None:
            continue
        told = json.dumps(game.inbox[device.conn])
        assert TEACHER_TOKEN not in told
        others = [d.token for d in [*devices, late] if d is not None and d.token != device.token]
        assert not [token for token in others if token in told]


# -- translations -----------------------------------------------------------------------------


def test_every_error_and_notice_is_in_the_games_language() -> None:
    game = Game(language="qps-ploc")
    anna = game.join("Anna")
    game.join("Boris")
    conn = game.connect()
    for frame in (
        {"type": "join", "pin": "111111", "name": "X"},
        {"type": "join", "pin": PIN, "name": "anna"},
        {"type": "join", "pin": PIN, "name": "x" * 30},
        {"type": "join", "token": "nope"},
        {"type": "answer", "question": 1, "choice": 1},
        {"type": "command", "command": "start"},
        {"type": "teacher", "token": "wrong"},
        {"type": "leave", "extra": 1},
    ):
        game.send(conn, **frame)
    game.send(anna.conn, type="answer", question=1, choice=1)
    game.command(cmd.Start())
    game.command(cmd.Start())
    messages = [
        m["message"] for m in game.inbox[conn] + game.inbox[anna.conn] if m["type"] == "error"
    ]
    assert len(messages) == 9
    for text in [*messages, game.view().notice]:
        assert text.startswith("["), text
        assert text.endswith("]"), text


def test_a_device_sees_the_choices_as_dealt_and_its_index_is_the_dealt_one() -> None:
    game = Game()
    anna, boris = game.join_many(2)
    game.command(cmd.Start())
    round_ = game.host.live_round
    shown = [c["text"] for c in game.state(anna)["question"]["choices"]]
    assert shown == list(round_.choices_shown)
    assert [c.text for c in game.view().question.choices] == shown
    right = round_.question.right_indexes[0]
    assert shown[right] in game.pack.questions[0].choices  # the dealt text, not the pack's place
    game.send(anna.conn, type="answer", question=1, choice=right)
    game.send(boris.conn, type="answer", question=1, choice=(right + 1) % 4)
    assert game.state(anna)["result"]["right"] is True
    assert game.state(boris)["result"]["right"] is False
    assert game.state(anna)["result"]["right_choices"] == [right]


def test_every_student_tied_for_a_place_on_the_podium_is_in_the_view_and_on_the_devices() -> None:
    game = Game(build_pack(questions=1, grid="2x2"))
    devices = game.join_many(9)
    game.command(cmd.Start())
    for device in devices[:8]:
        game.answer(device)  # at the same second: eight tie for first
    game.answer(devices[8], right=False)
    game.command(cmd.EndGame())
    view = game.view()
    assert view.phase == "ended"
    assert [line.place for line in view.podium] == [1] * 8
    assert {line.student for line in view.podium} == set(range(8))
    assert [line.place for line in view.standings] == [1] * 8 + [9]
    assert [s["student"] for s in game.state(devices[8])["podium"]] == [
        line.student for line in view.podium
    ]


def test_a_refusal_notice_goes_when_the_game_moves_on() -> None:
    game = Game()
    game.join("Anna")
    game.command(cmd.Start())
    game.command(cmd.Resume())
    assert game.view().notice == "The game is not paused."
    game.command(cmd.Next())  # the question closes: the game moved on
    assert game.view().notice is None


def test_a_notice_goes_after_some_seconds_on_the_projector_and_the_teachers_page() -> None:
    game = Game()
    teacher = game.teacher()
    game.join("Anna")
    assert game.last(teacher, "teacher_state")["notice"] == "Anna joined"
    game.wait(9)
    assert game.view().notice is None
    assert game.last(teacher, "teacher_state")["notice"] is None


def test_the_resumed_games_notice_stays_while_paused_and_goes_once_resumed() -> None:
    journal = FakeJournal()
    game = Game(journal=journal)
    game.join("Anna")
    game.command(cmd.Start())
    resumed = GameHost.resumed(
        game.pack, journal.saves[-1], translator=game.translator, journal=None
    )
    assert resumed.view(500.0).notice.startswith("The game is back where it stopped")
    resumed.command(cmd.Resume(), 501.0)
    assert resumed.view(501.0).notice is None


def test_the_leaderboard_switched_from_either_side_is_said_on_both() -> None:
    game = Game()
    teacher = game.teacher()
    game.join("Anna")
    game.teach(teacher, "leaderboard", show=False)
    assert game.view().notice == "The leaderboard is hidden."
    assert game.last(teacher, "teacher_state")["notice"] == "The leaderboard is hidden."
    game.command(cmd.ShowLeaderboard(True))
    assert game.view().notice == "The leaderboard is shown between questions."
    assert game.last(teacher, "teacher_state")["notice"] == game.view().notice


def test_next_while_paused_moves_on_and_the_next_question_opens_running() -> None:
    game = Game()
    anna = game.join("Anna")
    game.command(cmd.ShowLeaderboard(False))
    game.command(cmd.Start())
    game.command(cmd.Pause())
    game.command(cmd.Next())  # closes the question
    game.command(cmd.Next())  # question 2
    assert game.phase == "question"
    assert game.view().paused is False
    assert game.state(anna)["paused"] is False
    game.wait(2)
    assert game.view().question.seconds_left == 18.0


def test_an_answer_after_the_students_time_is_told_too_late() -> None:
    game = Game(class_list=CLASS)
    anna = game.join("Anna")
    slow = game.connect()
    game.send(slow, type="join", pin=PIN, player=17)  # twice the time: the question stays open
    game.command(cmd.Start())
    game.wait(21)
    assert game.phase == "question"
    game.answer(anna)
    assert game.errors(anna) == ["too_late"]
    assert game.last(anna.conn, "error")["message"] == (
        "Too late: your time for this question was up."
    )


def test_the_game_ends_by_itself_when_everybody_has_the_picture_at_the_final_guess() -> None:
    game = Game(build_pack(questions=2, grid="3x3"))
    anna, boris = game.join_many(2)
    game.command(cmd.ShowLeaderboard(False))
    game.command(cmd.Start())
    game.guess(anna)
    game.guess(boris)
    while game.phase not in ("final_guess", "ended"):
        if game.phase == "question":
            game.answer(anna, right=False)
            game.answer(boris, right=False)
        else:
            game.command(cmd.Next())
    assert game.phase == "ended"


def test_the_projector_is_told_how_many_made_their_last_guess() -> None:
    game = Game(build_pack(questions=1, grid="3x3"))
    anna, boris, vera = game.join_many(3)
    game.command(cmd.ShowLeaderboard(False))
    game.command(cmd.Start())
    for device in (anna, boris, vera):
        game.answer(device, right=False)
    game.command(cmd.Next())
    assert game.phase == "final_guess"
    assert game.view().final_guessed == 0
    game.guess(anna, "a wrong guess")
    assert game.view().final_guessed == 1
    game.guess(boris)
    assert game.view().final_guessed == 2
    game.guess(vera, "wrong again")
    assert game.phase == "ended"
