"""The fonts the game draws text with, found on this computer, and what each can draw.

Text is drawn with a chain of fonts: the bundled Inter first (Latin, Cyrillic, Greek), then
the bundled Noto Sans fonts for the scripts Inter lacks (Arabic, Hebrew, Devanagari, Thai),
then fonts of the system: Chinese, Japanese and Korean (4-20 MB and more each, so not
shipped), colour emoji, and whatever fontconfig offers for those scripts. Each character
is drawn by the first font of the chain that has a glyph for it.

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

# What fontconfig is asked for when the well-known places have nothing: a pattern and a
# character the font it names must have (fc-match always names some font).
FONTCONFIG_QUERIES: tuple[tuple[str, str], ...] = (
    (":lang=ja", "あ"),
    (":lang=zh-cn", "中"),
    (":lang=ko", "한"),
    ("emoji:color=true", "😀"),
)

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

    ``more`` finds further faces (fontconfig's answers) the first time a character is
    in none of ``faces``: asking costs a few processes and reading fonts, which text in the
    bundled scripts never needs.
    """

    def __init__(
        self, faces: Sequence[Face], more: Callable[[Sequence[Face]], Sequence[Face]] | None = None
    ) -> None:
        self.faces: tuple[Face, ...] = tuple(faces)
        self._more = more
        self._cache: dict[str, int] = {}

    def _extend(self) -> bool:
        """Add the faces ``more`` finds, once; whether any were added."""
        if self._more is None:
            return False
        more, self._more = self._more, None
        added = tuple(face for face in more(self.faces) if face not in self.faces)
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
        return self._find(cluster) if self._extend() else 0

    def has_glyph(self, character: str) -> bool:
        """Whether some face has a glyph for ``character``."""
        if any(face.covers(character) for face in self.faces):
            return True
        return self._extend() and self.has_glyph(character)

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


def fontconfig_fonts(fc_match: str, known: Sequence[Face]) -> list[Face]:
    """The fonts fontconfig's ``fc_match`` program names for :data:`FONTCONFIG_QUERIES`
    that ``known`` faces lack, when they have the character asked for."""
    faces: list[Face] = []
    paths = {face.path for face in known}
    for pattern, sample in FONTCONFIG_QUERIES:
        if any(face.covers(sample) for face in (*known, *faces)):
            continue
        path = _fontconfig_file(fc_match, pattern)
        if path is not None and path not in paths and ord(sample) in coverage(path):
            faces.append(Face(path))
            paths.add(path)
    return faces


def _fontconfig_file(fc_match: str, pattern: str) -> Path | None:
    try:
        result = subprocess.run(
            [fc_match, "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None
    return path if path is not None and path.is_file() else None


def font_chain(
    fonts_dir: Path,
    system: Sequence[Face] | None = None,
    fc_match: str | None = None,
) -> FontChain:
    """The chain of fonts: the bundled ones found in ``fonts_dir`` (``assets/fonts``) in
    :data:`BUNDLED_FONTS` order, then ``system`` (default: :func:`system_fonts`), then,
    when a character is in none of them, what fontconfig's ``fc_match`` program names
    (default: ``fc-match`` when it is installed; "" for none)."""
    faces = [
        Face(fonts_dir / regular, fonts_dir / bold if (fonts_dir / bold).is_file() else None)
        for regular, bold in BUNDLED_FONTS
        if (fonts_dir / regular).is_file()
    ]
    if system is None:
        system = system_fonts()
    program = shutil.which("fc-match") if fc_match is None else fc_match
    more = (lambda known: fontconfig_fonts(program, known)) if program else None
    return FontChain((*faces, *system), more)


def _is_mark(character: str) -> bool:
    return unicodedata.category(character) in {"Mn", "Mc", "Me"}
