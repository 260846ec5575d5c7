"""The Settings screen: every setting by keyboard or mouse, saved and applied at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from clarity.i18n.pseudo import pseudo_translated
from clarity.settings import SETTINGS, SettingsStore, settings_path
from clarity.ui.app import App, WindowOptions, minimum_size
from clarity.ui.assets import Assets
from clarity.ui.bindings import key_hints
from clarity.ui.scenes.pause import PauseScene
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.settings import SettingsScene
from clarity.ui.scenes.title import TitleScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.theme import Look

from .conftest import ASSETS, Pilot, RecordingSound
from .drawn_text import cut_off_messages, recording_drawn_text, untranslated_words
from .test_layout import assert_laid_out

OpenApp = Callable[..., App]
# Written as they are in every language: key names, the pseudo-language's tag, the variable
NOT_INTERFACE = ("Esc", "Enter", "Tab", "PgUp", "PgDn", "qps-ploc", "CLARITY LANG")


@pytest.fixture
def open_app(pack_folder: Path, tmp_path: Path) -> OpenApp:
    opened: list[App] = []

    def make(
        size: tuple[int, int] = (1280, 800), config: Path | None = None, environ: dict | None = None
    ) -> App:
        store = SettingsStore(settings_path(config or tmp_path / "config"))
        saved = store.load().settings
        services = Services(
            assets=Assets(ASSETS),
            sound=RecordingSound(),
            packs=PackCatalog([pack_folder], ASSETS),
            settings=GameSettings(seed=1, saved=saved, store=store, environ=environ or {}),
        )
        app = App(services, WindowOptions(size=size))
        app.open()
        opened.append(app)
        return app

    yield make  # type: ignore[misc]
    for app in opened:
        app.close()


def settings_from_title(app: App) -> tuple[Pilot, SettingsScene]:
    pilot = Pilot(app)
    app.screens.push("title")
    pilot.step()
    title = pilot.top
    assert isinstance(title, TitleScene)
    pilot.click(title.settings_button.rect.center)
    scene = pilot.top
    assert isinstance(scene, SettingsScene)
    return pilot, scene


def select(pilot: Pilot, scene: SettingsScene, key: str) -> None:
    """Arrow down (or up) to the row of ``key``."""
    target = next(i for i, row in enumerate(scene.rows) if row.key == key)
    while scene.selected != target:
        pilot.key(pygame.K_DOWN if scene.selected < target else pygame.K_UP)


def saved_file(tmp_path: Path) -> str:
    return settings_path(tmp_path / "config").read_text(encoding="utf-8")


def test_every_setting_and_the_presets_have_a_row(open_app: OpenApp) -> None:
    _, scene = settings_from_title(open_app())
    assert [row.key for row in scene.rows] == ["preset", *(s.key for s in SETTINGS)]
    assert scene.hints() == key_hints(scene.bindings())
    assert ("← →", "change") in scene.hints()


def test_a_rule_changed_with_the_arrows_is_saved_at_once_and_rules_the_next_round(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app()
    pilot, scene = settings_from_title(app)
    select(pilot, scene, "streaks")
    pilot.key(pygame.K_RIGHT)
    assert app.services.settings.saved.rules.streaks is False
    assert "streaks = off" in saved_file(tmp_path)
    assert scene.value_of(scene.rows[scene.selected]) == "Off"
    assert app.services.settings.rules().streaks is False  # the next round's rules
    # the file is what the next start reads
    assert SettingsStore(settings_path(tmp_path / "config")).load().settings.rules.streaks is False


def test_the_time_per_question_steps_through_its_choices_and_back(open_app: OpenApp) -> None:
    app = open_app()
    pilot, scene = settings_from_title(app)
    select(pilot, scene, "time")
    seen = []
    for _ in range(5):
        pilot.key(pygame.K_RIGHT)
        seen.append(app.services.settings.saved.rules.time_scale)
    assert seen == [1.5, 2.0, 3.0, None, 1.0]
    pilot.key(pygame.K_LEFT)
    assert app.services.settings.saved.rules.time_scale is None
    assert scene.value_of(scene.rows[scene.selected]) == "No limit"


def test_a_preset_sets_the_rules_in_one_go(open_app: OpenApp) -> None:
    app = open_app()
    pilot, scene = settings_from_title(app)
    assert scene.value_of(scene.rows[0]) == "Standard"
    pilot.key(pygame.K_RIGHT)
    rules = app.services.settings.saved.rules
    assert (rules.timer, rules.streaks) == (False, False)
    assert scene.value_of(scene.rows[0]) == "Accuracy only"
    select(pilot, scene, "streaks")
    pilot.key(pygame.K_RETURN)  # Enter steps on: streaks back on
    assert scene.value_of(scene.rows[0]) == "Your own"


def test_the_volume_goes_by_tens_stops_at_its_ends_and_reaches_the_sound(
    open_app: OpenApp,
) -> None:
    app = open_app()
    pilot, scene = settings_from_title(app)
    select(pilot, scene, "volume")
    pilot.key(pygame.K_RIGHT)  # already the loudest: it stays
    assert app.services.settings.saved.sound.volume == 100
    pilot.key(pygame.K_LEFT)
    pilot.key(pygame.K_LEFT)
    assert app.services.settings.saved.sound.volume == 80
    assert app.services.sound.volume == pytest.approx(0.8)
    assert scene.value_of(scene.rows[scene.selected]) == "80%"  # as English writes a per cent


def test_mute_from_the_screen_silences_the_effects(open_app: OpenApp) -> None:
    app = open_app()
    pilot, scene = settings_from_title(app)
    select(pilot, scene, "mute")
    pilot.key(pygame.K_RIGHT)
    assert app.services.sound.muted


def test_a_click_on_a_rows_left_arrow_steps_it_back(open_app: OpenApp) -> None:
    app = open_app()
    pilot, scene = settings_from_title(app)
    row = next(row for row in scene.rows if row.key == "text-size")
    select(pilot, scene, "text-size")
    pilot.step(30)  # scrolled into view
    assert row.left_arrow is not None
    pilot.click(row.left_arrow.center)
    assert app.services.settings.saved.display.text_size == 200  # 100 back round to 200


def test_from_the_pause_menu_only_the_display_and_the_sound_change(
    open_app: OpenApp, loaded
) -> None:
    app = open_app()
    pilot = Pilot(app)
    app.push(PlayScene(app, loaded, seed=1))
    pilot.step()
    pilot.settle()
    pilot.key(pygame.K_ESCAPE)
    assert isinstance(pilot.top, PauseScene)
    pilot.key(pygame.K_s)
    scene = pilot.top
    assert isinstance(scene, SettingsScene)
    groups = {row.setting.group for row in scene.rows if row.setting is not None}
    assert groups == {"display", "sound"}
    assert "preset" not in [row.key for row in scene.rows]
    pilot.key(pygame.K_ESCAPE)
    assert isinstance(pilot.top, PauseScene)  # one screen back


def test_a_change_that_cannot_be_saved_says_so_in_one_line_and_holds_for_the_session(
    open_app: OpenApp, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder", encoding="utf-8")
    app = open_app(config=in_the_way / "config")
    pilot, scene = settings_from_title(app)
    select(pilot, scene, "streaks")
    pilot.key(pygame.K_RIGHT)
    assert app.services.settings.saved.rules.streaks is False  # for this session
    assert scene.problem.startswith("the settings could not be saved in ")
    assert "\n" not in scene.problem
    assert "subheading" in scene.layout_boxes()  # the line under the heading says it


# the pseudo-language (every message 40 % longer) finds what is not translated or cut off
@pytest.mark.parametrize("language", ["en", "qps-ploc"])
@pytest.mark.parametrize(
    ("size", "text_size"),
    [
        ((864, 576), 100),
        ((1024, 640), 100),
        ((1024, 768), 100),
        ((1920, 1080), 100),
        (minimum_size(2.0), 200),
    ],
    ids=["864x576", "1024x640", "1024x768", "1920x1080", "200%"],
)
def test_the_screen_is_laid_out_at_every_size(
    open_app: OpenApp,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    text_size: int,
    language: str,
) -> None:
    app = open_app(size=size, environ={"CLARITY_LANG": language})
    app.apply_look(Look.from_choices(text_size=text_size))
    with recording_drawn_text(monkeypatch) as drawn:
        pilot, scene = settings_from_title(app)
        scroller = scene._scroller
        for _ in range(len(scene.rows)):  # down the whole list: each row scrolls into view
            pilot.key(pygame.K_DOWN)
            pilot.until(lambda: scroller.offset == scroller.target)  # glided there: no more
            boxes = scene.layout_boxes()
            selected = scene.rows[scene.selected]
            assert selected.rect is not None
            assert boxes[f"row_{selected.key}"] == selected.rect  # wholly in view
            rows = {name: box for name, box in boxes.items() if name.startswith("row_")}
            others = {name: box for name, box in boxes.items() if not name.startswith("row_")}
            assert_laid_out(others, app.size)
            assert_laid_out(rows, app.size)
    if language == "qps-ploc":
        drawn = drawn[drawn.index(pseudo_translated("Settings")) :]  # not the title's
        assert untranslated_words(drawn, NOT_INTERFACE) == set()
        assert cut_off_messages(drawn) == []
