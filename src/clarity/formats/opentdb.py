"""Open Trivia DB: its API's JSON, as a teacher saves it from opentdb.com/api.php.

The API's answer (opentdb.com/api_config.php) is ``{"response_code": 0, "results":
[...]}``; each result has ``type`` ("multiple" or "boolean"), ``difficulty`` ("easy",
"medium", "hard"), ``category``, ``question``, ``correct_answer`` and
``incorrect_answers``. A bare list of results (the ``results`` alone) is read too.

``response_code`` says whether the request worked: 0 success, 1 no results (fewer
questions than asked for), 2 invalid parameter, 3 token not found, 4 token empty (the
session has had every question), 5 rate limit (one request per address every five
seconds). A file whose code is not 0 holds no questions, and is refused with the code's
meaning.

The API writes every text in one of its encodings (its ``encode`` parameter): by default
with HTML entities (``&quot;``, ``&#039;``, ``&amp;``, ``&eacute;``), ``url3986``
(percent-encoded, RFC 3986), ``urlLegacy`` (percent-encoded, a space as ``+``) or
``base64`` (every string, ``type`` and ``difficulty`` included). Which one a file uses is
found from the file: base64 when every ``type`` decodes from base64 to a known type, a
URL encoding when every string of every result is made only of the characters that
encoding leaves as they are; else the default, whose entities are decoded.

A ``multiple`` result becomes a choice question (the right answer first; the game deals
the choices in its own order), a ``boolean`` one a true/false question; ``difficulty``
becomes the question's difficulty, ``category`` its tag. Each question is placed at its
result's opening brace in the JSON text.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import get_args
from urllib.parse import unquote, unquote_plus

from clarity.core.messages import Message, message, plural_message
from clarity.core.packs.models import MAX_CHOICES, MIN_CHOICES, Difficulty, ShortText, Text
from clarity.core.packs.report import shown
from clarity.formats.source import Skipped, SourceQuestion, SourceRead, SourceUnreadable
from clarity.formats.text_positions import TextPositions

# The pack's own limits (clarity.core.packs.models): a choice or tag, a prompt.
_SHORT_LIMIT: int = get_args(ShortText)[1].max_length
_PROMPT_LIMIT: int = get_args(Text)[1].max_length

_TYPES = ("multiple", "boolean")
_JSON_SPACE = " \t\n\r"
# What each URL encoding leaves as it is: RFC 3986's unreserved characters (PHP's
# rawurlencode), and PHP's urlencode, which writes a space as "+".
_URL3986_TEXT = re.compile(r"[A-Za-z0-9._~%-]*")
_URL_LEGACY_TEXT = re.compile(r"[A-Za-z0-9._%+-]*")
# A JSON string (its closing quote optional, so that an unclosed one takes the rest of the
# text: no backtracking, one pass), or one bracket.
_JSON_TOKEN = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"?|[\[\]{}]', re.DOTALL)

# What JSON's \\u escapes can write but no text holds: half of a UTF-16 surrogate pair.
_LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")

MAX_DEPTH = 100
"""How many brackets deep an Open Trivia DB file may nest; the API's own downloads nest 3
(the download, its results list, a result) or 4 (a result's incorrect answers)."""


def read_opentdb(text: str) -> SourceRead:
    """Every question of an Open Trivia DB download ``text`` as a pack question.

    Returns choice questions ``{"type": "choice", "prompt", "choices", "answer"}`` and
    true/false ones ``{"type": "truefalse", "prompt", "answer": bool}``, with
    ``"difficulty"`` and ``"tags": [category]`` when the result has them, placed at their
    result's line and column; a result that cannot be a question (a type the game has
    not, a missing field, text that does not decode, more than 6 choices, ...) is skipped
    with the reason.

    Raises :class:`SourceUnreadable` for text that is not JSON (at the JSON error's line
    and column), JSON nested more than :data:`MAX_DEPTH` brackets deep (at the first
    bracket too many, before any of it is parsed), JSON that holds no ``results`` list, and
    a download whose ``response_code`` is not 0 (at that code).
    """
    positions = TextPositions(text)
    too_deep = _too_deep(text)
    if too_deep is not None:
        raise SourceUnreadable(*positions.at(too_deep), _nested_too_deeply())
    try:
        data = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as error:
        line, column = positions.at(error.pos)
        raise SourceUnreadable(
            line, column, message("this is not JSON here: {error}", error=error.msg)
        ) from None
    except RecursionError:  # the stack was already deep when called: said the same way
        raise SourceUnreadable(1, 1, _nested_too_deeply()) from None
    start = _skip_space(text, 0)
    if isinstance(data, dict):
        members = _object_members(text, start)
        code = data.get("response_code", 0)
        if code != 0:
            line, column = positions.at(members.get("response_code", start))
            raise SourceUnreadable(line, column, _refusal(code))
        results = data.get("results")
        if not isinstance(results, list):
            line, column = positions.at(members.get("results", start))
            raise SourceUnreadable(line, column, _not_a_download())
        offsets = _array_items(text, members["results"])
    elif isinstance(data, list):
        results = data
        offsets = _array_items(text, start)
    else:
        raise SourceUnreadable(*positions.at(start), _not_a_download())
    decode = _decoder(results)
    questions: list[SourceQuestion] = []
    skipped: list[Skipped] = []
    for result, offset in zip(results, offsets, strict=True):
        line, column = positions.at(offset)
        taken = _question(result, decode)
        if isinstance(taken, Message):
            skipped.append(Skipped(line, column, taken))
        else:
            questions.append(SourceQuestion(fields=taken, line=line, column=column))
    return SourceRead(questions=tuple(questions), skipped=tuple(skipped))


# --- where things are in the JSON text ---------------------------------------------------


def _too_deep(text: str) -> int | None:
    """The offset of the first bracket (``[`` or ``{``) outside a JSON string that opens a
    level deeper than :data:`MAX_DEPTH`, or None. One linear pass over the text, done
    before :func:`json.loads`, whose parser recurses once per level and fails with
    RecursionError (no place, no message for a teacher) on a few thousand levels."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        bracket = token[0]
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif bracket in "]}":
            depth = max(0, depth - 1)
    return None


def _json_int(digits: str) -> int | float:
    """A JSON integer; one too long for Python's int (4300 digits and more, which
    json.loads refuses with a bare ValueError) is read as a float, as JSON allows."""
    try:
        return int(digits)
    except ValueError:
        return float(digits)


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in _JSON_SPACE:
        index += 1
    return index


def _object_members(text: str, start: int) -> dict[str, int]:
    """The offset of each member's value in the JSON object opening at ``start`` (text
    already known to be valid JSON; a repeated key keeps its last place, as json does)."""
    decoder = json.JSONDecoder(parse_int=_json_int)
    places: dict[str, int] = {}
    index = _skip_space(text, start + 1)
    while text[index] != "}":
        key, index = decoder.raw_decode(text, index)
        index = _skip_space(text, _skip_space(text, index) + 1)  # past the colon
        places[key] = index
        _, index = decoder.raw_decode(text, index)
        index = _skip_space(text, index)
        if text[index] == ",":
            index = _skip_space(text, index + 1)
    return places


def _array_items(text: str, start: int) -> list[int]:
    """The offset of each item of the JSON array opening at ``start``."""
    decoder = json.JSONDecoder(parse_int=_json_int)
    offsets: list[int] = []
    index = _skip_space(text, start + 1)
    while text[index] != "]":
        offsets.append(index)
        _, index = decoder.raw_decode(text, index)
        index = _skip_space(text, index)
        if text[index] == ",":
            index = _skip_space(text, index + 1)
    return offsets


# --- the encodings --------------------------------------------------------------------


def _from_base64(value: str) -> str:
    return base64.b64decode(value, validate=True).decode("utf-8")


def _from_url3986(value: str) -> str:
    return unquote(value, errors="strict")


def _from_url_legacy(value: str) -> str:
    return unquote_plus(value, errors="strict")


def _decoder(results: list[object]) -> tuple[str, Callable[[str], str]]:
    """The encoding the API wrote ``results`` in: its name and its function from the
    written text to the text."""
    found = [result for result in results if isinstance(result, Mapping)]
    types = [result.get("type") for result in found]
    if types and all(isinstance(kind, str) and _base64_type(kind) for kind in types):
        return "base64", _from_base64
    strings = [value for result in found for value in _strings(result)]
    if _all_written_as(strings, _URL3986_TEXT, "%"):
        return "url3986", _from_url3986
    if _all_written_as(strings, _URL_LEGACY_TEXT, "%+"):
        return "urlLegacy", _from_url_legacy
    return "default", html.unescape


def _all_written_as(strings: list[str], kept: re.Pattern[str], marks: str) -> bool:
    """Whether every one of ``strings`` is made of the characters ``kept`` and one at least
    holds one of ``marks`` (what the encoding writes for what it does not keep)."""
    return (
        bool(strings)
        and all(kept.fullmatch(value) for value in strings)
        and any(mark in value for value in strings for mark in marks)
    )


def _base64_type(kind: str) -> bool:
    try:
        return _from_base64(kind) in _TYPES
    except (binascii.Error, UnicodeDecodeError):
        return False


def _strings(result: Mapping[str, object]) -> list[str]:
    values: list[str] = []
    for key in ("type", "difficulty", "category", "question", "correct_answer"):
        value = result.get(key)
        if isinstance(value, str):
            values.append(value)
    wrong = result.get("incorrect_answers")
    if isinstance(wrong, list):
        values.extend(value for value in wrong if isinstance(value, str))
    return values


# --- one result -----------------------------------------------------------------------


class _Unfit(Exception):
    def __init__(self, reason: Message) -> None:
        super().__init__(str(reason))
        self.reason = reason


def _question(
    result: object, decoder: tuple[str, Callable[[str], str]]
) -> dict[str, object] | Message:
    """The pack question of one result, or why it cannot be one."""
    if not isinstance(result, Mapping):
        return message("this result is not an object with a question in it")
    name, decode = decoder

    def text_of(key: str, value: object) -> str:
        if not isinstance(value, str):
            raise _Unfit(message('"{field}" is not text', field=key))
        try:
            decoded = unicodedata.normalize("NFC", decode(value)).strip()
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise _Unfit(
                message(
                    '"{field}" cannot be read as {encoding} text, the encoding of the rest '
                    "of the file",
                    field=key,
                    encoding=name,
                )
            ) from None
        half = _LONE_SURROGATE.search(decoded)
        if half is not None:
            raise _Unfit(
                message(
                    '"{field}" holds \\u{code}, half of a character (a JSON escape with no '
                    "other half), which is no text",
                    field=key,
                    code=f"{ord(half[0]):04x}",
                )
            )
        return decoded

    def field(key: str) -> str:
        if key not in result:
            raise _Unfit(message('this question has no "{field}"', field=key))
        return text_of(key, result[key])

    try:
        kind = field("type")
        prompt = field("question")
        right = field("correct_answer")
        if kind not in _TYPES:
            return message(
                'the question type "{type}" is not one the game has (multiple or boolean)',
                type=shown(kind),
            )
        if not prompt:
            return message('"question" is empty')
        if len(prompt) > _PROMPT_LIMIT:
            return plural_message(
                "the question is {count} character long; a question has at most {limit}",
                "the question is {count} characters long; a question has at most {limit}",
                len(prompt),
                limit=_PROMPT_LIMIT,
            )
        fields: dict[str, object] = {"type": "", "prompt": prompt}
        if kind == "boolean":
            fields["type"] = "truefalse"
            truth = right.casefold()
            if truth not in ("true", "false"):
                return message(
                    'the answer "{answer}" of a true/false question is neither True nor False',
                    answer=shown(right),
                )
            fields["answer"] = truth == "true"
        else:
            wrong = result.get("incorrect_answers")
            if not isinstance(wrong, list):
                return message('this question has no "incorrect_answers" list')
            choices = [right, *(text_of("incorrect_answers", one) for one in wrong)]
            problem = _choices_problem(choices)
            if problem is not None:
                return problem
            fields.update(type="choice", choices=choices, answer=right)
        if "difficulty" in result:
            difficulty = text_of("difficulty", result["difficulty"]).casefold()
            if difficulty in {level.value for level in Difficulty}:
                fields["difficulty"] = difficulty
        if "category" in result:
            category = " ".join(text_of("category", result["category"]).split())
            if 0 < len(category) <= _SHORT_LIMIT:
                fields["tags"] = [category]
    except _Unfit as unfit:
        return unfit.reason
    return fields


def _choices_problem(choices: list[str]) -> Message | None:
    if len(choices) > MAX_CHOICES:
        return message(
            "a choice question has at most {limit} choices; this one has {count}",
            limit=MAX_CHOICES,
            count=len(choices),
        )
    if len(choices) < MIN_CHOICES:
        return message(
            "a choice question needs at least {least} choices; this one has {count}",
            least=MIN_CHOICES,
            count=len(choices),
        )
    seen: set[str] = set()
    for choice in choices:
        if not choice:
            return message("one of the answers is empty")
        if len(choice) > _SHORT_LIMIT:
            return plural_message(
                "the answer is {count} character long; an answer has at most {limit}",
                "the answer is {count} characters long; an answer has at most {limit}",
                len(choice),
                limit=_SHORT_LIMIT,
            )
        key = choice.casefold()
        if key in seen:
            return message(
                'the answer "{text}" is given twice; each choice of a question must be different',
                text=shown(choice),
            )
        seen.add(key)
    return None


def _refusal(code: object) -> Message:
    """Why a download with ``response_code`` ``code`` holds no questions."""
    if code == 1:
        return message(
            "Open Trivia DB sent no questions (response_code 1): it has fewer questions than "
            "were asked for; ask for fewer, or for another category"
        )
    if code == 2:
        return message(
            "Open Trivia DB sent no questions (response_code 2): the request had a parameter "
            "it does not know"
        )
    if code == 3:
        return message(
            "Open Trivia DB sent no questions (response_code 3): the session token does not exist"
        )
    if code == 4:
        return message(
            "Open Trivia DB sent no questions (response_code 4): the session token has had "
            "every question there is; reset the token"
        )
    if code == 5:
        return message(
            "Open Trivia DB sent no questions (response_code 5): too many requests; wait five "
            "seconds and ask again"
        )
    return message(
        "Open Trivia DB sent no questions (response_code {code})", code=shown(json.dumps(code))
    )


def _nested_too_deeply() -> Message:
    return message(
        "the JSON is nested too deeply here: more than {limit} brackets inside one another "
        "(an Open Trivia DB download nests 4)",
        limit=MAX_DEPTH,
    )


def _not_a_download() -> Message:
    return message('this JSON is not an Open Trivia DB download: it has no "results" list')
