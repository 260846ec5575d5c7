"""clarity print: a pack's flashcards, worksheet and exam as PDFs, through clarity.cli.main.

The files are read back as a teacher's printer would take them, with poppler (pdftotext,
pdfinfo): the test skips where poppler is missing, and fails in CI.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from clarity.core.packs.loader import load_pack
from clarity.resources import bundled_assets_dir, bundled_questions_dir
from cli_lines import run
from printing.pdf_reading import page_sizes, pdfinfo, pdftotext

UNION_STATE = bundled_questions_dir() / "union_state.yaml"


@pytest.fixture
def data(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data")]


def prompts() -> list[str]:
    pack = load_pack(UNION_STATE, assets_dir=bundled_assets_dir()).pack
    assert pack is not None
    return [q.prompt for q in pack.questions]


def words(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces (a wrapped
    prompt reads back over several lines)."""
    return " ".join(text.split())


def test_flashcards_of_an_installed_pack_go_into_the_current_folder_with_every_prompt(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "print", "union-state", "--flashcards", *data)
    asked = prompts()
    assert (status, err) == (0, [])
    assert out == [f"wrote union-state-flashcards.pdf: {len(asked)} questions"]
    text = words(pdftotext(tmp_path / "union-state-flashcards.pdf"))
    missing = [prompt for prompt in asked if words(prompt) not in text]
    assert missing == []


