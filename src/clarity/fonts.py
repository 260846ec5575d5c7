"""The fonts the game draws text with, found on this computer, and what each can draw.

Text is drawn with a chain of fonts: the bundled Inter first (Latin, Cyrillic, Greek), then
the bundled Noto Sans fonts for the scripts Inter lacks (Arabic, Hebrew, Devanagari, Thai),
then fonts of the system: Chinese, Japanese and Korean (4-20 MB and more each, so not
shipped), colour emoji, and, for any character none of those has (Bengali, Georgian,
Cherokee...), the font fontconfig names for it. Each character is drawn by the first font
of the chain that has a glyph for it.

Which characters a font has is read from its ``cmap`` table with fontTools, once per
file per process. Nothing here imports pygame: ``clarity validate`` asks this module which
characters no font on the computer can draw, and the UI opens the same chain in pygame
(:mod:`clarity.ui.text_draw`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# fontTools is imported where a font is read, not with this module: the first frame draws
# with the bundled fonts, whose code points are listed beside them (COVERAGE_FILE).

# Beside the bundled fonts: the code points each has, written by tools/make_font_coverage.py.
COVERAGE_FILE = "coverage.json"

# Bundled in assets/fonts by tools/copy_fonts.py: (regular, bold), in the chain's order.
BUNDLED_FONTS: tuple[tuple[str, str], ...] = (
    ("Inter-Regular.otf", "Inter-Bold.otf"),
    ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
    ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
)

# Well-known places of system fonts for what is not bundled: (regular, bold or None),
# best first. Debian/Ubuntu (fonts-noto-cjk, fonts-droid-fallback, fonts-noto-color-emoji),
# Fedora, Windows 10/11 and macOS.
SYSTEM_FONTS: tuple[tuple[str, str | None], ...] = (
    (
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ),
    (
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    ),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None),
    ("C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/msyhbd.ttc"),
    ("C:/Windows/Fonts/YuGothM.ttc", "C:/Windows/Fonts/YuGothB.ttc"),
    ("C:/Windows/Fonts/malgun.ttf", "C:/Windows/Fonts/malgunbd.ttf"),
    ("/System/Library/Fonts/PingFang.ttc", None),
    ("/System/Library/Fonts/Hiragino Sans GB.ttc", None),
    ("/System/Library/Fonts/AppleSDGothicNeo.ttc", None),
    ("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", None),
    ("/usr/share/fonts/google-noto-emoji/NotoColorEmoji.ttf", None),
    ("C:/Windows/Fonts/seguiemj.ttf", None),
    ("/System/Library/Fonts/Apple Color Emoji.ttc", None),
)

# What fontconfig is asked for first, once, when a character is in none of the chain's
# fonts: a pattern and a character the font it names must have (fc-match always names
# some font), so that Chinese, Japanese and Korean text each get a font of their language.
FONTCONFIG_QUERIES: tuple[tuple[str, str], ...] = (
    (":lang=ja", "あ"),
    (":lang=zh-cn", "中"),
    (":lang=ko", "한"),
    ("emoji:color=true", "😀"),
)
# Then fontconfig is asked for a font with the very character (Bengali, Georgian, Cherokee,
# Phoenician...), a sans-serif one where it has a choice.
FONTCONFIG_CHARACTER = "sans-serif:charset={code:x}"
# A question costs a process (some 10 ms): a chain asks about a character once, about at
# most this many characters of one block of 256 code points, and this many in all, so a
# hostile text of thousands of unassigned code points costs a second or two, once.
FONTCONFIG_ASKS_PER_BLOCK = 3
FONTCONFIG_ASKS = 128

# Scripts whose runs HarfBuzz shapes alike: a Japanese line is one run, not one per kana.
_SCRIPT_GROUPS = {"Hira": "Hani", "Kana": "Hani", "Bopo": "Hani", "Hang": "Hani"}
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
EMOJI_PRESENTATION = 0xFE0F


@cache
def coverage(path: Path) -> frozenset[int]:
    """The code points the font at ``path`` has glyphs for (its best ``cmap``; the first
    face of a collection); empty when the file cannot be read as a font.

    A bundled font's set comes from :data:`COVERAGE_FILE` beside it when that names the file
    at its size: reading an OpenType CFF font's ``cmap`` with fontTools means reading its
    glyph names first (some 60 ms for Inter), which the first frame should not wait for.
    """
    listed = _listed(path)
    if listed is not None:
        return frozenset(code for first, last in listed.ranges for code in range(first, last + 1))
    return read_coverage(path)


def read_coverage(path: Path) -> frozenset[int]:
    """:func:`coverage` read from the font file itself with fontTools."""
    from fontTools.ttLib import TTFont, TTLibError  # noqa: PLC0415

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap() or ())
    except (OSError, TTLibError, AssertionError, KeyError, ValueError):
        return frozenset()


@dataclass(frozen=True)
class ListedFont:
    """A font as :data:`COVERAGE_FILE` lists it."""

    bytes: int  # the file's size: a font of another size is read from its file instead
    ranges: tuple[tuple[int, int], ...]  # code points it draws, first and last included
    bitmap: bool  # whether it draws with colour bitmaps (see has_bitmap_glyphs)


@cache
def listed_coverage(folder: Path) -> dict[str, ListedFont]:
    """What :data:`COVERAGE_FILE` in ``folder`` says, by font file name; empty when there is
    no such file or it cannot be read."""
    try:
        listed = json.loads((folder / COVERAGE_FILE).read_text(encoding="utf-8"))
        return {
            name: ListedFont(
                int(entry["bytes"]),
                tuple((int(a), int(b)) for a, b in entry["ranges"]),
                bool(entry["bitmap"]),
            )
            for name, entry in listed.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _listed(path: Path) -> ListedFont | None:
    """The listing of the font at ``path`` when it lists the file at its size."""
    listed = listed_coverage(path.parent).get(path.name)
    try:
        return listed if listed is not None and path.stat().st_size == listed.bytes else None
    except OSError:
        return None


def coverage_ranges(codes: Iterable[int]) -> list[tuple[int, int]]:
    """``codes`` as sorted runs ``(first, last)`` of consecutive code points."""
    ranges: list[tuple[int, int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


def coverage_listing(fonts_dir: Path, names: Iterable[str]) -> str:
    """The text of :data:`COVERAGE_FILE` for the fonts ``names`` in ``fonts_dir``, read with
    fontTools (``tools/make_font_coverage.py`` writes it; a test checks it is up to date)."""
    listing = {
        name: {
            "bytes": (fonts_dir / name).stat().st_size,
            "ranges": coverage_ranges(read_coverage(fonts_dir / name)),
            "bitmap": read_bitmap_glyphs(fonts_dir / name),
        }
        for name in sorted(names)
    }
    return json.dumps(listing, separators=(",", ":"), sort_keys=True) + "\n"


@cache
def has_bitmap_glyphs(path: Path) -> bool:
    """Whether the font draws with fixed-size colour bitmaps (CBDT or sbix, as colour emoji
    fonts do), which the renderer scales to the text's size itself; from
    :data:`COVERAGE_FILE` when it lists the font."""
    listed = _listed(path)
    return listed.bitmap if listed is not None else read_bitmap_glyphs(path)


def read_bitmap_glyphs(path: Path) -> bool:
    """:func:`has_bitmap_glyphs` read from the font file itself with fontTools."""
    from fontTools.ttLib import TTFont, TTLibError  # noqa: PLC0415

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as font:
            return "CBDT" in font or "sbix" in font
    except (OSError, TTLibError, AssertionError, KeyError, ValueError):
        return False


def is_invisible(character: str) -> bool:
    """Whether ``character`` is drawn as nothing, so no font needs a glyph for it: controls
    (a tab, a line break), format characters (ZWJ, the marks LRM and RLM, soft hyphens) and
    variation selectors (Unicode categories Cc, Cf, Zl, Zp, and the VS blocks)."""
    code = ord(character)
    if any(code in block for block in _VARIATION_SELECTORS):
        return True
    return unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp"}


def is_space(character: str) -> bool:
    """A space of any width (category Zs): drawn as a plain space by a font that lacks it."""
    return unicodedata.category(character) == "Zs"


@cache
def script_of(character: str) -> str:
    """The ISO 15924 script of ``character`` as HarfBuzz wants it (``Arab``, ``Hebr``,
    ``Latn``...); Han, kana and Hangul are one group (``Hani``); ``Zyyy`` for digits,
    spaces and punctuation common to all scripts, ``Zinh`` for marks that take the script
    of their base (Unicode Scripts.txt, as fontTools ships it)."""
    from fontTools import unicodedata as font_unicodedata  # noqa: PLC0415

    script = font_unicodedata.script(character)
    return _SCRIPT_GROUPS.get(script, script)


@dataclass(frozen=True)
class Face:
    """One font of the chain: its regular file, and its bold file (``None``: drawn bold by
    emboldening the regular)."""

    path: Path
    bold_path: Path | None = None

    def covers(self, character: str) -> bool:
        return ord(character) in coverage(self.path)

    @property
    def bitmap(self) -> bool:
        return has_bitmap_glyphs(self.path)

    def file(self, bold: bool) -> Path:
        return self.bold_path if bold and self.bold_path is not None else self.path


class FontChain:
    """The fonts text is drawn with, first choice first. ``faces[0]`` draws whatever no
    face has (as its "missing glyph" box), which validate warns about beforehand.

    ``more(character, faces)`` finds further faces (fontconfig's answers) for a character
    that none of ``faces`` has, the first time it is drawn or checked: asking costs a
    process, which text in the bundled scripts never needs. A character is asked about
    once, and at most :data:`FONTCONFIG_ASKS_PER_BLOCK` of a block of 256 code points and
    :data:`FONTCONFIG_ASKS` in all are.
    """

    def __init__(
        self,
        faces: Sequence[Face],
        more: Callable[[str, Sequence[Face]], Sequence[Face]] | None = None,
    ) -> None:
        self.faces: tuple[Face, ...] = tuple(faces)
        self._more = more
        self._cache: dict[str, int] = {}
        self._asked: set[str] = set()
        self._asked_by_block: dict[int, int] = {}

    def _extend(self, character: str) -> bool:
        """Add the faces ``more`` finds for ``character``; whether any were added."""
        if self._more is None or not _worth_asking(character) or character in self._asked:
            return False
        block = ord(character) >> 8
        asked_in_block = self._asked_by_block.get(block, 0)
        if asked_in_block >= FONTCONFIG_ASKS_PER_BLOCK or len(self._asked) >= FONTCONFIG_ASKS:
            return False
        self._asked.add(character)
        self._asked_by_block[block] = asked_in_block + 1
        added = tuple(face for face in self._more(character, self.faces) if face not in self.faces)
        if added:
            self.faces += added
            self._cache.clear()
        return bool(added)

    def face_for(self, cluster: str, previous: int | None = None) -> int:
        """The index of the face that draws ``cluster`` (a character with its marks).

        The first face with a glyph for every visible character of the cluster (for its
        first, when none has them all); a space or a lone mark stays in the ``previous``
        face when that face has it, so a run of Arabic or Japanese words is shaped as one
        (a space after an emoji does not: a bitmap font's space is as wide as an emoji);
        an emoji asked for in colour (U+FE0F) goes to a colour face first.
        """
        if (
            previous is not None
            and (cluster.isspace() or _is_mark(cluster[0]))
            and all(self.faces[previous].covers(c) or is_invisible(c) for c in cluster)
            and not (cluster.isspace() and self.faces[previous].bitmap)
        ):
            return previous
        found = self._cache.get(cluster)
        if found is None:
            found = self._find(cluster)
            if len(self._cache) < 50_000:
                self._cache[cluster] = found
        return found

    def _find(self, cluster: str) -> int:
        visible = [c for c in cluster if not is_invisible(c)] or [cluster[0]]
        order = list(range(len(self.faces)))
        if chr(EMOJI_PRESENTATION) in cluster:
            order.sort(key=lambda index: not self.faces[index].bitmap)
        for index in order:
            if all(self.faces[index].covers(c) for c in visible):
                return index
        for index in order:
            if self.faces[index].covers(visible[0]):
                return index
        return self._find(cluster) if self._extend(visible[0]) else 0

    def has_glyph(self, character: str) -> bool:
        """Whether some face has a glyph for ``character``."""
        if any(face.covers(character) for face in self.faces):
            return True
        return self._extend(character) and self.has_glyph(character)

    def can_draw(self, character: str) -> bool:
        """Whether some face has ``character``, or it needs none (invisible, a space)."""
        if is_invisible(character) or is_space(character):
            return True
        return self.has_glyph(character)


def system_fonts(candidates: Sequence[tuple[str, str | None]] = SYSTEM_FONTS) -> list[Face]:
    """The system's fonts among ``candidates`` that exist (no font file is read)."""
    faces: list[Face] = []
    for regular, bold in candidates:
        path = Path(regular)
        if path.is_file():
            bold_path = Path(bold) if bold is not None and Path(bold).is_file() else None
            faces.append(Face(path, bold_path))
    return faces


class Fontconfig:
    """Fonts that fontconfig's ``fc_match`` program names for a character, as
    :class:`FontChain`'s ``more``: first, once, the fonts of :data:`FONTCONFIG_QUERIES`
    that the chain lacks, then a font with the character itself
    (:data:`FONTCONFIG_CHARACTER`) and its bold. Only fonts that have the character asked
    for are taken."""

    def __init__(self, fc_match: str) -> None:
        self.fc_match = fc_match
        self._languages_asked = False

    def __call__(self, character: str, known: Sequence[Face]) -> list[Face]:
        faces: list[Face] = []
        paths = {face.path for face in known}
        if not self._languages_asked:
            self._languages_asked = True
            for pattern, sample in FONTCONFIG_QUERIES:
                if not any(face.covers(sample) for face in (*known, *faces)):
                    self._take(pattern, sample, paths, faces)
        if not any(face.covers(character) for face in (*known, *faces)):
            pattern = FONTCONFIG_CHARACTER.format(code=ord(character))
            self._take(pattern, character, paths, faces, f"{pattern}:weight=bold")
        return faces

    def _take(
        self,
        pattern: str,
        sample: str,
        paths: set[Path],
        faces: list[Face],
        bold_pattern: str | None = None,
    ) -> None:
        path = _fontconfig_file(self.fc_match, pattern)
        if path is None or path in paths or ord(sample) not in coverage(path):
            return
        bold = _fontconfig_file(self.fc_match, bold_pattern) if bold_pattern else None
        if bold is not None and (bold == path or ord(sample) not in coverage(bold)):
            bold = None
        faces.append(Face(path, bold))
        paths.add(path)


def _fontconfig_file(fc_match: str, pattern: str) -> Path | None:
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    path = Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None
    return path if path is not None and path.is_file() else None


def _worth_asking(character: str) -> bool:
    """Whether a font could have ``character``: not a surrogate, a noncharacter or what is
    drawn as nothing (assigned or not by Python's tables: fontconfig's may be newer)."""
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return False
    return not is_invisible(character)


def font_chain(
    fonts_dir: Path,
    system: Sequence[Face] | None = None,
    fc_match: str | None = None,
) -> FontChain:
    """The chain of fonts: the bundled ones found in ``fonts_dir`` (``assets/fonts``) in
    :data:`BUNDLED_FONTS` order, then ``system`` (default: :func:`system_fonts`, the
    well-known places, which are all there is on Windows and macOS), then, when a
    character is in none of them, what fontconfig's ``fc_match`` program names for it
    (:class:`Fontconfig`; default: ``fc-match`` when it is installed; "" for none)."""
    faces = [
        Face(fonts_dir / regular, fonts_dir / bold if (fonts_dir / bold).is_file() else None)
        for regular, bold in BUNDLED_FONTS
        if (fonts_dir / regular).is_file()
    ]
    if system is None:
        system = system_fonts()
    program = shutil.which("fc-match") if fc_match is None else fc_match
    return FontChain((*faces, *system), Fontconfig(program) if program else None)


def _is_mark(character: str) -> bool:
    return unicodedata.category(character) in {"Mn", "Mc", "Me"}
