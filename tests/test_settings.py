"""The settings: their values, the presets, KEY=VALUE words, and the file they are kept in."""

from __future__ import annotations

import configparser
import os
import sys
from pathlib import Path

import platformdirs
import pytest

from clarity.core.scoring import TIME_SCALES
from clarity.settings import (
    PRESETS,
    SETTINGS,
    Assignments,
    ClassroomSettings,
    DisplaySettings,
    Refused,
    RulesSettings,
    Setting,
    Settings,
    SettingsStore,
    SoundSettings,
    StudySettings,
    config_dir,
    find_setting,
    parse_assignments,
    read_settings,
    settings_path,
    settings_text,
)

FILE = Path("/lab/settings.ini")
EVERY_KEY = ", ".join(s.key for s in SETTINGS)

# Every setting away from its default: what a lab might set.
CHANGED = Settings(
    rules=RulesSettings(timer=False, time_scale=1.5, streaks=False),
    display=DisplaySettings(
        language="be",
        text_size=200,
        theme="high-contrast",
        reduced_motion=True,
        answer_colours="colour-blind-safe",
    ),
    sound=SoundSettings(volume=35, mute=True, read_aloud="question-and-answers"),
    classroom=ClassroomSettings(tile_share=75, leaderboard=False),
    study=StudySettings(new_cards=35),
)


# --- the values ---------------------------------------------------------------------------


def test_the_keys_are_the_ones_a_teacher_reads() -> None:
    assert [s.key for s in SETTINGS] == [
        "timer",
        "time",
        "streaks",
        "language",
        "text-size",
        "theme",
        "reduced-motion",
        "answer-colours",
        "volume",
        "mute",
        "read-aloud",
        "tile-share",
        "leaderboard",
        "new-cards",
    ]


def test_the_defaults_are_the_game_as_it_always_played() -> None:
    settings = Settings()
    assert [settings.text(s.key) for s in SETTINGS] == [
        "on",
        "x1",
        "on",
        "automatic",
        "100",
        "standard",
        "off",
        "standard",
        "100",
        "off",
        "off",
        "50",
        "on",
        "20",
    ]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.key)
def test_every_value_reads_back_as_it_is_written(setting: Setting) -> None:
    for written, held in setting.choices:
        assert setting.text(held) == written
        parsed = setting.parse(written)
        assert parsed == held
        assert type(parsed) is type(held)
        assert Settings().with_values({setting.key: held}).get(setting.key) == held


def test_the_times_per_question_are_the_cores() -> None:
    assert find_setting("time") is not None
    assert find_setting("time").values == TIME_SCALES  # type: ignore[union-attr]
    assert [find_setting("time").text(v) for v in TIME_SCALES] == [  # type: ignore[union-attr]
        "x1",
        "x1.5",
        "x2",
        "x3",
        "none",
    ]


@pytest.mark.parametrize(
    ("key", "written", "held"),
    [
        ("text-size", "150%", 150),
        ("text-size", " 125 ", 125),
        ("time", "×1,5", 1.5),  # as the Russian screen writes it, with the decimal comma
        ("time", "x1,5", 1.5),
        ("theme", "High Contrast", "high-contrast"),
        ("theme", '"high-contrast"', "high-contrast"),
        ("timer", "Yes", True),
        ("timer", "false", False),
        ("time", "×1.5", 1.5),
        ("time", "1.5x", 1.5),
        ("time", "2", 2.0),
        ("time", "no limit", None),
        ("answer-colours", "color-blind-safe", "colour-blind-safe"),
        ("volume", "80%", 80),
        ("volume", "0", 0),
        ("read-aloud", "Question and answers", "question-and-answers"),
    ],
)
def test_a_value_is_read_as_a_teacher_may_write_it(key: str, written: str, held: object) -> None:
    setting = find_setting(key)
    assert setting is not None
    assert setting.parse(written) == held


