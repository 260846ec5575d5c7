"""The packs folder as the studio sees it: refs that name only its packs, new packs, copies
of the game's packs, the bin with undo, imports, all on real files and the real loader."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from clarity.core.packs.loader import load_pack
from clarity.formats.importing import safe_file_name
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.studio.workspace import (
    NotEditable,
    PackNotFound,
    Workspace,
    WorkspaceRefused,
)

from .conftest import HAND_WRITTEN, write_pack

# A Moodle question bank as Moodle's GIFT export writes it (docs.moodle.org/en/GIFT_format):
# a comment, titles in ::, multiple choice with = and ~, true/false, short answer.
GIFT = """\
// question: 1  name: Capital of Belarus
::Capital of Belarus::What is the capital of Belarus?{=Minsk ~Vilnius ~Riga ~Warsaw}

// question: 2  name: Landlocked
::Landlocked::Belarus has no sea coast.{TRUE}

// question: 3  name: River
::River::Which river flows through Minsk?{=Svislach =Svisloch}

// question: 4  name: Essay
::Essay::Write about your town.{}
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    data = tmp_path / "data"
    packs = data / "packs"
    packs.mkdir(parents=True)
    return Workspace(packs, [bundled_questions_dir()], bundled_assets_dir(), data)


def test_a_ref_names_a_pack_of_the_folder_or_of_the_game(workspace: Workspace) -> None:
    own = write_pack(workspace.packs_dir)
    found = workspace.resolve("hand-geo.yaml")
    assert (found.path, found.editable) == (own, True)
    bundled = workspace.resolve("bundled:union_state.yaml")
    assert bundled.path == bundled_questions_dir() / "union_state.yaml"
    assert not bundled.editable


@pytest.mark.parametrize(
    "ref",
    [
        "../hand-geo.yaml",
        "..",
        "sub/hand-geo.yaml",
        "..\\hand-geo.yaml",
        "/etc/passwd",
        "/tmp/x.yaml",
        "C:\\x.yaml",
        "c:x.yaml",
        ".hidden.yaml",
        ".studio-trash",
        "hand-geo.txt",
        "hand-geo.yaml\x00.png",
        "missing.yaml",
        "bundled:../union_state.yaml",
        "bundled:missing.yaml",
        "bundled:",
        "pack.schema.json",
        " hand-geo.yaml",
    ],
)
def test_anything_else_is_not_found(workspace: Workspace, ref: str) -> None:
    write_pack(workspace.packs_dir)
    with pytest.raises(PackNotFound):
        workspace.resolve(ref)


