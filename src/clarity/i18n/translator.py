"""The interface's words in one language: gettext message lookup, plural forms, and
numbers, dates and times as the language writes them.

A :class:`Translator` is made once per language (:func:`translator_for`) and handed to
whatever shows text: the App's services, the command line. Message ids are the English
texts, with named placeholders (``"{player} earned {trophy}"``); Babel extracts them from
calls of ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` (on any object:
``t.gettext(...)``) and of the core's ``message``, ``plural_message`` and ``N_``.

Values are written for the language before they are put in: an int as a number
(:meth:`Translator.number`: ``5,653`` in English, ``5 653`` in Russian and Belarusian,
CLDR's conventions through Babel), a core Message rendered in the same language. The
plural form is picked by the catalog's ``Plural-Forms`` rule, which for Russian and
Belarusian has three forms (one: 1, 21; few: 2–4, 22; many: 5–20, 11, 25), from CLDR.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterable, Mapping
from typing import Any

from clarity.core.messages import Message
from clarity.i18n.languages import CLDR_LOCALES, DEFAULT_LANGUAGE, LANGUAGES, PSEUDO_LANGUAGE

DOMAIN = "clarity"
#: Before a negative number: the minus sign, as wide as a plus (CLDR's en and ru use the
#: hyphen-minus, which is shorter and looks like a dash on a projector).
MINUS = "\u2212"
#: CLDR puts narrow no-break spaces (U+202F) in some dates and times ("9:05 AM"); the
#: game writes the plain no-break space, which every console code page can print.
_NARROW_NO_BREAK_SPACE = "\u202f"
_NO_BREAK_SPACE = "\u00a0"
#: Languages whose month is written in full where CLDR abbreviates it: Belarusian's
#: abbreviations are the first three letters with no stop ("1 сне", "23 ліс"), which read
#: as words, not as months, so the game writes "1 снежня", as a teacher in Minsk would.
_MONTHS_IN_FULL = frozenset({"be"})
#: Short dates with the year in four digits where CLDR gives two (Belarusian's d.MM.yy):
#: a class's saved rounds span years, and schools write 01.12.2026, as Russian's CLDR does.
_SHORT_DATES = {"be": "dd.MM.y"}


def catalog_path(language: str) -> Any:
    """Where the compiled catalog of ``language`` is (an importlib.resources Traversable:
    a file in a wheel, an editable install or a checkout alike)."""
    from importlib import resources  # noqa: PLC0415 - 5 ms of the first frame otherwise

    return resources.files("clarity") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


class Translator:
    """The texts of the interface in ``language`` (a tag of :data:`LANGUAGES`).

    ``catalog`` is the language's gettext catalog; None reads the shipped one (English,
    or a language without a shipped catalog, shows the message ids, which are English).
    Every method returns text ready to draw or print.
    """

    def __init__(
        self, language: str = DEFAULT_LANGUAGE, catalog: gettext.NullTranslations | None = None
    ) -> None:
        self.language = language
        self._catalog = catalog if catalog is not None else _shipped_catalog(language)

    @property
    def locale(self) -> str:
        """The CLDR locale that writes numbers and dates (``en_GB``, ``ru_RU``, ``be_BY``;
        the pseudo-language and a language without one write as English does)."""
        if self.language in LANGUAGES:
            return CLDR_LOCALES.get(self.language, self.language)
        return CLDR_LOCALES[DEFAULT_LANGUAGE]

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    # -- messages -------------------------------------------------------------

    def gettext(self, msgid: str, /, **values: object) -> str:
        """``msgid`` in this language, its ``{name}`` placeholders filled from ``values``."""
        return self._filled(self._catalog.gettext(msgid), msgid, values)

    def ngettext(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """The plural form for ``count`` (``singular``/``plural`` are the English ones);
        ``{count}`` is ``count`` written as a number unless ``values`` gives it."""
        values = {"count": count, **values}
        return self._filled(
            self._catalog.ngettext(singular, plural, count),
            singular if count == 1 else plural,
            values,
        )

    def pgettext(self, context: str, msgid: str, /, **values: object) -> str:
        """``msgid`` as meant in ``context`` (the same English word may need two
        translations: "round" of play, and "round" the shape)."""
        return self._filled(self._catalog.pgettext(context, msgid), msgid, values)

    def npgettext(
        self, context: str, singular: str, plural: str, count: int, /, **values: object
    ) -> str:
        """:meth:`ngettext` with a ``context``, as :meth:`pgettext`."""
        values = {"count": count, **values}
        return self._filled(
            self._catalog.npgettext(context, singular, plural, count),
            singular if count == 1 else plural,
            values,
        )

    def render(self, text: Message | str) -> str:
        """A core :class:`Message` in this language; a str is returned as it is (text that
        is not the interface's: a pack's, a player's name, a path)."""
        if isinstance(text, str):
            return text
        if text.plural is not None and text.count is not None:
            return self.ngettext(text.template, text.plural, text.count, **text.values)
        return self.gettext(text.template, **text.values)

    def _filled(self, translated: str, english: str, values: Mapping[str, object]) -> str:
        # Formatted even without values, as english_text does: "{{" is a brace either way.
        written = {name: self._written(value) for name, value in values.items()}
        for text in (translated, english):
            try:
                return text.format_map(written)
            except (KeyError, IndexError, ValueError, AttributeError):
                # a translation with a placeholder misspelt: the English words, never a
                # crash (tests/test_translations.py holds the catalogs' placeholders to
                # the ids'); a text with a lone brace is shown as it is
                continue
        return translated

    def _written(self, value: object) -> object:
        if isinstance(value, Message):
            return self.render(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return self.number(value)
        return value

    # -- numbers, dates and times (CLDR, through Babel) ---------------------------

    def number(self, value: float, decimals: int | None = None) -> str:
        """``value`` as this language writes a number: 5653 -> ``5,653`` (en),
        ``5 653`` (ru, be, with a no-break space); a negative one after a minus sign.
        ``decimals`` fixes the digits after the decimal mark (``2.5`` -> ``2,5`` in ru);
        None writes an int as it is and a float with up to three."""
        from babel.numbers import format_decimal  # noqa: PLC0415 - Babel's data when first needed

        if decimals is None:
            written = format_decimal(value, locale=self.locale)
        else:
            pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
            written = format_decimal(value, format=pattern, locale=self.locale)
        return _plain_spaces(written).replace("-", MINUS)

    def percent(self, share: float) -> str:
        """``share`` (0–1) as a per cent of this language: ``42%`` (en), ``42 %`` (ru)."""
        from babel.numbers import format_percent  # noqa: PLC0415

        return _plain_spaces(format_percent(share, locale=self.locale)).replace("-", MINUS)

    def date(self, when: dt.date, width: str = "medium") -> str:
        """``when`` as this language writes a date: ``Nov 30, 2026`` (en), ``30 нояб.
        2026 г.`` (ru); ``width`` is CLDR's ``short``, ``medium``, ``long`` or ``full``."""
        from babel.dates import format_date  # noqa: PLC0415

        if width == "medium" and self.language in _MONTHS_IN_FULL:
            width = "long"
        if width == "short" and self.language in _SHORT_DATES:
            width = _SHORT_DATES[self.language]
        return self._written_out(_plain_spaces(format_date(when, width, locale=self.locale)))

    def time(self, when: dt.time | dt.datetime, width: str = "short") -> str:
        """``when``'s time of day as this language writes it: ``9:05 AM`` (en), ``09:05``
        (ru, be)."""
        from babel.dates import format_time  # noqa: PLC0415

        return self._written_out(_plain_spaces(format_time(when, width, locale=self.locale)))

    def date_time(self, when: dt.datetime, width: str = "short") -> str:
        """``when`` (date and time) as this language writes them together."""
        from babel.dates import format_datetime  # noqa: PLC0415

        if width == "short" and self.language in _SHORT_DATES:
            return self.gettext(
                # Translators: a date and a time of day together, as the language joins them
                "{date}, {time}",
                date=self.date(when, "short"),
                time=self.time(when, "short"),
            )
        return self._written_out(_plain_spaces(format_datetime(when, width, locale=self.locale)))

    def date_by_skeleton(self, when: dt.date | dt.datetime, skeleton: str) -> str:
        """``when`` with the fields of a CLDR ``skeleton`` in this language's order and words:
        ``"MMMd"`` gives ``Nov 23`` (en) and ``23 нояб.`` (ru) (UTS #35, availableFormats)."""
        from babel.dates import format_skeleton  # noqa: PLC0415

        if self.language in _MONTHS_IN_FULL and "MMM" in skeleton and "MMMM" not in skeleton:
            skeleton = skeleton.replace("MMM", "MMMM")
        return self._written_out(_plain_spaces(format_skeleton(skeleton, when, locale=self.locale)))

    def _written_out(self, text: str) -> str:
        """CLDR's words (month names, "and") as the language shows them: the test-only
        pseudo-language accents them, as it does its messages."""
        if self.language != PSEUDO_LANGUAGE:
            return text
        from clarity.i18n.pseudo import accented  # noqa: PLC0415 - tests only

        return accented(text)

    def seconds(self, seconds: float) -> str:
        """A duration of ``seconds`` in words: ``1 minute 5 seconds`` or ``12 seconds``
        (whole seconds, rounded; the plural forms are the language's)."""
        whole = round(seconds)
        minutes, rest = divmod(whole, 60)
        if minutes == 0:
            return self.ngettext("{count} second", "{count} seconds", rest)
        if rest == 0:
            return self.ngettext("{count} minute", "{count} minutes", minutes)
        return self.gettext(
            "{minutes} {seconds}",
            minutes=self.ngettext("{count} minute", "{count} minutes", minutes),
            seconds=self.ngettext("{count} second", "{count} seconds", rest),
        )

    def join(self, items: Iterable[str], style: str = "standard") -> str:
        """``items`` as one list in this language: ``a, b and c`` (en), ``a, b и c`` (ru);
        ``style`` ``"or"`` joins with "or" (CLDR list patterns)."""
        from babel.lists import format_list  # noqa: PLC0415

        items = list(items)
        if not items:
            return ""
        if self.language != PSEUDO_LANGUAGE:
            return format_list(items, style=style, locale=self.locale)
        # the pseudo-language accents CLDR's words around the items, never the items
        stand_ins = [f"\x00{index}\x00" for index in range(len(items))]
        joined = self._written_out(format_list(stand_ins, style=style, locale=self.locale))
        for stand_in, item in zip(stand_ins, items, strict=True):
            joined = joined.replace(stand_in, item)
        return joined


def _plain_spaces(text: str) -> str:
    return text.replace(_NARROW_NO_BREAK_SPACE, _NO_BREAK_SPACE)


def _shipped_catalog(language: str) -> gettext.NullTranslations:
    if language == PSEUDO_LANGUAGE:
        from clarity.i18n.pseudo import PseudoCatalog  # noqa: PLC0415 - tests only

        return PseudoCatalog()
    if language == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    path = catalog_path(language)
    try:
        with path.open("rb") as file:
            return gettext.GNUTranslations(file)
    except (OSError, ValueError):
        # no catalog (a tag without one yet) or a damaged one: the English ids
        return gettext.NullTranslations()


def translator_for(language: str) -> Translator:
    """The Translator of ``language`` with its shipped catalog."""
    return Translator(language)
