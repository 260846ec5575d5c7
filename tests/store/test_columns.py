"""Columns are read and written by name: a file whose tables hold the same columns in
another order (and one more), as an older or newer version could have written it, saves
and reads back every field; a stored value that means nothing raises UnreadableRow."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from clarity.store import Player, SavedRound, Store, open_store
from clarity.store.db import DB_FILENAME, SCHEMA_VERSION, connect, migrate
from clarity.store.problems import StoreDamaged, UnreadableRow

from .factories import MONDAY_9AM, add_player, make_summary, save

TABLES = (
    *("player", "round", "answer", "guess", "round_trophy", "in_progress"),
    *("school_class", "class_member"),
    *("class_game", "class_team", "class_answer", "class_guess", "class_in_progress"),
    *("study_card", "study_review", "sprint"),
)


def shuffled_schema(path: Path, *, not_null: bool = True) -> None:
    """Our schema's tables with their columns in reverse order and a column ``note`` of
    another version first; the same keys, foreign keys and indexes. ``not_null`` False
    leaves out the NOT NULL constraints (a file edited by another program)."""
    model = sqlite3.connect(":memory:")
    migrate(model)
    statements = []
    for table in TABLES:
        (sql,) = model.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
        columns = model.execute(f"PRAGMA table_info({table})").fetchall()
        unique = {
            model.execute(f"PRAGMA index_info({index[1]})").fetchone()[2]
            for index in model.execute(f"PRAGMA index_list({table})")
            if index[3] == "u"
        }
        references = {
            key[3]: f"REFERENCES {key[2]}({key[4]}) ON DELETE CASCADE"
            for key in model.execute(f"PRAGMA foreign_key_list({table})")
        }
        keys = [name for _, name, *_, pk in sorted(columns, key=lambda c: c[5]) if pk]
        alias = len(keys) == 1 and "WITHOUT ROWID" not in sql
        parts = ["note TEXT DEFAULT 'from another version'"]
        for _, name, kind, notnull, default, _ in reversed(columns):
            part = f"{name} {kind}"
            part += " PRIMARY KEY" if alias and name in keys else ""
            part += " NOT NULL" if notnull and not_null else ""
            part += f" DEFAULT {default}" if default is not None else ""
            part += " UNIQUE" if name in unique else ""
            part += f" {references[name]}" if name in references else ""
            parts.append(part)
        if not alias:
            parts.append(f"PRIMARY KEY ({', '.join(keys)})")
        rowid = " WITHOUT ROWID" if "WITHOUT ROWID" in sql else ""
        statements.append(f"CREATE TABLE {table} ({', '.join(parts)}){rowid}")
    statements += [
        sql
        for (sql,) in model.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
    ]
    model.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.commit()
    conn.close()


def opened(data_dir: Path) -> Store:
    opening = open_store(data_dir, now=lambda: MONDAY_9AM)
    assert opening.store is not None, opening.notice
    assert opening.notice is None
    return opening.store


@pytest.fixture
def shuffled(tmp_path: Path) -> Iterator[Store]:
    shuffled_schema(tmp_path / "shuffled" / DB_FILENAME)
    store = opened(tmp_path / "shuffled")
    yield store
    store.close()


def play_a_week(store: Store) -> tuple[Player, SavedRound]:
    """The same players, rounds and round in progress, whatever the file."""
    ana, bob = add_player(store, "Ana"), add_player(store, "Bob")
    store.set_extra_time(ana.id, 1.5)
    save(store, bob.id, score=800, medal="silver", trophies=["sharp-eye"])
    saved = save(
        store,
        ana.id,
        score=900,
        medal="gold",
        trophies=["flawless", "first-light"],
        played_at=MONDAY_9AM + timedelta(hours=1),
        time_scale=None,
        timer=False,
    )
    store.save_in_progress(bob.id, "union-state", {"seed": 4, "actions": [["answer", "Kyiv"]]})
    return ana, saved


def what_is_read(store: Store, player: Player, saved: SavedRound) -> dict[str, object]:
    """Everything the store reads back, with the ids a new file gives out left out."""

    def without_ids(value: object) -> object:
        if isinstance(value, list | tuple):
            return [without_ids(v) for v in value]
        if isinstance(value, dict):
            return {k: without_ids(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            return {
                k: without_ids(v)
                for k, v in fields.items()
                if k not in {"id", "round_id", "player_id", "uuid"}
            }
        return value

    bob = store.player_by_name("Bob")
    assert bob is not None
    return {
        name: without_ids(read())
        for name, read in {
            "players": store.players,
            "overview": store.player_overview,
            "history": lambda: store.history(player.id),
            "round": lambda: store.round(saved.round_id),
            "all rounds": lambda: list(store.all_rounds()),
            "leaderboard": lambda: store.leaderboard("solar-system"),
            "rank": lambda: store.player_rank("solar-system", bob.id),
            "stats": lambda: store.player_stats(player.id),
            "trophies": lambda: store.earned_trophies(player.id),
            "in progress": lambda: store.in_progress(bob.id),
            "packs": store.pack_ids,
        }.items()
    }


def test_a_file_with_columns_in_another_order_reads_back_every_field(
    store: Store, shuffled: Store
) -> None:
    ana, saved = play_a_week(shuffled)

    record = shuffled.round(saved.round_id)
    assert record is not None
    summary = make_summary(score=900, timer=False)
    assert (record.player_name, record.score, record.breakdown) == (
        "Ana",
        900,
        summary.breakdown,
    )
    assert (record.timer, record.streaks, record.time_scale) == (False, True, None)
    assert (record.medal, record.trophies, record.played_at) == (
        "gold",
        ("first-light", "flawless"),
        MONDAY_9AM + timedelta(hours=1),
    )
    assert shuffled.answers(saved.round_id) == summary.answers
    assert shuffled.guesses(saved.round_id) == summary.guesses
    in_progress = shuffled.in_progress(ana.id + 1)
    assert in_progress is not None
    assert (in_progress.pack_id, in_progress.snapshot, in_progress.updated_at) == (
        "union-state",
        {"seed": 4, "actions": [["answer", "Kyiv"]]},
        MONDAY_9AM,
    )
    assert [
        (r.rank, r.player_name, r.score, r.medal) for r in shuffled.leaderboard("solar-system")
    ] == [
        (1, "Ana", 900, "gold"),
        (2, "Bob", 800, "silver"),
    ]
    assert shuffled.player(ana.id) == Player(ana.id, "Ana", ana.created_at, extra_time=1.5)

    # And every field of every read is what a file of our own schema gives.
    ours, ours_saved = play_a_week(store)
    assert what_is_read(shuffled, ana, saved) == what_is_read(store, ours, ours_saved)


# -- values that mean nothing ----------------------------------------------------------


def edit(store: Store, sql: str, *parameters: object) -> None:
    """Change the file behind the store's back, as another program would."""
    conn = connect(store.path)
    with conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute(sql, parameters)
    conn.close()


