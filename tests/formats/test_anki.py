"""The Anki export: a pack written as an .apkg and opened again the way Anki opens it (a zip
holding an SQLite collection, a media map and the pictures by number)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import genanki
import pytest

from clarity.atomic_files import FileNotWritten
from clarity.core.packs.loader import LoadedPack, load_pack
from clarity.formats.anki import (
    FIELDS,
    ID_HIGH,
    ID_LOW,
    anki_tag,
    deck_id,
    media_name,
    model_id,
    write_apkg,
)
from core.image_bytes import png_bytes

PACK = """\
clarity: 1
id: {id}
title: "Sights & <Symbols>"
description: "Capitals, rivers & \\"quotes\\""
language: {language}
rounds:
  - image: pics/castle.png
    answer: Mir Castle
    accept: [Мірскі замак, Mir]
    caption: "Built in the 16th century <b>UNESCO</b>"
  - image: other/castle.png
    answer: Nesvizh
questions:
  - id: capital
    type: choice
    prompt: "Which is the capital of <b>Belarus</b> & why?"
    choices: [Minsk, Brest, "Grodno \\"old\\""]
    answer: Minsk
    explain: "Minsk since 1919.\\nSecond line [sound:x.mp3]"
    tags: [geography, world capitals]
    difficulty: easy
    image: pics/flag.png
  - id: two-right
    type: choice
    prompt: Which are rivers?
    choices: [Dnieper, Neman, Elbrus]
    answer: [Dnieper, Neman]
  - id: true-one
    type: truefalse
    prompt: Минск — столица Беларуси?
    answer: true
  - id: false-one
    type: truefalse
    prompt: The Volga flows into the Black Sea.
    answer: false
  - id: typed-one
    type: typed
    prompt: Name the longest river in Europe
    answer: Volga
    accept: [Волга, Volha]
    tags: [rivers]
    difficulty: hard
  - id: number-one
    type: number
    prompt: In which year was Minsk first mentioned?
    answer: "1067"
    tolerance: "2"
  - id: range-one
    type: number
    prompt: How many regions?
    answer: "6"
    min: "5"
    max: "7"
  - type: typed
    prompt: "  No   id here  "
    answer: nothing
  - type: typed
    prompt: Twice the same
    answer: first
  - type: typed
    prompt: Twice the same
    answer: second
