"""The game host of a class game on every device: one per game, sans-IO.

:class:`GameHost` holds the roster (who joined, by which connection, with which rejoin
token), the game's PIN and the teacher's token, the question's clock and the pause, and a
:class:`clarity.core.live_round.LiveRound` that holds the rules. It reads no clock, opens
no socket and starts no thread: the server (:mod:`clarity.classroom.server`) calls it with
connection ids, parsed messages and ``now`` (monotonic seconds), and sends what it
returns: a list of ``(target, message)``, the target a connection id or everybody of a
kind ("students", "teachers", "all"). So the host is tested by driving it as the server
would, with made-up ``now`` values.

The rules of the host (issue 13, and the contract between its parts):

- **Joining**: before the start (the lobby) and at any moment after it until the end (a
  late joiner may answer the open question). A student joins with the game's PIN and a
  nickname (refused when another student has it, letter case aside, or it is a name of
  the class list), or with the PIN and a player of the class list (their name and their
  extra time; one device per player). The host answers with a rejoin token: a reload or a
  lost connection joins again with it, as the same student with the same score, and the
  connection it replaces (if still open) is told and closed. Removing a student (the
  teacher) tells their device, closes it and kills their token; their record stays.
- **The clock**: the question's clock is the server's ``now`` less the time paused; it
  starts when a question is asked and stops at its close. Answers and guesses are timed
  by it (never by the device). A pause stops it and refuses answers and guesses.
- **Closing**: a question closes by itself when every active student has answered, or its
  time is up for the last of them (the ``closes_at`` of the round, the students' extra
  time included: :meth:`GameHost.tick`), or the teacher says ``next``.
- **Between questions**: after a reveal, ``next`` shows the leaderboard when it is on,
  then the next ``next`` asks the next question. When the questions run out with tiles
  hidden, each student has a final guess; the round ends when all have made it, when the
  teacher ends it, or when every tile is uncovered.
- **Secrets**: the right answer is in no message before the reveal (the question is sent
  without it, scores change only at the close, a guess's result goes to its guesser
  only), and no message to a student names another's token. The teacher's commands need
  the teacher's token (compared in constant time: ``secrets.compare_digest``); the
  projector's own :meth:`GameHost.command` needs none (it runs on the teacher's machine).
- **Saving**: after every change of the game (not a mere connect or disconnect) the host
  gives its journal its state (:meth:`GameHost.saved_state`: the round's snapshot, the
  roster's tokens, the PIN, the clock); at the end it gives the summary, the roster and
  the trophies to ``journal.finish``. :meth:`GameHost.resumed` continues a saved game.
- Every text for a person is in the game's language (the translator given), one line.
"""

from __future__ import annotations

import secrets as secrets_module
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from clarity.classroom import commands as cmd
from clarity.classroom import protocol
from clarity.classroom.protocol import ErrorCode, ProtocolError, name_key
from clarity.classroom.views import (
    CHOICE_LOOKS,
    ChoiceView,
    ProjectorView,
    QuestionResultView,
    QuestionView,
    ResponseLine,
    RosterLine,
    StandingLine,
)
from clarity.core.answers import Question
from clarity.core.events import ClassSummary, TrophyEarned
from clarity.core.live_round import LivePhase, LiveRound, LiveRules, Refusal, Standing
from clarity.core.messages import Message
from clarity.core.packs.models import ChoiceQuestion, NumberQuestion, Pack, TrueFalseQuestion
from clarity.core.scoring import ScoringRules
from clarity.core.trophies import ClassTrophyTracker
from clarity.i18n.translator import Translator

Target = int | Literal["students", "teachers", "all"]
Outgoing = tuple[Target, dict[str, Any]]

STATE_KIND = "device_game"
STATE_VERSION = 1
LEADERBOARD_SIZE = 5  # lines on the devices' leaderboard (the projector shows its own)
#: Seconds a notice stays (one that tells a lasting state stays until the game moves on).
NOTICE_SECONDS = 8.0