def test_a_link_out_of_the_packs_folder_is_not_found(workspace: Workspace, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(HAND_WRITTEN, encoding="utf-8")
    os.symlink(outside, workspace.packs_dir / "linked.yaml")
    with pytest.raises(PackNotFound):
        workspace.resolve("linked.yaml")
    with pytest.raises(PackNotFound):
        workspace.resolve("linked.yaml", must_exist=False)


def test_the_game_s_packs_cannot_be_changed(workspace: Workspace) -> None:
    with pytest.raises(NotEditable):
        workspace.editable("bundled:union_state.yaml")
    with pytest.raises(NotEditable):
        workspace.delete("bundled:union_state.yaml")
    assert (bundled_questions_dir() / "union_state.yaml").is_file()


def test_the_list_has_the_game_s_packs_then_the_teacher_s_with_their_problems(
    workspace: Workspace,
) -> None:
    write_pack(workspace.packs_dir)
    write_pack(workspace.packs_dir, "broken.yaml", "clarity: 1\nid: broken\ntitle: Broken\n")
    (workspace.packs_dir / ".studio-trash").mkdir()
    write_pack(workspace.packs_dir / ".studio-trash", "hidden.yaml")
    listed = workspace.packs()
    refs = [one.ref for one in listed]
    bundled = sorted(p.name for p in bundled_questions_dir().glob("*.yaml"))
    assert refs == [*(f"bundled:{name}" for name in bundled), "broken.yaml", "hand-geo.yaml"]
    by_ref = {one.ref: one for one in listed}
    assert by_ref["hand-geo.yaml"].loaded.ok
    assert by_ref["hand-geo.yaml"].editable
    assert not by_ref["broken.yaml"].loaded.ok
    assert not by_ref["bundled:union_state.yaml"].editable


def test_a_new_pack_has_its_id_from_the_title_unique_and_loads(workspace: Workspace) -> None:
    first = workspace.new_pack("Столицы Европы", "ru")
    second = workspace.new_pack("Столицы  Европы", "ru")
    assert (first, second) == ("stolitsy-evropy.yaml", "stolitsy-evropy-2.yaml")
    loaded = load_pack(workspace.packs_dir / second, assets_dir=bundled_assets_dir())
    assert loaded.ok, loaded.problems
    assert loaded.pack is not None
    assert (loaded.pack.id, loaded.pack.title, loaded.pack.language) == (
        "stolitsy-evropy-2",
        "Столицы Европы",
        "ru",
    )
    assert (workspace.packs_dir / "pack.schema.json").is_file()


def test_a_new_pack_never_takes_an_id_of_the_game_s(workspace: Workspace) -> None:
    ref = workspace.new_pack("Union State", "en")
    assert ref == "union-state-2.yaml"


@pytest.mark.parametrize(
    ("title", "language"),
    [("", "en"), ("   ", "en"), ("x" * 201, "en"), ("Fine", "english"), ("Fine", "en\nid: x")],
)
def test_a_title_or_language_a_pack_cannot_have_is_refused(
    workspace: Workspace, title: str, language: str
) -> None:
    with pytest.raises(WorkspaceRefused):
        workspace.new_pack(title, language)
    assert not list(workspace.packs_dir.glob("*.yaml"))


def test_a_copy_of_a_game_s_pack_has_a_new_id_and_its_pictures(workspace: Workspace) -> None:
    ref = workspace.copy_pack("bundled:union_state.yaml")
    assert ref == "union-state-2.yaml"
    copied = load_pack(workspace.packs_dir / ref, assets_dir=workspace.packs_dir / "no-assets")
    assert copied.ok, copied.problems  # its pictures found beside it, not in the game's
    assert copied.pack is not None
    assert copied.pack.id == "union-state-2"
    original = load_pack(
        bundled_questions_dir() / "union_state.yaml", assets_dir=bundled_assets_dir()
    )
    assert copied.pack.questions == original.pack.questions  # type: ignore[union-attr]
    for text, path in original.images.items():
        assert (workspace.packs_dir / text).read_bytes() == path.read_bytes()
    head = (workspace.packs_dir / ref).read_text(encoding="utf-8").splitlines()[0]
    assert head == "# yaml-language-server: $schema=pack.schema.json"


def test_a_copy_never_replaces_another_picture(workspace: Workspace) -> None:
    taken = workspace.packs_dir / "union_state" / "belarus.png"
    taken.parent.mkdir()
    taken.write_bytes(b"the teacher's own file")
    with pytest.raises(WorkspaceRefused):
        workspace.copy_pack("bundled:union_state.yaml")
    assert taken.read_bytes() == b"the teacher's own file"
    assert not list(workspace.packs_dir.glob("*.yaml"))


def test_delete_moves_the_pack_to_the_bin_and_undo_puts_it_back(workspace: Workspace) -> None:
    path = write_pack(workspace.packs_dir)
    undo = workspace.delete("hand-geo.yaml")
    assert not path.exists()
    assert [one.ref for one in workspace.packs() if one.editable] == []
    assert workspace.undo(undo) == "hand-geo.yaml"
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    with pytest.raises(PackNotFound):
        workspace.undo(undo)  # once only


def test_undo_never_replaces_a_pack_made_since(workspace: Workspace) -> None:
    path = write_pack(workspace.packs_dir)
    undo = workspace.delete("hand-geo.yaml")
    path.write_text("# a new one\n", encoding="utf-8")
    with pytest.raises(WorkspaceRefused) as refused:
        workspace.undo(undo)
    assert refused.value.code == "taken"
    assert path.read_text(encoding="utf-8") == "# a new one\n"


@pytest.mark.parametrize("undo", ["../../etc", "0123", "ZZZZZZZZZZZZZZZZ", ""])
def test_an_undo_key_that_is_no_key_is_not_found(workspace: Workspace, undo: str) -> None:
    with pytest.raises(PackNotFound):
        workspace.undo(undo)


def test_a_gift_file_is_imported_into_a_pack_with_the_skipped_question_said(
    workspace: Workspace,
) -> None:
    imported = workspace.import_files([("../../Geography quiz.gift", GIFT.encode("utf-8"))])
    assert len(imported.packs) == 1
    ref, title = imported.packs[0]
    assert title == "Geography quiz"
    loaded = load_pack(workspace.resolve(ref).path, assets_dir=bundled_assets_dir())
    assert loaded.ok, loaded.problems
    assert loaded.pack is not None
    assert [q.prompt for q in loaded.pack.questions] == [
        "What is the capital of Belarus?",
        "Belarus has no sea coast.",
        "Which river flows through Minsk?",
    ]
    lines = [str(line) for line in imported.lines]
    assert any(line.startswith("Geography quiz.gift:11:") and "skipped" in line for line in lines)
    assert not (workspace.packs_dir.parent.parent / "Geography-quiz.gift").exists()


def test_a_file_that_gives_no_question_makes_no_pack(workspace: Workspace) -> None:
    imported = workspace.import_files([("notes.txt", b"")])
    assert imported.packs == ()
    assert imported.lines
    assert not list(workspace.packs_dir.glob("*.yaml"))


def test_a_link_out_of_the_packs_folder_is_neither_listed_nor_read(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A pack file linked from outside (``packs/out.yaml -> ~/elsewhere.yaml``) is no pack
    of the studio's: not listed, and its id not read (a named pipe out there would hold
    up whatever read it, so one is linked too)."""
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(HAND_WRITTEN.replace("id: hand-geo", "id: far-away"), encoding="utf-8")
    os.symlink(outside, workspace.packs_dir / "out.yaml")
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    os.symlink(pipe, workspace.packs_dir / "pipe.yaml")
    write_pack(workspace.packs_dir, "inside.yaml")
    os.symlink(workspace.packs_dir / "inside.yaml", workspace.packs_dir / "alias.yaml")
    done: list[object] = []

    def work() -> None:
        done.append([one.ref for one in workspace.packs()])
        done.append(workspace.taken_ids())
        done.append(workspace.new_pack("Far away", "en"))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(30)
    assert len(done) == 3, "reading the packs folder waited on the pipe linked from outside"
    refs, taken, new_ref = done
    mine = [ref for ref in refs if not ref.startswith("bundled:")]  # type: ignore[attr-defined]
    assert mine == ["alias.yaml", "inside.yaml"]  # a link inside the folder is a pack
    assert "far-away" not in taken  # type: ignore[operator]
    assert new_ref == "far-away.yaml"  # the outside file's id was never taken


def test_a_copy_is_titled_as_the_copy_and_keeps_the_rest_as_written(
    workspace: Workspace,
) -> None:
    """The game's pack list shows the copy beside the pack it came from: its title says it
    is the copy; only the id and title lines differ from the original."""
    original_path = bundled_questions_dir() / "solar_system.yaml"
    ref = workspace.copy_pack("bundled:solar_system.yaml")
    copied = load_pack(workspace.packs_dir / ref, assets_dir=bundled_assets_dir())
    original = load_pack(original_path, assets_dir=bundled_assets_dir())
    assert copied.ok, copied.problems
    assert copied.pack is not None
    assert original.pack is not None
    assert copied.pack.title == f"{original.pack.title} (copy)"
    assert copied.pack.id != original.pack.id
    assert copied.pack.questions == original.pack.questions
    old_lines = original_path.read_text(encoding="utf-8").splitlines()
    new_lines = (workspace.packs_dir / ref).read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    # the schema's comment names the schema beside the copy (pack.schema.json)
    assert [b.split(":", 1)[0] for _, b in changed] == ["# yaml-language-server", "id", "title"]
    # a second copy gets an id of its own too
    again = workspace.copy_pack("bundled:solar_system.yaml")
    assert again != ref
    titles = [one.loaded.title for one in workspace.packs()]
    assert titles.count(original.pack.title) == 1


def test_a_long_title_of_a_copy_is_cut_to_what_a_title_may_be(workspace: Workspace) -> None:
    long_title = "A" * 199
    write_pack(
        workspace.packs_dir,
        "long.yaml",
        HAND_WRITTEN.replace("'Geography: capitals'", long_title),
    )
    ref = workspace.copy_pack("long.yaml")
    copied = load_pack(workspace.packs_dir / ref, assets_dir=bundled_assets_dir())
    assert copied.ok, copied.problems
    assert copied.pack is not None
    assert copied.pack.title.endswith("… (copy)")
    assert len(copied.pack.title) <= 200


def test_import_lines_name_the_file_as_the_teacher_sent_it(workspace: Workspace) -> None:
    """A pack file with an error is refused with its line as ``NAME:LINE:COL: ...``: the
    name the teacher's file has, once, and never the folder it was written into."""
    bad = HAND_WRITTEN.replace("id: hand-geo", "id: ../../../tmp/evil")
    imported = workspace.import_files([("Мой тест.yaml", bad.encode("utf-8"))])
    assert imported.packs == ()
    lines = [str(line) for line in imported.lines]
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("Мой тест.yaml:3:5: id: "), line
    assert line.count("Мой тест.yaml") == 1
    assert "clarity-studio-" not in line
    assert os.sep + "tmp" not in line


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("CON.yaml", "CON-pack.yaml"),
        ("nul.yml", "nul-pack.yml"),
        ("Com1.backup.yaml", "Com1-pack.backup.yaml"),
        ("console.yaml", "console.yaml"),
    ],
)
def test_an_imported_pack_file_never_takes_a_windows_device_name(
    workspace: Workspace, sent: str, kept: str
) -> None:
    """``CON``, ``NUL``, ``COM1`` ... (with any ending) name devices on Windows, not files:
    a pack file sent under one is kept under the name and a word (Microsoft's "Naming Files,
    Paths, and Namespaces")."""
    pack_id = kept.split(".", maxsplit=1)[0].lower().replace("-pack", "") + "-quiz"
    text = HAND_WRITTEN.replace("id: hand-geo", f"id: {pack_id}")
    imported = workspace.import_files([(sent, text.encode("utf-8"))])
    assert [ref for ref, _ in imported.packs] == [kept], imported.lines
    assert (workspace.packs_dir / kept).is_file()
    assert safe_file_name(sent) == kept


