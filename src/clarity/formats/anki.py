"""A pack as an Anki deck (``.apkg``), for students to study its questions between games.

:func:`write_apkg` writes one deck named after the pack, one note type (Anki's "model")
for it, and one note, hence one card, per question:

* the front: the prompt, the question's picture when it has one, and for a choice
  question its choices as a list, in the order the pack writes them;
* the back: the right answer as the game shows it at the reveal
  (:func:`clarity.core.answers.right_answer_text`: every right choice joined by "or",
  True or False, a number with its tolerance or range), a typed or number question's
  other accepted answers, and the explanation.

The words around the pack's own (True, False, "or", "at least", "Also accepted") are the
game's, rendered in the **pack's** language from the game's catalog (a deck for a
Russian pack says Верно, not True), since the deck is the pack's material, not the
interface; a language the game has no catalog for gets English.

Every text is HTML-escaped (:func:`html.escape`), line breaks become ``<br>``, and ``[``
is written ``&#91;`` so that a prompt holding ``[sound:...]`` or ``[latex]`` stays text
(Anki reads those as commands in a field).

**The mystery pictures** are cards too: one note per round, "What is in the picture?"
with the whole picture on the front and the answer, its accepted guesses and the
caption on the back. The rounds are what a pack is about (the landmarks, the animals,
the paintings); a student who studies the deck should learn to name them, and the
caption is a fact worth a card. They are tagged ``mystery``.

**Stable ids**, so that importing a new export of the same pack *updates* the student's
cards (Anki matches notes by guid, decks and note types by id) and keeps their review
history, instead of adding a second copy:

* deck id and note type id: :func:`deck_id` and :func:`model_id`, from a SHA-256 of the
  pack id, in the range genanki recommends (``1 << 30`` to ``1 << 31``);
* a question with an ``id``: the guid of the pack id and the question id
  (:func:`genanki.guid_for`), which survives any edit of its text;
* a question without one: the guid of the pack id, its type and its prompt (Unicode NFC,
  spaces collapsed). Not its position: a question added or removed earlier in the pack
  would then move every later card's history onto another question's text. The price is
  that editing such a prompt makes a new card (the old one stays in the student's
  collection); giving questions ids avoids it;
* a round: the guid of the pack id and its picture as written (``mysteries/castle.png``),
  so a corrected answer or caption updates the card.

Two notes that would get the same guid (two rounds over one picture, two questions with
the same prompt) are told apart by their order: the second gets ``#2``.

**Pictures** go into the package under safe names: the file's name reduced to ASCII
letters, digits, ``-`` and ``_``, then the first 16 hex digits of the SHA-256 of its
bytes, then its extension (``castle-1f2e3d4c5b6a7980.png``). Two pictures with the same
file name in different folders differ in content, hence in name; the same picture used
twice is stored once; and a re-export gives the same names, so Anki's media folder
(shared by every deck of a student) gets no copies.

The ``.apkg`` layout is Anki's "legacy" package, which every Anki since 2.1 imports: a
zip of ``collection.anki2`` (an SQLite database: genanki writes the tables, the deck,
the note type, the notes and cards through :meth:`genanki.Package.write_to_db`), a
``media`` file (JSON: ``{"0": "castle-1f2e3d4c5b6a7980.png", ...}``) and each picture
stored under its number. We zip it ourselves rather than call genanki's
``write_to_file``, which only writes to a path (and leaves its temporary database in
the system's temporary folder): the database is built in memory and the zip is written
through :func:`clarity.atomic_files.replacing`, whole or not at all.

The deck is named by the pack's title as written: a title with ``::`` makes Anki put the
deck inside a parent deck, which is Anki's own way of grouping decks.

The note type's field names (``Prompt``, ``Picture``, ``Choices``, ``Answer``,
``Explanation``) are fixed English names, not translated: Anki compares a re-imported note
type by its fields, and renamed fields would make the student's Anki ask to replace it.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
import sqlite3
import time
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import genanki

from clarity.atomic_files import FileNotWritten, replacing
from clarity.core.answers import right_answer_text
from clarity.core.messages import message
from clarity.core.packs.models import (
    AnyQuestion,
    ChoiceQuestion,
    Mystery,
    NumberQuestion,
    Pack,
    TypedQuestion,
)
from clarity.i18n import LANGUAGES, Translator, translator_for

#: genanki's advice for deck and model ids: between these (Anki's own are timestamps).
ID_LOW = 1 << 30
ID_HIGH = 1 << 31
#: The note type's fields, in order (see the module docstring for why English).
FIELDS = ("Prompt", "Picture", "Choices", "Answer", "Explanation")
#: The tag of the rounds' notes.
MYSTERY_TAG = "mystery"

_FRONT = (
    '<div class="prompt">{{Prompt}}</div>'
    '{{#Picture}}<div class="picture">{{Picture}}</div>{{/Picture}}'
    '{{#Choices}}<div class="choices">{{Choices}}</div>{{/Choices}}'
)
_BACK = (
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>'
    '{{#Explanation}}<div class="explain">{{Explanation}}</div>{{/Explanation}}'
)
_CSS = """\
.card { font-family: sans-serif; font-size: 22px; text-align: center; color: black;
  background-color: white; }
