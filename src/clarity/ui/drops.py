"""Files dropped on the window: each imported into the packs folder, then one report of all.

SDL tells a drop as DROPBEGIN, a DROPFILE for each file (``event.file``, its path), then
DROPCOMPLETE; a single file may come as a DROPFILE alone. :class:`FileDrops` gathers the
files of one drop, and once the drop is over imports each on its own (through
:meth:`clarity.ui.services.Services.import_dropped`) and opens the "import-report"
screen listing them all.

A drop during a game (a round, a class game, the class game on every device: any of
:data:`GAME_SCREENS` in the stack) does not interrupt it: the teacher sees a short notice
that the files were heard, and they are imported and reported once the game is over (its
results show). Importing then, not at once, keeps the game's frames free of the work
(a 10,000-question bank takes a second to read and write).
"""

from __future__ import annotations

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
        a drop is still coming in or a game is being played (then say they wait)."""
        if not self.waiting or self._dropping:
            return
        if any(scene.name in GAME_SCREENS for scene in app.scenes):
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
        dropped: list[DroppedFile] = [app.services.import_dropped(path) for path in paths]
        top = app.top
        if top is not None and top.name == REPORT_SCREEN:
            # a second drop while the report shows: one report of both, Esc goes back once
            earlier = list(getattr(top, "dropped", ()))
            app.screens.replace(REPORT_SCREEN, dropped=(*earlier, *dropped))
        else:
            app.screens.push(REPORT_SCREEN, dropped=tuple(dropped))
