"""clarity import, new and schema: what a teacher types and sees, through clarity.cli.main."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from clarity import cli
from clarity.core.packs.loader import load_pack
from clarity.resources import bundled_assets_dir
from cli_lines import packs, run
from core.image_bytes import png_bytes

FILES = Path(__file__).parent / "formats"
AIKEN = FILES / "text_files" / "aiken_moodle.txt"
AIKEN_ERRORS = FILES / "text_files" / "aiken_errors.txt"
GIFT_RU = FILES / "gift_files" / "moodle_export_ru.txt"
QUIZLET_CUSTOM = FILES / "text_files" / "quizlet_custom.txt"


@pytest.fixture
def data(tmp_path: Path) -> list[str]:
    return ["--data-dir", str(tmp_path / "data")]


def test_import_writes_a_pack_and_tells_every_skipped_question(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(shutil.copy(AIKEN_ERRORS, tmp_path / "bank.txt"))
    status, out, err = run(capsys, "import", str(source), *data)
    assert (status, err) == (0, [])
    pack = packs(tmp_path) / "bank.yaml"
    loaded = load_pack(pack, assets_dir=bundled_assets_dir())
    assert loaded.ok
    count = len(loaded.pack.questions)
    questions = "question" if count == 1 else "questions"
    assert out[0] == f'wrote {pack}: "Bank", {count} {questions}'
    assert out[1] == f"  {source} (Aiken): {count} {questions} imported"
    skipped = [line for line in out if ": skipped: " in line]
    assert skipped
    for line in skipped:
        assert line.startswith(f"{source}:")
        place = line[len(str(source)) + 1 :].split(":")[:2]
        assert all(part.isdigit() for part in place)
    assert out[-1] == f"{len(skipped)} questions skipped"


def test_import_in_russian_says_it_in_russian_with_paths_and_formats_as_they_are(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setenv("CLARITY_LANG", "ru")
    source = Path(shutil.copy(GIFT_RU, tmp_path / "bank.gift"))
    status, out, _ = run(capsys, "import", str(source), *data)
    assert status == 0
    assert str(packs(tmp_path) / "bank.yaml") in out[0]
    assert "(GIFT)" in out[1]


def test_the_options_reach_the_pack(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    picture = tmp_path / "Minsk city.png"
    picture.write_bytes(png_bytes(40, 30))
    target = tmp_path / "out" / "mine.yaml"
    status, out, err = run(
        capsys,
        "import",
        str(AIKEN),
        "--format",
        "aiken",
        "--id",
        "lms",
        "--title",
        "LMS facts",
        "--language",
        "en",
        "--image",
        str(picture),
        "-o",
        str(target),
        *data,
    )
    assert (status, err) == (0, [])
    loaded = load_pack(target, assets_dir=bundled_assets_dir())
    pack = loaded.pack
    assert (pack.id, pack.title, pack.language) == ("lms", "LMS facts", "en")
    assert [(r.image, r.answer) for r in pack.rounds] == [("lms/Minsk-city.png", "Minsk city")]
    assert any("from its file name" in line for line in out)
    assert not packs(tmp_path).exists()


def test_quizlet_separators_by_name_and_as_choice(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Minsk - capital of Belarus\nRiga - capital of Latvia\nVilnius - capital of Lithuania\n"
    source = tmp_path / "cards.txt"
    source.write_text(text, encoding="utf-8")
    status, _, err = run(
        capsys,
        "import",
        str(source),
        "--format",
        "quizlet",
        "--separator",
        " - ",
        "--card-separator",
        "newline",
        "--as",
        "choice",
        *data,
    )
    assert (status, err) == (0, [])
    pack = load_pack(packs(tmp_path) / "cards.yaml", assets_dir=bundled_assets_dir()).pack
    assert len(pack.questions) == 3
    assert {q.type for q in pack.questions} == {"choice"}


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        ("missing", "clarity: {path}: no such file or folder"),
        ("folder", "clarity: {path}: this is a folder, not a file"),
    ],
)
def test_a_missing_file_or_a_folder_is_one_line_and_status_1(
    tmp_path: Path,
    data: list[str],
    capsys: pytest.CaptureFixture[str],
    make: str,
    expected: str,
) -> None:
    path = tmp_path / "thing.gift"
    if make == "folder":
        path.mkdir()
    status, out, err = run(capsys, "import", str(path), *data)
    assert (status, out, err) == (1, [], [expected.format(path=path)])


def test_an_unreadable_file_is_one_line(
    tmp_path: Path,
    data: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "secret.gift"
    path.write_text("Q? {T}\n", encoding="utf-8")
    path.chmod(0)
    if _readable(path):
        # root reads any file (CI runs as root): the system's refusal is made as the
        # system makes it for any other user, at the one place the import opens a file
        real_open = os.open

        def refusing_open(file: object, flags: int, *args: object, **kwargs: object) -> int:
            if Path(str(file)) == path:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real_open(file, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refusing_open)
    try:
        status, _, err = run(capsys, "import", str(path), *data)
    finally:
        path.chmod(0o644)
    assert status == 1
    assert err == [f"clarity: {path}: permission denied: this computer's user may not use it"]


def _readable(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True


def test_an_unknown_format_asks_for_format(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("nothing to see\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(path), *data)
    assert status == 1
    assert len(err) == 1
    assert "gift, aiken, csv, xlsx, quizlet, opentdb, kahoot" in err[0]
    assert "--format" in err[0]


def test_nothing_to_import_prints_the_skips_then_the_refusal(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("Which?\nA) One\nB) Two\nANSWER: Q\n", encoding="utf-8")
    status, out, err = run(capsys, "import", str(path), "--format", "aiken", *data)
    assert status == 1
    assert len(out) == 1
    assert out[0].startswith(f"{path}:4:")
    assert ": skipped: " in out[0]
    assert err == ["clarity: no question could be imported, so no pack was written"]
    assert not packs(tmp_path).exists()


def test_an_existing_pack_is_replaced_only_with_force(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import", str(AIKEN), *data)[0] == 0
    status, _, err = run(capsys, "import", str(AIKEN), *data)
    assert status == 1
    assert err == [
        f"clarity: {packs(tmp_path) / 'aiken-moodle.yaml'} is the pack an earlier import of the "
        "same file made; give --force to replace it with this import, or --id to write this "
        "one beside it"
    ]
    status, out, _ = run(capsys, "import", str(AIKEN), "--force", *data)
    assert status == 0
    assert out[0].startswith(f"wrote {packs(tmp_path) / 'aiken-moodle.yaml'}")


def test_no_file_is_a_usage_error(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "import", *data)
    assert status == 2
    assert err == ["clarity: error: the following arguments are required: FILE"]


def test_a_bad_format_name_is_a_usage_error(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "import", str(AIKEN), "--format", "docx", *data)
    assert status == 2
    assert "invalid choice: 'docx'" in err[0]


def test_the_csv_template_is_written_with_a_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from clarity.formats.table import csv_template, read_csv

    target = tmp_path / "template.csv"
    status, out, _ = run(capsys, "import", "--template", "csv", "-o", str(target))
    assert (status, out) == (0, [f"wrote {target}"])
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == csv_template().removeprefix("\ufeff")
    assert read_csv(data).questions  # one example row per question type, read back
    status, _, err = run(capsys, "import", "--template", "csv", "-o", str(target))
    assert status == 1
    assert "already exists" in err[0]


# --- clarity new and clarity schema -----------------------------------------------------------


def test_new_writes_a_pack_that_validates_and_its_schema(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "new", "my-quiz", "--title", "My quiz", *data)
    assert (status, err) == (0, [])
    pack = packs(tmp_path) / "my-quiz.yaml"
    assert out == [f"wrote {pack}; check it with: clarity validate {pack}"]
    assert run(capsys, "validate", str(pack), *data)[1] == [
        "1 pack checked: 1 valid, 0 with errors, 0 warnings"
    ]
    assert json.loads((packs(tmp_path) / "pack.schema.json").read_text("utf-8"))["$schema"]
    # the game lists it at once
    listed = run(capsys, "packs", *data)[1]
    assert any(line.startswith("my-quiz ") for line in listed)


def test_new_refuses_a_bad_id_an_existing_file_and_a_bad_language(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "new", "My Quiz", *data)
    assert status == 2
    assert "for example my-quiz" in err[0]
    assert run(capsys, "new", "quiz", *data)[0] == 0
    status, _, err = run(capsys, "new", "quiz", *data)
    assert status == 1
    assert "already exists" in err[0]
    assert run(capsys, "new", "quiz2", "--language", "Russian", *data)[0] == 2


def test_schema_goes_to_the_packs_folder_or_where_asked(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "schema", *data)
    target = packs(tmp_path) / "pack.schema.json"
    assert (status, out) == (0, [f"wrote {target}"])
    committed = Path(__file__).resolve().parents[1] / "schema" / "pack.schema.json"
    assert target.read_text("utf-8") == committed.read_text("utf-8")
    other = tmp_path / "editor" / "schema.json"
    status, _, err = run(capsys, "schema", "-o", str(other), *data)
    assert status == 1
    assert err == [f"clarity: cannot write {other}: the folder {other.parent} does not exist"]


def test_an_unreadable_file_among_several_is_told_and_the_others_imported(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    aiken = Path(shutil.copy(AIKEN, tmp_path / "aiken.txt"))
    latin1 = tmp_path / "old.gift"
    latin1.write_bytes("Caf\xe9? {=yes ~no}\n".encode("latin-1"))
    photo = tmp_path / "photo.png"
    photo.write_bytes(png_bytes(20, 20))

    status, out, err = run(capsys, "import", str(latin1), str(aiken), str(photo), *data)

    assert (status, err) == (0, [])
    assert out[0].startswith(f"wrote {packs(tmp_path) / 'aiken.yaml'}: ")  # named by the file read
    told = [line for line in out if line.startswith(f"{latin1}:")]
    assert len(told) == 1
    assert told[0].startswith(f"{latin1}:1:4: skipped: this file cannot be read as GIFT: ")
    assert (
        f"{photo}:1:1: skipped: this is a picture, not questions; give it with --image PICTURE "
        "beside a question file: each picture is a round's mystery picture"
    ) in out
    assert load_pack(packs(tmp_path) / "aiken.yaml", assets_dir=bundled_assets_dir()).ok


def test_a_picture_alone_says_how_to_use_it(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "eiffel_tower.jpg"
    photo.write_bytes(png_bytes(20, 20))
    status, out, err = run(capsys, "import", str(photo), *data)
    assert (status, out) == (1, [])
    assert err == [
        f"clarity: {photo}: this is a picture, not questions; give it with --image PICTURE "
        "beside a question file: each picture is a round's mystery picture"
    ]


def test_a_file_given_with_the_template_is_refused_and_never_written_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # br1 #3: `--template csv my_questions.txt --force` wrote the template over the
    # teacher's own question file; a FILE is one to import, the template goes only to -o
    mine = Path(shutil.copy(AIKEN, tmp_path / "my_questions.txt"))
    before = mine.read_bytes()
    for force in ([], ["--force"]):
        status, out, err = run(capsys, "import", "--template", "csv", str(mine), *force)
        assert (status, out) == (cli.EXIT_USAGE, [])
        assert (
            "--template writes a new file and reads none; name the file to write with -o"
            in (err[-1])
        )
        assert mine.read_bytes() == before
    target = tmp_path / "my-questions.csv"
    status, out, err = run(capsys, "import", "--template", "csv", str(mine), "-o", str(target))
    assert status == cli.EXIT_USAGE
    assert not target.exists()
    status, out, _ = run(capsys, "import", "--template", "csv", "-o", str(target))
    assert (status, out) == (0, [f"wrote {target}"])
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_templates_several_right_answers_example_asks_for_one_of_them() -> None:
    # br1 #7: "Which of these are prime numbers?" (A|C) read as "tick both", while the game
    # counts any one of the right choices; the example asks for one, as docs/csv-layout.md says
    from clarity.formats.table import csv_template, read_csv

    read = read_csv(csv_template().encode("utf-8"))
    several = [q.fields for q in read.questions if isinstance(q.fields["answer"], list)]
    assert [fields["prompt"] for fields in several] == ["Which of these is a prime number?"]
    assert several[0]["answer"] == ["2", "7"]
    docs = (Path(__file__).parents[1] / "docs" / "csv-layout.md").read_text(encoding="utf-8")
    assert "Which of these are prime numbers?,choice" not in docs
    assert "**any one** of the right answers counts" in docs


def test_the_help_says_a_file_is_never_written_by_the_template(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "import", "--help")
    text = "".join("".join(out).split())  # wrapped anywhere, at hyphens too
    assert status == 0
    assert "afiletoimport(neverwritten:--templatewritesonlyto-oFILE)" in text


def test_a_pack_file_with_no_ending_gets_yaml_and_the_same_file_twice_is_read_once(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(shutil.copy(AIKEN, tmp_path / "bank.txt"))
    target = tmp_path / "out" / "noext"
    status, out, err = run(capsys, "import", str(source), str(source), "-o", str(target), *data)
    assert (status, err) == (0, [])
    assert out[0].startswith(f"wrote {target}.yaml: ")
    assert len([line for line in out if line.startswith(f"  {source} (Aiken)")]) == 1
    assert f"{source} is named more than once; it is imported once" in out
    assert load_pack(Path(f"{target}.yaml"), assets_dir=bundled_assets_dir()).ok


def test_files_that_give_nothing_are_counted_apart_from_skipped_questions(
    tmp_path: Path, data: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    source = Path(shutil.copy(AIKEN_ERRORS, tmp_path / "bank.txt"))
    empty = tmp_path / "empty.gift"
    empty.write_bytes(b"")
    missing = tmp_path / "gone.gift"
    status, out, err = run(capsys, "import", str(empty), str(source), str(missing), *data)
    assert (status, err) == (0, [])
    assert f"{empty}:1:1: skipped: the file is empty" in out
    assert f"{missing}:1:1: skipped: no such file or folder" in out
    questions = [line for line in out if line.startswith(f"{source}:") and ": skipped: " in line]
    assert out[-2:] == [f"{len(questions)} questions skipped", "2 files gave no question"]
