"""Class games on one screen, saved: after every action and resumed, killed in the middle,
finished with each member's history and trophies, in the results export, forgotten with a
deleted member, brought forward from the schema before them, and on a full disk."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import clarity
from clarity.class_progress import ClassGameSaved, ClassProgress
from clarity.core.class_round import ClassRound, ClassRules, Mode, Phase
from clarity.core.events import ClassSummary, RoundOutcome
from clarity.core.teams import ClassGameSetup, Team
from clarity.core.trophies import ClassTrophyTracker
from clarity.store import Player, SaveFailed, SchoolClass, Store, check_and_repair, open_store
from clarity.store.backup import write_backup
from clarity.store.class_games import member_share
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION, migrate
from clarity.store.repair import repair
from clarity.store.reports import RESULTS_HEADER, results_csv
from clarity.store.restore import restore_backup
from core.factories import MYSTERY_ANSWER, build_pack, right_response, wrong_response

from .damage import damage_table
from .factories import MONDAY_9AM, add_player, save, save_class_game

PACK = build_pack(questions=10, grid="2x3", time_limit=20, kinds=("typed", "choice", "truefalse"))
SCRIPT = Path(__file__).with_name("play_class_and_save.py")


@pytest.fixture
def bob(store: Store) -> Player:
    return add_player(store, "Bob")


@pytest.fixture
def cy(store: Store) -> Player:
    return add_player(store, "Cy")


def setup_for(*teams: Team, mode: Mode = Mode.TURNS) -> ClassGameSetup:
    return ClassGameSetup(PACK.id, 0, 5, teams, class_rules=ClassRules(mode=mode))


def saving(store: Store | None, *, now: datetime = MONDAY_9AM) -> ClassProgress:
    return ClassProgress(store, now=lambda: now)


def play(
    played: ClassRound,
    actions: int,
    keep: Callable[[], object] = lambda: None,
    *,
    all_right: bool = False,
) -> None:
    """``actions`` moves of a game in turns: right, right, wrong (then the steal let go),
    or every answer right, and on to the next question; ``keep`` after each move."""
    for turn in range(actions):
        if played.phase is Phase.FEEDBACK:
            played.next_question()
        elif played.stealing:
            played.pass_steal(1.5)
        else:
            question = played.question
            right = all_right or turn % 3 != 2
            response = right_response(question) if right else wrong_response(question)
            played.answer(response, 2.0)
        keep()


def finished_game(
    setup: ClassGameSetup, *, actions: int = 8, guessed_by: int = 1, all_right: bool = False
) -> tuple[ClassSummary, ClassTrophyTracker]:
    tracker = ClassTrophyTracker(len(setup.teams))
    played = setup.new_round(PACK, [tracker])
    play(played, actions, all_right=all_right)
    if played.phase is Phase.FEEDBACK:
        played.next_question()
    played.guess_image(MYSTERY_ANSWER, 40.0, contestant=guessed_by)
    assert played.class_summary is not None
    return played.class_summary, tracker


def finish(
    store: Store | None, setup: ClassGameSetup, *, now: datetime = MONDAY_9AM, **kwargs: int
) -> tuple[ClassGameSaved, ClassSummary, ClassTrophyTracker]:
    summary, tracker = finished_game(setup, **kwargs)
    saved = saving(store, now=now).finish(
        setup, summary, tracker.earned, pack_sha256="ab" * 32, mystery_image="mystery-0.png"
    )
    return saved, summary, tracker


def reopened(data_dir: Path) -> Store:
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None, opening.notice
    return opening.store


# -- in progress -----------------------------------------------------------------------------


def test_no_class_game_in_progress_at_first(store: Store) -> None:
    assert saving(store).resumable() is None
    assert store.class_in_progress() is None


def test_saved_after_every_action_it_resumes_the_same_game_after_a_restart(
    data_dir: Path, store: Store, ana: Player, bob: Player
) -> None:
    setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 3, (bob.id,)), Team("Guests", 5))
    played = setup.new_round(PACK)
    keeping = saving(store)
    written = []

    def keep() -> None:
        assert keeping.keep(setup, played) is None
        written.append(store.class_in_progress())

    play(played, 7, keep)
    # every action was its own write: each saved state has one more action than the last
    assert [len(w.snapshot["actions"]) for w in written if w] == list(range(1, 8))
    store.close()

    again = reopened(data_dir)
    found = saving(again).resumable()
    assert found is not None
    resumed_setup, snapshot = found
    assert resumed_setup == setup
    resumed = ClassRound.restore(PACK, snapshot)
    assert [c.score for c in resumed.contestants] == [c.score for c in played.contestants]
    assert [c.streak for c in resumed.contestants] == [c.streak for c in played.contestants]
    assert resumed.phase is played.phase
    assert resumed.question_number == played.question_number
    assert resumed.board.hidden_count == played.board.hidden_count
    again.close()


def test_saving_the_same_state_twice_writes_once(store: Store, ana: Player) -> None:
    setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1))
    played = setup.new_round(PACK)
    keeping = saving(store)
    play(played, 1)
    assert keeping.keep(setup, played) is None
    first = store._conn.total_changes
    assert keeping.keep(setup, played) is None
    assert store._conn.total_changes == first


def test_a_game_that_has_ended_is_not_kept_as_in_progress(store: Store) -> None:
    setup = setup_for(Team("Owls", 0), Team("Foxes", 1))
    played = setup.new_round(PACK)
    keeping = saving(store)
    play(played, 2)
    assert keeping.keep(setup, played) is None
    kept = store.class_in_progress()
    if played.phase is Phase.FEEDBACK:
        played.next_question()
    played.guess_image(MYSTERY_ANSWER, 10.0, contestant=0)
    assert played.phase is Phase.ENDED

    assert keeping.keep(setup, played) is None

    assert store.class_in_progress() == kept  # the last state before the end, not the end


def test_dropping_the_class_game_in_progress(store: Store) -> None:
    setup = setup_for(Team("Owls", 0), Team("Foxes", 1))
    played = setup.new_round(PACK)
    play(played, 2)
    keeping = saving(store)
    assert keeping.keep(setup, played) is None
    assert keeping.drop() is None
    assert keeping.resumable() is None


def test_a_damaged_setup_is_not_offered(store: Store) -> None:
    setup = setup_for(Team("Owls", 0), Team("Foxes", 1))
    played = setup.new_round(PACK)
    damaged = {**setup.to_json(), "teams": [{"name": "Owls"}]}
    assert store.save_class_in_progress(PACK.id, damaged, played.snapshot()) is None
    assert store.class_in_progress() is not None
    assert saving(store).resumable() is None


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_game_killed_in_the_middle_keeps_the_last_action_it_saved(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = dict(os.environ)
    src = str(Path(clarity.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    game = subprocess.Popen(
        [sys.executable, str(SCRIPT), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert game.stdout is not None
    kept = 0
    try:
        assert game.stdout.readline() == "ready\n"
        while kept < 25:  # well inside the game, between two of its saves
            line = game.stdout.readline()
            assert line.startswith("kept "), line
            kept = int(line.split()[1])
    finally:
        game.send_signal(signal.SIGKILL)
        game.communicate(timeout=30)
    store = reopened(data_dir)
    found = store.class_in_progress()
    assert found is not None
    actions = len(found.snapshot["actions"])
    # what it said was kept is there; at most the one write it was making when killed is more
    assert kept <= actions <= kept + 1
    resumed = ClassRound.restore(
        build_pack(questions=40, grid="8x8", kinds=("choice", "truefalse")), found.snapshot
    )
    assert resumed.phase is not Phase.ENDED
    store.close()


# -- finished --------------------------------------------------------------------------------


def test_finishing_gives_each_member_the_game_in_their_history_with_the_teams_trophies(
    store: Store, ana: Player, bob: Player, cy: Player
) -> None:
    setup = setup_for(
        Team("Owls", 0, (ana.id, bob.id)), Team("Foxes", 1, (cy.id,)), Team("Guests", 2)
    )
    keeping = saving(store)
    played = setup.new_round(PACK)
    play(played, 2)
    assert keeping.keep(setup, played) is None

    saved, summary, tracker = finish(store, setup)

    assert saved.notice is None
    assert saved.members == {ana.id: "Ana", bob.id: "Bob", cy.id: "Cy"}
    assert store.class_in_progress() is None  # the same transaction cleared it
    owls, foxes = summary.contestants[0], summary.contestants[1]
    for member, team, own in ((ana, "Owls", owls), (bob, "Owls", owls), (cy, "Foxes", foxes)):
        (record,) = store.history(member.id)
        assert record.in_class_game
        assert (record.team_name, record.class_mode) == (team, "turns")
        assert record.score == own.score
        assert record.breakdown == own.breakdown
    team_trophies = {t.trophy_id for t in tracker.earned[1]}
    assert team_trophies  # the guessing team earned at least its medal
    (cys,) = store.history(cy.id)
    assert set(cys.trophies) == team_trophies
    assert set(store.earned_trophies(cy.id)) == team_trophies
    teams = list(store.class_teams())
    assert [t.name for t in teams] == ["Owls", "Foxes", "Guests"]
    assert [t.members for t in teams] == [("Ana", "Bob"), ("Cy",), ()]
    assert [t.place for t in teams] == list(summary.places())
    assert teams[1].score == foxes.score
    assert teams[1].right == foxes.right  # the team's own count, not a member's share


def test_each_teams_answers_and_guesses_are_kept(store: Store) -> None:
    setup = setup_for(Team("Owls", 0), Team("Foxes", 1))
    finish(store, setup, actions=6)
    (game_id,) = {t.game_id for t in store.class_teams()}
    answers = store.class_answers(game_id)
    assert answers
    assert {a.contestant for a in answers} == {0, 1}
    assert [a.number for a in answers if a.contestant == 0] == list(
        range(1, 1 + sum(1 for a in answers if a.contestant == 0))
    )
    (guess,) = store.class_guesses(game_id)
    assert (guess.guess, guess.right, guess.contestant) == (MYSTERY_ANSWER, True, 1)


def test_a_team_result_stays_out_of_the_players_leaderboard_and_has_a_list_of_its_own(
    store: Store, ana: Player, bob: Player
) -> None:
    save(store, bob.id, pack_id=PACK.id, score=300)
    setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1))
    _, summary, _ = finish(store, setup)

    assert [row.player_name for row in store.leaderboard(PACK.id)] == ["Bob"]
    assert store.player_rank(PACK.id, ana.id) is None
    teams = store.team_leaderboard(PACK.id)
    assert [(row.rank, row.team.name) for row in teams] == [(1, "Foxes"), (2, "Owls")]
    assert [row.team.score for row in teams] == sorted(
        (c.score for c in summary.contestants), reverse=True
    )
    assert teams[1].team.members == ("Ana",)


def test_a_players_best_score_in_the_players_list_is_of_a_round_played_alone(
    store: Store, ana: Player, bob: Player, cy: Player
) -> None:
    save(store, ana.id, score=300)
    save(store, ana.id, score=250)
    save(store, bob.id, score=900)
    save_class_game(store, [("Owls", [ana.id, cy.id], 5536), ("Foxes", [bob.id], 200)])

    overview = {line.player.name: line for line in store.player_overview()}

    # the team's 5,536 is no member's own best; the game still counts as a round played
    assert (overview["Ana"].best_score, overview["Ana"].rounds) == (300, 3)
    assert (overview["Bob"].best_score, overview["Bob"].rounds) == (900, 2)
    assert (overview["Cy"].best_score, overview["Cy"].rounds) == (None, 1)


def test_a_member_deleted_while_the_class_played_is_left_out(
    store: Store, ana: Player, bob: Player
) -> None:
    setup = setup_for(Team("Owls", 0, (ana.id, bob.id)), Team("Foxes", 1))
    summary, tracker = finished_game(setup)
    keeping = saving(store)
    assert store.delete_player(bob.id) is None

    saved = keeping.finish(setup, summary, tracker.earned, pack_sha256="", mystery_image="")

    assert saved.notice is None
    assert saved.members == {ana.id: "Ana"}
    assert [t.members for t in store.class_teams()] == [("Ana",), ()]


# -- the lasting trophies: a member's own share ---------------------------------------------


def test_a_members_share_of_right_answers_is_the_teams_split_equally_rounded_down() -> None:
    assert member_share(7, 3) == 2
    assert member_share(6, 3) == 2
    assert member_share(2, 3) == 0
    assert member_share(5, 1) == 5
    assert member_share(5, 0) == 5


def test_century_counts_each_members_own_share_of_the_teams_right_answers(
    store: Store, ana: Player, bob: Player, cy: Player
) -> None:
    setup = setup_for(Team("Owls", 0, (ana.id, bob.id)), Team("Foxes", 1, (cy.id,)))
    summary, tracker = finished_game(setup, actions=10, all_right=True)
    owls, foxes = summary.contestants
    assert (owls.right, foxes.right) == (3, 2)
    share = member_share(owls.right, 2)
    assert share == 1  # 3 right answers between 2 members: 1 each, rounded down
    # Ana is exactly her share short of 100, Bob one more short
    save(store, ana.id, right=100 - share, wrong=0)
    save(store, bob.id, right=99 - share, wrong=0)

    saved = saving(store).finish(setup, summary, tracker.earned, pack_sha256="", mystery_image="")

    assert [t.trophy_id for t in saved.lasting[ana.id]] == ["century"]
    assert saved.lasting[bob.id] == []
    assert store.player_stats(ana.id).right_answers == 100
    assert store.player_stats(bob.id).right_answers == 99
    assert store.player_stats(cy.id).right_answers == 2  # alone in the team: all of its own
    assert "century" in store.earned_trophies(ana.id)
    assert "century" not in store.earned_trophies(bob.id)


# -- the results export ------------------------------------------------------------------------


def test_results_csv_has_one_row_per_team_and_member_after_the_solo_rounds_columns(
    store: Store, ana: Player, bob: Player
) -> None:
    save(store, bob.id, pack_id="solar-system", score=420, played_at=MONDAY_9AM - timedelta(1))
    setup = setup_for(Team("=Owls", 0, (ana.id, bob.id)), Team("Guests", 1))
    _, summary, _ = finish(store, setup)
    out = io.StringIO()

    count = results_csv(store, out)

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == RESULTS_HEADER
    assert RESULTS_HEADER[: len(RESULTS_HEADER) - 3] == (
        *("player", "pack", "date", "score", "right", "wrong", "medal", "trophies"),
        *("timer", "time_scale"),
    )
    assert RESULTS_HEADER[-3:] == ("team", "mode", "removed")
    assert {r["removed"] for r in rows} == {"no"}
    assert count == len(rows) == 4  # Bob alone; Ana and Bob of '=Owls'; the guests' team
    assert (rows[0]["player"], rows[0]["team"], rows[0]["mode"]) == ("Bob", "", "solo")
    owls, guests = summary.contestants
    assert [(r["player"], r["team"], r["mode"]) for r in rows[1:]] == [
        ("Ana", "'=Owls", "turns"),  # the formula guard applies to a team's name
        ("Bob", "'=Owls", "turns"),
        ("", "Guests", "turns"),
    ]
    assert [int(r["score"]) for r in rows[1:]] == [owls.score, owls.score, guests.score]
    assert [int(r["right"]) for r in rows[1:]] == [owls.right, owls.right, guests.right]


# -- deleting a member ---------------------------------------------------------------------------


def test_a_deleted_member_leaves_no_trace_in_the_file_nor_its_log(
    store: Store, bob: Player
) -> None:
    name = "Quetzalina Wibbleford"
    forgotten = add_player(store, name)
    setup = setup_for(Team("Owls", 0, (forgotten.id, bob.id)), Team("Foxes", 1))
    played = setup.new_round(PACK)
    play(played, 3)
    assert saving(store).keep(setup, played) is None
    finish(store, setup)
    files = (store.path, Path(f"{store.path}-wal"))
    traces = [text.encode() for text in (name, name.casefold())]
    assert any(trace in path.read_bytes() for path in files for trace in traces)

    assert store.delete_player(forgotten.id) is None

    for path in files:
        if path.exists():
            content = path.read_bytes()
            assert not [trace for trace in traces if trace in content], path.name
    assert store.history(forgotten.id) == []
    assert [t.members for t in store.class_teams()] == [("Bob",), ()]
    assert len(store.history(bob.id)) == 1


# -- the file: migration, a full disk ------------------------------------------------------------


def test_a_file_of_the_version_before_class_games_keeps_its_rounds_and_takes_class_games(
    tmp_path: Path,
) -> None:
    data_dir_4 = tmp_path / "v4"
    data_dir_4.mkdir()
    conn = sqlite3.connect(data_dir_4 / DB_FILENAME, isolation_level=None)
    migrate(conn, target=4)
    conn.execute("INSERT INTO player VALUES (1, 'Ана', 'ана', '2026-09-01T08:00:00+03:00', 1.0)")
    conn.execute(
        "INSERT INTO round (id, uuid, player_id, pack_id, pack_sha256, mystery_index,"
        " mystery_image, mystery_answer, seed, timer, streaks, outcome, score, base_points,"
        " time_bonus, streak_bonus, image_bonus, penalty, best_possible, right_count,"
        " wrong_count, longest_streak, total_tiles, hidden_at_guess, seconds_played, medal,"
        " played_at, played_ts, played_day, time_scale)"
        " VALUES (1, 'r-1', 1, 'test-pack', 'ab', 0, 'mystery-0.png', 'Eiffel Tower', 7, 1, 1,"
        " 'guessed', 750, 500, 250, 0, 0, 0, 13000, 1, 0, 1, 6, 5, 20.0, NULL,"
        " '2026-10-01T09:00:00+03:00', 1790748000.0, '2026-10-01', 1.0)"
    )
    conn.close()

    store = reopened(data_dir_4)
    conn = sqlite3.connect(data_dir_4 / DB_FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    conn.close()
    (record,) = store.history(1)
    assert not record.in_class_game
    assert (record.team_name, record.class_mode) == (None, None)
    assert [row.player_name for row in store.leaderboard("test-pack")] == ["Ана"]
    saved, _, _ = finish(store, setup_for(Team("Owls", 0, (1,)), Team("Foxes", 1)))
    assert saved.notice is None
    assert [r.in_class_game for r in store.history(1)] == [True, False]
    store.close()


def test_a_full_disk_gives_a_notice_not_an_exception(
    data_dir: Path, store: Store, ana: Player
) -> None:
    setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1))
    summary, tracker = finished_game(setup, actions=12)
    keeping = saving(store)
    # the only way to cap one connection's file: max_page_count is per connection
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")

    results = [
        keeping.finish(setup, summary, tracker.earned, pack_sha256="", mystery_image="")
        for _ in range(30)
    ]

    refused = [result for result in results if not result.saved]
    assert refused, "the capped file never filled up"
    saved = refused[0]
    assert str(saved.notice) == (
        f"Not saved: Saving is off: the data folder {data_dir} is full. "
        "This class game was not saved."
    )
    assert saved.lasting == {}
    played = setup.new_round(PACK)
    play(played, 1)
    notice = keeping.keep(setup, played)
    assert notice is not None
    assert str(notice).endswith("The class game in progress was not saved.")
    kept = len(results) - len(refused)
    assert len(list(store.class_teams())) == 2 * kept  # the refused games left nothing
    assert len(store.history(ana.id)) == kept


def test_without_saved_data_the_game_plays_on_and_the_results_say_why(ana: Player) -> None:
    setup = setup_for(Team("Owls", 0), Team("Foxes", 1))
    keeping = saving(None)
    played = setup.new_round(PACK)
    play(played, 1)
    assert keeping.keep(setup, played) is None  # nothing to save into: nothing to say
    assert keeping.resumable() is None
    saved, _, _ = finish(None, setup)
    assert str(saved.notice) == "Not saved: Saving is off."
    assert saved.members == {}


def test_the_outcome_and_who_guessed_are_kept(store: Store) -> None:
    setup = setup_for(Team("Owls", 0), Team("Foxes", 1), mode=Mode.TURNS)
    _, summary, _ = finish(store, setup, guessed_by=0)
    assert summary.outcome is RoundOutcome.GUESSED
    row = store._conn.execute("SELECT outcome, guessed_by, mode, setup FROM class_game").fetchone()
    assert row[:3] == ("guessed", 0, "turns")
    assert ClassGameSetup.from_json(json.loads(row[3])) == setup


def test_a_read_only_folder_gives_a_notice_value(tmp_path: Path) -> None:
    from .filesystems import make_read_only, writable_then_read_only

    with writable_then_read_only(tmp_path / "ro") as folder:
        opening = open_store(folder, now=lambda: MONDAY_9AM)
        assert opening.store is not None
        ana = add_player(opening.store, "Ana")
        opening.store.close()
        make_read_only(folder)
        opening = open_store(folder, now=lambda: MONDAY_9AM)
        store = opening.store
        assert store is not None
        setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1))
        summary, tracker = finished_game(setup)
        keeping = ClassProgress(store, notice=opening.notice_said)
        played = setup.new_round(PACK)
        play(played, 1)
        assert isinstance(keeping.keep(setup, played), type(opening.notice_said))
        saved = keeping.finish(setup, summary, tracker.earned, pack_sha256="", mystery_image="")
        assert saved.notice is not None
        assert str(saved.notice).startswith("Not saved: ")
        store.close()


def test_save_failed_is_the_stores_value_for_a_refused_write(store: Store) -> None:
    store._saving = False
    setup = setup_for(Team("Owls", 0), Team("Foxes", 1))
    played = setup.new_round(PACK)
    assert isinstance(
        store.save_class_in_progress(PACK.id, setup.to_json(), played.snapshot()), SaveFailed
    )


def _kept(store: Store, member: Player) -> tuple[object, ...]:
    """What a class game left in the store: its teams, the member's history and trophies,
    every team's answers, and the game in progress."""
    teams = list(store.class_teams())
    return (
        teams,
        store.history(member.id),
        store.earned_trophies(member.id),
        store.class_answers(teams[0].game_id),
        store.class_in_progress(),
    )


