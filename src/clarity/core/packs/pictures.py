"""The pictures a pack names: path rules, exact file names, and the picture itself.

A picture is looked for next to the pack file first, then in the game's assets. Names are
compared in one Unicode form (NFC), so "café.png" written with é as one character finds
the file a Mac saved as e plus a combining accent, and the reverse; upper and lower case
must match exactly (a pack made on Windows must work on Linux). Each picture found is then
opened the way the game will open it (:mod:`clarity.core.packs.picture_decoding`), and a
mystery picture whose tiles would be unreadable, or a question's picture too thin to make
out on the question card, gets a warning (:mod:`clarity.core.packs.picture_shape`).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from clarity.core.messages import Message, message
from clarity.core.packs.folders import FolderListings, Listing
from clarity.core.packs.models import Grid, Mystery, parse_grid
from clarity.core.packs.picture_decoding import (
    FORMAT_BY_SUFFIX,
    NotAPicture,
    PictureError,
    PictureInfo,
    named_not_a_picture,
)
from clarity.core.packs.picture_shape import question_picture_warning, shape_warning
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
    decode: bool = True,
) -> dict[str, Path]:
    """Every picture of the rounds and questions that can be used, by its text in the pack;
    an error for each one that cannot, and a warning for a mystery picture whose tiles
    would be unreadable or a question's picture that the card would show as a line.

    ``listings`` are folder listings shared with the other packs of one discovery (so a
    folder of N packs is read once, not N times), and the pictures it checked (so a
    picture named by N packs, or twice in one as ``a.png`` and ``./a.png``, is decoded
    once); by default this pack reads its own.
    ``decode=False`` checks only what the header says (format, size, frames), not that
    every pixel decodes: for a quick scan, never for ``clarity validate``.
    """
    finder = _ImageFinder(pack_dir, assets_dir, max_side, listings or FolderListings(), decode)
    images: dict[str, Path] = {}
    default_grid = Mystery.model_fields["grid"].get_default(call_default_factory=True)
    for section in ("rounds", "questions"):
        for index, item in section_items(raw, section):
            written = item.get("image")
            if not isinstance(written, str) or not written.strip():
                continue  # missing or empty: the models report it
            text = written.strip()
            loc = (section, index, "image")
            found = finder.find(text)
            if isinstance(found, Message):
                report.add(positions.value(loc), field_name(loc), found)
                continue
            path, info = found
            images[text] = path
            if section == "rounds":
                grid = _grid(item.get("grid"), default_grid)
                warning = grid and shape_warning(info.width, info.height, grid.rows, grid.cols)
            else:
                warning = question_picture_warning(info.width, info.height)
            if warning:
                report.add(positions.value(loc), field_name(loc), warning, "warning")
    return images


# "https://example.com/cat.png", "www.example.com/cat.png", "file:///C:/cat.png": a picture
# copied as its address instead of saved.
_WEB_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://|www\.", re.IGNORECASE)
# Formats phones and cameras save in that the game does not read (Pillow needs a plugin).
_PHOTO_FORMATS = {".heic": "HEIC", ".heif": "HEIF", ".avif": "AVIF"}


def _grid(written: object, default: Grid) -> Grid | None:
    if written is None:
        return default
    try:
        return Grid.model_validate(parse_grid(written))
    except ValueError:  # pydantic's ValidationError too; validation reports it
        return None


def nfc(name: str) -> str:
    """``name`` in Unicode's composed form (NFC), the one names are compared in."""
    return unicodedata.normalize("NFC", name)


@dataclass(frozen=True, slots=True)
class _Names:
    """A folder's names as a picture is looked up in it."""

    exact: frozenset[str]  # the names as the folder holds them
    by_nfc: dict[str, str]  # NFC form -> the name as held
    by_fold: dict[str, str]  # NFC form case-folded -> the name as held (for near misses)


def _names_by_form(listing: Listing) -> _Names:
    """Made once per folder of a scan (:meth:`FolderListings.made`); no sorting needed.

    Of two names with the same NFC form (rare: a copy from a Mac beside the original),
    or the same folded form, the one already in NFC wins, else the later by the
    listing's order: the same on every computer.
    """
    by_nfc: dict[str, str] = {}
    by_fold: dict[str, str] = {}
    for name in listing.names:
        composed = nfc(name)
        if name == composed or composed not in by_nfc:
            by_nfc[composed] = name
        folded = composed.casefold()
        if name == composed or folded not in by_fold:
            by_fold[folded] = name
    return _Names(frozenset(listing.names), by_nfc, by_fold)


