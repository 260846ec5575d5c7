"""Files dropped on the window: imported into the packs folder, reported, listed and played.

The real App runs headless and gets the events SDL sends for a drop (DROPBEGIN, a
DROPFILE per file, DROPCOMPLETE) through pygame's own queue; the files are written the
way their tools write them (a Moodle GIFT export, a pack, a picture).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pygame
import pytest

from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.ui.app import App, WindowOptions
from clarity.ui.assets import Assets
from clarity.ui.scenes.import_report import ImportReportScene
from clarity.ui.scenes.packs import PackScene
from clarity.ui.services import GameSettings, PackCatalog, Services
from clarity.ui.sound import Sound

from .conftest import write_picture
from .drawn_text import recording_drawn_text
from .menus import click, headless, press, step
from .pack_files import write_pack

#: A Moodle question bank as Moodle exports it to GIFT: a category, comments, titles, and a
#: matching question the game cannot hold (line 9).
MOODLE_GIFT = """\
// question: 0  name: Switch category to $course$/top/Geography
$CATEGORY: $course$/top/Geography


// question: 101  name: Capital of France
::Capital of France::What is the capital of France?{=Paris ~London ~Berlin}

// question: 102  name: Capitals
::Capitals::Match the countries and their capitals. {
\t=France -> Paris
\t=Spain -> Madrid
\t=Italy -> Rome
}

// question: 103  name: Volga
::Volga::The Volga flows into the Caspian Sea.{TRUE}

