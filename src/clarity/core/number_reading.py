"""Reading a number as a class writes it, by the conventions of the pack's language.

Writing numbers for the screen is :mod:`clarity.core.numbers`; this module reads what a
teacher or a student typed: "1 000", "1,000", "1000", "3,5", "-40", "+5", ".5".

The rules, in the order they decide:

* Digits may be grouped by threes with a space of any width (U+0020, U+00A0, U+202F,
  U+2009) or an apostrophe, in every language: the international style of the SI Brochure
  (9th edition, 5.4.4) and the Swiss one (``1'000``). In ``hi`` and ``en-IN`` the groups
  before the last three may be twos, as CLDR's pattern ``#,##,##0.###`` writes them there
  (``1,00,000`` is a hundred thousand, a lakh).
* A comma or a point followed by exactly three digits, after one to three digits that do
  not start with 0, could be a group sign. It is one where the language groups with it
  (``1,000`` in English, ``1.000`` in German are a thousand). Where the language does not
  group with it, a single one is the decimal sign when it is the language's decimal sign or
  a point (``2,718`` in Russian, whose group sign is a space, is 2.718; ``0.125`` is an
  eighth everywhere: a group never follows a lone 0). The form is **ambiguous** only where
  it could be read by another language's convention and this language gives no answer:
  several of the sign (``1,000,000`` in Russian, ``1.000.000`` in English) or a comma in a
  language that uses it for neither. An ambiguous form is kept as written: it counts only
  as itself, never as another number.
* Otherwise the last comma or point is the decimal sign: the language's own one, or a
  point in any language (keypads and calculators write it; it is never a list separator).
  A comma in a language whose decimal sign is a point separates two numbers (``3,5`` in
  English is 3 and 5). A number may start with its decimal sign (``.5``, ``,5`` in
  Russian).
* A sign (``+``, ``-``, a minus sign or a dash used as one) directly before the digits and
  not after a letter or a digit is part of the number: ``-40`` is not ``40``; ``+5`` is 5.
  At the start of an answer a space may follow it (``- 40``).
* A whole number written with a leading zero (``007``, ``04``) has its value (7) and is
  marked :attr:`Reading.leading_zero`: a typed answer keeps it as written.
* A reading keeps the digits written after the decimal sign (``3.10`` is ``Decimal("3.10")``):
  a typed answer compares them as written, a number question by value.

Each language's decimal and group signs are CLDR's (``<symbols numberSystem="latn">``
``decimal`` and ``group`` in ``common/main/<language>.xml``; Babel exposes them as
``babel.numbers.get_decimal_symbol`` and ``get_group_symbol``). A language not listed
reads like English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

# The spaces and apostrophes that join groups of three in every language.
_SPACES = frozenset(" \u00a0\u202f\u2009\u2007")
_APOSTROPHES = frozenset("'\u2019")
_SIGNS = "+\\-\u2212\u2010\u2011\u2012\u2013\ufe63\uff0b\uff0d"
_SEPARATORS = ".,'\u2019 \u00a0\u202f\u2009\u2007"
_NEGATIVE = frozenset("-\u2212\u2010\u2011\u2012\u2013\ufe63\uff0d")

#: A number as it may be written: a sign, digits, single separators between digits, or a
#: leading decimal sign (".5"). The lookarounds keep digits inside a word out ("H2O", "4x5",
#: "C3PO" are words); an underscore is punctuation there ("x86_64" holds the number 64).
NUMBER_RUN = re.compile(
    rf"(?<![^\W_])([{_SIGNS}]?)((?>(?:\d+|[.,](?=\d))\d*(?:[{_SEPARATORS}]\d+)*))(?![^\W_])",
)

# A sign a space apart from the digits, at the start of an answer ("- 40").
_SPACED_SIGN = re.compile(rf"^(\s*[{_SIGNS}])\s+(?=[\d.,])")

#: Number words: a number written in words is a number, never a word to forgive.
NUMBER_WORDS = frozenset(
    (
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "twelfth",
        "twentieth",
        "hundredth",
        "thousandth",
    )
)

#: Words that multiply the number written before them ("67 million" is 67,000,000).
SCALE_WORDS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
}


@dataclass(frozen=True, slots=True)
class NumberConventions:
    """How a language writes numbers: its decimal sign and its sign between groups of three."""

    decimal: str
    group: str
    #: Groups of two after the last three, as India writes them: 10,00,000 is a million
    #: (CLDR's pattern ``#,##,##0.###`` for hi and en-IN).
    lakh: bool = False


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
    "hi": NumberConventions(decimal=".", group=",", lakh=True),
    "en-in": NumberConventions(decimal=".", group=",", lakh=True),
    "th": NumberConventions(decimal=".", group=","),
}


def conventions_for(language: str) -> NumberConventions:
    """The conventions of ``language`` (a BCP 47 tag such as "ru" or "pt-BR"): its own with
    its region ("en-IN") when listed, else its language's; English's when the language is
    not in :data:`NUMBER_CONVENTIONS`."""
    subtags = language.casefold().split("-")
    regional = "-".join(subtags[:2])
    if regional in NUMBER_CONVENTIONS:
        return NUMBER_CONVENTIONS[regional]
    return NUMBER_CONVENTIONS.get(subtags[0], NUMBER_CONVENTIONS["en"])


@dataclass(frozen=True, slots=True)
class Reading:
    """What one written number is: a ``value`` with the digits written after its decimal
    sign kept (``Decimal("3.10")``), or ``None`` for an ambiguous form; ``as_written`` is the
    form, and ``leading_zero`` marks a whole number written with one (``007``)."""

    value: Decimal | None
    as_written: str = ""
    leading_zero: bool = False


def close_spaced_sign(text: str) -> str:
    """``text`` with a sign at its start joined to the digits a space apart ("- 40" -> "-40")."""
    return _SPACED_SIGN.sub(r"\1", text)


def read_run(sign: str, body: str, conventions: NumberConventions) -> list[Reading]:
    """The numbers in one :data:`NUMBER_RUN` match: one, or several when the separators do
    not make one number ("19 96" is 19 and 96; "3,5" in English is 3 and 5)."""
    if not body.strip(_SEPARATORS):
        return []
    one = _read_one(sign, body, conventions)
    if one is not None:
        return [one]
    if body[0] in ".,":  # ",5" in English: no decimal sign there, and no number alone
        return [Reading(None, sign + body)]
    pieces = re.split(f"[{''.join(sorted(_SPACES))}]", body)
    if len(pieces) == 1:
        pieces = re.split(r"[.,'\u2019]", body)
    readings: list[Reading] = []
    for i, piece in enumerate(pieces):
        readings += read_run(sign if i == 0 else "", piece, conventions)
    return readings


def read_number(text: str, language: str) -> Decimal | None:
    """The one number in ``text``, read by the conventions of ``language``, with what is
    around it ignored when it is not a number: a unit, a percent or degree sign, a currency
    ("71 %", "$6", "212 °F", "1000 g" are 71, 6, 212 and 1000). A scale word after the number
    multiplies it ("67 million"). ``None`` when the text holds no number, more than one
    ("1/2", "10 to 20", "ten 10"), or a form ambiguous there ("1,000,000" in Russian)."""
    folded = close_spaced_sign(unicodedata.normalize("NFKC", text).casefold().strip())
    conventions = conventions_for(language)
    readings: list[Reading] = []
    words: list[str] = []
    position = 0
    scale = 1
    for match in NUMBER_RUN.finditer(folded):
        words += re.findall(r"[^\W\d_]+", folded[position : match.start()])
        readings += read_run(match[1], match[2], conventions)
        position = match.end()
    after = re.findall(r"[^\W\d_]+", folded[position:])
    if after and after[0] in SCALE_WORDS:
        scale = SCALE_WORDS[after.pop(0)]
    words += after
    if len(readings) != 1 or readings[0].value is None:
        return None
    if any(word in NUMBER_WORDS for word in words):
        return None  # "67 thousand million", "ten 10": more than one number
    value = readings[0].value
    if scale == 1:
        return value
    with localcontext() as exact:
        exact.prec = len(value.as_tuple().digits) + 10
        return value * scale


def _read_one(sign: str, body: str, conventions: NumberConventions) -> Reading | None:
    """``body`` as one number, or None when its separators do not make one."""
    parts = re.split(f"([{_SEPARATORS}])", body)
    groups, seps = parts[0::2], parts[1::2]
    as_written = Reading(None, sign + body)
    decimal_signs = (conventions.decimal, ".")
    if groups[0] == "":  # ".5": a number that starts with its decimal sign
        if len(seps) == 1 and seps[0] in decimal_signs:
            return _value(sign, "0", groups[1], sign + body)
        return None
    last = seps[-1] if seps else None
    if last is not None and len(groups[-1]) == 3:
        whole = _grouped(groups, seps, conventions)
        if whole is not _AMBIGUOUS and whole is not None:
            return _value(sign, whole, "", sign + body)
        if whole is _AMBIGUOUS and not (seps.count(last) == 1 and last in decimal_signs):
            return as_written
    decimals = ""
    if last is not None and last in decimal_signs:
        decimals = groups.pop()
        seps.pop()
    elif seps:
        return None  # "3,5" in English, "19 96": not one number
    whole = _grouped(groups, seps, conventions)
    if whole is None or whole is _AMBIGUOUS:
        return None if whole is None else as_written
    return _value(sign, whole, decimals, sign + body)


_AMBIGUOUS = "ambiguous"


def _grouped(groups: list[str], seps: list[str], conventions: NumberConventions) -> str | None:
    """The digits of a whole number grouped by threes with one kind of group sign; None when
    the groups are not threes after a first group of one to three digits without a leading
    0, :data:`_AMBIGUOUS` when the sign is a comma or a point that the language does not
    group with."""
    if not seps:
        return groups[0]
    first = groups[0]
    if not 1 <= len(first) <= 3 or first.startswith("0"):
        return None
    kinds = {" " if s in _SPACES else "'" if s in _APOSTROPHES else s for s in seps}
    if len(kinds) > 1:
        return None
    kind = kinds.pop()
    lakh = conventions.lakh and kind == conventions.group and len(first) <= 2
    if lakh and all(len(g) == 2 for g in groups[1:-1]) and len(groups[-1]) == 3:
        return "".join(groups)  # 1,00,000 in India
    if not all(len(g) == 3 for g in groups[1:]):
        return None
    if kind in (" ", "'") or kind == conventions.group:
        return "".join(groups)
    return _AMBIGUOUS


def _value(sign: str, whole: str, decimals: str, as_written: str) -> Reading:
    try:
        value = Decimal(f"{whole}.{decimals}" if decimals else whole)
    except InvalidOperation:  # digits Decimal does not read (other number systems)
        return Reading(None, as_written)
    if sign in _NEGATIVE:
        value = -value
    if value == 0:
        value = abs(value)  # -0 is 0; "0.0" keeps its written decimals
    leading_zero = not decimals and len(whole) > 1 and whole.startswith("0")
    return Reading(value, as_written, leading_zero)
