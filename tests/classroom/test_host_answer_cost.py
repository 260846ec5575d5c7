"""An answer is cheap with a class of hundreds: what every answer used to rebuild whole
(the host's saved state, the standings, the teacher's state of every student's line) is
built once for the answers that come together, or once per change of the scores."""

from __future__ import annotations

import json
from typing import Any

import pytest

from clarity.classroom import protocol
from clarity.classroom.commands import Start
from clarity.classroom.host import GameHost
from clarity.classroom.link import GroupCommit
from clarity.core.live_round import LiveRound

from .host_driving import FakeJournal, Game, build_pack, right_fields

CLASS = 30


def _class_at_question(journal: Any = None) -> tuple[Game, list[Any]]:
    game = Game(build_pack(time_limit=60), journal=journal)
    devices = game.join_many(CLASS)
    game.command(Start())
    return game, devices


def _answer(game: Game, device: Any) -> list[Any]:
    """One answer as the server hands it to the host (without the flush after it)."""
    fields = right_fields(game.host.live_round.question)
    frame = protocol.parse_client_message(
        protocol_frame(type="answer", question=game.host.live_round.question_number, **fields)
    )
    game.now += 0.01
    return game.host.receive(device.conn, frame, game.now)


def protocol_frame(**fields: Any) -> str:
    return json.dumps({"v": 1, **fields})


def test_the_answers_that_come_together_build_the_saved_state_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = FakeJournal()
    commit = GroupCommit(journal)
    game, devices = _class_at_question(commit)
    commit.commit()
    built = []
    saved_state = GameHost.saved_state
    monkeypatch.setattr(
        GameHost, "saved_state", lambda self, now: built.append(now) or saved_state(self, now)
    )
    for device in devices[:-1]:  # the last would close the question
        _answer(game, device)
    assert built == []  # nothing built while the answers come
    commit.commit()
    assert len(built) == 1
    answered = journal.saves[-1]["answered"]
    assert len(answered) == CLASS - 1  # and the one built holds them all


def test_the_standings_are_sorted_again_only_when_a_score_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    game, devices = _class_at_question()
    sorted_ = []
    standings = LiveRound.standings
    monkeypatch.setattr(LiveRound, "standings", lambda self: sorted_.append(1) or standings(self))
    for device in devices[:-1]:
        game.deliver(_answer(game, device))
    assert sorted_ == []  # an answer changes no score before the question closes
    game.deliver(_answer(game, devices[-1]))  # closes the question: the scores change
    assert len(sorted_) == 1
    truth = {s.index: s.place for s in standings(game.host.live_round)}
    assert {d.student: game.state(d)["you"]["place"] for d in devices} == truth
    assert {d.student: game.state(d)["result"]["place"] for d in devices} == truth


def test_the_teachers_state_goes_once_for_the_answers_that_came_together() -> None:
    game, devices = _class_at_question()
    teacher = game.teacher()
    before = len(game.inbox[teacher])
    held = []
    for device in devices[:5]:
        held += _answer(game, device)
    assert [message for target, message in held if target == "teachers"] == []
    sent = game.host.pending(game.now)
    assert [(target, message["type"]) for target, message in sent] == [
        ("teachers", "teacher_state")
    ]
    assert sent[0][1]["answered"] == 5  # the newest: every answer in it
    assert game.host.pending(game.now) == []  # once
    assert len(game.inbox[teacher]) == before
