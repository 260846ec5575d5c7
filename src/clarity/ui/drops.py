"""Files dropped on the window: each imported into the packs folder, then one report of all.

SDL tells a drop as DROPBEGIN, a DROPFILE for each file (``event.file``, its path), then
DROPCOMPLETE; a single file may come as a DROPFILE alone. :class:`FileDrops` gathers the
files of one drop, and once the drop is over imports each on its own (through
:meth:`clarity.ui.services.Services.import_dropped`; the pictures dropped with a file of
questions are its rounds: :func:`clarity.formats.importing.dropped_together`) and opens
the "import-report" screen listing them all.

The imports run in a background thread (a 10,000-question bank takes about a second to
read, check and write), so the screen under the drop keeps drawing; a short notice says
they are under way, and the report opens on the frame after they end. An error in the
import itself (a bug, never the file's fault: that is a refusal in the report) is raised
again on the game's thread, where the game reports it.

A drop during a game (a round, a class game, the class game on every device: any of
:data:`GAME_SCREENS` in the stack) does not interrupt it: the teacher sees a short notice
that the files were heard, and they are imported and reported once the game is over (its
results show), as a teacher expects of a projector the class is watching.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from clarity.core.messages import plural_message

if TYPE_CHECKING:
    from clarity.ui.app import App
    from clarity.ui.services import DroppedFile

#: The screens of a game in progress: while one is in the stack, drops wait.
GAME_SCREENS = frozenset({"play", "pause", "class-play", "host-lobby", "host-play"})
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
        # DROPTEXT (text dragged from another program) is not a file: nothing to import
        return True

    def deliver(self, app: App) -> None:
        """After a frame's events: import the dropped files and open the report, unless
        a drop is still coming in or a game is being played (then say they wait); once
        the imports under way are over, open their report."""
        if self._working is not None:
            if self._working.is_alive():
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
        paths, self.waiting, self._told = self.waiting, [], 0
        app.notice.show(
            plural_message(
                "Importing {count} dropped file…", "Importing {count} dropped files…", len(paths)
            )
        )
        self._done, self._error = [], None
        self._working = threading.Thread(
            target=self._import,
            args=(app, paths),
            name="dropped-files",
            daemon=True,  # every file is written whole or not at all (atomic_files)
        )
        self._working.start()

    def _import(self, app: App, paths: list[Path]) -> None:
        # pictures dropped with a file of questions are its rounds
        from clarity.formats.importing import dropped_together  # noqa: PLC0415 - off the UI

        try:
            used: set[Path] = set()
            unused: list[Path] = []
            for path, images in dropped_together(paths):
                done = app.services.import_dropped(path, images=images)
                self._done.append(done)
                if done.outcome is not None:
                    used.update(images)
                else:
                    unused.extend(images)
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
        top = app.top
        if top is not None and top.name == REPORT_SCREEN:
            # a second drop while the report shows: one report of both, Esc goes back once
            earlier = list(getattr(top, "dropped", ()))
            app.screens.replace(REPORT_SCREEN, dropped=(*earlier, *dropped))
        else:
            app.screens.push(REPORT_SCREEN, dropped=tuple(dropped))