class _ImageFinder:
    """Resolves and checks image paths for one pack."""

    def __init__(
        self,
        pack_dir: Path,
        assets_dir: Path,
        max_side: int,
        listings: FolderListings,
        decode: bool,
    ) -> None:
        self._bases = (pack_dir, assets_dir)
        self._max_side = max_side
        self._listings = listings
        self._decode = decode
        self._results: dict[str, tuple[Path, PictureInfo] | Message] = {}

    def find(self, text: str) -> tuple[Path, PictureInfo] | Message:
        """``(absolute path, what the picture is)`` for a usable picture, else the message."""
        if text not in self._results:
            self._results[text] = self._find(text)
        return self._results[text]

    def _find(self, text: str) -> tuple[Path, PictureInfo] | Message:
        if _WEB_ADDRESS.match(text):
            return message(
                "a web address cannot be used: the game reads pictures from files, never from "
                "the internet (a classroom may be offline); save the picture next to the pack "
                "and write its file name here"
            )
        if "\\" in text:
            return message(
                # Translators: {path} is the picture's path as it should be written.
                'use "/" between folder names, not "\\": "{path}"',
                path=text.replace("\\", "/"),
            )
        if PurePosixPath(text).is_absolute() or PureWindowsPath(text).drive:
            return message("should be a path relative to the pack file, not an absolute path")
        suffix = PurePosixPath(text).suffix.lower()
        if suffix in _PHOTO_FORMATS:
            return message(
                # Translators: {format} is HEIC, HEIF or AVIF; {suffix} the name's ending (.heic).
                "is a picture in {format} format ({suffix}), which the game cannot show; export "
                "it as JPEG (or PNG) and name that file here",
                format=_PHOTO_FORMATS[suffix],
                suffix=suffix,
            )
        if suffix not in FORMAT_BY_SUFFIX:
            return message(
                "should be a PNG, JPEG, GIF or WebP picture (.png, .jpg, .jpeg, .gif or .webp)"
            )
        normal = posixpath.normpath(text)
        if normal == ".." or normal.startswith("../"):
            return message(
                'goes outside the pack\'s folder (through ".."); '
                "keep pictures next to the pack or in a folder beside it"
            )
        parts = [part for part in normal.split("/") if part not in ("", ".")]
        for base in self._bases:
            found = self._walk(base, parts)
            if isinstance(found, Message):
                return found
            if found is not None:
                return self._check_file(base, found)
        return message(
            # Translators: {name} is the picture as the pack names it; {pack_folder} and
            # {assets_folder} are folders.
            'no picture "{name}" next to the pack ({pack_folder}) or in the game\'s assets '
            "({assets_folder})",
            name=text,
            pack_folder=str(self._bases[0]),
            assets_folder=str(self._bases[1]),
        )

    def _walk(self, base: Path, parts: list[str]) -> Path | Message | None:
        """Follow ``parts`` from ``base`` by name (in NFC); ``None`` when there is no such
        file, a message when only upper and lower case differ."""
        current = base
        spelled: list[str] = []
        mismatch = False
        for part in parts:
            listing = self._listings.made(current, _names_by_form)
            if listing is None:
                return None
            if part in listing.exact:
                actual = part
            else:
                composed = nfc(part)
                actual = listing.by_nfc.get(composed)
                if actual is None:
                    actual = listing.by_fold.get(composed.casefold())
                    if actual is None:
                        return None
                    mismatch = True
            spelled.append(actual)
            current = current / actual
        if mismatch:
            return message(
                'the file is spelled "{name}"; upper and lower case must match exactly '
                "(another computer may tell them apart, as Linux does)",
                name=nfc("/".join(spelled)),
            )
        return current

    def _check_file(self, base: Path, found: Path) -> tuple[Path, PictureInfo] | Message:
        try:
            resolved = found.resolve(strict=True)
            inside = resolved.is_relative_to(base.resolve(strict=True))
        except (OSError, RuntimeError):  # a dangling or looping symbolic link
            return message("is a link to a file that does not exist")
        if not inside:
            return message(
                "is a symbolic link to a file outside the pack's folder and the game's assets"
            )
        if resolved.is_dir():
            return message("is a folder, not a picture")
        expected = FORMAT_BY_SUFFIX[found.suffix.lower()]
        try:
            info = self._listings.pictures.check(
                resolved, max_side=self._max_side, decode=self._decode
            )
        except NotAPicture as exc:
            return named_not_a_picture(exc.message, found.suffix)
        except PictureError as exc:
            return exc.message
        if info.format is not expected:
            return message(
                # Translators: {suffix} is the name's ending (.png); {found} and {expected}
                # are formats: PNG, JPEG, GIF, WebP.
                "the file is named {suffix} but holds a {found} image; rename it or save it "
                "as {expected}",
                suffix=found.suffix,
                found=str(info.format),
                expected=str(expected),
            )
        return resolved, info
