"""A teacher's classes on the players screen, through the real App: C names a class, then
Enter or a click puts players in it and takes them out; Esc is done with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from clarity.store import Player, open_store
from clarity.ui.app import minimum_size
from clarity.ui.scenes.dialog import DialogScene
from clarity.ui.scenes.packs import PackScene
from clarity.ui.scenes.players import PlayersScene
from clarity.ui.theme import Look
from language_checks import untranslated_words
from store.filesystems import make_read_only, writable_then_read_only

from .conftest import Pilot
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text
from .key_tables import letter_key
from .saving import MakeApp, app_factory, at_title, boxes_laid_out
from .test_players import details_drawn, drawn_texts

NAMES = ("Ana", "Ben", "Cleo")


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def players_screen(
    make: MakeApp,
    classes: dict[str, tuple[str, ...]] | None = None,
    size: tuple[int, int] = (1280, 800),
    language: str = "en",
) -> tuple[Pilot, PlayersScene]:
    """The Who's playing? screen with Ana, Ben and Cleo saved, and ``classes`` (name:
    members) made before."""
    app = make(size=size, settings=game_settings(language))
    pilot = at_title(app)
    store = app.services.session.store
    assert store is not None
    for name in NAMES:
        assert isinstance(store.create_player(name), Player)
    for name, members in (classes or {}).items():
        store.enrol(name, list(members))
    pilot.key(pygame.K_RETURN)  # Play
    scene = pilot.top
    assert isinstance(scene, PlayersScene)
    return pilot, scene


def saved_classes(pilot: Pilot) -> dict[str, list[str]]:
    store = pilot.app.services.session.store
    assert store is not None
    return {c.name: [m.name for m in c.members] for c in store.classes()}


def test_c_names_a_class_and_enter_puts_players_in_it_and_takes_them_out(
    saving_app: MakeApp,
) -> None:
    pilot, scene = players_screen(saving_app)
    pilot.key(pygame.K_c)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    assert dialog.wants_text  # no class yet: straight to its name
    pilot.type("5B")
    pilot.key(pygame.K_RETURN)
    assert pilot.top is scene
    assert scene.filling is not None
    assert scene.filling.name == "5B"
    assert saved_classes(pilot) == {"5B": []}
    assert scene.focused_player is not None
    assert scene.focused_player.name == "Ana"

    pilot.key(pygame.K_RETURN)  # Ana in
    pilot.key(pygame.K_DOWN)
    pilot.key(pygame.K_DOWN)
    pilot.key(pygame.K_SPACE)  # Cleo in
    assert saved_classes(pilot) == {"5B": ["Ana", "Cleo"]}
    assert pilot.top is scene  # nobody was chosen to play
    assert not pilot.app.services.session.chosen
    pilot.key(pygame.K_UP)
    pilot.key(pygame.K_UP)
    pilot.key(pygame.K_RETURN)  # Ana out again
    assert saved_classes(pilot) == {"5B": ["Cleo"]}
    assert [p.name for p in pilot.app.services.session.store.players()] == list(NAMES)  # type: ignore[union-attr]

    pilot.key(pygame.K_ESCAPE)  # done with the class, still here
    assert pilot.top is scene
    assert scene.filling is None
    pilot.key(pygame.K_RETURN)  # Enter plays again
    assert isinstance(pilot.top, PackScene)
    assert pilot.app.services.session.player is not None
    assert pilot.app.services.session.player.name == "Ana"


def test_the_russian_layouts_c_key_opens_the_classes(saving_app: MakeApp) -> None:
    pilot, _scene = players_screen(saving_app, {"5B": ()})
    pilot.key(letter_key("C", "ru"), layout="ru")  # the key printed C types "с" there
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    assert dialog.name == "choose-class"


def test_a_class_there_is_is_chosen_by_its_digit(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, {"5B": ("Ana",), "Choir": ()})
    pilot.key(pygame.K_c)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    assert [c.label for c in dialog.choices] == ["5B", "Choir", "New class", "Cancel"]
    pilot.key(pygame.K_2)
    assert pilot.top is scene
    assert scene.filling is not None
    assert scene.filling.name == "Choir"
    pilot.key(pygame.K_RETURN)  # Ana, in focus
    assert saved_classes(pilot) == {"5B": ["Ana"], "Choir": ["Ana"]}


def test_a_class_there_is_typed_under_new_class_opens_as_it_is(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, {"5B": ("Ana",)})
    pilot.key(pygame.K_c)
    pilot.key(pygame.K_n)  # New class
    assert isinstance(pilot.top, DialogScene)
    pilot.type("5b")
    pilot.key(pygame.K_RETURN)
    assert scene.filling is not None
    assert (scene.filling.name, [m.name for m in scene.filling.members]) == ("5B", ["Ana"])
    assert saved_classes(pilot) == {"5B": ["Ana"]}


def test_a_new_player_added_while_a_class_is_filled_joins_it(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, {"5B": ("Ana",)})
    pilot.key(pygame.K_c)
    pilot.key(pygame.K_1)
    pilot.key(pygame.K_n)  # New player, as a teacher types a class list
    assert isinstance(pilot.top, DialogScene)
    pilot.type("Зоя")
    pilot.key(pygame.K_RETURN)
    assert pilot.top is scene
    assert saved_classes(pilot) == {"5B": ["Ana", "Зоя"]}
    assert scene.filling is not None
    assert scene.focused_player is not None
    assert scene.focused_player.name == "Зоя"


def test_a_name_no_class_may_have_is_said_in_the_dialog(saving_app: MakeApp) -> None:
    pilot, _scene = players_screen(saving_app)
    pilot.key(pygame.K_c)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    pilot.key(pygame.K_RETURN)  # nothing typed
    assert pilot.top is dialog
    assert dialog.error == "Please type a name."
    assert saved_classes(pilot) == {}


def test_clicks_choose_the_class_and_put_a_player_in_and_out(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, {"5B": ()})
    pilot.click(scene.classes_button.rect.center)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    pilot.click(dialog.choices[0].button.rect.center)  # 5B
    assert pilot.top is scene
    assert scene.filling is not None
    ben = scene.row_rect(scene.rows[1])
    pilot.click(ben.center)
    assert saved_classes(pilot) == {"5B": ["Ben"]}
    assert pilot.top is scene  # the click did not play as Ben
    pilot.click(scene.row_rect(scene.rows[1]).center)
    assert saved_classes(pilot) == {"5B": []}
    pilot.click(scene.back_button.rect.center)  # done with the class first
    assert pilot.top is scene
    assert scene.filling is None


def test_the_rows_say_the_classes_and_the_screen_says_the_class_filled(
    saving_app: MakeApp,
) -> None:
    pilot, scene = players_screen(saving_app, {"5B": ("Ana", "Ben"), "Choir": ("Ana",)})
    seen = drawn_texts(pilot.app)
    assert details_drawn(pilot, seen, "Ana") == "No rounds yet · classes 5B, Choir"
    assert details_drawn(pilot, seen, "Cleo") == "No rounds yet"
    pilot.key(pygame.K_c)
    pilot.key(pygame.K_1)
    seen.clear()
    pilot.step()
    assert "5B (2 players): choose players to put them in it or take them out." in seen
    assert "notice" in scene.layout_boxes()


def test_a_read_only_folder_says_the_class_was_not_changed(
    pack_folder: Path, tmp_path: Path
) -> None:
    with writable_then_read_only(tmp_path / "data") as folder:
        opening = open_store(folder)
        assert opening.store is not None
        with opening.store as store:
            store.enrol("5B", ["Ana"])
        make_read_only(folder)
        opened = app_factory(pack_folder, folder)
        pilot = at_title(next(opened)(size=(1024, 640)))
        try:
            pilot.key(pygame.K_RETURN)  # Play: who's playing?
            scene = pilot.top
            assert isinstance(scene, PlayersScene)
            pilot.key(pygame.K_c)
            pilot.key(pygame.K_1)
            pilot.key(pygame.K_RETURN)  # Ana out: cannot be saved
            assert pilot.top is scene
            assert scene.problem == (
                f"Saving is off: the data folder {folder} is read-only. The class was not changed."
            )
            assert scene.filling is not None
            assert [m.name for m in scene.filling.members] == ["Ana"]
        finally:
            next(opened, None)


# -- in every language, at every size ---------------------------------------------------------

FITTING = [
    (language, size, text_size)
    for language in ("ru", "qps-ploc")
    for size, text_size in (((1024, 640), 100), ((1920, 1080), 100), (minimum_size(2.0), 200))
]


@pytest.mark.parametrize(
    ("language", "size", "text_size"),
    FITTING,
    ids=[f"{lang}-{w}x{h}-{text}%" for lang, (w, h), text in FITTING],
)
def test_the_classes_speak_the_language_and_fit(
    saving_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
    text_size: int,
) -> None:
    pilot, scene = players_screen(saving_app, {"5B": ("Ana",)}, size, language)
    pilot.app.apply_look(Look.from_choices(text_size=text_size))
    pilot.step()
    with recording_drawn_text(monkeypatch) as drawn:
        pilot.key(pygame.K_c)  # the classes' dialog
        pilot.step(20)
        dialog = pilot.top
        assert isinstance(dialog, DialogScene)
        pilot.key(pygame.K_n)  # New class: its name
        pilot.step(20)
        pilot.key(pygame.K_ESCAPE)
        pilot.key(pygame.K_c)
        pilot.key(pygame.K_1)
        pilot.step(20)  # filling 5B
        assert scene.filling is not None
        boxes_laid_out(scene.layout_boxes(), size)
    assert cut_off_messages(drawn) == []
    if language == "qps-ploc":
        assert untranslated_words(drawn, ["5B", *NAMES, "Esc Enter PgUp PgDn"]) == set()
    else:
        said = " ".join(drawn)
        assert "Классы" in said
        assert "Новый класс" in said
        assert "5B (1 игрок)" in said
