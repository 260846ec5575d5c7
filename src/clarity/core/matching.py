"""Comparing a typed answer or image guess with what the teacher wrote, as the teacher means it.

An answer is read as a sequence of words and numbers, in the pack's ``language`` (a BCP 47
tag such as "en", "ru" or "pt-BR"). What is forgiven can never change the meaning:

* letter case, extra spaces, punctuation (``Jean-Paul`` = ``Jean Paul``, ``O'Brien`` =
  ``OBrien``) and a leading article (``the``, ``a``, ``an``; ``le``, ``la``, ``les``;
  ``el``, ``los``, ``las``; ``der``, ``die``, ``das`` in a pack in that language);
* accents (``é`` = ``e``, ``ё`` = ``е`` in Russian), letters with strokes and ligatures
  (:data:`LETTER_FOLDS`: ``ł`` = ``l``, ``æ`` = ``ae``, ``ß`` = ``ss``), and in German
  ``ä``, ``ö``, ``ü`` typed as ``ae``, ``oe``, ``ue``;
* numbers written another way that is the same number where that is unambiguous:
  ``1 000`` = ``1,000`` = ``1000`` in English, ``3,5`` = ``3.5`` in Russian (the rules are
  :mod:`clarity.core.number_reading`'s);
* one slip of a letter (one wrong, missing, extra or swapped letter) in a word of at least
  :data:`LONG_WORD` letters, once in an answer.

Never forgiven: a different number (1996 is not 1999), a sign (``-40`` is not ``40``), a
form ambiguous in the language (``1,000`` in Russian counts only as itself), a different
short word (``cat`` is not ``car``), a symbol in a word (``C++``, ``C#`` and ``C`` differ),
and a letter of its own written as another (:data:`LETTERS_OF_THEIR_OWN`: ``й`` is not
``и``, ``ў`` is not ``у``). An answer with no letters or digits (``+``, ``!``) is compared
as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from clarity.core.number_reading import NUMBER_RUN, Reading, conventions_for, read_run

LONG_WORD = 5

#: Leading articles dropped from an answer of more than one word, by language (primary
#: subtag). English ones are dropped in every pack: English names turn up in every class.
ARTICLES: dict[str, frozenset[str]] = {
    "en": frozenset({"the", "a", "an"}),
    "fr": frozenset({"le", "la", "les", "l"}),
    "es": frozenset({"el", "la", "los", "las"}),
    "de": frozenset({"der", "die", "das"}),
}

#: Latin letters that Unicode does not decompose into a letter and an accent (a stroke, a
#: bar, a ligature), folded as CLDR's Latin-ASCII transform writes them in plain letters
#: (``common/transforms/Latin-ASCII.xml``): Łódź is typed Lodz, Æsir Aesir, Þór Thor.
#: Keys are lower case: answers are case-folded first (``ẞ`` and ``ß`` fold to ``ss``).
LETTER_FOLDS: dict[str, str] = {
    "ł": "l",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ħ": "h",
    "ı": "i",
    "ŀ": "l",
    "ŧ": "t",
    "ŋ": "n",
    "ƀ": "b",
    "ƶ": "z",
    "ȥ": "z",
    "ǥ": "g",
    "ĸ": "q",
}

#: Letters that look like another letter with a mark but are letters of their own in the
#: language: they never fold into the plain one (a one-letter slip in a long word is still
#: a slip). Every pack keeps the Cyrillic й (Russian, Belarusian, Ukrainian, Bulgarian...),
#: ў (Belarusian) and ї (Ukrainian): in no language that writes them is the mark an accent
#: (є and ґ are not composed in Unicode, so they never fold anyway).
#: By language:
#: * ru: ё folds into е, the school rule: "Правила русской орфографии и пунктуации" (1956),
#:   § 10, make ё optional in ordinary writing, so a student may type е.
#: * be: ё is written always in Belarusian ("Правілы беларускай арфаграфіі і пунктуацыі",
#:   2008, which keep ё a letter of the alphabet that is not left out), so it is kept.
#: * es: ñ is a letter of the Spanish alphabet (RAE, Ortografía 2010), and dropping its
#:   tilde makes other everyday words (año, ano; caña, cana); every Spanish keyboard has it.
#: Other Latin letters with marks fold in every language (ä, ą, č, ğ ...): a school
#: computer often lacks the language's layout, and the word stays recognisable.
LETTERS_OF_THEIR_OWN_EVERYWHERE = frozenset("йўї")
LETTERS_OF_THEIR_OWN: dict[str, frozenset[str]] = {
    "be": frozenset("ё"),
    "es": frozenset("ñ"),
}

#: German letters with an umlaut may also be typed with an e after the vowel (DIN 5007-2).
UMLAUT_SPELLINGS: dict[str, dict[str, str]] = {"de": {"ä": "ae", "ö": "oe", "ü": "ue"}}

# Number words are numbers: "eight" must never pass for "eighty", nor "sixth" for "sixty".
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

# Symbols that are part of what is written (C++, C#, F#, A*, AT&T, Na+): mathematical signs
# and these marks. Other punctuation and symbols (units, currency, quotes) separate words.
_WORD_MARKS = frozenset("#&*@^+=<>|~")
# Dashes and minus signs all read as a hyphen: a sign before a number, else a separator.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")
# Tags before a number's token: control characters, which a word never holds.
NUMBER_TAG = "\x00"  # then the number's value
WRITTEN_TAG = "\x01"  # then the number as written (ambiguous, or with a leading zero)


def _primary(language: str) -> str:
    return language.split("-", 1)[0].casefold()


def _own_letters(language: str) -> frozenset[str]:
    return LETTERS_OF_THEIR_OWN_EVERYWHERE | LETTERS_OF_THEIR_OWN.get(
        _primary(language), frozenset()
    )


def fold_letters(
    text: str, language: str = "en", *, spellings: dict[str, str] | None = None
) -> str:
    """``text`` case-folded, with accents, strokes and ligatures folded into plain letters
    (except the language's letters of their own), every space a plain space and every dash a
    hyphen. ``spellings`` replaces letters first (German ``ü`` -> ``ue``)."""
    own = _own_letters(language)
    composed = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    out: list[str] = []
    for char in composed.translate(_DASHES):
        if char in own:
            out.append(char)
        elif spellings and char in spellings:
            out.append(spellings[char])
        elif char.isspace():
            out.append(" ")
        else:
            for part in unicodedata.normalize("NFKD", char):
                if unicodedata.category(part) != "Mn":
                    out.append(LETTER_FOLDS.get(part, part))
    return "".join(out)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in _WORD_MARKS or unicodedata.category(char) == "Sm"


def _words(text: str) -> list[str]:
    tokens: list[str] = []
    current: list[str] = []
    for char in text:
        if _is_word_char(char):
            current.append(char)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def _number_token(reading: Reading) -> str:
    if reading.value is None:
        return WRITTEN_TAG + reading.as_written
    return NUMBER_TAG + format(reading.value.normalize(), "f")


def tokens(
    text: str, language: str = "en", *, spellings: dict[str, str] | None = None
) -> tuple[str, ...]:
    """The words and numbers of ``text`` as compared: folded words (``"c++"``, ``"lodz"``),
    numbers as :data:`NUMBER_TAG` and their value (``"\\x00-40"``), forms kept as written
    as :data:`WRITTEN_TAG` and the form (``"\\x011,000"`` in Russian). A leading article
    is dropped."""
    folded = fold_letters(text, language, spellings=spellings)
    conventions = conventions_for(language)
    found: list[str] = []
    position = 0
    for match in NUMBER_RUN.finditer(folded):
        found += _words(folded[position : match.start()])
        found += [_number_token(r) for r in read_run(match[1], match[2], conventions)]
        position = match.end()
    found += _words(folded[position:])
    articles = ARTICLES["en"] | ARTICLES.get(_primary(language), frozenset())
    if len(found) > 1 and found[0] in articles:
        found = found[1:]
    return tuple(found)


def normalize(text: str, language: str = "en") -> tuple[str, ...]:
    """The words of ``text`` as :func:`tokens` gives them (kept for its callers)."""
    return tokens(text, language)


def _is_number(word: str) -> bool:
    return word in NUMBER_WORDS or any(ch.isdigit() for ch in word)


def _is_plain_word(word: str) -> bool:
    return word.isalpha() and word not in NUMBER_WORDS


def _one_slip_apart(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by changing, adding, dropping or swapping one letter."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _words_match(given: tuple[str, ...], expected: tuple[str, ...]) -> bool:
    if given == expected:
        return True
    if "".join(given) == "".join(expected) and not any(map(_is_number, given + expected)):
        return True  # "union state" typed as "unionstate"
    if len(given) != len(expected):
        return False
    slips = 0
    for g, e in zip(given, expected, strict=True):
        if g == e:
            continue
        slip_allowed = _is_plain_word(g) and _is_plain_word(e) and len(e) >= LONG_WORD
        if not slip_allowed or not _one_slip_apart(g, e):
            return False
        slips += 1
    return slips <= 1


_SPACE_RUN = re.compile(r"\s+")


def _as_written(text: str) -> str:
    return _SPACE_RUN.sub("", unicodedata.normalize("NFKC", text).casefold())


def answers_match(given: str, expected: str, language: str = "en") -> bool:
    """Whether the typed ``given`` counts as ``expected`` in a pack in ``language`` (a BCP 47
    tag; the rules are the module's). An empty ``given`` never counts."""
    given_words = tokens(given, language)
    expected_words = tokens(expected, language)
    if not expected_words:  # "+", "!": nothing but marks, compared as written
        return bool(_as_written(given)) and _as_written(given) == _as_written(expected)
    if not given_words:
        return False
    if _words_match(given_words, expected_words):
        return True
    spellings = UMLAUT_SPELLINGS.get(_primary(language))
    return spellings is not None and _words_match(
        given_words, tokens(expected, language, spellings=spellings)
    )


def matches_any(given: str, accepted: Iterable[str], language: str = "en") -> bool:
    """Whether ``given`` counts as any of the ``accepted`` answers (see :func:`answers_match`)."""
    return any(answers_match(given, answer, language) for answer in accepted)
