"""Texts for people that the core writes, kept translatable until they are shown.

The core never knows the interface language: it says what it has to say as a
:class:`Message`, an English template with named values (``"{count} tile left"``), and
whoever shows it (a screen, a command) renders it in the player's language with
``clarity.i18n.Translator.render``. The templates are gettext message ids: Babel finds them
where :func:`message`, :func:`plural_message` and :func:`N_` are called with a literal
string, and puts them in the catalog template (``clarity.i18n.catalog_building``).

Why values and not finished text: a translation may put the values in another order
("{player} earned {trophy}" is not always subject first), numbers are written by the
interface language's conventions (5,653 in English, 5 653 in Russian), and a count
decides between the language's plural forms (Russian and Belarusian have three:
1 плитка, 2 плитки, 5 плиток), which text glued together from pieces cannot do.

``str(message)`` is the English text, numbers written as English writes them, for logs and
for callers that have no translator (tests of the rules, the JSON schema).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


def N_(msgid: str) -> str:
    """Mark ``msgid`` for translation where it is defined (a label in a table of data) and
    return it unchanged; it is translated where it is shown."""
    return msgid


@dataclass(frozen=True, slots=True)
class Message:
    """A translatable text: ``template`` with ``{name}`` placeholders filled from ``values``.

    With ``plural`` and ``count`` set, the language's plural rule picks the template for
    ``count`` (``template`` is the English singular, ``plural`` the English plural), and
    ``{count}`` is ``count`` written as a number. A value that is itself a Message is
    rendered in the same language; an int is written as a number of the language (a
    year or an id that must keep its plain digits is passed as a str).
    """

    template: str
    values: Mapping[str, object] = field(default_factory=dict)
    plural: str | None = None
    count: int | None = None

    def render(self, translate: Translates) -> str:
        """This message in ``translate``'s language."""
        return translate.render(self)

    def __str__(self) -> str:
        return english_text(self)


class Translates(Protocol):
    """What renders a :class:`Message`: ``clarity.i18n.Translator`` is one."""

    def render(self, text: Message | str) -> str: ...


def message(template: str, /, **values: object) -> Message:
    """A :class:`Message` of ``template`` and its named ``values``."""
    return Message(template, values)


def plural_message(singular: str, plural: str, count: int, /, **values: object) -> Message:
    """A :class:`Message` whose form the language's plural rule picks for ``count``;
    ``{count}`` in the templates is ``count`` written as a number."""
    return Message(singular, values, plural, count)


def english_text(text: Message | str) -> str:
    """``text`` in English, without a catalog: the plural form is English's (one, other),
    numbers are grouped by threes with commas, as CLDR writes English."""
    if isinstance(text, str):
        return text
    template = text.template
    if text.plural is not None and text.count != 1:
        template = text.plural
    values = {name: _english_value(value) for name, value in text.values.items()}
    if text.count is not None:
        values.setdefault("count", _english_value(text.count))
    return template.format_map(values)


def _english_value(value: object) -> object:
    if isinstance(value, Message):
        return english_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace("-", "\u2212")
    return value
