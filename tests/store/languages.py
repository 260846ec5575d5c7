"""Checks that a message of the saved data reads in Russian and in the pseudo-language.

A message's values (paths, names, SQLite's and the system's own words) stay as they are in
every language, so they are taken out before the words are looked at; what is left must be
the language's own. A few technical words stay Latin in Russian and Belarusian as teachers
use them (the glossary: SQLite, UTF-8, JSON; the game's name).
"""

from __future__ import annotations

import re

from clarity.core.messages import Message
from clarity.i18n.pseudo import is_pseudo_translated
from clarity.i18n.translator import Translator

# Latin words a Russian or Belarusian message may keep: the game's name, technical names,
# JSON's true and false, and the name a repair gives (commands and options come in as values).
KEPT_LATIN = frozenset(
    {
        "Clarity",
        "Challenge",
        "UTF",
        "JSON",
        "PRAGMA",
        "quick_check",
        "Recovered",
        "player",
        "true",
        "false",
    }
)
_LATIN_WORD = re.compile(r"[A-Za-z_]{2,}")
# A pseudo-translated word has every one of these letters accented (clarity.i18n.pseudo).
_PLAIN_WORD = re.compile(r"[A-Za-z]*[AaCcEeIiNnOoUuYyDdGgLlRrSsZz][A-Za-z]*")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def values_of(said: Message) -> list[str]:
    """The values a message (and the messages inside it) shows as they are, longest first."""
    found: list[str] = []
    for value in said.values.values():
        if isinstance(value, Message):
            found += values_of(value)
        elif not isinstance(value, int):
            found.append(str(value))
    return sorted(found, key=len, reverse=True)


def without_values(text: str, said: Message) -> str:
    for value in values_of(said):
        text = text.replace(value, " ")
    return text


def assert_in_russian(said: Message) -> str:
    """``said`` rendered in Russian: Russian words, its values as they are, no English."""
    text = Translator("ru").render(said)
    rest = without_values(text, said)
    assert _CYRILLIC.search(rest), text
    english = set(_LATIN_WORD.findall(rest)) - KEPT_LATIN
    assert not english, (english, text)
    for value in values_of(said):
        assert value in text, (value, text)
    return text


def assert_pseudo_translated(said: Message) -> str:
    """``said`` in the pseudo-language: every message in it pseudo-translated, no word of
    English left outside its values."""
    text = Translator("qps-ploc").render(said)
    assert is_pseudo_translated(text), text
    plain = [w for w in _PLAIN_WORD.findall(without_values(text, said)) if len(w) >= 2]
    assert not plain, (plain, text)
    return text