def reading(store: Store) -> Store:
    """The same file as a teacher's command reads it: damage is said, never repaired."""
    conn = connect(store.path, read_only=True)
    return Store(conn, store.path, now=lambda: MONDAY_9AM, saving=False, may_repair=False)


def unreadable(read: Callable[[], object]) -> UnreadableRow:
    """The row that ``read`` found meaningless: said as damage, with the row as its cause."""
    with pytest.raises(StoreDamaged) as raised:
        read()
    cause = raised.value.__cause__
    assert isinstance(cause, UnreadableRow), cause
    return cause


def round_rowid(store: Store, saved: SavedRound) -> int:
    conn = connect(store.path)
    (rowid,) = conn.execute("SELECT id FROM round WHERE uuid = ?", (saved.round_id,)).fetchone()
    conn.close()
    return rowid


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("UPDATE round SET played_at = 'last Tuesday'", "played_at is 'last Tuesday'"),
        ("UPDATE round SET played_at = x'ff'", "played_at is b'\\xff'"),
        ("UPDATE round SET outcome = 'won-ish'", "outcome is 'won-ish'"),
        ("UPDATE round SET score = 'lots'", "score is 'lots', not a whole number"),
        ("UPDATE round SET seconds_played = 'long'", "seconds_played is 'long', not a number"),
        ("UPDATE round SET timer = 7", "timer is 7, not 0 or 1"),
        ("UPDATE round SET pack_id = x'31'", "pack_id is b'1', not a text"),
    ],
)
def test_a_round_value_that_means_nothing_is_an_unreadable_row(
    store: Store, ana: Player, change: str, reason: str
) -> None:
    saved = save(store, ana.id)
    edit(store, change)
    reader = reading(store)
    reads: list[Callable[[], object]] = [
        lambda: reader.history(ana.id),
        lambda: reader.round(saved.round_id),
        lambda: list(reader.all_rounds()),
    ]
    for read in reads:
        row = unreadable(read)
        assert (row.table, row.rowid) == ("round", round_rowid(store, saved))
        assert row.reason.startswith(reason)
    reader.close()


