"""The messages between the game and the students' and teacher's pages (protocol v1).

Every message is one JSON object in one WebSocket text frame, with ``"v": 1`` and a
``"type"``; ``docs/class-protocol.md`` describes each with an example. What a client sends
is checked here, on arrival, before the game sees it (issue 13, "the server decides"):
:func:`parse_client_message` turns a frame into one of the pydantic models below or raises
:class:`ProtocolError` with a code the page understands and a one-line reason. Nothing a
client sends can make the game crash: unknown fields, a wrong type of value, a second
answer field, a text too long, a number where text belongs are all refused.

The limits (and why):

- a frame is at most :data:`MAX_FRAME_BYTES` (4 KiB: the longest legal message is about
  1 KiB; the server refuses a longer one before it is read);
- a nickname (:func:`clean_name`) is in Unicode's NFC form (so "é" typed on a Mac and on
  Windows is one name), without the characters nobody sees (Unicode's
  Default_Ignorable_Code_Point: zero-width spaces and joiners, the byte-order mark, the
  soft hyphen, LRM/RLM/ALM, variation selectors, tag characters, the Hangul fillers, and
  the blank Braille pattern U+2800), with runs of spaces as one space and its ends
  trimmed; it has at least one letter or digit, no control, line-breaking,
  bidirectional-override, private-use or unassigned characters, at most
  :data:`MAX_MARKS` combining marks on a letter, and it is at most :data:`MAX_NAME_CHARS`
  columns wide (:func:`name_width`: a wide East Asian character or an emoji is two, a
  compatibility character as wide as what it stands for, and "﷽", one character that
  writes a phrase, twelve): a name fits a line of the projector's roster;
- two nicknames are the same name (:func:`name_key`) when they are equal in Unicode's
  NFKC form with letter case folded: "Anna", "ANNA", "Ａｎｎａ" and "𝐀𝐧𝐧𝐚" are one name;
- a typed answer or a guess is 1 to :data:`MAX_TEXT_CHARS` characters (the longest answer
  a pack may have is far shorter), trimmed, with no control characters;
- a game PIN is exactly six ASCII digits (:data:`PIN_PATTERN`);
- tokens are URL-safe base64 (``secrets.token_urlsafe``), at most 64 characters.

What the server sends is built by the functions at the end (plain dicts, ready for JSON).
"""

from __future__ import annotations

import json
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from clarity.classroom import commands
from clarity.core.messages import Message, message, plural_message

VERSION = 1
MAX_FRAME_BYTES = 4096
MAX_NAME_CHARS = 24
MAX_TEXT_CHARS = 200
MAX_TOKEN_CHARS = 64
PIN_PATTERN = r"^[0-9]{6}$"
MAX_CHOICES = 6


class ErrorCode(StrEnum):
    """What went wrong, for the page to act on (the message says it to the student)."""

    BAD_PIN = "bad_pin"  # no game with this PIN here, or not six digits
    NAME_TAKEN = "name_taken"  # another student has this name (look-alikes too), or the
    # class list has it (the message says to pick it from the list)
    NAME_INVALID = "name_invalid"  # empty, too long, or with control characters
    UNKNOWN_PLAYER = "unknown_player"  # not on the class list
    UNKNOWN_TOKEN = "unknown_token"  # a rejoin token this game never gave
    BAD_MESSAGE = "bad_message"  # not JSON, or not a message of this protocol
    TOO_BIG = "too_big"  # a frame over MAX_FRAME_BYTES
    RATE_LIMITED = "rate_limited"  # too many messages a second; this one was dropped
    NOT_JOINED = "not_joined"  # an answer or a guess before joining
    NOT_OPEN = "not_open"  # no question open (or no guessing) now
    PAUSED = "paused"  # the teacher paused the game
    WRONG_QUESTION = "wrong_question"  # an answer to another question than the open one
    ALREADY_ANSWERED = "already_answered"
    TOO_LATE = "too_late"  # an answer after the student's time: taken, counted as no answer
    ALREADY_GUESSED = "already_guessed"  # once per question
    GUESSED_RIGHT = "guessed_right"  # has the picture already
    BAD_ANSWER = "bad_answer"  # an answer that does not fit the question (a choice it lacks)
    REMOVED = "removed"  # the teacher removed this student
    NOT_TEACHER = "not_teacher"  # a teacher's message without the teacher's token
    NOT_NOW = "not_now"  # a teacher's command the game's phase does not allow
    NO_STUDENTS = "no_students"  # start with nobody joined
    GAME_OVER = "game_over"


