"""The packs folder as the studio sees it: refs that name only its packs, new packs, copies
of the game's packs, the bin with undo, imports, all on real files and the real loader."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clarity.core.packs.loader import load_pack
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
    assert any(line.startswith("Geography-quiz.gift:11:") and "skipped" in line for line in lines)
    assert not (workspace.packs_dir.parent.parent / "Geography-quiz.gift").exists()


def test_a_file_that_gives_no_question_makes_no_pack(workspace: Workspace) -> None:
    imported = workspace.import_files([("notes.txt", b"")])
    assert imported.packs == ()
    assert imported.lines
    assert not list(workspace.packs_dir.glob("*.yaml"))