def test_safe_file_names_of_devices_say_what_they_are() -> None:
    assert safe_file_name("CON.png") == "CON-picture.png"
    assert safe_file_name("lpt¹.gift") == "lpt¹-file.gift"
    assert safe_file_name("aux") == "aux-file"
    assert safe_file_name("auxiliary.csv") == "auxiliary.csv"


# --- a deleted pack's pictures folder -------------------------------------------------------


def pack_with_its_picture(workspace: Workspace, title: str = "Pics") -> tuple[str, Path]:
    """A pack made in the studio whose round shows a picture dropped in (kept in the
    pack's own folder ``<id>/``, as the studio keeps one): its ref and the picture."""
    from clarity.studio.pictures import accept_picture

    from .conftest import png_bytes

    ref = workspace.new_pack(title, "en")
    path = workspace.packs_dir / ref
    pack_id = workspace.pack_id_of(workspace.resolve(ref))
    accepted = accept_picture(path, pack_id, "garden.png", png_bytes(40, 30))
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    image_lines = [index for index, line in enumerate(lines) if "image:" in line]
    assert image_lines, text  # the new pack's round names a picture
    start = lines[image_lines[0]].index("image:")
    lines[image_lines[0]] = lines[image_lines[0]][:start] + f"image: {accepted.image}\n"
    path.write_text("".join(lines), encoding="utf-8")
    loaded = workspace.load(workspace.resolve(ref))
    assert accepted.path in loaded.images.values(), loaded.problems
    return ref, accepted.path


