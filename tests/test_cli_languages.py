"""The command line in the class's language: help, errors, validate's problems and the
teacher's tables in Russian and Belarusian, numbers as each writes them, and nothing left in
English in the pseudo-language. The language comes from CLARITY_LANG, else the saved
``language`` setting, else the computer's locale."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from clarity import cli
from clarity.i18n import LANGUAGE_ENV
from clarity.resources import DEFAULT_PACK_ID, bundled_assets_dir, bundled_questions_dir
from clarity.settings import PRESETS, SETTINGS, Settings, SettingsStore, settings_path
from clarity.store import open_store
from language_checks import CYRILLIC, untranslated_words
from number_writing import misprinted_numbers
from store.factories import add_player, save
from test_cli import GOOD, write_pack

NBSP = "\u00a0"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", LANGUAGE_ENV)


@pytest.fixture(autouse=True)
def _no_language_from_the_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test says its language; the locale of whoever runs the tests says none."""
    for variable in LOCALE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def speaking(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, language)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Ana's 12 345 points (1 234 right answers, a flawless round), Bob's 1 180 (bronze)."""
    folder = tmp_path / "data"
    opening = open_store(folder)
    assert opening.store is not None
    with opening.store as store:
        ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
        save(store, ana.id, score=12_345, right=1_234, medal="gold", trophies=["flawless"])
        save(store, bob.id, score=1_180, medal="bronze")
    return folder


# --- help and usage errors ---------------------------------------------------------------


def test_help_is_russian_with_argparse_words_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    speaking(monkeypatch, "ru")
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert out.startswith("использование: clarity [-h]")
    assert "\nпараметры:\n" in out
    assert "\nкоманды:\n" in out
    assert "показать эту справку и выйти" in out
    assert "проверить наборы вопросов и сообщить обо всех ошибках" in out  # validate's line
    assert "usage:" not in out
    assert "options:" not in out
    assert "show this help" not in out


def test_a_commands_help_is_belarusian_from_the_real_entry_point(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "clarity", "validate", "--help"],
        env={"CLARITY_LANG": "be", "CLARITY_CONFIG_DIR": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("выкарыстанне: clarity validate [-h]")
    assert "\nпазіцыйныя аргументы:\n  PATH" in done.stdout
    assert "файл набору або папка" in done.stdout
    assert "паказаць гэтую даведку і выйсці" in done.stdout


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["play"],
            "clarity: ошибка: не хватает обязательных аргументов: --pack; см. clarity play --help",
        ),
        (
            ["packs", "--bogus"],
            "clarity: ошибка: неизвестные аргументы: --bogus; см. clarity packs --help",
        ),
        (
            ["--size", "big"],
            "clarity: ошибка: аргумент --size: 'big' — не размер; напишите ШИРИНАxВЫСОТА, "
            "например 1280x800; см. clarity --help",
        ),
        (
            ["demo", "--seed", "x"],
            "clarity: ошибка: аргумент --seed: не целое число: 'x'; см. clarity demo --help",
        ),
        (
            ["players", "--extra-time"],
            "clarity: ошибка: аргумент --extra-time: нужен хотя бы один аргумент; "
            "см. clarity players --help",
        ),
    ],
)
def test_usage_errors_are_one_russian_line(
    argv: list[str],
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    speaking(monkeypatch, "ru")
    status, out, err = run(capsys, *argv)
    assert (status, out, err) == (2, "", expected + "\n")


def test_an_unknown_command_is_refused_in_russian_naming_the_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    speaking(monkeypatch, "ru")
    status, _, err = run(capsys, "vaildate")
    assert status == 2
    assert err.startswith(
        "clarity: ошибка: аргумент COMMAND: недопустимое значение: 'vaildate' (можно: 'validate',"
    )


def test_a_usage_error_of_a_command_is_russian(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    speaking(monkeypatch, "ru")
    missing = tmp_path / "nowhere.yaml"
    status, _, err = run(capsys, "validate", str(missing), "--data-dir", str(tmp_path))
    assert (status, err) == (2, f"clarity: ошибка: {missing}: нет такого файла или папки\n")


# --- validate -----------------------------------------------------------------------------


def test_validate_says_a_broken_packs_problem_in_russian_at_the_same_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write_pack(tmp_path / "packs", "c.yaml", pack_id="c")
    broken.write_text(GOOD.format(id="c", title="C", grid="1x2").replace("answer: true", "x: 1"))
    _, english, _ = run(capsys, "validate", str(broken), "--data-dir", str(tmp_path))
    speaking(monkeypatch, "ru")
    status, out, _ = run(capsys, "validate", str(broken), "--data-dir", str(tmp_path))
    assert status == 1
    lines, english_lines = out.splitlines(), english.splitlines()
    place = f"{broken}:13:5: questions[1].answer: "
    assert english_lines[0].startswith(place)
    assert lines[0].startswith(place)  # editors read the place: it stays as it is
    said = lines[0].removeprefix(place)
    assert CYRILLIC.search(said), said
    assert said != english_lines[0].removeprefix(place)
    assert lines[-1] == "Проверен 1 набор: без ошибок — 0, с ошибками — 1, 0 предупреждений"


@pytest.mark.parametrize(
    ("packs", "summary"),
    [
        (2, "Проверено 2 набора: без ошибок — 2, с ошибками — 0, 0 предупреждений"),
        (5, "Проверено 5 наборов: без ошибок — 5, с ошибками — 0, 0 предупреждений"),
        (21, "Проверен 21 набор: без ошибок — 21, с ошибками — 0, 0 предупреждений"),
    ],
)
def test_validates_summary_takes_russians_plural_forms(
    packs: int,
    summary: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "packs"
    for number in range(packs):
        write_pack(folder, f"p{number}.yaml", pack_id=f"p{number}")
    speaking(monkeypatch, "ru")
    status, out, _ = run(capsys, "validate", str(folder), "--data-dir", str(tmp_path))
    assert (status, out.splitlines()) == (0, [summary])


# --- the teacher's tables -------------------------------------------------------------------


def cells(line: str) -> list[str]:
    """A table line's cells: the columns stand two spaces apart."""
    return re.split(r" {2,}", line.strip())


