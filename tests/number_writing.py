"""Finds numbers written any other way than the interface language writes them.

Shared by the tests that read what the screens draw and what the commands print. English
groups digits by threes with a comma (5,653), Russian and Belarusian with a no-break
space (5 653), as CLDR has them (clarity.i18n.Translator.number).
"""

from __future__ import annotations

import re

# Dates and times keep their plain digits everywhere: "23 Nov 2026", "2026-11-23 09:00".
_DATES = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?"
    r"|\b\d{1,2} [A-Z][a-z]{2},? \d{4}\b"
    r"|\b[A-Z][a-z]{2} \d{1,2}, \d{4}\b"
    r"|\b\d{1,2}\.\d{2}\.\d{2,4}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|\b\d{1,2}:\d{2}\b"
)
# Four digits or more in a row: a number of 1000 or more left ungrouped.
_UNGROUPED = re.compile(r"\d{4,}")
_GROUP_SEPARATORS = {"en": ",", "ru": "\u00a0", "be": "\u00a0"}


def misprinted_numbers(text: str, language: str = "en") -> list[str]:
    """The numbers in ``text`` not grouped as ``language`` groups them (``5,653`` in en,
    ``5\u00a05653`` in ru and be), dates and times aside."""
    separator = _GROUP_SEPARATORS[language]
    others = "".join(c for c in ",. \u00a0\u2009\u202f\u2007" if c != separator)
    misjoined = re.compile(rf"\d[{re.escape(others)}]\d{{3}}(?!\d)")
    plain = _DATES.sub(" ", text)
    return _UNGROUPED.findall(plain) + misjoined.findall(plain)
