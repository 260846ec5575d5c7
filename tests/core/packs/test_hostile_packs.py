"""Hostile packs cost bounded time and memory, and their problems stay readable: a
capped number of problems per file, values quoted at most about 80 characters, aliases
and values counted while reading, and only regular files read."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from clarity.core.packs import plain_yaml
from clarity.core.packs.loader import load_pack
from clarity.core.packs.report import (
    ELLIPSIS,
    MAX_QUOTED_CHARS,
    MAX_SHOWN_PROBLEMS,
    Report,
    shown,
)

from ..image_bytes import png_bytes
from .test_loader import VALID, lines, replace

MIB = 1024 * 1024


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    (tmp_path / "union_state").mkdir()
    (tmp_path / "union_state" / "map.png").write_bytes(png_bytes(8, 6))
    return tmp_path


def load(pack_dir: Path, text: str) -> list[str]:
    path = pack_dir / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return lines(load_pack(path, assets_dir=pack_dir))


# --- problems per file ----------------------------------------------------------------------


def test_problems_are_capped_with_a_count_of_the_rest(pack_dir: Path) -> None:
    unknown = "".join(f"extra_{n}: 1\n" for n in range(150))
    found = load(pack_dir, replace("clarity: 1\n", "clarity: 1\n" + unknown))
    assert len(found) == MAX_SHOWN_PROBLEMS + 1
    assert found[0] == "pack.yaml:2:1: extra_0: is not a known field; the fields here are " + (
        "clarity, id, title, description, language, author, license, time_limit, rounds, questions"
    )
    assert found[99].startswith("pack.yaml:101:1: extra_99: ")
    assert found[100] == (
        "pack.yaml:102:1: ... and 50 more errors in this file; fix the ones above and check again"
    )


def test_errors_are_shown_before_warnings_however_many_warnings_come_first(
    pack_dir: Path,
) -> None:
    report = Report(Path("p.yaml"))
    for line in range(MAX_SHOWN_PROBLEMS + 50):
        report.add((line, 0), "", "a warning", "warning")
    report.add((MAX_SHOWN_PROBLEMS + 50, 0), "", "an error")
    shown_problems = report.problems()
    assert report.has_errors
    assert len(shown_problems) == MAX_SHOWN_PROBLEMS + 1
    # the error is among those shown, in its place in the file; the warnings give way
    assert [str(p) for p in shown_problems if p.severity == "error"] == ["p.yaml:151:1: an error"]
    assert shown_problems[-1].message.startswith("... and 51 more warnings in this file")
    assert shown_problems[-1].severity == "warning"

    quiet = Report(Path("p.yaml"))
    for line in range(MAX_SHOWN_PROBLEMS + 5):
        quiet.add((line, 0), "", "a warning", "warning")
    assert not quiet.has_errors
    assert quiet.problems()[-1].severity == "warning"


def test_a_flood_of_warnings_never_pushes_an_error_out_of_the_kept_problems(
    pack_dir: Path,
) -> None:
    report = Report(Path("p.yaml"))
    for line in range(50_000):
        report.add((line, 0), "", "a warning", "warning")
    report.add((50_000, 0), "", "an error")
    assert "p.yaml:50001:1: an error" in [str(p) for p in report.problems()]


def test_hidden_errors_keep_the_summary_an_error(pack_dir: Path) -> None:
    report = Report(Path("p.yaml"))
    for line in range(MAX_SHOWN_PROBLEMS + 3):
        report.add((line, 0), "", "an error")
    report.add((MAX_SHOWN_PROBLEMS + 3, 0), "", "a warning", "warning")
    last = report.problems()[-1]
    assert last.message.startswith("... and 3 more errors and 1 warning in this file")
    assert last.severity == "error"


def test_a_million_problems_keep_only_a_few_thousand(pack_dir: Path) -> None:
    report = Report(Path("p.yaml"))
    for line in range(200_000):
        report.add((line, 0), "", "an error")
    assert report.count == 200_000
    assert len(report._problems) <= 2_000
    last = report.problems()[-1]
    assert last.message.startswith("... and 199,900 more errors")
    assert last.severity == "error"


# --- values quoted in a message ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("    grid: 1x2\n", "    grid: {big}\n", "rounds[0].grid"),
        ("    type: typed\n", "    type: {big}\n", "questions[2].type"),
    ],
)
def test_a_huge_value_is_quoted_at_most_about_80_characters(
    pack_dir: Path, old: str, new: str, field: str
) -> None:
    big = "x" * int(7.9 * MIB)
    found = load(pack_dir, replace(old, new.format(big=big)))
    (line,) = [line for line in found if f" {field}: " in line]
    quoted = line.split('"')[1]
    assert len(quoted) <= MAX_QUOTED_CHARS
    assert ELLIPSIS in quoted
    assert len(line) < 300


def test_a_huge_field_name_is_cut_too(pack_dir: Path) -> None:
    # libyaml takes keys of up to 1,024 characters
    found = load(pack_dir, replace("clarity: 1\n", "clarity: 1\n" + "k" * 1_000 + ": 1\n"))
    (line,) = found
    field = line.split(": ")[1]
    assert len(field) <= 160
    assert ELLIPSIS in field


def test_shown_keeps_a_short_text_and_cuts_a_long_one_in_the_middle() -> None:
    assert shown("Minsk") == "Minsk"
    text = "".join(chr(ord("a") + n % 26) for n in range(1000))
    cut = shown(text)
    assert len(cut) == MAX_QUOTED_CHARS
    assert cut.startswith(text[:40])
    assert cut.endswith(text[-39:])
    assert cut.count(ELLIPSIS) == 1


@pytest.mark.parametrize(
    "unit",
    [
        "e\u0301",  # e and a combining acute accent
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family: people joined by ZWJ
        "\U0001f1e7\U0001f1fe",  # the flag of Belarus: two regional indicators
        "\U0001f44d\U0001f3fd",  # a thumb with a skin tone
        "\u0915\u094d\u0937",  # Devanagari kssa: a conjunct with a virama
    ],
)
@pytest.mark.parametrize("limit", [80, 81, 79, 20])
def test_shown_never_splits_a_character_as_a_reader_sees_it(unit: str, limit: int) -> None:
    text = unit * 100
    cut = shown(text, limit)
    head, tail = cut.split(ELLIPSIS)
    assert len(head) % len(unit) == 0
    assert len(tail) % len(unit) == 0
    assert head == unit * (len(head) // len(unit))
    assert abs(len(cut) - limit) <= 2 * len(unit)


# --- aliases and values, counted while reading -------------------------------------------------


def alias_bomb(count: int) -> str:
    """The round's answer as an anchor, and ``count`` aliases to it in ``accept``."""
    text = replace("    answer: The Union State\n", "    answer: &a The Union State\n")
    return replace(
        "    accept: [union state]\n", f"    accept: [{', '.join(['*a'] * count)}]\n", text
    )


