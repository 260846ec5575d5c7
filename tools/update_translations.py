"""Extract the game's messages and bring the translations up to them.

    python tools/update_translations.py

writes ``src/clarity/locale/clarity.pot`` (every message in the code), adds the new
messages to each language's ``.po`` (untranslated: translate them there) and drops the
gone ones, then compiles each ``.po`` to the ``.mo`` the game reads. Run it after
changing a message or a translation; ``tests/test_translations.py`` fails until then.
A new language is a new ``.po``: add its tag to ``clarity.i18n.languages.LANGUAGES``
and run this.
"""

from __future__ import annotations

from clarity.i18n.catalog_building import update_all


def main() -> None:
    for path in update_all():
        print(path)


if __name__ == "__main__":
    main()