def _with_a_game_and_one_in_progress(store: Store, ana: Player) -> None:
    finish(store, setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1)))
    setup = setup_for(Team("Hawks", 0, (ana.id,)), Team("Foxes", 1))
    played = setup.new_round(PACK)
    play(played, 3)
    assert saving(store).keep(setup, played) is None


def test_a_backup_restored_elsewhere_keeps_the_class_games(tmp_path: Path) -> None:
    old = tmp_path / "old-laptop"
    store = reopened(old / "data")
    ana = add_player(store, "Ana")
    _with_a_game_and_one_in_progress(store, ana)
    before = _kept(store, ana)
    store.close()
    archive = write_backup(
        tmp_path / "backup.zip", old / "data", old / "settings.ini", now=MONDAY_9AM
    ).path

    new = tmp_path / "new-laptop"
    restore_backup(archive, new / "data", new / "settings.ini", replace=False, now=MONDAY_9AM)

    store = reopened(new / "data")
    assert _kept(store, ana) == before
    store.close()


def test_a_repair_keeps_the_class_games(data_dir: Path, store: Store, ana: Player) -> None:
    _with_a_game_and_one_in_progress(store, ana)
    before = _kept(store, ana)
    store.close()

    repair(data_dir / DB_FILENAME, MONDAY_9AM, close=lambda: None)

    repaired = reopened(data_dir)
    assert _kept(repaired, ana) == before
    assert repaired.read_every_row() == []
    repaired.close()


