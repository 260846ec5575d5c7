"""The shipped catalogs: made from the code as it is, complete in every language, with the
placeholders of their messages, and the plural forms of Russian and Belarusian."""

from __future__ import annotations

import ast
import gettext
import io
import re
import string
from pathlib import Path

import pytest

from clarity.i18n import LANGUAGES, Translator
from clarity.i18n import catalog_building as building
from clarity.i18n.translator import catalog_path

# If one of these fails after a message changed: python tools/update_translations.py,
# then translate what it added (the empty msgstr lines of each .po).
UPDATE = "run python tools/update_translations.py and translate the new messages"


@pytest.fixture(scope="module")
def template() -> building.Catalog:
    return building.extract_template()


def _ids(catalog: building.Catalog) -> set[tuple[object, str | None]]:
    return {(entry.id, entry.context) for entry in catalog if entry.id}


def test_the_template_holds_every_message_of_the_code(template: building.Catalog) -> None:
    committed = building.template_path().read_bytes()
    assert committed == building.template_text(template), UPDATE


@pytest.mark.parametrize("language", building.TRANSLATED)
def test_each_catalog_holds_the_templates_messages_and_no_others(
    template: building.Catalog, language: str
) -> None:
    catalog = building.read_catalog(language)
    assert _ids(catalog) == _ids(template), UPDATE


@pytest.mark.parametrize("language", building.TRANSLATED)
def test_each_shipped_mo_is_its_po_compiled(language: str) -> None:
    catalog = building.read_catalog(language)
    assert building.mo_path(language).read_bytes() == building.compiled(catalog), UPDATE


@pytest.mark.parametrize("language", building.TRANSLATED)
def test_every_message_is_translated(language: str) -> None:
    catalog = building.read_catalog(language)
    missing = building.untranslated(catalog)
    assert missing == [], f"{len(missing)} messages without a {language} translation: {missing}"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("language", building.TRANSLATED)
def test_every_translation_has_the_placeholders_of_its_message(language: str) -> None:
    wrong = []
    for entry in building.read_catalog(language):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set().union(*(_placeholders(i) for i in ids))
        for translated in strings:
            if not translated:
                continue
            found = _placeholders(translated)
            # a plural's form may leave {count} out ("одна плитка"), nothing else
            if not (found <= wanted and wanted - found <= {"count"}):
                wrong.append((ids[0], translated))
    assert wrong == []


@pytest.mark.parametrize("language", ["ru", "be"])
@pytest.mark.parametrize(("count", "form"), [(1, 0), (2, 1), (5, 2), (21, 0), (11, 2), (14, 2)])
def test_russian_and_belarusian_have_three_plural_forms(
    language: str, count: int, form: int
) -> None:
    with catalog_path(language).open("rb") as file:
        catalog = gettext.GNUTranslations(file)
    assert catalog.plural(count) == form  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", {1: "1 секунда", 2: "2 секунды", 5: "5 секунд", 21: "21 секунда", 11: "11 секунд"}),
        ("be", {1: "1 секунда", 2: "2 секунды", 5: "5 секунд", 21: "21 секунда", 11: "11 секунд"}),
    ],
)
def test_a_shipped_plural_message_reads_right_for_each_count(
    language: str, words: dict[int, str]
) -> None:
    translator = Translator(language)
    for count, said in words.items():
        assert translator.seconds(count) == said


def test_a_new_language_is_one_po_file_away(tmp_path: Path) -> None:
    """A package with one message: a Ukrainian catalog made from its template, translated
    and compiled, is read by a Translator."""
    package = tmp_path / "clarity"
    (package / "locale").mkdir(parents=True)
    (package / "a.py").write_text('t.gettext("Play")\n', encoding="utf-8")
    template = building.extract_template(package)
    catalog = building.updated_catalog("uk", template, None)
    catalog["Play"].string = "Грати"
    with io.BytesIO(building.compiled(catalog)) as mo:
        assert Translator("uk", gettext.GNUTranslations(mo)).gettext("Play") == "Грати"


# --- the code's calls ----------------------------------------------------------------------------

_CALLS = {"gettext": 1, "pgettext": 2, "ngettext": 2, "npgettext": 3, "message": 1,
          "plural_message": 2, "N_": 1}  # fmt: skip
SOURCE = building.source_root()


def _misused_calls() -> list[str]:
    """Calls whose message is built at run time (an f-string, a + or a %): Babel cannot
    extract those, so they would never be translated."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in _CALLS:
                continue
            for argument in node.args[: _CALLS[name]]:
                if isinstance(argument, ast.JoinedStr | ast.BinOp):
                    found.append(f"{path.relative_to(SOURCE)}:{node.lineno}: {name}")
    return found


def test_every_message_is_a_literal_babel_can_extract() -> None:
    assert _misused_calls() == []


def test_messages_use_named_placeholders_only(template: building.Catalog) -> None:
    positional = re.compile(r"\{\}|\{\d+\}|%[sd]|%\(")
    bad = [entry.id for entry in template if entry.id and positional.search(str(entry.id))]
    assert bad == []


def test_every_language_has_a_catalog_but_english() -> None:
    for language in LANGUAGES:
        assert catalog_path(language).is_file() == (language != "en")