.picture img { max-width: 100%; max-height: 60vh; }
.choices ul { display: inline-block; text-align: left; }
.answer { font-weight: bold; }
.accepted, .explain { margin-top: 0.8em; }
.explain { font-size: 18px; }
"""
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9_-]+")
_UNSAFE_IN_EXTENSION = re.compile(r"[^a-z0-9]")
_SPACES = re.compile(r"\s+")


def deck_id(pack_id: str) -> int:
    """The Anki deck id of the pack ``pack_id``: the same for every export of it."""
    return _stable_id("clarity-deck:" + pack_id)


def model_id(pack_id: str) -> int:
    """The Anki note type ("model") id of the pack ``pack_id``: the same for every export."""
    return _stable_id("clarity-model:" + pack_id)


def _stable_id(text: str) -> int:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return ID_LOW + int.from_bytes(digest[:8], "big") % (ID_HIGH - ID_LOW)


def anki_tag(text: str) -> str:
    """``text`` as one Anki tag: every run of spaces becomes ``_`` (Anki separates tags by
    spaces). ``::`` is kept: Anki shows it as a tag inside a tag, as a teacher means it."""
    return _SPACES.sub("_", text.strip())


def media_name(path: Path, data: bytes) -> str:
    """The name the picture at ``path`` with the bytes ``data`` gets in the package: no
    folder, only ASCII letters, digits, ``-`` and ``_``, unique by content."""
    stem = _UNSAFE_IN_NAME.sub("-", path.stem).strip("-_")[:40] or "picture"
    extension = _UNSAFE_IN_EXTENSION.sub("", path.suffix.lower())[:8]
    digest = hashlib.sha256(data).hexdigest()[:16]
    return f"{stem}-{digest}.{extension}" if extension else f"{stem}-{digest}"


def write_apkg(
    pack: Pack,
    images: Mapping[str, Path],
    target: Path,
    *,
    timestamp: float | None = None,
) -> None:
    """Write ``pack`` as the Anki package ``target`` (``.apkg``), whole or not at all.

    ``images`` maps each picture as the pack writes it to its file
    (:attr:`clarity.core.packs.loader.LoadedPack.images`). ``timestamp`` (seconds since
    the epoch; now when None) is the notes' modification time, which Anki compares to
    decide that the imported notes are newer than the student's copy.

    Raises :class:`~clarity.atomic_files.FileNotWritten` (an :class:`OSError` whose
    ``said`` is one line for the user) when a picture is missing or cannot be read, or
    when ``target`` cannot be written (no such folder, no space, a folder); ``target`` is
    then as it was.
    """
    language = pack.language.split("-")[0].lower()
    notes = _Notes(
        pack,
        _Media(images, target),
        translator_for(language if language in LANGUAGES else "en"),
    )
    deck = genanki.Deck(deck_id(pack.id), pack.title, description=_html(pack.description))
    for question in pack.questions:
        deck.add_note(notes.of_question(question))
    for mystery in pack.rounds:
        deck.add_note(notes.of_round(mystery))
    database = _database(genanki.Package(deck), time.time() if timestamp is None else timestamp)
    media = notes.media
    with replacing(target, binary=True) as stream, zipfile.ZipFile(stream, "w") as package:
        package.writestr("collection.anki2", database, zipfile.ZIP_DEFLATED)
        numbered = {str(index): name for index, name in enumerate(media.names)}
        package.writestr("media", json.dumps(numbered), zipfile.ZIP_DEFLATED)
        for index, data in enumerate(media.files):
            package.writestr(str(index), data, zipfile.ZIP_STORED)


class _Notes:
    """The notes of one pack's deck, in the pack's language, on the pack's note type."""

    def __init__(self, pack: Pack, media: _Media, translate: Translator) -> None:
        self.pack = pack
        self.media = media
        self.translate = translate
        self.guids = _Guids()
        self.model = genanki.Model(
            model_id(pack.id),
            f"Clarity Challenge: {pack.title}",
            fields=[{"name": name} for name in FIELDS],
            templates=[{"name": "Card", "qfmt": _FRONT, "afmt": _BACK}],
            css=_CSS,
        )

    def of_question(self, question: AnyQuestion) -> genanki.Note:
        """The note of ``question``: prompt, picture and choices; the right answer."""
        if question.id is not None:
            guid = self.guids.take(self.pack.id, "question", question.id)
        else:
            prompt = _SPACES.sub(" ", unicodedata.normalize("NFC", question.prompt)).strip()
            guid = self.guids.take(self.pack.id, "prompt", question.type.value, prompt)
        choices = ""
        if isinstance(question, ChoiceQuestion):
            items = "".join(f"<li>{_html(choice)}</li>" for choice in question.choices)
            choices = f"<ul>{items}</ul>"
        answer = _html(self.translate.render(right_answer_text(question)))
        if isinstance(question, TypedQuestion | NumberQuestion):
            answer += self._also_accepted(question.accept)
        fields = [
            _html(question.prompt),
            self.media.img(question.image) if question.image is not None else "",
            choices,
            answer,
            _html(question.explain or ""),
        ]
        tags = _tags([*question.tags, f"difficulty::{question.difficulty.value}"])
        return genanki.Note(self.model, fields, sort_field=question.prompt, tags=tags, guid=guid)

    def of_round(self, mystery: Mystery) -> genanki.Note:
        """The note of a round: its whole picture; what it shows, and the caption."""
        prompt = self.translate.render(message("What is in the picture?"))
        answer = _html(mystery.answer) + self._also_accepted(mystery.accept)
        fields = [
            _html(prompt),
            self.media.img(mystery.image),
            "",
            answer,
            _html(mystery.caption or ""),
        ]
        return genanki.Note(
            self.model,
            fields,
            sort_field=f"{prompt} {mystery.answer}",
            tags=[MYSTERY_TAG],
            guid=self.guids.take(self.pack.id, "round", mystery.image),
        )

    def _also_accepted(self, accept: Iterable[str]) -> str:
        """The other accepted answers, as HTML to put under the answer; "" for none."""
        accepted = list(accept)
        if not accepted:
            return ""
        # Translators: on the back of an Anki card; {answers} are the pack's words
        # joined by "or"
        also = message("Also accepted: {answers}", answers=self.translate.join(accepted, "or"))
        return f'<div class="accepted">{_html(self.translate.render(also))}</div>'


