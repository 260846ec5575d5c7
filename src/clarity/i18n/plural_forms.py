"""A plural message as its forms by CLDR plural category, for a page's script to choose from.

A page (the class game's student and teacher pages, the exported web game) writes counts in
the browser, where the game's catalog is not. It gets each plural text as its forms by
CLDR plural category (``one``, ``few``, ``many``, ``other``), each taken from the
language's catalog for a number of that category, and picks one with
``Intl.PluralRules``, as the catalog's ``Plural-Forms`` would (Russian and Belarusian:
1 очко, 2 очка, 5 очков).
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale

from clarity.core.messages import Message
from clarity.i18n.translator import Translator

#: Sample numbers looked through for one of each plural category of a language.
_SAMPLES = range(0, 200)


def plural_forms(text: Message, translator: Translator) -> dict[str, str]:
    """The forms of a plural ``text`` by CLDR category, ``{count}`` and the other slots left
    to fill. ``other`` is always given (the form of the last category met when the
    language has no whole number in it: Russian's ``other`` is for fractions)."""
    assert text.plural is not None
    forms: dict[str, str] = {}
    for category, sample in _category_samples(translator.locale).items():
        forms[category] = _unfilled(translator, text, sample)
    if "other" not in forms:
        forms["other"] = forms[next(reversed(forms))]
    return forms


def _unfilled(translator: Translator, text: Message, sample: int) -> str:
    # The catalog's form for `sample`, read with the slots kept as they are.
    slots = {name: "{" + name + "}" for name in re.findall(r"\{(\w+)\}", text.template)}
    slots.update({name: "{" + name + "}" for name in re.findall(r"\{(\w+)\}", text.plural or "")})
    slots["count"] = "{count}"
    return translator.ngettext(text.template, text.plural or text.template, sample, **slots)


@cache
def _category_samples(locale: str) -> dict[str, int]:
    rule = Locale.parse(locale).plural_form
    samples: dict[str, int] = {}
    for number in _SAMPLES:
        samples.setdefault(rule(number), number)
    return samples
