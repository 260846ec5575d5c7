"""A pack's three printouts at once, and the folder they are in shown to the teacher.

:func:`print_pack_set` writes the flashcards, the worksheet and the exam with its answer
key for one pack into a folder (what the pack screen's "Print" does); each file is written
whole or not at all (:meth:`clarity.printing.document.Document.save`). :func:`open_folder`
asks the system's file manager to show a folder: ``xdg-open`` on Linux and the BSDs,
``open`` on macOS, ``os.startfile`` on Windows (their documented ways to open a path with
its default application). It never waits for the file manager and never raises: a computer
without one (a server, a test run) is an answer of False.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clarity.core.packs.loader import LoadedPack
    from clarity.printing.document import PageStyle

#: The printouts of one pack, by the name ending of their files (``ID-flashcards.pdf``).
PRINTOUTS = ("flashcards", "worksheet", "exam")
#: The exam of the pack screen's printouts: version 1, named in its key.
SET_SEED = 1


def printout_name(pack_id: str, kind: str) -> str:
    """The file name of a pack's printout: ``ID-flashcards.pdf``, ``ID-exam.pdf``..."""
    return f"{pack_id}-{kind}.pdf"


def print_pack_set(loaded: LoadedPack, folder: Path, style: PageStyle) -> list[Path]:
    """Write the flashcards, the worksheet and the exam (its key on its own pages, seed
    :data:`SET_SEED`) of ``loaded`` into ``folder`` (made if missing); return the three
    paths in that order. Files of the same names are replaced, each atomically.

    Raises ValueError for a pack with errors (nothing to print: the caller shows its
    problems first) and OSError when the folder or a file cannot be written.
    """
    from clarity.printing.flashcards import flashcards  # noqa: PLC0415 - fpdf2 when printing
    from clarity.printing.worksheet import exam, worksheet  # noqa: PLC0415

    pack = loaded.pack
    if pack is None:
        raise ValueError(f"{loaded.path}: the pack has errors and cannot be printed")
    folder.mkdir(parents=True, exist_ok=True)
    documents = {
        "flashcards": lambda: flashcards(pack, loaded.images, style),
        "worksheet": lambda: worksheet(pack, loaded.images, style),
        "exam": lambda: exam(pack, loaded.images, style, seed=SET_SEED, key=True),
    }
    written: list[Path] = []
    for kind in PRINTOUTS:
        target = folder / printout_name(pack.id, kind)
        documents[kind]().save(target)  # one at a time: only one document in memory
        written.append(target)
    return written


def open_folder(path: Path) -> bool:
    """Show ``path`` in the system's file manager, without waiting for it; True when the
    system took the request, False where there is no way to (no ``xdg-open``, no display)
    or it failed. Never raises."""
    try:
        if sys.platform == "win32":
            os.startfile(path)  # type: ignore[attr-defined]
            return True
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        program = shutil.which(opener)
        if program is None:
            return False
        if sys.platform != "darwin" and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            return False  # no desktop to show it on: xdg-open would only print an error
        subprocess.Popen(
            [program, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the file manager outlives the game, never its child
        )
    except OSError:
        return False
    return True
