"""The interface language: how it is chosen, and how a Translator writes messages, plural
forms, numbers, dates and lists in it."""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from clarity.core.messages import Message, english_text, message, plural_message
from clarity.i18n import (
    LANGUAGES,
    PSEUDO_LANGUAGE,
    Translator,
    choose_language,
    language_from_locale,
)
from clarity.i18n.pseudo import is_pseudo_translated, pseudo_translated
from clarity.settings import LANGUAGE_TAGS, SETTINGS_BY_KEY

# --- choosing the language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("ru_RU.UTF-8", "ru"),
        ("be_BY.UTF-8", "be"),
        ("be_BY@latin", "be"),
        ("ru-RU", "ru"),
        ("BE", "be"),
        ("en_GB.utf8", "en"),
        ("Russian_Russia.1251", "ru"),
        ("Belarusian_Belarus", "be"),
        ("de_DE.UTF-8", None),
        ("uk_UA.UTF-8", None),
        ("C", None),
        ("POSIX", None),
        ("", None),
        (None, None),
    ],
)
def test_a_locale_name_gives_its_language(name: str | None, language: str | None) -> None:
    assert language_from_locale(name) == language


def test_clarity_lang_wins_over_the_setting_and_the_locale() -> None:
    choice = choose_language("ru", {"CLARITY_LANG": "be", "LANG": "en_GB.UTF-8"})
    assert (choice.language, choice.source, choice.problem) == ("be", "CLARITY_LANG", None)


def test_a_clarity_lang_the_game_does_not_speak_is_said_and_passed_over() -> None:
    choice = choose_language("ru", {"CLARITY_LANG": "klingon"})
    assert (choice.language, choice.source) == ("ru", "setting")
    assert choice.problem is not None
    assert "CLARITY_LANG=klingon" in str(choice.problem)
    assert "en, ru, be" in str(choice.problem)


def test_clarity_lang_automatic_follows_the_locale_whatever_is_saved() -> None:
    choice = choose_language("be", {"CLARITY_LANG": "Automatic", "LANG": "ru_RU.UTF-8"})
    assert (choice.language, choice.source) == ("ru", "CLARITY_LANG")
    assert choose_language("be", {"CLARITY_LANG": "automatic"}).language == "en"


def test_the_setting_wins_over_the_locale() -> None:
    assert choose_language("be", {"LANG": "ru_RU.UTF-8"}).language == "be"


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "be_BY.UTF-8"}, "be"),
        ({"LANG": "ru_RU.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        # LANGUAGE is a priority list: the first the game speaks wins
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "uk:be:ru"}, "be"),
        # ... but gettext ignores it under the C locale
        ({"LANG": "C", "LANGUAGE": "ru"}, "en"),
        ({"LC_ALL": "C.UTF-8", "LANGUAGE": "be"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_automatic_follows_the_locale_as_gettext_reads_it(
    environ: dict[str, str], language: str
) -> None:
    assert choose_language("automatic", environ).language == language


def test_automatic_reads_the_systems_locale_where_the_environment_names_none() -> None:
    assert choose_language("automatic", {}, "Belarusian_Belarus").language == "be"
    assert choose_language("automatic", {"LANG": "en_US.UTF-8"}, "Russian_Russia").language == "en"


def test_the_pseudo_language_is_only_for_clarity_lang() -> None:
    assert choose_language("automatic", {"CLARITY_LANG": "qps-ploc"}).language == PSEUDO_LANGUAGE
    assert choose_language("automatic", {"LANG": "qps_ploc"}).language == "en"
    assert not SETTINGS_BY_KEY["language"].allows(PSEUDO_LANGUAGE)


def test_the_setting_offers_every_language_and_automatic() -> None:
    assert tuple(LANGUAGES) == LANGUAGE_TAGS
    setting = SETTINGS_BY_KEY["language"]
    assert setting.values == ("automatic", "en", "ru", "be")
    assert setting.parse("Беларуская") == "be"
    assert setting.parse("Russian") == "ru"
    assert setting.parse("auto") == "automatic"


# --- numbers, dates, lists (CLDR through Babel) ------------------------------------------------


@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "5,653"), ("ru", "5\u00a0653"), ("be", "5\u00a0653")],
)
def test_numbers_are_grouped_as_the_language_groups_them(language: str, written: str) -> None:
    assert Translator(language).number(5653) == written


