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

Dropped silently, because they hold no letter and would make two players who print the
same (``Ana`` and ``Ana`` + U+200B) or a name that shows as nothing: the bidirectional marks
U+200E, U+200F and U+061C (LRM, RLM, ALM; some right-to-left keyboards type them, and the
game orders mixed text itself), and the default-ignorable characters that carry nothing in
a name (Unicode's Default_Ignorable_Code_Point, DerivedCoreProperties.txt): the zero-width
space U+200B, the byte-order mark U+FEFF, the word joiner U+2060, the invisible operators
U+2061–U+2064, the deprecated format characters U+206A–U+206F, the soft hyphen U+00AD, the
Mongolian vowel separator U+180E, the combining grapheme joiner U+034F and the Hangul
fillers U+3164 and U+FFA0 (the conjoining fillers U+115F and U+1160 stay only inside a
Hangul syllable spelt in jamo).

Kept where they do something, dropped where they cannot: the zero-width joiner U+200D and
non-joiner U+200C only between two visible characters (an emoji family, an Indic conjunct,
Persian ``می‌خواهم``); variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) only after a
visible character (a heart's emoji form); emoji tag characters (U+E0020–U+E007F) only after
a symbol or another tag (the flag of Scotland).

A name must have at least one visible character (a letter, digit, punctuation or symbol):
one made only of joiners, combining marks or fillers is refused ("Please type a name.").
"""

from __future__ import annotations

import re
import unicodedata

from clarity.core.messages import message, plural_message
from clarity.store.models import NameRejected

MAX_NAME_LENGTH = 40

_DIRECTION_CHANGES = re.compile("[\u202a-\u202e\u2066-\u2069]")
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c]")
_SURROGATES = re.compile("[\ud800-\udfff]")
# The rest of Unicode's Default_Ignorable_Code_Point set (DerivedCoreProperties.txt) that is
# neither a joiner, a variation selector nor a tag kept in context below: invisible, and
# never needed to write a name.
_NOTHING_IN_A_NAME = re.compile(
    "[\u200b\ufeff\u2060-\u2065\u206a-\u206f\u00ad\u180e\u034f\u3164\uffa0"
    "\u17b4\u17b5\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e001f\U000e0080-\U000e00ff\U000e01f0-\U000e0fff]"
)
_JOINERS = "\u200c\u200d"
_TAGS = range(0xE0020, 0xE0080)
# Hangul jamo: leading consonants (choseong) and the vowels (jungseong) a filler stands in for.
_CHOSEONG = (range(0x1100, 0x1160), range(0xA960, 0xA980))
_JUNGSEONG = (range(0x1160, 0x11A8), range(0xD7B0, 0xD7C7))
_INVISIBLE_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Zs", "Zl", "Zp", "Cc", "Cs"})


def clean_name(name: str) -> str | NameRejected:
    """The name as it will be stored, or why it cannot be.

    Names are trimmed, runs of white space inside become one space, bidirectional marks
    are dropped, and the text is put in Unicode NFC form so that the same letters typed
    two ways are the same name. What is refused, and why, is in the module docstring;
    the message names the character refused by its code point (``U+202E``).
    """
    if (surrogate := _SURROGATES.search(name)) is not None:
        return NameRejected(
            # Translators: {code} is a character's code point, as U+D800
            message(
                "A name cannot contain {code}: the keyboard or terminal "
                "sent text that is not Unicode.",
                code=_code(surrogate.group()),
            )
        )
    without_marks = _NOTHING_IN_A_NAME.sub("", _DIRECTION_MARKS.sub("", name))
    cleaned = _without_idle_joiners(" ".join(unicodedata.normalize("NFC", without_marks).split()))
    if not cleaned:
        return NameRejected(message("Please type a name."))
    if len(cleaned) > MAX_NAME_LENGTH:
        return NameRejected(
            plural_message(
                "A name can have at most {count} character.",
                "A name can have at most {count} characters.",
                MAX_NAME_LENGTH,
            )
        )
    for char in cleaned:
        if unicodedata.category(char) == "Cc":
            return NameRejected(
                message("A name cannot contain the control character {code}.", code=_code(char))
            )
        if _DIRECTION_CHANGES.match(char):
            return NameRejected(
                message(
                    "A name cannot contain {code}, which changes the direction of the text.",
                    code=_code(char),
                )
            )
        if _is_noncharacter(char):
            return NameRejected(
                message("A name cannot contain {code}, which is not a character.", code=_code(char))
            )
    if not any(_is_visible(char) for char in cleaned):
        return NameRejected(message("Please type a name."))
    return cleaned


def name_key(cleaned: str) -> str:
    """What two names must share to count as the same player: case does not matter."""
    return cleaned.casefold()


def _without_idle_joiners(text: str) -> str:
    """``text`` without the joiners, variation selectors, tags and jamo fillers that have
    nothing to act on where they stand (the rules are in the module docstring)."""
    kept: list[str] = []
    on_a_visible = False  # whether what came since the last space started with a visible char
    for n, char in enumerate(text):
        before = kept[-1] if kept else ""
        after = text[n + 1] if n + 1 < len(text) else ""
        code = ord(char)
        # A joiner or selector acts on the visible character before it, with any marks and
        # selectors that character already carries (a virama, an emoji's U+FE0F).
        acts = on_a_visible and before not in _JOINERS
        if char in _JOINERS:
            keep = acts and _is_visible(after)
        elif _is_variation_selector(code):
            keep = acts
        elif code in _TAGS:
            keep = acts and (ord(before) in _TAGS or unicodedata.category(before) == "So")
        elif char == "\u1160":
            keep = before != "" and _within(ord(before), _CHOSEONG)
        elif char == "\u115f":
            keep = after != "" and _within(ord(after), _JUNGSEONG)
        else:
            keep = True
        if keep:
            kept.append(char)
            if char == " ":
                on_a_visible = False
            elif _is_visible(char):
                on_a_visible = True
    return "".join(kept)


def _is_variation_selector(code: int) -> bool:
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _within(code: int, ranges: tuple[range, ...]) -> bool:
    return any(code in r for r in ranges)


def _is_visible(char: str) -> bool:
    """A character that shows something by itself: not a mark, format character, space,
    control or Hangul filler."""
    if char == "" or char in "\u115f\u1160\u3164\uffa0\u2800":  # \u2800: braille blank
        return False
    return unicodedata.category(char) not in _INVISIBLE_CATEGORIES


def _is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"
