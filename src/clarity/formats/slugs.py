"""Ids for imported packs and questions: a few Latin words, lowercase, joined by hyphens.

A pack id and a question id are slugs (``^[a-z0-9]+(-[a-z0-9]+)*$``, at most 64
characters: :data:`clarity.core.packs.models.Slug`). Questions imported from Moodle,
Kahoot or a spreadsheet are mostly Russian or Belarusian in this game's classrooms, so a
title is transliterated before it is cut into a slug: Cyrillic by the table below, every
other letter by its Unicode decomposition with the accents dropped (``é`` -> ``e``);
letters of other scripts are left out.

The Cyrillic table is the simplified BGN/PCGN romanization (the one road signs and
passports use, without its diacritics and apostrophes): ``ж`` zh, ``х`` kh, ``ц`` ts,
``ч`` ch, ``ш`` sh, ``щ`` shch, ``ы`` y, ``э`` e, ``ю`` yu, ``я`` ya, the signs ``ъ ь``
dropped; Belarusian ``ў`` u and ``і`` i, Ukrainian ``ї`` yi, ``є`` ye, ``ґ`` g.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_SLUG = 64  # the pack format's limit
QUESTION_ID_WORDS = 5  # a question's id: the first words of its prompt
_LETTERS_OF = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ў": "u",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ł": "l",
    "þ": "th",
}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def latin(text: str) -> str:
    """``text`` in lowercase Latin letters and digits where it can be (see the module's
    table); other characters stay as they are, for :func:`slug` to drop."""
    out: list[str] = []
    for char in text.casefold():
        mapped = _LETTERS_OF.get(char)
        if mapped is not None:
            out.append(mapped)
            continue
        if char.isascii():
            out.append(char)
            continue
        # é -> e + accent: keep the base letters that are ASCII
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
        out.append(base if base else " ")
    return "".join(out)


def slug(text: str, *, max_words: int | None = None, limit: int = MAX_SLUG) -> str:
    """``text`` as a slug (``"Столицы Европы!"`` -> ``"stolitsy-evropy"``), its first
    ``max_words`` words when given, at most ``limit`` characters (cut at a hyphen where one
    falls in the second half); ``""`` when nothing in it can be written in Latin."""
    words = [word for word in _NOT_SLUG.split(latin(text)) if word]
    if max_words is not None:
        words = words[:max_words]
    joined = "-".join(words)
    if len(joined) <= limit:
        return joined
    cut = joined[:limit]
    hyphen = cut.rfind("-")
    if hyphen >= limit // 2:
        cut = cut[:hyphen]
    return cut.strip("-")


def unique_slug(wanted: str, taken: set[str], *, limit: int = MAX_SLUG) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3`` ... whichever is not in ``taken`` (which
    it is then added to); the number replaces the end of a slug at ``limit``."""
    candidate = wanted
    number = 1
    while candidate in taken:
        number += 1
        tail = f"-{number}"
        candidate = wanted[: limit - len(tail)].rstrip("-") + tail
    taken.add(candidate)
    return candidate


def readable_name(stem: str) -> str:
    """A file's stem as a title: ``"world_capitals-2024"`` -> ``"World capitals 2024"``
    (underscores and hyphens to spaces, the first letter capital, the rest as written)."""
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def question_ids(hints: Iterable[str], *, fallback: str = "question") -> list[str]:
    """A unique slug for each of ``hints`` (a question's title, else its prompt): its first
    words, then -2, -3 for a repeat; a hint with nothing Latin-writable becomes
    ``fallback`` numbered as well."""
    taken: set[str] = set()
    return [
        unique_slug(slug(hint, max_words=QUESTION_ID_WORDS, limit=40) or fallback, taken)
        for hint in hints
    ]
