"""Copy the game's UI font (Inter) from the Debian package into ``assets/fonts/``.

The game ships Inter Regular and Bold as static OpenType files so that it never needs a
system font. They come from Debian's ``fonts-inter`` package (installed with
``apt-get install fonts-inter``), which puts them in ``/usr/share/fonts/opentype/inter/``.
The licence text (SIL Open Font License 1.1) is taken from the package's
``/usr/share/doc/fonts-inter/copyright`` file and written next to the fonts as ``OFL.txt``.

After copying, the script checks with ``pygame.freetype`` that every font has a glyph for
each letter of the Belarusian, Russian and Ukrainian alphabets (packs may be written in
them) and that ``pygame.font.Font`` can render a Belarusian sample.

Usage::

    python tools/copy_fonts.py [--source /usr/share/fonts/opentype/inter] [--out assets/fonts]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

DEBIAN_PACKAGE = "fonts-inter"
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/inter")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "assets" / "fonts"
COPYRIGHT_FILE = Path("/usr/share/doc/fonts-inter/copyright")
FONT_FILES = ("Inter-Regular.otf", "Inter-Bold.otf")

COPYRIGHT_NOTICE = (
    "Copyright (c) 2016-2022 The Inter Project Authors (https://github.com/rsms/inter)\n"
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
COVERAGE_SAMPLE = (
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    "ЎўІіЄєЇїҐґʼ’«»„“”—–…№"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "éèêëàâäçñöüßąęłńśźżčšž"
)
RENDER_SAMPLE = "Саюзная дзяржава ўсё"


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

    Debian's machine-readable format indents the licence by one space and writes blank
    lines as a lone ``.``; this undoes both.
    """
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "License: OFL-1.1")
    body: list[str] = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    if not body:
        raise SystemExit(f"{copyright_file}: no OFL-1.1 licence text found")
    return COPYRIGHT_NOTICE + "\n".join(body).rstrip() + "\n"


def check_fonts(paths: list[Path]) -> list[str]:
    """Problems found when loading ``paths`` with pygame: missing glyphs or render errors."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame  # noqa: PLC0415 - only needed for the check, never at import time
    import pygame.freetype  # noqa: PLC0415

    pygame.font.init()
    pygame.freetype.init()
    problems: list[str] = []
    for path in paths:
        face = pygame.freetype.Font(str(path), 40)
        metrics = face.get_metrics(COVERAGE_SAMPLE)
        missing = "".join(
            ch for ch, metric in zip(COVERAGE_SAMPLE, metrics, strict=True) if metric is None
        )
        if missing:
            problems.append(f"{path.name}: no glyph for {missing!r}")
        surface = pygame.font.Font(str(path), 40).render(RENDER_SAMPLE, True, (0, 0, 0))
        if surface.get_width() < 100:
            problems.append(f"{path.name}: rendering {RENDER_SAMPLE!r} gave a tiny surface")
    return problems


def copy_fonts(source: Path, out: Path, copyright_file: Path) -> list[Path]:
    """Copy :data:`FONT_FILES` from ``source`` to ``out`` and write ``OFL.txt``."""
    out.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    for name in FONT_FILES:
        src = source / name
        if not src.is_file():
            raise SystemExit(f"{src} not found; install it with: apt-get install {DEBIAN_PACKAGE}")
        dest = out / name
        shutil.copyfile(src, dest)
        copied.append(dest)
    (out / "OFL.txt").write_text(ofl_text(copyright_file), encoding="utf-8")
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder with Inter")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="destination folder")
    parser.add_argument("--copyright", type=Path, default=COPYRIGHT_FILE, help="Debian copyright")
    args = parser.parse_args(argv)

    copied = copy_fonts(args.source, args.out, args.copyright)
    print(f"copied from Debian {DEBIAN_PACKAGE} {debian_version(DEBIAN_PACKAGE)}:")
    for path in copied:
        print(f"  {path}")
    problems = check_fonts(copied)
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
