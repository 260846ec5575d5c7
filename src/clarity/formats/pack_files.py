"""The files a teacher starts from: a new pack to fill in, and the schema editors check it by.

:func:`new_pack_text` is what ``clarity new ID`` writes: a pack with one example of each
question type (choice, several right choices, true/false, typed, number) and one round
on a picture that comes with the game, each field explained in a comment, which loads
as it is. :func:`write_schema` writes the JSON Schema of the pack format (from the models,
as ``tools/make_schema.py`` makes ``schema/pack.schema.json``) where the schema line at
the top of a pack (``# yaml-language-server: $schema=pack.schema.json``) finds it: beside
the pack.
"""

from __future__ import annotations

from pathlib import Path

from clarity.atomic_files import write_replacing
from clarity.formats.pack_yaml import SCHEMA_LINE, scalar

# The picture of the example round: one of the game's own, so the new pack plays at once.
EXAMPLE_PICTURE = "union_state/belarus.png"

_NEW_PACK = """\
{schema_line}
# A question pack for Clarity Challenge. Change the texts, add questions, then check it:
#   clarity validate {file_hint}
# Lines starting with # are comments. Put a text in 'single quotes' when it holds ": "
# or " #", or starts with - [ {{ ' " or another sign.
clarity: 1
id: {pack_id}  # lowercase Latin letters, digits and hyphens; unique
title: {title}
description: What this pack is about, in a sentence or two.
language: {language}  # the language of the questions: en, ru, be ...
# Seconds for each question, 5 to 300 (a question may set its own time_limit).
time_limit: 30

# Each round is a mystery picture under tiles; every right answer uncovers a tile.
rounds:
  - image: {picture}  # next to this file, or one of the game's own pictures
    # What the picture shows: the class guesses it. accept: other guesses that count.
    answer: Belarus
    accept:
      - Republic of Belarus
    caption: Belarus borders Russia, Ukraine, Poland, Lithuania and Latvia.
    # Rows x columns of tiles: no more tiles than there are questions.
    grid: 2x2

questions:
  # A choice question: 2 to 6 choices; the answer is the right choice's text.
  # explain: is shown after the answer.
  - id: capital
    type: choice
    prompt: What is the capital of Belarus?
    choices:
      - Minsk
      - Vilnius
      - Riga
      - Warsaw
    answer: Minsk
    explain: Minsk has been the capital since 1919.

  # Several right choices: list them; any of them counts.
  - id: neighbours
    type: choice
    prompt: Which of these countries border Belarus?
    choices:
      - Poland
      - Latvia
      - Germany
      - France
    answer:
      - Poland
      - Latvia

  # A true or false question: the answer is true or false.
  - id: landlocked
    type: truefalse
    prompt: Belarus has no coast.
    answer: true

  # A typed question: the student types the answer; accept: other right spellings.
  - id: river
    type: typed
    prompt: Which river flows through Minsk?
    answer: Svislach
    accept:
      - Svisloch

  # A number question: right within the tolerance (or give min: and max: instead).
  - id: treaty
    type: number
    prompt: In which year was the Union State treaty signed?
    answer: 1999
    tolerance: 0
    time_limit: 20
"""


def new_pack_text(pack_id: str, title: str, language: str) -> str:
    """The text of a new pack file (see the module docstring): ``pack_id`` a slug,
    ``title`` any text, ``language`` a language tag (``en``, ``ru``, ``be``). The example
    questions are in English; the teacher writes their own over them."""
    return _NEW_PACK.format(
        schema_line=SCHEMA_LINE,
        file_hint=f"{pack_id}.yaml",
        pack_id=pack_id,
        title=scalar(title),
        language=language,
        picture=EXAMPLE_PICTURE,
    )


def schema_text() -> str:
    """The JSON Schema of a pack file, as ``tools/make_schema.py`` writes it."""
    from clarity.core.packs.schema import render_pack_schema  # noqa: PLC0415 - pydantic

    return render_pack_schema()


def write_schema(target: Path) -> None:
    """Write the pack format's JSON Schema to ``target``, whole or not at all. Raises
    :class:`clarity.atomic_files.FileNotWritten` when it cannot be written."""
    write_replacing(target, schema_text().encode("utf-8"))


def write_schema_if_missing(target: Path) -> bool:
    """:func:`write_schema` unless ``target`` exists already; whether it wrote it."""
    if target.exists():
        return False
    write_schema(target)
    return True
