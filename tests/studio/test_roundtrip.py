"""Saving a studio document into a pack file keeps what the teacher wrote by hand.

Every saved file is read back by the real loader (``load_pack``) and its composer data
compared with the document; the hand-written packs below are written the ways teachers
write YAML: comments on the header, above questions and at line ends, 2 or 4 spaces,
indented and non-indented lists, flow lists, quoted and plain texts, a ``>-`` text,
Windows line endings, a byte-order mark.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import hashlib
import os
import re
import shutil
import string
import tempfile
import time
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from clarity.atomic_files import FileNotWritten
from clarity.core.messages import english_text
from clarity.core.packs.loader import load_pack
from clarity.core.packs.plain_yaml import compose
from clarity.core.packs.problems import keep_written_words
from clarity.core.packs.report import Report
from clarity.formats.pack_files import new_pack_text
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.studio.documents import DocumentUnreadable, open_document
from clarity.studio.roundtrip import (
    MAX_BACKUPS,
    ChangedOnDisk,
    DocumentNotSaved,
    SavedPack,
    save_document,
)

SHARED_CASES = Path("/work/shared/cases/packs")

HAND = """\
# A hand-written pack about rivers.
# Keep it short: three questions.
clarity: 1
id: rivers   # the id never changes
title: "Rivers of Europe"
description: >-
  A short pack about the rivers of Europe, written by hand
  with a folded description.
language: en
time_limit: 30  # seconds

rounds:
- image: union_state/belarus.png
  answer: Belarus
  accept: [Republic of Belarus, 'Byelorussia']
  grid: 1x3

questions:
    # The longest river
    - id: longest
      type: choice
      prompt: Which river is the longest in Europe?  # not the Danube
      choices:
      - Volga
      - Danube
      - 'Rhine'
      answer: Volga
      explain: |
        The Volga is about 3,530 km long.
        It flows into the Caspian Sea.

    # Minsk
    - id: minsk-river
      type: typed
      prompt: 'Which river flows through Minsk?'
      answer: Svislach
      accept:
      - Svisloch

    - id: danube-capitals
      type: number
      prompt: How many capitals does the Danube flow through?
      answer: "4"
      time_limit: 20
"""

# The same pack in two-space style, lists indented, no comments in the lists.
HAND_TWO = """\
clarity: 1
id: two-space
title: Two spaces
language: ru
rounds:
  - image: union_state/belarus.png
    answer: Беларусь
    grid: 1x2
questions:
  - id: q1
    type: truefalse
    prompt: Минск — столица Беларуси.
    answer: true
  - id: q2
    type: choice
    prompt: "Сколько будет 2 + 2?"
    choices: [ "3", "4", "5" ]
    answer: "4"
"""


def composed(text: str) -> Any:
    """The document of a pack's text as the studio opens it (the composer's data, with a
    plain ``null`` kept as the word where a field cannot be left out)."""
    found = compose(text.removeprefix("\ufeff"), Report(Path("pack.yaml")))
    assert found is not None
    raw, positions = found
    if isinstance(raw, dict):
        keep_written_words(raw, positions)
    return raw


def revision(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save(path: Path, document: dict[str, Any], **options: Any) -> SavedPack:
    if "expected_revision" not in options:
        options["expected_revision"] = revision(path) if path.exists() else ""
    options.setdefault("backups_dir", path.parent / ".studio-backups")
    return save_document(path, document, **options)


def loads_as(path: Path, document: dict[str, Any]) -> None:
    """The real loader reads the file, and its composer reads exactly ``document``."""
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    assert loaded.problems is not None  # read, whatever it says
    assert composed(path.read_bytes().decode("utf-8")) == document


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed ("-") and added ("+"), in order (a diff without difflib's
    "popular line" shortcut, which on a long file marks unchanged lines changed)."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    changed = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changed += [f"-{line}" for line in old[i1:i2]] + [f"+{line}" for line in new[j1:j2]]
    return changed


def write(tmp_path: Path, text: str, name: str = "pack.yaml", *, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def put_texts(document: Any, edits: Iterable[tuple[tuple[Any, ...], str]]) -> None:
    """Each text of ``edits`` put in ``document`` at its place (the keys and list indexes
    down to it, as :func:`leaf_paths` gives them), as the page does when a field is typed
    in."""
    for where, text in edits:
        target = document
        for step in where[:-1]:
            target = target[step]
        target[where[-1]] = text


def saved_copy(path: Path, document: dict[str, Any], backups_dir: Path) -> str:
    """A copy of ``document`` saved over the pack file ``path`` (``document`` itself stays
    as it was, to be compared with what is read back), its backups in ``backups_dir``; the
    file's text after, its bytes decoded as UTF-8 and nothing else (a BOM and CR LF kept)."""
    save(path, copy.deepcopy(document), backups_dir=backups_dir)
    return path.read_bytes().decode("utf-8")


def pack_files() -> list[Path]:
    files = sorted(bundled_questions_dir().glob("*.yaml"))
    if SHARED_CASES.is_dir():
        files += sorted(SHARED_CASES.glob("*/*.yaml"))
    return files


# --- nothing changed: nothing written ------------------------------------------------------


