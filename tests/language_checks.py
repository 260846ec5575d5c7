"""Whether a text reads in the interface's language: the checks the translation tests share.

A Russian or Belarusian text has the language's letters and no English word left outside
what every language writes as it is (a message's values, the pack's own words, names a
machine reads). A text in the pseudo-language (``qps-ploc``, ``clarity.i18n.pseudo``) has
no word left plain: the pseudo-language accents every letter of :data:`PLAIN_WORD`'s set, so
an English word that did not go through gettext keeps at least one of them.

Pure: it loads neither pygame nor ``clarity.ui``, so the tests of the core use it too
(``tests/core/test_layering.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from clarity.core.messages import Message

# A word of Latin letters, two or more: what a Russian or Belarusian text must not keep.
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# A word with a letter that the pseudo-language accents (clarity.i18n.pseudo): a word it
# translated has none of them left plain.
PLAIN_WORD = re.compile(r"[A-Za-z]*[AaCcEeIiNnOoUuYyDdGgLlRrSsZz][A-Za-z]*")
# Letters only, in any script: the words of a text that is shown as it is (CLARITY_LANG is
# two words, a player's name may be Cyrillic).
LETTERS = re.compile(r"[^\W\d_]+")
# A letter of the Russian or Belarusian alphabet, an abbreviation's (3,4 МБ) too.
CYRILLIC = re.compile("[А-Яа-яЁёІіЎў]")
# A small letter of either alphabet: a text with one says something in the language, not
# only an abbreviation. (No word is made of ё alone, so а-я is enough.)
SMALL_CYRILLIC = re.compile("[а-яіў]")


def message_values(said: Message | str) -> Iterator[object]:
    """Every value ``said`` shows as it is, in order: its count (if it has one), then its
    values, those of the Messages among them taken the same way, at any depth. A plain str
    has none."""
    if isinstance(said, Message):
        if said.count is not None:
            yield said.count
        for value in said.values.values():
            if isinstance(value, Message):
                yield from message_values(value)
            else:
                yield value


def english_words(
    text: str, allowed: Iterable[str] = (), pattern: re.Pattern[str] = LATIN_WORD
) -> set[str]:
    """The words ``pattern`` finds in ``text`` (by default Latin words), of two letters or
    more, that are not among ``allowed`` (compared casefolded): in a Russian or Belarusian
    text, the English left untranslated."""
    known = {word.casefold() for word in allowed}
    return {
        word for word in pattern.findall(text) if len(word) >= 2 and word.casefold() not in known
    }


def plain_words(text: str, allowed: Iterable[str] = ()) -> set[str]:
    """The words of a pseudo-language ``text`` that the pseudo-language did not translate:
    words of two letters or more that keep a plain letter it accents (:data:`PLAIN_WORD`),
    not among ``allowed`` (compared casefolded)."""
    return english_words(text, allowed, PLAIN_WORD)


def untranslated_words(lines: Iterable[str], allowed: Iterable[str] = ()) -> set[str]:
    """The English words in ``lines`` (drawn or printed in the pseudo-language) that are not
    pseudo-translated (:func:`plain_words`). The words of the texts in ``allowed`` (the pack's
    texts, player names, file names shown as they are) are not counted."""
    known = [word for text in allowed for word in LETTERS.findall(text)]
    # a plain word never runs across a line's end, so the lines are read as one text
    return plain_words("\n".join(lines), known)
