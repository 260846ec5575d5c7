"""Text from files made safe to print on a terminal.

A pack's file name, title or YAML text may hold control characters: an escape sequence
(``ESC ] 0 ;`` sets the window title, ``ESC [ 2 J`` clears the screen, ``ESC [ 31 m``
colours what follows), a bell, a C1 control (U+0080 to U+009F; some terminals take
U+009B as ESC [), a bidirectional override (U+202E shows the rest of the line backwards,
so ``gpj.exe`` reads as ``exe.jpg``), or a line break that splits one ``file:line:col``
line in two. :func:`terminal_safe` shows each of them as a Python-style escape instead
(``\\x1b``, ``\\n``, ``\\u202e``), and leaves every other character, of any script, alone.
Characters a file name could not decode (held as lone surrogates by Python's
``surrogateescape``) are shown as the bytes they were (``\\xff``).

:func:`problem_line` and :func:`message_of` say, in the interface language, what the
modules below the command line and the launch report (a file's problems, a refusal).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from clarity.core.messages import Message

if TYPE_CHECKING:
    from clarity.i18n import Translator

# The named escapes read best for the characters people know by them.
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls and DEL; the bidirectional controls (embeddings, overrides,
# isolates and marks: Unicode's Bidi_Control property); line and paragraph separators;
# lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def terminal_safe(text: str) -> str:
    """``text`` with every control character, bidirectional control, line separator and
    undecodable byte written as an escape, so that printing it can neither run a terminal
    command nor break or reorder the line. Pure; the same text comes back when there is
    nothing to escape."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes, for lining up a table's columns.

    A wide East Asian character or emoji takes 2 (Unicode's East_Asian_Width W or F);
    everything else takes 1, except what joins the character before it into one shape
    (a grapheme cluster, Unicode Standard Annex 29), which takes none:

    * combining marks, nonspacing and spacing (Mn, Me, Mc: the Tamil vowel sign in ``தி``
      and the virama in ``ந்``), and format characters (Cf: ZWJ, ZWNJ, emoji tags);
    * a character joined to the one before it by a ZWJ (the sequence shows as one emoji);
    * an emoji skin-tone modifier (U+1F3FB–U+1F3FF) after another character: it colours
      that emoji (alone it shows as a swatch and takes 2);
    * the Hangul vowels and final consonants of a syllable spelt in jamo (U+1160–U+11FF,
      U+D7B0–U+D7FF), which stack under the leading consonant, and the Hangul fillers
      (U+115F, U+3164, U+FFA0), which Unicode says to show as nothing
      (Default_Ignorable_Code_Point).

    U+FE0F after a narrow character asks for its emoji picture, which takes 2. Terminals
    differ on emoji sequences: this follows the recent ones, as the ``wcwidth`` library
    does.
    """
    width = 0
    previous = ""
    for char in text:
        if previous == "\u200d" and char > "\u2000":
            pass  # joined into the emoji before it
        elif char == "\ufe0f" and previous and _width(previous) == 1:
            width += 1
        elif previous and "\U0001f3fb" <= char <= "\U0001f3ff":
            pass  # a skin tone of the emoji before it
        else:
            width += _width(char)
        previous = char
    return width


# Hangul jamo that join the syllable before them, and the fillers that show as nothing.
_NO_COLUMN = re.compile("[\u1160-\u11ff\ud7b0-\ud7ff\u115f\u3164\uffa0]")


def _width(char: str) -> int:
    if unicodedata.category(char) in ("Mn", "Me", "Mc", "Cf") or _NO_COLUMN.match(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def message_of(thing: object) -> Message | str:
    """What a value or exception from below the command line says, to be rendered in the
    interface language: its :class:`Message` (``said``, or ``message`` when that is one),
    else its English text (a module not converted yet, or text that is not the interface's)."""
    if isinstance(thing, (Message, str)):
        return thing
    said = getattr(thing, "said", None)
    if isinstance(said, Message):
        return said
    message = getattr(thing, "message", None)
    if isinstance(message, (Message, str)):
        return message
    return str(thing)


def problem_line(problem: object, t: Translator) -> str:
    """A problem of a file (a pack's, the settings file's) as one line in ``t``'s language:
    ``FILE:LINE[:COL]: …``, the place as it is (editors read it), the words translated.

    Takes whatever the module below gives: a problem that renders itself
    (``problem.render(translator)``), one whose message is a core :class:`Message`, or
    one with English text only (``str(problem)``).
    """
    render = getattr(problem, "render", None)
    if callable(render):
        return str(render(t))
    said = message_of(problem)
    path = getattr(problem, "path", None)
    if not isinstance(said, Message) or path is None:
        return str(problem)
    place = [str(path)] + [
        str(value)
        for value in (getattr(problem, "line", None), getattr(problem, "column", None))
        if isinstance(value, int) and not isinstance(value, bool)
    ]
    return f"{':'.join(place)}: {t.render(said)}"
