"""The game's words for a web page's script, and the JSON that carries them into the page.

Two kinds of page write text in the browser, where the game's catalog is not: the class
game's student and teacher pages (:mod:`clarity.classroom.page_text`) and the exported web
game (:mod:`clarity.formats.web.build`). Each has its own table of texts; both send them
the same way: :func:`page_words` gives a page's texts in one language (plural texts as
their forms by CLDR category, :func:`~clarity.i18n.plural_forms.plural_forms`), and
:func:`script_json` writes that, with whatever else the page's script reads, as JSON safe
inside a ``<script type="application/json">`` element. The class pages and the studio's page
are HTML files with ``{{slots}}``, filled by :func:`filled_page`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping

from clarity.core.messages import Message
from clarity.i18n.plural_forms import plural_forms
from clarity.i18n.translator import Translator


def page_words(
    translator: Translator, texts: Mapping[str, str], plurals: Mapping[str, Message]
) -> dict[str, object]:
    """A page's words in ``translator``'s language, as its script reads them: ``lang`` (the
    language's tag), ``locale`` (a BCP 47 tag for ``Intl``), ``texts`` (each key of
    ``texts`` -> its translation, ``{name}`` slots left to fill) and ``plurals`` (each key
    of ``plurals`` -> CLDR category -> text with ``{count}``)."""
    return {
        "lang": translator.language,
        "locale": translator.locale.replace("_", "-"),
        "texts": {key: translator.gettext(text) for key, text in texts.items()},
        "plurals": {key: plural_forms(text, translator) for key, text in plurals.items()},
    }


def script_json(data: object) -> str:
    """``data`` as JSON to put inside ``<script type="application/json">``: no ``</script>``
    or ``<!--`` can appear (every ``<``, ``>`` and ``&`` is a JSON escape), and the line
    separators U+2028 and U+2029 are escaped too. ``JSON.parse`` reads the same values."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


#: A page template's slot: ``{{text:KEY}}`` (group 1 set, the key in group 2) or ``{{NAME}}``.
_SLOT = re.compile(r"\{\{(text:)?([a-z_0-9]+)\}\}")


def filled_page(template: str, texts: Mapping[str, str], language: str, data: object) -> str:
    """``template`` (a page's HTML) with each of its slots filled: ``{{text:KEY}}`` with
    ``texts[KEY]`` (already translated) escaped for HTML, ``{{lang}}`` with ``language``
    (its tag, for ``<html lang>``) and ``{{texts}}`` with ``data`` as :func:`script_json`
    writes it (what the page's script reads).

    Raises KeyError for a ``{{text:KEY}}`` whose key ``texts`` lacks and for any other slot
    name: a bug of the page, found by its tests.
    """

    def filled(match: re.Match[str]) -> str:
        if match.group(1):
            return html.escape(texts[match.group(2)])
        name = match.group(2)
        if name == "lang":
            return html.escape(language)
        if name == "texts":
            return script_json(data)
        raise KeyError(name)

    return _SLOT.sub(filled, template)