class ClassListEntry(Protocol):
    """A player of the class list (``clarity.classroom.journal.ClassListEntry``)."""

    @property
    def player(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def time_scale(self) -> float | None: ...


class Journal(Protocol):
    """Where the game is saved as it goes (``clarity.classroom.journal.StoreJournal``)."""

    def save(self, state: dict[str, Any]) -> Message | None: ...
    def finish(
        self,
        summary: ClassSummary,
        roster: Sequence[RosterEntry],
        trophies: Sequence[Sequence[TrophyEarned]],
    ) -> Message: ...
    def drop(self) -> None: ...
    def accept_answer(self, pack_id: str, question_index: int, text: str) -> Message: ...


class LazyJournal(Journal, Protocol):
    """A journal that builds the state only when it writes it (the link's ``GroupCommit``):
    ``save_later(build)`` keeps ``build`` (a call that returns the state) in place of the
    state, and calls the newest one when it commits, so a burst of answers builds the
    state once, not once per answer. Returns what :meth:`save` would."""

    def save_later(self, build: Callable[[], dict[str, Any]]) -> Message | None: ...


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """A student of a finished game for the journal, in the shape of
    ``clarity.classroom.journal.RosterEntry`` (not imported: the host stays clear of the
    store): ``student`` is their index in the round (and in the summary's contestants),
    ``player`` the class list's player id when they picked their name from it (None for a
    nickname)."""

    student: int
    name: str
    player: int | None
    removed: bool


@dataclass(eq=False, slots=True)
class _Seat:
    """A student's place in the host: index ``student`` in the round."""

    student: int
    token: str
    player: int | None
    conn: int | None = None


class GameHost:
    """One class game: see the module's rules. ``pin`` is six digits; ``seed`` the round's;
    ``secrets`` makes rejoin tokens (``secrets.token_urlsafe``; a test passes its own).
    Raises ValueError for a pack without round ``mystery_index``."""

    def __init__(
        self,
        pack: Pack,
        *,
        pin: str,
        teacher_token: str,
        seed: int,
        rules: ScoringRules,
        live_rules: LiveRules,
        translator: Translator,
        journal: Journal | None = None,
        class_list: Sequence[ClassListEntry] = (),
        secrets: Callable[[], str] = secrets_module.token_urlsafe,
        mystery_index: int = 0,
        students_url: str = "",
        leaderboard: bool = True,
    ) -> None:
        self.pack = pack
        self.pin = pin
        self.teacher_token = teacher_token
        self.students_url = students_url
        self.version = 0
        self.finished = False
        self._t = translator
        self._journal = journal
        self._class_list = {entry.player: entry for entry in class_list}
        self._class_names = {name_key(entry.name): entry.name for entry in class_list}
        self._new_token = secrets
        self._trophies = ClassTrophyTracker(0)
        self._round = LiveRound(
            pack,
            mystery_index=mystery_index,
            seed=seed,
            rules=rules,
            live_rules=live_rules,
            observers=[self._trophies, self._scores_changed],
        )
        self._seats: list[_Seat] = []
        # the round's standings, kept until a score or the class changes: an answer changes
        # no score before its question closes, and sorting 200 students for each answer
        # cost the server 1-2 ms of it
        self._standings_now: tuple[Standing, ...] | None = None
        self._places_now: dict[int, int] = {}
        self._teachers_due = False  # see :meth:`pending`
        # who answered which question number (the round tells counts, not who), and the
        # same as [student, number] pairs in the order given, for the journal
        self._answered_now: dict[int, int] = {}
        self._answered_log: list[list[int]] = []
        self._by_token: dict[str, _Seat] = {}
        self._by_conn: dict[int, _Seat] = {}
        self._teachers: set[int] = set()
        self._connections: set[int] = set()
        self.started = False
        self.paused = False
        self.leaderboard_on = leaderboard
        self._leaderboard_showing = False
        self._clock_base = 0.0  # the question's clock when it last started or stopped
        self._clock_from: float | None = None  # ``now`` when it last started; None: stopped
        self._shown_second: int | None = None
        self._notice: Message | str | None = None
        self._notice_at = 0.0  # ``now`` when it was said
        self._notice_lasts = False  # it tells a state: it stays while the state does
        # where the game stood when the notice was said; None: not yet stamped (it is at
        # the end of the call that said it, so a removal that closes the question keeps
        # its notice)
        self._notice_stage: tuple[Any, ...] | None = None
        self._notice_shown = False  # whether the last teacher state or view carried one

    # -- resuming -----------------------------------------------------------------------

    @classmethod
    def resumed(
        cls,
        pack: Pack,
        saved: dict[str, Any],
        *,
        translator: Translator,
        journal: Journal | None,
        class_list: Sequence[ClassListEntry] = (),
        secrets: Callable[[], str] = secrets_module.token_urlsafe,
        students_url: str = "",
    ) -> GameHost:
        """The game saved in ``saved`` (:meth:`saved_state`, from ``journal.load``),
        continued: the same PIN and tokens (students rejoin with theirs), scores, phase and
        question clock (it goes on from where it was last saved; nobody is connected).
        Raises ValueError for a state that is not a saved game of this version or this
        pack, or that cannot be replayed."""
        try:
            if saved.get("kind") != STATE_KIND or saved.get("version") != STATE_VERSION:
                raise ValueError("not a saved class game of this version")
            snapshot = saved["round"]
            host = cls(
                pack,
                pin=str(saved["pin"]),
                teacher_token=str(saved["teacher_token"]),
                seed=int(snapshot["seed"]),
                rules=ScoringRules(**snapshot["rules"]),
                live_rules=LiveRules(**snapshot["live_rules"]),
                translator=translator,
                journal=journal,
                class_list=class_list,
                secrets=secrets,
                mystery_index=int(snapshot["mystery_index"]),
                students_url=students_url,
            )
            host._trophies = ClassTrophyTracker(0)
            host._round = LiveRound.restore(
                pack, snapshot, observers=[host._trophies, host._scores_changed]
            )
            host._standings_now = None
            seats = saved["seats"]
            if len(seats) != len(host._round.students):
                raise ValueError("the saved roster does not fit the saved round")
            for index, seat in enumerate(seats):
                player = seat["player"]
                restored = _Seat(index, str(seat["token"]), None if player is None else int(player))
                host._seats.append(restored)
                host._by_token[restored.token] = restored
            for student, number in saved["answered"]:
                host._answered_now[int(student)] = int(number)
                host._answered_log.append([int(student), int(number)])
            host.started = bool(saved["started"])
            host.paused = bool(saved["paused"])
            host.leaderboard_on = bool(saved["leaderboard_on"])
            host._leaderboard_showing = bool(saved["leaderboard_showing"])
            host._clock_base = float(saved["clock"])
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"the saved class game is damaged: {error!r}") from error
        if host.started and host._round.phase is LivePhase.QUESTION and not host.paused:
            # the students need a moment to come back: the teacher resumes when they have
            host.paused = True
            host._tell(
                translator.gettext(
                    "The game is back where it stopped, paused: resume it when the class is back."
                ),
                0.0,
                lasts=True,
            )
            host._stamp_notice()
        return host

    def saved_state(self, now: float) -> dict[str, Any]:
        """The host's state as plain JSON types, for the journal: the round's snapshot,
        each student's token and player, the PIN, the teacher's token, the phase flags and
        the question clock at ``now``."""
        return {
            "kind": STATE_KIND,
            "version": STATE_VERSION,
            "pack_id": self.pack.id,
            "pin": self.pin,
            "teacher_token": self.teacher_token,
            "started": self.started,
            "paused": self.paused,
            "leaderboard_on": self.leaderboard_on,
            "leaderboard_showing": self._leaderboard_showing,
            "clock": self._clock(now),
            # lists that only grow at their end: the journal appends what is new
            "seats": [{"token": s.token, "player": s.player} for s in self._seats],
            "answered": self._answered_log,
            "round": self._round.snapshot(),
        }

    def set_students_url(self, url: str) -> None:
        """The address students open (known once the server listens), for the view."""
        self.students_url = url
        self.version += 1

    # -- reading ------------------------------------------------------------------------

    @property
    def live_round(self) -> LiveRound:
        """The round (for tests and the journal: read it, never play it from outside)."""
        return self._round

    @property
    def phase(self) -> str:
        """One of :data:`clarity.classroom.views.PHASES`."""
        if self.finished:
            return "ended"  # also a game ended in its lobby
        if not self.started:
            return "lobby"
        phase = self._round.phase
        if phase is LivePhase.REVEAL and self._leaderboard_showing:
            return "leaderboard"
        return phase.value

    def question_seconds(self, now: float) -> float:
        """Seconds on the question's clock at ``now`` (paused time not counted)."""
        return self._clock(now)

    def view(self, now: float) -> ProjectorView:
        """What the projector draws at ``now``."""
        round_ = self._round
        ended = round_.phase is LivePhase.ENDED
        standings = self._standings()
        grid = round_.mystery.grid
        guessers = round_.right_guessers
        return ProjectorView(
            phase=self.phase,
            paused=self.paused,
            pin=self.pin,
            students_url=self.students_url,
            pack_id=self.pack.id,
            mystery_index=round_.mystery_index,
            uncovered=tuple((t.row, t.col) for t in round_.board.uncovered_tiles),
            rows=grid.rows,
            cols=grid.cols,
            roster=tuple(self._roster_line(seat) for seat in self._seats),
            question=self._question_view(now),
            answered=round_.answered_count if self._question_open() else 0,
            active=len(round_.active_students),
            guessed_right=len(guessers),
            result=self._result_view(),
            leaderboard_on=self.leaderboard_on,
            standings=standings,
            podium=self._podium() if ended else (),
            first_guesser=(round_.students[guessers[0]].name if ended and guessers else None),
            mystery_answer=round_.mystery.answer if ended else None,
            notice=self._notice_text(now),
            version=self.version,
            final_guessed=self._final_guessed(),
        )

    # -- the server's calls -------------------------------------------------------------

    def connect(self, conn: int, now: float) -> list[Outgoing]:
        """A new connection ``conn``: a ``hello`` with the game's phase; nothing else until
        it gives the PIN (``check_pin``: the class list), joins, or proves it is the
        teacher's."""
        self._connections.add(conn)
        return [(conn, protocol.hello(self.phase))]

    def disconnect(self, conn: int, now: float) -> list[Outgoing]:
        """Connection ``conn`` closed: its student stays in the game (they may rejoin)."""
        self._connections.discard(conn)
        self._teachers.discard(conn)
        seat = self._by_conn.pop(conn, None)
        if seat is None:
            return []
        seat.conn = None
        self.version += 1
        return self._teacher_states(now)

    def refuse(self, conn: int, error: ProtocolError) -> list[Outgoing]:
        """A frame from ``conn`` that did not parse: the error, to that connection only."""
        detail = error.detail
        if not isinstance(detail, Message):
            return [self._error(conn, error.code)]
        return [(conn, protocol.error(error.code, self._t.render(detail)))]

    def receive(self, conn: int, message: Any, now: float) -> list[Outgoing]:
        """A parsed message (:func:`clarity.classroom.protocol.parse_client_message`) from
        connection ``conn`` at ``now``: what to send, to whom."""
        rejoin = isinstance(message, protocol.Join) and message.token is not None
        if self.finished and not (
            rejoin or isinstance(message, protocol.Teacher | protocol.Command)
        ):
            # a page reloaded after the end still rejoins, to show the podium
            return [self._error(conn, ErrorCode.GAME_OVER)]
        sent = self._receive(conn, message, now)
        self._stamp_notice()
        return sent

    def _receive(self, conn: int, message: Any, now: float) -> list[Outgoing]:
        match message:
            case protocol.CheckPin():
                return self._check_pin(conn, message)
            case protocol.Join():
                return self._join(conn, message, now)
            case protocol.Answer():
                return self._answer(conn, message, now)
            case protocol.Guess():
                return self._guess(conn, message, now)
            case protocol.Leave():
                return self._leave(conn, now)
            case protocol.Teacher():
                return self._teacher(conn, message, now)
            case protocol.Command():
                if conn not in self._teachers:
                    return [self._error(conn, ErrorCode.NOT_TEACHER)]
                return self._command(message.teacher_command(), now, conn)
        return [self._error(conn, ErrorCode.BAD_MESSAGE)]

    def command(self, command: cmd.TeacherCommand, now: float) -> list[Outgoing]:
        """A command from the projector's keyboard (no token: it is the teacher's machine).
        A command the game cannot take now only sets the notice."""
        sent = self._command(command, now, None)
        self._stamp_notice()
        return sent

    def tick(self, now: float) -> list[Outgoing]:
        """Called about ten times a second: a question whose time is up for everybody
        closes. The version also bumps when the class clock's whole second changes, so the
        projector's countdown is sent on (without saving anything)."""
        sent = self._tick(now)
        self._stamp_notice()
        if self._notice_shown and self._notice_text(now) is None:
            # the notice's time is over: the projector and the teacher's page drop it
            self.version += 1
            sent += self._teacher_states(now)
        return sent

    def _tick(self, now: float) -> list[Outgoing]:
        if not self._clock_runs():
            if self._should_run():  # a resumed game, at its first tick: its clock goes on
                self._clock_from = now
            return []
        round_ = self._round
        if round_.phase is LivePhase.QUESTION:
            closes_at = round_.closes_at
            if closes_at is not None and self._clock(now) >= closes_at:
                return self._close_question(now)
        second = int(self._clock(now))
        if second != self._shown_second:
            self._shown_second = second
            self.version += 1
        return []

    # -- students -----------------------------------------------------------------------

    def _check_pin(self, conn: int, message: protocol.CheckPin) -> list[Outgoing]:
        if not secrets_module.compare_digest(message.pin, self.pin):
            return [self._error(conn, ErrorCode.BAD_PIN)]
        if self.finished:
            return [self._error(conn, ErrorCode.GAME_OVER)]
        free = [
            {"player": entry.player, "name": entry.name}
            for entry in self._class_list.values()
            if not self._playing(entry.player)
        ]
        return [(conn, protocol.pin_ok(self.phase, free))]

    def _seat_of_player(self, player: int) -> _Seat | None:
        """The seat of class-list ``player`` still in the game (a removed one is not:
        removing frees the name)."""
        for seat in self._seats:
            if seat.player == player and not self._round.students[seat.student].removed:
                return seat
        return None

    def _playing(self, player: int) -> bool:
        """Whether class-list ``player`` is in the game on a device now."""
        seat = self._seat_of_player(player)
        return seat is not None and seat.conn is not None

    def _join(self, conn: int, message: protocol.Join, now: float) -> list[Outgoing]:
        if conn in self._by_conn or conn in self._teachers:
            return [
                self._error(
                    conn, ErrorCode.BAD_MESSAGE, self._t.gettext("You have joined already.")
                )
            ]
        if message.token is not None:
            return self._rejoin(conn, message.token, now)
        if message.pin is None or not secrets_module.compare_digest(message.pin, self.pin):
            return [self._error(conn, ErrorCode.BAD_PIN)]
        if self._round.phase is LivePhase.ENDED:
            return [self._error(conn, ErrorCode.GAME_OVER)]
        if message.player is not None:
            entry = self._class_list.get(message.player)
            if entry is None:
                return [self._error(conn, ErrorCode.UNKNOWN_PLAYER)]
            taken = self._seat_of_player(entry.player)
            if taken is not None and taken.conn is None:
                return self._take_back(conn, taken, now)
            if taken is not None:
                return [
                    self._error(
                        conn,
                        ErrorCode.NAME_TAKEN,
                        self._t.gettext(
                            "{name} is playing on another device already; ask the teacher.",
                            name=entry.name,
                        ),
                    )
                ]
            for seat in self._seats:  # a removed seat's record no longer speaks for them
                if seat.player == entry.player:
                    seat.player = None
            return self._seat(conn, entry.name, entry.time_scale, entry.player, now)
        assert message.name is not None
        key = name_key(message.name)
        listed = self._class_names.get(key)
        if listed is not None:
            return [
                self._error(
                    conn,
                    ErrorCode.NAME_TAKEN,
                    self._t.gettext(
                        "{name} is on the class list: pick your name from the list.",
                        name=listed,
                    ),
                )
            ]
        if any(name_key(s.name) == key and not s.removed for s in self._round.students):
            return [self._error(conn, ErrorCode.NAME_TAKEN)]
        return self._seat(conn, message.name, 1.0, None, now)

    def _take_back(self, conn: int, seat: _Seat, now: float) -> list[Outgoing]:
        """A class-list player whose device went away (a closed tab keeps no token) picks
        their name again: the same student, score and extra time, with a new token (the
        old one is dead: one device per player)."""
        del self._by_token[seat.token]
        token = self._new_token()
        while token in self._by_token:
            token = f"{token}-{seat.student}"
        seat.token = token
        self._by_token[token] = seat
        seat.conn = conn
        self._by_conn[conn] = seat
        name = self._round.students[seat.student].name
        # Translators: shown to the teacher when a student comes back to the game.
        self._tell(self._t.gettext("{name} is back", name=name), now)
        sent: list[Outgoing] = [(conn, protocol.welcome(token, seat.student, name))]
        return sent + self._changed(now, students=[seat])

    def _seat(
        self, conn: int, name: str, time_scale: float | None, player: int | None, now: float
    ) -> list[Outgoing]:
        index = self._round.join(name, time_scale)
        token = self._new_token()
        while token in self._by_token:  # a test's token maker may repeat; a real one never
            token = f"{token}-{index}"
        seat = _Seat(index, token, player, conn)
        self._seats.append(seat)
        self._by_token[token] = seat
        self._by_conn[conn] = seat
        # Translators: shown to the teacher on the projector when a student joins.
        self._tell(self._t.gettext("{name} joined", name=name), now)
        sent: list[Outgoing] = [(conn, protocol.welcome(token, index, name))]
        return sent + self._changed(now, students=[seat])

    def _rejoin(self, conn: int, token: str, now: float) -> list[Outgoing]:
        seat = self._by_token.get(token)
        if seat is None:
            return [self._error(conn, ErrorCode.UNKNOWN_TOKEN)]
        student = self._round.students[seat.student]
        if student.removed:
            return [self._error(conn, ErrorCode.REMOVED)]
        sent: list[Outgoing] = []
        if seat.conn is not None:
            sent.append(
                (
                    seat.conn,
                    protocol.replaced(
                        self._t.gettext(
                            "You have joined this game again from another window or device."
                        )
                    ),
                )
            )
            self._by_conn.pop(seat.conn, None)
        seat.conn = conn
        self._by_conn[conn] = seat
        self.version += 1
        sent.append((conn, protocol.welcome(seat.token, seat.student, student.name)))
        sent.append((conn, self._student_state(seat, now, self._places())))
        return sent + self._teacher_states(now)

    def _leave(self, conn: int, now: float) -> list[Outgoing]:
        seat = self._by_conn.get(conn)
        if seat is None:
            return [self._error(conn, ErrorCode.NOT_JOINED)]
        name = self._round.students[seat.student].name
        # Translators: shown to the teacher when a student leaves the game for good.
        self._tell(self._t.gettext("{name} left the game", name=name), now)
        return self._remove_seat(seat, self._t.gettext("You have left the game."), now)

    def _answer(self, conn: int, message: protocol.Answer, now: float) -> list[Outgoing]:
        seat = self._by_conn.get(conn)
        if seat is None:
            return [self._error(conn, ErrorCode.NOT_JOINED)]
        round_ = self._round
        if not self.started or round_.phase is not LivePhase.QUESTION:
            return [self._error(conn, ErrorCode.NOT_OPEN)]
        if self.paused:
            return [self._error(conn, ErrorCode.PAUSED)]
        if message.question != round_.question_number:
            return [self._error(conn, ErrorCode.WRONG_QUESTION)]
        question = round_.question
        assert question is not None
        response = _response(round_, question, message)
        if response is None:
            return [self._error(conn, ErrorCode.BAD_ANSWER)]
        taken = round_.answer(seat.student, message.question, response, self._clock(now))
        if isinstance(taken, Refusal):
            return [self._error(conn, _REFUSAL_CODES[taken])]
        self._answered_now[seat.student] = taken.number
        self._answered_log.append([seat.student, taken.number])
        # past the student's own time: taken (no second try), but said as too late, never
        # as answered
        told = [self._error(conn, ErrorCode.TOO_LATE)] if taken.timed_out else []
        if round_.everyone_answered:
            return told + self._close_question(now)
        return told + self._changed(now, students=[seat])

    def _guess(self, conn: int, message: protocol.Guess, now: float) -> list[Outgoing]:
        seat = self._by_conn.get(conn)
        if seat is None:
            return [self._error(conn, ErrorCode.NOT_JOINED)]
        if not self.started:
            return [self._error(conn, ErrorCode.NOT_OPEN)]
        if self.paused:
            return [self._error(conn, ErrorCode.PAUSED)]
        taken = self._round.guess(seat.student, message.text, self._clock(now))
        if isinstance(taken, Refusal):
            return [self._error(conn, _REFUSAL_CODES[taken])]
        score = self._round.students[seat.student].score
        sent: list[Outgoing] = [
            (conn, protocol.guess_result(taken.right, taken.points.total, score))
        ]
        if self._round.everyone_guessed:
            return sent + self._end(now)
        # a right guess changes the standings (others' places): everybody's state
        return sent + self._changed(now, everyone=taken.right, students=[seat])

    # -- the teacher --------------------------------------------------------------------

    def _teacher(self, conn: int, message: protocol.Teacher, now: float) -> list[Outgoing]:
        if conn in self._by_conn or not secrets_module.compare_digest(
            message.token.encode(), self.teacher_token.encode()
        ):
            return [self._error(conn, ErrorCode.NOT_TEACHER)]
        self._teachers.add(conn)
        return [(conn, self._teacher_state(now))]

    def _command(self, command: cmd.TeacherCommand, now: float, conn: int | None) -> list[Outgoing]:
        refusal = self._command_refusal(command)
        if refusal is not None:
            code, text = refusal
            self._tell(text, now)
            self.version += 1
            return [] if conn is None else [(conn, protocol.error(code, text))]
        match command:
            case cmd.Start():
                return self._start(now)
            case cmd.Next():
                if self.paused:  # moving on is going on: the next question never opens paused
                    self.paused = False
                    self._sync_clock(now)
                return self._next(now)
            case cmd.Pause():
                self._stop_clock(now)
                self.paused = True
                return self._changed(now, everyone=True)
            case cmd.Resume():
                self.paused = False
                self._sync_clock(now)
                return self._changed(now, everyone=True)
            case cmd.ShowLeaderboard(show=show):
                self.leaderboard_on = show
                if not show:
                    self._leaderboard_showing = False
                if show:
                    self._tell(self._t.gettext("The leaderboard is shown between questions."), now)
                else:
                    self._tell(self._t.gettext("The leaderboard is hidden."), now)
                return self._changed(now, everyone=True)
            case cmd.RemoveStudent(student=student):
                return self._remove(student, now)
            case cmd.AcceptAnswer(text=text):
                return self._accept(text, now)
            case cmd.EndGame():
                return self._end(now)
        return []

    def _command_refusal(self, command: cmd.TeacherCommand) -> tuple[ErrorCode, str] | None:
        """Why ``command`` cannot be taken now, if it cannot."""
        t = self._t
        if self.finished:
            return ErrorCode.GAME_OVER, self._error_text(ErrorCode.GAME_OVER)
        phase = self.phase
        match command:
            case cmd.Start() | cmd.Next() if phase == "lobby":
                if not self._round.active_students:
                    return ErrorCode.NO_STUDENTS, self._error_text(ErrorCode.NO_STUDENTS)
            case cmd.Start():
                return ErrorCode.NOT_NOW, t.gettext("The game has started already.")
            case cmd.Pause() | cmd.Resume() if phase == "lobby":
                return ErrorCode.NOT_NOW, t.gettext("The game has not started yet.")
            case cmd.Pause() if self.paused:
                return ErrorCode.NOT_NOW, t.gettext("The game is paused already.")
            case cmd.Resume() if not self.paused:
                return ErrorCode.NOT_NOW, t.gettext("The game is not paused.")
            case cmd.RemoveStudent(student=student):
                if not 0 <= student < len(self._seats):
                    return ErrorCode.NOT_NOW, t.gettext("There is no such student in this game.")
                if self._round.students[student].removed:
                    return ErrorCode.NOT_NOW, t.gettext(
                        "{name} is out of the game already.",
                        name=self._round.students[student].name,
                    )
            case cmd.AcceptAnswer():
                question = self._round.question
                if (
                    phase not in ("reveal", "leaderboard")
                    or question is None
                    or isinstance(question, ChoiceQuestion | TrueFalseQuestion)
                ):
                    return ErrorCode.NOT_NOW, t.gettext(
                        "An answer can be accepted at the reveal of a typed question."
                    )
        return None

    def _start(self, now: float) -> list[Outgoing]:
        self.started = True
        self._restart_clock(now)
        return self._changed(now, everyone=True)

    def _next(self, now: float) -> list[Outgoing]:
        round_ = self._round
        if not self.started:
            return self._start(now)
        if round_.phase is LivePhase.QUESTION:
            return self._close_question(now)
        if round_.phase is LivePhase.REVEAL:
            if self.leaderboard_on and not self._leaderboard_showing:
                self._leaderboard_showing = True
                return self._changed(now, everyone=True)
            self._leaderboard_showing = False
            round_.next_question()
            if round_.phase is LivePhase.ENDED:
                return self._finish(now)
            if round_.phase is LivePhase.FINAL_GUESS and round_.everyone_guessed:
                # everybody has the picture already: no last guess to wait for
                return self._end(now)
            self._restart_clock(now)
            return self._changed(now, everyone=True)
        return self._end(now)

    def _close_question(self, now: float) -> list[Outgoing]:
        seconds = self._clock(now)
        closes_at = self._round.closes_at
        if closes_at is not None:
            # a tick comes a little after the time is up: the question closed at its time
            seconds = min(seconds, closes_at)
        self._round.close_question(seconds)
        self._clock_base, self._clock_from = seconds, None
        self._leaderboard_showing = False
        return self._changed(now, everyone=True)

    def _remove(self, student: int, now: float) -> list[Outgoing]:
        seat = self._seats[student]
        name = self._round.students[student].name
        # Translators: shown to the teacher when they removed a student from the game.
        self._tell(self._t.gettext("{name} was removed from the game", name=name), now)
        return self._remove_seat(seat, self._error_text(ErrorCode.REMOVED), now)

    def _remove_seat(self, seat: _Seat, told: str, now: float) -> list[Outgoing]:
        self._round.remove(seat.student)
        self._standings_now = None  # the removed leave the standings (no event says so)
        sent: list[Outgoing] = []
        if seat.conn is not None:
            sent.append((seat.conn, protocol.removed(told)))
            self._by_conn.pop(seat.conn, None)
            seat.conn = None
        round_ = self._round
        if self.started and round_.phase is LivePhase.QUESTION and round_.everyone_answered:
            return sent + self._close_question(now)
        if round_.everyone_guessed:
            return sent + self._end(now)
        return sent + self._changed(now, everyone=True)

    def _accept(self, text: str, now: float) -> list[Outgoing]:
        round_ = self._round
        index = round_.question_index
        assert index is not None
        changed = round_.accept_answer(text, round_.question_number)
        accepted = self._t.ngettext(
            "“{answer}” now counts as right: {count} answer changed.",
            "“{answer}” now counts as right: {count} answers changed.",
            changed,
            answer=text,
        )
        if self._journal is not None:
            stored = self._t.render(self._journal.accept_answer(self.pack.id, index, text))
            # Translators: {accepted} and {stored} are two sentences said one after the
            # other: what changed in this game, then what happened to the pack's file.
            accepted = self._t.gettext("{accepted} {stored}", accepted=accepted, stored=stored)
        self._tell(accepted, now)
        return self._changed(now, everyone=True)

    def _end(self, now: float) -> list[Outgoing]:
        if not self.started:
            self.finished = True
            self._tell(self._t.gettext("The game ended before it started."), now, lasts=True)
            if self._journal is not None:
                self._journal.drop()
            self.version += 1
            return self._everyone_states(now) + self._teacher_states(now)
        self._round.end()
        return self._finish(now)

    def _finish(self, now: float) -> list[Outgoing]:
        self._stop_clock(now)
        self.paused = False
        self._leaderboard_showing = False
        self.finished = True
        summary = self._round.summary
        assert summary is not None
        if self._journal is not None:
            roster = [
                RosterEntry(
                    s.student,
                    self._round.students[s.student].name,
                    s.player,
                    self._round.students[s.student].removed,
                )
                for s in self._seats
            ]
            self._tell(
                self._t.render(self._journal.finish(summary, roster, self._trophies.earned)),
                now,
                lasts=True,
            )
        self.version += 1
        return self._everyone_states(now) + self._teacher_states(now)

    # -- after every change ---------------------------------------------------------------

    def _changed(
        self, now: float, *, everyone: bool = False, students: Sequence[_Seat] = ()
    ) -> list[Outgoing]:
        """The game changed: bump the version, save, and send the new states (to every
        student, or to ``students`` only) and the teacher's."""
        self.version += 1
        if self._journal is not None and not self.finished:
            save_later = getattr(self._journal, "save_later", None)
            if save_later is not None:
                # built once for all the changes the journal commits together
                failed = save_later(lambda: self.saved_state(now))
            else:
                failed = self._journal.save(self.saved_state(now))
            if failed is not None:  # the one line that says why the game is not saved
                self._tell(failed, now, lasts=True)
        if everyone:
            return self._everyone_states(now) + self._teacher_states(now)
        places = self._places()
        sent = [
            (s.conn, self._student_state(s, now, places)) for s in students if s.conn is not None
        ]
        # a student's move: the teacher's state (every student's line) waits for
        # :meth:`pending`, once for all the moves that came together
        self._teachers_due = bool(self._teachers)
        return sent

    def pending(self, now: float) -> list[Outgoing]:
        """What was held back to go once for many changes: the teacher's state after the
        students' moves (building it for each of 200 answers in a second was most of an
        answer's cost: a line per student). The server calls this after it has handled the
        frames that came together, before it answers them; [] when nothing waits."""
        if not self._teachers_due:
            return []
        return self._teacher_states(now)

    def _everyone_states(self, now: float) -> list[Outgoing]:
        places = self._places()
        return [
            (s.conn, self._student_state(s, now, places)) for s in self._seats if s.conn is not None
        ]

    def _teacher_states(self, now: float) -> list[Outgoing]:
        self._teachers_due = False  # this one is the newest
        if not self._teachers:
            return []
        return [("teachers", self._teacher_state(now))]

    # -- the clock ------------------------------------------------------------------------

    def _clock(self, now: float) -> float:
        if self._clock_from is None:
            return self._clock_base
        return self._clock_base + max(0.0, now - self._clock_from)

    def _clock_runs(self) -> bool:
        return self._clock_from is not None

    def _should_run(self) -> bool:
        return (
            self.started
            and not self.paused
            and self._round.phase in (LivePhase.QUESTION, LivePhase.FINAL_GUESS)
        )

    def _stop_clock(self, now: float) -> None:
        self._clock_base, self._clock_from = self._clock(now), None

    def _restart_clock(self, now: float) -> None:
        """A new question (or the final guess): its clock from 0."""
        self._clock_base, self._clock_from = 0.0, None
        self._sync_clock(now)

    def _sync_clock(self, now: float) -> None:
        self._stop_clock(now)
        if self._should_run():
            self._clock_from = now

    # -- what is sent -----------------------------------------------------------------------

    def _question_open(self) -> bool:
        return self.started and self._round.phase is LivePhase.QUESTION

    def _scores_changed(self, _event: object) -> None:
        # every event of the round (a join, the answers scored at a close, an accepted
        # answer, a guess, the end) may change a score or who is in the standings
        self._standings_now = None

    def _current_standings(self) -> tuple[Standing, ...]:
        if self._standings_now is None:
            self._standings_now = self._round.standings()
            self._places_now = {s.index: s.place for s in self._standings_now}
        return self._standings_now

    def _places(self) -> dict[int, int]:
        self._current_standings()
        return self._places_now

    def _standings(self) -> tuple[StandingLine, ...]:
        return tuple(
            StandingLine(s.index, s.name, s.score, s.place) for s in self._current_standings()
        )

    def _podium(self) -> tuple[StandingLine, ...]:
        """Every active student in places 1 to 3 (ties share a place, so all who tied
        stand on the podium; at most the round's cap)."""
        return tuple(
            StandingLine(s.index, s.name, s.score, s.place) for s in self._round.podium().lines
        )

    def _final_guessed(self) -> int:
        """In the final guess: the active students who have made their last guess or have
        the picture already; 0 in another phase."""
        round_ = self._round
        if round_.phase is not LivePhase.FINAL_GUESS:
            return 0
        return sum(
            1
            for index in round_.active_students
            if round_.students[index].guessed_right or self._guessed_this_question(index)
        )

    def _roster_line(self, seat: _Seat) -> RosterLine:
        student = self._round.students[seat.student]
        return RosterLine(
            student=seat.student,
            name=student.name,
            connected=seat.conn is not None,
            removed=student.removed,
            score=student.score,
            answered=self._answered(seat.student),
        )

    def _answered(self, student: int) -> bool:
        """Whether ``student`` has answered the open question (False with none open)."""
        round_ = self._round
        if not self._question_open():
            return False
        return self._answered_now.get(student) == round_.question_number

    def _guessed_this_question(self, student: int) -> bool:
        round_ = self._round
        turn = round_.question_number + (1 if round_.phase is LivePhase.FINAL_GUESS else 0)
        return turn in round_.students[student].guessed_in

    def _question_view(self, now: float) -> QuestionView | None:
        round_ = self._round
        question = round_.question
        if not self.started or question is None:
            return None
        clock = self._clock(now)
        limit = round_.time_limit
        closes_at = round_.closes_at
        return QuestionView(
            number=round_.question_number,
            total=round_.questions_total,
            kind=_kind(question),
            prompt=question.prompt,
            image=question.image,
            choices=_choice_views(question),
            seconds_left=_left(limit, clock),
            time_limit=limit,
            closes_in=_left(closes_at, clock),
        )

    def _result_view(self) -> QuestionResultView | None:
        round_ = self._round
        result = round_.question_result
        question = round_.question
        if round_.phase is not LivePhase.REVEAL or result is None or question is None:
            return None
        return QuestionResultView(
            answered=result.answered,
            right=result.right,
            choice_counts=result.choice_counts,
            truth_counts=result.truth_counts,
            responses=tuple(ResponseLine(r.text, r.count, r.right) for r in result.responses),
            right_choices=_right_choices(question),
            right_answer=self._t.render(result.right_answer),
            explain=result.explain,
            tile_uncovered=result.tile is not None,
            refused=tuple(r.text for r in result.responses if not r.right),
            right_truth=question.answer if isinstance(question, TrueFalseQuestion) else None,
        )

    def _question_message(self, seat: _Seat, now: float) -> dict[str, Any] | None:
        round_ = self._round
        question = round_.question
        if not self.started or question is None:
            return None
        clock = self._clock(now)
        return {
            "number": round_.question_number,
            "total": round_.questions_total,
            "kind": _kind(question),
            "prompt": question.prompt,
            "choices": [
                {"letter": c.letter, "text": c.text, "colour": c.colour, "shape": c.shape}
                for c in _choice_views(question)
            ],
            "seconds_left": _left(round_.time_limit_for(seat.student), clock),
            "time_limit": round_.time_limit_for(seat.student),
        }

    def _student_state(self, seat: _Seat, now: float, places: dict[int, int]) -> dict[str, Any]:
        round_ = self._round
        student = round_.students[seat.student]
        phase = self.phase
        revealed = round_.phase is LivePhase.REVEAL
        ended = round_.phase is LivePhase.ENDED
        can_guess = (
            self.started
            and not self.paused
            and not ended
            and not student.removed
            and not student.guessed_right
            and not self._guessed_this_question(seat.student)
        )
        fields: dict[str, Any] = {
            "phase": "reveal" if phase == "leaderboard" else phase,
            "paused": self.paused,
            "question": self._question_message(seat, now),
            "you": {
                "student": seat.student,
                "name": student.name,
                "answered": self._answered(seat.student),
                "guessed_this_question": self._guessed_this_question(seat.student),
                "guessed_right": student.guessed_right,
                "can_guess": can_guess,
                "score": student.score,
                "place": places.get(seat.student),
            },
            "result": self._student_result(seat) if revealed else None,
            "leaderboard": self._top(LEADERBOARD_SIZE) if phase == "leaderboard" else None,
            "podium": [
                {"student": s.student, "name": s.name, "score": s.score, "place": s.place}
                for s in self._podium()
            ]
            if ended
            else None,
            "mystery": self._mystery_message() if ended else None,
            "tiles": {
                "hidden": round_.board.hidden_count,
                "total": round_.board.total,
            },
        }
        return protocol.state(**fields)

    def _student_result(self, seat: _Seat) -> dict[str, Any] | None:
        round_ = self._round
        result = round_.question_result
        question = round_.question
        if result is None or question is None:
            return None
        own = round_.result_for(seat.student)
        return {
            "answered": own.answered if own else False,
            "right": own.right if own else False,
            "points": own.points.total if own else 0,
            "score": own.score if own else round_.students[seat.student].score,
            "place": own.place if own else None,
            "streak": own.streak if own else 0,
            "right_answer": self._t.render(result.right_answer),
            "right_choices": list(_right_choices(question)),
            "explain": result.explain,
            "tile_uncovered": result.tile is not None,
        }

    def _top(self, size: int) -> list[dict[str, Any]]:
        return [
            {"student": s.index, "name": s.name, "score": s.score, "place": s.place}
            for s in self._current_standings()
            if s.place <= size
        ][: size * 2]

    def _mystery_message(self) -> dict[str, Any]:
        round_ = self._round
        guessers = round_.right_guessers
        return {
            "answer": round_.mystery.answer,
            "caption": round_.mystery.caption,
            "first_guesser": round_.students[guessers[0]].name if guessers else None,
        }

    def _teacher_state(self, now: float) -> dict[str, Any]:
        round_ = self._round
        question = self._question_view(now)
        result = self._result_view()
        refused: list[dict[str, Any]] = []
        if result is not None:
            refused = [{"text": r.text, "count": r.count} for r in result.responses if not r.right]
        return protocol.teacher_state(
            phase=self.phase,
            paused=self.paused,
            pin=self.pin,
            leaderboard=self.leaderboard_on,
            question=None
            if question is None
            else {
                "number": question.number,
                "total": question.total,
                "kind": question.kind,
                "prompt": question.prompt,
                "seconds_left": question.seconds_left,
                "closes_in": question.closes_in,
            },
            players=[
                {
                    "student": line.student,
                    "name": line.name,
                    "connected": line.connected,
                    "removed": line.removed,
                    "answered": line.answered,
                    "score": line.score,
                }
                for line in (self._roster_line(seat) for seat in self._seats)
            ],
            answered=round_.answered_count if self._question_open() else 0,
            active=len(round_.active_students),
            guessed_right=len(round_.right_guessers),
            refused=refused,
            # the teacher's page shows the right answer at the reveal; before it the key is
            # not even sent, so that no message of an open question holds an answer field
            **({} if result is None else {"right_answer": result.right_answer}),
            notice=self._notice_text(now),
        )

    def _tell(self, notice: Message | str, now: float, *, lasts: bool = False) -> None:
        """Say ``notice`` to the teacher (the projector's line and the teacher's page
        alike): it goes when the game moves on (a question asked or closed, a pause or a
        resume, the end) or, unless it ``lasts`` (it tells a state: the game found paused,
        not saved, saved at its end), after :data:`NOTICE_SECONDS`."""
        self._notice = notice
        self._notice_at = now
        self._notice_lasts = lasts
        self._notice_stage = None

    def _stage(self) -> tuple[Any, ...]:
        round_ = self._round
        return (self.started, self.finished, round_.phase, round_.question_number, self.paused)

    def _stamp_notice(self) -> None:
        if self._notice is not None and self._notice_stage is None:
            self._notice_stage = self._stage()

    def _notice_text(self, now: float) -> str | None:
        notice = self._notice
        if notice is not None and (
            (self._notice_stage is not None and self._notice_stage != self._stage())
            or (not self._notice_lasts and now - self._notice_at > NOTICE_SECONDS)
        ):
            self._notice = notice = None
        self._notice_shown = notice is not None
        return None if notice is None else self._t.render(notice)

    # -- errors ---------------------------------------------------------------------------

    def _error(self, conn: int, code: ErrorCode, text: str | None = None) -> Outgoing:
        return (conn, protocol.error(code, text if text is not None else self._error_text(code)))

    def _error_text(self, code: ErrorCode) -> str:
        """The one line a student (or the teacher) reads for ``code``."""
        t = self._t
        match code:
            case ErrorCode.BAD_PIN:
                return t.gettext("There is no game with this PIN here; check the PIN.")
            case ErrorCode.NAME_TAKEN:
                return t.gettext("Somebody in this game has this name already; choose another.")
            case ErrorCode.NAME_INVALID:
                return t.ngettext(
                    "Choose a name of 1 to {count} letter.",
                    "Choose a name of 1 to {count} letters.",
                    protocol.MAX_NAME_CHARS,
                )
            case ErrorCode.UNKNOWN_PLAYER:
                return t.gettext("This name is not on the class list.")
            case ErrorCode.UNKNOWN_TOKEN:
                return t.gettext("This game does not know you; join with the PIN.")
            case ErrorCode.TOO_BIG:
                return t.gettext("The message is too long.")
            case ErrorCode.RATE_LIMITED:
                return t.gettext(
                    "Too many messages at once: this one was not taken. Wait a moment."
                )
            case ErrorCode.NOT_JOINED:
                return t.gettext("Join the game first.")
            case ErrorCode.NOT_OPEN:
                return t.gettext("No question is open now.")
            case ErrorCode.PAUSED:
                return t.gettext("The game is paused.")
            case ErrorCode.WRONG_QUESTION:
                return t.gettext("That answer was for another question.")
            case ErrorCode.ALREADY_ANSWERED:
                return t.gettext("You have answered this question already.")
            case ErrorCode.TOO_LATE:
                return t.gettext("Too late: your time for this question was up.")
            case ErrorCode.ALREADY_GUESSED:
                return t.gettext(
                    "You have guessed the picture in this question; guess again in the next one."
                )
            case ErrorCode.GUESSED_RIGHT:
                return t.gettext("You have guessed the picture already.")
            case ErrorCode.BAD_ANSWER:
                return t.gettext("That answer does not fit this question.")
            case ErrorCode.REMOVED:
                return t.gettext("The teacher has removed you from the game.")
            case ErrorCode.NOT_TEACHER:
                return t.gettext("Only the teacher's page can do that.")
            case ErrorCode.NO_STUDENTS:
                return t.gettext("Nobody has joined yet.")
            case ErrorCode.GAME_OVER:
                return t.gettext("The game is over.")
            case ErrorCode.NOT_NOW:
                return t.gettext("Not now.")
        return t.gettext("The game cannot read this message.")