def test_a_team_row_that_makes_no_sense_is_repaired_away_with_its_answers(
    data_dir: Path, store: Store, ana: Player
) -> None:
    finish(store, setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1)))
    store.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("UPDATE class_team SET score = 'lots' WHERE name = 'Foxes'")
    conn.commit()
    conn.close()
    store = reopened(data_dir)

    said = store.read_every_row()  # clarity repair

    assert said, "the damage was not found"
    (owls,) = store.class_teams()
    assert owls.name == "Owls"
    assert {a.contestant for a in store.class_answers(owls.game_id)} == {0}
    assert len(store.history(ana.id)) == 1
    assert store.read_every_row() == []
    store.close()


# -- a deleted member's id is given again: never to a member of their games ----------------------


def _setups_in_the_file(path: Path) -> list[list[list[int]]]:
    """The members of every team of every class game's setup, as the file holds them: the
    one in progress first, then the finished ones."""
    conn = sqlite3.connect(path)
    try:
        found = conn.execute(
            "SELECT setup FROM class_in_progress UNION ALL SELECT setup FROM class_game"
        ).fetchall()
    finally:
        conn.close()
    return [[team["members"] for team in json.loads(text)["teams"]] for (text,) in found]


def test_deleting_a_player_takes_their_id_out_of_every_class_games_teams(
    store: Store, ana: Player, bob: Player
) -> None:
    fedor = add_player(store, "Fedor")
    finish(store, setup_for(Team("Owls", 0, (ana.id, fedor.id)), Team("Foxes", 1, (bob.id,))))
    setup = setup_for(Team("Owls", 0, (fedor.id,)), Team("Foxes", 1, (ana.id, bob.id)))
    played = setup.new_round(PACK)
    play(played, 3)
    assert saving(store).keep(setup, played) is None

    assert store.delete_player(fedor.id) is None

    assert _setups_in_the_file(store.path) == [
        [[], [ana.id, bob.id]],  # the game in progress
        [[ana.id], [bob.id]],  # the finished one
    ]