def test_a_million_aliases_end_in_a_few_problems(pack_dir: Path) -> None:
    text = alias_bomb(1_200_000)
    assert len(text.encode()) > 4 * MIB
    found = load(pack_dir, text)
    assert len(found) == plain_yaml.MAX_ALIASES + 2  # the anchor, the aliases, the stop
    assert found[1] == (
        'pack.yaml:8:14: rounds[0].accept[0]: aliases ("*a") are not allowed in a pack; '
        "write the value out in full"
    )
    assert found[-1].endswith(
        f": the file holds more than {plain_yaml.MAX_ALIASES} aliases (*name); reading stopped "
        "here. Write every value out in full"
    )


def test_nested_aliases_a_billion_laughs_never_expand(pack_dir: Path) -> None:
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        levels.append(f"a{level}: &a{level} [{aliases}]")
    found = load(pack_dir, VALID + "\n".join(levels) + "\n")
    assert len(found) <= MAX_SHOWN_PROBLEMS + 1
    assert any("reading stopped here" in line for line in found)


def test_values_are_counted_and_reading_stops_past_the_cap(
    pack_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plain_yaml, "MAX_VALUES", 1_000)
    text = replace("    accept: [union state]\n", f"    accept: [{','.join(['1'] * 2_000)}]\n")
    (line,) = load(pack_dir, text)
    assert line.startswith("pack.yaml:8:")
    assert line.endswith(
        ": the file holds more than 1,000 values (fields, list items and texts); reading "
        "stopped here. A pack of 10,000 questions holds far fewer"
    )


def test_the_value_cap_leaves_room_for_the_largest_valid_pack() -> None:
    # 10,000 questions (the cap) of six choices, ten accepted answers and five tags
    # each, with every field: some 45 values a question.
    assert plain_yaml.MAX_VALUES >= 10_000 * 45


# --- only regular files ----------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.timeout(20)
def test_a_named_pipe_is_refused_at_once_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    loaded = load_pack(fifo, assets_dir=tmp_path)
    assert [str(p) for p in loaded.problems] == [
        f"{fifo}:1:1: this is a named pipe (FIFO), not a pack file"
    ]
    assert loaded.pack is None


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero on Windows")
@pytest.mark.timeout(20)
def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    loaded = load_pack(Path("/dev/zero"), assets_dir=tmp_path)
    assert [str(p) for p in loaded.problems] == ["/dev/zero:1:1: this is a device, not a pack file"]