class _Guids:
    """Note guids, each used once: a repeat gets its occurrence number (``#2``)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, ...], int] = {}

    def take(self, *key: str) -> str:
        count = self._seen.get(key, 0) + 1
        self._seen[key] = count
        return genanki.guid_for(*key) if count == 1 else genanki.guid_for(*key, f"#{count}")


@dataclass
class _Media:
    """The pictures put into the package, read once each, under their safe names."""

    images: Mapping[str, Path]
    target: Path

    def __post_init__(self) -> None:
        self.names: list[str] = []
        self.files: list[bytes] = []
        self._by_text: dict[str, str] = {}

    def img(self, image: str) -> str:
        """The ``<img>`` of the pack's picture ``image``, its file taken into the package."""
        name = self._by_text.get(image)
        if name is None:
            name = self._take(image)
            self._by_text[image] = name
        return f'<img src="{html.escape(name)}" alt="">'

    def _take(self, image: str) -> str:
        path = self.images.get(image)
        if path is None:
            # Translators: {picture} is a picture's path as the pack writes it
            missing = message("the picture {picture} was not found", picture=image)
            raise FileNotWritten(self.target, missing)
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            # Translators: {picture} is a file's path; {reason} is the system's, in English
            unread = message(
                "cannot read the picture {picture}: {reason}", picture=str(path), reason=reason
            )
            raise FileNotWritten(self.target, unread, error.errno or 0) from error
        name = media_name(path, data)
        if name not in self.names:
            self.names.append(name)
            self.files.append(data)
        return name


def _html(text: str) -> str:
    """``text`` as HTML that shows it as written: escaped, line breaks as ``<br>``, and
    ``[`` as an entity, so that Anki reads no ``[sound:...]`` in it."""
    escaped = html.escape(text, quote=True).replace("[", "&#91;")
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _tags(tags: Iterable[str]) -> list[str]:
    """Anki tags, each once (Anki's tags ignore case)."""
    seen: set[str] = set()
    kept: list[str] = []
    for tag in map(anki_tag, tags):
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return kept


def _database(package: genanki.Package, timestamp: float) -> bytes:
    """The bytes of ``collection.anki2``: genanki's tables and rows, built in memory.

    Note and card row ids count up from the timestamp in milliseconds, as genanki's own
    ``write_to_file`` numbers them."""
    connection = sqlite3.connect(":memory:")
    try:
        cursor = connection.cursor()
        package.write_to_db(cursor, timestamp, itertools.count(int(timestamp * 1000)))
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()
