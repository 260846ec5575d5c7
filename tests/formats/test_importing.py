"""The import pipeline: teachers' files in, one pack that loads out, every skip told."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from clarity.core.messages import Message
from clarity.core.packs.loader import PACK_SUFFIXES, load_pack
from clarity.formats.gift import read_gift
from clarity.formats.importing import (
    ImportOutcome,
    ImportRefused,
    ImportRequest,
    import_dropped,
    import_files,
    safe_file_name,
)
from clarity.formats.pack_yaml import SCHEMA_FILE_NAME, SCHEMA_LINE
from clarity.formats.slugs import latin, question_ids, readable_name, slug, unique_slug
from clarity.resources import bundled_assets_dir
from core.image_bytes import jpeg_bytes, png_bytes

HERE = Path(__file__).parent
GIFT_EN = HERE / "gift_files" / "moodle_export_en.txt"
GIFT_RU = HERE / "gift_files" / "moodle_export_ru.txt"
AIKEN = HERE / "text_files" / "aiken_moodle.txt"
AIKEN_ERRORS = HERE / "text_files" / "aiken_errors.txt"
QUIZLET = HERE / "text_files" / "quizlet_tab_newline.txt"
OPENTDB = HERE / "text_files" / "opentdb_default.json"
CSV = HERE / "table_files" / "excel_utf8_comma.csv"
CSV_1251 = HERE / "table_files" / "excel_cp1251_semicolon.csv"


def request(tmp_path: Path, *files: Path, **more: object) -> ImportRequest:
    return ImportRequest(
        files=tuple(files),
        packs_dir=tmp_path / "data" / "packs",
        assets_dir=bundled_assets_dir(),
        **more,  # type: ignore[arg-type]
    )


def copy(source: Path, folder: Path, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(source, folder / (name or source.name)))


def written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- a whole import --------------------------------------------------------------------------


def test_a_moodle_export_becomes_a_pack_in_the_packs_folder_that_loads(tmp_path: Path) -> None:
    source = copy(GIFT_EN, tmp_path / "in", "geography_7.txt")
    read = read_gift(source.read_text(encoding="utf-8"))

    outcome = import_files(request(tmp_path, source))

    packs = tmp_path / "data" / "packs"
    assert outcome.pack_path == packs / "geography-7.yaml"
    assert (outcome.pack_id, outcome.title) == ("geography-7", "Geography 7")
    loaded = load_pack(outcome.pack_path, assets_dir=bundled_assets_dir())
    assert loaded.ok
    assert loaded.pack is not None
    assert [q.prompt for q in loaded.pack.questions] == [q.fields["prompt"] for q in read.questions]
    assert outcome.imported == len(read.questions) == len(loaded.pack.questions)
    assert outcome.per_file == ((source, "gift", len(read.questions)),)
    # every skip and note of the reader is told at its place in the teacher's file
    told = [(s.line, s.column, str(s.reason)) for s in outcome.skipped if s.kind == "skipped"]
    assert told == [(s.line, s.column, str(s.reason)) for s in read.skipped]
    assert len([s for s in outcome.skipped if s.kind == "note"]) == len(read.notes)
    # the default pictures, a schema beside the pack for the schema line at its top
    assert len(loaded.pack.rounds) >= 3
    assert all(r.image.startswith("mysteries/") for r in loaded.pack.rounds)
    assert outcome.pack_path.read_text(encoding="utf-8").startswith(SCHEMA_LINE)
    assert (packs / SCHEMA_FILE_NAME).is_file()
    assert loaded.warnings == ()


def test_the_titles_a_source_gives_become_question_ids(tmp_path: Path) -> None:
    outcome = import_files(request(tmp_path, copy(GIFT_EN, tmp_path / "in")))
    ids = [q.id for q in outcome.loaded.pack.questions]
    assert "capital-of-france" in ids
    assert len(set(ids)) == len(ids)


def test_questions_of_several_files_in_several_formats_are_gathered(tmp_path: Path) -> None:
    gift = copy(GIFT_EN, tmp_path / "in")
    aiken = copy(AIKEN, tmp_path / "in")
    outcome = import_files(request(tmp_path, gift, aiken, title="Mixed bag"))
    (_, gift_format, from_gift), (_, aiken_format, from_aiken) = outcome.per_file
    assert (gift_format, aiken_format) == ("gift", "aiken")
    assert from_gift > 0
    assert from_aiken > 0
    assert outcome.imported == from_gift + from_aiken
    assert outcome.pack_id == "mixed-bag"
    assert outcome.loaded.pack.description == "GIFT: moodle_export_en.txt; Aiken: aiken_moodle.txt"


def test_the_same_prompt_twice_gets_numbered_ids(tmp_path: Path) -> None:
    source = written(
        tmp_path,
        "twice.gift",
        "Столица Беларуси? {=Минск ~Брест}\n\nСтолица Беларуси? {=Минск ~Гомель}\n",
    )
    outcome = import_files(request(tmp_path, source))
    assert [q.id for q in outcome.loaded.pack.questions] == [
        "stolitsa-belarusi",
        "stolitsa-belarusi-2",
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Какой город столица России? {=Москва ~Минск}", "ru"),
        ("Які горад сталіца Беларусі? {=Мінск ~Брэст}", "be"),
        ("Яке місто є столицею України? {=Київ ~Львів}", "uk"),
        ("Which city is the capital? {=Paris ~Lyon}", "en"),
    ],
)
def test_the_language_is_found_from_the_letters_and_said(
    tmp_path: Path, text: str, language: str
) -> None:
    source = written(tmp_path, "q.gift", text + "\n\n" + text.replace("?", "??") + "\n")
    outcome = import_files(request(tmp_path, source))
    assert outcome.loaded.pack.language == language
    found_said = [str(s) for s in outcome.said if "language was found" in str(s)]
    assert found_said == ([] if language == "en" else [found_said[0]])
    if language != "en":
        assert f": {language};" in found_said[0]
    # the default rounds speak the pack's language where the game has their words
    if language in ("ru", "be"):
        assert outcome.loaded.pack.rounds[0].answer != "Lighthouse"


def test_the_language_given_wins(tmp_path: Path) -> None:
    source = written(tmp_path, "q.gift", "Какой город? {=Москва ~Минск}\n")
    outcome = import_files(request(tmp_path, source, language="be"))
    assert outcome.loaded.pack.language == "be"
    assert not [s for s in outcome.said if "language was found" in str(s)]


def test_a_question_the_validator_refuses_is_left_out_and_told_at_its_row(
    tmp_path: Path,
) -> None:
    source = written(
        tmp_path,
        "table.csv",
        "question,type,answer,min,max,tolerance,image\n"
        "Fine?,truefalse,true,,,,\n"
        "Range?,number,3,5,1,,\n"
        "Tolerance?,number,10,,,-5,\n"
        "Also fine?,typed,yes,,,,\n"
        "Picture?,typed,cat,,,,missing.png\n",
    )
    outcome = import_files(request(tmp_path, source))
    prompts = [q.prompt for q in outcome.loaded.pack.questions]
    assert prompts == ["Fine?", "Also fine?", "Picture?"]
    skipped = {s.line: str(s.reason) for s in outcome.skipped if s.kind == "skipped"}
    assert sorted(skipped) == [3, 4]
    assert skipped[3].startswith("min: ")
    assert skipped[4].startswith("tolerance: ")
    # a picture not found is left out, the question kept, said in the CSV's own folder
    notes = [s for s in outcome.skipped if s.kind == "note" and s.line == 6]
    assert [str(n.reason) for n in notes] == [
        f"no picture missing.png in {source.parent}, the folder of table.csv; the question "
        "is kept without it"
    ]
    assert [n.column for n in notes] == [7]  # the picture's own cell, column G
    assert outcome.loaded.pack.questions[2].image is None
    assert outcome.loaded.ok
    assert outcome.imported == 3


def test_a_file_with_nothing_to_take_writes_nothing_and_says_why(tmp_path: Path) -> None:
    source = written(tmp_path, "bad.txt", "Which?\nA) One\nB) Two\nANSWER: Q\n")
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, source, format="aiken"))
    assert "no question could be imported" in str(refused.value.said)
    assert [(s.line, s.kind) for s in refused.value.skipped] == [(4, "skipped")]
    assert not (tmp_path / "data").exists()


def test_a_file_that_is_not_the_format_is_refused_at_its_byte(tmp_path: Path) -> None:
    source = tmp_path / "latin1.gift"
    source.write_bytes("Caf\xe9? {=yes ~no}\n".encode("latin-1"))
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, source))
    said = str(refused.value.said)
    assert said.startswith(f"{source}:1:4: this file cannot be read as GIFT: ")
    assert not (tmp_path / "data").exists()


def test_an_unknown_format_names_the_ones_the_game_reads(tmp_path: Path) -> None:
    source = written(tmp_path, "notes.txt", "just a sentence\n")
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, source))
    said = str(refused.value.said)
    assert "not recognised" in said
    assert "gift, aiken, csv" in said
    assert "--format" in said


@pytest.mark.parametrize("problem", ["missing", "folder"])
def test_a_missing_file_or_a_folder_is_one_line(tmp_path: Path, problem: str) -> None:
    path = tmp_path / "nothing.gift"
    if problem == "folder":
        path.mkdir()
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, path))
    assert str(refused.value.said).startswith(str(path))
    assert "\n" not in str(refused.value.said)


def test_a_loop_of_links_is_said_in_the_games_words(tmp_path: Path) -> None:
    # br4 N4: the system's English "Too many levels of symbolic links" was said, in ru too
    one, other = tmp_path / "loopA.gift", tmp_path / "loopB.gift"
    one.symlink_to(other)
    other.symlink_to(one)
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, one))
    assert str(refused.value.said) == (
        f"{one}: this is a link that leads back to itself (a loop of links); point it at the file"
    )


def test_a_pack_file_is_replaced_only_when_asked(tmp_path: Path) -> None:
    source = copy(AIKEN, tmp_path / "in")
    first = import_files(request(tmp_path, source))
    before = first.pack_path.read_bytes()
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, source))
    said = str(refused.value.said)
    assert said == (
        f"{first.pack_path} is the pack an earlier import of the same file made; give --force "
        "to replace it with this import, or --id to write this one beside it"
    )
    assert first.pack_path.read_bytes() == before
    other = copy(GIFT_EN, tmp_path / "in", "aiken_moodle.gift")  # another file, same pack id
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, other))
    assert str(refused.value.said) == (
        f"{first.pack_path} already exists; give --force to replace it with this import, or "
        "--id to write this one beside it"
    )
    again = import_files(
        request(tmp_path, source, replace=True, title="Second", pack_id="aiken-moodle")
    )
    assert again.pack_path == first.pack_path
    assert again.title == "Second"


def test_the_id_of_a_pack_that_comes_with_the_game_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), pack_id="union-state"))
    assert "comes with the game" in str(refused.value.said)


def test_an_id_another_pack_in_the_folder_has_is_refused(tmp_path: Path) -> None:
    packs = tmp_path / "data" / "packs"
    packs.mkdir(parents=True)
    (packs / "mine.yml").write_text("clarity: 1\nid: quiz\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), pack_id="quiz"))
    assert "mine.yml" in str(refused.value.said)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.timeout(20)
def test_a_named_pipe_named_like_a_pack_is_never_read_for_its_id(tmp_path: Path) -> None:
    packs = tmp_path / "data" / "packs"
    packs.mkdir(parents=True)
    os.mkfifo(packs / "pipe.yaml")  # reading it would wait for a writer for ever
    (packs / "mine.yaml").write_text("clarity: 1\nid: quiz\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), pack_id="quiz"))
    assert "mine.yaml" in str(refused.value.said)


def test_an_id_that_is_no_slug_is_refused_with_one_that_is(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), pack_id="Моя викторина"))
    assert "for example moya-viktorina" in str(refused.value.said)


def test_output_elsewhere(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "quiz.yaml"
    outcome = import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), output=target))
    assert outcome.pack_path == target
    assert target.is_file()
    assert (target.parent / SCHEMA_FILE_NAME).is_file()
    assert not (tmp_path / "data").exists()


def test_each_picture_is_a_round_copied_beside_the_pack(tmp_path: Path) -> None:
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    first = pictures / "Брестская крепость.png"
    first.write_bytes(png_bytes(40, 30))
    second = pictures / "eiffel_tower.PNG"
    second.write_bytes(png_bytes(30, 40))
    outcome = import_files(
        request(tmp_path, copy(GIFT_EN, tmp_path / "in"), images=(first, second), pack_id="q")
    )
    rounds = outcome.loaded.pack.rounds
    assert [(r.image, r.answer) for r in rounds] == [
        ("q/Брестская-крепость.png", "Брестская крепость"),
        ("q/eiffel_tower.png", "Eiffel tower"),
    ]
    copied = tmp_path / "data" / "packs" / "q"
    assert sorted(p.name for p in copied.iterdir()) == [
        "eiffel_tower.png",
        "Брестская-крепость.png",
    ]
    assert sum("from its file name" in str(s) for s in outcome.said) == 2
    assert outcome.loaded.warnings == ()  # a grid that fits the questions


def test_a_picture_that_is_no_picture_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.png"
    fake.write_text("<html>not a picture</html>", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), images=(fake,)))
    assert str(refused.value.said).startswith(f"{fake}: ")
    assert not (tmp_path / "data").exists()


def test_the_other_readers_files_import(tmp_path: Path) -> None:
    for number, source in enumerate((QUIZLET, OPENTDB, CSV, CSV_1251, AIKEN_ERRORS)):
        outcome = import_files(request(tmp_path, source, pack_id=f"p{number}"))
        assert outcome.loaded.ok, source
        assert outcome.imported > 0, source


# --- a dropped file ----------------------------------------------------------------------------


def test_a_dropped_pack_is_copied_with_its_own_pictures(tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    (folder / "pics").mkdir(parents=True)
    (folder / "pics" / "map.png").write_bytes(png_bytes(8, 8))
    pack = folder / "dropped.yaml"
    pack.write_text(
        "clarity: 1\nid: dropped\ntitle: Dropped\ndescription: A pack.\nrounds:\n"
        "  - image: pics/map.png\n    answer: Map\n    grid: 1x2\n"
        "  - image: union_state/serbia.png\n    answer: Serbia\n    grid: 1x2\n"
        "questions:\n  - type: truefalse\n    prompt: Yes?\n    answer: true\n"
        "  - type: truefalse\n    prompt: No?\n    answer: false\n",
        encoding="utf-8",
    )
    packs = tmp_path / "data" / "packs"
    outcome = import_dropped(pack, packs_dir=packs, assets_dir=bundled_assets_dir())
    assert outcome.pack_path == packs / "dropped.yaml"
    assert (packs / "pics" / "map.png").read_bytes() == png_bytes(8, 8)
    assert not (packs / "union_state").exists()  # the game's own picture stays where it is
    assert outcome.loaded.ok
    assert outcome.imported == 2


def test_the_same_pack_dropped_again_replaces_its_copy_and_keeps_the_old_one(
    tmp_path: Path,
) -> None:
    def on_stick(folder: str, name: str, pack_id: str, title: str, picture: bytes) -> Path:
        (tmp_path / folder / "pics").mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "pics" / "map.png").write_bytes(picture)
        path = tmp_path / folder / name
        path.write_text(
            f"clarity: 1\nid: {pack_id}\ntitle: {title}\ndescription: A pack.\nrounds:\n"
            "  - image: pics/map.png\n    answer: Map\n    grid: 1x2\nquestions:\n"
            "  - type: truefalse\n    prompt: Red is a colour.\n    answer: true\n"
            "  - type: truefalse\n    prompt: Blue is a colour.\n    answer: true\n",
            encoding="utf-8",
        )
        return path

    packs = tmp_path / "data" / "packs"
    pack = on_stick("usb", "colours.yaml", "colours", "Colurs", png_bytes(8, 8))
    first = import_dropped(pack, packs_dir=packs, assets_dir=bundled_assets_dir())
    assert first.said == ()
    # the typo fixed on the USB stick, and the picture drawn again
    pack = on_stick("usb", "colours.yaml", "colours", "Colours", png_bytes(12, 8))
    again = import_dropped(pack, packs_dir=packs, assets_dir=bundled_assets_dir())
    assert again.pack_path == packs / "colours.yaml"
    assert again.loaded.ok
    assert again.loaded.title == "Colours"
    assert (packs / "pics" / "map.png").read_bytes() == png_bytes(12, 8)
    assert "title: Colurs" in (packs / "colours.yaml.bak").read_text("utf-8")
    assert [str(one) for one in again.said] == [
        "this pack replaces colours.yaml, the copy of it dropped earlier; that copy is kept "
        "as colours.yaml.bak"
    ]
    # the game's pack list passes over the backup: one pack file in the folder
    listed = sorted(p.name for p in packs.iterdir() if p.suffix in PACK_SUFFIXES)
    assert listed == ["colours.yaml"]
    # another pack of the same id, from a file of another name, is still refused
    other = on_stick("other", "other-name.yaml", "colours", "Other", png_bytes(12, 8))
    with pytest.raises(ImportRefused) as refused:
        import_dropped(other, packs_dir=packs, assets_dir=bundled_assets_dir())
    assert str(refused.value.said).startswith('the id "colours" is already used by')
    # and a pack of another id in a file of that name
    renamed = on_stick("disk", "colours.yaml", "paints", "Paints", png_bytes(12, 8))
    with pytest.raises(ImportRefused) as refused:
        import_dropped(renamed, packs_dir=packs, assets_dir=bundled_assets_dir())
    assert "already has a file colours.yaml" in str(refused.value.said)
    assert load_pack(packs / "colours.yaml", assets_dir=bundled_assets_dir()).title == "Colours"


def test_a_dropped_broken_pack_is_refused_at_its_problem(tmp_path: Path) -> None:
    pack = written(tmp_path, "broken.yaml", "clarity: 1\nid: Broken Id\n")
    with pytest.raises(ImportRefused) as refused:
        import_dropped(pack, packs_dir=tmp_path / "packs", assets_dir=bundled_assets_dir())
    assert str(refused.value.said).startswith(f"{pack}:")
    assert not (tmp_path / "packs").exists()


def test_any_other_dropped_file_is_imported(tmp_path: Path) -> None:
    source = copy(GIFT_RU, tmp_path / "in")
    outcome = import_dropped(source, packs_dir=tmp_path / "packs", assets_dir=bundled_assets_dir())
    assert outcome.pack_path.parent == tmp_path / "packs"
    assert outcome.loaded.ok
    assert outcome.loaded.pack.language == "ru"


# --- ids and names ------------------------------------------------------------------------------


def test_cyrillic_is_transliterated_by_the_documented_table() -> None:
    assert latin("Щука, ёж, Юля, Хаць") == "shchuka, ezh, yulya, khats"
    assert slug("Ўзда і Гродна") == "uzda-i-grodna"
    assert slug("Їжак, Європа, Ґанок") == "yizhak-yevropa-ganok"
    assert slug("Café Zürich — Straße") == "cafe-zurich-strasse"
    assert slug("日本") == ""


def test_slugs_are_cut_at_a_word_and_made_unique() -> None:
    long = slug("word " * 30)
    assert len(long) <= 64
    assert not long.endswith("-")
    taken: set[str] = set()
    assert [unique_slug("a", taken) for _ in range(3)] == ["a", "a-2", "a-3"]
    assert question_ids(["What is the capital of France?", "日本", "日本"]) == [
        "what-is-the-capital-of",
        "question",
        "question-2",
    ]


def test_names_made_readable_and_safe() -> None:
    assert readable_name("world_capitals-2024") == "World capitals 2024"
    assert safe_file_name("Мой рисунок (1).PNG") == "Мой-рисунок-1.png"
    assert safe_file_name("../../etc/passwd.png") == "etc-passwd.png"
    assert safe_file_name("???.jpg") == "picture.jpg"


def test_pictures_copied_for_a_refused_pack_are_removed(tmp_path: Path) -> None:
    picture = tmp_path / "map.png"
    picture.write_bytes(png_bytes(8, 8))
    # read as a question, refused by the pack's models: found only once it is written
    source = written(tmp_path, "bad.csv", "question,type,answer,min,max\nRange?,number,3,5,1\n")
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, source, images=(picture,), pack_id="x"))
    assert [s.line for s in refused.value.skipped] == [2]
    packs = tmp_path / "data" / "packs"
    assert not (packs / "x").exists()
    assert not (packs / "x.yaml").exists()


def test_a_kahoot_spreadsheet_and_our_xlsx_layout_import(tmp_path: Path) -> None:
    import io

    import openpyxl

    from formats.test_kahoot import kahoot_template

    kahoot = tmp_path / "in" / "quiz.xlsx"
    kahoot.parent.mkdir(parents=True)
    kahoot.write_bytes(
        kahoot_template(
            [
                ["Capital of Belarus?", "Minsk", "Riga", "Vilnius", "", 20, "1"],
                ["Which are Baltic states?", "Latvia", "Belarus", "Estonia", "", 30, "1,3"],
                ["Only one answer?", "Yes", "", "", "", 20, "1"],
            ],
            heading="Neighbours",
        )
    )
    outcome = import_files(request(tmp_path, kahoot))
    assert outcome.per_file == ((kahoot, "kahoot", 2),)
    assert (outcome.pack_id, outcome.title) == ("neighbours", "Neighbours")
    baltic = outcome.loaded.pack.questions[1]
    assert baltic.answer == ("Latvia", "Estonia")
    assert [s.line for s in outcome.skipped if s.kind == "skipped"] == [11]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Question", "Type", "Answer", "Choices"])
    sheet.append(["Сколько ног у паука?", "number", 8, None])
    sheet.append(["Столица Беларуси?", "choice", "Минск", "Минск|Брест"])
    table = tmp_path / "in" / "table.xlsx"
    out = io.BytesIO()
    book.save(out)
    table.write_bytes(out.getvalue())
    outcome = import_files(request(tmp_path, table))
    assert outcome.per_file == ((table, "xlsx", 2),)
    assert outcome.loaded.pack.language == "ru"
    assert outcome.loaded.pack.questions[0].answer == "8"


def test_a_language_that_is_no_tag_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), language="Russian"))
    assert str(refused.value.said) == (
        "Russian is not a language tag; write one such as en, ru or be"
    )
    assert not (tmp_path / "data").exists()


# --- several files, one unreadable; messages for the window; the same file again -------------


def test_an_unreadable_file_among_several_is_skipped_at_its_place_and_the_rest_imported(
    tmp_path: Path,
) -> None:
    gift = copy(GIFT_EN, tmp_path / "in")
    latin1 = tmp_path / "in" / "old.gift"
    latin1.write_bytes("Caf\xe9? {=yes ~no}\n".encode("latin-1"))  # saved by an old editor
    broken = written(tmp_path, "trivia.json", '{"response_code": 0, "results": [\n  {"type"\n')
    notes = written(tmp_path, "notes.txt", "Buy milk.\n")
    aiken = copy(AIKEN, tmp_path / "in")

    outcome = import_files(request(tmp_path, gift, latin1, broken, notes, aiken, title="Mixed"))

    assert outcome.loaded.ok
    assert [(path.name, fmt) for path, fmt, _ in outcome.per_file] == [
        ("moodle_export_en.txt", "gift"),
        ("aiken_moodle.txt", "aiken"),
    ]
    assert outcome.imported == sum(count for _, _, count in outcome.per_file)
    told = {
        s.path.name: (s.line, s.column, str(s.reason))
        for s in outcome.skipped
        if s.path in (latin1, broken, notes)
    }
    assert told["old.gift"][:2] == (1, 4)
    assert told["old.gift"][2].startswith("this file cannot be read as GIFT: ")
    assert told["trivia.json"][2].startswith("this file cannot be read as Open Trivia DB: ")
    assert told["notes.txt"] == (
        1,
        1,
        "the format is not recognised; the formats the game reads are gift, aiken, csv, xlsx, "
        "quizlet, opentdb, kahoot: name one with --format",
    )
    order = [s.path for s in outcome.skipped]  # told file by file, in the order given
    assert order == sorted(order, key=[gift, latin1, broken, notes, aiken].index)


def test_when_no_file_gives_a_question_nothing_is_written_and_each_is_told(
    tmp_path: Path,
) -> None:
    notes = written(tmp_path, "notes.txt", "Buy milk.\n")
    latin1 = tmp_path / "in" / "old.gift"
    latin1.write_bytes("Caf\xe9? {=yes ~no}\n".encode("latin-1"))
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, notes, latin1))
    assert str(refused.value.said) == "no question could be imported, so no pack was written"
    assert [(s.path, s.line, s.column) for s in refused.value.skipped] == [
        (notes, 1, 1),
        (latin1, 1, 4),
    ]
    assert not (tmp_path / "data").exists()


def test_a_file_named_as_its_format_is_read_so_when_its_content_tells_nothing(
    tmp_path: Path,
) -> None:
    # JSON that is no Open Trivia DB download: its reader says what is missing, which tells
    # a teacher more than "not recognised"
    json_file = written(tmp_path, "trivia.json", '{"questions": [{"q": "Why?"}]}')
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, json_file))
    assert str(refused.value.said).startswith(
        f"{json_file}:1:1: this file cannot be read as Open Trivia DB: "
    )


def test_a_picture_alone_is_said_to_be_one_where_it_is_imported(tmp_path: Path) -> None:
    picture = tmp_path / "in" / "holiday.jpg"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(png_bytes(20, 20))  # a PNG named .jpg: the content tells
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, picture))
    assert str(refused.value.said) == (
        f"{picture}: this is a picture, not questions; give it with --image PICTURE beside a "
        "question file: each picture is a round's mystery picture"
    )
    with pytest.raises(ImportRefused) as refused:
        import_dropped(picture, packs_dir=tmp_path / "packs", assets_dir=bundled_assets_dir())
    said = str(refused.value.said)
    assert said.startswith(f"{picture}: this is a picture, and a picture is no pack by itself")
    assert "drop it together with a file of questions" in said
    assert "--" not in said
    assert not (tmp_path / "packs").exists()


def test_messages_of_a_drop_name_no_command_line_option(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    outcome = import_dropped(copy(GIFT_RU, tmp_path / "in"), packs_dir=packs, assets_dir=ASSETS)
    said = [str(one) for one in outcome.said]
    assert "the pack's language was found from its text: ru; change the language line" in said[0]
    assert any("to use your own, drop your pictures together with" in one for one in said)
    assert not any("--" in one for one in said)
    with pytest.raises(ImportRefused) as refused:
        import_dropped(
            written(tmp_path, "notes.txt", "Buy milk.\n"), packs_dir=packs, assets_dir=ASSETS
        )
    said_once = str(refused.value.said)
    assert "--" not in said_once
    assert "rename the file so and drop it again" in said_once
    # the same words on the command line name the options
    command_line = import_files(request(tmp_path, copy(GIFT_RU, tmp_path / "cli")))
    assert any("give --language" in str(one) for one in command_line.said)
    assert any("give --image" in str(one) for one in command_line.said)


ASSETS = bundled_assets_dir()


def test_the_same_file_dropped_again_replaces_its_unchanged_import_else_is_kept_beside(
    tmp_path: Path,
) -> None:
    packs = tmp_path / "packs"
    source = copy(GIFT_EN, tmp_path / "in", "geography.gift")
    first = import_dropped(source, packs_dir=packs, assets_dir=ASSETS)
    assert first.pack_path == packs / "geography.yaml"

    # the teacher fixed a question in Moodle and drops the new export: it replaces the pack
    source.write_text(
        source.read_text(encoding="utf-8").replace("<strong>France</strong>", "Spain"),
        encoding="utf-8",
    )
    again = import_dropped(source, packs_dir=packs, assets_dir=ASSETS)
    assert again.pack_path == first.pack_path
    assert "capital of Spain" in again.pack_path.read_text(encoding="utf-8")
    assert (
        "this import replaces geography.yaml, made by an earlier import of the same file and "
        "not changed since"
    ) in [str(one) for one in again.said]
    assert sorted(p.name for p in packs.glob("*.yaml")) == ["geography.yaml"]

    # the teacher edited the pack since: a new drop keeps the edit and adds a numbered pack
    edited = first.pack_path.read_text(encoding="utf-8").replace("Geography", "My geography")
    first.pack_path.write_text(edited, encoding="utf-8")
    third = import_dropped(source, packs_dir=packs, assets_dir=ASSETS)
    assert first.pack_path.read_text(encoding="utf-8") == edited
    assert (third.pack_path.name, third.pack_id, third.title) == (
        "geography-2.yaml",
        "geography-2",
        "Geography (2)",
    )
    assert third.loaded.ok
    assert (
        'your packs folder already has a pack "geography", so this one is "geography-2" and '
        "the other stays as it is"
    ) in [str(one) for one in third.said]
    # and that numbered one, unchanged, is what the next drop of the same file replaces
    fourth = import_dropped(source, packs_dir=packs, assets_dir=ASSETS)
    assert fourth.pack_path == third.pack_path
    assert sorted(p.name for p in packs.glob("*.yaml")) == ["geography-2.yaml", "geography.yaml"]


def test_a_drop_whose_id_is_another_packs_or_the_games_gets_a_numbered_id(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    mine = packs / "mine.yaml"  # a pack written by hand with the id the import would take
    mine.write_text("clarity: 1\nid: geography\ntitle: Mine\n", encoding="utf-8")
    outcome = import_dropped(
        copy(GIFT_EN, tmp_path / "in", "geography.gift"), packs_dir=packs, assets_dir=ASSETS
    )
    assert outcome.pack_id == "geography-2"
    assert mine.read_text(encoding="utf-8").endswith("title: Mine\n")
    bundled = import_dropped(
        copy(AIKEN, tmp_path / "in", "union_state.txt"), packs_dir=packs, assets_dir=ASSETS
    )
    assert bundled.pack_id == "union-state-2"
    assert bundled.loaded.ok
    # on the command line the same import is refused, naming the option
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "cli", "union_state.txt")))
    assert "give another with --id" in str(refused.value.said)


def test_pictures_dropped_with_a_file_of_questions_are_its_rounds(tmp_path: Path) -> None:
    from clarity.formats.importing import dropped_together

    folder = tmp_path / "in"
    gift = copy(GIFT_EN, folder, "geography.gift")
    pack = written(tmp_path, "rivers.yaml", "clarity: 1\n")
    first = folder / "eiffel_tower.png"
    first.write_bytes(png_bytes(40, 30))
    second = folder / "Kremlin.JPG"
    second.write_bytes(jpeg_bytes(30, 40))

    groups = dropped_together([first, gift, pack, second])
    assert groups == [(gift, (first, second)), (pack, ())]
    assert dropped_together([first, pack]) == [(first, ()), (pack, ())]  # no questions: alone

    outcome = import_dropped(
        gift, packs_dir=tmp_path / "packs", assets_dir=ASSETS, images=groups[0][1]
    )
    assert [r.answer for r in outcome.loaded.pack.rounds] == ["Eiffel tower", "Kremlin"]
    assert (tmp_path / "packs" / "geography" / "eiffel_tower.png").is_file()


def test_the_pipelines_messages_are_all_extracted_for_translation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # babel skips (with a warning) a message() call holding an f-string: its words would
    # never reach the translators
    from babel.messages.extract import extract_from_file

    from clarity.formats import detect, exporting, importing
    from clarity.i18n.catalog_building import KEYWORDS

    for module in (importing, detect, exporting):
        found = list(extract_from_file("python", module.__file__, keywords=KEYWORDS))
        assert module is detect or found
    assert "warning" not in capsys.readouterr().err


# --- what a tester found in the window -------------------------------------------------------

ONE_QUESTION = "Which planet is the largest?\nA. Mars\nB. Jupiter\nANSWER: B\n"


def test_a_one_question_pack_plays_one_default_round_and_says_why(tmp_path: Path) -> None:
    outcome = import_files(request(tmp_path, written(tmp_path, "one.txt", ONE_QUESTION)))
    rounds = outcome.loaded.pack.rounds
    assert [str(r.grid) for r in rounds] == ["1x2"]  # the smallest grid, once
    assert len(outcome.loaded.warnings) == 1  # not one per default picture
    assert any("a pack with more questions uncovers more" in str(s) for s in outcome.said)


def test_rounds_are_fitted_to_the_questions_left_after_the_validator(tmp_path: Path) -> None:
    # thirteen rows, twelve of which the pack refuses (min above max): the rounds are the
    # one round of a one-question pack, not four rounds made for thirteen questions
    rows = "".join(f"Range {n}?,number,15,20,10\n" for n in range(12))
    source = written(
        tmp_path, "ranges.csv", f"question,type,answer,min,max\nFine?,number,5,,\n{rows}"
    )
    outcome = import_files(request(tmp_path, source))
    assert outcome.imported == 1
    assert len([s for s in outcome.skipped if s.kind == "skipped"]) == 12
    assert [str(r.grid) for r in outcome.loaded.pack.rounds] == ["1x2"]
    assert len(outcome.loaded.warnings) == 1
    assert any("a pack with more questions uncovers more" in str(s) for s in outcome.said)
    # six left of thirteen: grids of at most six tiles, so every tile can be uncovered
    rows = "".join(f"Range {n}?,number,15,20,10\n" for n in range(7))
    fine = "".join(f"Fine {n}?,number,5,,\n" for n in range(6))
    source = written(tmp_path, "six.csv", f"question,type,answer,min,max\n{fine}{rows}")
    six = import_files(request(tmp_path, source))
    assert six.imported == 6
    assert all(r.grid.tiles <= 6 for r in six.loaded.pack.rounds)
    assert six.loaded.warnings == ()


def test_the_teachers_pictures_get_the_grid_of_the_default_rounds_rule(tmp_path: Path) -> None:
    pictures = tmp_path / "pictures"
    pictures.mkdir()
    wide = pictures / "wide.png"
    wide.write_bytes(png_bytes(40, 30))
    tall = pictures / "tall.png"
    tall.write_bytes(png_bytes(30, 40))
    source = written(tmp_path, "one.txt", ONE_QUESTION)
    one = import_files(request(tmp_path, source, images=(wide, tall), pack_id="one"))
    assert [str(r.grid) for r in one.loaded.pack.rounds] == ["1x2", "2x1"]
    assert any("a pack with more questions uncovers more" in str(s) for s in one.said)
    # twelve questions: the 3x4 the default rounds get, turned for a tall picture
    many = "".join(f"Question {n}?\nA. yes\nB. no\nANSWER: A\n\n" for n in range(1, 13))
    twelve = import_files(
        request(tmp_path, written(tmp_path, "twelve.txt", many), images=(wide, tall), pack_id="t")
    )
    assert [str(r.grid) for r in twelve.loaded.pack.rounds] == ["3x4", "4x3"]
    defaults = import_files(request(tmp_path, written(tmp_path, "d.txt", many), pack_id="d"))
    assert {str(r.grid) for r in defaults.loaded.pack.rounds} == {"3x4"}
    assert twelve.loaded.warnings == defaults.loaded.warnings == ()


def test_random_bytes_are_said_to_be_in_no_format_the_game_reads(tmp_path: Path) -> None:
    import random

    noise = tmp_path / "big.bin"
    noise.write_bytes(random.Random(30).randbytes(1024 * 1024))
    with pytest.raises(ImportRefused) as refused:
        import_dropped(noise, packs_dir=tmp_path / "p", assets_dir=bundled_assets_dir())
    window = str(refused.value.said)
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, noise))
    command_line = str(refused.value.said)
    for said in (window, command_line):
        assert said.startswith(f"{noise}: the format is not recognised")
        assert "cannot be read as" not in said
    assert "GIFT, Aiken, CSV, xlsx, Quizlet, Open Trivia DB, Kahoot" in window
    assert "--" not in window  # no option in the window
    assert "name one with --format" in command_line


def test_an_id_too_long_is_refused_for_its_length(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), pack_id="a" * 80))
    assert str(refused.value.said) == (
        f'"{"a" * 80}" cannot be a pack id: it has 80 characters, and an id has at most 64'
    )


def test_an_old_or_broken_schema_beside_the_pack_is_refreshed(tmp_path: Path) -> None:
    from clarity.formats.pack_files import schema_text

    packs = tmp_path / "data" / "packs"
    packs.mkdir(parents=True)
    for old in ('{"old": true}', "not json"):
        (packs / SCHEMA_FILE_NAME).write_text(old, encoding="utf-8")
        import_files(request(tmp_path, copy(AIKEN, tmp_path / "in"), replace=True))
        assert (packs / SCHEMA_FILE_NAME).read_text("utf-8") == schema_text()


# --- hostile and odd files, reports that stay short -----------------------------------------


def _import_in_thread(req: ImportRequest, seconds: float = 10) -> ImportOutcome | ImportRefused:
    """The import, failing the test (instead of hanging it) if it does not end in time."""
    import threading

    result: list[ImportOutcome | ImportRefused] = []

    def run() -> None:
        try:
            result.append(import_files(req))
        except ImportRefused as refused:
            result.append(refused)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert result, f"the import did not end in {seconds} s"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_at_once_and_never_read(tmp_path: Path) -> None:
    fifo = tmp_path / "in" / "questions.gift"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    alone = _import_in_thread(request(tmp_path, fifo))
    assert isinstance(alone, ImportRefused)
    assert str(alone.said) == f"{fifo}: this is a named pipe (FIFO), not a regular file"
    good = copy(AIKEN, tmp_path / "in")
    together = _import_in_thread(request(tmp_path, fifo, good))
    assert isinstance(together, ImportOutcome)
    assert together.imported > 0
    told = [s for s in together.skipped if s.path == fifo]
    assert [(s.line, s.column, str(s.reason)) for s in told] == [
        (1, 1, "this is a named pipe (FIFO), not a regular file")
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_without_reading_it() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        refused = _import_in_thread(request(Path(folder), Path("/dev/zero")), seconds=5)
    assert isinstance(refused, ImportRefused)
    assert str(refused.said) == "/dev/zero: this is a device, not a regular file"


def test_the_language_is_the_one_students_read_and_type_not_the_keys_values(
    tmp_path: Path,
) -> None:
    # A Quizlet set English -> Russian: every question's "type: typed" is Latin letters,
    # and its category tags too; the students type Russian.
    cards = "the dog\tпёс\nthe cat\tкот\nthe owl\tсова\nthe fox\tлиса\n"
    source = written(tmp_path, "english_words.txt", cards)
    outcome = import_files(request(tmp_path, source))
    assert outcome.loaded.pack.language == "ru"


def test_the_same_file_named_twice_is_imported_once_and_said(tmp_path: Path) -> None:
    source = copy(AIKEN, tmp_path / "in")
    once = import_files(request(tmp_path, source, output=tmp_path / "once.yaml"))
    other_spelling = source.parent / ".." / source.parent.name / source.name
    twice = import_files(
        request(tmp_path, source, other_spelling, source, output=tmp_path / "twice.yaml")
    )
    assert twice.imported == once.imported
    assert twice.per_file == once.per_file
    assert len(twice.skipped) == len(once.skipped)
    assert [str(s) for s in twice.said if "more than once" in str(s)] == [
        f"{other_spelling} is named more than once; it is imported once",
        f"{source} is named more than once; it is imported once",
    ]


def test_questions_over_the_packs_limit_are_told_once_with_their_number(tmp_path: Path) -> None:
    from clarity.formats.importing import _Gathered, _keep_at_most, _Taken

    source = tmp_path / "big.csv"
    gathered = _Gathered(
        questions=[
            _Taken({"type": "typed", "prompt": f"Q{n}?", "answer": "a"}, source, n + 2, 1, "")
            for n in range(50)
        ]
    )
    _keep_at_most(gathered, 10)
    assert len(gathered.questions) == 10
    assert [(s.line, s.column, s.kind) for s in gathered.skipped] == [(12, 1, "skipped")]
    assert str(gathered.skipped[0].reason) == (
        "the pack already holds 10 questions, the most a pack can hold, so 40 questions from "
        "here on are left out; import them into another pack"
    )


def _table_with_pictures(tmp_path: Path) -> tuple[Path, Path]:
    """A CSV in class/sheet/ naming pictures every way a hostile or careless file may."""
    sheet = tmp_path / "class" / "sheet"
    (sheet / "pictures").mkdir(parents=True)
    (sheet / "pictures" / "red.png").write_bytes(png_bytes(40, 30))
    (sheet / "notes.png").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (tmp_path / "class" / "outside.png").write_bytes(png_bytes(40, 30))
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(40, 30))
    (sheet / "link.png").symlink_to(secret)
    rows = [
        "question,type,answer,image",
        "Inside?,typed,yes,pictures/red.png",
        "Up?,typed,yes,../outside.png",
        f"Absolute?,typed,yes,{secret}",
        "Text?,typed,yes,notes.png",
        "Missing?,typed,yes,gone.png",
        "Link?,typed,yes,link.png",
        "Game's?,typed,yes,mysteries/lighthouse.png",
    ]
    source = sheet / "questions.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return source, secret


def test_a_tables_pictures_come_only_from_its_folder_and_are_checked_to_be_pictures(
    tmp_path: Path,
) -> None:
    source, secret = _table_with_pictures(tmp_path)
    outcome = import_files(request(tmp_path, source))
    assert outcome.loaded.ok
    pack = outcome.loaded.pack
    images = {q.prompt: q.image for q in pack.questions}
    # every question is kept; only the picture in the CSV's folder (or below) is copied
    assert images["Inside?"] == f"{outcome.pack_id}/red.png"
    copied = outcome.pack_path.parent / outcome.pack_id
    assert sorted(p.name for p in copied.iterdir()) == ["red.png"]
    for prompt in ("Up?", "Absolute?", "Text?", "Missing?", "Link?"):
        assert images[prompt] is None, prompt
    assert images["Game's?"] == "mysteries/lighthouse.png"
    notes = {s.line: str(s.reason) for s in outcome.skipped if s.kind == "note"}
    assert notes[3] == (
        "the picture ../outside.png is not in the folder of questions.csv or below it, so it "
        "is not taken; the question is kept without it"
    )
    assert notes[4].startswith(f"the picture {secret} is not in the folder")
    assert notes[5].startswith("the picture is not taken: ")
    assert notes[5].endswith("; the question is kept without it")
    assert notes[6] == (
        f"no picture gone.png in {source.parent}, the folder of questions.csv; the question "
        "is kept without it"
    )
    assert notes[7].startswith("the picture link.png is not in the folder")
    assert not [s for s in outcome.skipped if s.kind == "skipped"]


def test_a_value_the_validator_refuses_is_told_at_its_own_cell(tmp_path: Path) -> None:
    # br1 #2: "5:1: skipped: answer: ..." named the row's first column, not the answer cell
    source = tmp_path / "cols.csv"
    rows = [
        "question;type;answer;choice 1;choice 2;choice 3;min;max",
        "Dots?;number;1.000.000;;;;;",
        "Range?;number;5;;;;10;1",
        "Same?;choice;Rome;Rome;Paris;Rome;;",
        "Fine?;number;3;;;;;",
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    outcome = import_files(request(tmp_path, source))
    skipped = [(s.line, s.column, str(s.reason)) for s in outcome.skipped if s.kind == "skipped"]
    assert [(line, column) for line, column, _ in skipped] == [(2, 3), (3, 7), (4, 6)]
    assert skipped[0][2].startswith('answer: "1.000.000" is not one number')
    assert skipped[1][2].startswith("min: ")
    assert skipped[2][2].startswith('choices[2]: "Rome" is listed twice')
    assert [q.prompt for q in outcome.loaded.pack.questions] == ["Fine?"]


def test_a_picture_cell_with_a_web_address_says_that_it_cannot_be_used(tmp_path: Path) -> None:
    # br1 #6: "no picture http://example.com/a.png in f/sub" told of a missing file
    source = tmp_path / "sheet" / "questions.csv"
    source.parent.mkdir()
    rows = [
        "question,type,answer,picture",
        "Web?,typed,yes,http://example.com/a.png",
        "Secure?,typed,yes,HTTPS://example.com/b.jpg",
        "Www?,typed,yes,www.example.com/c.png",
    ]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    outcome = import_files(request(tmp_path, source))
    assert outcome.loaded.ok
    assert [q.image for q in outcome.loaded.pack.questions] == [None, None, None]
    notes = [(s.line, s.column, str(s.reason)) for s in outcome.skipped if s.kind == "note"]
    assert notes == [
        (
            line,
            4,
            f"the picture {cell} is a web address, which cannot be used: save the picture as a "
            "file beside questions.csv and write its name; the question is kept without it",
        )
        for line, cell in (
            (2, "http://example.com/a.png"),
            (3, "HTTPS://example.com/b.jpg"),
            (4, "www.example.com/c.png"),
        )
    ]


def test_a_jpeg_named_png_is_copied_as_a_jpeg_and_a_camera_photo_is_scaled_down(
    tmp_path: Path,
) -> None:
    from PIL import Image

    from clarity.core.packs.picture_decoding import MAX_PICTURE_SIDE

    liar = tmp_path / "pictures" / "phone.png"
    liar.parent.mkdir()
    liar.write_bytes(jpeg_bytes(64, 48))  # as phones save
    photo = tmp_path / "pictures" / "camera.jpg"
    photo.write_bytes(jpeg_bytes(4800, 3200))  # a camera's 3:2
    source = copy(AIKEN, tmp_path / "in")

    outcome = import_files(request(tmp_path, source, images=(liar, photo)))

    assert outcome.loaded.ok, outcome.loaded.errors
    assert [r.image for r in outcome.loaded.pack.rounds] == [
        f"{outcome.pack_id}/phone.jpg",
        f"{outcome.pack_id}/camera.jpg",
    ]
    folder = outcome.pack_path.parent / outcome.pack_id
    with Image.open(folder / "phone.jpg") as copied:
        assert copied.format == "JPEG"
    with Image.open(folder / "camera.jpg") as scaled:
        width, height = scaled.size
    assert width == MAX_PICTURE_SIDE
    assert abs(height - MAX_PICTURE_SIDE * 2 / 3) <= 1  # the shape kept
    said = [str(s) for s in outcome.said]
    assert (
        "phone.png holds a JPEG picture, not what its name's ending says; it is copied into "
        "the pack as phone.jpg"
    ) in said
    assert (
        "camera.jpg is 4800x3200 pixels, larger than the game shows; its copy in the pack is "
        f"scaled down to at most {MAX_PICTURE_SIDE:,} pixels a side"
    ) in said


def test_an_empty_file_is_said_to_be_empty_and_a_file_of_no_question_says_why(
    tmp_path: Path,
) -> None:
    empty = written(tmp_path, "empty.gift", "\ufeff\n\n")
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, empty))
    assert str(refused.value.said) == f"{empty}: the file is empty"
    comments = written(tmp_path, "comments.gift", "// only a comment\n// and another\n")
    good = copy(AIKEN, tmp_path / "in")
    outcome = import_files(request(tmp_path, empty, comments, good))
    told = {s.path: str(s.reason) for s in outcome.skipped if s.path != good}
    assert told == {
        empty: "the file is empty",
        comments: "no GIFT question was found in this file",
    }


def test_a_missing_file_or_a_folder_among_good_ones_is_skipped_at_its_place(
    tmp_path: Path,
) -> None:
    good = copy(AIKEN, tmp_path / "in")
    missing = tmp_path / "in" / "gone.gift"
    folder = tmp_path / "in" / "folder.gift"
    folder.mkdir()
    outcome = import_files(request(tmp_path, missing, good, folder))
    assert outcome.imported > 0
    told = {s.path: (s.line, s.column, str(s.reason)) for s in outcome.skipped if s.path != good}
    assert told == {
        missing: (1, 1, "no such file or folder"),
        folder: (1, 1, "this is a folder, not a file"),
    }


def test_the_systems_errors_are_said_in_the_games_words(tmp_path: Path) -> None:
    good = copy(AIKEN, tmp_path / "in")
    a_file = tmp_path / "template.csv"
    a_file.write_text("question,answer\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, good, output=a_file / "x.yaml"))
    said = refused.value.said
    assert isinstance(said, Message)
    assert said.template == "{file}: {problem}"
    assert str(said) == f"{a_file}: this is a file, and a folder is needed here"


def _ods_bytes() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def _xlsx_bytes() -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["question", "type", "answer"])
    book.active.append(["Sky is blue?", "truefalse", "true"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "given", "expected"),
    [
        ("k.ods", _ods_bytes(), None, "save it again as .xlsx"),
        ("k.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "csv", "save it again"),
        (
            "quiz.xml",
            b'<?xml version="1.0"?>\n<quiz>\n<question type="essay"/>\n</quiz>\n',
            None,
            "export the questions in GIFT format instead",
        ),
        ("book.xlsx", _xlsx_bytes(), "csv", "this is an xlsx file: use --format xlsx"),
    ],
    ids=["ods", "xls", "moodle-xml", "xlsx-as-csv"],
)
def test_files_the_game_does_not_read_are_told_what_to_do(
    tmp_path: Path, name: str, data: bytes, given: str | None, expected: str
) -> None:
    path = tmp_path / "in" / name
    path.parent.mkdir()
    path.write_bytes(data)
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, path, format=given))
    assert str(refused.value.said).startswith(f"{path}: ")
    assert expected in str(refused.value.said)


def test_a_quizlet_separator_means_quizlet(tmp_path: Path) -> None:
    source = written(tmp_path, "words.txt", "dog - собака\ncat - кошка\nhouse - дом\n")
    outcome = import_files(request(tmp_path, source, term_separator=" - "))
    assert outcome.per_file == ((source, "quizlet", 3),)
    cards = [{q.prompt, q.answer} for q in outcome.loaded.pack.questions]
    assert cards == [{"dog", "собака"}, {"cat", "кошка"}, {"house", "дом"}]


def test_an_output_with_no_ending_gets_yaml_and_another_ending_is_refused(
    tmp_path: Path,
) -> None:
    source = copy(AIKEN, tmp_path / "in")
    outcome = import_files(request(tmp_path, source, output=tmp_path / "out" / "noext"))
    assert outcome.pack_path == tmp_path / "out" / "noext.yaml"
    assert outcome.loaded.ok
    assert any("noext.yaml" in str(s) and ".yml" in str(s) for s in outcome.said)
    with pytest.raises(ImportRefused) as refused:
        import_files(request(tmp_path, source, output=tmp_path / "out" / "pack.txt"))
    assert "ends in .yaml" in str(refused.value.said)
    assert not (tmp_path / "out" / "pack.txt").exists()
