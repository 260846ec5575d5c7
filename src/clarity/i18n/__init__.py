"""The interface in the player's language: gettext catalogs, plural forms, and numbers,
dates and times written as the language writes them (Babel, from CLDR).

:class:`Translator` is what screens and commands are given (never a global): it turns a
message id or a core :class:`~clarity.core.messages.Message` into text.
:func:`choose_language` picks the language from the setting, ``CLARITY_LANG`` and the
computer's locale. The catalogs live in ``clarity/locale``, one ``.po`` per language,
compiled to ``.mo`` by ``tools/update_translations.py`` (:mod:`clarity.i18n.catalog_building`).
"""

from clarity.i18n.languages import (
    AUTOMATIC,
    LANGUAGE_ENV,
    LANGUAGES,
    PSEUDO_LANGUAGE,
    choose_language,
    language_from_locale,
)
from clarity.i18n.translator import Translator, translator_for

__all__ = [
    "AUTOMATIC",
    "LANGUAGES",
    "LANGUAGE_ENV",
    "PSEUDO_LANGUAGE",
    "Translator",
    "choose_language",
    "language_from_locale",
    "translator_for",
]
