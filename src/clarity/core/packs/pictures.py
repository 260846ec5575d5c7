"""The pictures a pack names: path rules, exact file-name case, format and size.

A picture is looked for next to the pack file first, then in the game's assets; the
name must match the file's case exactly (a pack made on Windows must work on Linux), and
the format and size come from the file's header.
"""

from __future__ import annotations

import posixpath
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from clarity.core.packs.folders import FolderListings, Listing
from clarity.core.packs.image_headers import FORMAT_BY_SUFFIX, ImageHeaderError, read_image_info
from clarity.core.packs.plain_yaml import Positions, section_items
from clarity.core.packs.report import Report, field_name


def check_images(
    raw: dict[Any, Any],
    positions: Positions,
    *,
    pack_dir: Path,
    assets_dir: Path,
    max_side: int,
    report: Report,
    listings: FolderListings | None = None,
) -> dict[str, Path]:
    """Every picture of the rounds and questions that can be used, by its text in the pack;
    a problem for each one that cannot.

    ``listings`` are folder listings shared with the other packs of one discovery (so a
    folder of N packs is read once, not N times); by default this pack reads its own.
    """
    finder = _ImageFinder(pack_dir, assets_dir, max_side, listings or FolderListings())
    images: dict[str, Path] = {}
    for section in ("rounds", "questions"):
        for index, item in section_items(raw, section):
            written = item.get("image")
            if not isinstance(written, str) or not written.strip():
                continue  # missing or empty: the models report it
            text = written.strip()
            found, problem = finder.find(text)
            if found is not None:
                images[text] = found
            else:
                loc = (section, index, "image")
                report.add(positions.value(loc), field_name(loc), problem or "cannot be used")
    return images


class _ImageFinder:
    """Resolves and checks image paths for one pack, remembering folder listings."""

    def __init__(
        self, pack_dir: Path, assets_dir: Path, max_side: int, listings: FolderListings
    ) -> None:
        self._bases = (pack_dir, assets_dir)
        self._max_side = max_side
        self._listings = listings
        self._results: dict[str, tuple[Path | None, str | None]] = {}

    def find(self, text: str) -> tuple[Path | None, str | None]:
        """``(absolute path, None)`` for a usable image, else ``(None, message)``."""
        if text not in self._results:
            self._results[text] = self._find(text)
        return self._results[text]

    def _find(self, text: str) -> tuple[Path | None, str | None]:
        if "\\" in text:
            return None, f'use "/" between folder names, not "\\": "{text.replace(chr(92), "/")}"'
        if PurePosixPath(text).is_absolute() or PureWindowsPath(text).drive:
            return None, "should be a path relative to the pack file, not an absolute path"
        suffix = PurePosixPath(text).suffix.lower()
        if suffix not in FORMAT_BY_SUFFIX:
            return None, (
                "should be a PNG, JPEG, GIF or WebP picture (.png, .jpg, .jpeg, .gif or .webp)"
            )
        normal = posixpath.normpath(text)
        if normal == ".." or normal.startswith("../"):
            return None, (
                'goes outside the pack\'s folder (through ".."); '
                "keep pictures next to the pack or in a folder beside it"
            )
        parts = [part for part in normal.split("/") if part not in ("", ".")]
        for base in self._bases:
            found, problem = self._walk(base, parts)
            if problem is not None:
                return None, problem
            if found is not None:
                return self._check_file(base, found)
        return None, (
            f'no picture "{text}" next to the pack ({self._bases[0]}) '
            f"or in the game's assets ({self._bases[1]})"
        )

    def _walk(self, base: Path, parts: list[str]) -> tuple[Path | None, str | None]:
        """Follow ``parts`` from ``base`` by exact name; a case-only mismatch is a problem."""
        current = base
        spelled: list[str] = []
        mismatch = False
        for part in parts:
            listing = self._listing(current)
            if listing is None:
                return None, None
            exact, folded = listing
            if part in exact:
                actual = part
            else:
                actual = folded.get(part.casefold())
                if actual is None:
                    return None, None
                mismatch = True
            spelled.append(actual)
            current = current / actual
        if mismatch:
            right = "/".join(spelled)
            return None, (
                f'the file is spelled "{right}"; upper and lower case must match exactly '
                "(Linux and macOS tell them apart)"
            )
        return current, None

    def _listing(self, folder: Path) -> tuple[frozenset[str], dict[str, str]] | None:
        """The exact names in ``folder`` and the same by case-folded form (for near misses);
        ``None`` when it is not a readable folder."""
        return self._listings.made(folder, _names_by_form)

    def _check_file(self, base: Path, found: Path) -> tuple[Path | None, str | None]:
        try:
            resolved = found.resolve(strict=True)
            inside = resolved.is_relative_to(base.resolve(strict=True))
        except (OSError, RuntimeError):  # a dangling or looping symbolic link
            return None, "is a link to a file that does not exist"
        if not inside:
            return None, (
                "is a symbolic link to a file outside the pack's folder and the game's assets"
            )
        if not resolved.is_file():
            return None, "is a folder, not a picture"
        expected = FORMAT_BY_SUFFIX[found.suffix.lower()]
        try:
            info = read_image_info(resolved)
        except ImageHeaderError as exc:
            return None, f"{exc} (the name ends in {found.suffix})"
        except OSError as exc:
            return None, f"cannot be read: {exc.strerror or exc}"
        if info.format is not expected:
            return None, (
                f"the file is named {found.suffix} but holds a {info.format} image; "
                f"rename it or save it as {expected}"
            )
        side = self._max_side
        if info.width > side or info.height > side:
            return None, (
                f"the picture is {info.width}x{info.height} pixels; the largest allowed is "
                f"{side}x{side}, so scale it down"
            )
        return resolved, None


def _names_by_form(listing: Listing) -> tuple[frozenset[str], dict[str, str]]:
    """The exact names, and the same by case-folded form (of two that fold alike, the later
    by sort order wins, the same on every computer)."""
    names = listing.names
    return frozenset(names), {name.casefold(): name for name in names}
