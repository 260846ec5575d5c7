"""Which language the interface speaks: the setting, ``CLARITY_LANG``, or the computer's.

The order, first that says one wins:

1. ``CLARITY_LANG`` (one run: ``CLARITY_LANG=be clarity``, or ``automatic`` for the
   computer's language whatever is saved); a value the game does not speak is reported
   and passed over;
2. the ``language`` setting, unless it is ``automatic``;
3. the computer's locale, read as GNU gettext reads it: the ``LANGUAGE`` priority list
   (``be:ru:en``) unless the locale is ``C``, then the first of ``LC_ALL``,
   ``LC_MESSAGES``, ``LANG`` that is set; where the environment names none (Windows,
   a macOS app), the locale Python reports;
4. English.

Tags are ISO 639-1 codes as the catalogs are named (``en``, ``ru``, ``be``); a locale
name such as ``ru_RU.UTF-8``, ``be_BY@latin``, ``ru-RU`` or Windows' ``Russian_Russia``
gives its language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clarity.core.messages import Message, message

#: The interface languages, each by its tag, with its name as its speakers write it (a
#: language list shows each language in itself, so a player can find their own).
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "be": "Беларуская"}
#: The CLDR locale whose conventions write a language's numbers, dates and times, where it
#: is not the language's own tag: the game's English is British (colour, licence), so it
#: writes 23 Nov 2026 and 09:00.
CLDR_LOCALES: dict[str, str] = {"en": "en_GB", "ru": "ru_RU", "be": "be_BY"}
#: The setting's value that follows the computer's locale.
AUTOMATIC = "automatic"
#: Overrides the setting for one run.
LANGUAGE_ENV = "CLARITY_LANG"
#: A language for the tests only: every message lengthened and accented
#: (:mod:`clarity.i18n.pseudo`), named as Windows names its pseudo-locale.
PSEUDO_LANGUAGE = "qps-ploc"
DEFAULT_LANGUAGE = "en"

# Windows' locale names, as locale.getlocale() gives them there ("Russian_Russia").
_WINDOWS_NAMES = {"english": "en", "russian": "ru", "belarusian": "be"}
_POSIX_LOCALES = frozenset({"c", "posix"})


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    """The language chosen (a tag of :data:`LANGUAGES`, or :data:`PSEUDO_LANGUAGE`), how
    (``"CLARITY_LANG"``, ``"setting"``, ``"locale"`` or ``"default"``), and a problem to
    report once when ``CLARITY_LANG`` named a language the game does not speak."""

    language: str
    source: str
    problem: Message | None = None


def language_from_locale(name: str | None) -> str | None:
    """The tag of :data:`LANGUAGES` a locale or language name means, or None.

    ``"ru_RU.UTF-8"`` -> ``"ru"``, ``"be-BY"`` -> ``"be"``, ``"Russian_Russia.1251"`` ->
    ``"ru"``, ``"BE"`` -> ``"be"``; ``"C"``, ``"de_DE"`` and ``""`` -> None.
    """
    if not name:
        return None
    base = name.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    language = base.split("_")[0]
    if language in LANGUAGES:
        return language
    if base in (PSEUDO_LANGUAGE.replace("-", "_"), "qps"):
        return PSEUDO_LANGUAGE
    return _WINDOWS_NAMES.get(language)


def _locale_base(name: str) -> str:
    """``"C.UTF-8"`` -> ``"c"``: the locale's name without its encoding and modifier."""
    return name.strip().split(".")[0].split("@")[0].lower()


def locale_language(environ: Mapping[str, str], system_locale: str | None = None) -> str | None:
    """The language of the computer's locale (step 3 of the module's order), or None
    when it names none the game speaks."""
    effective = next(
        (environ[key] for key in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(key)), None
    )
    if effective is None or _locale_base(effective) not in _POSIX_LOCALES:
        # gettext reads the LANGUAGE list only when a locale other than C is in force
        for item in environ.get("LANGUAGE", "").split(":"):
            language = language_from_locale(item)
            if language is not None and language != PSEUDO_LANGUAGE:
                return language
    if effective is not None:
        found = language_from_locale(effective)
        return found if found != PSEUDO_LANGUAGE else None
    found = language_from_locale(system_locale)
    return found if found != PSEUDO_LANGUAGE else None


def system_locale() -> str | None:
    """The locale Python reports for this computer (``"Russian_Russia"`` on Windows,
    ``"ru_RU"`` elsewhere), or None; read by the entry points, never deep inside."""
    import locale  # noqa: PLC0415 - only the entry points ask

    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


def choose_language(
    setting: str, environ: Mapping[str, str], system_locale: str | None = None
) -> LanguageChoice:
    """The interface language for ``setting`` (a tag or :data:`AUTOMATIC`), ``environ``
    (``os.environ``) and ``system_locale`` (``locale.getlocale()[0]``), by the module's order.
    """
    problem = None
    asked = environ.get(LANGUAGE_ENV, "").strip()
    if asked.lower() == AUTOMATIC:  # the computer's language for this run, whatever is saved
        found = locale_language(environ, system_locale)
        return LanguageChoice(found or DEFAULT_LANGUAGE, LANGUAGE_ENV)
    if asked:
        language = language_from_locale(asked)
        if language is not None:
            return LanguageChoice(language, LANGUAGE_ENV)
        problem = message(
            "{variable}={value} is not a language of the game, so it is passed over; "
            "it may be: {languages}",
            variable=LANGUAGE_ENV,
            value=asked,
            languages=", ".join([*LANGUAGES, AUTOMATIC]),
        )
    if setting != AUTOMATIC and setting in LANGUAGES:
        return LanguageChoice(setting, "setting", problem)
    found = locale_language(environ, system_locale)
    if found is not None:
        return LanguageChoice(found, "locale", problem)
    return LanguageChoice(DEFAULT_LANGUAGE, "default", problem)
