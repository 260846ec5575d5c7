"""Who's playing? Adding, picking, renaming and deleting players, and giving them extra
time, through the real App."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from clarity.store import Player, open_store
from clarity.ui.app import App, minimum_size
from clarity.ui.scenes.dialog import DialogScene
from clarity.ui.scenes.packs import PackScene
from clarity.ui.scenes.players import PlayersScene
from clarity.ui.scenes.title import TitleScene
from clarity.ui.theme import Look
from store.factories import MONDAY_9AM, save
from store.filesystems import make_read_only, writable_then_read_only

from .conftest import Pilot, RecordingSound
from .drawn_text import game_settings
from .key_tables import assert_hints_are_the_table, drawn_hints, hold, letter_key
from .saving import SIZES, MakeApp, app_factory, at_title, boxes_laid_out, start_round


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    yield from app_factory(pack_folder, tmp_path / "data")


def players_screen(
    make: MakeApp, names: tuple[str, ...] = (), size: tuple[int, int] = (1280, 800)
) -> tuple[Pilot, PlayersScene]:
    """The title's Play pressed: the Who's playing? screen, with ``names`` already saved."""
    app = make(size=size)
    pilot = at_title(app)
    store = app.services.session.store
    assert store is not None
    for name in names:
        assert isinstance(store.create_player(name), Player)
    pilot.key(pygame.K_RETURN)  # Play
    scene = pilot.top
    assert isinstance(scene, PlayersScene)
    return pilot, scene


def saved_names(pilot: Pilot) -> list[str]:
    store = pilot.app.services.session.store
    assert store is not None
    return [p.name for p in store.players()]


def test_play_asks_who_is_playing_first(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app)
    assert [s.name for s in pilot.app.scenes] == ["title", "players"]
    assert scene.rows == []
    assert scene.focus.focused is scene.new_button  # nobody yet: New player first


def test_a_name_typed_in_cyrillic_and_enter_adds_the_player(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app)
    pilot.key(pygame.K_n)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    assert dialog.wants_text
    pilot.type("Бо")
    pilot.key(pygame.K_m)  # a letter key types: it neither mutes nor chooses
    assert dialog.text == "Боm"
    assert not pilot.app.services.sound.muted
    assert pilot.top is dialog
    pilot.key(pygame.K_BACKSPACE)
    pilot.type("рис")
    assert dialog.text == "Борис"
    pilot.key(pygame.K_RETURN)
    assert pilot.top is scene
    assert saved_names(pilot) == ["Борис"]
    assert scene.focused_player is not None
    assert scene.focused_player.name == "Борис"  # ready to play with one more Enter


def test_a_taken_or_empty_name_is_explained_in_the_dialog(saving_app: MakeApp) -> None:
    pilot, _ = players_screen(saving_app, ("Ana",))
    pilot.key(pygame.K_n)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    pilot.key(pygame.K_RETURN)
    assert pilot.top is dialog
    assert dialog.error == "Please type a name."
    pilot.type("  ANA ")
    pilot.key(pygame.K_RETURN)
    assert pilot.top is dialog
    assert dialog.error == "There is already a player called Ana."
    pilot.key(pygame.K_ESCAPE)
    assert isinstance(pilot.top, PlayersScene)
    assert saved_names(pilot) == ["Ana"]


def test_enter_on_a_player_plays_as_them_and_the_title_says_so(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    pilot.key(pygame.K_DOWN)
    assert scene.focused_player is not None
    assert scene.focused_player.name == "Ben"
    pilot.key(pygame.K_RETURN)
    assert isinstance(pilot.top, PackScene)
    session = pilot.app.services.session
    assert session.player is not None
    assert session.player.name == "Ben"
    pilot.key(pygame.K_ESCAPE)  # back to the title from the pack choice
    title = pilot.top
    assert isinstance(title, TitleScene)
    assert title.status == "Playing as Ben"
    pilot.key(pygame.K_RETURN)  # Play again: nobody is asked twice
    assert isinstance(pilot.top, PackScene)


def test_a_click_on_a_player_plays_as_them(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    pilot.click(scene.rows[0].button.rect.midleft)
    assert isinstance(pilot.top, PackScene)
    player = pilot.app.services.session.player
    assert player is not None
    assert player.name == "Ana"


def test_r_renames_the_player_in_focus(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, ("Ana",))
    pilot.key(pygame.K_r)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    assert dialog.text == "Ana"  # the old name, to correct
    pilot.key(pygame.K_BACKSPACE)
    pilot.type("astasia")
    pilot.key(pygame.K_RETURN)
    assert pilot.top is scene
    assert saved_names(pilot) == ["Anastasia"]
    assert scene.rows[0].player.name == "Anastasia"


def test_delete_asks_first_and_n_keeps_the_player(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    pilot.key(pygame.K_DELETE)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    assert dialog.heading == "Delete Ana?"
    pilot.key(pygame.K_n)
    assert pilot.top is scene
    assert saved_names(pilot) == ["Ana", "Ben"]
    pilot.key(pygame.K_DELETE)
    pilot.key(pygame.K_RETURN)  # Enter means No: the safe answer is the default
    assert saved_names(pilot) == ["Ana", "Ben"]
    pilot.key(pygame.K_DELETE)
    pilot.key(pygame.K_y)
    assert pilot.top is scene
    assert saved_names(pilot) == ["Ben"]
    assert [r.player.name for r in scene.rows] == ["Ben"]


def test_the_mouse_renames_and_deletes_with_the_rows_buttons(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    name = scene.rows[1].button.rect
    pilot.click((name.x + name.width // 4, name.centery))  # hovering shows the row's buttons...
    assert isinstance(pilot.top, PackScene)  # ...and a click on the row itself plays
    pilot.key(pygame.K_ESCAPE)
    pilot.key(pygame.K_RIGHT)  # nothing beside Play: it stays
    pilot.key(pygame.K_DOWN)  # Trophies
    pilot.key(pygame.K_RIGHT)  # High scores
    pilot.key(pygame.K_DOWN)  # Quit
    pilot.key(pygame.K_LEFT)  # Change player
    title = pilot.top
    assert isinstance(title, TitleScene)
    assert title.focus.focused is title.player_button
    pilot.key(pygame.K_RETURN)
    scene = pilot.top
    assert isinstance(scene, PlayersScene)
    assert scene.focused_player is not None
    assert scene.focused_player.name == "Ben"  # the one playing
    pilot.click(scene.delete_button.rect.center)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    pilot.click(dialog.choices[0].button.rect.center)  # Yes, delete
    assert saved_names(pilot) == ["Ana"]
    assert not pilot.app.services.session.chosen  # Ben played: ask again who plays


def test_a_guest_plays_without_a_player(saving_app: MakeApp) -> None:
    pilot, _ = players_screen(saving_app, ("Ana",))
    pilot.key(pygame.K_g)
    assert isinstance(pilot.top, PackScene)
    session = pilot.app.services.session
    assert session.chosen
    assert session.player is None
    pilot.key(pygame.K_ESCAPE)
    title = pilot.top
    assert isinstance(title, TitleScene)
    assert title.status == "Playing as a guest"


def test_player_on_the_command_line_skips_the_question(saving_app: MakeApp) -> None:
    app = saving_app(player="Ana")
    pilot = at_title(app)
    title = pilot.top
    assert isinstance(title, TitleScene)
    assert title.status == "Playing as Ana"
    pilot.key(pygame.K_RETURN)
    assert isinstance(pilot.top, PackScene)
    assert saved_names(pilot) == ["Ana"]


@pytest.mark.parametrize("layout", ["us", "ru"])
def test_the_letter_shortcuts_work_on_the_us_and_the_russian_layout(
    saving_app: MakeApp, layout: str
) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    pilot.key(letter_key("N", layout), layout=layout)  # "т" on the key printed N
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    assert dialog.name == "new-player"
    assert dialog.text == ""  # the N that opened it typed nothing
    pilot.key(pygame.K_ESCAPE)
    pilot.key(letter_key("R", layout), layout=layout)
    dialog = pilot.top
    assert isinstance(dialog, DialogScene)
    assert dialog.heading == "Rename Ana"
    assert dialog.text == "Ana"
    pilot.key(pygame.K_ESCAPE)
    pilot.key(pygame.K_DELETE)
    pilot.key(letter_key("N", layout), layout=layout)  # No, keep
    assert pilot.top is scene
    assert saved_names(pilot) == ["Ana", "Ben"]
    pilot.key(pygame.K_DELETE)
    pilot.key(letter_key("Y", layout), layout=layout)  # Yes, delete
    assert pilot.top is scene
    assert saved_names(pilot) == ["Ben"]
    pilot.key(letter_key("G", layout), layout=layout)
    assert isinstance(pilot.top, PackScene)
    assert pilot.app.services.session.chosen
    assert pilot.app.services.session.player is None


@pytest.mark.parametrize("count", [2, 14])
def test_the_hints_drawn_are_the_table_the_keys_are_handled_with(
    saving_app: MakeApp, count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = tuple(f"Pupil {n}" for n in range(count))
    pilot, scene = players_screen(saving_app, names, size=(1024, 640))
    rows = scene.bindings()
    with drawn_hints(monkeypatch) as drawn:
        assert_hints_are_the_table(pilot, drawn, rows, [(scene, rows)])
    labels = [label for _cap, label in drawn[-1]]
    expected = ["move", "play", "new player", "rename", "classes", "extra time", "delete"]
    expected += ["guest", "back"]
    assert labels == expected + (["scroll"] if count == 14 else [])
    assert pilot.top is scene
    assert saved_names(pilot) == sorted(names)


def test_a_held_esc_goes_back_one_screen(saving_app: MakeApp) -> None:
    pilot, _scene = players_screen(saving_app, ("Ana",))
    hold(pilot, pygame.K_ESCAPE)
    assert isinstance(pilot.top, TitleScene)
    assert pilot.app.running


def test_a_held_delete_asks_once(saving_app: MakeApp) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    hold(pilot, pygame.K_DELETE)
    assert [s.name for s in pilot.app.scenes] == ["title", "players", "delete-player"]
    pilot.key(letter_key("Y"))
    assert pilot.top is scene
    assert saved_names(pilot) == ["Ben"]


# -- extra time -----------------------------------------------------------------------------


def drawn_texts(app: App) -> list[str]:
    """Every text the App draws from now on (each screen draws its words through
    ``Assets.text``)."""
    assets = app.services.assets
    render = assets.text
    seen: list[str] = []

    def text(words: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        seen.append(words)
        return render(words, *args, **kwargs)

    assets.text = text  # type: ignore[method-assign]
    return seen


def saved_extra_time(folder: Path, name: str) -> float | None:
    """``name``'s extra time as a second opening of the data folder reads it from disk."""
    opening = open_store(folder)
    assert opening.store is not None
    with opening.store as store:
        player = store.player_by_name(name)
        assert player is not None
        return player.extra_time


