"""A look applied while the game runs: every screen on the stack follows it at once."""

from __future__ import annotations

from pathlib import Path

import pygame

from clarity.core.board import Tile
from clarity.core.packs.loader import LoadedPack
from clarity.settings import Settings, SettingsStore, settings_path
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scenes.pause import SHADE_ALPHA, PauseScene
from clarity.ui.scenes.play import PlayScene
from clarity.ui.scenes.settings import SettingsScene
from clarity.ui.scenes.title import TitleScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.theme import HIGH_CONTRAST, STANDARD, Colour, Look, lighten

from .conftest import ASSETS, Pilot, RecordingSound

HIGH = Look.from_choices(theme="high-contrast", text_size=150)


def pixel(pilot: Pilot, at: tuple[int, int]) -> Colour:
    return tuple(pilot.app.surface.get_at(at))[:3]  # type: ignore[return-value]


def shaded(colour: Colour, shade: Colour) -> Colour:
    """``colour`` under the pause menu's shade of ``shade``."""
    a = SHADE_ALPHA / 255
    return tuple(round(c * (1 - a) + s * a) for c, s in zip(colour, shade, strict=True))  # type: ignore[return-value]


def near(a: Colour, b: Colour) -> bool:
    return all(abs(x - y) <= 2 for x, y in zip(a, b, strict=True))


def test_the_title_is_drawn_in_a_new_look_from_the_next_frame(pilot: Pilot) -> None:
    pilot.app.push(TitleScene(pilot.app))
    pilot.step()
    corner = (2, pilot.app.size[1] - 2)  # the backdrop at the bottom: the background
    assert near(pixel(pilot, corner), STANDARD.background)
    pilot.app.apply_look(HIGH)
    assert pilot.app.look is HIGH
    assert pilot.app.services.assets.look is HIGH
    pilot.step()
    assert pixel(pilot, corner) == HIGH_CONTRAST.background
    title = pilot.top
    assert isinstance(title, TitleScene)
    assert title._metrics.text_scale == 1.5


def test_a_new_look_lays_out_the_round_under_the_pause_menu_too(
    pilot: Pilot, loaded: LoadedPack
) -> None:
    play = PlayScene(pilot.app, loaded, seed=1)
    pilot.app.push(play)
    pilot.step()
    pilot.settle()
    heading_before = play.layout_boxes()["card_header"].height
    bar = (2, play.hud.rect.centery)  # the top bar, left of the pack's title
    assert pixel(pilot, bar) == STANDARD.bar
    pilot.key(pygame.K_ESCAPE)
    pause = pilot.top
    assert isinstance(pause, PauseScene)
    assert near(pixel(pilot, bar), shaded(STANDARD.bar, STANDARD.background))
    layouts = play._layouts

    pilot.app.apply_look(HIGH)
    # both laid out at once, in the new text size
    assert play._layouts == layouts + 1
    assert play._metrics.text_scale == pause._metrics.text_scale == 1.5
    assert play.layout_boxes()["card_header"].height > heading_before
    pilot.step()
    assert pilot.top is pause
    # the round under the shade is drawn in the new look
    assert near(pixel(pilot, bar), shaded(HIGH_CONTRAST.bar, HIGH_CONTRAST.background))

    pilot.key(pygame.K_ESCAPE)
    assert pilot.top is play
    assert pixel(pilot, bar) == HIGH_CONTRAST.bar
    # the board's covered tiles were drawn again in the new palette
    tile = play.board_view.tile_rect(Tile(0, 0))
    inside = (tile.x + tile.width // 3, tile.y + tile.height * 2 // 3)
    assert pixel(pilot, inside) in {HIGH_CONTRAST.tile, lighten(HIGH_CONTRAST.tile, 0.06)}


def test_the_answer_colours_follow_the_look(pilot: Pilot, loaded: LoadedPack) -> None:
    play = PlayScene(pilot.app, loaded, seed=1)
    pilot.app.push(play)
    pilot.step()
    pilot.settle()
    button = play.answer_buttons[1]
    inside = (button.rect.centerx, button.rect.top + button.rect.height // 5)
    assert pixel(pilot, inside) == Look().answers[1].colour
    colour_blind = Look.from_choices(answer_colours="colour-blind-safe")
    pilot.app.apply_look(colour_blind)
    pilot.step()
    assert pixel(pilot, inside) == colour_blind.answers[1].colour == (0x00, 0x72, 0xB2)


# -- the display settings, on the Settings screen and when the game starts ------------------


def settings_app(pack_folder: Path, config: Path, saved: Settings) -> App:
    store = SettingsStore(settings_path(config))
    assert store.save(saved).ok
    services = Services(
        assets=Assets(ASSETS),
        sound=RecordingSound(),
        packs=PackCatalog([pack_folder], ASSETS),
        settings=GameSettings(seed=1, saved=store.load().settings, store=store),
    )
    app = App(services, WindowOptions(size=(1280, 800)))
    app.open()
    return app


def test_the_game_starts_in_the_look_of_the_saved_display_settings(
    pack_folder: Path, tmp_path: Path
) -> None:
    saved = Settings().with_values({"theme": "high-contrast", "text-size": 200})
    app = settings_app(pack_folder, tmp_path / "config", saved)
    try:
        assert app.look == Look.from_choices(theme="high-contrast", text_size=200)
        assert app.window.minimum_size == (1024, 768)
    finally:
        app.close()


def test_a_display_setting_changed_from_the_pause_menu_restyles_the_round_at_once(
    pack_folder: Path, tmp_path: Path, loaded: LoadedPack
) -> None:
    app = settings_app(pack_folder, tmp_path / "config", Settings())
    try:
        pilot = Pilot(app)
        play = PlayScene(app, loaded, seed=1)
        app.push(play)
        pilot.step()
        pilot.settle()
        pilot.key(pygame.K_ESCAPE)
        pilot.key(pygame.K_s)  # the pause menu's Display and sound
        scene = pilot.top
        assert isinstance(scene, SettingsScene)
        for key, expected in (
            ("theme", lambda look: look.palette is HIGH_CONTRAST),
            ("text-size", lambda look: look.text_scale == 1.25),
            ("reduced-motion", lambda look: look.reduced_motion),
            ("answer-colours", lambda look: look.answers[1].colour != Look().answers[1].colour),
        ):
            target = next(i for i, row in enumerate(scene.rows) if row.key == key)
            while scene.selected != target:
                pilot.key(pygame.K_DOWN if scene.selected < target else pygame.K_UP)
            pilot.key(pygame.K_RIGHT)
            assert expected(app.look), key
        # the round under the menus was laid out again in the new look
        assert play._metrics.text_scale == 1.25
        pilot.key(pygame.K_ESCAPE)
        pilot.key(pygame.K_ESCAPE)
        assert pilot.top is play
        assert pixel(pilot, (2, play.hud.rect.centery)) == HIGH_CONTRAST.bar
    finally:
        app.close()
