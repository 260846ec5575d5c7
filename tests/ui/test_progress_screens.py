"""The trophy cabinet, the high scores and the history, over a store the test fills."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pygame
import pytest

from clarity.core.trophies import CENTURY_RIGHT_ANSWERS, TROPHIES
from clarity.store import Player, Store
from clarity.ui.app import App, minimum_size
from clarity.ui.journey import open_cabinet, open_high_scores, open_history
from clarity.ui.menu_screen import MenuScreen
from clarity.ui.scenes.cabinet import CabinetScene, progress_text, status_text
from clarity.ui.scenes.dialog import DialogScene
from clarity.ui.scenes.highscores import TOP, HighScoresScene
from clarity.ui.scenes.history import HistoryScene
from clarity.ui.scenes.players import PlayersScene
from clarity.ui.scenes.title import TitleScene
from clarity.ui.theme import Look
from store.factories import MONDAY_9AM, save, save_class_game

from .conftest import Pilot, write_play_pack
from .drawn_text import cut_off_messages, game_settings, recording_drawn_text, untranslated_words
from .key_tables import assert_hints_are_the_table, drawn_hints, hold, letter_key
from .saving import SIZES, MakeApp, app_factory, at_title, boxes_laid_out

PACK = "play-test"


@pytest.fixture
def saving_app(pack_folder: Path, tmp_path: Path) -> Iterator[MakeApp]:
    write_play_pack(pack_folder, pack_id="second", title="Second pack")
    yield from app_factory(pack_folder, tmp_path / "data")


def filled(
    make: MakeApp, *, player: str | None = "Ana", class_game: bool = False, **options: object
) -> Pilot:
    """An App at its title whose store holds Ana's, Ben's and Cleo's rounds; with
    ``class_game``, also a class game after them: Ana and Ben's team Owls (1,200) against a
    team of guests, Foxes (800)."""
    app = make(player=player, **options)
    pilot = at_title(app)
    store = app.services.session.store
    assert store is not None
    ana, ben, cleo = (_player(store, name) for name in ("Ana", "Ben", "Cleo"))
    # Ana: 98 right answers long ago, then a silver; first light and a hot streak
    save(
        store,
        ana.id,
        pack_id=PACK,
        score=300,
        right=CENTURY_RIGHT_ANSWERS - 10,
        wrong=0,
        played_at=MONDAY_9AM - timedelta(days=30),
        trophies=["first-light"],
    )
    save(
        store,
        ana.id,
        pack_id=PACK,
        score=640,
        medal="silver",
        played_at=MONDAY_9AM,
        trophies=["first-light", "hot-streak", "silver-medal"],
    )
    save(
        store,
        ben.id,
        pack_id=PACK,
        score=900,
        medal="gold",
        played_at=MONDAY_9AM,
        trophies=["gold-medal"],
    )
    save(store, cleo.id, pack_id=PACK, score=720, medal="silver", played_at=MONDAY_9AM)
    save(store, cleo.id, pack_id="second", score=100, played_at=MONDAY_9AM)
    if class_game:
        save_class_game(
            store,
            [("Owls", (ana.id, ben.id), 1200), ("Foxes", (), 800)],
            pack_id=PACK,
            played_at=MONDAY_9AM + timedelta(hours=1),
            medal="gold",
        )
    return pilot


def _player(store: Store, name: str) -> Player:
    player = store.get_or_create_player(name)
    assert isinstance(player, Player)
    return player


# -- the trophy cabinet -----------------------------------------------------------------


def test_the_cabinet_shows_every_trophy_won_or_locked_with_dates_and_progress(
    saving_app: MakeApp,
) -> None:
    pilot = filled(saving_app)
    open_cabinet(pilot.app)
    pilot.step()
    cabinet = pilot.top
    assert isinstance(cabinet, CabinetScene)
    entries = {e.trophy.id: e for e in cabinet.entries}
    assert len(entries) == len(TROPHIES)

    first_light = entries["first-light"]
    assert first_light.earned
    t = pilot.app.translator  # English: dates as CLDR writes them there
    assert status_text(first_light, t) == "Won 24 Oct 2026  ×2"  # first won 30 days before
    assert status_text(entries["silver-medal"], t) == "Won 23 Nov 2026"
    assert status_text(entries["gold-medal"], t) == "Locked"
    century = entries["century"]
    assert not century.earned
    progress = f"{CENTURY_RIGHT_ANSWERS - 10 + 3}/{CENTURY_RIGHT_ANSWERS}"
    assert progress_text(century, t) == progress
    assert status_text(century, t) == "Locked"
    assert progress_text(entries["first-light"], t) == ""  # won in a round: no progress
    assert cabinet.earned_count == 3
    assert cabinet._frame.subheading == f"Ana  ·  3 of {len(TROPHIES)} won"


CABINET_SIZES = [((1024, 640), 100), ((1920, 1080), 100), (minimum_size(2.0), 200)]


@pytest.mark.parametrize("language", ["en", "ru", "be", "qps-ploc"])
@pytest.mark.parametrize(
    ("size", "text_size"), CABINET_SIZES, ids=["1024x640", "1920x1080", "200%"]
)
def test_every_trophys_name_and_the_day_it_was_won_are_shown_whole(
    saving_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
    text_size: int,
) -> None:
    """Looked at one by one (the tiles scroll into view), no tile's name or status and no
    line of the panel is cut with "…", in any language: the tiles take fewer columns,
    a short date or a second line instead."""
    pilot = filled(saving_app, size=size, settings=game_settings(language))
    pilot.app.apply_look(Look.from_choices(text_size=text_size))
    store = pilot.app.services.session.store
    assert store is not None
    # a trophy won three times, first on a day with a long month (24 October)
    save(store, _player(store, "Ana").id, pack_id=PACK, score=10, trophies=["first-light"])
    with recording_drawn_text(monkeypatch) as drawn:
        open_cabinet(pilot.app)
        pilot.step(2)
        cabinet = pilot.top
        assert isinstance(cabinet, CabinetScene)
        boxes_laid_out(cabinet.layout_boxes(), size)
        scroller = cabinet._scroller
        for _ in cabinet.entries:
            pilot.key(pygame.K_RIGHT)
            # until the tiles have glided to where they show this one (each frame after
            # that draws the same again: most arrows stay on their row and scroll nothing)
            pilot.until(lambda: scroller.offset == scroller.target)
    t = pilot.app.translator
    said = " ".join(drawn)
    assert [line for line in drawn if line.rstrip().endswith("…")] == []
    for entry in cabinet.entries:
        assert t.gettext(entry.trophy.name) in said
    first_light = next(e for e in cabinet.entries if e.trophy.id == "first-light")
    # the date in full in the panel, or written short on the tile (large text)
    assert status_text(first_light, t) in said or status_text(first_light, t, short=True) in said
    assert cabinet._area.height >= cabinet.tile_rect(0).height  # a whole row of tiles in view


def test_arrows_choose_the_trophy_the_panel_describes(saving_app: MakeApp) -> None:
    pilot = filled(saving_app)
    pilot.key(pygame.K_DOWN)
    pilot.key(pygame.K_RETURN)  # Trophies, under Play on the title
    cabinet = pilot.top
    assert isinstance(cabinet, CabinetScene)
    assert cabinet.selected == 0
    pilot.key(pygame.K_RIGHT)
    pilot.key(pygame.K_DOWN)
    assert cabinet.selected == 1 + cabinet._columns
    pilot.key(pygame.K_h)  # its history, then back to the same trophies with T
    assert isinstance(pilot.top, HistoryScene)
    pilot.key(pygame.K_t)
    assert pilot.top is cabinet
    assert cabinet.selected == 1 + cabinet._columns
    pilot.key(pygame.K_h)
    pilot.key(pygame.K_ESCAPE)  # Esc from the history: back to the cabinet, not the title
    assert pilot.top is cabinet
    pilot.key(pygame.K_ESCAPE)
    assert isinstance(pilot.top, TitleScene)


def test_a_guest_is_told_why_the_cabinet_is_empty_and_can_choose_a_player(
    saving_app: MakeApp,
) -> None:
    pilot = filled(saving_app, player=None)
    pilot.app.services.session.choose(None)
    open_cabinet(pilot.app)
    pilot.step()
    cabinet = pilot.top
    assert isinstance(cabinet, CabinetScene)
    assert cabinet.entries == []
    assert cabinet.other_button.label == "Choose a player"
    pilot.key(pygame.K_p)
    players = pilot.top
    assert isinstance(players, PlayersScene)
    pilot.key(pygame.K_RETURN)  # Ana, the first on the list
    cabinet = pilot.top
    assert isinstance(cabinet, CabinetScene)
    assert cabinet.player is not None
    assert cabinet.player.name == "Ana"


def test_the_cabinet_asks_who_plays_when_nobody_was_chosen(saving_app: MakeApp) -> None:
    pilot = filled(saving_app, player=None)
    open_cabinet(pilot.app)
    pilot.step()
    assert isinstance(pilot.top, PlayersScene)
    pilot.key(pygame.K_DOWN)
    pilot.key(pygame.K_RETURN)  # Ben
    cabinet = pilot.top
    assert isinstance(cabinet, CabinetScene)
    assert [s.name for s in pilot.app.scenes] == ["title", "cabinet"]
    assert {e.trophy.id for e in cabinet.entries if e.earned} == {"gold-medal"}


# -- the high scores and the history ---------------------------------------------------


def test_high_scores_rank_players_and_highlight_the_current_one(saving_app: MakeApp) -> None:
    pilot = filled(saving_app)
    pilot.key(pygame.K_DOWN)
    pilot.key(pygame.K_RIGHT)
    pilot.key(pygame.K_RETURN)  # High scores
    scores = pilot.top
    assert isinstance(scores, HighScoresScene)
    assert scores.pack_id == PACK  # the pack Ana played last
    assert [(r.rank, r.player_name, r.score) for r in scores.leaders] == [
        (1, "Ben", 900),
        (2, "Cleo", 720),
        (3, "Ana", 640),  # her best round, once
    ]
    assert [row.highlight for row in scores.rows] == [False, False, True]
    assert scores.rows[2].cells[1].text == "Ana  (you)"
    pilot.key(pygame.K_RIGHT)
    assert scores.pack_id == "second"
    assert [r.player_name for r in scores.leaders] == ["Cleo"]
    assert not any(row.highlight for row in scores.rows)
    pilot.click(scores.prev_button.rect.center)
    assert scores.pack_id == PACK


def test_a_player_below_the_top_ten_still_sees_their_own_rank(
    saving_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    pilot = filled(saving_app)
    store = pilot.app.services.session.store
    assert store is not None
    for n in range(10):
        save(store, _player(store, f"Star {n}").id, pack_id=PACK, score=2000 + n)
    asked: list[int] = []  # the lengths of leaderboard asked for
    board = Store.leaderboard
    monkeypatch.setattr(
        Store,
        "leaderboard",
        lambda self, pack, limit=10: asked.append(limit) or board(self, pack, limit),
    )
    open_high_scores(pilot.app, PACK)
    pilot.step()
    scores = pilot.top
    assert isinstance(scores, HighScoresScene)
    assert len(scores.leaders) == 11
    assert (scores.leaders[-1].rank, scores.leaders[-1].player_name) == (13, "Ana")
    assert scores.rows[-1].highlight
    assert asked == [TOP]  # her own line is asked for alone, not found in everyone's


def test_the_history_lists_the_players_rounds_newest_first(saving_app: MakeApp) -> None:
    pilot = filled(saving_app)
    open_history(pilot.app)
    pilot.step()
    history = pilot.top
    assert isinstance(history, HistoryScene)
    assert [r.score for r in history.records] == [640, 300]
    first = history.rows[0].cells
    assert [c.text for c in first[1:]] == ["Rivers and Capitals", "640", "Silver", "3", "1"]
    # as CLDR writes English: the day and time this year, the date before
    assert first[0].text in ("23 Nov, 09:00", "23 Nov 2026")


def test_the_history_shows_a_class_game_with_the_teams_name_beside_its_score(
    saving_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    with recording_drawn_text(monkeypatch) as drawn:
        pilot = filled(saving_app, class_game=True)
        open_history(pilot.app)
        pilot.step(2)
        history = pilot.top
        assert isinstance(history, HistoryScene)
        assert [r.score for r in history.records] == [1200, 640, 300]
        assert history.table.titles[1:4] == ("PACK", "TEAM", "SCORE")
        game, alone = ([c.text for c in row.cells[1:5]] for row in history.rows[:2])
        # the team's score beside the team's name; right and wrong are Ana's share
        assert game == ["Rivers and Capitals", "Owls", "1,200", "Gold"]
        assert alone == ["Rivers and Capitals", "", "640", "Silver"]
        assert "Owls" in drawn
        assert history._frame.subheading == "Ana  ·  3 rounds, newest first"


def test_a_history_without_a_class_game_has_no_team_column(saving_app: MakeApp) -> None:
    pilot = filled(saving_app)
    open_history(pilot.app)
    pilot.step(2)
    history = pilot.top
    assert isinstance(history, HistoryScene)
    assert "TEAM" not in history.table.titles


def test_high_scores_list_the_teams_by_their_own_names_under_a_teams_heading(
    saving_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    with recording_drawn_text(monkeypatch) as drawn:
        pilot = filled(saving_app, class_game=True)
        open_high_scores(pilot.app, PACK)
        pilot.step(2)
        scores = pilot.top
        assert isinstance(scores, HighScoresScene)
        # the team's 1,200 lifts neither Ana nor Ben in the players' list
        assert [(r.player_name, r.score) for r in scores.leaders] == [
            ("Ben", 900),
            ("Cleo", 720),
            ("Ana", 640),
        ]
        below = [[c.text for c in row.cells[:3]] for row in scores.rows[3:]]
        assert below == [
            ["", "Teams", ""],
            # as the class typed them: a team called "Team 1" must not read "Team Team 1"
            ["1", "Owls", "1,200"],
            ["2", "Foxes", "800"],
        ]
        assert [row.highlight for row in scores.rows] == [False, False, True, False, False, False]
        assert "Owls" in drawn
        assert not [text for text in drawn if text.startswith("Team ")]
        pilot.key(pygame.K_RIGHT)  # a pack with no class game: no teams' line
        assert scores.pack_id == "second"
        assert [c.text for c in scores.rows[-1].cells[1:2]] == ["Cleo"]


# -- layout -------------------------------------------------------------------------------


#: Each screen in English at every size, and in the pseudo-language (40 % longer, every
#: message bracketed) and Russian at the smallest and a large window and at text size 200
#: in its smallest window.
FITTING = [
    *(("en", size, 100) for size in SIZES),
    ("qps-ploc", (1024, 640), 100),
    ("qps-ploc", (1920, 1080), 100),
    ("qps-ploc", minimum_size(2.0), 200),
    ("ru", (1024, 640), 100),
    ("ru", minimum_size(2.0), 200),
]
#: What the screens show as it is written in every language: the players' names, the
#: packs' titles (the pack's language) and the key caps printed on the keys.
NOT_INTERFACE = (
    "Clarity Challenge",
    "Ana",
    "Ben",
    "Cleo",
    "Pupil number",
    "Rivers and Capitals",
    "Second pack",
    "Owls",  # the class game's teams: names the class typed
    "Foxes",
)
KEY_CAPS = ("Esc", "Enter", "Tab", "Del", "PgUp", "PgDn", "F11")
CYRILLIC = re.compile(r"[А-Яа-яЁё]{3,}")


@pytest.mark.parametrize(
    ("language", "size", "text_size"),
    FITTING,
    ids=[f"{lang}-{w}x{h}-{text}%" for lang, (w, h), text in FITTING],
)
def test_the_screens_fit_the_window_without_overlaps(
    saving_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
    text_size: int,
) -> None:
    seen: dict[str, list[str]] = {}
    openers = (open_cabinet, open_history, open_high_scores, _players, _delete_dialog)
    # recorded from the first frame: a text drawn once is kept and not drawn again
    with recording_drawn_text(monkeypatch) as drawn:
        pilot = filled(saving_app, size=size, settings=game_settings(language), class_game=True)
        app = pilot.app
        app.apply_look(Look.from_choices(text_size=text_size))
        store = app.services.session.store
        assert store is not None
        for n in range(14):  # a class: the lists scroll
            save(store, _player(store, f"Pupil number {n}").id, pack_id=PACK, score=10 * n)
        pilot.step(2)
        title = pilot.top
        assert isinstance(title, TitleScene)
        boxes_laid_out(title.layout_boxes(), size)
        seen["title"] = list(drawn)
        for opener in openers:
            drawn.clear()
            opener(app)
            pilot.step(3)
            top = pilot.top
            boxes_laid_out(top.layout_boxes(), size)  # type: ignore[attr-defined]
            seen[opener.__name__.strip("_")] = list(drawn)
            app.screens.reset("title")
            pilot.step()
    del seen["open_cabinet"]  # the trophy cabinet's words are the play screens' (tested there)
    if language == "qps-ploc":
        allowed = (*NOT_INTERFACE, *KEY_CAPS)
        untranslated = {
            screen: sorted(words)
            for screen, lines in seen.items()
            if (words := untranslated_words(lines, allowed))
        }
        assert untranslated == {}
        cut = {
            screen: found for screen, lines in seen.items() if (found := cut_off_messages(lines))
        }
        assert cut == {}
    elif language == "ru":
        silent = [screen for screen, lines in seen.items() if not any(map(CYRILLIC.search, lines))]
        assert silent == []


def test_in_russian_the_tables_write_numbers_dates_and_medals_as_russian_does(
    saving_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    pilot = filled(saving_app, settings=game_settings("ru"))
    store = pilot.app.services.session.store
    assert store is not None
    ana = _player(store, "Ana")
    save(store, ana.id, pack_id=PACK, score=5653, medal="gold", played_at=MONDAY_9AM)
    with recording_drawn_text(monkeypatch) as drawn:
        open_history(pilot.app)
        pilot.step(2)
        history = pilot.top
        assert isinstance(history, HistoryScene)
        assert history.table.titles == ("КОГДА", "НАБОР", "СЧЁТ", "МЕДАЛЬ", "ВЕРНО", "НЕВЕРНО")
        assert history._frame.subheading == "Ana  ·  3 раунда, сначала новые"
        newest = [cell.text for cell in history.rows[0].cells]
        # 5 653 with a no-break space; 23 November as Russian writes it (this year, the
        # day and time; another year, the date with its year and "г.")
        assert newest[2:4] == ["5\u00a0653", "Золото"]
        assert newest[0] in ("23 нояб., 09:00", "23 нояб. 2026\u00a0г.")
        assert "5\u00a0653" in drawn
        assert "Золото" in drawn
        pilot.key(pygame.K_ESCAPE)
        drawn.clear()
        open_high_scores(pilot.app, PACK)
        pilot.step(2)
        scores = pilot.top
        assert isinstance(scores, HighScoresScene)
        assert scores.table.titles == ("№", "ИГРОК", "СЧЁТ", "МЕДАЛЬ", "ДАТА")
        first = [cell.text for cell in scores.rows[0].cells]
        assert first == ["1", "Ana  (вы)", "5\u00a0653", "Золото", "23 нояб. 2026\u00a0г."]
        assert "Рекорды" in drawn


#: The tables in every language, at large text on the smallest window it has and at the
#: standard size on the smallest window.
TABLE_FITTING = [
    (language, size, text_size)
    for language in ("en", "ru", "be", "qps-ploc")
    for size, text_size in ((minimum_size(2.0), 200), ((1024, 640), 100))
]


@pytest.mark.parametrize(
    ("language", "size", "text_size"),
    TABLE_FITTING,
    ids=[f"{lang}-{w}x{h}-{text}%" for lang, (w, h), text in TABLE_FITTING],
)
def test_a_table_too_wide_gives_way_without_overlapping_headings_or_losing_names(
    saving_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    size: tuple[int, int],
    text_size: int,
) -> None:
    """The history and the high scores: every heading within its own column (two never run
    into each other), the score always shown and inside the window, every player's name
    whole, and each column left out named under the table."""
    with recording_drawn_text(monkeypatch) as drawn:
        pilot = filled(saving_app, size=size, settings=game_settings(language), class_game=True)
        pilot.app.apply_look(Look.from_choices(text_size=text_size))
        for opener in (open_history, open_high_scores):
            # a text drawn on the history is drawn again from the cache, not rendered: so
            # what this screen drew is the lines after ``start``, and its names are checked
            # against every line (a cut name would have been rendered here, with its "…")
            start = len(drawn)
            opener(pilot.app)
            pilot.step(2)
            scene = pilot.top
            assert isinstance(scene, HistoryScene | HighScoresScene)
            table = scene.table
            metrics, assets = scene._metrics, pilot.app.services.assets
            head = assets.font(metrics.small_size, True)
            edges = list(zip(table.x, table.widths, strict=True))
            for (x, width), (next_x, _) in itertools.pairwise(edges):
                assert x + width <= next_x  # the columns side by side, none over the next
            for i, x, width in zip(table.shown, table.x, table.widths, strict=True):
                lines = table.heading_lines[i]
                assert 1 <= len(lines) <= 2
                assert " ".join(lines) == table.titles[i]
                for line in lines:
                    assert head.size(line)[0] <= width, (line, width)
                assert x >= 0
                assert x + width <= size[0]
            score = table.titles.index(pilot.app.translator.gettext("Score").upper())
            assert score in table.shown
            header = scene.layout_boxes()["header"]
            assert header.height >= table.header_height(assets, metrics)
            if table.hidden_titles:  # said under the table (the note may wrap)
                said = " ".join(drawn[start:])
                assert all(title in said for title in table.hidden_titles), drawn[start:]
            if isinstance(scene, HighScoresScene):
                # drawn whole (a run of spaces is drawn as one), never cut with "…": the
                # rows in view, then those at the end (the teams', scrolled to)
                for _ in range(2):
                    boxes = scene.layout_boxes()
                    names = [
                        " ".join(row.cells[1].text.split())
                        for i, row in enumerate(scene.rows)
                        if f"row_{i}" in boxes
                    ]
                    assert names
                    assert all(name in drawn for name in names), (names, drawn)
                    cut = [
                        line
                        for line in drawn[start:]
                        for name in names
                        if line.endswith("…") and name.startswith(line[:-1].rstrip())
                    ]
                    assert not cut, cut
                    for _ in scene.rows:
                        scene.scroll_rows(1)
                    pilot.step(30)
                assert "row_5" in scene.layout_boxes()  # the last team's row was seen
            pilot.key(pygame.K_ESCAPE)
            pilot.step()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_scrolled_table_shows_whole_rows_only(saving_app: MakeApp, size: tuple[int, int]) -> None:
    """Scrolled to the player's own row at the end, and then a row at a time up, no row of
    the high scores shows half under the header or half off the bottom."""
    pilot = filled(saving_app, size=size)
    store = pilot.app.services.session.store
    assert store is not None
    for n in range(14):  # Ana comes 15th: below the top ten, and the table scrolls
        save(store, _player(store, f"Star {n}").id, pack_id=PACK, score=2000 + n)
    open_high_scores(pilot.app, PACK)
    pilot.step(3)
    scores = pilot.top
    assert isinstance(scores, HighScoresScene)
    body, pitch = scores._body, scores._row_h + scores._metrics.px(0.5)
    for _ in range(4):
        tops = [
            body.y + n * pitch - round(scores._scroller.offset) for n in range(len(scores.rows))
        ]
        shown = [top for top in tops if top + scores._row_h > body.top and top < body.bottom]
        assert shown, "no row in view"
        assert all(body.top <= top and top + scores._row_h <= body.bottom for top in shown)
        scores.scroll_rows(-1)
        pilot.step(30)


def _players(app: App) -> None:
    app.screens.push("players")


def _delete_dialog(app: App) -> None:
    players = app.screens.push("players")
    assert isinstance(players, PlayersScene)
    app.step(1 / 60)
    players.delete_focused()
    app.step(1 / 60)
    assert isinstance(app.top, DialogScene)


# -- the keys -----------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["us", "ru"])
def test_h_t_and_p_are_the_keys_printed_h_t_and_p_on_any_layout(
    saving_app: MakeApp, layout: str
) -> None:
    pilot = filled(saving_app)
    open_cabinet(pilot.app)
    pilot.step()
    assert isinstance(pilot.top, CabinetScene)
    pilot.key(letter_key("H", layout), layout=layout)  # "р" on a Russian keyboard
    assert isinstance(pilot.top, HistoryScene)
    pilot.key(letter_key("T", layout), layout=layout)  # "е"
    assert isinstance(pilot.top, CabinetScene)
    assert [s.name for s in pilot.app.scenes] == ["title", "cabinet"]
    pilot.app.services.session.choose(None)  # a guest's cabinet offers to choose a player
    pilot.key(pygame.K_ESCAPE)
    open_cabinet(pilot.app)
    pilot.step()
    guest = pilot.top
    assert isinstance(guest, CabinetScene)
    assert guest.player is None
    pilot.key(letter_key("P", layout), layout=layout)  # "з"
    assert isinstance(pilot.top, PlayersScene)


def _cabinet(pilot: Pilot) -> None:
    open_cabinet(pilot.app)


def _guest_cabinet(pilot: Pilot) -> None:
    pilot.app.services.session.choose(None)
    open_cabinet(pilot.app)


def _history(pilot: Pilot) -> None:
    open_history(pilot.app)


def _long_history(pilot: Pilot) -> None:
    store = pilot.app.services.session.store
    player = pilot.app.services.session.player
    assert store is not None
    assert player is not None
    for n in range(30):
        save(store, player.id, pack_id=PACK, score=n, played_at=MONDAY_9AM)
    open_history(pilot.app)


def _high_scores(pilot: Pilot) -> None:
    open_high_scores(pilot.app)


SCREENS = {
    # the study modes' trophies make the cabinet longer than a 1024x640 window: it scrolls
    "cabinet": (_cabinet, ["look", "history", "back", "scroll"]),
    "guest-cabinet": (_guest_cabinet, ["choose a player", "back"]),
    "history": (_history, ["trophies", "back"]),
    "long-history": (_long_history, ["trophies", "scroll", "back"]),
    "high-scores": (_high_scores, ["pack", "back"]),
}


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_hints_drawn_are_the_table_the_keys_are_handled_with(
    saving_app: MakeApp, screen: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    opener, labels = SCREENS[screen]
    pilot = filled(saving_app, size=(1024, 640))
    opener(pilot)
    pilot.step()
    scene = pilot.top
    assert isinstance(scene, MenuScreen)
    rows = scene.bindings()
    with drawn_hints(monkeypatch) as drawn:
        assert_hints_are_the_table(pilot, drawn, rows, [(scene, rows)])
    assert [label for _cap, label in drawn[-1]] == labels
    assert pilot.top is scene


@pytest.mark.parametrize("screen", ["cabinet", "history", "high-scores"])
def test_a_held_esc_goes_back_one_screen(saving_app: MakeApp, screen: str) -> None:
    pilot = filled(saving_app)
    SCREENS[screen][0](pilot)
    pilot.step()
    assert [s.name for s in pilot.app.scenes][:1] == ["title"]
    assert len(pilot.app.scenes) == 2
    hold(pilot, pygame.K_ESCAPE)
    assert isinstance(pilot.top, TitleScene)
    assert pilot.app.running  # the title took the repeats for no press: it did not quit


def test_held_arrows_look_along_the_trophies_but_tab_and_enter_act_once(
    saving_app: MakeApp,
) -> None:
    pilot = filled(saving_app)
    open_cabinet(pilot.app)
    pilot.step()
    cabinet = pilot.top
    assert isinstance(cabinet, CabinetScene)
    hold(pilot, pygame.K_RIGHT, repeats=2)
    assert cabinet.selected == 3  # a press and two repeats
    pilot.key(pygame.K_TAB)  # the ring onto the buttons, on Back
    hold(pilot, pygame.K_TAB, repeats=2)  # Tab goes on along the buttons when held
    assert cabinet.focus.focused is cabinet.other_button
    hold(pilot, pygame.K_RETURN, repeats=3)  # History, once, over the cabinet
    assert [s.name for s in pilot.app.scenes] == ["title", "cabinet", "history"]
    pilot.key(pygame.K_ESCAPE)  # one screen back: the cabinet, as it was left
    assert pilot.top is cabinet
    assert cabinet.selected == 3