@pytest.mark.parametrize("source", pack_files(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_an_unchanged_real_pack_is_left_byte_for_byte(tmp_path: Path, source: Path) -> None:
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    try:
        document = open_document(path)  # as the studio opens it
    except DocumentUnreadable:
        pytest.skip("not a pack the studio can open")
    saved = save(path, document)
    assert path.read_bytes() == source.read_bytes()
    assert saved == SavedPack(revision(path), None)


@pytest.mark.parametrize(
    ("text", "newline", "bom"),
    [
        (HAND, "\n", ""),
        (HAND, "\r\n", ""),
        (HAND, "\n", "\ufeff"),
        (HAND_TWO, "\r\n", "\ufeff"),
        (HAND_TWO, "\n", ""),
    ],
    ids=["four-spaces", "crlf", "bom", "two-spaces-crlf-bom", "two-spaces"],
)
def test_an_unchanged_hand_written_pack_is_left_byte_for_byte(
    tmp_path: Path, text: str, newline: str, bom: str
) -> None:
    path = write(tmp_path, bom + text, newline=newline)
    before = path.read_bytes()
    save(path, composed(text))
    assert path.read_bytes() == before
    assert not (tmp_path / ".studio-backups").exists()


def test_a_real_pack_edited_then_edited_back_is_its_old_bytes(tmp_path: Path) -> None:
    source = bundled_questions_dir() / "union_state.yaml"
    path = write(tmp_path, source.read_text(encoding="utf-8"))
    document = composed(path.read_text(encoding="utf-8"))
    changed = copy.deepcopy(document)
    changed["questions"][3]["prompt"] = "Something else"
    save(path, changed)
    save(path, document)
    assert path.read_bytes() == source.read_bytes()


# --- one edit, one line ------------------------------------------------------------------


def test_editing_a_prompt_changes_only_that_line_and_keeps_its_comment(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["questions"][0]["prompt"] = "Which river is the longest in all of Europe?"
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(HAND, after) == [
        "-      prompt: Which river is the longest in Europe?  # not the Danube",
        "+      prompt: Which river is the longest in all of Europe?  # not the Danube",
    ]
    loads_as(path, document)


def test_editing_a_bundled_pack_changes_only_the_edited_lines(tmp_path: Path) -> None:
    source = bundled_questions_dir() / "solar_system.yaml"
    before = source.read_text(encoding="utf-8")
    path = write(tmp_path, before)
    document = composed(before)
    document["questions"][2]["explain"] = "Ёлка: 🌲 and עברית"
    document["time_limit"] = "25"
    save(path, document)
    after = path.read_text(encoding="utf-8")
    old_explain = composed(before)["questions"][2]["explain"]
    assert changed_lines(before, after) == [
        "-time_limit: 20",
        "+time_limit: 25",
        f"-    explain: {old_explain}",
        "+    explain: 'Ёлка: 🌲 and עברית'",
    ]
    loads_as(path, document)


def test_a_quoted_value_stays_in_its_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["title"] = "Rivers and lakes of Europe"
    document["questions"][1]["prompt"] = "Which river flows through Brest?"
    document["rounds"][0]["accept"][1] = "Belorussia"
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(HAND, after) == [
        '-title: "Rivers of Europe"',
        '+title: "Rivers and lakes of Europe"',
        "-  accept: [Republic of Belarus, 'Byelorussia']",
        "+  accept: [Republic of Belarus, 'Belorussia']",
        "-      prompt: 'Which river flows through Minsk?'",
        "+      prompt: 'Which river flows through Brest?'",
    ]
    loads_as(path, document)


def test_block_texts_stay_block_texts(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["description"] = "Rivers of Europe, " * 10 + "the end."
    document["questions"][0]["explain"] = "The Volga is long.\nIt flows into the Caspian Sea.\n"
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert "description: >-\n  Rivers of Europe, Rivers" in after
    assert max(len(line) for line in after.splitlines()) <= 100
    assert (
        "      explain: |\n        The Volga is long.\n        It flows into the Caspian" in after
    )
    assert "\n    # Minsk\n" in after
    loads_as(path, document)


# --- structure: keys and list items --------------------------------------------------------


def test_structural_edits_keep_every_comment(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["questions"][0]["choices"].append("Dnieper")  # add a choice
    document["time_limit"] = "45"  # change time_limit
    moved = document["questions"].pop(1)  # move a question ...
    document["questions"].append(moved)  # ... to the end
    document["questions"].insert(  # add a question
        1,
        {
            "id": "rhine",
            "type": "truefalse",
            "prompt": "The Rhine flows into the North Sea.",
            "answer": "true",
        },
    )
    save(path, document)
    after = path.read_text(encoding="utf-8")
    for comment in (
        "# A hand-written pack about rivers.",
        "# Keep it short: three questions.",
        "id: rivers   # the id never changes",
        "time_limit: 45  # seconds",
        "    # The longest river\n    - id: longest",
        "prompt: Which river is the longest in Europe?  # not the Danube",
        "    # Minsk\n    - id: minsk-river",
    ):
        assert comment in after
    # the new choice in the list's own style (not indented), the new question at its place
    assert "      - 'Rhine'\n      - Dnieper\n      answer: Volga" in after
    assert (
        after.index("id: rhine")
        < after.index("id: danube-capitals")
        < after.index("id: minsk-river")
    )
    assert "    - id: rhine\n      type: truefalse\n      prompt: The Rhine" in after
    assert "      answer: true\n" in after  # a boolean field: plain true
    loads_as(path, document)
    assert load_pack(path, assets_dir=bundled_assets_dir()).ok


def test_deleting_a_question_takes_its_comment_and_leaves_the_others(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    del document["questions"][1]
    del document["questions"][0]["explain"]
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert "# Minsk" not in after
    assert "minsk-river" not in after
    assert "Caspian" not in after
    assert "    # The longest river\n    - id: longest" in after
    assert "      answer: Volga\n\n    - id: danube-capitals" in after
    loads_as(path, document)


def test_added_keys_go_after_the_key_before_them(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    header = {}
    for key, value in document.items():
        header[key] = value
        if key == "language":
            header["author"] = "Ms Ivanova"
    header["questions"][2]["difficulty"] = "hard"
    save(path, header)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(HAND, after) == [
        "+author: Ms Ivanova",
        "+      difficulty: hard",
    ]
    assert "language: en\nauthor: Ms Ivanova\ntime_limit: 30" in after
    loads_as(path, header)


def test_a_new_list_in_a_four_space_file_is_indented_like_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["questions"][2]["accept"] = ["four", "IV"]
    document["questions"][0]["tags"] = ["long", "Russia"]
    save(path, document)
    after = path.read_text(encoding="utf-8")
    # in the list style of the file (not indented), after the answer as in a new pack
    assert (
        '      answer: "4"\n      accept:\n      - four\n      - IV\n      time_limit: 20\n'
        in after
    )
    assert (
        "        It flows into the Caspian Sea.\n      tags:\n      - long\n      - Russia\n\n"
        in after
    )
    loads_as(path, document)


def test_crlf_and_bom_are_kept_in_changed_and_added_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff" + HAND_TWO, newline="\r\n")
    document = composed(HAND_TWO)
    document["questions"][0]["prompt"] = "Брест — столица Беларуси."
    document["questions"].append(
        {"id": "q3", "type": "typed", "prompt": "Первая строка\nвторая строка", "answer": "Да"}
    )
    save(path, document)
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert data.count(b"\n") == data.count(b"\r\n")
    text = data.decode("utf-8")
    assert "Брест — столица Беларуси." in text  # Cyrillic written as text, not escaped
    assert "  - id: q3\r\n    type: typed\r\n    prompt: |-\r\n      Первая строка\r\n" in text
    loads_as(path, document)


def test_flow_lists_stay_flow_lists_with_their_spacing(tmp_path: Path) -> None:
    path = write(tmp_path, HAND_TWO)
    document = composed(HAND_TWO)
    document["questions"][1]["choices"] = ["3", "4", "5", "6, or more"]
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(HAND_TWO, after) == [
        '-    choices: [ "3", "4", "5" ]',
        '+    choices: [ "3", "4", "5", "6, or more" ]',  # in double quotes, as the others
    ]
    loads_as(path, document)


# --- what YAML would read as something else -----------------------------------------------

SPECIAL = [
    "no",
    "On",
    "007",
    "1e3",
    "null",
    "~",
    "0x10",
    "2020-01-01",
    "*star",
    "&anchor",
    "!tag",
    "%pct",
    "@at",
    "`tick",
    "key: value",
    "- item",
    "# hash",
    "a #b",
    "",
    " lead",
    "trail ",
    "yes",
    "Y",
    ".inf",
    "1_000",
    "12:30",
    "[1, 2]",
    "{a: b}",
    "'quoted'",
    '"double"',
    "ends:",
    "?",
    "|",
    ">",
]


@pytest.mark.parametrize("text", SPECIAL)
def test_text_yaml_would_read_otherwise_is_quoted(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["questions"][1]["answer"] = text
    document["questions"][1]["accept"] = [text]
    document["rounds"][0]["accept"] = [text, "x"]
    save(path, document)
    written = path.read_text(encoding="utf-8")
    loads_as(path, document)
    # YAML 1.1 (PyYAML) and YAML 1.2 (ruamel.yaml) read the same text too
    for data in (yaml.safe_load(written), YAML(typ="safe", pure=True).load(written)):
        assert data["questions"][1]["answer"] == text
        assert data["questions"][1]["accept"] == [text]
        assert data["rounds"][0]["accept"] == [text, "x"]


def test_number_fields_are_written_as_numbers_and_other_texts_as_texts(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["questions"][0]["time_limit"] = "40"  # a new number field
    document["questions"][2]["time_limit"] = "soon"  # not a number: text (the loader says so)
    document["questions"][2]["answer"] = "5"  # a number question's answer is text in the model
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert "      time_limit: 40\n" in after
    assert "      time_limit: soon\n" in after
    assert '      answer: "5"\n' in after  # kept in its double quotes
    loads_as(path, document)


# --- conflicts, backups, new packs ---------------------------------------------------------


def test_a_file_changed_on_disk_is_not_overwritten_unless_forced(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    opened = revision(path)
    path.write_text(HAND.replace("Volga", "Волга"), encoding="utf-8")
    document = composed(HAND)
    document["title"] = "Mine"
    with pytest.raises(ChangedOnDisk) as raised:
        save(path, document, expected_revision=opened)
    assert raised.value.disk_revision == revision(path)
    assert "Волга" in path.read_text(encoding="utf-8")
    saved = save(path, document, expected_revision=opened, force=True)
    assert saved.revision == revision(path)
    assert saved.backup is not None
    assert "Волга" in saved.backup.read_text(encoding="utf-8")
    loads_as(path, document)


def test_a_missing_file_is_a_conflict_and_a_new_pack_may_not_replace_one(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    opened = revision(path)
    path.unlink()
    with pytest.raises(ChangedOnDisk) as raised:
        save(path, composed(HAND), expected_revision=opened)
    assert raised.value.disk_revision == ""
    path = write(tmp_path, HAND)
    with pytest.raises(ChangedOnDisk):
        save(path, composed(HAND), expected_revision="")
    assert path.read_text(encoding="utf-8") == HAND


def test_backups_keep_the_previous_bytes_and_at_most_ten(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    backups = tmp_path / ".studio-backups"
    other = write(tmp_path, HAND_TWO, "rivers-2.yaml")  # another pack's backups are its own
    save(other, {**composed(HAND_TWO), "title": "Other"})
    document = composed(HAND)
    previous = [path.read_bytes()]
    for number in range(MAX_BACKUPS + 3):
        document["title"] = f"Rivers {number}"
        saved = save(path, document)
        assert saved.backup is not None
        assert saved.backup.parent == backups
        assert saved.backup.read_bytes() == previous[-1]
        name = r"pack\.yaml-\d{8}T\d{6}\.\d{6}Z(-\d+)?\.yaml"
        assert re.fullmatch(name, saved.backup.name)
        previous.append(path.read_bytes())
    mine = sorted(backups.glob("pack.yaml-*.yaml"))
    assert len(mine) == MAX_BACKUPS
    assert sorted(one.read_bytes() for one in mine) == sorted(previous[-MAX_BACKUPS - 1 : -1])
    assert len(list(backups.glob("rivers-2.yaml-*.yaml"))) == 1


def test_two_files_of_one_name_keep_their_own_backups(tmp_path: Path) -> None:
    # quiz.yaml and quiz.yml are two packs: saving one never pushes out the other's backups
    yaml_file = write(tmp_path, HAND, "quiz.yaml")
    yml_file = write(tmp_path, HAND, "quiz.yml")
    backups = tmp_path / ".studio-backups"
    document = composed(HAND)
    document["title"] = "The yml one"
    first = save(yml_file, document)
    for number in range(MAX_BACKUPS + 2):
        document["title"] = f"The yaml one {number}"
        save(yaml_file, document)
    assert first.backup is not None
    assert first.backup.name.startswith("quiz.yml-")
    assert first.backup.read_text(encoding="utf-8") == HAND  # still there
    assert len(list(backups.glob("quiz.yaml-*"))) == MAX_BACKUPS
    assert len(list(backups.glob("quiz.yml-*"))) == 1


def as_a_user(test: Any) -> None:
    """Run ``test(folder)`` with a fresh folder, as a user whom permissions bind: as this
    user, or when the tests run as root (who writes any file) in a child process as
    ``nobody`` (uid 65534), whose failure fails the test."""
    if not hasattr(os, "geteuid"):
        pytest.skip("permissions as POSIX has them")
    folder = Path(tempfile.mkdtemp(prefix="clarity-roundtrip-"))
    try:
        if os.geteuid() != 0:
            test(folder)
            return
        os.chown(folder, 65534, 65534)
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's result is its exit code
            code = 1
            try:
                os.setgid(65534)
                os.setuid(65534)
                test(folder)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "the test failed as nobody (see stderr)"
    finally:
        for one in folder.rglob("*"):
            with contextlib.suppress(OSError):
                one.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_saves_that_fail_leave_the_older_backups_as_they_were() -> None:
    as_a_user(_failed_saves_leave_the_backups)


def _failed_saves_leave_the_backups(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    path = write(packs, HAND)
    backups = tmp_path / "backups"  # writable while the packs folder is not
    document = composed(HAND)
    for number in range(MAX_BACKUPS):
        document["title"] = f"Version {number}"
        save(path, document, backups_dir=backups)
    kept = {one.name: one.read_bytes() for one in backups.iterdir()}
    on_disk = path.read_bytes()
    packs.chmod(0o555)
    try:
        for number in range(MAX_BACKUPS):
            document["title"] = f"Failed {number}"
            with pytest.raises(FileNotWritten):
                save(path, document, backups_dir=backups)
    finally:
        packs.chmod(0o755)
    assert {one.name: one.read_bytes() for one in backups.iterdir()} == kept
    assert path.read_bytes() == on_disk


def test_a_save_that_fails_removes_its_own_backup_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pack's write fails after its backup was written (a disk that filled up between
    # the two): the backups are as before the save, ten of them, the oldest still there.
    from clarity.studio import roundtrip

    path = write(tmp_path, HAND)
    backups = tmp_path / ".studio-backups"
    document = composed(HAND)
    for number in range(MAX_BACKUPS):
        document["title"] = f"Version {number}"
        save(path, document)
    kept = sorted(one.name for one in backups.iterdir())
    real = roundtrip.write_replacing

    def disk_full_for_the_pack(target: Path, data: bytes) -> None:
        if target == path:
            raise FileNotWritten(target, "No space left on device", 28)
        real(target, data)

    monkeypatch.setattr(roundtrip, "write_replacing", disk_full_for_the_pack)
    document["title"] = "Never saved"
    with pytest.raises(FileNotWritten, match="No space left"):
        save(path, document)
    assert sorted(one.name for one in backups.iterdir()) == kept
    assert "Version 9" in path.read_text(encoding="utf-8")


def test_temporary_files_a_killed_backup_left_are_cleaned_and_never_counted(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, HAND)
    backups = tmp_path / ".studio-backups"
    backups.mkdir()
    # what clarity.atomic_files leaves of a backup when the save is killed mid-write
    stale = backups / ".pack.yaml-20261201T101010.123456Z.yaml.tmp-0a1b2c3d"
    fresh = backups / ".pack.yaml-20261201T101011.123456Z.yaml.tmp-0a1b2c3e"  # a save now
    other = backups / ".notes.txt.tmp-0a1b2c3d"  # not our naming
    for one in (stale, fresh, other):
        one.write_bytes(b"half a pack")
    an_hour_ago = time.time() - 3600
    for one in (stale, other):
        os.utime(one, (an_hour_ago, an_hour_ago))
    document = composed(HAND)
    for number in range(MAX_BACKUPS + 1):
        document["title"] = f"Version {number}"
        save(path, document)
    assert not stale.exists()
    assert fresh.exists()
    assert other.exists()
    assert len(list(backups.glob("pack.yaml-*.yaml"))) == MAX_BACKUPS


def test_a_read_only_pack_file_is_refused_and_left_alone() -> None:
    as_a_user(_read_only_pack_refused)


def _read_only_pack_refused(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    path.chmod(0o444)
    document = composed(HAND)
    document["title"] = "Changed"
    try:
        with pytest.raises(FileNotWritten, match="read-only") as raised:
            save(path, document)
        assert "\n" not in str(raised.value)
        assert path.read_text(encoding="utf-8") == HAND
        assert not (tmp_path / ".studio-backups").exists()
        assert save(path, composed(HAND)).backup is None  # nothing changed: fine
    finally:
        path.chmod(0o644)


def test_a_new_pack_is_written_in_the_new_pack_layout(tmp_path: Path) -> None:
    path = tmp_path / "fresh.yaml"
    document = {
        "questions": [
            {"prompt": "2 + 2?", "answer": "4", "type": "number", "id": "sum", "time_limit": "15"},
            {
                "type": "choice",
                "id": "yes-no",
                "prompt": "Pick: no",
                "choices": ["no", "yes"],
                "answer": "no",
            },
        ],
        "title": "Свежий набор",
        "description": "Новый набор из студии",
        "author": "Ms Ivanova",
        "rounds": [{"grid": "1x2", "answer": "Belarus", "image": "union_state/belarus.png"}],
        "language": "ru",
        "id": "fresh",
        "clarity": "1",
        "time_limit": "30",
    }
    saved = save(path, document, expected_revision="")
    assert saved.backup is None
    assert saved.revision == revision(path)
    text = path.read_text(encoding="utf-8")
    loads_as(path, document)
    assert load_pack(path, assets_dir=bundled_assets_dir()).ok
    example = composed(new_pack_text("x", "X", "en"))
    order = [key for key in example if key in document]
    assert [key for key in composed(text) if key in order] == order
    assert text.index("language: ru") < text.index("author: Ms Ivanova") < text.index("time_limit")
    assert "clarity: 1\n" in text
    assert "time_limit: 30\n" in text
    assert "  - id: sum\n    type: number\n    prompt: 2 + 2?\n" in text
    assert "title: Свежий набор\n" in text


# --- any text survives ---------------------------------------------------------------------

# Pieces of text, joined: YAML's signs, line breaks of every kind, Latin, Cyrillic, Hebrew,
# emoji, and words YAML reads as something else.
PIECES = [
    *" \n'\"#:-&*!%@`|>[]{},?~\\\t\r\x85\u2028\ufeff",
    *string.ascii_letters[:8],
    *string.digits[:4],
    *"ЁёЖжЩщўі",
    *("שלום", "😀", "é", "no", "null", "007", "1e3", ": ", " #", "- ", "  "),
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
FIELDS = [
    ("title",),
    ("description",),
    ("rounds", 0, "answer"),
    ("rounds", 0, "caption"),
    ("questions", 0, "prompt"),
    ("questions", 0, "explain"),
    ("questions", 0, "choices", 1),
    ("questions", 1, "prompt"),
    ("questions", 1, "accept", 0),
    ("questions", 2, "answer"),
    ("questions", 2, "prompt"),
    ("rounds", 0, "accept", 0),
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(st.tuples(st.sampled_from(FIELDS), TEXTS), min_size=1, max_size=4))
def test_random_texts_read_back_as_written(tmp_path: Path, edits: list[Any]) -> None:
    path = write(tmp_path, HAND, "random.yaml")
    document = composed(HAND)
    put_texts(document, edits)
    assert composed(saved_copy(path, document, tmp_path / "backups")) == document
    assert path.read_text(encoding="utf-8").count("# The longest river") == 1


def test_a_header_field_goes_to_its_place_in_the_pack_whatever_the_document_order(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["license"] = "CC BY 4.0"  # last in the document: after the questions
    document["author"] = "Ms Ivanova"
    document["rounds"][0]["caption"] = "The river Svislach flows through Minsk."
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(HAND, after) == [
        "+author: Ms Ivanova",
        "+license: CC BY 4.0",
        "+  caption: The river Svislach flows through Minsk.",
    ]
    assert "  accept: [Republic of Belarus, 'Byelorussia']\n  caption: The river" in after
    loads_as(path, document)


# A structural edit of the hand-written pack: what it does to the document.
EDITS = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.integers(0, 5), st.integers(0, 5)),
    st.tuples(st.just("add"), st.integers(0, 5), TEXTS),
    st.tuples(st.just("drop-field"), st.integers(0, 5), st.sampled_from(["explain", "accept"])),
    st.tuples(st.just("set-field"), st.integers(0, 5), st.sampled_from(["tags", "image"]), TEXTS),
    st.tuples(st.just("choices"), st.integers(0, 5), TEXTS),
    st.tuples(st.just("header"), st.sampled_from(["author", "title", "time_limit"]), TEXTS),
)


def edited(document: dict[str, Any], edit: tuple[Any, ...]) -> None:
    questions = document["questions"]
    kind, index = edit[0], edit[1]
    if kind == "header":
        document[index] = edit[2]
        return
    at = index % len(questions)
    if kind == "delete" and len(questions) > 1:
        del questions[at]
    elif kind == "move":
        questions.insert(edit[2] % len(questions), questions.pop(at))
    elif kind == "add":
        taken = {question.get("id") for question in questions}
        new_id = next(f"added-{n}" for n in range(len(questions) + 1) if f"added-{n}" not in taken)
        questions.insert(at, {"id": new_id, "type": "typed", "prompt": edit[2], "answer": "a"})
    elif kind == "drop-field":
        questions[at].pop(edit[2], None)
    elif kind == "set-field":
        questions[at][edit[2]] = [edit[3], "x"] if edit[2] == "tags" else edit[3]
    elif kind == "choices" and "choices" in questions[at]:
        questions[at]["choices"].insert(1, edit[2])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(EDITS, min_size=1, max_size=5))
def test_random_structural_edits_keep_the_comments_of_what_stays(
    tmp_path: Path, edits: list[Any]
) -> None:
    path = write(tmp_path, HAND, "structure.yaml")
    document = composed(HAND)
    for edit in edits:
        edited(document, edit)
    after = saved_copy(path, document, tmp_path / "backups")
    assert composed(after) == document
    assert after.startswith("# A hand-written pack about rivers.\n# Keep it short")
    assert "id: rivers   # the id never changes\n" in after
    ids = [question["id"] for question in document["questions"]]
    assert ("    # The longest river\n    - id: longest\n" in after) == ("longest" in ids)
    assert ("    # Minsk\n    - id: minsk-river\n" in after) == ("minsk-river" in ids)
    assert ("# not the Danube" in after) == ("longest" in ids)


def test_a_question_whose_id_is_changed_keeps_its_place_and_comments(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["questions"][1]["id"] = "minsk"
    save(path, document)
    assert changed_lines(HAND, path.read_text(encoding="utf-8")) == [
        "-    - id: minsk-river",
        "+    - id: minsk",
    ]
    loads_as(path, document)


def leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where every text of a document is."""
    if isinstance(value, dict):
        return [leaf for key, one in value.items() for leaf in leaf_paths(one, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, one in enumerate(value) for leaf in leaf_paths(one, (*path, index))]
    return [path]


def lines_taken(text: str, path: tuple[Any, ...]) -> int:
    """How many lines of ``text`` the value at ``path`` stands on (PyYAML's positions)."""
    node = yaml.compose(text)
    for step in path:
        node = (
            {key.value: value for key, value in node.value}[step]
            if isinstance(step, str)
            else node.value[step]
        )
    end = node.end_mark.line - (node.end_mark.column == 0)
    return end - node.start_mark.line + 1


UNION_STATE = (bundled_questions_dir() / "union_state.yaml").read_text(encoding="utf-8")


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(leaf_paths(composed(UNION_STATE))), TEXTS), min_size=1, max_size=6
    )
)
def test_random_texts_in_a_bundled_pack_read_back_and_change_only_their_lines(
    tmp_path: Path, edits: list[Any]
) -> None:
    path = write(tmp_path, UNION_STATE, "union.yaml")
    document = composed(UNION_STATE)
    put_texts(document, edits)
    after = saved_copy(path, document, tmp_path / "backups")
    assert composed(after) == document
    removed = [line for line in changed_lines(UNION_STATE, after) if line.startswith("-")]
    assert len(removed) <= sum(lines_taken(UNION_STATE, where) for where, _ in edits)
    assert not [line for line in removed if line.lstrip("- ").startswith("#")]  # comments stay


def test_texts_a_teacher_types_in_a_form_are_written_readably(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["questions"][0]["explain"] = "  An indented first line\nand the second"
    document["questions"][1]["explain"] = "A tab\there\nand a line with spaces only:\n   \nend"
    document["questions"][2]["explain"] = "Tab\tinside"
    save(path, document)
    after = path.read_text(encoding="utf-8")
    loads_as(path, document)
    assert "      explain: |2-\n          An indented first line\n        and the second\n" in after
    assert "      explain: |2-\n        A tab\there\n" in after
    assert "      explain: 'Tab\tinside'\n" in after
    warnings = load_pack(path, assets_dir=bundled_assets_dir()).warnings
    assert not [problem for problem in warnings if "explain" in problem.field], warnings


def test_a_broken_file_saved_over_is_written_afresh_and_kept_as_a_backup(tmp_path: Path) -> None:
    broken = "\ufeffclarity: 1\r\nid: [rivers\r\ntitle: Rivers\r\n"  # YAML cannot read it
    path = write(tmp_path, broken)
    document = composed(HAND)
    saved = save(path, document)
    assert saved.backup is not None
    assert saved.backup.read_bytes() == broken.encode("utf-8")
    data = path.read_bytes()
    assert data.startswith("\ufeff# yaml-language-server".encode())  # its BOM and CRLF kept
    assert data.count(b"\n") == data.count(b"\r\n")
    loads_as(path, document)


def test_a_backup_that_cannot_be_written_stops_the_save(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    document = composed(HAND)
    document["title"] = "Changed"
    with pytest.raises(FileNotWritten):
        save(path, document, backups_dir=tmp_path / "not-a-folder")
    assert path.read_text(encoding="utf-8") == HAND


def test_an_empty_document_is_saved_as_an_empty_mapping_the_loader_reports_on(
    tmp_path: Path,
) -> None:
    for path in (write(tmp_path, HAND), tmp_path / "fresh.yaml"):
        save(path, {})
        assert composed(path.read_text(encoding="utf-8")) == {}
        problems = [str(one) for one in load_pack(path, assets_dir=bundled_assets_dir()).problems]
        assert any("clarity: is missing" in one for one in problems), problems
        assert open_document(path) == {}


def nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("document", "said"),
    [
        ({"questions": nested(100)}, "nest far too deep"),
        ({"questions": nested(100_000)}, "nest far too deep"),  # never a RecursionError
        ({"title": "Rivers \ud83c"}, "title holds a character that cannot be written"),
        ({"questions": [{"choices": ["a", "\udc00"]}]}, "questions[0].choices[1] holds"),
        ({"k" * 1500: "v"}, "field name longer than YAML can write"),
    ],
    ids=["deep", "very-deep", "surrogate", "surrogate-in-list", "long-key"],
)
def test_a_document_no_file_can_hold_is_refused_in_one_line_and_nothing_written(
    tmp_path: Path, document: dict[str, Any], said: str
) -> None:
    path = write(tmp_path, HAND)
    for target in (path, tmp_path / "fresh.yaml"):
        with pytest.raises(DocumentNotSaved) as raised:
            save(target, document)
        assert isinstance(raised.value, ValueError)  # the server's one-line 400 for refusals
        assert said in str(raised.value)
        assert "\n" not in str(raised.value)
        assert said in english_text(raised.value.said)
    assert path.read_text(encoding="utf-8") == HAND
    assert not (tmp_path / "fresh.yaml").exists()
    assert not (tmp_path / ".studio-backups").exists()


def test_a_folder_or_a_named_pipe_in_the_packs_place_is_refused_not_waited_on(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(FileNotWritten):
        save(folder, composed(HAND), expected_revision="", force=True)
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe.yaml"
        os.mkfifo(pipe)
        with pytest.raises(FileNotWritten, match="not a regular file"):
            save(pipe, composed(HAND), expected_revision="", force=True)


NULL_WORDS_PACK = """\
clarity: 1
id: programming
title: Python
description: ~
language: en
rounds:
  - image: union_state/belarus.png
    answer: None
    grid: 1x2
questions:
  - id: q1
    type: typed
    prompt: What does print(None) write in YAML?
    answer: null   # the word, as the loader reads it
    explain: ~
  - id: q2
    type: choice
    prompt: Which is YAML's word for nothing?
    choices: [null, none, nil]
    answer: null
"""


def test_null_words_stay_as_written_and_are_read_as_the_studio_opens_them(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, NULL_WORDS_PACK)
    document = open_document(path)
    assert document["questions"][0]["answer"] == "null"
    assert document["questions"][0]["explain"] is None
    save(path, document)
    assert path.read_text(encoding="utf-8") == NULL_WORDS_PACK
    document["questions"][1]["prompt"] = "Which word means nothing?"
    document["questions"][0]["explain"] = "It prints None."
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(NULL_WORDS_PACK, after) == [
        "-    explain: ~",
        "+    explain: It prints None.",
        "-    prompt: Which is YAML's word for nothing?",
        "+    prompt: Which word means nothing?",
    ]
    assert open_document(path) == document


ODD = """\
clarity: 1
id: odd
title:   Spaced   # spaces around
description: A pack
language: en
rounds:
  - image: union_state/belarus.png
    answer: x
    grid: 1x2
questions:
  -   id: q1
      type: choice
      prompt: "multi
        line"
      choices:
        - a
        - b
      answer: b
...
"""


def test_a_new_item_is_written_like_the_first_item_of_its_list(tmp_path: Path) -> None:
    path = write(tmp_path, ODD)
    document = composed(ODD)
    document["title"] = "New"
    document["questions"][0]["prompt"] = "p"
    document["questions"].append({"id": "q2", "type": "typed", "prompt": "x", "answer": "y"})
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(ODD, after) == [
        "-title:   Spaced   # spaces around",
        "+title:   New   # spaces around",
        '-      prompt: "multi',
        '-        line"',
        '+      prompt: "p"',
        "+  -   id: q2",
        "+      type: typed",
        "+      prompt: x",
        "+      answer: 'y'",
    ]
    loads_as(path, document)


# --- flow mappings: a compact pack stays compact --------------------------------------------

FLOW = """\
clarity: 1
id: flow
title: Flow pack
language: en
rounds: [{image: union_state/belarus.png, answer: Belarus, grid: 2x2}]   # one round
questions:
  - {id: q1, type: choice, prompt: "Capital?", choices: [Minsk, Riga, Kyiv], answer: Minsk}  # flow
  - {id: q2, type: truefalse, prompt: Landlocked?, answer: true}
  - id: q3
    type: typed
    prompt: River?
    answer: Svislach
"""

# Written the way JSON writes (a pack made by a script): every text in double quotes.
JSON_LIKE = """\
clarity: 1
id: json-like
title: JSON-like
rounds: [{"image": "union_state/belarus.png", "answer": "Belarus", "grid": "1x2"}]
questions:
  - {"id": "q1", "type": "choice", "prompt": "?", "choices": ["Minsk", "Riga"], "answer": "Minsk"}
  - {"id": "q2", "type": "typed", "prompt": "River?", "answer": "Svislach"}
"""


def flow_edit(tmp_path: Path, text: str, change: Any) -> list[str]:
    """The lines changed by saving ``text`` with ``change(document)`` made; the file is read
    back by the loader as the document."""
    path = write(tmp_path, text)
    document = composed(text)
    change(document)
    save(path, document)
    loads_as(path, document)
    return changed_lines(text, path.read_text(encoding="utf-8"))


def test_a_value_in_a_flow_mapping_is_edited_in_place(tmp_path: Path) -> None:
    def grid(document: dict[str, Any]) -> None:
        document["rounds"][0]["grid"] = "3x3"

    assert flow_edit(tmp_path, FLOW, grid) == [
        "-rounds: [{image: union_state/belarus.png, answer: Belarus, grid: 2x2}]   # one round",
        "+rounds: [{image: union_state/belarus.png, answer: Belarus, grid: 3x3}]   # one round",
    ]

    def prompt(document: dict[str, Any]) -> None:
        document["questions"][0]["prompt"] = "Capital, really?"  # stays in its quotes
        document["questions"][0]["choices"][2] = "Kyiv {UA}"  # flow signs: quoted
        document["questions"][1]["prompt"] = "No sea: none?"

    assert flow_edit(tmp_path, FLOW, prompt) == [
        '-  - {id: q1, type: choice, prompt: "Capital?", choices: [Minsk, Riga, Kyiv], '
        "answer: Minsk}  # flow",
        "-  - {id: q2, type: truefalse, prompt: Landlocked?, answer: true}",
        '+  - {id: q1, type: choice, prompt: "Capital, really?", choices: [Minsk, Riga, '
        "'Kyiv {UA}'], answer: Minsk}  # flow",
        "+  - {id: q2, type: truefalse, prompt: 'No sea: none?', answer: true}",
    ]


def test_entries_added_to_and_removed_from_a_flow_mapping_keep_it_on_its_line(
    tmp_path: Path,
) -> None:
    def change(document: dict[str, Any]) -> None:
        first = document["questions"][0]
        first["choices"].append("Kyiv, [UA]")
        first["explain"] = "Minsk: the capital"  # after the answer, as in a new pack
        first["time_limit"] = "20"  # a number field: a YAML number
        del document["questions"][1]["type"]
        document["questions"][1]["prompt"] = "Two\nlines"  # a flow item holds it escaped

    assert flow_edit(tmp_path, FLOW, change) == [
        '-  - {id: q1, type: choice, prompt: "Capital?", choices: [Minsk, Riga, Kyiv], '
        "answer: Minsk}  # flow",
        "-  - {id: q2, type: truefalse, prompt: Landlocked?, answer: true}",
        '+  - {id: q1, type: choice, prompt: "Capital?", choices: [Minsk, Riga, Kyiv, '
        "'Kyiv, [UA]'], answer: Minsk, explain: 'Minsk: the capital', time_limit: 20}  # flow",
        '+  - {id: q2, prompt: "Two\\nlines", answer: true}',
    ]

    def first_key(document: dict[str, Any]) -> None:
        del document["questions"][0]["id"]
        del document["questions"][0]["type"]

    assert flow_edit(tmp_path, FLOW, first_key)[1:] == [
        '+  - {prompt: "Capital?", choices: [Minsk, Riga, Kyiv], answer: Minsk}  # flow'
    ]


def test_a_flow_list_of_flow_mappings_keeps_its_style_when_items_come_and_go(
    tmp_path: Path,
) -> None:
    def add_round(document: dict[str, Any]) -> None:
        document["rounds"].insert(0, {"image": "x.png", "answer": "Y", "grid": "1x2"})

    assert flow_edit(tmp_path, FLOW, add_round)[1:] == [
        "+rounds: [{image: x.png, answer: 'Y', grid: 1x2}, {image: union_state/belarus.png, "
        "answer: Belarus, grid: 2x2}]   # one round"
    ]


def test_a_json_like_pack_gets_json_like_additions(tmp_path: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        document["questions"][0]["explain"] = "Why"
        document["questions"][0]["time_limit"] = "30"
        document["questions"][1]["accept"] = ["Svisloch"]
        document["questions"].append(
            {"id": "q3", "type": "truefalse", "prompt": "?", "answer": "true"}
        )

    assert flow_edit(tmp_path, JSON_LIKE, change) == [
        '-  - {"id": "q1", "type": "choice", "prompt": "?", "choices": ["Minsk", "Riga"], '
        '"answer": "Minsk"}',
        '-  - {"id": "q2", "type": "typed", "prompt": "River?", "answer": "Svislach"}',
        '+  - {"id": "q1", "type": "choice", "prompt": "?", "choices": ["Minsk", "Riga"], '
        '"answer": "Minsk", "explain": "Why", "time_limit": 30}',
        '+  - {"id": "q2", "type": "typed", "prompt": "River?", "answer": "Svislach", '
        '"accept": ["Svisloch"]}',
        '+  - {"id": "q3", "type": "truefalse", "prompt": "?", "answer": true}',
    ]


def test_a_flow_item_that_cannot_hold_its_new_value_is_written_in_block_style(
    tmp_path: Path,
) -> None:
    def emptied(document: dict[str, Any]) -> None:
        document["questions"][1]["answer"] = None  # nothing: no flow text reads as it

    changed = flow_edit(tmp_path, FLOW, emptied)
    assert changed[0] == "-  - {id: q2, type: truefalse, prompt: Landlocked?, answer: true}"
    assert "+    answer:" in changed
    assert "+  - id: q2" in changed


FLOW_FIELDS = [
    ("rounds", 0, "answer"),
    ("rounds", 0, "grid"),
    ("questions", 0, "prompt"),
    ("questions", 0, "choices", 1),
    ("questions", 1, "prompt"),
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(st.tuples(st.sampled_from(FLOW_FIELDS), TEXTS), min_size=1, max_size=3))
def test_random_texts_in_flow_mappings_read_back_and_stay_on_their_lines(
    tmp_path: Path, edits: list[Any]
) -> None:
    path = write(tmp_path, FLOW, "random-flow.yaml")
    document = composed(FLOW)
    put_texts(document, edits)
    after = saved_copy(path, document, tmp_path / "backups")
    assert composed(after) == document
    lines = after.splitlines()
    assert len(lines) == len(FLOW.splitlines())  # every edit stayed on its flow line
    assert lines[4].startswith("rounds: [{")
    assert lines[4].endswith("}]   # one round")
    assert lines[6].startswith("  - {id: q1,")
    assert lines[6].endswith("}  # flow")


# --- items without ids: matched by what the teacher did, not by how much changed -------------

# Questions and rounds without ids, each with its comments (ids are optional: hand-written
# packs often have none).
NO_IDS = """\
clarity: 1
id: no-ids
title: No ids
language: en

rounds:
  - image: union_state/belarus.png
    # explains the answer
    answer: Belarus
    # rows x columns
    grid: 1x2

questions:
  # about cats
  - type: typed
    prompt: Cats?
    # explains the answer
    answer: A
    # explains accept
    accept: [b]

  # about dogs
  - type: typed
    prompt: Dogs?  # a trailing note
    answer: B

  # about cows
  - type: choice
    prompt: Cows?
    choices: [Moo, Woof]
    answer: Moo
"""


def test_a_question_without_id_with_most_fields_changed_keeps_its_comments(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, NO_IDS)
    document = composed(NO_IDS)
    question = document["questions"][0]
    question.update(prompt="New?", answer="Z", accept=["c"])  # every field but its type
    save(path, document)
    assert changed_lines(NO_IDS, path.read_text(encoding="utf-8")) == [
        "-    prompt: Cats?",
        "+    prompt: New?",
        "-    answer: A",
        "+    answer: Z",
        "-    accept: [b]",
        "+    accept: [c]",
    ]
    loads_as(path, document)


def test_a_round_given_a_new_picture_answer_and_grid_keeps_its_comments(tmp_path: Path) -> None:
    path = write(tmp_path, NO_IDS)
    document = composed(NO_IDS)
    document["rounds"][0].update(image="no-ids/parrot.png", answer="Parrot", grid="3x4")
    save(path, document)
    assert changed_lines(NO_IDS, path.read_text(encoding="utf-8")) == [
        "-  - image: union_state/belarus.png",
        "+  - image: no-ids/parrot.png",
        "-    answer: Belarus",
        "+    answer: Parrot",
        "-    grid: 1x2",
        "+    grid: 3x4",
    ]
    loads_as(path, document)


def test_a_new_pack_filled_in_keeps_the_round_comments_of_its_template(tmp_path: Path) -> None:
    text = new_pack_text("animals", "Animals", "en")
    path = write(tmp_path, text)
    document = composed(text)
    round_ = document["rounds"][0]
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    round_.update(answer="Parrot", accept=["a parrot", "Macaw"], grid="3x4")
    round_["caption"] = "A colourful bird."
    round_["image"] = "animals/parrot.png"
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == comments
    loads_as(path, document)


def test_a_moved_question_without_id_takes_its_comments_along(tmp_path: Path) -> None:
    path = write(tmp_path, NO_IDS)
    document = composed(NO_IDS)
    questions = document["questions"]
    document["questions"] = [questions[2], questions[0], questions[1]]
    save(path, document)
    after = path.read_text(encoding="utf-8")
    cows, cats, dogs = (after.index(f"# about {name}") for name in ("cows", "cats", "dogs"))
    assert cows < cats < dogs
    assert "  # about cows\n  - type: choice\n    prompt: Cows?\n" in after
    assert "  # about cats\n  - type: typed\n    prompt: Cats?\n    # explains the answer\n" in (
        after
    )
    assert "    prompt: Dogs?  # a trailing note\n" in after
    loads_as(path, document)


def test_a_question_inserted_among_edited_ones_is_the_new_one(tmp_path: Path) -> None:
    path = write(tmp_path, NO_IDS)
    document = composed(NO_IDS)
    questions = document["questions"]
    questions[0]["prompt"] = "Kittens?"
    questions[1]["prompt"] = "Puppies?"
    questions.insert(1, {"type": "truefalse", "prompt": "Fish swim.", "answer": "true"})
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(NO_IDS, after) == [
        "-    prompt: Cats?",
        "+    prompt: Kittens?",
        "+  - type: truefalse",
        "+    prompt: Fish swim.",
        "+    answer: true",
        "+",
        "-    prompt: Dogs?  # a trailing note",
        "+    prompt: Puppies?  # a trailing note",
    ]
    loads_as(path, document)


def test_a_deleted_question_without_id_takes_only_its_own_comments(tmp_path: Path) -> None:
    path = write(tmp_path, NO_IDS)
    document = composed(NO_IDS)
    del document["questions"][1]
    document["questions"][1]["prompt"] = "Cows or bulls?"
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert "about dogs" not in after
    assert "trailing note" not in after
    assert "  # about cows\n  - type: choice\n    prompt: Cows or bulls?\n" in after
    assert "    # explains accept\n    accept: [b]\n" in after
    loads_as(path, document)


NO_ID_FIELDS = ["prompt", "answer", "explain", "image"]


def comment_lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line.lstrip().startswith("#"))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    order=st.permutations([0, 1, 2]),
    changes=st.lists(
        st.tuples(st.integers(0, 2), st.sampled_from(NO_ID_FIELDS), st.sampled_from(PIECES)),
        max_size=6,
    ),
)
def test_edits_in_place_or_moves_of_items_without_ids_keep_every_comment_on_its_item(
    tmp_path: Path, order: list[int], changes: list[Any]
) -> None:
    """The page either edits items where they stand (any number of fields each) or moves
    them unchanged: either way every comment stays, with its item."""
    path = write(tmp_path, NO_IDS, "no-ids.yaml")
    document = composed(NO_IDS)
    names = ["cats", "dogs", "cows"]
    if changes:
        for index, name, text in changes:
            document["questions"][index][name] = text + "x"
    else:
        document["questions"] = [document["questions"][index] for index in order]
        names = [names[index] for index in order]
    after = saved_copy(path, document, tmp_path / "backups")
    assert composed(after) == document
    assert comment_lines(after) == comment_lines(NO_IDS)
    assert after.count("  # a trailing note\n") == 1
    starts = [after.index(f"  # about {name}\n  - type: ") for name in names]
    assert starts == sorted(starts)


# --- numbers: written as numbers ---------------------------------------------------------


def test_a_number_questions_numbers_are_written_plain(tmp_path: Path) -> None:
    path = write(tmp_path, HAND)
    document = composed(HAND)
    document["questions"].append(
        {
            "id": "spider",
            "type": "number",
            "prompt": "How many legs does a spider have?",
            "answer": "8",
            "tolerance": "0",
            "accept": ["8.0", "-8"],  # in the order the page sends them
        }
    )
    document["questions"][2]["tolerance"] = "1"  # a new field of a hand-written question
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert (
        "    - id: spider\n      type: number\n      prompt: How many legs does a spider have?\n"
        "      answer: 8\n      tolerance: 0\n      accept:\n      - 8.0\n      - -8\n"
    ) in after
    assert '      answer: "4"\n      tolerance: 1\n' in after  # the teacher's quotes kept
    loads_as(path, document)
    assert load_pack(path, assets_dir=bundled_assets_dir()).ok


def test_a_plain_number_answer_edited_stays_plain_and_text_that_looks_like_one_is_quoted(
    tmp_path: Path,
) -> None:
    text = HAND.replace('      answer: "4"\n', "      answer: 4   # exact\n")
    path = write(tmp_path, text)
    document = composed(text)
    document["questions"][2]["answer"] = "5"
    document["questions"][1]["answer"] = "007"  # a typed question's text answer
    save(path, document)
    assert changed_lines(text, path.read_text(encoding="utf-8")) == [
        "-      answer: Svislach",
        "+      answer: '007'",
        "-      answer: 4   # exact",
        "+      answer: 5   # exact",
    ]
    loads_as(path, document)


def test_numbers_of_a_russian_pack_are_written_plain_as_it_writes_them(tmp_path: Path) -> None:
    text = HAND_TWO + (
        "  - id: q3\n    type: number\n    prompt: Сколько будет 7 / 2?\n    answer: '3'\n"
        "    accept: ['3,0']\n"
    )
    path = write(tmp_path, text)
    document = composed(text)
    question = document["questions"][2]
    question["answer"] = "3,5"
    question["accept"] = ["3,50"]
    question["tolerance"] = "0,1"
    question["explain"] = "1,5"  # text, not a number field: YAML 1.1 would read 15
    document["description"] = "Дроби."
    save(path, document)
    after = path.read_text(encoding="utf-8")
    assert (
        "    answer: '3,5'\n    explain: '1,5'\n    accept: ['3,50']\n    tolerance: 0,1\n"
    ) in after  # the teacher's quotes kept; new numbers plain, new texts quoted
    loads_as(path, document)
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    assert loaded.problems == ()
