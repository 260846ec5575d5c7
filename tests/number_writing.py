"""Finds numbers written any other way than clarity.core.numbers.format_number writes them.

Shared by the tests that read what the screens draw and what the commands print.
"""

from __future__ import annotations

import re

# Dates and times keep their plain digits everywhere: "23 Nov 2026", "2026-11-23 09:00".
_DATES = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?"
    r"|\b\d{1,2} [A-Z][a-z]{2},? \d{4}\b"
    r"|\b\d{1,2}:\d{2}\b"
)
# Four digits or more in a row: a number of 1000 or more left ungrouped.
_UNGROUPED = re.compile(r"\d{4,}")
# Groups of three joined by anything but the no-break space: "5,653", "5 653" with a plain,
# thin (U+2009) or narrow no-break (U+202F) space, "5.653".
_MISJOINED = re.compile(r"\d[,. \u2009\u202f\u2007]\d{3}(?!\d)")


def misprinted_numbers(text: str) -> list[str]:
    """The numbers in ``text`` not written the one way (digits grouped by threes with a
    no-break space: 5\u00a0653), dates and times aside."""
    plain = _DATES.sub(" ", text)
    return _UNGROUPED.findall(plain) + _MISJOINED.findall(plain)