class ProtocolError(Exception):
    """A frame that is not a valid client message: ``code`` for the page, ``detail`` the
    reason for a person (a Message, rendered in the game's language by whoever sends it)."""

    def __init__(self, code: ErrorCode, detail: Message) -> None:
        super().__init__(f"{code.value}: {detail}")
        self.code = code
        self.detail = detail


# -- checks of texts -------------------------------------------------------------

# Bidirectional embeddings, overrides and isolates: shown on the projector they would
# reorder whatever follows them (Unicode's Trojan Source advisory, CVE-2021-42574).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in _BIDI_CONTROLS


def clean_text(text: str) -> str:
    """``text`` trimmed and in NFC; raises ValueError when it has a control character."""
    cleaned = unicodedata.normalize("NFC", text).strip()
    if any(_is_control(char) for char in cleaned):
        raise ValueError("a control character")
    return cleaned


#: The most combining marks one letter may carry in a name (Vietnamese needs two).
MAX_MARKS = 3

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), less the bidirectional
# controls refused above, plus the blank Braille pattern: characters that show as nothing,
# so "An" + U+200B + "na" would pass for another student than "Anna".
_UNSEEN = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# The zero-width joiner and non-joiner: they make one emoji of several (a family) or join
# letters (Persian, Indic scripts) between two visible characters; anywhere else they only
# hide (see :func:`_without_idle_joiners`), and two names never differ by them alone.
_JOINERS = re.compile("[\u200c\u200d]")
# What may not stand in a name once the unseen are gone: format characters (the
# interlinear annotation marks), private-use and unassigned code points (noncharacters
# among them): nobody can tell what they show as.
_NOT_IN_A_NAME = frozenset(("Cf", "Co", "Cn"))


def clean_name(name: str) -> str:
    """``name`` as the game keeps it (the rule in the module's docstring); raises
    ValueError when it breaks the rule."""
    if any(_is_control(char) for char in name):
        raise ValueError("a control character")
    cleaned = _without_idle_joiners(
        " ".join(_UNSEEN.sub("", unicodedata.normalize("NFC", name)).split())
    )
    marks = 0
    for char in cleaned:
        category = unicodedata.category(char)
        if category in _NOT_IN_A_NAME and _JOINERS.match(char) is None:
            raise ValueError("a character nobody can see")
        marks = marks + 1 if category in ("Mn", "Me") else 0
        if marks > MAX_MARKS:
            raise ValueError("too many marks on one letter")
    if not any(unicodedata.category(char)[0] in "LN" for char in cleaned):
        raise ValueError("no letter or digit")
    if name_width(cleaned) > MAX_NAME_CHARS:
        raise ValueError("too wide")
    return cleaned


def _without_idle_joiners(text: str) -> str:
    def idle(at: int) -> bool:
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        return before.isspace() or after.isspace() or _JOINERS.match(after) is not None

    return "".join(
        char for at, char in enumerate(text) if not (_JOINERS.match(char) and idle(at))
    ).strip()


def name_width(name: str) -> int:
    """Columns ``name`` takes on a line: 2 for a wide or fullwidth East Asian character or
    an emoji (East_Asian_Width W or F), 0 for a combining mark, and a compatibility
    character as wide as its NFKC form (the ligature "﷽" writes a whole phrase); 1 else."""
    return sum(_char_width(char) for char in name)


# Characters that write a whole phrase in one, without a compatibility form to measure:
# U+FDFD, the basmala, is drawn about as wide as twelve letters.
_PHRASES = {"\ufdfd": 12}


def _char_width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me"):
        return 0
    if char in _PHRASES:
        return _PHRASES[char]
    own = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    compatible = unicodedata.normalize("NFKC", char)
    if compatible == char:
        return own
    return max(own, sum(_char_width(c) for c in compatible if c != char))


def name_key(name: str) -> str:
    """The form two names are compared in: "Аня" and "аня " are the same student, and so
    are look-alikes Unicode folds together ("Ａｎｎａ", "𝐀𝐧𝐧𝐚", "ﬁona" and "Anna", "fiona"):
    NFKC with letter case folded, the unseen characters dropped."""
    folded = unicodedata.normalize("NFKC", _JOINERS.sub("", _UNSEEN.sub("", name))).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


Name = Annotated[
    str,
    StringConstraints(max_length=4 * MAX_NAME_CHARS),
    AfterValidator(clean_name),
]
Text = Annotated[
    str,
    StringConstraints(max_length=4 * MAX_TEXT_CHARS),
    AfterValidator(clean_text),
    StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS),
]
Pin = Annotated[str, StringConstraints(pattern=PIN_PATTERN)]
Token = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TOKEN_CHARS, pattern=r"^[A-Za-z0-9_-]+$")
]
Count = Annotated[int, Field(ge=0, le=1_000_000)]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    v: Literal[1]


