"""A pseudo-language for the tests: every message 40 % longer and its letters accented.

A screen in this language shows at once the two faults a translation brings out: a text
that does not go through gettext (it stays plain English, with no accents), and a box too
small for a longer language (Russian and Belarusian texts run 15–40 % longer than
English; the pseudo-language's closing ``]`` is cut off or wraps where one is too small).
The technique is Microsoft's pseudo-localization (the ``qps-ploc`` locale).

``{placeholders}`` are kept as they are, so the values still go in.
"""

from __future__ import annotations

import gettext
import math
import string

#: Each ASCII letter as an accented letter of Latin-1 or Latin Extended-A, which the
#: bundled fonts draw; letters without one keep their own shape.
_ACCENTED = str.maketrans(
    "AaCcEeIiNnOoUuYyDdGgLlRrSsZz",
    "ÅåÇçÉéÏïÑñÖöÜüÝýĎďĞğĹĺŔŕŠšŽž",
)
#: How much longer a pseudo-translated message is than its English id.
LENGTHENING = 0.4
OPENING, CLOSING = "[", "]"
_PADDING = "·"


def pseudo_translated(text: str) -> str:
    """``text`` accented outside its placeholders, lengthened by :data:`LENGTHENING`
    (padding before the closing bracket), and bracketed: ``"Play"`` -> ``"[Plåý··]"``."""
    if not text:
        return text
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:  # not a format string (a lone brace): every character is text
        fields = [(text, None, None, None)]
    accented = ""
    for literal, name, spec, conversion in fields:
        accented += literal.translate(_ACCENTED).replace("{", "{{").replace("}", "}}")
        if name is not None:
            accented += "{" + name + (f"!{conversion}" if conversion else "")
            accented += (f":{spec}" if spec else "") + "}"
    padding = _PADDING * max(1, math.ceil(len(text) * LENGTHENING) - 2)
    return f"{OPENING}{accented}{padding}{CLOSING}"


def accented(text: str) -> str:
    """``text`` with its letters accented and nothing added: a date or a list the
    pseudo-language writes by English's rules (``Nov 30`` -> ``Ñöv 30``), so that it reads
    as written by the language and not as text left untranslated."""
    return text.translate(_ACCENTED)


def is_pseudo_translated(text: str) -> bool:
    """Whether ``text`` holds a pseudo-translated message (its brackets and padding)."""
    return OPENING in text and _PADDING in text and CLOSING in text


class PseudoCatalog(gettext.NullTranslations):
    """A gettext catalog that pseudo-translates every message id (English plurals)."""

    def gettext(self, message: str) -> str:
        return pseudo_translated(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translated(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo_translated(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo_translated(msgid1 if n == 1 else msgid2)
