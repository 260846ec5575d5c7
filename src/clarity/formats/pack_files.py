"""The files a teacher starts from: a new pack to fill in, and the schema editors check it by.

:func:`new_pack_text` is what ``clarity new ID`` writes: a pack with one example of each
question type (choice, several right choices, true/false, typed, number) and one round
on a picture that comes with the game, each field explained in a comment, which loads
as it is. :func:`write_schema` writes the JSON Schema of the pack format (from the models,
as ``tools/make_schema.py`` makes ``schema/pack.schema.json``) where the schema line at
the top of a pack (``# yaml-language-server: $schema=pack.schema.json``) finds it: beside
the pack; :func:`refresh_schema` writes it again when the file there is not the game's
current schema (an older game's, or broken).

The comments and the example texts are messages (:func:`clarity.core.messages.message`,
each a literal outside any f-string, where Babel finds it),
not a template per language: their translations live in the game's catalogs with every
other text, where translators see and keep them (a new language, a changed wording, a
check of placeholders by ``tests/test_translations.py``), instead of in copies of this
file's text that would drift apart. The comments are rendered in the interface's language
(the teacher reads them), the examples in the pack's (the class reads them).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import get_args

from clarity.atomic_files import write_replacing
from clarity.core.messages import Message, Translates, english_text, message, plural_message
from clarity.formats.pack_yaml import SCHEMA_LINE, scalar

# The picture of the example round: one of the game's own, so the new pack plays at once.
EXAMPLE_PICTURE = "union_state/belarus.png"
_COMMENT_WIDTH = 92


class _English:
    """Renders a message in English (no catalog): the default of :func:`new_pack_text`."""

    def render(self, text: Message | str) -> str:
        return english_text(text)


def new_pack_text(
    pack_id: str,
    title: str,
    language: str,
    *,
    comments: Translates | None = None,
    examples: Translates | None = None,
) -> str:
    """The text of a new pack file (see the module docstring): ``pack_id`` a slug,
    ``title`` any text (a valid pack title: :func:`title_problem`), ``language`` a
    language tag (``en``, ``ru``, ``be``). ``comments`` renders the comments (the
    interface's translator), ``examples`` the example questions and round (a translator
    of the pack's language); English when None."""
    say = (comments or _English()).render
    ask = (examples or _English()).render

    def note(text: Message, indent: str = "") -> list[str]:
        width = _COMMENT_WIDTH - len(indent) - 2
        lines = textwrap.wrap(say(text), width, break_on_hyphens=False) or [""]
        return [f"{indent}# {line}" for line in lines]

    def text(value: Message, indent: str = "") -> str:
        return scalar(ask(value), indent)

    def listed(values: list[Message], indent: str, *, besides: tuple[str, ...] = ()) -> list[str]:
        seen = {one.casefold() for one in besides}
        lines = []
        for value in values:
            written = ask(value)
            if written.casefold() not in seen:
                seen.add(written.casefold())
                lines.append(f"{indent}- {scalar(written, indent)}")
        return lines

    i2, i4, i6 = "  ", "    ", "      "
    minsk = message("Minsk")
    poland, latvia = message("Poland"), message("Latvia")
    svislach = message("Svislach")
    lines = [SCHEMA_LINE]
    lines += note(
        message(
            "A question pack for Clarity Challenge. Change the texts, add questions, then check it:"
        )
    )
    lines.append(f"#   clarity validate {pack_id}.yaml")
    lines += note(
        message("Lines starting with # are comments. Put a text in 'single quotes' when it holds:")
    )
    lines.append('#   ": "   " #"')
    lines += note(message("or when it starts with - [ {{ ' \" or another sign."))
    lines.append("clarity: 1")
    lines += note(message("The pack's id: lowercase Latin letters, digits and hyphens; unique."))
    lines.append(f"id: {pack_id}")
    lines.append(f"title: {scalar(title)}")
    description = message("What this pack is about, in a sentence or two.")
    lines.append(f"description: {text(description)}")
    lines += note(message("The language of the questions: en, ru, be ..."))
    lines.append(f"language: {language}")
    lines += note(
        message("Seconds for each question, 5 to 300 (a question may set its own time_limit).")
    )
    lines += ["time_limit: 30", ""]
    lines += note(
        message("Each round is a mystery picture under tiles; every right answer uncovers a tile.")
    )
    lines.append("rounds:")
    lines.append(f"{i2}- image: {EXAMPLE_PICTURE}")
    lines += note(
        message("The picture: a file next to this one, or one of the game's own pictures."), i4
    )
    lines += note(
        message("What the picture shows: the class guesses it. accept: other guesses that count."),
        i4,
    )
    belarus = ask(message("Belarus"))
    lines.append(f"{i4}answer: {scalar(belarus, i4)}")
    accepted = listed([message("Republic of Belarus")], i6, besides=(belarus,))
    if accepted:
        lines += [f"{i4}accept:", *accepted]
    caption = message("Belarus borders Russia, Ukraine, Poland, Lithuania and Latvia.")
    lines.append(f"{i4}caption: {text(caption, i4)}")
    lines += note(message("Rows x columns of tiles: no more tiles than there are questions."), i4)
    lines += [f"{i4}grid: 2x2", "", "questions:"]
    lines += note(
        message(
            "A choice question: 2 to 6 choices; the answer is the right "
            "choice's text. explain: is shown after the answer."
        ),
        i2,
    )
    lines += [f"{i2}- id: capital", f"{i4}type: choice"]
    prompt = message("What is the capital of Belarus?")
    lines.append(f"{i4}prompt: {text(prompt, i4)}")
    lines.append(f"{i4}choices:")
    lines += listed([minsk, message("Vilnius"), message("Riga"), message("Warsaw")], i6)
    lines.append(f"{i4}answer: {text(minsk, i4)}")
    explain = message("Minsk has been the capital since 1919.")
    lines += [f"{i4}explain: {text(explain, i4)}", ""]
    lines += note(message("Several right choices: list them; any of them counts."), i2)
    lines += [f"{i2}- id: neighbours", f"{i4}type: choice"]
    prompt = message("Which of these countries borders Belarus?")
    lines += [f"{i4}prompt: {text(prompt, i4)}", f"{i4}choices:"]
    lines += listed([poland, latvia, message("Germany"), message("France")], i6)
    lines += [f"{i4}answer:", *listed([poland, latvia], i6), ""]
    lines += note(message("A true or false question: the answer is true or false."), i2)
    lines += [f"{i2}- id: landlocked", f"{i4}type: truefalse"]
    prompt = message("Belarus has no coast.")
    lines += [f"{i4}prompt: {text(prompt, i4)}", f"{i4}answer: true"]
    lines.append("")
    lines += note(
        message("A typed question: the student types the answer; accept: other right spellings."),
        i2,
    )
    lines += [f"{i2}- id: river", f"{i4}type: typed"]
    prompt = message("Which river flows through Minsk?")
    lines.append(f"{i4}prompt: {text(prompt, i4)}")
    river = ask(svislach)
    lines.append(f"{i4}answer: {scalar(river, i4)}")
    spellings = listed([message("Svisloch")], i6, besides=(river,))
    if spellings:
        lines += [f"{i4}accept:", *spellings]
    lines.append("")
    lines += note(
        message("A number question: right within the tolerance (or give min: and max: instead)."),
        i2,
    )
    lines += [f"{i2}- id: treaty", f"{i4}type: number"]
    prompt = message("In which year was the Union State treaty signed?")
    lines.append(f"{i4}prompt: {text(prompt, i4)}")
    lines += [f"{i4}answer: 1999", f"{i4}tolerance: 0", f"{i4}time_limit: 20"]
    return "\n".join(lines) + "\n"


def title_problem(title: str) -> Message | None:
    """What keeps ``title`` from being a pack's title, in the pack validator's words and by
    its own limits (``ShortText``: 1 to 200 characters once stripped), else None."""
    from pydantic import StringConstraints  # noqa: PLC0415

    from clarity.core.packs.models import ShortText  # noqa: PLC0415

    limit = 200
    for rule in get_args(ShortText)[1:]:
        if isinstance(rule, StringConstraints) and rule.max_length is not None:
            limit = rule.max_length
    stripped = title.strip()
    if not stripped:
        return message("should not be empty")
    if len(stripped) > limit:
        return plural_message(
            "is too long ({count} character); at most {limit}",
            "is too long ({count} characters); at most {limit}",
            len(stripped),
            limit=limit,
        )
    return None


def schema_text() -> str:
    """The JSON Schema of a pack file, as ``tools/make_schema.py`` writes it."""
    from clarity.core.packs.schema import render_pack_schema  # noqa: PLC0415 - pydantic

    return render_pack_schema()


def write_schema(target: Path) -> None:
    """Write the pack format's JSON Schema to ``target``, whole or not at all. Raises
    :class:`clarity.atomic_files.FileNotWritten` when it cannot be written."""
    write_replacing(target, schema_text().encode("utf-8"))


def refresh_schema(target: Path) -> bool:
    """:func:`write_schema` unless ``target`` holds the game's current schema already
    (byte for byte); whether it wrote it. The file is the game's, not the teacher's: one
    from an older game, or broken, is replaced (atomically) so that an editor checks a pack
    by the rules the game loads it by. Raises
    :class:`clarity.atomic_files.FileNotWritten` when it cannot be written."""
    wanted = schema_text().encode("utf-8")
    try:
        if target.read_bytes() == wanted:
            return False
    except OSError:
        pass  # missing (or unreadable): written below, which says why it cannot be
    write_replacing(target, wanted)
    return True


def write_schema_if_missing(target: Path) -> bool:
    """The name :func:`refresh_schema` had when it only wrote a missing schema."""
    return refresh_schema(target)