# -- student -> server ------------------------------------------------------------


class CheckPin(_Message):
    """A student's page asks whether ``pin`` is this game's, before it asks for a name:
    the answer to the right PIN (``pin_ok``) carries the class list to pick a name from,
    which nobody without the PIN sees (the names of a class are the school's to keep)."""

    type: Literal["check_pin"]
    pin: Pin


class Join(_Message):
    """A student joins: with the game's PIN and a nickname (``name``), or with the PIN and
    a ``player`` id from the class list, or with a rejoin ``token`` (a reload or a lost
    connection: the same student, the same score; the PIN may come along)."""

    type: Literal["join"]
    pin: Pin | None = None
    name: Name | None = None
    player: Count | None = None
    token: Token | None = None

    @model_validator(mode="after")
    def _one_way_in(self) -> Join:
        ways = sum(value is not None for value in (self.name, self.player, self.token))
        if ways != 1:
            raise ValueError("give exactly one of name, player, token")
        if self.token is None and self.pin is None:
            raise ValueError("pin is required with a name or a player")
        return self


class Answer(_Message):
    """An answer to question number ``question`` (1-based, the open one): the index of a
    ``choice`` (0-based), a ``truth`` for true/false, or the ``text`` typed."""

    type: Literal["answer"]
    question: Annotated[int, Field(ge=1, le=100_000)]
    choice: Annotated[int, Field(ge=0, lt=MAX_CHOICES)] | None = None
    truth: bool | None = None
    text: Text | None = None

    @model_validator(mode="after")
    def _one_response(self) -> Answer:
        if sum(value is not None for value in (self.choice, self.truth, self.text)) != 1:
            raise ValueError("give exactly one of choice, truth, text")
        return self


class Guess(_Message):
    """A guess of the mystery picture."""

    type: Literal["guess"]
    text: Text


class Leave(_Message):
    """The student leaves the game for good (their place is kept in the results)."""

    type: Literal["leave"]


# -- teacher -> server -------------------------------------------------------------


class Teacher(_Message):
    """The first message of the teacher's page: the teacher's token from its address."""

    type: Literal["teacher"]
    token: Token


CommandName = Literal["start", "next", "pause", "resume", "leaderboard", "remove", "accept", "end"]
_COMMAND_FIELDS: dict[str, str | None] = {
    "start": None,
    "next": None,
    "pause": None,
    "resume": None,
    "leaderboard": "show",
    "remove": "student",
    "accept": "text",
    "end": None,
}


class Command(_Message):
    """A teacher's command: ``show`` goes with "leaderboard", ``student`` with "remove",
    ``text`` with "accept", and nothing else with any of them."""

    type: Literal["command"]
    command: CommandName
    show: bool | None = None
    student: Count | None = None
    text: Text | None = None

    @model_validator(mode="after")
    def _its_field(self) -> Command:
        wanted = _COMMAND_FIELDS[self.command]
        for field in ("show", "student", "text"):
            given = getattr(self, field) is not None
            if given != (field == wanted):
                raise ValueError(f"{self.command} takes {wanted or 'no other field'}")
        return self

    def teacher_command(self) -> commands.TeacherCommand:
        """This command as the value the host takes."""
        match self.command:
            case "start":
                return commands.Start()
            case "next":
                return commands.Next()
            case "pause":
                return commands.Pause()
            case "resume":
                return commands.Resume()
            case "leaderboard":
                assert self.show is not None
                return commands.ShowLeaderboard(self.show)
            case "remove":
                assert self.student is not None
                return commands.RemoveStudent(self.student)
            case "accept":
                assert self.text is not None
                return commands.AcceptAnswer(self.text)
            case _:
                return commands.EndGame()


ClientMessage = Annotated[
    CheckPin | Join | Answer | Guess | Leave | Teacher | Command, Field(discriminator="type")
]
_CLIENT_MESSAGE: TypeAdapter[Any] = TypeAdapter(ClientMessage)
MESSAGE_TYPES = frozenset(("check_pin", "join", "answer", "guess", "leave", "teacher", "command"))


