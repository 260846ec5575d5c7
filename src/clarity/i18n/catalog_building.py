"""Making the catalogs: extract the messages into a template, bring every language's
``.po`` up to it, and compile the ``.mo`` files that ship (Babel's tools, as its
``pybabel extract``, ``update`` and ``compile`` do; ``tools/update_translations.py`` runs
them, and ``tests/test_translations.py`` checks that what is committed is what they make).

The messages are found in the game's Python source (``src/clarity``), in calls of
:data:`KEYWORDS` with literal strings; a ``# Translators:`` comment just above a call
goes into the catalog for the translator.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from clarity.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES
from clarity.i18n.translator import DOMAIN

#: The calls whose literal strings are messages, each with where its strings are (Babel's
#: keyword specs: argument numbers from 1, ``"c"`` for a context).
KEYWORDS: dict[str, object] = {
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
    "message": None,
    "plural_message": (1, 2),
}
COMMENT_TAGS = ("Translators:",)
PROJECT = "Clarity Challenge"
AUTHORS = "The Clarity Challenge team"
HEADER_COMMENT = (
    "# The messages of Clarity Challenge, the image-reveal quiz game.\n"
    "# Made by tools/update_translations.py; translate the empty msgstr lines.\n"
    "# This file is distributed under the same licence as the game (MIT)."
)
WIDTH = 100  # the .po files' line width, as the code's
# Every language but English has a catalog (the message ids are English).
TRANSLATED = tuple(language for language in LANGUAGES if language != DEFAULT_LANGUAGE)


def source_root() -> Path:
    """The ``clarity`` package's folder, whose source the messages are extracted from."""
    return Path(__file__).resolve().parents[1]


def locale_root(package: Path | None = None) -> Path:
    return (package or source_root()) / "locale"


def template_path(package: Path | None = None) -> Path:
    return locale_root(package) / f"{DOMAIN}.pot"


def po_path(language: str, package: Path | None = None) -> Path:
    return locale_root(package) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str, package: Path | None = None) -> Path:
    return po_path(language, package).with_suffix(".mo")


def extract_template(package: Path | None = None) -> Catalog:
    """Every message of the package's source, with the files it is in (no line numbers, so
    that moving code does not change the template)."""
    root = package or source_root()
    template = _new_catalog()
    found = extract_from_dir(
        str(root),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, msgid, comments, context in found:
        template.add(
            msgid,
            locations=[(f"clarity/{Path(filename).as_posix()}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def template_text(template: Catalog) -> bytes:
    """The ``.pot`` file of ``template`` (sorted, without dates, so a test can compare it)."""
    return _po_bytes(template)


def updated_catalog(language: str, template: Catalog, existing: bytes | None) -> Catalog:
    """``language``'s catalog brought up to ``template``: new messages added untranslated,
    gone ones dropped, never guessed from a similar message (no fuzzy matching)."""
    if existing is None:
        catalog = _new_catalog(locale=language, domain=DOMAIN)
        catalog.language_team = LANGUAGES.get(language, language)
    else:
        catalog = read_po(io.BytesIO(existing), locale=language, domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    return catalog


def po_text(catalog: Catalog) -> bytes:
    return _po_bytes(catalog)


def compiled(catalog: Catalog) -> bytes:
    """The ``.mo`` of ``catalog`` (translated messages only; an untranslated one shows its
    English id)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def read_catalog(language: str, package: Path | None = None) -> Catalog:
    with po_path(language, package).open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def untranslated(catalog: Catalog) -> list[str]:
    """The ids of ``catalog``'s messages with no translation (or a fuzzy one)."""
    missing = []
    for entry in catalog:
        if not entry.id:
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            missing.append(entry.id if isinstance(entry.id, str) else entry.id[0])
    return missing


def update_all(package: Path | None = None, languages: Iterable[str] = TRANSLATED) -> list[Path]:
    """Write the template, every language's ``.po`` and ``.mo``; the paths written."""
    template = extract_template(package)
    written = [_write(template_path(package), template_text(template))]
    for language in languages:
        po = po_path(language, package)
        existing = po.read_bytes() if po.exists() else None
        catalog = updated_catalog(language, template, existing)
        written.append(_write(po, po_text(catalog)))
        written.append(_write(mo_path(language, package), compiled(catalog)))
    return written


def _new_catalog(**options: str) -> Catalog:
    return Catalog(
        project=PROJECT,
        version="",
        copyright_holder=AUTHORS,
        msgid_bugs_address="",
        last_translator=AUTHORS,
        header_comment=HEADER_COMMENT,
        fuzzy=False,
        **options,
    )


def _po_bytes(catalog: Catalog) -> bytes:
    # No dates in the header: the files change only when their messages do.
    catalog.creation_date = catalog.revision_date = _FIXED_DATE
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, sort_output=True, include_lineno=False)
    return out.getvalue()


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


_FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
