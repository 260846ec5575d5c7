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

* A fraction is its value: ``1/2``, ``½`` (read as ``1/2``), ``1 1/2`` and ``1½`` (a whole
  number one space before it); ``11/2`` is five and a half. A superscript after a digit is
  a power, which is not one number (``10³``); Arabic's decimal sign ``٫`` and group sign
  ``٬`` are read in every language (:func:`spell_numbers`).
* A number in scientific notation, as Excel writes big and small numbers and calculators
  and programs print them, is its exact value in every language (:data:`SCIENTIFIC`):
  ``6.02E+23``, ``6.02e23``, ``1.5E-07``, ``1e3``; ``6,02E+23`` where the comma is the
  decimal sign (a point is one everywhere: a mantissa has no digit groups); and written out
  with a power of ten after a times sign, ``6.02×10²³``, ``6,02·10^23``, ``6.02 x 10^23``.
  No number is ever read out of its power (``6.02E+23`` is never 23, ``1e3,5`` is no
  number); a power past :data:`MOST_EXPONENT` (``1e999``) and a mantissa in another
  language's decimal sign (``6,02e23`` in English) are no number.

Each language's decimal and group signs are CLDR's, version 49 (``<symbols
numberSystem="latn">`` ``decimal`` and ``group`` in ``common/main/<tag>.xml``, as Babel
2.19 gives them with ``babel.numbers.get_decimal_symbol`` and ``get_group_symbol``), with a
region's own where it differs (``de-CH``, ``es-MX``, ``pt-PT``, ``en-ZA``). A language not
listed reads as CLDR's root locale writes numbers, which is also English's: a decimal point
and a comma between groups. (The other choice, to keep every comma and point form of an
unknown language as written, would refuse ``1,000`` and ``3.5`` in the many languages that
write them so; CLDR lists every language a bundled font writes.)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
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
    rf"(?<![^\W_])(?<!\d[eE][{_SIGNS}])([{_SIGNS}]?)"
    rf"((?>(?:\d+|[.,](?=\d))\d*(?:[{_SEPARATORS}]\d+)*))(?![^\W_])",
)

#: The signs between a number and ``10^`` in scientific notation written out: ``6.02×10^23``
#: (a superscript power is spelt with ``^`` first, :func:`spell_numbers`), the middle dots
#: of Russian and other European school books (``6,02·10²³``), the letter x and the
#: asterisk a keyboard types for them.
SCIENTIFIC_TIMES = "\u00d7x*\u00b7\u22c5"

#: The largest power of ten a number in scientific notation may have, either way: a googol
#: (``1e100``) and the smallest constants of physics (``1.6e-35``) are far inside, and a
#: number past it (``1e999999``) is refused before its digits are written out.
MOST_EXPONENT = 400

#: A number in scientific notation, as Excel, calculators and programs write it: a sign, a
#: mantissa (digits, a decimal sign and digits), ``e`` (or ``E``) or a times sign and
#: ``10^``, a sign and the power (``6.02E+23``, ``1.5e-7``, ``6,02·10^23``). Never digits
#: of a grouped number (``1 000e3``) nor inside a word; the power is read whole, with any
#: separators after it, so that no number is read out of it (``1e3,5`` is no number).
SCIENTIFIC = re.compile(
    rf"(?<![^\W_])(?<!\d[{_SEPARATORS}])([{_SIGNS}]?)(\d+(?:[.,]\d+)?|[.,]\d+)"
    rf"(?:[eE]|[{''.join(sorted(_SPACES))}]?[{SCIENTIFIC_TIMES}][{''.join(sorted(_SPACES))}]?10\^)"
    rf"([{_SIGNS}]?)((?>\d+(?:[.,]\d+)*))(?![^\W_])"
)

# A sign a space apart from the digits, at the start of an answer ("- 40").
_SPACED_SIGN = re.compile(rf"^(\s*[{_SIGNS}])\s+(?=[\d.,])")

# Arabic's own decimal and group signs (U+066B, U+066C): CLDR's for the "arab" and "arabext"
# digits of ar, fa, ur...; no other use, so they are read in every language.
_ARABIC_DECIMAL = "\u066b"
_ARABIC_GROUP = "\u066c"

