"""What validate says about a pack's YAML and its pictures reads in the interface's language:
every message of the YAML and picture checks is in Russian and Belarusian with its values
in place and no English word left, the pseudo-language translates all of it, and the YAML
quoted as the fix stays as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from clarity.core import packs
from clarity.core.messages import Message
from clarity.core.packs import plain_yaml
from clarity.core.packs.picture_decoding import PictureError, check_picture
from clarity.core.packs.picture_shape import question_picture_warning, shape_warning
from clarity.core.packs.report import Problem, Report
from clarity.i18n import Translator
from clarity.i18n.catalog_building import COMMENT_TAGS, KEYWORDS
from clarity.i18n.pseudo import is_pseudo_translated
from language_checks import CYRILLIC, LATIN_WORD, english_words, message_values, plain_words

from ..image_bytes import png_bytes
from .test_loader import VALID, load_text, replace

MODULES = (
    "yaml_messages.py",
    "yaml_warnings.py",
    "plain_yaml.py",
    "picture_decoding.py",
    "pictures.py",
    "picture_shape.py",
)
# Words that every language writes as they are: formats, programs, keys, Unicode's names.
KEPT = frozenset(
    [
        "yaml",
        "png",
        "jpeg",
        "jpg",
        "gif",
        "webp",
        "heic",
        "heif",
        "avif",
        "windows",
        "linux",
        "backspace",
        "escape",
        "ff",
    ]
)


def _messages() -> Iterator[tuple[str, str | None]]:
    """``(msgid, plural)`` of every message the YAML and picture modules mark."""
    for name in MODULES:
        path = Path(packs.__file__).parent / name
        for _, msgid, _, _ in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=COMMENT_TAGS
        ):
            if isinstance(msgid, tuple):
                yield msgid[0], msgid[1]
            else:
                yield msgid, None


MESSAGES = sorted(set(_messages()))


def _values(template: str) -> dict[str, object]:
    """A value for each placeholder: a quoted line of YAML, a file name, a number."""
    names = set(re.findall(r"(?<!\{)\{([a-z_]+)\}", template)) - {"count"}
    return {name: f"q7_{name}: 'x'" for name in names}


def _has_words(template: str) -> bool:
    """Whether ``template`` says something besides its placeholders ("{first}, {rest}" does
    not: it only puts values in order)."""
    return bool(LATIN_WORD.search(re.sub(r"\{[a-z_]+\}", "", template)))


def _allowed(said: Message | str) -> set[str]:
    """The words ``said``'s text may keep in every language: :data:`KEPT`, and the words of
    its texts shown as they are, at any depth (the pack's, never translated; a plain str is
    all such text). Numbers and paths among the values add none."""
    texts = [said] if isinstance(said, str) else message_values(said)
    words = {word for text in texts if isinstance(text, str) for word in LATIN_WORD.findall(text)}
    return KEPT | words


def english_left(text: str, said: Message | str) -> set[str]:
    """Latin words in ``text`` that are neither a value of ``said`` nor kept in every language."""
    return english_words(text, _allowed(said))


def untranslated(text: str, said: Message | str) -> set[str]:
    """Words of a pseudo-language text that kept a plain letter the pseudo-language accents."""
    return plain_words(text, _allowed(said))


def test_the_modules_mark_their_messages() -> None:
    # the extraction itself: a test over no messages would pass for nothing
    assert len(MESSAGES) > 100
    assert ("the lists and fields nest far too deep", None) in MESSAGES


@pytest.mark.parametrize("language", ["ru", "be"])
@pytest.mark.parametrize(("template", "plural"), MESSAGES, ids=[m[0][:60] for m in MESSAGES])
def test_every_message_reads_in_the_language_with_its_values(
    language: str, template: str, plural: str | None
) -> None:
    values = _values(template + (plural or ""))
    counts = (1, 2, 5, 11, 21) if plural else (None,)
    for count in counts:
        said = Message(template, values, plural, count)
        text = Translator(language).render(said)
        if _has_words(template):
            assert CYRILLIC.search(text), text
        assert not english_left(text, said), text
        for value in values.values():
            assert str(value) in text  # every value put in, none lost by the translation
        if count is not None and "{count}" in (plural or ""):
            assert str(count) in text


@pytest.mark.parametrize(("template", "plural"), MESSAGES, ids=[m[0][:60] for m in MESSAGES])
def test_every_message_is_pseudo_translated(template: str, plural: str | None) -> None:
    values = _values(template + (plural or ""))
    said = Message(template, values, plural, 2 if plural else None)
    text = Translator("qps-ploc").render(said)
    assert is_pseudo_translated(text)
    assert not untranslated(text, said), text


# --- the messages as the checks make them ----------------------------------------------------


def _yaml_problems(text: str) -> list[Problem]:
    report = Report(Path("pack.yaml"))
    plain_yaml.compose(text, report)
    return list(report.problems())


YAML_SLIPS = {
    "colon in a value": replace("    prompt: Say no.\n", "    prompt: Say: no.\n"),
    "tab": replace("    prompt: Say no.\n", "\tprompt: Say no.\n"),
    "unclosed quote": replace("    prompt: Say no.\n", "    prompt: 'Say no.\n"),
    "comment in a list": replace(
        "    choices: [Minsk, Moscow]\n", "    choices: [Track #1, Track #2]\n"
    ),
    "number split at a comma": replace("    accept: [union state]\n", "    accept: [10, 1,000]\n"),
    "escape in double quotes": replace(
        "    prompt: Say no.\n", '    prompt: "Open C:\\new\\table.txt"\n'
    ),
    "non-breaking indent": replace("    prompt: Say no.\n", "\u00a0   prompt: Say no.\n"),
    "alias": replace("    answer: No\n", "    answer: *no\n"),
    "field given twice": replace("    answer: No\n", "    answer: No\n    answer: Yes\n"),
}


@pytest.mark.parametrize("slip", YAML_SLIPS)
def test_a_yaml_slip_reads_in_russian_with_its_fix_as_written(slip: str) -> None:
    (problem, *_) = _yaml_problems(YAML_SLIPS[slip])
    english = str(problem)
    russian = problem.render(Translator("ru"))

    assert russian.split(": ")[0] == english.split(": ", maxsplit=1)[0]  # the place, for editors
    said = problem.text(Translator("ru")).replace(problem.field, "")  # the pack's own name
    assert CYRILLIC.search(said)
    assert not english_left(said, problem.said), said
    # what to type (the line rewritten, the name, the number) is the same in both
    for fix in re.findall(r': ([\w-]+: ["\'].*)$', english):
        assert fix in russian


@pytest.mark.parametrize("slip", YAML_SLIPS)
def test_a_yaml_slip_is_all_pseudo_translated(slip: str) -> None:
    (problem, *_) = _yaml_problems(YAML_SLIPS[slip])
    text = problem.text(Translator("qps-ploc")).replace(problem.field, "")
    assert is_pseudo_translated(text)
    assert not untranslated(text, problem.said), text


def test_a_comma_splitting_a_number_names_the_items_in_russian_quotes() -> None:
    (problem,) = _yaml_problems(YAML_SLIPS["number split at a comma"])
    russian = Translator("ru").render(problem.said)
    assert "«1» и «000»" in russian
    assert russian.endswith(': "1,000"')  # the fix as YAML reads it, not in «»


def test_a_comment_cutting_a_text_is_warned_in_belarusian(pack_dir: Path, assets: Path) -> None:
    text = replace("    prompt: Say no.\n", "    prompt: Say #no.\n")
    (problem,) = load_text(pack_dir, assets, text).problems
    belarusian = problem.text(Translator("be"))
    assert "каментарый" in belarusian
    assert belarusian.endswith(': prompt: "Say #no."')
    assert not english_left(belarusian.replace(problem.field, ""), problem.said)


def test_a_missing_picture_is_said_in_russian_with_its_name_and_folders(
    pack_dir: Path, assets: Path
) -> None:
    text = replace("union_state/map.png", "union_state/Карта.png", VALID)
    (problem,) = load_text(pack_dir, assets, text).problems
    russian = problem.render(Translator("ru"))
    assert "картинки «union_state/Карта.png» нет" in russian
    assert str(pack_dir) in russian
    assert str(assets) in russian


def test_a_picture_too_large_is_refused_in_russian_with_its_size_as_written(
    tmp_path: Path,
) -> None:
    picture = tmp_path / "wide.png"
    picture.write_bytes(png_bytes(5000, 2))
    with pytest.raises(PictureError) as refused:
        check_picture(picture, max_side=4096)
    russian = Translator("ru").render(refused.value.message)
    assert russian == (
        "размер картинки — 5000x2 пикселей, а наибольший допустимый — 4096x4096; уменьшите её"
    )
    assert str(refused.value) == (
        "the picture is 5000x2 pixels; the largest allowed is 4096x4096, so scale it down"
    )


def test_a_strip_tile_takes_the_plural_of_its_count_in_each_language() -> None:
    warning = shape_warning(4000, 400, 2, 2)  # each tile 10 times as wide as tall
    assert warning is not None
    assert warning.count == 10
    assert "в 10 раз" in Translator("ru").render(warning)
    assert "ў 10 разоў" in Translator("be").render(warning)
    thin = question_picture_warning(20, 4000)
    assert thin is not None
    assert "не более чем в 4 раза" in Translator("ru").render(thin)