// question: 104  name: Gagarin
::Gagarin::In which year did Gagarin fly to space?{#1961}
"""
MATCHING_LINE = 9

OpenApp = Callable[..., App]


@pytest.fixture
def open_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[OpenApp]:
    """An App over the bundled packs and a data folder in ``tmp_path``, showing the pack
    list (the screen a teacher drops a file on)."""
    headless(monkeypatch)
    opened: list[App] = []

    def make(size: tuple[int, int] = (1280, 800), language: str | None = None) -> App:
        data_dir = tmp_path / "data"
        environ = {"CLARITY_LANG": language} if language else {}
        assets_dir = bundled_assets_dir()
        services = Services(
            assets=Assets(assets_dir),
            sound=Sound(enabled=False),
            packs=PackCatalog([bundled_questions_dir(), data_dir / "packs"], assets_dir),
            settings=GameSettings(seed=1, environ=environ),
            data_dir=data_dir,
        )
        app = App(services, WindowOptions(size=size))
        app.open()
        opened.append(app)
        app.screens.push("packs")
        step(app)
        _until(app, lambda: isinstance(app.top, PackScene) and not app.top.loading)
        return app

    yield make
    for app in opened:
        app.close()


def _until(app: App, condition: Callable[[], bool], limit: int = 2000) -> None:
    for _ in range(limit):
        if condition():
            return
        step(app)
    raise AssertionError("the game never got there")


def drop(app: App, paths: Sequence[Path], *, wait: bool = True) -> None:
    """Drop ``paths`` on the window as SDL tells it, then let a frame pass; with ``wait``,
    the frames until the files are imported (in the background) and reported."""
    window = pygame.display.get_window_id() if hasattr(pygame.display, "get_window_id") else 0
    pygame.event.post(pygame.event.Event(pygame.DROPBEGIN, window_id=window))
    for path in paths:
        pygame.event.post(pygame.event.Event(pygame.DROPFILE, file=str(path), window_id=window))
    pygame.event.post(pygame.event.Event(pygame.DROPCOMPLETE, window_id=window))
    step(app)
    if wait:
        _until(app, lambda: not app.drops.busy)


def report_of(app: App) -> ImportReportScene:
    top = app.top
    assert isinstance(top, ImportReportScene), top
    return top


def cells(report: ImportReportScene) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row.cells) for row in report.rows]


def pack_titles(app: App) -> list[str]:
    top = app.top
    assert isinstance(top, PackScene)
    return [card.loaded.title for card in top.cards]


def gift_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "geography.gift"
    path.write_bytes(MOODLE_GIFT.replace("\n", "\r\n").encode("utf-8-sig"))  # as Windows saves
    return path


def test_a_moodle_export_dropped_becomes_a_pack_reported_listed_and_played(
    open_app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app()
    assert "Geography" not in pack_titles(app)
    source = gift_file(tmp_path / "downloads")

    with recording_drawn_text(monkeypatch) as drawn:
        drop(app, [source])
        step(app)

    report = report_of(app)
    shown = " ".join(drawn)  # wrapped lines are drawn one by one
    assert "GIFT: 3 questions imported" in shown
    # the source named once, over its lines: each line skipped says where as line:col
    assert [row[0] for row in cells(report)].count("geography.gift") == 1
    assert not any("geography.gift:" in row[0] for row in cells(report))
    assert (
        f"{MATCHING_LINE}:1",
        "skipped: a matching question; the game has no matching questions",
    ) in cells(report)
    written = tmp_path / "data" / "packs" / "geography.yaml"
    assert written.is_file()
    # the whole path when it fits under the heading, else the file's name (this long tmp path)
    assert "Imported into your packs folder: geography.yaml" in shown
    assert report.written[0].loaded.ok
    assert "play it now" in shown

    press(app, pygame.K_ESCAPE)  # back to the pack list, which shows the new pack at once
    _until(app, lambda: isinstance(app.top, PackScene) and "Geography" in pack_titles(app))
    packs = app.top
    assert isinstance(packs, PackScene)
    card = next(c for c in packs.cards if c.loaded.title == "Geography")
    assert card.playable
    card.button.action()  # the teacher clicks its card: the round starts on it
    step(app, 2)
    assert app.top is not None
    assert app.top.name == "play"
    assert app.top.loaded.pack.id == "geography"  # type: ignore[attr-defined]


def test_play_it_now_starts_the_imported_pack(open_app: OpenApp, tmp_path: Path) -> None:
    app = open_app()
    drop(app, [gift_file(tmp_path / "downloads")])
    report = report_of(app)
    assert [b.label for b in report.focus.buttons] == ["Back", "Play it now"]

    press(app, pygame.K_p)
    step(app, 2)

    assert app.top is not None
    assert app.top.name == "play"
    loaded = app.top.loaded  # type: ignore[attr-defined]
    assert loaded.pack.id == "geography"
    assert len(loaded.pack.questions) == 3
    assert loaded.pack.rounds[0].image == "mysteries/lighthouse.png"


def test_a_pack_file_dropped_is_copied_with_its_picture(
    open_app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app()
    source = write_pack(tmp_path / "usb", "rivers", title="Rivers of Europe", questions=12)

    with recording_drawn_text(monkeypatch) as drawn:
        drop(app, [source])
        step(app)

    report = report_of(app)
    assert cells(report)[0] == ("rivers.yaml", "A pack with 12 questions")
    assert "Rivers of Europe" in drawn  # the heading: the pack's title
    packs_dir = tmp_path / "data" / "packs"
    assert (packs_dir / "rivers.yaml").read_bytes() == source.read_bytes()
    assert (packs_dir / "rivers.png").is_file()
    press(app, pygame.K_RETURN)  # Enter is on Back
    _until(app, lambda: isinstance(app.top, PackScene) and "Rivers of Europe" in pack_titles(app))


def test_a_file_in_no_known_format_is_refused_with_the_reason(
    open_app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app()
    broken = tmp_path / "notes.txt"
    broken.write_text("Buy milk.\nCall the school at five.\n", "utf-8")
    before = pack_titles(app)

    with recording_drawn_text(monkeypatch) as drawn:
        drop(app, [broken])
        step(app)

    report = report_of(app)
    first = cells(report)[0]
    assert first[0] == "notes.txt"
    assert first[1].startswith("Not imported: ")
    assert len(first[1]) > len("Not imported: ") + 5
    assert "Not imported" in drawn  # the heading
    assert [b.label for b in report.focus.buttons] == ["Back"]  # nothing to play
    assert not (tmp_path / "data" / "packs").exists() or not any(
        (tmp_path / "data" / "packs").glob("*.yaml")
    )
    press(app, pygame.K_ESCAPE)
    step(app, 3)
    assert pack_titles(app) == before


def test_a_fault_of_the_importer_refuses_the_file_and_the_game_goes_on(
    open_app: OpenApp,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from clarity.formats import importing

    app = open_app()
    good = gift_file(tmp_path / "good")

    def faulty(path: Path, **_: object) -> object:
        if path.name == "broken.gift":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, **_)

    real = importing.import_dropped
    monkeypatch.setattr(importing, "import_dropped", faulty)
    broken = tmp_path / "broken.gift"
    broken.write_text("::A::B {=C ~D}\n", "utf-8")

    drop(app, [broken, good])
    step(app)

    rows = cells(report_of(app))
    refused = next(row for row in rows if row[0] == "broken.gift")
    assert "RecursionError" in refused[1]
    assert "fault" in refused[1]
    assert "Traceback" in capsys.readouterr().err  # the details, for a bug report
    assert [pack.loaded.title for pack in report_of(app).written] == ["Geography"]
    press(app, pygame.K_ESCAPE)  # the game goes on: back to the list, the good file's pack on it
    _until(app, lambda: isinstance(app.top, PackScene) and "Geography" in pack_titles(app))


def test_a_picture_dropped_alone_is_refused_and_several_files_are_one_report(
    open_app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app()
    picture = write_picture(tmp_path / "holiday.png")
    broken = tmp_path / "broken.yaml"
    broken.write_text("clarity: 1\nid: broken\ntitle: [unclosed\n", "utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("Buy milk.\n", "utf-8")

    with recording_drawn_text(monkeypatch) as drawn:
        drop(app, [picture, notes, broken])
        step(app)

    report = report_of(app)
    rows = cells(report)
    names = [row[0] for row in rows]
    # the picture went with the file of questions, which was refused: it is told after them
    assert names.index("notes.txt") < names.index("broken.yaml") < names.index("holiday.png")
    refused = {row[0]: row[1] for row in rows if row[1].startswith("Not imported: ")}
    assert set(refused) == {"holiday.png", "notes.txt", "broken.yaml"}
    # what to do in the window, never a command-line option
    assert (
        "a picture is no pack by itself; drop it together with a file of questions"
        in (refused["holiday.png"])
    )
    assert "rename the file so and drop it again" in refused["notes.txt"]
    assert not any("--" in reason for reason in refused.values())
    assert "0 of 3 files imported" in " ".join(drawn)


def test_pictures_dropped_with_a_question_file_are_its_rounds(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app()
    gift = gift_file(tmp_path / "downloads")
    first = write_picture(tmp_path / "downloads" / "eiffel_tower.png")
    second = write_picture(tmp_path / "downloads" / "big_ben.png")

    drop(app, [first, gift, second])

    report = report_of(app)
    assert [one.path.name for one in report.dropped] == ["geography.gift"]
    pack = report.written[0].loaded.pack
    assert [r.answer for r in pack.rounds] == ["Eiffel tower", "Big ben"]
    assert (tmp_path / "data" / "packs" / "geography" / "big_ben.png").is_file()


def test_the_same_file_dropped_twice_replaces_its_first_import(
    open_app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app()
    gift = gift_file(tmp_path / "downloads")
    drop(app, [gift])
    press(app, pygame.K_ESCAPE)
    _until(app, lambda: isinstance(app.top, PackScene) and "Geography" in pack_titles(app))

    with recording_drawn_text(monkeypatch) as drawn:
        drop(app, [gift])
        step(app)

    assert report_of(app).written[0].pack_path.name == "geography.yaml"
    shown = " ".join(drawn)
    assert "this import replaces geography.yaml" in shown
    assert "already exists" not in shown
    assert sorted(p.name for p in (tmp_path / "data" / "packs").glob("*.yaml")) == [
        "geography.yaml"
    ]
    press(app, pygame.K_ESCAPE)
    _until(app, lambda: isinstance(app.top, PackScene) and not app.top.loading)
    assert pack_titles(app).count("Geography") == 1


def test_a_drop_during_a_round_waits_for_its_end(open_app: OpenApp, tmp_path: Path) -> None:
    app = open_app()
    packs = app.top
    assert isinstance(packs, PackScene)
    playable = next(c for c in packs.cards if c.playable)
    playable.button.action()
    step(app, 2)
    assert app.top is not None
    assert app.top.name == "play"

    drop(app, [gift_file(tmp_path / "downloads")], wait=False)
    step(app, 30)

    assert app.top.name == "play"  # the round goes on
    assert app.notice.text == "1 dropped file is imported when this game is over"
    assert not (tmp_path / "data" / "packs" / "geography.yaml").exists()

    app.screens.reset("packs")  # the round is over (the teacher went back to the packs)
    step(app)
    assert app.drops.busy
    assert app.notice.text == "Importing 1 dropped file…"
    _until(app, lambda: not app.drops.busy)

    report = report_of(app)
    assert cells(report)[0] == ("geography.gift", "GIFT: 3 questions imported")
    assert (tmp_path / "data" / "packs" / "geography.yaml").is_file()


def test_a_second_drop_while_the_report_shows_joins_it(open_app: OpenApp, tmp_path: Path) -> None:
    app = open_app()
    drop(app, [gift_file(tmp_path / "downloads")])
    assert len(report_of(app).dropped) == 1
    depth = len(app.scenes)
    rivers = write_pack(tmp_path / "usb", "rivers", title="Rivers of Europe")

    drop(app, [rivers])

    report = report_of(app)
    # the file just dropped first, where the teacher looks, and its pack the one to play
    assert [one.path.name for one in report.dropped] == ["rivers.yaml", "geography.gift"]
    assert cells(report)[0][0] == "rivers.yaml"
    assert report._scroller.offset == 0
    assert report.play_button.label == "Play “Rivers of Europe”"
    assert report.written[report.chosen].title == "Rivers of Europe"
    assert len(app.scenes) == depth  # one report: Esc goes back to the pack list at once
    press(app, pygame.K_ESCAPE)
    _until(
        app,
        lambda: (
            isinstance(app.top, PackScene)
            and {"Geography", "Rivers of Europe"} <= set(pack_titles(app))
        ),
    )


def test_a_big_bank_is_imported_while_the_screen_keeps_drawing(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app()
    bank = tmp_path / "big.gift"
    bank.write_text(
        "\n\n".join(
            f"::Q{i}::How much is {i} plus {i}?{{={2 * i} ~{2 * i + 1} ~{2 * i - 1}}}"
            for i in range(1, 1501)
        ),
        "utf-8",
    )
    drop(app, [bank], wait=False)
    drawn_while_importing = 0
    for _ in range(5000):
        if not app.drops.busy:
            break
        before = app.frame
        step(app)
        drawn_while_importing += app.frame - before
    assert not app.drops.busy
    assert drawn_while_importing > 1  # frames went on while the file was read and written
    report = report_of(app)
    assert report.written[0].imported == 1500


# -- the pack list follows the packs folder ---------------------------------------------


def test_a_pack_written_into_the_folder_while_the_game_runs_is_listed_when_the_list_shows(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app()
    # as `clarity new` or a teacher's editor writes it, while the game is open
    write_pack(tmp_path / "data" / "packs", "fresh-pack", title="Свежий набор")

    app.screens.reset("title")  # the teacher leaves the list and comes back
    step(app, 3)
    app.screens.push("packs")
    step(app)
    _until(app, lambda: isinstance(app.top, PackScene) and not app.top.loading)

    card = next(c for c in app.top.cards if c.loaded.title == "Свежий набор")  # type: ignore[union-attr]
    assert card.playable


def test_a_pack_edited_while_a_report_shows_is_listed_as_edited_on_going_back(
    open_app: OpenApp, tmp_path: Path
) -> None:
    packs_dir = tmp_path / "data" / "packs"
    pack = write_pack(packs_dir, "rivers", title="Rivers of Europe")
    app = open_app()
    assert "Rivers of Europe" in pack_titles(app)
    drop(app, [pack])  # the same file: it is in the folder already
    assert "already in your packs folder" in cells(report_of(app))[0][1]
    text = pack.read_text("utf-8")
    pack.write_text(text.replace("Rivers of Europe", "Rivers of the World"), "utf-8")

    press(app, pygame.K_ESCAPE)

    _until(
        app,
        lambda: (
            isinstance(app.top, PackScene)
            and not app.top.loading
            and "Rivers of the World" in pack_titles(app)
        ),
    )
    assert "Rivers of Europe" not in pack_titles(app)


# -- when the report opens, and what covers it -----------------------------------------


def test_a_drop_during_a_round_is_reported_only_once_its_results_are_left(
    open_app: OpenApp, tmp_path: Path
) -> None:
    from .test_results import finished_round  # a round played to its end on the core

    app = open_app()
    packs = app.top
    assert isinstance(packs, PackScene)
    card = next(c for c in packs.cards if c.playable)
    card.button.action()
    step(app, 2)
    drop(app, [gift_file(tmp_path / "downloads")], wait=False)
    step(app, 5)
    played = finished_round(card.loaded, guess="not the answer")
    tracker = played.tracker  # type: ignore[attr-defined]
    assert played.summary is not None
    app.screens.replace(  # the round ends as the play screen ends it: on its results
        "results",
        loaded=card.loaded,
        summary=played.summary,
        earned=tracker.earned,
        medal=tracker.medal,
        mystery_index=played.mystery_index,
    )
    step(app, 120)  # two seconds of the class looking at the score

    assert app.top is not None
    assert app.top.name == "results"
    press(app, pygame.K_ESCAPE)  # the presentation shown whole
    press(app, pygame.K_ESCAPE)  # and left, for the title
    _until(app, lambda: not app.drops.busy)

    assert cells(report_of(app))[0] == ("geography.gift", "GIFT: 3 questions imported")
    assert [scene.name for scene in app.scenes] == ["title", "import-report"]


def test_the_importing_notice_stays_with_its_progress_until_the_import_ends(
    open_app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many files take long (300: about 20 s): the notice says how many are done and is
    on screen the whole time, far past a notice's own 1.6 s, then goes with the report."""
    import threading

    from clarity.ui.notice import NOTICE_SECONDS

    from .menus import FRAME

    app = open_app()
    banks = []
    for number in range(3):
        bank = tmp_path / "usb" / f"bank{number}.gift"
        bank.parent.mkdir(parents=True, exist_ok=True)
        bank.write_text(f"::Q{number}::What is {number} plus 2?{{={number + 2} ~9}}\n", "utf-8")
        banks.append(bank)
    # each file's real import waits for the test's word: as slow as the test makes it
    go = threading.Semaphore(0)
    imported: list[Path] = []
    real_import = app.services.import_dropped

    def held(path: Path, images: Sequence[Path] = ()) -> object:
        go.acquire()
        done = real_import(path, images=images)
        imported.append(path)
        return done

    monkeypatch.setattr(app.services, "import_dropped", held)
    frames = round(2 * NOTICE_SECONDS / FRAME)  # twice a notice's own time on screen

    drop(app, banks, wait=False)
    try:
        for _ in range(frames):
            step(app)
            assert app.notice.text == "Importing 3 dropped files…"
        go.release()
        _until(app, lambda: len(imported) == 1)
        step(app, frames)
        assert app.notice.text == "Importing 1 of 3 dropped files…"
        go.release()
        _until(app, lambda: len(imported) == 2)
        step(app, frames)
        assert app.notice.text == "Importing 2 of 3 dropped files…"
        assert app.drops.busy
    finally:
        for _ in range(3 - len(imported)):
            go.release()  # the import thread never left waiting, whatever failed
    _until(app, lambda: not app.drops.busy)

    assert len(report_of(app).written) == 3
    assert app.notice.text is None


def test_the_importing_notice_goes_when_the_report_opens(open_app: OpenApp, tmp_path: Path) -> None:
    app = open_app()
    drop(app, [gift_file(tmp_path / "downloads")], wait=False)
    assert app.notice.text == "Importing 1 dropped file…"

    _until(app, lambda: not app.drops.busy)

    report_of(app)
    assert app.notice.text is None


# -- the report's layout and keys ----------------------------------------------------------


def test_a_long_file_name_fits_the_line_under_the_heading_at_1024(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app(size=(1024, 768), language="be")
    folder = tmp_path / "downloads"
    folder.mkdir()
    name = "Экспарт банка пытанняў Moodle 2025-2026 для 8А і 8Б класаў гімназіі №1.gift"
    source = folder / name
    source.write_bytes(gift_file(folder).read_bytes())

    drop(app, [source])
    step(app)

    report = report_of(app)
    line = report._frame.boxes(app.services.assets)["subheading"]
    assert app.surface.get_rect().contains(line), line
    shown = report._frame.subheading
    assert "…" in shown
    assert shown.endswith(".yaml")
    # the source named once, as the heading of its block; its lines say line:col only
    first_cells = [row[0] for row in cells(report)]
    assert first_cells.count(name) == 1
    assert f"{MATCHING_LINE}:1" in first_cells


def matching_bank(folder: Path, count: int) -> Path:
    """A Moodle export with one question the game takes and ``count`` matching ones."""
    folder.mkdir(parents=True, exist_ok=True)
    matching = "::M{n}::Match {n}. {{\n=a{n} -> b{n}\n=c{n} -> d{n}\n=e{n} -> f{n}\n}}"
    questions = [matching.format(n=n) for n in range(count)]
    bank = folder / "bank.gift"
    bank.write_text("::Q::What is 2 plus 2?{=4 ~3 ~5}\n\n" + "\n\n".join(questions) + "\n", "utf-8")
    return bank


def test_home_and_end_go_to_the_report_s_first_and_last_line(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app()
    drop(app, [matching_bank(tmp_path / "downloads", 60)])
    report = report_of(app)
    assert report._scroller.max_offset > 0

    press(app, pygame.K_END, frames=120)
    assert report._scroller.offset == report._scroller.max_offset
    # the hint the frame draws, made from the screen's bindings table
    assert ("Home End", "first or last line") in report._frame.hints

    press(app, pygame.K_HOME, frames=120)
    assert report._scroller.offset == 0


def test_with_several_packs_the_teacher_chooses_the_one_to_play(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app()
    geography = gift_file(tmp_path / "downloads")
    bank = matching_bank(tmp_path / "usb", 3)
    drop(app, [geography, bank])
    report = report_of(app)
    assert [one.pack_id for one in report.written] == ["geography", "bank"]
    assert report.play_button.label == "Play “Geography”"
    assert ("1–2", "choose the pack to play") in report._frame.hints

    press(app, pygame.K_2)  # the number each pack's block shows
    assert report.play_button.label == "Play “Bank”"
    press(app, pygame.K_p)
    step(app, 2)

    assert app.top is not None
    assert app.top.name == "play"
    assert app.top.loaded.pack.id == "bank"  # type: ignore[attr-defined]


def test_a_click_on_a_pack_s_block_chooses_it(open_app: OpenApp, tmp_path: Path) -> None:
    app = open_app()
    drop(app, [gift_file(tmp_path / "downloads"), matching_bank(tmp_path / "usb", 3)])
    report = report_of(app)
    press(app, pygame.K_2)
    first_row = report._placed[0]
    at = (report._body.centerx, report._body.y + first_row[0] + first_row[1] // 2)

    click(app, at)

    assert report.chosen == 0
    assert report.play_button.label == "Play “Geography”"


# -- what is dropped -----------------------------------------------------------------------


def test_the_same_file_twice_in_one_drop_is_imported_once(
    open_app: OpenApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app()
    gift = gift_file(tmp_path / "downloads")
    again = tmp_path / "downloads" / ".." / "downloads" / gift.name  # the same, written apart

    with recording_drawn_text(monkeypatch) as drawn:
        drop(app, [gift, again, gift])
        step(app)

    report = report_of(app)
    assert [one.path for one in report.dropped] == [gift]
    assert report._frame.heading == "Geography"
    assert "2 of 2 files imported" not in drawn


def test_a_picture_dropped_with_a_pack_is_said_to_be_the_pack_s_business(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app()
    pack = write_pack(tmp_path / "usb", "rivers", title="Rivers of Europe")
    its_own = tmp_path / "usb" / "rivers.png"  # the picture the pack names
    other = write_picture(tmp_path / "usb" / "holiday.png")

    drop(app, [pack, its_own, other])

    report = report_of(app)
    assert [one.path.name for one in report.dropped] == ["rivers.yaml", "holiday.png"]
    said = dict(cells(report))["holiday.png"]
    assert "a pack file names its own pictures" in said
    assert "drop it together with a file of questions" not in said
    assert (tmp_path / "data" / "packs" / "rivers.png").is_file()


def test_a_file_gone_before_its_import_is_said_so_in_the_interface_language(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app(language="ru")
    gone = tmp_path / "downloads" / "gone.gift"

    drop(app, [gone])

    report = report_of(app)
    refused = report.dropped[0].refused
    assert refused is not None
    assert refused.template == "{file}: the file is no longer there"  # type: ignore[union-attr]
    assert "No such file or directory" not in cells(report)[0][1]


def test_a_link_in_a_loop_is_said_to_be_one_not_gone(open_app: OpenApp, tmp_path: Path) -> None:
    app = open_app()
    first, second = tmp_path / "a.gift", tmp_path / "b.gift"
    first.symlink_to(second)
    second.symlink_to(first)

    drop(app, [first])

    refused = report_of(app).dropped[0].refused
    assert refused is not None
    assert refused.template != "{file}: the file is no longer there"  # type: ignore[union-attr]
    assert "link" in str(refused)


def test_a_web_link_dragged_in_says_only_files_can_be_dropped(open_app: OpenApp) -> None:
    app = open_app()
    window = pygame.display.get_window_id() if hasattr(pygame.display, "get_window_id") else 0
    pygame.event.post(pygame.event.Event(pygame.DROPBEGIN, window_id=window))
    pygame.event.post(
        pygame.event.Event(pygame.DROPTEXT, text="https://example.org/quiz.gift", window_id=window)
    )
    pygame.event.post(pygame.event.Event(pygame.DROPCOMPLETE, window_id=window))
    step(app)

    assert app.notice.text is not None
    assert app.notice.text.startswith("Only files from this computer can be dropped here")
    assert isinstance(app.top, PackScene)


def test_a_folder_holding_one_pack_is_that_pack(open_app: OpenApp, tmp_path: Path) -> None:
    app = open_app()
    folder = tmp_path / "usb" / "Rivers"
    write_pack(folder, "rivers", title="Rivers of Europe")

    drop(app, [folder])

    report = report_of(app)
    assert report.written[0].pack_id == "rivers"
    assert (tmp_path / "data" / "packs" / "rivers.png").is_file()


def test_a_folder_without_a_pack_is_refused_with_what_the_game_takes(
    open_app: OpenApp, tmp_path: Path
) -> None:
    app = open_app()
    folder = tmp_path / "usb" / "Holiday"
    folder.mkdir(parents=True)
    write_picture(folder / "beach.png")

    drop(app, [folder])

    row = cells(report_of(app))[0]
    assert row[0] == "Holiday"
    assert "is a folder with no pack file in it" in row[1]
    assert "GIFT" in row[1]
    assert "Kahoot" in row[1]
