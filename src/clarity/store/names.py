"""The rules for a player's name, as a pure function the name-entry screen can also use."""

from __future__ import annotations

import unicodedata

from clarity.store.models import NameRejected

MAX_NAME_LENGTH = 40


def clean_name(name: str) -> str | NameRejected:
    """The name as it will be stored, or why it cannot be.

    Names are trimmed, runs of spaces inside become one space, and the text is put in
    Unicode NFC form so that the same letters typed two ways are the same name.
    """
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned:
        return NameRejected("Please type a name.")
    if len(cleaned) > MAX_NAME_LENGTH:
        return NameRejected(f"A name can have at most {MAX_NAME_LENGTH} characters.")
    if any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        return NameRejected("A name cannot contain control characters.")
    return cleaned


def name_key(cleaned: str) -> str:
    """What two names must share to count as the same player: case does not matter."""
    return cleaned.casefold()
