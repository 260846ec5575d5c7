"""Forgiving comparison of typed answers and image guesses.

Forgiven: letter case, accents (é = e, ё = е), punctuation, extra spaces, a leading
article ("the", "a", "an") and one slip of a letter (one wrong, missing, extra or swapped
letter) in a word of at least ``LONG_WORD`` letters. Never forgiven: a different number
(1996 is not 1999) or a different short word ("cat" is not "car").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

LONG_WORD = 5
ARTICLES = frozenset({"the", "a", "an"})
# Number words are numbers: "eight" must never pass for "eighty", nor "sixth" for "sixty".
NUMBER_WORDS = frozenset(
    [
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
    ]
)


def _is_number(word: str) -> bool:
    return word in NUMBER_WORDS or any(ch.isdigit() for ch in word)


def normalize(text: str) -> tuple[str, ...]:
    """The words of ``text`` with case, accents, punctuation and a leading article removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept: list[str] = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # combining accent
            continue
        kept.append(" " if category[0] in "PSZC" else char)
    words = "".join(kept).casefold().split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return tuple(words)


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
        if _is_number(g) or _is_number(e) or len(e) < LONG_WORD or not _one_slip_apart(g, e):
            return False
        slips += 1
    return slips <= 1


def answers_match(given: str, expected: str) -> bool:
    """Whether the typed ``given`` counts as ``expected``."""
    given_words = normalize(given)
    return bool(given_words) and _words_match(given_words, normalize(expected))


def matches_any(given: str, accepted: Iterable[str]) -> bool:
    """Whether ``given`` counts as any of the ``accepted`` answers."""
    return any(answers_match(given, answer) for answer in accepted)
