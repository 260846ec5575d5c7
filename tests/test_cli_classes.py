"""clarity players --class CLASS --add/--remove/--delete-class and --classes: a teacher types a
class list once, and the class game picks its teams from it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from clarity import cli
from clarity.i18n import LANGUAGE_ENV
from clarity.store import Store, open_store
from clarity.store.db import DB_FILENAME
from language_checks import CYRILLIC, untranslated_words
from store.factories import add_player, save, save_class_game
from store.filesystems import make_read_only, writable_then_read_only
from test_cli_languages import words_of_the_data

ANA_SOLO_SCORE = 1_250


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", LANGUAGE_ENV):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Ana (with a round) and Bob saved; no class yet."""
    folder = tmp_path / "data"
    with _opened(folder) as store:
        save(store, add_player(store, "Ana").id, score=ANA_SOLO_SCORE)
        add_player(store, "Bob")
    return folder


def _opened(folder: Path) -> Store:
    opening = open_store(folder)
    assert opening.store is not None
    return opening.store


def _run(capsys: pytest.CaptureFixture[str], folder: Path, *argv: str) -> tuple[int, str, str]:
    status = cli.main(["players", *argv, "--data-dir", str(folder)])
    out, err = capsys.readouterr()
    return status, out, err


def _classes(folder: Path) -> dict[str, list[str]]:
    with _opened(folder) as store:
        return {c.name: [m.name for m in c.members] for c in store.classes()}


def test_adding_to_a_new_class_makes_it_and_the_players_not_saved_yet(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(capsys, data, "--class", "5B", "--add", "ana", "Ben Li", "Zoe")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Made the class 5B.",
        "2 new players saved: Ben Li, Zoe",
        "5B: 3 players: Ana, Ben Li, Zoe",
    ]
    assert _classes(data) == {"5B": ["Ana", "Ben Li", "Zoe"]}


def test_adding_to_a_class_there_is_says_only_what_is_new(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, data, "--class", "5B", "--add", "Ana")
    status, out, _ = _run(capsys, data, "--class", "5b", "--add", "Bob", "ANA")
    assert status == 0
    assert out.splitlines() == ["5B: 2 players: Ana, Bob"]


def test_the_first_class_list_makes_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new"
    status, out, _ = _run(capsys, folder, "--class", "5B", "--add", "Ana")
    assert status == 0
    assert "1 new player saved: Ana" in out.splitlines()
    assert _classes(folder) == {"5B": ["Ana"]}


def test_classes_lists_every_class_with_its_players(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, data, "--class", "Maths club", "--add", "Ana", "Bob")
    _run(capsys, data, "--class", "Choir", "--add", "Ana")
    _run(capsys, data, "--class", "Chess", "--add", "Bob")
    _run(capsys, data, "--class", "Chess", "--remove", "Bob")
    status, out, err = _run(capsys, data, "--classes")
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Chess: no players yet",
        "Choir: 1 player: Ana",
        "Maths club: 2 players: Ana, Bob",
    ]


def test_no_classes_yet_is_said(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, data, "--classes") == (0, "No classes yet.\n", "")


def test_a_class_alone_lists_its_players_as_the_players_table_does(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, data, "--class", "5B", "--add", "Ana")
    status, out, _ = _run(capsys, data, "--class", "5B")
    assert status == 0
    line, header, _rule, *rows = out.splitlines()
    assert line == "5B: 1 player: Ana"
    assert header.split()[:2] == ["Player", "Rounds"]
    assert [row.split()[:2] for row in rows] == [["Ana", "1"]]  # Bob is not in it


def test_removing_takes_players_out_and_keeps_them(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, data, "--class", "5B", "--add", "Ana", "Bob")
    status, out, _ = _run(capsys, data, "--class", "5B", "--remove", "bob")
    assert (status, out) == (0, "5B: 1 player: Ana\n")
    with _opened(data) as store:
        assert [p.name for p in store.players()] == ["Ana", "Bob"]


def test_removing_a_player_not_in_the_class_changes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, data, "--class", "5B", "--add", "Ana", "Bob")
    status, out, err = _run(capsys, data, "--class", "5B", "--remove", "Ana", "Zed")
    assert (status, out) == (1, "")
    assert err == 'clarity: "Zed" is not in 5B; its players are: Ana, Bob\n'
    assert _classes(data) == {"5B": ["Ana", "Bob"]}


