"""The rules for a player's name, as a pure function the name-entry screen can also use.

A name is shown on screens, printed on a terminal by the teacher's commands and written in
CSV exports, so it may hold only what shows as itself. Refused (with a message for the
player):

* control characters (Unicode category Cc: ESC starts a terminal command, a bell rings);
  the ones that are white space (tab, line breaks) become spaces instead, as any run of
  white space does;
* the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069
  (U+202E shows the rest of a line backwards, so ``Ana`` + U+202E + ``1F`` can pass for
  another name; Unicode Technical Report 36, "Bidirectional Text Spoofing");
* lone surrogates (U+D800–U+DFFF): what Python makes of bytes a terminal sent that were
  not UTF-8; SQLite could not store them;
* noncharacters (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE,
  U+FFFF, U+1FFFE ...): Unicode reserves them for a program's own use, never for text.

The bidirectional marks U+200E, U+200F and U+061C (LRM, RLM, ALM) are dropped silently:
they hold no letter, some right-to-left keyboards type them, and the game orders mixed
text itself. Allowed, because scripts and emoji need them: the zero-width joiner U+200D
(emoji families, Indic conjuncts), the zero-width non-joiner U+200C (Persian ``می‌خواهم``),
variation selectors (U+FE0E, U+FE0F) and emoji tag characters (the flag of Scotland).
"""

from __future__ import annotations

import re
import unicodedata

from clarity.store.models import NameRejected

MAX_NAME_LENGTH = 40

_DIRECTION_CHANGES = re.compile("[\u202a-\u202e\u2066-\u2069]")
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_name(name: str) -> str | NameRejected:
    """The name as it will be stored, or why it cannot be.

    Names are trimmed, runs of white space inside become one space, bidirectional marks
    are dropped, and the text is put in Unicode NFC form so that the same letters typed
    two ways are the same name. What is refused, and why, is in the module docstring;
    the message names the character refused by its code point (``U+202E``).
    """
    if (surrogate := _SURROGATES.search(name)) is not None:
        return NameRejected(
            f"A name cannot contain {_code(surrogate.group())}: the keyboard or terminal "
            "sent text that is not Unicode."
        )
    without_marks = _DIRECTION_MARKS.sub("", name)
    cleaned = " ".join(unicodedata.normalize("NFC", without_marks).split())
    if not cleaned:
        return NameRejected("Please type a name.")
    if len(cleaned) > MAX_NAME_LENGTH:
        return NameRejected(f"A name can have at most {MAX_NAME_LENGTH} characters.")
    for char in cleaned:
        if unicodedata.category(char) == "Cc":
            return NameRejected(f"A name cannot contain the control character {_code(char)}.")
        if _DIRECTION_CHANGES.match(char):
            return NameRejected(
                f"A name cannot contain {_code(char)}, which changes the direction of the text."
            )
        if _is_noncharacter(char):
            return NameRejected(f"A name cannot contain {_code(char)}, which is not a character.")
    return cleaned


def name_key(cleaned: str) -> str:
    """What two names must share to count as the same player: case does not matter."""
    return cleaned.casefold()


def _is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"