@pytest.mark.parametrize(
    ("language", "headings", "gold"),
    [
        ("ru", ["Игрок", "Раунды", "Верные ответы", "Лучший счёт"], "золото"),
        ("be", ["Гулец", "Раўнды", "Правільныя адказы", "Лепшы лік"], "золата"),
    ],
)
def test_players_and_leaderboard_speak_the_language_and_write_its_numbers(
    *,
    language: str,
    headings: list[str],
    gold: str,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    speaking(monkeypatch, language)
    _, players, _ = run(capsys, "players", "--data-dir", str(data_dir))
    _, leaderboard, _ = run(capsys, "leaderboard", "--data-dir", str(data_dir))
    lines = players.splitlines()
    assert cells(lines[0])[:4] == headings
    ana = next(line for line in lines if line.startswith("Ana"))
    assert cells(ana)[1:4] == ["1", f"1{NBSP}234", f"12{NBSP}345"]
    assert ana.endswith("  x1")  # the value as written in commands: not translated
    assert misprinted_numbers(players, language) == []
    first = cells(leaderboard.splitlines()[3])
    assert first[:4] == ["1", "Ana", f"12{NBSP}345", gold]
    assert "23.11." in first[4]  # the date as the language writes it, day first
    assert misprinted_numbers(leaderboard, language) == []


def test_trophies_are_russian_with_their_counts_in_plural_forms(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    speaking(monkeypatch, "ru")
    status, out, _ = run(capsys, "trophies", "--player", "Ana", "--data-dir", str(data_dir))
    assert status == 0
    lines = out.splitlines()
    assert cells(lines[1]) == ["Трофей", "Уровень", "Получен", "Прогресс", "Впервые получен"]
    assert any(cells(line)[-3:-1] == ["да", "1 раз"] for line in lines[3:])
    assert any("0 раз" in line for line in lines[3:])
    assert misprinted_numbers(out, "ru") == []


def test_a_missing_player_is_said_in_belarusian(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    speaking(monkeypatch, "be")
    status, _, err = run(capsys, "trophies", "--player", "Zoe", "--data-dir", str(data_dir))
    assert (status, err) == (1, "clarity: гульца «Zoe» няма\n")


# --- where the language comes from ------------------------------------------------------------


def test_the_saved_language_setting_makes_commands_belarusian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config"
    assert SettingsStore(settings_path(config)).save(Settings().with_values({"language": "be"})).ok
    folder = tmp_path / "data"
    folder.mkdir()
    argv = ["players", "--data-dir", str(folder), "--config-dir", str(config)]
    assert run(capsys, *argv)[1] == f"У {folder} пакуль няма захаваных даных\n"


def test_the_computers_locale_speaks_when_the_setting_is_automatic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    folder = tmp_path / "data"
    folder.mkdir()
    assert run(capsys, "players", "--data-dir", str(folder))[1] == (
        f"В {folder} пока нет сохранённых данных\n"
    )


def test_a_clarity_lang_the_game_does_not_speak_is_said_once_and_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "be_BY.UTF-8")
    speaking(monkeypatch, "klingon")
    folder = tmp_path / "data"
    folder.mkdir()
    status, out, err = run(capsys, "players", "--data-dir", str(folder))
    assert (status, out) == (0, f"У {folder} пакуль няма захаваных даных\n")
    assert err.count("\n") == 1
    assert err.startswith("clarity: CLARITY_LANG=klingon ")
    assert CYRILLIC.search(err)


def test_without_any_language_the_commands_speak_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    assert run(capsys, "players", "--data-dir", str(folder))[1] == (
        f"No saved data yet in {folder}\n"
    )


# --- the pseudo-language: nothing left in English --------------------------------------------


def words_of_the_data(*more: object) -> list[str]:
    """What the commands print as it is, in any language: command, option and setting names,
    an option's values typed as they are (``--class turns``), setting values, metavariables,
    and the data's own words (paths, names, titles)."""
    parser = cli.build_parser()
    words = [PROG_AND_VARIABLES]
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, command in {"": parser, **commands}.items():
        words.append(name)
        for action in command._actions:
            words += [*action.option_strings, str(action.metavar or ""), str(action.dest)]
            words += [str(choice) for choice in action.choices or ()]
    for setting in SETTINGS:
        words += [setting.key, setting.allowed, *(written for written, _ in setting.choices)]
    words += [preset.name for preset in PRESETS]
    words.append(DEFAULT_PACK_ID)
    bundled = cli.discover_packs([bundled_questions_dir()], assets_dir=bundled_assets_dir())
    words += [f"{pack.id} {pack.title}" for pack in bundled]
    # a path's or an id's letters, as the pseudo-language's check reads words
    return [re.sub("[^A-Za-z]+", " ", text) for text in [*words, *map(str, more)]]


# CLDR's English dates write the time of day with AM and PM; the pseudo-language writes
# dates as English does.
PROG_AND_VARIABLES = "clarity CLARITY_DATA_DIR CLARITY_CONFIG_DIR AM PM"


def test_the_pseudo_language_leaves_no_english_in_any_commands_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    speaking(monkeypatch, "qps-ploc")
    commands = ["", "validate", "packs", "players", "leaderboard", "trophies", "results"]
    commands += ["repair", "backup", "restore", "play", "demo", "settings"]
    allowed = words_of_the_data()
    for command in commands:
        status, out, _ = run(capsys, *([command] if command else []), "--help")
        assert status == 0
        assert untranslated_words(out.splitlines(), allowed) == set(), command


def test_the_pseudo_language_leaves_no_english_in_what_the_commands_print(
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pack = write_pack(tmp_path / "packs", "good.yaml", pack_id="good", title="Test")
    speaking(monkeypatch, "qps-ploc")
    data = ["--data-dir", str(data_dir)]
    printed = []
    for argv in (
        ["validate", str(pack)],
        ["packs", "--packs", str(pack.parent)],
        ["players"],
        ["leaderboard"],
        ["trophies"],
        ["results", "--csv", str(tmp_path / "results.csv")],
        ["players", "--extra-time", "Ana=x2"],
        ["settings", "--config-dir", str(tmp_path / "config")],
        ["settings", "timer=off", "--config-dir", str(tmp_path / "config")],
        ["trophies", "--player", "Zoe"],
        ["play"],
    ):
        _, out, err = run(capsys, *argv, *data)
        assert out or err, argv
        printed += [*out.splitlines(), *err.splitlines()]
    allowed = words_of_the_data(tmp_path, "Ana Bob Zoe", "good Test", "settings.ini")
    assert untranslated_words(printed, allowed) == set()
    assert any(line.startswith("[") for line in printed)


def test_the_settings_list_says_the_volumes_range_in_the_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLARITY_LANG", "ru")
    assert cli.main(["settings", "--config-dir", str(tmp_path)]) == 0
    (volume,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("volume")]
    assert volume.endswith("от 0 до 100")


@pytest.mark.parametrize(
    "argv",
    [
        ["--config-dir", "{dir}", "packs"],
        ["--config", "{dir}", "packs"],
        ["--conf={dir}", "packs"],
        ["packs", "--config-dir={dir}"],
    ],
)
def test_the_saved_language_is_read_from_the_config_folder_however_it_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """argparse takes a shortened option name; so does the look for the saved language."""
    SettingsStore(settings_path(tmp_path)).save(Settings().with_values({"language": "be"}))
    assert cli.main([word.replace("{dir}", str(tmp_path)) for word in argv]) == 0
    assert "3 раўнды, 47 пытанняў" in capsys.readouterr().out