def details_drawn(pilot: Pilot, seen: list[str], name: str) -> str:
    """The small line drawn under ``name`` in the next frame."""
    scene = pilot.top
    assert isinstance(scene, PlayersScene)
    seen.clear()
    pilot.step()
    index = seen.index(name)
    return seen[index + 1]


def test_x_steps_the_extra_time_saves_it_and_the_row_shows_it(
    saving_app: MakeApp, tmp_path: Path
) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    seen = drawn_texts(pilot.app)
    assert details_drawn(pilot, seen, "Ana") == "No rounds yet"
    steps = [
        (1.5, "Extra time ×1.5 · No rounds yet"),
        (2.0, "Extra time ×2 · No rounds yet"),
        (3.0, "Extra time ×3 · No rounds yet"),
        (None, "No time limit · No rounds yet"),
        (1.0, "No rounds yet"),  # round again to the standard time
    ]
    for extra_time, details in steps:
        pilot.key(pygame.K_x)
        assert pilot.top is scene  # stepped in place: no dialog
        assert scene.focused_player is not None
        assert scene.focused_player.name == "Ana"  # the focus stays on the row
        assert saved_extra_time(tmp_path / "data", "Ana") == extra_time
        assert details_drawn(pilot, seen, "Ana") == details
    assert saved_extra_time(tmp_path / "data", "Ben") == 1.0  # only the one in focus
    assert scene.problem == ""


