"""What is wrong with a pack file and where: :class:`Problem` values and the report
that collects them while a file is read.

A hostile or badly broken file must not bury the teacher (or the terminal) under its
problems: a report shows at most :data:`MAX_SHOWN_PROBLEMS`, errors before warnings (a
pack that does not play says why, however many warnings come before its first error), in
file order, and then one line counting the rest; a value quoted in a message is cut to
about :data:`MAX_QUOTED_CHARS` characters (:func:`shown`).

Messages are translatable (issue 11). Whoever finds a problem says it as a core
:class:`~clarity.core.messages.Message` (``message(...)``/``plural_message(...)`` from
``clarity.core.messages``, with named values; a value may itself be a Message, such as a
hint after "; "), never as English glued from pieces::

    report.add(position, field_name(loc), message('"{word}" is not a type', word=shown(tag)))

A plain str is still taken (text not yet converted), and shown as it is in every language.
The report keeps the Message; the text is made only when it is shown:

- ``problem.render(translator)``: the whole line for a terminal or an editor,
  ``FILE:LINE:COL: [warning: ]FIELD: MESSAGE`` in the translator's language (what
  ``clarity validate`` prints). The ``FILE:LINE:COL:`` part and the field name
  (``choices[2]``) are never translated: editors and the pack's YAML read them.
- ``problem.text(translator)``: the same without the place, ``[warning: ]FIELD: MESSAGE``
  (what the Packs screen shows after its own "Line N").
- ``str(problem)`` is ``problem.render`` in English, as before; ``problem.message`` is the
  message alone in English (for logs and the tests of the rules); ``problem.said`` is the
  Message itself.

``translator`` is a ``clarity.i18n.Translator`` (anything with ``render(Message | str)``).

A pydantic validator that knows where in its model a problem is raises
``ValueError(Located("choices[2]", message(...)))``; the report's field becomes that
place (:mod:`clarity.core.packs.problems`). :func:`and_list` and :func:`or_list` join
values (quoted texts, field names, Messages) into one Message: "a, b and c".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from clarity.core.messages import (
    Message,
    Translates,
    english_text,
    message,
    plural_message,
)

Severity = Literal["error", "warning"]
Loc = tuple[Any, ...]  # a place in the pack: ("questions", 7, "answer")

START = (0, 0)  # the top of the file, 0-based (line, column)

MAX_SHOWN_PROBLEMS = 100  # per file; the rest are counted in one last line
# Problems kept (for sorting into file order) before the rest are only counted: a file
# of a million mistakes must not hold a million Problem objects.
_MAX_KEPT_PROBLEMS = 2_000
MAX_QUOTED_CHARS = 80  # a value quoted in a message, ellipsis included
# Our longest messages, with their quoted values and fixes, stay under this; a longer one
# has quoted something pasted whole, and its longest quoted runs are cut.
_LONG_MESSAGE_CHARS = 400
_MAX_MESSAGE_CHARS = 600  # past this even a message of many short quotes is cut
_MAX_FIELD_CHARS = 160  # a field name built from a pasted key
ELLIPSIS = "\u2026"
# A run of text between double quotes in a finished message that is too long to show
# whole: the net under every message, also those written in other modules.
_LONG_QUOTE = re.compile(rf'"([^"\n]{{{MAX_QUOTED_CHARS + 1},}})"')


@dataclass(frozen=True)
class Located:
    """A message and where it applies, relative to what was checked: ``where`` is a field
    name as the pack writes it ("answer", "choices[2]", "questions[3].id"), never
    translated. ``str()`` is ``where: message`` in English."""

    where: str
    said: Message

    def __str__(self) -> str:
        return f"{self.where}: {english_text(self.said)}"


def and_list(items: Sequence[Message | str]) -> Message | str:
    """``items`` (at least one) as one list: "a", "a and b", "a, b and c"."""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        # Translators: the last two items of a list ("Latin and Greek", "min and max").
        return message("{first} and {second}", first=items[0], second=items[1])
    # Translators: an item of a list, then the rest of the list.
    return message("{first}, {rest}", first=items[0], rest=and_list(items[1:]))


def or_list(items: Sequence[Message | str]) -> Message | str:
    """``items`` (at least one) as one choice: "a", "a or b", "a, b or c"."""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        # Translators: the last two of several things to choose from ("easy, medium or hard").
        return message("{first} or {second}", first=items[0], second=items[1])
    return message("{first}, {rest}", first=items[0], rest=or_list(items[1:]))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack file, at a 1-based line and column."""

    path: Path
    line: int
    column: int
    field: str  # "questions[7].answer"; empty for the file as a whole
    said: Message | str  # the message, translatable until shown
    severity: Severity = "error"

    @property
    def message(self) -> str:
        """The message alone, in English."""
        return english_text(self.said)

    def text(self, translate: Translates) -> str:
        """``[warning: ]FIELD: MESSAGE`` in ``translate``'s language (a
        ``clarity.i18n.Translator``); the field name as the pack writes it."""
        body = translate.render(self.said)
        if self.field:
            body = f"{self.field}: {body}"
        if self.severity == "warning":
            # Translators: a warning about a pack file, printed after "file:line:col: ";
            # {problem} is the field's name and what is wrong with it.
            body = translate.render(message("warning: {problem}", problem=body))
        return body

    def render(self, translate: Translates) -> str:
        """``FILE:LINE:COL: [warning: ]FIELD: MESSAGE`` in ``translate``'s language, the
        place as editors read it (never translated)."""
        return f"{self.path}:{self.line}:{self.column}: {self.text(translate)}"

    def __str__(self) -> str:
        return self.render(ENGLISH)


