"""Numbers written without an interface language: the store's English texts that no
translator sees (``TrophyLine.progress``, a table printed with no number writer).

Every screen and command writes its numbers with ``clarity.i18n.Translator.number``, by the
interface language's conventions (5,653 in English, 5 653 in Russian and Belarusian,
CLDR's through Babel). This module keeps the language-neutral form for the rest: digits in
groups of three joined by a no-break space (U+00A0), the SI Brochure's grouping (9th edition,
5.4.4), never read as a decimal mark in any of the game's languages, never wrapped inside
a number, and printable in every legacy console code page; a negative number after the
minus sign (U+2212).

Machine-readable output (the CSV exports) keeps plain digits: a spreadsheet reads 5653.
"""

from __future__ import annotations

#: Between groups of three digits: a no-break space (see the module's docstring).
GROUP_SEPARATOR = "\u00a0"
#: Before a negative number: the minus sign, as wide as a plus (a hyphen is shorter).
MINUS = "\u2212"


def format_number(value: int) -> str:
    """``value`` for people: digits in groups of three joined by :data:`GROUP_SEPARATOR`,
    a negative one after :data:`MINUS`; 999 -> "999", 5653 -> "5 653", -300 -> "−300".

    Raises TypeError for anything but an int (a bool included): a float would need a rule
    for its decimals, which no screen has asked for.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"format_number takes an int, not {type(value).__name__}")
    sign = MINUS if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", GROUP_SEPARATOR)