def test_deleting_a_pack_takes_its_pictures_folder_along_and_undo_brings_both_back(
    workspace: Workspace,
) -> None:
    ref, picture = pack_with_its_picture(workspace)
    folder = picture.parent
    assert folder == workspace.packs_dir / "pics"
    pack_text = (workspace.packs_dir / ref).read_bytes()
    picture_bytes = picture.read_bytes()
    undo = workspace.delete(ref)
    assert not (workspace.packs_dir / ref).exists()
    assert not folder.exists()
    assert sorted(path.name for path in (workspace.trash_dir / undo).iterdir()) == [
        "pics",
        "pics.yaml",
    ]
    assert workspace.undo(undo) == ref
    assert (workspace.packs_dir / ref).read_bytes() == pack_text
    assert picture.read_bytes() == picture_bytes
    assert not (workspace.trash_dir / undo).exists()
    assert workspace.load(workspace.resolve(ref)).pack is not None  # it shows its picture


def test_an_imported_pack_takes_the_folder_clarity_import_made_along(
    workspace: Workspace,
) -> None:
    from .conftest import png_bytes

    imported = workspace.import_files(
        [("Geography quiz.gift", GIFT.encode("utf-8")), ("map.png", png_bytes(64, 48))]
    )
    [(ref, _)] = imported.packs
    loaded = workspace.load(workspace.resolve(ref))
    assert loaded.pack is not None
    [picture] = loaded.images.values()
    folder = workspace.packs_dir / loaded.pack.id
    assert picture.parent == folder  # where clarity import puts a pack's pictures
    undo = workspace.delete(ref)
    assert not folder.exists()
    workspace.undo(undo)
    assert workspace.load(workspace.resolve(ref)).pack is not None
    assert picture.is_file()