def test_the_russian_layouts_x_key_steps_the_extra_time(
    saving_app: MakeApp, tmp_path: Path
) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    pilot.key(pygame.K_DOWN)
    pilot.key(ord("ч"), layout="ru")  # the key printed X types "ч" there
    pilot.key(ord("ч"), layout="ru")
    assert pilot.top is scene
    assert saved_extra_time(tmp_path / "data", "Ben") == 2.0
    assert saved_extra_time(tmp_path / "data", "Ana") == 1.0


def test_a_click_on_the_rows_time_button_steps_the_extra_time(
    saving_app: MakeApp, tmp_path: Path
) -> None:
    pilot, scene = players_screen(saving_app, ("Ana", "Ben"))
    seen = drawn_texts(pilot.app)
    pilot.key(pygame.K_DOWN)
    button = scene.extra_time_button
    assert scene.row_rect(scene.rows[1]).contains(button.rect)  # drawn on Ben's row
    pilot.click(button.rect.center)
    assert pilot.top is scene  # the click on the button did not play as Ben
    assert saved_extra_time(tmp_path / "data", "Ben") == 1.5
    assert details_drawn(pilot, seen, "Ben") == "Extra time ×1.5 · No rounds yet"
    assert not pilot.app.services.session.chosen


@pytest.mark.parametrize("size", SIZES)
def test_the_rows_three_buttons_fit_beside_the_name(
    saving_app: MakeApp, size: tuple[int, int]
) -> None:
    _, scene = players_screen(saving_app, ("Ana", "Ben"), size=size)
    row = scene.row_rect(scene.rows[0])
    rename, time, delete = scene.rename_button, scene.extra_time_button, scene.delete_button
    assert [b.label for b in (rename, time, delete)] == ["Rename", "Time", "Delete"]
    for button in (rename, time, delete):
        assert row.contains(button.rect), button.label
    assert rename.rect.right < time.rect.left
    assert time.rect.right < delete.rect.left
    assert rename.rect.left > row.centerx  # the left half of the row is its name: it plays


