"""The data the web game's JavaScript matcher needs, taken from the Python matcher itself.

The exported HTML game (:mod:`clarity.formats.web`) runs offline in a browser, so it judges
answers with ``matching.js``, a port of :mod:`clarity.core.matching`,
:mod:`clarity.core.number_reading` and :func:`clarity.core.answers.is_right`. Every table
those modules hold (letter folds, letters of their own by language, articles, number
conventions by language, signs, number words...) comes into the page from here, read at
build time from the Python modules, so that a change to a rule in Python reaches the page.

What JavaScript lacks, computed here from Python's :mod:`unicodedata` (the Unicode version
the desktop game judges with): the first word of a character's Unicode name (the script
that decides whether a mark is an accent, and which words never slip) as ranges of code
points, full case folding where it differs from lower case (``ß`` -> ``ss``), what
``str.isspace`` and ``str.isdigit`` count beyond JavaScript's ``\\s`` and ``\\p{Nd}``, and
where each run of decimal digits starts (to read ``٣`` as 3), and which code points
Python's Unicode does not know yet (a browser's newer Unicode may call them letters or
digits; the page treats them as Python does, as nothing). The shared case tables in
``tests/shared_cases/`` check the two implementations against each other.
"""

from __future__ import annotations

import copy
import sys
import unicodedata
from dataclasses import asdict
from functools import cache

from clarity.core import answers, matching, number_reading, scoring
from clarity.core.packs import models
from clarity.core.scoring import ScoringRules


def _ranges(codes: list[int]) -> list[list[int]]:
    """Sorted code points as [first, last] runs."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return runs


@cache
def _unicode_tables() -> dict[str, object]:
    """The tables computed from every code point (about a second; done once a process)."""
    accented: list[int] = []
    syllabic: list[int] = []
    casefold: dict[str, str] = {}
    spaces: list[str] = []
    digits: list[str] = []
    zeros: list[int] = []
    unassigned: list[int] = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if unicodedata.category(char) == "Cn":
            unassigned.append(code)
            continue
        script = unicodedata.name(char, "").split(" ", 1)[0]
        if script in matching.ACCENTED_SCRIPTS:
            accented.append(code)
        if script in matching.SYLLABIC_SCRIPTS:
            syllabic.append(code)
        if char.casefold() != char.lower():
            casefold[char] = char.casefold()
        if char.isspace():
            spaces.append(char)
        if char.isdigit() and not char.isdecimal():
            digits.append(char)
        if unicodedata.decimal(char, None) == 0:
            zeros.append(code)
    return {
        "accented_script_ranges": _ranges(accented),
        "syllabic_script_ranges": _ranges(syllabic),
        "casefold": casefold,
        "python_spaces": "".join(spaces),
        "digit_not_decimal": "".join(digits),
        "decimal_zeros": zeros,
        "unassigned_ranges": _ranges(unassigned),
    }


@cache
def _matching_tables() -> dict[str, object]:
    conventions = {
        tag: {"decimal": c.decimal, "group": c.group, "lakh": c.lakh}
        for tag, c in number_reading.NUMBER_CONVENTIONS.items()
    }
    return {
        "long_word": matching.LONG_WORD,
        "articles": {tag: sorted(words) for tag, words in matching.ARTICLES.items()},
        "letter_folds": dict(matching.LETTER_FOLDS),
        "own_letters_everywhere": "".join(sorted(matching.LETTERS_OF_THEIR_OWN_EVERYWHERE)),
        "own_letters": {
            tag: "".join(sorted(letters)) for tag, letters in matching.LETTERS_OF_THEIR_OWN.items()
        },
        "letter_variants": {tag: dict(v) for tag, v in matching.LETTER_VARIANTS.items()},
        "sign_spellings": dict(matching.SIGN_SPELLINGS),
        "turkish_case": {chr(code): text for code, text in matching._TURKISH_CASE.items()},
        "thai_abbreviation": matching._THAI_ABBREVIATION,
        "umlaut_spellings": {tag: dict(v) for tag, v in matching.UMLAUT_SPELLINGS.items()},
        "word_marks": "".join(sorted(matching._WORD_MARKS)),
        "dashes": "".join(chr(code) for code in matching._DASHES),
        "apostrophes": "".join(sorted(matching.APOSTROPHES)),
        "word_minus": matching._WORD_MINUS,
        "number_tag": matching.NUMBER_TAG,
        "written_tag": matching.WRITTEN_TAG,
        "optional_mark_ranges": [list(r) for r in matching.OPTIONAL_MARK_RANGES],
        "number_words": sorted(number_reading.NUMBER_WORDS),
        "scale_words": dict(number_reading.SCALE_WORDS),
        "number_conventions": conventions,
        "number_spaces": "".join(sorted(number_reading._SPACES)),
        "number_apostrophes": "".join(sorted(number_reading._APOSTROPHES)),
        "signs": number_reading._SIGNS.replace("\\", ""),
        "separators": number_reading._SEPARATORS,
        "negative": "".join(sorted(number_reading._NEGATIVE)),
        "slashes": "".join(chr(code) for code in number_reading._SLASHES),
        "vulgar_fractions": "".join(sorted(number_reading.VULGAR_FRACTIONS)),
        "superscripts": number_reading._SUPERSCRIPTS,
        "arabic_decimal": number_reading._ARABIC_DECIMAL,
        "arabic_group": number_reading._ARABIC_GROUP,
        "scientific_times": number_reading.SCIENTIFIC_TIMES,
        "most_exponent": number_reading.MOST_EXPONENT,
        "percent_pattern": models._PERCENT.pattern,
        "truefalse_words": _truefalse_words(),
        **_unicode_tables(),
    }


def _truefalse_words() -> dict[str, list[str]]:
    """The words a true/false answer may be typed as: the Python rule's own sets."""
    return {"true": sorted(answers.TRUE_WORDS), "false": sorted(answers.FALSE_WORDS)}


def matching_tables() -> dict[str, object]:
    """Every table ``matching.js`` needs, JSON-able (strings, numbers, lists, dicts with string
    keys), a new copy each call; computed once per process (the Unicode tables take about
    half a second)."""
    return copy.deepcopy(_matching_tables())


def scoring_rules_data(rules: ScoringRules) -> dict[str, object]:
    """``rules`` as ``scoring.js`` takes them: the fields of :class:`ScoringRules`
    (``dataclasses.asdict``) and the share of the time bonus a question earns with no time
    limit (:data:`clarity.core.scoring.NO_LIMIT_BONUS_SHARE`), which is not a field."""
    return {**asdict(rules), "no_limit_bonus_share": scoring.NO_LIMIT_BONUS_SHARE}