@pytest.mark.parametrize(
    ("key", "written", "allowed"),
    [
        ("timer", "of", "on, off"),
        ("time", "x4", "x1, x1.5, x2, x3, none"),
        ("text-size", "120", "100, 125, 150, 200"),
        ("volume", "101", "0 to 100"),
        ("volume", "-1", "0 to 100"),
        ("read-aloud", "answers", "off, question, question-and-answers"),
        ("theme", "", "standard, high-contrast"),
    ],
)
def test_a_value_not_allowed_is_refused_with_the_values_allowed(
    key: str, written: str, allowed: str
) -> None:
    setting = find_setting(key)
    assert setting is not None
    refused = setting.parse(written)
    shown = written or "nothing"
    assert isinstance(refused, Refused)
    assert str(refused.message) == f"{key}={shown} is not allowed; {key} may be: {allowed}"


@pytest.mark.parametrize(
    ("alias", "key"), [("Text_Size", "text-size"), ("answer-colors", "answer-colours")]
)
def test_a_key_is_found_in_any_case_with_underscores_or_american_spelling(
    alias: str, key: str
) -> None:
    setting = find_setting(alias)
    assert setting is not None
    assert setting.key == key


def test_a_group_refuses_a_value_not_allowed() -> None:
    with pytest.raises(ValueError, match="text-size: 120"):
        DisplaySettings(text_size=120)
    with pytest.raises(ValueError, match="volume"):
        SoundSettings(volume=True)  # a bool is not a number of per cent
    with pytest.raises(ValueError, match="time"):
        RulesSettings(time_scale=2.5)
    assert RulesSettings(time_scale=2).time_scale == 2  # 2 is x2


def test_with_values_changes_only_what_it_is_given() -> None:
    changed = Settings().with_values({"text-size": 150, "mute": True})
    assert changed.display == DisplaySettings(text_size=150)
    assert changed.sound == SoundSettings(mute=True)
    assert changed.rules == RulesSettings()
    assert Settings().changed_keys(changed) == ["text-size", "mute"]


# --- presets ------------------------------------------------------------------------------


def test_the_presets_and_their_rules() -> None:
    rules = {p.name: p.rules for p in PRESETS}
    assert rules == {
        "standard": RulesSettings(timer=True, time_scale=1.0, streaks=True),
        "accuracy-only": RulesSettings(timer=False, time_scale=1.0, streaks=False),
        "relaxed": RulesSettings(timer=True, time_scale=2.0, streaks=False),
    }


def test_a_preset_sets_the_rules_and_leaves_the_display_and_the_sound() -> None:
    relaxed = CHANGED.with_preset("relaxed")
    assert relaxed.rules == RulesSettings(time_scale=2.0, streaks=False)
    assert (relaxed.display, relaxed.sound) == (CHANGED.display, CHANGED.sound)
    assert relaxed.preset() == "relaxed"
    assert CHANGED.with_preset("standard").preset() == "standard"


def test_with_the_timer_off_the_time_does_not_change_which_preset_it_is() -> None:
    untimed = Settings().with_values({"timer": False, "streaks": False, "time": 3.0})
    assert untimed.preset() == "accuracy-only"
    assert Settings().with_values({"time": 3.0}).preset() is None


# --- KEY=VALUE words ----------------------------------------------------------------------


