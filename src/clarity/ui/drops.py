"""Files dropped on the window: each imported into the packs folder, then one report of all.

SDL tells a drop as DROPBEGIN, a DROPFILE for each file (``event.file``, its path), then
DROPCOMPLETE; a single file may come as a DROPFILE alone. :class:`FileDrops` gathers the
files of one drop, and once the drop is over imports each on its own (through
:meth:`clarity.ui.services.Services.import_dropped`; the pictures dropped with a file of
questions are its rounds: :func:`clarity.formats.importing.dropped_together`) and opens
the "import-report" screen listing them all.

The imports run in a background thread (a 10,000-question bank takes about a second to
read, check and write; 300 files, about 20 s), so the screen under the drop keeps
drawing; a notice says they are under way and, for several files, how many are done
("Importing 120 of 300 dropped files…"): it stays on screen until they end (it is given
again each frame, so a notice's own time never ends it) and the report opens on the frame
after. An error in the import itself (a bug, never the file's fault: that is a refusal in
the report) is raised again on the game's thread, where the game reports it.

A drop during a game (a round, a class game, the class game on every device, or their
results: any of :data:`GAME_SCREENS` in the stack) does not interrupt it: the teacher sees
a short notice that the files were heard, and they are imported and reported once the
teacher has left the game and its results, as a teacher expects of a projector the class
is watching. The notice of the import goes when its report opens (it would cover the
report's first lines). A drop while a report shows joins it, the files just dropped first:
their blocks at the top and their first pack the one "Play it now" plays.

What is dropped is made sense of here, before the importer sees it: a file dropped twice
in one drop is imported once (by its resolved path); a folder holding exactly one pack
file is that pack (its pictures beside it go with it), any other folder is refused with
what the game takes; a picture dropped with a pack file and no file of questions is said
to be the pack's business (the pack names its own pictures), or is passed over when it
is one of them; a file gone before its import is said to be gone in the interface's
language; text dragged in (a web link: SDL's DROPTEXT) gets a notice that only files
from this computer can be dropped.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import N_, Message, message, plural_message

if TYPE_CHECKING:
    from clarity.formats.importing import ImportOutcome
    from clarity.ui.app import App
    from clarity.ui.services import DroppedFile

#: The screens of a game in progress and of its results: while one is in the stack, drops
#: wait (a report over the results would hide the score from the class).
GAME_SCREENS = frozenset(
    {
        "play",
        "pause",
        "results",
        "class-play",
        "class-results",
        "host-lobby",
        "host-play",
        "host-results",
    }
)
#: A pack file's name endings (as :mod:`clarity.core.packs.loader` reads them).
PACK_SUFFIXES = (".yaml", ".yml")
#: The screen that reports the imports (ui/screens.py).
REPORT_SCREEN = "import-report"
DROP_EVENTS = frozenset({pygame.DROPBEGIN, pygame.DROPFILE, pygame.DROPCOMPLETE, pygame.DROPTEXT})


class FileDrops:
    """The files dropped on one App's window, waiting to be imported and reported."""

    def __init__(self) -> None:
        self.waiting: list[Path] = []  # dropped, not yet imported
        self._dropping = False  # between a DROPBEGIN and its DROPCOMPLETE
        self._told = 0  # how many of ``waiting`` the notice has told about
        self._working: threading.Thread | None = None  # importing the files taken
        self._done: list[DroppedFile] = []  # what the thread made of them
        self._error: BaseException | None = None  # what the thread raised (a bug)
        self._ready = False  # the thread is over: its report is to be opened
        self._text_dropped = False  # text (a web link) was dragged in: say what to do
        self._notice: Message | None = None  # the notice that the import is under way
        #: (files handled, files to import) of the import under way, set by its thread
        self._progress = (0, 0)

    @property
    def busy(self) -> bool:
        """Whether files wait to be imported or are being imported."""
        return bool(self.waiting) or self._working is not None or self._ready

    def take(self, event: pygame.event.Event) -> bool:
        """Note a drop event; True when ``event`` was one (it goes no further)."""
        if event.type not in DROP_EVENTS:
            return False
        if event.type == pygame.DROPBEGIN:
            self._dropping = True
        elif event.type == pygame.DROPCOMPLETE:
            self._dropping = False
        elif event.type == pygame.DROPFILE and getattr(event, "file", None):
            self.waiting.append(Path(event.file))
        elif event.type == pygame.DROPTEXT:
            self._text_dropped = True  # said after the frame's events (deliver): once
        return True

    def deliver(self, app: App) -> None:
        """After a frame's events: import the dropped files and open the report, unless
        a drop is still coming in or a game is being played (then say they wait); once
        the imports under way are over, open their report."""
        if self._text_dropped:
            self._text_dropped = False
            app.notice.show(TEXT_DROPPED)
        if self._working is not None:
            if self._working.is_alive():
                self._tell_progress(app)
                return
            self._working = None
            self._ready = True
        in_game = any(scene.name in GAME_SCREENS for scene in app.scenes)
        if self._ready:
            if not in_game:  # a game begun while they were imported: the report waits
                self._ready = False
                self._report(app)  # files dropped meanwhile go on the next frame
            return
        if not self.waiting or self._dropping:
            return
        if in_game:
            if self._told < len(self.waiting):
                self._told = len(self.waiting)
                app.notice.show(
                    plural_message(
                        "{count} dropped file is imported when this game is over",
                        "{count} dropped files are imported when this game is over",
                        len(self.waiting),
                    )
                )
            return
        paths, self.waiting, self._told = once_each(self.waiting), [], 0
        self._notice = plural_message(
            "Importing {count} dropped file…", "Importing {count} dropped files…", len(paths)
        )
        app.notice.show(self._notice)
        self._done, self._error, self._progress = [], None, (0, len(paths))
        self._working = threading.Thread(
            target=self._import,
            args=(app, paths),
            name="dropped-files",
            daemon=True,  # every file is written whole or not at all (atomic_files)
        )
        self._working.start()

    def _tell_progress(self, app: App) -> None:
        """Keep the import's notice on screen while the import runs, with how many of its
        files are done once one is; another notice shown meanwhile ("Sound off") is left
        its time, and then the import's comes back."""
        said = app.notice.said
        if said is not None and said is not self._notice:
            return
        done, count = self._progress  # one tuple, written whole by the thread
        if done and count > 1:
            self._notice = plural_message(
                "Importing {done} of {count} dropped file…",
                "Importing {done} of {count} dropped files…",
                count,
                done=min(done, count),
            )
        if self._notice is not None:
            app.notice.show(self._notice)  # its time starts again: it never runs out

    def _import(self, app: App, paths: list[Path]) -> None:
        # pictures dropped with a file of questions are its rounds
        from clarity.formats.importing import dropped_together  # noqa: PLC0415 - off the UI
        from clarity.ui.services import DroppedFile  # noqa: PLC0415 - a value, made here

        try:
            said: dict[Path, Message] = {}
            taken: list[Path] = []
            for path in paths:
                pack_or_why = _pack_in_folder(path) if path.is_dir() else path
                if isinstance(pack_or_why, Message):
                    said[path] = pack_or_why
                elif not os.path.lexists(
                    pack_or_why
                ):  # a link that leads nowhere: the importer says why
                    said[path] = message("{file}: the file is no longer there", file=str(path))
                else:
                    taken.append(pack_or_why)
                    continue
                taken.append(path)
            taken = once_each(taken)
            self._progress = (0, len(taken))
            with_pack = any(_is_pack(path) for path in taken)
            pictures_of_packs: set[Path] = set()
            used: set[Path] = set()
            unused: list[Path] = []
            later: list[Path] = []  # pictures dropped beside a pack: after the packs
            handled = 0  # files whose import is over (a file of questions and its pictures)
            for path, images in dropped_together(taken):
                self._progress = (handled, len(taken))
                handled += 1 + len(images)
                if path in said:
                    self._done.append(DroppedFile(path, refused=said[path]))
                    continue
                if with_pack and not images and _is_picture(path):
                    later.append(path)
                    continue
                done = app.services.import_dropped(path, images=images)
                self._done.append(done)
                if done.outcome is not None:
                    used.update(images)
                    pictures_of_packs.update(_pictures_named(path, done.outcome))
                else:
                    unused.extend(images)
            for picture in later:
                if _resolved(picture) not in pictures_of_packs:  # else it went with its pack
                    self._done.append(DroppedFile(picture, refused=Message(PICTURE_WITH_PACK)))
            for picture in dict.fromkeys(unused):  # their file refused: each told on its own
                if picture not in used:
                    self._done.append(app.services.import_dropped(picture))
        except BaseException as error:
            self._error = error

    def _report(self, app: App) -> None:
        """Open the report of the files imported (or raise what the import raised)."""
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        dropped, self._done = self._done, []
        if self._notice is not None and app.notice.said is self._notice:
            app.notice.said = None  # "Importing…" would cover the report's first lines
        self._notice = None
        top = app.top
        if top is not None and top.name == REPORT_SCREEN:
            # a second drop while the report shows: one report of both, Esc goes back once;
            # the files just dropped first, where the teacher looks, and their first pack
            # the one to play (the earlier blocks follow, under them)
            earlier = list(getattr(top, "dropped", ()))
            app.screens.replace(REPORT_SCREEN, dropped=(*dropped, *earlier))
        else:
            app.screens.push(REPORT_SCREEN, dropped=tuple(dropped))


