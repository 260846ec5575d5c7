"""Comparing a typed answer or image guess with what the teacher wrote, as the teacher means it.

An answer is read as a sequence of words and numbers, in the pack's ``language`` (a BCP 47
tag such as "en", "ru" or "pt-BR"). What is forgiven can never change the meaning:

* letter case, extra spaces, punctuation (``Jean-Paul`` = ``Jean Paul``, ``O'Brien`` =
  ``OBrien``, ``x86_64`` = ``x86-64``), words written together or apart (``newyork``,
  ``covid19`` = ``COVID-19``) and a leading article (``the``, ``a``, ``an``; ``le``,
  ``la``, ``les``; ``el``, ``los``, ``las``; ``der``, ``die``, ``das``; ``de``, ``het``,
  ``een`` in a pack in that language);
* which apostrophe: ``'``, ``’``, ``ʼ`` (U+02BC, the Ukrainian one), ``‘`` and `````
  are one (:data:`APOSTROPHES`; ``м'ясо`` = ``мʼясо``);
* accents on Latin, Greek and Cyrillic letters (``é`` = ``e``, ``ά`` = ``α``, ``ё`` =
  ``е`` in Russian) and the optional vowel marks of Hebrew and Arabic
  (:data:`ACCENTED_SCRIPTS`, :data:`OPTIONAL_MARK_RANGES`); letters with strokes and
  ligatures (:data:`LETTER_FOLDS`: ``ł`` = ``l``, ``æ`` = ``ae``, ``ß`` = ``ss``), and in
  German ``ä``, ``ö``, ``ü`` typed as ``ae``, ``oe``, ``ue``, in Danish and Norwegian
  ``ø``, ``å`` as ``oe``, ``aa`` (:data:`UMLAUT_SPELLINGS`);
* numbers written another way that is the same number where that is unambiguous:
  ``1 000`` = ``1,000`` = ``1000`` in English, ``3,5`` = ``3.5`` in Russian (the rules are
  :mod:`clarity.core.number_reading`'s). The digits written after the decimal sign count:
  ``3.1`` is not ``3.10`` (a version, a price); a number question compares values instead;
* signs a keyboard lacks, typed as a class types them (:data:`SIGN_SPELLINGS`: ``C#`` for
  ``C♯``, ``Bb`` for ``B♭``, ``+/-`` for ``±``; ``-`` for ``−``), subscripts typed as plain
  digits (``H2O`` for ``H₂O``), a superscript after a letter typed plain or after ``^``
  (``x2``, ``x^2`` for ``x²``; ``O2-`` for ``O²⁻``) and vulgar fractions typed with a slash
  (``1/2`` for ``½``, ``1 1/2`` for ``1½``; fractions compare as written, ``2/4`` is not
  ``½``): :func:`clarity.core.number_reading.spell_numbers`;
* invisible format characters (a zero-width space, joiner or non-joiner, a direction mark);
  the Arabic keyboard's kaf and yeh for the Persian ones in Persian and Urdu
  (:data:`LETTER_VARIANTS`); the Thai abbreviation mark ``ฯ`` after a word;
* one slip of a letter (one wrong, missing, extra or swapped letter) in a word of at least
  :data:`LONG_WORD` letters of an alphabet, once in an answer.

Never forgiven: a different number (1996 is not 1999), a sign (``-40`` is not ``40``), a
form ambiguous in the language (``1,000,000`` in Russian counts only as itself), a
different short word (``cat`` is not ``car``), a symbol in a word or at its end (``C++``,
``C#`` and ``C`` differ; ``A-``, ``A+`` and ``A``; ``Cl-`` and ``Cl``), a mark that is
part of its letter in other scripts (Japanese dakuten: ``ぶた`` is not ``ふた``; Thai tone
marks; Devanagari vowel signs and virama), a letter of its own written as another
(:data:`LETTERS_OF_THEIR_OWN`: ``й`` is not ``и``, ``ў`` is not ``у``, Macedonian ``ѓ``
is not ``г``; Swedish ``ö`` is not ``o``), a power (a superscript after a digit: ``10³`` is
``10^3``, never ``103``) and any change in a word of CJK ideographs, kana or Hangul syllables
(:data:`SYLLABIC_SCRIPTS`: each character is a syllable or a word, so there is no slip).
An answer with no letters or digits (``+``, ``!``) is compared as written.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

from clarity.core.number_reading import (
    NUMBER_WORDS,
    Reading,
    close_spaced_sign,
    number_spans,
    spell_numbers,
)

LONG_WORD = 5

#: Leading articles dropped from an answer of more than one word, by language (primary
#: subtag). English ones are dropped in every pack: English names turn up in every class.
ARTICLES: dict[str, frozenset[str]] = {
    "en": frozenset({"the", "a", "an"}),
    "fr": frozenset({"le", "la", "les", "l"}),
    "es": frozenset({"el", "la", "los", "las"}),
    "de": frozenset({"der", "die", "das"}),
    "nl": frozenset({"de", "het", "een"}),
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
#: Macedonian ѓ and ќ are letters of the Macedonian alphabet (its 1945 standard, as in
#: "Правопис на македонскиот литературен јазик"), not г and к with an accent, and no other
#: language writes them: they are kept everywhere too, as are Tajik ӣ and ӯ (letters of
#: the Tajik alphabet of 1998).
#: Other Latin letters with marks fold in every language (ä, ą, č, ğ ...): a school
#: computer often lacks the language's layout, and the word stays recognisable.
#: * sv, fi: å, ä, ö are the last letters of the Swedish and Finnish alphabets (för is
#:   "for", for is "furrow"; sää "weather", saa "gets"); et: ä, ö, õ, ü of the Estonian
#:   one (tüli "quarrel", tuli "fire"); hu: ö, ü, ő, ű of the Hungarian one (kör
#:   "circle", kor "age"); tr: ç, ğ, ı, ö, ş, ü of the Turkish one (and ı and i are two
#:   letters, so I lower-cases to ı and İ to i there). Their schools' keyboards have them.
#:   German ä, ö, ü are different: German writes them as ae, oe, ue without them, and
#:   they fold (:data:`UMLAUT_SPELLINGS`).
#: * uk: ґ is a letter of the Ukrainian alphabet (restored by the orthography of 1990;
#:   ґава "jackdaw", гава "gaping"); it is listed here though it never folds, so that the
#:   rule says so.
LETTERS_OF_THEIR_OWN_EVERYWHERE = frozenset("йўїѓќӣӯ")
LETTERS_OF_THEIR_OWN: dict[str, frozenset[str]] = {
    "be": frozenset("ё"),
    "es": frozenset("ñ"),
    "sv": frozenset("åäö"),
    "fi": frozenset("åäö"),
    "et": frozenset("äöõü"),
    "hu": frozenset("öüőű"),
    "tr": frozenset("çğıöşü"),
    "uk": frozenset("ґ"),
}

#: Letters written with two code points by different keyboards, by language: in Persian
#: and Urdu the Arabic kaf ك (U+0643) is the keheh ک (U+06A9) and the Arabic yeh ي
#: (U+064A) and alef maksura ى (U+0649) are the Farsi yeh ی (U+06CC): an Arabic keyboard
#: types the first, a Persian one the second, and the reader sees one letter (Unicode
#: Standard 15.0, section 9.2, "Arabic": "Persian and Urdu").
LETTER_VARIANTS: dict[str, dict[str, str]] = {
    "fa": {"\u0643": "\u06a9", "\u064a": "\u06cc", "\u0649": "\u06cc"},
    "ur": {"\u0643": "\u06a9", "\u064a": "\u06cc", "\u0649": "\u06cc"},
}

#: Signs a keyboard lacks, spelt as a class types them: the sharp and the flat of music
#: (C♯ is typed C#, B♭ Bb) and the plus-minus sign (±5 is typed +/-5).
SIGN_SPELLINGS: dict[str, str] = {"\u266f": "#", "\u266d": "b", "\u00b1": "+/-"}

# Letter case that differs in Turkish: dotless I and dotted İ are two letters.
_TURKISH_CASE = {ord("I"): "\u0131", ord("\u0130"): "i"}

# The Thai abbreviation mark ฯ (paiyannoi) after a word: กรุงเทพฯ is the short name that
# everyone also writes without it (Royal Institute Dictionary: it marks a shortened
# name, which the short name already is), so it may be left out or typed.
_THAI_ABBREVIATION = "\u0e2f"

#: Letters that may also be typed as two plain ones, by language: German ä, ö, ü as ae, oe,
#: ue (DIN 5007-2); Danish and Norwegian æ, ø, å as ae, oe, aa (aa is how å was written
#: before the Danish reform of 1948 and the Norwegian one of 1917, and still is in names
#: such as Aalborg; oe is the usual spelling of ø without the letter).
UMLAUT_SPELLINGS: dict[str, dict[str, str]] = {
    "de": {"ä": "ae", "ö": "oe", "ü": "ue"},
    "da": {"æ": "ae", "ø": "oe", "å": "aa"},
    "nb": {"æ": "ae", "ø": "oe", "å": "aa"},
    "nn": {"æ": "ae", "ø": "oe", "å": "aa"},
    "no": {"æ": "ae", "ø": "oe", "å": "aa"},
}

# Symbols that are part of what is written (C++, C#, F#, A*, AT&T, Na+): mathematical signs
# and these marks. Other punctuation and symbols (units, currency, quotes) separate words.
_WORD_MARKS = frozenset("#&*@^+=<>|~")
# Dashes and minus signs all read as a hyphen: a sign before a number, a minus at the end
# of a word (A-, Cl-), else a separator.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"), "-")
#: Apostrophes that are one: the typewriter one, the right and left quotation marks a word
#: processor puts for it, the modifier letter apostrophe (U+02BC, the Ukrainian
#: apostrophe of the official orthography, 2019, and the one Unicode recommends for it) and
#: the grave accent a keyboard without the others offers. They all read as U+0027.
APOSTROPHES = frozenset("'\u2019\u02bc\u2018`")
# A minus that ends a word is part of it, as a plus is (A- is a grade, Cl- an ion): it is
# kept as this sign, which is a word character, never a separator.
_WORD_MINUS = "\u2212"
# Tags before a number's token: control characters, which a word never holds.
NUMBER_TAG = "\x00"  # then the number's value, with the decimals written
WRITTEN_TAG = "\x01"  # then the number as written (ambiguous, or with a leading zero)

#: Scripts (the first word of a base letter's Unicode name) whose combining marks are
#: accents that fold: ``é`` = ``e``, ``ά`` = ``α``, ``ё`` = ``е``. In these alphabets a mark
#: on a letter is an accent or a diacritic a school keyboard may lack (the letters it makes
#: that are letters of their own are :data:`LETTERS_OF_THEIR_OWN`).
ACCENTED_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})
#: Marks that fold whatever their letter: Hebrew points and cantillation (U+0591-U+05C7)
#: and Arabic harakat (U+0610-U+061A, U+064B-U+065F, U+0670, U+06D6-U+06ED): the
#: optional vowel and reading marks that everyday Hebrew and Arabic text leaves out (The
#: Unicode Standard 15.0, sections 9.1 "Hebrew" and 9.2 "Arabic"). Every other combining
#: mark is part of its letter and never dropped: Japanese dakuten and handakuten (ぶ is not
#: ふ), Thai tone marks and vowels (ข่าว is not ขาว), Devanagari vowel signs and virama
#: (कुल is not कल).
OPTIONAL_MARK_RANGES: tuple[tuple[int, int], ...] = (
    (0x0591, 0x05C7),
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
)


def _primary(language: str) -> str:
    return language.split("-", 1)[0].casefold()


def _own_letters(language: str) -> frozenset[str]:
    return LETTERS_OF_THEIR_OWN_EVERYWHERE | LETTERS_OF_THEIR_OWN.get(
        _primary(language), frozenset()
    )


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def _mark_folds(mark: str, base: str | None) -> bool:
    code = ord(mark)
    if any(low <= code <= high for low, high in OPTIONAL_MARK_RANGES):
        return True
    return base is not None and _script(base) in ACCENTED_SCRIPTS


def fold_letters(
    text: str, language: str = "en", *, spellings: dict[str, str] | None = None
) -> str:
    """``text`` case-folded, with accents, strokes and ligatures folded into plain letters
    (except the language's letters of their own, and marks that are part of a letter: see
    :data:`ACCENTED_SCRIPTS`), every space a plain space, every apostrophe U+0027 and every
    dash a hyphen. ``spellings`` replaces letters first (German ``ü`` -> ``ue``). The result
    is in NFC: Hangul stays syllables, a kept mark stays on its letter."""
    own = _own_letters(language)
    variants = LETTER_VARIANTS.get(_primary(language), {})
    composed = unicodedata.normalize("NFC", text)
    if _primary(language) == "tr":
        composed = composed.translate(_TURKISH_CASE)
    composed = unicodedata.normalize("NFC", composed.casefold())
    out: list[str] = []
    base: str | None = None
    for written in composed:
        if unicodedata.category(written) == "Cf":
            continue  # invisible: a zero-width space or joiner, a soft hyphen, a direction mark
        char = variants.get(written, written)
        if char in SIGN_SPELLINGS:
            out.append(SIGN_SPELLINGS[char])
            base = None
        elif char in own:
            out.append(char)
            base = char
        elif spellings and char in spellings:
            out.append(spellings[char])
            base = char
        elif char.isspace():
            out.append(" ")
            base = None
        elif char in APOSTROPHES:
            out.append("'")
            base = None
        else:
            for part in unicodedata.normalize("NFKD", char):
                if unicodedata.category(part).startswith("M"):
                    if not _mark_folds(part, base):
                        out.append(part)
                    continue
                base = part
                plain = part.translate(_DASHES)
                out.append(LETTER_FOLDS.get(plain, plain))
    return unicodedata.normalize("NFC", "".join(out))


def _is_word_char(char: str) -> bool:
    return (
        char.isalnum()
        or char in _WORD_MARKS
        or unicodedata.category(char) in ("Sm", "Mn", "Mc", "Me")
    )


def _keep_word_minus(text: str) -> str:
    """``text`` with a hyphen that ends a word (after a letter, a digit or a sign of the
    word, before a space, punctuation or the end) made :data:`_WORD_MINUS`."""
    chars = list(text)
    for i, char in enumerate(chars):
        if char != "-" or i == 0 or not _is_word_char(chars[i - 1]):
            continue
        following = chars[i + 1] if i + 1 < len(chars) else ""
        if not following or not (_is_word_char(following) or following in "-_"):
            chars[i] = _WORD_MINUS
    return "".join(chars)


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
    return [_without_abbreviation_mark(word) for word in tokens]


def _without_abbreviation_mark(word: str) -> str:
    if len(word) > 1 and word.endswith(_THAI_ABBREVIATION):
        return word[:-1]
    return word


def _number_token(reading: Reading) -> str:
    if reading.value is None or reading.leading_zero or reading.fraction:
        return WRITTEN_TAG + reading.as_written
    # The digits after the decimal sign as written: "3.10" is a version, not "3.1".
    return NUMBER_TAG + format(reading.value, "f")


# A power sign between a letter and a digit: x^2 is typed for x², which a class also types x2.
_POWER_AFTER_LETTER = re.compile(r"(?<=[^\W\d_])\^(?=\d)")


def tokens(
    text: str, language: str = "en", *, spellings: dict[str, str] | None = None
) -> tuple[str, ...]:
    """The words and numbers of ``text`` as compared: folded words (``"c++"``, ``"lodz"``),
    numbers as :data:`NUMBER_TAG` and their value (``"\\x00-40"``), forms kept as written
    as :data:`WRITTEN_TAG` and the form (``"\\x011,000"`` in Russian). A leading article
    is dropped."""
    spelt = spell_numbers(text, language)
    folded = fold_letters(spelt, language, spellings=spellings)
    folded = _keep_word_minus(close_spaced_sign(_POWER_AFTER_LETTER.sub("", folded)))
    found: list[str] = []
    position = 0
    for start, end, readings in number_spans(folded, language):
        found += _words(folded[position:start])
        found += [_number_token(reading) for reading in readings]
        position = end
    found += _words(folded[position:])
    articles = ARTICLES["en"] | ARTICLES.get(_primary(language), frozenset())
    if len(found) > 1 and found[0] in articles:
        found = found[1:]
    return tuple(found)


def normalize(text: str, language: str = "en") -> tuple[str, ...]:
    """The words of ``text`` as :func:`tokens` gives them (kept for its callers)."""
    return tokens(text, language)


def _is_number_word(word: str) -> bool:
    return word in NUMBER_WORDS


#: Scripts whose characters are each a syllable or a word (the first word of a character's
#: Unicode name): one of them changed is another word (第一 and 第二, 소박 and 수박), so
#: words in them never slip. Hangul is compared as syllables, as written.
SYLLABIC_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "YI", "IDEOGRAPHIC"})


def _is_plain_word(word: str) -> bool:
    """A word of letters of an alphabet alone, where one slip may be forgiven."""
    return (
        word.isalpha()
        and word not in NUMBER_WORDS
        and not any(_script(char) in SYLLABIC_SCRIPTS for char in word)
    )


def _glued(words: tuple[str, ...]) -> str | None:
    """The words written together ("union state" -> "unionstate", "covid 19" -> "covid19"),
    or None when that would glue two numbers' digits together ("19 96" is not 1996) or a
    number word is among them."""
    written = [word.lstrip(NUMBER_TAG + WRITTEN_TAG) for word in words]
    if any(map(_is_number_word, written)):
        return None
    for before, after in itertools.pairwise(written):
        if before[-1:].isdigit() and after[:1].isdigit():
            return None
    return "".join(written)


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
    glued = _glued(given)
    if glued is not None and glued == _glued(expected):
        return True  # "union state" typed as "unionstate", "covid19" as "COVID-19"
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
    """``text`` as a sign alone compares: letter case, spaces and invisible characters
    aside (unless invisible characters are all there is: an answer matches itself), every
    dash a hyphen (``−`` is ``-``), signs spelt (``±`` is ``+/-``)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    visible = any(unicodedata.category(char) != "Cf" and not char.isspace() for char in folded)
    plain = "".join(
        SIGN_SPELLINGS.get(char, char)
        for char in folded
        if not visible or unicodedata.category(char) != "Cf"
    )
    return _SPACE_RUN.sub("", plain.translate(_DASHES))


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