def test_a_failure_to_save_the_extra_time_is_said_on_the_screen(
    pack_folder: Path, tmp_path: Path
) -> None:
    with writable_then_read_only(tmp_path / "data") as folder:
        opening = open_store(folder)
        assert opening.store is not None
        with opening.store as store:
            assert isinstance(store.create_player("Ana"), Player)
        make_read_only(folder)  # a lab's shared folder the game may read, not write
        opened = app_factory(pack_folder, folder)
        pilot = at_title(next(opened)(size=(1024, 640)))
        try:
            pilot.key(pygame.K_RETURN)  # Play: who's playing?
            scene = pilot.top
            assert isinstance(scene, PlayersScene)
            pilot.key(pygame.K_x)
            assert pilot.top is scene
            assert scene.problem == (
                f"Saving is off: the data folder {folder} is read-only. "
                "The extra time was not saved."
            )
            seen = drawn_texts(pilot.app)
            pilot.step()
            assert scene.problem in seen  # the notice above the list
            assert scene.layout_boxes()["notice"].bottom < scene.new_button.rect.top
            assert scene.rows[0].player.extra_time == 1.0  # the row shows what is saved
            assert details_drawn(pilot, seen, "Ana") == "No rounds yet"
            sound = pilot.app.services.sound
            assert isinstance(sound, RecordingSound)
            assert sound.played[-1] == "wrong"
        finally:
            next(opened, None)


@pytest.mark.parametrize(("presses", "time_limit"), [(0, 20.0), (2, 40.0), (4, None)])
def test_a_players_extra_time_stretches_the_time_limit_of_their_round(
    saving_app: MakeApp, presses: int, time_limit: float | None
) -> None:
    pilot, _ = players_screen(saving_app, ("Ana",))
    for _ in range(presses):  # x1.5, x2, x3, no limit
        pilot.key(pygame.K_x)
    pilot.key(pygame.K_RETURN)  # play as Ana
    assert isinstance(pilot.top, PackScene)
    play = start_round(pilot)
    assert play.round.rules.time_scale == (None if time_limit is None else time_limit / 20)
    assert play.round.time_limit == time_limit  # the pack allows 20 s a question


# -- every language, every size -------------------------------------------------------------

#: The players screen in each language at the standard text size on the smallest and a
#: large window, and at 200 % on the smallest window it has (1024x768).
ROW_FITTING = [
    (language, size, text_size)
    for language in ("en", "ru", "be", "qps-ploc")
    for size, text_size in (
        ((1024, 640), 100),
        ((1920, 1080), 100),
        (minimum_size(2.0), 200),
    )
]


