"""The Settings screen, the pause menu, the key hints and the notices in the interface
language: chosen on the screen with real keys, shown at once, and laid out whole in the
pseudo-language (every message 40 % longer) at every size the layout tests use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from clarity.core.packs.loader import LoadedPack
from clarity.i18n import Translator
from clarity.settings import SettingsStore, read_settings, settings_path
from clarity.ui.app import App, minimum_size
from clarity.ui.bindings import Said, hint_in
from clarity.ui.scenes.pause import PauseScene
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.settings import SettingsScene
from clarity.ui.services import GameSettings
from clarity.ui.theme import Look

from .conftest import Pilot
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text, untranslated_words
from .test_layout import assert_laid_out

# Written as they are in every language: the names printed on keys, the game's own name,
# and what a person types or an option names (the pseudo-language's tag, CLARITY_LANG).
NOT_INTERFACE = ("Esc", "Enter", "Tab", "PgUp", "PgDn", "qps-ploc", "CLARITY LANG")
NO_BREAK_SPACE = "\u00a0"


def _select(pilot: Pilot, scene: SettingsScene, key: str) -> None:
    """Arrow down (or up) to the row of ``key``, as a player does."""
    target = next(i for i, row in enumerate(scene.rows) if row.key == key)
    while scene.selected != target:
        pilot.key(pygame.K_DOWN if scene.selected < target else pygame.K_UP)


def _value(scene: SettingsScene, key: str) -> str:
    return scene.value_of(next(row for row in scene.rows if row.key == key))


@pytest.fixture
def open_settings(
    make_app: Callable[..., App],
) -> Callable[..., tuple[Pilot, SettingsScene]]:
    def make(
        settings: GameSettings | None = None, size: tuple[int, int] = (1280, 800)
    ) -> tuple[Pilot, SettingsScene]:
        pilot = Pilot(make_app(size=size, settings=settings))
        pilot.app.screens.push("settings")
        pilot.step()
        scene = pilot.top
        assert isinstance(scene, SettingsScene)
        return pilot, scene

    return make


def test_a_language_chosen_with_the_arrows_shows_in_the_next_frame(
    open_settings: Callable[..., tuple[Pilot, SettingsScene]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    store = SettingsStore(settings_path(tmp_path / "config"))
    with recording_drawn_text(monkeypatch) as drawn:
        pilot, scene = open_settings(GameSettings(seed=1, store=store))
        assert "Settings" in drawn
        assert "Настройки" not in drawn
        _select(pilot, scene, "language")
        pilot.key(pygame.K_RIGHT)  # automatic -> English
        drawn.clear()
        pilot.key(pygame.K_RIGHT)  # -> Русский: the frame of the press is drawn in it
        assert pilot.app.translator.language == "ru"
    assert "Настройки" in drawn  # the heading
    assert {"выбрать", "изменить", "назад"} <= set(drawn)  # the key hints
    assert "Русский" in drawn  # the row's value, and its label
    assert "Язык" in drawn
    assert scene.back_button.label == "Назад"
    assert "language = ru" in store.path.read_text(encoding="utf-8")


def test_every_screen_below_speaks_the_new_language_when_the_settings_close(
    make_app: Callable[..., App], loaded: LoadedPack
) -> None:
    app = make_app(settings=game_settings("en"))
    pilot = Pilot(app)
    app.push(PlayScene(app, loaded, seed=1))
    pilot.step()
    pilot.settle()
    pilot.key(pygame.K_ESCAPE)
    pause = pilot.top
    assert isinstance(pause, PauseScene)
    assert pause.resume_button.label == "Resume"
    pilot.key(pygame.K_s)
    settings = pilot.top
    assert isinstance(settings, SettingsScene)
    _select(pilot, settings, "language")
    pilot.key(pygame.K_LEFT)  # en -> automatic
    pilot.key(pygame.K_LEFT)  # -> be
    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is pause
    assert (pause.heading, pause.resume_button.label) == ("Паўза", "Працягнуць")


def test_numbers_on_the_screen_are_written_as_the_language_writes_them(
    open_settings: Callable[..., tuple[Pilot, SettingsScene]],
) -> None:
    saved = game_settings("ru").saved.with_values({"time": 1.5, "text-size": 150})
    _, scene = open_settings(GameSettings(saved=saved, seed=1))
    assert _value(scene, "volume") == f"100{NO_BREAK_SPACE}%"
    assert _value(scene, "text-size") == f"150{NO_BREAK_SPACE}%"
    assert _value(scene, "time") == "×1,5"
    assert _value(scene, "timer") == "Вкл."


def test_each_language_is_named_in_itself_and_automatic_names_the_one_it_gives(
    open_settings: Callable[..., tuple[Pilot, SettingsScene]],
) -> None:
    _, scene = open_settings(GameSettings(seed=1, system_locale="be_BY"))
    assert scene.app.translator.language == "be"
    assert _value(scene, "language") == "Аўтаматычна — Беларуская"
    row = next(row for row in scene.rows if row.key == "language")
    assert row.setting is not None
    shown = scene.choices_of(row)
    assert {"English", "Русский", "Беларуская"} <= set(shown)


def test_clarity_lang_holds_the_row_for_this_run_and_its_help_says_so(
    open_settings: Callable[..., tuple[Pilot, SettingsScene]],
) -> None:
    saved = game_settings("en").saved
    _, scene = open_settings(GameSettings(saved=saved, seed=1, environ={"CLARITY_LANG": "ru"}))
    row = next(row for row in scene.rows if row.key == "language")
    assert scene.value_of(row) == "Русский"
    assert "CLARITY_LANG" in scene.help_of(row)
    assert scene.help_of(row).startswith("задано")


def test_a_settings_file_problem_is_said_in_the_language_after_its_place(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    (problem,) = read_settings("volume = loud\n", path).problems
    said = problem.text(Translator("ru"))
    assert said.startswith(f"{path}:1: volume = loud — недопустимое значение")
    assert "от 0 до 100" in said
    assert str(problem) == (
        f"{path}:1: volume = loud is not allowed; volume may be: 0 to 100; using the default, 100"
    )


def test_key_names_that_are_words_are_translated_and_printed_names_stay() -> None:
    russian = Translator("ru")
    assert hint_in(("Enter Space", "choose"), russian) == ("Enter Пробел", "выбрать")
    assert hint_in(("Ctrl+V", Said("вставить")), russian) == ("Ctrl+V", "вставить")
    assert hint_in(("Esc", Said("back")), Translator("qps-ploc"))[1] == "back"  # as said


def test_m_says_the_sound_is_off_in_the_language(make_app: Callable[..., App]) -> None:
    app = make_app(settings=game_settings("ru"))
    pilot = Pilot(app)
    app.screens.push("settings")
    pilot.step()
    pilot.key(pygame.K_m)
    assert app.notice.text == "Звук выключен"


# -- the pseudo-language: nothing left in English, nothing cut off or overlapping ---------

SIZES = [((1024, 640), 100), ((1920, 1080), 100), (minimum_size(2.0), 200)]
SIZE_IDS = ["1024x640", "1920x1080", "200%"]


@pytest.fixture
def pseudo(make_app: Callable[..., App]) -> Callable[[tuple[int, int], int], Pilot]:
    def make(size: tuple[int, int], text_size: int) -> Pilot:
        app = make_app(size=size, settings=game_settings("qps-ploc"))
        app.apply_look(Look.from_choices(text_size=text_size))
        return Pilot(app)

    return make


@pytest.mark.parametrize(("size", "text_size"), SIZES, ids=SIZE_IDS)
def test_the_pause_menu_in_the_pseudo_language_is_all_translated_and_whole(
    pseudo: Callable[[tuple[int, int], int], Pilot],
    monkeypatch: pytest.MonkeyPatch,
    loaded: LoadedPack,
    size: tuple[int, int],
    text_size: int,
) -> None:
    pilot = pseudo(size, text_size)
    app = pilot.app
    app.push(PlayScene(app, loaded, seed=1))
    pilot.step()
    pilot.settle()
    with recording_drawn_text(monkeypatch) as drawn:
        pilot.key(pygame.K_ESCAPE)
        pause = pilot.top
        assert isinstance(pause, PauseScene)
        drawn.clear()  # the round behind is the play screen's to check
        pause.draw(app.surface)
    boxes = pause.layout_boxes()
    panel = boxes.pop("panel")
    assert pygame.Rect((0, 0), size).contains(panel)
    assert all(panel.contains(box) for box in boxes.values()), boxes
    assert_laid_out(boxes, size)
    assert untranslated_words(drawn, NOT_INTERFACE) == set()
    assert cut_off_messages(drawn) == []


def test_a_notice_showing_when_the_language_changes_is_said_in_the_new_one(
    open_settings: Callable[..., tuple[Pilot, SettingsScene]],
) -> None:
    """M's notice, then the language chosen with the arrows while it still shows: the
    notice says it in the language chosen, in the frame of the key press."""
    pilot, scene = open_settings(game_settings("en"))
    pilot.key(pygame.K_m)
    assert pilot.app.notice.text == "Sound off"
    _select(pilot, scene, "language")
    pilot.key(pygame.K_RIGHT)  # English -> Русский
    assert pilot.app.translator.language == "ru"
    assert pilot.app.notice.text == "Звук выключен"
