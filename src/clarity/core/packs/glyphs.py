"""Warnings for text the game cannot show: characters no font can draw, a language whose
letters no font has.

The check is pure: which characters can be drawn comes in as a predicate (the CLI and the
game pass :meth:`clarity.fonts.FontChain.can_draw`, the fonts of *this* computer), so the
warnings say that another computer may have other fonts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from clarity.core.messages import N_, Message, message, plural_message
from clarity.core.packs.plain_yaml import Positions
from clarity.core.packs.report import Loc, Report, field_name

CanDraw = Callable[[str], bool]

# Fields that are never drawn as text: names of files, ids, codes.
NOT_SHOWN = frozenset({"clarity", "id", "language", "image", "grid", "type", "difficulty"})
MAX_NAMED = 8  # characters named in one warning; the rest are counted

# A language's letters as a sample of its script (the script's name is translated where
# a warning names it) (the commonest letters, from each
# script's Unicode chart): a language whose sample no font can draw cannot be shown.
# Languages of Latin, Cyrillic and Greek letters are drawn by the bundled Inter.
LANGUAGE_SCRIPTS: dict[str, tuple[str, str]] = {
    "ar": (N_("Arabic"), "ابتثجحخدرسعلمنهوي"),
    "fa": (N_("Arabic"), "ابپتجچخدرزژسشکگلمنوی"),
    "ur": (N_("Arabic"), "ابپتٹجچدڈرڑسشکگلمنوہیے"),
    "he": (N_("Hebrew"), "אבגדהוזחטיכלמנסעפצקרשת"),
    "yi": (N_("Hebrew"), "אבגדהוזחטיכלמנסעפצקרשת"),
    "hi": (N_("Devanagari"), "अआइकखगचजतदनपबमयरलवसह"),
    "mr": (N_("Devanagari"), "अआइकखगचजतदनपबमयरलवसह"),
    "ne": (N_("Devanagari"), "अआइकखगचजतदनपबमयरलवसह"),
    "sa": (N_("Devanagari"), "अआइकखगचजतदनपबमयरलवसह"),
    "th": (N_("Thai"), "กขคงจฉชดตทนบปผพมยรลวสหอ"),
    "ja": (N_("Japanese (kana and kanji)"), "あいうえおかきくけこアイウエオ日本人"),
    "zh": (N_("Chinese (Han characters)"), "的一是不了人我在有他这中大来上国"),
    "ko": (N_("Korean (Hangul)"), "가나다라마바사아자차카타파하한국어"),
    "bn": (N_("Bengali"), "অআইকখগচজতদনপবমযরলসহ"),
    "ta": (N_("Tamil"), "அஆஇகஙசஞடணதநபமயரலவழளறன"),
    "te": (N_("Telugu"), "అఆఇకఖగచజతదనపబమయరలవసహ"),
    "gu": (N_("Gujarati"), "અઆઇકખગચજતદનપબમયરલવસહ"),
    "pa": (N_("Gurmukhi"), "ਅਆਇਕਖਗਚਜਤਦਨਪਬਮਯਰਲਵਸਹ"),
    "kn": (N_("Kannada"), "ಅಆಇಕಖಗಚಜತದನಪಬಮಯರಲವಸಹ"),
    "ml": (N_("Malayalam"), "അആഇകഖഗചജതദനപബമയരലവസഹ"),
    "si": (N_("Sinhala"), "අආඉකගචජතදනපබමයරලවසහ"),
    "km": (N_("Khmer"), "កខគឃងចឆជឈញដឋឌឍណតថទធន"),
    "lo": (N_("Lao"), "ກຂຄງຈຊຍດຕຖທນບປຜຝພຟມຢຣລວສຫອຮ"),
    "my": (N_("Myanmar"), "ကခဂဃငစဆဇဈညဋဌဍဎဏတထဒဓန"),
    "am": (N_("Ethiopic"), "ሀለሐመሠረሰሸቀበተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ"),
    "hy": (N_("Armenian"), "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ"),
    "ka": (N_("Georgian"), "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"),
    "bo": (N_("Tibetan"), "ཀཁགངཅཆཇཉཏཐདནཔཕབམཙཚཛཝཞཟའཡརལཤསཧཨ"),
}


def warn_about_glyphs(
    raw: dict[Any, Any], positions: Positions, report: Report, can_draw: CanDraw
) -> None:
    """Warn, at each text value, about the characters ``can_draw`` says no font draws
    (named as ``U+XXXX`` and the character), and, at ``language``, about a language whose
    letters no font draws (:data:`LANGUAGE_SCRIPTS`).

    Each distinct character is asked about once per pack, so the cost grows with the
    pack's size in C (finding each text's distinct characters), not with calls to
    ``can_draw`` per character (a 7 MB answer is 7 million characters and a few
    distinct ones)."""
    can_draw = _asked_once(can_draw)
    for loc, text in _shown_texts(raw, ()):
        missing = missing_characters(text, can_draw)
        if missing:
            report.add(
                positions.value(loc),
                field_name(loc),
                # Translators: {characters} are the characters as "U+0F00 ༀ", listed.
                plural_message(
                    "the character {characters} cannot be drawn by any font on this computer "
                    "and would show as an empty box (another computer may have other fonts; add "
                    "a font for it there or write it another way)",
                    "the characters {characters} cannot be drawn by any font on this computer "
                    "and would show as empty boxes (another computer may have other fonts; add "
                    "a font for them there or write them another way)",
                    len(missing),
                    characters=_named(missing),
                ),
                "warning",
            )
    language = raw.get("language")
    if isinstance(language, str):
        known = LANGUAGE_SCRIPTS.get(language.split("-")[0].lower())
        if known is not None and missing_characters(known[1], can_draw):
            script, _ = known
            report.add(
                positions.value(("language",)),
                "language",
                # Translators: {language} is a language code (th); {script} names its
                # alphabet (Thai, Korean (Hangul)).
                message(
                    '"{language}" is written in {script} letters, which no font on this '
                    "computer can draw: the pack's text would show as empty boxes here "
                    "(another computer may have a font for them)",
                    language=language,
                    script=Message(script),
                ),
                "warning",
            )


def missing_characters(text: str, can_draw: CanDraw) -> list[str]:
    """The distinct characters of ``text`` that ``can_draw`` refuses, in order of first
    appearance."""
    return [c for c in dict.fromkeys(text) if not can_draw(c)]


def _asked_once(can_draw: CanDraw) -> CanDraw:
    """``can_draw`` remembering each character's answer."""
    answers: dict[str, bool] = {}

    def remembered(character: str) -> bool:
        answer = answers.get(character)
        if answer is None:
            answer = answers[character] = can_draw(character)
        return answer

    return remembered


def _named(missing: list[str]) -> Message | str:
    """The first :data:`MAX_NAMED` characters as ``U+0F00 ༀ``, then how many more."""
    shown = ", ".join(f"U+{ord(c):04X} {c}" for c in missing[:MAX_NAMED])
    more = len(missing) - MAX_NAMED
    if more > 0:
        return plural_message(
            "{listed} and {count} more", "{listed} and {count} more", more, listed=shown
        )
    return shown


def _shown_texts(node: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and key not in NOT_SHOWN:
                yield from _shown_texts(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _shown_texts(value, (*loc, index))