def class_on_the_players_screen(
    make: MakeApp, language: str, size: tuple[int, int], text: int
) -> tuple[Pilot, PlayersScene, dict[str, list[str]]]:
    """Ana (playing now: 2 rounds, best 640), Ben (1 round, best 900, extra time ×1.5), both
    in the class 5B, and Cleo (no rounds) on the players screen in ``language``, and the
    lines drawn while each was in focus in turn (their row at its tightest, beside its
    buttons); Ana in focus again."""
    app = make(player="Ana", size=size, settings=game_settings(language))
    app.apply_look(Look.from_choices(text_size=text))
    pilot = at_title(app)
    store = app.services.session.store
    assert store is not None
    ana, ben, cleo = (store.get_or_create_player(name) for name in ("Ana", "Ben", "Cleo"))
    assert isinstance(ana, Player)
    assert isinstance(ben, Player)
    assert isinstance(cleo, Player)
    save(store, ana.id, pack_id="play-test", score=300, played_at=MONDAY_9AM)
    save(store, ana.id, pack_id="play-test", score=640, played_at=MONDAY_9AM)
    save(store, ben.id, pack_id="play-test", score=900, played_at=MONDAY_9AM)
    store.set_extra_time(ben.id, 1.5)
    store.enrol("5B", ["Ana", "Ben"])
    seen: dict[str, list[str]] = {}
    drawn = drawn_texts(app)  # every frame's texts, however cached
    app.screens.push("players")
    pilot.step(2)
    scene = pilot.top
    assert isinstance(scene, PlayersScene)
    scroller = scene._scroller

    def scrolled() -> None:  # until the list has glided to the focused row (no more frames)
        pilot.until(lambda: scroller.offset == scroller.target)

    for n, row in enumerate(scene.rows):
        if n:
            pilot.key(pygame.K_DOWN)
        assert scene.focused_player == row.player
        scrolled()  # scrolled into view
        drawn.clear()
        pilot.step()
        seen[row.player.name] = list(drawn)
    while scene.focused_player is not None and scene.focused_player.name != "Ana":
        pilot.key(pygame.K_UP)
    scrolled()
    return pilot, scene, seen


@pytest.mark.parametrize(
    ("language", "size", "text_size"),
    ROW_FITTING,
    ids=[f"{lang}-{w}x{h}-{text}%" for lang, (w, h), text in ROW_FITTING],
)
def test_the_focused_rows_buttons_stay_inside_it_in_every_language(
    saving_app: MakeApp,
    language: str,
    size: tuple[int, int],
    text_size: int,
) -> None:
    """Beside the name or under it, on as many lines as they take: the Rename, Time and
    Delete buttons inside their row and over neither the name nor each other."""
    _, scene, _ = class_on_the_players_screen(saving_app, language, size, text_size)
    boxes = scene.focused_row_boxes()
    row = boxes.pop("row")
    shadow = scene._metrics.px(0.35)  # drawn under a button
    for name, box in boxes.items():
        drawn = box.union(box.move(0, shadow)) if name.startswith("button") else box
        assert row.contains(drawn), (name, box, row)
    boxes_laid_out(boxes, size)


@pytest.mark.parametrize(
    ("language", "size", "text_size"),
    ROW_FITTING,
    ids=[f"{lang}-{w}x{h}-{text}%" for lang, (w, h), text in ROW_FITTING],
)
def test_every_row_keeps_the_rounds_and_the_best_score_in_every_language(
    saving_app: MakeApp,
    language: str,
    size: tuple[int, int],
    text_size: int,
) -> None:
    """What a teacher needs of each player (that they play now, their extra time, their
    rounds, their best score and their classes) is drawn whole on their row, on a second
    line if need be; only the day of the last round may give way."""
    pilot, _, seen = class_on_the_players_screen(saving_app, language, size, text_size)
    t = pilot.app.translator
    assert list(seen) == ["Ana", "Ben", "Cleo"]
    needed = {
        "Ana": [t.gettext("Playing now"), t.ngettext("{count} round", "{count} rounds", 2)],
        "Ben": [t.gettext("Extra time ×{scale}", scale=t.number(1.5))],
        "Cleo": [t.gettext("No rounds yet")],
    }
    needed["Ana"].append(t.gettext("best {score}", score=640))
    needed["Ben"] += [
        t.ngettext("{count} round", "{count} rounds", 1),
        t.gettext("best {score}", score=900),
    ]
    for name in ("Ana", "Ben"):
        needed[name].append(t.ngettext("class {classes}", "classes {classes}", 1, classes="5B"))
    for name, lines in seen.items():
        said = " · ".join(" ".join(line.split()) for line in lines)
        for part in needed[name]:
            assert " ".join(part.split()) in said, (name, part, lines)
        assert [line for line in lines if line.rstrip().endswith("…")] == []