def parse_client_message(
    frame: str | bytes,
) -> CheckPin | Join | Answer | Guess | Leave | Teacher | Command:
    """One frame from a page as a message. Raises :class:`ProtocolError`: ``too_big`` over
    :data:`MAX_FRAME_BYTES`; ``bad_message`` for a frame that is not UTF-8 JSON, not an
    object, of another version or type, or not of this protocol's shape; ``bad_pin`` for
    a PIN that is not six digits; ``name_invalid`` for a nickname outside the limits."""
    size = len(frame.encode("utf-8", "surrogatepass") if isinstance(frame, str) else frame)
    if size > MAX_FRAME_BYTES:
        raise ProtocolError(ErrorCode.TOO_BIG, _too_big())
    try:
        data = json.loads(frame, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, message("The message is not JSON.")) from None
    if not isinstance(data, dict):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, message("The message is not a JSON object."))
    version = data.get("v")
    if type(version) is not int or version != VERSION:
        raise ProtocolError(
            ErrorCode.BAD_MESSAGE,
            # Translators: "reload it": the web page (the browser's reload button).
            message("This page speaks another version of the game; reload it."),
        )
    if data.get("type") not in MESSAGE_TYPES:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, message("The game knows no such message."))
    try:
        return _CLIENT_MESSAGE.validate_python(data)
    except ValidationError as error:
        raise _refusal(error) from None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _too_big() -> Message:
    return message("The message is too long.")


def _refusal(error: ValidationError) -> ProtocolError:
    """The first problem of ``error`` as the code and the words a student can act on."""
    fields = {str(item["loc"][1]) for item in error.errors() if len(item["loc"]) > 1}
    if "name" in fields:
        return ProtocolError(
            ErrorCode.NAME_INVALID,
            plural_message(
                "A name has a letter or a digit and at most {count} letter (an emoji or "
                "a wide letter counts as two), without invisible or control characters.",
                "A name has a letter or a digit and at most {count} letters (an emoji or "
                "a wide letter counts as two), without invisible or control characters.",
                MAX_NAME_CHARS,
            ),
        )
    if "pin" in fields:
        return ProtocolError(ErrorCode.BAD_PIN, message("The game PIN is six digits."))
    if "text" in fields:
        return ProtocolError(
            ErrorCode.BAD_MESSAGE,
            plural_message(
                "An answer is 1 to {count} character, without line breaks or control characters.",
                "An answer is 1 to {count} characters, without line breaks or control characters.",
                MAX_TEXT_CHARS,
            ),
        )
    return ProtocolError(ErrorCode.BAD_MESSAGE, message("The game cannot read this message."))


# -- server -> clients -------------------------------------------------------------------

#: After a message of one of these types the server closes the connection.
CLOSING_TYPES = frozenset(("removed", "replaced"))


def closes_connection(outgoing: dict[str, Any]) -> bool:
    """Whether the server closes the connection after sending ``outgoing``."""
    return outgoing.get("type") in CLOSING_TYPES


def hello(phase: str) -> dict[str, Any]:
    """To every new connection: the game's ``phase``. Nothing else: the class list goes
    only to a page that gave the game's PIN (:func:`pin_ok`)."""
    return {"v": VERSION, "type": "hello", "phase": phase}


def pin_ok(phase: str, class_list: list[dict[str, Any]]) -> dict[str, Any]:
    """The answer to a ``check_pin`` with the game's PIN: the game's ``phase`` and the
    names of the class list a student may pick ([{"player": 17, "name": "Аня"}], those not
    playing now; [] without a class list)."""
    return {"v": VERSION, "type": "pin_ok", "phase": phase, "class_list": class_list}


def welcome(token: str, student: int, name: str) -> dict[str, Any]:
    """After a join or a rejoin: the student's rejoin ``token`` (the page keeps it in its
    session storage), their id and name."""
    return {"v": VERSION, "type": "welcome", "token": token, "student": student, "name": name}


def error(code: ErrorCode, text: str) -> dict[str, Any]:
    """A refusal: ``code`` for the page, ``text`` one line in the game's language."""
    return {"v": VERSION, "type": "error", "code": code.value, "message": text}


def removed(text: str) -> dict[str, Any]:
    """The teacher removed this student (or they left): the connection closes after it."""
    return {"v": VERSION, "type": "removed", "message": text}


def replaced(text: str) -> dict[str, Any]:
    """The same student joined again from another connection (a reload, another tab):
    this one closes after it, and should not reconnect by itself."""
    return {"v": VERSION, "type": "replaced", "message": text}


def guess_result(right: bool, points: int, score: int) -> dict[str, Any]:
    """What the student's guess of the picture earned (``points`` below 0: the penalty)
    and their score after it."""
    return {"v": VERSION, "type": "guess_result", "right": right, "points": points, "score": score}


def state(**fields: Any) -> dict[str, Any]:
    """A student's view of the game (fields: see docs/class-protocol.md)."""
    return {"v": VERSION, "type": "state", **fields}


def teacher_state(**fields: Any) -> dict[str, Any]:
    """The teacher page's view of the game (fields: see docs/class-protocol.md)."""
    return {"v": VERSION, "type": "teacher_state", **fields}
