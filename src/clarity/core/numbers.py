"""How the game writes a number for people: one function for every screen and command.

Points, counts and sizes are written with their digits in groups of three joined by a
no-break space (U+00A0), and a negative with a minus sign (U+2212): 5 653, 12 350,
−300. Why this way rather than the English "5,653":

* No ambiguity across the game's languages. In Russian and Belarusian (and most of
  Europe) the comma is the decimal mark, so "1,180" reads as one point one eight. A space
  between groups of three is the international style (the SI Brochure, 9th edition,
  5.4.4, groups digits by threes with a space and never with a comma or a point), and
  U+00A0 is the group separator CLDR, and so Babel, gives Russian:
  ``babel.numbers.format_decimal(5653, locale="ru") == "5\\xa0653"``.
* No-break: a line of text is never wrapped inside a number ("5" at the end of one line
  and "653" on the next), by SDL_ttf or by our own line breaking.
* Every command can print it: U+00A0 is in the legacy code pages a Windows console uses
  for output sent to a file (cp1252, cp437, cp850, cp866, cp1251) and in KOI8-R, whereas
  the narrow no-break space U+202F is in none of them and would print as "?".
* Readable from the back of a room: in the bundled Inter font U+00A0 is as wide as a word
  space, a clear gap on a projector (the narrow U+202F is two thirds of it).

Machine-readable output (the CSV exports) keeps plain digits: a spreadsheet reads 5653.
Years and picture sizes (2026, 1920x1080) are not quantities a player adds up and keep
their plain digits, as everywhere.

The translation issue will write numbers in the interface language with Babel; it adds a
locale parameter to :func:`format_number`, which stays the one place numbers are written.
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
