"""A pack file opened as the studio's document: exactly the data the loader reads, as JSON,
with the revision of the bytes it was read from; files read as something other than what
was written are refused with the loader's own problems."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from clarity.core.packs.loader import load_pack
from clarity.core.packs.plain_yaml import compose
from clarity.core.packs.problems import keep_written_words
from clarity.core.packs.report import Report
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from clarity.studio.documents import (
    DocumentUnreadable,
    OpenedPack,
    open_document,
    open_pack,
    revision_of,
)
from core.image_bytes import png_bytes

BUNDLED = sorted(bundled_questions_dir().glob("*.yaml"))

PACK = """\
# A hand-written pack: the comments are the teacher's.
clarity: 1
id: words
title: Words that YAML would read otherwise
description: No, 007 and null stay what they are.
language: en
time_limit: 25
rounds:
  - image: map.png
    answer: Norway
    accept: [NO, null, "~"]
    caption:
questions:
  - id: q1
    type: typed
    prompt: Which country has the code NO?
    answer: No
    accept: [007, 1e3]
    explain: ~
  - id: q2
    type: typed
    prompt: What does a missing pointer hold in Java?
    answer: null
    explain: "null"
    time_limit: 020
  - id: q3
    type: truefalse
    prompt: Is Norway in the EU?
    answer: no
    explain: null
