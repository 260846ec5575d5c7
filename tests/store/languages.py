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
from language_checks import CYRILLIC, message_values, plain_words

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
        "team",  # "Recovered team": a name written into the saved data
        "true",
        "false",
    }
)
# Latin words with the underscore: a name such as quick_check is kept whole, not as two words.
_LATIN_NAME = re.compile(r"[A-Za-z_]{2,}")


def values_of(said: Message) -> list[str]:
    """The values a message (and the messages inside it) shows as they are, longest first;
    numbers aside, since the language writes them its own way."""
    found = [str(value) for value in message_values(said) if not isinstance(value, int)]
    return sorted(found, key=len, reverse=True)


def without_values(text: str, said: Message) -> str:
    for value in values_of(said):
        text = text.replace(value, " ")
    return text


def assert_in_russian(said: Message) -> str:
    """``said`` rendered in Russian: Russian words, its values as they are, no English."""
    text = Translator("ru").render(said)
    rest = without_values(text, said)
    assert CYRILLIC.search(rest), text
    # compared as written: KEPT_LATIN's words are kept in their own case only
    english = set(_LATIN_NAME.findall(rest)) - KEPT_LATIN
    assert not english, (english, text)
    for value in values_of(said):
        assert value in text, (value, text)
    return text


def assert_pseudo_translated(said: Message) -> str:
    """``said`` in the pseudo-language: every message in it pseudo-translated, no word of
    English left outside its values."""
    text = Translator("qps-ploc").render(said)
    assert is_pseudo_translated(text), text
    plain = plain_words(without_values(text, said))
    assert not plain, (plain, text)
    return text
