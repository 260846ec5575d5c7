"""Class games on every device in the store: the game in progress saved move by move and
resumed as it was, the finished game kept per student, repaired with the rest."""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from clarity import cli
from clarity.classroom.journal import ClassListEntry, RosterEntry, StoreJournal
from clarity.core.live_round import LiveRound
from clarity.i18n.translator import Translator
from clarity.store import Player, Store, open_store
from clarity.store.db import DB_FILENAME, migrate
from clarity.store.live_games import ListLog
from clarity.store.repair import repair
from clarity.store.reports import answers_csv, results_csv

from .damage import damage_table, pages_of
from .factories import MONDAY_9AM, add_player
from .live_play import NAMES, PACK, host_state, new_game, play, right_response, wrong_response


def journal(data_dir: Path, **how: Any) -> StoreJournal:
    return StoreJournal(data_dir, now=lambda: MONDAY_9AM, bundled_pack_ids=list, **how)


def reopened(data_dir: Path) -> Store:
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None, opening.notice
    return opening.store


def played_to_the_end(
    data_dir: Path, players: dict[str, int] | None = None
) -> tuple[StoreJournal, LiveRound, list[dict[str, Any]], Any]:
    saving = journal(data_dir)
    played, trophies = new_game()
    seats: list[dict[str, Any]] = []
    for clock in play(played, seats, players):
        assert saving.save(host_state(played, seats, clock)) is None
    return saving, played, seats, trophies


def roster_of(played: LiveRound, seats: list[dict[str, Any]]) -> list[RosterEntry]:
    return [
        RosterEntry(s.index, s.name, seats[s.index]["player"], s.removed) for s in played.students
    ]


# -- the game in progress ------------------------------------------------------------------


def test_every_save_is_loaded_back_as_it_was_given(data_dir: Path) -> None:
    saving = journal(data_dir)
    played, _ = new_game()
    seats: list[dict[str, Any]] = []
    for step, clock in enumerate(play(played, seats)):
        state = host_state(played, seats, clock)
        assert saving.save(state) is None
        if step % 9 == 0:
            assert journal(data_dir).load(PACK.id) == state


def test_a_resumed_round_is_the_round_that_was_saved(data_dir: Path) -> None:
    saving = journal(data_dir)
    played, _ = new_game()
    seats: list[dict[str, Any]] = []
    moves = play(played, seats)
    for _ in range(30):
        clock = next(moves)
        saving.save(host_state(played, seats, clock))

    loaded = journal(data_dir).load(PACK.id)

    assert loaded is not None
    resumed = LiveRound.restore(PACK, loaded["round"])
    assert [s.score for s in resumed.students] == [s.score for s in played.students]
    assert resumed.question_number == played.question_number
    assert loaded["seats"] == seats
    assert loaded["pin"] == "204816"


def test_a_save_after_an_answer_appends_the_answer_and_writes_nothing_else_again() -> None:
    log = ListLog()
    played, _ = new_game()
    seats: list[dict[str, Any]] = []
    moves = play(played, seats, students=5)
    for _ in range(8):
        clock = next(moves)
        first = log.changes(PACK.id, host_state(played, seats, clock))
        assert first is not None
        log.written_ok()
    next(moves)  # one more answer

    change = log.changes(PACK.id, host_state(played, seats, 8.0))

    assert change is not None
    assert not change.everything
    assert change.rewrite == ()
    assert [(path, position) for path, position, _ in change.items] == [
        ("/round/actions", len(played.snapshot()["actions"]) - 1)
    ]


def test_a_list_changed_before_its_end_is_written_again_whole(data_dir: Path) -> None:
    saving = journal(data_dir)
    played, _ = new_game()
    seats: list[dict[str, Any]] = []
    moves = play(played, seats)
    for _ in range(6):
        saving.save(host_state(played, seats, next(moves)))
    state = host_state(played, seats, 1.0)
    state["seats"][1]["player"] = 42  # not at the end: the seats are written again

    assert saving.save(state) is None

    assert journal(data_dir).load(PACK.id) == state