def test_an_exam_is_its_seed_the_key_names_it_and_another_seed_is_another_version(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    def exam(seed: str, name: str, *more: str) -> bytes:
        target = tmp_path / name
        status, out, err = run(
            capsys,
            "print",
            str(UNION_STATE),
            "--exam",
            "--questions",  # a short exam: its seed deals which questions too
            "6",
            "--seed",
            seed,
            "-o",
            str(target),
            *more,
            *data,
        )
        assert (status, err) == (0, [])
        assert out[-1] == f"exam version (seed): {seed}"
        return target.read_bytes()

    first = exam("7", "a.pdf", "--key")
    assert exam("7", "b.pdf", "--key") == first  # the same seed: the same exam, to the byte
    assert exam("8", "c.pdf", "--key") != first
    without_key = exam("7", "d.pdf")
    assert int(pdfinfo(tmp_path / "a.pdf")["Pages"]) > int(pdfinfo(tmp_path / "d.pdf")["Pages"])
    assert "7" in re.findall(r"\d+", pdftotext(tmp_path / "a.pdf").split("\f")[-2])
    assert without_key != first


def test_an_exam_without_a_seed_says_the_version_drawn_and_that_version_prints_again(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    drawn = tmp_path / "drawn.pdf"
    short = ("--questions", "4")
    status, out, _ = run(
        capsys, "print", str(UNION_STATE), "--exam", *short, "-o", str(drawn), *data
    )
    assert status == 0
    seed = out[-1].rpartition(": ")[2]
    again = tmp_path / "again.pdf"
    status, _, _ = run(
        capsys, "print", str(UNION_STATE), "--exam", *short, "--seed", seed, "-o", str(again), *data
    )
    assert status == 0
    assert again.read_bytes() == drawn.read_bytes()


def test_a_worksheet_on_letter_paper_with_some_of_the_questions(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sheet.pdf"
    status, out, err = run(
        capsys,
        "print",
        "union-state",
        "--worksheet",
        "--paper",
        "letter",
        "--questions",
        "5",
        "--title",
        "Homework for Friday",
        "-o",
        str(target),
        *data,
    )
    assert (status, err) == (0, [])
    assert out == [f"wrote {target}: 5 questions"]
    assert {(round(w), round(h)) for w, h in page_sizes(target)} == {(612, 792)}  # Letter
    text = words(pdftotext(target))
    assert "Homework for Friday" in text
    assert sum(words(prompt) in text for prompt in prompts()) == 5


def test_an_existing_file_is_refused_unless_forced(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cards.pdf"
    target.write_bytes(b"the teacher's own file")
    args = ("print", "union-state", "--flashcards", "-o", str(target), *data)
    status, out, err = run(capsys, *args)
    assert (status, out) == (1, [])
    assert err == [f"clarity: {target} already exists; give --force to replace it"]
    assert target.read_bytes() == b"the teacher's own file"
    status, _, err = run(capsys, *args, "--force")
    assert (status, err) == (0, [])
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_pack_with_errors_prints_its_problems_a_line_each_and_writes_nothing(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("clarity: 1\nid: broken\ntitle: Broken\n", encoding="utf-8")
    target = tmp_path / "broken.pdf"
    status, out, err = run(capsys, "print", str(broken), "--exam", "-o", str(target), *data)
    assert status == 1
    assert out
    assert all(line.startswith(f"{broken}:") for line in out)
    assert err == [f"clarity: {broken} has errors; fix them and print again"]
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--worksheet", "--key"), "--key goes with --exam"),
        (("--exam", "--questions", "0"), "0 is not a number of questions (1 or more)"),
        (("--exam", "--seed", "x"), "x is not a seed (a whole number, 0 or more)"),
        (("--flashcards", "--exam"), "not allowed with argument"),
        ((), "one of the arguments --flashcards --worksheet --exam is required"),
    ],
)
def test_a_wrong_command_line_is_one_line_and_status_2(  # noqa: PLR0917 - fixtures
    tmp_path: Path,
    data: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch,
    args: tuple[str, ...],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "print", "union-state", *args, *data)
    assert (status, out) == (2, [])
    assert len(err) == 1 or err[0].startswith("usage:")
    assert said in err[-1]
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_pack_nobody_has_is_said(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "print", "no-such-pack", "--flashcards", *data)
    assert status == 1
    assert err == [
        "clarity: no-such-pack: no such pack file, and no installed pack has this id; "
        "see clarity packs"
    ]


def test_more_questions_than_the_pack_has_says_how_many_it_has(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    total = len(prompts())
    target = tmp_path / "all.pdf"
    args = ("--questions", "500", "--seed", "3", "-o", str(target), *data)
    status, out, err = run(capsys, "print", "union-state", "--exam", *args)
    assert (status, err) == (0, [])
    assert out[:2] == [
        f"wrote {target}: {total} questions",
        f"500 asked for, but the pack has only {total} questions",
    ]
    # as many as it has: no note
    status, out, _ = run(capsys, "print", "union-state", "--worksheet", "--questions",
                         str(total), "-o", str(tmp_path / "w.pdf"), *data)  # fmt: skip
    assert (status, out) == (0, [f"wrote {tmp_path / 'w.pdf'}: {total} questions"])


def test_an_output_without_an_ending_gets_pdf_and_another_ending_is_refused(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        capsys, "print", "union-state", "--flashcards", "-o", str(tmp_path / "cards"), *data
    )
    written = tmp_path / "cards.pdf"
    assert (status, err) == (0, [])
    assert out[0] == f"the PDF is written as {written}"
    assert out[1].startswith(f"wrote {written}: ")
    assert written.read_bytes().startswith(b"%PDF-")
    assert not (tmp_path / "cards").exists()
    status, out, err = run(
        capsys, "print", "union-state", "--worksheet", "-o", str(tmp_path / "sheet.txt"), *data
    )
    assert (status, out) == (2, [])
    refused = tmp_path / "sheet.txt"
    assert err == [f"clarity: error: {refused}: a PDF's name ends in .pdf; give -o NAME.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["cards.pdf"]


def test_a_flashcard_cut_short_even_on_a_double_card_is_named_with_its_first_words(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    Image.new("RGB", (400, 300), (30, 30, 200)).save(tmp_path / "castle.png")
    long_prompt = ("Это очень длинный вопрос про историю Беларуси і Расіі. " * 36).strip()
    pack = tmp_path / "long.yaml"
    pack.write_text(
        "clarity: 1\nid: long\ntitle: Доўгія пытанні\ndescription: Для друку.\nlanguage: be\n"
        f"rounds:\n  - image: castle.png\n    answer: Замак\n"
        "questions:\n"
        "  - type: typed\n    prompt: Сталіца Беларусі?\n    answer: Мінск\n"
        f'  - type: choice\n    prompt: "{long_prompt} КАНЕЦ?"\n'
        "    choices: [Так, Не]\n    answer: Так\n",
        encoding="utf-8",
    )
    target = tmp_path / "long.pdf"
    status, out, err = run(capsys, "print", str(pack), "--flashcards", "-o", str(target), *data)
    assert (status, err) == (0, [])
    assert out == [
        f"wrote {target}: 2 questions",
        'card 2 "Это очень длинный вопрос про историю…" is too long even for a double card '
        "and is cut short with …: shorten it, or print the worksheet",
    ]
    # the short one is not named, and the PDF holds the start of the long one
    assert "Это очень длинный вопрос" in words(pdftotext(target))
