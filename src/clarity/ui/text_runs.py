"""A line of text as the runs it is drawn in, and a paragraph broken into lines: the rules,
without pygame (:mod:`clarity.ui.text_draw` measures and renders the runs).

- Characters stay with their marks (grapheme clusters, simplified from UAX #29: combining
  marks, ZWJ sequences, variation selectors, emoji modifiers, flags, a virama and the
  consonant after it) so a cluster is never split between fonts or lines.
- A run is drawn in one font, one script and one direction; the direction comes from the
  Unicode Bidirectional Algorithm (UAX #9 with bracket pairs, rule N0: python-bidi's Rust
  ``unicode-bidi``), and a line's runs are put in visual order by its rule L2.
- A line breaks after white space, between Chinese or Japanese characters, and inside a
  word only when the word alone is wider than the line: after ``/ - . _ ?`` when one of
  them fits, else between any two clusters (UAX #14 in spirit, much simplified). A soft
  hyphen (U+00AD) is a place to break too, drawn as a hyphen at the end of its line.

Every function here takes any ``str``: unassigned code points, private use, noncharacters
and lone surrogates included (the game must not stop on a character newer than its tables).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from bidi import get_base_level, get_display

from clarity.fonts import is_invisible, script_of

ZWJ = "\u200d"
VIRAMA_CLASS = 9  # canonical combining class of a virama (Devanagari ्, Thai ฺ ...)
PREFERRED_BREAKS = frozenset("/-._?&=")
# A long word is broken at a preferred place only when the head keeps this share of what
# fits; "http://a/verylongpath" would otherwise leave "http://a/" alone on a line of 40.
PREFERRED_BREAK_SHARE = 0.4
_CLOSING = frozenset(
    "、。，．：；？！）」』】〉》〕］｝〜・ー…‥ゝゞヽヾぁぃぅぇぉっゃゅょァィゥェォッャュョ"
)
_OPENING = frozenset("（「『【〈《〔［｛")
_RTL_CLASSES = frozenset({"R", "AL"})
# UAX #9 rule L1: these take the paragraph's level at the end of a line and before a tab or
# a paragraph separator (white space, isolate controls, and what rule X9 removes).
_L1_CLASSES = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})
_L1_SEPARATORS = frozenset({"S", "B"})
# python-bidi returns the levels of the Rust crate unicode-bidi only inside the debug text of
# its BidiInfo (one level per UTF-8 byte); the text in it is escaped, so these lines are its.
_LEVELS_START = "\n    levels: [\n"
_LEVELS_END = "\n    ],\n"
_LEVEL = re.compile(r"Level\(\n +(\d+)")
_SURROGATES = re.compile("[\ud800-\udfff]")
SOFT_HYPHEN = "\u00ad"
SHOWN_HYPHEN = "-"  # what a soft hyphen becomes at the end of a line (Inter has U+2010 too)
# In ASCII text a line breaks only after white space: a word and the spaces after it.
_ASCII_PIECES = re.compile(r"[^ \t\n\r\f\v]+[ \t\n\r\f\v]*|[ \t\n\r\f\v]+")
# Spaces that hold their neighbours together: no-break, narrow no-break (the game writes
# "4 200" with it), figure space, word joiner, zero-width no-break space.
NO_BREAK = frozenset("\u00a0\u202f\u2007\u2060\ufeff")


@dataclass(frozen=True)
class Run:
    """Part of a line drawn in one go: its text in logical order, the index of its face in
    the font chain, its direction, its script (ISO 15924), and where its text starts in the
    line (a code point index; a text field puts its caret by it)."""

    text: str
    face: int
    rtl: bool
    script: str
    start: int = field(default=0, compare=False)


def clusters(text: str) -> list[str]:
    """``text`` cut into the clusters a reader sees as one character ("e" and a combining
    accent, 👩‍🏫, 🇧🇾, स्त); joined back they are ``text`` again."""
    if text.isascii():
        return list(text)  # no ASCII character joins another
    out: list[str] = []
    for character in text:
        if out and _extends(out[-1], character):
            out[-1] += character
        else:
            out.append(character)
    return out


def _extends(cluster: str, character: str) -> bool:
    joins = _joins_whatever_is_before(character)
    if joins is not None:
        return joins
    code = ord(character)
    last = cluster[-1]
    if last == ZWJ:
        return True
    if 0x1F3FB <= code <= 0x1F3FF:  # skin tone
        return True
    if 0x1F1E6 <= code <= 0x1F1FF:  # the second letter of a flag
        flags = sum(1 for c in cluster if 0x1F1E6 <= ord(c) <= 0x1F1FF)
        return len(cluster) == flags and flags % 2 == 1
    return unicodedata.combining(last) == VIRAMA_CLASS and unicodedata.category(
        character
    ).startswith("L")


@lru_cache(maxsize=1 << 14)  # asked of every character of every text measured, often
def _joins_whatever_is_before(character: str) -> bool | None:
    """Whether ``character`` extends the cluster before it whatever that cluster is (a
    mark, a joiner, a format character), never does (a zero-width space), or None when
    that depends on the cluster (:func:`_extends`)."""
    if character == ZWJ or (is_invisible(character) and unicodedata.category(character) != "Cc"):
        return character != "\u200b"  # a zero-width space is a place to break, not a mark
    if unicodedata.category(character) in {"Mn", "Mc", "Me"}:
        return True
    return None


def is_rtl_paragraph(paragraph: str) -> bool:
    """Whether the paragraph's first strong letter, outside isolates, is right-to-left
    (UAX #9 rules P2, P3; a paragraph without one is left to right)."""
    if paragraph.isascii():
        return False  # no right-to-left letter, no bidi control
    try:
        return get_base_level(_encodable(paragraph)) == 1
    except ValueError:  # python-bidi finds no paragraph in "" or a lone separator
        return False


def bidi_levels(line: str, rtl: bool) -> list[int]:
    """The embedding level of each code point of ``line`` in a paragraph of direction
    ``rtl`` (odd: right to left), by UAX #9 up to rule I2 with its bracket pairs (N0), then
    L1: white space and isolate controls at the end of the line or before a tab take the
    paragraph's level.

    The levels are the Rust crate ``unicode-bidi``'s (through python-bidi), whose Unicode
    tables are newer than Python's; a lone surrogate is taken as U+FFFD, which is neutral.
    """
    base = 1 if rtl else 0
    if not line:
        return []
    levels = _paragraph_levels(_encodable(line), base)
    end_of_line = True  # L1, walking back from the end
    for index in range(len(line) - 1, -1, -1):
        kind = unicodedata.bidirectional(line[index])
        if kind in _L1_SEPARATORS:
            levels[index] = base
            end_of_line = True
        elif end_of_line and kind in _L1_CLASSES:
            levels[index] = base
        else:
            end_of_line = False
    return levels


def _encodable(text: str) -> str:
    """``text`` as UTF-8 can hold it: lone surrogates (which YAML cannot hold either) as
    U+FFFD, one code point for one, so indices stay."""
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def _paragraph_levels(text: str, base: int) -> list[int]:
    """One level per code point of ``text`` (no lone surrogates) from unicode-bidi, which
    python-bidi shows only in the debug text of its ``BidiInfo``: one level per UTF-8 byte,
    of which each code point's first byte is taken."""
    info = get_display(text, base_dir="R" if base else "L", debug=True)
    start = info.find(_LEVELS_START)
    end = info.find(_LEVELS_END, start)
    by_byte = [int(level) for level in _LEVEL.findall(info, start, end)] if start >= 0 else []
    encoded = text.encode("utf-8")
    if len(by_byte) != len(encoded):  # another python-bidi's debug text: a test catches it
        return [base] * len(text)
    return [by_byte[index] for index, byte in enumerate(encoded) if byte & 0xC0 != 0x80]


def visual_runs(line: str, rtl: bool, face_for: Callable[[str, int | None], int]) -> list[Run]:
    """``line`` (one line of a paragraph of direction ``rtl``) as runs in visual order, left
    to right. ``face_for(cluster, previous_face)`` chooses each cluster's font
    (:meth:`clarity.fonts.FontChain.face_for`)."""
    if not line:
        return []
    levels = bidi_levels(line, rtl)
    pieces: list[tuple[int, Run]] = []  # (level, run) in logical order
    offset = 0
    for cluster in clusters(line):
        level = levels[offset]
        start = offset
        offset += len(cluster)
        previous = pieces[-1] if pieces else None
        same_level = previous is not None and previous[0] == level
        face = face_for(cluster, previous[1].face if same_level and previous else None)
        script = script_of(cluster[0])
        common = script in {"Zyyy", "Zinh", "Zzzz"}
        if (
            previous is not None
            and same_level
            and previous[1].face == face
            and (common or previous[1].script in {script, "Zyyy"})
        ):
            run = previous[1]
            script = run.script if common else script
            pieces[-1] = (level, Run(run.text + cluster, face, run.rtl, script, run.start))
        else:
            script = "Zyyy" if common else script
            pieces.append((level, Run(cluster, face, level % 2 == 1, script, start)))
    return _reorder(pieces)


def _reorder(pieces: list[tuple[int, Run]]) -> list[Run]:
    """UAX #9 L2: from the highest level down to the lowest odd one, reverse every
    sequence of runs at that level or higher. Each run's own characters are put right to
    left by the shaper, which is told its direction."""
    if not pieces:
        return []
    highest = max(level for level, _ in pieces)
    odd_levels = [level for level, _ in pieces if level % 2]
    lowest_odd = min(odd_levels) if odd_levels else highest + 1
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(pieces):
            if pieces[index][0] >= level:
                end = index
                while end < len(pieces) and pieces[end][0] >= level:
                    end += 1
                pieces[index:end] = pieces[index:end][::-1]
                index = end
            else:
                index += 1
    return [run for _, run in pieces]


def visual_order(levels: list[int]) -> list[int]:
    """The indices of ``levels`` (one embedding level per character or cluster, in logical
    order) in visual order, left to right, by UAX #9 rule L2 as :func:`visual_runs` puts
    its runs."""
    order = list(range(len(levels)))
    if not levels:
        return order
    odd_levels = [level for level in levels if level % 2]
    if not odd_levels:
        return order
    for level in range(max(levels), min(odd_levels) - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = order[index:end][::-1]
                index = end
            else:
                index += 1
    return order


# --- line breaking ---------------------------------------------------------------------------


def break_pieces(paragraph: str) -> list[str]:
    """``paragraph`` cut where a line may break; each piece keeps the white space after
    it. ``"to Łódź 東京"`` gives ``["to ", "Łódź ", "東", "京"]``."""
    return list(_pieces(paragraph))


@lru_cache(maxsize=4096)  # a text is measured at several sizes while it is fitted
def _pieces(paragraph: str) -> tuple[str, ...]:
    if paragraph.isascii():
        return tuple(_ASCII_PIECES.findall(paragraph))
    pieces: list[str] = []
    current = ""
    for cluster in clusters(paragraph):
        if current and _break_before(current, cluster):
            pieces.append(current)
            current = ""
        current += cluster
    if current:
        pieces.append(current)
    return tuple(pieces)


def _break_before(current: str, cluster: str) -> bool:
    last = current[-1]
    if cluster[0] in NO_BREAK or last in NO_BREAK:
        return False
    if cluster.isspace():
        return False  # white space stays with the word before it
    if _is_break_space(last):
        return True
    if last == SOFT_HYPHEN and len(current) > 1 and not current[-2].isspace():
        return True  # the teacher's own place to break a long word
    if cluster[0] in _CLOSING or last in _OPENING:
        return False  # 。 never starts a line, 「 never ends one
    return _is_ideographic(cluster[0]) or _is_ideographic(last)


# Han, kana, bopomofo and Hangul (the scripts script_of calls Hani) all lie at or above
# U+1100, the first Hangul jamo.
_FIRST_HANI = 0x1100


def _is_break_space(character: str) -> bool:
    return character not in NO_BREAK and (character.isspace() or character == "\u200b")


def _is_ideographic(character: str) -> bool:
    if ord(character) < _FIRST_HANI:
        return False  # most text: known without asking fontTools for the script
    return script_of(character) == "Hani" and unicodedata.category(character).startswith("L")


def break_paragraph(paragraph: str, width: int, measure: Callable[[str], int]) -> list[str]:
    """``paragraph`` (no line breaks in it) as lines no wider than ``width`` pixels by
    ``measure`` (a string's width in pixels), as many words to a line as fit.

    White space at a break is left out; any other character is kept, in order: joined,
    the lines are the paragraph less the white space at the breaks, and with a soft hyphen
    (U+00AD) that ends a line shown as :data:`SHOWN_HYPHEN` (measured so). A soft hyphen is
    a break a line takes before any inside a word. A word wider than the line is broken
    inside (:func:`split_word`); a line is never empty of visible text unless the
    paragraph is.
    """
    lines: list[str] = []
    line = ""
    line_w = 0  # the width of ``line`` with its trailing white space, measured whole
    for piece in break_pieces(paragraph):
        word = shown_at_line_end(piece.rstrip())
        if not line:
            line, line_w = _start_line(piece, width, measure, lines)
            continue
        estimate = line_w + measure(word)
        if estimate <= width - 2 or measure(line + word) <= width:
            line += piece
            # measured whole: the pieces' widths, each rounded, add up to a line some
            # pixels narrower than drawn once a line holds a score of words
            line_w = measure(line)
            continue
        lines.append(shown_at_line_end(line.rstrip()))
        line, line_w = _start_line(piece, width, measure, lines)
    if line or not lines:
        lines.append(line.rstrip() if line.strip() else line)
    return lines


def _start_line(
    piece: str, width: int, measure: Callable[[str], int], lines: list[str]
) -> tuple[str, int]:
    while measure(shown_at_line_end(piece.rstrip())) > width and len(clusters(piece.rstrip())) > 1:
        head, piece = split_word(piece, width, measure)
        lines.append(shown_at_line_end(head))
    return piece, measure(piece)


def shown_at_line_end(text: str) -> str:
    """``text`` as drawn at the end of a line: a soft hyphen after a visible character ends
    it as a hyphen; elsewhere the shaper draws a soft hyphen as nothing."""
    if len(text) > 1 and text[-1] == SOFT_HYPHEN and not text[-2].isspace():
        return text[:-1] + SHOWN_HYPHEN
    return text


def split_word(word: str, width: int, measure: Callable[[str], int]) -> tuple[str, str]:
    """``word`` cut in two where it stops fitting ``width``: after the last of ``/ - . _ ?
    & =`` in the part that fits (when that keeps :data:`PREFERRED_BREAK_SHARE` of it), else
    between the last two clusters that fit; the head always has one cluster at least."""
    parts = clusters(word)
    low, high = 1, len(parts)
    while low < high:  # the most clusters whose width fits
        middle = (low + high + 1) // 2
        # as drawn: a head that ends at a soft hyphen shows a hyphen
        if measure(shown_at_line_end("".join(parts[:middle]))) <= width:
            low = middle
        else:
            high = middle - 1
    fit = low
    for cut in range(fit, 0, -1):
        if parts[cut - 1] in PREFERRED_BREAKS and cut >= fit * PREFERRED_BREAK_SHARE:
            fit = cut
            break
    return "".join(parts[:fit]), "".join(parts[fit:])
