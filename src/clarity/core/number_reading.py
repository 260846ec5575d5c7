"""Reading a number as a class writes it, by the conventions of the pack's language.

Writing numbers for the screen is :mod:`clarity.core.numbers`; this module reads what a
teacher or a student typed: "1 000", "1,000", "1000", "3,5", "-40", "+5".

The rules, in the order they decide:

* Digits may be grouped by threes with a space of any width (U+0020, U+00A0, U+202F,
  U+2009) or an apostrophe, in every language: the international style of the SI Brochure
  (9th edition, 5.4.4) and the Swiss one (``1'000``).
* A comma or a point followed by a group of exactly three digits is a group sign where the
  language groups with it (``1,000`` in English, ``1.000`` in German). Where the language
  uses it as its decimal sign, or does not use it at all, the form is **ambiguous**
  (``1,000`` in Russian could be one or a thousand) and is kept as written: it counts only
  as itself, never as another number.
* Otherwise the last comma or point is the decimal sign: the language's own one, or a
  point in any language (keypads and calculators write it; it is never a list separator).
  A comma in a language whose decimal sign is a point separates two numbers (``3,5`` in
  English is 3 and 5).
* A sign (``+``, ``-``, a minus sign or a dash used as one) directly before the digits and
  not after a letter or a digit is part of the number: ``-40`` is not ``40``; ``+5`` is 5.
* A whole number written with a leading zero (``007``, ``04``) is kept as written.

Each language's decimal and group signs are CLDR's (``<symbols numberSystem="latn">``
``decimal`` and ``group`` in ``common/main/<language>.xml``; Babel exposes them as
``babel.numbers.get_decimal_symbol`` and ``get_group_symbol``). A language not listed
reads like English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# The spaces and apostrophes that join groups of three in every language.
_SPACES = frozenset(" \u00a0\u202f\u2009\u2007")
_APOSTROPHES = frozenset("'\u2019")
_SIGNS = "+\\-\u2212\u2010\u2011\u2012\u2013\ufe63\uff0b\uff0d"
_SEPARATORS = ".,'\u2019 \u00a0\u202f\u2009\u2007"
_NEGATIVE = frozenset("-\u2212\u2010\u2011\u2012\u2013\ufe63\uff0d")

#: A number as it may be written: a sign, digits, single separators between digits. The
#: lookarounds keep digits inside a word out ("H2O", "4x5", "C3PO" are words).
NUMBER_RUN = re.compile(
    rf"(?<!\w)([{_SIGNS}]?)(\d+(?:[{_SEPARATORS}]\d+)*)(?!\w)",
)


@dataclass(frozen=True, slots=True)
class NumberConventions:
    """How a language writes numbers: its decimal sign and its sign between groups of three."""

    decimal: str
    group: str


#: Decimal and group signs by language (primary subtag), from CLDR (see the module's
#: docstring). Spaces of every width count as the same group sign.
NUMBER_CONVENTIONS: dict[str, NumberConventions] = {
    "en": NumberConventions(decimal=".", group=","),
    "ru": NumberConventions(decimal=",", group="\u00a0"),
    "be": NumberConventions(decimal=",", group="\u00a0"),
    "uk": NumberConventions(decimal=",", group="\u00a0"),
    "pl": NumberConventions(decimal=",", group="\u00a0"),
    "de": NumberConventions(decimal=",", group="."),
    "fr": NumberConventions(decimal=",", group="\u202f"),
    "es": NumberConventions(decimal=",", group="."),
    "it": NumberConventions(decimal=",", group="."),
    "pt": NumberConventions(decimal=",", group="\u00a0"),
    "nl": NumberConventions(decimal=",", group="."),
    "sv": NumberConventions(decimal=",", group="\u00a0"),
    "cs": NumberConventions(decimal=",", group="\u00a0"),
    "lt": NumberConventions(decimal=",", group="\u00a0"),
    "lv": NumberConventions(decimal=",", group="\u00a0"),
    "et": NumberConventions(decimal=",", group="\u00a0"),
    "tr": NumberConventions(decimal=",", group="."),
    "zh": NumberConventions(decimal=".", group=","),
    "ja": NumberConventions(decimal=".", group=","),
    "ko": NumberConventions(decimal=".", group=","),
    "he": NumberConventions(decimal=".", group=","),
    "hi": NumberConventions(decimal=".", group=","),
    "th": NumberConventions(decimal=".", group=","),
}


def conventions_for(language: str) -> NumberConventions:
    """The conventions of ``language`` (a BCP 47 tag such as "ru" or "pt-BR"); English's
    when the language is not in :data:`NUMBER_CONVENTIONS`."""
    primary = language.split("-", 1)[0].casefold()
    return NUMBER_CONVENTIONS.get(primary, NUMBER_CONVENTIONS["en"])


@dataclass(frozen=True, slots=True)
class Reading:
    """What one written number is: a ``value``, or ``None`` with the form kept ``as_written``
    (an ambiguous form, or a leading zero)."""

    value: Decimal | None
    as_written: str = ""


def read_run(sign: str, body: str, conventions: NumberConventions) -> list[Reading]:
    """The numbers in one :data:`NUMBER_RUN` match: one, or several when the separators do
    not make one number ("19 96" is 19 and 96; "3,5" in English is 3 and 5)."""
    one = _read_one(sign, body, conventions)
    if one is not None:
        return [one]
    pieces = re.split(f"[{''.join(sorted(_SPACES))}]", body)
    if len(pieces) == 1:
        pieces = re.split(r"[.,'\u2019]", body)
    readings: list[Reading] = []
    for i, piece in enumerate(pieces):
        readings += read_run(sign if i == 0 else "", piece, conventions)
    return readings


def read_number(text: str, language: str) -> Decimal | None:
    """The number ``text`` is, read by the conventions of ``language``; ``None`` when the text
    is not exactly one number or is ambiguous there ("1,000" in Russian)."""
    match = NUMBER_RUN.fullmatch(text.strip())
    if match is None:
        return None
    readings = read_run(match.group(1), match.group(2), conventions_for(language))
    if len(readings) != 1:
        return None
    return readings[0].value


def _read_one(sign: str, body: str, conventions: NumberConventions) -> Reading | None:
    """``body`` as one number, or None when its separators do not make one."""
    parts = re.split(f"([{_SEPARATORS}])", body)
    groups, seps = parts[0::2], parts[1::2]
    as_written = Reading(None, sign + body)
    decimal_last = bool(seps) and seps[-1] in (conventions.decimal, ".")
    if seps and len(groups[-1]) == 3:
        whole = _grouped(groups, seps, conventions)
        if whole is _AMBIGUOUS:
            return as_written
        if whole is not None:
            return _value(sign, whole, "", as_written)
        if not decimal_last:
            return None
    decimals = ""
    if decimal_last:
        decimals = groups.pop()
        seps.pop()
    elif seps:
        return None  # "3,5" in English, "19 96": not one number
    whole = _grouped(groups, seps, conventions)
    if whole is None or whole is _AMBIGUOUS:
        return None if whole is None else as_written
    return _value(sign, whole, decimals, as_written)


_AMBIGUOUS = "ambiguous"


def _grouped(groups: list[str], seps: list[str], conventions: NumberConventions) -> str | None:
    """The digits of a whole number grouped by threes with one kind of group sign; None when
    the groups are not threes, :data:`_AMBIGUOUS` when the sign is a comma or a point that the
    language does not group with."""
    if not seps:
        return groups[0]
    if not 1 <= len(groups[0]) <= 3 or not all(len(g) == 3 for g in groups[1:]):
        return None
    kinds = {" " if s in _SPACES else "'" if s in _APOSTROPHES else s for s in seps}
    if len(kinds) > 1:
        return None
    kind = kinds.pop()
    if kind in (" ", "'") or kind == conventions.group:
        return "".join(groups)
    return _AMBIGUOUS


def _value(sign: str, whole: str, decimals: str, as_written: Reading) -> Reading:
    if len(whole) > 1 and whole.startswith("0"):
        return as_written
    try:
        value = Decimal(f"{whole}.{decimals}" if decimals else whole)
    except InvalidOperation:  # digits Decimal does not read (other number systems)
        return as_written
    if sign in _NEGATIVE:
        value = -value
    return Reading(value if value != 0 else Decimal(0))