_REFUSAL_CODES: dict[Refusal, ErrorCode] = {
    Refusal.UNKNOWN_STUDENT: ErrorCode.NOT_JOINED,
    Refusal.REMOVED: ErrorCode.REMOVED,
    Refusal.NOT_OPEN: ErrorCode.NOT_OPEN,
    Refusal.WRONG_QUESTION: ErrorCode.WRONG_QUESTION,
    Refusal.ALREADY_ANSWERED: ErrorCode.ALREADY_ANSWERED,
    Refusal.ALREADY_GUESSED: ErrorCode.ALREADY_GUESSED,
    Refusal.GUESSED_RIGHT: ErrorCode.GUESSED_RIGHT,
    Refusal.BAD_CHOICE: ErrorCode.BAD_ANSWER,
    Refusal.ROUND_ENDED: ErrorCode.GAME_OVER,
}


def _kind(question: Question) -> str:
    if isinstance(question, ChoiceQuestion):
        return "choice"
    if isinstance(question, TrueFalseQuestion):
        return "truefalse"
    if isinstance(question, NumberQuestion):
        return "number"
    return "typed"


def _choice_views(question: Question) -> tuple[ChoiceView, ...]:
    if not isinstance(question, ChoiceQuestion):
        return ()
    return tuple(
        ChoiceView(text, look.letter, look.colour, look.shape)
        for text, look in zip(question.choices, CHOICE_LOOKS, strict=False)
    )


def _right_choices(question: Question) -> tuple[int, ...]:
    if isinstance(question, ChoiceQuestion):
        return question.right_indexes
    return ()


def _response(round_: LiveRound, question: Question, message: protocol.Answer) -> str | bool | None:
    """The answer as the round takes it (a choice's text, a bool, the typed text), or None
    when it does not fit the question's kind. A choice's index is its place as dealt on
    the screens (A is 0: :meth:`LiveRound.choice_text`), never the pack's order."""
    if isinstance(question, ChoiceQuestion):
        if message.choice is None:
            return None
        return round_.choice_text(message.choice)
    if isinstance(question, TrueFalseQuestion):
        return message.truth
    return message.text


def _left(limit: float | None, clock: float) -> float | None:
    """Seconds left of ``limit`` at ``clock``, to a tenth, never below 0."""
    if limit is None:
        return None
    return round(max(0.0, limit - clock), 1)


__all__ = [
    "GameHost",
    "Journal",
    "Outgoing",
    "RosterEntry",
    "Target",
]