def test_a_negative_number_has_a_minus_sign() -> None:
    assert Translator("ru").number(-300) == "\u2212300"
    assert Translator("en").number(-1234) == "\u22121,234"


def test_decimals_take_the_languages_decimal_mark() -> None:
    assert Translator("en").number(2.5, decimals=1) == "2.5"
    assert Translator("ru").number(2.5, decimals=1) == "2,5"
    assert Translator("be").number(1234.5, decimals=2) == "1\u00a0234,50"


def test_a_share_is_written_as_a_per_cent_of_the_language() -> None:
    assert Translator("en").percent(0.42) == "42%"
    assert Translator("ru").percent(0.42) == "42\u00a0%"


def test_dates_and_times_are_written_as_the_language_writes_them() -> None:
    when = dt.datetime(2026, 11, 30, 9, 5)
    assert Translator("en").date(when.date()) == "30 Nov 2026"  # British, as the game's English
    assert Translator("ru").date(when.date()) == "30 нояб. 2026\u00a0г."
    assert Translator("en").time(when) == "09:05"
    assert Translator("ru").time(when) == "09:05"
    assert Translator("be").date_time(when) == "30.11.2026, 09:05"  # four digits, as ru
    assert Translator("be").date(when.date(), "short") == "30.11.2026"
    # Belarusian's CLDR abbreviations ("30 ліс") read as words: the month in full
    assert Translator("be").date(when.date()) == "30 лістапада 2026\u00a0г."
    assert Translator("be").date_by_skeleton(when, "MMMd") == "30 лістапада"
    assert Translator("ru").date_by_skeleton(when, "MMMd") == "30 нояб."
    # no narrow no-break space: legacy console code pages cannot print it
    for language in LANGUAGES:
        assert "\u202f" not in Translator(language).date_time(when, "medium")


def test_lists_are_joined_with_the_languages_and() -> None:
    assert Translator("en").join(["Ana", "Ben", "Cleo"]) == "Ana, Ben and Cleo"
    assert Translator(PSEUDO_LANGUAGE).join(["Ana", "Ben", "Cleo"]) == "Ana, Ben åñď Cleo"
    assert Translator("ru").join(["Аня", "Борис", "Вера"]) == "Аня, Борис и Вера"
    assert Translator("be").join(["Ана", "Бэн"]) == "Ана і Бэн"
    assert Translator("en").join([]) == ""


# --- messages ----------------------------------------------------------------------------------


def _catalog(language: str, entries: dict[object, object]) -> gettext.GNUTranslations:
    """A compiled catalog of ``entries`` for ``language`` (Babel's plural rule)."""
    catalog = Catalog(locale=language)
    for msgid, string in entries.items():
        catalog.add(msgid, string)
    out = io.BytesIO()
    write_mo(out, catalog)
    out.seek(0)
    return gettext.GNUTranslations(out)


RUSSIAN = _catalog(
    "ru",
    {
        ("{count} tile left", "{count} tiles left"): (
            "Осталась {count} плитка",
            "Осталось {count} плитки",
            "Осталось {count} плиток",
        ),
        "{player} earned {trophy}": "{trophy}: получает {player}",
        "Hot streak": "Горячая серия",
        "Trophy: {name}": "Трофей: {name}",
        "{count} points": "{points} очков",  # a slip in the catalog: a placeholder misspelt
    },
)


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "Осталась 1 плитка"),
        (2, "Осталось 2 плитки"),
        (5, "Осталось 5 плиток"),
        (11, "Осталось 11 плиток"),
        (21, "Осталась 21 плитка"),
        (22, "Осталось 22 плитки"),
        (112, "Осталось 112 плиток"),
    ],
)
def test_the_plural_form_is_the_languages_for_the_count(count: int, text: str) -> None:
    translator = Translator("ru", RUSSIAN)
    assert translator.ngettext("{count} tile left", "{count} tiles left", count) == text


def test_placeholders_go_where_the_translation_puts_them() -> None:
    translator = Translator("ru", RUSSIAN)
    said = translator.gettext("{player} earned {trophy}", player="Аня", trophy="«Горячая серия»")
    assert said == "«Горячая серия»: получает Аня"


