"""The pages' words: every slot filled, every text extracted for the translators, plural
forms for the browser by CLDR category, and nothing a translation holds can break out of
the page's JSON block or its HTML."""

from __future__ import annotations

import gettext
import json
import re

import pytest

from clarity.classroom import page_text
from clarity.i18n import Translator
from clarity.i18n import catalog_building as building


def page_json(page: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page, re.S)
    assert found
    return json.loads(found.group(1))


@pytest.mark.parametrize("page", page_text.PAGES)
def test_every_slot_of_the_page_is_filled(page: str) -> None:
    html = page_text.render(page, Translator("en"))
    assert re.findall(r"\{\{[^{}]*\}\}", html) == []
    assert '<html lang="en">' in html
    assert page_json(html)["texts"] == page_text.TEXTS


def test_every_text_of_the_pages_is_in_the_catalog_template() -> None:
    template = building.extract_template()
    ids = {entry.id if isinstance(entry.id, str) else entry.id[0] for entry in template}
    assert set(page_text.TEXTS.values()) - ids == set()
    assert {text.template for text in page_text.PLURALS.values()} - ids == set()


def test_a_page_in_russian_carries_russian_texts_and_plural_forms() -> None:
    data = page_json(page_text.render("student", Translator("ru")))
    assert data["lang"] == "ru"
    assert data["locale"] == "ru-RU"
    assert data["texts"]["join"] == "Войти"  # type: ignore[index]
    points = data["plurals"]["points"]  # type: ignore[index]
    assert (points["one"], points["few"], points["many"]) == (
        "+{count} очко",
        "+{count} очка",
        "+{count} очков",
    )
    assert "other" in points


def test_english_plural_forms_are_one_and_other() -> None:
    data = page_text.page_data(Translator("en"))
    assert data["plurals"]["seconds_left"] == {  # type: ignore[index]
        "one": "{count} second left",
        "other": "{count} seconds left",
    }


class _Hostile(gettext.NullTranslations):
    """A catalog whose every text tries to end the page's script and start its own."""

    def gettext(self, message: str) -> str:
        return "</script><script>alert(1)</script><!-- & \"'"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular)


@pytest.mark.parametrize("page", page_text.PAGES)
def test_no_translation_can_break_out_of_the_page(page: str) -> None:
    html = page_text.render(page, Translator("en", catalog=_Hostile()))
    # the page's own two script elements, and no other
    assert html.count("<script") == 2
    assert html.count("</script>") == 2
    assert "<!--" not in html
    assert page_json(html)["texts"]["join"] == _Hostile().gettext("Join")  # type: ignore[index]


def test_an_unknown_page_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        page_text.render("admin", Translator("en"))