"""


def write(folder: Path, text: str | bytes, name: str = "pack.yaml") -> Path:
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


# --- the document is what the loader reads ---------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.name)
def test_a_bundled_pack_opens_as_the_loaders_data_in_json(path: Path) -> None:
    document = open_document(path)
    report = Report(path)
    tree = compose(path.read_text(encoding="utf-8"), report)
    assert tree is not None
    raw, positions = tree
    keep_written_words(raw, positions)
    assert document == raw
    assert json.loads(json.dumps(document)) == document  # JSON as it is
    assert list(document) == list(raw)  # the file's key order
    # every scalar is text: numbers are the digits written
    assert document["clarity"] == "1"
    assert all(isinstance(question["prompt"], str) for question in document["questions"])


def test_words_yaml_reads_otherwise_stay_the_text_written(tmp_path: Path) -> None:
    document = open_document(write(tmp_path, PACK))
    first, second, third = document["questions"]
    assert document["time_limit"] == "25"
    assert first["answer"] == "No"
    assert first["accept"] == ["007", "1e3"]
    assert second["time_limit"] == "020"
    assert third["answer"] == "no"
    # "null" as a list item is a word; "~" quoted is text
    assert document["rounds"][0]["accept"] == ["NO", "null", "~"]


def test_a_field_written_empty_is_null_but_a_needed_null_word_is_kept(tmp_path: Path) -> None:
    document = open_document(write(tmp_path, PACK))
    first, second, third = document["questions"]
    # empty, "~" and "null" where the field may be left out: nothing, as the loader reads
    assert document["rounds"][0]["caption"] is None
    assert "caption" in document["rounds"][0]  # still there: the file has the line
    assert first["explain"] is None
    assert third["explain"] is None
    # where the field needs text, the word the teacher wrote (a Java quiz's answer)
    assert second["answer"] == "null"
    assert second["explain"] == "null"  # quoted: text
    assert json.loads(json.dumps(document)) == document


def test_a_comment_cutting_a_text_short_is_kept_as_a_warning_beside_the_document(
    tmp_path: Path,
) -> None:
    text = PACK.replace(
        "prompt: Is Norway in the EU?", "prompt: Is Norway the #1 oil producer in Europe?"
    )
    path = write(tmp_path, text)
    opened = open_pack(path, ref="pack.yaml", editable=True)
    # the document holds what YAML reads (the game would show this) ...
    assert opened.document["questions"][2]["prompt"] == "Is Norway the"
    # ... and the warning that says so is the loader's, at the same place
    loaded = load_pack(path, assets_dir=bundled_assets_dir())
    comment = [p for p in loaded.problems if p.field == "questions[2].prompt"]
    assert len(comment) == 1
    assert comment[0].severity == "warning"
    assert opened.text_warnings == tuple(comment)


def test_open_pack_has_the_revision_of_the_bytes_it_read(tmp_path: Path) -> None:
    path = write(tmp_path, PACK)
    opened = open_pack(path, ref="pack.yaml", editable=True)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert isinstance(opened, OpenedPack)
    assert (opened.ref, opened.path, opened.editable) == ("pack.yaml", path, True)
    assert opened.revision == digest == revision_of(path)
    assert opened.revision == load_pack(path, assets_dir=tmp_path).sha256
    assert opened.document == open_document(path)
    assert opened.text_warnings == ()


def test_a_byte_order_mark_and_windows_line_ends_open_as_the_loader_reads_them(
    tmp_path: Path,
) -> None:
    plain = open_document(write(tmp_path, PACK, "plain.yaml"))
    windows = b"\xef\xbb\xbf" + PACK.replace("\n", "\r\n").encode("utf-8")
    assert open_document(write(tmp_path, windows, "windows.yaml")) == plain


# --- what is refused --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("answer: Norway", "answer: &land Norway", "anchors"),
        ("answer: No\n", "answer: *land\n", "aliases"),
        ("answer: No\n", "answer: !!int 7\n", "tags"),
        ("id: q2\n", "id: q2\n    id: q9\n", "is given twice"),
        ("title: Words", "title: [Words", "cannot be read"),
    ],
    ids=["anchor", "alias", "tag", "key twice", "broken flow list"],
)
def test_yaml_read_as_something_else_is_not_opened(
    tmp_path: Path, old: str, new: str, said: str
) -> None:
    assert old in PACK
    (tmp_path / "map.png").write_bytes(png_bytes(40, 30))
    path = write(tmp_path, PACK.replace(old, new, 1))
    with pytest.raises(DocumentUnreadable) as caught:
        open_document(path)
    refused = caught.value
    # the loader's own problems (of reading the YAML), its first error as the message
    loaded = load_pack(path, assets_dir=tmp_path)
    assert all(problem in loaded.problems for problem in refused.problems)
    assert said in str(refused.message)
    assert str(refused.message) == loaded.errors[0].message
    assert next(p for p in refused.problems if p.severity == "error") == loaded.errors[0]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("- clarity: 1\n- id: a\n", "but it holds a list"),
        ("just words\n", "but it holds a single value"),
        ("", "the file is empty"),
        (b"clarity: 1\ntitle: caf\xe9\n", "is not UTF-8"),
        ("\ufeffclarity: 1\n".encode("utf-16"), "UTF-16"),
    ],
    ids=["a list", "a word", "empty", "latin-1", "utf-16"],
)
def test_a_file_that_is_not_a_group_of_fields_is_not_opened(
    tmp_path: Path, text: str | bytes, said: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DocumentUnreadable) as caught:
        open_document(path)
    assert said in str(caught.value.message)
    loaded = load_pack(path, assets_dir=tmp_path)
    assert caught.value.problems == loaded.problems


def test_a_missing_file_or_a_folder_is_not_opened(tmp_path: Path) -> None:
    for path, said in ((tmp_path / "gone.yaml", "cannot read the file"), (tmp_path, "folder")):
        with pytest.raises(DocumentUnreadable) as caught:
            open_pack(path, ref="x.yaml", editable=True)
        assert said in str(caught.value.message)
        assert revision_of(path) == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_neither_opened_nor_waited_for(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    assert revision_of(pipe) == ""  # returns at once: nobody ever writes to it
    with pytest.raises(DocumentUnreadable) as caught:
        open_document(pipe)
    assert "named pipe" in str(caught.value.message)


def test_the_revision_follows_the_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, PACK)
    before = revision_of(path)
    path.write_text(PACK.replace("Norway", "Norge"), encoding="utf-8")
    after = revision_of(path)
    assert before != after
    assert after == hashlib.sha256(path.read_bytes()).hexdigest()
