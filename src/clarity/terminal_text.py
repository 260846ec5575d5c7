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
"""

from __future__ import annotations

import re

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
