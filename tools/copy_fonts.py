"""Copy the game's fonts from Debian packages into ``assets/fonts/``, with their licences.

The game draws text with a chain of fonts (``clarity.fonts``): Inter first, then a font
for each script Inter lacks. What it ships, so that a pack shows on any classroom computer:

- Inter Regular and Bold (Latin, Cyrillic, Greek) from Debian's ``fonts-inter``
  (``/usr/share/fonts/opentype/inter/``), licence SIL OFL 1.1 written as ``OFL.txt``;
- Noto Sans Arabic, Hebrew, Devanagari and Thai, Regular and Bold, from ``fonts-noto-core``
  (``/usr/share/fonts/truetype/noto/``), OFL 1.1 with Google's notice as ``OFL-Noto.txt``;
  each is 30-250 KB;

Chinese, Japanese and Korean fonts (4-20 MB and more each) and colour emoji (10 MB) are
not shipped: the system's fonts are used (``clarity.fonts`` finds them), and ``clarity
validate`` warns about characters that no font on the computer can draw.

Each licence is taken from the package's ``/usr/share/doc/PACKAGE/copyright`` file. After
copying, the script
checks with ``pygame.freetype`` that each font has a glyph for every letter of a sample of
its script, and that ``pygame.font.Font`` renders it.

Usage::

    apt-get install fonts-inter fonts-noto-core
    python tools/copy_fonts.py [--out assets/fonts]
    python tools/make_font_coverage.py   # then list what each font draws, for the first frame
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "assets" / "fonts"
DOC = Path("/usr/share/doc")

INTER_NOTICE = "Copyright (c) 2016-2022 The Inter Project Authors (https://github.com/rsms/inter)\n"
NOTO_NOTICE = "Copyright 2010, 2012-2020 Google Inc., 2015-2020 Google LLC (Noto fonts)\n"
OFL_HEADER = (
    "\n"
    "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
    "This license is copied below, and is also available with a FAQ at:\n"
    "https://openfontlicense.org\n"
    "\n"
    "-----------------------------------------------------------\n"
    "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n"
    "-----------------------------------------------------------\n"
    "\n"
)

# Every letter a Belarusian, Russian or Ukrainian pack may use, plus common punctuation.
CYRILLIC_LATIN_SAMPLE = (
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "ЎўІіЄєЇїҐґʼ’«»„“”—–…№"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "éèêëàâäçñöüßąęłńśźżčšž"
)


@dataclass(frozen=True)
class FontSet:
    """Font files copied from one Debian package, and the licence written beside them."""

    package: str
    source: Path
    files: tuple[str, ...]
    licence_file: str
    sample: str  # letters each file must have a glyph for

    def licence_text(self) -> str:
        copyright_file = DOC / self.package / "copyright"
        notice = INTER_NOTICE if self.package == "fonts-inter" else NOTO_NOTICE
        return notice + OFL_HEADER + ofl_text(copyright_file)


NOTO = Path("/usr/share/fonts/truetype/noto")
FONT_SETS = (
    FontSet(
        "fonts-inter",
        Path("/usr/share/fonts/opentype/inter"),
        ("Inter-Regular.otf", "Inter-Bold.otf"),
        "OFL.txt",
        CYRILLIC_LATIN_SAMPLE,
    ),
    FontSet(
        "fonts-noto-core",
        NOTO,
        ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
        "OFL-Noto.txt",
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي٠١٢٣٤٥٦٧٨٩پچژگکی",
    ),
    FontSet(
        "fonts-noto-core",
        NOTO,
        ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
        "OFL-Noto.txt",
        "אבגדהוזחטיכךלמםנןסעפףצץקרשת",
    ),
    FontSet(
        "fonts-noto-core",
        NOTO,
        ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
        "OFL-Noto.txt",
        "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह्ािीुूेैोौंः।",
    ),
    FontSet(
        "fonts-noto-core",
        NOTO,
        ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
        "OFL-Noto.txt",
        "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะัาำิีึืุูเแโใไ่้๊๋",
    ),
)


def debian_version(package: str) -> str:
    """The installed version of a Debian package, or ``"unknown"``."""
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            check=True,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip() or "unknown"


def ofl_text(copyright_file: Path) -> str:
    """The OFL-1.1 licence as plain text, taken from a Debian ``copyright`` file.

    The licence is the stand-alone ``License: OFL-1.1`` paragraph with a body (a file's
    paragraph may name the licence without one). Debian's machine-readable format indents
    the licence by one space and writes blank lines as a lone ``.``; this undoes both.
    """
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    for start, line in enumerate(lines):
        if line.strip() != "License: OFL-1.1":
            continue
        body: list[str] = []
        for text in lines[start + 1 :]:
            if not text.startswith(" "):
                break
            body.append("" if text.strip() == "." else text[1:])
        if body:
            return "\n".join(body).rstrip() + "\n"
    raise SystemExit(f"{copyright_file}: no OFL-1.1 licence text found")


def check_fonts(font_sets: tuple[FontSet, ...], out: Path) -> list[str]:
    """Problems found when loading the copied fonts with pygame: missing glyphs, render
    errors."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame  # noqa: PLC0415 - only needed for the check, never at import time
    import pygame.freetype  # noqa: PLC0415

    pygame.font.init()
    pygame.freetype.init()
    problems: list[str] = []
    for font_set in font_sets:
        for name in font_set.files:
            path = out / name
            face = pygame.freetype.Font(str(path), 40)
            metrics = face.get_metrics(font_set.sample)
            missing = "".join(
                ch for ch, metric in zip(font_set.sample, metrics, strict=True) if metric is None
            )
            if missing:
                problems.append(f"{name}: no glyph for {missing!r}")
            surface = pygame.font.Font(str(path), 40).render(font_set.sample, True, (0, 0, 0))
            if surface.get_width() < 100:
                problems.append(f"{name}: rendering its sample gave a tiny surface")
    return problems


def copy_fonts(font_sets: tuple[FontSet, ...], out: Path) -> list[Path]:
    """Copy every set's files to ``out`` and write each licence file once."""
    out.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    for font_set in font_sets:
        for name in font_set.files:
            src = font_set.source / name
            if not src.is_file():
                raise SystemExit(
                    f"{src} not found; install it with: apt-get install {font_set.package}"
                )
            dest = out / name
            shutil.copyfile(src, dest)
            copied.append(dest)
        (out / font_set.licence_file).write_text(font_set.licence_text(), encoding="utf-8")
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="destination folder")
    args = parser.parse_args(argv)

    copied = copy_fonts(FONT_SETS, args.out)
    for package in dict.fromkeys(font_set.package for font_set in FONT_SETS):
        print(f"Debian {package} {debian_version(package)}")
    for path in copied:
        print(f"  copied {path}")
    problems = check_fonts(FONT_SETS, args.out)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