def test_an_item_a_caller_changes_after_saving_it_is_saved_again(data_dir: Path) -> None:
    saving = journal(data_dir)
    state: dict[str, Any] = {"pack_id": "p", "seats": [{"token": "a", "player": None}]}
    saving.save(state)
    state["seats"][0]["player"] = 7  # the same dict, changed in place

    saving.save(state)

    assert journal(data_dir).load("p") == {"pack_id": "p", "seats": [{"token": "a", "player": 7}]}


def test_a_new_game_replaces_the_one_in_progress_and_its_lists(data_dir: Path) -> None:
    journal(data_dir).save({"pack_id": "old", "round": {"actions": [[1], [2], [3]]}, "x": [1]})
    new = {"pack_id": "new", "round": {"actions": [["join", "Аня", 1.0]]}}

    journal(data_dir).save(new)

    assert journal(data_dir).load("old") is None
    assert journal(data_dir).load("new") == new
    store = reopened(data_dir)
    assert store.read_every_row() == []  # no item of the old game is left
    count = store._read(lambda conn: conn.execute("SELECT count(*) FROM live_item").fetchone())
    assert count == (1,)
    store.close()


def test_two_hosts_on_one_data_folder_never_mix_their_games(data_dir: Path) -> None:
    first, second = journal(data_dir), journal(data_dir)
    ours: dict[str, Any] = {"pack_id": PACK.id, "round": {"actions": [["a"], ["b"], ["c"]]}}
    first.save(ours)
    second.save({"pack_id": PACK.id, "round": {"actions": [["x"]]}, "seats": [{"t": 1}]})
    ours["round"]["actions"].append(["d"])  # the first host goes on as if alone

    assert first.save(ours) is None

    assert journal(data_dir).load(PACK.id) == ours


def test_a_game_of_another_pack_is_not_offered(data_dir: Path) -> None:
    journal(data_dir).save({"pack_id": "other-pack", "seats": []})
    assert journal(data_dir).load(PACK.id) is None


def test_a_dropped_game_is_not_offered_again(data_dir: Path) -> None:
    saving = journal(data_dir)
    saving.save({"pack_id": PACK.id, "round": {"actions": [["next"]]}})

    saving.drop()

    assert journal(data_dir).load(PACK.id) is None


def test_a_game_missing_a_list_item_is_not_offered(data_dir: Path) -> None:
    journal(data_dir).save({"pack_id": PACK.id, "round": {"actions": [["a"], ["b"], ["c"]]}})
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("DELETE FROM live_item WHERE position = 1")
    conn.commit()
    conn.close()

    assert journal(data_dir).load(PACK.id) is None


def test_a_state_that_is_not_plain_json_is_a_bug_of_the_caller(data_dir: Path) -> None:
    with pytest.raises(ValueError, match="JSON"):
        journal(data_dir).save({"pack_id": "p", "clock": float("nan")})
    with pytest.raises(TypeError, match="JSON"):
        journal(data_dir).save({"pack_id": "p", "when": object()})


def test_without_a_data_folder_nothing_is_saved_or_offered() -> None:
    saving = StoreJournal(None)
    assert saving.save({"pack_id": "p"}) is None
    assert saving.load("p") is None
    assert saving.class_list() == []


# -- the finished game --------------------------------------------------------------------


def test_a_finished_game_keeps_every_student_with_their_answers_and_guesses(
    data_dir: Path,
) -> None:
    saving, played, seats, trophies = played_to_the_end(data_dir)
    summary = played.summary
    assert summary is not None

    said = saving.finish(summary, roster_of(played, seats), trophies.earned)

    # the one removed at question 3 had answered twice: they took part
    assert str(said) == "Saved: the results of 5 students."
    assert Translator("ru").render(said) == "Сохранено: итоги 5 учеников."
    store = reopened(data_dir)
    students = list(store.class_teams())
    assert [s.name for s in students] == list(NAMES[:5])
    assert {s.mode for s in students} == {"devices"}
    assert [s.removed for s in students] == [False, True, False, False, False]
    assert [s.score for s in students] == [c.score for c in summary.contestants]
    game_id = students[0].game_id
    answers = store.class_answers(game_id)
    assert len(answers) == sum(len(c.answers) for c in summary.contestants)
    assert [a.seconds for a in answers if a.contestant == 2] == [
        a.seconds for a in summary.contestants[2].answers
    ]
    guesses = store.class_guesses(game_id)
    assert [(g.guess, g.right, g.contestant) for g in guesses] == [
        ("Big Ben", False, 0),
        ("Eiffel Tower", True, 0),
    ]
    assert journal(data_dir).load(PACK.id) is None  # finished: no longer offered
    store.close()


