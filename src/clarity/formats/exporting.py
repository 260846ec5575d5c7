"""A pack out to another tool: GIFT for Moodle, an Anki deck, a web page that plays it.

:func:`export_pack` takes a pack as the game loaded it (its pictures found) and writes one
file, whole or not at all (:mod:`clarity.atomic_files`): the writers themselves are
:func:`clarity.formats.gift.write_gift` (text, written here as UTF-8 without a byte-order
mark, which Moodle reads), :func:`clarity.formats.anki.write_apkg` (it writes its own
file atomically) and :func:`clarity.formats.web.build_web_game` (one HTML page, UTF-8).
"""

from __future__ import annotations

from pathlib import Path

from clarity.atomic_files import write_replacing
from clarity.core.messages import Message, message
from clarity.core.packs.loader import LoadedPack

EXPORT_FORMATS = ("gift", "anki", "html")
#: The file ending each export is written with when no file is named.
EXPORT_SUFFIXES = {"gift": ".gift", "anki": ".apkg", "html": ".html"}


class ExportRefused(Exception):
    """The pack cannot be exported (it does not load, or the format is unknown); ``said``
    says why, one line for the teacher. Nothing was written."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


def default_export_name(pack_id: str, format: str) -> str:
    """``<id>.gift``, ``<id>.apkg`` or ``<id>.html``."""
    return pack_id + EXPORT_SUFFIXES[format]


def export_pack(loaded: LoadedPack, format: str, target: Path) -> Path:
    """Write ``loaded``'s pack to ``target`` in ``format`` (one of :data:`EXPORT_FORMATS`);
    return ``target``.

    Raises :class:`ExportRefused` for a pack with errors or an unknown format, and
    :class:`clarity.atomic_files.FileNotWritten` (an OSError) when the file cannot be
    written; either way a file already at ``target`` is as it was.
    """
    pack = loaded.pack
    if pack is None:
        raise ExportRefused(
            message("{file} has errors; run clarity validate on it", file=str(loaded.path))
        )
    if format == "gift":
        from clarity.formats.gift import write_gift  # noqa: PLC0415 - only the format asked

        write_replacing(target, write_gift(pack).encode("utf-8"))
    elif format == "anki":
        from clarity.formats.anki import write_apkg  # noqa: PLC0415

        write_apkg(pack, loaded.images, target)
    elif format == "html":
        from clarity.formats.web import build_web_game  # noqa: PLC0415

        write_replacing(target, build_web_game(pack, loaded.images).encode("utf-8"))
    else:
        raise ExportRefused(
            message(
                "{format} is not a format the game exports; it exports {formats}",
                format=format,
                formats=", ".join(EXPORT_FORMATS),
            )
        )
    return target