def test_assignments_are_read_and_a_key_beats_the_preset_in_any_order() -> None:
    asked = parse_assignments(["timer=on", "preset=accuracy-only", "TEXT-SIZE=150%"])
    assert asked == Assignments("accuracy-only", {"timer": True, "text-size": 150})
    assert isinstance(asked, Assignments)
    after = asked.apply(Settings())
    assert (after.rules.timer, after.rules.streaks, after.display.text_size) == (True, False, 150)


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["timer=off", "volume=loud"], "volume=loud is not allowed; volume may be: 0 to 100"),
        (
            ["text_siz=150"],
            f'"text_siz" is not a setting (did you mean text-size?); the settings are: {EVERY_KEY}',
        ),
        (["frobnicate=1"], f'"frobnicate" is not a setting; the settings are: {EVERY_KEY}'),
        (["timer"], '"timer" has no value: write timer=VALUE, where VALUE is one of: on, off'),
        (["=on"], '"=on" is not KEY=VALUE'),
        (["timer=on", "timer=off"], "timer is given twice; give it once"),
        (
            ["preset=easy"],
            "preset=easy is not a preset; the presets are: standard, accuracy-only, relaxed",
        ),
        (["preset=relaxed", "preset=standard"], "preset is given twice; give one preset"),
    ],
)
def test_a_wrong_word_is_refused_saying_what_is_allowed(words: list[str], message: str) -> None:
    refused = parse_assignments(words)
    assert isinstance(refused, Refused)
    assert str(refused.message) == message


# --- where the file is --------------------------------------------------------------------


def test_the_config_folder_is_the_option_then_the_environment_then_the_platforms(
    tmp_path: Path,
) -> None:
    env = {"CLARITY_CONFIG_DIR": str(tmp_path / "env")}
    assert config_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"
    assert config_dir(None, env) == tmp_path / "env"
    platform = Path(platformdirs.user_config_dir("clarity-challenge", appauthor=False))
    assert config_dir(None, {"CLARITY_CONFIG_DIR": "  "}) == platform
    assert config_dir(None, {}) == platform
    assert settings_path(tmp_path) == tmp_path / "settings.ini"
    assert not (tmp_path / "cli").exists()


# --- the file -----------------------------------------------------------------------------


