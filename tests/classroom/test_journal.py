"""The journal's side for the teacher: an answer accepted during a game goes into their own
pack file with every other byte kept; a pack that ships with the game is never written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clarity.classroom.accepted_answers import with_accepted
from clarity.classroom.journal import StoreJournal
from clarity.core.packs.loader import load_pack
from clarity.i18n.translator import Translator
from clarity.resources import bundled_assets_dir

PACK = """\
# A teacher's pack: comments, 'quoting' and key order are theirs.
clarity: 1
id: my-capitals   # the id the class plays
title: "Capitals"
description: Capitals of Europe.
rounds:
  - image: solar_system/saturn.png
    answer: Saturn
questions:
  - id: q1
    type: choice
    prompt: Which is a planet?
    choices: [Mars, Moon]
    answer: Mars
  - id: q2
    type: typed
    prompt: 'Capital of Belarus?'
    answer: Minsk
    accept: [Mensk,   "Менск"]   # spellings we know
  - id: q3
    type: typed
    prompt: Capital of France?
    answer: Paris
    accept:
        - Paree
        # a comment inside the list
        - 'Parigi'

  - id: q4
    type: typed
    prompt: Capital of Russia?
    answer: Moscow
    explain: >-
      Moscow has been the capital
      since 1918.

  # --- numbers ---
  - {id: q5, type: number, prompt: How many legs has a spider?, answer: "8"}
"""


def teacher_pack(data_dir: Path, text: str = PACK, name: str = "capitals.yaml") -> Path:
    folder = data_dir / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    assert load_pack(path, assets_dir=bundled_assets_dir()).ok
    return path


def accepted(path: Path, index: int) -> list[str]:
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    assert loaded.pack is not None, loaded.first_error
    return list(loaded.pack.questions[index].accept)  # type: ignore[union-attr]


def inserted_once(before: bytes, after: bytes, added: bytes) -> bool:
    """Whether ``after`` is ``before`` with ``added`` put in at one place, nothing else."""
    return any(before[:at] + added + before[at:] == after for at in range(len(before) + 1))


@pytest.mark.parametrize(
    ("index", "added"),
    [
        (1, b', "Minsk: \\"city\\" # 1"'),  # a flow list
        (2, b'\n        - "Minsk: \\"city\\" # 1"'),  # a block list, at its indentation
        (3, b'\n    accept: ["Minsk: \\"city\\" # 1"]'),  # no accept: after a block text
        (4, b', accept: ["Minsk: \\"city\\" # 1"]'),  # a question written as {...}
    ],
)
def test_an_accepted_answer_is_added_and_every_other_byte_kept(
    tmp_path: Path, index: int, added: bytes
) -> None:
    path = teacher_pack(tmp_path)
    before = path.read_bytes()
    text = 'Minsk: "city" # 1'  # a colon, quotes and a hash survive YAML's reading

    said = StoreJournal(tmp_path).accept_answer("my-capitals", index, text)

    assert "added" in str(said)
    after = path.read_bytes()
    assert inserted_once(before, after, added)
    assert accepted(path, index)[-1] == text


def test_a_pack_with_windows_line_ends_and_a_byte_order_mark_keeps_them(tmp_path: Path) -> None:
    text = "\ufeff" + PACK.replace("\n", "\r\n")
    path = teacher_pack(tmp_path, text)
    before = path.read_bytes()

    StoreJournal(tmp_path).accept_answer("my-capitals", 2, "Парыж")

    assert inserted_once(before, path.read_bytes(), '\r\n        - "Парыж"'.encode())
    assert accepted(path, 2) == ["Paree", "Parigi", "Парыж"]


def test_a_change_that_would_make_the_pack_invalid_writes_nothing_and_says_why(
    tmp_path: Path,
) -> None:
    path = teacher_pack(tmp_path)
    before = path.read_bytes()

    said = StoreJournal(tmp_path).accept_answer("my-capitals", 4, "eight")  # not a number

    assert path.read_bytes() == before
    line = str(said)
    assert "for this game only" in line
    assert "questions[4].accept[0]" in line
    assert "\n" not in line


def test_a_choice_question_has_no_accepted_answers_to_add_to(tmp_path: Path) -> None:
    path = teacher_pack(tmp_path)
    before = path.read_bytes()

    said = StoreJournal(tmp_path).accept_answer("my-capitals", 0, "Venus")

    assert path.read_bytes() == before
    assert "only a typed or number question" in str(said)


def test_a_bundled_pack_is_never_written(tmp_path: Path) -> None:
    bundled = Path(bundled_assets_dir()).parent / "questions" / "solar_system.yaml"
    before = bundled.read_bytes()

    said = StoreJournal(tmp_path).accept_answer("solar-system", 20, "Earthh")

    assert bundled.read_bytes() == before
    assert "accepted for this game only" in str(said)


def test_no_working_file_is_left_beside_the_pack(tmp_path: Path) -> None:
    path = teacher_pack(tmp_path)
    journal = StoreJournal(tmp_path)
    journal.accept_answer("my-capitals", 1, "Minsk city")
    journal.accept_answer("my-capitals", 4, "not a number")

    assert sorted(p.name for p in path.parent.iterdir()) == ["capitals.yaml"]


def test_the_lines_are_said_in_russian(tmp_path: Path) -> None:
    teacher_pack(tmp_path)
    russian = Translator("ru")
    journal = StoreJournal(tmp_path)

    added = russian.render(journal.accept_answer("my-capitals", 1, "Minsk city"))
    refused = russian.render(journal.accept_answer("solar-system", 20, "Earthh"))

    assert "Minsk city" in added
    assert "added" not in added
    assert "only" not in refused


def test_an_empty_accept_becomes_a_list_of_the_new_answer() -> None:
    source = "questions:\n  - id: q\n    type: typed\n    answer: A\n    accept:\n"

    changed = with_accepted(source, 0, "B")

    assert isinstance(changed, str)
    assert yaml.safe_load(changed)["questions"][0]["accept"] == ["B"]
    assert changed == source.replace("accept:", 'accept: ["B"]')