def test_a_new_player_given_a_deleted_members_id_gets_nothing_of_the_interrupted_game(
    data_dir: Path, store: Store, ana: Player
) -> None:
    fedor = add_player(store, "Fedor")
    setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1, (fedor.id,)))
    played = setup.new_round(PACK)
    play(played, 5, all_right=True)
    assert saving(store).keep(setup, played) is None
    assert store.delete_player(fedor.id) is None
    zoe = add_player(store, "Zoe")
    assert zoe.id == fedor.id  # SQLite gives the highest id again: the case at stake
    store.close()

    again = reopened(data_dir)  # the game is resumed and finished in a new session
    keeping = saving(again)
    found = keeping.resumable()
    assert found is not None
    resumed, snapshot = found
    assert resumed.teams[1].members == ()
    tracker = ClassTrophyTracker(2)
    resumed_round = ClassRound.restore(PACK, snapshot, [tracker])
    resumed_round.guess_image(MYSTERY_ANSWER, 30.0, contestant=1)
    assert resumed_round.class_summary is not None
    saved = keeping.finish(
        resumed, resumed_round.class_summary, tracker.earned, pack_sha256="", mystery_image=""
    )

    assert saved.notice is None
    assert saved.members == {ana.id: "Ana"}
    assert again.history(zoe.id) == []
    assert again.earned_trophies(zoe.id) == {}
    assert [t.members for t in again.class_teams()] == [("Ana",), ()]
    again.close()