def test_deleting_a_class_keeps_its_players(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, data, "--class", "5B", "--add", "Ana", "Bob")
    status, out, _ = _run(capsys, data, "--class", "5B", "--delete-class")
    assert (status, out) == (0, "Deleted the class 5B; its 2 players are kept.\n")
    assert _classes(data) == {}
    with _opened(data) as store:
        assert [p.name for p in store.players()] == ["Ana", "Bob"]


def test_an_unknown_class_lists_the_classes(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, data, "--class", "5B", "--add", "Ana")
    for argv in (["--delete-class"], ["--remove", "Ana"], []):
        status, out, err = _run(capsys, data, "--class", "6A", *argv)
        assert (status, out) == (1, ""), argv
        assert err == 'clarity: there is no class called "6A"; the classes are: 5B\n', argv


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--add", "Ana"], "--add needs --class: the class to change"),
        (["--class", "5B", "--add", "A", "--remove", "B"], "either --add or --remove, not both"),
        (["--class", "5B", "--delete", "Ana"], "either --delete or --class, not both"),
        (["--classes", "--class", "5B"], "either --classes or --class, not both"),
        (["--class", "5\x1bB", "--add", "Ana"], '--class "5\\x1bB": A name cannot contain'),
        (["--class", "5B", "--add", " "], '--add " ": Please type a name.'),
    ],
)
def test_a_class_option_that_means_nothing_is_one_usage_line(
    data: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    before = _classes(data)
    status, out, err = _run(capsys, data, *argv)
    assert (status, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert said in err
    assert _classes(data) == before


def test_a_read_only_data_folder_changes_no_class(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with writable_then_read_only(tmp_path / "data") as folder:
        with _opened(folder) as store:
            store.enrol("5B", ["Ana"])
        make_read_only(folder)
        status, out, err = _run(capsys, folder, "--class", "5B", "--add", "Bob")
        assert (status, out) == (1, "")
        assert err == (
            f"clarity: Saving is off: the data folder {folder} is read-only. Nothing was changed.\n"
        )
        assert _run(capsys, folder, "--classes")[1] == "5B: 1 player: Ana\n"  # it still reads


def test_deleting_a_player_in_classes_leaves_no_trace_of_them(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "Quetzalina Wibbleford"
    _run(capsys, data, "--class", "5B", "--add", name, "Ana")
    _run(capsys, data, "--class", "Choir", "--add", name)
    status, _, err = _run(capsys, data, "--delete", name)
    assert (status, err) == (0, "")
    assert _classes(data) == {"5B": ["Ana"], "Choir": []}
    database = data / DB_FILENAME
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT count(*) FROM class_member").fetchone() == (1,)
    conn.close()
    for path in (database, Path(f"{database}-wal")):
        if path.exists():
            content = path.read_bytes()
            assert name.encode() not in content
            assert name.casefold().encode() not in content


# -- in the class's language ------------------------------------------------------------


def test_classes_speak_russian(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, "ru")
    status, out, _ = _run(capsys, data, "--class", "5Б", "--add", "Ana", "Bob", "Зоя", "Ян")
    assert status == 0
    assert out.splitlines()[-1] == "5Б: 4 игрока: Ana, Bob, Зоя, Ян"
    status, _, err = _run(capsys, data, "--class", "6А", "--delete-class")
    assert status == 1
    assert "класса «6А» нет" in err


def test_the_pseudo_language_leaves_no_english_in_what_the_class_options_print(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, "qps-ploc")
    printed = []
    for argv in (
        ["--classes"],
        ["--class", "5B", "--add", "Ana", "Zoe"],
        ["--class", "Choir", "--add", "Ana"],
        ["--class", "Chess", "--add", "Ana"],
        ["--class", "Chess", "--remove", "Ana"],
        ["--classes"],
        ["--class", "5B"],
        ["--class", "5B", "--remove", "Bob"],
        ["--class", "6A"],
        ["--class", "Choir", "--delete-class"],
        ["--add", "Ana"],
        ["--class", "5B", "--add", " "],
    ):
        _, out, err = _run(capsys, data, *argv)
        assert out or err, argv
        printed += [*out.splitlines(), *err.splitlines()]
    allowed = words_of_the_data(data, "Ana Bob Zoe 5B 6A Choir Chess")
    assert untranslated_words(printed, allowed) == set()
    assert not CYRILLIC.search("".join(printed))


@pytest.mark.parametrize(
    ("argv", "members"),
    [
        (("--class", "5B", "--add", "Zoe"), ["Ana", "Zoe"]),
        (("--class", "5B", "--remove", "Ana"), []),
    ],
)
def test_damage_a_class_command_repairs_on_the_way_is_said(
    data: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], members: list[str]
) -> None:
    assert _run(capsys, data, "--class", "5B", "--add", "Ana")[0] == 0
    assert _run(capsys, data, "--class", "5C", "--add", "Bob")[0] == 0
    conn = sqlite3.connect(data / DB_FILENAME)
    with conn:  # a value no game writes, as a damaged page holds: the opening does not read it
        conn.execute("UPDATE player SET created_at = 'in spring' WHERE name = 'Bob'")
    conn.close()

    status, _out, err = _run(capsys, data, *argv)

    assert status == 0
    assert err.startswith("clarity: The saved data at ")
    assert "was damaged" in err
    assert len(err.splitlines()) == 1
    assert _classes(data)["5B"] == members  # the change was made, on the repaired file


# -- class games in the players' list and the leaderboard ---------------------------------------


@pytest.fixture
def class_game(data: Path) -> Path:
    """Ana's and Bob's team "Team 1" scored 5,536 on the pack rivers, played only by classes."""
    with _opened(data) as store:
        ana, bob = store.player_by_name("Ana"), store.player_by_name("Bob")
        assert ana is not None
        assert bob is not None
        save_class_game(
            store, [("Team 1", [ana.id, bob.id], 5536), ("Team 2", [], 800)], pack_id="rivers"
        )
    return data


def _leaderboard(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[int, str, str]:
    status = cli.main(["leaderboard", "--pack", "rivers", "--data-dir", str(folder)])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_members_best_score_is_their_own_not_their_teams(
    class_game: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["players", "--data-dir", str(class_game)])
    out, _ = capsys.readouterr()
    assert status == 0
    best = {line.split()[0]: line.split()[1:4] for line in out.splitlines()[2:]}
    # the class game is a round each played; the team's 5,536 is neither's own best
    assert best["Ana"][0] == "2"
    assert best["Ana"][2] == f"{ANA_SOLO_SCORE:,}"
    assert best["Bob"][0] == "1"
    assert "5,536" not in out


def test_a_player_who_only_played_class_games_is_not_shown_as_never_having_played(
    class_game: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["players", "--data-dir", str(class_game)])
    out, _ = capsys.readouterr()
    assert status == 0
    (bob,) = [line for line in out.splitlines() if line.startswith("Bob ")]
    # a class game's score is not a best score of his own: the column says why it has none
    assert "class games only" in bob
    (ana,) = [line for line in out.splitlines() if line.startswith("Ana ")]
    assert "class games only" not in ana


@pytest.mark.parametrize("language", ["ru", "qps-ploc"])
def test_only_class_games_is_said_in_the_language(
    class_game: Path,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, language)
    status = cli.main(["players", "--data-dir", str(class_game)])
    out, _ = capsys.readouterr()
    assert status == 0
    assert "class games only" not in out
    names = ("Ana", "Bob", "Cy")
    assert untranslated_words(out.splitlines(), words_of_the_data(*names)) == set()


def test_a_pack_with_only_team_results_says_so_and_where_to_see_them(
    class_game: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _leaderboard(capsys, class_game)
    assert (status, err) == (0, "")
    assert out == (
        "The pack rivers has only team results of class games: see them on the game's "
        "High scores screen, or in clarity results --csv.\n"
    )


@pytest.mark.parametrize("language", ["ru", "qps-ploc"])
def test_a_pack_with_only_team_results_is_said_in_the_language(
    class_game: Path,
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(LANGUAGE_ENV, language)
    status, out, _ = _leaderboard(capsys, class_game)
    assert status == 0
    assert len(out.splitlines()) == 1
    assert untranslated_words(out.splitlines(), words_of_the_data(class_game, "rivers")) == set()
    if language == "ru":
        assert CYRILLIC.search(out)
