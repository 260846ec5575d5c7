"""The pictures checked by earlier runs, kept in a small file so that the pack list does not
decode every picture again at each start.

Decoding a picture in full is the only way to know the game can show it (a file cut short
is found at its last pixels), and it is slow: 160 phone photos of 4032x3024 took 37.6 s,
at every start, before this file. The file holds, for each picture checked, its identity
(resolved path, device and inode, size, modification time in nanoseconds), the limits it
was checked against and the verdict (format and size, or the teacher's reason it is
refused, as its message's English template and values, so that it is shown again in
whatever language the game then speaks):
:class:`clarity.core.packs.picture_decoding.CheckedPicture` as JSON. A picture whose
identity changed is checked again.

The file is a cache, never a source of truth: one that is missing, damaged, cut short, too
large, of another format version or made under other picture rules (another Pillow, or
another ``picture_decoding.py``) is ignored and replaced, never an error. It is written
whole to a temporary file in the same folder, flushed to the disk, then put in place with
:func:`os.replace`, so a reader sees the old file or the new one, never half of one; a
folder that cannot be written leaves the old file as it was.

Where it lives is the caller's choice (:func:`picture_cache_file`: the data folder); nothing
here looks a folder up.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from clarity.core.messages import Message
from clarity.core.packs import picture_decoding
from clarity.core.packs.picture_decoding import (
    CheckedPicture,
    PictureChecks,
    PictureFormat,
    PictureInfo,
)

FORMAT_NAME = "clarity-picture-checks"
# 2: a refusal is a message (template and values), no longer English text
FORMAT_VERSION = 2
CACHE_FOLDER = "cache"
CACHE_FILE = "picture-checks.json"
#: Verdicts kept; least recently asked out. 20,000 pictures is some 5 MiB of file.
MAX_ENTRIES = 20_000
# A file far larger than MAX_ENTRIES can fill is no file of ours: not read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024

_FIELDS = ("path", "device", "inode", "size", "mtime_ns", "max_side", "max_bytes", "decoded")


def picture_cache_file(data_dir: Path) -> Path:
    """The cache file of the data folder ``data_dir``: ``DATA_DIR/cache/picture-checks.json``.

    In the data folder, not the system's cache folder, so that ``--data-dir`` (a class's
    USB stick, a test's temporary folder) takes its cache with it and never shares one.
    """
    return data_dir / CACHE_FOLDER / CACHE_FILE


@cache
def picture_rules() -> str:
    """What the verdicts depend on besides the file and the limits: the Pillow version and
    the picture rules' own source (a fingerprint of ``picture_decoding.py``), so a cache made
    before an upgrade, or under a rule changed since, is not believed."""
    # Imported here, on the loading thread: the game's first frame names the cache file
    # (picture_cache_file) and need not wait for these.
    import hashlib  # noqa: PLC0415

    import PIL  # noqa: PLC0415

    source = Path(picture_decoding.__file__).read_bytes()
    return f"Pillow {PIL.__version__}; rules {hashlib.sha256(source).hexdigest()[:16]}"


def load_picture_checks(file: Path, max_entries: int = MAX_ENTRIES) -> PictureChecks:
    """A :class:`PictureChecks` seeded with the verdicts kept in ``file``; an empty one when
    the file is missing, unreadable, damaged, of another version or other picture rules.
    Never raises for the file's sake."""
    return PictureChecks(max_files=max_entries, known=read_entries(file))


def read_entries(file: Path) -> list[CheckedPicture]:
    """The verdicts kept in ``file``, least recently asked first; none when the file cannot
    be believed (see the module's docstring)."""
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            return []
        document = json.loads(raw)
        if not isinstance(document, dict):
            return []
        if (
            document.get("format") != FORMAT_NAME
            or document.get("version") != FORMAT_VERSION
            or document.get("rules") != picture_rules()
        ):
            return []
        pictures = document.get("pictures")
        if not isinstance(pictures, list):
            return []
        # One entry that is not ours makes the whole file suspect: none is believed.
        return [_entry(item) for item in pictures[-MAX_ENTRIES:]]
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return []


def save_picture_checks(checks: PictureChecks, file: Path) -> bool:
    """Write every verdict of ``checks`` to ``file`` atomically; True when it was written.

    The folder of ``file`` is made if its parent exists (a data folder that does not exist
    is not made for a cache). A folder that cannot be written, a full disk or a failed
    rename leave the previous file whole and no temporary file behind; False then.
    """
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "rules": picture_rules(),
        "pictures": [_plain(entry) for entry in checks.entries()],
    }
    import tempfile  # noqa: PLC0415 - not needed before a listing is over

    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        file.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{file.name}.", suffix=".tmp", dir=file.parent
        )
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, file)
    except OSError:
        with suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def _plain(entry: CheckedPicture) -> dict[str, Any]:
    plain: dict[str, Any] = {name: getattr(entry, name) for name in _FIELDS}
    if entry.info is not None:
        plain["format"] = entry.info.format.value
        plain["width"] = entry.info.width
        plain["height"] = entry.info.height
    else:
        plain["refusal"] = _plain_message(entry.refusal) if entry.refusal is not None else None
        plain["not_a_picture"] = entry.not_a_picture
    return plain


def _entry(item: Any) -> CheckedPicture:
    """One entry of the file; raises ValueError, TypeError or KeyError when it is not one."""
    if not isinstance(item, dict):
        raise TypeError("an entry is an object")
    identity = [item[name] for name in _FIELDS]
    path, *numbers, decoded = identity
    if not isinstance(path, str) or not isinstance(decoded, bool):
        raise TypeError("path is text, decoded true or false")
    if any(type(number) is not int for number in numbers):
        raise TypeError("the identity's numbers are whole numbers")
    if "refusal" in item:
        refusal, not_a_picture = _message(item["refusal"]), item["not_a_picture"]
        if not isinstance(not_a_picture, bool):
            raise TypeError("not_a_picture is true or false")
        return CheckedPicture(*identity, refusal=refusal, not_a_picture=not_a_picture)
    width, height = item["width"], item["height"]
    if type(width) is not int or type(height) is not int or width <= 0 or height <= 0:
        raise ValueError("a picture's size is whole pixels")
    info = PictureInfo(PictureFormat(item["format"]), width, height)
    return CheckedPicture(*identity, info=info)


def _plain_message(message: Message) -> dict[str, Any]:
    """``message`` as JSON: its template, values (text, whole numbers or messages) and,
    for a plural one, its English plural and count."""
    plain: dict[str, Any] = {
        "template": message.template,
        "values": {
            name: _plain_message(value) if isinstance(value, Message) else value
            for name, value in message.values.items()
        },
    }
    if message.plural is not None:
        plain["plural"], plain["count"] = message.plural, message.count
    return plain


def _message(item: Any) -> Message:
    """A message read back from :func:`_plain_message`'s JSON; raises TypeError when it is
    not one."""
    if not isinstance(item, dict) or not isinstance(item.get("template"), str):
        raise TypeError("a refusal is a message with its template")
    values = item.get("values")
    if not isinstance(values, dict):
        raise TypeError("a message's values are an object")
    read: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, dict):
            read[name] = _message(value)
        elif isinstance(value, str) or type(value) is int:
            read[name] = value
        else:
            raise TypeError("a message's value is text, a whole number or a message")
    plural, count = item.get("plural"), item.get("count")
    if plural is None and count is None:
        return Message(item["template"], read)
    if not isinstance(plural, str) or type(count) is not int:
        raise TypeError("a plural message has its plural text and its count")
    return Message(item["template"], read, plural, count)