def test_a_pictures_folder_another_pack_names_stays_where_it_is(workspace: Workspace) -> None:
    ref, picture = pack_with_its_picture(workspace)
    # another pack (a copy the teacher made by hand) shows the same picture
    other = (workspace.packs_dir / ref).read_text(encoding="utf-8").replace("id: pics", "id: other")
    (workspace.packs_dir / "other.yaml").write_text(other, encoding="utf-8")
    assert picture.parent.name in other
    undo = workspace.delete(ref)
    assert not (workspace.packs_dir / ref).exists()
    assert picture.is_file()  # the other pack still shows it
    assert [path.name for path in (workspace.trash_dir / undo).iterdir()] == ["pics.yaml"]
    assert workspace.load(workspace.resolve("other.yaml")).pack is not None
    assert workspace.undo(undo) == ref
    assert workspace.load(workspace.resolve(ref)).pack is not None


def test_a_pack_naming_the_folder_by_another_spelling_keeps_it(workspace: Workspace) -> None:
    ref, picture = pack_with_its_picture(workspace)
    write_pack(
        workspace.packs_dir,
        "later.yaml",
        HAND_WRITTEN.replace("union_state/belarus.png", "./x/../pics\\garden.png"),
    )
    workspace.delete(ref)
    assert picture.is_file()


def test_the_game_s_assets_are_never_taken_along(tmp_path: Path) -> None:
    """A packs folder whose game assets sit inside it under the pack's id (a teacher's
    odd set-up): the assets stay."""
    packs = tmp_path / "packs"
    assets = packs / "hand-geo"
    (assets / "union_state").mkdir(parents=True)
    belarus = bundled_assets_dir() / "union_state" / "belarus.png"
    (assets / "union_state" / "belarus.png").write_bytes(belarus.read_bytes())
    workspace = Workspace(packs, [bundled_questions_dir()], assets, tmp_path)
    write_pack(packs)
    assert workspace.load(workspace.resolve("hand-geo.yaml")).pack is not None
    workspace.delete("hand-geo.yaml")
    assert (assets / "union_state" / "belarus.png").is_file()


def test_undo_never_replaces_a_pictures_folder_made_since(workspace: Workspace) -> None:
    ref, picture = pack_with_its_picture(workspace)
    undo = workspace.delete(ref)
    picture.parent.mkdir()
    (picture.parent / "new.png").write_bytes(b"a new picture")
    with pytest.raises(WorkspaceRefused) as refused:
        workspace.undo(undo)
    assert refused.value.code == "taken"
    assert "pics" in str(refused.value)
    assert [path.name for path in picture.parent.iterdir()] == ["new.png"]
    assert not (workspace.packs_dir / ref).exists()
    assert sorted(path.name for path in (workspace.trash_dir / undo).iterdir()) == [
        "pics",
        "pics.yaml",
    ]