def test_places_count_the_students_who_stayed(data_dir: Path) -> None:
    saving, played, seats, trophies = played_to_the_end(data_dir)
    summary = played.summary
    assert summary is not None
    saving.finish(summary, roster_of(played, seats), trophies.earned)

    store = reopened(data_dir)
    students = list(store.class_teams())
    stayed = sorted((s for s in students if not s.removed), key=lambda s: -s.score)
    assert [s.place for s in stayed] == [1, 2, 3, 4]
    assert next(s for s in students if s.removed).place == 5
    assert store.team_leaderboard(PACK.id) == []  # students are not teams
    store.close()


def test_a_student_who_picked_their_name_gets_the_game_in_their_history_with_trophies(
    data_dir: Path, store: Store, ana: Player
) -> None:
    dima = add_player(store, "Dima")
    store.close()
    saving, played, seats, trophies = played_to_the_end(
        data_dir, {NAMES[0]: ana.id, NAMES[3]: dima.id}
    )
    summary = played.summary
    assert summary is not None

    said = saving.finish(summary, roster_of(played, seats), trophies.earned)

    assert str(said) == "Saved: the results of 5 students, 2 of them in players' histories."
    store = reopened(data_dir)
    (round_,) = store.history(ana.id)
    assert round_.score == summary.contestants[0].score
    assert round_.right == summary.contestants[0].right
    assert round_.class_mode == "devices"
    earned = {t.trophy_id for t in trophies.earned[0]}
    assert earned
    assert earned <= set(round_.trophies)
    assert set(store.earned_trophies(ana.id)) >= earned
    assert len(store.history(dima.id)) == 1
    students = list(store.class_teams())
    assert students[0].members == ("Ana",)
    assert students[2].members == ()
    store.close()


def test_a_student_removed_after_answering_keeps_the_game_in_their_history(
    data_dir: Path, store: Store, ana: Player
) -> None:
    store.close()
    saving, played, seats, trophies = played_to_the_end(data_dir, {NAMES[1]: ana.id})
    assert played.students[1].removed
    assert played.summary is not None

    saving.finish(played.summary, roster_of(played, seats), trophies.earned)

    store = reopened(data_dir)
    (round_,) = store.history(ana.id)
    assert round_.score == played.summary.contestants[1].score
    store.close()


def lobby_game(data_dir: Path, players: dict[str, int] | None = None) -> tuple[StoreJournal, Any]:
    """Three students join; Chloé is removed before anyone answers; Аня and Ben answer
    question 1, Аня right; Ben is removed at the reveal; the game ends. Saved move by move
    (the host's roster entries have no time scale: the journal reads the joins')."""
    players = players or {}
    saving = journal(data_dir)
    played, trophies = new_game()
    seats: list[dict[str, Any]] = []
    for name, scale in (("Аня", 2.0), ("Ben", 1.0), ("Chloé", None)):
        played.join(name, scale)
        seats.append({"token": f"t-{name}", "player": players.get(name)})
        saving.save(host_state(played, seats, 0.0))
    played.remove(2)
    saving.save(host_state(played, seats, 0.0))
    question = played.question
    played.answer(0, 1, right_response(question), 2.5)
    played.answer(1, 1, wrong_response(question), 4.0)
    played.close_question(5.0)
    played.remove(1)
    saving.save(host_state(played, seats, 5.0))
    summary = played.end()
    roster = [
        HostRosterEntry(s.index, s.name, seats[s.index]["player"], s.removed)
        for s in played.students
    ]
    return saving, (summary, roster, trophies.earned)


@dataclass(frozen=True)
class HostRosterEntry:
    """A roster entry as the host hands it: no time scale."""

    student: int
    name: str
    player: int | None
    removed: bool


