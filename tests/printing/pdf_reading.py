"""Reading a PDF back the way a reviewer would, with poppler's tools (poppler-utils).

Each helper first requires its program (:func:`system_packages.require_system_package`):
without it the test skips and says why, and in CI (``CI=true``) fails.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from system_packages import require_system_package

POPPLER = "poppler-utils"


def _run(program: str, *arguments: str) -> str:
    found = require_system_package(program, POPPLER)
    result = subprocess.run(
        [found, *arguments], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def pdftotext(path: Path, *, layout: bool = False) -> str:
    """The text of every page of ``path`` as ``pdftotext`` reads it (UTF-8; pages apart by
    form feeds). ``layout`` keeps the physical layout (columns side by side)."""
    return _run("pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-")


def page_text(path: Path, page: int) -> str:
    """The text of page ``page`` (1 first) of ``path``."""
    return _run("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(path), "-")


def pdffonts(path: Path) -> list[tuple[str, bool, bool]]:
    """The fonts of ``path`` as ``pdffonts`` lists them: (name, embedded, subset)."""
    lines = _run("pdffonts", str(path)).splitlines()
    header = lines[0]
    # The columns are laid out under the header's words; the name may hold spaces.
    emb = header.index(" emb ") + 1
    fonts = []
    for line in lines[2:]:
        if not line.strip():
            continue
        name = line[: header.index("type")].strip()
        embedded, subset = line[emb : emb + 3].strip(), line[emb + 4 : emb + 7].strip()
        fonts.append((name, embedded == "yes", subset == "yes"))
    return fonts


def pdffont_types(path: Path) -> dict[str, str]:
    """Each font of ``path`` by name, with its type as ``pdffonts`` names it
    (``CID TrueType``, ``CID Type 0C``...)."""
    lines = _run("pdffonts", str(path)).splitlines()
    header = lines[0]
    start, end = header.index("type"), header.index("encoding")
    return {line[:start].strip(): line[start:end].strip() for line in lines[2:] if line.strip()}


def poppler_complaints(path: Path) -> list[str]:
    """What poppler says is wrong with ``path`` while reading all its text (its messages
    on standard error: "Syntax Warning: ...", "Syntax Error: ...")."""
    found = require_system_package("pdftotext", POPPLER)
    result = subprocess.run(
        [found, str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    return [line for line in result.stderr.splitlines() if line.strip()]


def pdfinfo(path: Path) -> dict[str, str]:
    """What ``pdfinfo`` says about ``path``, by field (``Title``, ``Pages``...)."""
    fields = {}
    for line in _run("pdfinfo", "-enc", "UTF-8", str(path)).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def page_count(path: Path) -> int:
    """The number of pages of ``path``."""
    return int(pdfinfo(path)["Pages"])


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Each page's size in PDF points (width, height)."""
    text = _run("pdfinfo", "-f", "1", "-l", "100000", str(path))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", text)
    return [(float(w), float(h)) for w, h in sizes]


def page_png(path: Path, page: int, *, dpi: int = 60, target: Path | None = None) -> Path:
    """Page ``page`` (1 first) of ``path`` drawn by ``pdftoppm`` as a PNG at ``dpi``; the
    PNG's path (default: beside the PDF, ``NAME-pPAGE.png``). Open it with Pillow to look
    at pixels, or with an image viewer to look at the page."""
    require_system_package("pdftoppm", POPPLER)
    stem = target.with_suffix("") if target is not None else path.with_name(f"{path.stem}-p{page}")
    _run(
        "pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
        str(path), str(stem),
    )  # fmt: skip
    return stem.with_suffix(".png")