class _English:
    """Renders a Message in English without a catalog (``str(problem)``)."""

    def render(self, text: Message | str) -> str:
        return english_text(text)


ENGLISH: Translates = _English()


class Report:
    """Collects the problems of one file, de-duplicated, in file order.

    :meth:`problems` gives at most :data:`MAX_SHOWN_PROBLEMS` of them, then one problem
    that counts the rest (an error if any of the rest is one, so that a pack with hidden
    errors is never taken for valid).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        # keyed by the English text: a Message's values are a dict, not hashable
        self._problems: dict[tuple[int, int, str, str, str], Problem] = {}
        self._unkept = 0  # problems past the kept ones: only counted
        self._unkept_errors = 0
        # kept apart, so that a flood of warnings never pushes an error out
        self._kept_errors = 0
        self._kept_warnings = 0

    def add(
        self,
        position: tuple[int, int],
        field_name: str,
        said: Message | str,
        severity: Severity = "error",
    ) -> None:
        """Record a problem at a 0-based ``(line, column)`` as libyaml counts them.

        ``said`` is a translatable Message (or, until every check is converted, English
        text). Long quoted values in it (a Message's long str values) and a long
        ``field_name`` are cut (:func:`shown`).
        """
        line, column = position[0] + 1, position[1] + 1
        said = _clip_message(said) if isinstance(said, str) else _clip_values(said)
        if len(field_name) > _MAX_FIELD_CHARS:
            field_name = shown(field_name, _MAX_FIELD_CHARS)
        key = (line, column, field_name, english_text(said), severity)
        if key in self._problems:
            return
        kept = self._kept_errors if severity == "error" else self._kept_warnings
        if kept >= _MAX_KEPT_PROBLEMS:
            self._unkept += 1
            self._unkept_errors += severity == "error"
            return
        if severity == "error":
            self._kept_errors += 1
        else:
            self._kept_warnings += 1
        self._problems[key] = Problem(self.path, line, column, field_name, said, severity)

    @property
    def has_errors(self) -> bool:
        return self._unkept_errors > 0 or any(
            p.severity == "error" for p in self._problems.values()
        )

    @property
    def count(self) -> int:
        """Every distinct problem reported so far (those past the kept ones, counted)."""
        return len(self._problems) + self._unkept

    def problems(self) -> tuple[Problem, ...]:
        """At most :data:`MAX_SHOWN_PROBLEMS` problems, in file order, then one counting the
        rest (its errors and warnings) at the place where the first of them is. Errors are
        chosen first: the warnings fill the places the errors leave."""
        ordered = sorted(self._problems.values(), key=lambda p: (p.line, p.column))
        if len(ordered) <= MAX_SHOWN_PROBLEMS and not self._unkept:
            return tuple(ordered)
        errors = [p for p in ordered if p.severity == "error"]
        warnings = [p for p in ordered if p.severity != "error"]
        chosen = errors[:MAX_SHOWN_PROBLEMS]
        chosen += warnings[: MAX_SHOWN_PROBLEMS - len(chosen)]
        shown_now = set(map(id, chosen))
        rest = [p for p in ordered if id(p) not in shown_now]
        first = sorted(chosen, key=lambda p: (p.line, p.column))
        hidden_errors = self._unkept_errors + sum(p.severity == "error" for p in rest)
        hidden_warnings = len(rest) + self._unkept - hidden_errors
        where = rest[0] if rest else first[-1]
        summary = Problem(
            self.path,
            where.line,
            where.column,
            "",
            _rest_counted(hidden_errors, hidden_warnings),
            "error" if hidden_errors else "warning",
        )
        return (*first, summary)


def _rest_counted(errors: int, warnings: int) -> Message:
    """``... and 3 more errors and 1 warning in this file; ...``, leaving out a kind there
    is none of (at least one is counted)."""
    if errors and warnings:
        return message(
            "... and {errors} and {warnings} in this file; fix the ones above and check again",
            errors=plural_message("{count} more error", "{count} more errors", errors),
            warnings=plural_message("{count} warning", "{count} warnings", warnings),
        )
    if errors:
        return plural_message(
            "... and {count} more error in this file; fix the ones above and check again",
            "... and {count} more errors in this file; fix the ones above and check again",
            errors,
        )
    return plural_message(
        "... and {count} more warning in this file; fix the ones above and check again",
        "... and {count} more warnings in this file; fix the ones above and check again",
        warnings,
    )


def field_name(loc: Loc) -> str:
    """``("questions", 7, "answer")`` as a teacher reads it: ``questions[7].answer``."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        elif isinstance(step, str):
            text += f".{step}" if text else step
    return text


def shown(text: str, limit: int = MAX_QUOTED_CHARS) -> str:
    """``text`` as quoted in a message: whole when it has at most ``limit`` characters,
    else its start and end with "…" between (``limit`` characters in all, give or take a
    character so as never to split a character from its accents, an emoji sequence or a
    surrogate pair)."""
    if len(text) <= limit:
        return text
    keep = max(limit - 1, 2)
    head = _cluster_start(text, keep - keep // 2)
    tail = _cluster_end(text, len(text) - keep // 2)
    return text[:head] + ELLIPSIS + text[tail:]


def _clip_message(message: str) -> str:
    """``message`` with its longest quoted runs cut (:func:`shown`) until it is no longer
    than :data:`_LONG_MESSAGE_CHARS`; a message that long can only have quoted a pasted
    value whole. Then, as a last resort, the message itself is cut."""
    if len(message) <= _LONG_MESSAGE_CHARS:
        return message
    runs = sorted(_LONG_QUOTE.finditer(message), key=lambda run: run.end() - run.start())
    cut: list[re.Match[str]] = []
    length = len(message)
    while runs and length > _LONG_MESSAGE_CHARS:
        run = runs.pop()  # the longest left
        cut.append(run)
        length -= len(run.group(1)) - MAX_QUOTED_CHARS
    parts, done = [], 0
    for run in sorted(cut, key=lambda run: run.start()):
        parts += [message[done : run.start(1)], shown(run.group(1))]
        done = run.end(1)
    message = "".join(parts) + message[done:]
    if len(message) > _MAX_MESSAGE_CHARS:
        message = shown(message, _MAX_MESSAGE_CHARS)
    return message


def _clip_values(said: Message) -> Message:
    """``said`` with its longest text values (in it or in the Messages among its values)
    cut (:func:`shown`) until its English text is no longer than
    :data:`_LONG_MESSAGE_CHARS`: as :func:`_clip_message` cuts quoted runs."""
    if len(english_text(said)) <= _LONG_MESSAGE_CHARS:
        return said
    while len(english_text(said)) > _LONG_MESSAGE_CHARS:
        longest = _longest_value(said)
        if longest is None or len(longest) <= MAX_QUOTED_CHARS:
            break
        said = _with_value_cut(said, longest)
    return said


def _longest_value(said: Message) -> str | None:
    texts = [
        _longest_value(value) if isinstance(value, Message) else value
        for value in said.values.values()
        if isinstance(value, Message | str)
    ]
    return max((text for text in texts if text is not None), key=len, default=None)


def _with_value_cut(said: Message, text: str) -> Message:
    values = {
        name: _with_value_cut(value, text)
        if isinstance(value, Message)
        else shown(value)
        if value == text
        else value
        for name, value in said.values.items()
    }
    return Message(said.template, values, said.plural, said.count)


# Characters that belong to the character before them: a cut must not fall before one.
_JOINER = "\u200d"
_VIRAMA = 9  # the canonical combining class of the viramas of Indic scripts
_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)


def _extends(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters (flags of regions)
        or 0x1160 <= code <= 0x11FF  # Hangul vowels and final consonants
        or 0xDC00 <= code <= 0xDFFF  # the low half of a surrogate pair
        or char == _JOINER
    )


def _inside_cluster(text: str, index: int) -> bool:
    """True when a cut at ``index`` (between ``text[index - 1]`` and ``text[index]``)
    would split one character as a reader sees it."""
    if index <= 0 or index >= len(text):
        return False
    before, after = text[index - 1], text[index]
    if _extends(after) or before == _JOINER:
        return True
    if unicodedata.combining(before) == _VIRAMA and unicodedata.category(after) == "Lo":
        return True  # a conjunct: क्ष is one character to a Hindi reader
    if ord(before) in _REGIONAL_INDICATORS and ord(after) in _REGIONAL_INDICATORS:
        run = 0  # flags are pairs of regional indicators: cut only between pairs
        while index - run > 0 and ord(text[index - run - 1]) in _REGIONAL_INDICATORS:
            run += 1
        return run % 2 == 1
    return False


def _cluster_start(text: str, index: int) -> int:
    """``index``, moved back to the start of the character it would split."""
    while _inside_cluster(text, index):
        index -= 1
    return index


def _cluster_end(text: str, index: int) -> int:
    """``index``, moved on past the character it would split."""
    while _inside_cluster(text, index):
        index += 1
    return index