def test_a_game_on_screen_never_binds_a_deleted_members_id_to_a_new_player(
    data_dir: Path,
) -> None:
    clock = iter(MONDAY_9AM + timedelta(minutes=n) for n in range(1000))
    opening = open_store(data_dir, now=lambda: next(clock))
    assert opening.store is not None
    with opening.store as store:
        ana, fedor = add_player(store, "Ana"), add_player(store, "Fedor")
        setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1, (fedor.id,)))
        played = setup.new_round(PACK)
        keeping = saving(store)
        play(played, 2, lambda: keeping.keep(setup, played))
        # another window deletes Fedor and makes Zoe, who is given Fedor's id
        assert store.delete_player(fedor.id) is None
        zoe = add_player(store, "Zoe")
        assert zoe.id == fedor.id

        play(played, 2, lambda: keeping.keep(setup, played))  # the screen still holds the id
        kept = store.class_in_progress()
        assert kept is not None
        assert [team["members"] for team in kept.setup["teams"]] == [[ana.id], []]
        if played.phase is Phase.FEEDBACK:
            played.next_question()
        tracker = ClassTrophyTracker(2)
        played.guess_image(MYSTERY_ANSWER, 30.0, contestant=1)
        assert played.class_summary is not None
        saved = keeping.finish(
            setup, played.class_summary, tracker.earned, pack_sha256="", mystery_image=""
        )

        assert saved.members == {ana.id: "Ana"}
        assert store.history(zoe.id) == []
        assert [t.members for t in store.class_teams()] == [("Ana",), ()]