def test_the_file_holds_what_was_saved_and_only_the_changes_are_set(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    assert store.save(CHANGED).ok
    loaded = store.load()
    assert loaded.settings == CHANGED
    assert loaded.from_file == {s.key for s in SETTINGS}
    assert loaded.problems == ()

    assert store.save(Settings().with_values({"theme": "high-contrast"})).ok
    text = store.path.read_text(encoding="utf-8")
    assert "\ntheme = high-contrast\n" in text
    assert "\n# text-size = 100\n" in text  # a default is shown, not set
    assert store.load().from_file == {"theme"}


def test_the_file_is_an_ini_file_that_configparser_reads_alike(tmp_path: Path) -> None:
    text = settings_text(CHANGED)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    assert parser.sections() == ["rules", "display", "sound", "classroom", "study"]
    assert {
        key: value for section in parser.sections() for key, value in parser[section].items()
    } == {s.key: CHANGED.text(s.key) for s in SETTINGS}


def test_a_file_broken_by_hand_says_each_wrong_line_and_keeps_the_rest() -> None:
    text = (
        "[rules]\n"  # 1
        "timer = off\n"  # 2
        "time = x4\n"  # 3
        "\n"  # 4
        "this line is junk\n"  # 5
        "colour = blue\n"  # 6
        "[display]\n"  # 7
        "text-size = 150   # for the back row\n"  # 8
        "volume =\n"  # 9
        "mute: yes\n"  # 10
    )
    loaded = read_settings(text, FILE)
    assert [str(p) for p in loaded.problems] == [
        f"{FILE}:3: time = x4 is not allowed; time may be: x1, x1.5, x2, x3, none; "
        "using the default, x1",
        f'{FILE}:5: "this line is junk" is not KEY = VALUE; ignored',
        f'{FILE}:6: "colour" is not a setting (did you mean answer-colours?); '
        f"the settings are: {EVERY_KEY}; ignored",
        f"{FILE}:9: volume = (nothing) is not allowed; volume may be: 0 to 100; "
        "using the default, 100",
    ]
    assert loaded.settings == Settings().with_values(
        {"timer": False, "text-size": 150, "mute": True}
    )
    assert loaded.from_file == {"timer", "text-size", "mute"}


def test_a_key_given_twice_is_said_and_the_later_line_counts() -> None:
    loaded = read_settings("theme = high-contrast\n\ntheme = standard\n", FILE)
    assert [str(p) for p in loaded.problems] == [
        f"{FILE}:3: theme is set again (first on line 1); this line counts"
    ]
    assert loaded.settings.display.theme == "standard"


def test_a_bad_later_line_leaves_the_default_not_the_earlier_value() -> None:
    loaded = read_settings("text-size = 150\ntext-size = huge\n", FILE)
    assert loaded.settings.display.text_size == 100
    assert [p.line for p in loaded.problems] == [2, 2]


def test_keys_are_read_under_any_heading_and_before_the_first() -> None:
    loaded = read_settings(
        "volume = 40\n[sound]\ntimer = off\n[whatever]\ntheme = high-contrast\n", FILE
    )
    assert loaded.problems == ()
    assert (loaded.settings.sound.volume, loaded.settings.rules.timer) == (40, False)
    assert loaded.settings.display.theme == "high-contrast"


def test_bytes_that_are_not_utf8_are_said_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(b"\xef\xbb\xbftimer = off\ntheme = st\xe4ndard\nmute = on\n")
    loaded = SettingsStore(path).load()
    assert str(loaded.problems[0]) == f"{path}:2: is not UTF-8 text; save the file as UTF-8"
    assert loaded.problems[1].line == 2  # and its value is refused
    assert (loaded.settings.rules.timer, loaded.settings.sound.mute) == (False, True)
    assert loaded.settings.display.theme == "standard"


def test_no_file_is_every_default_and_nothing_is_made(tmp_path: Path) -> None:
    loaded = SettingsStore(tmp_path / "config" / "settings.ini").load()
    assert (loaded.settings, loaded.exists, loaded.problems) == (Settings(), False, ())
    assert not (tmp_path / "config").exists()


def test_a_file_that_cannot_be_read_is_one_line_and_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.mkdir()  # a folder where the file should be
    loaded = SettingsStore(path).load()
    assert loaded.settings == Settings()
    assert loaded.unreadable
    (problem,) = loaded.problems
    assert str(problem).startswith(f"{path}: cannot be read (")
    assert str(problem).endswith("); using the defaults")


def test_a_huge_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(b"timer = off\n" + b"#" * 70_000)
    loaded = SettingsStore(path).load()
    assert loaded.settings == Settings()
    assert loaded.unreadable
    assert [str(p) for p in loaded.problems] == [
        f"{path}: is larger than 64 KB, not a settings file; using the defaults"
    ]


# --- writing: whole or not at all ---------------------------------------------------------


def test_a_write_that_fails_at_the_last_step_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    assert store.save(Settings().with_values({"text-size": 150})).ok
    before = store.path.read_bytes()

    def killed(source: object, target: object) -> None:
        raise OSError(5, "Input/output error")  # as if the game died before the rename

    monkeypatch.setattr(os, "replace", killed)
    saved = store.save(CHANGED)
    said = f"the settings could not be saved in {store.path}: Input/output error"
    assert str(saved.problem) == said
    assert store.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["settings.ini"]  # no temporary file left
    assert store.load().settings.display.text_size == 150


def test_the_new_file_reaches_the_disk_before_it_takes_the_old_ones_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (steps.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda a, b: (steps.append("replace"), real_replace(a, b))[1]
    )
    assert store.save(CHANGED).ok
    assert steps[:2] == ["fsync", "replace"]
    assert store.load().settings == CHANGED


def test_a_folder_that_cannot_be_made_is_one_line_and_nothing_else(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    saved = SettingsStore(blocker / "settings.ini").save(CHANGED)
    assert saved.problem is not None
    assert str(saved.problem).startswith(
        f"the settings could not be saved in {blocker / 'settings.ini'}: "
    )
    assert "\n" not in str(saved.problem)
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_file_keeps_its_permissions_and_a_new_one_is_readable_by_all(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    old_umask = os.umask(0o022)
    try:
        assert store.save(Settings()).ok
    finally:
        os.umask(old_umask)
    # a lab's shared file: every pupil's account must read it, not only its writer's
    assert store.path.stat().st_mode & 0o777 == 0o644
    store.path.chmod(0o640)
    assert store.save(CHANGED).ok
    assert store.path.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="Windows says the path is not found")
def test_a_config_folder_inside_a_file_is_said_and_the_defaults_are_used(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    loaded = SettingsStore(blocker / "settings.ini").load()
    assert loaded.settings == Settings()
    assert not loaded.unreadable  # there is no file there to keep from harm
    assert [str(p) for p in loaded.problems] == [
        f"{blocker / 'settings.ini'}: cannot be read (Not a directory); using the defaults"
    ]


# --- the study: new cards a day ------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "held"),
    [("0", 0), ("20", 20), ("35", 35), ("200", 200), (" 7 ", 7), ("none", 0), ("Off", 0)],
)
def test_new_cards_a_day_is_any_whole_number_from_0_to_200(written: str, held: int) -> None:
    setting = find_setting("new-cards")
    assert setting is not None
    assert setting.parse(written) == held
    assert Settings().with_values({"new-cards": held}).study.new_cards == held


@pytest.mark.parametrize("written", ["201", "-1", "2.5", "twenty", ""])
def test_new_cards_a_day_out_of_its_range_is_refused_with_the_range(written: str) -> None:
    setting = find_setting("new-cards")
    assert setting is not None
    refused = setting.parse(written)
    assert isinstance(refused, Refused)
    shown = written or "nothing"
    assert str(refused.message) == f"new-cards={shown} is not allowed; new-cards may be: 0 to 200"
    with pytest.raises(ValueError, match="new-cards"):
        StudySettings(new_cards=201)
    with pytest.raises(ValueError, match="new-cards"):
        StudySettings(new_cards=True)  # a bool is not a number of cards


def test_new_cards_a_day_is_found_by_the_names_a_person_may_give_it() -> None:
    for name in ("new-cards", "New_Cards", "new-cards-a-day", "new_cards_per_day"):
        setting = find_setting(name)
        assert setting is not None
        assert setting.key == "new-cards"


def test_the_screen_steps_new_cards_and_stops_at_the_ends() -> None:
    setting = find_setting("new-cards")
    assert setting is not None
    assert setting.stepped(20, 1) == 25
    assert setting.stepped(20, -1) == 15
    assert setting.stepped(0, -1) == 0  # never round to 200
    assert setting.stepped(200, 1) == 200
    assert setting.stepped(33, 1) == 40  # a value a file holds, between the steps
    assert setting.stepped(33, -1) == 30
    # the volume still steps by tens and stops at its ends
    volume = find_setting("volume")
    assert volume is not None
    assert (volume.stepped(100, 1), volume.stepped(35, 1), volume.stepped(0, -1)) == (100, 40, 0)


def test_new_cards_a_day_is_saved_under_study_and_read_back(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    assert "\n# new-cards = 20\n" in settings_text(Settings())  # the default, shown not set
    assert store.save(Settings().with_values({"new-cards": 0})).ok
    text = store.path.read_text(encoding="utf-8")
    study = text[text.index("\n[study]\n") :]
    assert "\nnew-cards = 0\n" in study
    loaded = store.load()
    assert loaded.settings.study.new_cards == 0
    assert loaded.from_file == {"new-cards"}
    assert loaded.problems == ()
    assert store.save(loaded.settings.with_values({"new-cards": 150})).ok
    assert store.load().settings.study == StudySettings(new_cards=150)


def test_a_wrong_new_cards_line_keeps_the_default() -> None:
    loaded = read_settings("[study]\nnew-cards = 500\n", FILE)
    assert loaded.settings.study.new_cards == 20
    assert [str(p) for p in loaded.problems] == [
        f"{FILE}:2: new-cards = 500 is not allowed; new-cards may be: 0 to 200; "
        "using the default, 20"
    ]