def test_a_null_where_a_number_is_needed_is_an_unreadable_row(tmp_path: Path) -> None:
    shuffled_schema(tmp_path / "edited" / DB_FILENAME, not_null=False)
    with opened(tmp_path / "edited") as store:
        ana = add_player(store, "Ana")
        saved = save(store, ana.id)
        edit(store, "UPDATE round SET score = NULL")
        with reading(store) as reader:
            row = unreadable(lambda: reader.history(ana.id))
            assert (row.table, row.rowid) == ("round", round_rowid(store, saved))
            assert row.reason == "score is None, not a whole number"
            assert str(unreadable(lambda: reader.leaderboard("solar-system"))).startswith(
                f"round row {row.rowid}: score is None"
            )


def test_a_standings_date_that_means_nothing_is_an_unreadable_row(
    store: Store, ana: Player
) -> None:
    saved = save(store, ana.id, trophies=["flawless"])
    edit(store, "UPDATE round SET played_at = 'soon'")
    reader = reading(store)
    reads: list[Callable[[], object]] = [
        lambda: reader.leaderboard("solar-system"),
        lambda: reader.player_rank("solar-system", ana.id),
        lambda: reader.earned_trophies(ana.id),  # when the trophy was first won
        reader.player_overview,  # the last game
    ]
    for read in reads:
        row = unreadable(read)
        assert row.table in {"round", "player"}
        assert row.reason.startswith(("played_at is 'soon'", "last_played is 'soon'"))
    row = unreadable(lambda: reader.leaderboard("solar-system"))
    assert (row.table, row.rowid) == ("round", round_rowid(store, saved))
    reader.close()


def test_a_player_value_that_means_nothing_is_an_unreadable_row(store: Store, ana: Player) -> None:
    edit(store, "UPDATE player SET created_at = 'in spring'")
    reader = reading(store)
    for read in (reader.players, lambda: reader.player(ana.id), reader.player_overview):
        row = unreadable(read)
        assert (row.table, row.rowid) == ("player", ana.id)
        assert row.reason.startswith("created_at is 'in spring'")
    reader.close()


def test_a_round_in_progress_with_a_date_that_means_nothing_is_an_unreadable_row(
    store: Store, ana: Player
) -> None:
    store.save_in_progress(ana.id, "solar-system", {"seed": 1})
    edit(store, "UPDATE in_progress SET updated_at = 'now-ish'")
    with reading(store) as reader:
        row = unreadable(lambda: reader.in_progress(ana.id))
    assert (row.table, row.rowid) == ("in_progress", ana.id)


@pytest.mark.parametrize(
    ("table", "change", "reason"),
    [
        ("answer", "UPDATE answer SET seconds = 'slow'", "seconds is 'slow', not a number"),
        ("answer", "UPDATE answer SET is_right = 2", "is_right is 2, not 0 or 1"),
        ("guess", "UPDATE guess SET hidden_tiles = 'few'", "hidden_tiles is 'few'"),
    ],
)
def test_an_answer_or_guess_value_that_means_nothing_is_an_unreadable_row(
    store: Store, ana: Player, table: str, change: str, reason: str
) -> None:
    saved = save(store, ana.id)
    edit(store, change)
    with reading(store) as reader:
        read = reader.answers if table == "answer" else reader.guesses
        row = unreadable(lambda: read(saved.round_id))
    # answer and guess have no rowid: the table says where
    assert (row.table, row.rowid) == (table, None)
    assert row.reason.startswith(reason)


def test_a_medal_the_game_does_not_know_is_an_unreadable_row(store: Store, ana: Player) -> None:
    save(store, ana.id, medal="gold")
    edit(store, "UPDATE round SET medal = 'platinum'")
    with reading(store) as reader:
        assert "medal of pack 'solar-system'" in str(
            unreadable(lambda: reader.player_stats(ana.id))
        )