# -- damage repaired while a class plays is said ---------------------------------------------------


def _make_nonsense(path: Path, change: str) -> None:
    """Another program writes a value the store cannot read (as a damaged file would hold)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(change)
    conn.close()


def test_damage_repaired_while_the_game_is_kept_is_said_once(
    store: Store, ana: Player, bob: Player
) -> None:
    setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1, (bob.id,)))
    played = setup.new_round(PACK)
    keeping = saving(store)
    play(played, 1)
    assert keeping.keep(setup, played) is None
    _make_nonsense(store.path, "UPDATE player SET created_at = 'in spring' WHERE name = 'Bob'")

    play(played, 1)
    said = keeping.keep(setup, played)

    assert said is not None, "the repair was not said"
    assert "damaged" in str(said)
    assert said is store.notice_said
    play(played, 1)
    assert keeping.keep(setup, played) is None  # said once
    assert store.class_in_progress() is not None  # and the game was kept


def test_damage_repaired_as_the_game_is_finished_is_said_and_the_game_is_saved(
    store: Store, ana: Player, bob: Player
) -> None:
    setup = setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1, (bob.id,)))
    save(store, ana.id, score=7)
    save(store, ana.id, score=8)
    _make_nonsense(store.path, "UPDATE round SET played_at = 'last Tuesday' WHERE score = 7")

    saved, _, _ = finish(store, setup)

    assert saved.saved
    assert saved.repaired
    assert saved.notice is not None
    assert "damaged" in str(saved.notice)
    assert saved.members == {ana.id: "Ana", bob.id: "Bob"}
    assert len(store.history(ana.id)) == 2  # the class game, and the round that was whole


# -- a repair keeps what it can of the class games, and says what it lost ------------------------


def _repaired_after(data_dir: Path, store: Store, table: str) -> tuple[Store, str]:
    """Close ``store``, overwrite a page of ``table`` (all of it, in a file this small),
    and repair as ``clarity repair`` does; the store of the repaired file, and what the
    repair said."""
    store.close()
    damage_table(data_dir / DB_FILENAME, table)
    checked = check_and_repair(data_dir, now=lambda: MONDAY_9AM)
    assert checked.store is not None
    assert checked.notice is not None
    assert "damaged" in checked.notice
    return checked.store, checked.notice


def _three_teams(store: Store, ana: Player, bob: Player, cy: Player) -> tuple[int, int, int]:
    """A finished game of Ana and Bob's Owls, Cy's Foxes and a team of guests; the scores."""
    setup = setup_for(
        Team("Owls", 0, (ana.id, bob.id)), Team("Foxes", 3, (cy.id,)), Team("Guests", 5)
    )
    _, summary, _ = finish(store, setup)
    owls, foxes, guests = (c.score for c in summary.contestants)
    return owls, foxes, guests


def test_a_lost_page_of_teams_keeps_each_members_game_under_a_recovered_team(
    data_dir: Path, store: Store, ana: Player, bob: Player, cy: Player
) -> None:
    owls, foxes, _ = _three_teams(store, ana, bob, cy)

    repaired, said = _repaired_after(data_dir, store, "class_team")

    with repaired:
        assert '3 members\' class games were kept under teams named "Recovered team"' in said
        for member in (ana, bob, cy):
            (game,) = repaired.history(member.id)
            assert game.team_name is not None
            assert game.team_name.startswith("Recovered team ")
        teams = {t.members: t for t in repaired.class_teams()}
        assert set(teams) == {("Ana", "Bob"), ("Cy",)}  # the guests' team had no round left
        assert (teams["Ana", "Bob"].score, teams["Cy",].score) == (owls, foxes)
        assert teams["Ana", "Bob"].game_id == teams["Cy",].game_id  # one game, as played
        assert teams["Ana", "Bob"].pack_id == PACK.id
        assert repaired.read_every_row() == []  # what was made reads as the store reads


def test_a_lost_page_of_games_keeps_the_games_with_their_teams(
    data_dir: Path, store: Store, ana: Player, bob: Player, cy: Player
) -> None:
    scores = _three_teams(store, ana, bob, cy)

    repaired, said = _repaired_after(data_dir, store, "class_game")

    with repaired:
        assert "Some of the classes and class games could not be read: 1 class game" in said
        teams = list(repaired.class_teams())
        assert [(t.name, t.members, t.score) for t in teams] == [
            ("Owls", ("Ana", "Bob"), scores[0]),
            ("Foxes", ("Cy",), scores[1]),
            ("Guests", (), scores[2]),  # its game was made again from the others' rounds
        ]
        assert {t.game_id for t in teams} == {teams[0].game_id}
        for member in (ana, bob, cy):
            (game,) = repaired.history(member.id)
            assert game.team_name in {"Owls", "Foxes"}
        assert repaired.read_every_row() == []


def test_a_repair_says_what_it_lost_of_the_team_answers_and_keeps_the_rest(
    data_dir: Path, store: Store, ana: Player
) -> None:
    finish(store, setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1)))
    answers = len(store.class_answers(next(store.class_teams()).game_id))
    guesses = len(store.class_guesses(next(store.class_teams()).game_id))
    made = store.create_class("5B")
    assert isinstance(made, SchoolClass)
    store.add_to_class(made.id, [ana.id])

    repaired, said = _repaired_after(data_dir, store, "class_answer")

    with repaired:
        # the answers' page went (so they cannot be counted); the game, its guesses and
        # the class are kept
        assert answers > 0
        assert (
            "Some of the classes and class games could not be read: 1 class game, 1 class, "
            f"1 place in a class and {guesses} team answer{'s' * (guesses != 1)} were kept."
        ) in said
        assert [t.name for t in repaired.class_teams()] == ["Owls", "Foxes"]
        assert len(repaired.history(ana.id)) == 1


@pytest.mark.parametrize(
    ("change", "table"),
    [
        ("UPDATE class_answer SET seconds = 'slow' WHERE number = 1", "class_answer"),
        ("UPDATE class_guess SET seconds = 'slow' WHERE number = 1", "class_guess"),
        ("UPDATE class_member SET class_id = 'first'", "class_member"),
    ],
)
def test_a_class_row_that_makes_no_sense_is_found_by_clarity_repair_and_counted(
    data_dir: Path, store: Store, ana: Player, change: str, table: str
) -> None:
    finish(store, setup_for(Team("Owls", 0, (ana.id,)), Team("Foxes", 1)))
    made = store.create_class("5B")
    assert isinstance(made, SchoolClass)
    store.add_to_class(made.id, [ana.id])
    store.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    with conn:
        conn.execute(change)
    conn.close()

    checked = check_and_repair(data_dir, now=lambda: MONDAY_9AM)

    assert checked.store is not None
    with checked.store as repaired:
        assert checked.notice is not None, f"the {table} row was not found"
        assert "Of the classes and class games" in checked.notice
        assert repaired.read_every_row() == []
        assert len(repaired.history(ana.id)) == 1
