"""``clarity settings``, ``--config-dir``, and the saved settings in a game with the
command line's ``--no-timer`` and ``--no-streaks`` over them."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from clarity import cli
from clarity.i18n import Translator
from clarity.settings import SETTINGS, Settings, SettingsStore
from clarity.ui.app import App
from clarity.ui.launch import LaunchOptions, build_services, load_settings
from clarity.ui.services import GameSettings

EVERY_KEY = ", ".join(s.key for s in SETTINGS)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = cli.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


def listed(out: list[str]) -> dict[str, list[str]]:
    """The rows of ``clarity settings``: key -> [value, from, allowed]."""
    rows = {}
    for line in out[2 : 2 + len(SETTINGS)]:
        key, value, source, allowed = line.split(maxsplit=3)
        rows[key] = [value, source, allowed]
    return rows


# --- listing ------------------------------------------------------------------------------


def test_the_list_shows_every_setting_its_value_where_it_comes_from_and_what_is_allowed(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "settings", "--config-dir", str(config))
    assert (status, err) == (0, "")
    assert out[0].split() == ["Setting", "Value", "From", "Allowed"]
    assert listed(out) == {
        "timer": ["on", "default", "on, off"],
        "time": ["x1", "default", "x1, x1.5, x2, x3, none"],
        "streaks": ["on", "default", "on, off"],
        "language": ["automatic", "default", "automatic, en, ru, be"],
        "text-size": ["100", "default", "100, 125, 150, 200"],
        "theme": ["standard", "default", "standard, high-contrast"],
        "reduced-motion": ["off", "default", "on, off"],
        "answer-colours": ["standard", "default", "standard, colour-blind-safe"],
        "volume": ["100", "default", "0 to 100"],
        "mute": ["off", "default", "on, off"],
        "read-aloud": ["off", "default", "off, question, question-and-answers"],
        "tile-share": ["50", "default", "25, 50, 75, 100"],
        "leaderboard": ["on", "default", "on, off"],
        "new-cards": ["20", "default", "0 to 200"],
    }
    assert out[-2] == "Preset: standard; the presets are: standard, accuracy-only, relaxed"
    assert out[-1] == f"File: {config / 'settings.ini'} (not written yet: all are defaults)"
    assert not config.exists()  # listing writes nothing


# --- setting: the round trip --------------------------------------------------------------


def test_a_setting_set_by_command_is_read_back_by_the_model_and_by_the_list(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        capsys,
        "settings",
        "time=x1.5",
        "text-size=150",
        "theme=high-contrast",
        "--config-dir",
        str(config),
    )
    assert (status, err) == (0, "")
    assert out == [
        "time = x1.5 (was x1)",
        "text-size = 150 (was 100)",
        "theme = high-contrast (was standard)",
        f"Saved in {config / 'settings.ini'}",
    ]
    loaded = SettingsStore(config / "settings.ini").load()
    assert loaded.settings == Settings().with_values(
        {"time": 1.5, "text-size": 150, "theme": "high-contrast"}
    )
    assert loaded.problems == ()

    status, out, _ = run(capsys, "settings", "--config-dir", str(config))
    rows = listed(out)
    assert rows["time"][:2] == ["x1.5", "file"]
    assert rows["text-size"][:2] == ["150", "file"]
    assert rows["theme"][:2] == ["high-contrast", "file"]
    assert rows["timer"][:2] == ["on", "default"]
    assert out[-2].startswith("Preset: none")
    assert out[-1] == f"File: {config / 'settings.ini'}"


def test_setting_keeps_what_was_set_before(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "settings", "volume=30", "--config-dir", str(config))
    run(capsys, "settings", "mute=on", "--config-dir", str(config))
    saved = SettingsStore(config / "settings.ini").load().settings
    assert (saved.sound.volume, saved.sound.mute) == (30, True)


def test_the_same_value_again_changes_nothing_and_says_so(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "settings", "volume=30", "--config-dir", str(config))
    status, out, _ = run(capsys, "settings", "volume=30%", "--config-dir", str(config))
    assert (status, out) == (0, [f"No setting changed; saved in {config / 'settings.ini'}"])


def test_new_cards_a_day_is_set_by_command_and_listed(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "settings", "new-cards=5", "--config-dir", str(config))
    assert (status, err) == (0, "")
    assert out == ["new-cards = 5 (was 20)", f"Saved in {config / 'settings.ini'}"]
    assert SettingsStore(config / "settings.ini").load().settings.study.new_cards == 5
    status, out, _ = run(capsys, "settings", "new_cards_per_day=none", "--config-dir", str(config))
    assert (status, out[0]) == (0, "new-cards = 0 (was 5)")
    assert listed(run(capsys, "settings", "--config-dir", str(config))[1])["new-cards"] == [
        "0",
        "file",
        "0 to 200",
    ]
    status, out, err = run(capsys, "settings", "new-cards=250", "--config-dir", str(config))
    assert (status, out) == (2, [])
    assert err == "clarity: error: new-cards=250 is not allowed; new-cards may be: 0 to 200\n"
    assert SettingsStore(config / "settings.ini").load().settings.study.new_cards == 0


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["timer=off", "volume=loud"], "volume=loud is not allowed; volume may be: 0 to 100"),
        (["text-size=120"], "text-size=120 is not allowed; text-size may be: 100, 125, 150, 200"),
        (
            ["theme=high-contrast", "colour=blue"],
            f'"colour" is not a setting (did you mean answer-colours?); '
            f"the settings are: {EVERY_KEY}",
        ),
        (
            ["preset=easy"],
            "preset=easy is not a preset; the presets are: standard, accuracy-only, relaxed",
        ),
    ],
)
def test_a_bad_key_or_value_exits_2_saying_what_is_allowed_and_writes_nothing(
    words: list[str], message: str, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "settings", *words, "--config-dir", str(config))
    assert (status, out, err) == (2, [], f"clarity: error: {message}\n")
    assert not config.exists()  # no file, not even the folder

    run(capsys, "settings", "mute=on", "--config-dir", str(config))
    before = (config / "settings.ini").read_bytes()
    assert run(capsys, "settings", *words, "--config-dir", str(config))[0] == 2
    assert (config / "settings.ini").read_bytes() == before  # the good words did not count


@pytest.mark.parametrize("how", [["--reset"], ["reset"]])
def test_reset_puts_every_setting_back_to_its_default(
    how: list[str], config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "settings", "timer=off", "text-size=200", "--config-dir", str(config))
    status, out, _ = run(capsys, "settings", *how, "--config-dir", str(config))
    assert status == 0
    assert out == [
        "timer = on (was off)",
        "text-size = 100 (was 200)",
        f"Saved in {config / 'settings.ini'}",
    ]
    loaded = SettingsStore(config / "settings.ini").load()
    assert (loaded.settings, loaded.from_file) == (Settings(), frozenset())


def test_reset_with_values_starts_from_the_defaults(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "settings", "timer=off", "--config-dir", str(config))
    assert run(capsys, "settings", "reset", "text-size=150", "--config-dir", str(config))[0] == 0
    saved = SettingsStore(config / "settings.ini").load().settings
    assert saved == Settings().with_values({"text-size": 150})


def test_a_preset_sets_the_rules(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "settings", "text-size=125", "--config-dir", str(config))
    status, out, _ = run(capsys, "settings", "preset=accuracy-only", "--config-dir", str(config))
    assert status == 0
    assert out[:2] == ["timer = off (was on)", "streaks = off (was on)"]
    saved = SettingsStore(config / "settings.ini").load().settings
    assert (saved.rules.timer, saved.rules.streaks, saved.display.text_size) == (False, False, 125)
    out = run(capsys, "settings", "--config-dir", str(config))[1]
    assert out[-2].startswith("Preset: accuracy-only;")


# --- a file broken by hand ----------------------------------------------------------------


def test_a_file_broken_by_hand_is_a_line_each_and_the_defaults_for_those(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.mkdir()
    path = config / "settings.ini"
    path.write_text(
        "[rules]\ntimer = of\nstreaks = off\n[display]\ntext size 150\n", encoding="utf-8"
    )
    status, out, err = run(capsys, "settings", "--config-dir", str(config))
    assert status == 0
    assert err.splitlines() == [
        f"clarity: {path}:2: timer = of is not allowed; timer may be: on, off; "
        "using the default, on",
        f'clarity: {path}:5: "text size 150" is not KEY = VALUE; ignored',
    ]
    rows = listed(out)
    assert rows["timer"][:2] == ["on", "default"]
    assert rows["streaks"][:2] == ["off", "file"]
    assert rows["text-size"][:2] == ["100", "default"]


def test_settings_that_cannot_be_read_are_not_overwritten(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (config / "settings.ini").mkdir(parents=True)  # not a file: it cannot be read
    status, out, err = run(capsys, "settings", "mute=on", "--config-dir", str(config))
    assert (status, out) == (1, [])
    assert err.splitlines()[-1] == (
        f"clarity: the settings in {config / 'settings.ini'} cannot be read, so they are "
        "not changed; clarity settings --reset writes a new file"
    )
    assert (config / "settings.ini").is_dir()


def test_a_config_folder_that_is_or_sits_in_a_file_is_one_line_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    status, out, err = run(capsys, "settings", "mute=on", "--config-dir", str(blocker / "config"))
    assert (status, out) == (1, [])
    assert err == (
        f"clarity: the config folder {blocker / 'config'} cannot be made: {blocker} is a file\n"
    )
    status, _, err = run(capsys, "settings", "--config-dir", str(blocker))
    assert (status, err) == (1, f"clarity: the config folder {blocker} is a file, not a folder\n")


def test_settings_that_cannot_be_saved_are_one_line_exit_1_and_the_old_file_stays(
    config: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "settings", "mute=on", "--config-dir", str(config))
    before = (config / "settings.ini").read_bytes()

    def read_only(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", read_only)
    status, out, err = run(capsys, "settings", "volume=10", "--config-dir", str(config))
    assert (status, out) == (1, [])
    assert err == (
        f"clarity: the settings could not be saved in {config / 'settings.ini'}: "
        "Permission denied\n"
    )
    assert (config / "settings.ini").read_bytes() == before
    assert sorted(p.name for p in config.iterdir()) == ["settings.ini"]


# --- where: --config-dir and CLARITY_CONFIG_DIR -------------------------------------------


def test_the_environment_names_the_folder_and_the_option_beats_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLARITY_CONFIG_DIR", str(tmp_path / "lab"))
    assert run(capsys, "settings", "text-size=200")[0] == 0
    assert SettingsStore(tmp_path / "lab" / "settings.ini").load().settings.display.text_size == 200

    # before the command's name, as --data-dir may be
    assert run(capsys, "--config-dir", str(tmp_path / "own"), "settings", "text-size=125")[0] == 0
    assert SettingsStore(tmp_path / "own" / "settings.ini").load().settings.display.text_size == 125
    assert SettingsStore(tmp_path / "lab" / "settings.ini").load().settings.display.text_size == 200


def test_every_command_takes_config_dir(tmp_path: Path) -> None:
    parser = cli.build_parser()
    for command in (
        ["validate", "x"],
        ["packs"],
        ["players"],
        ["results", "--csv", "f"],
        ["play", "--pack", "p"],
        ["demo"],
        ["settings"],
    ):
        args = parser.parse_args([*command, "--config-dir", str(tmp_path)])
        assert args.config_dir == str(tmp_path), command


# --- the game: the saved settings, and the command line over them for one run --------------


def play(tmp_path: Path, config: Path, *options: str) -> list[str]:
    return [
        "play",
        "--pack",
        "solar-system",
        "--seed",
        "1",
        *options,
        "--data-dir",
        str(tmp_path / "data"),
        "--config-dir",
        str(config),
    ]


def test_a_round_plays_by_the_saved_rules(
    seen: list[App], tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "settings", "time=x2", "streaks=off", "--config-dir", str(config))
    assert cli.main(play(tmp_path, config)) == 0
    rules = seen[0].last_top.round.rules  # type: ignore[attr-defined]
    assert (rules.timer, rules.streaks, rules.time_scale) == (True, False, 2.0)


def test_no_limit_reaches_the_round_as_no_time_scale(
    seen: list[App], tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "settings", "time=none", "--config-dir", str(config))
    assert cli.main(play(tmp_path, config)) == 0
    assert seen[0].last_top.round.rules.time_scale is None  # type: ignore[attr-defined]


def test_no_timer_wins_over_the_saved_settings_for_one_run_only(
    seen: list[App], tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "settings", "timer=on", "streaks=on", "time=x3", "--config-dir", str(config))
    saved = (config / "settings.ini").read_bytes()
    assert cli.main(play(tmp_path, config, "--no-timer", "--no-streaks")) == 0
    rules = seen[0].last_top.round.rules  # type: ignore[attr-defined]
    assert (rules.timer, rules.streaks, rules.time_scale) == (False, False, 3.0)
    assert (config / "settings.ini").read_bytes() == saved  # the file never hears of it

    assert cli.main(play(tmp_path, config)) == 0  # the next run plays by the file again
    rules = seen[1].last_top.round.rules  # type: ignore[attr-defined]
    assert (rules.timer, rules.streaks) == (True, True)


def test_a_game_with_a_broken_settings_file_plays_and_says_each_problem_once(
    seen: list[App], tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config.mkdir()
    path = config / "settings.ini"
    path.write_text("streaks = off\ntime = forever\n", encoding="utf-8")
    assert cli.main(play(tmp_path, config)) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"clarity: {path}:2: time = forever is not allowed; time may be: x1, x1.5, x2, x3, "
        "none; using the default, x1"
    ]
    app = seen[0]
    rules = app.last_top.round.rules  # type: ignore[attr-defined]
    assert (rules.streaks, rules.time_scale) == (False, 1.0)
    assert tuple(map(str, app.services.settings.problems)) == (
        f"{path}:2: time = forever is not allowed; time may be: x1, x1.5, x2, x3, none; "
        "using the default, x1",
    )
    # kept as the problem, not its English text: the Settings screen says it in its language
    (problem,) = app.services.settings.problems
    assert "time = forever — недопустимое значение" in problem.text(Translator("ru"))


def test_plain_clarity_and_the_demo_take_the_overrides_too() -> None:
    parser = cli.build_parser()
    plain = parser.parse_args(["--no-timer"])
    assert (plain.timer, plain.streaks) == (False, True)
    demo = parser.parse_args(["demo", "--no-streaks"])
    assert (demo.timer, demo.streaks) == (True, False)
    play_args = parser.parse_args(["play", "--pack", "p"])
    assert (play_args.timer, play_args.streaks) == (True, True)


def test_the_demo_plays_by_the_saved_settings(
    tmp_path: Path,
    config: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "settings", "text-size=150", "--config-dir", str(config))
    asked: list[LaunchOptions] = []
    monkeypatch.setattr(
        "clarity.ui.launch.start_demo", lambda options, demo: asked.append(options) or 0
    )
    argv = ["demo", "--no-timer", "--data-dir", str(tmp_path / "d"), "--config-dir", str(config)]
    assert cli.main(argv) == 0
    (options,) = asked
    assert options.settings.display.text_size == 150
    assert options.settings.rules().timer is False


# --- GameSettings: what the screens get ---------------------------------------------------


def test_the_rules_come_from_the_saved_settings_less_the_overrides() -> None:
    saved = Settings().with_values({"time": 1.5, "streaks": False})
    rules = GameSettings(saved=saved).rules()
    assert (rules.timer, rules.streaks, rules.time_scale) == (True, False, 1.5)
    held = GameSettings(saved=saved, timer=False)
    assert held.rules().timer is False
    assert held.overrides() == {"timer": "--no-timer"}
    assert held.in_play().rules.timer is False
    assert held.saved.rules.timer is True  # what would be saved is the teacher's choice


def test_a_change_from_a_screen_is_saved_at_once_without_the_overrides(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    settings = GameSettings(timer=False, store=store)
    changed, problem = settings.change(settings.saved.with_values({"reduced-motion": True}))
    assert problem is None
    assert changed.display.reduced_motion is True
    assert changed.timer is False  # still held for this run
    assert store.load().settings == Settings().with_values({"reduced-motion": True})


def test_a_change_that_cannot_be_saved_still_applies_and_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    store = SettingsStore(blocker / "settings.ini")
    changed, problem = GameSettings(store=store).change(Settings().with_values({"text-size": 200}))
    assert changed.display.text_size == 200
    assert problem is not None
    said = str(problem)  # a Message: English as str(), the screen renders it in the language
    assert said.startswith(f"the settings could not be saved in {blocker / 'settings.ini'}: ")


def test_mute_is_on_from_the_start_when_saved(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(Settings().with_values({"mute": True}))
    settings = load_settings(store)
    services = build_services(LaunchOptions(data_dir=tmp_path, settings=settings), sound=False)
    assert services.sound.muted is True
    quiet = build_services(LaunchOptions(data_dir=tmp_path), sound=False)
    assert quiet.sound.muted is False


# --- a closed pipe ------------------------------------------------------------------------


@pytest.mark.slow
def test_the_list_into_a_closed_pipe_ends_quietly(config: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "clarity", "settings", "--config-dir", str(config)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")


# --- the README says what the command does -------------------------------------------------

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_settings_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("\n## Settings\n") : text.index("\n## How scoring works\n")]


def test_the_readme_table_names_every_setting_with_its_default_first() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| `([^`]+)`", readme_settings_section(), re.MULTILINE)
    defaults = Settings()
    assert rows == [(s.key, defaults.text(s.key)) for s in SETTINGS]


def test_the_readme_lab_set_up_runs_as_written(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    section = readme_settings_section()
    block = section[section.index("**A computer lab.**") :]
    (line,) = re.findall(r"^clarity settings .*$", block, re.MULTILINE)[:1]
    status, _, err = run(capsys, *shlex.split(line)[1:], "--config-dir", str(config))
    assert (status, err) == (0, "")
    saved = SettingsStore(config / "settings.ini").load().settings
    assert saved.preset() == "relaxed"
    assert (saved.display.text_size, saved.display.answer_colours, saved.sound.volume) == (
        150,
        "colour-blind-safe",
        60,
    )