# Fraction slashes a keyboard cannot type, read as "/".
_SLASHES = dict.fromkeys(map(ord, "\u2044\u2215"), "/")

#: Vulgar fractions (½ ¼ ¾ ⅓ ... ↉), written by Unicode as one character: the compatibility
#: form of each is its digits around a fraction slash (U+2044).
VULGAR_FRACTIONS = frozenset(
    char
    for char in map(chr, [*range(0x00BC, 0x00BF), *range(0x2150, 0x2190)])
    if "\u2044" in unicodedata.normalize("NFKC", char)
)

_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079\u207a\u207b"
_SUPERSCRIPT_RUN = re.compile(f"[{_SUPERSCRIPTS}]+")

#: A fraction as typed: digits, a slash and digits ("1/2"), after a whole number and one
#: space for a mixed number ("1 1/2"); never part of a date or a path ("1/2/2020").
FRACTION = re.compile(
    rf"(?<![^\W_])(?<!/)([{_SIGNS}]?)(?:(\d+)[ \u00a0\u202f])?(\d+)/(\d+)(?![^\W_]|/|[.,]\d)"
)


def spell_numbers(text: str, language: str) -> str:
    """``text`` with numbers written in signs a keyboard lacks spelt in typed ones, before
    any other folding (which would lose the difference):

    * a vulgar fraction as digits around a slash, a space apart from a whole number before
      it (``½`` -> ``1/2``, ``1½`` -> ``1 1/2``: never ``11/2``);
    * superscript digits and signs after a digit or a closing bracket as a power with
      ``^`` (``10³`` -> ``10^3``, never ``103``); elsewhere they are plain (``x²`` -> ``x2``,
      ``O²⁻`` -> ``O2-``, as a class types an ion or a square); subscripts are left to
      the compatibility folding, which makes them plain (``H₂O`` is typed ``H2O``);
    * Arabic's decimal sign as the language's decimal sign, its group sign as a space
      (``٣٫٥`` is 3.5, ``١٬٠٠٠`` is 1000 everywhere)."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for i, char in enumerate(text):
        if char in VULGAR_FRACTIONS:
            if i and text[i - 1].isdigit():
                out.append(" ")
            out.append(unicodedata.normalize("NFKC", char).translate(_SLASHES))
        else:
            out.append(char)
    spelt = "".join(out).translate(_SLASHES)

    def power(match: re.Match[str]) -> str:
        plain = unicodedata.normalize("NFKC", match[0])
        before = spelt[match.start() - 1 : match.start()]
        return "^" + plain if before and (before.isdigit() or before in ")]") else plain

    spelt = _SUPERSCRIPT_RUN.sub(power, spelt)
    decimal = conventions_for(language).decimal
    return spelt.replace(_ARABIC_DECIMAL, decimal).replace(_ARABIC_GROUP, "\u202f")


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


def _tags(conventions: NumberConventions, tags: str) -> dict[str, NumberConventions]:
    return dict.fromkeys(tags.split(), conventions)


#: Decimal and group signs by language tag, lower case, from CLDR 49 (the ``latn`` symbols of
#: ``common/main/<tag>.xml`` and its decimal pattern, as Babel 2.19 gives them), for every
#: CLDR language written in a script of the bundled fonts (Latin, Cyrillic, Greek, Arabic,
#: Hebrew, Devanagari, Thai) and CJK, and the regions whose own way differs from their
#: language's (``pt-PT``, ``es-MX``, ``de-CH``, ``en-ZA``...). Languages that write
#: numbers as CLDR's root does (a decimal point, a comma between groups: Arabic, Hebrew,
#: Hindi's script neighbours, Thai, Malay, Swahili, Irish...) are not listed but read so,
#: as English does. Left out are ``bgn`` and ``ks``, whose Latin digits CLDR groups with
#: the Arabic comma, which no keyboard of theirs puts between digits. Spaces of every
#: width count as the same group sign, and so do both apostrophes.
NUMBER_CONVENTIONS: dict[str, NumberConventions] = {
    "en": NumberConventions(decimal=".", group=","),
    "zh": NumberConventions(decimal=".", group=","),
    "ja": NumberConventions(decimal=".", group=","),
    "ko": NumberConventions(decimal=".", group=","),
    "he": NumberConventions(decimal=".", group=","),
    "ar": NumberConventions(decimal=".", group=","),
    "fa": NumberConventions(decimal=".", group=","),
    "th": NumberConventions(decimal=".", group=","),
    **_tags(
        NumberConventions(decimal=",", group="\u00a0"),
        "ady af agq ba bas be bg br bua cs cv dua dyo et ewo ff fi gl ht hu ie kab kbd kea kk "
        "ksf ky lt lv nb nmg nn no nr pl ru sah se sk smn sq ss sv tg tk tok ts tt tzm uk uz "
        "ve yav en-cz en-ee en-fi en-hu en-lt en-lv en-no en-pt en-se en-sk en-ua en-za es-cr "
        "fr-ca pt-ao pt-ch pt-cv pt-gq pt-gw pt-lu pt-mo pt-mz pt-pt pt-st pt-tl",
    ),
    **_tags(
        NumberConventions(decimal=",", group="."),
        "ast az bs ca da de dsb el es eu fo fy hr hsb ia id is it jgo jv kgp kkj kl ku lb lij "
        "lld ln lu mgh mk mua nl nnh pms ps pt rn ro rw sc scn seh sg sl sr su tr vi wo yrl "
        "ar-dz ar-lb ar-ly ar-ma ar-mr ar-tn en-at en-be en-de en-dk en-es en-id en-it en-nl "
        "en-pl en-ro en-si fr-lu ms-bn ms-id qu-bo sw-cd",
    ),
    **_tags(NumberConventions(decimal=",", group="\u202f"), "blo eo fr rm vec en-fr en-ge"),
    **_tags(NumberConventions(decimal=",", group="'"), "fr-ch"),
    **_tags(NumberConventions(decimal=".", group="'"), "gsw de-ch de-li en-ch it-ch"),
    **_tags(NumberConventions(decimal=".", group="\u00a0"), "dje khq mfe ses to twq tyv xh"),
    **_tags(
        NumberConventions(decimal=".", group=","),
        "es-419 es-br es-bz es-cu es-do es-gt es-hn es-mx es-ni es-pa es-pe es-pr es-sv es-us "
        "fr-rw",
    ),
    **_tags(
        NumberConventions(decimal=".", group=",", lakh=True), "brx hi kok kxv mr ne sa xnr en-in"
    ),
}

# A region subtag: two letters or three digits (BCP 47, section 2.2.4).
_REGION = re.compile(r"^(?:[a-z]{2}|\d{3})$")


def conventions_for(language: str) -> NumberConventions:
    """The conventions of ``language`` (a BCP 47 tag such as "ru", "pt-BR" or
    "sr-Latn-RS"): its region's where CLDR gives the region its own ("de-CH" writes
    1'000.5), else its language's; CLDR root's (English's: a decimal point, a comma between
    groups) for a language not in :data:`NUMBER_CONVENTIONS`."""
    subtags = language.casefold().replace("_", "-").split("-")
    region = next((tag for tag in subtags[1:3] if _REGION.match(tag)), None)
    if region is not None and f"{subtags[0]}-{region}" in NUMBER_CONVENTIONS:
        return NUMBER_CONVENTIONS[f"{subtags[0]}-{region}"]
    return NUMBER_CONVENTIONS.get(subtags[0], NUMBER_CONVENTIONS["en"])


@dataclass(frozen=True, slots=True)
class Reading:
    """What one written number is: a ``value`` with the digits written after its decimal
    sign kept (``Decimal("3.10")``), or ``None`` for an ambiguous form; ``as_written`` is the
    form, ``leading_zero`` marks a whole number written with one (``007``) and
    ``fraction`` a fraction (``1 1/2``, its form with plain digits, one space and a slash)."""

    value: Decimal | None
    as_written: str = ""
    leading_zero: bool = False
    fraction: bool = False


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


def number_spans(text: str, language: str) -> Iterator[tuple[int, int, list[Reading]]]:
    """Where the numbers of ``text`` (already spelt by :func:`spell_numbers`) are, in order:
    each number in scientific notation (:data:`SCIENTIFIC`), each fraction
    (:data:`FRACTION`) outside them and each :data:`NUMBER_RUN` match outside both, as its
    start, its end and what it reads as in ``language``."""
    conventions = conventions_for(language)
    whole: list[tuple[int, int, Reading]] = [
        (match.start(), match.end(), _read_scientific(match, conventions))
        for match in SCIENTIFIC.finditer(text)
    ]
    for fraction in FRACTION.finditer(text):
        if not any(start < fraction.end() and fraction.start() < end for start, end, _ in whole):
            whole.append((fraction.start(), fraction.end(), _read_fraction(*fraction.groups())))
    whole.sort(key=lambda span: span[0])
    position = 0
    for start, end, reading in [*whole, (len(text), len(text), None)]:
        for match in NUMBER_RUN.finditer(text, position, start):
            yield match.start(), match.end(), read_run(match[1], match[2], conventions)
        if reading is None:
            return
        yield start, end, [reading]
        position = end


def _read_scientific(match: re.Match[str], conventions: NumberConventions) -> Reading:
    """A :data:`SCIENTIFIC` match as its exact value (``6.02e23`` is ``Decimal("6.02E+23")``,
    ``-1.5e-7`` is ``Decimal("-1.5E-7")``), or kept as written (no value) when the mantissa's
    decimal sign is not one in the language (``6,02e23`` in English), the power has
    separators (``1e3,5``) or is past :data:`MOST_EXPONENT` (``1e999``). A point is the
    decimal sign of a mantissa in every language: scientific notation is written with no
    digit groups."""
    written, (sign, mantissa, power_sign, power) = match[0], match.groups()
    as_written = Reading(None, written)
    whole, separator, decimals = mantissa.partition("," if "," in mantissa else ".")
    if separator and separator not in (conventions.decimal, "."):
        return as_written
    if not power.isdecimal():
        return as_written
    places = "".join(str(unicodedata.decimal(char)) for char in power).lstrip("0")
    if len(places) > len(str(MOST_EXPONENT)) or int(places or 0) > MOST_EXPONENT:
        return as_written
    exponent = f"{'-' if power_sign in _NEGATIVE else '+'}{int(places or 0)}"
    try:
        value = Decimal(f"{whole or '0'}.{decimals}E{exponent}")
    except InvalidOperation:  # digits Decimal does not read (other number systems)
        return as_written
    if sign in _NEGATIVE:
        value = -value
    if value == 0:
        value = abs(value)
    return Reading(value, written)


def _read_fraction(sign: str, whole: str | None, numerator: str, denominator: str) -> Reading:
    negative = sign in _NEGATIVE
    written = f"{'-' if negative else ''}{f'{int(whole)} ' if whole else ''}"
    written += f"{int(numerator)}/{int(denominator)}"
    if int(denominator) == 0:
        return Reading(None, written, fraction=True)
    value = Decimal(int(whole or 0)) + Decimal(int(numerator)) / Decimal(int(denominator))
    return Reading(-value if negative else value, written, fraction=True)


def read_number(text: str, language: str) -> Decimal | None:
    """The one number in ``text``, read by the conventions of ``language``, with what is
    around it ignored when it is not a number: a unit, a percent or degree sign, a currency
    ("71 %", "$6", "212 °F", "1000 g" are 71, 6, 212 and 1000). A scale word after the number
    multiplies it ("67 million"). A fraction is its value ("1/2", "½" and "0.5" are one
    half; "1 1/2" and "1½" are 1.5; a third is ``Decimal(1) / 3``, to 28 digits). ``None``
    when the text holds no number, more than one ("10 to 20", "ten 10", "10³"), or a form
    ambiguous there ("1,000,000" in Russian)."""
    spelt = spell_numbers(text, language)
    folded = close_spaced_sign(unicodedata.normalize("NFKC", spelt).casefold().strip())
    readings: list[Reading] = []
    words: list[str] = []
    position = 0
    scale = 1
    for start, end, read in number_spans(folded, language):
        words += re.findall(r"[^\W\d_]+", folded[position:start])
        readings += read
        position = end
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