"""


@dataclass
class Collection:
    """What an .apkg holds, read back."""

    notes: list[dict[str, object]]
    cards: list[tuple[int, int, int]]  # (card id, note id, deck id)
    decks: dict[str, dict[str, object]]
    models: dict[str, dict[str, object]]
    media: dict[str, str]
    files: dict[str, bytes]

    def note(self, prompt_start: str) -> dict[str, object]:
        found = [n for n in self.notes if str(n["Prompt"]).startswith(prompt_start)]
        assert len(found) == 1, [n["Prompt"] for n in self.notes]
        return found[0]

    def picture(self, name: str) -> bytes:
        numbers = {value: key for key, value in self.media.items()}
        return self.files[numbers[name]]


def read_apkg(path: Path, tmp_path: Path) -> Collection:
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        database = tmp_path / f"{path.stem}-collection.anki2"
        database.write_bytes(package.read("collection.anki2"))
        media = json.loads(package.read("media"))
        files = {name: package.read(name) for name in names - {"collection.anki2", "media"}}
    connection = sqlite3.connect(database)
    try:
        decks_json, models_json = connection.execute("SELECT decks, models FROM col").fetchone()
        models = json.loads(models_json)
        notes = []
        for note_id, guid, mid, tags, flds, sfld in connection.execute(
            "SELECT id, guid, mid, tags, flds, sfld FROM notes ORDER BY id"
        ):
            field_names = [f["name"] for f in models[str(mid)]["flds"]]
            values = flds.split("\x1f")
            assert len(values) == len(field_names)
            notes.append(
                {
                    "id": note_id,
                    "guid": guid,
                    "mid": mid,
                    "tags": tags.split(),
                    "sfld": sfld,
                    **dict(zip(field_names, values, strict=True)),
                }
            )
        cards = list(connection.execute("SELECT id, nid, did FROM cards ORDER BY id"))
    finally:
        connection.close()
    return Collection(notes, cards, json.loads(decks_json), models, media, files)


def make_pack(tmp_path: Path, *, pack_id: str = "sights", language: str = "en") -> LoadedPack:
    folder = tmp_path / pack_id
    for relative, side in (("pics/castle.png", 3), ("other/castle.png", 5), ("pics/flag.png", 4)):
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(png_bytes(side, side))
    path = folder / f"{pack_id}.yaml"
    path.write_text(PACK.format(id=pack_id, language=language), encoding="utf-8")
    loaded = load_pack(path, assets_dir=tmp_path / "no-assets")
    assert loaded.pack is not None, loaded.first_error
    return loaded


def export(loaded: LoadedPack, target: Path, tmp_path: Path, **options: float) -> Collection:
    assert loaded.pack is not None
    write_apkg(loaded.pack, loaded.images, target, **options)
    return read_apkg(target, tmp_path)


def test_every_question_and_every_round_is_one_note_with_one_card_in_the_pack_deck(
    tmp_path: Path,
) -> None:
    loaded = make_pack(tmp_path)
    deck = export(loaded, tmp_path / "sights.apkg", tmp_path)
    assert len(deck.notes) == 10 + 2
    assert len(deck.cards) == len(deck.notes)
    assert {nid for _, nid, _ in deck.cards} == {n["id"] for n in deck.notes}
    assert {did for _, _, did in deck.cards} == {deck_id("sights")}
    ours = deck.decks[str(deck_id("sights"))]
    assert ours["name"] == "Sights & <Symbols>"  # a deck name is plain text in Anki
    assert ours["desc"] == "Capitals, rivers &amp; &quot;quotes&quot;"
    model = deck.models[str(model_id("sights"))]
    assert [f["name"] for f in model["flds"]] == list(FIELDS)
    assert {n["mid"] for n in deck.notes} == {model_id("sights")}
    assert model["name"] == "Clarity Challenge: Sights & <Symbols>"


def test_a_choice_note_shows_prompt_picture_and_choices_escaped_and_the_right_choice_behind(
    tmp_path: Path,
) -> None:
    deck = export(make_pack(tmp_path), tmp_path / "sights.apkg", tmp_path)
    note = deck.note("Which is the capital")
    assert note["Prompt"] == "Which is the capital of &lt;b&gt;Belarus&lt;/b&gt; &amp; why?"
    assert note["Choices"] == (
        "<ul><li>Minsk</li><li>Brest</li><li>Grodno &quot;old&quot;</li></ul>"
    )
    assert note["Answer"] == "Minsk"
    # the line break kept, and Anki's [sound:...] left as text
    assert note["Explanation"] == "Minsk since 1919.<br>Second line &#91;sound:x.mp3]"
    assert note["sfld"] == "Which is the capital of <b>Belarus</b> & why?"
    assert note["tags"] == ["geography", "world_capitals", "difficulty::easy"]
    flag = png_bytes(4, 4)
    name = media_name(Path("flag.png"), flag)
    assert note["Picture"] == f'<img src="{name}" alt="">'
    assert deck.picture(name) == flag


def test_several_right_choices_are_all_on_the_back_joined_by_or(tmp_path: Path) -> None:
    deck = export(make_pack(tmp_path), tmp_path / "sights.apkg", tmp_path)
    note = deck.note("Which are rivers?")
    assert note["Answer"] == "Dnieper or Neman"
    assert note["tags"] == ["difficulty::medium"]
    assert note["Picture"] == ""


def test_true_false_typed_and_number_answers_as_the_game_shows_them(tmp_path: Path) -> None:
    deck = export(make_pack(tmp_path), tmp_path / "sights.apkg", tmp_path)
    assert deck.note("Минск — столица")["Answer"] == "True"
    assert deck.note("The Volga flows")["Answer"] == "False"
    typed = deck.note("Name the longest river")
    assert typed["Answer"] == 'Volga<div class="accepted">Also accepted: Волга or Volha</div>'
    assert typed["Choices"] == ""
    assert typed["tags"] == ["rivers", "difficulty::hard"]
    assert deck.note("In which year")["Answer"] == "1067 \u00b1 2"
    assert deck.note("How many regions")["Answer"] == "6 (from 5 to 7)"


@pytest.mark.parametrize(
    ("language", "true", "false", "range_words", "either", "picture", "accepted"),
    [
        (
            "ru",
            "Верно",
            "Неверно",
            "6 (от 5 до 7)",
            "Dnieper или Neman",
            "Что на картинке?",
            "Засчитывается и: Волга или Volha",
        ),
        (
            "be",
            "Праўда",
            "Няпраўда",
            "6 (ад 5 да 7)",
            "Dnieper або Neman",
            "Што на карцінцы?",
            "Залічваецца і: Волга ці Volha",
        ),
    ],
)
def test_the_words_around_the_pack_s_own_are_in_the_pack_s_language(  # noqa: PLR0917
    tmp_path: Path,
    language: str,
    true: str,
    false: str,
    range_words: str,
    either: str,
    picture: str,
    accepted: str,
) -> None:
    deck = export(make_pack(tmp_path, language=language), tmp_path / "x.apkg", tmp_path)
    assert deck.note("Минск — столица")["Answer"] == true
    assert deck.note("The Volga flows")["Answer"] == false
    assert deck.note("How many regions")["Answer"] == range_words
    assert deck.note("Which are rivers?")["Answer"] == either
    rounds = [n for n in deck.notes if n["tags"] == ["mystery"]]
    assert [n["Prompt"] for n in rounds] == [picture, picture]
    also = str(deck.note("Name the longest river")["Answer"])
    # the list is joined in the pack's language (CLDR's "or": ці in Belarusian); "Also
    # accepted" is a new message, translated once the lead merges the fragments
    english = accepted.split(": ")[1]
    assert also in (
        f'Volga<div class="accepted">{accepted}</div>',
        f'Volga<div class="accepted">Also accepted: {english}</div>',
    )


def test_each_round_is_a_picture_card_with_its_answer_and_caption(tmp_path: Path) -> None:
    deck = export(make_pack(tmp_path), tmp_path / "sights.apkg", tmp_path)
    rounds = [n for n in deck.notes if n["tags"] == ["mystery"]]
    assert [n["Prompt"] for n in rounds] == ["What is in the picture?"] * 2
    first, second = rounds
    assert first["Answer"] == (
        'Mir Castle<div class="accepted">Also accepted: Мірскі замак or Mir</div>'
    )
    assert first["Explanation"] == "Built in the 16th century &lt;b&gt;UNESCO&lt;/b&gt;"
    assert second["Answer"] == "Nesvizh"
    assert second["Explanation"] == ""
    assert first["Choices"] == second["Choices"] == ""


def test_two_pictures_with_one_file_name_in_two_folders_keep_apart(tmp_path: Path) -> None:
    deck = export(make_pack(tmp_path), tmp_path / "sights.apkg", tmp_path)
    three, five = png_bytes(3, 3), png_bytes(5, 5)
    first, second = (n for n in deck.notes if n["tags"] == ["mystery"])
    name_three, name_five = (
        media_name(Path("castle.png"), three),
        media_name(Path("castle.png"), five),
    )
    assert name_three != name_five
    assert first["Picture"] == f'<img src="{name_three}" alt="">'
    assert second["Picture"] == f'<img src="{name_five}" alt="">'
    assert deck.picture(name_three) == three
    assert deck.picture(name_five) == five
    assert sorted(deck.media.values()) == sorted(
        [name_three, name_five, media_name(Path("flag.png"), png_bytes(4, 4))]
    )
    assert sorted(deck.files) == sorted(deck.media)  # every picture stored by its number
    for name in deck.media.values():
        assert "/" not in name
        assert "\\" not in name


def test_one_picture_used_twice_is_stored_once(tmp_path: Path) -> None:
    loaded = make_pack(tmp_path)
    assert loaded.pack is not None
    same = loaded.pack.model_copy(
        update={"rounds": (loaded.pack.rounds[0], loaded.pack.rounds[0].model_copy())}
    )
    write_apkg(same, loaded.images, tmp_path / "same.apkg")
    deck = read_apkg(tmp_path / "same.apkg", tmp_path)
    rounds = [n for n in deck.notes if n["tags"] == ["mystery"]]
    assert rounds[0]["Picture"] == rounds[1]["Picture"]
    assert len(deck.media) == 2  # the castle and the flag
    # two rounds over one picture are still two notes
    assert rounds[0]["guid"] != rounds[1]["guid"]


def test_a_re_export_keeps_every_id_so_anki_updates_the_cards(tmp_path: Path) -> None:
    loaded = make_pack(tmp_path)
    first = export(loaded, tmp_path / "a.apkg", tmp_path, timestamp=1_700_000_000.0)
    again = export(loaded, tmp_path / "b.apkg", tmp_path, timestamp=1_800_000_000.0)
    assert [n["guid"] for n in first.notes] == [n["guid"] for n in again.notes]
    assert first.decks.keys() == again.decks.keys()
    assert first.models.keys() == again.models.keys()
    assert first.media == again.media
    guids = [n["guid"] for n in first.notes]
    assert len(set(guids)) == len(guids)  # the two "Twice the same" questions too
    assert first.note("Which is the capital")["guid"] == genanki.guid_for(
        "sights", "question", "capital"
    )
    # a question without an id: found by its prompt (spaces collapsed), not its place
    assert first.note("No   id here")["guid"] == genanki.guid_for(
        "sights", "prompt", "typed", "No id here"
    )


def test_a_question_s_guid_follows_its_id_through_edits_and_moves(tmp_path: Path) -> None:
    loaded = make_pack(tmp_path)
    assert loaded.pack is not None
    before = export(loaded, tmp_path / "a.apkg", tmp_path)
    questions = loaded.pack.questions
    edited = questions[0].model_copy(update={"prompt": "Which city is the capital of Belarus?"})
    moved = loaded.pack.model_copy(update={"questions": (*questions[1:], edited)})
    write_apkg(moved, loaded.images, tmp_path / "b.apkg")
    after = read_apkg(tmp_path / "b.apkg", tmp_path)
    assert after.note("Which city")["guid"] == before.note("Which is the capital")["guid"]
    assert after.note("Which are rivers?")["guid"] == before.note("Which are rivers?")["guid"]


def test_different_packs_get_different_decks_note_types_and_notes(tmp_path: Path) -> None:
    one = export(make_pack(tmp_path, pack_id="sights"), tmp_path / "a.apkg", tmp_path)
    two = export(make_pack(tmp_path, pack_id="rivers"), tmp_path / "b.apkg", tmp_path)
    assert deck_id("sights") != deck_id("rivers")
    assert str(deck_id("rivers")) in two.decks
    assert str(deck_id("sights")) not in two.decks
    assert model_id("sights") != model_id("rivers")
    assert not {n["guid"] for n in one.notes} & {n["guid"] for n in two.notes}


@pytest.mark.parametrize("pack_id", ["a", "sights", "union-state", "x" * 64])
def test_ids_are_in_the_range_anki_and_genanki_expect(pack_id: str) -> None:
    assert ID_LOW <= deck_id(pack_id) < ID_HIGH
    assert ID_LOW <= model_id(pack_id) < ID_HIGH
    assert deck_id(pack_id) == deck_id(pack_id)
    assert deck_id(pack_id) != model_id(pack_id)


def test_tags_lose_their_spaces() -> None:
    assert anki_tag("world capitals") == "world_capitals"
    assert anki_tag("  two  \t spaces ") == "two_spaces"
    assert anki_tag("History::1812") == "History::1812"


def test_a_picture_name_is_safe_whatever_the_file_is_called() -> None:
    data = b"picture bytes"
    name = media_name(Path("/x/Мінск замак (1).PNG"), data)
    assert name.endswith(".png")
    assert all(c.isascii() and (c.isalnum() or c in "-_.") for c in name)
    assert media_name(Path("/y/Мінск замак (1).PNG"), data) == name
    assert media_name(Path("/y/Мінск замак (1).PNG"), b"other") != name
    assert media_name(Path("../../etc/passwd"), data).startswith("passwd-")


def test_a_re_export_replaces_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    loaded = make_pack(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "sights.apkg"
    target.write_bytes(b"an old export")
    export(loaded, target, tmp_path)
    assert zipfile.is_zipfile(target)
    assert [p.name for p in out.iterdir()] == ["sights.apkg"]


def test_a_missing_folder_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    loaded = make_pack(tmp_path)
    assert loaded.pack is not None
    target = tmp_path / "nowhere" / "sights.apkg"
    with pytest.raises(FileNotWritten) as raised:
        write_apkg(loaded.pack, loaded.images, target)
    assert str(raised.value) == (
        f"cannot write {target}: the folder {target.parent} does not exist"
    )
    assert not target.parent.exists()


def test_a_picture_that_cannot_be_read_leaves_the_old_export_as_it_was(tmp_path: Path) -> None:
    loaded = make_pack(tmp_path)
    assert loaded.pack is not None
    target = tmp_path / "sights.apkg"
    target.write_bytes(b"the old export")
    flag = loaded.images["pics/flag.png"]
    flag.unlink()
    with pytest.raises(FileNotWritten) as raised:
        write_apkg(loaded.pack, loaded.images, target)
    assert str(raised.value) == (
        f"cannot write {target}: cannot read the picture {flag}: No such file or directory"
    )
    assert "\n" not in str(raised.value)
    assert target.read_bytes() == b"the old export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_picture_not_given_is_said(tmp_path: Path) -> None:
    loaded = make_pack(tmp_path)
    assert loaded.pack is not None
    images = {k: v for k, v in loaded.images.items() if k != "other/castle.png"}
    with pytest.raises(FileNotWritten) as raised:
        write_apkg(loaded.pack, images, tmp_path / "sights.apkg")
    assert str(raised.value).endswith("the picture other/castle.png was not found")
    assert not (tmp_path / "sights.apkg").exists()


def test_a_full_disk_is_one_line(tmp_path: Path) -> None:
    full = Path("/dev/full")
    if not full.exists():
        pytest.skip("no /dev/full here")
    loaded = make_pack(tmp_path)
    assert loaded.pack is not None
    with pytest.raises(FileNotWritten) as raised:
        write_apkg(loaded.pack, loaded.images, full)
    assert str(raised.value) == "cannot write /dev/full: No space left on device"
