"""The game host driven as the server drives it, for the host's tests.

:class:`Game` holds a real :class:`~clarity.classroom.host.GameHost` and plays the server:
connection ids, frames parsed by the real protocol (so a test sends what a page sends),
``now`` from a clock the test moves, and delivery of what the host returns to each
connection ("teachers" to every teacher's connection). :class:`FakeJournal` keeps what the
host saves. The pack is built here from the pack model (no files).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from clarity.classroom import protocol
from clarity.classroom.commands import TeacherCommand
from clarity.classroom.host import GameHost, Outgoing, RosterEntry
from clarity.core.events import ClassSummary, TrophyEarned
from clarity.core.live_round import LiveRules
from clarity.core.messages import Message, message
from clarity.core.packs.models import (
    ChoiceQuestion,
    NumberQuestion,
    Pack,
    TrueFalseQuestion,
    TypedQuestion,
)
from clarity.core.scoring import ScoringRules
from clarity.i18n.translator import Translator

PIN = "482913"
TEACHER_TOKEN = "teacher-secret-token-0123456789"
MYSTERY = "Brest Fortress"
TYPED_ANSWER = "Minsk"
NUMBER_ANSWER = "1067"


def build_pack(*, questions: int = 4, time_limit: int = 20, grid: str = "2x3") -> Pack:
    """A pack of ``questions`` questions cycling choice, true/false, typed, number: the
    choice question's right choice is "right" (index 1 of 4), true/false is true, the
    typed answer is :data:`TYPED_ANSWER` (accepting "Mensk"), the number 1067."""
    items: list[dict[str, Any]] = []
    for i in range(questions):
        kind = ("choice", "truefalse", "typed", "number")[i % 4]
        item: dict[str, Any] = {"id": f"q{i}", "type": kind, "prompt": f"Question {i}?"}
        if kind == "choice":
            item |= {
                "choices": ["wrong one", "right", "wrong two", "wrong three"],
                "answer": "right",
            }
        elif kind == "truefalse":
            item["answer"] = True
        elif kind == "typed":
            item |= {"answer": TYPED_ANSWER, "accept": ["Mensk"], "explain": "The capital."}
        else:
            item["answer"] = NUMBER_ANSWER
        items.append(item)
    return Pack.model_validate(
        {
            "clarity": 1,
            "id": "host-test",
            "title": "Host test",
            "description": "Built by the host's tests.",
            "language": "en",
            "time_limit": time_limit,
            "rounds": [{"image": "mystery.png", "answer": MYSTERY, "grid": grid}],
            "questions": items,
        }
    )


def right_fields(question: Any) -> dict[str, Any]:
    """The answer fields of a right answer to ``question``, as a page sends them."""
    if isinstance(question, ChoiceQuestion):
        return {"choice": question.right_indexes[0]}
    if isinstance(question, TrueFalseQuestion):
        return {"truth": question.answer}
    assert isinstance(question, TypedQuestion | NumberQuestion)
    return {"text": question.answer}


def wrong_fields(question: Any) -> dict[str, Any]:
    """The answer fields of a wrong answer to ``question``."""
    if isinstance(question, ChoiceQuestion):
        return {"choice": next(i for i in range(4) if i not in question.right_indexes)}
    if isinstance(question, TrueFalseQuestion):
        return {"truth": not question.answer}
    if isinstance(question, NumberQuestion):
        return {"text": "5"}
    return {"text": "Gomel"}


@dataclass(frozen=True)
class ClassListPlayer:
    player: int
    name: str
    time_scale: float | None


@dataclass
class FakeJournal:
    """Keeps every state saved, the finish and the accepted answers."""

    saves: list[dict[str, Any]] = field(default_factory=list)
    finished: list[tuple[ClassSummary, list[RosterEntry], list[list[TrophyEarned]]]] = field(
        default_factory=list
    )
    accepted: list[tuple[str, int, str]] = field(default_factory=list)
    dropped: int = 0

    def save(self, state: dict[str, Any]) -> Message | None:
        # through JSON, as a real journal keeps it: a state that is not JSON fails here
        self.saves.append(json.loads(json.dumps(state)))
        return None

    def load(self, pack_id: str) -> dict[str, Any] | None:
        return self.saves[-1] if self.saves else None

    def finish(self, summary: ClassSummary, roster: Any, trophies: Any) -> Message:
        self.finished.append((summary, list(roster), [list(t) for t in trophies]))
        return message("Saved the results of {count} students.", count=len(list(roster)))

    def drop(self) -> None:
        self.dropped += 1

    def accept_answer(self, pack_id: str, question_index: int, text: str) -> Message:
        self.accepted.append((pack_id, question_index, text))
        return message("Accepted for this game only.")


@dataclass
class Device:
    conn: int
    student: int
    token: str
    name: str


class Game:
    """A host and the server around it; ``now`` moves only when the test moves it."""

    def __init__(
        self,
        pack: Pack | None = None,
        *,
        rules: ScoringRules | None = None,
        live_rules: LiveRules | None = None,
        journal: FakeJournal | None = None,
        class_list: tuple[ClassListPlayer, ...] = (),
        language: str = "en",
        seed: int = 10,  # question 1 is the choice question (4 and 8 questions)
    ) -> None:
        self.pack = pack or build_pack()
        self.journal = journal
        self.translator = Translator(language)
        tokens = (f"student-token-{n}-of-the-test" for n in itertools.count())
        self.host = GameHost(
            self.pack,
            pin=PIN,
            teacher_token=TEACHER_TOKEN,
            seed=seed,
            rules=rules or ScoringRules(),
            live_rules=live_rules or LiveRules(),
            translator=self.translator,
            journal=journal,
            class_list=class_list,
            secrets=lambda: next(tokens),
        )
        self.now = 100.0
        self._conns = itertools.count(1)
        self.teachers: set[int] = set()
        self.open: set[int] = set()
        self.inbox: dict[int, list[dict[str, Any]]] = {}
        self.sent: list[Outgoing] = []

    # -- the server's side --------------------------------------------------------------

    def deliver(self, outgoing: list[Outgoing]) -> list[Outgoing]:
        # what the host held back goes out after the frame, as the server's flush sends it
        outgoing = outgoing + self.host.pending(self.now)
        self.sent.extend(outgoing)
        for target, msg in outgoing:
            if target == "teachers":
                conns = sorted(self.teachers)
            elif target in ("students", "all"):
                conns = sorted(self.open - self.teachers if target == "students" else self.open)
            else:
                assert isinstance(target, int)
                conns = [target]
            for conn in conns:
                assert conn in self.open, f"a message to closed connection {conn}: {msg}"
                self.inbox[conn].append(msg)
                if protocol.closes_connection(msg):
                    self.close(conn)
        return outgoing

    def connect(self) -> int:
        conn = next(self._conns)
        self.open.add(conn)
        self.inbox[conn] = []
        self.deliver(self.host.connect(conn, self.now))
        return conn

    def close(self, conn: int) -> None:
        self.open.discard(conn)
        self.teachers.discard(conn)
        self.deliver(self.host.disconnect(conn, self.now))

    def send(self, conn: int, **fields: Any) -> list[Outgoing]:
        """A frame from ``conn`` with ``fields`` (``v`` added), parsed as the server does."""
        frame = json.dumps({"v": 1, **fields})
        try:
            parsed = protocol.parse_client_message(frame)
        except protocol.ProtocolError as error:
            return self.deliver(self.host.refuse(conn, error))
        return self.deliver(self.host.receive(conn, parsed, self.now))

    def tick(self, seconds: float = 0.1) -> list[Outgoing]:
        self.now += seconds
        return self.deliver(self.host.tick(self.now))

    def wait(self, seconds: float) -> None:
        """``seconds`` pass with a tick every tenth, as the server's tick task does."""
        for _ in range(round(seconds * 10)):
            self.tick(0.1)

    def command(self, command: TeacherCommand) -> list[Outgoing]:
        """A command from the projector's keyboard."""
        return self.deliver(self.host.command(command, self.now))

    # -- a student's and the teacher's side ----------------------------------------------

    def join(self, name: str, **fields: Any) -> Device:
        conn = self.connect()
        self.send(conn, type="join", pin=PIN, name=name, **fields)
        welcome = self.last(conn, "welcome")
        assert welcome is not None, self.inbox[conn]
        return Device(conn, welcome["student"], welcome["token"], welcome["name"])

    def join_many(self, count: int, prefix: str = "Student") -> list[Device]:
        return [self.join(f"{prefix} {i}") for i in range(count)]

    def teacher(self) -> int:
        conn = self.connect()
        self.send(conn, type="teacher", token=TEACHER_TOKEN)
        self.teachers.add(conn)
        return conn

    def teach(self, conn: int, command: str, **fields: Any) -> list[Outgoing]:
        return self.send(conn, type="command", command=command, **fields)

    def answer(self, device: Device, *, right: bool = True, **fields: Any) -> list[Outgoing]:
        question = self.host.live_round.question
        chosen = right_fields(question) if right else wrong_fields(question)
        number = fields.pop("question", self.host.live_round.question_number)
        return self.send(device.conn, type="answer", question=number, **(chosen | fields))

    def guess(self, device: Device, text: str = MYSTERY) -> list[Outgoing]:
        return self.send(device.conn, type="guess", text=text)

    # -- reading what was delivered -----------------------------------------------------------

    def last(self, conn: int, kind: str) -> dict[str, Any] | None:
        return next((m for m in reversed(self.inbox[conn]) if m["type"] == kind), None)

    def state(self, device: Device | int) -> dict[str, Any]:
        conn = device if isinstance(device, int) else device.conn
        found = self.last(conn, "state")
        assert found is not None, self.inbox[conn]
        return found

    def errors(self, device: Device | int) -> list[str]:
        conn = device if isinstance(device, int) else device.conn
        return [m["code"] for m in self.inbox[conn] if m["type"] == "error"]

    @property
    def phase(self) -> str:
        return self.host.phase

    def view(self) -> Any:
        return self.host.view(self.now)