#: Said when text (a web link) is dragged onto the window instead of a file.
TEXT_DROPPED = N_(
    "Only files from this computer can be dropped here: download the file first, then drop it"
)
#: Said of a picture dropped with a pack file (and no file of questions): not the pack's.
PICTURE_WITH_PACK = N_(
    "a pack file names its own pictures: put this picture beside the pack file, under the "
    "name the pack gives it, and drop the pack again"
)


def once_each(paths: list[Path]) -> list[Path]:
    """``paths`` without a file named twice (the same file however its path is written:
    compared resolved), in the order they first came."""
    seen: set[Path] = set()
    kept = []
    for path in paths:
        key = _resolved(path)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links, a name that cannot be looked at
        return path.absolute()


def _pictures_named(dropped: Path, outcome: ImportOutcome) -> set[Path]:
    """The pictures beside the pack file ``dropped`` that its import copied (resolved)."""
    folder = outcome.pack_path.parent
    named = set()
    for picture in outcome.loaded.images.values():
        if picture.is_relative_to(folder):  # the game's own pictures stay where they are
            named.add(_resolved(dropped.parent / picture.relative_to(folder)))
    return named


def _is_pack(path: Path) -> bool:
    return path.suffix.lower() in PACK_SUFFIXES


def _is_picture(path: Path) -> bool:
    from clarity.formats.detect import looks_like_picture  # noqa: PLC0415 - off the UI

    return looks_like_picture(path.name, b"")


def _pack_in_folder(folder: Path) -> Path | Message:
    """The one pack file directly in ``folder`` (a pack kept in a folder with its pictures),
    or why the folder is no file to import: it holds no pack, or several."""
    try:
        packs = sorted(
            entry
            for entry in folder.iterdir()
            if _is_pack(entry) and not entry.name.startswith(".") and entry.is_file()
        )
    except OSError:
        packs = []
    if len(packs) == 1:
        return packs[0]
    from clarity.formats.importing import FORMAT_NAMES  # noqa: PLC0415 - off the UI

    formats = ", ".join(FORMAT_NAMES.values())
    if not packs:
        return message(
            "{file} is a folder with no pack file in it; drop the files themselves: a pack "
            "(.yaml) or questions in {formats}",
            file=str(folder),
            formats=formats,
        )
    return plural_message(
        "{file} is a folder with {count} pack file in it; drop the pack files themselves",
        "{file} is a folder with {count} pack files in it; drop the pack files themselves",
        len(packs),
        file=str(folder),
    )