# --- what an import says -------------------------------------------------------------------

#: A pack file a teacher made, whose round shows pic.png (kept beside it on their computer).
LESSON = """\
clarity: 1
id: lesson
title: Lesson
description: A pack with its own picture.
language: en
rounds:
  - image: pic.png
    answer: Garden
    grid: 2x2
questions:
  - id: one
    type: typed
    prompt: What grows in a garden?
    answer: Flowers
  - id: two
    type: truefalse
    prompt: A garden needs water.
    answer: true
"""


def test_a_pack_sent_without_its_picture_is_refused_naming_only_the_teacher_s_files(
    workspace: Workspace,
) -> None:
    imported = workspace.import_files([("lesson.yaml", LESSON.encode("utf-8"))])
    assert imported.packs == ()
    lines = [str(line) for line in imported.lines]
    assert len(lines) == 1
    [line] = lines
    assert line.startswith('lesson.yaml:7:12: rounds[0].image: no picture "pic.png"'), line
    assert "next to the pack (the files you sent)" in line
    # the upload's temporary folder is never named (the game's assets folder, which may be
    # anywhere, even under the temporary folder, is where the picture was also looked for)
    assert "clarity-studio-" not in line


def test_a_picture_sent_with_its_pack_file_is_the_pack_s_not_a_pack_of_its_own(
    workspace: Workspace,
) -> None:
    from .conftest import png_bytes

    picture = png_bytes(60, 40)
    imported = workspace.import_files(
        [("lesson.yaml", LESSON.encode("utf-8")), ("pic.png", picture)]
    )
    assert [ref for ref, _ in imported.packs] == ["lesson.yaml"], imported.lines
    lines = [str(line) for line in imported.lines]
    assert not any("no pack by itself" in line for line in lines), lines
    loaded = workspace.load(workspace.resolve("lesson.yaml"))
    assert [path.read_bytes() for path in loaded.images.values()] == [picture]
    # the same pack naming a picture not sent: refused for that one, the sent one unsaid
    missing = LESSON.replace("    answer: Flowers\n", "    answer: Flowers\n    image: gone.png\n")
    imported = workspace.import_files(
        [("lesson2.yaml", missing.encode("utf-8")), ("pic.png", picture)]
    )
    assert imported.packs == ()
    lines = [str(line) for line in imported.lines]
    assert len(lines) == 1, lines
    assert lines[0].startswith('lesson2.yaml:15:12: questions[0].image: no picture "gone.png"')
    assert "clarity-studio-" not in lines[0]
    # a picture no pack file names is still said to be no pack by itself
    imported = workspace.import_files(
        [
            ("lesson3.yaml", LESSON.replace("id: lesson", "id: lesson-3").encode()),
            ("pic.png", picture),
            ("stray.png", png_bytes(9, 9)),
        ]
    )
    lines = [str(line) for line in imported.lines]
    assert [ref for ref, _ in imported.packs] == ["lesson3.yaml"], lines
    assert (
        [line for line in lines if "no pack by itself" in line]
        == [line for line in lines if line.startswith("stray.png: ")]
        != []
    )


def test_a_copy_not_written_on_a_full_disk_leaves_nothing_behind(tmp_path: Path) -> None:
    from .test_pictures import on_a_full_disk

    [outcome] = on_a_full_disk(
        tmp_path,
        """
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.studio.workspace import Workspace, WorkspaceRefused
workspace = Workspace(packs, [bundled_questions_dir()], bundled_assets_dir(), packs.parent)
fill()
try:
    workspace.copy_pack("bundled:union_state.yaml")
    report({"said": None, "left": sorted(os.listdir(packs))})
except WorkspaceRefused as refused:
    report({"said": str(refused), "left": sorted(os.listdir(packs))})
""",
    )
    assert outcome["said"] is not None
    assert "No space left on device" in outcome["said"]
    assert outcome["left"] == []  # no union_state/ folder, no picture, no pack file