def test_a_count_in_a_message_is_written_as_the_language_writes_numbers() -> None:
    translator = Translator("ru", RUSSIAN)
    assert translator.ngettext("{count} tile left", "{count} tiles left", 1021) == (
        "Осталась 1\u00a0021 плитка"
    )


def test_a_translation_with_a_misspelt_placeholder_shows_the_english_not_a_crash() -> None:
    assert Translator("ru", RUSSIAN).gettext("{count} points", count=3) == "3 points"


def test_a_core_message_is_rendered_in_the_language_with_its_nested_messages() -> None:
    trophy = message("Hot streak")
    said = message("Trophy: {name}", name=trophy)
    assert Translator("ru", RUSSIAN).render(said) == "Трофей: Горячая серия"
    assert str(said) == "Trophy: Hot streak"


def test_a_core_plural_message_picks_the_form_in_the_language_and_in_english() -> None:
    left = plural_message("{count} tile left", "{count} tiles left", 3)
    assert Translator("ru", RUSSIAN).render(left) == "Осталось 3 плитки"
    assert english_text(left) == "3 tiles left"
    assert english_text(plural_message("{count} tile left", "{count} tiles left", 1)) == (
        "1 tile left"
    )
    assert str(message("{count} questions", count=12000)) == "12,000 questions"


def test_text_that_is_not_the_interfaces_is_shown_as_it_is() -> None:
    assert Translator("ru", RUSSIAN).render("Hot streak") == "Hot streak"  # a pack's text


def test_english_needs_no_catalog() -> None:
    assert Translator("en").gettext("{count} tiles", count=5653) == "5,653 tiles"
    assert isinstance(message("x"), Message)


def test_a_language_without_a_catalog_shows_the_english(tmp_path: object) -> None:
    assert Translator("xx").gettext("Play") == "Play"


# --- the pseudo-language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Play", "Settings", "{count} tiles left", "Who's playing?", "{player}: {score}"]
)
def test_the_pseudo_language_lengthens_accents_and_keeps_placeholders(text: str) -> None:
    pseudo = pseudo_translated(text)
    assert len(pseudo) >= 1.4 * len(text)
    assert is_pseudo_translated(pseudo)
    assert re.findall(r"\{[^{}]*\}", pseudo) == re.findall(r"\{[^{}]*\}", text)
    plain = {c for c in pseudo if c.isascii() and c.isalpha()}
    placeholders = {c for part in text.split("{")[1:] for c in part.split("}")[0]}
    assert plain <= placeholders | set("bfhjkmpqtvwxBFHJKMPQTVWX")


def test_the_pseudo_language_fills_values_in() -> None:
    translator = Translator(PSEUDO_LANGUAGE)
    said = translator.ngettext("{count} tile left", "{count} tiles left", 3)
    assert said.startswith("[3 ")
    assert said.endswith("]")
    assert is_pseudo_translated(said)


# --- where it sits -------------------------------------------------------------------------------

LAYERS = """
import importlib, json, pkgutil, sys
import clarity.core
def load(package):
    for found in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(found.name)
    return sorted(m for m in sys.modules if m.split(".")[0] in ("pygame", "clarity"))
core = load(clarity.core)
import clarity.i18n
print(json.dumps({"core": core, "both": load(clarity.i18n)}))
"""


def test_the_core_loads_no_translator_and_the_translations_no_screen_nor_store() -> None:
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", LAYERS], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert [m for m in loaded["core"] if not m.startswith("clarity.core")] == ["clarity"]
    below = ("pygame", "clarity.ui", "clarity.store", "clarity.cli")
    assert [m for m in loaded["both"] if m.startswith(below)] == []
    assert "clarity.i18n.translator" in loaded["both"]


def test_doubled_braces_are_one_brace_in_every_language_and_stay_text_in_the_pseudo() -> None:
    template = "Write {{ and }} around {what}"
    assert english_text(message(template, what="x")) == "Write { and } around x"
    assert Translator("ru").gettext(template, what="x") == "Write { and } around x"
    assert Translator("ru").gettext("Braces: {{}}") == "Braces: {}"  # without values too
    pseudo = Translator(PSEUDO_LANGUAGE).gettext(template, what="x")
    assert pseudo.startswith("[Wŕïté { åñď } åŕöüñď x")