def test_a_name_removed_before_it_answered_is_not_a_result_nor_counted(data_dir: Path) -> None:
    saving, (summary, roster, earned) = lobby_game(data_dir)

    said = saving.finish(summary, roster, earned)

    assert str(said) == "Saved: the results of 2 students."
    store = reopened(data_dir)
    assert [(s.name, s.removed) for s in store.class_teams()] == [("Аня", False), ("Ben", True)]
    out = io.StringIO()
    assert results_csv(store, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["player"], r["removed"]) for r in rows] == [("Аня", "no"), ("Ben", "yes")]
    store.close()


def test_a_name_removed_before_it_answered_gets_nothing_in_the_players_history(
    data_dir: Path, store: Store, ana: Player
) -> None:
    store.close()
    saving, (summary, roster, earned) = lobby_game(data_dir, {"Chloé": ana.id})

    said = saving.finish(summary, roster, earned)

    assert str(said) == "Saved: the results of 2 students."
    store = reopened(data_dir)
    assert store.history(ana.id) == []
    store.close()


def test_each_student_is_exported_with_their_own_time_scale(
    data_dir: Path, store: Store, ana: Player
) -> None:
    store.close()
    saving, (summary, roster, earned) = lobby_game(data_dir, {"Аня": ana.id})

    saving.finish(summary, roster, earned, time_scale=1.5)

    store = reopened(data_dir)
    out = io.StringIO()
    results_csv(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    # x2 in a class at x1.5 is x3; x1 is the class's 1.5
    assert [(r["player"], r["time_scale"]) for r in rows] == [("Ana", "3"), ("Ben", "1.5")]
    (round_,) = store.history(ana.id)
    assert round_.time_scale == 3.0
    store.close()


def test_a_resumed_game_keeps_each_students_own_time_scale(data_dir: Path) -> None:
    saving, (summary, roster, earned) = lobby_game(data_dir)
    saving.close()
    resumed = journal(data_dir)  # a host killed and started again
    assert resumed.load(PACK.id) is not None

    resumed.finish(summary, roster, earned, time_scale=1.0)

    store = reopened(data_dir)
    assert [(s.name, s.time_scale) for s in store.class_teams()] == [("Аня", 2.0), ("Ben", 1.0)]
    store.close()


def test_a_roster_entry_with_its_own_time_scale_is_taken_over_the_joins(data_dir: Path) -> None:
    saving, (summary, roster, earned) = lobby_game(data_dir)
    given = [RosterEntry(e.student, e.name, e.player, e.removed, None) for e in roster]

    saving.finish(summary, given, earned)

    store = reopened(data_dir)
    assert {s.time_scale for s in store.class_teams()} == {None}  # no limit for everyone
    out = io.StringIO()
    results_csv(store, out)
    assert {r["time_scale"] for r in csv.DictReader(io.StringIO(out.getvalue()))} == {"none"}
    store.close()


def test_results_csv_has_one_row_per_student_who_took_part_with_mode_devices(
    data_dir: Path, store: Store, ana: Player
) -> None:
    store.close()
    saving, played, seats, trophies = played_to_the_end(data_dir, {NAMES[0]: ana.id})
    assert played.summary is not None
    saving.finish(played.summary, roster_of(played, seats), trophies.earned)
    store = reopened(data_dir)
    out = io.StringIO()

    count = results_csv(store, out)

    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert count == 5
    assert len(rows) == 5
    assert header[-2:] == ["mode", "removed"]
    assert [row[0] for row in rows] == ["Ana", "Ben", "Chloé", "Dima", "Eve"]
    assert {row[-2] for row in rows} == {"devices"}
    assert {row[-3] for row in rows} == {""}
    assert [row[-1] for row in rows] == ["no", "yes", "no", "no", "no"]
    assert [int(row[3]) for row in rows] == [c.score for c in played.summary.contestants]
    store.close()


def test_deleting_a_player_takes_them_out_of_the_saved_device_game(
    data_dir: Path, store: Store, ana: Player
) -> None:
    store.close()
    saving, played, seats, trophies = played_to_the_end(data_dir, {NAMES[0]: ana.id})
    assert played.summary is not None
    saving.finish(played.summary, roster_of(played, seats), trophies.earned)
    store = reopened(data_dir)

    before = [team.name for team in store.class_teams()]
    store.delete_player(ana.id)

    # the student was the player: their row, answers and guesses go, the others stay
    assert [team.name for team in store.class_teams()] == before[1:]
    setup = store._read(lambda conn: conn.execute("SELECT setup FROM class_game").fetchone()[0])
    assert f"[{ana.id}]" not in setup
    assert NAMES[0] not in setup
    numbers = store._read(
        lambda conn: conn.execute(
            "SELECT count(*) FROM class_answer JOIN class_team ON class_team.id = team_id"
            " WHERE class_team.number = 0"
        ).fetchone()[0]
    )
    assert numbers == 0
    store.close()
    assert NAMES[0].encode() not in (data_dir / DB_FILENAME).read_bytes()


# -- the class list -----------------------------------------------------------------------


def test_the_class_list_is_the_chosen_class_with_extra_time(store: Store, data_dir: Path) -> None:
    store.enrol("5B", ["Ana", "Ben"])
    store.enrol("6A", ["Cleo"])
    ben = store.player_by_name("Ben")
    assert ben is not None
    store.set_extra_time(ben.id, 2.0)

    five_b = journal(data_dir, class_name="5b").class_list()
    everyone = journal(data_dir).class_list()

    assert [(e.name, e.time_scale) for e in five_b] == [("Ana", 1.0), ("Ben", 2.0)]
    assert five_b[1] == ClassListEntry(ben.id, "Ben", 2.0)
    assert [e.name for e in everyone] == ["Ana", "Ben", "Cleo"]
    assert journal(data_dir, class_name="7C").class_list() == []


# -- damage and schema --------------------------------------------------------------------


def test_a_repair_keeps_the_device_games(data_dir: Path, store: Store, ana: Player) -> None:
    store.close()
    saving, played, seats, trophies = played_to_the_end(data_dir, {NAMES[0]: ana.id})
    assert played.summary is not None
    saving.finish(played.summary, roster_of(played, seats), trophies.earned)
    second, moves_seats = new_game(seed=9)[0], []
    moves = play(second, moves_seats)
    for _ in range(20):
        clock = next(moves)
        saving.save(host_state(second, moves_seats, clock))
    in_progress = host_state(second, moves_seats, clock)
    saving.close()

    repair(data_dir / DB_FILENAME, MONDAY_9AM, close=lambda: None)

    repaired = reopened(data_dir)
    students = list(repaired.class_teams())
    assert [s.removed for s in students] == [False, True, False, False, False]
    assert len(repaired.history(ana.id)) == 1
    assert repaired.read_every_row() == []
    repaired.close()
    assert journal(data_dir).load(PACK.id) == in_progress


def test_clarity_repair_finds_a_list_item_without_its_game(data_dir: Path) -> None:
    journal(data_dir).save({"pack_id": "p", "actions": [1, 2]})
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("DELETE FROM live_in_progress")  # foreign keys are off in this connection
    conn.commit()
    conn.close()
    store = reopened(data_dir)

    said = store.read_every_row()

    assert said, "the orphan items were not found"
    assert store.read_every_row() == []
    store.close()


def test_a_class_game_saved_before_version_6_reads_as_no_student_removed(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    migrate(conn, target=5)
    conn.execute(
        "INSERT INTO class_game VALUES (1, 'g-1', 'p', 'ab', 0, 'x.png', 'X', 1, 'buzz',"
        " 'missed', NULL, 12, 3, 4, 1, 1, 1.0, '{}', '2026-10-01T09:00:00+03:00',"
        " 1790748000.0, '2026-10-01')"
    )
    conn.execute(
        "INSERT INTO class_team VALUES (1, 1, 0, 'Owls', 2, 1, 300, 300, 0, 0, 0, 0, 900,"
        " 3, 1, 2, 0, 40.0, 'silver', 'quick-thinker')"
    )
    conn.close()

    store = reopened(data_dir)

    (team,) = store.class_teams()
    assert (team.name, team.mode, team.removed) == ("Owls", "buzz", False)
    store.close()


def test_clarity_results_csv_writes_the_students_of_a_device_game(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saving, played, seats, trophies = played_to_the_end(data_dir)
    assert played.summary is not None
    saving.finish(played.summary, roster_of(played, seats), trophies.earned)
    saving.close()
    target = data_dir.parent / "results.csv"

    status = cli.main(["results", "--csv", str(target), "--data-dir", str(data_dir)])

    assert status == 0, capsys.readouterr().err
    _, *rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert [(row[0], row[-2], row[-1]) for row in rows] == [
        ("Аня", "devices", "no"),
        ("Ben", "devices", "yes"),
        *((name, "devices", "no") for name in ("Chloé", "Dima", "Eve")),
    ]


def test_a_damaged_page_of_the_game_in_progress_is_repaired_and_the_finished_games_kept(
    data_dir: Path,
) -> None:
    saving, played, seats, trophies = played_to_the_end(data_dir)
    assert played.summary is not None
    saving.finish(played.summary, roster_of(played, seats), trophies.earned)
    second, second_seats = new_game(seed=5)[0], []
    for clock in play(second, second_seats, students=6, late=0):  # pages of moves
        saving.save(host_state(second, second_seats, clock))
    saving.close()
    path = data_dir / DB_FILENAME
    assert len(pages_of(path, "live_item", "leaf")) >= 2
    damage_table(path, "live_item", which=0)
    after = journal(data_dir)

    loaded = after.load(PACK.id)

    assert loaded is None  # a game missing moves is not the game that was played
    assert "was damaged" in str(after.notice)
    store = reopened(data_dir)
    assert len(list(store.class_teams())) == 5
    assert store.read_every_row() == []
    store.close()


def test_answers_csv_has_every_answer_of_each_student_who_took_part_by_question(
    data_dir: Path,
) -> None:
    saving, played, seats, trophies = played_to_the_end(data_dir)
    summary = played.summary
    assert summary is not None
    saving.finish(summary, roster_of(played, seats), trophies.earned)
    store = reopened(data_dir)
    out = io.StringIO()

    count = answers_csv(store, out)

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows) == sum(len(c.answers) for c in summary.contestants)
    assert {r["mode"] for r in rows} == {"devices"}
    by_student = {
        name: [r for r in rows if r["player"] == name] for name in (s.name for s in played.students)
    }
    for student, own in zip(played.students, summary.contestants, strict=True):
        lines = by_student[student.name]
        assert [int(r["question"]) for r in lines] == [a.number for a in own.answers]
        assert [float(r["seconds"]) for r in lines] == [a.seconds for a in own.answers]
        assert [int(r["points"]) for r in lines] == [a.points.total for a in own.answers]
        assert [r["right"] == "yes" for r in lines] == [a.right for a in own.answers]
        assert {r["removed"] for r in lines} == {"yes" if student.removed else "no"}
    # Eve joined at question 2: her first answer is question 2's
    assert by_student["Eve"][0]["question"] == "2"
    store.close()


def test_answers_csv_leaves_out_a_name_removed_before_it_answered(data_dir: Path) -> None:
    saving, (summary, roster, earned) = lobby_game(data_dir)
    saving.finish(summary, roster, earned)
    store = reopened(data_dir)
    out = io.StringIO()

    answers_csv(store, out)

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["player"], r["right"], r["seconds"], r["removed"]) for r in rows] == [
        ("Аня", "yes", "2.5", "no"),
        ("Ben", "no", "4", "yes"),
    ]
    store.close()


def test_clarity_results_answers_writes_every_answer_to_a_csv_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saving, (summary, roster, earned) = lobby_game(data_dir)
    saving.finish(summary, roster, earned)
    saving.close()
    target = data_dir.parent / "answers.csv"

    status = cli.main(["results", "--answers", "--csv", str(target), "--data-dir", str(data_dir)])

    out, err = capsys.readouterr()
    assert status == 0, err
    assert out == f"Wrote 2 answers to {target}\n"
    header, *rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert header[:6] == ["date", "game", "mode", "pack", "player", "team"]
    assert [row[4] for row in rows] == ["Аня", "Ben"]
