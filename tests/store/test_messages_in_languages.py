"""Every kind of message the saved data writes reads in Russian with its values, and is
wholly translatable: the pseudo-language leaves no word of it in English.

The messages come from the code that writes them (a name refused by the real check, a
save refused by a store whose saving is off, a file that cannot be written), so a text
written as English again fails here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clarity.atomic_files import FileNotWritten, write_replacing
from clarity.core.messages import Message
from clarity.i18n.translator import Translator
from clarity.store import NameRejected, Player, SaveFailed, Store, StoreDamaged, problems
from clarity.store.backup import size_in_words
from clarity.store.db import migrate
from clarity.store.names import MAX_NAME_LENGTH, clean_name
from clarity.store.ownership import HeldElsewhere
from clarity.store.problems import Problem
from clarity.store.repair import Repair, RepairFailed, rebuild

from .factories import MONDAY_9AM
from .languages import assert_in_russian, assert_pseudo_translated

FOLDER = Path("/srv/class-7b/data")
DATABASE = FOLDER / "clarity.sqlite3"
ANA = Player(1, "Ana", MONDAY_9AM)
MALFORMED = "database disk image is malformed"  # SQLite's words, which stay as they are


def _refusal(name: str) -> Message:
    refused = clean_name(name)
    assert isinstance(refused, NameRejected), refused
    return refused.said


def _save_refused(notice: Message) -> Message:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    with Store(conn, DATABASE, now=lambda: MONDAY_9AM, notice=notice, saving=False) as store:
        failed = store.create_player("Bob")
    assert isinstance(failed, SaveFailed)
    return failed.said


def _not_written(path: Path) -> Message:
    with pytest.raises(FileNotWritten) as raised:
        write_replacing(path, b"name,score\n")
    return raised.value.said


def _repair_failed() -> Message:
    missing = FOLDER / "not-there"
    with pytest.raises(RepairFailed) as failed:
        rebuild(missing / "clarity.sqlite3", missing / "aside", MONDAY_9AM, close=lambda: None)
    return problems.repair_failed(DATABASE, failed.value.reason)


MESSAGES = {
    **{
        f"saving off: {problem}": lambda problem=problem: problems.saving_off(problem, FOLDER)
        for problem in Problem
    },
    "saving off, with the system's words": lambda: problems.saving_off(
        Problem.UNUSABLE, FOLDER, "unable to open database file"
    ),
    "moved aside": lambda: problems.moved_aside(DATABASE, FOLDER / "clarity.sqlite3.corrupt-1"),
    "newer version": lambda: problems.newer_version(DATABASE),
    "older version": lambda: problems.older_version(DATABASE),
    "cannot read": lambda: problems.cannot_read(DATABASE, "disk I/O error"),
    "damaged, left as it is": lambda: (
        StoreDamaged(DATABASE, "database disk image is malformed").said
    ),
    "still damaged after a repair": lambda: problems.repair_failed(
        DATABASE, problems.still_damaged(sqlite3.DatabaseError("database disk image is malformed"))
    ),
    "a repair that failed": _repair_failed,
    "a save while saving is off": lambda: _save_refused(
        problems.saving_off(Problem.READ_ONLY, FOLDER)
    ),
    "an empty name": lambda: _refusal("   "),
    "a name too long": lambda: _refusal("A" * (MAX_NAME_LENGTH + 1)),
    "a control character": lambda: _refusal("Ana\x07"),
    "a direction change": lambda: _refusal("Ana\u202e"),
    "a noncharacter": lambda: _refusal("Ana\ufdd0"),
    "not Unicode": lambda: _refusal("Ana\udcff"),
    "held in another window": lambda: HeldElsewhere(ANA).said,
    "held on another computer": lambda: HeldElsewhere(ANA, "lab-pc-07", 4242).said,
    "a repair": lambda: (
        Repair(
            DATABASE,
            FOLDER / "clarity.sqlite3.corrupt-20261127-101500",
            rounds_kept=5653,
            players_kept=21,
            players_renamed=2,
            players_lowered=1,
            rounds_before=5700,
            players_before=23,
        ).said
    ),
    "a simple repair": lambda: Repair(DATABASE, FOLDER / "x.corrupt", 1, 1).said,
    "a repair that lost class data": lambda: (
        Repair(
            DATABASE,
            FOLDER / "x.corrupt",
            rounds_kept=40,
            players_kept=21,
            class_games_kept=3,
            class_games_before=4,
            classes_kept=2,
            classes_before=2,
            memberships_kept=50,
            memberships_before=52,
            team_answers_kept=301,
            team_answers_before=320,
            member_rounds_regrouped=3,
        ).said
    ),
    "a repair that could not count the class data lost": lambda: (
        Repair(
            DATABASE,
            FOLDER / "x.corrupt",
            rounds_kept=1,
            players_kept=1,
            class_games_kept=1,
            classes_kept=1,
            memberships_kept=1,
            team_answers_kept=21,
            member_rounds_regrouped=1,
            class_rows_unread=True,
        ).said
    ),
    "a size in bytes": lambda: size_in_words(912),
    "a size with a tenth": lambda: size_in_words(3_400_000),
    "a size in gigabytes": lambda: size_in_words(2_000_000_000),
}


@pytest.mark.parametrize("kind", list(MESSAGES))
def test_each_message_reads_in_russian_with_its_values(kind: str) -> None:
    assert_in_russian(MESSAGES[kind]())


@pytest.mark.parametrize("kind", list(MESSAGES))
def test_each_message_is_wholly_translatable(kind: str) -> None:
    assert_pseudo_translated(MESSAGES[kind]())


def test_a_file_that_cannot_be_written_is_said_in_the_language(tmp_path: Path) -> None:
    for target in (tmp_path, tmp_path / "missing" / "results.csv"):
        said = _not_written(target)
        text = assert_in_russian(said)
        assert text.startswith(f"не удалось записать {target}: "), text
        assert_pseudo_translated(said)


def test_a_name_too_long_says_the_limit_with_russian_plural_forms() -> None:
    said = _refusal("A" * (MAX_NAME_LENGTH + 1))
    assert said.count == MAX_NAME_LENGTH
    t = Translator("ru")
    forms = {n: t.render(Message(said.template, {}, said.plural, n)) for n in (1, 2, 5, 21, 11)}
    assert forms == {
        1: "В имени может быть не больше 1 символа.",
        2: "В имени может быть не больше 2 символов.",
        5: "В имени может быть не больше 5 символов.",
        21: "В имени может быть не больше 21 символа.",
        11: "В имени может быть не больше 11 символов.",
    }


def test_a_repair_counts_rounds_and_players_as_russian_and_belarusian_write_them() -> None:
    said = MESSAGES["a repair"]()
    nbsp = "\u00a0"
    assert f"5{nbsp}653 из 5{nbsp}700 раундов и 21 игрок (2 переименованы" in (
        Translator("ru").render(said)
    )
    assert f"5{nbsp}653 з 5{nbsp}700 раўндаў і 21 гулец (2 перайменаваныя" in (
        Translator("be").render(said)
    )
    assert str(said).startswith(f"The saved data at {DATABASE} was damaged: 5,653 of its 5,700")


def test_a_size_is_written_with_the_languages_decimal_mark_and_units() -> None:
    ru, be, en = Translator("ru"), Translator("be"), Translator("en")
    assert [ru.render(size_in_words(n)) for n in (1, 3, 5, 3_400_000, 12_000_000)] == [
        "1 байт",
        "3 байта",
        "5 байт",
        "3,4 МБ",
        "12 МБ",
    ]
    assert be.render(size_in_words(48_000)) == "48 КБ"
    assert be.render(size_in_words(2)) == "2 байты"
    assert [en.render(size_in_words(n)) for n in (1, 912, 3_400_000, 12_000_000)] == [
        "1 byte",
        "912 bytes",
        "3.4 MB",
        "12 MB",
    ]


def test_a_save_refused_says_why_then_what_was_not_saved_in_russian() -> None:
    said = _save_refused(problems.saving_off(Problem.FULL, FOLDER))
    assert Translator("ru").render(said) == (
        f"Сохранение выключено: в папке данных {FOLDER} нет места. Игрок не добавлен."
    )
    assert (
        str(said) == f"Saving is off: the data folder {FOLDER} is full. The player was not added."
    )
