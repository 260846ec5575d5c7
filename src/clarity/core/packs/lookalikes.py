"""Letters of another script that look like the ones a teacher meant, named in messages.

A teacher who switches keyboard layouts mid-word (a Russian layout's "с" for the Latin
"c"), or pastes a word from a page that did, writes a word that looks right and is not:
``type: сhoice``, ``answer: Оslo``. A message that quotes it ("сhoice" is not a question
type; use choice, ...) then looks like nonsense. :func:`lookalike_words` says which letter
is the stranger: "its 1st letter is the Cyrillic с (U+0441), not the Latin c" (a
translatable Message; the alphabets' names are translated too).

The look-alike letters are the Cyrillic, Greek and Armenian letters that Unicode's
confusables list (Unicode Technical Standard #39, ``confusables.txt``) maps to a single
basic Latin letter and that are drawn the same in the fonts a classroom uses; letters that
only resemble a small capital (Cyrillic "к", "м", "н", "т") are left out, since no one
reads "тype" as "type".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from clarity.core.messages import N_, Message, message, plural_message
from clarity.core.packs.report import and_list

# A look-alike letter -> the basic Latin letter it is drawn as (UTS #39 confusables).
_AS_LATIN: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q",
    "Ԝ": "W", "Ү": "Y", "Ӏ": "I",
    # Cyrillic small letters
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ѵ": "v",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    # Greek small letters
    "ο": "o", "ν": "v", "ρ": "p", "α": "a", "ι": "i", "υ": "u",
    # Armenian small letters
    "օ": "o", "ս": "u", "հ": "h", "ո": "n",
}  # fmt: skip


def script_of(character: str) -> str | None:
    """The script of a letter as its Unicode name starts ("Latin", "Cyrillic", "Greek",
    ...); None for what is not a letter (digits, spaces, marks, signs)."""
    if not unicodedata.category(character).startswith("L"):
        return None
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0].capitalize() if name else None


def _skeleton(text: str) -> str:
    """``text`` with every look-alike letter drawn as Latin replaced by that Latin letter;
    one character for one, so positions stay."""
    return "".join(_AS_LATIN.get(character, character) for character in text)


_WORD = re.compile(r"[^\W\d_]+")
# The Latin letters that some letter of another script is drawn as.
_DRAWN_AS = frozenset(_AS_LATIN.values())


# The scripts whose letters are look-alikes, named in messages as the letters' alphabet.
# Another script (a word of kanji with a Latin "o") keeps its Unicode name, untranslated.
_SCRIPT_NAMES = {
    "Latin": N_("Latin"),
    "Cyrillic": N_("Cyrillic"),
    "Greek": N_("Greek"),
    "Armenian": N_("Armenian"),
}


def _script_name(script: str | None) -> Message | str:
    name = _SCRIPT_NAMES.get(script or "")
    return Message(name) if name is not None else str(script)


def _scripts(scripts: set[str]) -> Message | str:
    return and_list([_script_name(script) for script in sorted(scripts)])


def _which_letter(text: str, index: int) -> Message:
    """``its 1st letter`` for a one-word text, ``the 1st letter of "Оslo"`` in a longer one.

    One message per English ordinal ending (1st, 2nd, 3rd, 4th), so that English keeps its
    ordinals and every other language writes its own ("1-я буква")."""
    for word in _WORD.finditer(text):
        if word.start() <= index < word.end():
            place = index - word.start() + 1
            if word.group() == text:
                return _its_letter(place)
            return _letter_of(place, word.group())
    return _its_character(index + 1)


def _ending(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _its_letter(number: int) -> Message:
    ending = _ending(number)
    if ending == "st":
        return message("its {number}st letter", number=number)
    if ending == "nd":
        return message("its {number}nd letter", number=number)
    if ending == "rd":
        return message("its {number}rd letter", number=number)
    return message("its {number}th letter", number=number)


def _letter_of(number: int, word: str) -> Message:
    ending = _ending(number)
    if ending == "st":
        return message('the {number}st letter of "{word}"', number=number, word=word)
    if ending == "nd":
        return message('the {number}nd letter of "{word}"', number=number, word=word)
    if ending == "rd":
        return message('the {number}rd letter of "{word}"', number=number, word=word)
    return message('the {number}th letter of "{word}"', number=number, word=word)


def _its_character(number: int) -> Message:
    ending = _ending(number)
    if ending == "st":
        return message("its {number}st character", number=number)
    if ending == "nd":
        return message("its {number}nd character", number=number)
    if ending == "rd":
        return message("its {number}rd character", number=number)
    return message("its {number}th character", number=number)


def _strangers(text: str, pairs: list[tuple[int, str, str | None]]) -> Message | str:
    """``its 1st letter is the Cyrillic с (U+0441), not the Latin c`` for each
    ``(index in text, letter written, letter meant or None)``; at most three are named."""
    said: list[Message | str] = []
    for index, written, meant in pairs[:3]:
        code = f"U+{ord(written):04X}"
        if meant:
            said.append(
                # Translators: {script} and {meant_script} name alphabets (Cyrillic, Latin);
                # {letter} and {meant} are single letters; {place} says which letter it is.
                message(
                    "{place} is the {script} {letter} ({code}), not the {meant_script} {meant}",
                    place=_which_letter(text, index),
                    script=_script_name(script_of(written)),
                    letter=written,
                    code=code,
                    meant_script=_script_name(script_of(meant)),
                    meant=meant,
                )
            )
        else:
            said.append(
                # Translators: {script} names an alphabet (Cyrillic, Latin); {letter} is one letter.
                message(
                    "{place} is the {script} {letter} ({code})",
                    place=_which_letter(text, index),
                    script=_script_name(script_of(written)),
                    letter=written,
                    code=code,
                )
            )
    if len(pairs) > 3:
        said.append(
            plural_message(
                "{count} more letter is like these",
                "{count} more letters are like these",
                len(pairs) - 3,
            )
        )
    return and_list(said)


def lookalike_words(written: str, meant: Iterable[str]) -> tuple[str | None, Message] | None:
    """Which letters of ``written`` are another script's look-alikes, or None.

    Returns ``(the one of meant it looks like, words)`` when ``written`` differs from one
    of ``meant`` only by letters of other scripts drawn alike ("Оslo" with a Cyrillic О,
    against "Oslo"); else ``(None, words)`` when a word of ``written`` is mostly of one
    script and holds look-alike letters of another ("Оsloo"); else None. ``words`` is a
    Message that reads after a message's first clause: "its 1st letter is the Cyrillic О
    (U+041E), not the Latin O; type it again with the Latin keyboard layout". Words that
    mix scripts as writing does (Japanese kana and kanji, "Windows и Linux") are left alone.
    """
    shape = _skeleton(written)
    for candidate in meant:
        if candidate == written or _skeleton(candidate) != shape:
            continue  # equal skeletons have equal lengths: one character for one
        pairs = [
            (index, mine, theirs)
            for index, (mine, theirs) in enumerate(zip(written, candidate, strict=True))
            if mine != theirs
        ]
        if all(script_of(mine) != script_of(theirs) for _, mine, theirs in pairs):
            meant_scripts = _scripts({str(script_of(theirs)) for *_, theirs in pairs})
            said: Message | str = _strangers(written, pairs)
            if len(pairs) == sum(1 for character in written if script_of(character)):
                # Translators: {scripts} and {meant} name alphabets: Cyrillic, Latin.
                said = message(
                    "it is written in {scripts} letters that look like {meant} ones",
                    scripts=_scripts({str(script_of(mine)) for _, mine, _ in pairs}),
                    meant=meant_scripts,
                )
            # Translators: {said} says which letters are wrong; {scripts} names an
            # alphabet (Latin) or two.
            return candidate, message(
                "{said}; type it again with the {scripts} keyboard layout",
                said=said,
                scripts=meant_scripts,
            )
    pairs_in_words: list[tuple[int, str, str | None]] = []
    mains: set[str] = set()
    for word in _WORD.finditer(written):
        scripts = [script_of(character) for character in word.group()]
        counted = {script: scripts.count(script) for script in set(scripts) if script}
        if len(counted) < 2:
            continue
        main = max(counted, key=lambda script: (counted[script], script == "Latin"))
        strangers = [
            (word.start() + offset, character, None)
            for offset, (character, script) in enumerate(zip(word.group(), scripts, strict=True))
            if script != main
        ]
        if all(
            character in _AS_LATIN or (character in _DRAWN_AS and script_of(character) == "Latin")
            for _, character, _ in strangers
        ):
            pairs_in_words.extend(strangers)
            mains.add(main)
    if not pairs_in_words:
        return None
    # Translators: {said} says which letters are odd; {scripts} names an alphabet
    # (Cyrillic) or two.
    return None, message(
        "{said}, among {scripts} letters; type it again with the {scripts} keyboard layout",
        said=_strangers(written, pairs_in_words),
        scripts=_scripts(mains),
    )
